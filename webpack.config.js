// Builds the static site in dist/ from www/ and the page's own Wasm engine in
// target/page-pkg/ (scripts/build-pkg.sh: the core without sealFiles, built
// for size).
//
//   npx webpack --mode production      (make dist)
//
// * One script for the page (referral-seal.js: the <referral-seal> element
//   and mount()), one for the Web Worker that runs the Wasm core, one
//   stylesheet. The Wasm bytes are inlined into the worker script, packed
//   with LZMA (the `xz` command, Debian package xz-utils) and unpacked by
//   www/js/lzma.js, so the page never fetches the .wasm and the CSP can keep
//   connect-src 'none'.
// * The protocol registry (data/protocols.json, or the file named by the
//   REFERRAL_SEAL_REGISTRY environment variable) is written into each HTML
//   page as a <script type="application/json" id="referral-seal-registry">
//   data block that maintainers can also edit in dist/ without a rebuild.
// * index.html carries the form's markup, pre-rendered from www/js/form.js,
//   so that it is on screen and takes input before the script has run.
// * No inline script anywhere; the CSP is a <meta> in each page. index.html
//   carries the stylesheet inline, so that its first paint does not wait for
//   a second request, and its CSP allows exactly that text (by SHA-256); the
//   file stays for the element in intranet pages (and as a fallback).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import webpack from 'webpack';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import { CSP, cspWithInlineStyle } from './scripts/csp.mjs';
import { lzmaDecode } from './www/js/lzma.js';

const root = dirname(fileURLToPath(import.meta.url));
const registryPath = resolve(root, process.env.REFERRAL_SEAL_REGISTRY ?? 'data/protocols.json');
const pkgGlue = resolve(root, 'target/page-pkg/referral_seal.js');
const pkgWasm = resolve(root, 'target/page-pkg/referral_seal_bg.wasm');
const cssSource = resolve(root, 'www/css/referral-seal.css');
/** The stylesheet's content-hashed name, known to the pages and to the script. */
const cssFile = () =>
  `referral-seal.${createHash('sha256').update(readFileSync(cssSource)).digest('hex').slice(0, 12)}.css`;


/**
 * The Wasm binary as a JavaScript string: base64 of its `.lzma` stream,
 * which the worker unpacks with www/js/lzma.js (1.2 KB gzipped; 20 to 60 ms
 * for the 396 KB binary in Chromium, the first call being the slowest).
 * The server's gzip cannot shrink base64 of LZMA further, but it does not
 * need to: gzipped, the base64 is within 1 % of the 126 KB stream. Zopfli's
 * Deflate stream, which the browser inflated natively (DecompressionStream)
 * while compiling, took 149 KB: the worker script was 22 KB larger gzipped.
 *
 * xz options, measured on that binary (bytes of .lzma): preset 9e, which is
 * lc=3, lp=0, pb=2, nice=273, mf=bt4: 126,689; pb=0: 126,226; lc=4 and
 * pb=0: 126,169. Wasm code has no 2- or 4-byte alignment for pb to use, and
 * with lc=4 the literal coder sees more of the previous byte. Other nice,
 * depth and mf settings moved the size by under 60 bytes either way. The
 * dictionary is the binary's size: a larger one changes nothing but the
 * header. `xz` writes "size unknown" and an end marker; the size is
 * patched into the header, and the decoder accepts the marker after it.
 */
function packWasm(bytes) {
  const options = `preset=9e,lc=4,lp=0,pb=0,dict=${Math.max(bytes.length, 4096)}`;
  const xz = spawnSync('xz', ['--format=lzma', `--lzma1=${options}`, '--stdout'], {
    input: bytes,
    maxBuffer: 2 * bytes.length + 4096,
  });
  if (xz.error?.code === 'ENOENT') {
    throw new Error('`xz` not found: install the Debian package xz-utils (scripts/setup.sh build)');
  }
  if (xz.error || xz.status !== 0) {
    throw new Error(`xz failed: ${xz.error?.message ?? xz.stderr.toString().trim()}`);
  }
  const packed = xz.stdout;
  if (packed.length < 13 || !packed.subarray(5, 13).equals(Buffer.alloc(8, 0xff))) {
    throw new Error('xz wrote no .lzma header with an unknown size');
  }
  packed.writeBigUInt64LE(BigInt(bytes.length), 5);
  if (!Buffer.from(lzmaDecode(packed)).equals(bytes)) {
    throw new Error('www/js/lzma.js does not unpack the packed Wasm binary to the original');
  }
  return packed.toString('base64');
}

/**
 * The stylesheet without its comments and the blank lines they leave: 650
 * of its 3,700 gzipped bytes. Comments inside strings are kept (none today).
 */
function stripCssComments(css) {
  let out = '';
  for (let i = 0; i < css.length; i += 1) {
    const c = css[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      out += css.slice(i, j + 1);
      i = j;
    } else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      if (end < 0) throw new Error('referral-seal.css: unterminated comment');
      i = end + 1;
    } else {
      out += c;
    }
  }
  return out.replace(/[ \t]+$/gm, '').replace(/\n{2,}/g, '\n');
}

const formSources = ['www/js/form.js', 'www/js/dom.js'].map((f) => resolve(root, f));
/** A hash of the form's markup sources: the script adopts only markup of its own build. */
const formBuild = () => {
  const hash = createHash('sha256');
  for (const f of formSources) hash.update(readFileSync(f));
  return hash.digest('hex').slice(0, 12);
};

/**
 * The component's markup as the page's script first builds it (buildShell in
 * www/js/form.js), rendered here with linkedom so that index.html shows the
 * form, ready for input, before any script has run. The script takes this
 * markup over (see the Controller in www/js/component.js).
 */
async function prerenderedForm() {
  const { parseHTML } = await import('linkedom');
  const { document, Node } = parseHTML('<!doctype html><html><body></body></html>');
  const saved = { document: globalThis.document, Node: globalThis.Node };
  Object.assign(globalThis, { document, Node });
  try {
    const { buildShell, buildScriptMissing } = await import(`${pathToFileURL(formSources[0]).href}?build=${Date.now()}`);
    const shell = buildShell('rs0');
    // Shown by the stylesheet only if the script has not taken the form over
    // after a few seconds (it failed to load); the script removes it.
    shell.prepend(buildScriptMissing());
    shell.setAttribute('data-prerendered', '');
    shell.setAttribute('data-form', formBuild());
    return shell.outerHTML;
  } finally {
    Object.assign(globalThis, saved);
  }
}

/**
 * The registry as text for an HTML data block. `<` is escaped so that no
 * value can close the <script> element; JSON.parse reads \u003c back as `<`.
 */
function registryBlock() {
  if (!existsSync(registryPath)) {
    throw new Error(`protocol registry not found: ${registryPath} (set REFERRAL_SEAL_REGISTRY)`);
  }
  const registry = JSON.parse(readFileSync(registryPath, 'utf8'));
  if (!/^referral-seal\/protocols\/v[12]$/.test(registry?.schema ?? '') || !Array.isArray(registry.protocols)) {
    throw new Error(`${registryPath}: not a referral-seal/protocols/v1 or v2 registry`);
  }
  return JSON.stringify(registry, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * wasm-bindgen's glue keeps a default `new URL('…_bg.wasm', import.meta.url)`
 * that we never use (the worker passes the bytes). Webpack writes the glue's
 * build-time file: URL into it; replace that with the script's own location,
 * so no build path leaks into dist/ and the output does not depend on where
 * the repository was checked out.
 */
class StripBuildPaths {
  apply(compiler) {
    const literal = JSON.stringify(pathToFileURL(pkgGlue).href);
    compiler.hooks.thisCompilation.tap('StripBuildPaths', (compilation) => {
      compilation.hooks.processAssets.tap(
        // Before minification: Terser picks its short names by how often
        // each character occurs in the code, the path's characters included.
        { name: 'StripBuildPaths', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!name.endsWith('.js')) continue;
            const source = assets[name].source().toString();
            if (source.includes(literal)) {
              compilation.updateAsset(name, new webpack.sources.RawSource(source.split(literal).join('self.location.href')));
            }
          }
        },
      );
    });
  }
}

export default async (env, argv) => {
  const production = argv.mode !== 'development';
  const form = await prerenderedForm();
  // The stylesheet as dist/ has it: inline in index.html, and a file.
  const css = () => stripCssComments(readFileSync(cssSource, 'utf8'));
  const page = (template, filename, { inlineCss = false } = {}) =>
    new HtmlWebpackPlugin({
      template: resolve(root, 'www', template),
      filename,
      chunks: ['referral-seal'],
      inject: 'head',
      scriptLoading: 'defer',
      minify: false,
      templateParameters: () => ({
        csp: inlineCss ? cspWithInlineStyle(css()) : CSP, css: inlineCss ? css() : null, registry: registryBlock(), form,
      }),
    });

  return {
    mode: production ? 'production' : 'development',
    target: 'web',
    // Source maps would ship the sources a second time; the code is small and readable.
    devtool: false,
    context: root,
    entry: { 'referral-seal': './www/js/main.js' },
    output: {
      path: resolve(root, 'dist'),
      // The entry keeps a stable name so that intranet pages can include it
      // (serve it, like the HTML, with Cache-Control: no-cache); everything it
      // loads is content-hashed and may be cached for good.
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:12].js',
      assetModuleFilename: '[name].[contenthash:12][ext]',
      publicPath: 'auto',
      clean: true,
    },
    resolve: {
      alias: { 'referral-seal-pkg$': pkgGlue, 'referral-seal-wasm$': pkgWasm },
    },
    module: {
      rules: [
        // The Wasm binary becomes a string inside the worker script: no
        // fetch at run time, so connect-src stays 'none' (see packWasm;
        // it takes a quarter of a second, also for each change in watch mode).
        {
          test: /\.wasm$/,
          type: 'asset/inline',
          generator: { dataUrl: (content) => packWasm(content) },
        },
        // wasm-bindgen's default `new URL('…_bg.wasm', import.meta.url)` is
        // never used (we pass the bytes); don't let webpack inline it twice.
        { test: pkgGlue, parser: { url: false } },
      ],
    },
    plugins: [
      page('index.html', 'index.html', { inlineCss: true }),
      page('embed-example.html', 'embed-example.html'),
      new webpack.DefinePlugin({ __RS_CSS__: JSON.stringify(cssFile()), __RS_FORM__: JSON.stringify(formBuild()) }),
      new StripBuildPaths(),
      new CopyWebpackPlugin({
        patterns: [
          // The stylesheet as a file (style-src 'self'): the element links it in
          // intranet pages, and in index.html if a CSP blocked the inline copy.
          { from: 'www/css/referral-seal.css', to: () => cssFile(), transform: () => css() },
          { from: 'www/embed-example-intranet.js', to: 'embed-example-intranet.js' },
          { from: 'www/embed-example-intranet.css', to: 'embed-example-intranet.css' },
        ],
      }),
    ],
    performance: { hints: false },
    optimization: {
      splitChunks: false,
      runtimeChunk: false,
      // Keep the HTML (with its registry block) as written: maintainers read
      // and edit it in dist/; gzip makes up the difference. The stylesheet
      // loses only its comments (stripCssComments).
      minimizeOptions: { html: false, css: false },
    },
  };
};
