// Issue 13 (parties) and issue 12 §4 at the JavaScript boundary of pkg/:
// registry schema v2 (referringTeams, passwordCall), the team rule and
// teamCheck, error suggestions, sealReferral's team and openWith, and the
// entry names that carry the reference. The test registry
// (tests/fixtures/registry.json: invented OCMWs, reserved addresses), not
// data/protocols.json's mailboxes; teams and OCMW names are read from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rs, sofie, TODAY, PASSWORD, open7zz, BUILTIN_REGISTRY, TEST_REGISTRY } from './helpers.mjs';

const utf8 = new TextDecoder();

/** The test registry with a number for the password call on Torhout's protocol. */
const REGISTRY = JSON.parse(TEST_REGISTRY);
REGISTRY.protocols[1].passwordCall = { phone: '+32 50 12 34 56', ask: 'de maatschappelijk werker van dienst' };
const [WERVIK, TORHOUT_PROTOCOL] = REGISTRY.protocols;
const [MENEN] = WERVIK.referringTeams;
const [WESTKUST, TORHOUT] = TORHOUT_PROTOCOL.referringTeams;

/** Runs `body` with `registry` in place, then restores the one before. */
function withRegistry(registry, body) {
  const original = rs.getRegistry();
  try {
    rs.setRegistry(registry);
    return body();
  } finally {
    rs.setRegistry(original);
  }
}

function torhout(team) {
  const input = sofie();
  input.contact.postalCode = '8820';
  input.contact.municipality = 'Torhout';
  input.referrer.team = team;
  return input;
}

test('getRegistry is schema v2: referringTeams and passwordCall', () => {
  // The shipped data is the subject here: the real protocols state no number.
  for (const r of [BUILTIN_REGISTRY, rs.getRegistry()]) {
    assert.equal(r.schema, 'referral-seal/protocols/v2');
    for (const p of r.protocols) {
      assert.ok(Array.isArray(p.referringTeams) && p.referringTeams.length > 0, p.id);
      assert.equal('referringTeam' in p, false);
      assert.equal(p.passwordCall, null, `${p.id}: no number`);
    }
  }
  withRegistry(REGISTRY, () => {
    const t = rs.getRegistry().protocols[1];
    assert.deepEqual(t.referringTeams, [WESTKUST, TORHOUT]);
    assert.deepEqual(t.passwordCall, {
      phone: '+3250123456', phoneDisplay: '050 12 34 56', ask: 'de maatschappelijk werker van dienst',
    });
    assert.deepEqual(rs.protocolFor('8820', TODAY).passwordCall, t.passwordCall);
  });
});

test('setRegistry still reads a v1 registry', () => {
  const v1 = structuredClone(REGISTRY);
  v1.schema = 'referral-seal/protocols/v1';
  for (const p of v1.protocols) {
    p.referringTeam = p.referringTeams[0];
    delete p.referringTeams;
    delete p.passwordCall;
  }
  withRegistry(v1, () => {
    assert.deepEqual(rs.protocolFor('8820', TODAY).referringTeams, [WESTKUST]);
    assert.equal(rs.getRegistry().schema, 'referral-seal/protocols/v2');
  });
});

test('the team rule: refused on referrer.team, and teamCheck tells it early', () => {
  withRegistry(REGISTRY, () => {
    const r = rs.validateReferral(torhout(MENEN), { today: TODAY });
    assert.equal(r.valid, false);
    assert.deepEqual(r.errors.map((e) => [e.field, e.code]), [['referrer.team', 'team_not_in_protocol']]);
    const message = r.errors[0].message;
    assert.ok(message.includes(TORHOUT_PROTOCOL.ocmw.name) && message.includes(WESTKUST) && message.includes(TORHOUT), message);
    assert.ok(!message.includes('Menen'), 'no echo of the typed team');

    assert.deepEqual(rs.teamCheck('8820', MENEN, TODAY), r.errors[0]);
    assert.deepEqual(rs.teamCheck('B-8820', MENEN, TODAY), r.errors[0], 'pasted postal code');
    assert.equal(rs.teamCheck('8820', TORHOUT, TODAY), null);
    assert.equal(rs.teamCheck('8820', WESTKUST.toLowerCase(), TODAY), null);
    assert.equal(rs.teamCheck('9000', MENEN, TODAY), null, 'no protocol: the postal code says so');
    assert.equal(rs.teamCheck('', MENEN, TODAY), null);
    assert.throws(() => rs.sealReferral(torhout(MENEN), { password: PASSWORD, today: TODAY }),
      (e) => e.code === 'invalid_input' && e.errors[0].code === 'team_not_in_protocol');
  });
});

test('pasted postal codes are read by localitiesFor and protocolFor', () => {
  const want = rs.localitiesFor('8940');
  assert.equal(want.length, 2);
  for (const pasted of ['B-8940', 'BE 8940', '8940 Wervik']) {
    assert.deepEqual(rs.localitiesFor(pasted), want, pasted);
    assert.equal(rs.protocolFor(pasted, TODAY).ocmw.name, WERVIK.ocmw.name, pasted);
  }
  assert.deepEqual(rs.localitiesFor('89-40'), []);
});

test('e-mail typos come back with a suggestion, never the typed value', () => {
  // Real providers' domains on purpose: the subject is the typo suggestion
  // for the domains people really type.
  const input = sofie();
  input.contact.email = 'sofie@gmial.com';
  const r = rs.validateReferral(input, { today: TODAY });
  assert.equal(r.valid, false);
  assert.equal(r.errors.length, 1);
  const e = r.errors[0];
  assert.equal(e.field, 'contact.email');
  assert.equal(e.code, 'invalid_email');
  assert.equal(e.suggestion, 'gmail.com');
  assert.ok(!e.message.includes('gmial'), e.message);
  input.contact.email = 'sofie@telenet,be';
  const comma = rs.validateReferral(input, { today: TODAY }).errors[0];
  assert.match(comma.message, /komma/);
  assert.equal('suggestion' in comma, false);
});

test('sealReferral: the sending team, the opening advice and entry names with the reference', () => {
  withRegistry(REGISTRY, () => {
    for (const format of ['7z', 'zip']) {
      const s = rs.sealReferral(torhout(TORHOUT.toLowerCase()), { password: PASSWORD, format, today: TODAY });
      assert.equal(s.team, TORHOUT, 'the registry spelling');
      assert.match(s.reference, /^[3-9FKMORUWXY]{8}$/);
      assert.ok(s.openWith.includes('7-Zip') && s.openWith.includes('Windows Verkenner'));
      assert.equal(s.openWith.includes('zip-bestand'), format === 'zip');
      const eml = utf8.decode(s.eml);
      assert.ok(eml.includes(`doorverwijzing-${s.reference}.txt`), 'the mail lists the entries');
      const opened = open7zz(s.archive, s.archiveName, PASSWORD);
      assert.equal(opened.status, 0, opened.out);
      const r = s.reference;
      assert.deepEqual(Object.keys(opened.files).sort(),
        [`contact-${r}.vcf`, `doorverwijzing-${r}.json`, `doorverwijzing-${r}.txt`]);
      const doc = JSON.parse(utf8.decode(opened.files[`doorverwijzing-${r}.json`]));
      assert.equal(doc.referrer.team, TORHOUT);
      assert.ok(utf8.decode(opened.files[`doorverwijzing-${r}.txt`]).includes(`Van:          ${TORHOUT} (Opgroeien regie)`));
    }
    // A legacy six-character reference is still accepted.
    const legacy = rs.sealReferral(sofie(), { password: PASSWORD, format: 'zip', today: TODAY, reference: 'k7f3qx' });
    assert.equal(legacy.reference, 'K7F3QX');
  });
});
