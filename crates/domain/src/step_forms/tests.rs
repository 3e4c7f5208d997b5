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
        report_notes: Default::default(),
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
            let mut v = vec![("number", "44-QĐ/ĐU"), ("date", day), ("signer", "Bí thư Đảng ủy"), ("reason", "Vi phạm tư cách đảng viên")];
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

#[test]
fn every_text_field_of_every_step_applies_the_loaders_limits() {
    for step in Step::ALL {
        let (_, c) = at(step);
        for f in form(step, &Options::default()).into_iter().filter(|f| f.is_text()) {
            let mut v = typical(step, &c);
            v.insert(f.key.to_string(), "x".repeat(crate::text::MAX_TEXT_CHARS + 1));
            let e = build(step, &c, &v).expect_err(f.key);
            assert!(e.iter().any(|e| e.key == f.key && e.message.starts_with("Quá dài")), "{step:?} {}: {e:?}", f.key);
            v.insert(f.key.to_string(), "12\u{7}".into());
            let e = build(step, &c, &v).expect_err(f.key);
            assert!(e.iter().any(|e| e.key == f.key && e.message.contains("ký tự điều khiển")), "{step:?} {}: {e:?}", f.key);
        }
    }
}
