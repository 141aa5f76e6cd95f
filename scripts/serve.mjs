// A small static file server for the built site, bound to 127.0.0.1 only.
// It sends the headers that the README asks intranet hosts to send: the
// Content-Security-Policy on every file (a worker takes its policy only from
// its own response headers, and frame-ancestors works only as a header),
// the right MIME types (application/wasm), nosniff, no caching of the HTML.
//
//   node scripts/serve.mjs [dir] [port]      (default: dist 8080)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSP_HEADER, OPEN_CSP_HEADER } from './csp.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};


/**
 * Starts the server; resolves to { server, url }. Port 0 picks a free port.
 * `csp: false` is only for the benchmark page, which fetches pkg/'s .wasm.
 */
export function startServer(dir = 'dist', port = 8080, { csp = true } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (path !== root && !path.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
        // open.html pins its inline script, style and blob: worker in its own <meta>.
        ...(csp ? { 'Content-Security-Policy': path.endsWith(`${sep}open.html`) ? OPEN_CSP_HEADER : CSP_HEADER } : {}),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        // The HTML and the stable-named loader may change; hashed files may not.
        'Cache-Control': /\.html$|referral-seal\.js$/.test(path) ? 'no-cache' : 'max-age=3600',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Niet gevonden');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      ok({ server, url: `http://127.0.0.1:${p}/` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = process.env.PORT ?? '8080'] = process.argv.slice(2);
  const { url } = await startServer(dir, Number(port));
  console.log(`referral-seal: ${url} (Ctrl+C stops)`);
}
