//! The session lock: one writer per session file at a time (a second window opens
//! read-only; a `set` waits its turn), as an advisory lock on a hidden file beside it.

use super::{StoreError, fsio};
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often a blocking acquire tries again.
const RETRY_EVERY: Duration = Duration::from_millis(25);

/// An advisory lock held while a session is open for writing. Released when dropped (and by
/// the operating system when the process dies, so a crash never leaves a session locked).
///
/// The lock is taken on `.NAME.ron.lock` beside the real file (through a symbolic link, so two
/// links to one session share one lock). The lock file is created 0600, never written and
/// never replaced or removed by saves.
#[derive(Debug)]
pub struct SessionLock {
    _file: File,
    path: PathBuf,
}

/// Where the lock for the session at `session_path` lives: `.NAME.ron.lock` beside it.
pub fn lock_path(session_path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(session_path.file_name().unwrap_or_default());
    name.push(".lock");
    session_path.with_file_name(name)
}

impl SessionLock {
    /// Take the lock if no other process has it: `Ok(None)` when another one does (open the
    /// session read-only then). Errors when the lock file cannot be made (a read-only folder).
    pub fn try_acquire(session_path: &Path) -> Result<Option<SessionLock>, StoreError> {
        let path = lock_path(&fsio::resolve_target(session_path)?);
        let file = open_lock_file(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(SessionLock { _file: file, path })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(error)) => Err(StoreError::Io { path, error }),
        }
    }

    /// Take the lock, waiting up to `timeout` for another process to release it
    /// (`StoreError::Locked` after that).
    pub fn acquire(session_path: &Path, timeout: Duration) -> Result<SessionLock, StoreError> {
        let start = Instant::now();
        loop {
            if let Some(lock) = Self::try_acquire(session_path)? {
                return Ok(lock);
            }
            let waited = start.elapsed();
            if waited >= timeout {
                return Err(StoreError::Locked {
                    path: session_path.to_owned(),
                    lock: lock_path(session_path),
                    waited,
                });
            }
            std::thread::sleep(RETRY_EVERY.min(timeout - waited));
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Open (creating 0600 if needed) the lock file without following a link planted at its name.
fn open_lock_file(path: &Path) -> Result<File, StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        options.mode(0o600).custom_flags(flags.bits() as i32);
    }
    let file = options.open(path).map_err(StoreError::io(path))?;
    let meta = file.metadata().map_err(StoreError::io(path))?;
    if !meta.is_file() {
        return Err(StoreError::NotRegular { path: path.to_owned(), what: fsio::kind_name(&meta) });
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("review.ron");
        let first = SessionLock::try_acquire(&session).unwrap().expect("free lock");
        assert_eq!(first.path(), dir.path().join(".review.ron.lock"));
        assert!(SessionLock::try_acquire(&session).unwrap().is_none());
        let err = SessionLock::acquire(&session, Duration::from_millis(60)).unwrap_err();
        assert!(matches!(err, StoreError::Locked { .. }), "{err}");
        assert!(err.to_string().contains("open for writing in another Stocktake"), "{err}");
        drop(first);
        assert!(SessionLock::acquire(&session, Duration::from_millis(60)).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn the_lock_file_is_owner_only_and_a_planted_link_is_not_followed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("review.ron");
        let lock = SessionLock::try_acquire(&session).unwrap().unwrap();
        assert_eq!(std::fs::metadata(lock.path()).unwrap().permissions().mode() & 0o777, 0o600);
        drop(lock);

        let other = dir.path().join("other.ron");
        let victim = dir.path().join("victim");
        std::os::unix::fs::symlink(&victim, lock_path(&other)).unwrap();
        assert!(SessionLock::try_acquire(&other).is_err());
        assert!(!victim.exists(), "the link's target must not be created");
    }
}
