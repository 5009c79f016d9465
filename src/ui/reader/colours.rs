//! Theme-aware colours: the selection, find matches, and tints for highlights that read well
//! on both light and dark backgrounds.

use super::HighlightKind;
use egui::{Color32, Visuals};

/// A translucent tint of `base` (its alpha is ignored) suited to `kind` and the theme:
/// light enough to read the text through, strong enough to see, with the current
/// recommendation the most prominent. Overlapping tints add up and stay readable.
pub fn highlight_colour(base: Color32, kind: HighlightKind, visuals: &Visuals) -> Color32 {
    let alpha: u8 = match (kind, visuals.dark_mode) {
        (HighlightKind::Reply, true) => 38,
        (HighlightKind::Reply, false) => 45,
        (HighlightKind::Recommendation, true) => 55,
        (HighlightKind::Recommendation, false) => 70,
        (HighlightKind::Annotation, true) => 80,
        (HighlightKind::Annotation, false) => 90,
        (HighlightKind::Current | HighlightKind::FindMatch, true) => 105,
        (HighlightKind::Current | HighlightKind::FindMatch, false) => 130,
    };
    Color32::from_rgba_unmultiplied(base.r(), base.g(), base.b(), alpha)
}

/// A neutral colour for replies (use with [`highlight_colour`]).
pub const NEUTRAL: Color32 = Color32::from_rgb(140, 140, 165);

/// Translucent selection colour.
pub(crate) fn selection(v: &Visuals) -> Color32 {
    let c = v.selection.bg_fill;
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), if v.dark_mode { 120 } else { 110 })
}

/// Find matches: yellow, the current one orange.
pub(crate) fn find_match(v: &Visuals, current: bool) -> Color32 {
    match (current, v.dark_mode) {
        (true, true) => Color32::from_rgba_unmultiplied(255, 140, 0, 150),
        (true, false) => Color32::from_rgba_unmultiplied(255, 150, 0, 170),
        (false, true) => Color32::from_rgba_unmultiplied(255, 215, 0, 70),
        (false, false) => Color32::from_rgba_unmultiplied(255, 220, 0, 120),
    }
}
