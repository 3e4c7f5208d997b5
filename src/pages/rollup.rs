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
use wasm_bindgen::{JsCast, JsValue};

/// The name the user's own ward goes by in the set.
const OWN: &str = "Dữ liệu của đảng bộ trên máy này";

/// The roll-up's files and choices, kept while the app is open (in memory only).
#[derive(Clone, Copy)]
pub struct RollupState {
    /// Every file read, in the order chosen (a refused one with its error).
    files: StoredValue<Vec<FileIn>>,
    /// Encrypted files waiting for their passphrase.
    locked: RwSignal<Vec<(String, EncryptedFile)>>,
    /// The passphrase to try first on the next encrypted files, when the user asked for it.
    passphrase: StoredValue<Option<String>>,
    /// The user's own ward in the set.
    own: RwSignal<bool>,
    set: RwSignal<Option<Arc<Rollup>>>,
    view: RwSignal<View>,
    /// Reading file `i` of `n`.
    busy: RwSignal<Option<(usize, usize)>>,
}

impl RollupState {
    /// Made once, beside the shell.
    pub fn provide() {
        let today = clock::today();
        provide_context(RollupState {
            files: StoredValue::new(Vec::new()),
            locked: RwSignal::new(Vec::new()),
            passphrase: StoredValue::new(None),
            own: RwSignal::new(false),
            set: RwSignal::new(None),
            view: RwSignal::new(View { period: PeriodChoice::Year(today.year()), scope: Scope::Ward }),
            busy: RwSignal::new(None),
        });
    }

    fn get() -> RollupState {
        use_context::<RollupState>().unwrap_or_else(|| {
            RollupState::provide();
            expect_context::<RollupState>()
        })
    }

    /// Sorts the files (and the own ward, when ticked) into wards again.
    fn assemble(self) {
        let mut all = Vec::new();
        if self.own.get_untracked() {
            if let Some(data) = Store::get().data.with_untracked(Clone::clone) {
                all.push(FileIn::own(OWN, data, APP_VERSION, clock::now()));
            }
        }
        self.files.with_value(|f| all.extend(f.iter().cloned()));
        let set = (!all.is_empty()).then(|| Arc::new(Rollup::assemble(&all, clock::today())));
        self.set.set(set);
    }

    /// Reads `files` one by one (the page drawn between two), then assembles the set.
    fn read(self, files: Vec<web_sys::File>) {
        if files.is_empty() || self.busy.get_untracked().is_some() {
            return;
        }
        leptos::task::spawn_local(async move {
            let today = clock::today();
            let n = files.len();
            for (i, file) in files.iter().enumerate() {
                self.busy.set(Some((i, n)));
                next_task().await;
                let name = file.name();
                let loaded = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(buf) => load(&js_sys::Uint8Array::new(&buf).to_vec(), today),
                    Err(_) => Err(LoadError::Empty),
                };
                match loaded {
                    Err(LoadError::Encrypted(locked)) => {
                        let pass = self.passphrase.get_value();
                        let plain = match pass {
                            Some(p) => crypto::decrypt(&locked, &p).await.ok(),
                            None => None,
                        };
                        match plain {
                            Some(plain) => self.files.update_value(|f| f.push(FileIn::new(name, load(&plain, today)))),
                            None => self.locked.update(|l| l.push((name, *locked))),
                        }
                    }
                    other => self.files.update_value(|f| f.push(FileIn::new(name, other))),
                }
            }
            self.busy.set(Some((n, n)));
            next_task().await;
            self.assemble();
            self.busy.set(None);
        });
    }

    fn clear(self) {
        self.files.set_value(Vec::new());
        self.locked.set(Vec::new());
        self.passphrase.set_value(None);
        self.own.set(false);
        self.set.set(None);
    }
}

/// Lets the browser draw (and answer the user) before the next piece of work.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let later = web_sys::window().and_then(|w| w.set_timeout_with_callback(&resolve).ok());
        if later.is_none() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Tổng hợp.
#[component]
pub fn RollupPage() -> impl IntoView {
    let state = RollupState::get();
    let store = Store::get();
    let today = clock::today();
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(list) = input.files() {
            state.read((0..list.length()).filter_map(|i| list.get(i)).collect());
        }
        input.set_value("");
    };
    // Files dropped anywhere on the card are read like files chosen.
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            state.read((0..list.length()).filter_map(|i| list.get(i)).collect());
        }
    };
    let own_name = store.data.with_untracked(|d| d.as_ref().map(|d| d.ward.full_name()));
    let report = move || {
        let view = state.view.get();
        state.set.get().map(|s| (s.clone(), Arc::new(RollupReport::compute(&s, &view, today)), RollupReport::view_label(&view)))
    };
    view! {
        <Page title="Tổng hợp" lead="Đọc cùng lúc tệp của nhiều đảng bộ (hoặc của các chi bộ) để cộng số liệu. Chỉ xem: không lưu, không thay đổi dữ liệu của đảng bộ trên máy này.">
            <section class="card drop-zone" class:dragging=move || dragging.get() aria-labelledby="rollup-files-title" data-testid="rollup-drop"
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <h2 id="rollup-files-title">"Chọn các tệp"</h2>
                <p class="hint">"Chọn nhiều tệp cùng lúc, hoặc kéo các tệp thả vào khung này; chọn thêm lần nữa để thêm tệp. Tệp của các chi bộ cùng một đảng bộ được ghép lại."</p>
                // The browser's own file button speaks the browser's language: a Vietnamese one instead.
                <input id="rollup-files" class="visually-hidden" type="file" multiple accept=".json,application/json" on:change=on_files
                    aria-label="Tệp xuất của các đảng bộ hoặc chi bộ (.json), chọn nhiều tệp cùng lúc"
                    disabled=move || state.busy.with(Option::is_some) />
                <label class="button file-button" for="rollup-files">"Chọn các tệp (.json)…"</label>
                {own_name.map(|name| view! {
                    <label class="checkbox rollup-own">
                        <input type="checkbox" data-testid="rollup-own" prop:checked=move || state.own.get()
                            on:change:target=move |ev| { state.own.set(ev.target().checked()); state.assemble(); } />
                        {format!("Thêm dữ liệu trên máy này ({name})")}
                    </label>
                })}
                {move || state.busy.get().map(|(i, n)| {
                    let text = if i < n { format!("Đang đọc tệp {} / {}…", i + 1, n) } else { format!("Đã đọc {n} tệp, đang cộng số liệu…") };
                    view! {
                        <div class="rollup-progress" data-testid="rollup-progress">
                            <label for="rollup-progress-bar">{text}</label>
                            <progress id="rollup-progress-bar" max=n.to_string() value=i.to_string()></progress>
                        </div>
                    }
                })}
                <Show when=move || state.set.with(Option::is_some) || state.locked.with(|l| !l.is_empty())>
                    <p class="actions">
                        <button type="button" class="button" on:click=move |_| state.clear()
                            disabled=move || state.busy.with(Option::is_some)>"Bỏ tất cả tệp đã chọn"</button>
                    </p>
                </Show>
            </section>
            <Unlock state />
            <ViewPicker view=state.view set=true />
            {move || report().map(|(set, r, label)| view! { <RollupBody set r label view=state.view.get_untracked() /> })}
        </Page>
    }
}

/// The first encrypted file waiting: its passphrase, or leave it out.
#[component]
fn Unlock(state: RollupState) -> impl IntoView {
    let pass = RwSignal::new(String::new());
    let same_for_next = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((name, file)) = state.locked.with_untracked(|l| l.first().cloned()) else { return };
        let p = pass.get_untracked();
        working.set(true);
        leptos::task::spawn_local(async move {
            let today = clock::today();
            match crypto::decrypt(&file, &p).await {
                Err(e) => error.set(Some(format!("Không mở được tệp “{name}”: {e}"))),
                Ok(plain) => {
                    error.set(None);
                    pass.set(String::new());
                    state.locked.update(|l| {
                        l.remove(0);
                    });
                    state.files.update_value(|f| f.push(FileIn::new(name, load(&plain, today))));
                    if same_for_next.get_untracked() {
                        state.passphrase.set_value(Some(p.clone()));
                        // The files still waiting that open with the same passphrase.
                        let waiting = state.locked.get_untracked();
                        let mut still = Vec::new();
                        for (name, file) in waiting {
                            match crypto::decrypt(&file, &p).await {
                                Ok(plain) => state.files.update_value(|f| f.push(FileIn::new(name, load(&plain, today)))),
                                Err(_) => still.push((name, file)),
                            }
                        }
                        state.locked.set(still);
                    }
                    state.assemble();
                }
            }
            working.set(false);
        });
    };
    let skip = move |_| {
        let Some((name, _)) = state.locked.with_untracked(|l| l.first().cloned()) else { return };
        state.locked.update(|l| {
            l.remove(0);
        });
        error.set(None);
        state.files.update_value(|f| f.push(FileIn { name, read: Err("tệp được mã hóa, chưa nhập mật khẩu".into()) }));
        state.assemble();
    };
    move || {
        state.locked.with(|l| l.first().map(|(name, _)| (name.clone(), l.len()))).map(|(name, waiting)| {
            view! {
                <form class="card" aria-labelledby="rollup-lock-title" data-testid="rollup-unlock" on:submit=unlock>
                    <h2 id="rollup-lock-title">"Tệp được mã hóa"</h2>
                    <p>{format!("Tệp “{name}” được mã hóa bằng mật khẩu. Nhập mật khẩu để đọc tệp này.")}</p>
                    {(waiting > 1).then(|| view! { <p class="hint">{format!("Còn {} tệp mã hóa khác đang chờ.", waiting - 1)}</p> })}
                    <div class="field">
                        <label for="rollup-pass">"Mật khẩu của tệp"</label>
                        <input id="rollup-pass" type="password" autocomplete="off" aria-describedby="rollup-pass-error"
                            prop:value=move || pass.get() on:input:target=move |ev| pass.set(ev.target().value()) />
                        <p id="rollup-pass-error" class="field-error" role="alert">{move || error.get()}</p>
                    </div>
                    <label class="checkbox">
                        <input type="checkbox" prop:checked=move || same_for_next.get()
                            on:change:target=move |ev| same_for_next.set(ev.target().checked()) />
                        "Thử mật khẩu này cho các tệp mã hóa tiếp theo"
                    </label>
                    <div class="actions">
                        <button type="submit" class="button primary" aria-busy=move || working.get().to_string()>"Mở tệp"</button>
                        <button type="button" class="button" on:click=skip>"Bỏ qua tệp này"</button>
                    </div>
                </form>
            }
        })
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
    let classes = r.bieu2.iter().map(|row| format!("depth-{}{}", row.depth, if row.depth == 0 { " part" } else { "" })).collect();
    let classes_2b = r.bieu2b.iter().map(|l| if l.heading { "part".to_string() } else { String::new() }).collect();
    view! {
        <section class="card" aria-labelledby="rollup-set-title" data-testid="rollup-set">
            <h2 id="rollup-set-title">{format!("{} đảng bộ từ {} tệp — {}", format_count(set.wards.len()), format_count(files), label)}</h2>
            {(!aside.is_empty()).then(|| view! {
                <ul class="rollup-aside" data-testid="rollup-aside">{aside.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            })}
            {(!cells.is_empty()).then(|| view! {
                <ul class="rollup-cells" data-testid="rollup-cells">{cells.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            })}
            <XlsxButton set=set.clone() view />
        </section>
        <WardsTable r=r.clone() />
        <TargetsChart r=r.clone() />
        // The report's own tables, from the domain's tables of the set.
        <TableCard id="rollup-bieu2" table=bieu2_table(&r.bieu2) row_header=1 classes
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
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let made = crate::worker::xlsx(request).await;
            let done = made.and_then(|bytes| {
                crate::download::download_bytes(&name, &bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            });
            busy.set(false);
            error.set(done.err());
        });
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
