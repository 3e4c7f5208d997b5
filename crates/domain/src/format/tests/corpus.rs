//! The bad-file corpus and the good fixtures: each file gives the variant that
//! `tests/corpus/expected.json` names ("ok" for a file that loads).

use super::*;
use std::collections::BTreeMap;
use std::time::Instant;

fn expected() -> BTreeMap<String, String> {
    serde_json::from_slice(&read("expected.json")).unwrap()
}

fn files_in(dir: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(corpus_dir().join(dir))
        .unwrap()
        .map(|e| format!("{dir}/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    out.sort();
    out
}

#[test]
fn every_corpus_file_gives_its_expected_result() {
    let expected = expected();
    let files: Vec<String> = files_in("bad").into_iter().chain(files_in("good")).collect();
    let listed: Vec<&String> = expected.keys().collect();
    assert_eq!(files.iter().collect::<Vec<_>>(), listed, "tests/corpus/expected.json must list exactly the files of bad/ and good/");
    let bad = files.iter().filter(|f| f.starts_with("bad/")).count();
    assert!(bad >= 30, "only {bad} bad files");
    let mut failures = Vec::new();
    for file in &files {
        let want = &expected[file];
        let started = Instant::now();
        let got = load(&read(file), today());
        let took = started.elapsed();
        let got_name = match &got {
            Ok(_) => "ok",
            Err(e) => e.variant(),
        };
        match &got {
            Ok(l) => println!("{file}: ok ({} warnings) [{took:?}]", l.warnings.len()),
            Err(e) => println!("{file}: {} — {e} [{took:?}]", e.variant()),
        }
        if got_name != want {
            failures.push(format!("{file}: expected {want}, got {got:?}"));
        }
        if file.starts_with("good/") && want == "ok" {
            let l = got.as_ref().unwrap();
            assert!(l.warnings.is_empty(), "{file}: unexpected warnings {:?}", l.warnings);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn readme_describes_every_corpus_file() {
    let readme = String::from_utf8(read("README.md")).unwrap();
    for file in expected().keys() {
        let name = file.rsplit('/').next().unwrap();
        assert!(readme.contains(&format!("`{name}`")), "tests/corpus/README.md does not describe {file}");
    }
}

#[test]
fn the_three_encodings_of_the_fixture_load_to_the_same_data() {
    let plain = small();
    for file in ["good/v1-small-utf8-bom.json", "good/v1-small-utf16le-bom.json", "good/v1-small-utf16be-bom.json"] {
        assert_eq!(load(&read(file), today()).unwrap().data, plain, "{file}");
    }
}

#[test]
fn twenty_megabyte_file_is_refused_before_parsing() {
    // Built here rather than committed: a syntactically valid ptdv envelope padded to 20 MiB.
    let mut big = br#"{"format":"ptdv","schema_version":1,"padding":""#.to_vec();
    big.resize(20 * 1024 * 1024 - 2, b'x');
    big.extend_from_slice(b"\"}");
    let started = Instant::now();
    let err = load(&big, today()).unwrap_err();
    println!("20 MiB file refused in {:?}: {err}", started.elapsed());
    assert_eq!(err, LoadError::TooLarge { size: 20 * 1024 * 1024, limit: MAX_FILE_BYTES });
    assert!(err.to_string().contains("20,0 MB"), "{err}");
    assert!(started.elapsed().as_millis() < 100);
}

#[test]
fn limit_is_inclusive() {
    // Exactly MAX_FILE_BYTES: read (and refused for what it is, not for its size).
    let mut at_limit = b"{\"format\":\"ptdv\",\"pad\":\"".to_vec();
    at_limit.resize(MAX_FILE_BYTES - 1, b' ');
    at_limit.push(b'x');
    assert_eq!(at_limit.len(), MAX_FILE_BYTES);
    assert!(matches!(load(&at_limit, today()), Err(LoadError::NotJson { .. } | LoadError::TruncatedJson { .. })));
    at_limit.push(b' ');
    assert!(matches!(load(&at_limit, today()), Err(LoadError::TooLarge { .. })));
}

#[test]
fn encrypted_fixture_is_recognised_with_its_parameters() {
    match load(&read("good/encrypted-v1.json"), today()) {
        Err(LoadError::Encrypted(f)) => {
            assert_eq!(f.ward_name, "Hòa An");
            assert_eq!(f.iterations, 600_000);
            assert_eq!(f.salt, <[u8; 16]>::try_from((0u8..16).collect::<Vec<_>>()).unwrap());
            assert_eq!(f.iv, <[u8; 12]>::try_from((100u8..112).collect::<Vec<_>>()).unwrap());
            // AES-GCM: plaintext length + 16-byte tag.
            assert_eq!(f.ciphertext.len(), read("good/v1-small.json").len() + TAG_LEN);
            let msg = LoadError::Encrypted(f).to_string();
            assert!(msg.contains("mật khẩu") && msg.contains("Hòa An"), "{msg}");
        }
        other => panic!("{other:?}"),
    }
}
