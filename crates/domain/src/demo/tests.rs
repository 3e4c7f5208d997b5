//! Tests of the demo ward: determinism, the counts of docs/domain.md §4.1, unique ids, resolving
//! references, and a local consistency check of every candidate against docs/domain.md §2.1–2.3
//! (independent of the pipeline module's own rules).

use super::*;
use crate::dates::{add_months, months_between};
use crate::pipeline::{Stage, Step};
use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use std::collections::{BTreeMap, BTreeSet};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn now_of(today: NaiveDate) -> Timestamp {
    Utc.from_utc_datetime(&today.and_hms_opt(9, 30, 0).unwrap())
}

fn demo(today: NaiveDate) -> WardData {
    demo_ward(today, now_of(today))
}

const TODAY: (i32, u32, u32) = (2026, 3, 15);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

/// Other days the generator must also handle (a new year, the 2025 switch, a season peak).
fn other_days() -> [NaiveDate; 4] {
    [d(2025, 8, 20), d(2026, 1, 2), d(2026, 5, 25), d(2027, 12, 31)]
}

// ---------- the local consistency check ----------

fn allowed(step: Step, from: Stage, to: Stage) -> bool {
    use Stage::*;
    let pre_admission =
        matches!(from, Nguon | CamTinh | DeNghiHoc | DaHoc | DuocLamThuTuc | LapHoSo | ThamTra | ChungNhanLyLich | LayYKien);
    match step {
        Step::AddToSourcePool => from == Nguon && to == Nguon,
        Step::RecogniseSympathiser => from == Nguon && to == CamTinh,
        Step::ProposeClass => from == CamTinh && to == DeNghiHoc,
        Step::RecordCertificate => from == DeNghiHoc && to == DaHoc,
        Step::GrantPermission => from == DaHoc && to == DuocLamThuTuc,
        Step::OpenDossier => from == DuocLamThuTuc && to == LapHoSo,
        Step::SendVerification => matches!(from, LapHoSo | ThamTra) && to == ThamTra,
        Step::ReturnVerification => from == ThamTra && to == ThamTra,
        Step::CertifyCv => from == ThamTra && to == ChungNhanLyLich,
        Step::CollectOpinions => from == ChungNhanLyLich && to == LayYKien,
        Step::CellVote => from == LayYKien && matches!(to, ChiBoXet | KhongDat),
        Step::GrassrootsVote => from == ChiBoXet && to == DangUyCoSoXet,
        Step::SendUp => matches!(from, ChiBoXet | DangUyCoSoXet) && to == ChoQuyetDinh,
        Step::Decide => from == ChoQuyetDinh && matches!(to, DaCoQuyetDinh | BiTuChoi),
        Step::ReceiveDecision => from == DaCoQuyetDinh && to == DaCoQuyetDinh,
        Step::HoldCeremony => from == DaCoQuyetDinh && to == DuBi,
        Step::RecordAfterAdmission => from == DuBi && to == DuBi,
        Step::StartRecognition => from == DuBi && to == XetChinhThuc,
        Step::RecognitionCellVote | Step::RecognitionGrassrootsVote => from == XetChinhThuc && to == XetChinhThuc,
        Step::RecognitionDecision => from == XetChinhThuc && to == ChinhThuc,
        Step::Withdraw => pre_admission && to == RutKhoiDanhSach,
        Step::MoveAway => (pre_admission || matches!(from, ChiBoXet | DangUyCoSoXet | ChoQuyetDinh)) && to == ChuyenDi,
        Step::StrikeOff => matches!(from, DuBi | XetChinhThuc) && to == XoaTenDuBi,
        Step::CancelDecision => matches!(from, DaCoQuyetDinh | DuBi | XetChinhThuc) && to == HuyQuyetDinh,
        Step::StrikeOffCellVote | Step::StrikeOffGrassrootsVote => matches!(from, DuBi | XetChinhThuc) && to == from,
        Step::RenewDossier => false,
    }
}

fn cell_passes(v: &Vote) -> bool {
    v.yes * 3 >= v.convened * 2
}

fn vote_sane(v: &Vote) -> bool {
    v.present <= v.convened && v.yes + v.no <= v.present && !v.resolution.number.starts_with('@')
}

/// Everything docs/domain.md §2 says about one candidate's record; returns the problems found.
fn check_candidate(data: &WardData, c: &Candidate, today: NaiveDate) -> Vec<String> {
    let mut e = vec![];
    let mut err = |s: String| e.push(format!("{} ({}): {s}", c.id, c.stage.label()));
    let h = &c.history;
    if h.is_empty() {
        err("empty history".into());
        return e;
    }
    // History chain.
    if h[0].from != Stage::Nguon {
        err(format!("history starts from {:?}", h[0].from));
    }
    for w in h.windows(2) {
        if w[0].to != w[1].from {
            err(format!("chain broken: {:?}→{:?} then {:?}→{:?}", w[0].from, w[0].to, w[1].from, w[1].to));
        }
        if w[0].date > w[1].date {
            err(format!("dates decrease: {} then {}", w[0].date, w[1].date));
        }
        if w[0].recorded_at > w[1].recorded_at {
            err("recorded_at decreases".into());
        }
    }
    if h.last().unwrap().to != c.stage {
        err("last step does not reach the stage".into());
    }
    for r in h {
        if !allowed(r.step, r.from, r.to) {
            err(format!("step {:?} {:?}→{:?} not allowed", r.step, r.from, r.to));
        }
        let rs = if r.date >= d(2025, 7, 1) { "2025" } else { "2016-2025" };
        if r.rule_set != rs {
            err(format!("rule set {} on {}", r.rule_set, r.date));
        }
        if r.date > today {
            err(format!("step {:?} after today", r.step));
        }
    }
    let cell = data.cell(&c.cell_id).expect("cell resolves");
    let t9 = cell.level == CellLevel::TrongDangBoCoSo;

    // Steps ↔ process fields, with equal dates.
    let steps = |s: Step| h.iter().filter(|r| r.step == s).map(|r| r.date).collect::<Vec<_>>();
    let one = |s: Step| steps(s).first().copied();
    let p = &c.process;
    macro_rules! same {
        ($step:expr, $field:expr) => {
            if one($step) != $field {
                err(format!("{:?}: history {:?} vs process {:?}", $step, one($step), $field));
            }
        };
    }
    same!(Step::AddToSourcePool, p.source_pool.as_ref().map(|x| x.date));
    same!(Step::RecogniseSympathiser, p.sympathiser.as_ref().map(|x| x.resolution.date));
    same!(Step::ProposeClass, p.class_proposal.as_ref().map(|x| x.date));
    same!(Step::RecordCertificate, p.certificate.as_ref().map(|x| x.issued_on));
    same!(Step::GrantPermission, p.permission.as_ref().map(|x| x.date));
    same!(Step::OpenDossier, p.dossier.as_ref().map(|x| x.opened_on));
    same!(Step::CertifyCv, p.cv_certification.as_ref().map(|x| x.date));
    same!(Step::CollectOpinions, p.opinions.as_ref().map(|x| x.date));
    same!(Step::SendUp, p.sent_up_on);
    same!(Step::Decide, p.decision.as_ref().map(|x| x.document.date));
    same!(Step::ReceiveDecision, p.decision_received_on);
    same!(Step::HoldCeremony, p.ceremony.as_ref().map(|x| x.date));
    same!(Step::StartRecognition, p.recognition.self_review_on);
    if one(Step::RecognitionDecision).or(one(Step::StrikeOff)) != p.recognition.decision.as_ref().map(|x| x.document.date) {
        err("recognition / strike-off decision ≠ history".into());
    }
    let dates = |v: &Vec<Vote>| v.iter().map(|x| x.resolution.date).collect::<Vec<_>>();
    if steps(Step::CellVote) != dates(&p.cell_votes) {
        err("cell votes ≠ history".into());
    }
    if steps(Step::GrassrootsVote) != dates(&p.grassroots_votes) {
        err("grassroots votes ≠ history".into());
    }
    let both = |a: Step, b: Step| h.iter().filter(|r| r.step == a || r.step == b).map(|r| r.date).collect::<Vec<_>>();
    if both(Step::RecognitionCellVote, Step::StrikeOffCellVote) != dates(&p.recognition.cell_votes) {
        err("recognition cell votes ≠ history".into());
    }
    if both(Step::RecognitionGrassrootsVote, Step::StrikeOffGrassrootsVote) != dates(&p.recognition.grassroots_votes) {
        err("recognition grassroots votes ≠ history".into());
    }
    let mut sent: Vec<_> = p.verifications.iter().map(|v| v.sent_on).collect();
    sent.sort();
    if steps(Step::SendVerification) != sent {
        err("verifications sent ≠ history".into());
    }
    let mut returned: Vec<_> = p.verifications.iter().filter_map(|v| v.returned_on).collect();
    returned.sort();
    if steps(Step::ReturnVerification) != returned {
        err("verifications returned ≠ history".into());
    }
    for v in &p.verifications {
        if v.returned_on.is_some_and(|r| r < v.sent_on) {
            err("verification returned before sent".into());
        }
    }
    let admin = steps(Step::RecordAfterAdmission);
    let a = &p.after_admission;
    let mut admin_fields: Vec<_> =
        [a.member_records_on, a.database_entry_on, a.new_member_certificate.as_ref().map(|x| x.issued_on)].into_iter().flatten().collect();
    admin_fields.sort();
    if admin != admin_fields {
        err("after-admission records ≠ history".into());
    }
    if a.member_records_on.is_some() && (a.record_number.len() != 8 || !a.record_number.ends_with("TN")) {
        err(format!("record number {:?}", a.record_number));
    }
    // T9 only for cells inside a grassroots organisation, and then before sending up.
    if !t9 && !p.grassroots_votes.is_empty() {
        err("grassroots vote for a cell directly under the ward".into());
    }
    if t9 && p.sent_up_on.is_some() && p.grassroots_votes.is_empty() {
        err("T9 cell sent up without the grassroots vote".into());
    }

    // Exits.
    let exit_stage = match p.exit.as_ref().map(|x| x.kind) {
        Some(ExitKind::Withdrawn) => Some(Stage::RutKhoiDanhSach),
        Some(ExitKind::MovedAway) => Some(Stage::ChuyenDi),
        Some(ExitKind::StruckOff) => Some(Stage::XoaTenDuBi),
        Some(ExitKind::DecisionCancelled) => Some(Stage::HuyQuyetDinh),
        None => None,
    };
    let exit_stages = [Stage::RutKhoiDanhSach, Stage::ChuyenDi, Stage::XoaTenDuBi, Stage::HuyQuyetDinh];
    if exit_stage.is_some() != exit_stages.contains(&c.stage) || exit_stage.is_some_and(|s| s != c.stage) {
        err("exit record does not match the stage".into());
    }
    if let Some(x) = &p.exit {
        let step_date = h.last().map(|r| r.date);
        if step_date != Some(x.date) || x.reason.is_empty() {
            err("exit date or reason".into());
        }
        if x.kind == ExitKind::StruckOff && x.document.as_ref() != p.recognition.decision.as_ref().map(|d| &d.document) {
            err("strike-off document ≠ its decision".into());
        }
        if x.kind == ExitKind::MovedAway && x.destination.is_empty() {
            err("move without destination".into());
        }
    }

    // Helpers: existing full members.
    let full_member = |id: &MemberId, on: NaiveDate| data.member(id).is_some_and(|m| m.is_full_on(on));
    if let Some(s) = &p.sympathiser {
        if s.helpers.is_empty() || !s.helpers.iter().all(|m| full_member(m, s.resolution.date)) {
            err("helpers must be full members".into());
        }
    }
    if let Some(x) = &p.ceremony {
        if !x.helpers.iter().all(|m| full_member(m, x.date)) {
            err("probation helper must be a full member".into());
        }
    }

    // Classes and certificates (R-CERT).
    if let Some(cp) = &p.class_proposal {
        let class = cp.class_id.as_ref().and_then(|id| data.class(id));
        match class {
            Some(k) if k.kind == ClassKind::NhanThuc && k.start > cp.date => {}
            _ => err("class proposal must point to a later awareness class".into()),
        }
    }
    if let Some(cert) = &p.certificate {
        let class = cert.class_id.as_ref().and_then(|id| data.class(id));
        let ok = class.is_some_and(|k| {
            k.certificate_date == Some(cert.issued_on)
                && k.learners
                    .iter()
                    .any(|l| l.candidate_id == c.id && l.result == Some(ClassResult::Dat) && l.certificate_number == cert.number)
        });
        if !ok || cert.number.is_empty() {
            err("certificate not in its class list".into());
        }
    }
    if let Some(cert) = &a.new_member_certificate {
        let class = cert.class_id.as_ref().and_then(|id| data.class(id));
        let ok = class.is_some_and(|k| {
            k.kind == ClassKind::DangVienMoi
                && p.ceremony.as_ref().is_some_and(|x| x.date <= k.start)
                && k.learners.iter().any(|l| l.candidate_id == c.id && l.certificate_number == cert.number)
        });
        if !ok {
            err("new-member certificate not in its class list".into());
        }
    }

    // The cell vote (T8) and what is checked on its date.
    if let Some(v) = p.cell_votes.last() {
        let on = v.resolution.date;
        for v in &p.cell_votes {
            if !vote_sane(v) {
                err(format!("cell vote counts {v:?}"));
            }
        }
        if cell_passes(v) == (c.stage == Stage::KhongDat) {
            err(format!("cell vote {}/{} does not match the stage", v.yes, v.convened));
        }
        let age = months_between(c.birth_date, on);
        if !(216..=720).contains(&age) {
            err(format!("age {age} months at the cell vote (R-AGE)"));
        }
        match &p.certificate {
            Some(cert) if cert.issued_on <= on && months_between(cert.issued_on, on) < 60 => {}
            _ => err("certificate missing or older than 60 months at the cell vote (R-CERT)".into()),
        }
        match &p.dossier {
            Some(dos) => {
                if months_between(dos.opened_on, on) >= 12 {
                    err("dossier older than 12 months at the cell vote (R-DOCAGE)".into());
                }
                let need = if dos.union_introduction.is_some() { 1 } else { 2 };
                if dos.introducers.len() != need {
                    err(format!("{} introducers with union {:?}", dos.introducers.len(), dos.union_introduction.is_some()));
                }
                if let Some(u) = &dos.union_introduction {
                    if u.body == UnionBody::DoanThanhNien && !c.youth_union_member {
                        err("Youth Union introduction for a non-member".into());
                    }
                    if u.resolution.date > dos.opened_on || u.resolution.number.is_empty() {
                        err("union resolution after the dossier or unnumbered".into());
                    }
                }
                let ids: BTreeSet<_> = dos.introducers.iter().map(|i| &i.member_id).collect();
                if ids.len() != dos.introducers.len() {
                    err("the same introducer twice".into());
                }
                for i in &dos.introducers {
                    let m = data.member(&i.member_id);
                    if !m.is_some_and(|m| m.cell_id == c.cell_id && m.is_full_on(on)) {
                        err("introducer is not a full member of the cell (R-INTRO)".into());
                    }
                    if months_between(i.together_since, dos.opened_on) < 12 {
                        err("introducer together < 12 months (R-INTRO)".into());
                    }
                }
            }
            None => err("cell vote without a dossier".into()),
        }
        if let Some(dec) = &p.decision {
            // T10 within 45 working days ≈ 63 calendar days of the cell resolution.
            if (dec.document.date - on).num_days() > 63 {
                err("decision more than ~45 working days after the cell vote".into());
            }
        }
    }
    for v in p.grassroots_votes.iter().chain(&p.recognition.grassroots_votes).chain(&p.recognition.cell_votes) {
        if !vote_sane(v) || !cell_passes(v) {
            err(format!("vote below two thirds {v:?}"));
        }
    }
    for (k, dec) in [&p.decision, &p.recognition.decision].into_iter().enumerate() {
        let Some(dec) = dec else { continue };
        let Some(v) = &dec.vote else {
            err("decision without the Standing Committee's vote".into());
            continue;
        };
        // A strike-off decision (T15) is a passing vote on a recognition that is not approved.
        let struck = k == 1 && c.stage == Stage::XoaTenDuBi;
        if !vote_sane(v) || (v.yes * 2 > v.convened) != (dec.approved || struck) || dec.document.number.is_empty() {
            err(format!("Standing Committee vote {}/{} vs approved {}", v.yes, v.convened, dec.approved));
        }
    }
    if p.decision.as_ref().is_some_and(|x| !x.approved) != (c.stage == Stage::BiTuChoi) {
        err("rejection does not match the stage".into());
    }
    // Ceremony within 30 wd of receipt; probation 12 months (T11, T13).
    if let (Some(x), Some(r)) = (&p.ceremony, p.decision_received_on) {
        if x.date < r || ((x.date - r).num_days() > 42 && x.late_consent.is_none()) {
            err("ceremony outside 30 working days of receipt".into());
        }
    }
    if let (Some(x), Some(s)) = (&p.ceremony, p.recognition.self_review_on) {
        if s < add_months(x.date, 12) {
            err("self-review before the end of probation".into());
        }
    }
    // Youth Union members are of youth age (≤ 30) while their dossier is made.
    let youth_on = p.dossier.as_ref().map(|x| x.opened_on).or(p.sympathiser.as_ref().map(|x| x.resolution.date));
    if c.youth_union_member && youth_on.is_some_and(|on| c.age_months_on(on) >= 31 * 12) {
        err("Youth Union member over youth age".into());
    }
    for (i, r) in h.iter().enumerate() {
        if r.late.is_some() || !r.acknowledged.is_empty() {
            err(format!("step {i} marked late or acknowledged"));
        }
    }
    e
}

/// Every id of the record, with its kind.
fn all_ids(data: &WardData) -> Vec<String> {
    let mut v = vec![data.ward.id.to_string()];
    v.extend(data.cells.iter().map(|x| x.id.to_string()));
    v.extend(data.members.iter().map(|x| x.id.to_string()));
    v.extend(data.candidates.iter().map(|x| x.id.to_string()));
    v.extend(data.classes.iter().map(|x| x.id.to_string()));
    v.extend(data.targets.iter().map(|x| x.id.to_string()));
    v
}

fn assert_unique_ids(data: &WardData) {
    let ids = all_ids(data);
    let set: BTreeSet<_> = ids.iter().collect();
    assert_eq!(set.len(), ids.len(), "duplicate ids");
}

fn broken_references(data: &WardData) -> Vec<String> {
    let cells: BTreeSet<_> = data.cells.iter().map(|x| &x.id).collect();
    let members: BTreeSet<_> = data.members.iter().map(|x| &x.id).collect();
    let cands: BTreeSet<_> = data.candidates.iter().map(|x| &x.id).collect();
    let classes: BTreeSet<_> = data.classes.iter().map(|x| &x.id).collect();
    let mut bad = vec![];
    for m in &data.members {
        if !cells.contains(&m.cell_id) {
            bad.push(format!("member {} → cell {}", m.id, m.cell_id));
        }
    }
    for c in &data.candidates {
        if !cells.contains(&c.cell_id) {
            bad.push(format!("{} → cell {}", c.id, c.cell_id));
        }
        let p = &c.process;
        let mut mem: Vec<&MemberId> = vec![];
        if let Some(s) = &p.sympathiser {
            mem.extend(&s.helpers);
        }
        if let Some(dos) = &p.dossier {
            mem.extend(dos.introducers.iter().map(|i| &i.member_id));
        }
        if let Some(x) = &p.ceremony {
            mem.extend(&x.helpers);
        }
        for m in mem {
            if !members.contains(m) {
                bad.push(format!("{} → member {m}", c.id));
            }
        }
        let cls = [
            p.class_proposal.as_ref().and_then(|x| x.class_id.as_ref()),
            p.certificate.as_ref().and_then(|x| x.class_id.as_ref()),
            p.after_admission.new_member_certificate.as_ref().and_then(|x| x.class_id.as_ref()),
        ];
        for k in cls.into_iter().flatten() {
            if !classes.contains(k) {
                bad.push(format!("{} → class {k}", c.id));
            }
        }
    }
    for k in &data.classes {
        for l in &k.learners {
            if !cands.contains(&l.candidate_id) {
                bad.push(format!("class {} → {}", k.id, l.candidate_id));
            }
        }
    }
    for t in &data.targets {
        if let TargetScope::Cell { cell_id } = &t.scope {
            if !cells.contains(cell_id) {
                bad.push(format!("target {} → {cell_id}", t.id));
            }
        }
    }
    bad
}

fn admitted_in(data: &WardData, year: i32) -> usize {
    data.candidates.iter().filter(|c| c.process.decision.as_ref().is_some_and(|x| x.approved && x.document.date.year() == year)).count()
}

fn stage_counts(data: &WardData) -> BTreeMap<Stage, usize> {
    let mut m = BTreeMap::new();
    for c in &data.candidates {
        *m.entry(c.stage).or_insert(0) += 1;
    }
    m
}

// ---------- the tests ----------

#[test]
fn demo_is_deterministic() {
    let a = demo(today());
    let b = demo(today());
    assert_eq!(a, b);
    let ja = serde_json::to_string(&a).unwrap();
    let jb = serde_json::to_string(&b).unwrap();
    assert_eq!(ja, jb);
    // And it round-trips through the file format.
    let back: WardData = serde_json::from_str(&ja).unwrap();
    assert_eq!(back, a);
}

#[test]
fn demo_counts_match_domain_section_4() {
    let data = demo(today());
    let y0 = today().year();
    assert_eq!(data.ward.full_name(), "Đảng bộ phường Hòa An");
    assert_eq!(data.ward.superior, "Tỉnh ủy Thái Nguyên");
    assert_eq!(data.cells.len(), 31);
    assert_eq!(data.cells.iter().filter(|c| c.kind == CellKind::KhuDanCu).count(), 21);
    assert_eq!(data.cells.iter().filter(|c| c.level == CellLevel::TrongDangBoCoSo).count(), 1);
    // Members this year ≈ 1,720 (residential ≈ 1,495, one cell ≈ 119), growing every year.
    let total = |y: i32| data.cells.iter().map(|c| c.members_by_year[&y].total()).sum::<u32>();
    let residential: u32 = data.cells.iter().filter(|c| c.kind.is_residential()).map(|c| c.members_by_year[&y0].total()).sum();
    assert!((1700..=1740).contains(&total(y0)), "members {}", total(y0));
    assert!((1480..=1510).contains(&residential), "residential {residential}");
    assert!(data.cells.iter().any(|c| c.members_by_year[&y0].total() == 119));
    for y in y0 - 3..y0 {
        assert!(total(y) <= total(y + 1) + 5, "members {y}: {} → {}", total(y), total(y + 1));
    }
    // Committee members in charge of 2–3 cells each.
    let mut in_charge: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &data.cells {
        *in_charge.entry(c.committee_member_in_charge.as_str()).or_default() += 1;
    }
    assert_eq!(in_charge.len(), 15);
    assert!(in_charge.values().all(|n| (2..=3).contains(n)));
    // Targets: 43 for the ward every year; cells sum to it.
    for y in y0 - 3..=y0 {
        let ward = data.targets.iter().find(|t| t.period == TargetPeriod::Year { year: y } && t.scope == TargetScope::Ward);
        assert_eq!(ward.map(|t| t.value), Some(43));
        let cells: u32 = data
            .targets
            .iter()
            .filter(|t| t.period == TargetPeriod::Year { year: y } && matches!(t.scope, TargetScope::Cell { .. }))
            .map(|t| t.value)
            .sum();
        assert_eq!(cells, 43);
    }
    assert!(data.targets.iter().any(|t| t.period == TargetPeriod::Term { start_year: 2025, end_year: 2030 } && t.value == 215));
    // Every stage present.
    let stages = stage_counts(&data);
    for s in Stage::ALL {
        assert!(stages.contains_key(&s), "no candidate in {s:?}");
    }
    // ≈ 45 admitted in each full year, ≈ 40 probationary now, ≈ 38 recognised a year.
    for y in y0 - 3..y0 {
        let n = admitted_in(&data, y);
        assert!((42..=50).contains(&n), "admitted in {y}: {n}");
        let recognised =
            data.candidates.iter().filter(|c| c.process.recognition.decision.as_ref().is_some_and(|x| x.document.date.year() == y)).count();
        assert!((33..=52).contains(&recognised), "recognised in {y}: {recognised}");
        let sympathisers =
            data.candidates.iter().filter(|c| c.process.sympathiser.as_ref().is_some_and(|x| x.resolution.date.year() == y)).count();
        assert!((50..=80).contains(&sympathisers), "sympathisers in {y}: {sympathisers}");
        let dossiers = data.candidates.iter().filter(|c| c.process.dossier.as_ref().is_some_and(|x| x.opened_on.year() == y)).count();
        assert!((40..=65).contains(&dossiers), "dossiers in {y}: {dossiers}");
        let awareness: Vec<_> = data.classes.iter().filter(|k| k.kind == ClassKind::NhanThuc && k.start.year() == y).collect();
        assert_eq!(awareness.len(), 2, "awareness classes in {y}");
        for k in awareness {
            assert!((18..=45).contains(&k.learners.len()), "{} has {} learners", k.id, k.learners.len());
            assert!(k.certificate_date.is_some());
        }
    }
    let probationary = stages[&Stage::DuBi] + stages[&Stage::XetChinhThuc];
    assert!((30..=55).contains(&probationary), "probationary {probationary}");
    assert_eq!(data.members.iter().filter(|m| m.status == MemberStatus::DuBi).count(), probationary);
    // Member directory: 4–8 per cell, including the probationary members.
    for c in &data.cells {
        let full = data.members.iter().filter(|m| m.cell_id == c.id && m.status != MemberStatus::DuBi).count();
        assert!((4..=6).contains(&full), "{} has {full} full members listed", c.code);
        assert!(data.members.iter().any(|m| m.cell_id == c.id && m.full_name == c.secretary));
    }
}

#[test]
fn demo_demographics_of_admissions() {
    let data = demo(today());
    let y0 = today().year();
    let admitted: Vec<&Candidate> = data
        .candidates
        .iter()
        .filter(|c| c.process.decision.as_ref().is_some_and(|x| x.approved && (y0 - 3..y0).contains(&x.document.date.year())))
        .collect();
    let n = admitted.len() as f64;
    let share = |f: &dyn Fn(&&Candidate) -> bool| admitted.iter().filter(|c| f(c)).count() as f64 / n * 100.0;
    let vote = |c: &Candidate| c.process.cell_votes.last().unwrap().resolution.date;
    let youth = share(&|c| c.youth_union_member);
    let women = share(&|c| c.sex == Sex::Nu);
    let young = share(&|c| c.age_months_on(vote(c)) < 31 * 12);
    let pupils = share(&|c| c.groups.contains(&TargetGroup::HocSinhThpt));
    let soldiers = share(&|c| c.groups.contains(&TargetGroup::QuanNhanXuatNgu) || c.groups.contains(&TargetGroup::DanQuanTuVe));
    let kinh = share(&|c| c.ethnicity == Ethnicity::KINH);
    println!(
        "admitted {n}: Youth Union {youth:.1} %, women {women:.1} %, 18–30 {young:.1} %, high-school {pupils:.1} %, \
         soldiers/militia {soldiers:.1} %, Kinh {kinh:.1} %"
    );
    assert!((55.0..=75.0).contains(&youth), "Youth Union {youth}");
    assert!((40.0..=60.0).contains(&women), "women {women}");
    assert!((55.0..=75.0).contains(&young), "aged 18–30 {young}");
    assert!((8.0..=17.0).contains(&pupils), "high-school students {pupils}");
    assert!((2.0..=10.0).contains(&soldiers), "soldiers/militia {soldiers}");
    assert!((80.0..=94.0).contains(&kinh), "Kinh {kinh}");
    for c in admitted.iter().filter(|c| c.groups.contains(&TargetGroup::HocSinhThpt)) {
        assert_eq!(c.age_months_on(vote(c)) / 12, 18, "{} is a student of 18", c.id);
    }
    // Decisions cluster in the four seasons.
    let in_season = share(&|c| {
        let dd = c.process.decision.as_ref().unwrap().document.date;
        matches!(dd.month(), 1 | 2 | 4 | 5 | 8 | 9 | 11 | 12)
    });
    assert!(in_season > 85.0, "in season {in_season}");
}

#[test]
fn demo_admissions_fill_every_row_of_bieu_2() {
    use crate::statistics::{bieu2, Bieu2Row, FormValue, Period, Report, Scope};
    let data = demo(today());
    // The admissions the demo holds (three years and this one): every occupation row, each
    // flag, some titles.
    let period = Period::range(d(today().year() - 3, 1, 1), today());
    let report = Report::compute(&data, period, &Scope::Ward, today());
    let lines = bieu2(&report, &data);
    let value = |row: Bieu2Row| lines.iter().find(|l| l.row == row).map(|l| l.value).unwrap();
    let mut empty = vec![];
    for o in Occupation::ALL {
        if value(Bieu2Row::Occupation(o)) == FormValue::Count(0) {
            empty.push(o.label());
        }
    }
    let counts: Vec<String> = lines.iter().map(|l| format!("{} {}: {}", l.number, l.label, l.value.text())).collect();
    println!("{}", counts.join("\n"));
    assert!(empty.is_empty(), "rows with nobody admitted: {empty:?}");
    for row in [Bieu2Row::PopulationPolicy, Bieu2Row::ForeignMarriage, Bieu2Row::Title(AcademicTitle::PhoGiaoSu), Bieu2Row::PrivateOwner] {
        let FormValue::Count(n) = value(row) else { panic!("{row:?}") };
        assert!((1..=10).contains(&n), "{row:?}: {n}");
    }
    // Everyone in the demo has a real row: no review marks.
    assert!(data.candidates.iter().all(|c| c.occupation_review.is_none()));
}

#[test]
fn demo_names_are_invented_and_unique() {
    let data = demo(today());
    let mut names: Vec<&str> = data.candidates.iter().map(|c| c.full_name.as_str()).collect();
    names.extend(data.members.iter().filter(|m| m.status != MemberStatus::DuBi).map(|m| m.full_name.as_str()));
    let set: BTreeSet<_> = names.iter().collect();
    assert_eq!(set.len(), names.len(), "duplicate names");
    for n in names.iter().chain(tables::COMMITTEE.iter().map(|(n, _)| n)) {
        assert!(!tables::FAMOUS.contains(n), "{n}");
        assert!(n.split_whitespace().count() >= 3, "{n}");
    }
}

#[test]
fn demo_ids_unique_and_readable() {
    let data = demo(today());
    assert_unique_ids(&data);
    assert!(data.cells.iter().any(|c| c.id.as_str() == "cb-tdp01"));
    assert!(data.candidates.iter().any(|c| c.id.as_str() == "qc-0001"));
    assert!(data.members.iter().any(|c| c.id.as_str() == "dv-0001"));
    assert!(data.classes.iter().any(|c| c.id.as_str() == format!("lop-{}-1", today().year() - 1)));
    assert!(data.targets.iter().all(|t| t.id.as_str().starts_with("ct-")));
}

#[test]
fn demo_references_resolve() {
    let data = demo(today());
    let bad = broken_references(&data);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn demo_candidates_are_consistent() {
    for t in std::iter::once(today()).chain(other_days()) {
        let data = demo(t);
        let problems: Vec<String> = data.candidates.iter().flat_map(|c| check_candidate(&data, c, t)).collect();
        assert!(problems.is_empty(), "{t}: {} problems:\n{}", problems.len(), problems[..problems.len().min(40)].join("\n"));
        let stages = stage_counts(&data);
        for s in Stage::ALL {
            assert!(stages.contains_key(&s), "{t}: no candidate in {s:?}");
        }
        assert!(broken_references(&data).is_empty(), "{t}");
        assert_unique_ids(&data);
        // Document numbers are filled and unique per issuer (number + suffix).
        let mut numbers = BTreeSet::new();
        for c in &data.candidates {
            let mut p = c.process.clone();
            finish::for_each_doc(&mut p, &mut |d| {
                if !d.number.is_empty() {
                    assert!(!d.number.starts_with('@'), "placeholder left: {}", d.number);
                    // Cells, unit Youth Unions and trade unions each number their own resolutions.
                    let own = ["NQ/CB", "NQ/ĐTN", "NQ/CĐCS"].iter().any(|s| d.number.ends_with(s));
                    let pool = if own { c.cell_id.to_string() } else { d.signer.clone() };
                    assert!(numbers.insert((pool, d.date.year(), d.number.clone())), "number twice: {} {}", d.number, d.date);
                }
            });
        }
    }
}

/// The pipeline module's own invariants hold for every demo candidate (the demo is built
/// without `apply`, so this cross-checks the two).
#[test]
fn demo_candidates_satisfy_pipeline_invariants() {
    for t in std::iter::once(today()).chain(other_days()) {
        let data = demo(t);
        let bad: Vec<String> =
            data.candidates.iter().filter_map(|c| crate::pipeline::check_invariants(c).err().map(|e| format!("{}: {e}", c.id))).collect();
        assert!(bad.is_empty(), "{t}: {bad:#?}");
    }
}

#[test]
fn demo_overdue_cases_present() {
    let t = today();
    let data = demo(t);
    let days = |a: NaiveDate| (t - a).num_days();
    let pending_decision = data.candidates.iter().any(|c| {
        c.stage == Stage::ChoQuyetDinh && c.process.cell_votes.last().is_some_and(|v| days(v.resolution.date) as f64 > 45.0 * 1.4)
    });
    let no_ceremony = data
        .candidates
        .iter()
        .any(|c| c.stage == Stage::DaCoQuyetDinh && c.process.decision.as_ref().is_some_and(|x| days(x.document.date) >= 40));
    let probation_over = data
        .candidates
        .iter()
        .any(|c| c.stage == Stage::DuBi && c.process.ceremony.as_ref().is_some_and(|x| days(add_months(x.date, 12)) >= 50));
    let unanswered = data
        .candidates
        .iter()
        .any(|c| c.stage == Stage::ThamTra && c.process.verifications.iter().any(|v| v.returned_on.is_none() && days(v.sent_on) >= 85));
    let stale_dossier = data
        .candidates
        .iter()
        .any(|c| c.process.cell_votes.is_empty() && c.process.dossier.as_ref().is_some_and(|x| months_between(x.opened_on, t) >= 12));
    assert!(pending_decision && no_ceremony && probation_over && unanswered && stale_dossier);
}

#[test]
fn scale_multiplies_candidates() {
    let data = demo(today());
    let big = scale(&data, 10);
    assert_eq!(big.candidates.len(), data.candidates.len() * 10);
    assert_eq!(big.classes.len(), data.classes.len() * 10);
    assert_eq!(big, scale(&data, 10), "deterministic");
    assert_unique_ids(&big);
    let bad = broken_references(&big);
    assert!(bad.is_empty(), "{:#?}", &bad[..bad.len().min(20)]);
    let problems: Vec<String> = big.candidates.iter().take(3000).flat_map(|c| check_candidate(&big, c, today())).collect();
    assert!(problems.is_empty(), "{:#?}", &problems[..problems.len().min(20)]);
    assert_eq!(
        big.members.iter().filter(|m| m.status == MemberStatus::DuBi).count(),
        data.members.iter().filter(|m| m.status == MemberStatus::DuBi).count() * 10
    );
    assert_eq!(scale(&data, 1), data);
}

/// Prints the sizes and timings asked for by the brief (run with `--nocapture`).
#[test]
fn report_sizes_and_timing() {
    let t0 = std::time::Instant::now();
    let data = demo(today());
    let gen = t0.elapsed();
    let json = serde_json::to_string(&data).unwrap();
    let factor = 10_000usize.div_ceil(data.candidates.len()) as u32;
    let t1 = std::time::Instant::now();
    let big = scale(&data, factor);
    let scale_time = t1.elapsed();
    let big_json = serde_json::to_string(&big).unwrap();
    let ten = serde_json::to_string(&scale(&data, 10)).unwrap();
    let stages = stage_counts(&data);
    let y0 = today().year();
    println!("demo_ward({}): generated in {gen:?}", today());
    println!(
        "  cells {}, members listed {}, members {} (start of {y0}), candidates {}, classes {}, targets {}",
        data.cells.len(),
        data.members.len(),
        data.cells.iter().map(|c| c.members_by_year[&y0].total()).sum::<u32>(),
        data.candidates.len(),
        data.classes.len(),
        data.targets.len()
    );
    for (s, n) in &stages {
        println!("  {:<16} {n}", format!("{s:?}"));
    }
    let year_of = |d: Option<NaiveDate>, y: i32| d.is_some_and(|d| d.year() == y);
    let count = |y: i32, f: &dyn Fn(&Candidate) -> Option<NaiveDate>| data.candidates.iter().filter(|c| year_of(f(c), y)).count();
    println!("  year  members(1/1)  sympathisers  dossiers  admitted  recognised  exits");
    for y in y0 - 4..=y0 {
        println!(
            "  {y}  {:>12}  {:>12}  {:>8}  {:>8}  {:>10}  {:>5}",
            data.cells.iter().filter_map(|c| c.members_by_year.get(&y)).map(|c| c.total()).sum::<u32>(),
            count(y, &|c| c.process.sympathiser.as_ref().map(|x| x.resolution.date)),
            count(y, &|c| c.process.dossier.as_ref().map(|x| x.opened_on)),
            admitted_in(&data, y),
            count(y, &|c| c.process.recognition.decision.as_ref().filter(|x| x.approved).map(|x| x.document.date)),
            count(y, &|c| c.process.exit.as_ref().map(|x| x.date)),
        );
    }
    for k in data.classes.iter().filter(|k| k.start.year() >= y0 - 3) {
        print!("  {} {}; ", k.id, k.learners.len());
    }
    println!();
    println!("  JSON {} bytes (UTF-8, compact)", json.len());
    println!("scale ×10: {} candidates, JSON {} bytes", data.candidates.len() * 10, ten.len());
    println!("scale ×{factor}: {} candidates in {scale_time:?}, JSON {} bytes", big.candidates.len(), big_json.len());
    assert!(big.candidates.len() >= 10_000);
}

/// Writes the demo ward as pretty JSON to the temp directory, for inspection (`--ignored`).
#[test]
#[ignore]
fn dump_demo_json() {
    let data = demo(today());
    let path = std::env::temp_dir().join("demo-ward.json");
    std::fs::write(&path, serde_json::to_string_pretty(&data).unwrap()).unwrap();
    println!("wrote {}", path.display());
}

/// A wider sweep of `today` values (slow in debug builds: run with `--ignored`).
#[test]
#[ignore]
fn demo_sweep_of_days() {
    let mut day = d(2024, 1, 5);
    while day < d(2031, 12, 31) {
        let data = demo(day);
        let problems: Vec<String> = data.candidates.iter().flat_map(|c| check_candidate(&data, c, day)).collect();
        assert!(problems.is_empty(), "{day}: {:#?}", &problems[..problems.len().min(10)]);
        let stages = stage_counts(&data);
        assert!(Stage::ALL.iter().all(|s| stages.contains_key(s)), "{day}: missing stages");
        assert!(broken_references(&data).is_empty(), "{day}");
        assert_unique_ids(&data);
        let invariants: Vec<String> =
            data.candidates.iter().filter_map(|c| crate::pipeline::check_invariants(c).err().map(|e| format!("{}: {e}", c.id))).collect();
        assert!(invariants.is_empty(), "{day}: {invariants:#?}");
        let total: u32 = data.cells.iter().map(|c| c.members_by_year[&day.year()].total()).sum();
        assert_eq!(total, 1720);
        day = add(day, 37);
    }
}
