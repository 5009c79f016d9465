//! Reading a review from disk (or starting one from documents) without touching the open
//! one: the result is an [`Opened`] that the workspace installs in one step, so this can run
//! on a worker thread and be cancelled.

use super::{SessionFile, WorkspaceError, absolutise};
use crate::edit::Command;
use crate::intake::{self, DocumentStatus, LoadedDocument};
use crate::job::Progress;
use crate::model::Session;
use crate::store::{self, SessionLock};
use std::path::{Path, PathBuf};

/// A review read and prepared, ready for [`super::Workspace::install`].
#[derive(Debug)]
pub struct Opened {
    /// The session, document paths absolute.
    pub session: Session,
    /// Its file (None: untitled).
    pub(super) file: Option<SessionFile>,
    /// The documents' texts.
    pub documents: Vec<LoadedDocument>,
    /// True when the session matches its file.
    pub saved: bool,
    /// Re-anchoring of documents that changed, applied as one undo step after opening.
    pub reanchor: Option<Command>,
    /// What to tell the reviewer about opening (changed or missing documents).
    pub notes: Vec<String>,
    /// Unsaved work autosaved for this session, newer than the file: offered back.
    pub recovery: Option<store::Recovery>,
    /// The session is unsaved work taken from a recovery file (which a save then removes).
    pub(super) recovered: bool,
}

impl Opened {
    /// True when another window holds this review, so it opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.file.as_ref().is_some_and(|f| f.lock.is_none())
    }

    /// The session file's path, if it has one.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_ref().map(|f| f.path.as_path())
    }

    /// An untitled review from unsaved work found in the data folder (document paths absolute).
    pub fn recovered_untitled(session: Session) -> Self {
        let documents = intake::load_documents(&session, &Progress::default());
        Opened {
            session,
            file: None,
            documents,
            saved: false,
            reanchor: None,
            notes: Vec::new(),
            recovery: None,
            recovered: true,
        }
    }

    /// Take the recovered session in place of the one on disk (the reviewer chose Recover).
    /// The review stays at the same path, unsaved.
    pub fn use_recovery(&mut self) {
        if let Some(recovery) = self.recovery.take() {
            let base = self.file.as_ref().map(|f| f.path.clone());
            let mut session = recovery.session;
            if let Some(base) = &base {
                absolutise(&mut session, base);
            }
            self.documents = intake::load_documents(&session, &Progress::default());
            self.session = session;
            self.saved = false;
            self.reanchor = None;
            self.recovered = true;
        }
    }
}

/// Read the session at `path`, its documents, and re-anchor what changed. Takes the
/// session's lock when free; when another window holds it, the review opens read-only.
pub fn open_session(path: &Path, progress: &Progress) -> Result<Opened, WorkspaceError> {
    let path = store::absolute(path);
    progress.begin(format!("Reading {}", file_name(&path)), 0);
    let lock = SessionLock::try_acquire(&path)?;
    let (session, file) = read_session(path, lock)?;
    progress.check()?;
    let documents = intake::load_documents(&session, progress);
    progress.check()?;
    let mut notes: Vec<String> = documents
        .iter()
        .filter_map(|d| match &d.status {
            DocumentStatus::Ok | DocumentStatus::Changed => None,
            DocumentStatus::Embedded(e) => Some(format!("Using the copy saved in the review: {e}")),
            DocumentStatus::Missing(e) => Some(format!("Missing document: {e}")),
        })
        .collect();
    let (reanchor, reanchor_notes) = reanchor_changed(&session, &documents, progress)?;
    notes.extend(reanchor_notes);
    let recovery = match store::find_recovery(&file.path) {
        Ok(found) => found,
        Err(e) => {
            notes.push(format!("Unsaved work was found but cannot be read: {e}"));
            None
        }
    };
    Ok(Opened {
        session,
        file: Some(file),
        documents,
        saved: true,
        reanchor,
        notes,
        recovery,
        recovered: false,
    })
}

/// Read only the session at `path` (not its documents), for edits from the command line that
/// do not need their texts (`stocktake set`): waits up to `wait` for a window or another
/// command that has the session open, and holds its lock until the workspace is dropped.
pub fn open_session_only(path: &Path, wait: std::time::Duration) -> Result<Opened, WorkspaceError> {
    let path = store::absolute(path);
    let lock = Some(SessionLock::acquire(&path, wait)?);
    let (session, file) = read_session(path, lock)?;
    Ok(Opened {
        session,
        file: Some(file),
        documents: Vec::new(),
        saved: true,
        reanchor: None,
        notes: Vec::new(),
        recovery: None,
        recovered: false,
    })
}

/// Read the session file at `path` (absolute): the session with absolute document paths, and
/// the file as read (fingerprint, fields not understood) holding `lock` (None: read-only).
fn read_session(path: PathBuf, lock: Option<SessionLock>) -> Result<(Session, SessionFile), WorkspaceError> {
    let loaded = store::load(&path)?;
    let mut session = loaded.session;
    absolutise(&mut session, &path);
    let file = SessionFile { path, fingerprint: Some(loaded.fingerprint), lock, unknown: loaded.unknown };
    Ok((session, file))
}

/// A new, untitled review of `docs`, with their recommendations extracted.
pub fn new_from_documents(docs: &[PathBuf], progress: &Progress) -> Result<Opened, WorkspaceError> {
    let docs: Vec<PathBuf> = docs.iter().map(|d| store::absolute(d)).collect();
    let (session, documents) = intake::new_session_with_progress(&docs, jiff::Timestamp::now(), progress)?;
    progress.check()?;
    let found = session.recommendations.len();
    let uncertain = session.recommendations.iter().filter(|r| r.is_uncertain()).count();
    Ok(Opened {
        session,
        file: None,
        documents,
        saved: false,
        reanchor: None,
        notes: vec![if uncertain == 0 {
            format!("Found {found} recommendations")
        } else {
            format!(
                "Found {found} recommendations, {uncertain} uncertain: tick Uncertain in the list to review them"
            )
        }],
        recovery: None,
        recovered: false,
    })
}

/// Find every passage again in documents whose text changed since the review was saved, as
/// one batch that also records each document's new fingerprint.
fn reanchor_changed(
    session: &Session,
    documents: &[LoadedDocument],
    progress: &Progress,
) -> Result<(Option<Command>, Vec<String>), WorkspaceError> {
    let mut commands = Vec::new();
    let mut notes = Vec::new();
    for loaded in documents.iter().filter(|d| d.status == DocumentStatus::Changed) {
        progress.begin(format!("Finding passages again in {}", loaded.id), 0);
        progress.check()?;
        let found = crate::anchor::reanchor_document(session, &loaded.id, &loaded.source);
        commands.extend(found.commands);
        commands.push(Command::SetDocument {
            id: loaded.id.clone(),
            field: crate::edit::DocField::Fingerprint {
                sha256: intake::sha256_hex(&loaded.source.text),
                length: loaded.source.char_len(),
            },
        });
        let title = session.document(&loaded.id).map_or(loaded.id.as_str(), |d| d.title.as_str());
        let mut note =
            format!("{title} changed since the review was saved: {} passages found again", found.moved);
        if !found.orphans.is_empty() {
            note += &format!("; {} not found (kept as they were)", found.orphans.len());
        }
        notes.push(note);
    }
    let batch = (!commands.is_empty()).then(|| Command::named_batch("re-anchor passages", commands));
    Ok((batch, notes))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}
