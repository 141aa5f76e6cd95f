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

/**
 * The package's own registry (data/protocols.json, the real protocols), as
 * the module starts with it: only for the tests whose subject is the shipped
 * data, which say so.
 */
export const BUILTIN_REGISTRY = rs.getRegistry();

/**
 * The test registry (tests/fixtures/registry.json, as JSON text): invented
 * OCMWs for 8940 Wervik and 8820 Torhout with reserved e-mail domains
 * (RFC 2606/6761), not the real mailboxes and officers of
 * data/protocols.json. Every test file that imports this module runs on it;
 * expected mailboxes, OCMW names and teams come from TEST_PROTOCOLS.
 */
export const TEST_REGISTRY = readFileSync(new URL('../fixtures/registry.json', import.meta.url), 'utf8');
/** The test registry's protocols: [0] Wervik (one team), [1] Torhout (two teams). */
export const TEST_PROTOCOLS = JSON.parse(TEST_REGISTRY).protocols;
rs.setRegistry(TEST_REGISTRY);

/** An invented client living in Geluwe (the test registry's Wervik protocol). */
export function sofie(overrides = {}) {
  return {
    client: { givenName: 'Sofie', familyName: 'Van den Broeck' },
    contact: {
      street: 'Kerkstraat', houseNumber: '12', box: 'B', postalCode: '8940',
      municipality: 'Geluwe', phone: '0470 12 34 56', email: 'sofie@example.com',
    },
    consent: { informed: true, agreed: true, date: '2026-11-20' },
    referrer: {
      team: TEST_PROTOCOLS[0].referringTeams[0], name: 'An Peeters',
      phone: '050 12 34 56', email: 'an.peeters@example.com',
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
