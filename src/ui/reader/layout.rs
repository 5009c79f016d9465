//! Layout cache: block heights (estimated until measured, kept per wrap width), their prefix
//! sums, and the laid-out galleys of recently shown blocks.

use super::styling::{self, Palette};
use crate::document::{BlockKind, SourceText};
use egui::Galley;
use std::collections::HashMap;
use std::sync::Arc;

/// Galleys kept before old ones are evicted.
const MAX_GALLEYS: usize = 600;
/// Height tables kept for other wrap widths / zoom levels.
const MAX_SAVED_TABLES: usize = 3;

/// What a block's layout depends on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LayoutKey {
    /// Width the text wraps at.
    pub wrap_width: f32,
    /// The palette's body size (zoom).
    pub size: f32,
    /// Theme: colours are baked into galleys.
    pub dark: bool,
}

/// One laid-out block.
pub(crate) struct LaidOut {
    /// The text, positioned at (indent, top_pad) inside the block.
    pub galley: Arc<Galley>,
    /// Display character → source offset relative to the block start.
    pub map: Vec<u32>,
    /// Left indent of the text.
    pub indent: f32,
    /// Space above the text.
    pub top_pad: f32,
    /// Last frame this block was used.
    last_used: u64,
}

/// Heights for one layout key.
struct Table {
    key: LayoutKey,
    heights: Vec<f32>,
    measured: Vec<bool>,
}

/// All layout caches of one reader.
#[derive(Default)]
pub(crate) struct LayoutCache {
    doc: Option<(usize, usize, usize)>,
    palette: Option<Palette>,
    table: Option<Table>,
    saved: Vec<Table>,
    tops: Vec<f32>,
    tops_dirty: bool,
    galleys: HashMap<usize, LaidOut>,
    frame: u64,
    /// Per block: (characters, lines) for estimates.
    counts: Vec<(u32, u32)>,
    /// Column edges per table (by its first row), for the current width and palette.
    table_columns: HashMap<usize, Vec<f32>>,
}

impl LayoutCache {
    /// Drop everything (the document changed).
    pub(crate) fn clear(&mut self) {
        *self = Self::default();
    }

    /// Prepare for a frame: resets caches when the document, width, zoom or theme changed.
    pub(crate) fn begin_frame(
        &mut self,
        source: &SourceText,
        doc: (usize, usize, usize),
        key: LayoutKey,
        palette: &Palette,
    ) {
        self.frame += 1;
        if self.doc != Some(doc) {
            self.clear();
            self.doc = Some(doc);
            self.counts = source
                .blocks
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let text = source.block_text(i);
                    let lines = text.bytes().filter(|&c| c == b'\n').count() + 1;
                    (clamp_u32(b.end.saturating_sub(b.start)), clamp_u32(lines))
                })
                .collect();
        }
        if self.palette.as_ref() != Some(palette) {
            self.galleys.clear();
            self.table_columns.clear();
            self.palette = Some(palette.clone());
        }
        if self.table.as_ref().is_some_and(|t| t.key == key) {
            return;
        }
        self.galleys.clear();
        self.table_columns.clear();
        if let Some(old) = self.table.take() {
            self.saved.push(old);
            if self.saved.len() > MAX_SAVED_TABLES {
                self.saved.remove(0);
            }
        }
        let table = match self.saved.iter().position(|t| t.key == key) {
            Some(p) => self.saved.remove(p),
            None => {
                let heights = (0..source.blocks.len()).map(|i| self.estimate(source, i, key)).collect();
                Table { key, heights, measured: vec![false; source.blocks.len()] }
            }
        };
        self.table = Some(table);
        self.tops_dirty = true;
    }

    /// Estimated height of block `i` from its character and line count.
    fn estimate(&self, source: &SourceText, i: usize, key: LayoutKey) -> f32 {
        let (chars, lines) = self.counts.get(i).copied().unwrap_or((0, 1));
        let (kind, depth) = source.blocks.get(i).map_or((BlockKind::Paragraph, 0), |b| (b.kind, b.depth));
        let (scale, indent) = block_metrics(kind, depth, key.size);
        let size = key.size * scale;
        let width = (key.wrap_width - indent).max(size * 4.0);
        let per_row = (width / (size * AVERAGE_CHAR_WIDTH)).max(1.0);
        let chars_per_line = chars as f32 / lines.max(1) as f32;
        let rows = lines as f32 * (chars_per_line / per_row).ceil().max(1.0);
        rows * size * ROW_HEIGHT + top_pad(kind, key.size) + gap(key.size)
    }

    /// Heights are known (estimated or measured) for every block.
    pub(crate) fn block_count(&self) -> usize {
        self.table.as_ref().map_or(0, |t| t.heights.len())
    }

    /// Top of every block and the total height at the end (`tops[n]`).
    pub(crate) fn tops(&mut self) -> &[f32] {
        if self.tops_dirty {
            self.tops.clear();
            let mut y = 0.0;
            if let Some(t) = &self.table {
                self.tops.reserve(t.heights.len() + 1);
                for h in &t.heights {
                    self.tops.push(y);
                    y += h;
                }
            }
            self.tops.push(y);
            self.tops_dirty = false;
        }
        &self.tops
    }

    /// Total content height.
    pub(crate) fn total_height(&mut self) -> f32 {
        self.tops().last().copied().unwrap_or(0.0)
    }

    /// Top of block `i`.
    pub(crate) fn top(&mut self, i: usize) -> f32 {
        let tops = self.tops();
        tops.get(i).or(tops.last()).copied().unwrap_or(0.0)
    }

    /// The block whose vertical span contains `y` (clamped to the first/last block).
    pub(crate) fn block_at_y(&mut self, y: f32) -> usize {
        let n = self.block_count();
        let tops = self.tops();
        tops.partition_point(|&t| t <= y).saturating_sub(1).min(n.saturating_sub(1))
    }

    /// Height of block `i` (estimated or measured).
    pub(crate) fn height(&self, i: usize) -> f32 {
        self.table.as_ref().and_then(|t| t.heights.get(i)).copied().unwrap_or(0.0)
    }

    /// Lay out block `i` if needed and return it; updates its measured height.
    pub(crate) fn ensure(&mut self, ctx: &egui::Context, source: &SourceText, i: usize) -> Option<&LaidOut> {
        let frame = self.frame;
        if !self.galleys.contains_key(&i) {
            let key = self.table.as_ref()?.key;
            let palette = &self.palette.clone()?;
            let (kind, depth) = source.blocks.get(i).map(|b| (b.kind, b.depth))?;
            let (_, indent) = block_metrics(kind, depth, key.size);
            let wrap = (key.wrap_width - indent).max(key.size * 4.0);
            let styled = if kind == BlockKind::TableRow {
                let columns = self.columns(ctx, source, i, wrap, palette);
                let bold = styling::is_header_row(source, i);
                let texts = styling::cell_texts(source, i);
                let widths: Vec<f32> = texts.iter().map(|t| text_width(ctx, t, palette, bold)).collect();
                let space = text_width(ctx, " ", palette, false);
                let row = styling::RowLayout { columns: &columns, widths: &widths, space };
                styling::style_block(source, i, palette, Some(&row))
            } else {
                styling::style_block(source, i, palette, None)
            };
            let mut job = styled.job;
            job.wrap.max_width = wrap;
            let galley = ctx.fonts_mut(|f| f.layout_job(job));
            let pad = top_pad(kind, key.size);
            let height = pad + galley.size().y + gap(key.size);
            if let Some(t) = &mut self.table
                && let (Some(h), Some(m)) = (t.heights.get_mut(i), t.measured.get_mut(i))
            {
                if (*h - height).abs() > 0.01 {
                    *h = height;
                    self.tops_dirty = true;
                }
                *m = true;
            }
            if self.galleys.len() >= MAX_GALLEYS {
                self.evict();
            }
            self.galleys
                .insert(i, LaidOut { galley, map: styled.map, indent, top_pad: pad, last_used: frame });
        }
        let laid = self.galleys.get_mut(&i)?;
        laid.last_used = frame;
        Some(laid)
    }

    /// Left edges of the columns of the table that row `i` belongs to, within `wrap` points:
    /// each column as wide as its widest cell (of the first rows), scaled down to fit.
    fn columns(
        &mut self,
        ctx: &egui::Context,
        source: &SourceText,
        i: usize,
        wrap: f32,
        palette: &Palette,
    ) -> Vec<f32> {
        let mut first = i;
        while first > 0 && source.blocks.get(first - 1).is_some_and(|b| b.kind == BlockKind::TableRow) {
            first -= 1;
        }
        if let Some(columns) = self.table_columns.get(&first) {
            return columns.clone();
        }
        let mut widths: Vec<f32> = Vec::new();
        let rows = source.blocks[first..]
            .iter()
            .take(TABLE_ROWS_MEASURED)
            .take_while(|b| b.kind == BlockKind::TableRow);
        for (k, _) in rows.enumerate() {
            let bold = k == 0;
            for (c, text) in styling::cell_texts(source, first + k).iter().enumerate() {
                let w = text_width(ctx, text, palette, bold);
                if widths.len() <= c {
                    widths.push(0.0);
                }
                widths[c] = widths[c].max(w);
            }
        }
        let gap = palette.size * 1.5;
        let gaps = gap * widths.len().saturating_sub(1) as f32;
        let natural: f32 = widths.iter().sum();
        let scale =
            if natural + gaps > wrap && natural > 0.0 { ((wrap - gaps) / natural).max(0.1) } else { 1.0 };
        let mut x = 0.0;
        let columns: Vec<f32> = widths
            .iter()
            .map(|w| {
                let at = x;
                x += w * scale + gap;
                at
            })
            .collect();
        self.table_columns.insert(first, columns.clone());
        columns
    }

    /// The laid-out block `i`, if it is cached.
    pub(crate) fn get(&self, i: usize) -> Option<&LaidOut> {
        self.galleys.get(&i)
    }

    /// Drop galleys not used in the last frames.
    fn evict(&mut self) {
        let keep_after = self.frame.saturating_sub(2);
        self.galleys.retain(|_, g| g.last_used >= keep_after);
        if self.galleys.len() >= MAX_GALLEYS {
            self.galleys.clear();
        }
    }
}

/// Rows of a table measured for its column widths.
const TABLE_ROWS_MEASURED: usize = 200;

/// Width of `text` on one line in the reader's face (bold for header rows).
fn text_width(ctx: &egui::Context, text: &str, palette: &Palette, bold: bool) -> f32 {
    use super::fonts::{Face, family};
    let face = if bold { Face::Bold } else { Face::Regular };
    let font = egui::FontId::new(palette.size, family(face, palette.faces));
    ctx.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font, palette.text)).size().x
}

/// Average glyph advance as a fraction of the font size (egui's default proportional font).
const AVERAGE_CHAR_WIDTH: f32 = 0.47;
/// Row height as a fraction of the font size.
const ROW_HEIGHT: f32 = 1.2;

/// Indent per level of nesting, as a fraction of the font size.
const DEPTH_INDENT: f32 = 1.5;

/// Font scale and left indent of a block of `kind` at nesting `depth`.
pub(crate) fn block_metrics(kind: BlockKind, depth: u8, size: f32) -> (f32, f32) {
    let (scale, indent) = kind_metrics(kind, size);
    let nested = f32::from(depth.min(12)) * size * DEPTH_INDENT;
    (scale, indent + nested)
}

/// Font scale and left indent of a block kind at the top level.
fn kind_metrics(kind: BlockKind, size: f32) -> (f32, f32) {
    match kind {
        BlockKind::Heading { level } => (
            match level {
                1 => 1.6,
                2 => 1.35,
                3 => 1.2,
                _ => 1.08,
            },
            0.0,
        ),
        BlockKind::Footnote => (styling::FOOTNOTE_SCALE, 0.0),
        BlockKind::ListItem => (1.0, size * 1.2),
        BlockKind::Quote => (1.0, size * 1.4),
        BlockKind::Paragraph | BlockKind::TableRow => (1.0, 0.0),
    }
}

/// Space above a block's text (headings get air above them).
fn top_pad(kind: BlockKind, size: f32) -> f32 {
    match kind {
        BlockKind::Heading { .. } => size * 0.6,
        _ => 0.0,
    }
}

/// Space below every block.
fn gap(size: f32) -> f32 {
    size * 0.55
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
