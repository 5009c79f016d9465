//! Loading and saving sessions as RON: atomic writes, backups, clear errors.

mod atomic;
mod error;
mod recovery;
mod shim;

pub use atomic::write_atomically;
pub use error::StoreError;
pub use recovery::{Recovery, clear_recovery, find_recovery, write_recovery};
pub use shim::{
    Fingerprint, Loaded, SaveOptions, SessionLock, absolute, changed_on_disk, load_with_fingerprint,
    save_checked,
};

use crate::model::{FORMAT_VERSION, Session};
use std::path::{Path, PathBuf};

/// Render a session as pretty RON. Stable: the same session always gives the same bytes.
pub fn to_ron(session: &Session) -> Result<String, StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(usize::MAX)
        .indentor("    ")
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .struct_names(false);
    let mut text = ron::ser::to_string_pretty(session, config).map_err(StoreError::Serialise)?;
    text.push('\n');
    Ok(text)
}

/// Parse a session from RON text; `path` is only used in error messages.
pub fn from_ron(text: &str, path: &Path) -> Result<Session, StoreError> {
    // Check the version first, so a newer file is refused with a clear reason even when
    // its fields would not parse with this build's types.
    if let Some(version) = peek_format_version(text)
        && version > FORMAT_VERSION
    {
        return Err(StoreError::NewerVersion {
            path: path.to_owned(),
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let session: Session = ron::from_str(text).map_err(|e| StoreError::Parse {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })?;
    Ok(session)
}

/// The `format_version` number written near the top of a session file, if it can be seen.
fn peek_format_version(text: &str) -> Option<u32> {
    let rest = &text[text.find("format_version")? + "format_version".len()..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// Load a session file. Never writes anything.
pub fn load(path: &Path) -> Result<Session, StoreError> {
    let bytes = std::fs::read(path).map_err(|source| StoreError::Io { path: path.to_owned(), source })?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| StoreError::NotUtf8 { path: path.to_owned(), byte_offset: e.valid_up_to() })?;
    from_ron(text, path)
}

/// Save a session atomically, keeping the previous file as `NAME.ron.bak`.
pub fn save(session: &Session, path: &Path) -> Result<(), StoreError> {
    let text = to_ron(session)?;
    write_atomically(path, text.as_bytes(), Some(&backup_path(path)))
}

/// Where the previous version of `path` is kept: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Where autosave writes unsaved work for `path`: `.NAME.ron.recovery` beside it.
pub fn recovery_path(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".recovery");
    path.with_file_name(name)
}

/// A document path as stored in the session: relative to the session's folder when possible.
pub fn relative_to_session(doc: &Path, session_path: &Path) -> PathBuf {
    let base = session_path.parent().unwrap_or(Path::new(""));
    let doc_abs = absolute(doc);
    let base_abs = absolute(base);
    relative_path(&doc_abs, &base_abs).unwrap_or(doc_abs)
}

/// A stored document path resolved against the session's folder.
pub fn resolve_from_session(stored: &Path, session_path: &Path) -> PathBuf {
    if stored.is_absolute() {
        stored.to_owned()
    } else {
        session_path.parent().unwrap_or(Path::new("")).join(stored)
    }
}

/// `path` relative to `base` (both absolute), with `..` where needed.
fn relative_path(path: &Path, base: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let path: Vec<Component> = path.components().filter(|c| *c != Component::CurDir).collect();
    let base: Vec<Component> = base.components().filter(|c| *c != Component::CurDir).collect();
    // Different roots (another drive): keep absolute.
    if path.first() != base.first() {
        return None;
    }
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for c in &path[common..] {
        out.push(c.as_os_str());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_walk_up_when_needed() {
        assert_eq!(relative_path(Path::new("/a/b/doc.md"), Path::new("/a/b")), Some(PathBuf::from("doc.md")));
        assert_eq!(
            relative_path(Path::new("/a/x/doc.md"), Path::new("/a/b")),
            Some(PathBuf::from("../x/doc.md"))
        );
    }

    #[test]
    fn session_in_current_folder_gets_plain_file_names() {
        let rel = relative_to_session(Path::new("doc.md"), Path::new("review.ron"));
        assert_eq!(rel, PathBuf::from("doc.md"));
        let rel = relative_to_session(Path::new("./docs/doc.md"), Path::new("./review.ron"));
        assert_eq!(rel, PathBuf::from("docs/doc.md"));
    }

    #[test]
    fn peek_finds_version() {
        assert_eq!(peek_format_version("(\n    format_version: 7,\n"), Some(7));
        assert_eq!(peek_format_version("(title: \"x\")"), None);
    }

    #[test]
    fn backup_and_recovery_names() {
        assert_eq!(backup_path(Path::new("/x/review.ron")), PathBuf::from("/x/review.ron.bak"));
        assert_eq!(recovery_path(Path::new("/x/review.ron")), PathBuf::from("/x/.review.ron.recovery"));
    }
}
