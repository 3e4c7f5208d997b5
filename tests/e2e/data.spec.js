// Data safety journeys (issue 4, the parts built so far): first run, reload keeps data, a full
// quota, unreadable stored data, export, import with preview, merge and undo, bad files.
import { readFileSync, readdirSync } from 'node:fs';
import { test, expect, axeViolations, openRoute, SCREENSHOT_DIR, unpackStored } from './fixtures.js';

const DOC_KEY = 'ptdv:doc';
const NOW = new Date('2026-11-22T09:00:00+07:00');

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOW);
});

const storedDoc = (page) => page.evaluate((k) => localStorage.getItem(k), DOC_KEY);

async function useDemo(page) {
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Hòa An');
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc \d\d:\d\d$/);
}

test('first run offers the demo; its data survives a reload', async ({ page }) => {
  await openRoute(page, '#/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chào mừng đến với Phát triển đảng viên');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/welcome-1366.png`, fullPage: true });
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Hòa An');
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const saved = await storedDoc(page);
  expect(JSON.parse(saved).format).toBe('ptdv');
  await page.reload();
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Hòa An');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tổng quan');
  await expect(page.getByTestId('figure-ket-nap').locator('.figure-value')).not.toHaveText('');
  expect(await storedDoc(page)).toBe(saved);   // loading does not rewrite the stored text
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-demo-1366.png`, fullPage: true });
});

test('setting up one\'s own ward validates the form and keeps the ward', async ({ page }) => {
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Tạo đảng bộ' }).click();
  await expect(page.getByText('Hãy nhập tên đảng bộ, ví dụ: Hòa An.')).toBeVisible();
  await expect(page.getByLabel('Tên đảng bộ')).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('radio', { name: 'Đảng bộ xã' }).check();
  await page.getByLabel('Tên đảng bộ').fill('Tân Lập');
  await page.getByLabel('Cấp ủy cấp trên trực tiếp').fill('Tỉnh ủy Lào Cai');
  await page.getByRole('button', { name: 'Tạo đảng bộ' }).click();
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ xã Tân Lập');
  await page.reload();
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ xã Tân Lập');
});

test('a full storage quota shows a lasting banner, keeps the data on screen and offers an export', async ({ page }) => {
  // Fill the site's storage before the app starts, leaving room for little.
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
  const banner = page.getByTestId('save-failure');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Bộ nhớ trình duyệt dành cho trang này đã đầy');
  await expect(page.getByTestId('save-status')).toHaveText('Chưa lưu được');
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Hòa An');   // still working in memory
  expect(await storedDoc(page)).toBeNull();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/quota-banner-1366.png`, fullPage: true });
  const download = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Xuất tệp sao lưu ngay' }).click();
  expect((await download).suggestedFilename()).toBe('ptdv_hoa-an_2026-11-22.json');
  // Room is made (the user cleared something): "Thử lưu lại" saves and the banner goes.
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('filler:')) localStorage.removeItem(k); });
  await banner.getByRole('button', { name: 'Thử lưu lại' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  expect(JSON.parse(unpackStored(await storedDoc(page))).ward.name).toBe('Hòa An');
});

test('unreadable stored data is never overwritten: recovery offers the raw text first', async ({ page }) => {
  const broken = '{"format":"ptdv","schema_version":1,"data":{"ward":';
  await page.addInitScript(([k, v]) => {
    if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); localStorage.setItem(k, v); }
  }, [DOC_KEY, broken]);
  await openRoute(page, '#/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không đọc được dữ liệu đã lưu');
  await expect(page.getByTestId('recovery-error')).not.toBeEmpty();
  // There is a ward, unreadable: the header does not say there is none.
  await expect(page.getByTestId('ward-name')).toHaveText('');
  // Every route shows recovery; nothing was written over the stored text.
  await page.goto('./index.html#/du-lieu');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không đọc được dữ liệu đã lưu');
  expect(await storedDoc(page)).toBe(broken);
  const startAgain = page.getByRole('button', { name: 'Bắt đầu lại từ đầu' });
  await expect(startAgain).toBeDisabled();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/recovery-1366.png`, fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải bản dữ liệu cũ về máy' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ptdv_du-lieu-khong-doc-duoc_2026-11-22.json');
  expect(readFileSync(await file.path(), 'utf8')).toBe(broken);
  await startAgain.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chào mừng đến với Phát triển đảng viên');
  expect(await storedDoc(page)).toBeNull();
});

test('export downloads the whole ward as a dated, loadable file', async ({ page }) => {
  await useDemo(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất toàn bộ dữ liệu' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ptdv_hoa-an_2026-11-22.json');
  const doc = JSON.parse(readFileSync(await file.path(), 'utf8'));
  expect(doc.format).toBe('ptdv');
  expect(doc.schema_version).toBe(2);
  expect(doc.scope).toEqual({ kind: 'ward' });
  expect(doc.data.cells).toHaveLength(31);
  await expect(page.getByTestId('data-message')).toContainText('Đã xuất tệp');
});

test('import shows a preview, merges by the newer record, and the undo restores the data exactly', async ({ page }) => {
  await useDemo(page);
  const before = await storedDoc(page);
  // A cell secretary's copy: one candidate renamed later, one candidate edited earlier (stale).
  const doc = JSON.parse(unpackStored(before));
  const fresh = doc.data.candidates[0];
  fresh.full_name = 'Nguyễn Thị Sửa Sau';
  fresh.updated_at = '2026-11-22T01:30:00Z';
  const stale = doc.data.candidates[1];
  const staleName = stale.full_name;
  stale.full_name = 'Tên Cũ Hơn';
  stale.updated_at = '2020-01-01T00:00:00Z';
  await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu' }).click();
  await page.getByLabel('Chọn tệp để nhập…').setInputFiles({
    name: 'tu-chi-bo.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)),
  });
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  const row = preview.getByRole('row', { name: /^Quần chúng/ });
  await expect(row.getByRole('cell').nth(1)).toHaveText('1');      // changed
  await expect(row.getByRole('cell').nth(3)).toHaveText('1');      // conflicts
  await expect(page.getByTestId('import-conflicts')).toContainText('giữ bản trên máy');
  expect(await storedDoc(page)).toBe(before);                      // nothing changed yet
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/import-preview-1366.png`, fullPage: true });
  await preview.getByRole('button', { name: 'Gộp vào dữ liệu hiện có' }).click();
  await expect(page.getByTestId('data-message')).toContainText('Đã nhập dữ liệu từ tệp “tu-chi-bo.json”');
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const merged = JSON.parse(unpackStored(await storedDoc(page)));
  expect(merged.data.candidates.find((c) => c.id === fresh.id).full_name).toBe('Nguyễn Thị Sửa Sau');
  expect(merged.data.candidates.find((c) => c.id === stale.id).full_name).toBe(staleName);
  await page.getByRole('button', { name: 'Hoàn tác nhập' }).click();
  await expect(page.getByTestId('data-message')).toContainText('Đã hoàn tác');
  expect(await storedDoc(page)).toBe(before);
  await page.reload();
  expect(await storedDoc(page)).toBe(before);
  await expect(page.getByRole('button', { name: 'Hoàn tác nhập' })).toHaveCount(0);
});

test('every bad file of the corpus gives a clear message and leaves the stored data byte for byte', async ({ page }) => {
  test.setTimeout(120_000);
  await useDemo(page);
  const before = await storedDoc(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu' }).click();
  const dir = 'tests/corpus/bad';
  const files = readdirSync(dir);
  expect(files.length).toBeGreaterThanOrEqual(30);
  for (const name of files) {
    await page.getByLabel('Chọn tệp để nhập…').setInputFiles(`${dir}/${name}`);
    const message = page.getByTestId('data-message');
    await expect(message, name).toContainText(`Không nhập được tệp “${name}”`);
    expect((await message.textContent()).length, `${name} explains itself`).toBeGreaterThan(`Không nhập được tệp “${name}”: `.length + 10);
    await expect(page.getByTestId('import-preview')).toHaveCount(0);
  }
  // A 20 MB file, built here rather than committed.
  await page.getByLabel('Chọn tệp để nhập…').setInputFiles({
    name: 'qua-lon.json', mimeType: 'application/json', buffer: Buffer.alloc(20 * 1024 * 1024, 0x20),
  });
  await expect(page.getByTestId('data-message')).toContainText('Không nhập được tệp “qua-lon.json”');
  expect(await storedDoc(page)).toBe(before);
});

test('an encrypted export opens only with its passphrase, and a tampered one not at all', async ({ page }) => {
  await useDemo(page);
  const before = await storedDoc(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu' }).click();
  await page.getByLabel('Mã hóa tệp bằng mật khẩu').check();
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('ngắn');
  await page.getByRole('button', { name: 'Xuất toàn bộ dữ liệu' }).click();
  await expect(page.getByText('Mật khẩu cần ít nhất 8 ký tự.')).toBeVisible();
  const pass = 'Chi bộ số 3 — 2026';
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill(pass);
  await expect(page.getByText('Mật khẩu cần ít nhất 8 ký tự.')).toHaveCount(0);   // cleared on input
  await page.getByLabel('Nhập lại mật khẩu').fill(pass);
  await expect(page.getByTestId('export-reminder')).toHaveCount(0);   // the demo was set up today
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/data-export-encrypted-1366.png`, fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất toàn bộ dữ liệu' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ptdv_hoa-an_2026-11-22_mahoa.json');
  const text = readFileSync(await file.path(), 'utf8');
  const envelope = JSON.parse(text);
  expect(envelope.format).toBe('ptdv-encrypted');
  expect(envelope.kdf.iterations).toBeGreaterThanOrEqual(600000);
  // Only the ward's name is in clear (to say whose file it is); no record is readable.
  for (const c of JSON.parse(unpackStored(before)).data.candidates.slice(0, 20)) expect(text).not.toContain(c.full_name);
  expect(text).not.toContain('Tổ dân phố');

  const importFile = (name, body) => page.getByLabel('Chọn tệp để nhập…').setInputFiles({
    name, mimeType: 'application/json', buffer: Buffer.from(body) });
  await importFile('mahoa.json', text);
  await page.getByLabel('Mật khẩu của tệp').fill('sai mật khẩu');
  await page.getByRole('button', { name: 'Mở tệp' }).click();
  await expect(page.getByTestId('data-message')).toContainText('Mật khẩu không đúng');
  // The passphrase typed in decomposed form (NFD) is the same passphrase.
  await page.getByLabel('Mật khẩu của tệp').fill(pass.normalize('NFD'));
  await page.getByRole('button', { name: 'Mở tệp' }).click();
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByRole('row', { name: /^Quần chúng/ }).getByRole('cell').nth(2)).not.toHaveText('0');  // unchanged
  await preview.getByRole('button', { name: 'Hủy' }).click();

  // One byte of the ciphertext changed: refused, as with a wrong passphrase.
  const tampered = { ...envelope };
  const bytes = Buffer.from(envelope.ciphertext, 'base64');
  bytes[100] ^= 0x01;
  tampered.ciphertext = bytes.toString('base64');
  await importFile('bi-sua.json', JSON.stringify(tampered));
  await page.getByLabel('Mật khẩu của tệp').fill(pass);
  await page.getByRole('button', { name: 'Mở tệp' }).click();
  await expect(page.getByTestId('data-message')).toContainText('Không mở được tệp “bi-sua.json”');
  expect(await storedDoc(page)).toBe(before);
});

test('the encrypted fixture made outside the browser opens with its passphrase', async ({ page }) => {
  await openRoute(page, '#/du-lieu');
  await page.getByLabel('Chọn tệp để nhập…').setInputFiles('tests/corpus/good/encrypted-v1.json');
  await page.getByLabel('Mật khẩu của tệp').fill('Hòa An 2026!');
  await page.getByRole('button', { name: 'Mở tệp' }).click();
  await page.getByRole('button', { name: 'Dùng dữ liệu trong tệp' }).click();
  await expect(page.getByTestId('data-message')).toContainText('Đã nhập dữ liệu');
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  expect(JSON.parse(unpackStored(await storedDoc(page))).format).toBe('ptdv');
});

test('one cell\'s records export for its secretary', async ({ page }) => {
  await useDemo(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu' }).click();
  await page.getByLabel('Hoặc xuất riêng dữ liệu một chi bộ (để gửi bí thư chi bộ)').selectOption({ label: 'Chi bộ Tổ dân phố số 1' });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất dữ liệu chi bộ này' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^ptdv_hoa-an_[a-z0-9-]+_2026-11-22\.json$/);
  const doc = JSON.parse(readFileSync(await file.path(), 'utf8'));
  expect(doc.scope.kind).toBe('cell');
  expect(new Set(doc.data.candidates.map((c) => c.cell_id))).toEqual(new Set([doc.scope.cell_id]));
});

test('a ward kept 8 days without any export brings the reminder', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-14T09:00:00+07:00'));
  await useDemo(page);
  await expect(page.getByTestId('export-reminder')).toHaveCount(0);
  await page.clock.setFixedTime(new Date('2026-11-22T09:00:00+07:00'));
  await page.reload();
  await expect(page.getByTestId('export-reminder')).toContainText('8 ngày nay chưa xuất tệp sao lưu');
});

test('edits not exported for 7 days bring a reminder; an export clears it', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('ptdv:last-export', '2026-11-10T02:00:00Z');
    }
  });
  await useDemo(page);
  const reminder = page.getByTestId('export-reminder');
  await expect(reminder).toContainText('12 ngày nay chưa xuất tệp sao lưu');
  await reminder.getByRole('link', { name: 'Xuất tệp sao lưu' }).click();
  await expect(page.getByTestId('last-export')).toContainText('10/11/2026 (12 ngày trước)');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất toàn bộ dữ liệu' }).click();
  await download;
  await expect(reminder).toHaveCount(0);
  await expect(page.getByTestId('last-export')).toContainText('22/11/2026 (hôm nay)');
});

test('a stored document the loader refuses for a too-long ward name is repaired from the recovery view, keeping every record', async ({ page }) => {
  const broken = readFileSync('tests/corpus/bad/ward-name-300.json', 'utf8');
  const good = JSON.parse(readFileSync('tests/corpus/good/v1-small.json', 'utf8'));
  await page.addInitScript(([k, v]) => {
    if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); localStorage.setItem(k, v); }
  }, [DOC_KEY, broken]);
  await openRoute(page, '#/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không đọc được dữ liệu đã lưu');
  // The repair is shown before it is applied; nothing is written yet.
  const repair = page.getByTestId('recovery-repair');
  await expect(repair.getByRole('listitem')).toHaveCount(2);
  await expect(repair).toContainText('dài 300 ký tự, cắt còn 200 ký tự');
  await expect(repair).toContainText('bỏ 1 ký tự điều khiển');
  expect(await storedDoc(page)).toBe(broken);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/recovery-repair-1366.png`, fullPage: true });

  // One action: the old text is downloaded, then the repaired data opens.
  const download = page.waitForEvent('download');
  await repair.getByRole('button', { name: 'Tải bản cũ về máy, rồi sửa và mở dữ liệu' }).click();
  expect(readFileSync(await (await download).path(), 'utf8')).toBe(broken);
  await expect(page.getByTestId('ward-name')).toHaveText(/^Đảng bộ phường Hòa An Hòa An/);
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const doc = JSON.parse(unpackStored(await storedDoc(page)));
  expect([...doc.data.ward.name].length).toBe(200);
  expect(doc.data.candidates.map((c) => c.id)).toEqual(good.data.candidates.map((c) => c.id));
  expect(doc.data.cells.map((c) => c.id)).toEqual(good.data.cells.map((c) => c.id));
  expect(doc.data.candidates[0].residence).toBe(good.data.candidates[0].residence);
  // The fixes are in the change history; the repaired document opens after a reload.
  expect(doc.data.changes.filter((c) => c.kind === 'ward').map((c) => c.field)).toContain('name');
  await page.reload();
  await expect(page.getByTestId('ward-name')).toHaveText(/^Đảng bộ phường Hòa An Hòa An/);
});
