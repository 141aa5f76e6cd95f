// make bench, the opener's part: open.html's weight against 7z-wasm's
// (npm, pinned in package.json), and the time to open one referral .7z
// (its 2^19-round key derivation) and a 16 MiB LZMA2 .7z, in Node (pkg/'s
// openArchive) and in Chromium (open.html itself, from the click on
// "Openen" to the result on screen), each against 7z-wasm extracting the
// same archive in the same runtime (a ratio; a fresh 7z-wasm instance per
// run, since 7-Zip caches derived keys within a process), and against
// native 7zz on this machine.
//
//   node bench/open.mjs [--runs N] [--no-browser]   (needs pkg/ and dist/open.html)
import { copyFileSync, readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SevenZip from '7z-wasm';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const root = new URL('..', import.meta.url);
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const PASSWORD = 'kotu-mepa-ribe-noza-veki-suta';

const rs = await import(new URL('pkg/referral_seal.js', root).href);
rs.initSync({ module: readFileSync(new URL('pkg/referral_seal_bg.wasm', root)) });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

function weights() {
  const out = {};
  const open = new URL('dist/open.html', root);
  if (existsSync(open)) {
    const html = readFileSync(open);
    out['open.html'] = { raw: html.length, gzip: gzipSync(html, { level: 9 }).length };
  }
  const wasm = readFileSync(new URL('node_modules/7z-wasm/7zz.wasm', root));
  const glue = readFileSync(new URL('node_modules/7z-wasm/7zz.umd.js', root));
  out['7z-wasm (7zz.wasm + 7zz.umd.js)'] = {
    raw: wasm.length + glue.length,
    gzip: gzipSync(wasm, { level: 9 }).length + gzipSync(glue, { level: 9 }).length,
  };
  return out;
}

/** 16 MiB of text that LZMA2 compresses about as documents compress (3 to 4:1), deterministic. */
function sixteenMiB() {
  const words = ['Van den Broeck', 'Kerkstraat', 'Geluwe', 'doorverwijzing', 'OCMW', 'Çelik-Yılmaz', 'toestemming', 'Menen', 'Aïssatou', 'bus'];
  let x = 0x9e3779b9;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  const parts = [];
  let n = 0;
  while (n < 16 * 1024 * 1024) {
    const w = `${words[next() % words.length]} ${next() % 1000000}${next() % 7 === 0 ? '\n' : ' '}`;
    parts.push(w);
    n += Buffer.byteLength(w);
  }
  return Buffer.from(parts.join('')).subarray(0, 16 * 1024 * 1024);
}

/** open.html (served from dist/) and 7z-wasm (its UMD script in a blank page) in headless Chromium. */
async function inChromium(dir, cases) {
  const { server: site, url: siteUrl } = await startServer(new URL('dist', root).pathname, 0);
  // 7z-wasm beside the archives, served without a CSP (it fetches its .wasm).
  for (const f of ['7zz.umd.js', '7zz.wasm']) copyFileSync(new URL(`node_modules/7z-wasm/${f}`, root), join(dir, f));
  writeFileSync(join(dir, 'blank.html'), '<!doctype html><title>7z-wasm</title>');
  const { server: mods, url: modsUrl } = await startServer(dir, 0, { csp: false });
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const out = {};
  try {
    for (const [label, file] of Object.entries(cases)) {
      const ours = [];
      const theirs = [];
      for (let i = 0; i < runs; i += 1) {
        const page = await (await b.newContext()).newPage();
        await page.goto(`${siteUrl}open.html`);
        await page.waitForSelector('html[data-ready]', { state: 'attached' });
        await page.setInputFiles('#archive', join(dir, file));
        await page.fill('[name="password"]', PASSWORD);
        const s = Date.now();
        await page.click('#open-submit');
        await page.waitForSelector('#result:not([hidden])', { timeout: 120_000 });
        ours.push(Date.now() - s);
        await page.context().close();
        const p2 = await (await b.newContext()).newPage();
        await p2.goto(`${modsUrl}blank.html`);
        await p2.addScriptTag({ url: `${modsUrl}7zz.umd.js` });
        theirs.push(
          await p2.evaluate(
            async ({ file, pw }) => {
              const bytes = new Uint8Array(await (await fetch(file)).arrayBuffer());
              const sz = await self.SevenZip({ print: () => {}, printErr: () => {} });
              sz.FS.writeFile(`/${file}`, bytes);
              const s = performance.now();
              sz.callMain(['x', '-y', `-p${pw}`, '-o/out', `/${file}`]);
              const t = performance.now() - s;
              if (sz.FS.readdir('/out').length <= 2) throw new Error('7z-wasm extracted nothing');
              return t;
            },
            { file, pw: PASSWORD },
          ),
        );
        await p2.context().close();
      }
      out[label] = { ours: median(ours), theirs: median(theirs) };
    }
  } finally {
    await b.close();
    await new Promise((ok) => site.close(ok));
    await new Promise((ok) => mods.close(ok));
  }
  return out;
}

function time(fn) {
  const t = [];
  for (let i = 0; i < runs; i += 1) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return median(t);
}

const dir = mkdtempSync(join(tmpdir(), 'rs-bench-open-'));
try {
  const sealed = rs.sealReferral(
    {
      client: { givenName: 'Sofie', familyName: 'Van den Broeck' },
      contact: { street: 'Kerkstraat', houseNumber: '12', box: 'B', postalCode: '8940', municipality: 'Geluwe', phone: '0470 12 34 56', email: 'sofie@example.com' },
      consent: { informed: true, agreed: true, date: '2026-11-20' },
      referrer: { team: 'Lokaal team Kind en Gezin Menen', name: 'An Peeters', phone: '050 12 34 56', email: 'an.peeters@example.com' },
    },
    { password: PASSWORD, format: '7z', today: '2026-11-24' },
  );
  writeFileSync(join(dir, 'referral.7z'), sealed.archive);
  writeFileSync(join(dir, 'big.txt'), sixteenMiB());
  const made = spawnSync('7zz', ['a', '-t7z', '-m0=LZMA2', '-mx=5', '-mhe=on', `-p${PASSWORD}`, join(dir, 'big.7z'), 'big.txt'], { cwd: dir });
  if (made.status !== 0) throw new Error(`7zz failed: ${made.stderr}`);

  const cases = { 'referral .7z': 'referral.7z', '16 MiB LZMA2 .7z': 'big.7z' };
  const rows = [];
  for (const [label, file] of Object.entries(cases)) {
    const bytes = readFileSync(join(dir, file));
    const ours = time(() => {
      const r = rs.openArchive(bytes, { password: PASSWORD });
      if (!r.entries.length) throw new Error('nothing opened');
    });
    const theirsRuns = [];
    for (let i = 0; i < runs; i += 1) {
      const sz = await SevenZip({ print: () => {}, printErr: () => {} });
      sz.FS.writeFile(`/${file}`, bytes);
      const s = performance.now();
      sz.callMain(['x', '-y', `-p${PASSWORD}`, '-o/out', `/${file}`]);
      theirsRuns.push(performance.now() - s);
      if (!sz.FS.readdir('/out').some((n) => n !== '.' && n !== '..')) throw new Error('7z-wasm extracted nothing');
    }
    const native = time(() => {
      const r = spawnSync('7zz', ['t', `-p${PASSWORD}`, join(dir, file)]);
      if (r.status !== 0) throw new Error('7zz test failed');
    });
    rows.push({ label, bytes: bytes.length, ours, theirs: median(theirsRuns), native });
  }
  const browser = process.argv.includes('--no-browser') ? null : await inChromium(dir, cases);
  console.log('open.html weight (gzip -9):');
  for (const [name, w] of Object.entries(weights())) console.log(`  ${name}: ${kib(w.raw)} raw, ${kib(w.gzip)} gzipped`);
  console.log(`open times in Node ${process.version}, median of ${runs} (native 7zz: "7zz t", process start included):`);
  for (const r of rows) {
    console.log(
      `  ${r.label} (${kib(r.bytes)}): openArchive ${r.ours.toFixed(1)} ms, 7z-wasm ${r.theirs.toFixed(1)} ms (ratio ${(r.ours / r.theirs).toFixed(2)}), native 7zz ${r.native.toFixed(1)} ms (ratio ${(r.ours / r.native).toFixed(2)})`,
    );
  }
  if (browser) {
    console.log(`open times in Chromium, median of ${runs} (open.html: click to result on screen; 7z-wasm: callMain x in the page):`);
    for (const r of rows) {
      const b = browser[r.label];
      console.log(
        `  ${r.label}: open.html ${b.ours.toFixed(1)} ms, 7z-wasm ${b.theirs.toFixed(1)} ms (ratio ${(b.ours / b.theirs).toFixed(2)}), native 7zz ${r.native.toFixed(1)} ms (ratio ${(b.ours / r.native).toFixed(2)})`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
