//! Cài đặt (on the Dữ liệu page): the ward's forms — its settings (`records::ward`), its wording
//! of the Biểu 2 rows, its printed report's header and signature (`records::report`) — each
//! saved like every other record, through one card.

use crate::clock;
use crate::components::{Draft, RecordForm};
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::form::{Field, FieldError, Values};
use ptdv_domain::model::{Timestamp, Ward, WardData};
use ptdv_domain::records::report;
use ptdv_domain::records::ward::{self, Saved, WardForm};

type Save = fn(&mut WardData, &Values, Timestamp) -> Result<Saved, Vec<FieldError>>;

/// A settings form on a card: it shows the ward as stored and opens again whenever the ward
/// changes (a save here, another tab's save) and when the user drops their edits.
#[component]
fn SettingsCard(
    /// The form's id; the card's heading is `{id}-title`, the saved notice `{id}-saved`.
    id: &'static str,
    title: &'static str,
    #[prop(into)] hint: String,
    draft: &'static str,
    submit_label: &'static str,
    saved_text: &'static str,
    fields: fn(&Ward) -> Vec<Field>,
    values: fn(&Ward) -> Values,
    save: Save,
) -> impl IntoView {
    let store = Store::get();
    let saved = RwSignal::new(false);
    let stored = Memo::new(move |_| store.data.with(|d| d.as_ref().map(|d| d.ward.clone())));
    let reopen = RwSignal::new(0u32);
    let on_save = Callback::new(move |vals: Values| {
        saved.set(false);
        store.try_update(|d| save(d, &vals, clock::now()))?;
        saved.set(true);
        Ok(())
    });
    let form = move || {
        reopen.track();
        let (fields, initial) = stored.with(|w| w.as_ref().map(|w| (fields(w), values(w)))).unwrap_or_default();
        let reset = Callback::new(move |_| {
            saved.set(false);
            reopen.update(|v| *v += 1);
        });
        view! {
            <RecordForm form_id=id draft=Draft::new(draft) fields initial
                submit_label save=on_save on_cancel=reset cancel_label="Bỏ thay đổi" />
        }
    };
    view! {
        <section class="card" id=format!("{id}-card") aria-labelledby=format!("{id}-title")>
            <h2 id=format!("{id}-title")>{title}</h2>
            <p class="hint">{hint}</p>
            {form}
            <Show when=move || saved.get()>
                <p class="notice ok" role="status" data-testid=format!("{id}-saved")>{saved_text}</p>
            </Show>
        </section>
    }
}

/// The ward's name and level, superior, term, local deadlines, days off.
#[component]
pub fn WardSettingsForm() -> impl IntoView {
    let note = Store::get().ward_rules_untracked().map(|r| ward::rule_set_note(r.rule_sets())).unwrap_or_default();
    view! {
        <SettingsCard id="settings" title="Cài đặt đảng bộ" hint=note draft="cai-dat-dang-bo"
            submit_label="Lưu cài đặt" saved_text="Đã lưu cài đặt."
            fields=|_| ward::fields(WardForm::Settings) values=ward::values_of save=ward::save_settings />
    }
}

/// The ward's own wording of the rows of Biểu 2-BTCTW (the 2025 wording is unconfirmed): an
/// empty line keeps the form's.
#[component]
pub fn FormLabelsForm() -> impl IntoView {
    view! {
        <SettingsCard id="form-labels" title="Tên các dòng nghề nghiệp của Biểu 2-BTCTW"
            hint="Các dòng giữ đúng tên in trên biểu của Ban Tổ chức Trung ương. Nếu cấp trên dùng tên khác (ví dụ sau khi bỏ cấp huyện), hãy ghi tên mới; để trống là giữ tên trên biểu."
            draft="ten-dong-bieu-2" submit_label="Lưu tên các dòng" saved_text="Đã lưu tên các dòng."
            fields=|_| ward::form_label_fields() values=ward::form_label_values save=ward::save_form_labels />
    }
}

/// The printed report's header, signature, margins and type (REPORTS.md §3 gives the defaults).
#[component]
pub fn DocumentSettingsForm() -> impl IntoView {
    view! {
        <SettingsCard id="document" title="Thể thức báo cáo in"
            hint="Phần đầu, chữ ký và lề trang của báo cáo in ra từ trang Báo cáo. Để trống là dùng mẫu theo thể thức văn bản của Đảng."
            draft="the-thuc-bao-cao" submit_label="Lưu thể thức" saved_text="Đã lưu thể thức báo cáo."
            fields=report::document_fields values=report::document_values save=report::save_document />
    }
}
