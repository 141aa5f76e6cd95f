// The password's part of the page in real Chromium (issue 12): the live
// warning names the real problem as the team member types, against the
// referral in the form and the chosen format; accents are explained, not
// called weak; the generated password comes with a spelling aid readable
// on a phone; a print (A4 PDF) never holds the password or its spelling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, pageEnv, afterWorker, workerTraffic, shot, fillForm, SOFIE, REFERRER, testPage, testDir, fillReferral,
  seal,
} from './helpers.mjs';

const env = pageEnv();

const strength = 'referral-seal .rs-strength';

/** Types `password` as the team member's own and waits for the verdict on it. */
async function typeOwn(page, password) {
  const field = page.locator('referral-seal [name="password"]');
  await field.fill('');
  // Each keystroke asks the worker for a verdict; wait until every one is
  // answered and shown, then check that the last one asked was about this text.
  await afterWorker(page, () => field.pressSequentially(password, { delay: 5 }));
  assert.equal((await workerTraffic(page)).strength, password, 'the last verdict asked for is about the whole text');
  return page.locator(strength).textContent();
}

test('the live warning names the real problem, against the referral in the form', async (t) => {
  const { page, log } = await testPage(t, env);
  await fillForm(page, SOFIE);
  await fillForm(page, REFERRER);
  await page.check('referral-seal [name="ownPassword"]');
  const table = [
    ['Kerkstraat12Geluwe', /straat van de cliënt/],
    ['Geluwe8940!', /gemeente van de cliënt/],
    ['SofieVanDenBroeck', /naam van de cliënt/],
    ['!QAZ2wsx#EDC', /toetsenbordpatroon/],
    ['azertyuiop', /toetsenbordpatroon/],
    ['Annelies1985!', /voornaam\..*ook een jaartal/],
    ['Voorjaar2026!', /hoort \(zoals Kind en Gezin, OCMW, een maand of een seizoen\)\..*ook een jaartal/],
    ['LokaalTeamMenen', /naam van het team/],
  ];
  for (const [password, reason] of table) {
    const text = await typeOwn(page, password);
    assert.match(text, reason, password);
    assert.match(text, /Te zwak/, password);
    assert.ok(await page.locator(`${strength}.rs-strength--weak`).count(), `${password}: shown as weak`);
  }
  await shot(page, 'password-01-live-warning');
  // Accents: explained as such, never "too weak, make it longer".
  const accented = await typeOwn(page, 'Ça-va-été-à-Wervik-2026-!');
  assert.match(accented, /zonder accenten/);
  assert.doesNotMatch(accented, /langer|Te zwak/);
  // The street stops being the problem once the referral no longer holds
  // it: the verdict follows the form.
  const before = await typeOwn(page, 'Kerkstraat12Geluwe');
  assert.match(before, /straat van de cliënt/);
  await page.fill('referral-seal [name="contact.street"]', 'Molenstraat');
  await page.waitForFunction(() => !/straat van de cliënt/.test(document.querySelector('referral-seal .rs-strength').textContent));
  assert.deepEqual(log.errors, []);
});

test('the bar depends on the format: .zip needs more than .7z', async (t) => {
  const { page } = await testPage(t, env);
  await page.check('referral-seal [name="ownPassword"]');
  // About 54 bits: enough for .7z (52), not for .zip (60).
  const seven = await typeOwn(page, 'Hmf8&dPz3@Lq');
  assert.match(seven, /Sterk genoeg voor een \.7z-bestand/);
  await page.check('referral-seal input[name="format"][value="zip"]');
  await page.waitForFunction(() => /\.zip-bestand/.test(document.querySelector('referral-seal .rs-strength').textContent));
  const zip = await page.locator(strength).textContent();
  assert.match(zip, /Te zwak voor een \.zip-bestand/);
  assert.match(zip, /nodige 60 bits/);
});

test('the generated password has a spelling aid, readable on a phone, in the form and in the result', async (t) => {
  const { page } = await testPage(t, env, 'index.html', {
    contextOptions: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  });
  const password = await page.inputValue('referral-seal [name="password"]');
  assert.match(password, /^[3-9fkmoruwxy]{4}(-[3-9fkmoruwxy]{4}){4}$/, 'phone-safe alphabet, five groups of four');
  const lines = await page.locator('referral-seal form .rs-spelling li').allTextContents();
  const chars = password.replaceAll('-', '');
  assert.equal(lines.length, chars.length);
  const words = { k: 'Kilogram', f: 'Frederik', m: 'Maria', o: 'Oscar', r: 'Robert', u: 'Ursula', w: 'Waterloo', x: 'Xavier', y: 'Yvonne' };
  const digits = ['nul', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen'];
  [...chars].forEach((c, i) => {
    const want = /\d/.test(c) ? `${c} (${digits[Number(c)]})` : `${c} van ${words[c]}`;
    assert.equal(lines[i], want);
  });
  assert.equal(await page.locator('referral-seal form .rs-spelling ol').count(), 5, 'one group per group of the password');
  const size = await page.locator('referral-seal form .rs-spelling li').first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 16, `spelling aid at ${size}px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling on a phone (${overflow}px)`);
  await shot(page, 'password-02-spelling-phone');
  // "Nieuw wachtwoord" gives a new aid with it.
  await page.click('referral-seal [data-action="new-password"]');
  await page.waitForFunction((old) => document.querySelector('referral-seal [name="password"]').value !== old, password);
  const next = await page.inputValue('referral-seal [name="password"]');
  const nextLines = await page.locator('referral-seal form .rs-spelling li').allTextContents();
  assert.equal(nextLines[0].charAt(0), next.charAt(0));
  // No copy button: a copied password stays in Windows' clipboard history.
  assert.equal(await page.locator('referral-seal [data-action^="copy"]').count(), 0);

  // The result shows the aid under the password too.
  await fillReferral(page);
  await seal(page);
  const shown = await page.textContent('referral-seal .rs-password-display .rs-mono');
  assert.equal(shown, next);
  const resultLines = await page.locator('referral-seal .rs-result-host .rs-spelling li').allTextContents();
  assert.deepEqual(resultLines, nextLines);
  await shot(page, 'password-03-result-phone');
});

/** The text of a PDF, read by pypdf from the test readers' .venv. */
function pdfText(path) {
  const py = join(ROOT, '.venv/bin/python');
  const r = spawnSync(py, ['-c', 'import sys, pypdf; print("\\n".join(p.extract_text() for p in pypdf.PdfReader(sys.argv[1]).pages))', path], { encoding: 'utf8' });
  assert.equal(r.status, 0, `pypdf: ${r.stderr}`);
  return r.stdout;
}

test('a print (A4 PDF) never holds the password or its spelling aid', async (t) => {
  const dir = testDir(t);
  const { page } = await testPage(t, env);
  const password = await page.inputValue('referral-seal [name="password"]');
  const spelling = await page.locator('referral-seal form .rs-spelling li').allTextContents();
  const groups = password.split('-');
  const leaks = (text) => {
    const flat = text.replace(/\s+/g, '');
    return [
      ...groups.filter((g) => flat.includes(g)),
      ...spelling.filter((l) => text.includes(l)),
    ];
  };
  // The form, with its generated password.
  await page.emulateMedia({ media: 'print' });
  const form = await page.pdf({ format: 'A4' });
  writeFileSync(join(dir, 'form.pdf'), form);
  const formText = pdfText(join(dir, 'form.pdf'));
  assert.match(formText, /Wachtwoord van het versleutelde bestand/, 'the PDF holds the page');
  assert.deepEqual(leaks(formText), [], 'no group of the password nor line of its spelling aid in the print');
  assert.match(formText, /niet afgedrukt/);
  // The password is back after the print.
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.inputValue('referral-seal [name="password"]'), password);

  // The result screen, where the password is shown to be read out.
  await fillReferral(page);
  await seal(page);
  await page.emulateMedia({ media: 'print' });
  const result = await page.pdf({ format: 'A4' });
  writeFileSync(join(dir, 'result.pdf'), result);
  const resultText = pdfText(join(dir, 'result.pdf'));
  assert.match(resultText, /Geef het wachtwoord door/, 'the PDF holds the result');
  assert.deepEqual(leaks(resultText), []);
  // On screen, the password is still there after printing.
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.textContent('referral-seal .rs-password-display .rs-mono'), password);
});

test('beforeprint takes the password out of the page for the print, afterprint brings it back', async (t) => {
  const { page } = await testPage(t, env);
  const password = await page.inputValue('referral-seal [name="password"]');
  const during = await page.evaluate(() => {
    window.dispatchEvent(new Event('beforeprint'));
    const root = document.querySelector('referral-seal');
    const out = { value: root.querySelector('[name="password"]').value, spelling: root.querySelector('form .rs-spelling').textContent };
    window.dispatchEvent(new Event('afterprint'));
    return out;
  });
  assert.equal(during.value, '');
  assert.equal(during.spelling, '');
  assert.equal(await page.inputValue('referral-seal [name="password"]'), password);
  assert.ok((await page.locator('referral-seal form .rs-spelling li').count()) > 0);
});
