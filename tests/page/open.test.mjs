// open.html in Chromium, served and as one file from file://: our .7z and
// .zip and a 7-Zip-made LZMA2 .7z open to a readable referral or a file
// list; the .vcf downloads byte for byte; a wrong password shows the alert
// and no content; no request after load; nothing stored; keyboard only;
// axe 0; 390 px wide; "Sluiten" revokes every blob URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  DIST, pageEnv, testPage, download, tempDir, removeDir, storageSnapshot, axe, shot,
} from './helpers.mjs';

const { rs, sofie, TODAY, PASSWORD } = await import('../js/helpers.mjs');

const env = pageEnv();
let dir;
const archives = {};

before(async () => {
  dir = tempDir('rs-open-');
  for (const format of ['7z', 'zip']) {
    const sealed = rs.sealReferral(sofie(), { password: PASSWORD, format, today: TODAY });
    const path = join(dir, sealed.archiveName);
    writeFileSync(path, sealed.archive);
    const entries = rs.openArchive(sealed.archive, { password: PASSWORD }).entries;
    archives[format] = { path, reference: sealed.reference, entries };
  }
  // A .7z made by hand with 7-Zip: LZMA2, encrypted header, a folder, diacritics.
  const src = join(dir, 'src');
  spawnSync('mkdir', ['-p', join(src, 'map')]);
  writeFileSync(join(src, 'verslag Brûlé.txt'), 'Verslag voor Aïssatou N’Diaye\n'.repeat(300));
  writeFileSync(join(src, 'map', 'bijlage.txt'), 'Bijlage\n');
  const r = spawnSync('7zz', ['a', '-t7z', '-m0=LZMA2', '-mhe=on', `-p${PASSWORD}`, join(dir, 'hand.7z'), '.'], { cwd: src });
  assert.equal(r.status, 0, String(r.stderr));
  archives.hand = { path: join(dir, 'hand.7z') };
  // open.html alone in a folder, as the OCMW keeps it.
  copyFileSync(join(DIST, 'open.html'), join(dir, 'open.html'));
});

after(() => {
  if (dir) removeDir(dir);
});

/** open.html for test `t`, served or from its folder (file://), once it is ready. */
async function load(t, where, { contextOptions = {}, clock = false } = {}) {
  const opened = await testPage(t, env, 'open.html', {
    waitForEngine: false,
    contextOptions,
    clock,
    ...(where === 'file' ? { url: `file://${join(dir, 'open.html')}` } : {}),
  });
  await opened.page.waitForSelector('html[data-ready]', { state: 'attached' });
  return opened;
}

async function openArchive(page, path, password) {
  await page.setInputFiles('#archive', path);
  await page.fill('[name="password"]', password);
  await page.click('#open-submit');
  await page.waitForFunction(() => !document.getElementById('result').hidden || document.getElementById('alert').textContent !== '', null, { timeout: 30_000 });
}

for (const where of ['served', 'file']) {
  test(`${where}: our .7z and .zip show the referral; the .vcf downloads byte for byte; Sluiten wipes`, async (t) => {
    const { page, log } = await load(t, where);
    const afterLoad = log.requests.length;
    for (const format of ['7z', 'zip']) {
      const a = archives[format];
      await openArchive(page, a.path, PASSWORD);
      assert.equal(await page.textContent('#alert'), '');
      assert.equal(await page.textContent('[data-client-name]'), 'Sofie Van den Broeck');
      const text = await page.textContent('#result');
      for (const expected of [a.reference, 'OCMW', 'Lokaal team Kind en Gezin Menen', 'Kerkstraat 12 bus B', '+32470123456', 'Bewaartermijn']) {
        assert.ok(text.includes(expected), `${format}: ${expected}`);
      }
      const vcf = a.entries.find((e) => e.name.endsWith('.vcf'));
      const got = await download(page, `#result a[download="${vcf.name}"] >> nth=0`, dir);
      assert.equal(got.name, vcf.name);
      assert.deepEqual(new Uint8Array(readFileSync(got.path)), vcf.bytes);
      const urls = await page.$$eval('#result a[download]', (as) => as.map((x) => x.href));
      assert.ok(urls.length >= 4 && urls.every((u) => u.startsWith('blob:')));
      await page.click('#close');
      assert.equal(await page.$eval('#result', (r) => r.hidden && r.childElementCount === 0), true);
      assert.equal(await page.inputValue('[name="password"]'), '');
      const revoked = await page.evaluate(() => window.__revoked);
      for (const u of urls) assert.ok(revoked.includes(u), `revoked ${u}`);
    }
    assert.deepEqual(log.requests.slice(afterLoad).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:')), [], 'no request after load');
    assert.deepEqual(log.errors, []);
    assert.deepEqual(await storageSnapshot(page), { localStorage: 0, sessionStorage: 0, indexedDB: 0, cookie: '', caches: 0 });
  });

  test(`${where}: a 7-Zip-made LZMA2 .7z lists its files with sizes and downloads`, async (t) => {
    const { page } = await load(t, where);
    await openArchive(page, archives.hand.path, PASSWORD);
    const rows = await page.$$eval('#result tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    const names = rows.map((r) => r[0]).sort();
    assert.deepEqual(names, ['map/bijlage.txt', 'verslag Brûlé.txt']);
    assert.ok(rows.find((r) => r[0] === 'verslag Brûlé.txt')[1].endsWith('kB'));
    const got = await download(page, '#result a[aria-label="verslag Brûlé.txt downloaden"]', dir);
    assert.equal(readFileSync(got.path, 'utf8'), 'Verslag voor Aïssatou N’Diaye\n'.repeat(300));
  });

  test(`${where}: a wrong password shows the alert and no content`, async (t) => {
    const { page } = await load(t, where);
    for (const [format, phrase] of [['zip', 'controleer het wachtwoord dat u telefonisch kreeg'], ['7z', 'Wachtwoord fout of bestand beschadigd']]) {
      await openArchive(page, archives[format].path, 'niet-het-wachtwoord-42');
      const alert = await page.textContent('[role="alert"]');
      assert.ok(alert.includes(phrase), alert);
      assert.ok(alert.includes('controleer het wachtwoord dat u telefonisch kreeg'));
      assert.equal(await page.$eval('#result', (r) => r.hidden && r.textContent === ''), true);
      assert.equal(await page.$('[data-client-name]'), null);
    }
  });
}

test('keyboard only, axe 0 in every state, 390 px without sideways scrolling', async (t) => {
  const { page } = await load(t, 'served', { contextOptions: { viewport: { width: 390, height: 844 } } });
  assert.deepEqual(await axe(page, 'document'), [], 'empty form');
  // Tab to the file control and choose with the keyboard.
  let steps = 0;
  while ((await page.evaluate(() => document.activeElement?.id)) !== 'archive' && steps++ < 10) await page.keyboard.press('Tab');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles(archives['7z'].path);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.name), 'password');
  await page.keyboard.type('niet-het-wachtwoord-42');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('alert').textContent !== '');
  assert.deepEqual(await axe(page, 'document'), [], 'error state');
  assert.equal(await page.evaluate(() => document.activeElement?.name), 'password', 'focus back on the password');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-client-name]');
  assert.deepEqual(await axe(page, 'document'), [], 'referral shown');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling at 390 px');
  await shot(page, 'open-390-referral');
  // Keyboard to the vCard link and download it with Enter.
  steps = 0;
  while (!(await page.evaluate(() => document.activeElement?.getAttribute('download')?.endsWith('.vcf'))) && steps++ < 30) await page.keyboard.press('Tab');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.ok(dl.suggestedFilename().endsWith('.vcf'));
  // And to Sluiten.
  steps = 0;
  while ((await page.evaluate(() => document.activeElement?.id)) !== 'close' && steps++ < 60) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.$eval('#result', (r) => r.hidden), true);
});

test('ten minutes without use wipe what is shown', async (t) => {
  const { page } = await load(t, 'served', { clock: true });
  await openArchive(page, archives.zip.path, PASSWORD);
  await page.waitForSelector('[data-client-name]');
  const urls = await page.$$eval('#result a[download]', (as) => as.map((x) => x.href));
  await page.clock.fastForward(10 * 60 * 1000 + 1000);
  assert.equal(await page.$eval('#result', (r) => r.hidden && r.childElementCount === 0), true);
  const revoked = await page.evaluate(() => window.__revoked);
  for (const u of urls) assert.ok(revoked.includes(u));
});

test("open.html is one file with its own policy: script and style by hash, blob: worker, no connections", () => {
  const html = readFileSync(join(DIST, 'open.html'), 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)[1];
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /worker-src blob:/);
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+stylesheet/);
  assert.match(html, /versie <span id="open-version">\d+\.\d+\.\d+<\/span> · build <span id="open-build">[0-9a-f]{12}<\/span>/);
});
