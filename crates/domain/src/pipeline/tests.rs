//! Tests of the state machine (docs/domain.md §2.1–2.2): the happy path, each kind of error,
//! the rules at their steps, lateness, rule-set versions, and property tests.

use super::*;
use crate::calendar::WorkingCalendar;
use crate::model::*;
use crate::rules::testkit::*;
use crate::rules::{LocalParams, RuleContext, RuleSets};
use chrono::NaiveDate;

pub(crate) struct Env {
    pub rule_sets: &'static RuleSets,
    pub local: LocalParams,
    pub calendar: WorkingCalendar,
    pub members: Vec<PartyMember>,
    pub cell: Cell,
    pub today: NaiveDate,
}

impl Env {
    pub fn new(level: CellLevel) -> Env {
        Env {
            rule_sets: RuleSets::builtin().unwrap(),
            local: LocalParams::default(),
            calendar: calendar(),
            members: members(),
            cell: cell(level),
            today: d(2030, 12, 31),
        }
    }
    pub fn ctx(&self) -> RuleContext<'_> {
        RuleContext::new(self.rule_sets, &self.local, &self.calendar, &self.members, self.today).with_cell(&self.cell)
    }
}

/// Applies with every warning acknowledged; panics on any other error.
pub(crate) fn ok(env: &Env, c: &Candidate, a: Action) -> Candidate {
    applied(env, c, a).candidate
}

pub(crate) fn applied(env: &Env, c: &Candidate, a: Action) -> Applied {
    let ctx = env.ctx();
    match apply(c, &a, &ctx, ts(), &[] as &[&str]) {
        Ok(x) => x,
        Err(TransitionError::NeedsConfirmation(w)) => {
            let codes: Vec<&str> = w.iter().map(|f| f.code).collect();
            apply(c, &a, &ctx, ts(), &codes).unwrap_or_else(|e| panic!("{:?} failed after ack: {e:?}", a.step()))
        }
        Err(e) => panic!("{:?} from {:?} failed: {e:?}", a.step(), c.stage),
    }
}

pub(crate) fn err(env: &Env, c: &Candidate, a: Action) -> TransitionError {
    let before = c.clone();
    let e = apply(c, &a, &env.ctx(), ts(), &[] as &[&str]).expect_err("expected an error");
    assert_eq!(c, &before);
    e
}

fn codes(e: &TransitionError) -> Vec<&'static str> {
    match e {
        TransitionError::Blocked(f) | TransitionError::NeedsConfirmation(f) => f.iter().map(|f| f.code).collect(),
        _ => vec![],
    }
}

pub(crate) fn decision(number: &str, date: NaiveDate, approved: bool) -> Decision {
    Decision { document: doc(number, date), vote: Some(vote(date, 7, 7, 6, 1)), approved }
}

/// The canonical actions of the main path, in order, for a cell of `level`.
pub(crate) fn main_path(level: CellLevel) -> Vec<Action> {
    let inside = level == CellLevel::TrongDangBoCoSo;
    let mut v = vec![
        Action::AddToSourcePool { date: d(2025, 7, 20), proposed_by: "Đoàn Thanh niên".into() },
        Action::RecogniseSympathiser {
            resolution: doc("05-NQ/CB", d(2025, 8, 1)),
            proposed_by: "Đoàn Thanh niên".into(),
            helpers: vec![MemberId::new("m1")],
        },
        Action::ProposeClass { date: d(2025, 8, 5), class_id: None },
        Action::RecordCertificate {
            certificate: Certificate { number: "101/CN".into(), issued_on: d(2025, 9, 1), issuer: "TTCT phường".into(), class_id: None },
        },
        Action::GrantPermission { document: doc("12-TB/ĐU", d(2025, 9, 15)) },
        Action::OpenDossier {
            opened_on: d(2025, 10, 1),
            union_introduction: Some(UnionIntroduction { body: UnionBody::DoanThanhNien, resolution: doc("03-NQ/ĐTN", d(2025, 9, 28)) }),
            introducers: vec![introducer("m1", d(2020, 1, 1))],
        },
        Action::SendVerification {
            subject: "Bản thân".into(), place: "Đảng ủy xã X".into(), sent_on: d(2025, 10, 5), abroad: false
        },
        Action::ReturnVerification { index: 0, returned_on: d(2025, 10, 20) },
        Action::CertifyCv { certification: CvCertification { date: d(2025, 10, 25), signer: "Bí thư".into(), eligible: true } },
        Action::CollectOpinions { opinions: Opinions { date: d(2025, 10, 28), organisations: vec!["Đoàn Thanh niên".into()] } },
        Action::CellVote { vote: vote(d(2025, 11, 3), 12, 11, 10, 1) },
    ];
    if inside {
        v.push(Action::GrassrootsVote { vote: vote(d(2025, 11, 10), 9, 9, 8, 1) });
        v.push(Action::SendUp { date: d(2025, 11, 12) });
    } else {
        v.push(Action::SendUp { date: d(2025, 11, 6) });
    }
    v.extend([
        Action::Decide { decision: decision("123-QĐ/ĐU", d(2025, 12, 1), true) },
        Action::ReceiveDecision { date: d(2025, 12, 3) },
        Action::HoldCeremony {
            ceremony: Ceremony {
                date: d(2025, 12, 10),
                place: "Nhà văn hóa".into(),
                late_consent: None,
                helpers: vec![MemberId::new("m1")],
            },
        },
        Action::RecordAfterAdmission {
            member_records_on: Some(d(2025, 12, 20)),
            record_number: Some("000123TN".into()),
            database_entry_on: Some(d(2025, 12, 22)),
            new_member_certificate: Some(Certificate {
                number: "55/ĐVM".into(),
                issued_on: d(2026, 3, 1),
                issuer: String::new(),
                class_id: None,
            }),
        },
        Action::StartRecognition {
            self_review_on: d(2026, 12, 10),
            helper_report_on: Some(d(2026, 12, 11)),
            opinions_on: Some(d(2026, 12, 11)),
        },
        Action::RecognitionCellVote { vote: vote(d(2026, 12, 15), 12, 12, 11, 1) },
    ]);
    if inside {
        v.push(Action::RecognitionGrassrootsVote { vote: vote(d(2026, 12, 18), 9, 9, 9, 0) });
    }
    v.push(Action::RecognitionDecision { decision: decision("200-QĐ/ĐU", d(2026, 12, 28), true) });
    v
}

/// Walks the main path until the candidate reaches `target` (checking the invariants at
/// every step).
pub(crate) fn walk_to(env: &Env, target: Stage) -> Candidate {
    let mut c = candidate();
    if c.stage == target {
        return c;
    }
    for a in main_path(env.cell.level) {
        c = ok(env, &c, a);
        check_invariants(&c).unwrap();
        if c.stage == target && !(target == Stage::ThamTra && c.process.verifications.iter().any(|v| v.returned_on.is_none())) {
            return c;
        }
    }
    panic!("stage {target:?} not on the main path")
}

#[test]
fn happy_path_to_official_member_directly_under_the_ward() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::ChinhThuc);
    assert_eq!(c.stage, Stage::ChinhThuc);
    // Official at the end of the 12 months from the ceremony (R-294 §4.2.2).
    assert_eq!(official_date(&c, env.rule_sets), Some(d(2026, 12, 10)));
    assert!(c.history.iter().all(|r| r.rule_set == "2025"));
    assert!(c.history.iter().all(|r| r.late.is_none()), "{:?}", c.history.iter().filter(|r| r.late.is_some()).collect::<Vec<_>>());
    assert_eq!(c.history.first().unwrap().from, Stage::Nguon);
    assert!(allowed_steps(&c, Some(&env.cell), env.rule_sets).is_empty());
    assert_eq!(c.updated_at, ts());
}

#[test]
fn happy_path_inside_a_grassroots_organisation() {
    let env = Env::new(CellLevel::TrongDangBoCoSo);
    let c = walk_to(&env, Stage::ChinhThuc);
    assert!(c.history.iter().any(|r| r.step == Step::GrassrootsVote && r.to == Stage::DangUyCoSoXet));
    assert!(c.history.iter().any(|r| r.step == Step::RecognitionGrassrootsVote));
}

#[test]
fn grassroots_vote_only_for_cells_inside_a_grassroots_organisation() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::ChiBoXet);
    let e = err(&env, &c, Action::GrassrootsVote { vote: vote(d(2025, 11, 10), 9, 9, 8, 1) });
    assert_eq!(e, TransitionError::NotAllowed { from: Stage::ChiBoXet, step: Step::GrassrootsVote });
    assert!(!allowed_steps(&c, Some(&env.cell), env.rule_sets).contains(&Step::GrassrootsVote));
    let env2 = Env::new(CellLevel::TrongDangBoCoSo);
    assert!(allowed_steps(&c, Some(&env2.cell), env2.rule_sets).contains(&Step::GrassrootsVote));
    assert!(!allowed_steps(&c, Some(&env2.cell), env2.rule_sets).contains(&Step::SendUp));
}

#[test]
fn step_not_allowed_from_the_stage() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::CamTinh);
    let e = err(&env, &c, Action::CellVote { vote: vote(d(2025, 11, 3), 12, 11, 10, 1) });
    assert_eq!(e, TransitionError::NotAllowed { from: Stage::CamTinh, step: Step::CellVote });
    assert!(e.to_string().contains("Chi bộ họp xét"));
    assert_eq!(
        allowed_steps(&c, Some(&env.cell), env.rule_sets),
        vec![Step::ProposeClass, Step::RecordCertificate, Step::Withdraw, Step::MoveAway]
    );
}

#[test]
fn invalid_data_is_refused_in_vietnamese() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::LayYKien);
    // Date before the previous step.
    match err(&env, &c, Action::CellVote { vote: vote(d(2025, 10, 27), 12, 11, 10, 1) }) {
        TransitionError::Invalid { field, message } => {
            assert_eq!(field, "date");
            assert!(message.contains("27/10/2025") && message.contains("trước ngày của bước trước"), "{message}");
        }
        e => panic!("{e:?}"),
    }
    // yes + no > present.
    match err(&env, &c, Action::CellVote { vote: vote(d(2025, 11, 3), 12, 9, 9, 1) }) {
        TransitionError::Invalid { field, .. } => assert_eq!(field, "yes"),
        e => panic!("{e:?}"),
    }
    // present > convened; nobody convened.
    assert!(matches!(
        err(&env, &c, Action::CellVote { vote: vote(d(2025, 11, 3), 12, 13, 9, 1) }),
        TransitionError::Invalid { field: "present", .. }
    ));
    assert!(matches!(
        err(&env, &c, Action::CellVote { vote: vote(d(2025, 11, 3), 0, 0, 0, 0) }),
        TransitionError::Invalid { field: "convened", .. }
    ));
    // A date in the future.
    let mut env2 = Env::new(CellLevel::TrucThuoc);
    env2.today = d(2025, 11, 2);
    assert!(matches!(err(&env2, &c, Action::CellVote { vote: vote(d(2025, 11, 3), 12, 11, 10, 1) }), TransitionError::Invalid { .. }));
    // A decision without number.
    let c = walk_to(&env, Stage::ChoQuyetDinh);
    assert!(matches!(
        err(&env, &c, Action::Decide { decision: decision(" ", d(2025, 12, 1), true) }),
        TransitionError::Invalid { field: "number", .. }
    ));
}

#[test]
fn under_18_blocks_the_cell_vote() {
    let env = Env::new(CellLevel::TrucThuoc);
    let mut c = walk_to(&env, Stage::LayYKien);
    c.birth_date = d(2008, 3, 20);
    let e = err(&env, &c, Action::CellVote { vote: vote(d(2025, 11, 3), 12, 11, 10, 1) });
    match &e {
        TransitionError::Blocked(f) => {
            assert_eq!(f[0].code, "R-AGE-UNDER-18");
            assert_eq!(f[0].message, "Người vào Đảng chưa đủ 18 tuổi vào ngày chi bộ xét (17 tuổi 7 tháng).");
        }
        e => panic!("{e:?}"),
    }
}

#[test]
fn warnings_need_confirmation_and_are_recorded() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::ChiBoXet);
    let mut c2 = walk_to(&env, Stage::LayYKien);
    // Introduced by two members although of youth age: a warning to confirm.
    c2.process.dossier.as_mut().unwrap().union_introduction = None;
    c2.process.dossier.as_mut().unwrap().introducers.push(introducer("m2", d(2020, 1, 1)));
    let a = Action::CellVote { vote: vote(d(2025, 11, 3), 12, 11, 10, 1) };
    let e = err(&env, &c2, a.clone());
    assert!(matches!(e, TransitionError::NeedsConfirmation(_)));
    assert_eq!(codes(&e), ["R-INTRO-YOUTH-UNION"]);
    let r = apply(&c2, &a, &env.ctx(), ts(), &["R-INTRO-YOUTH-UNION"]).unwrap();
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.candidate.history.last().unwrap().acknowledged, vec!["R-INTRO-YOUTH-UNION".to_string()]);
    assert_eq!(r.candidate.stage, c.stage);
}

#[test]
fn failed_cell_votes_then_t16_then_a_new_vote() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::LayYKien);
    let fail1 = Action::CellVote { vote: vote(d(2025, 11, 3), 12, 12, 7, 5) };
    let e = err(&env, &c, fail1.clone());
    assert_eq!(codes(&e), ["R-VOTE-FAILED-REPORT"]);
    let c = ok(&env, &c, fail1);
    assert_eq!(c.stage, Stage::KhongDat);
    check_invariants(&c).unwrap();
    assert!(allowed_steps(&c, Some(&env.cell), env.rule_sets).contains(&Step::CellVote));
    let c = ok(&env, &c, Action::CellVote { vote: vote(d(2025, 12, 1), 12, 12, 7, 5) });
    let third = Action::CellVote { vote: vote(d(2026, 1, 5), 12, 12, 6, 6) };
    assert_eq!(codes(&err(&env, &c, third.clone())), ["R-T16-REPORT-SUPERIOR"]);
    let c = ok(&env, &c, third);
    assert_eq!(c.stage, Stage::KhongDat);
    // A later vote that passes moves on.
    let c = ok(&env, &c, Action::CellVote { vote: vote(d(2026, 2, 2), 12, 12, 8, 4) });
    assert_eq!(c.stage, Stage::ChiBoXet);
    check_invariants(&c).unwrap();
}

#[test]
fn competent_committee_may_refuse_after_a_failed_vote_but_not_admit() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::LayYKien);
    let c = ok(&env, &c, Action::CellVote { vote: vote(d(2025, 11, 3), 12, 12, 7, 5) });
    let e = err(&env, &c, Action::Decide { decision: decision("9-QĐ/ĐU", d(2025, 12, 1), true) });
    assert_eq!(codes(&e), ["R-DECISION-NO-PROPOSAL"]);
    let c = ok(&env, &c, Action::Decide { decision: decision("9-TB/ĐU", d(2025, 12, 1), false) });
    assert_eq!(c.stage, Stage::BiTuChoi);
    assert!(allowed_steps(&c, Some(&env.cell), env.rule_sets).is_empty());
    check_invariants(&c).unwrap();
}

#[test]
fn not_approved_is_final() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::ChoQuyetDinh);
    let c = ok(&env, &c, Action::Decide { decision: decision("", d(2025, 12, 1), false) });
    assert_eq!(c.stage, Stage::BiTuChoi);
    assert!(matches!(
        err(&env, &c, Action::MoveAway { date: d(2026, 1, 1), destination: "X".into(), reason: String::new(), document: None }),
        TransitionError::NotAllowed { .. }
    ));
}

#[test]
fn standing_committee_half_is_not_enough() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::ChoQuyetDinh);
    let mut dec = decision("123-QĐ/ĐU", d(2025, 12, 1), true);
    dec.vote = Some(vote(d(2025, 12, 1), 6, 6, 3, 3));
    assert_eq!(codes(&err(&env, &c, Action::Decide { decision: dec })), ["R-VOTE-BELOW-THRESHOLD"]);
}

#[test]
fn late_decision_is_allowed_but_recorded_late() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::ChoQuyetDinh);
    // Cell resolution 03/11/2025 + 45 working days.
    let deadline = env.calendar.add_working_days(d(2025, 11, 3), 45);
    let on_time = applied(&env, &c, Action::Decide { decision: decision("1-QĐ/ĐU", deadline, true) });
    assert!(on_time.lateness.is_none());
    let day_after = deadline.succ_opt().unwrap();
    let r = applied(&env, &c, Action::Decide { decision: decision("1-QĐ/ĐU", day_after, true) });
    let l = r.lateness.clone().unwrap();
    assert_eq!(l.deadline, deadline);
    assert!(l.rule.contains("R-294 §4.3.1"));
    assert_eq!(r.candidate.history.last().unwrap().late, Some(l));
    assert_eq!(r.candidate.stage, Stage::DaCoQuyetDinh);
}

#[test]
fn old_rule_set_applies_to_steps_before_july_2025() {
    let env = Env::new(CellLevel::TrucThuoc);
    // Shift the path one year back: cell vote 03/11/2024.
    let mut c = candidate();
    for a in main_path(CellLevel::TrucThuoc) {
        let shifted = shift(a, -365);
        let step = shifted.step();
        c = ok(&env, &c, shifted);
        if step == Step::SendUp {
            break;
        }
    }
    assert!(c.history.iter().all(|r| r.rule_set == "2016-2025"));
    let res = admission_cell_resolution(&c, env.rule_sets).unwrap().resolution.date;
    // 60 working days under the old rules: 50 working days is not late, 61 is.
    let d50 = env.calendar.add_working_days(res, 50);
    assert!(applied(&env, &c, Action::Decide { decision: decision("1-QĐ", d50, true) }).lateness.is_none());
    let d61 = env.calendar.add_working_days(res, 61);
    let r = applied(&env, &c, Action::Decide { decision: decision("1-QĐ", d61, true) });
    assert_eq!(r.lateness.unwrap().deadline, env.calendar.add_working_days(res, 60));
    assert_eq!(r.candidate.history.last().unwrap().rule_set, if d61 >= d(2025, 7, 1) { "2025" } else { "2016-2025" });
}

/// Moves every date of an action by `days`.
fn shift(a: Action, days: i64) -> Action {
    let s = |x: NaiveDate| x + chrono::Duration::days(days);
    let sv = |mut v: Vote| {
        v.resolution.date = s(v.resolution.date);
        v
    };
    let sd = |mut x: DocRef| {
        x.date = s(x.date);
        x
    };
    match a {
        Action::AddToSourcePool { date, proposed_by } => Action::AddToSourcePool { date: s(date), proposed_by },
        Action::RecogniseSympathiser { resolution, proposed_by, helpers } => {
            Action::RecogniseSympathiser { resolution: sd(resolution), proposed_by, helpers }
        }
        Action::ProposeClass { date, class_id } => Action::ProposeClass { date: s(date), class_id },
        Action::RecordCertificate { mut certificate } => {
            certificate.issued_on = s(certificate.issued_on);
            Action::RecordCertificate { certificate }
        }
        Action::GrantPermission { document } => Action::GrantPermission { document: sd(document) },
        Action::OpenDossier { opened_on, union_introduction, introducers } => {
            Action::OpenDossier { opened_on: s(opened_on), union_introduction, introducers }
        }
        Action::SendVerification { subject, place, sent_on, abroad } => {
            Action::SendVerification { subject, place, sent_on: s(sent_on), abroad }
        }
        Action::ReturnVerification { index, returned_on } => Action::ReturnVerification { index, returned_on: s(returned_on) },
        Action::CertifyCv { mut certification } => {
            certification.date = s(certification.date);
            Action::CertifyCv { certification }
        }
        Action::CollectOpinions { mut opinions } => {
            opinions.date = s(opinions.date);
            Action::CollectOpinions { opinions }
        }
        Action::CellVote { vote } => Action::CellVote { vote: sv(vote) },
        Action::SendUp { date } => Action::SendUp { date: s(date) },
        Action::GrassrootsVote { vote } => Action::GrassrootsVote { vote: sv(vote) },
        other => other,
    }
}

#[test]
fn ceremony_late_needs_the_superior_consent_warning() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::DaCoQuyetDinh);
    let c = ok(&env, &c, Action::ReceiveDecision { date: d(2025, 12, 3) });
    let late_date = env.calendar.add_working_days(d(2025, 12, 3), 31);
    let a = Action::HoldCeremony {
        ceremony: Ceremony { date: late_date, place: String::new(), late_consent: None, helpers: vec![MemberId::new("m1")] },
    };
    assert_eq!(codes(&err(&env, &c, a.clone())), ["R-CEREMONY-LATE"]);
    let r = applied(&env, &c, a);
    assert!(r.lateness.is_some());
    assert_eq!(r.candidate.stage, Stage::DuBi);
}

#[test]
fn recognition_before_the_end_of_probation_is_blocked_and_late_recognition_keeps_the_official_date() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::DuBi);
    let e = err(&env, &c, Action::StartRecognition { self_review_on: d(2026, 12, 9), helper_report_on: None, opinions_on: None });
    assert_eq!(codes(&e), ["R-PROBATION-NOT-ENDED"]);
    // Everything late: the cell votes 3 months after the end, the decision later still.
    let c = ok(
        &env,
        &c,
        Action::StartRecognition { self_review_on: d(2027, 3, 1), helper_report_on: Some(d(2027, 3, 1)), opinions_on: Some(d(2027, 3, 1)) },
    );
    let r = applied(&env, &c, Action::RecognitionCellVote { vote: vote(d(2027, 3, 10), 12, 12, 10, 2) });
    assert!(r.lateness.is_some());
    let r = applied(&env, &r.candidate, Action::RecognitionDecision { decision: decision("300-QĐ/ĐU", d(2027, 6, 1), true) });
    assert!(r.lateness.is_some());
    assert_eq!(r.candidate.stage, Stage::ChinhThuc);
    assert_eq!(official_date(&r.candidate, env.rule_sets), Some(d(2026, 12, 10)));
    check_invariants(&r.candidate).unwrap();
}

#[test]
fn three_failed_recognition_votes_let_the_superior_decide() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::XetChinhThuc);
    let mut c = c;
    for (i, day) in [15, 20, 27].into_iter().enumerate() {
        assert!(!allowed_steps(&c, Some(&env.cell), env.rule_sets).contains(&Step::RecognitionDecision));
        let a = Action::RecognitionCellVote { vote: vote(d(2026, 12, day), 12, 12, 7, 5) };
        let want = if i < 2 { "R-VOTE-FAILED-REPORT" } else { "R-T16-REPORT-SUPERIOR" };
        assert_eq!(codes(&err(&env, &c, a.clone())), [want]);
        c = ok(&env, &c, a);
    }
    let allowed = allowed_steps(&c, Some(&env.cell), env.rule_sets);
    assert!(allowed.contains(&Step::RecognitionDecision) && allowed.contains(&Step::StrikeOff));
    let c = ok(&env, &c, Action::RecognitionDecision { decision: decision("301-QĐ/ĐU", d(2027, 1, 10), true) });
    assert_eq!(c.stage, Stage::ChinhThuc);
    check_invariants(&c).unwrap();
}

#[test]
fn strike_off_during_or_after_probation() {
    let env = Env::new(CellLevel::TrongDangBoCoSo);
    let c = walk_to(&env, Stage::DuBi);
    assert!(!allowed_steps(&c, Some(&env.cell), env.rule_sets).contains(&Step::StrikeOff));
    let c = ok(&env, &c, Action::StrikeOffCellVote { vote: vote(d(2026, 5, 4), 12, 12, 9, 3) });
    assert!(!allowed_steps(&c, Some(&env.cell), env.rule_sets).contains(&Step::StrikeOff));
    assert!(!allowed_steps(&c, Some(&env.cell), env.rule_sets).contains(&Step::RecognitionGrassrootsVote));
    let c = ok(&env, &c, Action::StrikeOffGrassrootsVote { vote: vote(d(2026, 5, 8), 9, 9, 7, 2) });
    let e = err(&env, &c, Action::StrikeOff { document: doc("44-QĐ/ĐU", d(2026, 5, 20)), vote: None, reason: " ".into() });
    assert!(matches!(e, TransitionError::Invalid { field: "reason", .. }));
    let c = ok(
        &env,
        &c,
        Action::StrikeOff {
            document: doc("44-QĐ/ĐU", d(2026, 5, 20)),
            vote: Some(vote(d(2026, 5, 20), 7, 7, 5, 2)),
            reason: "Vi phạm tư cách đảng viên".into(),
        },
    );
    assert_eq!(c.stage, Stage::XoaTenDuBi);
    assert_eq!(c.process.exit.as_ref().unwrap().kind, ExitKind::StruckOff);
    check_invariants(&c).unwrap();
}

#[test]
fn move_keeps_the_data_and_records_the_destination() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::ChoQuyetDinh);
    let a = Action::MoveAway {
        date: d(2025, 11, 20),
        destination: "Đảng ủy phường Tân Lập".into(),
        reason: "Chuyển nơi ở".into(),
        document: None,
    };
    assert_eq!(codes(&err(&env, &c, a.clone())), ["R-MOVE-FORWARD-DOSSIER"]);
    let moved = ok(&env, &c, a);
    assert_eq!(moved.stage, Stage::ChuyenDi);
    assert_eq!(moved.process.exit.as_ref().unwrap().destination, "Đảng ủy phường Tân Lập");
    assert_eq!(moved.process.cell_votes, c.process.cell_votes);
    assert_eq!(moved.process.dossier, c.process.dossier);
    check_invariants(&moved).unwrap();
}

#[test]
fn withdraw_and_cancel() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::CamTinh);
    let w = ok(&env, &c, Action::Withdraw { date: d(2025, 9, 1), reason: "Không đủ tiêu chuẩn".into(), document: None });
    assert_eq!(w.stage, Stage::RutKhoiDanhSach);
    check_invariants(&w).unwrap();
    let c = walk_to(&env, Stage::DuBi);
    assert!(!allowed_steps(&c, Some(&env.cell), env.rule_sets).contains(&Step::Withdraw));
    let x = ok(
        &env,
        &c,
        Action::CancelDecision {
            document: doc("5-QĐ/ĐU", d(2026, 2, 1)),
            reason: CancelReason::Criteria,
            note: "Khai lý lịch không trung thực".into(),
        },
    );
    assert_eq!(x.stage, Stage::HuyQuyetDinh);
    assert!(x.process.exit.as_ref().unwrap().reason.contains("Khai lý lịch"));
    check_invariants(&x).unwrap();
}

#[test]
fn certificate_expired_blocks_and_a_new_certificate_unblocks() {
    let env = Env::new(CellLevel::TrucThuoc);
    let mut c = walk_to(&env, Stage::LayYKien);
    c.process.certificate.as_mut().unwrap().issued_on = d(2020, 9, 1);
    let vote_a = Action::CellVote { vote: vote(d(2025, 11, 3), 12, 11, 10, 1) };
    assert_eq!(codes(&err(&env, &c, vote_a.clone())), ["R-CERT-EXPIRED"]);
    let c = ok(
        &env,
        &c,
        Action::RecordCertificate {
            certificate: Certificate { number: "7/CN".into(), issued_on: d(2025, 11, 1), issuer: String::new(), class_id: None },
        },
    );
    assert_eq!(c.stage, Stage::LayYKien);
    assert_eq!(ok(&env, &c, vote_a).stage, Stage::ChiBoXet);
}

#[test]
fn dossier_over_12_months_warns_and_renewal_clears_it() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::LayYKien);
    let late_vote = Action::CellVote { vote: vote(d(2026, 10, 2), 12, 11, 10, 1) };
    assert_eq!(codes(&err(&env, &c, late_vote.clone())), ["R-DOCAGE-STALE"]);
    let renewed = ok(
        &env,
        &c,
        Action::RenewDossier {
            date: d(2026, 9, 20),
            union_introduction: Some(UnionIntroduction { body: UnionBody::DoanThanhNien, resolution: doc("9-NQ/ĐTN", d(2026, 9, 18)) }),
            introducers: vec![introducer("m2", d(2020, 1, 1))],
        },
    );
    assert_eq!(dossier_baseline(&renewed), Some(d(2026, 9, 20)));
    assert_eq!(ok(&env, &renewed, late_vote).stage, Stage::ChiBoXet);
}

#[test]
fn over_60_warns_at_the_vote_and_blocks_the_decision_without_consent() {
    let env = Env::new(CellLevel::TrucThuoc);
    let mut c = walk_to(&env, Stage::LayYKien);
    c.birth_date = d(1964, 1, 1);
    let v = Action::CellVote { vote: vote(d(2025, 11, 3), 12, 11, 10, 1) };
    assert_eq!(codes(&err(&env, &c, v.clone())), ["R-AGE-OVER-60"]);
    let c = ok(&env, &c, v);
    let c = ok(&env, &c, Action::SendUp { date: d(2025, 11, 6) });
    let dec = Action::Decide { decision: decision("1-QĐ", d(2025, 12, 1), true) };
    assert_eq!(codes(&err(&env, &c, dec.clone())), ["R-AGE-OVER-60-NO-CONSENT"]);
    let mut c = c;
    c.consents.push(Consent { kind: ConsentKind::Over60, document: doc("77-CV/TU", d(2025, 11, 25)) });
    assert_eq!(ok(&env, &c, dec).stage, Stage::DaCoQuyetDinh);
}

#[test]
fn hanoi_local_rules_make_local_timers_and_the_re_resolution_block() {
    let mut env = Env::new(CellLevel::TrucThuoc);
    env.local = LocalParams::hanoi();
    let c = walk_to(&env, Stage::ChiBoXet);
    let sent_late = env.calendar.add_working_days(d(2025, 11, 3), 6);
    let r = applied(&env, &c, Action::SendUp { date: sent_late });
    assert!(r.lateness.as_ref().unwrap().rule.contains("R-HN"));
    let c = walk_to(&env, Stage::XetChinhThuc);
    let c = ok(&env, &c, Action::RecognitionCellVote { vote: vote(d(2026, 12, 15), 12, 12, 11, 1) });
    let too_late = env.calendar.add_working_days(d(2026, 12, 15), 46);
    let e = err(&env, &c, Action::RecognitionDecision { decision: decision("9-QĐ", too_late, true) });
    assert_eq!(codes(&e), ["R-HN-RERESOLVE"]);
    // 16 working days: late under Hanoi's 15 (+15), not under the national 30.
    let r = applied(
        &env,
        &c,
        Action::RecognitionDecision { decision: decision("9-QĐ", env.calendar.add_working_days(d(2026, 12, 15), 16), true) },
    );
    assert!(r.lateness.is_some());
    let env2 = Env::new(CellLevel::TrucThuoc);
    let r = applied(
        &env2,
        &c,
        Action::RecognitionDecision { decision: decision("9-QĐ", env2.calendar.add_working_days(d(2026, 12, 15), 16), true) },
    );
    assert!(r.lateness.is_none());
}

#[test]
fn verification_reply_late_and_pending_blocks_certification() {
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::LapHoSo);
    let c =
        ok(&env, &c, Action::SendVerification { subject: "Bản thân".into(), place: String::new(), sent_on: d(2025, 10, 5), abroad: false });
    let c = ok(&env, &c, Action::SendVerification { subject: "Bố".into(), place: String::new(), sent_on: d(2025, 10, 2), abroad: true });
    assert_eq!(c.stage, Stage::ThamTra);
    let cv = Action::CertifyCv { certification: CvCertification { date: d(2025, 10, 25), signer: String::new(), eligible: true } };
    assert_eq!(codes(&err(&env, &c, cv.clone())), ["R-VERIFY-PENDING"]);
    let r = applied(&env, &c, Action::ReturnVerification { index: 0, returned_on: env.calendar.add_working_days(d(2025, 10, 5), 31) });
    assert!(r.lateness.is_some());
    let c = ok(&env, &r.candidate, Action::ReturnVerification { index: 1, returned_on: d(2025, 10, 20) });
    assert!(matches!(err(&env, &c, cv.clone()), TransitionError::Invalid { field: "date", .. }));
    assert!(matches!(
        err(&env, &c, Action::ReturnVerification { index: 1, returned_on: d(2025, 10, 21) }),
        TransitionError::NotAllowed { .. }
    ));
    check_invariants(&c).unwrap();
}

/// The descriptions agree with themselves: labels unique, each exit record written by one
/// step, vote steps with a body, the legal date on the `date` field but for the records
/// after admission.
#[test]
fn each_step_is_described_once_and_coherently() {
    let labels: std::collections::BTreeSet<&str> = Step::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(labels.len(), Step::ALL.len());
    for kind in [ExitKind::Withdrawn, ExitKind::MovedAway, ExitKind::StruckOff, ExitKind::DecisionCancelled] {
        let steps: Vec<Step> = Step::ALL.into_iter().filter(|s| s.exit_kind() == Some(kind)).collect();
        assert_eq!(steps.len(), 1, "{kind:?}: {steps:?}");
        assert_eq!(Step::ending(kind), Some(steps[0]));
        assert!(steps[0].is_exit());
    }
    assert_eq!(
        Step::ALL.into_iter().filter(|s| s.is_exit()).collect::<Vec<_>>(),
        [Step::StrikeOffCellVote, Step::StrikeOffGrassrootsVote, Step::StrikeOff, Step::Withdraw, Step::MoveAway, Step::CancelDecision]
    );
    for s in Step::ALL {
        let spec = s.spec();
        let date_key = if s == Step::RecordAfterAdmission { keys::NONE } else { keys::DATE };
        assert_eq!(spec.date_key, date_key, "{s:?}");
        let votes = format!("{s:?}").contains("Vote") || matches!(s, Step::Decide | Step::RecognitionDecision | Step::StrikeOff);
        assert_eq!(spec.voting_body.is_some(), votes, "{s:?}");
    }
    // Side records: replies and after-admission records always, a further request at THAM_TRA.
    assert!(is_side_record(Step::ReturnVerification, Stage::ThamTra, Stage::ThamTra));
    assert!(is_side_record(Step::RecordAfterAdmission, Stage::DuBi, Stage::DuBi));
    assert!(is_side_record(Step::SendVerification, Stage::ThamTra, Stage::ThamTra));
    assert!(!is_side_record(Step::SendVerification, Stage::LapHoSo, Stage::ThamTra));
    assert!(!is_side_record(Step::CellVote, Stage::LayYKien, Stage::ChiBoXet));
}

#[test]
fn every_step_has_a_label_and_allowed_steps_agree_with_apply() {
    for s in Step::ALL {
        assert!(!s.label().is_empty());
    }
    let env = Env::new(CellLevel::TrucThuoc);
    let c = walk_to(&env, Stage::DuBi);
    let allowed = allowed_steps(&c, Some(&env.cell), env.rule_sets);
    assert!(allowed.contains(&Step::StartRecognition));
    assert!(!allowed.contains(&Step::RecognitionCellVote));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// Random raw material for one action.
    #[derive(Clone, Debug)]
    struct Raw {
        step: usize,
        days: i64,
        a: u32,
        b: u32,
        c: u32,
        e: u32,
        flag: bool,
        ack: bool,
        /// Pick among the allowed steps (else any step, mostly refused).
        bias: bool,
    }

    fn raw() -> impl Strategy<Value = Raw> {
        (
            (0usize..Step::ALL.len(), prop_oneof![3 => 0i64..60, 1 => -40i64..420]),
            (0u32..16, 0u32..16, 0u32..16, 0u32..16),
            (any::<bool>(), prop::bool::weighted(0.8), prop::bool::weighted(0.75)),
        )
            .prop_map(|((step, days), (a, b, c, e), (flag, ack, bias))| Raw { step, days, a, b, c, e, flag, ack, bias })
    }

    fn last_date(c: &Candidate) -> NaiveDate {
        c.history.last().map(|r| r.date).unwrap_or(d(2025, 6, 1))
    }

    /// Builds an action of the raw step, with dates near the last step and random counts.
    fn action(c: &Candidate, r: &Raw, allowed: &[Step]) -> Action {
        let exits = [Step::Withdraw, Step::MoveAway, Step::CancelDecision];
        let pool: Vec<Step> = allowed.iter().copied().filter(|s| r.e == 0 || !exits.contains(s)).collect();
        let step = if r.bias && !pool.is_empty() { pool[r.step % pool.len()] } else { Step::ALL[r.step] };
        let date = last_date(c) + chrono::Duration::days(r.days);
        let v = Vote { resolution: doc("1-NQ", date), convened: r.a, present: r.b.min(r.a + 1), yes: r.c, no: r.e % 4 };
        let ids = |x: u32| vec![MemberId::new(["m1", "m2", "m3", "p1", "zz"][(x % 5) as usize])];
        let cert = Certificate {
            number: if r.flag { "1/CN".into() } else { String::new() },
            issued_on: date,
            issuer: String::new(),
            class_id: None,
        };
        match step {
            Step::AddToSourcePool => Action::AddToSourcePool { date, proposed_by: String::new() },
            Step::RecogniseSympathiser => {
                Action::RecogniseSympathiser { resolution: doc("1", date), proposed_by: String::new(), helpers: ids(r.a) }
            }
            Step::ProposeClass => Action::ProposeClass { date, class_id: None },
            Step::RecordCertificate => Action::RecordCertificate { certificate: cert },
            Step::GrantPermission => Action::GrantPermission { document: doc("1", date) },
            Step::OpenDossier | Step::RenewDossier => {
                let union = r.flag.then(|| UnionIntroduction { body: UnionBody::DoanThanhNien, resolution: doc("1", date) });
                let mut introducers = vec![introducer("m1", d(2020, 1, 1))];
                if r.b % 2 == 0 {
                    introducers.push(introducer(["m2", "p1", "m1"][(r.c % 3) as usize], d(2025, 1, 1)));
                }
                if step == Step::OpenDossier {
                    Action::OpenDossier { opened_on: date, union_introduction: union, introducers }
                } else {
                    Action::RenewDossier { date, union_introduction: union, introducers }
                }
            }
            Step::SendVerification => Action::SendVerification {
                subject: if r.a == 0 { String::new() } else { "Bố".into() },
                place: String::new(),
                sent_on: date,
                abroad: r.flag,
            },
            Step::ReturnVerification => Action::ReturnVerification { index: (r.a % 3) as usize, returned_on: date },
            Step::CertifyCv => Action::CertifyCv { certification: CvCertification { date, signer: String::new(), eligible: r.a != 1 } },
            Step::CollectOpinions => {
                Action::CollectOpinions { opinions: Opinions { date, organisations: if r.flag { vec!["Đoàn".into()] } else { vec![] } } }
            }
            Step::CellVote => Action::CellVote { vote: v },
            Step::SendUp => Action::SendUp { date },
            Step::GrassrootsVote => Action::GrassrootsVote { vote: v },
            Step::Decide => Action::Decide {
                decision: Decision {
                    document: doc(if r.flag { "1-QĐ" } else { "" }, date),
                    vote: (r.e % 2 == 0).then(|| v.clone()),
                    approved: r.b % 3 != 0,
                },
            },
            Step::ReceiveDecision => Action::ReceiveDecision { date },
            Step::HoldCeremony => {
                Action::HoldCeremony { ceremony: Ceremony { date, place: String::new(), late_consent: None, helpers: ids(r.b) } }
            }
            Step::RecordAfterAdmission => Action::RecordAfterAdmission {
                member_records_on: r.flag.then_some(date),
                record_number: (r.a % 2 == 0).then(|| "000001TN".into()),
                database_entry_on: (r.b % 2 == 0).then_some(date),
                new_member_certificate: (r.c % 3 == 0).then_some(cert),
            },
            Step::StartRecognition => Action::StartRecognition {
                self_review_on: date,
                helper_report_on: r.flag.then_some(date),
                opinions_on: r.flag.then_some(date),
            },
            Step::RecognitionCellVote => Action::RecognitionCellVote { vote: v },
            Step::RecognitionGrassrootsVote => Action::RecognitionGrassrootsVote { vote: v },
            Step::RecognitionDecision => Action::RecognitionDecision {
                decision: Decision {
                    document: doc(if r.flag { "2-QĐ" } else { "" }, date),
                    vote: (r.e % 2 == 0).then(|| v.clone()),
                    approved: r.b % 3 != 0,
                },
            },
            Step::StrikeOffCellVote => Action::StrikeOffCellVote { vote: v },
            Step::StrikeOffGrassrootsVote => Action::StrikeOffGrassrootsVote { vote: v },
            Step::StrikeOff => Action::StrikeOff {
                document: doc(if r.flag { "3-QĐ" } else { "" }, date),
                vote: (r.e % 2 == 0).then_some(v),
                reason: "Vi phạm".into(),
            },
            Step::Withdraw => Action::Withdraw { date, reason: if r.flag { "Lý do".into() } else { String::new() }, document: None },
            Step::MoveAway => Action::MoveAway {
                date,
                destination: if r.flag { "Nơi khác".into() } else { String::new() },
                reason: String::new(),
                document: None,
            },
            Step::CancelDecision => Action::CancelDecision {
                document: doc("4-QĐ", date),
                reason: if r.flag { CancelReason::Criteria } else { CancelReason::MovedBeforeDecision },
                note: String::new(),
            },
        }
    }

    /// Starting points: every stage of the main path (both cell levels).
    fn start() -> impl Strategy<Value = (usize, bool)> {
        (0usize..Stage::MAIN_PATH.len(), any::<bool>())
    }

    fn run(start_pos: usize, inside: bool, raws: &[Raw]) -> Result<(), TestCaseError> {
        let level = if inside { CellLevel::TrongDangBoCoSo } else { CellLevel::TrucThuoc };
        let mut env = Env::new(level);
        if raws.first().is_some_and(|r| r.flag) {
            env.local = LocalParams::hanoi();
        }
        let target = Stage::MAIN_PATH[start_pos];
        let target = if !inside && target == Stage::DangUyCoSoXet { Stage::ChiBoXet } else { target };
        let mut c = walk_to(&env, target);
        let ctx = env.ctx();
        for r in raws {
            let before = c.clone();
            let allowed = allowed_steps(&c, Some(&env.cell), env.rule_sets);
            let a = action(&c, r, &allowed);
            let mut res = apply(&c, &a, &ctx, ts(), &[] as &[&str]);
            if let (Err(TransitionError::NeedsConfirmation(w)), true) = (&res, r.ack) {
                let codes: Vec<&str> = w.iter().map(|f| f.code).collect();
                res = apply(&c, &a, &ctx, ts(), &codes);
                prop_assert!(!matches!(res, Err(TransitionError::NeedsConfirmation(_))));
            }
            prop_assert_eq!(&c, &before, "apply changed its input");
            match res {
                Ok(x) => {
                    prop_assert!(allowed.contains(&a.step()), "{:?} applied but not in allowed_steps {:?}", a.step(), allowed);
                    if let Err(e) = check_invariants(&x.candidate) {
                        return Err(TestCaseError::fail(format!("after {:?}: {e}", a.step())));
                    }
                    prop_assert_eq!(x.candidate.history.len(), before.history.len() + 1);
                    prop_assert_eq!(x.candidate.history.last().map(|h| h.from), Some(before.stage));
                    prop_assert_eq!(x.candidate.history.last().map(|h| h.to), Some(x.candidate.stage));
                    c = x.candidate;
                }
                Err(TransitionError::NotAllowed { from, step }) => {
                    prop_assert_eq!(from, c.stage);
                    prop_assert!(!allowed.contains(&step), "{:?} in allowed_steps but refused", step);
                }
                Err(_) => prop_assert!(allowed.contains(&a.step())),
            }
            if c.stage.is_final() {
                prop_assert!(allowed_steps(&c, Some(&env.cell), env.rule_sets).is_empty());
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Random sequences of valid and invalid actions from any stage never reach an
        /// invalid state, and a refused action leaves the candidate unchanged.
        #[test]
        fn random_sequences_keep_the_invariants((pos, inside) in start(), raws in prop::collection::vec(raw(), 0..40)) {
            run(pos, inside, &raws)?;
        }
    }
}
