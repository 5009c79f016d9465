//! From paragraphs to the block model: the text (lines joined into paragraphs, words broken
//! at a line end rejoined, paragraphs separated by a blank line, table cells by a tab), one
//! block per paragraph (table rows with their cells), bold and italic runs, and the
//! character where each page starts.

use super::lines::Line;
use super::paragraphs::Paragraph;
use crate::document::{Block, InlineStyle, PageStart, SourceText, StyleRun};
use std::collections::HashSet;

/// Text being written, with its length in characters.
#[derive(Default)]
struct Writer {
    text: String,
    chars: usize,
}

impl Writer {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }
}

/// Hyphenated words printed whole somewhere in the document ("in-charge", "well-known"):
/// these keep their hyphen when a line break falls at it.
fn hyphenated_words(paragraphs: &[Paragraph]) -> HashSet<String> {
    paragraphs
        .iter()
        .flat_map(|p| &p.lines)
        .flat_map(|l| &l.words)
        .map(|w| bare(&w.text))
        .filter(|w| w.trim_matches('-').contains('-'))
        .collect()
}

/// A word lowercased, without surrounding punctuation.
fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase()
}

/// How a line joins the next one in a paragraph.
enum Join {
    /// With a space.
    Space,
    /// Directly: the hyphen stays ("in-" + "charge").
    KeepHyphen,
    /// Directly, the hyphen removed ("main-" + "tenance").
    DropHyphen,
}

fn join(line: &Line, next: &Line, hyphenated: &HashSet<String>) -> Join {
    let (Some(last), Some(first)) = (line.words.last(), next.words.first()) else { return Join::Space };
    let Some(stem) = last.text.strip_suffix('-') else { return Join::Space };
    if !stem.ends_with(char::is_alphabetic) || !first.text.starts_with(char::is_lowercase) {
        return Join::Space;
    }
    if hyphenated.contains(&bare(&format!("{}{}", last.text, first.text))) {
        Join::KeepHyphen
    } else {
        Join::DropHyphen
    }
}

/// Build the document from its paragraphs; `page_count` pages all get a start.
pub(super) fn assemble(paragraphs: Vec<Paragraph>, page_count: u32) -> SourceText {
    let hyphenated = hyphenated_words(&paragraphs);
    let mut w = Writer::default();
    let mut blocks = Vec::with_capacity(paragraphs.len());
    let mut styles: Vec<StyleRun> = Vec::new();
    let mut pages: Vec<PageStart> = Vec::with_capacity(page_count as usize);
    let mut next_page = 1;
    for p in paragraphs {
        if !blocks.is_empty() {
            w.push("\n\n");
        }
        let start = w.chars;
        let mut content_start = start;
        let mut cells: Vec<(usize, usize)> = Vec::new();
        let mut pending = Join::Space;
        for (li, (line, &page)) in p.lines.iter().zip(&p.pages).enumerate() {
            while next_page <= page {
                pages.push(PageStart { number: next_page, start: w.chars });
                next_page += 1;
            }
            if li > 0 {
                match pending {
                    Join::Space => w.push(" "),
                    Join::KeepHyphen => {}
                    Join::DropHyphen => {
                        w.text.pop();
                        w.chars -= 1;
                        for run in styles.iter_mut().rev().take(2) {
                            run.end = run.end.min(w.chars);
                        }
                    }
                }
            }
            for (i, word) in line.words.iter().enumerate() {
                if line.cells.contains(&i) {
                    if i > 0 {
                        w.push("\t");
                        if let Some(cell) = cells.last_mut() {
                            cell.1 = w.chars - 1;
                        }
                    }
                    cells.push((w.chars, w.chars));
                } else if i > 0 && line.space_before(i) {
                    w.push(" ");
                }
                let word_start = w.chars;
                w.push(&word.text);
                if li == 0 && i == 0 && p.bullet {
                    content_start = w.chars + 1;
                }
                for (on, style) in [(word.bold, InlineStyle::Bold), (word.italic, InlineStyle::Italic)] {
                    if on {
                        add_style(&mut styles, word_start, w.chars, style);
                    }
                }
            }
            if let Some(next) = p.lines.get(li + 1) {
                pending = join(line, next, &hyphenated);
            }
        }
        let end = w.chars;
        if let Some(cell) = cells.last_mut() {
            cell.1 = end;
        }
        blocks.push(Block {
            kind: p.kind,
            start,
            end,
            content_start: content_start.min(end),
            depth: p.depth,
            number: p.number,
            page: Some(p.page),
            cells,
        });
    }
    if !blocks.is_empty() {
        w.push("\n");
    }
    while next_page <= page_count {
        pages.push(PageStart { number: next_page, start: w.chars });
        next_page += 1;
    }
    SourceText::from_parts(w.text, blocks, styles, pages)
}

/// Add a styled range, extending the last run of the same style when only a space or
/// nothing separates them.
fn add_style(styles: &mut Vec<StyleRun>, start: usize, end: usize, style: InlineStyle) {
    if let Some(run) = styles.iter_mut().rev().take(2).find(|r| r.style == style)
        && start <= run.end + 1
        && start >= run.start
    {
        run.end = end;
        return;
    }
    styles.push(StyleRun { start, end, style });
}
