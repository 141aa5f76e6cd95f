// The Chromium half of the benchmark: the workloads of bench/workloads.mjs
// with pkg/ and zip.js in this page, and the seal latency of the page's own
// engine (target/page-pkg/, built for size without sealFiles). Served from
// the repository root by bench/run.mjs; the configuration comes from the
// query string (`?smoke=1`), the result is left in `window.__bench`.
import init, * as rs from '../pkg/referral_seal.js';
import initEngine, * as engine from '../target/page-pkg/referral_seal.js';
import * as zipjs from '../node_modules/@zip.js/zip.js/index.js';
import * as W from './workloads.mjs';

async function run() {
  const smoke = new URLSearchParams(location.search).has('smoke');
  const cfg = smoke ? W.SMOKE : W.FULL;
  await init({ module_or_path: new URL('../pkg/referral_seal_bg.wasm', import.meta.url) });
  zipjs.configure({ useWebWorkers: false });
  const log = (m) => console.log(`[bench:chromium] ${m}`);
  const result = { runtime: navigator.userAgent.match(/Chrom(e|ium)\/[\d.]+/)?.[0] ?? navigator.userAgent };
  result.latency = await W.latency(rs, zipjs, cfg, log);
  await initEngine({ module_or_path: new URL('../target/page-pkg/referral_seal_bg.wasm', import.meta.url) });
  result.pageEngineLatency = await W.latency(engine, zipjs, cfg, log);
  result.throughput = await W.throughput(rs, zipjs, cfg, log);
  result.growth = await W.growth(rs, cfg, log);
  return result;
}

run().then(
  (r) => { window.__bench = r; },
  (e) => { window.__bench = { error: String(e?.stack ?? e) }; },
);
