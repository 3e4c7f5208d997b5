// Chi bộ (issue 5, item 2 — the list part): every cell with members, committee member in charge,
// this year's target and admissions, and whether the cells' targets add up to the ward's.
import { test, expect, axeViolations, openRoute, SCREENSHOT_DIR, unpackStored } from './fixtures.js';

test('the demo ward\'s cells are listed with targets, and their sum is checked against the ward\'s', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-22T09:00:00+07:00'));
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  await page.getByRole('navigation').getByRole('link', { name: 'Chi bộ' }).click();
  const table = page.getByTestId('cells-table');
  await expect(table.locator('tbody tr')).toHaveCount(31);
  const doc = JSON.parse(unpackStored(await page.evaluate(() => localStorage.getItem('ptdv:doc'))));
  const cellTargets = doc.data.targets.filter((t) => t.scope.kind === 'cell' && t.period.kind === 'year' && t.period.year === 2026);
  const sum = cellTargets.reduce((a, t) => a + t.value, 0);
  const ward = doc.data.targets.find((t) => t.scope.kind === 'ward' && t.period.kind === 'year' && t.period.year === 2026).value;
  const balance = page.getByTestId('target-balance');
  await expect(balance).toContainText(`Tổng chỉ tiêu năm 2026 của 31 chi bộ: ${sum}`);
  await expect(balance).toContainText(sum === ward ? `bằng chỉ tiêu của đảng bộ (${ward})` : `chỉ tiêu của đảng bộ (${ward})`);
  const first = doc.data.cells.find((c) => c.code === 'TDP01') ?? doc.data.cells[0];
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: first.name, exact: true }) });
  await expect(row).toContainText(first.committee_member_in_charge);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/cells-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 768, height: 1024 });
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/cells-768.png`, fullPage: true });
});

test('a cell with records is archived, never deleted, and comes back; its details are edited', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-22T09:00:00+07:00'));
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const doc = JSON.parse(unpackStored(await page.evaluate(() => localStorage.getItem('ptdv:doc'))));
  const cell = doc.data.cells.find((c) => doc.data.candidates.some((x) => x.cell_id === c.id));
  await openRoute(page, '#/chi-bo');
  await page.getByTestId('cells-table').getByRole('link', { name: cell.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(cell.name);
  // A cell with people in it offers no delete, only archive.
  await expect(page.getByRole('button', { name: 'Xóa chi bộ' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Lưu trữ chi bộ' }).click();
  await expect(page.getByTestId('cell-message')).toHaveText('Đã lưu trữ chi bộ. Hồ sơ của chi bộ vẫn được giữ nguyên.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${cell.name} (đã lưu trữ)`);
  await openRoute(page, '#/chi-bo');
  await expect(page.getByTestId('cells-table').getByRole('link', { name: cell.name, exact: true })).toHaveCount(0);
  await page.getByLabel(/^Hiện cả 1 chi bộ đã lưu trữ/).check();
  await page.getByTestId('cells-table').getByRole('link', { name: cell.name, exact: true }).click();
  await page.getByRole('button', { name: 'Đưa trở lại danh sách' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(cell.name);
  // Edit the details: the form opens with the cell's values and takes the focus.
  await page.getByRole('button', { name: 'Sửa thông tin chi bộ' }).click();
  await expect(page.locator('#cell-code')).toBeFocused();
  await expect(page.locator('#cell-name')).toHaveValue(cell.name);
  expect(await axeViolations(page)).toEqual([]);
  await page.locator('#cell-secretary').fill('Hoàng Văn Tư');
  await page.getByTestId('cell-form').getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByTestId('cell-message')).toHaveText('Đã lưu thông tin chi bộ.');
  await expect(page.getByText('Hoàng Văn Tư')).toBeVisible();
  // The member form is labelled too.
  await page.getByRole('button', { name: 'Thêm đảng viên' }).click();
  await expect(page.locator('#member-full_name')).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/cell-768.png`, fullPage: true });
  const stored = JSON.parse(unpackStored(await page.evaluate(() => localStorage.getItem('ptdv:doc')))).data;
  const after = stored.cells.find((c) => c.id === cell.id);
  expect(after.archived ?? false).toBe(false);
  expect(after.secretary).toBe('Hoàng Văn Tư');
});
