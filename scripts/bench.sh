#!/usr/bin/env bash
# The performance benchmark of issue 4 (see bench/run.mjs): page weight,
# ready time, seal latency, sealFiles throughput and cost growth, in Node and
# headless Chromium, against zip.js and native 7-Zip; then the opener
# (bench/open.mjs: open.html against 7z-wasm and 7zz). A few minutes.
#
#   scripts/bench.sh [--smoke] [--no-browser] [--no-node] [--loads N]
set -euo pipefail
cd "$(dirname "$0")/.."
# The page is built when the repository has one (webpack.config.js); the
# weight and ready-time parts measure whatever dist/ holds.
if [ -f webpack.config.js ]; then
  make --no-print-directory dist
fi
node bench/run.mjs "$@"
# The opener (open.html, openArchive) against 7z-wasm and native 7zz.
exec node bench/open.mjs
