// Refusals and safety in real Chromium: postal codes without a protocol,
// markup typed into fields, the error summary, sealing in the worker, weak
// partner passwords and the inactivity wipe. (Double clicks on "seal":
// abuse.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  pageEnv, workerIdle, shot, fillForm, giveConsent, storageSnapshot, SOFIE, REFERRER, TORHOUT, testPage,
  fillReferral, seal,
} from './helpers.mjs';

const env = pageEnv();

test('a postal code without a protocol (9000 Gent) stops the flow with a Dutch explanation', async (t) => {
  const { page, log } = await testPage(t, env);
  await fillForm(page, { 'contact.postalCode': '9000' });
  const stop = page.locator('referral-seal [data-route="stop"]');
  await stop.waitFor({ timeout: 5000 });
  const text = await stop.textContent();
  assert.match(text, /9000/);
  assert.match(text, /geen protocol/);
  assert.match(text, /OCMW van de gemeente waar de cliënt woont/);
  assert.equal(await page.isDisabled('referral-seal [data-action="seal"]'), true, 'seal button disabled');
  assert.equal(await page.isDisabled('referral-seal [name="consent.agreed"]'), true, 'later sections disabled');
  assert.equal(await page.getAttribute('referral-seal [data-route="stop"]', 'role'), 'alert');
  await shot(page, 'stop-01-gent');

  // Correcting the postal code lifts the stop and shows the receiving OCMW.
  await fillForm(page, { 'contact.postalCode': '8820' });
  const ok = page.locator('referral-seal [data-route="ok"]');
  await ok.waitFor({ timeout: 5000 });
  const since = new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(TORHOUT.inForceFrom));
  for (const shown of [TORHOUT.ocmw.name, TORHOUT.mailbox, since]) assert.ok((await ok.textContent()).includes(shown), shown);
  assert.equal(await page.isDisabled('referral-seal [data-action="seal"]'), false);
  assert.deepEqual(log.errors, []);
});

test('an unknown postal code is refused next to the field', async (t) => {
  const { page } = await testPage(t, env);
  await fillForm(page, { 'contact.postalCode': '0000' });
  const error = page.locator('referral-seal [data-field="contact.postalCode"] .rs-field-error');
  await error.waitFor({ state: 'visible', timeout: 5000 });
  assert.match(await error.textContent(), /postcode/i);
  assert.equal(await page.getAttribute('referral-seal [name="contact.postalCode"]', 'aria-invalid'), 'true');
});

test('markup typed into fields never executes and never loads anything', async (t) => {
  const { page, log } = await testPage(t, env);
  log.requests.length = 0;
  const served = env.served.length;
  const payloads = {
    'client.givenName': '<img src=x onerror="window.__pwned=1">',
    'client.familyName': '"><script>window.__pwned=2</script>',
    'contact.street': '<svg onload="window.__pwned=3"></svg>',
    'contact.houseNumber': '<b>1</b>',
    'contact.phone': '<iframe src="/x2"></iframe>',
    'contact.email': 'x@<img src=/x3>.be',
    'referrer.name': '<img src="/x4" onerror="window.__pwned=4">',
    'referrer.email': 'javascript:alert(1)',
  };
  await fillForm(page, { 'contact.postalCode': '8940', 'contact.municipality': 'Geluwe' });
  await fillForm(page, payloads);
  await giveConsent(page);
  // Own password with markup too.
  await page.check('referral-seal [name="ownPassword"]');
  await page.fill('referral-seal [name="password"]', '<img src=/x5 onerror=window.__pwned=5>');
  await page.click('referral-seal [data-action="seal"]');
  await page.waitForSelector('referral-seal .rs-error-summary:not([hidden])', { timeout: 30_000 });
  // Every answer of the worker handled: nothing the page shows of them is still to come.
  await workerIdle(page);
  await shot(page, 'safety-01-markup-refused');
  const state = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    imgs: document.querySelectorAll('referral-seal img, referral-seal svg, referral-seal iframe, referral-seal script').length,
  }));
  assert.equal(state.pwned, null, 'no handler ran');
  assert.equal(state.imgs, 0, 'no element was created from typed text');
  assert.deepEqual(log.requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.equal(env.served.length, served, 'nothing reached the server');
  // The typed values are still there, as text.
  assert.equal(await page.inputValue('referral-seal [name="client.givenName"]'), payloads['client.givenName']);
  assert.deepEqual(log.errors, []);
});

test('empty submit: field errors next to the fields and a summary whose links move focus', async (t) => {
  const { page, log } = await testPage(t, env);
  await page.click('referral-seal [data-action="seal"]');
  const summary = page.locator('referral-seal .rs-error-summary');
  await summary.waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('rs-error-summary')), true, 'focus on the summary');
  const links = await summary.locator('a').evaluateAll((as) => as.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })));
  assert.ok(links.length >= 4, `several errors listed (${links.length})`);
  assert.ok(links.some((l) => /voornaam/i.test(l.text)));
  assert.ok(links.some((l) => /toestemming|geïnformeerd|akkoord/i.test(l.text)), 'consent error listed');
  // Messages come from the core's codes: Dutch, naming the field, never a value.
  const given = page.locator('referral-seal [data-field="client.givenName"] .rs-field-error');
  assert.match(await given.textContent(), /voornaam is verplicht/i);
  await summary.locator('a', { hasText: /voornaam/i }).click();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('name')), 'client.givenName', 'link focuses the field');
  // Fixing a field clears its message live.
  await page.fill('referral-seal [name="client.givenName"]', 'Sofie');
  await page.locator('referral-seal [name="client.familyName"]').focus();
  await page.waitForFunction(() => document.querySelector('referral-seal [data-field="client.givenName"] .rs-field-error').hidden);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.console, []);
});

test('the page stays responsive while sealing (the work runs in a worker)', async (t) => {
  const { page } = await testPage(t, env);
  await fillReferral(page);
  // The longest gap between animation frames from the click on seal until
  // the page has the worker's answer to its seal request, and the states
  // the element went through meanwhile.
  const gap = await page.evaluate(async () => {
    const root = document.querySelector('referral-seal .rs');
    const probe = window.__rsWorker;
    const seals = probe.ops.seal ?? 0;
    const states = [];
    new MutationObserver(() => states.push(root.dataset.state)).observe(root, { attributeFilter: ['data-state'] });
    let last = performance.now();
    let worst = 0;
    let frames = 0;
    const done = new Promise((ok) => {
      const tick = (now) => {
        worst = Math.max(worst, now - last);
        last = now;
        frames += 1;
        // Answered: every request posted so far, the seal among them, has come back.
        if ((probe.ops.seal ?? 0) > seals && probe.answered === probe.posted && root.dataset.state === 'done') ok();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    root.querySelector('[data-action="seal"]').click();
    await done;
    return { worst, frames, states, seals: probe.ops.seal - seals };
  });
  assert.equal(gap.seals, 1, 'the seal was asked of the worker');
  assert.deepEqual(gap.states, ['sealing', 'done'], 'busy state shown, then the result');
  assert.ok(gap.frames > 2, `frames were drawn while sealing (${gap.frames})`);
  assert.ok(gap.worst < 100, `no long frame while sealing (worst gap ${gap.worst.toFixed(0)} ms)`);
});

test('a typed partner password gets a live strength and a weak one is refused', async (t) => {
  const { page } = await testPage(t, env);
  await fillReferral(page);
  await page.check('referral-seal [name="ownPassword"]');
  assert.equal(await page.inputValue('referral-seal [name="password"]'), '', 'field cleared for typing');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('name')), 'password');
  await page.keyboard.type('welkom123');
  const strength = page.locator('referral-seal .rs-strength');
  await page.waitForFunction(() => /zwak/i.test(document.querySelector('referral-seal .rs-strength').textContent));
  await page.click('referral-seal [data-action="seal"]');
  const error = page.locator('referral-seal [data-field="password"] .rs-field-error');
  await error.waitFor({ state: 'visible', timeout: 30_000 });
  assert.match(await error.textContent(), /wachtwoord/i);
  assert.equal(await page.locator('referral-seal .rs-result').count(), 0, 'nothing sealed');
  await shot(page, 'safety-02-weak-password');

  await page.fill('referral-seal [name="password"]', 'Zeeduif-Kapstok-Vlinder-47-Molenwiek');
  await page.waitForFunction(() => /sterk genoeg/i.test(document.querySelector('referral-seal .rs-strength').textContent));
  assert.match(await strength.textContent(), /bits/);
  await seal(page);
  assert.equal(await page.textContent('referral-seal .rs-password-display .rs-mono'), 'Zeeduif-Kapstok-Vlinder-47-Molenwiek');

  // Unticking the option brings a generated password back.
  await page.click('referral-seal [data-action="handed-over"]');
  await page.click('referral-seal [data-action="new-referral"]');
  await page.check('referral-seal [name="ownPassword"]');
  await page.uncheck('referral-seal [name="ownPassword"]');
  await page.waitForFunction(() => document.querySelector('referral-seal [name="password"]').value.length >= 16);
  assert.equal(await page.getAttribute('referral-seal [name="password"]', 'readonly'), '');
});

test('after a period of inactivity the page warns, then wipes itself', async (t) => {
  const { page } = await testPage(t, env, 'index.html', { clock: true });
  await fillForm(page, SOFIE);
  await giveConsent(page);
  await page.clock.fastForward('14:30');
  const warning = page.locator('referral-seal .rs-inactivity');
  await warning.waitFor({ state: 'visible', timeout: 5000 });
  assert.match(await warning.textContent(), /gewist/);
  await shot(page, 'safety-03-inactivity-warning');
  await page.clock.fastForward('00:45');
  await page.waitForFunction(() => document.querySelector('referral-seal [name="client.givenName"]').value === '');
  const state = await page.evaluate(() => ({
    given: document.querySelector('referral-seal [name="client.givenName"]').value,
    postal: document.querySelector('referral-seal [name="contact.postalCode"]').value,
    consent: document.querySelector('referral-seal [name="consent.agreed"]').checked,
    notice: document.querySelector('referral-seal .rs-notice').textContent,
  }));
  assert.deepEqual({ given: state.given, postal: state.postal, consent: state.consent }, { given: '', postal: '', consent: false });
  assert.match(state.notice, /15 minuten/);
  await shot(page, 'safety-04-wiped');
  assert.deepEqual(await storageSnapshot(page), { localStorage: 0, sessionStorage: 0, indexedDB: 0, cookie: '', caches: 0 });
});

test('client fields never feed the browser\'s autofill history', async (t) => {
  const { page } = await testPage(t, env);
  const controls = await page.$$eval('referral-seal form input, referral-seal form select', (els) =>
    els.map((e) => ({ name: e.name, type: e.type, autocomplete: e.getAttribute('autocomplete') })));
  const form = await page.getAttribute('referral-seal form', 'autocomplete');
  assert.equal(form, 'off');
  for (const c of controls.filter((c) => c.name.startsWith('client.') || c.name.startsWith('contact.') || c.name === 'password')) {
    assert.equal(c.autocomplete, 'off', `${c.name} has autocomplete=off`);
  }
  // The controls are named by the core's input paths (the public contract).
  const names = new Set(controls.map((c) => c.name));
  for (const name of [...Object.keys(SOFIE), ...Object.keys(REFERRER), 'consent.informed', 'consent.agreed', 'consent.date', 'password']) {
    assert.ok(names.has(name), `a control named ${name}`);
  }
  assert.equal(await page.getAttribute('referral-seal [name="password"]', 'type'), 'text', 'password shown, not handed to a password manager');
});
