//! Every citation of the domain reference in the code — "docs/domain.md §2.4" in comments,
//! "DOMAIN §2.3" in the rule citations the data carries — names a section that
//! `docs/domain.md` has, so a reader with only the repository can follow it.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The section numbers of the headings of docs/domain.md: "2", "2.4" …
fn sections() -> Vec<String> {
    let text = fs::read_to_string(root().join("docs/domain.md")).expect("docs/domain.md");
    text.lines()
        .filter(|l| l.starts_with('#'))
        .filter_map(|l| l.trim_start_matches('#').split_whitespace().next())
        .map(|n| n.trim_end_matches('.').to_string())
        .filter(|n| n.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect()
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs" || e == "json") {
            out.push(p);
        }
    }
}

/// The section numbers cited after `marker` in `line` ("§2.4", "§2.2 T11" → "2.4", "2.2").
fn cited(line: &str, marker: &str) -> Vec<String> {
    line.match_indices(marker)
        .filter_map(|(i, m)| {
            let rest = &line[i + m.len()..];
            let n: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
            let n = n.trim_end_matches('.').to_string();
            (!n.is_empty()).then_some(n)
        })
        .collect()
}

#[test]
fn every_cited_section_of_the_domain_reference_exists() {
    let known = sections();
    assert!(known.len() > 20, "docs/domain.md has its numbered sections: {known:?}");
    let mut paths = Vec::new();
    for dir in ["crates/domain/src", "crates/domain/tests", "src", "tests"] {
        files(&root().join(dir), &mut paths);
    }
    let mut count = 0;
    let mut missing = Vec::new();
    for p in &paths {
        let text = fs::read_to_string(p).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            for marker in ["domain.md §", "DOMAIN §", "DOMAIN.md §"] {
                for n in cited(line, marker) {
                    count += 1;
                    if !known.contains(&n) {
                        missing.push(format!("{}:{}: §{n}", p.display(), i + 1));
                    }
                }
            }
        }
    }
    assert!(count > 200, "the code cites the reference ({count} citations found)");
    assert!(missing.is_empty(), "cited sections missing from docs/domain.md:\n{}", missing.join("\n"));
}

#[test]
fn no_citation_points_outside_the_repository() {
    let mut paths = Vec::new();
    for dir in ["crates/domain/src", "src", "tests"] {
        files(&root().join(dir), &mut paths);
    }
    for p in &paths {
        let text = fs::read_to_string(p).unwrap_or_default();
        assert!(!text.contains("shared/DOMAIN.md") && !text.contains("DOMAIN.md"), "{} cites the old specification by name", p.display());
    }
}
