//! Saving a text or bytes as a file on the user's machine: a Blob, an object URL, a click on
//! `<a download>`, then the URL is revoked. Nothing leaves the machine.

use wasm_bindgen::JsCast;

/// Offers `text` for download as `file_name`.
pub fn download_text(file_name: &str, text: &str, mime: &str) -> Result<(), String> {
    download(file_name, &wasm_bindgen::JsValue::from_str(text), mime)
}

/// Offers `bytes` (a `Uint8Array`) for download as `file_name`.
pub fn download_bytes(file_name: &str, bytes: &js_sys::Uint8Array, mime: &str) -> Result<(), String> {
    download(file_name, bytes, mime)
}

fn download(file_name: &str, content: &wasm_bindgen::JsValue, mime: &str) -> Result<(), String> {
    let fail = |what: &str| format!("Không tạo được tệp để tải về ({what}).");
    let parts = js_sys::Array::of1(content);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail("Blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("URL"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| fail("document"))?;
    let a = document.create_element("a").map_err(|_| fail("a"))?.dyn_into::<web_sys::HtmlAnchorElement>().map_err(|_| fail("a"))?;
    a.set_href(&url);
    a.set_download(file_name);
    a.set_attribute("hidden", "").ok();
    if let Some(body) = document.body() {
        let _ = body.append_child(&a);
    }
    a.click();
    a.remove();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
