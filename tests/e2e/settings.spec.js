// Ward settings (issue 5, item 1): name, level, superior, term, local deadlines, days off.
import { test, expect, axeViolations, openRoute, SCREENSHOT_DIR, unpackStored } from './fixtures.js';

const storedDoc = async (page) => JSON.parse(unpackStored(await page.evaluate(() => localStorage.getItem('ptdv:doc'))));

test('ward settings validate beside each field, save, show in the header and the change history', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-22T09:00:00+07:00'));
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu' }).click();
  const form = page.getByTestId('settings-form');
  await expect(form.getByLabel('Tên đảng bộ')).toHaveValue('Hòa An');

  await form.getByLabel('Tên đảng bộ').fill('');
  await form.getByLabel('Từ năm').fill('2030');
  await form.getByLabel(/^Ngày nghỉ thêm/).fill('02/01/2027\n30/02/2027');
  await form.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(form.getByText('Hãy nhập tên đảng bộ.')).toBeVisible();
  await expect(form.getByText(/^Nhiệm kỳ là hai năm/)).toBeVisible();
  await expect(form.getByText(/^Dòng 2: /)).toBeVisible();
  await expect(form.getByLabel('Tên đảng bộ')).toHaveAttribute('aria-invalid', 'true');
  expect(await axeViolations(page)).toEqual([]);
  expect((await storedDoc(page)).data.ward.name).toBe('Hòa An');   // nothing saved

  await form.getByRole('radio', { name: 'Đảng bộ xã' }).check();
  await form.getByLabel('Tên đảng bộ').fill('Hòa An Đông');
  await form.getByLabel('Từ năm').fill('2025');
  await form.getByLabel(/^Ngày nghỉ thêm/).fill('02/01/2027\n2/1/2027\n03-01-2027');
  await form.getByLabel(/^Áp dụng thêm các thời hạn riêng của Thành ủy Hà Nội/).check();
  await form.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ xã Hòa An Đông');
  await expect(form.getByLabel(/^Ngày nghỉ thêm/)).toHaveValue('02/01/2027\n03/01/2027');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-1366.png`, fullPage: true });

  await page.reload();
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ xã Hòa An Đông');
  await expect(form.getByLabel(/^Ngày nghỉ thêm/)).toHaveValue('02/01/2027\n03/01/2027');   // sorted, duplicates merged
  await expect(form.getByLabel(/^Áp dụng thêm các thời hạn riêng/)).toBeChecked();
  const doc = await storedDoc(page);
  expect(doc.data.ward.settings.local.send_up_wd).toBe(5);
  const fields = doc.data.changes.filter((c) => c.kind === 'ward').map((c) => c.field);
  expect(fields).toEqual(expect.arrayContaining(['name', 'kind']));
  // The Hanoi preset adds its local timers to what is due.
  await page.getByRole('navigation').getByRole('link', { name: /^Việc cần làm/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Việc cần làm');
});

test('a ward name of 300 characters or with a control character is refused in both ward forms; the stored ward still loads', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-22T09:00:00+07:00'));
  const long = 'Hòa An '.repeat(43).slice(0, 300);
  // The first-run form.
  await openRoute(page, '#/');
  await page.getByLabel('Tên đảng bộ').fill(long);
  await page.getByRole('button', { name: 'Tạo đảng bộ' }).click();
  await expect(page.getByText('Quá dài: tối đa 200 ký tự.')).toBeVisible();
  await expect(page.getByLabel('Tên đảng bộ')).toHaveAttribute('aria-invalid', 'true');
  expect(await page.evaluate(() => localStorage.getItem('ptdv:doc'))).toBeNull();
  // A control character can only arrive by paste or by a script: set it as a paste would.
  await page.getByLabel('Tên đảng bộ').fill('Tân\u0007Lập');
  await page.getByRole('button', { name: 'Tạo đảng bộ' }).click();
  await expect(page.getByText('Có ký tự không hợp lệ (ký tự điều khiển); hãy gõ lại.')).toBeVisible();
  await page.getByLabel('Tên đảng bộ').fill('Tân Lập');
  await page.getByRole('button', { name: 'Tạo đảng bộ' }).click();
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Tân Lập');

  // The settings form.
  await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu' }).click();
  const form = page.getByTestId('settings-form');
  for (const [bad, message] of [[long, 'Quá dài: tối đa 200 ký tự.'], ['Tân Lập\u202E', 'Có ký tự không hợp lệ (ký tự điều khiển); hãy gõ lại.']]) {
    await form.getByLabel('Tên đảng bộ').fill(bad);
    await form.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await expect(form.getByText(message)).toBeVisible();
    await expect(form.getByLabel('Tên đảng bộ')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('settings-saved')).toHaveCount(0);
  }
  expect(await axeViolations(page)).toEqual([]);
  const doc = await storedDoc(page);
  expect(doc.data.ward.name).toBe('Tân Lập');
  await page.reload();
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Tân Lập');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dữ liệu');
});
