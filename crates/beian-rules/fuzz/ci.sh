#!/usr/bin/env bash
# A short run of every cargo-fuzz target of beian-rules, for CI (issue 16):
# SECONDS in all (default 60), shared equally by the targets, each from the
# corpus it has (crates/beian-rules/fuzz/corpus/, git-ignored: empty on a
# fresh clone). A crash fails the run and leaves its input in
# crates/beian-rules/fuzz/artifacts/<target>/ (the command to reproduce it is
# printed).
#
#   bash crates/beian-rules/fuzz/ci.sh [SECONDS]
#
# Needs cargo-fuzz (.ci/setup installs it) and a C++ compiler (libFuzzer;
# build-essential). cargo-fuzz wants nightly features: RUSTC_BOOTSTRAP=1
# lets the stable toolchain build them. No sanitizer (the rules forbid
# unsafe code: a sanitized build costs minutes and finds nothing more
# here), debug assertions on, so an overflow panics as it would in a test.
# The fuzz crate is no member of the workspace; its lock file starts as a
# copy of the workspace's, so that the rules build with the versions they
# are tested with.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUDGET=${1:-60}
FUZZ_DIR="$ROOT/crates/beian-rules/fuzz"
cd "$ROOT"
export RUSTC_BOOTSTRAP=1
if [ ! -f "$FUZZ_DIR/Cargo.lock" ]; then
  cp Cargo.lock "$FUZZ_DIR/Cargo.lock"
fi
FLAGS=(--fuzz-dir "$FUZZ_DIR" --sanitizer none --debug-assertions)
start=$(date +%s)
cargo fuzz build "${FLAGS[@]}"
built=$(date +%s)
mapfile -t targets < <(cargo fuzz list --fuzz-dir "$FUZZ_DIR")
each=$((BUDGET / ${#targets[@]}))
[ "$each" -ge 1 ] || each=1
LOG=$(mktemp /tmp/beian-fuzz.XXXXXX)
trap 'rm -f "$LOG"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "$FUZZ_DIR/corpus/$t"
  # -rss_limit_mb: a run that holds more memory fails as a finding.
  if ! cargo fuzz run "${FLAGS[@]}" "$t" -- -max_total_time="$each" -rss_limit_mb=1024 \
    -print_final_stats=1 >"$LOG" 2>&1; then
    tail -n 60 "$LOG" >&2
    echo "fuzz: $t failed (its input is in $FUZZ_DIR/artifacts/$t/)" >&2
    exit 1
  fi
  runs=$(awk '/^stat::number_of_executed_units/ { print $2 }' "$LOG")
  echo "fuzz: $t ${each}s, ${runs:-?} inputs, corpus $(ls "$FUZZ_DIR/corpus/$t" | wc -l)"
done
end=$(date +%s)
echo "fuzz: ${#targets[@]} targets, build $((built - start)) s, runs $((end - built)) s"
