// scripts/build/pack-wasm.mjs: the packed binary unpacks to itself, and a
// missing or failing xz is a clear error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { packWasm } from '../../scripts/build/pack-wasm.mjs';
import { lzmaDecode } from '../../www/js/lzma.js';

test('base64 of an .lzma stream with the size in its header, which lzma.js unpacks', () => {
  // Wasm-like: a header, repetitive code, some noise.
  const bytes = Buffer.concat([Buffer.from('\0asm\x01\0\0\0', 'latin1'), Buffer.alloc(5000, 0x20), randomBytes(3000)]);
  const packed = Buffer.from(packWasm(bytes), 'base64');
  assert.equal(packed.readBigUInt64LE(5), BigInt(bytes.length));
  assert.ok(packed.length < bytes.length);
  assert.ok(Buffer.from(lzmaDecode(packed)).equals(bytes));
});

test('no xz, or xz failing, is an error that says what to do', () => {
  assert.throws(() => packWasm(Buffer.from('x'), { xz: 'no-such-xz-command' }), /`xz` not found: install the Debian package xz-utils/);
  assert.throws(() => packWasm(Buffer.from('x'), { xz: 'false' }), /xz failed/);
});
