//! Extraction on the two seed documents against their hand-checked ground truth, parsed
//! both as plain text and as Markdown.

use serde_json::Value;
use std::path::{Path, PathBuf};
use stocktake::document::{Format, SourceText, normalise};
use stocktake::extract::{Extraction, extract};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn seed(name: &str, format: Format) -> Extraction {
    let path = shared().join("seeds").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = normalise(&bytes).expect("seed is UTF-8");
    extract(&SourceText::parse(text, format))
}

fn truth(name: &str) -> Value {
    let path = shared().join("ground-truth").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("truth is JSON")
}

/// Whitespace collapsed, curly quotes straightened, Markdown emphasis dropped, lower case.
fn norm(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, '*' | '_'))
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn strs<'a>(v: &'a Value, key: &str, field: &str) -> Vec<&'a str> {
    v[key].as_array().expect("array").iter().map(|x| x[field].as_str().expect("string")).collect()
}

fn check_000(format: Format) {
    let got = seed("000_db51623f5ecc863b.txt", format);
    let want = truth("000_db51623f5ecc863b.truth.json");
    let labels: Vec<&str> = got.recommendations.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, strs(&want, "recommendations", "id"), "labels in order, no extras ({format:?})");
    for (rec, t) in got.recommendations.iter().zip(want["recommendations"].as_array().expect("array")) {
        let opening = norm(t["starts_with"].as_str().expect("string"));
        assert!(norm(&rec.text).starts_with(&opening), "{}: text {:?} ({format:?})", rec.label, rec.text);
    }
    for reply in want["responses"].as_array().expect("array") {
        let opening = norm(reply["starts_with"].as_str().expect("string"));
        let mut ranges = Vec::new();
        for id in reply["to"].as_array().expect("array") {
            let id = id.as_str().expect("string");
            let rec = got.recommendations.iter().find(|r| r.label == id).expect("label found");
            let response = rec.response.as_ref().unwrap_or_else(|| panic!("{id}: no response ({format:?})"));
            assert!(
                norm(&response.text).starts_with(&opening),
                "{id}: response starts {:?}, want {opening:?} ({format:?})",
                &response.text[..response.text.len().min(80)]
            );
            ranges.push((response.start, response.end));
        }
        ranges.dedup();
        assert_eq!(ranges.len(), 1, "a group shares one response range: {:?} ({format:?})", reply["to"]);
    }
}

fn check_002(format: Format) {
    let got = seed("002_b1224dcb4b52c01c.txt", format);
    let want = truth("002_b1224dcb4b52c01c.truth.json");
    assert!(
        got.recommendations.is_empty(),
        "no recommendations in 002 ({format:?}), got {:?}",
        got.recommendations.iter().map(|r| &r.label).collect::<Vec<_>>()
    );
    let labels: Vec<&str> = got.paragraphs.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, strs(&want, "paragraphs", "id"), "numbered paragraphs ({format:?})");
    for (p, t) in got.paragraphs.iter().zip(want["paragraphs"].as_array().expect("array")) {
        assert!(p.start < p.end);
        let _ = t;
    }
}

#[test]
fn seed_000_as_text() {
    check_000(Format::Text);
}

#[test]
fn seed_000_as_markdown() {
    check_000(Format::Markdown);
}

#[test]
fn seed_002_as_text() {
    check_002(Format::Text);
}

#[test]
fn seed_002_as_markdown() {
    check_002(Format::Markdown);
}
