//! The set's forms as a spreadsheet, laid out as data like a ward's report
//! ([`crate::ward_report::Workbook`]): the wards' lines, Biểu 2 and 2B of the whole set, then
//! each ward's own Biểu 2 under its own header. The page sends the set to the spreadsheet
//! writer (the web worker) as a [`rollup_request`]; the worker reads it with the same loader,
//! computes the same [`RollupReport`] and writes the file.

use super::{Rollup, RollupReport};
use crate::overview::View;
use crate::ward_report::{bieu2_sheet, bieu2_table, bieu2b_sheet, bieu2b_table, plain_sheet, DocumentHead, Workbook};
use chrono::{Datelike, NaiveDate};

/// The first line of a roll-up's request (a ward's report request starts with its view).
const ROLLUP: &str = "tong-hop";

/// The message for the set's workbook: the view as an address gives it, the day, then each
/// ward's document (compact JSON: one line each).
pub fn rollup_request(view: &str, today: NaiveDate, documents: &[String]) -> String {
    let mut out = format!("{ROLLUP}\n{view}\n{today}");
    for d in documents {
        out.push('\n');
        out.push_str(d);
    }
    out
}

/// A [`rollup_request`]'s view, day and documents.
pub fn parse_rollup_request(message: &str) -> Option<(&str, NaiveDate, Vec<&str>)> {
    let mut lines = message.split('\n');
    if lines.next()? != ROLLUP {
        return None;
    }
    let (view, today) = (lines.next()?, lines.next()?.parse().ok()?);
    Some((view, today, lines.filter(|l| !l.is_empty()).collect()))
}

/// A sheet's name: at most 31 characters, none of `[]:*?/\`.
pub(super) fn sheet_name(text: &str) -> String {
    text.chars().map(|c| if "[]:*?/\\".contains(c) { '-' } else { c }).take(31).collect()
}

impl RollupReport {
    /// The set's workbook: "Từng đảng bộ" (one line per ward and the total), Biểu 2 and 2B of
    /// the whole set, and one sheet per ward with its own Biểu 2 under its own header.
    pub fn workbook(&self, set: &Rollup, view: &View, today: NaiveDate) -> Workbook {
        let period = Self::view_label(view).to_uppercase();
        let head = DocumentHead {
            superior: String::new(),
            issuer: format!("TỔNG HỢP {} ĐẢNG BỘ", set.wards.len()),
            number: String::new(),
            place_date: format!("Ngày {:02} tháng {:02} năm {}", today.day(), today.month(), today.year()),
            subject: String::new(),
            on_behalf: String::new(),
            // The head of the body that compiles the set signs; its title is written by hand.
            signer_title: String::new(),
            signer_name: String::new(),
            recipients: Vec::new(),
            margins_mm: [20, 15, 20, 30],
            font_pt: 14,
            font_stack: "",
        };
        let parts = |rows: &[crate::ward_report::Bieu2Row3]| {
            rows.iter().enumerate().filter(|(_, r)| r.depth == 0).map(|(i, _)| i).collect::<Vec<_>>()
        };
        let mut sheets = vec![plain_sheet(
            "Từng đảng bộ",
            &head.issuer,
            &period,
            &self.wards_table(),
            vec![34.0, 10.0, 12.0, 12.0, 14.0, 12.0, 14.0, 12.0, 14.0],
        )];
        sheets.push(bieu2_sheet("Biểu 2 - cả tập", &head, &period, &bieu2_table(&self.total.bieu2), &parts(&self.total.bieu2)));
        let b_parts: Vec<usize> = self.bieu2b.iter().enumerate().filter(|(_, l)| l.heading).map(|(i, _)| i).collect();
        sheets.push(bieu2b_sheet("Biểu 2B - cả tập", &head, &period, &bieu2b_table(&self.bieu2b), &b_parts));
        // In the set's order, whatever order the lines were sorted in.
        let lines = set.wards.iter().filter_map(|w| self.wards.iter().find(|l| l.ward_id == w.data.ward.id).map(|l| (w, &l.bieu2)));
        for (i, (w, rows)) in lines.enumerate() {
            let data = &w.data;
            let ward_head = DocumentHead::of(data, view, today);
            let ward_period = view.period(&data.ward.term).label().to_uppercase();
            let name = sheet_name(&format!("{}. {}", i + 1, data.ward.name));
            sheets.push(bieu2_sheet(&name, &ward_head, &ward_period, &bieu2_table(rows), &parts(rows)));
        }
        Workbook { sheets }
    }
}
