// Chi bộ (issue 5, item 2 — the list part): every cell with members, committee member in charge,
// this year's target and admissions, and whether the cells' targets add up to the ward's.
import { test, expect, axeViolations, openRoute, SCREENSHOT_DIR } from './fixtures.js';

test('the demo ward\'s cells are listed with targets, and their sum is checked against the ward\'s', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-22T09:00:00+07:00'));
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  await page.getByRole('navigation').getByRole('link', { name: 'Chi bộ' }).click();
  const table = page.getByTestId('cells-table');
  await expect(table.locator('tbody tr')).toHaveCount(31);
  const doc = JSON.parse(await page.evaluate(() => localStorage.getItem('ptdv:doc')));
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
