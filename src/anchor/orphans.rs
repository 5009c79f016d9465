//! Orphans as work items: every passage of a review whose text is no longer where its anchor
//! says (re-anchoring could not find it with confidence), for the window to list until the
//! reviewer re-attaches or deletes each one.

use super::PassageKind;
use crate::document::SourceText;
use crate::edit::{Command, RecField};
use crate::model::{Anchor, Session};

/// A passage whose quote is not at its anchor's position in the current text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    /// Annotation, recommendation or reply.
    pub kind: PassageKind,
    /// The annotation's id, or the recommendation's id (for its text or its reply).
    pub id: String,
    /// Label of the recommendation it belongs to (the first, for evidence), if any.
    pub label: Option<String>,
    /// The document it was in.
    pub document: String,
    /// The passage as it was quoted.
    pub quote: String,
}

impl Orphan {
    /// The command that attaches this passage to `start..end` of `source` (its document's
    /// current text), quoting it afresh.
    pub fn reattach(
        &self,
        session: &Session,
        source: &SourceText,
        start: usize,
        end: usize,
    ) -> Option<Command> {
        let anchor = super::anchor_in(&self.document, source, start, end);
        match self.kind {
            PassageKind::Annotation => {
                let mut annotation = session.annotations.iter().find(|a| a.id == self.id)?.clone();
                annotation.anchor = anchor;
                Some(Command::ReplaceAnnotation { annotation: Box::new(annotation) })
            }
            PassageKind::Recommendation => Some(Command::set(&self.id, RecField::Source(Some(anchor)))),
            PassageKind::Reply => Some(Command::set(&self.id, RecField::Response(Some(anchor)))),
        }
    }

    /// The command that removes this passage: the annotation, or the recommendation's link
    /// to its text or reply (the recommendation itself stays).
    pub fn remove(&self) -> Command {
        match self.kind {
            PassageKind::Annotation => Command::RemoveAnnotation { id: self.id.clone() },
            PassageKind::Recommendation => Command::set(&self.id, RecField::Source(None)),
            PassageKind::Reply => Command::set(&self.id, RecField::Response(None)),
        }
    }
}

/// Every orphaned passage of `session`, looked up in `documents` (id and current text);
/// passages in documents not given (missing files) are not judged.
pub fn orphans<'a>(session: &Session, documents: impl Fn(&str) -> Option<&'a SourceText>) -> Vec<Orphan> {
    let lost = |anchor: &Anchor| {
        documents(&anchor.document).is_some_and(|source| {
            anchor.end > source.char_len() || source.slice(anchor.start, anchor.end) != anchor.quote.exact
        })
    };
    let orphan = |kind, id: &str, label: Option<&str>, anchor: &Anchor| Orphan {
        kind,
        id: id.to_owned(),
        label: label.map(str::to_owned),
        document: anchor.document.clone(),
        quote: anchor.quote.exact.clone(),
    };
    let mut found = Vec::new();
    for rec in &session.recommendations {
        if let Some(a) = rec.source.as_ref().filter(|a| lost(a)) {
            found.push(orphan(PassageKind::Recommendation, &rec.id, Some(&rec.label), a));
        }
        if let Some(a) = rec.response.as_ref().filter(|a| lost(a)) {
            found.push(orphan(PassageKind::Reply, &rec.id, Some(&rec.label), a));
        }
    }
    for ann in session.annotations.iter().filter(|a| lost(&a.anchor)) {
        let label = ann
            .recommendations
            .first()
            .and_then(|id| session.recommendation_index(id))
            .map(|i| session.recommendations[i].label.as_str());
        found.push(orphan(PassageKind::Annotation, &ann.id, label, &ann.anchor));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Editor;
    use crate::model::{Annotation, Recommendation};

    fn source(text: &str) -> SourceText {
        SourceText::parse(text.to_owned(), crate::document::Format::Text)
    }

    fn evidence(id: &str, anchor: Anchor, rec: &str) -> Annotation {
        Annotation::new(id, anchor, "#ffcc00", vec![rec.into()], jiff::Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn a_passage_whose_text_is_gone_is_an_orphan_until_reattached_or_removed() {
        let old = source("First paragraph.\n\nThe Department should publish the plan.\n\nLast.");
        let mut session = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        let mut rec = Recommendation::new("r1", "1", "The Department should publish the plan.");
        rec.source = Some(crate::anchor::anchor_in("d1", &old, 18, 57));
        session.recommendations.push(rec);
        session.annotations.push(evidence("a1", crate::anchor::anchor_in("d1", &old, 0, 16), "r1"));
        assert!(orphans(&session, |_| Some(&old)).is_empty(), "all in place");

        let new = source("Opening words.\n\nSomething else entirely now.\n\nLast.");
        let found = orphans(&session, |id| (id == "d1").then_some(&new));
        assert_eq!(
            found.iter().map(|o| (o.kind, o.id.as_str(), o.label.as_deref())).collect::<Vec<_>>(),
            [(PassageKind::Recommendation, "r1", Some("1")), (PassageKind::Annotation, "a1", Some("1"))]
        );
        assert_eq!(found[1].quote, "First paragraph.");
        assert!(orphans(&session, |_| None).is_empty(), "a missing document is not judged");

        let mut editor = Editor::new(session, true);
        let cmd = found[0].reattach(editor.session(), &new, 16, 44).unwrap();
        editor.apply(cmd, std::time::Instant::now()).unwrap();
        editor.apply(found[1].remove(), std::time::Instant::now()).unwrap();
        assert!(orphans(editor.session(), |_| Some(&new)).is_empty());
        assert_eq!(
            editor.session().recommendations[0].source.as_ref().unwrap().quote.exact,
            "Something else entirely now."
        );
    }
}
