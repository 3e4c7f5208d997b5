//! One candidate's full path from the source pool to official membership, as dates
//! (docs/domain.md §2.1–2.2, T1–T14). A plan then cuts it at `today`, at a stop, a failure or an exit.
//!
//! Durations are chosen inside the legal deadlines, counted in calendar days as an
//! approximation of working days (×1.4): verification replies ≤ 30 wd, decision ≤ 45 wd after
//! the cell vote, ceremony ≤ 30 wd after receipt, recognition vote ≤ 30 wd after probation.

use super::rng::Rng;
use super::schedule::{add, days_between, Schedule};
use chrono::NaiveDate;

/// The acts of the path, in order; each is one `Step` of the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Act {
    Source,
    Sympathiser,
    Proposal,
    Certificate,
    Permission,
    Dossier,
    /// Verification request to slot 0 (self), 1 (father), 2 (mother), 3 (spouse).
    Send(u8),
    Return(u8),
    CvCert,
    Opinions,
    CellVote,
    GrassrootsVote,
    SendUp,
    Decide,
    Receive,
    Ceremony,
    MemberRecords,
    DatabaseEntry,
    NewMemberCert,
    StartRecognition,
    RecCellVote,
    RecGrassrootsVote,
    RecDecision,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Verif {
    pub sent: NaiveDate,
    pub returned: NaiveDate,
    pub abroad: bool,
}

/// Options that shape a timeline.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct TlOpts {
    /// The cell is inside a grassroots organisation: T9 happens.
    pub t9: bool,
    /// Always (or never) start in the source pool.
    pub force_source: bool,
    /// Ceremony day aimed at (a season day), if any.
    pub ceremony_target: Option<NaiveDate>,
}

#[derive(Clone, Debug)]
pub(super) struct Timeline {
    pub source: Option<NaiveDate>,
    pub sympathiser: NaiveDate,
    pub proposal: NaiveDate,
    /// Index of the awareness class.
    pub class: usize,
    pub certificate: NaiveDate,
    pub permission: NaiveDate,
    pub dossier: NaiveDate,
    /// Date of the union's introduction resolution (on or before the dossier).
    pub union_resolution: NaiveDate,
    pub verifs: [Verif; 4],
    pub cv: NaiveDate,
    pub opinions: NaiveDate,
    pub cell_vote: NaiveDate,
    pub grassroots: Option<NaiveDate>,
    pub sent_up: NaiveDate,
    pub decision: NaiveDate,
    pub received: NaiveDate,
    pub ceremony: NaiveDate,
    pub member_records: NaiveDate,
    pub database_entry: NaiveDate,
    pub nm_class: Option<usize>,
    pub nm_cert: Option<NaiveDate>,
    pub self_review: NaiveDate,
    pub helper_report: NaiveDate,
    pub rec_opinions: NaiveDate,
    pub rec_cell_vote: NaiveDate,
    pub rec_grassroots: Option<NaiveDate>,
    pub rec_decision: NaiveDate,
}

impl Timeline {
    /// The path of someone admitted on `decision`, every date derived from it.
    pub(super) fn new(sched: &Schedule, decision: NaiveDate, o: TlOpts, rng: &mut Rng) -> Timeline {
        // T8 → T10: the decision 18–50 days after the cell vote (≤ 45 wd), longer through T9.
        let lag = if o.t9 { rng.range(30, 55) } else { rng.range(18, 50) };
        let cell_vote = add(decision, -lag);

        // T3 … T7 between the certificate and the cell vote.
        let d_perm = rng.range(7, 25);
        let d_dossier = rng.range(5, 20);
        let d_send = rng.range(3, 10);
        let abroad_slot = if rng.chance(0.03) { Some(rng.range(1, 2) as usize) } else { None };
        let mut offs = [(0i64, 0i64); 4];
        for (i, o) in offs.iter_mut().enumerate() {
            let send = rng.range(0, 3);
            let reply = if abroad_slot == Some(i) { rng.range(45, 100) } else { rng.range(10, 30) };
            *o = (send, send + reply);
        }
        let max_reply = offs.iter().map(|o| o.1).max().unwrap_or(0);
        let d_cv = rng.range(3, 10);
        let d_opinions = rng.range(3, 12);
        let d_vote = rng.range(3, 15);
        let need = d_perm + d_dossier + d_send + max_reply + d_cv + d_opinions + d_vote;
        let class = sched.awareness_by(add(cell_vote, -(need + 10)));
        let slot = &sched.awareness[class];
        let certificate = slot.cert;
        let slack = (days_between(certificate, cell_vote) - need).max(0);
        let extra_perm = slack * rng.range(50, 90) / 100;
        let permission = add(certificate, d_perm + extra_perm);
        let dossier = add(permission, d_dossier + slack - extra_perm);
        let union_resolution = add(dossier, -rng.range(0, 5.min(days_between(permission, dossier))));
        let sends_from = add(dossier, d_send);
        let verifs = offs.map(|(s, r)| Verif { sent: add(sends_from, s), returned: add(sends_from, r), abroad: false });
        let mut verifs = verifs;
        if let Some(i) = abroad_slot {
            verifs[i].abroad = true;
        }
        let cv = add(sends_from, max_reply + d_cv);
        let opinions = add(cv, d_opinions);
        debug_assert_eq!(add(opinions, d_vote), cell_vote);

        // T1 … T2 before the class.
        let proposal = add(slot.start, -rng.range(10, 35));
        let sympathiser = add(proposal, -rng.range(0, 75));
        let source = if o.force_source || rng.chance(0.5) { Some(add(sympathiser, -rng.range(30, 240))) } else { None };

        // T9, sending up, T10.
        let grassroots = o.t9.then(|| add(cell_vote, rng.range(6, 15)));
        let sent_up = add(grassroots.unwrap_or(cell_vote), rng.range(1, 4));

        // T10 → T12.
        let received = add(decision, rng.range(1, 5));
        let ceremony = match o.ceremony_target {
            Some(t) => add(t, rng.range(-2, 3)).clamp(add(received, 2), add(received, 28)),
            None => add(received, rng.range(5, 25)),
        };
        let member_records = add(ceremony, rng.range(10, 35));
        let database_entry = add(ceremony, rng.range(1, days_between(ceremony, add(decision, 40)).max(2)));
        let nm_class = sched.new_member_from(add(ceremony, 10));
        let nm_cert = nm_class.map(|i| sched.new_member[i].cert);

        // T13 → T14: probation of 12 months from the ceremony (R-06 §4.2).
        let probation_end = crate::dates::add_months(ceremony, 12);
        let self_review = add(probation_end, rng.range(0, 5));
        let helper_report = add(probation_end, rng.range(0, 7));
        let rec_opinions = add(probation_end, rng.range(2, 12));
        let rec_cell_vote = add(self_review.max(helper_report).max(rec_opinions), rng.range(3, 10));
        let rec_grassroots = o.t9.then(|| add(rec_cell_vote, rng.range(5, 12)));
        let rec_decision = add(rec_grassroots.unwrap_or(rec_cell_vote), rng.range(5, 20));

        Timeline {
            source,
            sympathiser,
            proposal,
            class,
            certificate,
            permission,
            dossier,
            union_resolution,
            verifs,
            cv,
            opinions,
            cell_vote,
            grassroots,
            sent_up,
            decision,
            received,
            ceremony,
            member_records,
            database_entry,
            nm_class,
            nm_cert,
            self_review,
            helper_report,
            rec_opinions,
            rec_cell_vote,
            rec_grassroots,
            rec_decision,
        }
    }

    /// The acts in history order (dates non-decreasing). The spouse's verification (slot 3)
    /// only for married candidates.
    pub(super) fn events(&self, married: bool) -> Vec<(NaiveDate, Act)> {
        let mut ev = Vec::with_capacity(32);
        if let Some(s) = self.source {
            ev.push((s, Act::Source));
        }
        ev.push((self.sympathiser, Act::Sympathiser));
        ev.push((self.proposal, Act::Proposal));
        ev.push((self.certificate, Act::Certificate));
        ev.push((self.permission, Act::Permission));
        ev.push((self.dossier, Act::Dossier));
        let n = if married { 4 } else { 3 };
        let mut sends: Vec<_> = (0..n).map(|i| (self.verifs[i].sent, Act::Send(i as u8))).collect();
        crate::order::sort_by_key(&mut sends, |e| e.0);
        let mut returns: Vec<_> = (0..n).map(|i| (self.verifs[i].returned, Act::Return(i as u8))).collect();
        crate::order::sort_by_key(&mut returns, |e| e.0);
        ev.extend(sends);
        ev.extend(returns);
        ev.push((self.cv, Act::CvCert));
        ev.push((self.opinions, Act::Opinions));
        ev.push((self.cell_vote, Act::CellVote));
        if let Some(g) = self.grassroots {
            ev.push((g, Act::GrassrootsVote));
        }
        ev.push((self.sent_up, Act::SendUp));
        ev.push((self.decision, Act::Decide));
        ev.push((self.received, Act::Receive));
        ev.push((self.ceremony, Act::Ceremony));
        let mut admin = vec![(self.member_records, Act::MemberRecords), (self.database_entry, Act::DatabaseEntry)];
        if let Some(c) = self.nm_cert {
            admin.push((c, Act::NewMemberCert));
        }
        crate::order::sort_by_key(&mut admin, |e| e.0);
        ev.extend(admin);
        ev.push((self.self_review, Act::StartRecognition));
        ev.push((self.rec_cell_vote, Act::RecCellVote));
        if let Some(g) = self.rec_grassroots {
            ev.push((g, Act::RecGrassrootsVote));
        }
        ev.push((self.rec_decision, Act::RecDecision));
        debug_assert!(ev.windows(2).all(|w| w[0].0 <= w[1].0), "timeline out of order: {ev:?}");
        ev
    }

    /// The date of an act, whether or not the plan reaches it.
    pub(super) fn date_of(&self, act: Act) -> NaiveDate {
        match act {
            Act::Source => self.source.unwrap_or(self.sympathiser),
            Act::Sympathiser => self.sympathiser,
            Act::Proposal => self.proposal,
            Act::Certificate => self.certificate,
            Act::Permission => self.permission,
            Act::Dossier => self.dossier,
            Act::Send(i) => self.verifs[i as usize].sent,
            Act::Return(i) => self.verifs[i as usize].returned,
            Act::CvCert => self.cv,
            Act::Opinions => self.opinions,
            Act::CellVote => self.cell_vote,
            Act::GrassrootsVote => self.grassroots.unwrap_or(self.cell_vote),
            Act::SendUp => self.sent_up,
            Act::Decide => self.decision,
            Act::Receive => self.received,
            Act::Ceremony => self.ceremony,
            Act::MemberRecords => self.member_records,
            Act::DatabaseEntry => self.database_entry,
            Act::NewMemberCert => self.nm_cert.unwrap_or(self.member_records),
            Act::StartRecognition => self.self_review,
            Act::RecCellVote => self.rec_cell_vote,
            Act::RecGrassrootsVote => self.rec_grassroots.unwrap_or(self.rec_cell_vote),
            Act::RecDecision => self.rec_decision,
        }
    }
}
