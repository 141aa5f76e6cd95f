// No plaintext left in Wasm memory: after sealReferral, validateReferral,
// sealFiles, generatePassphrase and passwordStrength return, the module's
// linear memory holds no copy of a client's names, street, phone digits
// (national and E.164), e-mail address or the password, in UTF-8 or UTF-16,
// NFC or NFD: not in freed heap blocks (src/wipe.rs wipes them on free) and
// not on the shadow stack (each export wipes it before returning).
//
// Each test file runs in its own Node process, so this module instance saw
// nothing but what this file gives it. memory-page.test.mjs runs the same
// tests on the page's own engine (target/page-pkg/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createDecipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { rs, wasmUrl } from './helpers.mjs';
import { PEOPLE, TODAY, TEST_REGISTRY, findAll } from './people.mjs';

// initSync returns the instance's exports (it was already initialised by
// helpers.mjs; a second call hands back the same instance).
const wasm = rs.initSync({ module: readFileSync(wasmUrl) });
// Invented OCMWs with reserved e-mail domains, not the real registry's.
rs.setRegistry(TEST_REGISTRY);

/**
 * The linear memory as it is now (it may have grown since the last call),
 * with every run of 16 or more zero bytes shortened to 8: most of it is
 * zeroes, and no searched spelling holds 8 zeroes in a row, so nothing is
 * lost and nothing is joined.
 */
function memory() {
  const mem = new Uint8Array(wasm.memory.buffer);
  const out = Buffer.alloc(mem.length);
  let n = 0;
  let zeros = 0;
  for (let i = 0; i < mem.length; i++) {
    const b = mem[i];
    if (b === 0) {
      if (++zeros > 8) continue;
    } else {
      zeros = 0;
    }
    out[n++] = b;
  }
  return { compact: out.subarray(0, n), size: mem.length };
}

function scan(secrets) {
  const { compact, size } = memory();
  const hits = secrets.flatMap((s) => findAll(compact, s));
  return { hits, size };
}

/**
 * The 7z AES key of an archive written by sealReferral/sealFiles (7-Zip's
 * derivation: SHA-256 over 2^cycles rounds of salt, UTF-16LE password and a
 * round counter), and the SHA-256 of cycles, salt and password that
 * sevenz-rust2 keeps beside the key in its cache. The salt is in the
 * archive's plain end header, after the 7zAES coder id.
 */
function sevenzKey(archive, password) {
  const a = Buffer.from(archive);
  const header = Number(a.readBigUInt64LE(12)) + 32;
  const id = Buffer.from([0x24, 0x06, 0xf1, 0x07, 0x01, 34]);
  const at = a.indexOf(id, header);
  assert.ok(at > 0, '7zAES coder in the end header');
  const props = a.subarray(at + id.length, at + id.length + 34);
  const cycles = props[0] & 0x3f;
  const salt = props.subarray(2, 18);
  const pw = Buffer.from(password, 'utf16le');
  const unit = salt.length + pw.length + 8;
  const perChunk = 4096;
  const chunk = Buffer.alloc(unit * perChunk);
  const h = createHash('sha256');
  for (let round = 0; round < 2 ** cycles; round += perChunk) {
    for (let j = 0; j < perChunk; j += 1) {
      salt.copy(chunk, j * unit);
      pw.copy(chunk, j * unit + salt.length);
      chunk.writeBigUInt64LE(BigInt(round + j), j * unit + salt.length + pw.length);
    }
    h.update(chunk);
  }
  const fingerprint = createHash('sha256').update(Buffer.from([cycles, salt.length])).update(salt).update(pw).digest();
  return { key: h.digest(), fingerprint };
}

/**
 * The 66 bytes PBKDF2-HMAC-SHA1 derives for each entry of a WinZip-AES
 * archive (AES key, HMAC key, password verifier), from each entry's salt
 * in its local header.
 */
function zipKeys(archive, password) {
  const a = Buffer.from(archive);
  const keys = [];
  let at = 0;
  while (a.readUInt32LE(at) === 0x04034b50) {
    const data = at + 30 + a.readUInt16LE(at + 26) + a.readUInt16LE(at + 28);
    const salt = a.subarray(data, data + 16);
    keys.push(pbkdf2Sync(Buffer.from(password, 'latin1'), salt, 1000, 66, 'sha1'));
    at = data + a.readUInt32LE(at + 18);
  }
  assert.ok(keys.length > 0, 'entries in the zip');
  return keys;
}

/**
 * Every derived key of an archive, whole and in the parts that are used
 * apart (zip: the AES key and the HMAC key), with a name for the report.
 */
function derivedKeys({ archive, password, format }) {
  if (format === '7z') {
    const { key, fingerprint } = sevenzKey(archive, password);
    return [['7z key', key], ['7z password fingerprint', fingerprint]];
  }
  return zipKeys(archive, password).flatMap((k, i) => [
    [`zip entry ${i}: 66 derived bytes`, k],
    [`zip entry ${i}: AES key`, k.subarray(0, 32)],
    [`zip entry ${i}: HMAC key`, k.subarray(32, 64)],
  ]);
}

function describe(hits) {
  // `at` is an offset in the compacted memory: enough to tell hits apart.
  return hits.map((h) => `${JSON.stringify(h.secret)} (${h.form}, ${h.enc}) near ${h.at}`).join('\n');
}

test('memory holds no personal data or password after seals and validations', () => {
  // None of the values is in the module's own data (else the scan proves nothing).
  const before = scan(PEOPLE.flatMap((p) => [...p.secrets, p.password]));
  assert.deepEqual(before.hits, [], `in memory before any call:\n${describe(before.hits)}`);
  const secrets = [];
  const archives = [];
  for (const [i, p] of PEOPLE.entries()) {
    secrets.push(...p.secrets, p.password);
    // Validation, valid and with errors (the normalised referral is handed
    // back to JavaScript, the errors name fields only).
    assert.equal(rs.validateReferral(p.input, { today: TODAY }).valid, true);
    const broken = structuredClone(p.input);
    broken.client.extra = p.input.client.familyName;
    assert.equal(rs.validateReferral(broken, { today: TODAY }).valid, false);
    assert.equal(rs.passwordStrength(p.password).acceptable, true);
    for (const format of ['7z', 'zip']) {
      const s = rs.sealReferral(p.input, { password: p.password, format, today: TODAY });
      assert.ok(s.archive.length > 0);
      archives.push({ archive: s.archive, password: p.password, format });
    }
    // A refused seal (weak password) goes through validation too.
    assert.throws(() => rs.sealReferral(p.input, { password: `${p.password.slice(0, 4)}`, today: TODAY }),
      (e) => e.code === 'weak_password');
    if (i === 0) {
      // The JSON text form of the input takes another path into Wasm.
      assert.equal(rs.validateReferral(JSON.stringify(p.input), { today: TODAY }).valid, true);
    }
  }
  // Generated passphrases pass through Wasm memory on their way out.
  for (let i = 0; i < 3; i++) {
    const { passphrase } = rs.generatePassphrase();
    secrets.push(passphrase);
    const s = rs.sealReferral(PEOPLE[0].input, { password: passphrase, format: 'zip', today: TODAY });
    archives.push({ archive: s.archive, password: passphrase, format: 'zip' });
  }
  // The generic engine, with a marker in the content (not in the page's
  // engine, which has no sealFiles).
  if (rs.sealFiles) {
    const marker = 'Inhoud-van-een-vertrouwelijk-bestand-Qx7';
    for (const format of ['7z', 'zip']) {
      const files = rs.sealFiles([{ name: 'nota.txt', bytes: new TextEncoder().encode(`${marker}\n`.repeat(50)) }],
        { password: PEOPLE[0].password, format, compression: 'compressed' });
      archives.push({ archive: files, password: PEOPLE[0].password, format });
    }
    secrets.push(marker);
  }

  const { hits, size } = scan(secrets);
  assert.ok(size > 1 << 20, `scanned ${size} bytes`);
  assert.deepEqual(hits, [], `found in Wasm memory (${size} bytes):\n${describe(hits)}`);

  // Nor any key derived for any of these archives (each one opens its
  // archive): the 7z key, and the 66 PBKDF2 bytes of every zip entry.
  const mem = Buffer.from(wasm.memory.buffer);
  assert.ok(archives.length >= PEOPLE.length * 2 + 3, `${archives.length} archives`);
  const left = [];
  for (const [i, a] of archives.entries()) {
    for (const [what, key] of derivedKeys(a)) {
      if (mem.indexOf(key) !== -1) left.push(`archive ${i} (${a.format}): ${what}`);
    }
  }
  assert.deepEqual(left, [], 'derived keys left in Wasm memory');
});

/** A 7z NUMBER at `at`: leading one bits count the little-endian bytes that follow. */
function sevenzNumber(a, at) {
  const first = a[at];
  let n = 0;
  while (n < 8 && first & (0x80 >> n)) n += 1;
  let value = 0;
  for (let k = 0; k < n; k++) value += a[at + 1 + k] * 2 ** (8 * k);
  return value + (n < 7 ? (first & (0x7f >> n)) * 2 ** (8 * n) : 0);
}

test('the derived keys the scan searches for are the archives\' real keys', () => {
  const p = PEOPLE[0];
  for (const format of ['7z', 'zip']) {
    const s = rs.sealReferral(p.input, { password: p.password, format, today: TODAY });
    const a = Buffer.from(s.archive);
    const keys = derivedKeys({ archive: s.archive, password: p.password, format });
    if (format === 'zip') {
      // Three entries, three keys each; the last two derived bytes are the
      // password verifier written after the salt.
      assert.equal(keys.length, 9);
      const data = 30 + a.readUInt16LE(26) + a.readUInt16LE(28);
      assert.deepEqual(a.subarray(data + 16, data + 18), keys[0][1].subarray(64, 66), 'password verifier');
    } else {
      // The 7z key decrypts the encrypted header to kHeader (0x01): its
      // position is in the plain end header, its IV in the coder's properties.
      const end = 32 + Number(a.readBigUInt64LE(12));
      assert.deepEqual([a[end], a[end + 1]], [0x17, 0x06], 'kEncodedHeader, kPackInfo');
      const packPos = sevenzNumber(a, end + 2);
      const id = Buffer.from([0x24, 0x06, 0xf1, 0x07, 0x01, 34]);
      const props = a.subarray(a.indexOf(id, end) + id.length);
      const iv = props.subarray(18, 34);
      const decipher = createDecipheriv('aes-256-cbc', keys[0][1], iv).setAutoPadding(false);
      const block = decipher.update(a.subarray(32 + packPos, 32 + packPos + 16));
      assert.equal(block[0], 0x01, 'kHeader');
    }
  }
});

/**
 * The initial value of the module's shadow-stack pointer (`__stack_pointer`,
 * the first mutable i32 global), read from the Wasm binary: the top of the
 * stack, where every export's frames start.
 */
function stackTop(bytes) {
  let at = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return { result, shift, byte };
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb().result;
    const end = at + size;
    if (id === 6) {
      const count = leb().result;
      for (let i = 0; i < count; i += 1) {
        const type = bytes[at++];
        const mutable = bytes[at++];
        const op = bytes[at++];
        if (type === 0x7f && mutable === 1 && op === 0x41) {
          const { result, shift, byte } = leb();
          return shift < 32 && byte & 0x40 ? result | (-1 << shift) : result;
        }
        while (bytes[at] !== 0x0b) at += 1;
        at += 1;
      }
    }
    at = end;
  }
  throw new Error('no __stack_pointer global');
}

// The exports wipe 64 KiB of stack below their frames (src/wipe.rs); 256 KiB
// are checked, so that a call that ever goes deeper than the wipe fails here.
test('the shadow stack below the exports is zero after each call', () => {
  const top = stackTop(readFileSync(wasmUrl));
  assert.ok(top >= 64 * 1024 && top % 16 === 0, `stack top ${top}`);
  // Each export's own frame and wasm-bindgen's shim stay above this line.
  const below = top - 1024;
  const dirty = () => {
    const m = new Uint8Array(wasm.memory.buffer, top - 256 * 1024, below - (top - 256 * 1024));
    let n = 0;
    for (const b of m) if (b !== 0) n += 1;
    return n;
  };
  const p = PEOPLE[0];
  const calls = {
    validateReferral: () => rs.validateReferral(p.input, { today: TODAY }),
    sealReferral7z: () => rs.sealReferral(p.input, { password: p.password, today: TODAY }),
    sealReferralZip: () => rs.sealReferral(p.input, { password: p.password, format: 'zip', today: TODAY }),
    ...(rs.sealFiles ? {
      sealFiles: () => rs.sealFiles([{ name: 'a.txt', bytes: new TextEncoder().encode('vertrouwelijk '.repeat(5000)) }],
        { password: p.password, compression: 'compressed' }),
    } : {}),
    generatePassphrase: () => rs.generatePassphrase(),
    passwordStrength: () => rs.passwordStrength(p.password),
  };
  for (const [name, call] of Object.entries(calls)) {
    call();
    assert.equal(dirty(), 0, `${name} left bytes on the shadow stack`);
  }
});

test('the scan finds a value that is still in use (the scan itself works)', () => {
  // A string that the module keeps on purpose: the protocol registry's
  // mailboxes live in Wasm memory as long as the registry does.
  const { hits } = scan([JSON.parse(TEST_REGISTRY).protocols[0].mailbox]);
  assert.ok(hits.some((h) => h.enc === 'UTF-8'), 'registry mailbox present in memory');
});
