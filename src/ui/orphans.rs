//! The passages re-anchoring could not find, as work items: counted in the status bar and
//! listed in a window with their old quotes, each re-attached to the reader's selection with
//! one key (Ctrl+Shift+A) or deleted.

use super::app::StocktakeApp;
use crate::anchor::{Orphan, PassageKind, orphans};
use egui::RichText;

/// What the window remembers about orphans between frames.
#[derive(Default)]
pub struct OrphanView {
    /// The list window is open.
    pub open: bool,
    /// The orphan the re-attach key acts on (index into the list).
    pub selected: usize,
    /// The orphans as of an editor state.
    cache: Option<(u64, Vec<Orphan>)>,
}

impl OrphanView {
    /// The orphans of the review at editor state `state`, recomputed only when it changed.
    pub fn list(&mut self, app_state: u64, app: &crate::workspace::Workspace) -> &[Orphan] {
        if self.cache.as_ref().is_none_or(|(s, _)| *s != app_state) {
            let found = orphans(app.session(), |id| app.document(id).map(|d| &d.source));
            self.selected = self.selected.min(found.len().saturating_sub(1));
            self.cache = Some((app_state, found));
        }
        self.cache.as_ref().map_or(&[], |(_, list)| list.as_slice())
    }
}

fn kind_name(kind: PassageKind) -> &'static str {
    match kind {
        PassageKind::Annotation => "Evidence",
        PassageKind::Recommendation => "Recommendation",
        PassageKind::Reply => "Reply",
    }
}

impl StocktakeApp {
    /// How many passages are orphaned now (for the status bar).
    pub(super) fn orphan_count(&mut self) -> usize {
        let state = self.workspace.editor().state();
        self.view.orphans.list(state, &self.workspace).len()
    }

    /// Re-attach the selected orphan to the reader's selection (Ctrl+Shift+A).
    pub(super) fn reattach_orphan(&mut self) {
        let state = self.workspace.editor().state();
        let selected = self.view.orphans.selected;
        let Some(orphan) = self.view.orphans.list(state, &self.workspace).get(selected).cloned() else {
            self.notifications.info("No passages to re-attach: every passage was found.");
            return;
        };
        let title =
            |id: &str| self.workspace.session().document(id).map_or(id.to_owned(), |d| d.title.clone());
        match self.view.readers.selection() {
            Some((doc, start, end)) if doc == orphan.document => {
                let Some(loaded) = self.workspace.document(&doc) else { return };
                if let Some(cmd) = orphan.reattach(self.workspace.session(), &loaded.source, start, end) {
                    self.commands.push(cmd);
                    self.notifications.info(format!("Re-attached {}", describe(&orphan)));
                }
            }
            _ => self.notifications.warn(format!(
                "Select the passage's new text in {} first, then press Ctrl+Shift+A",
                title(&orphan.document)
            )),
        }
    }

    /// The window listing the orphans, when open.
    pub(super) fn orphans_window(&mut self, ctx: &egui::Context) {
        if !self.view.orphans.open {
            return;
        }
        let state = self.workspace.editor().state();
        let list = self.view.orphans.list(state, &self.workspace).to_vec();
        let mut open = true;
        let mut chosen = None;
        let mut delete = None;
        let mut reattach = false;
        egui::Window::new("Passages not found")
            .open(&mut open)
            .default_width(420.0)
            .max_height(ctx.content_rect().height() * 0.7)
            .show(ctx, |ui| {
                if list.is_empty() {
                    ui.label("Every passage was found in its document.");
                    return;
                }
                ui.label(
                    "These passages were not found in the current text of their documents. \
                     Choose one, select its new text in the reader and press Ctrl+Shift+A, \
                     or delete it.",
                );
                ui.add_space(6.0);
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for (i, orphan) in list.iter().enumerate() {
                        let is_selected = i == self.view.orphans.selected;
                        ui.horizontal_wrapped(|ui| {
                            let head = RichText::new(describe(orphan)).strong();
                            if ui.selectable_label(is_selected, head).clicked() {
                                chosen = Some(i);
                            }
                            if is_selected {
                                if ui.small_button("Re-attach to selection").clicked() {
                                    reattach = true;
                                }
                                if ui.small_button("Delete").clicked() {
                                    delete = Some(i);
                                }
                            }
                        });
                        let quote: String = orphan.quote.chars().take(240).collect();
                        ui.label(RichText::new(format!("“{quote}”")).italics().weak());
                        ui.separator();
                    }
                });
            });
        self.view.orphans.open = open;
        if let Some(i) = chosen {
            self.view.orphans.selected = i;
            if let Some(orphan) = list.get(i)
                && let Some(rec) =
                    self.workspace.session().recommendation_index(&orphan.id).map(|_| orphan.id.clone())
            {
                self.select(&rec);
            }
        }
        if reattach {
            self.reattach_orphan();
        }
        if let Some(orphan) = delete.and_then(|i| list.get(i)) {
            self.commands.push(orphan.remove());
        }
    }
}

/// "Evidence for 12", "Reply to B", "Recommendation 3".
fn describe(orphan: &Orphan) -> String {
    let label = orphan.label.as_deref().unwrap_or("?");
    match orphan.kind {
        PassageKind::Annotation => format!("{} for {label}", kind_name(orphan.kind)),
        PassageKind::Reply => format!("Reply to {label}"),
        PassageKind::Recommendation => format!("Recommendation {label}"),
    }
}
