//! The loader: one path for the stored copy and for imported files.

use super::encrypted::{parse_encrypted, ENCRYPTED_FORMAT};
use super::envelope::{EnvelopeMeta, ExportScope, WardRef};
use super::error::{LoadError, LoadWarning, Location, RecordRef};
use super::loading::Loading;
use super::migrate::{migrate_with, Migration};
use super::validate::{candidate_ref, check_with, CheckReport};
use super::FORMAT;
use crate::changes::ChangeLog;
use crate::model::read::read_value;
use crate::model::*;
use crate::text::is_bidi_control;
use chrono::NaiveDate;
use serde::de::{DeserializeOwned, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

/// A file (or the stored copy) that loaded: the data at the current schema version, the
/// envelope, whether it was migrated, and what the user should know.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub data: WardData,
    pub meta: EnvelopeMeta,
    /// The file's schema version when it was older than [`SCHEMA_VERSION`](super::SCHEMA_VERSION) and migrated.
    pub migrated_from: Option<u32>,
    pub warnings: Vec<LoadWarning>,
}

/// Loads a ptdv document from its bytes. `today` bounds the dates (the domain never reads the
/// clock: the UI passes the local date).
///
/// Steps, each with its own errors (see [`LoadError`]):
/// 1. size ≤ [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES);
/// 2. decode: UTF-8 (BOM or not), UTF-16 LE/BE with a BOM; anything else refused;
/// 3. parse JSON (a key repeated in one object is refused, [`LoadError::RepeatedKey`]: one of the
///    values would be lost);
/// 4. `format`: `"ptdv"` goes on; `"ptdv-encrypted"` is checked and returned as
///    [`LoadError::Encrypted`] for the UI to ask for the passphrase;
/// 5. `schema_version`: a positive integer, not newer than [`SCHEMA_VERSION`](super::SCHEMA_VERSION);
/// 6. migrate step by step ([`MIGRATIONS`](super::MIGRATIONS));
/// 7. read the envelope and each record, naming the record that does not read;
/// 8. [`validate`](super::validate) (ids, texts, values, dates, references, votes, stages), and
///    check the envelope against the data.
///
/// Warnings: fields this version does not know (they would not be kept), dates stamped after
/// today, settings naming missing cells, other cells' candidates in a cell file.
///
/// A document this version wrote takes the fast path ([`Loading`]): parsed once, straight into
/// the records, each compared with what this version would write. Anything else — an older
/// version, a field this one does not know, a key written twice, a hand-edited file, any error
/// — goes the careful way above, so errors and warnings are the same either way.
pub fn load(bytes: &[u8], today: NaiveDate) -> Result<Loaded, LoadError> {
    Loading::start(bytes, today).finish()
}

/// [`load`] with a given migration table and current version (tests of the chain), always
/// the careful way.
#[cfg(test)]
pub(crate) fn load_with(bytes: &[u8], today: NaiveDate, table: &[Migration], current: u32) -> Result<Loaded, LoadError> {
    let text = super::decode::decode_text(bytes)?;
    load_text(&text, today, table, current)
}

/// [`load_with`] from the decoded text.
pub(super) fn load_text(text: &str, today: NaiveDate, table: &[Migration], current: u32) -> Result<Loaded, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let value = parse_json(text)?;
    let Value::Object(obj) = value else {
        return Err(LoadError::NotAnObject { found: json_kind(&value) });
    };

    // 4. format
    match obj.get("format") {
        None => return Err(LoadError::NotPtdvFile { format: None }),
        Some(Value::String(s)) if s == FORMAT => {}
        Some(Value::String(s)) if s == ENCRYPTED_FORMAT => {
            return Err(LoadError::Encrypted(Box::new(parse_encrypted(&obj)?)));
        }
        Some(Value::String(s)) => return Err(LoadError::NotPtdvFile { format: Some(s.clone()) }),
        Some(other) => return Err(LoadError::NotPtdvFile { format: Some(other.to_string()) }),
    }

    // 5. schema_version
    let version = match obj.get("schema_version") {
        None => return Err(LoadError::MissingField { field: "schema_version" }),
        Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n >= 1 => n,
            _ => return Err(LoadError::BadSchemaVersion { found: v.to_string() }),
        },
    };
    if version > current {
        let app_version = obj.get("app_version").and_then(Value::as_str).map(str::to_string);
        return Err(LoadError::NewerVersion { found: version, supported: current, app_version });
    }

    // 6. migrate
    let migrated = migrate_with(table, Value::Object(obj), version, current)?;
    let Value::Object(mut obj) = migrated else {
        return Err(LoadError::MigrationFailed {
            from: version, to: current, detail: "kết quả không phải một đối tượng".into()
        });
    };

    // 7. envelope and records
    let meta = read_meta(&obj, version)?;
    let data_value = obj.remove("data").ok_or(LoadError::MissingField { field: "data" })?;
    let Value::Object(data_obj) = &data_value else {
        return Err(LoadError::BadEnvelope {
            field: "data".into(), detail: format!("là {}, cần một đối tượng", json_kind(&data_value))
        });
    };
    let data = read_data(data_obj)?;

    envelope_agrees(&meta, &data)?;

    // 8. validate (on the data as this version writes it back, serialized once for the text
    // checks and the unknown-field comparison)
    let written = crate::model::write::write_value(&data).ok();
    let mut report = check_with(&data, today, 1, written.as_ref());
    if let Some(e) = report.errors.drain(..).next() {
        return Err(e);
    }
    let unknown = unknown_fields(&obj, &data_value, written.as_ref());
    let warnings = warnings(&meta, &data, report, unknown, today);
    let migrated_from = (version < current).then_some(version);
    Ok(Loaded { data, meta, migrated_from, warnings })
}

/// The envelope says the ward and the cell the data holds.
pub(super) fn envelope_agrees(meta: &EnvelopeMeta, data: &WardData) -> Result<(), LoadError> {
    if meta.ward.id != data.ward.id {
        return Err(LoadError::BadEnvelope {
            field: "ward".into(),
            detail: format!(
                "mã đảng bộ ở đầu tệp (“{}”) khác với mã trong dữ liệu (“{}”)",
                super::error::shown(meta.ward.id.as_str()),
                super::error::shown(data.ward.id.as_str())
            ),
        });
    }
    if let ExportScope::Cell { cell_id } = &meta.scope {
        if data.cell(cell_id).is_none() {
            return Err(LoadError::BadEnvelope {
                field: "scope".into(),
                detail: format!("tệp ghi là của chi bộ “{}” nhưng không có chi bộ này", super::error::shown(cell_id.as_str())),
            });
        }
    }
    Ok(())
}

/// What the user should know about a file that loaded: its export date after today, fields
/// this version does not keep, other cells' candidates in a cell's file, and the check's
/// warnings.
pub(super) fn warnings(
    meta: &EnvelopeMeta,
    data: &WardData,
    mut report: CheckReport,
    unknown: Option<LoadWarning>,
    today: NaiveDate,
) -> Vec<LoadWarning> {
    let mut warnings = Vec::new();
    if meta.exported_at.date_naive() > today.checked_add_days(chrono::Days::new(1)).unwrap_or(NaiveDate::MAX) {
        warnings.push(LoadWarning::ExportedInFuture { exported_at: meta.exported_at });
    }
    warnings.extend(unknown);
    if let ExportScope::Cell { cell_id } = &meta.scope {
        report.warnings.retain(|w| !matches!(w, LoadWarning::SettingsUnknownCell { .. }));
        for c in data.candidates.iter().filter(|c| &c.cell_id != cell_id) {
            warnings.push(LoadWarning::OutsideScope { record: candidate_ref(c) });
        }
    }
    warnings.extend(report.warnings);
    warnings
}

// --- JSON -------------------------------------------------------------------------------------

pub(super) fn parse_json(text: &str) -> Result<Value, LoadError> {
    // First pass: syntax and repeated keys (serde_json's Value keeps the last of two equal
    // keys silently). Second pass: the value.
    serde_json::from_str::<NoRepeatedKeys>(text).map_err(json_error)?;
    serde_json::from_str::<Value>(text).map_err(json_error)
}

/// Marks the error [`NoRepeatedKeys`] raises, to tell it from serde_json's own.
const REPEATED_KEY: &str = "\u{1}repeated key\u{1}";

fn json_error(e: serde_json::Error) -> LoadError {
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        serde_json::error::Category::Eof => LoadError::TruncatedJson { line, column },
        serde_json::error::Category::Data => {
            let msg = e.to_string();
            match msg.strip_prefix(REPEATED_KEY) {
                Some(rest) => {
                    let key = rest.rsplit_once(" at line ").map_or(rest, |(k, _)| k).to_string();
                    LoadError::RepeatedKey { key, line, column }
                }
                None => LoadError::NotJson { line, column, detail: msg },
            }
        }
        _ => LoadError::NotJson { line, column, detail: e.to_string() },
    }
}

/// Walks any JSON and fails on a key repeated within one object.
struct NoRepeatedKeys;

impl<'de> Deserialize<'de> for NoRepeatedKeys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NoRepeatedKeysVisitor)
    }
}

struct NoRepeatedKeysVisitor;

impl<'de> Visitor<'de> for NoRepeatedKeysVisitor {
    type Value = NoRepeatedKeys;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(NoRepeatedKeys)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(NoRepeatedKeys)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(NoRepeatedKeys)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(NoRepeatedKeys)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(NoRepeatedKeys)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(NoRepeatedKeys)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<NoRepeatedKeys>()?.is_some() {}
        Ok(NoRepeatedKeys)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // Keys are borrowed from the text when they have no escapes; a short list is searched
        // linearly, a long one through a set (a hostile object with many keys stays linear).
        let mut few: Vec<Cow<'de, str>> = Vec::new();
        let mut many: HashSet<Cow<'de, str>> = HashSet::new();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let repeated = if many.is_empty() && few.len() < 32 {
                let r = few.contains(&key);
                few.push(key.clone());
                r
            } else {
                if many.is_empty() {
                    many.extend(few.drain(..));
                }
                !many.insert(key.clone())
            };
            if repeated {
                return Err(serde::de::Error::custom(format!("{REPEATED_KEY}{key}")));
            }
            map.next_value::<NoRepeatedKeys>()?;
        }
        Ok(NoRepeatedKeys)
    }
}

/// An object key, borrowed from the text when possible.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "một giá trị đúng/sai",
        Value::Number(_) => "một số",
        Value::String(_) => "một chuỗi",
        Value::Array(_) => "một danh sách (mảng JSON)",
        Value::Object(_) => "một đối tượng",
    }
}

// --- envelope ---------------------------------------------------------------------------------

fn envelope_text(obj: &Map<String, Value>, field: &'static str, max: usize) -> Result<String, LoadError> {
    let v = obj.get(field).ok_or(LoadError::MissingField { field })?;
    let s = v
        .as_str()
        .ok_or_else(|| LoadError::BadEnvelope { field: field.into(), detail: format!("là {}, cần một chuỗi", json_kind(v)) })?;
    if s.chars().count() > max || s.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Err(LoadError::BadEnvelope { field: field.into(), detail: "quá dài hoặc chứa ký tự điều khiển".into() });
    }
    Ok(s.to_string())
}

pub(super) fn read_meta(obj: &Map<String, Value>, version: u32) -> Result<EnvelopeMeta, LoadError> {
    let app_version = envelope_text(obj, "app_version", 100)?;
    let exported_at = envelope_text(obj, "exported_at", 100)?;
    let exported_at = chrono::DateTime::parse_from_rfc3339(&exported_at)
        .map_err(|_| LoadError::BadEnvelope {
            field: "exported_at".into(),
            detail: format!("“{}” không phải ngày giờ hợp lệ (RFC 3339)", super::error::shown(&exported_at)),
        })?
        .with_timezone(&chrono::Utc);
    let ward_v = obj.get("ward").ok_or(LoadError::MissingField { field: "ward" })?;
    let ward = read_value::<WardRef>(ward_v)
        .map_err(|e| LoadError::BadEnvelope { field: "ward".into(), detail: translate_serde(&e.to_string()) })?;
    if ward.name.chars().count() > MAX_NAME_CHARS || ward.name.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Err(LoadError::BadEnvelope {
            field: "ward.name".into(), detail: "quá dài hoặc chứa ký tự điều khiển".into()
        });
    }
    let scope_v = obj.get("scope").ok_or(LoadError::MissingField { field: "scope" })?;
    let scope = read_value::<ExportScope>(scope_v)
        .map_err(|e| LoadError::BadEnvelope { field: "scope".into(), detail: translate_serde(&e.to_string()) })?;
    Ok(EnvelopeMeta { schema_version: version, app_version, exported_at, ward, scope })
}

// --- records ----------------------------------------------------------------------------------

fn read_data(data: &Map<String, Value>) -> Result<WardData, LoadError> {
    let ward_v = data.get("ward").ok_or(LoadError::MissingField { field: "data.ward" })?;
    let ward: Ward = read_record(ward_v, RecordKind::Ward, 0)?;
    Ok(WardData {
        ward,
        cells: read_list(data, RecordKind::Cell)?,
        members: read_list(data, RecordKind::Member)?,
        candidates: read_list(data, RecordKind::Candidate)?,
        classes: read_list(data, RecordKind::Class)?,
        targets: read_list(data, RecordKind::Target)?,
        changes: read_changes(data)?,
    })
}

/// The change log: its shape is checked like a record's; its texts are made safe and short
/// and its bounds applied ([`ChangeLog::normalise`]), so a log this app wrote reads back as it
/// was and a hand-made one cannot grow past the bounds.
fn read_changes(data: &Map<String, Value>) -> Result<ChangeLog, LoadError> {
    let Some(v) = data.get("changes") else { return Ok(ChangeLog::default()) };
    let mut log = read_value::<ChangeLog>(v)
        .map_err(|e| LoadError::BadEnvelope { field: "data.changes".into(), detail: translate_serde(&e.to_string()) })?;
    log.normalise();
    Ok(log)
}

fn read_list<T: DeserializeOwned>(data: &Map<String, Value>, kind: RecordKind) -> Result<Vec<T>, LoadError> {
    match data.get(kind.key()) {
        // The format always writes the five lists (empty ones too): a missing one is a damaged
        // file, not an empty list ("Thay thế toàn bộ" would empty the ward).
        None => Err(LoadError::MissingField {
            field: match kind {
                RecordKind::Cell => "data.cells",
                RecordKind::Member => "data.members",
                RecordKind::Candidate => "data.candidates",
                RecordKind::Class => "data.classes",
                RecordKind::Target => "data.targets",
                RecordKind::Ward => "data.ward",
            },
        }),
        Some(Value::Array(items)) => items.iter().enumerate().map(|(i, v)| read_record(v, kind, i)).collect(),
        Some(other) => Err(LoadError::BadEnvelope {
            field: format!("data.{}", kind.key()),
            detail: format!("là {}, cần một danh sách", json_kind(other)),
        }),
    }
}

fn read_record<T: DeserializeOwned>(v: &Value, kind: RecordKind, index: usize) -> Result<T, LoadError> {
    read_value(v).map_err(|e| diagnose(v, kind, index, &e.to_string()))
}

/// Names the record that did not read, and the field when it can be found: a date that does
/// not exist, or a negative count; otherwise serde's reason, in Vietnamese where known.
fn diagnose(v: &Value, kind: RecordKind, index: usize, serde_msg: &str) -> LoadError {
    let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let name = match kind {
        RecordKind::Member | RecordKind::Candidate => text("full_name"),
        _ => text("name"),
    };
    let record = RecordRef { kind, id: text("id"), name, index: Some(index) };
    let mut found: Option<LoadError> = None;
    scan(v, &mut String::new(), "", &mut |path, key, leaf| {
        if found.is_some() {
            return;
        }
        match leaf {
            Value::String(s) if is_date_key(key) && looks_like_date(s) && !parses_as_date(s) => {
                found = Some(LoadError::ImpossibleDate { at: Location::new(record.clone(), path), value: s.clone() });
            }
            Value::Number(n) if n.as_i64().is_some_and(|x| x < 0) && !matches!(key, "year" | "start_year" | "end_year") => {
                found = Some(LoadError::BadRecord {
                    at: Location::new(record.clone(), path),
                    detail: format!("số âm ({n}) không hợp lệ, số lượng phải từ 0 trở lên"),
                });
            }
            _ => {}
        }
    });
    found.unwrap_or_else(|| LoadError::BadRecord { at: Location::new(record, ""), detail: translate_serde(serde_msg) })
}

/// Calls `f(path, key, leaf)` for every leaf of `v`, with its readable path ("process.cell_votes[0].yes")
/// and the nearest object key (array items keep their parent's key). Shared with the validator.
pub(super) fn scan(v: &Value, path: &mut String, key: &str, f: &mut dyn FnMut(&str, &str, &Value)) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let base = path.len();
                path.push_str(&format!("[{i}]"));
                scan(item, path, key, f);
                path.truncate(base);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let base = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                scan(item, path, k, f);
                path.truncate(base);
            }
        }
        leaf => f(path, key, leaf),
    }
}

fn is_date_key(key: &str) -> bool {
    key.ends_with("date")
        || key.ends_with("_on")
        || key.ends_with("_at")
        || matches!(key, "start" | "end" | "together_since" | "deadline" | "extra_days_off" | "extra_working_days")
}

/// `YYYY-MM-DD`, alone or at the start of a date-time.
fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || b[10] == b'T' || b[10] == b't' || b[10] == b' ')
}

fn parses_as_date(s: &str) -> bool {
    match s.get(..10) {
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok(),
        None => false,
    }
}

/// serde's English reasons, in Vietnamese where the pattern is known.
fn translate_serde(msg: &str) -> String {
    let msg = msg.split(" at line ").next().unwrap_or(msg);
    let quoted = |s: &str| s.split('`').nth(1).map(super::error::shown).unwrap_or_default();
    if msg.starts_with("missing field") {
        format!("thiếu trường bắt buộc “{}”", quoted(msg))
    } else if msg.starts_with("unknown variant") {
        format!("giá trị “{}” không có trong danh mục", quoted(msg))
    } else if let Some(rest) = msg.strip_prefix("invalid type: ") {
        format!("sai kiểu dữ liệu ({})", super::error::shown(rest))
    } else if let Some(rest) = msg.strip_prefix("invalid value: ") {
        format!("giá trị không hợp lệ ({})", super::error::shown(rest))
    } else if msg.starts_with("invalid length") {
        format!("số phần tử không đúng ({})", super::error::shown(msg))
    } else {
        format!("dữ liệu không đúng dạng ({})", super::error::shown(msg))
    }
}

// --- unknown fields ---------------------------------------------------------------------------

const ENVELOPE_KEYS: [&str; 7] = ["format", "schema_version", "app_version", "exported_at", "ward", "scope", "data"];

/// Fields present in the file but not kept by this version's model (compared with the
/// re-serialized data). Blank values (`null`, `false`, `""`, `[]`, and objects holding only
/// blank values) are ignored: the model leaves out a field that holds its default, so an older
/// file's `"late": null` or `"abroad": false` is not written back, and dropping it loses
/// nothing. (An unknown field of a newer version holding `false` or `""` therefore goes
/// unmentioned, which loses nothing either.)
fn unknown_fields(envelope: &Map<String, Value>, input: &Value, written: Option<&Value>) -> Option<LoadWarning> {
    let mut paths = Vec::new();
    let mut total = 0usize;
    let mut note = |p: String| {
        total += 1;
        if paths.len() < 10 {
            paths.push(p);
        }
    };
    for (k, v) in envelope {
        if !ENVELOPE_KEYS.contains(&k.as_str()) && !is_empty_value(v) {
            note(k.clone());
        }
    }
    if let Some(output) = written {
        compare(input, output, &mut "data".to_string(), &mut note);
    }
    (total > 0).then_some(LoadWarning::UnknownFields { paths, total })
}

fn is_empty_value(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(is_empty_value),
        Value::Number(_) => false,
    }
}

/// Whether `input` holds nothing `output` (what this version writes back) leaves out, but
/// blanks: [`unknown_fields`] for one record.
pub(super) fn keeps_everything(input: &Value, output: &Value) -> bool {
    let mut lost = false;
    compare(input, output, &mut String::new(), &mut |_| lost = true);
    !lost
}

fn compare(input: &Value, output: &Value, path: &mut String, note: &mut dyn FnMut(String)) {
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let base = path.len();
                path.push('.');
                path.push_str(k);
                match b.get(k) {
                    Some(w) => compare(v, w, path, note),
                    None if is_empty_value(v) => {}
                    None => note(path.clone()),
                }
                path.truncate(base);
            }
        }
        // A change log the loader cut down or reordered (a hand-made one) is not compared entry
        // by entry: the entries would not line up.
        (Value::Array(a), Value::Array(b)) if a.len() != b.len() && path == "data.changes" => {}
        (Value::Array(a), Value::Array(b)) => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                let base = path.len();
                path.push_str(&format!("[{i}]"));
                compare(v, w, path, note);
                path.truncate(base);
            }
        }
        _ => {}
    }
}
