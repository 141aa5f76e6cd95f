// The benchmark workloads, shared by Node (bench/node.mjs) and Chromium
// (bench/browser.mjs): the same inputs, the same calls and the same timing in
// both runtimes. No Node or DOM APIs here, only what both runtimes have.
//
// Every figure is the median of several runs. Wherever we compare with
// zip.js, both run in the same runtime, alternately, on the same bytes.

export const KiB = 1024;
export const MiB = 1024 * 1024;

export const TODAY = '2026-11-24';
/** The password of the sealFiles workloads (their key derivation is amortised). */
export const PASSWORD = 'kotu-mepa-ribe-noza-veki-suta';

/** The invented client of the contract tests (Geluwe, OCMW Wervik). */
export function sofie() {
  return {
    client: { givenName: 'Sofie', familyName: 'Van den Broeck' },
    contact: {
      street: 'Kerkstraat', houseNumber: '12', box: 'B', postalCode: '8940',
      municipality: 'Geluwe', phone: '0470 12 34 56', email: 'sofie@example.com',
    },
    consent: { informed: true, agreed: true, date: '2026-11-20' },
    referrer: {
      team: 'Lokaal team Kind en Gezin Menen', name: 'An Peeters',
      phone: '050 12 34 56', email: 'an.peeters@example.com',
    },
  };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const round = (x, digits = 3) => Number(x.toPrecision(digits));

/**
 * Times `fns` (an object of named functions, sync or async) side by side:
 * `warmup` untimed rounds, then `runs` rounds in which each function runs
 * once, in turn. Returns { name: { ms, runs: [...] } } with ms the median.
 */
export async function sideBySide(fns, { runs, warmup = 1 }) {
  const names = Object.keys(fns);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < warmup + runs; r++) {
    for (const n of names) {
      const t0 = performance.now();
      await fns[n]();
      const dt = performance.now() - t0;
      if (r >= warmup) times[n].push(dt);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { ms: round(median(times[n]), 4), runs: times[n].map((t) => round(t, 4)) }]));
}

/** Seeded xorshift128 bytes: the same "random" input in every runtime. */
export function randomBytes(n, seed = 0x9e3779b9) {
  const out = new Uint8Array(n);
  const words = new Uint32Array(out.buffer, 0, n >> 2);
  let x = seed >>> 0 || 1, y = 362436069, z = 521288629, w = 88675123;
  for (let i = 0; i < words.length; i++) {
    const t = x ^ (x << 11);
    x = y; y = z; z = w;
    w = (w ^ (w >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    words[i] = w;
  }
  for (let i = words.length * 4; i < n; i++) out[i] = (i * 2654435761) >>> 24;
  return out;
}

const WORDS = (
  'de het een en van in op te met voor dat is niet aan er zijn bij ook als maar om door naar ' +
  'over dan nog wel tot uit kan moet wordt werd heeft hebben was gezin kind moeder vader ' +
  'cliënt ocmw team verwijzing afspraak gesprek huisbezoek contact adres telefoon straat ' +
  'gemeente Wervik Geluwe Torhout Menen Kortrijksesteenweg Kerkstraat maatschappelijk werker ' +
  'toestemming informatie ondersteuning begeleiding opvolging huisvesting inkomen schulden ' +
  'budget consultatiebureau verpleegkundige vroedvrouw zwangerschap baby peuter kinderopvang ' +
  'school week maand dag maandag dinsdag woensdag donderdag vrijdag ochtend namiddag ' +
  'dringend belangrijk samen verder nieuw eerste tweede laatste goed graag volgende vorige'
).split(' ');

/** Seeded Dutch-like prose in lines of about 70 characters (deflates about 3×). */
export function textBytes(n, seed = 42) {
  const enc = new TextEncoder();
  const words = WORDS.map((w) => enc.encode(w));
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  let i = 0, col = 0;
  while (i < n) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    const w = words[s % words.length];
    for (let k = 0; k < w.length && i < n; k++) out[i++] = w[k];
    col += w.length + 1;
    if (i < n) out[i++] = col > 70 ? 10 : 32;
    if (col > 70) col = 0;
  }
  return out;
}

// ------------------------------------------------------------- zip.js --

/** zip.js: an AES-256 (WinZip AE-2) zip of `files`, stored or compressed. */
export async function zipjsSeal(zipjs, files, { compressed, password = PASSWORD }) {
  const writer = new zipjs.ZipWriter(new zipjs.Uint8ArrayWriter(), {
    password,
    encryptionStrength: 3,
    useWebWorkers: false,
    ...(compressed ? {} : { level: 0 }),
  });
  for (const f of files) await writer.add(f.name, new zipjs.Uint8ArrayReader(f.bytes));
  return writer.close();
}

/** zip.js: every entry of a password-protected zip, as [{ name, bytes }]. */
export async function zipjsOpen(zipjs, archive, password = PASSWORD) {
  const reader = new zipjs.ZipReader(new zipjs.Uint8ArrayReader(archive), { password, useWebWorkers: false });
  const out = [];
  for (const e of await reader.getEntries()) {
    out.push({ name: e.filename, bytes: await e.getData(new zipjs.Uint8ArrayWriter()) });
  }
  await reader.close();
  return out;
}

// ------------------------------------------------------------- suites --

export const FULL = {
  latencyRuns: { '7z': 9, zip: 41 },
  throughputBytes: 32 * MiB,
  throughputRuns: 3,
  growthSizes: [KiB, MiB, 16 * MiB, 64 * MiB],
  growthRuns: { [KiB]: 9, [MiB]: 5, [16 * MiB]: 3, [64 * MiB]: 3 },
};

export const SMOKE = {
  latencyRuns: { '7z': 1, zip: 3 },
  throughputBytes: 256 * KiB,
  throughputRuns: 1,
  growthSizes: [KiB, 64 * KiB],
  growthRuns: { [KiB]: 1, [64 * KiB]: 1 },
};

const mbps = (bytes, ms) => round(bytes / MiB / (ms / 1000));

/**
 * Seal latency of one referral, ours (.7z and .zip, the whole sealReferral
 * call: validation, rendering, encryption, self-check, .eml) against zip.js
 * sealing the same three documents, stored, as our referral path does.
 * The password is what the page uses: a passphrase from generatePassphrase()
 * with the default shape. (The .7z key derivation hashes the password 2^19
 * times, so its cost grows with the password's length: about 4 ms per
 * character here.)
 */
export async function latency(rs, zipjs, cfg, log = () => {}) {
  const password = rs.generatePassphrase().passphrase;
  // The exact documents of the archive: seal a .zip and read it back with zip.js.
  const probe = rs.sealReferral(sofie(), { password, format: 'zip', today: TODAY });
  const files = await zipjsOpen(zipjs, probe.archive, password);
  const out = {
    password: { from: 'generatePassphrase()', characters: password.length },
    documents: files.map((f) => ({ name: f.name, bytes: f.bytes.length })),
  };
  for (const format of ['zip', '7z']) {
    log(`latency ${format}`);
    const r = await sideBySide({
      ours: () => rs.sealReferral(sofie(), { password, format, today: TODAY }),
      ...(format === 'zip' ? { zipjs: () => zipjsSeal(zipjs, files, { compressed: false, password }) } : {}),
    }, { runs: cfg.latencyRuns[format], warmup: 1 });
    out[format] = { ms: r.ours.ms, runs: r.ours.runs };
    if (r.zipjs) {
      out[format].zipjsMs = r.zipjs.ms;
      out[format].vsZipjs = round(r.zipjs.ms / r.ours.ms);
    }
  }
  return out;
}

/**
 * sealFiles throughput on random and text input, stored and compressed,
 * .zip and .7z, against zip.js in the same runtime (zip only: it writes no
 * .7z). `ratio` > 1 means we are faster.
 */
export async function throughput(rs, zipjs, cfg, log = () => {}) {
  const n = cfg.throughputBytes;
  const inputs = { random: randomBytes(n), text: textBytes(n) };
  const small = { random: randomBytes(MiB, 7), text: textBytes(MiB, 7) };
  const out = { bytes: n };
  for (const kind of ['random', 'text']) {
    for (const compression of ['stored', 'compressed']) {
      const key = `${kind}/${compression}`;
      log(`throughput ${key}`);
      // Warm every path up (JIT tiers, Wasm memory growth) on 1 MiB first.
      const files = (data) => [{ name: `${kind}.bin`, bytes: data }];
      const compressed = compression === 'compressed';
      const ours = (format, data) => rs.sealFiles(files(data), { password: PASSWORD, format, compression, today: TODAY });
      let sizes = {};
      const fns = (data) => ({
        zip: () => { sizes.zip = ours('zip', data).length; },
        '7z': () => { sizes['7z'] = ours('7z', data).length; },
        zipjs: async () => { sizes.zipjs = (await zipjsSeal(zipjs, files(data), { compressed })).length; },
      });
      await sideBySide(fns(small[kind]), { runs: 1, warmup: 0 });
      sizes = {};
      const r = await sideBySide(fns(inputs[kind]), { runs: cfg.throughputRuns, warmup: 0 });
      out[key] = {
        zip: { ms: r.zip.ms, mbps: mbps(n, r.zip.ms), size: sizes.zip },
        '7z': { ms: r['7z'].ms, mbps: mbps(n, r['7z'].ms), size: sizes['7z'] },
        zipjs: { ms: r.zipjs.ms, mbps: mbps(n, r.zipjs.ms), size: sizes.zipjs },
        zipVsZipjs: round(r.zipjs.ms / r.zip.ms),
        sevenzVsZipjs: round(r.zipjs.ms / r['7z'].ms),
      };
    }
  }
  return out;
}

/** Seal time for growing inputs (random, stored): worse than linear shows. */
export async function growth(rs, cfg, log = () => {}) {
  const out = {};
  for (const format of ['zip', '7z']) {
    out[format] = [];
    for (const size of cfg.growthSizes) {
      log(`growth ${format} ${size}`);
      const data = randomBytes(size, size);
      const files = [{ name: 'data.bin', bytes: data }];
      const r = await sideBySide({
        seal: () => rs.sealFiles(files, { password: PASSWORD, format, compression: 'stored', today: TODAY }),
      }, { runs: cfg.growthRuns[size], warmup: size <= MiB ? 1 : 0 });
      out[format].push({ bytes: size, ms: r.seal.ms, mbps: mbps(size, r.seal.ms) });
    }
    // Time per byte of the largest input over that of the one before it:
    // 1.0 is linear, above 1 grows faster than the input.
    const [a, b] = out[format].slice(-2);
    out[format + 'Superlinearity'] = round((b.ms / b.bytes) / (a.ms / a.bytes));
  }
  return out;
}
