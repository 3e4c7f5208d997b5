//! The worker: posts "ready", then answers each message — a `ptdv_domain::ward_report::workbook_request` — with the
//! .xlsx file's bytes (a `Uint8Array`) or a text starting "error: " saying what went wrong.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let book = e.data().as_string().ok_or_else(|| "not a request".to_string()).and_then(|m| ptdv_xlsx::workbook_of(&m));
        let reply: JsValue = match book.and_then(|b| ptdv_xlsx::write(&b).map_err(|e| e.to_string())) {
            Ok(bytes) => js_sys::Uint8Array::from(&bytes[..]).into(),
            Err(err) => JsValue::from_str(&format!("error: {err}")),
        };
        let _ = reply_to.post_message(&reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ptdv-xlsx runs in the browser as a web worker (trunk build).");
}
