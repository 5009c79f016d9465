//! PDF import (the text layer): glyphs → words and lines → page furniture removed → blocks
//! in reading order → paragraphs with kinds → the block model.
//!
//! The PDF itself is read by hayro (hayro-syntax parses and decrypts the file,
//! hayro-interpret runs the content streams and maps glyphs to Unicode). A third-party
//! parser may panic on hostile input, so the whole import runs inside `catch_unwind` and a
//! panic is reported as a damaged file.

mod assemble;
mod chars;
mod furniture;
mod glyphs;
mod layout;
mod lines;
mod markers;
mod paragraphs;

use super::{DocumentError, SourceText};
use glyphs::ReadError;
use std::path::Path;

/// True when `bytes` start like a PDF (`%PDF-`), whatever the file is called.
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// Import the PDF in `bytes` (read from `path`, which errors name).
pub(crate) fn import(bytes: &[u8], path: &Path) -> Result<SourceText, DocumentError> {
    let damaged =
        |reason: &str| DocumentError::PdfDamaged { path: path.to_owned(), reason: reason.to_owned() };
    let outcome = std::panic::catch_unwind(|| import_unguarded(bytes));
    match outcome {
        Ok(Ok(source)) => Ok(source),
        Ok(Err(Problem::Read(ReadError::NeedsPassword))) => {
            Err(DocumentError::PdfEncrypted { path: path.to_owned() })
        }
        Ok(Err(Problem::Read(ReadError::BadEncryption))) => {
            Err(damaged("its encryption is broken or of a kind Stocktake cannot read"))
        }
        Ok(Err(Problem::Read(ReadError::Invalid))) => {
            Err(damaged("its structure (cross-reference table or page tree) cannot be read"))
        }
        Ok(Err(Problem::NoPages)) => Err(damaged("it has no pages")),
        Ok(Err(Problem::NoText)) => Err(damaged("no text could be read from any page")),
        Ok(Err(Problem::Scanned)) => Err(DocumentError::PdfNoText { path: path.to_owned() }),
        Err(_) => Err(damaged("the PDF reader failed on it")),
    }
}

/// Why an import found nothing to show.
enum Problem {
    Read(ReadError),
    NoPages,
    /// Pages of images and no text: a scan without OCR.
    Scanned,
    /// Neither text nor images.
    NoText,
}

fn import_unguarded(bytes: &[u8]) -> Result<SourceText, Problem> {
    let pages = glyphs::read(bytes).map_err(Problem::Read)?;
    if pages.is_empty() {
        return Err(Problem::NoPages);
    }
    let page_count = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    if pages.iter().all(|p| !p.glyphs.iter().any(|g| !g.ch.is_whitespace())) {
        let images: usize = pages.iter().map(|p| p.images).sum();
        return Err(if images > 0 { Problem::Scanned } else { Problem::NoText });
    }
    let mut laid_out: Vec<(f32, Vec<lines::Line>)> =
        pages.iter().map(|page| (page.height, lines::lines(lines::words(&page.glyphs)))).collect();
    furniture::remove(&mut laid_out);
    let page_blocks = laid_out
        .into_iter()
        .enumerate()
        .map(|(i, (height, lines))| paragraphs::PageBlocks {
            number: u32::try_from(i + 1).unwrap_or(u32::MAX),
            height,
            blocks: layout::blocks(lines),
        })
        .collect();
    let paragraphs = paragraphs::paragraphs(page_blocks);
    Ok(assemble::assemble(paragraphs, page_count))
}
