//! Plain-text conventions that no markup language marks, applied to the blocks of txt, md
//! and html alike: `#.` auto-numbered items, numbered paragraphs (`2.2 The …`) run on from
//! the line before in PDF conversions, and footnotes that start with a superscript digit.

use super::blocks::{Block, BlockKind};
use super::draft::Draft;

/// Apply every convention to a draft's blocks (byte offsets).
pub(crate) fn apply(draft: &mut Draft) {
    let text = &draft.text;
    let blocks = &mut draft.blocks;
    split_where(blocks, |b| is_auto_numbered_paragraph(text, b), |b, out| split_auto_numbered(text, b, out));
    split_where(
        blocks,
        |b| has_numbered_paragraph_line(text, b),
        |b, out| split_numbered_paragraph_lines(text, b, out),
    );
    number_auto_numbered(text, blocks);
    for b in blocks.iter_mut() {
        if b.kind == BlockKind::Paragraph && starts_with_superscript_digit(&text[b.start..b.end]) {
            b.kind = BlockKind::Footnote;
        }
    }
}

/// Replace every block for which `needs` holds by what `split` makes of it. Blocks before the
/// first such block stay where they are (most documents have none: nothing is copied).
fn split_where(
    blocks: &mut Vec<Block>,
    needs: impl Fn(&Block) -> bool,
    mut split: impl FnMut(Block, &mut Vec<Block>),
) {
    let Some(first) = blocks.iter().position(&needs) else { return };
    let tail = blocks.split_off(first);
    blocks.reserve(tail.len());
    for b in tail {
        if needs(&b) {
            split(b, blocks);
        } else {
            blocks.push(b);
        }
    }
}

/// True when `s` starts with a superscript digit (a footnote converted from PDF).
pub(crate) fn starts_with_superscript_digit(s: &str) -> bool {
    matches!(s.chars().next(), Some('¹' | '²' | '³' | '⁰'..='⁹'))
}

/// The `#. ` marker of an auto-numbered item.
const AUTO_MARKER: &str = "#. ";

/// True for a paragraph of `#. ` lines (Markdown has no `#.` auto-numbered lists, so
/// consecutive `#. ` lines arrive as one paragraph).
fn is_auto_numbered_paragraph(text: &str, b: &Block) -> bool {
    b.kind == BlockKind::Paragraph && text[b.start..b.end].starts_with(AUTO_MARKER)
}

/// Split a paragraph of `#. ` lines into one list item per line that starts one.
fn split_auto_numbered(text: &str, b: Block, out: &mut Vec<Block>) {
    let body = &text[b.start..b.end];
    let depth = b.depth;
    let item = |start: usize, end: usize| {
        Block::new(BlockKind::ListItem, start, end)
            .with_depth(depth)
            .with_content_start(start + AUTO_MARKER.len())
    };
    let mut item_start = b.start;
    let mut pos = b.start;
    for line in body.split_inclusive('\n') {
        if pos > item_start && line.trim_start().starts_with(AUTO_MARKER) {
            let end = item_start + text[item_start..pos].trim_end().len();
            out.push(item(item_start, end));
            item_start = pos + (line.len() - line.trim_start().len());
        }
        pos += line.len();
    }
    out.push(item(item_start, b.end));
}

/// Give `#.` items the numbers they render as: 1., 2., … for each run of them at one depth.
fn number_auto_numbered(text: &str, blocks: &mut [Block]) {
    let mut counters: Vec<u32> = Vec::new();
    for b in blocks.iter_mut() {
        let auto =
            b.kind == BlockKind::ListItem && b.number.is_none() && text[b.start..b.end].starts_with("#.");
        let depth = usize::from(b.depth);
        if !auto {
            // Another block ends the runs at its depth and deeper (a deeper block does not).
            if b.kind != BlockKind::ListItem || b.depth == 0 {
                counters.truncate(depth);
            }
            continue;
        }
        counters.resize(depth + 1, 0);
        counters[depth] += 1;
        b.number = Some(format!("{}.", counters[depth]).into());
        b.content_start = (b.start + 2 + usize::from(text[b.start + 2..].starts_with(' '))).min(b.end);
    }
}

/// True when `line` starts a numbered paragraph: `4.4 Text`, `- 4.4 Text`, `2.3.1 “Text`.
fn starts_numbered_paragraph(line: &str) -> bool {
    let t = line.trim_start();
    let t = t.strip_prefix("- ").unwrap_or(t);
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let major = digits(t);
    if !(1..=2).contains(&major) || t.as_bytes().get(major) != Some(&b'.') {
        return false;
    }
    let rest = &t[major + 1..];
    let minor = digits(rest);
    if !(1..=3).contains(&minor) {
        return false;
    }
    let mut rest = &rest[minor..];
    if let Some(r) = rest.strip_prefix('.')
        && (1..=3).contains(&digits(r))
    {
        rest = &r[digits(r)..];
    }
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    let after = rest.trim_start_matches([' ', '\t']);
    after.len() < rest.len() && after.starts_with(|c: char| c.is_uppercase() || "“\"‘(".contains(c))
}

/// True when a later line of a paragraph or list item starts a numbered paragraph (PDF
/// conversions run `2.2 The …` on from the line before it).
fn has_numbered_paragraph_line(text: &str, b: &Block) -> bool {
    matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)
        && text[b.start..b.end].split('\n').skip(1).any(starts_numbered_paragraph)
}

/// Split a block before every later line that starts a numbered paragraph.
fn split_numbered_paragraph_lines(text: &str, b: Block, out: &mut Vec<Block>) {
    let body = &text[b.start..b.end];
    let end = b.end;
    let depth = b.depth;
    let mut current = b;
    let mut pos = current.start;
    for line in body.split_inclusive('\n') {
        if pos > current.start && starts_numbered_paragraph(line) {
            current.end = current.start + text[current.start..pos].trim_end().len();
            out.push(current);
            let start = pos + (line.len() - line.trim_start().len());
            current = Block::new(BlockKind::Paragraph, start, end).with_depth(depth);
        }
        pos += line.len();
    }
    out.push(current);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str, kinds: &[(BlockKind, usize, usize)]) -> Vec<(BlockKind, String, Option<String>)> {
        let mut draft = Draft::new(text.to_owned());
        draft.blocks = kinds.iter().map(|&(k, s, e)| Block::new(k, s, e)).collect();
        apply(&mut draft);
        draft
            .blocks
            .iter()
            .map(|b| {
                (
                    b.kind,
                    draft.text[b.content_start..b.end].to_owned(),
                    b.number.as_deref().map(str::to_owned),
                )
            })
            .collect()
    }

    #[test]
    fn auto_numbered_items_are_split_and_numbered() {
        let text = "#. first\n#. second\nwrapped";
        assert_eq!(
            blocks(text, &[(BlockKind::Paragraph, 0, text.len())]),
            vec![
                (BlockKind::ListItem, "first".into(), Some("1.".into())),
                (BlockKind::ListItem, "second\nwrapped".into(), Some("2.".into())),
            ]
        );
    }

    #[test]
    fn superscript_paragraphs_are_footnotes() {
        assert_eq!(blocks("¹ A note", &[(BlockKind::Paragraph, 0, 9)])[0].0, BlockKind::Footnote);
    }
}
