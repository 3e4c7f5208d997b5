//! The next step as a form: exactly what DOMAIN §2.2 says the step records, its legal
//! deadline, and the rule checks of `pipeline::apply` — blocking findings stop it, warnings
//! need a confirmation. A half-filled form is kept as a draft.

use crate::clock;
use crate::components::{focus_on_open, keep_draft, values_with_draft, Draft, FormFields};
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::calendar::WorkingCalendar;
use ptdv_domain::form::{FieldError, Values};
use ptdv_domain::model::{CandidateId, WardData};
use ptdv_domain::pipeline::{next_steps, Applied, NextSteps, Step, TransitionError};
use ptdv_domain::records::steps::record_step;
use ptdv_domain::rules::{citation, Finding, RuleContext, RuleSets};
use ptdv_domain::step_forms;
use ptdv_domain::text::{due_phrase, format_date};

/// Runs `f` with the rule context of the person `c` in `data` on `today`.
fn with_context<R>(data: &WardData, c: &ptdv_domain::model::Candidate, f: impl FnOnce(&RuleContext<'_>) -> R) -> Result<R, String> {
    let rules = RuleSets::builtin().map_err(|e| e.to_string())?;
    let calendar = WorkingCalendar::new(&data.ward.settings.calendar);
    Ok(f(&RuleContext::for_candidate(data, c, rules, &calendar, clock::today())))
}

/// "Bước tiếp theo": the steps possible now, then the chosen step's form.
#[component]
pub fn NextStep(id: CandidateId) -> impl IntoView {
    let store = Store::get();
    let id2 = id.clone();
    let steps = Memo::new(move |_| {
        store
            .data
            .with(|d| {
                let d = d.as_ref()?;
                let c = d.candidate(&id2)?;
                Some(next_steps(c, d.cell(&c.cell_id), RuleSets::builtin().ok()?))
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

/// The form of one step for the person `id`.
#[component]
fn StepForm(id: CandidateId, step: Step, chosen: RwSignal<Option<Step>>, done: RwSignal<Option<String>>) -> impl IntoView {
    let store = Store::get();
    let setup = store.data.with_untracked(|d| {
        let d = d.as_ref()?;
        let c = d.candidate(&id)?;
        let deadline = with_context(d, c, |ctx| {
            step_forms::step_deadline(step, c, ctx).map(|t| {
                let when = due_phrase(t.days_left(clock::today()));
                format!("Hạn theo quy định: {} ({when}). Quy định: {}.", format_date(t.deadline), citation::for_people(t.rule))
            })
        })
        .ok()
        .flatten();
        Some((step_forms::fields(step, c, d), step_forms::prefill(step, c, d), deadline))
    });
    let Some((fields, prefill, deadline)) = setup else {
        return view! { <p class="error">"Không tìm thấy hồ sơ này nữa."</p> }.into_any();
    };
    let draft = Draft::new(format!("buoc:{}:{:?}", id.as_str(), step));
    let (initial, restored) = values_with_draft(&draft, prefill.clone());
    let values = RwSignal::new(initial);
    keep_draft(draft.clone(), values);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let verdict = RwSignal::new(None::<Verdict>);
    // Any edit after a refusal asks for the checks again.
    Effect::new(move |first: Option<()>| {
        values.track();
        if first.is_some() {
            verdict.set(None);
        }
    });

    let record = {
        let id = id.clone();
        let draft = draft.clone();
        move |acknowledged: Vec<&'static str>| {
            let vals: Values = values.get_untracked();
            let action = store.data.with_untracked(|d| {
                let d = d.as_ref().ok_or_else(|| vec![FieldError::new("", "Chưa có dữ liệu của đảng bộ.")])?;
                let c = d.candidate(&id).ok_or_else(|| vec![FieldError::new("", "Không tìm thấy hồ sơ này nữa.")])?;
                step_forms::build(step, c, &vals)
            });
            let action = match action {
                Ok(a) => a,
                Err(es) => return errors.set(es),
            };
            let rules = match RuleSets::builtin() {
                Ok(r) => r,
                Err(e) => return errors.set(vec![FieldError::new("", format!("Không đọc được bộ quy định: {e}"))]),
            };
            let outcome = store.try_update(
                |d| {
                    let calendar = WorkingCalendar::new(&d.ward.settings.calendar);
                    record_step(d, &id, &action, rules, &calendar, clock::today(), clock::now(), &acknowledged)
                },
                || TransitionError::Invalid { field: "", message: "Chưa có dữ liệu của đảng bộ.".to_string() },
            );
            match outcome {
                Err(TransitionError::Blocked(fs)) => verdict.set(Some(Verdict::Blocked(fs))),
                Err(TransitionError::NeedsConfirmation(fs)) => verdict.set(Some(Verdict::Confirm(fs))),
                // `field` is the form's key (or "" for the form as a whole).
                Err(TransitionError::Invalid { field, message }) => errors.set(vec![FieldError::new(field, message)]),
                Err(e @ TransitionError::NotAllowed { .. }) => errors.set(vec![FieldError::new("", e.to_string())]),
                Ok(Applied { lateness, .. }) => {
                    draft.clear();
                    let late = lateness
                        .map(|l| format!(" Bước này ghi muộn so với hạn {} ({}).", format_date(l.deadline), citation::for_people(&l.rule)))
                        .unwrap_or_default();
                    done.set(Some(format!("Đã ghi bước “{}”.{late}", step.label())));
                    chosen.set(None);
                }
            }
        }
    };
    let record2 = record.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        record(vec![]);
    };
    let cancel = move |_| {
        let typed = values.with_untracked(|v| *v != prefill);
        let ok = !typed || window().confirm_with_message("Bỏ những thông tin vừa nhập cho bước này?").unwrap_or(false);
        if ok {
            draft.clear();
            chosen.set(None);
        }
    };
    let form_id = "step";
    let form_ref = NodeRef::<leptos::html::Form>::new();
    focus_on_open(form_ref);
    view! {
        <form node_ref=form_ref class="step-form" on:submit=submit novalidate data-testid="step-form" aria-labelledby="step-form-title">
            <h3 id="step-form-title">{step.label()}</h3>
            {restored.then(|| view! { <p class="notice" role="status">"Đã khôi phục thông tin bạn nhập dở lần trước."</p> })}
            {deadline.map(|d| view! { <p class="step-deadline" data-testid="step-deadline">{d}</p> })}
            <FormFields id=form_id fields values errors />
            {move || verdict.get().map(|v| match v {
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
                    }.into_any()
                }
                Verdict::Confirm(fs) => {
                    let codes: Vec<&'static str> = fs.iter().map(|f| f.code).collect();
                    let record = record2.clone();
                    view! {
                        <div class="findings warning" role="alert" data-testid="step-warnings">
                            <p><strong>"Cần xem lại trước khi ghi:"</strong></p>
                            <ul>{finding_items(fs)}</ul>
                            <button type="button" class="button primary" on:click=move |_| record(codes.clone())>
                                "Tôi đã xem, vẫn ghi bước này"
                            </button>
                        </div>
                    }.into_any()
                }
            })}
            <div class="actions">
                <button class="button primary" type="submit">"Ghi bước này"</button>
                <button class="button" type="button" on:click=cancel>"Hủy"</button>
            </div>
        </form>
    }
    .into_any()
}
