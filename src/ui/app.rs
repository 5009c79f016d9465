//! The application: session state, the frame loop, and the one place actions and commands
//! are applied (at the end of each frame, as the egui demo app and the rerun viewer do).

use super::actions::{Action, Menu};
use super::detail;
use super::dialogs::FileDialogs;
use super::highlights::HighlightCache;
use super::list::{self, ListState};
use super::readers::Readers;
use crate::edit::{Command, Editor, RecField, Target};
use crate::intake::{self, DocumentStatus, LoadedDocument};
use crate::model::{Grade, Session};
use crate::store;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A message for the reviewer: shown in the status bar, or as a dialog when it is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What happened.
    pub text: String,
    /// True for failures that need the reviewer's attention.
    pub is_error: bool,
}

/// The Stocktake window.
pub struct StocktakeApp {
    editor: Editor,
    path: Option<PathBuf>,
    documents: Vec<LoadedDocument>,
    selected: Option<String>,
    readers: Readers,
    list: ListState,
    highlights: HighlightCache,
    dialogs: Box<dyn FileDialogs>,
    actions: Vec<Action>,
    commands: Vec<Command>,
    notice: Option<Notice>,
    error_dialog: Option<String>,
    show_shortcuts: bool,
    show_about: bool,
    sent_title: String,
    /// Asking Save / Discard / Cancel before unsaved work would be replaced or closed.
    confirm: Option<Replace>,
    /// The reviewer chose to close (after saving or discarding).
    close_allowed: bool,
    /// Unsaved work found beside the session when it was opened, offered back.
    recovery: Option<store::Recovery>,
    autosave: Autosave,
    recent: Vec<PathBuf>,
    toggle_theme: bool,
    /// Where the pointer was this frame (to know which reader Find applies to).
    pointer: Option<egui::Pos2>,
    /// Stand-in session path for work not yet saved anywhere: its recovery file is where
    /// an untitled review is autosaved, and document paths are relative to it until saved.
    untitled: PathBuf,
    /// The recovery on offer is of an untitled review (not of the open file).
    recovery_is_untitled: bool,
}

/// How many recent sessions File › Open recent remembers.
const RECENT_LIMIT: usize = 10;
/// Key of the recent-files list in eframe's storage.
const RECENT_KEY: &str = "recent_sessions";

/// When unsaved work was last written to the recovery file.
#[derive(Debug)]
struct Autosave {
    state: u64,
    at: Instant,
}

/// How long unsaved work may wait before it is written to the recovery file.
pub const AUTOSAVE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(5);

impl StocktakeApp {
    /// An app with an empty session, using `dialogs` for file choosers.
    pub fn new(dialogs: Box<dyn FileDialogs>) -> Self {
        Self {
            editor: Editor::new(Session::new("Untitled review", jiff::Timestamp::now()), true),
            path: None,
            documents: Vec::new(),
            selected: None,
            readers: Readers::default(),
            list: ListState::default(),
            highlights: HighlightCache::default(),
            dialogs,
            actions: Vec::new(),
            commands: Vec::new(),
            notice: None,
            error_dialog: None,
            show_shortcuts: false,
            show_about: false,
            sent_title: String::new(),
            confirm: None,
            close_allowed: false,
            recovery: None,
            autosave: Autosave { state: 0, at: Instant::now() },
            recent: Vec::new(),
            toggle_theme: false,
            pointer: None,
            untitled: std::env::current_dir().unwrap_or_default().join("untitled.ron"),
            recovery_is_untitled: false,
        }
    }

    /// Autosave untitled reviews beside `untitled` (a session path that is never written
    /// itself), and offer back what a crash left there unless another offer is pending.
    pub fn set_untitled_location(&mut self, untitled: PathBuf) {
        self.untitled = untitled;
        if self.recovery.is_some() {
            return;
        }
        match store::find_recovery(&self.untitled) {
            Ok(Some(found)) => {
                self.recovery = Some(found);
                self.recovery_is_untitled = true;
            }
            Ok(None) => {}
            Err(e) => self.show_error(format!("Unsaved work was found but cannot be read: {e}")),
        }
    }

    /// The session's file, or the stand-in for an untitled review.
    fn base_path(&self) -> PathBuf {
        self.path.clone().unwrap_or_else(|| self.untitled.clone())
    }

    /// Restore the recent-files list saved by a previous run.
    pub fn restore(&mut self, storage: Option<&dyn eframe::Storage>) {
        if let Some(recent) = storage.and_then(|s| eframe::get_value::<Vec<PathBuf>>(s, RECENT_KEY)) {
            self.recent = recent;
        }
    }

    fn remember(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }

    /// The session being edited, with its history.
    pub fn editor(&self) -> &Editor {
        &self.editor
    }

    /// Where the session is saved, if it has been.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Id of the selected recommendation.
    pub fn selected(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    /// The readers (for tests and the status bar).
    pub fn readers(&self) -> &Readers {
        &self.readers
    }

    /// The current notice or error, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The error being shown in a dialog, if any.
    pub fn error_dialog(&self) -> Option<&str> {
        self.error_dialog.as_deref()
    }

    /// Open paths given on the command line, dropped on the window or chosen in a dialog: one
    /// `.ron` session, or documents for a new session. Asks first if there is unsaved work.
    pub fn open_paths(&mut self, paths: &[PathBuf]) {
        if self.editor.is_dirty() {
            self.confirm = Some(Replace::Open(paths.to_vec()));
        } else {
            self.open_paths_now(paths);
        }
    }

    fn open_paths_now(&mut self, paths: &[PathBuf]) {
        let (sessions, docs): (Vec<&PathBuf>, Vec<&PathBuf>) =
            paths.iter().partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        if let Some(session) = sessions.first() {
            self.open_session(session);
        } else if !docs.is_empty() {
            let docs: Vec<PathBuf> = docs.into_iter().cloned().collect();
            self.new_from_documents(&docs);
        }
    }

    /// Load a session file, replacing the current one. On failure nothing changes.
    pub fn open_session(&mut self, path: &Path) {
        match store::load(path).map(|loaded| loaded.session) {
            Ok(session) => {
                self.documents = intake::load_documents(&session, path);
                let problems: Vec<String> = self
                    .documents
                    .iter()
                    .filter_map(|d| match &d.status {
                        DocumentStatus::Ok | DocumentStatus::Changed => None,
                        DocumentStatus::Embedded(e) => Some(format!("using the embedded copy: {e}")),
                        DocumentStatus::Missing(e) => Some(e.clone()),
                    })
                    .collect();
                self.editor.replace_session(session, true);
                self.path = Some(path.to_owned());
                self.remember(path);
                self.after_session_replaced();
                self.recovery_is_untitled = false;
                match store::find_recovery(path) {
                    Ok(found) => self.recovery = found,
                    Err(e) => self.show_error(format!("Unsaved work was found but cannot be read: {e}")),
                }
                let mut problems = problems;
                problems.extend(self.reanchor_changed_documents());
                self.notice = Some(match problems.is_empty() {
                    true => Notice { text: format!("Opened {}", file_name(path)), is_error: false },
                    false => Notice { text: problems.join("; "), is_error: true },
                });
            }
            Err(e) => self.show_error(e.to_string()),
        }
    }

    /// Find every passage again in documents that changed since the review began, as one
    /// undoable step that also records the new text's hash. Returns what to tell the reviewer.
    fn reanchor_changed_documents(&mut self) -> Vec<String> {
        let mut messages = Vec::new();
        for loaded in self.documents.iter_mut().filter(|d| d.status == DocumentStatus::Changed) {
            let session = self.editor.session();
            let Some(index) = session.documents.iter().position(|d| d.id == loaded.id) else { continue };
            let found = crate::anchor::reanchor_document(session, &loaded.id, &loaded.source);
            let mut document = session.documents[index].clone();
            document.sha256 = intake::sha256_hex(&loaded.source.text);
            document.length = loaded.source.char_len();
            let mut commands = found.commands;
            commands.push(Command::RemoveDocument { id: loaded.id.clone() });
            commands.push(Command::InsertDocument { index, document: Box::new(document) });
            if let Err(e) = self.editor.apply(Command::Batch(commands), Instant::now()) {
                messages.push(format!("{} changed and could not be re-anchored: {e}", loaded.id));
                continue;
            }
            loaded.status = DocumentStatus::Ok;
            let mut message =
                format!("{} changed since the review began: {} passages found again", loaded.id, found.moved);
            if !found.orphans.is_empty() {
                message += &format!("; not found (kept as they were): {}", found.orphans.join(", "));
            }
            messages.push(message);
        }
        if !messages.is_empty() {
            self.highlights = HighlightCache::default();
            if let Some(id) = self.selected.clone() {
                self.select(&id);
            }
        }
        messages
    }

    /// Start a new, unsaved session from documents.
    pub fn new_from_documents(&mut self, docs: &[PathBuf]) {
        // Paths are stored relative to the session once it is saved; until then, to the cwd.
        let provisional = self.untitled.clone();
        match intake::new_session(docs, &provisional, jiff::Timestamp::now()) {
            Ok(session) => {
                self.documents = intake::load_documents(&session, &provisional);
                let n = session.recommendations.len();
                self.editor.replace_session(session, false);
                self.path = None;
                self.after_session_replaced();
                self.notice = Some(Notice { text: format!("Found {n} recommendations"), is_error: false });
            }
            Err(e) => self.show_error(e.to_string()),
        }
    }

    fn after_session_replaced(&mut self) {
        self.readers = Readers::default();
        self.list = ListState::default();
        self.highlights = HighlightCache::default();
        self.selected = None;
        let first = self.editor.session().recommendations.first().map(|r| r.id.clone());
        match first {
            Some(id) => self.select(&id),
            None => self.readers.show_first_document(self.editor.session()),
        }
    }

    /// Select a recommendation and scroll the readers to it and to its reply.
    pub fn select(&mut self, id: &str) {
        let Some(index) = self.editor.session().recommendation_index(id) else { return };
        self.selected = Some(id.to_owned());
        let rec = &self.editor.session().recommendations[index];
        self.readers.reveal(rec.source.as_ref(), rec.response.as_ref());
    }

    /// Save to the current path, or ask for one. Returns true when saved.
    pub fn save(&mut self) -> bool {
        match self.path.clone() {
            Some(path) => self.save_to(&path),
            None => self.save_as(),
        }
    }

    /// Ask for a path and save there. Returns true when saved.
    pub fn save_as(&mut self) -> bool {
        let suggested = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "review.ron".into());
        match self.dialogs.pick_save(&suggested) {
            Some(path) => self.save_to(&path),
            None => false,
        }
    }

    /// Save to `path`, re-relativising document paths. Returns true when saved.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let old_base = self.base_path();
        let was_untitled = self.path.is_none();
        if self.editor.is_dirty() {
            self.editor.set_modified(jiff::Timestamp::now());
        }
        let mut session = self.editor.session().clone();
        for doc in &mut session.documents {
            let absolute = store::resolve_from_session(&doc.path, &old_base);
            doc.path = store::relative_to_session(&absolute, path);
        }
        match store::save(&session, path, &store::SaveOptions::default()) {
            Ok(_) => {
                // Document paths are a property of where the file lives, not an edit: no undo step.
                self.editor.set_document_paths(session.documents.iter().map(|d| d.path.clone()).collect());
                self.editor.mark_saved();
                let untitled = was_untitled.then(|| self.untitled.clone());
                for done in std::iter::once(path.to_owned()).chain(untitled) {
                    if let Err(e) = store::clear_recovery(&done) {
                        self.notice = Some(Notice { text: e.to_string(), is_error: true });
                    }
                }
                self.path = Some(path.to_owned());
                self.remember(path);
                self.notice = Some(Notice { text: format!("Saved {}", file_name(path)), is_error: false });
                true
            }
            Err(e) => {
                self.show_error(format!("Could not save. Your work is still open and unsaved.\n\n{e}"));
                false
            }
        }
    }

    fn show_error(&mut self, text: String) {
        self.notice = Some(Notice { text: text.clone(), is_error: true });
        self.error_dialog = Some(text);
    }

    /// Draw the whole window and apply what the reviewer did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.pointer = ui.ctx().input(|i| i.pointer.latest_pos());
        self.handle_dropped_files(ui.ctx());
        self.handle_shortcuts(ui.ctx());
        self.menu_bar(ui);
        self.status_bar(ui);
        let mut clicked: Option<String> = None;
        egui::Panel::left("recommendations").resizable(true).default_size(470.0).min_size(280.0).show(
            ui,
            |ui| {
                let state = self.editor.state();
                clicked =
                    list::show(ui, &mut self.list, self.editor.session(), state, self.selected.as_deref());
            },
        );
        egui::Panel::right("detail").resizable(true).default_size(360.0).min_size(260.0).show(ui, |ui| {
            if let Some(detail::DetailRequest::Jump(anchor)) =
                detail::show(ui, self.editor.session(), self.selected.as_deref(), &mut self.commands)
            {
                self.readers.left.reveal(&anchor.document, anchor.start);
            }
        });
        if self.readers.show_outline {
            egui::Panel::left("outline")
                .resizable(true)
                .default_size(200.0)
                .min_size(120.0)
                .max_size(300.0)
                .show(ui, |ui| {
                    self.readers.outline_ui(ui, &self.documents);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let session = self.editor.session();
            let (generation, highlights) =
                self.highlights.get(session, self.editor.state(), self.selected.as_deref(), ui.visuals());
            self.readers.show(ui, session, &self.documents, highlights, generation);
        });
        if let Some(id) = clicked {
            self.select(&id);
        }
        self.modal_dialogs(ui.ctx());
        self.end_of_frame();
        self.handle_close_request(ui.ctx());
        if std::mem::take(&mut self.toggle_theme) {
            let dark = ui.ctx().global_style().visuals.dark_mode;
            ui.ctx().set_theme(if dark { egui::Theme::Light } else { egui::Theme::Dark });
        }
        self.autosave_if_due(Instant::now());
        self.update_title(ui.ctx());
        if self.editor.is_dirty() {
            // Wake up to autosave even when the reviewer is idle.
            ui.ctx().request_repaint_after(AUTOSAVE_INTERVAL);
        }
    }

    /// Write unsaved work to the recovery file when it has been waiting long enough.
    pub fn autosave_if_due(&mut self, now: Instant) {
        let state = self.editor.state();
        if !self.editor.is_dirty()
            || state == self.autosave.state
            || now - self.autosave.at < AUTOSAVE_INTERVAL
        {
            return;
        }
        let path = self.base_path();
        self.autosave = Autosave { state, at: now };
        if let Err(e) = store::write_recovery(self.editor.session(), &path) {
            self.notice = Some(Notice { text: format!("Autosave failed: {e}"), is_error: true });
        }
    }

    /// Unsaved work offered back after a crash, if any.
    pub fn pending_recovery(&self) -> Option<&store::Recovery> {
        self.recovery.as_ref()
    }

    /// Take the offered unsaved work as the current (unsaved) session.
    pub fn accept_recovery(&mut self) {
        if let Some(rec) = self.recovery.take() {
            if std::mem::take(&mut self.recovery_is_untitled) {
                self.path = None;
            }
            let selected = self.selected.clone();
            self.editor.replace_session(rec.session, false);
            self.documents = intake::load_documents(self.editor.session(), &self.base_path());
            self.after_session_replaced();
            if let Some(id) = selected {
                self.select(&id);
            }
            self.notice =
                Some(Notice { text: "Recovered unsaved work. Save to keep it.".into(), is_error: false });
        }
    }

    /// Throw the offered unsaved work away.
    pub fn discard_recovery(&mut self) {
        let path = match std::mem::take(&mut self.recovery_is_untitled) {
            true => self.untitled.clone(),
            false => self.base_path(),
        };
        if self.recovery.take().is_some()
            && let Err(e) = store::clear_recovery(&path)
        {
            self.notice = Some(Notice { text: e.to_string(), is_error: true });
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.editor.is_dirty() && !self.close_allowed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Replace::Close);
        }
    }

    /// True while Help › Keyboard shortcuts is showing.
    pub fn is_showing_shortcuts(&self) -> bool {
        self.show_shortcuts
    }

    /// True while the Save / Discard / Cancel question is showing.
    pub fn is_confirming_close(&self) -> bool {
        self.confirm.is_some()
    }

    /// Apply the commands and actions gathered during the frame: the one place they happen.
    fn end_of_frame(&mut self) {
        let now = Instant::now();
        for cmd in std::mem::take(&mut self.commands) {
            match self.editor.apply(cmd, now) {
                Ok(Some(Target::Recommendation(id))) if self.selected.as_deref() != Some(id.as_str()) => {
                    self.select(&id);
                }
                Ok(_) => {}
                Err(e) => self.notice = Some(Notice { text: e.to_string(), is_error: true }),
            }
        }
        for action in std::mem::take(&mut self.actions) {
            self.run_action(action);
        }
    }

    fn run_action(&mut self, action: Action) {
        match action {
            Action::NewFromDocuments => {
                if let Some(docs) = self.dialogs.pick_documents() {
                    self.open_paths(&docs);
                }
            }
            Action::Open => {
                if let Some(paths) = self.dialogs.pick_open() {
                    self.open_paths(&paths);
                }
            }
            Action::Save => {
                self.save();
            }
            Action::SaveAs => {
                self.save_as();
            }
            Action::Undo => {
                let target = self.editor.undo();
                self.after_history_move(target);
            }
            Action::Redo => {
                let target = self.editor.redo();
                self.after_history_move(target);
            }
            Action::NextRecommendation => self.step_selection(1),
            Action::PreviousRecommendation => self.step_selection(-1),
            Action::SetGrade(i) => {
                if let (Some(id), Some(grade)) = (self.selected.clone(), Grade::ALL.get(i)) {
                    let cycle = self.editor.session().current_cycle.clone();
                    self.commands.push(Command::set(id, RecField::Grade { cycle, grade: Some(*grade) }));
                    self.end_of_frame();
                }
            }
            Action::AcceptSuggestedStance => {
                let rec = self.selected_recommendation();
                if let Some((id, Some(s))) = rec.map(|r| (r.id.clone(), r.suggested_stance.clone()))
                    && rec.is_some_and(|r| r.stance.is_none())
                {
                    self.commands.push(Command::set(id, RecField::Stance(Some(s.stance))));
                    self.end_of_frame();
                }
            }
            Action::Annotate => self.annotate_selection(),
            Action::NewRecommendationFromSelection => self.recommendation_from_selection(),
            Action::AddRecommendation => self.add_recommendation(None),
            Action::FocusSearch => self.list.focus_search(),
            Action::Find => {
                if let Some(state) = self.readers.active_mut(self.pointer) {
                    state.open_find();
                }
            }
            Action::ZoomIn => self.readers.zoom_by(0.1),
            Action::ZoomOut => self.readers.zoom_by(-0.1),
            Action::ZoomReset => self.readers.zoom_by(0.0),
            Action::ToggleSideBySide => self.readers.side_by_side = !self.readers.side_by_side,
            Action::ToggleTheme => self.toggle_theme = true,
            Action::ToggleOutline => self.readers.show_outline = !self.readers.show_outline,
            Action::ShowShortcuts => self.show_shortcuts = true,
            Action::ShowAbout => self.show_about = true,
        }
    }

    fn after_history_move(&mut self, target: Option<Target>) {
        if let Some(Target::Recommendation(id)) = target {
            self.select(&id);
        }
        // Anything referring to a removed recommendation is dropped.
        if let Some(id) = &self.selected
            && self.editor.session().recommendation_index(id).is_none()
        {
            self.selected = None;
        }
    }

    fn selected_recommendation(&self) -> Option<&crate::model::Recommendation> {
        let id = self.selected.as_deref()?;
        self.editor.session().recommendations.iter().find(|r| r.id == id)
    }

    /// The text selected in a reader: (document id, start, end), left reader first.
    pub fn reader_selection(&self) -> Option<(String, usize, usize)> {
        self.readers.selection()
    }

    fn document_text(&self, doc: &str) -> Option<&str> {
        self.documents.iter().find(|d| d.id == doc).map(|d| d.source.text.as_str())
    }

    /// Make an annotation from the reader's selection, linked to the selected recommendation.
    pub fn annotate_selection(&mut self) {
        let Some((doc, start, end)) = self.reader_selection() else {
            self.notice =
                Some(Notice { text: "Select a passage in the reader first.".into(), is_error: false });
            return;
        };
        let Some(text) = self.document_text(&doc) else { return };
        let now = jiff::Timestamp::now();
        let session = self.editor.session();
        let annotation = crate::model::Annotation {
            id: session.fresh_id("a"),
            anchor: crate::model::Anchor::from_range(&doc, text, start, end),
            note: String::new(),
            colour: "#f2c94c".into(),
            tag: None,
            recommendations: self.selected.iter().cloned().collect(),
            author: session.reviewer.clone(),
            created: now,
            modified: now,
        };
        let index = session.annotations.len();
        self.commands.push(Command::InsertAnnotation { index, annotation: Box::new(annotation) });
        self.end_of_frame();
    }

    /// Make a new recommendation from the reader's selection.
    pub fn recommendation_from_selection(&mut self) {
        let Some((doc, start, end)) = self.reader_selection() else {
            self.notice = Some(Notice {
                text: "Select the recommendation's text in the reader first.".into(),
                is_error: false,
            });
            return;
        };
        let Some(text) = self.document_text(&doc) else { return };
        let anchor = crate::model::Anchor::from_range(&doc, text, start, end);
        self.add_recommendation(Some(anchor));
    }

    /// Add a recommendation by hand, optionally anchored to a passage; placed in document order.
    pub fn add_recommendation(&mut self, source: Option<crate::model::Anchor>) {
        let session = self.editor.session();
        let id = session.fresh_id("r");
        let n = session.recommendations.len() + 1;
        let text = source.as_ref().map(|a| a.quote.exact.trim().to_owned()).unwrap_or_default();
        let mut rec = crate::model::Recommendation::new(id, format!("New {n}"), text);
        let index = match &source {
            Some(a) => session
                .recommendations
                .iter()
                .position(|r| {
                    r.source.as_ref().is_some_and(|s| s.document == a.document && s.start > a.start)
                })
                .unwrap_or(session.recommendations.len()),
            None => session.recommendations.len(),
        };
        rec.source = source;
        self.commands.push(Command::InsertRecommendation { index, rec: Box::new(rec) });
        self.end_of_frame();
    }

    /// Move the selection through the list as shown (filtered and sorted).
    fn step_selection(&mut self, delta: isize) {
        let session = self.editor.session();
        let rows = self.list.rows(session, self.editor.state());
        if rows.is_empty() {
            return;
        }
        let recs = &session.recommendations;
        let current = self.selected.as_deref().and_then(|id| rows.iter().position(|&i| recs[i].id == id));
        let next = match current {
            Some(i) => (i as isize + delta).clamp(0, rows.len() as isize - 1) as usize,
            None => 0,
        };
        let id = recs[rows[next]].id.clone();
        self.select(&id);
        self.list.reveal_selection();
    }

    /// The list's filter and sort (tests set them as the widgets would).
    pub fn list_mut(&mut self) -> &mut ListState {
        &mut self.list
    }

    /// Ids of the recommendations the list shows, in order.
    pub fn visible_ids(&mut self) -> Vec<String> {
        let session = self.editor.session();
        let rows = self.list.rows(session, self.editor.state());
        rows.iter().map(|&i| session.recommendations[i].id.clone()).collect()
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        // Single keys never fire while typing; arrows belong to whatever widget has focus
        // (the reader scrolls with them), j/k and digits still work there.
        let typing = ctx.text_edit_focused();
        let focused = ctx.egui_wants_keyboard_input();
        // egui matches shortcuts ignoring extra Shift, so try Ctrl+Shift+S before Ctrl+S.
        let mut actions = Action::ALL;
        actions.sort_by_key(|a| std::cmp::Reverse(a.shortcut().map_or(0, |s| s.modifiers.shift as u8)));
        ctx.input_mut(|input| {
            for action in actions {
                let hit = [action.shortcut(), action.alternative_shortcut()]
                    .into_iter()
                    .flatten()
                    .filter(|s| {
                        let arrow = matches!(s.logical_key, egui::Key::ArrowUp | egui::Key::ArrowDown);
                        !s.modifiers.is_none() || !(typing || (focused && arrow))
                    })
                    .any(|s| input.consume_shortcut(&s));
                if hit {
                    self.actions.push(action);
                }
            }
        });
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if !dropped.is_empty() {
            self.open_paths(&dropped);
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                for menu in Menu::ALL {
                    ui.menu_button(menu.title(), |ui| {
                        for action in Action::ALL.into_iter().filter(|a| a.menu() == menu) {
                            let mut button = egui::Button::new(self.menu_label(action));
                            if let Some(s) = action.shortcut() {
                                button = button.shortcut_text(ui.ctx().format_shortcut(&s));
                            }
                            if ui.add_enabled(self.is_enabled(action), button).clicked() {
                                self.actions.push(action);
                                ui.close();
                            }
                        }
                        if menu == Menu::File {
                            ui.separator();
                            self.recent_menu(ui);
                        }
                    });
                }
            });
        });
    }

    fn recent_menu(&mut self, ui: &mut egui::Ui) {
        ui.add_enabled_ui(!self.recent.is_empty(), |ui| {
            ui.menu_button("Open recent", |ui| {
                let mut chosen = None;
                for path in &self.recent {
                    let name = path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
                    if ui.button(name).on_hover_text(path.display().to_string()).clicked() {
                        chosen = Some(path.clone());
                        ui.close();
                    }
                }
                if let Some(path) = chosen {
                    self.open_paths(&[path]);
                }
            });
        });
    }

    fn menu_label(&self, action: Action) -> String {
        match action {
            Action::Undo => self.editor.undo_label().map_or("Undo".into(), |l| format!("Undo {l}")),
            Action::Redo => self.editor.redo_label().map_or("Redo".into(), |l| format!("Redo {l}")),
            Action::ToggleSideBySide if self.readers.side_by_side => "One reader".into(),
            _ => action.name(),
        }
    }

    fn is_enabled(&self, action: Action) -> bool {
        match action {
            Action::Undo => self.editor.can_undo(),
            Action::Redo => self.editor.can_redo(),
            Action::SetGrade(_) => self.selected.is_some(),
            _ => true,
        }
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let session = self.editor.session();
                match &self.path {
                    Some(p) => {
                        let name = p.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
                        ui.label(name).on_hover_text(p.display().to_string());
                    }
                    None => {
                        ui.label("Not saved yet");
                    }
                }
                ui.separator();
                if self.editor.is_dirty() {
                    ui.colored_label(ui.visuals().warn_fg_color, "Unsaved changes");
                } else {
                    ui.label("Saved");
                }
                ui.separator();
                let cycle = session.cycles.iter().find(|c| c.id == session.current_cycle);
                ui.label(format!(
                    "Cycle: {}",
                    cycle.map_or(session.current_cycle.as_str(), |c| c.label.as_str())
                ));
                ui.separator();
                let graded = session
                    .recommendations
                    .iter()
                    .filter(|r| r.grade_in(&session.current_cycle) != Grade::NotAssessed)
                    .count();
                ui.label(format!("{graded} of {} graded", session.recommendations.len()));
                if let Some(notice) = &self.notice {
                    ui.separator();
                    let colour = if notice.is_error {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().weak_text_color()
                    };
                    ui.colored_label(colour, notice.text.lines().next().unwrap_or_default());
                }
            });
        });
    }

    fn modal_dialogs(&mut self, ctx: &egui::Context) {
        if let Some(pending) = self.confirm.clone() {
            let (heading, discard) = match &pending {
                Replace::Close => ("Save changes before closing?", "Close without saving"),
                Replace::Open(_) => ("Save changes before opening another review?", "Discard changes"),
            };
            let modal = egui::Modal::new(egui::Id::unique("confirm-replace")).show(ctx, |ui| {
                ui.set_max_width(440.0);
                ui.heading(heading);
                ui.add_space(6.0);
                ui.label("Your changes to this review have not been saved.");
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        return Some(CloseChoice::Save);
                    }
                    if ui.button(discard).clicked() {
                        return Some(CloseChoice::Discard);
                    }
                    ui.button("Cancel").clicked().then_some(CloseChoice::Cancel)
                })
                .inner
            });
            let choice = modal.inner.or(modal.should_close().then_some(CloseChoice::Cancel));
            let proceed = match choice {
                Some(CloseChoice::Save) => self.save(),
                Some(CloseChoice::Discard) => {
                    if let Err(e) = store::clear_recovery(&self.base_path()) {
                        self.notice = Some(Notice { text: e.to_string(), is_error: true });
                    }
                    true
                }
                Some(CloseChoice::Cancel) | None => false,
            };
            if choice.is_some() {
                self.confirm = None;
            }
            if proceed {
                match pending {
                    Replace::Close => {
                        self.close_allowed = true;
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                    Replace::Open(paths) => self.open_paths_now(&paths),
                }
            }
        }
        if let Some(rec) = &self.recovery {
            let when = jiff::Timestamp::try_from(rec.saved_at)
                .map(|t| t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string())
                .unwrap_or_default();
            let modal = egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
                ui.set_max_width(460.0);
                ui.heading("Recover unsaved work?");
                ui.add_space(6.0);
                ui.label(format!(
                    "Stocktake found changes to this review that were not saved (autosaved {when}). \
                     Recover them, or discard them and keep the saved file?"
                ));
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button("Recover").clicked() {
                        return Some(true);
                    }
                    ui.button("Discard").clicked().then_some(false)
                })
                .inner
            });
            match modal.inner {
                Some(true) => self.accept_recovery(),
                Some(false) => self.discard_recovery(),
                None => {}
            }
        }
        if let Some(text) = self.error_dialog.clone() {
            let modal = egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.heading("Something went wrong");
                ui.add_space(6.0);
                ui.label(text);
                ui.add_space(10.0);
                ui.button("OK").clicked()
            });
            if modal.inner || modal.should_close() {
                self.error_dialog = None;
            }
        }
        if self.show_shortcuts {
            let modal = egui::Modal::new(egui::Id::unique("shortcuts")).show(ctx, |ui| {
                ui.heading("Keyboard shortcuts");
                ui.add_space(6.0);
                egui::Grid::new("shortcut-grid").striped(true).num_columns(2).show(ui, |ui| {
                    for action in Action::ALL {
                        let keys: Vec<String> = [action.shortcut(), action.alternative_shortcut()]
                            .into_iter()
                            .flatten()
                            .map(|s| ctx.format_shortcut(&s))
                            .collect();
                        if keys.is_empty() {
                            continue;
                        }
                        ui.label(action.name());
                        ui.monospace(keys.join("  or  "));
                        ui.end_row();
                    }
                });
                ui.add_space(10.0);
                ui.button("Close").clicked()
            });
            if modal.inner || modal.should_close() {
                self.show_shortcuts = false;
            }
        }
        if self.show_about {
            let modal = egui::Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
                ui.heading("Stocktake");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                ui.label("An offline workbench for reviewing how recommendations were answered.");
                ui.label("Nothing you open or write here leaves this computer.");
                ui.add_space(10.0);
                ui.button("Close").clicked()
            });
            if modal.inner || modal.should_close() {
                self.show_about = false;
            }
        }
    }

    /// The window title: file name, an unsaved marker, the app name.
    pub fn title(&self) -> String {
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or("Untitled".into(), |n| n.to_string_lossy().into_owned());
        let dirty = if self.editor.is_dirty() { " ●" } else { "" };
        format!("{name}{dirty} — Stocktake")
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.sent_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.sent_title = title;
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Something that would replace or close the session, waiting for Save / Discard / Cancel.
#[derive(Debug, Clone, PartialEq)]
enum Replace {
    /// Close the window.
    Close,
    /// Open these paths (a session, or documents for a new one).
    Open(Vec<PathBuf>),
}

/// The answers to "Save changes before closing?".
#[derive(Debug, Clone, Copy)]
enum CloseChoice {
    Save,
    Discard,
    Cancel,
}

impl eframe::App for StocktakeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
    }
}
