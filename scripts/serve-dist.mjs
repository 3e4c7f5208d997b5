// Serves a folder (default dist/) on 127.0.0.1 with correct MIME types, as any static host
// would. Used by the end-to-end tests and the benchmark; also handy to try a release build:
//   node scripts/serve-dist.mjs [dir] [port]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** A blank page served the same way: the floor the benchmark compares the app against. */
const BLANK = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>blank</title></head>
<body><p>blank</p><script>performance.mark('ptdv:rendered');document.documentElement.dataset.ready='1'</script></body></html>`;

/** dist/ is also served under this sub-path, to prove the app works below any path. */
export const SUB_PATH = '/mot/duong-dan/';

/**
 * `extra`, when given, is a folder served under /__bench/ (the benchmark's large files).
 * `gzip: true` sends text and wasm gzip-compressed to a browser that accepts it, as a static host
 * does (the benchmark's slow-line item; the tests leave it off).
 *
 * For the tests of offline use and updates, the returned server also has `serveFrom(dir)`, which
 * serves another folder from then on at the same address (a new release; `null`: the server
 * answers 503 to everything, as if it were gone), and `served`, the paths asked for, in order.
 */
export function serve(dir, port = 0, extra = null, { gzip = false } = {}) {
  let root = resolve(dir);
  const packed = new Map();                              // path → gzip -9 of its body, made once
  const extraRoot = extra ? resolve(extra) : null;
  const served = [];
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      served.push(url.pathname);
      if (root === null) {
        res.writeHead(503, { 'content-type': TYPES['.txt'], 'cache-control': 'no-store' });
        return res.end('gone');
      }
      if (url.pathname === '/__blank.html') {
        res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
        return res.end(BLANK);
      }
      const local = url.pathname.startsWith(SUB_PATH) ? url.pathname.slice(SUB_PATH.length - 1) : url.pathname;
      const [base, rest] = extraRoot && local.startsWith('/__bench/') ? [extraRoot, local.slice('/__bench'.length)] : [root, local];
      let path = normalize(join(base, decodeURIComponent(rest)));
      if (!path.startsWith(base)) { res.writeHead(403); return res.end(); }
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
      let body = await readFile(path);
      const headers = {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      };
      // As a static host does: text and wasm sent compressed when the browser accepts it.
      if (gzip && /gzip/.test(req.headers['accept-encoding'] ?? '') && /\.(html|js|css|wasm|svg|json)$/.test(path)) {
        if (!packed.has(path)) packed.set(path, gzipSync(body, { level: 9 }));
        body = packed.get(path);
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': TYPES['.txt'] });
      res.end('not found');
    }
  });
  server.serveFrom = (next) => { root = next === null ? null : resolve(next); };
  server.served = served;
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'dist';
  const port = Number(process.argv[3] ?? 8080);
  const server = await serve(dir, port);
  console.log(`ptdv: serving ${dir} at http://127.0.0.1:${server.address().port}/`);
}
