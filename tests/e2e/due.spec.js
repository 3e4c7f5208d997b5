// "Việc cần làm": every overdue and due-soon deadline of the ward, grouped by urgency, with the
// overdue count in the navigation (issue 5, item 6 — the list; links to candidate pages come
// with the candidate page).
import { test, expect, axeViolations, openRoute, SCREENSHOT_DIR } from './fixtures.js';

test('the demo ward\'s overdue and due-soon items are listed with their rule, and counted in the navigation', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-22T09:00:00+07:00'));
  await openRoute(page, '#/');
  await expect(page.getByTestId('due-count')).toHaveCount(0);          // no ward, nothing due
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  const nav = page.getByRole('navigation', { name: 'Các trang chính' });
  await nav.getByRole('link', { name: /^Việc cần làm/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Việc cần làm');

  const overdue = page.getByTestId('due-overdue');
  await expect(overdue).toBeVisible();
  const overdueItems = overdue.getByRole('listitem');
  const extensionItems = page.getByTestId('due-extension').getByRole('listitem');
  const late = (await overdueItems.count()) + (await extensionItems.count());
  expect(late).toBeGreaterThan(0);
  await expect(page.getByTestId('due-count')).toHaveText(`${late} việc quá hạn`);
  // The dashboard counts the same.
  for (const item of await overdueItems.all()) {
    await expect(item).toContainText(/^Quá hạn \d+ ngày — hạn \d\d\/\d\d\/\d{4}/);
    await expect(item).toContainText('Quy định: ');
  }
  await expect(page.getByTestId('due-soon').getByRole('listitem').first()).toContainText(/Còn \d+ ngày|Đến hạn hôm nay/);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/due-demo-1366.png`, fullPage: true });
  // Tổng quan counts the people with an overdue step (one person may have several).
  const people = new Set([
    ...(await overdueItems.locator('.due-who a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))),
    ...(await extensionItems.locator('.due-who a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))),
  ]);
  await nav.getByRole('link', { name: 'Tổng quan' }).click();
  await expect(page.getByTestId('figure-qua-han').locator('.figure-value')).toHaveText(String(people.size));
});

test('a page left open overnight shows the new day\'s deadlines', async ({ page }) => {
  // Fake timers: the app's midnight timer fires when the clock is run past midnight.
  await page.clock.install({ time: new Date('2026-11-22T23:58:00+07:00') });
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByText('Tính đến ngày 22/11/2026')).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: /^Việc cần làm/ }).click();
  const first = page.getByTestId('due-overdue').getByRole('listitem').first();
  const before = Number((await first.locator('.due-when strong').textContent()).match(/^Quá hạn (\d+) ngày$/)[1]);

  await page.clock.runFor('03:00');   // 00:01 on 23/11/2026, nothing touched
  await expect(first.locator('.due-when strong')).toHaveText(`Quá hạn ${before + 1} ngày`);
  await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
  await expect(page.getByText('Tính đến ngày 23/11/2026')).toBeVisible();
});
