// File format v2 (the occupations of Biểu 2-BTCTW): a file exported by the v1 app imports, the
// review list shows the people whose occupation was a guess, and confirming one removes its
// mark; a v1 document stored by the v1 app is upgraded on the first open; the new fields are in
// the candidate form. The fixture tests/e2e/fixtures/v1-demo-export.json is the demo ward
// exported by the app at commit 981db9f (file format v1), on 02/12/2026.
import { readFileSync } from 'node:fs';
import { test, expect, axeViolations, openRoute, SCREENSHOT_DIR, unpackStored } from './fixtures.js';

const DOC_KEY = 'ptdv:doc';
const NOW = new Date('2026-12-02T09:00:00+07:00');
const V1_EXPORT = 'tests/e2e/fixtures/v1-demo-export.json';
const v1 = JSON.parse(readFileSync(V1_EXPORT, 'utf8'));

// The v1 occupations that can mean several rows, and the signs that make a guess of the others
// (docs/file-format.md, "Changes in version 2").
const AMBIGUOUS = new Set(['can_bo_cong_chuc', 'cong_nhan_lao_dong', 'hoc_sinh_sinh_vien']);
const has = (c, ...codes) => [...(c.sources ?? []), ...(c.groups ?? [])].some((s) => codes.includes(s));
const expectedMarked = v1.data.candidates.filter((c) => AMBIGUOUS.has(c.occupation)
  || (c.occupation === 'khac' && has(c, 'can_bo_khong_chuyen_trach', 'y_te_thon_ban'))
  || (c.occupation === 'luc_luong_vu_trang' && has(c, 'dan_quan_tu_ve', 'du_bi_dong_vien')));

const storedDoc = async (page) => JSON.parse(unpackStored(await page.evaluate((k) => localStorage.getItem(k), DOC_KEY)));

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOW);
});

test('a v1 export made by the v1 app imports, and the review list holds exactly the guessed occupations', async ({ page }) => {
  expect(v1.schema_version).toBe(1);
  expect(expectedMarked.length).toBeGreaterThan(100);
  await openRoute(page, '#/du-lieu');
  await page.getByLabel('Chọn tệp để nhập…').setInputFiles(V1_EXPORT);
  await page.getByRole('button', { name: 'Dùng dữ liệu trong tệp' }).click();
  await expect(page.getByTestId('data-message')).toContainText('Đã nhập dữ liệu');
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);

  // Stored as v2, every record kept, the guesses marked.
  const doc = await storedDoc(page);
  expect(doc.schema_version).toBe(2);
  expect(doc.data.candidates.map((c) => c.id).sort()).toEqual(v1.data.candidates.map((c) => c.id).sort());
  const marked = doc.data.candidates.filter((c) => c.occupation_review);
  expect(marked.map((c) => c.id).sort()).toEqual(expectedMarked.map((c) => c.id).sort());

  // The notice on the Dữ liệu page leads to the list.
  const notice = page.getByTestId('review-notice');
  await expect(notice).toContainText(`Có ${marked.length} quần chúng cần rà soát nghề nghiệp`);
  await notice.getByRole('link', { name: 'Mở danh sách cần rà soát' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cần rà soát nghề nghiệp');
  await expect(page.getByTestId('review-count')).toHaveText(`Còn ${marked.length} người cần rà soát.`);
  await expect(page.getByTestId('review-item')).toHaveCount(marked.length);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/review-1366.png` });

  // One former "Cán bộ, công chức": the row chosen is preselected; correct it to row 2.
  const civil = v1.data.candidates.find((c) => c.occupation === 'can_bo_cong_chuc');
  const item = page.getByTestId('review-item').filter({ hasText: civil.full_name }).first();
  await expect(item).toContainText('Trước đây ghi “Cán bộ, công chức”');
  const select = item.getByLabel(`Nghề nghiệp của ${civil.full_name}`);
  const guessed = doc.data.candidates.find((c) => c.id === civil.id).occupation;
  await expect(select).toHaveValue(guessed);
  await select.selectOption('cong_chuc_dang_doan_the');
  await item.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByTestId('review-done')).toHaveText(`Đã xác nhận nghề nghiệp của ${civil.full_name}.`);
  await expect(page.getByTestId('review-done')).toBeFocused();
  await expect(page.getByTestId('review-item')).toHaveCount(marked.length - 1);
  // The first left confirmed as guessed.
  const first = page.getByTestId('review-item').first();
  const firstName = (await first.locator('.review-who a').textContent()).trim();
  await first.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByTestId('review-item')).toHaveCount(marked.length - 2);
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const after = await storedDoc(page);
  const corrected = after.data.candidates.find((c) => c.id === civil.id);
  expect(corrected.occupation).toBe('cong_chuc_dang_doan_the');
  expect(corrected.occupation_review).toBeUndefined();
  expect(after.data.candidates.find((c) => c.full_name === firstName && !c.occupation_review)).toBeTruthy();
  expect(after.data.candidates.filter((c) => c.occupation_review)).toHaveLength(marked.length - 2);

  // The person's page says the row with its number.
  await page.goto(`/#/ho-so/${encodeURIComponent(civil.id)}`);
  await expect(page.getByTestId('identity')).toContainText('2. Cán bộ, công chức cơ quan Đảng, MTTQ');
  // Tổng quan carries the same notice.
  await page.getByRole('navigation', { name: 'Các trang chính' }).getByRole('link', { name: 'Tổng quan' }).click();
  await expect(page.getByTestId('review-notice')).toContainText(`Có ${marked.length - 2} quần chúng`);
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto('/#/ra-soat');
  await expect(page.getByTestId('review-item').first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/review-768.png` });
});

test('a v1 document stored by the v1 app is upgraded on first open, with nothing lost', async ({ page }) => {
  const text = readFileSync(V1_EXPORT, 'utf8');
  await openRoute(page, '#/');
  await page.evaluate(([k, t]) => localStorage.setItem(k, t), [DOC_KEY, text]);
  await page.reload();
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Hòa An');
  await expect(page.getByTestId('review-notice')).toContainText(`Có ${expectedMarked.length} quần chúng cần rà soát nghề nghiệp`);
  const doc = await storedDoc(page);
  expect(doc.schema_version).toBe(2);
  expect(doc.data.candidates).toHaveLength(v1.data.candidates.length);
  expect(doc.data.cells).toEqual(v1.data.cells);
  expect(await page.evaluate(() => localStorage.getItem('ptdv:doc:before-upgrade'))).toBeNull();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/upgrade-dashboard-1366.png` });
});

test('the candidate form asks for the form\'s rows, the academic title and both flags', async ({ page }) => {
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  await page.goto('/#/ho-so/moi');
  const occupation = page.locator('#candidate-occupation');
  await expect(occupation).toBeVisible();   // the page's code is fetched first (src/split.rs)
  const options = await occupation.locator('option').allTextContents();
  expect(options.filter((o) => o.trim() !== '' && !o.startsWith('—'))).toEqual([
    '1. Cán bộ, công chức cơ quan Nhà nước tính từ cấp huyện trở lên',
    '2. Cán bộ, công chức cơ quan Đảng, MTTQ, đoàn thể chính trị - xã hội tính từ cấp huyện trở lên',
    '3. Cán bộ, công chức; người hoạt động không chuyên trách ở xã, phường, thị trấn',
    '4. Người hoạt động không chuyên trách ở thôn, tổ dân phố',
    '5. Viên chức trong các đơn vị sự nghiệp công lập',
    '6. Người lao động trong các đơn vị sự nghiệp ngoài công lập',
    '7a. Người lãnh đạo, quản lý doanh nghiệp',
    '7b. Nhân viên, người lao động gián tiếp sản xuất',
    '7c. Công nhân, lao động trực tiếp sản xuất',
    '8. Người làm nông, lâm, ngư nghiệp',
    '9. Sĩ quan, chiến sĩ quân đội và công an (lực lượng vũ trang)',
    '10. Sinh viên',
    '11. Học sinh',
    '12. Khác (lao động hợp đồng, tự do …)',
  ]);
  await expect(page.getByLabel('Chức danh khoa học')).toBeVisible();
  await expect(page.getByLabel('Đã vi phạm chính sách dân số, kế hoạch hóa gia đình')).toBeVisible();
  await expect(page.getByLabel('Có quan hệ hôn nhân với người nước ngoài')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The ward renames row 1; the form follows.
  await page.goto('/#/du-lieu');
  await page.locator('#form-labels-cong_chuc_nha_nuoc').fill('Cán bộ, công chức cơ quan Nhà nước cấp tỉnh trở lên');
  await page.getByRole('button', { name: 'Lưu tên các dòng' }).click();
  await expect(page.getByTestId('form-labels-saved')).toBeVisible();
  await page.goto('/#/ho-so/moi');
  await expect(page.locator('#candidate-occupation option').nth(1)).toHaveText('1. Cán bộ, công chức cơ quan Nhà nước cấp tỉnh trở lên');
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const doc = await storedDoc(page);
  expect(doc.data.ward.settings.form_labels).toEqual({ cong_chuc_nha_nuoc: 'Cán bộ, công chức cơ quan Nhà nước cấp tỉnh trở lên' });
});
