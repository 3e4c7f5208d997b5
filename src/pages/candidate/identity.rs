//! Who the person is (the identity the workflow and the statistics need), with a form to
//! correct it.

use crate::clock;
use crate::components::{Draft, RecordForm};
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::form::Values;
use ptdv_domain::model::{Candidate, CandidateId, WardData};
use ptdv_domain::records::candidates;
use ptdv_domain::rules::fmt_age;
use ptdv_domain::text::format_date;

/// The lines of the identity summary: (label, value).
fn summary(c: &Candidate, d: &WardData, today: chrono::NaiveDate) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("Giai đoạn", c.stage.label().to_string()),
        ("Chi bộ", d.cell(&c.cell_id).map(|x| x.name.clone()).unwrap_or_else(|| c.cell_id.as_str().to_string())),
        ("Ngày sinh", format!("{} ({})", format_date(c.birth_date), fmt_age(c.age_months_on(today)))),
        ("Giới tính", c.sex.label().to_string()),
        ("Dân tộc", c.ethnicity.label().to_string()),
        ("Tôn giáo", c.religion.clone()),
        ("Trình độ giáo dục phổ thông", c.education.label()),
    ];
    if let Some(q) = c.qualification {
        rows.push(("Trình độ chuyên môn nghiệp vụ", q.label().to_string()));
    }
    if let Some(t) = c.academic_title {
        rows.push(("Chức danh khoa học", t.label().to_string()));
    }
    let settings = &d.ward.settings;
    rows.push(("Nghề nghiệp", format!("{}. {}", c.occupation.number(), settings.occupation_label(c.occupation))));
    if let Some(r) = &c.occupation_review {
        rows.push(("Cần rà soát nghề nghiệp", format!("Trước đây ghi “{}”; {}.", r.was, r.reason)));
    }
    if !c.residence.is_empty() {
        rows.push(("Nơi cư trú", c.residence.clone()));
    }
    if !c.sources.is_empty() {
        rows.push(("Nguồn giới thiệu", c.sources.iter().map(|s| s.label()).collect::<Vec<_>>().join(", ")));
    }
    let mut unions = vec![];
    if c.youth_union_member {
        unions.push("Đoàn viên Đoàn Thanh niên");
    }
    if c.trade_union_member {
        unions.push("Đoàn viên Công đoàn");
    }
    if !unions.is_empty() {
        rows.push(("Đoàn thể", unions.join(", ")));
    }
    if !c.groups.is_empty() {
        rows.push(("Đối tượng", c.groups.iter().map(|g| g.label()).collect::<Vec<_>>().join(", ")));
    }
    if c.population_policy_violation {
        rows.push(("Chính sách dân số", "Đã vi phạm chính sách dân số, kế hoạch hóa gia đình".to_string()));
    }
    if c.foreign_marriage {
        rows.push(("Hôn nhân", "Có quan hệ hôn nhân với người nước ngoài".to_string()));
    }
    if let Some(exit) = &c.process.exit {
        let mut line = format!("{} ngày {}", exit.kind.label(), format_date(exit.date));
        if !exit.destination.is_empty() {
            line.push_str(&format!(", đến {}", exit.destination));
        }
        if !exit.reason.is_empty() {
            line.push_str(&format!(". Lý do: {}", exit.reason));
        }
        rows.push(("Kết thúc hồ sơ", line));
    }
    rows
}

/// The identity card, and its edit form.
#[component]
pub fn Identity(id: CandidateId) -> impl IntoView {
    let store = Store::get();
    let id2 = id.clone();
    let rows = Memo::new(move |_| {
        let today = store.today.get();
        store.data.with(|d| d.as_ref().and_then(|d| d.candidate(&id2).map(|c| summary(c, d, today))).unwrap_or_default())
    });
    let editing = RwSignal::new(false);
    let saved = RwSignal::new(false);
    view! {
        <section class="card" aria-labelledby="identity-title" data-testid="identity">
            <h2 id="identity-title">"Thông tin"</h2>
            <dl class="facts">
                {move || rows.get().into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
            <Show when=move || saved.get()>
                <p class="notice ok" role="status">"Đã lưu thông tin."</p>
            </Show>
            {
                let id = id.clone();
                move || if editing.get() {
                    view! { <IdentityForm id=id.clone() editing saved /> }.into_any()
                } else {
                    view! {
                        <p class="no-print">
                            <button class="button" type="button" on:click=move |_| { saved.set(false); editing.set(true); }>
                                "Sửa thông tin"
                            </button>
                        </p>
                    }.into_any()
                }
            }
        </section>
    }
}

#[component]
fn IdentityForm(id: CandidateId, editing: RwSignal<bool>, saved: RwSignal<bool>) -> impl IntoView {
    let store = Store::get();
    let Some((fields, initial)) = store.data.with_untracked(|d| {
        let d = d.as_ref()?;
        let c = d.candidate(&id)?;
        Some((candidates::fields(d, Some(&id)), candidates::values_of(c)))
    }) else {
        return view! { <p class="error">"Không tìm thấy hồ sơ này nữa."</p> }.into_any();
    };
    let draft = Draft::new(format!("thong-tin:{}", id.as_str()));
    let save = Callback::new(move |vals: Values| {
        store.try_update(|d| candidates::update_identity(d, &id, &vals, clock::now()))?;
        editing.set(false);
        saved.set(true);
        Ok(())
    });
    view! {
        <div class="no-print">
            <RecordForm form_id="identity" title="Sửa thông tin" draft fields initial submit_label="Lưu thông tin" save
                on_cancel=Callback::new(move |_| editing.set(false))
                confirm=("full_name", candidates::CONFIRM_DUPLICATE, "Đây là một người khác, vẫn lưu") />
        </div>
    }
    .into_any()
}
