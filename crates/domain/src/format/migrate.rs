//! Step-by-step migrations of older files (tldraw's numbered sequence, Actual's "fail loudly").
//!
//! `MIGRATIONS[n - 1]` turns a version-`n` envelope into a version-`n + 1` envelope (the whole
//! JSON object, so a step may change the envelope as well as `data`). The loader runs them in
//! order from the file's version to [`SCHEMA_VERSION`](super::SCHEMA_VERSION) and sets
//! `schema_version` after each step. `docs/file-format.md` says how to add a step and its
//! fixtures, and what each version changed.

use super::LoadError;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// One migration step: a version-n envelope in, a version-(n+1) envelope out, or a reason.
pub type Migration = fn(Value) -> Result<Value, String>;

/// The migrations, in order: entry `i` migrates version `i + 1` to `i + 2`.
/// A test checks that `MIGRATIONS.len() == SCHEMA_VERSION - 1`.
pub const MIGRATIONS: &[Migration] = &[v1_to_v2];

/// The nine occupations of version 1 with the labels version 1 showed.
pub const V1_OCCUPATIONS: [(&str, &str); 9] = [
    ("can_bo_cong_chuc", "Cán bộ, công chức"),
    ("vien_chuc", "Viên chức"),
    ("cong_nhan_lao_dong", "Công nhân, người lao động"),
    ("nong_dan", "Nông dân"),
    ("luc_luong_vu_trang", "Lực lượng vũ trang"),
    ("hoc_sinh_sinh_vien", "Học sinh, sinh viên"),
    ("chu_doanh_nghiep", "Chủ doanh nghiệp tư nhân"),
    ("huu_tri", "Hưu trí, nghỉ việc"),
    ("khac", "Khác"),
];

fn v1_label(code: &str) -> Option<&'static str> {
    V1_OCCUPATIONS.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// Version 1 → 2: the occupations become the rows of Biểu 2-BTCTW (docs/file-format.md,
/// "Changes in version 2"). Each old value goes to the row it must mean; where it can mean
/// several, the most likely one from the person's other fields, and the candidate is marked
/// `occupation_review` with the old value and the reason. A "Chủ doanh nghiệp tư nhân" also
/// gets the target group of that name (the form counts it under I). The change log's old
/// occupation codes become the labels version 1 showed. Values version 1 did not know are left
/// for the record check to name.
pub fn v1_to_v2(mut envelope: Value) -> Result<Value, String> {
    // A file without its data is the loader's to refuse, with its own message.
    let Some(data) = envelope.get_mut("data").and_then(Value::as_object_mut) else { return Ok(envelope) };
    let cell_kinds: HashMap<String, String> = data
        .get("cells")
        .and_then(Value::as_array)
        .map(|cells| {
            cells.iter().filter_map(|c| Some((c.get("id")?.as_str()?.to_string(), c.get("kind")?.as_str()?.to_string()))).collect()
        })
        .unwrap_or_default();
    if let Some(candidates) = data.get_mut("candidates").and_then(Value::as_array_mut) {
        for c in candidates.iter_mut().filter_map(Value::as_object_mut) {
            migrate_occupation(c, &cell_kinds);
        }
    }
    if let Some(changes) = data.get_mut("changes").and_then(Value::as_array_mut) {
        for change in changes.iter_mut().filter_map(Value::as_object_mut) {
            if change.get("field").and_then(Value::as_str) != Some("occupation") {
                continue;
            }
            for side in ["old", "new"] {
                if let Some(label) = change.get(side).and_then(Value::as_str).and_then(v1_label) {
                    change.insert(side.into(), Value::from(label));
                }
            }
        }
    }
    Ok(envelope)
}

fn strings<'a>(c: &'a Map<String, Value>, key: &str) -> impl Iterator<Item = &'a str> {
    c.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
}

/// The v2 row of one v1 candidate, and the reason when it is a guess.
fn occupation_v2(c: &Map<String, Value>, old: &str, cell_kinds: &HashMap<String, String>) -> Option<(&'static str, Option<String>)> {
    let has_source = |s: &str| strings(c, "sources").any(|x| x == s);
    let has_group = |g: &str| strings(c, "groups").any(|x| x == g);
    let cell_kind = c.get("cell_id").and_then(Value::as_str).and_then(|id| cell_kinds.get(id)).map(String::as_str);
    Some(match old {
        "vien_chuc" => ("vien_chuc", None),
        "nong_dan" => ("nong_lam_ngu", None),
        // Militia and reserve are not the army or the police (row 9): their own work is unknown.
        "luc_luong_vu_trang" if ["dan_quan_tu_ve", "du_bi_dong_vien"].iter().any(|m| has_source(m) || has_group(m)) => (
            "khac",
            Some("thuộc dân quân tự vệ hoặc dự bị động viên, không phải sĩ quan, chiến sĩ quân đội, công an; tạm xếp vào dòng 12".into()),
        ),
        "luc_luong_vu_trang" => ("luc_luong_vu_trang", None),
        "chu_doanh_nghiep" => ("quan_ly_doanh_nghiep", None),
        "huu_tri" => ("khac", None),
        "khac" if has_source("can_bo_khong_chuyen_trach") || has_source("y_te_thon_ban") => (
            "khong_chuyen_trach_thon",
            Some("được giới thiệu từ cán bộ không chuyên trách hoặc y tế thôn, tổ dân phố nên tạm xếp vào dòng 4".into()),
        ),
        "khac" => ("khac", None),
        "can_bo_cong_chuc" => {
            if matches!(cell_kind, Some("co_quan_dang" | "chinh_quyen")) {
                ("can_bo_cap_xa", Some("sinh hoạt ở chi bộ cơ quan của phường, xã nên tạm xếp vào dòng 3".into()))
            } else if has_source("can_bo_khong_chuyen_trach") {
                ("can_bo_cap_xa", Some("được giới thiệu từ cán bộ không chuyên trách nên tạm xếp vào dòng 3".into()))
            } else {
                ("cong_chuc_nha_nuoc", Some("không rõ làm ở cơ quan Nhà nước hay cơ quan Đảng, đoàn thể; tạm xếp vào dòng 1".into()))
            }
        }
        "cong_nhan_lao_dong" => {
            let graduate = matches!(c.get("qualification").and_then(Value::as_str), Some("dai_hoc" | "thac_si" | "tien_si"));
            if graduate {
                (
                    "nhan_vien_doanh_nghiep",
                    Some("có trình độ đại học trở lên nên tạm xếp vào dòng 7 – nhân viên, lao động gián tiếp".into()),
                )
            } else {
                (
                    "cong_nhan_doanh_nghiep",
                    Some("tạm xếp vào dòng 7 – công nhân, lao động trực tiếp sản xuất; người lao động tự do thuộc dòng 12".into()),
                )
            }
        }
        "hoc_sinh_sinh_vien" => {
            let grade = c.get("education").and_then(|e| e.get("grade")).and_then(Value::as_u64).unwrap_or(0);
            let system = c.get("education").and_then(|e| e.get("system")).and_then(Value::as_u64).unwrap_or(12);
            if has_group("hoc_sinh_thpt") || has_source("hoc_sinh_thpt") {
                ("hoc_sinh", Some("thuộc đối tượng hoặc nguồn học sinh THPT nên tạm xếp vào dòng 11".into()))
            } else if has_group("sinh_vien") || has_source("sinh_vien") {
                ("sinh_vien", Some("thuộc đối tượng hoặc nguồn sinh viên nên tạm xếp vào dòng 10".into()))
            } else if system > 0 && grade >= system {
                ("sinh_vien", Some("đã tốt nghiệp phổ thông nên tạm xếp vào dòng 10 (sinh viên)".into()))
            } else {
                ("hoc_sinh", Some("chưa tốt nghiệp phổ thông nên tạm xếp vào dòng 11 (học sinh)".into()))
            }
        }
        _ => return None,
    })
}

fn migrate_occupation(c: &mut Map<String, Value>, cell_kinds: &HashMap<String, String>) {
    let Some(old) = c.get("occupation").and_then(Value::as_str).map(str::to_string) else { return };
    let Some((new, reason)) = occupation_v2(c, &old, cell_kinds) else { return };
    c.insert("occupation".into(), Value::from(new));
    if let (Some(reason), Some(was)) = (reason, v1_label(&old)) {
        let mut review = Map::new();
        review.insert("was".into(), Value::from(was));
        review.insert("reason".into(), Value::from(reason));
        c.insert("occupation_review".into(), Value::Object(review));
    }
    if old == "chu_doanh_nghiep" {
        let groups = c.entry("groups").or_insert_with(|| Value::Array(Vec::new()));
        if let Some(list) = groups.as_array_mut() {
            if !list.iter().any(|g| g == "chu_doanh_nghiep") {
                list.push(Value::from("chu_doanh_nghiep"));
            }
        }
    }
}

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
