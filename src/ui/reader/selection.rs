//! Selection geometry: rectangles covering a character range of a galley, pointer → character,
//! and word boundaries for double-click.

use super::layout::LaidOut;
use super::styling::display_index;
use egui::{Pos2, Rect, Vec2, pos2};

/// Screen rectangles covering the source range `start..end` (relative to the block start) of
/// a laid-out block whose text is drawn at `origin`.
pub(crate) fn range_rects(laid: &LaidOut, origin: Pos2, start: usize, end: usize, out: &mut Vec<Rect>) {
    let a = display_index(&laid.map, start);
    let b = display_index(&laid.map, end);
    if a >= b {
        return;
    }
    let mut row_start = 0;
    for row in &laid.galley.rows {
        let n = row.row.glyphs.len();
        let row_end = row_start + n;
        let lo = a.max(row_start);
        let hi = b.min(row_end);
        if lo < hi {
            let glyphs = &row.row.glyphs;
            let x0 = glyphs.get(lo - row_start).map_or(0.0, |g| g.pos.x);
            let x1 = glyphs.get(hi - row_start - 1).map_or(x0, |g| g.max_x());
            let r = Rect::from_min_max(pos2(row.pos.x + x0, row.min_y()), pos2(row.pos.x + x1, row.max_y()));
            out.push(r.translate(origin.to_vec2()));
        }
        row_start = row_end + usize::from(row.ends_with_newline);
        if row_start >= b {
            break;
        }
    }
}

/// Source offset (relative to the block start) of the character boundary nearest to `pos`
/// (given relative to the text's origin).
pub(crate) fn offset_at(laid: &LaidOut, pos: Vec2) -> usize {
    let cursor = laid.galley.cursor_from_pos(pos);
    let i = cursor.index.0.min(laid.map.len().saturating_sub(1));
    laid.map.get(i).copied().unwrap_or(0) as usize
}

/// The word around display character boundary at source offset `rel` (relative offsets).
pub(crate) fn word_at(laid: &LaidOut, rel: usize) -> (usize, usize) {
    let text: Vec<char> = laid.galley.job.text.chars().collect();
    let i = display_index(&laid.map, rel).min(text.len());
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    let mut a = i;
    while a > 0 && text.get(a - 1).is_some_and(|c| is_word(*c)) {
        a -= 1;
    }
    let mut b = i;
    while text.get(b).is_some_and(|c| is_word(*c)) {
        b += 1;
    }
    if a == b {
        b = (b + 1).min(text.len());
    }
    let start = laid.map.get(a).copied().unwrap_or(0) as usize;
    let end = match b.checked_sub(1).and_then(|k| laid.map.get(k)) {
        Some(&m) if b > a => m as usize + 1,
        _ => start,
    };
    (start, end)
}
