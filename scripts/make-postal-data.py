#!/usr/bin/env python3
"""Derive data/postal-codes.csv (the source of the compact form that build.rs embeds in the crate) from data/source/.

Inputs (see data/README.md for provenance):
  data/source/be-postal-codes-extended.csv          bpost localities with NL/FR
                                                    names and their municipality
  data/source/be-postal-code-municipality-statbel-2025.csv
                                                    Statbel postal code ->
                                                    municipality pairs

Output: data/postal-codes.csv, one row per (postal code, locality), sorted,
columns

  postal_code,locality,locality_fr,municipality,municipality_fr

where an empty `locality_fr` means "same as locality", an empty
`municipality` means "same as locality" and an empty `municipality_fr` means
"same as locality_fr" when `municipality` is empty, else "same as
municipality". Statbel pairs that bpost's list lacks (codes shared by
two municipalities such as 1040, 1050 and 1804, and the codes 1931 and 7010)
get a row whose locality is the municipality itself.

Run from the repository root:  python3 scripts/make-postal-data.py
The script is deterministic; it exits non-zero if the sources disagree.
"""

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "data" / "source"
OUT = ROOT / "data" / "postal-codes.csv"


def fail(msg: str) -> None:
    print(f"make-postal-data: {msg}", file=sys.stderr)
    sys.exit(1)


def check_name(name: str, where: str) -> None:
    if not name or name != name.strip() or "," in name or '"' in name:
        fail(f"unexpected name {name!r} in {where}")


def main() -> None:
    rows = {}  # (code, locality) -> (locality_fr, municipality, municipality_fr)
    municipality_fr = {}  # municipality -> French name

    with open(SRC / "be-postal-codes-extended.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code = r["postal_code"]
            if len(code) != 4 or not code.isdigit():
                fail(f"bad postal code {code!r}")
            for k in ("locality", "municipality", "municipality_fr"):
                check_name(r[k], f"extended {code}")
            # bpost gives no French name for a few localities: use the Dutch one.
            loc_fr = r["locality_fr"] or r["locality"]
            check_name(loc_fr, f"extended {code}")
            key = (code, r["locality"])
            value = (loc_fr, r["municipality"], r["municipality_fr"])
            if rows.get(key, value) != value:
                fail(f"conflicting rows for {key}")
            rows[key] = value
            municipality_fr.setdefault(r["municipality"], r["municipality_fr"])

    pairs = {(code, v[1]) for (code, _), v in rows.items()}
    added = 0
    with open(
        SRC / "be-postal-code-municipality-statbel-2025.csv", newline="", encoding="utf-8"
    ) as f:
        for r in csv.DictReader(f):
            code, mun, mun_fr = r["postal_code"], r["municipality"], r["municipality_fr"]
            check_name(mun, f"statbel {code}")
            check_name(mun_fr, f"statbel {code}")
            if municipality_fr.setdefault(mun, mun_fr) != mun_fr:
                fail(f"French name of {mun} differs between sources")
            if (code, mun) in pairs:
                continue
            key = (code, mun)
            if key in rows:
                fail(f"locality {mun} of {code} already belongs to another municipality")
            rows[key] = (mun_fr, mun, mun_fr)
            pairs.add((code, mun))
            added += 1

    with open(OUT, "w", newline="", encoding="utf-8") as f:
        f.write("postal_code,locality,locality_fr,municipality,municipality_fr\n")
        for (code, loc), (loc_fr, mun, mun_fr) in sorted(rows.items()):
            f.write(
                ",".join(
                    [
                        code,
                        loc,
                        "" if loc_fr == loc else loc_fr,
                        "" if mun == loc else mun,
                        "" if mun_fr == (loc_fr if mun == loc else mun) else mun_fr,
                    ]
                )
                + "\n"
            )
    codes = len({code for code, _ in rows})
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} localities, {codes} postal codes, "
          f"{added} rows from Statbel only, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
