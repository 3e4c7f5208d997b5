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
