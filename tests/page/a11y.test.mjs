// Accessibility in real Chromium: zero axe-core violations on every view,
// a keyboard-only flow from the first field to the download, narrow windows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  pageEnv, openPage, afterWorker, shot, fillForm, giveConsent, axe, tabTo, download, extract7zz, jsonStrings,
  referralEntries, REFERRER, WERVIK, TORHOUT, SHOTS, testPage, testDir, fillReferral, seal, SOFIE,
} from './helpers.mjs';

const env = pageEnv();

function assertNoViolations(violations, view) {
  assert.deepEqual(violations, [], `axe-core violations on ${view}: ${JSON.stringify(violations, null, 2)}`);
}

test('axe-core: zero violations on the empty form, the form with errors, the stop message and the result', async (t) => {
  const { page } = await testPage(t, env);
  assertNoViolations(await axe(page, 'document'), 'the empty form');

  await page.click('referral-seal [data-action="seal"]');
  await page.waitForSelector('referral-seal .rs-error-summary:not([hidden])', { timeout: 10_000 });
  await fillForm(page, { 'contact.phone': '12', 'contact.email': 'geen-adres' });
  // The seal's answer from the worker, shown: the errors of these values are on screen.
  await afterWorker(page, () => page.click('referral-seal [data-action="seal"]'));
  for (const field of ['contact.phone', 'contact.email']) {
    assert.ok(await page.isVisible(`referral-seal [data-field="${field}"] .rs-field-error`), `${field}: its error is shown`);
  }
  assertNoViolations(await axe(page, 'document'), 'the form with errors');

  await fillForm(page, { 'contact.postalCode': '9000' });
  await page.waitForSelector('referral-seal [data-route="stop"]');
  assertNoViolations(await axe(page, 'document'), 'the stop message');

  await page.click('referral-seal .rs-error-summary a').catch(() => {});
  await fillForm(page, { ...SOFIE });
  await giveConsent(page);
  await fillForm(page, REFERRER);
  await seal(page);
  await page.click('referral-seal [data-action="toggle-receipt"]');
  assertNoViolations(await axe(page, 'document'), 'the result view with the receipt');
  t.diagnostic('axe-core: 0 violations on empty form, errors, stop message, result');
});

test('keyboard only: Tab, typing, Space and Enter reach the seal and the download', async (t) => {
  const dir = testDir(t);
  const { page, log } = await testPage(t, env);
  const type = async (name, text) => {
    await tabTo(page, name);
    await page.keyboard.type(text);
  };
  await type('client.givenName', 'Sofie');
  await type('client.familyName', 'Van den Broeck');
  await type('contact.postalCode', '8940');
  await page.waitForFunction(() => !document.querySelector('referral-seal [name="contact.municipality"]').disabled);
  await tabTo(page, 'contact.municipality');
  await page.keyboard.type('Geluwe');
  assert.equal(await page.inputValue('referral-seal [name="contact.municipality"]'), 'Geluwe');
  await type('contact.street', 'Kerkstraat');
  await type('contact.houseNumber', '12');
  await type('contact.phone', '0470 12 34 56');
  await tabTo(page, 'consent.informed');
  await page.keyboard.press('Space');
  await tabTo(page, 'consent.agreed');
  await page.keyboard.press('Space');
  // The team is chosen by the team member, never taken from the postal code.
  assert.equal(await page.inputValue('referral-seal [name="referrer.team"]'), '');
  await tabTo(page, 'referrer.team');
  await page.keyboard.type('Lokaal team Kind en Gezin Menen');
  assert.equal(await page.inputValue('referral-seal [name="referrer.team"]'), 'Lokaal team Kind en Gezin Menen');
  await type('referrer.name', 'An Peeters');
  await type('referrer.phone', '056 12 34 56');
  await type('referrer.email', REFERRER['referrer.email']);
  await shot(page, 'keyboard-01-filled');
  const password = await page.inputValue('referral-seal [name="password"]');
  await tabTo(page, 'seal');
  await page.keyboard.press('Enter');
  await page.waitForSelector('referral-seal .rs[data-state="done"]', { timeout: 30_000 });
  // Focus moved to the result's heading; "Corrigeren" and then the first download are the next Tab stops.
  assert.equal(await page.evaluate(() => document.activeElement.localName), 'h2');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'correct');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.download), 'archive');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const path = join(dir, dl.suggestedFilename());
  await dl.saveAs(path);
  const opened = extract7zz(path, password, join(dir, 'out'));
  assert.equal(opened.status, 0, opened.output);
  const strings = jsonStrings(JSON.parse(referralEntries(opened.files).json.toString('utf8')));
  assert.ok(strings.includes('Sofie') && strings.includes('Van den Broeck') && strings.includes('+32470123456'));
  await shot(page, 'keyboard-02-result');
  assert.deepEqual(log.errors, []);
});

test('narrow window (400 px): the form and the result fit without horizontal scrolling', async (t) => {
  const { page } = await testPage(t, env, 'index.html', { contextOptions: { viewport: { width: 400, height: 800 } } });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok((await overflow()) <= 0, 'no horizontal scroll on the form');
  await shot(page, 'narrow-01-form');
  await fillReferral(page);
  await seal(page);
  await page.click('referral-seal [data-action="toggle-receipt"]');
  assert.ok((await overflow()) <= 0, 'no horizontal scroll on the result');
  await shot(page, 'narrow-02-result');
  assertNoViolations(await axe(page, 'document'), 'the narrow result view');
});

test('1366×768: the three steps of the result and the password fit the first screen, for each OCMW', async () => {
  // The banner names the OCMW and its mailbox: a longer one wraps its line.
  for (const protocol of [WERVIK, TORHOUT]) {
    const { context, page } = await openPage(env);
    try {
      const [postalCode] = protocol.postalCodes;
      const [municipality] = protocol.municipalities;
      await fillForm(page, { ...SOFIE, 'contact.postalCode': postalCode, 'contact.municipality': municipality });
      await giveConsent(page);
      await fillForm(page, { ...REFERRER, 'referrer.team': protocol.referringTeams[0] });
      await seal(page);
      assert.ok((await page.textContent('referral-seal .rs-result .rs-banner')).includes(protocol.mailbox), `${protocol.id}: sealed for its OCMW`);
      const boxes = await page.$$eval('referral-seal .rs-step', (steps) => steps.map((s) => s.getBoundingClientRect().top));
      assert.equal(boxes.length, 3);
      assert.ok(boxes.every((top) => top >= 0 && top < 768), `${protocol.id}: all three steps start on screen (${boxes.map(Math.round)})`);
      const password = await page.$eval('referral-seal .rs-password-display', (el) => el.getBoundingClientRect().bottom);
      assert.ok(password <= 768, `${protocol.id}: the password to phone is on the first screen (bottom at ${Math.round(password)} px)`);
      await page.screenshot({ path: join(SHOTS, `viewport-1366x768-result-${postalCode}.png`) });
    } finally {
      await context.close();
    }
  }
});

test('focus rings are whole at the edge of the sections the browser renders lazily', async (t) => {
  const { page } = await testPage(t, env);
  const results = [];
  for (const name of ['client.givenName', 'referrer.name', 'password']) {
    const input = page.locator(`referral-seal [name="${name}"]`);
    await input.scrollIntoViewIfNeeded();
    await input.focus();
    const box = await input.boundingBox();
    const lazy = await input.evaluate((el) => getComputedStyle(el.closest('.rs-section')).contentVisibility);
    const png = await page.screenshot();
    // Decoded by the browser itself: the left part of the ring, 4 px left of the control.
    const [r, g, b] = await page.evaluate(async ({ bytes, x, y }) => {
      const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      return [...ctx.getImageData(x, y, 1, 1).data];
    }, { bytes: [...png], x: Math.floor(box.x) - 4, y: Math.floor(box.y + box.height / 2) });
    results.push({ name, lazy, ring: `${r},${g},${b}` });
  }
  assert.deepEqual(results, [
    { name: 'client.givenName', lazy: 'visible', ring: '0,85,204' },
    { name: 'referrer.name', lazy: 'auto', ring: '0,85,204' },
    { name: 'password', lazy: 'auto', ring: '0,85,204' },
  ]);
});
