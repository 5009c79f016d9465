//! The one block model every importer produces: block kinds, blocks, inline style runs and
//! page starts. Offsets are character (Unicode scalar) offsets into the normalised text.

/// What a block of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum BlockKind {
    /// A heading, level 1 (largest) to 6.
    Heading {
        /// 1 to 6.
        level: u8,
    },
    /// A paragraph of running text.
    Paragraph,
    /// One item of a bulleted or numbered list (its first paragraph, marker included).
    ListItem,
    /// Quoted text.
    Quote,
    /// One row of a table (the header row included).
    TableRow,
    /// A footnote.
    Footnote,
}

/// One block of the document: its kind, its character range in the text and its structure.
///
/// This is the one block model every importer (txt, md, html, pdf, docx) produces; the
/// reader and extraction read structure from it and never re-parse Markdown or HTML. The
/// rare fields (`number`, `cells`) are boxed so that a document of millions of short
/// paragraphs stays small in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// First character, inclusive (markers such as `## `, `- `, `1. `, `> ` included).
    pub start: usize,
    /// Last character, exclusive.
    pub end: usize,
    /// First character of the content after the block's marker (`## `, `- `, `> `, a
    /// bullet glyph, a footnote's `[^1]: `). A list item's number or letter (`1.`, `(a)`) is
    /// content: it is the label reviewers see. Equals `start` when there is no marker.
    ///
    /// When a list item has a `number` and `content_start > start`, the marker in the text
    /// is not its number as rendered (Markdown `1.` lists numbered by position, `#.` items):
    /// the reader shows `number` in the marker's place.
    pub content_start: usize,
    /// Nesting depth: 0 for top-level list items and quotes, 1 inside them, and so on. A
    /// paragraph inside a list item (after its first) has the item's depth + 1.
    pub depth: u8,
    /// A list item's number as rendered (`"1."`, `"(a)"`, `"Recommendation 3"`), also when
    /// the source numbers it automatically (HTML `<ol>`, Word numbering); a footnote's label
    /// (`"1"`) where the source names it; None for bullets and other blocks.
    pub number: Option<Box<str>>,
    /// Page the block starts on (from 1), for paged sources (PDF); None otherwise.
    pub page: Option<u32>,
    /// For table rows: the character range of each cell's text, left to right.
    pub cells: Box<[(usize, usize)]>,
}

impl Block {
    /// A block of `kind` over `start..end` with no further structure.
    pub fn new(kind: BlockKind, start: usize, end: usize) -> Self {
        Self {
            kind,
            start,
            end,
            content_start: start,
            depth: 0,
            number: None,
            page: None,
            cells: Box::default(),
        }
    }

    /// The same block with its content starting at `content_start`.
    pub fn with_content_start(mut self, content_start: usize) -> Self {
        self.content_start = content_start;
        self
    }

    /// The same block at nesting depth `depth`.
    pub fn with_depth(mut self, depth: u8) -> Self {
        self.depth = depth;
        self
    }

    /// The same block with its rendered number.
    pub fn with_number(mut self, number: impl Into<Box<str>>) -> Self {
        self.number = Some(number.into());
        self
    }
}

/// How a run of characters is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum InlineStyle {
    /// Bold (strong emphasis).
    Bold,
    /// Italic (emphasis).
    Italic,
    /// Inline code.
    Code,
    /// Source markup that is not shown (`**`, `_`, backticks, `[`, `](url)`, heading `#`s,
    /// quote `>`s, table pipes, list bullets): the reader hides it and extraction ignores
    /// it, but it stays in the text so offsets do not move.
    Markup,
}

/// A styled run of characters: `start..end` in the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StyleRun {
    /// First character, inclusive.
    pub start: usize,
    /// Last character, exclusive.
    pub end: usize,
    /// The style.
    pub style: InlineStyle,
}

/// Where a page of a paged source begins in the normalised text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PageStart {
    /// Page number from 1 (the physical page in the file).
    pub number: u32,
    /// First character of the page's text.
    pub start: usize,
}
