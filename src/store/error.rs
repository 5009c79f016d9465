//! Errors from loading and saving sessions; each names the file and, where known, the place.
//!
//! Messages are complete on their own and expose no `source()`: a caller that prints the
//! error chain (anyhow's `{:#}`) must not see the operating system's reason twice. A message
//! never quotes the file's content beyond the names of fields and variants.

use std::path::PathBuf;
use std::time::Duration;

/// Why a session could not be loaded or saved. Whenever one of these is returned, nothing
/// on disk has been changed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be read or written.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// The path names a folder, FIFO, device or socket: only regular files are read or replaced.
    #[error("{}: is {what}, not a regular file", path.display())]
    NotRegular {
        /// The file concerned.
        path: PathBuf,
        /// What it is instead ("a directory", "a FIFO", …).
        what: &'static str,
    },
    /// The file is larger than any session this build will read.
    #[error("{}: too large for a session ({size} bytes; the limit is {limit} bytes)", path.display())]
    TooLarge {
        /// The file concerned.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit ([`super::MAX_SESSION_BYTES`]).
        limit: u64,
    },
    /// The file is not UTF-8 text (perhaps binary, or not a session).
    #[error("{}: not a session file: invalid UTF-8 at byte offset {byte_offset}", path.display())]
    NotUtf8 {
        /// The file concerned.
        path: PathBuf,
        /// First invalid byte.
        byte_offset: usize,
    },
    /// The file is plainly something other than a session (it does not start like one).
    #[error("{}:{line}:{column}: not a Stocktake session (a session file starts with `(`)", path.display())]
    NotASession {
        /// The file concerned.
        path: PathBuf,
        /// Line of the first thing that is not a session, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
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
        /// What went wrong (no text from the file but names of fields and variants).
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
        found: u64,
        /// Newest version this build reads.
        supported: u32,
    },
    /// The file changed on disk since it was loaded (another program, window or `set`).
    #[error(
        "{}: changed on disk since it was opened; not saved, so the other change is not lost \
         (reload it, or save under another name)",
        path.display()
    )]
    ChangedOnDisk {
        /// The file concerned.
        path: PathBuf,
    },
    /// The file is read-only; it is never replaced.
    #[error("{}: the file is read-only; not saved (make it writable or save under another name)", path.display())]
    ReadOnly {
        /// The file concerned.
        path: PathBuf,
    },
    /// The loaded file had fields or comments this build does not understand; saving would drop them.
    #[error(
        "{}: has {} this Stocktake does not understand and a save would drop: {}; not saved \
         (save anyway with --force / \"save anyway\")",
        path.display(),
        if fields.len() == 1 { "a field or comment" } else { "fields or comments" },
        fields.join(", ")
    )]
    UnknownFields {
        /// The file concerned.
        path: PathBuf,
        /// What would be dropped (`recommendations[3].colour`, `comment at line 2`).
        fields: Vec<String>,
    },
    /// A symbolic link points at a file that does not exist.
    #[error("{}: is a symbolic link to {}, which does not exist", path.display(), target.display())]
    DanglingSymlink {
        /// The link.
        path: PathBuf,
        /// Where it points.
        target: PathBuf,
    },
    /// Another process holds the session's lock and did not release it in time.
    #[error(
        "{}: is open for writing in another Stocktake (window or command; lock {}), \
         still after {:.0?}; close it there or try again",
        path.display(),
        lock.display(),
        waited
    )]
    Locked {
        /// The session.
        path: PathBuf,
        /// The lock file.
        lock: PathBuf,
        /// How long this process waited.
        waited: Duration,
    },
    /// The session could not be turned into RON.
    #[error("could not serialise session: {0}")]
    Serialise(String),
}

impl StoreError {
    /// An I/O error about `path`.
    pub(crate) fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> StoreError + use<> {
        let path = path.to_owned();
        move |error| StoreError::Io { path, error }
    }
}
