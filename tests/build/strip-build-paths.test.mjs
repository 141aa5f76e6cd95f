// scripts/build/strip-build-paths.mjs: the build path leaves every script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import webpack from 'webpack';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StripBuildPaths } from '../../scripts/build/strip-build-paths.mjs';

test('every occurrence of the literal is replaced, other strings are not', () => {
  const p = new StripBuildPaths(['file:///home/me/repo/glue.js']);
  const src = 'a("file:///home/me/repo/glue.js");b("file:///home/me/repo/glue.js");c("file:///home/me/repo/other.js")';
  assert.equal(p.strip(src), 'a(self.location.href);b(self.location.href);c("file:///home/me/repo/other.js")');
});

test('in a webpack build, no emitted script names the build path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'strip-'));
  try {
    const glue = join(dir, 'glue.js');
    writeFileSync(glue, 'export const where = new URL("glue_bg.wasm", import.meta.url);\n');
    writeFileSync(join(dir, 'main.js'), 'import { where } from "./glue.js";\nconsole.log(String(where));\n');
    const build = (plugins) =>
      new Promise((done, fail) =>
        webpack(
          {
            mode: 'production', context: dir, entry: './main.js', devtool: false,
            output: { path: join(dir, 'out'), filename: 'main.js' },
            module: { rules: [{ test: glue, parser: { url: false } }] },
            plugins,
          },
          (err, stats) => (err || stats.hasErrors() ? fail(err ?? new Error(stats.toString())) : done(readFileSync(join(dir, 'out/main.js'), 'utf8'))),
        ),
      );
    const href = pathToFileURL(glue).href;
    assert.ok((await build([])).includes(href), 'without the plugin, webpack writes the path (the test can fail)');
    const out = await build([new StripBuildPaths([href])]);
    assert.ok(!out.includes(dir), out);
    assert.ok(out.includes('self.location.href'));
  } finally {
    rmSync(dir, { recursive: true });
  }
});
