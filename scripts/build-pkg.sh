#!/usr/bin/env bash
# Builds the Wasm package into pkg/: release build for wasm32, wasm-bindgen
# (--target web: loads in a module script, in webpack and in Node via
# initSync), wasm-opt from npm's binaryen, and a package.json.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --lib --target wasm32-unknown-unknown
wasm=target/wasm32-unknown-unknown/release/referral_seal.wasm
rm -rf pkg
wasm-bindgen --target web --out-dir pkg --remove-name-section --remove-producers-section "$wasm"
if [ -x node_modules/.bin/wasm-opt ]; then
  # Features are read from the module's target_features section (strip = false).
  node_modules/.bin/wasm-opt -O3 pkg/referral_seal_bg.wasm -o pkg/referral_seal_bg.opt.wasm
  mv pkg/referral_seal_bg.opt.wasm pkg/referral_seal_bg.wasm
fi
version=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
cat > pkg/package.json <<JSON
{
  "name": "referral-seal",
  "version": "$version",
  "description": "Validate a referral and seal it into a 7-Zip-compatible AES-256 archive, in the browser",
  "license": "EUPL-1.2",
  "type": "module",
  "main": "referral_seal.js",
  "module": "referral_seal.js",
  "types": "referral_seal.d.ts",
  "files": ["referral_seal_bg.wasm", "referral_seal.js", "referral_seal.d.ts", "referral_seal_bg.wasm.d.ts"],
  "sideEffects": ["./snippets/*"]
}
JSON
raw=$(stat -c %s pkg/referral_seal_bg.wasm)
gz=$(gzip -9c pkg/referral_seal_bg.wasm | wc -c)
echo "pkg/referral_seal_bg.wasm: $raw bytes raw, $gz bytes gzipped"
