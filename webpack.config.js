// Builds the static site in dist/ from www/ and the page's own Wasm engine in
// target/page-pkg/ (scripts/build-pkg.sh: the core without sealFiles, built
// for size). Configuration only: each build step is a module in
// scripts/build/ with its own tests (tests/build/).
//
//   npx webpack --mode production      (make dist)
//
// * One script for the page (referral-seal.js: the <referral-seal> element
//   and mount()), one for the Web Worker that runs the Wasm core, one
//   stylesheet. The Wasm bytes are inlined into the worker script, packed
//   with LZMA (scripts/build/pack-wasm.mjs), so the page never fetches the
//   .wasm and the CSP can keep connect-src 'none'.
// * The protocol registry (data/protocols.json, or the file named by the
//   REFERRAL_SEAL_REGISTRY environment variable) is written into each HTML
//   page as a <script type="application/json" id="referral-seal-registry">
//   data block that maintainers can also edit in dist/ without a rebuild
//   (scripts/build/registry-block.mjs).
// * index.html carries the form's markup, pre-rendered from www/js/form.js
//   (scripts/build/prerender-form.mjs), so that it is on screen and takes
//   input before the script has run.
// * No inline script anywhere; the CSP is a <meta> in each page
//   (scripts/csp.mjs). index.html carries the stylesheet inline, so that its
//   first paint does not wait for a second request, and its CSP allows
//   exactly that text (by SHA-256); the file stays for the element in
//   intranet pages (and as a fallback).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import webpack from 'webpack';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import { CSP, cspWithInlineStyle, openPageCsp } from './scripts/csp.mjs';
import { packWasm } from './scripts/build/pack-wasm.mjs';
import { stripCssComments } from './scripts/build/css.mjs';
import { registryBlock } from './scripts/build/registry-block.mjs';
import { formBuild, prerenderedForm } from './scripts/build/prerender-form.mjs';
import { StripBuildPaths } from './scripts/build/strip-build-paths.mjs';
import { InlinePage } from './scripts/build/inline-page.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const registryPath = resolve(root, process.env.REFERRAL_SEAL_REGISTRY ?? 'data/protocols.json');
const pkgGlue = resolve(root, 'target/page-pkg/referral_seal.js');
const pkgWasm = resolve(root, 'target/page-pkg/referral_seal_bg.wasm');
const cssSource = resolve(root, 'www/css/referral-seal.css');
// open.html's engine: the reader with its LZMA decoders (feature `open`).
const openGlue = resolve(root, 'target/open-pkg/referral_seal.js');
const openWasm = resolve(root, 'target/open-pkg/referral_seal_bg.wasm');
const version = () => /^version = "([^"]+)"/m.exec(readFileSync(resolve(root, 'Cargo.toml'), 'utf8'))[1];
const formSources = ['www/js/form.js', 'www/js/dom.js'].map((f) => resolve(root, f));
/** The stylesheet's content-hashed name, known to the pages and to the script. */
const cssFile = () =>
  `referral-seal.${createHash('sha256').update(readFileSync(cssSource)).digest('hex').slice(0, 12)}.css`;

export default async (env, argv) => {
  const production = argv.mode !== 'development';
  const form = await prerenderedForm(formSources);
  // The stylesheet as dist/ has it: inline in index.html, and a file.
  const css = () => stripCssComments(readFileSync(cssSource, 'utf8'), 'referral-seal.css');
  const page = (template, filename, { inlineCss = false } = {}) =>
    new HtmlWebpackPlugin({
      template: resolve(root, 'www', template),
      filename,
      chunks: ['referral-seal'],
      inject: 'head',
      scriptLoading: 'defer',
      minify: false,
      templateParameters: () => ({
        csp: inlineCss ? cspWithInlineStyle(css()) : CSP, css: inlineCss ? css() : null, registry: registryBlock(registryPath), form,
      }),
    });

  const site = {
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
      // open.html comes from the second configuration below.
      clean: { keep: /^open\.html$/ },
    },
    resolve: {
      alias: { 'referral-seal-pkg$': pkgGlue, 'referral-seal-wasm$': pkgWasm },
    },
    module: {
      rules: [
        // The Wasm binary becomes a string inside the worker script: no
        // fetch at run time, so connect-src stays 'none' (a quarter of a
        // second, also for each change in watch mode).
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
      new webpack.DefinePlugin({ __RS_CSS__: JSON.stringify(cssFile()), __RS_FORM__: JSON.stringify(formBuild(formSources)) }),
      new StripBuildPaths([pathToFileURL(pkgGlue).href]),
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

  // open.html, the OCMW's side: one self-contained file (its script, its
  // worker's script and its stylesheet inline; its own CSP), which also
  // works opened from disk. Its own engine (target/open-pkg), so the
  // sealing page's engine does not grow.
  const openPage = {
    mode: production ? 'production' : 'development',
    target: 'web',
    devtool: false,
    context: root,
    entry: { open: './www/open/open.js', 'open.worker': './www/open/open.worker.js' },
    output: { path: resolve(root, 'dist'), filename: '[name].js', publicPath: '', clean: false },
    resolve: { alias: { 'referral-seal-open-pkg$': openGlue, 'referral-seal-open-wasm$': openWasm } },
    module: {
      rules: [
        { test: /\.wasm$/, type: 'asset/inline', generator: { dataUrl: (content) => packWasm(content) } },
        { test: openGlue, parser: { url: false } },
      ],
    },
    plugins: [
      new StripBuildPaths([pathToFileURL(openGlue).href]),
      new InlinePage({
        template: resolve(root, 'www/open/open.html'),
        filename: 'open.html',
        script: 'open.js',
        worker: 'open.worker.js',
        css: () =>
          stripCssComments(readFileSync(cssSource, 'utf8'), 'referral-seal.css') +
          stripCssComments(readFileSync(resolve(root, 'www/open/open.css'), 'utf8'), 'open.css'),
        version: version(),
        csp: openPageCsp,
      }),
    ],
    performance: { hints: false },
    // The page's HTML as written: minifying it would change the inline
    // script and stylesheet after their hashes went into the CSP.
    optimization: { splitChunks: false, runtimeChunk: false, minimizeOptions: { html: false, css: false } },
  };
  return [site, openPage];
};
