//! The document reader driven through egui_kittest: selection by drag, jumps, find, two
//! readers, and one snapshot.

use egui::{Color32, Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stocktake::document::{Format, SourceText};
use stocktake::ui::reader::{Highlight, HighlightKind, Reader, ReaderState};

/// What a test harness keeps between frames.
struct Doc {
    source: SourceText,
    reader: ReaderState,
    highlights: Vec<Highlight>,
    visible: std::ops::Range<usize>,
}

impl Doc {
    fn new(text: &str) -> Self {
        Doc {
            source: SourceText::parse(text.to_owned(), Format::Text),
            reader: ReaderState::new(),
            highlights: Vec::new(),
            visible: 0..0,
        }
    }
}

fn harness(doc: Doc, size: (f32, f32)) -> Harness<'static, Doc> {
    // Small steps so that two clicks make a double-click.
    Harness::builder().with_size(egui::vec2(size.0, size.1)).with_step_dt(1.0 / 60.0).build_ui_state(
        |ui, doc: &mut Doc| {
            let r = Reader::new("test", &doc.source, &doc.highlights)
                .highlights_generation(1)
                .show(ui, &mut doc.reader);
            doc.visible = r.visible_range;
        },
        doc,
    )
}

/// A point just inside the left / right edge of the glyph at `offset`.
fn glyph_edge(h: &Harness<'_, Doc>, offset: usize, right: bool) -> Pos2 {
    let r = h.state().reader.char_rect(offset).unwrap_or_else(|| panic!("character {offset} not on screen"));
    let x = if right { r.right() - 1.0 } else { r.left() + 1.0 };
    Pos2::new(x, r.center().y)
}

#[test]
fn dragging_from_word_to_word_selects_that_character_range() {
    let text = "Alpha bravo charlie.\n\nDelta echo foxtrot.\n";
    let mut h = harness(Doc::new(text), (600.0, 300.0));
    h.run();
    // From the left half of the "b" of "bravo" to the right half of the last "o" of "echo".
    let from_char = text.find("bravo").unwrap_or_default();
    let echo = text.find("echo").unwrap_or_default();
    let (from, to) = (glyph_edge(&h, from_char, false), glyph_edge(&h, echo + 3, true));
    h.drag_at(from);
    h.run();
    h.hover_at(Pos2::new(from.x + 40.0, (from.y + to.y) / 2.0));
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
    assert_eq!(h.state().reader.selection(), Some(6..32));
    let sel = h.state().reader.selection().unwrap_or_default();
    assert_eq!(h.state().source.slice(sel.start, sel.end), "bravo charlie.\n\nDelta echo");
}

#[test]
fn double_click_selects_a_word_and_shift_click_extends() {
    let text = "Alpha bravo charlie.\n\nDelta echo foxtrot.\n";
    let mut h = harness(Doc::new(text), (600.0, 300.0));
    h.run();
    let p = glyph_edge(&h, 13, false); // inside "charlie"
    h.hover_at(p);
    h.step();
    for _ in 0..2 {
        click(&mut h, p, Modifiers::NONE);
    }
    h.run();
    assert_eq!(h.state().reader.selection(), Some(12..19), "double-click selects 'charlie'");
    let end = glyph_edge(&h, text.find("foxtrot").unwrap_or_default(), false);
    h.run_steps(30); // not a triple click
    h.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
    h.step();
    click(&mut h, end, Modifiers::SHIFT);
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    let sel = h.state().reader.selection();
    assert_eq!(sel.as_ref().map(|r| r.start), Some(12), "anchor kept");
    assert_eq!(sel.map(|r| r.end), text.find("foxtrot"), "extended to the shift-click");
}

/// Press and release the primary button at `pos`, one frame each.
fn click(h: &mut Harness<'_, Doc>, pos: Pos2, modifiers: Modifiers) {
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton { pos, button: egui::PointerButton::Primary, pressed, modifiers });
        h.step();
    }
}

/// `n` paragraphs of varied length, each starting "Paragraph number {i}:".
fn big_document(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!("Paragraph number {i}: "));
        for k in 0..(i * 7 % 60 + 5) {
            s.push_str(["lorem ", "ipsum ", "dolor ", "sit ", "amet "][(i + k) % 5]);
        }
        s.push_str("\n\n");
    }
    s
}

#[test]
fn jump_to_a_far_offset_shows_the_target_in_one_frame() {
    let text = big_document(4000);
    let target = text.find("Paragraph number 3217:").unwrap_or_default();
    let mut h = harness(Doc::new(&text), (700.0, 600.0));
    h.run();
    assert!(h.query_by_label_contains("Paragraph number 3217:").is_none(), "far block is not laid out yet");
    h.state_mut().reader.jump_to(target + 30);
    h.step();
    let node = h.get_by_label_contains("Paragraph number 3217:");
    let viewport = h.state().reader.viewport_rect().unwrap_or(egui::Rect::NOTHING);
    let glyph = h.state().reader.char_rect(target + 30).unwrap_or(egui::Rect::NOTHING);
    assert!(viewport.contains_rect(glyph), "target character {glyph:?} on screen in {viewport:?}");
    let third = viewport.top() + viewport.height() / 3.0;
    assert!((glyph.top() - third).abs() < 4.0, "target at the top third: {} vs {third}", glyph.top());
    assert!(node.rect().intersects(viewport));
    assert!(h.query_by_label_contains("Paragraph number 0:").is_none(), "only visible blocks are laid out");
    // Stays put on the next frames, now that the blocks around it are measured.
    h.run();
    let again = h.state().reader.char_rect(target + 30).unwrap_or(egui::Rect::NOTHING);
    assert!((again.top() - glyph.top()).abs() < 1.0, "no drift: {again:?} vs {glyph:?}");
}

fn seed_000() -> Option<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [root.join("sample-data"), root.join("../shared/seeds")];
    dirs.iter().filter_map(|d| std::fs::read_dir(d).ok()).flatten().flatten().find_map(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        (name.starts_with("000_") && name.ends_with(".txt"))
            .then(|| std::fs::read_to_string(e.path()).ok())
            .flatten()
    })
}

#[test]
fn find_counts_every_match_and_enter_steps_through_them() {
    let Some(text) = seed_000() else { panic!("seed 000 not found in sample-data/ or ../shared/seeds/") };
    let text = stocktake::document::normalise(text.as_bytes()).unwrap_or(text);
    let word = "government";
    let expected = text.to_lowercase().matches(word).count();
    assert!(expected > 20, "the seed mentions the Government often ({expected})");
    let mut h = harness(Doc::new(&text), (800.0, 600.0));
    h.run();
    h.hover_at(Pos2::new(300.0, 300.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(h.state().reader.find_open(), "Ctrl+F opens the find bar");
    h.get_by_label("Find:").type_text(word);
    h.run();
    assert_eq!(h.state().reader.find_match_count(), expected);
    assert!(h.query_by_label_contains(&format!("1 of {expected}")).is_some(), "match count is shown");
    assert_eq!(h.state().reader.find_current(), Some(0));
    let mut seen = Vec::new();
    for step in 1..=3 {
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(h.state().reader.find_current(), Some(step));
        let m = h.state().reader.find_current_range().unwrap_or_default();
        assert_eq!(text.chars().skip(m.start).take(m.len()).collect::<String>().to_lowercase(), word);
        assert!(
            h.state().visible.contains(&m.start),
            "current match {m:?} scrolled into view {:?}",
            h.state().visible
        );
        seen.push(m.start);
    }
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "matches visited in document order");
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run();
    assert_eq!(h.state().reader.find_current(), Some(2), "Shift+Enter goes back");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().reader.find_open(), "Esc closes the find bar");
}

/// Two documents, each with its own reader state, shown one at a time in the same pane.
struct Two {
    docs: [SourceText; 2],
    states: [ReaderState; 2],
    shown: usize,
}

#[test]
fn each_reader_state_keeps_its_own_scroll_position() {
    let a = SourceText::parse(big_document(600), Format::Text);
    let b = SourceText::parse(big_document(300).replace("Paragraph", "Item"), Format::Text);
    let two = Two { docs: [a, b], states: [ReaderState::new(), ReaderState::new()], shown: 0 };
    let mut h = Harness::builder().with_size(egui::vec2(700.0, 500.0)).build_ui_state(
        |ui, t: &mut Two| {
            let i = t.shown;
            Reader::new(("pane", i), &t.docs[i], &[]).show(ui, &mut t.states[i]);
        },
        two,
    );
    h.run();
    let target_a = h.state().docs[0].text.find("Paragraph number 400:").unwrap_or_default();
    h.state_mut().states[0].jump_to(target_a);
    h.run();
    let offset_a = h.state().states[0].scroll_offset();
    assert!(offset_a > 1000.0, "reader A scrolled ({offset_a})");
    h.state_mut().shown = 1;
    h.run();
    assert_eq!(h.state().states[1].scroll_offset(), 0.0, "reader B starts at the top");
    let target_b = h.state().docs[1].text.find("Item number 120:").unwrap_or_default();
    h.state_mut().states[1].jump_to(target_b);
    h.run();
    let offset_b = h.state().states[1].scroll_offset();
    assert!(offset_b > 500.0 && (offset_b - offset_a).abs() > 100.0, "B scrolled elsewhere ({offset_b})");
    h.state_mut().shown = 0;
    h.run();
    assert!((h.state().states[0].scroll_offset() - offset_a).abs() < 1.0, "A kept its position");
    assert!(h.query_by_label_contains("Paragraph number 400:").is_some());
    h.state_mut().shown = 1;
    h.run();
    assert!((h.state().states[1].scroll_offset() - offset_b).abs() < 1.0, "B kept its position");
    assert!(h.query_by_label_contains("Item number 120:").is_some());
}

/// Two readers on one frame, side by side, must not share ids or scroll positions.
#[test]
fn two_readers_side_by_side_scroll_independently() {
    let docs = [
        SourceText::parse(big_document(500), Format::Text),
        SourceText::parse(big_document(500), Format::Text),
    ];
    let two = Two { docs, states: [ReaderState::new(), ReaderState::new()], shown: 0 };
    let mut h = Harness::builder().with_size(egui::vec2(1000.0, 500.0)).build_ui_state(
        |ui, t: &mut Two| {
            let (left, right) = t.states.split_at_mut(1);
            ui.columns(2, |cols| {
                Reader::new("left", &t.docs[0], &[]).show(&mut cols[0], &mut left[0]);
                Reader::new("right", &t.docs[1], &[]).show(&mut cols[1], &mut right[0]);
            });
        },
        two,
    );
    h.run();
    let target = h.state().docs[1].text.find("Paragraph number 300:").unwrap_or_default();
    h.state_mut().states[1].jump_to(target);
    h.run();
    assert_eq!(h.state().states[0].scroll_offset(), 0.0);
    assert!(h.state().states[1].scroll_offset() > 1000.0);
    // The left reader still shows its first paragraph, the right one paragraph 300.
    assert!(h.query_by_label_contains("Paragraph number 0:").is_some());
    assert!(h.query_by_label_contains("Paragraph number 300:").is_some());
}

#[test]
fn snapshot_reader_highlights() {
    let text = "# Implementation stock-take\n\n\
        ## 4.4 The tracker\n\n\
        - 4.4 Every recommendation has an **owner**, a Blue/Green/Amber/Red status and a short *narrative*.\n\n\
        > The Government agrees with this recommendation and will report progress annually.\n\n\
        The summary reads \"85% complete (63%) or on track (22%)\". Progress on data-sharing has been delayed \
        while officials work up a proposal for ministerial approval.\n\n\
        ¹ Footnote: figures as of 24 January 2019.\n";
    let mut doc = Doc::new(text);
    doc.source = SourceText::parse(text.to_owned(), Format::Markdown);
    let at = |s: &str| text.find(s).unwrap_or_default();
    doc.highlights = vec![
        Highlight {
            start: at("Every"),
            end: at(" and a short"),
            color: Color32::from_rgba_unmultiplied(40, 160, 70, 60),
            kind: HighlightKind::Recommendation,
        },
        Highlight {
            start: at("The Government"),
            end: at(" annually"),
            color: Color32::from_rgba_unmultiplied(110, 110, 130, 40),
            kind: HighlightKind::Reply,
        },
        Highlight {
            start: at("will report"),
            end: at("annually.") + 9,
            color: Color32::from_rgba_unmultiplied(60, 120, 230, 80),
            kind: HighlightKind::Annotation,
        },
        Highlight {
            start: at("Progress on"),
            end: at(" while"),
            color: Color32::from_rgba_unmultiplied(230, 150, 30, 90),
            kind: HighlightKind::Current,
        },
    ];
    doc.reader.set_selection(Some(at("85%")..at(" Progress")));
    let mut h = harness(doc, (640.0, 420.0));
    h.run();
    h.snapshot("reader_highlights");
}
