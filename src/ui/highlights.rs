//! The highlights each reader shows, rebuilt only when the session or selection changes.

use super::reader::{Highlight, HighlightKind};
use super::style::hex_colour;
use crate::model::Session;
use egui::Color32;
use std::collections::HashMap;

/// Highlights per document id, sorted by start, cached by session state and selection.
#[derive(Default)]
pub struct HighlightCache {
    key: Option<(u64, Option<String>)>,
    by_document: HashMap<String, Vec<Highlight>>,
    generation: u64,
}

const REPLY_TINT: Color32 = Color32::from_rgba_premultiplied(60, 60, 70, 28);

fn tint(colour: Color32, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(colour.r(), colour.g(), colour.b(), alpha)
}

impl HighlightCache {
    /// Highlights for every document, rebuilt when `state` or `selected` changed, with a
    /// generation number that changes whenever they are rebuilt (readers cache by it).
    pub fn get(
        &mut self,
        session: &Session,
        state: u64,
        selected: Option<&str>,
    ) -> (u64, &HashMap<String, Vec<Highlight>>) {
        let key = (state, selected.map(str::to_owned));
        if self.key.as_ref() != Some(&key) {
            self.by_document = build(session, selected);
            self.key = Some(key);
            self.generation += 1;
        }
        (self.generation, &self.by_document)
    }
}

fn build(session: &Session, selected: Option<&str>) -> HashMap<String, Vec<Highlight>> {
    let mut map: HashMap<String, Vec<Highlight>> = HashMap::new();
    for rec in &session.recommendations {
        let is_current = selected == Some(rec.id.as_str());
        if let Some(a) = &rec.source {
            let colour = hex_colour(&session.grade_scheme.style(rec.grade_in(&session.current_cycle)).colour);
            let (kind, colour) = if is_current {
                (HighlightKind::Current, tint(colour, 90))
            } else {
                (HighlightKind::Recommendation, tint(colour, 40))
            };
            map.entry(a.document.clone()).or_default().push(Highlight {
                start: a.start,
                end: a.end,
                color: colour,
                kind,
            });
        }
        if let Some(a) = &rec.response {
            let list = map.entry(a.document.clone()).or_default();
            // A reply shared by several recommendations is tinted once.
            if !list.iter().any(|h| h.kind == HighlightKind::Reply && h.start == a.start && h.end == a.end) {
                list.push(Highlight {
                    start: a.start,
                    end: a.end,
                    color: REPLY_TINT,
                    kind: HighlightKind::Reply,
                });
            }
        }
    }
    for ann in &session.annotations {
        let a = &ann.anchor;
        map.entry(a.document.clone()).or_default().push(Highlight {
            start: a.start,
            end: a.end,
            color: tint(hex_colour(&ann.colour), 80),
            kind: HighlightKind::Annotation,
        });
    }
    for list in map.values_mut() {
        list.sort_by_key(|h| (h.start, h.end));
    }
    map
}
