//! Test fixtures shared by the rule, pipeline and deadline tests (test builds only).

use crate::calendar::{CalendarSettings, WorkingCalendar};
use crate::model::*;
use crate::pipeline::Stage;
use chrono::{NaiveDate, TimeZone, Utc};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn ts() -> Timestamp {
    Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap()
}

pub fn calendar() -> WorkingCalendar {
    WorkingCalendar::new(&CalendarSettings::default())
}

/// A candidate born 2000-01-15, grade 12/12, Youth Union member, at `Nguon` with no process.
pub fn candidate() -> Candidate {
    Candidate {
        id: CandidateId::new("c1"),
        full_name: "Nguyễn Văn An".into(),
        sex: Sex::Nam,
        birth_date: d(2000, 1, 15),
        ethnicity: Ethnicity::KINH,
        religion: "Không".into(),
        education: GeneralEducation { grade: 12, system: 12 },
        qualification: None,
        occupation: Occupation::Khac,
        occupation_review: None,
        academic_title: None,
        population_policy_violation: false,
        foreign_marriage: false,
        residence: "Tổ dân phố số 1".into(),
        cell_id: CellId::new("cell1"),
        sources: vec![],
        youth_union_member: true,
        trade_union_member: false,
        groups: vec![],
        area_exception: None,
        readmission: None,
        consents: vec![],
        stage: Stage::Nguon,
        process: Process::default(),
        history: vec![],
        created_at: ts(),
        updated_at: ts(),
    }
}

pub fn cell(level: CellLevel) -> Cell {
    Cell {
        id: CellId::new("cell1"),
        code: "TDP01".into(),
        name: "Chi bộ Tổ dân phố số 1".into(),
        kind: CellKind::KhuDanCu,
        level,
        grassroots: None,
        committee_member_in_charge: String::new(),
        secretary: String::new(),
        residential_areas: vec![],
        members_by_year: Default::default(),
        no_masses_left: false,
        archived: false,
        created_at: ts(),
        updated_at: ts(),
    }
}

pub fn member(id: &str, status: MemberStatus, official_on: Option<NaiveDate>) -> PartyMember {
    PartyMember {
        id: MemberId::new(id),
        full_name: format!("Đảng viên {id}"),
        sex: None,
        cell_id: CellId::new("cell1"),
        status,
        admitted_on: None,
        official_on,
        created_at: ts(),
        updated_at: ts(),
    }
}

/// m1, m2, m3 full members since 1990; p1 probationary; x1 moved away.
pub fn members() -> Vec<PartyMember> {
    vec![
        member("m1", MemberStatus::ChinhThuc, Some(d(1990, 1, 1))),
        member("m2", MemberStatus::ChinhThuc, Some(d(1990, 1, 1))),
        member("m3", MemberStatus::ChinhThuc, Some(d(1990, 1, 1))),
        member("p1", MemberStatus::DuBi, None),
        member("x1", MemberStatus::DaChuyenDi, Some(d(1990, 1, 1))),
    ]
}

pub fn introducer(id: &str, since: NaiveDate) -> Introducer {
    Introducer { member_id: MemberId::new(id), together_since: since, replacement: false }
}

pub fn vote(date: NaiveDate, convened: u32, present: u32, yes: u32, no: u32) -> Vote {
    Vote { resolution: DocRef { number: "01-NQ/CB".into(), date, signer: String::new() }, convened, present, yes, no }
}

pub fn doc(number: &str, date: NaiveDate) -> DocRef {
    DocRef { number: number.into(), date, signer: String::new() }
}
