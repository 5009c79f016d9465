//! Document import: bytes → normalised text plus blocks with character ranges.
//!
//! Every offset the rest of Stocktake stores is a character (Unicode scalar) offset into
//! the normalised text: UTF-8, BOM removed, `\n` line endings.

mod blocks;
mod conventions;
mod draft;
mod html;
mod index;
mod markdown;
mod normalise;
mod plain;
mod source;

pub use blocks::{Block, BlockKind, InlineStyle, PageStart, StyleRun};
pub use normalise::{InvalidUtf8, normalise};
pub use source::SourceText;

use std::path::{Path, PathBuf};

/// How a document's text is structured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (also `.rst` and anything unknown).
    Text,
    /// CommonMark with tables and footnotes.
    Markdown,
    /// An HTML page.
    Html,
}

impl Format {
    /// The format implied by a file's extension: `.md`/`.markdown` → Markdown,
    /// `.html`/`.htm` → Html, anything else → Text.
    pub fn from_path(path: &Path) -> Format {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Text,
        }
    }
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
    /// The file holds binary data (NUL bytes), not text.
    #[error("{}: looks like a binary file, not a text document", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
    },
}

/// Bytes inspected for NUL when deciding whether a file is binary.
const BINARY_SNIFF: usize = 8192;

/// Read, normalise and parse a document; the format comes from the file's extension.
pub fn load(path: &Path) -> Result<SourceText, DocumentError> {
    let bytes = std::fs::read(path).map_err(|source| DocumentError::Io { path: path.to_owned(), source })?;
    from_bytes(&bytes, path)
}

/// Normalise and parse bytes read from `path` (used for errors and the format).
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<SourceText, DocumentError> {
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
                Block::new(BlockKind::ListItem, 12, 22).with_content_start(14),
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
    fn structure_offsets_are_characters_too() {
        // Multi-byte text before and inside every structure field.
        let doc = SourceText::parse(
            "# Über **fett**\n\n- é item\n\n| ä | ö |\n|---|---|\n| ü | ß |\n".to_owned(),
            Format::Markdown,
        );
        let heading = &doc.blocks[0];
        assert_eq!(doc.slice(heading.content_start, heading.end), "Über **fett**");
        assert_eq!(doc.block_content(1), "é item");
        let cells: Vec<&str> = doc.blocks[3].cells.iter().map(|&(s, e)| doc.slice(s, e)).collect();
        assert_eq!(cells, vec!["ü", "ß"]);
        let bold: Vec<&str> = doc.strong_ranges().iter().map(|&(s, e)| doc.slice(s, e)).collect();
        assert_eq!(bold, vec!["**fett**"]);
        let hidden: Vec<&str> =
            doc.style_ranges(InlineStyle::Markup).iter().map(|&(s, e)| doc.slice(s, e)).collect();
        assert_eq!(hidden, vec!["# ", "**", "**", "- ", "| ", " | ", " |", "| ", " | ", " |"]);
    }

    #[test]
    fn html_structure_offsets_are_characters() {
        let doc = SourceText::parse(
            "<h1>Über</h1><ul><li>é <b>fett</b></li></ul><table><tr><td>ä</td><td>ö</td></tr></table>"
                .to_owned(),
            Format::Html,
        );
        assert_eq!(doc.block_content(1), "é fett");
        let bold: Vec<&str> = doc.strong_ranges().iter().map(|&(s, e)| doc.slice(s, e)).collect();
        assert_eq!(bold, vec!["fett"]);
        let cells: Vec<&str> = doc.blocks[2].cells.iter().map(|&(s, e)| doc.slice(s, e)).collect();
        assert_eq!(cells, vec!["ä", "ö"]);
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
