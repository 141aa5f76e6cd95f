// The Wasm binary as a JavaScript string, for a worker script that must not
// fetch it (connect-src 'none'): base64 of its `.lzma` stream, which the
// worker unpacks with www/js/lzma.js.
import { spawnSync } from 'node:child_process';
import { lzmaDecode } from '../../www/js/lzma.js';

/**
 * The Wasm binary as base64 of its `.lzma` stream (www/js/lzma.js unpacks it:
 * 1.2 KB gzipped; 20 to 60 ms for the 396 KB binary in Chromium, the first
 * call being the slowest). The server's gzip cannot shrink base64 of LZMA
 * further, but it does not need to: gzipped, the base64 is within 1 % of the
 * 126 KB stream. Zopfli's Deflate stream, which the browser inflated natively
 * (DecompressionStream) while compiling, took 149 KB: the worker script was
 * 22 KB larger gzipped.
 *
 * xz options, measured on that binary (bytes of .lzma): preset 9e, which is
 * lc=3, lp=0, pb=2, nice=273, mf=bt4: 126,689; pb=0: 126,226; lc=4 and
 * pb=0: 126,169. Wasm code has no 2- or 4-byte alignment for pb to use, and
 * with lc=4 the literal coder sees more of the previous byte. Other nice,
 * depth and mf settings moved the size by under 60 bytes either way. The
 * dictionary is the binary's size: a larger one changes nothing but the
 * header. `xz` writes "size unknown" and an end marker; the size is
 * patched into the header, and the decoder accepts the marker after it.
 *
 * Throws if `xz` is missing or fails, or if lzma.js does not give the
 * binary back exactly.
 */
export function packWasm(bytes, { xz = 'xz' } = {}) {
  const options = `preset=9e,lc=4,lp=0,pb=0,dict=${Math.max(bytes.length, 4096)}`;
  const run = spawnSync(xz, ['--format=lzma', `--lzma1=${options}`, '--stdout'], {
    input: bytes,
    maxBuffer: 2 * bytes.length + 4096,
  });
  if (run.error?.code === 'ENOENT') {
    throw new Error('`xz` not found: install the Debian package xz-utils (scripts/setup.sh build)');
  }
  if (run.error || run.status !== 0) {
    throw new Error(`xz failed: ${run.error?.message ?? run.stderr.toString().trim()}`);
  }
  const packed = run.stdout;
  if (packed.length < 13 || !packed.subarray(5, 13).equals(Buffer.alloc(8, 0xff))) {
    throw new Error('xz wrote no .lzma header with an unknown size');
  }
  packed.writeBigUInt64LE(BigInt(bytes.length), 5);
  if (!Buffer.from(lzmaDecode(packed)).equals(Buffer.from(bytes))) {
    throw new Error('www/js/lzma.js does not unpack the packed Wasm binary to the original');
  }
  return packed.toString('base64');
}
