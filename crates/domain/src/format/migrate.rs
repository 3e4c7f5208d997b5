//! Step-by-step migrations of older files (tldraw's numbered sequence, Actual's "fail loudly").
//!
//! `MIGRATIONS[n - 1]` turns a version-`n` envelope into a version-`n + 1` envelope (the whole
//! JSON object, so a step may change the envelope as well as `data`). The loader runs them in
//! order from the file's version to [`SCHEMA_VERSION`](super::SCHEMA_VERSION) and sets
//! `schema_version` after each step. Version 1 is the first released format, so the table is
//! empty; `docs/file-format.md` says how to add the v1 → v2 step and its fixture.

use super::LoadError;
use serde_json::Value;

/// One migration step: a version-n envelope in, a version-(n+1) envelope out, or a reason.
pub type Migration = fn(Value) -> Result<Value, String>;

/// The migrations, in order: entry `i` migrates version `i + 1` to `i + 2`.
/// A test checks that `MIGRATIONS.len() == SCHEMA_VERSION - 1`.
pub const MIGRATIONS: &[Migration] = &[];

/// Runs `table` on `envelope` from version `from` to version `to` (`from ≤ to`, both ≥ 1, and
/// `table.len() ≥ to - 1`), setting `schema_version` after each step.
pub(crate) fn migrate_with(table: &[Migration], mut envelope: Value, from: u32, to: u32) -> Result<Value, LoadError> {
    for version in from..to {
        let step = table.get(version as usize - 1).ok_or(LoadError::MigrationFailed {
            from: version,
            to: version + 1,
            detail: "thiếu bước chuyển đổi".into(),
        })?;
        envelope = step(envelope).map_err(|detail| LoadError::MigrationFailed { from: version, to: version + 1, detail })?;
        match envelope.as_object_mut() {
            Some(obj) => {
                obj.insert("schema_version".into(), Value::from(version + 1));
            }
            None => {
                return Err(LoadError::MigrationFailed {
                    from: version,
                    to: version + 1,
                    detail: "kết quả không phải một đối tượng".into(),
                })
            }
        }
    }
    Ok(envelope)
}

#[cfg(test)]
mod tests {
    use super::super::SCHEMA_VERSION;
    use super::*;
    use serde_json::json;

    #[test]
    fn one_migration_per_version_step() {
        assert_eq!(MIGRATIONS.len(), SCHEMA_VERSION as usize - 1);
    }

    // A test-only chain v1 → v2 → v3 → v4 exercising the machinery the real table will use.
    fn rename_cells(mut v: Value) -> Result<Value, String> {
        let data = v.get_mut("data").and_then(Value::as_object_mut).ok_or("thiếu data")?;
        let cells = data.remove("chi_bo").ok_or("thiếu chi_bo")?;
        data.insert("cells".into(), cells);
        Ok(v)
    }
    fn add_log(mut v: Value) -> Result<Value, String> {
        v["data"]["log"] = json!(["v2→v3"]);
        Ok(v)
    }
    fn append_log(mut v: Value) -> Result<Value, String> {
        v["data"]["log"].as_array_mut().ok_or("thiếu log")?.push(json!("v3→v4"));
        Ok(v)
    }
    const TEST_CHAIN: &[Migration] = &[rename_cells, add_log, append_log];

    fn v1() -> Value {
        json!({ "format": "ptdv", "schema_version": 1, "data": { "chi_bo": [1, 2] } })
    }

    #[test]
    fn chain_runs_every_step_in_order_and_stamps_the_version() {
        let out = migrate_with(TEST_CHAIN, v1(), 1, 4).unwrap();
        assert_eq!(out["schema_version"], 4);
        assert_eq!(out["data"]["cells"], json!([1, 2]));
        assert_eq!(out["data"]["log"], json!(["v2→v3", "v3→v4"]));
    }

    #[test]
    fn chain_starts_at_the_file_version() {
        let v3 = json!({ "schema_version": 3, "data": { "log": ["v2→v3"] } });
        let out = migrate_with(TEST_CHAIN, v3, 3, 4).unwrap();
        assert_eq!(out["data"]["log"], json!(["v2→v3", "v3→v4"]));
        // Already current: nothing runs.
        let same = migrate_with(TEST_CHAIN, v1(), 4, 4).unwrap();
        assert_eq!(same, v1());
    }

    #[test]
    fn failing_step_names_its_versions() {
        let bad = json!({ "schema_version": 1, "data": {} });
        let err = migrate_with(TEST_CHAIN, bad, 1, 4).unwrap_err();
        assert_eq!(err, LoadError::MigrationFailed { from: 1, to: 2, detail: "thiếu chi_bo".into() });
        assert!(err.to_string().contains("phiên bản 1 sang 2"), "{err}");
        let short = migrate_with(&TEST_CHAIN[..1], v1(), 1, 3).unwrap_err();
        assert!(matches!(short, LoadError::MigrationFailed { from: 2, to: 3, .. }));
    }
}
