//! The report's tables as data: each a title, a header and typed rows ([`Datum`]), so the CSV
//! files, the spreadsheet and the lists on the page write the same figures, a spreadsheet
//! getting numbers as numbers and dates as dates.

use super::{Bieu2Row3, WardReport};
use crate::statistics::Bieu2BLine;
use crate::statistics::{FormValue, Ratio};
use crate::text::{format_date, format_int, format_ratio_percent};
use chrono::NaiveDate;

/// One value in a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Datum {
    Empty,
    /// A text, kept as written (a code's leading zeros included).
    Text(String),
    Int(i64),
    /// A decimal in tenths (a mean age: 274 = 27,4).
    Tenths(u64),
    /// A percentage as numerator and denominator (the denominator is never 0).
    Percent(u64, u64),
    Date(NaiveDate),
}

impl Datum {
    /// A count.
    pub fn int(n: impl Into<i64>) -> Datum {
        Datum::Int(n.into())
    }
    /// A percentage, [`Datum::Empty`] when the denominator is 0.
    pub fn percent(r: Ratio) -> Datum {
        if r.denominator == 0 {
            Datum::Empty
        } else {
            Datum::Percent(r.numerator, r.denominator)
        }
    }
    /// A figure of a statistical form.
    pub fn form(v: FormValue) -> Datum {
        match v {
            FormValue::Count(n) => Datum::int(n),
            FormValue::Tenths(Some(t)) => Datum::Tenths(t),
            FormValue::Tenths(None) | FormValue::None => Datum::Empty,
        }
    }
    /// As shown on the page: "1.720", "27,4", "104,65 %", "02/12/2026".
    pub fn text(&self) -> String {
        match self {
            Datum::Empty => String::new(),
            Datum::Text(s) => s.clone(),
            Datum::Int(n) => format_int(*n),
            Datum::Tenths(t) => format!("{},{}", t / 10, t % 10),
            Datum::Percent(n, d) => format_ratio_percent(*n, *d).unwrap_or_default(),
            Datum::Date(d) => format_date(*d),
        }
    }
    /// As Excel on a Vietnamese Windows reads a number from a CSV file: no thousands
    /// separator, a decimal comma, no "%" ("1720", "27,4", "104,65").
    pub fn csv(&self) -> String {
        match self {
            Datum::Int(n) => n.to_string(),
            Datum::Percent(..) => self.text().trim_end_matches(" %").replace('.', ""),
            _ => self.text(),
        }
    }
}

const BIEU2: (&str, &str) = ("bieu-2-btctw", "Biểu số 2-BTCTW");
const BIEU2B: (&str, &str) = ("bieu-2b-btctw", "Biểu số 2B-BTCTW");
const PIPELINE: (&str, &str) = ("quan-chung-du-bi", "Quần chúng, cảm tình Đảng và đảng viên dự bị");
const CELLS: (&str, &str) = ("tung-chi-bo", "Kết quả từng chi bộ");
const ADMITTED: (&str, &str) = ("ket-nap", "Danh sách đảng viên mới kết nạp trong kỳ");
const DUE: (&str, &str) = ("den-han-cong-nhan", "Đảng viên dự bị đến hạn xét công nhận chính thức");
const OVERDUE: (&str, &str) = ("qua-han", "Việc quá hạn");

/// Every table's file name stem and title, in the report's order ([`WardReport::tables`]).
pub const TABLE_NAMES: [(&str, &str); 7] = [BIEU2, BIEU2B, PIPELINE, CELLS, ADMITTED, DUE, OVERDUE];

/// One table of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The file name stem: BIEU2.0, "tung-chi-bo" …
    pub stem: &'static str,
    pub title: &'static str,
    pub head: Vec<&'static str>,
    pub rows: Vec<Vec<Datum>>,
}

fn text(s: &str) -> Datum {
    Datum::Text(s.to_string())
}

/// Biểu 2-BTCTW as a table: TT, Tiêu chí, Kỳ này, Cùng kỳ năm trước, % (a ward's report or a
/// roll-up of several).
pub fn bieu2_table(rows: &[Bieu2Row3]) -> Table {
    let rows = rows
        .iter()
        .map(|r| {
            let pct = match (r.this, r.last) {
                (FormValue::Count(a), FormValue::Count(b)) => Datum::percent(Ratio::new(a.into(), b.into())),
                _ => Datum::Empty,
            };
            vec![text(&r.number), text(&r.label), Datum::form(r.this), Datum::form(r.last), pct]
        })
        .collect();
    Table {
        stem: BIEU2.0,
        title: BIEU2.1,
        head: vec!["TT", "Tiêu chí", "Kỳ này", "Cùng kỳ năm trước", "(%) kỳ này so với cùng kỳ năm trước"],
        rows,
    }
}

/// Biểu 2B-BTCTW as a table.
pub fn bieu2b_table(lines: &[Bieu2BLine]) -> Table {
    let rows = lines
        .iter()
        .map(|l| vec![text(&l.number), text(&l.label), Datum::int(l.total), Datum::int(l.women), Datum::percent(l.share)])
        .collect();
    Table {
        stem: BIEU2B.0, title: BIEU2B.1, head: vec!["TT", "Tên dân tộc, tôn giáo", "Tổng số", "Trong đó: nữ", "Tỷ lệ (%)"], rows
    }
}

impl WardReport {
    /// Biểu 2-BTCTW as a table ([`bieu2_table`]).
    pub fn bieu2_table(&self) -> Table {
        bieu2_table(&self.bieu2)
    }

    /// Biểu 2B-BTCTW as a table ([`bieu2b_table`]).
    pub fn bieu2b_table(&self) -> Table {
        bieu2b_table(&self.bieu2b)
    }

    /// The pipeline counts the committees are asked for, this period and the same period last year.
    pub fn pipeline_table(&self) -> Table {
        let (a, b) = (&self.pipeline, &self.pipeline_last);
        let rows = [
            ("Số đảng viên dự bị được công nhận chính thức", a.recognised, b.recognised),
            ("Số đảng viên dự bị không được công nhận (xóa tên)", a.not_recognised, b.not_recognised),
            ("Số tổ chức cơ sở đảng không kết nạp được đảng viên", a.organisations_without_admission, b.organisations_without_admission),
            ("Số quần chúng ưu tú được xét là cảm tình Đảng", a.new_sympathisers, b.new_sympathisers),
            ("Số cảm tình Đảng dự lớp bồi dưỡng nhận thức về Đảng", a.class_attendance, b.class_attendance),
        ]
        .into_iter()
        .map(|(label, x, y)| vec![text(label), Datum::int(x), Datum::int(y)])
        .collect();
        Table { stem: PIPELINE.0, title: PIPELINE.1, head: vec!["Chỉ tiêu", "Kỳ này", "Cùng kỳ năm trước"], rows }
    }

    /// The table per cell.
    pub fn cells_table(&self) -> Table {
        let rows = self
            .cells
            .iter()
            .map(|c| {
                vec![
                    text(&c.code),
                    text(&c.name),
                    Datum::int(c.members_at_start),
                    c.target.map(Datum::int).unwrap_or(Datum::Empty),
                    Datum::int(c.admitted),
                    Datum::int(c.admitted_year_to_date),
                    Datum::percent(c.attainment),
                    Datum::int(c.in_pipeline),
                    Datum::int(c.probationary),
                    Datum::int(c.recognised),
                ]
            })
            .collect();
        Table {
            stem: CELLS.0,
            title: CELLS.1,
            head: vec![
                "Mã",
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
            rows,
        }
    }

    /// The three lists of people: admitted, due for recognition, overdue.
    pub fn people_tables(&self) -> [Table; 3] {
        let rows = |people: &[super::PersonLine]| {
            people
                .iter()
                .enumerate()
                .map(|(i, p)| [vec![Datum::int(i as i64 + 1), text(&p.name), text(&p.cell)], p.details.clone()].concat())
                .collect::<Vec<_>>()
        };
        [
            Table {
                stem: ADMITTED.0,
                title: ADMITTED.1,
                head: vec!["TT", "Họ và tên", "Chi bộ", "Quyết định số", "Ngày quyết định", "Ngày lễ kết nạp"],
                rows: rows(&self.admitted),
            },
            Table {
                stem: DUE.0,
                title: DUE.1,
                head: vec!["TT", "Họ và tên", "Chi bộ", "Ngày lễ kết nạp", "Ngày đủ 12 tháng"],
                rows: rows(&self.due_for_recognition),
            },
            Table {
                stem: OVERDUE.0,
                title: OVERDUE.1,
                head: vec!["TT", "Họ và tên", "Chi bộ", "Việc", "Hạn", "Tình trạng"],
                rows: rows(&self.overdue),
            },
        ]
    }

    /// Every table, in the report's order.
    pub fn tables(&self) -> Vec<Table> {
        let mut out = vec![self.bieu2_table(), self.bieu2b_table(), self.pipeline_table(), self.cells_table()];
        out.extend(self.people_tables());
        out
    }
}
