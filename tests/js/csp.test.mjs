// The Content-Security-Policy that hosts are told to send (README) is the one
// the test server sends, and the pages' own policies are at least as strict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CSP, CSP_HEADER, cspWithInlineStyle } from '../../scripts/csp.mjs';

const directives = (policy) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

test("the README's header is the one scripts/serve.mjs sends", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const line = /^\* `Content-Security-Policy: ([^`]+)`/m.exec(readme);
  assert.ok(line, 'the README names the header');
  assert.equal(line[1], CSP_HEADER);
});

test('the pages pin their styles more tightly than the header; everything else is the same', () => {
  const header = directives(CSP_HEADER);
  const css = 'referral-seal { display: block; }\n';
  const page = directives(cspWithInlineStyle(css));
  const plain = directives(CSP);
  assert.deepEqual(header.get('style-src'), ["'self'", "'unsafe-inline'"]);
  assert.deepEqual(plain.get('style-src'), ["'self'"]);
  // sha256 of the text, as `printf '%s' "$css" | openssl dgst -sha256 -binary | base64` gives it.
  assert.deepEqual(page.get('style-src'), ["'self'", "'sha256-+oY5NcUjWAyabMSeVu4e9S7AuhcvkrgJxAR0t9hneuY='"]);
  for (const policy of [page, plain]) {
    assert.ok(!policy.has('frame-ancestors'), 'frame-ancestors works only as a header');
    for (const [name, values] of policy) if (name !== 'style-src') assert.deepEqual(values, header.get(name), name);
  }
  assert.deepEqual(header.get('connect-src'), ["'none'"]);
  assert.deepEqual(header.get('default-src'), ["'none'"]);
});
