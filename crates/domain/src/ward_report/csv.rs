//! The report's tables as CSV files that Excel on a Vietnamese Windows opens as columns: UTF-8
//! with a byte-order mark (so the diacritics are read as UTF-8), `;` between fields (the list
//! separator of the Vietnamese regional settings, where `,` is the decimal comma), CRLF line
//! ends, numbers without thousands separators and percentages as decimal-comma numbers, so
//! that Excel reads them as numbers.

use super::{Datum, WardReport};

/// One table as a CSV file: its file name stem and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvFile {
    /// The table's stem ([`super::Table::stem`]).
    pub stem: &'static str,
    /// The table's title ([`super::Table::title`]).
    pub title: &'static str,
    pub text: String,
}

fn field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A whole CSV text: BOM, `;`-separated, CRLF.
pub fn to_csv(head: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    let line = |cells: Vec<String>| cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(";");
    out.push_str(&line(head.iter().map(|h| h.to_string()).collect()));
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&line(r.clone()));
        out.push_str("\r\n");
    }
    out
}

impl WardReport {
    /// The table `stem` ([`super::TABLE_NAMES`]) as a CSV file.
    pub fn csv_file(&self, stem: &str) -> Option<CsvFile> {
        self.csv_files().into_iter().find(|f| f.stem == stem)
    }

    /// Every table of the report as a CSV file.
    pub fn csv_files(&self) -> Vec<CsvFile> {
        self.tables()
            .into_iter()
            .map(|t| {
                let rows: Vec<Vec<String>> = t.rows.iter().map(|r| r.iter().map(Datum::csv).collect()).collect();
                CsvFile { stem: t.stem, title: t.title, text: to_csv(&t.head, &rows) }
            })
            .collect()
    }
}
