//! Vietnamese presentation helpers shared by the UI and the reports: numbers, percentages,
//! dates and accent-insensitive search (docs/domain.md §3.3 figures, §3.4 worked examples, §4.3
//! "search accent-insensitively").
//!
//! Conventions (Vietnamese administrative writing):
//! * integers group thousands with "." — `1720` → `"1.720"`;
//! * decimals use "," — `2.65` → `"2,65"`;
//! * percentages have two decimals at most and a space before the sign — `"104,65 %"`.
//!   **Trailing zeros of the decimals are dropped**: `"375 %"`, `"120 %"`, `"36,5 %"`
//!   (the reports of docs/domain.md §3.4 write whole percentages without ",00").
//!   [`format_percent_fixed`] keeps both decimals for aligned table columns.
//!   The space is an ordinary space (U+0020); the UI keeps "104,65 %" on one line with CSS.
//! * dates are `dd/mm/yyyy`.
//!
//! Nothing here panics on user input.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Shown where a figure cannot be computed (a ratio with a zero denominator, NaN).
pub const NOT_AVAILABLE: &str = "–";

// ---------------------------------------------------------------------------------------
// What a stored text may hold (the file loader's limits, applied by every form too)
// ---------------------------------------------------------------------------------------

/// Longest id, in characters (a browser UUID is 36).
pub const MAX_ID_CHARS: usize = 128;
/// Longest name (`full_name`, `name`, `code`), in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest other text (reasons, places, document numbers …), in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;
/// Longest text a person writes for a report (tồn tại, hạn chế; nguyên nhân; phương hướng),
/// in characters: a few pages.
pub const MAX_LONG_TEXT_CHARS: usize = 20_000;

/// Bidirectional override and isolate characters (U+202A–U+202E, U+2066–U+2069): invisible,
/// they reorder what is shown and are refused in data like control characters.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character no stored text may hold: a control character (tab and line breaks allowed when
/// `multiline`) or a bidirectional control.
pub fn is_forbidden_char(c: char, multiline: bool) -> bool {
    (c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t'))) || is_bidi_control(c)
}

/// What is wrong with a text a user typed, by the loader's rules: a forbidden character, or
/// more than `max` characters. The message is for the field's error line.
pub fn text_problem(s: &str, max: usize, multiline: bool) -> Option<String> {
    if s.chars().any(|c| is_forbidden_char(c, multiline)) {
        Some("Có ký tự không hợp lệ (ký tự điều khiển); hãy gõ lại.".to_string())
    } else if s.len() > max && s.chars().count() > max {
        Some(format!("Quá dài: tối đa {} ký tự.", format_count(max)))
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------

/// An integer with "." as the thousands separator: `1720` → `"1.720"`, `-8034` → `"-8.034"`,
/// `999` → `"999"`.
pub fn format_int<T: Into<i128>>(n: T) -> String {
    let n: i128 = n.into();
    let digits = group_thousands(n.unsigned_abs());
    if n < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// A `usize` count with thousands separators (lengths of lists).
pub fn format_count(n: usize) -> String {
    group_thousands(n as u128)
}

fn group_thousands(n: u128) -> String {
    let digits = n.to_string();
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// `scaled` is the value times 10^`decimals`, already rounded. Writes the integer part with
/// thousands separators and the decimals after ",", dropping trailing zeros if `trim`.
fn format_scaled(scaled: i128, decimals: u32, trim: bool) -> String {
    let pow = 10u128.pow(decimals);
    let abs = scaled.unsigned_abs();
    let (int_part, mut frac) = (abs / pow, abs % pow);
    let mut width = decimals as usize;
    if trim {
        while width > 0 && frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
    }
    let mut out = String::new();
    if scaled < 0 {
        out.push('-');
    }
    out.push_str(&group_thousands(int_part));
    if width > 0 {
        out.push(',');
        out.push_str(&format!("{frac:0width$}"));
    }
    out
}

/// Rounds `x × 10^decimals` half away from zero; `None` for NaN or infinities.
fn scale_f64(x: f64, decimals: u32) -> Option<i128> {
    if !x.is_finite() {
        return None;
    }
    // `as` saturates for values beyond i128, which no report reaches.
    Some((x * 10f64.powi(decimals as i32)).round() as i128)
}

/// A decimal number with "," and exactly `decimals` decimals (at most 9):
/// `format_decimal(1234.567, 2)` → `"1.234,57"`. NaN and infinities give [`NOT_AVAILABLE`].
pub fn format_decimal(x: f64, decimals: u32) -> String {
    let decimals = decimals.min(9);
    match scale_f64(x, decimals) {
        Some(s) => format_scaled(s, decimals, false),
        None => NOT_AVAILABLE.to_string(),
    }
}

/// A percentage given in percent units, two decimals at most, trailing zeros dropped, a
/// space before "%": `104.651` → `"104,65 %"`, `375.0` → `"375 %"`, `36.5` → `"36,5 %"`.
///
/// Rounding is half away from zero on the binary `f64`, so a value such as 2.645 (stored as
/// 2.64499…) rounds down; use [`format_ratio_percent`] for exact counts.
pub fn format_percent(percent: f64) -> String {
    match scale_f64(percent, 2) {
        Some(s) => format!("{} %", format_scaled(s, 2, true)),
        None => NOT_AVAILABLE.to_string(),
    }
}

/// Like [`format_percent`] but always with two decimals: `375.0` → `"375,00 %"`.
pub fn format_percent_fixed(percent: f64) -> String {
    match scale_f64(percent, 2) {
        Some(s) => format!("{} %", format_scaled(s, 2, false)),
        None => NOT_AVAILABLE.to_string(),
    }
}

/// `numerator ÷ denominator × 100` as a percentage, computed exactly in integers (rounded half
/// up at the second decimal, trailing zeros dropped): `(45, 43)` → `"104,65 %"`,
/// `(480, 400)` → `"120 %"`. `None` when the denominator is 0.
pub fn format_ratio_percent(numerator: u64, denominator: u64) -> Option<String> {
    let scaled = ratio_percent_scaled(numerator, denominator)?;
    Some(format!("{} %", format_scaled(scaled, 2, true)))
}

/// Like [`format_ratio_percent`] with both decimals kept: `(480, 400)` → `"120,00 %"`.
pub fn format_ratio_percent_fixed(numerator: u64, denominator: u64) -> Option<String> {
    let scaled = ratio_percent_scaled(numerator, denominator)?;
    Some(format!("{} %", format_scaled(scaled, 2, false)))
}

/// Hundredths of a percent, rounded half up: n × 10 000 ÷ d.
fn ratio_percent_scaled(numerator: u64, denominator: u64) -> Option<i128> {
    if denominator == 0 {
        return None;
    }
    let (n, d) = (u128::from(numerator), u128::from(denominator));
    // u64::MAX × 20 000 fits easily in u128.
    let scaled = (n * 20_000 + d) / (2 * d);
    i128::try_from(scaled).ok()
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

/// Earliest and latest year [`parse_date`] accepts: birth dates of the oldest members to
/// planning dates well ahead.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2100;

/// `dd/mm/yyyy`: 1 February 2026 → `"01/02/2026"`.
pub fn format_date(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// [`format_date`] of an optional date, or `""`.
pub fn format_date_opt(date: Option<NaiveDate>) -> String {
    date.map(format_date).unwrap_or_default()
}

/// Why a typed date was refused. `Display` is a Vietnamese sentence for the UI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateParseError {
    /// Nothing typed.
    Empty,
    /// Not three groups of digits separated by one of "/", "-", ".", or a year not of
    /// four digits.
    Format { input: String },
    /// Month outside 1–12.
    Month { month: u32 },
    /// Day 0, or beyond the length of the month (30/02, 31/04, 29/02 of a common year).
    Day { day: u32, month: u32, year: i32, days_in_month: u32 },
    /// Year outside [`MIN_YEAR`]–[`MAX_YEAR`].
    Year { year: i32 },
}

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateParseError::Empty => f.write_str("Chưa nhập ngày."),
            DateParseError::Format { input } => write!(f, "“{input}” không phải là ngày viết theo dạng ngày/tháng/năm (ví dụ 01/02/2026)."),
            DateParseError::Month { month } => {
                write!(f, "Tháng {month} không hợp lệ: tháng phải từ 1 đến 12.")
            }
            DateParseError::Day { day: 0, month, year, days_in_month } => {
                write!(f, "Ngày 0 không hợp lệ: tháng {month} năm {year} có các ngày từ 1 đến {days_in_month}.")
            }
            DateParseError::Day { day, month, year, days_in_month } => {
                write!(f, "Ngày {day:02}/{month:02}/{year} không có thật: tháng {month} năm {year} chỉ có {days_in_month} ngày.")
            }
            DateParseError::Year { year } => write!(f, "Năm {year} nằm ngoài khoảng cho phép (từ {MIN_YEAR} đến {MAX_YEAR})."),
        }
    }
}

impl std::error::Error for DateParseError {}

/// Number of days of a month (1–12) of a year; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Parses a date typed by a user, day first: `"1/2/2026"`, `"01/02/2026"`, `"01-02-2026"`,
/// `"01.02.2026"` → 1 February 2026. Surrounding spaces are ignored; the same separator must
/// be used twice; the year has four digits. The ISO form `"2026-02-01"` (what an HTML date
/// input yields) is accepted too. Impossible dates (30/02/2026, 31/04/2026, 29/02/2025,
/// month 13) are refused with a [`DateParseError`].
pub fn parse_date(input: &str) -> Result<NaiveDate, DateParseError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(DateParseError::Empty);
    }
    let format_err = || DateParseError::Format { input: s.to_string() };
    let sep = s.chars().find(|c| !c.is_ascii_digit()).ok_or_else(format_err)?;
    if !matches!(sep, '/' | '-' | '.') {
        return Err(format_err());
    }
    let mut parts = s.split(sep);
    let (a, b, c) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(c), None) => (a, b, c),
        _ => return Err(format_err()),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(a) && all_digits(b) && all_digits(c)) {
        return Err(format_err());
    }
    let (day_s, month_s, year_s) = if sep == '-' && a.len() == 4 && c.len() <= 2 {
        (c, b, a) // ISO yyyy-mm-dd
    } else {
        (a, b, c)
    };
    if day_s.len() > 2 || month_s.len() > 2 || year_s.len() != 4 {
        return Err(format_err());
    }
    // At most four ASCII digits each: the parses cannot fail, but stay non-panicking.
    let day: u32 = day_s.parse().map_err(|_| format_err())?;
    let month: u32 = month_s.parse().map_err(|_| format_err())?;
    let year: i32 = year_s.parse().map_err(|_| format_err())?;
    if !(1..=12).contains(&month) {
        return Err(DateParseError::Month { month });
    }
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(DateParseError::Year { year });
    }
    let dim = days_in_month(year, month);
    if day == 0 || day > dim {
        return Err(DateParseError::Day { day, month, year, days_in_month: dim });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateParseError::Day { day, month, year, days_in_month: dim })
}

// ---------------------------------------------------------------------------------------
// Accent-insensitive search
// ---------------------------------------------------------------------------------------

/// A combining diacritical mark (U+0300–U+036F): the tone and vowel marks of decomposed
/// (NFD) Vietnamese text.
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// The base letter of a lowercase precomposed letter: every Vietnamese vowel with its tone
/// and vowel marks, đ, and the accented letters of Latin-1 that appear in foreign names.
/// Other characters are returned unchanged.
fn base_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ' | 'ẫ' | 'ậ' | 'ä' | 'å' | 'ā' => {
            'a'
        }
        'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' | 'ë' | 'ē' => 'e',
        'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' | 'î' | 'ï' | 'ī' => 'i',
        'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở' | 'ỡ' | 'ợ' | 'ö' | 'ō' => {
            'o'
        }
        'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' | 'û' | 'ü' | 'ū' => 'u',
        'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' | 'ÿ' => 'y',
        // đ (U+0111); ð (U+00F0) is what "Ð" typed by old converters lowercases to.
        'đ' | 'ð' => 'd',
        'ç' => 'c',
        'ñ' => 'n',
        // Decomposed ơ/ư are "o/u + U+031B", handled by dropping the mark.
        other => other,
    }
}

/// A text made safe to show on one line and short: line breaks and tabs become spaces, other
/// control characters and bidirectional overrides "�", and a text over `max_chars` characters
/// is cut to `max_chars` characters, the last one "…". Idempotent for a given `max_chars`.
pub fn one_line(s: &str, max_chars: usize) -> String {
    let clean = |c: char| match c {
        '\n' | '\r' | '\t' => ' ',
        c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
        c => c,
    };
    if s.chars().nth(max_chars).is_none() {
        s.chars().map(clean).collect()
    } else {
        let mut out: String = s.chars().take(max_chars.saturating_sub(1)).map(clean).collect();
        out.push('…');
        out
    }
}

/// The folded characters of `s`, lazily and without allocating: see [`fold`].
pub fn fold_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(char::to_lowercase).filter(|c| !is_combining_mark(*c)).map(base_letter)
}

/// Folds text for searching: lowercase, Vietnamese tone and vowel marks removed, đ → d.
/// Precomposed (NFC) and decomposed (NFD) input give the same result:
/// `fold("Nguyễn Văn A") == "nguyen van a"`. Idempotent: `fold(fold(s)) == fold(s)`.
/// Spaces and punctuation are kept as they are.
pub fn fold(s: &str) -> String {
    fold_chars(s).collect()
}

/// Whether two strings are equal once folded, ignoring leading/trailing spaces; no allocation.
pub fn fold_eq(a: &str, b: &str) -> bool {
    fold_chars(a.trim()).eq(fold_chars(b.trim()))
}

/// A search query folded once, to match many haystacks (lists of 10 000 names).
///
/// **Semantics: word prefixes, all words required.** The query and the haystack are folded
/// and cut into words at every character that is not a letter or a digit; the haystack
/// matches when *every* query word is the beginning of *some* haystack word, in any order.
/// So "nguyen van a", "van a", "a nguyen", "ng an" and "NGUYỄN" all find "Nguyễn Văn An",
/// while "uyen" (inside a word) does not. An empty query (or only punctuation) matches
/// everything.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SearchQuery {
    words: Vec<String>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl SearchQuery {
    pub fn new(query: &str) -> Self {
        let folded = fold(query);
        let words = folded.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).map(str::to_string).collect();
        SearchQuery { words }
    }

    /// No words: matches everything.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The folded query words.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    pub fn matches(&self, haystack: &str) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let folded = fold(haystack);
        self.words.iter().all(|q| folded.split(|c: char| !is_word_char(c)).any(|w| w.starts_with(q.as_str())))
    }

    /// Matches if any of the fields matches every word *across* the fields (e.g. name and
    /// residential area): each query word must begin a word of at least one field.
    pub fn matches_any_field(&self, fields: &[&str]) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let folded: Vec<String> = fields.iter().map(|f| fold(f)).collect();
        self.words.iter().all(|q| folded.iter().any(|f| f.split(|c: char| !is_word_char(c)).any(|w| w.starts_with(q.as_str()))))
    }
}

/// Whether `haystack` matches `query` with the word-prefix semantics of [`SearchQuery`]:
/// `matches_query("Nguyễn Văn An", "nguyen van a") == true`.
pub fn matches_query(haystack: &str, query: &str) -> bool {
    SearchQuery::new(query).matches(haystack)
}

/// Percent-encodes `s` for an address (a query value, an id in a path): ASCII letters, digits
/// and `-_.~` stay as they are; every other byte of its UTF-8 becomes `%XX`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {

    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn integers_group_thousands_with_dots() {
        assert_eq!(format_int(0), "0");
        assert_eq!(format_int(999), "999");
        assert_eq!(format_int(1720), "1.720");
        assert_eq!(format_int(8034u32), "8.034");
        assert_eq!(format_int(1_234_567i64), "1.234.567");
        assert_eq!(format_int(-8034), "-8.034");
        assert_eq!(format_int(100_000u64), "100.000");
        assert_eq!(format_count(12_000), "12.000");
    }

    #[test]
    fn decimals_use_commas() {
        assert_eq!(format_decimal(2.65, 2), "2,65");
        assert_eq!(format_decimal(1234.567, 2), "1.234,57");
        assert_eq!(format_decimal(-0.5, 1), "-0,5");
        assert_eq!(format_decimal(55.0, 0), "55");
        assert_eq!(format_decimal(f64::NAN, 2), NOT_AVAILABLE);
    }

    #[test]
    fn percentages_of_the_worked_examples() {
        assert_eq!(format_percent(45.0 / 43.0 * 100.0), "104,65 %");
        assert_eq!(format_percent(375.0), "375 %");
        assert_eq!(format_percent(2945.0 / 8034.0 * 100.0), "36,66 %");
        assert_eq!(format_percent(237.0 / 243.0 * 100.0), "97,53 %");
        assert_eq!(format_percent(120.0), "120 %");
        assert_eq!(format_percent(45.0 / 1700.0 * 100.0), "2,65 %");
        assert_eq!(format_percent(36.5), "36,5 %");
        assert_eq!(format_percent(12345.678), "12.345,68 %");
        assert_eq!(format_percent(f64::INFINITY), NOT_AVAILABLE);
        assert_eq!(format_percent_fixed(120.0), "120,00 %");
        assert_eq!(format_percent_fixed(36.5), "36,50 %");
    }

    #[test]
    fn exact_ratio_percentages() {
        assert_eq!(format_ratio_percent(45, 43).as_deref(), Some("104,65 %"));
        assert_eq!(format_ratio_percent(45, 12).as_deref(), Some("375 %"));
        assert_eq!(format_ratio_percent(2945, 8034).as_deref(), Some("36,66 %"));
        assert_eq!(format_ratio_percent(237, 243).as_deref(), Some("97,53 %"));
        assert_eq!(format_ratio_percent(480, 400).as_deref(), Some("120 %"));
        assert_eq!(format_ratio_percent(45, 1700).as_deref(), Some("2,65 %"));
        assert_eq!(format_ratio_percent(113, 2430).as_deref(), Some("4,65 %"));
        // Exact half rounds up, where the f64 path cannot be trusted.
        assert_eq!(format_ratio_percent(2645, 100_000).as_deref(), Some("2,65 %"));
        assert_eq!(format_ratio_percent(0, 5).as_deref(), Some("0 %"));
        assert_eq!(format_ratio_percent(1, 0), None);
        assert_eq!(format_ratio_percent_fixed(480, 400).as_deref(), Some("120,00 %"));
        assert_eq!(format_ratio_percent(u64::MAX, 1).map(|s| s.ends_with(" %")), Some(true));
    }

    #[test]
    fn dates_format_day_first() {
        assert_eq!(format_date(d(2026, 2, 1)), "01/02/2026");
        assert_eq!(format_date(d(2023, 12, 31)), "31/12/2023");
        assert_eq!(format_date_opt(None), "");
    }

    #[test]
    fn dates_parse_in_every_accepted_form() {
        for s in ["1/2/2026", "01/02/2026", "01-02-2026", "01.02.2026", " 1.2.2026 ", "2026-02-01"] {
            assert_eq!(parse_date(s), Ok(d(2026, 2, 1)), "{s}");
        }
        assert_eq!(parse_date("29/02/2024"), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn impossible_dates_are_refused_in_vietnamese() {
        assert_eq!(parse_date("  "), Err(DateParseError::Empty));
        assert_eq!(parse_date("30/02/2026"), Err(DateParseError::Day { day: 30, month: 2, year: 2026, days_in_month: 28 }));
        assert_eq!(parse_date("30/02/2026").unwrap_err().to_string(), "Ngày 30/02/2026 không có thật: tháng 2 năm 2026 chỉ có 28 ngày.");
        assert!(matches!(parse_date("29/02/2025"), Err(DateParseError::Day { .. })));
        assert!(matches!(parse_date("31/04/2026"), Err(DateParseError::Day { .. })));
        assert!(matches!(parse_date("0/1/2026"), Err(DateParseError::Day { day: 0, .. })));
        assert_eq!(parse_date("1/13/2026"), Err(DateParseError::Month { month: 13 }));
        assert_eq!(parse_date("1/13/2026").unwrap_err().to_string(), "Tháng 13 không hợp lệ: tháng phải từ 1 đến 12.");
        assert_eq!(parse_date("1/1/1800"), Err(DateParseError::Year { year: 1800 }));
        for bad in ["1/2/26", "01/02-2026", "1//2026", "a/b/c", "01 02 2026", "1/2/2026/3", "2026", "+1/2/2026", "001/2/2026"] {
            assert!(matches!(parse_date(bad), Err(DateParseError::Format { .. })), "{bad}");
        }
        let msg = parse_date("ngày mai").unwrap_err().to_string();
        assert!(msg.contains("ngày/tháng/năm"), "{msg}");
        assert_eq!(DateParseError::Empty.to_string(), "Chưa nhập ngày.");
    }

    #[test]
    fn fold_removes_vietnamese_marks_nfc_and_nfd() {
        assert_eq!(fold("Nguyễn Văn A"), "nguyen van a");
        assert_eq!(fold("ĐẶNG THỊ HƯƠNG"), "dang thi huong");
        assert_eq!(fold("Phật giáo Hòa Hảo"), "phat giao hoa hao");
        assert_eq!(fold("Ê Đê, M'Nông, Xơ Đăng"), "e de, m'nong, xo dang");
        // NFD: e + circumflex (U+0302) + tilde (U+0303); a + breve (U+0306); u + horn (U+031B).
        let nfd = "Nguye\u{302}\u{303}n Va\u{306}n A";
        assert_eq!(fold(nfd), "nguyen van a");
        assert_eq!(fold("Hu\u{31B}\u{300}ng"), fold("Hừng"));
        assert_eq!(fold("O\u{31B}\u{309}"), fold("Ở"));
        assert_eq!(fold("Ðặng"), "dang"); // U+00D0 Eth typed for Đ
        let all_lower = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
        let all_upper = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ";
        let expected = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd";
        assert_eq!(fold(all_lower), expected);
        assert_eq!(fold(all_upper), expected);
        assert!(fold_eq(" Không ", "khong"));
        assert!(!fold_eq("Phật giáo", "Phật giáo Hòa Hảo"));
    }

    #[test]
    fn word_prefix_search() {
        let name = "Nguyễn Văn An";
        assert!(matches_query(name, "nguyen van a"));
        assert!(matches_query(name, "NGUYỄN"));
        assert!(matches_query(name, "an nguyen"));
        assert!(matches_query(name, "ng  an"));
        assert!(matches_query(name, ""));
        assert!(matches_query(name, " , "));
        assert!(!matches_query(name, "uyen"));
        assert!(!matches_query(name, "nguyen thi"));
        assert!(matches_query("Nguye\u{302}\u{303}n Va\u{306}n A", "nguyễn văn a"));
        assert!(matches_query("Chi bộ Tổ dân phố số 16", "to dan pho 16"));
        assert!(matches_query("Dân tộc M'Nông", "m'nong"));
        let q = SearchQuery::new("lan tdp");
        assert!(q.matches_any_field(&["Nguyễn Thị Lan", "TDP số 3"]));
        assert!(!q.matches_any_field(&["Nguyễn Thị Lan", "Khu 3"]));
        assert_eq!(SearchQuery::new("Văn  Ẩn").words(), ["van", "an"]);
    }

    fn vietnamese_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(
                "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵdđĐẮNGHỄ \u{300}\u{301}\u{303}\u{309}\u{323}\u{302}\u{306}\u{31B}"
                    .chars()
                    .collect::<Vec<_>>(),
            ),
            0..40,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn fold_is_idempotent(s in any::<String>()) {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn fold_of_vietnamese_is_ascii(s in vietnamese_text()) {
            let f = fold(&s);
            prop_assert!(f.is_ascii(), "{:?} -> {:?}", s, f);
            prop_assert_eq!(fold(&f), f.clone());
            prop_assert!(matches_query(&s, &s));
            prop_assert!(matches_query(&s, &f));
        }

        #[test]
        fn dates_round_trip(days in 0i64..73_048) {
            let date = d(1900, 1, 1) + chrono::Duration::days(days);
            prop_assert_eq!(parse_date(&format_date(date)), Ok(date));
            let loose = format!("{}.{}.{}", date.day(), date.month(), date.year());
            prop_assert_eq!(parse_date(&loose), Ok(date));
            let dashed = format!("{}-{:02}-{}", date.day(), date.month(), date.year());
            prop_assert_eq!(parse_date(&dashed), Ok(date));
            prop_assert_eq!(format_date(parse_date(&format_date(date)).unwrap()), format_date(date));
        }

        #[test]
        fn parse_never_panics(s in any::<String>()) {
            let _ = parse_date(&s);
        }

        #[test]
        fn parsed_dates_are_valid_and_reformat(day in 0u32..40, month in 0u32..15, year in 1890i32..2110) {
            let s = format!("{day}/{month}/{year}");
            match parse_date(&s) {
                Ok(date) => {
                    prop_assert_eq!((date.day(), date.month(), date.year()), (day, month, year));
                }
                Err(e) => {
                    prop_assert!(NaiveDate::from_ymd_opt(year, month, day).is_none() || !(MIN_YEAR..=MAX_YEAR).contains(&year));
                    prop_assert!(!e.to_string().is_empty());
                }
            }
        }

        #[test]
        fn int_format_round_trips(n in any::<i64>()) {
            let s = format_int(n);
            let back: i64 = s.replace('.', "").parse().unwrap();
            prop_assert_eq!(back, n);
        }

        #[test]
        fn ratio_percent_is_close_to_float(n in 0u64..1_000_000, den in 1u64..1_000_000) {
            let s = format_ratio_percent(n, den).unwrap();
            let num: f64 = s.trim_end_matches(" %").replace('.', "").replace(',', ".").parse().unwrap();
            let exact = n as f64 * 100.0 / den as f64;
            prop_assert!((num - exact).abs() <= 0.005 + 1e-9, "{} vs {}", s, exact);
        }
    }
}
