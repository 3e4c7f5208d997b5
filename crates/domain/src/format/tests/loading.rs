//! The fast path of the loader gives what the careful path gives, on every corpus file, on
//! what this version writes, and on the changes it cannot vouch for.

use super::super::load::load_with;
use super::super::loading::{Loading, Step};
use super::*;
use serde_json::Value;

/// The careful path alone.
fn careful(bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_with(bytes, today(), MIGRATIONS, SCHEMA_VERSION)
}

/// Loads in steps of `budget` records; the result and whether the fast path held.
fn stepped(bytes: &[u8], budget: usize) -> (Result<Loaded, LoadError>, bool) {
    let mut step = Loading::start(bytes, today());
    let mut fast = true;
    let mut last = (0, 0);
    loop {
        match step {
            Step::Done(r) => return (r, fast),
            Step::Working(l) => {
                fast &= !l.is_careful();
                let now = l.progress();
                assert!(now.0 >= last.0 && now.0 <= now.1, "progress {now:?} after {last:?}");
                last = now;
                step = l.step(budget);
            }
        }
    }
}

fn fast(bytes: &[u8]) -> bool {
    stepped(bytes, usize::MAX).1
}

#[test]
fn every_corpus_file_loads_the_same_both_ways() {
    let mut fast_files = 0;
    for dir in ["bad", "good"] {
        for entry in std::fs::read_dir(corpus_dir().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let expected = careful(&bytes);
            assert_eq!(load(&bytes, today()), expected, "{}", path.display());
            assert_eq!(Loading::start_owned(bytes.clone(), today()).finish(), expected, "{} from owned bytes", path.display());
            for budget in [1, 3] {
                let (got, was_fast) = stepped(&bytes, budget);
                assert_eq!(got, expected, "{} in steps of {budget}", path.display());
                fast_files += usize::from(was_fast && budget == 1);
            }
        }
    }
    // Some good files are this version's own and go the fast way.
    assert!(fast_files > 0);
}

fn demo_texts() -> Vec<(&'static str, String)> {
    let d = demo();
    let cell = d.cells[0].id.clone();
    vec![
        ("file", export_ward(d)),
        ("compact", export_compact(d, &ExportScope::Ward, "t", now()).unwrap()),
        ("cell file", export(d, &ExportScope::Cell { cell_id: cell }, "t", now()).unwrap()),
        ("stored", unpack(&export_stored(d, "t", now()).unwrap()).unwrap()),
        ("file with its change log", export_ward(super::sizes::demo_with_log())),
    ]
}

#[test]
fn what_this_version_writes_takes_the_fast_path_and_reads_back_whole() {
    for (what, text) in demo_texts() {
        let (got, was_fast) = stepped(text.as_bytes(), 50);
        assert!(was_fast, "{what} went the careful way");
        assert_eq!(got, careful(text.as_bytes()), "{what}");
        if what == "file with its change log" {
            assert_eq!(&got.unwrap().data, super::sizes::demo_with_log(), "{what}");
        } else if what != "cell file" {
            assert_eq!(&got.unwrap().data, demo(), "{what}");
        }
    }
}

/// The demo file with one change made to its records (fields stay in their order).
fn edited(f: impl FnOnce(&mut WardData)) -> String {
    let mut d = demo().clone();
    f(&mut d);
    export_ward(&d)
}

/// The demo file with one change made to its JSON (re-written with its keys sorted).
fn changed(f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&export_ward(demo())).unwrap();
    f(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

/// `s` as a JSON string with every letter outside ASCII written `\uXXXX`.
fn ascii_escaped(s: &str) -> String {
    let inner: String = s.encode_utf16().map(|u| if u < 0x80 { char::from(u as u8).to_string() } else { format!("\\u{u:04x}") }).collect();
    format!("\"{inner}\"")
}

#[test]
fn what_the_fast_path_cannot_vouch_for_goes_the_careful_way_with_the_same_outcome() {
    let file = export_ward(demo());
    let first_name = demo().candidates[0].full_name.clone();
    let id3 = demo().candidates[3].id.as_str().to_string();
    let cases: Vec<(&str, String)> = vec![
        ("an unknown field", file.replacen(&format!("\"id\": \"{id3}\","), &format!("\"id\": \"{id3}\", \"ghi_chu_rieng\": \"x\","), 1)),
        ("an unknown blank field", file.replacen(&format!("\"id\": \"{id3}\","), &format!("\"id\": \"{id3}\", \"late\": null,"), 1)),
        ("an unknown envelope field", file.replacen("\"format\": \"ptdv\",", "\"format\": \"ptdv\", \"exported_by\": \"máy 2\",", 1)),
        ("a control character", edited(|d| d.candidates[0].full_name = "Lê\u{7}Văn".into())),
        ("a line break in a name", edited(|d| d.candidates[0].full_name = "Lê\nVăn".into())),
        ("a bidi control", edited(|d| d.cells[0].name = "Chi bộ \u{202e}1".into())),
        ("a C1 control", edited(|d| d.candidates[2].residence = "Tổ \u{85}1".into())),
        ("a name too long", edited(|d| d.candidates[1].full_name = "a".repeat(MAX_NAME_CHARS + 1))),
        ("a Vietnamese name too long", edited(|d| d.candidates[1].full_name = "ă".repeat(MAX_NAME_CHARS + 1))),
        ("an id too long", edited(|d| d.candidates[1].id = CandidateId::new("c".repeat(MAX_ID_CHARS + 1)))),
        ("a note too long", edited(|d| d.candidates[1].residence = "x".repeat(MAX_TEXT_CHARS + 1))),
        ("a dangling reference", edited(|d| d.candidates[1].cell_id = CellId::new("khong-co"))),
        ("changes: null", file.replacen("\"targets\": [", "\"changes\": null,\n    \"targets\": [", 1)),
        ("an older schema", file.replacen("\"schema_version\": 2", "\"schema_version\": 1", 1)),
        (
            "a key twice",
            file.replacen(
                &format!("\"full_name\": \"{first_name}\""),
                &format!("\"full_name\": \"{first_name}\", \"full_name\": \"X\""),
                1,
            ),
        ),
        ("a year twice", file.replacen("\"members_by_year\": {", "\"members_by_year\": {\n \"2020\": 1,\n \"2020\": 2,", 1)),
        ("an escaped letter in a key", file.replacen("\"full_name\"", "\"full_n\\u0061me\"", 1)),
        ("a number spelled otherwise", file.replacen("\"grade\": 12", "\"grade\": 12.0", 1)),
        ("an unknown ward", changed(|v| v["ward"]["id"] = "khac".into())),
        ("an unknown field in a target's period", changed(|v| v["data"]["targets"][0]["period"]["note"] = "x".into())),
        ("an unknown field in a target's scope", changed(|v| v["data"]["targets"][0]["scope"]["ghi_chu"] = "x".into())),
        ("a target written as an array, a tab in its id", changed(|v| {
            let t = v["data"]["targets"][0].clone();
            v["data"]["targets"][0] = serde_json::json!(["t\t1", t["period"], t["scope"], t["value"], t["assigned_by"], t["document"], t["created_at"], t["updated_at"]]);
        })),
        ("a target written as an array, its id too long", changed(|v| {
            let t = v["data"]["targets"][0].clone();
            v["data"]["targets"][0] = serde_json::json!(["t".repeat(MAX_ID_CHARS + 1), t["period"], t["scope"], t["value"], t["assigned_by"], t["document"], t["created_at"], t["updated_at"]]);
        })),
        ("a change log the loader reorders", file.replacen("\"targets\": [", concat!(
            "\"changes\": [{\"at\": \"2026-11-20T08:30:00Z\", \"kind\": \"ward\", \"id\": \"dbp-hoa-an\", \"name\": \"Hòa An\", \"field\": \"name\", \"old\": \"A\", \"new\": \"B\"}, ",
            "{\"at\": \"2026-11-19T08:30:00Z\", \"kind\": \"ward\", \"id\": \"dbp-hoa-an\", \"name\": \"Hòa An\", \"field\": \"name\", \"new\": \"A\"}],\n    \"targets\": ["), 1)),
        ("a change log entry without an id", file.replacen("\"targets\": [",
            "\"changes\": [{\"at\": \"2026-11-20T08:30:00Z\", \"kind\": \"ward\", \"id\": \"\", \"name\": \"Hòa An\", \"field\": \"name\", \"new\": \"B\"}],\n    \"targets\": [", 1)),
        ("a missing list", file.replacen("\"targets\": [", "\"targets_\": [", 1)),
        // Dropping the layout must not join two tokens into one that reads.
        ("two numbers apart", file.replacen("\"grade\": 12", "\"grade\": 1 2", 1)),
        ("a minus apart", file.replacen("\"grade\": 12", "\"grade\": - 12", 1)),
        ("two words apart", file.replacen(": false", ": fal se", 1)),
        ("a number then a line break then a number", file.replacen("\"schema_version\": 2", "\"schema_version\": 2\n0", 1)),
        ("an unclosed text", file[..file.len() / 2].to_string() + "\"abc"),
        ("an escaped letter in an envelope key", file.replacen("\"format\"", "\"form\\u0061t\"", 1)),
        ("a text too long in the ward", edited(|d| d.ward.name = "a".repeat(MAX_NAME_CHARS + 1))),
    ];
    for (what, text) in cases {
        let bytes = text.as_bytes();
        assert!(text != file, "{what}: nothing changed");
        assert!(!fast(bytes), "{what} took the fast path");
        assert_eq!(load(bytes, today()), careful(bytes), "{what}");
    }
}

#[test]
fn layout_spelling_and_field_order_do_not_matter() {
    let file = export_ward(demo());
    let first_name = demo().candidates[0].full_name.clone();
    let cases: Vec<(&str, String)> = vec![
        ("four-space indent", file.replace("\n  ", "\n    ")),
        ("CRLF", file.replace('\n', "\r\n")),
        ("one line", file.replace('\n', "")),
        ("an escaped letter", file.replacen(&format!("\"{first_name}\""), &ascii_escaped(&first_name), 1)),
        ("sorted fields", changed(|_| ())),
        ("a float spelled otherwise", file.replacen("\"development_benchmark\": [", "\"development_benchmark\": [ ", 1)),
        ("tabs and spaces around every token", file.replace(",\n", " ,\n\t").replace("[\n", "\t[ \r\n").replace("{\n", "{\t\n")),
    ];
    for (what, text) in cases {
        let bytes = text.as_bytes();
        assert!(fast(bytes), "{what} went the careful way");
        let loaded = load(bytes, today());
        assert_eq!(loaded, careful(bytes), "{what}");
        assert_eq!(&loaded.unwrap().data, demo(), "{what}");
    }
}

#[test]
fn a_repeated_key_in_a_map_is_refused_as_before() {
    let file = export_ward(demo());
    let text = file.replacen("\"members_by_year\": {", "\"members_by_year\": {\n \"2020\": 1,\n \"2020\": 2,", 1);
    assert!(matches!(load(text.as_bytes(), today()), Err(LoadError::RepeatedKey { .. })));
}

#[test]
fn the_layout_pass_gives_the_same_text_whatever_its_slices() {
    let file = export_ward(demo());
    let whole = crate::format::loading::compacted_in_slices(&file, usize::MAX).expect("an own file passes");
    assert!(whole.len() < file.len() * 3 / 4, "the layout is dropped");
    let value = |t: &str| serde_json::from_str::<Value>(t).unwrap();
    assert_eq!(value(&whole), value(&file));
    for slice in [1, 2, 7, 4096] {
        assert_eq!(crate::format::loading::compacted_in_slices(&file, slice).as_deref(), Some(whole.as_str()), "slices of {slice}");
    }
    // A gap that would join two tokens is found wherever a slice ends.
    let joined = file.replacen("\"grade\": 12", "\"grade\": 1  2", 1);
    for slice in [1, 2, 3, 5, usize::MAX] {
        assert_eq!(crate::format::loading::compacted_in_slices(&joined, slice), None, "slices of {slice}");
    }
}
