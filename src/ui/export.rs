//! File › Export report or tracker…: the review as an HTML or Markdown report or an XLSX or
//! CSV tracker, the format chosen by the file name's extension, written owner-only.

use super::app::{StocktakeApp, file_name};
use super::file_dialog::{DialogOutcome, DialogRequest, InWindowDialog};
use crate::report::{self, ExportFormat, ReportInput};
use std::path::Path;

impl StocktakeApp {
    /// Ask where to export (native dialog, else the in-window one), then export.
    pub(super) fn export_dialog(&mut self) {
        let stem = self
            .workspace
            .path()
            .and_then(Path::file_stem)
            .map_or_else(|| "review".to_owned(), |s| s.to_string_lossy().into_owned());
        let request = DialogRequest::Export { suggested: format!("{stem}-report.html") };
        match self.dialogs.pick(&request) {
            DialogOutcome::Picked(paths) => {
                if let Some(path) = paths.first() {
                    self.export_to(path);
                }
            }
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable => {
                let folder = self.workspace.path().and_then(Path::parent).map(Path::to_owned);
                self.in_window_dialog = Some(InWindowDialog::new(request, folder.as_deref()));
            }
        }
    }

    /// Export the review to `path` in the format its extension names.
    pub(super) fn export_to(&mut self, path: &Path) {
        let Some(format) = ExportFormat::from_path(path) else {
            self.show_error(format!(
                "{}: choose a name ending in .html or .md (a report) or .xlsx or .csv (a tracker).",
                file_name(path)
            ));
            return;
        };
        let target = crate::store::absolute(path);
        let is_review_file = self.workspace.path() == Some(target.as_path())
            || self.workspace.documents().iter().any(|d| d.path.as_deref() == Some(target.as_path()));
        if is_review_file {
            self.show_error(format!(
                "{} is the review or one of its documents; choose another name for the export.",
                file_name(path)
            ));
            return;
        }
        let session = self.workspace.session();
        let mut input = ReportInput::new(session, jiff::Zoned::now().date());
        input.documents = self.workspace.documents().iter().map(|d| (d.id.as_str(), &d.source)).collect();
        match report::export(&input, format, path) {
            Ok(()) => self.notifications.info(format!("Exported {} ({})", file_name(path), describe(format))),
            Err(e) => self.show_error(format!("Could not export {}.\n\n{e}", file_name(path))),
        }
    }
}

fn describe(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Markdown => "Markdown report",
        ExportFormat::Html => "HTML report, ready to print",
        ExportFormat::Csv => "CSV tracker",
        ExportFormat::Xlsx => "XLSX tracker",
    }
}
