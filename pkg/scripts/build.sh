#!/bin/sh
# Builds the npm package's generated files into pkg/dist/ (git-ignored):
# the wasm of crates/beian-wasm, its wasm-bindgen glue (target web, loaded by
# index.js in browsers and by node.js in Node), wasm-opt -O3 (as small as
# -Oz after rustc's opt-level "z", and faster), and dist/wasm.js, the .wasm
# inside JavaScript (scripts/inline.mjs).
# BEIAN_WASM_PROFILE=<cargo profile> builds with another profile (measuring).
# Needs: rustup target wasm32-unknown-unknown, wasm-bindgen (the version in
# Cargo.lock), wasm-opt and node on PATH (`bash .ci/setup` installs them).
set -eu
pkg=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$pkg/.." && pwd)
cd "$root"
profile=${BEIAN_WASM_PROFILE:-wasm-package}
cargo build --locked -p beian-wasm --target wasm32-unknown-unknown --profile "$profile"
rm -rf "$pkg/dist"
wasm-bindgen --target web --out-dir "$pkg/dist" --out-name beian_wasm \
  "target/wasm32-unknown-unknown/$profile/beian_wasm.wasm"
wasm-opt -O3 --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$pkg/dist/beian_wasm_bg.wasm" -o "$pkg/dist/beian_wasm_bg.wasm"
rm -f "$pkg/dist/beian_wasm_bg.wasm.d.ts"
node "$pkg/scripts/inline.mjs"
raw=$(wc -c < "$pkg/dist/beian_wasm_bg.wasm")
gz=$(gzip -9 -c "$pkg/dist/beian_wasm_bg.wasm" | wc -c)
echo "pkg/dist/beian_wasm_bg.wasm: $raw bytes, $gz gzipped"
