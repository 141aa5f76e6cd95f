#!/usr/bin/env bash
# Builds dist/ a second time from a copy of the sources in another directory,
# with another cargo home, and checks that every file comes out byte for byte
# the same as this checkout's dist/ (run `make dist` first). What it proves:
# the build does not depend on where the sources are, on the cargo home or on
# anything random; what an intranet host compares with `sha256sum dist/*`.
#
# The second build runs offline: its cargo home links to this machine's
# crate registry and cargo configuration (the crates are the ones Cargo.lock
# pins either way).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "check-reproducible: no dist/; run make dist first" >&2; exit 1; }

cargo_home=${CARGO_HOME:-$HOME/.cargo}
work=$(mktemp -d "${TMPDIR:-/tmp}/referral-seal-repro.XXXXXX")
mkdir -p "$work/src" "$work/cargo-home"
for f in registry config.toml config; do
  if [ -e "$cargo_home/$f" ]; then ln -s "$(cd "$cargo_home" && pwd)/$f" "$work/cargo-home/$f"; fi
done

# The sources as they are here, committed or not, without what git ignores.
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$work/src"
ln -s "$PWD/node_modules" "$work/src/node_modules"

if ! (
  cd "$work/src"
  export CARGO_HOME="$work/cargo-home" CARGO_NET_OFFLINE=true
  scripts/build-pkg.sh && npx webpack --mode production
) >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "check-reproducible: the second build failed (kept in $work)" >&2
  exit 1
fi

here=$(cd dist && sha256sum -- * | sort -k2)
there=$(cd "$work/src/dist" && sha256sum -- * | sort -k2)
if [ "$here" != "$there" ]; then
  echo "check-reproducible: the second build's dist/ differs:" >&2
  diff <(echo "$here") <(echo "$there") >&2 || true
  echo "check-reproducible: the second build is kept in $work" >&2
  exit 1
fi
echo "check-reproducible: dist/ built again in $work/src with CARGO_HOME=$work/cargo-home: all $(echo "$here" | wc -l) files identical"
echo "$here"
rm -rf "$work"
