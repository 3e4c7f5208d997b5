//! The report as a spreadsheet, laid out as data: one sheet per form in the form's layout
//! (../shared/REPORTS.md §2: the reporting body top left, the form's number top right, the
//! merged title with the period, "Đơn vị tính: người", the header and its numbering row, the
//! footer with the place and date, "NGƯỜI LẬP BIỂU" and the signer), then the per-cell table
//! and the lists. The app hands this to the spreadsheet writer (a second wasm module loaded on
//! demand), which only turns it into an .xlsx file; every figure and word is decided here.

use super::{Datum, DocumentHead, Table, WardReport};

/// How a cell looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Plain text, no border (the header and footer lines).
    Plain,
    Bold,
    Italic,
    /// The merged title.
    Title,
    /// A column header: bold, centred, wrapped, bordered.
    Header,
    /// The numbering row: italic, centred, bordered.
    Numbering,
    /// A table cell, bordered.
    Body,
    /// A table cell in bold (a heading row of a form).
    BodyBold,
}

/// One cell: row and column from 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetCell {
    pub row: u32,
    pub col: u16,
    pub value: Datum,
    pub style: Style,
}

/// A merged range holding one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u16,
    pub last_row: u32,
    pub last_col: u16,
    pub text: String,
    pub style: Style,
}

/// One worksheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// At most 31 characters, none of `[]:*?/\`.
    pub name: String,
    pub cells: Vec<SheetCell>,
    pub merges: Vec<Merge>,
    /// Column widths in characters.
    pub widths: Vec<f64>,
    /// Rows above the table's first data row: frozen, and repeated on each printed page.
    pub header_rows: u32,
    pub landscape: bool,
}

/// The whole file.
#[derive(Clone, Debug, PartialEq)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

/// The message the page sends the spreadsheet writer (a web worker): the view as the address
/// gives it, the report's day (yyyy-mm-dd) and the ward's document as stored, one per line.
pub fn workbook_request(view: &str, today: chrono::NaiveDate, document: &str) -> String {
    format!("{view}\n{today}\n{document}")
}

/// A [`workbook_request`]'s view, day and document.
pub fn parse_workbook_request(message: &str) -> Option<(&str, chrono::NaiveDate, &str)> {
    let mut parts = message.splitn(3, '\n');
    let (view, today, document) = (parts.next()?, parts.next()?, parts.next()?);
    Some((view, today.parse().ok()?, document))
}

struct Builder {
    sheet: Sheet,
}

impl Builder {
    fn new(name: &str, widths: Vec<f64>, landscape: bool) -> Builder {
        Builder { sheet: Sheet { name: name.to_string(), cells: vec![], merges: vec![], widths, header_rows: 0, landscape } }
    }
    fn put(&mut self, row: u32, col: u16, value: Datum, style: Style) {
        if value != Datum::Empty || matches!(style, Style::Body | Style::BodyBold | Style::Header | Style::Numbering) {
            self.sheet.cells.push(SheetCell { row, col, value, style });
        }
    }
    fn text(&mut self, row: u32, col: u16, text: &str, style: Style) {
        self.put(row, col, Datum::Text(text.to_string()), style);
    }
    fn merge(&mut self, row: u32, cols: (u16, u16), text: &str, style: Style) {
        self.merge_rows((row, row), cols, text, style);
    }
    fn merge_rows(&mut self, rows: (u32, u32), cols: (u16, u16), text: &str, style: Style) {
        if cols.0 == cols.1 && rows.0 == rows.1 {
            self.text(rows.0, cols.0, text, style);
        } else {
            self.sheet.merges.push(Merge {
                first_row: rows.0,
                first_col: cols.0,
                last_row: rows.1,
                last_col: cols.1,
                text: text.into(),
                style,
            });
        }
    }
    /// The form's top: body on the left, form number on the right, the merged title and period,
    /// the unit line. Returns the next free row.
    fn form_top(&mut self, head: &DocumentHead, form: &str, title: &str, period: &str, last_col: u16) -> u32 {
        let left = (0, last_col.saturating_sub(2).max(1) / 2);
        self.merge(0, left, &head.superior, Style::Plain);
        self.merge(1, left, &head.issuer, Style::Bold);
        self.merge(2, left, "*", Style::Plain);
        self.text(0, last_col, form, Style::Bold);
        self.merge(3, (0, last_col), title, Style::Title);
        self.merge(4, (0, last_col), period, Style::Bold);
        self.text(5, last_col, "Đơn vị tính: người", Style::Italic);
        6
    }
    /// The form's footer from `row`: place and date on the right, the preparer on the left, the
    /// signer on the right.
    fn form_footer(&mut self, head: &DocumentHead, row: u32, last_col: u16) {
        let right = (last_col.saturating_sub(1).max(1), last_col);
        let left = (0, 1.min(right.0.saturating_sub(1)));
        self.merge(row, right, &head.place_date, Style::Italic);
        self.merge(row + 1, left, "NGƯỜI LẬP BIỂU", Style::Bold);
        self.merge(row + 2, left, "(Ký, ghi rõ họ tên, số điện thoại)", Style::Italic);
        self.merge(row + 1, right, &head.on_behalf, Style::Bold);
        self.merge(row + 2, right, &head.signer_title, Style::Bold);
        self.merge(row + 3, right, "(Ký, đóng dấu, ghi rõ họ tên)", Style::Italic);
        if !head.signer_name.is_empty() {
            self.merge(row + 7, right, &head.signer_name, Style::Bold);
        }
    }
    /// A table's header row and body from `row`; returns the row after it.
    fn table(&mut self, table: &Table, row: u32, bold_rows: &[usize]) -> u32 {
        for (c, h) in table.head.iter().enumerate() {
            self.text(row, c as u16, h, Style::Header);
        }
        self.body(table, row + 1, bold_rows)
    }
    fn body(&mut self, table: &Table, row: u32, bold_rows: &[usize]) -> u32 {
        for (i, r) in table.rows.iter().enumerate() {
            let style = if bold_rows.contains(&i) { Style::BodyBold } else { Style::Body };
            for (c, v) in r.iter().enumerate() {
                self.put(row + i as u32, c as u16, v.clone(), style);
            }
        }
        row + table.rows.len() as u32
    }
}

impl WardReport {
    /// The report as a spreadsheet.
    pub fn workbook(&self) -> Workbook {
        let head = &self.head;
        let period = self.form_period();
        let mut sheets = vec![];

        let parts: Vec<usize> = self.bieu2.iter().enumerate().filter(|(_, r)| r.depth == 0).map(|(i, _)| i).collect();
        sheets.push(bieu2_sheet("Biểu 2-BTCTW", head, &period, &self.bieu2_table(), &parts));
        let parts: Vec<usize> = self.bieu2b.iter().enumerate().filter(|(_, l)| l.heading).map(|(i, _)| i).collect();
        sheets.push(bieu2b_sheet("Biểu 2B-BTCTW", head, &period, &self.bieu2b_table(), &parts));

        // The pipeline counts, the table per cell and the lists: a title, the table.
        let mut plain = |t: Table, name: &str, widths: Vec<f64>| sheets.push(plain_sheet(name, &head.issuer, &period, &t, widths));
        plain(self.pipeline_table(), "Quần chúng - dự bị", vec![58.0, 12.0, 16.0]);
        plain(self.cells_table(), "Từng chi bộ", vec![9.0, 40.0, 12.0, 10.0, 12.0, 12.0, 11.0, 12.0, 9.0, 13.0]);
        let [admitted, due, overdue] = self.people_tables();
        plain(admitted, "Kết nạp trong kỳ", vec![6.0, 28.0, 36.0, 16.0, 14.0, 14.0]);
        plain(due, "Đến hạn công nhận", vec![6.0, 28.0, 36.0, 14.0, 14.0]);
        plain(overdue, "Quá hạn", vec![6.0, 28.0, 36.0, 40.0, 12.0, 40.0]);
        Workbook { sheets }
    }
}

/// Biểu 2-BTCTW in the form's layout (TT | Tiêu chí | Kỳ này | Cùng kỳ | %), `parts` the rows
/// in bold.
pub(crate) fn bieu2_sheet(name: &str, head: &DocumentHead, period: &str, t: &Table, parts: &[usize]) -> Sheet {
    let mut b = Builder::new(name, vec![6.0, 62.0, 12.0, 14.0, 18.0], false);
    let row = b.form_top(head, BIEU2_FORM.0, BIEU2_FORM.1, period, 4);
    b.merge_rows((row, row + 1), (0, 0), "TT", Style::Header);
    b.merge_rows((row, row + 1), (1, 1), "Tiêu chí", Style::Header);
    b.merge(row, (2, 4), "Thực hiện", Style::Header);
    for (c, h) in t.head[2..].iter().enumerate() {
        b.text(row + 1, c as u16 + 2, h, Style::Header);
    }
    for (c, n) in ["", "1", "2", "3", "4 = 2 × 100 / 3"].iter().enumerate() {
        b.text(row + 2, c as u16, n, Style::Numbering);
    }
    b.sheet.header_rows = row + 3;
    let end = b.body(t, row + 3, parts);
    b.form_footer(head, end + 1, 4);
    b.sheet
}

/// Biểu 2B-BTCTW in the form's layout.
pub(crate) fn bieu2b_sheet(name: &str, head: &DocumentHead, period: &str, t: &Table, parts: &[usize]) -> Sheet {
    let mut b = Builder::new(name, vec![6.0, 40.0, 12.0, 14.0, 12.0], false);
    let row = b.form_top(head, BIEU2B_FORM.0, BIEU2B_FORM.1, period, 4);
    b.sheet.header_rows = row + 1;
    let end = b.table(t, row, parts);
    b.form_footer(head, end + 1, 4);
    b.sheet
}

/// A table under a title: the issuer, the table's title, the period.
pub(crate) fn plain_sheet(name: &str, issuer: &str, period: &str, t: &Table, widths: Vec<f64>) -> Sheet {
    let last = widths.len().saturating_sub(1) as u16;
    let mut b = Builder::new(name, widths, t.head.len() > 6);
    b.merge(0, (0, last), issuer, Style::Bold);
    b.merge(1, (0, last), &t.title.to_uppercase(), Style::Title);
    b.merge(2, (0, last), period, Style::Bold);
    b.sheet.header_rows = 4;
    b.table(t, 3, &[]);
    b.sheet
}

/// Biểu 2-BTCTW's number and title, as its top prints them.
pub const BIEU2_FORM: (&str, &str) = ("Biểu số 2-BTCTW", "THỐNG KÊ ĐẢNG VIÊN MỚI KẾT NẠP");
/// Biểu 2B-BTCTW's number and title.
pub const BIEU2B_FORM: (&str, &str) = ("Biểu số 2B-BTCTW", "ĐẢNG VIÊN MỚI KẾT NẠP CHIA THEO DÂN TỘC, TÔN GIÁO");

impl WardReport {
    /// The period under a form's title: "NĂM 2026", "6 THÁNG ĐẦU NĂM 2026".
    pub fn form_period(&self) -> String {
        self.report.period.label().to_uppercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_ward;
    use crate::overview::View;
    use crate::rules::RuleSets;
    use chrono::NaiveDate;

    fn demo_book() -> (WardReport, Workbook) {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 2, 3, 0, 0).unwrap();
        let data = demo_ward(today, now);
        let rules = RuleSets::builtin().unwrap();
        let calendar = crate::calendar::WorkingCalendar::new(&data.ward.settings.calendar);
        let r = WardReport::compute(&data, &View::from_query("ky=nam-2026", today), today, rules, &calendar);
        let book = r.workbook();
        (r, book)
    }

    fn at(s: &Sheet, row: u32, col: u16) -> Option<&Datum> {
        s.cells.iter().find(|c| c.row == row && c.col == col).map(|c| &c.value)
    }

    #[test]
    fn the_forms_sheets_hold_the_reports_figures_in_the_forms_layout() {
        let (r, book) = demo_book();
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["Biểu 2-BTCTW", "Biểu 2B-BTCTW", "Quần chúng - dự bị", "Từng chi bộ", "Kết nạp trong kỳ", "Đến hạn công nhận", "Quá hạn"]
        );
        assert!(names.iter().all(|n| n.chars().count() <= 31 && !n.contains(['[', ']', ':', '*', '?', '/', '\\'])));
        let s = &book.sheets[0];
        assert_eq!(s.header_rows, 9, "top 6 rows, two header rows, the numbering row");
        assert!(s.merges.iter().any(|m| m.text == "THỐNG KÊ ĐẢNG VIÊN MỚI KẾT NẠP" && (m.first_col, m.last_col) == (0, 4)));
        assert_eq!(at(s, 0, 4), Some(&Datum::Text("Biểu số 2-BTCTW".into())));
        assert_eq!(at(s, 8, 4), Some(&Datum::Text("4 = 2 × 100 / 3".into())));
        // Every row of the form, in order, with this period's and last year's figures as numbers.
        for (i, row) in r.bieu2.iter().enumerate() {
            let y = 9 + i as u32;
            assert_eq!(at(s, y, 1), Some(&Datum::Text(row.label.clone())), "row {i}");
            assert_eq!(at(s, y, 2), Some(&Datum::form(row.this)));
            assert_eq!(at(s, y, 3), Some(&Datum::form(row.last)));
        }
        assert_eq!(at(s, 9, 2), Some(&Datum::Int(i64::from(r.report.admitted.total))));
        assert!(s.merges.iter().any(|m| m.text == "NGƯỜI LẬP BIỂU"));
        assert!(s.merges.iter().any(|m| m.text == r.head.place_date));
        // Codes stay text, leading zeros and all.
        let cells = &book.sheets[3];
        assert_eq!(at(cells, 4, 0), Some(&Datum::Text(r.cells[0].code.clone())));
        assert!(r.cells[0].code.ends_with("01"), "{}", r.cells[0].code);
    }

    #[test]
    fn the_lists_hold_dates_as_dates() {
        let (r, book) = demo_book();
        let s = &book.sheets[4];
        assert_eq!(s.header_rows, 4);
        assert_eq!(s.cells.iter().filter(|c| c.row >= 4 && c.col == 0).count(), r.admitted.len());
        assert!(matches!(at(s, 4, 4), Some(Datum::Date(_))), "the decision date is a date");
    }
}
