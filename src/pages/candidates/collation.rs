//! Vietnamese name order from the browser: `Intl.Collator("vi")` (a < ă < â < b … d < đ …,
//! tones after the letters), which no Rust crate of reasonable size provides.

use std::cmp::Ordering;
use wasm_bindgen::JsValue;

/// A comparator of two names in Vietnamese collation, or `None` when the browser has no
/// `Intl.Collator` (the caller then keeps the domain's folded order).
pub fn vietnamese() -> Option<impl FnMut(&str, &str) -> Ordering> {
    let locales = js_sys::Array::of1(&JsValue::from_str("vi"));
    let collator = js_sys::Intl::Collator::new(&locales, &js_sys::Object::new());
    // `compare` is a getter returning a function bound to the collator.
    let compare = collator.compare();
    if !compare.is_function() {
        return None;
    }
    Some(move |a: &str, b: &str| {
        let r = compare.call2(&JsValue::NULL, &JsValue::from_str(a), &JsValue::from_str(b)).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        if r < 0.0 {
            Ordering::Less
        } else if r > 0.0 {
            Ordering::Greater
        } else {
            a.cmp(b)
        }
    })
}
