//! Tracker import end to end through the library: fixtures (a hand-written CSV and the XLSX
//! LibreOffice made from it), the 104-recommendation stock-take, bad rows, unknown statuses,
//! re-import previews, and parsers that never panic.

use jiff::civil::Date;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use stocktake::edit::Editor;
use stocktake::intake::tracker::{self, TrackerError, TrackerField};
use stocktake::model::{Grade, Session};
use stocktake::report::{Figures, sentence};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/trackers").join(name)
}

fn empty_session() -> Session {
    Session::new("t", jiff::Timestamp::UNIX_EPOCH)
}

fn date(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).unwrap()
}

#[test]
fn csv_and_xlsx_fixtures_read_the_same() {
    let csv = tracker::read_tracker(&fixture("oir_tracker.csv"), &empty_session(), |_| {}).unwrap();
    let xlsx = tracker::read_tracker(&fixture("oir_tracker.xlsx"), &empty_session(), |_| {}).unwrap();
    assert!(csv.problems.is_empty(), "{:?}", csv.problems);
    assert_eq!(csv.records.len(), 8);
    for field in TrackerField::ALL {
        assert!(csv.mapping.column(field).is_some(), "{field:?} recognised");
    }
    assert_eq!(csv.records, xlsx.records, "LibreOffice's XLSX of the CSV holds the same rows");
    let r = &csv.records[3];
    assert_eq!(r.row, 5);
    assert_eq!(r.label, "4.4");
    assert_eq!(r.owner.as_deref(), Some("MI5/CTP"));
    assert_eq!(
        (r.status, r.previous, r.anticipated),
        (Some(Grade::Amber), Some(Grade::Green), Some(Grade::Green))
    );
    assert_eq!(r.due, Some(date(2019, 9, 30)), "Q3 2019 ends on 30 September");
    assert_eq!(csv.records[1].due, Some(date(2019, 6, 30)), "30/06/2019 is day first");
    assert_eq!(csv.records[6].status, Some(Grade::Blue), "'complete' is Blue");
}

/// A tracker CSV of `counts` rows per status, labels 1…n.
fn tracker_csv(counts: &[(&str, usize)]) -> String {
    let mut csv = String::from("No.,Recommendation,Owner,BRAG\n");
    let mut n = 0;
    for (status, count) in counts {
        for _ in 0..*count {
            n += 1;
            let owner = if n % 2 == 0 { "MI5" } else { "CTP" };
            csv += &format!("{n},Recommendation number {n}.,{owner},{status}\n");
        }
    }
    csv
}

#[test]
fn the_104_recommendation_stock_take_gives_the_reports_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("oir.csv");
    std::fs::write(&path, tracker_csv(&[("Blue", 65), ("Green", 23), ("Amber", 14), ("Red", 2)])).unwrap();
    let rows = tracker::read_tracker(&path, &empty_session(), |_| {}).unwrap();
    let session = tracker::session_from_tracker(
        &rows,
        "OIR stock-take",
        "January 2019",
        Some(date(2019, 1, 24)),
        jiff::Timestamp::UNIX_EPOCH,
    )
    .unwrap();
    assert_eq!(session.recommendations.len(), 104);
    let figures = Figures::of(&session, &session.current_cycle, date(2030, 1, 1));
    assert_eq!(figures.count(Grade::Blue), 65);
    let text = sentence(&session, &figures);
    println!("{text}");
    for expected in ["As of 24 January 2019", "104", "85%", "63%", "22%"] {
        assert!(text.contains(expected), "{expected:?} in {text:?}");
    }
    assert!(text.contains("complete (63%) or on track (22%)"), "{text}");
}

#[test]
fn bad_rows_are_listed_by_row_number_and_good_rows_still_import() {
    let rows = tracker::read_tracker(&fixture("bad_rows.csv"), &empty_session(), |_| {}).unwrap();
    let labels: Vec<&str> = rows.records.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["1.1", "1.5"]);
    let problems: Vec<(usize, &str)> = rows.problems.iter().map(|p| (p.row, p.reason.as_str())).collect();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert_eq!(problems[0].0, 3);
    assert!(problems[0].1.contains("no label"), "{problems:?}");
    assert_eq!(problems[1].0, 4);
    assert!(
        problems[1].1.contains("\"next spring\"") && problems[1].1.contains("not a date"),
        "{problems:?}"
    );
    assert_eq!(problems[2].0, 5);
    assert!(problems[2].1.contains("already on row 2"), "{problems:?}");
}

#[test]
fn an_unknown_status_stops_with_row_column_and_allowed_spellings() {
    let err = tracker::read_tracker(&fixture("unknown_status.csv"), &empty_session(), |_| {}).unwrap_err();
    assert!(matches!(err, TrackerError::UnknownStatus { row: 3, .. }), "{err:?}");
    let message = err.to_string();
    for part in [
        "unknown_status.csv",
        "row 3",
        "\"RAG\" (column C)",
        "\"Purple\"",
        "Blue",
        "Complete",
        "On track",
        "Amber",
        "Red",
    ] {
        assert!(message.contains(part), "{part:?} in {message}");
    }
}

#[test]
fn the_sessions_own_grade_names_are_statuses_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(&path, "ID,Status\nA,yellow\n").unwrap();
    let mut session = empty_session();
    session.grade_scheme.grades[2].name = "Yellow".into();
    let rows = tracker::read_tracker(&path, &session, |_| {}).unwrap();
    assert_eq!(rows.records[0].status, Some(Grade::Amber));
}

#[test]
fn reimporting_a_newer_tracker_previews_changes_then_applies_them_as_one_step() {
    let rows = tracker::read_tracker(&fixture("oir_tracker.csv"), &empty_session(), |_| {}).unwrap();
    let session =
        tracker::session_from_tracker(&rows, "t", "January", None, jiff::Timestamp::UNIX_EPOCH).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.csv");
    std::fs::write(
        &newer,
        "Ref,RAG,Owner,Update\n1.1,Blue,MI5,Hub live since December 2018.\n2.3,Green,Home Office,Staff recruited.\n9.9,Amber,CTP,New action.\n",
    )
    .unwrap();
    let rows = tracker::read_tracker(&newer, &session, |_| {}).unwrap();
    let plan = tracker::plan_import(&session, &rows);
    assert_eq!(plan.counts(), (1, 1), "{}", plan.to_text());
    assert_eq!(plan.unchanged, 1);
    let changed = plan.recommendations.iter().find(|r| r.label == "2.3").unwrap();
    let fields: Vec<(TrackerField, &str, &str)> =
        changed.changes.iter().map(|c| (c.field, c.from.as_str(), c.to.as_str())).collect();
    assert_eq!(
        fields,
        [
            (TrackerField::Narrative, "Some obstacles: staffing.", "Staff recruited."),
            (TrackerField::Status, "Amber", "Green")
        ]
    );
    assert!(plan.recommendations.iter().any(|r| r.label == "9.9" && r.is_new));
    assert!(plan.not_in_tracker.contains(&"5.6".to_string()));

    let mut editor = Editor::new(session.clone(), true);
    editor.apply(plan.command().unwrap(), std::time::Instant::now()).unwrap();
    let s = editor.session();
    assert_eq!(s.recommendation_by_label("2.3").unwrap().grade_in(&s.current_cycle), Grade::Green);
    assert_eq!(s.recommendations.len(), 9);
    editor.undo();
    assert_eq!(editor.session(), &session, "one undo step takes the whole import back");
}

#[test]
fn the_mapping_can_be_changed_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(&path, "Ref,Status 2018,Status 2019\nA,Red,Amber\n").unwrap();
    let guessed = tracker::read_tracker(&path, &empty_session(), |_| {}).unwrap();
    assert_eq!(guessed.records[0].status, Some(Grade::Red));
    let chosen = tracker::read_tracker(&path, &empty_session(), |m| {
        m.set_by_header(TrackerField::Status, "Status 2019");
        m.set_by_header(TrackerField::Previous, "Status 2018");
    })
    .unwrap();
    assert_eq!(
        (chosen.records[0].status, chosen.records[0].previous),
        (Some(Grade::Amber), Some(Grade::Red))
    );
}

#[test]
fn a_tracker_without_a_label_column_is_refused_with_its_headers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(&path, "Owner,Status\nMI5,Blue\n").unwrap();
    let err = tracker::read_tracker(&path, &empty_session(), |_| {}).unwrap_err().to_string();
    assert!(err.contains("no column of labels") && err.contains("\"Owner\""), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn csv_parsing_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(table) = tracker::table_from_csv(&bytes, Path::new("fuzz.csv")) {
            let vocabulary = tracker::StatusVocabulary::new(&Default::default());
            let _ = tracker::read_rows(&table, &table.recognise(), &vocabulary);
        }
    }

    #[test]
    fn csv_like_text_never_panics(text in "[A-Za-z0-9 ,;\"\n\t./-]{0,400}") {
        if let Ok(table) = tracker::table_from_csv(text.as_bytes(), Path::new("fuzz.csv")) {
            let vocabulary = tracker::StatusVocabulary::new(&Default::default());
            if let Ok(rows) = tracker::read_rows(&table, &table.recognise(), &vocabulary) {
                let _ = tracker::plan_import(&empty_session(), &rows);
            }
        }
    }

    #[test]
    fn xlsx_parsing_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = tracker::table_from_xlsx(bytes, Path::new("fuzz.xlsx"));
    }

    #[test]
    fn damaged_xlsx_never_panics(cut in 0usize..6000, flip in 0usize..6000) {
        let mut bytes = std::fs::read(fixture("oir_tracker.xlsx")).unwrap();
        if flip < bytes.len() {
            bytes[flip] ^= 0x5a;
        }
        bytes.truncate(cut.max(1));
        let _ = tracker::table_from_xlsx(bytes, Path::new("fuzz.xlsx"));
    }

    #[test]
    fn dates_never_panic(text in "\\PC{0,30}") {
        let _ = tracker::parse_date(&text);
    }
}
