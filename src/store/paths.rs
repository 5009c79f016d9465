//! Names of the files kept beside a session, and document paths relative to a session.

use std::path::{Component, Path, PathBuf};

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

/// `p` made absolute against the current folder, without `.` components (symbolic links are
/// kept: the path is the one the user gave).
pub fn absolute(p: &Path) -> PathBuf {
    let p = if p.as_os_str().is_empty() { Path::new(".") } else { p };
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    // Drop `.` components so `/a/./b` and `/a/b` compare equal.
    abs.components().filter(|c| *c != Component::CurDir).collect()
}

/// `path` relative to `base` (both absolute), with `..` where needed.
fn relative_path(path: &Path, base: &Path) -> Option<PathBuf> {
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
    fn backup_and_recovery_names() {
        assert_eq!(backup_path(Path::new("/x/review.ron")), PathBuf::from("/x/review.ron.bak"));
        assert_eq!(recovery_path(Path::new("/x/review.ron")), PathBuf::from("/x/.review.ron.recovery"));
    }
}
