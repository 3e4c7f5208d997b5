use super::*;
use crate::changes::{CREATED, DELETED};
use crate::records::testkit::*;

fn new_member() -> Values {
    vals(&[
        ("full_name", "Đỗ Thị Quyên"),
        ("sex", "nu"),
        ("cell_id", "cb-1"),
        ("status", "chinh_thuc"),
        ("admitted_on", "03/02/2010"),
        ("official_on", "03/02/2011"),
    ])
}

#[test]
fn fields_list_cells_that_are_not_archived() {
    let mut data = ward();
    data.cells[1].archived = true;
    data.members[0].cell_id = CellId::new("cb-2");
    let keys: Vec<&str> = fields(&data, None).iter().map(|f| f.key).collect();
    assert_eq!(keys, ["full_name", "sex", "cell_id", "status", "admitted_on", "official_on"]);
    let FieldKind::Choice(cells) = &fields(&data, None)[2].kind else { panic!() };
    assert_eq!(cells, &[("cb-1".to_string(), "Chi bộ Tổ dân phố số 1".to_string())]);
    // The member's own archived cell stays a choice when editing.
    let FieldKind::Choice(cells) = &fields(&data, Some(&MemberId::new("dv-1")))[2].kind else { panic!() };
    assert_eq!(cells.len(), 2);
    assert_eq!(cells[1].1, "Chi bộ Trường THCS Hòa An (đã lưu trữ)");
    let FieldKind::Choice(statuses) = &fields(&data, None)[3].kind else { panic!() };
    assert_eq!(statuses.last().unwrap(), &("da_chuyen_di".to_string(), "Đã chuyển đi".to_string()));
    assert_eq!(new_values(Some(&CellId::new("cb-1")))["cell_id"], "cb-1");
}

#[test]
fn save_member_creates_edits_and_logs() {
    let mut data = ward();
    let id = save_member(&mut data, None, &new_member(), now()).unwrap();
    assert!(id.as_str().starts_with("dv-do-thi-quyen-"), "{id}");
    let m = data.member(&id).unwrap().clone();
    assert_eq!(
        (m.sex, m.status, m.admitted_on, m.official_on),
        (Some(Sex::Nu), MemberStatus::ChinhThuc, Some(d(2010, 2, 3)), Some(d(2011, 2, 3)))
    );
    assert_eq!((m.created_at, m.updated_at), (now(), now()));
    assert_eq!(values_of(&m), new_member());
    assert_eq!(data.changes.entries().last().unwrap().field, CREATED);
    // Same name again: another member (homonyms exist), another id.
    let id2 = save_member(&mut data, None, &new_member(), now()).unwrap();
    assert_ne!(id, id2);
    // Retire: status "Đã chuyển đi".
    let mut v = values_of(&m);
    v.insert("status".into(), "da_chuyen_di".into());
    save_member(&mut data, Some(&id), &v, now()).unwrap();
    assert_eq!(data.member(&id).unwrap().status, MemberStatus::DaChuyenDi);
    let last = data.changes.entries().last().unwrap();
    assert_eq!((last.field.as_str(), last.old.as_deref(), last.new.as_deref()), ("status", Some("chinh_thuc"), Some("da_chuyen_di")));
    // Unchanged: nothing written.
    let n = data.changes.len();
    save_member(&mut data, Some(&id), &v, later()).unwrap();
    assert_eq!(data.changes.len(), n);
    assert_eq!(data.member(&id).unwrap().updated_at, now());
}

#[test]
fn save_member_reports_each_error_and_changes_nothing() {
    let mut archived = ward();
    archived.cells[1].archived = true;
    let cases: Vec<(&str, &str, &str)> = vec![
        ("full_name", "", "Chưa nhập họ và tên."),
        ("cell_id", "", "Chưa chọn chi bộ."),
        ("cell_id", "cb-9", BAD_CHOICE),
        ("cell_id", "cb-2", "Chi bộ Trường THCS Hòa An đã được lưu trữ; hãy chọn chi bộ khác."),
        ("status", "", "Chưa chọn trạng thái."),
        ("sex", "khac", BAD_CHOICE),
        ("admitted_on", "31/02/2010", "Ngày 31/02/2010 không có thật: tháng 2 năm 2010 chỉ có 28 ngày."),
        ("admitted_on", "01/12/2026", "Ngày 01/12/2026 ở sau ngày hôm nay (22/11/2026)."),
        ("official_on", "01/01/2009", "Ngày công nhận chính thức (01/01/2009) trước ngày kết nạp (03/02/2010)."),
    ];
    for (key, value, msg) in cases {
        let mut data = archived.clone();
        let mut v = new_member();
        v.insert(key.into(), value.into());
        let e = save_member(&mut data, None, &v, now()).unwrap_err();
        assert_eq!(keys(&e), [key], "{key}={value}");
        assert_eq!(message(&e, key), msg);
        assert_eq!(data, archived);
    }
    let mut data = archived.clone();
    let mut v = new_member();
    v.insert("status".into(), "du_bi".into());
    let e = save_member(&mut data, None, &v, now()).unwrap_err();
    assert_eq!(keys(&e), ["official_on"]);
    let e = save_member(&mut data, Some(&MemberId::new("nope")), &new_member(), now()).unwrap_err();
    assert_eq!(keys(&e), [""]);
    assert_eq!(data, archived);
}

#[test]
fn delete_member_is_refused_while_a_candidate_names_them() {
    let data0 = ward();
    let mut data = data0.clone();
    let e = delete_member(&mut data, &MemberId::new("dv-1"), now()).unwrap_err();
    assert_eq!(
        e,
        "Không thể xóa đảng viên Trần Văn Bình: đang là người giúp đỡ hoặc giới thiệu của Nguyễn Thị Hoa. Nếu đảng viên đã \
         chuyển đi, hãy đổi trạng thái thành “Đã chuyển đi”."
    );
    assert_eq!(data, data0);
    // Introducers and probation helpers count too.
    let mut c = data.candidates[0].clone();
    c.process.sympathiser = None;
    c.process.dossier = Some(Dossier { opened_on: d(2026, 1, 1), union_introduction: None, introducers: vec![] });
    c.process.ceremony =
        Some(Ceremony { date: d(2026, 5, 1), place: String::new(), late_consent: None, helpers: vec![MemberId::new("dv-1")] });
    data.candidates[0] = c.clone();
    assert_eq!(referring_candidates(&data, &MemberId::new("dv-1")).len(), 1);
    c.process.ceremony = None;
    c.process.dossier.as_mut().unwrap().introducers.push(Introducer {
        member_id: MemberId::new("dv-2"),
        together_since: d(2020, 1, 1),
        replacement: false,
    });
    data.candidates[0] = c;
    assert_eq!(referring_candidates(&data, &MemberId::new("dv-2")).len(), 1);
    assert!(referring_candidates(&data, &MemberId::new("dv-1")).is_empty());
    delete_member(&mut data, &MemberId::new("dv-1"), now()).unwrap();
    assert!(data.member(&MemberId::new("dv-1")).is_none());
    let last = data.changes.entries().last().unwrap();
    assert_eq!((last.id.as_str(), last.field.as_str(), last.name.as_str()), ("dv-1", DELETED, "Trần Văn Bình"));
    assert!(delete_member(&mut data, &MemberId::new("dv-1"), now()).is_err());
}

#[test]
fn members_of_cell_are_in_given_name_order() {
    let mut data = ward();
    data.members.push(member("dv-3", "Nguyễn Văn Ánh", "cb-1", MemberStatus::DuBi));
    data.members.push(member("dv-4", "Phạm An", "cb-1", MemberStatus::DaChuyenDi));
    data.members.push(member("dv-5", "Vũ Văn Cường", "cb-2", MemberStatus::ChinhThuc));
    let names: Vec<&str> = members_of_cell(&data, &CellId::new("cb-1")).iter().map(|m| m.full_name.as_str()).collect();
    assert_eq!(names, ["Lê Thị An", "Phạm An", "Nguyễn Văn Ánh", "Trần Văn Bình"]);
    // On the demo ward: the same order as the fold of (given name, full name).
    let demo = crate::demo::demo_ward(today(), now());
    let cell = demo.cells.iter().max_by_key(|c| demo.members.iter().filter(|m| m.cell_id == c.id).count()).unwrap().id.clone();
    let list = members_of_cell(&demo, &cell);
    assert!(list.len() >= 3, "{}", list.len());
    assert!(list.windows(2).all(|w| name_key(&w[0].full_name) <= name_key(&w[1].full_name)));
}
