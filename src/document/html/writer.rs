//! The rendered text of an HTML page as it is written: blocks separated by blank lines,
//! whitespace collapsed outside `<pre>`, list markers, table rows as `| a | b |` with their
//! cells, and bold/italic/code runs. Offsets are bytes until the draft is finished.

use crate::document::blocks::{Block, BlockKind, InlineStyle};
use crate::document::draft::Draft;

/// The styles an element can switch on, in the order of [`Writer::styles`].
pub(super) const STYLES: [InlineStyle; 3] = [InlineStyle::Bold, InlineStyle::Italic, InlineStyle::Code];

/// What the next block is, decided when its first character arrives.
pub(super) struct BlockSpec {
    pub(super) kind: BlockKind,
    pub(super) depth: u8,
    /// Marker to write first: `- ` for a bullet (hidden), `3. ` for a number (shown).
    pub(super) marker: Option<Marker>,
}

/// A list item's marker.
pub(super) struct Marker {
    /// Text written before the item's content.
    pub(super) text: String,
    /// The number as rendered (None for bullets).
    pub(super) number: Option<Box<str>>,
    /// The marker is shown as written (a number) rather than hidden (a bullet).
    pub(super) shown: bool,
}

/// A style switched on by `depth` open elements since byte `start`.
#[derive(Default, Clone, Copy)]
struct Active {
    depth: u32,
    start: usize,
}

/// The table row being written.
struct Row {
    /// Length of the text before the row (to take it back if every cell is empty).
    undo: usize,
    start: usize,
    cells: Vec<(usize, usize)>,
    /// Start of the cell being written.
    cell: Option<usize>,
}

/// Builds the rendered text, its blocks and its style runs.
#[derive(Default)]
pub(super) struct Writer {
    pub(super) draft: Draft,
    /// The block being written: its start and what it is.
    open: Option<Block>,
    /// The last character written was a space (collapse runs).
    space: bool,
    styles: [Active; 3],
    row: Option<Row>,
}

impl Writer {
    /// A block is being written.
    pub(super) fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// A table row is being written.
    pub(super) fn in_row(&self) -> bool {
        self.row.is_some()
    }

    /// A table cell is being written.
    pub(super) fn in_cell(&self) -> bool {
        self.row.as_ref().is_some_and(|r| r.cell.is_some())
    }

    fn text_len(&self) -> usize {
        self.draft.text.len()
    }

    /// Start a block: a blank line after the previous one, then the marker.
    pub(super) fn start(&mut self, spec: BlockSpec) {
        let text = &mut self.draft.text;
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        let mut block = Block::new(spec.kind, start, start).with_depth(spec.depth);
        if let Some(marker) = spec.marker {
            text.push_str(&marker.text);
            if !marker.shown {
                block.content_start = text.len();
                self.draft.style(start, block.content_start, InlineStyle::Markup);
            }
            block.number = marker.number;
        }
        self.open = Some(block);
        self.restart_styles();
        self.space = true;
    }

    /// Write inline text into the open block, collapsing whitespace unless `pre`. Leading
    /// whitespace of a block is dropped; the caller starts the block.
    pub(super) fn text(&mut self, s: &str, pre: bool) {
        for c in s.chars() {
            if c.is_ascii_whitespace() && !pre {
                if !self.space {
                    self.draft.text.push(' ');
                    self.space = true;
                }
                continue;
            }
            if c.is_ascii_whitespace() && self.draft.text.len() == self.open.as_ref().map_or(0, |b| b.start) {
                continue;
            }
            self.draft.text.push(c);
            self.space = c == ' ' || c == '\n';
        }
    }

    /// `<br>`: a new line in the open block.
    pub(super) fn line_break(&mut self) {
        if self.open.is_some() {
            let trimmed = self.draft.text.trim_end_matches(' ').len();
            self.draft.text.truncate(trimmed);
            self.draft.text.push('\n');
            self.space = true;
        }
    }

    /// Close the open block, if any.
    pub(super) fn flush(&mut self) {
        let Some(mut block) = self.open.take() else { return };
        let end = self.draft.text.trim_end().len().max(block.start);
        self.draft.text.truncate(end);
        self.close_styles(end);
        let content = block.content_start.max(block.start);
        if end > content {
            block.end = end;
            self.draft.blocks.push(block);
        } else {
            // Nothing but a marker: take it back with the blank line before it.
            let undo = if block.start >= 2 { block.start - 2 } else { block.start };
            self.draft.text.truncate(undo);
            self.draft.styles.retain(|r| r.start < undo);
        }
    }

    /// An element switching on style `i` of [`STYLES`] starts.
    pub(super) fn style_start(&mut self, i: usize) {
        let len = self.text_len();
        if let Some(a) = self.styles.get_mut(i) {
            if a.depth == 0 {
                a.start = len;
            }
            a.depth += 1;
        }
    }

    /// An element switching on style `i` ends.
    pub(super) fn style_end(&mut self, i: usize) {
        let len = self.text_len();
        let writing = self.open.is_some() || self.in_cell();
        let Some(a) = self.styles.get_mut(i) else { return };
        a.depth = a.depth.saturating_sub(1);
        if a.depth == 0 && writing && a.start < len {
            let start = a.start;
            self.draft.style(start, len, STYLES[i]);
        }
    }

    /// Runs still switched on start again here (a new block or cell).
    fn restart_styles(&mut self) {
        let len = self.text_len();
        for a in &mut self.styles {
            a.start = len;
        }
    }

    /// Runs still switched on end here (the block or cell ends).
    fn close_styles(&mut self, end: usize) {
        for (i, a) in self.styles.iter_mut().enumerate() {
            if a.depth > 0 && a.start < end {
                self.draft.styles.push(crate::document::blocks::StyleRun {
                    start: a.start,
                    end,
                    style: STYLES[i],
                });
                a.start = end;
            }
        }
    }

    /// Start a table row (`|`).
    pub(super) fn row_start(&mut self) {
        self.flush();
        self.row_end();
        let undo = self.text_len();
        if !self.draft.text.is_empty() {
            self.draft.text.push_str("\n\n");
        }
        let start = self.text_len();
        self.draft.text.push('|');
        self.row = Some(Row { undo, start, cells: Vec::new(), cell: None });
    }

    /// Start a cell of the row being written.
    pub(super) fn cell_start(&mut self) {
        self.cell_end();
        if self.row.is_none() {
            return;
        }
        self.draft.text.push(' ');
        let at = self.text_len();
        if let Some(row) = &mut self.row {
            row.cell = Some(at);
        }
        self.restart_styles();
        self.space = true;
    }

    /// Text inside a cell: whitespace collapsed, leading whitespace dropped.
    pub(super) fn cell_text(&mut self, s: &str) {
        let Some(cell) = self.row.as_ref().and_then(|r| r.cell) else { return };
        for c in s.chars() {
            let at_start = self.draft.text.len() == cell;
            if c.is_ascii_whitespace() || (at_start && c.is_whitespace()) {
                if !self.space && !at_start {
                    self.draft.text.push(' ');
                    self.space = true;
                }
                continue;
            }
            self.draft.text.push(c);
            self.space = false;
        }
    }

    /// End the cell being written, if any.
    pub(super) fn cell_end(&mut self) {
        let Some(cell) = self.row.as_mut().and_then(|r| r.cell.take()) else { return };
        let end = cell + self.draft.text[cell..].trim_end().len();
        self.draft.text.truncate(end);
        self.close_styles(end);
        if let Some(row) = &mut self.row {
            row.cells.push((cell, end));
        }
        self.draft.text.push_str(" |");
    }

    /// End the row being written, if any: a block with its cells, or nothing when every
    /// cell is empty.
    pub(super) fn row_end(&mut self) {
        self.cell_end();
        let Some(row) = self.row.take() else { return };
        if row.cells.iter().all(|&(s, e)| s == e) {
            self.draft.text.truncate(row.undo);
            self.draft.styles.retain(|r| r.start < row.undo);
            return;
        }
        let end = self.text_len();
        let mut from = row.start;
        for &(s, e) in &row.cells {
            self.draft.style(from, s, InlineStyle::Markup);
            from = e;
        }
        self.draft.style(from, end, InlineStyle::Markup);
        let mut block = Block::new(BlockKind::TableRow, row.start, end);
        block.content_start = row.cells.first().map_or(row.start, |c| c.0);
        block.cells = row.cells.into_boxed_slice();
        self.draft.blocks.push(block);
        self.space = true;
    }

    /// Finish the text: close what is open and end with a newline.
    pub(super) fn finish(mut self) -> Draft {
        self.row_end();
        self.flush();
        if !self.draft.text.is_empty() {
            self.draft.text.push('\n');
        }
        self.draft
    }
}
