#!/usr/bin/env bash
# Writes the seeds of the open_any fuzz target (fuzz/corpus/open_any) with
# real 7-Zip: small archives, one per decoder and option, unencrypted or
# encrypted with the fuzz target's password; in encrypted .7z seeds whose
# header is plain, the key derivation power is patched to 0 (CRCs fixed),
# so that each fuzz run costs one SHA-256 round, not 2^19.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus/open_any
pw=kotu-mepa-ribe-noza-veki-suta
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/src/map"
printf 'Sofie Van den Broeck, Kerkstraat 12 bus B, 8940 Geluwe\r\n%.0s' {1..20} > "$work/src/brief Brûlé.txt"
printf 'MZ\x90\x00\xe8\x10\x00\x00\x00\xe9\x20\x00\x00\x00' > "$work/src/map/prog.bin"
: > "$work/src/leeg.txt"
n=0
make_seed() {
  n=$((n + 1))
  local name=$1; shift
  (cd "$work/src" && 7zz a -bd -bso0 "$@" "$work/$name" . >/dev/null)
  cp "$work/$name" "$out/$(printf '%02d' $n)-$name"
}
make_seed lzma2.7z -t7z
make_seed lzma.7z -t7z -m0=LZMA
make_seed copy.7z -t7z -m0=Copy -ms=off
make_seed deflate.7z -t7z -m0=Deflate
make_seed bcj.7z -t7z -mf=BCJ
make_seed delta.7z -t7z -mf=Delta:2
make_seed aes-plainheader.7z -t7z -m0=Copy -mhe=off -mhc=off "-p$pw"
make_seed aes-lzma2-plainheader.7z -t7z -mhe=off -mhc=off "-p$pw"
make_seed stored.zip -tzip -mm=Copy
make_seed deflate.zip -tzip -mm=Deflate
make_seed aes.zip -tzip -mem=AES256 "-p$pw"
# Power 19 → 0 in the plain headers of the encrypted .7z seeds.
python3 - "$out" <<'PY'
import sys, zlib, glob, struct
for path in glob.glob(sys.argv[1] + '/*aes*plainheader.7z'):
    a = bytearray(open(path, 'rb').read())
    aes = bytes([0x24, 0x06, 0xF1, 0x07, 0x01])
    i = a.find(aes)
    while i >= 0:
        at = i + len(aes) + 1
        a[at] = (a[at] & 0xC0) | 0
        i = a.find(aes, i + 1)
    off, size = struct.unpack_from('<QQ', a, 12)
    struct.pack_into('<I', a, 28, zlib.crc32(a[32 + off:32 + off + size]))
    struct.pack_into('<I', a, 8, zlib.crc32(a[12:32]))
    open(path, 'wb').write(a)
PY
ls -l "$out"
