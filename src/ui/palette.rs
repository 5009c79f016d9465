//! The command palette (Ctrl+K or Ctrl+Shift+P): type to find any command or recommendation,
//! fuzzy-matched; ↑/↓ choose, Enter runs, Esc closes.

use super::actions::Action;
use super::app::StocktakeApp;
use crate::query::fuzzy;

/// How many results are listed.
const SHOWN: usize = 12;

/// The palette's state while it is open.
#[derive(Debug, Default)]
pub struct Palette {
    query: String,
    chosen: usize,
    focused_once: bool,
}

/// One thing the palette can do.
#[derive(Debug, Clone, PartialEq)]
enum Entry {
    Run(Action),
    Select(String),
}

impl StocktakeApp {
    pub(super) fn show_palette(&mut self, ctx: &egui::Context) {
        let Some(mut palette) = self.palette.take() else { return };
        let entries = self.palette_entries(&palette.query);
        let (up, down, enter, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
            )
        });
        if down {
            palette.chosen = (palette.chosen + 1).min(entries.len().saturating_sub(1));
        }
        if up {
            palette.chosen = palette.chosen.saturating_sub(1);
        }
        let mut run = enter.then(|| entries.get(palette.chosen).map(|(e, _)| e.clone())).flatten();
        let modal = egui::Modal::new(egui::Id::unique("command-palette")).show(ctx, |ui| {
            ui.set_width(520.0);
            let label = ui.label("Find a command or recommendation");
            let edit = ui.add(
                egui::TextEdit::singleline(&mut palette.query)
                    .hint_text("Type a few letters: “next”, “amber”, “R12”, words of a recommendation")
                    .desired_width(f32::INFINITY),
            );
            let edit = edit.labelled_by(label.id);
            if !palette.focused_once {
                edit.request_focus();
                palette.focused_once = true;
            }
            if edit.changed() {
                palette.chosen = 0;
            }
            ui.add_space(4.0);
            for (i, (entry, text)) in entries.iter().enumerate().take(SHOWN) {
                let button = egui::Button::selectable(i == palette.chosen, text.as_str()).truncate();
                if ui.add(button).clicked() {
                    run = Some(entry.clone());
                }
            }
            if entries.is_empty() {
                ui.weak("Nothing matches.");
            }
        });
        let close = escape || run.is_some() || modal.should_close();
        if !close {
            self.palette = Some(palette);
        }
        match run {
            Some(Entry::Run(action)) => self.actions.push(action),
            Some(Entry::Select(id)) => {
                self.select(&id);
                self.view.list.reveal_selection();
            }
            None => {}
        }
    }

    /// Everything the palette can offer for `query`, best match first: the enabled commands
    /// (with their keys), then recommendations by label and text.
    fn palette_entries(&self, query: &str) -> Vec<(Entry, String)> {
        let session = self.workspace.session();
        let commands =
            Action::ALL.iter().filter(|&&a| self.is_enabled(a) && a != Action::CommandPalette).map(|&a| {
                let keys =
                    a.shortcut().map(|s| format!("   ({})", s.format(&egui::ModifierNames::NAMES, false)));
                let text = format!("{}{}", self.menu_label(a), keys.unwrap_or_default());
                ((Entry::Run(a), text.clone()), text)
            });
        let recommendations = session.recommendations.iter().map(|r| {
            let words: String = r.text.split_whitespace().take(14).collect::<Vec<_>>().join(" ");
            let text = format!("{} {}: {words}", r.kind.name(), r.label);
            ((Entry::Select(r.id.clone()), text.clone()), text)
        });
        let all: Vec<((Entry, String), String)> = commands.chain(recommendations).collect();
        let mut ranked = fuzzy::rank(query, all);
        ranked.truncate(200);
        ranked
    }
}
