"""Write a .7z with py7zr, as an independent writer.

Usage: py7zr_make.py ARCHIVE SRCDIR METHOD HEADER_ENCRYPTION
   (password on standard input; METHOD: lzma2, lzma, copy, deflate;
    HEADER_ENCRYPTION: on or off). Adds every file of SRCDIR, by relative path.
"""
import os
import sys

import py7zr

FILTERS = {
    "lzma2": py7zr.FILTER_LZMA2,
    "lzma": py7zr.FILTER_LZMA,
    "copy": py7zr.FILTER_COPY,
    "deflate": py7zr.FILTER_DEFLATE,
}


def main() -> int:
    archive, src, method, he = sys.argv[1:5]
    password = sys.stdin.read()
    filters = [{"id": FILTERS[method]}, {"id": py7zr.FILTER_CRYPTO_AES256_SHA256}]
    with py7zr.SevenZipFile(archive, "w", password=password, filters=filters,
                            header_encryption=(he == "on")) as z:
        for root, _, files in sorted(os.walk(src)):
            for f in sorted(files):
                path = os.path.join(root, f)
                z.write(path, os.path.relpath(path, src))
    return 0


if __name__ == "__main__":
    sys.exit(main())
