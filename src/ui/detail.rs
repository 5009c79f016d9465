//! The editor for the selected recommendation: grade, stance, owner, notes, and its texts.

use super::style;
use crate::edit::{Command, RecField};
use crate::model::{Grade, Recommendation, Session, Stance};
use egui::{RichText, Ui};

/// Draw the editor for the recommendation with id `selected`; edits are pushed to `commands`.
pub fn show(ui: &mut Ui, session: &Session, selected: Option<&str>, commands: &mut Vec<Command>) {
    let Some(rec) = selected.and_then(|id| session.recommendations.iter().find(|r| r.id == id)) else {
        ui.add_space(20.0);
        ui.vertical_centered(|ui| ui.weak("Select a recommendation to review it."));
        return;
    };
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            style::grade_chip(ui, &session.grade_scheme, rec.grade_in(&session.current_cycle));
            ui.heading(format!("{} {}", rec.kind.name(), rec.label));
        });
        if let Some(section) = &rec.section {
            ui.weak(section);
        }
        ui.add_space(6.0);
        grade_row(ui, session, rec, commands);
        ui.add_space(6.0);
        stance_row(ui, session, rec, commands);
        ui.add_space(6.0);
        egui::Grid::new("fields").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            ui.label("Owner");
            text_field(ui, &rec.owner, "Who is responsible", |v| commands.push(Command::set(&rec.id, RecField::Owner(v))));
            ui.end_row();
            ui.label("Theme");
            text_field(ui, &rec.theme, "Theme or workstream", |v| commands.push(Command::set(&rec.id, RecField::Theme(v))));
            ui.end_row();
        });
        ui.add_space(6.0);
        ui.label(RichText::new("Notes").strong());
        let mut notes = rec.notes.clone();
        let response = ui.add(
            egui::TextEdit::multiline(&mut notes)
                .id_salt(("notes", &rec.id))
                .hint_text("Your notes on this recommendation and its reply")
                .desired_rows(5)
                .desired_width(f32::INFINITY),
        );
        if response.changed() {
            commands.push(Command::set(&rec.id, RecField::Notes(notes)));
        }
        ui.add_space(8.0);
        ui.separator();
        ui.label(RichText::new(rec.kind.name()).strong());
        ui.label(&rec.text);
        ui.add_space(8.0);
        ui.label(RichText::new("Reply").strong());
        match &rec.response {
            Some(reply) => ui.label(&reply.quote.exact),
            None => ui.weak("No reply found in the documents."),
        };
    });
}

fn grade_row(ui: &mut Ui, session: &Session, rec: &Recommendation, commands: &mut Vec<Command>) {
    let current = rec.grade_in(&session.current_cycle);
    ui.label(RichText::new("Grade").strong());
    ui.horizontal_wrapped(|ui| {
        for (i, grade) in Grade::ALL.into_iter().enumerate() {
            let style = session.grade_scheme.style(grade);
            let text = format!("{} {}", i + 1, style.name);
            let button = egui::Button::selectable(current == grade, text)
                .stroke(egui::Stroke::new(if current == grade { 2.0 } else { 1.0 }, style::hex_colour(&style.colour)));
            if ui.add(button).on_hover_text(&style.meaning).clicked() && current != grade {
                let value = (grade != Grade::NotAssessed).then_some(grade);
                let cycle = session.current_cycle.clone();
                commands.push(Command::set(&rec.id, RecField::Grade { cycle, grade: value }));
            }
        }
    });
}

fn stance_row(ui: &mut Ui, session: &Session, rec: &Recommendation, commands: &mut Vec<Command>) {
    let label = ui.label(RichText::new("Stance of the response").strong());
    let name = |s: Option<Stance>| s.map_or("Not recorded".to_string(), |s| session.stance_scheme.style(s).name);
    egui::ComboBox::from_id_salt(("stance", &rec.id))
        .selected_text(name(rec.stance))
        .show_ui(ui, |ui| {
            for stance in std::iter::once(None).chain(Stance::ALL.into_iter().map(Some)) {
                if ui.selectable_label(rec.stance == stance, name(stance)).clicked() && rec.stance != stance {
                    commands.push(Command::set(&rec.id, RecField::Stance(stance)));
                }
            }
        })
        .response
        .labelled_by(label.id);
    if let Some(suggestion) = &rec.suggested_stance
        && rec.stance.is_none()
    {
        ui.horizontal_wrapped(|ui| {
            ui.weak(format!("Suggested: {}", session.stance_scheme.style(suggestion.stance).name));
            if ui.small_button("Accept").clicked() {
                commands.push(Command::set(&rec.id, RecField::Stance(Some(suggestion.stance))));
            }
        });
        if !suggestion.evidence.is_empty() {
            ui.label(RichText::new(format!("“{}”", suggestion.evidence)).italics().weak());
        }
    }
}

fn text_field(ui: &mut Ui, value: &str, hint: &str, mut on_change: impl FnMut(String)) {
    let mut text = value.to_owned();
    if ui.add(egui::TextEdit::singleline(&mut text).hint_text(hint).desired_width(f32::INFINITY)).changed() {
        on_change(text);
    }
}
