//! The recommendation list: label, grade chip and first words; click to select.

use super::style;
use crate::model::Session;
use egui::{Sense, Ui};

const ROW_HEIGHT: f32 = 24.0;

/// Draw the list; returns the id of a recommendation the reviewer clicked.
pub fn show(ui: &mut Ui, session: &Session, cycle: &str, selected: Option<&str>) -> Option<String> {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading("Recommendations");
        ui.label(format!("({})", session.recommendations.len()));
    });
    ui.separator();
    let mut clicked = None;
    egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(
        ui,
        ROW_HEIGHT,
        session.recommendations.len(),
        |ui, rows| {
            for rec in &session.recommendations[rows] {
                let is_selected = selected == Some(rec.id.as_str());
                let (rect, response) =
                    ui.allocate_exact_size(egui::vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
                let first_words: String = rec.text.split_whitespace().take(14).collect::<Vec<_>>().join(" ");
                let label = format!("{}: {first_words}", rec.label);
                let grade = rec.grade_in(cycle);
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Button, true, is_selected, &label)
                });
                if ui.is_rect_visible(rect) {
                    let visuals = ui.style().interact_selectable(&response, is_selected);
                    if is_selected || response.hovered() {
                        ui.painter().rect_filled(rect, 3.0, visuals.weak_bg_fill);
                    }
                    let chip = egui::Rect::from_min_size(rect.min + egui::vec2(4.0, 3.0), egui::vec2(22.0, 18.0));
                    style::paint_grade_chip(ui.painter(), chip, &session.grade_scheme, grade);
                    let text_pos = egui::pos2(chip.right() + 8.0, rect.center().y);
                    let font = egui::TextStyle::Body.resolve(ui.style());
                    let label_galley = ui.painter().layout_no_wrap(
                        rec.label.clone(),
                        egui::FontId::new(font.size, egui::FontFamily::Proportional),
                        visuals.text_color(),
                    );
                    let label_width = label_galley.size().x.max(28.0);
                    ui.painter().galley(
                        text_pos - egui::vec2(0.0, label_galley.size().y / 2.0),
                        label_galley,
                        visuals.text_color(),
                    );
                    let words_x = text_pos.x + label_width + 8.0;
                    let words_galley = ui.painter().layout(
                        first_words,
                        font,
                        ui.visuals().weak_text_color(),
                        (rect.right() - words_x - 4.0).max(10.0),
                    );
                    // One line only: clip rather than wrap.
                    let clip = rect.intersect(ui.clip_rect());
                    ui.painter().with_clip_rect(clip).galley(
                        egui::pos2(words_x, rect.center().y - words_galley.rows.first().map_or(0.0, |r| r.height()) / 2.0),
                        words_galley,
                        ui.visuals().weak_text_color(),
                    );
                }
                if response.clicked() {
                    clicked = Some(rec.id.clone());
                }
            }
        },
    );
    clicked
}
