//! The encrypted envelope: recognised and checked here, encrypted and decrypted in the browser
//! with WebCrypto (PBKDF2-SHA-256 → AES-GCM-256). The plaintext is a normal [`export`](super::export)
//! document in UTF-8.
//!
//! ```json
//! { "format": "ptdv-encrypted", "version": 1,
//!   "kdf": { "name": "PBKDF2", "hash": "SHA-256", "iterations": 600000, "salt": "<16 bytes, base64>" },
//!   "cipher": { "name": "AES-GCM", "iv": "<12 bytes, base64>" },
//!   "ward_name": "Hòa An", "exported_at": "2026-11-22T08:30:00Z",
//!   "ciphertext": "<base64 of AES-GCM output, 128-bit tag appended>" }
//! ```
//!
//! `ward_name` and `exported_at` are in clear so the UI can say whose file it is before asking
//! for the passphrase; nothing else is.

use super::base64;
use super::error::{EncryptedProblem, LoadError};
use crate::model::Timestamp;
use crate::model::MAX_NAME_CHARS;
use crate::text::is_bidi_control;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The `format` of an encrypted envelope.
pub const ENCRYPTED_FORMAT: &str = "ptdv-encrypted";
/// The version of the encrypted envelope this app writes and reads.
pub const ENCRYPTED_VERSION: u32 = 1;
/// Fewest PBKDF2 iterations accepted: fewer makes guessing a passphrase cheap.
pub const MIN_ITERATIONS: u32 = 100_000;
/// Most PBKDF2 iterations accepted: more would freeze the browser for minutes (a hostile file
/// could otherwise hang the app).
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// What the app should write: OWASP's 2023 figure for PBKDF2-HMAC-SHA256 (under a second in
/// a current browser).
pub const DEFAULT_ITERATIONS: u32 = 600_000;
/// Salt length in bytes.
pub const SALT_LEN: usize = 16;
/// AES-GCM IV length in bytes (the 96-bit IV GCM is designed for).
pub const IV_LEN: usize = 12;
/// AES-GCM appends a 16-byte tag: a shorter ciphertext cannot be genuine.
pub const TAG_LEN: usize = 16;

/// Fewest characters of a passphrase for an encrypted export.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Checks a new passphrase typed twice: long enough, and the same both times.
pub fn check_new_passphrase(pass: &str, again: &str) -> Result<(), &'static str> {
    if pass.chars().count() < MIN_PASSPHRASE_CHARS {
        Err("Mật khẩu cần ít nhất 8 ký tự.")
    } else if pass != again {
        Err("Hai lần nhập mật khẩu chưa giống nhau.")
    } else {
        Ok(())
    }
}

/// The name of the encrypted file made from the export named `plain`:
/// `ptdv_hoa-an_2026-11-22.json` → `ptdv_hoa-an_2026-11-22_mahoa.json`.
pub fn encrypted_file_name(plain: &str) -> String {
    match plain.strip_suffix(".json") {
        Some(stem) => format!("{stem}_mahoa.json"),
        None => format!("{plain}_mahoa.json"),
    }
}

/// The envelope as it is written (serde types of the JSON above).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncryptedEnvelope {
    pub format: String,
    pub version: u32,
    pub kdf: Kdf,
    pub cipher: Cipher,
    pub ward_name: String,
    pub exported_at: String,
    pub ciphertext: String,
}

/// Key derivation parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kdf {
    /// "PBKDF2".
    pub name: String,
    /// "SHA-256".
    pub hash: String,
    pub iterations: u32,
    /// Base64 of 16 bytes.
    pub salt: String,
}

/// Cipher parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cipher {
    /// "AES-GCM".
    pub name: String,
    /// Base64 of 12 bytes.
    pub iv: String,
}

/// A checked encrypted file, with its binary fields decoded: what WebCrypto needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncryptedFile {
    pub ward_name: String,
    pub exported_at: Timestamp,
    pub iterations: u32,
    pub salt: [u8; SALT_LEN],
    pub iv: [u8; IV_LEN],
    /// AES-GCM output (ciphertext with the tag appended).
    pub ciphertext: Vec<u8>,
}

impl EncryptedFile {
    /// The serde form of this file.
    pub fn envelope(&self) -> EncryptedEnvelope {
        EncryptedEnvelope {
            format: ENCRYPTED_FORMAT.into(),
            version: ENCRYPTED_VERSION,
            kdf: Kdf { name: "PBKDF2".into(), hash: "SHA-256".into(), iterations: self.iterations, salt: base64::encode(&self.salt) },
            cipher: Cipher { name: "AES-GCM".into(), iv: base64::encode(&self.iv) },
            ward_name: self.ward_name.clone(),
            exported_at: self.exported_at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            ciphertext: base64::encode(&self.ciphertext),
        }
    }
}

/// Builds the envelope text for a ciphertext made in the browser. Refuses parameters that the
/// loader would refuse (iterations out of range, ciphertext shorter than the GCM tag, a ward
/// name with control characters), so a file written is always a file that opens.
pub fn build_encrypted(file: &EncryptedFile) -> Result<String, LoadError> {
    let text = crate::model::write::write_text(&file.envelope(), true)
        .map_err(|e| LoadError::BadEnvelope { field: "ciphertext".into(), detail: e.to_string() })?;
    // Check by parsing back: one definition of "valid".
    let value: Value =
        serde_json::from_str(&text).map_err(|e| LoadError::BadEnvelope { field: "ciphertext".into(), detail: e.to_string() })?;
    match value.as_object() {
        Some(obj) => parse_encrypted(obj).map(|_| text),
        None => Err(LoadError::NotAnObject { found: "không phải đối tượng" }),
    }
}

fn bad(field: &'static str, problem: EncryptedProblem) -> LoadError {
    LoadError::BadEncryptedFile { field, problem }
}

fn get<'a>(obj: &'a Map<String, Value>, path: &'static str) -> Result<&'a Value, LoadError> {
    let mut cur: Option<&Value> = None;
    for (i, key) in path.split('.').enumerate() {
        cur = match (i, cur) {
            (0, _) => obj.get(key),
            (_, Some(v)) => v.get(key),
            (_, None) => None,
        };
    }
    cur.ok_or(bad(path, EncryptedProblem::Missing))
}

fn get_str<'a>(obj: &'a Map<String, Value>, path: &'static str) -> Result<&'a str, LoadError> {
    get(obj, path)?.as_str().ok_or(bad(path, EncryptedProblem::Missing))
}

fn expect_name(obj: &Map<String, Value>, path: &'static str, expected: &'static str) -> Result<(), LoadError> {
    let found = get_str(obj, path)?;
    if found == expected {
        Ok(())
    } else {
        Err(bad(path, EncryptedProblem::Unsupported { found: found.into(), expected }))
    }
}

fn b64(obj: &Map<String, Value>, path: &'static str) -> Result<Vec<u8>, LoadError> {
    base64::decode(get_str(obj, path)?).map_err(|e| {
        let offset = match e {
            base64::Base64Error::Length(n) | base64::Base64Error::Character(n) => n,
        };
        bad(path, EncryptedProblem::BadBase64 { offset })
    })
}

/// Checks an object whose `format` is `"ptdv-encrypted"` and decodes its binary fields.
pub fn parse_encrypted(obj: &Map<String, Value>) -> Result<EncryptedFile, LoadError> {
    let version = get(obj, "version")?.as_u64().ok_or(bad("version", EncryptedProblem::Missing))?;
    if version > u64::from(ENCRYPTED_VERSION) {
        return Err(bad("version", EncryptedProblem::NewerVersion { found: version, supported: ENCRYPTED_VERSION }));
    }
    if version == 0 {
        return Err(bad("version", EncryptedProblem::Missing));
    }
    expect_name(obj, "kdf.name", "PBKDF2")?;
    expect_name(obj, "kdf.hash", "SHA-256")?;
    expect_name(obj, "cipher.name", "AES-GCM")?;
    let iterations = get(obj, "kdf.iterations")?.as_u64().ok_or(bad("kdf.iterations", EncryptedProblem::Missing))?;
    if iterations < u64::from(MIN_ITERATIONS) {
        return Err(bad("kdf.iterations", EncryptedProblem::TooFewIterations { found: iterations, min: MIN_ITERATIONS }));
    }
    if iterations > u64::from(MAX_ITERATIONS) {
        return Err(bad("kdf.iterations", EncryptedProblem::TooManyIterations { found: iterations, max: MAX_ITERATIONS }));
    }
    let salt: [u8; SALT_LEN] = b64(obj, "kdf.salt")?
        .try_into()
        .map_err(|v: Vec<u8>| bad("kdf.salt", EncryptedProblem::WrongLength { found: v.len(), expected: "16 byte" }))?;
    let iv: [u8; IV_LEN] = b64(obj, "cipher.iv")?
        .try_into()
        .map_err(|v: Vec<u8>| bad("cipher.iv", EncryptedProblem::WrongLength { found: v.len(), expected: "12 byte" }))?;
    let ciphertext = b64(obj, "ciphertext")?;
    if ciphertext.len() < TAG_LEN {
        return Err(bad("ciphertext", EncryptedProblem::WrongLength { found: ciphertext.len(), expected: "ít nhất 16 byte" }));
    }
    let ward_name = get_str(obj, "ward_name")?;
    if ward_name.chars().count() > MAX_NAME_CHARS || ward_name.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Err(bad("ward_name", EncryptedProblem::BadText));
    }
    let exported_at = chrono::DateTime::parse_from_rfc3339(get_str(obj, "exported_at")?)
        .map_err(|_| bad("exported_at", EncryptedProblem::BadDateTime))?
        .with_timezone(&chrono::Utc);
    Ok(EncryptedFile { ward_name: ward_name.to_string(), exported_at, iterations: iterations as u32, salt, iv, ciphertext })
}

#[cfg(test)]
mod tests {
    #[test]
    fn new_passphrases_and_encrypted_file_names() {
        assert_eq!(check_new_passphrase("1234567", "1234567"), Err("Mật khẩu cần ít nhất 8 ký tự."));
        // Characters, not bytes: eight Vietnamese letters are enough.
        assert_eq!(check_new_passphrase("đảngviên", "đảngviên"), Ok(()));
        assert_eq!(check_new_passphrase("12345678", "12345679"), Err("Hai lần nhập mật khẩu chưa giống nhau."));
        assert_eq!(encrypted_file_name("ptdv_hoa-an_2026-11-22.json"), "ptdv_hoa-an_2026-11-22_mahoa.json");
        assert_eq!(encrypted_file_name("ptdv_hoa-an"), "ptdv_hoa-an_mahoa.json");
    }

    use super::*;

    fn sample() -> EncryptedFile {
        EncryptedFile {
            ward_name: "Hòa An".into(),
            exported_at: "2026-11-22T08:30:00Z".parse().unwrap(),
            iterations: DEFAULT_ITERATIONS,
            salt: [7; SALT_LEN],
            iv: [9; IV_LEN],
            ciphertext: (0u8..40).collect(),
        }
    }

    fn obj(text: &str) -> Map<String, Value> {
        serde_json::from_str::<Value>(text).unwrap().as_object().unwrap().clone()
    }

    #[test]
    fn build_then_parse_round_trips() {
        let text = build_encrypted(&sample()).unwrap();
        assert!(text.contains("\"format\": \"ptdv-encrypted\""));
        assert_eq!(parse_encrypted(&obj(&text)).unwrap(), sample());
        let env: EncryptedEnvelope = serde_json::from_str(&text).unwrap();
        assert_eq!(env, sample().envelope());
    }

    #[test]
    fn builder_refuses_what_the_loader_refuses() {
        let mut f = sample();
        f.iterations = 10;
        assert!(matches!(build_encrypted(&f), Err(LoadError::BadEncryptedFile { field: "kdf.iterations", .. })));
        let mut f = sample();
        f.ciphertext = vec![1, 2, 3];
        assert!(matches!(build_encrypted(&f), Err(LoadError::BadEncryptedFile { field: "ciphertext", .. })));
    }

    #[test]
    fn refuses_each_bad_parameter() {
        let good = serde_json::to_value(sample().envelope()).unwrap();
        let cases: [(&str, Value, &str); 9] = [
            ("/kdf/iterations", Value::from(99_999), "kdf.iterations"),
            ("/kdf/iterations", Value::from(10_000_001), "kdf.iterations"),
            ("/kdf/salt", Value::from(base64::encode(&[1; 15])), "kdf.salt"),
            ("/cipher/iv", Value::from(base64::encode(&[1; 16])), "cipher.iv"),
            ("/ciphertext", Value::from("not base64!"), "ciphertext"),
            ("/kdf/hash", Value::from("SHA-1"), "kdf.hash"),
            ("/cipher/name", Value::from("AES-CBC"), "cipher.name"),
            ("/version", Value::from(2), "version"),
            ("/exported_at", Value::from("hôm qua"), "exported_at"),
        ];
        for (pointer, replacement, field) in cases {
            let mut v = good.clone();
            *v.pointer_mut(pointer).unwrap() = replacement;
            let err = parse_encrypted(v.as_object().unwrap()).unwrap_err();
            assert!(matches!(&err, LoadError::BadEncryptedFile { field: f, .. } if *f == field), "{pointer}: {err:?}");
            assert!(err.to_string().contains(field), "{err}");
        }
        // Bounds are inclusive.
        let mut v = good.clone();
        *v.pointer_mut("/kdf/iterations").unwrap() = Value::from(MIN_ITERATIONS);
        assert!(parse_encrypted(v.as_object().unwrap()).is_ok());
        *v.pointer_mut("/kdf/iterations").unwrap() = Value::from(MAX_ITERATIONS);
        assert!(parse_encrypted(v.as_object().unwrap()).is_ok());
    }
}
