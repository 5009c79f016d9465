//! Reading order on a page: lines are grouped into text blocks (consecutive lines of one
//! column, left-aligned, of one font size), and the blocks are put in reading order with
//! T. Breuel's rules ("High performance document layout analysis", 2003):
//! a block comes before another that it overlaps horizontally and sits above, and before
//! one entirely to its right unless a third block spans both between them. This keeps
//! columns whole and keeps a sidebar out of the body text beside it.

use super::lines::Line;

/// Lines further apart than this (baseline to baseline, in font sizes) never share a block.
const MAX_PITCH: f32 = 2.0;
/// Left edges within this distance (in font sizes) are aligned.
const ALIGNED: f32 = 1.5;
/// Largest indent (in font sizes) of a line that continues a block.
const INDENT: f32 = 7.0;

/// Consecutive lines of one column.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TextBlock {
    /// Lines top to bottom.
    pub lines: Vec<Line>,
    /// Left edge of the widest extent.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Top of the first line.
    pub top: f32,
    /// Bottom of the last line.
    pub bottom: f32,
}

impl TextBlock {
    fn new(line: Line) -> TextBlock {
        TextBlock { x0: line.x0, x1: line.x1, top: line.top(), bottom: line.bottom(), lines: vec![line] }
    }

    fn push(&mut self, line: Line) {
        self.x0 = self.x0.min(line.x0);
        self.x1 = self.x1.max(line.x1);
        self.bottom = self.bottom.max(line.bottom());
        self.lines.push(line);
    }

    fn last(&self) -> &Line {
        // A block is never empty: it is created with a line.
        &self.lines[self.lines.len() - 1]
    }

    /// Smallest font size in the block, the tolerance unit for comparisons.
    fn unit(&self) -> f32 {
        self.lines.iter().map(|l| l.size).fold(f32::INFINITY, f32::min)
    }

    /// Whether `line` continues this block: just below its last line, of the same size,
    /// overlapping it and aligned with the block's left edge (an indent is allowed).
    fn accepts(&self, line: &Line) -> bool {
        let last = self.last();
        let size = last.size.max(line.size);
        let pitch = line.y - last.y;
        let ratio = line.size / last.size;
        let overlap = last.x1.min(line.x1) - last.x0.max(line.x0);
        // Aligned, or indented (a hanging indent after an item's number, a first-line
        // indent) by no more than a few ems.
        let aligned = (line.x0 - self.x0).abs() <= ALIGNED * size
            || (line.x0 >= self.x0 && line.x0 - self.x0 <= INDENT * size)
            || (line.x0 >= last.x0 && line.x0 - last.x0 <= INDENT * size)
            || (line.x0 < last.x0
                && self.x0 - line.x0 <= INDENT * size
                && line.x0 >= last.x0 - INDENT * size);
        pitch > 0.3 * size
            && pitch <= MAX_PITCH * size
            && (0.85..1.18).contains(&ratio)
            && overlap > 0.0
            && aligned
    }
}

/// Blocks (the most recent) a line may join; bounds the work on pathological pages.
const RECENT_BLOCKS: usize = 200;
/// Pages with more blocks than this are read top to bottom, left to right: the ordering
/// rules cost the cube of the block count.
const MAX_ORDERED_BLOCKS: usize = 400;

/// Group a page's lines (top to bottom) into blocks and return them in reading order.
pub(super) fn blocks(lines: Vec<Line>) -> Vec<TextBlock> {
    let mut blocks: Vec<TextBlock> = Vec::new();
    for line in lines {
        let recent = blocks.len().saturating_sub(RECENT_BLOCKS)..blocks.len();
        let candidates: Vec<usize> = recent.filter(|&i| blocks[i].accepts(&line)).collect();
        // A line under two blocks (a full-width line below two columns) starts its own.
        let spanning = candidates.len() > 1;
        let best = candidates
            .into_iter()
            .min_by(|&a, &b| (line.y - blocks[a].last().y).total_cmp(&(line.y - blocks[b].last().y)));
        match best {
            Some(i) if !spanning => blocks[i].push(line),
            _ => blocks.push(TextBlock::new(line)),
        }
    }
    order(blocks)
}

fn x_overlap(a: &TextBlock, b: &TextBlock) -> bool {
    a.x1.min(b.x1) - a.x0.max(b.x0) > 0.0
}

/// `a` ends above the start of `b` (a little overlap of line boxes is allowed).
fn above(a: &TextBlock, b: &TextBlock) -> bool {
    a.bottom <= b.top + 0.4 * a.unit().min(b.unit())
}

/// Whether block `a` must be read before block `b`.
fn before(blocks: &[TextBlock], a: usize, b: usize) -> bool {
    let (ba, bb) = (&blocks[a], &blocks[b]);
    if x_overlap(ba, bb) {
        return above(ba, bb);
    }
    if ba.x1 > bb.x0 {
        return false;
    }
    // `a` is left of `b`: first, unless a block between them vertically spans both.
    !blocks.iter().enumerate().any(|(i, c)| {
        i != a
            && i != b
            && x_overlap(c, ba)
            && x_overlap(c, bb)
            && ((above(ba, c) && above(c, bb)) || (above(bb, c) && above(c, ba)))
    })
}

/// Topological order of the "before" relation; among blocks free to go next, the topmost
/// (then leftmost) goes first. A cycle (inconsistent geometry) is broken the same way.
fn order(mut blocks: Vec<TextBlock>) -> Vec<TextBlock> {
    let n = blocks.len();
    if n > MAX_ORDERED_BLOCKS {
        blocks.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
        return blocks;
    }
    let succs: Vec<Vec<usize>> =
        (0..n).map(|a| (0..n).filter(|&b| a != b && before(&blocks, a, b)).collect()).collect();
    let mut preds = vec![0usize; n];
    for &b in succs.iter().flatten() {
        preds[b] += 1;
    }
    let mut done = vec![false; n];
    let mut out_order = Vec::with_capacity(n);
    let key = |i: usize| (blocks[i].top, blocks[i].x0);
    for _ in 0..n {
        let free = (0..n).filter(|&i| !done[i] && preds[i] == 0);
        let next = free
            .min_by(|&a, &b| key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal))
            .or_else(|| {
                (0..n)
                    .filter(|&i| !done[i])
                    .min_by(|&a, &b| key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal))
            });
        let Some(i) = next else { break };
        done[i] = true;
        out_order.push(i);
        for &s in &succs[i] {
            preds[s] = preds[s].saturating_sub(1);
        }
    }
    let mut slots: Vec<Option<TextBlock>> = blocks.into_iter().map(Some).collect();
    out_order.into_iter().filter_map(|i| slots[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::pdf::lines::Word;

    fn line(text: &str, x0: f32, y: f32) -> Line {
        let mut x = x0;
        let words = text
            .split(' ')
            .map(|t| {
                let w = Word {
                    text: t.to_owned(),
                    x0: x,
                    x1: x + t.len() as f32 * 5.0,
                    y,
                    size: 10.0,
                    bold: false,
                    italic: false,
                };
                x = w.x1 + 3.0;
                w
            })
            .collect();
        crate::document::pdf::lines::lines(words).remove(0)
    }

    fn first_words(blocks: &[TextBlock]) -> Vec<String> {
        blocks.iter().map(|b| b.lines[0].words[0].text.clone()).collect()
    }

    #[test]
    fn two_columns_read_left_then_right() {
        let mut lines = Vec::new();
        lines.push(line("Title spanning both columns of the page here", 50.0, 50.0));
        for i in 0..5 {
            let y = 80.0 + i as f32 * 12.0;
            lines.push(line(&format!("left{i} aaaa bbbb cccc"), 50.0, y));
            lines.push(line(&format!("right{i} aaaa bbbb cccc"), 200.0, y));
        }
        lines.push(line("Footer note spanning both columns of the page", 50.0, 200.0));
        let blocks = blocks(lines);
        assert_eq!(first_words(&blocks), ["Title", "left0", "right0", "Footer"]);
        assert_eq!(blocks[1].lines.len(), 5);
    }

    #[test]
    fn sidebar_beside_body_is_read_after_it() {
        let mut lines = Vec::new();
        lines.push(line("Body line one runs the full width of the text area ok", 50.0, 50.0));
        for i in 0..4 {
            let y = 62.0 + i as f32 * 12.0;
            lines.push(line(&format!("body{i} aaaa bbbb cccc"), 50.0, y));
            lines.push(line(&format!("box{i} aaaa bbbb"), 200.0, y + 1.5));
        }
        let blocks = blocks(lines);
        assert_eq!(first_words(&blocks), ["Body", "box0"]);
        assert_eq!(blocks[0].lines.len(), 5);
    }

    #[test]
    fn pathological_pages_keep_every_line() {
        // A grid of scattered words: thousands of one-line blocks, read top to bottom.
        let lines: Vec<Line> =
            (0..3000).map(|i| line("w", (i % 60) as f32 * 40.0, (i / 60) as f32 * 30.0)).collect();
        let blocks = blocks(lines);
        assert_eq!(blocks.iter().map(|b| b.lines.len()).sum::<usize>(), 3000);
        assert!(blocks.windows(2).all(|w| w[0].top <= w[1].top));
    }
}
