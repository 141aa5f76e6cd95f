// Nothing personal outside the ciphertext: for invented referrals in both
// formats, every byte sealReferral hands out (archive, archive and draft
// names, the .eml draft's headers and decoded text parts, the mailto: link,
// percent-decoded) is searched for every personal value and the password,
// in UTF-8, UTF-16LE and UTF-16BE, NFC and NFD. leak-page.test.mjs runs the
// same tests on the page's own engine (target/page-pkg/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rs, open7zz } from './helpers.mjs';
import { PEOPLE, TODAY, TEST_REGISTRY, findAll } from './people.mjs';

// Invented OCMWs with reserved e-mail domains, not the real registry's.
rs.setRegistry(TEST_REGISTRY);
const engine = process.env.RS_ENGINE === 'page' ? 'page engine' : 'pkg';

const latin1 = (bytes) => Buffer.from(bytes).toString('latin1');

/** Decodes quoted-printable text to bytes. */
function fromQuotedPrintable(text) {
  const soft = text.replace(/=\r?\n/g, '');
  const out = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/.test(soft.slice(i + 1, i + 3))) {
      out.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(soft.charCodeAt(i));
    }
  }
  return Buffer.from(out);
}

/** Unfolds header lines and decodes RFC 2047 encoded words to UTF-8 text. */
function decodeHeaders(block) {
  return block.replace(/\r\n[ \t]+/g, ' ').replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc, data) =>
    (enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64')
      : fromQuotedPrintable(data.replace(/_/g, ' '))).toString('utf8'));
}

/**
 * Splits a .eml draft into what a reader of the mail sees: the headers of
 * the message and of each part (decoded), each text part's decoded body,
 * and the decoded bytes of each attachment.
 */
function parseEml(bytes) {
  const text = latin1(bytes);
  const [head, ...rest] = text.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  const headers = [decodeHeaders(head)];
  const texts = [];
  const attachments = [];
  const boundary = /boundary="([^"]+)"/.exec(decodeHeaders(head))?.[1];
  assert.ok(boundary, 'multipart draft');
  const parts = body.split(`--${boundary}`).slice(1, -1);
  assert.ok(parts.length >= 2, 'a text part and an attachment');
  for (const part of parts) {
    const [ph, ...pb] = part.replace(/^\r\n/, '').split('\r\n\r\n');
    const partHeaders = decodeHeaders(ph);
    headers.push(partHeaders);
    const data = pb.join('\r\n\r\n');
    const cte = /Content-Transfer-Encoding:\s*([\w-]+)/i.exec(partHeaders)?.[1]?.toLowerCase();
    const decoded = cte === 'base64' ? Buffer.from(data.replace(/\s+/g, ''), 'base64')
      : cte === 'quoted-printable' ? fromQuotedPrintable(data) : Buffer.from(data, 'latin1');
    if (/Content-Type:\s*text\//i.test(partHeaders)) texts.push(decoded);
    else attachments.push(decoded);
  }
  return { headers, texts, attachments };
}

for (const format of ['7z', 'zip']) {
  for (const person of PEOPLE) {
    const who = `${person.input.client.familyName.normalize('NFC')} (${format}, ${engine})`;
    test(`no personal data or password outside the ciphertext: ${who}`, () => {
      const s = rs.sealReferral(person.input, { password: person.password, format, today: TODAY });
      const eml = parseEml(s.eml);
      assert.equal(eml.attachments.length, 1);
      assert.deepEqual(new Uint8Array(eml.attachments[0]), s.archive, 'the attachment is the archive');
      assert.ok(eml.texts.length >= 1 && eml.texts.every((t) => t.toString('utf8').includes(s.reference)));
      assert.equal(s.recipient, JSON.parse(TEST_REGISTRY).protocols.find((p) => p.postalCodes.includes(person.input.contact.postalCode)).mailbox);

      const places = {
        archive: Buffer.from(s.archive),
        archiveName: Buffer.from(s.archiveName, 'utf8'),
        emlName: Buffer.from(s.emlName, 'utf8'),
        'eml as written': Buffer.from(s.eml),
        mailto: Buffer.from(s.mailto, 'utf8'),
        'mailto, percent-decoded': Buffer.from(decodeURIComponent(s.mailto), 'utf8'),
        ...Object.fromEntries(eml.headers.map((h, i) => [`eml headers ${i}`, Buffer.from(h, 'utf8')])),
        ...Object.fromEntries(eml.texts.map((t, i) => [`eml text part ${i}`, t])),
      };
      const secrets = [...person.secrets, person.password];
      const hits = [];
      for (const [where, bytes] of Object.entries(places)) {
        for (const h of secrets.flatMap((x) => findAll(bytes, x))) hits.push(`${where}: ${h.secret} (${h.form}, ${h.enc})`);
      }
      assert.deepEqual(hits, []);

      // And the data is inside: the ciphertext opens to it (guards against a
      // test that passes because nothing was sealed).
      const opened = open7zz(s.archive, s.archiveName, person.password);
      assert.equal(opened.status, 0, opened.out);
      const doc = opened.files['doorverwijzing.json'].toString('utf8');
      assert.ok(doc.includes(person.input.client.familyName.normalize('NFC')), 'family name sealed inside');
    });
  }
}

test('the search itself finds each spelling (NFD, UTF-16BE) where it is', () => {
  const nguyen = PEOPLE[2].secrets.find((x) => x === 'Nguyễn');
  assert.ok(nguyen);
  const hay = Buffer.concat([Buffer.from('xx'), Buffer.from(nguyen.normalize('NFD'), 'utf16le').swap16(), Buffer.from('yy')]);
  assert.deepEqual(findAll(hay, nguyen).map((h) => [h.form, h.enc]), [['NFD', 'UTF-16BE']]);
  const qp = fromQuotedPrintable('cli=C3=ABnt=\r\nen');
  assert.equal(qp.toString('utf8'), 'cliënten');
});
