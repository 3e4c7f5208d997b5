//! Editing the ward's records from forms: cells ([`cells`]), the party-member directory
//! ([`members`]), new candidates and their identity ([`candidates`]), classes and their
//! certificates ([`classes`]), the ward itself ([`ward`]: first run and settings) and imported
//! files ([`import`]).
//!
//! Every kind of record has the same three pieces, built on [`crate::form`]:
//!
//! * `fields(…)` — what the form asks (labels in plain Vietnamese);
//! * `values_of(…)` — the values of an existing record, to edit it (and `new_values(…)`, the
//!   prefilled values of a new one);
//! * `save_…(data, …, values, now)` — checks the values and writes the record into
//!   [`WardData`], or returns every [`FieldError`] found. On error `data` is unchanged; on
//!   success `created_at`/`updated_at` are `now` and the changes are appended to
//!   [`WardData::changes`] ([`crate::changes::diff_record`]), so the change history shows
//!   every edit.
//!
//! Texts are checked against what the file loader accepts ([`crate::format::validate`]):
//! no control characters, names at most [`MAX_NAME_CHARS`] characters, other texts at most
//! [`MAX_TEXT_CHARS`] — a saved record can always be exported and read back.
//!
//! ## Ids
//! New ids are readable and deterministic ([`new_id`]): a prefix, the slug of the name, and —
//! for people and classes, where two devices may create two different records with the same
//! name and later merge their files — the creation time in base 36. `-2`, `-3` … is added when
//! the id is already taken. Cells (`cb-…`) and targets (`ct-<year>-…`) have no time part: the
//! same cell or the same year's target created on two devices is one record, and the merge
//! keeps the newer.

pub mod candidates;
pub mod cells;
pub mod classes;
pub mod import;
pub mod members;
pub mod report;
pub mod steps;
pub mod ward;

#[cfg(test)]
mod testkit;

use crate::changes::{Change, DELETED};
use crate::form::{FieldError, Reader};
use crate::format::{slug, RecordKind, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::model::{Timestamp, WardData};
use crate::text::fold;
use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// Today's date in Vietnam (UTC+7) at the moment `now`: for the "not after today" checks of
/// forms that are not given a `today`.
pub fn local_today(now: Timestamp) -> NaiveDate {
    (now + Duration::hours(7)).date_naive()
}

/// A new id `"<prefix>-<slug of name>"`, with `"-<time in base 36>"` when `stamp` is given,
/// and `"-2"`, `"-3"` … until `taken` says it is free. `"cb"`, `"Chi bộ Tổ dân phố số 1"`
/// → `"cb-chi-bo-to-dan-pho-so-1"`.
pub fn new_id(prefix: &str, name: &str, stamp: Option<Timestamp>, taken: impl Fn(&str) -> bool) -> String {
    let mut base = prefix.to_string();
    let s = slug(name);
    base.push('-');
    base.push_str(if s.is_empty() { "moi" } else { &s });
    if let Some(t) = stamp {
        base.push('-');
        base.push_str(&base36(t.timestamp_millis().max(0) as u64));
    }
    if !taken(&base) {
        return base;
    }
    (2u32..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or(base)
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

pub(crate) use crate::model::code_of as code;

/// The value of `all` whose code is `s`.
pub(crate) fn from_code<T: Serialize + Copy>(all: &[T], s: &str) -> Option<T> {
    all.iter().copied().find(|v| code(*v) == s)
}

/// `(code, label)` options of a category.
pub(crate) fn options<T: Serialize + Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter().map(|v| (code(*v), label(*v).to_string())).collect()
}

/// What the message says when a chosen value is not one of the options.
pub(crate) const BAD_CHOICE: &str = "Lựa chọn không có trong danh sách; hãy chọn lại.";

/// A required choice among `all`, by code.
pub(crate) fn required_category<T: Serialize + Copy>(r: &mut Reader<'_>, key: &str, what: &str, all: &[T]) -> Option<T> {
    let c = r.required_choice(key, what)?;
    let v = from_code(all, c);
    if v.is_none() {
        r.error(key, BAD_CHOICE);
    }
    v
}

/// An optional choice among `all`, by code.
pub(crate) fn optional_category<T: Serialize + Copy>(r: &mut Reader<'_>, key: &str, all: &[T]) -> Option<T> {
    let c = r.choice(key)?;
    let v = from_code(all, c);
    if v.is_none() {
        r.error(key, BAD_CHOICE);
    }
    v
}

/// The chosen values of a multi-choice among `all`, each once, in the list's order.
pub(crate) fn multi_category<T: Serialize + Copy + PartialEq>(r: &mut Reader<'_>, key: &str, all: &[T]) -> Vec<T> {
    let chosen = r.multi(key);
    if chosen.iter().any(|c| from_code(all, c).is_none()) {
        r.error(key, BAD_CHOICE);
    }
    all.iter().copied().filter(|v| chosen.iter().any(|c| *c == code(*v))).collect()
}

fn check_text(r: &mut Reader<'_>, key: &str, s: &str, max: usize, free: bool) {
    if let Some(problem) = crate::text::text_problem(s, max, free) {
        r.error(key, problem);
    }
}

/// Checks a name (`name`, `full_name`, `code`): no line breaks or control characters, at most
/// [`MAX_NAME_CHARS`] characters.
pub(crate) fn check_name(r: &mut Reader<'_>, key: &str, s: &str) {
    check_text(r, key, s, MAX_NAME_CHARS, false);
}

/// A required name as typed, with runs of spaces made one ("Nguyễn  Văn An" → "Nguyễn Văn
/// An"), checked as a name.
pub(crate) fn required_name(r: &mut Reader<'_>, key: &str, what: &str) -> String {
    let s = one_spaced(&r.required_text(key, what));
    check_name(r, key, &s);
    s
}

/// A name as typed with its runs of spaces made one ("Nguyễn  Văn An " → "Nguyễn Văn An").
pub(crate) fn one_spaced(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two names are the same once folded (accents, case) and their spaces normalised.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| fold(s).split_whitespace().map(String::from).collect::<Vec<_>>();
    words(a) == words(b)
}

/// Checks a free text: at most [`MAX_TEXT_CHARS`] characters, no control characters.
pub(crate) fn check_free(r: &mut Reader<'_>, key: &str, s: &str) {
    check_text(r, key, s, MAX_TEXT_CHARS, true);
}

/// A short text field read and checked as free text.
pub(crate) fn free_text(r: &mut Reader<'_>, key: &str) -> String {
    let s = r.text(key);
    check_free(r, key, &s);
    s
}

/// The whole-form error when the record being edited is gone.
pub(crate) fn not_found(what: &str) -> Vec<FieldError> {
    vec![FieldError::new("", format!("Không tìm thấy {what} cần sửa (có thể đã bị xóa)."))]
}

/// The [`DELETED`] entry of a record removed by the user.
pub(crate) fn deleted(kind: RecordKind, id: &str, name: &str, now: Timestamp) -> Change {
    Change { at: now, kind, id: id.to_string(), name: name.to_string(), field: DELETED.to_string(), old: None, new: None }
}

/// Appends the changes of one record (created when `before` is `None`).
pub(crate) fn log<T: Serialize>(
    data: &mut WardData,
    kind: RecordKind,
    id: &str,
    name: &str,
    before: Option<&T>,
    after: &T,
    now: Timestamp,
) {
    let changes = crate::changes::diff_record(kind, id, name, before, after, now);
    data.changes.append(changes);
}

/// Vietnamese name order: by given name (the last word), then full name, accents and case
/// folded — the roster's default order ([`crate::roster::Roster::build`]).
pub(crate) fn name_key(full_name: &str) -> (String, String, String) {
    let given = full_name.split_whitespace().next_back().unwrap_or("");
    (fold(given), fold(full_name), full_name.to_string())
}

/// "A, B, C" or "A, B, C và 4 người khác" for messages naming people.
pub(crate) fn name_list(names: &[&str], max: usize) -> String {
    if names.len() <= max {
        return names.join(", ");
    }
    format!("{} và {} người khác", names[..max].join(", "), names.len() - max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn ids_are_slugs_with_a_counter_and_an_optional_time() {
        let taken = ["cb-chi-bo-so-1", "cb-chi-bo-so-1-2"];
        assert_eq!(new_id("cb", "Chi bộ số 2", None, |id| taken.contains(&id)), "cb-chi-bo-so-2");
        assert_eq!(new_id("cb", "Chi bộ số 1", None, |id| taken.contains(&id)), "cb-chi-bo-so-1-3");
        assert_eq!(new_id("cb", "!!!", None, |_| false), "cb-moi");
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let id = new_id("qc", "Nguyễn Văn An", Some(t), |_| false);
        assert_eq!(id, format!("qc-nguyen-van-an-{}", base36(t.timestamp_millis() as u64)));
        assert_eq!(base36(0), "0");
        assert_eq!(base36(36 * 36 + 35), "10z");
    }

    #[test]
    fn local_today_is_vietnam_time() {
        let late = Utc.with_ymd_and_hms(2026, 3, 1, 18, 0, 0).unwrap();
        assert_eq!(local_today(late), NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    }

    #[test]
    fn name_order_is_given_name_first() {
        let mut names = vec!["Trần Thị Bình", "Nguyễn Văn An", "Lê An", "Ánh"];
        names.sort_by_key(|n| name_key(n));
        assert_eq!(names, ["Lê An", "Nguyễn Văn An", "Ánh", "Trần Thị Bình"]);
        assert_eq!(name_list(&["A", "B", "C"], 2), "A, B và 1 người khác");
    }
}
