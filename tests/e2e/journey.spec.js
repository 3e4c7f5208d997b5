// The whole journey, with the clock pinned: set up a ward from nothing, add a cell with its
// yearly counts and target and its party members, add a person to the source pool, and take
// them through every step to official membership. On the way: a rule violation blocks a
// step with the right message, and an overdue item appears in "Việc cần làm" and clears.
import { test, expect, axeViolations, openRoute, SCREENSHOT_DIR, unpackStored } from './fixtures.js';

const NOW = new Date('2026-11-22T09:00:00+07:00');
const PERSON = 'Trần Văn Bình';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOW);
});

/** Chooses, in a <select>, the option whose text starts with `text`. */
async function choose(select, text) {
  const value = await select.evaluate((el, t) => {
    const o = [...el.options].find((x) => x.textContent.trim().startsWith(t));
    return o ? o.value : null;
  }, text);
  expect(value, `option “${text}”`).not.toBeNull();
  await select.selectOption(value);
}

/** Fills the open form's fields: `#<prefix>-<key>`; selects take the start of an option's text. */
async function fill(page, prefix, values) {
  for (const [key, value] of Object.entries(values)) {
    const control = page.locator(`#${prefix}-${key}`);
    const tag = await control.evaluate((el) => el.tagName);
    if (tag === 'SELECT') await choose(control, value);
    else if ((await control.getAttribute('type')) === 'checkbox') await control.setChecked(value === true);
    else await control.fill(value);
  }
}

/** Records the step `label` on the person's page with `values`; expects it recorded. */
async function step(page, label, values, { ticks = [], warn = null } = {}) {
  const next = page.getByTestId('next-step');
  const button = next.getByRole('button', { name: label, exact: true });
  if (!(await button.isVisible())) await next.locator('details.exits summary').click();
  await button.click();
  const form = page.getByTestId('step-form');
  await expect(form.getByRole('heading', { name: label })).toBeVisible();
  await fill(page, 'step', values);
  for (const t of ticks) await form.getByLabel(t).check();
  await form.getByRole('button', { name: 'Ghi bước này' }).click();
  // The Youth Union warnings of the dossier come back at the votes: confirmed again each time.
  const done = page.getByTestId('step-done');
  const warnings = page.getByTestId('step-warnings');
  await expect(done.locator('p').or(warnings)).toBeVisible();
  if (await warnings.isVisible()) {
    expect(warn, `unexpected warnings: ${await warnings.textContent()}`).not.toBeNull();
    await expect(warnings).toContainText(warn);
    await warnings.getByRole('button', { name: 'Tôi đã xem, vẫn ghi bước này' }).click();
  }
  await expect(done).toHaveText(new RegExp(`^Đã ghi bước “${label}”`));
}

test('a ward from nothing: a cell, members, one person from the source pool to official member', async ({ page }) => {
  test.setTimeout(120_000);
  // 1. The ward.
  await openRoute(page, '#/');
  await page.getByLabel('Tên đảng bộ').fill('Tân Lập');
  await page.getByLabel('Cấp ủy cấp trên trực tiếp').fill('Tỉnh ủy Thái Nguyên');
  await page.getByRole('button', { name: 'Tạo đảng bộ' }).click();
  await expect(page.getByTestId('ward-name')).toHaveText('Đảng bộ phường Tân Lập');

  // 2. A cell, its counts and target for this year, and the ward's target.
  await page.getByRole('navigation', { name: 'Các trang chính' }).getByRole('link', { name: 'Chi bộ' }).click();
  await page.getByRole('link', { name: 'Thêm chi bộ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thêm chi bộ');
  // A cell with no name: the error stands beside the field.
  await page.getByRole('button', { name: 'Lưu chi bộ' }).click();
  await expect(page.locator('#cell-name-error')).toHaveText('Chưa nhập tên chi bộ.');
  await expect(page.locator('#cell-name')).toHaveAttribute('aria-invalid', 'true');
  expect(await axeViolations(page)).toEqual([]);
  await fill(page, 'cell', { code: 'TDP03', name: 'Chi bộ Tổ dân phố số 3', kind: 'Tổ dân phố', committee_member_in_charge: 'Đỗ Văn Nam' });
  await page.getByRole('button', { name: 'Lưu chi bộ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chi bộ Tổ dân phố số 3');
  await page.getByRole('button', { name: 'Nhập số đảng viên, chỉ tiêu năm 2026' }).click();
  await fill(page, 'cell-year', { full_members: '20', probationary_members: '1', target: '2' });
  await page.getByTestId('cell-year-form').getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByTestId('cell-years')).toContainText('2026');

  // 3. Party members who will help and introduce (one probationary: not offered as introducer).
  const members = [
    { full_name: 'Nguyễn Thị Hoa', status: 'Chính thức', admitted_on: '10/05/2010', official_on: '10/05/2011' },
    { full_name: 'Lê Văn Hùng', status: 'Chính thức', admitted_on: '03/02/2012', official_on: '03/02/2013' },
    { full_name: 'Phạm Minh Tuấn', status: 'Dự bị', admitted_on: '01/09/2025' },
  ];
  for (const m of members) {
    await page.getByRole('button', { name: 'Thêm đảng viên' }).click();
    await fill(page, 'member', m);
    await page.getByTestId('member-form').getByRole('button', { name: 'Lưu' }).click();
    await expect(page.getByTestId('cell-members')).toContainText(m.full_name);
  }
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/journey-cell-1366.png`, fullPage: true });

  await page.getByRole('navigation', { name: 'Các trang chính' }).getByRole('link', { name: 'Chi bộ' }).click();
  await page.getByRole('button', { name: 'Nhập chỉ tiêu của đảng bộ năm 2026' }).click();
  await fill(page, 'ward-target', { target: '3' });
  await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
  await expect(page.getByTestId('target-balance')).toContainText('ít hơn chỉ tiêu của đảng bộ (3) là 1');

  // 4. The person, added to the source pool.
  await page.getByRole('navigation', { name: 'Các trang chính' }).getByRole('link', { name: 'Quần chúng / Hồ sơ' }).click();
  await page.getByRole('link', { name: 'Thêm quần chúng vào nguồn' }).click();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/journey-new-candidate-1366.png`, fullPage: true });
  await fill(page, 'candidate', {
    full_name: PERSON, sex: 'Nam', birth_date: '15/03/1998', education: '12/12', occupation: '7c. Công nhân',
    residence: 'Tổ dân phố số 3', cell_id: 'Chi bộ Tổ dân phố số 3', source_date: '02/01/2025', proposed_by: 'Đoàn Thanh niên phường',
  });
  await page.getByRole('button', { name: 'Thêm vào nguồn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PERSON);
  await expect(page.getByTestId('identity')).toContainText('Quần chúng ưu tú');

  // 5. The steps, with the legal dates of 2025–2026.
  await step(page, 'Chi bộ xét cảm tình Đảng', { number: '1-NQ/CB', date: '06/01/2025', signer: 'Đỗ Văn Nam' }, { ticks: [/^Nguyễn Thị Hoa/] });
  await step(page, 'Đề nghị đi học lớp bồi dưỡng nhận thức về Đảng', { date: '10/01/2025' });
  await step(page, 'Ghi giấy chứng nhận học lớp nhận thức về Đảng', { number: '12/GCN-TTCT', date: '20/03/2025', issuer: 'Trung tâm chính trị phường Tân Lập' });
  await step(page, 'Quyết định cho làm thủ tục xem xét kết nạp', { number: '5-QĐ/ĐU', date: '01/04/2025' });

  // A rule violation blocks the dossier: the second introducer has been with the person only
  // three months. The step is not recorded; the message names the rule.
  const next = page.getByTestId('next-step');
  await next.getByRole('button', { name: 'Lập hồ sơ xin vào Đảng (đơn, lý lịch, giới thiệu)' }).click();
  await fill(page, 'step', {
    date: '10/04/2025', introducer1: 'Nguyễn Thị Hoa', introducer1_since: '01/01/2020',
    introducer2: 'Lê Văn Hùng', introducer2_since: '01/01/2025',
  });
  const introducerOptions = await page.locator('#step-introducer1 option').allTextContents();
  expect(introducerOptions.some((o) => o.startsWith('Phạm Minh Tuấn')), 'a probationary member is not offered').toBe(false);
  await page.getByTestId('step-form').getByRole('button', { name: 'Ghi bước này' }).click();
  const blocked = page.getByTestId('step-blocked');
  await expect(blocked).toContainText('Người giới thiệu Lê Văn Hùng mới cùng công tác, học tập hoặc sinh hoạt nơi cư trú');
  await expect(blocked).toContainText('chưa đủ 12 tháng');
  await expect(blocked).toContainText('Quy định 294-QĐ/TW');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/journey-blocked-1366.png`, fullPage: true });
  await expect(page.getByTestId('identity')).toContainText('Được làm thủ tục');
  await fill(page, 'step', { introducer2_since: '01/06/2018' });
  await expect(blocked).toBeHidden();
  await page.getByTestId('step-form').getByRole('button', { name: 'Ghi bước này' }).click();
  // Warnings need a confirmation: at 27 the person is of Youth Union age.
  const warnings = page.getByTestId('step-warnings');
  await expect(warnings).toContainText('trong độ tuổi thanh niên (27 tuổi)');
  expect(await axeViolations(page)).toEqual([]);
  await expect(page.getByTestId('step-done')).toBeHidden();
  await warnings.getByRole('button', { name: 'Tôi đã xem, vẫn ghi bước này' }).click();
  await expect(page.getByTestId('step-done')).toHaveText(/^Đã ghi bước “Lập hồ sơ xin vào Đảng/);

  // An overdue item appears: the verification letter of 15/04/2025 has had no reply.
  await step(page, 'Gửi thẩm tra lý lịch', { subject: 'Bản thân', place: 'Đảng ủy xã Phúc Hà', date: '15/04/2025' });
  await expect(page.getByTestId('candidate-deadlines')).toContainText('Hạn trả lời thẩm tra lý lịch');
  await page.getByRole('navigation', { name: 'Các trang chính' }).getByRole('link', { name: /^Việc cần làm/ }).click();
  const item = page.getByTestId('due-overdue').locator('li', { hasText: PERSON }).filter({ hasText: 'Hạn trả lời thẩm tra lý lịch' });
  await expect(item).toHaveCount(1);
  await expect(page.getByTestId('due-count')).toBeVisible();
  await item.getByRole('link', { name: PERSON }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PERSON);
  // … and clears once the reply is recorded.
  await step(page, 'Nhận kết quả thẩm tra lý lịch', { verification: 'Bản thân', date: '12/05/2025' });
  await page.getByRole('navigation', { name: 'Các trang chính' }).getByRole('link', { name: /^Việc cần làm/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Việc cần làm');
  await expect(page.locator('li', { hasText: PERSON }).filter({ hasText: 'Hạn trả lời thẩm tra lý lịch' })).toHaveCount(0);
  await page.locator('li', { hasText: PERSON }).first().getByRole('link', { name: PERSON }).click();

  await step(page, 'Chứng nhận lý lịch người xin vào Đảng', { date: '20/05/2025', eligible: 'Đủ' });
  await step(page, 'Lấy ý kiến đoàn thể và chi ủy nơi cư trú', { date: '25/05/2025', organisations: 'Đoàn Thanh niên phường\nChi ủy tổ dân phố số 3' });
  await step(page, 'Chi bộ họp xét, đề nghị kết nạp', { number: '3-NQ/CB', date: '02/06/2025', convened: '20', present: '18', yes: '17', no: '1' }, { warn: 'độ tuổi thanh niên' });
  await step(page, 'Gửi hồ sơ đề nghị kết nạp lên Đảng ủy', { date: '04/06/2025' });
  await step(page, 'Quyết định kết nạp đảng viên', { approved: 'Đồng ý', number: '45-QĐ/ĐU', date: '20/06/2025' });
  await step(page, 'Chi bộ nhận quyết định kết nạp', { date: '23/06/2025' });
  await step(page, 'Tổ chức lễ kết nạp', { date: '01/07/2025', place: 'Nhà văn hóa tổ dân phố số 3' }, { ticks: [/^Lê Văn Hùng/] });
  await expect(page.getByTestId('identity')).toContainText('Đảng viên dự bị');
  await step(page, 'Ghi hồ sơ đảng viên sau kết nạp', {
    member_records_on: '10/07/2025', record_number: '000123TN', database_entry_on: '15/07/2025',
    certificate_number: '88-CN/TTCT', certificate_date: '20/10/2025', certificate_issuer: 'Trung tâm chính trị phường Tân Lập',
  });
  await step(page, 'Tự kiểm điểm sau 12 tháng dự bị', { date: '02/07/2026', helper_report_on: '03/07/2026', opinions_on: '05/07/2026' });
  await step(page, 'Chi bộ xét công nhận đảng viên chính thức', { number: '7-NQ/CB', date: '10/07/2026', convened: '21', present: '19', yes: '19', no: '0' });
  await step(page, 'Quyết định công nhận đảng viên chính thức', { approved: 'Công nhận', number: '60-QĐ/ĐU', date: '25/07/2026' });

  // Official member: the record, the timeline, the log, and what was stored.
  await expect(page.getByTestId('identity')).toContainText('Đảng viên chính thức');
  await expect(page.getByTestId('next-step')).toContainText('không còn bước nào phải làm');
  await expect(page.getByTestId('timeline').locator('ol.timeline > li')).toHaveCount(19);
  await expect(page.getByTestId('timeline')).toContainText('17/20 tán thành');
  await page.getByTestId('changes').locator('summary').click();
  await expect(page.getByTestId('changes')).toContainText('Quyết định công nhận đảng viên chính thức, 25/07/2026');
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const stored = JSON.parse(unpackStored(await page.evaluate(() => localStorage.getItem('ptdv:doc')))).data;
  const person = stored.candidates.find((c) => c.full_name === PERSON);
  expect(person.stage).toBe('CHINH_THUC');
  expect(person.history.map((h) => h.step)).toContain('recognition_decision');
  expect(person.process.dossier.introducers.length).toBe(2);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/journey-official-1366.png`, fullPage: true });

  // It survives a reload.
  await page.reload();
  await expect(page.locator('html[data-ready="1"]')).toHaveCount(1);
  await expect(page.getByTestId('identity')).toContainText('Đảng viên chính thức');
});
