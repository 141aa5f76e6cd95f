// A webpack plugin that makes a page of one file: its script (with its Web
// Worker's script inside, as a string the page starts from a blob: URL) and
// its stylesheet inline, pinned by SHA-256 in the page's own CSP.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import webpack from 'webpack';
import { escapeForScript } from './registry-block.mjs';

/**
 * The page's inline script: the worker's source as a string constant
 * (`__OPEN_WORKER_SOURCE__`), then the page's script. Throws if the page's
 * script could end the <script> element or open a comment in it.
 */
export function inlineScript(pageJs, workerJs) {
  if (/<\/script|<!--/i.test(pageJs)) throw new Error('the page script holds </script or <!--: it cannot be inlined');
  return `var __OPEN_WORKER_SOURCE__=${escapeForScript(JSON.stringify(workerJs))};\n${pageJs}`;
}

/** `{{name}}` placeholders replaced in one pass (replaced text is not scanned again). */
export function fillTemplate(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key) => {
    if (!(key in values)) throw new Error(`template placeholder without a value: ${whole}`);
    return values[key];
  });
}

/** The build hash the page shows: SHA-256 of its script and stylesheet, 12 hex digits. */
export function buildHash(script, css) {
  return createHash('sha256').update(script).update('\0').update(css).digest('hex').slice(0, 12);
}

export class InlinePage {
  /**
   * @param {object} o
   * @param {string} o.template path of the HTML with {{csp}} {{css}} {{script}} {{version}} {{build}}
   * @param {string} o.filename the page's name in the output
   * @param {string} o.script the page script's asset name (removed from the output)
   * @param {string} o.worker the worker script's asset name (removed from the output)
   * @param {() => string} o.css the stylesheet's text
   * @param {string} o.version shown on the page
   * @param {(script: string, css: string) => string} o.csp the page's policy
   */
  constructor(o) {
    this.o = o;
  }

  apply(compiler) {
    const { template, filename, script, worker, css, version, csp } = this.o;
    compiler.hooks.thisCompilation.tap('InlinePage', (compilation) => {
      compilation.hooks.processAssets.tap(
        // After minification: the page carries the scripts as shipped.
        { name: 'InlinePage', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          const text = (name) => {
            if (!assets[name]) throw new Error(`InlinePage: no asset ${name}`);
            return assets[name].source().toString();
          };
          const inline = inlineScript(text(script), text(worker));
          const style = css();
          if (/<\/style/i.test(style)) throw new Error('the stylesheet holds </style: it cannot be inlined');
          const html = fillTemplate(readFileSync(template, 'utf8'), {
            csp: csp(inline, style),
            css: style,
            script: inline,
            version,
            build: buildHash(inline, style),
          });
          compilation.deleteAsset(script);
          compilation.deleteAsset(worker);
          compilation.emitAsset(filename, new webpack.sources.RawSource(html));
        },
      );
    });
  }
}
