// No plaintext left in Wasm memory: after sealReferral, validateReferral,
// sealFiles, generatePassphrase and passwordStrength return, the module's
// linear memory holds no copy of a client's names, street, phone digits
// (national and E.164), e-mail address or the password, in UTF-8 or UTF-16,
// NFC or NFD: not in freed heap blocks (src/wipe.rs wipes them on free) and
// not on the shadow stack (each export wipes it before returning).
//
// Each test file runs in its own Node process, so this module instance saw
// nothing but what this file gives it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rs } from './helpers.mjs';
import { PEOPLE, TODAY, findAll } from './people.mjs';

// initSync returns the instance's exports (it was already initialised by
// helpers.mjs; a second call hands back the same instance).
const wasm = rs.initSync({ module: readFileSync(new URL('../../pkg/referral_seal_bg.wasm', import.meta.url)) });

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

function describe(hits) {
  // `at` is an offset in the compacted memory: enough to tell hits apart.
  return hits.map((h) => `${JSON.stringify(h.secret)} (${h.form}, ${h.enc}) near ${h.at}`).join('\n');
}

test('memory holds no personal data or password after seals and validations', () => {
  // None of the values is in the module's own data (else the scan proves nothing).
  const before = scan(PEOPLE.flatMap((p) => [...p.secrets, p.password]));
  assert.deepEqual(before.hits, [], `in memory before any call:\n${describe(before.hits)}`);
  const secrets = [];
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
    rs.sealReferral(PEOPLE[0].input, { password: passphrase, format: 'zip', today: TODAY });
  }
  // The generic engine, with a marker in the content.
  const marker = 'Inhoud-van-een-vertrouwelijk-bestand-Qx7';
  rs.sealFiles([{ name: 'nota.txt', bytes: new TextEncoder().encode(`${marker}\n`.repeat(50)) }],
    { password: PEOPLE[0].password, format: '7z', compression: 'compressed' });
  secrets.push(marker);

  const { hits, size } = scan(secrets);
  assert.ok(size > 1 << 20, `scanned ${size} bytes`);
  assert.deepEqual(hits, [], `found in Wasm memory (${size} bytes):\n${describe(hits)}`);
});

test('the scan finds a value that is still in use (the scan itself works)', () => {
  // A string that the module keeps on purpose: the protocol registry's
  // mailboxes live in Wasm memory as long as the registry does.
  const { hits } = scan(['kindengezin@wervik.be']);
  assert.ok(hits.some((h) => h.enc === 'UTF-8'), 'registry mailbox present in memory');
});
