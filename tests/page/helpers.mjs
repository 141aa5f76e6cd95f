// Shared helpers for the page tests: serve dist/ (with the tests' own
// protocol registry), drive Debian Chromium with playwright-core, record
// every request and every message to the page's worker, open downloaded
// archives with real 7-Zip.
import { after, before } from 'node:test';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { registryText } from '../../scripts/build/registry-block.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// RS_DIST: another build to test (e.g. the previous commit's, to see a new test fail on it).
export const DIST = process.env.RS_DIST ? resolve(process.env.RS_DIST) : join(ROOT, 'dist');
export const SHOTS = join(ROOT, 'target/screenshots');

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * The tests' protocol registry (tests/fixtures/registry.json): invented
 * OCMWs for 8940 Wervik and 8820 Torhout with reserved e-mail domains. The
 * pages are served with it instead of data/protocols.json's real mailboxes.
 */
export const TEST_REGISTRY = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/registry.json'), 'utf8'));

/** The test registry's protocol for a postal code. */
export function testProtocol(postalCode) {
  const found = TEST_REGISTRY.protocols.find((p) => p.postalCodes.includes(postalCode));
  if (!found) throw new Error(`the test registry has no protocol for ${postalCode}`);
  return found;
}
export const WERVIK = testProtocol('8940');
export const TORHOUT = testProtocol('8820');

/** A RegExp that matches `text` literally (for names and addresses read from the registry). */
export function literal(text) {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

const REGISTRY_BLOCK = /(<script type="application\/json" id="referral-seal-registry">)[\s\S]*?(<\/script>)/;

/** The registry in a page's data block, parsed (null if the page has none). */
export function registryIn(html) {
  const m = REGISTRY_BLOCK.exec(html);
  return m ? JSON.parse(html.slice(m.index + m[1].length, m.index + m[0].length - m[2].length)) : null;
}

/** `html` with its registry data block holding `registry` (escaped as the build escapes it). */
export function withRegistry(html, registry) {
  if (!REGISTRY_BLOCK.test(html)) throw new Error('the page has no registry data block');
  return html.replace(REGISTRY_BLOCK, (_, open, close) => `${open}${registryText(registry)}${close}`);
}

/** An invented client living in Geluwe (postal code 8940: the test registry's Wervik protocol). */
export const SOFIE = {
  'client.givenName': 'Sofie',
  'client.familyName': 'Van den Broeck',
  'contact.postalCode': '8940',
  'contact.municipality': 'Geluwe',
  'contact.street': 'Kerkstraat',
  'contact.houseNumber': '12',
  'contact.box': 'B',
  'contact.phone': '0470 12 34 56',
  'contact.email': 'sofie.vdbroeck@example.com',
};

/** The referrer an embedder would prefill. */
export const REFERRER = {
  'referrer.team': 'Lokaal team Kind en Gezin Menen',
  'referrer.name': 'An Peeters',
  'referrer.phone': '056 12 34 56',
  'referrer.email': 'an.peeters@example.com',
};

/**
 * Starts two static servers on free ports and launches Chromium: `url`
 * serves a copy of dist/ whose pages carry the test registry (what every
 * test gets unless it asks otherwise), `shippedUrl` serves dist/ as built.
 */
export async function setup() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `make dist` first');
  mkdirSync(SHOTS, { recursive: true });
  const root = mkdtempSync(join(tmpdir(), 'rs-page-dist-'));
  cpSync(DIST, root, { recursive: true });
  for (const name of readdirSync(root).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(root, name), 'utf8');
    if (registryIn(html)) writeFileSync(join(root, name), withRegistry(html, TEST_REGISTRY));
  }
  const servers = [await startServer(root, 0), await startServer(DIST, 0)];
  const served = [];
  for (const { server } of servers) server.on('request', (req) => served.push(req.url));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    browser,
    url: servers[0].url,
    shippedUrl: servers[1].url,
    root,
    served,
    async close() {
      await browser.close();
      for (const { server } of servers) await new Promise((ok) => server.close(ok));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * The page tests' environment for one test file: set up before its tests,
 * closed after them. The returned object is filled in by `before`.
 */
export function pageEnv() {
  const env = {};
  before(async () => {
    Object.assign(env, await setup());
  });
  after(async () => {
    await env.close?.();
  });
  return env;
}

/**
 * Init script: counts the requests the page posts to its worker (by
 * operation) and the answers it gets back, so that a test can wait until
 * the page has finished what an action asked of the core instead of
 * sleeping. `strength` keeps the password of the last strength request.
 */
function probeWorker() {
  const Native = window.Worker;
  const probe = { posted: 0, answered: 0, ops: {}, strength: null };
  Object.defineProperty(window, '__rsWorker', { value: probe });
  window.Worker = class Worker extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => {
        probe.answered += 1;
      });
    }

    postMessage(message, ...rest) {
      const op = String(message?.op);
      probe.posted += 1;
      probe.ops[op] = (probe.ops[op] ?? 0) + 1;
      if (op === 'strength') probe.strength = message.args?.password ?? null;
      return super.postMessage(message, ...rest);
    }
  };
}

/** What the page has posted to its worker and got back so far: { posted, answered, ops }. */
export function workerTraffic(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.__rsWorker)));
}

/**
 * Waits until the page has posted more than `since` requests to its worker
 * and every one of them has been answered and handled (the answers'
 * handlers and the promise reactions they start have run: the predicate
 * runs in a later task). Work the page puts off to a later task without
 * the worker (a timer, crypto.subtle) is not covered. Fails on timeout,
 * e.g. when nothing was asked.
 */
export async function workerIdle(page, { since = 0, timeout = 30_000 } = {}) {
  await page.waitForFunction((n) => {
    const w = window.__rsWorker;
    return w.posted > n && w.answered === w.posted;
  }, since, { timeout });
}

/** Runs `action` and waits until what it asked of the worker is answered and handled (see workerIdle). */
export async function afterWorker(page, action, options = {}) {
  const since = await page.evaluate(() => window.__rsWorker.posted);
  await action();
  await workerIdle(page, { ...options, since });
}

/**
 * A fresh context and page that records requests, console errors, page
 * errors and the worker's traffic (see probeWorker). The context is new each
 * time: no state is shared between tests. Waits until the core is ready
 * (data-state="ready") unless waitForEngine is false.
 *
 * registry: omitted, the page carries the test registry; 'shipped', dist/
 * as built (data/protocols.json); an object, that registry in the page's
 * data block. url: an address to open instead of the served `path` (e.g.
 * file://). clock: Playwright's fake clock is installed before the page loads.
 */
export async function openPage(env, path = 'index.html', { contextOptions = {}, beforeLoad, waitForEngine = true, registry, url, clock = false } = {}) {
  const context = await env.browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'nl-BE',
    timezoneId: 'Europe/Brussels',
    acceptDownloads: true,
    ...contextOptions,
  });
  // Records revoked blob: URLs (DevTools-injected; the page's CSP does not apply).
  await context.addInitScript(() => {
    const revoke = URL.revokeObjectURL.bind(URL);
    window.__revoked = [];
    URL.revokeObjectURL = (u) => {
      window.__revoked.push(String(u));
      revoke(u);
    };
  });
  await context.addInitScript(probeWorker);
  if (registry && typeof registry === 'object') {
    await context.route((u) => u.pathname === `/${path}`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: withRegistry(await response.text(), registry) });
    });
  }
  const page = await context.newPage();
  if (clock) await page.clock.install();
  if (beforeLoad) await beforeLoad(page, context);
  const log = { requests: [], console: [], errors: [] };
  context.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  const started = Date.now();
  await page.goto(url ?? (registry === 'shipped' ? env.shippedUrl : env.url) + path, { waitUntil: 'load' });
  if (!waitForEngine) return { context, page, log };
  await page.waitForSelector('referral-seal .rs[data-state="ready"]', { timeout: 20_000 });
  const wallMs = Date.now() - started;
  const readyMs = await page.evaluate(() => performance.getEntriesByName('referral-seal-ready')[0]?.startTime ?? -1);
  return { context, page, log, readyMs, wallMs };
}

/** openPage for one test `t`: its context is closed when the test ends, passed or failed. */
export async function testPage(t, env, path, options) {
  const opened = await openPage(env, path, options);
  t.after(() => opened.context.close());
  return opened;
}

/** A temporary folder for one test `t`, removed when the test ends. */
export function testDir(t, prefix) {
  const dir = tempDir(prefix);
  t.after(() => removeDir(dir));
  return dir;
}

/** Fills in a whole referral like a user: the client, both consent boxes, the referrer. */
export async function fillReferral(page, { client = SOFIE, referrer = REFERRER } = {}) {
  await fillForm(page, client);
  await giveConsent(page);
  await fillForm(page, referrer);
}

/** Presses "seal" and waits for the result; returns the password the archive was sealed with. */
export async function seal(page) {
  const password = await page.inputValue('referral-seal [name="password"]');
  await page.click('referral-seal [data-action="seal"]');
  await page.waitForSelector('referral-seal .rs[data-state="done"]', { timeout: 30_000 });
  return password;
}

/** Saves a full-page screenshot under target/screenshots/. */
export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Fills the form by control name (the public contract), like a user would. */
export async function fillForm(page, values) {
  for (const [name, value] of Object.entries(values)) {
    const control = page.locator(`referral-seal [name="${name}"]`);
    const tag = await control.evaluate((el) => el.localName);
    if (name === 'contact.postalCode') {
      await control.fill(value);
      // The localities and the route arrive from the worker; wait for them.
      await page.waitForFunction(
        (code) => [...document.querySelectorAll('referral-seal .rs')].some((r) => r.dataset.postalChecked === code),
        value,
        { timeout: 5000 },
      );
    } else if (tag === 'select') {
      await control.selectOption(value);
    } else {
      await control.fill(value);
    }
  }
}

/** Ticks both consent checkboxes. */
export async function giveConsent(page) {
  await page.locator('referral-seal [name="consent.informed"]').check();
  await page.locator('referral-seal [name="consent.agreed"]').check();
}

/** Clicks a download link and saves the file; returns its path and suggested name. */
export async function download(page, selector, dir) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const name = dl.suggestedFilename();
  const path = join(dir, name);
  await dl.saveAs(path);
  return { path, name, url: dl.url() };
}

export function tempDir(prefix = 'rs-page-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/** Extracts an archive with real 7-Zip (`7zz`); returns { status, files, output }. */
export function extract7zz(archivePath, password, outDir) {
  const r = spawnSync('7zz', ['x', '-y', `-p${password}`, `-o${outDir}`, archivePath], { encoding: 'utf8' });
  const files = {};
  if (r.status === 0) for (const f of readdirSync(outDir)) files[f] = readFileSync(join(outDir, f));
  return { status: r.status, files, output: `${r.stdout}${r.stderr}` };
}

/**
 * The three entries of a referral archive, whose names carry its reference
 * (doorverwijzing-<REF>.txt/.json, contact-<REF>.vcf); fails unless there
 * are exactly these three with one reference.
 */
export function referralEntries(files) {
  const names = Object.keys(files).sort();
  const m = /^contact-([0-9A-Z]{8})\.vcf$/.exec(names[0] ?? '');
  const ref = m?.[1];
  const expected = ref ? [`contact-${ref}.vcf`, `doorverwijzing-${ref}.json`, `doorverwijzing-${ref}.txt`] : [];
  if (!ref || JSON.stringify(names) !== JSON.stringify(expected)) {
    throw new Error(`archive entries are not one referral's three files: ${names.join(', ')}`);
  }
  return { reference: ref, json: files[expected[1]], txt: files[expected[2]], vcf: files[expected[0]] };
}

/** Lists an archive with 7-Zip without a password (what anyone can see). */
export function list7zz(archivePath) {
  const r = spawnSync('7zz', ['l', '-slt', '-p', archivePath], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

/** Every string value in a JSON document, flattened. */
export function jsonStrings(value, out = []) {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) jsonStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) jsonStrings(v, out);
  return out;
}

/** What the page keeps in storage (must all be empty). */
export async function storageSnapshot(page) {
  return page.evaluate(async () => ({
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDB: (await indexedDB.databases()).length,
    cookie: document.cookie,
    caches: 'caches' in self ? (await caches.keys()).length : 0,
  }));
}

/** Runs axe-core in the page (evaluated through DevTools: the page's CSP does not apply). */
export async function axe(page, context = 'referral-seal') {
  const source = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async (ctx) => {
    const result = await window.axe.run(ctx === 'document' ? document : document.querySelector(ctx), {
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  }, context);
}

/** Presses Tab until the focused element has this name (keyboard only); fails after max presses. */
export async function tabTo(page, name, max = 80) {
  for (let i = 0; i < max; i += 1) {
    const current = await page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.dataset?.action ?? '');
    if (current === name) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}`);
}
