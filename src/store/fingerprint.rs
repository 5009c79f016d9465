//! What a session file was when it was loaded or saved, to notice outside changes.

use super::{MAX_SESSION_BYTES, StoreError, fsio};
use sha2::{Digest, Sha256};
use std::fs::Metadata;
use std::path::Path;
use std::time::SystemTime;

/// The identity of exactly the bytes that were parsed or written: modification time, length
/// and SHA-256. Two fingerprints describe the same content when length and hash agree; the
/// time is there for cheap polling ([`Fingerprint::stat_matches`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Modification time of the file (None where the platform does not tell).
    pub modified: Option<SystemTime>,
    /// Length in bytes.
    pub len: u64,
    /// SHA-256 of the bytes.
    pub sha256: [u8; 32],
}

impl Fingerprint {
    /// The fingerprint of `bytes`, which were read from (or written to) a file with `meta`.
    pub fn of(bytes: &[u8], meta: &Metadata) -> Self {
        Self { modified: meta.modified().ok(), len: bytes.len() as u64, sha256: Sha256::digest(bytes).into() }
    }

    /// The fingerprint of the file at `path` as it is now (following symbolic links), or None
    /// when there is no such file.
    pub fn of_path(path: &Path) -> Result<Option<Self>, StoreError> {
        match fsio::read_regular(path, MAX_SESSION_BYTES) {
            Ok((bytes, meta)) => Ok(Some(Self::of(&bytes, &meta))),
            Err(StoreError::Io { error, .. }) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// True when `other` describes the same bytes (length and hash; the time may differ).
    pub fn same_content(&self, other: &Fingerprint) -> bool {
        self.len == other.len && self.sha256 == other.sha256
    }

    /// Cheap check for polling: the file at `path` still has this length and modification
    /// time. False means "look closer" (compare [`Fingerprint::of_path`]), not "changed".
    pub fn stat_matches(&self, path: &Path) -> bool {
        std::fs::metadata(path).is_ok_and(|m| m.len() == self.len && m.modified().ok() == self.modified)
    }

    /// The hash as lowercase hex.
    pub fn sha256_hex(&self) -> String {
        self.sha256.iter().map(|b| format!("{b:02x}")).collect()
    }
}
