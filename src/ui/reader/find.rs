//! Find in document: the search itself (character offsets, case-insensitive by default) and
//! the small find bar drawn at the top of the reader.

use crate::document::SourceText;

/// Most matches kept; a one-letter query on a huge document stops here.
const MAX_MATCHES: usize = 200_000;

/// The find bar's state, one per reader.
#[derive(Default)]
pub(crate) struct FindState {
    /// Whether the bar is shown.
    pub open: bool,
    /// What the reviewer typed.
    pub query: String,
    /// Match case exactly.
    pub case_sensitive: bool,
    /// Matches as character ranges, in document order.
    pub matches: Vec<(usize, usize)>,
    /// Index into `matches` of the current match.
    pub current: Option<usize>,
    /// Give the text field focus on the next frame.
    pub focus_field: bool,
    /// (query, case, document) the matches were computed for.
    searched: Option<(String, bool, DocKey)>,
    /// Case-folded copy of the text, kept while the bar is used.
    folded: Option<(DocKey, String)>,
}

/// Identity of a document: text address, text length, block count.
pub(crate) type DocKey = (usize, usize, usize);

/// What the find bar asks the reader to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FindAction {
    /// Nothing.
    None,
    /// Scroll to the current match (it changed).
    Reveal,
}

impl FindState {
    /// Recompute the matches if the query, case option or document changed.
    /// Returns true when they were recomputed.
    pub(crate) fn refresh(&mut self, source: &SourceText, doc: DocKey, from: usize) -> bool {
        let key = (self.query.clone(), self.case_sensitive, doc);
        if self.searched.as_ref() == Some(&key) {
            return false;
        }
        self.matches = if self.case_sensitive {
            find_all(&source.text, &self.query)
        } else {
            if self.folded.as_ref().is_none_or(|(k, _)| *k != doc) {
                self.folded = Some((doc, source.text.chars().map(fold).collect()));
            }
            let needle: String = self.query.chars().map(fold).collect();
            match &self.folded {
                Some((_, folded)) => find_all(folded, &needle),
                None => Vec::new(),
            }
        };
        self.searched = Some(key);
        self.current = first_at_or_after(&self.matches, from);
        true
    }

    /// Step to the next (or previous) match, wrapping around.
    pub(crate) fn step(&mut self, forward: bool) {
        let n = self.matches.len();
        if n == 0 {
            self.current = None;
            return;
        }
        self.current = Some(match self.current {
            None => 0,
            Some(c) if forward => (c + 1) % n,
            Some(c) => (c + n - 1) % n,
        });
    }

    /// The current match, if any.
    pub(crate) fn current_match(&self) -> Option<(usize, usize)> {
        self.current.and_then(|c| self.matches.get(c)).copied()
    }

    /// Matches intersecting the character range `start..end`.
    pub(crate) fn matches_in(
        &self,
        start: usize,
        end: usize,
    ) -> impl Iterator<Item = (usize, (usize, usize))> {
        let first = self.matches.partition_point(|m| m.1 <= start);
        self.matches[first..]
            .iter()
            .copied()
            .enumerate()
            .take_while(move |(_, m)| m.0 < end)
            .map(move |(k, m)| (first + k, m))
    }

    /// Drop cached matches and folded text (document changed or bar closed).
    pub(crate) fn forget(&mut self) {
        self.searched = None;
        self.folded = None;
        self.matches.clear();
        self.current = None;
    }

    /// Draw the bar; `id` keeps the field's focus stable across frames.
    pub(crate) fn bar_ui(&mut self, ui: &mut egui::Ui, id: egui::Id) -> FindAction {
        let mut action = FindAction::None;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Find:");
            let field_id = id.with("field");
            let edit = egui::TextEdit::singleline(&mut self.query)
                .id(field_id)
                .hint_text("word or phrase")
                .desired_width(ui.available_width().min(260.0))
                .return_key(None);
            let resp = ui.add(edit).labelled_by(label.id);
            if self.focus_field {
                resp.request_focus();
                self.focus_field = false;
            }
            if resp.changed() {
                self.searched = None;
            }
            let (enter, shift, escape) = ui.input(|i| {
                (i.key_pressed(egui::Key::Enter), i.modifiers.shift, i.key_pressed(egui::Key::Escape))
            });
            if resp.has_focus() && enter {
                self.step(!shift);
                action = FindAction::Reveal;
            }
            if (resp.has_focus() || resp.lost_focus()) && escape {
                self.open = false;
            }
            let status = match (self.current, self.matches.len()) {
                (_, 0) if self.query.is_empty() => String::new(),
                (_, 0) => "No matches".to_owned(),
                (Some(c), n) => format!("{} of {n}", c + 1),
                (None, n) => format!("{n} matches"),
            };
            // Never wrapped ("1 / of 1" in a narrow reader).
            ui.add(egui::Label::new(status).wrap_mode(egui::TextWrapMode::Extend));
            if ui.small_button("Prev").on_hover_text("Previous match (Shift+Enter)").clicked() {
                self.step(false);
                action = FindAction::Reveal;
            }
            if ui.small_button("Next").on_hover_text("Next match (Enter)").clicked() {
                self.step(true);
                action = FindAction::Reveal;
            }
            if ui.toggle_value(&mut self.case_sensitive, "Aa").on_hover_text("Match case").changed() {
                self.searched = None;
            }
            if ui.small_button("×").on_hover_text("Close (Esc)").clicked() {
                self.open = false;
            }
        });
        action
    }
}

/// Lower-case one character, keeping it one character (so offsets do not move).
pub(crate) fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Non-overlapping matches of `needle` in `hay`, as character ranges.
fn find_all(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    let needle_chars = needle.chars().count();
    let mut out = Vec::new();
    let mut last_byte = 0;
    let mut last_char = 0;
    for (byte, _) in hay.match_indices(needle) {
        let Some(between) = hay.get(last_byte..byte) else { break };
        last_char += between.chars().count();
        last_byte = byte;
        out.push((last_char, last_char + needle_chars));
        if out.len() >= MAX_MATCHES {
            break;
        }
    }
    out
}

/// Index of the first match starting at or after `from` (else the first match).
fn first_at_or_after(matches: &[(usize, usize)], from: usize) -> Option<usize> {
    if matches.is_empty() {
        return None;
    }
    let i = matches.partition_point(|m| m.0 < from);
    Some(if i < matches.len() { i } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn finds_case_insensitively_in_character_offsets() {
        let doc = SourceText::parse("Café data — DATA, data!\n".to_owned(), Format::Text);
        let mut find = FindState { query: "data".into(), ..FindState::default() };
        find.refresh(&doc, (0, 0, 0), 0);
        assert_eq!(find.matches, vec![(5, 9), (12, 16), (18, 22)]);
        assert_eq!(find.current, Some(0));
        find.step(false);
        assert_eq!(find.current, Some(2));
        find.case_sensitive = true;
        find.refresh(&doc, (0, 0, 0), 0);
        assert_eq!(find.matches.len(), 2);
    }
}
