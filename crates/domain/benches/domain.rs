//! Native benchmark (issue budget: under 5 ms each): the full statistics report and the
//! ward-wide deadline scan over the demo ward scaled to about 10,000 candidates.
//! Run: `cargo bench -p ptdv-domain` (release profile of the workspace: opt-level "z", LTO).

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use ptdv_domain::calendar::WorkingCalendar;
use ptdv_domain::deadlines::due_items;
use ptdv_domain::demo::{demo_ward, scale};
use ptdv_domain::format::validate_edit;
use ptdv_domain::rules::RuleSets;
use ptdv_domain::statistics::{Period, Quarter, Report, Scope};
use std::hint::black_box;

fn ward_of_10k() -> (ptdv_domain::model::WardData, NaiveDate) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date");
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).single().expect("valid time");
    let demo = demo_ward(today, now);
    // The demo has about 300 candidates; scale it to the nearest factor reaching 10,000.
    let factor = 10_000u32.div_ceil(demo.candidates.len() as u32);
    (scale(&demo, factor), today)
}

fn bench(c: &mut Criterion) {
    let (data, today) = ward_of_10k();
    eprintln!("benchmark ward: {} candidates, {} cells", data.candidates.len(), data.cells.len());
    let rule_sets = match RuleSets::builtin() {
        Ok(r) => r,
        Err(e) => panic!("built-in rule sets: {e}"),
    };
    let calendar = WorkingCalendar::new(&data.ward.settings.calendar);

    let mut group = c.benchmark_group("10k candidates");
    group.bench_function("statistics: year report, whole ward", |b| {
        b.iter(|| black_box(Report::compute(black_box(&data), Period::Year { year: 2026 }, &Scope::Ward, today)))
    });
    group.bench_function("statistics: Q2 report of the previous year, whole ward", |b| {
        b.iter(|| black_box(Report::compute(black_box(&data), Period::Quarter { year: 2025, quarter: Quarter::Q2 }, &Scope::Ward, today)))
    });
    group.bench_function("deadline scan: due_items (overdue + due within 14 days)", |b| {
        b.iter(|| black_box(due_items(black_box(&data), rule_sets, &calendar, today, 14).len()))
    });
    let year = ptdv_domain::overview::View::from_query("ky=nam-2026", today);
    group.bench_function("Báo cáo: the year's whole report (WardReport::compute)", |b| {
        b.iter(|| black_box(ptdv_domain::ward_report::WardReport::compute(black_box(&data), &year, today, rule_sets, &calendar)))
    });
    let term = ptdv_domain::overview::View::from_query("ky=nhiem-ky", today);
    group.bench_function("Báo cáo: the term's whole report (WardReport::compute)", |b| {
        b.iter(|| black_box(ptdv_domain::ward_report::WardReport::compute(black_box(&data), &term, today, rule_sets, &calendar)))
    });
    group.bench_function("working calendar: build (2000–2060 table)", |b| {
        b.iter(|| black_box(WorkingCalendar::new(black_box(&data.ward.settings.calendar))))
    });
    // A form's save in the app: the store copies the record, the edit runs on the copy, and
    // what changed is checked against the loader's rules before the copy is kept.
    group.bench_function("one save: copy the record, edit one person, validate_edit", |b| {
        b.iter(|| {
            let mut next = black_box(&data).clone();
            next.candidates[42].residence.push('x');
            black_box(validate_edit(&data, &next, today).is_ok())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
