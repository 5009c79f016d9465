//! Word documents (`.docx`): the package is unzipped with bounds (entry count, part size,
//! packing ratio), the XML parts are read as streams with a bound on nesting, and the body
//! becomes the one block model: headings from styles and outline levels, list items with
//! the numbers Word renders from `numbering.xml` written at their start (and in
//! `Block::number`), tables as rows with cells, quotes, bold and italic runs, and the
//! footnotes and endnotes cited, as `Footnote` blocks at the end of the document (each cited
//! in the text by its number in superscript).

mod compose;
mod numbering;
mod package;
mod story;
mod styles;
mod xml;

use super::conventions;
use super::draft::Draft;
use compose::{Composer, Notes};
use numbering::Numbering;
use package::Package;
use styles::Styles;

/// Why a DOCX file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// Not a zip archive, or a damaged one.
    #[error("not a Word document (the zip archive cannot be read: {0})")]
    NotZip(String),
    /// The package has too many entries.
    #[error("the archive has more than {limit} entries, which no Word document has")]
    TooManyEntries {
        /// The most accepted.
        limit: usize,
    },
    /// A part unpacks to more than is plausible (a zip bomb).
    #[error("part {part} unpacks to more than {limit} bytes")]
    TooLarge {
        /// The part.
        part: String,
        /// The most accepted for it.
        limit: u64,
    },
    /// A part could not be unpacked.
    #[error("part {part} cannot be read: {message}")]
    Part {
        /// The part.
        part: String,
        /// What went wrong.
        message: String,
    },
    /// The package has no document part.
    #[error("the archive has no document part ({0}): not a Word document")]
    NoDocument(String),
    /// Malformed XML.
    #[error("part {part} is not well-formed XML at byte offset {position}: {message}")]
    Xml {
        /// The part.
        part: String,
        /// Byte offset in the part.
        position: u64,
        /// What the XML reader said.
        message: String,
    },
    /// Elements nested deeper than the limit.
    #[error("part {part} nests elements more than {limit} deep")]
    TooDeep {
        /// The part.
        part: String,
        /// The deepest accepted.
        limit: usize,
    },
}

/// Import the bytes of a `.docx` file.
pub(crate) fn import(bytes: &[u8]) -> Result<Draft, DocxError> {
    let mut package = Package::open(bytes)?;
    let parts = package.parts()?;
    let document =
        package.read(&parts.document)?.ok_or_else(|| DocxError::NoDocument(parts.document.clone()))?;
    let styles = match package.read(&parts.styles)? {
        Some(xml) => Styles::parse(&xml, &parts.styles)?,
        None => Styles::default(),
    };
    let numbering = match package.read(&parts.numbering)? {
        Some(xml) => Numbering::parse(&xml, &parts.numbering)?,
        None => Numbering::default(),
    };
    let mut composer = Composer::new(&styles, &numbering);
    story::read(&document, &parts.document, &styles, &mut composer)?;
    drop(document);
    let mut footnotes = Notes::default();
    if let Some(xml) = package.read(&parts.footnotes)? {
        story::read(&xml, &parts.footnotes, &styles, &mut footnotes)?;
    }
    let mut endnotes = Notes::default();
    if let Some(xml) = package.read(&parts.endnotes)? {
        story::read(&xml, &parts.endnotes, &styles, &mut endnotes)?;
    }
    let mut draft = composer.finish(&footnotes, &endnotes);
    conventions::apply(&mut draft);
    Ok(draft)
}
