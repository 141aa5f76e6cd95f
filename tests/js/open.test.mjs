// openArchive in the Wasm package: archives written by zip.js in Node (an
// independent WinZip-AES writer), by sealReferral and by real 7-Zip,
// opened to the exact bytes; wrong passwords, damage and bad input give a
// code, never a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZipWriter, Uint8ArrayWriter, Uint8ArrayReader, configure } from '@zip.js/zip.js';
import { rs, sofie, TODAY, PASSWORD } from './helpers.mjs';

configure({ useWebWorkers: false });

const files = [
  ['verslag Brûlé.txt', new TextEncoder().encode('Çelik-Yılmaz, Şükrü — Van den Broeck\r\n'.repeat(500))],
  ['map/notities N’Diaye.txt', new TextEncoder().encode('Aïssatou\n')],
  ['leeg.txt', new Uint8Array(0)],
  ['ruis.bin', Uint8Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24)],
];

async function zipjs({ level, encryptionStrength = 3, zipCrypto = false, password = PASSWORD }) {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password, encryptionStrength, zipCrypto, level });
  for (const [name, bytes] of files) await writer.add(name, new Uint8ArrayReader(bytes));
  return writer.close();
}

function assertFiles(opened, context) {
  const got = new Map(opened.entries.map((e) => [e.name, e.bytes]));
  assert.equal(got.size, files.length, context);
  for (const [name, bytes] of files) assert.deepEqual(got.get(name), bytes, `${context}: ${name}`);
}

test('zip.js WinZip AES-256, stored and Deflate: exact bytes; a wrong password is wrong_password', async () => {
  for (const level of [0, 6]) {
    const archive = await zipjs({ level });
    const opened = rs.openArchive(archive, { password: PASSWORD });
    assert.equal(opened.format, 'zip');
    assert.equal(opened.warning, undefined);
    assertFiles(opened, `zip.js level ${level}`);
    assert.throws(() => rs.openArchive(archive, { password: `${PASSWORD}x` }), (e) => {
      assert.equal(e.code, 'wrong_password');
      assert.match(e.message, /controleer het wachtwoord dat u telefonisch kreeg/);
      return true;
    });
  }
});

test('zip.js ZipCrypto is refused with the AES-256 message', async () => {
  const archive = await zipjs({ level: 6, zipCrypto: true });
  assert.throws(() => rs.openArchive(archive, { password: PASSWORD }), (e) => e.code === 'weak_encryption' && /AES-256/.test(e.message) && /afzender/.test(e.message));
});

test('our own .7z and .zip open to the referral files; the 7z wrong-password message says it may be damage', () => {
  for (const format of ['7z', 'zip']) {
    const sealed = rs.sealReferral(sofie(), { password: PASSWORD, format, today: TODAY });
    const opened = rs.openArchive(sealed.archive, { password: PASSWORD });
    assert.equal(opened.format, format);
    const names = opened.entries.map((e) => e.name).sort();
    // Entry names carry the reference in newer builds; older archives have plain names.
    const ref = names[0].startsWith('contact-') ? `-${sealed.reference}` : '';
    assert.deepEqual(names, [`contact${ref}.vcf`, `doorverwijzing${ref}.json`, `doorverwijzing${ref}.txt`]);
    const json = JSON.parse(new TextDecoder().decode(opened.entries.find((e) => e.name.endsWith('.json')).bytes));
    assert.equal(json.client.familyName, 'Van den Broeck');
    assert.throws(() => rs.openArchive(sealed.archive, { password: 'verkeerd-wachtwoord-123' }), (e) => {
      assert.equal(e.code, 'wrong_password');
      if (format === '7z') assert.match(e.message, /Wachtwoord fout of bestand beschadigd/);
      return true;
    });
  }
});

test('a 7zz-made LZMA2 .7z with encrypted header opens (pkg/ has the LZMA decoders)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-open-'));
  try {
    writeFileSync(join(dir, 'brief Brûlé.txt'), 'Sofie Van den Broeck\n'.repeat(2000));
    const r = spawnSync('7zz', ['a', '-t7z', '-mhe=on', `-p${PASSWORD}`, join(dir, 'a.7z'), 'brief Brûlé.txt'], { cwd: dir });
    assert.equal(r.status, 0, String(r.stderr));
    const opened = rs.openArchive(readFileSync(join(dir, 'a.7z')), { password: PASSWORD });
    assert.deepEqual(opened.entries.map((e) => e.name), ['brief Brûlé.txt']);
    assert.equal(new TextDecoder().decode(opened.entries[0].bytes), 'Sofie Van den Broeck\n'.repeat(2000));
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('damage and junk give a code, never a crash or a half result', async () => {
  const archive = await zipjs({ level: 6 });
  for (const bytes of [new Uint8Array(0), new TextEncoder().encode('niet een archief'), archive.subarray(0, archive.length - 30)]) {
    assert.throws(() => rs.openArchive(bytes, { password: PASSWORD }), (e) => ['not_an_archive', 'damaged_archive'].includes(e.code));
  }
  const flipped = archive.slice();
  flipped[120] ^= 0x40;
  try {
    assertFiles(rs.openArchive(flipped, { password: PASSWORD }), 'flip outside what is checked');
  } catch (e) {
    assert.ok(['damaged_archive', 'wrong_password'].includes(e.code), e.code);
  }
  // Still usable afterwards.
  assertFiles(rs.openArchive(archive, { password: PASSWORD }), 'after the errors');
});
