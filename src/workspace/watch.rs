//! Noticing outside changes: the session file and its documents are watched (`notify`), so
//! the window can say at once that a file changed. The watcher is only a hint: whether the
//! session really changed is decided by its fingerprint, and a save never overwrites an
//! outside change whatever the watcher saw.

use crate::intake::LoadedDocument;
use notify::{EventKind, RecursiveMode, Watcher as _};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// A file of the open review that changed on disk.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum OutsideChange {
    /// The session file itself (another program, a `git pull`, `stocktake set`).
    Session,
    /// A document, by id.
    Document(String),
}

/// Watches the folders of the session and its documents.
pub(super) struct Watcher {
    /// Kept alive for as long as events are wanted.
    _inner: Option<notify::RecommendedWatcher>,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    session: PathBuf,
    documents: HashMap<PathBuf, String>,
}

impl Watcher {
    /// Watch `session` and the files of `documents`. Watching is best effort: where the
    /// platform cannot watch, nothing is reported and saves still check fingerprints.
    pub(super) fn new(session: &Path, documents: &[LoadedDocument]) -> Self {
        let (tx, events) = mpsc::channel();
        let doc_paths: HashMap<PathBuf, String> =
            documents.iter().filter_map(|d| Some((d.path.clone()?, d.id.clone()))).collect();
        let mut folders: BTreeSet<PathBuf> = BTreeSet::new();
        folders.extend(session.parent().map(Path::to_owned));
        folders.extend(doc_paths.keys().filter_map(|p| p.parent().map(Path::to_owned)));
        let inner = notify::recommended_watcher(tx).ok().map(|mut w| {
            for folder in &folders {
                // A folder that cannot be watched just goes unwatched.
                let _ = w.watch(folder, RecursiveMode::NonRecursive);
            }
            w
        });
        Self { _inner: inner, events, session: session.to_owned(), documents: doc_paths }
    }

    /// The files that changed since the last poll.
    pub(super) fn poll(&mut self) -> Vec<OutsideChange> {
        let mut changed = BTreeSet::new();
        while let Ok(event) = self.events.try_recv() {
            let Ok(event) = event else { continue };
            if !matches!(event.kind, EventKind::Modify(_) | EventKind::Create(_) | EventKind::Remove(_)) {
                continue;
            }
            for path in &event.paths {
                if path == &self.session {
                    changed.insert(OutsideChange::Session);
                } else if let Some(id) = self.documents.get(path) {
                    changed.insert(OutsideChange::Document(id.clone()));
                }
            }
        }
        changed.into_iter().collect()
    }

    /// Drop events caused by our own save.
    pub(super) fn forget_own_write(&mut self) {
        while self.events.try_recv().is_ok() {}
    }
}
