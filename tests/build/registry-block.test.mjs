// scripts/build/registry-block.mjs: the registry as an HTML data block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { escapeForScript, registryBlock, registryText } from '../../scripts/build/registry-block.mjs';

const hostile = {
  schema: 'referral-seal/protocols/v1',
  protocols: [{ id: 'x', notes: '</script><script>alert(1)</script> <!-- & \u2028\u2029 </SCRIPT >' }],
};

test('a value cannot close the <script> element or open a comment', () => {
  const text = registryText(hostile);
  assert.ok(!/<\/script/i.test(text), 'no </script');
  assert.ok(!text.includes('<!--'), 'no <!--');
  assert.ok(!/[<>&\u2028\u2029]/.test(text), 'no raw < > & U+2028 U+2029');
  // As a browser's HTML parser sees it: one data block, its text the whole registry.
  const { document } = parseHTML(
    `<!doctype html><html><head><script type="application/json" id="r">${text}</script></head><body><p id="after"></p></body></html>`,
  );
  const blocks = document.querySelectorAll('script');
  assert.equal(blocks.length, 1);
  assert.deepEqual(JSON.parse(blocks[0].textContent), hostile);
});

test('the escapes read back as the characters', () => {
  const s = '<a href="x">&amp;</a>\u2028\u2029';
  assert.equal(JSON.parse(escapeForScript(JSON.stringify(s))), s);
});

test('a file that is not a v1 or v2 registry, or no file, is refused naming the path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'registry-'));
  try {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ schema: 'other', protocols: [] }));
    assert.throws(() => registryBlock(bad), (e) => e.message.includes(bad) && e.message.includes('not a referral-seal/protocols/v1'));
    assert.throws(() => registryBlock(join(dir, 'missing.json')), /protocol registry not found/);
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(hostile));
    assert.deepEqual(JSON.parse(registryBlock(good)), hostile);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
