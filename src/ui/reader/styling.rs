//! Block styling: turn one block's Markdown-ish source into a [`LayoutJob`] with the
//! markers removed, plus a map from each displayed character back to its source offset.

use crate::document::{BlockKind, SourceText};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontFamily, FontId, Stroke};

/// Fonts and colours a block is styled with (depends on zoom and theme only).
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
}

/// A block ready for layout: the job and the display → source character map.
pub(crate) struct StyledBlock {
    /// The text to lay out (no wrap width set yet).
    pub job: LayoutJob,
    /// `map[i]` is the source offset (relative to the block start) of display character `i`;
    /// one extra entry at the end holds the block's length.
    pub map: Vec<u32>,
}

/// Emphasis state while scanning inline markup.
#[derive(Clone, Copy, Default)]
struct Inline {
    bold: bool,
    italic: bool,
    code: bool,
}

/// Longest distance searched for a closing delimiter (keeps pathological input linear-ish).
const CLOSER_SEARCH: usize = 4000;

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

/// Build the styled text of block `index`.
pub(crate) fn style_block(source: &SourceText, index: usize, palette: &Palette) -> StyledBlock {
    let Some(block) = source.blocks.get(index) else {
        return StyledBlock { job: LayoutJob::default(), map: vec![0] };
    };
    let chars: Vec<char> = source.slice(block.start, block.end).chars().collect();
    let strong = strong_flags(source, block.start, chars.len());
    let (size, base_color, base_bold) = match block.kind {
        BlockKind::Heading { level } => (palette.size * heading_scale(level), palette.strong, true),
        BlockKind::Footnote => (palette.size * FOOTNOTE_SCALE, palette.weak, false),
        _ => (palette.size, palette.text, false),
    };
    let mut out = Builder::new(palette, size, base_color);
    let mut i = 0;
    match block.kind {
        BlockKind::Heading { .. } => {
            i = skip_heading_marker(&chars);
        }
        BlockKind::ListItem => {
            let (marker_end, bullet) = list_marker(&chars);
            if bullet {
                out.push('•', 0, Inline::default());
                out.push(' ', 0, Inline::default());
                i = marker_end;
            }
        }
        _ => {}
    }
    let join_lines = should_join_lines(&chars);
    let mut state = Inline { bold: base_bold, ..Inline::default() };
    let mut at_line_start = true;
    while i < chars.len() {
        let c = chars[i];
        if at_line_start {
            at_line_start = false;
            if block.kind == BlockKind::Quote {
                i = skip_quote_marker(&chars, i);
                continue;
            }
            if block.kind == BlockKind::TableRow {
                // Leading pipe of the row.
                if c == '|' {
                    i += 1;
                    continue;
                }
            }
        }
        match c {
            '\n' => {
                if join_lines {
                    out.push(' ', i, state);
                } else {
                    out.push('\n', i, state);
                }
                at_line_start = true;
                i += 1;
            }
            '\\' if !state.code && chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push(chars[i + 1], i + 1, state);
                i += 2;
            }
            '`' => {
                if state.code || find_from(&chars, i + 1, &['`']).is_some() {
                    state.code = !state.code;
                    i += 1;
                } else {
                    out.push(c, i, state);
                    i += 1;
                }
            }
            '*' | '_' if !state.code => {
                let run = chars[i..].iter().take_while(|&&d| d == c).count();
                let n = run.min(2);
                if let Some(next) = emphasis(&chars, i, n, c, &mut state) {
                    i = next;
                } else {
                    for k in 0..run {
                        out.push(c, i + k, state);
                    }
                    i += run;
                }
            }
            '|' if block.kind == BlockKind::TableRow && !state.code => {
                let rest_blank = chars[i + 1..].iter().all(|d| d.is_whitespace());
                if !rest_blank {
                    out.push(' ', i, state);
                    out.push('│', i, state);
                    out.push(' ', i, state);
                }
                i += 1;
            }
            '[' if !state.code => {
                if let Some((text_end, link_end)) = link_at(&chars, i) {
                    for (k, &d) in chars.iter().enumerate().take(text_end).skip(i + 1) {
                        out.push_link(d, k, state);
                    }
                    i = link_end;
                } else {
                    out.push(c, i, state);
                    i += 1;
                }
            }
            _ => {
                let s = Inline { bold: state.bold || strong.get(i).copied().unwrap_or(false), ..state };
                out.push(c, i, s);
                i += 1;
            }
        }
    }
    out.finish(chars.len())
}

/// Per-character flags for HTML bold runs that the text itself does not show.
fn strong_flags(source: &SourceText, start: usize, len: usize) -> Vec<bool> {
    let ranges = source.strong_ranges();
    if ranges.is_empty() {
        return Vec::new();
    }
    let mut flags = vec![false; len];
    let first = ranges.partition_point(|r| r.1 <= start);
    for &(s, e) in &ranges[first..] {
        if s >= start + len {
            break;
        }
        for f in flags.iter_mut().take(e.saturating_sub(start).min(len)).skip(s.saturating_sub(start)) {
            *f = true;
        }
    }
    flags
}

/// Try to open or close emphasis with a run of `n` delimiters `d` at `i`.
/// Returns the index after the delimiters when they were consumed as markup.
fn emphasis(chars: &[char], i: usize, n: usize, d: char, state: &mut Inline) -> Option<usize> {
    let before = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
    let after = chars.get(i + n).copied();
    let is_bold = n == 2;
    let open_now = if is_bold { state.bold } else { state.italic };
    let can_close = before.is_some_and(|b| !b.is_whitespace())
        && (d == '*' || after.is_none_or(|a| !a.is_alphanumeric()));
    if open_now && can_close {
        set(state, is_bold, false);
        return Some(i + n);
    }
    let can_open = after.is_some_and(|a| !a.is_whitespace())
        && (d == '*' || before.is_none_or(|b| !b.is_alphanumeric()));
    if !open_now && can_open {
        let pattern: &[char] = if is_bold { &[d, d] } else { &[d] };
        let close = find_from(chars, i + n, pattern)?;
        let prev = chars.get(close.checked_sub(1)?)?;
        if close > i + n && !prev.is_whitespace() {
            set(state, is_bold, true);
            return Some(i + n);
        }
    }
    None
}

fn set(state: &mut Inline, bold: bool, on: bool) {
    if bold {
        state.bold = on;
    } else {
        state.italic = on;
    }
}

/// First index ≥ `from` where `pattern` starts, searching a bounded distance.
fn find_from(chars: &[char], from: usize, pattern: &[char]) -> Option<usize> {
    let end = chars.len().min(from.saturating_add(CLOSER_SEARCH));
    (from..end).find(|&k| chars[k..].starts_with(pattern))
}

/// `[text](target)` at `i`: returns (index of `]`, index after `)`).
fn link_at(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let close = find_from(chars, i + 1, &[']'])?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let paren = find_from(chars, close + 2, &[')'])?;
    if chars[close + 2..paren].iter().any(|c| c.is_whitespace()) {
        return None;
    }
    Some((close, paren + 1))
}

fn skip_heading_marker(chars: &[char]) -> usize {
    let hashes = chars.iter().take_while(|&&c| c == '#').count();
    if hashes == 0 || hashes > 6 {
        return 0;
    }
    hashes + chars[hashes..].iter().take_while(|c| **c == ' ' || **c == '\t').count()
}

fn skip_quote_marker(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|c| *c == ' ' || *c == '\t') {
        i += 1;
    }
    while chars.get(i) == Some(&'>') {
        i += 1;
        if chars.get(i) == Some(&' ') {
            i += 1;
        }
    }
    i
}

/// End of a list marker and whether it is a bullet (shown as `•`) rather than a number.
fn list_marker(chars: &[char]) -> (usize, bool) {
    match chars {
        ['-' | '*' | '+' | '•', ' ' | '\t', ..] => {
            let spaces = chars[1..].iter().take_while(|c| **c == ' ' || **c == '\t').count();
            (1 + spaces, true)
        }
        _ => (0, false),
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
    current: Option<(Inline, bool, usize)>,
}

impl<'p> Builder<'p> {
    fn new(palette: &'p Palette, size: f32, color: Color32) -> Self {
        let job = LayoutJob { break_on_newline: true, ..LayoutJob::default() };
        Self { palette, size, color, job, map: Vec::new(), current: None }
    }

    fn push(&mut self, c: char, source: usize, state: Inline) {
        self.push_styled(c, source, state, false);
    }

    fn push_link(&mut self, c: char, source: usize, state: Inline) {
        self.push_styled(c, source, state, true);
    }

    fn push_styled(&mut self, c: char, source: usize, state: Inline, link: bool) {
        let key = (state, link);
        let same = self.current.as_ref().is_some_and(|(s, l, _)| {
            s.bold == key.0.bold && s.italic == key.0.italic && s.code == key.0.code && *l == link
        });
        if !same {
            self.flush();
            self.current = Some((state, link, self.job.text.len()));
        }
        self.job.text.push(c);
        self.map.push(u32::try_from(source).unwrap_or(u32::MAX));
    }

    fn flush(&mut self) {
        let Some((state, link, start)) = self.current.take() else { return };
        let end = self.job.text.len();
        if end == start {
            return;
        }
        let font_id = if state.code {
            FontId::new(self.size * 0.92, FontFamily::Monospace)
        } else {
            FontId::new(self.size, FontFamily::Proportional)
        };
        let color = if state.bold { self.palette.strong } else { self.color };
        let format = TextFormat {
            font_id,
            color,
            italics: state.italic,
            background: if state.code { self.palette.code_bg } else { Color32::TRANSPARENT },
            underline: if link { Stroke::new(1.0, color) } else { Stroke::NONE },
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
        }
    }

    fn shown(md: &str, block: usize) -> (String, Vec<u32>) {
        let doc = SourceText::parse(md.to_owned(), Format::Markdown);
        let s = style_block(&doc, block, &palette());
        (s.job.text, s.map)
    }

    #[test]
    fn markers_are_hidden_and_offsets_map_back() {
        let (text, map) = shown("## Title\n\n- **Bold** and *it* [link](x)\n", 1);
        assert_eq!(text, "• Bold and it link");
        // "B" of Bold is at source offset 4 of "- **Bold**…".
        assert_eq!(map[2], 4);
        let (text, _) = shown("## Title\n", 0);
        assert_eq!(text, "Title");
    }

    #[test]
    fn unmatched_delimiters_stay() {
        let (text, _) = shown("2 * 3 = 6 and snake_case_name\n", 0);
        assert_eq!(text, "2 * 3 = 6 and snake_case_name");
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
