// Benchmark of the release build in dist/ (run by `make bench`, which builds it first).
// Prints figures; passes or fails nothing.
//  1. Size of the wasm, JS and CSS: raw, gzip -9, brotli (max quality); what the first visit
//     loads (the page, the app's JS, wasm and CSS, the icon, sw.js; not the worker module, fetched only
//     when asked) summed (budget: 450 KB gzip).
//  2. Time from navigation to the rendered shell in headless Chromium (the app's
//     `ptdv:rendered` performance mark), median of RUNS cold loads, beside a blank HTML page
//     served the same way in the same run (the floor), and their ratio.
//  3. Stored size of the demo ward per candidate (localStorage counts UTF-16 units).
//  4. Import of the demo scaled to 10,000 candidates (.bench/ward-10k.json, written by the
//     domain's demo_file example): the app's format::load (its `ptdv:import` measure) against
//     plain JSON.parse of the same file in the same page, medians of IMPORT_RUNS.
//  5. With that ward in memory: the candidate list shown after navigation, keystroke → updated
//     list (the app's `ptdv:search` measure), and list → a person's page (hash change until
//     the page's heading and timeline are in the DOM), for 25 people across the file.
//  6. Tổng quan with that ward: a change of period or scope until the whole page shows the
//     new view (figures and every chart), median of 8 changes.
//  6b. Báo cáo with that ward: a change of period until the report is redrawn.
//  6c. The 10,000-candidate ward's .xlsx: the click → the file offered.
//  8. The demo ward's .xlsx: the click → the file offered (the worker module fetched and
//     started, the report computed, the file written), in a fresh profile each run (cold) and
//     again in the same page; and "Dùng dữ liệu mẫu" → the demo ward stored (its generator
//     is in the same worker module).
//  7. Tổng quan with the demo ward stored: navigation → every chart drawn, median of RUNS cold
//     loads, beside the shell with the same ward stored (the Dữ liệu page, no chart) and the
//     empty shell of item 2 (budget: at most 2× the shell).
//  9. Tổng hợp reading 100 files the size of the demo ward (a province's wards): choice → the
//     set shown (budget 10 s), long tasks and the longest time the page did not answer
//     meanwhile, the progress counts seen, and the memory the tab uses once the set is shown.
//     BENCH_ONLY=rollup runs this item alone.
// 10. On Chromium's "Slow 4G" line (562.5 ms latency, 1.6 Mbit/s down, 750 kbit/s up; files sent
//     gzip-compressed, as a static host does): navigation → Tổng quan with the demo ward stored
//     and every chart drawn, a first visit in a fresh profile, median of SLOW_RUNS (default 5),
//     beside a blank page on the same line in the same run, and a new user's first visit (nothing
//     stored: navigation → the welcome); and a second visit, when the service
//     worker serves the app's files; and Báo cáo first opened, its part fetched on the same line.
//     BENCH_ONLY=slow4g runs this item alone.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { chromium } from '@playwright/test';
import { serve } from './serve-dist.mjs';
import { unpackStored } from './stored.mjs';

const RUNS = Number(process.env.RUNS ?? 9);
const DIST = process.env.BENCH_DIST ?? 'dist';
const ONLY = process.env.BENCH_ONLY;                    // "rollup": item 9 alone

const fmt = (n) => n.toLocaleString('en-US');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const server = await serve(DIST, 0, '.bench');
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

if (ONLY) {
  if (ONLY === 'rollup') await rollUp();
  else if (ONLY === 'import') await importTime();
  else if (ONLY === 'slow4g') await slowLine();
  else if (ONLY === 'sizes') await sizes();
  else throw new Error(`BENCH_ONLY=${ONLY}: only "rollup", "import", "slow4g" and "sizes" are known`);
  await browser.close();
  server.close();
  process.exit(0);
}

await sizes();

async function timeToRendered(url) {
  const context = await browser.newContext();          // a fresh profile: cold cache every run
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready="1"]', { timeout: 30_000 });
  const ms = await page.evaluate(() => performance.getEntriesByName('ptdv:rendered')[0]?.startTime ?? NaN);
  await context.close();
  return ms;
}

const app = [], blank = [];
await timeToRendered(`${base}/index.html`);             // warm the server and the OS file cache
for (let i = 0; i < RUNS; i++) {                        // interleaved, so drift hits both alike
  blank.push(await timeToRendered(`${base}/__blank.html`));
  app.push(await timeToRendered(`${base}/index.html#/`));
}

// Stored size of the demo ward.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-11-22T09:00:00+07:00'));
  await page.goto(`${base}/index.html#/`);
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await page.waitForFunction(() => !!localStorage.getItem('ptdv:doc'));
  const doc = await page.evaluate(() => localStorage.getItem('ptdv:doc'));
  const units = doc.length, candidates = JSON.parse(unpackStored(doc)).data.candidates.length;
  console.log(`\nStored demo ward: ${fmt(units)} UTF-16 units for ${candidates} candidates = ${fmt(Math.round(units / candidates))} per candidate`);
  console.log(`  (${(100 * units / 5_242_880).toFixed(1)} % of the ≈5,242,880-unit localStorage quota)`);
  await context.close();
}

// Import of the 10,000-candidate file.
await importTime();

// Keystroke → updated candidate list with the 10,000-candidate ward in memory.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/index.html#/du-lieu`);
  await page.waitForSelector('html[data-ready="1"]');
  await page.setInputFiles('#import-file', '.bench/ward-10k.json');
  await page.getByRole('button', { name: 'Dùng dữ liệu trong tệp' }).click({ timeout: 300_000 });
  await page.goto(`${base}/index.html#/ho-so`);
  const t0 = Date.now();
  const search = page.getByLabel('Tìm theo tên');
  await search.waitFor({ timeout: 300_000 });
  await page.getByRole('table').waitFor({ timeout: 300_000 });
  const listReady = Date.now() - t0;
  const times = [];
  for (const query of ['nguyen', 'tran thi', 'hoa an', 'le van h']) {
    await search.fill('');
    for (const ch of query) {
      const before = await page.evaluate(() => performance.getEntriesByName('ptdv:search').length);
      await search.press(ch === ' ' ? 'Space' : ch);
      await page.waitForFunction((n) => performance.getEntriesByName('ptdv:search').length > n, before);
      times.push(await page.evaluate(() => performance.getEntriesByName('ptdv:search').at(-1).duration));
    }
  }
  const n = await page.evaluate(() => JSON.parse(localStorage.getItem('ptdv:doc') ?? 'null') ? 'stored' : 'in memory only');
  console.log(`\nCandidate list with the 10,000-candidate ward (${n}):`);
  console.log(`  list shown after navigation (index build + first render): ${listReady} ms`);
  console.log(`  keystroke → updated list: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms over ${times.length} keystrokes`);

  // Opening a person's page from the list: hash change → heading and timeline in the DOM.
  const ward = JSON.parse(await readFile('.bench/ward-10k.json', 'utf8')).data;
  const step = Math.floor(ward.candidates.length / 25);
  const people = ward.candidates.filter((_, i) => i % step === 0).slice(0, 25);
  const open = [];
  for (const c of people) {
    await page.evaluate(() => { location.hash = '#/ho-so'; });
    await page.getByTestId('roster-table').waitFor();
    open.push(await page.evaluate(({ id, name }) => new Promise((resolve) => {
      const t0 = performance.now();
      const ready = () => document.querySelector('main h1')?.textContent === name && document.querySelector('[data-testid=timeline]');
      const observer = new MutationObserver(() => {
        if (ready()) { observer.disconnect(); resolve(performance.now() - t0); }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      location.hash = `#/ho-so/${encodeURIComponent(id)}`;
    }), { id: c.id, name: c.full_name }));
  }
  console.log(`  list → a person's page: median ${median(open).toFixed(1)} ms, max ${Math.max(...open).toFixed(1)} ms over ${open.length} people`);

  // Tổng quan: a change of period or scope → the whole page in the new view.
  await page.evaluate(() => { location.hash = '#/tong-quan?ky=nam-2026'; });
  await page.getByTestId('chart-xu-huong').waitFor({ timeout: 300_000 });
  const changes = [
    ['view-kind', 'quy', /^Quý/], ['view-scope', 'loai:truong_hoc', /Trường học$/], ['view-kind', 'nhiem-ky', /^Nhiệm kỳ/],
    ['view-scope', '', /Toàn Đảng bộ$/], ['view-kind', 'thang', /^Tháng/], ['view-scope', 'nguon:doan_thanh_nien', /Đoàn Thanh niên$/],
    ['view-kind', 'nam', /^Năm/], ['view-scope', '', /Toàn Đảng bộ$/],
  ];
  const redraw = [];
  for (const [id, value, label] of changes) {
    redraw.push(await page.evaluate(({ id, value, source }) => new Promise((resolve) => {
      const want = new RegExp(source);
      const select = document.getElementById(id);
      const t0 = performance.now();
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      const check = () => {
        const text = document.querySelector('[data-testid=view-label]')?.textContent ?? '';
        if (want.test(text) && document.querySelector('[data-testid=chart-xu-huong]')) {
          requestAnimationFrame(() => resolve(performance.now() - t0));
        } else {
          requestAnimationFrame(check);
        }
      };
      check();
    }), { id, value, source: label.source }));
  }
  console.log(`\nTổng quan with the 10,000-candidate ward: period or scope changed → whole page redrawn`);
  console.log(`  median ${median(redraw).toFixed(1)} ms, max ${Math.max(...redraw).toFixed(1)} ms over ${redraw.length} changes (budget 100 ms)`);

  // Báo cáo: a change of period → the report redrawn (until its title names the new period:
  // the page updates the report in place, so the title is what tells the new one).
  await page.evaluate(() => { location.hash = '#/bao-cao?ky=nam-2026'; });
  await page.getByTestId('report-title').waitFor({ timeout: 300_000 });
  const reportChanges = [['quy', /quý IV năm 2026$/], ['nhiem-ky', /nhiệm kỳ/], ['6-thang', /6 tháng cuối năm 2026$/],
    ['thang', /tháng 12 năm 2026$/], ['quy', /quý IV năm 2026$/], ['nam', /viên năm 2026$/]];
  const reportRedraw = [];
  for (const [value, label] of reportChanges) {
    reportRedraw.push(await page.evaluate(({ value, source }) => new Promise((resolve) => {
      const want = new RegExp(source);
      const select = document.getElementById('view-kind');
      const t0 = performance.now();
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      const check = () => {
        const text = document.querySelector('[data-testid=report-title]')?.textContent ?? '';
        if (want.test(text)) requestAnimationFrame(() => resolve(performance.now() - t0));
        else requestAnimationFrame(check);
      };
      check();
    }), { value, source: label.source }));
  }
  const computed = await page.evaluate(() => performance.getEntriesByName('ptdv:report').slice(-6).map((e) => e.duration));
  console.log(`\nBáo cáo with the 10,000-candidate ward: period changed → report redrawn`);
  console.log(`  of which WardReport::compute (measure ptdv:report): median ${median(computed).toFixed(1)} ms`);
  console.log(`  median ${median(reportRedraw).toFixed(1)} ms, max ${Math.max(...reportRedraw).toFixed(1)} ms over ${reportRedraw.length} changes (budget 100 ms)`);
  const big = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const dl = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Tải Excel (.xlsx)' }).click();
    await dl;
    big.push(performance.now() - t);
  }
  console.log(`  its .xlsx (click → file offered): median ${median(big).toFixed(0)} ms over ${big.length}`);
  await context.close();
}

// Tổng quan's first render with the demo ward stored, cold loads, beside the shell.
const dash = [], shellWithWard = [];
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/index.html#/`);
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await page.waitForFunction(() => !!localStorage.getItem('ptdv:doc'));
  const doc = await page.evaluate(() => localStorage.getItem('ptdv:doc'));
  await context.close();
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext();
    await ctx.addInitScript((d) => { if (!localStorage.getItem('ptdv:doc')) localStorage.setItem('ptdv:doc', d); }, doc);
    const p = await ctx.newPage();
    await p.goto(`${base}/index.html#/tong-quan?ky=nam-2026`);
    const handle = await p.waitForFunction(() => {
      const done = document.querySelectorAll('.chart-svg svg').length >= 10 && document.querySelector('[data-testid=chart-xu-huong] .chart-svg svg');
      if (done && !window.__drawn) window.__drawn = performance.now();
      return done ? window.__drawn : null;
    }, null, { polling: 'raf', timeout: 60_000 });
    dash.push(await handle.jsonValue());
    await ctx.close();
    // The shell with the same ward stored, on a page without charts (Dữ liệu).
    const ctx2 = await browser.newContext();
    await ctx2.addInitScript((d) => { if (!localStorage.getItem('ptdv:doc')) localStorage.setItem('ptdv:doc', d); }, doc);
    const p2 = await ctx2.newPage();
    await p2.goto(`${base}/index.html#/du-lieu`);
    await p2.waitForSelector('html[data-ready="1"]', { timeout: 60_000 });
    shellWithWard.push(await p2.evaluate(() => performance.getEntriesByName('ptdv:rendered')[0]?.startTime ?? NaN));
    await ctx2.close();
  }
}

// The demo ward's .xlsx, and the demo ward itself, both made by the worker module.
const xlsxCold = [], xlsxWarm = [], demoMade = [];
let demoDoc;
for (let i = 0; i < RUNS; i++) {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(`${base}/index.html#/`);
  await p.waitForSelector('html[data-ready="1"]');
  const t0 = performance.now();
  await p.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await p.waitForFunction(() => !!localStorage.getItem('ptdv:doc'), null, { polling: 'raf' });
  demoMade.push(performance.now() - t0);
  demoDoc ??= await p.evaluate(() => localStorage.getItem('ptdv:doc'));
  await ctx.close();
  // A fresh profile with the ward stored: the writer has never been fetched.
  const ctx2 = await browser.newContext();
  await ctx2.addInitScript((d) => { if (!localStorage.getItem('ptdv:doc')) localStorage.setItem('ptdv:doc', d); }, demoDoc);
  const p2 = await ctx2.newPage();
  await p2.goto(`${base}/index.html#/bao-cao?ky=nam-2026`);
  await p2.getByTestId('report-title').waitFor();
  for (const bucket of [xlsxCold, xlsxWarm]) {
    const t = performance.now();
    const dl = p2.waitForEvent('download');
    await p2.getByRole('button', { name: 'Tải Excel (.xlsx)' }).click();
    await dl;
    bucket.push(performance.now() - t);
  }
  await ctx2.close();
}

await rollUp();
await slowLine();
await browser.close();
server.close();

const a = median(app), b = median(blank);
console.log(`\nNavigation → rendered, median of ${RUNS} cold loads (headless Chromium, 127.0.0.1)`);
console.log(`  app shell:  ${a.toFixed(1)} ms   (min ${Math.min(...app).toFixed(1)}, max ${Math.max(...app).toFixed(1)})`);
console.log(`  blank page: ${b.toFixed(1)} ms   (min ${Math.min(...blank).toFixed(1)}, max ${Math.max(...blank).toFixed(1)})`);
console.log(`  ratio app / blank: ${(a / b).toFixed(2)}`);
const d = median(dash);
console.log(`\nTổng quan with the demo ward: navigation → every chart drawn, median of ${RUNS} cold loads`);
const w = median(shellWithWard);
console.log(`  ${d.toFixed(1)} ms (min ${Math.min(...dash).toFixed(1)}, max ${Math.max(...dash).toFixed(1)})`);
console.log(`  the shell with the same ward stored (Dữ liệu, no chart): ${w.toFixed(1)} ms → dashboard ${(d / w).toFixed(2)} × (budget 2×)`);
console.log(`  the empty shell (item 2): ${a.toFixed(1)} ms → ${(d / a).toFixed(2)} × (the stored ward's load is most of the gap)`);
console.log(`\nThe demo ward's .xlsx (Báo cáo, năm 2026): click → file offered, median of ${RUNS}`);
console.log(`  first click in a fresh profile (the worker module fetched): ${median(xlsxCold).toFixed(0)} ms (max ${Math.max(...xlsxCold).toFixed(0)}) (budget 1 s)`);
console.log(`  a second click: ${median(xlsxWarm).toFixed(0)} ms (max ${Math.max(...xlsxWarm).toFixed(0)})`);
console.log(`"Dùng dữ liệu mẫu" → the demo ward stored: ${median(demoMade).toFixed(0)} ms (max ${Math.max(...demoMade).toFixed(0)})`);

// Tổng hợp with 100 wards' files the size of the demo ward, read at once (item 9).
async function rollUp() {
  // The demo ward as the welcome page makes it, copied with a distinct ward each; on disk, as
  // Playwright refuses buffers over 50 MB in setInputFiles.
  const maker = await browser.newContext();
  const mp = await maker.newPage();
  await mp.goto(`${base}/index.html#/`);
  await mp.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await mp.waitForFunction(() => !!localStorage.getItem('ptdv:doc'));
  const demo = unpackStored(await mp.evaluate(() => localStorage.getItem('ptdv:doc')));
  await maker.close();
  const dir = '.bench/rollup-files';
  await mkdir(dir, { recursive: true });
  const paths = [];
  let candidates = 0, bytes = 0;
  for (let i = 1; i <= 100; i++) {
    const n = String(i).padStart(3, '0');
    const doc = JSON.parse(demo);
    for (const w of [doc.ward, doc.data.ward]) { w.id = `dbp-thu-${n}`; w.name = `Thử ${n}`; }
    const text = JSON.stringify(doc);
    candidates += doc.data.candidates.length;
    bytes += Buffer.byteLength(text);
    paths.push(`${dir}/ward-${n}.json`);
    await writeFile(paths.at(-1), text);
  }

  const MB = 1024 * 1024;
  const runs = Math.min(RUNS, 3);
  const shown = [], longest = [], long200 = [], unanswered = [], counts = [], tab = [], grown = [], peak = [], all = [], heap = [], wasm = [];
  let first = '', last = '', xlsx = null;
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    // The app's data live in its wasm memory, which the JS heap does not count.
    await context.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
    const page = await context.newPage();
    await page.goto(`${base}/index.html#/tong-hop`);
    await page.getByRole('heading', { level: 1, name: 'Tổng hợp' }).waitFor();
    const before = await renderers();
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
        .observe({ type: 'longtask', buffered: false });
    });
    // Meanwhile, from here: ask the page every 10 ms, noting the longest wait between two
    // answers and the file count its progress shows.
    let reading = true, gap = 0;
    const seen = new Set();
    const poll = (async () => {
      for (let prev = performance.now(); reading; await new Promise((r) => setTimeout(r, 10))) {
        const p = await page.evaluate(() => {
          const el = document.querySelector('[data-testid=rollup-progress]');
          if (!el || !el.getClientRects().length) return null;
          const bar = el.matches('progress') ? el : el.querySelector('progress');
          return { text: el.textContent.trim(), count: el.textContent.match(/(\d+)\s*\/\s*\d+/)?.[1] ?? bar?.value };
        });
        const now = performance.now();
        gap = Math.max(gap, now - prev);
        prev = now;
        if (p?.count != null) { seen.add(String(p.count)); first ||= p.text; last = p.text; }
      }
    })();
    const t0 = performance.now();
    const heading = page.getByTestId('rollup-set').getByRole('heading');
    try {
      await page.getByLabel('Chọn các tệp xuất (.json)…').setInputFiles(paths);
      await heading.waitFor({ timeout: 120_000 });
      shown.push(performance.now() - t0);
    } finally {
      reading = false;
      await poll;
    }
    const title = await heading.textContent();
    if (!/^100 đảng bộ từ 100 tệp/.test(title)) throw new Error(`Tổng hợp shows "${title}", not 100 wards from 100 files`);
    const long = await page.evaluate(() => window.__long);
    longest.push(Math.max(0, ...long));
    long200.push(long.filter((d) => d >= 200).length);
    unanswered.push(gap);
    counts.push(seen.size);
    // The memory the tab uses with the set shown: its renderer is the one that grew most
    // (Chromium also runs a renderer for its own UI and keeps a spare one).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    heap.push(metrics.find((m) => m.name === 'JSHeapUsedSize').value / MB);
    wasm.push(await page.evaluate(() => window.__wasm?.memory.buffer.byteLength ?? NaN) / MB);
    const after = await renderers();
    const growth = (p) => p.rss - (before.find((b) => b.pid === p.pid)?.rss ?? 0);
    const mine = after.reduce((a, b) => (growth(b) > growth(a) ? b : a));
    tab.push(mine.rss / MB);
    grown.push(growth(mine) / MB);
    peak.push(mine.hwm / MB);
    all.push(after.reduce((t, p) => t + p.rss, 0) / MB);
    if (run === 0) {
      // The set's .xlsx (a summed sheet and one per ward), written by the worker.
      const t1 = performance.now();
      const download = page.waitForEvent('download', { timeout: 120_000 });
      await page.getByRole('button', { name: 'Tải Excel (.xlsx) của cả tập' }).click();
      const file = await download;
      xlsx = { ms: performance.now() - t1, bytes: (await readFile(await file.path())).length };
    }
    await context.close();
  }
  const max = (xs) => Math.max(...xs);
  console.log(`\nRoll-up of 100 ward files (${fmt(candidates)} candidates, ${fmt(bytes)} bytes) in Tổng hợp, median of ${runs} (the rest: max over runs)`);
  console.log(`  choice → set shown: ${median(shown).toFixed(0)} ms median (min ${Math.min(...shown).toFixed(0)}, max ${max(shown).toFixed(0)}) (budget < 10,000 ms)`);
  console.log(`  meanwhile: longest long task ${max(longest).toFixed(0)} ms, ${max(long200)} long tasks ≥ 200 ms; page unanswered at most ${max(unanswered).toFixed(0)} ms (asked every 10 ms)`);
  console.log(`  progress counts seen: ${max(counts)}${first ? ` (from “${first}” to “${last}”)` : ' (no progress seen)'}`);
  console.log(`  with the set shown: the tab's renderer RSS ${max(tab).toFixed(0)} MB (+${max(grown).toFixed(0)} MB over the empty page; peak ${max(peak).toFixed(0)} MB),`
    + ` wasm memory ${max(wasm).toFixed(0)} MB, JS heap ${max(heap).toFixed(1)} MB; all of Chromium's renderers ${max(all).toFixed(0)} MB`);
  console.log(`  the set's .xlsx (a summed sheet and one per ward): click → file offered ${xlsx.ms.toFixed(0)} ms, ${fmt(xlsx.bytes)} bytes`);
}

/** Chromium's renderer processes launched by this script: RSS and peak RSS (VmHWM), bytes. */
async function renderers() {
  const parent = new Map(), found = [];
  for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');       // "pid (comm) state ppid …"
      parent.set(Number(pid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if ((await readFile(`/proc/${pid}/cmdline`, 'utf8')).includes('--type=renderer')) found.push(Number(pid));
    } catch { /* gone meanwhile */ }
  }
  const ours = (pid) => { for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === process.pid) return true; return false; };
  const out = [];
  for (const pid of found.filter(ours)) {
    try {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kB = (key) => 1024 * Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))[1]);
      out.push({ pid, rss: kB('VmRSS'), hwm: kB('VmHWM') });
    } catch { /* gone meanwhile */ }
  }
  return out;
}

/** Item 1: each file's size, and the sum of what the first visit loads. */
async function sizes() {
  const row = (name, [raw, gz, br]) => console.log(name.padEnd(40), fmt(raw).padStart(10), fmt(gz).padStart(10), fmt(br).padStart(10));
  console.log('Sizes (bytes)');
  row('file', ['raw', 'gzip -9', 'brotli'].map((h) => h.padStart(10)));
  const first = [0, 0, 0], later = [0, 0, 0];
  for (const name of (await readdir(DIST)).filter((f) => /\.(wasm|js|css|html|svg)$/.test(f)).sort()) {
    const buf = await readFile(`${DIST}/${name}`);
    const size = [buf.length, gzipSync(buf, { level: 9 }).length,
      brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
    if (!name.startsWith('ptdv-part-')) row(name, size);
    // The worker module (Excel writer, demo ward) is fetched only when asked for, and the pages'
    // parts when a page is first opened.
    if (name.startsWith('ptdv-part-')) size.forEach((n, i) => { later[i] += n; });
    else if (!name.startsWith('ptdv-worker')) size.forEach((n, i) => { first[i] += n; });
  }
  row('the pages\' parts (ptdv-part-*), summed', later);
  row('first visit (all but the worker, the parts)', first);
  console.log(`  first visit: ${fmt(first[1])} bytes gzip (budget 460,800 = 450 KB)`);
}

// Item 10: the first visit on a slow line, beside a blank page on the same line.
async function slowLine() {
  const SLOW_RUNS = Number(process.env.SLOW_RUNS ?? 5);
  const slow = await serve(DIST, 0, null, { gzip: true });
  const at = `http://127.0.0.1:${slow.address().port}`;
  const line = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };
  const throttled = async (ctx) => {
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', line);
    return page;
  };
  let doc;
  {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(`${at}/index.html#/`);
    await p.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
    await p.waitForFunction(() => !!localStorage.getItem('ptdv:doc'));
    doc = await p.evaluate(() => localStorage.getItem('ptdv:doc'));
    await ctx.close();
  }
  const drawn = () => {
    const done = document.querySelectorAll('.chart-svg svg').length >= 10 && document.querySelector('[data-testid=chart-xu-huong] .chart-svg svg');
    if (done && !window.__drawn) window.__drawn = performance.now();
    return done ? window.__drawn : null;
  };
  const blank = [], welcome = [], welcomeBytes = [], first = [], second = [], bytes = [];
  const overLine = (p) => p.evaluate(() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
    .reduce((n, e) => n + (e.transferSize || 0), 0));
  for (let i = 0; i < SLOW_RUNS; i++) {
    {
      const ctx = await browser.newContext();
      const p = await throttled(ctx);
      await p.goto(`${at}/__blank.html`);
      await p.waitForSelector('html[data-ready="1"]');
      blank.push(await p.evaluate(() => performance.getEntriesByName('ptdv:rendered')[0]?.startTime ?? NaN));
      await ctx.close();
    }
    {
      // A first visit as a new user makes it: nothing stored, the welcome (no service worker
      // yet, so that only the page's own downloads count).
      const ctx = await browser.newContext({ serviceWorkers: 'block' });
      const p = await throttled(ctx);
      await p.goto(`${at}/index.html#/`);
      await p.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).waitFor({ timeout: 120_000 });
      welcome.push(await p.evaluate(() => performance.getEntriesByName('ptdv:rendered')[0]?.startTime ?? NaN));
      welcomeBytes.push(await overLine(p));
      await ctx.close();
    }
    const ctx = await browser.newContext();
    await ctx.addInitScript((d) => { if (!localStorage.getItem('ptdv:doc')) localStorage.setItem('ptdv:doc', d); }, doc);
    const p = await throttled(ctx);
    await p.goto(`${at}/index.html#/tong-quan?ky=nam-2026`);
    first.push(await (await p.waitForFunction(drawn, null, { polling: 'raf', timeout: 120_000 })).jsonValue());
    bytes.push(await overLine(p));
    // The second visit: the service worker, installed by the first, serves the app's files.
    await p.evaluate(() => navigator.serviceWorker?.ready);
    await p.reload();
    second.push(await (await p.waitForFunction(drawn, null, { polling: 'raf', timeout: 120_000 })).jsonValue());
    await ctx.close();
  }
  // A page whose code is a part (Báo cáo), first opened on the same line before any service
  // worker keeps the parts: the click → the report's title shown.
  const later = [];
  for (let i = 0; i < SLOW_RUNS; i++) {
    const ctx = await browser.newContext({ serviceWorkers: 'block' });
    await ctx.addInitScript((d) => { if (!localStorage.getItem('ptdv:doc')) localStorage.setItem('ptdv:doc', d); }, doc);
    const p = await throttled(ctx);
    await p.goto(`${at}/index.html#/tong-quan?ky=nam-2026`);
    await p.waitForFunction(drawn, null, { polling: 'raf', timeout: 120_000 });
    const t0 = Date.now();
    await p.getByRole('navigation', { name: 'Các trang chính' }).getByRole('link', { name: 'Báo cáo', exact: true }).click();
    await p.getByTestId('report-title').waitFor({ timeout: 120_000 });
    later.push(Date.now() - t0);
    await ctx.close();
  }
  slow.close();
  const runs = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`\nSlow 4G (562.5 ms, 1.6 Mbit/s down, gzip as a static host sends it), median of ${SLOW_RUNS}`);
  console.log(`  blank page: ${median(blank).toFixed(0)} ms (runs: ${runs(blank)})`);
  console.log(`  first visit of a new user, navigation → the welcome: ${median(welcome).toFixed(0)} ms (runs: ${runs(welcome)}), ${fmt(median(welcomeBytes))} bytes over the line`);
  console.log(`  first visit, navigation → Tổng quan with the demo ward, every chart drawn: ${median(first).toFixed(0)} ms (runs: ${runs(first)}), ${fmt(median(bytes))} bytes over the line`);
  console.log(`  second visit (files from the service worker's cache): ${median(second).toFixed(0)} ms (runs: ${runs(second)})`);
  console.log(`  Báo cáo first opened, its part fetched on the line (no service worker yet): ${median(later).toFixed(0)} ms (runs: ${runs(later)})`);
}

// Import of the 10,000-candidate file: the load against JSON.parse of the same text in the same
// page, the longest task while it reads (the page stays responsive) and the progress bar.
async function importTime() {
  const IMPORT_RUNS = Number(process.env.IMPORT_RUNS ?? 3);
  const file = '.bench/ward-10k.json';
  const size = (await readFile(file)).length;
  // Each run's ratio is of two figures taken a moment apart in one page, so a machine busy with
  // something else skews it less than the ratio of the two medians.
  const parse = [], load = [], longest = [], ratios = [];
  let progressSeen = 0;
  for (let i = 0; i < IMPORT_RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/index.html#/du-lieu`);
    await page.waitForSelector('html[data-ready="1"]');
    parse.push(await page.evaluate(async () => {
      const text = await (await fetch('./__bench/ward-10k.json')).text();
      const t0 = performance.now();
      JSON.parse(text);
      return performance.now() - t0;
    }));
    await page.evaluate(() => {
      window.__tasks = [];
      window.__bar = 0;
      new PerformanceObserver((l) => window.__tasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
      new MutationObserver(() => { if (document.querySelector('[data-testid="import-progress"] progress')) window.__bar++; })
        .observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.setInputFiles('#import-file', file);
    await page.getByTestId('import-preview').waitFor({ timeout: 300_000 });
    progressSeen += (await page.evaluate(() => window.__bar)) > 1 ? 1 : 0;
    load.push(await page.evaluate(() => performance.getEntriesByName('ptdv:import').at(-1)?.duration ?? NaN));
    ratios.push(load.at(-1) / parse.at(-1));
    longest.push(await page.evaluate(() => Math.max(0, ...window.__tasks)));
    await context.close();
  }
  const p = median(parse), l = median(load);
  console.log(`\nImport of ${file} (${fmt(size)} bytes), median of ${IMPORT_RUNS} in headless Chromium`);
  console.log(`  app (format::load in steps: decode, parse, validate): ${l.toFixed(0)} ms  (runs: ${load.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  plain JSON.parse of the same text:                    ${p.toFixed(0)} ms  (runs: ${parse.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  ratio: ${median(ratios).toFixed(2)}, the median of each run's (runs: ${ratios.map((x) => x.toFixed(2)).join(', ')}); of the medians ${(l / p).toFixed(2)} (budget 3)`);
  console.log(`  longest task while importing (incl. reading the file and the preview): ${median(longest).toFixed(0)} ms; progress bar shown and moving in ${progressSeen} of ${IMPORT_RUNS} runs`);
}
