//! The typed errors and warnings of the loader, with Vietnamese messages that say what is wrong
//! and where (record type, name, id, field).
//!
//! Values that come from the file (names, ids) are quoted as text and shortened to 80
//! characters; control characters in them are replaced by "�". The UI shows the messages as
//! text (escaped), never as HTML.

use super::encrypted::EncryptedFile;
use crate::model::{field_name, CellId, RecordKind, Timestamp};
use crate::pipeline::Stage;
use crate::text::is_bidi_control;
use crate::text::{format_date, format_int};
use chrono::NaiveDate;
use std::fmt;

/// One record, as named in messages: kind, display name, id (and position in the file when
/// the id itself is missing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: String,
    pub name: String,
    /// Position in its list (0-based), for records that could not be read.
    pub index: Option<usize>,
}

impl RecordRef {
    pub fn new(kind: RecordKind, id: impl Into<String>, name: impl Into<String>) -> Self {
        RecordRef { kind, id: id.into(), name: name.into(), index: None }
    }
}

impl fmt::Display for RecordRef {
    /// `quần chúng “Nguyễn Văn An” (qc-0012)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.label())?;
        if !self.name.trim().is_empty() {
            write!(f, " “{}”", shown(&self.name))?;
        }
        match (self.id.is_empty(), self.index) {
            (false, _) => write!(f, " ({})", shown(&self.id)),
            (true, Some(i)) => write!(f, " thứ {} trong danh sách (không có mã)", i + 1),
            (true, None) => Ok(()),
        }
    }
}

/// A field of a record: `field` is the path inside the record, e.g. `process.dossier.opened_on`
/// or `learners[2].candidate_id` (empty for the record as a whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub record: RecordRef,
    pub field: String,
}

impl Location {
    pub fn new(record: RecordRef, field: impl Into<String>) -> Self {
        Location { record, field: field.into() }
    }
}

impl fmt::Display for Location {
    /// `quần chúng “Nguyễn Văn An” (qc-0012), ngày sinh (birth_date)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.record)?;
        if !self.field.is_empty() {
            write!(f, ", {}", field_label(&self.field))?;
        }
        Ok(())
    }
}

/// A field path with its Vietnamese name when known: `ngày sinh (birth_date)`.
pub fn field_label(path: &str) -> String {
    match field_name(path) {
        Some(label) => format!("{label} ({path})"),
        None => format!("trường “{path}”"),
    }
}

/// Text from the file, made safe to quote: at most 80 characters, control characters replaced.
pub(crate) fn shown(s: &str) -> String {
    const MAX: usize = 80;
    let mut out: String = s.chars().take(MAX).map(|c| if c.is_control() || is_bidi_control(c) { '�' } else { c }).collect();
    if s.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn megabytes(n: usize) -> String {
    crate::text::format_decimal(n as f64 / (1024.0 * 1024.0), 1) + " MB"
}

/// Why a date was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// Before the earliest date the app accepts (1 January 1900).
    BeforeMin { min: NaiveDate },
    /// Later than the latest possible date for this field (today + 1 year for events).
    AfterMax { max: NaiveDate },
    /// A birth date after today.
    BirthInFuture,
}

impl fmt::Display for DateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateProblem::BeforeMin { min } => write!(f, "trước ngày {}, không thể đúng", format_date(*min)),
            DateProblem::AfterMax { max } => {
                write!(f, "quá xa trong tương lai (muộn nhất là {})", format_date(*max))
            }
            DateProblem::BirthInFuture => f.write_str("là ngày sinh nhưng sau ngày hôm nay"),
        }
    }
}

/// Why an encrypted envelope was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncryptedProblem {
    /// The field is missing or has the wrong JSON type.
    Missing,
    /// A newer version of the encrypted envelope.
    NewerVersion { found: u64, supported: u32 },
    /// Not the algorithm this app uses (PBKDF2 / SHA-256 / AES-GCM).
    Unsupported { found: String, expected: &'static str },
    /// Not well-formed base64 (byte offset of the first bad character).
    BadBase64 { offset: usize },
    /// Fewer PBKDF2 iterations than the minimum.
    TooFewIterations { found: u64, min: u32 },
    /// More PBKDF2 iterations than the maximum.
    TooManyIterations { found: u64, max: u32 },
    /// A salt, IV or ciphertext of the wrong length in bytes.
    WrongLength { found: usize, expected: &'static str },
    /// Not an RFC 3339 date-time.
    BadDateTime,
    /// A text field too long or with control characters.
    BadText,
}

impl fmt::Display for EncryptedProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncryptedProblem::Missing => f.write_str("thiếu hoặc sai kiểu dữ liệu"),
            EncryptedProblem::NewerVersion { found, supported } => write!(
                f,
                "tệp được tạo bởi phiên bản mới hơn của ứng dụng (kiểu mã hóa phiên bản {found}, ứng dụng này đọc được đến phiên bản {supported}); hãy cập nhật ứng dụng"
            ),
            EncryptedProblem::Unsupported { found, expected } => {
                write!(f, "thuật toán “{}” không được hỗ trợ (cần “{expected}”)", shown(found))
            }
            EncryptedProblem::BadBase64 { offset } => {
                write!(f, "không phải chuỗi base64 hợp lệ (lỗi ở ký tự thứ {})", offset + 1)
            }
            EncryptedProblem::TooFewIterations { found, min } => write!(
                f,
                "số vòng lặp {} quá nhỏ, không đủ an toàn (ít nhất {})",
                format_int(*found),
                format_int(*min)
            ),
            EncryptedProblem::TooManyIterations { found, max } => {
                write!(f, "số vòng lặp {} quá lớn (nhiều nhất {})", format_int(*found), format_int(*max))
            }
            EncryptedProblem::WrongLength { found, expected } => {
                write!(f, "dài {found} byte, cần {expected}")
            }
            EncryptedProblem::BadDateTime => f.write_str("không phải ngày giờ hợp lệ (RFC 3339)"),
            EncryptedProblem::BadText => f.write_str("quá dài hoặc chứa ký tự điều khiển"),
        }
    }
}

/// Why a file (or the stored data) could not be loaded, an import merged, or data replaced.
/// Every variant has a Vietnamese `Display` naming what is wrong and where.
/// [`LoadError::variant`] gives the variant's name, a stable code for tests and the UI.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// Larger than [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES).
    TooLarge { size: usize, limit: usize },
    /// No bytes, or only whitespace.
    Empty,
    /// UTF-16 text without a byte-order mark.
    Utf16WithoutBom,
    /// UTF-32 text.
    Utf32,
    /// Not UTF-8 (Latin-1, a legacy Vietnamese encoding, binary): offset of the first bad byte.
    NotUtf8 { offset: usize },
    /// UTF-16 with a byte-order mark but broken (odd length, lone surrogate).
    BadUtf16 { offset: usize },
    /// The JSON text ends in the middle (a partial download or copy).
    TruncatedJson { line: usize, column: usize },
    /// Not JSON.
    NotJson { line: usize, column: usize, detail: String },
    /// A key written twice in one JSON object (one of the two values would be lost).
    RepeatedKey { key: String, line: usize, column: usize },
    /// JSON, but not an object (an array, a string …).
    NotAnObject { found: &'static str },
    /// An object without `"format": "ptdv"` (or with another format name).
    NotPtdvFile { format: Option<String> },
    /// A well-formed encrypted envelope: the UI asks for the passphrase, decrypts with
    /// WebCrypto, and calls [`load`](super::load) on the plaintext.
    Encrypted(Box<EncryptedFile>),
    /// An encrypted envelope that is malformed or unsafe.
    BadEncryptedFile { field: &'static str, problem: EncryptedProblem },
    /// `schema_version` is not a positive integer.
    BadSchemaVersion { found: String },
    /// Written by a newer version of the app.
    NewerVersion { found: u32, supported: u32, app_version: Option<String> },
    /// A migration step failed.
    MigrationFailed { from: u32, to: u32, detail: String },
    /// A required envelope field is missing.
    MissingField { field: &'static str },
    /// An envelope field is malformed or disagrees with the data.
    BadEnvelope { field: String, detail: String },
    /// A record that does not have the expected shape (missing field, wrong type, negative
    /// count, unknown code).
    BadRecord { at: Location, detail: String },
    /// A date that does not exist, such as 30 February.
    ImpossibleDate { at: Location, value: String },
    /// Two records of the same kind with the same id.
    DuplicateId { kind: RecordKind, id: String, first: String, second: String },
    /// A reference to a record that is not in the file.
    DanglingReference { from: RecordRef, field: String, target: RecordKind, id: String },
    /// A date before 1900, or later than possible.
    DateOutOfRange { at: Location, date: NaiveDate, problem: DateProblem },
    /// An end before its start.
    DatesOutOfOrder { at: RecordRef, start_field: String, start: NaiveDate, end_field: String, end: NaiveDate },
    /// Vote counts that cannot be (more yes than present, …).
    InvalidVote { at: Location, detail: String },
    /// The stage disagrees with the process record ([`check_invariants`](crate::pipeline::check_invariants)).
    StageInconsistent { at: RecordRef, stage: Stage, detail: String },
    /// A control character (or bidirectional override) in a text.
    ControlCharacter { at: Location, code_point: u32 },
    /// A text longer than its limit.
    TextTooLong { at: Location, chars: usize, max: usize },
    /// A value outside its domain (an ethnicity code, an empty id, a rate …).
    BadValue { at: Location, detail: String },
    /// Merge: the file belongs to another ward.
    OtherWard { current: String, incoming: String },
    /// Replace: the file holds one cell only and cannot replace the whole ward.
    PartialFile { cell_id: CellId },
}

impl LoadError {
    /// The variant's name ("TooLarge", "DanglingReference" …): a stable code for tests, logs
    /// and the UI's choice of help text.
    pub fn variant(&self) -> &'static str {
        match self {
            LoadError::TooLarge { .. } => "TooLarge",
            LoadError::Empty => "Empty",
            LoadError::Utf16WithoutBom => "Utf16WithoutBom",
            LoadError::Utf32 => "Utf32",
            LoadError::NotUtf8 { .. } => "NotUtf8",
            LoadError::BadUtf16 { .. } => "BadUtf16",
            LoadError::TruncatedJson { .. } => "TruncatedJson",
            LoadError::NotJson { .. } => "NotJson",
            LoadError::RepeatedKey { .. } => "RepeatedKey",
            LoadError::NotAnObject { .. } => "NotAnObject",
            LoadError::NotPtdvFile { .. } => "NotPtdvFile",
            LoadError::Encrypted(_) => "Encrypted",
            LoadError::BadEncryptedFile { .. } => "BadEncryptedFile",
            LoadError::BadSchemaVersion { .. } => "BadSchemaVersion",
            LoadError::NewerVersion { .. } => "NewerVersion",
            LoadError::MigrationFailed { .. } => "MigrationFailed",
            LoadError::MissingField { .. } => "MissingField",
            LoadError::BadEnvelope { .. } => "BadEnvelope",
            LoadError::BadRecord { .. } => "BadRecord",
            LoadError::ImpossibleDate { .. } => "ImpossibleDate",
            LoadError::DuplicateId { .. } => "DuplicateId",
            LoadError::DanglingReference { .. } => "DanglingReference",
            LoadError::DateOutOfRange { .. } => "DateOutOfRange",
            LoadError::DatesOutOfOrder { .. } => "DatesOutOfOrder",
            LoadError::InvalidVote { .. } => "InvalidVote",
            LoadError::StageInconsistent { .. } => "StageInconsistent",
            LoadError::ControlCharacter { .. } => "ControlCharacter",
            LoadError::TextTooLong { .. } => "TextTooLong",
            LoadError::BadValue { .. } => "BadValue",
            LoadError::OtherWard { .. } => "OtherWard",
            LoadError::PartialFile { .. } => "PartialFile",
        }
    }

    /// Whether the user can fix this by choosing another file or updating the app, as opposed
    /// to a file whose records are damaged. (For the UI's help text.)
    pub fn is_not_a_data_file(&self) -> bool {
        matches!(
            self,
            LoadError::TooLarge { .. }
                | LoadError::Empty
                | LoadError::Utf16WithoutBom
                | LoadError::Utf32
                | LoadError::NotUtf8 { .. }
                | LoadError::BadUtf16 { .. }
                | LoadError::NotJson { .. }
                | LoadError::RepeatedKey { .. }
                | LoadError::NotAnObject { .. }
                | LoadError::NotPtdvFile { .. }
        )
    }
}

/// The wording of a dangling reference, by the field that holds it.
fn reference_sentence(from: &RecordRef, field: &str, target: RecordKind, id: &str) -> String {
    let id = shown(id);
    let last = field.rsplit('.').next().unwrap_or(field);
    let last = last.split('[').next().unwrap_or(last);
    match (from.kind, last) {
        (RecordKind::Candidate, "cell_id") => {
            format!("Hồ sơ của {from} thuộc chi bộ “{id}” không có trong tệp.")
        }
        (RecordKind::Member, "cell_id") => format!("Đảng viên {} sinh hoạt ở chi bộ “{id}” không có trong tệp.", after_label(from)),
        (_, "helpers") => format!("Hồ sơ của {from} ghi người giúp đỡ là đảng viên “{id}” không có trong tệp ({field})."),
        (_, "member_id") => format!("Hồ sơ của {from} ghi người giới thiệu là đảng viên “{id}” không có trong tệp ({field})."),
        (RecordKind::Class, "candidate_id") => format!("Danh sách học viên của {from} có quần chúng “{id}” không có trong tệp."),
        (_, "class_id") => format!("Hồ sơ của {from} ghi lớp bồi dưỡng “{id}” không có trong tệp ({field})."),
        (RecordKind::Target, _) => format!("{} giao cho chi bộ “{id}” không có trong tệp.", capitalise(&from.to_string())),
        _ => format!("{} ({}) trỏ tới {} “{id}” không có trong tệp.", capitalise(&from.to_string()), field_label(field), target.label()),
    }
}

/// `“Trần Văn Bình” (dv-0001)` — a record without its kind label, after a capitalised label.
fn after_label(r: &RecordRef) -> String {
    let full = r.to_string();
    full.strip_prefix(r.kind.label()).map(|s| s.trim_start().to_string()).unwrap_or(full)
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::TooLarge { size, limit } => write!(
                f,
                "Tệp quá lớn ({}, giới hạn {}). Dữ liệu của một đảng bộ thường chỉ vài MB: hãy kiểm tra đã chọn đúng tệp chưa.",
                megabytes(*size),
                megabytes(*limit)
            ),
            LoadError::Empty => f.write_str("Tệp trống, không có dữ liệu."),
            LoadError::Utf16WithoutBom => f.write_str(
                "Tệp được lưu bằng mã UTF-16 nhưng thiếu dấu BOM ở đầu tệp nên không đọc chắc chắn được. Hãy lưu lại tệp với mã UTF-8.",
            ),
            LoadError::Utf32 => f.write_str("Tệp được lưu bằng mã UTF-32, ứng dụng không đọc mã này. Hãy lưu lại tệp với mã UTF-8."),
            LoadError::NotUtf8 { offset } => write!(
                f,
                "Tệp không phải văn bản UTF-8 (byte thứ {} không hợp lệ): có thể tệp được lưu bằng mã cũ (Latin-1, Windows-1258, TCVN3, VNI) hoặc không phải tệp dữ liệu. Hãy lưu lại tệp với mã UTF-8.",
                format_int(*offset as u64 + 1)
            ),
            LoadError::BadUtf16 { offset } => {
                write!(f, "Tệp UTF-16 bị hỏng ở byte thứ {}.", format_int(*offset as u64 + 1))
            }
            LoadError::TruncatedJson { line, column } => write!(
                f,
                "Tệp bị cắt cụt: dữ liệu kết thúc giữa chừng (dòng {line}, cột {column}). Có thể tệp chưa được tải xuống hoặc sao chép hết."
            ),
            LoadError::NotJson { line, column, .. } => {
                write!(f, "Tệp không phải dữ liệu JSON hợp lệ: lỗi ở dòng {line}, cột {column}.")
            }
            LoadError::RepeatedKey { key, line, column } => write!(
                f,
                "Tệp có khóa “{}” viết hai lần trong cùng một đối tượng (dòng {line}, cột {column}): không biết giữ giá trị nào, nên không đọc. Có thể tệp đã bị sửa tay.",
                shown(key)
            ),
            LoadError::NotAnObject { found } => write!(
                f,
                "Tệp JSON không phải tệp dữ liệu ptdv: nội dung là {found}, không phải một đối tượng có trường “format”."
            ),
            LoadError::NotPtdvFile { format: None } => {
                f.write_str("Tệp không phải tệp dữ liệu của ứng dụng ptdv (thiếu trường “format”).")
            }
            LoadError::NotPtdvFile { format: Some(x) } => write!(
                f,
                "Tệp không phải tệp dữ liệu của ứng dụng ptdv: trường “format” là “{}”, cần “ptdv”.",
                shown(x)
            ),
            LoadError::Encrypted(e) => write!(
                f,
                "Tệp đã được mã hóa (dữ liệu của đảng bộ “{}”, xuất ngày {}): hãy nhập mật khẩu để mở.",
                shown(&e.ward_name),
                format_date(e.exported_at.date_naive())
            ),
            LoadError::BadEncryptedFile { field, problem } => {
                write!(f, "Tệp mã hóa không hợp lệ: trường “{field}”: {problem}.")
            }
            LoadError::BadSchemaVersion { found } => write!(
                f,
                "Số phiên bản định dạng (schema_version) không hợp lệ: {} (cần một số nguyên dương).",
                shown(found)
            ),
            LoadError::NewerVersion { found, supported, app_version } => {
                write!(f, "Tệp được tạo bởi phiên bản mới hơn của ứng dụng (định dạng phiên bản {found}")?;
                if let Some(app) = app_version {
                    write!(f, ", ứng dụng phiên bản {}", shown(app))?;
                }
                write!(
                    f,
                    "); ứng dụng đang dùng chỉ đọc được định dạng đến phiên bản {supported}. Hãy cập nhật ứng dụng rồi mở lại tệp."
                )
            }
            LoadError::MigrationFailed { from, to, detail } => write!(
                f,
                "Không chuyển được dữ liệu từ định dạng phiên bản {from} sang {to}: {}.",
                shown(detail)
            ),
            LoadError::MissingField { field } => write!(f, "Tệp thiếu trường bắt buộc “{field}”."),
            LoadError::BadEnvelope { field, detail } => {
                write!(f, "Trường “{field}” của tệp không hợp lệ: {detail}.")
            }
            LoadError::BadRecord { at, detail } => {
                write!(f, "Không đọc được dữ liệu của {at}: {detail}.")
            }
            LoadError::ImpossibleDate { at, value } => {
                write!(f, "Ngày “{}” không có thật ({at}).", shown(value))
            }
            LoadError::DuplicateId { kind, id, first, second } => write!(
                f,
                "Có hai {} cùng mã “{}”: “{}” và “{}”. Mỗi bản ghi phải có mã riêng.",
                kind.label(),
                shown(id),
                shown(first),
                shown(second)
            ),
            LoadError::DanglingReference { from, field, target, id } => {
                f.write_str(&reference_sentence(from, field, *target, id))
            }
            LoadError::DateOutOfRange { at, date, problem } => {
                write!(f, "{}: ngày {} {problem}.", capitalise(&at.to_string()), format_date(*date))
            }
            LoadError::DatesOutOfOrder { at, start_field, start, end_field, end } => write!(
                f,
                "{}: {} ({}) trước {} ({}).",
                capitalise(&at.to_string()),
                field_label(end_field),
                format_date(*end),
                field_label(start_field),
                format_date(*start)
            ),
            LoadError::InvalidVote { at, detail } => {
                write!(f, "Kết quả biểu quyết không hợp lệ ({at}): {detail}")
            }
            LoadError::StageInconsistent { at, stage, detail } => {
                // `check_invariants` starts its reasons with the stage label: not twice.
                let prefix = format!("{}: ", stage.label());
                let detail = detail.strip_prefix(&prefix).unwrap_or(detail);
                write!(f, "Giai đoạn của {at} (“{}”) không khớp với quá trình đã ghi: {detail}.", stage.label())
            }
            LoadError::ControlCharacter { at, code_point } => write!(
                f,
                "{} chứa ký tự điều khiển không in được (U+{code_point:04X}); có thể dữ liệu bị hỏng khi sao chép.",
                capitalise(&at.to_string())
            ),
            LoadError::TextTooLong { at, chars, max } => write!(
                f,
                "{} dài {} ký tự, vượt giới hạn {} ký tự.",
                capitalise(&at.to_string()),
                format_int(*chars as u64),
                format_int(*max as u64)
            ),
            LoadError::BadValue { at, detail } => {
                write!(f, "Giá trị không hợp lệ ({at}): {detail}.")
            }
            LoadError::OtherWard { current, incoming } => write!(
                f,
                "Tệp là dữ liệu của đảng bộ “{}”, khác với đảng bộ đang mở “{}”: không gộp được.",
                shown(incoming),
                shown(current)
            ),
            LoadError::PartialFile { cell_id } => write!(
                f,
                "Tệp chỉ chứa dữ liệu của một chi bộ ({}) nên không thể thay thế toàn bộ dữ liệu của đảng bộ; hãy chọn “Gộp vào dữ liệu hiện có”.",
                shown(cell_id.as_str())
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Something the user should know about a file that loaded.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadWarning {
    /// Fields this version of the app does not know: they are not kept. Up to 10 paths, and
    /// the total.
    UnknownFields { paths: Vec<String>, total: usize },
    /// The file says it was exported after today (a wrong clock on one of the machines).
    ExportedInFuture { exported_at: Timestamp },
    /// A record stamped after today: it would win every merge until then.
    TimestampInFuture { at: Location, value: Timestamp },
    /// A birth date that makes the person younger than 16 today.
    VeryYoung { at: RecordRef, birth_date: NaiveDate },
    /// The ward settings name a cell that is not in the file.
    SettingsUnknownCell { cell_id: CellId },
    /// A cell file holding records of other cells (kept).
    OutsideScope { record: RecordRef },
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadWarning::UnknownFields { paths, total } => {
                write!(
                    f,
                    "Tệp có {} trường mà phiên bản ứng dụng này không biết và sẽ không giữ lại (có thể tệp được tạo bởi phiên bản mới hơn): {}",
                    format_int(*total as u64),
                    paths.iter().map(|p| shown(p)).collect::<Vec<_>>().join(", ")
                )?;
                if *total > paths.len() {
                    f.write_str(", …")?;
                }
                f.write_str(".")
            }
            LoadWarning::ExportedInFuture { exported_at } => write!(
                f,
                "Tệp ghi ngày xuất là {}, sau ngày hôm nay: đồng hồ của một trong hai máy có thể bị sai.",
                format_date(exported_at.date_naive())
            ),
            LoadWarning::TimestampInFuture { at, value } => write!(
                f,
                "{}: thời điểm {} sau ngày hôm nay (đồng hồ máy có thể bị sai); khi gộp dữ liệu, bản ghi này sẽ được coi là mới nhất.",
                capitalise(&at.to_string()),
                format_date(value.date_naive())
            ),
            LoadWarning::VeryYoung { at, birth_date } => write!(
                f,
                "{}: ngày sinh {} cho thấy người này chưa đủ 16 tuổi; hãy kiểm tra lại.",
                capitalise(&at.to_string()),
                format_date(*birth_date)
            ),
            LoadWarning::SettingsUnknownCell { cell_id } => {
                write!(f, "Phần cài đặt của đảng bộ ghi chi bộ “{}” không có trong tệp.", shown(cell_id.as_str()))
            }
            LoadWarning::OutsideScope { record } => {
                write!(f, "Tệp của một chi bộ có cả {record} của chi bộ khác.")
            }
        }
    }
}

/// Why an export could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// The cell to export is not in the data.
    UnknownCell(CellId),
    /// Serialization failed (not expected: every model type serializes).
    Serialize(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::UnknownCell(id) => {
                write!(f, "Không xuất được: chi bộ “{}” không có trong dữ liệu.", shown(id.as_str()))
            }
            ExportError::Serialize(e) => write!(f, "Không xuất được dữ liệu: {e}."),
        }
    }
}

impl std::error::Error for ExportError {}
