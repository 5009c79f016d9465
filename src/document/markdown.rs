//! Markdown through pulldown-cmark's offset iterator: blocks with their structure (heading
//! levels, list numbers as rendered and depth, quotes, footnotes, table cells), bold, italic
//! and code runs, and `Markup` runs over the syntax the reader does not show.
//!
//! The text is the file's text, unchanged. Inside a block, every byte that no inline
//! content event covers (emphasis delimiters, backticks, `[`, `](url)`, heading `#`s, quote
//! `>`s of later lines, table pipes, backslashes of escapes, inline HTML) is `Markup`.

use super::blocks::{Block, BlockKind, InlineStyle};
use super::conventions;
use super::draft::Draft;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The Markdown dialect: CommonMark with tables, footnotes and strikethrough.
const OPTIONS: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_FOOTNOTES).union(Options::ENABLE_STRIKETHROUGH);

/// A container block being read.
enum Container {
    /// A list; `next` is the number the next item renders as (None: bullets).
    List { next: Option<u64> },
    /// A list item; its first leaf becomes the `ListItem` block.
    Item(Item),
    /// A block quote.
    Quote,
    /// A footnote definition; its first leaf becomes a `Footnote` block starting at `start`.
    Footnote { start: usize, label: Box<str>, emitted: bool },
}

/// A list item whose first block has not been written yet.
struct Item {
    /// Byte of the marker.
    start: usize,
    /// Byte after the marker and the spaces after it.
    marker_end: usize,
    /// The number as rendered (ordered lists).
    number: Option<Box<str>>,
    /// The written number is the rendered one, so it is content, not markup.
    number_is_content: bool,
    emitted: bool,
}

/// The leaf block being read.
struct Leaf {
    block: Block,
    /// Everything before this byte is accounted for (content or markup).
    cursor: usize,
    /// Opened by inline content outside any leaf tag (a tight list item).
    implicit: bool,
    /// First and last byte of content, for code blocks.
    content: Option<Range<usize>>,
    /// End of the last inline event (content or emphasis, link… delimiters), where an
    /// implicit leaf ends.
    extent: usize,
    code: bool,
    cells: Vec<(usize, usize)>,
    cell_start: Option<usize>,
}

struct Builder<'t> {
    text: &'t str,
    containers: Vec<Container>,
    leaf: Option<Leaf>,
    draft: Draft,
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

/// Split Markdown into blocks and style runs; the text is kept unchanged.
pub(crate) fn parse(text: String) -> Draft {
    let mut builder = Builder { text: &text, containers: Vec::new(), leaf: None, draft: Draft::default() };
    builder.draft.reserve_blocks(&text);
    for (event, range) in Parser::new_ext(&text, OPTIONS).into_offset_iter() {
        builder.event(event, range);
    }
    builder.close_implicit();
    let Draft { blocks, styles, .. } = builder.draft;
    let mut draft = Draft { text, blocks, styles, pages: Vec::new() };
    conventions::apply(&mut draft);
    draft
}

/// `end` moved back over trailing whitespace, not before `start`.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let end = end.min(text.len()).max(start);
    start + text.get(start..end).map_or(0, |s| s.trim_end().len())
}

/// Bytes of spaces and tabs at the start of `s`.
fn spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t']).len()
}

/// Bytes of a task-list box (`[ ] `, `[x] `) at the start of an item: list syntax (GitHub's
/// task lists), so the item's content starts after it. 0 when there is none.
fn task_box(s: &str) -> usize {
    ["[ ]", "[x]", "[X]"]
        .iter()
        .find(|b| s.starts_with(*b) && s[3..].starts_with([' ', '\t']))
        .map_or(0, |b| b.len() + spaces(&s[b.len()..]))
}

impl Builder<'_> {
    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) => self.text_event(&t, range),
            Event::Code(_) => {
                self.draft.style(range.start, range.end, InlineStyle::Code);
                let src = &self.text[range.clone()];
                let ticks = src.bytes().take_while(|&b| b == b'`').count();
                let inner = (range.start + ticks)..(range.end - ticks.min(range.len() - ticks));
                self.content(range.start, inner);
            }
            Event::FootnoteReference(_) => {
                // `[^label]`: the label is shown, the brackets and caret are markup.
                let inner = (range.start + 2).min(range.end)..range.end.saturating_sub(1).max(range.start);
                self.content(range.start, inner);
            }
            Event::Html(_) | Event::SoftBreak | Event::HardBreak | Event::TaskListMarker(_) => {
                self.content(range.start, range)
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => self.content(range.start, range),
            Event::InlineHtml(_) => self.inline_extent(range.start, range.end),
            Event::Rule => self.close_implicit(),
        }
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock | Tag::TableHead | Tag::TableRow => {
                let kind = if matches!(tag, Tag::TableHead | Tag::TableRow) {
                    BlockKind::TableRow
                } else {
                    BlockKind::Paragraph
                };
                self.open_leaf(kind, range, false);
            }
            Tag::Heading { level, .. } => {
                self.open_leaf(BlockKind::Heading { level: heading_level(level) }, range, false)
            }
            Tag::CodeBlock(kind) => self.open_leaf(
                BlockKind::Paragraph,
                range,
                matches!(kind, CodeBlockKind::Fenced(_) | CodeBlockKind::Indented),
            ),
            Tag::TableCell => {
                if let Some(leaf) = &mut self.leaf {
                    leaf.cell_start = Some(range.start);
                }
            }
            Tag::Table(_) => self.close_implicit(),
            Tag::List(first) => {
                self.close_implicit();
                self.containers.push(Container::List { next: first });
            }
            Tag::Item => {
                self.close_implicit();
                let item = self.item(range.start);
                self.containers.push(Container::Item(item));
            }
            Tag::BlockQuote(_) => {
                self.close_implicit();
                self.containers.push(Container::Quote);
            }
            Tag::FootnoteDefinition(label) => {
                self.close_implicit();
                self.containers.push(Container::Footnote {
                    start: range.start,
                    label: label.into_string().into_boxed_str(),
                    emitted: false,
                });
            }
            Tag::Strong => {
                self.inline_extent(range.start, range.end);
                self.draft.style(range.start, range.end, InlineStyle::Bold);
            }
            Tag::Emphasis => {
                self.inline_extent(range.start, range.end);
                self.draft.style(range.start, range.end, InlineStyle::Italic);
            }
            _ => self.inline_extent(range.start, range.end),
        }
    }

    /// An inline element (emphasis, link, image…) spans `start..end`: the leaf reaches there.
    fn inline_extent(&mut self, start: usize, end: usize) {
        if self.leaf.is_none() {
            self.open_implicit(start);
        }
        if let Some(leaf) = &mut self.leaf {
            leaf.extent = leaf.extent.max(end);
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::TableHead
            | TagEnd::TableRow => self.close_leaf(range.end),
            TagEnd::TableCell => {
                if let Some(leaf) = &mut self.leaf
                    && let Some(start) = leaf.cell_start.take()
                {
                    let cell = &self.text[start..range.end.max(start)];
                    let s = start + (cell.len() - cell.trim_start().len());
                    let e = trim_end(self.text, s, range.end);
                    leaf.cells.push((s, e));
                }
            }
            TagEnd::Item | TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.close_implicit();
                self.containers.pop();
            }
            _ => {}
        }
    }

    /// A list item starting at byte `start`: its marker, and its number from the list.
    fn item(&mut self, start: usize) -> Item {
        let rest = &self.text[start..];
        let next = match self.containers.last_mut() {
            Some(Container::List { next: Some(n) }) => {
                let current = *n;
                *n = n.saturating_add(1);
                Some(current)
            }
            _ => None,
        };
        match next {
            Some(rendered) => {
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                let written = &rest[..digits];
                let delim = rest.get(digits..=digits).unwrap_or(".");
                let marker = digits + delim.len();
                let is_content = written.parse::<u64>().ok() == Some(rendered);
                let number =
                    if is_content { format!("{written}{delim}") } else { format!("{rendered}{delim}") };
                let after = marker.min(rest.len());
                let after = after + spaces(&rest[after..]);
                Item {
                    start,
                    marker_end: start + after + task_box(&rest[after..]),
                    number: Some(number.into_boxed_str()),
                    number_is_content: is_content,
                    emitted: false,
                }
            }
            None => {
                let marker = rest.chars().next().map_or(0, char::len_utf8);
                let after = marker + spaces(&rest[marker..]);
                Item {
                    start,
                    marker_end: start + after + task_box(&rest[after..]),
                    number: None,
                    number_is_content: false,
                    emitted: false,
                }
            }
        }
    }

    /// Items and quotes around the current position.
    fn nesting(&self) -> u8 {
        let n = self.containers.iter().filter(|c| matches!(c, Container::Item(_) | Container::Quote)).count();
        u8::try_from(n).unwrap_or(u8::MAX)
    }

    fn open_leaf(&mut self, kind: BlockKind, range: Range<usize>, code: bool) {
        self.close_implicit();
        let depth = self.nesting();
        let in_quote = self.containers.iter().any(|c| matches!(c, Container::Quote));
        let in_footnote = self.containers.iter().any(|c| matches!(c, Container::Footnote { .. }));
        let text = self.text;
        let (block, cursor) = match self.containers.last_mut() {
            Some(Container::Item(item)) if !item.emitted => {
                item.emitted = true;
                let kind = if matches!(kind, BlockKind::Heading { .. }) { kind } else { BlockKind::ListItem };
                let mut block = Block::new(kind, item.start, range.end).with_depth(depth.saturating_sub(1));
                block.number = item.number.take();
                if item.number_is_content {
                    (block, item.marker_end)
                } else {
                    block.content_start =
                        item.marker_end.max(range.start).min(range.end.max(item.marker_end));
                    (block, item.start)
                }
            }
            Some(Container::Footnote { start, label, emitted }) if !*emitted => {
                *emitted = true;
                let mut block = Block::new(BlockKind::Footnote, *start, range.end)
                    .with_content_start(range.start)
                    .with_depth(depth);
                block.number = Some(std::mem::take(label));
                (block, *start)
            }
            _ => {
                let (kind, start, depth) = match kind {
                    BlockKind::Paragraph if in_footnote => (BlockKind::Footnote, range.start, depth),
                    BlockKind::Paragraph if in_quote => {
                        (BlockKind::Quote, quote_marker_start(text, range.start), depth.saturating_sub(1))
                    }
                    k => (k, range.start, depth),
                };
                let mut block = Block::new(kind, start, range.end).with_depth(depth);
                block.content_start = range.start;
                if let BlockKind::Heading { .. } = kind {
                    let rest = &text[range.start..];
                    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
                    if hashes > 0 {
                        block.content_start = range.start + hashes + spaces(&rest[hashes..]);
                    }
                }
                (block, start)
            }
        };
        self.leaf = Some(Leaf {
            block,
            cursor,
            implicit: false,
            content: None,
            extent: range.start,
            code,
            cells: Vec::new(),
            cell_start: None,
        });
    }

    /// Inline content at `range` (with markup before it from `markup_from`).
    fn content(&mut self, at: usize, range: Range<usize>) {
        if self.leaf.is_none() {
            self.open_implicit(at);
        }
        let Some(leaf) = &mut self.leaf else { return };
        if range.start > leaf.cursor {
            self.draft.style(leaf.cursor, range.start, InlineStyle::Markup);
        }
        leaf.cursor = leaf.cursor.max(range.end);
        leaf.extent = leaf.extent.max(range.end);
        if range.end > range.start {
            leaf.content = Some(match &leaf.content {
                Some(c) => c.start..range.end.max(c.end),
                None => range,
            });
        }
    }

    fn text_event(&mut self, shown: &CowStr, range: Range<usize>) {
        let source = &self.text[range.clone()];
        // An entity (`&amp;`) shows as its first character where that is the character
        // itself; the rest of the reference is markup.
        let visible =
            if source != shown.as_ref() && source.len() > shown.len() && source.starts_with(shown.as_ref()) {
                range.start..range.start + shown.len()
            } else {
                range.clone()
            };
        self.content(range.start, visible);
    }

    /// Inline content outside a leaf tag: the first line of a tight list item (or text
    /// after a nested list).
    fn open_implicit(&mut self, at: usize) {
        let depth = self.nesting();
        let (block, cursor) = match self.containers.last_mut() {
            Some(Container::Item(item)) if !item.emitted => {
                item.emitted = true;
                let mut block =
                    Block::new(BlockKind::ListItem, item.start, at).with_depth(depth.saturating_sub(1));
                block.number = item.number.take();
                if item.number_is_content {
                    (block, item.marker_end)
                } else {
                    block.content_start = item.marker_end;
                    (block, item.start)
                }
            }
            _ => (Block::new(BlockKind::Paragraph, at, at).with_depth(depth), at),
        };
        self.leaf = Some(Leaf {
            block,
            cursor,
            implicit: true,
            content: None,
            extent: at,
            code: false,
            cells: Vec::new(),
            cell_start: None,
        });
    }

    fn close_implicit(&mut self) {
        if self.leaf.as_ref().is_some_and(|l| l.implicit) {
            let end = self.leaf.as_ref().map_or(0, |l| l.extent);
            self.close_leaf(end);
        }
    }

    fn close_leaf(&mut self, end: usize) {
        let Some(mut leaf) = self.leaf.take() else { return };
        let end = trim_end(self.text, leaf.block.start, end);
        if leaf.cursor < end {
            self.draft.style(leaf.cursor, end, InlineStyle::Markup);
        }
        if leaf.code
            && let Some(c) = &leaf.content
        {
            self.draft.style(c.start, c.end.min(end), InlineStyle::Code);
        }
        let block = &mut leaf.block;
        block.end = end;
        block.content_start = block.content_start.clamp(block.start, end);
        if !leaf.cells.is_empty() {
            block.content_start = leaf.cells[0].0.clamp(block.start, end);
            block.cells = leaf.cells.into_boxed_slice();
        }
        if block.end > block.start {
            self.draft.blocks.push(leaf.block);
        }
    }
}

/// Where the `>` markers before a quoted paragraph at `start` begin (on its first line).
fn quote_marker_start(text: &str, start: usize) -> usize {
    let before = &text[..start];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prefix = &before[line_start..];
    let run = prefix.len() - prefix.trim_end_matches(['>', ' ', '\t']).len();
    let from = start - run;
    match text[from..start].find('>') {
        Some(i) => from + i,
        None => start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(BlockKind, &str)> {
        let draft = parse(text.to_owned());
        draft.blocks.iter().map(|b| (b.kind, &text[b.start..b.end])).collect()
    }

    fn markup(text: &str) -> Vec<&str> {
        let draft = parse(text.to_owned());
        draft
            .styles
            .iter()
            .filter(|r| r.style == InlineStyle::Markup)
            .map(|r| &text[r.start..r.end])
            .collect()
    }

    #[test]
    fn a_task_box_is_list_syntax_and_the_content_starts_after_it() {
        let text = "- [ ] Review the privileges.\n- [x] Done already.\n- [link] is text\n";
        let draft = parse(text.to_owned());
        let content: Vec<&str> = draft.blocks.iter().map(|b| &text[b.content_start..b.end]).collect();
        assert_eq!(content, ["Review the privileges.", "Done already.", "[link] is text"]);
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
                (BlockKind::Quote, "> quote"),
                (BlockKind::TableRow, "| a | b |"),
                (BlockKind::TableRow, "| 1 | 2 |"),
            ]
        );
    }

    #[test]
    fn structure_fields_are_filled() {
        let text =
            "# T #\n\n- a\n  - b\n\n3. three\n3. four\n\n> q\n> more\n\n[^n]: Note.\n\n- x\n\n  para\n";
        let draft = parse(text.to_owned());
        let got: Vec<_> = draft
            .blocks
            .iter()
            .map(|b| (b.kind, &text[b.content_start..b.end], b.depth, b.number.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading { level: 1 }, "T #", 0, None),
                (BlockKind::ListItem, "a", 0, None),
                (BlockKind::ListItem, "b", 1, None),
                (BlockKind::ListItem, "3. three", 0, Some("3.")),
                (BlockKind::ListItem, "four", 0, Some("4.")),
                (BlockKind::Quote, "q\n> more", 0, None),
                (BlockKind::Footnote, "Note.", 0, Some("n")),
                (BlockKind::ListItem, "x", 0, None),
                (BlockKind::Paragraph, "para", 1, None),
            ]
        );
    }

    #[test]
    fn syntax_that_is_not_shown_is_markup() {
        assert_eq!(markup("# Title #\n"), vec!["# ", " #"]);
        assert_eq!(
            markup("**A.** _it_ `c` [l](u) \\* x[^1]\n\n[^1]: n\n")[..11],
            vec!["**", "**", "_", "_", "`", "`", "[", "](u)", "\\", "[^", "]"]
        );
        assert_eq!(markup("- item\n"), vec!["- "]);
        assert_eq!(markup("1. item\n"), Vec::<&str>::new());
        assert_eq!(markup("> a\n> b\n"), vec!["> ", "> "]);
        assert_eq!(markup("a &amp; b\n"), vec!["amp;"]);
    }

    #[test]
    fn bold_italic_and_code_runs() {
        let text = "**bold** *it* `code`\n";
        let draft = parse(text.to_owned());
        let runs: Vec<_> = draft
            .styles
            .iter()
            .filter(|r| r.style != InlineStyle::Markup)
            .map(|r| (r.style, &text[r.start..r.end]))
            .collect();
        assert_eq!(
            runs,
            vec![
                (InlineStyle::Bold, "**bold**"),
                (InlineStyle::Italic, "*it*"),
                (InlineStyle::Code, "`code`")
            ]
        );
    }

    #[test]
    fn table_cells_are_trimmed_ranges() {
        let text = "| a | b\\|c |\n|---|---|\n| 1 |  |\n";
        let draft = parse(text.to_owned());
        let cells: Vec<Vec<&str>> =
            draft.blocks.iter().map(|b| b.cells.iter().map(|&(s, e)| &text[s..e]).collect()).collect();
        assert_eq!(cells, vec![vec!["a", "b\\|c"], vec!["1", ""]]);
    }
}
