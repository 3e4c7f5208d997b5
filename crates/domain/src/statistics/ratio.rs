//! Exact ratios, formatted by [`crate::text`].

use crate::text;
use std::fmt;

/// An exact ratio of two counts. The statistics keep counts as integers and only the UI turns
/// them into percentages (`percent()` for charts, `percent_text()` for labels, exact rounding).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ratio {
    pub numerator: u64,
    pub denominator: u64,
}

impl Ratio {
    pub const fn new(numerator: u64, denominator: u64) -> Self {
        Ratio { numerator, denominator }
    }

    /// numerator ÷ denominator × 100, or `None` when the denominator is 0.
    pub fn percent(&self) -> Option<f64> {
        if self.denominator == 0 {
            None
        } else {
            Some(self.numerator as f64 * 100.0 / self.denominator as f64)
        }
    }

    /// The percentage as written in reports ("104,65 %", "120 %"), or [`text::NOT_AVAILABLE`]
    /// when the denominator is 0. Rounded exactly in integers.
    pub fn percent_text(&self) -> String {
        text::format_ratio_percent(self.numerator, self.denominator).unwrap_or_else(|| text::NOT_AVAILABLE.to_string())
    }

    /// [`Ratio::percent_text`], or `None` when the denominator is 0.
    pub fn percent_text_opt(&self) -> Option<String> {
        text::format_ratio_percent(self.numerator, self.denominator)
    }

    /// Whether the ratio reaches `percent` % (e.g. 100 for a target); false for a zero
    /// denominator. Exact, in integers: n × 100 ≥ p × d.
    pub fn reaches_percent(&self, percent: u32) -> bool {
        self.denominator != 0 && u128::from(self.numerator) * 100 >= u128::from(percent) * u128::from(self.denominator)
    }

    /// "45/43".
    pub fn fraction_text(&self) -> String {
        format!("{}/{}", text::format_int(self.numerator), text::format_int(self.denominator))
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.percent_text())
    }
}
