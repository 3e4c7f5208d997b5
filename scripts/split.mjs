// The release build's pages in parts (run by `make build` after `trunk build --release`):
//   node scripts/split.mjs [dist]
//
// The first visit should download only what Tổng quan needs (issue 15). The pages named in
// src/split.rs are split points (Leptos's `wasm_split`): this script builds the app again with
// `--cfg ptdv_split`, cuts the wasm into a main module and one part per page (plus the parts
// several pages share) with `wasm-split-cli` (crate wasm_split_cli_support, installed by
// scripts/setup.sh), runs wasm-bindgen and wasm-opt on them as Trunk does, and puts them in
// dist/ in place of Trunk's single module:
//   ptdv-<H>.js, ptdv-<H>_bg.wasm   the main module and its glue (Trunk's loader starts it)
//   ptdv-split-<H>.js               the parts' loader, imported by the glue
//   ptdv-part-<name>-<H>.wasm       the parts, fetched when a page is first opened
// <H> is one hash of all the modules. Then scripts/postbuild.mjs runs again: the CSP hash of the
// loader, and sw.js, which keeps every part from the first visit on (offline use).
//
// Trunk keeps building the unsplit app for `trunk serve` and for its own index.html; that build
// is replaced here. The split build has its own target folder (target/split): its flags differ.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { postbuild } from './postbuild.mjs';

const DIST = resolve(process.argv[2] ?? 'dist');
const TARGET = resolve('target/split');
const OUT = join(TARGET, 'parts');
// As .cargo/config.toml gives the wasm build (erase_components), plus the split build's own:
// its cfg, and the relocations wasm-split-cli reads to follow every reference.
const RUSTFLAGS = '--cfg erase_components --cfg ptdv_split -C link-args=--emit-relocs';
// The features the browsers the app supports all have (as Trunk's wasm-opt reads them from the
// main module; a part carries no feature section of its own).
const FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

function fail(message) {
  console.error(`split.mjs: ${message}`);
  process.exit(1);
}
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
const hex = (bytes) => createHash('sha256').update(bytes).digest('hex');
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

if (!existsSync(join(DIST, 'index.html'))) fail(`${DIST}/index.html not found: run "trunk build --release" first`);

// 1. The app built with its split points.
run('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '--bin', 'ptdv'],
  { RUSTFLAGS, CARGO_TARGET_DIR: TARGET });
const raw = join(TARGET, 'wasm32-unknown-unknown', 'release', 'ptdv.wasm');

// 2. Cut, bind, optimise.
rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'cut'), { recursive: true });
run('wasm-split-cli', [raw, join(OUT, 'cut'), '--out-name', 'ptdv']);
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', join(OUT, 'bound'), '--out-name', 'ptdv', join(OUT, 'cut', 'ptdv.wasm')]);
// (--keep-lld-exports: the parts import the main module's function table, which wasm-bindgen
// would otherwise stop exporting.) wasm-opt on every module, as many at a time as there are cores.
const optimise = promisify(execFile);
async function optimised(from) {
  const to = `${from}.opt`;
  await optimise('wasm-opt', ['-Oz', ...FEATURES, from, '-o', to], { maxBuffer: 1 << 26 });
  return readFileSync(to);
}
async function eachAtMost(n, items, f) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) { const i = next++; out[i] = await f(items[i]); }
  }));
  return out;
}
let glue = readFileSync(join(OUT, 'bound', 'ptdv.js'), 'utf8');
let loader = readFileSync(join(OUT, 'cut', '__wasm_split.js'), 'utf8');
const files = readdirSync(join(OUT, 'cut')).filter((f) => f.endsWith('.wasm') && f !== 'ptdv.wasm').sort();
const [mainWasm, ...partBytes] = await eachAtMost(availableParallelism(), [join(OUT, 'bound', 'ptdv_bg.wasm'), ...files.map((f) => join(OUT, 'cut', f))], optimised);
const parts = files.map((file, i) => ({ file, bytes: partBytes[i] }));
if (parts.length === 0) fail('wasm-split-cli found no split point: is src/split.rs built with --cfg ptdv_split?');

// 3. Names: one hash of every module, so that the glue and the loader, which name each other,
//    change together.
const all = createHash('sha256');
all.update(mainWasm);
for (const p of parts) all.update(p.file).update(p.bytes);
const H = all.digest('hex').slice(0, 16);
const short = (file) => {
  const split = file.match(/^split_(?:part_)?(.+?)(?:_\d+)?\.wasm$/);
  const chunk = file.match(/^chunk_(\d+)\.wasm$/);
  if (split) return split[1].replaceAll('_', '-');
  if (chunk) return `shared${chunk[1]}`;
  return fail(`a part named ${file}: not a name wasm-split-cli gives`);
};
for (const p of parts) p.name = `ptdv-part-${short(p.file)}-${H}.wasm`;
const names = { glue: `ptdv-${H}.js`, wasm: `ptdv-${H}_bg.wasm`, loader: `ptdv-split-${H}.js` };

// 4. The references between them.
const replaceExactly = (text, from, to, what) => {
  if (!text.includes(from)) fail(`${what}: "${from}" not found`);
  return text.replaceAll(from, to);
};
for (const p of parts) loader = replaceExactly(loader, `"./${p.file}"`, `"./${p.name}"`, 'the parts\' loader');
loader = replaceExactly(loader, '"./ptdv.js"', `"./${names.glue}"`, 'the parts\' loader');
// Only the module specifiers: the keys of the imports object are the names the wasm imports by.
glue = replaceExactly(glue, 'from "./__wasm_split.js"', `from "./${names.loader}"`, 'the glue');
glue = glue.replaceAll("'ptdv_bg.wasm'", `'${names.wasm}'`);

// 5. In dist/, in place of Trunk's module.
let html = readFileSync(join(DIST, 'index.html'), 'utf8');
const trunkGlue = html.match(/from\s*['"]\.\/(ptdv-[0-9a-f]{16}\.js)['"]/)?.[1];
const trunkWasm = html.match(/module_or_path\s*:\s*['"]\.\/(ptdv-[0-9a-f]{16}_bg\.wasm)['"]/)?.[1];
if (!trunkGlue || !trunkWasm) fail('Trunk\'s loader (import … from ./ptdv-<hash>.js, module_or_path) not found in index.html');
for (const f of readdirSync(DIST)) {
  if (f === trunkGlue || f === trunkWasm || /^ptdv-(split|part)-/.test(f)) unlinkSync(join(DIST, f));
}
writeFileSync(join(DIST, names.glue), glue);
writeFileSync(join(DIST, names.wasm), mainWasm);
writeFileSync(join(DIST, names.loader), loader);
for (const p of parts) writeFileSync(join(DIST, p.name), p.bytes);

// (A second run on the same folder finds its own names where Trunk's were, and its own preload.)
html = html.replace(/<link rel="modulepreload" href="\.\/ptdv-split-[^"]*"[^>]*>/g, '');
html = html.replaceAll(trunkGlue, names.glue).replaceAll(trunkWasm, names.wasm);
// The preloads Trunk wrote carry the integrity of its files: the new files' instead. The parts'
// loader is preloaded beside the glue that imports it.
const integrity = { [names.glue]: sri(glue), [names.wasm]: sri(mainWasm), [names.loader]: sri(loader) };
html = html.replace(/<link\b[^>]*>/g, (tag) => {
  const href = tag.match(/href="\.\/([^"]+)"/)?.[1];
  if (!(href in integrity)) return tag;
  const fixed = tag.replace(/integrity="[^"]*"/, `integrity="${integrity[href]}"`);
  return href === names.glue
    ? `${fixed}<link rel="modulepreload" href="./${names.loader}" crossorigin="anonymous" integrity="${integrity[names.loader]}">`
    : fixed;
});
if (!html.includes(`href="./${names.loader}"`)) fail('no modulepreload of the glue in index.html to put the loader beside');
// A page opened with a ward stored needs the ward part (the reader, Tổng quan: src/reader.rs) and
// the shared parts it depends on at once: a small inline script asks for them beside the main
// module (a first visit, with nothing stored, does not). scripts/single.mjs drops it.
html = html.replace(/<script id="ptdv-preload">[\s\S]*?<\/script>/g, '');
const wardFiles = partFiles(loader, 'ward');
html = replaceExactly(html, '</head>', `<script id="ptdv-preload">try{if(localStorage.getItem("ptdv:doc"))for(const f of ${JSON.stringify(wardFiles)})`
  + '{const l=document.createElement("link");l.rel="preload";l.as="fetch";l.crossOrigin="anonymous";l.href=f;document.head.append(l)}}catch(e){}</script>\n</head>', 'index.html');
writeFileSync(join(DIST, 'index.html'), html);

/** The files the part `name` is made of, as the loader fetches them: its own and its shared parts'. */
function partFiles(loader, name) {
  const chunks = new Map([...loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const own = loader.match(new RegExp(`export const __wasm_split_load_${name} = wrapAsyncCb\\(makeLoad\\(\\(\\) => \\{\\s*const src = fetch\\(new URL\\("\\./([^"]+)"[\\s\\S]*?\\n, \\[([^\\]]*)\\]\\)\\)`));
  if (!own) fail(`the loader of the part "${name}" not found in the parts' loader`);
  const deps = own[2].split(',').map((d) => d.trim()).filter(Boolean);
  return [own[1], ...deps.map((d) => chunks.get(d) ?? fail(`the shared part ${d} of "${name}" not found in the parts' loader`))];
}

// 6. The CSP and the service worker for the new set of files.
const done = await postbuild(DIST);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`split.mjs: main module ${kb(mainWasm.length)}, ${parts.length} parts ${kb(parts.reduce((n, p) => n + p.bytes.length, 0))} (raw); `
  + `service worker build ${done.sw?.build} (${done.sw?.core.length} files at install)`);
