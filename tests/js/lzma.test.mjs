// The LZMA decoder of the page (www/js/lzma.js), which unpacks the Wasm
// binary in the worker, against independent encoders: the `xz` command
// (liblzma, Debian xz-utils), which writes an end marker, and 7-Zip (`7zz`),
// whose .7z LZMA streams end without one. The expected output is always the
// input given to the encoder. Every decode runs in a worker thread that is
// ended after a time limit, so a decoder that hangs fails the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const DECODER = new URL('../../www/js/lzma.js', import.meta.url).href;
const WASM = readFileSync(new URL('../../pkg/referral_seal_bg.wasm', import.meta.url));

/** A reproducible pseudo-random generator (xorshift32): bytes that LZMA cannot shrink. */
function noise(length, seed) {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x >>> 24;
  }
  return out;
}

/** Dutch text with diacritics, apostrophes and decomposed Vietnamese: literals and short matches. */
function dutchText() {
  const names = [
    'Sofie Van den Broeck', 'Jeroen D\'Hondt', 'Aïcha N’Diaye', 'Elif Çelik-Yılmaz',
    'Nguyễn Thị Thu Hà'.normalize('NFD'), 'Zoë Vercruyssen', 'Hélène de Ryckère',
  ];
  const lines = [];
  for (let i = 0; i < 300; i += 1) {
    const name = names[i % names.length];
    lines.push(
      `${i + 1}. ${name} woont in de Kerkstraat ${(i * 7) % 140} bus ${String.fromCharCode(65 + (i % 5))}, ` +
        `8940 Geluwe; de cliënt is geïnformeerd en stemt in (${1 + (i % 28)}/11/2026). ` +
        (i % 3 === 0 ? 'Bewaartermijn: één jaar na afsluiting van het dossier.' : 'Tel. 0470 12 34 56.'),
    );
  }
  return new TextEncoder().encode(lines.join('\n'));
}

/** Runs of one byte: long matches at distance 0 (rep0) and short reps. */
function runs() {
  const parts = [];
  for (const [byte, length] of [[0, 100_000], [0x41, 273], [0x41, 274], [0xff, 5], [0, 1], [0x7a, 70_000]]) {
    parts.push(new Uint8Array(length).fill(byte));
  }
  return concat(parts);
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Over 1 MiB of everything, with repeats far apart (long distances, direct bits). */
function mixed() {
  const text = dutchText();
  const random = noise(200_000, 7);
  return concat([text, random, WASM.subarray(0, 300_000), runs(), random.subarray(1000, 90_000), text, WASM.subarray(100_000)]);
}

const INPUTS = {
  empty: new Uint8Array(0),
  'one byte': Uint8Array.of(0xe9),
  'Dutch text': dutchText(),
  'random bytes': noise(65_536, 1),
  runs: runs(),
  'the Wasm binary': new Uint8Array(WASM),
  'mixed, over 1 MiB': mixed(),
};

// xz settings: presets (0 is the fast mode with a hash-chain match finder),
// lc/lp/pb at the edges, and the build's own setting (webpack.config.js).
const SETTINGS = [
  'preset=0',
  'preset=6',
  'preset=9e',
  'preset=6,lc=0,lp=2,pb=2',
  'preset=6,lc=4',
  'preset=6,lc=1,lp=3,pb=4',
  'preset=9e,lc=4,lp=0,pb=0',
];

/** A .lzma stream from `xz`, with the unpacked size written into its header (xz leaves it unknown). */
function xz(data, settings, { size = true } = {}) {
  const r = spawnSync('xz', ['--format=lzma', `--lzma1=${settings}`, '--stdout'], { input: data, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `xz ${settings}: ${r.error?.message ?? r.stderr}`);
  const packed = new Uint8Array(r.stdout);
  assert.deepEqual([...packed.subarray(5, 13)], new Array(8).fill(0xff), 'xz writes an unknown size');
  if (size) new DataView(packed.buffer).setBigUint64(5, BigInt(data.length), true);
  return packed;
}

/**
 * Decodes each input in a worker thread, ended after timeoutMs. Returns per
 * input { error } or, if `expected` is given, { length, same } (compared in
 * the worker), else { out }.
 */
function decodeEach(inputs, { expected, maxSize, timeoutMs = 60_000 } = {}) {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.decoder).then(({ lzmaDecode }) => {
      const { inputs, expected, maxSize } = workerData;
      const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
      parentPort.postMessage(inputs.map((input) => {
        try {
          const out = maxSize === undefined ? lzmaDecode(input) : lzmaDecode(input, maxSize);
          return expected ? { length: out.length, same: same(out, expected) } : { out };
        } catch (e) {
          return { error: e instanceof Error ? e.message : 'not an Error: ' + String(e) };
        }
      }));
    });`;
  const worker = new Worker(source, { eval: true, workerData: { decoder: DECODER, inputs, expected, maxSize } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error(`the decoder did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    worker.once('message', (results) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(results);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const same = (a, b) => assert.ok(Buffer.from(a).equals(Buffer.from(b)), `${a.length} bytes decoded, ${b.length} expected`);

test('decodes what xz packs, for every input and setting', { timeout: 300_000 }, async () => {
  for (const [name, data] of Object.entries(INPUTS)) {
    const packed = SETTINGS.map((s) => xz(data, s));
    const results = await decodeEach(packed);
    results.forEach((r, i) => {
      assert.equal(r.error, undefined, `${name}, ${SETTINGS[i]}: ${r.error}`);
      same(r.out, data);
    });
  }
});

/**
 * The raw LZMA stream and coder properties of a one-file .7z made by 7-Zip
 * with headers uncompressed: the packed stream follows the 32-byte start
 * header, the 5 property bytes follow the LZMA coder's id (03 01 01).
 */
function sevenZip(data, method) {
  const dir = mkdtempSync(join(tmpdir(), 'rs-lzma-'));
  try {
    writeFileSync(join(dir, 'in.bin'), data);
    const r = spawnSync('7zz', ['a', '-bd', '-bso0', '-mx=9', '-mhc=off', '-mf=off', `-m0=${method}`, 'out.7z', 'in.bin'], { cwd: dir });
    assert.equal(r.status, 0, `7zz: ${r.error?.message ?? r.stderr}`);
    const archive = readFileSync(join(dir, 'out.7z'));
    const packSize = Number(archive.readBigUInt64LE(12));
    const coder = archive.indexOf(Buffer.from([0x23, 0x03, 0x01, 0x01, 0x05]), 32 + packSize);
    assert.ok(coder > 0, 'the LZMA coder in the .7z header');
    const lzma = Buffer.alloc(13 + packSize);
    archive.copy(lzma, 0, coder + 5, coder + 10);
    lzma.writeBigUInt64LE(BigInt(data.length), 5);
    archive.copy(lzma, 13, 32, 32 + packSize);
    return new Uint8Array(lzma);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('decodes 7-Zip\'s LZMA streams, with and without an end marker', { timeout: 120_000 }, async () => {
  for (const name of ['Dutch text', 'the Wasm binary', 'mixed, over 1 MiB']) {
    const data = INPUTS[name];
    const plain = sevenZip(data, 'LZMA:d=4m:lc=3:lp=0:pb=2');
    const marked = sevenZip(data, 'LZMA:d=4m:lc=3:lp=0:pb=2:eos');
    // The marker costs a few bytes: the plain stream really ends without one.
    assert.ok(marked.length > plain.length, `${name}: ${marked.length} > ${plain.length}`);
    const odd = sevenZip(data, 'LZMA:d=1m:lc=0:lp=4:pb=0');
    for (const [i, r] of (await decodeEach([plain, marked, odd])).entries()) {
      assert.equal(r.error, undefined, `${name} #${i}: ${r.error}`);
      same(r.out, data);
    }
  }
});

/** The unpacked size a .lzma header gives. */
const headerSize = (packed) => Number(new DataView(packed.buffer, packed.byteOffset).getBigUint64(5, true));
/** Copies of `packed`, cut short at each of `ends`. */
const truncations = (packed, ends) => ends.map((n) => packed.slice(0, n));
/** Copies of `packed` with the byte at each of `positions` XORed with mask. */
const flips = (packed, positions, mask) =>
  positions.map((at) => {
    const c = packed.slice();
    c[at] ^= mask;
    return c;
  });
/** Every step-th position from `from` to `to`, and the last 16 of them. */
function positions(from, to, step) {
  const out = new Set();
  for (let i = from; i < to; i += step) out.add(i);
  for (let i = Math.max(from, to - 16); i < to; i += 1) out.add(i);
  return [...out];
}

test('a truncated stream throws, wherever it is cut', { timeout: 300_000 }, async () => {
  for (const name of ['Dutch text', 'runs', 'the Wasm binary']) {
    const data = INPUTS[name];
    const packed = xz(data, 'preset=9e,lc=4,lp=0,pb=0');
    const cut = truncations(packed, positions(0, packed.length, name === 'Dutch text' ? 1 : 997));
    const results = await decodeEach(cut, { expected: data });
    results.forEach((r, i) => assert.ok(r.error, `${name} cut to ${cut[i].length} of ${packed.length} bytes decoded`));
  }
});

test('a flipped byte throws or gives other bytes, never more than the header says', { timeout: 300_000 }, async () => {
  for (const name of ['one byte', 'Dutch text', 'random bytes', 'the Wasm binary']) {
    const data = INPUTS[name];
    const packed = xz(data, 'preset=9e,lc=4,lp=0,pb=0');
    // Bytes 1-4, the dictionary size, are left out: a larger dictionary
    // decodes the same bytes (a too small one is tested below).
    const at = [0, ...positions(5, packed.length, name === 'the Wasm binary' ? 1499 : name === 'random bytes' ? 499 : 1)];
    for (const mask of [0x01, 0x80, 0xff]) {
      const damaged = flips(packed, at, mask);
      const results = await decodeEach(damaged, { expected: data });
      let thrown = 0;
      results.forEach((r, i) => {
        const what = `${name}, byte ${at[i]} ^ ${mask}`;
        if (r.error) {
          thrown += 1;
          assert.match(r.error, /^lzma: /, what);
          return;
        }
        assert.equal(r.same, false, `${what} still decodes to the original`);
        assert.equal(r.length, headerSize(damaged[i]), `${what}: the size in the header`);
      });
      // Most damage is seen, not just decoded into other bytes.
      assert.ok(thrown >= results.length * 0.9, `${name} ^ ${mask}: ${thrown} of ${results.length} threw`);
    }
  }
});

test('a wrong header throws', { timeout: 60_000 }, async () => {
  const data = INPUTS['Dutch text'];
  const packed = xz(data, 'preset=6');
  const withByte = (at, value) => {
    const c = packed.slice();
    c[at] = value;
    return c;
  };
  const withSize = (size) => {
    const c = packed.slice();
    new DataView(c.buffer).setBigUint64(5, size, true);
    return c;
  };
  const cases = {
    'properties byte 225': withByte(0, 225),
    'properties byte 255': withByte(0, 255),
    'lc=5, lp=0, pb=0': withByte(0, 5),
    'lc=4, lp=1, pb=0': withByte(0, 1 * 9 + 4),
    'lc=1, lp=4, pb=1': withByte(0, (1 * 5 + 4) * 9 + 1),
    'unknown size': xz(data, 'preset=6', { size: false }),
    'size of 2^32': withSize(2n ** 32n),
    'size of 2^53': withSize(2n ** 53n),
    'size one too small': withSize(BigInt(data.length - 1)),
    'size one too large': withSize(BigInt(data.length + 1)),
    'a dictionary of 4 KiB, for distances beyond it': (() => {
      const c = packed.slice();
      new DataView(c.buffer).setUint32(1, 4096, true);
      return c;
    })(),
    'first byte of the range coder not 0': withByte(13, 1),
    'data after the stream': concat([packed, Uint8Array.of(0)]),
    'nothing after the header': packed.slice(0, 13),
    'empty input': new Uint8Array(0),
  };
  const results = await decodeEach(Object.values(cases));
  Object.keys(cases).forEach((name, i) => assert.match(results[i].error ?? '', /^lzma: /, name));

  // A size above the caller's limit throws before anything is allocated.
  const [limited] = await decodeEach([packed], { maxSize: data.length - 1 });
  assert.equal(limited.error, 'lzma: too large');
  const [exact] = await decodeEach([packed], { maxSize: data.length });
  same(exact.out, data);
});
