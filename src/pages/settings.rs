//! Cài đặt đảng bộ (on the Dữ liệu page): the ward's form, `records::ward`, saved like every
//! other record.

use crate::clock;
use crate::components::{Draft, RecordForm};
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::records::ward::{self, WardForm};

/// The ward's name and level, superior, term, local deadlines, days off.
#[component]
pub fn WardSettingsForm() -> impl IntoView {
    let store = Store::get();
    let saved = RwSignal::new(false);
    // The form shows the ward as stored: it opens again whenever the ward changes (a save here,
    // with its dates sorted and merged; another tab's save) and when the user drops their edits.
    let stored = Memo::new(move |_| store.data.with(|d| d.as_ref().map(|d| d.ward.clone())));
    let reopen = RwSignal::new(0u32);
    let note = store.ward_rules_untracked().map(|r| ward::rule_set_note(r.rule_sets())).unwrap_or_default();
    let save = Callback::new(move |vals| {
        saved.set(false);
        store.try_update(|d| ward::save_settings(d, &vals, clock::now()))?;
        saved.set(true);
        Ok(())
    });
    let form = move || {
        reopen.track();
        let initial = stored.with(|w| w.as_ref().map(ward::values_of)).unwrap_or_default();
        let reset = Callback::new(move |_| {
            saved.set(false);
            reopen.update(|v| *v += 1);
        });
        view! {
            <RecordForm form_id="settings" draft=Draft::new("cai-dat-dang-bo") fields=ward::fields(WardForm::Settings) initial
                submit_label="Lưu cài đặt" save on_cancel=reset cancel_label="Bỏ thay đổi" />
        }
    };
    view! {
        <section class="card" aria-labelledby="settings-title">
            <h2 id="settings-title">"Cài đặt đảng bộ"</h2>
            <p class="hint">{note}</p>
            {form}
            <Show when=move || saved.get()>
                <p class="notice ok" role="status" data-testid="settings-saved">"Đã lưu cài đặt."</p>
            </Show>
        </section>
    }
}

/// The ward's own wording of the rows of Biểu 2-BTCTW (the 2025 wording is unconfirmed): an
/// empty line keeps the form's.
#[component]
pub fn FormLabelsForm() -> impl IntoView {
    let store = Store::get();
    let saved = RwSignal::new(false);
    let stored = Memo::new(move |_| store.data.with(|d| d.as_ref().map(|d| d.ward.settings.form_labels.clone())));
    let reopen = RwSignal::new(0u32);
    let save = Callback::new(move |vals| {
        saved.set(false);
        store.try_update(|d| ward::save_form_labels(d, &vals, clock::now()))?;
        saved.set(true);
        Ok(())
    });
    let form = move || {
        reopen.track();
        stored.track();
        let initial = store.data.with_untracked(|d| d.as_ref().map(|d| ward::form_label_values(&d.ward))).unwrap_or_default();
        let reset = Callback::new(move |_| {
            saved.set(false);
            reopen.update(|v| *v += 1);
        });
        view! {
            <RecordForm form_id="form-labels" draft=Draft::new("ten-dong-bieu-2") fields=ward::form_label_fields() initial
                submit_label="Lưu tên các dòng" save on_cancel=reset cancel_label="Bỏ thay đổi" />
        }
    };
    view! {
        <section class="card" aria-labelledby="form-labels-title">
            <h2 id="form-labels-title">"Tên các dòng nghề nghiệp của Biểu 2-BTCTW"</h2>
            <p class="hint">
                "Các dòng giữ đúng tên in trên biểu của Ban Tổ chức Trung ương. Nếu cấp trên dùng tên khác (ví dụ sau khi bỏ cấp huyện), hãy ghi tên mới; để trống là giữ tên trên biểu."
            </p>
            {form}
            <Show when=move || saved.get()>
                <p class="notice ok" role="status" data-testid="form-labels-saved">"Đã lưu tên các dòng."</p>
            </Show>
        </section>
    }
}
