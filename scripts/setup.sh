#!/usr/bin/env bash
# Installs everything the build and the tests need, idempotently: fast when
# everything is already present. Only package registries are used (Debian,
# crates.io, npm, PyPI); nothing downloads a prebuilt binary from elsewhere.
#
#   scripts/setup.sh          everything (build + tests)
#   scripts/setup.sh build    only what `make serve` / `make dist` need
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}

say() { printf '[setup] %s\n' "$*"; }

# Rust target for the Wasm build.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen CLI: must be exactly the version of the wasm-bindgen crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want from crates.io (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$want"
fi

# Supply-chain checks (`make lint`): cargo-deny, and every crate of Cargo.lock
# in the local cache so that the check runs offline.
if [ "$what" = all ]; then
  if ! cargo deny --version >/dev/null 2>&1; then
    say "installing cargo-deny from crates.io (a few minutes, once)"
    cargo install cargo-deny --locked
  fi
  cargo fetch --locked --quiet
fi

# Debian packages: xz for the build (it packs the Wasm binary into the
# worker script); real 7-Zip and other readers for the tests, Chromium for the
# page tests.
need_apt=()
command -v xz >/dev/null || need_apt+=(xz-utils)
if [ "$what" = all ]; then
  command -v 7zz >/dev/null || need_apt+=(7zip)
  command -v 7z >/dev/null || need_apt+=(p7zip-full)
  command -v bsdtar >/dev/null || need_apt+=(libarchive-tools)
  command -v chromium >/dev/null || need_apt+=(chromium)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing Debian packages: ${need_apt[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

# npm packages (build tools, test drivers), exactly as locked.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.setup-stamp; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.setup-stamp
fi

# Python readers for the interoperability tests (py7zr, pyzipper).
if [ "$what" = all ]; then
  if [ ! -x .venv/bin/python ] || ! cmp -s requirements-test.txt .venv/.setup-stamp; then
    say "installing Python test readers into .venv"
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check -r requirements-test.txt
    cp requirements-test.txt .venv/.setup-stamp
  fi
fi
say "ready"
