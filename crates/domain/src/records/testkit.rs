//! Fixtures of the records tests: a small ward, typed values, the clock.

use crate::form::Values;
use crate::model::*;
use crate::pipeline::Stage;
use chrono::{NaiveDate, TimeZone, Utc};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// 22/11/2026, the tests' today.
pub fn today() -> NaiveDate {
    d(2026, 11, 22)
}

/// 22/11/2026 08:30 UTC (15:30 in Vietnam).
pub fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 11, 22, 8, 30, 0).unwrap()
}

/// An hour after [`now`].
pub fn later() -> Timestamp {
    now() + chrono::Duration::hours(1)
}

/// When the fixture's records were made.
pub fn earlier() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 1, 5, 2, 0, 0).unwrap()
}

pub fn vals(pairs: &[(&str, &str)]) -> Values {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// The keys of the errors, in order.
pub fn keys(errors: &[crate::form::FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.key.as_str()).collect()
}

/// The message of the error on `key`.
pub fn message<'a>(errors: &'a [crate::form::FieldError], key: &str) -> &'a str {
    errors.iter().find(|e| e.key == key).map(|e| e.message.as_str()).unwrap_or_else(|| panic!("no error on {key}: {errors:?}"))
}

pub fn cell(id: &str, code: &str, name: &str) -> Cell {
    Cell {
        id: CellId::new(id),
        code: code.into(),
        name: name.into(),
        kind: CellKind::KhuDanCu,
        level: CellLevel::TrucThuoc,
        grassroots: None,
        committee_member_in_charge: String::new(),
        secretary: String::new(),
        residential_areas: vec![],
        members_by_year: Default::default(),
        no_masses_left: false,
        archived: false,
        created_at: earlier(),
        updated_at: earlier(),
    }
}

pub fn member(id: &str, name: &str, cell: &str, status: MemberStatus) -> PartyMember {
    PartyMember {
        id: MemberId::new(id),
        full_name: name.into(),
        sex: None,
        cell_id: CellId::new(cell),
        status,
        admitted_on: Some(d(1990, 1, 1)),
        official_on: Some(d(1991, 1, 1)),
        created_at: earlier(),
        updated_at: earlier(),
    }
}

pub fn candidate(id: &str, name: &str, cell: &str, stage: Stage) -> Candidate {
    Candidate {
        id: CandidateId::new(id),
        full_name: name.into(),
        sex: Sex::Nu,
        birth_date: d(2000, 5, 17),
        ethnicity: Ethnicity::KINH,
        religion: "Không".into(),
        education: GeneralEducation { grade: 12, system: 12 },
        qualification: Some(Qualification::DaiHoc),
        occupation: Occupation::VienChuc,
        occupation_review: None,
        academic_title: None,
        population_policy_violation: false,
        foreign_marriage: false,
        residence: "Tổ dân phố số 1".into(),
        cell_id: CellId::new(cell),
        sources: vec![SourceOrg::DoanThanhNien],
        youth_union_member: true,
        trade_union_member: false,
        groups: vec![],
        area_exception: None,
        readmission: None,
        consents: vec![],
        stage,
        process: Process::default(),
        history: vec![],
        created_at: earlier(),
        updated_at: earlier(),
    }
}

/// A ward with two cells (cb-1 "Chi bộ Tổ dân phố số 1" code TDP01, cb-2 "Chi bộ Trường THCS
/// Hòa An" code THCS), two members of cb-1, one candidate at Cảm tình Đảng in cb-1.
pub fn ward() -> WardData {
    let mut w = WardData::new(Ward {
        id: WardId::new("hoa-an"),
        name: "Hòa An".into(),
        kind: UnitKind::Phuong,
        superior: "Tỉnh ủy Thái Nguyên".into(),
        term: Term::default(),
        settings: WardSettings::default(),
        report_notes: Default::default(),
        created_at: earlier(),
        updated_at: earlier(),
    });
    w.cells.push(cell("cb-1", "TDP01", "Chi bộ Tổ dân phố số 1"));
    let mut school = cell("cb-2", "THCS", "Chi bộ Trường THCS Hòa An");
    school.kind = CellKind::TruongHoc;
    w.cells.push(school);
    w.members.push(member("dv-1", "Trần Văn Bình", "cb-1", MemberStatus::ChinhThuc));
    w.members.push(member("dv-2", "Lê Thị An", "cb-1", MemberStatus::ChinhThuc));
    let mut c = candidate("qc-1", "Nguyễn Thị Hoa", "cb-1", Stage::CamTinh);
    c.process.source_pool = Some(SourceEntry { date: d(2025, 6, 1), proposed_by: String::new() });
    c.process.sympathiser = Some(Sympathiser {
        resolution: DocRef { number: "05-NQ/CB".into(), date: d(2025, 9, 10), signer: String::new() },
        proposed_by: String::new(),
        helpers: vec![MemberId::new("dv-1")],
    });
    w.candidates.push(c);
    w
}
