#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (cargo-fuzz, libFuzzer, nightly).
#
#   scripts/fuzz.sh                      all targets, FUZZ_SECONDS (60) each
#   FUZZ_SECONDS=600 scripts/fuzz.sh phone email
#
# Builds are optimised with debug assertions and overflow checks on, without
# a sanitizer (the crate has no unsafe code outside the Wasm allocator, which
# native builds do not use), so each target gets more executions per second.
# New inputs go to fuzz/work/<target> (ignored by git); the committed seeds
# in fuzz/corpus/<target> are only read. A crash leaves its input in
# fuzz/artifacts/<target>/ and stops the script with a non-zero status:
# turn it into a regression test in tests/ or the module's tests.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
all=(validate_referral seal_referral seal_referral_7z open_archive open_any phone email name postal)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: the nightly toolchain is needed (rustup toolchain install nightly)" >&2
  exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz from crates.io"
  cargo install cargo-fuzz --locked
fi

for t in "${targets[@]}"; do
  mkdir -p "fuzz/work/$t" "fuzz/corpus/$t"
  echo "fuzz: $t for ${seconds}s"
  (cd fuzz && cargo +nightly fuzz run -s none "$t" "work/$t" "corpus/$t" -- \
      -max_total_time="$seconds" -print_final_stats=1 -max_len=4096 -timeout=30) 2>&1 \
    | grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec|==[0-9]+== ERROR|thread .* panicked|SUMMARY|artifact_prefix|Test unit written)' || true
  if [ -n "$(ls -A "fuzz/artifacts/$t" 2>/dev/null)" ]; then
    echo "fuzz: $t found crashes in fuzz/artifacts/$t" >&2
    exit 1
  fi
done
