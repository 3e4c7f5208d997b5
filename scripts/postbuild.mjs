// Trunk's post-build hook (Trunk.toml, [[hooks]] stage = "post_build"): runs on the staged build
// (TRUNK_STAGING_DIR, after Trunk has written index.html) or on a folder given as argument:
//   node scripts/postbuild.mjs [dir]
//
// 1. A strict page. The Content-Security-Policy of index.html allows scripts from the app's own
//    files and, by their sha256 hash, the inline scripts Trunk writes (its loader of the wasm):
//    `script-src 'self' 'sha256-…' 'wasm-unsafe-eval'`, never 'unsafe-inline'.
// 2. Offline after the first visit. It writes sw.js, the service worker that keeps the app's own
//    files (the list of this build, and a build id made from their hashes) and serves them from
//    its cache, and marks index.html (<meta name="ptdv-offline">) so that the app registers it
//    (src/offline.rs; only over http(s), never from file:).
//
// Under `trunk serve` the page also carries Trunk's autoreload script, whose text Trunk's server
// fills in on every request (its address), so no hash could match it: it is moved into a file of
// its own (trunk-autoreload.js, allowed by 'self'), and no offline worker is made (a cache would
// serve yesterday's build after each rebuild); sw.js is then a worker that removes itself and its
// caches, for a browser that still has one from a release build served on the same address.
//
// Running it twice on the same folder gives the same files. The functions are exported for the
// one-file build and the tests.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SW_FILE = 'sw.js';
export const AUTORELOAD_FILE = 'trunk-autoreload.js';
const OFFLINE_META = /\s*<meta name="ptdv-offline"[^>]*>/g;
const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

const sha256 = (data) => createHash('sha256').update(data).digest();

/** Every inline <script> of a page: its attributes, its text, where it stands. */
export function inlineScripts(html) {
  return [...html.matchAll(SCRIPT)]
    .filter((m) => !/\bsrc\s*=/i.test(m[1]))
    .map((m) => ({ attrs: m[1], text: m[2], at: m.index, whole: m[0] }));
}

/** A CSP source for a script's text, as the browser computes it (on the parsed text: CR LF is LF). */
export function scriptHash(text) {
  return `'sha256-${sha256(text.replace(/\r\n?/g, '\n')).toString('base64')}'`;
}

/** The page with its CSP's script-src allowing its own files, its inline scripts by hash, wasm. */
export function withStrictScripts(html) {
  const m = html.match(CSP_META);
  if (!m) throw new Error('index.html has no Content-Security-Policy meta');
  const hashes = [...new Set(inlineScripts(html).map((s) => scriptHash(s.text)))];
  const scriptSrc = ['script-src', "'self'", ...hashes, "'wasm-unsafe-eval'"].join(' ');
  const directives = m[2].split(';').map((d) => d.trim()).filter(Boolean);
  const at = directives.findIndex((d) => /^script-src\s/.test(d));
  if (at >= 0) directives[at] = scriptSrc; else directives.push(scriptSrc);
  return html.replace(CSP_META, (_, a, _c, z) => `${a}${directives.join('; ')}${z}`);
}

/** Trunk's autoreload script (only under `trunk serve`), whose text its server fills in. */
const isAutoreload = (s) => s.text.includes('{{__TRUNK_ADDRESS__}}');

/** Under `trunk serve`: the autoreload script moved to a file, with what the server would have
 *  filled in taken from the page's own address (the serve base is "/": public_url is "./"). */
function externalAutoreload(html) {
  const script = inlineScripts(html).find(isAutoreload);
  if (!script) return null;
  const text = script.text
    .replaceAll("'{{__TRUNK_ADDRESS__}}'", 'window.location.host')
    .replaceAll('{{__TRUNK_WS_BASE__}}', '/');
  const page = html.slice(0, script.at) + `<script src="${AUTORELOAD_FILE}"></script>` + html.slice(script.at + script.whole.length);
  return { page, text };
}

/** The files of a built folder (not sw.js itself), sorted. */
async function builtFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name !== SW_FILE && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/**
 * The service worker for a build: `core` files (index.html, what it names, the pages' parts) are fetched when it
 * installs; `onDemand` files (the worker module: the Excel writer, the demo ward) are kept the
 * first time the app asks for them, so the first visit does not download them.
 */
export function serviceWorker({ build, core, onDemand }) {
  return `// ptdv's service worker, written by scripts/postbuild.mjs for this build: do not edit.
// It keeps this build's own files in a cache named after the build and serves them from there;
// any other request goes to the network untouched and is never kept. A new build has a new
// sw.js: it installs beside this one and waits until the page asks it to take over (the page
// offers "Có phiên bản mới — tải lại"); then it deletes the caches of older builds.
'use strict';
const BUILD = ${JSON.stringify(build)};
const CORE = ${JSON.stringify(core)};
const ON_DEMAND = ${JSON.stringify(onDemand)};
const FILES = new Set([...CORE, ...ON_DEMAND]);
// The scope is the folder of sw.js, wherever the app is published (root or any sub-path).
const SCOPE = new URL(self.registration.scope);
const PREFIX = 'ptdv ' + SCOPE.href + ' ';
const CACHE = PREFIX + BUILD;
// A file whose name carries its content hash never changes; the others are checked each time.
const hashed = (name) => /-[0-9a-f]{16}(_bg)?\\.[a-z]+$/.test(name);
const url = (name) => new URL(name, SCOPE).href;

async function keep(cache, name, response) {
  if (response.ok && response.type === 'basic' && !response.redirected) {
    await cache.put(url(name), response.clone());
  }
  return response;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(CORE.map(async (name) => {
      const response = await fetch(url(name), { cache: hashed(name) ? 'default' : 'no-cache', credentials: 'same-origin' });
      if (!response.ok || response.redirected) throw new Error('ptdv: could not fetch ' + name);
      await cache.put(url(name), response);
    }));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'ptdv:activate') self.skipWaiting();
});

/** The file of this build a request asks for, or null when it is not one of them. */
function fileOf(request) {
  if (request.method !== 'GET') return null;
  const target = new URL(request.url);
  if (target.origin !== SCOPE.origin || !target.pathname.startsWith(SCOPE.pathname)) return null;
  const navigate = request.mode === 'navigate';
  if (target.search && !navigate) return null;
  let name;
  try { name = decodeURIComponent(target.pathname.slice(SCOPE.pathname.length)); } catch { return null; }
  if (name === '' && navigate) name = 'index.html';
  return FILES.has(name) ? name : null;
}

self.addEventListener('fetch', (event) => {
  const name = fileOf(event.request);
  if (name === null) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const kept = await cache.match(url(name));
    if (kept) return kept;
    const response = await fetch(url(name), { cache: hashed(name) ? 'default' : 'no-cache', credentials: 'same-origin' });
    return keep(cache, name, response);
  })());
});
`;
}

/** Under `trunk serve`: a worker that removes itself and this app's caches, then reloads the
 *  pages it controlled (which then come from the development server). */
export function removingServiceWorker() {
  return `// Written by scripts/postbuild.mjs for a development build (trunk serve): a worker left by a
// release build on this address removes itself and its caches, and the pages reload.
'use strict';
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const prefix = 'ptdv ' + self.registration.scope + ' ';
    for (const name of await caches.keys()) if (name.startsWith(prefix)) await caches.delete(name);
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
  })());
});
`;
}

/** Runs the hook on a built folder. Returns what it did, for the log. */
export async function postbuild(dir) {
  const indexPath = join(dir, 'index.html');
  let html = (await readFile(indexPath, 'utf8')).replace(OFFLINE_META, '');
  const moved = externalAutoreload(html);
  if (moved) {
    html = moved.page;
    await writeFile(join(dir, AUTORELOAD_FILE), moved.text);
    await writeFile(join(dir, SW_FILE), removingServiceWorker());
  }
  html = withStrictScripts(html);
  let sw = null;
  if (!moved) {
    // Right after the CSP, so that a second run (which removes it first) gives the same page.
    const end = html.indexOf('>', html.search(CSP_META)) + 1;
    html = `${html.slice(0, end)}\n  <meta name="ptdv-offline" content="${SW_FILE}">${html.slice(end)}`;
    await writeFile(indexPath, html);
    const files = await builtFiles(dir);
    // The page and what it names, and the pages' parts (scripts/split.mjs), kept at install so
    // that every page opens offline from the first visit on.
    const core = files.filter((f) => f === 'index.html' || html.includes(`./${f}`) || html.includes(`"${f}"`) || /^ptdv-(split|part)-/.test(f));
    const onDemand = files.filter((f) => !core.includes(f));
    const id = createHash('sha256');
    for (const f of files) id.update(`${f}\0${sha256(await readFile(join(dir, f))).toString('hex')}\n`);
    id.update(serviceWorker({ build: '', core, onDemand }));
    sw = { build: id.digest('hex').slice(0, 16), core, onDemand };
    await writeFile(join(dir, SW_FILE), serviceWorker(sw));
  } else {
    await writeFile(indexPath, html);
  }
  return { scripts: inlineScripts(html).length, sw, autoreload: !!moved };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('postbuild: give a folder, or run from Trunk (TRUNK_STAGING_DIR)');
    process.exit(2);
  }
  try {
    const done = await postbuild(dir);
    const what = done.sw
      ? `service worker build ${done.sw.build} (${done.sw.core.length} files at install, ${done.sw.onDemand.length} on demand)`
      : 'development build: autoreload moved to a file, no offline worker';
    console.log(`postbuild: CSP hashes for ${done.scripts} inline script(s); ${what}`);
  } catch (e) {
    console.error(`postbuild: ${e.message}`);
    process.exit(1);
  }
}
