//! The reader's keyboard and wheel handling: scrolling keys, the mouse wheel, Ctrl+C and zoom.

use egui::{Key, Modifiers, OutputCommand, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stocktake::document::{Format, SourceText};
use stocktake::ui::reader::{Reader, ReaderState};

struct Doc {
    source: SourceText,
    reader: ReaderState,
}

fn harness(text: String) -> Harness<'static, Doc> {
    let doc = Doc { source: SourceText::parse(text, Format::Text), reader: ReaderState::new() };
    Harness::builder().with_size(egui::vec2(700.0, 500.0)).with_step_dt(1.0 / 60.0).build_ui_state(
        |ui, doc: &mut Doc| {
            Reader::new("keys", &doc.source, &[]).show(ui, &mut doc.reader);
        },
        doc,
    )
}

fn long_text() -> String {
    (0..400).map(|i| format!("Paragraph {i}: some words to read through, line after line.\n\n")).collect()
}

/// Click the text (gives the reader focus) and return where.
fn focus_reader(h: &mut Harness<'_, Doc>) -> Pos2 {
    let p = h.state().reader.char_rect(3).map_or(Pos2::new(100.0, 20.0), |r| r.center());
    h.hover_at(p);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    p
}

#[test]
fn page_down_end_and_home_scroll_the_focused_reader() {
    let mut h = harness(long_text());
    h.run();
    focus_reader(&mut h);
    h.key_press(Key::PageDown);
    h.run();
    let one_page = h.state().reader.scroll_offset();
    let viewport = h.state().reader.viewport_rect().map_or(0.0, |r| r.height());
    assert!(
        one_page > viewport * 0.6 && one_page <= viewport,
        "PageDown scrolls about a page: {one_page} of {viewport}"
    );
    h.key_press(Key::End);
    h.run();
    assert!(h.state().reader.scroll_offset() > 5000.0, "End goes to the end");
    assert!(h.query_by_label_contains("Paragraph 399:").is_some());
    h.key_press(Key::Home);
    h.run();
    assert_eq!(h.state().reader.scroll_offset(), 0.0);
}

#[test]
fn mouse_wheel_scrolls() {
    let mut h = harness(long_text());
    h.run();
    h.hover_at(Pos2::new(300.0, 250.0));
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -300.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run_steps(40); // smooth scrolling takes a few frames
    let offset = h.state().reader.scroll_offset();
    assert!(offset > 100.0, "wheel scrolled the reader ({offset})");
    h.run_steps(10);
    assert!((h.state().reader.scroll_offset() - offset).abs() < 1.0, "and it stays there");
}

#[test]
fn ctrl_c_copies_the_selected_source_text() {
    let text = "Alpha **bravo** charlie.\n\nDelta echo.\n".to_owned();
    let mut h = harness(text);
    h.run();
    focus_reader(&mut h);
    h.state_mut().reader.set_selection(Some(6..27));
    h.step();
    h.event(egui::Event::Copy);
    h.step();
    let copied: Vec<&str> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            OutputCommand::CopyText(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(copied, vec!["**bravo** charlie.\n\nD"]);
}

#[test]
fn ctrl_plus_minus_and_zero_zoom_the_text() {
    let mut h = harness(long_text());
    h.run();
    h.hover_at(Pos2::new(300.0, 250.0));
    let before = h.state().reader.char_rect(0).map_or(0.0, |r| r.height());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    assert!((h.state().reader.zoom() - 1.2).abs() < 1e-4);
    let after = h.state().reader.char_rect(0).map_or(0.0, |r| r.height());
    assert!(after > before * 1.1, "text got bigger: {before} → {after}");
    assert_eq!(h.ctx.zoom_factor(), 1.0, "the reader took the shortcut, not the whole UI");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert!((h.state().reader.zoom() - 1.1).abs() < 1e-4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert_eq!(h.state().reader.zoom(), 1.0);
}
