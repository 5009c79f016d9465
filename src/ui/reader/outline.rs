//! The document outline: headings and numbered paragraphs (`4.4`, `1. INTRODUCTION`), and a
//! small panel that jumps the reader on click.

use super::ReaderState;
use crate::document::{BlockKind, SourceText};

/// One entry of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    /// Depth: heading level, or the number of parts of a paragraph number (`4.4` → 2).
    pub level: u8,
    /// What is shown: the heading text, or the number and the first words.
    pub label: String,
    /// Character offset of the block.
    pub start: usize,
}

/// Characters of a numbered paragraph's text kept in its label.
const LABEL_CHARS: usize = 60;

/// Headings and numbered paragraphs of `source`, in document order.
pub fn outline(source: &SourceText) -> Vec<OutlineEntry> {
    let mut out = Vec::new();
    for (i, block) in source.blocks.iter().enumerate() {
        let text = source.block_text(i);
        match block.kind {
            BlockKind::Heading { level } => {
                let label = clean(text.trim_start_matches('#'));
                if !label.is_empty() {
                    out.push(OutlineEntry { level, label: shorten(&label), start: block.start });
                }
            }
            BlockKind::Paragraph | BlockKind::ListItem => {
                let body = clean(text.trim_start_matches(['-', '*', '+', '•']));
                if let Some(level) = paragraph_number_depth(&body) {
                    out.push(OutlineEntry { level, label: shorten(&body), start: block.start });
                }
            }
            _ => {}
        }
    }
    out
}

/// `4.4 text` → Some(2); `1. INTRODUCTION` (a numbered capitalised title) → Some(1).
fn paragraph_number_depth(s: &str) -> Option<u8> {
    let number: &str = s.split([' ', '\t']).next()?;
    let number_trimmed = number.trim_end_matches('.');
    let parts: Vec<&str> = number_trimmed.split('.').collect();
    let numeric = |p: &&str| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit());
    if parts.is_empty() || !parts.iter().all(numeric) {
        return None;
    }
    let rest = s[number.len()..].trim_start();
    if parts.len() == 1 {
        // A single number only counts as a section title: `1. INTRODUCTION`.
        let title = number.ends_with('.')
            && rest.chars().any(char::is_alphabetic)
            && !rest.chars().any(char::is_lowercase)
            && rest.chars().count() <= 80;
        return title.then_some(1);
    }
    (!rest.is_empty()).then(|| u8::try_from(parts.len()).unwrap_or(u8::MAX))
}

/// Drop emphasis markers and collapse whitespace.
fn clean(s: &str) -> String {
    s.replace("**", "").replace("__", "").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= LABEL_CHARS {
        return s.to_owned();
    }
    let mut t: String = s.chars().take(LABEL_CHARS).collect();
    t.push('…');
    t
}

/// A list of `entries`; clicking one calls `state.jump_to`. The entry containing the
/// reader's current position is highlighted.
pub fn outline_panel(ui: &mut egui::Ui, entries: &[OutlineEntry], state: &mut ReaderState) {
    if entries.is_empty() {
        ui.weak("No headings or numbered paragraphs.");
        return;
    }
    let top = state.top_char();
    let current = entries.partition_point(|e| e.start <= top).checked_sub(1);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical().id_salt("reader_outline").auto_shrink([false, false]).show_rows(
        ui,
        row_height,
        entries.len(),
        |ui, rows| {
            for i in rows {
                let Some(entry) = entries.get(i) else { continue };
                ui.horizontal(|ui| {
                    ui.add_space(f32::from(entry.level.saturating_sub(1).min(4)) * 12.0);
                    // Long headings are cut, not allowed to widen the panel.
                    let button =
                        egui::Button::selectable(current == Some(i), entry.label.as_str()).truncate();
                    let resp = ui.add(button).on_hover_text(&entry.label);
                    if resp.clicked() {
                        state.jump_to(entry.start);
                    }
                });
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn outline_lists_headings_and_numbered_paragraphs() {
        let text = "# Report\n\n1. INTRODUCTION\n\n- 1.1 This stock-take assesses.\n\nplain text\n\n4.4 The tracker\n";
        let doc = SourceText::parse(text.to_owned(), Format::Text);
        let o = outline(&doc);
        let labels: Vec<(u8, &str)> = o.iter().map(|e| (e.level, e.label.as_str())).collect();
        assert_eq!(
            labels,
            vec![
                (1, "Report"),
                (1, "1. INTRODUCTION"),
                (2, "1.1 This stock-take assesses."),
                (2, "4.4 The tracker")
            ]
        );
        assert_eq!(o[3].start, text.find("4.4").unwrap_or_default());
    }
}
