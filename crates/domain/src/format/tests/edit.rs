//! `validate_edit`: what a save changed, checked with the loader's own rules.

use super::*;

#[test]
fn an_edit_the_loader_would_refuse_is_refused_and_an_ordinary_one_passes() {
    let before = small();
    let ok = |after: &WardData| validate_edit(&before, after, today());
    assert_eq!(ok(&before), Ok(()));

    let mut renamed = before.clone();
    renamed.ward.name = "Hòa An Mới".into();
    assert_eq!(ok(&renamed), Ok(()));

    let mut long = before.clone();
    long.ward.name = "A".repeat(MAX_NAME_CHARS + 100);
    assert!(matches!(ok(&long), Err(LoadError::TextTooLong { .. })), "{:?}", ok(&long));

    let mut control = before.clone();
    control.candidates[0].residence = "Tổ 1\u{0007}".into();
    assert!(matches!(ok(&control), Err(LoadError::ControlCharacter { .. })));

    let mut dangling = before.clone();
    dangling.candidates[0].cell_id = CellId::new("cb-khong-co");
    assert!(matches!(ok(&dangling), Err(LoadError::DanglingReference { .. })));

    let mut twice = before.clone();
    let copy = twice.cells[0].clone();
    twice.cells.push(copy);
    assert!(matches!(ok(&twice), Err(LoadError::DuplicateId { .. })));

    let mut future = before.clone();
    future.candidates[0].birth_date = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    assert!(matches!(ok(&future), Err(LoadError::DateOutOfRange { .. })));

    // Whatever validate_edit accepts, the loader reads back.
    for after in [&renamed, &before] {
        assert_eq!(&load(export_ward(after).as_bytes(), today()).unwrap().data, after);
    }
}

#[test]
fn only_changed_records_are_checked_beyond_ids_and_references() {
    // A record already stored with a problem the loader reports (here: not loadable at all is
    // impossible, so forge one in memory) does not block an edit of another record.
    let mut before = small();
    before.candidates[0].residence = "x".repeat(MAX_TEXT_CHARS + 1);
    let mut after = before.clone();
    after.ward.name = "Hòa An Mới".into();
    assert_eq!(validate_edit(&before, &after, today()), Ok(()));
    // … but the edit of that record itself is checked.
    after.candidates[0].updated_at = now();
    assert!(validate_edit(&before, &after, today()).is_err());
}
