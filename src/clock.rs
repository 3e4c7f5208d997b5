//! The browser's clock: the domain never reads it, the app passes "now" and "today" in.
//! Playwright pins it in tests (`page.clock`), which `js_sys::Date` follows.

use chrono::{DateTime, NaiveDate, Utc};

/// Now, in UTC.
pub fn now() -> DateTime<Utc> {
    let ms = js_sys::Date::now();
    DateTime::<Utc>::from_timestamp_millis(ms as i64).unwrap_or_default()
}

/// Today's date where the user is (the browser's local time zone).
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or_else(|| now().date_naive())
}

/// Milliseconds from now to the next local midnight (at least 1).
pub fn millis_to_next_midnight() -> u64 {
    let now = js_sys::Date::new_0();
    let next = js_sys::Date::new_with_year_month_day(now.get_full_year(), now.get_month() as i32, now.get_date() as i32 + 1);
    (next.get_time() - now.get_time()).max(1.0) as u64
}

fn js_date(at: DateTime<Utc>) -> js_sys::Date {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.timestamp_millis() as f64))
}

/// "09:05" in local time, for "Đã lưu lúc …".
pub fn local_time_label(at: DateTime<Utc>) -> String {
    let d = js_date(at);
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// "22/11/2026 09:05" in local time.
pub fn local_datetime_label(at: DateTime<Utc>) -> String {
    let d = js_date(at);
    format!("{:02}/{:02}/{} {}", d.get_date(), d.get_month() + 1, d.get_full_year(), local_time_label(at))
}

/// A new record id: `crypto.randomUUID()`, available in every supported browser on http(s).
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("id-{}-{}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e9) as u64))
}

/// Milliseconds since the page opened, for timing work (not pinned by tests' clocks).
pub fn monotonic_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// How long a piece of work may hold the page before it lets the browser draw and answer the
/// user (a task under 50 ms does not feel stuck).
pub const SLICE_MS: f64 = 100.0;

/// Lets the browser draw (and answer the user) before the next piece of work: a message to
/// itself through a `MessageChannel`, a task of its own after which the browser paints when a
/// frame is due. (The scheduler's `yield()` comes back before any frame is drawn, so a progress
/// bar would never move on screen; a zero timeout is clamped to 4 ms once nested and stops when
/// a test pauses the clock.)
pub async fn next_task() {
    // Held here until the message comes, so that nothing collects the channel meanwhile.
    let channel = web_sys::MessageChannel::new().ok();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let posted = channel.as_ref().is_some_and(|c| {
            c.port1().set_onmessage(Some(&resolve));
            c.port2().post_message(&wasm_bindgen::JsValue::NULL).is_ok()
        });
        if !posted {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    if let Some(c) = channel {
        c.port1().set_onmessage(None);
        c.port1().close();
    }
}
