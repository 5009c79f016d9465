//! Block styling from the block model: the text of one block with its `Markup` runs hidden,
//! a bullet or the rendered number in place of a list item's marker, bold, italic and code
//! from the style runs, table cells side by side, and a map from each displayed character
//! back to its source offset. Nothing here parses Markdown or HTML: the importers did.

use super::fonts::{self, Face};
use crate::document::{BlockKind, InlineStyle, SourceText};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontFamily, FontId, Stroke};

/// Fonts and colours a block is styled with (depends on zoom, theme and fonts only).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Palette {
    /// Body text size in points (zoom included).
    pub size: f32,
    /// Ordinary text.
    pub text: Color32,
    /// Bold text and headings.
    pub strong: Color32,
    /// Footnotes.
    pub weak: Color32,
    /// Inline code background.
    pub code_bg: Color32,
    /// The reader's own bold and italic faces are installed.
    pub faces: bool,
}

/// A block ready for layout: the job and the display → source character map.
pub(crate) struct StyledBlock {
    /// The text to lay out (no wrap width set yet).
    pub job: LayoutJob,
    /// `map[i]` is the source offset (relative to the block start) of display character `i`;
    /// one extra entry at the end holds the block's length.
    pub map: Vec<u32>,
}

/// How a character is shown.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Inline {
    bold: bool,
    italic: bool,
    code: bool,
}

const HIDDEN: u8 = 1;
const BOLD: u8 = 2;
const ITALIC: u8 = 4;
const CODE: u8 = 8;

/// Relative size of headings per level.
fn heading_scale(level: u8) -> f32 {
    match level {
        1 => 1.6,
        2 => 1.35,
        3 => 1.2,
        _ => 1.08,
    }
}

/// Footnotes are shown at this fraction of the body size.
pub(crate) const FOOTNOTE_SCALE: f32 = 0.8;

/// Separator drawn between the cells of a table row.
const CELL_SEPARATOR: &str = "   │   ";

/// Per-character flags (hidden, bold, italic, code) of `len` characters from `start`.
fn flags(source: &SourceText, start: usize, len: usize) -> Vec<u8> {
    let mut flags = vec![0u8; len];
    for r in source.styles_in(start, start + len) {
        let bit = match r.style {
            InlineStyle::Markup => HIDDEN,
            InlineStyle::Bold => BOLD,
            InlineStyle::Italic => ITALIC,
            InlineStyle::Code => CODE,
        };
        let a = r.start.saturating_sub(start).min(len);
        let b = r.end.saturating_sub(start).min(len);
        for f in &mut flags[a..b] {
            *f |= bit;
        }
    }
    flags
}

/// Where a table row's cells go: the x of each column, and the widths of this row's cells
/// and of a space as laid out (see [`cell_texts`]).
pub(crate) struct RowLayout<'a> {
    pub columns: &'a [f32],
    pub widths: &'a [f32],
    pub space: f32,
}

/// The text shown in each cell of table row `index` (markup hidden).
pub(crate) fn cell_texts(source: &SourceText, index: usize) -> Vec<String> {
    let Some(block) = source.blocks.get(index) else { return Vec::new() };
    let chars: Vec<char> = source.slice(block.start, block.end).chars().collect();
    let flags = flags(source, block.start, chars.len());
    block
        .cells
        .iter()
        .map(|&(s, e)| {
            let (a, b) = (
                s.saturating_sub(block.start).min(chars.len()),
                e.saturating_sub(block.start).min(chars.len()),
            );
            (a..b).filter(|&i| flags[i] & HIDDEN == 0).map(|i| chars[i]).collect()
        })
        .collect()
}

/// True when block `index` is the first row of its table (shown bold, as a header).
pub(crate) fn is_header_row(source: &SourceText, index: usize) -> bool {
    index == 0 || source.blocks.get(index - 1).is_none_or(|b| b.kind != BlockKind::TableRow)
}

/// Build the styled text of block `index`; a table row's cells go to `row`'s columns.
pub(crate) fn style_block(
    source: &SourceText,
    index: usize,
    palette: &Palette,
    row: Option<&RowLayout>,
) -> StyledBlock {
    let Some(block) = source.blocks.get(index) else {
        return StyledBlock { job: LayoutJob::default(), map: vec![0] };
    };
    let chars: Vec<char> = source.slice(block.start, block.end).chars().collect();
    let mut flags = flags(source, block.start, chars.len());
    let (size, base_color, base_bold) = match block.kind {
        BlockKind::Heading { level } => (palette.size * heading_scale(level), palette.strong, true),
        BlockKind::Footnote => (palette.size * FOOTNOTE_SCALE, palette.weak, false),
        _ => (palette.size, palette.text, false),
    };
    let base = Inline { bold: base_bold, ..Inline::default() };
    let mut out = Builder::new(palette, size, base_color);
    let marker = block.content_start.saturating_sub(block.start).min(chars.len());
    if block.kind == BlockKind::ListItem && (block.number.is_none() || marker > 0) {
        // The marker as written is replaced by a bullet, or by the number as rendered.
        for f in &mut flags[..marker] {
            *f |= HIDDEN;
        }
        match &block.number {
            None => out.push_all("• ", 0, base),
            Some(n) => {
                out.push_all(n, 0, base);
                out.push(' ', 0, base);
            }
        }
    }
    // Table rows show their cells side by side; pipes and padding are not shown.
    let cells: Vec<(usize, usize)> = block
        .cells
        .iter()
        .map(|&(s, e)| {
            (s.saturating_sub(block.start).min(chars.len()), e.saturating_sub(block.start).min(chars.len()))
        })
        .collect();
    if block.kind == BlockKind::TableRow && !cells.is_empty() {
        let bold_row = is_header_row(source, index);
        for (k, &(a, b)) in cells.iter().enumerate() {
            if k > 0 {
                match row {
                    // One space, then room up to the column's left edge.
                    Some(r) => {
                        let prev_end = r.columns.get(k - 1).copied().unwrap_or(0.0)
                            + r.widths.get(k - 1).copied().unwrap_or(0.0)
                            + r.space;
                        let room = (r.columns.get(k).copied().unwrap_or(prev_end) - prev_end).max(0.0);
                        out.spacer(a, base, room);
                    }
                    None => out.push_all(CELL_SEPARATOR, a, base),
                }
            }
            let row_style = Inline { bold: bold_row, ..base };
            emit(&mut out, &chars, &flags, a, b, row_style, false);
        }
        return out.finish(chars.len());
    }
    let join_lines = should_join_lines(&chars);
    emit(&mut out, &chars, &flags, 0, chars.len(), base, join_lines);
    out.finish(chars.len())
}

/// Push the shown characters of `chars[from..to]` with their styles.
fn emit(
    out: &mut Builder,
    chars: &[char],
    flags: &[u8],
    from: usize,
    to: usize,
    base: Inline,
    join_lines: bool,
) {
    let mut line_start = true;
    for (i, &c) in chars.iter().enumerate().take(to).skip(from) {
        let f = flags.get(i).copied().unwrap_or(0);
        if f & HIDDEN != 0 {
            continue;
        }
        let style = Inline {
            bold: base.bold || f & BOLD != 0,
            italic: base.italic || f & ITALIC != 0,
            code: base.code || f & CODE != 0,
        };
        if c == '\n' {
            out.push(if join_lines { ' ' } else { '\n' }, i, style);
            line_start = true;
            continue;
        }
        // Indentation of continued lines is not shown when lines are joined.
        if join_lines && line_start && (c == ' ' || c == '\t') {
            continue;
        }
        line_start = false;
        out.push(c, i, style);
    }
}

/// Hard-wrapped prose (several long lines) reads better joined into one paragraph.
fn should_join_lines(chars: &[char]) -> bool {
    let lines = chars.iter().filter(|c| **c == '\n').count() + 1;
    lines > 2 && chars.len() / lines >= 50
}

/// Accumulates display text, sections and the offset map.
struct Builder<'p> {
    palette: &'p Palette,
    size: f32,
    color: Color32,
    job: LayoutJob,
    map: Vec<u32>,
    /// The section being written: its style, extra space after each glyph, first byte.
    current: Option<(Inline, f32, usize)>,
}

impl<'p> Builder<'p> {
    fn new(palette: &'p Palette, size: f32, color: Color32) -> Self {
        let job = LayoutJob { break_on_newline: true, ..LayoutJob::default() };
        Self { palette, size, color, job, map: Vec::new(), current: None }
    }

    /// Push characters that are not in the source (a bullet, a rendered number), mapped to
    /// source offset `source`.
    fn push_all(&mut self, s: &str, source: usize, state: Inline) {
        for c in s.chars() {
            self.push(c, source, state);
        }
    }

    /// A space `extra` points wider than usual (the room up to a table column), mapped to
    /// source offset `source`. (egui ignores `leading_space` inside a line; letter spacing on
    /// a one-space section moves what follows by exactly `extra`.)
    fn spacer(&mut self, source: usize, state: Inline, extra: f32) {
        self.flush();
        self.current = Some((state, extra, self.job.text.len()));
        self.job.text.push(' ');
        self.map.push(u32::try_from(source).unwrap_or(u32::MAX));
        self.flush();
    }

    fn push(&mut self, c: char, source: usize, state: Inline) {
        if self.current.as_ref().is_none_or(|(s, extra, _)| *s != state || *extra != 0.0) {
            self.flush();
            self.current = Some((state, 0.0, self.job.text.len()));
        }
        self.job.text.push(c);
        self.map.push(u32::try_from(source).unwrap_or(u32::MAX));
    }

    fn flush(&mut self) {
        let Some((state, extra, start)) = self.current.take() else { return };
        let end = self.job.text.len();
        if end == start {
            return;
        }
        let faces = self.palette.faces;
        let (family, fake_italics) = if state.code {
            (FontFamily::Monospace, state.italic)
        } else if state.bold {
            (fonts::family(Face::Bold, faces), state.italic)
        } else if state.italic {
            (fonts::family(Face::Italic, faces), !faces)
        } else {
            (fonts::family(Face::Regular, faces), false)
        };
        let size = if state.code { self.size * 0.92 } else { self.size };
        let color = if state.bold { self.palette.strong } else { self.color };
        let format = TextFormat {
            font_id: FontId::new(size, family),
            color,
            italics: fake_italics,
            background: if state.code { self.palette.code_bg } else { Color32::TRANSPARENT },
            underline: Stroke::NONE,
            extra_letter_spacing: extra,
            ..TextFormat::default()
        };
        self.job.sections.push(egui::text::LayoutSection {
            leading_space: 0.0,
            byte_range: egui::text::ByteIndex(start)..egui::text::ByteIndex(end),
            format,
        });
    }

    fn finish(mut self, len: usize) -> StyledBlock {
        self.flush();
        self.map.push(u32::try_from(len).unwrap_or(u32::MAX));
        StyledBlock { job: self.job, map: self.map }
    }
}

/// Display index of a source offset relative to the block start (first shown character at
/// or after it).
pub(crate) fn display_index(map: &[u32], rel_source: usize) -> usize {
    let body = &map[..map.len().saturating_sub(1)];
    body.partition_point(|&m| (m as usize) < rel_source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn palette() -> Palette {
        Palette {
            size: 14.0,
            text: Color32::GRAY,
            strong: Color32::WHITE,
            weak: Color32::DARK_GRAY,
            code_bg: Color32::BLACK,
            faces: true,
        }
    }

    fn shown_in(text: &str, format: Format, block: usize) -> (String, Vec<u32>, Vec<FontFamily>) {
        let doc = SourceText::parse(text.to_owned(), format);
        let s = style_block(&doc, block, &palette(), None);
        let families = s.job.sections.iter().map(|sec| sec.format.font_id.family.clone()).collect();
        (s.job.text, s.map, families)
    }

    fn shown(md: &str, block: usize) -> (String, Vec<u32>) {
        let (text, map, _) = shown_in(md, Format::Markdown, block);
        (text, map)
    }

    #[test]
    fn markup_is_hidden_and_offsets_map_back() {
        let (text, map) = shown("## Title\n\n- **Bold** and *it* [link](x)\n", 1);
        assert_eq!(text, "• Bold and it link");
        // "B" of Bold is at source offset 4 of "- **Bold**…".
        assert_eq!(map[2], 4);
        let (text, _) = shown("## Title\n", 0);
        assert_eq!(text, "Title");
        let (text, _) = shown("> quoted\n> on\n", 0);
        assert_eq!(text, "quoted\non");
    }

    #[test]
    fn unmatched_delimiters_stay() {
        let (text, _) = shown("2 * 3 = 6 and snake_case_name\n", 0);
        assert_eq!(text, "2 * 3 = 6 and snake_case_name");
    }

    #[test]
    fn bold_and_italic_use_their_own_faces() {
        let (text, _, families) = shown_in("<p>plain <b>bold</b> <i>it</i></p>", Format::Html, 0);
        assert_eq!(text, "plain bold it");
        assert_eq!(
            families,
            vec![
                fonts::family(Face::Regular, true),
                fonts::family(Face::Bold, true),
                fonts::family(Face::Regular, true),
                fonts::family(Face::Italic, true),
            ]
        );
    }

    #[test]
    fn list_markers_become_bullets_or_rendered_numbers() {
        let (text, _) = shown("1. one\n1. two\n", 1);
        assert_eq!(text, "2. two");
        let (text, _) = shown("3. three\n", 0);
        assert_eq!(text, "3. three");
        let (text, _, _) = shown_in("<ul><li>item</li></ul>", Format::Html, 0);
        assert_eq!(text, "• item");
    }

    #[test]
    fn table_rows_show_cells_without_pipes() {
        let (text, _) = shown("| a | b |\n|---|---|\n| 1 | **2** |\n", 1);
        assert_eq!(text, format!("1{CELL_SEPARATOR}2"));
    }

    #[test]
    fn table_cells_start_at_their_columns() {
        let doc = SourceText::parse("| a | b |\n|---|---|\n| 1 | 2 |\n".to_owned(), Format::Markdown);
        let row = RowLayout { columns: &[0.0, 100.0], widths: &[10.0, 10.0], space: 5.0 };
        let s = style_block(&doc, 1, &palette(), Some(&row));
        let spacing: Vec<f32> = s.job.sections.iter().map(|sec| sec.format.extra_letter_spacing).collect();
        assert_eq!(s.job.text, "1 2");
        assert_eq!(spacing, vec![0.0, 85.0, 0.0]);
    }

    #[test]
    fn display_index_skips_hidden_markers() {
        let (_, map) = shown("**ab** c\n", 0);
        assert_eq!(display_index(&map, 0), 0);
        assert_eq!(display_index(&map, 2), 0);
        assert_eq!(display_index(&map, 3), 1);
        assert_eq!(display_index(&map, 7), 3);
    }
}
