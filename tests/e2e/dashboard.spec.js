// Tổng quan with the demo ward, the clock pinned: the figures and the charts' data tables equal
// the domain's own figures (written by crates/domain/examples/overview_figures.rs, which `make
// test-e2e` runs before Playwright), a cell's bar scopes the page, a figure's link opens a list
// of the figure's length, the keyboard reaches every mark, axe passes, screenshots at 1366 and
// 768 px.
import { readFileSync } from 'node:fs';
import { test, expect, axeViolations, openRoute, SCREENSHOT_DIR } from './fixtures.js';

const NOW = new Date('2026-12-02T09:00:00+07:00');
const domain = JSON.parse(readFileSync('tests/e2e/artifacts/overview.json', 'utf8'));

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOW);
});

async function useDemo(page) {
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
}

/** The rows of a chart's data table, as text. */
async function tableRows(page, key) {
  const card = page.getByTestId(`chart-${key}`);
  const details = card.locator('details.chart-table');
  if (!(await details.getAttribute('open'))) await details.locator('summary').click();
  return card.locator('table tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
}

test('every figure and every chart table is the domain\'s, for several periods and scopes', async ({ page }) => {
  expect(domain.today).toBe('2026-12-02');
  expect(domain.views.length).toBeGreaterThanOrEqual(6);
  await useDemo(page);
  for (const v of domain.views) {
    await page.goto(`./index.html#/tong-quan?${v.query}`);
    await expect(page.getByTestId('view-label')).toHaveText(v.label);
    for (const f of v.figures) {
      const card = page.getByTestId(`figure-${f.key}`);
      await expect(card.locator('.figure-value'), `${v.query} ${f.key}`).toHaveText(f.value);
      await expect(card.locator('.figure-label')).toHaveText(f.label);
      if (f.count !== null) await expect(card).toHaveAttribute('data-count', String(f.count));
    }
    await expect(page.getByTestId('figures').locator('> li')).toHaveCount(v.figures.length);
    for (const t of v.tables) {
      expect(await tableRows(page, t.key), `${v.query} table ${t.key}`).toEqual(t.rows);
    }
  }
});

test('a cell\'s bar scopes the page, a figure opens its list, the keyboard reaches every mark', async ({ page }) => {
  await useDemo(page);
  await page.goto('./index.html#/tong-quan?ky=nam-2026');
  const year = domain.views.find((v) => v.query === 'ky=nam-2026');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-1366.png`, fullPage: true });

  // Every mark of every chart takes the focus in turn and shows its value (the mouse out of the
  // way: a mark scrolled under it would show its own tooltip).
  await page.mouse.move(0, 0);
  for (const chart of await page.locator('[data-testid^="chart-"]').all()) {
    const marks = chart.locator('.chart-overlay .mark');
    const n = await marks.count();
    if (n === 0) continue;
    await marks.first().focus();
    for (let i = 0; i < n; i++) {
      await expect(marks.nth(i)).toBeFocused();
      await expect(chart.locator('.chart-tip')).toHaveText(await marks.nth(i).getAttribute('aria-label'));
      if (i < n - 1) await page.keyboard.press('Tab');
    }
  }

  // The first (furthest behind) cell's bar, activated from the keyboard, scopes the page to it.
  const firstCell = year.tables.find((t) => t.key === 'chi-bo').rows[0][0];
  const bar = page.getByTestId('chart-chi-bo').locator('.chart-overlay .mark').first();
  await bar.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('view-label')).toHaveText(new RegExp(`^Năm 2026 · Chi bộ ${firstCell}$`));
  await expect(page.getByTestId('view-label')).toBeFocused();
  await expect(page.locator('#view-scope option:checked')).toHaveText(`Chi bộ ${firstCell}`);
  expect(decodeURIComponent(page.url())).toContain('pham-vi=chi-bo:');
  expect(await axeViolations(page)).toEqual([]);

  // Back to the ward; the admitted figure opens the list of exactly those people.
  await page.goto('./index.html#/tong-quan?ky=nam-2026');
  for (const key of ['ket-nap', 'ty-le-nu', 'du-bi', 'qua-han']) {
    const f = year.figures.find((x) => x.key === key);
    await page.goto('./index.html#/tong-quan?ky=nam-2026');
    await page.getByTestId(`figure-${key}`).getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quần chúng / Hồ sơ');
    const counted = await page.getByTestId('roster-count').textContent();
    const n = Number(counted.match(/Tìm thấy ([\d.]+) người/)[1].replace(/\./g, ''));
    expect(n, `${key}: ${counted}`).toBe(f.count);
    expect(page.url()).toContain('#/ho-so?');
  }
  expect(await axeViolations(page)).toEqual([]);
  // A list opened under a scope shows the scope in its selects.
  const cellQuery = domain.views.find((v) => v.query.includes('chi-bo'));
  await page.goto(`./index.html#/tong-quan?${cellQuery.query}`);
  await page.getByTestId('figure-ket-nap').getByRole('link').click();
  await expect(page.locator('#roster-cell')).toHaveValue(decodeURIComponent(cellQuery.query).split('chi-bo:')[1]);
  // The list's address keeps its filter: reloading it shows the same people.
  const before = await page.getByTestId('roster-count').textContent();
  await page.reload();
  await expect(page.getByTestId('roster-count')).toHaveText(before);
});

test('period and scope are chosen on the page and kept in the address; screenshots', async ({ page }) => {
  await useDemo(page);
  await page.goto('./index.html#/tong-quan');
  await page.getByLabel('Kỳ', { exact: true }).selectOption('quy');
  await page.getByLabel('Quý', { exact: true }).selectOption('3');
  await expect(page.getByTestId('view-label')).toHaveText(/^Quý III năm 2026 · Toàn Đảng bộ$/);
  expect(page.url()).toContain('ky=quy-3-2026');
  await page.getByLabel('Phạm vi', { exact: true }).selectOption({ label: 'Trường học' });
  await expect(page.getByTestId('view-label')).toHaveText('Quý III năm 2026 · Loại chi bộ: Trường học');
  expect(await axeViolations(page)).toEqual([]);
  // A bookmark of the address opens the same view.
  const url = page.url();
  await page.goto('./index.html#/');
  await page.goto(url);
  await expect(page.getByTestId('view-label')).toHaveText('Quý III năm 2026 · Loại chi bộ: Trường học');
  // … and its selects show it.
  await expect(page.locator('#view-kind')).toHaveValue('quy');
  await expect(page.locator('#view-part')).toHaveValue('3');
  await expect(page.locator('#view-scope')).toHaveValue('loai:truong_hoc');
  // An empty period says so in words.
  await page.goto('./index.html#/tong-quan?ky=thang-2-2019');
  await expect(page.getByTestId('chart-thang')).toContainText('Không có ai được kết nạp trong kỳ này');
  expect(await axeViolations(page)).toEqual([]);
  await page.goto('./index.html#/tong-quan?ky=nhiem-ky');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-term-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto('./index.html#/tong-quan?ky=nam-2026');
  await expect(page.getByTestId('figures')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-768.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
});
