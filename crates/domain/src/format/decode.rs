//! Step 2 of the loader: bytes → text.
//!
//! * UTF-8, with or without a byte-order mark (Notepad on older Windows adds one);
//! * UTF-16 LE or BE **with** a byte-order mark (what "Unicode" means in Windows Notepad's
//!   "Save as"), decoded;
//! * UTF-16 without a mark is recognised (NUL bytes in the first characters of a JSON file) and
//!   refused with its own error, since guessing the byte order could mangle text;
//! * UTF-32 (mark `FF FE 00 00` / `00 00 FE FF`) is refused;
//! * anything else that is not valid UTF-8 — a Latin-1, Windows-1258, TCVN3 or VNI file, or
//!   binary — is refused with the offset of the first bad byte.

use super::LoadError;
use std::borrow::Cow;

/// Decodes the bytes of a file or of the stored text into a string (see the module doc).
pub fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, LoadError> {
    match bytes {
        [0xFF, 0xFE, 0x00, 0x00, ..] | [0x00, 0x00, 0xFE, 0xFF, ..] => Err(LoadError::Utf32),
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(rest, 3),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes).map(Cow::Owned),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes).map(Cow::Owned),
        _ if looks_like_utf16_without_bom(bytes) => Err(LoadError::Utf16WithoutBom),
        _ => utf8(bytes, 0),
    }
}

/// [`decode_text`] keeping the bytes as the text when they are UTF-8 without a mark (a large
/// file is not copied).
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, LoadError> {
    match bytes.as_slice() {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] | [0xEF, 0xBB, 0xBF, ..] | [0x00, 0x00, 0xFE, 0xFF, ..] => {}
        b if looks_like_utf16_without_bom(b) => {}
        _ => return String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 { offset: e.utf8_error().valid_up_to() }),
    }
    decode_text(&bytes).map(Cow::into_owned)
}

fn utf8(bytes: &[u8], skipped: usize) -> Result<Cow<'_, str>, LoadError> {
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| LoadError::NotUtf8 { offset: skipped + e.valid_up_to() })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, LoadError> {
    if bytes.len() % 2 != 0 {
        return Err(LoadError::BadUtf16 { offset: 2 + bytes.len() - 1 });
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut pos = 2usize;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                out.push(c);
                pos += c.len_utf16() * 2;
            }
            Err(_) => return Err(LoadError::BadUtf16 { offset: pos }),
        }
    }
    Ok(out)
}

/// A JSON text starts with ASCII (`{`, `[`, spaces): in UTF-16 every other byte of the first
/// characters is then NUL. Valid UTF-8 text never contains NUL bytes where JSON is concerned.
fn looks_like_utf16_without_bom(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    if head.len() < 2 {
        return false;
    }
    let nul_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let nul_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let pairs = head.len() / 2;
    // At least half of the first characters are ASCII with a NUL partner on one side.
    (nul_odd * 2 >= pairs && nul_even == 0) || (nul_even * 2 >= pairs && nul_odd == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le_bom(s: &str) -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        v.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        v
    }
    fn utf16be_bom(s: &str) -> Vec<u8> {
        let mut v = vec![0xFE, 0xFF];
        v.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        v
    }

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(decode_text("{\"a\":\"Hòa An\"}".as_bytes()).unwrap(), "{\"a\":\"Hòa An\"}");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("{\"a\":\"Đ\"}".as_bytes());
        assert_eq!(decode_text(&bom).unwrap(), "{\"a\":\"Đ\"}");
    }

    #[test]
    fn decodes_utf16_with_bom_including_astral() {
        let s = "{\"tên\":\"Nguyễn Thị Ánh 😀\"}";
        assert_eq!(decode_text(&utf16le_bom(s)).unwrap(), s);
        assert_eq!(decode_text(&utf16be_bom(s)).unwrap(), s);
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones() {
        let mut cases: Vec<Vec<u8>> = vec![
            "{\"a\":\"Hòa An\"}".into(),
            utf16le_bom("{\"a\":1}"),
            utf16be_bom("{\"a\":1}"),
            "{\"a\":1}".encode_utf16().flat_map(u16::to_le_bytes).collect(),
            b"{\"a\":\"H\xF2a\"}".to_vec(),
            vec![0xFF, 0xFE, 0, 0, b'{', 0, 0, 0],
            vec![0xFF, 0xFE, b'{', 0, b'}'],
            vec![],
        ];
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("{\"a\":\"Đ\"}".as_bytes());
        cases.push(bom);
        for bytes in cases {
            assert_eq!(decode_owned(bytes.clone()), decode_text(&bytes).map(Cow::into_owned), "{bytes:?}");
        }
    }

    #[test]
    fn refuses_other_encodings() {
        let no_bom: Vec<u8> = "{\"a\":1}".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode_text(&no_bom), Err(LoadError::Utf16WithoutBom));
        let be: Vec<u8> = "{\"a\":1}".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode_text(&be), Err(LoadError::Utf16WithoutBom));
        // "Hòa" in Latin-1: ò = 0xF2.
        assert_eq!(decode_text(b"{\"a\":\"H\xF2a\"}"), Err(LoadError::NotUtf8 { offset: 7 }));
        assert_eq!(decode_text(&[0xFF, 0xFE, 0, 0, b'{', 0, 0, 0]), Err(LoadError::Utf32));
        // Odd length and a lone surrogate.
        assert!(matches!(decode_text(&[0xFF, 0xFE, b'{', 0, b'}']), Err(LoadError::BadUtf16 { .. })));
        assert!(matches!(decode_text(&[0xFF, 0xFE, 0x00, 0xD8, b'}', 0]), Err(LoadError::BadUtf16 { offset: 2 })));
    }
}
