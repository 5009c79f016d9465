//! Trackers: the spreadsheets (CSV, XLSX) a stock-take works from, one row per
//! recommendation with its owner, status, narrative, previous and anticipated status.
//!
//! The steps, each a value the window can show:
//! 1. [`read_table`]: the file as text cells, header row found, rows numbered;
//! 2. [`TrackerTable::recognise`]: a [`ColumnMapping`] from the headers, which the reviewer
//!    may change ([`ColumnMapping::set`]);
//! 3. [`read_rows`]: records through the mapping, with [`StatusVocabulary`] from the
//!    session's grade scheme; unreadable rows listed, an unknown status spelling stops;
//! 4. [`plan_import`]: what would change, per recommendation and field;
//!    [`ImportPlan::command`] applies it as one undo step.
//!
//! [`session_from_tracker`] starts a new session from a tracker alone.

mod dates;
mod mapping;
mod plan;
mod rows;
mod status;
mod table;

pub use dates::parse_date;
pub use mapping::{ColumnMapping, TrackerField, column_letter};
pub use plan::{FieldChange, ImportPlan, RecommendationPlan, plan_import};
pub use rows::{RowProblem, TrackerRecord, TrackerRows, label_key, read_rows};
pub use status::StatusVocabulary;
pub use table::{
    CellText, MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, TableRow, TrackerTable, read_table,
    table_from_csv, table_from_xlsx,
};

use crate::model::Session;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// Why a tracker could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TrackerError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// Not a regular file (a folder, a device…).
    #[error("{}: not a regular file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// Larger than Stocktake reads.
    #[error("{}: {bytes} bytes is larger than a tracker can be ({max} bytes)", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        bytes: u64,
        /// The limit.
        max: u64,
    },
    /// Neither `.csv` nor `.xlsx`.
    #[error("{}: not a tracker Stocktake reads (use a .csv or .xlsx file)", path.display())]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// The CSV could not be parsed.
    #[error("{}: {message}", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The XLSX could not be opened.
    #[error("{}: not a readable XLSX workbook: {message}", path.display())]
    Xlsx {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// No rows at all.
    #[error("{}: the tracker is empty", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// More rows than Stocktake reads.
    #[error("{}: more than {max} rows; split the tracker", path.display())]
    TooManyRows {
        /// The file.
        path: PathBuf,
        /// The limit.
        max: usize,
    },
    /// No column holds the labels, so rows cannot be matched to recommendations.
    #[error(
        "{source_name}: no column of labels (ID, No., Ref…) among the headers {headers:?}; \
         say which column holds them"
    )]
    NoLabelColumn {
        /// The file (and sheet).
        source_name: String,
        /// The headers found.
        headers: Vec<String>,
    },
    /// A status cell holds a spelling that is not a grade.
    #[error(
        "{source_name}: row {row}, column {column}: unknown status {value:?}; allowed (any case): {}",
        allowed.join(", ")
    )]
    UnknownStatus {
        /// The file (and sheet).
        source_name: String,
        /// Row number.
        row: usize,
        /// Column header and letter.
        column: String,
        /// The spelling found.
        value: String,
        /// The accepted spellings.
        allowed: Vec<String>,
    },
}

/// Read a tracker with its recognised mapping (changed by `adjust` first, e.g. to apply the
/// reviewer's choices) and the grade names of `session`.
pub fn read_tracker(
    path: &Path,
    session: &Session,
    adjust: impl FnOnce(&mut ColumnMapping),
) -> Result<TrackerRows, TrackerError> {
    let table = read_table(path)?;
    let mut mapping = table.recognise();
    adjust(&mut mapping);
    read_rows(&table, &mapping, &StatusVocabulary::new(&session.grade_scheme))
}

/// A new session holding the tracker's recommendations, graded in one cycle labelled
/// `cycle_label` as of `as_of` (and its previous statuses in a cycle before it).
pub fn session_from_tracker(
    rows: &TrackerRows,
    title: &str,
    cycle_label: &str,
    as_of: Option<Date>,
    now: jiff::Timestamp,
) -> Result<Session, crate::edit::EditError> {
    let mut session = Session::new(title, now);
    if let Some(cycle) = session.cycles.first_mut() {
        cycle.label = cycle_label.to_owned();
        cycle.as_of = as_of;
    }
    if let Some(cmd) = plan_import(&session, rows).command() {
        cmd.apply(&mut session)?;
    }
    Ok(session)
}
