// The Web Worker that runs the Wasm core, so that the 7z key derivation
// (2^19 SHA-256 rounds) and archive writing never block the page.
//
// Protocol: the page posts { id, op, args }; the worker answers
// { id, ok: true, value } or { id, ok: false, error: { name, code, message, errors } }.
// Nothing is kept here between calls except the registry in Wasm memory; no
// value is ever logged.
import init, * as core from 'referral-seal-pkg';
import packedWasm from 'referral-seal-wasm';
import { lzmaDecode } from './lzma.js';

/**
 * The Wasm binary. webpack builds it into this script as base64 of its
 * LZMA stream (see packWasm in webpack.config.js): no fetch, so the page's
 * Content-Security-Policy keeps connect-src 'none'. The LZMA stream is 15 %
 * smaller than a Deflate stream the browser could inflate itself
 * (DecompressionStream); lzma.js unpacks it in a few tens of milliseconds.
 */
function wasmBytes() {
  const text = atob(packedWasm);
  const packed = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) packed[i] = text.charCodeAt(i);
  return lzmaDecode(packed);
}

/**
 * The worker gets no Content-Security-Policy from the page's <meta> (a
 * worker's policy comes from its own HTTP response headers, which a static
 * host may not send). It never needs the network, so its network APIs are
 * removed before anything else runs.
 */
function forbidNetwork() {
  const refuse = () => {
    throw new TypeError('referral-seal: no network access from this worker');
  };
  for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport', 'importScripts']) {
    if (name in self) Object.defineProperty(self, name, { value: refuse, writable: false, configurable: false });
  }
}

forbidNetwork();
const ready = init({ module_or_path: wasmBytes() });

// The password estimator builds its word index on first use (about 25 ms in
// Chromium). Build it now, while the user fills in the form, so that it is
// not inside the first seal (a generated password is first estimated there),
// which for most users is the only one. A fixed, non-secret text.
function warmUp() {
  try {
    core.passwordStrength('referral-seal');
  } catch {
    // Only a warm-up: a real request reports any error itself.
  }
}
ready.then(() => setTimeout(warmUp, 0), () => {});

const ops = {
  start({ registry }) {
    let protocols = null;
    if (registry !== undefined && registry !== null) protocols = core.setRegistry(registry).protocols;
    return { protocols, registry: core.getRegistry() };
  },
  validate({ input, today }) {
    return core.validateReferral(input, today ? { today } : {});
  },
  seal({ input, options }) {
    const result = core.sealReferral(input, options);
    return { value: result, transfer: [result.archive.buffer, result.eml.buffer] };
  },
  passphrase() {
    return core.generatePassphrase();
  },
  strength({ password, input, format }) {
    return core.passwordStrength(password, { input, format });
  },
  spell({ password }) {
    return core.spellPassword(password);
  },
  postal({ postalCode, today, team }) {
    return {
      localities: core.localitiesFor(postalCode),
      protocol: core.protocolFor(postalCode, today ?? undefined),
      // The team rule as soon as team and postal code are known (or null).
      teamError: team ? core.teamCheck(postalCode, team, today ?? undefined) : null,
    };
  },
};

self.onmessage = async (event) => {
  const { id, op, args } = event.data ?? {};
  try {
    await ready;
    const handler = ops[op];
    if (!handler) throw Object.assign(new Error('unknown operation'), { code: 'invalid_option' });
    const out = handler(args ?? {});
    if (out && out.transfer) {
      self.postMessage({ id, ok: true, value: out.value }, out.transfer);
    } else {
      self.postMessage({ id, ok: true, value: out });
    }
  } catch (err) {
    self.postMessage({
      id,
      ok: false,
      error: {
        name: String(err?.name ?? 'Error'),
        code: typeof err?.code === 'string' ? err.code : 'internal',
        message: String(err?.message ?? ''),
        errors: Array.isArray(err?.errors)
          ? err.errors.map((e) => ({
              field: String(e.field),
              code: String(e.code),
              message: String(e.message),
              ...(e.suggestion ? { suggestion: String(e.suggestion) } : {}),
            }))
          : [],
      },
    });
  }
};
