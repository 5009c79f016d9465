//! The highlights each reader shows, rebuilt only when the session or selection changes.

use super::reader::{Highlight, HighlightKind, NEUTRAL, highlight_colour};
use super::style::hex_colour;
use crate::model::Session;
use egui::Color32;
use std::collections::HashMap;

/// Highlights per document id, sorted by start, cached by session state and selection.
#[derive(Default)]
pub struct HighlightCache {
    key: Option<(u64, Option<String>, bool)>,
    by_document: HashMap<String, Vec<Highlight>>,
    generation: u64,
}

impl HighlightCache {
    /// Highlights for every document, rebuilt when `state` or `selected` changed, with a
    /// generation number that changes whenever they are rebuilt (readers cache by it).
    pub fn get(
        &mut self,
        session: &Session,
        state: u64,
        selected: Option<&str>,
        visuals: &egui::Visuals,
    ) -> (u64, &HashMap<String, Vec<Highlight>>) {
        let key = (state, selected.map(str::to_owned), visuals.dark_mode);
        if self.key.as_ref() != Some(&key) {
            self.by_document = build(session, selected, visuals);
            self.key = Some(key);
            self.generation += 1;
        }
        (self.generation, &self.by_document)
    }
}

fn build(
    session: &Session,
    selected: Option<&str>,
    visuals: &egui::Visuals,
) -> HashMap<String, Vec<Highlight>> {
    let highlight = |start, end, base: Color32, kind| Highlight {
        start,
        end,
        color: highlight_colour(base, kind, visuals),
        kind,
    };
    let mut map: HashMap<String, Vec<Highlight>> = HashMap::new();
    let mut replies_seen = std::collections::HashSet::new();
    for rec in &session.recommendations {
        if let Some(a) = &rec.source {
            let grade = rec.grade_in(&session.current_cycle);
            let colour = hex_colour(&session.grade_scheme.style(grade).colour);
            let kind = match selected == Some(rec.id.as_str()) {
                true => HighlightKind::Current,
                false => HighlightKind::Recommendation,
            };
            map.entry(a.document.clone()).or_default().push(highlight(a.start, a.end, colour, kind));
        }
        if let Some(a) = &rec.response {
            // A reply shared by several recommendations is tinted once.
            if replies_seen.insert((a.document.as_str(), a.start, a.end)) {
                map.entry(a.document.clone()).or_default().push(highlight(
                    a.start,
                    a.end,
                    NEUTRAL,
                    HighlightKind::Reply,
                ));
            }
        }
    }
    for ann in &session.annotations {
        let a = &ann.anchor;
        let colour = hex_colour(&ann.colour);
        map.entry(a.document.clone()).or_default().push(highlight(
            a.start,
            a.end,
            colour,
            HighlightKind::Annotation,
        ));
    }
    for list in map.values_mut() {
        list.sort_by_key(|h| (h.start, h.end));
    }
    map
}
