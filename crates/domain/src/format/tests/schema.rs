//! `docs/ptdv-file.schema.json` (JSON Schema draft 2020-12) describes what `export` writes:
//! checked with the `boon` validator (dev-dependency, pure Rust), with format assertions on.

use super::super::strategies::ward_data;
use super::*;
use crate::pipeline::{Stage, Step};
use proptest::prelude::*;
use serde_json::Value;

fn schema_value() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/ptdv-file.schema.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Validator {
    fn get() -> &'static Validator {
        static V: OnceLock<Validator> = OnceLock::new();
        V.get_or_init(|| {
            let mut schemas = boon::Schemas::new();
            let mut compiler = boon::Compiler::new();
            compiler.set_default_draft(boon::Draft::V2020_12);
            compiler.enable_format_assertions();
            let url = "file:///ptdv/docs/ptdv-file.schema.json";
            compiler.add_resource(url, schema_value()).unwrap();
            let index = compiler.compile(url, &mut schemas).unwrap_or_else(|e| panic!("{e:#}"));
            Validator { schemas, index }
        })
    }
    fn check(&self, text: &str) -> Result<(), String> {
        let v: Value = serde_json::from_str(text).unwrap();
        self.schemas.validate(&v, self.index).map_err(|e| format!("{e}"))
    }
}

fn must_match(label: &str, text: &str) {
    if let Err(e) = Validator::get().check(text) {
        panic!("{label} does not match docs/ptdv-file.schema.json (update the schema with the model):\n{e}");
    }
}

#[test]
fn exports_and_good_fixtures_match_the_schema() {
    must_match("small", &export_ward(&small()));
    must_match("demo", &export_ward(demo()));
    let cell = demo().cells[0].id.clone();
    must_match("demo cell file", &export(demo(), &ExportScope::Cell { cell_id: cell }, "t", now()).unwrap());
    // With a change log: every kind of entry (new record, leaves, steps, long values).
    let mut with_log = small();
    let before = with_log.candidates[1].clone();
    with_log.candidates[1].residence = format!("Tổ 3\n{}", "x".repeat(400));
    with_log.candidates[1].process.sympathiser = None;
    let after = with_log.candidates[1].clone();
    let mut changes = crate::changes::diff_record(RecordKind::Candidate, "qc-0002", &after.full_name, Some(&before), &after, now());
    changes.extend(crate::changes::diff_record(RecordKind::Cell, "cb-tdp01", "", None, &with_log.cells[0], now()));
    with_log.changes.append(changes);
    must_match("small with a change log", &export_ward(&with_log));
    for f in ["good/v2-small.json", "good/encrypted-v1.json"] {
        must_match(f, &String::from_utf8(read(f)).unwrap());
    }
    // The schema describes the current version: a v1 fixture matches once migrated.
    for f in ["good/v1-small.json", "good/v1-occupations.json", "good/markup-in-names.json", "good/cell-thcs.json"] {
        let mut v: Value = serde_json::from_slice(&read(f)).unwrap();
        assert_eq!(v["schema_version"], 1, "{f}");
        v = crate::format::v1_to_v2(v).unwrap();
        v["schema_version"] = SCHEMA_VERSION.into();
        must_match(&format!("{f} migrated to v{SCHEMA_VERSION}"), &v.to_string());
    }
}

#[test]
fn schema_refuses_some_bad_files() {
    // The shape-level defects (semantic ones — references, stages, dates — need the loader).
    for f in [
        "bad/missing-format.json",
        "bad/wrong-format.json",
        "bad/schema-999.json",
        "bad/schema-string.json",
        "bad/missing-data.json",
        "bad/unknown-stage.json",
        "bad/negative-count.json",
        "bad/missing-birth-date.json",
        "bad/ethnicity-99.json",
        "bad/control-character.json",
        "bad/overlong-string.json",
        "bad/exported-at-not-a-date.json",
        "bad/impossible-date.json",
        "bad/encrypted-10-iterations.json",
        "bad/encrypted-short-salt.json",
        "bad/encrypted-bad-base64.json",
    ] {
        let text = String::from_utf8(read(f)).unwrap();
        assert!(Validator::get().check(&text).is_err(), "{f} matches the schema");
    }
}

/// Every code of every enum is in the schema (catches a variant added to the model).
#[test]
fn schema_enums_list_every_code() {
    let s = schema_value();
    let codes = |def: &str| -> Vec<String> {
        s["$defs"][def]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("$defs/{def}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    fn ser<T: serde::Serialize>(xs: &[T]) -> Vec<String> {
        xs.iter().map(|x| serde_json::to_value(x).unwrap().as_str().unwrap().to_string()).collect()
    }
    assert_eq!(codes("Stage"), ser(&Stage::ALL));
    assert_eq!(codes("Step"), ser(&Step::ALL));
    assert_eq!(codes("UnitKind"), ser(&UnitKind::ALL));
    assert_eq!(codes("CellKind"), ser(&CellKind::ALL));
    assert_eq!(codes("Sex"), ser(&Sex::ALL));
    assert_eq!(codes("Occupation"), ser(&Occupation::ALL));
    assert_eq!(codes("AcademicTitle"), ser(&AcademicTitle::ALL));
    assert_eq!(codes("SourceOrg"), ser(&SourceOrg::ALL));
    assert_eq!(codes("Qualification"), ser(&Qualification::ALL));
    assert_eq!(codes("TargetGroup"), ser(&TargetGroup::ALL));
    assert_eq!(codes("RecordKind"), ser(&RecordKind::ALL));
    assert_eq!(codes("ExitKind"), ser(&[ExitKind::Withdrawn, ExitKind::MovedAway, ExitKind::StruckOff, ExitKind::DecisionCancelled]));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_exports_match_the_schema(d in ward_data()) {
        let text = export_ward(&d);
        let r = Validator::get().check(&text);
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
    }
}
