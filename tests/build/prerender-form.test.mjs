// scripts/build/prerender-form.mjs: the form's markup as the script builds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { formBuild, prerenderedForm } from '../../scripts/build/prerender-form.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const sources = ['www/js/form.js', 'www/js/dom.js'].map((f) => resolve(root, f));

test('the real form: marked pre-rendered with its build hash, every referral control named', async () => {
  const html = await prerenderedForm(sources);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const shell = document.body.firstElementChild;
  assert.ok(shell.hasAttribute('data-prerendered'));
  assert.equal(shell.getAttribute('data-form'), formBuild(sources));
  for (const name of ['client.givenName', 'client.familyName', 'contact.postalCode', 'consent.agreed']) {
    assert.ok(document.querySelector(`[name="${name}"]`), name);
  }
  assert.equal(globalThis.document, undefined, 'the globals are put back');
});

test('the build hash follows the sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'form-'));
  try {
    const a = join(dir, 'a.js');
    writeFileSync(a, 'one');
    const h1 = formBuild([a]);
    writeFileSync(a, 'two');
    assert.notEqual(formBuild([a]), h1);
    assert.match(h1, /^[0-9a-f]{12}$/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
