// The team member's day (issue 13 §3), each finding of the walkthrough in
// real Chromium: Enter moves on, leaving asks first, a pasted postal code
// is understood, the .zip wording agrees with the mail, the receipt prints
// on one A4 page, the header fits a phone, file:// says what to do, and the
// team is never guessed from the postal code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  pageEnv, shot, fillForm, download, axe, SHOTS, WERVIK, TORHOUT, testPage, testDir, fillReferral, seal,
} from './helpers.mjs';

const env = pageEnv();

const active = (page) => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.dataset?.action ?? '');

test('Enter in a text field moves to the next field; submitting stays on the button', async (t) => {
  const { page, log } = await testPage(t, env);
  await page.evaluate(() => {
    window.__sealed = 0;
    document.addEventListener('referral-seal-sealed', () => {
      window.__sealed += 1;
    });
  });
  await page.click('referral-seal [name="client.givenName"]');
  await page.keyboard.type('Sofie');
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'client.familyName', 'Enter moved to the family name');
  await page.keyboard.type('Van den Broeck');
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'contact.postalCode');
  assert.equal(await page.isVisible('referral-seal .rs-error-summary'), false, 'no submit, no list of errors');

  // The rest of the form, then Enter in the last text field before the password.
  await fillReferral(page);
  await page.focus('referral-seal [name="referrer.email"]');
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'password', 'Enter in the last referrer field moves to the password');
  await page.keyboard.press('Enter');
  assert.notEqual(await active(page), 'password', 'and on from there');
  assert.equal(await page.evaluate(() => window.__sealed), 0, 'nothing sealed by Enter in a field');

  await page.focus('referral-seal [data-action="seal"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('referral-seal .rs[data-state="done"]', { timeout: 30_000 });
  assert.equal(await page.evaluate(() => window.__sealed), 1, 'Enter on the button seals');
  assert.deepEqual(log.errors, []);
});

/**
 * Closes the page with beforeunload handlers; returns whether a beforeunload
 * dialog was shown (then dismissed). No timeout decides: the close ends in
 * either the dialog or the page's close event, whichever the page causes.
 */
async function closeAsks(page) {
  const outcome = Promise.race([
    page.waitForEvent('dialog', { timeout: 10_000 }).then(async (d) => {
      await d.dismiss();
      return d.type() === 'beforeunload';
    }),
    page.waitForEvent('close', { timeout: 10_000 }).then(() => false),
  ]);
  await page.close({ runBeforeUnload: true });
  const asked = await outcome;
  // A dismissed dialog keeps the page open: it still answers.
  if (asked) assert.equal(await page.evaluate(() => document.readyState), 'complete');
  return asked;
}

test('leaving asks first with client data typed or a password not handed over, not on an empty form', async (t) => {
  const dir = testDir(t);
  // Empty form (only the referrer, the page's defaults): no question.
  {
    const { page } = await testPage(t, env);
    await page.click('referral-seal [name="referrer.name"]');
    await page.keyboard.type('An Peeters');
    assert.equal(await closeAsks(page), false, 'nothing of the client typed: no question');
  }
  // A client's name typed: asks.
  {
    const { page } = await testPage(t, env);
    await page.click('referral-seal [name="client.givenName"]');
    await page.keyboard.type('Sofie');
    assert.equal(await closeAsks(page), true, 'client data typed: asks');
    assert.equal(page.isClosed(), false, 'and stays when the user says no');
  }
  // A result on screen whose password was not handed over: asks; handed over: no question.
  {
    const { page } = await testPage(t, env);
    await page.click('referral-seal [name="client.givenName"]');
    await fillReferral(page);
    await seal(page);
    await download(page, 'referral-seal [data-download="archive"]', dir);
    assert.equal(await closeAsks(page), true, 'password not handed over: asks');
    await page.click('referral-seal [data-action="handed-over"]');
    assert.equal(await closeAsks(page), false, 'handed over: leaves without a question');
  }
});

test('a pasted "B-8940" or "8940 Wervik" in the postal code is understood', async (t) => {
  const { page } = await testPage(t, env);
  const postal = page.locator('referral-seal [name="contact.postalCode"]');
  // insertText is one insertion, as a paste is (and, like a paste, it is cut by maxlength).
  await postal.focus();
  await page.keyboard.insertText('B-8940');
  await page.waitForSelector('referral-seal [data-route="ok"]');
  assert.equal(await postal.inputValue(), '8940');
  assert.ok((await page.textContent('referral-seal .rs-route')).includes(WERVIK.ocmw.name));

  await postal.fill('');
  await postal.focus();
  await page.keyboard.insertText('8940 Wervik');
  await page.waitForFunction(() => document.querySelector('referral-seal .rs').dataset.postalChecked === '8940');
  assert.equal(await postal.inputValue(), '8940');
  assert.equal(await page.inputValue('referral-seal [name="contact.municipality"]'), 'Wervik', 'the pasted place is chosen');

  await postal.fill('');
  await postal.focus();
  await page.keyboard.insertText('BE 8940 geluwe');
  await page.waitForFunction(() => document.querySelector('referral-seal .rs').dataset.postalChecked === '8940');
  assert.equal(await page.inputValue('referral-seal [name="contact.municipality"]'), 'Geluwe', 'case does not matter');
});

/** The text/plain body of an .eml, decoded by Python's own MIME reader (independent of ours). */
function emlText(path) {
  const py = [
    'import email, sys',
    'from email import policy',
    'm = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)',
    'print(m.get_body(preferencelist=("plain",)).get_content())',
  ].join('\n');
  const r = spawnSync('python3', ['-c', py, path], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('the .zip wording agrees everywhere: the format hints, the result page and the mail say 7-Zip, not Windows Verkenner', async (t) => {
  const dir = testDir(t);
  const { page } = await testPage(t, env);
  const hints = await page.$$eval('referral-seal .rs-radio__hint', (ps) => ps.map((p) => p.textContent));
  assert.equal(hints.length, 2);
  await fillReferral(page);
  await page.check('referral-seal input[name="format"][value="zip"]');
  await seal(page);
  const result = await page.textContent('referral-seal .rs-steps');
  const mail = emlText((await download(page, 'referral-seal [data-download="eml"]', dir)).path);
  for (const [where, text] of [['7z hint', hints[0]], ['zip hint', hints[1]], ['result', result], ['mail', mail]]) {
    assert.match(text, /met 7-Zip/, `${where} names 7-Zip as the tool`);
    assert.match(text, /Windows Verkenner/, `${where} warns against Windows Verkenner`);
    assert.doesNotMatch(text, /geen 7-Zip|zonder 7-Zip/, `${where} never offers the zip for an OCMW without 7-Zip`);
  }
  // What the zip's hint says about the tools is what the mail and the result say, word for word.
  const flat = (t) => t.replace(/\s+/g, ' ');
  const tools = (t) => flat(t).replace(/\s*\(gratis, [^)]*\)/, '').match(/met 7-Zip[^.]*\. Windows Verkenner[^.]*\./)?.[0];
  const fromMail = tools(mail);
  assert.ok(fromMail, `the mail says which tools open it: ${mail}`);
  assert.equal(tools(hints[1]), fromMail, 'the zip hint says what the mail says');
  assert.equal(tools(result), fromMail, 'the result says what the mail says');
});

test('the receipt prints on one A4 page', async (t) => {
  const dir = testDir(t);
  const { page } = await testPage(t, env);
  await fillReferral(page);
  await seal(page);
  await page.click('referral-seal [data-action="toggle-receipt"]');
  // "Druk af" as the user presses it; the browser's print dialog is replaced by page.pdf().
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed += 1;
    };
  });
  await page.click('referral-seal [data-action="print-receipt"]');
  assert.equal(await page.evaluate(() => window.__printed), 1, '"Druk af" prints');
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => ({
    receipt: document.querySelector('referral-seal .rs-receipt').getBoundingClientRect().height,
    password: document.querySelector('referral-seal .rs-password-display').getBoundingClientRect().height,
  }));
  await shot(page, 'day-01-receipt-print');
  assert.ok(shown.receipt > 100, 'the receipt is printed');
  assert.equal(shown.password, 0, 'the rest of the result is not');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
  assert.equal(pages.length, 1, `the receipt is one A4 page (${pages.length} pages)`);
});

test('at 390 px the yellow header keeps its team line beside the divider', async (t) => {
  const { page } = await testPage(t, env, 'index.html', { contextOptions: { viewport: { width: 390, height: 844 }, isMobile: true } });
  const box = await page.evaluate(() => Object.fromEntries(['brand', 'divider', 'entity'].map((k) => {
    const r = document.querySelector(`.vl-header__${k}`).getBoundingClientRect();
    return [k, { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height }];
  })));
  const middle = (r) => (r.top + r.bottom) / 2;
  assert.ok(Math.abs(middle(box.entity) - middle(box.brand)) < 4, `the team line is on the brand's line (${JSON.stringify(box)})`);
  assert.ok(box.entity.left > box.divider.right, 'right of the divider');
  assert.ok(box.divider.height >= box.entity.height, `the divider is no stub (${box.divider.height} px)`);
  assert.ok(box.entity.right <= 390, 'inside the screen');
  await page.screenshot({ path: join(SHOTS, 'day-02-header-390.png'), clip: { x: 0, y: 0, width: 390, height: 120 } });
});

test('index.html opened from disk (file://) tells the team member to open the page through the intranet', async () => {
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(env.root, 'index.html')).href);
    await page.waitForSelector('referral-seal .rs[data-state="error"]', { timeout: 10_000 });
    const text = await page.textContent('referral-seal .rs-notice');
    assert.match(text, /open de pagina via het intranet/i);
    assert.doesNotMatch(text, /rekenmodule|dezelfde website/, 'no administrator\'s message');
  } finally {
    await context.close();
  }
});

test('the team is never filled in from the postal code; "Ander team" explains that it has no protocol', async (t) => {
  const { page } = await testPage(t, env);
  await fillForm(page, { 'contact.postalCode': '8940' });
  await page.waitForSelector('referral-seal [data-route="ok"]');
  assert.equal(await page.inputValue('referral-seal [name="referrer.team"]'), '', 'the team stays as the user left it');
  const options = await page.$$eval('referral-seal [name="referrer.team"] option', (os) => os.map((o) => o.textContent));
  assert.equal(options.at(-1), 'Ander team', `the list offers "Ander team" (${options})`);
  await page.selectOption('referral-seal [name="referrer.team"]', { label: 'Ander team' });
  const error = page.locator('referral-seal [data-field="referrer.team"] .rs-field-error');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.textContent(), /geen protocol/);
  assert.match(await error.textContent(), /beheerders van het register/, 'it says whom to ask');
  assert.deepEqual(await axe(page, 'document'), []);
});

test('team and postal code known: a team without a protocol with that OCMW is shown at once, naming whom to ask', async (t) => {
  const { page } = await testPage(t, env);
  // Only the team and the postal code: the rest of the form is still empty.
  await page.selectOption('referral-seal [name="referrer.team"]', 'Lokaal team Kind en Gezin Menen');
  await fillForm(page, { 'contact.postalCode': '8820' });
  const banner = page.locator('referral-seal [data-route="team"]');
  await banner.waitFor({ state: 'visible', timeout: 10_000 });
  const text = await banner.textContent();
  assert.ok(text.includes(TORHOUT.ocmw.name), 'it names the OCMW');
  assert.match(text, /Westkust en Polder/, 'and the team that has the protocol');
  const error = page.locator('referral-seal [data-field="referrer.team"] .rs-field-error');
  await error.waitFor({ state: 'visible' });
  assert.ok((await error.textContent()).includes(TORHOUT.ocmw.name));
  assert.deepEqual(await axe(page, 'document'), []);
  await shot(page, 'day-03-team-not-in-protocol');

  // The protocol's team: the message goes, the route is shown.
  await page.selectOption('referral-seal [name="referrer.team"]', 'Lokaal team Kind en Gezin Westkust en Polder');
  await page.waitForSelector('referral-seal [data-route="ok"]');
  await error.waitFor({ state: 'hidden' });
});

test('an e-mail address with a common domain typo shows the core\'s suggestion, never what was typed', async (t) => {
  const { page } = await testPage(t, env);
  await fillForm(page, { 'contact.email': 'sofie.vdbroeck@gmial.com' });
  await page.locator('referral-seal [name="client.givenName"]').focus();
  const error = page.locator('referral-seal [data-field="contact.email"] .rs-field-error');
  await error.waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await error.locator('.rs-suggestion').textContent(), 'gmail.com');
  const text = await error.textContent();
  assert.doesNotMatch(text, /gmial|sofie/i, 'the message does not repeat the input');
  assert.deepEqual(await axe(page, 'document'), []);
});
