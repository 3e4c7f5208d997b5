// The one-file build in Firefox (issue 15): dist-single/ptdv.html opened from file:// in Debian's
// firefox-esr starts, makes the demo ward in its worker, keeps its data across a restart of the
// browser (the same profile), exports and imports — with no console error.
//
// Playwright drives only its own build of Firefox (a download), so this journey uses
// puppeteer-core over WebDriver BiDi, which the stock Firefox speaks. Run by `make test-e2e`
// after `make single`; `node tests/firefox/single-file.mjs` alone.
import puppeteer from 'puppeteer-core';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { unpackStored } from '../../scripts/stored.mjs';

const FIREFOX = process.env.PTDV_FIREFOX ?? '/usr/bin/firefox-esr';
const FILE = resolve('dist-single/ptdv.html');
const PAGE = pathToFileURL(FILE).href;
const TIMEOUT = 60_000;

if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} not found: scripts/setup.sh installs firefox-esr`);
if (!existsSync(FILE)) throw new Error(`${FILE} not found: run "make single" first`);

const profile = mkdtempSync(join(tmpdir(), 'ptdv-firefox-'));
const errors = [];
let browser;

/** Firefox on the test profile, the app's file open at `hash`, the page watched for errors. */
async function open(hash) {
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: profile });
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(`${PAGE}${hash}`);
  await page.waitForSelector('html[data-ready="1"]');
  return page;
}

const text = (page, selector) => page.$eval(selector, (e) => e.textContent.trim()).catch(() => null);
async function until(page, what, f) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const got = await f();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const stored = (page) => page.evaluate(() => localStorage.getItem('ptdv:doc'));

try {
  // Starts, with nothing stored: the welcome; the demo ward comes from the worker (a blob: URL).
  let page = await open('#/');
  assert.equal(await text(page, 'main h1'), 'Chào mừng đến với Phát triển đảng viên');
  await page.locator('::-p-text(Dùng dữ liệu mẫu)').click();
  await until(page, 'the demo ward', async () => (await text(page, '[data-testid=ward-name]')) === 'Đảng bộ phường Hòa An');
  await until(page, 'the save', async () => /^Đã lưu lúc/.test((await text(page, '[data-testid=save-status]')) ?? ''));
  const saved = await stored(page);
  assert.equal(JSON.parse(unpackStored(saved)).format, 'ptdv');
  await browser.close();

  // The browser closed and started again: the ward is still there.
  page = await open('#/');
  await until(page, 'the stored ward', async () => (await text(page, '[data-testid=ward-name]')) === 'Đảng bộ phường Hòa An');
  await until(page, 'Tổng quan', async () => (await text(page, 'main h1')) === 'Tổng quan');
  assert.equal(await stored(page), saved);

  // Export: the file the app hands to the browser's download (its Blob and name, taken as the
  // app clicks its <a download>).
  await page.evaluate(() => {
    window.__blobs = [];
    const make = URL.createObjectURL;
    URL.createObjectURL = (blob) => { window.__blobs.push(blob); return make.call(URL, blob); };
    HTMLAnchorElement.prototype.click = function () { window.__downloaded = this.download; };
  });
  await page.evaluate(() => { location.hash = '#/du-lieu'; });
  await page.locator('::-p-text(Xuất toàn bộ dữ liệu)').click();
  await until(page, 'the export', () => page.evaluate(() => window.__downloaded));
  const exported = await page.evaluate(async () => ({ name: window.__downloaded, text: await window.__blobs.at(-1).text() }));
  assert.match(exported.name, /^ptdv_hoa-an_\d{4}-\d{2}-\d{2}\.json$/);
  const doc = JSON.parse(exported.text);
  assert.equal(doc.format, 'ptdv');
  assert.equal(doc.data.cells.length, 31);

  // Import that file back, one candidate renamed since: previewed, merged, stored.
  const renamed = doc.data.candidates[0];
  renamed.full_name = 'Nguyễn Thị Firefox';
  renamed.updated_at = new Date().toISOString();
  const file = join(profile, 'tu-firefox.json');
  writeFileSync(file, JSON.stringify(doc));
  const input = await page.waitForSelector('input[type=file]');
  await input.uploadFile(file);
  await page.locator('[data-testid=import-preview] ::-p-text(Gộp vào dữ liệu hiện có)').click();
  await until(page, 'the import', async () => ((await text(page, '[data-testid=data-message]')) ?? '').includes('Đã nhập dữ liệu từ tệp “tu-firefox.json”'));
  await until(page, 'the save', async () => /^Đã lưu lúc/.test((await text(page, '[data-testid=save-status]')) ?? ''));
  const nameOf = async () => JSON.parse(unpackStored(await stored(page))).data.candidates.find((c) => c.id === renamed.id).full_name;
  assert.equal(await nameOf(), 'Nguyễn Thị Firefox');
  await browser.close();
  browser = null;

  assert.deepEqual(errors, [], 'console errors');
  console.log(`firefox: the single file starts from file://, keeps its data across a restart, exports and imports (${(await import('node:child_process')).execFileSync(FIREFOX, ['--version']).toString().trim()})`);
} finally {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
}
