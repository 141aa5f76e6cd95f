// The page under abuse, in real Chromium:
//
// * hundreds of consecutive seals in one page session (ABUSE_SEALS, default
//   500) through the page's own flow, with the Wasm memory and the JS heaps
//   of the page and of the worker measured (after garbage collection) once
//   warmed up and at the end: no growth;
// * a double click (and a click plus Enter) on "seal" makes one archive;
// * an exception thrown in the core in the middle of a seal leaves the page
//   usable, with a clear message, and the next seal works.
//
// Measurements go through the DevTools protocol: the worker is reached by
// auto-attaching to it from the page's session; its WebAssembly.Memory is
// found with Runtime.queryObjects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  pageEnv, openPage, workerIdle, workerTraffic, download, extract7zz, referralEntries, SOFIE, REFERRER,
  testPage, fillReferral, seal, testDir,
} from './helpers.mjs';

const SEALS = Number(process.env.ABUSE_SEALS ?? 500);
// Every so many seals a .7z (the default format, 2^19 key-derivation rounds),
// the others .zip: both formats' buffers go through the same memory.
const SEVENZ_EVERY = 5;

const env = pageEnv();

/** A DevTools session on the page and one on its worker (which runs the Wasm core). */
async function devtools(context, page) {
  const cdp = await context.newCDPSession(page);
  const attached = new Promise((ok) => {
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') ok(e.sessionId);
    });
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const sessionId = await attached;
  let next = 1;
  const pending = new Map();
  cdp.on('Target.receivedMessageFromTarget', (m) => {
    if (m.sessionId !== sessionId) return;
    const msg = JSON.parse(m.message);
    const done = pending.get(msg.id);
    if (!done) return;
    pending.delete(msg.id);
    if (msg.error) done.reject(new Error(`${msg.error.message}`));
    else done.resolve(msg.result);
  });
  const worker = (method, params = {}) => new Promise((resolve, reject) => {
    const id = next;
    next += 1;
    pending.set(id, { resolve, reject });
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
  return { cdp, worker };
}

/** Wasm memory and JS heaps, in bytes, after a full garbage collection in the page and the worker. */
async function measure({ cdp, worker }) {
  for (let i = 0; i < 2; i += 1) {
    await cdp.send('HeapProfiler.collectGarbage');
    await worker('HeapProfiler.collectGarbage');
  }
  const proto = await worker('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
  const all = await worker('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
  const sizes = await worker('Runtime.callFunctionOn', {
    objectId: all.objects.objectId,
    functionDeclaration: 'function () { return this.map((m) => m.buffer.byteLength); }',
    returnByValue: true,
  });
  const pageHeap = await cdp.send('Runtime.getHeapUsage');
  const workerHeap = await worker('Runtime.getHeapUsage');
  return {
    wasmMemories: sizes.result.value.length,
    wasm: sizes.result.value.reduce((a, b) => a + b, 0),
    pageHeap: pageHeap.usedSize,
    workerHeap: workerHeap.usedSize,
  };
}

const mib = (n) => `${(n / (1 << 20)).toFixed(2)} MiB`;

/**
 * One referral through the page, driven inside the page (one DevTools round
 * trip per seal): fill every control by name and fire the events a user's
 * typing fires, wait for the postal lookup, tick consent, choose the format,
 * press seal, wait for the result, press "Nieuwe doorverwijzing".
 */
async function sealInPage(page, format) {
  return page.evaluate(async ({ client, referrer, format }) => {
    const root = document.querySelector('referral-seal .rs');
    const form = document.querySelector('referral-seal form');
    const until = (ok, what) => new Promise((resolve, reject) => {
      const started = performance.now();
      const poll = () => {
        if (ok()) resolve();
        else if (performance.now() - started > 30_000) reject(new Error(`timeout: ${what} (state ${root.dataset.state})`));
        else setTimeout(poll, 2);
      };
      poll();
    });
    const set = (name, value) => {
      const el = form.elements[name];
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    };
    set('contact.postalCode', client['contact.postalCode']);
    await until(() => root.dataset.postalChecked === client['contact.postalCode'], 'postal lookup');
    for (const [name, value] of Object.entries(client)) if (name !== 'contact.postalCode') set(name, value);
    for (const [name, value] of Object.entries(referrer)) set(name, value);
    for (const name of ['consent.informed', 'consent.agreed']) {
      const box = form.elements[name];
      box.checked = true;
      box.dispatchEvent(new Event('change', { bubbles: true }));
    }
    const radio = form.querySelector(`input[name="format"][value="${format}"]`);
    radio.checked = true;
    radio.dispatchEvent(new Event('change', { bubbles: true }));
    const started = performance.now();
    form.querySelector('[data-action="seal"]').click();
    await until(() => root.dataset.state === 'done' || root.querySelector('.rs-error-summary:not([hidden])'), 'seal');
    if (root.dataset.state !== 'done') {
      throw new Error(`not sealed: ${root.querySelector('.rs-error-summary').textContent}`);
    }
    const ms = performance.now() - started;
    const name = root.querySelector('[data-download="archive"]').getAttribute('download');
    root.querySelector('[data-action="handed-over"]').click();
    root.querySelector('[data-action="new-referral"]').click();
    await until(() => root.dataset.state === 'ready' && form.elements.password.value !== '', 'new referral');
    return { ms, name };
  }, { client: SOFIE, referrer: REFERRER, format });
}

test(`${SEALS} consecutive seals in one page session: no memory growth`, { timeout: 30 * 60_000 }, async (t) => {
  const { context, page, log } = await testPage(t, env);
  const tools = await devtools(context, page);
  // Warm up: both formats once, so that every buffer the core ever needs
  // has been allocated (Wasm memory grows once, to its plateau).
  await sealInPage(page, '7z');
  await sealInPage(page, 'zip');
  const warm = await measure(tools);
  assert.equal(warm.wasmMemories, 1, 'one Wasm instance');

  const names = new Set();
  const times = { '7z': [], zip: [] };
  const started = Date.now();
  for (let i = 0; i < SEALS; i += 1) {
    const format = i % SEVENZ_EVERY === 0 ? '7z' : 'zip';
    const r = await sealInPage(page, format);
    times[format].push(r.ms);
    names.add(r.name);
  }
  const wall = Date.now() - started;
  const end = await measure(tools);

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const report = [
    `${SEALS} seals (${times['7z'].length} × 7z, ${times.zip.length} × zip) in ${(wall / 1000).toFixed(1)} s;`,
    `median seal ${median(times['7z']).toFixed(0)} ms (7z), ${median(times.zip).toFixed(0)} ms (zip)`,
    `Wasm memory: ${mib(warm.wasm)} after warm-up → ${mib(end.wasm)} after`,
    `worker JS heap: ${mib(warm.workerHeap)} → ${mib(end.workerHeap)}`,
    `page JS heap: ${mib(warm.pageHeap)} → ${mib(end.pageHeap)}`,
  ];
  for (const line of report) t.diagnostic(line);

  assert.equal(names.size, SEALS, 'every seal made its own archive (a fresh reference each time)');
  // Linear memory never shrinks, so any leak inside the core would show as growth here.
  assert.ok(end.wasm <= warm.wasm, `Wasm memory grew: ${mib(warm.wasm)} → ${mib(end.wasm)}`);
  // JS heaps after GC: allow noise (compiled code, inline caches), not a per-seal leak
  // (500 leaked archives of ~3 KiB each, or their blob URLs, would exceed it).
  assert.ok(end.workerHeap - warm.workerHeap < 1 << 20, `worker heap grew: ${mib(warm.workerHeap)} → ${mib(end.workerHeap)}`);
  assert.ok(end.pageHeap - warm.pageHeap < 2 << 20, `page heap grew: ${mib(warm.pageHeap)} → ${mib(end.pageHeap)}`);
  assert.deepEqual(log.errors, [], 'no page errors');
});

/** Counts, inside the worker, the seal replies that carry an archive. */
async function countSealsInWorker(page) {
  const [worker] = page.workers();
  await worker.evaluate(() => {
    const post = self.postMessage.bind(self);
    self.__archives = 0;
    self.postMessage = (message, transfer) => {
      if (message?.value?.archive) self.__archives += 1;
      return post(message, transfer);
    };
  });
  return () => worker.evaluate(() => self.__archives);
}

test('a double click, or a click and Enter, on seal makes one archive', async () => {
  for (const how of ['dblclick', 'click+enter', 'triple click']) {
    const { context, page, log } = await openPage(env);
    try {
      const archives = await countSealsInWorker(page);
      await page.evaluate(() => {
        window.__sealed = 0;
        document.querySelector('referral-seal').addEventListener('referral-seal-sealed', () => { window.__sealed += 1; });
      });
      await fillReferral(page);
      const button = 'referral-seal [data-action="seal"]';
      if (how === 'dblclick') await page.dblclick(button);
      if (how === 'triple click') await page.click(button, { clickCount: 3 });
      if (how === 'click+enter') {
        await page.click(button);
        await page.keyboard.press('Enter');
      }
      await page.waitForSelector('referral-seal .rs[data-state="done"]', { timeout: 30_000 });
      // Every request the clicks made, answered and handled (a second seal included, had one been sent).
      await workerIdle(page);
      assert.equal((await workerTraffic(page)).ops.seal, 1, `${how}: the page asked for one seal`);
      assert.equal(await archives(), 1, `${how}: the worker made one archive`);
      assert.equal(await page.evaluate(() => window.__sealed), 1, `${how}: one sealed event`);
      assert.equal(await page.locator('referral-seal .rs-result').count(), 1, `${how}: one result`);
      assert.equal(await page.locator('referral-seal a[data-download="archive"]').count(), 1, `${how}: one archive link`);
      assert.deepEqual(log.errors, []);
    } finally {
      await context.close();
    }
  }
});

for (const [what, breakIt, expect] of [
  [
    'the CSPRNG fails (a refusal with a code)',
    () => {
      self.__grv = crypto.getRandomValues;
      crypto.getRandomValues = () => {
        throw new DOMException('Operation is not supported', 'NotSupportedError');
      };
    },
    /veilige toevalsgenerator/,
  ],
  [
    'an import throws an unexpected exception (no code)',
    () => {
      self.__Date = Date;
      self.Date = function Kapot() {
        throw new TypeError('kapot');
      };
    },
    /kon niet gemaakt worden\. Probeer het opnieuw\./,
  ],
]) {
  test(`an exception in the core mid-seal leaves the page usable: ${what}`, async (t) => {
    const dir = testDir(t);
    const { page, log } = await testPage(t, env);
    await fillReferral(page);
    const [worker] = page.workers();
    await worker.evaluate(breakIt);
    await page.click('referral-seal [data-action="seal"]');
    await page.waitForSelector('referral-seal .rs-error-summary:not([hidden])', { timeout: 30_000 });
    const state = await page.evaluate(() => {
      const root = document.querySelector('referral-seal .rs');
      return {
        state: root.dataset.state,
        summary: root.querySelector('.rs-error-summary').textContent,
        button: root.querySelector('[data-action="seal"]').getAttribute('aria-disabled'),
        busy: root.querySelector('.rs-busy').textContent,
        givenName: root.querySelector('[name="client.givenName"]').value,
      };
    });
    assert.equal(state.state, 'ready', 'back to the form');
    assert.match(state.summary, expect, 'a clear Dutch message');
    assert.equal(state.button, null, 'the seal button works again');
    assert.equal(state.busy, '', 'no spinner left');
    assert.equal(state.givenName, 'Sofie', 'what was typed is kept');

    // Repaired, the same page seals and 7-Zip opens the result.
    await worker.evaluate(() => {
      if (self.__grv) crypto.getRandomValues = self.__grv;
      if (self.__Date) self.Date = self.__Date;
    });
    const password = await seal(page);
    const archive = await download(page, 'referral-seal [data-download="archive"]', dir);
    const opened = extract7zz(archive.path, password, join(dir, 'out'));
    assert.equal(opened.status, 0, opened.output);
    assert.ok(referralEntries(opened.files).json.toString('utf8').includes('Van den Broeck'));
    assert.deepEqual(log.errors, [], 'no uncaught page errors');
  });
}
