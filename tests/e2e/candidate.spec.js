// Hồ sơ quần chúng (the candidate page) with the demo ward: reached from the list and from
// "Việc cần làm", identity, running deadlines, timeline, next step, change history; axe at
// both widths; a print of the page fits on one sheet.
import { test, expect, axeViolations, openRoute, SCREENSHOT_DIR, unpackStored } from './fixtures.js';

const NOW = new Date('2026-11-22T09:00:00+07:00');
const DOC_KEY = 'ptdv:doc';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOW);
});

async function startDemo(page) {
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  return JSON.parse(unpackStored(await page.evaluate((k) => localStorage.getItem(k), DOC_KEY))).data;
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

test('keyboard only: a sympathiser is withdrawn from the list with a reason', async ({ page }) => {
  const data = await startDemo(page);
  const person = data.candidates.find((c) => c.stage === 'CAM_TINH');
  await openRoute(page, `#/ho-so/${person.id}`);
  await page.getByTestId('next-step').locator('summary').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Rút khỏi danh sách', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  // The form takes the focus on its first field; the date picker is skipped by Tab.
  await expect(page.locator('#step-date')).toBeFocused();
  await page.keyboard.type('22/11/2026');
  await page.keyboard.press('Tab');
  await expect(page.locator('#step-reason')).toBeFocused();
  await page.keyboard.type('Không còn đủ điều kiện theo dõi');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-done')).toHaveText('Đã ghi bước “Rút khỏi danh sách”.');
  await expect(page.getByTestId('step-done')).toBeFocused();
  await expect(page.getByTestId('identity')).toContainText('Rút khỏi danh sách ngày 22/11/2026. Lý do: Không còn đủ điều kiện theo dõi');
  await expect(page.getByTestId('next-step')).toContainText('không còn bước nào phải làm');
});

test('the identity is corrected through its form and the change is in the history', async ({ page }) => {
  const data = await startDemo(page);
  const person = data.candidates.find((c) => c.stage === 'LAP_HO_SO');
  await openRoute(page, `#/ho-so/${person.id}`);
  await page.getByRole('button', { name: 'Sửa thông tin' }).click();
  await expect(page.locator('#identity-full_name')).toBeFocused();
  await expect(page.locator('#identity-full_name')).toHaveValue(person.full_name);
  expect(await axeViolations(page)).toEqual([]);
  await page.locator('#identity-birth_date').fill('31/02/1990');
  await page.locator('#identity-residence').fill('Tổ dân phố số 9');
  await page.getByRole('button', { name: 'Lưu thông tin' }).click();
  await expect(page.locator('#identity-birth_date-error')).toContainText('31');
  await page.locator('#identity-birth_date').fill(person.birth_date.split('-').reverse().join('/'));
  await page.getByRole('button', { name: 'Lưu thông tin' }).click();
  await expect(page.getByTestId('identity')).toContainText('Đã lưu thông tin.');
  await expect(page.getByTestId('identity')).toContainText('Tổ dân phố số 9');
  await page.getByTestId('changes').locator('summary').click();
  await expect(page.getByTestId('changes')).toContainText('Tổ dân phố số 9');
});

test('a step half-filled is kept as a draft when the person is left and reopened', async ({ page }) => {
  const data = await startDemo(page);
  const person = data.candidates.find((c) => c.stage === 'CAM_TINH');
  await openRoute(page, `#/ho-so/${person.id}`);
  await page.getByTestId('next-step').getByRole('button', { name: 'Đề nghị đi học lớp bồi dưỡng nhận thức về Đảng' }).click();
  await page.locator('#step-date').fill('21/11/2026');
  await openRoute(page, '#/ho-so');
  await openRoute(page, `#/ho-so/${person.id}`);
  await page.getByTestId('next-step').getByRole('button', { name: 'Đề nghị đi học lớp bồi dưỡng nhận thức về Đảng' }).click();
  await expect(page.getByTestId('step-form')).toContainText('Đã khôi phục thông tin bạn nhập dở lần trước.');
  await expect(page.locator('#step-date')).toHaveValue('21/11/2026');
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('step-form').getByRole('button', { name: 'Hủy' }).click();
  await expect(page.getByTestId('step-form')).toBeHidden();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ptdv:draft:')))).toEqual([]);
});
