//! Errors from loading and saving sessions; each names the file and, where known, the place.

use std::path::PathBuf;

/// Why a session could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text (perhaps binary, or not a session).
    #[error("{}: not a session file: invalid UTF-8 at byte offset {byte_offset}", path.display())]
    NotUtf8 {
        /// The file concerned.
        path: PathBuf,
        /// First invalid byte.
        byte_offset: usize,
    },
    /// The RON could not be parsed (truncated, hand-edited, or not a session).
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file concerned.
        path: PathBuf,
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem, from 1.
        column: usize,
        /// What went wrong.
        message: String,
    },
    /// The session was written by a newer Stocktake.
    #[error(
        "{}: session format version {found} is newer than this Stocktake supports ({supported}); \
         update Stocktake to open it (the file was not changed)",
        path.display()
    )]
    NewerVersion {
        /// The file concerned.
        path: PathBuf,
        /// Version in the file.
        found: u32,
        /// Newest version this build reads.
        supported: u32,
    },
    /// The file changed on disk since it was read: not overwritten.
    #[error("{}: changed on disk since it was opened; not overwritten", path.display())]
    ChangedOnDisk {
        /// The file concerned.
        path: PathBuf,
    },
    /// The review has no file yet: Save As is needed.
    #[error("this review has not been saved yet: choose where to save it")]
    NoPath,
    /// The session could not be turned into RON.
    #[error("could not serialise session: {0}")]
    Serialise(ron::Error),
}
