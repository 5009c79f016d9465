//! Exports of a review: a Markdown report, a self-contained print-ready HTML report, and CSV
//! and XLSX trackers (one row per recommendation). Files are written atomically, owner-only.

mod csv_tracker;
mod details;
mod html;
mod markdown;
mod rows;
mod svg;
mod xlsx;

pub use details::{Evidence, RecommendationDetails};
pub use rows::{TRACKER_COLUMNS, TrackerRow, tracker_rows};

use crate::document::SourceText;
use crate::model::Session;
use crate::store::{self, StoreError};
use jiff::civil::Date;
use std::path::Path;

/// What an export is made from: the session, the cycle to report, and (optionally) the
/// loaded documents, so evidence quotes can give their page numbers.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    /// The review.
    pub session: &'a Session,
    /// Id of the cycle reported (grades "now"); the previous cycle is the one before it.
    pub cycle: String,
    /// Documents by id with their blocks; quotes in documents not given have no page.
    pub documents: Vec<(&'a str, &'a SourceText)>,
    /// Stands in for the cycle's as-of date when it has none (overdue is measured against it).
    pub today: Date,
}

impl<'a> ReportInput<'a> {
    /// Report the session's current cycle, without documents.
    pub fn new(session: &'a Session, today: Date) -> Self {
        Self { session, cycle: session.current_cycle.clone(), documents: Vec::new(), today }
    }

    /// The text and blocks of document `id`, if the caller supplied it.
    fn document(&self, id: &str) -> Option<&'a SourceText> {
        self.documents.iter().find(|(d, _)| *d == id).map(|(_, s)| *s)
    }

    /// The page a passage starts on, for paged documents the caller supplied.
    fn page_of(&self, anchor: &crate::model::Anchor) -> Option<u32> {
        let source = self.document(&anchor.document)?;
        let from_block =
            source.block_at(anchor.start).and_then(|i| source.blocks.get(i)).and_then(|b| b.page);
        from_block.or_else(|| source.page_at(anchor.start))
    }
}

/// The kinds of export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// A Markdown report.
    Markdown,
    /// A self-contained, print-ready HTML report with inline SVG charts.
    Html,
    /// A CSV tracker, one row per recommendation.
    Csv,
    /// An XLSX tracker: grade cells coloured, header frozen, autofilter.
    Xlsx,
}

impl ExportFormat {
    /// Every format.
    pub const ALL: [ExportFormat; 4] = [Self::Markdown, Self::Html, Self::Csv, Self::Xlsx];

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    /// The format a file name implies (`.md`, `.markdown`, `.html`, `.htm`, `.csv`, `.xlsx`).
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            "csv" => Some(Self::Csv),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }
}

/// Why an export could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The CSV writer failed.
    #[error("could not write the CSV tracker: {0}")]
    Csv(#[from] csv::Error),
    /// The XLSX writer failed.
    #[error("could not write the XLSX tracker: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] StoreError),
}

/// The bytes of the export of `input` in `format`.
pub fn render(input: &ReportInput, format: ExportFormat) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        ExportFormat::Markdown => markdown::render(input).into_bytes(),
        ExportFormat::Html => html::render(input).into_bytes(),
        ExportFormat::Csv => csv_tracker::render(input)?,
        ExportFormat::Xlsx => xlsx::render(input)?,
    })
}

/// Write the export of `input` in `format` to `path`, atomically and owner-only (0600), also
/// when it replaces an earlier export: reports hold the review's sensitive content.
pub fn export(input: &ReportInput, format: ExportFormat, path: &Path) -> Result<(), ExportError> {
    let bytes = render(input, format)?;
    store::write_atomically(path, &bytes, None)?;
    owner_only(path).map_err(|error| StoreError::Io { path: path.to_owned(), error })?;
    Ok(())
}

#[cfg(unix)]
fn owner_only(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn owner_only(_path: &Path) -> std::io::Result<()> {
    Ok(())
}
