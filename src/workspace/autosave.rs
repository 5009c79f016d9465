//! Autosave: unsaved work is written to a hidden recovery file a few seconds after it
//! changes, on a worker thread, and offered back after a crash. An untitled review is
//! autosaved in the app's data folder under a name of its own, so two untitled reviews never
//! share a recovery file.

use crate::job::Job;
use crate::model::Session;
use crate::store::{self, StoreError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How long unsaved work may wait before it is written to the recovery file.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(5);

/// When and where unsaved work was last written.
#[derive(Debug, Default)]
pub(super) struct Autosave {
    /// The edit state last written (or being written).
    written: Option<u64>,
    /// When the current wait began.
    since: Option<Instant>,
    /// A write in progress.
    running: Option<Job<Result<(), StoreError>>>,
    /// Where untitled reviews are autosaved.
    untitled_folder: Option<PathBuf>,
}

impl Autosave {
    pub(super) fn set_untitled_folder(&mut self, folder: PathBuf) {
        self.untitled_folder = Some(folder);
    }

    /// The stand-in session path whose recovery file holds an untitled review.
    pub(super) fn untitled_base(&self, session: &Session) -> Option<PathBuf> {
        let folder = self.untitled_folder.as_ref()?;
        Some(folder.join(format!("untitled-{}.ron", session.created.as_nanosecond())))
    }

    /// Note an edit: the wait before the next autosave starts with the first unsaved change.
    pub(super) fn touched(&mut self, now: Instant) {
        self.since.get_or_insert(now);
    }

    /// Start writing `session` to the recovery file of `base` when it has waited long
    /// enough; report a failed earlier write.
    pub(super) fn write_if_due(
        &mut self,
        session: &Session,
        state: u64,
        base: &Path,
        now: Instant,
    ) -> Option<String> {
        let mut message = None;
        if let Some(job) = &self.running {
            match job.poll() {
                None => return None,
                Some(Ok(Ok(()))) => {}
                Some(Ok(Err(e))) => message = Some(format!("Autosave failed: {e}")),
                Some(Err(e)) => message = Some(format!("Autosave failed: {e}")),
            }
            self.running = None;
            if message.is_some() {
                self.written = None;
            }
        }
        if self.written == Some(state) {
            return message;
        }
        let since = *self.since.get_or_insert(now);
        if now.saturating_duration_since(since) < AUTOSAVE_INTERVAL {
            return message;
        }
        let snapshot = session.clone();
        let base = base.to_owned();
        self.running = Some(Job::spawn("autosave", move |_| store::write_recovery(&snapshot, &base)));
        self.written = Some(state);
        self.since = Some(now);
        message
    }

    /// True once a recovery file has been written (or is being written) for this review.
    pub(super) fn has_written(&self) -> bool {
        self.written.is_some()
    }

    /// Start afresh for another review (the untitled folder stays).
    pub(super) fn restart(&mut self) {
        self.settle();
        self.written = None;
        self.since = None;
    }

    /// Wait for a write in progress (before the recovery file is removed or replaced).
    pub(super) fn settle(&mut self) {
        if let Some(job) = self.running.take() {
            let _ = job.wait();
        }
    }
}

/// Unsaved work of an untitled review found in the data folder.
#[derive(Debug)]
pub struct UntitledRecovery {
    /// The stand-in session path (its recovery file is beside it, hidden).
    pub base: PathBuf,
    /// When it was autosaved.
    pub saved_at: SystemTime,
    /// The recovered session (document paths absolute).
    pub session: Session,
}

/// Every untitled review's unsaved work in `folder`, newest first. Files that cannot be
/// read are reported, never deleted.
pub fn find_untitled_recoveries(folder: &Path) -> (Vec<UntitledRecovery>, Vec<String>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else { return (found, problems) };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".recovery")) else { continue };
        if !stem.starts_with("untitled-") {
            continue;
        }
        let base = folder.join(stem);
        match store::find_recovery(&base) {
            Ok(Some(r)) => found.push(UntitledRecovery { base, saved_at: r.saved_at, session: r.session }),
            Ok(None) => {}
            Err(e) => problems.push(format!("Unsaved work was found but cannot be read: {e}")),
        }
    }
    found.sort_by_key(|r| std::cmp::Reverse(r.saved_at));
    (found, problems)
}
