//! What the ward sets and writes for its printed report: the document's header, signature and
//! page ("Thể thức báo cáo in", [`document_fields`]) and the sections only people can write
//! (tồn tại, hạn chế; nguyên nhân; phương hướng: [`notes_fields`]), kept with the ward's data
//! for each report's period and scope and exported with it. Both are saved on the ward's
//! record, logged like its other changes.

use super::ward::Saved;
use super::*;
use crate::form::{Field, FieldKind, Values};
use crate::model::{DocumentSettings, ReportNotes, Ward, WardData};
use crate::text::{format_count, MAX_LONG_TEXT_CHARS};
use crate::ward_report::{default_recipients, superior_line};

/// Field keys of the document form.
pub mod keys {
    pub const SUPERIOR_LINE: &str = "superior_line";
    pub const ISSUER_LINE: &str = "issuer_line";
    pub const SYMBOL: &str = "symbol";
    pub const PLACE: &str = "place";
    pub const ON_BEHALF: &str = "on_behalf";
    pub const SIGNER_TITLE: &str = "signer_title";
    pub const SIGNER_NAME: &str = "signer_name";
    pub const RECIPIENTS: &str = "recipients";
    pub const MARGINS: [&str; 4] = ["margin_top", "margin_right", "margin_bottom", "margin_left"];
    pub const FONT: &str = "font";
    pub const FONT_PT: &str = "font_pt";
    pub const SHORTCOMINGS: &str = "shortcomings";
    pub const CAUSES: &str = "causes";
    pub const DIRECTIONS: &str = "directions";
}
use keys::*;

const MARGIN_LABELS: [&str; 4] = ["Lề trên (mm)", "Lề phải (mm)", "Lề dưới (mm)", "Lề trái (mm)"];

/// The form "Thể thức báo cáo in": each hint gives what an empty field prints.
pub fn document_fields(w: &Ward) -> Vec<Field> {
    let default = |s: String| format!("Nếu để trống: “{s}”");
    let mut out = vec![
        Field::new(SUPERIOR_LINE, "Tên cơ quan cấp trên", FieldKind::Text)
            .hint(default(superior_line(&w.superior)))
            .max_chars(MAX_NAME_CHARS),
        Field::new(ISSUER_LINE, "Tên cơ quan ban hành", FieldKind::Text)
            .hint(default(format!("{} {}", w.kind.committee(), w.name).to_uppercase()))
            .max_chars(MAX_NAME_CHARS),
        Field::new(SYMBOL, "Chữ viết tắt sau số báo cáo (Số …-BC/…)", FieldKind::Text)
            .hint(default(DocumentSettings::DEFAULT_SYMBOL.into()))
            .max_chars(20),
        Field::new(PLACE, "Địa danh ghi trước ngày tháng", FieldKind::Text).hint(default(w.name.clone())).max_chars(MAX_NAME_CHARS),
        Field::new(ON_BEHALF, "Thẩm quyền ký", FieldKind::Text)
            .hint(default(DocumentSettings::DEFAULT_ON_BEHALF.into()))
            .max_chars(MAX_NAME_CHARS),
        Field::new(SIGNER_TITLE, "Chức vụ người ký", FieldKind::Text)
            .hint(default(DocumentSettings::DEFAULT_SIGNER_TITLE.into()))
            .max_chars(MAX_NAME_CHARS),
        Field::new(SIGNER_NAME, "Họ và tên người ký", FieldKind::Text)
            .hint("Nếu để trống: ký và ghi tên bằng tay.")
            .max_chars(MAX_NAME_CHARS),
        Field::new(RECIPIENTS, "Nơi nhận (mỗi nơi một dòng)", FieldKind::Lines).hint(format!(
            "Nếu để trống: {}",
            default_recipients(w).iter().map(|l| l.trim_start_matches("- ").trim_end_matches([',', '.'])).collect::<Vec<_>>().join("; ")
        )),
    ];
    let d = DocumentSettings::DEFAULT_MARGINS_MM;
    for i in 0..4 {
        out.push(Field::new(MARGINS[i], MARGIN_LABELS[i], FieldKind::Count).hint(format!("Nếu để trống: {} mm.", d[i])));
    }
    out.push(Field::new(
        FONT,
        "Kiểu chữ",
        FieldKind::Radio(vec![
            ("serif".into(), "Times New Roman (có chân, như văn bản của Đảng)".into()),
            ("sans".into(), "Arial (không chân)".into()),
        ]),
    ));
    out.push(
        Field::new(FONT_PT, "Cỡ chữ (pt)", FieldKind::Count)
            .hint(format!("Từ 11 đến 16; nếu để trống: {}.", DocumentSettings::DEFAULT_FONT_PT)),
    );
    out
}

/// The ward's document settings, to edit them.
pub fn document_values(w: &Ward) -> Values {
    let s = &w.settings.document;
    let mut v = Values::new();
    for (k, x) in [
        (SUPERIOR_LINE, &s.superior_line),
        (ISSUER_LINE, &s.issuer_line),
        (SYMBOL, &s.symbol),
        (PLACE, &s.place),
        (ON_BEHALF, &s.on_behalf),
        (SIGNER_TITLE, &s.signer_title),
        (SIGNER_NAME, &s.signer_name),
    ] {
        v.insert(k.to_string(), x.clone());
    }
    v.insert(RECIPIENTS.to_string(), s.recipients.join("\n"));
    for (i, k) in MARGINS.iter().enumerate() {
        v.insert(k.to_string(), s.margins_mm.map(|m| m[i].to_string()).unwrap_or_default());
    }
    v.insert(FONT.to_string(), if s.font == "sans" { "sans" } else { "serif" }.to_string());
    v.insert(FONT_PT.to_string(), s.font_pt.map(|x| x.to_string()).unwrap_or_default());
    v
}

/// Saves the document settings: an empty text, or the default itself, keeps the default; the
/// margins are kept only when they differ from the defaults. On error `data` is unchanged.
pub fn save_document(data: &mut WardData, values: &Values, now: Timestamp) -> Result<Saved, Vec<FieldError>> {
    let mut r = Reader::new(values);
    let fields = document_fields(&data.ward);
    let line = |r: &mut Reader<'_>, key: &str| {
        let text = one_spaced(r.raw(key));
        let max = fields.iter().find(|f| f.key == key).map_or(MAX_NAME_CHARS, |f| f.max_chars);
        check_text(r, key, &text, max, false);
        text
    };
    let mut s = DocumentSettings {
        superior_line: line(&mut r, SUPERIOR_LINE),
        issuer_line: line(&mut r, ISSUER_LINE),
        symbol: line(&mut r, SYMBOL),
        place: line(&mut r, PLACE),
        on_behalf: line(&mut r, ON_BEHALF),
        signer_title: line(&mut r, SIGNER_TITLE),
        signer_name: line(&mut r, SIGNER_NAME),
        recipients: r.lines(RECIPIENTS).into_iter().map(|l| one_spaced(&l)).collect(),
        ..Default::default()
    };
    for l in &s.recipients {
        check_text(&mut r, RECIPIENTS, l, MAX_NAME_CHARS, false);
    }
    if s.recipients == default_recipients(&data.ward) {
        s.recipients.clear();
    }
    let defaults = DocumentSettings::DEFAULT_MARGINS_MM;
    let mut margins = defaults;
    for (i, k) in MARGINS.iter().enumerate() {
        if r.raw(k).contains(['.', ',']) {
            r.error(k, "Lề trang là số nguyên milimét, ví dụ 25.");
        } else if let Some(m) = r.opt_count(k) {
            if DocumentSettings::MARGIN_RANGE.contains(&m) {
                margins[i] = m;
            } else {
                r.error(k, "Lề trang từ 5 đến 50 mm.");
            }
        }
    }
    s.margins_mm = Some(margins).filter(|m| *m != defaults);
    s.font = if r.choice(FONT) == Some("sans") { "sans".into() } else { String::new() };
    if let Some(pt) = r.opt_count(FONT_PT) {
        if DocumentSettings::FONT_RANGE.contains(&pt) {
            s.font_pt = Some(pt).filter(|&p| p != DocumentSettings::DEFAULT_FONT_PT);
        } else {
            r.error(FONT_PT, "Cỡ chữ từ 11 đến 16 pt.");
        }
    }
    let w = &data.ward;
    let same_as = |typed: &mut String, default: String| {
        if *typed == default {
            typed.clear();
        }
    };
    same_as(&mut s.superior_line, superior_line(&w.superior));
    same_as(&mut s.issuer_line, format!("{} {}", w.kind.committee(), w.name).to_uppercase());
    same_as(&mut s.symbol, DocumentSettings::DEFAULT_SYMBOL.into());
    same_as(&mut s.place, w.name.clone());
    same_as(&mut s.on_behalf, DocumentSettings::DEFAULT_ON_BEHALF.into());
    same_as(&mut s.signer_title, DocumentSettings::DEFAULT_SIGNER_TITLE.into());
    let s = r.finish(Some(s))?;
    save_ward(data, now, |w| w.settings.document = s)
}

/// The three sections only people can write.
pub fn notes_fields() -> Vec<Field> {
    let limit = format!("Tối đa {} ký tự. Xuống dòng để tách đoạn.", format_count(MAX_LONG_TEXT_CHARS));
    [(SHORTCOMINGS, "Tồn tại, hạn chế"), (CAUSES, "Nguyên nhân"), (DIRECTIONS, "Phương hướng, nhiệm vụ thời gian tới")]
        .into_iter()
        .map(|(k, label)| Field::new(k, label, FieldKind::Lines).hint(limit.clone()).max_chars(MAX_LONG_TEXT_CHARS))
        .collect()
}

/// What was written for the report `key` ([`crate::ward_report::WardReport::notes_key`]).
pub fn notes_values(w: &Ward, key: &str) -> Values {
    let n = w.notes_for(key).cloned().unwrap_or_default();
    [(SHORTCOMINGS, n.shortcomings), (CAUSES, n.causes), (DIRECTIONS, n.directions)].into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// Saves what was written for the report `key`; all three empty removes the entry.
pub fn save_notes(data: &mut WardData, key: &str, values: &Values, now: Timestamp) -> Result<Saved, Vec<FieldError>> {
    let mut r = Reader::new(values);
    let text = |r: &mut Reader<'_>, k: &str| {
        let s = r.raw(k).replace("\r\n", "\n").replace('\r', "\n");
        check_text(r, k, &s, MAX_LONG_TEXT_CHARS, true);
        s
    };
    let notes = ReportNotes {
        report: key.to_string(),
        shortcomings: text(&mut r, SHORTCOMINGS),
        causes: text(&mut r, CAUSES),
        directions: text(&mut r, DIRECTIONS),
    };
    if key.is_empty() || key.chars().count() > MAX_NAME_CHARS {
        r.error(SHORTCOMINGS, "Không rõ kỳ báo cáo; hãy chọn lại kỳ.");
    }
    let notes = r.finish(Some(notes))?;
    save_ward(data, now, |w| {
        let at = w.report_notes.iter().position(|n| n.report == key);
        match (at, notes.is_empty()) {
            (Some(i), true) => {
                w.report_notes.remove(i);
            }
            (Some(i), false) => w.report_notes[i] = notes,
            (None, false) => w.report_notes.push(notes),
            (None, true) => {}
        }
    })
}

/// Applies `change` to a copy of the ward and keeps it, logged, when it differs.
fn save_ward(data: &mut WardData, now: Timestamp, change: impl FnOnce(&mut Ward)) -> Result<Saved, Vec<FieldError>> {
    let before = data.ward.clone();
    let mut ward = before.clone();
    change(&mut ward);
    if ward == before {
        return Ok(Saved::Unchanged);
    }
    ward.updated_at = now;
    log(data, RecordKind::Ward, before.id.as_str(), &ward.name, Some(&before), &ward, now);
    data.ward = ward;
    Ok(Saved::Changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{export, load, ExportScope};
    use crate::records::testkit::{now, ward as ward_data};
    use crate::records::ward::Saved;

    fn reread(d: &WardData) -> WardData {
        let text = export(d, &ExportScope::Ward, "t", now()).expect("writes");
        load(text.as_bytes(), local_today(now())).expect("loads").data
    }

    fn set(v: &mut Values, k: &str, s: &str) {
        v.insert(k.to_string(), s.to_string());
    }

    #[test]
    fn document_settings_save_what_differs_and_load_again() {
        let mut d = ward_data();
        let mut v = document_values(&d.ward);
        assert_eq!(save_document(&mut d, &v, now()), Ok(Saved::Unchanged), "the defaults as shown save nothing");
        set(&mut v, SIGNER_NAME, "  Nguyễn   Văn Bình ");
        set(&mut v, SYMBOL, "ĐU");
        set(&mut v, RECIPIENTS, "- Ban Tổ chức Tỉnh ủy,\n\n- Lưu.");
        set(&mut v, MARGINS[3], "25");
        set(&mut v, FONT_PT, "13");
        set(&mut v, FONT, "sans");
        assert_eq!(save_document(&mut d, &v, now()), Ok(Saved::Changed));
        let s = &d.ward.settings.document;
        assert_eq!(s.signer_name, "Nguyễn Văn Bình");
        assert_eq!(s.symbol, "", "the default symbol is not stored");
        assert_eq!(s.recipients, vec!["- Ban Tổ chức Tỉnh ủy,", "- Lưu."]);
        assert_eq!(s.margins_mm, Some([20, 15, 20, 25]));
        assert_eq!((s.font_pt, s.font.as_str()), (Some(13), "sans"));
        assert!(d.changes.entries().iter().any(|c| c.field.contains("signer_name")), "logged");
        let back = reread(&d);
        assert_eq!(back.ward.settings.document, d.ward.settings.document);
        assert_eq!(document_values(&back.ward)[SIGNER_NAME], "Nguyễn Văn Bình");
    }

    #[test]
    fn document_settings_refuse_what_cannot_print() {
        let mut d = ward_data();
        let before = d.clone();
        let mut v = document_values(&d.ward);
        set(&mut v, MARGINS[0], "70");
        set(&mut v, FONT_PT, "30");
        set(&mut v, SYMBOL, &"Đ".repeat(21));
        let e = save_document(&mut d, &v, now()).expect_err("refused");
        let keys: Vec<&str> = e.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, vec![SYMBOL, MARGINS[0], FONT_PT]);
        assert_eq!(d, before, "nothing changed");
    }

    #[test]
    fn notes_are_kept_per_report_and_exported() {
        let mut d = ward_data();
        let mut v = notes_values(&d.ward, "ky=nam-2026");
        assert!(v.values().all(String::is_empty));
        set(&mut v, SHORTCOMINGS, "Một số chi bộ chưa kết nạp được.\r\nNguồn ít.");
        set(&mut v, DIRECTIONS, "Tạo nguồn ở các trường học.");
        assert_eq!(save_notes(&mut d, "ky=nam-2026", &v, now()), Ok(Saved::Changed));
        assert_eq!(d.ward.notes_for("ky=nam-2026").unwrap().shortcomings, "Một số chi bộ chưa kết nạp được.\nNguồn ít.");
        assert!(notes_values(&d.ward, "ky=6-thang-dau-2026").values().all(String::is_empty), "another period has its own");
        assert_eq!(reread(&d).ward.report_notes, d.ward.report_notes);
        // Long text, a few pages, saves; more does not.
        set(&mut v, CAUSES, &"Nguyên nhân. ".repeat(1_500));
        assert_eq!(save_notes(&mut d, "ky=nam-2026", &v, now()), Ok(Saved::Changed));
        assert_eq!(reread(&d).ward.notes_for("ky=nam-2026").unwrap().causes.chars().count(), 19_499, "a long text loads");
        set(&mut v, CAUSES, &"x".repeat(MAX_LONG_TEXT_CHARS + 1));
        let e = save_notes(&mut d, "ky=nam-2026", &v, now()).expect_err("too long");
        assert_eq!(e[0].key, CAUSES);
        // Emptied, the entry goes.
        let empty: Values = notes_fields().iter().map(|f| (f.key.to_string(), String::new())).collect();
        assert_eq!(save_notes(&mut d, "ky=nam-2026", &empty, now()), Ok(Saved::Changed));
        assert!(d.ward.report_notes.is_empty());
    }
}
