//! Candidates (quần chúng / người vào Đảng) from the source pool to official membership
//! (docs/domain.md §2, §3.1). Identity fields are those the workflow and the statistics need;
//! the CV itself stays on paper (docs/domain.md §5.3).

use super::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: CandidateId,
    /// Full birth name, shown as written ("Nguyễn Văn An"); sorted by given name.
    pub full_name: String,
    pub sex: Sex,
    #[serde(deserialize_with = "super::iso::date")]
    pub birth_date: NaiveDate,
    #[serde(default = "kinh")]
    pub ethnicity: Ethnicity,
    /// "Không" or the religion (R-38 §1.4(9)).
    #[serde(default = "no_religion")]
    pub religion: String,
    pub education: GeneralEducation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<Qualification>,
    pub occupation: Occupation,
    /// Set when a migration could not be sure of the occupation ("cần rà soát nghề nghiệp"): the
    /// ward confirms or corrects it, then the mark goes (docs/file-format.md, version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation_review: Option<OccupationReview>,
    /// Chức danh khoa học (Biểu 2-BTCTW II.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub academic_title: Option<AcademicTitle>,
    /// "Quần chúng vi phạm chính sách dân số, kế hoạch hóa gia đình" (Biểu 2-BTCTW I).
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub population_policy_violation: bool,
    /// "Có quan hệ hôn nhân với người nước ngoài" (Biểu 2-BTCTW I).
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub foreign_marriage: bool,
    /// Residential area (tổ dân phố / thôn) where the person lives.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub residence: String,
    /// The cell that follows and will vote on the candidate.
    pub cell_id: CellId,
    /// Source organisations that introduced the person (nguồn).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceOrg>,
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub youth_union_member: bool,
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub trade_union_member: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<TargetGroup>,
    /// Education exception of R-EDU, if it applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_exception: Option<AreaException>,
    /// Set for a re-admission (kết nạp lại, R-READMIT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readmission: Option<Readmission>,
    /// Written consents of the provincial Standing Committee (over 60, village elder,
    /// re-admission, special cases).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<Consent>,
    /// Where the candidate is in the pipeline (docs/domain.md §2.1).
    pub stage: Stage,
    /// The workflow record of every step (docs/domain.md §2.2).
    #[serde(default, skip_serializing_if = "super::is_default")]
    pub process: Process,
    /// Every transition, in order, with the rule set that applied and whether it was late.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<StepRecord>,
    #[serde(deserialize_with = "super::iso::timestamp")]
    pub created_at: Timestamp,
    #[serde(deserialize_with = "super::iso::timestamp")]
    pub updated_at: Timestamp,
}

/// Why an occupation needs a look (set by the v1 → v2 migration).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccupationReview {
    /// The old value as it was shown, e.g. "Cán bộ, công chức".
    pub was: String,
    /// Why the new row was chosen, in Vietnamese.
    pub reason: String,
}

fn kinh() -> Ethnicity {
    Ethnicity::KINH
}
fn no_religion() -> String {
    "Không".into()
}

impl Candidate {
    /// The given name (last word), the key of Vietnamese name order.
    pub fn given_name(&self) -> &str {
        self.full_name.split_whitespace().next_back().unwrap_or("")
    }
    /// Age in whole months on `date` (R-AGE counts months).
    pub fn age_months_on(&self, date: NaiveDate) -> i32 {
        crate::dates::months_between(self.birth_date, date)
    }
    pub fn has_consent(&self, kind: ConsentKind) -> bool {
        self.consents.iter().any(|c| c.kind == kind)
    }
}

/// Provincial Standing Committee consents (R-294 §1.1.2, §1.2, §3.5.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    /// Over 60 (R-AGE).
    Over60,
    /// Village elder with the education exception (R-EDU).
    VillageElder,
    /// Re-admission (R-READMIT).
    Readmission,
    /// Special cases of R-SPECIAL.
    Special,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub kind: ConsentKind,
    pub document: DocRef,
}

/// How a former member left the Party (R-294 §3.5; R-READMIT).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaveReason {
    /// Xin ra Đảng vì hoàn cảnh gia đình đặc biệt khó khăn — may be re-admitted.
    ResignedHardship,
    /// Xin ra Đảng for other reasons — never re-admitted.
    Resigned,
    /// Bỏ sinh hoạt Đảng — never re-admitted.
    DroppedOut,
    /// Gây mất đoàn kết nội bộ nghiêm trọng — never re-admitted.
    SeriousDisunity,
    /// Convicted of corruption — never re-admitted.
    Corruption,
    /// Convicted of a serious crime or worse — never re-admitted.
    SeriousCrime,
    /// Convicted of a less serious crime (record cleared): 60 months after clearance.
    MinorCrime,
    /// Struck off or expelled for other reasons.
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readmission {
    #[serde(deserialize_with = "super::iso::date")]
    pub left_on: NaiveDate,
    pub reason: LeaveReason,
    /// For `MinorCrime`: the date the criminal record was cleared (xóa án tích).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::iso::date_opt")]
    pub record_cleared_on: Option<NaiveDate>,
    /// Re-admission is allowed only once.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub readmitted_before: bool,
}

/// The workflow record: one optional entry per step of docs/domain.md §2.2, filled as the
/// candidate moves on. Votes keep every attempt (T16 counts failed ones).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Process {
    /// NGUON: added to the source pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_pool: Option<SourceEntry>,
    /// T1: cell resolution recognising the person as a sympathiser (cảm tình Đảng).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sympathiser: Option<Sympathiser>,
    /// T2: proposed for the awareness class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_proposal: Option<ClassProposal>,
    /// T2: the awareness class certificate (valid 60 months, R-CERT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<Certificate>,
    /// T3: decision allowing the admission procedure (được làm thủ tục xem xét kết nạp).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission: Option<DocRef>,
    /// T4: the dossier and its introduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dossier: Option<Dossier>,
    /// T5: verification requests (thẩm tra lý lịch), one per person or place verified.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verifications: Vec<Verification>,
    /// T6: CV certified by the committee, with the political-standard conclusion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cv_certification: Option<CvCertification>,
    /// T7: opinions of mass organisations and the residence cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opinions: Option<Opinions>,
    /// T8: cell votes on admission (every attempt).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cell_votes: Vec<Vote>,
    /// Date the dossier was sent up after the cell resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::iso::date_opt")]
    pub sent_up_on: Option<NaiveDate>,
    /// T9: grassroots committee votes (cells inside a đảng bộ cơ sở).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grassroots_votes: Vec<Vote>,
    /// T10: the Standing Committee's decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// Date the cell received the admission decision (starts the ceremony timer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::iso::date_opt")]
    pub decision_received_on: Option<NaiveDate>,
    /// T11: the admission ceremony; probation runs 12 months from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceremony: Option<Ceremony>,
    /// T12: records after admission.
    #[serde(default, skip_serializing_if = "super::is_default")]
    pub after_admission: AfterAdmission,
    /// T13–T15: review for official membership.
    #[serde(default, skip_serializing_if = "super::is_default")]
    pub recognition: Recognition,
    /// Exits: withdrawn, moved away, struck off, decision cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit: Option<Exit>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceEntry {
    #[serde(deserialize_with = "super::iso::date")]
    pub date: NaiveDate,
    /// Who proposed the person (a mass organisation or a member).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub proposed_by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sympathiser {
    /// Resolution number and date (= ngày được xét là cảm tình Đảng).
    pub resolution: DocRef,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub proposed_by: String,
    /// Members assigned by the cell to help (R-38 §1.1d).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub helpers: Vec<MemberId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassProposal {
    #[serde(deserialize_with = "super::iso::date")]
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_id: Option<ClassId>,
}

/// A class certificate (awareness or new-member).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    #[serde(deserialize_with = "super::iso::date")]
    pub issued_on: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub issuer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_id: Option<ClassId>,
}

/// A union that may introduce with a resolution plus one member (R-INTRO).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnionBody {
    /// Ban Chấp hành Đoàn cơ sở (or the ward Youth Union Standing Committee).
    DoanThanhNien,
    /// Ban Chấp hành Công đoàn cơ sở.
    CongDoan,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnionIntroduction {
    pub body: UnionBody,
    pub resolution: DocRef,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Introducer {
    pub member_id: MemberId,
    /// Since when the introducer has worked, studied or lived with the applicant in the same
    /// unit (R-INTRO: at least 12 months).
    #[serde(deserialize_with = "super::iso::date")]
    pub together_since: NaiveDate,
    /// Assigned by the cell to replace an introducer who moved or cannot continue: the
    /// 12-month rule does not apply (R-294 §3.2.2).
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub replacement: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dossier {
    /// Date the dossier was created (R-DOCAGE counts 12 months from it).
    #[serde(deserialize_with = "super::iso::date")]
    pub opened_on: NaiveDate,
    /// Youth Union / Trade Union resolution, if the introduction is by a union.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub union_introduction: Option<UnionIntroduction>,
    /// Member introducers: two, or one with a union resolution.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub introducers: Vec<Introducer>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// Who is verified, e.g. "Bản thân", "Bố", "Mẹ", "Vợ".
    pub subject: String,
    /// The committee or place asked.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    #[serde(deserialize_with = "super::iso::date")]
    pub sent_on: NaiveDate,
    /// Abroad: 90 working days instead of 30 (R-06 §3.4d).
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub abroad: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::iso::date_opt")]
    pub returned_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CvCertification {
    #[serde(deserialize_with = "super::iso::date")]
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signer: String,
    /// Conclusion "đủ điều kiện" (political standard included, R-POLITICAL) — the conclusion
    /// only, never the facts.
    pub eligible: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opinions {
    #[serde(deserialize_with = "super::iso::date")]
    pub date: NaiveDate,
    /// Organisations consulted (mass organisations, residence cell).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<String>,
}

/// The Standing Committee's decision (T10) or the recognition decision (T14).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub document: DocRef,
    /// The Standing Committee's ballot (> 1/2, R-06 §3.7a), when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<Vote>,
    pub approved: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ceremony {
    #[serde(deserialize_with = "super::iso::date")]
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// Held after 30 working days with the superior committee's consent (R-294 §4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_consent: Option<DocRef>,
    /// Members assigned to help during probation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub helpers: Vec<MemberId>,
}

/// T12: the member's records after admission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AfterAdmission {
    /// Lý lịch đảng viên (1-HSĐV) and Phiếu đảng viên (2-HSĐV) completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::iso::date_opt")]
    pub member_records_on: Option<NaiveDate>,
    /// Số lý lịch đảng viên, e.g. "000123TN".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub record_number: String,
    /// Entered into the central party-member database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::iso::date_opt")]
    pub database_entry_on: Option<NaiveDate>,
    /// New-member class certificate (R-06 §4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_member_certificate: Option<Certificate>,
}

/// T13–T15: review for official membership at the end of probation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Recognition {
    /// Self-review (written after the 12 months).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::iso::date_opt")]
    pub self_review_on: Option<NaiveDate>,
    /// Helper's evaluation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::iso::date_opt")]
    pub helper_report_on: Option<NaiveDate>,
    /// Opinions of mass organisations and residence cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::iso::date_opt")]
    pub opinions_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cell_votes: Vec<Vote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grassroots_votes: Vec<Vote>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

/// Ways out of the pipeline (docs/domain.md §2.1 "Exits").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExitKind {
    /// Rút khỏi danh sách (withdrawn from the list).
    Withdrawn,
    /// Chuyển đi (moved away; T17).
    MovedAway,
    /// Xóa tên đảng viên dự bị (T15).
    StruckOff,
    /// Hủy quyết định kết nạp (T18).
    DecisionCancelled,
}

impl ExitKind {
    pub fn label(self) -> &'static str {
        match self {
            ExitKind::Withdrawn => "Rút khỏi danh sách",
            ExitKind::MovedAway => "Chuyển đi",
            ExitKind::StruckOff => "Xóa tên đảng viên dự bị",
            ExitKind::DecisionCancelled => "Hủy quyết định kết nạp",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exit {
    pub kind: ExitKind,
    #[serde(deserialize_with = "super::iso::date")]
    pub date: NaiveDate,
    /// Short reason as the user writes it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocRef>,
    /// For a move: the unit the person moved to.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub destination: String,
}
