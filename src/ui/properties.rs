//! File › Review properties…: the review's title, its reviewer (the default author of new
//! annotations) and its documents' titles and roles. A text edit becomes one undo step when
//! the field is left (Tab, Enter or a click elsewhere); Escape in a field puts it back.

use super::app::StocktakeApp;
use crate::edit::{Command, DocField};
use crate::model::{DocumentRole, Session};
use egui::{RichText, Ui};
use std::collections::HashMap;

/// The properties window while it is open: text being typed, by field, until it is committed.
#[derive(Default)]
pub(super) struct PropertiesDialog {
    drafts: HashMap<String, String>,
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
            .show(ctx, |ui| properties(ui, session, &mut dialog.drafts, &mut commands));
        self.commands.extend(commands);
        if !open {
            self.view.properties = None;
        }
    }
}

fn properties(ui: &mut Ui, session: &Session, drafts: &mut HashMap<String, String>, out: &mut Vec<Command>) {
    egui::Grid::new("review-properties").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        let label = ui.label("Review title");
        if let Some(title) = committed_text(ui, "title", &session.title, "", drafts, Some(label.id))
            && !title.trim().is_empty()
        {
            out.push(Command::SetTitle(title.trim().to_owned()));
        }
        ui.end_row();
        let label = ui.label("Reviewer");
        let hint = "Your name: the author of new annotations";
        if let Some(name) = committed_text(ui, "reviewer", &session.reviewer, hint, drafts, Some(label.id)) {
            out.push(Command::SetReviewer(name.trim().to_owned()));
        }
        ui.end_row();
    });
    ui.add_space(8.0);
    ui.label(RichText::new("Documents").strong());
    if session.documents.is_empty() {
        ui.weak("This review has no documents yet (File › Open… adds them).");
        return;
    }
    egui::Grid::new("review-documents").num_columns(3).striped(true).spacing([12.0, 6.0]).show(ui, |ui| {
        let title_header = ui.weak("Document title").id;
        let role_header = ui.weak("Role").id;
        ui.weak("File");
        ui.end_row();
        for doc in &session.documents {
            let key = format!("doc-title/{}", doc.id);
            if let Some(title) = committed_text(ui, &key, &doc.title, "Title", drafts, Some(title_header))
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
            if doc.path.as_os_str().is_empty() {
                ui.weak("(no file)");
            } else {
                ui.weak(doc.path.display().to_string());
            }
            ui.end_row();
        }
    });
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
) -> Option<String> {
    let mut text = drafts.get(key).cloned().unwrap_or_else(|| current.to_owned());
    let field = egui::TextEdit::singleline(&mut text).id_salt(("property", key)).hint_text(hint);
    let mut response = ui.add(field.desired_width(360.0));
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
