//! The report as an .xlsx file. The writer (crates/xlsx, rust_xlsxwriter) is a second wasm
//! module that Trunk builds beside the app (`ptdv-xlsx_loader.js`); it is started as a web
//! worker only when the user asks for a file and stopped when the file is made, so the first
//! load never carries it. The page sends the report's view, its day and the ward's stored
//! document; the worker computes the same report and answers with the file's bytes.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's loader, as Trunk writes it (unhashed, beside index.html).
const WORKER: &str = "./ptdv-xlsx_loader.js";

/// What the worker sends first, before it reads any message.
const READY: &str = "ready";

/// The .xlsx file's bytes for `request` (see `ptdv_xlsx::request`: view, day, document).
pub async fn xlsx(request: String) -> Result<js_sys::Uint8Array, String> {
    let fail = |what: String| format!("Không tạo được tệp Excel ({what}). Dữ liệu không bị ảnh hưởng; hãy thử lại hoặc tải CSV.");
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(WORKER, &options).map_err(|_| fail("không khởi động được bộ ghi".into()))?;
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
        Closure::<dyn FnMut(JsValue)>::new(move |_| settle(&reject, &JsValue::from_str("bộ ghi gặp lỗi")))
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
    worker.terminate();
    drop((on_message, on_error));
    match answer {
        Ok(v) => match v.dyn_into::<js_sys::Uint8Array>() {
            Ok(bytes) => Ok(bytes),
            Err(v) => Err(fail(v.as_string().unwrap_or_default())),
        },
        Err(v) => Err(fail(v.as_string().unwrap_or_default())),
    }
}
