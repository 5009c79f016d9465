//! Block structure of Markdown through pulldown-cmark's offset iterator.

use super::{BlockKind, RawBlock};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// A list item whose first line of content has not been emitted yet.
struct Item {
    start: usize,
    emitted: bool,
    content_end: Option<usize>,
}

#[derive(Default)]
struct State {
    items: Vec<Item>,
    quote_depth: usize,
    footnote_depth: usize,
    /// Depth of leaf blocks (paragraph, heading, code, table row) being read.
    leaf_depth: usize,
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let end = end.min(text.len()).max(start);
    start + text.get(start..end).map_or(0, |s| s.trim_end().len())
}

impl State {
    /// Emit the pending first line of the innermost list item, ending at its content so far.
    fn flush_item(&mut self, text: &str, out: &mut Vec<RawBlock>) {
        if let Some(item) = self.items.last_mut()
            && !item.emitted
            && let Some(end) = item.content_end
        {
            item.emitted = true;
            out.push(RawBlock {
                kind: BlockKind::ListItem,
                start: item.start,
                end: trim_end(text, item.start, end),
            });
        }
    }

    fn leaf(&mut self, kind: BlockKind, range: Range<usize>, text: &str, out: &mut Vec<RawBlock>) {
        let end = trim_end(text, range.start, range.end);
        if let Some(item) = self.items.last_mut()
            && !item.emitted
        {
            item.emitted = true;
            let kind = if matches!(kind, BlockKind::Heading { .. }) { kind } else { BlockKind::ListItem };
            out.push(RawBlock { kind, start: item.start, end });
            return;
        }
        let kind = match kind {
            BlockKind::Paragraph if self.footnote_depth > 0 => BlockKind::Footnote,
            BlockKind::Paragraph if self.quote_depth > 0 => BlockKind::Quote,
            other => other,
        };
        out.push(RawBlock { kind, start: range.start, end });
    }
}

/// Split Markdown into blocks (byte offsets, end exclusive, trailing space trimmed).
pub(crate) fn parse(text: &str, out: &mut Vec<RawBlock>) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut st = State::default();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::TableHead
                | Tag::TableRow => {
                    if st.leaf_depth == 0 {
                        st.flush_item(text, out);
                    }
                    st.leaf_depth += 1;
                }
                Tag::List(_) | Tag::Table(_) => st.flush_item(text, out),
                Tag::BlockQuote(_) => {
                    st.flush_item(text, out);
                    st.quote_depth += 1;
                }
                Tag::FootnoteDefinition(_) => {
                    st.flush_item(text, out);
                    st.footnote_depth += 1;
                }
                Tag::Item => {
                    st.flush_item(text, out);
                    st.items.push(Item { start: range.start, emitted: false, content_end: None });
                }
                _ => st.note_inline(range.end),
            },
            Event::End(end) => match end {
                TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                    st.leaf_depth = st.leaf_depth.saturating_sub(1);
                    st.leaf(BlockKind::Paragraph, range, text, out);
                }
                TagEnd::Heading(level) => {
                    st.leaf_depth = st.leaf_depth.saturating_sub(1);
                    st.leaf(BlockKind::Heading { level: heading_level(level) }, range, text, out);
                }
                TagEnd::TableHead | TagEnd::TableRow => {
                    st.leaf_depth = st.leaf_depth.saturating_sub(1);
                    st.leaf(BlockKind::TableRow, range, text, out);
                }
                TagEnd::BlockQuote(_) => st.quote_depth = st.quote_depth.saturating_sub(1),
                TagEnd::FootnoteDefinition => st.footnote_depth = st.footnote_depth.saturating_sub(1),
                TagEnd::Item => {
                    if let Some(item) = st.items.pop()
                        && !item.emitted
                    {
                        let end = trim_end(text, item.start, item.content_end.unwrap_or(range.end));
                        out.push(RawBlock { kind: BlockKind::ListItem, start: item.start, end });
                    }
                }
                _ => st.note_inline(range.end),
            },
            _ => st.note_inline(range.end),
        }
    }
}

impl State {
    /// Inline content outside any leaf belongs to the innermost (tight) list item.
    fn note_inline(&mut self, end: usize) {
        if self.leaf_depth == 0
            && let Some(item) = self.items.last_mut()
            && !item.emitted
        {
            item.content_end = Some(item.content_end.map_or(end, |e| e.max(end)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(BlockKind, &str)> {
        let mut out = Vec::new();
        parse(text, &mut out);
        out.sort_by_key(|b| b.start);
        out.iter().map(|b| (b.kind, &text[b.start..b.end])).collect()
    }

    #[test]
    fn markdown_blocks_cover_their_source() {
        let text = "## Heading\n\nA. Lettered paragraph\nwrapped.\n\n- 1.1 item\n- 1.2 item\n  - nested\n\n1. first\n\n   second para\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(
            blocks(text),
            vec![
                (BlockKind::Heading { level: 2 }, "## Heading"),
                (BlockKind::Paragraph, "A. Lettered paragraph\nwrapped."),
                (BlockKind::ListItem, "- 1.1 item"),
                (BlockKind::ListItem, "- 1.2 item"),
                (BlockKind::ListItem, "- nested"),
                (BlockKind::ListItem, "1. first"),
                (BlockKind::Paragraph, "second para"),
                (BlockKind::Quote, "quote"),
                (BlockKind::TableRow, "| a | b |"),
                (BlockKind::TableRow, "| 1 | 2 |"),
            ]
        );
    }
}
