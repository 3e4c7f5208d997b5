// Storage that lasts a term: the stored document is packed (a small share of the quota), the
// Dữ liệu page says how full storage is and about how many more candidates fit, a warning
// comes at 80 %, and an import that cannot fit beside its undo snapshot is refused before it
// changes anything, with an export offered.
import { test, expect, axeViolations, openRoute, storedDemo, SCREENSHOT_DIR, unpackStored } from './fixtures.js';

const NOW = new Date('2026-12-02T09:00:00+07:00');
const QUOTA = 5_242_880;

/** Fills the site's storage until less than 500 units are left (decreasing chunks). */
async function fill(page) {
  await page.evaluate(() => {
    let i = 0;
    for (const size of [500_000, 50_000, 5_000, 500]) {
      const chunk = 'x'.repeat(size);
      for (;;) { try { localStorage.setItem(`filler:${size}:${i++}`, chunk); } catch { break; } }
    }
  });
}

/** Frees about `units` by removing fillers (largest first). */
async function free(page, units) {
  await page.evaluate((units) => {
    const keys = Object.keys(localStorage).filter((k) => k.startsWith('filler:'))
      .sort((a, b) => Number(b.split(':')[1]) - Number(a.split(':')[1]));
    let freed = 0;
    for (const k of keys) {
      const n = Number(k.split(':')[1]);
      if (freed + n > units) continue;
      localStorage.removeItem(k);
      freed += n;
    }
  }, units);
}

const used = (page) => page.evaluate(() => Object.keys(localStorage).reduce((t, k) => t + k.length + localStorage.getItem(k).length, 0));

test('the stored ward is packed; the meter says how full storage is; a warning at 80 %', async ({ page, browser, baseURL }) => {
  const own = await storedDemo(browser, baseURL, NOW);
  await page.clock.setFixedTime(NOW);
  await page.addInitScript((doc) => { if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); localStorage.setItem('ptdv:doc', doc); } }, own);
  await openRoute(page, '#/du-lieu');
  const meter = page.getByTestId('storage-meter');
  // The plain document the seed wrote was packed on open; what is stored loads as the same ward.
  const stored = await page.evaluate(() => localStorage.getItem('ptdv:doc'));
  expect(JSON.parse(stored).packed_bytes).toBeGreaterThan(0);
  expect(JSON.parse(unpackStored(stored)).data).toEqual(JSON.parse(own).data);
  const share = stored.length / QUOTA;
  expect(share, `the demo ward takes ${(share * 100).toFixed(2)} % of the quota`).toBeLessThan(0.03);
  const text = await meter.locator('#storage-text').textContent();
  const m = text.match(/^Đã dùng (\d+,?\d*) % bộ nhớ .* \(([\d.]+) \/ 5\.242\.880 ký tự\)\. Còn chỗ cho khoảng ([\d.]+) quần chúng nữa\.$/);
  expect(m, text).not.toBeNull();
  expect(Number(m[2].replace(/\./g, ''))).toBe(await used(page));
  const more = Number(m[3].replace(/\./g, ''));
  expect(more).toBeGreaterThan(10_000);                         // a term's worth and more
  await expect(meter.locator('meter')).toHaveAttribute('value', /^[0-2]\.\d$/);
  await expect(page.getByTestId('storage-warning')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await meter.screenshot({ path: `${SCREENSHOT_DIR}/storage-meter-1366.png` });

  // Over 80 %: the meter warns, and every page says so.
  await fill(page);
  await free(page, Math.round(QUOTA * 0.15));
  await page.reload();
  await expect(meter.getByRole('alert')).toContainText('Bộ nhớ sắp đầy');
  const warning = page.getByTestId('storage-warning');
  await expect(warning).toContainText('Bộ nhớ trình duyệt dành cho trang này đã dùng 8');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/storage-warning-1366.png`, fullPage: true });
  await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
  await expect(warning).toBeVisible();
});

test('an import that cannot fit beside its undo snapshot is refused first, nothing changed, an export offered', async ({ page, browser, baseURL }) => {
  const own = await storedDemo(browser, baseURL, NOW);
  await page.clock.setFixedTime(NOW);
  await page.addInitScript((doc) => { if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); localStorage.setItem('ptdv:doc', doc); } }, own);
  await openRoute(page, '#/du-lieu');
  await expect(page.getByTestId('storage-meter')).toBeVisible();
  const doc = await page.evaluate(() => localStorage.getItem('ptdv:doc'));
  // Room for less than one more copy of the ward: the ward fits, its snapshot beside it not.
  await fill(page);
  await free(page, Math.round(doc.length / 2));
  const before = await page.evaluate(() => ({ ...localStorage }));
  await page.getByLabel('Chọn tệp để nhập…').setInputFiles({ name: 'hoa-an.json', mimeType: 'application/json', buffer: Buffer.from(own) });
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByRole('button', { name: 'Thay thế toàn bộ' }).click();
  const message = page.getByTestId('data-message');
  await expect(message).toContainText('Chưa nhập: bộ nhớ trình duyệt không đủ chỗ cho dữ liệu sau khi nhập cùng bản giữ lại để hoàn tác');
  await expect(message).toContainText('Không có gì thay đổi.');
  expect(await page.evaluate(() => ({ ...localStorage }))).toEqual(before);       // byte for byte
  await expect(page.getByTestId('save-failure')).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất tệp sao lưu ngay' }).first().click();
  expect((await download).suggestedFilename()).toMatch(/^ptdv_hoa-an_.*\.json$/);
  expect(await axeViolations(page)).toEqual([]);
});

test('a large file is read in steps: a progress bar, the page drawing between them, the same preview', async ({ page, browser, baseURL }) => {
  const own = JSON.parse(await storedDemo(browser, baseURL, NOW));
  // The demo ward with each candidate sixteen times over (new ids), as exported: over 40 MB, so
  // that the read spans several of the page's slices however fast the loader gets.
  const candidates = own.data.candidates;
  own.data.candidates = [...Array(16).keys()].flatMap((k) => candidates.map((c) => ({ ...c, id: k ? `${c.id}-${k}` : c.id })));
  delete own.data.changes;
  const file = JSON.stringify(own, null, 2);
  expect(file.length).toBeGreaterThan(40_000_000);
  await page.clock.setFixedTime(NOW);
  await openRoute(page, '#/du-lieu');
  await page.evaluate(() => {
    // What the page showed while it read: each progress bar state, and the frames it drew.
    window.__seen = [];
    window.__frames = 0;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="import-progress"] progress');
      if (bar && window.__framesAtBar === undefined) window.__framesAtBar = window.__frames;
      if (bar) window.__seen.push({ value: Number(bar.getAttribute('value')), max: Number(bar.getAttribute('max')), text: document.getElementById('import-progress-text')?.textContent });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const frame = () => { if (!document.querySelector('[data-testid="import-preview"]')) { window.__frames++; requestAnimationFrame(frame); } };
    requestAnimationFrame(frame);
  });
  await page.getByLabel('Chọn tệp để nhập…').setInputFiles({ name: 'hoa-an.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(page.getByTestId('import-preview')).toContainText('5.408 quần chúng');
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
  const seen = await page.evaluate(() => window.__seen);
  expect(seen.length, 'the progress bar was shown').toBeGreaterThan(0);
  const total = seen.at(-1).max;
  expect(total).toBeGreaterThan(5408);                                    // every record, the ward's too
  expect(seen.every((s) => s.value <= s.max)).toBe(true);
  expect(seen.some((s) => /^Đang đọc tệp: [\d.]+ \/ [\d.]+ bản ghi…$/.test(s.text ?? '')), JSON.stringify(seen.slice(0, 3))).toBe(true);
  // The page drew frames between showing the bar and the preview: it was not held for the read.
  expect(await page.evaluate(() => window.__frames - window.__framesAtBar), 'frames drawn while reading').toBeGreaterThan(1);
  expect(await axeViolations(page)).toEqual([]);
});
