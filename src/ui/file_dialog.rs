//! File dialogs behind a trait, so tests never open a real one. The native dialog (rfd) is
//! tried first; where the desktop has no file-chooser service it cannot be shown, and an
//! in-window dialog (`egui_file`) takes its place — never a silent no-op.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a file dialog is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogRequest {
    /// A session or documents to open.
    Open,
    /// Documents to start a new review from.
    Documents,
    /// Where to save the session, suggesting a file name.
    Save {
        /// Suggested file name.
        suggested: String,
    },
    /// Where to export a report or tracker; the extension chooses the format.
    Export {
        /// Suggested file name.
        suggested: String,
    },
}

/// What came back from a dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The reviewer chose these paths.
    Picked(Vec<PathBuf>),
    /// The reviewer cancelled.
    Cancelled,
    /// The dialog could not be shown (no file-chooser service).
    Unavailable,
}

/// The file dialogs the app needs. [`RfdDialogs`] is the real one; tests use a fake.
pub trait FileDialogs {
    /// Show a dialog for `request` and wait for the answer.
    fn pick(&mut self, request: &DialogRequest) -> DialogOutcome;
}

/// Sessions and documents, for filters.
fn open_extensions() -> Vec<&'static str> {
    let mut exts = vec!["ron"];
    exts.extend_from_slice(DOCUMENT_EXTENSIONS);
    exts
}

/// Extensions of the documents Stocktake imports.
pub use crate::document::SUPPORTED_EXTENSIONS as DOCUMENT_EXTENSIONS;

/// A native dialog that comes back sooner than this was never shown: nobody cancels that fast.
const TOO_FAST_TO_BE_A_CANCEL: Duration = Duration::from_millis(150);

/// Native dialogs through rfd.
#[derive(Debug, Default)]
pub struct RfdDialogs {
    /// The native dialog failed to appear once: use the in-window one from now on.
    unavailable: bool,
}

impl FileDialogs for RfdDialogs {
    fn pick(&mut self, request: &DialogRequest) -> DialogOutcome {
        if self.unavailable {
            return DialogOutcome::Unavailable;
        }
        let started = Instant::now();
        let picked = match request {
            DialogRequest::Open => rfd::FileDialog::new()
                .set_title("Open a review or documents")
                .add_filter("Reviews and documents", &open_extensions())
                .add_filter("Stocktake review", &["ron"])
                .pick_files(),
            DialogRequest::Documents => rfd::FileDialog::new()
                .set_title("New review from documents")
                .add_filter("Documents", DOCUMENT_EXTENSIONS)
                .pick_files(),
            DialogRequest::Save { suggested } => rfd::FileDialog::new()
                .set_title("Save review")
                .set_file_name(suggested)
                .add_filter("Stocktake review", &["ron"])
                .save_file()
                .map(|p| vec![with_ron_extension(p)]),
            DialogRequest::Export { suggested } => rfd::FileDialog::new()
                .set_title("Export a report or tracker")
                .set_file_name(suggested)
                .add_filter("HTML report (print to PDF)", &["html"])
                .add_filter("Markdown report", &["md"])
                .add_filter("XLSX tracker", &["xlsx"])
                .add_filter("CSV tracker", &["csv"])
                .save_file()
                .map(|p| vec![p]),
        };
        match picked {
            Some(paths) => DialogOutcome::Picked(paths),
            None if started.elapsed() < TOO_FAST_TO_BE_A_CANCEL => {
                self.unavailable = true;
                DialogOutcome::Unavailable
            }
            None => DialogOutcome::Cancelled,
        }
    }
}

/// `review` → `review.ron`.
pub fn with_ron_extension(p: PathBuf) -> PathBuf {
    if p.extension().is_none() { p.with_extension("ron") } else { p }
}

/// A scripted fake for tests: returns queued answers.
#[derive(Debug, Default, Clone)]
pub struct FakeDialogs {
    /// What the next open dialog returns.
    pub open: Option<Vec<PathBuf>>,
    /// What the next documents dialog returns.
    pub documents: Option<Vec<PathBuf>>,
    /// What the next save dialog returns.
    pub save: Option<PathBuf>,
    /// Pretend the desktop has no file-chooser service.
    pub unavailable: bool,
}

impl FileDialogs for FakeDialogs {
    fn pick(&mut self, request: &DialogRequest) -> DialogOutcome {
        if self.unavailable {
            return DialogOutcome::Unavailable;
        }
        let answer = match request {
            DialogRequest::Open => self.open.take(),
            DialogRequest::Documents => self.documents.take(),
            DialogRequest::Save { .. } | DialogRequest::Export { .. } => self.save.take().map(|p| vec![p]),
        };
        answer.map_or(DialogOutcome::Cancelled, DialogOutcome::Picked)
    }
}

/// The in-window dialog, shown while the native one cannot be.
pub struct InWindowDialog {
    /// What it was opened for.
    pub request: DialogRequest,
    dialog: egui_file::FileDialog,
}

impl InWindowDialog {
    /// A dialog for `request`, starting in `folder`.
    pub fn new(request: DialogRequest, folder: Option<&Path>) -> Self {
        let mut dialog = match &request {
            DialogRequest::Open | DialogRequest::Documents => {
                let exts = if request == DialogRequest::Open {
                    open_extensions()
                } else {
                    DOCUMENT_EXTENSIONS.to_vec()
                };
                egui_file::FileDialog::open_file()
                    .multi_select(true)
                    .show_files_filter(Box::new(move |p: &Path| {
                        p.extension()
                            .and_then(|e| e.to_str())
                            .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
                    }))
                    .title(if request == DialogRequest::Open {
                        "Open a review or documents"
                    } else {
                        "New review from documents"
                    })
            }
            DialogRequest::Save { suggested } => {
                egui_file::FileDialog::save_file().default_filename(suggested.clone()).title("Save review")
            }
            DialogRequest::Export { suggested } => egui_file::FileDialog::save_file()
                .default_filename(suggested.clone())
                .title("Export a report (.html, .md) or tracker (.xlsx, .csv)"),
        };
        if let Some(folder) = folder {
            dialog = dialog.initial_path(folder);
        }
        dialog = dialog.id(egui::Id::unique("in-window-file-dialog"));
        dialog.open();
        Self { request, dialog }
    }

    /// Draw the dialog; the outcome once the reviewer has chosen or cancelled.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<DialogOutcome> {
        self.dialog.show(ctx);
        match self.dialog.state() {
            egui_file::State::Open => None,
            egui_file::State::Selected => {
                let mut paths: Vec<PathBuf> =
                    self.dialog.selection().into_iter().map(Path::to_owned).collect();
                if paths.is_empty() {
                    paths.extend(self.dialog.path().map(Path::to_owned));
                }
                if matches!(self.request, DialogRequest::Save { .. }) {
                    paths = paths.into_iter().map(with_ron_extension).collect();
                }
                Some(if paths.is_empty() { DialogOutcome::Cancelled } else { DialogOutcome::Picked(paths) })
            }
            egui_file::State::Cancelled | egui_file::State::Closed => Some(DialogOutcome::Cancelled),
        }
    }
}
