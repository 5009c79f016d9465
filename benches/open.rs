//! Opening a large document: read + normalise + block-parse + extract, against a bare
//! pulldown-cmark pass over the same text (DESIGN.md: ratio ≤ 3).
//!
//! The document is the 002 seed repeated to about 3 MB, saved as Markdown. Run with
//! `cargo bench --bench open`; the last line is
//! `open_ms median=X baseline_ms median=Y ratio=Z`.

use pulldown_cmark::{Options, Parser};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use stocktake::document;
use stocktake::extract::extract;

const TARGET_BYTES: usize = 3_000_000;
const ITERATIONS: usize = 9;

fn seed_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/002_b1224dcb4b52c01c.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{}: {e}; using a generated stand-in", path.display());
            (1..=200)
                .map(|i| {
                    format!(
                        "- {}.{} Paragraph text with **bold** and a footnote.¹\n\n",
                        i / 10 + 1,
                        i % 10 + 1
                    )
                })
                .collect()
        }
    }
}

fn big_document() -> (PathBuf, String) {
    let seed = seed_text();
    let mut text = String::with_capacity(TARGET_BYTES + seed.len());
    while text.len() < TARGET_BYTES {
        text.push_str(&seed);
        text.push_str("\n\n");
    }
    let path = std::env::temp_dir().join(format!("stocktake-bench-{}.md", std::process::id()));
    if let Err(e) = std::fs::write(&path, &text) {
        eprintln!("cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
    (path, text)
}

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn main() {
    let (path, text) = big_document();
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut open = Vec::new();
    let mut baseline = Vec::new();
    let mut found = (0, 0, 0);
    for _ in 0..ITERATIONS {
        let t = Instant::now();
        let events = Parser::new_ext(std::hint::black_box(&text), options).into_offset_iter().count();
        baseline.push(t.elapsed());
        std::hint::black_box(events);

        let t = Instant::now();
        let doc = match document::load(&path) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let extraction = extract(&doc);
        open.push(t.elapsed());
        found = (doc.blocks.len(), extraction.recommendations.len(), extraction.paragraphs.len());
    }
    let _ = std::fs::remove_file(&path);
    println!(
        "document: {:.1} MB, {} blocks, {} recommendations, {} numbered paragraphs",
        text.len() as f64 / 1e6,
        found.0,
        found.1,
        found.2
    );
    let open_ms = median(open);
    let baseline_ms = median(baseline);
    println!(
        "open_ms median={open_ms:.1} baseline_ms median={baseline_ms:.1} ratio={:.2}",
        open_ms / baseline_ms
    );
}
