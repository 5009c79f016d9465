//! TEMPORARY stand-ins for the store API being built on branch `store` (fingerprints, save
//! options, locks), so the workspace can be written against its shape. Replaced at merge.

use super::StoreError;
use crate::model::Session;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a session file was when it was read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    modified: Option<SystemTime>,
    len: u64,
    sha256: Vec<u8>,
}

impl Fingerprint {
    fn of(bytes: &[u8], path: &Path) -> Self {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        Self { modified, len: bytes.len() as u64, sha256: Sha256::digest(bytes).to_vec() }
    }
}

/// A session read from disk with its fingerprint.
#[derive(Debug)]
pub struct Loaded {
    /// The session.
    pub session: Session,
    /// The bytes' fingerprint.
    pub fingerprint: Fingerprint,
    /// Fields not understood.
    pub unknown: Vec<String>,
}

/// Load with a fingerprint.
pub fn load_with_fingerprint(path: &Path) -> Result<Loaded, StoreError> {
    let bytes = std::fs::read(path).map_err(|source| StoreError::Io { path: path.to_owned(), source })?;
    let session = super::load(path)?;
    Ok(Loaded { session, fingerprint: Fingerprint::of(&bytes, path), unknown: Vec::new() })
}

/// How to save.
#[derive(Debug, Default)]
pub struct SaveOptions<'a> {
    /// The file must still be this.
    pub expected: Option<&'a Fingerprint>,
    /// Write over unknown fields.
    pub allow_unknown: bool,
}

/// Save, refusing when the file changed.
pub fn save_checked(
    session: &Session,
    path: &Path,
    options: &SaveOptions,
) -> Result<Fingerprint, StoreError> {
    if changed_on_disk(path, options.expected) && options.expected.is_some() {
        return Err(StoreError::ChangedOnDisk { path: path.to_owned() });
    }
    super::save(session, path)?;
    let bytes = std::fs::read(path).map_err(|source| StoreError::Io { path: path.to_owned(), source })?;
    Ok(Fingerprint::of(&bytes, path))
}

/// True when the file is not what `expected` says.
pub fn changed_on_disk(path: &Path, expected: Option<&Fingerprint>) -> bool {
    let Some(expected) = expected else { return false };
    match std::fs::read(path) {
        Ok(bytes) => Sha256::digest(&bytes).as_slice() != expected.sha256.as_slice(),
        Err(_) => true,
    }
}

/// An advisory lock.
#[derive(Debug)]
pub struct SessionLock;

impl SessionLock {
    /// Try to take it.
    pub fn try_acquire(_path: &Path) -> Result<Option<SessionLock>, StoreError> {
        Ok(Some(SessionLock))
    }
}

/// An absolute path without `.` components.
pub fn absolute(p: &Path) -> PathBuf {
    let p = if p.as_os_str().is_empty() { Path::new(".") } else { p };
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    abs.components().filter(|c| *c != std::path::Component::CurDir).collect()
}
