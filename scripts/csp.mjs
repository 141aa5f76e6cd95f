// The page's Content-Security-Policy, in one place: webpack writes it into
// each page's <meta>, the test server (and the README, for intranet hosts)
// sends it as a header with frame-ancestors, which works only as a header.
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

/** For the <meta http-equiv> of every page. */
export const CSP = CSP_DIRECTIVES.join('; ');

/** For the HTTP header on every file of dist/. */
export const CSP_HEADER = [...CSP_DIRECTIVES, "frame-ancestors 'self'"].join('; ');
