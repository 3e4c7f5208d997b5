// Two tabs of the app on one machine (issue 4): a save in one reaches the other; a tab with
// unsaved edits asks before taking the other tab's data; nothing is overwritten blindly.
import { readFileSync } from 'node:fs';
import { test, expect, openRoute, axeViolations, SCREENSHOT_DIR, unpackStored } from './fixtures.js';

const DOC_KEY = 'ptdv:doc';
const NOW = new Date('2026-11-22T09:00:00+07:00');
const storedDoc = (page) => page.evaluate((k) => localStorage.getItem(k), DOC_KEY);

/** Imports `edit(doc)` of the stored document into `page`, merging it. */
async function importEdited(page, name, edit) {
  const doc = JSON.parse(unpackStored(await storedDoc(page)));
  edit(doc.data);
  await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu' }).click();
  await page.getByLabel('Chọn tệp để nhập…').setInputFiles({
    name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await page.getByTestId('import-preview').getByRole('button', { name: 'Gộp vào dữ liệu hiện có' }).click();
  await expect(page.getByTestId('data-message')).toContainText(`Đã nhập dữ liệu từ tệp “${name}”`);
}

test('a save in one tab reaches the other tab without a reload', async ({ page, context }) => {
  await page.clock.setFixedTime(NOW);
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const other = await context.newPage();
  await other.clock.setFixedTime(NOW);
  await openRoute(other, '#/');
  await expect(other.getByTestId('ward-name')).toHaveText('Đảng bộ phường Hòa An');

  await importEdited(page, 'doi-ten.json', (d) => { d.ward.name = 'Hòa An Mới'; d.ward.updated_at = '2026-11-22T01:59:00Z'; });
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Hòa An Mới');
  await expect(other.getByTestId('ward-name')).toHaveText('Đảng bộ phường Hòa An Mới');
  await expect(other.getByTestId('synced')).toContainText('Đã cập nhật dữ liệu vừa lưu ở một tab khác');
});

test('a tab opened before there was any ward takes the ward another tab makes', async ({ page, context }) => {
  // The first tab has read nothing, so it has no reader yet (src/reader.rs): the other tab's
  // save brings it.
  await openRoute(page, '#/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chào mừng đến với Phát triển đảng viên');
  const other = await context.newPage();
  await openRoute(other, '#/');
  await other.getByLabel('Tên đảng bộ').fill('Tân Lập');
  await other.getByLabel('Cấp ủy cấp trên trực tiếp').fill('Tỉnh ủy Thái Nguyên');
  await other.getByRole('button', { name: 'Tạo đảng bộ' }).click();
  await expect(other.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Tân Lập');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tổng quan');
  await expect(page.getByTestId('synced')).toContainText('Đã cập nhật dữ liệu vừa lưu ở một tab khác');
});

test('a tab with unsaved edits asks, and merging keeps the edits of both tabs', async ({ page, context }) => {
  await page.clock.setFixedTime(NOW);
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const ids = JSON.parse(unpackStored(await storedDoc(page))).data.candidates.slice(0, 2).map((c) => c.id);

  // The clock is the context's: paused, no debounced save fires in either tab. An import is
  // saved at once; tab B's later edit of the settings stays unsaved ("Đang lưu…").
  const b = await context.newPage();
  await b.clock.install({ time: NOW });
  await b.clock.pauseAt(new Date(NOW.getTime() + 1000));
  await openRoute(b, '#/');
  await importEdited(b, 'tab-b.json', (d) => {
    const c = d.candidates.find((x) => x.id === ids[0]);
    c.full_name = 'Người Sửa Ở Tab B'; c.updated_at = '2026-11-22T01:58:00Z';
  });
  await expect(b.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const form = b.getByTestId('settings-form');
  await form.getByLabel('Tên đảng bộ').fill('Hòa An Tây');
  await form.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(b.getByTestId('save-status')).toHaveText('Đang lưu…');

  // Tab A saves another edit (an import is saved at once; pagehide would flush anything left).
  await importEdited(page, 'tab-a.json', (d) => {
    const c = d.candidates.find((x) => x.id === ids[1]);
    c.full_name = 'Người Sửa Ở Tab A'; c.updated_at = '2026-11-22T01:57:00Z';
  });
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);

  // B asks instead of reloading or overwriting.
  const dialog = b.getByRole('alertdialog', { name: 'Dữ liệu vừa thay đổi ở một tab khác' });
  await expect(dialog).toBeVisible();
  let stored = JSON.parse(unpackStored(await storedDoc(b)));
  expect(stored.data.candidates.find((c) => c.id === ids[1]).full_name).toBe('Người Sửa Ở Tab A');
  await dialog.getByRole('button', { name: 'Gộp hai bản (nên chọn)' }).click();
  await expect(dialog).toBeHidden();
  await expect(b.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  stored = JSON.parse(unpackStored(await storedDoc(b)));
  expect(stored.data.candidates.find((c) => c.id === ids[0]).full_name).toBe('Người Sửa Ở Tab B');
  expect(stored.data.candidates.find((c) => c.id === ids[1]).full_name).toBe('Người Sửa Ở Tab A');
  expect(stored.data.ward.name).toBe('Hòa An Tây');                 // B's unsaved edit kept
  // A takes B's merged save (A had nothing unsaved).
  await expect(page.getByTestId('synced')).toBeVisible();
});

test('the other-tab question is accessible (a tab whose saves fail, then another tab saves)', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  // Storage nearly full: this tab's save fails, so its data stays unsaved.
  await page.addInitScript(() => {
    if (sessionStorage.getItem('filled')) return;
    sessionStorage.setItem('filled', '1');
    // Decreasing chunks: less than 500 units left (the packed demo ward takes about 100,000).
    let i = 0;
    for (const size of [500_000, 50_000, 5_000, 500]) {
      const chunk = 'x'.repeat(size);
      for (;;) { try { localStorage.setItem(`filler:${i++}`, chunk); } catch { break; } }
    }
  });
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText('Chưa lưu được');
  // "Another tab" saved a small ward: the browser would fire this event in this tab.
  const doc = JSON.parse(readFileSync('tests/corpus/good/v1-small.json', 'utf8'));
  doc.ward.id = doc.data.ward.id = 'another-ward';       // another ward's document
  const other = JSON.stringify(doc);
  await page.evaluate(([key, value]) => window.dispatchEvent(new StorageEvent('storage', { key, newValue: value })), [DOC_KEY, other]);
  const dialog = page.getByRole('alertdialog', { name: 'Dữ liệu vừa thay đổi ở một tab khác' });
  await expect(dialog).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/other-tab-dialog-1366.png` });
  // Two different wards cannot be merged: the error says so and nothing is lost.
  await dialog.getByRole('button', { name: 'Gộp hai bản (nên chọn)' }).click();
  await expect(dialog.getByRole('alert')).toContainText('không gộp được');
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Hòa An');
});
