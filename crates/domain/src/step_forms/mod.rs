//! The next-step form as data (DOMAIN.md §2.2, column "Data to record"): for each [`Step`]
//! the [`Field`]s it asks ([`fields`]), the values worth prefilling ([`prefill`]), the
//! [`Action`] read back from the typed values ([`build`]), where an error of
//! [`apply`](crate::pipeline::apply) belongs on the form ([`field_key`]), and the legal deadline the
//! step would meet ([`step_deadline`], DOMAIN.md §2.4).
//!
//! [`build`] only checks the form: required fields typed, dates and numbers readable, vote
//! counts coherent (`yes + no ≤ present ≤ convened`, R-VOTE counts). Every rule of DOMAIN.md
//! §2.3 (thresholds, R-INTRO, ages, certificates …) stays in [`apply`](crate::pipeline::apply).
//!
//! Field keys are shared by every step (the UI and its end-to-end tests rely on them):
//! * one document: `number`, `date`, `signer`; `date` is also the legal date of the steps
//!   that record only a date (opened on, sent on, returned on, self-review …);
//! * a vote: the document plus `convened`, `present`, `yes`, `no`; a decision: `approved`
//!   and the Standing Committee's optional ballot with the same four keys;
//! * people: `proposed_by`, `helpers`, `introducer1`/`introducer2` with `…_since` and
//!   `…_replacement`, the union introduction `union_body`, `union_number`, `union_date`;
//! * the others name their own data (`class_id`, `issuer`, `subject`, `place`, `abroad`,
//!   `verification`, `eligible`, `organisations`, `late_consent_number`, `late_consent_date`,
//!   `destination`, `reason`, `cancel_reason`, `note`, the after-admission records and the
//!   recognition dates).

use crate::deadlines::{timers, Timer, TimerKind};
use crate::form::{join_multi, Field, FieldError, FieldKind, Reader, Values};
use crate::model::{
    Candidate, Ceremony, Certificate, ClassId, ClassKind, ClassResult, CvCertification, Decision, DocRef, Introducer, MemberId, Opinions,
    UnionBody, UnionIntroduction, Vote, WardData,
};
use crate::pipeline::{Action, CancelReason, Step};
use crate::rules::{validate_vote, RuleContext, RuleSets, VotingBody};
use crate::text::format_date;
use chrono::NaiveDate;

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

/// The fields the form for `step` asks: exactly what DOMAIN.md §2.2 says the step records.
/// The choices come from the ward (full members, classes) and from the candidate (the
/// verification requests still waiting for a reply).
pub fn fields(step: Step, c: &Candidate, data: &WardData) -> Vec<Field> {
    form(step, &Options::of(step, c, data))
}

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
        Step::Decide | Step::RecognitionDecision => set("approved", "true".into()),
        Step::CertifyCv => set("eligible", "true".into()),
        Step::CellVote | Step::RecognitionCellVote | Step::StrikeOffCellVote => {
            // R-VOTE: the denominator is the full members convened; the latest count of the
            // cell's full members is the usual starting point (DOMAIN.md §2.3).
            let latest = data.cell(&c.cell_id).and_then(|cell| cell.members_by_year.values().next_back().copied());
            if let Some(y) = latest.filter(|y| y.full_members > 0) {
                set("convened", y.full_members.to_string());
            }
        }
        Step::ProposeClass => {
            if let Some((class, _)) = class_taken(c, data, ClassKind::NhanThuc) {
                set("class_id", class.id.to_string());
            }
        }
        Step::RecordCertificate => {
            if let Some((class, learner)) = class_taken(c, data, ClassKind::NhanThuc) {
                set("class_id", class.id.to_string());
                set("number", learner.certificate_number.clone());
                set("date", class.certificate_date.map(format_date).unwrap_or_default());
                set("issuer", class.certificate_issuer.clone());
            }
        }
        Step::RecordAfterAdmission => {
            if c.process.after_admission.new_member_certificate.is_none() {
                if let Some((class, learner)) = class_taken(c, data, ClassKind::DangVienMoi) {
                    set("certificate_number", learner.certificate_number.clone());
                    set("certificate_date", class.certificate_date.map(format_date).unwrap_or_default());
                    set("certificate_issuer", class.certificate_issuer.clone());
                }
            }
            set("record_number", c.process.after_admission.record_number.clone());
        }
        Step::HoldCeremony => {
            // The members who helped the sympathiser usually go on helping the new member.
            if let Some(s) = &c.process.sympathiser {
                let ids: Vec<&str> = s.helpers.iter().filter(|id| full(id)).map(MemberId::as_str).collect();
                set("helpers", join_multi(&ids));
            }
        }
        Step::OpenDossier => {
            // The helpers usually become the introducers (DOMAIN.md §1.2); a Youth Union member
            // is usually introduced by the Youth Union and one member (R-INTRO).
            let helpers: Vec<&MemberId> = c.process.sympathiser.iter().flat_map(|s| &s.helpers).filter(|id| full(id)).collect();
            let n = if c.youth_union_member {
                set("union_body", union_value(UnionBody::DoanThanhNien).into());
                1
            } else {
                2
            };
            for (key, id) in ["introducer1", "introducer2"].into_iter().zip(helpers).take(n) {
                set(key, id.to_string());
            }
        }
        Step::RenewDossier => {
            // Renewed letters are usually from the same introducers (R-DOCAGE).
            if let Some(d) = &c.process.dossier {
                if let Some(u) = &d.union_introduction {
                    set("union_body", union_value(u.body).into());
                }
                for (k, i) in INTRODUCERS.iter().zip(&d.introducers) {
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
                set("verification", i.clone());
            }
        }
        _ => {}
    }
    v
}

/// Builds the [`Action`] of `step` from the typed values. Every problem of the form is
/// returned as a [`FieldError`] keyed by the field (Vietnamese message); an error that
/// belongs to no field has the key `""`. Only form checks are made here: the rules run in
/// [`apply`](crate::pipeline::apply).
pub fn build(step: Step, c: &Candidate, values: &Values) -> Result<Action, Vec<FieldError>> {
    let mut f = FormReader::new(step, values);
    let action = match step {
        Step::AddToSourcePool => {
            let date = f.date("date");
            let proposed_by = f.text("proposed_by");
            date.map(|date| Action::AddToSourcePool { date, proposed_by })
        }
        Step::RecogniseSympathiser => {
            let resolution = f.document(true);
            let proposed_by = f.text("proposed_by");
            let helpers = f.members("helpers");
            resolution.map(|resolution| Action::RecogniseSympathiser { resolution, proposed_by, helpers })
        }
        Step::ProposeClass => {
            let date = f.date("date");
            let class_id = f.class_id();
            date.map(|date| Action::ProposeClass { date, class_id })
        }
        Step::RecordCertificate => {
            let number = f.required_text("number");
            let issued_on = f.date("date");
            let issuer = f.text("issuer");
            let class_id = f.class_id();
            issued_on.map(|issued_on| Action::RecordCertificate { certificate: Certificate { number, issued_on, issuer, class_id } })
        }
        Step::GrantPermission => f.document(false).map(|document| Action::GrantPermission { document }),
        Step::OpenDossier | Step::RenewDossier => {
            let date = f.date("date");
            let union_introduction = f.union_introduction();
            let introducers = f.introducers(date);
            date.map(|date| {
                if step == Step::OpenDossier {
                    Action::OpenDossier { opened_on: date, union_introduction, introducers }
                } else {
                    Action::RenewDossier { date, union_introduction, introducers }
                }
            })
        }
        Step::SendVerification => {
            let subject = f.required_text("subject");
            let place = f.text("place");
            let sent_on = f.date("date");
            let abroad = f.r.check("abroad");
            sent_on.map(|sent_on| Action::SendVerification { subject, place, sent_on, abroad })
        }
        Step::ReturnVerification => {
            let index = f.required_choice("verification").and_then(|v| {
                let open = verification_options(c);
                match v.parse::<usize>() {
                    Ok(i) if open.iter().any(|(x, _)| x == v) => Some(i),
                    _ => {
                        f.r.error("verification", "Hãy chọn một yêu cầu thẩm tra chưa có kết quả.");
                        None
                    }
                }
            });
            let returned_on = f.date("date");
            index.zip(returned_on).map(|(index, returned_on)| Action::ReturnVerification { index, returned_on })
        }
        Step::CertifyCv => {
            let date = f.date("date");
            let signer = f.text("signer");
            let eligible = f.yes_no("eligible");
            date.zip(eligible).map(|(date, eligible)| Action::CertifyCv { certification: CvCertification { date, signer, eligible } })
        }
        Step::CollectOpinions => {
            let date = f.date("date");
            let organisations = f.r.lines("organisations");
            date.map(|date| Action::CollectOpinions { opinions: Opinions { date, organisations } })
        }
        Step::CellVote
        | Step::GrassrootsVote
        | Step::RecognitionCellVote
        | Step::RecognitionGrassrootsVote
        | Step::StrikeOffCellVote
        | Step::StrikeOffGrassrootsVote => {
            let resolution = f.document(true);
            let counts = f.counts(voting_body(step).unwrap_or(VotingBody::Cell), true);
            resolution.zip(counts.flatten()).map(|(resolution, n)| {
                let vote = n.vote(resolution);
                match step {
                    Step::CellVote => Action::CellVote { vote },
                    Step::GrassrootsVote => Action::GrassrootsVote { vote },
                    Step::RecognitionCellVote => Action::RecognitionCellVote { vote },
                    Step::RecognitionGrassrootsVote => Action::RecognitionGrassrootsVote { vote },
                    Step::StrikeOffCellVote => Action::StrikeOffCellVote { vote },
                    _ => Action::StrikeOffGrassrootsVote { vote },
                }
            })
        }
        Step::SendUp => f.date("date").map(|date| Action::SendUp { date }),
        Step::ReceiveDecision => f.date("date").map(|date| Action::ReceiveDecision { date }),
        Step::Decide | Step::RecognitionDecision => {
            let approved = f.yes_no("approved");
            // The decision's number is required when approving (apply refuses it otherwise);
            // a refusal is often only a notice.
            let document = f.document(approved == Some(true));
            let ballot = f.counts(VotingBody::StandingCommittee, false);
            match (approved, document, ballot) {
                (Some(approved), Some(document), Some(ballot)) => {
                    let vote = ballot.map(|n| n.vote(document.clone()));
                    let decision = Decision { document, vote, approved };
                    Some(if step == Step::Decide { Action::Decide { decision } } else { Action::RecognitionDecision { decision } })
                }
                _ => None,
            }
        }
        Step::HoldCeremony => {
            let date = f.date("date");
            let place = f.text("place");
            let helpers = f.members("helpers");
            let number = f.text("late_consent_number");
            let consent_on = if number.is_empty() { f.opt_date("late_consent_date") } else { f.date("late_consent_date") };
            let late_consent = consent_on.map(|date| DocRef { number, date, signer: String::new() });
            date.map(|date| Action::HoldCeremony { ceremony: Ceremony { date, place, late_consent, helpers } })
        }
        Step::RecordAfterAdmission => f.after_admission(),
        Step::StartRecognition => {
            let self_review_on = f.date("date");
            let helper_report_on = f.opt_date("helper_report_on");
            let opinions_on = f.opt_date("opinions_on");
            self_review_on.map(|self_review_on| Action::StartRecognition { self_review_on, helper_report_on, opinions_on })
        }
        Step::StrikeOff => {
            let document = f.document(true);
            let ballot = f.counts(VotingBody::StandingCommittee, false);
            let reason = f.required_text("reason");
            document.zip(ballot).map(|(document, ballot)| {
                let vote = ballot.map(|n| n.vote(document.clone()));
                Action::StrikeOff { document, vote, reason }
            })
        }
        Step::Withdraw => {
            let date = f.date("date");
            let reason = f.required_text("reason");
            let document = date.and_then(|d| f.optional_document(d));
            date.map(|date| Action::Withdraw { date, reason, document })
        }
        Step::MoveAway => {
            let date = f.date("date");
            let destination = f.required_text("destination");
            let reason = f.text("reason");
            let document = date.and_then(|d| f.optional_document(d));
            date.map(|date| Action::MoveAway { date, destination, reason, document })
        }
        Step::CancelDecision => {
            let document = f.document(true);
            let reason = f.required_choice("cancel_reason").and_then(|v| match cancel_reason_of(v) {
                Some(r) => Some(r),
                None => {
                    f.r.error("cancel_reason", "Lý do hủy không hợp lệ.");
                    None
                }
            });
            let note = f.text("note");
            document.zip(reason).map(|(document, reason)| Action::CancelDecision { document, reason, note })
        }
    };
    f.r.finish(action)
}

/// The form key where the error of [`apply`](crate::pipeline::apply) is shown, from the `field` of
/// [`TransitionError::Invalid`](crate::pipeline::TransitionError) (a path such as
/// `"vote.resolution.date"`). `None` when no field of the step's form matches: the UI shows
/// the message above the form. For [`Step::RecordAfterAdmission`] the path `"date"` is the
/// latest of several dates (or "nothing typed") and has no single field.
pub fn field_key(step: Step, invalid_field: &str) -> Option<&'static str> {
    let key = match invalid_field {
        "date" if step == Step::RecordAfterAdmission => return None,
        "index" => "verification",
        "introducers" => "introducer1",
        "union_introduction" | "union_introduction.body" => "union_body",
        "union_introduction.resolution.number" => "union_number",
        "union_introduction.resolution.date" => "union_date",
        "new_member_certificate.number" => "certificate_number",
        "new_member_certificate.issued_on" => "certificate_date",
        "new_member_certificate.issuer" => "certificate_issuer",
        "ceremony.late_consent.number" => "late_consent_number",
        "ceremony.late_consent.date" => "late_consent_date",
        path => match path.rsplit('.').next().unwrap_or(path) {
            // The legal date of the step, whatever the record calls it.
            "date" | "issued_on" | "opened_on" | "sent_on" | "returned_on" | "self_review_on" => "date",
            "body" => "union_body",
            last => last,
        },
    };
    form(step, &Options::default()).into_iter().map(|f| f.key).find(|k| *k == key)
}

/// The open legal deadline (DOMAIN.md §2.4) that this step would meet: among the candidate's
/// timers not yet done whose kind the step completes, the one due first. `None` when the step
/// has no deadline or none is running.
pub fn step_deadline<'a>(step: Step, c: &'a Candidate, ctx: &RuleContext<'a>) -> Option<Timer<'a>> {
    let kinds = completed_timers(step);
    if kinds.is_empty() {
        return None;
    }
    timers(c, ctx).into_iter().filter(|t| !t.is_done() && kinds.contains(&t.kind)).min_by_key(|t| t.deadline)
}

/// The timers of DOMAIN.md §2.4 that the step completes.
fn completed_timers(step: Step) -> &'static [TimerKind] {
    match step {
        // The cell resolution must come while the certificate and the dossier are valid
        // (R-CERT, R-DOCAGE).
        Step::CellVote => &[TimerKind::CertificateExpiry, TimerKind::DossierStaleness],
        Step::ReturnVerification => &[TimerKind::VerificationReply],
        Step::SendUp => &[TimerKind::SendUp],
        Step::GrassrootsVote => &[TimerKind::GrassrootsResolution],
        Step::Decide => &[TimerKind::AdmissionDecision],
        Step::HoldCeremony => &[TimerKind::Ceremony],
        Step::RecordAfterAdmission => &[TimerKind::MemberRecords, TimerKind::DatabaseEntry],
        Step::RecognitionCellVote | Step::StrikeOffCellVote => &[TimerKind::RecognitionCellReview],
        Step::RecognitionGrassrootsVote => &[TimerKind::RecognitionGrassrootsResolution],
        Step::RecognitionDecision => &[TimerKind::RecognitionDecision],
        _ => &[],
    }
}

// ---------------------------------------------------------------------------------------
// The fields
// ---------------------------------------------------------------------------------------

/// The choices a form offers, computed only for the steps that need them.
#[derive(Default)]
struct Options {
    /// The ward's full members, the candidate's cell first.
    members: Vec<(String, String)>,
    /// The ward's classes of the kind the step needs, newest first.
    classes: Vec<(String, String)>,
    /// The verification requests without a reply.
    verifications: Vec<(String, String)>,
}

impl Options {
    fn of(step: Step, c: &Candidate, data: &WardData) -> Options {
        let mut o = Options::default();
        match step {
            Step::RecogniseSympathiser | Step::HoldCeremony | Step::OpenDossier | Step::RenewDossier => o.members = member_options(c, data),
            Step::ProposeClass | Step::RecordCertificate => o.classes = class_options(data, ClassKind::NhanThuc),
            Step::ReturnVerification => o.verifications = verification_options(c),
            _ => {}
        }
        o
    }
}

/// Full members of the ward (only they help and introduce, DOMAIN.md §1.2, R-INTRO), the
/// candidate's cell first, as "Name — cell".
fn member_options(c: &Candidate, data: &WardData) -> Vec<(String, String)> {
    let option = |m: &crate::model::PartyMember| {
        let cell = data.cell(&m.cell_id).map(|x| x.name.as_str()).unwrap_or(m.cell_id.as_str());
        (m.id.to_string(), format!("{} — {cell}", m.full_name))
    };
    let full = data.members.iter().filter(|m| m.status.is_full());
    let (mine, others): (Vec<_>, Vec<_>) = full.partition(|m| m.cell_id == c.cell_id);
    mine.into_iter().chain(others).map(option).collect()
}

/// The ward's classes of `kind`, newest first, as "Name (start – end)".
fn class_options(data: &WardData, kind: ClassKind) -> Vec<(String, String)> {
    let mut classes: Vec<_> = data.classes.iter().filter(|k| k.kind == kind).collect();
    classes.sort_by_key(|k| std::cmp::Reverse(k.start));
    classes.into_iter().map(|k| (k.id.to_string(), format!("{} ({} – {})", k.name, format_date(k.start), format_date(k.end)))).collect()
}

/// The verification requests still waiting for a reply, by their position in
/// `Process::verifications`, as "subject — place, gửi dd/mm/yyyy".
fn verification_options(c: &Candidate) -> Vec<(String, String)> {
    c.process
        .verifications
        .iter()
        .enumerate()
        .filter(|(_, v)| v.returned_on.is_none())
        .map(|(i, v)| {
            let place = if v.place.trim().is_empty() { String::new() } else { format!(" — {}", v.place.trim()) };
            (i.to_string(), format!("{}{place}, gửi {}", v.subject, format_date(v.sent_on)))
        })
        .collect()
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

const UNION_BODIES: [UnionBody; 2] = [UnionBody::DoanThanhNien, UnionBody::CongDoan];

fn union_value(b: UnionBody) -> &'static str {
    match b {
        UnionBody::DoanThanhNien => "doan_thanh_nien",
        UnionBody::CongDoan => "cong_doan",
    }
}

fn union_label(b: UnionBody) -> &'static str {
    match b {
        UnionBody::DoanThanhNien => "Ban Chấp hành Đoàn Thanh niên cơ sở",
        UnionBody::CongDoan => "Ban Chấp hành Công đoàn cơ sở",
    }
}

const CANCEL_REASONS: [CancelReason; 2] = [CancelReason::Criteria, CancelReason::MovedBeforeDecision];

fn cancel_reason_value(r: CancelReason) -> &'static str {
    match r {
        CancelReason::Criteria => "criteria",
        CancelReason::MovedBeforeDecision => "moved_before_decision",
    }
}

fn cancel_reason_of(v: &str) -> Option<CancelReason> {
    CANCEL_REASONS.into_iter().find(|r| cancel_reason_value(*r) == v)
}

/// The keys of one introducer.
struct IntroducerKeys {
    id: &'static str,
    since: &'static str,
    replacement: &'static str,
    /// "thứ nhất", "thứ hai".
    ordinal: &'static str,
}

const INTRODUCERS: [IntroducerKeys; 2] = [
    IntroducerKeys { id: "introducer1", since: "introducer1_since", replacement: "introducer1_replacement", ordinal: "thứ nhất" },
    IntroducerKeys { id: "introducer2", since: "introducer2_since", replacement: "introducer2_replacement", ordinal: "thứ hai" },
];

/// Which body votes at a vote step.
fn voting_body(step: Step) -> Option<VotingBody> {
    match step {
        Step::CellVote | Step::RecognitionCellVote | Step::StrikeOffCellVote => Some(VotingBody::Cell),
        Step::GrassrootsVote | Step::RecognitionGrassrootsVote | Step::StrikeOffGrassrootsVote => Some(VotingBody::GrassrootsCommittee),
        Step::Decide | Step::RecognitionDecision | Step::StrikeOff => Some(VotingBody::StandingCommittee),
        _ => None,
    }
}

fn text(key: &'static str, label: &str) -> Field {
    Field::new(key, label, FieldKind::Text)
}

fn date(key: &'static str, label: &str) -> Field {
    Field::new(key, label, FieldKind::Date)
}

fn choice(key: &'static str, label: &str, options: &[(&str, &str)]) -> Field {
    let options = options.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect();
    Field::new(key, label, FieldKind::Choice(options))
}

/// One document: number, date, signer.
fn document(number: &str, number_required: bool, date_label: &str, date_hint: &str) -> Vec<Field> {
    let n = Field::new("number", number, FieldKind::DocNumber);
    vec![if number_required { n.required() } else { n }, date("date", date_label).required().hint(date_hint), text("signer", "Người ký")]
}

/// "Cần ít nhất 2/3 số đảng viên chính thức được triệu tập tán thành (…)." from the rule set
/// in force (DOMAIN.md §2.3 R-VOTE).
fn threshold_hint(body: VotingBody) -> String {
    match RuleSets::builtin() {
        Ok(rs) => {
            let t = body.threshold(rs.current());
            format!("Cần {} số {} được triệu tập tán thành ({}).", t.label(), body.members_word(), t.rule)
        }
        Err(_) => String::new(),
    }
}

/// The four counts of a vote (R-VOTE); `required` for the cell and committee votes, optional
/// (all four or none) for the Standing Committee's ballot.
fn counts(body: VotingBody, required: bool) -> Vec<Field> {
    let count = |key, label: String| {
        let f = Field::new(key, label, FieldKind::Count);
        if required {
            f.required()
        } else {
            f
        }
    };
    let convened_hint = match body {
        VotingBody::Cell => {
            "Đảng viên chính thức của chi bộ, trừ người tạm chuyển sinh hoạt, người miễn sinh hoạt vắng mặt, người bị \
             đình chỉ sinh hoạt, khởi tố, tạm giam (R-294 §9.3.2)."
        }
        _ => "Trừ người tạm chuyển sinh hoạt, vắng mặt hoặc bị đình chỉ sinh hoạt, khởi tố, tạm giam (R-294 §9.3.3).",
    };
    let mut yes_hint = threshold_hint(body);
    if !required {
        yes_hint.push_str(" Nhập đủ bốn số biểu quyết hoặc để trống cả bốn.");
    }
    vec![
        count("convened", format!("Số {} được triệu tập", body.members_word())).hint(convened_hint),
        count("present", "Số có mặt".into()),
        count("yes", "Số tán thành".into()).hint(yes_hint.trim()),
        count("no", "Số không tán thành".into()),
    ]
}

/// The introduction (T4, R-INTRO): a union's resolution (optional) and up to two member
/// introducers.
fn introduction(members: &[(String, String)]) -> Vec<Field> {
    let bodies: Vec<(String, String)> = UNION_BODIES.iter().map(|b| (union_value(*b).to_string(), union_label(*b).to_string())).collect();
    let mut v = vec![
        Field::new("union_body", "Đoàn thể giới thiệu bằng nghị quyết", FieldKind::Choice(bodies)).hint(
            "Người trong độ tuổi đoàn viên, nơi có tổ chức Đoàn: nghị quyết của Ban Chấp hành Đoàn cơ sở và một đảng viên \
             chính thức; không có Đoàn thì Công đoàn. Để trống khi hai đảng viên chính thức giới thiệu (R-294 §3.1).",
        ),
        Field::new("union_number", "Số nghị quyết giới thiệu của đoàn thể", FieldKind::DocNumber),
        date("union_date", "Ngày nghị quyết giới thiệu của đoàn thể"),
    ];
    for k in &INTRODUCERS {
        let person = Field::new(k.id, format!("Người giới thiệu {}", k.ordinal), FieldKind::Choice(members.to_vec()));
        v.push(if k.id == "introducer2" {
            person.hint("Khi không có nghị quyết giới thiệu của đoàn thể.")
        } else {
            person
        });
        v.push(
            date(k.since, &format!("Làm việc cùng từ ngày (người giới thiệu {})", k.ordinal))
                .hint("Cùng công tác, học tập, lao động hoặc cư trú với người vào Đảng trong cùng đơn vị ít nhất 12 tháng (R-294 §3.2)."),
        );
        v.push(
            Field::new(k.replacement, format!("Người giới thiệu {} do chi bộ phân công thay thế", k.ordinal), FieldKind::Check)
                .hint("Thay người giới thiệu đã chuyển đi hoặc không thể tiếp tục: không áp dụng điều kiện 12 tháng (R-294 §3.2.2)."),
        );
    }
    v
}

/// The form of `step` (DOMAIN.md §2.2, one arm per step).
fn form(step: Step, o: &Options) -> Vec<Field> {
    let helpers = |label: &str, hint: &str| Field::new("helpers", label, FieldKind::MultiChoice(o.members.clone())).hint(hint);
    let classes = |label: &str| Field::new("class_id", label, FieldKind::Choice(o.classes.clone()));
    let approved = |yes: &str, no: &str| choice("approved", "Kết luận", &[("true", yes), ("false", no)]).required();
    let mut v = match step {
        Step::AddToSourcePool => vec![
            date("date", "Ngày đưa vào nguồn").required(),
            text("proposed_by", "Tổ chức hoặc đảng viên đề xuất").hint("Ví dụ: Chi đoàn Tổ dân phố số 3, Hội Liên hiệp Phụ nữ phường."),
        ],
        Step::RecogniseSympathiser => {
            let mut v = document("Số nghị quyết", true, "Ngày nghị quyết", "Là ngày được xét là cảm tình Đảng (DOMAIN §2.2 T1).");
            v.push(text("proposed_by", "Tổ chức hoặc đảng viên đề xuất"));
            v.push(helpers(
                "Đảng viên chính thức được phân công giúp đỡ",
                "Chi bộ phân công đảng viên chính thức giúp đỡ người cảm tình Đảng trong nghị quyết (R-38 §1.1d).",
            ));
            v
        }
        Step::ProposeClass => vec![date("date", "Ngày đề nghị đi học").required(), classes("Lớp bồi dưỡng nhận thức về Đảng")],
        Step::RecordCertificate => vec![
            Field::new("number", "Số giấy chứng nhận", FieldKind::DocNumber).required(),
            date("date", "Ngày cấp giấy chứng nhận").required().hint("Giấy chứng nhận có giá trị 60 tháng kể từ ngày cấp (R-06 §5.4b)."),
            text("issuer", "Nơi cấp").hint("Ví dụ: Trung tâm chính trị phường."),
            classes("Lớp đã học"),
        ],
        Step::GrantPermission => document(
            "Số quyết định (thông báo)",
            false,
            "Ngày quyết định",
            "Quyết định cho cảm tình Đảng được làm thủ tục xem xét kết nạp (R-38 §1.1c).",
        ),
        Step::OpenDossier => {
            let mut v = vec![date("date", "Ngày lập hồ sơ")
                .required()
                .hint("Giấy tờ trong hồ sơ có giá trị 12 tháng kể từ ngày này (R-06 §5.4a).")];
            v.extend(introduction(&o.members));
            v
        }
        Step::RenewDossier => {
            let mut v = vec![date("date", "Ngày làm lại giấy tờ").required().hint(
                "Hồ sơ quá 12 tháng mà chi bộ chưa xét: làm lại giấy giới thiệu, nghị quyết giới thiệu của đoàn thể; 12 \
                 tháng tính lại từ ngày này (R-06 §5.4a).",
            )];
            v.extend(introduction(&o.members));
            v
        }
        Step::SendVerification => vec![
            text("subject", "Người được thẩm tra").required().hint("Bản thân, Bố, Mẹ, Vợ, Chồng …"),
            text("place", "Cấp ủy nơi gửi thẩm tra"),
            date("date", "Ngày gửi thẩm tra").required(),
            Field::new("abroad", "Thẩm tra ở nước ngoài", FieldKind::Check).hint("Hạn trả lời 90 ngày làm việc thay vì 30 (R-06 §3.4d)."),
        ],
        Step::ReturnVerification => vec![
            Field::new("verification", "Yêu cầu thẩm tra", FieldKind::Choice(o.verifications.clone())).required(),
            date("date", "Ngày nhận kết quả thẩm tra").required(),
        ],
        Step::CertifyCv => vec![
            date("date", "Ngày chứng nhận lý lịch").required().hint("Chỉ chứng nhận sau khi đã nhận đủ kết quả thẩm tra (R-06 §3.3b)."),
            text("signer", "Người ký chứng nhận"),
            choice("eligible", "Kết luận", &[("true", "Đủ điều kiện"), ("false", "Không đủ điều kiện")])
                .required()
                .hint("Chỉ ghi kết luận của cấp ủy, không ghi nội dung lý lịch (DOMAIN §2.3 R-POLITICAL)."),
        ],
        Step::CollectOpinions => vec![
            date("date", "Ngày tổng hợp ý kiến").required(),
            Field::new("organisations", "Đoàn thể và chi ủy nơi cư trú đã lấy ý kiến", FieldKind::Lines)
                .hint("Mỗi dòng một tổ chức: đoàn thể chính trị - xã hội nơi sinh hoạt, chi ủy nơi cư trú (R-06 §3.5)."),
        ],
        Step::CellVote
        | Step::GrassrootsVote
        | Step::RecognitionCellVote
        | Step::RecognitionGrassrootsVote
        | Step::StrikeOffCellVote
        | Step::StrikeOffGrassrootsVote => {
            let body = voting_body(step).unwrap_or(VotingBody::Cell);
            let mut v = document("Số nghị quyết", true, "Ngày nghị quyết", "");
            v.extend(counts(body, true));
            v
        }
        Step::SendUp => vec![date("date", "Ngày gửi hồ sơ lên Đảng ủy").required()],
        Step::Decide => {
            let mut v = vec![approved("Đồng ý kết nạp", "Không đồng ý kết nạp")];
            let mut d = document("Số quyết định kết nạp", false, "Ngày quyết định", "");
            d[0] = d[0].clone().hint("Bắt buộc khi đồng ý kết nạp; khi không đồng ý, ghi số thông báo (nếu có).");
            v.extend(d);
            v.extend(counts(VotingBody::StandingCommittee, false));
            v
        }
        Step::ReceiveDecision => vec![date("date", "Ngày chi bộ nhận quyết định")
            .required()
            .hint("Lễ kết nạp tổ chức trong 30 ngày làm việc kể từ ngày này (R-294 §4.1).")],
        Step::HoldCeremony => vec![
            date("date", "Ngày lễ kết nạp").required().hint("Thời gian dự bị 12 tháng tính từ ngày này (R-06 §4.2)."),
            text("place", "Địa điểm"),
            helpers("Đảng viên chính thức được phân công giúp đỡ đảng viên dự bị", "Chi ủy phân công tại lễ kết nạp (R-06 §3.8c)."),
            Field::new("late_consent_number", "Số văn bản đồng ý của cấp ủy cấp trên", FieldKind::DocNumber)
                .hint("Chỉ khi lễ kết nạp quá 30 ngày làm việc kể từ ngày nhận quyết định (R-294 §4.1)."),
            date("late_consent_date", "Ngày văn bản đồng ý của cấp ủy cấp trên"),
        ],
        Step::RecordAfterAdmission => vec![
            date("member_records_on", "Ngày hoàn thành lý lịch đảng viên, phiếu đảng viên")
                .hint("Trong 30 ngày làm việc kể từ lễ kết nạp (R-38 §2.2)."),
            Field::new("record_number", "Số lý lịch đảng viên", FieldKind::DocNumber).hint("Ví dụ: 000123TN (R-38 §1.2)."),
            date("database_entry_on", "Ngày nhập cơ sở dữ liệu đảng viên"),
            Field::new("certificate_number", "Số giấy chứng nhận lớp bồi dưỡng đảng viên mới", FieldKind::DocNumber)
                .hint("Đảng viên dự bị học lớp bồi dưỡng đảng viên mới (R-06 §4.1)."),
            date("certificate_date", "Ngày cấp giấy chứng nhận lớp đảng viên mới"),
            text("certificate_issuer", "Nơi cấp giấy chứng nhận lớp đảng viên mới"),
        ],
        Step::StartRecognition => vec![
            date("date", "Ngày viết bản tự kiểm điểm").required().hint("Viết sau khi hết 12 tháng dự bị (R-06 §4.2)."),
            date("helper_report_on", "Ngày nhận xét của đảng viên được phân công giúp đỡ"),
            date("opinions_on", "Ngày tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú"),
        ],
        Step::RecognitionDecision => {
            let mut v = vec![approved("Công nhận đảng viên chính thức", "Không công nhận")];
            let mut d = document("Số quyết định công nhận", false, "Ngày quyết định", "");
            d[0] = d[0].clone().hint("Bắt buộc khi công nhận đảng viên chính thức.");
            v.extend(d);
            v.extend(counts(VotingBody::StandingCommittee, false));
            v
        }
        Step::StrikeOff => {
            let mut v = document("Số quyết định xóa tên", true, "Ngày quyết định", "");
            v.push(text("reason", "Lý do xóa tên").required());
            v.extend(counts(VotingBody::StandingCommittee, false));
            v
        }
        Step::Withdraw => vec![
            date("date", "Ngày rút khỏi danh sách").required(),
            text("reason", "Lý do").required(),
            Field::new("number", "Số nghị quyết (văn bản), nếu có", FieldKind::DocNumber),
            text("signer", "Người ký"),
        ],
        Step::MoveAway => vec![
            date("date", "Ngày chuyển đi").required(),
            text("destination", "Nơi chuyển đến").required().hint("Ví dụ: Đảng ủy phường Tân Lập."),
            text("reason", "Lý do"),
            Field::new("number", "Số công văn chuyển hồ sơ, nếu có", FieldKind::DocNumber)
                .hint("Hồ sơ đã gửi lên mà chưa có quyết định: chuyển trong 15 ngày làm việc (R-06 §3.9b)."),
            text("signer", "Người ký"),
        ],
        Step::CancelDecision => {
            let reasons: Vec<(&str, &str)> = CANCEL_REASONS.iter().map(|r| (cancel_reason_value(*r), r.label())).collect();
            let mut v = document("Số quyết định hủy", true, "Ngày quyết định", "");
            v.push(choice("cancel_reason", "Lý do hủy", &reasons).required().hint(
                "Quyết định chỉ sai thủ tục, thẩm quyền mà người vào Đảng đủ điều kiện thì không hủy: làm lại bước sai \
                 (R-38 §I.3b).",
            ));
            v.push(text("note", "Ghi chú"));
            v
        }
    };
    // Empty hints stay empty; nothing else to normalise.
    for f in &mut v {
        f.hint = f.hint.trim().to_string();
    }
    v
}

// ---------------------------------------------------------------------------------------
// Reading the values back
// ---------------------------------------------------------------------------------------

/// Four counts read from the form.
#[derive(Clone, Copy)]
struct Counts {
    convened: u32,
    present: u32,
    yes: u32,
    no: u32,
}

impl Counts {
    fn vote(self, resolution: DocRef) -> Vote {
        Vote { resolution, convened: self.convened, present: self.present, yes: self.yes, no: self.no }
    }
}

/// A [`Reader`] that names each field in its messages with the field's label ("Chưa nhập số
/// nghị quyết.").
struct FormReader<'a> {
    r: Reader<'a>,
    labels: Vec<(&'static str, String)>,
}

impl<'a> FormReader<'a> {
    fn new(step: Step, values: &'a Values) -> Self {
        let labels = form(step, &Options::default()).into_iter().map(|f| (f.key, f.label)).collect();
        FormReader { r: Reader::new(values), labels }
    }

    /// The field's label as it reads inside a sentence: first letter in lower case.
    fn what(&self, key: &str) -> String {
        let label = self.labels.iter().find(|(k, _)| *k == key).map(|(_, l)| l.as_str()).unwrap_or(key);
        let mut chars = label.chars();
        match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    fn text(&self, key: &str) -> String {
        self.r.text(key)
    }

    fn required_text(&mut self, key: &str) -> String {
        let what = self.what(key);
        self.r.required_text(key, &what)
    }

    /// A required date.
    fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let what = self.what(key);
        self.r.date(key, &what)
    }

    fn opt_date(&mut self, key: &str) -> Option<NaiveDate> {
        self.r.opt_date(key)
    }

    fn required_choice(&mut self, key: &str) -> Option<&'a str> {
        let what = self.what(key);
        self.r.required_choice(key, &what)
    }

    /// A required "true"/"false" choice.
    fn yes_no(&mut self, key: &str) -> Option<bool> {
        match self.required_choice(key)? {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                let what = self.what(key);
                self.r.error(key, format!("Hãy chọn {what}."));
                None
            }
        }
    }

    fn members(&self, key: &str) -> Vec<MemberId> {
        self.r.multi(key).into_iter().map(MemberId::new).collect()
    }

    fn class_id(&self) -> Option<ClassId> {
        self.r.choice("class_id").map(ClassId::new)
    }

    /// `number`, `date`, `signer` as one document.
    fn document(&mut self, number_required: bool) -> Option<DocRef> {
        let number = if number_required { self.required_text("number") } else { self.text("number") };
        let signer = self.text("signer");
        let date = self.date("date");
        date.map(|date| DocRef { number, date, signer })
    }

    /// A document given by its number (or signer) only, dated on the step's date.
    fn optional_document(&self, date: NaiveDate) -> Option<DocRef> {
        let number = self.text("number");
        let signer = self.text("signer");
        (!number.is_empty() || !signer.is_empty()).then_some(DocRef { number, date, signer })
    }

    /// The four counts: `Some(Some(_))` when read and coherent, `Some(None)` when an optional
    /// ballot is left empty, `None` on an error (recorded).
    fn counts(&mut self, body: VotingBody, required: bool) -> Option<Option<Counts>> {
        const KEYS: [&str; 4] = ["convened", "present", "yes", "no"];
        if !required && KEYS.iter().all(|k| self.r.raw(k).is_empty()) {
            return Some(None);
        }
        let mut n = [0u32; 4];
        let mut ok = true;
        for (i, key) in KEYS.iter().enumerate() {
            let value = if required || !self.r.raw(key).is_empty() {
                let what = self.what(key);
                self.r.count(key, &what)
            } else {
                let what = self.what(key);
                self.r.error(key, format!("Chưa nhập {what}: nhập đủ bốn số biểu quyết hoặc để trống cả bốn."));
                None
            };
            match value {
                Some(x) => n[i] = x,
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let counts = Counts { convened: n[0], present: n[1], yes: n[2], no: n[3] };
        // The coherence of the counts, as apply checks it (R-VOTE counts).
        let vote = counts.vote(DocRef::on(NaiveDate::default()));
        match validate_vote(&vote, body) {
            Ok(()) => Some(Some(counts)),
            Err(e) => {
                self.r.error(e.field, e.message);
                None
            }
        }
    }

    /// The union's introduction resolution, if a union is chosen (R-INTRO).
    fn union_introduction(&mut self) -> Option<UnionIntroduction> {
        let body = self.r.choice("union_body");
        let typed = !self.r.raw("union_number").is_empty() || !self.r.raw("union_date").is_empty();
        let Some(body) = body else {
            if typed {
                self.r.error("union_body", "Chưa chọn đoàn thể giới thiệu bằng nghị quyết.");
            }
            return None;
        };
        let Some(body) = UNION_BODIES.into_iter().find(|b| union_value(*b) == body) else {
            self.r.error("union_body", "Đoàn thể giới thiệu không hợp lệ.");
            return None;
        };
        let number = self.required_text("union_number");
        let date = self.date("union_date")?;
        Some(UnionIntroduction { body, resolution: DocRef { number, date, signer: String::new() } })
    }

    /// The member introducers chosen (R-INTRO). A cell-assigned replacement without a date
    /// counts from the step's date (`fallback`): the 12 months do not apply to it.
    fn introducers(&mut self, fallback: Option<NaiveDate>) -> Vec<Introducer> {
        let mut out = Vec::new();
        for k in &INTRODUCERS {
            let replacement = self.r.check(k.replacement);
            let Some(id) = self.r.choice(k.id) else {
                if replacement || !self.r.raw(k.since).is_empty() {
                    self.r.error(k.id, format!("Chưa chọn người giới thiệu {}.", k.ordinal));
                }
                continue;
            };
            let since = if replacement && self.r.raw(k.since).is_empty() {
                fallback
            } else {
                self.r.date(k.since, "ngày bắt đầu cùng công tác, học tập, lao động hoặc cư trú với người vào Đảng")
            };
            if let Some(together_since) = since {
                out.push(Introducer { member_id: MemberId::new(id), together_since, replacement });
            }
        }
        out
    }

    /// T12: only the records typed; at least one.
    fn after_admission(&mut self) -> Option<Action> {
        let member_records_on = self.opt_date("member_records_on");
        let record_number = Some(self.text("record_number")).filter(|s| !s.is_empty());
        let database_entry_on = self.opt_date("database_entry_on");
        let number = self.text("certificate_number");
        let issuer = self.text("certificate_issuer");
        let cert_typed = !number.is_empty() || !issuer.is_empty() || !self.r.raw("certificate_date").is_empty();
        let new_member_certificate = if cert_typed {
            let number = self.required_text("certificate_number");
            self.date("certificate_date").map(|issued_on| Certificate { number, issued_on, issuer, class_id: None })
        } else {
            None
        };
        let nothing = member_records_on.is_none()
            && record_number.is_none()
            && database_entry_on.is_none()
            && !cert_typed
            && ["member_records_on", "database_entry_on"].iter().all(|k| self.r.raw(k).is_empty());
        if nothing {
            self.r.error("", "Chưa nhập thông tin nào để ghi.");
            return None;
        }
        Some(Action::RecordAfterAdmission { member_records_on, record_number, database_entry_on, new_member_certificate })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::*;
    use crate::pipeline::tests::{applied, walk_to, Env};
    use crate::pipeline::{allowed_steps, apply, probation_end, Stage, TransitionError};
    use crate::rules::testkit::*;
    use crate::rules::LocalParams;
    use std::collections::BTreeSet;

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn class(id: &str, kind: ClassKind, learner: Option<(&str, &str)>) -> Class {
        Class {
            id: ClassId::new(id),
            kind,
            name: format!("Khóa {id}"),
            organiser: "Trung tâm chính trị phường".into(),
            start: d(2025, 8, 10),
            end: d(2025, 8, 20),
            venue: String::new(),
            learners: learner
                .map(|(c, n)| Learner { candidate_id: CandidateId::new(c), result: Some(ClassResult::Dat), certificate_number: n.into() })
                .into_iter()
                .collect(),
            certificate_date: Some(d(2025, 8, 25)),
            certificate_issuer: "Trung tâm chính trị phường Hòa An".into(),
            created_at: ts(),
            updated_at: ts(),
        }
    }

    /// The ward of the pipeline tests: one cell (12 full members in 2025), the test members,
    /// an awareness class and a new-member class.
    pub(crate) fn ward(env: &Env) -> WardData {
        let mut w = WardData::new(Ward {
            id: WardId::new("w1"),
            name: "Hòa An".into(),
            kind: UnitKind::Phuong,
            superior: String::new(),
            term: Term::default(),
            settings: WardSettings::default(),
            created_at: ts(),
            updated_at: ts(),
        });
        let mut cell = env.cell.clone();
        cell.members_by_year.insert(2024, CellYear { full_members: 11, probationary_members: 1 });
        cell.members_by_year.insert(2025, CellYear { full_members: 12, probationary_members: 1 });
        w.cells = vec![cell];
        w.members = env.members.clone();
        w.classes = vec![
            class("lop-nt-1", ClassKind::NhanThuc, Some(("c1", "101/GCN-TTCT"))),
            class("lop-dvm-1", ClassKind::DangVienMoi, Some(("c1", "55/ĐVM"))),
        ];
        w
    }

    /// Typical valid values of `step` for `c`: dates a few days after its last step.
    pub(crate) fn typical(step: Step, c: &Candidate) -> Values {
        use Step as S;
        let last = c.history.last().map_or(d(2025, 7, 20), |h| h.date);
        let mut on = last + chrono::Duration::days(5);
        if step == S::StartRecognition {
            if let Some(end) = probation_end(c, RuleSets::builtin().unwrap()) {
                on = on.max(end + chrono::Duration::days(1));
            }
        }
        let day = format_date(on);
        let day = day.as_str();
        let vote = |n: [&'static str; 4]| -> Vec<(&str, &str)> { vec![("convened", n[0]), ("present", n[1]), ("yes", n[2]), ("no", n[3])] };
        let unreturned = verification_options(c).first().map(|(i, _)| i.clone()).unwrap_or_default();
        let mut v: Vec<(&str, &str)> = match step {
            S::AddToSourcePool => vec![("date", day), ("proposed_by", "Chi đoàn Tổ dân phố số 1")],
            S::RecogniseSympathiser => vec![
                ("number", "05-NQ/CB"),
                ("date", day),
                ("signer", "Bí thư chi bộ"),
                ("proposed_by", "Chi đoàn Tổ dân phố số 1"),
                ("helpers", "m1\nm2"),
            ],
            S::ProposeClass => vec![("date", day), ("class_id", "lop-nt-1")],
            S::RecordCertificate => {
                vec![("number", "101/GCN-TTCT"), ("date", day), ("issuer", "Trung tâm chính trị phường"), ("class_id", "lop-nt-1")]
            }
            S::GrantPermission => vec![("number", "12-QĐ/ĐU"), ("date", day), ("signer", "Bí thư Đảng ủy")],
            S::OpenDossier | S::RenewDossier => vec![
                ("date", day),
                ("union_body", "doan_thanh_nien"),
                ("union_number", "03-NQ/ĐTN"),
                ("union_date", day),
                ("introducer1", "m1"),
                ("introducer1_since", "01/01/2020"),
            ],
            S::SendVerification => vec![("subject", "Bản thân"), ("place", "Đảng ủy phường Hòa An"), ("date", day)],
            S::ReturnVerification => vec![("verification", unreturned.as_str()), ("date", day)],
            S::CertifyCv => vec![("date", day), ("signer", "Phó Bí thư Đảng ủy"), ("eligible", "true")],
            S::CollectOpinions => vec![("date", day), ("organisations", "Đoàn Thanh niên phường\nChi ủy nơi cư trú")],
            S::CellVote | S::RecognitionCellVote | S::StrikeOffCellVote => {
                let mut v = vec![("number", "10-NQ/CB"), ("date", day), ("signer", "Bí thư chi bộ")];
                v.extend(vote(if step == S::StrikeOffCellVote { ["12", "12", "9", "3"] } else { ["12", "11", "10", "1"] }));
                v
            }
            S::GrassrootsVote | S::RecognitionGrassrootsVote | S::StrikeOffGrassrootsVote => {
                let mut v = vec![("number", "20-NQ/ĐU"), ("date", day)];
                v.extend(vote(["9", "9", "8", "1"]));
                v
            }
            S::SendUp | S::ReceiveDecision => vec![("date", day)],
            S::Decide | S::RecognitionDecision => {
                let mut v = vec![("approved", "true"), ("number", "123-QĐ/ĐU"), ("date", day), ("signer", "Bí thư Đảng ủy")];
                v.extend(vote(["7", "7", "6", "1"]));
                v
            }
            S::HoldCeremony => vec![("date", day), ("place", "Nhà văn hóa Tổ dân phố số 1"), ("helpers", "m1")],
            S::RecordAfterAdmission => vec![
                ("member_records_on", day),
                ("record_number", "000123TN"),
                ("database_entry_on", day),
                ("certificate_number", "55/ĐVM"),
                ("certificate_date", day),
                ("certificate_issuer", "Trung tâm chính trị phường"),
            ],
            S::StartRecognition => vec![("date", day), ("helper_report_on", day), ("opinions_on", day)],
            S::StrikeOff => {
                let mut v =
                    vec![("number", "44-QĐ/ĐU"), ("date", day), ("signer", "Bí thư Đảng ủy"), ("reason", "Vi phạm tư cách đảng viên")];
                v.extend(vote(["7", "7", "5", "2"]));
                v
            }
            S::Withdraw => vec![("date", day), ("reason", "Không đủ tiêu chuẩn")],
            S::MoveAway => vec![("date", day), ("destination", "Đảng ủy phường Tân Lập"), ("reason", "Chuyển nơi ở")],
            S::CancelDecision => vec![
                ("number", "5-QĐ/ĐU"),
                ("date", day),
                ("signer", "Bí thư Đảng ủy"),
                ("cancel_reason", "criteria"),
                ("note", "Khai lý lịch không trung thực"),
            ],
        };
        v.retain(|(_, x)| !x.is_empty());
        values(&v)
    }

    /// Builds `step` from its typical values and applies it (warnings acknowledged).
    fn step_by_form(env: &Env, c: &Candidate, step: Step) -> Candidate {
        let a = build(step, c, &typical(step, c)).unwrap_or_else(|e| panic!("{step:?}: {e:?}"));
        assert_eq!(a.step(), step);
        applied(env, c, a).candidate
    }

    /// A candidate on which `step` may be taken, in the environment it needs.
    fn at(step: Step) -> (Env, Candidate) {
        use Step as S;
        let inside = matches!(step, S::GrassrootsVote | S::RecognitionGrassrootsVote | S::StrikeOffGrassrootsVote);
        let env = Env::new(if inside { CellLevel::TrongDangBoCoSo } else { CellLevel::TrucThuoc });
        let stage = match step {
            S::AddToSourcePool | S::RecogniseSympathiser => Stage::Nguon,
            S::ProposeClass | S::Withdraw | S::MoveAway => Stage::CamTinh,
            S::RecordCertificate => Stage::DeNghiHoc,
            S::GrantPermission => Stage::DaHoc,
            S::OpenDossier => Stage::DuocLamThuTuc,
            S::SendVerification | S::ReturnVerification => Stage::LapHoSo,
            S::CertifyCv => Stage::ThamTra,
            S::CollectOpinions => Stage::ChungNhanLyLich,
            S::RenewDossier | S::CellVote => Stage::LayYKien,
            S::SendUp | S::GrassrootsVote => Stage::ChiBoXet,
            S::Decide => Stage::ChoQuyetDinh,
            S::ReceiveDecision | S::HoldCeremony => Stage::DaCoQuyetDinh,
            S::RecordAfterAdmission
            | S::StartRecognition
            | S::StrikeOffCellVote
            | S::StrikeOffGrassrootsVote
            | S::StrikeOff
            | S::CancelDecision => Stage::DuBi,
            S::RecognitionCellVote | S::RecognitionGrassrootsVote | S::RecognitionDecision => Stage::XetChinhThuc,
        };
        let mut c = walk_to(&env, stage);
        let before: &[Step] = match step {
            S::ReturnVerification => &[S::SendVerification],
            S::RecognitionGrassrootsVote | S::RecognitionDecision => &[S::RecognitionCellVote],
            S::StrikeOffGrassrootsVote | S::StrikeOff => &[S::StrikeOffCellVote],
            _ => &[],
        };
        for s in before {
            c = step_by_form(&env, &c, *s);
        }
        assert!(allowed_steps(&c, Some(&env.cell), env.rule_sets).contains(&step), "{step:?} not allowed at {:?}", c.stage);
        (env, c)
    }

    fn keys(fs: &[Field]) -> Vec<&'static str> {
        fs.iter().map(|f| f.key).collect()
    }

    #[test]
    fn every_step_has_a_form_that_builds_its_action() {
        for step in Step::ALL {
            let (env, c) = at(step);
            let data = ward(&env);
            let fs = fields(step, &c, &data);
            assert!(!fs.is_empty(), "{step:?}");
            let ks = keys(&fs);
            assert_eq!(ks.iter().collect::<BTreeSet<_>>().len(), ks.len(), "{step:?}: keys not unique {ks:?}");
            assert_eq!(ks, keys(&form(step, &Options::default())), "{step:?}: keys depend on the data");
            assert!(fs.iter().all(|f| !f.label.is_empty()), "{step:?}");

            let v = typical(step, &c);
            for (k, x) in &v {
                let f = fs.iter().find(|f| f.key == k).unwrap_or_else(|| panic!("{step:?}: no field {k}"));
                let options = match &f.kind {
                    FieldKind::Choice(o) | FieldKind::MultiChoice(o) => o,
                    _ => continue,
                };
                for one in x.lines() {
                    assert!(options.iter().any(|(o, _)| o == one), "{step:?}: {k} = {one} is not an option of {options:?}");
                }
            }
            for k in prefill(step, &c, &data).keys() {
                assert!(ks.contains(&k.as_str()), "{step:?}: prefilled {k} is no field");
            }

            let a = build(step, &c, &v).unwrap_or_else(|e| panic!("{step:?}: {e:?}"));
            assert_eq!(a.step(), step);
            let after = applied(&env, &c, a).candidate;
            assert_eq!(after.history.last().map(|h| h.step), Some(step));

            // Every field marked required is refused when left empty.
            for f in fs.iter().filter(|f| f.required) {
                let mut w = v.clone();
                w.remove(f.key);
                let e = build(step, &c, &w).expect_err(f.key);
                assert!(e.iter().any(|e| e.key == f.key), "{step:?}: no error on {} in {e:?}", f.key);
            }
        }
    }

    /// The key test: a candidate goes from the source pool to official member through the
    /// forms alone — each step built from typed strings and applied.
    #[test]
    fn round_trip_from_the_source_pool_to_official_member_through_the_forms() {
        use Step as S;
        for level in [CellLevel::TrucThuoc, CellLevel::TrongDangBoCoSo] {
            let env = Env::new(level);
            let data = ward(&env);
            let mut path = vec![
                S::AddToSourcePool,
                S::RecogniseSympathiser,
                S::ProposeClass,
                S::RecordCertificate,
                S::GrantPermission,
                S::OpenDossier,
                S::SendVerification,
                S::SendVerification,
                S::ReturnVerification,
                S::ReturnVerification,
                S::CertifyCv,
                S::CollectOpinions,
                S::CellVote,
            ];
            if level == CellLevel::TrongDangBoCoSo {
                path.push(S::GrassrootsVote);
            }
            path.extend([S::SendUp, S::Decide, S::ReceiveDecision, S::HoldCeremony, S::RecordAfterAdmission, S::StartRecognition]);
            path.push(S::RecognitionCellVote);
            if level == CellLevel::TrongDangBoCoSo {
                path.push(S::RecognitionGrassrootsVote);
            }
            path.push(S::RecognitionDecision);

            let mut c = candidate();
            for step in path {
                assert!(allowed_steps(&c, Some(&env.cell), env.rule_sets).contains(&step), "{step:?} at {:?}", c.stage);
                // The UI's values: the prefill, then what the user typed.
                let mut v = prefill(step, &c, &data);
                v.extend(typical(step, &c));
                let a = build(step, &c, &v).unwrap_or_else(|e| panic!("{step:?}: {e:?}"));
                c = applied(&env, &c, a).candidate;
            }
            assert_eq!(c.stage, Stage::ChinhThuc, "{level:?}");
            assert!(c.history.iter().all(|h| h.late.is_none()));
            assert_eq!(c.process.verifications.len(), 2);
            assert_eq!(c.process.dossier.as_ref().map(|x| x.introducers.len()), Some(1));
            assert_eq!(c.process.after_admission.record_number, "000123TN");
        }
    }

    #[test]
    fn errors_are_keyed_by_field_in_vietnamese() {
        let (_, c) = at(Step::CellVote);
        let ok = typical(Step::CellVote, &c);
        let err = |changes: &[(&str, &str)]| {
            let mut v = ok.clone();
            for (k, x) in changes {
                v.insert(k.to_string(), x.to_string());
            }
            build(Step::CellVote, &c, &v).expect_err("expected errors")
        };
        assert_eq!(err(&[("number", " ")]), vec![FieldError::new("number", "Chưa nhập số nghị quyết.")]);
        let e = err(&[("date", "30/02/2026")]);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].key, "date");
        assert!(e[0].message.contains("30"), "{}", e[0].message);
        let e = err(&[("date", "")]);
        assert_eq!(e, vec![FieldError::new("date", "Chưa nhập ngày nghị quyết.")]);
        let e = err(&[("yes", "12"), ("present", "10"), ("no", "0")]);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].key, "yes");
        assert!(e[0].message.contains("(12)") && e[0].message.contains("(10)"), "{}", e[0].message);
        assert_eq!(err(&[("present", "13")])[0].key, "present");
        assert_eq!(err(&[("convened", "0"), ("present", "0"), ("yes", "0"), ("no", "0")])[0].key, "convened");
        assert_eq!(err(&[("convened", "12a")])[0].key, "convened");
        // Several problems at once: all reported.
        let e = err(&[("number", ""), ("date", "1/13/2026"), ("no", "")]);
        assert_eq!(e.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), ["number", "date", "no"]);
        assert_eq!(e[2].message, "Chưa nhập số không tán thành.");

        // The Standing Committee's ballot: all four counts or none.
        let (_, c) = at(Step::Decide);
        let mut v = typical(Step::Decide, &c);
        for k in ["present", "yes", "no"] {
            v.remove(k);
        }
        let e = build(Step::Decide, &c, &v).unwrap_err();
        assert_eq!(e.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), ["present", "yes", "no"]);
        v.remove("convened");
        let Ok(Action::Decide { decision }) = build(Step::Decide, &c, &v) else { panic!() };
        assert_eq!(decision.vote, None);
        // Refusing needs no number; approving does.
        v.remove("number");
        assert_eq!(build(Step::Decide, &c, &v).unwrap_err()[0].key, "number");
        v.insert("approved".into(), "false".into());
        assert!(matches!(build(Step::Decide, &c, &v), Ok(Action::Decide { decision: Decision { approved: false, .. } })));
        v.insert("approved".into(), "maybe".into());
        assert_eq!(build(Step::Decide, &c, &v).unwrap_err()[0].key, "approved");

        // Introductions: a union's number without the union; a member without the date.
        let (_, c) = at(Step::OpenDossier);
        let mut v = typical(Step::OpenDossier, &c);
        v.remove("union_body");
        v.remove("introducer1_since");
        let e = build(Step::OpenDossier, &c, &v).unwrap_err();
        assert_eq!(e.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), ["union_body", "introducer1_since"]);
        // A cell-assigned replacement counts from the dossier date when no date is typed.
        let mut v = typical(Step::OpenDossier, &c);
        v.remove("introducer1_since");
        v.insert("introducer1_replacement".into(), "true".into());
        let Ok(Action::OpenDossier { opened_on, introducers, .. }) = build(Step::OpenDossier, &c, &v) else { panic!() };
        assert_eq!(introducers, vec![Introducer { member_id: MemberId::new("m1"), together_since: opened_on, replacement: true }]);
        v.remove("introducer1");
        assert_eq!(build(Step::OpenDossier, &c, &v).unwrap_err()[0].key, "introducer1");

        // After admission: at least one record; a certificate needs its number and date.
        let (_, c) = at(Step::RecordAfterAdmission);
        assert_eq!(build(Step::RecordAfterAdmission, &c, &Values::new()).unwrap_err()[0].key, "");
        let v = values(&[("certificate_number", "55/ĐVM")]);
        assert_eq!(build(Step::RecordAfterAdmission, &c, &v).unwrap_err()[0].key, "certificate_date");
        let v = values(&[("record_number", "000123TN")]);
        assert!(build(Step::RecordAfterAdmission, &c, &v).is_ok());

        // A verification reply must name a request still waiting.
        let (_, c) = at(Step::ReturnVerification);
        let v = values(&[("verification", "7"), ("date", "01/11/2025")]);
        assert_eq!(build(Step::ReturnVerification, &c, &v).unwrap_err()[0].key, "verification");
    }

    /// Every field path that `apply` can report (DOMAIN.md §2.2 data checks), per step.
    fn invalid_paths(step: Step) -> &'static [&'static str] {
        use Step as S;
        const VOTE: &[&str] = &["vote.resolution.date", "convened", "present", "yes"];
        match step {
            S::AddToSourcePool | S::ProposeClass | S::SendUp | S::ReceiveDecision | S::Withdraw | S::MoveAway => match step {
                S::Withdraw => &["date", "reason"],
                S::MoveAway => &["date", "destination"],
                _ => &["date"],
            },
            S::RecogniseSympathiser => &["resolution.date"],
            S::RecordCertificate => &["certificate.issued_on", "certificate.number"],
            S::GrantPermission => &["document.date"],
            S::OpenDossier => &["opened_on"],
            S::RenewDossier => &["date"],
            S::SendVerification => &["sent_on", "subject"],
            S::ReturnVerification => &["returned_on", "index"],
            S::CertifyCv => &["certification.date"],
            S::CollectOpinions => &["opinions.date"],
            S::CellVote
            | S::GrassrootsVote
            | S::RecognitionCellVote
            | S::RecognitionGrassrootsVote
            | S::StrikeOffCellVote
            | S::StrikeOffGrassrootsVote => VOTE,
            S::Decide | S::RecognitionDecision => &["decision.document.date", "decision.document.number", "convened", "present", "yes"],
            S::HoldCeremony => &["ceremony.date"],
            S::RecordAfterAdmission => {
                &["member_records_on", "database_entry_on", "new_member_certificate.number", "new_member_certificate.issued_on"]
            }
            S::StartRecognition => &["self_review_on", "helper_report_on", "opinions_on"],
            S::StrikeOff => &["document.date", "document.number", "reason", "convened", "present", "yes"],
            S::CancelDecision => &["document.date", "document.number"],
        }
    }

    #[test]
    fn field_key_maps_every_invalid_field_of_apply() {
        for step in Step::ALL {
            let ks = keys(&form(step, &Options::default()));
            for path in invalid_paths(step) {
                let key = field_key(step, path).unwrap_or_else(|| panic!("{step:?}: {path} has no field"));
                assert!(ks.contains(&key), "{step:?}: {path} → {key}");
            }
            // The step's legal date field (Action::date) is among them.
            let (_, c) = at(step);
            if let Some((_, path)) = build(step, &c, &typical(step, &c)).unwrap().date() {
                if step == Step::RecordAfterAdmission {
                    assert_eq!(field_key(step, path), None);
                } else {
                    assert!(invalid_paths(step).contains(&path), "{step:?}: {path}");
                    assert_eq!(field_key(step, path), Some("date"), "{step:?}");
                }
            }
        }
        assert_eq!(field_key(Step::CellVote, "vote.resolution.date"), Some("date"));
        assert_eq!(field_key(Step::Decide, "decision.document.number"), Some("number"));
        assert_eq!(field_key(Step::ReturnVerification, "index"), Some("verification"));
        assert_eq!(field_key(Step::RecordAfterAdmission, "new_member_certificate.issued_on"), Some("certificate_date"));
        assert_eq!(field_key(Step::SendUp, "yes"), None);
        assert_eq!(field_key(Step::CellVote, "nonsense"), None);

        // Every field name written in transition.rs and the vote checks is covered above.
        let sources = [include_str!("../pipeline/transition.rs"), include_str!("../rules/vote.rs")];
        let known: BTreeSet<&str> = Step::ALL.iter().flat_map(|s| invalid_paths(*s).iter().copied()).collect();
        let mut found = BTreeSet::new();
        for src in sources {
            for marker in ["invalid(", "require_number(", "require_text(", "need_ceremony(", "field: ", "[("] {
                for (i, _) in src.match_indices(marker) {
                    // The first argument when it is a string literal, possibly on the next line.
                    let Some(rest) = src[i + marker.len()..].trim_start().strip_prefix('"') else { continue };
                    let name = &rest[..rest.find('"').unwrap_or(0)];
                    // `[("helper_report_on", …), …]`: only the pairs of StartRecognition's dates.
                    let relevant = marker != "[(" || src[..i].trim_end().ends_with("for (field, d) in");
                    if relevant && !name.is_empty() && name.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_' || ch == '.') {
                        found.insert(name);
                    }
                }
            }
        }
        for name in &found {
            assert!(known.contains(name) || *name == "date", "transition.rs reports {name:?}: add it to invalid_paths");
        }
        assert!(found.contains("vote.resolution.date") && found.contains("yes") && found.contains("index"), "{found:?}");

        // An error of apply on a built action lands on the right field.
        let (env, c) = at(Step::CellVote);
        let mut v = typical(Step::CellVote, &c);
        v.insert("date".into(), "01/01/2025".into());
        let a = build(Step::CellVote, &c, &v).unwrap();
        match apply(&c, &a, &env.ctx(), ts(), &[] as &[&str]) {
            Err(TransitionError::Invalid { field, .. }) => assert_eq!(field_key(Step::CellVote, field), Some("date")),
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn prefill_offers_what_is_known_but_never_the_steps_date() {
        let (env, c) = at(Step::Decide);
        let data = ward(&env);
        assert_eq!(prefill(Step::Decide, &c, &data).get("approved").map(String::as_str), Some("true"));
        let (_, c) = at(Step::CellVote);
        assert_eq!(prefill(Step::CellVote, &c, &data).get("convened").map(String::as_str), Some("12"));
        let (_, c) = at(Step::RecordCertificate);
        let p = prefill(Step::RecordCertificate, &c, &data);
        assert_eq!(p.get("class_id").map(String::as_str), Some("lop-nt-1"));
        assert_eq!(p.get("number").map(String::as_str), Some("101/GCN-TTCT"));
        assert_eq!(p.get("date").map(String::as_str), Some("25/08/2025"), "the class's certificate date");
        let (_, c) = at(Step::HoldCeremony);
        assert_eq!(prefill(Step::HoldCeremony, &c, &data).get("helpers").map(String::as_str), Some("m1"));
        let (_, c) = at(Step::OpenDossier);
        let p = prefill(Step::OpenDossier, &c, &data);
        assert_eq!(p.get("union_body").map(String::as_str), Some("doan_thanh_nien"));
        assert_eq!(p.get("introducer1").map(String::as_str), Some("m1"));
        let (_, c) = at(Step::RenewDossier);
        let p = prefill(Step::RenewDossier, &c, &data);
        assert_eq!(p.get("introducer1_since").map(String::as_str), Some("01/01/2020"));
        for step in Step::ALL {
            let (env, c) = at(step);
            let p = prefill(step, &c, &ward(&env));
            if step != Step::RecordCertificate {
                assert!(!p.contains_key("date"), "{step:?} prefills the legal date");
            }
        }
    }

    #[test]
    fn step_deadline_is_the_open_timer_the_step_meets() {
        let (env, c) = at(Step::HoldCeremony);
        let ctx = env.ctx();
        let t = step_deadline(Step::HoldCeremony, &c, &ctx).expect("ceremony deadline");
        assert_eq!(t.kind, TimerKind::Ceremony);
        assert!(t.done.is_none());
        assert_eq!(step_deadline(Step::MoveAway, &c, &ctx), None);
        let (env, c) = at(Step::Decide);
        let ctx = env.ctx();
        let t = step_deadline(Step::Decide, &c, &ctx).expect("decision deadline");
        assert_eq!((t.kind, t.deadline), (TimerKind::AdmissionDecision, env.calendar.add_working_days(d(2025, 11, 3), 45)));
        // Sending up has a deadline only under the ward's local rules.
        let (mut env, c) = at(Step::SendUp);
        assert_eq!(step_deadline(Step::SendUp, &c, &env.ctx()), None);
        env.local = LocalParams::hanoi();
        assert_eq!(step_deadline(Step::SendUp, &c, &env.ctx()).map(|t| t.kind), Some(TimerKind::SendUp));
        let (env, c) = at(Step::ReturnVerification);
        let t = step_deadline(Step::ReturnVerification, &c, &env.ctx()).expect("reply deadline");
        assert_eq!(t.detail, Some("Bản thân"));
        let (env, c) = at(Step::CellVote);
        let t = step_deadline(Step::CellVote, &c, &env.ctx()).expect("dossier validity");
        assert_eq!(t.kind, TimerKind::DossierStaleness);
    }
}
