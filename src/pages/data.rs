use crate::clock;
use crate::components::Page;
use crate::crypto;
use crate::download::download_text;
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::format::{self, EncryptedFile, ExportScope, ImportPreview, LoadError, Loaded, RecordKind};
use ptdv_domain::model::CellId;
use ptdv_domain::records::import::{import, ImportMode};
use ptdv_domain::text::{format_count, format_date};
use wasm_bindgen::JsCast;

/// A file read and checked, waiting for the user's choice.
#[derive(Clone)]
struct PendingImport {
    file_name: String,
    loaded: Loaded,
    preview: Option<ImportPreview>,
}

/// Dữ liệu: export (backup), import with a preview, undo of the last import.
#[component]
pub fn Data() -> impl IntoView {
    let store = Store::get();
    let has_data = move || store.data.with(|d| d.is_some());
    let message = RwSignal::new(None::<(bool, String)>); // (is_error, text)
    let pending = RwSignal::new(None::<PendingImport>);

    let encrypt = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let passphrase_again = RwSignal::new(String::new());
    let passphrase_error = RwSignal::new(None::<&'static str>);
    let export_cell = RwSignal::new(String::new());
    let cells = move || {
        store.data.with(|d| {
            d.as_ref()
                .map(|d| d.cells.iter().filter(|c| !c.archived).map(|c| (c.id.to_string(), c.name.clone())).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };

    // Exports the ward or one cell, encrypted with the passphrase when asked.
    let run_export = move |scope: ExportScope| {
        message.set(None);
        let encrypted = encrypt.get_untracked();
        let pass = passphrase.get_untracked();
        if encrypted {
            let problem = format::check_new_passphrase(&pass, &passphrase_again.get_untracked()).err();
            passphrase_error.set(problem);
            if problem.is_some() {
                return;
            }
        }
        let (name, text) = match store.export(&scope) {
            Ok(x) => x,
            Err(e) => return message.set(Some((true, e))),
        };
        let whole = scope == ExportScope::Ward;
        if !encrypted {
            return match download_text(&name, &text, "application/json") {
                Ok(()) => {
                    if whole {
                        store.note_export();
                    }
                    message.set(Some((false, format!("Đã xuất tệp “{name}”. Hãy cất tệp ở nơi an toàn."))));
                }
                Err(e) => message.set(Some((true, e))),
            };
        }
        let ward_name = store.data.with_untracked(|d| d.as_ref().map(|d| d.ward.full_name()).unwrap_or_default());
        leptos::task::spawn_local(async move {
            let result = async {
                let file = crypto::encrypt(text.as_bytes(), &pass, &ward_name, clock::now()).await?;
                let body = format::build_encrypted(&file).map_err(|e| e.to_string())?;
                let name = format::encrypted_file_name(&name);
                download_text(&name, &body, "application/json")?;
                Ok::<_, String>(name)
            }
            .await;
            match result {
                Ok(name) => {
                    if whole {
                        store.note_export();
                    }
                    message.set(Some((
                        false,
                        format!(
                            "Đã xuất tệp mã hóa “{name}”. Không có mật khẩu thì không ai mở được tệp, kể cả bạn: hãy ghi nhớ mật khẩu."
                        ),
                    )));
                }
                Err(e) => message.set(Some((true, e))),
            }
        });
    };
    let export_all = move |_| run_export(ExportScope::Ward);
    let export_one_cell = move |_| {
        let id = export_cell.get_untracked();
        if id.is_empty() {
            message.set(Some((true, "Hãy chọn chi bộ cần xuất dữ liệu.".into())));
        } else {
            run_export(ExportScope::Cell { cell_id: CellId::new(id) });
        }
    };
    let last_export_line = move || match store.last_export.get() {
        Some(at) => {
            let days = (clock::now() - at).num_days();
            let ago = if days <= 0 { "hôm nay".to_string() } else { format!("{days} ngày trước") };
            format!("Lần xuất toàn bộ dữ liệu gần nhất: {} ({ago}).", format_date(at.date_naive()))
        }
        None => "Chưa xuất tệp sao lưu lần nào trên máy này.".to_string(),
    };

    // An encrypted file waiting for its passphrase.
    let locked = RwSignal::new(None::<(String, EncryptedFile)>);
    let unlock_pass = RwSignal::new(String::new());

    // Checks a file's bytes: a preview, a passphrase prompt, or a clear error. A large file is
    // read in steps with a progress bar, the page answering between them. The `ptdv:import`
    // performance measure (the load) is read by the benchmark.
    // The last file chosen wins: a read started before it stops at its next step and its
    // outcome is dropped (two quick choices, a file chosen while another is decrypted).
    let reading = RwSignal::new(None::<(usize, usize)>);
    let latest = StoredValue::new(0u64);
    let read_for_import = move |name: String, bytes: Vec<u8>| {
        let mine = latest.get_value().wrapping_add(1);
        latest.set_value(mine);
        leptos::task::spawn_local(async move {
            let current = move || latest.get_value() == mine;
            let Some(result) = timed_load(bytes, reading, current).await else { return };
            reading.set(None);
            match result {
                Ok(loaded) => {
                    let preview = store.data.with_untracked(|d| d.as_ref().map(|d| format::preview(d, &loaded.data)));
                    pending.set(Some(PendingImport { file_name: name, loaded, preview }));
                }
                Err(LoadError::Encrypted(file)) => {
                    unlock_pass.set(String::new());
                    locked.set(Some((name, *file)));
                }
                Err(e) => message.set(Some((true, format!("Không nhập được tệp “{name}”: {e}")))),
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        message.set(None);
        pending.set(None);
        locked.set(None);
        leptos::task::spawn_local(async move {
            let name = file.name();
            let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
                Err(_) => {
                    message.set(Some((true, format!("Không đọc được tệp “{name}” từ máy."))));
                    return;
                }
            };
            read_for_import(name, bytes);
        });
    };

    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((name, file)) = locked.get_untracked() else { return };
        let pass = unlock_pass.get_untracked();
        leptos::task::spawn_local(async move {
            match crypto::decrypt(&file, &pass).await {
                Ok(plain) => {
                    locked.set(None);
                    read_for_import(name, plain);
                }
                Err(e) => message.set(Some((true, format!("Không mở được tệp “{name}”: {e}")))),
            }
        });
    };

    // Applies the pending import: only when it fits beside its undo snapshot, after keeping
    // the current data for undo, and saved at once (a failed save leaves everything as before).
    let offer_export = RwSignal::new(false);
    let apply = move |merge: bool| {
        let Some(p) = pending.get_untracked() else { return };
        offer_export.set(false);
        let mode = if merge { ImportMode::Merge } else { ImportMode::Replace };
        // What the import changed goes into the change history, record by record.
        let result = store.data.with_untracked(|current| import(current.as_ref(), &p.loaded, mode, clock::today(), clock::now()));
        let data = match result {
            Ok(data) => data,
            Err(e) => return message.set(Some((true, format!("Chưa nhập: {e}")))),
        };
        if let Err(why) = store.import_fits(&data) {
            offer_export.set(has_data());
            return message.set(Some((true, why)));
        }
        match store.apply_import(data) {
            Ok(()) => {
                pending.set(None);
                message.set(Some((false, format!("Đã nhập dữ liệu từ tệp “{}”.", p.file_name))));
            }
            Err(why) => {
                offer_export.set(has_data());
                message.set(Some((true, why)));
            }
        }
    };

    let undo = move |_| {
        leptos::task::spawn_local(async move {
            let undone = match crate::reader::Reader::get().await {
                Ok(reader) => store.undo_import(reader),
                Err(_) => Err(crate::store::NOT_READ.to_string()),
            };
            message.set(Some(match undone {
                Ok(()) => (false, "Đã hoàn tác lần nhập gần nhất: dữ liệu trở lại như trước khi nhập.".to_string()),
                Err(e) => (true, e),
            }));
        });
    };

    view! {
        <Page title="Dữ liệu" lead="Sao lưu, chia sẻ và nhập dữ liệu của đảng bộ. Dữ liệu chỉ lưu trên máy này.">
            <Show when=move || message.get().is_some()>
                {move || message.get().map(|(is_error, text)| {
                    let class = if is_error { "notice error" } else { "notice ok" };
                    let role = if is_error { "alert" } else { "status" };
                    view! { <p class=class role=role data-testid="data-message">{text}</p> }
                })}
                <Show when=move || offer_export.get()>
                    <p class="actions">
                        <button class="button primary" on:click=export_all>"Xuất tệp sao lưu ngay"</button>
                    </p>
                </Show>
            </Show>
            <crate::pages::ReviewNotice />
            <StorageMeter />
            <section class="card" aria-labelledby="export-title">
                <h2 id="export-title">"Sao lưu: xuất dữ liệu ra tệp"</h2>
                <p>"Tệp sao lưu chứa toàn bộ dữ liệu của đảng bộ. Hãy xuất thường xuyên và cất ở nơi an toàn."</p>
                <p data-testid="last-export">{last_export_line}</p>
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || encrypt.get()
                        on:change:target=move |ev| encrypt.set(ev.target().checked()) />
                    "Mã hóa tệp bằng mật khẩu"
                </label>
                <Show when=move || encrypt.get()>
                    <div class="field">
                        <label for="export-pass">"Mật khẩu (ít nhất 8 ký tự)"</label>
                        <input id="export-pass" type="password" autocomplete="new-password"
                            aria-describedby="export-pass-error" aria-invalid=move || passphrase_error.get().is_some().then_some("true")
                            prop:value=move || passphrase.get() on:input:target=move |ev| {
                                passphrase.set(ev.target().value());
                                passphrase_error.set(None);
                            } />
                    </div>
                    <div class="field">
                        <label for="export-pass-again">"Nhập lại mật khẩu"</label>
                        <input id="export-pass-again" type="password" autocomplete="new-password"
                            aria-describedby="export-pass-error"
                            prop:value=move || passphrase_again.get() on:input:target=move |ev| {
                                passphrase_again.set(ev.target().value());
                                passphrase_error.set(None);
                            } />
                        <p id="export-pass-error" class="field-error">{move || passphrase_error.get()}</p>
                    </div>
                </Show>
                <div class="actions">
                    <button class="button primary" on:click=export_all disabled=move || !has_data()>
                        "Xuất toàn bộ dữ liệu"
                    </button>
                </div>
                <div class="field export-cell">
                    <label for="export-cell">"Hoặc xuất riêng dữ liệu một chi bộ (để gửi bí thư chi bộ)"</label>
                    <select id="export-cell" on:change:target=move |ev| export_cell.set(ev.target().value())
                        prop:value=move || export_cell.get() disabled=move || !has_data()>
                        <option value="">"— Chọn chi bộ —"</option>
                        {move || cells().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                    <button class="button" on:click=export_one_cell disabled=move || !has_data()>"Xuất dữ liệu chi bộ này"</button>
                </div>
            </section>
            <section class="card" aria-labelledby="import-title">
                <h2 id="import-title">"Nhập dữ liệu từ tệp"</h2>
                <p>"Chọn tệp sao lưu (.json). Ứng dụng sẽ cho xem trước, chưa thay đổi gì cho đến khi bạn đồng ý."</p>
                <input id="import-file" class="visually-hidden" type="file" accept=".json,application/json" on:change=on_file />
                <label class="button file-button" for="import-file">"Chọn tệp để nhập…"</label>
                {move || reading.get().map(|(done, total)| {
                    let text = if total == 0 {
                        "Đang đọc tệp…".to_string()
                    } else {
                        format!("Đang đọc tệp: {} / {} bản ghi…", format_count(done), format_count(total))
                    };
                    view! {
                        <div class="import-progress" data-testid="import-progress">
                            <p id="import-progress-text" role="status">{text}</p>
                            <progress aria-labelledby="import-progress-text" max=total.max(1).to_string() value=done.to_string()></progress>
                        </div>
                    }
                })}
                {move || locked.get().map(|(name, _)| view! {
                    <form class="unlock" on:submit=unlock data-testid="unlock-form">
                        <p>{format!("Tệp “{name}” đã được mã hóa. Nhập mật khẩu để mở.")}</p>
                        <div class="field">
                            <label for="unlock-pass">"Mật khẩu của tệp"</label>
                            <input id="unlock-pass" type="password" autocomplete="off"
                                prop:value=move || unlock_pass.get() on:input:target=move |ev| unlock_pass.set(ev.target().value()) />
                        </div>
                        <div class="actions">
                            <button class="button primary" type="submit">"Mở tệp"</button>
                            <button class="button" type="button" on:click=move |_| locked.set(None)>"Hủy"</button>
                        </div>
                    </form>
                })}
                {move || pending.get().map(|p| view! { <ImportPreviewView pending=p apply cancel=move || pending.set(None) /> })}
            </section>
            <Show when=has_data>
                <crate::pages::WardSettingsForm />
                <crate::pages::FormLabelsForm />
                <crate::pages::DocumentSettingsForm />
            </Show>
            <Show when=move || store.can_undo_import.get()>
                <section class="card" aria-labelledby="undo-title">
                    <h2 id="undo-title">"Hoàn tác lần nhập gần nhất"</h2>
                    <p>"Đưa dữ liệu về đúng như trước lần nhập tệp gần nhất."</p>
                    <button class="button" on:click=undo>"Hoàn tác nhập"</button>
                </section>
            </Show>
            <AboutApp />
        </Page>
    }
}

#[component]
fn ImportPreviewView(
    pending: PendingImport,
    apply: impl Fn(bool) + Copy + Send + Sync + 'static,
    cancel: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let meta = &pending.loaded.meta;
    let ward_line = format!(
        "Tệp “{}” của {} {}, xuất ngày {}{}.",
        pending.file_name,
        pending.loaded.data.ward.kind.organisation(),
        meta.ward.name,
        ptdv_domain::text::format_date(meta.exported_at.date_naive()),
        match &meta.scope {
            ExportScope::Ward => String::new(),
            ExportScope::Cell { cell_id } => format!(" (chỉ dữ liệu của chi bộ {cell_id})"),
        }
    );
    let warnings: Vec<String> = pending.loaded.warnings.iter().map(|w| w.to_string()).collect();
    match pending.preview {
        None => view! {
            <div class="import-preview" data-testid="import-preview">
                <h3>"Xem trước"</h3>
                <p>{ward_line}</p>
                <p>{format!("{} chi bộ, {} quần chúng và đảng viên đang theo dõi.",
                    format_count(pending.loaded.data.cells.len()), format_count(pending.loaded.data.candidates.len()))}</p>
                <div class="actions">
                    <button class="button primary" on:click=move |_| apply(false)>"Dùng dữ liệu trong tệp"</button>
                    <button class="button" on:click=move |_| cancel()>"Hủy"</button>
                </div>
            </div>
        }
        .into_any(),
        Some(preview) => {
            let same_ward = preview.same_ward;
            let rows = RecordKind::ALL
                .into_iter()
                .map(|k| {
                    let c = preview.of(k);
                    view! {
                        <tr>
                            <th scope="row">{capitalise(k.label())}</th>
                            <td>{format_count(c.new)}</td>
                            <td>{format_count(c.changed)}</td>
                            <td>{format_count(c.unchanged)}</td>
                            <td>{format_count(c.conflicts)}</td>
                            <td>{format_count(c.only_in_current)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let conflicts = preview
                .conflicts
                .iter()
                .map(|c| {
                    view! {
                        <li>{format!("{} “{}” ({}): bản trên máy sửa lúc {}, bản trong tệp sửa lúc {} — giữ bản trên máy.",
                            capitalise(c.kind.label()), c.name, c.id,
                            clock::local_datetime_label(c.current_updated_at), clock::local_datetime_label(c.incoming_updated_at))}</li>
                    }
                })
                .collect_view();
            let has_conflicts = !preview.conflicts.is_empty();
            view! {
                <div class="import-preview" data-testid="import-preview">
                    <h3>"Xem trước"</h3>
                    <p>{ward_line}</p>
                    {(!same_ward).then(|| view! {
                        <p class="notice error" role="alert">"Tệp này của một đảng bộ khác: chỉ có thể thay thế toàn bộ, không gộp được."</p>
                    })}
                    <table class="data-table">
                        <caption>"Số bản ghi theo loại"</caption>
                        <thead><tr>
                            <th scope="col">"Loại"</th><th scope="col">"Mới"</th><th scope="col">"Thay đổi"</th>
                            <th scope="col">"Giống nhau"</th><th scope="col">"Xung đột"</th><th scope="col">"Chỉ có trên máy"</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    {has_conflicts.then(|| view! {
                        <h4>"Xung đột (bản sửa sau được giữ)"</h4>
                        <ul class="conflicts" data-testid="import-conflicts">{conflicts}</ul>
                    })}
                    {(!warnings.is_empty()).then(|| view! {
                        <ul class="warnings">{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                    })}
                    <div class="actions">
                        <button class="button primary" disabled=!same_ward on:click=move |_| apply(true)>"Gộp vào dữ liệu hiện có"</button>
                        <button class="button" on:click=move |_| apply(false)>"Thay thế toàn bộ"</button>
                        <button class="button" on:click=move |_| cancel()>"Hủy"</button>
                    </div>
                    <p class="hint">"Trước khi nhập, ứng dụng giữ lại dữ liệu hiện tại để có thể hoàn tác."</p>
                </div>
            }.into_any()
        }
    }
}

/// Files larger than this show a progress bar while they are read.
const PROGRESS_BYTES: usize = 1 << 20;

/// `format::load` in steps between two performance marks ("ptdv:import-start" / measure
/// "ptdv:import"): a batch of records at a time, and every [`clock::SLICE_MS`] the progress is
/// shown and the browser gets a turn (a small file is read in one go).
async fn timed_load(
    bytes: Vec<u8>,
    progress: RwSignal<Option<(usize, usize)>>,
    current: impl Fn() -> bool,
) -> Option<Result<Loaded, LoadError>> {
    let perf = window().performance();
    if let Some(p) = &perf {
        let _ = p.mark("ptdv:import-start");
    }
    // A file over a megabyte shows its progress from the start (a turn for the browser to draw
    // the bar before the first step); a smaller one only if it takes longer than a slice.
    let large = bytes.len() > PROGRESS_BYTES;
    let mut since = if large { f64::NEG_INFINITY } else { clock::monotonic_ms() };
    let mut total_shown = false;
    let mut step = format::Loading::start_owned(bytes, clock::today());
    let result = loop {
        match step {
            format::Step::Done(result) => break result,
            format::Step::Working(loading) => {
                let (done, total) = loading.progress();
                // The count of records is shown as soon as it is known.
                if clock::monotonic_ms() - since > clock::SLICE_MS || (large && total > 0 && !total_shown) {
                    total_shown = total > 0;
                    progress.set(Some((done, total)));
                    clock::next_task().await;
                    if !current() {
                        return None;
                    }
                    since = clock::monotonic_ms();
                }
                step = loading.step(100);
            }
        }
    };
    if let Some(p) = &perf {
        let _ = p.measure_with_start_mark("ptdv:import", "ptdv:import-start");
    }
    Some(result)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The day this build was made, dd/mm/yyyy (build.rs).
const BUILD_DATE: &str = env!("PTDV_BUILD_DATE");

/// Which version of the app this machine runs: to compare with another computer, or to say when
/// asking for help. Exported files carry the version too.
#[component]
fn AboutApp() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="about-title" data-testid="about-app">
            <h2 id="about-title">"Phiên bản ứng dụng"</h2>
            <dl class="about-app">
                <dt>"Phiên bản"</dt>
                <dd data-testid="app-version">{crate::store::APP_VERSION}</dd>
                <dt>"Ngày tạo phiên bản"</dt>
                <dd data-testid="build-date">{BUILD_DATE}</dd>
            </dl>
            <p class="hint">"Khi có bản mới, đầu trang sẽ hiện nút “Có phiên bản mới — tải lại”. Mỗi tệp sao lưu cũng ghi phiên bản ứng dụng đã tạo ra tệp."</p>
        </section>
    }
}

/// How full the browser's storage for this page is, and about how many more candidates fit.
#[component]
fn StorageMeter() -> impl IntoView {
    let store = Store::get();
    let room = Memo::new(move |_| store.room());
    let percent = move || room.get().share().percent_text();
    view! {
        <section class="card" aria-labelledby="storage-title" data-testid="storage-meter">
            <h2 id="storage-title">"Bộ nhớ trên máy này"</h2>
            <p id="storage-text">{move || {
                let r = room.get();
                format!(
                    "Đã dùng {} bộ nhớ trình duyệt dành cho trang này ({} / {} ký tự). Còn chỗ cho khoảng {} quần chúng nữa.",
                    percent(),
                    ptdv_domain::text::format_count(r.used),
                    ptdv_domain::text::format_count(r.quota),
                    ptdv_domain::text::format_count(r.more_candidates)
                )
            }}</p>
            <meter min="0" max="100" low="60" high="80" optimum="0" aria-labelledby="storage-title" aria-describedby="storage-text"
                value=move || format!("{:.1}", room.get().share().percent().unwrap_or(0.0))></meter>
            <Show when=move || room.get().nearly_full()>
                <p class="notice error" role="alert">{move || format!(
                    "Bộ nhớ sắp đầy ({}). Hãy xuất tệp sao lưu ngay; khi bộ nhớ đầy, thay đổi mới sẽ không lưu được trên máy này.",
                    percent()
                )}</p>
            </Show>
            <p class="hint">"Bản nháp các biểu mẫu và bản giữ lại để hoàn tác lần nhập gần nhất cũng được tính; bản nháp để quá 30 ngày được xóa."</p>
        </section>
    }
}
