//! The command line, driven as a user would: exit codes, output, files written.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

fn stocktake() -> Command {
    Command::cargo_bin("stocktake").unwrap()
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data").join(name)
}

const RESPONSE: &str = "isc-international-partnerships-government-response.md";

/// A new session over the sample response, in a temporary folder.
fn new_session(dir: &Path) -> PathBuf {
    let doc = dir.join("response.md");
    fs::copy(sample(RESPONSE), &doc).unwrap();
    let out = dir.join("review.ron");
    stocktake().args(["new", "--doc"]).arg(&doc).arg("-o").arg(&out).assert().success();
    out
}

#[test]
fn extract_json_has_the_documented_shape() {
    let out = stocktake().args(["extract", "--format", "json"]).arg(sample(RESPONSE)).assert().success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(json["document"].as_str().unwrap().ends_with(RESPONSE));
    let recs = json["recommendations"].as_array().unwrap();
    assert_eq!(recs.len(), 51);
    let labels: Vec<&str> = recs.iter().map(|r| r["label"].as_str().unwrap()).collect();
    assert_eq!(&labels[..5], ["A", "C", "D", "B", "E"]);
    for key in ["label", "kind", "start", "end", "text", "response"] {
        assert!(recs[0].get(key).is_some(), "missing {key}");
    }
    // A, C and D are answered by one reply: the same range.
    assert_eq!(recs[0]["response"], recs[2]["response"]);
    assert!(recs[0]["response"]["text"].as_str().unwrap().starts_with("The UK intelligence community"));
    assert!(json["paragraphs"].is_array());
}

#[test]
fn extract_table_lists_labels() {
    stocktake()
        .arg("extract")
        .arg(sample(RESPONSE))
        .assert()
        .success()
        .stdout(predicate::str::contains("51 recommendations"))
        .stdout(predicate::str::contains("\nYY "));
}

#[test]
fn extract_missing_file_is_a_data_error() {
    stocktake()
        .args(["extract", "/nonexistent/doc.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/nonexistent/doc.md"));
}

#[test]
fn extract_invalid_utf8_names_the_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, b"A. Fine text.\n\nThen \xff broken").unwrap();
    stocktake()
        .arg("extract")
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.txt"))
        .stderr(predicate::str::contains("byte offset 20"));
}

#[test]
fn bad_usage_exits_2() {
    stocktake().args(["extract"]).assert().code(2);
    stocktake().args(["summary", "x.ron", "--format", "yaml"]).assert().code(2);
    stocktake().args(["frobnicate", "--now"]).assert().code(2);
}

#[test]
fn new_check_set_summary_work_together() {
    let dir = tempfile::tempdir().unwrap();
    let session = new_session(dir.path());
    let text = fs::read_to_string(&session).unwrap();
    assert!(text.contains("path: \"response.md\""), "document path is relative: {text}");

    stocktake()
        .arg("check")
        .arg(&session)
        .assert()
        .success()
        .stdout(predicate::str::contains("51 recommendations (0 graded)"));

    stocktake()
        .arg("set")
        .arg(&session)
        .args([
            "B",
            "--grade",
            "amber",
            "--stance",
            "noted",
            "--note",
            "Strategy still unpublished",
            "--owner",
            "SIS",
        ])
        .assert()
        .success();
    assert!(session.with_extension("ron.bak").exists(), "set keeps a backup");

    let out = stocktake().args(["summary", "--format", "json"]).arg(&session).assert().success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["total"], 51);
    assert_eq!(json["grades"]["Amber"], 1);
    assert_eq!(json["grades"]["NotAssessed"], 50);
    assert_eq!(json["stances"]["Noted"], 1);

    let loaded = stocktake::store::load(&session).unwrap().session;
    let b = loaded.recommendation_by_label("B").unwrap();
    assert_eq!(b.notes, "Strategy still unpublished");
    assert_eq!(b.owner, "SIS");

    stocktake()
        .arg("summary")
        .arg(&session)
        .assert()
        .success()
        .stdout(predicate::str::contains("51 recommendations"))
        .stdout(predicate::str::contains("Amber"));
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let session = new_session(dir.path());
    let before = fs::read(&session).unwrap();
    stocktake()
        .args(["new", "--doc"])
        .arg(dir.path().join("response.md"))
        .arg("-o")
        .arg(&session)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(fs::read(&session).unwrap(), before);
}

#[test]
fn set_errors_leave_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let session = new_session(dir.path());
    let before = fs::read(&session).unwrap();
    stocktake()
        .arg("set")
        .arg(&session)
        .args(["ZZZ", "--grade", "red"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no recommendation labelled \"ZZZ\""));
    stocktake()
        .arg("set")
        .arg(&session)
        .args(["A", "--grade", "purple"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown grade; use one of Blue, Green, Amber, Red, NotAssessed"));
    stocktake()
        .arg("set")
        .arg(&session)
        .arg("A")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--grade"));
    assert_eq!(fs::read(&session).unwrap(), before);
    assert!(!session.with_extension("ron.bak").exists());
}

#[test]
fn check_reports_a_truncated_session_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let session = new_session(dir.path());
    let text = fs::read_to_string(&session).unwrap();
    fs::write(&session, &text[..text.len() / 2]).unwrap();
    stocktake()
        .arg("check")
        .arg(&session)
        .assert()
        .code(1)
        .stderr(predicate::str::is_match(r"review\.ron:\d+:\d+: ").unwrap());
}

#[test]
fn check_warns_when_a_document_changed() {
    let dir = tempfile::tempdir().unwrap();
    let session = new_session(dir.path());
    fs::write(dir.path().join("response.md"), "Something else entirely.").unwrap();
    stocktake().arg("check").arg(&session).assert().success().stderr(predicate::str::contains("changed"));
}

#[test]
fn check_accepts_the_bundled_sample_session() {
    stocktake()
        .arg("check")
        .arg(sample("sample-review.ron"))
        .assert()
        .success()
        .stdout(predicate::str::contains("ok"))
        .stderr(predicate::str::is_empty());
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    // `stocktake extract FILE | head -1`: the reader goes away after the first line.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("stocktake"))
        .arg("extract")
        .arg(sample(RESPONSE))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn explain_gives_each_item_its_confidence_and_evidence() {
    let out = stocktake()
        .args(["extract", "--format", "json", "--explain"])
        .arg(sample(RESPONSE))
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    for rec in json["recommendations"].as_array().unwrap() {
        let confidence = rec["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence), "{rec}");
        let evidence = rec["evidence"].as_array().unwrap();
        // The lettered run (A, B, C…) is part of what made every item.
        assert!(
            evidence.iter().any(|e| e["feature"] == "label-run" && e["weight"].as_f64().unwrap() > 0.0),
            "{rec}"
        );
    }
}
