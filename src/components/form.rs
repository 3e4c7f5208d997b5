//! One component renders every form of the app from the domain's [`Field`]s: labels, hints,
//! the error beside each field, dates typed or picked as dd/mm/yyyy. Values live in a signal
//! of [`Values`]; a [`Draft`] keeps them in storage while the form is half-filled, so leaving
//! the page loses nothing.

use crate::storage;
use leptos::prelude::*;
use ptdv_domain::form::{check_texts, join_multi, Field, FieldError, FieldKind, Values};
use ptdv_domain::text::{format_date, parse_date};

/// The error message for `key`, if any.
fn error_of(errors: &[FieldError], key: &str) -> Option<String> {
    errors.iter().find(|e| e.key == key).map(|e| e.message.clone())
}

/// The controls of a form. `id` prefixes every control id (`{id}-{key}`), so tests and
/// labels find them; errors with an empty key or a key of no field show above the fields.
#[component]
pub fn FormFields(id: &'static str, fields: Vec<Field>, values: RwSignal<Values>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let keys: Vec<&'static str> = fields.iter().map(|f| f.key).collect();
    let general =
        move || errors.with(|es| es.iter().filter(|e| !keys.contains(&e.key.as_str())).map(|e| e.message.clone()).collect::<Vec<_>>());
    view! {
        <div class="form-errors" role="alert">
            {move || general().into_iter().map(|m| view! { <p class="error">{m}</p> }).collect_view()}
        </div>
        {fields.into_iter().map(|f| view! { <FormField id f values errors /> }).collect_view()}
    }
}

#[component]
fn FormField(id: &'static str, f: Field, values: RwSignal<Values>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let key = f.key;
    let control_id = format!("{id}-{key}");
    let error_id = format!("{control_id}-error");
    let hint_id = format!("{control_id}-hint");
    let described = if f.hint.is_empty() { error_id.clone() } else { format!("{hint_id} {error_id}") };
    let value = move || values.with(|v| v.get(key).cloned().unwrap_or_default());
    let set = move |v: String| {
        values.update(|vals| {
            vals.insert(key.to_string(), v);
        });
        errors.update(|es| es.retain(|e| e.key != key));
    };
    let error = move || errors.with(|es| error_of(es, key));
    let invalid = move || errors.with(|es| error_of(es, key).is_some()).then_some("true");
    let label = if f.required { format!("{} (bắt buộc)", f.label) } else { f.label.clone() };
    let hint = (!f.hint.is_empty()).then(|| view! { <p id=hint_id.clone() class="hint">{f.hint.clone()}</p> });
    let error_line = view! { <p id=error_id class="field-error">{error}</p> };
    match f.kind {
        FieldKind::Check => view! {
            <div class="field">
                <label class="checkbox">
                    <input id=control_id type="checkbox" aria-describedby=described
                        prop:checked=move || value() == "true"
                        on:change:target=move |ev| set(if ev.target().checked() { "true".into() } else { String::new() }) />
                    {f.label.clone()}
                </label>
                {hint}
                {error_line}
            </div>
        }
        .into_any(),
        FieldKind::Radio(options) => view! {
            <fieldset class="field radios" aria-describedby=described>
                <legend>{label}</legend>
                {hint}
                {options.into_iter().enumerate().map(|(i, (v, text))| {
                    let opt_id = format!("{control_id}-{i}");
                    let v2 = v.clone();
                    view! {
                        <label class="radio">
                            <input id=opt_id type="radio" name=control_id.clone() prop:checked=move || value() == v2
                                on:change=move |_| set(v.clone()) />
                            {text}
                        </label>
                    }
                }).collect_view()}
                {error_line}
            </fieldset>
        }
        .into_any(),
        FieldKind::MultiChoice(options) => {
            let many = options.len() > 6;
            view! {
                <fieldset class="field multi" aria-describedby=described>
                    <legend>{label}</legend>
                    {hint}
                    <div class=if many { "multi-options scroll" } else { "multi-options" }>
                        {options.into_iter().enumerate().map(|(i, (v, text))| {
                            let opt_id = format!("{control_id}-{i}");
                            let opt_for = opt_id.clone();
                            let v2 = v.clone();
                            let checked = move || value().lines().any(|x| x == v2);
                            view! {
                                <label class="checkbox" for=opt_for>
                                    <input id=opt_id type="checkbox" prop:checked=checked
                                        on:change:target=move |ev| {
                                            let on = ev.target().checked();
                                            let mut chosen: Vec<String> = value().lines().filter(|x| !x.is_empty() && *x != v).map(String::from).collect();
                                            if on { chosen.push(v.clone()); }
                                            set(join_multi(&chosen));
                                        } />
                                    {text}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    {error_line}
                </fieldset>
            }
            .into_any()
        }
        kind => {
            let control = match kind {
                FieldKind::Lines => view! {
                    <textarea id=control_id.clone() rows="3" aria-describedby=described aria-invalid=invalid
                        prop:value=value on:input=move |ev| set(event_target_value(&ev))></textarea>
                }
                .into_any(),
                FieldKind::Choice(options) => view! {
                    <select id=control_id.clone() aria-describedby=described aria-invalid=invalid
                        prop:value=value on:change=move |ev| set(event_target_value(&ev))>
                        <option value="">"— Chọn —"</option>
                        {options.into_iter().map(|(v, text)| {
                            let v2 = v.clone();
                            view! { <option value=v selected=move || value() == v2>{text}</option> }
                        }).collect_view()}
                    </select>
                }
                .into_any(),
                FieldKind::Date => {
                    let picker_label = format!("Chọn {} trên lịch", f.label.to_lowercase());
                    // The picker mirrors the typed date when it parses; picking writes dd/mm/yyyy.
                    let iso = move || parse_date(&value()).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
                    view! {
                        <span class="date-input">
                            <input id=control_id.clone() type="text" inputmode="numeric" autocomplete="off"
                                placeholder="ngày/tháng/năm" size="12" aria-describedby=described aria-invalid=invalid
                                prop:value=value on:input=move |ev| set(event_target_value(&ev)) />
                            <input type="date" class="date-picker" aria-label=picker_label tabindex="-1"
                                prop:value=iso
                                on:change=move |ev| {
                                    if let Ok(d) = parse_date(&event_target_value(&ev)) { set(format_date(d)); }
                                } />
                        </span>
                    }
                    .into_any()
                }
                FieldKind::Year => view! {
                    <input id=control_id.clone() type="text" inputmode="numeric" autocomplete="off" size="5"
                        aria-describedby=described aria-invalid=invalid
                        prop:value=value on:input=move |ev| set(event_target_value(&ev)) />
                }
                .into_any(),
                FieldKind::Count => view! {
                    <input id=control_id.clone() type="text" inputmode="numeric" autocomplete="off" size="6"
                        aria-describedby=described aria-invalid=invalid
                        prop:value=value on:input=move |ev| set(event_target_value(&ev)) />
                }
                .into_any(),
                _ => view! {
                    <input id=control_id.clone() type="text" autocomplete="off" aria-describedby=described aria-invalid=invalid
                        prop:value=value on:input=move |ev| set(event_target_value(&ev)) />
                }
                .into_any(),
            };
            view! {
                <div class="field">
                    <label for=control_id>{label}</label>
                    {hint}
                    {control}
                    {error_line}
                </div>
            }
            .into_any()
        }
    }
}

/// Days a draft is kept (\[U\]: a form left half-filled for a month is not coming back).
pub const DRAFT_DAYS: i64 = 30;

/// A draft as stored: the values and when they were kept.
#[derive(serde::Serialize, serde::Deserialize)]
struct Kept {
    saved_at: Option<chrono::DateTime<chrono::Utc>>,
    values: Values,
}

/// A half-filled form kept in localStorage under `ptdv:draft:<key>` until it is saved or
/// cancelled, so closing the tab or leaving the page loses nothing. Best effort: a draft that
/// cannot be written (full storage) only means the form is not kept across a reload.
#[derive(Clone, Debug)]
pub struct Draft {
    key: String,
}

impl Draft {
    pub fn new(key: impl AsRef<str>) -> Self {
        Draft { key: format!("ptdv:draft:{}", key.as_ref()) }
    }
    /// The kept values, if any (a draft as older versions kept it, the values alone, too).
    pub fn load(&self) -> Option<Values> {
        let raw = storage::read(&self.key).ok().flatten()?;
        let values = match serde_json::from_str::<Kept>(&raw) {
            Ok(kept) => kept.values,
            Err(_) => serde_json::from_str::<Values>(&raw).ok()?,
        };
        Some(values).filter(|v| v.values().any(|s| !s.trim().is_empty()))
    }
    pub fn save(&self, values: &Values) {
        if values.values().all(|s| s.trim().is_empty()) {
            self.clear();
        } else if let Ok(raw) =
            ptdv_domain::model::write::write_text(&Kept { saved_at: Some(crate::clock::now()), values: values.clone() }, false)
        {
            let _ = storage::write(&self.key, &raw);
        }
    }
    /// Removes the drafts kept more than [`DRAFT_DAYS`] days ago (they count against the
    /// storage quota); a draft without a date (an older version's) is dated now, so it goes in
    /// its turn.
    pub fn clean_old(now: chrono::DateTime<chrono::Utc>) {
        let Ok(keys) = storage::keys() else { return };
        for key in keys.into_iter().filter(|k| k.starts_with("ptdv:draft:")) {
            let Some(raw) = storage::read(&key).ok().flatten() else { continue };
            match serde_json::from_str::<Kept>(&raw) {
                Ok(Kept { saved_at: Some(at), .. }) if (now - at).num_days() > DRAFT_DAYS => {
                    let _ = storage::remove(&key);
                }
                Ok(_) => {}
                Err(_) => match serde_json::from_str::<Values>(&raw) {
                    Ok(values) => {
                        if let Ok(dated) = ptdv_domain::model::write::write_text(&Kept { saved_at: Some(now), values }, false) {
                            let _ = storage::write(&key, &dated);
                        }
                    }
                    // Not a draft this app wrote: nobody can use it.
                    Err(_) => {
                        let _ = storage::remove(&key);
                    }
                },
            }
        }
    }
    pub fn clear(&self) {
        let _ = storage::remove(&self.key);
    }
}

/// Values for a form: the kept draft if there is one (and `true`), else `initial`.
pub fn values_with_draft(draft: &Draft, initial: Values) -> (Values, bool) {
    match draft.load() {
        Some(kept) if kept != initial => (kept, true),
        _ => (initial, false),
    }
}

/// Keeps `values` in `draft` on every change after the first (the initial values are not a draft).
pub fn keep_draft(draft: Draft, values: RwSignal<Values>) {
    let initial = values.get_untracked();
    Effect::new(move |_| {
        values.with(|v| {
            if *v != initial {
                draft.save(v);
            }
        })
    });
}

/// A box to confirm what a field's error asks to confirm (e.g. "a person with the same name
/// and birth date already exists: confirm to save anyway"): shown while such an error stands
/// on `on_key`, or once ticked; ticking sets `values[confirm_key] = "true"`.
#[component]
pub fn ConfirmBox(
    values: RwSignal<Values>,
    errors: RwSignal<Vec<FieldError>>,
    on_key: &'static str,
    confirm_key: &'static str,
    label: &'static str,
) -> impl IntoView {
    let ticked = move || values.with(|v| v.get(confirm_key).is_some_and(|s| s == "true"));
    let asked = move || errors.with(|es| es.iter().any(|e| e.key == on_key && e.needs_confirmation()));
    view! {
        <Show when=move || asked() || ticked()>
            <label class="checkbox confirm-box">
                <input type="checkbox" prop:checked=ticked
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        values.update(|v| { v.insert(confirm_key.to_string(), if on { "true".into() } else { String::new() }); });
                        if on { errors.update(|es| es.retain(|e| e.key != on_key)); }
                    } />
                {label}
            </label>
        </Show>
    }
}

/// A whole record form — every form of the app that saves something is one: the fields, a
/// kept draft (restored with a notice), the error beside each field, the save button and a
/// cancel that asks before dropping typed values. Texts are checked against the loader's
/// limits ([`check_texts`]) before `save` runs. `save` returns `Ok` when the record was stored
/// (the draft is then cleared) or the errors; an `Err` with no errors means the form shows
/// what went wrong itself (its `children`, e.g. a step's rule findings).
#[component]
pub fn RecordForm(
    form_id: &'static str,
    /// A heading for a form inside a page section ("" for none); such a form takes the focus
    /// when it opens.
    #[prop(optional, into)]
    title: String,
    draft: Draft,
    fields: Vec<Field>,
    initial: Values,
    submit_label: &'static str,
    save: Callback<Values, Result<(), Vec<FieldError>>>,
    /// Without it the form has no cancel button (the first-run form).
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
    /// The cancel button's label ("Hủy" unless said).
    #[prop(optional)]
    cancel_label: Option<&'static str>,
    /// What cancelling asks when values were typed ("Bỏ những thông tin vừa nhập?" unless said).
    #[prop(optional)]
    cancel_question: Option<&'static str>,
    /// A line above the fields (a step's legal deadline).
    #[prop(optional, into)]
    note: Option<String>,
    /// A confirmation a field's error may ask for: (field key, confirm key, label).
    #[prop(optional)]
    confirm: Option<(&'static str, &'static str, &'static str)>,
    /// Shown below the fields (findings, a report of what was saved).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let (start, restored) = values_with_draft(&draft, initial.clone());
    let values = RwSignal::new(start);
    keep_draft(draft.clone(), values);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let kept = draft.clone();
    let checked_fields = fields.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let vals = values.get_untracked();
        let too_long = check_texts(&checked_fields, &vals);
        if !too_long.is_empty() {
            errors.set(too_long);
            return;
        }
        match save.run(vals) {
            Ok(()) => kept.clear(),
            Err(es) => errors.set(es),
        }
    };
    let question = cancel_question.unwrap_or("Bỏ những thông tin vừa nhập?");
    let cancel_button = on_cancel.map(|on_cancel| {
        let cancel = move |_| {
            let typed = values.with_untracked(|v| *v != initial);
            if !typed || window().confirm_with_message(question).unwrap_or(false) {
                draft.clear();
                on_cancel.run(());
            }
        };
        view! { <button class="button" type="button" on:click=cancel>{cancel_label.unwrap_or("Hủy")}</button> }
    });
    let heading_id = format!("{form_id}-title");
    let labelled_by = (!title.is_empty()).then(|| heading_id.clone());
    // A form opened inside a page (it has a title) takes the focus; a page's own form does
    // not (the page heading has it after navigation).
    let form_ref = NodeRef::<leptos::html::Form>::new();
    if !title.is_empty() {
        focus_on_open(form_ref);
    }
    let class = if title.is_empty() { "record-form" } else { "record-form step-form" };
    view! {
        <form node_ref=form_ref class=class on:submit=submit novalidate
            data-testid=format!("{form_id}-form") aria-labelledby=labelled_by>
            {(!title.is_empty()).then(|| view! { <h3 id=heading_id>{title}</h3> })}
            {restored.then(|| view! { <p class="notice" role="status">"Đã khôi phục thông tin bạn nhập dở lần trước."</p> })}
            {note.filter(|n| !n.is_empty()).map(|n| view! { <p class="form-note" data-testid=format!("{form_id}-note")>{n}</p> })}
            <FormFields id=form_id fields values errors />
            {confirm.map(|(on_key, confirm_key, label)| view! { <ConfirmBox values errors on_key confirm_key label /> })}
            {children.map(|c| c())}
            <div class="actions">
                <button class="button primary" type="submit">{submit_label}</button>
                {cancel_button}
            </div>
        </form>
    }
}

/// Moves keyboard focus to the first control of a form that just opened (the date pickers,
/// reachable by typing the date, are skipped).
fn focus_first_control(form: &web_sys::HtmlElement) {
    use wasm_bindgen::JsCast;
    let first = form.query_selector("input:not([type=date]):not([type=hidden]), select, textarea").ok().flatten();
    if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Focuses the first control of the form behind `form` once it is mounted.
fn focus_on_open(form: NodeRef<leptos::html::Form>) {
    Effect::new(move |_| {
        if let Some(f) = form.get() {
            focus_first_control(&f);
        }
    });
}
