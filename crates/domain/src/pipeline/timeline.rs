//! The candidate's timeline for the candidate page: one entry per step of the history
//! (docs/domain.md §2.2), with what the step recorded read back from the Process record
//! (resolution numbers, votes, people by name, dates as dd/mm/yyyy), whether it was late and
//! the warnings confirmed.
//!
//! Repeated records are matched to the history by order: the n-th `CellVote` entry is
//! `Process::cell_votes[n]`, the n-th `SendVerification` is `Process::verifications[n]`, a
//! `ReturnVerification` is the request replied on that date. A record that a later step
//! replaced (a new certificate, renewed introductions, a later decision) is no longer known,
//! so the earlier entry shows no details rather than the new ones. Candidates imported
//! without history get entries made from the Process record, in date order (pipeline order
//! on the same day), so the page is never blank.

use super::{Lateness, Step, StepRecord};
use crate::model::{Candidate, Decision, DocRef, ExitKind, MemberId, UnionBody, Vote, WardData};
use crate::rules::{vote_passes, RuleSets, VotingBody};
use crate::text::{format_date, format_int};
use chrono::NaiveDate;

/// One step on the candidate page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineEntry {
    /// The legal date of the step.
    pub date: NaiveDate,
    pub step: Step,
    /// The step's label ([`Step::label`]).
    pub title: &'static str,
    /// Set when the step was recorded after its legal deadline.
    pub late: Option<Lateness>,
    /// Codes of the warnings the user confirmed.
    pub acknowledged: Vec<String>,
    /// What was recorded, as (label, value): ("Số nghị quyết", "12-NQ/CB"), ("Biểu quyết",
    /// "10/12 tán thành, 1 không tán thành, 11 có mặt"), ("Người giới thiệu", "Nguyễn Văn B,
    /// Trần Thị C") …
    pub details: Vec<(&'static str, String)>,
}

/// The candidate's timeline: one entry per history record, in order; made from the Process
/// record when there is no history (imported data).
pub fn timeline(c: &Candidate, data: &WardData) -> Vec<TimelineEntry> {
    // (step, date, record shown, history entry)
    let rows: Vec<(Step, NaiveDate, At, Option<&StepRecord>)> = if c.history.is_empty() {
        synthesised(c).into_iter().map(|(step, date, at)| (step, date, at, None)).collect()
    } else {
        let mut n = Counters::default();
        c.history.iter().enumerate().map(|(i, r)| (r.step, r.date, n.locate(c, &c.history[i + 1..], r), Some(r))).collect()
    };
    let dates: Vec<(Step, NaiveDate)> = rows.iter().map(|(s, d, _, _)| (*s, *d)).collect();
    let look = Look { c, data, rule_sets: RuleSets::builtin().ok(), after_admission: after_admission_owners(c, &dates) };
    rows.into_iter()
        .enumerate()
        .map(|(i, (step, date, at, record))| {
            // An after-admission entry shows the parts it owns, found by its position.
            let at = if step == Step::RecordAfterAdmission { Some(i) } else { at };
            TimelineEntry {
                date,
                step,
                title: step.label(),
                late: record.and_then(|r| r.late.clone()),
                acknowledged: record.map(|r| r.acknowledged.clone()).unwrap_or_default(),
                details: look.details(step, date, at),
            }
        })
        .collect()
}

/// Which `RecordAfterAdmission` entry (by position) shows each part of the after-admission
/// records: member records, database entry, new-member certificate, record number. One
/// entry may record several parts (its date is then the latest of theirs), and several
/// entries may share a date: a part goes to an entry of its own date (one not yet showing a
/// part first), else to the first entry dated after it, else to the last entry.
fn after_admission_owners(c: &Candidate, rows: &[(Step, NaiveDate)]) -> [Option<usize>; 4] {
    let entries: Vec<(usize, NaiveDate)> =
        rows.iter().enumerate().filter(|(_, (s, _))| *s == Step::RecordAfterAdmission).map(|(i, (_, d))| (i, *d)).collect();
    let last = entries.last().map(|(i, _)| *i);
    let mut taken: Vec<usize> = Vec::new();
    let mut owner = |date: Option<NaiveDate>| {
        let date = date?;
        let same_day = || entries.iter().filter(|(_, d)| *d == date);
        let i = same_day()
            .find(|(i, _)| !taken.contains(i))
            .or_else(|| same_day().next())
            .or_else(|| entries.iter().find(|(_, d)| *d > date))
            .map(|(i, _)| *i)
            .or(last)?;
        taken.push(i);
        Some(i)
    };
    let a = &c.process.after_admission;
    let records = owner(a.member_records_on);
    let database = owner(a.database_entry_on);
    let certificate = owner(a.new_member_certificate.as_ref().map(|x| x.issued_on));
    let number = if a.record_number.trim().is_empty() { None } else { records.or(last) };
    [records, database, certificate, number]
}

/// Which record a history entry shows: the position of a repeated record, `Some(0)` for the
/// current single record, `None` when it is not known (replaced later, or not found).
type At = Option<usize>;

/// How many entries of each repeated record have been seen.
#[derive(Default)]
struct Counters {
    cell_votes: usize,
    grassroots_votes: usize,
    recognition_cell_votes: usize,
    recognition_grassroots_votes: usize,
    sent: usize,
    replies: Vec<usize>,
}

impl Counters {
    fn next(n: &mut usize) -> At {
        let at = *n;
        *n += 1;
        Some(at)
    }

    /// The record of history entry `r`; `later` are the entries after it.
    fn locate(&mut self, c: &Candidate, later: &[StepRecord], r: &StepRecord) -> At {
        let replaced_by = |steps: &[Step]| later.iter().any(|x| steps.contains(&x.step));
        match r.step {
            Step::CellVote => Self::next(&mut self.cell_votes),
            Step::GrassrootsVote => Self::next(&mut self.grassroots_votes),
            Step::RecognitionCellVote | Step::StrikeOffCellVote => Self::next(&mut self.recognition_cell_votes),
            Step::RecognitionGrassrootsVote | Step::StrikeOffGrassrootsVote => Self::next(&mut self.recognition_grassroots_votes),
            Step::SendVerification => Self::next(&mut self.sent),
            Step::ReturnVerification => {
                // Replies come in any order: the request replied on that date.
                let i = c
                    .process
                    .verifications
                    .iter()
                    .enumerate()
                    .position(|(i, v)| v.returned_on == Some(r.date) && !self.replies.contains(&i))?;
                self.replies.push(i);
                Some(i)
            }
            Step::RecordCertificate => (!replaced_by(&[Step::RecordCertificate])).then_some(0),
            Step::OpenDossier | Step::RenewDossier => (!replaced_by(&[Step::RenewDossier])).then_some(0),
            Step::Decide => (!replaced_by(&[Step::Decide])).then_some(0),
            Step::RecognitionDecision => (!replaced_by(&[Step::RecognitionDecision, Step::StrikeOff])).then_some(0),
            // Records kept once and never replaced by a later step.
            Step::AddToSourcePool
            | Step::RecogniseSympathiser
            | Step::ProposeClass
            | Step::GrantPermission
            | Step::CertifyCv
            | Step::CollectOpinions
            | Step::SendUp
            | Step::ReceiveDecision
            | Step::HoldCeremony
            | Step::RecordAfterAdmission
            | Step::StartRecognition
            | Step::StrikeOff
            | Step::Withdraw
            | Step::MoveAway
            | Step::CancelDecision => Some(0),
        }
    }
}

/// Entries made from the Process record of a candidate without history, by date (pipeline
/// order on the same day).
fn synthesised(c: &Candidate) -> Vec<(Step, NaiveDate, At)> {
    let p = &c.process;
    let mut v: Vec<(Step, NaiveDate, At)> = Vec::new();
    let one = |v: &mut Vec<(Step, NaiveDate, At)>, step: Step, date: Option<NaiveDate>| {
        if let Some(d) = date {
            v.push((step, d, Some(0)));
        }
    };
    one(&mut v, Step::AddToSourcePool, p.source_pool.as_ref().map(|s| s.date));
    one(&mut v, Step::RecogniseSympathiser, p.sympathiser.as_ref().map(|s| s.resolution.date));
    one(&mut v, Step::ProposeClass, p.class_proposal.as_ref().map(|s| s.date));
    one(&mut v, Step::RecordCertificate, p.certificate.as_ref().map(|s| s.issued_on));
    one(&mut v, Step::GrantPermission, p.permission.as_ref().map(|s| s.date));
    one(&mut v, Step::OpenDossier, p.dossier.as_ref().map(|s| s.opened_on));
    for (i, r) in p.verifications.iter().enumerate() {
        v.push((Step::SendVerification, r.sent_on, Some(i)));
        if let Some(d) = r.returned_on {
            v.push((Step::ReturnVerification, d, Some(i)));
        }
    }
    one(&mut v, Step::CertifyCv, p.cv_certification.as_ref().map(|s| s.date));
    one(&mut v, Step::CollectOpinions, p.opinions.as_ref().map(|s| s.date));
    for (i, x) in p.cell_votes.iter().enumerate() {
        v.push((Step::CellVote, x.resolution.date, Some(i)));
    }
    for (i, x) in p.grassroots_votes.iter().enumerate() {
        v.push((Step::GrassrootsVote, x.resolution.date, Some(i)));
    }
    one(&mut v, Step::SendUp, p.sent_up_on);
    one(&mut v, Step::Decide, p.decision.as_ref().map(|d| d.document.date));
    one(&mut v, Step::ReceiveDecision, p.decision_received_on);
    one(&mut v, Step::HoldCeremony, p.ceremony.as_ref().map(|s| s.date));
    // One entry per date of the after-admission records.
    let a = &p.after_admission;
    let mut dates: Vec<NaiveDate> =
        [a.member_records_on, a.database_entry_on, a.new_member_certificate.as_ref().map(|x| x.issued_on)].into_iter().flatten().collect();
    crate::order::sort(&mut dates);
    dates.dedup();
    for d in dates {
        one(&mut v, Step::RecordAfterAdmission, Some(d));
    }
    let r = &p.recognition;
    one(&mut v, Step::StartRecognition, r.self_review_on);
    let struck = p.exit.as_ref().is_some_and(|e| e.kind == ExitKind::StruckOff);
    let (cell, grassroots) = if struck {
        (Step::StrikeOffCellVote, Step::StrikeOffGrassrootsVote)
    } else {
        (Step::RecognitionCellVote, Step::RecognitionGrassrootsVote)
    };
    for (i, x) in r.cell_votes.iter().enumerate() {
        v.push((cell, x.resolution.date, Some(i)));
    }
    for (i, x) in r.grassroots_votes.iter().enumerate() {
        v.push((grassroots, x.resolution.date, Some(i)));
    }
    // A strike-off decision is kept as the recognition decision too: shown once, as the exit.
    if !struck {
        if let Some(d) = &r.decision {
            v.push((Step::RecognitionDecision, d.document.date, Some(0)));
        }
    }
    if let Some((step, e)) = p.exit.as_ref().and_then(|e| Some((Step::ending(e.kind)?, e))) {
        v.push((step, e.date, Some(0)));
    }
    crate::order::sort_by_key(&mut v, |(_, d, _)| *d);
    v
}

/// Reads the details of a step from the candidate's records.
struct Look<'a> {
    c: &'a Candidate,
    data: &'a WardData,
    rule_sets: Option<&'static RuleSets>,
    /// See [`after_admission_owners`].
    after_admission: [Option<usize>; 4],
}

/// The details being collected; empty values are left out.
#[derive(Default)]
struct Details(Vec<(&'static str, String)>);

impl Details {
    fn add(&mut self, label: &'static str, value: impl Into<String>) {
        let value = value.into();
        if !value.trim().is_empty() {
            self.0.push((label, value.trim().to_string()));
        }
    }
    fn date(&mut self, label: &'static str, date: Option<NaiveDate>) {
        if let Some(d) = date {
            self.add(label, format_date(d));
        }
    }
}

/// "10/12 tán thành, 1 không tán thành, 11 có mặt".
fn counts(v: &Vote) -> String {
    format!(
        "{}/{} tán thành, {} không tán thành, {} có mặt",
        format_int(v.yes),
        format_int(v.convened),
        format_int(v.no),
        format_int(v.present)
    )
}

/// "12-NQ/ĐTN ngày 28/09/2025" (or just the date).
fn doc_text(d: &DocRef) -> String {
    if d.number.trim().is_empty() {
        format!("ngày {}", format_date(d.date))
    } else {
        format!("{} ngày {}", d.number.trim(), format_date(d.date))
    }
}

impl Look<'_> {
    fn name(&self, id: &MemberId) -> String {
        self.data.member(id).map(|m| m.full_name.clone()).unwrap_or_else(|| id.to_string())
    }

    fn names(&self, ids: &[MemberId]) -> String {
        ids.iter().map(|id| self.name(id)).collect::<Vec<_>>().join(", ")
    }

    /// "Đạt — cần ít nhất 2/3 số đảng viên chính thức được triệu tập tán thành (8)".
    fn result(&self, v: &Vote, body: VotingBody) -> String {
        let Some(rs) = self.rule_sets.map(|r| r.for_date(v.resolution.date)) else { return String::new() };
        let t = body.threshold(rs);
        let verdict = if vote_passes(v, body, rs) { "Đạt" } else { "Không đạt" };
        let need = t.min_yes(v.convened).map(|n| format!(" ({})", format_int(n))).unwrap_or_default();
        format!("{verdict} — cần {} số {} được triệu tập tán thành{need}", t.label(), body.members_word())
    }

    fn vote(&self, d: &mut Details, v: &Vote, body: VotingBody) {
        d.add("Số nghị quyết", v.resolution.number.clone());
        d.add("Người ký", v.resolution.signer.clone());
        d.add("Biểu quyết", counts(v));
        d.add("Kết quả", self.result(v, body));
    }

    /// The Standing Committee's ballot of a decision, and its conclusion notice when it has
    /// its own number.
    fn ballot(&self, d: &mut Details, v: Option<&Vote>, document: &DocRef) {
        if let Some(v) = v {
            d.add("Biểu quyết của Ban Thường vụ", counts(v));
            d.add("Kết quả biểu quyết", self.result(v, VotingBody::StandingCommittee));
            if v.resolution.number.trim() != document.number.trim() {
                d.add("Thông báo kết luận", v.resolution.number.clone());
            }
        }
    }

    /// A decision: the verdict (`[approved, refused]`), the document and the ballot.
    fn decision(&self, d: &mut Details, decision: Option<&Decision>, verdicts: [&'static str; 2]) {
        if let Some(x) = decision {
            d.add("Kết luận", if x.approved { verdicts[0] } else { verdicts[1] });
            d.add("Số quyết định", x.document.number.clone());
            d.add("Người ký", x.document.signer.clone());
            self.ballot(d, x.vote.as_ref(), &x.document);
        }
    }

    /// The exit record `step` wrote: destination, reason, its document (labelled
    /// `document_label`) and, for a decision taken by vote, the ballot (`Some`, possibly none).
    fn exit(&self, d: &mut Details, step: Step, document_label: &'static str, ballot: Option<Option<&Vote>>) {
        let kind = step.exit_kind();
        if let Some(e) = self.c.process.exit.as_ref().filter(|e| Some(e.kind) == kind) {
            d.add("Nơi chuyển đến", e.destination.clone());
            d.add("Lý do", e.reason.clone());
            if let Some(doc) = &e.document {
                d.add(document_label, doc.number.clone());
                d.add("Người ký", doc.signer.clone());
                if let Some(ballot) = ballot {
                    self.ballot(d, ballot, doc);
                }
            }
        }
    }

    fn class(&self, id: Option<&crate::model::ClassId>) -> String {
        match id {
            Some(id) => self.data.class(id).map(|k| k.name.clone()).unwrap_or_else(|| id.to_string()),
            None => String::new(),
        }
    }

    /// What `step` recorded on `date`, from the record `at` (for `RecordAfterAdmission`, the
    /// entry's position).
    fn details(&self, step: Step, date: NaiveDate, at: At) -> Vec<(&'static str, String)> {
        let mut d = Details::default();
        let Some(at) = at else { return d.0 };
        let p = &self.c.process;
        match step {
            Step::AddToSourcePool => {
                if let Some(s) = &p.source_pool {
                    d.add("Người đề xuất", s.proposed_by.clone());
                }
            }
            Step::RecogniseSympathiser => {
                if let Some(s) = &p.sympathiser {
                    d.add("Số nghị quyết", s.resolution.number.clone());
                    d.add("Người ký", s.resolution.signer.clone());
                    d.add("Người đề xuất", s.proposed_by.clone());
                    d.add("Đảng viên giúp đỡ", self.names(&s.helpers));
                }
            }
            Step::ProposeClass => {
                if let Some(s) = &p.class_proposal {
                    d.add("Lớp", self.class(s.class_id.as_ref()));
                }
            }
            Step::RecordCertificate => {
                if let Some(s) = p.certificate.as_ref().filter(|s| s.issued_on == date) {
                    d.add("Số giấy chứng nhận", s.number.clone());
                    d.add("Nơi cấp", s.issuer.clone());
                    d.add("Lớp", self.class(s.class_id.as_ref()));
                }
            }
            Step::GrantPermission => {
                if let Some(s) = &p.permission {
                    d.add("Số quyết định", s.number.clone());
                    d.add("Người ký", s.signer.clone());
                }
            }
            Step::OpenDossier | Step::RenewDossier => {
                if let Some(s) = &p.dossier {
                    if let Some(u) = &s.union_introduction {
                        let body = match u.body {
                            UnionBody::DoanThanhNien => "Đoàn Thanh niên",
                            UnionBody::CongDoan => "Công đoàn",
                        };
                        d.add("Nghị quyết giới thiệu", format!("{body}: {}", doc_text(&u.resolution)));
                    }
                    let people: Vec<String> = s
                        .introducers
                        .iter()
                        .map(|i| {
                            let mut x = self.name(&i.member_id);
                            if i.replacement {
                                x.push_str(" (thay thế)");
                            }
                            x
                        })
                        .collect();
                    d.add("Người giới thiệu", people.join(", "));
                }
            }
            Step::SendVerification | Step::ReturnVerification => {
                if let Some(v) = p.verifications.get(at) {
                    d.add("Người được thẩm tra", v.subject.clone());
                    d.add("Nơi thẩm tra", v.place.clone());
                    if step == Step::ReturnVerification {
                        d.date("Ngày gửi", Some(v.sent_on));
                    }
                    if v.abroad {
                        d.add("Thẩm tra ở nước ngoài", "Có");
                    }
                }
            }
            Step::CertifyCv => {
                if let Some(s) = &p.cv_certification {
                    d.add("Kết luận", if s.eligible { "Đủ điều kiện" } else { "Không đủ điều kiện" });
                    d.add("Người ký", s.signer.clone());
                }
            }
            Step::CollectOpinions => {
                if let Some(s) = &p.opinions {
                    d.add("Đã lấy ý kiến", s.organisations.join(", "));
                }
            }
            Step::CellVote => {
                if let Some(v) = p.cell_votes.get(at) {
                    self.vote(&mut d, v, VotingBody::Cell);
                }
            }
            Step::GrassrootsVote => {
                if let Some(v) = p.grassroots_votes.get(at) {
                    self.vote(&mut d, v, VotingBody::GrassrootsCommittee);
                }
            }
            Step::RecognitionCellVote | Step::StrikeOffCellVote => {
                if let Some(v) = p.recognition.cell_votes.get(at) {
                    self.vote(&mut d, v, VotingBody::Cell);
                }
            }
            Step::RecognitionGrassrootsVote | Step::StrikeOffGrassrootsVote => {
                if let Some(v) = p.recognition.grassroots_votes.get(at) {
                    self.vote(&mut d, v, VotingBody::GrassrootsCommittee);
                }
            }
            Step::Decide => self.decision(&mut d, p.decision.as_ref(), ["Đồng ý kết nạp", "Không đồng ý kết nạp"]),
            Step::RecognitionDecision => {
                self.decision(&mut d, p.recognition.decision.as_ref(), ["Công nhận đảng viên chính thức", "Không công nhận"])
            }
            Step::HoldCeremony => {
                if let Some(s) = &p.ceremony {
                    d.add("Địa điểm", s.place.clone());
                    d.add("Đảng viên giúp đỡ", self.names(&s.helpers));
                    if let Some(x) = &s.late_consent {
                        d.add("Văn bản đồng ý của cấp ủy cấp trên", doc_text(x));
                    }
                }
            }
            Step::RecordAfterAdmission => {
                let a = &p.after_admission;
                let [records, database, certificate, number] = self.after_admission.map(|o| o == Some(at));
                if let Some(x) = a.member_records_on.filter(|_| records) {
                    d.add("Lý lịch đảng viên, phiếu đảng viên", format!("hoàn thành ngày {}", format_date(x)));
                }
                if number {
                    d.add("Số lý lịch đảng viên", a.record_number.clone());
                }
                if let Some(x) = a.database_entry_on.filter(|_| database) {
                    d.add("Nhập cơ sở dữ liệu đảng viên", format!("ngày {}", format_date(x)));
                }
                if let Some(x) = a.new_member_certificate.as_ref().filter(|_| certificate) {
                    let issuer = if x.issuer.trim().is_empty() { String::new() } else { format!(", {}", x.issuer.trim()) };
                    d.add("Giấy chứng nhận lớp đảng viên mới", format!("{} ngày {}{issuer}", x.number, format_date(x.issued_on)));
                }
            }
            Step::StartRecognition => {
                let r = &p.recognition;
                d.date("Nhận xét của đảng viên giúp đỡ", r.helper_report_on);
                d.date("Tổng hợp ý kiến nhận xét", r.opinions_on);
            }
            // The exit record; its document is a decision (with the Standing Committee's ballot
            // for a strike-off) or a letter.
            Step::StrikeOff => {
                let ballot = p.recognition.decision.as_ref().and_then(|x| x.vote.as_ref());
                self.exit(&mut d, step, "Số quyết định", Some(ballot));
            }
            Step::CancelDecision => self.exit(&mut d, step, "Số quyết định", None),
            Step::Withdraw | Step::MoveAway => self.exit(&mut d, step, "Số văn bản", None),
            Step::SendUp | Step::ReceiveDecision => {}
        }
        d.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_ward;
    use crate::model::*;
    use crate::pipeline::tests::{ok, walk_to, Env};
    use crate::pipeline::{Action, Stage};
    use crate::rules::testkit::*;
    use crate::step_forms::tests::ward;
    use chrono::{TimeZone, Utc};
    use std::collections::BTreeSet;

    fn demo() -> WardData {
        demo_ward(d(2026, 3, 15), Utc.with_ymd_and_hms(2026, 3, 15, 9, 30, 0).unwrap())
    }

    fn detail<'e>(e: &'e TimelineEntry, label: &str) -> Option<&'e str> {
        e.details.iter().find(|(l, _)| *l == label).map(|(_, v)| v.as_str())
    }

    fn entries(t: &[TimelineEntry], step: Step) -> Vec<&TimelineEntry> {
        t.iter().filter(|e| e.step == step).collect()
    }

    #[test]
    fn a_demo_probationary_member_has_one_entry_per_history_record_with_its_numbers() {
        let data = demo();
        let c = data
            .candidates
            .iter()
            .find(|c| c.stage == Stage::DuBi && c.process.ceremony.as_ref().is_some_and(|x| !x.helpers.is_empty()))
            .expect("a probationary member in the demo");
        let t = timeline(c, &data);
        assert_eq!(t.len(), c.history.len());
        for (e, h) in t.iter().zip(&c.history) {
            assert_eq!((e.step, e.date, e.title), (h.step, h.date, h.step.label()));
            assert_eq!((&e.late, &e.acknowledged), (&h.late, &h.acknowledged));
        }
        let p = &c.process;
        let sympathiser = p.sympathiser.as_ref().unwrap();
        assert_eq!(detail(entries(&t, Step::RecogniseSympathiser)[0], "Số nghị quyết"), Some(sympathiser.resolution.number.as_str()));
        let votes = entries(&t, Step::CellVote);
        assert_eq!(votes.len(), p.cell_votes.len());
        for (e, v) in votes.iter().zip(&p.cell_votes) {
            assert_eq!(detail(e, "Số nghị quyết"), Some(v.resolution.number.as_str()));
            assert!(detail(e, "Biểu quyết").is_some_and(|x| x.starts_with(&format!("{}/{} tán thành", v.yes, v.convened))));
        }
        let decision = p.decision.as_ref().unwrap();
        assert_eq!(detail(entries(&t, Step::Decide)[0], "Số quyết định"), Some(decision.document.number.as_str()));
        // People by name, not by id.
        let helper = &data.member(&p.ceremony.as_ref().unwrap().helpers[0]).unwrap().full_name;
        assert!(detail(entries(&t, Step::HoldCeremony)[0], "Đảng viên giúp đỡ").is_some_and(|x| x.contains(helper.as_str())));
        let introducer = &data.member(&p.dossier.as_ref().unwrap().introducers[0].member_id).unwrap().full_name;
        assert!(detail(entries(&t, Step::OpenDossier)[0], "Người giới thiệu").is_some_and(|x| x.contains(introducer.as_str())));
        // Each verification on its request and on its reply.
        for v in &p.verifications {
            let on = |step| entries(&t, step).into_iter().filter(|e| detail(e, "Người được thẩm tra") == Some(v.subject.as_str())).count();
            assert_eq!(on(Step::SendVerification), 1, "{}", v.subject);
            assert_eq!(on(Step::ReturnVerification), usize::from(v.returned_on.is_some()), "{}", v.subject);
        }
        // Every step that records data shows some.
        for e in &t {
            if !matches!(e.step, Step::SendUp | Step::ReceiveDecision) {
                assert!(!e.details.is_empty(), "{:?} on {} shows nothing", e.step, e.date);
            }
        }
    }

    #[test]
    fn a_candidate_imported_without_history_still_has_a_timeline() {
        let data = demo();
        let mut seen = 0;
        for stage in [Stage::CamTinh, Stage::ThamTra, Stage::DuBi, Stage::ChinhThuc, Stage::XoaTenDuBi, Stage::ChuyenDi] {
            let Some(c) = data.candidates.iter().find(|c| c.stage == stage) else { continue };
            seen += 1;
            let mut bare = c.clone();
            bare.history.clear();
            let t = timeline(&bare, &data);
            assert!(!t.is_empty(), "{stage:?}");
            assert!(t.windows(2).all(|w| w[0].date <= w[1].date), "{stage:?}: not in date order");
            assert!(t.iter().all(|e| e.late.is_none() && e.title == e.step.label()));
            // The same kinds of step as the recorded history, with the same numbers.
            let made: BTreeSet<String> = t.iter().map(|e| format!("{:?}", e.step)).collect();
            let recorded: BTreeSet<String> = c.history.iter().map(|h| format!("{:?}", h.step)).collect();
            assert_eq!(made, recorded, "{stage:?}");
            let full = timeline(c, &data);
            for step in [Step::RecogniseSympathiser, Step::CellVote, Step::Decide] {
                let numbers = |t: &[TimelineEntry]| {
                    entries(t, step)
                        .iter()
                        .map(|e| detail(e, "Số nghị quyết").or(detail(e, "Số quyết định")).map(String::from))
                        .collect::<Vec<_>>()
                };
                assert_eq!(numbers(&t), numbers(&full), "{stage:?} {step:?}");
            }
        }
        assert!(seen >= 5);
        // Nothing recorded at all: nothing to show, and no panic.
        let mut empty = candidate();
        empty.process = Process::default();
        assert!(timeline(&empty, &data).is_empty());
    }

    #[test]
    fn details_read_back_what_the_steps_recorded() {
        let env = Env::new(CellLevel::TrucThuoc);
        let data = ward(&env);
        let mut c = walk_to(&env, Stage::ChinhThuc);
        c.process.sympathiser.as_mut().unwrap().helpers.push(MemberId::new("zz-unknown"));
        let t = timeline(&c, &data);
        assert_eq!(t.len(), c.history.len());
        let one = |step| entries(&t, step)[0];
        assert_eq!(detail(one(Step::RecogniseSympathiser), "Đảng viên giúp đỡ"), Some("Đảng viên m1, zz-unknown"));
        assert_eq!(detail(one(Step::OpenDossier), "Người giới thiệu"), Some("Đảng viên m1"));
        assert_eq!(detail(one(Step::OpenDossier), "Nghị quyết giới thiệu"), Some("Đoàn Thanh niên: 03-NQ/ĐTN ngày 28/09/2025"));
        let vote = one(Step::CellVote);
        assert_eq!(detail(vote, "Số nghị quyết"), Some("01-NQ/CB"));
        assert_eq!(detail(vote, "Biểu quyết"), Some("10/12 tán thành, 1 không tán thành, 11 có mặt"));
        assert!(detail(vote, "Kết quả").is_some_and(|x| x.starts_with("Đạt — cần ít nhất 2/3") && x.ends_with("(8)")), "{vote:?}");
        let decide = one(Step::Decide);
        assert_eq!(detail(decide, "Kết luận"), Some("Đồng ý kết nạp"));
        assert_eq!(detail(decide, "Số quyết định"), Some("123-QĐ/ĐU"));
        assert_eq!(detail(decide, "Biểu quyết của Ban Thường vụ"), Some("6/7 tán thành, 1 không tán thành, 7 có mặt"));
        assert_eq!(detail(one(Step::RecognitionDecision), "Kết luận"), Some("Công nhận đảng viên chính thức"));
        let after = one(Step::RecordAfterAdmission);
        assert_eq!(detail(after, "Số lý lịch đảng viên"), Some("000123TN"));
        assert_eq!(detail(after, "Lý lịch đảng viên, phiếu đảng viên"), Some("hoàn thành ngày 20/12/2025"));
        assert_eq!(detail(one(Step::CertifyCv), "Kết luận"), Some("Đủ điều kiện"));
        assert_eq!(detail(one(Step::StartRecognition), "Nhận xét của đảng viên giúp đỡ"), Some("11/12/2026"));
    }

    #[test]
    fn replies_find_their_request_and_replaced_records_show_nothing() {
        let env = Env::new(CellLevel::TrucThuoc);
        let data = ward(&env);
        let mut c = walk_to(&env, Stage::LapHoSo);
        for subject in ["Bản thân", "Bố"] {
            c = ok(
                &env,
                &c,
                Action::SendVerification { subject: subject.into(), place: String::new(), sent_on: d(2025, 10, 5), abroad: false },
            );
        }
        // The father's reply comes first.
        c = ok(&env, &c, Action::ReturnVerification { index: 1, returned_on: d(2025, 10, 15) });
        c = ok(&env, &c, Action::ReturnVerification { index: 0, returned_on: d(2025, 10, 18) });
        c = ok(
            &env,
            &c,
            Action::CertifyCv { certification: CvCertification { date: d(2025, 10, 25), signer: String::new(), eligible: true } },
        );
        c = ok(
            &env,
            &c,
            Action::CollectOpinions { opinions: Opinions { date: d(2025, 10, 28), organisations: vec!["Đoàn Thanh niên".into()] } },
        );
        // A failed cell vote, a new certificate, a passing vote.
        c = ok(&env, &c, Action::CellVote { vote: vote(d(2025, 11, 3), 12, 12, 7, 5) });
        let cert = Certificate { number: "7/CN".into(), issued_on: d(2025, 11, 20), issuer: String::new(), class_id: None };
        c = ok(&env, &c, Action::RecordCertificate { certificate: cert });
        c = ok(&env, &c, Action::CellVote { vote: vote(d(2025, 12, 1), 12, 12, 9, 3) });
        let t = timeline(&c, &data);
        let replies: Vec<_> = entries(&t, Step::ReturnVerification).iter().map(|e| detail(e, "Người được thẩm tra")).collect();
        assert_eq!(replies, [Some("Bố"), Some("Bản thân")]);
        let certs = entries(&t, Step::RecordCertificate);
        assert!(certs[0].details.is_empty(), "the first certificate was replaced: {:?}", certs[0]);
        assert_eq!(detail(certs[1], "Số giấy chứng nhận"), Some("7/CN"));
        let votes: Vec<_> =
            entries(&t, Step::CellVote).iter().map(|e| detail(e, "Kết quả").map(|x| x.split(' ').next().unwrap_or(""))).collect();
        assert_eq!(votes, [Some("Không"), Some("Đạt")]);
    }
}
