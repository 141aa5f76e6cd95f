// Cold page loads for the ready-time rows of `make bench`, driven over the
// DevTools protocol on Chromium's own pipe (--remote-debugging-pipe) instead
// of Playwright: Playwright puts its own script into every new document and
// polls the page during the load, which costs the renderer CPU that a user's
// browser does not spend (measured: 196 ms first paint through Playwright,
// 184 ms this way, 15 loads each). Here the load is left alone: navigate,
// wait for the load event (a protocol event), then read the page's own
// buffered performance entries once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIMEOUT_MS = 20_000;

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`${what}: no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS); }),
  ]).finally(() => clearTimeout(timer));
}

/** Starts Chromium with a fresh profile; resolves to a tiny protocol client. */
async function launch(executablePath, args) {
  const profile = mkdtempSync(join(tmpdir(), 'rs-bench-profile-'));
  const proc = spawn(executablePath, [...args, '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((ok) => proc.once('exit', ok));
  const [toBrowser, fromBrowser] = [proc.stdio[3], proc.stdio[4]];
  const pending = new Map();
  const listeners = new Set();
  let buffered = Buffer.alloc(0);
  let lastId = 0;
  fromBrowser.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (let end; (end = buffered.indexOf(0)) >= 0;) {
      const msg = JSON.parse(buffered.subarray(0, end).toString('utf8'));
      buffered = buffered.subarray(end + 1);
      if (msg.id === undefined) {
        for (const l of [...listeners]) l(msg);
      } else {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) p.fail(new Error(`${p.method}: ${msg.error.message}`));
        else p.ok(msg.result);
      }
    }
  });
  const send = (method, params = {}, sessionId = undefined) => withTimeout(new Promise((ok, fail) => {
    const id = ++lastId;
    pending.set(id, { ok, fail, method });
    toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
  }), method);
  /** The next event `method` of `sessionId`; listen before acting. */
  const next = (method, sessionId) => {
    let listener;
    return withTimeout(new Promise((ok) => {
      listener = (m) => { if (m.method === method && m.sessionId === sessionId) ok(m.params); };
      listeners.add(listener);
    }), method).finally(() => listeners.delete(listener));
  };
  const close = async () => {
    try {
      await send('Browser.close');
    } catch {
      proc.kill('SIGKILL');
    }
    await exited;
    rmSync(profile, { recursive: true, force: true });
  };
  return { send, next, close };
}

/**
 * How long the new browser is left alone before the measured navigation. A
 * browser just started keeps working for about a second (in a trace of
 * headless Chromium here: its omnibox and theme WebUI, loading while our
 * page loaded), and on two cores that work delayed the measured page:
 * first paint 188 ms without a pause, 120 ms after 2 s, 124 ms after 1, 2
 * or 4 s; the bare one-input page 64 ms and 48 ms (13 and 9 loads each).
 * A user's browser has long finished starting.
 */
const SETTLE_MS = 1500;

/**
 * One cold load of `url` in a new browser with a fresh profile (an empty
 * cache). The browser first shows `warmUrl` (a page of the same origin that
 * does not exist) and is then left to settle (SETTLE_MS), so that the start
 * of the browser and of its renderer process are not counted, as for a user
 * whose browser is already open.
 * `measure` is a function's source, run once in the page after the load
 * event; it may return a promise.
 */
export async function coldLoad({ executablePath, args, viewport }, url, warmUrl, measure) {
  const browser = await launch(executablePath, args);
  try {
    let page;
    for (let tries = 0; !page; tries++) {
      page = (await browser.send('Target.getTargets')).targetInfos.find((t) => t.type === 'page');
      if (!page && tries > 200) throw new Error('Chromium opened no page');
      if (!page) await new Promise((ok) => setTimeout(ok, 10));
    }
    const { sessionId } = await browser.send('Target.attachToTarget', { targetId: page.targetId, flatten: true });
    await browser.send('Emulation.setDeviceMetricsOverride', { ...viewport, deviceScaleFactor: 1, mobile: false }, sessionId);
    await browser.send('Page.enable', {}, sessionId);
    const navigate = async (target) => {
      const loaded = browser.next('Page.loadEventFired', sessionId);
      const { errorText } = await browser.send('Page.navigate', { url: target }, sessionId);
      if (errorText) throw new Error(`${target}: ${errorText}`);
      await loaded;
    };
    await navigate(warmUrl);
    await new Promise((ok) => setTimeout(ok, SETTLE_MS));
    await navigate(url);
    const { result, exceptionDetails } = await browser.send('Runtime.evaluate', {
      expression: `(${measure})()`, awaitPromise: true, returnByValue: true,
    }, sessionId);
    if (exceptionDetails) throw new Error(`measure: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  } finally {
    await browser.close();
  }
}
