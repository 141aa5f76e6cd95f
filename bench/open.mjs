// make bench, the opener's part: open.html's weight against 7z-wasm's
// (npm, pinned in package.json), and the time to open one referral .7z
// (its 2^19-round key derivation) and a 16 MiB LZMA2 .7z in Node: pkg/'s
// openArchive against 7z-wasm extracting the same archive in the same
// process (a ratio), and against native 7zz on this machine.
//
//   node bench/open.mjs [--runs N]      (needs pkg/ and dist/open.html)
import { readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SevenZip from '7z-wasm';

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

/** A 16 MiB text that LZMA2 compresses as real documents compress (about 4:1), deterministic. */
function sixteenMiB() {
  const words = ['Van den Broeck', 'Kerkstraat', 'Geluwe', 'doorverwijzing', 'OCMW', 'Çelik-Yılmaz', 'toestemming', '8940', 'Menen', 'Aïssatou'];
  let x = 12345;
  const parts = [];
  let n = 0;
  while (n < 16 * 1024 * 1024) {
    x = (x * 1103515245 + 12345) >>> 0;
    const w = `${words[x % words.length]} ${(x >>> 8) % 100000} `;
    parts.push(w);
    n += Buffer.byteLength(w);
  }
  return Buffer.from(parts.join('')).subarray(0, 16 * 1024 * 1024);
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

  const sz = await SevenZip({ print: () => {}, printErr: () => {} });
  const cases = { 'referral .7z': 'referral.7z', '16 MiB LZMA2 .7z': 'big.7z' };
  const rows = [];
  for (const [label, file] of Object.entries(cases)) {
    const bytes = readFileSync(join(dir, file));
    const ours = time(() => {
      const r = rs.openArchive(bytes, { password: PASSWORD });
      if (!r.entries.length) throw new Error('nothing opened');
    });
    sz.FS.writeFile(`/${file}`, bytes);
    const theirs = time(() => {
      const code = sz.callMain(['x', '-y', `-p${PASSWORD}`, `-o/out`, `/${file}`]);
      if (code !== 0 && code !== undefined) throw new Error(`7z-wasm exit ${code}`);
    });
    const native = time(() => {
      const r = spawnSync('7zz', ['t', `-p${PASSWORD}`, join(dir, file)]);
      if (r.status !== 0) throw new Error('7zz test failed');
    });
    rows.push({ label, bytes: bytes.length, ours, theirs, native });
  }
  console.log('open.html weight (gzip -9):');
  for (const [name, w] of Object.entries(weights())) console.log(`  ${name}: ${kib(w.raw)} raw, ${kib(w.gzip)} gzipped`);
  console.log(`open times in Node ${process.version}, median of ${runs} (native 7zz: "7zz t", process start included):`);
  for (const r of rows) {
    console.log(
      `  ${r.label} (${kib(r.bytes)}): openArchive ${r.ours.toFixed(1)} ms, 7z-wasm ${r.theirs.toFixed(1)} ms (ratio ${(r.ours / r.theirs).toFixed(2)}), native 7zz ${r.native.toFixed(1)} ms (ratio ${(r.ours / r.native).toFixed(2)})`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
