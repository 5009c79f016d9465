//! Saving and loading a large session (DESIGN.md: ≤ 50 ms each, with fsync), and `new` on a
//! large document (issue 8: 5,000 recommendations in ≤ 2 s).
//!
//! The session has 1,000 recommendations and 10,000 annotations anchored into a 3 MB
//! document (the 002 seed repeated, or generated text when the seed is absent). Each save
//! replaces the previous file with the fingerprint check and the backup, as the window and
//! `set` do. Run with `cargo bench --bench store`; the last line is
//! `save_ms median=X load_ms median=Y`.

use std::path::Path;
use std::time::{Duration, Instant};
use stocktake::document::{Format, SourceText};
use stocktake::intake::{anchor_in, new_session, sha256_hex};
use stocktake::model::{Annotation, Document, DocumentRole, Grade, Recommendation, Session, Stance};
use stocktake::store::{self, SaveOptions};

const DOCUMENT_BYTES: usize = 3_000_000;
const RECOMMENDATIONS: usize = 1_000;
const ANNOTATIONS: usize = 10_000;
const ITERATIONS: usize = 15;
const NEW_BYTES: usize = 5_000_000;
const NEW_RECOMMENDATIONS: usize = 5_000;
const NEW_ITERATIONS: usize = 3;

fn seed_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/002_b1224dcb4b52c01c.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{}: {e}; using generated text", path.display());
        (1..=400)
            .map(|i| format!("{}.{} The Agencies reported progress on item {i}.\n\n", i / 10 + 1, i % 10))
            .collect()
    })
}

fn big_text(target: usize) -> String {
    let seed = seed_text();
    let mut text = String::with_capacity(target + seed.len());
    while text.len() < target {
        text.push_str(&seed);
        text.push_str("\n\n");
    }
    text
}

/// A session as a reviewer would leave it after a long stock-take.
fn big_session(source: &SourceText) -> Session {
    let t = jiff::Timestamp::from_second(1_700_000_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let mut s = Session::new("Stock-take of 1,000 recommendations", t);
    s.reviewer = "A. Reviewer".into();
    let len = source.char_len();
    s.documents.push(Document {
        id: "doc1".into(),
        title: "Large report".into(),
        role: DocumentRole::StockTake,
        path: "large.md".into(),
        sha256: sha256_hex(&source.text),
        length: len,
        embedded_text: None,
    });
    let step = len / RECOMMENDATIONS;
    for i in 0..RECOMMENDATIONS {
        let start = i * step;
        let source_anchor = anchor_in("doc1", source, start, start + 300);
        let mut r = Recommendation::new(format!("r{}", i + 1), format!("{}.{}", i / 10 + 1, i % 10 + 1), "");
        r.text = source_anchor.quote.exact.clone();
        r.source = Some(source_anchor);
        r.response = Some(anchor_in("doc1", source, start + 320, start + 700));
        r.grades.insert("c1".into(), Grade::ALL[i % 5]);
        r.stance = Some(Stance::ALL[i % 5]);
        r.owner = format!("Owner {}", i % 12);
        r.theme = format!("Theme {}", i % 7);
        r.notes = format!("Checked against the 2024 update; follow-up {i} pending.");
        r.narrative = "Progress reported, evidence partial.".into();
        s.recommendations.push(r);
    }
    let step = len / ANNOTATIONS;
    for i in 0..ANNOTATIONS {
        let start = i * step;
        s.annotations.push(Annotation {
            id: format!("a{}", i + 1),
            anchor: anchor_in("doc1", source, start, start + 120),
            note: format!("Evidence {i}: the reply cites this passage."),
            colour: "#f2c94c".into(),
            tag: (i % 3 == 0).then(|| "evidence".into()),
            recommendations: vec![format!("r{}", i / 10 + 1)],
            author: "A. Reviewer".into(),
            created: t,
            modified: t,
        });
    }
    s
}

/// A document with `count` labelled recommendations, each followed by its reply, about
/// `bytes` long, in parts of 1,000.
fn document_with_recommendations(count: usize, bytes: usize) -> String {
    let filler = "The Department should set out, with dates and owners, how it will monitor the \
                  programme, report progress to Parliament each year and publish the evidence it relies on. ";
    let per_item = bytes / count;
    let mut text = String::with_capacity(bytes + 4096);
    // Labels restart in each part, as in long reports (and at most three digits each).
    for n in 0..count {
        let i = n % 1000 + 1;
        if i == 1 {
            text.push_str(&format!("# Part {}: conclusions and recommendations\n\n", n / 1000 + 1));
        }
        let start = text.len();
        text.push_str(&format!("Recommendation {i}: "));
        while text.len() - start < per_item * 2 / 3 {
            text.push_str(filler);
        }
        text.push_str("\n\nThe Government agrees with this recommendation and will report on progress.\n\n");
        while text.len() - start < per_item {
            text.push_str("Further detail is given in the annex. ");
        }
        text.push_str("\n\n");
    }
    text
}

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn fail(what: &str, e: impl std::fmt::Display) -> ! {
    eprintln!("{what}: {e}");
    std::process::exit(1)
}

fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail("temporary folder", e));

    // `new` on a large document.
    let doc = dir.path().join("large-response.md");
    std::fs::write(&doc, document_with_recommendations(NEW_RECOMMENDATIONS, NEW_BYTES))
        .unwrap_or_else(|e| fail("writing the document", e));
    let mut new_times = Vec::new();
    let mut found = 0;
    for _ in 0..NEW_ITERATIONS {
        let t = Instant::now();
        let session = new_session(std::slice::from_ref(&doc), jiff::Timestamp::now())
            .unwrap_or_else(|e| fail("new session", e));
        new_times.push(t.elapsed());
        found = session.recommendations.len();
    }
    println!(
        "new: {:.1} MB document, {found} recommendations: new_ms median={:.0} (target ≤ 2000)",
        NEW_BYTES as f64 / 1e6,
        median(new_times)
    );

    // Save and load of a large session.
    let source = SourceText::parse(big_text(DOCUMENT_BYTES), Format::Text);
    let session = big_session(&source);
    let path = dir.path().join("large.ron");
    let mut fingerprint =
        store::save(&session, &path, &SaveOptions::default()).unwrap_or_else(|e| fail("save", e));
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let mut save_times = Vec::new();
    let mut load_times = Vec::new();
    for _ in 0..ITERATIONS {
        let t = Instant::now();
        let loaded = store::load(&path).unwrap_or_else(|e| fail("load", e));
        load_times.push(t.elapsed());
        assert_eq!(loaded.session.annotations.len(), ANNOTATIONS);

        let t = Instant::now();
        let options = SaveOptions { expected: Some(&fingerprint), ..SaveOptions::default() };
        fingerprint = store::save(&loaded.session, &path, &options).unwrap_or_else(|e| fail("save", e));
        save_times.push(t.elapsed());
    }
    println!(
        "session: {RECOMMENDATIONS} recommendations, {ANNOTATIONS} annotations on a {:.1} MB document; file {:.1} MB",
        source.text.len() as f64 / 1e6,
        size as f64 / 1e6
    );
    println!("save_ms median={:.1} load_ms median={:.1}", median(save_times), median(load_times));
}
