use super::*;
use crate::changes::CREATED;
use crate::pipeline::Step;
use crate::records::testkit::*;

fn person() -> Values {
    vals(&[
        ("full_name", " Hoàng Minh Khoa "),
        ("sex", "nam"),
        ("birth_date", "09/08/2001"),
        ("ethnicity", "2"),
        ("religion", ""),
        ("education", "12/12"),
        ("qualification", "dai_hoc"),
        ("occupation", "vien_chuc"),
        ("residence", "Tổ dân phố số 1"),
        ("cell_id", "cb-1"),
        ("sources", "doan_thanh_nien\ncong_doan"),
        ("youth_union_member", "true"),
        ("trade_union_member", ""),
        ("groups", "nguoi_co_dao"),
        ("source_date", "15/03/2026"),
        ("proposed_by", "Đoàn Thanh niên phường"),
    ])
}

#[test]
fn fields_differ_for_new_and_existing_candidates() {
    let data = ward();
    let new: Vec<&str> = fields(&data, None).iter().map(|f| f.key).collect();
    assert_eq!(
        new,
        [
            "full_name",
            "sex",
            "birth_date",
            "ethnicity",
            "religion",
            "education",
            "qualification",
            "academic_title",
            "occupation",
            "residence",
            "cell_id",
            "sources",
            "youth_union_member",
            "trade_union_member",
            "groups",
            "population_policy_violation",
            "foreign_marriage",
            "source_date",
            "proposed_by"
        ]
    );
    let edit = fields(&data, Some(&CandidateId::new("qc-1")));
    assert_eq!(edit.len(), 17);
    let FieldKind::Choice(eth) = &edit[3].kind else { panic!() };
    assert_eq!((eth.len(), eth[0].1.as_str(), eth[7].1.as_str()), (56, "Kinh", "Mông"));
    let FieldKind::Choice(edu) = &edit[5].kind else { panic!() };
    assert_eq!(edu[0].0, "12/12");
    assert_eq!(edu.len(), 13 + 11);
    assert!(edu.iter().all(|(v, _)| parse_education(v).is_some()));
    assert_eq!(parse_education("13/12"), None);
    assert_eq!(parse_education("7/9"), None);
    assert_eq!(new_values(None)["ethnicity"], "1");
    assert_eq!(new_values(None)["religion"], "Không");
}

#[test]
fn add_candidate_creates_at_source_pool_with_the_step() {
    let mut data = ward();
    let id = add_candidate(&mut data, &person(), today(), now()).unwrap();
    assert!(id.as_str().starts_with("qc-hoang-minh-khoa-"), "{id}");
    let c = data.candidate(&id).unwrap();
    assert_eq!(c.full_name, "Hoàng Minh Khoa");
    assert_eq!((c.sex, c.birth_date, c.ethnicity, c.religion.as_str()), (Sex::Nam, d(2001, 8, 9), Ethnicity(2), "Không"));
    assert_eq!(
        (c.education, c.qualification, c.occupation),
        (GeneralEducation { grade: 12, system: 12 }, Some(Qualification::DaiHoc), Occupation::VienChuc)
    );
    assert_eq!(c.sources, [SourceOrg::DoanThanhNien, SourceOrg::CongDoan]);
    assert_eq!(c.groups, [TargetGroup::NguoiCoDao]);
    assert!(c.youth_union_member && !c.trade_union_member);
    assert_eq!(c.stage, Stage::Nguon);
    let sp = c.process.source_pool.as_ref().unwrap();
    assert_eq!((sp.date, sp.proposed_by.as_str()), (d(2026, 3, 15), "Đoàn Thanh niên phường"));
    assert_eq!(c.history.len(), 1);
    assert_eq!((c.history[0].step, c.history[0].date, c.history[0].recorded_at), (Step::AddToSourcePool, d(2026, 3, 15), now()));
    assert_eq!((c.created_at, c.updated_at), (now(), now()));
    assert!(crate::pipeline::check_invariants(c).is_ok());
    let last = data.changes.entries().last().unwrap();
    assert_eq!((last.kind, last.id.as_str(), last.field.as_str()), (RecordKind::Candidate, id.as_str(), CREATED));
    // Round trip of the identity values.
    let v = values_of(data.candidate(&id).unwrap());
    let mut expected = person();
    expected.remove("source_date");
    expected.remove("proposed_by");
    expected.insert("full_name".into(), "Hoàng Minh Khoa".into());
    expected.insert("religion".into(), "Không".into());
    for unset in ["academic_title", "population_policy_violation", "foreign_marriage"] {
        expected.insert(unset.into(), String::new());
    }
    assert_eq!(v, expected);
    assert!(crate::format::validate(&data, today()).is_ok());
}

#[test]
fn add_candidate_reports_each_error_and_changes_nothing() {
    let data0 = ward();
    let cases: Vec<(&str, &str, &str, &str)> = vec![
        ("full_name", "", "full_name", "Chưa nhập họ và tên."),
        ("sex", "", "sex", "Chưa chọn giới tính."),
        ("birth_date", "", "birth_date", "Chưa nhập ngày sinh."),
        ("birth_date", "23/11/2026", "birth_date", "Ngày sinh (23/11/2026) ở sau ngày hôm nay (22/11/2026)."),
        ("ethnicity", "57", "ethnicity", BAD_CHOICE),
        ("education", "", "education", "Chưa chọn trình độ giáo dục phổ thông."),
        ("education", "13/12", "education", "Trình độ phải viết dạng lớp/hệ, ví dụ 12/12 hoặc 7/10."),
        ("occupation", "", "occupation", "Chưa chọn nghề nghiệp."),
        ("qualification", "giao_su", "qualification", BAD_CHOICE),
        ("cell_id", "", "cell_id", "Chưa chọn chi bộ."),
        ("sources", "doan_thanh_nien\nhoi_ban_be", "sources", BAD_CHOICE),
        ("groups", "x", "groups", BAD_CHOICE),
        ("source_date", "", "source_date", "Chưa nhập ngày đưa vào nguồn."),
        ("source_date", "30/11/2026", "source_date", "Ngày đưa vào nguồn (30/11/2026) ở sau ngày hôm nay (22/11/2026)."),
        ("source_date", "01/01/2001", "source_date", "Ngày đưa vào nguồn (01/01/2001) trước ngày sinh (09/08/2001)."),
        ("proposed_by", "a\u{0007}b", "proposed_by", "Có ký tự không hợp lệ (ký tự điều khiển); hãy gõ lại."),
    ];
    for (field, value, key, msg) in cases {
        let mut data = data0.clone();
        let mut v = person();
        v.insert(field.into(), value.into());
        let e = add_candidate(&mut data, &v, today(), now()).unwrap_err();
        assert_eq!(keys(&e), [key], "{field}={value}: {e:?}");
        assert_eq!(message(&e, key), msg);
        assert_eq!(data, data0);
    }
    // An empty ethnicity is Kinh.
    let mut data = data0.clone();
    let mut v = person();
    v.insert("ethnicity".into(), String::new());
    let id = add_candidate(&mut data, &v, today(), now()).unwrap();
    assert_eq!(data.candidate(&id).unwrap().ethnicity, Ethnicity::KINH);
}

#[test]
fn a_possible_duplicate_needs_confirmation() {
    let data0 = ward();
    let mut v = person();
    v.insert("full_name".into(), "nguyen thi  HOA".into());
    v.insert("birth_date".into(), "17/05/2000".into());
    let mut data = data0.clone();
    let e = add_candidate(&mut data, &v, today(), now()).unwrap_err();
    assert_eq!(keys(&e), ["full_name"]);
    assert_eq!(
        message(&e, "full_name"),
        "Đã có người cùng họ tên và ngày sinh: Nguyễn Thị Hoa (Chi bộ Tổ dân phố số 1, Cảm tình Đảng). Nếu đây là người \
         khác, hãy xác nhận để vẫn lưu."
    );
    assert_eq!(data, data0);
    // Same name, another birth date: no question.
    let mut other = v.clone();
    other.insert("birth_date".into(), "18/05/2000".into());
    assert!(add_candidate(&mut data.clone(), &other, today(), now()).is_ok());
    v.insert(CONFIRM_DUPLICATE.into(), "true".into());
    let id = add_candidate(&mut data, &v, today(), now()).unwrap();
    assert_eq!(duplicates_of(&data, "Nguyễn Thị Hoa", d(2000, 5, 17), Some(&id)).len(), 1);
}

#[test]
fn update_identity_edits_identity_only() {
    let mut data = ward();
    let id = CandidateId::new("qc-1");
    let before = data.candidate(&id).unwrap().clone();
    let mut v = values_of(&before);
    // Unchanged: nothing written.
    update_identity(&mut data, &id, &v, now()).unwrap();
    assert!(data.changes.is_empty());
    v.insert("residence".into(), "Tổ dân phố số 3".into());
    v.insert("cell_id".into(), "cb-2".into());
    v.insert("trade_union_member".into(), "true".into());
    // Values for the source pool are ignored when editing.
    v.insert("source_date".into(), "01/01/2020".into());
    update_identity(&mut data, &id, &v, now()).unwrap();
    let after = data.candidate(&id).unwrap();
    assert_eq!((after.residence.as_str(), after.cell_id.as_str(), after.trade_union_member), ("Tổ dân phố số 3", "cb-2", true));
    assert_eq!((&after.stage, &after.process, &after.history), (&before.stage, &before.process, &before.history));
    assert_eq!((after.created_at, after.updated_at), (earlier(), now()));
    let fields: Vec<&str> = data.changes.entries().iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["cell_id", "residence", "trade_union_member"]);
    // The record's own name and birth date are not a duplicate of itself.
    v.insert("full_name".into(), "NGUYỄN THỊ HOA".into());
    assert!(update_identity(&mut data, &id, &v, now()).is_ok());
}

#[test]
fn update_identity_errors_change_nothing() {
    let mut data0 = ward();
    data0.cells[0].archived = true;
    data0.candidates.push(candidate("qc-2", "Phạm Thu Hà", "cb-2", Stage::Nguon));
    let id = CandidateId::new("qc-1");
    let base = values_of(data0.candidate(&id).unwrap());
    // Its own archived cell may stay.
    assert!(update_identity(&mut data0.clone(), &id, &base, now()).is_ok());
    let cases: Vec<(&str, &str, &str)> = vec![
        ("birth_date", "01/07/2025", "Ngày sinh (01/07/2025) sau ngày của bước đầu tiên đã ghi (01/06/2025)."),
        ("full_name", "Phạm Thu Hà", "Đã có người cùng họ tên và ngày sinh"),
        ("sex", "", "Chưa chọn giới tính."),
    ];
    for (key, value, msg) in cases {
        let mut data = data0.clone();
        let mut v = base.clone();
        v.insert(key.into(), value.into());
        let e = update_identity(&mut data, &id, &v, now()).unwrap_err();
        assert_eq!(keys(&e), [key]);
        assert!(message(&e, key).starts_with(msg), "{e:?}");
        assert_eq!(data, data0);
    }
    // Moving a candidate into an archived cell is refused.
    let mut data = data0.clone();
    let mut v = values_of(data.candidate(&CandidateId::new("qc-2")).unwrap());
    v.insert("cell_id".into(), "cb-1".into());
    let e = update_identity(&mut data, &CandidateId::new("qc-2"), &v, now()).unwrap_err();
    assert_eq!(message(&e, "cell_id"), "Chi bộ Tổ dân phố số 1 đã được lưu trữ; hãy chọn chi bộ khác.");
    assert_eq!(keys(&update_identity(&mut data, &CandidateId::new("x"), &v, now()).unwrap_err()), [""]);
    assert_eq!(data, data0);
}

#[test]
fn occupation_choices_are_the_numbered_rows_of_the_form_in_the_wards_wording() {
    let mut data = ward();
    let f = fields(&data, None);
    let occupation = f.iter().find(|f| f.key == "occupation").unwrap();
    let FieldKind::Choice(rows) = &occupation.kind else { panic!() };
    assert_eq!(rows.len(), 14);
    assert_eq!(rows[0], ("cong_chuc_nha_nuoc".into(), "1. Cán bộ, công chức cơ quan Nhà nước tính từ cấp huyện trở lên".into()));
    assert_eq!(rows[6], ("quan_ly_doanh_nghiep".into(), "7a. Người lãnh đạo, quản lý doanh nghiệp".into()));
    assert_eq!(rows[13], ("khac".into(), "12. Khác (lao động hợp đồng, tự do …)".into()));
    data.ward.settings.form_labels.insert("cong_chuc_nha_nuoc".into(), "Cán bộ, công chức cơ quan Nhà nước cấp tỉnh trở lên".into());
    data.ward.settings.form_labels.insert("hoc_sinh".into(), "   ".into()); // blank: the form's wording
    let rows = occupation_options(&data.ward.settings);
    assert_eq!(rows[0].1, "1. Cán bộ, công chức cơ quan Nhà nước cấp tỉnh trở lên");
    assert_eq!(rows[12].1, "11. Học sinh");
    let title = f.iter().find(|f| f.key == "academic_title").unwrap();
    let FieldKind::Choice(titles) = &title.kind else { panic!() };
    assert_eq!(titles, &[("pho_giao_su".to_string(), "Phó Giáo sư".to_string()), ("giao_su".to_string(), "Giáo sư".to_string())]);
}

fn marked(data: &mut WardData, id: &str) -> CandidateId {
    let id = CandidateId::new(id);
    let c = data.candidates.iter_mut().find(|c| c.id == id).unwrap();
    c.occupation = Occupation::CongChucNhaNuoc;
    c.occupation_review = Some(OccupationReview { was: "Cán bộ, công chức".into(), reason: "không rõ cơ quan".into() });
    id
}

#[test]
fn confirming_an_occupation_removes_the_review_mark_and_logs_it() {
    let mut data = ward();
    let id = marked(&mut data, "qc-1");
    assert_eq!(needing_review(&data).len(), 1);
    let hint = fields(&data, Some(&id)).into_iter().find(|f| f.key == "occupation").unwrap().hint;
    assert!(hint.starts_with("Cần rà soát: trước đây ghi “Cán bộ, công chức”; không rõ cơ quan."), "{hint}");
    // A code that is not a row is refused on the field, nothing changes.
    let before = data.clone();
    let err = confirm_occupation(&mut data, &id, "phi_hanh_gia", now()).unwrap_err();
    assert_eq!(err[0].key, "occupation");
    assert_eq!(data, before);
    // Corrected to row 2.
    confirm_occupation(&mut data, &id, "cong_chuc_dang_doan_the", now()).unwrap();
    let c = data.candidate(&id).unwrap();
    assert_eq!((c.occupation, c.occupation_review.is_none(), c.updated_at), (Occupation::CongChucDangDoanThe, true, now()));
    assert!(needing_review(&data).is_empty());
    let logged: Vec<&str> = data.changes.entries().iter().filter(|e| e.id == id.as_str()).map(|e| e.field.as_str()).collect();
    assert_eq!(logged, ["occupation", "occupation_review.reason", "occupation_review.was"]);
    // Confirmed as it was: the mark goes too.
    let id = marked(&mut data, "qc-1");
    confirm_occupation(&mut data, &id, "cong_chuc_nha_nuoc", now()).unwrap();
    assert!(data.candidate(&id).unwrap().occupation_review.is_none());
}

#[test]
fn editing_the_identity_keeps_the_mark_unless_the_occupation_changes() {
    let mut data = ward();
    let id = marked(&mut data, "qc-1");
    let mut v = values_of(data.candidate(&id).unwrap());
    v.insert("residence".into(), "Tổ dân phố số 9".into());
    v.insert("population_policy_violation".into(), "true".into());
    v.insert("academic_title".into(), "giao_su".into());
    update_identity(&mut data, &id, &v, now()).unwrap();
    let c = data.candidate(&id).unwrap();
    assert!(c.occupation_review.is_some(), "the occupation was not looked at");
    assert!(c.population_policy_violation && !c.foreign_marriage);
    assert_eq!(c.academic_title, Some(AcademicTitle::GiaoSu));
    v.insert("occupation".into(), "can_bo_cap_xa".into());
    update_identity(&mut data, &id, &v, now()).unwrap();
    let c = data.candidate(&id).unwrap();
    assert_eq!((c.occupation, c.occupation_review.is_none()), (Occupation::CanBoCapXa, true));
}
