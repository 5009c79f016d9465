//! `stocktake text`, and DOCX through `extract` and `new`, driven as a user would.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn stocktake() -> Command {
    match Command::cargo_bin("stocktake") {
        Ok(c) => c,
        Err(e) => panic!("stocktake binary: {e}"),
    }
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn json_of(args: &[&str], file: &Path) -> serde_json::Value {
    let out = stocktake().args(args).arg(file).assert().success();
    match serde_json::from_slice(&out.get_output().stdout) {
        Ok(v) => v,
        Err(e) => panic!("not JSON: {e}"),
    }
}

#[test]
fn text_prints_the_normalised_text_unchanged_for_markdown() {
    let file = repo("sample-data/isc-international-partnerships-government-response.md");
    let expected = std::fs::read_to_string(&file).expect("sample").replace("\r\n", "\n");
    let out = stocktake().arg("text").arg(&file).assert().success();
    // The text as read; a final newline is added when the file has none.
    let printed = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(printed == expected || printed == format!("{expected}\n"), "text changed");
}

#[test]
fn text_json_shows_blocks_styles_and_structure() {
    let json = json_of(&["text", "--format", "json"], &repo("tests/fixtures/docx/review.docx"));
    let blocks = json["blocks"].as_array().expect("blocks");
    let first_item = blocks.iter().find(|b| b["kind"] == "list_item").expect("a list item");
    assert_eq!(first_item["number"], "Recommendation 1:");
    assert_eq!(first_item["depth"], 0);
    assert!(first_item["text"].as_str().is_some_and(|t| t.starts_with("Recommendation 1: The Ministry")));
    let heading = &blocks[0];
    assert_eq!((heading["kind"].as_str(), heading["level"].as_u64()), (Some("heading"), Some(1)));
    let row = blocks.iter().rfind(|b| b["kind"] == "table_row").expect("a row");
    assert_eq!(row["cells"].as_array().map(Vec::len), Some(3));
    let footnote = blocks.iter().rfind(|b| b["kind"] == "footnote").expect("a footnote");
    assert_eq!(footnote["number"], "2");
    let styles = json["styles"].as_array().expect("styles");
    assert!(styles.iter().any(|s| s["style"] == "Bold"));
    assert!(json["pages"].as_array().is_some_and(Vec::is_empty));
    // Offsets are characters into `text`.
    let text: Vec<char> = json["text"].as_str().expect("text").chars().collect();
    let (start, end) = (
        first_item["start"].as_u64().unwrap_or(0) as usize,
        first_item["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(text[start..end].iter().collect::<String>(), first_item["text"].as_str().unwrap_or(""));
}

#[test]
fn text_escapes_terminal_control_sequences() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("evil.txt");
    std::fs::write(&file, "Title\u{1b}]0;pwned\u{7} and \u{1b}[31mred\u{9b}2J \u{202e}gnp.exe\n")
        .expect("write");
    let out = stocktake().arg("text").arg(&file).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}') && !stdout.contains('\u{9b}'),
        "{stdout:?}"
    );
    assert!(!stdout.contains('\u{202e}'), "{stdout:?}");
    assert!(stdout.contains("\\u{1b}]0;pwned"), "{stdout:?}");
    let out = stocktake().args(["text", "--format", "json"]).arg(&file).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(!stdout.chars().any(|c| c.is_control() && c != '\n'), "{stdout:?}");
}

#[test]
fn text_reports_bad_files_and_bad_usage() {
    stocktake()
        .args(["text", "no-such-file.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-file.md"));
    stocktake().args(["text", "--format", "xml", "x.md"]).assert().code(2);
    stocktake().args(["text", "/dev/zero"]).assert().code(1).stderr(predicate::str::contains("a device"));
}

#[test]
fn extract_and_new_accept_docx() {
    let docx = repo("tests/fixtures/docx/review.docx");
    stocktake().arg("extract").arg(&docx).assert().success().stdout(predicate::str::contains("review.docx"));
    let dir = tempfile::tempdir().expect("tempdir");
    let session = dir.path().join("review.ron");
    stocktake().args(["new", "--doc"]).arg(&docx).arg("-o").arg(&session).assert().success();
    let saved = std::fs::read_to_string(&session).expect("session written");
    assert!(saved.contains("review.docx"), "{saved}");
}
