//! Block structure of plain text: blank-line separated paragraphs, list items, `#`
//! headings and `>` quotes.

use super::{BlockKind, RawBlock};

/// What a line starts, judged from its first characters.
enum LineStart {
    Blank,
    Heading(u8),
    Quote,
    ListItem,
    Text,
}

/// True when `s` starts with a list marker: `- `, `* `, `+ `, `• `, `1. `, `1) ` or `#. `.
pub(crate) fn starts_with_list_marker(s: &str) -> bool {
    let b = s.as_bytes();
    let spaced = |i: usize| matches!(b.get(i), None | Some(b' ' | b'\t'));
    match b.first() {
        Some(b'-' | b'*' | b'+') => matches!(b.get(1), Some(b' ' | b'\t')),
        Some(b'#') => b.get(1) == Some(&b'.') && spaced(2),
        Some(c) if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            digits <= 9 && matches!(b.get(digits), Some(b'.' | b')')) && spaced(digits + 1)
        }
        _ => s.starts_with("• ") || s.starts_with("•\t"),
    }
}

fn classify(trimmed: &str) -> LineStart {
    if trimmed.is_empty() {
        return LineStart::Blank;
    }
    let hashes = trimmed.bytes().take_while(|&c| c == b'#').count();
    if (1..=6).contains(&hashes) && matches!(trimmed.as_bytes().get(hashes), None | Some(b' ' | b'\t')) {
        // `hashes` is at most 6, so the cast cannot truncate.
        return LineStart::Heading(hashes as u8);
    }
    if trimmed.starts_with('>') {
        return LineStart::Quote;
    }
    if starts_with_list_marker(trimmed) {
        return LineStart::ListItem;
    }
    LineStart::Text
}

/// Split plain text into blocks (byte offsets, end exclusive, trailing space trimmed).
pub(crate) fn parse(text: &str, out: &mut Vec<RawBlock>) {
    let mut open: Option<RawBlock> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim_end();
        let trimmed = content.trim_start();
        let start = line_start + (content.len() - trimmed.len());
        let end = line_start + content.len();
        match classify(trimmed) {
            LineStart::Blank => out.extend(open.take()),
            LineStart::Heading(level) => {
                out.extend(open.take());
                out.push(RawBlock { kind: BlockKind::Heading { level }, start, end });
            }
            LineStart::Quote => match &mut open {
                Some(b) if b.kind == BlockKind::Quote => b.end = end,
                _ => {
                    out.extend(open.take());
                    open = Some(RawBlock { kind: BlockKind::Quote, start, end });
                }
            },
            LineStart::ListItem => {
                out.extend(open.take());
                open = Some(RawBlock { kind: BlockKind::ListItem, start, end });
            }
            LineStart::Text => match &mut open {
                Some(b) => b.end = end,
                None => open = Some(RawBlock { kind: BlockKind::Paragraph, start, end }),
            },
        }
    }
    out.extend(open);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(BlockKind, &str)> {
        let mut out = Vec::new();
        parse(text, &mut out);
        out.iter().map(|b| (b.kind, &text[b.start..b.end])).collect()
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

    #[test]
    fn bold_and_decimal_numbers_are_not_list_markers() {
        assert!(!starts_with_list_marker("**bold**"));
        assert!(!starts_with_list_marker("1.12 text"));
        assert!(!starts_with_list_marker("#hashtag"));
        assert!(starts_with_list_marker("12) text"));
        assert!(starts_with_list_marker("#. auto"));
    }
}
