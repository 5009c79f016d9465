//! Anchors: where a passage is, robust to edits of the document (W3C Web Annotation model).

use serde::{Deserialize, Serialize};

/// The quoted text of a passage with some context either side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TextQuote {
    /// The passage itself.
    pub exact: String,
    /// Up to ~32 characters before it.
    #[serde(default)]
    pub prefix: String,
    /// Up to ~32 characters after it.
    #[serde(default)]
    pub suffix: String,
}

/// A passage in a document: a position (Unicode scalar offsets in the normalised text)
/// plus a quote, so it can be found again when the document changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Id of the document.
    pub document: String,
    /// Start offset, in characters.
    pub start: usize,
    /// End offset (exclusive), in characters.
    pub end: usize,
    /// The quote that confirms or recovers the position.
    pub quote: TextQuote,
}

/// How much context an anchor's quote keeps either side.
pub const QUOTE_CONTEXT_CHARS: usize = 32;

impl Anchor {
    /// Anchor `start..end` (character offsets) of `text`, quoting the passage and its context.
    pub fn from_range(document: impl Into<String>, text: &str, start: usize, end: usize) -> Self {
        let end = end.max(start);
        let prefix_start = start.saturating_sub(QUOTE_CONTEXT_CHARS);
        let mut prefix = String::new();
        let mut exact = String::new();
        let mut suffix = String::new();
        for (i, c) in text.chars().enumerate().skip(prefix_start) {
            if i < start {
                prefix.push(c);
            } else if i < end {
                exact.push(c);
            } else if i < end + QUOTE_CONTEXT_CHARS {
                suffix.push(c);
            } else {
                break;
            }
        }
        Self { document: document.into(), start, end, quote: TextQuote { exact, prefix, suffix } }
    }

    /// Length of the passage in characters.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the passage is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_range_quotes_passage_and_context() {
        let text = "αβγ hello world δεζ";
        let a = Anchor::from_range("d", text, 4, 9);
        assert_eq!(a.quote.exact, "hello");
        assert_eq!(a.quote.prefix, "αβγ ");
        assert_eq!(a.quote.suffix, " world δεζ");
        assert_eq!(a.len(), 5);
    }
}
