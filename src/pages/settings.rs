//! Cài đặt đảng bộ (on the Dữ liệu page): the ward's form, `records::ward`, saved like every
//! other record.

use crate::clock;
use crate::components::{Draft, RecordForm};
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::records::ward::{self, Saved, WardForm};

/// The ward's name and level, superior, term, local deadlines, days off.
#[component]
pub fn WardSettingsForm() -> impl IntoView {
    let store = Store::get();
    let saved = RwSignal::new(false);
    // Bumped by a save: the form opens again on the values as stored (dates sorted, merged).
    let version = RwSignal::new(0u32);
    let note = store.ward_rules_untracked().map(|r| ward::rule_set_note(r.rule_sets())).unwrap_or_default();
    let save = Callback::new(move |vals| {
        saved.set(false);
        let outcome = store.try_update(|d| ward::save_settings(d, &vals, clock::now()))?;
        if outcome == Saved::Changed {
            version.update(|v| *v += 1);
        }
        saved.set(true);
        Ok(())
    });
    let form = move || {
        version.track();
        let initial = store.data.with_untracked(|d| d.as_ref().map(|d| ward::values_of(&d.ward))).unwrap_or_default();
        let reset = Callback::new(move |_| {
            saved.set(false);
            version.update(|v| *v += 1);
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
