//! The next-step form as data (DOMAIN.md §2.2, column "Data to record"): for each [`Step`]
//! the [`Field`]s it asks ([`fields`]), the values worth prefilling ([`prefill`]), the
//! [`Action`] read back from the typed values ([`build`]), and the legal deadline the step
//! would meet ([`step_deadline`], DOMAIN.md §2.4). An error of [`apply`](crate::pipeline::apply)
//! names the field it belongs to with the same keys ([`keys`]).
//!
//! [`build`] only checks the form: required fields typed, dates and numbers readable, vote
//! counts coherent (`yes + no ≤ present ≤ convened`, R-VOTE counts). Every rule of DOMAIN.md
//! §2.3 (thresholds, R-INTRO, ages, certificates …) stays in [`apply`](crate::pipeline::apply).
//!
//! Field keys are shared by every step and defined once in [`keys`] (the UI and its
//! end-to-end tests rely on them): one document is `number`, `date`, `signer`, and `date` is
//! also the legal date of the steps that record only a date; a vote adds `convened`,
//! `present`, `yes`, `no`; the others name their own data.

use crate::deadlines::{timers, Timer};
use crate::form::{join_multi, Field, FieldError, FieldKind, Reader, Values};
use crate::model::{
    Candidate, Ceremony, Certificate, ClassId, ClassKind, ClassResult, CvCertification, Decision, DocRef, Introducer, MemberId, Opinions,
    UnionBody, UnionIntroduction, Vote, WardData,
};
use crate::pipeline::keys::{self, IntroducerKeys};
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
        Step::Decide | Step::RecognitionDecision => set(keys::APPROVED, "true".into()),
        Step::CertifyCv => set(keys::ELIGIBLE, "true".into()),
        Step::CellVote | Step::RecognitionCellVote | Step::StrikeOffCellVote => {
            // R-VOTE: the denominator is the full members convened; the latest count of the
            // cell's full members is the usual starting point (DOMAIN.md §2.3).
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
            // The helpers usually become the introducers (DOMAIN.md §1.2); a Youth Union member
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

/// Builds the [`Action`] of `step` from the typed values. Every problem of the form is
/// returned as a [`FieldError`] keyed by the field (Vietnamese message); an error that
/// belongs to no field has the key `""`. Only form checks are made here: the rules run in
/// [`apply`](crate::pipeline::apply).
pub fn build(step: Step, c: &Candidate, values: &Values) -> Result<Action, Vec<FieldError>> {
    let mut f = FormReader::new(step, values);
    let action = match step {
        Step::AddToSourcePool => {
            let date = f.date(keys::DATE);
            let proposed_by = f.text(keys::PROPOSED_BY);
            date.map(|date| Action::AddToSourcePool { date, proposed_by })
        }
        Step::RecogniseSympathiser => {
            let resolution = f.document(true);
            let proposed_by = f.text(keys::PROPOSED_BY);
            let helpers = f.members(keys::HELPERS);
            resolution.map(|resolution| Action::RecogniseSympathiser { resolution, proposed_by, helpers })
        }
        Step::ProposeClass => {
            let date = f.date(keys::DATE);
            let class_id = f.class_id();
            date.map(|date| Action::ProposeClass { date, class_id })
        }
        Step::RecordCertificate => {
            let number = f.required_text(keys::NUMBER);
            let issued_on = f.date(keys::DATE);
            let issuer = f.text(keys::ISSUER);
            let class_id = f.class_id();
            issued_on.map(|issued_on| Action::RecordCertificate { certificate: Certificate { number, issued_on, issuer, class_id } })
        }
        Step::GrantPermission => f.document(false).map(|document| Action::GrantPermission { document }),
        Step::OpenDossier => f.dossier().map(|(opened_on, union_introduction, introducers)| Action::OpenDossier {
            opened_on,
            union_introduction,
            introducers,
        }),
        Step::RenewDossier => {
            f.dossier().map(|(date, union_introduction, introducers)| Action::RenewDossier { date, union_introduction, introducers })
        }
        Step::SendVerification => {
            let subject = f.required_text(keys::SUBJECT);
            let place = f.text(keys::PLACE);
            let sent_on = f.date(keys::DATE);
            let abroad = f.r.check(keys::ABROAD);
            sent_on.map(|sent_on| Action::SendVerification { subject, place, sent_on, abroad })
        }
        Step::ReturnVerification => {
            let index = f.required_choice(keys::VERIFICATION).and_then(|v| {
                let open = verification_options(c);
                match v.parse::<usize>() {
                    Ok(i) if open.iter().any(|(x, _)| x == v) => Some(i),
                    _ => {
                        f.r.error(keys::VERIFICATION, "Hãy chọn một yêu cầu thẩm tra chưa có kết quả.");
                        None
                    }
                }
            });
            let returned_on = f.date(keys::DATE);
            index.zip(returned_on).map(|(index, returned_on)| Action::ReturnVerification { index, returned_on })
        }
        Step::CertifyCv => {
            let date = f.date(keys::DATE);
            let signer = f.text(keys::SIGNER);
            let eligible = f.yes_no(keys::ELIGIBLE);
            date.zip(eligible).map(|(date, eligible)| Action::CertifyCv { certification: CvCertification { date, signer, eligible } })
        }
        Step::CollectOpinions => {
            let date = f.date(keys::DATE);
            let organisations = f.r.lines(keys::ORGANISATIONS);
            date.map(|date| Action::CollectOpinions { opinions: Opinions { date, organisations } })
        }
        Step::CellVote => f.vote(step).map(|vote| Action::CellVote { vote }),
        Step::GrassrootsVote => f.vote(step).map(|vote| Action::GrassrootsVote { vote }),
        Step::RecognitionCellVote => f.vote(step).map(|vote| Action::RecognitionCellVote { vote }),
        Step::RecognitionGrassrootsVote => f.vote(step).map(|vote| Action::RecognitionGrassrootsVote { vote }),
        Step::StrikeOffCellVote => f.vote(step).map(|vote| Action::StrikeOffCellVote { vote }),
        Step::StrikeOffGrassrootsVote => f.vote(step).map(|vote| Action::StrikeOffGrassrootsVote { vote }),
        Step::SendUp => f.date(keys::DATE).map(|date| Action::SendUp { date }),
        Step::ReceiveDecision => f.date(keys::DATE).map(|date| Action::ReceiveDecision { date }),
        Step::Decide => f.decision().map(|decision| Action::Decide { decision }),
        Step::RecognitionDecision => f.decision().map(|decision| Action::RecognitionDecision { decision }),
        Step::HoldCeremony => {
            let date = f.date(keys::DATE);
            let place = f.text(keys::PLACE);
            let helpers = f.members(keys::HELPERS);
            let number = f.text(keys::LATE_CONSENT_NUMBER);
            let consent_on = if number.is_empty() { f.opt_date(keys::LATE_CONSENT_DATE) } else { f.date(keys::LATE_CONSENT_DATE) };
            let late_consent = consent_on.map(|date| DocRef { number, date, signer: String::new() });
            date.map(|date| Action::HoldCeremony { ceremony: Ceremony { date, place, late_consent, helpers } })
        }
        Step::RecordAfterAdmission => f.after_admission(),
        Step::StartRecognition => {
            let self_review_on = f.date(keys::DATE);
            let helper_report_on = f.opt_date(keys::HELPER_REPORT_ON);
            let opinions_on = f.opt_date(keys::OPINIONS_ON);
            self_review_on.map(|self_review_on| Action::StartRecognition { self_review_on, helper_report_on, opinions_on })
        }
        Step::StrikeOff => {
            let document = f.document(true);
            let ballot = f.counts(VotingBody::StandingCommittee, false);
            let reason = f.required_text(keys::REASON);
            document.zip(ballot).map(|(document, ballot)| {
                let vote = ballot.map(|n| n.vote(document.clone()));
                Action::StrikeOff { document, vote, reason }
            })
        }
        Step::Withdraw => {
            let date = f.date(keys::DATE);
            let reason = f.required_text(keys::REASON);
            let document = date.and_then(|d| f.optional_document(d));
            date.map(|date| Action::Withdraw { date, reason, document })
        }
        Step::MoveAway => {
            let date = f.date(keys::DATE);
            let destination = f.required_text(keys::DESTINATION);
            let reason = f.text(keys::REASON);
            let document = date.and_then(|d| f.optional_document(d));
            date.map(|date| Action::MoveAway { date, destination, reason, document })
        }
        Step::CancelDecision => {
            let document = f.document(true);
            let reason = f.required_choice(keys::CANCEL_REASON).and_then(|v| match cancel_reason_of(v) {
                Some(r) => Some(r),
                None => {
                    f.r.error(keys::CANCEL_REASON, "Lý do hủy không hợp lệ.");
                    None
                }
            });
            let note = f.text(keys::NOTE);
            document.zip(reason).map(|(document, reason)| Action::CancelDecision { document, reason, note })
        }
    };
    f.r.finish(action)
}

/// The open legal deadline (DOMAIN.md §2.4) that this step would meet: among the candidate's
/// timers not yet done whose kind the step completes, the one due first. `None` when the step
/// has no deadline or none is running.
pub fn step_deadline<'a>(step: Step, c: &'a Candidate, ctx: &RuleContext<'a>) -> Option<Timer<'a>> {
    let kinds = step.spec().completes;
    if kinds.is_empty() {
        return None;
    }
    timers(c, ctx).into_iter().filter(|t| !t.is_done() && kinds.contains(&t.kind)).min_by_key(|t| t.deadline)
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
    /// The choices of the fields that `step`'s form has: members to help or introduce, the
    /// awareness classes, the verification requests waiting for a reply.
    fn of(step: Step, c: &Candidate, data: &WardData) -> Options {
        let asked: Vec<&str> = form(step, &Options::default()).into_iter().map(|f| f.key).collect();
        let has = |key: &str| asked.contains(&key);
        Options {
            members: if has(keys::HELPERS) || has(keys::INTRODUCERS[0].id) { member_options(c, data) } else { Vec::new() },
            classes: if has(keys::CLASS_ID) { class_options(data, ClassKind::NhanThuc) } else { Vec::new() },
            verifications: if has(keys::VERIFICATION) { verification_options(c) } else { Vec::new() },
        }
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

/// The two member introducers: their keys, and "thứ nhất", "thứ hai".
const INTRODUCERS: [(IntroducerKeys, &str); 2] = [(keys::INTRODUCERS[0], "thứ nhất"), (keys::INTRODUCERS[1], "thứ hai")];

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
    let n = Field::new(keys::NUMBER, number, FieldKind::DocNumber);
    vec![
        if number_required { n.required() } else { n },
        date(keys::DATE, date_label).required().hint(date_hint),
        text(keys::SIGNER, "Người ký"),
    ]
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
        count(keys::CONVENED, format!("Số {} được triệu tập", body.members_word())).hint(convened_hint),
        count(keys::PRESENT, "Số có mặt".into()),
        count(keys::YES, "Số tán thành".into()).hint(yes_hint.trim()),
        count(keys::NO, "Số không tán thành".into()),
    ]
}

/// The introduction (T4, R-INTRO): a union's resolution (optional) and up to two member
/// introducers.
fn introduction(members: &[(String, String)]) -> Vec<Field> {
    let bodies: Vec<(String, String)> = UNION_BODIES.iter().map(|b| (union_value(*b).to_string(), union_label(*b).to_string())).collect();
    let mut v = vec![
        Field::new(keys::UNION_BODY, "Đoàn thể giới thiệu bằng nghị quyết", FieldKind::Choice(bodies)).hint(
            "Người trong độ tuổi đoàn viên, nơi có tổ chức Đoàn: nghị quyết của Ban Chấp hành Đoàn cơ sở và một đảng viên \
             chính thức; không có Đoàn thì Công đoàn. Để trống khi hai đảng viên chính thức giới thiệu (R-294 §3.1).",
        ),
        Field::new(keys::UNION_NUMBER, "Số nghị quyết giới thiệu của đoàn thể", FieldKind::DocNumber),
        date(keys::UNION_DATE, "Ngày nghị quyết giới thiệu của đoàn thể"),
    ];
    for (k, ordinal) in &INTRODUCERS {
        let person = Field::new(k.id, format!("Người giới thiệu {}", ordinal), FieldKind::Choice(members.to_vec()));
        v.push(if *k == keys::INTRODUCERS[1] {
            person.hint("Khi không có nghị quyết giới thiệu của đoàn thể.")
        } else {
            person
        });
        v.push(
            date(k.since, &format!("Làm việc cùng từ ngày (người giới thiệu {})", ordinal))
                .hint("Cùng công tác, học tập, lao động hoặc cư trú với người vào Đảng trong cùng đơn vị ít nhất 12 tháng (R-294 §3.2)."),
        );
        v.push(
            Field::new(k.replacement, format!("Người giới thiệu {} do chi bộ phân công thay thế", ordinal), FieldKind::Check)
                .hint("Thay người giới thiệu đã chuyển đi hoặc không thể tiếp tục: không áp dụng điều kiện 12 tháng (R-294 §3.2.2)."),
        );
    }
    v
}

/// The form of `step` (DOMAIN.md §2.2, one arm per step).
fn form(step: Step, o: &Options) -> Vec<Field> {
    let helpers = |label: &str, hint: &str| Field::new(keys::HELPERS, label, FieldKind::MultiChoice(o.members.clone())).hint(hint);
    let classes = |label: &str| Field::new(keys::CLASS_ID, label, FieldKind::Choice(o.classes.clone()));
    let approved = |yes: &str, no: &str| choice(keys::APPROVED, "Kết luận", &[("true", yes), ("false", no)]).required();
    let mut v = match step {
        Step::AddToSourcePool => vec![
            date(keys::DATE, "Ngày đưa vào nguồn").required(),
            text(keys::PROPOSED_BY, "Tổ chức hoặc đảng viên đề xuất").hint("Ví dụ: Chi đoàn Tổ dân phố số 3, Hội Liên hiệp Phụ nữ phường."),
        ],
        Step::RecogniseSympathiser => {
            let mut v = document("Số nghị quyết", true, "Ngày nghị quyết", "Là ngày được xét là cảm tình Đảng (DOMAIN §2.2 T1).");
            v.push(text(keys::PROPOSED_BY, "Tổ chức hoặc đảng viên đề xuất"));
            v.push(helpers(
                "Đảng viên chính thức được phân công giúp đỡ",
                "Chi bộ phân công đảng viên chính thức giúp đỡ người cảm tình Đảng trong nghị quyết (R-38 §1.1d).",
            ));
            v
        }
        Step::ProposeClass => vec![date(keys::DATE, "Ngày đề nghị đi học").required(), classes("Lớp bồi dưỡng nhận thức về Đảng")],
        Step::RecordCertificate => vec![
            Field::new(keys::NUMBER, "Số giấy chứng nhận", FieldKind::DocNumber).required(),
            date(keys::DATE, "Ngày cấp giấy chứng nhận")
                .required()
                .hint("Giấy chứng nhận có giá trị 60 tháng kể từ ngày cấp (R-06 §5.4b)."),
            text(keys::ISSUER, "Nơi cấp").hint("Ví dụ: Trung tâm chính trị phường."),
            classes("Lớp đã học"),
        ],
        Step::GrantPermission => document(
            "Số quyết định (thông báo)",
            false,
            "Ngày quyết định",
            "Quyết định cho cảm tình Đảng được làm thủ tục xem xét kết nạp (R-38 §1.1c).",
        ),
        Step::OpenDossier => {
            let mut v = vec![date(keys::DATE, "Ngày lập hồ sơ")
                .required()
                .hint("Giấy tờ trong hồ sơ có giá trị 12 tháng kể từ ngày này (R-06 §5.4a).")];
            v.extend(introduction(&o.members));
            v
        }
        Step::RenewDossier => {
            let mut v = vec![date(keys::DATE, "Ngày làm lại giấy tờ").required().hint(
                "Hồ sơ quá 12 tháng mà chi bộ chưa xét: làm lại giấy giới thiệu, nghị quyết giới thiệu của đoàn thể; 12 \
                 tháng tính lại từ ngày này (R-06 §5.4a).",
            )];
            v.extend(introduction(&o.members));
            v
        }
        Step::SendVerification => vec![
            text(keys::SUBJECT, "Người được thẩm tra").required().hint("Bản thân, Bố, Mẹ, Vợ, Chồng …"),
            text(keys::PLACE, "Cấp ủy nơi gửi thẩm tra"),
            date(keys::DATE, "Ngày gửi thẩm tra").required(),
            Field::new(keys::ABROAD, "Thẩm tra ở nước ngoài", FieldKind::Check)
                .hint("Hạn trả lời 90 ngày làm việc thay vì 30 (R-06 §3.4d)."),
        ],
        Step::ReturnVerification => vec![
            Field::new(keys::VERIFICATION, "Yêu cầu thẩm tra", FieldKind::Choice(o.verifications.clone())).required(),
            date(keys::DATE, "Ngày nhận kết quả thẩm tra").required(),
        ],
        Step::CertifyCv => vec![
            date(keys::DATE, "Ngày chứng nhận lý lịch").required().hint("Chỉ chứng nhận sau khi đã nhận đủ kết quả thẩm tra (R-06 §3.3b)."),
            text(keys::SIGNER, "Người ký chứng nhận"),
            choice(keys::ELIGIBLE, "Kết luận", &[("true", "Đủ điều kiện"), ("false", "Không đủ điều kiện")])
                .required()
                .hint("Chỉ ghi kết luận của cấp ủy, không ghi nội dung lý lịch (DOMAIN §2.3 R-POLITICAL)."),
        ],
        Step::CollectOpinions => vec![
            date(keys::DATE, "Ngày tổng hợp ý kiến").required(),
            Field::new(keys::ORGANISATIONS, "Đoàn thể và chi ủy nơi cư trú đã lấy ý kiến", FieldKind::Lines)
                .hint("Mỗi dòng một tổ chức: đoàn thể chính trị - xã hội nơi sinh hoạt, chi ủy nơi cư trú (R-06 §3.5)."),
        ],
        Step::CellVote
        | Step::GrassrootsVote
        | Step::RecognitionCellVote
        | Step::RecognitionGrassrootsVote
        | Step::StrikeOffCellVote
        | Step::StrikeOffGrassrootsVote => {
            let body = step.spec().voting_body.unwrap_or(VotingBody::Cell);
            let mut v = document("Số nghị quyết", true, "Ngày nghị quyết", "");
            v.extend(counts(body, true));
            v
        }
        Step::SendUp => vec![date(keys::DATE, "Ngày gửi hồ sơ lên Đảng ủy").required()],
        Step::Decide => {
            let mut v = vec![approved("Đồng ý kết nạp", "Không đồng ý kết nạp")];
            let mut d = document("Số quyết định kết nạp", false, "Ngày quyết định", "");
            d[0] = d[0].clone().hint("Bắt buộc khi đồng ý kết nạp; khi không đồng ý, ghi số thông báo (nếu có).");
            v.extend(d);
            v.extend(counts(VotingBody::StandingCommittee, false));
            v
        }
        Step::ReceiveDecision => vec![date(keys::DATE, "Ngày chi bộ nhận quyết định")
            .required()
            .hint("Lễ kết nạp tổ chức trong 30 ngày làm việc kể từ ngày này (R-294 §4.1).")],
        Step::HoldCeremony => vec![
            date(keys::DATE, "Ngày lễ kết nạp").required().hint("Thời gian dự bị 12 tháng tính từ ngày này (R-06 §4.2)."),
            text(keys::PLACE, "Địa điểm"),
            helpers("Đảng viên chính thức được phân công giúp đỡ đảng viên dự bị", "Chi ủy phân công tại lễ kết nạp (R-06 §3.8c)."),
            Field::new(keys::LATE_CONSENT_NUMBER, "Số văn bản đồng ý của cấp ủy cấp trên", FieldKind::DocNumber)
                .hint("Chỉ khi lễ kết nạp quá 30 ngày làm việc kể từ ngày nhận quyết định (R-294 §4.1)."),
            date(keys::LATE_CONSENT_DATE, "Ngày văn bản đồng ý của cấp ủy cấp trên"),
        ],
        Step::RecordAfterAdmission => vec![
            date(keys::MEMBER_RECORDS_ON, "Ngày hoàn thành lý lịch đảng viên, phiếu đảng viên")
                .hint("Trong 30 ngày làm việc kể từ lễ kết nạp (R-38 §2.2)."),
            Field::new(keys::RECORD_NUMBER, "Số lý lịch đảng viên", FieldKind::DocNumber).hint("Ví dụ: 000123TN (R-38 §1.2)."),
            date(keys::DATABASE_ENTRY_ON, "Ngày nhập cơ sở dữ liệu đảng viên"),
            Field::new(keys::CERTIFICATE_NUMBER, "Số giấy chứng nhận lớp bồi dưỡng đảng viên mới", FieldKind::DocNumber)
                .hint("Đảng viên dự bị học lớp bồi dưỡng đảng viên mới (R-06 §4.1)."),
            date(keys::CERTIFICATE_DATE, "Ngày cấp giấy chứng nhận lớp đảng viên mới"),
            text(keys::CERTIFICATE_ISSUER, "Nơi cấp giấy chứng nhận lớp đảng viên mới"),
        ],
        Step::StartRecognition => vec![
            date(keys::DATE, "Ngày viết bản tự kiểm điểm").required().hint("Viết sau khi hết 12 tháng dự bị (R-06 §4.2)."),
            date(keys::HELPER_REPORT_ON, "Ngày nhận xét của đảng viên được phân công giúp đỡ"),
            date(keys::OPINIONS_ON, "Ngày tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú"),
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
            v.push(text(keys::REASON, "Lý do xóa tên").required());
            v.extend(counts(VotingBody::StandingCommittee, false));
            v
        }
        Step::Withdraw => vec![
            date(keys::DATE, "Ngày rút khỏi danh sách").required(),
            text(keys::REASON, "Lý do").required(),
            Field::new(keys::NUMBER, "Số nghị quyết (văn bản), nếu có", FieldKind::DocNumber),
            text(keys::SIGNER, "Người ký"),
        ],
        Step::MoveAway => vec![
            date(keys::DATE, "Ngày chuyển đi").required(),
            text(keys::DESTINATION, "Nơi chuyển đến").required().hint("Ví dụ: Đảng ủy phường Tân Lập."),
            text(keys::REASON, "Lý do"),
            Field::new(keys::NUMBER, "Số công văn chuyển hồ sơ, nếu có", FieldKind::DocNumber)
                .hint("Hồ sơ đã gửi lên mà chưa có quyết định: chuyển trong 15 ngày làm việc (R-06 §3.9b)."),
            text(keys::SIGNER, "Người ký"),
        ],
        Step::CancelDecision => {
            let reasons: Vec<(&str, &str)> = CANCEL_REASONS.iter().map(|r| (cancel_reason_value(*r), r.label())).collect();
            let mut v = document("Số quyết định hủy", true, "Ngày quyết định", "");
            v.push(choice(keys::CANCEL_REASON, "Lý do hủy", &reasons).required().hint(
                "Quyết định chỉ sai thủ tục, thẩm quyền mà người vào Đảng đủ điều kiện thì không hủy: làm lại bước sai \
                 (R-38 §I.3b).",
            ));
            v.push(text(keys::NOTE, "Ghi chú"));
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
        self.r.choice(keys::CLASS_ID).map(ClassId::new)
    }

    /// `number`, `date`, `signer` as one document.
    fn document(&mut self, number_required: bool) -> Option<DocRef> {
        let number = if number_required { self.required_text(keys::NUMBER) } else { self.text(keys::NUMBER) };
        let signer = self.text(keys::SIGNER);
        let date = self.date(keys::DATE);
        date.map(|date| DocRef { number, date, signer })
    }

    /// A document given by its number (or signer) only, dated on the step's date.
    fn optional_document(&self, date: NaiveDate) -> Option<DocRef> {
        let number = self.text(keys::NUMBER);
        let signer = self.text(keys::SIGNER);
        (!number.is_empty() || !signer.is_empty()).then_some(DocRef { number, date, signer })
    }

    /// The four counts: `Some(Some(_))` when read and coherent, `Some(None)` when an optional
    /// ballot is left empty, `None` on an error (recorded).
    fn counts(&mut self, body: VotingBody, required: bool) -> Option<Option<Counts>> {
        const KEYS: [&str; 4] = [keys::CONVENED, keys::PRESENT, keys::YES, keys::NO];
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

    /// A vote of `step`'s voting body: the resolution and the four counts, all required.
    fn vote(&mut self, step: Step) -> Option<Vote> {
        let resolution = self.document(true);
        let counts = self.counts(step.spec().voting_body.unwrap_or(VotingBody::Cell), true);
        resolution.zip(counts.flatten()).map(|(resolution, n)| n.vote(resolution))
    }

    /// A decision: approved or not, its document (the number required when approving: apply
    /// refuses it otherwise; a refusal is often only a notice) and the Standing Committee's
    /// optional ballot.
    fn decision(&mut self) -> Option<Decision> {
        let approved = self.yes_no(keys::APPROVED);
        let document = self.document(approved == Some(true));
        let ballot = self.counts(VotingBody::StandingCommittee, false);
        match (approved, document, ballot) {
            (Some(approved), Some(document), Some(ballot)) => {
                let vote = ballot.map(|n| n.vote(document.clone()));
                Some(Decision { document, vote, approved })
            }
            _ => None,
        }
    }

    /// A dossier opened or renewed: its date, the union's introduction and the introducers.
    fn dossier(&mut self) -> Option<(NaiveDate, Option<UnionIntroduction>, Vec<Introducer>)> {
        let date = self.date(keys::DATE);
        let union_introduction = self.union_introduction();
        let introducers = self.introducers(date);
        date.map(|date| (date, union_introduction, introducers))
    }

    /// The union's introduction resolution, if a union is chosen (R-INTRO).
    fn union_introduction(&mut self) -> Option<UnionIntroduction> {
        let body = self.r.choice(keys::UNION_BODY);
        let typed = !self.r.raw(keys::UNION_NUMBER).is_empty() || !self.r.raw(keys::UNION_DATE).is_empty();
        let Some(body) = body else {
            if typed {
                self.r.error(keys::UNION_BODY, "Chưa chọn đoàn thể giới thiệu bằng nghị quyết.");
            }
            return None;
        };
        let Some(body) = UNION_BODIES.into_iter().find(|b| union_value(*b) == body) else {
            self.r.error(keys::UNION_BODY, "Đoàn thể giới thiệu không hợp lệ.");
            return None;
        };
        let number = self.required_text(keys::UNION_NUMBER);
        let date = self.date(keys::UNION_DATE)?;
        Some(UnionIntroduction { body, resolution: DocRef { number, date, signer: String::new() } })
    }

    /// The member introducers chosen (R-INTRO). A cell-assigned replacement without a date
    /// counts from the step's date (`fallback`): the 12 months do not apply to it.
    fn introducers(&mut self, fallback: Option<NaiveDate>) -> Vec<Introducer> {
        let mut out = Vec::new();
        for (k, ordinal) in &INTRODUCERS {
            let replacement = self.r.check(k.replacement);
            let Some(id) = self.r.choice(k.id) else {
                if replacement || !self.r.raw(k.since).is_empty() {
                    self.r.error(k.id, format!("Chưa chọn người giới thiệu {}.", ordinal));
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
        let member_records_on = self.opt_date(keys::MEMBER_RECORDS_ON);
        let record_number = Some(self.text(keys::RECORD_NUMBER)).filter(|s| !s.is_empty());
        let database_entry_on = self.opt_date(keys::DATABASE_ENTRY_ON);
        let number = self.text(keys::CERTIFICATE_NUMBER);
        let issuer = self.text(keys::CERTIFICATE_ISSUER);
        let cert_typed = !number.is_empty() || !issuer.is_empty() || !self.r.raw(keys::CERTIFICATE_DATE).is_empty();
        let new_member_certificate = if cert_typed {
            let number = self.required_text(keys::CERTIFICATE_NUMBER);
            self.date(keys::CERTIFICATE_DATE).map(|issued_on| Certificate { number, issued_on, issuer, class_id: None })
        } else {
            None
        };
        let nothing = member_records_on.is_none()
            && record_number.is_none()
            && database_entry_on.is_none()
            && !cert_typed
            && [keys::MEMBER_RECORDS_ON, keys::DATABASE_ENTRY_ON].iter().all(|k| self.r.raw(k).is_empty());
        if nothing {
            self.r.error(keys::NONE, "Chưa nhập thông tin nào để ghi.");
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
    use crate::rules::{LocalParams, TimerKind};
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

    /// The form key of every [`TransitionError::Invalid`] that [`apply`] gives for some
    /// spoiling of `step`'s typical action: each text emptied, each date moved far into the
    /// past and the future, each number set to 0 and to 999, each yes/no flipped (through the
    /// action's JSON, so that every field of every step is tried).
    fn invalid_keys(step: Step) -> BTreeSet<&'static str> {
        use serde_json::Value;
        fn leaves(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
            match v {
                Value::Object(m) => {
                    for (k, x) in m {
                        path.push(k.clone());
                        leaves(x, path, out);
                        path.pop();
                    }
                }
                Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        path.push(i.to_string());
                        leaves(x, path, out);
                        path.pop();
                    }
                }
                _ => out.push(path.clone()),
            }
        }
        fn node<'v>(v: &'v mut Value, path: &[String]) -> &'v mut Value {
            path.iter().fold(v, |v, k| match v {
                Value::Array(a) => &mut a[k.parse::<usize>().unwrap()],
                v => &mut v[k.as_str()],
            })
        }
        let (env, c) = at(step);
        let invalid = |a: &Action| match apply(&c, a, &env.ctx(), ts(), &[] as &[&str]) {
            Err(TransitionError::Invalid { field, .. }) => Some(field),
            _ => None,
        };
        let action = build(step, &c, &typical(step, &c)).unwrap();
        let json = serde_json::to_value(&action).unwrap();
        let mut paths = Vec::new();
        leaves(&json, &mut Vec::new(), &mut paths);
        let mut found = BTreeSet::new();
        for path in paths.iter().filter(|p| p.as_slice() != ["step"]) {
            let spoiled: Vec<Value> = match node(&mut json.clone(), path) {
                Value::String(x) if NaiveDate::parse_from_str(x, "%Y-%m-%d").is_ok() => {
                    vec!["1990-01-01".into(), "2100-01-01".into()]
                }
                Value::String(_) => vec!["".into(), "  ".into()],
                Value::Number(_) => vec![0.into(), 999.into()],
                Value::Bool(b) => vec![(!*b).into()],
                _ => vec![],
            };
            for x in spoiled {
                let mut v = json.clone();
                *node(&mut v, path) = x;
                // A spoiling the action cannot hold (an unknown cancel reason) is no case.
                let Ok(a) = serde_json::from_value::<Action>(v) else { continue };
                found.extend(invalid(&a));
            }
        }
        // After admission, the records are all optional: nothing typed at all.
        if step == Step::RecordAfterAdmission {
            let none = Action::RecordAfterAdmission {
                member_records_on: None,
                record_number: None,
                database_entry_on: None,
                new_member_certificate: None,
            };
            found.extend(invalid(&none));
        }
        found
    }

    /// Every key that `apply` reports for a step names a field of that step's form (or, for
    /// the after-admission records whose date is the latest of several, no field), and these
    /// are all the keys it reports.
    #[test]
    fn every_key_apply_reports_is_a_field_of_the_steps_form() {
        use Step as S;
        const VOTE: &[&str] = &["convened", "date", "present", "yes"];
        for step in Step::ALL {
            let ks = keys(&form(step, &Options::default()));
            let found = invalid_keys(step);
            for key in &found {
                if *key == keys::NONE {
                    assert_eq!(step.spec().date_key, keys::NONE, "{step:?}: an error on no field");
                } else {
                    assert!(ks.contains(key), "{step:?}: apply reports {key:?}, which is no field of its form {ks:?}");
                }
            }
            let expected: &[&str] = match step {
                S::AddToSourcePool
                | S::RecogniseSympathiser
                | S::ProposeClass
                | S::GrantPermission
                | S::OpenDossier
                | S::RenewDossier
                | S::CertifyCv
                | S::CollectOpinions
                | S::SendUp
                | S::ReceiveDecision
                | S::HoldCeremony => &["date"],
                S::RecordCertificate | S::CancelDecision => &["date", "number"],
                S::SendVerification => &["date", "subject"],
                S::ReturnVerification => &["date", "verification"],
                S::CellVote
                | S::GrassrootsVote
                | S::RecognitionCellVote
                | S::RecognitionGrassrootsVote
                | S::StrikeOffCellVote
                | S::StrikeOffGrassrootsVote => VOTE,
                S::Decide | S::RecognitionDecision => &["convened", "date", "number", "present", "yes"],
                S::RecordAfterAdmission => &["", "certificate_date", "certificate_number", "database_entry_on", "member_records_on"],
                S::StartRecognition => &["date", "helper_report_on", "opinions_on"],
                S::StrikeOff => &["convened", "date", "number", "present", "reason", "yes"],
                S::Withdraw => &["date", "reason"],
                S::MoveAway => &["date", "destination"],
            };
            assert_eq!(found.into_iter().collect::<Vec<_>>(), expected, "{step:?}");
        }

        // An error of apply on a built action lands on the right field.
        let (env, c) = at(Step::CellVote);
        let mut v = typical(Step::CellVote, &c);
        v.insert("date".into(), "01/01/2025".into());
        let a = build(Step::CellVote, &c, &v).unwrap();
        match apply(&c, &a, &env.ctx(), ts(), &[] as &[&str]) {
            Err(TransitionError::Invalid { field, .. }) => assert_eq!(field, "date"),
            e => panic!("{e:?}"),
        }
    }

    /// The keys each step's form asks, in order: the UI, its drafts and its end-to-end tests
    /// rely on them.
    #[test]
    fn each_steps_form_asks_the_same_keys_as_before() {
        use Step as S;
        const DOC: [&str; 3] = ["number", "date", "signer"];
        const COUNTS: [&str; 4] = ["convened", "present", "yes", "no"];
        const INTRO: [&str; 9] = [
            "union_body",
            "union_number",
            "union_date",
            "introducer1",
            "introducer1_since",
            "introducer1_replacement",
            "introducer2",
            "introducer2_since",
            "introducer2_replacement",
        ];
        let cat = |parts: &[&[&'static str]]| -> Vec<&'static str> { parts.concat() };
        for step in Step::ALL {
            let expected = match step {
                S::AddToSourcePool => cat(&[&["date", "proposed_by"]]),
                S::RecogniseSympathiser => cat(&[&DOC, &["proposed_by", "helpers"]]),
                S::ProposeClass => cat(&[&["date", "class_id"]]),
                S::RecordCertificate => cat(&[&["number", "date", "issuer", "class_id"]]),
                S::GrantPermission => cat(&[&DOC]),
                S::OpenDossier | S::RenewDossier => cat(&[&["date"], &INTRO]),
                S::SendVerification => cat(&[&["subject", "place", "date", "abroad"]]),
                S::ReturnVerification => cat(&[&["verification", "date"]]),
                S::CertifyCv => cat(&[&["date", "signer", "eligible"]]),
                S::CollectOpinions => cat(&[&["date", "organisations"]]),
                S::CellVote
                | S::GrassrootsVote
                | S::RecognitionCellVote
                | S::RecognitionGrassrootsVote
                | S::StrikeOffCellVote
                | S::StrikeOffGrassrootsVote => cat(&[&DOC, &COUNTS]),
                S::SendUp | S::ReceiveDecision => cat(&[&["date"]]),
                S::Decide | S::RecognitionDecision => cat(&[&["approved"], &DOC, &COUNTS]),
                S::HoldCeremony => cat(&[&["date", "place", "helpers", "late_consent_number", "late_consent_date"]]),
                S::RecordAfterAdmission => cat(&[&[
                    "member_records_on",
                    "record_number",
                    "database_entry_on",
                    "certificate_number",
                    "certificate_date",
                    "certificate_issuer",
                ]]),
                S::StartRecognition => cat(&[&["date", "helper_report_on", "opinions_on"]]),
                S::StrikeOff => cat(&[&DOC, &["reason"], &COUNTS]),
                S::Withdraw => cat(&[&["date", "reason", "number", "signer"]]),
                S::MoveAway => cat(&[&["date", "destination", "reason", "number", "signer"]]),
                S::CancelDecision => cat(&[&DOC, &["cancel_reason", "note"]]),
            };
            assert_eq!(keys(&form(step, &Options::default())), expected, "{step:?}");
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
