#!/usr/bin/env bash
# Builds the three Wasm packages, each a release build for wasm32 run through
# wasm-bindgen (--target web: loads in a module script, in webpack and in
# Node via initSync) and wasm-opt from npm's binaryen:
#
# * pkg/: the npm package of the public contract, every export including
#   sealFiles, built for speed where it counts (profile `release`);
# * target/page-pkg/: the page's own engine, which webpack builds into the
#   worker script: without sealFiles and Deflate (feature `seal-files`
#   off), built for size except the key derivations (profile `page`).
#   See [profile.page] in Cargo.toml;
# * target/open-pkg/: open.html's engine: only `openArchive` (feature `open`
#   without `seal`: no password word lists, postal data or registry), built
#   the same way.
set -euo pipefail
cd "$(dirname "$0")/.."

# Panic locations in the Wasm name the source files. Ours are relative
# (src/…), but the crates' would carry this machine's cargo home
# (/root/.cargo/registry/…): remapped, the Wasm is the same whichever
# machine, user or clone directory builds it. (--config adds to the
# rustflags of .cargo/config.toml; RUSTFLAGS would replace them.)
cargo_home=${CARGO_HOME:-$HOME/.cargo}
if [ -d "$cargo_home" ]; then cargo_home=$(cd "$cargo_home" && pwd); fi
remap=(--config "target.wasm32-unknown-unknown.rustflags=[\"--remap-path-prefix=$cargo_home=CARGO_HOME\"]")

# build <cargo profile> <out dir> [cargo flags...]
build() {
  local profile=$1 out=$2
  shift 2
  cargo build --profile "$profile" --lib --target wasm32-unknown-unknown "${remap[@]}" "$@"
  local wasm=target/wasm32-unknown-unknown/$profile/referral_seal.wasm
  rm -rf "$out"
  wasm-bindgen --target web --out-dir "$out" --remove-name-section --remove-producers-section "$wasm"
  if grep -aqF -e "$cargo_home/" -e "$(pwd -P)/" "$out/referral_seal_bg.wasm"; then
    echo "build-pkg: $out/referral_seal_bg.wasm names a path of this machine" >&2
    exit 1
  fi
  if [ -x node_modules/.bin/wasm-opt ]; then
    # Features are read from the module's target_features section (strip = false).
    node_modules/.bin/wasm-opt -O3 "$out/referral_seal_bg.wasm" -o "$out/referral_seal_bg.opt.wasm"
    mv "$out/referral_seal_bg.opt.wasm" "$out/referral_seal_bg.wasm"
  fi
  local raw gz
  raw=$(stat -c %s "$out/referral_seal_bg.wasm")
  gz=$(gzip -9c "$out/referral_seal_bg.wasm" | wc -c)
  echo "$out/referral_seal_bg.wasm: $raw bytes raw, $gz bytes gzipped"
}

build release pkg -p referral-seal
build page target/page-pkg -p referral-seal --no-default-features --features seal
build page target/open-pkg -p referral-seal --no-default-features --features open

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
