//! Versioned rule sets (docs/domain.md §0 "Design consequence", §2.4 "Rule-set versions").
//!
//! The parameters are **data**: `rule_sets.json`, embedded in the crate, parsed into the
//! typed structs below. A case picks the set in force on the date of each step
//! ([`RuleSets::for_date`]); every [`StepRecord`](crate::pipeline::StepRecord) keeps the id
//! of the set applied. A ward's [`LocalParams`](super::LocalParams) apply on top.

use crate::model::SchoolLevel;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::OnceLock;

/// The embedded rule-set file.
pub const RULE_SETS_JSON: &str = include_str!("rule_sets.json");

/// The file format name checked on load.
pub const RULE_SETS_FORMAT: &str = "ptdv-rule-sets";

/// How sure we are of a parameter (the markers of docs/domain.md, top of file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Basis {
    /// Verified in a primary text (shared/rules/).
    V,
    /// Verified only in a secondary source.
    V2,
    /// Assumption to confirm with users (docs/domain.md §6).
    U,
}

/// A deadline counted in working days, with the longest extension allowed "in special cases"
/// (0 = none), e.g. 45 + 15 working days for the admission decision (R-294 §4.3.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkingDayLimit {
    pub working_days: u32,
    pub extension_working_days: u32,
    /// Citation, e.g. "R-294 §4.3.1; docs/domain.md §2.4".
    pub rule: String,
    pub basis: Basis,
}

/// A length counted in calendar months (certificate 60, dossier 12, probation 12 …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthLimit {
    pub months: u32,
    pub rule: String,
    pub basis: Basis,
}

/// Age limits of R-AGE in whole months on the cell-vote date (R-294 §1.1.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeLimits {
    /// Fully 18: 216 months.
    pub min_months: u32,
    /// Fully 60: 720 months; more is "over 60" (R-294 §1.1.2, R-06 §1.1).
    pub max_months: u32,
    pub rule: String,
    pub basis: Basis,
}

/// R-EDU minimum schooling (R-294 §1.2; R-06 §1.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EducationRule {
    pub minimum: SchoolLevel,
    /// Minimum in difficult areas and for fishermen (R-06 §1.2a).
    pub difficult_area_minimum: SchoolLevel,
    pub rule: String,
    pub basis: Basis,
}

/// Youth age for R-INTRO: up to `max_age_years` whole years ("trên 30 tuổi" ends it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YouthAge {
    pub max_age_years: u32,
    pub rule: String,
    pub basis: Basis,
}

/// How a vote threshold compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// "ít nhất", "trở lên": yes / convened ≥ fraction.
    AtLeast,
    /// "trên": yes / convened > fraction.
    MoreThan,
}

/// A vote threshold as an exact fraction of the members convened (R-VOTE, R-294 §9.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub numerator: u32,
    pub denominator: u32,
    pub comparison: Comparison,
    pub rule: String,
    pub basis: Basis,
}

impl Threshold {
    /// Whether `yes` of `convened` reaches the threshold, in exact integer arithmetic.
    /// A vote with nobody convened never passes.
    pub fn passes(&self, yes: u32, convened: u32) -> bool {
        if convened == 0 || self.denominator == 0 {
            return false;
        }
        let lhs = u64::from(yes) * u64::from(self.denominator);
        let rhs = u64::from(self.numerator) * u64::from(convened);
        match self.comparison {
            Comparison::AtLeast => lhs >= rhs,
            Comparison::MoreThan => lhs > rhs,
        }
    }

    /// The smallest number of yes votes that passes with `convened` members, if any.
    pub fn min_yes(&self, convened: u32) -> Option<u32> {
        (0..=convened).find(|&y| self.passes(y, convened))
    }

    /// "ít nhất 2/3" / "trên 1/2".
    pub fn label(&self) -> String {
        match self.comparison {
            Comparison::AtLeast => format!("ít nhất {}/{}", self.numerator, self.denominator),
            Comparison::MoreThan => format!("trên {}/{}", self.numerator, self.denominator),
        }
    }
}

/// A count, e.g. 3 failed votes before the superior committee decides (T16).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountLimit {
    pub count: u32,
    pub rule: String,
    pub basis: Basis,
}

/// R-READMIT waiting times (R-294 §3.5.1b).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadmissionRule {
    /// Months since leaving the Party.
    pub wait_months: u32,
    /// Months since a minor criminal record was cleared (xóa án tích).
    pub after_minor_crime_months: u32,
    pub rule: String,
    pub basis: Basis,
}

/// Who decides admission or recognition for a ward's cells (docs/domain.md §0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityBody {
    /// Before 2025: the district-level standing committee.
    DistrictStandingCommittee,
    /// Since 01/7/2025: the ward (commune, special zone) Standing Committee (R-294 §4.3.2b).
    WardStandingCommittee,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    pub body: AuthorityBody,
    /// The body's name as shown to users.
    pub label: String,
    pub rule: String,
    pub basis: Basis,
}

/// Who issues the awareness-class certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    pub label: String,
    pub rule: String,
    pub basis: Basis,
}

/// Which day the official membership starts (docs/domain.md §6 item 3, \[U\]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfficialDateConvention {
    /// Ceremony 10/3/2025 → official 10/3/2026.
    SameDay,
    /// Ceremony 10/3/2025 → official 09/3/2026 (the last day of the 12 months).
    DayBefore,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialDateRule {
    pub convention: OfficialDateConvention,
    pub rule: String,
    pub basis: Basis,
}

/// One version of the national rules (docs/domain.md §2.4 table "Rule-set versions").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// Stable id stored on each step, e.g. "2025".
    pub id: String,
    pub name: String,
    pub valid_from: NaiveDate,
    /// Last day in force; `null` while in force.
    pub valid_until: Option<NaiveDate>,
    /// The regulation texts of this set.
    pub texts: Vec<String>,
    /// Admission decision after the cell resolution (T10).
    pub admission_decision: WorkingDayLimit,
    /// Recognition decision after the cell resolution (T13).
    pub recognition_decision: WorkingDayLimit,
    /// Ceremony after the decision is received (T11).
    pub ceremony: WorkingDayLimit,
    /// Cell review after the probation ends (T13).
    pub cell_review_after_probation: WorkingDayLimit,
    /// Member CV and sheet after the ceremony (T12).
    pub member_records: WorkingDayLimit,
    /// Reply to a verification request, in the country (T5).
    pub verification_domestic: WorkingDayLimit,
    /// Reply to a verification request abroad (T5).
    pub verification_abroad: WorkingDayLimit,
    /// Awareness certificate validity (R-CERT).
    pub certificate_validity: MonthLimit,
    /// Dossier documents validity (R-DOCAGE).
    pub dossier_validity: MonthLimit,
    /// Probation (T11).
    pub probation: MonthLimit,
    /// Which day is "the end of the 12 months" (T14).
    pub official_date: OfficialDateRule,
    pub age: AgeLimits,
    pub education: EducationRule,
    /// Introducer worked/lived with the applicant at least this long (R-INTRO).
    pub introducer_together: MonthLimit,
    pub youth_age: YouthAge,
    /// Cell threshold (≥ 2/3 of full members convened).
    pub cell_vote: Threshold,
    /// Grassroots committee threshold (≥ 2/3 of committee members).
    pub grassroots_vote: Threshold,
    /// Deciding standing committee threshold (> 1/2).
    pub decision_vote: Threshold,
    /// A grassroots committee authorised to admit (≥ 2/3 of all its members).
    pub authorised_grassroots_vote: Threshold,
    /// Failed lower-level votes before the superior committee decides (T16).
    pub failed_votes_report: CountLimit,
    pub readmission: ReadmissionRule,
    pub admission_authority: Authority,
    pub recognition_authority: Authority,
    pub certificate_issuer: Issuer,
}

impl RuleSet {
    /// Whether the set is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_until.is_none_or(|u| date <= u)
    }
}

/// The file: every version, in order of `valid_from`. Deserializing checks it like
/// [`RuleSets::from_json`], so a `RuleSets` value always holds at least one set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawRuleSets")]
pub struct RuleSets {
    pub format: String,
    pub format_version: u32,
    pub note: String,
    /// Never empty, sorted by `valid_from`; read it with [`RuleSets::sets`].
    sets: Vec<RuleSet>,
}

/// The file as parsed, before the checks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRuleSets {
    format: String,
    format_version: u32,
    #[serde(default)]
    note: String,
    sets: Vec<RuleSet>,
}

impl TryFrom<RawRuleSets> for RuleSets {
    type Error = RuleSetError;
    fn try_from(raw: RawRuleSets) -> Result<RuleSets, RuleSetError> {
        let mut sets = RuleSets { format: raw.format, format_version: raw.format_version, note: raw.note, sets: raw.sets };
        sets.check()?;
        Ok(sets)
    }
}

/// Why a rule-set file could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleSetError {
    /// Not valid JSON or a field missing / of the wrong type.
    Parse(String),
    /// Parsed, but not usable (empty, duplicate ids, bad threshold …).
    Invalid(String),
}

impl fmt::Display for RuleSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleSetError::Parse(m) => write!(f, "Không đọc được bộ quy định: {m}"),
            RuleSetError::Invalid(m) => write!(f, "Bộ quy định không hợp lệ: {m}"),
        }
    }
}

impl std::error::Error for RuleSetError {}

impl RuleSets {
    /// Parse and check a rule-set file. Sets are sorted by `valid_from`.
    pub fn from_json(text: &str) -> Result<RuleSets, RuleSetError> {
        let raw: RawRuleSets = serde_json::from_str(text).map_err(|e| RuleSetError::Parse(e.to_string()))?;
        RuleSets::try_from(raw)
    }

    /// Sorts the sets and checks them: right format, at least one set, unique ids, valid
    /// periods, thresholds and ages.
    fn check(&mut self) -> Result<(), RuleSetError> {
        if self.format != RULE_SETS_FORMAT {
            return Err(RuleSetError::Invalid(format!("định dạng \"{}\" không đúng", self.format)));
        }
        if self.sets.is_empty() {
            return Err(RuleSetError::Invalid("không có bộ quy định nào".into()));
        }
        crate::order::sort_by_key(&mut self.sets, |s| s.valid_from);
        for (i, s) in self.sets.iter().enumerate() {
            if self.sets[..i].iter().any(|o| o.id == s.id) {
                return Err(RuleSetError::Invalid(format!("mã bộ quy định \"{}\" bị trùng", s.id)));
            }
            if let Some(u) = s.valid_until {
                if u < s.valid_from {
                    return Err(RuleSetError::Invalid(format!("bộ \"{}\": ngày hết hiệu lực trước ngày có hiệu lực", s.id)));
                }
            }
            for t in [&s.cell_vote, &s.grassroots_vote, &s.decision_vote, &s.authorised_grassroots_vote] {
                if t.denominator == 0 || t.numerator > t.denominator {
                    return Err(RuleSetError::Invalid(format!(
                        "bộ \"{}\": tỷ lệ biểu quyết {}/{} không hợp lệ",
                        s.id, t.numerator, t.denominator
                    )));
                }
            }
            if s.age.min_months >= s.age.max_months {
                return Err(RuleSetError::Invalid(format!("bộ \"{}\": giới hạn tuổi không hợp lệ", s.id)));
            }
        }
        Ok(())
    }

    /// The embedded sets, parsed once. The embedded file is checked by a unit test, so this
    /// fails only if the file was broken at build time; the caller shows the error.
    pub fn builtin() -> Result<&'static RuleSets, RuleSetError> {
        static BUILTIN: OnceLock<Result<RuleSets, RuleSetError>> = OnceLock::new();
        BUILTIN.get_or_init(|| RuleSets::from_json(RULE_SETS_JSON)).as_ref().map_err(Clone::clone)
    }

    /// The set in force on `date`: the latest whose `valid_from` is on or before it. A date
    /// before every set gets the earliest set (old records keep working).
    pub fn for_date(&self, date: NaiveDate) -> &RuleSet {
        let idx = self.sets.partition_point(|s| s.valid_from <= date);
        // At least one set (checked on construction); index 0 also covers dates before all.
        &self.sets[idx.saturating_sub(1)]
    }

    /// Every version, oldest first.
    pub fn sets(&self) -> &[RuleSet] {
        &self.sets
    }

    /// A set by id (the id stored on a step).
    pub fn get(&self, id: &str) -> Option<&RuleSet> {
        self.sets.iter().find(|s| s.id == id)
    }

    /// The newest set.
    pub fn current(&self) -> &RuleSet {
        &self.sets[self.sets.len().saturating_sub(1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn embedded_file_parses() {
        let sets = RuleSets::builtin().unwrap();
        assert_eq!(sets.sets().len(), 2);
        assert_eq!(sets.sets()[0].id, "2016-2025");
        assert_eq!(sets.sets()[1].id, "2025");
    }

    /// Every field of the typed struct is present in every set of the file (no field is
    /// silently defaulted), and the file has no field the struct does not know.
    #[test]
    fn every_field_is_present_in_every_set() {
        let raw: serde_json::Value = serde_json::from_str(RULE_SETS_JSON).unwrap();
        let sets = RuleSets::builtin().unwrap();
        let typed = serde_json::to_value(sets).unwrap();
        fn keys(v: &serde_json::Value, path: &str, out: &mut BTreeSet<String>) {
            if let serde_json::Value::Object(m) = v {
                for (k, v) in m {
                    let p = format!("{path}.{k}");
                    out.insert(p.clone());
                    keys(v, &p, out);
                }
            }
        }
        let raw_sets = raw["sets"].as_array().unwrap();
        let typed_sets = typed["sets"].as_array().unwrap();
        assert_eq!(raw_sets.len(), typed_sets.len());
        for t in typed_sets {
            let id = t["id"].as_str().unwrap();
            let r = raw_sets.iter().find(|r| r["id"] == id).unwrap();
            let (mut kr, mut kt) = (BTreeSet::new(), BTreeSet::new());
            keys(r, "", &mut kr);
            keys(t, "", &mut kt);
            assert_eq!(kr, kt, "set {id}: fields differ between the file and the struct");
        }
    }

    #[test]
    fn parameters_of_the_domain_table() {
        let s = RuleSets::builtin().unwrap();
        let new = s.get("2025").unwrap();
        let old = s.get("2016-2025").unwrap();
        assert_eq!((new.admission_decision.working_days, new.admission_decision.extension_working_days), (45, 15));
        assert_eq!((old.admission_decision.working_days, old.admission_decision.extension_working_days), (60, 30));
        assert_eq!((new.recognition_decision.working_days, new.recognition_decision.extension_working_days), (30, 15));
        assert_eq!((old.recognition_decision.working_days, old.recognition_decision.extension_working_days), (30, 30));
        for r in [new, old] {
            assert_eq!(r.ceremony.working_days, 30);
            assert_eq!(r.cell_review_after_probation.working_days, 30);
            assert_eq!(r.certificate_validity.months, 60);
            assert_eq!(r.dossier_validity.months, 12);
            assert_eq!(r.verification_domestic.working_days, 30);
            assert_eq!(r.verification_abroad.working_days, 90);
            assert_eq!(r.probation.months, 12);
            assert_eq!((r.age.min_months, r.age.max_months), (216, 720));
            assert_eq!(r.introducer_together.months, 12);
            assert_eq!(r.failed_votes_report.count, 3);
            assert_eq!((r.readmission.wait_months, r.readmission.after_minor_crime_months), (36, 60));
            assert_eq!(r.member_records.working_days, 30);
            assert_eq!((r.cell_vote.numerator, r.cell_vote.denominator, r.cell_vote.comparison), (2, 3, Comparison::AtLeast));
            assert_eq!((r.grassroots_vote.numerator, r.grassroots_vote.denominator), (2, 3));
            assert_eq!((r.decision_vote.numerator, r.decision_vote.denominator, r.decision_vote.comparison), (1, 2, Comparison::MoreThan));
        }
        assert_eq!(new.admission_authority.body, AuthorityBody::WardStandingCommittee);
        assert_eq!(old.admission_authority.body, AuthorityBody::DistrictStandingCommittee);
        assert!(new.certificate_issuer.label.contains("phường"));
        assert!(old.certificate_issuer.label.contains("huyện"));
    }

    #[test]
    fn for_date_picks_the_set_in_force() {
        let s = RuleSets::builtin().unwrap();
        assert_eq!(s.for_date(d(2025, 6, 30)).id, "2016-2025");
        assert_eq!(s.for_date(d(2025, 7, 1)).id, "2025");
        assert_eq!(s.for_date(d(2030, 1, 1)).id, "2025");
        assert_eq!(s.for_date(d(2010, 1, 1)).id, "2016-2025");
        assert!(s.for_date(d(2025, 7, 1)).in_force_on(d(2025, 7, 1)));
        assert!(!s.get("2016-2025").unwrap().in_force_on(d(2025, 7, 1)));
        assert_eq!(s.current().id, "2025");
    }

    #[test]
    fn thresholds_are_exact() {
        let s = RuleSets::builtin().unwrap().current();
        // ≥ 2/3: 2 of 3 passes, 8 of 12 passes, 7 of 12 fails, 0 convened never passes.
        assert!(s.cell_vote.passes(2, 3));
        assert!(s.cell_vote.passes(8, 12));
        assert!(!s.cell_vote.passes(7, 12));
        assert!(!s.cell_vote.passes(0, 0));
        assert!(!s.cell_vote.passes(199_999, 300_000));
        assert!(s.cell_vote.passes(200_000, 300_000));
        // > 1/2: exactly half fails.
        assert!(!s.decision_vote.passes(3, 6));
        assert!(s.decision_vote.passes(4, 6));
        assert!(s.decision_vote.passes(3, 5));
        assert_eq!(s.cell_vote.min_yes(12), Some(8));
        assert_eq!(s.decision_vote.min_yes(6), Some(4));
        assert!(s.cell_vote.passes(u32::MAX, u32::MAX));
        assert_eq!(s.cell_vote.label(), "ít nhất 2/3");
        assert_eq!(s.decision_vote.label(), "trên 1/2");
    }

    #[test]
    fn broken_files_are_rejected_without_panic() {
        assert!(matches!(RuleSets::from_json("{"), Err(RuleSetError::Parse(_))));
        let no_sets = r#"{"format":"ptdv-rule-sets","format_version":1,"sets":[]}"#;
        assert!(matches!(RuleSets::from_json(no_sets), Err(RuleSetError::Invalid(_))));
        // A set with a field missing does not parse.
        let mut v: serde_json::Value = serde_json::from_str(RULE_SETS_JSON).unwrap();
        v["sets"][1].as_object_mut().unwrap().remove("ceremony");
        assert!(matches!(RuleSets::from_json(&v.to_string()), Err(RuleSetError::Parse(_))));
        // Unknown fields are refused too (typos must not pass silently).
        let mut v: serde_json::Value = serde_json::from_str(RULE_SETS_JSON).unwrap();
        v["sets"][1]["ceremony"]["wokring_days"] = serde_json::json!(3);
        assert!(matches!(RuleSets::from_json(&v.to_string()), Err(RuleSetError::Parse(_))));
        let mut v: serde_json::Value = serde_json::from_str(RULE_SETS_JSON).unwrap();
        v["sets"][1]["cell_vote"]["denominator"] = serde_json::json!(0);
        assert!(matches!(RuleSets::from_json(&v.to_string()), Err(RuleSetError::Invalid(_))));
        // Deserializing directly checks too: an empty list never becomes a `RuleSets`.
        assert!(serde_json::from_str::<RuleSets>(no_sets).is_err());
        let round: RuleSets = serde_json::from_str(&serde_json::to_string(RuleSets::builtin().unwrap()).unwrap()).unwrap();
        assert_eq!(&round, RuleSets::builtin().unwrap());
    }
}
