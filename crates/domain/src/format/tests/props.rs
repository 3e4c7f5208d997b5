//! Property tests: export → load is the identity; merge keeps everything; the loader never
//! panics on arbitrary bytes, JSON-ish text, or mutations of a good file (bounded: they run in
//! the normal test command, a few seconds each).

use super::super::strategies::ward_data;
use super::*;
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::Value;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Whatever `load` returns for hostile input: a typed error with a message, or data that
/// round-trips.
fn check_outcome(bytes: &[u8]) -> Result<(), TestCaseError> {
    // The fast path gives what the careful one gives.
    let careful = super::super::load::load_with(bytes, today(), MIGRATIONS, SCHEMA_VERSION);
    prop_assert_eq!(&load(bytes, today()), &careful);
    match careful {
        Ok(l) => {
            let again = load(export_ward(&l.data).as_bytes(), today()).map(|x| x.data);
            prop_assert_eq!(again.as_ref(), Ok(&l.data));
        }
        Err(e) => {
            prop_assert!(!e.to_string().is_empty());
            prop_assert!(!e.variant().is_empty());
        }
    }
    Ok(())
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        select(vec![
            "2026-02-30",
            "2026-01-01",
            "1850-01-01",
            "2999-12-31",
            "NGUON",
            "CHI_BO_XET",
            "qc-0001",
            "cb-99",
            "dv-0002",
            "",
            "ptdv",
            "ptdv-encrypted",
            "2026-11-20T09:15:00Z"
        ])
        .prop_map(Value::from),
    ]
}

const KEYS: [&str; 20] = [
    "format",
    "schema_version",
    "data",
    "ward",
    "scope",
    "kind",
    "cell_id",
    "id",
    "name",
    "full_name",
    "cells",
    "candidates",
    "members",
    "classes",
    "targets",
    "stage",
    "process",
    "learners",
    "birth_date",
    "created_at",
];

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            btree_map(prop_oneof![select(KEYS.to_vec()).prop_map(String::from), "[a-z_]{0,8}"], inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Where each leaf value (a string, number, `true`, `false`, `null` following a key) lies in
/// a JSON text.
fn leaf_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = text[i..].find("\":").map(|k| i + k + 2) {
        let mut j = k;
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        let start = j;
        match b.get(j) {
            Some(b'"') => {
                j += 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                out.push(start..j + 1);
            }
            Some(c) if c.is_ascii_alphanumeric() || *c == b'-' => {
                while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b'\n') {
                    j += 1;
                }
                out.push(start..j);
            }
            _ => {}
        }
        i = k;
    }
    out
}

fn good_value() -> &'static Value {
    static V: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    V.get_or_init(|| serde_json::from_slice(&read("good/v1-small.json")).unwrap())
}

/// JSON pointers of every node of the good file.
fn pointers() -> &'static Vec<String> {
    static P: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        fn walk(v: &Value, at: String, out: &mut Vec<String>) {
            out.push(at.clone());
            match v {
                Value::Object(m) => m.iter().for_each(|(k, x)| walk(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out)),
                Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| walk(x, format!("{at}/{i}"), out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(good_value(), String::new(), &mut out);
        out.remove(0); // not the root
        out
    })
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn export_then_load_is_the_identity(d in ward_data()) {
        for text in [export_ward(&d), export_compact(&d, &ExportScope::Ward, "t", now()).unwrap()] {
            let loaded = load(text.as_bytes(), today());
            prop_assert!(loaded.is_ok(), "{}", loaded.as_ref().unwrap_err());
            let loaded = loaded.unwrap();
            prop_assert_eq!(&loaded.data, &d);
            prop_assert!(loaded.warnings.iter().all(|w| matches!(w, LoadWarning::SettingsUnknownCell { .. })), "{:?}", loaded.warnings);
        }
    }

    #[test]
    fn cell_files_load_on_their_own(d in ward_data(), pick in any::<Index>()) {
        let cell = d.cells[pick.index(d.cells.len())].id.clone();
        let text = export(&d, &ExportScope::Cell { cell_id: cell.clone() }, "t", now()).unwrap();
        let loaded = load(text.as_bytes(), today());
        prop_assert!(loaded.is_ok(), "{}", loaded.as_ref().unwrap_err());
        let sub = loaded.unwrap().data;
        prop_assert!(sub.candidates.iter().all(|c| c.cell_id == cell));
        // Merging a cell file back into its ward changes nothing.
        let (merged, conflicts) = merge(&d, &sub, today()).unwrap();
        prop_assert_eq!(merged, d);
        prop_assert!(conflicts.is_empty());
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn merging_with_itself_changes_nothing(d in ward_data()) {
        let p = preview(&d, &d);
        prop_assert_eq!(p.total_changes(), 0);
        prop_assert!(p.conflicts.is_empty());
        prop_assert_eq!(merge(&d, &d, today()).unwrap(), (d, vec![]));
    }

    #[test]
    fn merge_keeps_every_record_of_both_sides_and_is_idempotent(a in ward_data(), mut b in ward_data()) {
        b.ward.id = a.ward.id.clone();
        let (m, conflicts) = merge(&a, &b, today()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for c in a.candidates.iter().chain(&b.candidates) {
            prop_assert!(m.candidate(&c.id).is_some());
        }
        for c in a.cells.iter().chain(&b.cells) {
            prop_assert!(m.cell(&c.id).is_some());
        }
        for c in a.members.iter().chain(&b.members) {
            prop_assert!(m.member(&c.id).is_some());
        }
        for c in a.classes.iter().chain(&b.classes) {
            prop_assert!(m.class(&c.id).is_some());
        }
        for t in a.targets.iter().chain(&b.targets) {
            prop_assert!(m.targets.iter().any(|x| x.id == t.id));
        }
        // Every conflict is a record kept from `a` (current) that is at least as new.
        for c in &conflicts {
            prop_assert!(c.current_updated_at >= c.incoming_updated_at);
        }
        let (again, _) = merge(&m, &b, today()).unwrap();
        prop_assert_eq!(&again, &m);
        prop_assert_eq!(preview(&m, &b).total_changes(), 0);
    }
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn load_never_panics_on_bytes(bytes in vec(any::<u8>(), 0..600)) {
        check_outcome(&bytes)?;
    }

    #[test]
    fn load_never_panics_on_json_ish_text(s in r#"[{}\[\]":,0-9a-z_ .\-\\tfnrue]{0,300}"#) {
        check_outcome(s.as_bytes())?;
        check_outcome(format!("{{\"format\":\"ptdv\",\"schema_version\":1,{s}").as_bytes())?;
    }
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn load_never_panics_on_arbitrary_envelopes(version in json_leaf(), data in json_value(), scope in json_value()) {
        let v = serde_json::json!({
            "format": "ptdv", "schema_version": version, "app_version": "x", "exported_at": "2026-11-20T09:15:00Z",
            "ward": { "id": "dbp-hoa-an", "name": "Hòa An" }, "scope": scope, "data": data,
        });
        check_outcome(serde_json::to_string(&v).unwrap().as_bytes())?;
    }

    #[test]
    fn load_never_panics_when_a_node_of_a_good_file_is_replaced(at in any::<Index>(), with in json_value()) {
        let mut v = good_value().clone();
        let ptr = &pointers()[at.index(pointers().len())];
        *v.pointer_mut(ptr).unwrap() = with;
        check_outcome(serde_json::to_string(&v).unwrap().as_bytes())?;
    }

    #[test]
    fn load_agrees_both_ways_when_a_value_of_an_own_file_is_changed(
        at in any::<Index>(),
        with in prop_oneof![json_leaf(), select(vec![MAX_ID_CHARS + 1, MAX_NAME_CHARS + 1, MAX_TEXT_CHARS + 1]).prop_map(|n| Value::from("ă".repeat(n)))],
        pretty in any::<bool>(),
    ) {
        let text = if pretty { export_ward(&small()) } else { export_compact(&small(), &ExportScope::Ward, "t", now()).unwrap() };
        let spans = leaf_spans(&text);
        let r = spans[at.index(spans.len())].clone();
        let changed = format!("{}{}{}", &text[..r.start], serde_json::to_string(&with).unwrap(), &text[r.end..]);
        check_outcome(changed.as_bytes())?;
    }

    #[test]
    fn load_never_panics_when_a_node_of_a_good_file_is_removed(at in any::<Index>()) {
        let mut v = good_value().clone();
        let ptr = &pointers()[at.index(pointers().len())];
        let (parent, key) = ptr.rsplit_once('/').unwrap();
        match v.pointer_mut(parent).unwrap() {
            Value::Object(m) => { m.remove(&key.replace("~1", "/").replace("~0", "~")); }
            Value::Array(a) => { a.remove(key.parse::<usize>().unwrap()); }
            _ => {}
        }
        check_outcome(serde_json::to_string(&v).unwrap().as_bytes())?;
    }

    #[test]
    fn load_never_panics_on_byte_mutations_of_a_good_file(edits in vec((any::<Index>(), any::<u8>(), 0u8..3), 1..4)) {
        let mut bytes = read("good/v1-small.json");
        for (at, byte, op) in edits {
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ => { bytes.remove(i); }
            }
        }
        check_outcome(&bytes)?;
    }
}
