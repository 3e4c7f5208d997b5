// Lớp bồi dưỡng with the demo ward: open a class, enroll people who need it, record results,
// record the certificates once for the whole class (the step lands in each person's record),
// and a second run records nothing twice.
import { test, expect, axeViolations, openRoute, SCREENSHOT_DIR, unpackStored } from './fixtures.js';

const NOW = new Date('2026-11-22T09:00:00+07:00');

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOW);
});

test('a class: enroll, results, certificates once for the whole class', async ({ page }) => {
  test.setTimeout(60_000);
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  await page.getByRole('navigation', { name: 'Các trang chính' }).getByRole('link', { name: 'Lớp bồi dưỡng' }).click();
  await expect(page.getByTestId('classes-table').locator('tbody tr').first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/classes-1366.png`, fullPage: true });

  await page.getByRole('link', { name: 'Mở lớp mới' }).click();
  expect(await axeViolations(page)).toEqual([]);
  await page.locator('#class-kind').selectOption({ label: 'Lớp bồi dưỡng nhận thức về Đảng' });
  await page.locator('#class-name').fill('Khóa 3 năm 2026');
  await page.locator('#class-start').fill('02/11/2026');
  await page.locator('#class-end').fill('01/11/2026');
  await page.getByRole('button', { name: 'Lưu lớp' }).click();
  await expect(page.locator('#class-end-error')).toContainText('trước');
  await page.locator('#class-end').fill('06/11/2026');
  await page.getByRole('button', { name: 'Lưu lớp' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Khóa 3 năm 2026');

  // Enroll two of the people who need the class.
  await page.getByRole('button', { name: 'Ghi tên học viên' }).click();
  const form = page.getByTestId('enroll-form');
  const boxes = form.locator('input[type=checkbox]');
  expect(await boxes.count()).toBeGreaterThanOrEqual(2);
  const names = [];
  for (const i of [0, 1]) {
    const label = form.locator('label.checkbox').nth(i);
    names.push((await label.textContent()).split(' — ')[0].trim());
    await boxes.nth(i).check();
  }
  expect(await axeViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Ghi tên 2 người đã chọn' }).click();
  await expect(page.getByTestId('class-message')).toHaveText('Đã ghi tên 2 học viên vào lớp.');
  await expect(page.getByTestId('learners').locator('tbody tr')).toHaveCount(2);

  // Results: the first passed, the second was absent.
  await page.getByLabel(`Kết quả của ${names[0]}`).selectOption({ label: 'Đạt' });
  await page.getByLabel(`Kết quả của ${names[1]}`).selectOption({ label: 'Vắng mặt' });
  await page.getByRole('button', { name: 'Lưu kết quả học tập' }).click();
  await expect(page.getByTestId('class-message')).toHaveText('Đã lưu kết quả học tập.');

  // Certificates for the whole class.
  await page.getByRole('button', { name: 'Ghi giấy chứng nhận cho cả lớp' }).click();
  await page.locator('#certificate-certificate_date').fill('10/11/2026');
  await page.locator('#certificate-first_number').fill('301-CN/TTCT');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByTestId('certificate-form').getByRole('button', { name: 'Ghi giấy chứng nhận' }).click();
  await expect(page.getByTestId('class-message')).toContainText('Đã ghi giấy chứng nhận cho 1 học viên');
  await expect(page.getByTestId('class-message')).toContainText('1 học viên không được cấp');
  await expect(page.getByTestId('learners')).toContainText('301-CN/TTCT');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/class-1366.png`, fullPage: true });

  // Once only: a second run records nothing new.
  await page.getByRole('button', { name: 'Ghi giấy chứng nhận cho học viên còn lại' }).click();
  await page.getByTestId('certificate-form').getByRole('button', { name: 'Ghi giấy chứng nhận' }).click();
  await expect(page.getByTestId('class-message')).toContainText('Đã ghi giấy chứng nhận cho 0 học viên; 1 học viên đã ghi từ trước');

  // The step is in the person's record.
  await page.getByTestId('learners').getByRole('link', { name: names[0] }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(names[0]);
  await expect(page.getByTestId('identity')).toContainText('Đã học lớp');
  const entry = page.getByTestId('timeline').locator('li', { hasText: 'Ghi giấy chứng nhận học lớp nhận thức về Đảng' }).last();
  await expect(entry).toContainText('301-CN/TTCT');
  await expect(entry).toContainText('10/11/2026');
});

test('people ticked in the candidate list are enrolled in a class together', async ({ page }) => {
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const data = JSON.parse(unpackStored(await page.evaluate(() => localStorage.getItem('ptdv:doc')))).data;
  const awareness = data.classes.filter((c) => c.kind === 'nhan_thuc').sort((a, b) => b.start.localeCompare(a.start))[0];
  await openRoute(page, '#/ho-so');
  await page.getByLabel('Bước', { exact: true }).selectOption({ label: 'Cảm tình Đảng' });
  const rows = page.getByTestId('roster-table').locator('tbody tr');
  const names = [await rows.nth(0).locator('th').textContent(), await rows.nth(1).locator('th').textContent()];
  for (const n of names) await page.getByLabel(`Chọn ${n}`, { exact: true }).check();
  const bar = page.getByTestId('enroll-bar');
  await expect(bar).toContainText('Đã chọn 2 người.');
  expect(await axeViolations(page)).toEqual([]);
  await bar.getByLabel('Ghi tên vào lớp').selectOption({ value: awareness.id });
  await bar.getByRole('button', { name: 'Ghi tên vào lớp' }).click();
  await expect(page.getByTestId('enroll-result')).toContainText('Đã ghi tên 2 người vào lớp.');
  await expect(bar).toBeHidden();

  // Someone the class does not fit: refused with their name, nobody is added.
  await page.getByLabel('Bước', { exact: true }).selectOption({ label: 'Đảng viên chính thức' });
  const official = await rows.nth(0).locator('th').textContent();
  await page.getByLabel(`Chọn ${official}`, { exact: true }).check();
  await bar.getByLabel('Ghi tên vào lớp').selectOption({ value: awareness.id });
  await bar.getByRole('button', { name: 'Ghi tên vào lớp' }).click();
  await expect(page.getByTestId('enroll-result')).toContainText(`Không thể ghi tên vào lớp: ${official}`);

  await openRoute(page, `#/lop-hoc/${awareness.id}`);
  const learners = page.getByTestId('learners');
  for (const n of names) await expect(learners.getByRole('link', { name: n, exact: true })).toBeVisible();
  await expect(learners.getByRole('link', { name: official, exact: true })).toHaveCount(0);
});
