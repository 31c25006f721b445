#!/bin/sh
# Builds the npm packages' generated files (git-ignored), one wasm per entry
# point, each crates/beian-wasm built with only its cargo feature:
# - `rules` is `beian`'s `.` (dist/beian_wasm.js, loaded by index.js in
#   browsers and node.js in Node); `id` is `./id` and `domain` is
#   `./domain`, whose files are id/ and domain/, over dist/beian_id.js and
#   dist/beian_domain.js.
# - The entries in $packages below are npm packages of their own,
#   `beian-<entry>` in pkg/<entry>/ (package.json, README.md; generated
#   files in pkg/<entry>/dist/: the glue beian_<entry>.js and the files
#   scripts/entry.mjs writes, <entry>.js, <entry>.node.js, <entry>.d.ts and
#   a copy of load.js). `beian` depends on them and re-exports each as
#   `./<entry>` (dist/<entry>.js, dist/<entry>.d.ts), so that its own
#   tarball does not carry their modules; pkg/node_modules/beian-<entry>
#   links to pkg/<entry>/, so that `beian` resolves them in the repository.
# The `flow` entry exists always; `batch`, `id` and `domain` once
# crates/beian-wasm/Cargo.toml declares their feature. For each: the
# wasm-bindgen glue (target web), wasm-opt -O3 (as small as -Oz after
# rustc's opt-level "z", and faster), and the .wasm inside JavaScript
# (scripts/inline.mjs: dist/wasm.js for `.`, <dist>/<entry>.wasm.js for the
# others).
# BEIAN_WASM_PROFILE=<cargo profile> builds with another profile (measuring).
# Needs: rustup target wasm32-unknown-unknown, wasm-bindgen (the version in
# Cargo.lock), wasm-opt and node on PATH (`bash .ci/setup` installs them).
set -eu
pkg=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$pkg/.." && pwd)
cd "$root"
profile=${BEIAN_WASM_PROFILE:-wasm-package}
# The entries published as packages of their own (beian-<entry>, pkg/<entry>/).
packages="flow batch"
entries="rules flow"
# Entries that exist once their feature does (another change adds them).
for e in batch id domain; do
  if grep -q "^$e *=" crates/beian-wasm/Cargo.toml; then entries="$entries $e"; fi
done
# The directory of an entry's generated files.
dist_of() {
  case " $packages " in *" $1 "*) echo "$pkg/$1/dist" ;; *) echo "$pkg/dist" ;; esac
}
# BEIAN_ENTRIES="id domain" rebuilds only those (measuring); the others'
# files stay.
if [ -n "${BEIAN_ENTRIES:-}" ]; then
  entries=$BEIAN_ENTRIES
else
  rm -rf "$pkg/dist"
  for p in $packages; do rm -rf "$pkg/$p/dist"; done
fi
mkdir -p "$pkg/dist"
for entry in $entries; do
  dist=$(dist_of "$entry")
  mkdir -p "$dist"
  if [ "$entry" = rules ]; then name=beian_wasm out=wasm; else name=beian_$entry out=$entry.wasm; fi
  cargo build --locked -p beian-wasm --target wasm32-unknown-unknown --profile "$profile" \
    --no-default-features --features "$entry"
  wasm-bindgen --target web --out-dir "$dist" --out-name "$name" \
    "target/wasm32-unknown-unknown/$profile/beian_wasm.wasm"
  wasm-opt -O3 --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$dist/${name}_bg.wasm" -o "$dist/${name}_bg.wasm"
  rm -f "$dist/${name}_bg.wasm.d.ts"
  node "$pkg/scripts/inline.mjs" "$dist" "$name" "$out"
  # `.`, `./id` and `./domain` have their own files (index.js, id/,
  # domain/); the packages' are written from their glue.
  case " $packages " in *" $entry "*)
    node "$pkg/scripts/entry.mjs" "$entry"
    mkdir -p "$pkg/node_modules"
    ln -sfn "../$entry" "$pkg/node_modules/beian-$entry"
    ;;
  esac
  raw=$(wc -c < "$dist/${name}_bg.wasm")
  gz=$(gzip -9 -c "$dist/${name}_bg.wasm" | wc -c)
  echo "${dist#"$root/"}/${name}_bg.wasm ($entry): $raw bytes, $gz gzipped"
done
# `beian serve` sends these precompressed copies (.br, .gz) to browsers
# that accept them; `files` in package.json leaves them out of the tarballs.
set --
for p in $packages; do
  if [ -d "$pkg/$p/dist" ]; then set -- "$@" "$pkg/$p/dist"; fi
done
node web/scripts/precompress.mjs "$pkg/dist" "$@"
