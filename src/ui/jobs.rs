//! The background job the window is running (opening or saving a review), and what to do
//! when it finishes.

use crate::job::{Job, Progress};
use crate::store::StoreError;
use crate::workspace::{self, Opened, SaveRequest, Saved, WorkspaceError};
use std::path::PathBuf;

/// What to do once a save has finished.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterSave {
    /// Nothing more.
    Nothing,
    /// Close the window.
    Close,
    /// Open these paths.
    Open(Vec<PathBuf>),
}

/// A job in progress.
pub enum Running {
    /// Reading a review (or documents for a new one).
    Open(Job<Result<Opened, WorkspaceError>>),
    /// Writing the review.
    /// A save, what to do after it, and whether the reviewer agreed to drop unknown fields.
    Save(Job<Result<Saved, StoreError>>, AfterSave, bool),
}

/// A finished job's result.
pub enum Done {
    /// A review was read (or failed to be, with the message).
    Opened(Result<Box<Opened>, String>),
    /// A save finished (with what was to follow, and whether unknown fields could be dropped).
    Saved(Box<Result<Saved, StoreError>>, AfterSave, bool),
    /// The reviewer cancelled; nothing changed.
    Cancelled,
}

impl Running {
    /// Start reading a review with `work`.
    pub fn open(
        title: String,
        work: impl FnOnce(&Progress) -> Result<Opened, WorkspaceError> + Send + 'static,
    ) -> Self {
        Self::Open(Job::spawn(title, work))
    }

    /// Start writing `request`.
    pub fn save(request: SaveRequest, then: AfterSave, drop_unknown: bool) -> Self {
        let title = format!("Saving {}", super::app::file_name(&request.path));
        Self::Save(Job::spawn(title, move |_| workspace::write(request)), then, drop_unknown)
    }

    /// What the job is doing, for the progress indicator.
    pub fn title(&self) -> &str {
        match self {
            Self::Open(job) => job.title(),
            Self::Save(job, ..) => job.title(),
        }
    }

    /// Its progress (and cancel switch).
    pub fn progress(&self) -> &Progress {
        match self {
            Self::Open(job) => job.progress(),
            Self::Save(job, ..) => job.progress(),
        }
    }

    /// True when it may be cancelled (saves run to the end: a half-cancelled save helps nobody).
    pub fn can_cancel(&self) -> bool {
        matches!(self, Self::Open(_))
    }

    /// The result, once finished.
    pub fn poll(&self) -> Option<Done> {
        match self {
            Self::Open(job) => job.poll().map(opened),
            Self::Save(job, then, drop) => {
                job.poll().map(|r| Done::Saved(Box::new(flatten_save(r)), then.clone(), *drop))
            }
        }
    }

    /// Wait for the result.
    pub fn wait(self) -> Done {
        match self {
            Self::Open(job) => opened(job.wait()),
            Self::Save(job, then, drop) => Done::Saved(Box::new(flatten_save(job.wait())), then, drop),
        }
    }
}

fn opened(r: Result<Result<Opened, WorkspaceError>, String>) -> Done {
    match r {
        Ok(Ok(opened)) => Done::Opened(Ok(Box::new(opened))),
        Ok(Err(WorkspaceError::Cancelled(_))) => Done::Cancelled,
        Ok(Err(e)) => Done::Opened(Err(e.to_string())),
        Err(panic) => Done::Opened(Err(panic)),
    }
}

fn flatten_save(r: Result<Result<Saved, StoreError>, String>) -> Result<Saved, StoreError> {
    match r {
        Ok(result) => result,
        Err(panic) => Err(StoreError::Io { path: PathBuf::new(), error: std::io::Error::other(panic) }),
    }
}
