// The public JavaScript contract of pkg/ (design.md, "Public contract"),
// exercised in Node exactly as an embedder would use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rs, sofie, TODAY, PASSWORD, open7zz, BUILTIN_REGISTRY, TEST_PROTOCOLS } from './helpers.mjs';

// helpers.mjs puts the test registry in place: expected mailboxes and OCMW
// names are the test registry's (TEST_PROTOCOLS[0] Wervik, [1] Torhout).
const [WERVIK, TORHOUT] = TEST_PROTOCOLS;

const utf8 = new TextDecoder();

test('validateReferral accepts a valid referral and normalises it', () => {
  const r = rs.validateReferral(sofie(), { today: TODAY });
  assert.equal(r.valid, true, JSON.stringify(r.errors));
  assert.deepEqual(r.errors, []);
  assert.equal(r.referral.contact.phone, '+32470123456');
  assert.equal(r.referral.contact.locality, 'Geluwe');
  assert.equal(r.referral.contact.municipality, 'Wervik');
  assert.equal(r.referral.client.familyName, 'Van den Broeck');
  assert.equal(r.protocol.mailbox, WERVIK.mailbox);
  assert.equal(r.protocol.ocmw.name, WERVIK.ocmw.name);
});

test('validateReferral returns every field error at once, with path, code and Dutch message', () => {
  const input = sofie();
  input.client.givenName = '   ';
  input.contact.phone = '12';
  input.contact.email = 'geen-adres';
  input.consent.agreed = false;
  const r = rs.validateReferral(input, { today: TODAY });
  assert.equal(r.valid, false);
  const got = Object.fromEntries(r.errors.map((e) => [e.field, e.code]));
  assert.deepEqual(got, {
    'client.givenName': 'required',
    'contact.phone': 'invalid_phone',
    'contact.email': 'invalid_email',
    'consent.agreed': 'consent_missing',
  });
  for (const e of r.errors) {
    assert.match(e.message, /^[A-Z].+\.$/u);
    assert.ok(!e.message.includes('geen-adres'), 'a message never echoes the value');
  }
});

test('unknown fields are refused, never kept', () => {
  const input = sofie();
  input.client.nationalNumber = '85.07.30-033.29'; // a wrong check number: no real person's
  input.notes = 'moeilijke thuissituatie';
  const r = rs.validateReferral(input, { today: TODAY });
  assert.equal(r.valid, false);
  const unknown = r.errors.filter((e) => e.code === 'unknown_field').map((e) => e.field).sort();
  assert.deepEqual(unknown, ['client.nationalNumber', 'notes']);
});

test('routing: no protocol, and protocol not yet in force', () => {
  const gent = sofie();
  gent.contact.postalCode = '9000';
  gent.contact.municipality = 'Gent';
  const r1 = rs.validateReferral(gent, { today: TODAY });
  assert.deepEqual(r1.errors.map((e) => [e.field, e.code]), [['contact.postalCode', 'no_protocol_for_municipality']]);

  const early = sofie();
  early.consent.date = '2023-11-01';
  const r2 = rs.validateReferral(early, { today: '2023-11-15' });
  assert.deepEqual(r2.errors.map((e) => [e.field, e.code]), [['contact.postalCode', 'protocol_not_in_force']]);
});

test('odd inputs get a clear answer, not an exception', () => {
  for (const bad of [null, undefined, 42, 'tekst', [], [1, 2], { client: [] }]) {
    const r = rs.validateReferral(bad, { today: TODAY });
    assert.equal(r.valid, false, String(bad));
    assert.ok(r.errors.length > 0);
    for (const e of r.errors) assert.equal(typeof e.code, 'string');
  }
  const huge = sofie();
  huge.client.givenName = 'a'.repeat(1 << 20);
  const r = rs.validateReferral(huge, { today: TODAY });
  assert.deepEqual(r.errors.map((e) => e.code), ['input_too_large']);
});

for (const format of ['7z', 'zip']) {
  test(`sealReferral (${format}) produces an archive that real 7-Zip opens to the confirmed content`, () => {
    const s = rs.sealReferral(sofie(), { password: PASSWORD, format, today: TODAY });
    assert.ok(s.archive instanceof Uint8Array);
    assert.match(s.archiveName, new RegExp(`^doorverwijzing-20261124-[3-9FKMORUWXY]{8}\\.${format}$`));
    assert.equal(s.archiveName, `doorverwijzing-20261124-${s.reference}.${format}`);
    assert.equal(s.emlName, `doorverwijzing-20261124-${s.reference}.eml`);
    assert.equal(s.recipient, WERVIK.mailbox);
    assert.equal(s.mimeType, format === '7z' ? 'application/x-7z-compressed' : 'application/zip');
    const magic = format === '7z' ? [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] : [0x50, 0x4b, 0x03, 0x04];
    assert.deepEqual([...s.archive.subarray(0, magic.length)], magic);

    const opened = open7zz(s.archive, s.archiveName, PASSWORD);
    assert.equal(opened.status, 0, opened.out);
    const r = s.reference;
    assert.deepEqual(Object.keys(opened.files).sort(), [`contact-${r}.vcf`, `doorverwijzing-${r}.json`, `doorverwijzing-${r}.txt`]);
    const doc = JSON.parse(utf8.decode(opened.files[`doorverwijzing-${r}.json`]));
    assert.equal(doc.client.givenName, 'Sofie');
    assert.equal(doc.client.familyName, 'Van den Broeck');
    assert.equal(doc.contact.phone, '+32470123456');
    assert.equal(doc.contact.email, 'sofie@example.com');
    assert.equal(doc.reference, s.reference);
    assert.ok(utf8.decode(opened.files[`doorverwijzing-${r}.txt`]).includes('Van den Broeck'));
    assert.ok(utf8.decode(opened.files[`contact-${r}.vcf`]).includes('Van den Broeck'));

    assert.notEqual(open7zz(s.archive, s.archiveName, PASSWORD + 'x').status, 0, 'wrong password must fail');
  });
}

test('the .eml draft and mailto link carry no personal data and no password', () => {
  const s = rs.sealReferral(sofie(), { password: PASSWORD, today: TODAY });
  const eml = utf8.decode(s.eml);
  assert.match(eml, /^X-Unsent: 1\r$/m);
  assert.ok(eml.split('\r\n').includes(`To: ${WERVIK.mailbox}`), 'To: the protocol\'s mailbox');
  assert.ok(eml.includes(s.reference));
  assert.ok(s.mailto.startsWith(`mailto:${WERVIK.mailbox}?`), s.mailto);
  // The attachment is the archive, byte for byte.
  const b64 = eml.split(/\r\n\r\n/).find((part, i, all) => i > 0 && /filename="?doorverwijzing-/.test(all[i - 1]));
  assert.ok(b64, 'attachment part present');
  const attachment = b64.split(/\r\n--/)[0];
  const attached = Buffer.from(attachment.replace(/\s+/g, ''), 'base64');
  // Everything but the ciphertext's base64 (where any short digit run may occur by chance).
  const visible = eml.replace(attachment, '');
  const secrets = ['Sofie', 'Broeck', 'Kerkstraat', '470', '123456', 'sofie@example', PASSWORD];
  for (const where of [visible, decodeURIComponent(s.mailto), s.archiveName, s.emlName]) {
    for (const secret of secrets) assert.ok(!where.includes(secret), `${secret} leaked`);
  }
  assert.deepEqual(new Uint8Array(attached), s.archive);
});

test('sealReferral throws an Error with code and errors', () => {
  assert.throws(() => rs.sealReferral(sofie(), { password: 'Welkom123', today: TODAY }), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'weak_password');
    assert.deepEqual(e.errors.map((x) => [x.field, x.code]), [['password', 'weak_password']]);
    return true;
  });
  const bad = sofie();
  bad.client.familyName = '';
  assert.throws(() => rs.sealReferral(bad, { password: PASSWORD, today: TODAY }), (e) => {
    assert.equal(e.code, 'invalid_input');
    assert.deepEqual(e.errors.map((x) => x.field), ['client.familyName']);
    return true;
  });
  assert.throws(() => rs.sealReferral(sofie(), { password: PASSWORD, today: TODAY, format: 'rar' }),
    (e) => e.code === 'invalid_option');
});

test('two seals of the same referral differ (reference, salt, IV)', () => {
  const a = rs.sealReferral(sofie(), { password: PASSWORD, today: TODAY });
  const b = rs.sealReferral(sofie(), { password: PASSWORD, today: TODAY });
  assert.notEqual(a.reference, b.reference);
  assert.notDeepEqual(a.archive, b.archive);
  const c = rs.sealReferral(sofie(), { password: PASSWORD, today: TODAY, reference: a.reference });
  assert.equal(c.reference, a.reference);
  assert.notDeepEqual(c.archive, a.archive, 'same reference, fresh salt and IV');
});

test('generatePassphrase and passwordStrength', () => {
  const seen = new Set();
  for (let i = 0; i < 50; i++) {
    const { passphrase, bits } = rs.generatePassphrase();
    assert.ok(bits >= 80, `bits ${bits}`);
    assert.match(passphrase, /^[\x21-\x7e]+$/);
    assert.doesNotMatch(passphrase, /[0O1lI]/);
    assert.equal(rs.passwordStrength(passphrase).acceptable, true);
    seen.add(passphrase);
  }
  assert.equal(seen.size, 50);
  for (const weak of ['password', 'Welkom123', 'azerty123', '']) {
    assert.equal(rs.passwordStrength(weak).acceptable, false, weak);
  }
  assert.equal(rs.passwordStrength('wachtwoörd-met-accent-2026!').acceptable, false, 'non-ASCII refused');
});

test('protocolFor and localitiesFor', () => {
  assert.equal(rs.protocolFor('8940', TODAY).mailbox, WERVIK.mailbox);
  assert.equal(rs.protocolFor('8820', TODAY).mailbox, TORHOUT.mailbox);
  assert.equal(rs.protocolFor('8820', '2024-04-17'), null, 'Torhout not yet in force');
  assert.equal(rs.protocolFor('9000', TODAY), null);
  // (typeof null is 'object' too: check the protocol itself.)
  assert.equal(rs.protocolFor('8940')?.postalCodes?.includes('8940'), true, 'today defaults to the browser date');
  const locs = rs.localitiesFor('8940').map((l) => `${l.locality}/${l.municipality}`).sort();
  assert.deepEqual(locs, ['Geluwe/Wervik', 'Wervik/Wervik']);
  assert.deepEqual(rs.localitiesFor('0000'), []);
});

// The shipped data is this test's subject: the package starts with
// data/protocols.json, the real protocols, as its registry.
test('the package ships data/protocols.json as its registry', () => {
  const shipped = JSON.parse(readFileSync(new URL('../../data/protocols.json', import.meta.url), 'utf8'));
  assert.deepEqual(BUILTIN_REGISTRY, shipped);
  assert.notDeepEqual(BUILTIN_REGISTRY.protocols.map((p) => p.mailbox), TEST_PROTOCOLS.map((p) => p.mailbox));
});

test('the registry can be replaced without a rebuild, and bad registries are refused', () => {
  const original = rs.getRegistry();
  assert.equal(original.protocols.length, 2);
  try {
    const onlyWervik = structuredClone(original);
    onlyWervik.protocols = onlyWervik.protocols.filter((p) => p.postalCodes.includes('8940'));
    assert.deepEqual(rs.setRegistry(onlyWervik), { protocols: 1 });
    assert.equal(rs.protocolFor('8820', TODAY), null);
    assert.equal(rs.setRegistry(JSON.stringify(original)).protocols, 2, 'JSON text works too');
    const broken = structuredClone(original);
    broken.protocols[0].mailbox = 'geen mailbox';
    assert.throws(() => rs.setRegistry(broken), (e) => e.code === 'invalid_registry' && e.errors.length > 0);
    assert.equal(rs.protocolFor('8820', TODAY).mailbox, TORHOUT.mailbox, 'a refused registry changes nothing');
  } finally {
    rs.setRegistry(original);
  }
});

test('sealFiles is a generic engine that 7-Zip opens', () => {
  const bytes = new TextEncoder().encode('Hallo OCMW, dit is een testbestand.\n'.repeat(100));
  for (const format of ['7z', 'zip']) {
    for (const compression of ['stored', 'compressed']) {
      const archive = rs.sealFiles([{ name: 'test.txt', bytes }], { password: PASSWORD, format, compression });
      const opened = open7zz(archive, `t.${format}`, PASSWORD);
      assert.equal(opened.status, 0, opened.out);
      assert.deepEqual(new Uint8Array(opened.files['test.txt']), bytes);
    }
  }
  assert.throws(() => rs.sealFiles([{ name: '../evil', bytes }], { password: PASSWORD }), (e) => typeof e.code === 'string');
  assert.throws(() => rs.sealFiles('niet-een-lijst', { password: PASSWORD }), (e) => e.code === 'invalid_type');
});
