//! Forms as data: what a form asks ([`Field`]), what the user typed ([`Values`], strings keyed
//! by field), and what is wrong with it ([`FieldError`], a Vietnamese sentence shown beside the
//! field). The app renders any form from its fields with one component; the domain reads the
//! values back with a [`Reader`] and builds the record or the pipeline action.
//!
//! Dates are typed dd/mm/yyyy ([`crate::text::parse_date`]); counts are whole numbers;
//! a multi-choice value is the chosen option values joined by `'\n'`.

use crate::text::{parse_date, text_problem, MAX_TEXT_CHARS};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What the user typed, by field key. A missing key is an empty field.
pub type Values = BTreeMap<String, String>;

/// How a field is asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A short free text (name, place, reason).
    Text,
    /// A longer text, one item per line (e.g. residential areas).
    Lines,
    /// A document number, e.g. "12-NQ/CB".
    DocNumber,
    /// A date typed or picked as dd/mm/yyyy.
    Date,
    /// A whole number ≥ 0 (members convened, votes …).
    Count,
    /// A year, four digits (a term's first and last year).
    Year,
    /// A yes/no box: the value is "true" when ticked.
    Check,
    /// One of the options `(value, label)`; the empty value means "not chosen".
    Choice(Vec<(String, String)>),
    /// One of a few options `(value, label)`, all shown at once (radio buttons).
    Radio(Vec<(String, String)>),
    /// Any of the options `(value, label)`; the value is the chosen values joined by `'\n'`.
    MultiChoice(Vec<(String, String)>),
}

/// One field of a form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Stable key of the value (and of the HTML control's id suffix).
    pub key: &'static str,
    /// The label shown to the user (plain Vietnamese, glossary terms).
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    /// A short help text under the field ("" for none).
    pub hint: String,
    /// Most characters a typed text may have (text kinds only): the file loader's limit for
    /// what the field becomes ([`MAX_TEXT_CHARS`] unless the field says less).
    pub max_chars: usize,
}

impl Field {
    pub fn new(key: &'static str, label: impl Into<String>, kind: FieldKind) -> Self {
        Field { key, label: label.into(), kind, required: false, hint: String::new(), max_chars: MAX_TEXT_CHARS }
    }
    /// Marks the field required.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    /// Adds a help text.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }
    /// Limits a text to `n` characters (a name: [`crate::text::MAX_NAME_CHARS`]).
    pub fn max_chars(mut self, n: usize) -> Self {
        self.max_chars = n;
        self
    }
    /// Whether the user types free text into this field (and the text limits apply).
    pub fn is_text(&self) -> bool {
        matches!(self.kind, FieldKind::Text | FieldKind::Lines | FieldKind::DocNumber)
    }
}

/// Every text field of `fields` checked against the file loader's rules (no control characters,
/// line breaks only where the field takes lines, at most [`Field::max_chars`]), one error per
/// field. Forms run it first, so a form never saves a text the loader would refuse.
pub fn check_texts(fields: &[Field], values: &Values) -> Vec<FieldError> {
    fields
        .iter()
        .filter(|f| f.is_text())
        .filter_map(|f| {
            let v = values.get(f.key)?;
            let problem = text_problem(v.trim(), f.max_chars, f.kind == FieldKind::Lines)?;
            Some(FieldError::new(f.key, problem))
        })
        .collect()
}

/// What is wrong with one field, in Vietnamese, shown beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub key: String,
    pub message: String,
    pub kind: FieldErrorKind,
}

/// Whether an error must be fixed, or asks the user to confirm what they typed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FieldErrorKind {
    /// The value is wrong or missing: fix it.
    #[default]
    Invalid,
    /// The value is possible but unusual (a same name and birth date …): the form shows a box
    /// to confirm it, and the save goes through once it is ticked.
    NeedsConfirmation,
}

impl FieldError {
    pub fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError { key: key.into(), message: message.into(), kind: FieldErrorKind::Invalid }
    }
    /// An error the user may overrule by confirming ([`FieldErrorKind::NeedsConfirmation`]).
    pub fn confirm(key: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError { kind: FieldErrorKind::NeedsConfirmation, ..FieldError::new(key, message) }
    }
    pub fn needs_confirmation(&self) -> bool {
        self.kind == FieldErrorKind::NeedsConfirmation
    }
}

/// Reads typed values back, collecting one error per field (the first one found).
pub struct Reader<'a> {
    values: &'a Values,
    errors: Vec<FieldError>,
}

impl<'a> Reader<'a> {
    pub fn new(values: &'a Values) -> Self {
        Reader { values, errors: Vec::new() }
    }

    /// The raw text, trimmed ("" when missing).
    pub fn raw(&self, key: &str) -> &'a str {
        self.values.get(key).map(|s| s.trim()).unwrap_or("")
    }

    /// Records an error for `key` (only the first error of a field is kept).
    pub fn error(&mut self, key: &str, message: impl Into<String>) {
        self.push(FieldError::new(key, message));
    }

    /// Asks the user to confirm the value of `key` ([`FieldError::confirm`]).
    pub fn ask_confirmation(&mut self, key: &str, message: impl Into<String>) {
        self.push(FieldError::confirm(key, message));
    }

    fn push(&mut self, e: FieldError) {
        if !self.has_error(&e.key) {
            self.errors.push(e);
        }
    }

    pub fn has_error(&self, key: &str) -> bool {
        self.errors.iter().any(|e| e.key == key)
    }

    /// Optional text.
    pub fn text(&self, key: &str) -> String {
        self.raw(key).to_string()
    }

    /// Required text; `what` names it in the message ("Chưa nhập {what}.").
    pub fn required_text(&mut self, key: &str, what: &str) -> String {
        let s = self.raw(key);
        if s.is_empty() {
            self.error(key, format!("Chưa nhập {what}."));
        }
        s.to_string()
    }

    /// One item per non-empty line.
    pub fn lines(&self, key: &str) -> Vec<String> {
        self.raw(key).lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
    }

    /// An optional date: `None` when empty, an error when typed wrong.
    pub fn opt_date(&mut self, key: &str) -> Option<NaiveDate> {
        let s = self.raw(key);
        if s.is_empty() {
            return None;
        }
        match parse_date(s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error(key, e.to_string());
                None
            }
        }
    }

    /// A required date; `what` names it in the message ("Chưa nhập {what}.").
    pub fn date(&mut self, key: &str, what: &str) -> Option<NaiveDate> {
        if self.raw(key).is_empty() {
            self.error(key, format!("Chưa nhập {what}."));
            return None;
        }
        self.opt_date(key)
    }

    /// An optional whole number ≥ 0.
    pub fn opt_count(&mut self, key: &str) -> Option<u32> {
        let s = self.raw(key);
        if s.is_empty() {
            return None;
        }
        let digits: String = s.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
        match digits.parse::<u32>() {
            Ok(n) if digits.bytes().all(|b| b.is_ascii_digit()) => Some(n),
            _ => {
                self.error(key, format!("“{s}” không phải là một số nguyên (ví dụ: 12)."));
                None
            }
        }
    }

    /// A required whole number ≥ 0.
    pub fn count(&mut self, key: &str, what: &str) -> Option<u32> {
        if self.raw(key).is_empty() {
            self.error(key, format!("Chưa nhập {what}."));
            return None;
        }
        self.opt_count(key)
    }

    /// A ticked box.
    pub fn check(&self, key: &str) -> bool {
        self.raw(key) == "true"
    }

    /// The chosen option's value, `None` when nothing is chosen.
    pub fn choice(&self, key: &str) -> Option<&'a str> {
        Some(self.raw(key)).filter(|s| !s.is_empty())
    }

    /// A required choice; `what` names it ("Chưa chọn {what}.").
    pub fn required_choice(&mut self, key: &str, what: &str) -> Option<&'a str> {
        let c = self.choice(key);
        if c.is_none() {
            self.error(key, format!("Chưa chọn {what}."));
        }
        c
    }

    /// The chosen values of a multi-choice.
    pub fn multi(&self, key: &str) -> Vec<String> {
        self.lines(key)
    }

    /// The value built from the fields, or every error found.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ if !self.errors.is_empty() => Err(self.errors),
            _ => Err(vec![FieldError::new("", "Thông tin chưa đầy đủ.")]),
        }
    }

    /// The errors found so far.
    pub fn into_errors(self) -> Vec<FieldError> {
        self.errors
    }
}

/// Joins chosen values for a [`FieldKind::MultiChoice`] value.
pub fn join_multi<S: AsRef<str>>(values: &[S]) -> String {
    values.iter().map(|s| s.as_ref()).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn dates_counts_and_required_fields() {
        let v = values(&[("d", " 01/02/2026 "), ("bad", "30/02/2026"), ("n", "1.720"), ("x", "12a")]);
        let mut r = Reader::new(&v);
        assert_eq!(r.date("d", "ngày"), NaiveDate::from_ymd_opt(2026, 2, 1));
        assert_eq!(r.date("bad", "ngày"), None);
        assert_eq!(r.date("missing", "ngày họp"), None);
        assert_eq!(r.opt_date("missing2"), None);
        assert_eq!(r.count("n", "số"), Some(1720));
        assert_eq!(r.opt_count("x"), None);
        let errors = r.into_errors();
        let keys: Vec<&str> = errors.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["bad", "missing", "x"]);
        assert!(errors[0].message.contains("30"), "{}", errors[0].message);
        assert_eq!(errors[1].message, "Chưa nhập ngày họp.");
    }

    #[test]
    fn finish_reports_errors_or_value() {
        let v = values(&[("a", "x")]);
        let mut r = Reader::new(&v);
        let a = r.required_text("a", "tên");
        assert_eq!(r.finish(Some(a)), Ok("x".to_string()));
        let mut r = Reader::new(&v);
        r.required_text("b", "tên");
        r.error("b", "second error is dropped");
        assert_eq!(r.finish(Some(1)), Err(vec![FieldError::new("b", "Chưa nhập tên.")]));
    }

    #[test]
    fn texts_are_checked_against_the_loaders_limits() {
        let fields = [
            Field::new("name", "Tên", FieldKind::Text).max_chars(5),
            Field::new("areas", "Tổ", FieldKind::Lines),
            Field::new("n", "Số", FieldKind::Count),
        ];
        let v = values(&[("name", "  abcde  "), ("areas", "Tổ 1\nTổ 2"), ("n", "\u{7}")]);
        assert_eq!(check_texts(&fields, &v), vec![]);
        let v = values(&[("name", "abcdef"), ("areas", "Tổ 1\u{202E}")]);
        let e = check_texts(&fields, &v);
        assert_eq!(e.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), ["name", "areas"]);
        assert_eq!(e[0].message, "Quá dài: tối đa 5 ký tự.");
        let v = values(&[("name", "ab\ncd")]);
        assert_eq!(check_texts(&fields, &v)[0].message, "Có ký tự không hợp lệ (ký tự điều khiển); hãy gõ lại.");
    }

    #[test]
    fn an_error_may_ask_for_a_confirmation() {
        let v = values(&[]);
        let mut r = Reader::new(&v);
        r.ask_confirmation("a", "Đã có người này; hãy xác nhận.");
        r.error("a", "dropped: one error per field");
        r.error("b", "Sai.");
        let e = r.into_errors();
        assert!(e[0].needs_confirmation() && !e[1].needs_confirmation());
    }

    #[test]
    fn multi_choice_round_trips() {
        let v = values(&[("m", &join_multi(&["m-1", "m-2"]))]);
        assert_eq!(Reader::new(&v).multi("m"), ["m-1", "m-2"]);
    }
}
