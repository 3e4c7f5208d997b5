use crate::clock;
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::changes::diff_record;
use ptdv_domain::format::RecordKind;
use ptdv_domain::model::{Term, UnitKind, Ward};
use ptdv_domain::rules::{LocalParams, RuleSets};
use ptdv_domain::text::{format_date, parse_date};

/// The form's text fields, as typed.
#[derive(Clone, Default)]
struct Draft {
    kind: UnitKind,
    name: String,
    superior: String,
    start: String,
    end: String,
    hanoi: bool,
    due_soon: String,
    days_off: String,
    working_days: String,
}

impl Draft {
    fn of(w: &Ward) -> Self {
        let dates = |ds: &[chrono::NaiveDate]| ds.iter().map(|d| format_date(*d)).collect::<Vec<_>>().join("\n");
        Draft {
            kind: w.kind,
            name: w.name.clone(),
            superior: w.superior.clone(),
            start: w.term.start_year.to_string(),
            end: w.term.end_year.to_string(),
            hanoi: w.settings.local == LocalParams::hanoi(),
            due_soon: w.settings.due_soon_days.to_string(),
            days_off: dates(&w.settings.calendar.extra_days_off),
            working_days: dates(&w.settings.calendar.extra_working_days),
        }
    }
}

/// Errors beside each field; empty when the draft is valid.
#[derive(Clone, Default, PartialEq)]
struct Problems {
    name: Option<String>,
    term: Option<String>,
    due_soon: Option<String>,
    days_off: Option<String>,
    working_days: Option<String>,
}

fn parse_dates(text: &str) -> Result<Vec<chrono::NaiveDate>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().map(str::trim).enumerate().filter(|(_, l)| !l.is_empty()) {
        let d = parse_date(line).map_err(|e| format!("Dòng {}: {e}", i + 1))?;
        out.push(d);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Checks the draft and builds the new ward record, or says what is wrong where.
fn apply_draft(d: &Draft, ward: &Ward) -> Result<Ward, Problems> {
    let mut p = Problems::default();
    let name = d.name.trim().to_string();
    if name.is_empty() {
        p.name = Some("Hãy nhập tên đảng bộ.".into());
    }
    let term = Term::parse(&d.start, &d.end).map_err(|e| p.term = Some(e.into())).ok();
    let due_soon = match d.due_soon.trim().parse::<u32>() {
        Ok(n) if (1..=90).contains(&n) => Some(n),
        _ => {
            p.due_soon = Some("Nhập số ngày từ 1 đến 90.".into());
            None
        }
    };
    let days_off = parse_dates(&d.days_off).map_err(|e| p.days_off = Some(e)).ok();
    let working_days = parse_dates(&d.working_days).map_err(|e| p.working_days = Some(e)).ok();
    match (term, due_soon, days_off, working_days) {
        (Some(term), Some(due_soon), Some(days_off), Some(working_days)) if p.name.is_none() => {
            let mut w = ward.clone();
            w.kind = d.kind;
            w.name = name;
            w.superior = d.superior.trim().to_string();
            w.term = term;
            w.settings.due_soon_days = due_soon;
            w.settings.local = if d.hanoi { LocalParams::hanoi() } else { LocalParams::default() };
            w.settings.calendar.extra_days_off = days_off;
            w.settings.calendar.extra_working_days = working_days;
            Ok(w)
        }
        _ => Err(p),
    }
}

/// Cài đặt đảng bộ: the ward's name and level, superior, term, local deadlines, days off.
#[component]
pub fn WardSettingsForm() -> impl IntoView {
    let store = Store::get();
    let draft = RwSignal::new(store.data.with_untracked(|d| d.as_ref().map(|d| Draft::of(&d.ward)).unwrap_or_default()));
    let problems = RwSignal::new(Problems::default());
    let saved = RwSignal::new(false);
    let rule_set_line = RuleSets::builtin()
        .map(|r| {
            let s = r.current();
            format!(
                "Đang áp dụng bộ quy định “{}” từ ngày {}. Mỗi bước được tính theo bộ quy định có hiệu lực vào ngày của bước đó.",
                s.name,
                format_date(s.valid_from)
            )
        })
        .unwrap_or_default();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let Some(ward) = store.data.with_untracked(|d| d.as_ref().map(|d| d.ward.clone())) else { return };
        match apply_draft(&draft.get_untracked(), &ward) {
            Err(p) => problems.set(p),
            Ok(mut new_ward) => {
                problems.set(Problems::default());
                if new_ward == ward {
                    saved.set(true);
                    return;
                }
                let now = clock::now();
                new_ward.updated_at = now;
                // Show what was stored: dates normalised, sorted, duplicates merged.
                draft.set(Draft::of(&new_ward));
                store.update(|d| {
                    let changes = diff_record(RecordKind::Ward, ward.id.as_str(), &new_ward.name, Some(&ward), &new_ward, now);
                    d.changes.append(changes);
                    d.ward = new_ward;
                });
                saved.set(true);
            }
        }
    };
    let field = move |f: fn(&Draft) -> String| move || draft.with(f);
    let set = move |f: fn(&mut Draft, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            draft.update(|d| f(d, v));
            saved.set(false);
        }
    };
    let invalid = move |f: fn(&Problems) -> bool| move || problems.with(f).then_some("true");
    view! {
        <section class="card" aria-labelledby="settings-title">
            <h2 id="settings-title">"Cài đặt đảng bộ"</h2>
            <form on:submit=save novalidate data-testid="settings-form">
                <fieldset>
                    <legend>"Cấp đảng bộ"</legend>
                    {UnitKind::ALL.into_iter().map(|k| view! {
                        <label class="radio">
                            <input type="radio" name="settings-kind" prop:checked=move || draft.with(|d| d.kind == k)
                                on:change=move |_| draft.update(|d| d.kind = k) />
                            {format!("Đảng bộ {}", k.label())}
                        </label>
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="settings-name">"Tên đảng bộ"</label>
                    <input id="settings-name" type="text" autocomplete="off" aria-describedby="settings-name-error"
                        aria-invalid=invalid(|p| p.name.is_some())
                        prop:value=field(|d| d.name.clone()) on:input=set(|d, v| d.name = v) />
                    <p id="settings-name-error" class="field-error">{move || problems.with(|p| p.name.clone())}</p>
                </div>
                <div class="field">
                    <label for="settings-superior">"Cấp ủy cấp trên trực tiếp"</label>
                    <input id="settings-superior" type="text" autocomplete="off"
                        prop:value=field(|d| d.superior.clone()) on:input=set(|d, v| d.superior = v) />
                </div>
                <fieldset class="inline" aria-describedby="settings-term-error">
                    <legend>"Nhiệm kỳ"</legend>
                    <label for="settings-start">"Từ năm"</label>
                    <input id="settings-start" type="text" inputmode="numeric" size="5"
                        aria-invalid=invalid(|p| p.term.is_some())
                        prop:value=field(|d| d.start.clone()) on:input=set(|d, v| d.start = v) />
                    <label for="settings-end">"đến năm"</label>
                    <input id="settings-end" type="text" inputmode="numeric" size="5"
                        aria-invalid=invalid(|p| p.term.is_some())
                        prop:value=field(|d| d.end.clone()) on:input=set(|d, v| d.end = v) />
                    <p id="settings-term-error" class="field-error">{move || problems.with(|p| p.term.clone())}</p>
                </fieldset>
                <p class="hint">{rule_set_line}</p>
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || draft.with(|d| d.hanoi)
                        on:change:target=move |ev| draft.update(|d| d.hanoi = ev.target().checked()) />
                    "Áp dụng thêm các thời hạn riêng của Thành ủy Hà Nội (gửi hồ sơ lên trong 5 ngày làm việc, đảng ủy cơ sở xét trong 25 ngày, quyết định công nhận chính thức trong 15 ngày)"
                </label>
                <div class="field">
                    <label for="settings-due-soon">"Báo trước việc sắp đến hạn (số ngày)"</label>
                    <input id="settings-due-soon" type="text" inputmode="numeric" size="4" aria-describedby="settings-due-soon-error"
                        aria-invalid=invalid(|p| p.due_soon.is_some())
                        prop:value=field(|d| d.due_soon.clone()) on:input=set(|d, v| d.due_soon = v) />
                    <p id="settings-due-soon-error" class="field-error">{move || problems.with(|p| p.due_soon.clone())}</p>
                </div>
                <div class="field">
                    <label for="settings-days-off">"Ngày nghỉ thêm (mỗi dòng một ngày, dạng ngày/tháng/năm), ví dụ ngày nghỉ Tết theo thông báo của Chính phủ"</label>
                    <textarea id="settings-days-off" rows="3" aria-describedby="settings-days-off-error"
                        aria-invalid=invalid(|p| p.days_off.is_some())
                        prop:value=field(|d| d.days_off.clone()) on:input=set(|d, v| d.days_off = v)></textarea>
                    <p id="settings-days-off-error" class="field-error">{move || problems.with(|p| p.days_off.clone())}</p>
                </div>
                <div class="field">
                    <label for="settings-working-days">"Ngày làm việc bù (thứ Bảy đi làm, hoặc ngày lễ không nghỉ)"</label>
                    <textarea id="settings-working-days" rows="2" aria-describedby="settings-working-days-error"
                        aria-invalid=invalid(|p| p.working_days.is_some())
                        prop:value=field(|d| d.working_days.clone()) on:input=set(|d, v| d.working_days = v)></textarea>
                    <p id="settings-working-days-error" class="field-error">{move || problems.with(|p| p.working_days.clone())}</p>
                </div>
                <div class="actions">
                    <button class="button primary" type="submit">"Lưu cài đặt"</button>
                </div>
                <Show when=move || saved.get()>
                    <p class="notice ok" role="status" data-testid="settings-saved">"Đã lưu cài đặt."</p>
                </Show>
            </form>
        </section>
    }
}
