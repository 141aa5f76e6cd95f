// What open.html shows of an opened archive: a referral-seal referral as a
// readable referral, anything else as a list of files. Text only: every
// value from the archive goes into the page through textContent, never as
// markup.

/** `doorverwijzing.json` (before the reference was in names) or `doorverwijzing-<REF>.json`. */
export const REFERRAL_JSON = /^doorverwijzing(?:-[A-Z0-9]{4,16})?\.json$/;
const REFERRAL_SCHEMA = /^referral-seal\/referral\//;

/** The referral in an archive's entries, or null: its JSON, its text and its vCard entry. */
export function findReferral(entries) {
  const json = entries.find((e) => REFERRAL_JSON.test(e.name));
  if (!json) return null;
  let data;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json.bytes));
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || typeof data.schema !== 'string' || !REFERRAL_SCHEMA.test(data.schema)) return null;
  const suffix = json.name.slice('doorverwijzing'.length, -'.json'.length);
  const text = entries.find((e) => e.name === `doorverwijzing${suffix}.txt`) ?? null;
  const vcard = entries.find((e) => e.name === `contact${suffix}.vcf`) ?? null;
  return { data, text, vcard };
}

const str = (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** The referral's fields as [section, [[label, value]]] rows, values as plain strings. */
export function referralRows(data) {
  const c = data.contact ?? {};
  const address = [str(c.street), str(c.houseNumber), c.box ? `bus ${str(c.box)}` : ''].filter(Boolean).join(' ');
  const place = [str(c.postalCode), str(c.locality)].filter(Boolean).join(' ');
  const municipality = c.municipality && c.municipality !== c.locality ? ` (${str(c.municipality)})` : '';
  const r = data.referrer ?? {};
  return [
    ['Doorverwijzing', [
      ['Referentie', str(data.reference)],
      ['Datum', str(data.date)],
      ['Aan', str(data.ocmw?.name)],
      ['Van', str(r.team)],
      ['Doorverwezen door', str(r.name)],
      ['Telefoon doorverwijzer', str(r.phone)],
      ['E-mail doorverwijzer', str(r.email)],
    ]],
    ['Cliënt', [
      ['Voornaam', str(data.client?.givenName)],
      ['Familienaam', str(data.client?.familyName)],
      ['Adres', address],
      ['Woonplaats', place + municipality],
      ['Telefoon', str(c.phone)],
      ['E-mail', str(c.email)],
    ]],
    ['Toestemming', [
      ['Geïnformeerd', data.consent?.informed === true ? 'ja' : 'nee'],
      ['Akkoord', data.consent?.agreed === true ? 'ja' : 'nee'],
      ['Datum toestemming', str(data.consent?.date)],
      ['Protocol', str(data.protocol?.reference)],
    ]],
  ].map(([title, rows]) => [title, rows.filter(([, v]) => v !== '')]);
}

/** A size as people read it, in Dutch: 0 bytes, 1,2 kB, 16,0 MB. */
export function readableSize(n) {
  const fmt = new Intl.NumberFormat('nl-BE', { maximumFractionDigits: 1, minimumFractionDigits: n >= 1000 ? 1 : 0 });
  if (n < 1000) return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
  if (n < 1e6) return `${fmt.format(n / 1e3)} kB`;
  return `${fmt.format(n / 1e6)} MB`;
}

/** A name that is safe as a download name: the path's folders joined with " - ". */
export function downloadName(name) {
  return name.split('/').filter(Boolean).join(' - ').replace(/[\\:*?"<>|\u0000-\u001f]/g, '_');
}

/** The MIME type a download gets (Outlook imports a .vcf by its type). */
export function mimeType(name) {
  if (/\.vcf$/i.test(name)) return 'text/vcard;charset=utf-8';
  if (/\.txt$/i.test(name)) return 'text/plain;charset=utf-8';
  if (/\.json$/i.test(name)) return 'application/json';
  return 'application/octet-stream';
}
