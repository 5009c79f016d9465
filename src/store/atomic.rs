//! Atomic file replacement: a crash at any instant leaves the old file or the new one, whole.

use super::StoreError;
use std::fs;
use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically: temporary file in the same folder, fsync, rename, fsync
/// the folder. If `backup` is given and `path` exists, the old file is first copied there.
/// Keeps the permissions of the file being replaced; new files are owner-only (0600).
pub fn write_atomically(path: &Path, bytes: &[u8], backup: Option<&Path>) -> Result<(), StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let old_permissions = fs::metadata(path).ok().map(|m| m.permissions());

    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{}.", path.file_name().unwrap_or_default().to_string_lossy()))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    if let Some(perm) = old_permissions.clone() {
        fs::set_permissions(tmp.path(), perm).map_err(io)?;
    } else {
        set_owner_only(tmp.path()).map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;

    if let Some(backup) = backup
        && old_permissions.is_some()
    {
        // Copy (not rename) so `path` exists at every instant.
        copy_synced(path, backup).map_err(|source| StoreError::Io { path: backup.to_owned(), source })?;
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    sync_dir(dir).map_err(io)?;
    Ok(())
}

fn copy_synced(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::copy(from, to)?;
    fs::File::open(to)?.sync_all()
}

#[cfg(unix)]
fn set_owner_only(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_owner_only(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}
