import { createHash } from 'node:crypto';

// The pages' Content-Security-Policy, in one place: webpack writes it into
// each page's <meta>, the test server (and the README, for intranet hosts)
// sends it as a header with frame-ancestors, which works only as a header.
//
// index.html carries its stylesheet inline (a first paint that does not wait
// for a second request): its <meta> allows exactly that stylesheet, by its
// SHA-256 hash. The header cannot name the hash without changing with every
// release, so it allows inline styles; a browser enforces both policies, so
// index.html still gets only its own stylesheet.
export const CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'none'",
  "worker-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "object-src 'none'",
];

const withStyleSrc = (styleSrc) => CSP_DIRECTIVES.map((d) => (d.startsWith('style-src ') ? `style-src ${styleSrc}` : d));

/** For the <meta http-equiv> of a page without inline styles. */
export const CSP = CSP_DIRECTIVES.join('; ');

/** For the <meta http-equiv> of a page whose one inline stylesheet has this text. */
export function cspWithInlineStyle(cssText) {
  const hash = createHash('sha256').update(cssText, 'utf8').digest('base64');
  return withStyleSrc(`'self' 'sha256-${hash}'`).join('; ');
}

/** For the HTTP header on every file of dist/. */
export const CSP_HEADER = [...withStyleSrc("'self' 'unsafe-inline'"), "frame-ancestors 'self'"].join('; ');

/**
 * open.html's own policy (a <meta>; the page is one file, also opened from
 * file://, where no header applies): its one inline script and its one
 * inline stylesheet by SHA-256, its worker from a blob: URL, Wasm compiled
 * in that worker, and still no connection at all.
 */
export function openPageCsp(scriptText, cssText) {
  const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  return [
    "default-src 'none'",
    `script-src ${sha(scriptText)} 'wasm-unsafe-eval'`,
    `style-src ${sha(cssText)}`,
    "img-src data: blob:",
    "connect-src 'none'",
    "worker-src blob:",
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The HTTP header for open.html: the page's own <meta> pins its script,
 * stylesheet and worker; the header adds what only a header can do
 * (frame-ancestors) and keeps the rest closed. It must not restrict
 * script-src, style-src or worker-src, or the inline script, the inline
 * stylesheet and the blob: worker of the one-file page would be blocked.
 */
export const OPEN_CSP_HEADER = [
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
