//! The work ptdv hands to a web worker, in a second wasm module that Trunk builds beside the
//! app and the page starts only when asked: the report as an .xlsx file ([`spreadsheet`], with
//! rust_xlsxwriter, about 260 KB gzip on its own) and the demo ward (`ptdv_domain::demo`, made
//! here so the first load does not carry the generator). Each request is a text; [`answer`]
//! says what to send back.

pub mod spreadsheet;

use ptdv_domain::demo::{demo_ward, parse_demo_request};
use ptdv_domain::format::{export_compact, ExportScope};

/// What the worker sends back.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    /// The .xlsx file's bytes.
    Bytes(Vec<u8>),
    /// The demo ward as a stored document.
    Document(String),
}

/// What the worker answers when the page is another build than the worker (a browser cache
/// serving an old worker beside a new page, or the reverse).
pub const STALE: &str = "stale";

/// The answer to a message: the page's version on the first line, then a `demo_request` or
/// a `workbook_request`. A page of another version gets [`STALE`], never a file made by
/// other code than the page's.
pub fn answer(message: &str, app_version: &str) -> Result<Answer, String> {
    let (version, message) = message.split_once('\n').ok_or_else(|| "not a request".to_string())?;
    if version != app_version {
        return Err(STALE.into());
    }
    if let Some((today, now)) = parse_demo_request(message) {
        let data = demo_ward(today, now);
        return export_compact(&data, &ExportScope::Ward, app_version, now).map(Answer::Document).map_err(|e| e.to_string());
    }
    let book = spreadsheet::workbook_of(message)?;
    spreadsheet::write(&book).map(Answer::Bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};
    use ptdv_domain::demo::demo_request;

    #[test]
    fn the_demo_ward_comes_back_as_a_document_that_loads_to_the_same_ward() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 3, 0, 0).unwrap();
        let Ok(Answer::Document(doc)) = answer(&format!("t\n{}", demo_request(today, now)), "t") else { panic!("a document") };
        let loaded = ptdv_domain::format::load(doc.as_bytes(), today).expect("loads");
        assert_eq!(loaded.data, demo_ward(today, now));
        assert!(answer("t\ndemo\nhôm nay\n", "t").is_err(), "a bad request is refused, not answered with another ward");
        assert_eq!(answer(&format!("0.1.0\n{}", demo_request(today, now)), "t"), Err(STALE.to_string()), "another build's page");
    }
}
