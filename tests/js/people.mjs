// Invented clients with real-world difficulties, and the personal values
// (plus the password) that must never be found outside the ciphertext or
// left behind in Wasm memory. Shared by memory.test.mjs and leak.test.mjs.
import { TODAY, TEST_REGISTRY, TEST_PROTOCOLS } from './helpers.mjs';

/** The test registry (JSON text), loaded once in helpers.mjs. */
export { TEST_REGISTRY };

const nfd = (s) => s.normalize('NFD');

const referrer = {
  team: TEST_PROTOCOLS[0].referringTeams[0], name: 'An Peeters',
  phone: '050 12 34 56', email: 'an.peeters@example.com',
};
const consent = { informed: true, agreed: true, date: '2026-11-20' };

/**
 * Each person: the input as a page would send it, the password, and the
 * personal values in every spelling that could appear (as typed, normalised).
 */
export const PEOPLE = [
  {
    input: {
      client: { givenName: 'Ayşe Nur', familyName: 'Çelik-Yılmaz' },
      contact: {
        street: 'Menenstraat', houseNumber: '212', box: '3B', postalCode: '8940',
        municipality: 'Geluwe', phone: '0470 98 76 54', email: 'ayse.celik-yilmaz@example.com',
      },
      consent, referrer,
    },
    password: 'xwpa-h7mk-t3da-nufe-96jw',
    secrets: ['Ayşe Nur', 'Çelik-Yılmaz', 'Menenstraat', '0470 98 76 54', '0470987654',
      '+32470987654', '470987654', 'ayse.celik-yilmaz@example.com'],
  },
  {
    input: {
      client: { givenName: 'Mamadou', familyName: 'N’Diaye' },
      contact: {
        postalCode: '8820', municipality: 'Torhout',
        phone: '+33 6 48 27 19 03', email: 'm.ndiaye.fam@ocmw-klant.test',
      },
      // The team rule: the Torhout protocol's team.
      consent, referrer: { ...referrer, team: TEST_PROTOCOLS[1].referringTeams[0] },
    },
    password: 'Zuid-Oost 4 Vlinders!Kopje',
    secrets: ['Mamadou', 'N’Diaye', '+33 6 48 27 19 03', '+33648271903', '648271903',
      'm.ndiaye.fam@ocmw-klant.test'],
  },
  {
    // Vietnamese typed in decomposed form (NFD), as some keyboards send it.
    input: {
      client: { givenName: nfd('Thị Ánh Tuyết'), familyName: nfd('Nguyễn') },
      contact: {
        street: nfd('Rue de l’Église'), houseNumber: '7-9', postalCode: '8940',
        municipality: 'Wervik', phone: '0499 11 22 33',
      },
      consent, referrer,
    },
    password: 'dm4k-waf7-ph3x-ten9-uj6h',
    secrets: ['Thị Ánh Tuyết', 'Nguyễn', 'Rue de l’Église', '0499 11 22 33', '0499112233',
      '+32499112233', '499112233'],
  },
  {
    input: {
      client: {
        givenName: 'Marie-Évangéline Dieudonnée',
        familyName: 'Van den Broeck-D\'Hondt de la Kethulle de Ryhove',
      },
      contact: {
        street: 'Sint-Maartensplein', houseNumber: '1A', postalCode: '8820',
        municipality: 'Torhout', email: 'evangeline.vdb@example.invalid',
      },
      consent, referrer: { ...referrer, team: TEST_PROTOCOLS[1].referringTeams[1] },
    },
    password: 'kotu-mepa-ribe-noza-veki-suta',
    secrets: ['Marie-Évangéline', 'Dieudonnée', 'Van den Broeck-D\'Hondt', 'Kethulle de Ryhove',
      'Sint-Maartensplein', 'evangeline.vdb@example.invalid'],
  },
];

export { TODAY };

/** Every spelling of `s` to search for: NFC and NFD, in UTF-8, UTF-16LE and UTF-16BE. */
export function encodings(s) {
  const out = [];
  for (const form of new Set([s.normalize('NFC'), s.normalize('NFD')])) {
    const utf8 = Buffer.from(form, 'utf8');
    const le = Buffer.from(form, 'utf16le');
    const be = Buffer.from(le);
    be.swap16();
    out.push({ form: form === s.normalize('NFC') ? 'NFC' : 'NFD', enc: 'UTF-8', bytes: utf8 });
    out.push({ form: form === s.normalize('NFC') ? 'NFC' : 'NFD', enc: 'UTF-16LE', bytes: le });
    out.push({ form: form === s.normalize('NFC') ? 'NFC' : 'NFD', enc: 'UTF-16BE', bytes: be });
  }
  return out;
}

/** Where `needle` (any spelling) occurs in `haystack` (a Buffer), or [] when nowhere. */
export function findAll(haystack, secret) {
  const hits = [];
  for (const { form, enc, bytes } of encodings(secret)) {
    const at = haystack.indexOf(bytes);
    if (at >= 0) hits.push({ secret, form, enc, at });
  }
  return hits;
}
