//! The roll-up against one ward's own figures: two wards alike give exactly twice every count;
//! the same file twice counts once; an older export is set aside; three cells' files give those
//! cells' counts; a file the loader refuses is named and left out.

use super::*;
use crate::format::{export, load};
use crate::model::WardId;
use crate::statistics::FormValue;
use crate::statistics::Scope;
use chrono::{Duration, TimeZone, Utc};
use std::sync::OnceLock;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 12, 2, 2, 0, 0).unwrap()
}

fn demo() -> &'static WardData {
    static D: OnceLock<WardData> = OnceLock::new();
    D.get_or_init(|| crate::demo::demo_ward(today(), now()))
}

/// `data` exported for `scope` at `at`, loaded as a file named `name`.
fn file(name: &str, data: &WardData, scope: ExportScope, at: Timestamp) -> FileIn {
    let text = export(data, &scope, "t", at).unwrap();
    FileIn::new(name, load(text.as_bytes(), today()))
}

/// The demo ward's own report for the year, as the Báo cáo page computes it.
fn demo_report() -> crate::ward_report::WardReport {
    crate::ward_report::WardReport::compute(
        demo(),
        &year(),
        today(),
        crate::rules::RuleSets::builtin().unwrap(),
        &WorkingCalendar::new(&demo().ward.settings.calendar),
    )
}

/// The demo ward under another id and name.
fn other_ward(id: &str, name: &str) -> WardData {
    let mut other = demo().clone();
    other.ward.id = WardId::new(id);
    other.ward.name = name.into();
    other
}

fn year() -> View {
    View::from_query("ky=nam-2026", today())
}

fn counts(r: &RollupReport) -> Vec<Option<u32>> {
    r.total.bieu2.iter().map(|s| if let FormValue::Count(n) = s.this { Some(n) } else { None }).collect()
}

fn last_counts(r: &RollupReport) -> Vec<Option<u32>> {
    r.total.bieu2.iter().map(|s| if let FormValue::Count(n) = s.last { Some(n) } else { None }).collect()
}

#[test]
fn two_wards_alike_give_twice_every_count() {
    let other = other_ward("dbp-hoa-binh", "Hòa Bình");
    let set = Rollup::assemble(
        &[file("hoa-an.json", demo(), ExportScope::Ward, now()), file("hoa-binh.json", &other, ExportScope::Ward, now())],
        today(),
    );
    assert_eq!(set.wards.len(), 2);
    assert!(set.set_aside.is_empty(), "{:?}", set.set_aside);
    let one = RollupReport::compute(&Rollup { wards: vec![set.wards[0].clone()], set_aside: vec![] }, &year(), today());
    let two = RollupReport::compute(&set, &year(), today());
    let (a, b) = (counts(&one), counts(&two));
    assert!(a.iter().flatten().any(|n| *n > 0), "the demo admitted someone");
    for ((row, x), y) in one.total.bieu2.iter().map(|s| s.row).zip(&a).zip(&b) {
        assert_eq!(*y, x.map(|n| 2 * n), "{}", RollupReport::label(row));
    }
    for (x, y) in last_counts(&one).iter().zip(&last_counts(&two)) {
        assert_eq!(*y, x.map(|n| 2 * n), "the same period last year");
    }
    // One ward's set is that ward's own Biểu 2, both columns.
    let page = demo_report();
    for (s, p) in one.total.bieu2.iter().zip(&page.bieu2) {
        assert_eq!((s.this, s.last), (p.this, p.last), "{}", p.label);
        assert_eq!(two.total.bieu2.iter().find(|x| x.row == s.row).map(|x| &x.percent), Some(&s.percent));
    }
    // The mean age is the same mean, not a sum; the ratios come from summed counts.
    let mean = |r: &RollupReport| r.total.bieu2.iter().find_map(|s| if let FormValue::Tenths(t) = s.this { Some(t) } else { None });
    assert_eq!(mean(&two), mean(&one));
    for (l1, l2) in one.bieu2b.iter().zip(&two.bieu2b) {
        assert_eq!((l2.total, l2.women), (2 * l1.total, 2 * l1.women), "{}", l1.label);
        assert_eq!(l2.share.percent_text(), l1.share.percent_text());
    }
    assert_eq!(two.total.admitted, 2 * one.total.admitted);
    assert_eq!(two.total.target, one.total.target.map(|t| 2 * t));
    assert_eq!(two.total.attainment.percent_text(), one.wards[0].attainment.percent_text());
    assert_eq!(two.total.development.percent_text(), one.wards[0].development.percent_text());
    assert_eq!(two.total.overdue, one.wards[0].overdue.map(|n| 2 * n));
    // One ward's line is that ward's own report.
    let own = Report::compute(demo(), year().period(&demo().ward.term), &Scope::Ward, today());
    assert_eq!(one.wards[0].admitted, own.admitted.total);
    assert_eq!(one.wards[0].same_period, own.same_period.previous);
    assert_eq!(two.wards[1].name, "Đảng bộ phường Hòa Bình");
}

#[test]
fn the_same_file_twice_counts_once_and_an_older_export_is_set_aside() {
    let later = now() + Duration::hours(3);
    let mut edited = demo().clone();
    edited.ward.superior = "Tỉnh ủy Thái Nguyên (sửa)".into();
    let set = Rollup::assemble(
        &[
            file("a.json", demo(), ExportScope::Ward, now()),
            file("a (copy).json", demo(), ExportScope::Ward, now()),
            file("a-new.json", &edited, ExportScope::Ward, later),
        ],
        today(),
    );
    assert_eq!(set.wards.len(), 1);
    assert_eq!(set.wards[0].files, ["a-new.json"]);
    assert_eq!(set.wards[0].data.ward.superior, "Tỉnh ủy Thái Nguyên (sửa)");
    assert_eq!(
        set.set_aside,
        [
            SetAside::Older { file: "a.json".into(), kept: "a-new.json".into() },
            SetAside::Older { file: "a (copy).json".into(), kept: "a-new.json".into() },
        ]
    );
    let twice = Rollup::assemble(
        &[file("a.json", demo(), ExportScope::Ward, now()), file("a (copy).json", demo(), ExportScope::Ward, now())],
        today(),
    );
    assert_eq!(twice.set_aside, [SetAside::Duplicate { file: "a (copy).json".into(), kept: "a.json".into() }]);
    let one = RollupReport::compute(&twice, &year(), today());
    assert_eq!(one.total.admitted, Report::compute(demo(), year().period(&demo().ward.term), &Scope::Ward, today()).admitted.total);
    assert!(twice.set_aside[0].message().contains("chỉ tính một lần"));
}

#[test]
fn three_cells_files_give_those_cells_counts() {
    let data = demo();
    let period = year().period(&data.ward.term);
    // Three cells that admitted someone this year.
    let cells: Vec<CellId> = data
        .cells
        .iter()
        .filter(|c| Report::compute(data, period, &Scope::Cell { cell_id: c.id.clone() }, today()).admitted.total > 0)
        .take(3)
        .map(|c| c.id.clone())
        .collect();
    assert_eq!(cells.len(), 3);
    let files: Vec<FileIn> =
        cells.iter().map(|c| file(&format!("{c}.json"), data, ExportScope::Cell { cell_id: c.clone() }, now())).collect();
    let set = Rollup::assemble(&files, today());
    assert!(set.set_aside.is_empty(), "{:?}", set.set_aside);
    assert_eq!(set.wards.len(), 1, "one ward from its cells' files");
    assert_eq!(set.wards[0].cell_files, cells);
    assert!(set.wards[0].only_cells);
    assert!(set.wards[0].missing_cells().is_empty(), "the ward's other cells are unknown without its own file");
    let r = RollupReport::compute(&set, &year(), today());
    let expected: u32 =
        cells.iter().map(|c| Report::compute(data, period, &Scope::Cell { cell_id: c.clone() }, today()).admitted.total).sum();
    assert_eq!(r.total.admitted, expected);
    assert_eq!(counts(&r)[0], Some(expected), "row I of Biểu 2");
}

#[test]
fn a_file_the_loader_refuses_is_named_and_left_out() {
    let bad = FileIn::new("hong.json", load(b"{ not json", today()));
    let set = Rollup::assemble(&[bad, file("a.json", demo(), ExportScope::Ward, now())], today());
    assert_eq!(set.wards.len(), 1);
    assert!(matches!(&set.set_aside[..], [SetAside::Unreadable { file, .. }] if file == "hong.json"));
    assert!(set.set_aside[0].message().starts_with("“hong.json”: không đọc được"));
}

#[test]
fn the_wards_own_file_with_its_cells_files_names_the_cells_missing() {
    let data = demo();
    let live: Vec<&Cell> = data.cells.iter().filter(|c| !c.archived).collect();
    assert!(live.len() > 2);
    let later = now() + Duration::hours(1);
    let mut files = vec![file("ward.json", data, ExportScope::Ward, now())];
    files.extend(live[..2].iter().map(|c| file(&format!("{}.json", c.id), data, ExportScope::Cell { cell_id: c.id.clone() }, later)));
    let set = Rollup::assemble(&files, today());
    assert!(set.set_aside.is_empty(), "{:?}", set.set_aside);
    let w = &set.wards[0];
    assert_eq!(w.files[0], "ward.json", "the ward's own file first");
    assert!(!w.only_cells);
    let missing: Vec<&CellId> = w.missing_cells().iter().map(|c| &c.id).collect();
    let expected: Vec<&CellId> = live[2..].iter().map(|c| &c.id).collect();
    assert_eq!(missing, expected);
    // Without cells' files nothing is missing.
    let alone = Rollup::assemble(&files[..1], today());
    assert!(alone.wards[0].missing_cells().is_empty());
}

#[test]
fn the_own_ward_is_newer_than_any_file_of_it() {
    let files = [
        file("hoa-an.json", demo(), ExportScope::Ward, now()),
        FileIn::own("Trên máy này", demo().clone(), "t", now() + Duration::hours(1)),
    ];
    let set = Rollup::assemble(&files, today());
    assert_eq!(set.wards.len(), 1);
    assert_eq!(set.wards[0].files, ["Trên máy này"]);
    assert_eq!(set.set_aside, [SetAside::Older { file: "hoa-an.json".into(), kept: "Trên máy này".into() }]);
}

#[test]
fn a_scope_applies_in_each_ward_and_lines_sort_by_any_column() {
    let other = other_ward("dbp-hoa-binh", "Hòa Bình");
    let set =
        Rollup::assemble(&[file("a.json", demo(), ExportScope::Ward, now()), file("b.json", &other, ExportScope::Ward, now())], today());
    let kind = demo().cells.iter().find(|c| !c.archived).map(|c| c.kind).unwrap();
    let scoped = View { scope: Scope::CellKind { kind }, ..year() };
    let r = RollupReport::compute(&set, &scoped, today());
    let own = Report::compute(demo(), year().period(&demo().ward.term), &Scope::CellKind { kind }, today());
    assert_eq!(r.wards[0].admitted, own.admitted.total);
    assert_eq!(r.total.admitted, 2 * own.admitted.total);
    assert!(r.total.admitted < RollupReport::compute(&set, &year(), today()).total.admitted, "a kind of cell is part of the ward");
    assert!(RollupReport::view_label(&scoped).starts_with("Năm 2026 · Loại chi bộ: "));
    // One cell's id means nothing across wards: the whole ward.
    let cell = View { scope: Scope::Cell { cell_id: demo().cells[0].id.clone() }, ..year() };
    assert_eq!(RollupReport::compute(&set, &cell, today()).total.admitted, RollupReport::compute(&set, &year(), today()).total.admitted);
    // Sorting: by name descending puts Hòa Bình first; by a figure keeps equal lines in order.
    let mut r = RollupReport::compute(&set, &year(), today());
    r.sort_wards(0, true, |a, b| a.cmp(b));
    assert_eq!(r.wards[0].name, "Đảng bộ phường Hòa Bình");
    r.sort_wards(1, false, |a, b| a.cmp(b));
    assert_eq!(r.wards[0].name, "Đảng bộ phường Hòa Bình", "equal figures keep their order");
    r.wards[1].admitted += 1;
    r.sort_wards(1, true, |a, b| a.cmp(b));
    assert_eq!(r.wards[0].name, "Đảng bộ phường Hòa An");
    r.wards[0].target = None;
    r.sort_wards(2, false, |a, b| a.cmp(b));
    assert_eq!(r.wards[1].name, "Đảng bộ phường Hòa An", "no target sorts last");
    r.sort_wards(2, true, |a, b| a.cmp(b));
    assert_eq!(r.wards[1].name, "Đảng bộ phường Hòa An", "last either way");
}

#[test]
fn the_sets_workbook_has_the_summed_forms_and_each_wards_own_biểu_2() {
    let other = other_ward("dbp-hoa-binh", "Hòa Bình");
    let docs: Vec<String> =
        [demo(), &other].iter().map(|d| crate::format::export_compact(d, &ExportScope::Ward, "t", now()).unwrap()).collect();
    // The request carries the documents one a line, and gives them back.
    let request = rollup_request("ky=nam-2026", today(), &docs);
    let (view, day, back) = parse_rollup_request(&request).unwrap();
    assert_eq!((view, day, back.len()), ("ky=nam-2026", today(), 2));
    assert_eq!(back, docs.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(parse_rollup_request("ky=nam-2026\n2026-12-02\n{}").is_none(), "a ward's report request is not a roll-up");
    let files: Vec<FileIn> = back.iter().enumerate().map(|(i, d)| FileIn::new(format!("{i}"), load(d.as_bytes(), today()))).collect();
    let set = Rollup::assemble(&files, today());
    let r = RollupReport::compute(&set, &year(), today());
    let book = r.workbook(&set, &year(), today());
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Từng đảng bộ", "Biểu 2 - cả tập", "Biểu 2B - cả tập", "1. Hòa An", "2. Hòa Bình"]);
    // Each ward's sheet is that ward's own Biểu 2 sheet from its report, but for the name.
    let page = demo_report();
    let own = &page.workbook().sheets[0];
    assert_eq!(book.sheets[3].cells, own.cells);
    assert_eq!(book.sheets[3].merges, own.merges);
    // The summed Biểu 2: row I is twice one ward's.
    let value =
        |s: &crate::ward_report::Sheet, row: u32, col: u16| s.cells.iter().find(|c| c.row == row && c.col == col).map(|c| c.value.clone());
    let first = own.header_rows;
    let (one, two) = (value(own, first, 2), value(&book.sheets[1], first, 2));
    match (one, two) {
        (Some(crate::ward_report::Datum::Int(a)), Some(crate::ward_report::Datum::Int(b))) => assert_eq!(b, 2 * a),
        other => panic!("row I's counts: {other:?}"),
    }
    // The wards' sheet: two lines and the total.
    assert_eq!(value(&book.sheets[0], 4 + 2, 0), Some(crate::ward_report::Datum::Text("Cộng 2 đảng bộ".into())));
    assert!(names.iter().all(|n| n.chars().count() <= 31));
    assert_eq!(super::workbook::sheet_name("Phường [A/B]: một tên rất dài quá ba mươi mốt ký tự"), "Phường -A-B-- một tên rất dài q");
}

#[test]
fn ratios_of_unequal_wards_come_from_summed_counts_never_a_mean_of_percentages() {
    let mut other = other_ward("dbp-hoa-binh", "Hòa Bình");
    // Hòa Bình's year target four times Hòa An's: the two % differ.
    for t in other.targets.iter_mut().filter(|t| matches!(t.scope, crate::model::TargetScope::Ward)) {
        t.value *= 4;
    }
    let set =
        Rollup::assemble(&[file("a.json", demo(), ExportScope::Ward, now()), file("b.json", &other, ExportScope::Ward, now())], today());
    let r = RollupReport::compute(&set, &year(), today());
    let (a, b) = (&r.wards[0], &r.wards[1]);
    assert_eq!(b.target, a.target.map(|t| 4 * t));
    assert_ne!(a.attainment.percent_text(), b.attainment.percent_text());
    let sum = Ratio::new(a.attainment.numerator + b.attainment.numerator, a.attainment.denominator + b.attainment.denominator);
    assert_eq!(r.total.attainment, sum);
    let mean = (a.attainment.percent().unwrap() + b.attainment.percent().unwrap()) / 2.0;
    assert!((r.total.attainment.percent().unwrap() - mean).abs() > 1.0, "{} vs a mean of {mean}", r.total.attainment.percent_text());
    // A ward without a target is named and left out of the total's target, not blanking it.
    let mut none = other_ward("dbp-hoa-lac", "Hòa Lạc");
    none.targets.clear();
    let set =
        Rollup::assemble(&[file("a.json", demo(), ExportScope::Ward, now()), file("c.json", &none, ExportScope::Ward, now())], today());
    let r = RollupReport::compute(&set, &year(), today());
    assert_eq!(r.without_target, ["Đảng bộ phường Hòa Lạc"]);
    assert_eq!(r.total.target, r.wards[0].target);
    assert_eq!(r.total.attainment, r.wards[0].attainment);
    // A past period: overdue steps are not known, so blank, not 0.
    let past = RollupReport::compute(&set, &View::from_query("ky=nam-2025", today()), today());
    assert_eq!(past.total.overdue, None);
    assert_eq!(past.wards_table().rows[0][7], crate::ward_report::Datum::Empty);
}
