// A tiny static file server for dist/ on 127.0.0.1, for the browser tests and benchmarks.
// Usage: node e2e/server.mjs DIR PORT [--gzip]   (PORT 0 picks a free port; the chosen URL is printed)
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// What a static host configured as the README asks compresses: text and wasm, not images
// that are compressed already.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.svg', '.json', '.webmanifest', '.txt']);

/**
 * Serves `root` on 127.0.0.1:`port`; resolves to { server, url, requests }. With `gzip`,
 * answers a client that accepts gzip as a static host does, with the body gzipped at
 * zlib's default level (each file compressed once).
 */
export function serve(root, port = 0, { gzip = false } = {}) {
  const base = resolve(root);
  const requests = [];
  const gzipped = new Map();
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      };
      if (gzip && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const cached = gzipped.get(file);
        if (!cached?.raw.equals(body)) gzipped.set(file, { raw: body, gz: gzipSync(body) });
        body = gzipped.get(file).gz;
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolvePromise, rejectPromise) => {
    server.once('error', rejectPromise);
    server.listen(port, '127.0.0.1', () => {
      const { port: chosen } = server.address();
      resolvePromise({ server, url: `http://127.0.0.1:${chosen}`, requests });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2).filter((a) => a !== '--gzip');
  const [dir = 'dist', port = '8080'] = args;
  const { url } = await serve(dir, Number(port), { gzip: process.argv.includes('--gzip') });
  console.log(`serving ${dir} at ${url}/`);
}
