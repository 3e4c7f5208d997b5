//! Every error says what is wrong and where, in Vietnamese.

use super::*;
use crate::pipeline::Stage;

fn cand() -> RecordRef {
    RecordRef::new(RecordKind::Candidate, "qc-0012", "Nguyễn Văn An")
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// One example of every variant (a test below checks that none is missing).
fn examples() -> Vec<LoadError> {
    let enc = EncryptedFile {
        ward_name: "Hòa An".into(),
        exported_at: now(),
        iterations: 600_000,
        salt: [0; 16],
        iv: [0; 12],
        ciphertext: vec![0; 32],
    };
    vec![
        LoadError::TooLarge { size: 200 * 1024 * 1024, limit: MAX_FILE_BYTES },
        LoadError::Empty,
        LoadError::Utf16WithoutBom,
        LoadError::Utf32,
        LoadError::NotUtf8 { offset: 41 },
        LoadError::BadUtf16 { offset: 9 },
        LoadError::TruncatedJson { line: 120, column: 7 },
        LoadError::NotJson { line: 1, column: 1, detail: "expected value".into() },
        LoadError::RepeatedKey { key: "data".into(), line: 9, column: 8 },
        LoadError::NotAnObject { found: "một danh sách (mảng JSON)" },
        LoadError::NotPtdvFile { format: Some("excalidraw".into()) },
        LoadError::Encrypted(Box::new(enc)),
        LoadError::BadEncryptedFile {
            field: "kdf.iterations",
            problem: EncryptedProblem::TooFewIterations { found: 10, min: MIN_ITERATIONS },
        },
        LoadError::BadSchemaVersion { found: "\"1\"".into() },
        LoadError::NewerVersion { found: 3, supported: 1, app_version: Some("0.4.0".into()) },
        LoadError::MigrationFailed { from: 1, to: 2, detail: "thiếu data.ward".into() },
        LoadError::MissingField { field: "data" },
        LoadError::BadEnvelope {
            field: "exported_at".into(), detail: "“20/11/2026” không phải ngày giờ hợp lệ (RFC 3339)".into()
        },
        LoadError::BadRecord {
            at: Location::new(cand(), "process.cell_votes[0].convened"),
            detail: "số âm (-3) không hợp lệ, số lượng phải từ 0 trở lên".into(),
        },
        LoadError::ImpossibleDate { at: Location::new(cand(), "birth_date"), value: "2026-02-30".into() },
        LoadError::DuplicateId {
            kind: RecordKind::Candidate,
            id: "qc-0001".into(),
            first: "Nguyễn Văn An".into(),
            second: "Nguyễn Văn Anh".into(),
        },
        LoadError::DanglingReference { from: cand(), field: "cell_id".into(), target: RecordKind::Cell, id: "cb-99".into() },
        LoadError::DateOutOfRange {
            at: Location::new(cand(), "birth_date"),
            date: d(1850, 6, 1),
            problem: DateProblem::BeforeMin { min: min_date() },
        },
        LoadError::DatesOutOfOrder {
            at: RecordRef::new(RecordKind::Class, "lop-nt-2026-1", "Khóa 1 năm 2026"),
            start_field: "start".into(),
            start: d(2026, 4, 20),
            end_field: "end".into(),
            end: d(2026, 4, 1),
        },
        LoadError::InvalidVote {
            at: Location::new(cand(), "process.cell_votes[0].yes"),
            detail: "Số tán thành (7) cộng số không tán thành (0) lớn hơn số đảng viên chính thức có mặt (5).".into(),
        },
        LoadError::StageInconsistent {
            at: cand(), stage: Stage::ChiBoXet, detail: "Chi bộ đã xét: thiếu nghị quyết cảm tình Đảng".into()
        },
        LoadError::ControlCharacter { at: Location::new(cand(), "full_name"), code_point: 7 },
        LoadError::TextTooLong { at: Location::new(cand(), "residence"), chars: 100_000, max: MAX_TEXT_CHARS },
        LoadError::BadValue {
            at: Location::new(cand(), "ethnicity"), detail: "mã dân tộc 99 không có trong danh mục (1–56)".into()
        },
        LoadError::OtherWard { current: "Hòa An".into(), incoming: "Yên Thế".into() },
        LoadError::PartialFile { cell_id: CellId::new("cb-thcs") },
    ]
}

#[test]
fn the_example_of_the_brief() {
    let e = LoadError::DanglingReference { from: cand(), field: "cell_id".into(), target: RecordKind::Cell, id: "cb-99".into() };
    assert_eq!(e.to_string(), "Hồ sơ của quần chúng “Nguyễn Văn An” (qc-0012) thuộc chi bộ “cb-99” không có trong tệp.");
}

#[test]
fn every_variant_has_a_vietnamese_message() {
    let all = examples();
    let mut names: Vec<&str> = all.iter().map(LoadError::variant).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all.len(), "one example per variant");
    assert_eq!(all.len(), 31, "a new variant needs an example here");
    for e in &all {
        let msg = e.to_string();
        println!("{:<18} {msg}", e.variant());
        assert!(msg.ends_with('.'), "{msg}");
        assert!(msg.chars().next().unwrap().is_uppercase(), "{msg}");
        // Vietnamese: at least one letter outside ASCII.
        assert!(!msg.is_ascii(), "{msg}");
    }
}

#[test]
fn record_level_messages_name_the_record_and_field() {
    for e in examples() {
        let msg = e.to_string();
        match &e {
            LoadError::BadRecord { .. }
            | LoadError::ImpossibleDate { .. }
            | LoadError::DateOutOfRange { .. }
            | LoadError::InvalidVote { .. }
            | LoadError::ControlCharacter { .. }
            | LoadError::TextTooLong { .. }
            | LoadError::BadValue { .. } => {
                assert!(msg.to_lowercase().contains("quần chúng “nguyễn văn an” (qc-0012)"), "{msg}");
                assert!(msg.contains('(') && msg.contains(')'), "{msg}");
            }
            LoadError::DuplicateId { .. } => assert!(msg.contains("qc-0001") && msg.contains("Nguyễn Văn Anh")),
            LoadError::DatesOutOfOrder { .. } => {
                assert_eq!(msg, "Lớp bồi dưỡng “Khóa 1 năm 2026” (lop-nt-2026-1): ngày bế giảng (end) (01/04/2026) trước ngày khai giảng (start) (20/04/2026).")
            }
            LoadError::NewerVersion { .. } => assert!(msg.contains("phiên bản mới hơn") && msg.contains('3') && msg.contains("0.4.0")),
            _ => {}
        }
    }
}

#[test]
fn values_from_the_file_are_quoted_safely() {
    let nasty = RecordRef::new(RecordKind::Candidate, "x\u{0007}y", "A\u{202E}B".to_string() + &"dài ".repeat(100));
    let msg = LoadError::BadValue { at: Location::new(nasty, "ethnicity"), detail: "x".into() }.to_string();
    assert!(!msg.chars().any(|c| c.is_control() || c == '\u{202E}'), "{msg:?}");
    assert!(msg.contains('…') && msg.chars().count() < 250, "{msg}");
}

#[test]
fn warnings_read_well() {
    let ws = [
        LoadWarning::UnknownFields { paths: vec!["data.candidates[0].nickname".into()], total: 3 },
        LoadWarning::ExportedInFuture { exported_at: now() },
        LoadWarning::TimestampInFuture { at: Location::new(cand(), "updated_at"), value: now() },
        LoadWarning::VeryYoung { at: cand(), birth_date: d(2012, 5, 1) },
        LoadWarning::SettingsUnknownCell { cell_id: CellId::new("cb-cu") },
        LoadWarning::OutsideScope { record: cand() },
    ];
    for w in ws {
        let msg = w.to_string();
        println!("{msg}");
        assert!(msg.ends_with('.') && msg.chars().next().unwrap().is_uppercase(), "{msg}");
    }
}
