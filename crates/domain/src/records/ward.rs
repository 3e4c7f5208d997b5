//! The ward's own record (Đảng bộ phường / xã / đặc khu, docs/domain.md §0, §3.1): set up on the
//! first run ([`WardForm::Setup`]: level, name, superior, term) and edited in "Cài đặt đảng bộ"
//! ([`WardForm::Settings`]: the same, plus the Hà Nội deadlines, the "due soon" lead time and
//! the ward's own days off and working days).
//!
//! Both forms read their values with the same checks, and those checks are the loader's own
//! limits (names at most [`MAX_NAME_CHARS`] characters on one line, no control characters,
//! dates within the years the loader accepts), so a ward saved here always loads again.

use super::*;
use crate::form::{Field, FieldKind, Values};
use crate::model::{Occupation, Term, UnitKind, Ward, WardData, WardId, WardSettings, ENTERPRISE_HEADING, ENTERPRISE_HEADING_KEY};
use crate::rules::{LocalParams, RuleSets};
use crate::text::{format_date, parse_date};
use chrono::{Months, NaiveDate};

/// Which of the two ward forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WardForm {
    /// The first run: "Bắt đầu với đảng bộ của tôi".
    Setup,
    /// "Cài đặt đảng bộ" on the Dữ liệu page.
    Settings,
}

/// Field keys of the ward forms.
pub mod keys {
    pub const KIND: &str = "kind";
    pub const NAME: &str = "name";
    pub const SUPERIOR: &str = "superior";
    pub const TERM_START: &str = "term_start";
    pub const TERM_END: &str = "term_end";
    pub const HANOI: &str = "hanoi";
    pub const DUE_SOON: &str = "due_soon";
    pub const DAYS_OFF: &str = "days_off";
    pub const WORKING_DAYS: &str = "working_days";
}

/// Fewest and most days of notice for "sắp đến hạn".
pub const DUE_SOON_DAYS: std::ops::RangeInclusive<u32> = 1..=90;

/// What the form says when the name is missing.
fn name_missing(form: WardForm) -> &'static str {
    match form {
        WardForm::Setup => "Hãy nhập tên đảng bộ, ví dụ: Hòa An.",
        WardForm::Settings => "Hãy nhập tên đảng bộ.",
    }
}

/// The fields of `form`.
pub fn fields(form: WardForm) -> Vec<Field> {
    use keys::*;
    let kinds = UnitKind::ALL.iter().map(|k| (code(*k), k.organisation())).collect();
    let mut out = vec![
        Field::new(KIND, "Cấp đảng bộ", FieldKind::Radio(kinds)),
        Field::new(NAME, "Tên đảng bộ", FieldKind::Text)
            .required()
            .hint("Chỉ ghi tên, không ghi “Đảng bộ phường”. Ví dụ: Hòa An.")
            .max_chars(MAX_NAME_CHARS),
        Field::new(SUPERIOR, "Cấp ủy cấp trên trực tiếp", FieldKind::Text).hint("Ví dụ: Tỉnh ủy Thái Nguyên.").max_chars(MAX_NAME_CHARS),
        Field::new(TERM_START, "Nhiệm kỳ từ năm", FieldKind::Year).required(),
        Field::new(TERM_END, "Nhiệm kỳ đến năm", FieldKind::Year).required(),
    ];
    if form == WardForm::Settings {
        out.extend([
            Field::new(
                HANOI,
                "Áp dụng thêm các thời hạn riêng của Thành ủy Hà Nội (gửi hồ sơ lên trong 5 ngày làm việc, đảng ủy cơ sở xét trong 25 ngày, quyết định công nhận chính thức trong 15 ngày)",
                FieldKind::Check,
            ),
            Field::new(DUE_SOON, "Báo trước việc sắp đến hạn (số ngày)", FieldKind::Count).required(),
            Field::new(
                DAYS_OFF,
                "Ngày nghỉ thêm (mỗi dòng một ngày, dạng ngày/tháng/năm), ví dụ ngày nghỉ Tết theo thông báo của Chính phủ",
                FieldKind::Lines,
            ),
            Field::new(WORKING_DAYS, "Ngày làm việc bù (thứ Bảy đi làm, hoặc ngày lễ không nghỉ)", FieldKind::Lines),
        ]);
    }
    out
}

/// The values of the first-run form: a ward (phường), the term 2025–2030.
pub fn new_values() -> Values {
    let t = Term::default();
    Values::from([
        (keys::KIND.to_string(), code(UnitKind::default())),
        (keys::TERM_START.to_string(), t.start_year.to_string()),
        (keys::TERM_END.to_string(), t.end_year.to_string()),
    ])
}

/// The values of `w`, to edit it in the settings form.
pub fn values_of(w: &Ward) -> Values {
    use keys::*;
    let dates = |ds: &[NaiveDate]| ds.iter().map(|d| format_date(*d)).collect::<Vec<_>>().join("\n");
    Values::from([
        (KIND.to_string(), code(w.kind)),
        (NAME.to_string(), w.name.clone()),
        (SUPERIOR.to_string(), w.superior.clone()),
        (TERM_START.to_string(), w.term.start_year.to_string()),
        (TERM_END.to_string(), w.term.end_year.to_string()),
        (HANOI.to_string(), if uses_hanoi(&w.settings.local) { "true".into() } else { String::new() }),
        (DUE_SOON.to_string(), w.settings.due_soon_days.to_string()),
        (DAYS_OFF.to_string(), dates(&w.settings.calendar.extra_days_off)),
        (WORKING_DAYS.to_string(), dates(&w.settings.calendar.extra_working_days)),
    ])
}

/// Whether the ward's deadlines are the Hà Nội preset's.
fn uses_hanoi(l: &LocalParams) -> bool {
    with_preset(l, true) == *l
}

/// `l` with the deadlines of the Hà Nội preset (or none), keeping the ward's other parameters.
fn with_preset(l: &LocalParams, hanoi: bool) -> LocalParams {
    let preset = if hanoi { LocalParams::hanoi() } else { LocalParams::default() };
    LocalParams {
        cells_without_youth_union: l.cells_without_youth_union.clone(),
        probation_alert_days: l.probation_alert_days.clone(),
        ..preset
    }
}

/// What the two forms share: level, name, superior and term.
struct Identity {
    kind: UnitKind,
    name: String,
    superior: String,
    term: Term,
}

fn read_identity(r: &mut Reader<'_>, form: WardForm) -> Option<Identity> {
    use keys::*;
    let kind = optional_category(r, KIND, &UnitKind::ALL).unwrap_or_default();
    let name = one_spaced(r.raw(NAME));
    if name.is_empty() {
        r.error(NAME, name_missing(form));
    }
    check_name(r, NAME, &name);
    let superior = one_spaced(r.raw(SUPERIOR));
    check_name(r, SUPERIOR, &superior);
    let term = match Term::parse(r.raw(TERM_START), r.raw(TERM_END)) {
        Ok(t) => Some(t),
        Err(e) => {
            r.error(TERM_START, e);
            None
        }
    };
    Some(Identity { kind, name, superior, term: term? })
}

/// The dates of a one-date-per-line field, sorted, each once; "Dòng 2: …" names a bad line.
/// A day must fall in the years the loader accepts (from 1900 to ten years after `today`).
fn read_dates(r: &mut Reader<'_>, key: &str, today: NaiveDate) -> Vec<NaiveDate> {
    let latest = today.checked_add_months(Months::new(120)).unwrap_or(NaiveDate::MAX);
    let mut out = Vec::new();
    for (i, line) in r.raw(key).lines().map(str::trim).enumerate() {
        if line.is_empty() {
            continue;
        }
        match parse_date(line) {
            Ok(d) if d < crate::format::min_date() || d > latest => {
                r.error(
                    key,
                    format!("Dòng {}: ngày {} ngoài khoảng cho phép (từ năm 1900 đến {}).", i + 1, format_date(d), format_date(latest)),
                );
            }
            Ok(d) => out.push(d),
            Err(e) => r.error(key, format!("Dòng {}: {e}", i + 1)),
        }
    }
    crate::order::sort(&mut out);
    out.dedup();
    out
}

/// A new ward from the first-run form, with the id `id`; the record holds nothing else yet.
pub fn create(values: &Values, id: WardId, now: Timestamp) -> Result<WardData, Vec<FieldError>> {
    let mut r = Reader::new(values);
    let identity = read_identity(&mut r, WardForm::Setup);
    let ward = identity.map(|i| Ward {
        id,
        name: i.name,
        kind: i.kind,
        superior: i.superior,
        term: i.term,
        settings: WardSettings::default(),
        report_notes: Default::default(),
        created_at: now,
        updated_at: now,
    });
    r.finish(ward).map(WardData::new)
}

/// Whether a save changed the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    Changed,
    /// The values were those already stored: nothing written, nothing logged.
    Unchanged,
}

/// Saves the settings form into `data.ward`, logging what changed; on error `data` is unchanged.
pub fn save_settings(data: &mut WardData, values: &Values, now: Timestamp) -> Result<Saved, Vec<FieldError>> {
    use keys::*;
    let mut r = Reader::new(values);
    let identity = read_identity(&mut r, WardForm::Settings);
    let due_soon = match r.raw(DUE_SOON).parse::<u32>() {
        Ok(n) if DUE_SOON_DAYS.contains(&n) => Some(n),
        _ => {
            r.error(DUE_SOON, format!("Nhập số ngày từ {} đến {}.", DUE_SOON_DAYS.start(), DUE_SOON_DAYS.end()));
            None
        }
    };
    let today = local_today(now);
    let days_off = read_dates(&mut r, DAYS_OFF, today);
    let working_days = read_dates(&mut r, WORKING_DAYS, today);
    let hanoi = r.check(HANOI);
    let before = &data.ward;
    let ward = match (identity, due_soon) {
        (Some(i), Some(due_soon)) => {
            let mut w = before.clone();
            w.kind = i.kind;
            w.name = i.name;
            w.superior = i.superior;
            w.term = i.term;
            w.settings.due_soon_days = due_soon;
            // The Hà Nội deadlines change only when the box changes; what else the ward set
            // (cells without a Youth Union, alert lead times) is kept either way.
            if hanoi != uses_hanoi(&before.settings.local) {
                w.settings.local = with_preset(&before.settings.local, hanoi);
            }
            w.settings.calendar.extra_days_off = days_off;
            w.settings.calendar.extra_working_days = working_days;
            Some(w)
        }
        _ => None,
    };
    let mut ward = r.finish(ward)?;
    if ward == data.ward {
        return Ok(Saved::Unchanged);
    }
    ward.updated_at = now;
    let before = data.ward.clone();
    log(data, RecordKind::Ward, before.id.as_str(), &ward.name, Some(&before), &ward, now);
    data.ward = ward;
    Ok(Saved::Changed)
}

/// The form "Tên các dòng của Biểu 2-BTCTW": one line per occupation row (key = its code) and
/// one for row 7's heading ([`ENTERPRISE_HEADING_KEY`]); the hint gives the form's wording,
/// which an empty line keeps.
pub fn form_label_fields() -> Vec<Field> {
    let mut out = Vec::with_capacity(Occupation::ALL.len() + 1);
    for o in Occupation::ALL {
        if o == Occupation::QuanLyDoanhNghiep {
            out.push(
                Field::new(ENTERPRISE_HEADING_KEY, "Dòng 7 (tiêu đề)", FieldKind::Text)
                    .hint(format!("Để trống là: “{ENTERPRISE_HEADING}”"))
                    .max_chars(MAX_NAME_CHARS),
            );
        }
        let row = format!("Dòng {}", o.number());
        out.push(Field::new(o.code(), row, FieldKind::Text).hint(format!("Để trống là: “{}”", o.label())).max_chars(MAX_NAME_CHARS));
    }
    out
}

/// The ward's own wording of the rows, to edit it (empty = the form's wording).
pub fn form_label_values(w: &Ward) -> Values {
    form_label_fields().iter().map(|f| (f.key.to_string(), w.settings.form_labels.get(f.key).cloned().unwrap_or_default())).collect()
}

/// Saves the wording of the rows: a line left empty, or the form's own wording, removes the
/// ward's override. Each line is one line of at most [`MAX_NAME_CHARS`] characters.
pub fn save_form_labels(data: &mut WardData, values: &Values, now: Timestamp) -> Result<Saved, Vec<FieldError>> {
    let mut r = Reader::new(values);
    let mut labels = std::collections::BTreeMap::new();
    for f in form_label_fields() {
        let text = one_spaced(r.raw(f.key));
        check_name(&mut r, f.key, &text);
        let default = if f.key == ENTERPRISE_HEADING_KEY {
            ENTERPRISE_HEADING
        } else {
            Occupation::ALL.iter().find(|o| o.code() == f.key).map(|o| o.label()).unwrap_or_default()
        };
        if !text.is_empty() && text != default {
            labels.insert(f.key.to_string(), text);
        }
    }
    let labels = r.finish(Some(labels))?;
    if labels == data.ward.settings.form_labels {
        return Ok(Saved::Unchanged);
    }
    let before = data.ward.clone();
    let mut ward = before.clone();
    ward.settings.form_labels = labels;
    ward.updated_at = now;
    log(data, RecordKind::Ward, before.id.as_str(), &ward.name, Some(&before), &ward, now);
    data.ward = ward;
    Ok(Saved::Changed)
}

/// The line under the term: which rule set applies today, and that each step is judged by the
/// set in force on its date.
pub fn rule_set_note(rule_sets: &RuleSets) -> String {
    let s = rule_sets.current();
    format!(
        "Đang áp dụng bộ quy định “{}” từ ngày {}. Mỗi bước được tính theo bộ quy định có hiệu lực vào ngày của bước đó.",
        s.name,
        format_date(s.valid_from)
    )
}

#[cfg(test)]
mod tests {
    use super::keys::*;
    use super::*;
    use crate::format;
    use chrono::{TimeZone, Utc};

    fn now() -> Timestamp {
        Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap()
    }

    fn setup(pairs: &[(&str, &str)]) -> Values {
        let mut v = new_values();
        for (k, x) in pairs {
            v.insert(k.to_string(), x.to_string());
        }
        v
    }

    fn ward() -> WardData {
        create(&setup(&[(NAME, "Hòa An"), (SUPERIOR, "Tỉnh ủy Thái Nguyên")]), WardId::new("w-1"), now()).unwrap()
    }

    fn error_keys(e: &[FieldError]) -> Vec<&str> {
        e.iter().map(|e| e.key.as_str()).collect()
    }

    #[test]
    fn setup_creates_a_ward_with_default_settings_that_loads_again() {
        let v = setup(&[(KIND, "xa"), (NAME, "  Tân   Lập "), (SUPERIOR, "Tỉnh ủy Lào Cai")]);
        let d = create(&v, WardId::new("w-1"), now()).unwrap();
        assert_eq!(d.ward.full_name(), "Đảng bộ xã Tân Lập");
        assert_eq!(d.ward.superior, "Tỉnh ủy Lào Cai");
        assert_eq!(d.ward.term, Term { start_year: 2025, end_year: 2030 });
        assert_eq!(d.ward.settings, WardSettings::default());
        let text = format::export(&d, &format::ExportScope::Ward, "t", now()).unwrap();
        assert_eq!(format::load(text.as_bytes(), local_today(now())).unwrap().data, d);
    }

    #[test]
    fn setup_refuses_a_missing_name_and_a_bad_term_beside_their_fields() {
        let e = create(&setup(&[(TERM_START, "2030")]), WardId::new("w"), now()).unwrap_err();
        assert_eq!(error_keys(&e), [NAME, TERM_START]);
        assert_eq!(e[0].message, "Hãy nhập tên đảng bộ, ví dụ: Hòa An.");
        assert_eq!(e[1].message, Term::INVALID);
    }

    #[test]
    fn both_forms_apply_the_loaders_limits_to_names() {
        let long = "A".repeat(MAX_NAME_CHARS + 100);
        for bad in [long.as_str(), "Hòa\u{0007}An", "Hòa\u{202E}An"] {
            let e = create(&setup(&[(NAME, bad)]), WardId::new("w"), now()).unwrap_err();
            assert_eq!(error_keys(&e), [NAME], "{bad:?}");
            let mut d = ward();
            let before = d.clone();
            let mut v = values_of(&d.ward);
            v.insert(NAME.into(), bad.into());
            let e = save_settings(&mut d, &v, now()).unwrap_err();
            assert_eq!(error_keys(&e), [NAME]);
            assert_eq!(d, before, "nothing changed");
            let mut v = values_of(&d.ward);
            v.insert(SUPERIOR.into(), bad.into());
            assert_eq!(error_keys(&save_settings(&mut d, &v, now()).unwrap_err()), [SUPERIOR]);
        }
        assert!(create(&setup(&[(NAME, &long)]), WardId::new("w"), now()).unwrap_err()[0].message.contains("tối đa 200 ký tự"));
        // Exactly the limit is fine.
        assert!(create(&setup(&[(NAME, &"A".repeat(MAX_NAME_CHARS))]), WardId::new("w"), now()).is_ok());
    }

    #[test]
    fn settings_save_normalises_dates_logs_the_change_and_round_trips() {
        let mut d = ward();
        let mut v = values_of(&d.ward);
        v.insert(KIND.into(), "xa".into());
        v.insert(NAME.into(), "Hòa An Đông".into());
        v.insert(HANOI.into(), "true".into());
        v.insert(DAYS_OFF.into(), "02/01/2027\n2/1/2027\n\n03-01-2027".into());
        v.insert(DUE_SOON.into(), "21".into());
        assert_eq!(save_settings(&mut d, &v, now()), Ok(Saved::Changed));
        assert_eq!(d.ward.full_name(), "Đảng bộ xã Hòa An Đông");
        assert_eq!(d.ward.settings.local, LocalParams::hanoi());
        assert_eq!(d.ward.settings.due_soon_days, 21);
        assert_eq!(values_of(&d.ward)[DAYS_OFF], "02/01/2027\n03/01/2027");
        let fields: Vec<&str> = d.changes.entries().iter().filter(|c| c.kind == RecordKind::Ward).map(|c| c.field.as_str()).collect();
        assert!(fields.contains(&"name") && fields.contains(&"kind"), "{fields:?}");
        // Saving the same values again changes and logs nothing.
        let logged = d.changes.len();
        let same = values_of(&d.ward);
        assert_eq!(save_settings(&mut d, &same, now()), Ok(Saved::Unchanged));
        assert_eq!(d.changes.len(), logged);
        let text = format::export(&d, &format::ExportScope::Ward, "t", now()).unwrap();
        assert_eq!(format::load(text.as_bytes(), local_today(now())).unwrap().data, d);
    }

    #[test]
    fn settings_name_the_bad_line_and_the_bad_number() {
        let mut d = ward();
        let before = d.clone();
        let mut v = values_of(&d.ward);
        v.insert(NAME.into(), String::new());
        v.insert(TERM_START.into(), "2030".into());
        v.insert(DAYS_OFF.into(), "02/01/2027\n30/02/2027".into());
        v.insert(WORKING_DAYS.into(), "01/01/2026\n01/01/2040".into());
        v.insert(DUE_SOON.into(), "0".into());
        let e = save_settings(&mut d, &v, now()).unwrap_err();
        assert_eq!(error_keys(&e), [NAME, TERM_START, DUE_SOON, DAYS_OFF, WORKING_DAYS]);
        assert_eq!(e[0].message, "Hãy nhập tên đảng bộ.");
        assert!(e[3].message.starts_with("Dòng 2: "), "{}", e[3].message);
        assert!(e[4].message.starts_with("Dòng 2: ngày 01/01/2040 ngoài khoảng"), "{}", e[4].message);
        assert_eq!(d, before);
    }

    #[test]
    fn local_parameters_set_elsewhere_survive_a_settings_save() {
        let mut d = ward();
        d.ward.settings.local.cells_without_youth_union = vec![crate::model::CellId::new("cb-1")];
        let mut v = values_of(&d.ward);
        v.insert(NAME.into(), "Hòa An 2".into());
        save_settings(&mut d, &v, now()).unwrap();
        assert_eq!(d.ward.settings.local.cells_without_youth_union.len(), 1);
        v.insert(HANOI.into(), "true".into());
        save_settings(&mut d, &v, now()).unwrap();
        assert_eq!(d.ward.settings.local.cells_without_youth_union.len(), 1);
        assert_eq!(d.ward.settings.local.send_up_wd, LocalParams::hanoi().send_up_wd);
    }

    #[test]
    fn the_rule_set_note_names_the_set_in_force() {
        let note = rule_set_note(RuleSets::builtin().unwrap());
        assert!(note.starts_with("Đang áp dụng bộ quy định “"), "{note}");
    }

    #[test]
    fn the_wards_wording_of_the_form_rows_is_saved_and_a_blank_line_keeps_the_forms() {
        let mut data = ward();
        let fields = form_label_fields();
        assert_eq!(fields.len(), 15);
        assert_eq!((fields[0].key, fields[0].label.as_str()), ("cong_chuc_nha_nuoc", "Dòng 1"));
        assert_eq!((fields[6].key, fields[6].label.as_str()), (ENTERPRISE_HEADING_KEY, "Dòng 7 (tiêu đề)"));
        assert_eq!((fields[7].key, fields[7].label.as_str()), ("quan_ly_doanh_nghiep", "Dòng 7a"));
        assert!(fields[0].hint.contains("tính từ cấp huyện trở lên"));
        let mut v = form_label_values(&data.ward);
        assert!(v.values().all(String::is_empty));
        v.insert("cong_chuc_nha_nuoc".into(), "  Cán bộ, công chức   cơ quan Nhà nước cấp tỉnh ".into());
        v.insert("hoc_sinh".into(), "Học sinh".into()); // the form's own wording: no override
        assert_eq!(save_form_labels(&mut data, &v, now()), Ok(Saved::Changed));
        let labels = &data.ward.settings.form_labels;
        assert_eq!(labels.len(), 1);
        assert_eq!(data.ward.settings.occupation_label(Occupation::CongChucNhaNuoc), "Cán bộ, công chức cơ quan Nhà nước cấp tỉnh");
        assert_eq!(data.ward.updated_at, now());
        assert!(data.changes.entries().iter().any(|c| c.field.starts_with("settings.form_labels")));
        let same = form_label_values(&data.ward);
        assert_eq!(save_form_labels(&mut data, &same, now()), Ok(Saved::Unchanged));
        // Too long or on two lines: refused on its line, nothing changes.
        let before = data.clone();
        v.insert("khac".into(), "A".repeat(MAX_NAME_CHARS + 1));
        v.insert(ENTERPRISE_HEADING_KEY.into(), "Doanh nghiệp\u{7}".into());
        let e = save_form_labels(&mut data, &v, now()).unwrap_err();
        assert_eq!(error_keys(&e), ["doanh_nghiep", "khac"]);
        assert_eq!(data, before);
        // Emptied: back to the form's wording.
        v.clear();
        assert_eq!(save_form_labels(&mut data, &v, now()), Ok(Saved::Changed));
        assert!(data.ward.settings.form_labels.is_empty());
        assert!(format::validate(&data, now().date_naive()).is_ok());
    }
}
