//! The period and scope of the page, kept in its address so that a view can be bookmarked and
//! sent: `ky` (the period) and `pham-vi` (the scope).
//!
//! | `ky` | period |
//! |---|---|
//! | `nam-2026` | the year |
//! | `6-thang-dau-2026`, `6-thang-cuoi-2026` | a half |
//! | `quy-2-2026` | a quarter |
//! | `thang-5-2026` | a month |
//! | `nhiem-ky` | the ward's term, 1 January of its first year to 31 December of its last |
//! | `2026-01-15..2026-03-31` | any range |
//!
//! `pham-vi`: absent for the ward; `chi-bo:<id>`, `loai:<cell kind>`, `nguon:<source>`.

use crate::model::{code_of, parse_code, CellId, CellKind, SourceOrg, Term, WardData};
use crate::roster::{query_pairs, query_string, RosterQuery};
use crate::statistics::{Half, Period, Quarter, Scope};
use chrono::{Datelike, NaiveDate};

/// The period as chosen (the term is kept as such: its years come from the ward).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodChoice {
    Year(i32),
    Half(i32, Half),
    Quarter(i32, Quarter),
    Month(i32, u32),
    Term,
    /// The first half of the term, for the mid-term review (sơ kết giữa nhiệm kỳ):
    /// [`mid_term_end`].
    MidTerm,
    Range(NaiveDate, NaiveDate),
}

/// The last day the mid-term review counts: 30 June of the term's middle year (2025–2030:
/// 30/06/2027) \[U: a committee sets its own; a custom range covers any other\].
pub fn mid_term_end(term: &Term) -> NaiveDate {
    let year = term.start_year + (term.end_year - term.start_year) / 2;
    NaiveDate::from_ymd_opt(year, 6, 30).unwrap_or(NaiveDate::MIN)
}

/// What the page shows: a period and a scope.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct View {
    pub period: PeriodChoice,
    /// The ward, one cell, a kind of cell, or a source organisation.
    pub scope: Scope,
}

fn year_of(s: &str) -> Option<i32> {
    s.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y))
}

impl PeriodChoice {
    pub fn code(&self) -> String {
        match *self {
            PeriodChoice::Year(y) => format!("nam-{y}"),
            PeriodChoice::Half(y, Half::First) => format!("6-thang-dau-{y}"),
            PeriodChoice::Half(y, Half::Second) => format!("6-thang-cuoi-{y}"),
            PeriodChoice::Quarter(y, q) => format!("quy-{}-{y}", Quarter::ALL.iter().position(|x| *x == q).unwrap_or(0) + 1),
            PeriodChoice::Month(y, m) => format!("thang-{m}-{y}"),
            PeriodChoice::Term => "nhiem-ky".into(),
            PeriodChoice::MidTerm => "giua-nhiem-ky".into(),
            PeriodChoice::Range(a, b) => format!("{a}..{b}"),
        }
    }

    pub fn from_code(code: &str) -> Option<PeriodChoice> {
        match code {
            "nhiem-ky" => return Some(PeriodChoice::Term),
            "giua-nhiem-ky" => return Some(PeriodChoice::MidTerm),
            _ => {}
        }
        if let Some((a, b)) = code.split_once("..") {
            let (a, b) = (a.parse::<NaiveDate>().ok()?, b.parse::<NaiveDate>().ok()?);
            return (a <= b && year_of(&a.year().to_string()).is_some() && year_of(&b.year().to_string()).is_some())
                .then_some(PeriodChoice::Range(a, b));
        }
        if let Some(y) = code.strip_prefix("nam-") {
            return year_of(y).map(PeriodChoice::Year);
        }
        if let Some(y) = code.strip_prefix("6-thang-dau-") {
            return year_of(y).map(|y| PeriodChoice::Half(y, Half::First));
        }
        if let Some(y) = code.strip_prefix("6-thang-cuoi-") {
            return year_of(y).map(|y| PeriodChoice::Half(y, Half::Second));
        }
        if let Some(rest) = code.strip_prefix("quy-") {
            let (q, y) = rest.split_once('-')?;
            let q = Quarter::ALL.get(q.parse::<usize>().ok()?.checked_sub(1)?).copied()?;
            return year_of(y).map(|y| PeriodChoice::Quarter(y, q));
        }
        if let Some(rest) = code.strip_prefix("thang-") {
            let (m, y) = rest.split_once('-')?;
            let m = m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?;
            return year_of(y).map(|y| PeriodChoice::Month(y, m));
        }
        None
    }

    /// The period it means for a ward with `term`.
    pub fn period(&self, term: &Term) -> Period {
        match *self {
            PeriodChoice::Year(y) => Period::year(y),
            PeriodChoice::Half(y, h) => Period::half(y, h),
            PeriodChoice::Quarter(y, q) => Period::quarter(y, q),
            PeriodChoice::Month(y, m) => Period::month(y, m),
            PeriodChoice::Term => Period::term(term),
            PeriodChoice::MidTerm => Period::range(Period::term(term).start(), mid_term_end(term)),
            PeriodChoice::Range(a, b) => Period::range(a, b),
        }
    }

    /// "Năm 2026", "Nhiệm kỳ 2025–2030", "Giữa nhiệm kỳ 2025–2030 (đến 30/06/2027)" …
    pub fn label(&self, term: &Term) -> String {
        match self {
            PeriodChoice::Term => format!("Nhiệm kỳ {}–{}", term.start_year, term.end_year),
            PeriodChoice::MidTerm => {
                format!("Giữa nhiệm kỳ {}–{} (đến {})", term.start_year, term.end_year, crate::text::format_date(mid_term_end(term)))
            }
            _ => self.period(term).label(),
        }
    }

    /// The kind of choice, for the first select: "nam", "6-thang", "quy", "thang", "nhiem-ky",
    /// "giua-nhiem-ky", "tuy-chon".
    pub fn kind(&self) -> &'static str {
        match self {
            PeriodChoice::Year(_) => "nam",
            PeriodChoice::Half(..) => "6-thang",
            PeriodChoice::Quarter(..) => "quy",
            PeriodChoice::Month(..) => "thang",
            PeriodChoice::Term => "nhiem-ky",
            PeriodChoice::MidTerm => "giua-nhiem-ky",
            PeriodChoice::Range(..) => "tuy-chon",
        }
    }

    /// The choice of `kind` that contains `today` (a custom range: 1 January to today).
    pub fn of_kind(kind: &str, today: NaiveDate) -> PeriodChoice {
        let y = today.year();
        match kind {
            "6-thang" => PeriodChoice::Half(y, if today.month() <= 6 { Half::First } else { Half::Second }),
            "quy" => PeriodChoice::Quarter(y, Quarter::ALL[((today.month() - 1) / 3) as usize]),
            "thang" => PeriodChoice::Month(y, today.month()),
            "nhiem-ky" => PeriodChoice::Term,
            "giua-nhiem-ky" => PeriodChoice::MidTerm,
            "tuy-chon" => PeriodChoice::Range(NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(today), today),
            _ => PeriodChoice::Year(y),
        }
    }
}

impl View {
    /// This year, the whole ward.
    pub fn default_for(today: NaiveDate) -> View {
        View { period: PeriodChoice::Year(today.year()), scope: Scope::Ward }
    }

    /// Reads the part of the address after `?`; what is missing or unreadable keeps the default.
    pub fn from_query(query: &str, today: NaiveDate) -> View {
        let mut v = View::default_for(today);
        for (k, val) in query_pairs(query) {
            match k.as_str() {
                "ky" => {
                    if let Some(p) = PeriodChoice::from_code(&val) {
                        v.period = p;
                    }
                }
                "pham-vi" => {
                    if let Some(s) = scope_from_code(&val) {
                        v.scope = s;
                    }
                }
                _ => {}
            }
        }
        v
    }

    /// The query for the address ("ky=nam-2026&pham-vi=chi-bo%3Acb-tdp01").
    pub fn to_query(&self) -> String {
        let mut pairs = vec![("ky", self.period.code())];
        if let Some(s) = scope_code(&self.scope) {
            pairs.push(("pham-vi", s));
        }
        query_string(&pairs)
    }

    pub fn period(&self, term: &Term) -> Period {
        self.period.period(term)
    }

    /// "Năm 2026 · Chi bộ Tổ dân phố số 1".
    pub fn label(&self, data: &WardData) -> String {
        format!("{} · {}", self.period.label(&data.ward.term), self.scope.label(data))
    }

    /// The candidate list's filter for the scope alone.
    pub fn roster_base(&self) -> RosterQuery {
        match &self.scope {
            Scope::Cell { cell_id } => RosterQuery { cell: Some(cell_id.clone()), ..RosterQuery::default() },
            Scope::CellKind { kind } => RosterQuery { cell_kind: Some(*kind), ..RosterQuery::default() },
            Scope::Source { source } => RosterQuery { source: Some(*source), ..RosterQuery::default() },
            Scope::Ward | Scope::Cells { .. } => RosterQuery::default(),
        }
    }
}

/// `chi-bo:<id>`, `loai:<kind>`, `nguon:<source>`; `None` for the ward.
pub fn scope_code(scope: &Scope) -> Option<String> {
    match scope {
        Scope::Ward | Scope::Cells { .. } => None,
        Scope::Cell { cell_id } => Some(format!("chi-bo:{cell_id}")),
        Scope::CellKind { kind } => Some(format!("loai:{}", code_of(*kind))),
        Scope::Source { source } => Some(format!("nguon:{}", code_of(*source))),
    }
}

/// The inverse of [`scope_code`] ("" is the ward).
pub fn scope_from_code(code: &str) -> Option<Scope> {
    if code.is_empty() || code == "dang-bo" {
        return Some(Scope::Ward);
    }
    let (kind, value) = code.split_once(':')?;
    match kind {
        "chi-bo" if !value.is_empty() => Some(Scope::Cell { cell_id: CellId::new(value) }),
        "loai" => parse_code::<CellKind>(value).map(|kind| Scope::CellKind { kind }),
        "nguon" => parse_code::<SourceOrg>(value).map(|source| Scope::Source { source }),
        _ => None,
    }
}
