//! One UI frame of the reader on a ~3 MB document with 10,000 highlights: scroll through the
//! whole document in steps, then jump to 200 random offsets, timing each frame's CPU work
//! (`Context::run_ui` + `Context::tessellate`). Run with `cargo bench --bench ui_frame`.
//!
//! Last line: `frame_ms median=X p99=Y max=Z` (targets: median ≤ 2 ms, p99 ≤ 8 ms).

use egui::{Color32, Context, RawInput, Rect, pos2, vec2};
use std::path::PathBuf;
use std::time::Instant;
use stocktake::document::{Format, SourceText, normalise};
use stocktake::ui::reader::{Highlight, HighlightKind, Reader, ReaderState};

/// Size of the window.
const SCREEN: (f32, f32) = (1600.0, 1000.0);
/// Target size of the document in bytes.
const DOC_BYTES: usize = 3_000_000;
/// Points scrolled per frame (a brisk wheel flick; override with `UI_FRAME_STEP`).
const SCROLL_STEP: f32 = 400.0;

/// A fixed-seed linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn seed_text() -> Result<String, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for dir in [root.join("sample-data"), root.join("../shared/seeds")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("002_") && name.ends_with(".txt") {
                let bytes = std::fs::read(e.path()).map_err(|err| format!("{name}: {err}"))?;
                return normalise(&bytes).map_err(|err| format!("{name}: {err:?}"));
            }
        }
    }
    Err("seed 002 not found in sample-data/ or ../shared/seeds/".into())
}

fn highlights(source: &SourceText, rng: &mut Lcg) -> Vec<Highlight> {
    let len = source.char_len();
    let kinds = [HighlightKind::Recommendation, HighlightKind::Reply, HighlightKind::Annotation];
    let colours = [
        Color32::from_rgba_unmultiplied(40, 160, 70, 60),
        Color32::from_rgba_unmultiplied(110, 110, 130, 40),
        Color32::from_rgba_unmultiplied(60, 120, 230, 80),
    ];
    let mut out: Vec<Highlight> = (0..10_000)
        .map(|i| {
            let start = rng.below(len);
            let end = (start + 20 + rng.below(600)).min(len);
            Highlight { start, end, color: colours[i % 3], kind: kinds[i % 3] }
        })
        .collect();
    out.sort_by_key(|h| (h.start, h.end));
    out
}

fn input(time: f64) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(SCREEN.0, SCREEN.1))),
        time: Some(time),
        ..RawInput::default()
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn summary(name: &str, times: &[f64]) -> (f64, f64, f64) {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let (median, p99, max) =
        (percentile(&sorted, 0.5), percentile(&sorted, 0.99), sorted.last().copied().unwrap_or(0.0));
    println!("{name}: frames={} median={median:.3} p99={p99:.3} max={max:.3} ms", times.len());
    (median, p99, max)
}

fn main() -> Result<(), String> {
    let seed = seed_text()?;
    let mut text = String::with_capacity(DOC_BYTES + seed.len());
    while text.len() < DOC_BYTES {
        text.push_str(&seed);
        text.push('\n');
    }
    let t = Instant::now();
    let source = SourceText::parse(text, Format::Text);
    println!(
        "document: {} bytes, {} chars, {} blocks (parsed in {:.0} ms)",
        source.text.len(),
        source.char_len(),
        source.blocks.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut rng = Lcg(0x5eed_2019);
    let highlights = highlights(&source, &mut rng);
    let ctx = Context::default();
    let mut state = ReaderState::new();
    let mut time = 0.0;
    let frame = |state: &mut ReaderState, time: &mut f64| -> f64 {
        *time += 1.0 / 60.0;
        let start = Instant::now();
        let out = ctx.run_ui(input(*time), |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                Reader::new("bench", &source, &highlights).highlights_generation(1).show(ui, state);
            });
        });
        let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
        std::hint::black_box(prims);
        start.elapsed().as_secs_f64() * 1e3
    };
    // Warm up: fonts, glyph atlas, highlight index.
    for _ in 0..5 {
        frame(&mut state, &mut time);
    }
    let step = std::env::var("UI_FRAME_STEP").ok().and_then(|s| s.parse::<f32>().ok()).unwrap_or(SCROLL_STEP);
    let estimated = state.content_height();
    let mut scroll = Vec::new();
    let mut offset = 0.0;
    loop {
        offset += step;
        state.set_scroll_offset(offset);
        scroll.push(frame(&mut state, &mut time));
        if state.scroll_offset() + 1.0 < offset {
            break; // reached the end
        }
    }
    println!(
        "scrolled {:.0} points in steps of {step}; height estimated {estimated:.0}, measured {:.0}",
        state.scroll_offset(),
        state.content_height()
    );
    let mut jumps = Vec::new();
    for _ in 0..200 {
        state.jump_to(rng.below(source.char_len()));
        jumps.push(frame(&mut state, &mut time));
        // The frame after a jump (margin blocks, settling) counts too.
        jumps.push(frame(&mut state, &mut time));
    }
    summary("scroll", &scroll);
    summary("jump", &jumps);
    let all: Vec<f64> = scroll.iter().chain(&jumps).copied().collect();
    let (median, p99, max) = summary("all", &all);
    println!("frame_ms median={median:.2} p99={p99:.2} max={max:.2}");
    Ok(())
}
