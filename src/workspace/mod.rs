//! The open review: one session, the file it lives in, its documents' texts, the edit
//! history, autosave and recovery, the lock that keeps a second window read-only, and the
//! check that never lets a save overwrite a change made outside. Free of egui: the window
//! and the command line both use it, so they share one open path and one save path.
//!
//! In memory every document path is absolute; paths are made relative to the session file
//! only in the copy that is written ([`on_disk`]). Recovery files keep absolute paths, so
//! recovered work finds its documents wherever the session is later saved.

mod autosave;
mod open;
mod sample;
mod watch;

pub use crate::job::{Cancelled, Job, Progress};
pub use autosave::{AUTOSAVE_INTERVAL, UntitledRecovery, find_untitled_recoveries};
pub use open::{Opened, new_from_documents, open_session, open_session_only};
pub use sample::sample_review;
pub use watch::OutsideChange;

use crate::edit::{Command, EditError, Editor, Target};
use crate::intake::LoadedDocument;
use crate::model::Session;
use crate::store::{self, Fingerprint, SaveOptions, SessionLock, StoreError};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Why the workspace could not do what was asked. Nothing was changed or lost.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// Reading or writing the session file failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A document could not be imported.
    #[error(transparent)]
    Document(#[from] crate::document::DocumentError),
    /// The review is open read-only (another window has it).
    #[error("{}: this review is open in another Stocktake window; it is read-only here", path.display())]
    ReadOnly {
        /// The session file.
        path: PathBuf,
    },
    /// An edit could not be applied.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The work was cancelled.
    #[error("cancelled")]
    Cancelled(#[from] Cancelled),
    /// The review has no file yet: Save As is needed.
    #[error("this review has not been saved yet: choose where to save it")]
    Untitled,
}

/// The session file the review lives in, as last read or written.
#[derive(Debug)]
pub struct SessionFile {
    /// Absolute path of the session.
    pub path: PathBuf,
    /// The file as we last read or wrote it; a save refuses when the disk no longer matches.
    fingerprint: Option<Fingerprint>,
    /// The advisory lock; None when another process holds it (read-only).
    lock: Option<SessionLock>,
    /// Fields in the file this build does not understand (saving would drop them).
    unknown: Vec<String>,
}

/// The open review.
pub struct Workspace {
    editor: Editor,
    file: Option<SessionFile>,
    documents: Vec<LoadedDocument>,
    autosave: autosave::Autosave,
    watcher: Option<watch::Watcher>,
    /// Passages re-anchored when the review was opened, waiting to be reported.
    opening_notes: Vec<String>,
    /// The recovery file beside the review holds work of this workspace's (autosaved here, or
    /// recovered into it), so a save may remove it. A recovery file this workspace did not
    /// take in (another process's crash, a "decide later") is never removed behind its back.
    owns_recovery: bool,
}

/// Everything a save needs, taken from the workspace so the writing can happen elsewhere.
#[derive(Debug, Clone)]
pub struct SaveRequest {
    /// Where to write.
    pub path: PathBuf,
    /// The session as it will be written (document paths relative to `path`).
    pub session: Session,
    /// The edit state being saved.
    state: u64,
    /// What the file must still be for the save to go ahead (None: new file or overwrite).
    expected: Option<Fingerprint>,
    /// Fields of the file being replaced that this build does not understand.
    unknown: Vec<String>,
    /// Write even though the file has fields this build does not understand.
    allow_unknown: bool,
}

/// What a finished save reports back.
#[derive(Debug)]
pub struct Saved {
    request: SaveRequest,
    fingerprint: Fingerprint,
}

impl Saved {
    /// Where the session was written.
    pub fn path(&self) -> &Path {
        &self.request.path
    }
}

/// How to save when the file changed on disk since it was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// Refuse (the default): the caller asks the reviewer.
    Refuse,
    /// Write over the outside change (the reviewer said so).
    Overwrite,
}

impl Default for Workspace {
    fn default() -> Self {
        Self::untitled(Session::new("Untitled review", jiff::Timestamp::now()))
    }
}

impl Workspace {
    /// A new, unsaved review of `session` (its document paths absolute).
    pub fn untitled(session: Session) -> Self {
        Self {
            editor: Editor::new(session, true),
            file: None,
            documents: Vec::new(),
            autosave: autosave::Autosave::default(),
            watcher: None,
            opening_notes: Vec::new(),
            owns_recovery: false,
        }
    }

    /// Replace the open review with one read by [`open_session`], [`new_from_documents`] or
    /// [`sample_review`]. Changes found while opening (re-anchoring) are applied as one undo
    /// step, so the reviewer can see and undo them.
    pub fn install(&mut self, opened: Opened) {
        let Opened { session, file, documents, saved, reanchor, notes, recovered, .. } = opened;
        self.owns_recovery = recovered;
        self.editor = Editor::new(session, saved);
        self.documents = documents;
        self.watcher = file.as_ref().map(|f| watch::Watcher::new(&f.path, &self.documents));
        self.file = file;
        self.autosave.restart();
        self.opening_notes = notes;
        if let Some(batch) = reanchor
            && let Err(e) = self.editor.apply(batch, Instant::now())
        {
            self.opening_notes.push(format!("Re-anchoring could not be applied: {e}"));
        }
    }

    /// Messages from opening (re-anchoring, missing documents), taken once.
    pub fn take_opening_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.opening_notes)
    }

    /// The session as it is now.
    pub fn session(&self) -> &Session {
        self.editor.session()
    }

    /// The edit history (undo labels, state number, dirty flag).
    pub fn editor(&self) -> &Editor {
        &self.editor
    }

    /// The texts of the session's documents.
    pub fn documents(&self) -> &[LoadedDocument] {
        &self.documents
    }

    /// The document with this id, with its text.
    pub fn document(&self, id: &str) -> Option<&LoadedDocument> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// Where the session is saved; None for an untitled review.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_ref().map(|f| f.path.as_path())
    }

    /// True when the session differs from its file (or has never been saved with content).
    pub fn is_dirty(&self) -> bool {
        self.editor.is_dirty()
    }

    /// True when another window holds this review: edits and saves are refused here.
    pub fn is_read_only(&self) -> bool {
        self.file.as_ref().is_some_and(|f| f.lock.is_none())
    }

    /// Fields in the file this build does not understand (a save would drop them).
    pub fn unknown_fields(&self) -> &[String] {
        self.file.as_ref().map_or(&[], |f| f.unknown.as_slice())
    }

    /// Apply one change as one undo step (typing in one field within a pause joins a step).
    pub fn apply(&mut self, cmd: Command) -> Result<Option<Target>, WorkspaceError> {
        self.apply_at(cmd, Instant::now())
    }

    /// Apply one change at a given instant (tests of typing coalescence).
    pub fn apply_at(&mut self, cmd: Command, now: Instant) -> Result<Option<Target>, WorkspaceError> {
        self.refuse_if_read_only()?;
        let target = self.editor.apply(cmd, now)?;
        self.autosave.touched(now);
        Ok(target)
    }

    /// Undo the last step; returns what it touched.
    pub fn undo(&mut self) -> Option<Target> {
        if self.is_read_only() { None } else { self.editor.undo() }
    }

    /// Redo the last undone step; returns what it touched.
    pub fn redo(&mut self) -> Option<Target> {
        if self.is_read_only() { None } else { self.editor.redo() }
    }

    fn refuse_if_read_only(&self) -> Result<(), WorkspaceError> {
        match &self.file {
            Some(f) if f.lock.is_none() => Err(WorkspaceError::ReadOnly { path: f.path.clone() }),
            _ => Ok(()),
        }
    }

    /// Everything needed to write the session to `path` (None: its own file), taken now so
    /// the writing can happen on another thread while the reviewer goes on working.
    pub fn save_request(&self, path: Option<&Path>, conflict: Conflict) -> Option<SaveRequest> {
        self.save_request_dropping(path, conflict, false)
    }

    /// [`Workspace::save_request`], saying whether fields of the file this build does not
    /// understand may be dropped (the reviewer said so).
    pub fn save_request_dropping(
        &self,
        path: Option<&Path>,
        conflict: Conflict,
        drop_unknown: bool,
    ) -> Option<SaveRequest> {
        let path = match path {
            Some(p) => store::absolute(p),
            None => self.path()?.to_owned(),
        };
        let same_file = self.path() == Some(path.as_path());
        let mut session = on_disk(self.session(), &path);
        if self.is_dirty() {
            session.modified = jiff::Timestamp::now();
        }
        let expected = match conflict {
            Conflict::Refuse if same_file => self.file.as_ref().and_then(|f| f.fingerprint.clone()),
            _ => None,
        };
        let unknown = if same_file { self.unknown_fields().to_vec() } else { Vec::new() };
        Some(SaveRequest {
            path,
            session,
            state: self.editor.state(),
            expected,
            unknown,
            allow_unknown: drop_unknown || !same_file,
        })
    }

    /// Record a finished save: the file now holds the state that was saved; the review now
    /// lives at the path saved to (Save As), and its recovery file is no longer needed.
    pub fn finish_save(&mut self, saved: Saved) -> Vec<String> {
        let mut warnings = Vec::new();
        let Saved { request, fingerprint } = saved;
        // An autosave still being written must not recreate the recovery file cleared below.
        self.autosave.settle();
        self.editor.mark_saved_at(request.state, request.session.modified);
        let previous = self.file.as_ref().map(|f| f.path.clone());
        let recovery_of_before = self.recovery_base();
        if previous.as_deref() != Some(request.path.as_path()) {
            let lock = match SessionLock::try_acquire(&request.path) {
                Ok(lock) => lock,
                Err(e) => {
                    warnings.push(format!("{e}"));
                    None
                }
            };
            self.file = Some(SessionFile {
                path: request.path.clone(),
                fingerprint: None,
                lock,
                unknown: Vec::new(),
            });
            self.watcher = Some(watch::Watcher::new(&request.path, &self.documents));
        }
        if let Some(file) = &mut self.file {
            file.fingerprint = Some(fingerprint);
            file.unknown.clear();
        }
        if let Some(watcher) = &mut self.watcher {
            watcher.forget_own_write();
        }
        let owned = std::mem::take(&mut self.owns_recovery);
        for base in [Some(request.path.clone()), recovery_of_before].into_iter().flatten().filter(|_| owned) {
            if let Err(e) = store::clear_recovery(&base) {
                warnings.push(e.to_string());
            }
        }
        warnings
    }

    /// Save to `path` (None: the session's own file) and wait: for the command line and tests.
    pub fn save_now(
        &mut self,
        path: Option<&Path>,
        conflict: Conflict,
    ) -> Result<Vec<String>, WorkspaceError> {
        self.save_now_dropping(path, conflict, false)
    }

    /// [`Workspace::save_now`], dropping fields this build does not understand if told to.
    pub fn save_now_dropping(
        &mut self,
        path: Option<&Path>,
        conflict: Conflict,
        drop_unknown: bool,
    ) -> Result<Vec<String>, WorkspaceError> {
        self.refuse_if_read_only_for(path)?;
        let Some(request) = self.save_request_dropping(path, conflict, drop_unknown) else {
            return Err(WorkspaceError::Untitled);
        };
        let saved = write(request)?;
        Ok(self.finish_save(saved))
    }

    /// Saving over the review's own file needs the lock; Save As elsewhere does not.
    pub fn refuse_if_read_only_for(&self, path: Option<&Path>) -> Result<(), WorkspaceError> {
        let own = path.is_none_or(|p| self.path() == Some(store::absolute(p).as_path()));
        if own { self.refuse_if_read_only() } else { Ok(()) }
    }

    /// Where unsaved work is autosaved: beside the session, or the untitled stand-in.
    fn recovery_base(&self) -> Option<PathBuf> {
        match &self.file {
            Some(f) => Some(f.path.clone()),
            None => self.autosave.untitled_base(self.session()),
        }
    }

    /// Where the untitled review's autosaves go (the app's data folder); unset: no autosave
    /// for untitled work.
    pub fn set_untitled_folder(&mut self, folder: PathBuf) {
        self.autosave.set_untitled_folder(folder);
    }

    /// Write unsaved work to the recovery file when it has waited long enough. Returns a
    /// message for the reviewer when something needs saying.
    pub fn autosave_if_due(&mut self, now: Instant) -> Option<String> {
        if self.is_read_only() || !self.is_dirty() {
            return None;
        }
        let base = self.recovery_base()?;
        let message = self.autosave.write_if_due(self.editor.session(), self.editor.state(), &base, now);
        self.owns_recovery |= self.autosave.has_written();
        message
    }

    /// Wait until an autosave in progress has been written (tests, and before quitting).
    pub fn wait_for_autosave(&mut self) {
        self.autosave.settle();
    }

    /// Throw away the recovery file of the open review (the reviewer chose Discard).
    pub fn discard_recovery(&mut self) -> Result<(), StoreError> {
        self.autosave.settle();
        match self.recovery_base() {
            Some(base) => store::clear_recovery(&base),
            None => Ok(()),
        }
    }

    /// Outside changes to the session file or its documents since the last poll.
    pub fn poll_outside_changes(&mut self) -> Vec<OutsideChange> {
        let Some(watcher) = &mut self.watcher else { return Vec::new() };
        let mut changes = watcher.poll();
        // The watcher is a hint; the fingerprint decides whether the session really changed.
        if let Some(file) = &self.file {
            changes.retain(|c| match c {
                OutsideChange::Session => changed_on_disk(&file.path, file.fingerprint.as_ref()),
                OutsideChange::Document(_) => true,
            });
        }
        changes
    }

    /// True when the session file no longer holds what was last read or written here.
    pub fn session_changed_on_disk(&self) -> bool {
        self.file.as_ref().is_some_and(|f| changed_on_disk(&f.path, f.fingerprint.as_ref()))
    }

    /// Name for "Keep both": `NAME (mine).ron` beside the session, numbered if taken.
    pub fn keep_both_path(&self) -> Option<PathBuf> {
        let path = self.path()?;
        let stem = path.file_stem()?.to_string_lossy().into_owned();
        let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_else(|| "ron".into());
        (1..1000)
            .map(|n| {
                let name =
                    if n == 1 { format!("{stem} (mine).{ext}") } else { format!("{stem} (mine {n}).{ext}") };
                path.with_file_name(name)
            })
            .find(|p| !p.exists())
    }

    /// A recommendation or annotation id not used yet, with this prefix.
    pub fn fresh_id(&self, prefix: &str) -> String {
        self.session().fresh_id(prefix)
    }
}

/// Write a save request to disk (any thread). The previous file becomes `NAME.ron.bak`.
pub fn write(request: SaveRequest) -> Result<Saved, StoreError> {
    let options = SaveOptions {
        expected: request.expected.as_ref(),
        unknown: &request.unknown,
        allow_unknown: request.allow_unknown,
    };
    let fingerprint = store::save(&request.session, &request.path, &options)?;
    Ok(Saved { request, fingerprint })
}

/// True when the file at `path` no longer holds what `expected` describes (a quick look at
/// length and time first; the hash decides).
fn changed_on_disk(path: &Path, expected: Option<&Fingerprint>) -> bool {
    let Some(expected) = expected else { return false };
    if expected.stat_matches(path) {
        return false;
    }
    match Fingerprint::of_path(path) {
        Ok(Some(now)) => !now.same_content(expected),
        Ok(None) | Err(_) => true,
    }
}

/// The session as written to `path`: document paths relative to its folder.
pub fn on_disk(session: &Session, path: &Path) -> Session {
    let mut out = session.clone();
    for doc in out.documents.iter_mut().filter(|d| d.path.is_absolute()) {
        doc.path = store::relative_to_session(&doc.path, path);
    }
    out
}

/// Make a loaded session's document paths absolute (they are stored relative to `path`).
pub fn absolutise(session: &mut Session, path: &Path) {
    for doc in &mut session.documents {
        doc.path = store::absolute(&store::resolve_from_session(&doc.path, path));
    }
}
