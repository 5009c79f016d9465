//! Document import: bytes → normalised text plus blocks with character ranges.
//!
//! Every offset the rest of Stocktake stores is a character (Unicode scalar) offset into
//! the normalised text: UTF-8, BOM removed, `\n` line endings.

mod blocks;
mod conventions;
mod decode;
mod docx;
mod draft;
mod file;
mod html;
mod index;
mod markdown;
mod normalise;
mod pdf;
mod plain;
mod source;

pub use blocks::{Block, BlockKind, InlineStyle, PageStart, StyleRun};
pub use docx::DocxError;
pub use file::MAX_DOCUMENT_BYTES;
pub use normalise::{InvalidUtf8, normalise};
pub use source::SourceText;

use decode::{DecodeError, decode_text};
use std::path::{Path, PathBuf};

/// Extensions (lower case, no dot) of the documents Stocktake opens, for open dialogs and
/// drag-and-drop. Any other file is read as plain text when named explicitly.
pub const SUPPORTED_EXTENSIONS: &[&str] =
    &["md", "markdown", "txt", "text", "rst", "html", "htm", "xhtml", "docx", "pdf"];

/// How a document's text is structured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (also `.rst` and anything unknown).
    Text,
    /// CommonMark with tables and footnotes.
    Markdown,
    /// An HTML page.
    Html,
    /// A Word document (`.docx`).
    Docx,
    /// A PDF's text layer. Imported from the file's bytes by the PDF importer; text that is
    /// already extracted (an embedded copy) parses as plain text.
    Pdf,
}

impl Format {
    /// The format implied by a file's extension: `.md`/`.markdown` → Markdown,
    /// `.html`/`.htm`/`.xhtml` → Html, `.docx` → Docx, `.pdf` → Pdf, anything else → Text.
    pub fn from_path(path: &Path) -> Format {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("docx") => Format::Docx,
            Some("pdf") => Format::Pdf,
            _ => Format::Text,
        }
    }
}

/// Why a document could not be opened. Every message starts with the file's path.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The file could not be read.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        error: std::io::Error,
    },
    /// The path is not a regular file (a folder, a FIFO, a device, a socket).
    #[error("{}: is {what}; only regular files can be opened as documents", path.display())]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is instead.
        what: &'static str,
    },
    /// The file is larger than [`MAX_DOCUMENT_BYTES`].
    #[error(
        "{}: {:.1} MB is larger than the {} MB limit for documents",
        path.display(),
        *size as f64 / 1_048_576.0,
        limit / 1_048_576
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes (at least; reading stopped past the limit).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file is not valid UTF-8.
    #[error("{}: not valid UTF-8 at byte offset {byte_offset}", path.display())]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Offset of the first invalid byte in the file.
        byte_offset: usize,
    },
    /// The file is UTF-16 (it starts with a UTF-16 byte order mark) but not valid UTF-16.
    #[error("{}: UTF-16 text with an invalid sequence at byte offset {byte_offset}", path.display())]
    InvalidUtf16 {
        /// The file.
        path: PathBuf,
        /// Offset of the first invalid code unit in the file.
        byte_offset: usize,
    },
    /// The file is UTF-32 text, which is not read.
    #[error("{}: UTF-32 text is not supported; save it as UTF-8", path.display())]
    Utf32 {
        /// The file.
        path: PathBuf,
    },
    /// The file holds a NUL byte: binary data, not text.
    #[error("{}: has a NUL byte at byte offset {byte_offset}: looks like a binary file, not a text document", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// Offset of the first NUL byte in the file.
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
    /// A Word document that cannot be read.
    #[error("{}: {error}", path.display())]
    Docx {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        error: DocxError,
    },
}

/// Largest PDF imported, in bytes (PDFs carry images, so they may be larger than text).
pub const MAX_PDF_BYTES: u64 = 512 * 1024 * 1024;

/// Read, decode and parse a document; the format comes from the file's extension (a PDF is
/// recognised by its content whatever its name). Only regular files are read, of at most
/// [`MAX_DOCUMENT_BYTES`] ([`MAX_PDF_BYTES`] for PDFs).
pub fn load(path: &Path) -> Result<SourceText, DocumentError> {
    let limit = if Format::from_path(path) == Format::Pdf { MAX_PDF_BYTES } else { MAX_DOCUMENT_BYTES };
    let bytes = file::read_document(path, limit)?;
    from_bytes(&bytes, path)
}

/// Decode and parse bytes read from `path` (used for errors and the format). PDF bytes go to
/// the PDF importer.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<SourceText, DocumentError> {
    let format = Format::from_path(path);
    if pdf::is_pdf(bytes) || format == Format::Pdf {
        return pdf::import(bytes, path);
    }
    if format == Format::Docx {
        let draft =
            docx::import(bytes).map_err(|error| DocumentError::Docx { path: path.to_owned(), error })?;
        return Ok(draft.finish());
    }
    let text = decode_text(bytes).map_err(|e| match e {
        DecodeError::Nul { byte_offset } => DocumentError::Binary { path: path.to_owned(), byte_offset },
        DecodeError::InvalidUtf8 { byte_offset } => {
            DocumentError::InvalidUtf8 { path: path.to_owned(), byte_offset }
        }
        DecodeError::InvalidUtf16 { byte_offset } => {
            DocumentError::InvalidUtf16 { path: path.to_owned(), byte_offset }
        }
        DecodeError::Utf32 => DocumentError::Utf32 { path: path.to_owned() },
    })?;
    Ok(SourceText::parse(text, format))
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
        assert_eq!(Format::from_path(Path::new("r.DOCX")), Format::Docx);
        for ext in SUPPORTED_EXTENSIONS {
            let path = PathBuf::from(format!("x.{ext}"));
            let expected = matches!(*ext, "txt" | "text" | "rst");
            assert_eq!(Format::from_path(&path) == Format::Text, expected, "{ext}");
        }
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
