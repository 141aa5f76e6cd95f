// Randomness comes only from the Web Crypto CSPRNG (crypto.getRandomValues,
// through getrandom's wasm_js backend). Without it, everything that needs
// randomness is refused with the code random_unavailable: a clear error, not
// a panic (which would surface as a WebAssembly RuntimeError) and never a
// weaker fallback. That two seals of one input differ (reference, salt, IV)
// is tested in contract.test.mjs and src/archive/mod.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { TEST_REGISTRY, TEST_PROTOCOLS } from './helpers.mjs';

const pkg = new URL('../../pkg/referral_seal.js', import.meta.url).href;
const wasm = new URL('../../pkg/referral_seal_bg.wasm', import.meta.url);

/**
 * Runs `sabotage` and then the calls in a fresh Node process (a crypto
 * object cannot be taken away and given back within one process reliably),
 * and returns what each call did.
 */
function runWithout(sabotage) {
  const script = `
    import { readFileSync } from 'node:fs';
    ${sabotage}
    const rs = await import(${JSON.stringify(pkg)});
    rs.initSync({ module: readFileSync(new URL(${JSON.stringify(wasm.href)})) });
    rs.setRegistry(${JSON.stringify(TEST_REGISTRY)});
    const input = {
      client: { givenName: 'Sofie', familyName: 'Van den Broeck' },
      contact: { postalCode: '8940', municipality: 'Geluwe', phone: '0470 12 34 56' },
      consent: { informed: true, agreed: true, date: '2026-11-20' },
      referrer: { team: ${JSON.stringify(TEST_PROTOCOLS[0].referringTeams[0])}, name: 'An Peeters', phone: '050 12 34 56' },
    };
    const password = 'kotu-mepa-ribe-noza-veki-suta';
    const calls = {
      sealReferral7z: () => rs.sealReferral(input, { password, today: '2026-11-24' }),
      sealReferralZip: () => rs.sealReferral(input, { password, format: 'zip', today: '2026-11-24' }),
      sealReferralWithReference: () => rs.sealReferral(input, { password, format: 'zip', today: '2026-11-24', reference: 'K7F3QX' }),
      generatePassphrase: () => rs.generatePassphrase(),
      sealFiles: () => rs.sealFiles([{ name: 'a.txt', bytes: new Uint8Array([1, 2, 3]) }], { password }),
      validateReferral: () => rs.validateReferral(input, { today: '2026-11-24' }).valid,
    };
    const out = {};
    for (const [name, call] of Object.entries(calls)) {
      try {
        const r = call();
        // What came back, concretely (typeof null is 'object' too).
        const value = typeof r === 'boolean' ? r
          : r instanceof Uint8Array ? \`\${r.length} bytes\`
          : r?.archive instanceof Uint8Array ? \`archive of \${r.archive.length} bytes\`
          : typeof r?.passphrase === 'string' ? \`passphrase of \${r.passphrase.length} characters\`
          : r === null ? 'null' : typeof r;
        out[name] = { ok: true, value };
      } catch (e) {
        out[name] = { ok: false, name: e?.constructor?.name, code: e?.code, fields: e?.errors?.map((x) => x.field) };
      }
    }
    console.log(JSON.stringify(out));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const refused = { ok: false, name: 'Error', code: 'random_unavailable' };

for (const [what, sabotage] of [
  ['no crypto object', 'delete globalThis.crypto; assert(globalThis.crypto === undefined);'],
  ['getRandomValues throws', `
    Object.defineProperty(globalThis, 'crypto', { configurable: true, value: {
      getRandomValues() { throw new DOMException('not allowed', 'NotSupportedError'); },
    } });`],
]) {
  test(`without a CSPRNG (${what}) every random need is refused with random_unavailable`, () => {
    const got = runWithout(`import assert from 'node:assert/strict'; ${sabotage}`);
    for (const name of ['sealReferral7z', 'sealReferralZip', 'sealReferralWithReference', 'generatePassphrase', 'sealFiles']) {
      assert.deepEqual({ ok: got[name].ok, name: got[name].name, code: got[name].code }, refused, `${name}: ${JSON.stringify(got[name])}`);
    }
    assert.deepEqual(got.sealReferral7z.fields, ['reference'], 'the reference is the first random need');
    // Validation needs no randomness and keeps working.
    assert.deepEqual(got.validateReferral, { ok: true, value: true });
  });
}

test('with the CSPRNG in place the same calls succeed (the harness itself works)', () => {
  const got = runWithout('');
  for (const [name, r] of Object.entries(got)) assert.equal(r.ok, true, `${name}: ${JSON.stringify(r)}`);
  // Each returned what it is for, not just something.
  for (const name of ['sealReferral7z', 'sealReferralZip', 'sealReferralWithReference']) {
    assert.match(got[name].value, /^archive of [1-9]\d+ bytes$/, name);
  }
  assert.match(got.sealFiles.value, /^[1-9]\d+ bytes$/);
  assert.match(got.generatePassphrase.value, /^passphrase of [1-9]\d* characters$/);
  assert.equal(got.validateReferral.value, true);
});
