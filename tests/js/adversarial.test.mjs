// Hostile input from JavaScript gets a clear answer with a field-level code:
// never a RuntimeError (a Wasm panic), never a hang. What JavaScript itself
// does first (JSON.stringify of cycles, BigInt, throwing getters, lone
// surrogates) is part of the path and is covered here; the Rust table in
// tests/adversarial.rs covers the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rs, sofie, TODAY, PASSWORD } from './helpers.mjs';

const codes = (r) => r.errors.map((e) => [e.field, e.code]);

test('a lone surrogate in a JS string is refused on its own field', () => {
  for (const [path, bad] of [
    ['client.givenName', 'So\uD800fie'],
    ['client.familyName', 'Broeck\uDC00'],
    ['contact.street', '\uDBFF'],
  ]) {
    const input = sofie();
    const [section, key] = path.split('.');
    input[section][key] = bad;
    const r = rs.validateReferral(input, { today: TODAY });
    assert.deepEqual(codes(r), [[path, 'control_characters']], path);
    // The same input as JSON text: JSON.stringify escapes the half pair.
    assert.deepEqual(codes(rs.validateReferral(JSON.stringify(input), { today: TODAY })), [[path, 'control_characters']]);
  }
  // A well-formed pair is one character (here an emoji, not a name).
  const pair = sofie();
  pair.client.givenName = 'Sofie\uD83D\uDE00';
  assert.deepEqual(codes(rs.validateReferral(pair, { today: TODAY })), [['client.givenName', 'invalid_name']]);
});

test('a lone surrogate in a password is refused as not ASCII, not a crash', () => {
  assert.equal(rs.passwordStrength('kotu-mepa-ribe-noza\uD800-veki').acceptable, false);
  assert.throws(() => rs.sealReferral(sofie(), { password: `${PASSWORD}\uD800`, today: TODAY }),
    (e) => e.code === 'password_not_ascii');
});

test('objects JSON cannot express are refused with invalid_input', () => {
  const cyclic = sofie();
  cyclic.client.self = cyclic;
  const big = sofie();
  big.consent.date = 20261120n;
  const getter = sofie();
  Object.defineProperty(getter.client, 'givenName', { enumerable: true, get() { throw new Error('nee'); } });
  for (const [what, input] of [['cycle', cyclic], ['BigInt', big], ['throwing getter', getter]]) {
    const r = rs.validateReferral(input, { today: TODAY });
    assert.deepEqual(codes(r), [['', 'invalid_input']], what);
    assert.throws(() => rs.sealReferral(input, { password: PASSWORD, today: TODAY }), (e) => e.code === 'invalid_input', what);
  }
});

test('oversized, deep and wide inputs are refused as a whole, before parsing', () => {
  const huge = sofie();
  huge.contact.street = 'Kerkstraat '.repeat(200_000);
  assert.deepEqual(codes(rs.validateReferral(huge, { today: TODAY })), [['', 'input_too_large']]);
  assert.deepEqual(codes(rs.validateReferral('{'.repeat(3_000_000), { today: TODAY })), [['', 'input_too_large']],
    'not JSON, refused by size');

  // 1000 levels: JSON.stringify copes, the core's depth scan refuses; 100 000
  // levels: JSON.stringify runs out of stack (a RangeError), refused the same.
  for (const depth of [1000, 100_000]) {
    let deep = 'Sofie';
    for (let i = 0; i < depth; i++) deep = [deep];
    const d = sofie();
    d.client.givenName = deep;
    assert.deepEqual(codes(rs.validateReferral(d, { today: TODAY })), [['', 'input_too_large']], `depth ${depth}`);
  }

  const wide = sofie();
  for (let i = 0; i < 5000; i++) wide.contact[`k${i}`] = i;
  assert.deepEqual(codes(rs.validateReferral(wide, { today: TODAY })), [['contact', 'input_too_large']]);
});

test('what JSON drops is missing, not smuggled in', () => {
  const input = sofie();
  input.client.givenName = undefined;
  input.client[Symbol('extra')] = 'geheim';
  input.contact.phone = () => '0470 12 34 56';
  const r = rs.validateReferral(input, { today: TODAY });
  assert.deepEqual(codes(r), [['client.givenName', 'required']]);
  assert.equal(r.valid, false);
});

test('NUL, bidi controls, zero-width joiners and mark floods get their own codes', () => {
  const table = [
    ['client.givenName', 'So\u0000fie', 'control_characters'],
    ['client.familyName', 'Broeck\u202Ekceorb', 'control_characters'],
    ['client.givenName', 'So\u200Dfie', 'control_characters'],
    ['client.familyName', `B${'\u0301'.repeat(10_000)}`, 'too_long'],
    ['client.givenName', 'Sofi\u0301\u0302\u0303\u0304\u0305\u0306e', 'invalid_name'],
  ];
  for (const [path, value, code] of table) {
    const input = sofie();
    const [section, key] = path.split('.');
    input[section][key] = value;
    assert.deepEqual(codes(rs.validateReferral(input, { today: TODAY })), [[path, code]], JSON.stringify(value).slice(0, 40));
  }
  const spaces = sofie();
  spaces.client.familyName = 'Van\u00A0den\u3000Broeck';
  spaces.client.givenName = 'Anne\u2003Sofie';
  const ok = rs.validateReferral(spaces, { today: TODAY });
  assert.equal(ok.valid, true, JSON.stringify(ok.errors));
  assert.equal(ok.referral.client.familyName, 'Van den Broeck');
  assert.equal(ok.referral.client.givenName, 'Anne Sofie');
});

test('wrong option types are refused with a code, not a crash', () => {
  for (const options of [{ today: 20261124 }, { today: 'morgen' }, { password: 42 }, { format: ['zip'] }, { reference: {} }]) {
    assert.throws(() => rs.sealReferral(sofie(), { password: PASSWORD, today: TODAY, ...options }),
      (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && typeof e.code === 'string',
      JSON.stringify(options));
  }
  for (const options of [null, undefined, 42, 'x', []]) {
    const r = rs.validateReferral(sofie(), options);
    assert.equal(typeof r.valid, 'boolean');
  }
});

test('sealFiles refuses weak passwords with weak_password, as sealReferral does', { skip: !rs.sealFiles && 'no sealFiles in this engine' }, () => {
  const files = () => [{ name: 'nota.txt', bytes: new TextEncoder().encode('vertrouwelijk') }];
  for (const password of ['a', 'wachtwoord', 'Welkom2026!']) {
    assert.throws(() => rs.sealFiles(files(), { password, format: 'zip' }),
      (e) => e.code === 'weak_password' && e.errors.length === 1 && e.errors[0].field === 'password', password);
    assert.throws(() => rs.sealReferral(sofie(), { password, format: 'zip', today: TODAY }),
      (e) => e.code === 'weak_password', password);
  }
  // The same call with a strong password seals.
  assert.ok(rs.sealFiles(files(), { password: PASSWORD, format: 'zip' }).length > 0);
});
