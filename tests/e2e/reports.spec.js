// Báo cáo with the demo ward, the clock pinned: the title, the summary, every row of Biểu
// 2-BTCTW (this period, the same period last year, %) and of Biểu 2B equal the domain's
// (written by crates/domain/examples/overview_figures.rs before Playwright runs); the choice
// is kept in the address; axe; screenshots at 1366 and 768 px.
import { readFileSync } from 'node:fs';
import { test, expect, axeViolations, openRoute, SCREENSHOT_DIR } from './fixtures.js';

const NOW = new Date('2026-12-02T09:00:00+07:00');
const domain = JSON.parse(readFileSync('tests/e2e/artifacts/overview.json', 'utf8'));

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOW);
});

/** Splits one CSV line (`;`, fields with `;` or `"` quoted, `""` inside). */
function csvFields(line) {
  const out = [];
  let cur = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

const rowsOf = (page, testid) => page.getByTestId(testid).locator('tbody tr')
  .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));

test('the report\'s summary and forms are the domain\'s, for several periods and scopes', async ({ page }) => {
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  for (const v of domain.views) {
    await page.goto(`./index.html#/bao-cao?${v.query}`);
    await expect(page.getByTestId('report-title')).toHaveText(v.report.title);
    expect(await page.getByTestId('report-summary').locator('li').allTextContents()).toEqual(v.report.summary);
    expect(await rowsOf(page, 'bieu2'), `${v.query} Biểu 2`).toEqual(v.report.bieu2);
    expect(await rowsOf(page, 'bieu2b'), `${v.query} Biểu 2B`).toEqual(v.report.bieu2b);
    await expect(page.getByTestId('report-cells').locator('tbody tr')).toHaveCount(v.report.cells);
    await expect(page.getByTestId('report-ket-nap').locator('tbody tr')).toHaveCount(v.report.admitted);
  }
  // The first view, with its figures in the address.
  await page.goto(`./index.html#/bao-cao?${domain.views[0].query}`);
  expect(page.url()).toContain(`#/bao-cao?${domain.views[0].query}`);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/report-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/report-768.png` });
  expect(await axeViolations(page)).toEqual([]);
});

test('without a ward the report page says what it will hold', async ({ page }) => {
  await openRoute(page, '#/bao-cao');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo');
  await expect(page.getByText('Chưa có số liệu để báo cáo')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('the report prints as a Party document: header, A4, the forms landscape, the signature', async ({ page }) => {
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  await page.goto('./index.html#/bao-cao?ky=6-thang-dau-2026');
  await expect(page.getByTestId('report-title')).toHaveText('BÁO CÁO kết quả công tác phát triển đảng viên 6 tháng đầu năm 2026');
  await expect(page.getByRole('button', { name: 'In / Lưu PDF' })).toBeVisible();
  await expect(page.getByTestId('doc-head')).toBeHidden();              // on screen, the app
  await page.emulateMedia({ media: 'print' });
  const head = page.getByTestId('doc-head');
  await expect(head).toBeVisible();
  await expect(head).toContainText('ĐẢNG BỘ TỈNH THÁI NGUYÊN');
  await expect(head).toContainText('ĐẢNG ỦY PHƯỜNG HÒA AN');
  await expect(head).toContainText('ĐẢNG CỘNG SẢN VIỆT NAM');
  await expect(head).toContainText('Hòa An, ngày 02 tháng 12 năm 2026');
  await expect(page.getByText('kết quả công tác phát triển đảng viên 6 tháng đầu năm 2026', { exact: true })).toBeVisible();
  await expect(page.getByTestId('doc-sign')).toContainText('Nơi nhận:');
  await expect(page.getByTestId('doc-sign')).toContainText('T/M BAN THƯỜNG VỤ');
  for (const hidden of ['.app-header', '.app-nav', '.app-footer', '.view-picker']) await expect(page.locator(hidden)).toBeHidden();
  await expect(page.getByRole('button', { name: 'In / Lưu PDF' })).toBeHidden();
  // The PDF: A4, several pages, the forms on landscape pages.
  const pdf = await page.pdf({ path: 'tests/e2e/artifacts/report-6-thang-dau-2026.pdf', preferCSSPageSize: true, printBackground: true });
  const text = pdf.toString('latin1');
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(boxes.length, 'pages').toBeGreaterThanOrEqual(4);
  expect(boxes[0][0]).toBeLessThan(boxes[0][1]);                           // the report: portrait
  expect(boxes.some(([w, h]) => w > h), 'a landscape page for the forms').toBe(true);
  for (const [w, h] of boxes) expect([Math.round(Math.min(w, h)), Math.round(Math.max(w, h))]).toEqual([595, 842]);
});

test('each table downloads as a CSV that Excel on a Vietnamese Windows opens as columns', async ({ page }) => {
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const v = domain.views[0];
  await page.goto(`./index.html#/bao-cao?${v.query}`);
  const download = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Tải bảng dạng CSV (mở bằng Excel)' }).getByRole('button', { name: 'Biểu 2-BTCTW', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ptdv_hoa-an_nam-2026_bieu-2-btctw.csv');
  const bytes = readFileSync(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);               // UTF-8 BOM
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter((l) => l !== '');
  expect(lines[0]).toBe('TT;Tiêu chí;Kỳ này;Cùng kỳ năm trước;(%) kỳ này so với cùng kỳ năm trước');
  expect(lines.length).toBe(1 + v.report.bieu2.length);
  // The same rows as the page, numbers without thousands separators, % as decimal-comma numbers.
  v.report.bieu2.forEach((row, i) => {
    const cells = csvFields(lines[i + 1]);
    expect(cells.length).toBe(5);
    const label = cells[0] ? `${cells[0]}. ${cells[1]}` : cells[1];
    expect(label).toBe(row[0]);
    expect(cells[2]).toBe(row[1].replace(/\./g, ''));
    expect(cells[3]).toBe(row[2].replace(/\./g, ''));
    expect(cells[4]).toBe(row[3] === '–' ? '' : row[3].replace(/ %$/, '').replace(/\./g, ''));
  });
});
