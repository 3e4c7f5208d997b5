//! The spreadsheet writer: the page sends a request (the report's view, the report's day and
//! the ward's stored document), the worker computes the report with the domain — the same
//! `WardReport::compute` the page shows — lays it out (`WardReport::workbook`) and turns it into
//! an .xlsx file with rust_xlsxwriter. This module decides no figure and no word: only how each
//! [`Style`] looks, and numbers, percentages and dates as Excel's own types.

use ptdv_domain::format::load;
use ptdv_domain::overview::View;
use ptdv_domain::rollup::{parse_rollup_request, FileIn, Rollup, RollupReport};
use ptdv_domain::rules::WardRules;
use ptdv_domain::ward_report::{parse_workbook_request, Datum, Sheet, Style, WardReport, Workbook};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook as Xlsx, Worksheet, XlsxError};

/// The font of a Party document.
const FONT: &str = "Times New Roman";

struct Formats {
    plain: Format,
    bold: Format,
    italic: Format,
    title: Format,
    header: Format,
    numbering: Format,
    body: Format,
    body_bold: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(12).set_align(FormatAlign::VerticalCenter);
        let centred = base.clone().set_align(FormatAlign::Center);
        let cell = base.clone().set_border(FormatBorder::Thin).set_text_wrap();
        Formats {
            plain: centred.clone(),
            bold: centred.clone().set_bold(),
            italic: centred.clone().set_italic(),
            title: centred.clone().set_bold().set_font_size(14),
            header: cell.clone().set_bold().set_align(FormatAlign::Center),
            numbering: cell.clone().set_italic().set_align(FormatAlign::Center),
            body: cell.clone(),
            body_bold: cell.set_bold(),
        }
    }
    fn of(&self, s: Style) -> &Format {
        match s {
            Style::Plain => &self.plain,
            Style::Bold => &self.bold,
            Style::Italic => &self.italic,
            Style::Title => &self.title,
            Style::Header => &self.header,
            Style::Numbering => &self.numbering,
            Style::Body => &self.body,
            Style::BodyBold => &self.body_bold,
        }
    }
}

/// The report's workbook for a `workbook_request` (the view, the report's day, the ward's
/// stored document), or the set's for a `rollup_request` (the view, the day, each ward's
/// document).
pub fn workbook_of(message: &str) -> Result<Workbook, String> {
    if let Some((view, today, documents)) = parse_rollup_request(message) {
        let files: Vec<FileIn> =
            documents.iter().enumerate().map(|(i, d)| FileIn::new(format!("{}", i + 1), load(d.as_bytes(), today))).collect();
        let set = Rollup::assemble(&files, today);
        if let Some(aside) = set.set_aside.first() {
            return Err(aside.message());
        }
        let view = View::from_query(view, today);
        return Ok(RollupReport::compute(&set, &view, today).workbook(&set, &view, today));
    }
    let (view, today, document) = parse_workbook_request(message).ok_or_else(|| "not a request".to_string())?;
    let data = load(document.as_bytes(), today).map_err(|e| e.to_string())?.data;
    let rules = WardRules::new(&data.ward.settings).map_err(|e| e.to_string())?;
    let view = View::from_query(view, today);
    Ok(WardReport::compute(&data, &view, today, rules.rule_sets(), rules.calendar()).workbook())
}

/// The .xlsx file's bytes, or what went wrong (in English: the page words it for the user).
pub fn write(book: &Workbook) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut x = Xlsx::new();
    for sheet in &book.sheets {
        let ws = x.add_worksheet();
        write_sheet(ws, sheet, &f)?;
    }
    x.save_to_buffer()
}

fn write_sheet(ws: &mut Worksheet, s: &Sheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(&s.name)?;
    ws.set_paper_size(9); // A4
    if s.landscape {
        ws.set_landscape();
    }
    ws.set_margins(0.6, 0.4, 0.6, 0.6, 0.3, 0.3);
    for (c, w) in s.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    if s.header_rows > 0 {
        ws.set_freeze_panes(s.header_rows, 0)?;
        // The last header row (the column numbering of a form) on every printed page.
        ws.set_repeat_rows(s.header_rows - 1, s.header_rows - 1)?;
    }
    for m in &s.merges {
        ws.merge_range(m.first_row, m.first_col, m.last_row, m.last_col, &m.text, f.of(m.style))?;
    }
    for c in &s.cells {
        let fmt = f.of(c.style);
        match &c.value {
            Datum::Empty => ws.write_blank(c.row, c.col, fmt).map(|_| ())?,
            Datum::Text(t) => ws.write_string_with_format(c.row, c.col, t, fmt).map(|_| ())?,
            Datum::Int(n) => ws.write_number_with_format(c.row, c.col, *n as f64, &fmt.clone().set_num_format("#,##0")).map(|_| ())?,
            Datum::Tenths(t) => {
                ws.write_number_with_format(c.row, c.col, *t as f64 / 10.0, &fmt.clone().set_num_format("0.0")).map(|_| ())?
            }
            Datum::Percent(n, d) => {
                ws.write_number_with_format(c.row, c.col, *n as f64 / *d as f64, &fmt.clone().set_num_format("0.00%")).map(|_| ())?
            }
            Datum::Date(d) => {
                use chrono::Datelike;
                let date = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                ws.write_datetime_with_format(c.row, c.col, &date, &fmt.clone().set_num_format("dd/mm/yyyy")).map(|_| ())?
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use ptdv_domain::ward_report::{Merge, SheetCell};

    #[test]
    fn the_worker_computes_the_same_report_as_the_page() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 2, 3, 0, 0).unwrap();
        let data = ptdv_domain::demo::demo_ward(today, now);
        let doc = ptdv_domain::format::export_compact(&data, &ptdv_domain::format::ExportScope::Ward, "t", now).unwrap();
        let query = "ky=6-thang-dau-2026&pham-vi=loai:to_dan_pho";
        let book = workbook_of(&ptdv_domain::ward_report::workbook_request(query, today, &doc)).expect("a workbook");
        let rules = WardRules::new(&data.ward.settings).unwrap();
        let page = WardReport::compute(&data, &View::from_query(query, today), today, rules.rule_sets(), rules.calendar());
        assert_eq!(book, page.workbook());
        assert!(write(&book).expect("writes").starts_with(b"PK"));
        assert!(workbook_of("ky=nam-2026\n2026-12-02\n{").is_err(), "a bad document is refused");
        assert!(workbook_of("ky=nam-2026").is_err());
    }

    #[test]
    fn the_worker_computes_the_same_roll_up_as_the_page() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 2, 3, 0, 0).unwrap();
        let data = ptdv_domain::demo::demo_ward(today, now);
        let mut other = data.clone();
        other.ward.id = ptdv_domain::model::WardId::new("dbp-hoa-binh");
        let docs: Vec<String> = [&data, &other]
            .iter()
            .map(|d| ptdv_domain::format::export_compact(d, &ptdv_domain::format::ExportScope::Ward, "t", now).unwrap())
            .collect();
        let query = "ky=nam-2026&pham-vi=nguon:doan_thanh_nien";
        let book = workbook_of(&ptdv_domain::rollup::rollup_request(query, today, &docs)).expect("a workbook");
        let files: Vec<FileIn> = docs.iter().map(|d| FileIn::new("f", load(d.as_bytes(), today))).collect();
        let set = Rollup::assemble(&files, today);
        let view = View::from_query(query, today);
        assert_eq!(book, RollupReport::compute(&set, &view, today).workbook(&set, &view, today));
        assert_eq!(book.sheets.len(), 5);
        assert!(write(&book).expect("writes").starts_with(b"PK"));
        // The same ward twice is refused rather than counted once without a word.
        let twice = ptdv_domain::rollup::rollup_request(query, today, &[docs[0].clone(), docs[0].clone()]);
        assert!(workbook_of(&twice).is_err());
    }

    #[test]
    fn a_sheet_with_every_kind_of_value_writes_a_zip() {
        let sheet = Sheet {
            name: "Biểu 2-BTCTW".into(),
            cells: vec![
                SheetCell { row: 1, col: 0, value: Datum::Text("01".into()), style: Style::Body },
                SheetCell { row: 1, col: 1, value: Datum::Int(1720), style: Style::Body },
                SheetCell { row: 1, col: 2, value: Datum::Tenths(274), style: Style::Body },
                SheetCell { row: 1, col: 3, value: Datum::Percent(45, 43), style: Style::Body },
                SheetCell { row: 1, col: 4, value: Datum::Date(chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()), style: Style::Body },
                SheetCell { row: 1, col: 5, value: Datum::Empty, style: Style::Body },
            ],
            merges: vec![Merge { first_row: 0, first_col: 0, last_row: 0, last_col: 5, text: "THỐNG KÊ".into(), style: Style::Title }],
            widths: vec![6.0, 10.0],
            header_rows: 1,
            landscape: true,
        };
        let bytes = write(&Workbook { sheets: vec![sheet] }).expect("writes");
        assert_eq!(&bytes[..2], b"PK", "an .xlsx is a zip");
        assert!(bytes.len() > 4_000, "{}", bytes.len());
    }
}
