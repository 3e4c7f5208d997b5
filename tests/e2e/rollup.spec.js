// Tổng hợp: files chosen at once are read with the import's loader, read-only. Two wards alike
// give twice one ward's figures; the same file twice counts once; a corrupt file is named and
// left out; the user's own stored ward is untouched, byte for byte, and joins with one tick;
// encrypted files ask for their passphrase (tried again on the next); cells' files name the
// cells still missing; rows sort and open each ward's overview read-only; the set's .xlsx.
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import ExcelJS from 'exceljs';
import { test, expect, axeViolations, openRoute, storedDemo, SCREENSHOT_DIR } from './fixtures.js';

const NOW = new Date('2026-12-02T09:00:00+07:00');
const n = (s) => Number(String(s).replace(/\./g, ''));
const json = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
const rowsOf = (locator) => locator.locator('tbody tr')
  .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));

/** The demo ward under another id and name. */
function otherWard(own, id = 'dbp-hoa-binh', name = 'Hòa Bình') {
  const other = JSON.parse(own);
  for (const w of [other.ward, other.data.ward]) { w.id = id; w.name = name; }
  return JSON.stringify(other);
}

/** `text` encrypted as the app's "ptdv-encrypted" file (PBKDF2-SHA-256, AES-GCM-256). */
async function encrypted(text, passphrase, wardName) {
  const { subtle } = webcrypto;
  const salt = webcrypto.getRandomValues(new Uint8Array(16));
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const iterations = 600000;
  const base = await subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  const key = await subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base,
    { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const ciphertext = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text)));
  const b64 = (a) => Buffer.from(a).toString('base64');
  return JSON.stringify({
    format: 'ptdv-encrypted', version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: b64(salt) },
    cipher: { name: 'AES-GCM', iv: b64(iv) },
    ward_name: wardName, exported_at: '2026-12-01T09:00:00Z', ciphertext: b64(ciphertext),
  });
}

test('several wards\' files add up, read-only; rows sort and open each ward; the set\'s .xlsx', async ({ page, browser, baseURL }) => {
  const own = await storedDemo(browser, baseURL, NOW);
  const other = otherWard(own);

  await page.clock.setFixedTime(NOW);
  await page.addInitScript((doc) => { if (!localStorage.getItem('ptdv:doc')) localStorage.setItem('ptdv:doc', doc); }, own);
  await openRoute(page, '#/tong-hop');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tổng hợp');
  expect(await axeViolations(page)).toEqual([]);
  const before = await page.evaluate(() => ({ ...localStorage }));
  await page.getByLabel('Chọn các tệp xuất (.json)…').setInputFiles([
    json('hoa-an.json', own), json('hoa-an (copy).json', own), json('hoa-binh.json', other), json('hong.json', '{ not json'),
  ]);
  const set = page.getByTestId('rollup-set');
  await expect(set.getByRole('heading')).toHaveText('2 đảng bộ từ 2 tệp — Năm 2026');
  await expect(page.getByTestId('rollup-aside').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('rollup-aside')).toContainText('“hoa-an (copy).json” giống hệt “hoa-an.json”: chỉ tính một lần.');
  await expect(page.getByTestId('rollup-aside')).toContainText('“hong.json”: không đọc được');
  const wards = page.getByTestId('rollup-wards');
  const rows = await rowsOf(wards);
  expect(rows.map((r) => r[0])).toEqual(['Đảng bộ phường Hòa An', 'Đảng bộ phường Hòa Bình', 'Cộng 2 đảng bộ']);
  expect(rows[1].slice(1)).toEqual(rows[0].slice(1));                       // two wards alike
  for (const i of [1, 2, 4, 6, 7, 8]) expect(n(rows[2][i]), `column ${i}`).toBe(2 * n(rows[0][i]));
  expect(rows[2][3]).toBe(rows[0][3]);                                      // % from summed counts
  expect(rows[2][5]).toBe(rows[0][5]);
  const b2 = await page.getByTestId('rollup-bieu2').locator('tbody tr').first()
    .evaluate((tr) => [...tr.children].map((c) => c.textContent.trim()));
  expect(n(b2[2])).toBe(n(rows[2][1]));                                     // Biểu 2 row I = the total admitted
  expect(n(b2[3])).toBe(n(rows[2][4]));                                     // and the same period last year
  expect(b2[4]).toBe('81,25 %');                                            // 78 ÷ 96, as one ward's 39 ÷ 48
  const b2b = await page.getByTestId('rollup-bieu2b').locator('tbody tr').first()
    .evaluate((tr) => [...tr.children].map((c) => c.textContent.trim()));
  expect([b2b[1], n(b2b[2]), b2b[4]]).toEqual(['Dân tộc', n(rows[2][1]), '100 %']);
  // The chart against targets: one bar per ward, its table the year's admissions and targets.
  const chart = page.getByTestId('chart-dang-bo');
  await expect(chart.locator('.chart-overlay [role="img"], .chart-overlay rect, .chart-overlay g').first()).toBeAttached();
  const chartRows = await rowsOf(chart.locator('table'));
  expect(chartRows.map((r) => [r[0], r[2], r[3]])).toEqual([rows[0], rows[1]].map((r) => [r[0], r[2], r[3]]));
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/tong-hop-1366.png`, fullPage: true });

  // Sorting: by name, then the other way; the total stays last. Keyboard works on the headers.
  const byName = wards.getByRole('button', { name: 'Đảng bộ', exact: true });
  await byName.click();
  await expect(wards.locator('th[aria-sort="ascending"]')).toHaveCount(1);
  await page.keyboard.press('Enter');                                       // the focus stayed on the header
  await expect(wards.locator('th[aria-sort="descending"]')).toHaveCount(1);
  expect((await rowsOf(wards)).map((r) => r[0])).toEqual(['Đảng bộ phường Hòa Bình', 'Đảng bộ phường Hòa An', 'Cộng 2 đảng bộ']);

  // The set's .xlsx: the wards' lines, the summed forms, each ward's own Biểu 2.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải Excel (.xlsx) của cả tập' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('tong-hop-2-dang-bo-nam-2026.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await file.path());
  expect(book.worksheets.map((w) => w.name)).toEqual(['Từng đảng bộ', 'Biểu 2 - cả tập', 'Biểu 2B - cả tập', '1. Hòa An', '2. Hòa Bình']);
  const lines = book.getWorksheet('Từng đảng bộ');
  expect([lines.getCell('A5').value, lines.getCell('B5').value]).toEqual([rows[0][0], n(rows[0][1])]);
  expect([lines.getCell('A7').value, lines.getCell('B7').value]).toEqual(['Cộng 2 đảng bộ', n(rows[2][1])]);
  expect(book.getWorksheet('Biểu 2 - cả tập').getCell('C10').value).toBe(n(b2[2]));
  expect(book.getWorksheet('Biểu 2 - cả tập').getCell('E10').value).toBeCloseTo(0.8125, 10);
  expect(book.getWorksheet('2. Hòa Bình').getCell('A2').value).toBe('ĐẢNG ỦY PHƯỜNG HÒA BÌNH');
  expect(book.getWorksheet('2. Hòa Bình').getCell('C10').value).toBe(n(rows[1][1]));

  // A ward's name opens its own overview, read-only; the set is still there on the way back.
  await wards.getByRole('link', { name: 'Đảng bộ phường Hòa Bình' }).click();
  await expect(page).toHaveURL(/#\/tong-hop\/dbp-hoa-binh$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đảng bộ phường Hòa Bình');
  await expect(page.getByTestId('view-label')).toHaveText('Năm 2026 · Toàn Đảng bộ');
  await expect(page.getByTestId('figures')).toBeVisible();
  expect(await page.getByTestId('figures').locator('a').count(), 'nothing opens a list of another ward').toBe(0);
  expect(n(await page.getByTestId('figure-ket-nap').getAttribute('data-count'))).toBe(n(rows[1][1]));
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/tong-hop-dang-bo-1366.png`, fullPage: true });
  await page.getByRole('link', { name: '← Quay lại Tổng hợp' }).click();
  await expect(set.getByRole('heading')).toHaveText('2 đảng bộ từ 2 tệp — Năm 2026');

  // Another period and a scope: last year's figures; a source's share of each ward.
  await page.getByLabel('Năm', { exact: true }).selectOption('2025');
  await expect(set.getByRole('heading')).toHaveText('2 đảng bộ từ 2 tệp — Năm 2025');
  const lastYear = (await rowsOf(wards)).at(-1);
  expect(n(lastYear[1])).toBe(n(rows[2][4]));                               // 2025's admitted = 2026's "cùng kỳ"
  await page.getByLabel('Phạm vi', { exact: true }).selectOption({ label: 'Đoàn Thanh niên' });
  await expect(set.getByRole('heading')).toHaveText('2 đảng bộ từ 2 tệp — Năm 2025 · Nguồn: Đoàn Thanh niên');
  const scoped = await rowsOf(wards);
  expect(n(scoped[2][1])).toBe(2 * n(scoped[0][1]));
  expect(n(scoped[2][1])).toBeLessThan(n(lastYear[1]));
  // Read-only: the user's own stored ward is byte for byte as before.
  expect(await page.evaluate(() => ({ ...localStorage }))).toEqual(before);
});

test('the own ward joins with a tick; cells\' files name the cells missing; files dropped are read', async ({ page, browser, baseURL }) => {
  const own = await storedDemo(browser, baseURL, NOW);
  await page.clock.setFixedTime(NOW);
  await page.addInitScript((doc) => { if (!localStorage.getItem('ptdv:doc')) localStorage.setItem('ptdv:doc', doc); }, own);
  await openRoute(page, '#/tong-hop');
  const before = await page.evaluate(() => ({ ...localStorage }));
  await page.getByLabel('Chọn các tệp xuất (.json)…').setInputFiles([json('hoa-binh.json', otherWard(own))]);
  const set = page.getByTestId('rollup-set');
  await expect(set.getByRole('heading')).toHaveText(/^1 đảng bộ từ 1 tệp/);
  const tick = page.getByLabel('Thêm dữ liệu trên máy này (Đảng bộ phường Hòa An)');
  await tick.check();
  await expect(set.getByRole('heading')).toHaveText(/^2 đảng bộ từ 2 tệp/);
  const rows = await rowsOf(page.getByTestId('rollup-wards'));
  expect(rows.map((r) => r[0])).toEqual(['Đảng bộ phường Hòa An', 'Đảng bộ phường Hòa Bình', 'Cộng 2 đảng bộ']);
  expect(rows[0].slice(1)).toEqual(rows[1].slice(1));
  // With the tick on, more files join (the own ward stays in the set).
  await page.getByLabel('Chọn các tệp xuất (.json)…').setInputFiles([json('hoa-lac.json', otherWard(own, 'dbp-hoa-lac', 'Hòa Lạc'))]);
  await expect(set.getByRole('heading')).toHaveText(/^3 đảng bộ từ 3 tệp/);
  await tick.uncheck();
  await expect(set.getByRole('heading')).toHaveText(/^2 đảng bộ từ 2 tệp/);

  // A ward's own file and one cell's file of it, dropped on the card: the other cell is missing.
  await page.getByRole('button', { name: 'Bỏ tất cả tệp đã chọn' }).click();
  await expect(set).toHaveCount(0);
  const ward = readFileSync('tests/corpus/good/v2-small.json', 'utf8');
  const cell = readFileSync('tests/corpus/good/cell-thcs.json', 'utf8');
  await page.getByTestId('rollup-drop').evaluate((zone, [ward, cell]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([ward], 'hoa-an.json', { type: 'application/json' }));
    dt.items.add(new File([cell], 'chi-bo-thcs.json', { type: 'application/json' }));
    dt.items.add(new File(['không phải JSON'], 'hong.json', { type: 'application/json' }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [ward, cell]);
  await expect(set.getByRole('heading')).toHaveText(/^1 đảng bộ từ 2 tệp/);
  await expect(page.getByTestId('rollup-cells')).toHaveText(
    /Hòa An: đã ghép tệp của 1 chi bộ; còn thiếu tệp của 1 chi bộ: Chi bộ Tổ dân phố số 1\./);
  await expect(page.getByTestId('rollup-aside')).toContainText('“hong.json”: không đọc được');
  // Only the cell's file: the other cells cannot be known.
  await page.getByRole('button', { name: 'Bỏ tất cả tệp đã chọn' }).click();
  await page.getByLabel('Chọn các tệp xuất (.json)…').setInputFiles([json('chi-bo-thcs.json', cell)]);
  await expect(page.getByTestId('rollup-cells')).toContainText('chỉ có tệp của 1 chi bộ (Chi bộ Trường THCS Hòa An)');
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.evaluate(() => ({ ...localStorage }))).toEqual(before);
});

test('encrypted files ask for their passphrase, tried again on the next', async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  const own = await storedDemo(browser, baseURL, NOW);
  const pass = 'Mật khẩu 2026!';
  const [a, b, c] = await Promise.all([
    encrypted(own, pass, 'Hòa An'), encrypted(otherWard(own), pass, 'Hòa Bình'),
    encrypted(otherWard(own, 'dbp-hoa-lac', 'Hòa Lạc'), 'một mật khẩu khác', 'Hòa Lạc'),
  ]);
  await page.clock.setFixedTime(NOW);
  await page.addInitScript((doc) => { if (!localStorage.getItem('ptdv:doc')) localStorage.setItem('ptdv:doc', doc); }, own);
  await openRoute(page, '#/tong-hop');
  const before = await page.evaluate(() => ({ ...localStorage }));
  await page.getByLabel('Chọn các tệp xuất (.json)…').setInputFiles([json('a.json', a), json('b.json', b)]);
  const unlock = page.getByTestId('rollup-unlock');
  await expect(unlock).toContainText('Tệp “a.json” được mã hóa bằng mật khẩu.');
  await expect(unlock).toContainText('Còn 1 tệp mã hóa khác đang chờ.');
  expect(await axeViolations(page)).toEqual([]);
  await expect(page.getByLabel('Mật khẩu của tệp')).toBeFocused();
  await page.getByLabel('Mật khẩu của tệp').fill('sai mật khẩu');
  await page.getByRole('button', { name: 'Mở tệp' }).click();
  await expect(unlock.getByRole('alert')).toContainText('Mật khẩu không đúng');
  await expect(page.getByLabel('Thử mật khẩu này cho các tệp mã hóa tiếp theo')).toBeChecked();
  await page.getByLabel('Mật khẩu của tệp').fill(pass);
  await page.getByRole('button', { name: 'Mở tệp' }).click();
  // The same passphrase opened the second file too.
  await expect(unlock).toHaveCount(0);
  await expect(page.getByTestId('rollup-set').getByRole('heading')).toHaveText(/^2 đảng bộ từ 2 tệp/);
  // A file with another passphrase: asked for, then left out when skipped.
  await page.getByLabel('Chọn các tệp xuất (.json)…').setInputFiles([json('c.json', c)]);
  await expect(unlock).toContainText('Tệp “c.json” được mã hóa');
  await page.getByRole('button', { name: 'Bỏ qua tệp này' }).click();
  await expect(page.getByTestId('rollup-aside')).toContainText('“c.json”: không đọc được (tệp được mã hóa, chưa nhập mật khẩu)');
  await expect(page.getByTestId('rollup-set').getByRole('heading')).toHaveText(/^2 đảng bộ từ 2 tệp/);
  expect(await page.evaluate(() => ({ ...localStorage }))).toEqual(before);
});
