//! Careful file-system primitives: read only regular files (never block on a FIFO, never
//! read a device forever), resolve where a write really lands, tell read-only files.

use super::StoreError;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

/// What a non-regular file is, for messages ("a directory", "a FIFO", …).
pub fn kind_name(meta: &Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "a directory";
    }
    if ft.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Open `path` for reading without blocking (a FIFO opens at once and is then refused) and
/// without following a final symbolic link when `follow` is false. Returns the file and its
/// metadata, or `NotRegular` for anything but a regular file.
pub fn open_regular(path: &Path, follow: bool) -> Result<(File, Metadata), StoreError> {
    let file = open_nonblocking(path, follow).map_err(StoreError::io(path))?;
    let meta = file.metadata().map_err(StoreError::io(path))?;
    if !meta.is_file() {
        return Err(StoreError::NotRegular { path: path.to_owned(), what: kind_name(&meta) });
    }
    Ok((file, meta))
}

#[cfg(unix)]
fn open_nonblocking(path: &Path, follow: bool) -> std::io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let mut flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC;
    if !follow {
        flags |= OFlags::NOFOLLOW;
    }
    let fd = rustix::fs::open(path, flags, Mode::empty())?;
    Ok(File::from(fd))
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path, _follow: bool) -> std::io::Result<File> {
    File::open(path)
}

/// Read a whole regular file of at most `limit` bytes. Returns the bytes and the metadata of
/// the file they were read from (taken after reading, so a change during the read shows).
pub fn read_regular(path: &Path, limit: u64) -> Result<(Vec<u8>, Metadata), StoreError> {
    let (file, meta) = open_regular(path, true)?;
    if meta.len() > limit {
        return Err(StoreError::TooLarge { path: path.to_owned(), size: meta.len(), limit });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // One byte more than the limit tells a file that grew while being read.
    (&file).take(limit + 1).read_to_end(&mut bytes).map_err(StoreError::io(path))?;
    if bytes.len() as u64 > limit {
        return Err(StoreError::TooLarge { path: path.to_owned(), size: bytes.len() as u64, limit });
    }
    let meta = file.metadata().map_err(StoreError::io(path))?;
    Ok((bytes, meta))
}

/// Where a write to `path` really lands: `path` itself, or the file a symbolic link (chain)
/// points to, so that saving through a link updates the real file and the link stays a link.
/// The target's folder must exist.
pub fn resolve_target(path: &Path) -> Result<PathBuf, StoreError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => match std::fs::canonicalize(path) {
            Ok(real) => Ok(real),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let target = std::fs::read_link(path).unwrap_or_default();
                Err(StoreError::DanglingSymlink { path: path.to_owned(), target })
            }
            Err(error) => Err(StoreError::Io { path: path.to_owned(), error }),
        },
        Ok(_) => Ok(path.to_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(path.to_owned()),
        Err(error) => Err(StoreError::Io { path: path.to_owned(), error }),
    }
}

/// The folder a file lives in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// True when this process must not replace the existing file at `path`: it has no write
/// permission bit at all (refused even for root, who could), or the process may not write it.
pub fn is_read_only(path: &Path, meta: &Metadata) -> bool {
    meta.permissions().readonly() || !may_write(path)
}

#[cfg(unix)]
fn may_write(path: &Path) -> bool {
    use rustix::fs::{Access, AtFlags, CWD};
    rustix::fs::accessat(CWD, path, Access::WRITE_OK, AtFlags::EACCESS).is_ok()
}

#[cfg(not(unix))]
fn may_write(_path: &Path) -> bool {
    true
}

/// Flush a folder's entries (the rename of a file into it) to disk.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Flush a folder's entries to disk (nothing to do on this platform).
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Identity of a file on disk (device and inode), to tell two paths to the same file.
#[cfg(unix)]
pub fn file_identity(meta: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

/// Identity of a file on disk (not available on this platform).
#[cfg(not(unix))]
pub fn file_identity(_meta: &Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.ron");
        rustix::fs::mknodat(rustix::fs::CWD, &fifo, rustix::fs::FileType::Fifo, 0o600.into(), 0).unwrap();
        let err = read_regular(&fifo, 1000).unwrap_err();
        assert!(matches!(err, StoreError::NotRegular { .. }), "{err}");
        assert!(err.to_string().contains("FIFO"), "{err}");
    }

    #[test]
    fn a_directory_is_refused_and_the_reason_is_said_once() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_regular(dir.path(), 1000).unwrap_err();
        assert!(err.to_string().ends_with("is a directory, not a regular file"), "{err}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_naming_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ron");
        std::fs::write(&path, vec![b' '; 2000]).unwrap();
        let err = read_regular(&path, 1000).unwrap_err();
        assert!(err.to_string().contains("limit is 1000 bytes"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn links_resolve_to_their_target_and_dangling_links_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        std::fs::write(&real, "x").unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink("real.ron", &link).unwrap();
        assert_eq!(resolve_target(&link).unwrap(), std::fs::canonicalize(&real).unwrap());
        let dangling = dir.path().join("dangling.ron");
        std::os::unix::fs::symlink("gone.ron", &dangling).unwrap();
        let err = resolve_target(&dangling).unwrap_err();
        assert!(err.to_string().contains("gone.ron, which does not exist"), "{err}");
    }
}
