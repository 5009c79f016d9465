//! Numbered paragraphs (`4.4`) and recommendations' back-references to them.

use super::ParagraphRef;
use super::labels::paragraph_number;
use super::layout::{Unit, is_page_marker};
use super::text::strip_emphasis_start;
use crate::document::{BlockKind, SourceText};
use regex::Regex;
use std::sync::LazyLock;

/// The numbered paragraphs (`4.4 Text`) among the units, in document order.
pub(crate) fn collect(doc: &SourceText, units: &[Unit]) -> Vec<ParagraphRef> {
    units
        .iter()
        .filter(|u| matches!(u.kind, BlockKind::Paragraph | BlockKind::ListItem))
        .filter_map(|u| {
            let raw = &doc.text[u.start..u.end];
            if is_page_marker(raw) {
                return None;
            }
            let content = strip_emphasis_start(&doc.text[u.content..u.end]);
            let (label, _) = paragraph_number(content)?;
            Some(ParagraphRef { label, start: doc.byte_to_char(u.start), end: doc.byte_to_char(u.end) })
        })
        .collect()
}

static BACK_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\(\s*(?:see\s+)?(?:paragraphs?|paras?\.?|¶)\s*((?:\d+(?:\.\d+)*)(?:\s*(?:,|–|-|—|and|to|&)\s*\d+(?:\.\d+)*)*)\s*\)",
    )
    .unwrap_or_else(|_| unreachable!("constant pattern"))
});

static REFERENCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\(?\s*(?:see\s+)?(?:paragraphs?|paras?\.?|¶)\s*\d+(?:\.\d+)*(?:\s*(?:,|–|-|—|and|to|&)\s*\d+(?:\.\d+)*)*\s*\)?\.?$",
    )
    .unwrap_or_else(|_| unreachable!("constant pattern"))
});

/// True for a line that is only a paragraph reference ("Paragraph 2.45", "(paras 3.4–3.6)"),
/// as printed under a recommendation's label.
pub(crate) fn is_reference_line(s: &str) -> bool {
    REFERENCE_LINE.is_match(s.trim())
}

/// The paragraph a recommendation refers back to: `(Paragraph 127)` → `127`.
pub(crate) fn back_reference(text: &str) -> Option<String> {
    BACK_REF.captures_iter(text).last().and_then(|c| c.get(1)).map(|m| m.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_references() {
        assert_eq!(back_reference("We recommend X. (Paragraph 127)"), Some("127".into()));
        assert_eq!(back_reference("Do Y (paras 3.4–3.6)."), Some("3.4–3.6".into()));
        assert_eq!(back_reference("Do Y (Paragraphs 12 and 14)"), Some("12 and 14".into()));
        assert_eq!(back_reference("See paragraph 4 of the code."), None);
        assert!(is_reference_line("Paragraph 2.45") && is_reference_line(" (paras 3.4–3.6)"));
        assert!(!is_reference_line("Paragraph 2.45 sets out the rule."));
    }
}
