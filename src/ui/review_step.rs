//! The review step after extraction, in the window: an uncertain recommendation is kept or
//! removed in the editor, and "Find more like this" adds every passage of the document shaped
//! like the one shown (teach by example), as one undoable step.

use super::app::StocktakeApp;
use crate::edit::Command;
use crate::intake::recommendation_from;
use crate::model::IdAllocator;

impl StocktakeApp {
    /// Add every passage of its document shaped like recommendation `id` that is not one yet.
    pub(super) fn find_more_like(&mut self, id: &str) {
        let session = self.workspace.session();
        let Some(rec) = session.recommendation_index(id).map(|i| &session.recommendations[i]) else { return };
        let Some(anchor) = rec.source.clone() else { return };
        let Some(doc) = self.workspace.document(&anchor.document) else {
            self.notifications.warn("Its document is not open, so nothing like it can be found");
            return;
        };
        let taken: Vec<(usize, usize)> = session
            .recommendations
            .iter()
            .filter_map(|r| r.source.as_ref())
            .filter(|a| a.document == anchor.document)
            .map(|a| (a.start, a.end))
            .collect();
        let found = crate::extract::teach::find_like(&doc.source, anchor.start..anchor.end);
        let mut ids = IdAllocator::new(session);
        // Each goes where it is in the document: before the first of the same document's
        // recommendations printed after it (counting those inserted before it).
        let starts: Vec<Option<usize>> = session
            .recommendations
            .iter()
            .map(|r| r.source.as_ref().filter(|a| a.document == anchor.document).map(|a| a.start))
            .collect();
        let mut inserted = 0;
        let inserts: Vec<Command> = found
            .iter()
            .filter(|item| !taken.iter().any(|&(s, e)| item.start < e && s < item.end))
            .map(|item| {
                let mut new = recommendation_from(ids.next("r"), &anchor.document, &doc.source, item);
                // Found by the reviewer's own example: confirmed, not uncertain.
                new.found_with = None;
                let at =
                    starts.iter().position(|s| s.is_some_and(|s| s > item.start)).unwrap_or(starts.len());
                inserted += 1;
                Command::InsertRecommendation { index: at + inserted - 1, rec: Box::new(new) }
            })
            .collect();
        let label = rec.label.clone();
        match inserts.len() {
            0 => self.notifications.info(format!("No more passages like {label} in this document")),
            n => {
                self.commands.push(Command::named_batch(format!("add {n} like {label}"), inserts));
                self.notifications
                    .info(format!("Added {n} recommendations like {label} (Ctrl+Z takes them back)"));
            }
        }
    }
}
