"""Extract an encrypted .7z with py7zr, as an independent reader.

Usage: py7zr_extract.py ARCHIVE OUTDIR   (password on standard input)

An empty standard input means no password: then even listing the names
must fail, because the header is encrypted. Prints one line per entry
name. Exits non-zero on any error, e.g. a wrong or missing password.
"""
import sys

import py7zr


def main() -> int:
    archive, outdir = sys.argv[1], sys.argv[2]
    password = sys.stdin.read() or None
    with py7zr.SevenZipFile(archive, mode="r", password=password) as z:
        names = z.getnames()
        for name in names:
            if "/" in name or "\\" in name or name in (".", ".."):
                raise ValueError("entry name is a path")
        z.extractall(path=outdir)
        for name in names:
            print(f"name={name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
