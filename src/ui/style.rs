//! Colours and small styled widgets shared by the panels.

use crate::model::{Grade, GradeScheme};
use egui::{Color32, Painter, Rect, Ui};

/// Parse `#rrggbb` into a colour; grey when malformed (a session file may hold anything).
pub fn hex_colour(hex: &str) -> Color32 {
    let h = hex.trim().trim_start_matches('#');
    let byte = |i: usize| h.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok());
    match (h.len(), byte(0), byte(2), byte(4)) {
        (6, Some(r), Some(g), Some(b)) => Color32::from_rgb(r, g, b),
        _ => Color32::GRAY,
    }
}

/// Text colour that reads on `bg`.
pub fn text_on(bg: Color32) -> Color32 {
    let l = 0.299 * bg.r() as f32 + 0.587 * bg.g() as f32 + 0.114 * bg.b() as f32;
    if l > 150.0 { Color32::BLACK } else { Color32::WHITE }
}

/// Paint a grade chip (filled, with the grade's letter) into `rect`.
pub fn paint_grade_chip(painter: &Painter, rect: Rect, scheme: &GradeScheme, grade: Grade) {
    let bg = hex_colour(&scheme.style(grade).colour);
    painter.rect_filled(rect, 4.0, bg);
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        grade.letter(),
        egui::FontId::monospace(12.0),
        text_on(bg),
    );
}

/// A grade chip as a widget, with the grade's name and meaning on hover.
pub fn grade_chip(ui: &mut Ui, scheme: &GradeScheme, grade: Grade) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(22.0, 18.0), egui::Sense::hover());
    paint_grade_chip(ui.painter(), rect, scheme, grade);
    let style = scheme.style(grade);
    response.on_hover_text(format!("{} — {}", style.name, style.meaning))
}
