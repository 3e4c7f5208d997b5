//! Offline use of the hosted app, its updates, and whether the browser has a network.
//!
//! A release build carries a service worker (`sw.js`, written by scripts/postbuild.mjs) that
//! keeps the app's own files, so that after the first visit the app opens without a network.
//! It is registered only when the page is served over http(s) and its index.html names it
//! (`<meta name="ptdv-offline" content="sw.js">`, which the build adds): never from `file:` (the
//! one-file build), never under `trunk serve`, and the page works the same without it. The scope
//! is the page's own folder, so the app works under any sub-path.
//!
//! A new release installs beside the running one and waits: the page then offers "Có phiên bản
//! mới — tải lại" instead of switching under the user's feet; the button asks the waiting worker
//! to take over and the page reloads once it has.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The meta element the build adds to index.html when it wrote a service worker.
const META: &str = "meta[name=\"ptdv-offline\"]";
/// What the page posts to a waiting worker to let it take over (scripts/postbuild.mjs).
const ACTIVATE: &str = "ptdv:activate";

/// The browser's network state and the app's update, for the shell's notices.
#[derive(Clone, Copy)]
pub struct Offline {
    /// The browser says it has no network.
    pub offline: RwSignal<bool>,
    /// A newer version of the app is ready (or already took over in another tab).
    pub update_ready: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
    /// The user asked for the new version: reload when it has taken over.
    reload_asked: StoredValue<bool>,
}

impl Offline {
    /// Follows the network state, and registers the service worker when the page has one, once
    /// `opened` (the stored ward is read, or there is none).
    pub fn install(opened: Signal<bool>) -> Self {
        let this = Self {
            offline: RwSignal::new(!window().navigator().on_line()),
            update_ready: RwSignal::new(false),
            registration: StoredValue::new_local(None),
            reload_asked: StoredValue::new(false),
        };
        let online = window_event_listener(leptos::ev::online, move |_| this.offline.set(false));
        let offline = window_event_listener(leptos::ev::offline, move |_| this.offline.set(true));
        // A tab left open for days looks for a new version when the user comes back to it.
        let visible = window_event_listener_untyped("visibilitychange", move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                this.check_for_update();
            }
        });
        on_cleanup(move || {
            online.remove();
            offline.remove();
            visible.remove();
        });
        if let Some(script) = worker_script() {
            // After the page has loaded and read its stored ward (`opened`): the worker's
            // downloads (every part of the app) never compete with what the page needs first.
            let loaded = RwSignal::new(document().ready_state() == "complete");
            if !loaded.get_untracked() {
                let once = window_event_listener(leptos::ev::load, move |_| loaded.set(true));
                on_cleanup(move || once.remove());
            }
            Effect::new(move |_| {
                if loaded.get() && opened.get() {
                    this.register(script.clone());
                }
            });
        }
        this
    }

    fn register(self, script: String) {
        if self.registration.with_value(|r| r.is_some()) {
            return;
        }
        leptos::task::spawn_local(async move {
            // A failure (a server without sw.js, storage refused) only means no offline copy.
            if let Err(e) = self.watch(&script).await {
                web_sys::console::warn_2(&JsValue::from_str("ptdv: no offline copy of the app:"), &e);
            }
        });
    }

    async fn watch(self, script: &str) -> Result<(), JsValue> {
        let container = window().navigator().service_worker();
        let options = web_sys::RegistrationOptions::new();
        options.set_scope("./");
        options.set_update_via_cache(web_sys::ServiceWorkerUpdateViaCache::None);
        let registration: ServiceWorkerRegistration =
            wasm_bindgen_futures::JsFuture::from(container.register_with_options(script, &options)).await?.dyn_into()?;
        // Whether a version of the app already ran this page: the first install takes over
        // without a word, a later one is a new version.
        let had_controller = StoredValue::new(container.controller().is_some());
        if registration.waiting().is_some() && had_controller.get_value() {
            self.update_ready.set(true);
        }
        // A new version may be installing already (the browser looked for one as the page opened).
        if let Some(installing) = registration.installing() {
            self.follow(installing, container.clone());
        }
        let on_update_found = {
            let registration = registration.clone();
            let container = container.clone();
            Closure::<dyn Fn()>::new(move || {
                if let Some(installing) = registration.installing() {
                    self.follow(installing, container.clone());
                }
            })
        };
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        let on_controller = Closure::<dyn Fn()>::new(move || {
            if self.reload_asked.get_value() {
                reload();
            } else if had_controller.get_value() {
                // Another tab let the new version take over: this page still runs the old one.
                self.update_ready.set(true);
            }
            had_controller.set_value(true);
        });
        container.set_oncontrollerchange(Some(on_controller.as_ref().unchecked_ref()));
        // The registration and its container live as long as the page: so do their listeners.
        on_update_found.forget();
        on_controller.forget();
        self.registration.set_value(Some(registration));
        Ok(())
    }

    /// A version being installed: once installed, if an older one runs this page, it is an update.
    fn follow(self, worker: ServiceWorker, container: ServiceWorkerContainer) {
        let watched = worker.clone();
        let on_state = Closure::<dyn Fn()>::new(move || {
            if watched.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                self.update_ready.set(true);
            }
        });
        worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        // Lives as long as that worker, which holds it.
        on_state.forget();
    }

    /// Asks the server whether there is a newer version (quietly: offline it simply fails).
    fn check_for_update(&self) {
        let Some(registration) = self.registration.get_value() else { return };
        if let Ok(promise) = registration.update() {
            leptos::task::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            });
        }
    }

    /// The user's "Có phiên bản mới — tải lại": the waiting version takes over, then the page
    /// reloads into it (at once when it already took over, from another tab).
    pub fn switch_to_new_version(&self) {
        self.reload_asked.set_value(true);
        let waiting = self.registration.with_value(|r| r.as_ref().and_then(|r| r.waiting()));
        match waiting {
            Some(worker) if worker.post_message(&JsValue::from_str(ACTIVATE)).is_ok() => {}
            _ => reload(),
        }
    }
}

/// The service worker's script when this page should register one: served over http(s), in a
/// browser that has service workers, and built with one.
fn worker_script() -> Option<String> {
    let protocol = window().location().protocol().ok()?;
    if protocol != "http:" && protocol != "https:" {
        return None;
    }
    // Absent outside a secure context (a plain-http address other than localhost).
    let container = js_sys::Reflect::get(&window().navigator(), &JsValue::from_str("serviceWorker")).ok()?;
    container.dyn_ref::<ServiceWorkerContainer>()?;
    let script = document().query_selector(META).ok()??.get_attribute("content")?;
    (!script.is_empty()).then(|| format!("./{}", script.trim_start_matches("./")))
}

fn reload() {
    let _ = window().location().reload();
}

/// The shell's notices: offline, and a new version waiting. One polite live region, present from
/// the start so that screen readers announce what appears in it.
#[component]
pub fn ConnectionNotices(offline: Offline) -> impl IntoView {
    view! {
        <div class="connection-notices" role="status" data-testid="connection-notices">
            <Show when=move || offline.offline.get()>
                <p class="notice offline" data-testid="offline-notice">
                    "Đang ngoại tuyến — dữ liệu vẫn lưu trên máy này, không mất gì."
                </p>
            </Show>
            <Show when=move || offline.update_ready.get()>
                <div class="notice update" data-testid="update-notice">
                    <p>"Ứng dụng đã có bản cập nhật. Dữ liệu trên máy này giữ nguyên khi tải lại."</p>
                    <button class="button primary" on:click=move |_| offline.switch_to_new_version()>
                        "Có phiên bản mới — tải lại"
                    </button>
                </div>
            </Show>
        </div>
    }
}
