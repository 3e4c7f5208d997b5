// Tổng hợp, first step: files chosen at once are read with the import's loader, read-only.
// Two wards alike give twice one ward's figures; the same file twice counts once; a corrupt
// file is named and left out; the user's own stored ward is untouched, byte for byte.
import { readFileSync } from 'node:fs';
import { test, expect, axeViolations, openRoute, storedDemo, SCREENSHOT_DIR } from './fixtures.js';

const NOW = new Date('2026-12-02T09:00:00+07:00');

test('several wards\' files add up, read-only', async ({ page, browser, baseURL }) => {
  const own = await storedDemo(browser, baseURL, NOW);
  const other = JSON.parse(own);
  for (const w of [other.ward, other.data.ward]) { w.id = 'dbp-hoa-binh'; w.name = 'Hòa Bình'; }

  await page.clock.setFixedTime(NOW);
  await page.addInitScript((doc) => { if (!localStorage.getItem('ptdv:doc')) localStorage.setItem('ptdv:doc', doc); }, own);
  await openRoute(page, '#/tong-hop');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tổng hợp');
  expect(await axeViolations(page)).toEqual([]);
  const before = await page.evaluate(() => ({ ...localStorage }));
  await page.getByLabel(/Tệp xuất của các đảng bộ/).setInputFiles([
    { name: 'hoa-an.json', mimeType: 'application/json', buffer: Buffer.from(own) },
    { name: 'hoa-an (copy).json', mimeType: 'application/json', buffer: Buffer.from(own) },
    { name: 'hoa-binh.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) },
    { name: 'hong.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') },
  ]);
  const set = page.getByTestId('rollup-set');
  await expect(set.getByRole('heading')).toHaveText('2 đảng bộ từ 2 tệp — Năm 2026');
  await expect(page.getByTestId('rollup-aside').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('rollup-aside')).toContainText('“hoa-an (copy).json” giống hệt “hoa-an.json”: chỉ tính một lần.');
  await expect(page.getByTestId('rollup-aside')).toContainText('“hong.json”: không đọc được');
  const rows = await page.getByTestId('rollup-wards').locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  expect(rows.map((r) => r[0])).toEqual(['Đảng bộ phường Hòa An', 'Đảng bộ phường Hòa Bình', 'Cộng 2 đảng bộ']);
  const n = (s) => Number(s.replace(/\./g, ''));
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
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/tong-hop-1366.png`, fullPage: true });
  // Another period: the same set, last year's figures.
  await page.getByLabel('Kỳ').selectOption({ label: 'Năm 2025' });
  await expect(set.getByRole('heading')).toHaveText('2 đảng bộ từ 2 tệp — Năm 2025');
  const lastYear = await page.getByTestId('rollup-wards').locator('tbody tr').last()
    .evaluate((tr) => [...tr.children].map((c) => c.textContent.trim()));
  expect(n(lastYear[1])).toBe(n(rows[2][4]));                               // 2025's admitted = 2026's "cùng kỳ"
  // Read-only: the user's own stored ward is byte for byte as before.
  expect(await page.evaluate(() => ({ ...localStorage }))).toEqual(before);
});

test('files dropped on the page are read like files chosen', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await openRoute(page, '#/tong-hop');
  const fixture = readFileSync('tests/e2e/fixtures/v1-demo-export.json', 'utf8');
  await page.getByTestId('rollup-drop').evaluate((zone, text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'v1.json', { type: 'application/json' }));
    dt.items.add(new File(['không phải JSON'], 'hong.json', { type: 'application/json' }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, fixture);
  await expect(page.getByTestId('rollup-set').getByRole('heading')).toHaveText(/^1 đảng bộ từ 1 tệp/);
  await expect(page.getByTestId('rollup-aside')).toContainText('“hong.json”: không đọc được');
  expect(await axeViolations(page)).toEqual([]);
});
