//! Every dialog the window can ask, as one `enum Modal`, shown one at a time from a queue:
//! a question can never hide under an error, and every dialog says which review it is about.

use super::app::{StocktakeApp, file_name};
use super::go_to_page::{self, PageAnswer, PagePrompt};
use super::jobs::AfterSave;
use crate::workspace::{Conflict, Opened, UntitledRecovery};
use std::collections::VecDeque;
use std::path::PathBuf;

/// Something that would replace or close the review, waiting for Save / Discard / Cancel.
#[derive(Debug, Clone, PartialEq)]
pub enum Replace {
    /// Close the window.
    Close,
    /// Open these paths (a session, or documents for a new review).
    Open(Vec<PathBuf>),
}

/// A dialog.
pub enum Modal {
    /// Save / Discard / Cancel before the review is closed or replaced.
    ConfirmReplace(Replace),
    /// A review was read and unsaved work newer than its file was found beside it.
    Recovery(Box<Opened>),
    /// Unsaved work of an untitled review was found in the data folder.
    UntitledRecovery(Box<UntitledRecovery>),
    /// The file changed on disk since it was opened: Reload / Keep both / Overwrite.
    Conflict {
        /// What was to happen after the save.
        then: AfterSave,
        /// The reviewer had already agreed to drop fields this build does not understand.
        drop_unknown: bool,
    },
    /// The file has fields this build does not understand; saving would drop them.
    UnknownFields {
        /// The fields.
        fields: Vec<String>,
        /// What was to happen after the save.
        then: AfterSave,
    },
    /// Something failed.
    Error(String),
    /// Help › Keyboard shortcuts.
    Shortcuts,
    /// Help › About.
    About,
    /// View › Go to page….
    GoToPage(Box<PagePrompt>),
}

/// The dialog showing and the ones waiting.
#[derive(Default)]
pub struct Modals {
    queue: VecDeque<Modal>,
}

impl Modals {
    /// Ask this after the dialogs already waiting (errors go first: they explain what follows).
    pub fn push(&mut self, modal: Modal) {
        if matches!(modal, Modal::Error(_)) && !self.queue.is_empty() {
            // After the dialog showing (never on top of it) and any errors already waiting.
            let at = 1 + self.queue.iter().skip(1).take_while(|m| matches!(m, Modal::Error(_))).count();
            self.queue.insert(at, modal);
        } else {
            self.queue.push_back(modal);
        }
    }

    /// The dialog showing now, to be changed (a dialog with a text field).
    pub fn current_mut(&mut self) -> Option<&mut Modal> {
        self.queue.front_mut()
    }

    /// The dialog showing now.
    pub fn current(&self) -> Option<&Modal> {
        self.queue.front()
    }

    /// True while any dialog is showing.
    pub fn is_open(&self) -> bool {
        !self.queue.is_empty()
    }

    /// True while Save / Discard / Cancel is being asked.
    pub fn is_confirming(&self) -> bool {
        self.queue.iter().any(|m| matches!(m, Modal::ConfirmReplace(_)))
    }

    /// The text of the error dialog showing, if any.
    pub fn error_text(&self) -> Option<&str> {
        match self.queue.front() {
            Some(Modal::Error(text)) => Some(text),
            _ => None,
        }
    }

    /// Close the dialog showing, returning it.
    pub fn close(&mut self) -> Option<Modal> {
        self.queue.pop_front()
    }
}

/// An answer to a dialog, applied after drawing it.
enum Answer {
    Close,
    Save,
    Discard,
    Recover,
    DiscardRecovery,
    Later,
    Reload,
    KeepBoth,
    Overwrite,
    SaveAnyway,
    SaveElsewhere,
}

impl StocktakeApp {
    /// Draw the dialog at the front of the queue and act on its answer.
    pub(super) fn show_modals(&mut self, ctx: &egui::Context) {
        if let Some(Modal::GoToPage(prompt)) = self.modals.current_mut() {
            let pane = prompt.pane;
            match go_to_page::show(ctx, prompt) {
                Some(PageAnswer::Go(page)) => {
                    self.modals.close();
                    if let Some(state) = self.view.readers.pane_mut(pane).shown_mut() {
                        state.go_to_page(page);
                    }
                }
                Some(PageAnswer::Cancel) => {
                    self.modals.close();
                }
                None => {}
            }
            return;
        }
        let Some(modal) = self.modals.current() else { return };
        let review = self.review_name();
        let shortcut_rows: Vec<(String, String)> = match modal {
            Modal::Shortcuts => super::Action::ALL
                .iter()
                .filter_map(|&a| {
                    let keys: Vec<String> = a.shortcuts().iter().map(|s| ctx.format_shortcut(s)).collect();
                    (!keys.is_empty()).then(|| (a.name_in(self.workspace.session()), keys.join("  or  ")))
                })
                .collect(),
            _ => Vec::new(),
        };
        let id = egui::Id::unique(("modal", std::mem::discriminant(modal)));
        let response = egui::Modal::new(id).show(ctx, |ui| {
            ui.set_max_width(500.0);
            match modal {
                Modal::ConfirmReplace(replace) => confirm_replace(ui, &review, replace),
                Modal::Recovery(opened) => recovery(ui, opened),
                Modal::UntitledRecovery(found) => untitled_recovery(ui, found),
                Modal::Conflict { .. } => conflict(ui, &review),
                Modal::UnknownFields { fields, .. } => unknown_fields(ui, &review, fields),
                Modal::Error(text) => error(ui, text),
                Modal::Shortcuts => shortcuts(ui, &shortcut_rows),
                Modal::About => about(ui),
                Modal::GoToPage(_) => None,
            }
        });
        let should_close = response.should_close();
        let answer = response.inner.or_else(|| {
            // Escape or a click outside: the safe choice.
            should_close.then_some(match modal {
                Modal::Recovery(_) | Modal::UntitledRecovery(_) => Answer::Later,
                _ => Answer::Close,
            })
        });
        if let Some(answer) = answer {
            self.answer(answer);
        }
    }

    fn review_name(&self) -> String {
        match self.workspace.path() {
            Some(p) => format!("“{}” ({})", self.workspace.session().title, file_name(p)),
            None => format!("“{}” (not saved yet)", self.workspace.session().title),
        }
    }

    fn answer(&mut self, answer: Answer) {
        let Some(modal) = self.modals.close() else { return };
        match (modal, answer) {
            (Modal::ConfirmReplace(replace), Answer::Save) => {
                let then = match replace {
                    Replace::Close => AfterSave::Close,
                    Replace::Open(paths) => AfterSave::Open(paths),
                };
                self.save_then(then);
            }
            (Modal::ConfirmReplace(replace), Answer::Discard) => {
                if let Err(e) = self.workspace.discard_recovery() {
                    self.notifications.warn(e.to_string());
                }
                match replace {
                    Replace::Close => {
                        self.close_allowed = true;
                        self.close_requested_by_app = true;
                    }
                    Replace::Open(paths) => self.open_paths_now(&paths),
                }
            }
            (Modal::Recovery(mut opened), Answer::Recover) => {
                opened.use_recovery();
                self.install(*opened);
                self.notifications.info("Recovered unsaved work. Save to keep it.");
            }
            (Modal::Recovery(opened), Answer::DiscardRecovery) => {
                if let Some(path) = opened.path()
                    && let Err(e) = crate::store::clear_recovery(path)
                {
                    self.notifications.warn(e.to_string());
                }
                let mut opened = opened;
                opened.recovery = None;
                self.install(*opened);
            }
            (Modal::Recovery(opened), _) => {
                // Later: open the saved file; the recovery file stays for next time.
                let mut opened = opened;
                opened.recovery = None;
                self.install(*opened);
            }
            (Modal::UntitledRecovery(found), Answer::Recover) => {
                let opened = crate::workspace::Opened::recovered_untitled(found.session);
                self.install(opened);
                self.notifications.info("Recovered unsaved work. Save to keep it.");
            }
            (Modal::UntitledRecovery(found), Answer::DiscardRecovery) => {
                if let Err(e) = crate::store::clear_recovery(&found.base) {
                    self.notifications.warn(e.to_string());
                }
            }
            (Modal::Conflict { then, .. }, Answer::Reload) => {
                if let Err(e) = self.workspace.discard_recovery() {
                    self.notifications.warn(e.to_string());
                }
                if let Some(path) = self.workspace.path().map(std::path::Path::to_owned) {
                    self.open_session(&path);
                }
                let _ = then;
            }
            (Modal::Conflict { then, .. }, Answer::KeepBoth) => match self.workspace.keep_both_path() {
                Some(path) => {
                    self.save_to(Some(&path), Conflict::Refuse, then);
                }
                None => {
                    self.show_error("No free name for a copy beside the review; use File › Save as…".into())
                }
            },
            (Modal::Conflict { then, drop_unknown }, Answer::Overwrite) => {
                self.save_to_dropping(None, Conflict::Overwrite, drop_unknown, then);
            }
            (Modal::UnknownFields { then, .. }, Answer::SaveAnyway) => {
                self.save_to_dropping(None, Conflict::Refuse, true, then);
            }
            (Modal::UnknownFields { then, .. }, Answer::SaveElsewhere) => {
                self.save_as_then(then);
            }
            _ => {}
        }
    }
}

/// A button's label and the answer it gives.
type Choice<'a> = (&'a str, fn() -> Answer);

fn buttons<const N: usize>(ui: &mut egui::Ui, labels: [Choice<'_>; N]) -> Option<Answer> {
    ui.add_space(10.0);
    ui.horizontal_wrapped(|ui| {
        let mut chosen = None;
        for (label, answer) in labels {
            if ui.button(label).clicked() {
                chosen = Some(answer());
            }
        }
        chosen
    })
    .inner
}

fn confirm_replace(ui: &mut egui::Ui, review: &str, replace: &Replace) -> Option<Answer> {
    let (heading, discard) = match replace {
        Replace::Close => ("Save changes before closing?", "Close without saving"),
        Replace::Open(_) => ("Save changes before opening another review?", "Discard changes"),
    };
    ui.heading(heading);
    ui.add_space(6.0);
    ui.label(format!("Your changes to {review} have not been saved."));
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() {
            return Some(Answer::Save);
        }
        if ui.button(discard).clicked() {
            return Some(Answer::Discard);
        }
        ui.button("Cancel").clicked().then_some(Answer::Close)
    })
    .inner
}

fn when(at: std::time::SystemTime) -> String {
    jiff::Timestamp::try_from(at)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default()
}

fn recovery(ui: &mut egui::Ui, opened: &Opened) -> Option<Answer> {
    ui.heading("Recover unsaved work?");
    ui.add_space(6.0);
    let name = opened.path().map_or_else(String::new, file_name);
    let at = opened.recovery.as_ref().map_or_else(String::new, |r| when(r.saved_at));
    ui.label(format!(
        "Stocktake found changes to “{}” ({name}) that were not saved, autosaved at {at}. \
         Recover them, or discard them and open the saved file?",
        opened.session.title
    ));
    buttons(
        ui,
        [
            ("Recover", || Answer::Recover),
            ("Discard", || Answer::DiscardRecovery),
            ("Decide later", || Answer::Later),
        ],
    )
}

fn untitled_recovery(ui: &mut egui::Ui, found: &UntitledRecovery) -> Option<Answer> {
    ui.heading("Recover an unsaved review?");
    ui.add_space(6.0);
    let docs: Vec<String> = found
        .session
        .documents
        .iter()
        .map(|d| d.path.file_name().map_or_else(|| d.title.clone(), |n| n.to_string_lossy().into_owned()))
        .collect();
    ui.label(format!(
        "A review that was never saved, “{}” ({} recommendations; documents: {}), was autosaved at {}.",
        found.session.title,
        found.session.recommendations.len(),
        if docs.is_empty() { "none".into() } else { docs.join(", ") },
        when(found.saved_at)
    ));
    buttons(
        ui,
        [
            ("Recover", || Answer::Recover),
            ("Discard", || Answer::DiscardRecovery),
            ("Decide later", || Answer::Later),
        ],
    )
}

fn conflict(ui: &mut egui::Ui, review: &str) -> Option<Answer> {
    ui.heading("The review changed on disk");
    ui.add_space(6.0);
    ui.label(format!(
        "{review} was changed outside Stocktake since you opened it (another program, a second \
         window, a git pull). Saving now would overwrite that change."
    ));
    ui.add_space(4.0);
    ui.label("Reload: open the file as it is now (your unsaved changes are lost).");
    ui.label("Keep both: save yours beside it as “NAME (mine).ron”.");
    ui.label(
        "Overwrite: replace the file with yours (the other change is lost; the old file is kept as .bak).",
    );
    buttons(
        ui,
        [
            ("Keep both", || Answer::KeepBoth),
            ("Reload", || Answer::Reload),
            ("Overwrite", || Answer::Overwrite),
            ("Cancel", || Answer::Close),
        ],
    )
}

fn unknown_fields(ui: &mut egui::Ui, review: &str, fields: &[String]) -> Option<Answer> {
    ui.heading("This file has data Stocktake does not understand");
    ui.add_space(6.0);
    let shown: Vec<&str> = fields.iter().take(8).map(String::as_str).collect();
    let more = if fields.len() > shown.len() {
        format!(" and {} more", fields.len() - shown.len())
    } else {
        String::new()
    };
    ui.label(format!(
        "{review} contains {}{more}, perhaps written by a newer Stocktake or edited by hand. \
         Saving over it would drop them.",
        shown.join(", ")
    ));
    buttons(
        ui,
        [
            ("Save as a new file…", || Answer::SaveElsewhere),
            ("Save anyway", || Answer::SaveAnyway),
            ("Cancel", || Answer::Close),
        ],
    )
}

fn error(ui: &mut egui::Ui, text: &str) -> Option<Answer> {
    ui.heading("Something went wrong");
    ui.add_space(6.0);
    egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| ui.label(text));
    buttons(ui, [("OK", || Answer::Close)])
}

fn shortcuts(ui: &mut egui::Ui, rows: &[(String, String)]) -> Option<Answer> {
    ui.heading("Keyboard shortcuts");
    ui.add_space(6.0);
    egui::ScrollArea::vertical().max_height(480.0).show(ui, |ui| {
        egui::Grid::new("shortcut-grid").striped(true).num_columns(2).show(ui, |ui| {
            for (name, keys) in rows {
                ui.label(name);
                ui.monospace(keys);
                ui.end_row();
            }
        });
    });
    ui.weak("Single keys work whenever the cursor is not in a text field; Esc leaves a field.");
    buttons(ui, [("Close", || Answer::Close)])
}

fn about(ui: &mut egui::Ui) -> Option<Answer> {
    ui.heading("Stocktake");
    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    ui.label("An offline workbench for reviewing how recommendations were answered.");
    ui.label("Nothing you open or write here leaves this computer.");
    buttons(ui, [("Close", || Answer::Close)])
}
