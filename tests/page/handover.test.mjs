// The result screen's sequence in real Chromium (issue 12 §5, issue 13 §3):
// sealed ("Corrigeren") → downloaded (the client's data wiped) → handed over
// ("Wachtwoord doorgegeven": the password wiped) → wiped; "Nieuwe
// doorverwijzing" keeps the referrer and asks first while something would be
// lost; inactivity hides a password not handed over, warns, never wipes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  pageEnv, shot, fillForm, giveConsent, download, extract7zz, axe, storageSnapshot, SOFIE, REFERRER, WERVIK,
  testPage, testDir, fillReferral, seal, TEST_REGISTRY,
} from './helpers.mjs';

const env = pageEnv();

function assertNoViolations(violations, view) {
  assert.deepEqual(violations, [], `axe-core violations on ${view}: ${JSON.stringify(violations, null, 2)}`);
}

/** Fills Sofie's referral and seals it; returns the password in use. */
async function fillAndSeal(page) {
  await fillReferral(page);
  return seal(page);
}

/** The values of the form's named text controls and whether any box is ticked (hidden form included). */
function formValues(page) {
  return page.evaluate(() => {
    const form = document.querySelector('referral-seal form');
    const values = {};
    for (const el of form.elements) if (el.name && el.type !== 'radio' && el.type !== 'checkbox') values[el.name] = el.value;
    return { values, ticked: [...form.querySelectorAll('input[type=checkbox]')].some((c) => c.checked && c.name !== 'ownPassword') };
  });
}

const stage = (page) => page.evaluate(() => document.querySelector('referral-seal .rs').dataset.stage ?? null);

test('"Corrigeren" discards the sealed archive and returns to the filled form; sealing again works', async (t) => {
  const { page, log } = await testPage(t, env);
  const password = await fillAndSeal(page);
  assert.equal(await stage(page), 'sealed');
  const urls = await page.$$eval('referral-seal a[href^="blob:"]', (as) => as.map((a) => a.href));
  await page.click('referral-seal [data-action="correct"]');
  await page.waitForSelector('referral-seal .rs[data-state="ready"]');
  assert.equal(await page.locator('referral-seal .rs-result').count(), 0, 'the result is gone');
  assert.equal(await page.isVisible('referral-seal form'), true, 'the form is back');
  const { values } = await formValues(page);
  for (const [name, value] of Object.entries({ ...SOFIE, ...REFERRER })) assert.equal(values[name], value, `${name} kept for correcting`);
  assert.equal(values.password, password, 'the same password');
  const revoked = await page.evaluate(() => window.__revoked);
  for (const url of urls) assert.ok(revoked.includes(url), 'the discarded archive\'s URL is revoked');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('name')), 'client.givenName');

  await page.fill('referral-seal [name="client.givenName"]', 'Sofie-Marie');
  await seal(page);
  assert.equal(await stage(page), 'sealed');
  assert.deepEqual(log.errors, []);
});

test('download wipes the client\'s data, "Wachtwoord doorgegeven" wipes the password, "Nieuwe doorverwijzing" keeps the referrer', async (t) => {
  const dir = testDir(t);
  const { page, log } = await testPage(t, env);
  const password = await fillAndSeal(page);
  const archive = await download(page, 'referral-seal [data-download="archive"]', dir);
  assert.equal(await stage(page), 'downloaded');
  const after = await formValues(page);
  for (const name of Object.keys(SOFIE)) assert.equal(after.values[name] ?? '', '', `${name} wiped on download`);
  assert.equal(after.ticked, false, 'consent boxes wiped on download');
  for (const [name, value] of Object.entries(REFERRER)) assert.equal(after.values[name], value, `${name} kept`);
  assert.equal(await page.isVisible('referral-seal [data-action="correct"]'), false, 'no "Corrigeren" after the download');
  assert.match(await page.textContent('referral-seal [data-when="client-wiped"]'), /gewist/);
  // The password, the reference and the OCMW stay until the handover.
  assert.equal(await page.textContent('referral-seal .rs-password-display .rs-mono'), password);
  assert.ok((await page.textContent('referral-seal .rs-result')).includes(WERVIK.ocmw.name));
  assert.match(await page.textContent('referral-seal .rs-lost'), /opnieuw maken/);
  // The downloaded archive is whole and opens with the password.
  assert.equal(extract7zz(archive.path, password, join(dir, 'out')).status, 0);
  await page.click('referral-seal [data-action="toggle-receipt"]');
  assertNoViolations(await axe(page, 'document'), 'the result after the download');

  await page.click('referral-seal [data-action="handed-over"]');
  assert.equal(await stage(page), 'handed-over');
  assert.ok(!(await page.textContent('body')).includes(password), 'the password is gone from the page');
  assert.equal(await page.inputValue('referral-seal [name="password"]'), '', 'and from the form control');
  assert.equal(await page.isVisible('referral-seal [data-when="handed-over"]'), true);
  assertNoViolations(await axe(page, 'document'), 'the result after the handover');
  await shot(page, 'handover-01-handed-over');

  // Nothing would be lost: no question, a new form with the referrer kept.
  await page.click('referral-seal [data-action="new-referral"]');
  await page.waitForSelector('referral-seal .rs[data-state="ready"]');
  await page.waitForFunction(() => document.querySelector('referral-seal [name="password"]').value.length >= 16);
  const fresh = await formValues(page);
  for (const [name, value] of Object.entries(REFERRER)) assert.equal(fresh.values[name], value, `${name} kept for the session`);
  for (const name of Object.keys(SOFIE)) assert.equal(fresh.values[name] ?? '', '', `${name} empty`);
  assert.notEqual(fresh.values.password, password, 'a new password');
  assert.equal(await stage(page), null);
  assert.deepEqual(await storageSnapshot(page), { localStorage: 0, sessionStorage: 0, indexedDB: 0, cookie: '', caches: 0 });
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
});

test('"Nieuwe doorverwijzing" asks first when the result was not downloaded or its password not handed over', async (t) => {
  const dir = testDir(t);
  const { page } = await testPage(t, env);
  const password = await fillAndSeal(page);
  await page.click('referral-seal [data-action="new-referral"]');
  const confirm = page.locator('referral-seal [data-confirm="new-referral"]');
  await confirm.waitFor({ state: 'visible' });
  assert.match(await confirm.textContent(), /nog niet gedownload/);
  assert.match(await confirm.textContent(), /opnieuw maken/);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'new-referral-cancel', 'focus on "back"');
  assertNoViolations(await axe(page, 'document'), 'the question before a new referral');
  await shot(page, 'handover-02-confirm');
  await page.click('referral-seal [data-action="new-referral-cancel"]');
  assert.equal(await confirm.isVisible(), false);
  assert.equal(await page.textContent('referral-seal .rs-password-display .rs-mono'), password, 'nothing was wiped');

  await download(page, 'referral-seal [data-download="eml"]', dir);
  assert.equal(await stage(page), 'downloaded', 'the mail (which carries the archive) counts as downloaded');
  await page.click('referral-seal [data-action="new-referral"]');
  await confirm.waitFor({ state: 'visible' });
  assert.match(await confirm.textContent(), /wachtwoord doorgaf/);
  await page.click('referral-seal [data-action="new-referral-confirmed"]');
  await page.waitForSelector('referral-seal .rs[data-state="ready"]');
  assert.equal(await page.locator('referral-seal .rs-result').count(), 0);
  assert.equal(await page.inputValue('referral-seal [name="referrer.name"]'), REFERRER['referrer.name']);
});

test('inactivity hides a password not handed over behind one click, warns in the tab title, never wipes it', async (t) => {
  const { page } = await testPage(t, env, 'index.html', { clock: true });
  const title = await page.title();
  const password = await fillAndSeal(page);
  await page.evaluate(() => {
    window.__pending = [];
    document.addEventListener('referral-seal-password-pending', (e) => window.__pending.push(e.detail));
  });
  const reference = await page.textContent('referral-seal .rs-result .rs-banner strong.rs-mono');
  await page.clock.fastForward('14:30');
  const warning = page.locator('referral-seal .rs-inactivity');
  await warning.waitFor({ state: 'visible', timeout: 5000 });
  assert.match(await warning.textContent(), /verborgen/);
  assert.doesNotMatch(await warning.textContent(), /gewist omdat/);
  await page.clock.fastForward('00:45');
  await page.waitForSelector('referral-seal [data-when="password-hidden"]:not([hidden])');
  assert.equal(await page.isVisible('referral-seal .rs-password-display'), false, 'the password is hidden');
  assert.equal(await warning.isVisible(), false, 'the countdown banner is gone (the hidden password says what happened)');
  assert.match(await page.title(), /^Wachtwoord nog doorgeven — /, 'the tab title warns');
  assert.deepEqual(await page.evaluate(() => window.__pending), [{ reference, recipient: WERVIK.mailbox }], 'an event for embedders');
  assert.equal(await stage(page), 'sealed', 'still not downloaded');
  const wiped = await formValues(page);
  assert.equal(wiped.values['client.familyName'], '', 'the client\'s data is wiped from the hidden form');
  assert.equal(await page.isVisible('referral-seal [data-action="correct"]'), false);
  assertNoViolations(await axe(page, 'document'), 'the hidden password');
  await shot(page, 'handover-03-hidden');

  // An hour later: still there.
  await page.clock.fastForward('01:00:00');
  assert.equal(await page.evaluate(() => document.querySelector('referral-seal .rs').dataset.state), 'done');
  await page.click('referral-seal [data-action="show-password"]');
  assert.equal(await page.textContent('referral-seal .rs-password-display .rs-mono'), password, 'one click shows it again');
  assert.equal(await page.isVisible('referral-seal .rs-password-display'), true);
  assert.equal(await page.title(), title, 'the title is restored');

  // Once handed over, inactivity wipes as before.
  await page.click('referral-seal [data-action="handed-over"]');
  await page.clock.fastForward('15:30');
  await page.waitForSelector('referral-seal .rs[data-state="ready"]');
  assert.equal(await page.locator('referral-seal .rs-result').count(), 0);
  assert.match(await page.textContent('referral-seal .rs-notice'), /15 minuten/);
});

test('embedded: inactivity leaves the host page\'s title alone and tells the host by an event', async (t) => {
  const { page } = await testPage(t, env, 'embed-example.html', { clock: true });
  const title = await page.title();
  await page.evaluate(() => {
    window.__pending = 0;
    document.addEventListener('referral-seal-password-pending', () => {
      window.__pending += 1;
    });
  });
  await fillForm(page, SOFIE);
  await giveConsent(page);
  await seal(page);
  await page.clock.fastForward('16:00');
  await page.waitForSelector('referral-seal [data-when="password-hidden"]:not([hidden])');
  assert.equal(await page.evaluate(() => window.__pending), 1);
  assert.equal(await page.title(), title);
});

/**
 * The test registry with only its Wervik protocol, and, when `call` is
 * given, the number for the password call (registry schema v2). Served
 * inside index.html, where a maintainer edits it.
 */
function withCall(call) {
  return { ...TEST_REGISTRY, protocols: [{ ...WERVIK, passwordCall: call }] };
}

test('the OCMW\'s number for the password call: a tel: link with whom to ask for; where to find it when the registry has none', async (t) => {
  {
    const { page } = await testPage(t, env, 'index.html', { registry: withCall({ phone: '050 12 34 56', ask: 'de maatschappelijk werker van dienst' }) });
    await fillAndSeal(page);
    const link = page.locator('referral-seal .rs-call a[href^="tel:"]');
    assert.equal(await link.getAttribute('href'), 'tel:+3250123456', 'E.164 in the link');
    assert.equal(await link.textContent(), '050 12 34 56', 'grouped on screen');
    assert.match(await page.textContent('referral-seal .rs-call'), /vraag naar de maatschappelijk werker van dienst/);
    assert.ok((await page.textContent('referral-seal .rs-result')).includes(WERVIK.ocmw.name));
    assertNoViolations(await axe(page, 'document'), 'the result with the number');
    await shot(page, 'handover-04-tel');
  }
  {
    const { page } = await testPage(t, env, 'index.html', { registry: withCall(null) });
    await fillAndSeal(page);
    assert.equal(await page.locator('referral-seal a[href^="tel:"]').count(), 0, 'no number invented');
    const text = await page.textContent('referral-seal .rs-call');
    assert.match(text, /staat niet in het protocolregister/);
    assert.ok(text.includes(`website van ${WERVIK.ocmw.name}`), text);
  }
});
