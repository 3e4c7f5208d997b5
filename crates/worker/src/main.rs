//! The worker: posts "ready", then answers each message — a `ptdv_domain::ward_report::workbook_request` — with the
//! .xlsx file's bytes (a `Uint8Array`) or a text starting "error: " saying what went wrong.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let answer = e
            .data()
            .as_string()
            .ok_or_else(|| "not a request".to_string())
            .and_then(|m| ptdv_worker::answer(&m, env!("CARGO_PKG_VERSION")));
        let reply: JsValue = match answer {
            Ok(ptdv_worker::Answer::Bytes(bytes)) => js_sys::Uint8Array::from(&bytes[..]).into(),
            Ok(ptdv_worker::Answer::Document(text)) => JsValue::from_str(&text),
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
    eprintln!("ptdv-worker runs in the browser as a web worker (trunk build).");
}
