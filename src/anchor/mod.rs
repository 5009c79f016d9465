//! Re-anchoring: finding every passage of a review again after its document changed (the
//! W3C Web Annotation model, as Hypothesis uses it), better than Hypothesis's matcher and
//! in time that grows with the edits rather than with document × passages.
//!
//! For each passage, in order: still in place; placed through a word diff of the old and
//! new text when the old text is known; verbatim near where it is expected (its neighbours'
//! shift, or the diff) with its context agreeing; else a bit-parallel approximate search
//! (Myers) near there and where the quote's rare grams occur in the new text, over a folded
//! view of both texts (whitespace runs, quote and dash styles, case), each candidate scored
//! on quote, prefix and suffix similarity and distance. Below a calibrated score the passage
//! is an orphan: kept as it was, reported, never stuck onto look-alike text.

mod diff;
mod grams;
mod matcher;
mod myers;
mod normal;
mod orphans;
mod run;

pub use orphans::{Orphan, orphans};

pub use run::{
    Counts, How, LOW_SCORE, Passage, PassageKind, ReanchorError, Reanchored, Reanchoring, reanchor,
    reanchor_document,
};

use crate::document::SourceText;
use crate::model::Anchor;
use matcher::{Haystack, Quote};

/// Where a passage was found in the current text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Still where it was.
    Unchanged,
    /// The same text (up to whitespace, quote and dash styles and case), found elsewhere:
    /// new `start..end` (characters).
    Moved {
        /// New start.
        start: usize,
        /// New end.
        end: usize,
    },
    /// Edited text that is most probably the passage: new `start..end`.
    Approximate {
        /// New start.
        start: usize,
        /// New end.
        end: usize,
    },
    /// Not found: keep the anchor as it was and tell the reviewer.
    Orphan,
}

/// Find one `anchor` in `source` (folds and indexes the whole text: for many passages of
/// one document use [`reanchor`]).
pub fn resolve(anchor: &Anchor, source: &SourceText) -> Resolution {
    if anchor.quote.exact.is_empty() {
        return Resolution::Orphan;
    }
    if anchor.end <= source.char_len() && source.slice(anchor.start, anchor.end) == anchor.quote.exact {
        return Resolution::Unchanged;
    }
    let hay = Haystack::new(&source.text);
    let hint = hay.text.folded_at(anchor.start);
    match hay.locate(&Quote::new(&anchor.quote), hint, false) {
        None => Resolution::Orphan,
        Some(found) => {
            let (start, end) = hay.text.char_range(found.start, found.end);
            match found.errors {
                0 if (start, end) == (anchor.start, anchor.end) => Resolution::Unchanged,
                0 => Resolution::Moved { start, end },
                _ => Resolution::Approximate { start, end },
            }
        }
    }
}

/// An anchor over `start..end` (characters) of `source`, quoting it with fresh context.
pub fn anchor_in(document: &str, source: &SourceText, start: usize, end: usize) -> Anchor {
    let context = crate::model::QUOTE_CONTEXT_CHARS;
    Anchor {
        document: document.to_owned(),
        start,
        end,
        quote: crate::model::TextQuote {
            exact: source.slice(start, end).to_owned(),
            prefix: source.slice(start.saturating_sub(context), start).to_owned(),
            suffix: source.slice(end, end + context).to_owned(),
        },
    }
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

    fn text_of(new: &str, start: usize, end: usize) -> String {
        new.chars().skip(start).take(end - start).collect()
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
            Resolution::Approximate { start, end } => assert_eq!(
                text_of(&new, start, end),
                "The Agencies should publish a partnerships strategy by the end of next year, with annual reports to the Committee."
            ),
            other => panic!("expected approximate, got {other:?}"),
        }
    }

    #[test]
    fn an_edit_in_the_first_words_is_no_longer_fatal() {
        // Today's matcher orphaned any passage edited within its first or last 32 characters.
        let a = anchor_of("The Agencies should publish a partnerships strategy by the end of the year");
        let new = OLD.replace("The Agencies should", "The agencies must").replace("\n\nB.", "\n\nB. ");
        match resolve(&a, &doc(&new)) {
            Resolution::Approximate { start, end } => {
                assert_eq!(
                    text_of(&new, start, end),
                    "The agencies must publish a partnerships strategy by the end of the year"
                )
            }
            other => panic!("expected approximate, got {other:?}"),
        }
    }

    #[test]
    fn whitespace_and_quote_styles_do_not_matter() {
        let old = "He said “publish it now” and the Committee agreed.";
        let a = Anchor::from_range("d", old, 8, 24);
        let new = "He said \"publish it\n now\" and the Committee agreed.";
        assert_eq!(resolve(&a, &doc(new)), Resolution::Moved { start: 8, end: 25 });
    }

    #[test]
    fn removed_text_is_an_orphan() {
        let a = anchor_of("publish a partnerships strategy");
        assert_eq!(resolve(&a, &doc("Entirely different text now.")), Resolution::Orphan);
    }
}
