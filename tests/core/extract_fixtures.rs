//! Extraction on the hand-labelled fixtures in `tests/fixtures/`: one or more per labelling
//! style, positive and negative. Each `NAME.EXT` has a `NAME.truth.json` in the ground-truth
//! format (`recommendations`, `responses`, optional `paragraphs`), with optional extra
//! checks: per recommendation `kind`, `section`, `paragraph_ref`, `contains`,
//! `not_contains`; per response `stance`, `contains`, `not_contains`; `unanswered` (ids
//! with no reply); `text_includes`/`text_excludes` (the imported text).
//!
//! Matching follows `score_extraction.py`: a truth recommendation is found when an
//! extracted one, taken in document order, contains its opening words.

use serde_json::Value;
use std::path::{Path, PathBuf};
use stocktake::document;
use stocktake::extract::{Extracted, extract};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Whitespace collapsed, curly quotes straightened, Markdown emphasis dropped, lower case.
fn norm(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '#' | '>' | '|' | '\\'))
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn opening_found(text: &str, opening: &str) -> bool {
    let key: String = norm(opening).chars().take(40).collect();
    let text: String = norm(text).chars().take(440).collect();
    !key.is_empty() && text.contains(&key)
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn list(v: &Value, key: &str) -> Vec<Value> {
    v.get(key).and_then(Value::as_array).cloned().unwrap_or_default()
}

/// Scores of one fixture, and the problems found.
#[derive(Default)]
struct Score {
    truth: usize,
    extracted: usize,
    matched: usize,
    pairs: usize,
    pairs_right: usize,
    problems: Vec<String>,
}

fn check_fixture(doc_path: &Path, truth_path: &Path) -> Score {
    let name = doc_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let truth: Value = serde_json::from_str(&std::fs::read_to_string(truth_path).expect("truth readable"))
        .expect("truth JSON");
    let doc = document::load(doc_path).unwrap_or_else(|e| panic!("{e}"));
    let got = extract(&doc);
    let mut score = Score { extracted: got.recommendations.len(), ..Score::default() };
    let mut problem = |p: String| score.problems.push(format!("{name}: {p}"));

    // Recommendations, in order.
    let want = list(&truth, "recommendations");
    let mut matched: Vec<Option<&Extracted>> = Vec::new();
    let mut next = 0;
    for t in &want {
        let opening = str_of(t, "starts_with").expect("starts_with");
        let found =
            (next..got.recommendations.len()).find(|&k| opening_found(&got.recommendations[k].text, opening));
        match found {
            Some(k) => {
                next = k + 1;
                matched.push(Some(&got.recommendations[k]));
            }
            None => {
                problem(format!("missed {:?}: {opening:?}", str_of(t, "id")));
                matched.push(None);
            }
        }
    }
    for r in &got.recommendations {
        if !matched.iter().flatten().any(|m| std::ptr::eq(*m, r)) {
            problem(format!(
                "extra {:?} ({}): {:?}",
                r.label,
                r.rule,
                r.text.chars().take(60).collect::<String>()
            ));
        }
    }
    score.truth = want.len();
    score.matched = matched.iter().flatten().count();

    // Per-recommendation details.
    for (t, m) in want.iter().zip(&matched) {
        let Some(r) = m else { continue };
        let id = str_of(t, "id").unwrap_or("");
        if r.label != id {
            problem(format!("label {:?}, want {id:?}", r.label));
        }
        if let Some(kind) = str_of(t, "kind")
            && r.kind.name() != kind
        {
            problem(format!("{id}: kind {:?}, want {kind}", r.kind));
        }
        if let Some(section) = str_of(t, "section")
            && r.section.as_deref() != Some(section)
        {
            problem(format!("{id}: section {:?}, want {section:?}", r.section));
        }
        if let Some(p) = str_of(t, "paragraph_ref")
            && r.paragraph_ref.as_deref() != Some(p)
        {
            problem(format!("{id}: paragraph_ref {:?}, want {p:?}", r.paragraph_ref));
        }
        if let Some(c) = str_of(t, "contains")
            && !norm(&r.text).contains(&norm(c))
        {
            problem(format!("{id}: text lacks {c:?}: {:?}", r.text));
        }
        if let Some(c) = str_of(t, "not_contains")
            && norm(&r.text).contains(&norm(c))
        {
            problem(format!("{id}: text should not contain {c:?}"));
        }
    }

    // Replies: each id is the earliest matched recommendation with that label not yet
    // answered by an earlier truth reply.
    let mut used = vec![false; want.len()];
    for reply in list(&truth, "responses") {
        let opening = str_of(&reply, "starts_with").expect("starts_with");
        let mut ranges = Vec::new();
        for id in list(&reply, "to") {
            let id = id.as_str().unwrap_or("");
            score.pairs += 1;
            let Some(k) = (0..want.len()).find(|&k| !used[k] && str_of(&want[k], "id") == Some(id)) else {
                problem(format!("truth reply names unknown {id}"));
                continue;
            };
            used[k] = true;
            let Some(r) = matched[k] else { continue };
            let Some(resp) = &r.response else {
                problem(format!("{id}: no reply, want {opening:?}"));
                continue;
            };
            ranges.push((resp.start, resp.end));
            if !norm(&resp.text).starts_with(&norm(opening)) {
                problem(format!(
                    "{id}: reply {:?}, want {opening:?}",
                    resp.text.chars().take(70).collect::<String>()
                ));
                continue;
            }
            score.pairs_right += 1;
            if let Some(stance) = str_of(&reply, "stance")
                && r.suggested_stance.map(|s| format!("{s:?}")).as_deref() != Some(stance)
            {
                problem(format!(
                    "{id}: stance {:?} ({:?}), want {stance}",
                    r.suggested_stance, r.stance_evidence
                ));
            }
            if r.suggested_stance.is_some() && r.stance_evidence.as_deref().is_none_or(str::is_empty) {
                problem(format!("{id}: stance without evidence"));
            }
            if let Some(c) = str_of(&reply, "contains")
                && !norm(&resp.text).contains(&norm(c))
            {
                problem(format!("{id}: reply lacks {c:?}"));
            }
            if let Some(c) = str_of(&reply, "not_contains")
                && norm(&resp.text).contains(&norm(c))
            {
                problem(format!("{id}: reply should not contain {c:?}"));
            }
        }
        ranges.dedup();
        if ranges.len() > 1 {
            problem(format!("group {:?} does not share one reply range", list(&reply, "to")));
        }
    }
    for id in list(&truth, "unanswered") {
        let id = id.as_str().unwrap_or("");
        if let Some(r) = got.recommendations.iter().find(|r| r.label == id)
            && r.response.is_some()
        {
            problem(format!("{id}: should have no reply, got {:?}", r.response.as_ref().map(|s| &s.text)));
        }
    }

    // Numbered paragraphs.
    if truth.get("paragraphs").is_some() {
        let want_p: Vec<String> =
            list(&truth, "paragraphs").iter().filter_map(|p| str_of(p, "id").map(str::to_owned)).collect();
        let got_p: Vec<String> = got.paragraphs.iter().map(|p| p.label.clone()).collect();
        if want_p != got_p {
            problem(format!("paragraphs {got_p:?}, want {want_p:?}"));
        }
    }

    // The imported text.
    for s in list(&truth, "text_includes") {
        let s = s.as_str().unwrap_or("");
        if !doc.text.contains(s) {
            problem(format!("text lacks {s:?}"));
        }
    }
    for s in list(&truth, "text_excludes") {
        let s = s.as_str().unwrap_or("");
        if doc.text.contains(s) {
            problem(format!("text should not contain {s:?}"));
        }
    }
    score
}

fn all_fixtures() -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(fixtures()).expect("fixtures folder") {
        let path = entry.expect("entry").path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.ends_with(".truth.json") {
            continue;
        }
        let stem = name.split('.').next().unwrap_or("");
        let truth = path.with_file_name(format!("{stem}.truth.json"));
        if truth.exists() {
            out.push((path, truth));
        }
    }
    out.sort();
    out
}

#[test]
fn every_fixture_has_a_truth_file() {
    let labelled = all_fixtures();
    assert!(labelled.len() >= 12, "expected at least 12 labelled fixtures, found {}", labelled.len());
    let docs = std::fs::read_dir(fixtures())
        .expect("fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".json"))
        .count();
    assert_eq!(docs, labelled.len(), "every fixture document needs a .truth.json");
}

#[test]
fn precision_and_recall_are_perfect_on_fixtures() {
    let mut total = Score::default();
    for (doc, truth) in all_fixtures() {
        let s = check_fixture(&doc, &truth);
        total.truth += s.truth;
        total.extracted += s.extracted;
        total.matched += s.matched;
        total.pairs += s.pairs;
        total.pairs_right += s.pairs_right;
        total.problems.extend(s.problems);
    }
    let precision = if total.extracted == 0 { 1.0 } else { total.matched as f64 / total.extracted as f64 };
    let recall = if total.truth == 0 { 1.0 } else { total.matched as f64 / total.truth as f64 };
    let replies = if total.pairs == 0 { 1.0 } else { total.pairs_right as f64 / total.pairs as f64 };
    println!(
        "fixtures: precision={precision:.3} recall={recall:.3} replies={replies:.3} ({}/{} recommendations, {} extracted)",
        total.matched, total.truth, total.extracted
    );
    assert!(total.problems.is_empty(), "{} problems:\n{}", total.problems.len(), total.problems.join("\n"));
    assert!(precision >= 1.0 && recall >= 1.0 && replies >= 1.0);
}
