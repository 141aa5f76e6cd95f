// A webpack plugin that replaces a build-time string literal (the file: URL
// of wasm-bindgen's glue) in every emitted script.
import webpack from 'webpack';

/**
 * wasm-bindgen's glue keeps a default `new URL('…_bg.wasm', import.meta.url)`
 * that we never use (the worker passes the bytes). Webpack writes the glue's
 * build-time file: URL into it; this replaces that literal with the script's
 * own location (`self.location.href`), so no build path leaks into dist/ and
 * the output does not depend on where the repository was checked out.
 */
export class StripBuildPaths {
  /** @param {string[]} fileUrls the build-time file: URLs whose string literals go */
  constructor(fileUrls, replacement = 'self.location.href') {
    this.literals = fileUrls.map((u) => JSON.stringify(u));
    this.replacement = replacement;
  }

  /** `source` with each literal replaced (the plugin's whole job, testable alone). */
  strip(source) {
    let out = source;
    for (const literal of this.literals) out = out.split(literal).join(this.replacement);
    return out;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('StripBuildPaths', (compilation) => {
      compilation.hooks.processAssets.tap(
        // Before minification: Terser picks its short names by how often
        // each character occurs in the code, the path's characters included.
        { name: 'StripBuildPaths', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!name.endsWith('.js')) continue;
            const source = assets[name].source().toString();
            const stripped = this.strip(source);
            if (stripped !== source) compilation.updateAsset(name, new webpack.sources.RawSource(stripped));
          }
        },
      );
    });
  }
}
