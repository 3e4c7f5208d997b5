//! The demo ward "Đảng bộ phường Hòa An" (docs/domain.md §4): a complete, invented but realistic
//! record for demonstrations, tests and benchmarks.
//!
//! * [`demo_ward`] builds it for a given `today`: 31 cells (§4.1 table), ≈ 1,720 members,
//!   the committee (15, each in charge of 2–3 cells), targets (43 a year, 215 for the term),
//!   awareness and new-member classes, and three years of candidates ending at `today` with
//!   every stage of §2.1 present, including failures, exits and overdue steps.
//! * [`scale`] multiplies the candidates (with their classes and probationary member records)
//!   for benchmarks: the demo has ≈ 300 candidates, so 10× ≈ 3,000 and 34× ≈ 10,000.
//!
//! Size and speed (2026-03-15, release build): ≈ 300 candidates, JSON ≈ 1.9 MB (half of it the
//! step histories), generated in ≈ 10 ms; 34× ≈ 10,200 candidates, ≈ 63 MB of JSON.
//!
//! Deterministic: the same `today` and `now` give byte-identical JSON on every target (a
//! SplitMix64 generator with fixed seeds, ordered collections only, no clock).
//!
//! The candidates' records are built directly from a timeline of dates (`timeline.rs`), not
//! by the pipeline's transitions, so this module does not depend on them. The history uses one
//! `Step` per act with these stage changes (docs/domain.md §2.1): `AddToSourcePool` Nguồn→Nguồn,
//! `RecogniseSympathiser` →Cảm tình, `ProposeClass` →Đề nghị học, `RecordCertificate` →Đã học,
//! `GrantPermission` →Được làm thủ tục, `OpenDossier` →Lập hồ sơ, `SendVerification` →Thẩm tra,
//! `ReturnVerification` (stays), `CertifyCv` →Chứng nhận lý lịch, `CollectOpinions` →Lấy ý kiến,
//! `CellVote` →Chi bộ xét (or Không đạt), `GrassrootsVote` →Đảng ủy cơ sở xét (T9 cell only),
//! `SendUp` →Chờ quyết định (the dossier reaches the deciding committee; for the T9 cell after
//! the grassroots vote), `Decide` →Đã có quyết định (or Bị từ chối), `ReceiveDecision` (stays),
//! `HoldCeremony` →Dự bị, `RecordAfterAdmission` (stays; member records, database entry,
//! new-member certificate), `StartRecognition` →Xét chính thức (the self-review after 12 months),
//! `RecognitionCellVote`/`RecognitionGrassrootsVote` (stay), `RecognitionDecision` →Chính thức,
//! and the exits `Withdraw`, `MoveAway`, `CancelDecision`, and `StrikeOffCellVote` (+
//! `StrikeOffGrassrootsVote`) then `StrikeOff` (T15: the Standing Committee's decision is kept
//! as a recognition decision that is not approved, and as the exit's document). The tests check
//! every candidate against docs/domain.md §2 locally and against `pipeline::check_invariants`.
//!
//! Approximations [U]: working-day deadlines are counted as calendar days (×1.4); document
//! numbers restart every calendar year per issuer; classes run in April/October (awareness) and
//! June/November (new members); the years before the 2025 reorganisation use an invented city
//! committee ("Thành ủy Hòa Giang") as the deciding body.

mod build;
mod finish;
mod people;
mod plans;
mod rng;
mod scale;
mod schedule;
mod tables;
mod timeline;

#[cfg(test)]
mod tests;

pub use scale::scale;

use crate::model::*;
use chrono::{Datelike, NaiveDate, NaiveTime};
use people::NameBook;
use schedule::{add, Schedule};
use tables::Profile;

/// Seed of the demo ward: change it to get another, equally valid, ward.
const SEED: u64 = 0x5054_4456_2025_0001;

/// The demo ward "Đảng bộ phường Hòa An" as of `today` (docs/domain.md §4). `now` stamps the records
/// (`created_at`, `updated_at`, `recorded_at`, never later than `now`).
///
/// Deterministic: the same inputs give equal data and byte-identical JSON.
pub fn demo_ward(today: NaiveDate, now: Timestamp) -> WardData {
    Gen::new(today, now).run()
}

/// The message asking the page's worker for the demo ward (it is made there, so the first load
/// does not carry the generator): "demo", the day and the time, one per line.
pub fn demo_request(today: NaiveDate, now: Timestamp) -> String {
    format!("demo\n{today}\n{}", now.to_rfc3339())
}

/// A [`demo_request`]'s day and time.
pub fn parse_demo_request(message: &str) -> Option<(NaiveDate, Timestamp)> {
    let mut parts = message.strip_prefix("demo\n")?.split('\n');
    let today = parts.next()?.parse().ok()?;
    let now = chrono::DateTime::parse_from_rfc3339(parts.next()?).ok()?.with_timezone(&chrono::Utc);
    Some((today, now))
}

/// One cell of the demo ward with what the generator needs besides the model's `Cell`.
#[derive(Clone, Debug)]
struct CellSpec {
    id: CellId,
    code: String,
    name: String,
    kind: CellKind,
    profile: Profile,
    grassroots: Option<&'static str>,
    /// Members at the start of the current year.
    size: u32,
    target: u32,
    weight: u32,
    in_charge: usize,
    /// Residential cells: the number of their tổ dân phố.
    area: Option<usize>,
    venue: String,
    /// The unit named in union bodies: "Trường THPT Lê Quý Đôn", "phường Hòa An" …
    unit: String,
}

impl CellSpec {
    fn t9(&self) -> bool {
        self.grassroots.is_some()
    }
}

/// The generator's state.
struct Gen {
    today: NaiveDate,
    now: Timestamp,
    /// `today`'s year.
    y0: i32,
    cells: Vec<CellSpec>,
    sched: Schedule,
    /// Per cell: the full members who may help and introduce.
    helpers: Vec<Vec<MemberId>>,
    /// Per cell: the secretary's name.
    secretaries: Vec<String>,
    members: Vec<PartyMember>,
    names: NameBook,
}

impl Gen {
    fn new(today: NaiveDate, now: Timestamp) -> Gen {
        let y0 = today.year();
        let mut names = NameBook::default();
        for (n, _) in tables::COMMITTEE {
            names.reserve(n);
        }
        for n in [tables::OLD_CITY_SIGNER, tables::OLD_WARD_SECRETARY, tables::GRASSROOTS_SECRETARY] {
            names.reserve(n);
        }
        let mut g = Gen {
            today,
            now,
            y0,
            cells: cell_specs(),
            sched: Schedule::new(y0 - 7, y0 + 3),
            helpers: vec![],
            secretaries: vec![],
            members: vec![],
            names,
        };
        g.member_directory();
        g
    }

    /// A timestamp on `date` at `hour` UTC, never after `now`.
    fn ts(&self, date: NaiveDate, hour: u32) -> Timestamp {
        let t = date.and_time(NaiveTime::from_hms_opt(hour.min(23), 0, 0).expect("valid time")).and_utc();
        t.min(self.now)
    }

    /// When the ward started keeping this record: 1 January, four years before `today`.
    fn epoch(&self) -> Timestamp {
        self.ts(schedule::ymd(self.y0 - 4, 1, 2), 8)
    }

    /// 4–6 full members per cell (secretary first), docs/domain.md §3.1 "Party member".
    fn member_directory(&mut self) {
        let mut rng = rng::Rng::fork(SEED, 1);
        let epoch = self.epoch();
        for (ci, cell) in self.cells.iter().enumerate() {
            let residential = cell.kind.is_residential();
            let n = if residential { rng.range(4, 6) } else { rng.range(4, 5) };
            let mut ids = vec![];
            for k in 0..n {
                let p = people::member_person(&mut rng, &mut self.names, residential, self.y0);
                let joined_age = rng.range(20, 34) as i32;
                let admitted_year = (p.birth_year + joined_age).min(self.y0 - 7);
                let admitted_on = add(schedule::ymd(admitted_year, 1, 1), rng.range(20, 340));
                let official_on = add(crate::dates::add_months(admitted_on, 12), rng.range(0, 40));
                // One elderly member exempted from activities in some large residential cells.
                let status = if residential && k == n - 1 && n >= 5 && rng.chance(0.5) {
                    MemberStatus::MienSinhHoat
                } else {
                    MemberStatus::ChinhThuc
                };
                let id = MemberId::new(format!("dv-{:04}", self.members.len() + 1));
                if k == 0 {
                    self.secretaries.push(p.full_name.clone());
                }
                if status == MemberStatus::ChinhThuc {
                    ids.push(id.clone());
                }
                self.members.push(PartyMember {
                    id,
                    full_name: p.full_name,
                    sex: Some(p.sex),
                    cell_id: cell.id.clone(),
                    status,
                    admitted_on: Some(admitted_on),
                    official_on: Some(official_on),
                    created_at: epoch,
                    updated_at: epoch,
                });
            }
            debug_assert_eq!(self.secretaries.len(), ci + 1);
            self.helpers.push(ids);
        }
    }

    fn run(mut self) -> WardData {
        let plans = self.plans();
        let mut built = vec![];
        for (i, plan) in plans.iter().enumerate() {
            if let Some(b) = self.realise(i as u64, plan) {
                built.push(b);
            }
        }
        // Make sure every stage of docs/domain.md §2.1 is present, whatever `today` is.
        let mut next = plans.len() as u64;
        for stage in crate::pipeline::Stage::ALL {
            if !built.iter().any(|b| b.cand.stage == stage) {
                for attempt in 0..6u64 {
                    let plan = self.pinned(stage, attempt);
                    next += 1;
                    if let Some(b) = self.realise(next, &plan) {
                        if b.cand.stage == stage {
                            built.push(b);
                            break;
                        }
                    }
                }
            }
        }
        self.finish(built)
    }
}

/// The 31 cells of docs/domain.md §4.1 in display order: TDP01…TDP21, then the others.
fn cell_specs() -> Vec<CellSpec> {
    let mut v = vec![];
    for (i, (size, in_charge)) in tables::RESIDENTIAL.iter().enumerate() {
        let n = i + 1;
        // The two largest residential cells have a target of 2 (docs/domain.md §4.1).
        let target = if *size >= 100 { 2 } else { 1 };
        v.push(CellSpec {
            id: CellId::new(format!("cb-tdp{n:02}")),
            code: format!("TDP{n:02}"),
            name: format!("Chi bộ Tổ dân phố số {n}"),
            kind: CellKind::KhuDanCu,
            profile: Profile::Residential,
            grassroots: None,
            size: *size,
            target,
            weight: target,
            in_charge: *in_charge,
            area: Some(n),
            venue: format!("Nhà văn hóa Tổ dân phố số {n}"),
            unit: "phường Hòa An".into(),
        });
    }
    for o in tables::OTHER_CELLS.iter() {
        v.push(CellSpec {
            id: CellId::new(o.id),
            code: o.code.into(),
            name: o.name.into(),
            kind: o.kind,
            profile: o.profile,
            grassroots: o.grassroots,
            size: o.members,
            target: 2,
            weight: o.weight,
            in_charge: o.in_charge,
            area: None,
            venue: o.venue.into(),
            unit: o.name.trim_start_matches("Chi bộ ").into(),
        });
    }
    v
}
