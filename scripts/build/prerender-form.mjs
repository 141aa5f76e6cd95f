// The form's markup, rendered at build time so that index.html shows it,
// ready for input, before any script has run.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** A hash of the form's markup sources: the script adopts only markup of its own build. */
export function formBuild(sources) {
  const hash = createHash('sha256');
  for (const f of sources) hash.update(readFileSync(f));
  return hash.digest('hex').slice(0, 12);
}

/**
 * The component's markup as the page's script first builds it (buildShell in
 * www/js/form.js, the first of `sources`), rendered with linkedom. The
 * script takes this markup over (see the Controller in www/js/component.js).
 */
export async function prerenderedForm(sources) {
  const { parseHTML } = await import('linkedom');
  const { document, Node } = parseHTML('<!doctype html><html><body></body></html>');
  const saved = { document: globalThis.document, Node: globalThis.Node };
  Object.assign(globalThis, { document, Node });
  try {
    const { buildShell, buildScriptMissing } = await import(`${pathToFileURL(sources[0]).href}?build=${Date.now()}`);
    const shell = buildShell('rs0');
    // Shown by the stylesheet only if the script has not taken the form over
    // after a few seconds (it failed to load); the script removes it.
    shell.prepend(buildScriptMissing());
    shell.setAttribute('data-prerendered', '');
    shell.setAttribute('data-form', formBuild(sources));
    return shell.outerHTML;
  } finally {
    Object.assign(globalThis, saved);
  }
}
