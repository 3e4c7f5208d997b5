// Hồ sơ quần chúng (the candidate page) with the demo ward: reached from the list and from
// "Việc cần làm", identity, running deadlines, timeline, next step, change history; axe at
// both widths; a print of the page fits on one sheet.
import { test, expect, axeViolations, openRoute, SCREENSHOT_DIR } from './fixtures.js';

const NOW = new Date('2026-11-22T09:00:00+07:00');
const DOC_KEY = 'ptdv:doc';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOW);
});

async function startDemo(page) {
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  return JSON.parse(await page.evaluate((k) => localStorage.getItem(k), DOC_KEY)).data;
}

test('a person opened from the list shows identity, timeline and the next step', async ({ page }) => {
  const data = await startDemo(page);
  const person = data.candidates.find((c) => c.stage === 'DU_BI' && (c.history ?? []).length >= 8);
  expect(person, 'a demo probationary member with a full history').toBeTruthy();
  await openRoute(page, '#/ho-so');
  await page.getByRole('searchbox', { name: 'Tìm theo tên' }).fill(person.full_name);
  await page.getByTestId('roster-table').getByRole('link', { name: person.full_name }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(person.full_name);
  await expect(page).toHaveURL(new RegExp(`#/ho-so/${person.id}$`));
  await expect(page.getByRole('navigation', { name: 'Các trang chính' }).locator('a[aria-current=page]')).toHaveText('Quần chúng / Hồ sơ');
  await expect(page.getByTestId('identity')).toContainText('Đảng viên dự bị');
  // One timeline entry per recorded step, with the cell's resolution number.
  await expect(page.getByTestId('timeline').locator('ol.timeline > li')).toHaveCount(person.history.length);
  const vote = person.process.cell_votes[person.process.cell_votes.length - 1];
  if (vote.resolution.number) await expect(page.getByTestId('timeline')).toContainText(vote.resolution.number);
  await expect(page.getByTestId('next-step').getByRole('button').first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/candidate-1366.png`, fullPage: true });

  // Open the first step's form: every control is labelled (axe), then the tablet width.
  await page.getByTestId('next-step').getByRole('button').first().click();
  await expect(page.getByTestId('step-form')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 768, height: 1024 });
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/candidate-form-768.png`, fullPage: true });
});

test('the due list links to the person and the page prints on one sheet', async ({ page }) => {
  await startDemo(page);
  await openRoute(page, '#/viec-can-lam');
  const first = page.getByTestId('due-overdue').locator('.due-who a').first();
  const name = await first.textContent();
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByTestId('candidate-deadlines')).toContainText('Quá hạn');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/candidate-print.png`, fullPage: true });
  await expect(page.getByTestId('next-step')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Các trang chính' })).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages, 'printed pages').toBe(1);
});

test('an unknown person id says so and links back to the list', async ({ page }) => {
  await startDemo(page);
  await openRoute(page, '#/ho-so/khong-co-ai');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy hồ sơ');
  await page.getByRole('link', { name: 'Về danh sách quần chúng' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quần chúng / Hồ sơ');
});
