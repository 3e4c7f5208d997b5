//! Cells (chi bộ), docs/domain.md §1.1, §3.1–3.2: the cell form, archiving and deleting, the
//! member counts at the start of each year and the yearly admission targets (chỉ tiêu kết
//! nạp) of each cell and of the ward.

use super::*;
use crate::form::{Field, FieldKind, Reader, Values};
use crate::model::*;
use crate::text::{fold_eq, format_int};

/// The two places a cell may sit in the ward's tree.
pub const LEVELS: [CellLevel; 2] = [CellLevel::TrucThuoc, CellLevel::TrongDangBoCoSo];

/// "Chi bộ trực thuộc Đảng ủy phường" / "Chi bộ trong đảng bộ cơ sở".
pub fn level_label(level: CellLevel, unit: UnitKind) -> String {
    match level {
        CellLevel::TrucThuoc => format!("Chi bộ trực thuộc {}", unit.committee()),
        CellLevel::TrongDangBoCoSo => "Chi bộ trong đảng bộ cơ sở".to_string(),
    }
}

/// The cell form. Keys: `code`, `name`, `kind`, `level`, `grassroots`,
/// `committee_member_in_charge`, `secretary`, `residential_areas`.
pub fn fields(data: &WardData) -> Vec<Field> {
    let unit = data.ward.kind;
    vec![
        Field::new("code", "Mã chi bộ", FieldKind::Text).hint("Mã ngắn dùng trong danh sách, ví dụ TDP01. Không bắt buộc."),
        Field::new("name", "Tên chi bộ", FieldKind::Text).required().hint("Ví dụ: Chi bộ Tổ dân phố số 1."),
        Field::new("kind", "Loại chi bộ", FieldKind::Choice(options(&CellKind::ALL, CellKind::label))).required(),
        Field::new("level", "Cấp", FieldKind::Choice(LEVELS.iter().map(|l| (code(*l), level_label(*l, unit))).collect()))
            .required()
            .hint("Chi bộ tổ dân phố, khu dân cư luôn là chi bộ trực thuộc."),
        Field::new("grassroots", "Đảng bộ cơ sở", FieldKind::Text)
            .hint("Chỉ ghi khi chi bộ thuộc một đảng bộ cơ sở, ví dụ “Đảng bộ Trường THPT Lê Quý Đôn”."),
        Field::new("committee_member_in_charge", "Cấp ủy viên phụ trách", FieldKind::Text),
        Field::new("secretary", "Bí thư chi bộ", FieldKind::Text),
        Field::new("residential_areas", "Tổ dân phố, khu dân cư phụ trách", FieldKind::Lines).hint("Mỗi dòng một tên."),
        Field::new("no_masses_left", "Không còn quần chúng để phát triển đảng viên", FieldKind::Check)
            .hint("Đánh dấu khi mọi người ở đây đã là đảng viên (Biểu 2-BTCTW, phần III)."),
    ]
}

/// The values of a new cell: directly under the ward.
pub fn new_values() -> Values {
    Values::from([("level".to_string(), code(CellLevel::TrucThuoc))])
}

/// The values of `cell`, to edit it.
pub fn values_of(cell: &Cell) -> Values {
    Values::from([
        ("code".to_string(), cell.code.clone()),
        ("name".to_string(), cell.name.clone()),
        ("kind".to_string(), code(cell.kind)),
        ("level".to_string(), code(cell.level)),
        ("grassroots".to_string(), cell.grassroots.clone().unwrap_or_default()),
        ("committee_member_in_charge".to_string(), cell.committee_member_in_charge.clone()),
        ("secretary".to_string(), cell.secretary.clone()),
        ("residential_areas".to_string(), cell.residential_areas.join("\n")),
        ("no_masses_left".to_string(), if cell.no_masses_left { "true".into() } else { String::new() }),
    ])
}

/// Creates a cell (`editing` = `None`) or edits one, from the values of [`fields`].
///
/// Checks: name required and unique among the ward's cells, archived ones included (accents
/// and case ignored); code unique when given; kind chosen; a cell inside a grassroots party
/// organisation names it, and a residential cell is always directly under the ward
/// (R-294 §20.2.2). A new cell gets the id `cb-<slug of the name>` ([`new_id`]). Editing
/// keeps the member counts, the archive flag and `created_at`; an edit that changes nothing
/// writes nothing.
pub fn save_cell(data: &mut WardData, editing: Option<&CellId>, values: &Values, now: Timestamp) -> Result<CellId, Vec<FieldError>> {
    let before = match editing {
        Some(id) => Some(data.cell(id).cloned().ok_or_else(|| not_found("chi bộ"))?),
        None => None,
    };
    let mut r = Reader::new(values);
    let code_text = r.text("code");
    check_name(&mut r, "code", &code_text);
    let name = required_name(&mut r, "name", "tên chi bộ");
    let kind = required_category(&mut r, "kind", "loại chi bộ", &CellKind::ALL);
    let level = optional_category(&mut r, "level", &LEVELS).unwrap_or_default();
    let grassroots = free_text(&mut r, "grassroots");
    if level == CellLevel::TrongDangBoCoSo {
        if grassroots.is_empty() {
            r.error("grassroots", "Chưa nhập tên đảng bộ cơ sở mà chi bộ trực thuộc.");
        }
        if kind == Some(CellKind::KhuDanCu) {
            r.error(
                "level",
                format!(
                    "Chi bộ tổ dân phố, khu dân cư chỉ có thể là chi bộ trực thuộc {} (Quy định 294-QĐ/TW, mục 20.2.2).",
                    data.ward.kind.committee()
                ),
            );
        }
    }
    let in_charge = free_text(&mut r, "committee_member_in_charge");
    let secretary = free_text(&mut r, "secretary");
    let areas = r.lines("residential_areas");
    for a in &areas {
        check_free(&mut r, "residential_areas", a);
    }
    let no_masses_left = r.check("no_masses_left");
    let others = || data.cells.iter().filter(|c| Some(&c.id) != editing);
    let archived_note = |c: &Cell| if c.archived { " (đã lưu trữ)" } else { "" };
    if !name.is_empty() {
        if let Some(o) = others().find(|c| same_name(&c.name, &name)) {
            r.error("name", format!("Đã có chi bộ tên “{}”{}; hãy đặt tên khác.", o.name, archived_note(o)));
        }
    }
    if !code_text.is_empty() {
        if let Some(o) = others().find(|c| fold_eq(&c.code, &code_text)) {
            r.error("code", format!("Mã “{}” đã dùng cho “{}”{}.", o.code, o.name, archived_note(o)));
        }
    }
    let kind = r.finish(kind)?;
    let grassroots = (level == CellLevel::TrongDangBoCoSo).then_some(grassroots);

    // An edit keeps the id, the member counts, the archive flag and `created_at`.
    let mut after = before.clone().unwrap_or_else(|| Cell {
        id: CellId::new(new_id("cb", &name, None, |id| data.cells.iter().any(|c| c.id.as_str() == id))),
        code: String::new(),
        name: String::new(),
        kind,
        level,
        grassroots: None,
        committee_member_in_charge: String::new(),
        secretary: String::new(),
        residential_areas: vec![],
        members_by_year: Default::default(),
        no_masses_left: false,
        archived: false,
        created_at: now,
        updated_at: now,
    });
    after.code = code_text;
    after.name = name;
    after.kind = kind;
    after.level = level;
    after.grassroots = grassroots;
    after.committee_member_in_charge = in_charge;
    after.secretary = secretary;
    after.residential_areas = areas;
    after.no_masses_left = no_masses_left;
    after.updated_at = now;
    let id = after.id.clone();
    if let Some(b) = &before {
        if *b == (Cell { updated_at: b.updated_at, ..after.clone() }) {
            return Ok(id);
        }
    }
    put_cell(data, before.as_ref(), after, now);
    Ok(id)
}

/// Writes `after` in place of the cell with its id (or adds it) and logs the change.
fn put_cell(data: &mut WardData, before: Option<&Cell>, after: Cell, now: Timestamp) {
    log(data, RecordKind::Cell, after.id.as_str(), &after.name, before, &after, now);
    match data.cells.iter_mut().find(|c| c.id == after.id) {
        Some(slot) => *slot = after,
        None => data.cells.push(after),
    }
}

/// Archives (`true`) or restores (`false`) a cell. Archived cells are hidden from lists and
/// choices but keep every record; nothing is deleted. Setting the state it already has does
/// nothing.
pub fn set_archived(data: &mut WardData, id: &CellId, archived: bool, now: Timestamp) -> Result<(), String> {
    let before = data.cell(id).cloned().ok_or_else(|| "Không tìm thấy chi bộ.".to_string())?;
    if before.archived == archived {
        return Ok(());
    }
    let after = Cell { archived, updated_at: now, ..before.clone() };
    put_cell(data, Some(&before), after, now);
    Ok(())
}

/// "a, b và c".
fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} và {last}", init.join(", ")),
    }
}

/// What still points at a cell: candidates, members, targets (learners of classes point at
/// candidates, so a cell with learners has candidates).
fn references(data: &WardData, id: &CellId) -> Vec<String> {
    let candidates = data.candidates.iter().filter(|c| &c.cell_id == id).count();
    let members = data.members.iter().filter(|m| &m.cell_id == id).count();
    let targets = data.targets.iter().filter(|t| matches!(&t.scope, TargetScope::Cell { cell_id } if cell_id == id)).count();
    let mut parts = Vec::new();
    for (n, what) in [(candidates, "quần chúng"), (members, "đảng viên"), (targets, "chỉ tiêu kết nạp")] {
        if n > 0 {
            parts.push(format!("{} {what}", format_int(n as i128)));
        }
    }
    parts
}

/// Deletes a cell that nothing refers to (a cell created by mistake). A cell with
/// candidates, members or targets can only be archived ([`set_archived`]); the message says
/// why. The cell is also taken out of the ward's "cells without a Youth Union" setting.
pub fn delete_cell(data: &mut WardData, id: &CellId, now: Timestamp) -> Result<(), String> {
    let cell = data.cell(id).cloned().ok_or_else(|| "Không tìm thấy chi bộ.".to_string())?;
    let refs = references(data, id);
    if !refs.is_empty() {
        return Err(format!(
            "{} đã có {} nên chỉ có thể lưu trữ, không xóa.",
            if cell.name.is_empty() { "Chi bộ".to_string() } else { format!("“{}”", cell.name) },
            and_list(&refs)
        ));
    }
    data.cells.retain(|c| &c.id != id);
    data.changes.append([deleted(RecordKind::Cell, id.as_str(), &cell.name, now)]);
    if data.ward.settings.local.cells_without_youth_union.contains(id) {
        let before = data.ward.clone();
        data.ward.settings.local.cells_without_youth_union.retain(|c| c != id);
        data.ward.updated_at = now;
        let after = data.ward.clone();
        log(data, RecordKind::Ward, after.id.as_str(), &after.name, Some(&before), &after, now);
    }
    Ok(())
}

// --- yearly counts and targets ------------------------------------------------------------

/// The form of a cell's year: members at the start of the year and the year's admission
/// target. Keys: `full_members`, `probationary_members`, `target`.
pub fn year_fields() -> Vec<Field> {
    vec![
        Field::new("full_members", "Số đảng viên chính thức (đầu năm)", FieldKind::Count),
        Field::new("probationary_members", "Số đảng viên dự bị (đầu năm)", FieldKind::Count),
        Field::new("target", "Chỉ tiêu kết nạp trong năm", FieldKind::Count).hint("Để trống nếu chi bộ chưa được giao chỉ tiêu."),
    ]
}

fn year_ok(year: i32) -> Result<(), Vec<FieldError>> {
    if (crate::format::MIN_YEAR..=crate::format::MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(vec![FieldError::new("", format!("Năm {year} không hợp lệ (từ {} đến {}).", crate::format::MIN_YEAR, crate::format::MAX_YEAR))])
    }
}

/// The targets for `year` of `scope`, positions in `data.targets`, the one that counts (the
/// newest, as in [`crate::statistics::target_value`]) last.
fn year_targets(data: &WardData, year: i32, scope: &TargetScope) -> Vec<usize> {
    let mut found: Vec<usize> = data
        .targets
        .iter()
        .enumerate()
        .filter(|(_, t)| t.period == (TargetPeriod::Year { year }) && &t.scope == scope)
        .map(|(i, _)| i)
        .collect();
    // Stable: equal stamps keep list order, so the last of the newest counts.
    crate::order::sort_by_key(&mut found, |&i| data.targets[i].updated_at);
    found
}

/// The cell's admission target of each year it has one (the newest when several were
/// recorded, as the statistics read it).
pub fn yearly_targets(data: &WardData, id: &CellId) -> std::collections::BTreeMap<i32, u32> {
    let mut found: Vec<&Target> =
        data.targets.iter().filter(|t| matches!(&t.scope, TargetScope::Cell { cell_id } if cell_id == id)).collect();
    crate::order::sort_by_key(&mut found, |t| t.updated_at);
    found
        .into_iter()
        .filter_map(|t| match t.period {
            TargetPeriod::Year { year } => Some((year, t.value)),
            TargetPeriod::Term { .. } => None,
        })
        .collect()
}

/// The values of a cell's year (the counts recorded for exactly that year, not carried over).
pub fn year_values(data: &WardData, id: &CellId, year: i32) -> Values {
    let mut v = Values::new();
    if let Some(y) = data.cell(id).and_then(|c| c.members_by_year.get(&year)) {
        v.insert("full_members".into(), y.full_members.to_string());
        v.insert("probationary_members".into(), y.probationary_members.to_string());
    }
    if let Some(&i) = year_targets(data, year, &TargetScope::Cell { cell_id: id.clone() }).last() {
        v.insert("target".into(), data.targets[i].value.to_string());
    }
    v
}

/// What a target form changes.
struct TargetEdit {
    value: Option<u32>,
    assigned_by: Option<String>,
    document: Option<String>,
}

/// Creates, updates or (value cleared) removes the target of `scope` for `year`.
fn set_target(data: &mut WardData, year: i32, scope: TargetScope, edit: TargetEdit, id_name: &str, now: Timestamp) {
    let existing = year_targets(data, year, &scope);
    match edit.value {
        None => {
            let gone: Vec<Target> = existing.iter().map(|&i| data.targets[i].clone()).collect();
            data.targets.retain(|t| !gone.iter().any(|g| g.id == t.id));
            data.changes.append(gone.iter().map(|t| deleted(RecordKind::Target, t.id.as_str(), &crate::format::target_title(t), now)));
        }
        Some(value) => {
            let before = existing.last().map(|&i| data.targets[i].clone());
            let mut after = match &before {
                Some(b) => b.clone(),
                None => Target {
                    id: TargetId::new(new_id(&format!("ct-{year}"), id_name, None, |id| data.targets.iter().any(|t| t.id.as_str() == id))),
                    period: TargetPeriod::Year { year },
                    scope,
                    value,
                    assigned_by: String::new(),
                    document: String::new(),
                    created_at: now,
                    updated_at: now,
                },
            };
            after.value = value;
            if let Some(a) = edit.assigned_by {
                after.assigned_by = a;
            }
            if let Some(d) = edit.document {
                after.document = d;
            }
            if before.as_ref() == Some(&after) {
                return;
            }
            after.updated_at = now;
            log(data, RecordKind::Target, after.id.as_str(), &crate::format::target_title(&after), before.as_ref(), &after, now);
            match data.targets.iter_mut().find(|t| t.id == after.id) {
                Some(slot) => *slot = after,
                None => data.targets.push(after),
            }
        }
    }
}

/// Saves a cell's year: the member counts at the start of `year` (both, or both left empty
/// to remove the year's counts) and the cell's admission target for `year` (created, updated,
/// or removed when left empty; a new target is "assigned by" the ward committee).
pub fn save_cell_year(data: &mut WardData, id: &CellId, year: i32, values: &Values, now: Timestamp) -> Result<(), Vec<FieldError>> {
    let before = data.cell(id).cloned().ok_or_else(|| not_found("chi bộ"))?;
    year_ok(year)?;
    let mut r = Reader::new(values);
    let full = r.opt_count("full_members");
    let prob = r.opt_count("probationary_members");
    let target = r.opt_count("target");
    let (full_empty, prob_empty) = (r.raw("full_members").is_empty(), r.raw("probationary_members").is_empty());
    if full_empty && !prob_empty {
        r.error("full_members", "Chưa nhập số đảng viên chính thức.");
    }
    if prob_empty && !full_empty {
        r.error("probationary_members", "Chưa nhập số đảng viên dự bị (ghi 0 nếu không có).");
    }
    let counts = match (full, prob) {
        (Some(f), Some(p)) => Some(CellYear { full_members: f, probationary_members: p }),
        _ => None,
    };
    r.finish(Some(()))?;

    let mut after = before.clone();
    match counts {
        Some(y) => after.members_by_year.insert(year, y),
        None => after.members_by_year.remove(&year),
    };
    if after != before {
        after.updated_at = now;
        put_cell(data, Some(&before), after, now);
    }
    let label = if before.code.trim().is_empty() { before.name.clone() } else { before.code.clone() };
    let committee = format!("{} {}", data.ward.kind.committee(), data.ward.name).trim().to_string();
    let is_new = year_targets(data, year, &TargetScope::Cell { cell_id: id.clone() }).is_empty();
    let edit = TargetEdit { value: target, assigned_by: is_new.then_some(committee), document: None };
    set_target(data, year, TargetScope::Cell { cell_id: id.clone() }, edit, &label, now);
    Ok(())
}

/// The form of the ward's own yearly target. Keys: `target`, `assigned_by`, `document`.
pub fn ward_target_fields() -> Vec<Field> {
    vec![
        Field::new("target", "Chỉ tiêu kết nạp của đảng bộ trong năm", FieldKind::Count).hint("Để trống nếu chưa được giao chỉ tiêu."),
        Field::new("assigned_by", "Cấp giao chỉ tiêu", FieldKind::Text).hint("Ví dụ: Tỉnh ủy Thái Nguyên."),
        Field::new("document", "Văn bản giao chỉ tiêu", FieldKind::Text).hint("Ví dụ: Số 12-NQ/TU ngày 15/01/2026."),
    ]
}

/// The values of the ward's target for `year` (the superior committee prefilled when there
/// is none yet).
pub fn ward_target_values(data: &WardData, year: i32) -> Values {
    match year_targets(data, year, &TargetScope::Ward).last() {
        Some(&i) => {
            let t = &data.targets[i];
            Values::from([
                ("target".to_string(), t.value.to_string()),
                ("assigned_by".to_string(), t.assigned_by.clone()),
                ("document".to_string(), t.document.clone()),
            ])
        }
        None => Values::from([("assigned_by".to_string(), data.ward.superior.clone())]),
    }
}

/// Saves the ward's admission target for `year` (assigned by the superior committee):
/// created, updated, or removed when `target` is left empty.
pub fn save_ward_target(data: &mut WardData, year: i32, values: &Values, now: Timestamp) -> Result<(), Vec<FieldError>> {
    year_ok(year)?;
    let mut r = Reader::new(values);
    let target = r.opt_count("target");
    let assigned_by = free_text(&mut r, "assigned_by");
    let document = free_text(&mut r, "document");
    r.finish(Some(()))?;
    let name = data.ward.kind.label().to_string();
    let edit = TargetEdit { value: target, assigned_by: Some(assigned_by), document: Some(document) };
    set_target(data, year, TargetScope::Ward, edit, &name, now);
    Ok(())
}

#[cfg(test)]
mod tests;
