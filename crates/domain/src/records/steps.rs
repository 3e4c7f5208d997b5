//! Recording a pipeline step on one person of the ward: the step is checked and applied by
//! [`apply`], the person's record replaced, the change logged, and a class named by the step
//! ("Đề nghị đi học lớp …" with its class) gets the person as a learner.

use super::classes;
use crate::calendar::WorkingCalendar;
use crate::format::RecordKind;
use crate::model::{CandidateId, Timestamp, WardData};
use crate::pipeline::{apply, Action, Applied, TransitionError};
use crate::rules::{RuleContext, RuleSets};
use chrono::NaiveDate;

/// Records `action` for the person `id` on `today`. On error nothing changes; on success the
/// person's record is the applied one, the change log has the step, and a `ProposeClass`
/// with a class enrolls the person in it (already enrolled: nothing more).
#[allow(clippy::too_many_arguments)]
pub fn record_step<S: AsRef<str>>(
    data: &mut WardData,
    id: &CandidateId,
    action: &Action,
    rule_sets: &RuleSets,
    calendar: &WorkingCalendar,
    today: NaiveDate,
    now: Timestamp,
    acknowledged: &[S],
) -> Result<Applied, TransitionError> {
    let (before, applied) = {
        let c = data
            .candidate(id)
            .ok_or_else(|| TransitionError::Invalid { field: "", message: "Không tìm thấy hồ sơ này nữa.".to_string() })?;
        let ctx = RuleContext::for_candidate(data, c, rule_sets, calendar, today);
        (c.clone(), apply(c, action, &ctx, now, acknowledged)?)
    };
    super::log(data, RecordKind::Candidate, before.id.as_str(), &before.full_name, Some(&before), &applied.candidate, now);
    if let Some(slot) = data.candidates.iter_mut().find(|c| c.id == before.id) {
        *slot = applied.candidate.clone();
    }
    if let Action::ProposeClass { class_id: Some(class_id), .. } = action {
        // The class was offered for this step; a class that no longer fits is left as it is.
        let _ = classes::enroll(data, class_id, std::slice::from_ref(id), now);
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_ward;
    use crate::model::ClassKind;
    use crate::pipeline::Stage;
    use crate::records::testkit::{now, today};

    fn setup() -> (WardData, &'static RuleSets) {
        (demo_ward(today(), now()), RuleSets::builtin().expect("rule sets"))
    }

    #[test]
    fn a_step_replaces_the_record_and_is_logged() {
        let (mut data, rules) = setup();
        let calendar = WorkingCalendar::new(&data.ward.settings.calendar);
        let c = data.candidates.iter().find(|c| c.stage == Stage::CamTinh).expect("a sympathiser").clone();
        let class = data.classes.iter().find(|k| k.kind == ClassKind::NhanThuc).map(|k| k.id.clone()).expect("an awareness class");
        let date = c.history.last().map(|h| h.date).unwrap_or(c.birth_date).max(today() - chrono::Days::new(3));
        let action = Action::ProposeClass { date, class_id: Some(class.clone()) };
        let log_before = data.changes.len();
        let applied = record_step(&mut data, &c.id, &action, rules, &calendar, today(), now(), &[] as &[&str]).expect("recorded");
        assert_eq!(applied.candidate.stage, Stage::DeNghiHoc);
        assert_eq!(data.candidate(&c.id).map(|x| x.stage), Some(Stage::DeNghiHoc));
        assert!(data.changes.len() > log_before, "the step is in the change log");
        let k = data.class(&class).expect("class");
        assert!(k.learners.iter().any(|l| l.candidate_id == c.id), "enrolled in the class the step named");
    }

    #[test]
    fn a_refused_step_changes_nothing() {
        let (mut data, rules) = setup();
        let calendar = WorkingCalendar::new(&data.ward.settings.calendar);
        let c = data.candidates.iter().find(|c| c.stage == Stage::CamTinh).expect("a sympathiser").clone();
        let before = data.clone();
        // A ceremony is not a step of a sympathiser.
        let action = Action::SendUp { date: today() };
        let err = record_step(&mut data, &c.id, &action, rules, &calendar, today(), now(), &[] as &[&str]);
        assert!(matches!(err, Err(TransitionError::NotAllowed { .. })), "{err:?}");
        assert_eq!(data, before);
        let unknown = record_step(&mut data, &CandidateId::new("khong-co"), &action, rules, &calendar, today(), now(), &[] as &[&str]);
        assert!(matches!(unknown, Err(TransitionError::Invalid { .. })));
        assert_eq!(data, before);
    }
}
