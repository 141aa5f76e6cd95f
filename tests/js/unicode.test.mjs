// The WebAssembly module takes NFC, NFD, combining marks and assigned code
// points from the JavaScript engine (src/unicode.rs), where native builds
// use the unicode-normalization crate. These tests run that engine path
// through the public API with the inputs that stress it, expected values
// worked out from the Unicode rules (UAX #15 composition and canonical
// ordering, general categories).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainToASCII } from 'node:url';
import { rs, sofie, TODAY } from './helpers.mjs';

const codes = (r) => r.errors.map((e) => [e.field, e.code]);

/** validateReferral with `field` ('section.key') set to `value`. */
function validateWith(field, value) {
  const input = sofie();
  const [section, key] = field.split('.');
  input[section][key] = value;
  return rs.validateReferral(input, { today: TODAY });
}

function accepted(field, value) {
  const r = validateWith(field, value);
  assert.deepEqual(codes(r), [], `${field} ${JSON.stringify(value)}`);
  const [section, key] = field.split('.');
  return r.referral[section][key];
}

test('decomposed Vietnamese is composed (NFC), with marks in canonical order', () => {
  for (const [typed, nfc] of [
    // e + circumflex → ê (U+00EA), ê + tilde → ễ (U+1EC5); a + grave → à.
    ['Nguye\u0302\u0303n', 'Nguy\u1EC5n'],
    ['Ha\u0300', 'H\u00E0'],
    // i + dot below → ị (U+1ECB).
    ['Thi\u0323 Ha\u0300', 'Th\u1ECB H\u00E0'],
    // Dot below (class 220) sorts before circumflex (230) whichever was
    // typed first; a + dot below → ạ, ạ + circumflex → ậ (U+1EAD).
    ['Tra\u0302\u0323n', 'Tr\u1EADn'],
    ['Tra\u0323\u0302n', 'Tr\u1EADn'],
    // Tilde and circumflex share class 230: not reordered, so e + tilde →
    // ẽ (U+1EBD), and the circumflex is then blocked and stays separate.
    ['Nguye\u0303\u0302n', 'Nguy\u1EBD\u0302n'],
    // Already composed text is unchanged.
    ['Nguy\u1EC5n Th\u1ECB H\u00E0', 'Nguy\u1EC5n Th\u1ECB H\u00E0'],
    // Singletons: Ångström sign → Å, ohm sign → Ω (compose never restores them).
    ['\u212Bsa', '\u00C5sa'],
  ]) {
    assert.equal(accepted('client.familyName', typed), nfc, JSON.stringify(typed));
  }
  assert.equal(accepted('contact.street', 'Rue de l\u2019E\u0301glise'), 'Rue de l\u2019\u00C9glise');
});

test('combining-mark floods are counted after NFC, one class per code point', () => {
  // e + 5 diaereses: NFC makes ë + 4, which is the limit.
  assert.equal(accepted('client.givenName', `Zoe${'\u0308'.repeat(5)}`), `Zo\u00EB${'\u0308'.repeat(4)}`);
  // e + 6 diaereses: ë + 5, one too many.
  assert.deepEqual(codes(validateWith('client.givenName', `Zoe${'\u0308'.repeat(6)}`)),
    [['client.givenName', 'invalid_name']]);
  // x has no precomposed forms: 4 marks pass, 5 do not.
  assert.equal(accepted('client.givenName', `Max${'\u0301'.repeat(4)}`), `Max${'\u0301'.repeat(4)}`);
  assert.deepEqual(codes(validateWith('client.givenName', `Max${'\u0301'.repeat(5)}`)),
    [['client.givenName', 'invalid_name']]);
  // A mark with no base: at the start, or after a space.
  for (const bad of ['\u0301Sofie', 'Sofie \u0301Anna']) {
    assert.deepEqual(codes(validateWith('client.givenName', bad)), [['client.givenName', 'invalid_name']], bad);
  }
  // Astral letters (𠮷 U+20BB7, two UTF-16 units each) before the marks: a
  // class per UTF-16 unit would shift the marks by two and count them
  // against the wrong characters. a + acute → á leaves 4 acutes.
  const astral = `\u{20BB7}\u{20BB7}a${'\u0301'.repeat(5)}`;
  assert.equal(accepted('client.familyName', astral), `\u{20BB7}\u{20BB7}\u00E1${'\u0301'.repeat(4)}`);
  assert.deepEqual(codes(validateWith('client.familyName', `\u{20BB7}a${'\u0301'.repeat(6)}`)),
    [['client.familyName', 'invalid_name']]);
  // A flood far over the field limit is refused by size before any work.
  for (const field of ['client.givenName', 'contact.street', 'contact.municipality']) {
    assert.deepEqual(codes(validateWith(field, `a${'\u0301'.repeat(20_000)}`)), [[field, 'too_long']], field);
  }
});

test('unassigned, private-use and noncharacter code points are refused in every text field', () => {
  const outsiders = [
    ['U+0378 unassigned', '\u0378'],
    ['U+2FFFD unassigned, astral', '\u{2FFFD}'],
    ['U+E000 private use', '\uE000'],
    ['U+F0000 private use, astral', '\u{F0000}'],
    ['U+FDD0 noncharacter', '\uFDD0'],
    ['U+FFFE noncharacter', '\uFFFE'],
    ['U+10FFFF noncharacter', '\u{10FFFF}'],
  ];
  for (const [what, c] of outsiders) {
    for (const [field, value] of [
      ['client.familyName', `Nguye\u0302${c}\u0303n`],
      ['client.givenName', `So${c}fie`],
      ['contact.street', `Kerkstraat${c}`],
      ['contact.houseNumber', `12${c}`],
      ['contact.municipality', `Geluwe${c}`],
      ['contact.phone', `0470 12 34 56${c}`],
      ['contact.email', `sofie@caf\u00E9${c}.test`],
    ]) {
      assert.deepEqual(codes(validateWith(field, value)), [[field, 'control_characters']], `${what} in ${field}`);
    }
  }
  // Their neighbours that are assigned are accepted: U+0377 (Greek small
  // letter pamphylian digamma), U+2FA1D (the last CJK compatibility
  // ideograph, NFC → U+2A600).
  assert.equal(accepted('client.familyName', 'Nikos\u0377'), 'Nikos\u0377');
  assert.equal(accepted('client.familyName', '\u{2FA1D}'), '\u{2A600}');
});

test('lone surrogates inside decomposed text are refused, not normalised', () => {
  for (const [field, value] of [
    ['client.familyName', 'Nguye\u0302\uDC00\u0303n'],
    ['client.givenName', 'Ha\u0300\uD800'],
    ['contact.email', 'sofie@cafe\u0301\uD800.test'],
  ]) {
    assert.deepEqual(codes(validateWith(field, value)), [[field, 'control_characters']], field);
  }
});

test('internationalised e-mail domains: lower case, NFC, punycode as the URL standard gives', () => {
  for (const domain of ['cafe\u0301.test', 'CAFE\u0301.TEST', 'caf\u00E9.test', 'ga\u0302teau.e\u0301cole.test', '\u00E9.\u00E9.test']) {
    const email = accepted('contact.email', `sofie@${domain}`);
    // node:url's domainToASCII (UTS #46) is an independent implementation.
    assert.equal(email, `sofie@${domainToASCII(domain)}`, domain);
  }
  assert.equal(domainToASCII('cafe\u0301.test'), 'xn--caf-dma.test', 'RFC 3492 as everyone encodes it');
  // Upper case, lowered one character at a time as UTS #46 maps it: a final
  // capital sigma becomes σ (not the word-final ς of toLowerCase in
  // context), İ becomes i + combining dot above.
  for (const domain of ['\u03A0\u0391\u03A1\u0391\u0394\u0395\u0399\u0393\u039C\u0391\u03A3.test', '\u010CE\u0160KA.test', '\u00C6R\u00D8.test', '\u00C7EL\u0130K.test']) {
    const email = accepted('contact.email', `sofie@${domain}`);
    assert.equal(email, `sofie@${domainToASCII(domain)}`, domain);
  }
  assert.notEqual(domainToASCII('\u03C0\u03B1\u03C1\u03B1\u03B4\u03B5\u03B9\u03B3\u03BC\u03B1\u03C2.test'), domainToASCII('\u03A0\u0391\u03A1\u0391\u0394\u0395\u0399\u0393\u039C\u0391\u03A3.test'),
    'the final-sigma case above tells the two lower-casings apart');
  for (const bad of [
    'sofie@\u0301cafe.test', // a label may not start with a mark
    'sofie@cafe.\u0301test',
    'sofie@xn--cafe-yvc.test', // punycode of "cafe" + U+0301: not NFC
  ]) {
    assert.deepEqual(codes(validateWith('contact.email', bad)), [['contact.email', 'invalid_email']], bad);
  }
  // Many one-letter labels: 100 × "xn--9ca." is far over 254 bytes.
  assert.deepEqual(codes(validateWith('contact.email', `s@${'\u00E9.'.repeat(100)}test`)),
    [['contact.email', 'too_long']]);
});

test('place names are compared without accents, typed composed or decomposed', () => {
  const registry = rs.getRegistry();
  const helecine = structuredClone(registry.protocols[0]);
  Object.assign(helecine, { id: 'ocmw-helecine-test', postalCodes: ['1357'], municipalities: ['H\u00E9l\u00E9cine'] });
  helecine.ocmw = { ...helecine.ocmw, name: 'OCMW H\u00E9l\u00E9cine' };
  rs.setRegistry({ ...registry, protocols: [...registry.protocols, helecine] });
  try {
    for (const typed of ['He\u0301le\u0301cine', 'H\u00E9l\u00E9cine', 'HELECINE', 'h\u00C9L\u00C8CINE']) {
      const input = sofie();
      Object.assign(input.contact, { postalCode: '1357', municipality: typed });
      const r = rs.validateReferral(input, { today: TODAY });
      assert.deepEqual(codes(r), [], typed);
      assert.equal(r.referral.contact.municipality, 'H\u00E9l\u00E9cine', typed);
    }
    const input = sofie();
    Object.assign(input.contact, { postalCode: '1357', municipality: 'He\u0301le\u0301cines' });
    assert.deepEqual(codes(rs.validateReferral(input, { today: TODAY })), [['contact.municipality', 'municipality_mismatch']]);
  } finally {
    rs.setRegistry(registry);
  }
});

test('an unknown key is shown as typed, with unassigned and invisible characters replaced', () => {
  const input = sofie();
  input.client['Pre\u0301nom\u0378\u200B\u{F0000}'] = 'x';
  assert.deepEqual(codes(rs.validateReferral(input, { today: TODAY })),
    [['client.Pre\u0301nom\uFFFD\uFFFD\uFFFD', 'unknown_field']]);
});
