//! The small directory of party members (đảng viên) per cell, docs/domain.md §3.1: the full members
//! who help and introduce candidates, and the members counted in votes. Only what the
//! workflow needs: name, sex, cell, status, admission and official dates.

use super::*;
use crate::form::{Field, FieldKind, Reader, Values};
use crate::model::*;
use crate::text::format_date;

/// Every status, in the order shown.
pub const STATUSES: [MemberStatus; 5] =
    [MemberStatus::ChinhThuc, MemberStatus::DuBi, MemberStatus::MienSinhHoat, MemberStatus::TamChuyen, MemberStatus::DaChuyenDi];

/// `(id, name)` of the cells that may be chosen: the cells not archived, and `current` (the
/// record's own cell) even when archived, so an old record still shows its cell.
pub(crate) fn cell_options(data: &WardData, current: Option<&CellId>) -> Vec<(String, String)> {
    data.cells
        .iter()
        .filter(|c| !c.archived || Some(&c.id) == current)
        .map(|c| {
            let name = if c.archived { format!("{} (đã lưu trữ)", c.name) } else { c.name.clone() };
            (c.id.to_string(), name)
        })
        .collect()
}

/// Reads the `cell_id` choice: a cell of the ward, not archived unless it is `current`.
pub(crate) fn read_cell(r: &mut Reader<'_>, data: &WardData, current: Option<&CellId>) -> Option<CellId> {
    let id = CellId::new(r.required_choice("cell_id", "chi bộ")?);
    match data.cell(&id) {
        None => {
            r.error("cell_id", BAD_CHOICE);
            None
        }
        Some(c) if c.archived && Some(&c.id) != current => {
            r.error("cell_id", format!("{} đã được lưu trữ; hãy chọn chi bộ khác.", c.name));
            None
        }
        Some(_) => Some(id),
    }
}

/// The member form. Keys: `full_name`, `sex`, `cell_id`, `status`, `admitted_on`,
/// `official_on`. `editing` keeps the member's own cell among the choices if it was archived.
pub fn fields(data: &WardData, editing: Option<&MemberId>) -> Vec<Field> {
    let current = editing.and_then(|id| data.member(id)).map(|m| &m.cell_id);
    vec![
        Field::new("full_name", "Họ và tên", FieldKind::Text).required(),
        Field::new("sex", "Giới tính", FieldKind::Choice(options(&Sex::ALL, Sex::label))),
        Field::new("cell_id", "Chi bộ", FieldKind::Choice(cell_options(data, current))).required(),
        Field::new("status", "Trạng thái", FieldKind::Choice(options(&STATUSES, MemberStatus::label)))
            .required()
            .hint("Đảng viên chuyển đi vẫn được giữ trong danh sách với trạng thái “Đã chuyển đi”."),
        Field::new("admitted_on", "Ngày quyết định kết nạp", FieldKind::Date).hint("Tuổi đảng tính từ ngày này."),
        Field::new("official_on", "Ngày công nhận đảng viên chính thức", FieldKind::Date),
    ]
}

/// The values of a new member: a full member of `cell` (when given).
pub fn new_values(cell: Option<&CellId>) -> Values {
    let mut v = Values::from([("status".to_string(), code(MemberStatus::ChinhThuc))]);
    if let Some(c) = cell {
        v.insert("cell_id".into(), c.to_string());
    }
    v
}

/// The values of `m`, to edit it.
pub fn values_of(m: &PartyMember) -> Values {
    Values::from([
        ("full_name".to_string(), m.full_name.clone()),
        ("sex".to_string(), m.sex.map(code).unwrap_or_default()),
        ("cell_id".to_string(), m.cell_id.to_string()),
        ("status".to_string(), code(m.status)),
        ("admitted_on".to_string(), m.admitted_on.map(format_date).unwrap_or_default()),
        ("official_on".to_string(), m.official_on.map(format_date).unwrap_or_default()),
    ])
}

/// Creates a member (`editing` = `None`, id `dv-<slug>-<time>`) or edits one.
///
/// Checks: name, cell (not archived, unless it is the member's own) and status required;
/// dates not after today (Vietnam time of `now`); the official date not before the admission
/// date; a probationary member (dự bị) has no official date yet.
pub fn save_member(data: &mut WardData, editing: Option<&MemberId>, values: &Values, now: Timestamp) -> Result<MemberId, Vec<FieldError>> {
    let before = match editing {
        Some(id) => Some(data.member(id).cloned().ok_or_else(|| not_found("đảng viên"))?),
        None => None,
    };
    let today = local_today(now);
    let mut r = Reader::new(values);
    let full_name = required_name(&mut r, "full_name", "họ và tên");
    let sex = optional_category(&mut r, "sex", &Sex::ALL);
    let cell_id = read_cell(&mut r, data, before.as_ref().map(|m| &m.cell_id));
    let status = required_category(&mut r, "status", "trạng thái", &STATUSES);
    let admitted_on = r.opt_date("admitted_on");
    let official_on = r.opt_date("official_on");
    for (key, d) in [("admitted_on", admitted_on), ("official_on", official_on)] {
        if let Some(d) = d.filter(|d| *d > today) {
            r.error(key, format!("Ngày {} ở sau ngày hôm nay ({}).", format_date(d), format_date(today)));
        }
    }
    if let (Some(a), Some(o), false) = (admitted_on, official_on, r.has_error("admitted_on") || r.has_error("official_on")) {
        if o < a {
            r.error("official_on", format!("Ngày công nhận chính thức ({}) trước ngày kết nạp ({}).", format_date(o), format_date(a)));
        }
    }
    if status == Some(MemberStatus::DuBi) && official_on.is_some() {
        r.error("official_on", "Đảng viên dự bị chưa có ngày công nhận chính thức; hãy xóa ngày này hoặc đổi trạng thái.");
    }
    let (cell_id, status) = r.finish(cell_id.zip(status))?;
    let after = match &before {
        Some(b) => PartyMember { full_name, sex, cell_id, status, admitted_on, official_on, updated_at: now, ..b.clone() },
        None => PartyMember {
            id: MemberId::new(new_id("dv", &full_name, Some(now), |id| data.members.iter().any(|m| m.id.as_str() == id))),
            full_name,
            sex,
            cell_id,
            status,
            admitted_on,
            official_on,
            created_at: now,
            updated_at: now,
        },
    };
    let id = after.id.clone();
    if let Some(b) = &before {
        if *b == (PartyMember { updated_at: b.updated_at, ..after.clone() }) {
            return Ok(id);
        }
    }
    log(data, RecordKind::Member, id.as_str(), &after.full_name, before.as_ref(), &after, now);
    match data.members.iter_mut().find(|m| m.id == id) {
        Some(slot) => *slot = after,
        None => data.members.push(after),
    }
    Ok(id)
}

/// The candidates whose records name `id` (helper of a sympathiser, introducer, helper
/// during probation).
pub fn referring_candidates<'a>(data: &'a WardData, id: &MemberId) -> Vec<&'a Candidate> {
    data.candidates
        .iter()
        .filter(|c| {
            let p = &c.process;
            p.sympathiser.as_ref().is_some_and(|s| s.helpers.contains(id))
                || p.dossier.as_ref().is_some_and(|d| d.introducers.iter().any(|i| &i.member_id == id))
                || p.ceremony.as_ref().is_some_and(|x| x.helpers.contains(id))
        })
        .collect()
}

/// Deletes a member entered by mistake. Refused while a candidate's record names the member
/// as helper or introducer: the message says who, and that a member who left is kept with the
/// status "Đã chuyển đi".
pub fn delete_member(data: &mut WardData, id: &MemberId, now: Timestamp) -> Result<(), String> {
    let m = data.member(id).cloned().ok_or_else(|| "Không tìm thấy đảng viên.".to_string())?;
    let refs = referring_candidates(data, id);
    if !refs.is_empty() {
        let names: Vec<&str> = refs.iter().map(|c| c.full_name.as_str()).collect();
        return Err(format!(
            "Không thể xóa đảng viên {}: đang là người giúp đỡ hoặc giới thiệu của {}. Nếu đảng viên đã chuyển đi, hãy đổi \
             trạng thái thành “{}”.",
            m.full_name,
            name_list(&names, 5),
            MemberStatus::DaChuyenDi.label()
        ));
    }
    data.members.retain(|x| &x.id != id);
    data.changes.append([deleted(RecordKind::Member, id.as_str(), &m.full_name, now)]);
    Ok(())
}

/// The members of `cell` in Vietnamese name order (given name, then full name; accents and
/// case folded), every status included.
pub fn members_of_cell<'a>(data: &'a WardData, cell: &CellId) -> Vec<&'a PartyMember> {
    let mut out: Vec<&PartyMember> = data.members.iter().filter(|m| &m.cell_id == cell).collect();
    crate::order::sort_by_cached_key(&mut out, |m| name_key(&m.full_name));
    out
}

#[cfg(test)]
mod tests;
