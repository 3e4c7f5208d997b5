//! Where in the pipeline a check runs (docs/domain.md §2.2–2.3).

use crate::model::{Candidate, ConsentKind};
use chrono::NaiveDate;

/// Eligibility is judged on the date the cell votes (R-294 §1.1.1: "tại thời điểm chi bộ xét
/// kết nạp"); the provincial Standing Committee's written consents are needed "before the
/// competent committee issues the admission decision" (R-06 §1.1, §1.2b; R-294 §3.5.1b).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckPoint {
    /// T8, the cell vote on admission.
    CellVote,
    /// T10, the admission decision, issued on `on`.
    Decision { on: NaiveDate },
}

/// Whether `candidate` holds a consent of `kind` usable at `at`: any recorded consent at the
/// cell vote; at the decision, one dated on or before the decision.
pub fn consent_ok(candidate: &Candidate, kind: ConsentKind, at: CheckPoint) -> bool {
    candidate.consents.iter().any(|c| {
        c.kind == kind
            && match at {
                CheckPoint::CellVote => true,
                CheckPoint::Decision { on } => c.document.date <= on,
            }
    })
}
