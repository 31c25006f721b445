#!/bin/sh
# Builds the npm package's generated files into pkg/dist/ (git-ignored), one
# wasm per entry point, each crates/beian-wasm built with only its cargo
# feature: `rules` is `.` (dist/beian_wasm.js, loaded by index.js in
# browsers and node.js in Node), `flow` is `./flow` (dist/beian_flow.js and
# the entry files scripts/entry.mjs writes: dist/flow.js, dist/flow.node.js,
# dist/flow.d.ts), and so on for every other entry whose feature
# crates/beian-wasm/Cargo.toml declares (`batch`; `id` is `./id` and
# `domain` is `./domain`, whose files are id/ and domain/, over
# dist/beian_id.js and dist/beian_domain.js). For each: the wasm-bindgen
# glue (target web), wasm-opt -O3 (as small as -Oz after rustc's opt-level
# "z", and faster), and the .wasm inside JavaScript (scripts/inline.mjs:
# dist/wasm.js for `.`, dist/<entry>.wasm.js for the others).
# BEIAN_WASM_PROFILE=<cargo profile> builds with another profile (measuring).
# Needs: rustup target wasm32-unknown-unknown, wasm-bindgen (the version in
# Cargo.lock), wasm-opt and node on PATH (`bash .ci/setup` installs them).
set -eu
pkg=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$pkg/.." && pwd)
cd "$root"
profile=${BEIAN_WASM_PROFILE:-wasm-package}
entries="rules flow"
# Entries that exist once their feature does (another change adds them).
for e in batch id domain; do
  if grep -q "^$e *=" crates/beian-wasm/Cargo.toml; then entries="$entries $e"; fi
done
# BEIAN_ENTRIES="id domain" rebuilds only those (measuring); the others'
# files in dist/ stay.
if [ -n "${BEIAN_ENTRIES:-}" ]; then
  entries=$BEIAN_ENTRIES
else
  rm -rf "$pkg/dist"
fi
mkdir -p "$pkg/dist"
for entry in $entries; do
  if [ "$entry" = rules ]; then name=beian_wasm out=wasm; else name=beian_$entry out=$entry.wasm; fi
  cargo build --locked -p beian-wasm --target wasm32-unknown-unknown --profile "$profile" \
    --no-default-features --features "$entry"
  wasm-bindgen --target web --out-dir "$pkg/dist" --out-name "$name" \
    "target/wasm32-unknown-unknown/$profile/beian_wasm.wasm"
  wasm-opt -O3 --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$pkg/dist/${name}_bg.wasm" -o "$pkg/dist/${name}_bg.wasm"
  rm -f "$pkg/dist/${name}_bg.wasm.d.ts"
  node "$pkg/scripts/inline.mjs" "$name" "$out"
  # `.`, `./id` and `./domain` have their own files (index.js, id/,
  # domain/); the others are written from their glue.
  case $entry in rules | id | domain) ;; *) node "$pkg/scripts/entry.mjs" "$entry" ;; esac
  raw=$(wc -c < "$pkg/dist/${name}_bg.wasm")
  gz=$(gzip -9 -c "$pkg/dist/${name}_bg.wasm" | wc -c)
  echo "pkg/dist/${name}_bg.wasm ($entry): $raw bytes, $gz gzipped"
done
# `beian serve` sends these precompressed copies (.br, .gz) to browsers
# that accept them; `files` in package.json leaves them out of the tarball.
node web/scripts/precompress.mjs "$pkg/dist"
