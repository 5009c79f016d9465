//! File › Review properties…: the review's title, its reviewer (the default author of new
//! annotations) and its documents' titles and roles. A text edit becomes one undo step when
//! the field is left (Tab, Enter or a click elsewhere); Escape in a field puts it back.

use super::app::StocktakeApp;
use super::style;
use crate::edit::{Command, CycleField, DocField};
use crate::model::{DocumentRole, Grade, GradeStyle, Session, Stance, StanceStyle};
use egui::{RichText, Ui};
use std::collections::HashMap;

/// The properties window while it is open: text being typed, by field, until it is committed.
#[derive(Default)]
pub(super) struct PropertiesDialog {
    drafts: HashMap<String, String>,
    /// Why the last edit was refused (a date that is not one).
    error: Option<String>,
}

impl StocktakeApp {
    /// Draw the properties window if it is open; edits become commands applied this frame.
    pub(super) fn properties_window(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.view.properties else { return };
        let session = self.workspace.session();
        let mut open = true;
        let mut commands = Vec::new();
        egui::Window::new("Review properties")
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .vscroll(true)
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos(ctx.content_rect().center_top() + egui::vec2(-200.0, 80.0))
            .show(ctx, |ui| {
                properties(ui, session, &mut dialog.drafts, &mut commands);
                ui.add_space(8.0);
                ui.label(RichText::new("Review cycles").strong());
                cycles(ui, session, &mut dialog.drafts, &mut commands, &mut dialog.error);
            });
        self.commands.extend(commands);
        if !open {
            self.view.properties = None;
        }
    }
}

fn properties(ui: &mut Ui, session: &Session, drafts: &mut HashMap<String, String>, out: &mut Vec<Command>) {
    egui::Grid::new("review-properties").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        let label = ui.label("Review title");
        if let Some(title) = committed_text(ui, "title", &session.title, "", drafts, Some(label.id), 360.0)
            && !title.trim().is_empty()
        {
            out.push(Command::SetTitle(title.trim().to_owned()));
        }
        ui.end_row();
        let label = ui.label("Reviewer");
        let hint = "Your name: the author of new annotations";
        if let Some(name) =
            committed_text(ui, "reviewer", &session.reviewer, hint, drafts, Some(label.id), 360.0)
        {
            out.push(Command::SetReviewer(name.trim().to_owned()));
        }
        ui.end_row();
    });
    ui.add_space(8.0);
    ui.label(RichText::new("Documents").strong());
    if session.documents.is_empty() {
        ui.weak("This review has no documents yet (File › Open… adds them).");
    }
    documents(ui, session, drafts, out);
    ui.add_space(8.0);
    egui::CollapsingHeader::new("Grades and stances: names, meanings, colours").show(ui, |ui| {
        schemes(ui, session, drafts, out);
    });
}

fn documents(ui: &mut Ui, session: &Session, drafts: &mut HashMap<String, String>, out: &mut Vec<Command>) {
    if session.documents.is_empty() {
        return;
    }
    let (title_header, role_header) = ui
        .horizontal(|ui| {
            let title = ui.weak("Title of each document");
            ui.weak("and its");
            (title.id, ui.weak("Role").id)
        })
        .inner;
    for doc in &session.documents {
        ui.horizontal(|ui| {
            let key = format!("doc-title/{}", doc.id);
            if let Some(title) =
                committed_text(ui, &key, &doc.title, "Title", drafts, Some(title_header), 360.0)
                && !title.trim().is_empty()
            {
                out.push(Command::SetDocument {
                    id: doc.id.clone(),
                    field: DocField::Title(title.trim().into()),
                });
            }
            let mut role = doc.role;
            egui::ComboBox::from_id_salt(("doc-role", &doc.id))
                .selected_text(role.name())
                .show_ui(ui, |ui| {
                    for r in DocumentRole::ALL {
                        ui.selectable_value(&mut role, r, r.name());
                    }
                })
                .response
                .labelled_by(role_header);
            if role != doc.role {
                out.push(Command::SetDocument { id: doc.id.clone(), field: DocField::Role(role) });
            }
        });
        let file = doc.path.display().to_string();
        ui.add(egui::Label::new(RichText::new(file).weak().small()).truncate());
        ui.add_space(4.0);
    }
}

/// One row per cycle, oldest first: its label and as-of date, and which one is being graded.
fn cycles(
    ui: &mut Ui,
    session: &Session,
    drafts: &mut HashMap<String, String>,
    out: &mut Vec<Command>,
    error: &mut Option<String>,
) {
    let headers = ui
        .horizontal(|ui| {
            let label = ui.add_sized([200.0, 16.0], egui::Label::new(RichText::new("Cycle label").weak())).id;
            let date = ui.add_sized([110.0, 16.0], egui::Label::new(RichText::new("As of").weak())).id;
            [label, date]
        })
        .inner;
    for cycle in &session.cycles {
        ui.horizontal(|ui| {
            let key = format!("cycle-label/{}", cycle.id);
            if let Some(label) = committed_text(ui, &key, &cycle.label, "", drafts, Some(headers[0]), 200.0)
                && !label.trim().is_empty()
            {
                out.push(Command::SetCycle {
                    id: cycle.id.clone(),
                    field: CycleField::Label(label.trim().into()),
                });
            }
            let key = format!("cycle-date/{}", cycle.id);
            let shown = cycle.as_of.map(|d| d.to_string()).unwrap_or_default();
            if let Some(text) =
                committed_text(ui, &key, &shown, "YYYY-MM-DD", drafts, Some(headers[1]), 110.0)
            {
                let date = if text.trim().is_empty() {
                    Ok(None)
                } else {
                    super::cycles::parse_date(&text).map(Some)
                };
                match date {
                    Ok(as_of) => {
                        *error = None;
                        out.push(Command::SetCycle { id: cycle.id.clone(), field: CycleField::AsOf(as_of) });
                    }
                    Err(message) => *error = Some(message),
                }
            }
            if cycle.id == session.current_cycle {
                ui.weak("being graded");
            } else if ui.small_button("Grade this cycle").clicked() {
                out.push(Command::SetCurrentCycle(cycle.id.clone()));
            }
        });
    }
    if let Some(message) = error {
        ui.label(RichText::new(message.as_str()).color(ui.visuals().error_fg_color));
    }
}

/// One row per grade, then per stance: name, meaning and `#rrggbb` colour, each committed as
/// one command when its field is left (a bad colour or an empty name is refused with a message).
fn schemes(ui: &mut Ui, session: &Session, drafts: &mut HashMap<String, String>, out: &mut Vec<Command>) {
    let headers = ui
        .horizontal(|ui| {
            ui.add_space(28.0);
            let name = ui.add_sized([120.0, 16.0], egui::Label::new(RichText::new("Name").weak())).id;
            let meaning = ui.add_sized([240.0, 16.0], egui::Label::new(RichText::new("Meaning").weak())).id;
            let colour = ui.add_sized([80.0, 16.0], egui::Label::new(RichText::new("Colour").weak())).id;
            [name, meaning, colour]
        })
        .inner;
    for grade in Grade::ALL {
        let style = session.grade_scheme.style(grade);
        ui.horizontal(|ui| {
            style::grade_chip(ui, &session.grade_scheme, grade);
            if let Some(changed) =
                style_fields(ui, grade.key(), [&style.name, &style.meaning, &style.colour], headers, drafts)
            {
                let [name, meaning, colour] = changed;
                out.push(Command::SetGradeStyle(Box::new(GradeStyle {
                    name,
                    meaning,
                    colour,
                    ..style.clone()
                })));
            }
        });
    }
    ui.add_space(6.0);
    for stance in Stance::ALL {
        let style = session.stance_scheme.style(stance);
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 18.0), egui::Sense::hover());
            ui.painter().rect_filled(rect.shrink(3.0), 2.0, style::hex_colour(&style.colour));
            if let Some(changed) =
                style_fields(ui, stance.key(), [&style.name, &style.meaning, &style.colour], headers, drafts)
            {
                let [name, meaning, colour] = changed;
                out.push(Command::SetStanceStyle(Box::new(StanceStyle {
                    name,
                    meaning,
                    colour,
                    ..style.clone()
                })));
            }
        });
    }
}

/// Name, meaning and colour fields; all three (trimmed) when one of them was changed.
fn style_fields(
    ui: &mut Ui,
    key: &str,
    values: [&String; 3],
    headers: [egui::Id; 3],
    drafts: &mut HashMap<String, String>,
) -> Option<[String; 3]> {
    let widths = [120.0, 240.0, 80.0];
    let mut changed: [String; 3] = values.map(|v| v.clone());
    let mut any = false;
    for i in 0..3 {
        let field = format!("scheme/{key}/{i}");
        if let Some(v) = committed_text(ui, &field, values[i], "", drafts, Some(headers[i]), widths[i]) {
            changed[i] = v.trim().to_owned();
            any = true;
        }
    }
    any.then_some(changed)
}

/// A one-line text field showing `current`; returns the new text when the reviewer leaves the
/// field having changed it. Escape puts the field back as it was.
fn committed_text(
    ui: &mut Ui,
    key: &str,
    current: &str,
    hint: &str,
    drafts: &mut HashMap<String, String>,
    label: Option<egui::Id>,
    width: f32,
) -> Option<String> {
    let mut text = drafts.get(key).cloned().unwrap_or_else(|| current.to_owned());
    let field = egui::TextEdit::singleline(&mut text).id_salt(("property", key)).hint_text(hint);
    let mut response = ui.add(field.desired_width(width));
    if let Some(label) = label {
        response = response.labelled_by(label);
    }
    if response.lost_focus() {
        drafts.remove(key);
        let escaped = ui.input(|i| i.key_pressed(egui::Key::Escape));
        return (!escaped && text != current).then_some(text);
    }
    if response.has_focus() {
        drafts.insert(key.to_owned(), text);
    } else {
        drafts.remove(key);
    }
    None
}
