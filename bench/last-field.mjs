// Time from typing the last field to the downloadable result, in headless
// Chromium (issue 13's closing figure): the form is filled as a user would,
// then the last field (the referrer's e-mail) is typed key by key; the clock
// starts at that field's last `input` event and stops when the archive's
// download link is on the page. The seal button is pressed right after the
// last key, so the figure is the page's own share (no human pause).
//
//   node bench/last-field.mjs [DIST_DIR] [--runs N] [--format 7z|zip]
//
// Prints one line per run and the median; a dist/ built by `make dist`.
import { existsSync } from 'node:fs';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { median } from './workloads.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const dist = resolve(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? join(ROOT, 'dist'));
const RUNS = Number(flag('--runs', 5));
const FORMAT = flag('--format', '7z');
if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: run \`make dist\` first`);

// An invented client and referrer (the page tests' fixtures).
const FIELDS = [
  ['client.givenName', 'Sofie'],
  ['client.familyName', 'Van den Broeck'],
  ['contact.postalCode', '8940'],
  ['contact.municipality', 'Geluwe'],
  ['contact.street', 'Kerkstraat'],
  ['contact.houseNumber', '12'],
  ['contact.phone', '0470 12 34 56'],
  ['referrer.team', 'Lokaal team Kind en Gezin Menen'],
  ['referrer.name', 'An Peeters'],
  ['referrer.phone', '056 12 34 56'],
];
const LAST = ['referrer.email', 'an.peeters@example.com'];

const { server, url } = await startServer(dist, 0);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const times = [];
try {
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE' });
    const page = await context.newPage();
    await page.goto(`${url}index.html`);
    await page.waitForSelector('referral-seal .rs[data-state="ready"]', { timeout: 20_000 });
    for (const [name, value] of FIELDS) {
      const control = page.locator(`referral-seal [name="${name}"]`);
      if ((await control.evaluate((el) => el.localName)) === 'select') {
        // The team list and the localities may still be on their way from the worker.
        await page.waitForFunction(([n, v]) => [...document.querySelector(`referral-seal [name="${n}"]`).options].some((o) => o.value === v), [name, value]);
        await control.selectOption(value);
      } else {
        await control.fill(value);
      }
    }
    await page.check('referral-seal [name="consent.informed"]');
    await page.check('referral-seal [name="consent.agreed"]');
    if (FORMAT === 'zip') await page.check('referral-seal input[name="format"][value="zip"]');
    // Clock: the last field's last input event → the archive's download link in the DOM.
    await page.evaluate((name) => {
      const control = document.querySelector(`referral-seal [name="${name}"]`);
      control.addEventListener('input', () => {
        window.__lastInput = performance.now();
      });
      new MutationObserver((_, obs) => {
        if (document.querySelector('referral-seal [data-download="archive"]')) {
          window.__result = performance.now();
          obs.disconnect();
        }
      }).observe(document.querySelector('referral-seal'), { childList: true, subtree: true });
    }, LAST[0]);
    await page.click(`referral-seal [name="${LAST[0]}"]`);
    await page.keyboard.type(LAST[1]);
    await page.click('referral-seal [data-action="seal"]');
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 30_000 });
    const ms = await page.evaluate(() => window.__result - window.__lastInput);
    times.push(ms);
    process.stdout.write(`run ${run + 1}: ${ms.toFixed(0)} ms\n`);
    await context.close();
  }
} finally {
  await browser.close();
  await new Promise((ok) => server.close(ok));
}
process.stdout.write(`median (${FORMAT}, ${RUNS} runs, ${dist}): ${median(times).toFixed(0)} ms\n`);
