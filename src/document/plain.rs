//! Block structure of plain text: blank-line separated paragraphs, list items (bullets,
//! numbers, letters and roman numerals, nested by indentation), `#` headings and `>` quotes.
//! The text is kept as it is; markers become `Markup` runs and `content_start`.

use super::blocks::{Block, BlockKind, InlineStyle};
use super::conventions;
use super::draft::Draft;

/// Glyphs that start a bulleted item when followed by a space (U+F0B7 and U+F0A7 are the
/// private-use bullets of Word's Symbol font, common in text converted from PDF).
const BULLETS: &[char] =
    &['-', '*', '+', '•', '◦', '▪', '▫', '‣', '○', '●', '■', '□', '►', '➢', '\u{F0B7}', '\u{F0A7}'];

/// A list item's marker: how long it is and what number it renders as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListMarker {
    /// Bytes of the marker and the spaces after it.
    pub(crate) len: usize,
    /// The number as written (`1.`, `(a)`, `iv)`); None for bullets and `#.`.
    pub(crate) number: Option<String>,
    /// The number is part of the content (`1. Text`); false for bullets and `#.`, whose
    /// marker is not shown as written.
    pub(crate) number_is_content: bool,
}

/// What a line starts, judged from its first characters.
enum LineStart {
    Blank,
    Heading { level: u8, marker: usize },
    Quote { depth: u8 },
    ListItem(ListMarker),
    Text,
}

fn is_space(b: Option<&u8>) -> bool {
    matches!(b, None | Some(b' ' | b'\t'))
}

/// Bytes of spaces and tabs at the start of `s`.
fn spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t']).len()
}

/// Value of a lower-case roman numeral written the usual way (`iv`, `xii`), up to 3999.
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let digit = |c: u8| match c {
        b'i' => Some(1),
        b'v' => Some(5),
        b'x' => Some(10),
        b'l' => Some(50),
        b'c' => Some(100),
        b'd' => Some(500),
        b'm' => Some(1000),
        _ => None,
    };
    let values: Option<Vec<u32>> = s.bytes().map(digit).collect();
    let values = values?;
    let mut total: i64 = 0;
    for (i, &v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|&next| next > v) {
            total -= i64::from(v);
        } else {
            total += i64::from(v);
        }
    }
    let total = u32::try_from(total).ok().filter(|&t| (1..4000).contains(&t))?;
    (to_roman(total) == s).then_some(total)
}

/// A number as a lower-case roman numeral (1 to 3999).
pub(crate) fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for &(value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// A roman numeral as list items use them: i to xxxix (larger ones read as words: "mix").
fn is_roman(s: &str) -> bool {
    s.len() <= 6 && roman_value(s).is_some_and(|v| v < 40)
}

/// The list marker `s` starts with, if any: a bullet (`- `, `• `), a number (`1. `, `1) `,
/// `(1) `), a letter or roman numeral (`(a) `, `a) `, `a. `, `(iv) `, `iv. `) or `#. `.
/// Upper-case `A.` is not a marker: it reads as an initial or a lettered paragraph.
pub(crate) fn list_marker(s: &str) -> Option<ListMarker> {
    let b = s.as_bytes();
    let first = s.chars().next()?;
    if BULLETS.contains(&first) && is_space(b.get(first.len_utf8())) && b.len() > first.len_utf8() {
        let len = first.len_utf8() + spaces(&s[first.len_utf8()..]);
        return Some(ListMarker { len, number: None, number_is_content: false });
    }
    if s.starts_with("#.") && is_space(b.get(2)) {
        return Some(ListMarker { len: 2 + spaces(&s[2..]), number: None, number_is_content: false });
    }
    let token_end = if first == '(' {
        let close = s[1..].find(')').map(|i| i + 1).filter(|&i| i <= 8)?;
        let inner = &s[1..close];
        let ok = (!inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|c| c.is_ascii_digit()))
            || (inner.len() == 1 && inner.bytes().all(|c| c.is_ascii_alphabetic()))
            || is_roman(inner)
            || is_roman(&inner.to_ascii_lowercase()) && inner.bytes().all(|c| c.is_ascii_uppercase());
        ok.then_some(close + 1)?
    } else {
        let word = b.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        let token = &s[..word];
        let delim = *b.get(word)?;
        let digits = token.bytes().all(|c| c.is_ascii_digit());
        let letter = token.len() == 1 && token.bytes().all(|c| c.is_ascii_lowercase());
        let ok = match delim {
            b'.' | b')' if digits => (1..=9).contains(&token.len()),
            b')' => letter || is_roman(token),
            b'.' => letter || is_roman(token),
            _ => false,
        };
        ok.then_some(word + 1)?
    };
    if !is_space(b.get(token_end)) {
        return None;
    }
    Some(ListMarker {
        len: token_end + spaces(&s[token_end..]),
        number: Some(s[..token_end].to_owned()),
        number_is_content: true,
    })
}

fn classify(trimmed: &str) -> LineStart {
    if trimmed.is_empty() {
        return LineStart::Blank;
    }
    let hashes = trimmed.bytes().take_while(|&c| c == b'#').count();
    if (1..=6).contains(&hashes) && is_space(trimmed.as_bytes().get(hashes)) {
        // `hashes` is at most 6, so the cast cannot truncate.
        return LineStart::Heading { level: hashes as u8, marker: hashes + spaces(&trimmed[hashes..]) };
    }
    if trimmed.starts_with('>') {
        let (count, _) = quote_marker(trimmed);
        return LineStart::Quote { depth: u8::try_from(count.saturating_sub(1)).unwrap_or(u8::MAX) };
    }
    match list_marker(trimmed) {
        Some(marker) => LineStart::ListItem(marker),
        None => LineStart::Text,
    }
}

/// The `>` markers at the start of `s` (spaces between them allowed): their count and the
/// bytes they take with one space after the last.
fn quote_marker(s: &str) -> (usize, usize) {
    let b = s.as_bytes();
    let (mut i, mut end, mut count) = (0, 0, 0);
    while let Some(&c) = b.get(i) {
        match c {
            b'>' => {
                count += 1;
                i += 1;
                end = i;
            }
            b' ' | b'\t' => i += 1,
            _ => break,
        }
    }
    (count, end + usize::from(matches!(b.get(end), Some(b' ' | b'\t'))))
}

/// Indentation width of a line (a tab counts as four columns).
fn indent_width(line: &str) -> usize {
    line.bytes().take_while(|&c| c == b' ' || c == b'\t').map(|c| if c == b'\t' { 4 } else { 1 }).sum()
}

/// Nesting of list items by indentation: the indents of the open list levels.
#[derive(Default)]
struct Levels(Vec<usize>);

impl Levels {
    /// Depth of a list item indented by `indent`.
    fn item(&mut self, indent: usize) -> u8 {
        while self.0.last().is_some_and(|&top| top > indent) {
            self.0.pop();
        }
        if self.0.last().is_none_or(|&top| top < indent) {
            self.0.push(indent);
        }
        u8::try_from(self.0.len().saturating_sub(1)).unwrap_or(u8::MAX)
    }

    /// Depth of a paragraph indented by `indent`: inside the items indented less.
    fn paragraph(&mut self, indent: usize) -> u8 {
        if indent == 0 {
            self.0.clear();
        }
        u8::try_from(self.0.iter().filter(|&&i| i < indent).count()).unwrap_or(u8::MAX)
    }
}

/// Split plain text into blocks; the text is kept unchanged.
pub(crate) fn parse(text: String) -> Draft {
    let mut draft = Draft::new(text);
    let text = std::mem::take(&mut draft.text);
    draft.reserve_blocks(&text);
    draft.text = text;
    split(&mut draft);
    conventions::apply(&mut draft);
    draft
}

fn split(draft: &mut Draft) {
    let text = std::mem::take(&mut draft.text);
    let mut open: Option<Block> = None;
    let mut levels = Levels::default();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim_end();
        let trimmed = content.trim_start();
        let start = line_start + (content.len() - trimmed.len());
        let end = line_start + content.len();
        match classify(trimmed) {
            LineStart::Blank => draft.blocks.extend(open.take()),
            LineStart::Heading { level, marker } => {
                draft.blocks.extend(open.take());
                levels.paragraph(0);
                draft.style(start, start + marker, InlineStyle::Markup);
                let block =
                    Block::new(BlockKind::Heading { level }, start, end).with_content_start(start + marker);
                draft.blocks.push(block);
            }
            LineStart::Quote { depth } => {
                let (_, marker) = quote_marker(trimmed);
                draft.style(start, start + marker, InlineStyle::Markup);
                match &mut open {
                    Some(b) if b.kind == BlockKind::Quote => b.end = end,
                    _ => {
                        draft.blocks.extend(open.take());
                        let block = Block::new(BlockKind::Quote, start, end)
                            .with_content_start(start + marker)
                            .with_depth(depth);
                        open = Some(block);
                    }
                }
            }
            LineStart::ListItem(marker) => {
                draft.blocks.extend(open.take());
                let depth = levels.item(indent_width(line));
                let mut block = Block::new(BlockKind::ListItem, start, end).with_depth(depth);
                if marker.number_is_content {
                    block.number = marker.number.map(String::into_boxed_str);
                } else {
                    draft.style(start, start + marker.len, InlineStyle::Markup);
                    block.content_start = start + marker.len;
                }
                open = Some(block);
            }
            LineStart::Text => match &mut open {
                Some(b) => b.end = end,
                None => {
                    let depth = levels.paragraph(indent_width(line));
                    open = Some(Block::new(BlockKind::Paragraph, start, end).with_depth(depth));
                }
            },
        }
    }
    draft.blocks.extend(open);
    draft.text = text;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(BlockKind, &str)> {
        let draft = parse(text.to_owned());
        draft.blocks.iter().map(|b| (b.kind, &text[b.start..b.end])).collect()
    }

    #[test]
    fn paragraphs_lists_headings_quotes() {
        let text = "# Title\n\nFirst line\nsecond line\n\n- one\n  more\n* two\n1. three\n\n> quoted\n> on\n\n  A. Lettered  \n";
        assert_eq!(
            blocks(text),
            vec![
                (BlockKind::Heading { level: 1 }, "# Title"),
                (BlockKind::Paragraph, "First line\nsecond line"),
                (BlockKind::ListItem, "- one\n  more"),
                (BlockKind::ListItem, "* two"),
                (BlockKind::ListItem, "1. three"),
                (BlockKind::Quote, "> quoted\n> on"),
                (BlockKind::Paragraph, "A. Lettered"),
            ]
        );
    }

    fn starts_with_list_marker(s: &str) -> bool {
        list_marker(s).is_some()
    }

    #[test]
    fn bold_and_decimal_numbers_are_not_list_markers() {
        assert!(!starts_with_list_marker("**bold**"));
        assert!(!starts_with_list_marker("1.12 text"));
        assert!(!starts_with_list_marker("#hashtag"));
        assert!(!starts_with_list_marker("A. Smith"));
        assert!(!starts_with_list_marker("e.g. this"));
        assert!(!starts_with_list_marker("(see below) text"));
        assert!(!starts_with_list_marker("(mix) text"));
        assert_eq!(roman_value("xiv"), Some(14));
        assert_eq!(roman_value("iiv"), None);
        assert!(starts_with_list_marker("12) text"));
        assert!(starts_with_list_marker("#. auto"));
    }

    #[test]
    fn markers_give_numbers_as_written() {
        let number = |s: &str| list_marker(s).and_then(|m| m.number);
        assert_eq!(number("(a) text").as_deref(), Some("(a)"));
        assert_eq!(number("iv. text").as_deref(), Some("iv."));
        assert_eq!(number("(IV) text").as_deref(), Some("(IV)"));
        assert_eq!(number("b) text").as_deref(), Some("b)"));
        assert_eq!(number("10. text").as_deref(), Some("10."));
        assert_eq!(number("• text"), None);
        assert_eq!(list_marker("\u{F0B7}\ttext").map(|m| m.len), Some(4));
    }

    #[test]
    fn structure_fields_are_filled() {
        let text = "## Head\n\n- top\n  - nested\n    (a) deeper\n- back\n\n> > inner\n> > more\n";
        let draft = parse(text.to_owned());
        let got: Vec<_> = draft
            .blocks
            .iter()
            .map(|b| (&text[b.content_start..b.end], b.depth, b.number.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Head", 0, None),
                ("top", 0, None),
                ("nested", 1, None),
                ("(a) deeper", 2, Some("(a)")),
                ("back", 0, None),
                ("inner\n> > more", 1, None),
            ]
        );
        let markup: Vec<&str> = draft
            .styles
            .iter()
            .filter(|r| r.style == InlineStyle::Markup)
            .map(|r| &text[r.start..r.end])
            .collect();
        assert_eq!(markup, vec!["## ", "- ", "- ", "- ", "> > ", "> > "]);
    }
}
