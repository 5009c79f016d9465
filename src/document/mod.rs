//! Document import: bytes → normalised text plus blocks with character ranges.
//!
//! Every offset the rest of Stocktake stores is a character (Unicode scalar) offset into
//! the normalised text: UTF-8, BOM removed, `\n` line endings.

mod html;
mod index;
mod markdown;
mod normalise;
mod pdf;
mod plain;

pub use normalise::{InvalidUtf8, normalise};

use index::CharIndex;
use std::path::{Path, PathBuf};

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
/// reader and extraction read structure from it and never re-parse Markdown or HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// First character, inclusive (markers such as `## `, `- `, `1. `, `> ` included).
    pub start: usize,
    /// Last character, exclusive.
    pub end: usize,
    /// First character of the content after the block's marker (`## `, `- `, `> `, a
    /// bullet glyph). A list item's number or letter (`1.`, `(a)`) is content: it is the
    /// label reviewers see. Equals `start` when there is no marker.
    pub content_start: usize,
    /// Nesting depth: 0 for top-level list items and quotes, 1 inside them, and so on.
    pub depth: u8,
    /// A list item's number as rendered (`"1."`, `"(a)"`, `"Recommendation 3"`), also when
    /// the source numbers it automatically (HTML `<ol>`, Word numbering); None for bullets
    /// and for blocks that are not list items.
    pub number: Option<String>,
    /// Page the block starts on (from 1), for paged sources (PDF); None otherwise.
    pub page: Option<u32>,
    /// For table rows: the character range of each cell's text, left to right.
    pub cells: Vec<(usize, usize)>,
}

impl Block {
    /// A block of `kind` over `start..end` with no further structure.
    pub fn new(kind: BlockKind, start: usize, end: usize) -> Self {
        Self { kind, start, end, content_start: start, depth: 0, number: None, page: None, cells: Vec::new() }
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
    /// Source markup that is not shown (`**`, `_`, backticks, link targets): the reader hides
    /// it and extraction ignores it, but it stays in the text so offsets do not move.
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

/// A block with byte offsets, as the format parsers produce them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawBlock {
    pub(crate) kind: BlockKind,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// How a document's text is structured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (also `.rst` and anything unknown).
    Text,
    /// CommonMark with tables and footnotes.
    Markdown,
    /// An HTML page.
    Html,
    /// A PDF's text layer. Imported from the file's bytes by the PDF importer; text that is
    /// already extracted (an embedded copy) parses as plain text.
    Pdf,
}

impl Format {
    /// The format implied by a file's extension: `.md`/`.markdown` → Markdown,
    /// `.html`/`.htm` → Html, `.pdf` → Pdf, anything else → Text.
    pub fn from_path(path: &Path) -> Format {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("pdf") => Format::Pdf,
            _ => Format::Text,
        }
    }
}

/// A document's normalised text and its blocks.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The normalised text all offsets refer to.
    pub text: String,
    /// Blocks in document order, not overlapping.
    pub blocks: Vec<Block>,
    /// Inline styles (bold, italic, code, hidden markup), sorted by start; may nest.
    pub styles: Vec<StyleRun>,
    /// Where each page begins, for paged sources; empty otherwise.
    pub pages: Vec<PageStart>,
    /// Byte range of each block, parallel to `blocks`.
    block_bytes: Vec<(usize, usize)>,
    index: CharIndex,
}

impl SourceText {
    /// Split normalised `text` into blocks according to `format`. For HTML the text kept is
    /// the rendered text of the page, not its markup.
    pub fn parse(text: String, format: Format) -> SourceText {
        let mut raw = Vec::new();
        let mut strong = Vec::new();
        let text = match format {
            Format::Text | Format::Pdf => {
                plain::parse(&text, &mut raw);
                text
            }
            Format::Markdown => {
                markdown::parse(&text, &mut raw);
                text
            }
            Format::Html => {
                let rendered = html::render(&text);
                raw = rendered.blocks;
                strong = rendered.strong;
                rendered.text
            }
        };
        Self::from_raw(text, raw, strong)
    }

    /// A document from parts an importer built itself: blocks (character ranges, in order,
    /// not overlapping), inline styles and page starts. Blocks that overlap an earlier one or
    /// run past the text are dropped.
    pub fn from_parts(
        text: String,
        mut blocks: Vec<Block>,
        mut styles: Vec<StyleRun>,
        pages: Vec<PageStart>,
    ) -> SourceText {
        let index = CharIndex::new(&text);
        let len = index.char_len();
        blocks.sort_by_key(|b| b.start);
        let mut last_end = 0;
        blocks.retain(|b| {
            let keep = b.start >= last_end && b.end <= len && b.end >= b.start;
            if keep {
                last_end = b.end;
            }
            keep
        });
        styles.retain(|r| r.end <= len && r.start < r.end);
        styles.sort_by_key(|r| r.start);
        let block_bytes = blocks
            .iter()
            .map(|b| (index.char_to_byte(&text, b.start), index.char_to_byte(&text, b.end)))
            .collect();
        SourceText { text, blocks, styles, pages, block_bytes, index }
    }

    fn from_raw(text: String, mut raw: Vec<RawBlock>, strong_bytes: Vec<(usize, usize)>) -> SourceText {
        raw.retain(|b| b.end > b.start && b.end <= text.len());
        raw.sort_by_key(|b| b.start);
        let raw = split_auto_numbered(&text, raw);
        let raw = split_numbered_paragraph_lines(&text, raw);
        let index = CharIndex::new(&text);
        let mut cursor = index::Cursor::default();
        let mut blocks = Vec::with_capacity(raw.len());
        let mut block_bytes = Vec::with_capacity(raw.len());
        let mut last_end = 0;
        for b in raw {
            if b.start < last_end {
                continue; // overlapping blocks would break `block_at`; keep the first
            }
            last_end = b.end;
            let kind = match b.kind {
                BlockKind::Paragraph if starts_with_superscript_digit(&text[b.start..b.end]) => {
                    BlockKind::Footnote
                }
                k => k,
            };
            blocks.push(Block::new(
                kind,
                cursor.byte_to_char(&index, &text, b.start),
                cursor.byte_to_char(&index, &text, b.end),
            ));
            block_bytes.push((b.start, b.end));
        }
        let styles = strong_bytes
            .into_iter()
            .map(|(s, e)| StyleRun {
                start: index.byte_to_char(&text, s),
                end: index.byte_to_char(&text, e),
                style: InlineStyle::Bold,
            })
            .collect();
        SourceText { text, blocks, styles, pages: Vec::new(), block_bytes, index }
    }

    /// Length of the text in characters.
    pub fn char_len(&self) -> usize {
        self.index.char_len()
    }

    /// Byte offset of a character offset (clamped to the text's length).
    pub fn char_to_byte(&self, char_offset: usize) -> usize {
        self.index.char_to_byte(&self.text, char_offset)
    }

    /// Character offset of a byte offset (clamped; a byte inside a character maps to it).
    pub fn byte_to_char(&self, byte_offset: usize) -> usize {
        self.index.byte_to_char(&self.text, byte_offset)
    }

    /// The text between two character offsets (clamped, empty when reversed).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let s = self.char_to_byte(start);
        let e = self.char_to_byte(end).max(s);
        &self.text[s..e]
    }

    /// The text of block `i` (empty when out of range).
    pub fn block_text(&self, i: usize) -> &str {
        match self.block_bytes(i) {
            Some((s, e)) => self.text.get(s..e).unwrap_or(""),
            None => "",
        }
    }

    /// Byte range of block `i` in `text`. O(1) while `blocks` is as parsed (the usual
    /// case); computed from the character range if the blocks were replaced.
    pub fn block_bytes(&self, i: usize) -> Option<(usize, usize)> {
        let b = self.blocks.get(i)?;
        if self.block_bytes.len() == self.blocks.len() {
            return self.block_bytes.get(i).copied();
        }
        Some((self.char_to_byte(b.start), self.char_to_byte(b.end)))
    }

    /// Index of the block containing `char_offset`, if any.
    pub fn block_at(&self, char_offset: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.start <= char_offset).checked_sub(1)?;
        (char_offset < self.blocks[i].end).then_some(i)
    }

    /// Bold runs, as character ranges, sorted.
    pub fn strong_ranges(&self) -> Vec<(usize, usize)> {
        self.styles.iter().filter(|r| r.style == InlineStyle::Bold).map(|r| (r.start, r.end)).collect()
    }

    /// The page character `offset` is on, for paged sources.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        let i = self.pages.partition_point(|p| p.start <= offset).checked_sub(1)?;
        Some(self.pages[i].number)
    }
}

/// True when `s` starts with a superscript digit (a footnote converted from PDF).
pub(crate) fn starts_with_superscript_digit(s: &str) -> bool {
    matches!(s.chars().next(), Some('¹' | '²' | '³' | '⁰'..='⁹'))
}

/// Markdown has no `#.` auto-numbered lists, so consecutive `#. ` lines arrive as one
/// paragraph: split them into one list item each.
fn split_auto_numbered(text: &str, raw: Vec<RawBlock>) -> Vec<RawBlock> {
    let mut out = Vec::with_capacity(raw.len());
    for b in raw {
        let body = &text[b.start..b.end];
        if b.kind != BlockKind::Paragraph || !body.starts_with("#. ") {
            out.push(b);
            continue;
        }
        let mut item_start = b.start;
        let mut pos = b.start;
        for line in body.split_inclusive('\n') {
            if pos > item_start && line.trim_start().starts_with("#. ") {
                let end = item_start + text[item_start..pos].trim_end().len();
                out.push(RawBlock { kind: BlockKind::ListItem, start: item_start, end });
                item_start = pos + (line.len() - line.trim_start().len());
            }
            pos += line.len();
        }
        out.push(RawBlock { kind: BlockKind::ListItem, start: item_start, end: b.end });
    }
    out
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

/// PDF conversions run a numbered paragraph (`2.2 The …`) on from the line before it; a
/// line that starts one starts a new block.
fn split_numbered_paragraph_lines(text: &str, raw: Vec<RawBlock>) -> Vec<RawBlock> {
    let mut out = Vec::with_capacity(raw.len());
    for b in raw {
        let body = &text[b.start..b.end];
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) || !body.contains('\n') {
            out.push(b);
            continue;
        }
        let mut current = RawBlock { kind: b.kind, start: b.start, end: b.end };
        let mut pos = b.start;
        for line in body.split_inclusive('\n') {
            if pos > current.start && starts_numbered_paragraph(line) {
                current.end = current.start + text[current.start..pos].trim_end().len();
                out.push(current);
                let start = pos + (line.len() - line.trim_start().len());
                current = RawBlock { kind: BlockKind::Paragraph, start, end: b.end };
            }
            pos += line.len();
        }
        out.push(current);
    }
    out
}

/// Why a document could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The file is not valid UTF-8.
    #[error("{}: not valid UTF-8 at byte offset {byte_offset}", path.display())]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Offset of the first invalid byte in the file.
        byte_offset: usize,
    },
    /// A PDF with pages but no text layer (a scan).
    #[error(
        "{}: this PDF has no text layer (it looks like a scan); run OCR on it first (for example with OCRmyPDF) and open the result",
        path.display()
    )]
    PdfNoText {
        /// The file.
        path: PathBuf,
    },
    /// A PDF that cannot be opened without a password.
    #[error("{}: this PDF is encrypted and needs a password; open it in a PDF reader, save a copy without a password and open that", path.display())]
    PdfEncrypted {
        /// The file.
        path: PathBuf,
    },
    /// A PDF that cannot be read: truncated, damaged or not really a PDF.
    #[error("{}: damaged or unreadable PDF: {reason}", path.display())]
    PdfDamaged {
        /// The file.
        path: PathBuf,
        /// What could not be read.
        reason: String,
    },
    /// The file is too large to import.
    #[error("{}: too large to open ({size} bytes; the limit is {limit} bytes)", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The largest size accepted.
        limit: u64,
    },
    /// The file holds binary data (NUL bytes), not text.
    #[error("{}: looks like a binary file, not a text document", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
    },
}

/// Bytes inspected for NUL when deciding whether a file is binary.
const BINARY_SNIFF: usize = 8192;

/// Largest PDF imported, in bytes.
pub const MAX_PDF_BYTES: u64 = 512 * 1024 * 1024;

/// Read, normalise and parse a document; the format comes from the file's extension (a
/// PDF is recognised by its content whatever its name).
pub fn load(path: &Path) -> Result<SourceText, DocumentError> {
    let io = |source| DocumentError::Io { path: path.to_owned(), source };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(io(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file")));
    }
    if Format::from_path(path) == Format::Pdf && meta.len() > MAX_PDF_BYTES {
        return Err(DocumentError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
            limit: MAX_PDF_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    from_bytes(&bytes, path)
}

/// Normalise and parse bytes read from `path` (used for errors and the format). PDF bytes
/// go to the PDF importer.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<SourceText, DocumentError> {
    if pdf::is_pdf(bytes) || Format::from_path(path) == Format::Pdf {
        return pdf::import(bytes, path);
    }
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Err(DocumentError::Binary { path: path.to_owned() });
    }
    let text = normalise(bytes)
        .map_err(|e| DocumentError::InvalidUtf8 { path: path.to_owned(), byte_offset: e.byte_offset })?;
    Ok(SourceText::parse(text, Format::from_path(path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_text(doc: &SourceText) -> Vec<(BlockKind, &str)> {
        doc.blocks.iter().map(|b| (b.kind, doc.slice(b.start, b.end))).collect()
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(Format::from_path(Path::new("a/b.MD")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("b.markdown")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("b.htm")), Format::Html);
        assert_eq!(Format::from_path(Path::new("b.rst")), Format::Text);
        assert_eq!(Format::from_path(Path::new("report.PDF")), Format::Pdf);
        assert_eq!(Format::from_path(Path::new("noext")), Format::Text);
    }

    #[test]
    fn block_ranges_are_character_offsets() {
        // "é" and "’" are multi-byte: block offsets must count characters.
        let doc = SourceText::parse("Café – one\n\n- It’s two\n\n¹ note\n".to_owned(), Format::Text);
        assert_eq!(
            doc.blocks,
            vec![
                Block::new(BlockKind::Paragraph, 0, 10),
                Block::new(BlockKind::ListItem, 12, 22),
                Block::new(BlockKind::Footnote, 24, 30),
            ]
        );
        assert_eq!(doc.slice(12, 22), "- It’s two");
        assert_eq!(doc.char_len(), 31);
        assert_eq!(doc.block_at(13), Some(1));
        assert_eq!(doc.block_at(11), None);
        assert_eq!(doc.block_at(1000), None);
        assert_eq!(doc.slice(28, 1000), "te\n");
    }

    #[test]
    fn markdown_blocks_have_character_ranges() {
        let doc = SourceText::parse("# Über\n\n**A.** Naïve text.\n\n1. één\n".to_owned(), Format::Markdown);
        assert_eq!(
            kinds_and_text(&doc),
            vec![
                (BlockKind::Heading { level: 1 }, "# Über"),
                (BlockKind::Paragraph, "**A.** Naïve text."),
                (BlockKind::ListItem, "1. één"),
            ]
        );
        assert_eq!(doc.blocks[1].start, 8);
    }

    #[test]
    fn auto_numbered_lines_become_list_items() {
        let doc = SourceText::parse("#. first\n#. second\nwrapped\n".to_owned(), Format::Markdown);
        assert_eq!(
            kinds_and_text(&doc),
            vec![(BlockKind::ListItem, "#. first"), (BlockKind::ListItem, "#. second\nwrapped")]
        );
    }

    #[test]
    fn numbered_paragraph_lines_start_new_blocks() {
        for format in [Format::Text, Format::Markdown] {
            let doc = SourceText::parse(
                "- c) two rejected.\n2.2 “The pace” was slow\n3.5 million read\n".to_owned(),
                format,
            );
            assert_eq!(
                kinds_and_text(&doc),
                vec![
                    (BlockKind::ListItem, "- c) two rejected."),
                    (BlockKind::Paragraph, "2.2 “The pace” was slow\n3.5 million read")
                ],
                "{format:?}"
            );
        }
    }

    #[test]
    fn load_reports_invalid_utf8_with_path_and_offset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.txt");
        std::fs::write(&path, b"good text\n\xC3(").unwrap();
        let err = load(&path).unwrap_err();
        assert!(matches!(err, DocumentError::InvalidUtf8 { byte_offset: 10, .. }), "{err:?}");
        let message = err.to_string();
        assert!(message.contains("bad.txt") && message.contains("byte offset 10"), "{message}");
    }

    #[test]
    fn load_refuses_binary_and_reports_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("image.txt");
        std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
        assert!(matches!(load(&path), Err(DocumentError::Binary { .. })));
        let missing = dir.path().join("missing.md");
        assert!(matches!(load(&missing), Err(DocumentError::Io { .. })));
    }
}
