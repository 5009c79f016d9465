//! From text blocks in reading order to paragraphs with a kind: blocks are cut where the
//! line spacing opens up, where an item marker starts a line, or where a sentence ends on
//! a short line; each paragraph is then judged by its font against the body text
//! (heading, footnote), by its first word (list item) and joined to the one before it when
//! a column or page break cut a sentence.

use super::layout::TextBlock;
use super::lines::Line;
use super::markers::{self, Marker};
use crate::document::BlockKind;
use std::collections::HashMap;

/// A page's blocks in reading order.
pub(super) struct PageBlocks {
    /// Page number from 1.
    pub number: u32,
    /// Page height in points.
    pub height: f32,
    /// Blocks in reading order.
    pub blocks: Vec<TextBlock>,
}

/// One paragraph of the document.
#[derive(Debug, Clone)]
pub(super) struct Paragraph {
    /// Its lines, in reading order (a paragraph may continue on another page).
    pub lines: Vec<Line>,
    /// The page it starts on.
    pub page: u32,
    /// The page of each line.
    pub pages: Vec<u32>,
    /// What it is.
    pub kind: BlockKind,
    /// A list item's number or letter as printed.
    pub number: Option<String>,
    /// Words at the start that are a bullet, not content.
    pub bullet: bool,
    /// Nesting depth of a list item, from its indent.
    pub depth: u8,
}

/// Font size and line pitch of the body text.
struct Body {
    size: f32,
    pitch: f32,
}

/// Split and classify every page's blocks into paragraphs, in reading order.
pub(super) fn paragraphs(pages: Vec<PageBlocks>) -> Vec<Paragraph> {
    let body = body_metrics(&pages);
    let mut out: Vec<Paragraph> = Vec::new();
    for page in pages {
        for block in page.blocks {
            let x0 = block.x0;
            for lines in split_block(block, &body) {
                let p = classify(lines, page.number, page.height, x0, &body);
                match out.last_mut() {
                    Some(prev) if continues(prev, &p) => {
                        prev.lines.extend(p.lines);
                        prev.pages.extend(p.pages);
                    }
                    _ => out.push(p),
                }
            }
        }
    }
    assign_heading_levels(&mut out);
    out
}

/// Round a size to half points, as a map key.
fn half_points(x: f32) -> i32 {
    (x * 2.0).round() as i32
}

/// The body text's font size (the size most characters have) and its line pitch.
fn body_metrics(pages: &[PageBlocks]) -> Body {
    let mut sizes: HashMap<i32, usize> = HashMap::new();
    let mut pitches: HashMap<i32, usize> = HashMap::new();
    for block in pages.iter().flat_map(|p| &p.blocks) {
        for (i, line) in block.lines.iter().enumerate() {
            let chars: usize = line.words.iter().map(|w| w.text.len()).sum();
            *sizes.entry(half_points(line.size)).or_default() += chars;
            if i > 0 {
                *pitches.entry(half_points(line.y - block.lines[i - 1].y)).or_default() += 1;
            }
        }
    }
    let mode =
        |m: &HashMap<i32, usize>| m.iter().max_by_key(|&(k, n)| (*n, -k)).map(|(k, _)| *k as f32 / 2.0);
    let size = mode(&sizes).unwrap_or(10.0).max(1.0);
    let pitch = mode(&pitches).filter(|p| *p > size * 0.9 && *p < size * 2.0).unwrap_or(size * 1.2);
    Body { size, pitch }
}

/// True when `line` ends a sentence.
fn ends_sentence(line: &Line) -> bool {
    line.words.last().is_some_and(|w| w.text.ends_with(['.', '?', '!', ':', ';']))
}

/// Cut a block into paragraphs' lines.
fn split_block(block: TextBlock, body: &Body) -> Vec<Vec<Line>> {
    let pitches: Vec<f32> = block.lines.windows(2).map(|w| w[1].y - w[0].y).collect();
    let reference = if pitches.len() >= 2 {
        pitches.iter().copied().fold(f32::INFINITY, f32::min)
    } else {
        body.pitch * block.lines.first().map_or(1.0, |l| l.size / body.size)
    };
    let width = block.x1 - block.x0;
    let mut out: Vec<Vec<Line>> = Vec::new();
    let mut current: Vec<Line> = Vec::new();
    for line in block.lines {
        if let Some(prev) = current.last() {
            let pitch = line.y - prev.y;
            let text = line.text();
            let gap = pitch > reference * 1.3 + 0.5;
            let marker = markers::leading_marker(&text).is_some();
            let style_change = (prev.bold_share() > 0.9) != (line.bold_share() > 0.9);
            let short_end = ends_sentence(prev)
                && prev.x1 < block.x1 - 0.15 * width
                && line.words.first().is_some_and(|w| w.text.starts_with(|c: char| !c.is_lowercase()));
            let table = !line.cells.is_empty() || !prev.cells.is_empty();
            let footnote = line.size <= body.size * 0.92
                && line.words.len() > 1
                && line
                    .words
                    .first()
                    .is_some_and(|w| w.text.len() <= 3 && w.text.bytes().all(|b| b.is_ascii_digit()));
            if gap || marker || style_change || short_end || table || footnote {
                out.push(std::mem::take(&mut current));
            }
        }
        current.push(line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Decide what a paragraph is from its font, position and first word.
fn classify(lines: Vec<Line>, page: u32, height: f32, block_x0: f32, body: &Body) -> Paragraph {
    let pages = vec![page; lines.len()];
    let mut p =
        Paragraph { lines, page, pages, kind: BlockKind::Paragraph, number: None, bullet: false, depth: 0 };
    let Some(first) = p.lines.first() else { return p };
    let first_text = first.text();
    let size = p.lines.iter().map(|l| l.size).fold(0.0, f32::max);
    let chars: usize =
        p.lines.iter().map(|l| l.words.iter().map(|w| w.text.chars().count() + 1).sum::<usize>()).sum();
    let bold = p.lines.iter().all(|l| l.bold_share() > 0.9);
    let last_char = p.lines.last().and_then(|l| l.words.last()).and_then(|w| w.text.chars().last());
    let starts_upper = first_text.starts_with(|c: char| !c.is_lowercase());
    let heading_font = size >= body.size * 1.15 || (bold && size >= body.size * 0.95);
    let small = size <= body.size * 0.92;
    let first_word = first.words.first().map(|w| w.text.as_str()).unwrap_or("");
    let footnote_number = first_word.len() <= 3
        && first_word.chars().all(|c| c.is_ascii_digit() || "*†‡".contains(c))
        || first_word.starts_with(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']);
    if !first.cells.is_empty() {
        p.kind = BlockKind::TableRow;
    } else if let Some((marker, word)) = markers::leading_marker(&first_text) {
        p.kind = BlockKind::ListItem;
        p.bullet = marker == Marker::Bullet;
        p.number = (marker != Marker::Bullet).then(|| word.to_owned());
        p.depth = ((first.x0 - block_x0) / (3.5 * body.size)).round().clamp(0.0, 5.0) as u8;
        if heading_font && chars <= 80 && !matches!(last_char, Some('.' | ',' | ';' | ':')) && !p.bullet {
            p.kind = BlockKind::Heading { level: 0 };
        }
    } else if small && footnote_number && first.y > height * 0.5 && p.lines.len() <= 12 {
        p.kind = BlockKind::Footnote;
    } else if heading_font
        && p.lines.len() <= 3
        && chars <= 160
        && starts_upper
        && !matches!(last_char, Some('.' | ','))
    {
        p.kind = BlockKind::Heading { level: 0 };
    }
    p
}

/// Whether paragraph `next` carries on `prev`'s sentence across a column or page break.
fn continues(prev: &Paragraph, next: &Paragraph) -> bool {
    let (Some(last), Some(first)) = (prev.lines.last(), next.lines.first()) else { return false };
    let ratio = first.size / last.size;
    matches!(prev.kind, BlockKind::Paragraph | BlockKind::ListItem)
        && next.kind == BlockKind::Paragraph
        && (0.9..1.1).contains(&ratio)
        && !ends_sentence(last)
        && last
            .words
            .last()
            .is_some_and(|w| w.text.ends_with(|c: char| c.is_alphanumeric() || c == ',' || c == '-'))
        && first.words.first().is_some_and(|w| w.text.starts_with(|c: char| c.is_lowercase()))
        && (first.y < last.y - last.size || next.page != prev.page || first.x0 > last.x1)
}

/// Number heading levels by font: the largest heading size is level 1, then down; bold
/// headings at body size come after all larger sizes.
fn assign_heading_levels(paragraphs: &mut [Paragraph]) {
    let size_of = |p: &Paragraph| half_points(p.lines.iter().map(|l| l.size).fold(0.0, f32::max));
    let mut sizes: Vec<i32> =
        paragraphs.iter().filter(|p| matches!(p.kind, BlockKind::Heading { .. })).map(size_of).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes.dedup();
    for p in paragraphs.iter_mut() {
        if let BlockKind::Heading { .. } = p.kind {
            let rank = sizes.iter().position(|&s| s == size_of(p)).unwrap_or(0);
            p.kind = BlockKind::Heading { level: (rank + 1).min(6) as u8 };
        }
    }
}
