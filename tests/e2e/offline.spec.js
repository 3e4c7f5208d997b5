// Issue 15: offline after the first visit, the update prompt, the strict page, the version.
// These journeys run against copies of dist/ that their own server (on the next port) serves
// under a sub-path, as a static host would: a test can then take the server away or serve the
// next release at the same address. Every journey also proves, through the fixture, that no
// Content-Security-Policy violation was reported.
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, axeViolations, openRoute, SCREENSHOT_DIR, unpackStored } from './fixtures.js';
import { serve, SUB_PATH } from '../../scripts/serve-dist.mjs';
import { postbuild } from '../../scripts/postbuild.mjs';

const PORT = Number(process.env.PTDV_E2E_PORT) + 1;
const NOW = new Date('2026-11-22T09:00:00+07:00');
const OFFLINE = 'Đang ngoại tuyến — dữ liệu vẫn lưu trên máy này, không mất gì.';
const UPDATE = 'Có phiên bản mới — tải lại';

let server;
let work;
/** This release (a copy of dist/) and the next one (its index.html changed, the hook run again). */
const release = {};

test.use({ baseURL: `http://127.0.0.1:${PORT}${SUB_PATH}` });

test.beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ptdv-offline-'));
  release.a = join(work, 'a');
  release.b = join(work, 'b');
  await cp('dist', release.a, { recursive: true, filter: (src) => !src.includes('.stage') });
  await cp(release.a, release.b, { recursive: true });
  const index = join(release.b, 'index.html');
  await writeFile(index, (await readFile(index, 'utf8')).replace('<html lang="vi">', '<html lang="vi" data-release="b">'));
  await postbuild(release.b);
  // A file the server has that is not the app's: the worker must leave it alone.
  await writeFile(join(release.a, 'khac.txt'), 'not part of the app');
  server = await serve(release.a, PORT);
});

test.afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
  if (work) await rm(work, { recursive: true, force: true });
});

test.beforeEach(async ({ page }) => {
  server.serveFrom(release.a);
  await page.clock.setFixedTime(NOW);
});

/** The build id and the files a release's sw.js keeps at install and on demand. */
async function workerOf(dir) {
  const sw = await readFile(join(dir, 'sw.js'), 'utf8');
  const read = (name) => JSON.parse(sw.match(new RegExp(`const ${name} = (.*);`))[1]);
  return { build: read('BUILD'), core: read('CORE'), onDemand: read('ON_DEMAND') };
}

/** Waits until the release's service worker runs the page (it takes over on the first visit). */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30_000 });
}

/** The app's caches: name → the paths in it, below the sub-path. */
async function caches(page) {
  return page.evaluate(async (base) => {
    const out = {};
    for (const name of await self.caches.keys()) {
      const cache = await self.caches.open(name);
      out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname.replace(base, '')).sort();
    }
    return out;
  }, SUB_PATH);
}

test('after the first visit the app opens with no network, works, saves, and says it is offline', async ({ page, context }) => {
  const sw = await workerOf(release.a);
  // First visit: a ward is made; the service worker keeps the app's own files.
  await openRoute(page, '#/');
  await page.getByLabel('Tên đảng bộ').fill('Tân Lập');
  await page.getByLabel('Cấp ủy cấp trên trực tiếp').fill('Tỉnh ủy Thái Nguyên');
  await page.getByRole('button', { name: 'Tạo đảng bộ' }).click();
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Tân Lập');
  await controlled(page);
  // It kept exactly this release's files, in a cache named after its scope and build; a file of
  // the server that is not the app's goes through untouched and is not kept.
  expect(await page.evaluate(() => fetch('./khac.txt').then((r) => r.text()))).toBe('not part of the app');
  expect(await caches(page)).toEqual({ [`ptdv http://127.0.0.1:${PORT}${SUB_PATH} ${sw.build}`]: [...sw.core].sort() });
  await expect(page.getByTestId('offline-notice')).toHaveCount(0);
  // The first visit loaded the frame and the welcome, then, once the ward existed, Tổng quan's
  // part (ward, with the file format's reader); not the other pages' parts (scripts/split.mjs).
  // The service worker has kept those too, for offline use.
  const partsLoaded = () => page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname.split('/').pop()).filter((f) => f.startsWith('ptdv-part-')));
  expect((await partsLoaded()).filter((f) => /^ptdv-part-(records|reports|rollup|data)-/.test(f))).toEqual([]);
  expect(sw.core.filter((f) => /^ptdv-part-(ward|records|reports|rollup|data)-/.test(f))).toHaveLength(5);

  // The network goes: the browser says so, and the server is gone as well.
  server.serveFrom(null);
  const asked = server.served.length;
  await context.setOffline(true);
  await expect(page.getByTestId('offline-notice')).toHaveText(OFFLINE);
  await page.reload();
  await expect(page.locator('html[data-ready="1"]')).toHaveCount(1);
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Tân Lập');
  await expect(page.getByTestId('offline-notice')).toHaveText(OFFLINE);

  // It works and saves: a cell added offline is stored, and there after another reload.
  const nav = page.getByRole('navigation', { name: 'Các trang chính' });
  await nav.getByRole('link', { name: 'Chi bộ' }).click();
  await page.getByRole('link', { name: 'Thêm chi bộ' }).click();
  await page.locator('#cell-code').fill('TDP03');
  await page.locator('#cell-name').fill('Chi bộ Tổ dân phố số 3');
  await page.locator('#cell-kind').selectOption({ label: 'Tổ dân phố, khu dân cư' });
  await page.locator('#cell-committee_member_in_charge').fill('Đỗ Văn Nam');
  await page.getByRole('button', { name: 'Lưu chi bộ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chi bộ Tổ dân phố số 3');
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  // (Chi bộ's code is in the records part, never opened before this: it came from the service
  // worker's cache, with the server gone.)
  const doc = JSON.parse(unpackStored(await page.evaluate(() => localStorage.getItem('ptdv:doc'))));
  expect(doc.data.cells.map((c) => c.name)).toEqual(['Chi bộ Tổ dân phố số 3']);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chi bộ Tổ dân phố số 3');
  await expect(page.getByTestId('offline-notice')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-1366.png` });
  // Nothing came from the server meanwhile (the browser may only have asked for a new sw.js).
  expect(server.served.slice(asked).filter((p) => !p.endsWith('/sw.js'))).toEqual([]);

  // The network is back: the notice goes.
  server.serveFrom(release.a);
  await context.setOffline(false);
  await expect(page.getByTestId('offline-notice')).toHaveCount(0);
});

test('a new release waits for the user: "Có phiên bản mới — tải lại" reloads into it', async ({ page }) => {
  const [a, b] = [await workerOf(release.a), await workerOf(release.b)];
  expect(b.build).not.toBe(a.build);
  await openRoute(page, '#/du-lieu');
  await controlled(page);
  await expect(page.getByRole('button', { name: UPDATE })).toHaveCount(0);

  // The next release is published at the same address; the browser finds it on the next visit.
  server.serveFrom(release.b);
  await page.reload();
  await expect(page.locator('html[data-ready="1"]')).toHaveCount(1);
  const button = page.getByRole('button', { name: UPDATE });
  await expect(button).toBeVisible({ timeout: 30_000 });
  // Nothing switched under the user's feet: the page still runs the release it opened with.
  await expect(page.locator('html')).not.toHaveAttribute('data-release', 'b');
  expect(Object.keys(await caches(page)).sort()).toEqual(
    [`ptdv http://127.0.0.1:${PORT}${SUB_PATH} ${a.build}`, `ptdv http://127.0.0.1:${PORT}${SUB_PATH} ${b.build}`].sort());
  await expect(page.getByTestId('connection-notices')).toHaveAttribute('role', 'status');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/update-prompt-1366.png` });

  // The user asks: the new release takes over, the page reloads into it, the old cache goes.
  await button.click();
  await expect(page.locator('html[data-release="b"][data-ready="1"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dữ liệu');
  await expect(page.getByRole('button', { name: UPDATE })).toHaveCount(0);
  await expect.poll(async () => Object.keys(await caches(page))).toEqual([`ptdv http://127.0.0.1:${PORT}${SUB_PATH} ${b.build}`]);
});

test('the page allows only its own scripts: the inline loader by its hash, no \'unsafe-inline\'', async ({ page }) => {
  const html = await readFile(join(release.a, 'index.html'), 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '));
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(inline.length).toBeGreaterThan(0);
  const hashes = inline.map((t) => `'sha256-${createHash('sha256').update(t).digest('base64')}'`);
  expect(scriptSrc).toBe(['script-src', "'self'", ...hashes, "'wasm-unsafe-eval'"].join(' '));
  expect(csp).not.toMatch(/'unsafe-eval'/);
  // And the page runs under it (the fixture fails the test on any violation).
  await openRoute(page, '#/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chào mừng đến với Phát triển đảng viên');
});

test('Dữ liệu shows the app\'s version and the day it was built', async ({ page }) => {
  const cargo = await readFile('Cargo.toml', 'utf8');
  const version = cargo.match(/\[workspace\.package\]\s*\nversion = "([^"]+)"/)[1];
  await openRoute(page, '#/du-lieu');
  const about = page.getByTestId('about-app');
  await expect(about.getByRole('heading', { level: 2 })).toHaveText('Phiên bản ứng dụng');
  await expect(page.getByTestId('app-version')).toHaveText(version);
  const date = await page.getByTestId('build-date').textContent();
  expect(date).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  const [d, m, y] = date.split('/').map(Number);
  const built = Date.UTC(y, m - 1, d);
  expect(new Date(built).getUTCDate(), 'a real day').toBe(d);
  // Not before this app existed, not after today (the machine's clock, not the page's).
  expect(built).toBeGreaterThanOrEqual(Date.UTC(2025, 0, 1));
  expect(built).toBeLessThanOrEqual(Date.now() + 86_400_000);
  expect(await axeViolations(page)).toEqual([]);
  await about.screenshot({ path: `${SCREENSHOT_DIR}/about-app-1366.png` });
});
