//! The statistics of the 6-month and annual reports (docs/domain.md §3.3), for any [`Period`] and
//! any [`Scope`]. Counts are exact integers; ratios are [`Ratio`]s that the UI formats with
//! [`crate::text`].
//!
//! | docs/domain.md §3.3 item | here |
//! |---|---|
//! | 1 admitted + breakdowns | [`admission_date`], [`Breakdown`], [`admitted_breakdown`], [`Report::admitted`] |
//! | 2 target attainment | [`target_value`], [`Attainment`], [`Report::year_target`] |
//! | 3 same-period comparison | [`SamePeriod`], [`Report::same_period`] |
//! | 4 development rate | [`members_at_start_of_year`], [`DevelopmentRate`], [`development_rate`] |
//! | 5 conversion rate of sources | [`entry_date`], [`Conversion`], [`Report::conversion`] |
//! | 6 Youth Union share | [`Report::youth_union_share`] |
//! | 7 coverage | [`Coverage`], [`Report::coverage`], [`Report::cells`] |
//! | 8 pipeline snapshot | [`PipelineSnapshot`], [`pipeline_snapshot`], [`Movements`] |
//! | 9 term progress | [`TermProgress`], [`Report::term`] |
//!
//! The one entry point is [`Report::compute`]: a single pass over the candidates with no
//! allocation per candidate (10 000 candidates in well under a millisecond in release).
//!
//! Definitions marked **\[U\]** are assumptions (docs/domain.md legend) kept in one function each so
//! they are easy to change.

mod breakdown;
mod forms;
mod period;
mod ratio;
mod report;
mod scope;
mod snapshot;
mod targets;

#[cfg(test)]
mod tests;

pub use breakdown::*;
pub use forms::*;
pub use period::*;
pub use ratio::*;
pub use report::*;
pub use scope::Scope;
pub use snapshot::*;
pub use targets::*;

use crate::model::{Candidate, ExitKind, SourceOrg, TargetGroup, RELIGIONS};
use crate::text;
use chrono::NaiveDate;

/// **Admitted (kết nạp mới), docs/domain.md §3.3 item 1 — \[U\].** The date that makes a candidate
/// "admitted": the date of the Standing Committee's admission decision (T10, quyết định kết
/// nạp; party age also counts from it, R-294 §4.5.1) when the decision approved the admission.
/// A decision later cancelled (T18, hủy quyết định kết nạp: an exit of kind
/// `DecisionCancelled`) does not count, *whatever the report period* — recomputing an old
/// report after a cancellation gives the corrected figure. A probationary member struck off
/// later (T15) or who moved away still counts as admitted on the decision date.
/// Re-admissions (kết nạp lại) count as admissions (also tallied in
/// [`Breakdown::readmissions`]).
pub fn admission_date(c: &Candidate) -> Option<NaiveDate> {
    let decision = c.process.decision.as_ref()?;
    if !decision.approved {
        return None;
    }
    if c.process.exit.as_ref().is_some_and(|e| e.kind == ExitKind::DecisionCancelled) {
        return None;
    }
    Some(decision.document.date)
}

/// **Introduced (giới thiệu), docs/domain.md §3.3 item 5 — \[U\].** The date a candidate entered the
/// pipeline: added to the source pool (quần chúng ưu tú), or, without that record, recognised
/// as a sympathiser (ngày được xét là cảm tình Đảng). The conversion rate of a period divides
/// the admissions of the period by the entries of the same period (the way docs/domain.md §3.4
/// reads the Quảng Trị figure: 2,945 admitted of 8,034 introduced in 2019–2022), not a cohort.
pub fn entry_date(c: &Candidate) -> Option<NaiveDate> {
    c.process.source_pool.as_ref().map(|s| s.date).or_else(|| c.process.sympathiser.as_ref().map(|s| s.resolution.date))
}

/// **High-school student (học sinh THPT), §3.3 item 1 — \[U\].** Flagged in the target group
/// "Học sinh THPT" (model "Đảng viên tuổi 18") or introduced from the source "Học sinh THPT".
pub fn is_high_school_student(c: &Candidate) -> bool {
    c.groups.contains(&TargetGroup::HocSinhThpt) || c.sources.contains(&SourceOrg::HocSinhThpt)
}

/// Whole years of age on `date` (counted in months like R-AGE, then ÷ 12).
pub fn age_years_on(c: &Candidate, date: NaiveDate) -> i32 {
    c.age_months_on(date).div_euclid(12)
}

/// Common other spellings of the religions of [`RELIGIONS`] (compared accent-insensitively).
const RELIGION_ALIASES: [(&str, &str); 6] = [
    ("Thiên Chúa giáo", "Công giáo"),
    ("Đạo Thiên Chúa", "Công giáo"),
    ("Đạo Phật", "Phật giáo"),
    ("Hòa Hảo", "Phật giáo Hòa Hảo"),
    ("Đạo Tin Lành", "Tin Lành"),
    ("Đạo Cao Đài", "Cao Đài"),
];

/// Position of a candidate's religion in [`RELIGIONS`] for the breakdown by religion:
/// 0 = "Không" (also an empty field, "-", "không có", "không tôn giáo", "không theo đạo" …); a
/// known religion or alias; otherwise
/// the position of "Khác". Accent- and case-insensitive, no allocation.
pub fn religion_index(religion: &str) -> usize {
    // Fast path: the value as chosen from the dropdown.
    if let Some(i) = RELIGIONS.iter().position(|x| *x == religion) {
        return i;
    }
    let r = religion.trim();
    let other = RELIGIONS.iter().position(|x| *x == "Khác").unwrap_or(RELIGIONS.len().saturating_sub(1));
    const NONE: [&str; 7] =
        ["không", "không có", "không tôn giáo", "không theo tôn giáo", "không theo tôn giáo nào", "không theo đạo", "không có đạo"];
    if r.is_empty() || r == "-" || NONE.iter().any(|n| text::fold_eq(r, n)) {
        return 0;
    }
    if let Some(i) = RELIGIONS.iter().position(|x| text::fold_eq(r, x)) {
        return i;
    }
    RELIGION_ALIASES
        .iter()
        .find(|(alias, _)| text::fold_eq(r, alias))
        .and_then(|(_, name)| RELIGIONS.iter().position(|x| x == name))
        .unwrap_or(other)
}

/// End of probation: the same day 12 calendar months after the ceremony (R-06 §4.2;
/// the exact day convention is docs/domain.md §6 open point 3 — \[U\]).
pub fn probation_end(ceremony: NaiveDate) -> NaiveDate {
    crate::dates::add_months(ceremony, 12)
}

/// Date of an approved recognition decision (T14), if any.
pub fn recognition_date(c: &Candidate) -> Option<NaiveDate> {
    c.process.recognition.decision.as_ref().filter(|d| d.approved).map(|d| d.document.date)
}

/// A trait of the admitted that the dashboard shows as a share, with the definition the
/// breakdown counts it by ([`Breakdown`]); the candidate list filters by the same test so that
/// a share's list has the share's count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AdmittedTrait {
    /// Nữ.
    Women,
    /// Đoàn viên Đoàn TNCS Hồ Chí Minh.
    YouthUnion,
    /// Dân tộc thiểu số ([`crate::model::Ethnicity::is_minority`]).
    Minority,
    /// Người theo tôn giáo (a religion other than "Không", [`religion_index`]).
    Religious,
    /// 18–30 on the decision date (the first band of the form, [`form_age_index`]).
    Young,
}

impl AdmittedTrait {
    pub const ALL: [AdmittedTrait; 5] =
        [AdmittedTrait::Women, AdmittedTrait::YouthUnion, AdmittedTrait::Minority, AdmittedTrait::Religious, AdmittedTrait::Young];
    pub fn label(self) -> &'static str {
        match self {
            AdmittedTrait::Women => "Nữ",
            AdmittedTrait::YouthUnion => "Đoàn viên Đoàn Thanh niên",
            AdmittedTrait::Minority => "Dân tộc thiểu số",
            AdmittedTrait::Religious => "Người theo tôn giáo",
            AdmittedTrait::Young => "Từ 18 đến 30 tuổi",
        }
    }
    /// A stable short code, for a URL.
    pub fn code(self) -> &'static str {
        match self {
            AdmittedTrait::Women => "nu",
            AdmittedTrait::YouthUnion => "doan-vien",
            AdmittedTrait::Minority => "dan-toc-thieu-so",
            AdmittedTrait::Religious => "ton-giao",
            AdmittedTrait::Young => "18-30",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
    /// Whether an admitted candidate, decided on `decided_on`, has the trait.
    pub fn matches(self, c: &Candidate, decided_on: NaiveDate) -> bool {
        match self {
            AdmittedTrait::Women => c.sex == crate::model::Sex::Nu,
            AdmittedTrait::YouthUnion => c.youth_union_member,
            AdmittedTrait::Minority => c.ethnicity.is_minority(),
            AdmittedTrait::Religious => religion_index(&c.religion) != 0,
            AdmittedTrait::Young => form_age_index(age_years_on(c, decided_on)) == 0,
        }
    }
    /// The count of the trait in a breakdown (the same definitions).
    pub fn count(self, b: &Breakdown) -> u32 {
        match self {
            AdmittedTrait::Women => b.women(),
            AdmittedTrait::YouthUnion => b.youth_union,
            AdmittedTrait::Minority => b.minorities(),
            AdmittedTrait::Religious => b.with_religion(),
            AdmittedTrait::Young => b.form_age.first().copied().unwrap_or(0),
        }
    }
}

/// A probationary member on `date` whose 12 months have ended: due (or overdue) for
/// recognition, as [`PipelineSnapshot::due_for_recognition`] counts them.
pub fn due_for_recognition_on(c: &Candidate, date: NaiveDate) -> bool {
    is_probationary_on(c, date) && c.process.ceremony.as_ref().is_some_and(|cer| probation_end(cer.date) <= date)
}

/// The ids of the candidates of `scope` (by the reports' own matcher).
pub fn scope_candidates<'a>(data: &'a crate::model::WardData, scope: &Scope) -> InScope<'a> {
    if *scope == Scope::Ward {
        return InScope { all: true, ids: Default::default() };
    }
    let index = scope::CellIndex::new(&data.cells);
    let matcher = scope::ScopeMatcher::new(scope, data, &index);
    InScope {
        all: false,
        ids: data.candidates.iter().filter(|c| matcher.candidate(c, index.find(&c.cell_id))).map(|c| c.id.as_str()).collect(),
    }
}

/// The candidates of a scope, by id ([`scope_candidates`]): the whole ward without a set.
#[derive(Clone, Debug, Default)]
pub struct InScope<'a> {
    all: bool,
    ids: std::collections::HashSet<&'a str>,
}

impl InScope<'_> {
    pub fn contains(&self, id: &str) -> bool {
        self.all || self.ids.contains(id)
    }
}

/// The admission dates ([`admission_date`]) of the candidates of `scope`, in one pass: the
/// dashboard buckets them by month and by year instead of counting each period anew.
pub fn admission_dates(data: &crate::model::WardData, scope: &Scope) -> Vec<NaiveDate> {
    let index = scope::CellIndex::new(&data.cells);
    let matcher = scope::ScopeMatcher::new(scope, data, &index);
    data.candidates.iter().filter(|c| matcher.candidate(c, index.find(&c.cell_id))).filter_map(admission_date).collect()
}
