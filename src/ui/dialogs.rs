//! File dialogs behind a trait, so tests never open a real one.

use crate::document::SUPPORTED_EXTENSIONS;
use std::path::PathBuf;

/// The file dialogs the app needs. [`RfdDialogs`] is the real one; tests use a fake.
pub trait FileDialogs {
    /// Ask for a session or documents to open.
    fn pick_open(&mut self) -> Option<Vec<PathBuf>>;
    /// Ask for documents to build a new session from.
    fn pick_documents(&mut self) -> Option<Vec<PathBuf>>;
    /// Ask where to save the session.
    fn pick_save(&mut self, suggested_name: &str) -> Option<PathBuf>;
}

/// Native dialogs through rfd.
#[derive(Debug, Default)]
pub struct RfdDialogs;

impl FileDialogs for RfdDialogs {
    fn pick_open(&mut self) -> Option<Vec<PathBuf>> {
        rfd::FileDialog::new()
            .set_title("Open a session or documents")
            .add_filter("Sessions and documents", &[&["ron"], SUPPORTED_EXTENSIONS].concat())
            .add_filter("Stocktake session", &["ron"])
            .pick_files()
    }

    fn pick_documents(&mut self) -> Option<Vec<PathBuf>> {
        rfd::FileDialog::new()
            .set_title("New review from documents")
            .add_filter("Documents", SUPPORTED_EXTENSIONS)
            .pick_files()
    }

    fn pick_save(&mut self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save session")
            .set_file_name(suggested_name)
            .add_filter("Stocktake session", &["ron"])
            .save_file()
            .map(|p| if p.extension().is_none() { p.with_extension("ron") } else { p })
    }
}

/// A scripted fake for tests: returns queued answers, records nothing else.
#[derive(Debug, Default, Clone)]
pub struct FakeDialogs {
    /// What the next open dialog returns.
    pub open: Option<Vec<PathBuf>>,
    /// What the next documents dialog returns.
    pub documents: Option<Vec<PathBuf>>,
    /// What the next save dialog returns.
    pub save: Option<PathBuf>,
}

impl FileDialogs for FakeDialogs {
    fn pick_open(&mut self) -> Option<Vec<PathBuf>> {
        self.open.take()
    }
    fn pick_documents(&mut self) -> Option<Vec<PathBuf>> {
        self.documents.take()
    }
    fn pick_save(&mut self, _suggested_name: &str) -> Option<PathBuf> {
        self.save.take()
    }
}
