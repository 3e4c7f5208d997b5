//! A tiny, strict base64 codec (RFC 4648 §4, standard alphabet, `=` padding): enough for the
//! salt, IV and ciphertext of the encrypted envelope without pulling in a crate.
//!
//! Strict on input: the length is a multiple of 4, padding only at the end (at most two `=`),
//! no whitespace, and the unused bits of the last character are zero (so every byte string has
//! exactly one encoding). The browser's `btoa` writes exactly this form.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Why a base64 string was refused: the byte offset of the first bad character (or the
/// length, for a wrong length).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base64Error {
    /// The length is not a multiple of 4.
    Length(usize),
    /// A character outside the alphabet, misplaced padding, or non-zero unused bits.
    Character(usize),
}

/// Encodes bytes as padded standard base64.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let idx = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63];
        for (i, k) in idx.iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[*k as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn value(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Decodes padded standard base64, strictly (see the module doc).
pub fn decode(s: &str) -> Result<Vec<u8>, Base64Error> {
    let bytes = s.as_bytes();
    if bytes.len() % 4 != 0 {
        return Err(Base64Error::Length(bytes.len()));
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let quads = bytes.len() / 4;
    for (q, quad) in bytes.chunks(4).enumerate() {
        let last = q + 1 == quads;
        let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            let first_pad = quad.iter().position(|&c| c == b'=').unwrap_or(0);
            return Err(Base64Error::Character(q * 4 + first_pad));
        }
        let mut n: u32 = 0;
        for (i, &c) in quad[..4 - pad].iter().enumerate() {
            let v = value(c).ok_or(Base64Error::Character(q * 4 + i))?;
            n |= v << (18 - 6 * i);
        }
        let b = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        match pad {
            0 => out.extend_from_slice(&b),
            1 => {
                if b[2] != 0 {
                    return Err(Base64Error::Character(q * 4 + 2));
                }
                out.extend_from_slice(&b[..2]);
            }
            _ => {
                if b[1] != 0 || b[2] != 0 {
                    return Err(Base64Error::Character(q * 4 + 1));
                }
                out.push(b[0]);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rfc4648_vectors() {
        let cases =
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")];
        for (plain, enc) in cases {
            assert_eq!(encode(plain.as_bytes()), enc);
            assert_eq!(decode(enc).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn rejects_malformed() {
        assert_eq!(decode("Zm9"), Err(Base64Error::Length(3)));
        assert_eq!(decode("Zm9v!A=="), Err(Base64Error::Character(4)));
        assert_eq!(decode("Zg==Zm9v"), Err(Base64Error::Character(2)));
        assert_eq!(decode("Z==="), Err(Base64Error::Character(1)));
        assert_eq!(decode("Zh=="), Err(Base64Error::Character(1)), "non-zero unused bits");
        assert_eq!(decode("Zm9 "), Err(Base64Error::Character(3)));
        assert_eq!(decode("Zm-_"), Err(Base64Error::Character(2)), "URL-safe alphabet is not accepted");
    }

    proptest! {
        #[test]
        fn round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(decode(&encode(&bytes)).unwrap(), bytes);
        }
        #[test]
        fn decode_never_panics(s in ".{0,40}") {
            let _ = decode(&s);
        }
    }
}
