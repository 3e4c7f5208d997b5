// Báo cáo with the demo ward, the clock pinned: the title, the summary, every row of Biểu
// 2-BTCTW (this period, the same period last year, %) and of Biểu 2B equal the domain's
// (written by crates/domain/examples/overview_figures.rs before Playwright runs); the choice
// is kept in the address; axe; screenshots at 1366 and 768 px.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { test, expect, axeViolations, openRoute, storedDemo, SCREENSHOT_DIR } from './fixtures.js';

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
    await expect(page.getByTestId('report-ket-nap').locator('tbody tr')).toHaveCount(Math.min(50, v.report.admitted));
    await expect(page.getByTestId('report-ket-nap').getByRole('heading')).toHaveText(new RegExp(`\\(${v.report.admitted}\\)$`));
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

test('a long list shows its first fifty people and the rest on request', async ({ page }) => {
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  await page.goto('./index.html#/bao-cao?ky=2020-01-01..2026-12-31');
  const list = page.getByTestId('report-ket-nap');
  const total = Number((await list.getByRole('heading').textContent()).match(/\((\d+)\)$/)[1]);
  expect(total).toBeGreaterThan(50);
  await expect(list.locator('tbody tr')).toHaveCount(50);
  await list.getByRole('button', { name: `Hiện thêm ${Math.min(50, total - 50)} người (còn ${total - 50})` }).click();
  await expect(list.locator('tbody tr')).toHaveCount(Math.min(100, total));
  // Printed, the list is whole.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(list.locator('tbody tr')).toHaveCount(total);
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
  await page.getByText('Tải từng bảng dạng CSV').click();
  await page.getByRole('group', { name: 'Tải từng bảng dạng CSV' }).getByRole('button', { name: 'Biểu số 2-BTCTW', exact: true }).click();
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
    expect(cells.slice(0, 2)).toEqual(row.slice(0, 2));
    expect(cells[2]).toBe(row[2].replace(/\./g, ''));
    expect(cells[3]).toBe(row[3].replace(/\./g, ''));
    expect(cells[4]).toBe(row[4].replace(/ %$/, '').replace(/\./g, ''));
  });
});

/** A cell's value as the domain's "values" give it: numbers, yyyy-mm-dd dates, text, null. */
function plain(v) {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return v;
}

test('the .xlsx holds every form and table in the form\'s layout, numbers as numbers and dates as dates', async ({ page, browser, baseURL }) => {
  const demo = await storedDemo(browser, baseURL, NOW);
  // The writer is not part of the first load: no request for it until the click.
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  const v = domain.views[0];
  await page.addInitScript((doc) => { if (!localStorage.getItem('ptdv:doc')) localStorage.setItem('ptdv:doc', doc); }, demo);
  await openRoute(page, `#/bao-cao?${v.query}`);
  await expect(page.getByTestId('report-title')).toBeVisible();
  expect(requested.filter((u) => u.includes('ptdv-worker')), 'no worker in the first load').toEqual([]);
  expect(requested.some((u) => /ptdv-[0-9a-f]+_bg\.wasm$/.test(u)), 'the app itself was requested').toBe(true);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải Excel (.xlsx)' }).click();
  const file = await download;
  expect(requested.some((u) => u.endsWith('ptdv-worker_bg.wasm'))).toBe(true);
  expect(file.suggestedFilename()).toBe('ptdv_hoa-an_nam-2026.xlsx');
  await file.saveAs('tests/e2e/artifacts/report-nam-2026.xlsx');        // to look at
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await file.path());
  expect(book.worksheets.map((w) => w.name)).toEqual(
    ['Biểu 2-BTCTW', 'Biểu 2B-BTCTW', 'Quần chúng - dự bị', 'Từng chi bộ', 'Kết nạp trong kỳ', 'Đến hạn công nhận', 'Quá hạn']);
  // Biểu 2: the form's top, the merged title, the numbering row, frozen header, every row's values.
  const b2 = book.getWorksheet('Biểu 2-BTCTW');
  expect(b2.getCell('A1').value).toBe('ĐẢNG BỘ TỈNH THÁI NGUYÊN');
  expect(b2.getCell('A2').value).toBe('ĐẢNG ỦY PHƯỜNG HÒA AN');
  expect(b2.getCell('E1').value).toBe('Biểu số 2-BTCTW');
  expect(b2.getCell('A4').value).toBe('THỐNG KÊ ĐẢNG VIÊN MỚI KẾT NẠP');
  expect(b2.model.merges).toContain('A4:E4');
  expect(b2.getCell('E6').value).toBe('Đơn vị tính: người');
  expect(b2.getCell('E9').value).toBe('4 = 2 × 100 / 3');
  expect(b2.views[0]).toMatchObject({ state: 'frozen', ySplit: 9 });
  const tables = Object.fromEntries(v.report.tables.map((t) => [t.stem, t]));
  const rowsFrom = (ws, first, n, cols) => Array.from({ length: n }, (_, i) =>
    Array.from({ length: cols }, (_, c) => plain(ws.getRow(first + i).getCell(c + 1).value)));
  const b2rows = rowsFrom(b2, 10, tables['bieu-2-btctw'].values.length, 5);
  b2rows.forEach((row, i) => {
    const want = tables['bieu-2-btctw'].values[i];
    expect(row.slice(0, 4), `row ${i}`).toEqual(want.slice(0, 4).map((x) => (x === '' ? null : x)));
    if (want[4] === null) expect(row[4]).toBeNull(); else expect(row[4]).toBeCloseTo(want[4], 10);
  });
  expect(typeof b2.getCell('C10').value).toBe('number');
  expect(b2.getCell('E10').numFmt).toBe('0.00%');
  const footer = [];
  b2.eachRow((row) => row.eachCell((c) => footer.push(c.value)));
  expect(footer).toEqual(expect.arrayContaining(['NGƯỜI LẬP BIỂU', 'T/M BAN THƯỜNG VỤ', 'BÍ THƯ', 'Hòa An, ngày 02 tháng 12 năm 2026']));
  // The per-cell table keeps its codes as text; the admitted list has real dates.
  const cells = book.getWorksheet('Từng chi bộ');
  expect(cells.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  expect(rowsFrom(cells, 5, tables['tung-chi-bo'].values.length, 10).map((r) => r.slice(0, 2)))
    .toEqual(tables['tung-chi-bo'].values.map((r) => r.slice(0, 2)));
  expect(cells.getCell('A5').value).toMatch(/^TDP0\d$/);
  const admitted = book.getWorksheet('Kết nạp trong kỳ');
  expect(admitted.getCell('E5').value).toBeInstanceOf(Date);
  expect(admitted.getCell('E5').numFmt).toBe('dd/mm/yyyy');
  expect(rowsFrom(admitted, 5, tables['ket-nap'].values.length, 6)).toEqual(tables['ket-nap'].values);
  // Column widths that fit: the criteria column is wide enough for its longest row.
  expect(b2.getColumn(2).width).toBeGreaterThanOrEqual(60);
  await expect(page.getByRole('button', { name: 'Tải Excel (.xlsx)' })).toBeEnabled();
  expect(await axeViolations(page)).toEqual([]);
});

test('the header, the signature and the written sections are the ward\'s own, kept and exported', async ({ page }) => {
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  // Settings: the signer's name, the left margin, the type size.
  await page.goto('./index.html#/du-lieu');
  const card = page.locator('#document-card');
  await card.getByLabel('Họ và tên người ký').fill('Nguyễn Văn Bình');
  await card.getByLabel('Lề trái (mm)').fill('25');
  await card.getByLabel('Cỡ chữ (pt)').fill('13');
  await card.getByRole('button', { name: 'Lưu thể thức' }).click();
  await expect(page.getByTestId('document-saved')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // The report: the sections people write, saved for this period.
  await page.goto('./index.html#/bao-cao?ky=nam-2026');
  const notes = page.getByTestId('report-notes');
  await notes.getByLabel('Tồn tại, hạn chế').fill('Một số chi bộ chưa kết nạp được đảng viên.\nNguồn ở khu dân cư còn ít.');
  await notes.getByLabel('Phương hướng, nhiệm vụ thời gian tới').fill('Tạo nguồn ở các trường học.');
  await notes.getByRole('button', { name: 'Lưu nội dung' }).click();
  await expect(page.getByTestId('notes-saved')).toHaveText('Đã lưu nội dung.');
  // The report is redrawn around the form, not the form: what was typed is still there.
  await expect(notes.getByLabel('Phương hướng, nhiệm vụ thời gian tới')).toHaveValue('Tạo nguồn ở các trường học.');
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  expect(await axeViolations(page)).toEqual([]);
  // Another period has its own (empty) sections.
  await page.goto('./index.html#/bao-cao?ky=6-thang-dau-2026');
  await expect(page.getByTestId('report-notes').getByLabel('Tồn tại, hạn chế')).toHaveValue('');
  // Back, after a reload: kept.
  await page.goto('./index.html#/bao-cao?ky=nam-2026');
  await page.reload();
  await expect(page.getByTestId('report-notes').getByLabel('Tồn tại, hạn chế')).toHaveValue(/Nguồn ở khu dân cư còn ít\.$/);
  // In print: the paragraphs, the signer, the ward's margins and type.
  await page.emulateMedia({ media: 'print' });
  const printed = page.getByTestId('notes-print');
  await expect(printed).toBeVisible();
  await expect(printed.locator('p')).toContainText(['1. Tồn tại, hạn chế', 'Một số chi bộ chưa kết nạp được đảng viên.', 'Nguồn ở khu dân cư còn ít.', '2. Nguyên nhân']);
  await expect(page.getByTestId('doc-sign')).toContainText('Nguyễn Văn Bình');
  const px = await page.getByTestId('ward-report').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(px).toBeCloseTo((13 * 4) / 3, 2);                                // 13 pt
  const pageRules = await page.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules])
    .flatMap((r) => (r.cssRules ? [...r.cssRules] : [r])).filter((r) => r instanceof CSSPageRule && r.selectorText === 'report')
    .map((r) => r.style.margin));
  expect(pageRules.at(-1)).toBe('20mm 15mm 20mm 25mm');                   // the ward's left margin wins
  const pdf = await page.pdf({ path: 'tests/e2e/artifacts/report-nam-2026.pdf', preferCSSPageSize: true, printBackground: true });
  expect(pdf.toString('latin1')).toContain('/MediaBox');
  await page.emulateMedia({ media: 'screen' });
  // Exported with the ward's data.
  await page.goto('./index.html#/du-lieu');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất toàn bộ dữ liệu' }).click();
  const file = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(file.data.ward.report_notes).toEqual([expect.objectContaining({ report: 'ky=nam-2026', directions: 'Tạo nguồn ở các trường học.' })]);
  expect(file.data.ward.settings.document).toMatchObject({ signer_name: 'Nguyễn Văn Bình', margins_mm: [20, 15, 20, 25], font_pt: 13 });
});
