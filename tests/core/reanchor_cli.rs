//! `stocktake reanchor`, driven as a user would: a document revised under a review, the
//! passages found again, reported as JSON and saved as one change.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn stocktake() -> Command {
    Command::cargo_bin("stocktake").unwrap()
}

const RESPONSE: &str = "isc-international-partnerships-government-response.md";

/// A new session over a copy of the sample response: (session, document).
fn new_session(dir: &Path) -> (PathBuf, PathBuf) {
    let doc = dir.join("response.md");
    fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data").join(RESPONSE), &doc).unwrap();
    let session = dir.join("review.ron");
    stocktake().args(["new", "--doc"]).arg(&doc).arg("-o").arg(&session).assert().success();
    (session, doc)
}

/// `stocktake check` finds every document as the session recorded it.
fn assert_check_sees_no_change(session: &Path) {
    stocktake()
        .arg("check")
        .arg(session)
        .assert()
        .success()
        .stderr(predicate::str::contains("changed").not());
}

fn json_of(cmd: &mut Command) -> Value {
    let out = cmd.assert().success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

/// The sample revised: a preface added, one recommendation's wording edited, and one
/// reply (the one that welcomes a conclusion) deleted whole. Returns the new text and the
/// id of the recommendation whose reply was deleted.
fn revise(text: &str, session: &Path) -> (String, String) {
    let s = stocktake::store::load(session).unwrap().session;
    let (id, reply) = s
        .recommendations
        .iter()
        .find_map(|r| {
            let a = r.response.as_ref()?;
            a.quote
                .exact
                .starts_with("The Government welcomes the Committee’s conclusion.")
                .then(|| (r.id.clone(), a.quote.exact.clone()))
        })
        .unwrap();
    let edited = "The Committee is satisfied that arrangements for ministerial engagement";
    assert!(text.contains(edited) && text.contains(&reply));
    let new = format!("Preface added in the corrected version.\n\n{text}")
        .replacen(edited, "The Committee is content that arrangements for ministerial engagement", 1)
        .replacen(&reply, "", 1);
    (new, id)
}

/// A session whose document was then revised in place: (session, original text,
/// revised text, id of the recommendation whose reply was deleted).
fn revised_session(dir: &Path) -> (PathBuf, String, String, String) {
    let (session, doc) = new_session(dir);
    let original = fs::read_to_string(&doc).unwrap();
    let (revised, id) = revise(&original, &session);
    fs::write(&doc, &revised).unwrap();
    (session, original, revised, id)
}

#[test]
fn a_revised_document_is_reported_exactly_and_saved_as_one_change() {
    let dir = tempfile::tempdir().unwrap();
    let (session, original, revised, _) = revised_session(dir.path());
    let before = fs::read(&session).unwrap();

    let json = json_of(stocktake().arg("reanchor").arg(&session).args(["--dry-run", "--format", "json"]));
    assert_eq!(fs::read(&session).unwrap(), before, "--dry-run wrote the session");
    let counts = &json["counts"];
    let passages = json["passages"].as_array().unwrap();
    let total: u64 =
        ["unchanged", "moved", "approximate", "orphaned"].iter().map(|k| counts[k].as_u64().unwrap()).sum();
    assert_eq!(total as usize, passages.len());
    assert!(counts["moved"].as_u64().unwrap() > 10, "{counts}");
    assert!(counts["approximate"].as_u64().unwrap() >= 1, "{counts}");

    // Every passage moved is the same text in its new place.
    let new_chars: Vec<char> = revised.chars().collect();
    let old_chars: Vec<char> = original.chars().collect();
    for p in passages {
        let keys: Vec<&String> = p.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["how", "id", "kind", "new", "old", "score"], "{p}");
        assert!(["recommendation", "reply", "annotation"].contains(&p["kind"].as_str().unwrap()));
        let old = [p["old"][0].as_u64().unwrap() as usize, p["old"][1].as_u64().unwrap() as usize];
        let score = p["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score), "{p}");
        match p["how"].as_str().unwrap() {
            "moved" => {
                let new = [p["new"][0].as_u64().unwrap() as usize, p["new"][1].as_u64().unwrap() as usize];
                assert_ne!(new, old, "{p}");
                let was: String = old_chars[old[0]..old[1]].iter().collect();
                let now: String = new_chars[new[0]..new[1]].iter().collect();
                assert_eq!(was, now);
            }
            "approximate" => assert!(p["new"].is_array(), "{p}"),
            "orphan" => assert!(p["new"].is_null() && score == 0.0, "{p}"),
            other => panic!("unexpected {other} in {p}"),
        }
    }

    // Saved: the session now matches the new text, so re-anchoring again changes nothing.
    stocktake().arg("reanchor").arg(&session).assert().success().stdout(predicate::str::contains("saved"));
    assert_check_sees_no_change(&session);
    let again = json_of(stocktake().arg("reanchor").arg(&session).args(["--format", "json"]));
    assert_eq!(again["counts"]["unchanged"].as_u64().unwrap() as usize, passages.len());
    assert!(dir.path().join("review.ron.bak").exists(), "saved through the atomic save with a backup");
}

#[test]
fn the_edited_recommendation_is_found_and_the_deleted_reply_is_an_orphan() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _, revised, id) = revised_session(dir.path());
    let json = json_of(stocktake().arg("reanchor").arg(&session).args(["--dry-run", "--format", "json"]));
    let orphans: Vec<&Value> =
        json["passages"].as_array().unwrap().iter().filter(|p| p["how"] == "orphan").collect();
    assert_eq!(orphans.len(), 1, "{json}");
    assert_eq!((orphans[0]["id"].as_str(), orphans[0]["kind"].as_str()), (Some(id.as_str()), Some("reply")));
    // The edited recommendation: found approximately, its new text the edited wording.
    let new_chars: Vec<char> = revised.chars().collect();
    let found: Vec<String> = json["passages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["how"] == "approximate")
        .map(|p| {
            new_chars[p["new"][0].as_u64().unwrap() as usize..p["new"][1].as_u64().unwrap() as usize]
                .iter()
                .collect()
        })
        .collect();
    assert!(found.iter().any(|t| t == "E. The Committee is content that arrangements for ministerial engagement with the Intelligence Community’s international partnerships are mature and proportionate."), "{found:?}");

    let text = stocktake().arg("reanchor").arg(&session).arg("--dry-run").assert().success();
    let text = String::from_utf8(text.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("doc1 (changed): "), "{text}");
    assert!(text.contains(&format!("orphan: reply {id}")), "{text}");
}

#[test]
fn to_reads_another_file_and_records_it() {
    let dir = tempfile::tempdir().unwrap();
    let (session, doc) = new_session(dir.path());
    let (revised, _) = revise(&fs::read_to_string(&doc).unwrap(), &session);
    let corrected = dir.path().join("response-corrected.md");
    fs::write(&corrected, revised).unwrap();
    stocktake().arg("reanchor").arg(&session).arg("--to").arg(&corrected).assert().success();
    let saved = fs::read_to_string(&session).unwrap();
    assert!(saved.contains("path: \"response-corrected.md\""), "{saved}");
    assert_check_sees_no_change(&session);
}

#[test]
fn problems_are_reported_with_the_right_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let (session, doc) = new_session(dir.path());
    let before = fs::read(&session).unwrap();
    stocktake()
        .arg("reanchor")
        .arg(&session)
        .args(["--doc", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no document with id \"nope\""));
    fs::remove_file(&doc).unwrap();
    stocktake()
        .arg("reanchor")
        .arg(&session)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("response.md"));
    stocktake().arg("reanchor").arg(&session).args(["--format", "xml"]).assert().code(2);
    assert_eq!(fs::read(&session).unwrap(), before, "nothing is written on an error");
}
