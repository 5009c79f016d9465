//! What each action does, the keyboard handler and the menu bar: all driven by the one
//! action table in [`super::actions`].

use super::actions::{Action, Menu};
use super::app::StocktakeApp;
use super::file_dialog::DialogRequest;
use super::go_to_page::PagePrompt;
use super::modals::Modal;
use super::prefs::ThemeChoice;
use crate::edit::{Command, RecField, Target};
use crate::model::{Anchor, Annotation, Grade, Recommendation, Stance};

/// The colour new evidence is highlighted in: the sky blue of the Okabe–Ito palette, at least
/// ΔE 20 from every grade tint, the grey of replies and the find-match yellows, also as seen
/// with protanopia and deuteranopia (the test below measures it).
pub const EVIDENCE_COLOUR: &str = "#56b4e9";

impl StocktakeApp {
    pub(super) fn run_action(&mut self, action: Action) {
        match action {
            Action::NewFromDocuments => self.pick_and_open(DialogRequest::Documents),
            Action::Open => self.pick_and_open(DialogRequest::Open),
            Action::Save => {
                self.save();
            }
            Action::SaveAs => {
                self.save_as();
            }
            Action::Quit => self.close_requested_by_app = true,
            Action::Undo => {
                let target = self.workspace.undo();
                self.after_history_move(target);
            }
            Action::Redo => {
                let target = self.workspace.redo();
                self.after_history_move(target);
            }
            Action::NextRecommendation => self.step_selection(1),
            Action::PreviousRecommendation => self.step_selection(-1),
            Action::NextNotReviewed => self.next_not_reviewed(),
            Action::CommandPalette => self.palette = Some(super::palette::Palette::default()),
            Action::SetGrade(i) => {
                if let (Some(id), Some(grade)) = (self.view.selected.clone(), Grade::ALL.get(i)) {
                    let cycle = self.workspace.session().current_cycle.clone();
                    let grade = (*grade != Grade::NotAssessed).then_some(*grade);
                    self.commands.push(Command::set(id, RecField::Grade { cycle, grade }));
                    self.end_of_frame();
                }
            }
            Action::SetStance(i) => {
                if let (Some(id), Some(stance)) = (self.view.selected.clone(), Stance::ALL.get(i)) {
                    self.commands.push(Command::set(id, RecField::Stance(Some(*stance))));
                    self.end_of_frame();
                }
            }
            Action::EditNotes => self.view.focus_notes = true,
            Action::LinkReplyFromSelection => self.link_reply_from_selection(),
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
            Action::FocusSearch => self.view.list.focus_search(),
            Action::Find => {
                if let Some(state) = self.view.readers.active_mut(self.pointer) {
                    state.open_find();
                }
            }
            Action::ZoomIn => self.zoom_by(0.1),
            Action::ZoomOut => self.zoom_by(-0.1),
            Action::ZoomReset => self.zoom_by(0.0),
            Action::ToggleSideBySide => {
                self.view.readers.side_by_side = !self.view.readers.side_by_side;
                self.prefs.side_by_side = self.view.readers.side_by_side;
                self.save_prefs();
            }
            Action::ToggleTheme => {
                self.prefs.theme = match self.prefs.theme {
                    ThemeChoice::Dark => ThemeChoice::Light,
                    ThemeChoice::Light => ThemeChoice::Dark,
                    ThemeChoice::System => ThemeChoice::Dark,
                };
                self.save_prefs();
            }
            Action::ToggleOutline => {
                self.view.readers.show_outline = !self.view.readers.show_outline;
                self.prefs.show_outline = self.view.readers.show_outline;
                self.save_prefs();
            }
            Action::GoToPage => {
                let pane = self.view.readers.active_pane(self.pointer);
                let state = self.view.readers.pane_mut(pane).shown_mut();
                match state.as_ref().and_then(|s| s.page_range().map(|r| (r, s.current_page()))) {
                    Some((range, current)) => {
                        self.modals.push(Modal::GoToPage(Box::new(PagePrompt::new(pane, range, current))));
                    }
                    None => self.notifications.info("This document has no pages: Go to page is for PDFs."),
                }
            }
            Action::ReattachOrphan => self.reattach_orphan(),
            Action::Export => self.export_dialog(),
            Action::ResetLayout => self.reset_layout(),
            Action::ShowShortcuts => self.modals.push(Modal::Shortcuts),
            Action::ShowAbout => self.modals.push(Modal::About),
            Action::ShowDashboard => self.view.dashboard.open = !self.view.dashboard.open,
            Action::ReviewProperties => self.view.properties = Some(Default::default()),
            Action::NewCycle => self.view.new_cycle = Some(super::cycles::NewCycleDialog::new()),
            Action::ConfirmCarriedOver => self.confirm_selected_grade(),
            Action::ConfirmAllCarriedOver => self.confirm_all_grades(),
        }
    }

    fn zoom_by(&mut self, step: f32) {
        let zoom = self.view.readers.zoom_by(step);
        self.prefs.zoom = zoom;
        self.save_prefs();
    }

    fn after_history_move(&mut self, target: Option<Target>) {
        if let Some(Target::Recommendation(id)) = target {
            self.select(&id);
        }
        // A selection referring to a removed recommendation is dropped.
        if let Some(id) = &self.view.selected
            && self.workspace.session().recommendation_index(id).is_none()
        {
            self.view.selected = None;
        }
    }

    fn selected_recommendation(&self) -> Option<&Recommendation> {
        let id = self.view.selected.as_deref()?;
        self.workspace.session().recommendations.iter().find(|r| r.id == id)
    }

    /// The text selected in a reader: (document id, start, end), left reader first.
    pub fn reader_selection(&self) -> Option<(String, usize, usize)> {
        self.view.readers.selection()
    }

    fn document_text(&self, doc: &str) -> Option<&str> {
        self.workspace.document(doc).map(|d| d.source.text.as_str())
    }

    /// Make an annotation from the reader's selection, linked to the selected recommendation.
    pub fn annotate_selection(&mut self) {
        let Some((doc, start, end)) = self.reader_selection() else {
            self.notifications.info("Select a passage in the reader first.");
            return;
        };
        let Some(text) = self.document_text(&doc) else { return };
        let now = jiff::Timestamp::now();
        let session = self.workspace.session();
        let mut annotation = Annotation::new(
            self.workspace.fresh_id("a"),
            Anchor::from_range(&doc, text, start, end),
            EVIDENCE_COLOUR,
            self.view.selected.iter().cloned().collect(),
            now,
        );
        annotation.author = session.reviewer.clone();
        let index = session.annotations.len();
        self.commands.push(Command::InsertAnnotation { index, annotation: Box::new(annotation) });
        self.end_of_frame();
    }

    /// Make a new recommendation from the reader's selection.
    pub fn recommendation_from_selection(&mut self) {
        let Some((doc, start, end)) = self.reader_selection() else {
            self.notifications.info("Select the recommendation's text in the reader first.");
            return;
        };
        let Some(text) = self.document_text(&doc) else { return };
        let anchor = Anchor::from_range(&doc, text, start, end);
        self.add_recommendation(Some(anchor));
    }

    /// Add a recommendation by hand, optionally anchored to a passage; placed in document order,
    /// labelled in the document's own style.
    pub fn add_recommendation(&mut self, source: Option<Anchor>) {
        let session = self.workspace.session();
        let id = self.workspace.fresh_id("r");
        let (label, text) = match &source {
            Some(a) => crate::intake::by_hand::label_and_text(session, &a.document, a.start, &a.quote.exact),
            None => (crate::intake::by_hand::label_and_text(session, "", usize::MAX, "").0, String::new()),
        };
        let mut rec = Recommendation::new(id, label, text);
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

    /// Select the next recommendation in list order with neither a grade (this cycle) nor a
    /// stance, wrapping round; say so when every one has been reviewed.
    fn next_not_reviewed(&mut self) {
        let session = self.workspace.session();
        let cycle = session.current_cycle.clone();
        let rows = self.view.list.rows(session, self.workspace.editor().state()).to_vec();
        let recs = &session.recommendations;
        let current =
            self.view.selected.as_deref().and_then(|id| rows.iter().position(|&i| recs[i].id == id));
        let start = current.map_or(0, |c| c + 1);
        let found = (0..rows.len())
            .map(|k| rows[(start + k) % rows.len()])
            .find(|&i| recs[i].stance.is_none() && recs[i].grade_in(&cycle) == Grade::NotAssessed);
        match found {
            Some(i) => {
                let id = recs[i].id.clone();
                self.select(&id);
                self.view.list.reveal_selection();
            }
            None => self.notifications.info("Every recommendation in the list has a grade or a stance."),
        }
    }

    /// Link the reader's selection as the reply to the selected recommendation.
    fn link_reply_from_selection(&mut self) {
        let Some(id) = self.view.selected.clone() else {
            self.notifications.info("Select a recommendation first.");
            return;
        };
        let Some((doc, start, end)) = self.reader_selection() else {
            self.notifications.info("Select the reply's text in a reader first.");
            return;
        };
        let Some(text) = self.document_text(&doc) else { return };
        let anchor = Anchor::from_range(&doc, text, start, end);
        self.commands.push(Command::set(id, RecField::Response(Some(anchor))));
        self.end_of_frame();
    }

    /// Move the selection through the list as shown (filtered and sorted).
    fn step_selection(&mut self, delta: isize) {
        let session = self.workspace.session();
        let rows = self.view.list.rows(session, self.workspace.editor().state());
        if rows.is_empty() {
            return;
        }
        let recs = &session.recommendations;
        let current =
            self.view.selected.as_deref().and_then(|id| rows.iter().position(|&i| recs[i].id == id));
        let next = match current {
            Some(i) => (i as isize + delta).clamp(0, rows.len() as isize - 1) as usize,
            None => 0,
        };
        let id = recs[rows[next]].id.clone();
        self.select(&id);
        self.view.list.reveal_selection();
    }

    /// The list's filter and sort (tests set them as the widgets would).
    pub fn list_mut(&mut self) -> &mut super::ListState {
        &mut self.view.list
    }

    /// Ids of the recommendations the list shows, in order.
    pub fn visible_ids(&mut self) -> Vec<String> {
        let session = self.workspace.session();
        let rows = self.view.list.rows(session, self.workspace.editor().state());
        rows.iter().map(|&i| session.recommendations[i].id.clone()).collect()
    }

    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        // Single keys never fire while typing; arrows belong to whatever widget has focus
        // (the reader scrolls with them), j/k and digits still work there.
        let typing = ctx.text_edit_focused();
        let list_focused = ctx.memory(|m| m.focused()) == Some(super::list::list_focus_id());
        let focused = ctx.egui_wants_keyboard_input() && !list_focused;
        // Tab with nothing focused starts in the list, not in the menu bar.
        if ctx.memory(|m| m.focused().is_none())
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Tab))
        {
            self.view.list.focus_list();
        }
        // egui matches shortcuts ignoring extra Shift, so try Ctrl+Shift+S before Ctrl+S.
        let mut actions = Action::ALL.to_vec();
        actions.sort_by_key(|a| std::cmp::Reverse(a.shortcut().map_or(0, |s| s.modifiers.shift as u8)));
        ctx.input_mut(|input| {
            for action in actions {
                let hit = action
                    .shortcuts()
                    .into_iter()
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

    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                for menu in Menu::ALL {
                    ui.menu_button(menu.title(), |ui| {
                        for &action in Action::ALL.iter().filter(|a| a.menu() == menu) {
                            if action == Action::Quit {
                                self.recent_menu(ui);
                                ui.separator();
                            }
                            let mut button = egui::Button::new(self.menu_label(action));
                            if let Some(s) = action.shortcut() {
                                button = button.shortcut_text(ui.ctx().format_shortcut(&s));
                            }
                            if ui.add_enabled(self.is_enabled(action), button).clicked() {
                                self.actions.push(action);
                                ui.close();
                            }
                        }
                    });
                }
            });
        });
    }

    fn recent_menu(&mut self, ui: &mut egui::Ui) {
        ui.add_enabled_ui(!self.prefs.recent.is_empty(), |ui| {
            ui.menu_button("Open recent", |ui| {
                let mut chosen = None;
                for path in &self.prefs.recent {
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

    /// The action's label in menus and the palette ("Undo set grade").
    pub(super) fn menu_label(&self, action: Action) -> String {
        let editor = self.workspace.editor();
        match action {
            Action::Undo => editor.undo_label().map_or("Undo".into(), |l| format!("Undo {l}")),
            Action::Redo => editor.redo_label().map_or("Redo".into(), |l| format!("Redo {l}")),
            Action::ToggleSideBySide if self.view.readers.side_by_side => "One reader".into(),
            Action::ShowDashboard if self.view.dashboard.open => "Close dashboard".into(),
            _ => action.name_in(self.workspace.session()),
        }
    }

    /// Whether `action` can run now (menus grey it out, the palette leaves it out).
    pub(super) fn is_enabled(&self, action: Action) -> bool {
        let writable = !self.workspace.is_read_only();
        match action {
            Action::Undo => writable && self.workspace.editor().can_undo(),
            Action::Redo => writable && self.workspace.editor().can_redo(),
            Action::Save => writable && self.running.is_none(),
            Action::SaveAs => self.running.is_none(),
            Action::SetGrade(_)
            | Action::SetStance(_)
            | Action::AcceptSuggestedStance
            | Action::EditNotes
            | Action::LinkReplyFromSelection
            | Action::ConfirmCarriedOver => writable && self.view.selected.is_some(),
            Action::NewCycle | Action::ConfirmAllCarriedOver => writable,
            Action::Annotate | Action::NewRecommendationFromSelection | Action::AddRecommendation => writable,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EVIDENCE_COLOUR;
    use crate::model::{Grade, GradeScheme};

    fn linear(hex: &str) -> [f32; 3] {
        let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
        [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff].map(|c| {
            let c = c as f32 / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        })
    }

    /// CIELAB of linear RGB (D65).
    fn lab([r, g, b]: [f32; 3]) -> [f32; 3] {
        let [r, g, b] = [r, g, b].map(|c| c.clamp(0.0, 1.0));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f32| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
        [116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
    }

    /// How `hex` looks with typical vision, protanopia and deuteranopia (Viénot, Brettel and
    /// Mollon 1999), in CIELAB.
    fn seen(hex: &str) -> [[f32; 3]; 3] {
        let [r, g, b] = linear(hex);
        let protan = [0.1124 * r + 0.8876 * g, 0.1124 * r + 0.8876 * g, 0.0040 * r - 0.0040 * g + b];
        let deutan = [0.2927 * r + 0.7073 * g, 0.2927 * r + 0.7073 * g, -0.0223 * r + 0.0223 * g + b];
        [[r, g, b], protan, deutan].map(lab)
    }

    /// The smallest CIE76 colour difference between `a` and any of `others`, for any eye.
    fn closest(a: &str, others: &[String]) -> (f32, String) {
        let mut worst = (f32::MAX, String::new());
        for other in others {
            for (x, y) in seen(a).into_iter().zip(seen(other)) {
                let d = x.iter().zip(y).map(|(p, q)| (p - q).powi(2)).sum::<f32>().sqrt();
                if d < worst.0 {
                    worst = (d, other.clone());
                }
            }
        }
        worst
    }

    #[test]
    fn evidence_is_told_apart_from_every_grade_reply_and_find_colour_by_every_eye() {
        let scheme = GradeScheme::default();
        let mut others: Vec<String> = Grade::ALL.iter().map(|g| scheme.style(*g).colour.clone()).collect();
        // Replies (reader::NEUTRAL) and find matches, current and not.
        others.extend(["#8c8ca5", "#ffdc00", "#ff9600"].map(String::from));
        let (d, other) = closest(EVIDENCE_COLOUR, &others);
        assert!(d > 20.0, "evidence is only ΔE {d:.1} from {other}");
        // The old default was hard to tell from find matches (and near Amber).
        assert!(closest("#f2c94c", &others).0 < 20.0);
    }
}
