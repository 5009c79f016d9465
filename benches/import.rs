//! PDF import against poppler's `pdftotext` on the corpus PDFs (`../shared/corpus/pdf`):
//! per file, our import time and pdftotext's side by side (medians of a few runs), and the
//! word-sequence similarity of the two texts. DESIGN.md: import ≤ 2× pdftotext; issue 9:
//! similarity ≥ 0.97.
//!
//! The similarity, exactly:
//! 1. Reference: `pdftotext FILE OUT` (reading order, no `-layout`), split into pages at
//!    form feeds. On each page the first three and last three non-empty lines are the
//!    edges; an edge line is a header or footer, and is dropped, when it is a bare page
//!    number ("12", "- 14 -", "› 17 ‹", "Page 3", "iv") or when its text, with every run of
//!    digits replaced by `#` and spaces removed, is an edge line on at least three pages.
//! 2. Both texts are split into words at whitespace (Unicode `split_whitespace`).
//! 3. A Myers diff of the two word sequences (the `similar` crate) gives M, the number of
//!    words in equal runs; the similarity is 2·M / (|ours| + |reference|), as Python's
//!    `difflib.SequenceMatcher.ratio` defines it. 1.0 means the same words in the same order.
//!
//! Run with `cargo bench --bench import`; the last line is
//! `pdf_import_ratio median=X similarity_min=Y` (`nan` when pdftotext is absent).

use similar::{Algorithm, DiffOp, capture_diff_slices};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use stocktake::document;

const RUNS: usize = 5;

fn median_ms(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

/// Lines of `page` that are not empty.
fn lines(page: &str) -> Vec<&str> {
    page.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

/// The edge lines of a page: its first and last three non-empty lines.
fn edges<'a>(page: &[&'a str]) -> Vec<&'a str> {
    let n = page.len();
    page.iter().enumerate().filter(|&(i, _)| i < 3 || i + 3 >= n).map(|(_, l)| *l).collect()
}

fn digits_key(line: &str) -> String {
    let mut out = String::new();
    for c in line.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn bare_page_number(line: &str) -> bool {
    let t = line.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let t = t.strip_prefix("page").map_or(t.as_str(), str::trim);
    !t.is_empty()
        && (t.chars().all(|c| c.is_ascii_digit()) && t.len() <= 4 || t.chars().all(|c| "ivxlc".contains(c)))
}

/// pdftotext's text without its header and footer lines (step 1 above).
fn without_furniture(reference: &str) -> String {
    let pages: Vec<Vec<&str>> = reference.split('\u{c}').map(lines).collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        let mut keys: Vec<String> = edges(page).iter().map(|l| digits_key(l)).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    let mut out = String::new();
    for page in &pages {
        let edge = edges(page);
        for line in page {
            let furniture = edge.contains(line)
                && (bare_page_number(line) || counts.get(&digits_key(line)).is_some_and(|&n| n >= 3));
            if !furniture {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Word-sequence similarity of `ours` and `reference` (steps 2 and 3 above).
fn similarity(ours: &str, reference: &str) -> f64 {
    let a: Vec<&str> = ours.split_whitespace().collect();
    let b: Vec<&str> = reference.split_whitespace().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let matched: usize = capture_diff_slices(Algorithm::Myers, &a, &b)
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    2.0 * matched as f64 / (a.len() + b.len()) as f64
}

/// Run pdftotext on `pdf` `RUNS` times: the median time and the text, or None when
/// pdftotext is not installed or fails.
fn pdftotext(pdf: &Path, out: &Path) -> Option<(f64, String)> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let status = Command::new("pdftotext").arg(pdf).arg(out).status().ok()?;
        times.push(t.elapsed());
        if !status.success() {
            return None;
        }
    }
    Some((median_ms(times), std::fs::read_to_string(out).ok()?))
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdf");
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect(),
        Err(e) => {
            println!("skipped: {}: {e}", dir.display());
            println!("pdf_import_ratio median=nan similarity_min=nan");
            return;
        }
    };
    files.sort();
    let scratch = std::env::temp_dir().join(format!("stocktake-bench-pdftotext-{}.txt", std::process::id()));
    let mut ratios = Vec::new();
    let mut similarities = Vec::new();
    println!(
        "{:<20} {:>6} {:>10} {:>14} {:>7} {:>10}",
        "file", "pages", "import_ms", "pdftotext_ms", "ratio", "similarity"
    );
    for pdf in &files {
        let name = pdf.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let mut times = Vec::new();
        let mut doc = None;
        for _ in 0..RUNS {
            let t = Instant::now();
            let loaded = document::load(std::hint::black_box(pdf));
            times.push(t.elapsed());
            doc = Some(loaded);
        }
        let doc = match doc {
            Some(Ok(doc)) => doc,
            Some(Err(e)) => {
                println!("{name}: {e}");
                continue;
            }
            None => continue,
        };
        let ours_ms = median_ms(times);
        match pdftotext(pdf, &scratch) {
            Some((theirs_ms, reference)) => {
                let ratio = ours_ms / theirs_ms;
                let sim = similarity(&doc.text, &without_furniture(&reference));
                ratios.push(ratio);
                similarities.push(sim);
                println!(
                    "{name:<20} {:>6} {ours_ms:>10.1} {theirs_ms:>14.1} {ratio:>7.2} {sim:>10.4}",
                    doc.pages.len()
                );
            }
            None => println!(
                "{name:<20} {:>6} {ours_ms:>10.1} {:>14} {:>7} {:>10}",
                doc.pages.len(),
                "-",
                "-",
                "-"
            ),
        }
    }
    let _ = std::fs::remove_file(&scratch);
    if ratios.is_empty() {
        println!("pdftotext not found: no comparison");
        println!("pdf_import_ratio median=nan similarity_min=nan");
        return;
    }
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    let min = similarities.iter().copied().fold(f64::INFINITY, f64::min);
    println!("pdf_import_ratio median={median:.3} similarity_min={min:.4}");
}
