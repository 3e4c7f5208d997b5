//! The model's dates read quickly. A large file holds hundreds of thousands of dates, and
//! chrono's parser (general, for every form it accepts) took a tenth of an import. The form
//! this app writes — `2026-12-03`, and `2026-12-03T08:30:00Z` with or without a fraction of a
//! second — is read by hand; anything else goes to chrono's own reading, with chrono's
//! messages, so what is accepted and refused is unchanged.

use super::Timestamp;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// Digits `b` as a number; `None` if any is not a digit.
fn number(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

/// `yyyy-mm-dd` exactly.
fn ymd(b: &[u8]) -> Option<NaiveDate> {
    match b {
        [y @ .., b'-', m1, m2, b'-', d1, d2] if y.len() == 4 => {
            NaiveDate::from_ymd_opt(i32::try_from(number(y)?).ok()?, number(&[*m1, *m2])?, number(&[*d1, *d2])?)
        }
        _ => None,
    }
}

/// `yyyy-mm-ddThh:mm:ss[.f…]Z` with up to nine digits of fraction.
fn utc(b: &[u8]) -> Option<Timestamp> {
    let (date, rest) = (b.get(..10)?, b.get(10..)?);
    let [b'T', h1, h2, b':', m1, m2, b':', s1, s2, tail @ ..] = rest else { return None };
    let nanos = match tail {
        [b'Z'] => 0,
        [b'.', digits @ .., b'Z'] if (1..=9).contains(&digits.len()) => number(digits)? * 10u32.pow(9 - digits.len() as u32),
        _ => return None,
    };
    let time = NaiveTime::from_hms_nano_opt(number(&[*h1, *h2])?, number(&[*m1, *m2])?, number(&[*s1, *s2])?, nanos)?;
    Some(ymd(date)?.and_time(time).and_utc())
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a formatted date string") // chrono's words
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
        ymd(v.as_bytes()).map_or_else(|| v.parse().map_err(E::custom), Ok)
    }
}

struct UtcVisitor;

impl Visitor<'_> for UtcVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 formatted date and time string") // chrono's words
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
        utc(v.as_bytes()).map_or_else(|| v.parse::<DateTime<FixedOffset>>().map(|t| t.with_timezone(&Utc)).map_err(E::custom), Ok)
    }
}

/// A date, as chrono reads it.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(DateVisitor)
}

/// A date that may be `null`, as chrono's `Option<NaiveDate>` reads it.
pub fn date_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    struct Date(NaiveDate);
    impl<'de> Deserialize<'de> for Date {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            date(d).map(Date)
        }
    }
    Ok(Option::<Date>::deserialize(d)?.map(|Date(d)| d))
}

/// A moment in UTC, as chrono reads it.
pub fn timestamp<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
    d.deserialize_str(UtcVisitor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn both<T: PartialEq + fmt::Debug>(
        json: &str,
        ours: impl Fn(&mut serde_json::Deserializer<serde_json::de::StrRead>) -> Result<T, serde_json::Error>,
        chrono: impl Fn(&str) -> Result<T, serde_json::Error>,
    ) {
        let mine = ours(&mut serde_json::Deserializer::from_str(json)).map_err(|e| e.to_string());
        assert_eq!(mine, chrono(json).map_err(|e| e.to_string()), "{json}");
    }

    fn check(text: &str) {
        let json = serde_json::to_string(text).unwrap_or_default();
        both(&json, |d| date(d), |j| serde_json::from_str::<NaiveDate>(j));
        both(&json, |d| timestamp(d), |j| serde_json::from_str::<DateTime<Utc>>(j));
        both(&json, |d| date_opt(d), |j| serde_json::from_str::<Option<NaiveDate>>(j));
    }

    #[test]
    fn the_usual_forms_and_their_near_misses_read_as_chrono_reads_them() {
        for t in [
            "2026-12-03",
            "2024-02-29",
            "2023-02-29",
            "0000-01-01",
            "9999-12-31",
            "2026-13-01",
            "2026-00-10",
            "2026-1-05",
            "+2026-12-03",
            "2026-12-03 ",
            " 2026-12-03",
            "2026/12/03",
            "２０２６-12-03",
            "2026-12-3a",
            "2026-12-03T08:30:00Z",
            "2026-12-03T08:30:00.5Z",
            "2026-12-03T08:30:00.123456789Z",
            "2026-12-03T08:30:00.1234567891Z",
            "2026-12-03T23:59:60Z",
            "2026-12-03T24:00:00Z",
            "2026-12-03T08:30:00+07:00",
            "2026-12-03t08:30:00z",
            "2026-12-03T08:30Z",
            "2026-12-03T08:30:00.Z",
            "2026-12-03 08:30:00Z",
            "",
        ] {
            check(t);
        }
        for json in ["null", "5", "true", "[]", "{}", "\"2026-12-03\""] {
            both(json, |d| date_opt(d), |j| serde_json::from_str::<Option<NaiveDate>>(j));
            both(json, |d| date(d), |j| serde_json::from_str::<NaiveDate>(j));
            both(json, |d| timestamp(d), |j| serde_json::from_str::<DateTime<Utc>>(j));
        }
    }

    proptest! {
        #[test]
        fn any_date_like_text_reads_as_chrono_reads_it(t in "[0-9+-]{0,5}-[0-9]{1,3}-[0-9]{1,3}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,10})?[Zz+0-9:]{0,6})?") {
            check(&t);
        }
    }
}
