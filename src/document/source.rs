//! [`SourceText`]: a document's normalised text with its blocks, styles and pages, and the
//! conversions between character and byte offsets.

use super::blocks::{Block, InlineStyle, PageStart, StyleRun};
use super::index::{CharIndex, Cursor};
use super::{Format, draft::Draft, html, markdown, plain};

/// A document's normalised text and its blocks.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The normalised text all offsets refer to.
    pub text: String,
    /// Blocks in document order, not overlapping.
    pub blocks: Vec<Block>,
    /// Inline styles (bold, italic, code, hidden markup), sorted by start; may nest.
    pub styles: Vec<StyleRun>,
    /// Where each page begins, for paged sources; empty otherwise.
    pub pages: Vec<PageStart>,
    /// Byte range of each block, parallel to `blocks` (empty when the text is too long for
    /// 32-bit offsets; then computed on demand).
    block_bytes: Vec<(u32, u32)>,
    index: CharIndex,
}

impl SourceText {
    /// Split normalised `text` into blocks according to `format`. For HTML the text kept is
    /// the rendered text of the page, not its markup. Formats whose text cannot be recovered
    /// from a string (DOCX) read `text` as plain text: that is what an embedded copy of such a
    /// document holds.
    pub fn parse(text: String, format: Format) -> SourceText {
        match format {
            Format::Markdown => markdown::parse(text).finish(),
            Format::Html => html::render(&text).finish(),
            Format::Text | Format::Docx | Format::Pdf => plain::parse(text).finish(),
        }
    }

    /// A document from parts an importer built itself: blocks (character ranges, in order,
    /// not overlapping), inline styles and page starts. Blocks that overlap an earlier one or
    /// run past the text are dropped.
    pub fn from_parts(
        text: String,
        mut blocks: Vec<Block>,
        mut styles: Vec<StyleRun>,
        pages: Vec<PageStart>,
    ) -> SourceText {
        let index = CharIndex::new(&text);
        let len = index.char_len();
        blocks.sort_by_key(|b| b.start);
        let mut last_end = 0;
        blocks.retain(|b| {
            let keep = b.start >= last_end && b.end <= len && b.end >= b.start;
            if keep {
                last_end = b.end;
            }
            keep
        });
        for b in &mut blocks {
            b.content_start = b.content_start.clamp(b.start, b.end);
        }
        styles.retain(|r| r.end <= len && r.start < r.end);
        styles.sort_by_key(|r| r.start);
        let block_bytes = if u32::try_from(text.len()).is_ok() {
            let mut cursor = CharToByte::default();
            blocks
                .iter()
                .map(|b| {
                    let s = cursor.byte(&index, &text, b.start);
                    let e = cursor.byte(&index, &text, b.end);
                    (s as u32, e as u32)
                })
                .collect()
        } else {
            Vec::new()
        };
        SourceText { text, blocks, styles, pages, block_bytes, index }
    }

    /// A document from a draft whose offsets are bytes: converts every offset to characters
    /// in one pass. Blocks must be sorted and not overlapping (see [`Draft::finish`]).
    pub(super) fn from_draft(draft: Draft) -> SourceText {
        let Draft { text, mut blocks, mut styles, mut pages } = draft;
        let index = CharIndex::new(&text);
        let small = u32::try_from(text.len()).is_ok();
        let mut block_bytes = Vec::with_capacity(if small { blocks.len() } else { 0 });
        let mut cursor = Cursor::default();
        for b in &mut blocks {
            if small {
                block_bytes.push((b.start as u32, b.end as u32));
            }
            b.start = cursor.byte_to_char(&index, &text, b.start);
            b.content_start = cursor.byte_to_char(&index, &text, b.content_start);
            for cell in b.cells.iter_mut() {
                cell.0 = cursor.byte_to_char(&index, &text, cell.0);
                cell.1 = cursor.byte_to_char(&index, &text, cell.1);
            }
            b.end = cursor.byte_to_char(&index, &text, b.end);
        }
        let mut cursor = Cursor::default();
        for r in &mut styles {
            r.start = cursor.byte_to_char(&index, &text, r.start);
            r.end = index.byte_to_char(&text, r.end);
        }
        styles.retain(|r| r.start < r.end);
        let mut cursor = Cursor::default();
        for p in &mut pages {
            p.start = cursor.byte_to_char(&index, &text, p.start);
        }
        SourceText { text, blocks, styles, pages, block_bytes, index }
    }

    /// Length of the text in characters.
    pub fn char_len(&self) -> usize {
        self.index.char_len()
    }

    /// Byte offset of a character offset (clamped to the text's length).
    pub fn char_to_byte(&self, char_offset: usize) -> usize {
        self.index.char_to_byte(&self.text, char_offset)
    }

    /// Character offset of a byte offset (clamped; a byte inside a character maps to it).
    pub fn byte_to_char(&self, byte_offset: usize) -> usize {
        self.index.byte_to_char(&self.text, byte_offset)
    }

    /// The text between two character offsets (clamped, empty when reversed).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let s = self.char_to_byte(start);
        let e = self.char_to_byte(end).max(s);
        &self.text[s..e]
    }

    /// The text of block `i` (empty when out of range).
    pub fn block_text(&self, i: usize) -> &str {
        match self.block_bytes(i) {
            Some((s, e)) => self.text.get(s..e).unwrap_or(""),
            None => "",
        }
    }

    /// The text of block `i` after its marker (from `content_start`; empty when out of range).
    pub fn block_content(&self, i: usize) -> &str {
        match self.blocks.get(i) {
            Some(b) => self.slice(b.content_start, b.end),
            None => "",
        }
    }

    /// Byte range of block `i` in `text`. O(1) while `blocks` is as parsed (the usual
    /// case); computed from the character range if the blocks were replaced.
    pub fn block_bytes(&self, i: usize) -> Option<(usize, usize)> {
        let b = self.blocks.get(i)?;
        if self.block_bytes.len() == self.blocks.len()
            && let Some(&(s, e)) = self.block_bytes.get(i)
        {
            return Some((s as usize, e as usize));
        }
        Some((self.char_to_byte(b.start), self.char_to_byte(b.end)))
    }

    /// Index of the block containing `char_offset`, if any.
    pub fn block_at(&self, char_offset: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.start <= char_offset).checked_sub(1)?;
        (char_offset < self.blocks[i].end).then_some(i)
    }

    /// Bold runs, as character ranges, sorted.
    pub fn strong_ranges(&self) -> Vec<(usize, usize)> {
        self.style_ranges(InlineStyle::Bold)
    }

    /// Runs of one style, as character ranges, sorted by start.
    pub fn style_ranges(&self, style: InlineStyle) -> Vec<(usize, usize)> {
        self.styles.iter().filter(|r| r.style == style).map(|r| (r.start, r.end)).collect()
    }

    /// Style runs that overlap `start..end`, in order of their start. Runs may nest, so a
    /// run that starts long before `start` is found too (the search looks back over the runs
    /// that start before `start` until one of them ends before it could reach).
    pub fn styles_in(&self, start: usize, end: usize) -> impl Iterator<Item = &StyleRun> {
        let first = self.styles.partition_point(|r| r.start < start);
        // Runs starting before `start` that may still cover it: walk back while they do.
        let mut back = first;
        while back > 0 && back + MAX_STYLE_LOOKBACK > first {
            back -= 1;
        }
        self.styles[back..]
            .iter()
            .take_while(move |r| r.start < end)
            .filter(move |r| r.end > start && r.start < end)
    }

    /// The page character `offset` is on, for paged sources.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        let i = self.pages.partition_point(|p| p.start <= offset).checked_sub(1)?;
        Some(self.pages[i].number)
    }

    /// First character of page `number`, for paged sources (None when there is no such page).
    pub fn page_start(&self, number: u32) -> Option<usize> {
        self.pages.iter().find(|p| p.number == number).map(|p| p.start)
    }
}

/// Style runs looked back over for ones that start before a range and still cover it.
/// Runs nest at most a few deep (bold around markup), and a block's runs start near it.
const MAX_STYLE_LOOKBACK: usize = 64;

/// Converts a non-decreasing sequence of character offsets to byte offsets in one pass.
#[derive(Default)]
struct CharToByte {
    chars: usize,
    byte: usize,
}

impl CharToByte {
    fn byte(&mut self, index: &CharIndex, text: &str, char_offset: usize) -> usize {
        if char_offset < self.chars || char_offset - self.chars > 4096 {
            self.byte = index.char_to_byte(text, char_offset);
            self.chars = char_offset.min(index.char_len());
            return self.byte;
        }
        let rest = &text[self.byte..];
        let step = rest.char_indices().nth(char_offset - self.chars).map_or(rest.len(), |(b, _)| b);
        self.byte += step;
        self.chars = char_offset.min(index.char_len());
        self.byte
    }
}
