//! Passphrase encryption of export files with the browser's WebCrypto (no bundle cost):
//! PBKDF2-SHA-256 (600,000 iterations, random 16-byte salt) derives an AES-256-GCM key; a
//! random 12-byte IV per file. The envelope around it is `ptdv_domain::format::EncryptedFile`.
//! A wrong passphrase and a tampered file fail the same way: GCM's tag does not verify.

use js_sys::{Array, Uint8Array};
use ptdv_domain::format::{EncryptedFile, DEFAULT_ITERATIONS, IV_LEN, SALT_LEN};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

const UNAVAILABLE: &str = "Trình duyệt này không hỗ trợ mã hóa (cần mở ứng dụng qua https hoặc http://127.0.0.1).";

fn crypto() -> Result<web_sys::Crypto, String> {
    web_sys::window().and_then(|w| w.crypto().ok()).ok_or_else(|| UNAVAILABLE.to_string())
}

fn subtle() -> Result<SubtleCrypto, String> {
    Ok(crypto()?.subtle())
}

fn random<const N: usize>() -> Result<[u8; N], String> {
    let mut bytes = [0u8; N];
    crypto()?.get_random_values_with_u8_array(&mut bytes).map_err(|_| UNAVAILABLE.to_string())?;
    Ok(bytes)
}

/// The passphrase in Unicode NFC, so "Hòa" typed with combining marks (NFD) opens a file
/// encrypted with the precomposed letters.
fn passphrase_bytes(passphrase: &str) -> Vec<u8> {
    let nfc: String = js_sys::JsString::from(passphrase).normalize("NFC").into();
    nfc.into_bytes()
}

async fn derive_key(passphrase: &str, salt: &[u8], iterations: u32, usage: &str) -> Result<CryptoKey, String> {
    let subtle = subtle()?;
    let raw = Uint8Array::from(passphrase_bytes(passphrase).as_slice());
    let base = subtle
        .import_key_with_str("raw", &raw, "PBKDF2", false, &Array::of1(&JsValue::from_str("deriveKey")))
        .map_err(|_| UNAVAILABLE.to_string())?;
    let base: CryptoKey = JsFuture::from(base).await.map_err(|_| UNAVAILABLE.to_string())?.unchecked_into();
    let params = Pbkdf2Params::new("PBKDF2", &JsValue::from_str("SHA-256"), iterations, &Uint8Array::from(salt));
    let aes = AesDerivedKeyParams::new("AES-GCM", 256);
    let key = subtle
        .derive_key_with_object_and_object(&params, &base, &aes, false, &Array::of1(&JsValue::from_str(usage)))
        .map_err(|_| UNAVAILABLE.to_string())?;
    Ok(JsFuture::from(key).await.map_err(|_| UNAVAILABLE.to_string())?.unchecked_into())
}

/// Encrypts `plaintext` (an export document) with `passphrase`.
pub async fn encrypt(
    plaintext: &[u8],
    passphrase: &str,
    ward_name: &str,
    exported_at: chrono::DateTime<chrono::Utc>,
) -> Result<EncryptedFile, String> {
    let salt: [u8; SALT_LEN] = random()?;
    let iv: [u8; IV_LEN] = random()?;
    let key = derive_key(passphrase, &salt, DEFAULT_ITERATIONS, "encrypt").await?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(iv.as_slice()));
    let promise = subtle()?.encrypt_with_object_and_u8_array(&params, &key, plaintext).map_err(|_| "Không mã hóa được tệp.".to_string())?;
    let buffer = JsFuture::from(promise).await.map_err(|_| "Không mã hóa được tệp.".to_string())?;
    Ok(EncryptedFile {
        ward_name: ward_name.to_string(),
        exported_at,
        iterations: DEFAULT_ITERATIONS,
        salt,
        iv,
        ciphertext: Uint8Array::new(&buffer).to_vec(),
    })
}

/// Decrypts a file; the error says the passphrase is wrong or the file was altered.
pub async fn decrypt(file: &EncryptedFile, passphrase: &str) -> Result<Vec<u8>, String> {
    let key = derive_key(passphrase, &file.salt, file.iterations, "decrypt").await?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(file.iv.as_slice()));
    let wrong = || "Mật khẩu không đúng, hoặc tệp đã bị sửa đổi sau khi mã hóa.".to_string();
    let promise = subtle()?.decrypt_with_object_and_u8_array(&params, &key, &file.ciphertext).map_err(|_| wrong())?;
    let buffer = JsFuture::from(promise).await.map_err(|_| wrong())?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
