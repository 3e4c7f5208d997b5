//! The bad-file corpus and the good fixtures: each file gives the variant that
//! `tests/corpus/expected.json` names ("ok" for a file that loads).

use super::*;
use std::collections::BTreeMap;
use std::time::Instant;

fn expected() -> BTreeMap<String, String> {
    serde_json::from_slice(&read("expected.json")).unwrap()
}

fn files_in(dir: &str) -> Vec<String> {
    let mut out: Vec<String> =
        std::fs::read_dir(corpus_dir().join(dir)).unwrap().map(|e| format!("{dir}/{}", e.unwrap().file_name().to_string_lossy())).collect();
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

/// A big bad file is refused with a clear error, fast: 20 MiB of text that is not JSON (a
/// list typed in Notepad) stops at its first character. Built here rather than committed.
#[test]
fn twenty_megabyte_text_is_refused_at_once() {
    let line = "Danh sách quần chúng ưu tú: Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường\r\n".as_bytes();
    let mut big = Vec::with_capacity(20 * 1024 * 1024);
    while big.len() + line.len() <= 20 * 1024 * 1024 {
        big.extend_from_slice(line);
    }
    assert!(big.len() < MAX_FILE_BYTES && big.len() > 20_000_000);
    let started = Instant::now();
    let err = load(&big, today()).unwrap_err();
    let took = started.elapsed();
    println!("20 MiB of text refused in {took:?}: {err}");
    assert!(matches!(err, LoadError::NotJson { line: 1, column: 1, .. }), "{err:?}");
    assert!(took.as_millis() < 1_000, "{took:?}");
}

/// A 20 MiB file that looks right — the small fixture with a 20-million-character residence —
/// is read to the end and refused for what is wrong with it, naming the record and the field.
#[test]
fn twenty_megabyte_envelope_with_an_overlong_text_names_the_field() {
    let mut v: serde_json::Value = serde_json::from_slice(&read("good/v1-small.json")).unwrap();
    v["data"]["candidates"][0]["residence"] = serde_json::Value::String("x".repeat(20 * 1024 * 1024));
    let big = serde_json::to_vec(&v).unwrap();
    assert!(big.len() > 20 * 1024 * 1024 && big.len() < MAX_FILE_BYTES);
    let started = Instant::now();
    let err = load(&big, today()).unwrap_err();
    let took = started.elapsed();
    println!("20 MiB envelope refused in {took:?}: {err}");
    match &err {
        LoadError::TextTooLong { at, chars, max } => {
            assert_eq!(at.record.id, "qc-0001");
            assert_eq!(at.field, "residence");
            assert_eq!((*chars, *max), (20 * 1024 * 1024, MAX_TEXT_CHARS));
        }
        other => panic!("{other:?}"),
    }
    // Unoptimised test build; a release build reads it in a fraction of this.
    assert!(took.as_secs() < 20, "{took:?}");
}

/// Above the limit, a file is refused for its size before anything else: these bytes are not
/// even UTF-8, and are never decoded.
#[test]
fn file_above_the_limit_is_refused_before_decoding() {
    let too_big = vec![0xFFu8; MAX_FILE_BYTES + 1024 * 1024];
    let started = Instant::now();
    let err = load(&too_big, today()).unwrap_err();
    let took = started.elapsed();
    println!("{} bytes refused in {took:?}: {err}", too_big.len());
    assert_eq!(err, LoadError::TooLarge { size: MAX_FILE_BYTES + 1024 * 1024, limit: MAX_FILE_BYTES });
    assert!(err.to_string().contains("(129,0 MB, giới hạn 128,0 MB)"), "{err}");
    assert!(took.as_millis() < 100, "{took:?}");
}

#[test]
fn limit_is_inclusive() {
    // Exactly MAX_FILE_BYTES: read (and refused for what it is, not for its size).
    let mut at_limit = vec![b'x'; MAX_FILE_BYTES];
    assert!(matches!(load(&at_limit, today()), Err(LoadError::NotJson { line: 1, column: 1, .. })));
    at_limit.push(b'x');
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

#[test]
fn the_over_long_ward_name_of_the_corpus_is_repaired_keeping_every_record() {
    let r = repair(&read("bad/ward-name-300.json"), today()).unwrap();
    assert_eq!(r.fixes.len(), 2, "{:?}", r.fixes);
    let good = small();
    let data = r.into_data(now());
    assert_eq!(data.ward.name.chars().count(), MAX_NAME_CHARS);
    assert_eq!(data.ward.name, format!("{}…", "Hòa An ".repeat(43).chars().take(MAX_NAME_CHARS - 1).collect::<String>()));
    assert_eq!(data.candidates[0].residence, good.candidates[0].residence, "the bell dropped, the text kept");
    assert_eq!(
        (&data.cells, &data.members, &data.candidates, &data.classes, &data.targets),
        (&good.cells, &good.members, &good.candidates, &good.classes, &good.targets)
    );
    assert_eq!(load(export_ward(&data).as_bytes(), today()).unwrap().data, data);
}
