// The one-file build: turns the release build in dist/ (make build) into one self-contained
// dist-single/ptdv.html that works when opened from file:// (a USB stick, an e-mail attachment):
//   node scripts/single.mjs [dist] [out-file]
//
// - The CSS and the icon are inlined; Trunk's loader script is replaced by one module script
//   holding the wasm-bindgen glue and a boot that instantiates the app's wasm from bytes inlined
//   as base64 in an inert <script type="application/octet-stream"> (nothing is fetched: a page
//   opened from file:// may not fetch its sibling files).
// - The on-demand worker (the .xlsx writer and the demo ward: ptdv-worker_loader.js, its glue and
//   its wasm) is inlined the same way, inert, and becomes a blob: URL of a classic worker script
//   only when src/worker.rs starts the worker: it calls `ptdvWorkerUrl()`, which the boot defines
//   (Chromium refuses `new Worker('file:///…')`, and a module worker from a blob: URL at file://).
// - Whatever Content-Security-Policy dist/index.html has is replaced by a strict one: scripts
//   only by the sha256 of the inline scripts written here, 'wasm-unsafe-eval', workers only from
//   blob:, no network at all. Any service worker registration is left out (none runs at file://),
//   as are preloads and a web manifest.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = resolve(process.argv[2] ?? 'dist');
const OUT = resolve(process.argv[3] ?? 'dist-single/ptdv.html');

function fail(message) {
  console.error(`single.mjs: ${message}`);
  process.exit(1);
}

if (!existsSync(join(DIST, 'index.html'))) fail(`${DIST}/index.html not found: run "make build" first`);

/** A file of dist/ named by a relative URL ('./x.js', 'x.js'); refuses anything else. */
function local(href) {
  const clean = href.replace(/^\.\//, '').split(/[?#]/)[0];
  if (/^[a-z][a-z0-9+.-]*:/i.test(clean) || clean.startsWith('/') || clean.includes('..')) return null;
  const path = join(DIST, decodeURIComponent(clean));
  return existsSync(path) && statSync(path).isFile() ? path : null;
}

const attr = (attrs, name) => {
  const m = attrs.match(new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
};
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const b64 = (bytes) => Buffer.from(bytes).toString('base64');

/** A text put inside a <script> element must not end it or open a comment the parser honours. */
function scriptSafe(text, what) {
  if (/<\/script|<!--|<script/i.test(text)) fail(`${what} contains "</script", "<script" or "<!--"; cannot inline it`);
  return text.replace(/\r\n?/g, '\n');   // as the parser gives it to the hash check
}

/** wasm-bindgen's glue: the local name of its default export (the async init). */
function initName(glue, what) {
  const m = glue.match(/export\s*\{[^}]*?\b([A-Za-z_$][\w$]*)\s+as\s+default\b[^}]*\}/);
  if (!m) fail(`${what}: no default export (the wasm-bindgen init) found`);
  return m[1];
}

let html = readFileSync(join(DIST, 'index.html'), 'utf8');
const dropped = [];

// Trunk's loader: `import init, * as bindings from './ptdv-<hash>.js'; … init({ module_or_path:
// './ptdv-<hash>_bg.wasm' })`. The glue and the wasm it names are the app.
let app = null;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
for (const [, attrs, body] of html.matchAll(SCRIPT)) {
  const js = body.match(/import\s+init\b[^;]*?from\s*['"]([^'"]+\.js)['"]/);
  const wasm = body.match(/module_or_path\s*:\s*['"]([^'"]+\.wasm)['"]/);
  if (js && wasm && /type\s*=\s*["']?module/i.test(attrs)) {
    const glue = local(js[1]);
    const bytes = local(wasm[1]);
    if (!glue || !bytes) fail(`the loader names ${js[1]} and ${wasm[1]}, not both found in ${DIST}`);
    app = { glue, wasm: bytes };
  }
}
if (!app) fail('Trunk\'s loader script (import init … module_or_path …) not found in dist/index.html');

// The worker: Trunk's loader shim `import init from './ptdv-worker.js';await init();` and the
// wasm its glue fetches by default (`new URL('ptdv-worker_bg.wasm', import.meta.url)`).
const loaderName = readdirSync(DIST).find((f) => f.endsWith('_loader.js'));
if (!loaderName) fail(`no worker loader (*_loader.js) in ${DIST}`);
const loader = readFileSync(join(DIST, loaderName), 'utf8');
const workerGlueHref = loader.match(/import\s+\w+\s+from\s*['"]([^'"]+\.js)['"]/)?.[1];
const workerGluePath = workerGlueHref && local(workerGlueHref);
if (!workerGluePath) fail(`${loaderName}: its glue module not found`);
const workerGlue = readFileSync(workerGluePath, 'utf8');
const workerWasmName = workerGlue.match(/new URL\(\s*['"]([^'"]+\.wasm)['"]\s*,\s*import\.meta\.url\s*\)/)?.[1];
const workerWasmPath = workerWasmName && local(workerWasmName);
if (!workerWasmPath) fail(`${workerGluePath}: the wasm it loads not found`);
const workerInit = initName(workerGlue, workerGluePath);

// Shared by the page and the worker: base64 to bytes (Uint8Array.fromBase64 where the browser
// has it, atob elsewhere).
const DECODE = `const ptdv$bytes = (t) => {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(t);
  const s = atob(t), a = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
  return a;
};`;

// The worker's blob is a classic script (Chromium starts no module worker from a page opened at
// file://: the blob: URL's origin is opaque, never "same origin"; src/worker.rs then asks for a
// classic worker): the glue without its export, in an async function that instantiates the
// inlined wasm (whose start function posts "ready" to the page, as with Trunk's loader). A
// failure is thrown outside the promise, so that the page sees the worker's error at once.
function classicWorker(glue) {
  const body = glue
    .replace(/^export\s*\{[^}]*\}\s*;?[ \t]*$/gm, '')
    .replace(/^export\s+(?=(?:async\s+)?function\b|class\b|const\b|let\b|var\b)/gm, '')
    .replaceAll('import.meta.url', 'self.location.href');
  if (/^\s*(import|export)\b|import\s*\(|import\.meta/m.test(body)) fail(`${workerGluePath}: module syntax left that a classic worker cannot run`);
  return [`(async () => {\n'use strict';\n${body}\n${DECODE}\nawait ${workerInit}({ module_or_path: ptdv$bytes(`, // the base64 goes here
    `) });\n})().catch((e) => setTimeout(() => { throw e; }));\n`];
}
const [workerHead, workerTail] = classicWorker(workerGlue);

let appGlue = readFileSync(app.glue, 'utf8');

// The pages' parts (scripts/split.mjs): the glue imports their loader, which fetches each part
// next to it. Here the loader becomes code in the same module (its exports an object the glue's
// imports name), and each part an inert base64 block it reads instead of fetching.
const parts = [];
let splitCode = '';
const loaderImports = [...appGlue.matchAll(/^import \* as (\w+) from "\.\/(ptdv-split-[0-9a-f]{16}\.js)";?[ \t]*$/gm)];
if (loaderImports.length > 0) {
  const loaderPath = local(loaderImports[0][2]);
  if (!loaderPath) fail(`${loaderImports[0][2]}, which the glue imports, not found in ${DIST}`);
  let loader = readFileSync(loaderPath, 'utf8');
  const glueName = app.glue.split('/').pop();
  const mainImport = new RegExp(`^import \\{ initSync \\} from "\\./${glueName.replace(/[.]/g, '\\.')}";?[ \\t]*$`, 'm');
  if (!mainImport.test(loader)) fail(`${loaderPath}: its import of initSync from ${glueName} not found`);
  loader = loader.replace(mainImport, '');
  loader = loader.replace(/fetch\(new URL\("\.\/([^"]+\.wasm)", import\.meta\.url\)\)/g, (_, name) => {
    const path = local(name);
    if (!path) fail(`${name}, a part the loader fetches, not found in ${DIST}`);
    parts.push({ name, path });
    return `ptdv$part(${JSON.stringify(name)})`;
  });
  const exported = [...loader.matchAll(/^export const (\w+)/gm)].map((m) => m[1]);
  loader = loader.replace(/^export const /gm, 'const ');
  if (exported.length === 0 || /^\s*(import|export)\b|import\.meta/m.test(loader)) fail(`${loaderPath}: not the loader wasm-split-cli writes`);
  splitCode = `${DECODE}
const ptdv$part = (name) => Promise.resolve(new Response(
  ptdv$bytes(document.getElementById('ptdv-part-' + name).textContent.trim()),
  { headers: { 'content-type': 'application/wasm' } }));
const ptdv$split = (() => {
${loader}
return { ${exported.join(', ')} };
})();
${loaderImports.map((m) => `const ${m[1]} = ptdv$split;`).join('\n')}
`;
  for (const m of loaderImports) appGlue = appGlue.replace(m[0], '');
}
const appInit = initName(appGlue, app.glue);
// The boot appended to the app's glue, in the same module (its names are block-scoped so they
// cannot clash with the glue's).
const appBoot = `
{
${DECODE}
const ptdv$text = (id) => document.getElementById(id).textContent.trim();
let ptdv$workerUrl = null;
// Asked for by src/worker.rs each time it starts the worker (a classic one, then); the blob is
// made once, when the user first asks for the demo ward or an .xlsx file.
globalThis.ptdvWorkerUrl = () => {
  if (ptdv$workerUrl === null) {
    const head = new TextDecoder().decode(ptdv$bytes(ptdv$text('ptdv-worker-head')));
    const source = [head, '"', ptdv$text('ptdv-worker-wasm'), '"', ${JSON.stringify(workerTail)}];
    ptdv$workerUrl = URL.createObjectURL(new Blob(source, { type: 'text/javascript' }));
  }
  return ptdv$workerUrl;
};
const ptdv$wasmBlock = document.getElementById('ptdv-app-wasm');
const ptdv$wasmBytes = ptdv$bytes(ptdv$wasmBlock.textContent.trim());
ptdv$wasmBlock.remove();
const wasm = await ${appInit}({ module_or_path: ptdv$wasmBytes });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
}
`;
const appScript = scriptSafe(`${splitCode}${appGlue}\n${appBoot}`, app.glue);

// Rewrite the page: scripts, links, the CSP.
const inlineScripts = [appScript];
html = html.replace(SCRIPT, (whole, attrs, body) => {
  const type = (attr(attrs, 'type') ?? '').toLowerCase();
  const executable = ['', 'module', 'text/javascript', 'application/javascript'].includes(type);
  if (!executable) return whole;   // a data block: never run, no hash needed
  if (/module_or_path/.test(body) && /import\s+init\b/.test(body)) return '<script type="module">\u00000\u0000</script>';
  // The hosted build's early request for the ward part (scripts/split.mjs): here it is inlined.
  if (attr(attrs, 'id') === 'ptdv-preload') { dropped.push('the ward part\'s preload'); return ''; }
  const src = attr(attrs, 'src');
  let code = body;
  if (src) {
    const path = local(src);
    if (!path) { dropped.push(`<script src="${src}">`); return ''; }
    code = readFileSync(path, 'utf8');
  }
  // Service workers do not run at file:// (the registration would only fail).
  if (/serviceWorker/.test(code) || /(^|\/)sw\.js/.test(src ?? '')) {
    dropped.push(`service worker script ${src ?? '(inline)'}`);
    return '';
  }
  inlineScripts.push(scriptSafe(code, src ?? 'an inline script'));
  return `<script${type ? ` type="${type}"` : ''}>\u0000${inlineScripts.length - 1}\u0000</script>`;
});

html = html.replace(/<link\b([^>]*?)\/?>/gi, (whole, attrs) => {
  const rel = (attr(attrs, 'rel') ?? '').toLowerCase().split(/\s+/);
  const href = attr(attrs, 'href');
  if (attrs.includes('data-trunk')) return '';
  if (rel.includes('stylesheet') && href) {
    const path = local(href);
    if (!path) fail(`stylesheet ${href} not found in ${DIST}`);
    const css = readFileSync(path, 'utf8');
    for (const [, url] of css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) {
      if (!url.startsWith('data:') && !url.startsWith('#')) fail(`${href} refers to ${url}, which would not load from the single file`);
    }
    if (/<\/style/i.test(css)) fail(`${href} contains "</style"`);
    return `<style>${css}</style>`;
  }
  if (rel.some((r) => r.endsWith('icon')) && href) {
    const path = local(href);
    if (!path) { dropped.push(`icon ${href}`); return ''; }
    const type = attr(attrs, 'type') ?? (path.endsWith('.svg') ? 'image/svg+xml' : path.endsWith('.png') ? 'image/png' : 'image/x-icon');
    return `<link rel="${rel.join(' ')}" href="data:${type};base64,${b64(readFileSync(path))}" type="${type}">`;
  }
  if (href && (rel.includes('modulepreload') || rel.includes('preload'))) return '';   // nothing to fetch
  if (href) { dropped.push(`<link rel="${rel.join(' ')}" href="${href}">`); return ''; }
  return whole;
});

// The policy: this file's own scripts by hash, its wasm, its worker from blob:, no network.
// Styles keep 'unsafe-inline' (the inlined stylesheet and the style attributes the app sets).
const CSP = [
  "default-src 'none'",
  `script-src ${[...new Set(inlineScripts.map(sha256))].join(' ')} 'wasm-unsafe-eval'`,
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  "font-src 'none'",
  "connect-src 'none'",
  'worker-src blob:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
// The hosted page's policy goes, with the comment just before it (which explains that one).
const cspMeta = /(?:<!--(?:(?!-->)[\s\S])*-->\s*)?<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>\s*/gi;
html = html.replace(cspMeta, '');
// The hosted build's mark that the app should register its offline service worker (src/offline.rs
// registers none from file: either): service workers do not run from a file.
html = html.replace(/\s*<meta\s+name="ptdv-offline"[^>]*>/gi, () => { dropped.push('the service worker mark <meta name="ptdv-offline">'); return ''; });
const charset = html.match(/<meta\s+charset[^>]*>/i);
if (!charset) fail('no <meta charset> in dist/index.html');
html = html.replace(charset[0], `${charset[0]}
  <!-- The one-file build (scripts/single.mjs): nothing is fetched, no script runs but these. -->
  <meta http-equiv="Content-Security-Policy" content="${CSP}">`);

// The inlined bytes, inert until read: base64 has no character the HTML parser acts on.
const blocks = [
  ['ptdv-app-wasm', readFileSync(app.wasm)],
  ['ptdv-worker-head', Buffer.from(workerHead, 'utf8')],
  ['ptdv-worker-wasm', readFileSync(workerWasmPath)],
  ...parts.map((p) => [`ptdv-part-${p.name}`, readFileSync(p.path)]),
].map(([id, bytes]) => `<script type="application/octet-stream" id="${id}">${b64(bytes)}</script>`).join('\n');
if (!/<\/body>/i.test(html)) fail('no </body> in dist/index.html');
html = html.replace(/<\/body>/i, `${blocks}\n</body>`);
// Last, so that no replacement above reads the scripts' own text.
if (!html.includes('\u00000\u0000')) fail('Trunk\'s loader script was not replaced');
html = html.replace(/\u0000(\d+)\u0000/g, (_, i) => inlineScripts[Number(i)]);

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, html);
const raw = Buffer.byteLength(html);
const gz = gzipSync(html, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
for (const d of dropped) console.log(`single.mjs: left out ${d}`);
console.log(`single.mjs: wrote ${OUT}: ${raw.toLocaleString('en')} bytes (${kb(raw)}), gzip -9 ${gz.toLocaleString('en')} bytes (${kb(gz)})`);
