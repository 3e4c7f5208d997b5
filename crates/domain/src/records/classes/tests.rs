use super::*;
use crate::changes::{CREATED, DELETED, NEW_STEP};
use crate::records::testkit::*;

/// Typed values, the key of the error, its message.
type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);

fn sympathiser(c: &mut Candidate, on: NaiveDate) {
    c.process.source_pool = Some(SourceEntry { date: d(2025, 1, 2), proposed_by: String::new() });
    c.process.sympathiser =
        Some(Sympathiser { resolution: DocRef::on(on), proposed_by: String::new(), helpers: vec![MemberId::new("dv-1")] });
}

fn cert(number: &str, on: NaiveDate) -> Certificate {
    Certificate { number: number.into(), issued_on: on, issuer: "Trung tâm chính trị".into(), class_id: None }
}

/// `ward()` with candidates at every stage the classes care about:
/// qc-1 Cảm tình (10/09/2025), qc-2 Đề nghị học (01/03/2026), qc-3 Nguồn, qc-4 Cảm tình from
/// 01/10/2026 (after the certificates), qc-5 Dự bị (ceremony 01/02/2026), qc-6 withdrawn,
/// qc-7 Cảm tình, qc-8 Lập hồ sơ with a certificate of 2020 (expired), qc-9 Lập hồ sơ with a
/// valid certificate of 2024.
fn school() -> WardData {
    let mut w = ward();
    let mut add = |id: &str, name: &str, stage: Stage, f: &dyn Fn(&mut Candidate)| {
        let mut c = candidate(id, name, "cb-1", stage);
        f(&mut c);
        w.candidates.push(c);
    };
    add("qc-2", "Lò Văn Dũng", Stage::DeNghiHoc, &|c| {
        sympathiser(c, d(2025, 10, 1));
        c.process.class_proposal = Some(ClassProposal { date: d(2026, 3, 1), class_id: None });
    });
    add("qc-3", "Bùi Thị Lan", Stage::Nguon, &|c| {
        c.process.source_pool = Some(SourceEntry { date: d(2026, 1, 1), proposed_by: String::new() });
    });
    add("qc-4", "Đặng Văn Hải", Stage::CamTinh, &|c| sympathiser(c, d(2026, 10, 1)));
    add("qc-5", "Mai Thị Yến", Stage::DuBi, &|c| {
        sympathiser(c, d(2024, 3, 1));
        c.process.certificate = Some(cert("12", d(2024, 5, 1)));
        c.process.decision = Some(Decision { document: DocRef::on(d(2026, 1, 10)), vote: None, approved: true });
        c.process.ceremony = Some(Ceremony { date: d(2026, 2, 1), place: String::new(), late_consent: None, helpers: vec![] });
    });
    add("qc-6", "Vũ Văn Long", Stage::RutKhoiDanhSach, &|c| {
        sympathiser(c, d(2025, 10, 1));
        c.process.exit = Some(Exit {
            kind: ExitKind::Withdrawn,
            date: d(2026, 1, 5),
            reason: "Chuyển nơi ở".into(),
            document: None,
            destination: String::new(),
        });
    });
    add("qc-7", "Cao Thị Mai", Stage::CamTinh, &|c| sympathiser(c, d(2025, 11, 1)));
    add("qc-8", "Ngô Văn Nam", Stage::LapHoSo, &|c| {
        sympathiser(c, d(2019, 10, 1));
        c.process.certificate = Some(cert("7", d(2020, 1, 1)));
        c.process.dossier = Some(Dossier { opened_on: d(2025, 12, 1), union_introduction: None, introducers: vec![] });
    });
    add("qc-9", "Tạ Văn Quân", Stage::LapHoSo, &|c| {
        sympathiser(c, d(2023, 10, 1));
        c.process.certificate = Some(cert("9", d(2024, 1, 1)));
        c.process.dossier = Some(Dossier { opened_on: d(2025, 12, 1), union_introduction: None, introducers: vec![] });
    });
    w
}

fn class_values() -> Values {
    vals(&[
        ("kind", "nhan_thuc"),
        ("name", "Khóa 2 năm 2026"),
        ("organiser", "Trung tâm chính trị phường Hòa An"),
        ("start", "10/04/2026"),
        ("end", "20/04/2026"),
        ("venue", "Hội trường Đảng ủy"),
    ])
}

fn ids(list: &[&str]) -> Vec<CandidateId> {
    list.iter().map(|s| CandidateId::new(*s)).collect()
}

fn cid(s: &str) -> CandidateId {
    CandidateId::new(s)
}

/// `school()` with the awareness class created and qc-1, qc-2, qc-4, qc-7 enrolled.
fn with_class() -> (WardData, ClassId) {
    let mut data = school();
    let id = save_class(&mut data, None, &class_values(), now()).unwrap();
    assert_eq!(enroll(&mut data, &id, &ids(&["qc-1", "qc-2", "qc-4", "qc-7"]), now()), Ok(4));
    (data, id)
}

fn issue(data: &mut WardData, id: &ClassId, pairs: &[(&str, &str)]) -> Result<CertificateReport, Vec<FieldError>> {
    let rules = RuleSets::builtin().unwrap();
    let calendar = WorkingCalendar::new(&data.ward.settings.calendar);
    issue_certificates(data, id, &vals(pairs), rules, &calendar, today(), now())
}

fn outcomes(r: &CertificateReport) -> Vec<(&str, &CertificateOutcome)> {
    r.learners.iter().map(|l| (l.candidate_id.as_str(), &l.outcome)).collect()
}

#[test]
fn save_class_creates_and_edits() {
    let mut data = school();
    assert_eq!(fields().iter().map(|f| f.key).collect::<Vec<_>>(), ["kind", "name", "organiser", "start", "end", "venue"]);
    assert_eq!(new_values(&data)["organiser"], "Trung tâm chính trị phường Hòa An");
    let id = save_class(&mut data, None, &class_values(), now()).unwrap();
    assert!(id.as_str().starts_with("lop-khoa-2-nam-2026-"), "{id}");
    let c = data.class(&id).unwrap().clone();
    assert_eq!((c.kind, c.start, c.end, c.created_at), (ClassKind::NhanThuc, d(2026, 4, 10), d(2026, 4, 20), now()));
    assert_eq!(values_of(&c), class_values());
    assert_eq!(data.changes.entries().last().unwrap().field, CREATED);
    let n = data.changes.len();
    // Unchanged: nothing, not even the stamp.
    save_class(&mut data, Some(&id), &class_values(), later()).unwrap();
    assert_eq!(data.changes.len(), n);
    assert_eq!(data.class(&id).unwrap().updated_at, now());
    let mut v = class_values();
    v.insert("venue".into(), "Nhà văn hóa".into());
    v.insert("kind".into(), "dang_vien_moi".into());
    save_class(&mut data, Some(&id), &v, now()).unwrap();
    assert_eq!(data.class(&id).unwrap().kind, ClassKind::DangVienMoi);
    assert_eq!(data.changes.len(), n + 2);
}

#[test]
fn save_class_reports_each_error_and_changes_nothing() {
    let (data0, id) = with_class();
    let cases: Vec<(&str, &str, &str, &str)> = vec![
        ("kind", "", "kind", "Chưa chọn loại lớp."),
        ("kind", "lop_khac", "kind", BAD_CHOICE),
        ("name", " ", "name", "Chưa nhập tên lớp."),
        ("start", "", "start", "Chưa nhập ngày khai giảng."),
        ("end", "32/04/2026", "end", "Ngày 32/04/2026 không có thật: tháng 4 năm 2026 chỉ có 30 ngày."),
        ("end", "09/04/2026", "end", "Ngày bế giảng (09/04/2026) trước ngày khai giảng (10/04/2026)."),
        ("start", "01/01/2028", "start", "Ngày 01/01/2028 quá xa: chỉ ghi lớp học trong vòng một năm tới (đến 22/11/2027)."),
    ];
    for (field, value, key, msg) in cases {
        let mut data = data0.clone();
        let mut v = class_values();
        v.insert(field.into(), value.into());
        let e = save_class(&mut data, None, &v, now()).unwrap_err();
        assert!(keys(&e).contains(&key), "{field}={value}: {e:?}");
        assert_eq!(message(&e, key), msg);
        assert_eq!(data, data0);
    }
    // A class with learners keeps its kind.
    let mut data = data0.clone();
    let mut v = class_values();
    v.insert("kind".into(), "dang_vien_moi".into());
    let e = save_class(&mut data, Some(&id), &v, now()).unwrap_err();
    assert_eq!((keys(&e), message(&e, "kind")), (vec!["kind"], "Lớp đã có học viên nên không thể đổi loại lớp."));
    assert_eq!(keys(&save_class(&mut data, Some(&ClassId::new("x")), &v, now()).unwrap_err()), [""]);
    assert_eq!(data, data0);
}

#[test]
fn enroll_is_idempotent_and_checks_the_stage() {
    let (mut data, id) = with_class();
    let learners: Vec<&str> = data.class(&id).unwrap().learners.iter().map(|l| l.candidate_id.as_str()).collect();
    assert_eq!(learners, ["qc-1", "qc-2", "qc-4", "qc-7"]);
    let n = data.changes.len();
    // Again, with a duplicate in the list: nothing new, nothing logged.
    assert_eq!(enroll(&mut data, &id, &ids(&["qc-2", "qc-1", "qc-2"]), now()), Ok(0));
    assert_eq!(data.changes.len(), n);
    // A retake from the dossier stage fits; the list is added in order.
    assert_eq!(enroll(&mut data, &id, &ids(&["qc-9", "qc-8", "qc-9"]), now()), Ok(2));
    assert_eq!(data.changes.len(), n + 2, "one entry per learner added");
    // Who does not fit: all or nothing, named.
    let before = data.clone();
    let e = enroll(&mut data, &id, &ids(&["qc-3", "qc-5", "qc-6"]), now()).unwrap_err();
    assert_eq!(
        e,
        "Không thể ghi tên vào lớp: Bùi Thị Lan (giai đoạn “Quần chúng ưu tú (nguồn)”), Mai Thị Yến (giai đoạn “Đảng viên dự \
         bị”), Vũ Văn Long (giai đoạn “Rút khỏi danh sách”). Lớp bồi dưỡng nhận thức về Đảng dành cho cảm tình Đảng và người \
         cần học lại để được cấp giấy chứng nhận mới (trước khi chi bộ xét kết nạp)."
    );
    assert_eq!(data, before);
    assert!(enroll(&mut data, &id, &ids(&["qc-404"]), now()).unwrap_err().contains("qc-404"));
    assert!(enroll(&mut data, &ClassId::new("x"), &ids(&["qc-1"]), now()).is_err());
    assert_eq!(data, before);
    // The new-member class is for probationary members only.
    let mut v = class_values();
    v.insert("kind".into(), "dang_vien_moi".into());
    v.insert("name".into(), "Lớp đảng viên mới 2026".into());
    let nm = save_class(&mut data, None, &v, now()).unwrap();
    assert_eq!(enroll(&mut data, &nm, &ids(&["qc-5"]), now()), Ok(1));
    let e = enroll(&mut data, &nm, &ids(&["qc-1"]), now()).unwrap_err();
    assert!(e.contains("Nguyễn Thị Hoa (giai đoạn “Cảm tình Đảng”)") && e.contains("đảng viên dự bị"), "{e}");
}

#[test]
fn eligible_are_those_who_fit_and_need_the_class() {
    let (data, id) = with_class();
    let class = data.class(&id).unwrap();
    let names: Vec<&str> = eligible_for_class(&data, class).iter().map(|c| c.id.as_str()).collect();
    // qc-1, 2, 4, 7 are enrolled; qc-8's certificate expired; qc-9's is valid; others do not fit.
    assert_eq!(names, ["qc-8"]);
    let mut fresh = class.clone();
    fresh.learners.clear();
    let names: Vec<&str> = eligible_for_class(&data, &fresh).iter().map(|c| c.full_name.as_str()).collect();
    // Name order: Dũng, Hải, Hoa, Mai, Nam.
    assert_eq!(names, ["Lò Văn Dũng", "Đặng Văn Hải", "Nguyễn Thị Hoa", "Cao Thị Mai", "Ngô Văn Nam"]);
    fresh.kind = ClassKind::DangVienMoi;
    let names: Vec<&str> = eligible_for_class(&data, &fresh).iter().map(|c| c.id.as_str()).collect();
    assert_eq!(names, ["qc-5"]);
}

#[test]
fn results_are_recorded_for_learners_only() {
    let (mut data, id) = with_class();
    let n = data.changes.len();
    let results = [(cid("qc-1"), Some(ClassResult::Dat)), (cid("qc-7"), Some(ClassResult::VangMat))];
    record_results(&mut data, &id, &results, now()).unwrap();
    let class = data.class(&id).unwrap();
    assert_eq!(class.learners[0].result, Some(ClassResult::Dat));
    assert_eq!(class.learners[3].result, Some(ClassResult::VangMat));
    assert_eq!(data.changes.len(), n + 2);
    // The same again: nothing logged.
    record_results(&mut data, &id, &results, now()).unwrap();
    assert_eq!(data.changes.len(), n + 2);
    let before = data.clone();
    let e = record_results(&mut data, &id, &[(cid("qc-1"), None), (cid("qc-3"), Some(ClassResult::Dat))], now()).unwrap_err();
    assert_eq!(e, "Bùi Thị Lan không có trong danh sách học viên của lớp.");
    assert_eq!(data, before);
}

#[test]
fn certificates_are_recorded_for_passed_learners_through_the_pipeline() {
    let (mut data, id) = with_class();
    let results = [
        (cid("qc-1"), Some(ClassResult::Dat)),
        (cid("qc-2"), Some(ClassResult::Dat)),
        (cid("qc-4"), Some(ClassResult::Dat)),
        (cid("qc-7"), Some(ClassResult::KhongDat)),
    ];
    record_results(&mut data, &id, &results, now()).unwrap();
    enroll(&mut data, &id, &ids(&["qc-8"]), now()).unwrap();
    // qc-8 passed, no result recorded for anyone else; qc-2 already has a number on the list.
    record_results(&mut data, &id, &[(cid("qc-8"), Some(ClassResult::Dat))], now()).unwrap();
    data.classes.iter_mut().find(|c| c.id == id).unwrap().learners[1].certificate_number = "125-CN/TTCT".into();
    let before = data.clone();
    let n = data.changes.len();

    let form =
        [("certificate_date", "05/05/2026"), ("certificate_issuer", "Trung tâm chính trị phường Hòa An"), ("first_number", "125-CN/TTCT")];
    let report = issue(&mut data, &id, &form).unwrap();
    let o = outcomes(&report);
    assert_eq!(o[0], ("qc-1", &CertificateOutcome::Recorded { number: "126-CN/TTCT".into() }), "125 is qc-2's own");
    assert_eq!(o[1], ("qc-2", &CertificateOutcome::Recorded { number: "125-CN/TTCT".into() }));
    let CertificateOutcome::Failed { reason } = o[2].1 else { panic!("{:?}", o[2]) };
    assert!(reason.starts_with("Ngày 05/05/2026 trước ngày của bước trước"), "{reason}");
    assert_eq!(o[3], ("qc-7", &CertificateOutcome::NotPassed { result: Some(ClassResult::KhongDat) }));
    assert_eq!(o[4], ("qc-8", &CertificateOutcome::Recorded { number: "127-CN/TTCT".into() }));
    assert_eq!((report.recorded(), report.failed(), report.not_passed(), report.already_recorded()), (3, 1, 1, 0));
    assert_eq!(
        report.summary(),
        "Đã ghi giấy chứng nhận cho 3 học viên; 1 học viên không được cấp (không đạt, vắng mặt hoặc chưa có kết quả); 1 học \
         viên chưa ghi được."
    );

    // The pipeline step for those recorded: stage, certificate, history.
    let c1 = data.candidate(&cid("qc-1")).unwrap();
    assert_eq!(c1.stage, Stage::DaHoc);
    let cert1 = c1.process.certificate.as_ref().unwrap();
    assert_eq!((cert1.number.as_str(), cert1.issued_on, cert1.class_id.as_ref()), ("126-CN/TTCT", d(2026, 5, 5), Some(&id)));
    assert_eq!(cert1.issuer, "Trung tâm chính trị phường Hòa An");
    let last = c1.history.last().unwrap();
    assert_eq!((last.step, last.date, last.from, last.to), (Step::RecordCertificate, d(2026, 5, 5), Stage::CamTinh, Stage::DaHoc));
    assert_eq!(data.candidate(&cid("qc-2")).unwrap().stage, Stage::DaHoc);
    // A retake keeps the stage and replaces the certificate.
    let c8 = data.candidate(&cid("qc-8")).unwrap();
    assert_eq!((c8.stage, c8.process.certificate.as_ref().unwrap().issued_on), (Stage::LapHoSo, d(2026, 5, 5)));
    // Failed and not passed: untouched.
    for x in ["qc-4", "qc-7"] {
        assert_eq!(data.candidate(&cid(x)), before.candidate(&cid(x)));
    }
    // The class keeps the date, issuer and the numbers given.
    let class = data.class(&id).unwrap();
    assert_eq!((class.certificate_date, class.certificate_issuer.as_str()), (Some(d(2026, 5, 5)), "Trung tâm chính trị phường Hòa An"));
    let numbers: Vec<&str> = class.learners.iter().map(|l| l.certificate_number.as_str()).collect();
    assert_eq!(numbers, ["126-CN/TTCT", "125-CN/TTCT", "", "", "127-CN/TTCT"]);
    // Logged: the class, and one history entry per candidate recorded.
    let steps = data.changes.entries()[n..].iter().filter(|c| c.field == NEW_STEP).count();
    assert_eq!(steps, 3);
    assert!(data.changes.entries()[n..].iter().any(|c| c.kind == RecordKind::Class && c.field == "certificate_date"));
    for c in data.candidates.iter().filter(|c| c.stage == Stage::DaHoc) {
        crate::pipeline::check_invariants(c).unwrap();
    }

    // A second run records nothing again.
    let after_first = data.clone();
    let report = issue(&mut data, &id, &form).unwrap();
    assert_eq!((report.recorded(), report.already_recorded(), report.failed()), (0, 3, 1));
    assert_eq!(outcomes(&report)[0].1, &CertificateOutcome::AlreadyRecorded { number: "126-CN/TTCT".into() });
    assert_eq!(outcomes(&report)[0].1.message(), "Đã ghi từ trước (số 126-CN/TTCT).");
    assert_eq!(data, after_first);
    // Results of a recorded learner are kept, and they cannot leave the class.
    let e = record_results(&mut data, &id, &[(cid("qc-1"), Some(ClassResult::KhongDat))], now()).unwrap_err();
    assert_eq!(e, "Đã ghi giấy chứng nhận của lớp này cho Nguyễn Thị Hoa; không thể đổi kết quả.");
    assert!(unenroll(&mut data, &id, &cid("qc-1"), now()).is_err());
    assert_eq!(data, after_first);
}

#[test]
fn certificate_form_errors_change_nothing() {
    let (mut data, id) = with_class();
    record_results(&mut data, &id, &[(cid("qc-1"), Some(ClassResult::Dat)), (cid("qc-2"), Some(ClassResult::Dat))], now()).unwrap();
    let data0 = data.clone();
    let cases: Vec<Case> = vec![
        (vec![("first_number", "1")], "certificate_date", "Chưa nhập ngày cấp giấy chứng nhận."),
        (
            vec![("certificate_date", "23/11/2026"), ("first_number", "1")],
            "certificate_date",
            "Ngày cấp (23/11/2026) ở sau ngày hôm nay (22/11/2026).",
        ),
        (
            vec![("certificate_date", "19/04/2026"), ("first_number", "1")],
            "certificate_date",
            "Ngày cấp (19/04/2026) trước ngày bế giảng lớp (20/04/2026).",
        ),
        (vec![("certificate_date", "05/05/2026")], "first_number", "Chưa nhập số giấy chứng nhận đầu tiên: 2 học viên đạt chưa có số."),
        (
            vec![("certificate_date", "05/05/2026"), ("first_number", "CN/TTCT")],
            "first_number",
            "Số đầu tiên phải có chữ số, ví dụ 125 hoặc 125-CN/TTCT.",
        ),
    ];
    for (pairs, key, msg) in cases {
        let e = issue(&mut data, &id, &pairs).unwrap_err();
        assert_eq!(keys(&e), [key], "{pairs:?}");
        assert_eq!(message(&e, key), msg);
        assert_eq!(data, data0);
    }
    let e = issue(&mut data, &ClassId::new("x"), &[("certificate_date", "05/05/2026")]).unwrap_err();
    assert_eq!(keys(&e), [""]);
    // Once some are recorded, the date and the issuer stay.
    issue(&mut data, &id, &[("certificate_date", "05/05/2026"), ("certificate_issuer", "TTCT"), ("first_number", "1")]).unwrap();
    let recorded = data.clone();
    let e = issue(&mut data, &id, &[("certificate_date", "06/05/2026"), ("certificate_issuer", "Khác")]).unwrap_err();
    assert_eq!(keys(&e), ["certificate_date", "certificate_issuer"]);
    assert_eq!(message(&e, "certificate_date"), "Lớp đã ghi giấy chứng nhận ngày 05/05/2026 cho 2 học viên; ngày cấp phải giữ nguyên.");
    assert_eq!(message(&e, "certificate_issuer"), "Lớp đã ghi giấy chứng nhận cho 2 học viên; nơi cấp phải giữ nguyên (“TTCT”).");
    assert_eq!(data, recorded);
    assert_eq!(certificate_values(data.class(&id).unwrap())["certificate_date"], "05/05/2026");
}

#[test]
fn a_learner_added_later_gets_the_next_number() {
    let (mut data, id) = with_class();
    record_results(&mut data, &id, &[(cid("qc-1"), Some(ClassResult::Dat))], now()).unwrap();
    let form = [("certificate_date", "05/05/2026"), ("first_number", "007")];
    let r = issue(&mut data, &id, &form).unwrap();
    assert_eq!(outcomes(&r)[0].1, &CertificateOutcome::Recorded { number: "007".into() });
    // qc-7 passes later: the same form again gives the next free number, qc-1 is not redone.
    record_results(&mut data, &id, &[(cid("qc-7"), Some(ClassResult::Dat))], now()).unwrap();
    let r = issue(&mut data, &id, &form).unwrap();
    let o = outcomes(&r);
    assert_eq!(o[0].1, &CertificateOutcome::AlreadyRecorded { number: "007".into() });
    assert_eq!(o[3].1, &CertificateOutcome::Recorded { number: "008".into() });
    assert_eq!(Numbering::parse("Số 99/GCN").unwrap().format(100), "Số 100/GCN");
    assert_eq!(Numbering::parse("abc"), None);
}

#[test]
fn a_newer_certificate_is_never_overwritten() {
    let (mut data, id) = with_class();
    record_results(&mut data, &id, &[(cid("qc-7"), Some(ClassResult::Dat))], now()).unwrap();
    // qc-7 already holds a certificate of a later class.
    let c = data.candidates.iter_mut().find(|c| c.id == cid("qc-7")).unwrap();
    c.stage = Stage::DaHoc;
    c.process.certificate = Some(cert("900", d(2026, 6, 1)));
    let before = data.candidate(&cid("qc-7")).cloned();
    let r = issue(&mut data, &id, &[("certificate_date", "05/05/2026"), ("first_number", "1")]).unwrap();
    let CertificateOutcome::Failed { reason } = outcomes(&r)[3].1 else { panic!() };
    assert_eq!(reason, "Đã có giấy chứng nhận số 900 cấp ngày 01/06/2026 (lớp khác); không ghi đè.");
    assert_eq!(data.candidate(&cid("qc-7")).cloned(), before);
}

#[test]
fn new_member_class_records_the_certificate_after_admission() {
    let mut data = school();
    let mut v = class_values();
    v.extend(vals(&[("kind", "dang_vien_moi"), ("name", "Lớp đảng viên mới khóa 1"), ("start", "01/06/2026"), ("end", "05/06/2026")]));
    let id = save_class(&mut data, None, &v, now()).unwrap();
    enroll(&mut data, &id, &ids(&["qc-5"]), now()).unwrap();
    record_results(&mut data, &id, &[(cid("qc-5"), Some(ClassResult::Dat))], now()).unwrap();
    let r = issue(&mut data, &id, &[("certificate_date", "10/06/2026"), ("certificate_issuer", "TTCT phường"), ("first_number", "31")])
        .unwrap();
    assert_eq!(outcomes(&r), [("qc-5", &CertificateOutcome::Recorded { number: "31".into() })]);
    let c = data.candidate(&cid("qc-5")).unwrap();
    assert_eq!(c.stage, Stage::DuBi);
    let nm = c.process.after_admission.new_member_certificate.as_ref().unwrap();
    assert_eq!((nm.number.as_str(), nm.issued_on, nm.class_id.as_ref()), ("31", d(2026, 6, 10), Some(&id)));
    // The awareness certificate is untouched.
    assert_eq!(c.process.certificate.as_ref().unwrap().number, "12");
    assert_eq!(c.history.last().unwrap().step, Step::RecordAfterAdmission);
    let again = issue(&mut data, &id, &[("certificate_date", "10/06/2026"), ("certificate_issuer", "TTCT phường")]).unwrap();
    assert_eq!((again.recorded(), again.already_recorded()), (0, 1));
}

#[test]
fn learners_leave_and_classes_are_deleted_only_when_unused() {
    let (mut data, id) = with_class();
    let e = delete_class(&mut data, &id, now()).unwrap_err();
    assert_eq!(e, "Lớp “Khóa 2 năm 2026” đã có 4 học viên nên không thể xóa.");
    for x in ["qc-1", "qc-2", "qc-4", "qc-7"] {
        unenroll(&mut data, &id, &cid(x), now()).unwrap();
    }
    assert!(data.class(&id).unwrap().learners.is_empty());
    unenroll(&mut data, &id, &cid("qc-1"), now()).unwrap();
    // A candidate's record naming the class keeps it.
    data.candidates[0].process.class_proposal = Some(ClassProposal { date: d(2026, 3, 1), class_id: Some(id.clone()) });
    assert_eq!(
        delete_class(&mut data, &id, now()).unwrap_err(),
        "Lớp “Khóa 2 năm 2026” đã được ghi trong hồ sơ của Nguyễn Thị Hoa nên không thể xóa."
    );
    data.candidates[0].process.class_proposal = None;
    delete_class(&mut data, &id, now()).unwrap();
    assert!(data.class(&id).is_none());
    assert_eq!(data.changes.entries().last().unwrap().field, DELETED);
}

#[test]
fn on_the_demo_ward_a_second_run_records_nothing() {
    let mut data = crate::demo::demo_ward(today(), now());
    let issued: Vec<ClassId> = data.classes.iter().filter(|c| c.certificate_date.is_some()).map(|c| c.id.clone()).collect();
    assert!(issued.len() >= 4);
    let before = data.clone();
    let (mut already, mut recorded) = (0, 0);
    for id in &issued {
        let values = certificate_values(data.class(id).unwrap());
        let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = issue(&mut data, id, &pairs).unwrap_or_else(|e| panic!("{id}: {e:?}"));
        already += r.already_recorded();
        recorded += r.recorded();
    }
    assert!(already > 50, "{already}");
    assert_eq!(recorded, 0);
    assert_eq!(data, before);
}
