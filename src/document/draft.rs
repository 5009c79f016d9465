//! [`Draft`]: a document as an importer builds it, with byte offsets, before it becomes a
//! [`SourceText`] with character offsets.

use super::SourceText;
use super::blocks::{Block, InlineStyle, PageStart, StyleRun};

/// Text plus blocks, styles and page starts whose offsets are *byte* offsets into `text`.
/// Importers write into a draft (byte offsets come for free while building or scanning a
/// string) and [`Draft::finish`] converts every offset to characters in one pass.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    /// The normalised text.
    pub(crate) text: String,
    /// Blocks with byte offsets (start, end, content_start, cells).
    pub(crate) blocks: Vec<Block>,
    /// Style runs with byte offsets.
    pub(crate) styles: Vec<StyleRun>,
    /// Page starts with byte offsets.
    pub(crate) pages: Vec<PageStart>,
}

impl Draft {
    /// An empty draft over `text`.
    pub(crate) fn new(text: String) -> Self {
        Self { text, ..Self::default() }
    }

    /// Room for the blocks of `text`, estimated from its blank lines, so that the block list
    /// does not grow by doubling past what it needs (documents of millions of short
    /// paragraphs).
    pub(crate) fn reserve_blocks(&mut self, text: &str) {
        let separators = memchr_count_blank_lines(text.as_bytes());
        self.blocks.reserve(separators + 1);
    }

    /// Record a style run over bytes `start..end` (ignored when empty).
    pub(crate) fn style(&mut self, start: usize, end: usize, style: InlineStyle) {
        if start < end {
            self.styles.push(StyleRun { start, end, style });
        }
    }

    /// Sort and check the draft (blocks and runs inside the text and on character
    /// boundaries, blocks not overlapping, content starts inside their block) and convert
    /// it into a [`SourceText`].
    pub(crate) fn finish(mut self) -> SourceText {
        let text = &self.text;
        let ok = |i: usize| i <= text.len() && text.is_char_boundary(i);
        self.blocks.retain(|b| b.start < b.end && ok(b.start) && ok(b.end));
        if !self.blocks.is_sorted_by_key(|b| b.start) {
            self.blocks.sort_by_key(|b| b.start);
        }
        let mut last_end = 0;
        self.blocks.retain_mut(|b| {
            if b.start < last_end {
                return false; // overlapping blocks would break `block_at`; keep the first
            }
            last_end = b.end;
            if !ok(b.content_start) || b.content_start < b.start || b.content_start > b.end {
                b.content_start = b.start;
            }
            if b.cells.iter().any(|&(s, e)| !(ok(s) && ok(e) && b.start <= s && s <= e && e <= b.end)) {
                b.cells = Box::default();
            }
            true
        });
        self.styles.retain(|r| r.start < r.end && ok(r.start) && ok(r.end));
        if !self.styles.is_sorted_by_key(|r| r.start) {
            self.styles.sort_by_key(|r| r.start);
        }
        self.pages.retain(|p| ok(p.start));
        if self.blocks.capacity() > self.blocks.len() + self.blocks.len() / 8 + 16 {
            self.blocks.shrink_to_fit();
        }
        SourceText::from_draft(self)
    }
}

/// Number of blank-line separators (`\n\n`) in `bytes`.
fn memchr_count_blank_lines(bytes: &[u8]) -> usize {
    bytes.windows(2).filter(|w| w == b"\n\n").count()
}
