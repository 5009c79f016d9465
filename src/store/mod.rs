//! Loading and saving sessions as RON, so that a reviewer's work is never lost:
//!
//! - [`load`] reads only regular files of bounded size and returns, with the session, the
//!   [`Fingerprint`] of exactly the bytes parsed, the fields and comments a save would drop,
//!   and the problems [`Session::validate`] finds;
//! - [`save`] writes atomically (temporary file, fsync, rename), keeps the previous version
//!   as `NAME.ron.bak` the same way, and refuses rather than overwrite: a file changed on
//!   disk since it was loaded, a read-only file, a non-regular file, unknown fields;
//! - [`SessionLock`] keeps one writer per session;
//! - recovery files for autosave ([`write_recovery`], [`find_recovery`]).

mod error;
mod fingerprint;
mod fsio;
mod lock;
mod parse;
mod paths;
mod recovery;
mod write;

pub use error::StoreError;
pub use fingerprint::Fingerprint;
pub use lock::{SessionLock, lock_path};
pub use parse::{Parsed, parse, to_ron};
pub use paths::{absolute, backup_path, recovery_path, relative_to_session, resolve_from_session};
pub use recovery::{Recovery, clear_recovery, find_recovery, write_recovery};

use crate::model::{Problem, Session};
use std::path::Path;

/// The largest session file that is read (256 MiB): far above any real review, small enough
/// that a wrong file (a disk image, `/dev/zero` behind a link) is refused rather than read.
pub const MAX_SESSION_BYTES: u64 = 256 * 1024 * 1024;

/// A session as loaded from disk.
#[derive(Debug)]
pub struct Loaded {
    /// The session.
    pub session: Session,
    /// What the file was when it was read: pass it to [`save`] so an outside change is noticed.
    pub fingerprint: Fingerprint,
    /// Fields this build does not understand (`recommendations[3].colour`) and comments
    /// (`comment at line 2`): a save would drop them, so [`save`] refuses unless allowed.
    pub unknown: Vec<String>,
    /// Inconsistencies found by [`Session::validate`] (the session is loaded regardless).
    pub problems: Vec<Problem>,
}

/// Load a session file (following a symbolic link). Never writes anything.
pub fn load(path: &Path) -> Result<Loaded, StoreError> {
    let (bytes, meta) = fsio::read_regular(path, MAX_SESSION_BYTES)?;
    let fingerprint = Fingerprint::of(&bytes, &meta);
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| StoreError::NotUtf8 { path: path.to_owned(), byte_offset: e.valid_up_to() })?;
    let Parsed { session, unknown } = parse(text, path)?;
    let problems = session.validate();
    Ok(Loaded { session, fingerprint, unknown, problems })
}

/// Parse a session from RON text, ignoring fields it does not understand; `path` is only
/// used in error messages. [`parse`] also says what was ignored.
pub fn from_ron(text: &str, path: &Path) -> Result<Session, StoreError> {
    parse(text, path).map(|p| p.session)
}

/// What [`save`] checks before it replaces a file.
#[derive(Debug, Clone, Copy, Default)]
pub struct SaveOptions<'a> {
    /// The file on disk must still be what was loaded (or last saved): otherwise
    /// `ChangedOnDisk` and nothing is written (a file deleted or moved away since is written
    /// anew: nothing of anyone's is lost). None: no check — for a new file, or an overwrite
    /// the user asked for.
    pub expected: Option<&'a Fingerprint>,
    /// What the loaded file had that this build drops ([`Loaded::unknown`]).
    pub unknown: &'a [String],
    /// Save even though `unknown` is not empty (the user said so: `--force`).
    pub allow_unknown: bool,
}

impl<'a> SaveOptions<'a> {
    /// Options for saving over the file `loaded` came from: refuse if it changed since, or if
    /// it has fields or comments this build would drop.
    pub fn replacing(loaded: &'a Loaded) -> Self {
        Self { expected: Some(&loaded.fingerprint), unknown: &loaded.unknown, allow_unknown: false }
    }
}

/// Save a session atomically to `path` (through a symbolic link to its target), keeping the
/// previous file as `NAME.ron.bak`. Refuses, changing nothing, when the file changed on disk
/// since `options.expected`, is read-only or not a regular file, or when `options.unknown`
/// is not empty and not allowed. Returns the fingerprint of the file written.
pub fn save(session: &Session, path: &Path, options: &SaveOptions<'_>) -> Result<Fingerprint, StoreError> {
    if !options.unknown.is_empty() && !options.allow_unknown {
        return Err(StoreError::UnknownFields { path: path.to_owned(), fields: options.unknown.to_vec() });
    }
    let text = to_ron(session)?;
    let real = fsio::resolve_target(path)?;
    let how =
        write::Replace { expected: options.expected, backup: Some(backup_path(&real)), owner_only: false };
    write::replace_file(path, text.as_bytes(), how)
}

/// Write `bytes` to `path` atomically (for exports and other files): temporary file in the
/// same folder, fsync, rename, fsync the folder; a link is written through, a read-only or
/// non-regular file refused. If `backup` is given and `path` exists, the old file becomes
/// `backup` (replaced by a rename, never written through). Keeps the mode, owner and group
/// of the file replaced; new files are owner-only (0600).
pub fn write_atomically(path: &Path, bytes: &[u8], backup: Option<&Path>) -> Result<(), StoreError> {
    let how = write::Replace { expected: None, backup: backup.map(Path::to_owned), owner_only: false };
    write::replace_file(path, bytes, how).map(|_| ())
}

/// Refuse early what [`save`] would refuse about `path` itself: a read-only or non-regular
/// file, a dangling link, a folder that does not exist. Ok when a save may write there.
pub fn check_writable(path: &Path) -> Result<(), StoreError> {
    let (real, _) = write::check_replaceable(path)?;
    let dir = fsio::parent_dir(&real);
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => {
            Err(StoreError::Io { path: dir.to_owned(), error: std::io::ErrorKind::NotADirectory.into() })
        }
        Err(error) => Err(StoreError::Io { path: dir.to_owned(), error }),
    }
}

/// True when `a` and `b` name the same file on disk (through links); false when either is missing.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(ma), Ok(mb)) => match (fsio::file_identity(&ma), fsio::file_identity(&mb)) {
            (Some(ia), Some(ib)) => ia == ib,
            _ => std::fs::canonicalize(a).ok().is_some_and(|ca| std::fs::canonicalize(b).ok() == Some(ca)),
        },
        _ => false,
    }
}
