//! The finishing pass: readable ids in date order, document and certificate numbers in date
//! order per issuer, class lists, probationary member records, member counts by year
//! (docs/domain.md §3.3 item 4: counts at the start of each year) and targets (docs/domain.md §4.1).

use super::build::{Built, CERT_PLACEHOLDER, RECORD_PLACEHOLDER};
use super::rng::mix;
use super::schedule::{add, centre, rules_2025_from, ymd, Slot};
use super::tables::*;
use super::{Gen, SEED};
use crate::model::*;
use crate::pipeline::Stage;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Visit every numbered document of a process, in a fixed order.
pub(super) fn for_each_doc(p: &mut Process, f: &mut dyn FnMut(&mut DocRef)) {
    if let Some(s) = &mut p.sympathiser {
        f(&mut s.resolution);
    }
    if let Some(d) = &mut p.permission {
        f(d);
    }
    if let Some(u) = p.dossier.as_mut().and_then(|d| d.union_introduction.as_mut()) {
        f(&mut u.resolution);
    }
    for v in &mut p.cell_votes {
        f(&mut v.resolution);
    }
    for v in &mut p.grassroots_votes {
        f(&mut v.resolution);
    }
    if let Some(d) = &mut p.decision {
        f(&mut d.document);
        if let Some(v) = &mut d.vote {
            f(&mut v.resolution);
        }
    }
    if let Some(d) = p.ceremony.as_mut().and_then(|c| c.late_consent.as_mut()) {
        f(d);
    }
    for v in &mut p.recognition.cell_votes {
        f(&mut v.resolution);
    }
    for v in &mut p.recognition.grassroots_votes {
        f(&mut v.resolution);
    }
    if let Some(d) = &mut p.recognition.decision {
        f(&mut d.document);
        if let Some(v) = &mut d.vote {
            f(&mut v.resolution);
        }
    }
    // A strike-off's exit document is its decision (copied after numbering).
    if let Some(d) = p.exit.as_mut().filter(|e| e.kind != ExitKind::StruckOff).and_then(|e| e.document.as_mut()) {
        f(d);
    }
}

/// First number used by an issuer in a year: units also number other documents, so the
/// ward's and especially the old city's decisions do not start at 1 [U].
fn first_number(pool: &str, year: i32) -> u64 {
    let h = mix(fnv(pool) ^ (year as u64) ^ SEED);
    match pool {
        "tu" | "tu-tb" => 150 + h % 400,
        "dbp" | "dbp-tb" | "dbp-cv" => 8 + h % 40,
        _ if pool.starts_with("cb-") => 1 + h % 3,
        _ => 1 + h % 6,
    }
}

/// Replace "@pool#suffix" placeholders by "n-suffix", numbered in date order per pool and year.
fn number_documents(built: &mut [Built]) {
    let mut keys: Vec<(String, i32, NaiveDate, usize, usize)> = vec![];
    for (ci, b) in built.iter_mut().enumerate() {
        let mut k = 0;
        for_each_doc(&mut b.cand.process, &mut |d| {
            if let Some(rest) = d.number.strip_prefix('@') {
                let pool = rest.split('#').next().unwrap_or("").to_string();
                keys.push((pool, d.date.year(), d.date, ci, k));
            }
            k += 1;
        });
    }
    crate::order::sort(&mut keys);
    let mut numbers: BTreeMap<(usize, usize), u64> = BTreeMap::new();
    let mut current: Option<(String, i32)> = None;
    let mut n = 0;
    for (pool, year, _, ci, k) in keys {
        if current.as_ref() != Some(&(pool.clone(), year)) {
            n = first_number(&pool, year);
            current = Some((pool, year));
        } else {
            n += 1;
        }
        numbers.insert((ci, k), n);
    }
    for (ci, b) in built.iter_mut().enumerate() {
        let mut k = 0;
        let p = &mut b.cand.process;
        for_each_doc(p, &mut |d| {
            if let (Some(rest), Some(n)) = (d.number.strip_prefix('@'), numbers.get(&(ci, k))) {
                let suffix = rest.split('#').nth(1).unwrap_or("").to_string();
                d.number = format!("{n}-{suffix}");
            }
            k += 1;
        });
        if let (Some(e), Some(dec)) = (p.exit.as_mut(), p.recognition.decision.as_ref()) {
            if e.kind == ExitKind::StruckOff {
                e.document = Some(dec.document.clone());
            }
        }
    }
}

impl Gen {
    pub(super) fn finish(self, mut built: Vec<Built>) -> WardData {
        // Readable ids in the order people entered the record.
        crate::order::sort_by_key(&mut built, |b| (b.cand.history[0].date, b.order));
        for (i, b) in built.iter_mut().enumerate() {
            b.cand.id = CandidateId::new(format!("qc-{:04}", i + 1));
        }
        number_documents(&mut built);
        let classes = self.classes(&mut built);
        self.record_numbers(&mut built);
        let mut members = self.members.clone();
        self.probationary_members(&built, &mut members);
        let cells = self.cells_with_counts(&built);
        let targets = self.targets();
        let epoch = self.epoch();
        let ward = Ward {
            id: WardId::new(WARD_ID),
            name: WARD_NAME.into(),
            kind: UnitKind::Phuong,
            superior: SUPERIOR.into(),
            term: Term { start_year: 2025, end_year: 2030 },
            settings: WardSettings::default(),
            report_notes: Default::default(),
            created_at: epoch,
            updated_at: epoch,
        };
        WardData {
            ward,
            cells,
            members,
            candidates: built.into_iter().map(|b| b.cand).collect(),
            classes,
            targets,
            changes: Default::default(),
        }
    }

    /// Class records from the learners, with certificate numbers in date order per centre and
    /// year, copied into the candidates' certificates.
    fn classes(&self, built: &mut [Built]) -> Vec<Class> {
        type Learners = BTreeMap<(bool, usize), Vec<(CandidateId, Option<ClassResult>)>>;
        let key = |k: ClassKind| k == ClassKind::DangVienMoi;
        let mut lists: Learners = BTreeMap::new();
        for b in built.iter() {
            if let Some((i, r)) = b.learner {
                lists.entry((false, i)).or_default().push((b.cand.id.clone(), r));
            }
            if let Some((i, r)) = b.nm_learner {
                lists.entry((true, i)).or_default().push((b.cand.id.clone(), r));
            }
        }
        let mut order: Vec<(NaiveDate, ClassKind, usize)> = lists
            .keys()
            .map(|&(nm, i)| {
                let k = if nm { ClassKind::DangVienMoi } else { ClassKind::NhanThuc };
                (self.sched.slot(k, i).cert, k, i)
            })
            .collect();
        crate::order::sort_by_key(&mut order, |&(d, k, i)| (d, k == ClassKind::DangVienMoi, i));

        let mut cert_numbers: BTreeMap<(bool, CandidateId), String> = BTreeMap::new();
        let mut counters: BTreeMap<(&'static str, i32), u64> = BTreeMap::new();
        let mut classes = vec![];
        for (_, kind, i) in order {
            let slot: &Slot = self.sched.slot(kind, i);
            let mut learners: Vec<Learner> = vec![];
            let mut list = lists.remove(&(key(kind), i)).unwrap_or_default();
            crate::order::sort_by(&mut list, |a, b| a.0.cmp(&b.0));
            let issuer = centre(slot.cert);
            for (id, result) in list {
                let mut certificate_number = String::new();
                if result == Some(ClassResult::Dat) {
                    let n = counters.entry((issuer, slot.cert.year())).or_insert_with(|| {
                        if issuer == OLD_CENTRE {
                            100 + mix(fnv(issuer) ^ slot.cert.year() as u64) % 300
                        } else {
                            0
                        }
                    });
                    *n += 1;
                    certificate_number = format!("{n}/GCN-TTCT");
                    cert_numbers.insert((key(kind), id.clone()), certificate_number.clone());
                }
                learners.push(Learner { candidate_id: id, result, certificate_number });
            }
            let issued = slot.cert <= self.today;
            let name = format!("Khóa {} năm {}", slot.n, slot.year);
            classes.push(Class {
                id: ClassId::new(slot.id.clone()),
                kind,
                name,
                organiser: centre(slot.start).into(),
                start: slot.start,
                end: slot.end,
                venue: CLASS_VENUE.into(),
                learners,
                certificate_date: issued.then_some(slot.cert),
                certificate_issuer: if issued { issuer.into() } else { String::new() },
                created_at: self.ts(add(slot.start, -30), 9),
                updated_at: self.ts(if issued { slot.cert } else { add(slot.start, -30) }, 15),
            });
        }
        for b in built.iter_mut() {
            let id = b.cand.id.clone();
            let p = &mut b.cand.process;
            if let Some(c) = p.certificate.as_mut().filter(|c| c.number == CERT_PLACEHOLDER) {
                c.number = cert_numbers.get(&(false, id.clone())).cloned().unwrap_or_default();
            }
            if let Some(c) = p.after_admission.new_member_certificate.as_mut().filter(|c| c.number == CERT_PLACEHOLDER) {
                c.number = cert_numbers.get(&(true, id)).cloned().unwrap_or_default();
            }
        }
        classes
    }

    /// Member record numbers ("000123TN", R-38 §1.2) in the order the records were made.
    fn record_numbers(&self, built: &mut [Built]) {
        let mut idx: Vec<(NaiveDate, usize)> = built
            .iter()
            .enumerate()
            .filter(|(_, b)| b.cand.process.after_admission.record_number == RECORD_PLACEHOLDER)
            .map(|(i, b)| (b.cand.process.after_admission.member_records_on.unwrap_or(self.today), i))
            .collect();
        crate::order::sort(&mut idx);
        let mut n: u64 = 118_400;
        for (k, (_, i)) in idx.into_iter().enumerate() {
            n += 1 + mix(k as u64 ^ SEED) % 6;
            built[i].cand.process.after_admission.record_number = format!("{n:06}{PROVINCE_CODE}");
        }
    }

    /// A member record for every probationary member among the candidates (docs/domain.md §3.1).
    fn probationary_members(&self, built: &[Built], members: &mut Vec<PartyMember>) {
        let mut prob: Vec<&Built> = built.iter().filter(|b| matches!(b.cand.stage, Stage::DuBi | Stage::XetChinhThuc)).collect();
        crate::order::sort_by_key(&mut prob, |b| (b.cand.process.decision.as_ref().map(|d| d.document.date), b.cand.id.clone()));
        for b in prob {
            let c = &b.cand;
            let ceremony = c.process.ceremony.as_ref().map_or(self.today, |x| x.date);
            members.push(PartyMember {
                id: MemberId::new(format!("dv-{:04}", members.len() + 1)),
                full_name: c.full_name.clone(),
                sex: Some(c.sex),
                cell_id: c.cell_id.clone(),
                status: MemberStatus::DuBi,
                admitted_on: c.process.decision.as_ref().map(|d| d.document.date),
                official_on: None,
                created_at: self.ts(ceremony, 10),
                updated_at: self.ts(ceremony, 10),
            });
        }
    }

    /// Member counts at the start of the three previous years and this one: this year's are the
    /// table's, earlier ones remove this ward's admissions and add back deaths and moves.
    fn cells_with_counts(&self, built: &[Built]) -> Vec<Cell> {
        let mut rng = super::rng::Rng::fork(SEED, 3);
        let epoch = self.epoch();
        let mut out = vec![];
        for (ci, spec) in self.cells.iter().enumerate() {
            let mine: Vec<&Candidate> = built.iter().map(|b| &b.cand).filter(|c| c.cell_id == spec.id).collect();
            let ceremony = |c: &Candidate| c.process.ceremony.as_ref().map(|x| x.date);
            let left = |c: &Candidate| {
                c.process.exit.as_ref().filter(|e| matches!(e.kind, ExitKind::StruckOff | ExitKind::DecisionCancelled)).map(|e| e.date)
            };
            let official = |c: &Candidate| c.process.recognition.decision.as_ref().map(|d| d.document.date);
            let joined_in = |y: i32| mine.iter().filter(|c| ceremony(c).is_some_and(|d| d.year() == y)).count() as u32;
            let left_in = |y: i32| mine.iter().filter(|c| left(c).is_some_and(|d| d.year() == y)).count() as u32;
            let probationary_at = |y: i32| {
                let jan1 = ymd(y, 1, 1);
                mine.iter()
                    .filter(|c| {
                        ceremony(c).is_some_and(|d| d < jan1) && official(c).is_none_or(|d| d >= jan1) && left(c).is_none_or(|d| d >= jan1)
                    })
                    .count() as u32
            };
            let mut by_year = BTreeMap::new();
            let mut total = spec.size;
            for y in (self.y0 - 3..=self.y0).rev() {
                let probationary = probationary_at(y).min(total);
                by_year.insert(y, CellYear { full_members: total - probationary, probationary_members: probationary });
                // Members lost during the previous year: in the elderly residential cells deaths
                // and moves net of retirees moving in (0.3–1 %); in the agencies, schools and
                // firms transfers and retirements, so they keep about their size (graduating
                // students transfer too).
                let joined = joined_in(y - 1);
                let losses = if spec.area.is_some() {
                    ((spec.size as i64 * rng.range(3, 10) + 500) / 1000) as u32
                } else {
                    joined.saturating_sub(rng.range(0, 1) as u32)
                };
                total = (total + losses + left_in(y - 1)).saturating_sub(joined).max(probationary + 3);
            }
            out.push(Cell {
                id: spec.id.clone(),
                code: spec.code.clone(),
                name: spec.name.clone(),
                kind: spec.kind,
                level: if spec.t9() { CellLevel::TrongDangBoCoSo } else { CellLevel::TrucThuoc },
                grassroots: spec.grassroots.map(String::from),
                committee_member_in_charge: COMMITTEE[spec.in_charge].0.into(),
                secretary: self.secretaries[ci].clone(),
                residential_areas: spec.area.map(|n| vec![format!("Tổ dân phố số {n}")]).unwrap_or_default(),
                members_by_year: by_year,
                no_masses_left: false,
                archived: false,
                created_at: epoch,
                updated_at: epoch,
            });
        }
        out
    }

    /// Year targets (ward 43, cells 1–2, Youth Union 30) for the last three years and this one,
    /// and the term targets (docs/domain.md §3.1 "Target", §4.1).
    fn targets(&self) -> Vec<Target> {
        let mut v = vec![];
        let superior = |d: NaiveDate| if d >= rules_2025_from() { SUPERIOR } else { OLD_SUPERIOR };
        for y in self.y0 - 3..=self.y0 {
            let set_on = ymd(y, 1, 15);
            let at = self.ts(set_on, 9);
            let num = 2 + (mix(y as u64 ^ SEED) % 7);
            v.push(Target {
                id: TargetId::new(format!("ct-{y}-phuong")),
                period: TargetPeriod::Year { year: y },
                scope: TargetScope::Ward,
                value: 43,
                assigned_by: superior(set_on).into(),
                document: format!("Số {num:02}-NQ/TU ngày 15/01/{y}"),
                created_at: at,
                updated_at: at,
            });
            for c in &self.cells {
                v.push(Target {
                    id: TargetId::new(format!("ct-{y}-{}", c.code.to_lowercase())),
                    period: TargetPeriod::Year { year: y },
                    scope: TargetScope::Cell { cell_id: c.id.clone() },
                    value: c.target,
                    assigned_by: WARD_COMMITTEE.into(),
                    document: format!("Số {:02}-NQ/ĐU ngày 20/01/{y}", num + 1),
                    created_at: self.ts(add(set_on, 5), 9),
                    updated_at: self.ts(add(set_on, 5), 9),
                });
            }
            // Source organisation target: outstanding Youth Union members to introduce (S4).
            v.push(Target {
                id: TargetId::new(format!("ct-{y}-doan")),
                period: TargetPeriod::Year { year: y },
                scope: TargetScope::Source { source: SourceOrg::DoanThanhNien },
                value: 30,
                assigned_by: WARD_COMMITTEE.into(),
                document: format!("Số {:02}-NQ/ĐU ngày 20/01/{y}", num + 1),
                created_at: self.ts(add(set_on, 5), 9),
                updated_at: self.ts(add(set_on, 5), 9),
            });
        }
        if self.y0 - 3 <= 2025 {
            let at = self.ts(ymd(2020, 10, 20), 9);
            v.push(Target {
                id: TargetId::new("ct-nk-2020-2025"),
                period: TargetPeriod::Term { start_year: 2020, end_year: 2025 },
                scope: TargetScope::Ward,
                value: 200,
                assigned_by: OLD_SUPERIOR.into(),
                document: "Nghị quyết Đại hội Đảng bộ phường Hòa An nhiệm kỳ 2020–2025".into(),
                created_at: at,
                updated_at: at,
            });
        }
        let at = self.ts(ymd(2025, 9, 20), 9);
        v.push(Target {
            id: TargetId::new("ct-nk-2025-2030"),
            period: TargetPeriod::Term { start_year: 2025, end_year: 2030 },
            scope: TargetScope::Ward,
            value: 215,
            assigned_by: SUPERIOR.into(),
            document: "Nghị quyết Đại hội Đảng bộ phường Hòa An lần thứ I, nhiệm kỳ 2025–2030".into(),
            created_at: at,
            updated_at: at,
        });
        v
    }
}
