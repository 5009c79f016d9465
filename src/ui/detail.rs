//! The editor for the selected recommendation: grade, stance, owner, theme, due date,
//! narrative, notes, tags, its texts and the evidence linked to it.

use super::style;
use crate::edit::{Command, RecField};
use crate::model::{Anchor, Annotation, Grade, Recommendation, RecommendationKind, Session, Stance};
use egui::{RichText, Ui};

/// Something the editor asks the app to do besides editing the session.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailRequest {
    /// Scroll the reader to this passage.
    Jump(Anchor),
    /// Add every passage of the document shaped like this recommendation (teach by example).
    FindMoreLike(String),
}

/// Draw the editor for the recommendation with id `selected`; edits are pushed to `commands`.
pub fn show(
    ui: &mut Ui,
    session: &Session,
    selected: Option<&str>,
    commands: &mut Vec<Command>,
    focus_notes: &mut bool,
) -> Option<DetailRequest> {
    let Some(rec) = selected.and_then(|id| session.recommendations.iter().find(|r| r.id == id)) else {
        ui.add_space(20.0);
        ui.vertical_centered(|ui| ui.weak("Select a recommendation to review it."));
        return None;
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Nothing in the editor may make the panel wider than it was given.
            ui.set_max_width(ui.available_width());
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                style::grade_chip(ui, &session.grade_scheme, rec.grade_in(&session.current_cycle));
                ui.heading(format!("{} {}", rec.kind.name(), rec.label));
            });
            if let Some(section) = &rec.section {
                ui.weak(section);
            }
            let mut found_more = found_with_note(ui, rec, commands);
            ui.add_space(6.0);
            grade_row(ui, session, rec, commands);
            carried_over_note(ui, session, rec, commands);
            ui.add_space(6.0);
            stance_row(ui, session, rec, commands);
            ui.add_space(6.0);
            fields_grid(ui, session, rec, commands);
            ui.add_space(6.0);
            let notes = multiline(
                ui,
                "Notes",
                "Your notes on this recommendation and its reply (E; Esc returns to the list)",
                &rec.id,
                &rec.notes,
                5,
                |v| commands.push(Command::set(&rec.id, RecField::Notes(v))),
            );
            if std::mem::take(focus_notes) {
                notes.request_focus();
                notes.scroll_to_me(None);
            }
            multiline(
                ui,
                "Narrative",
                "Progress narrative, as in a tracker",
                &rec.id,
                &rec.narrative,
                2,
                |v| commands.push(Command::set(&rec.id, RecField::Narrative(v))),
            );
            ui.add_space(6.0);
            let mut request = evidence_list(ui, session, rec, commands).or(found_more.take());
            ui.add_space(8.0);
            ui.separator();
            ui.horizontal(|ui| {
                ui.label(RichText::new(rec.kind.name()).strong());
                if let Some(a) = &rec.source
                    && ui.small_button("Show").clicked()
                {
                    request = Some(DetailRequest::Jump(a.clone()));
                }
            });
            ui.label(&rec.text);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new("Reply").strong());
                if let Some(a) = &rec.response
                    && ui.small_button("Show").clicked()
                {
                    request = Some(DetailRequest::Jump(a.clone()));
                }
            });
            match &rec.response {
                Some(reply) => ui.label(&reply.quote.exact),
                None => ui.weak("No reply found in the documents."),
            };
            ui.add_space(12.0);
            if ui.button("Delete this recommendation").on_hover_text("Can be undone").clicked() {
                commands.push(Command::RemoveRecommendation { id: rec.id.clone() });
            }
            request
        })
        .inner
}

/// For an item the extractor found: how sure it was, and the review step's choices (keep,
/// not a recommendation, find more like it). Confirmed or hand-made ones show only the last.
fn found_with_note(ui: &mut Ui, rec: &Recommendation, commands: &mut Vec<Command>) -> Option<DetailRequest> {
    let mut request = None;
    if rec.is_uncertain() {
        let percent = (rec.found_with.unwrap_or(0.0) * 100.0).round();
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("Uncertain: the extractor was {percent}% sure this is a recommendation."),
        );
    }
    ui.horizontal_wrapped(|ui| {
        if rec.is_uncertain()
            && ui.small_button("Keep it").on_hover_text("Confirm it is a recommendation").clicked()
        {
            commands.push(Command::set(&rec.id, RecField::FoundWith(None)));
        }
        if rec.found_with.is_some()
            && ui
                .small_button("Not a recommendation")
                .on_hover_text("Remove it from the review (Ctrl+Z brings it back)")
                .clicked()
        {
            commands.push(Command::RemoveRecommendation { id: rec.id.clone() });
        }
        if rec.source.is_some()
            && ui
                .small_button("Find more like this")
                .on_hover_text(
                    "Add every passage of the document shaped like this one (label, list, section)",
                )
                .clicked()
        {
            request = Some(DetailRequest::FindMoreLike(rec.id.clone()));
        }
    });
    request
}

fn grade_row(ui: &mut Ui, session: &Session, rec: &Recommendation, commands: &mut Vec<Command>) {
    let current = rec.grade_in(&session.current_cycle);
    ui.label(RichText::new("Grade").strong());
    ui.horizontal_wrapped(|ui| {
        for grade in Grade::ALL {
            let style = session.grade_scheme.style(grade);
            let text = format!("{} {}", super::actions::grade_key(grade).unwrap_or_default(), style.name);
            let button = egui::Button::selectable(current == grade, text).stroke(egui::Stroke::new(
                if current == grade { 2.0 } else { 1.0 },
                style::hex_colour(&style.colour),
            ));
            if ui.add(button).on_hover_text(&style.meaning).clicked() && current != grade {
                let value = (grade != Grade::NotAssessed).then_some(grade);
                let cycle = session.current_cycle.clone();
                commands.push(Command::set(&rec.id, RecField::Grade { cycle, grade: value }));
            }
        }
    });
}

/// "Carried over — press C to confirm" under a grade copied from the previous cycle.
fn carried_over_note(ui: &mut Ui, session: &Session, rec: &Recommendation, commands: &mut Vec<Command>) {
    if !session.current().is_some_and(|c| c.is_carried_over(&rec.id)) {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(ui.visuals().warn_fg_color, "Carried over — press C to confirm");
        let hint = "Keep this grade from the previous cycle (or give another grade)";
        if ui.small_button("Confirm").on_hover_text(hint).clicked()
            && let Some(cmd) = crate::edit::confirm_grade(session, &rec.id)
        {
            commands.push(cmd);
        }
    });
}

fn stance_row(ui: &mut Ui, session: &Session, rec: &Recommendation, commands: &mut Vec<Command>) {
    ui.label(RichText::new("Stance of the response").strong());
    ui.horizontal_wrapped(|ui| {
        for stance in Stance::ALL {
            let style = session.stance_scheme.style(stance);
            let text = format!("{} {}", super::actions::stance_key(stance).unwrap_or_default(), style.name);
            let chosen = rec.stance == Some(stance);
            if ui.add(egui::Button::selectable(chosen, text)).on_hover_text(&style.meaning).clicked() {
                let value = if chosen { None } else { Some(stance) };
                commands.push(Command::set(&rec.id, RecField::Stance(value)));
            }
        }
    });
    // The suggestion keeps its place once accepted, so nothing below moves under the pointer.
    if let Some(suggestion) = &rec.suggested_stance {
        let name = session.stance_scheme.style(suggestion.stance).name;
        ui.horizontal_wrapped(|ui| match rec.stance {
            None => {
                ui.weak(format!("Suggested from the reply: {name}"));
                if ui
                    .small_button("Accept (A)")
                    .on_hover_text("Record the suggested stance as yours")
                    .clicked()
                {
                    commands.push(Command::set(&rec.id, RecField::Stance(Some(suggestion.stance))));
                }
            }
            Some(s) if s == suggestion.stance => {
                ui.weak(format!("Suggested from the reply: {name} \u{2014} accepted"));
            }
            Some(_) => {
                ui.weak(format!("Suggested from the reply: {name} \u{2014} you recorded another stance"));
            }
        });
        if !suggestion.evidence.is_empty() {
            ui.label(RichText::new(format!("\u{201c}{}\u{201d}", suggestion.evidence)).italics().weak());
        }
    }
}

fn fields_grid(ui: &mut Ui, session: &Session, rec: &Recommendation, commands: &mut Vec<Command>) {
    egui::Grid::new(("fields", &rec.id)).num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        ui.label("Label");
        single_line(ui, ("label", &rec.id), &rec.label, "As printed, e.g. R12", |v| {
            commands.push(Command::set(&rec.id, RecField::Label(v)))
        });
        ui.end_row();
        ui.label("Kind");
        ui.horizontal_wrapped(|ui| {
            for kind in [RecommendationKind::Recommendation, RecommendationKind::Conclusion] {
                if ui.selectable_label(rec.kind == kind, kind.name()).clicked() && rec.kind != kind {
                    commands.push(Command::set(&rec.id, RecField::Kind(kind)));
                }
            }
        });
        ui.end_row();

        let label = ui.label("Next cycle");
        let name = |g: Option<Grade>| g.map_or("Not set".to_string(), |g| session.grade_scheme.style(g).name);
        egui::ComboBox::from_id_salt(("anticipated", &rec.id))
            .selected_text(name(rec.anticipated_grade))
            .show_ui(ui, |ui| {
                for g in std::iter::once(None).chain(Grade::ALL.into_iter().map(Some)) {
                    if ui.selectable_label(rec.anticipated_grade == g, name(g)).clicked()
                        && rec.anticipated_grade != g
                    {
                        commands.push(Command::set(&rec.id, RecField::AnticipatedGrade(g)));
                    }
                }
            })
            .response
            .on_hover_text("Grade anticipated at the next review cycle")
            .labelled_by(label.id);
        ui.end_row();

        ui.label("Owner");
        single_line(ui, ("owner", &rec.id), &rec.owner, "Who is responsible", |v| {
            commands.push(Command::set(&rec.id, RecField::Owner(v)))
        });
        ui.end_row();
        ui.label("Theme");
        single_line(ui, ("theme", &rec.id), &rec.theme, "Theme or workstream", |v| {
            commands.push(Command::set(&rec.id, RecField::Theme(v)))
        });
        ui.end_row();
        ui.label("Due");
        due_field(ui, rec, commands);
        ui.end_row();
        let label = ui.label("Tags");
        tags_field(ui, rec, commands, label.id);
        ui.end_row();
    });
}

/// Tags typed as text: what is typed stays as typed while the field has focus (a trailing
/// comma or space is not swallowed); the tags it names are recorded as it changes.
fn tags_field(ui: &mut Ui, rec: &Recommendation, commands: &mut Vec<Command>, label: egui::Id) {
    let id = ui.make_persistent_id(("tags-draft", &rec.id));
    let stored = rec.tags.join(", ");
    let mut draft: String = ui.data(|d| d.get_temp(id)).unwrap_or_else(|| stored.clone());
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut draft)
                .hint_text("comma, separated")
                .desired_width(f32::INFINITY)
                .id_salt(("tags", &rec.id)),
        )
        .labelled_by(label);
    let tags = parse_tags(&draft);
    if response.changed() && tags != rec.tags {
        commands.push(Command::set(&rec.id, RecField::Tags(tags)));
    }
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, draft));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
}

/// `"a, b,, c "` → `["a", "b", "c"]`.
fn parse_tags(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// A date field: typed as YYYY-MM-DD; only a valid date (or nothing) is recorded.
fn due_field(ui: &mut Ui, rec: &Recommendation, commands: &mut Vec<Command>) {
    let id = ui.make_persistent_id(("due-draft", &rec.id));
    let stored = rec.due.map(|d| d.to_string()).unwrap_or_default();
    let mut draft: String = ui.data(|d| d.get_temp(id)).unwrap_or_else(|| stored.clone());
    let response = ui.add(
        egui::TextEdit::singleline(&mut draft)
            .hint_text("YYYY-MM-DD")
            .desired_width(110.0)
            .id_salt(("due", &rec.id)),
    );
    let parsed = draft.trim().parse::<jiff::civil::Date>().ok();
    let valid = draft.trim().is_empty() || parsed.is_some();
    if response.changed() && valid && draft.trim() != stored {
        commands.push(Command::set(&rec.id, RecField::Due(parsed)));
    }
    if !valid {
        ui.colored_label(ui.visuals().error_fg_color, "Not a date (YYYY-MM-DD)");
    }
    if response.has_focus() || !valid {
        ui.data_mut(|d| d.insert_temp(id, draft));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
}

fn single_line(
    ui: &mut Ui,
    salt: impl egui::AsIdSalt,
    value: &str,
    hint: &str,
    on_change: impl FnOnce(String),
) {
    let mut text = value.to_owned();
    let edit =
        egui::TextEdit::singleline(&mut text).hint_text(hint).desired_width(f32::INFINITY).id_salt(salt);
    if ui.add(edit).changed() {
        on_change(text);
    }
}

fn multiline(
    ui: &mut Ui,
    title: &str,
    hint: &str,
    rec_id: &str,
    value: &str,
    rows: usize,
    on_change: impl FnOnce(String),
) -> egui::Response {
    let label = ui.label(RichText::new(title).strong());
    let mut text = value.to_owned();
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .id_salt((title, rec_id))
                .hint_text(hint)
                .desired_rows(rows)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if response.changed() {
        on_change(text);
    }
    response
}

fn evidence_list(
    ui: &mut Ui,
    session: &Session,
    rec: &Recommendation,
    commands: &mut Vec<Command>,
) -> Option<DetailRequest> {
    let evidence: Vec<&Annotation> = session.evidence_for(&rec.id).collect();
    ui.label(RichText::new(format!("Evidence ({})", evidence.len())).strong());
    if evidence.is_empty() {
        ui.weak("Select a passage in the reader and press Ctrl+E to add evidence.");
        return None;
    }
    let mut request = None;
    for ann in evidence {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                let mut colour = style::hex_colour(&ann.colour);
                if ui.color_edit_button_srgba(&mut colour).changed() {
                    let colour = format!("#{:02x}{:02x}{:02x}", colour.r(), colour.g(), colour.b());
                    commands.push(Command::SetAnnotationColour { id: ann.id.clone(), colour });
                }
                if ui.small_button("Show").on_hover_text("Show the passage in the reader").clicked() {
                    request = Some(DetailRequest::Jump(ann.anchor.clone()));
                }
            });
            // Below the buttons, wrapping: a long passage must never widen the panel.
            let quote: String = ann.anchor.quote.exact.chars().take(280).collect();
            let more = if ann.anchor.quote.exact.chars().count() > 280 { "…" } else { "" };
            if ui
                .add(
                    egui::Label::new(RichText::new(format!("\u{201c}{quote}{more}\u{201d}")).italics())
                        .wrap()
                        .sense(egui::Sense::click()),
                )
                .on_hover_text("Show in the reader")
                .clicked()
            {
                request = Some(DetailRequest::Jump(ann.anchor.clone()));
            }
            let mut note = ann.note.clone();
            let label = ui.weak("Note");
            let edit = egui::TextEdit::multiline(&mut note)
                .id_salt(("annotation-note", &ann.id))
                .hint_text("What this passage shows")
                .desired_rows(1)
                .desired_width(f32::INFINITY);
            if ui.add(edit).labelled_by(label.id).changed() {
                commands.push(Command::SetAnnotationNote { id: ann.id.clone(), note });
            }
            ui.horizontal(|ui| {
                let label = ui.weak("Also evidence for");
                egui::ComboBox::from_id_salt(("relink", &ann.id))
                    .selected_text("...")
                    .width(60.0)
                    .show_ui(ui, |ui| {
                        for other in
                            session.recommendations.iter().filter(|r| !ann.recommendations.contains(&r.id))
                        {
                            let words: String =
                                other.text.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
                            if ui.selectable_label(false, format!("{}: {words}", other.label)).clicked() {
                                let mut changed = ann.clone();
                                changed.recommendations.push(other.id.clone());
                                commands.push(Command::ReplaceAnnotation { annotation: Box::new(changed) });
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if ann.recommendations.len() > 1 && ui.small_button("Unlink").clicked() {
                    let mut changed = ann.clone();
                    changed.recommendations.retain(|r| r != &rec.id);
                    commands.push(Command::ReplaceAnnotation { annotation: Box::new(changed) });
                }
                if ui.small_button("Delete").on_hover_text("Can be undone").clicked() {
                    commands.push(Command::RemoveAnnotation { id: ann.id.clone() });
                }
            });
        });
    }
    request
}
