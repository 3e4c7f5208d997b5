//! Documents and votes that the workflow records (docs/domain.md §3.1 "Meeting / resolution /
//! decision"): numbers, dates and counts only.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A numbered document: resolution (nghị quyết), decision (quyết định), notice, letter.
/// Numbers are written "12-NQ/ĐU" style (docs/domain.md §3.1 "Document numbering").
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocRef {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    #[serde(deserialize_with = "super::iso::date")]
    pub date: NaiveDate,
    /// Signer or issuing body, when recorded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signer: String,
}

impl DocRef {
    pub fn on(date: NaiveDate) -> Self {
        DocRef { number: String::new(), date, signer: String::new() }
    }
}

/// A vote of a cell, a grassroots committee or the Standing Committee (R-VOTE).
/// `convened` is the denominator: official members (or committee members) convened
/// (được triệu tập), R-294 §9.3.2–9.3.4.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Vote {
    pub resolution: DocRef,
    pub convened: u32,
    pub present: u32,
    pub yes: u32,
    pub no: u32,
}
