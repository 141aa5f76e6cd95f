// The password part of the package's contract (issue 12): passwordStrength
// against the referral and the format, with a Dutch warning naming the real
// problem; sealReferral refusing what the referral's own values make weak;
// the phone-safe passphrase with its spelling aid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rs, sofie, TODAY } from './helpers.mjs';

test('passwordStrength judges against the referral it is given', () => {
  // Strong for an attacker who knows nothing, weak for one with the mail.
  const pw = 'Broeck!Kerkstraat#Geluwe';
  const blind = rs.passwordStrength(pw, { format: '7z' });
  assert.equal(blind.acceptable, true, `${blind.bits} bits without the referral`);
  const known = rs.passwordStrength(pw, { input: sofie(), format: '7z' });
  assert.equal(known.acceptable, false, `${known.bits} bits with it`);
  assert.equal(known.problem, 'client_street');
  assert.match(known.warning, /bevat de straat van de cliënt/);
  // A partial referral (the form being filled in) is read as far as it goes.
  const partial = rs.passwordStrength('Kerkstraat12Geluwe', { input: { contact: { street: 'Kerkstraat' } } });
  assert.equal(partial.problem, 'client_street');
});

test('the threshold depends on the format: .zip needs more bits than .7z', () => {
  const pw = 'Hmf8&dPz3@Lq';
  const seven = rs.passwordStrength(pw, { format: '7z' });
  const zip = rs.passwordStrength(pw, { format: 'zip' });
  assert.equal(seven.bits, zip.bits);
  assert.ok(zip.threshold > seven.threshold, `${zip.threshold} > ${seven.threshold}`);
  assert.equal(seven.acceptable, true);
  assert.equal(zip.acceptable, false);
  assert.equal(rs.passwordStrength(pw).threshold, seven.threshold, '.7z by default');
  assert.throws(() => rs.passwordStrength(pw, { format: 'rar' }), (e) => e.code === 'invalid_option');
});

test('warnings name the problem; accents are explained, not called weak', () => {
  const table = [
    ['!QAZ2wsx#EDC', 'keyboard', /toetsenbordpatroon/],
    ['wxcvbn', 'keyboard', /toetsenbordpatroon/],
    ['Annelies1985!', 'first_name', /voornaam\. Het bevat ook een jaartal\./],
    ['12/05/1987', 'date', /datum/],
    ['Ça-va-été-à-Wervik-2026-!', 'not_ascii', /zonder accenten/],
  ];
  for (const [pw, problem, text] of table) {
    const s = rs.passwordStrength(pw, { input: sofie() });
    assert.equal(s.acceptable, false, pw);
    assert.equal(s.problem, problem, pw);
    assert.match(s.warning, text, pw);
  }
  assert.doesNotMatch(rs.passwordStrength('Ça-va-été-à-Wervik-2026-!').warning, /langer/);
  const ok = rs.passwordStrength('xwpa-h7mk-t3da-nufe-96jw', { input: sofie(), format: 'zip' });
  assert.equal(ok.acceptable, true);
  assert.equal(ok.warning, undefined);
});

test('sealReferral refuses a password the referral itself makes weak', () => {
  const pw = 'Broeck!Kerkstraat#Geluwe';
  assert.throws(() => rs.sealReferral(sofie(), { password: pw, today: TODAY }), (e) => {
    assert.equal(e.code, 'weak_password');
    assert.deepEqual(e.errors.map((x) => [x.field, x.code]), [['password', 'weak_password']]);
    return true;
  });
  // Enough for .7z, not for .zip.
  const between = 'Hmf8&dPz3@Lq';
  assert.ok(rs.sealReferral(sofie(), { password: between, format: '7z', today: TODAY }).archive.length > 0);
  assert.throws(() => rs.sealReferral(sofie(), { password: between, format: 'zip', today: TODAY }),
    (e) => e.code === 'weak_password');
});

test('generatePassphrase: phone-safe alphabet, 80 bits, a spelling aid per character', () => {
  for (let i = 0; i < 50; i++) {
    const p = rs.generatePassphrase();
    assert.match(p.passphrase, /^[3-9fkmoruwxy]{4}(-[3-9fkmoruwxy]{4}){4}$/);
    assert.equal(p.bits, 80);
    assert.equal(p.spelling.length, p.passphrase.length);
    assert.deepEqual(p.spelling, rs.spellPassword(p.passphrase));
    for (const format of ['7z', 'zip']) {
      assert.equal(rs.passwordStrength(p.passphrase, { input: sofie(), format }).acceptable, true);
    }
  }
  assert.deepEqual(rs.spellPassword('k7-W'), ['k van Kilogram', '7 (zeven)', '- (streepje)', 'hoofdletter W van Waterloo']);
});
