//! The stock-take subcommands driven as a user would: new --tracker, import-tracker, cycle,
//! compare, export, summary and props.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

fn stocktake() -> Command {
    Command::cargo_bin("stocktake").unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/trackers").join(name)
}

/// A session started from the fixture tracker, as of 24 January 2019.
fn tracker_session(dir: &Path) -> PathBuf {
    let out = dir.join("oir.ron");
    stocktake()
        .args(["new", "--tracker"])
        .arg(fixture("oir_tracker.xlsx"))
        .args(["--label", "January 2019", "--as-of", "2019-01-24", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("8 recommendations"));
    out
}

fn json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.assert().success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

#[test]
fn new_from_a_tracker_and_summary_json_has_the_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let session = tracker_session(dir.path());
    let v = json(stocktake().arg("summary").arg(&session).args(["--format", "json"]));
    let sentence = v["sentence"].as_str().unwrap();
    assert!(
        sentence.starts_with("As of 24 January 2019, 50% of the 8 recommendations were complete (25%)"),
        "{sentence}"
    );
    assert_eq!(v["total"], 8, "the old fields are still there");
    assert_eq!(v["cycle"]["label"], "January 2019");
    assert_eq!(v["figures"]["grades"][3]["count"], 2, "two Red");
    assert_eq!(v["figures"]["change"]["from"]["label"], "Previous tracker");
    stocktake()
        .arg("summary")
        .arg(&session)
        .assert()
        .success()
        .stdout(predicate::str::contains("As of 24 January 2019"))
        .stdout(predicate::str::contains("By owner:"));
}

#[test]
fn import_tracker_previews_with_dry_run_then_applies() {
    let dir = tempfile::tempdir().unwrap();
    let session = tracker_session(dir.path());
    let newer = dir.path().join("newer.csv");
    fs::write(&newer, "Ref,RAG,Comment\n2.3,Green,Staff recruited.\n5.6,Red,Still waiting.\n").unwrap();
    let before = fs::read(&session).unwrap();
    stocktake()
        .arg("import-tracker")
        .arg(&session)
        .arg(&newer)
        .arg("--dry-run")
        .assert()
        .success()
        .stdout(predicate::str::contains("~ 2.3 (row 2)"))
        .stdout(predicate::str::contains("Status: Amber → Green"))
        .stdout(predicate::str::contains("Narrative: Some obstacles: staffing. → Staff recruited."))
        .stdout(predicate::str::contains("Dry run"));
    assert_eq!(fs::read(&session).unwrap(), before, "a dry run changes nothing");
    stocktake()
        .arg("import-tracker")
        .arg(&session)
        .arg(&newer)
        .assert()
        .success()
        .stdout(predicate::str::contains("imported (0 added, 2 changed)"));
    let v = json(stocktake().arg("summary").arg(&session).args(["--format", "json"]));
    assert_eq!(v["grades"]["Green"], 3);
}

#[test]
fn import_tracker_reports_bad_rows_and_unknown_statuses() {
    let dir = tempfile::tempdir().unwrap();
    let session = tracker_session(dir.path());
    stocktake()
        .arg("import-tracker")
        .arg(&session)
        .arg(fixture("bad_rows.csv"))
        .arg("--dry-run")
        .assert()
        .success()
        .stdout(predicate::str::contains("Row 3: no label"))
        .stdout(predicate::str::contains("Row 4: \"next spring\""))
        .stdout(predicate::str::contains("Row 5: label \"1.1\" is already on row 2"));
    let before = fs::read(&session).unwrap();
    stocktake()
        .arg("import-tracker")
        .arg(&session)
        .arg(fixture("unknown_status.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("row 3, column \"RAG\" (column C): unknown status \"Purple\""))
        .stderr(predicate::str::contains("allowed (any case): B, Blue, Complete"));
    assert_eq!(fs::read(&session).unwrap(), before);
    stocktake()
        .arg("import-tracker")
        .arg(&session)
        .arg(fixture("oir_tracker.csv"))
        .args(["--map", "colour=RAG"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown field \"colour\""));
}

#[test]
fn a_new_cycle_carries_grades_over_until_confirmed_and_compare_shows_transitions() {
    let dir = tempfile::tempdir().unwrap();
    let session = tracker_session(dir.path());
    stocktake()
        .arg("cycle")
        .arg(&session)
        .args(["--label", "April 2019", "--as-of", "2019-04-24"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "* c3     2019-04-24   April 2019  (8 graded, 8 carried over awaiting confirmation)",
        ));
    // Changing two grades and confirming one leaves five carried over.
    stocktake().arg("set").arg(&session).args(["2.3", "--grade", "Green"]).assert().success();
    stocktake().arg("set").arg(&session).args(["1.2", "--grade", "Amber"]).assert().success();
    stocktake().arg("set").arg(&session).args(["5.6", "--grade", "Red"]).assert().success();
    let v = json(stocktake().arg("summary").arg(&session).args(["--format", "json"]));
    assert_eq!(v["figures"]["carried_over"]["count"], 5);
    let cmp = json(stocktake().arg("compare").arg(&session).args([
        "January 2019",
        "April 2019",
        "--format",
        "json",
    ]));
    let transitions = cmp["transitions"].as_array().unwrap();
    let count = |from: &str, to: &str| {
        transitions
            .iter()
            .find(|t| t["from"] == from && t["to"] == to)
            .map_or(0, |t| t["count"].as_u64().unwrap())
    };
    assert_eq!(count("Amber", "Green"), 1);
    assert_eq!(count("Green", "Amber"), 1);
    assert_eq!(count("Red", "Red"), 2);
    assert_eq!(count("Blue", "Blue"), 2);
    assert_eq!(cmp["movements"]["Improved"][0]["label"], "2.3");
    assert_eq!(cmp["movements"]["Regressed"][0]["label"], "1.2");
    stocktake()
        .arg("compare")
        .arg(&session)
        .args(["c1", "c3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("A Amber          → G Green             1"))
        .stdout(predicate::str::contains("Improved (1): 2.3"));
    stocktake()
        .arg("cycle")
        .arg(&session)
        .arg("--confirm-all")
        .assert()
        .success()
        .stdout(predicate::str::contains("April 2019  (8 graded)"));
    stocktake()
        .arg("compare")
        .arg(&session)
        .args(["c1", "June"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no review cycle \"June\""));
    stocktake()
        .arg("cycle")
        .arg(&session)
        .args(["--label", "April 2019"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already a cycle labelled"));
    stocktake().arg("cycle").arg(&session).args(["--label", "X", "--as-of", "24/01/2019"]).assert().code(2);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn export_writes_every_format_owner_only_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let session = tracker_session(dir.path());
    for (format, name) in [("md", "r.md"), ("html", "r.html"), ("csv", "t.csv"), ("xlsx", "t.xlsx")] {
        let out = dir.path().join(name);
        stocktake().arg("export").arg(&session).args(["--format", format, "-o"]).arg(&out).assert().success();
        #[cfg(unix)]
        assert_eq!(mode(&out), 0o600, "{name}");
        assert!(fs::metadata(&out).unwrap().len() > 100, "{name}");
    }
    let md = fs::read_to_string(dir.path().join("r.md")).unwrap();
    assert!(md.contains("As of 24 January 2019, 50% of the 8 recommendations"));
    assert!(md.contains("### 5.6 Recommendation"));
    let csv = fs::read_to_string(dir.path().join("t.csv")).unwrap();
    assert!(csv.starts_with("Label,Recommendation,Owner,Theme,Stance,Grade,Previous grade,Anticipated grade,Due date,Narrative,Notes,Evidence,Page\n"));
    assert!(csv.contains("\n4.4,Share closed subject-of-interest data with local partners.,MI5/CTP,Data,,Amber,Green,Green,2019-09-30,"));
    // Refuses an existing file without --force, and the session itself always.
    stocktake().arg("export").arg(&session).arg("-o").arg(dir.path().join("t.csv")).assert().code(1);
    stocktake()
        .arg("export")
        .arg(&session)
        .arg("-o")
        .arg(dir.path().join("t.csv"))
        .arg("--force")
        .assert()
        .success();
    stocktake()
        .arg("export")
        .arg(&session)
        .args(["--format", "md", "--force", "-o"])
        .arg(&session)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the session itself"));
    stocktake().arg("export").arg(&session).arg("-o").arg(dir.path().join("r.pdf")).assert().code(1);
}

#[test]
fn an_exported_csv_tracker_imports_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let session = tracker_session(dir.path());
    let csv = dir.path().join("t.csv");
    stocktake().arg("export").arg(&session).arg("-o").arg(&csv).assert().success();
    stocktake()
        .arg("import-tracker")
        .arg(&session)
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 to add, 0 to change, 8 unchanged, 0 rows not read"))
        .stdout(predicate::str::contains("Nothing to change."));
}

#[test]
fn props_shows_and_changes_title_reviewer_documents_and_schemes() {
    let dir = tempfile::tempdir().unwrap();
    let session = tracker_session(dir.path());
    let doc = dir.path().join("report.md");
    fs::write(&doc, "# OIR report\n\n4.4 Share data.\n").unwrap();
    stocktake()
        .arg("props")
        .arg(&session)
        .args(["--title", "OIR stock-take", "--reviewer", "D. Anderson", "--add-doc"])
        .arg(&doc)
        .args(["--grade-name", "Amber=Yellow", "--grade-colour", "Amber=#ffbf00", "--grade-key", "Blue=b"])
        .args(["--stance-key", "Agreed=y"])
        .assert()
        .success()
        .stdout(predicate::str::contains("7 changes saved"))
        .stdout(predicate::str::contains("Reviewer: D. Anderson"))
        .stdout(predicate::str::contains("doc1   Other       report  (report.md)"))
        .stdout(predicate::str::contains("A Yellow        #ffbf00 key 3"))
        .stdout(predicate::str::contains("B Blue          #2f6fd6 key b"));
    stocktake()
        .arg("props")
        .arg(&session)
        .args(["--doc-role", "doc1=report", "--doc-title", "doc1=The report"])
        .assert()
        .success()
        .stdout(predicate::str::contains("doc1   Report      The report"));
    stocktake()
        .arg("props")
        .arg(&session)
        .args(["--grade-colour", "Red=crimson"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not of the form #rrggbb"));
    stocktake()
        .arg("props")
        .arg(&session)
        .args(["--grade-key", "Red=b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already gives the grade Blue"));
    stocktake()
        .arg("props")
        .arg(&session)
        .args(["--remove-doc", "doc1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("report.md").not());
    // The renamed grade is a status spelling now.
    let t = dir.path().join("yellow.csv");
    fs::write(&t, "Ref,RAG\n1.1,yellow\n").unwrap();
    stocktake()
        .arg("import-tracker")
        .arg(&session)
        .arg(&t)
        .arg("--dry-run")
        .assert()
        .success()
        .stdout(predicate::str::contains("Status: Blue → Yellow"));
}

#[test]
fn sessions_written_before_stock_takes_load_and_save_byte_for_byte() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/sample-review.ron");
    let text = fs::read_to_string(&sample).unwrap();
    let session = stocktake::store::load(&sample).unwrap().session;
    assert_eq!(stocktake::store::to_ron(&session).unwrap(), text, "no new field appears in an old file");
}
