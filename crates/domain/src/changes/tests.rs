use super::*;
use crate::format::load;
use crate::pipeline::{Lateness, Stage, Step};
use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;
use std::path::PathBuf;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 11, 22, 8, 30, 0).unwrap()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The small fixture of the file corpus.
fn small() -> WardData {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/good/v1-small.json");
    load(&std::fs::read(path).unwrap(), today()).unwrap().data
}

/// (field, old, new) of each change, sorted by field.
fn rows(changes: &[Change]) -> Vec<(&str, Option<&str>, Option<&str>)> {
    let mut out: Vec<_> = changes.iter().map(|c| (c.field.as_str(), c.old.as_deref(), c.new.as_deref())).collect();
    out.sort();
    out
}

fn entry(at: Timestamp, kind: RecordKind, id: &str, field: &str) -> Change {
    Change { at, kind, id: id.into(), name: String::new(), field: field.into(), old: None, new: Some("x".into()) }
}

#[test]
fn candidate_edit_gives_the_changed_leaves() {
    let d = small();
    let before = d.candidate(&CandidateId::new("qc-0002")).unwrap().clone();
    let mut after = before.clone();
    // An edit of the identity fields and of the sympathiser record, and a fix of a date.
    after.residence = "Tổ dân phố số 3".into();
    after.youth_union_member = true;
    after.sources.push(SourceOrg::CongDoan);
    let s = after.process.sympathiser.as_mut().unwrap();
    s.resolution.date = ymd(2026, 3, 12);
    s.resolution.signer.clear();
    s.helpers.push(MemberId::new("dv-0001"));
    after.updated_at = now();

    let changes = diff_record(RecordKind::Candidate, "qc-0002", &after.full_name, Some(&before), &after, now());
    assert_eq!(
        rows(&changes),
        vec![
            ("process.sympathiser.helpers", Some(r#"["dv-0002"]"#), Some(r#"["dv-0002","dv-0001"]"#)),
            ("process.sympathiser.resolution.date", Some("10/03/2026"), Some("12/03/2026")),
            ("process.sympathiser.resolution.signer", Some("Phạm Văn Đức"), None),
            ("residence", None, Some("Tổ dân phố số 3")),
            ("sources", Some(r#"["hoi_phu_nu"]"#), Some(r#"["hoi_phu_nu","cong_doan"]"#)),
            ("youth_union_member", Some("false"), Some("true")),
        ]
    );
    for c in &changes {
        assert_eq!((c.at, c.kind, c.id.as_str(), c.name.as_str()), (now(), RecordKind::Candidate, "qc-0002", "Lò Thị Hoa"));
    }
    // Nothing changed but the stamp: nothing to record.
    let mut touched = before.clone();
    touched.updated_at = now();
    assert!(diff_record(RecordKind::Candidate, "qc-0002", "Lò Thị Hoa", Some(&before), &touched, now()).is_empty());
}

#[test]
fn a_step_is_one_history_entry_and_its_fields() {
    let d = small();
    let before = d.candidate(&CandidateId::new("qc-0002")).unwrap().clone();
    let mut after = before.clone();
    // Proposed for the class, recorded late, then certificate: two steps in one save.
    after.stage = Stage::DaHoc;
    after.process.class_proposal = Some(ClassProposal { date: ymd(2026, 3, 20), class_id: Some(ClassId::new("lop-nt-2026-1")) });
    after.process.certificate =
        Some(Certificate { number: "123/GCN".into(), issued_on: ymd(2026, 4, 24), issuer: String::new(), class_id: None });
    let step = |step, date, from, to, late: Option<Lateness>| StepRecord {
        step,
        date,
        from,
        to,
        rule_set: "2025".into(),
        recorded_at: now(),
        late,
        acknowledged: vec![],
    };
    let late = Lateness { deadline: ymd(2026, 3, 15), rule: "R-x".into() };
    after.history.push(step(Step::ProposeClass, ymd(2026, 3, 20), Stage::CamTinh, Stage::DeNghiHoc, Some(late)));
    after.history.push(step(Step::RecordCertificate, ymd(2026, 4, 24), Stage::DeNghiHoc, Stage::DaHoc, None));
    let changes = diff_record(RecordKind::Candidate, "qc-0002", "Lò Thị Hoa", Some(&before), &after, now());
    assert_eq!(
        rows(&changes),
        vec![
            ("history", None, Some("Ghi giấy chứng nhận học lớp nhận thức về Đảng, 24/04/2026")),
            ("history", None, Some("Đề nghị đi học lớp bồi dưỡng nhận thức về Đảng, 20/03/2026, muộn")),
            ("process.certificate.issued_on", None, Some("24/04/2026")),
            ("process.certificate.number", None, Some("123/GCN")),
            ("process.class_proposal.class_id", None, Some("lop-nt-2026-1")),
            ("process.class_proposal.date", None, Some("20/03/2026")),
            ("stage", Some("CAM_TINH"), Some("DA_HOC")),
        ]
    );
    // The steps come in the order they were taken.
    let steps: Vec<_> = changes.iter().filter(|c| c.field == NEW_STEP).map(|c| c.new.as_deref().unwrap_or("")).collect();
    assert!(steps[0].starts_with("Đề nghị") && steps[1].starts_with("Ghi giấy"), "{steps:?}");

    // A history that was rewritten (not only appended to) is diffed like any list.
    let mut rewritten = before.clone();
    rewritten.history[1].date = ymd(2026, 3, 9);
    let changes = diff_record(RecordKind::Candidate, "qc-0002", "Lò Thị Hoa", Some(&before), &rewritten, now());
    assert_eq!(rows(&changes), vec![("history[1].date", Some("10/03/2026"), Some("09/03/2026"))]);
}

#[test]
fn list_elements_added_and_removed_are_one_entry_each() {
    let d = small();
    let before = d.candidate(&CandidateId::new("qc-0002")).unwrap().clone();
    let mut after = before.clone();
    after.process.verifications.push(Verification {
        subject: "Bố".into(),
        place: "Đảng ủy xã Yên Lạc".into(),
        sent_on: ymd(2026, 4, 1),
        abroad: false,
        returned_on: None,
    });
    let changes = diff_record(RecordKind::Candidate, "qc-0002", "Lò Thị Hoa", Some(&before), &after, now());
    assert_eq!(
        rows(&changes),
        vec![("process.verifications[0]", None, Some(r#"{"place":"Đảng ủy xã Yên Lạc","sent_on":"2026-04-01","subject":"Bố"}"#))]
    );
    let back = diff_record(RecordKind::Candidate, "qc-0002", "Lò Thị Hoa", Some(&after), &before, now());
    assert_eq!(back.len(), 1);
    assert_eq!((back[0].old.is_some(), back[0].new.as_deref()), (true, None));
}

#[test]
fn a_new_record_is_one_entry_and_values_are_short() {
    let d = small();
    let c = &d.candidates[0];
    let changes = diff_record(RecordKind::Candidate, c.id.as_str(), &c.full_name, None, c, now());
    assert_eq!(changes.len(), 1);
    assert_eq!((changes[0].field.as_str(), changes[0].old.as_deref(), changes[0].new.as_deref()), (CREATED, None, None));

    let mut long = c.clone();
    long.residence = format!("Dòng một\ndòng hai\u{202E} {}", "x".repeat(300));
    let changes = diff_record(RecordKind::Candidate, c.id.as_str(), &c.full_name, Some(c), &long, now());
    let new = changes[0].new.as_deref().unwrap();
    assert_eq!(new.chars().count(), MAX_VALUE_CHARS);
    assert!(new.starts_with("Dòng một dòng hai\u{FFFD} xxx") && new.ends_with('…'), "{new}");
    assert_eq!(short(new), new, "short is idempotent");
    // Times show in Vietnam time.
    let mut created = c.clone();
    created.created_at = Utc.with_ymd_and_hms(2026, 2, 10, 20, 15, 0).unwrap();
    let changes = diff_record(RecordKind::Candidate, c.id.as_str(), &c.full_name, Some(c), &created, now());
    assert_eq!(rows(&changes), vec![("created_at", Some("10/02/2026 10:00"), Some("11/02/2026 03:15"))]);
}

#[test]
fn diff_data_matches_records_by_id() {
    let before = small();
    let mut after = before.clone();
    let later = now() + Duration::hours(1);
    // One candidate edited, one class's learners changed without a new stamp, one target gone,
    // one member added.
    after.candidates[1].full_name = "Lò Thị Hoa Mai".into();
    after.candidates[1].updated_at = later;
    after.classes[0].learners.pop();
    let gone = after.targets.pop().unwrap();
    let mut m = after.members[0].clone();
    m.id = MemberId::new("dv-0099");
    after.members.push(m);
    let changes = diff_data(&before, &after, later);
    let mut got: Vec<(RecordKind, &str, &str)> = changes.iter().map(|c| (c.kind, c.id.as_str(), c.field.as_str())).collect();
    got.sort();
    let class_id = before.classes[0].id.as_str();
    let learners = format!("learners[{}]", before.classes[0].learners.len() - 1);
    assert_eq!(
        got,
        vec![
            (RecordKind::Member, "dv-0099", CREATED),
            (RecordKind::Candidate, "qc-0002", "full_name"),
            (RecordKind::Class, class_id, learners.as_str()),
            (RecordKind::Target, gone.id.as_str(), DELETED),
        ]
    );
    let renamed = changes.iter().find(|c| c.field == "full_name").unwrap();
    assert_eq!(
        (renamed.old.as_deref(), renamed.new.as_deref(), renamed.name.as_str()),
        (Some("Lò Thị Hoa"), Some("Lò Thị Hoa Mai"), "Lò Thị Hoa Mai")
    );
    assert!(diff_data(&before, &before, later).is_empty());
}

#[test]
fn for_record_and_union() {
    let t0 = now();
    let mut log = ChangeLog::default();
    log.append([entry(t0, RecordKind::Candidate, "qc-1", "stage"), entry(t0, RecordKind::Cell, "qc-1", "name")]);
    log.append([entry(t0 + Duration::minutes(1), RecordKind::Candidate, "qc-1", "residence")]);
    let fields: Vec<&str> = log.for_record(RecordKind::Candidate, "qc-1").map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["stage", "residence"]);
    assert_eq!(log.for_record(RecordKind::Candidate, "qc-1").next_back().map(|c| c.field.as_str()), Some("residence"));
    // An entry appended with an earlier time goes in its place.
    log.append([entry(t0 - Duration::minutes(1), RecordKind::Candidate, "qc-1", "sex")]);
    assert_eq!(log.entries()[0].field, "sex");

    let mut other = ChangeLog::default();
    other
        .append([entry(t0, RecordKind::Candidate, "qc-1", "stage"), entry(t0 + Duration::minutes(5), RecordKind::Target, "ct-1", CREATED)]);
    let u = log.union(&other);
    assert_eq!(u.len(), log.len() + 1);
    assert_eq!(u.entries().last().map(|c| c.id.as_str()), Some("ct-1"));
    assert_eq!(u.union(&other), u);
    assert_eq!(log.union(&ChangeLog::default()), log);
}

#[test]
fn the_loader_normalises_a_hand_made_log() {
    let t0 = now();
    let mut entries: Vec<Value> = (0..MAX_PER_RECORD + 10)
        .map(|i| serde_json::json!({ "at": (t0 + Duration::seconds(i as i64)).to_rfc3339(), "kind": "candidate", "id": "qc-0001", "field": "stage" }))
        .collect();
    entries.insert(0, serde_json::json!({ "at": t0.to_rfc3339(), "kind": "cell", "id": "cb-tdp01", "field": "name", "new": format!("a\u{7}{}", "b".repeat(500)) }));
    entries.push(serde_json::json!({ "at": t0.to_rfc3339(), "kind": "cell", "id": "", "field": "name" }));
    let log: ChangeLog = crate::model::read::read_value(&Value::Array(entries)).unwrap();
    let mut normal = log.clone();
    normal.normalise();
    assert_eq!(normal.for_record(RecordKind::Candidate, "qc-0001").count(), MAX_PER_RECORD);
    assert_eq!(normal.len(), MAX_PER_RECORD + 1, "the entry without an id is dropped");
    let cell = normal.for_record(RecordKind::Cell, "cb-tdp01").next().unwrap();
    assert_eq!(cell.new.as_deref().map(|s| s.chars().count()), Some(MAX_VALUE_CHARS));
    assert!(cell.new.as_deref().unwrap().starts_with("a\u{FFFD}b"));
    // What append or normalise wrote is a fixed point.
    let mut again = normal.clone();
    again.normalise();
    assert_eq!(again, normal);
}

/// Appending 20,000 entries to a full log takes little time (the app appends on every save).
#[test]
fn append_to_a_full_log_is_fast() {
    let t0 = now();
    let mut log = ChangeLog::default();
    log.append(
        (0..MAX_ENTRIES + 500)
            .map(|i| entry(t0 + Duration::seconds(i as i64), RecordKind::Candidate, &format!("qc-{:05}", i % 3000), "stage")),
    );
    assert!(log.len() <= MAX_ENTRIES && log.units() <= MAX_LOG_UNITS);
    let started = std::time::Instant::now();
    for k in 0..10 {
        log.append(diff_record(
            RecordKind::Candidate,
            "qc-00001",
            "A",
            Some(&serde_json::json!({"a": k})),
            &serde_json::json!({"a": k + 1}),
            t0 + Duration::days(1 + k),
        ));
    }
    let each = started.elapsed() / 10;
    println!("append to a log of {} entries: {each:?} each", log.len());
    assert!(log.len() <= MAX_ENTRIES && log.units() <= MAX_LOG_UNITS);
    assert!(each.as_millis() < 200, "{each:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever is appended, in whatever batches and order, the bounds hold, the log stays in
    /// time order, and the newest entries of each record are the ones kept.
    #[test]
    fn bounds_hold_under_many_appends(
        batches in proptest::collection::vec(
            proptest::collection::vec((0i64..5_000, 0usize..6, 0usize..3), 0..400),
            1..12,
        ),
    ) {
        let t0 = now();
        let mut log = ChangeLog::default();
        let mut all: Vec<Change> = Vec::new();
        for batch in batches {
            let changes: Vec<Change> = batch
                .into_iter()
                .map(|(s, rec, kind)| {
                    let kind = [RecordKind::Candidate, RecordKind::Cell, RecordKind::Member][kind];
                    entry(t0 + Duration::seconds(s), kind, &format!("r{rec}"), &format!("f{s}"))
                })
                .collect();
            all.extend(changes.iter().cloned());
            log.append(changes);
            prop_assert!(log.len() <= MAX_ENTRIES);
            prop_assert!(log.entries().windows(2).all(|w| w[0].at <= w[1].at));
            let mut per: HashMap<(RecordKind, &str), usize> = HashMap::new();
            for c in log.entries() {
                *per.entry((c.kind, c.id.as_str())).or_default() += 1;
            }
            prop_assert!(per.values().all(|&n| n <= MAX_PER_RECORD), "{per:?}");
        }
        // Each record keeps min(its entries, MAX_PER_RECORD): the bound per record is what
        // drops entries here (6 × 3 records × 40 < MAX_ENTRIES); and the newest are kept.
        for kind in [RecordKind::Candidate, RecordKind::Cell, RecordKind::Member] {
            for rec in 0..6 {
                let id = format!("r{rec}");
                let mut mine: Vec<Timestamp> = all.iter().filter(|c| c.kind == kind && c.id == id).map(|c| c.at).collect();
                mine.sort();
                let kept: Vec<Timestamp> = log.for_record(kind, &id).map(|c| c.at).collect();
                prop_assert_eq!(kept.len(), mine.len().min(MAX_PER_RECORD));
                if let (Some(first_kept), Some(dropped)) = (kept.first(), mine.len().checked_sub(kept.len() + 1).map(|i| mine[i])) {
                    prop_assert!(dropped <= *first_kept);
                }
            }
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

    /// The overall bounds: many records, few entries each. The newest entries are kept, as
    /// many as the count and the size allow.
    #[test]
    fn the_overall_bounds_drop_the_oldest(extra in 1usize..3_000, per in 1usize..5, long in 0usize..100) {
        let t0 = now();
        let n = MAX_ENTRIES + extra;
        let input: Vec<Change> = (0..n)
            .map(|i| Change {
                at: t0 + Duration::seconds(i as i64),
                kind: RecordKind::Candidate,
                id: format!("{}", i / per),
                name: String::new(),
                field: "f".into(),
                old: None,
                new: (long > 0).then(|| "v".repeat(long)),
            })
            .collect();
        let mut log = ChangeLog::default();
        log.append(input.clone());
        let k = log.len();
        prop_assert!(k <= MAX_ENTRIES && log.units() <= MAX_LOG_UNITS);
        prop_assert_eq!(log.entries(), &input[n - k..]);
        prop_assert!(k == MAX_ENTRIES || log.units() + input[n - k - 1].units() > MAX_LOG_UNITS);
    }
}

/// `Change::units` is the size of the entry in the stored copy (and the comma after it).
#[test]
fn units_are_the_stored_size() {
    let t0 = now();
    let mut log = ChangeLog::default();
    log.append([
        entry(t0, RecordKind::Candidate, "qc-1", "stage"),
        Change {
            at: t0 + Duration::milliseconds(123),
            kind: RecordKind::Class,
            id: "lớp \"1\"".into(),
            name: "Khóa 1 — 😀".into(),
            field: "learners[0]".into(),
            old: Some("a\\b".into()),
            new: Some("x".repeat(500)),
        },
        Change {
            at: t0 + Duration::seconds(1) + Duration::nanoseconds(1_000),
            kind: RecordKind::Ward,
            id: "w".into(),
            name: String::new(),
            field: CREATED.into(),
            old: None,
            new: None,
        },
    ]);
    for c in log.entries() {
        assert_eq!(c.units(), serde_json::to_string(c).unwrap().encode_utf16().count() + 1, "{c:?}");
    }
    let text = serde_json::to_string(&log).unwrap();
    assert_eq!(log.units(), text.encode_utf16().count() - 2 + 1);
    // Trimming for room drops the oldest.
    log.trim_to_units(log.entries()[2].units());
    assert_eq!(log.len(), 1);
    assert_eq!(log.entries()[0].kind, RecordKind::Ward);
}

/// Through the loader: a log of the wrong shape is refused naming `data.changes`; one past the
/// bounds is cut down, without a warning.
#[test]
fn the_loader_checks_and_bounds_the_log() {
    let d = small();
    let text = crate::format::export(&d, &crate::format::ExportScope::Ward, "t", now()).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["data"]["changes"] = serde_json::json!([{ "at": "hôm qua", "kind": "candidate", "id": "qc-0001", "field": "stage" }]);
    match load(v.to_string().as_bytes(), today()) {
        Err(crate::format::LoadError::BadEnvelope { field, .. }) => assert_eq!(field, "data.changes"),
        other => panic!("{other:?}"),
    }
    let many: Vec<Value> = (0..MAX_PER_RECORD + 10)
        .map(|i| serde_json::json!({ "at": (now() - Duration::minutes(i as i64)).to_rfc3339(), "kind": "candidate", "id": "qc-0001", "field": "stage", "new": "NGUON" }))
        .collect();
    v["data"]["changes"] = Value::Array(many);
    let loaded = load(v.to_string().as_bytes(), today()).unwrap();
    assert_eq!(loaded.data.changes.len(), MAX_PER_RECORD);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    // Newest kept, in time order.
    let times: Vec<Timestamp> = loaded.data.changes.entries().iter().map(|c| c.at).collect();
    assert_eq!(times.last(), Some(&now()));
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
}
