// The protocol registry as an HTML data block:
// <script type="application/json" id="referral-seal-registry">…</script>
import { existsSync, readFileSync } from 'node:fs';

/** The registry schemas the core reads (v2 adds referringTeams and passwordCall; v1 stays readable). */
export const REGISTRY_SCHEMAS = ['referral-seal/protocols/v1', 'referral-seal/protocols/v2'];

/**
 * JSON text made safe inside a <script> element: `<`, `>` and `&` become
 * \u escapes, so that no value can close the element (`</script>`) or open
 * a comment (`<!--`); U+2028 and U+2029 too, for old JavaScript parsers.
 * JSON.parse reads every escape back as the character it stands for.
 */
export function escapeForScript(jsonText) {
  return jsonText
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A registry object as the data block's text (indented: maintainers edit it in dist/). */
export function registryText(registry) {
  if (!REGISTRY_SCHEMAS.includes(registry?.schema) || !Array.isArray(registry.protocols)) {
    throw new Error(`not a ${REGISTRY_SCHEMAS.join(' or ')} registry`);
  }
  return escapeForScript(JSON.stringify(registry, null, 2));
}

/** The registry file at `path` as the data block's text; throws naming the path. */
export function registryBlock(path) {
  if (!existsSync(path)) {
    throw new Error(`protocol registry not found: ${path} (set REFERRAL_SEAL_REGISTRY)`);
  }
  try {
    return registryText(JSON.parse(readFileSync(path, 'utf8')));
  } catch (e) {
    throw new Error(`${path}: ${e.message}`);
  }
}
