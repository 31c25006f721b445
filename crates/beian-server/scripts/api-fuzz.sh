#!/usr/bin/env bash
# API fuzzing of `beian serve` against its own OpenAPI document (issue 7):
# schemathesis (PyPI, installed into .ci/venv by .ci/setup) generates
# requests from /api/v1/openapi.json — examples, boundary values, random
# fuzzing and stateful sequences through the API's links — and fails on any
# 5xx, any undocumented status or content type, any response that does not
# match its schema, and any request outside the schema that is accepted.
#
#   bash crates/beian-server/scripts/api-fuzz.sh [SECONDS]   (default 60)
#
# Excluded check: positive_data_acceptance. The rules refuse filings that
# are valid JSON of the right shape (an empty ID number, a bad domain …)
# with 422 and findings, by design; the schema cannot say what the rules say.
# Runs the debug binary on a fresh SQLite file on a free loopback port,
# with a provider's credential (`beian credentials add`) on every request:
# the routes behind authentication are fuzzed too (without it they would
# all be 401), and schemathesis's ignored_auth check sends requests without
# it, which must be refused.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
SECONDS_BUDGET=${1:-60}
ST="$ROOT/.ci/venv/bin/schemathesis"
if [ ! -x "$ST" ]; then
  echo "api-fuzz: schemathesis is not installed (run: source .ci/setup)" >&2
  exit 1
fi
cargo build --locked -q -p beian-server --bin beian
WORK=$(mktemp -d /tmp/beian-api-fuzz.XXXXXX)
TOKEN=$("$ROOT/target/debug/beian" credentials --database-url "sqlite://$WORK/beian.db" add --provider A 2>/dev/null)
"$ROOT/target/debug/beian" serve --addr 127.0.0.1:0 --dist "$WORK/no-wizard" \
  --database-url "sqlite://$WORK/beian.db" 2>"$WORK/server.log" >/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
ADDR=""
for _ in $(seq 1 300); do
  ADDR=$(sed -n 's/^beian: listening on http:\/\///p' "$WORK/server.log" | head -n 1)
  [ -n "$ADDR" ] && break
  kill -0 $SERVER 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$ADDR" ] || { echo "api-fuzz: the server did not start" >&2; exit 1; }
echo "api-fuzz: beian serve on $ADDR, schemathesis for ${SECONDS_BUDGET}s"
NO_COLOR=1 "$ST" run "http://$ADDR/api/v1/openapi.json" \
  --checks all --exclude-checks positive_data_acceptance \
  --header "Authorization: Bearer $TOKEN" \
  --max-time "$SECONDS_BUDGET" --workers 2
# Nothing the server logged may be a panic.
if grep -qi "panicked" "$WORK/server.log"; then
  grep -i -A3 "panicked" "$WORK/server.log" >&2
  exit 1
fi
