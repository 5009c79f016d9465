//! The reader shows structure from the block model: bold in a bold face, hidden markup,
//! table cells without pipes, list depth, page numbers and "go to page" for paged sources.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stocktake::document::{Block, BlockKind, Format, PageStart, SourceText};
use stocktake::ui::reader::{Reader, ReaderState};

struct Doc {
    source: SourceText,
    reader: ReaderState,
}

fn harness(source: SourceText) -> Harness<'static, Doc> {
    Harness::builder().with_size(egui::vec2(700.0, 400.0)).build_ui_state(
        |ui, doc: &mut Doc| {
            Reader::new("structure", &doc.source, &[]).show(ui, &mut doc.reader);
        },
        Doc { source, reader: ReaderState::new() },
    )
}

fn width_of(h: &Harness<'_, Doc>, offset: usize) -> f32 {
    h.state().reader.char_rect(offset).map_or(0.0, |r| r.width())
}

#[test]
fn bold_text_is_drawn_in_a_bold_face() {
    let text = "wwww **wwww** wwww\n";
    let mut h = harness(SourceText::parse(text.to_owned(), Format::Markdown));
    h.run();
    let plain = width_of(&h, 0);
    let bold = width_of(&h, 7);
    assert!(plain > 0.0 && bold > plain * 1.05, "bold w {bold} vs plain w {plain}");
}

#[test]
fn markup_is_hidden_and_table_cells_are_shown_without_pipes() {
    let text = "# Heading\n\n- item with [a link](https://example.org)\n\n| Rec | Owner |\n|---|---|\n| 1 | Ministry |\n";
    let mut h = harness(SourceText::parse(text.to_owned(), Format::Markdown));
    h.run();
    // Each visible block is an accessibility node labelled with the text as shown.
    h.get_by_label("Heading");
    h.get_by_label("• item with a link");
    assert!(h.query_by_label_contains("|").is_none(), "pipes shown");
    assert!(h.query_by_label_contains("](").is_none(), "link target shown");
    h.get_by_label_contains("Ministry");
}

#[test]
fn nested_list_items_are_indented_by_depth() {
    let text = "- top\n  - nested\n    - deeper\n";
    let mut h = harness(SourceText::parse(text.to_owned(), Format::Markdown));
    h.run();
    let x = |needle: &str| {
        let at = text.find(needle).unwrap_or_default();
        h.state().reader.char_rect(at).map_or(0.0, |r| r.left())
    };
    let (top, nested, deeper) = (x("top"), x("nested"), x("deeper"));
    assert!(top < nested && nested < deeper, "{top} {nested} {deeper}");
}

/// A paged document of `pages` pages, each a heading and a few paragraphs.
fn paged(pages: u32) -> SourceText {
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut starts = Vec::new();
    for p in 1..=pages {
        let start = text.chars().count();
        starts.push(PageStart { number: p, start });
        for k in 0..6 {
            let s = text.chars().count();
            let line = format!("Page {p} paragraph {k} with some words to read.");
            text.push_str(&line);
            let mut b = Block::new(BlockKind::Paragraph, s, s + line.chars().count());
            b.page = Some(p);
            blocks.push(b);
            text.push_str("\n\n");
        }
    }
    SourceText::from_parts(text, blocks, Vec::new(), starts)
}

#[test]
fn page_numbers_are_in_the_margin_and_go_to_page_jumps() {
    let mut h = harness(paged(40));
    h.run();
    h.get_by_label_contains("Page 1 paragraph 0");
    assert_eq!(h.state().reader.page_range(), Some((1, 40)));
    assert_eq!(h.state().reader.current_page(), Some(1));
    h.state_mut().reader.go_to_page(27);
    h.run();
    let target = h.state().source.page_start(27).unwrap_or_default();
    let rect = h.state().reader.char_rect(target).unwrap_or(egui::Rect::NOTHING);
    assert!(rect.is_positive() && rect.top() < 200.0, "page 27 not near the top: {rect:?}");
    // Going to a page the document does not have does nothing.
    h.state_mut().reader.go_to_page(99);
    h.run();
    assert!(h.state().reader.char_rect(target).is_some());
}

#[test]
fn table_columns_are_aligned_from_the_cells() {
    let text = "| Rec | Owner |\n|---|---|\n| 1 | Ministry |\n| 22222222 wide | Home Office |\n";
    let mut h = harness(SourceText::parse(text.to_owned(), Format::Markdown));
    h.run();
    let left = |needle: &str| {
        let at = text.find(needle).unwrap_or_default();
        h.state().reader.char_rect(at).map_or(-1.0, |r| r.left())
    };
    let (owner, ministry, home) = (left("Owner"), left("Ministry"), left("Home Office"));
    assert!(owner > 0.0, "Owner not shown");
    assert!((owner - ministry).abs() < 1.0 && (owner - home).abs() < 1.0, "{owner} {ministry} {home}");
    assert!(home > left("22222222 wide") + 50.0);
}
