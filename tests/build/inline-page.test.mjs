// scripts/build/inline-page.mjs and openPageCsp: a one-file page whose
// inline script and stylesheet are exactly what its CSP pins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseHTML } from 'linkedom';
import { buildHash, fillTemplate, inlineScript } from '../../scripts/build/inline-page.mjs';
import { openPageCsp } from '../../scripts/csp.mjs';

test('the worker source rides in a string the page script can use, and cannot end the <script>', () => {
  const worker = 'self.onmessage = () => postMessage("</script><!-- \u2028 & done");';
  const script = inlineScript('console.log(__OPEN_WORKER_SOURCE__.length);', worker);
  assert.ok(!/<\/script|<!--/i.test(script));
  const { document } = parseHTML(`<!doctype html><html><body><script>${script}</script><p id="after"></p></body></html>`);
  assert.equal(document.querySelectorAll('script').length, 1);
  // The string constant evaluates back to the worker's exact source.
  const value = new Function(`${document.querySelector('script').textContent.split('\n')[0]}; return __OPEN_WORKER_SOURCE__;`)();
  assert.equal(value, worker);
});

test('a page script that would end the element is refused', () => {
  assert.throws(() => inlineScript('x = "</script>"', ''), /cannot be inlined/);
  assert.throws(() => inlineScript('x = "<!--"', ''), /cannot be inlined/);
});

test('placeholders are filled once; a missing value is an error', () => {
  assert.equal(fillTemplate('<p>{{a}} {{b}}</p>', { a: '{{b}}', b: 'x' }), '<p>{{b}} x</p>');
  assert.throws(() => fillTemplate('{{nope}}', {}), /placeholder without a value: \{\{nope\}\}/);
});

test("the page's CSP pins exactly its script and stylesheet, a blob: worker, and no connections", () => {
  const script = 'console.log(1)';
  const css = 'body{color:#333}';
  const sha = (t) => `'sha256-${createHash('sha256').update(t).digest('base64')}'`;
  const csp = new Map(openPageCsp(script, css).split('; ').map((d) => { const [k, ...v] = d.split(' '); return [k, v]; }));
  assert.deepEqual(csp.get('script-src'), [sha(script), "'wasm-unsafe-eval'"]);
  assert.deepEqual(csp.get('style-src'), [sha(css)]);
  assert.deepEqual(csp.get('worker-src'), ['blob:']);
  assert.deepEqual(csp.get('connect-src'), ["'none'"]);
  assert.deepEqual(csp.get('default-src'), ["'none'"]);
  assert.match(buildHash(script, css), /^[0-9a-f]{12}$/);
  assert.notEqual(buildHash(script, css), buildHash(script, `${css} `));
});
