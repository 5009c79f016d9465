//! The outline: headings and numbered paragraphs of the stock-take seed, and the panel that
//! jumps the reader.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stocktake::document::{Format, SourceText};
use stocktake::ui::reader::{OutlineEntry, Reader, ReaderState, outline, outline_panel};

fn seed_002() -> Option<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [root.join("sample-data"), root.join("../shared/seeds")];
    dirs.iter().filter_map(|d| std::fs::read_dir(d).ok()).flatten().flatten().find_map(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        (name.starts_with("002_") && name.ends_with(".txt"))
            .then(|| std::fs::read_to_string(e.path()).ok())
            .flatten()
    })
}

struct App {
    source: SourceText,
    entries: Vec<OutlineEntry>,
    reader: ReaderState,
}

#[test]
fn outline_of_the_stock_take_has_its_sections_and_jumps_on_click() {
    let Some(text) = seed_002() else { panic!("seed 002 not found in sample-data/ or ../shared/seeds/") };
    let text = stocktake::document::normalise(text.as_bytes()).unwrap_or(text);
    let source = SourceText::parse(text, Format::Text);
    let entries = outline(&source);
    let labels: Vec<&str> = entries.iter().map(|e| e.label.as_str()).collect();
    // Numbered paragraphs 1.1 … 9.11 and the section titles.
    assert!(labels.iter().any(|l| l.starts_with("1.1 This stock-take")), "{labels:?}");
    assert!(labels.iter().any(|l| l.starts_with("9.11 ")), "{labels:?}");
    assert!(labels.contains(&"4. OVERALL PROGRESS"), "{labels:?}");
    let four_four = entries.iter().find(|e| e.label.starts_with("4.4 ")).cloned();
    let Some(four_four) = four_four else { panic!("no 4.4 in the outline: {labels:?}") };
    assert_eq!(four_four.level, 2);
    assert!(source.text[source.char_to_byte(four_four.start)..].trim_start_matches("- ").starts_with("4.4"));

    let app = App { source, entries, reader: ReaderState::new() };
    let mut h = Harness::builder().with_size(egui::vec2(1100.0, 700.0)).build_ui_state(
        |ui, app: &mut App| {
            egui::Panel::left("outline").default_size(320.0).show(ui, |ui| {
                outline_panel(ui, &app.entries, &mut app.reader);
            });
            egui::CentralPanel::default().show(ui, |ui| {
                Reader::new("doc", &app.source, &[]).show(ui, &mut app.reader);
            });
        },
        app,
    );
    h.run();
    let label = four_four.label.clone();
    // Scroll the outline (it only lays out the rows in view) until the entry shows.
    for _ in 0..60 {
        if h.query_by_label(&label).is_some_and(|n| n.rect().bottom() < 600.0) {
            break;
        }
        h.hover_at(egui::pos2(100.0, 350.0));
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -200.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        h.run_steps(3);
    }
    h.get_by_label(&label).click();
    h.run();
    let start = four_four.start;
    let rect = h.state().reader.char_rect(start + 2).or_else(|| h.state().reader.char_rect(start));
    let viewport = h.state().reader.viewport_rect();
    assert!(
        matches!((rect, viewport), (Some(r), Some(v)) if v.contains_rect(r)),
        "4.4 is on screen after the click: {rect:?} in {viewport:?}"
    );
}
