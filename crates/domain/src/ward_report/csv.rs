//! The report's tables as CSV files that Excel on a Vietnamese Windows opens as columns: UTF-8
//! with a byte-order mark (so the diacritics are read as UTF-8), `;` between fields (the list
//! separator of the Vietnamese regional settings, where `,` is the decimal comma), CRLF line
//! ends, numbers without thousands separators and percentages as decimal-comma numbers, so
//! that Excel reads them as numbers.

use super::WardReport;
use crate::statistics::{FormValue, Ratio};

/// One table as a CSV file: its file name stem and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvFile {
    /// "bieu-2-btctw", "bieu-2b-btctw", "tung-chi-bo", "ket-nap".
    pub stem: &'static str,
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

/// A count as Excel reads a number ("1720").
fn number(n: u32) -> String {
    n.to_string()
}

/// A form value: a count, a mean with a decimal comma ("27,4"), or nothing.
fn value(v: FormValue) -> String {
    match v {
        FormValue::Count(n) => number(n),
        FormValue::Tenths(Some(t)) => format!("{},{}", t / 10, t % 10),
        FormValue::Tenths(None) | FormValue::None => String::new(),
    }
}

/// A percentage as a decimal-comma number ("104,65"), empty when the denominator is 0.
fn percent(r: Ratio) -> String {
    r.percent_text_opt().map(|t| t.trim_end_matches(" %").replace('.', "")).unwrap_or_default()
}

impl WardReport {
    /// Every table of the report as a CSV file.
    pub fn csv_files(&self) -> Vec<CsvFile> {
        let bieu2: Vec<Vec<String>> = self
            .bieu2
            .iter()
            .map(|r| {
                let pct = match (r.this, r.last) {
                    (FormValue::Count(a), FormValue::Count(b)) => percent(Ratio::new(a.into(), b.into())),
                    _ => String::new(),
                };
                vec![r.number.clone(), r.label.clone(), value(r.this), value(r.last), pct]
            })
            .collect();
        let bieu2b: Vec<Vec<String>> = self
            .bieu2b
            .iter()
            .map(|l| vec![l.number.clone(), l.label.clone(), number(l.total), number(l.women), percent(l.share)])
            .collect();
        let cells: Vec<Vec<String>> = self
            .cells
            .iter()
            .map(|c| {
                vec![
                    c.name.clone(),
                    number(c.members_at_start),
                    c.target.map(number).unwrap_or_default(),
                    number(c.admitted),
                    number(c.admitted_year_to_date),
                    percent(c.attainment),
                    number(c.in_pipeline),
                    number(c.probationary),
                    number(c.recognised),
                ]
            })
            .collect();
        let admitted: Vec<Vec<String>> = self
            .admitted
            .iter()
            .enumerate()
            .map(|(i, p)| [vec![(i + 1).to_string(), p.name.clone(), p.cell.clone()], p.details.clone()].concat())
            .collect();
        vec![
            CsvFile {
                stem: "bieu-2-btctw",
                text: to_csv(&["TT", "Tiêu chí", "Kỳ này", "Cùng kỳ năm trước", "(%) kỳ này so với cùng kỳ năm trước"], &bieu2),
            },
            CsvFile {
                stem: "bieu-2b-btctw",
                text: to_csv(&["TT", "Tên dân tộc, tôn giáo", "Tổng số", "Trong đó: nữ", "Tỷ lệ (%)"], &bieu2b),
            },
            CsvFile {
                stem: "tung-chi-bo",
                text: to_csv(
                    &[
                        "Chi bộ",
                        "Đảng viên đầu năm",
                        "Chỉ tiêu năm",
                        "Kết nạp trong kỳ",
                        "Kết nạp từ đầu năm",
                        "% chỉ tiêu",
                        "Đang bồi dưỡng",
                        "Dự bị",
                        "Công nhận chính thức",
                    ],
                    &cells,
                ),
            },
            CsvFile {
                stem: "ket-nap",
                text: to_csv(&["TT", "Họ và tên", "Chi bộ", "Quyết định số", "Ngày quyết định", "Ngày lễ kết nạp"], &admitted),
            },
        ]
    }
}
