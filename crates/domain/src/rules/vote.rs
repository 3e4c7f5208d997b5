//! R-VOTE and T16 (docs/domain.md §2.2–2.3): vote counts, thresholds as exact fractions of the
//! members convened, and repeated failed votes.

use super::{Finding, RuleSet, Threshold};
use crate::model::Vote;

/// Which body votes (R-294 §9.3.2–9.3.4; R-06 §3.6–3.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VotingBody {
    /// Chi bộ: full members convened, ≥ 2/3.
    Cell,
    /// Đảng ủy cơ sở: committee members convened, ≥ 2/3.
    GrassrootsCommittee,
    /// Ban Thường vụ of the deciding committee: > 1/2.
    StandingCommittee,
}

impl VotingBody {
    pub fn threshold(self, rs: &RuleSet) -> &Threshold {
        match self {
            VotingBody::Cell => &rs.cell_vote,
            VotingBody::GrassrootsCommittee => &rs.grassroots_vote,
            VotingBody::StandingCommittee => &rs.decision_vote,
        }
    }
    /// "chi bộ", "đảng ủy cơ sở", "Ban Thường vụ".
    pub fn label(self) -> &'static str {
        match self {
            VotingBody::Cell => "chi bộ",
            VotingBody::GrassrootsCommittee => "đảng ủy cơ sở",
            VotingBody::StandingCommittee => "Ban Thường vụ",
        }
    }
    /// Who is counted: "đảng viên chính thức", "cấp ủy viên", "ủy viên Ban Thường vụ".
    pub fn members_word(self) -> &'static str {
        match self {
            VotingBody::Cell => "đảng viên chính thức",
            VotingBody::GrassrootsCommittee => "cấp ủy viên",
            VotingBody::StandingCommittee => "ủy viên Ban Thường vụ",
        }
    }
}

/// What the vote is about (T16 cites R-294 §4.2.3 for recognition and striking off; for
/// admission the report duty is R-06 §5.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VotePurpose {
    Admission,
    Recognition,
    StrikeOff,
}

/// Inconsistent vote counts: the field at fault and a Vietnamese message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoteError {
    pub field: &'static str,
    pub message: String,
}

/// R-VOTE counts — docs/domain.md §2.3; R-294 §9.3.2–9.3.3.
///
/// `convened` (the denominator: members convened, được triệu tập) must be at least 1,
/// `present ≤ convened`, `yes + no ≤ present`.
pub fn validate_vote(vote: &Vote, body: VotingBody) -> Result<(), VoteError> {
    let who = body.members_word();
    if vote.convened == 0 {
        return Err(VoteError {
            field: "convened", message: format!("Chưa nhập số {who} được triệu tập (phải lớn hơn 0).")
        });
    }
    if vote.present > vote.convened {
        return Err(VoteError {
            field: "present",
            message: format!("Số {who} có mặt ({}) lớn hơn số được triệu tập ({}).", vote.present, vote.convened),
        });
    }
    if u64::from(vote.yes) + u64::from(vote.no) > u64::from(vote.present) {
        return Err(VoteError {
            field: "yes",
            message: format!(
                "Số tán thành ({}) cộng số không tán thành ({}) lớn hơn số {who} có mặt ({}).",
                vote.yes, vote.no, vote.present
            ),
        });
    }
    Ok(())
}

/// Whether the vote reaches the body's threshold (exact integer arithmetic on yes/convened).
pub fn vote_passes(vote: &Vote, body: VotingBody, rs: &RuleSet) -> bool {
    validate_vote(vote, body).is_ok() && body.threshold(rs).passes(vote.yes, vote.convened)
}

/// "8/12 đảng viên chính thức tán thành (cần ít nhất 2/3, tức 8)".
pub fn describe_vote(vote: &Vote, body: VotingBody, rs: &RuleSet) -> String {
    let t = body.threshold(rs);
    let need = t.min_yes(vote.convened).map(|n| format!(", tức {n}")).unwrap_or_default();
    format!("{}/{} {} được triệu tập tán thành (cần {}{need})", vote.yes, vote.convened, body.members_word(), t.label())
}

/// R-VOTE — docs/domain.md §2.3; R-294 §9.3.4; R-06 §3.6b–c, §3.7a.
///
/// **Blocking** `R-VOTE-COUNTS` for inconsistent counts; **Blocking**
/// `R-VOTE-BELOW-THRESHOLD` when fewer than the threshold of the members convened agree:
/// ≥ 2/3 for a cell and a grassroots committee, > 1/2 for the Standing Committee. Used where
/// a passing vote is a precondition (the deciding Standing Committee's ballot).
pub fn check_vote(vote: &Vote, body: VotingBody, rs: &RuleSet) -> Vec<Finding> {
    if let Err(e) = validate_vote(vote, body) {
        return vec![Finding::blocking("R-VOTE-COUNTS", e.message, "R-294 §9.3.2–9.3.3; DOMAIN §2.3 R-VOTE")];
    }
    let t = body.threshold(rs);
    if t.passes(vote.yes, vote.convened) {
        return vec![];
    }
    vec![Finding::blocking(
        "R-VOTE-BELOW-THRESHOLD",
        format!("Biểu quyết của {} chưa đạt: {}.", body.label(), describe_vote(vote, body, rs)),
        t.rule.clone(),
    )]
}

/// T16 — docs/domain.md §2.2 T16; R-294 §4.2.3; R-06 §5.1.
///
/// After a failed lower-level vote (`failed_count` = failed votes so far, this one
/// included): **Warning** `R-VOTE-FAILED-REPORT` — the full result must be reported to the
/// competent committee (R-06 §5.1); from the `failed_votes_report.count`-th (3rd) failure on,
/// **Warning** `R-T16-REPORT-SUPERIOR` instead — report to the directly superior committee,
/// which decides (R-294 §4.2.3 for recognition and striking off). Warnings, because the vote
/// is a fact to record; the user confirms that the report will be made.
pub fn check_failed_vote(vote: &Vote, failed_count: usize, body: VotingBody, purpose: VotePurpose, rs: &RuleSet) -> Vec<Finding> {
    let what = match purpose {
        VotePurpose::Admission => "đề nghị kết nạp",
        VotePurpose::Recognition => "đề nghị công nhận đảng viên chính thức",
        VotePurpose::StrikeOff => "đề nghị xóa tên đảng viên dự bị",
    };
    let limit = rs.failed_votes_report.count as usize;
    if failed_count >= limit {
        let rule = match purpose {
            VotePurpose::Admission => "R-06 §5.1; DOMAIN §2.2 T16".to_string(),
            _ => rs.failed_votes_report.rule.clone(),
        };
        vec![Finding::warning(
            "R-T16-REPORT-SUPERIOR",
            format!(
                "Đây là lần thứ {failed_count} {} biểu quyết {what} không đạt ({}). Phải báo cáo đầy đủ kết quả lên cấp ủy \
                 cấp trên trực tiếp và cấp ủy có thẩm quyền để xem xét, quyết định.",
                body.label(),
                describe_vote(vote, body, rs)
            ),
            rule,
        )]
    } else {
        vec![Finding::warning(
            "R-VOTE-FAILED-REPORT",
            format!(
                "Biểu quyết {what} của {} không đạt ({}; lần thứ {failed_count}). Phải báo cáo đầy đủ kết quả biểu quyết lên \
                 cấp ủy có thẩm quyền.",
                body.label(),
                describe_vote(vote, body, rs)
            ),
            "R-06 §5.1; DOMAIN §2.3 R-VOTE",
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;
    use crate::rules::RuleSets;

    fn rs() -> &'static RuleSet {
        RuleSets::builtin().unwrap().current()
    }

    #[test]
    fn counts_are_validated() {
        let ok = vote(d(2026, 1, 1), 12, 10, 8, 2);
        assert!(validate_vote(&ok, VotingBody::Cell).is_ok());
        assert_eq!(validate_vote(&vote(d(2026, 1, 1), 0, 0, 0, 0), VotingBody::Cell).unwrap_err().field, "convened");
        assert_eq!(validate_vote(&vote(d(2026, 1, 1), 12, 13, 8, 2), VotingBody::Cell).unwrap_err().field, "present");
        assert_eq!(validate_vote(&vote(d(2026, 1, 1), 12, 10, 9, 2), VotingBody::Cell).unwrap_err().field, "yes");
        assert_eq!(check_vote(&vote(d(2026, 1, 1), 12, 13, 8, 2), VotingBody::Cell, rs())[0].code, "R-VOTE-COUNTS");
    }

    #[test]
    fn cell_two_thirds_exactly_passes() {
        // Denominator = convened, not present: 8 of 12 convened passes even with 9 present.
        assert!(vote_passes(&vote(d(2026, 1, 1), 12, 9, 8, 1), VotingBody::Cell, rs()));
        assert!(check_vote(&vote(d(2026, 1, 1), 12, 9, 8, 1), VotingBody::Cell, rs()).is_empty());
        // 7 of 12 fails although 7 of 9 present would be over 2/3.
        assert!(!vote_passes(&vote(d(2026, 1, 1), 12, 9, 7, 2), VotingBody::Cell, rs()));
        let f = check_vote(&vote(d(2026, 1, 1), 12, 9, 7, 2), VotingBody::Cell, rs());
        assert_eq!(f[0].code, "R-VOTE-BELOW-THRESHOLD");
        assert!(f[0].message.contains("7/12"));
        assert!(f[0].message.contains("ít nhất 2/3, tức 8"));
        assert!(vote_passes(&vote(d(2026, 1, 1), 3, 3, 2, 1), VotingBody::Cell, rs()));
        assert!(vote_passes(&vote(d(2026, 1, 1), 9, 9, 6, 3), VotingBody::GrassrootsCommittee, rs()));
        assert!(!vote_passes(&vote(d(2026, 1, 1), 9, 9, 5, 4), VotingBody::GrassrootsCommittee, rs()));
    }

    #[test]
    fn standing_committee_exactly_half_fails() {
        assert!(!vote_passes(&vote(d(2026, 1, 1), 6, 6, 3, 3), VotingBody::StandingCommittee, rs()));
        assert_eq!(check_vote(&vote(d(2026, 1, 1), 6, 6, 3, 3), VotingBody::StandingCommittee, rs())[0].code, "R-VOTE-BELOW-THRESHOLD");
        assert!(vote_passes(&vote(d(2026, 1, 1), 6, 6, 4, 2), VotingBody::StandingCommittee, rs()));
        assert!(vote_passes(&vote(d(2026, 1, 1), 7, 5, 4, 1), VotingBody::StandingCommittee, rs()));
    }

    #[test]
    fn third_failure_triggers_t16() {
        let v = vote(d(2026, 1, 1), 12, 12, 7, 5);
        let f = check_failed_vote(&v, 1, VotingBody::Cell, VotePurpose::Recognition, rs());
        assert_eq!(f[0].code, "R-VOTE-FAILED-REPORT");
        let f = check_failed_vote(&v, 2, VotingBody::Cell, VotePurpose::Recognition, rs());
        assert_eq!(f[0].code, "R-VOTE-FAILED-REPORT");
        let f = check_failed_vote(&v, 3, VotingBody::Cell, VotePurpose::Recognition, rs());
        assert_eq!(f[0].code, "R-T16-REPORT-SUPERIOR");
        assert!(f[0].rule.contains("R-294 §4.2.3"));
        assert!(!f[0].is_blocking());
        let f = check_failed_vote(&v, 3, VotingBody::Cell, VotePurpose::Admission, rs());
        assert!(f[0].rule.contains("R-06 §5.1"));
    }
}
