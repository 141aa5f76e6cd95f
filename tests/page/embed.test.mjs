// The embedding example: an intranet-like page mounts the component with
// ReferralSeal.mount() and prefilled referrer details; it works as the main page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  pageEnv, shot, fillForm, giveConsent, download, axe, extract7zz, jsonStrings, storageSnapshot,
  referralEntries, SOFIE, REFERRER, testPage, testDir, seal, TORHOUT,
} from './helpers.mjs';

const env = pageEnv();

test('embed example: mounted without iframe, referrer prefilled, seals and opens in 7-Zip', async (t) => {
  const dir = testDir(t);
  const { page, log, readyMs } = await testPage(t, env, 'embed-example.html');
  t.diagnostic(`embed example ready ${readyMs.toFixed(0)} ms after navigation start`);
  assert.equal(await page.locator('iframe').count(), 0, 'no iframe');
  assert.equal(await page.locator('#referral-seal-here > referral-seal').count(), 1, 'mounted in the intranet page');
  for (const [name, value] of Object.entries(REFERRER)) {
    assert.equal(await page.inputValue(`referral-seal [name="${name}"]`), value, `${name} prefilled by the embedder`);
  }
  assertNoViolations(await axe(page, 'document'));
  await shot(page, 'embed-01-empty');
  log.requests.length = 0;
  const served = env.served.length;

  await fillForm(page, SOFIE);
  await giveConsent(page);
  const password = await seal(page);
  await shot(page, 'embed-02-result');
  assertNoViolations(await axe(page, 'document'));
  const archive = await download(page, 'referral-seal [data-download="archive"]', dir);
  const opened = extract7zz(archive.path, password, join(dir, 'out'));
  assert.equal(opened.status, 0, opened.output);
  const strings = jsonStrings(JSON.parse(referralEntries(opened.files).json.toString('utf8')));
  for (const v of ['Sofie', 'Van den Broeck', REFERRER['referrer.name'], REFERRER['referrer.email']]) assert.ok(strings.includes(v), v);

  // New referral keeps the embedder's prefill.
  await page.click('referral-seal [data-action="handed-over"]');
  await page.click('referral-seal [data-action="new-referral"]');
  await page.waitForSelector('referral-seal .rs[data-state="ready"]');
  assert.equal(await page.inputValue('referral-seal [name="referrer.name"]'), 'An Peeters');
  assert.equal(await page.inputValue('referral-seal [name="client.givenName"]'), '');

  assert.deepEqual(log.requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.equal(env.served.length, served);
  assert.deepEqual(await storageSnapshot(page), { localStorage: 0, sessionStorage: 0, indexedDB: 0, cookie: '', caches: 0 });
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
});

test('mount() takes a replacement registry; an invalid one stops the page with a Dutch message', async (t) => {
  const { page, log } = await testPage(t, env, 'embed-example.html');
  const registry = await page.evaluate(() => JSON.parse(document.getElementById('referral-seal-registry').textContent));
  // A registry with only Torhout: Geluwe (8940) then has no protocol.
  const onlyTorhout = { ...registry, protocols: registry.protocols.filter((p) => p.postalCodes.includes('8820')) };
  await page.evaluate((reg) => {
    const host = document.createElement('div');
    host.id = 'second';
    document.querySelector('main').append(host);
    window.ReferralSeal.mount(host, { registry: reg, inactivityMinutes: 0 });
  }, onlyTorhout);
  await page.waitForSelector('#second .rs[data-state="ready"]');
  const teams = await page.$$eval('#second [name="referrer.team"] option', (os) => os.map((o) => o.textContent).slice(1));
  // Registry v2: both names the Torhout protocol gives its team, then "Ander team".
  assert.deepEqual(teams, [...[...TORHOUT.referringTeams].sort((a, b) => a.localeCompare(b, 'nl')), 'Ander team']);
  await page.fill('#second [name="contact.postalCode"]', '8940');
  await page.waitForSelector('#second [data-route="stop"]');

  await page.evaluate(() => {
    const host = document.createElement('div');
    host.id = 'third';
    document.querySelector('main').append(host);
    window.ReferralSeal.mount(host, { registry: { schema: 'referral-seal/protocols/v1', protocols: [{ id: 'kapot' }] } });
  });
  await page.waitForSelector('#third .rs[data-state="error"]');
  assert.match(await page.textContent('#third'), /protocolregister/);
  assert.equal(await page.locator('#third form:not([hidden])').count(), 0, 'no form with a broken registry');
  assert.deepEqual(log.errors, []);
});

function assertNoViolations(violations) {
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
}
