//! Tổng hợp (`#/tong-hop`): several wards' or cells' files read together, read-only
//! (`ptdv_domain::rollup`). Each file goes through the import's loader (an encrypted one asks
//! for its passphrase); nothing is stored, and the user's own ward is never changed — it can
//! join the set with one tick. The files stay read while the user opens one ward's overview
//! (`#/tong-hop/<id>`, [`RollupWard`]) or another page: [`RollupState`] lives beside the shell.

use super::dashboard::{ChartCard, OverviewBody, ViewPicker};
use super::reports::TableCard;
use crate::components::Page;
use crate::route::Route;
use crate::store::{Store, APP_VERSION};
use crate::{charts, clock, crypto};
use chrono::Datelike;
use leptos::prelude::*;
use ptdv_domain::format::{export_compact, load, EncryptedFile, ExportScope, LoadError};
use ptdv_domain::overview::{Overview, PeriodChoice, View};
use ptdv_domain::rollup::{rollup_request, FileIn, Rollup, RollupReport, WardSet};
use ptdv_domain::roster::Roster;
use ptdv_domain::rules::WardRules;
use ptdv_domain::statistics::Scope;
use ptdv_domain::text::{format_count, format_int};
use ptdv_domain::ward_report::{bieu2_table, bieu2b_table};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The name the user's own ward goes by in the set.
const OWN: &str = "Dữ liệu của đảng bộ trên máy này";

/// An encrypted file waiting for its passphrase.
#[derive(Clone)]
struct Locked {
    id: u64,
    name: String,
    file: EncryptedFile,
}

/// The roll-up's files and choices, kept while the app is open (in memory only).
#[derive(Clone, Copy)]
pub struct RollupState {
    store: Store,
    /// Every file read, in the order chosen (a refused one with its error).
    files: StoredValue<Vec<FileIn>>,
    /// Encrypted files waiting for their passphrase.
    locked: RwSignal<Vec<Locked>>,
    next_id: StoredValue<u64>,
    /// The passphrase to try first on the next encrypted files, when the user asked for it.
    passphrase: StoredValue<Option<String>>,
    /// The passphrase form (kept here: a decryption may end after the user left the page).
    pass: RwSignal<String>,
    same_for_next: RwSignal<bool>,
    unlock_error: RwSignal<Option<String>>,
    unlocking: RwSignal<bool>,
    /// The user's own ward in the set.
    own: RwSignal<bool>,
    set: RwSignal<Option<Arc<Rollup>>>,
    view: RwSignal<View>,
    /// Reading file `i` of `n`.
    busy: RwSignal<Option<(usize, usize)>>,
    /// Why files just chosen were not read.
    notice: RwSignal<Option<String>>,
    /// Bumped by [`RollupState::clear`]: work started before it drops its result.
    generation: StoredValue<u64>,
}

impl RollupState {
    /// Made once, beside the shell (where the store is).
    pub fn provide() {
        let today = clock::today();
        provide_context(RollupState {
            store: Store::get(),
            files: StoredValue::new(Vec::new()),
            locked: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
            passphrase: StoredValue::new(None),
            pass: RwSignal::new(String::new()),
            same_for_next: RwSignal::new(true),
            unlock_error: RwSignal::new(None),
            unlocking: RwSignal::new(false),
            own: RwSignal::new(false),
            set: RwSignal::new(None),
            view: RwSignal::new(View { period: PeriodChoice::Year(today.year()), scope: Scope::Ward }),
            busy: RwSignal::new(None),
            notice: RwSignal::new(None),
            generation: StoredValue::new(0),
        });
    }

    fn get() -> RollupState {
        use_context::<RollupState>().unwrap_or_else(|| {
            RollupState::provide();
            expect_context::<RollupState>()
        })
    }

    /// Sorts the files (and the own ward as it is now, when ticked) into wards again.
    fn assemble(self) {
        let mut all = Vec::new();
        if self.own.get_untracked() {
            if let Some(data) = self.store.data.with_untracked(Clone::clone) {
                all.push(FileIn::own(OWN, data, APP_VERSION, clock::now()));
            }
        }
        self.files.with_value(|f| all.extend(f.iter().cloned()));
        let set = (!all.is_empty()).then(|| Arc::new(Rollup::assemble(&all, clock::today())));
        self.set.set(set);
    }

    fn lock(self, name: String, file: EncryptedFile) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.locked.update(|l| l.push(Locked { id, name, file }));
    }

    /// Reads `files` one by one (the page drawn between two), then assembles the set.
    fn read(self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        if self.busy.get_untracked().is_some() || self.unlocking.get_untracked() {
            self.notice.set(Some("Đang đọc các tệp trước: hãy đợi xong rồi chọn thêm.".into()));
            return;
        }
        self.notice.set(None);
        let n = files.len();
        self.busy.set(Some((0, n)));
        let generation = self.generation.get_value();
        let current = move || self.generation.get_value() == generation;
        leptos::task::spawn_local(async move {
            let today = clock::today();
            for (i, file) in files.iter().enumerate() {
                self.busy.set(Some((i, n)));
                crate::clock::next_task().await;
                let name = file.name();
                let loaded = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(buf) => load(&js_sys::Uint8Array::new(&buf).to_vec(), today),
                    Err(_) => Err(LoadError::Empty),
                };
                if !current() {
                    return;
                }
                match loaded {
                    Err(LoadError::Encrypted(locked)) => {
                        let plain = match self.passphrase.get_value() {
                            Some(p) => crypto::decrypt(&locked, &p).await.ok(),
                            None => None,
                        };
                        if !current() {
                            return;
                        }
                        match plain {
                            Some(plain) => self.files.update_value(|f| f.push(FileIn::new(name, load(&plain, today)))),
                            None => self.lock(name, *locked),
                        }
                    }
                    other => self.files.update_value(|f| f.push(FileIn::new(name, other))),
                }
            }
            self.busy.set(Some((n, n)));
            crate::clock::next_task().await;
            if !current() {
                return;
            }
            self.assemble();
            self.busy.set(None);
            if self.locked.with_untracked(|l| !l.is_empty()) {
                crate::components::focus_after_redraw("rollup-pass");
            }
        });
    }

    fn clear(self) {
        self.generation.update_value(|g| *g += 1);
        self.files.set_value(Vec::new());
        self.locked.set(Vec::new());
        self.passphrase.set_value(None);
        self.pass.set(String::new());
        self.unlock_error.set(None);
        self.unlocking.set(false);
        self.busy.set(None);
        self.notice.set(None);
        self.own.set(false);
        self.set.set(None);
    }

    /// Opens the first waiting file with the passphrase typed; with "the same for the next",
    /// the other waiting files too.
    fn unlock(self) {
        if self.unlocking.get_untracked() {
            return;
        }
        let Some(first) = self.locked.with_untracked(|l| l.first().cloned()) else { return };
        let pass = self.pass.get_untracked();
        let same = self.same_for_next.get_untracked();
        let generation = self.generation.get_value();
        let current = move || self.generation.get_value() == generation;
        self.unlocking.set(true);
        leptos::task::spawn_local(async move {
            let today = clock::today();
            let opened = crypto::decrypt(&first.file, &pass).await;
            if !current() {
                return;
            }
            match opened {
                Err(e) => {
                    self.unlock_error.set(Some(format!("Không mở được tệp “{}”: {e}", first.name)));
                    crate::components::focus_after_redraw("rollup-pass");
                }
                Ok(plain) => {
                    self.unlock_error.set(None);
                    self.pass.set(String::new());
                    self.locked.update(|l| l.retain(|x| x.id != first.id));
                    self.files.update_value(|f| f.push(FileIn::new(first.name, load(&plain, today))));
                    if same {
                        self.passphrase.set_value(Some(pass.clone()));
                        let waiting = self.locked.get_untracked();
                        let mut done = Vec::new();
                        for x in waiting {
                            let opened = crypto::decrypt(&x.file, &pass).await;
                            if !current() {
                                return;
                            }
                            if let Ok(plain) = opened {
                                self.files.update_value(|f| f.push(FileIn::new(x.name, load(&plain, today))));
                                done.push(x.id);
                            }
                        }
                        self.locked.update(|l| l.retain(|x| !done.contains(&x.id)));
                    }
                    self.assemble();
                    if self.locked.with_untracked(|l| !l.is_empty()) {
                        crate::components::focus_after_redraw("rollup-pass");
                    }
                }
            }
            self.unlocking.set(false);
        });
    }

    /// Leaves the first waiting file out, named.
    fn skip(self) {
        if self.unlocking.get_untracked() {
            return;
        }
        let Some(first) = self.locked.with_untracked(|l| l.first().cloned()) else { return };
        self.locked.update(|l| l.retain(|x| x.id != first.id));
        self.unlock_error.set(None);
        self.pass.set(String::new());
        self.files
            .update_value(|f| f.push(FileIn { name: first.name, read: Err("tệp được mã hóa, chưa nhập mật khẩu".into()) }));
        self.assemble();
    }
}

/// Tổng hợp.
#[component]
pub fn RollupPage() -> impl IntoView {
    let state = RollupState::get();
    let store = Store::get();
    let today = clock::today();
    // The own ward as it is now (it may have changed on another page since it was ticked).
    if state.own.get_untracked() && state.busy.get_untracked().is_none() {
        state.assemble();
    }
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(list) = input.files() {
            state.read((0..list.length()).filter_map(|i| list.get(i)).collect());
        }
        input.set_value("");
    };
    // Files dropped anywhere on the page are read like files chosen (and a file dropped beside
    // the card does not open in the tab, leaving the set).
    let dragging = RwSignal::new(false);
    let over = window_event_listener(leptos::ev::dragover, move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            state.read((0..list.length()).filter_map(|i| list.get(i)).collect());
        }
    });
    on_cleanup(move || {
        over.remove();
        drop.remove();
    });
    let idle = move || state.busy.with(Option::is_none) && !state.unlocking.get();
    let own_name = store.data.with_untracked(|d| d.as_ref().map(|d| d.ward.full_name()));
    let report = move || {
        let view = state.view.get();
        state.set.get().map(|s| (s.clone(), Arc::new(RollupReport::compute(&s, &view, today)), RollupReport::view_label(&view)))
    };
    view! {
        <Page title="Tổng hợp" lead="Đọc cùng lúc tệp của nhiều đảng bộ (hoặc của các chi bộ) để cộng số liệu. Chỉ xem: không lưu, không thay đổi dữ liệu của đảng bộ trên máy này.">
            <section class="card drop-zone" class:dragging=move || dragging.get() aria-labelledby="rollup-files-title" data-testid="rollup-drop"
                on:dragleave=move |_| dragging.set(false)>
                <h2 id="rollup-files-title">"Chọn các tệp"</h2>
                <p class="hint" id="rollup-files-hint">"Tệp xuất của các đảng bộ hoặc chi bộ (.json): chọn nhiều tệp cùng lúc, hoặc kéo các tệp thả vào trang này; chọn thêm lần nữa để thêm tệp. Tệp của các chi bộ cùng một đảng bộ được ghép lại."</p>
                // The browser's own file button speaks the browser's language: a Vietnamese one instead.
                <input id="rollup-files" class="visually-hidden" type="file" multiple accept=".json,application/json" on:change=on_files
                    aria-describedby="rollup-files-hint" disabled=move || !idle() />
                <label class="button file-button" for="rollup-files">"Chọn các tệp xuất (.json)…"</label>
                {own_name.map(|name| view! {
                    <label class="checkbox rollup-own">
                        <input type="checkbox" data-testid="rollup-own" prop:checked=move || state.own.get() disabled=move || !idle()
                            on:change:target=move |ev| { state.own.set(ev.target().checked()); state.assemble(); } />
                        {format!("Thêm dữ liệu trên máy này ({name})")}
                    </label>
                })}
                {move || state.notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
                {move || state.busy.get().map(|(i, n)| {
                    let text = if i < n { format!("Đang đọc tệp {} / {}…", i + 1, n) } else { format!("Đã đọc {n} tệp, đang cộng số liệu…") };
                    view! {
                        <div class="rollup-progress" data-testid="rollup-progress">
                            <p id="rollup-progress-text" role="status">{text}</p>
                            <progress aria-labelledby="rollup-progress-text" max=n.to_string() value=i.to_string()></progress>
                        </div>
                    }
                })}
                <Show when=move || state.set.with(Option::is_some) || state.locked.with(|l| !l.is_empty())>
                    <p class="actions">
                        <button type="button" class="button" on:click=move |_| state.clear() disabled=move || !idle()>
                            "Bỏ tất cả tệp đã chọn"
                        </button>
                    </p>
                </Show>
            </section>
            <Unlock state />
            <ViewPicker view=state.view set=true />
            {move || report().map(|(set, r, label)| view! { <RollupBody set r label view=state.view.get_untracked() /> })}
        </Page>
    }
}

/// The first encrypted file waiting: its passphrase, or leave it out. Kept drawn while files
/// wait, so the focus stays in it from one file to the next.
#[component]
fn Unlock(state: RollupState) -> impl IntoView {
    let first = move || state.locked.with(|l| l.first().map(|x| (x.name.clone(), l.len())));
    view! {
        <Show when=move || state.locked.with(|l| !l.is_empty())>
            <form class="card" aria-labelledby="rollup-lock-title" data-testid="rollup-unlock"
                on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); state.unlock(); }>
                <h2 id="rollup-lock-title">"Tệp được mã hóa"</h2>
                <p>{move || first().map(|(name, _)| format!("Tệp “{name}” được mã hóa bằng mật khẩu. Nhập mật khẩu để đọc tệp này."))}</p>
                {move || first().filter(|(_, n)| *n > 1).map(|(_, n)| view! { <p class="hint">{format!("Còn {} tệp mã hóa khác đang chờ.", n - 1)}</p> })}
                <div class="field">
                    <label for="rollup-pass">"Mật khẩu của tệp"</label>
                    <input id="rollup-pass" type="password" autocomplete="off" aria-describedby="rollup-pass-error"
                        prop:value=move || state.pass.get() on:input:target=move |ev| state.pass.set(ev.target().value()) />
                    <p id="rollup-pass-error" class="field-error" role="alert">{move || state.unlock_error.get()}</p>
                </div>
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || state.same_for_next.get()
                        on:change:target=move |ev| state.same_for_next.set(ev.target().checked()) />
                    "Thử mật khẩu này cho các tệp mã hóa tiếp theo"
                </label>
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || state.unlocking.get()
                        aria-busy=move || state.unlocking.get().to_string()>
                        {move || if state.unlocking.get() { "Đang mở tệp…" } else { "Mở tệp" }}
                    </button>
                    <button type="button" class="button" disabled=move || state.unlocking.get() on:click=move |_| state.skip()>
                        "Bỏ qua tệp này"
                    </button>
                </div>
            </form>
        </Show>
    }
}

/// What each ward's cells' files cover: one sentence per ward made with cells' files.
fn cells_lines(set: &Rollup) -> Vec<String> {
    let name_of = |w: &WardSet, id: &ptdv_domain::model::CellId| w.data.cell(id).map(|c| c.name.clone()).unwrap_or_else(|| id.to_string());
    set.wards
        .iter()
        .filter(|w| !w.cell_files.is_empty())
        .map(|w| {
            let ward = w.data.ward.full_name();
            let k = w.cell_files.len();
            if w.only_cells {
                let names: Vec<String> = w.cell_files.iter().map(|c| name_of(w, c)).collect();
                return format!(
                    "{ward}: chỉ có tệp của {k} chi bộ ({}). Tệp của chi bộ không ghi các chi bộ khác của đảng bộ: thêm tệp của cả đảng bộ để biết chi bộ nào còn thiếu.",
                    names.join(", ")
                );
            }
            let missing = w.missing_cells();
            if missing.is_empty() {
                format!("{ward}: đã có tệp của tất cả các chi bộ ({k} chi bộ).")
            } else {
                let names: Vec<&str> = missing.iter().map(|c| c.name.as_str()).collect();
                format!("{ward}: đã ghép tệp của {k} chi bộ; còn thiếu tệp của {} chi bộ: {}.", missing.len(), names.join(", "))
            }
        })
        .collect()
}

#[component]
fn RollupBody(set: Arc<Rollup>, r: Arc<RollupReport>, label: String, view: View) -> impl IntoView {
    let aside = set.set_aside.iter().map(|a| a.message()).collect::<Vec<_>>();
    let cells = cells_lines(&set);
    let files = set.wards.iter().map(|w| w.files.len()).sum::<usize>();
    let classes = r.total.bieu2.iter().map(|row| format!("depth-{}{}", row.depth, if row.depth == 0 { " part" } else { "" })).collect();
    let classes_2b = r.bieu2b.iter().map(|l| if l.heading { "part".to_string() } else { String::new() }).collect();
    view! {
        <section class="card" aria-labelledby="rollup-set-title" data-testid="rollup-set">
            <h2 id="rollup-set-title">{format!("{} đảng bộ từ {} tệp — {}", format_count(set.wards.len()), format_count(files), label)}</h2>
            {(!aside.is_empty()).then(|| view! {
                <ul class="rollup-aside" data-testid="rollup-aside">{aside.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            })}
            {(!r.without_target.is_empty()).then(|| view! {
                <p class="hint" data-testid="rollup-without-target">{format!(
                    "Chưa có chỉ tiêu năm, không tính vào chỉ tiêu và % chỉ tiêu của cả tập: {}.", r.without_target.join(", ")
                )}</p>
            })}
            {(!cells.is_empty()).then(|| view! {
                <ul class="rollup-cells" data-testid="rollup-cells">{cells.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            })}
            <XlsxButton set=set.clone() view />
        </section>
        <WardsTable r=r.clone() />
        <TargetsChart r=r.clone() />
        // The report's own tables, from the domain's tables of the set.
        <TableCard id="rollup-bieu2" table=bieu2_table(&r.total.bieu2) row_header=1 classes
            heading="Biểu số 2-BTCTW của cả tập tệp" />
        <TableCard id="rollup-bieu2b" table=bieu2b_table(&r.bieu2b) row_header=1 classes=classes_2b
            heading="Biểu số 2B-BTCTW của cả tập tệp" />
    }
}

/// The set's forms as .xlsx, written by the worker from the wards' documents.
#[component]
fn XlsxButton(set: Arc<Rollup>, view: View) -> impl IntoView {
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let make = move |_| {
        if busy.get_untracked() {
            return;
        }
        let now = clock::now();
        let documents: Result<Vec<String>, String> = set
            .wards
            .iter()
            .map(|w| export_compact(&w.data, &ExportScope::Ward, APP_VERSION, now).map_err(|e| format!("Không tạo được tệp Excel: {e}")))
            .collect();
        let documents = match documents {
            Ok(d) => d,
            Err(e) => return error.set(Some(e)),
        };
        let request = rollup_request(&view.to_query(), clock::today(), &documents);
        let name = format!("tong-hop-{}-dang-bo-{}.xlsx", set.wards.len(), view.period.code());
        crate::worker::save_xlsx(request, name, busy, error);
    };
    view! {
        <p class="actions">
            <button type="button" class="button primary" on:click=make aria-busy=move || busy.get().to_string()>
                {move || if busy.get() { "Đang tạo tệp Excel…" } else { "Tải Excel (.xlsx) của cả tập" }}
            </button>
            <span class="hint">"Một trang tính tổng hợp từng đảng bộ, Biểu 2 và 2B của cả tập, rồi Biểu 2 của từng đảng bộ."</span>
        </p>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}

/// One line per ward and the total, sortable by any column; each ward's name opens its overview.
#[component]
fn WardsTable(r: Arc<RollupReport>) -> impl IntoView {
    // (column, largest first); none: the set's order.
    let sort = RwSignal::new(None::<(usize, bool)>);
    move || {
        let mut sorted = (*r).clone();
        if let Some((column, descending)) = sort.get() {
            match super::candidates::collation::vietnamese() {
                Some(cmp) => sorted.sort_wards(column, descending, cmp),
                None => sorted.sort_wards(column, descending, |a, b| a.cmp(b)),
            }
        }
        let table = sorted.wards_table();
        let links: Vec<String> = sorted.wards.iter().map(|w| Route::RollupWard(w.ward_id.to_string()).href()).collect();
        let heads: Vec<&'static str> = table.head.clone();
        let head = view! {
            <tr>{heads.into_iter().enumerate().map(|(c, h)| {
                let now = sort.get_untracked().filter(|(sc, _)| *sc == c).map(|(_, d)| d);
                let (aria, arrow) = match now {
                    Some(true) => ("descending", "▼"),
                    Some(false) => ("ascending", "▲"),
                    None => ("none", ""),
                };
                let click = move |_| {
                    sort.set(Some(match now {
                        Some(d) => (c, !d),
                        None => (c, c != 0),
                    }));
                    crate::components::focus_after_redraw(format!("sort-{c}"));
                };
                view! {
                    <th scope="col" aria-sort=aria>
                        <button type="button" class="sort" id=format!("sort-{c}") on:click=click>
                            {h}<span aria-hidden="true">{arrow}</span>
                        </button>
                    </th>
                }
            }).collect_view()}</tr>
        }
        .into_any();
        view! {
            <TableCard id="rollup-wards" table head links
                hint="Bấm tên cột để sắp xếp; bấm tên một đảng bộ để xem tổng quan của đảng bộ đó (chỉ xem)." />
        }
    }
}

/// Each ward's admissions this year against its year's target.
#[component]
fn TargetsChart(r: Arc<RollupReport>) -> impl IntoView {
    let with_target: Vec<_> = r.wards.iter().filter(|w| w.target.is_some()).collect();
    let short = |name: &str| name.strip_prefix("Đảng bộ ").unwrap_or(name).to_string();
    let rows: Vec<(String, u32, String)> = with_target
        .iter()
        .map(|w| {
            let done = w.attainment.numerator as u32;
            let target = w.target.unwrap_or(0);
            (
                short(&w.name),
                done,
                format!("{}: {} / chỉ tiêu {} ({})", w.name, format_int(done), format_int(target), w.attainment.percent_text()),
            )
        })
        .collect();
    let targets: Vec<Option<u32>> = with_target.iter().map(|w| w.target).collect();
    let table: Vec<Vec<String>> = with_target
        .iter()
        .zip(&rows)
        .map(|(w, row)| vec![w.name.clone(), format_int(row.1), format_int(w.target.unwrap_or(0)), w.attainment.percent_text()])
        .collect();
    let head = ["Đảng bộ", "Kết nạp từ đầu năm", "Chỉ tiêu năm", "% chỉ tiêu"].map(String::from).to_vec();
    let chart = (!rows.is_empty()).then(|| charts::bars(&rows, Some(&targets))).flatten();
    let legend = view! {
        <ul class="chart-legend">
            <li><span class="swatch bar" aria-hidden="true"></span>"Kết nạp từ đầu năm đến hết kỳ"</li>
            <li><span class="swatch tick" aria-hidden="true"></span>"Chỉ tiêu năm của đảng bộ"</li>
        </ul>
    }
    .into_any();
    view! {
        <ChartCard key="dang-bo" title="Từng đảng bộ so với chỉ tiêu năm" chart
            empty=rows.is_empty().then_some("Chưa so được với chỉ tiêu: chọn một kỳ trong một năm mà các đảng bộ đã đặt chỉ tiêu.")
            head table action=None legend />
    }
}

/// One ward of the set: its own overview, read-only.
#[component]
pub fn RollupWard(id: String) -> impl IntoView {
    let state = RollupState::get();
    let today = clock::today();
    let ward = {
        let id = id.clone();
        move || state.set.with(|s| s.as_ref().and_then(|s| s.wards.iter().find(|w| w.data.ward.id.as_str() == id).map(|w| w.data.clone())))
    };
    let name = ward().map(|d| d.ward.full_name()).unwrap_or_else(|| "Đảng bộ không có trong tập tệp".to_string());
    let overview = Memo::new(move |_| {
        let view = state.view.get();
        let data = ward()?;
        let rules = WardRules::new(&data.ward.settings).map_err(|e| e.to_string());
        Some(rules.map(|rules| {
            let roster = Roster::build(&data, rules.rule_sets(), rules.calendar(), today);
            let label = view.label(&data);
            (Arc::new(Overview::compute(&data, &view, today, &roster)), label)
        }))
    });
    view! {
        <Page title=name lead="Tổng quan của một đảng bộ trong tập tệp Tổng hợp. Chỉ xem: số liệu từ tệp, không lưu trên máy này.">
            <p><a href=Route::Rollup.href()>"← Quay lại Tổng hợp"</a></p>
            <ViewPicker view=state.view set=true />
            {move || match overview.get() {
                None => view! {
                    <p class="notice" role="status">"Đảng bộ này không có trong các tệp đang mở. Hãy quay lại Tổng hợp và chọn các tệp."</p>
                }.into_any(),
                Some(Err(e)) => view! { <p class="notice error" role="alert">{format!("Không đọc được bộ quy định của đảng bộ này: {e}")}</p> }.into_any(),
                Some(Ok((o, label))) => view! { <OverviewBody o view=state.view label read_only=true /> }.into_any(),
            }}
        </Page>
    }
}
