//! Báo cáo: what the ward sends up and its committee reads for a period and scope
//! (../shared/REPORTS.md §1–2): the summary of docs/domain.md §3.3 as the sentences a committee
//! writes, Biểu 2-BTCTW with this period beside the same period last year, Biểu 2B, the pipeline
//! counts, the table per cell and the lists of people. Computed from the reports of
//! `statistics`; the page only lays it out.

mod csv;
mod table;
#[cfg(test)]
mod tests;
mod workbook;

pub use csv::{to_csv, CsvFile};
pub use table::{bieu2_table, bieu2b_table, Datum, Table, TABLE_NAMES};
pub(crate) use workbook::{bieu2_sheet, bieu2b_sheet, plain_sheet};
pub use workbook::{parse_workbook_request, workbook_request, Merge, Sheet, SheetCell, Style, Workbook, BIEU2B_FORM, BIEU2_FORM};

use crate::calendar::WorkingCalendar;
use crate::deadlines::{due_items, DeadlineStatus};
use crate::model::{CellId, DocumentSettings, ReportNotes, Ward, WardData};
use crate::overview::View;
use crate::rules::RuleSets;
use crate::statistics::{
    admission_date, bieu2, bieu2b, due_for_recognition_on, is_probationary_on, probation_end, recognition_date, scope_candidates, stage_on,
    Bieu2BLine, Bieu2Row, FormValue, InScope, PipelineCounts, Ratio, Report,
};
use crate::text::{format_date, format_int};
use chrono::NaiveDate;

/// One row of Biểu 2-BTCTW with its three columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bieu2Row3 {
    pub row: Bieu2Row,
    pub number: String,
    pub label: String,
    pub depth: u8,
    /// Kỳ này.
    pub this: FormValue,
    /// Cùng kỳ năm trước.
    pub last: FormValue,
    /// (%) kỳ này so với cùng kỳ năm trước: "375 %", "" for a heading or a mean, "–" when the
    /// same period had none.
    pub percent: String,
}

impl Bieu2Row3 {
    /// The row with its wording and its two figures; the % from them.
    pub fn new(row: Bieu2Row, label: String, this: FormValue, last: FormValue) -> Bieu2Row3 {
        Bieu2Row3 { row, number: row.number(), label, depth: row.depth(), percent: percent_of(this, last), this, last }
    }
}

/// One line of the table per cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellLine {
    pub cell_id: CellId,
    /// The cell's code, as written ("TDP01").
    pub code: String,
    pub name: String,
    pub members_at_start: u32,
    pub target: Option<u32>,
    pub admitted: u32,
    pub admitted_year_to_date: u32,
    /// Year to date ÷ target.
    pub attainment: Ratio,
    /// Followed and not yet admitted, on the report's day.
    pub in_pipeline: u32,
    pub probationary: u32,
    /// Recognised as full members in the period.
    pub recognised: u32,
}

impl CellLine {
    /// No admission in the period (marked in the table).
    pub fn idle(&self) -> bool {
        self.admitted == 0
    }
}

/// A person in one of the report's lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonLine {
    pub id: String,
    pub name: String,
    pub cell: String,
    /// Columns after the cell (decision, dates, what is due …).
    pub details: Vec<Datum>,
}

/// The header, the signature and the page of the printed report, in the Party's document
/// format (../shared/REPORTS.md §3): the ward's [`DocumentSettings`], each left empty taking
/// the default drawn from the ward.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentHead {
    /// "ĐẢNG BỘ TỈNH THÁI NGUYÊN".
    pub superior: String,
    /// "ĐẢNG ỦY PHƯỜNG HÒA AN".
    pub issuer: String,
    /// "Số      -BC/ĐU" (the number is written by hand or by the office).
    pub number: String,
    /// "Hòa An, ngày 02 tháng 12 năm 2026".
    pub place_date: String,
    /// "kết quả công tác phát triển đảng viên năm 2026".
    pub subject: String,
    /// "T/M BAN THƯỜNG VỤ".
    pub on_behalf: String,
    /// "BÍ THƯ".
    pub signer_title: String,
    /// The signer's name under the signature ("" leaves it blank).
    pub signer_name: String,
    /// "Nơi nhận:" lines, each starting with "- ".
    pub recipients: Vec<String>,
    /// Top, right, bottom, left, in millimetres.
    pub margins_mm: [u32; 4],
    pub font_pt: u32,
    /// The CSS font stack.
    pub font_stack: &'static str,
}

/// The superior body's line from the superior committee's name: "Tỉnh ủy Thái Nguyên" →
/// "ĐẢNG BỘ TỈNH THÁI NGUYÊN", "Thành ủy Hà Nội" → "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"; anything else
/// as written, in capitals.
pub fn superior_line(superior: &str) -> String {
    let s = superior.trim();
    let line = if let Some(rest) = s.strip_prefix("Tỉnh ủy ").or_else(|| s.strip_prefix("Tỉnh uỷ ")) {
        format!("Đảng bộ tỉnh {rest}")
    } else if let Some(rest) = s.strip_prefix("Thành ủy ").or_else(|| s.strip_prefix("Thành uỷ ")) {
        format!("Đảng bộ thành phố {rest}")
    } else {
        s.to_string()
    };
    line.to_uppercase()
}

/// The default "Nơi nhận" of a ward's report.
pub fn default_recipients(ward: &Ward) -> Vec<String> {
    let superior_body = ward.superior.trim();
    let mut recipients = vec![];
    if !superior_body.is_empty() {
        recipients.push(format!("- Ban Tổ chức {superior_body},"));
    }
    recipients.push("- Các đồng chí Ủy viên Ban Chấp hành Đảng bộ,".to_string());
    recipients.push("- Các chi bộ trực thuộc,".to_string());
    recipients.push("- Lưu Văn phòng Đảng ủy.".to_string());
    recipients
}

impl DocumentHead {
    pub fn of(data: &WardData, view: &View, today: NaiveDate) -> DocumentHead {
        let w = &data.ward;
        let s = &w.settings.document;
        let or = |typed: &str, default: String| if typed.trim().is_empty() { default } else { typed.trim().to_string() };
        use chrono::Datelike;
        DocumentHead {
            superior: or(&s.superior_line, superior_line(&w.superior)),
            issuer: or(&s.issuer_line, format!("{} {}", w.kind.committee(), w.name).to_uppercase()),
            number: format!("Số      -BC/{}", or(&s.symbol, DocumentSettings::DEFAULT_SYMBOL.into())),
            place_date: format!(
                "{}, ngày {:02} tháng {:02} năm {}",
                or(&s.place, w.name.clone()),
                today.day(),
                today.month(),
                today.year()
            ),
            subject: format!("kết quả công tác phát triển đảng viên {}", period_words(view, data)),
            on_behalf: or(&s.on_behalf, DocumentSettings::DEFAULT_ON_BEHALF.into()),
            signer_title: or(&s.signer_title, DocumentSettings::DEFAULT_SIGNER_TITLE.into()),
            signer_name: s.signer_name.trim().to_string(),
            recipients: if s.recipients.is_empty() { default_recipients(w) } else { s.recipients.clone() },
            margins_mm: s.margins(),
            font_pt: s.font_size(),
            font_stack: s.font_stack(),
        }
    }
}

/// The whole report.
#[derive(Clone, Debug, PartialEq)]
pub struct WardReport {
    pub title: String,
    /// The printed document's header and signature.
    pub head: DocumentHead,
    pub report: Report,
    pub previous: Report,
    /// Section I: the figures as sentences.
    pub summary: Vec<String>,
    pub bieu2: Vec<Bieu2Row3>,
    pub bieu2b: Vec<Bieu2BLine>,
    pub pipeline: PipelineCounts,
    pub pipeline_last: PipelineCounts,
    pub cells: Vec<CellLine>,
    /// The admitted of the period: decision number and date, ceremony date.
    pub admitted: Vec<PersonLine>,
    /// Probationary members due for recognition on the report's day.
    pub due_for_recognition: Vec<PersonLine>,
    /// Overdue steps on the report's day (only when that day is today).
    pub overdue: Vec<PersonLine>,
    /// The key of what people wrote for this report ([`WardReport::notes`]).
    pub notes_key: String,
    /// What people wrote for this report (empty until they write it).
    pub notes: ReportNotes,
}

fn percent_of(this: FormValue, last: FormValue) -> String {
    match (this, last) {
        (FormValue::Count(a), FormValue::Count(b)) => Ratio::new(a.into(), b.into()).percent_text(),
        _ => String::new(),
    }
}

impl WardReport {
    /// The report for `view` on `today` (`rules` and `calendar` give the overdue list).
    pub fn compute(data: &WardData, view: &View, today: NaiveDate, rules: &RuleSets, calendar: &WorkingCalendar) -> WardReport {
        let period = view.period(&data.ward.term);
        let report = Report::compute(data, period, &view.scope, today);
        let previous = Report::compute(data, period.same_period_last_year(), &view.scope, today);
        let this_rows = bieu2(&report, data);
        let last_rows = bieu2(&previous, data);
        let rows = this_rows.into_iter().zip(last_rows).map(|(a, b)| Bieu2Row3::new(a.row, a.label, a.value, b.value)).collect();
        let in_scope = scope_candidates(data, &view.scope);
        let cells = cell_lines(data, &report, today);
        let title = format!("BÁO CÁO kết quả công tác phát triển đảng viên {}", period_words(view, data));
        let summary = summary(&report, &cells);
        let (admitted, due_for_recognition) = people(data, &report, &in_scope);
        let overdue = if report.as_of == today { overdue(data, &in_scope, rules, calendar, today) } else { vec![] };
        let notes_key = view.to_query();
        WardReport {
            notes: data.ward.notes_for(&notes_key).cloned().unwrap_or_default(),
            notes_key,
            head: DocumentHead::of(data, view, today),
            title,
            summary,
            bieu2: rows,
            bieu2b: bieu2b(&report.admitted),
            pipeline: PipelineCounts::of_report_in(&report, data, &in_scope),
            pipeline_last: PipelineCounts::of_report_in(&previous, data, &in_scope),
            cells,
            admitted,
            due_for_recognition,
            overdue,
            report,
            previous,
        }
    }
}

/// "6 tháng đầu năm 2026", "năm 2026", "nhiệm kỳ 2025–2030", "giữa nhiệm kỳ 2025–2030 (đến
/// 30/06/2027)" …
fn period_words(view: &View, data: &WardData) -> String {
    let label = view.period.label(&data.ward.term);
    let mut chars = label.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => label,
    }
}

/// Section I as a committee writes it.
fn summary(r: &Report, cells: &[CellLine]) -> Vec<String> {
    let b = &r.admitted;
    let mut first = format!("Kết nạp {} đảng viên", format_int(b.total));
    if let Some(t) = &r.year_target {
        first.push_str(&format!(", đạt {} chỉ tiêu năm", t.ratio.percent_text()));
    }
    if let Some(p) = r.same_period.ratio.percent_text_opt() {
        first.push_str(&format!(", bằng {p} so với cùng kỳ"));
    } else {
        first.push_str(", cùng kỳ năm trước không kết nạp được đảng viên nào");
    }
    first.push('.');
    let mut out = vec![first];
    if b.total > 0 {
        out.push(format!(
            "Trong đó: nữ {}, đoàn viên Đoàn TNCS Hồ Chí Minh {} ({}), dân tộc thiểu số {}, người theo tôn giáo {}; tuổi bình quân {}.",
            format_int(b.women()),
            format_int(b.youth_union),
            r.youth_union_share.percent_text(),
            format_int(b.minorities()),
            format_int(b.with_religion()),
            b.mean_age_tenths().map(|t| crate::text::format_decimal(t as f64 / 10.0, 1)).unwrap_or_default()
        ));
    }
    if let Some(t) = &r.term {
        if let Some(target) = t.target {
            out.push(format!(
                "Từ đầu nhiệm kỳ {}–{} đã kết nạp {} đảng viên, đạt {} chỉ tiêu nhiệm kỳ ({}).",
                t.term.start_year,
                t.term.end_year,
                format_int(t.admitted),
                t.ratio.percent_text(),
                format_int(target)
            ));
        }
    }
    let d = &r.development;
    if d.members_at_start > 0 {
        out.push(format!(
            "Tỷ lệ đảng viên mới kết nạp so với tổng số đảng viên đầu năm ({}) là {}{}.",
            format_int(d.members_at_start),
            d.rate.percent_text(),
            match d.status() {
                Some(s) => format!(" ({})", s.label().to_lowercase()),
                None => String::new(),
            }
        ));
    }
    let idle = cells.iter().filter(|c| c.idle()).count();
    out.push(format!(
        "{} trong {} chi bộ có kết nạp đảng viên trong kỳ; {} chi bộ chưa kết nạp được.",
        crate::text::format_count(cells.len() - idle),
        crate::text::format_count(cells.len()),
        crate::text::format_count(idle)
    ));
    let m = &r.movements;
    out.push(format!(
        "Trong kỳ: {} quần chúng được xét là cảm tình Đảng, {} được cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng, {} đảng viên dự bị được công nhận chính thức, {} đảng viên dự bị bị xóa tên.",
        format_int(m.new_sympathisers),
        format_int(m.certificates),
        format_int(m.recognised),
        format_int(m.struck_off)
    ));
    out.push(format!(
        "Đến ngày {}: {} quần chúng đang được bồi dưỡng, theo dõi; {} đảng viên dự bị, trong đó {} đã đến hạn xét công nhận chính thức.",
        format_date(r.pipeline.date),
        format_int(r.pipeline.active.saturating_sub(r.pipeline.probationary)),
        format_int(r.pipeline.probationary),
        format_int(r.pipeline.due_for_recognition)
    ));
    out
}

/// The table per cell, in the report's cell order (archived cells only if they admitted).
fn cell_lines(data: &WardData, r: &Report, today: NaiveDate) -> Vec<CellLine> {
    let span = r.period.span();
    let mut lines: Vec<CellLine> = r
        .cells
        .iter()
        .map(|row| CellLine {
            cell_id: row.cell_id.clone(),
            code: data.cell(&row.cell_id).map(|c| c.code.clone()).unwrap_or_default(),
            name: data.cell(&row.cell_id).map(|c| c.name.clone()).unwrap_or_else(|| row.cell_id.to_string()),
            members_at_start: row.members_at_start,
            target: row.year_target,
            admitted: row.admitted,
            admitted_year_to_date: row.admitted_year_to_date,
            attainment: Ratio::new(row.admitted_year_to_date.into(), row.year_target.unwrap_or(0).into()),
            in_pipeline: 0,
            probationary: 0,
            recognised: 0,
        })
        .collect();
    let index: std::collections::HashMap<String, usize> = lines.iter().enumerate().map(|(i, l)| (l.cell_id.to_string(), i)).collect();
    for c in &data.candidates {
        let Some(&i) = index.get(c.cell_id.as_str()) else { continue };
        let line = &mut lines[i];
        if stage_on(c, r.as_of, today).is_some_and(|s| s.is_active()) && !is_probationary_on(c, r.as_of) {
            line.in_pipeline += 1;
        }
        if is_probationary_on(c, r.as_of) {
            line.probationary += 1;
        }
        if recognition_date(c).is_some_and(|d| span.contains(d)) && admission_date(c).is_some() {
            line.recognised += 1;
        }
    }
    lines
}

fn cell_name(data: &WardData, id: &CellId) -> String {
    data.cell(id).map(|c| c.name.clone()).unwrap_or_else(|| id.to_string())
}

/// The admitted of the period (by decision date) and those due for recognition.
fn people(data: &WardData, r: &Report, in_scope: &InScope<'_>) -> (Vec<PersonLine>, Vec<PersonLine>) {
    let span = r.period.span();
    let mut admitted: Vec<(NaiveDate, PersonLine)> = vec![];
    let mut due: Vec<(NaiveDate, PersonLine)> = vec![];
    for c in data.candidates.iter().filter(|c| in_scope.contains(c.id.as_str())) {
        if let Some(d) = admission_date(c).filter(|d| span.contains(*d)) {
            let decision = Datum::Text(c.process.decision.as_ref().map(|x| x.document.number.clone()).unwrap_or_default());
            let ceremony = c.process.ceremony.as_ref().map(|x| Datum::Date(x.date)).unwrap_or_else(|| Datum::Text("chưa tổ chức".into()));
            admitted.push((
                d,
                PersonLine {
                    id: c.id.to_string(),
                    name: c.full_name.clone(),
                    cell: cell_name(data, &c.cell_id),
                    details: vec![decision, Datum::Date(d), ceremony],
                },
            ));
        }
        if due_for_recognition_on(c, r.as_of) {
            if let Some(cer) = &c.process.ceremony {
                let end = probation_end(cer.date);
                due.push((
                    end,
                    PersonLine {
                        id: c.id.to_string(),
                        name: c.full_name.clone(),
                        cell: cell_name(data, &c.cell_id),
                        details: vec![Datum::Date(cer.date), Datum::Date(end)],
                    },
                ));
            }
        }
    }
    crate::order::sort_by(&mut admitted, |a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    crate::order::sort_by(&mut due, |a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    (admitted.into_iter().map(|x| x.1).collect(), due.into_iter().map(|x| x.1).collect())
}

/// The overdue steps of the scope's candidates today.
fn overdue(data: &WardData, in_scope: &InScope<'_>, rules: &RuleSets, calendar: &WorkingCalendar, today: NaiveDate) -> Vec<PersonLine> {
    due_items(data, rules, calendar, today, data.ward.settings.due_soon_days)
        .into_iter()
        .filter(|item| matches!(item.state.status, DeadlineStatus::Overdue | DeadlineStatus::WithinExtension))
        .filter(|item| in_scope.contains(item.candidate.id.as_str()))
        .map(|item| PersonLine {
            id: item.candidate.id.to_string(),
            name: item.candidate.full_name.clone(),
            cell: cell_name(data, &item.candidate.cell_id),
            details: vec![Datum::Text(item.timer.title()), Datum::Date(item.timer.deadline), Datum::Text(item.state.line())],
        })
        .collect()
}
