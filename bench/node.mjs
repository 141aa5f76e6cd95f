// The Node half of the benchmark: seal latency, sealFiles throughput and
// cost growth (bench/workloads.mjs) with pkg/ and zip.js in this process,
// native 7-Zip (`7zz`) on the same bytes, and the Wasm memory one large seal
// needs (in a fresh process each, since Wasm memory never shrinks).
//
//   node bench/node.mjs [--smoke]          prints JSON on stdout
//   node bench/node.mjs --memory zip|7z    (internal) one 64 MiB seal
import { readFileSync, writeFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as rs from '../pkg/referral_seal.js';
import * as W from './workloads.mjs';

const wasmBytes = readFileSync(new URL('../pkg/referral_seal_bg.wasm', import.meta.url));
const log = (m) => process.stderr.write(`[bench:node] ${m}\n`);

/** Peak Wasm memory of one 64 MiB sealFiles call in a fresh instance. */
function memoryRun(format) {
  const exports = rs.initSync({ module: wasmBytes });
  const mem = exports.memory;
  const before = mem.buffer.byteLength;
  const data = W.randomBytes(64 * W.MiB);
  rs.sealFiles([{ name: 'data.bin', bytes: data }], {
    password: W.PASSWORD, format, compression: 'stored', today: W.TODAY,
  });
  const after = mem.buffer.byteLength;
  return { inputBytes: data.length, wasmBytesBefore: before, wasmBytesAfter: after };
}

/** Native 7-Zip on the same inputs, single-threaded, as ratios to ours. */
function native(cfg, throughput) {
  const have = spawnSync('7zz', ['i'], { stdio: 'ignore' }).status === 0;
  if (!have) return { skipped: '7zz not found' };
  const dir = mkdtempSync(join(tmpdir(), 'rs-bench-'));
  const out = {};
  try {
    const n = cfg.throughputBytes;
    for (const kind of ['random', 'text']) {
      const input = join(dir, `${kind}.bin`);
      writeFileSync(input, kind === 'random' ? W.randomBytes(n) : W.textBytes(n));
      for (const compression of ['stored', 'compressed']) {
        const key = `${kind}/${compression}`;
        log(`7zz ${key}`);
        const level = compression === 'stored' ? '-mx=0' : '-mx=1';
        const variants = {
          zip: ['-tzip', '-mem=AES256'],
          '7z': ['-t7z', '-mhe=on'],
        };
        out[key] = {};
        for (const [format, args] of Object.entries(variants)) {
          const archive = join(dir, `out.${format}`);
          const times = [];
          let size = 0;
          for (let r = 0; r < cfg.throughputRuns; r++) {
            rmSync(archive, { force: true });
            const t0 = performance.now();
            const p = spawnSync('7zz', ['a', '-bd', '-bso0', '-mmt=1', level, ...args, `-p${W.PASSWORD}`, archive, input]);
            times.push(performance.now() - t0);
            if (p.status !== 0) throw new Error(`7zz failed: ${p.stderr}`);
            size = statSync(archive).size;
          }
          const ms = W.median(times);
          const ours = throughput[key][format];
          out[key][format] = {
            ms: Number(ms.toPrecision(4)),
            mbps: Number((n / W.MiB / (ms / 1000)).toPrecision(3)),
            size,
            oursVs7zz: Number((ms / ours.ms).toPrecision(3)),
          };
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--memory') {
    process.stdout.write(JSON.stringify(memoryRun(args[1])));
    return;
  }
  const smoke = args.includes('--smoke');
  const cfg = smoke ? W.SMOKE : W.FULL;
  rs.initSync({ module: wasmBytes });
  const zipjs = await import('@zip.js/zip.js');
  zipjs.configure({ useWebWorkers: false });

  const result = { runtime: `node ${process.version}` };
  result.latency = await W.latency(rs, zipjs, cfg, log);
  result.throughput = await W.throughput(rs, zipjs, cfg, log);
  result.native7zz = native(cfg, result.throughput);
  result.growth = await W.growth(rs, cfg, log);
  if (!smoke) {
    result.memory = {};
    for (const format of ['zip', '7z']) {
      log(`memory ${format}`);
      const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--memory', format], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(`memory run failed: ${p.stderr}`);
      const m = JSON.parse(p.stdout);
      m.wasmGrowthPerInputByte = Number(((m.wasmBytesAfter - m.wasmBytesBefore) / m.inputBytes).toPrecision(3));
      result.memory[format] = m;
    }
  }
  process.stdout.write(JSON.stringify(result));
}

await main();
