// Shared helpers for the JavaScript contract tests: load the Wasm package
// synchronously and open archives with real 7-Zip.
//
// The package is pkg/; with RS_ENGINE=page it is the page's own engine,
// target/page-pkg/ (the same core without sealFiles, built for size), which
// a test file selects before it imports this module (memory-page.test.mjs).
import { readFileSync, mkdtempSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = new URL(process.env.RS_ENGINE === 'page' ? '../../target/page-pkg/' : '../../pkg/', import.meta.url);
const rs = await import(new URL('referral_seal.js', dir).href);
/** The Wasm binary the tests run. */
export const wasmUrl = new URL('referral_seal_bg.wasm', dir);
rs.initSync({ module: readFileSync(wasmUrl) });
export { rs };

/** An invented client living in Geluwe (OCMW Wervik). */
export function sofie(overrides = {}) {
  return {
    client: { givenName: 'Sofie', familyName: 'Van den Broeck' },
    contact: {
      street: 'Kerkstraat', houseNumber: '12', box: 'B', postalCode: '8940',
      municipality: 'Geluwe', phone: '0470 12 34 56', email: 'sofie@example.be',
    },
    consent: { informed: true, agreed: true, date: '2026-11-20' },
    referrer: {
      team: 'Lokaal team Kind en Gezin Menen', name: 'An Peeters',
      phone: '050 12 34 56', email: 'an.peeters@example.be',
    },
    ...overrides,
  };
}

export const TODAY = '2026-11-24';
export const PASSWORD = 'kotu-mepa-ribe-noza-veki-suta';

/** Extracts an archive with real 7-Zip (`7zz`); returns { status, files, out }. */
export function open7zz(bytes, name, password) {
  const dir = mkdtempSync(join(tmpdir(), 'rs-js-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const out = join(dir, 'out');
    const r = spawnSync('7zz', ['x', '-y', `-p${password}`, `-o${out}`, path], { encoding: 'utf8' });
    const files = {};
    if (r.status === 0) {
      for (const f of readdirSync(out)) files[f] = readFileSync(join(out, f));
    }
    return { status: r.status, files, out: r.stdout + r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
