//! The crate is layered: a module may use the modules of lower layers, never those of a
//! higher layer, and a module of its own layer only where [`PEERS`] allows it. This test reads
//! the crate's source (`src/`) and fails on every `crate::<module>` path that breaks the rule,
//! naming the file, the line and both layers.
//!
//! Only the code that is compiled into the crate counts: `tests.rs`, `testkit.rs`, files under
//! a `tests/` folder and every item marked `#[cfg(test)]` are skipped, as are comments (a doc
//! link to a higher layer is no dependency). Paths are found in `use` lines and in code alike,
//! including groups (`crate::{model, rules::RuleSets}`) and `super::` chains that climb out of
//! a top-level module.
#![allow(clippy::disallowed_methods)] // a tool/test, not the app (clippy.toml)

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first, each with its modules. A module may refer to any module of a
/// lower layer.
///
/// * base utilities: presentation and parsing of texts and numbers, calendar-month arithmetic,
///   working days, forms as data — nothing of the domain;
/// * `model`: the records a ward keeps, and the types they are made of (stages and steps, the
///   change log, local parameters, text limits);
/// * `rules`: rule sets, the checks of docs/domain.md §2.3 and the legal time limits;
/// * `pipeline`: the state machine (what each step is, may follow, records and checks);
/// * `deadlines`: each candidate's timers and the ward-wide list of what is due;
/// * views of the records: the change history, the statistics, the candidate list's index,
///   the next-step forms, the demo ward — independent of each other;
/// * `format`: the file format (it validates and merges the change log);
/// * `records`: editing from forms, on top of everything (it saves through the format's text
///   checks, logs changes, reads the statistics).
pub const LAYERS: &[(&str, &[&str])] = &[
    ("base utilities", &["text", "dates", "calendar", "form", "order"]),
    ("model", &["model"]),
    ("rules", &["rules"]),
    ("pipeline", &["pipeline"]),
    ("deadlines", &["deadlines"]),
    ("views", &["changes", "statistics", "roster", "step_forms", "demo"]),
    ("summaries", &["overview", "ward_report"]),
    ("file format", &["format"]),
    ("editing", &["records"]),
    ("roll-up", &["rollup"]),
];

/// The references allowed inside one layer, as (from, to).
pub const PEERS: &[(&str, &str)] = &[
    // Forms read dates typed as dd/mm/yyyy.
    ("form", "text"),
    // Holidays and working days are sorted with the app's one sort (`order`).
    ("calendar", "order"),
    // The candidate list filters by the statistics' own definitions (admitted, its traits,
    // due for recognition), so that a figure's list has the figure's length.
    ("roster", "statistics"),
    // The report is chosen like the dashboard: the same period and scope (`overview::View`).
    ("ward_report", "overview"),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, modules)| modules.contains(&module))
}

/// One reference from a file to another top-level module.
#[derive(Debug)]
struct Reference {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// What the rule says of a reference; `None` when allowed.
fn violation(r: &Reference) -> Option<String> {
    let (Some(a), Some(b)) = (layer_of(&r.from), layer_of(&r.to)) else {
        return Some(format!("{}:{}: `{}` refers to `{}`: a module missing from LAYERS", r.file, r.line, r.from, r.to));
    };
    let (name_a, name_b) = (LAYERS[a].0, LAYERS[b].0);
    if b > a {
        Some(format!(
            "{}:{}: `{}` (layer {a}, {name_a}) refers to `crate::{}` (layer {b}, {name_b}), a higher layer",
            r.file, r.line, r.from, r.to
        ))
    } else if a == b && !PEERS.contains(&(r.from.as_str(), r.to.as_str())) {
        Some(format!(
            "{}:{}: `{}` refers to `crate::{}`, a peer of its own layer ({a}, {name_a}) not listed in PEERS",
            r.file, r.line, r.from, r.to
        ))
    } else {
        None
    }
}

/// The source with comments removed and the insides of string and character literals blanked
/// (newlines kept, so positions still give line numbers).
fn code_only(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !b.get(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            out.push('"');
            j += 1;
            while j < b.len() {
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                out.push(blank(b[j]));
                j += 1;
            }
            out.push('"');
            i = j;
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{2066}'), or a lifetime ('a) left as it is.
            let end = if next == Some('\\') {
                (i + 2..b.len()).find(|&j| b[j] == '\'')
            } else if b.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.push('\'');
                    out.extend(std::iter::repeat_n(' ', end - i - 1));
                    out.push('\'');
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `code` with every item marked `#[cfg(test)]` blanked: up to its `;` when it has no body
/// (`mod tests;`), else to the brace closing its body.
fn without_test_items(code: &str) -> String {
    let mut b: Vec<char> = code.chars().collect();
    let marker: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut i = 0;
    while i + marker.len() <= b.len() {
        if b[i..i + marker.len()] != marker[..] {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + marker.len();
        let mut depth = 0usize;
        while j < b.len() {
            match b[j] {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                ';' if depth == 0 => break,
                _ => {}
            }
            j += 1;
        }
        let end = (j + 1).min(b.len());
        for c in &mut b[start..end] {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = j + 1;
    }
    b.into_iter().collect()
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn ident_at(b: &[char], i: usize) -> String {
    b[i..].iter().take_while(|c| is_ident(**c)).collect()
}

fn skip_space(b: &[char], mut i: usize) -> usize {
    while i < b.len() && b[i].is_whitespace() {
        i += 1;
    }
    i
}

/// The first segments of the paths inside a `{…}` group starting at `open`.
fn group_heads(b: &[char], open: usize) -> Vec<(usize, String)> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = true;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            '{' => {
                depth += 1;
                expect_head = depth == 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => expect_head = true,
            c if expect_head && is_ident(c) => {
                heads.push((i, ident_at(b, i)));
                expect_head = false;
            }
            c if !c.is_whitespace() => expect_head = false,
            _ => {}
        }
        i += 1;
    }
    heads
}

/// The top-level modules a file's code refers to, with the position of each reference.
/// `depth` is the number of segments of the file's module path (`pipeline/mod.rs` 1,
/// `pipeline/stage.rs` 2), for `super::` chains.
fn references(code: &str, depth: usize) -> Vec<(usize, String)> {
    let b: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if i > 0 && (is_ident(b[i - 1]) || b[i - 1] == ':') {
            i += 1;
            continue;
        }
        let root = if b[i..].starts_with(&['c', 'r', 'a', 't', 'e', ':', ':']) {
            Some(i + 7)
        } else if b[i..].starts_with(&['s', 'u', 'p', 'e', 'r', ':', ':']) {
            // Count the `super::` segments; only a chain reaching the crate root leaves the module.
            let mut j = i;
            let mut n = 0;
            while b[j..].starts_with(&['s', 'u', 'p', 'e', 'r', ':', ':']) {
                n += 1;
                j += 7;
            }
            (n >= depth).then_some(j)
        } else {
            None
        };
        match root {
            Some(at) => {
                let at = skip_space(&b, at);
                if b.get(at) == Some(&'{') {
                    out.extend(group_heads(&b, at));
                } else if b.get(at).is_some_and(|c| is_ident(*c)) {
                    out.push((at, ident_at(&b, at)));
                }
                i = at.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir).expect("read src").map(|e| e.expect("dir entry").path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "tests") {
                rust_files(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level modules of the crate: the files and folders of `src/` (but `lib.rs`).
fn top_modules(src: &Path) -> BTreeSet<String> {
    fs::read_dir(src)
        .expect("read src")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "rs"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .filter(|m| m != "lib")
        .collect()
}

/// Every reference of the crate's non-test code from one top-level module to another.
fn crate_references(src: &Path) -> Vec<Reference> {
    let modules = top_modules(src);
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut out = Vec::new();
    for path in files {
        let rel = path.strip_prefix(src).expect("under src");
        let parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
        let name = parts.last().map(String::as_str).unwrap_or("");
        if matches!(name, "lib.rs" | "tests.rs" | "testkit.rs") {
            continue;
        }
        let from = parts[0].trim_end_matches(".rs").to_string();
        let depth = if name == "mod.rs" { parts.len() - 1 } else { parts.len() };
        let text = fs::read_to_string(&path).expect("read source");
        let code = without_test_items(&code_only(&text));
        for (at, to) in references(&code, depth) {
            if to == from || !modules.contains(&to) {
                continue;
            }
            let line = code.chars().take(at).filter(|c| *c == '\n').count() + 1;
            out.push(Reference { file: format!("src/{}", parts.join("/")), line, from: from.clone(), to });
        }
    }
    out
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn every_module_is_in_a_layer_once() {
    let mut seen = BTreeSet::new();
    for (_, modules) in LAYERS {
        for m in *modules {
            assert!(seen.insert(*m), "`{m}` is in two layers");
        }
    }
    let modules = top_modules(&src_dir());
    let missing: Vec<&String> = modules.iter().filter(|m| layer_of(m).is_none()).collect();
    assert!(missing.is_empty(), "modules without a layer: {missing:?}; add them to LAYERS");
    let gone: Vec<&&str> = seen.iter().filter(|m| !modules.contains(**m)).collect();
    assert!(gone.is_empty(), "LAYERS names modules that are not in src/: {gone:?}");
    for (a, b) in PEERS {
        assert!(layer_of(a).is_some() && layer_of(a) == layer_of(b), "PEERS: `{a}` and `{b}` are not of one layer");
    }
}

#[test]
fn modules_refer_only_to_lower_layers() {
    let refs = crate_references(&src_dir());
    // The scan sees the crate: the model is used from every layer above it.
    assert!(refs.iter().any(|r| r.from == "pipeline" && r.to == "model"), "no reference found: is the scan broken?");
    let errors: Vec<String> = refs.iter().filter_map(violation).collect();
    assert!(errors.is_empty(), "{} reference(s) against the layers (tests/layers.rs):\n{}", errors.len(), errors.join("\n"));
}

#[test]
fn the_scan_finds_paths_groups_and_super_chains_but_not_tests_or_comments() {
    let src = r#"
//! See [`crate::records`].
use crate::model::{Candidate, Stage};
use crate::{rules::RuleSets, text};
use super::super::deadlines::timers;
fn f() -> crate::pipeline::Step {
    let s = "crate::format";
    let c = '{';
    todo!()
}
#[cfg(test)]
mod tests {
    use crate::demo::demo_ward;
    fn g() { let _ = '}'; }
}
#[cfg(test)]
mod more;
pub fn h() -> crate::changes::ChangeLog { todo!() }
"#;
    let code = without_test_items(&code_only(src));
    let found: Vec<String> = references(&code, 2).into_iter().map(|(_, m)| m).collect();
    assert_eq!(found, ["model", "rules", "text", "deadlines", "pipeline", "changes"]);
    // One `super::` from a file two levels down stays in its module.
    let found: Vec<String> = references(&code_only("use super::x::y;"), 2).into_iter().map(|(_, m)| m).collect();
    assert!(found.is_empty(), "{found:?}");
}
