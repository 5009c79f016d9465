//! From glyphs to words and lines: glyphs drawn next to each other on one baseline make a
//! word; words on one baseline make a row, and a row is cut into lines where a gap is too
//! wide to be a space (a column gutter, a sidebar's edge, a table's cell boundary).

use super::glyphs::Glyph;
use super::markers;

/// A gap wider than this (in font sizes) between two glyphs on a baseline breaks a word.
const WORD_GAP: f32 = 0.12;
/// A gap wider than this (in font sizes) between two words on a baseline separates columns.
const COLUMN_GAP: f32 = 1.0;
/// Baselines closer than this (in font sizes) are one row.
const SAME_BASELINE: f32 = 0.3;
/// Text smaller than this fraction of the row below it, and raised, is a superscript.
const SUPERSCRIPT_SIZE: f32 = 0.85;

/// A word: glyphs drawn side by side on one baseline with no space between them.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Word {
    /// The characters.
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    /// Font size.
    pub size: f32,
    /// Drawn in a bold face (its first glyph).
    pub bold: bool,
    /// Drawn in an italic face (its first glyph).
    pub italic: bool,
}

/// A line of one column: words on one baseline, left to right, with no column gap inside.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    /// Words left to right.
    pub words: Vec<Word>,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Baseline of the line's main text (superscripts sit above it).
    pub y: f32,
    /// Font size of the line's main text.
    pub size: f32,
    /// For a table row: the index of the first word of each cell; empty otherwise.
    pub cells: Vec<usize>,
}

impl Line {
    fn new(words: Vec<Word>) -> Option<Line> {
        let first = words.first()?;
        let main = words.iter().max_by(|a, b| a.size.total_cmp(&b.size)).unwrap_or(first);
        let (y, size) = (main.y, main.size);
        let x0 = words.iter().map(|w| w.x0).fold(f32::INFINITY, f32::min);
        let x1 = words.iter().map(|w| w.x1).fold(f32::NEG_INFINITY, f32::max);
        Some(Line { words, x0, x1, y, size, cells: Vec::new() })
    }

    /// Top of the line's text (an estimate from the font size).
    pub fn top(&self) -> f32 {
        self.y - 0.8 * self.size
    }

    /// Bottom of the line's text (descenders included).
    pub fn bottom(&self) -> f32 {
        self.y + 0.25 * self.size
    }

    /// The line's text: words joined by one space; a word that touches the one before it
    /// (a change of font inside a word, a footnote reference) is joined without one.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 && self.space_before(i) {
                out.push(' ');
            }
            out.push_str(&w.text);
        }
        out
    }

    /// True when word `i` is separated from word `i - 1` by a space.
    pub fn space_before(&self, i: usize) -> bool {
        let (Some(prev), Some(w)) = (self.words.get(i.wrapping_sub(1)), self.words.get(i)) else {
            return false;
        };
        w.x0 - prev.x1 > 0.08 * prev.size.min(w.size)
    }

    /// Characters drawn in a bold face, as a fraction of the line's characters.
    pub fn bold_share(&self) -> f32 {
        let (bold, all) = self.words.iter().fold((0, 0), |(b, a), w| {
            let n = w.text.chars().count();
            (b + if w.bold { n } else { 0 }, a + n)
        });
        if all == 0 { 0.0 } else { bold as f32 / all as f32 }
    }
}

/// Group a page's glyphs (in drawing order) into words.
pub(super) fn words(glyphs: &[Glyph]) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current: Option<(Word, f32)> = None; // the word and its last glyph's left edge
    for g in glyphs {
        if g.ch == ' ' {
            out.extend(current.take().map(|(w, _)| w));
            continue;
        }
        if let Some((w, last_x0)) = &mut current {
            let same_baseline = (g.y - w.y).abs() <= 0.25 * w.size.min(g.size);
            let ratio = g.size / w.size;
            let gap = g.x0 - w.x1;
            // Some producers draw a glyph twice, slightly offset, to fake bold.
            if same_baseline && w.text.ends_with(g.ch) && (g.x0 - *last_x0).abs() < 0.15 * g.size {
                continue;
            }
            if same_baseline && (0.8..1.25).contains(&ratio) && gap > -0.3 * w.size && gap < WORD_GAP * w.size
            {
                w.text.push(g.ch);
                w.x1 = w.x1.max(g.x1);
                *last_x0 = g.x0;
                continue;
            }
            out.extend(current.take().map(|(w, _)| w));
        }
        current = Some((
            Word {
                text: g.ch.to_string(),
                x0: g.x0,
                x1: g.x1,
                y: g.y,
                size: g.size,
                bold: g.bold,
                italic: g.italic,
            },
            g.x0,
        ));
    }
    out.extend(current.map(|(w, _)| w));
    out
}

/// Group words into lines: rows of words on one baseline (superscripts joined to the row
/// they are raised above), each cut at column gaps. Lines come out top to bottom, left to
/// right.
pub(super) fn lines(mut words: Vec<Word>) -> Vec<Line> {
    words.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut rows: Vec<Vec<Word>> = Vec::new();
    for w in words {
        match rows.last_mut() {
            Some(row)
                if row
                    .last()
                    .is_some_and(|last| (w.y - last.y).abs() <= SAME_BASELINE * last.size.min(w.size)) =>
            {
                row.push(w)
            }
            _ => rows.push(vec![w]),
        }
    }
    let rows = attach_superscripts(rows);
    let rows: Vec<Vec<Line>> = rows.into_iter().map(split_at_gaps).collect();
    let tabular = |r: &[Line]| r.len() >= 3 && r.iter().all(|l| l.words.len() <= 8);
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let near = |j: usize| {
            rows.get(j).is_some_and(|other| {
                tabular(other)
                    && match (row.first(), other.first()) {
                        (Some(a), Some(b)) => (a.y - b.y).abs() <= 3.0 * a.size.max(b.size),
                        _ => false,
                    }
            })
        };
        if tabular(row) && (near(i + 1) || (i > 0 && near(i - 1))) {
            out.extend(table_row(row));
        } else {
            out.extend(row.iter().cloned());
        }
    }
    let mut out = join_markers(out);
    out.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    out
}

/// Cut a row of words at column gaps into lines, left to right.
fn split_at_gaps(mut row: Vec<Word>) -> Vec<Line> {
    row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut out = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    for w in row {
        if let Some(prev) = current.last()
            && w.x0 - prev.x1 > COLUMN_GAP * prev.size.max(w.size)
        {
            out.extend(Line::new(std::mem::take(&mut current)));
        }
        current.push(w);
    }
    out.extend(Line::new(current));
    out
}

/// One line of a table row's cells, each cell's first word remembered.
fn table_row(cells: &[Line]) -> Option<Line> {
    let mut starts = Vec::with_capacity(cells.len());
    let mut words = Vec::new();
    for cell in cells {
        starts.push(words.len());
        words.extend(cell.words.iter().cloned());
    }
    let mut line = Line::new(words)?;
    line.cells = starts;
    Some(line)
}

/// A list marker or footnote number set off from its text by a tab is one line with it.
/// `lines` are in row order, left to right.
fn join_markers(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(prev) = out.last_mut()
            && prev.words.len() == 1
            && (prev.y - line.y).abs() <= SAME_BASELINE * prev.size
            && line.x0 > prev.x1
            && line.x0 - prev.x1 < 8.0 * prev.size.max(line.size)
            && is_marker_word(&prev.words[0].text)
        {
            let mut words = std::mem::take(&mut prev.words);
            words.extend(line.words);
            if let Some(joined) = Line::new(words) {
                *prev = joined;
            }
            continue;
        }
        out.push(line);
    }
    out
}

/// A bullet, an item number or a footnote number (up to three digits).
fn is_marker_word(word: &str) -> bool {
    markers::marker(word).is_some() || (word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit()))
}

/// Join rows of small raised text (footnote references, superscripts) to the row of
/// normal text just below them when they sit inside its horizontal extent.
fn attach_superscripts(rows: Vec<Vec<Word>>) -> Vec<Vec<Word>> {
    let mut out: Vec<Vec<Word>> = Vec::with_capacity(rows.len()); // bottom to top
    for mut row in rows.into_iter().rev() {
        if let Some(below) = out.last_mut()
            && let Some(main) = below.iter().max_by(|a, b| a.size.total_cmp(&b.size))
        {
            let (size, y) = (main.size, main.y);
            let small = row.iter().all(|w| w.size < SUPERSCRIPT_SIZE * size);
            let raised = row.iter().all(|w| y - w.y > 0.0 && y - w.y < 0.7 * size);
            // Over the row, or just left of it (a footnote's number before its text).
            let inside = row.iter().all(|w| {
                below.iter().any(|r| r.x1 + 0.5 * size >= w.x0)
                    && below.iter().any(|r| r.x0 - 8.0 * size <= w.x1)
            });
            if small && raised && inside {
                for w in &mut row {
                    w.y = y;
                }
                below.extend(row);
                continue;
            }
        }
        out.push(row);
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f32, y: f32, size: f32) -> Vec<Glyph> {
        let w = size * 0.5;
        text.chars()
            .enumerate()
            .map(|(i, ch)| Glyph {
                ch,
                x0: x + i as f32 * w,
                x1: x + (i + 1) as f32 * w,
                y,
                size,
                bold: false,
                italic: false,
            })
            .collect()
    }

    #[test]
    fn words_split_at_spaces_and_gaps() {
        let mut g = glyphs("ab cd", 0.0, 100.0, 10.0);
        g.extend(glyphs("ef", 30.0, 100.0, 10.0)); // 5pt gap after "cd" (ends at 25)
        let w: Vec<String> = words(&g).into_iter().map(|w| w.text).collect();
        assert_eq!(w, ["ab", "cd", "ef"]);
    }

    #[test]
    fn doubled_glyphs_are_drawn_once() {
        let mut g = glyphs("a", 0.0, 100.0, 10.0);
        g.extend(glyphs("a", 0.3, 100.0, 10.0));
        g.extend(glyphs("b", 5.3, 100.0, 10.0));
        assert_eq!(words(&g)[0].text, "ab");
    }

    #[test]
    fn columns_are_separate_lines_and_superscripts_join() {
        let mut g = glyphs("left column", 0.0, 100.0, 10.0);
        g.extend(glyphs("right", 200.0, 100.5, 10.0));
        g.extend(glyphs("2", 55.2, 96.0, 6.0)); // raised footnote reference touching "column"
        let lines = lines(words(&g));
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(texts, ["left column2", "right"]);
    }
}
