//! Work handed to a web worker: the report as an .xlsx file and the demo ward. Their code
//! (crates/worker: rust_xlsxwriter, the demo generator) is a second wasm module that Trunk
//! builds beside the app (`ptdv-worker_loader.js`); the page starts it only when the user asks
//! and stops it when the answer has come, so the first load never carries it. Each request is a
//! text the domain writes (`ward_report::workbook_request`, `demo::demo_request`).

use leptos::prelude::{RwSignal, Set};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's loader, as Trunk writes it (unhashed, beside index.html).
const WORKER: &str = "./ptdv-worker_loader.js";

/// What the one-file build (scripts/single.mjs) defines on the page: a function giving a
/// `blob:` URL of the worker's inlined code, a classic script (a page opened from `file://` can
/// start neither a worker from a file nor a module worker from a `blob:` URL).
const WORKER_URL_FN: &str = "ptdvWorkerUrl";

/// Where and how to start the worker: the one-file build's classic script when the page gives
/// one, else Trunk's module loader beside index.html.
fn worker_source() -> (String, web_sys::WorkerType) {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(WORKER_URL_FN))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&JsValue::NULL).ok())
        .and_then(|url| url.as_string())
        .map(|url| (url, web_sys::WorkerType::Classic))
        .unwrap_or_else(|| (WORKER.to_string(), web_sys::WorkerType::Module))
}

/// What the worker sends first, before it reads any message.
const READY: &str = "ready";

/// The longest a request may take before the page gives up (the 10,000-candidate ward's
/// .xlsx takes about 3 s).
const TIMEOUT_MS: i32 = 120_000;

/// What went wrong, in words for the user; the worker's own detail goes to the console.
fn failure(what: &str, detail: &str) -> String {
    web_sys::console::warn_1(&JsValue::from_str(&format!("ptdv worker: {detail}")));
    if detail == "error: stale" {
        "Trang đang mở là một phiên bản khác của ứng dụng. Hãy tải lại trang (phím F5) rồi thử lại.".to_string()
    } else {
        format!("Không tạo được {what}. Dữ liệu của đảng bộ không bị ảnh hưởng; hãy tải lại trang (phím F5) rồi thử lại.")
    }
}

/// The .xlsx file's bytes for a `workbook_request` (view, day, the ward's document).
pub async fn xlsx(request: String) -> Result<js_sys::Uint8Array, String> {
    let fail = |detail: String| failure("tệp Excel (có thể tải từng bảng dạng CSV)", &detail);
    ask(request).await.map_err(fail)?.dyn_into::<js_sys::Uint8Array>().map_err(|v| fail(v.as_string().unwrap_or_default()))
}

/// Asks for the .xlsx file of `request` and offers it as `name`: `busy` while the worker
/// works, `error` saying what went wrong (the report's button and the roll-up's).
pub fn save_xlsx(request: String, name: String, busy: RwSignal<bool>, error: RwSignal<Option<String>>) {
    busy.set(true);
    error.set(None);
    leptos::task::spawn_local(async move {
        let made = xlsx(request).await;
        let done = made.and_then(|bytes| {
            crate::download::download_bytes(&name, &bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        });
        busy.set(false);
        error.set(done.err());
    });
}

/// The demo ward's document for a `demo_request`.
pub async fn demo(request: String) -> Result<String, String> {
    let fail = |detail: String| failure("dữ liệu mẫu", &detail);
    ask(request).await.map_err(fail)?.as_string().ok_or_else(|| fail("not a text".into()))
}

/// Starts the worker, sends `request` (after the app's version: the worker refuses another
/// build's page) once it is ready, and gives its answer; gives up after [`TIMEOUT_MS`].
async fn ask(request: String) -> Result<JsValue, String> {
    let window = web_sys::window().ok_or_else(|| "no window".to_string())?;
    let request = format!("{}\n{request}", crate::store::APP_VERSION);
    let (url, kind) = worker_source();
    let options = web_sys::WorkerOptions::new();
    options.set_type(kind);
    let worker = web_sys::Worker::new_with_options(&url, &options).map_err(|_| "cannot start".to_string())?;
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
    // A failed start, an unreadable message, or no answer in time: the promise is rejected
    // (whichever comes first; the others find it settled).
    let on_error = {
        let reject = reject.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let detail = e.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).unwrap_or_else(|| "worker error".into());
            settle(&reject, &JsValue::from_str(&detail))
        })
    };
    // Owned by the timer itself (freed when it runs): a timer that a page's fake clock does not
    // clear finds the promise settled and does nothing.
    let on_timeout = {
        let reject = reject.clone();
        Closure::once_into_js(move || settle(&reject, &JsValue::from_str("no answer in time")))
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
    let timer = window.set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.unchecked_ref(), TIMEOUT_MS).ok();
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
    worker.terminate();
    if let Some(t) = timer {
        window.clear_timeout_with_handle(t);
    }
    drop((on_message, on_error));
    match answer {
        Ok(v) if v.as_string().is_some_and(|s| s.starts_with("error: ")) => Err(v.as_string().unwrap_or_default()),
        Ok(v) => Ok(v),
        Err(v) => Err(v.as_string().unwrap_or_default()),
    }
}
