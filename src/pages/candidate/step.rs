//! The next step as a form: exactly what docs/domain.md §2.2 says the step records, its legal
//! deadline, and the rule checks of `pipeline::apply` — blocking findings stop it, warnings
//! need a confirmation. A half-filled form is kept as a draft.

use crate::clock;
use crate::components::{Draft, RecordForm};
use crate::store::{Refusal, Store};
use leptos::prelude::*;
use ptdv_domain::form::{FieldError, Values};
use ptdv_domain::model::CandidateId;
use ptdv_domain::pipeline::{next_steps, Applied, NextSteps, Step, TransitionError};
use ptdv_domain::records::steps::record_step;
use ptdv_domain::rules::{citation, Finding};
use ptdv_domain::step_forms;
use ptdv_domain::text::format_date;

/// "Bước tiếp theo": the steps possible now, then the chosen step's form.
#[component]
pub fn NextStep(id: CandidateId) -> impl IntoView {
    let store = Store::get();
    let id2 = id.clone();
    let steps = Memo::new(move |_| {
        let Some(rules) = store.ward_rules() else { return NextSteps::default() };
        store
            .data
            .with(|d| {
                let d = d.as_ref()?;
                let c = d.candidate(&id2)?;
                Some(next_steps(c, d.cell(&c.cell_id), rules.rule_sets()))
            })
            .unwrap_or_default()
    });
    let chosen = RwSignal::new(None::<Step>);
    let done = RwSignal::new(None::<String>);
    // After a step is recorded its form is gone: the focus goes to the message saying so.
    let done_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if done.with(Option::is_some) {
            if let Some(el) = done_ref.get() {
                let _ = el.focus();
            }
        }
    });
    let button = move |s: Step, primary: bool| {
        let class = move || match (chosen.get() == Some(s), primary) {
            (true, _) => "button chosen",
            (false, true) => "button primary",
            (false, false) => "button",
        };
        view! {
            <li>
                <button type="button" class=class aria-pressed=move || (chosen.get() == Some(s)).to_string()
                    on:click=move |_| { done.set(None); chosen.set(Some(s)); }>
                    {s.label()}
                </button>
            </li>
        }
    };
    view! {
        <section class="card no-print" aria-labelledby="next-step-title" data-testid="next-step">
            <h2 id="next-step-title">"Bước tiếp theo"</h2>
            <div role="status" data-testid="step-done" tabindex="-1" node_ref=done_ref>
                {move || done.get().map(|m| view! { <p class="notice ok">{m}</p> })}
            </div>
            {move || {
                let NextSteps { onward: main, exits } = steps.get();
                if main.is_empty() && exits.is_empty() {
                    return view! { <p>"Hồ sơ đã kết thúc: không còn bước nào phải làm."</p> }.into_any();
                }
                view! {
                    <ul class="step-choices" aria-label="Các bước có thể ghi">
                        {main.iter().enumerate().map(|(i, s)| button(*s, i == 0)).collect_view()}
                    </ul>
                    {(!exits.is_empty()).then(|| view! {
                        <details class="exits">
                            <summary>"Rút khỏi danh sách, chuyển đi, xóa tên, hủy quyết định"</summary>
                            <ul class="step-choices">{exits.into_iter().map(|s| button(s, false)).collect_view()}</ul>
                        </details>
                    })}
                }
                .into_any()
            }}
            {
                let id = id.clone();
                move || chosen.get().map(|s| view! { <StepForm id=id.clone() step=s chosen done /> })
            }
        </section>
    }
}

/// What the checks said about the last attempt.
#[derive(Clone, Debug, PartialEq)]
enum Verdict {
    Blocked(Vec<Finding>),
    Confirm(Vec<Finding>),
}

fn finding_items(findings: Vec<Finding>) -> impl IntoView {
    findings
        .into_iter()
        .map(|f| {
            view! {
                <li>
                    {f.message}
                    <span class="rule">{format!(" Quy định: {}.", citation::for_people(&f.rule))}</span>
                </li>
            }
        })
        .collect_view()
}

/// Why recording a step did not go through.
enum StepRefused {
    Transition(TransitionError),
    Store(Refusal),
}

impl From<Refusal> for StepRefused {
    fn from(r: Refusal) -> Self {
        StepRefused::Store(r)
    }
}

/// The form of one step for the person `id`.
#[component]
fn StepForm(id: CandidateId, step: Step, chosen: RwSignal<Option<Step>>, done: RwSignal<Option<String>>) -> impl IntoView {
    let store = Store::get();
    let setup = store.data.with_untracked(|d| {
        let d = d.as_ref()?;
        let c = d.candidate(&id)?;
        let today = store.today.get_untracked();
        let deadline = store.ward_rules_untracked().ok().and_then(|rules| {
            step_forms::step_deadline(step, c, &rules.context(d, c, today)).map(|t| {
                let when = t.state(today, rules.due_soon_days()).line();
                format!("Hạn theo quy định: {} ({when}). Quy định: {}.", format_date(t.deadline), citation::for_people(t.rule))
            })
        });
        Some((step_forms::fields(step, c, d), step_forms::prefill(step, c, d), deadline))
    });
    let Some((fields, prefill, deadline)) = setup else {
        return view! { <p class="error">"Không tìm thấy hồ sơ này nữa."</p> }.into_any();
    };
    let draft = Draft::new(format!("buoc:{}:{:?}", id.as_str(), step));
    let verdict = RwSignal::new(None::<Verdict>);
    // The warnings the user has just confirmed ("Tôi đã xem, vẫn ghi bước này"), for one save.
    let acknowledged = StoredValue::new(Vec::<&'static str>::new());
    let save = Callback::new(move |vals: Values| {
        let confirmed = acknowledged.get_value();
        acknowledged.set_value(vec![]);
        let action = store.data.with_untracked(|d| {
            let d = d.as_ref().ok_or_else(|| Vec::<FieldError>::from(Refusal::NoWard))?;
            let c = d.candidate(&id).ok_or_else(|| vec![FieldError::new("", "Không tìm thấy hồ sơ này nữa.")])?;
            step_forms::build(step, c, &vals)
        })?;
        let rules = store.ward_rules_untracked().map_err(|e| vec![FieldError::new("", format!("Không đọc được bộ quy định: {e}"))])?;
        let outcome = store.try_update(|d| {
            record_step(d, &id, &action, rules.rule_sets(), rules.calendar(), clock::today(), clock::now(), &confirmed)
                .map_err(StepRefused::Transition)
        });
        match outcome {
            Ok(Applied { lateness, .. }) => {
                let late = lateness
                    .map(|l| format!(" Bước này ghi muộn so với hạn {} ({}).", format_date(l.deadline), citation::for_people(&l.rule)))
                    .unwrap_or_default();
                done.set(Some(format!("Đã ghi bước “{}”.{late}", step.label())));
                chosen.set(None);
                Ok(())
            }
            Err(StepRefused::Store(r)) => Err(r.into()),
            Err(StepRefused::Transition(e)) => Err(match e {
                TransitionError::Blocked(fs) => {
                    verdict.set(Some(Verdict::Blocked(fs)));
                    vec![]
                }
                TransitionError::NeedsConfirmation(fs) => {
                    verdict.set(Some(Verdict::Confirm(fs)));
                    vec![]
                }
                TransitionError::Invalid { field, message } => {
                    vec![FieldError::new(field, message)]
                }
                e @ TransitionError::NotAllowed { .. } => vec![FieldError::new("", e.to_string())],
            }),
        }
    });
    let findings = move || {
        verdict.get().map(|v| match v {
            Verdict::Blocked(fs) => {
                let (blocking, warnings): (Vec<Finding>, Vec<Finding>) = fs.into_iter().partition(Finding::is_blocking);
                view! {
                    <div class="findings blocking" role="alert" data-testid="step-blocked">
                        <p><strong>"Không thể ghi bước này:"</strong></p>
                        <ul>{finding_items(blocking)}</ul>
                        {(!warnings.is_empty()).then(|| view! {
                            <p><strong>"Cần xem lại thêm:"</strong></p>
                            <ul>{finding_items(warnings)}</ul>
                        })}
                    </div>
                }
                .into_any()
            }
            Verdict::Confirm(fs) => {
                let codes: Vec<&'static str> = fs.iter().map(|f| f.code).collect();
                // A submit button: its click notes the confirmation, then the form saves.
                view! {
                    <div class="findings warning" role="alert" data-testid="step-warnings">
                        <p><strong>"Cần xem lại trước khi ghi:"</strong></p>
                        <ul>{finding_items(fs)}</ul>
                        <button type="submit" class="button primary" on:click=move |_| acknowledged.set_value(codes.clone())>
                            "Tôi đã xem, vẫn ghi bước này"
                        </button>
                    </div>
                }
                .into_any()
            }
        })
    };
    // Any edit after a refusal asks for the checks again.
    let edited = move |_| verdict.set(None);
    view! {
        <div on:input=edited on:change=edited>
            <RecordForm form_id="step" title=step.label() draft fields initial=prefill
                submit_label="Ghi bước này" save on_cancel=Callback::new(move |_| chosen.set(None))
                cancel_question="Bỏ những thông tin vừa nhập cho bước này?" note=deadline.unwrap_or_default()>
                {findings}
            </RecordForm>
        </div>
    }
    .into_any()
}
