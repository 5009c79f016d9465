//! Re-anchoring: finding a passage again after its document changed (the W3C Web Annotation
//! model, as Hypothesis uses it): by position if the quote still matches there, else by exact
//! quote search nearest the old position, else approximately by the quote's head and tail.
//! What cannot be found is an orphan, reported and never dropped.

use crate::document::SourceText;
use crate::edit::{Command, RecField};
use crate::model::{Anchor, Session};

/// Where a passage was found in the current text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Still where it was.
    Unchanged,
    /// The same text, found elsewhere: new `start..end` (characters).
    Moved {
        /// New start.
        start: usize,
        /// New end.
        end: usize,
    },
    /// Text that begins and ends like the quote, of about its length: new `start..end`.
    Approximate {
        /// New start.
        start: usize,
        /// New end.
        end: usize,
    },
    /// Not found: keep the anchor as it was and tell the reviewer.
    Orphan,
}

/// How many characters of the quote's head and tail approximate matching looks for.
const PROBE_CHARS: usize = 32;

/// Find `anchor` in `source`.
pub fn resolve(anchor: &Anchor, source: &SourceText) -> Resolution {
    let exact = anchor.quote.exact.as_str();
    if exact.is_empty() {
        return Resolution::Orphan;
    }
    if anchor.end <= source.char_len() && source.slice(anchor.start, anchor.end) == exact {
        return Resolution::Unchanged;
    }
    if let Some(start) = nearest_exact(anchor, source) {
        return Resolution::Moved { start, end: start + exact.chars().count() };
    }
    approximate(anchor, source)
        .map_or(Resolution::Orphan, |(start, end)| Resolution::Approximate { start, end })
}

/// The occurrence of the quote whose context agrees best, then nearest the old position.
fn nearest_exact(anchor: &Anchor, source: &SourceText) -> Option<usize> {
    let q = &anchor.quote;
    source
        .text
        .match_indices(q.exact.as_str())
        .map(|(byte, _)| {
            let before = &source.text[..byte];
            let after = &source.text[byte + q.exact.len()..];
            let context = usize::from(before.ends_with(q.prefix.as_str()))
                + usize::from(after.starts_with(q.suffix.as_str()));
            (source.byte_to_char(byte), context)
        })
        .min_by_key(|&(start, context)| (std::cmp::Reverse(context), start.abs_diff(anchor.start)))
        .map(|(start, _)| start)
}

/// Text starting with the quote's head and ending with its tail, within a quarter of its length.
fn approximate(anchor: &Anchor, source: &SourceText) -> Option<(usize, usize)> {
    let exact = &anchor.quote.exact;
    let len = exact.chars().count();
    if len < PROBE_CHARS * 2 {
        return None;
    }
    let head: String = exact.chars().take(PROBE_CHARS).collect();
    let tail: String = exact.chars().skip(len - PROBE_CHARS).collect();
    let slack = len / 4;
    source
        .text
        .match_indices(head.as_str())
        .filter_map(|(byte, _)| {
            let start = source.byte_to_char(byte);
            let window_end = source.char_to_byte(start + len + slack);
            let window = &source.text[byte..window_end];
            // The tail's last occurrence within the window, at least (len - slack) from the start.
            let found = window.rfind(tail.as_str())?;
            let end = source.byte_to_char(byte + found) + PROBE_CHARS;
            (end - start + slack >= len).then_some((start, end))
        })
        .min_by_key(|&(start, _)| start.abs_diff(anchor.start))
}

/// Re-anchored copy of `anchor` (same quote), or None when it is unchanged or an orphan.
pub fn relocated(anchor: &Anchor, resolution: &Resolution) -> Option<Anchor> {
    match *resolution {
        Resolution::Moved { start, end } | Resolution::Approximate { start, end } => {
            Some(Anchor { start, end, ..anchor.clone() })
        }
        Resolution::Unchanged | Resolution::Orphan => None,
    }
}

/// What re-anchoring one document found.
#[derive(Debug, Default)]
pub struct Reanchoring {
    /// The changes to make (one undo step when applied as a batch).
    pub commands: Vec<Command>,
    /// How many passages moved or were found approximately.
    pub moved: usize,
    /// Descriptions of the passages that could not be found ("annotation a3", "B (reply)").
    pub orphans: Vec<String>,
}

/// Re-anchor every passage of the session that lies in document `doc`, whose text is now `source`.
pub fn reanchor_document(session: &Session, doc: &str, source: &SourceText) -> Reanchoring {
    let mut out = Reanchoring::default();
    let mut check = |anchor: &Anchor, what: String| -> Option<Anchor> {
        if anchor.document != doc {
            return None;
        }
        let resolution = resolve(anchor, source);
        if resolution == Resolution::Orphan {
            out.orphans.push(what);
        }
        let moved = relocated(anchor, &resolution);
        out.moved += usize::from(moved.is_some());
        moved
    };
    let mut commands = Vec::new();
    for rec in &session.recommendations {
        if let Some(a) = rec.source.as_ref().and_then(|a| check(a, rec.label.clone())) {
            commands.push(Command::set(&rec.id, RecField::Source(Some(a))));
        }
        if let Some(a) = rec.response.as_ref().and_then(|a| check(a, format!("{} (reply)", rec.label))) {
            commands.push(Command::set(&rec.id, RecField::Response(Some(a))));
        }
    }
    for ann in &session.annotations {
        if let Some(a) = check(&ann.anchor, format!("annotation {}", ann.id)) {
            let annotation = Box::new(crate::model::Annotation { anchor: a, ..ann.clone() });
            commands.push(Command::ReplaceAnnotation { annotation });
        }
    }
    out.commands = commands;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn doc(text: &str) -> SourceText {
        SourceText::parse(text.to_owned(), Format::Text)
    }

    const OLD: &str = "Intro paragraph.\n\nB. The Agencies should publish a partnerships strategy by the end of the year, with annual reports to the Committee.\n\nReply: noted.";

    fn anchor_of(needle: &str) -> Anchor {
        let byte = OLD.find(needle).unwrap();
        let start = OLD[..byte].chars().count();
        Anchor::from_range("d", OLD, start, start + needle.chars().count())
    }

    #[test]
    fn unchanged_text_resolves_in_place() {
        let a = anchor_of("publish a partnerships strategy");
        assert_eq!(resolve(&a, &doc(OLD)), Resolution::Unchanged);
    }

    #[test]
    fn inserted_text_before_moves_the_passage() {
        let a = anchor_of("publish a partnerships strategy");
        let new = format!("A new preface with “curly” quotes.\n\n{OLD}");
        let shift = "A new preface with “curly” quotes.\n\n".chars().count();
        assert_eq!(resolve(&a, &doc(&new)), Resolution::Moved { start: a.start + shift, end: a.end + shift });
    }

    #[test]
    fn the_occurrence_with_matching_context_wins() {
        let a = anchor_of("the Committee");
        let new = format!("Letter to the Committee.\n\n{}", OLD.replace("Intro paragraph.", "Intro."));
        let Resolution::Moved { start, .. } = resolve(&a, &doc(&new)) else { panic!("should move") };
        let found: String = new.chars().skip(start).take(30).collect();
        assert!(found.starts_with("the Committee."), "{found}");
        assert!(start > 30, "not the one in the new first line");
    }

    #[test]
    fn a_small_edit_inside_is_found_approximately() {
        let a = anchor_of(
            "The Agencies should publish a partnerships strategy by the end of the year, with annual reports to the Committee.",
        );
        let new = OLD.replace("by the end of the year", "by the end of next year");
        match resolve(&a, &doc(&new)) {
            Resolution::Approximate { start, end } => {
                let found: String = new.chars().skip(start).take(end - start).collect();
                assert!(
                    found.starts_with("The Agencies should") && found.ends_with("to the Committee."),
                    "{found}"
                );
            }
            other => panic!("expected approximate, got {other:?}"),
        }
    }

    #[test]
    fn removed_text_is_an_orphan() {
        let a = anchor_of("publish a partnerships strategy");
        assert_eq!(resolve(&a, &doc("Entirely different text now.")), Resolution::Orphan);
    }
}
