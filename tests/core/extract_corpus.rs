//! Extraction measured on the shared corpus of real documents (`../shared/corpus/` and
//! `../shared/corpus/pdf/`), scored exactly as `score_extraction.py` does. Prints every
//! document's figures, then fails only below the targets of issue 10:
//! - mean F1 ≥ 0.95 with no example, and reply pairing ≥ 0.9 of the labelled pairs;
//! - mean F1 ≥ 0.98 with one "more like this" example per document (its first labelled
//!   recommendation);
//! - no more than one false recommendation in all the documents that have none.
//!
//! Skips with a message when `../shared` is absent (a user's clone has none).

use std::path::{Path, PathBuf};
use stocktake::extract::score::{Score, score};
use stocktake::extract::training::{Labelled, load_labelled};
use stocktake::extract::{Guidance, extract, extract_guided, teach};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// The labelled corpus, or None (with a message) when it is not there.
fn corpus() -> Option<Vec<Labelled>> {
    let shared = shared();
    if !shared.join("corpus").is_dir() {
        eprintln!("skipped: {} is absent (the shared corpus is not part of a clone)", shared.display());
        return None;
    }
    let mut docs = Vec::new();
    for folder in [shared.join("corpus"), shared.join("corpus/pdf")] {
        let (found, skipped) = load_labelled(&folder);
        for s in skipped {
            eprintln!("not scored: {s}");
        }
        docs.extend(found);
    }
    Some(docs)
}

/// The example a reviewer would give: the first labelled recommendation's opening words.
fn first_example(doc: &Labelled) -> Guidance {
    let like = doc
        .truth
        .recommendations
        .first()
        .and_then(|t| teach::locate(&doc.doc, &t.starts_with))
        .into_iter()
        .collect();
    Guidance { like, unlike: Vec::new() }
}

fn line(name: &str, s: &Score) -> String {
    let mut l = format!("{name}: precision={:.3} recall={:.3} f1={:.3}", s.precision, s.recall, s.f1);
    if s.replies > 0 {
        l.push_str(&format!(" replies={}/{}", s.replies_right, s.replies));
    }
    if !s.missed.is_empty() {
        l.push_str(&format!(" missed={:?}", s.missed));
    }
    if !s.extra.is_empty() {
        l.push_str(&format!(" extra={:?}", s.extra));
    }
    l
}

#[test]
fn corpus_meets_the_targets() {
    let Some(docs) = corpus() else { return };
    assert!(!docs.is_empty(), "no labelled document could be read");
    let (mut f1, mut like_f1, mut right, mut pairs, mut false_finds) = (0.0, 0.0, 0, 0, 0);
    for d in &docs {
        let plain = score(&d.truth, &extract(&d.doc));
        let guided = score(&d.truth, &extract_guided(&d.doc, &first_example(d)));
        println!("{}", line(&d.name, &plain));
        if guided.f1 != plain.f1 {
            println!("    with one example: {}", line(&d.name, &guided));
        }
        f1 += plain.f1;
        like_f1 += guided.f1;
        right += plain.replies_right;
        pairs += plain.replies;
        if d.truth.recommendations.is_empty() {
            false_finds += plain.extracted;
        }
    }
    let n = docs.len() as f64;
    let (mean, like_mean) = (f1 / n, like_f1 / n);
    let replies = if pairs == 0 { 1.0 } else { right as f64 / pairs as f64 };
    println!(
        "corpus: documents={} mean_f1={mean:.3} replies={right}/{pairs} like_mean_f1={like_mean:.3} false_in_empty={false_finds}",
        docs.len()
    );
    assert!(mean >= 0.95, "mean F1 {mean:.3} below 0.95");
    assert!(replies >= 0.9, "reply pairing {right}/{pairs} below 0.9");
    assert!(like_mean >= 0.98, "mean F1 with one example {like_mean:.3} below 0.98");
    assert!(false_finds <= 1, "{false_finds} false recommendations in documents that have none");
}

/// The weights checked leave-one-document-out: for each labelled document (corpus, PDFs and
/// the two labelled seeds), weights fitted on all the others score it. Prints the shipped,
/// fitted and held-out F1 per document and their means; fails when the held-out mean is
/// below the target. Slow (one fit per document): run with
/// `cargo test --release --test extract_corpus -- --ignored --nocapture`.
#[test]
#[ignore = "fits the model once per document; run on demand"]
fn weights_hold_leave_one_document_out() {
    use stocktake::extract::training::{self, DocumentData, FitOptions, load_seeds};
    let Some(mut docs) = corpus() else { return };
    docs.extend(load_seeds(&shared()));
    let data: Vec<DocumentData> = docs.iter().map(|d| DocumentData::new(&d.name, &d.doc, &d.truth)).collect();
    let options = FitOptions::default();
    let none = Guidance::default();
    let shipped_weights = training::shipped_weights();
    let all: Vec<&DocumentData> = data.iter().collect();
    let fitted_weights = training::fit(&all, options);
    let (mut shipped, mut fitted, mut held_out) = (0.0, 0.0, 0.0);
    for (i, d) in docs.iter().enumerate() {
        let others: Vec<&DocumentData> =
            data.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, x)| x).collect();
        let without = training::fit(&others, options);
        let s = training::score_with(&d.doc, &d.truth, &shipped_weights, &none).f1;
        let f = training::score_with(&d.doc, &d.truth, &fitted_weights, &none).f1;
        let h = training::score_with(&d.doc, &d.truth, &without, &none).f1;
        println!("{:<48} shipped={s:.3} fitted={f:.3} held_out={h:.3}", d.name);
        shipped += s;
        fitted += f;
        held_out += h;
    }
    let n = docs.len() as f64;
    let held_out = held_out / n;
    println!(
        "documents={} mean_f1 shipped={:.3} fitted={:.3} leave_one_out={held_out:.3}",
        docs.len(),
        shipped / n,
        fitted / n
    );
    assert!(held_out >= 0.95, "leave-one-document-out mean F1 {held_out:.3} below 0.95");
}
