use super::*;
use crate::changes::{CREATED, DELETED};
use crate::records::testkit::*;

/// Typed values, the key of the error, its message.
type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);

fn new_cell_values() -> Values {
    vals(&[
        ("code", "TDP05"),
        ("name", "Chi bộ Tổ dân phố số 5"),
        ("kind", "khu_dan_cu"),
        ("level", "truc_thuoc"),
        ("secretary", "Phạm Văn Đức"),
        ("residential_areas", "Tổ dân phố số 5\n\n  Tổ dân phố số 6 \n"),
    ])
}

#[test]
fn fields_have_the_documented_keys_and_choices() {
    let data = ward();
    let f = fields(&data);
    let keys: Vec<&str> = f.iter().map(|f| f.key).collect();
    assert_eq!(
        keys,
        ["code", "name", "kind", "level", "grassroots", "committee_member_in_charge", "secretary", "residential_areas", "no_masses_left"]
    );
    assert!(f[1].required && f[2].required && !f[0].required);
    let FieldKind::Choice(kinds) = &f[2].kind else { panic!() };
    assert_eq!(kinds.len(), CellKind::ALL.len());
    assert_eq!(kinds[0], ("khu_dan_cu".to_string(), "Tổ dân phố, khu dân cư".to_string()));
    let FieldKind::Choice(levels) = &f[3].kind else { panic!() };
    assert_eq!(levels[0].1, "Chi bộ trực thuộc Đảng ủy phường");
    assert_eq!(new_values()["level"], "truc_thuoc");
}

#[test]
fn save_cell_creates_a_cell_and_logs_it() {
    let mut data = ward();
    let id = save_cell(&mut data, None, &new_cell_values(), now()).unwrap();
    assert_eq!(id.as_str(), "cb-chi-bo-to-dan-pho-so-5");
    let c = data.cell(&id).unwrap();
    assert_eq!(c.name, "Chi bộ Tổ dân phố số 5");
    assert_eq!(c.kind, CellKind::KhuDanCu);
    assert_eq!(c.residential_areas, ["Tổ dân phố số 5", "Tổ dân phố số 6"]);
    assert_eq!(c.grassroots, None);
    assert_eq!((c.created_at, c.updated_at), (now(), now()));
    let log = data.changes.entries();
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].kind, log[0].id.as_str(), log[0].field.as_str()), (RecordKind::Cell, id.as_str(), CREATED));
    // The values read back are the ones typed (cleaned).
    let v = values_of(c);
    assert_eq!(v["residential_areas"], "Tổ dân phố số 5\nTổ dân phố số 6");
    assert_eq!(v["kind"], "khu_dan_cu");
    // Another name with the same slug gets a counter.
    let mut other = new_cell_values();
    other.insert("name".into(), "Chi bộ Tổ dân phố số 5.".into());
    other.insert("code".into(), "".into());
    assert_eq!(save_cell(&mut data, None, &other, now()).unwrap().as_str(), "cb-chi-bo-to-dan-pho-so-5-2");
    // The same name once folded is refused.
    other.insert("name".into(), " CHI BỘ  TỔ DÂN PHỐ SỐ 5 ".into());
    let e = save_cell(&mut data, None, &other, now()).unwrap_err();
    assert_eq!(keys(&e), ["name"], "same name once folded: {e:?}");
}

#[test]
fn save_cell_edits_and_logs_only_what_changed() {
    let mut data = ward();
    let id = CellId::new("cb-1");
    let mut v = values_of(data.cell(&id).unwrap());
    // Unchanged: nothing written.
    assert_eq!(save_cell(&mut data, Some(&id), &v, now()), Ok(id.clone()));
    assert!(data.changes.is_empty());
    assert_eq!(data.cell(&id).unwrap().updated_at, earlier());
    v.insert("secretary".into(), "Hoàng Văn Nam".into());
    save_cell(&mut data, Some(&id), &v, now()).unwrap();
    let c = data.cell(&id).unwrap();
    assert_eq!((c.secretary.as_str(), c.created_at, c.updated_at), ("Hoàng Văn Nam", earlier(), now()));
    let log = data.changes.entries();
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].field.as_str(), log[0].new.as_deref()), ("secretary", Some("Hoàng Văn Nam")));
    // Its own name and code are not duplicates of itself.
    v.insert("name".into(), "chi bo to dan pho so 1".into());
    assert!(save_cell(&mut data, Some(&id), &v, now()).is_ok());
}

#[test]
fn save_cell_reports_each_error_and_changes_nothing() {
    let data0 = ward();
    let cases: Vec<Case> = vec![
        (vec![("kind", "khu_dan_cu")], "name", "Chưa nhập tên chi bộ."),
        (vec![("name", "Chi bộ mới")], "kind", "Chưa chọn loại chi bộ."),
        (vec![("name", "Chi bộ mới"), ("kind", "nha_tho")], "kind", BAD_CHOICE),
        (vec![("name", "Chi bộ mới"), ("kind", "khu_dan_cu"), ("level", "xa")], "level", BAD_CHOICE),
        (
            vec![("name", "CHI BỘ TỔ DÂN PHỐ SỐ 1"), ("kind", "khu_dan_cu")],
            "name",
            "Đã có chi bộ tên “Chi bộ Tổ dân phố số 1”; hãy đặt tên khác.",
        ),
        (
            vec![("name", "Chi bộ mới"), ("code", "tdp01"), ("kind", "khu_dan_cu")],
            "code",
            "Mã “TDP01” đã dùng cho “Chi bộ Tổ dân phố số 1”.",
        ),
        (
            vec![("name", "Chi bộ mới"), ("kind", "truong_hoc"), ("level", "trong_dang_bo_co_so")],
            "grassroots",
            "Chưa nhập tên đảng bộ cơ sở mà chi bộ trực thuộc.",
        ),
        (
            vec![("name", "Chi bộ mới"), ("kind", "khu_dan_cu"), ("level", "trong_dang_bo_co_so"), ("grassroots", "Đảng bộ X")],
            "level",
            "Chi bộ tổ dân phố, khu dân cư chỉ có thể là chi bộ trực thuộc Đảng ủy phường (Quy định 294-QĐ/TW, mục 20.2.2).",
        ),
        (vec![("name", "Chi bộ\u{202E}mới"), ("kind", "khu_dan_cu")], "name", "Có ký tự không hợp lệ (ký tự điều khiển); hãy gõ lại."),
    ];
    for (pairs, key, msg) in cases {
        let mut data = data0.clone();
        let e = save_cell(&mut data, None, &vals(&pairs), now()).unwrap_err();
        assert_eq!(keys(&e), [key], "{pairs:?}");
        assert_eq!(message(&e, key), msg);
        assert_eq!(data, data0);
    }
    let long = "x".repeat(201);
    let mut data = data0.clone();
    let e = save_cell(&mut data, None, &vals(&[("name", &long), ("kind", "khac")]), now()).unwrap_err();
    assert_eq!(message(&e, "name"), "Quá dài: tối đa 200 ký tự.");
    // Archived cells still hold their name.
    let mut data = data0.clone();
    data.cells[0].archived = true;
    let e = save_cell(&mut data, None, &vals(&[("name", "Chi bộ Tổ dân phố số 1"), ("kind", "khac")]), now()).unwrap_err();
    assert!(message(&e, "name").contains("(đã lưu trữ)"));
    // Editing a cell that is gone.
    let mut data = data0.clone();
    let e = save_cell(&mut data, Some(&CellId::new("nope")), &new_cell_values(), now()).unwrap_err();
    assert_eq!(keys(&e), [""]);
    assert_eq!(data, data0);
}

#[test]
fn a_cell_inside_a_grassroots_organisation_keeps_its_name() {
    let mut data = ward();
    let v = vals(&[
        ("name", "Chi bộ Giáo viên"),
        ("kind", "truong_hoc"),
        ("level", "trong_dang_bo_co_so"),
        ("grassroots", "Đảng bộ Trường THPT Lê Quý Đôn"),
    ]);
    let id = save_cell(&mut data, None, &v, now()).unwrap();
    assert_eq!(data.cell(&id).unwrap().grassroots.as_deref(), Some("Đảng bộ Trường THPT Lê Quý Đôn"));
    // Back to directly under the ward: the grassroots name goes.
    let mut v = values_of(data.cell(&id).unwrap());
    v.insert("level".into(), "truc_thuoc".into());
    save_cell(&mut data, Some(&id), &v, now()).unwrap();
    assert_eq!(data.cell(&id).unwrap().grassroots, None);
}

#[test]
fn archiving_never_deletes_and_is_logged() {
    let mut data = ward();
    let id = CellId::new("cb-1");
    set_archived(&mut data, &id, true, now()).unwrap();
    assert!(data.cell(&id).unwrap().archived);
    assert_eq!(data.cells.len(), 2);
    assert_eq!(data.changes.len(), 1);
    assert_eq!(data.changes.entries()[0].field, "archived");
    // Same state again: nothing.
    set_archived(&mut data, &id, true, now()).unwrap();
    assert_eq!(data.changes.len(), 1);
    set_archived(&mut data, &id, false, now()).unwrap();
    assert!(!data.cell(&id).unwrap().archived);
    assert_eq!(data.changes.len(), 2);
    assert!(set_archived(&mut data, &CellId::new("nope"), true, now()).is_err());
}

#[test]
fn delete_is_refused_while_records_point_at_the_cell() {
    let data0 = ward();
    let mut data = data0.clone();
    let e = delete_cell(&mut data, &CellId::new("cb-1"), now()).unwrap_err();
    assert_eq!(e, "“Chi bộ Tổ dân phố số 1” đã có 1 quần chúng và 2 đảng viên nên chỉ có thể lưu trữ, không xóa.");
    assert_eq!(data, data0);
    // A target alone is enough.
    data.targets.push(Target {
        id: TargetId::new("ct-2026-thcs"),
        period: TargetPeriod::Year { year: 2026 },
        scope: TargetScope::Cell { cell_id: CellId::new("cb-2") },
        value: 2,
        assigned_by: String::new(),
        document: String::new(),
        created_at: earlier(),
        updated_at: earlier(),
    });
    let e = delete_cell(&mut data, &CellId::new("cb-2"), now()).unwrap_err();
    assert!(e.contains("1 chỉ tiêu kết nạp"), "{e}");
    data.targets.clear();
    // Nothing points at cb-2 now: deleted, logged, taken out of the Youth Union setting.
    data.ward.settings.local.cells_without_youth_union.push(CellId::new("cb-2"));
    delete_cell(&mut data, &CellId::new("cb-2"), now()).unwrap();
    assert!(data.cell(&CellId::new("cb-2")).is_none());
    assert!(data.ward.settings.local.cells_without_youth_union.is_empty());
    let fields: Vec<(&str, &str)> = data.changes.entries().iter().map(|c| (c.id.as_str(), c.field.as_str())).collect();
    assert_eq!(fields[0], ("cb-2", DELETED));
    assert_eq!(fields[1].0, "hoa-an");
    assert!(delete_cell(&mut data, &CellId::new("cb-2"), now()).is_err());
}

#[test]
fn cell_year_writes_counts_and_the_one_target() {
    let mut data = ward();
    let id = CellId::new("cb-1");
    assert_eq!(year_fields().iter().map(|f| f.key).collect::<Vec<_>>(), ["full_members", "probationary_members", "target"]);
    let v = vals(&[("full_members", "42"), ("probationary_members", "3"), ("target", "2")]);
    save_cell_year(&mut data, &id, 2026, &v, now()).unwrap();
    let c = data.cell(&id).unwrap();
    assert_eq!(c.members_by_year[&2026], CellYear { full_members: 42, probationary_members: 3 });
    assert_eq!(c.updated_at, now());
    assert_eq!(data.targets.len(), 1);
    let t = &data.targets[0];
    assert_eq!((t.id.as_str(), t.value, t.assigned_by.as_str()), ("ct-2026-tdp01", 2, "Đảng ủy phường Hòa An"));
    assert_eq!(t.scope, TargetScope::Cell { cell_id: id.clone() });
    assert_eq!(year_values(&data, &id, 2026), v);
    assert_eq!(yearly_targets(&data, &id), std::collections::BTreeMap::from([(2026, 2)]));
    let n = data.changes.len();
    // Two counts of the cell, the new target.
    assert_eq!(n, 3, "{:?}", data.changes);
    // The target is updated, not added; statistics read it.
    let v2 = vals(&[("full_members", "42"), ("probationary_members", "3"), ("target", "4")]);
    save_cell_year(&mut data, &id, 2026, &v2, now()).unwrap();
    assert_eq!(data.targets.len(), 1);
    assert_eq!(data.targets[0].value, 4);
    assert_eq!(yearly_targets(&data, &id)[&2026], 4);
    assert_eq!(data.changes.len(), n + 1);
    let balance = crate::statistics::target_balance(&data, 2026);
    assert_eq!((balance.cells_sum, balance.cells_with_target), (4, 1));
    // Cleared: the target and the year's counts go.
    save_cell_year(&mut data, &id, 2026, &Values::new(), now()).unwrap();
    assert!(data.targets.is_empty());
    assert!(data.cell(&id).unwrap().members_by_year.is_empty());
    assert!(data.changes.entries().iter().any(|c| c.field == DELETED && c.id == "ct-2026-tdp01"));
}

#[test]
fn cell_year_errors_leave_data_unchanged() {
    let data0 = ward();
    let id = CellId::new("cb-1");
    for (pairs, key, msg) in [
        (vec![("full_members", "10")], "probationary_members", "Chưa nhập số đảng viên dự bị (ghi 0 nếu không có)."),
        (vec![("probationary_members", "1")], "full_members", "Chưa nhập số đảng viên chính thức."),
        (
            vec![("full_members", "10"), ("probationary_members", "0"), ("target", "hai")],
            "target",
            "“hai” không phải là một số nguyên (ví dụ: 12).",
        ),
    ] {
        let mut data = data0.clone();
        let e = save_cell_year(&mut data, &id, 2026, &vals(&pairs), now()).unwrap_err();
        assert_eq!(keys(&e), [key]);
        assert_eq!(message(&e, key), msg);
        assert_eq!(data, data0);
    }
    let mut data = data0.clone();
    assert_eq!(keys(&save_cell_year(&mut data, &id, 1800, &Values::new(), now()).unwrap_err()), [""]);
    assert_eq!(keys(&save_cell_year(&mut data, &CellId::new("x"), 2026, &Values::new(), now()).unwrap_err()), [""]);
    assert_eq!(data, data0);
}

#[test]
fn ward_target_is_created_updated_and_removed() {
    let mut data = ward();
    assert_eq!(ward_target_values(&data, 2026)["assigned_by"], "Tỉnh ủy Thái Nguyên");
    let v = vals(&[("target", "43"), ("assigned_by", "Tỉnh ủy Thái Nguyên"), ("document", "Số 12-NQ/TU ngày 15/01/2026")]);
    save_ward_target(&mut data, 2026, &v, now()).unwrap();
    assert_eq!(data.targets.len(), 1);
    assert_eq!(data.targets[0].id.as_str(), "ct-2026-phuong");
    assert_eq!(data.targets[0].scope, TargetScope::Ward);
    assert_eq!(ward_target_values(&data, 2026), v);
    assert_eq!(crate::statistics::target_balance(&data, 2026).ward, Some(43));
    // Saving the same again writes nothing.
    let n = data.changes.len();
    save_ward_target(&mut data, 2026, &v, now()).unwrap();
    assert_eq!(data.changes.len(), n);
    let e = save_ward_target(&mut data, 2026, &vals(&[("target", "-1")]), now()).unwrap_err();
    assert_eq!(keys(&e), ["target"]);
    save_ward_target(&mut data, 2026, &Values::new(), now()).unwrap();
    assert!(data.targets.is_empty());
}

#[test]
fn demo_cells_can_be_edited_and_the_ward_still_validates() {
    let mut data = crate::demo::demo_ward(today(), now());
    let id = data.cells[3].id.clone();
    let mut v = values_of(&data.cells[3]);
    v.insert("committee_member_in_charge".into(), "Người mới".into());
    save_cell(&mut data, Some(&id), &v, now()).unwrap();
    // The demo's own targets are updated in place (same ids).
    let ids: Vec<String> = data.targets.iter().map(|t| t.id.to_string()).collect();
    let mut y = year_values(&data, &id, 2026);
    y.insert("target".into(), "9".into());
    save_cell_year(&mut data, &id, 2026, &y, now()).unwrap();
    assert_eq!(data.targets.iter().map(|t| t.id.to_string()).collect::<Vec<_>>(), ids);
    let mut w = ward_target_values(&data, 2026);
    w.insert("target".into(), "50".into());
    save_ward_target(&mut data, 2026, &w, now()).unwrap();
    assert_eq!(data.targets.iter().map(|t| t.id.to_string()).collect::<Vec<_>>(), ids);
    assert!(crate::format::validate(&data, today()).is_ok());
}
