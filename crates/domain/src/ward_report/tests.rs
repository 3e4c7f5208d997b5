//! Tests of the ward's report: the sentence of docs/domain.md §3.4 (S1), the three columns of
//! Biểu 2-BTCTW, and the tables and lists against the reports they come from.

use super::*;
use crate::model::*;
use crate::overview::{PeriodChoice, View};
use crate::statistics::Scope;
use chrono::{TimeZone, Utc};
use serde_json::json;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn rules() -> &'static RuleSets {
    RuleSets::builtin().unwrap()
}

/// Hoàng Văn Thụ ward in 2023 (S1): 1,700 members, 45 admitted against 43, 12 in 2022.
fn s1() -> WardData {
    const TS: &str = "2023-01-01T00:00:00Z";
    let ward: Ward = serde_json::from_value(json!({ "id": "w", "name": "Hoàng Văn Thụ", "created_at": TS, "updated_at": TS })).unwrap();
    let mut data = WardData::new(ward);
    let cell: Cell = serde_json::from_value(json!({
        "id": "cb1", "name": "Chi bộ 1", "kind": "khu_dan_cu", "created_at": TS, "updated_at": TS,
        "members_by_year": { "2023": { "full_members": 1700, "probationary_members": 0 } }
    }))
    .unwrap();
    data.cells.push(cell);
    data.targets.push(
        serde_json::from_value(json!({
            "id": "t", "period": TargetPeriod::Year { year: 2023 }, "scope": TargetScope::Ward, "value": 43,
            "created_at": TS, "updated_at": TS
        }))
        .unwrap(),
    );
    let mut n = 0;
    for (year, count) in [(2023, 45), (2022, 12)] {
        for i in 0..count {
            n += 1;
            let c: Candidate = serde_json::from_value(json!({
                "id": format!("c{n}"), "full_name": format!("Người Thứ {n}"), "sex": "nam", "birth_date": "2000-01-01",
                "education": { "grade": 12, "system": 12 }, "occupation": "khac", "cell_id": "cb1", "stage": "DA_CO_QUYET_DINH",
                "process": { "decision": { "document": { "number": format!("{n}-QĐ/ĐU"), "date": format!("{year}-{:02}-10", 1 + i % 12) }, "approved": true } },
                "created_at": TS, "updated_at": TS
            }))
            .unwrap();
            data.candidates.push(c);
        }
    }
    data
}

#[test]
fn the_summary_says_s1_as_a_committee_would() {
    let data = s1();
    let view = View { period: PeriodChoice::Year(2023), scope: Scope::Ward };
    let calendar = WorkingCalendar::new(&data.ward.settings.calendar);
    let r = WardReport::compute(&data, &view, d(2024, 1, 15), rules(), &calendar);
    assert_eq!(r.title, "BÁO CÁO kết quả công tác phát triển đảng viên năm 2023");
    assert_eq!(r.summary[0], "Kết nạp 45 đảng viên, đạt 104,65 % chỉ tiêu năm, bằng 375 % so với cùng kỳ.");
    assert!(r.summary.iter().any(|s| s.contains("là 2,65 % (thấp hơn mức 3–4 %/năm)")), "{:?}", r.summary);
    let total = &r.bieu2[0];
    assert_eq!((total.this, total.last, total.percent.as_str()), (FormValue::Count(45), FormValue::Count(12), "375 %"));
    assert_eq!(r.admitted.len(), 45);
    assert_eq!(r.admitted[0].details.iter().map(Datum::text).collect::<Vec<_>>(), ["1-QĐ/ĐU", "10/01/2023", "chưa tổ chức"]);
}

#[test]
fn the_demo_wards_report_agrees_with_its_reports() {
    let today = d(2026, 12, 2);
    let data = crate::demo::demo_ward(today, Utc.with_ymd_and_hms(2026, 12, 2, 2, 0, 0).unwrap());
    let calendar = WorkingCalendar::new(&data.ward.settings.calendar);
    for view in [
        View::default_for(today),
        View { period: PeriodChoice::Half(2026, crate::statistics::Half::First), scope: Scope::Ward },
        View { period: PeriodChoice::Year(2026), scope: Scope::CellKind { kind: CellKind::KhuDanCu } },
    ] {
        let r = WardReport::compute(&data, &view, today, rules(), &calendar);
        let this = bieu2(&r.report, &data);
        let last = bieu2(&r.previous, &data);
        for ((row, a), b) in r.bieu2.iter().zip(&this).zip(&last) {
            assert_eq!((row.row, row.this, row.last), (a.row, a.value, b.value));
        }
        assert_eq!(r.cells.iter().map(|c| c.admitted).sum::<u32>(), r.report.admitted.total - r.report.admitted.unknown_cell);
        assert_eq!(r.admitted.len() as u32, r.report.admitted.total);
        assert_eq!(r.due_for_recognition.len() as u32, r.report.pipeline.due_for_recognition);
        assert_eq!(r.cells.iter().map(|c| c.probationary).sum::<u32>(), r.report.pipeline.probationary);
        assert!(r.summary[0].starts_with(&format!("Kết nạp {} đảng viên", r.report.admitted.total)));
        let idle = r.cells.iter().filter(|c| c.idle()).count();
        assert!(r.summary.iter().any(|s| s.ends_with(&format!("{idle} chi bộ chưa kết nạp được."))));
    }
}

#[test]
fn the_document_head_follows_the_party_format() {
    assert_eq!(superior_line("Tỉnh ủy Thái Nguyên"), "ĐẢNG BỘ TỈNH THÁI NGUYÊN");
    assert_eq!(superior_line("Thành ủy Hà Nội"), "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI");
    assert_eq!(superior_line("Đảng bộ Khối cơ quan"), "ĐẢNG BỘ KHỐI CƠ QUAN");
    let today = d(2026, 12, 2);
    let data = crate::demo::demo_ward(today, Utc.with_ymd_and_hms(2026, 12, 2, 2, 0, 0).unwrap());
    let view = View { period: PeriodChoice::Half(2026, crate::statistics::Half::First), scope: Scope::Ward };
    let h = DocumentHead::of(&data, &view, today);
    assert_eq!(h.superior, "ĐẢNG BỘ TỈNH THÁI NGUYÊN");
    assert_eq!(h.issuer, "ĐẢNG ỦY PHƯỜNG HÒA AN");
    assert_eq!(h.place_date, "Hòa An, ngày 02 tháng 12 năm 2026");
    assert_eq!(h.subject, "kết quả công tác phát triển đảng viên 6 tháng đầu năm 2026");
    assert_eq!(h.recipients.last().map(String::as_str), Some("- Lưu Văn phòng Đảng ủy."));
}

#[test]
fn csv_files_open_as_columns_in_a_vietnamese_excel() {
    assert_eq!(to_csv(&["A", "B"], &[vec!["x;y".into(), "say \"hi\"".into()]]), "\u{feff}A;B\r\n\"x;y\";\"say \"\"hi\"\"\"\r\n");
    let data = s1();
    let view = View { period: PeriodChoice::Year(2023), scope: Scope::Ward };
    let calendar = WorkingCalendar::new(&data.ward.settings.calendar);
    let r = WardReport::compute(&data, &view, d(2024, 1, 15), rules(), &calendar);
    let files = r.csv_files();
    let stems: Vec<&str> = files.iter().map(|f| f.stem).collect();
    let names: Vec<(&str, &str)> = files.iter().map(|f| (f.stem, f.title)).collect();
    assert_eq!(names, TABLE_NAMES, "the buttons name the files the report writes");
    assert_eq!(r.csv_file("tung-chi-bo").as_ref(), files.get(3));
    assert_eq!(stems, ["bieu-2-btctw", "bieu-2b-btctw", "quan-chung-du-bi", "tung-chi-bo", "ket-nap", "den-han-cong-nhan", "qua-han"]);
    let bieu2 = &files[0].text;
    assert!(bieu2.starts_with("\u{feff}TT;Tiêu chí;Kỳ này;Cùng kỳ năm trước;"));
    let lines: Vec<&str> = bieu2.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + r.bieu2.len());
    assert_eq!(lines[1], "I;Tổng số đảng viên mới kết nạp;45;12;375");
    let mean = lines.iter().find(|l| l.contains("Tuổi bình quân")).unwrap();
    assert!(mean.ends_with(";23,0;22,0;"), "{mean}"); // born 1/1/2000: 23 in 2023, 22 in 2022
                                                      // No ceremony recorded: all 57 still wait for theirs ("đang bồi dưỡng" up to the ceremony).
    let code = &r.cells[0].code;
    assert_eq!(files[3].text.trim_end().split("\r\n").nth(1), Some(format!("{code};Chi bộ 1;1700;;45;45;;57;0;0").as_str()));
}
