//! Work handed to a web worker: the report as an .xlsx file and the demo ward. Their code
//! (crates/worker: rust_xlsxwriter, the demo generator) is a second wasm module that Trunk
//! builds beside the app (`ptdv-worker_loader.js`); the page starts it only when the user asks
//! and stops it when the answer has come, so the first load never carries it. Each request is a
//! text the domain writes (`ward_report::workbook_request`, `demo::demo_request`).

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's loader, as Trunk writes it (unhashed, beside index.html).
const WORKER: &str = "./ptdv-worker_loader.js";

/// What the worker sends first, before it reads any message.
const READY: &str = "ready";

/// The .xlsx file's bytes for a `workbook_request` (view, day, the ward's document).
pub async fn xlsx(request: String) -> Result<js_sys::Uint8Array, String> {
    let fail = |what: String| format!("Không tạo được tệp Excel ({what}). Dữ liệu không bị ảnh hưởng; hãy thử lại hoặc tải CSV.");
    ask(request).await.map_err(fail)?.dyn_into::<js_sys::Uint8Array>().map_err(|v| fail(v.as_string().unwrap_or_default()))
}

/// The demo ward's document for a `demo_request`.
pub async fn demo(request: String) -> Result<String, String> {
    let fail = |what: String| format!("Không tạo được dữ liệu mẫu ({what}). Hãy tải lại trang và thử lại.");
    match ask(request).await.map_err(fail)?.as_string() {
        Some(text) if !text.starts_with("error: ") => Ok(text),
        other => Err(fail(other.unwrap_or_default())),
    }
}

/// Starts the worker, sends `request` once it is ready, and gives its answer.
async fn ask(request: String) -> Result<JsValue, String> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(WORKER, &options).map_err(|_| "không khởi động được bộ xử lý".to_string())?;
    // The promise settles with the worker's answer; the handlers live until it has.
    type Settle = Rc<RefCell<Option<js_sys::Function>>>;
    let (resolve, reject): (Settle, Settle) = Default::default();
    let promise = {
        let (resolve, reject) = (resolve.clone(), reject.clone());
        js_sys::Promise::new(&mut move |yes, no| {
            *resolve.borrow_mut() = Some(yes);
            *reject.borrow_mut() = Some(no);
        })
    };
    let settle = |with: &Settle, value: &JsValue| {
        if let Some(f) = with.borrow_mut().take() {
            let _ = f.call1(&JsValue::NULL, value);
        }
    };
    let on_message = {
        let (worker, resolve, request) = (worker.clone(), resolve.clone(), RefCell::new(Some(request)));
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            if data.as_string().as_deref() == Some(READY) {
                if let Some(r) = request.borrow_mut().take() {
                    let _ = worker.post_message(&JsValue::from_str(&r));
                }
            } else {
                settle(&resolve, &data);
            }
        })
    };
    let on_error = {
        let reject = reject.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_| settle(&reject, &JsValue::from_str("bộ xử lý gặp lỗi")))
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
    worker.terminate();
    drop((on_message, on_error));
    match answer {
        Ok(v) if v.as_string().is_some_and(|s| s.starts_with("error: ")) => Err(v.as_string().unwrap_or_default()),
        Ok(v) => Ok(v),
        Err(v) => Err(v.as_string().unwrap_or_default()),
    }
}
