//! The window's panels: the recommendation list, the editor, the outline, the readers, the
//! status bar and the read-only / progress banners.

use super::app::{StocktakeApp, file_name};
use super::layout;
use super::notifications::Level;
use super::{detail, list};
use crate::model::Grade;
use std::time::Instant;

impl StocktakeApp {
    pub(super) fn panels(&mut self, ui: &mut egui::Ui) {
        let width = ui.available_width();
        let plan =
            layout::plan(width, self.compact, self.view.readers.show_outline, self.view.readers.side_by_side);
        let generation = self.layout_generation();
        let mut clicked: Option<String> = None;
        if plan.list {
            let panel = egui::Panel::left(("recommendations", generation))
                .resizable(true)
                .default_size(self.prefs.list_width.min(plan.list_max))
                .min_size(layout::MIN_LIST_WIDTH)
                .max_size(plan.list_max)
                .show(ui, |ui| {
                    let state = self.workspace.editor().state();
                    clicked = list::show(
                        ui,
                        &mut self.view.list,
                        self.workspace.session(),
                        state,
                        self.view.selected.as_deref(),
                        self.workspace.documents(),
                        &mut self.compact.list_collapsed,
                    );
                });
            self.note_width(panel.response.rect.width(), true);
        } else {
            egui::Panel::left(("recommendations-strip", generation)).exact_size(layout::STRIP_WIDTH).show(
                ui,
                |ui| {
                    if ui.button("»").on_hover_text("Show the recommendation list").clicked() {
                        self.compact.list_collapsed = false;
                    }
                },
            );
        }
        if plan.detail {
            let panel = egui::Panel::right(("detail", generation))
                .resizable(true)
                .default_size(self.prefs.detail_width.min(plan.detail_max))
                .min_size(layout::MIN_DETAIL_WIDTH)
                .max_size(plan.detail_max)
                .show(ui, |ui| {
                    if collapse_button(ui, "Hide the editor", "»") {
                        self.compact.detail_collapsed = true;
                    }
                    match detail::show(
                        ui,
                        self.workspace.session(),
                        self.view.selected.as_deref(),
                        &mut self.commands,
                        &mut self.view.focus_notes,
                    ) {
                        Some(detail::DetailRequest::Jump(anchor)) => {
                            self.view.readers.left.reveal(&anchor.document, anchor.start);
                        }
                        Some(detail::DetailRequest::FindMoreLike(id)) => self.find_more_like(&id),
                        None => {}
                    }
                });
            self.note_width(panel.response.rect.width(), false);
        } else {
            egui::Panel::right(("detail-strip", generation)).exact_size(layout::STRIP_WIDTH).show(ui, |ui| {
                if ui.button("«").on_hover_text("Show the editor").clicked() {
                    self.compact.detail_collapsed = false;
                }
            });
        }
        if plan.outline {
            egui::Panel::left(("outline", generation))
                .resizable(true)
                .default_size(200.0)
                .min_size(120.0)
                .max_size(300.0)
                .show(ui, |ui| {
                    self.view.readers.outline_ui(ui, self.workspace.documents());
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.view.dashboard.open {
                self.dashboard_ui(ui);
                return;
            }
            let session = self.workspace.session();
            let (generation, highlights) = self.view.highlights.get(
                session,
                self.workspace.editor().state(),
                self.view.selected.as_deref(),
                ui.visuals(),
            );
            self.view.readers.show(
                ui,
                session,
                self.workspace.documents(),
                highlights,
                generation,
                plan.two_readers,
            );
        });
        if let Some(id) = clicked {
            self.select(&id);
        }
    }

    /// Remember a panel's width once the reviewer has let go of its edge.
    fn note_width(&mut self, width: f32, list: bool) {
        let slot = if list { &mut self.prefs.list_width } else { &mut self.prefs.detail_width };
        if (*slot - width).abs() > 1.0 {
            *slot = width;
            self.prefs_dirty = true;
        }
    }

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        let now = Instant::now();
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let session = self.workspace.session();
                let state = match (self.workspace.path(), self.workspace.is_dirty()) {
                    (None, _) => "Not saved yet".to_owned(),
                    (Some(_), true) => "Unsaved changes".to_owned(),
                    (Some(_), false) => "Saved".to_owned(),
                };
                if let Some(p) = self.workspace.path() {
                    ui.label(file_name(p)).on_hover_text(p.display().to_string());
                    ui.separator();
                }
                if self.workspace.is_dirty() {
                    ui.colored_label(ui.visuals().warn_fg_color, state);
                } else {
                    ui.label(state);
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
                let orphaned = self.orphan_count();
                if orphaned > 0 {
                    ui.separator();
                    let text = egui::RichText::new(format!(
                        "\u{26a0} {orphaned} passage{} not found",
                        if orphaned == 1 { "" } else { "s" }
                    ))
                    .color(ui.visuals().warn_fg_color);
                    if ui.button(text).on_hover_text("List them to re-attach or delete").clicked() {
                        self.view.orphans.open = !self.view.orphans.open;
                    }
                }
                if let Some(running) = &self.running {
                    ui.separator();
                    ui.spinner();
                    let step = running.progress().step();
                    ui.label(if step.is_empty() { running.title().to_owned() } else { step });
                    if let Some(f) = running.progress().fraction() {
                        ui.add(egui::ProgressBar::new(f).desired_width(80.0));
                    }
                    if running.can_cancel() && ui.small_button("Cancel").clicked() {
                        running.progress().cancel();
                    }
                }
                if let Some(notice) = self.notifications.current(now) {
                    ui.separator();
                    let colour = match notice.level {
                        Level::Error => ui.visuals().error_fg_color,
                        Level::Warning => ui.visuals().warn_fg_color,
                        Level::Info => ui.visuals().weak_text_color(),
                    };
                    let first_line = notice.text.lines().next().unwrap_or_default().to_owned();
                    let dismissable = notice.level != Level::Info;
                    ui.add(egui::Label::new(egui::RichText::new(first_line).color(colour)).truncate())
                        .on_hover_text(&notice.text);
                    if dismissable && ui.small_button("×").on_hover_text("Dismiss").clicked() {
                        self.notifications.dismiss();
                    }
                }
            });
        });
    }

    /// A banner across the top when the review is read-only or work is in progress.
    pub(super) fn banner(&mut self, ui: &mut egui::Ui) {
        if !self.workspace.is_read_only() {
            return;
        }
        egui::Panel::top("read-only-banner").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Read-only: this review is open in another Stocktake window. Changes here cannot be saved to it; \
                     File › Save as… keeps a copy of your own.",
                );
            });
        });
    }
}

fn collapse_button(ui: &mut egui::Ui, hint: &str, glyph: &str) -> bool {
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.small_button(glyph).on_hover_text(hint).clicked()
        })
        .inner
    })
    .inner
}
