// The Web Worker of open.html: runs the Wasm reader (openArchive), so that
// the 7z key derivation (2^19 SHA-256 rounds, up to 2^24) never blocks the
// page. open.html starts it from a blob: URL (the page is one file, also
// from file://).
//
// Protocol: the page posts { id, bytes: Uint8Array, password } (the buffer
// transferred); the worker answers { id, ok: true, value: { format, entries,
// warning? } } (every entry's buffer transferred) or { id, ok: false,
// error: { code, message, method? } }. The archive bytes are zeroed once
// read; nothing is kept; no value is ever logged.
import init, { openArchive } from 'referral-seal-open-pkg';
import packedWasm from 'referral-seal-open-wasm';
import { lzmaDecode } from '../js/lzma.js';

/** The Wasm binary, built into this script as base64 of its LZMA stream (scripts/build/pack-wasm.mjs). */
function wasmBytes() {
  const text = atob(packedWasm);
  const packed = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) packed[i] = text.charCodeAt(i);
  return lzmaDecode(packed);
}

// The page's CSP (connect-src 'none') already applies to a blob: worker;
// the network APIs go as well, in case the page is served with a weaker
// header policy.
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport', 'importScripts']) {
  if (name in self) {
    Object.defineProperty(self, name, {
      value: () => {
        throw new TypeError('open.html: no network access from this worker');
      },
      writable: false,
      configurable: false,
    });
  }
}

const ready = init({ module_or_path: wasmBytes() });

self.onmessage = async (event) => {
  const { id, bytes, password } = event.data ?? {};
  try {
    await ready;
    const value = openArchive(bytes, { password: password ?? '' });
    self.postMessage({ id, ok: true, value }, value.entries.map((e) => e.bytes.buffer));
  } catch (e) {
    self.postMessage({ id, ok: false, error: { code: e?.code ?? 'damaged_archive', message: e?.message ?? '', method: e?.method } });
  } finally {
    if (bytes instanceof Uint8Array) bytes.fill(0);
  }
};
