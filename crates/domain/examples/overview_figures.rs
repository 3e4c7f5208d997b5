//! Writes the dashboard's figures and chart tables, and the report's summary and forms, for the
//! demo ward on 02/12/2026, for a few views, as JSON: the browser tests of Tổng quan and Báo cáo
//! compare the pages with them (the numbers come from the domain, not from the tests).
//!
//! cargo run -p ptdv-domain --example overview_figures -- tests/e2e/artifacts/overview.json
#![allow(clippy::disallowed_methods)] // a tool/test, not the app (clippy.toml)

use chrono::{NaiveDate, TimeZone, Utc};
use ptdv_domain::calendar::WorkingCalendar;
use ptdv_domain::demo::demo_ward;
use ptdv_domain::overview::{Overview, View};
use ptdv_domain::roster::Roster;
use ptdv_domain::rules::RuleSets;
use ptdv_domain::ward_report::{Datum, WardReport};

/// A table's value as a spreadsheet reader gives it back.
fn typed(d: &Datum) -> Value {
    match d {
        Datum::Empty => Value::Null,
        Datum::Text(s) => json!(s),
        Datum::Int(n) => json!(n),
        Datum::Tenths(t) => json!(*t as f64 / 10.0),
        Datum::Percent(n, d) => json!(*n as f64 / *d as f64),
        Datum::Date(d) => json!(d.to_string()),
    }
}
use serde_json::{json, Value};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "overview.json".into());
    let (Some(today), Some(now)) = (NaiveDate::from_ymd_opt(2026, 12, 2), Utc.with_ymd_and_hms(2026, 12, 2, 2, 0, 0).single()) else {
        eprintln!("bad date");
        std::process::exit(1);
    };
    let data = demo_ward(today, now);
    let rules = match RuleSets::builtin() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("rule sets: {e}");
            std::process::exit(1);
        }
    };
    let calendar = WorkingCalendar::new(&data.ward.settings.calendar);
    let roster = Roster::build(&data, rules, &calendar, today);
    let cell = data.cells.iter().find(|c| c.code == "TDP03").or(data.cells.first()).map(|c| c.id.to_string()).unwrap_or_default();
    let queries = [
        "ky=nam-2026".to_string(),
        "ky=nhiem-ky".to_string(),
        "ky=giua-nhiem-ky".to_string(),
        "ky=quy-3-2026".to_string(),
        format!("ky=nam-2026&pham-vi=chi-bo%3A{cell}"),
        "ky=6-thang-dau-2026&pham-vi=loai%3Atruong_hoc".to_string(),
        "ky=nam-2025&pham-vi=nguon%3Adoan_thanh_nien".to_string(),
    ];
    let views: Vec<Value> = queries
        .iter()
        .map(|q| {
            let view = View::from_query(q, today);
            let o = Overview::compute(&data, &view, today, &roster);
            let figures: Vec<Value> = o
                .figures
                .iter()
                .map(|f| json!({ "key": f.key, "label": f.label, "value": f.value, "count": f.count, "items": f.items.len() }))
                .collect();
            let tables: Vec<Value> = o.tables.iter().map(|t| json!({ "key": t.key, "head": t.head, "rows": t.rows })).collect();
            // The report page of the same view (Báo cáo).
            let r = WardReport::compute(&data, &view, today, rules, &calendar);
            // Every table as the page writes it ("text") and as a spreadsheet holds it ("values":
            // numbers, a percentage as a fraction, dates as yyyy-mm-dd, null for an empty cell).
            let report_tables: Vec<Value> = r
                .tables()
                .iter()
                .map(|t| {
                    let text: Vec<Vec<String>> = t.rows.iter().map(|row| row.iter().map(Datum::text).collect()).collect();
                    let values: Vec<Vec<Value>> = t.rows.iter().map(|row| row.iter().map(typed).collect()).collect();
                    json!({ "stem": t.stem, "title": t.title, "head": t.head, "text": text, "values": values })
                })
                .collect();
            let text_of = |stem: &str| report_tables.iter().find(|t| t["stem"] == stem).map(|t| t["text"].clone()).unwrap_or_default();
            // Biểu 2 from the form's rows themselves, not through the tables the page draws.
            let bieu2: Vec<Value> = r
                .bieu2
                .iter()
                .map(|row| {
                    let percent = if row.percent == "–" { String::new() } else { row.percent.clone() };
                    json!([row.number, row.label, row.this.text(), row.last.text(), percent])
                })
                .collect();
            let report = json!({
                "title": r.title, "summary": r.summary, "bieu2": bieu2, "bieu2b": text_of("bieu-2b-btctw"),
                "tables": report_tables, "period": r.report.period.label(),
                "cells": r.cells.len(), "admitted": r.admitted.len(), "due": r.due_for_recognition.len(), "overdue": r.overdue.len()
            });
            json!({ "query": view.to_query(), "label": view.label(&data), "figures": figures, "tables": tables, "report": report })
        })
        .collect();
    let out = json!({ "today": today.to_string(), "views": views });
    if let Err(e) = std::fs::write(&path, out.to_string()) {
        eprintln!("cannot write {path}: {e}");
        std::process::exit(1);
    }
    println!("{path}: {} views", queries.len());
}
