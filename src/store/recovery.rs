//! Autosave and crash recovery: unsaved work is written beside the session as a hidden
//! recovery file; on open, a recovery file newer than the session is offered back.

use super::{MAX_SESSION_BYTES, StoreError, fsio, parse, recovery_path, to_ron, write};
use crate::model::Session;
use std::path::Path;
use std::time::SystemTime;

/// Write the unsaved session to the recovery file for `session_path` (no backup kept), with
/// the same atomic writer as sessions; the file is always owner-only (0600).
pub fn write_recovery(session: &Session, session_path: &Path) -> Result<(), StoreError> {
    let text = to_ron(session)?;
    let how = write::Replace { expected: None, backup: None, owner_only: true };
    write::replace_file(&recovery_path(session_path), text.as_bytes(), how).map(|_| ())
}

/// Remove the recovery file after a successful save or a discard. Missing is fine.
pub fn clear_recovery(session_path: &Path) -> Result<(), StoreError> {
    let path = recovery_path(session_path);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(StoreError::Io { path, error }),
    }
}

/// Unsaved work found for a session.
#[derive(Debug)]
pub struct Recovery {
    /// The recovered session.
    pub session: Session,
    /// When it was autosaved.
    pub saved_at: SystemTime,
}

/// The recovery file for `session_path`, if there is one newer than the session itself
/// (or the session file is gone). A recovery file that cannot be read is reported as an error
/// and left in place for the reviewer to inspect.
pub fn find_recovery(session_path: &Path) -> Result<Option<Recovery>, StoreError> {
    let path = recovery_path(session_path);
    let Ok(meta) = std::fs::metadata(&path) else { return Ok(None) };
    let recovered_at = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
    let session_at = std::fs::metadata(session_path).and_then(|m| m.modified()).ok();
    if session_at.is_some_and(|t| t >= recovered_at) {
        return Ok(None);
    }
    let (bytes, _) = fsio::read_regular(&path, MAX_SESSION_BYTES)?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| StoreError::NotUtf8 { path: path.clone(), byte_offset: e.valid_up_to() })?;
    let session = parse(text, &path)?.session;
    Ok(Some(Recovery { session, saved_at: recovered_at }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    #[test]
    fn recovery_newer_than_the_session_is_offered_and_cleared_after_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.ron");
        let mut session = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        store::save(&session, &path, &Default::default()).unwrap();
        assert!(find_recovery(&path).unwrap().is_none());

        // Make the session file clearly older, then autosave newer work.
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(old).unwrap();
        session.title = "unsaved title".into();
        write_recovery(&session, &path).unwrap();
        let found = find_recovery(&path).unwrap().unwrap();
        assert_eq!(found.session.title, "unsaved title");

        clear_recovery(&path).unwrap();
        assert!(find_recovery(&path).unwrap().is_none());
        clear_recovery(&path).unwrap();
    }

    #[test]
    fn stale_recovery_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.ron");
        let session = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        write_recovery(&session, &path).unwrap();
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options().write(true).open(recovery_path(&path)).unwrap().set_modified(old).unwrap();
        store::save(&session, &path, &Default::default()).unwrap();
        assert!(find_recovery(&path).unwrap().is_none());
    }
}
