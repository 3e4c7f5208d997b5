//! The ward party organisation (Đảng bộ phường / xã / đặc khu), docs/domain.md §0 and §3.1.

use super::{LocalParams, Occupation, Timestamp, WardId};
use crate::calendar::CalendarSettings;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The level-one unit: since 2025 communes, wards and special zones are the same level and are
/// served alike (R-294 §10.1–10.2). Only the words on screen differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    #[default]
    Phuong,
    Xa,
    DacKhu,
}

impl UnitKind {
    pub const ALL: [UnitKind; 3] = [UnitKind::Phuong, UnitKind::Xa, UnitKind::DacKhu];
    /// "phường", "xã", "đặc khu".
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Phuong => "phường",
            UnitKind::Xa => "xã",
            UnitKind::DacKhu => "đặc khu",
        }
    }
    /// "Đảng bộ phường", "Đảng bộ xã", "Đảng bộ đặc khu".
    pub fn organisation(self) -> String {
        format!("Đảng bộ {}", self.label())
    }
    /// "Đảng ủy phường" …
    pub fn committee(self) -> String {
        format!("Đảng ủy {}", self.label())
    }
    /// "Ban Thường vụ Đảng ủy phường" … — decides admission since 2025 (R-294 §4.3.2b).
    pub fn standing_committee(self) -> String {
        format!("Ban Thường vụ Đảng ủy {}", self.label())
    }
}

/// A committee term (nhiệm kỳ), e.g. 2025–2030.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Term {
    pub start_year: i32,
    pub end_year: i32,
}

impl Term {
    /// What the term check says when the years do not make a term.
    pub const INVALID: &'static str = "Nhiệm kỳ là hai năm, năm kết thúc sau năm bắt đầu, ví dụ 2025 – 2030.";

    /// A term from two years as typed: start between 2000 and 2100, end after start, at most
    /// 10 years long (a committee term is 5 years; 10 leaves room for unusual cases).
    pub fn parse(start: &str, end: &str) -> Result<Term, &'static str> {
        match (start.trim().parse::<i32>(), end.trim().parse::<i32>()) {
            (Ok(a), Ok(b)) if (2000..=2100).contains(&a) && b > a && b - a <= 10 => Ok(Term { start_year: a, end_year: b }),
            _ => Err(Self::INVALID),
        }
    }

    pub fn contains_year(&self, year: i32) -> bool {
        (self.start_year..=self.end_year).contains(&year)
    }
}

#[cfg(test)]
mod tests {
    use super::Term;

    #[test]
    fn terms_parse_from_typed_years() {
        assert_eq!(Term::parse(" 2025", "2030 "), Ok(Term { start_year: 2025, end_year: 2030 }));
        assert_eq!(Term::parse("2030", "2025"), Err(Term::INVALID));
        assert_eq!(Term::parse("2025", "2025"), Err(Term::INVALID));
        assert_eq!(Term::parse("1999", "2004"), Err(Term::INVALID));
        assert_eq!(Term::parse("2025", "2040"), Err(Term::INVALID));
        assert_eq!(Term::parse("hai", "2030"), Err(Term::INVALID));
    }
}

impl Default for Term {
    fn default() -> Self {
        Term { start_year: 2025, end_year: 2030 }
    }
}

/// The ward and its settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ward {
    pub id: WardId,
    /// Short name without the prefix, e.g. "Hòa An".
    pub name: String,
    #[serde(default)]
    pub kind: UnitKind,
    /// The directly superior committee, e.g. "Tỉnh ủy Thái Nguyên".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub superior: String,
    #[serde(default)]
    pub term: Term,
    #[serde(default)]
    pub settings: WardSettings,
    /// What people write in reports (tồn tại, hạn chế; nguyên nhân; phương hướng), one entry per
    /// report ([`ReportNotes::report`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub report_notes: Vec<ReportNotes>,
    #[serde(deserialize_with = "super::iso::timestamp")]
    pub created_at: Timestamp,
    #[serde(deserialize_with = "super::iso::timestamp")]
    pub updated_at: Timestamp,
}

impl Ward {
    /// What was written for the report `report` ([`ReportNotes::report`]).
    pub fn notes_for(&self, report: &str) -> Option<&ReportNotes> {
        self.report_notes.iter().find(|n| n.report == report)
    }
    /// "Đảng bộ phường Hòa An".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.kind.organisation(), self.name)
    }
}

/// What a ward may set for itself: local deadline parameters, days off, alert lead times.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WardSettings {
    /// Local rules (Hanoi's 5 and 25 working days are local, not national): docs/domain.md §2.2.
    #[serde(default)]
    pub local: LocalParams,
    /// Days the ward adds or removes from the working-day calendar.
    #[serde(default)]
    pub calendar: CalendarSettings,
    /// "Due soon" lead time in calendar days for the what-is-due list.
    #[serde(default = "default_due_soon_days")]
    pub due_soon_days: u32,
    /// Development-rate benchmark of NQ 21-NQ/TW, percent per year (docs/domain.md §3.3 item 4) [U].
    #[serde(default = "default_benchmark", deserialize_with = "hundredths")]
    pub development_benchmark: (f64, f64),
    /// The ward's own wording of rows of the statistical forms, by occupation code (and
    /// [`super::ENTERPRISE_HEADING_KEY`] for row 7's heading); rows not listed keep the form's
    /// 2025 wording, which is unconfirmed \[U\].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "super::no_repeated_keys")]
    pub form_labels: BTreeMap<String, String>,
    /// How the printed report looks: header, signature, margins, type.
    #[serde(default, skip_serializing_if = "DocumentSettings::is_default")]
    pub document: DocumentSettings,
}

/// The sections of a report only people can write; never filled in by the app.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportNotes {
    /// The report: its view as the address gives it ("ky=nam-2026",
    /// "ky=nam-2026&pham-vi=chi-bo:cb-01").
    pub report: String,
    /// Tồn tại, hạn chế.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub shortcomings: String,
    /// Nguyên nhân.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub causes: String,
    /// Phương hướng, nhiệm vụ thời gian tới.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub directions: String,
}

impl ReportNotes {
    pub fn is_empty(&self) -> bool {
        self.shortcomings.trim().is_empty() && self.causes.trim().is_empty() && self.directions.trim().is_empty()
    }
}

/// The printed report's header, signature and page (../shared/REPORTS.md §3). An empty text or
/// a missing number takes the default ([`DocumentSettings::DEFAULT_MARGINS_MM`] …, the lines
/// drawn from the ward's names).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentSettings {
    /// "ĐẢNG BỘ TỈNH THÁI NGUYÊN" (default: from the superior committee's name).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub superior_line: String,
    /// "ĐẢNG ỦY PHƯỜNG HÒA AN" (default: from the ward).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub issuer_line: String,
    /// The issuer's symbol after "-BC/": "ĐU".
    #[serde(skip_serializing_if = "String::is_empty")]
    pub symbol: String,
    /// The place before the date (default: the ward's name).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// "T/M BAN THƯỜNG VỤ".
    #[serde(skip_serializing_if = "String::is_empty")]
    pub on_behalf: String,
    /// "BÍ THƯ".
    #[serde(skip_serializing_if = "String::is_empty")]
    pub signer_title: String,
    /// The signer's name, under the space for the signature (empty: left blank).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub signer_name: String,
    /// "Nơi nhận" lines (default: the superior's Organisation Board, the committee, the cells,
    /// the office's file).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
    /// Page margins in millimetres: top, right, bottom, left.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margins_mm: Option<[u32; 4]>,
    /// Body type size in points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font_pt: Option<u32>,
    /// The typeface: "serif" (Times New Roman) or "sans" (Arial).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub font: String,
}

impl DocumentSettings {
    /// Top, right, bottom, left: 20, 15, 20, 30 mm (REPORTS.md §3).
    pub const DEFAULT_MARGINS_MM: [u32; 4] = [20, 15, 20, 30];
    pub const DEFAULT_FONT_PT: u32 = 14;
    pub const DEFAULT_SYMBOL: &'static str = "ĐU";
    pub const DEFAULT_ON_BEHALF: &'static str = "T/M BAN THƯỜNG VỤ";
    pub const DEFAULT_SIGNER_TITLE: &'static str = "BÍ THƯ";
    /// Margins a printer can print and a page can hold, in millimetres.
    pub const MARGIN_RANGE: std::ops::RangeInclusive<u32> = 5..=50;
    /// Type sizes a Party document uses, in points.
    pub const FONT_RANGE: std::ops::RangeInclusive<u32> = 11..=16;

    pub fn is_default(&self) -> bool {
        *self == DocumentSettings::default()
    }
    pub fn margins(&self) -> [u32; 4] {
        self.margins_mm.unwrap_or(Self::DEFAULT_MARGINS_MM)
    }
    pub fn font_size(&self) -> u32 {
        self.font_pt.unwrap_or(Self::DEFAULT_FONT_PT)
    }
    /// The CSS font stack, with fonts a computer here has.
    pub fn font_stack(&self) -> &'static str {
        if self.font == "sans" {
            "Arial, \"Liberation Sans\", \"Noto Sans\", sans-serif"
        } else {
            "\"Times New Roman\", \"Liberation Serif\", \"Noto Serif\", serif"
        }
    }
}

impl WardSettings {
    /// The label of an occupation row as this ward prints it.
    pub fn occupation_label(&self, o: Occupation) -> &str {
        self.form_labels.get(o.code()).map(String::as_str).filter(|s| !s.trim().is_empty()).unwrap_or(o.label())
    }
    /// Row 7's heading as this ward prints it.
    pub fn enterprise_heading(&self) -> &str {
        self.form_labels
            .get(super::ENTERPRISE_HEADING_KEY)
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(super::ENTERPRISE_HEADING)
    }
}

fn default_due_soon_days() -> u32 {
    14
}
/// A pair of percentages read to the hundredth: what a ward can mean by a benchmark, and what
/// writes and reads back exactly (a float of many digits may not, by one unit in the last place).
fn hundredths<'de, D: serde::Deserializer<'de>>(d: D) -> Result<(f64, f64), D::Error> {
    let (a, b) = <(f64, f64)>::deserialize(d)?;
    let round = |x: f64| (x * 100.0).round() / 100.0;
    Ok((round(a), round(b)))
}

fn default_benchmark() -> (f64, f64) {
    (3.0, 4.0)
}

impl Default for WardSettings {
    fn default() -> Self {
        WardSettings {
            local: LocalParams::default(),
            calendar: CalendarSettings::default(),
            due_soon_days: default_due_soon_days(),
            development_benchmark: default_benchmark(),
            form_labels: BTreeMap::new(),
            document: DocumentSettings::default(),
        }
    }
}
