"""Write a WinZip-AES .zip with pyzipper, as an independent writer.

Usage: pyzipper_make.py ARCHIVE SRCDIR METHOD VERSION   (password on standard
   input; METHOD: stored or deflate; VERSION: 1 or 2, the AE-x vendor version). Adds every file of SRCDIR, by relative path.
   Prints the AES vendor version pyzipper chose for each entry.
"""
import os
import sys

import pyzipper


def main() -> int:
    archive, src, method, version = sys.argv[1:5]
    password = sys.stdin.buffer.read()
    compression = pyzipper.ZIP_STORED if method == "stored" else pyzipper.ZIP_DEFLATED
    with pyzipper.AESZipFile(archive, "w", compression=compression,
                             encryption=pyzipper.WZ_AES) as z:
        z.setpassword(password)
        z.setencryption(pyzipper.WZ_AES, nbits=256, force_wz_aes_version=int(version))
        for root, _, files in sorted(os.walk(src)):
            for f in sorted(files):
                path = os.path.join(root, f)
                z.write(path, os.path.relpath(path, src))
    with pyzipper.AESZipFile(archive) as z:
        for info in z.infolist():
            print(f"aes_version={info.wz_aes_version} name={info.filename}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
