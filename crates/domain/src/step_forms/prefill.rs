//! The values worth prefilling on a step's form.

use super::*;

/// Values to prefill: the usual answer of a choice (approved, eligible), the cell's full
/// members as the members convened (latest year recorded), the class the candidate took, the
/// helpers and introducers already known. Never a legal date of the step itself (only dates
/// already recorded elsewhere, such as a class's certificate date). May be empty.
pub fn prefill(step: Step, c: &Candidate, data: &WardData) -> Values {
    let mut v = Values::new();
    let mut set = |k: &str, x: String| {
        if !x.trim().is_empty() {
            v.insert(k.to_string(), x);
        }
    };
    let full = |id: &MemberId| data.member(id).is_some_and(|m| m.status.is_full());
    match step {
        Step::Decide | Step::RecognitionDecision => set(keys::APPROVED, "true".into()),
        Step::CertifyCv => set(keys::ELIGIBLE, "true".into()),
        Step::CellVote | Step::RecognitionCellVote | Step::StrikeOffCellVote => {
            // R-VOTE: the denominator is the full members convened; the latest count of the
            // cell's full members is the usual starting point (docs/domain.md §2.3).
            let latest = data.cell(&c.cell_id).and_then(|cell| cell.members_by_year.values().next_back().copied());
            if let Some(y) = latest.filter(|y| y.full_members > 0) {
                set(keys::CONVENED, y.full_members.to_string());
            }
        }
        Step::ProposeClass => {
            if let Some((class, _)) = class_taken(c, data, ClassKind::NhanThuc) {
                set(keys::CLASS_ID, class.id.to_string());
            }
        }
        Step::RecordCertificate => {
            if let Some((class, learner)) = class_taken(c, data, ClassKind::NhanThuc) {
                set(keys::CLASS_ID, class.id.to_string());
                set(keys::NUMBER, learner.certificate_number.clone());
                set(keys::DATE, class.certificate_date.map(format_date).unwrap_or_default());
                set(keys::ISSUER, class.certificate_issuer.clone());
            }
        }
        Step::RecordAfterAdmission => {
            if c.process.after_admission.new_member_certificate.is_none() {
                if let Some((class, learner)) = class_taken(c, data, ClassKind::DangVienMoi) {
                    set(keys::CERTIFICATE_NUMBER, learner.certificate_number.clone());
                    set(keys::CERTIFICATE_DATE, class.certificate_date.map(format_date).unwrap_or_default());
                    set(keys::CERTIFICATE_ISSUER, class.certificate_issuer.clone());
                }
            }
            set(keys::RECORD_NUMBER, c.process.after_admission.record_number.clone());
        }
        Step::HoldCeremony => {
            // The members who helped the sympathiser usually go on helping the new member.
            if let Some(s) = &c.process.sympathiser {
                let ids: Vec<&str> = s.helpers.iter().filter(|id| full(id)).map(MemberId::as_str).collect();
                set(keys::HELPERS, join_multi(&ids));
            }
        }
        Step::OpenDossier => {
            // The helpers usually become the introducers (docs/domain.md §1.2); a Youth Union member
            // is usually introduced by the Youth Union and one member (R-INTRO).
            let helpers: Vec<&MemberId> = c.process.sympathiser.iter().flat_map(|s| &s.helpers).filter(|id| full(id)).collect();
            let n = if c.youth_union_member {
                set(keys::UNION_BODY, union_value(UnionBody::DoanThanhNien).into());
                1
            } else {
                2
            };
            for (k, id) in keys::INTRODUCERS.iter().zip(helpers).take(n) {
                set(k.id, id.to_string());
            }
        }
        Step::RenewDossier => {
            // Renewed letters are usually from the same introducers (R-DOCAGE).
            if let Some(d) = &c.process.dossier {
                if let Some(u) = &d.union_introduction {
                    set(keys::UNION_BODY, union_value(u.body).into());
                }
                for (k, i) in keys::INTRODUCERS.iter().zip(&d.introducers) {
                    set(k.id, i.member_id.to_string());
                    set(k.since, format_date(i.together_since));
                    if i.replacement {
                        set(k.replacement, "true".into());
                    }
                }
            }
        }
        Step::ReturnVerification => {
            if let [(i, _)] = verification_options(c).as_slice() {
                set(keys::VERIFICATION, i.clone());
            }
        }
        // Nothing usual to offer: dates, numbers and reasons are the step's own.
        Step::AddToSourcePool
        | Step::RecogniseSympathiser
        | Step::GrantPermission
        | Step::SendVerification
        | Step::CollectOpinions
        | Step::GrassrootsVote
        | Step::RecognitionGrassrootsVote
        | Step::StrikeOffGrassrootsVote
        | Step::SendUp
        | Step::ReceiveDecision
        | Step::StartRecognition
        | Step::StrikeOff
        | Step::Withdraw
        | Step::MoveAway
        | Step::CancelDecision => {}
    }
    v
}

/// The latest class of `kind` the candidate took (with a certificate, or passed), with the
/// candidate's learner record.
fn class_taken<'d>(c: &Candidate, data: &'d WardData, kind: ClassKind) -> Option<(&'d crate::model::Class, &'d crate::model::Learner)> {
    let proposed = c.process.class_proposal.as_ref().and_then(|p| p.class_id.as_ref());
    data.classes
        .iter()
        .filter(|k| k.kind == kind)
        .filter_map(|k| {
            let l = k.learners.iter().find(|l| l.candidate_id == c.id)?;
            let passed = l.result == Some(ClassResult::Dat) || !l.certificate_number.trim().is_empty();
            passed.then_some((k, l))
        })
        // The proposed class first, then the latest.
        .max_by_key(|(k, _)| (Some(&k.id) == proposed, k.start))
}
