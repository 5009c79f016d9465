//! Turning the paragraphs and tables of a DOCX story into the normalised text and its
//! blocks: headings from styles and outline levels, list items with Word's numbers written
//! at their start, tables as `| a | b |` rows with cells, quotes, bold and italic runs, and
//! footnotes and endnotes as `Footnote` blocks at the end of the document, in the order they
//! are first cited.

use super::numbering::{Counters, Label, Numbering};
use super::story::{NoteKind, Para, Run, Story};
use super::styles::Styles;
use crate::document::blocks::{Block, BlockKind, InlineStyle};
use crate::document::draft::Draft;
use std::collections::HashMap;

/// Marker written before a bulleted item (hidden by the reader; a glyph is drawn).
const BULLET: &str = "• ";

/// Superscript form of a number, as a note mark.
fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string().bytes().map(|b| DIGITS[usize::from(b - b'0')]).collect()
}

/// Text with its bold and italic runs (byte offsets into the text).
#[derive(Debug, Default)]
pub(super) struct Rich {
    pub(super) text: String,
    pub(super) runs: Vec<Run>,
}

impl Rich {
    /// Append `text` with `runs` relative to it.
    fn push(&mut self, text: &str, runs: &[Run]) {
        let base = self.text.len();
        self.text.push_str(text);
        self.runs.extend(runs.iter().map(|r| Run { start: r.start + base, end: r.end + base, ..*r }));
    }
}

/// A paragraph's text with leading and trailing whitespace removed, runs adjusted.
fn trimmed(para: &Para) -> (&str, Vec<Run>) {
    let lead = para.text.len() - para.text.trim_start().len();
    let text = para.text.trim();
    let runs = para
        .runs
        .iter()
        .filter_map(|r| {
            let start = r.start.saturating_sub(lead).min(text.len());
            let end = r.end.saturating_sub(lead).min(text.len());
            (end > start).then_some(Run { start, end, ..*r })
        })
        .collect();
    (text, runs)
}

/// The notes of a footnotes or endnotes part, by id.
#[derive(Default)]
pub(super) struct Notes {
    notes: HashMap<String, Rich>,
    current: Option<String>,
}

impl Story for Notes {
    fn paragraph(&mut self, para: Para) {
        let Some(id) = &self.current else { return };
        let (text, runs) = trimmed(&para);
        if text.is_empty() {
            return;
        }
        let note = self.notes.entry(id.clone()).or_default();
        if !note.text.is_empty() {
            note.push(" ", &[]);
        }
        note.push(text, &runs);
    }

    fn note_start(&mut self, id: &str) {
        self.current = Some(id.to_owned());
    }

    fn note_end(&mut self) {
        self.current = None;
    }
}

/// Builds the document's draft from its body.
pub(super) struct Composer<'s> {
    styles: &'s Styles,
    numbering: &'s Numbering,
    counters: Counters,
    draft: Draft,
    /// Cells of the table row being read.
    row: Option<Vec<Rich>>,
    /// Notes cited so far, in order, with the number each shows.
    cited: Vec<(NoteKind, String, usize)>,
    /// The number of each note cited.
    numbers: HashMap<(NoteKind, String), usize>,
    counts: [usize; 2],
}

impl<'s> Composer<'s> {
    /// A composer using a document's styles and list definitions.
    pub(super) fn new(styles: &'s Styles, numbering: &'s Numbering) -> Self {
        Self {
            styles,
            numbering,
            counters: Counters::default(),
            draft: Draft::default(),
            row: None,
            cited: Vec::new(),
            numbers: HashMap::new(),
            counts: [0; 2],
        }
    }

    /// Start a block: a blank line after the previous one.
    fn begin(&mut self) -> usize {
        if !self.draft.text.is_empty() {
            self.draft.text.push_str("\n\n");
        }
        self.draft.text.len()
    }

    /// Write `runs` (relative to `base`) as style runs.
    fn write_runs(&mut self, base: usize, runs: &[Run]) {
        for r in runs {
            if r.bold {
                self.draft.style(base + r.start, base + r.end, InlineStyle::Bold);
            }
            if r.italic {
                self.draft.style(base + r.start, base + r.end, InlineStyle::Italic);
            }
        }
    }

    /// The label of a paragraph's numbering, if it is numbered.
    fn label(&mut self, para: &Para, style_num: Option<(u32, u8)>) -> Option<(Label, u8)> {
        let (num_id, level) = match (para.num_id, style_num) {
            (Some(0), _) => return None,
            (Some(id), s) => (id, para.level.or(s.map(|s| s.1)).unwrap_or(0)),
            (None, Some((id, l))) => (id, para.level.unwrap_or(l)),
            (None, None) => return None,
        };
        let label = self.counters.next(self.numbering, num_id, level)?;
        Some((label, level))
    }

    /// Finish: the footnotes and endnotes cited, as `Footnote` blocks at the end.
    pub(super) fn finish(mut self, footnotes: &Notes, endnotes: &Notes) -> Draft {
        self.row_end();
        for (kind, id, n) in std::mem::take(&mut self.cited) {
            let notes = if kind == NoteKind::Footnote { footnotes } else { endnotes };
            let Some(note) = notes.notes.get(&id) else { continue };
            let start = self.begin();
            let mark = format!("{} ", superscript(n));
            self.draft.text.push_str(&mark);
            let content = self.draft.text.len();
            self.draft.text.push_str(&note.text);
            let end = self.draft.text.len();
            self.write_runs(content, &note.runs);
            let block = Block::new(BlockKind::Footnote, start, end)
                .with_content_start(content)
                .with_number(n.to_string());
            self.draft.blocks.push(block);
        }
        if !self.draft.text.is_empty() {
            self.draft.text.push('\n');
        }
        self.draft
    }
}

impl Story for Composer<'_> {
    fn paragraph(&mut self, para: Para) {
        let style = self.styles.get(para.style.as_deref());
        let label = self.label(&para, style.num);
        let (text, runs) = trimmed(&para);
        if text.is_empty() {
            return;
        }
        let prefix = match &label {
            Some((Label::Number(n), _)) => format!("{n} "),
            Some((Label::Bullet, _)) => BULLET.to_owned(),
            None => String::new(),
        };
        if let Some(cell) = self.row.as_mut().and_then(|r| r.last_mut()) {
            if !cell.text.is_empty() {
                cell.push(" ", &[]);
            }
            cell.push(&prefix, &[]);
            cell.push(text, &runs);
            return;
        }
        let heading = para.outline.filter(|&l| l < 9).map(|l| (l + 1).min(6)).or(style.heading);
        let start = self.begin();
        self.draft.text.push_str(&prefix);
        let content = self.draft.text.len();
        self.draft.text.push_str(text);
        let end = self.draft.text.len();
        self.write_runs(content, &runs);
        let block = match (heading, &label) {
            (Some(level), _) => Block::new(BlockKind::Heading { level }, start, end),
            (None, Some((Label::Number(n), level))) => {
                Block::new(BlockKind::ListItem, start, end).with_number(n.as_str()).with_depth(*level)
            }
            (None, Some((Label::Bullet, level))) => {
                Block::new(BlockKind::ListItem, start, end).with_depth(*level)
            }
            (None, None) if style.quote => Block::new(BlockKind::Quote, start, end),
            (None, None) => Block::new(BlockKind::Paragraph, start, end),
        };
        let block = if matches!(label, Some((Label::Bullet, _))) {
            self.draft.style(start, content, InlineStyle::Markup);
            block.with_content_start(content)
        } else {
            block
        };
        self.draft.blocks.push(block);
    }

    fn row_start(&mut self) {
        self.row_end();
        self.row = Some(Vec::new());
    }

    fn cell_start(&mut self) {
        if let Some(row) = &mut self.row {
            row.push(Rich::default());
        }
    }

    fn row_end(&mut self) {
        let Some(cells) = self.row.take() else { return };
        if cells.iter().all(|c| c.text.trim().is_empty()) {
            return;
        }
        let start = self.begin();
        self.draft.text.push('|');
        let mut ranges = Vec::with_capacity(cells.len());
        let mut from = start;
        for cell in &cells {
            self.draft.text.push(' ');
            let s = self.draft.text.len();
            self.draft.style(from, s, InlineStyle::Markup);
            self.draft.text.push_str(cell.text.trim());
            let e = self.draft.text.len();
            let lead = cell.text.len() - cell.text.trim_start().len();
            let runs: Vec<Run> = cell
                .runs
                .iter()
                .filter_map(|r| {
                    let (a, b) =
                        (r.start.saturating_sub(lead).min(e - s), r.end.saturating_sub(lead).min(e - s));
                    (b > a).then_some(Run { start: a, end: b, ..*r })
                })
                .collect();
            self.write_runs(s, &runs);
            ranges.push((s, e));
            from = e;
            self.draft.text.push_str(" |");
        }
        let end = self.draft.text.len();
        self.draft.style(from, end, InlineStyle::Markup);
        let mut block = Block::new(BlockKind::TableRow, start, end);
        block.content_start = ranges.first().map_or(start, |r| r.0);
        block.cells = ranges.into_boxed_slice();
        self.draft.blocks.push(block);
    }

    fn note_reference(&mut self, kind: NoteKind, id: &str) -> String {
        let slot = usize::from(kind == NoteKind::Endnote);
        if let Some(&n) = self.numbers.get(&(kind, id.to_owned())) {
            return superscript(n);
        }
        self.counts[slot] += 1;
        let n = self.counts[slot];
        self.cited.push((kind, id.to_owned(), n));
        self.numbers.insert((kind, id.to_owned()), n);
        superscript(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superscript_numbers() {
        assert_eq!(superscript(12), "¹²");
    }
}
