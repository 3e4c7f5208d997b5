//! Turning a plan and its timeline into a `Candidate`: one small function per act fills the
//! step's record of docs/domain.md §2.2 (numbers, dates, votes, people) and appends the history entry.

use super::people::{candidate_person, Person};
use super::plans::{Fate, Plan};
use super::rng::Rng;
use super::schedule::{add, centre, rule_set, rules_2025_from};
use super::tables::*;
use super::timeline::{Act, Timeline};
use super::{CellSpec, Gen, SEED};
use crate::model::*;
use crate::pipeline::{Stage, Step, StepRecord};
use chrono::{Datelike, NaiveDate};

/// A built candidate and what the class lists need to know about them.
pub(super) struct Built {
    pub cand: Candidate,
    /// Order of creation (plan number), for stable sorting.
    pub order: u64,
    /// Awareness class (index) and the learner's result, if proposed for a class.
    pub learner: Option<(usize, Option<ClassResult>)>,
    /// New-member class (index) and result, if registered.
    pub nm_learner: Option<(usize, Option<ClassResult>)>,
}

/// A document number to be filled in later, in date order per issuer and year
/// (`finish::number_documents`): "@pool#suffix".
pub(super) fn doc(pool: &str, suffix: &str, date: NaiveDate, signer: &str) -> DocRef {
    DocRef { number: format!("@{pool}#{suffix}"), date, signer: signer.to_string() }
}

/// Placeholder of a certificate or record number, numbered later.
pub(super) const CERT_PLACEHOLDER: &str = "@gcn";
pub(super) const RECORD_PLACEHOLDER: &str = "@lldv";

/// The body that decides admission and recognition on `date` (docs/domain.md §0, §2.4): the ward's
/// Standing Committee since 01/7/2025, the city's before. (pool, QĐ suffix, TB pool, TB suffix,
/// signer, Standing Committee size)
fn decider(date: NaiveDate) -> (&'static str, &'static str, &'static str, &'static str, &'static str, u32) {
    if date >= rules_2025_from() {
        ("dbp", "QĐ/ĐU", "dbp-tb", "TB/ĐU", COMMITTEE[WARD_SECRETARY].0, BTV_SIZE)
    } else {
        ("tu", "QĐ/TU", "tu-tb", "TB/TU", OLD_CITY_SIGNER, OLD_BTV_SIZE)
    }
}

fn ward_signer(date: NaiveDate) -> &'static str {
    if date >= rules_2025_from() {
        COMMITTEE[WARD_SECRETARY].0
    } else {
        OLD_WARD_SECRETARY
    }
}

/// A vote that reaches `num/den` of `convened` (≥ 2/3 for cells and grassroots committees,
/// > 1/2 for the Standing Committee; R-VOTE).
fn passing_vote(rng: &mut Rng, resolution: DocRef, convened: u32, strict_half: bool) -> Vote {
    let passes = |yes: u32| if strict_half { yes * 2 > convened } else { yes * 3 >= convened * 2 };
    let absent = rng.below(u64::from(convened / 8 + 1)) as u32;
    let mut present = convened - absent;
    let mut no = if rng.chance(0.2) { 1.min(present) } else { 0 };
    let mut yes = present - no;
    if !passes(yes) {
        present = convened;
        no = 0;
        yes = convened;
    }
    Vote { resolution, convened, present, yes, no }
}

/// A vote short of two thirds (T8 fails).
fn failing_vote(rng: &mut Rng, resolution: DocRef, convened: u32) -> Vote {
    let needed = (convened * 2).div_ceil(3);
    let yes = needed.saturating_sub(1 + rng.below(2) as u32);
    let present = convened.min(yes + 2 + rng.below(3) as u32);
    Vote { resolution, convened, present, yes, no: present - yes }
}

/// Full members convened for a vote: residential cells exempt many elderly members.
fn cell_convened(rng: &mut Rng, cell: &CellSpec) -> u32 {
    let pct = if cell.area.is_some() { rng.range(70, 85) } else { rng.range(85, 97) } as u32;
    (cell.size * pct / 100).max(3)
}

fn stage_of(act: Act, fate: &Fate) -> Stage {
    match act {
        Act::Source => Stage::Nguon,
        Act::Sympathiser => Stage::CamTinh,
        Act::Proposal => Stage::DeNghiHoc,
        Act::Certificate => Stage::DaHoc,
        Act::Permission => Stage::DuocLamThuTuc,
        Act::Dossier => Stage::LapHoSo,
        Act::Send(_) | Act::Return(_) => Stage::ThamTra,
        Act::CvCert => Stage::ChungNhanLyLich,
        Act::Opinions => Stage::LayYKien,
        Act::CellVote if matches!(fate, Fate::FailCellVote) => Stage::KhongDat,
        Act::CellVote => Stage::ChiBoXet,
        Act::GrassrootsVote => Stage::DangUyCoSoXet,
        Act::SendUp => Stage::ChoQuyetDinh,
        Act::Decide if matches!(fate, Fate::Rejected) => Stage::BiTuChoi,
        Act::Decide | Act::Receive => Stage::DaCoQuyetDinh,
        Act::Ceremony | Act::MemberRecords | Act::DatabaseEntry | Act::NewMemberCert => Stage::DuBi,
        Act::StartRecognition | Act::RecCellVote | Act::RecGrassrootsVote => Stage::XetChinhThuc,
        Act::RecDecision => Stage::ChinhThuc,
    }
}

fn step_of(act: Act) -> Step {
    match act {
        Act::Source => Step::AddToSourcePool,
        Act::Sympathiser => Step::RecogniseSympathiser,
        Act::Proposal => Step::ProposeClass,
        Act::Certificate => Step::RecordCertificate,
        Act::Permission => Step::GrantPermission,
        Act::Dossier => Step::OpenDossier,
        Act::Send(_) => Step::SendVerification,
        Act::Return(_) => Step::ReturnVerification,
        Act::CvCert => Step::CertifyCv,
        Act::Opinions => Step::CollectOpinions,
        Act::CellVote => Step::CellVote,
        Act::GrassrootsVote => Step::GrassrootsVote,
        Act::SendUp => Step::SendUp,
        Act::Decide => Step::Decide,
        Act::Receive => Step::ReceiveDecision,
        Act::Ceremony => Step::HoldCeremony,
        Act::MemberRecords | Act::DatabaseEntry | Act::NewMemberCert => Step::RecordAfterAdmission,
        Act::StartRecognition => Step::StartRecognition,
        Act::RecCellVote => Step::RecognitionCellVote,
        Act::RecGrassrootsVote => Step::RecognitionGrassrootsVote,
        Act::RecDecision => Step::RecognitionDecision,
    }
}

/// Who is verified in each slot of the timeline.
fn subject(slot: u8, sex: Sex) -> &'static str {
    match slot {
        0 => "Bản thân",
        1 => "Bố",
        2 => "Mẹ",
        _ => {
            if sex == Sex::Nam {
                "Vợ"
            } else {
                "Chồng"
            }
        }
    }
}

/// What the walker carries while building one candidate.
struct Walk<'a> {
    g: &'a Gen,
    cell: &'a CellSpec,
    person: &'a Person,
    tl: &'a Timeline,
    fate: Fate,
    rng: Rng,
    cand: Candidate,
    helpers: Vec<MemberId>,
    convened: u32,
    last_recorded: Option<Timestamp>,
}

impl Walk<'_> {
    fn cell_pool(&self) -> String {
        self.cell.id.to_string()
    }

    fn secretary(&self) -> &str {
        &self.g.secretaries[self.g.cells.iter().position(|c| c.id == self.cell.id).unwrap_or(0)]
    }

    fn record(&mut self, step: Step, date: NaiveDate, to: Stage) {
        let lag = self.rng.range(0, 2);
        let hour = self.rng.range(8, 17) as u32;
        let mut at = self.g.ts(add(date, lag), hour);
        if let Some(prev) = self.last_recorded {
            at = at.max(prev);
        }
        self.last_recorded = Some(at);
        let from = self.cand.stage;
        self.cand.history.push(StepRecord {
            step,
            date,
            from,
            to,
            rule_set: rule_set(date).to_string(),
            recorded_at: at,
            late: None,
            acknowledged: vec![],
        });
        self.cand.stage = to;
    }

    /// Who proposed the person: the union or organisation behind them.
    fn proposer(&self) -> String {
        let p = self.person;
        if p.youth_union {
            if self.cell.area.is_some() {
                format!("Chi đoàn {}", p.residence)
            } else {
                format!("Đoàn Thanh niên {}", self.cell.unit)
            }
        } else if p.sources.contains(&SourceOrg::HoiPhuNu) {
            "Hội Liên hiệp Phụ nữ phường Hòa An".into()
        } else if p.veteran {
            "Hội Cựu chiến binh phường Hòa An".into()
        } else if p.sources.contains(&SourceOrg::CongDoan) {
            format!("Công đoàn {}", self.cell.unit)
        } else {
            format!("Ban công tác Mặt trận {}", p.residence)
        }
    }

    fn opinion_bodies(&self) -> Vec<String> {
        let p = self.person;
        let mut v = vec![];
        if p.youth_union {
            v.push(if self.cell.area.is_some() {
                "Đoàn Thanh niên phường Hòa An".to_string()
            } else {
                format!("Đoàn Thanh niên {}", self.cell.unit)
            });
        }
        if p.sex == Sex::Nu && !p.youth_union && self.cell.area.is_some() {
            v.push("Hội Liên hiệp Phụ nữ phường Hòa An".into());
        }
        if p.trade_union && self.cell.area.is_none() {
            v.push(format!("Công đoàn {}", self.cell.unit));
        }
        if p.veteran {
            v.push("Hội Cựu chiến binh phường Hòa An".into());
        }
        // The residence cell's committee, or the residential area's Front committee.
        if self.cell.area.is_some() {
            v.push(format!("Ban công tác Mặt trận {}", p.residence));
        } else if p.residence.starts_with("Tổ dân phố") {
            v.push(format!("Chi ủy Chi bộ {} (nơi cư trú)", p.residence));
        } else {
            v.push(format!("Chi ủy nơi cư trú ({})", p.residence));
        }
        v
    }

    fn verification_place(&mut self, slot: u8, abroad: bool) -> String {
        if abroad {
            return VERIFY_ABROAD.to_string();
        }
        let res = &self.person.residence;
        if slot == 0 && res.starts_with("Tổ dân phố") {
            return format!("{WARD_COMMITTEE} (Chi bộ {res})");
        }
        if slot != 3 && self.rng.chance(0.55) {
            return WARD_COMMITTEE.to_string();
        }
        self.rng.pick(&VERIFY_PLACES).to_string()
    }

    /// The dossier's introduction (R-INTRO): Youth Union (or trade union) resolution plus one
    /// full member, or two full members; together with the applicant for 15+ months.
    fn introduction(&mut self) -> Dossier {
        let tl = self.tl;
        let p = self.person;
        let union = if p.youth_union {
            Some(UnionBody::DoanThanhNien)
        } else if p.trade_union && self.cell.area.is_none() && self.rng.chance(0.5) {
            Some(UnionBody::CongDoan)
        } else {
            None
        };
        let union_introduction = union.map(|body| {
            let (pool, suffix, signer) = match body {
                UnionBody::DoanThanhNien if self.cell.area.is_some() => {
                    ("dtn-phuong".to_string(), "NQ/ĐTN", COMMITTEE[YOUTH_SECRETARY].0.to_string())
                }
                UnionBody::DoanThanhNien => (format!("dtn-{}", self.cell.id), "NQ/ĐTN", format!("Ban Chấp hành Đoàn {}", self.cell.unit)),
                UnionBody::CongDoan => (format!("cd-{}", self.cell.id), "NQ/CĐCS", format!("Ban Chấp hành Công đoàn {}", self.cell.unit)),
            };
            UnionIntroduction { body, resolution: doc(&pool, suffix, tl.union_resolution, &signer) }
        });
        let n = if union.is_some() { 1 } else { 2 };
        let since = |w: &mut Walk, k: usize| -> NaiveDate {
            if w.person.student {
                // Teachers know the student since grade 10 (September, ≥ 20 months before).
                let y = tl.cell_vote.year();
                let start_year = if tl.cell_vote.month() == 12 { y - 2 } else { y - 3 };
                super::schedule::ymd(start_year, 9, 5)
            } else {
                let months = w.rng.range(15, 96) as u32 + k as u32;
                let d = super::schedule::months_before(tl.cell_vote, months);
                // Not before the applicant was 14.
                d.max(add(w.person.birth_date, 14 * 366)).min(super::schedule::months_before(tl.dossier, 13))
            }
        };
        let mut introducers = vec![];
        for k in 0..n {
            let member_id = self.helpers[k.min(self.helpers.len() - 1)].clone();
            let together_since = since(self, k);
            introducers.push(Introducer { member_id, together_since, replacement: false });
        }
        Dossier { opened_on: tl.dossier, union_introduction, introducers }
    }

    /// Apply one act of the timeline.
    fn act(&mut self, date: NaiveDate, act: Act) {
        let tl = self.tl;
        let to = stage_of(act, &self.fate);
        let secretary = self.secretary().to_string();
        let cell_pool = self.cell_pool();
        let t9 = self.cell.t9();
        match act {
            Act::Source => {
                let proposed_by = self.proposer();
                self.cand.process.source_pool = Some(SourceEntry { date, proposed_by });
            }
            Act::Sympathiser => {
                let proposed_by = self.proposer();
                self.cand.process.sympathiser = Some(Sympathiser {
                    resolution: doc(&cell_pool, "NQ/CB", date, &secretary),
                    proposed_by,
                    helpers: self.helpers.clone(),
                });
            }
            Act::Proposal => {
                let class_id = ClassId::new(self.g.sched.awareness[tl.class].id.clone());
                self.cand.process.class_proposal = Some(ClassProposal { date, class_id: Some(class_id) });
            }
            Act::Certificate => {
                let slot = &self.g.sched.awareness[tl.class];
                self.cand.process.certificate = Some(Certificate {
                    number: CERT_PLACEHOLDER.into(),
                    issued_on: slot.cert,
                    issuer: centre(slot.cert).into(),
                    class_id: Some(ClassId::new(slot.id.clone())),
                });
            }
            Act::Permission => {
                let d =
                    if t9 { doc("thpt-qd", "QĐ/ĐU", date, GRASSROOTS_SECRETARY) } else { doc("dbp", "QĐ/ĐU", date, ward_signer(date)) };
                self.cand.process.permission = Some(d);
            }
            Act::Dossier => {
                let d = self.introduction();
                self.cand.process.dossier = Some(d);
            }
            Act::Send(i) => {
                let v = tl.verifs[i as usize];
                let place = self.verification_place(i, v.abroad);
                self.cand.process.verifications.push(Verification {
                    subject: subject(i, self.person.sex).into(),
                    place,
                    sent_on: date,
                    abroad: v.abroad,
                    returned_on: None,
                });
            }
            Act::Return(i) => {
                let s = subject(i, self.person.sex);
                if let Some(v) = self.cand.process.verifications.iter_mut().find(|v| v.subject == s) {
                    v.returned_on = Some(date);
                }
            }
            Act::CvCert => {
                // The ward's deputy secretary certifies since 2025 (the secretary before).
                let signer = if t9 {
                    GRASSROOTS_SECRETARY
                } else if date >= rules_2025_from() {
                    COMMITTEE[WARD_DEPUTY].0
                } else {
                    OLD_WARD_SECRETARY
                };
                self.cand.process.cv_certification = Some(CvCertification { date, signer: signer.into(), eligible: true });
            }
            Act::Opinions => {
                self.cand.process.opinions = Some(Opinions { date, organisations: self.opinion_bodies() });
            }
            Act::CellVote => {
                let res = doc(&cell_pool, "NQ/CB", date, &secretary);
                let vote = if matches!(self.fate, Fate::FailCellVote) {
                    failing_vote(&mut self.rng, res, self.convened)
                } else {
                    passing_vote(&mut self.rng, res, self.convened, false)
                };
                self.cand.process.cell_votes.push(vote);
            }
            Act::GrassrootsVote => {
                let res = doc("thpt-du", "NQ/ĐU", date, GRASSROOTS_SECRETARY);
                let vote = passing_vote(&mut self.rng, res, GRASSROOTS_COMMITTEE_SIZE, false);
                self.cand.process.grassroots_votes.push(vote);
            }
            Act::SendUp => self.cand.process.sent_up_on = Some(date),
            Act::Decide => {
                let (pool, suffix, tb_pool, tb_suffix, signer, btv) = decider(date);
                let decision = if matches!(self.fate, Fate::Rejected) {
                    let yes = btv / 2 - self.rng.below(2) as u32;
                    let present = btv - self.rng.below(2) as u32;
                    let vote = Vote { resolution: DocRef::on(date), convened: btv, present, yes, no: present - yes };
                    Decision { document: doc(tb_pool, tb_suffix, date, signer), vote: Some(vote), approved: false }
                } else {
                    let vote = passing_vote(&mut self.rng, doc(tb_pool, tb_suffix, date, signer), btv, true);
                    Decision { document: doc(pool, suffix, date, signer), vote: Some(vote), approved: true }
                };
                self.cand.process.decision = Some(decision);
            }
            Act::Receive => self.cand.process.decision_received_on = Some(date),
            Act::Ceremony => {
                self.cand.process.ceremony =
                    Some(Ceremony { date, place: self.cell.venue.clone(), late_consent: None, helpers: vec![self.helpers[0].clone()] });
            }
            Act::MemberRecords => {
                let a = &mut self.cand.process.after_admission;
                a.member_records_on = Some(date);
                a.record_number = RECORD_PLACEHOLDER.into();
            }
            Act::DatabaseEntry => self.cand.process.after_admission.database_entry_on = Some(date),
            Act::NewMemberCert => {
                let i = tl.nm_class.expect("new-member class");
                let slot = &self.g.sched.new_member[i];
                self.cand.process.after_admission.new_member_certificate = Some(Certificate {
                    number: CERT_PLACEHOLDER.into(),
                    issued_on: slot.cert,
                    issuer: centre(slot.cert).into(),
                    class_id: Some(ClassId::new(slot.id.clone())),
                });
            }
            Act::StartRecognition => {
                let today = self.g.today;
                let r = &mut self.cand.process.recognition;
                r.self_review_on = Some(date);
                r.helper_report_on = (tl.helper_report <= today).then_some(tl.helper_report);
                r.opinions_on = (tl.rec_opinions <= today).then_some(tl.rec_opinions);
            }
            Act::RecCellVote => {
                let res = doc(&cell_pool, "NQ/CB", date, &secretary);
                let vote = passing_vote(&mut self.rng, res, self.convened, false);
                self.cand.process.recognition.cell_votes.push(vote);
            }
            Act::RecGrassrootsVote => {
                let res = doc("thpt-du", "NQ/ĐU", date, GRASSROOTS_SECRETARY);
                let vote = passing_vote(&mut self.rng, res, GRASSROOTS_COMMITTEE_SIZE, false);
                self.cand.process.recognition.grassroots_votes.push(vote);
            }
            Act::RecDecision => {
                let (pool, suffix, tb_pool, tb_suffix, signer, btv) = decider(date);
                let vote = passing_vote(&mut self.rng, doc(tb_pool, tb_suffix, date, signer), btv, true);
                self.cand.process.recognition.decision =
                    Some(Decision { document: doc(pool, suffix, date, signer), vote: Some(vote), approved: true });
            }
        }
        self.record(step_of(act), date, to);
    }

    fn exit(&mut self, kind: ExitKind, date: NaiveDate) {
        let secretary = self.secretary().to_string();
        let (step, to, reason, document, destination) = match kind {
            ExitKind::Withdrawn => (
                Step::Withdraw,
                Stage::RutKhoiDanhSach,
                self.rng.pick(&WITHDRAW_REASONS).to_string(),
                Some(doc(&self.cell_pool(), "NQ/CB", date, &secretary)),
                String::new(),
            ),
            ExitKind::MovedAway => {
                let dest = self.rng.pick(&MOVE_DESTINATIONS).to_string();
                // After the dossier went up the ward forwards it (T17); earlier the cell just notes it.
                let document = self.cand.process.dossier.is_some().then(|| doc("dbp-cv", "CV/ĐU", date, ward_signer(date)));
                (Step::MoveAway, Stage::ChuyenDi, "Chuyển nơi cư trú, công tác".to_string(), document, dest)
            }
            ExitKind::StruckOff => {
                // T15: the cell (and the grassroots committee) propose striking off by ≥ 2/3,
                // then the Standing Committee decides by > 1/2 (recorded as a recognition
                // decision that is not approved, with the exit).
                let last = self.cand.history.last().map_or(date, |h| h.date);
                let cell_vote = add(date, -10).max(last);
                let res = doc(&self.cell_pool(), "NQ/CB", cell_vote, &secretary);
                let vote = passing_vote(&mut self.rng, res, self.convened, false);
                self.cand.process.recognition.cell_votes.push(vote);
                self.record(Step::StrikeOffCellVote, cell_vote, self.cand.stage);
                if self.cell.t9() {
                    let g = add(cell_vote, 4).min(date);
                    let res = doc("thpt-du", "NQ/ĐU", g, GRASSROOTS_SECRETARY);
                    let vote = passing_vote(&mut self.rng, res, GRASSROOTS_COMMITTEE_SIZE, false);
                    self.cand.process.recognition.grassroots_votes.push(vote);
                    self.record(Step::StrikeOffGrassrootsVote, g, self.cand.stage);
                }
                let (pool, suffix, tb_pool, tb_suffix, signer, btv) = decider(date);
                let document = doc(pool, suffix, date, signer);
                let vote = passing_vote(&mut self.rng, doc(tb_pool, tb_suffix, date, signer), btv, true);
                self.cand.process.recognition.decision = Some(Decision { document: document.clone(), vote: Some(vote), approved: false });
                (
                    Step::StrikeOff,
                    Stage::XoaTenDuBi,
                    "Không đủ tư cách đảng viên chính thức khi hết thời gian dự bị".to_string(),
                    Some(document),
                    String::new(),
                )
            }
            ExitKind::DecisionCancelled => {
                let (pool, suffix, _, _, signer, _) = decider(date);
                (
                    Step::CancelDecision,
                    Stage::HuyQuyetDinh,
                    "Kết nạp không đúng tiêu chuẩn: kê khai lý lịch không trung thực".to_string(),
                    Some(doc(pool, suffix, date, signer)),
                    String::new(),
                )
            }
        };
        self.cand.process.exit = Some(Exit { kind, date, reason, document, destination });
        self.record(step, date, to);
    }
}

impl Gen {
    /// Build the candidate of plan number `order`, or `None` if nothing of it happened yet.
    pub(super) fn realise(&mut self, order: u64, plan: &Plan) -> Option<Built> {
        let base = Rng::fork(SEED, 1000 + order);
        let tl = self.timeline(plan, &base);
        let mut rng = Rng::fork(SEED ^ 0xCAFE, order);
        let cell = self.cells[plan.cell].clone();
        let mut extra = Rng::fork(SEED ^ 0x2B7C, order);
        let person = candidate_person(&mut rng, &mut extra, &mut self.names, cell.profile, cell.area, tl.cell_vote, plan.hint);
        let g: &Gen = self;
        let pool = &g.helpers[plan.cell];
        let h1 = rng.below(pool.len() as u64) as usize;
        let mut helpers = vec![pool[h1].clone()];
        if pool.len() > 1 {
            let h2 = (h1 + 1 + rng.below(pool.len() as u64 - 1) as usize) % pool.len();
            helpers.push(pool[h2].clone());
        }
        let convened = cell_convened(&mut rng, &cell);
        let placeholder_time = g.ts(g.today, 8);
        let cand = Candidate {
            id: CandidateId::new(""),
            full_name: person.full_name.clone(),
            sex: person.sex,
            birth_date: person.birth_date,
            ethnicity: person.ethnicity,
            religion: person.religion.clone(),
            education: person.education,
            qualification: person.qualification,
            occupation: person.occupation,
            occupation_review: None,
            academic_title: person.academic_title,
            population_policy_violation: person.population_policy_violation,
            foreign_marriage: person.foreign_marriage,
            residence: person.residence.clone(),
            cell_id: cell.id.clone(),
            sources: person.sources.clone(),
            youth_union_member: person.youth_union,
            trade_union_member: person.trade_union,
            groups: person.groups.clone(),
            area_exception: None,
            readmission: None,
            consents: vec![],
            stage: Stage::Nguon,
            process: Process::default(),
            history: vec![],
            created_at: placeholder_time,
            updated_at: placeholder_time,
        };
        let mut w = Walk { g, cell: &cell, person: &person, tl: &tl, fate: plan.fate, rng, cand, helpers, convened, last_recorded: None };

        let events = tl.events(person.married);
        let pos = |a: Act| events.iter().position(|e| e.1 == a);
        let len = events.len();
        let stop = match plan.fate {
            Fate::Natural => len,
            Fate::Stop(a) | Fate::Exit { stop: a, .. } => pos(a).unwrap_or(len),
            Fate::StopAfter(a) => pos(a).map_or(len, |i| i + 1),
            Fate::FailCellVote => pos(Act::CellVote).map_or(len, |i| i + 1),
            Fate::Rejected => pos(Act::Decide).map_or(len, |i| i + 1),
            Fate::ClassFailed => pos(Act::Certificate).unwrap_or(len),
            Fate::StallVerification => pos(Act::CvCert).unwrap_or(len),
        };
        let today = g.today;
        let mut complete = true;
        for &(date, act) in &events[..stop] {
            if matches!(plan.fate, Fate::StallVerification) && act == Act::Return(1) {
                continue;
            }
            if date > today {
                complete = false;
                break;
            }
            w.act(date, act);
        }
        let mut exit_date = None;
        if let (Fate::Exit { kind, after, days, .. }, true) = (plan.fate, complete) {
            if let Some(last) = w.cand.history.last().map(|h| h.date) {
                let d = add(last.max(tl.date_of(after)), w.rng.range(days.0, days.1));
                if d <= today {
                    w.exit(kind, d);
                    exit_date = Some(d);
                }
            }
        }
        let mut cand = w.cand;
        let first = cand.history.first()?;
        cand.created_at = first.recorded_at;
        cand.updated_at = cand.history.last().map_or(first.recorded_at, |h| h.recorded_at);

        // Class lists.
        let slot = &g.sched.awareness[tl.class];
        let learner = cand.process.class_proposal.as_ref().and_then(|_| {
            if cand.process.certificate.is_some() {
                Some((tl.class, Some(ClassResult::Dat)))
            } else if slot.cert > today {
                // Registered for a class that has not ended (or has no certificates yet).
                (exit_date.is_none()).then_some((tl.class, None))
            } else if matches!(plan.fate, Fate::ClassFailed) {
                Some((tl.class, Some(ClassResult::KhongDat)))
            } else if exit_date.is_some_and(|d| d < slot.start) {
                None
            } else {
                Some((tl.class, Some(ClassResult::VangMat)))
            }
        });
        let nm_learner = match (tl.nm_class, &cand.process.after_admission.new_member_certificate) {
            (Some(i), Some(_)) => Some((i, Some(ClassResult::Dat))),
            (Some(i), None)
                if cand.process.ceremony.is_some()
                    && g.sched.new_member[i].start <= today
                    && matches!(cand.stage, Stage::DuBi | Stage::XetChinhThuc) =>
            {
                Some((i, None))
            }
            _ => None,
        };
        Some(Built { cand, order, learner, nm_learner })
    }
}
