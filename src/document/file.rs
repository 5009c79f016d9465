//! Reading a document file safely: only regular files (a FIFO, a device or a directory is
//! refused before it is opened, so nothing blocks or streams forever), and no more than the
//! size limit.

use super::DocumentError;
use std::io::Read;
use std::path::Path;

/// Largest document accepted, in bytes (200 MB).
pub const MAX_DOCUMENT_BYTES: u64 = 200 * 1024 * 1024;

/// What a non-regular file is, for the message.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Read the whole of `path`, which must be a regular file of at most `limit` bytes.
pub(crate) fn read_document(path: &Path, limit: u64) -> Result<Vec<u8>, DocumentError> {
    let io = |error: std::io::Error| DocumentError::Io { path: path.to_owned(), error };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(DocumentError::NotRegular { path: path.to_owned(), what: kind_of(&meta) });
    }
    if meta.len() > limit {
        return Err(DocumentError::TooLarge { path: path.to_owned(), size: meta.len(), limit });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    // The path may have been replaced between the check and the open: check what was opened.
    let opened = file.metadata().map_err(io)?;
    if !opened.is_file() {
        return Err(DocumentError::NotRegular { path: path.to_owned(), what: kind_of(&opened) });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(DocumentError::TooLarge { path: path.to_owned(), size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}
