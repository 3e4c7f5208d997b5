// The one-file build (issue 15): dist-single/ptdv.html (make single, scripts/single.mjs) opened
// from file:// in Chromium starts, keeps its data across a reload, starts the worker only when
// asked (the demo ward, an .xlsx), exports and imports — with no request anywhere but the file
// itself, no console error and no Content-Security-Policy violation.
// It does not use fixtures.js: that one checks requests against the served dist/'s origin.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unpackStored } from '../../scripts/stored.mjs';

const FILE = resolve('dist-single/ptdv.html');
const PAGE = pathToFileURL(FILE).href;
const NOW = new Date('2026-11-22T09:00:00+07:00');
const SCREENSHOT_DIR = 'tests/e2e/artifacts/screens';

test.beforeAll(() => {
  // make single and make test-e2e write it; after a plain `make build` it is written here.
  const built = resolve('dist/index.html');
  if (!existsSync(FILE) || (existsSync(built) && statSync(FILE).mtimeMs < statSync(built).mtimeMs)) {
    execFileSync(process.execPath, ['scripts/single.mjs'], { stdio: 'inherit' });
  }
});

/** Console errors (page and workers), CSP violations, and every request that is not the file itself. */
async function watch(page) {
  const seen = { consoleErrors: [], cspViolations: [], requests: [] };
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  const onConsole = (msg) => {
    if (msg.type() !== 'error') return;
    (msg.text().startsWith('CSP violation') || /Content Security Policy/i.test(msg.text()) ? seen.cspViolations : seen.consoleErrors).push(msg.text());
  };
  page.on('console', onConsole);
  page.on('pageerror', (err) => seen.consoleErrors.push(String(err)));
  page.on('worker', (w) => w.on('console', onConsole));
  page.context().on('request', (req) => {
    const url = req.url();
    if (url.split('#')[0] !== PAGE && !url.startsWith('data:') && !url.startsWith('blob:')) seen.requests.push(url);
  });
  return seen;
}

async function open(page) {
  await page.goto(`${PAGE}#/`);
  await expect(page.locator('html[data-ready="1"]')).toHaveCount(1);
}

test('the single file starts from file://, keeps its data, exports and imports, fetching nothing', async ({ page }) => {
  test.setTimeout(90_000);
  const seen = await watch(page);
  await page.clock.setFixedTime(NOW);
  await open(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chào mừng đến với Phát triển đảng viên');
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/single-file-welcome-1366.png` });
  // The worker is inlined but not started: nothing of it runs before the user asks.
  expect(page.workers(), 'no worker at start').toHaveLength(0);
  expect(await page.evaluate(() => typeof globalThis.ptdvWorkerUrl)).toBe('function');

  // The demo ward is made by the worker, started from a blob: URL.
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Hòa An');
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const stored = () => page.evaluate(() => localStorage.getItem('ptdv:doc'));
  const saved = await stored();
  expect(JSON.parse(unpackStored(saved)).format).toBe('ptdv');

  // file:// storage survives a reload.
  await page.reload();
  await expect(page.locator('html[data-ready="1"]')).toHaveCount(1);
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Hòa An');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tổng quan');
  expect(await stored()).toBe(saved);

  // Export: a download of the ward in the app's file format.
  await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất toàn bộ dữ liệu' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ptdv_hoa-an_2026-11-22.json');
  const doc = JSON.parse(readFileSync(await file.path(), 'utf8'));
  expect(doc.format).toBe('ptdv');
  expect(doc.scope).toEqual({ kind: 'ward' });
  expect(doc.data.cells).toHaveLength(31);
  await expect(page.getByTestId('data-message')).toContainText('Đã xuất tệp');

  // Import that file back, one candidate renamed since: previewed, merged, kept after a reload.
  const renamed = doc.data.candidates[0];
  renamed.full_name = 'Nguyễn Thị Một Tệp';
  renamed.updated_at = '2026-11-22T01:30:00Z';
  await page.getByLabel('Chọn tệp để nhập…').setInputFiles({
    name: 'tu-tep-don.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)),
  });
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByRole('row', { name: /^Quần chúng/ }).getByRole('cell').nth(1)).toHaveText('1');
  await preview.getByRole('button', { name: 'Gộp vào dữ liệu hiện có' }).click();
  await expect(page.getByTestId('data-message')).toContainText('Đã nhập dữ liệu từ tệp “tu-tep-don.json”');
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const nameOf = async () => JSON.parse(unpackStored(await stored())).data.candidates.find((c) => c.id === renamed.id).full_name;
  expect(await nameOf()).toBe('Nguyễn Thị Một Tệp');
  await page.reload();
  await expect(page.locator('html[data-ready="1"]')).toHaveCount(1);
  expect(await nameOf()).toBe('Nguyễn Thị Một Tệp');

  // The worker a second time (the same blob: URL): the report's .xlsx.
  await page.goto(`${PAGE}#/bao-cao`);
  await expect(page.getByTestId('report-title')).toBeVisible();
  const xlsx = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải Excel (.xlsx)' }).click();
  const book = readFileSync(await (await xlsx).path());
  expect(book.subarray(0, 2).toString('latin1'), 'a zip (.xlsx)').toBe('PK');

  expect(seen.consoleErrors, 'console errors').toEqual([]);
  expect(seen.cspViolations, 'CSP violations').toEqual([]);
  expect(seen.requests, 'requests other than the file itself').toEqual([]);
});

test('the single file carries a strict policy and no service worker', async () => {
  const html = readFileSync(FILE, 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g);
  expect(csp, 'exactly one policy').toHaveLength(1);
  const policy = csp[0];
  // Scripts: only this file's own, by hash, and its wasm.
  expect(policy).toMatch(/script-src ('sha256-[A-Za-z0-9+/=]+' )+'wasm-unsafe-eval';/);
  expect(policy).toContain("connect-src 'none'");
  expect(policy).toContain("default-src 'none'");
  expect(html).not.toMatch(/serviceWorker\.register/);
  expect(html).not.toMatch(/<link[^>]+href="(?!data:)/);   // nothing linked but data: URLs
  expect(html).not.toMatch(/<script[^>]+src=/);
});
