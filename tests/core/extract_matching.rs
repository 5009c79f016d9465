//! A report and its response as one review (`match_documents`), and teaching by example
//! (`find_like`, `find_unlike`, `--like`, `--unlike`), in the core and on the command line.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use stocktake::document::{self, SourceText};
use stocktake::extract::matching::{MatchedBy, match_documents};
use stocktake::extract::teach::{find_like, find_unlike, locate};
use stocktake::extract::{Extraction, extract};
use stocktake::model::Stance;

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn load(name: &str) -> (SourceText, Extraction) {
    let doc = document::load(&fixture_path(name)).unwrap_or_else(|e| panic!("{e}"));
    let found = extract(&doc);
    (doc, found)
}

#[test]
fn a_report_and_its_response_match_once_each_and_unanswered_is_marked() {
    let (_, report) = load("pair/report.md");
    let (_, response) = load("pair/response.md");
    assert_eq!(report.recommendations.len(), 4);
    assert_eq!(response.recommendations.len(), 3);
    // The response prints no labels: its positions must not be taken for the report's.
    assert!(response.recommendations.iter().all(|r| !r.printed_label));
    let matched = match_documents(&report, &response);
    assert_eq!(matched.len(), 4, "each recommendation once: {matched:?}");
    let by: Vec<MatchedBy> = matched.iter().map(|m| m.by).collect();
    // 1 is quoted word for word; 2 cites the same report paragraph; 3 is reworded.
    assert_eq!(by, [MatchedBy::Text, MatchedBy::Paragraph, MatchedBy::Text, MatchedBy::Unmatched]);
    assert_eq!(matched.iter().map(|m| m.label.as_str()).collect::<Vec<_>>(), ["1", "2", "3", "4"]);
    // Text from the report, reply from the response.
    assert!(matched[1].text.starts_with("The Department should require councils"));
    let reply = |i: usize| matched[i].reply.as_ref().map_or("", |s| s.text.as_str());
    assert!(reply(0).starts_with("The Government agrees."));
    assert_eq!(matched[1].suggested_stance, Some(Stance::PartiallyAgreed));
    assert_eq!(matched[2].suggested_stance, Some(Stance::Disagreed));
    assert!(matched[3].not_answered());
    assert_eq!(matched[3].suggested_stance, Some(Stance::NotAnswered));
}

#[test]
fn more_like_this_and_not_a_recommendation_from_a_selected_range() {
    let (doc, found) = load("pair/report.md");
    // The reviewer selects the opening words of one recommendation.
    let example =
        locate(&doc, "Operators should offer a single ticket").expect("the words are in the report");
    let like = find_like(&doc, example.clone());
    assert_eq!(like.len(), 4, "every labelled recommendation shares the example's signature");
    let unlike = find_unlike(&doc, &found, example);
    assert_eq!(unlike.len(), 4, "all four look alike: 'not a recommendation' removes them all");
}

fn stocktake() -> Command {
    Command::cargo_bin("stocktake").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn cli_matches_a_report_to_its_response() {
    let out = stocktake()
        .arg("extract")
        .arg(fixture_path("pair/report.md"))
        .arg("--response")
        .arg(fixture_path("pair/response.md"))
        .args(["--format", "json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap_or_default();
    let items = json["recommendations"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 4, "{json}");
    assert_eq!(items[3]["suggested_stance"], "NotAnswered");
}

#[test]
fn cli_like_and_unlike_steer_extraction() {
    let run = |flag: &str, words: &str| {
        let out = stocktake()
            .arg("extract")
            .arg(fixture_path("pair/report.md"))
            .args([flag, words, "--format", "json"])
            .assert()
            .success();
        let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap_or_default();
        json["recommendations"].as_array().map_or(0, Vec::len)
    };
    assert_eq!(run("--like", "The Department should publish a national plan"), 4);
    assert_eq!(run("--unlike", "The Department should publish a national plan"), 0);
    // Words that are not in the document are a usage problem, named in the message.
    stocktake()
        .arg("extract")
        .arg(fixture_path("pair/report.md"))
        .args(["--like", "words nowhere in the report"])
        .assert()
        .failure();
}
