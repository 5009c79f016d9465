//! Atomic file replacement: a crash at any instant leaves the old file or the new one, whole.
//!
//! Every file Stocktake writes (session, backup, recovery, exports) goes through here: a new
//! temporary file in the same folder (`.NAME.XXXXXX.tmp`, locked while it is written so that
//! a later save can tell a dead writer's leftovers and remove them), fsync, then one rename
//! over the destination and an fsync of the folder. A destination that is a symbolic link is
//! written through to its target; a read-only file or a non-regular file is refused; mode,
//! owner and group of a replaced file are kept where the process may, new files are 0600.
//! The previous version can be kept as a backup the same way: the backup's name is always
//! replaced by a rename, never opened, so a planted link at that name is replaced, not
//! followed.

use super::fingerprint::Fingerprint;
use super::{MAX_SESSION_BYTES, StoreError, fsio};
use std::fs::{self, File, Metadata};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Length of the random part of temporary file names.
const RANDOM_CHARS: usize = 6;

/// What to check and keep when replacing a file.
pub struct Replace<'a> {
    /// The file on disk must still have this content (else `ChangedOnDisk`); None: no check.
    pub expected: Option<&'a Fingerprint>,
    /// Keep the previous version under this name (in the same folder as the real file).
    pub backup: Option<PathBuf>,
    /// Make the file 0600 even when the file it replaces was more open (recovery files).
    pub owner_only: bool,
}

/// Write `bytes` to `path` atomically as described in the module documentation.
/// Returns the fingerprint of what was written.
pub fn replace_file(path: &Path, bytes: &[u8], how: Replace<'_>) -> Result<Fingerprint, StoreError> {
    let (real, existing) = check_replaceable(path)?;
    let dir = fsio::parent_dir(&real);
    let name = file_name(&real);
    remove_stale_temporaries(dir, &name);

    let like = existing.as_ref().filter(|_| !how.owner_only);
    let tmp = write_temporary(dir, &name, bytes, like)?;
    let written = Fingerprint::of(bytes, &tmp.as_file().metadata().map_err(StoreError::io(tmp.path()))?);

    // Check as late as possible: nothing has been replaced yet.
    let old_bytes = match (how.expected, &existing) {
        (Some(expected), Some(_)) => Some(check_unchanged(&real, path, expected)?),
        _ => None,
    };
    if let (Some(backup), Some(_)) = (how.backup, &existing) {
        keep_backup(&real, &backup, dir, old_bytes.as_deref())?;
    }
    tmp.persist(&real).map_err(|e| StoreError::Io { path: path.to_owned(), error: e.error })?;
    fsio::sync_dir(dir).map_err(StoreError::io(dir))?;
    Ok(written)
}

/// Where a write to `path` lands (through links) and the metadata of the file there, if
/// any; refuses a dangling link, a non-regular file and a read-only file.
pub fn check_replaceable(path: &Path) -> Result<(PathBuf, Option<Metadata>), StoreError> {
    let real = fsio::resolve_target(path)?;
    let existing = existing_regular(&real, path)?;
    if let Some(meta) = &existing
        && fsio::is_read_only(&real, meta)
    {
        return Err(StoreError::ReadOnly { path: path.to_owned() });
    }
    Ok((real, existing))
}

/// The metadata of the regular file at `real` (None if there is none); anything else is refused.
fn existing_regular(real: &Path, named: &Path) -> Result<Option<Metadata>, StoreError> {
    match fs::symlink_metadata(real) {
        Ok(meta) if meta.is_file() => Ok(Some(meta)),
        Ok(meta) => Err(StoreError::NotRegular { path: named.to_owned(), what: fsio::kind_name(&meta) }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(StoreError::Io { path: named.to_owned(), error }),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A locked, fsynced temporary file in `dir` holding `bytes`, with the mode, owner and group
/// of `like` (the file it will replace) or 0600.
fn write_temporary(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    like: Option<&Metadata>,
) -> Result<tempfile::NamedTempFile, StoreError> {
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp").rand_bytes(RANDOM_CHARS);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o600));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(StoreError::io(dir))?;
    let io = StoreError::io(tmp.path());
    // Held until the file is renamed or removed: a save that finds it unlocked knows its writer died.
    if let Err(std::fs::TryLockError::Error(error)) = tmp.as_file().try_lock() {
        return Err(io(error));
    }
    tmp.write_all(bytes).map_err(StoreError::io(tmp.path()))?;
    if let Some(meta) = like {
        copy_owner_and_mode(tmp.as_file(), meta).map_err(StoreError::io(tmp.path()))?;
    }
    tmp.as_file().sync_all().map_err(StoreError::io(tmp.path()))?;
    Ok(tmp)
}

#[cfg(unix)]
fn copy_owner_and_mode(file: &File, like: &Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // Owner first: changing the owner clears set-id bits, which the mode then restores.
    if let Err(e) = std::os::unix::fs::fchown(file, Some(like.uid()), Some(like.gid())) {
        // Only a privileged process may give a file away; keep what we may (the group, if ours).
        if e.kind() != std::io::ErrorKind::PermissionDenied {
            return Err(e);
        }
        let _ = std::os::unix::fs::fchown(file, None, Some(like.gid()));
    }
    file.set_permissions(fs::Permissions::from_mode(like.mode() & 0o7777))
}

#[cfg(not(unix))]
fn copy_owner_and_mode(file: &File, like: &Metadata) -> std::io::Result<()> {
    file.set_permissions(like.permissions())
}

/// Read the file now at `real` and refuse unless it has the `expected` content. Returns its bytes.
fn check_unchanged(real: &Path, named: &Path, expected: &Fingerprint) -> Result<Vec<u8>, StoreError> {
    let changed = || StoreError::ChangedOnDisk { path: named.to_owned() };
    let (bytes, meta) = match fsio::read_regular(real, MAX_SESSION_BYTES) {
        Ok(read) => read,
        Err(StoreError::TooLarge { .. }) => return Err(changed()),
        Err(e) => return Err(e),
    };
    if expected.same_content(&Fingerprint::of(&bytes, &meta)) { Ok(bytes) } else { Err(changed()) }
}

/// Make the file at `real` (about to be replaced) the backup: a hard link under a temporary
/// name renamed over `backup`, so the backup is always whole and its name never followed.
/// Where hard links are not supported, its bytes are written to a new file the same way.
fn keep_backup(real: &Path, backup: &Path, dir: &Path, old_bytes: Option<&[u8]>) -> Result<(), StoreError> {
    let backup_dir = fsio::parent_dir(backup);
    let backup_name = file_name(backup);
    let linked = (0..8).find_map(|_| {
        let tmp = backup_dir.join(format!(".{backup_name}.{}.tmp", random_chars()));
        match fs::hard_link(real, &tmp) {
            Ok(()) => Some(Ok(tmp)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
            Err(e) => Some(Err(e)),
        }
    });
    match linked {
        Some(Ok(tmp)) => {
            let renamed = fs::rename(&tmp, backup);
            // A rename between two links to one file (a save killed after making its backup
            // left the backup as this very file) does nothing and leaves the temporary name.
            let _ = fs::remove_file(&tmp);
            renamed.map_err(|error| StoreError::Io { path: backup.to_owned(), error })?;
            if backup_dir != dir {
                fsio::sync_dir(backup_dir).map_err(StoreError::io(backup_dir))?;
            }
            Ok(())
        }
        _ => {
            let bytes = match old_bytes {
                Some(b) => b.to_vec(),
                None => fsio::read_regular(real, MAX_SESSION_BYTES)?.0,
            };
            let like = fs::metadata(real).ok();
            let tmp = write_temporary(backup_dir, &backup_name, &bytes, like.as_ref())?;
            tmp.persist(backup).map_err(|e| StoreError::Io { path: backup.to_owned(), error: e.error })?;
            Ok(())
        }
    }
}

fn random_chars() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos(),
    );
    let mut n = h.finish();
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    (0..RANDOM_CHARS)
        .map(|_| {
            let c = ALPHABET[(n % ALPHABET.len() as u64) as usize] as char;
            n /= ALPHABET.len() as u64;
            c
        })
        .collect()
}

/// True for the names of temporary files made for `name` in its folder (`.NAME.XXXXXX.tmp`,
/// `.NAME.bak.XXXXXX.tmp`).
fn is_temporary_for(file: &str, name: &str) -> bool {
    let Some(rest) =
        file.strip_prefix('.').and_then(|f| f.strip_prefix(name)).and_then(|f| f.strip_suffix(".tmp"))
    else {
        return false;
    };
    let rest = rest.strip_prefix(".bak").unwrap_or(rest);
    rest.strip_prefix('.')
        .is_some_and(|r| r.len() == RANDOM_CHARS && r.bytes().all(|c| c.is_ascii_alphanumeric()))
}

/// Remove temporary files left in `dir` by saves of `name` that were killed: those no live
/// writer holds locked. Best effort; a file that cannot be examined is left alone.
pub fn remove_stale_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        if !is_temporary_for(file, name) {
            continue;
        }
        let path = entry.path();
        let Ok((handle, _)) = fsio::open_regular(&path, false) else { continue };
        if handle.try_lock().is_ok() {
            let _ = fs::remove_file(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognised_exactly() {
        assert!(is_temporary_for(".review.ron.a1B2c3.tmp", "review.ron"));
        assert!(is_temporary_for(".review.ron.bak.a1B2c3.tmp", "review.ron"));
        assert!(!is_temporary_for(".review.ron.a1B2c3.tmp", "other.ron"));
        assert!(!is_temporary_for(".review.ron.notes.tmp", "review.ron"));
        assert!(!is_temporary_for("review.ron.a1B2c3.tmp", "review.ron"));
        assert_eq!(random_chars().len(), RANDOM_CHARS);
    }

    #[test]
    fn stale_temporaries_are_removed_but_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".review.ron.abcdef.tmp");
        fs::write(&stale, "half a sess").unwrap();
        let live = dir.path().join(".review.ron.ghijkl.tmp");
        fs::write(&live, "being written").unwrap();
        let writer = File::open(&live).unwrap();
        writer.lock().unwrap();
        let unrelated = dir.path().join(".review.ron.mine.tmp");
        fs::write(&unrelated, "user file").unwrap();
        remove_stale_temporaries(dir.path(), "review.ron");
        assert!(!stale.exists());
        assert!(live.exists());
        assert!(unrelated.exists());
    }
}
