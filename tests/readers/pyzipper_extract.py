"""Extract a WinZip-AES .zip with pyzipper, as an independent reader.

Usage: pyzipper_extract.py ARCHIVE OUTDIR   (password on standard input)

Prints one line per entry: the compression type, the AES strength and
vendor version pyzipper read, and the name. Exits non-zero on any error,
e.g. a wrong password.
"""
import os
import sys

import pyzipper


def main() -> int:
    archive, outdir = sys.argv[1], sys.argv[2]
    password = sys.stdin.buffer.read()
    with pyzipper.AESZipFile(archive) as zf:
        zf.setpassword(password)
        for info in zf.infolist():
            data = zf.read(info)
            # A plain name only: never let an entry escape OUTDIR.
            if os.path.basename(info.filename) != info.filename:
                raise ValueError("entry name is a path")
            with open(os.path.join(outdir, info.filename), "wb") as out:
                out.write(data)
            print(
                f"compress_type={info.compress_type} "
                f"aes_strength={getattr(info, 'wz_aes_strength', None)} "
                f"aes_version={getattr(info, 'wz_aes_version', None)} "
                f"name={info.filename}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
