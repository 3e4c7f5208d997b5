//! Writes the demo ward, scaled to at least N candidates, as an export file (pretty JSON, as the
//! app exports it). Used by `make bench` for the import figures.
//!
//! cargo run --release -p ptdv-domain --example demo_file -- 10000 target/bench/ward-10k.json

use chrono::{NaiveDate, TimeZone, Utc};
use ptdv_domain::demo::{demo_ward, scale};
use ptdv_domain::format::{export, ExportScope};

fn main() {
    let mut args = std::env::args().skip(1);
    let wanted: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let path = args.next().unwrap_or_else(|| "ward.json".into());
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).single().unwrap_or_default();
    let demo = demo_ward(today, now);
    let factor = wanted.div_ceil(demo.candidates.len().max(1) as u32).max(1);
    let data = scale(&demo, factor);
    let text = match export(&data, &ExportScope::Ward, env!("CARGO_PKG_VERSION"), now) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("export failed: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = std::fs::write(&path, &text) {
        eprintln!("cannot write {path}: {e}");
        std::process::exit(1);
    }
    println!("{path}: {} candidates, {} bytes", data.candidates.len(), text.len());
}
