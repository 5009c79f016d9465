//! The application: the workspace it shows, the view state (selection, readers, list), and
//! the frame loop. Commands and actions gathered during a frame are applied in one place at
//! its end (as the egui demo app and the rerun viewer do); long work runs as background jobs
//! that the frame polls.

use super::actions::Action;
use super::file_dialog::{DialogOutcome, DialogRequest, FileDialogs, InWindowDialog};
use super::highlights::HighlightCache;
use super::jobs::{AfterSave, Running};
use super::list::ListState;
use super::modals::{Modal, Modals, Replace};
use super::notifications::{Level, Notifications};
use super::prefs::{Prefs, ThemeChoice};
use super::readers::Readers;
use crate::edit::{Command, Target};
use crate::workspace::{self, Conflict, Opened, Workspace};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub use crate::workspace::AUTOSAVE_INTERVAL;

/// What the window shows of the review: selection, readers, list. Reset when another
/// review is opened.
#[derive(Default)]
pub(super) struct View {
    pub(super) selected: Option<String>,
    pub(super) readers: Readers,
    pub(super) list: ListState,
    pub(super) highlights: HighlightCache,
    /// Put the cursor in the notes on the next frame.
    pub(super) focus_notes: bool,
    /// Passages not found after re-anchoring, and their window.
    pub(super) orphans: super::orphans::OrphanView,
    /// The dashboard (shown in place of the readers while open).
    pub(super) dashboard: super::dashboard::DashboardState,
    /// File › Review properties…, while open.
    pub(super) properties: Option<super::properties::PropertiesDialog>,
    /// Review › New review cycle…, while open.
    pub(super) new_cycle: Option<super::cycles::NewCycleDialog>,
}

/// The Stocktake window.
pub struct StocktakeApp {
    pub(super) workspace: Workspace,
    pub(super) view: View,
    pub(super) prefs: Prefs,
    /// Where the preferences are kept (None: not persisted, as in tests).
    prefs_path: Option<PathBuf>,
    pub(super) dialogs: Box<dyn FileDialogs>,
    pub(super) in_window_dialog: Option<InWindowDialog>,
    pub(super) modals: Modals,
    pub(super) notifications: Notifications,
    pub(super) running: Option<Running>,
    pub(super) actions: Vec<Action>,
    pub(super) commands: Vec<Command>,
    /// The reviewer chose to close (after saving or discarding).
    pub(super) close_allowed: bool,
    /// Close the window at the end of this frame.
    pub(super) close_requested_by_app: bool,
    /// What to do after a save whose path comes from the in-window dialog.
    pub(super) pending_dialog_then: Option<AfterSave>,
    /// Where the pointer was this frame (to know which reader Find applies to).
    pub(super) pointer: Option<egui::Pos2>,
    sent_title: String,
    /// Where untitled reviews autosave (the app's data folder).
    untitled_folder: Option<PathBuf>,
    /// Input held back to the next frame: everything from an Escape on, when keys typed just
    /// before it would otherwise be lost (egui drops focus at the start of the frame).
    held_input: Vec<egui::Event>,
    /// Preferences changed and are waiting to be written.
    pub(super) prefs_dirty: bool,
    /// The command palette, while open.
    pub(super) palette: Option<super::palette::Palette>,
    /// Bumped by View › Reset layout, so the panels forget their dragged widths.
    layout_generation: u32,
    /// Panels and readers that were hidden to make room (narrow windows).
    pub(super) compact: super::layout::Compact,
}

impl StocktakeApp {
    /// An app with an empty, untitled review, using `dialogs` for file choosers.
    pub fn new(dialogs: Box<dyn FileDialogs>) -> Self {
        Self {
            workspace: Workspace::default(),
            view: View::default(),
            prefs: Prefs::default(),
            prefs_path: None,
            dialogs,
            in_window_dialog: None,
            modals: Modals::default(),
            notifications: Notifications::default(),
            running: None,
            actions: Vec::new(),
            commands: Vec::new(),
            close_allowed: false,
            close_requested_by_app: false,
            pending_dialog_then: None,
            pointer: None,
            sent_title: String::new(),
            untitled_folder: None,
            held_input: Vec::new(),
            prefs_dirty: false,
            palette: None,
            layout_generation: 0,
            compact: Default::default(),
        }
    }

    /// Keep preferences in `path` (read now, written when they change and on exit).
    pub fn use_prefs_file(&mut self, path: PathBuf) {
        self.prefs = Prefs::load(&path);
        self.view.readers.side_by_side = self.prefs.side_by_side;
        self.view.readers.show_outline = self.prefs.show_outline;
        self.view.list.sort = self.prefs.sort;
        self.prefs_path = Some(path);
    }

    /// Autosave untitled reviews in `folder` (the app's data folder), and offer back what a
    /// crash left there.
    pub fn set_untitled_folder(&mut self, folder: PathBuf) {
        self.workspace.set_untitled_folder(folder.clone());
        let (found, problems) = workspace::find_untitled_recoveries(&folder);
        for p in problems {
            self.notifications.error(p);
        }
        for recovery in found {
            self.modals.push(Modal::UntitledRecovery(Box::new(recovery)));
        }
        self.untitled_folder = Some(folder);
    }

    /// The open review.
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// The session being edited, with its history.
    pub fn editor(&self) -> &crate::edit::Editor {
        self.workspace.editor()
    }

    /// Where the session is saved, if it has been.
    pub fn path(&self) -> Option<&Path> {
        self.workspace.path()
    }

    /// Id of the selected recommendation.
    pub fn selected(&self) -> Option<&str> {
        self.view.selected.as_deref()
    }

    /// The readers (for tests and the status bar).
    pub fn readers(&self) -> &Readers {
        &self.view.readers
    }

    /// The message the status bar shows, or the latest one.
    pub fn notice(&self) -> Option<&super::notifications::Notice> {
        self.notifications.latest()
    }

    /// The error being shown in a dialog, if any.
    pub fn error_dialog(&self) -> Option<&str> {
        self.modals.error_text()
    }

    /// The dialog showing now, if any (tests).
    pub fn modal(&self) -> Option<&Modal> {
        self.modals.current()
    }

    /// True while a background job (open, save) is running.
    pub fn is_busy(&self) -> bool {
        self.running.is_some()
    }

    /// The in-window file dialog, while the native one cannot be shown.
    pub fn in_window_dialog(&self) -> Option<&DialogRequest> {
        self.in_window_dialog.as_ref().map(|d| &d.request)
    }

    /// Wait for background work and take in its results (tests and the command line).
    pub fn finish_jobs(&mut self) {
        while let Some(running) = self.running.take() {
            let done = running.wait();
            self.job_finished(done);
        }
    }

    /// Open paths given on the command line, dropped on the window or chosen in a dialog: one
    /// `.ron` session, or documents for a new review. Asks first if there is unsaved work.
    pub fn open_paths(&mut self, paths: &[PathBuf]) {
        if paths.is_empty() {
            return;
        }
        if self.workspace.is_dirty() {
            self.modals.push(Modal::ConfirmReplace(Replace::Open(paths.to_vec())));
        } else {
            self.open_paths_now(paths);
        }
    }

    pub(super) fn open_paths_now(&mut self, paths: &[PathBuf]) {
        let (sessions, docs): (Vec<&PathBuf>, Vec<&PathBuf>) =
            paths.iter().partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        if let Some(session) = sessions.first() {
            if sessions.len() > 1 || !docs.is_empty() {
                self.notifications.warn(format!("Opened {} only: one review at a time", file_name(session)));
            }
            self.open_session(session);
        } else if !docs.is_empty() {
            let docs: Vec<PathBuf> = docs.into_iter().cloned().collect();
            self.new_from_documents(&docs);
        }
    }

    /// Start reading a session file; the review is replaced when it has been read. On
    /// failure nothing changes.
    pub fn open_session(&mut self, path: &Path) {
        let path = path.to_owned();
        self.start(Running::open(format!("Opening {}", file_name(&path)), move |p| {
            workspace::open_session(&path, p)
        }));
    }

    /// Start a new, unsaved review from documents.
    pub fn new_from_documents(&mut self, docs: &[PathBuf]) {
        let docs = docs.to_vec();
        let title = match docs.as_slice() {
            [one] => format!("Reading {}", file_name(one)),
            many => format!("Reading {} documents", many.len()),
        };
        self.start(Running::open(title, move |p| workspace::new_from_documents(&docs, p)));
    }

    /// Open the bundled sample as an untitled copy.
    pub fn open_sample(&mut self) {
        match workspace::sample_review() {
            Ok(opened) => self.install(opened),
            Err(e) => self.show_error(format!("The bundled sample could not be opened: {e}")),
        }
    }

    fn start(&mut self, running: Running) {
        if let Some(other) = &self.running {
            self.notifications.warn(format!("Please wait: {} is still running", other.title()));
            return;
        }
        self.running = Some(running);
    }

    /// Take in a finished background job.
    pub(super) fn job_finished(&mut self, done: super::jobs::Done) {
        use super::jobs::Done;
        match done {
            Done::Opened(Ok(opened)) => self.opened(*opened),
            Done::Opened(Err(e)) => self.show_error(e),
            Done::Saved(result, then, drop_unknown) => match *result {
                Ok(saved) => self.saved(saved, then),
                Err(e) => self.save_failed(e, then, drop_unknown),
            },
            Done::Cancelled => self.notifications.info("Cancelled: nothing was opened"),
        }
    }

    fn saved(&mut self, saved: crate::workspace::Saved, then: AfterSave) {
        let path = saved.path().to_owned();
        for warning in self.workspace.finish_save(saved) {
            self.notifications.warn(warning);
        }
        self.prefs.remember(&path);
        self.save_prefs();
        self.notifications.info(format!("Saved {}", file_name(&path)));
        self.after_save(then);
    }

    /// A review was read: offer recovery of unsaved work first, else install it.
    fn opened(&mut self, opened: Opened) {
        if opened.recovery.is_some() {
            self.modals.push(Modal::Recovery(Box::new(opened)));
        } else {
            self.install(opened);
        }
    }

    /// Make `opened` the open review.
    pub(super) fn install(&mut self, opened: Opened) {
        self.remember_selection();
        let read_only = opened.is_read_only();
        let path = opened.path().map(Path::to_owned);
        self.workspace.install(opened);
        if let Some(path) = &path {
            self.prefs.remember(path);
            self.save_prefs();
            self.notifications.info(format!("Opened {}", file_name(path)));
        }
        for note in self.workspace.take_opening_notes() {
            self.notifications.warn(note);
        }
        if read_only {
            self.notifications.warn("This review is open in another Stocktake window: read-only here");
        }
        let zoom = self.prefs.zoom;
        self.view = View::default();
        self.view.readers.side_by_side = self.prefs.side_by_side;
        self.view.readers.show_outline = self.prefs.show_outline;
        self.view.readers.set_default_zoom(zoom);
        self.view.list.sort = self.prefs.sort;
        let session = self.workspace.session();
        let remembered = path
            .as_deref()
            .and_then(|p| self.prefs.selection_in(p))
            .filter(|id| session.recommendation_index(id).is_some());
        let first =
            remembered.map(str::to_owned).or_else(|| session.recommendations.first().map(|r| r.id.clone()));
        match first {
            Some(id) => self.select(&id),
            None => self.view.readers.show_first_document(self.workspace.session()),
        }
    }

    /// What the window does as it closes: finish the autosave in flight and keep the
    /// preferences (with where the reviewer was in this review).
    pub fn shut_down(&mut self) {
        self.workspace.wait_for_autosave();
        self.remember_selection();
        self.save_prefs();
    }

    /// Note the selected recommendation of the open (saved) review in the preferences.
    fn remember_selection(&mut self) {
        if let (Some(path), Some(id)) = (self.workspace.path(), self.view.selected.as_deref()) {
            self.prefs.remember_selection(path, id);
        }
    }

    /// Select a recommendation and scroll the readers to it and to its reply.
    pub fn select(&mut self, id: &str) {
        let session = self.workspace.session();
        let Some(index) = session.recommendation_index(id) else { return };
        self.view.selected = Some(id.to_owned());
        let rec = &session.recommendations[index];
        self.view.readers.reveal(rec.source.as_ref(), rec.response.as_ref());
    }

    /// Save to the review's own file, or ask where. Returns false when nothing was started.
    pub fn save(&mut self) -> bool {
        self.save_then(AfterSave::Nothing)
    }

    /// Ask for a path and save there.
    pub fn save_as(&mut self) -> bool {
        self.save_as_then(AfterSave::Nothing)
    }

    pub(super) fn save_then(&mut self, then: AfterSave) -> bool {
        if self.workspace.path().is_none() {
            return self.save_as_then(then);
        }
        if self.workspace.is_read_only() {
            self.show_error(
                "This review is open in another Stocktake window, so it is read-only here. \
                 Use File › Save as… to keep your own copy."
                    .into(),
            );
            return false;
        }
        if !self.workspace.unknown_fields().is_empty() {
            self.modals.push(Modal::UnknownFields { fields: self.workspace.unknown_fields().to_vec(), then });
            return false;
        }
        self.save_to(None, Conflict::Refuse, then)
    }

    pub(super) fn save_as_then(&mut self, then: AfterSave) -> bool {
        let suggested = self
            .workspace
            .path()
            .and_then(|p| p.file_name())
            .map_or_else(|| "review.ron".to_string(), |n| n.to_string_lossy().into_owned());
        let request = DialogRequest::Save { suggested };
        match self.dialogs.pick(&request) {
            DialogOutcome::Picked(paths) => match paths.into_iter().next() {
                Some(path) => self.save_to(Some(&path), Conflict::Refuse, then),
                None => false,
            },
            DialogOutcome::Cancelled => false,
            DialogOutcome::Unavailable => {
                let folder = self.workspace.path().and_then(Path::parent).map(Path::to_owned);
                self.in_window_dialog = Some(InWindowDialog::new(request, folder.as_deref()));
                self.pending_dialog_then = Some(then);
                false
            }
        }
    }

    /// Start writing the review to `path` (None: its own file).
    pub(super) fn save_to(&mut self, path: Option<&Path>, conflict: Conflict, then: AfterSave) -> bool {
        self.save_to_dropping(path, conflict, false, then)
    }

    /// As [`Self::save_to`]; `drop_unknown` when the reviewer agreed that fields this build
    /// does not understand may be dropped from the file.
    pub(super) fn save_to_dropping(
        &mut self,
        path: Option<&Path>,
        conflict: Conflict,
        drop_unknown: bool,
        then: AfterSave,
    ) -> bool {
        if let Err(e) = self.workspace.refuse_if_read_only_for(path) {
            self.show_error(e.to_string());
            return false;
        }
        let Some(request) = self.workspace.save_request_dropping(path, conflict, drop_unknown) else {
            return false;
        };
        if let Some(target) = path
            && self.workspace.path() != Some(crate::store::absolute(target).as_path())
            && let Some(doc) = self.workspace.documents().iter().find(|d| {
                d.path.as_deref().is_some_and(|p| crate::store::absolute(p) == crate::store::absolute(target))
            })
        {
            self.show_error(format!(
                "{} is one of the review's documents; choose another name for the review.",
                file_name(doc.path.as_deref().unwrap_or(target))
            ));
            return false;
        }
        self.start(Running::save(request, then, drop_unknown));
        true
    }

    fn save_failed(&mut self, e: crate::store::StoreError, then: AfterSave, drop_unknown: bool) {
        match e {
            crate::store::StoreError::ChangedOnDisk { .. } => {
                self.modals.push(Modal::Conflict { then, drop_unknown });
            }
            e => self.show_error(format!("Could not save. Your work is still open and unsaved.\n\n{e}")),
        }
    }

    fn after_save(&mut self, then: AfterSave) {
        match then {
            AfterSave::Nothing => {}
            AfterSave::Close => {
                self.close_allowed = true;
                self.close_requested_by_app = true;
            }
            AfterSave::Open(paths) => self.open_paths_now(&paths),
        }
    }

    pub(super) fn show_error(&mut self, text: String) {
        self.notifications.push(Level::Error, text.lines().next().unwrap_or_default().to_owned());
        self.modals.push(Modal::Error(text));
    }

    pub(super) fn save_prefs(&mut self) {
        if let Some(path) = &self.prefs_path
            && let Err(e) = self.prefs.save(path)
        {
            self.notifications.warn(format!("Preferences not saved: {e}"));
        }
    }

    /// Autosave unsaved work if it has waited long enough (the frame does this itself).
    pub fn autosave_if_due(&mut self, now: Instant) {
        if let Some(message) = self.workspace.autosave_if_due(now) {
            self.notifications.error(message);
        }
    }

    /// Wait for an autosave in progress to be written (tests).
    pub fn wait_for_autosave(&mut self) {
        self.workspace.wait_for_autosave();
    }

    /// Apply a command as the frame would (tests that set up state the UI cannot make easily).
    pub fn apply_for_test(&mut self, cmd: Command) {
        self.commands.push(cmd);
        self.end_of_frame();
    }

    /// Start saving to `path` (Save As without the dialog); true when the save started.
    pub fn save_to_path(&mut self, path: &Path) -> bool {
        self.save_to(Some(path), Conflict::Refuse, AfterSave::Nothing)
    }

    /// Hold back everything from an Escape on to the next frame when keys were typed just
    /// before it in the same frame: egui takes focus away at the start of a frame with an
    /// Escape, so those keystrokes would otherwise miss the text field they were typed into
    /// and run as list shortcuts instead. eframe calls this before each frame.
    pub fn filter_input(&mut self, raw: &mut egui::RawInput) {
        let mut events = std::mem::take(&mut self.held_input);
        events.append(&mut raw.events);
        let escape = events
            .iter()
            .position(|e| matches!(e, egui::Event::Key { key: egui::Key::Escape, pressed: true, .. }));
        if let Some(at) = escape
            && events[..at]
                .iter()
                .any(|e| matches!(e, egui::Event::Text(_) | egui::Event::Key { pressed: true, .. }))
        {
            self.held_input = events.split_off(at);
        }
        raw.events = events;
    }

    /// True while input is held back for the next frame.
    pub fn has_held_input(&self) -> bool {
        !self.held_input.is_empty()
    }

    /// Draw a frame, then wait for any background job it started and take in its result:
    /// how tests drive the window, so that a save or an open has happened when they look.
    pub fn show_and_wait(&mut self, ui: &mut egui::Ui) {
        self.show(ui);
        if self.running.is_some() {
            self.finish_jobs();
            ui.ctx().request_repaint();
        }
    }

    /// Draw the whole window and apply what the reviewer did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.has_held_input() {
            ctx.request_repaint();
        }
        self.pointer = ctx.input(|i| i.pointer.latest_pos());
        self.poll_job(&ctx);
        self.poll_outside_changes();
        self.handle_dropped_files(&ctx);
        if !self.modals.is_open() && self.in_window_dialog.is_none() && self.palette.is_none() {
            self.handle_shortcuts(&ctx);
        }
        self.menu_bar(ui);
        self.status_bar(ui);
        self.banner(ui);
        self.panels(ui);
        self.orphans_window(&ctx);
        self.show_in_window_dialog(&ctx);
        self.show_palette(&ctx);
        self.properties_window(&ctx);
        self.new_cycle_window(&ctx);
        self.show_modals(&ctx);
        self.end_of_frame();
        self.handle_close_request(&ctx);
        self.apply_theme(&ctx);
        self.autosave_if_due(Instant::now());
        self.update_title(&ctx);
        self.remember_layout(&ctx);
        if self.workspace.is_dirty() {
            // Wake up to autosave even when the reviewer is idle.
            ctx.request_repaint_after(AUTOSAVE_INTERVAL);
        }
    }

    fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(running) = &self.running else { return };
        match running.poll() {
            Some(done) => {
                self.running = None;
                self.job_finished(done);
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
        }
    }

    fn poll_outside_changes(&mut self) {
        for change in self.workspace.poll_outside_changes() {
            match change {
                workspace::OutsideChange::Session => self.notifications.warn(format!(
                    "{} was changed outside Stocktake; saving will ask before overwriting it",
                    self.workspace.path().map_or_else(String::new, file_name)
                )),
                workspace::OutsideChange::Document(id) => {
                    let title =
                        self.workspace.session().document(&id).map_or(id.clone(), |d| d.title.clone());
                    self.notifications.warn(format!(
                        "{title} changed on disk; reopen the review to find its passages again"
                    ));
                }
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.open_paths(&dropped);
        }
    }

    fn show_in_window_dialog(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.in_window_dialog else { return };
        let Some(outcome) = dialog.show(ctx) else { return };
        let request = dialog.request.clone();
        self.in_window_dialog = None;
        let then = self.pending_dialog_then.take().unwrap_or(AfterSave::Nothing);
        let DialogOutcome::Picked(paths) = outcome else { return };
        match request {
            DialogRequest::Open | DialogRequest::Documents => self.open_paths(&paths),
            DialogRequest::Save { .. } => {
                if let Some(path) = paths.into_iter().next() {
                    self.save_to(Some(&path), Conflict::Refuse, then);
                }
            }
            DialogRequest::Export { .. } => {
                if let Some(path) = paths.into_iter().next() {
                    self.export_to(&path);
                }
            }
        }
    }

    /// Ask for files to open with the native dialog, else the in-window one.
    pub(super) fn pick_and_open(&mut self, request: DialogRequest) {
        match self.dialogs.pick(&request) {
            DialogOutcome::Picked(paths) => self.open_paths(&paths),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable => {
                let folder = self.workspace.path().and_then(Path::parent).map(Path::to_owned);
                self.in_window_dialog = Some(InWindowDialog::new(request, folder.as_deref()));
            }
        }
    }

    /// Apply the commands and actions gathered during the frame: the one place they happen.
    pub(super) fn end_of_frame(&mut self) {
        for cmd in std::mem::take(&mut self.commands) {
            match self.workspace.apply(cmd) {
                Ok(Some(Target::Recommendation(id)))
                    if self.view.selected.as_deref() != Some(id.as_str()) =>
                {
                    self.select(&id);
                }
                Ok(_) => {}
                Err(e) => self.notifications.error(e.to_string()),
            }
        }
        for action in std::mem::take(&mut self.actions) {
            self.run_action(action);
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if std::mem::take(&mut self.close_requested_by_app) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if !ctx.input(|i| i.viewport().close_requested()) || self.close_allowed {
            return;
        }
        if self.running.is_some() {
            // Let a save in progress finish first.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.notifications.warn("Finishing the current task before closing…");
            return;
        }
        if self.workspace.is_dirty() && !self.workspace.is_read_only() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            if !self.modals.is_confirming() {
                self.modals.push(Modal::ConfirmReplace(Replace::Close));
            }
        }
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        let wanted = match self.prefs.theme {
            ThemeChoice::System => None,
            ThemeChoice::Light => Some(egui::Theme::Light),
            ThemeChoice::Dark => Some(egui::Theme::Dark),
        };
        if let Some(theme) = wanted
            && ctx.theme() != theme
        {
            ctx.set_theme(theme);
        }
    }

    fn remember_layout(&mut self, ctx: &egui::Context) {
        let size = ctx.content_rect().size();
        let size = Some([size.x, size.y]);
        if self.prefs.window_size != size {
            self.prefs.window_size = size;
            self.prefs_dirty = true;
        }
        // Written once the reviewer lets go (a dragged panel edge changes every frame).
        if self.prefs_dirty && !ctx.input(|i| i.pointer.any_down()) {
            self.prefs_dirty = false;
            self.save_prefs();
        }
    }

    /// The layout generation (bumped by View › Reset layout) for panel ids.
    pub(super) fn layout_generation(&self) -> u32 {
        self.layout_generation
    }

    /// Forget dragged panel widths and return to the default layout.
    pub(super) fn reset_layout(&mut self) {
        self.prefs.reset_layout();
        self.view.readers.side_by_side = self.prefs.side_by_side;
        self.view.readers.show_outline = self.prefs.show_outline;
        self.layout_generation += 1;
        self.compact = Default::default();
        self.save_prefs();
    }

    /// The window title: file name, an unsaved marker, the app name.
    pub fn title(&self) -> String {
        let name = self.workspace.path().and_then(|p| p.file_name()).map_or_else(
            || format!("{} (not saved yet)", self.workspace.session().title),
            |n| n.to_string_lossy().into_owned(),
        );
        let dirty = if self.workspace.is_dirty() { " ●" } else { "" };
        let read_only = if self.workspace.is_read_only() { " [read-only]" } else { "" };
        format!("{name}{dirty}{read_only} — Stocktake")
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.sent_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.sent_title = title;
        }
    }
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

impl eframe::App for StocktakeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.filter_input(raw_input);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.shut_down();
    }
}
