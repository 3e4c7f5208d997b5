//! Multiplying a ward's candidates for benchmarks (the demo ward: 10× ≈ 3,000 candidates,
//! 34× ≈ 10,000).

use super::people::fresh_name;
use super::rng::Rng;
use crate::model::*;
use std::collections::BTreeMap;

/// `data` with `factor` times as many candidates, for benchmarks: copy `k` (2…factor) of each
/// candidate gets the id suffix "-x{k}", a new invented name, and its own copies of the classes
/// it attended (so each class keeps ≈ 30 learners) and of its probationary member record.
/// Cells, full members (the helpers and introducers) and document numbers are shared; member
/// counts and target values are multiplied by `factor` so that rates stay realistic.
/// Deterministic; `factor` 0 or 1 returns a copy.
pub fn scale(data: &WardData, factor: u32) -> WardData {
    let mut out = data.clone();
    if factor <= 1 {
        return out;
    }
    for c in &mut out.cells {
        for y in c.members_by_year.values_mut() {
            y.full_members *= factor;
            y.probationary_members *= factor;
        }
    }
    for t in &mut out.targets {
        t.value *= factor;
    }
    // Probationary member records belong to a candidate: same cell, name and decision date.
    let mut prob: BTreeMap<(&CellId, &str, Option<chrono::NaiveDate>), &PartyMember> = BTreeMap::new();
    for m in data.members.iter().filter(|m| m.status == MemberStatus::DuBi) {
        prob.insert((&m.cell_id, m.full_name.as_str(), m.admitted_on), m);
    }
    out.candidates.reserve(data.candidates.len() * (factor as usize - 1));
    for k in 2..=factor {
        let suffix = format!("-x{k}");
        let class_id = |id: &ClassId| ClassId::new(format!("{id}{suffix}"));
        for class in &data.classes {
            let mut c = class.clone();
            c.id = class_id(&class.id);
            for l in &mut c.learners {
                l.candidate_id = CandidateId::new(format!("{}{suffix}", l.candidate_id));
            }
            out.classes.push(c);
        }
        for (i, cand) in data.candidates.iter().enumerate() {
            let mut c = cand.clone();
            c.id = CandidateId::new(format!("{}{suffix}", cand.id));
            let mut rng = Rng::fork(u64::from(k), i as u64);
            c.full_name = fresh_name(&mut rng, c.sex, c.ethnicity, chrono::Datelike::year(&c.birth_date));
            let p = &mut c.process;
            if let Some(x) = p.class_proposal.as_mut().and_then(|x| x.class_id.as_mut()) {
                *x = class_id(x);
            }
            if let Some(x) = p.certificate.as_mut().and_then(|x| x.class_id.as_mut()) {
                *x = class_id(x);
            }
            if let Some(x) = p.after_admission.new_member_certificate.as_mut().and_then(|x| x.class_id.as_mut()) {
                *x = class_id(x);
            }
            let decided = cand.process.decision.as_ref().map(|d| d.document.date);
            if let Some(m) = prob.get(&(&cand.cell_id, cand.full_name.as_str(), decided)) {
                let mut m = (*m).clone();
                m.id = MemberId::new(format!("{}{suffix}", m.id));
                m.full_name = c.full_name.clone();
                out.members.push(m);
            }
            out.candidates.push(c);
        }
    }
    out
}
