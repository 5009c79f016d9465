//! Teach by example. When extraction is wrong, the reviewer marks one recommendation (a
//! found item, or a selection of its text) and asks for "more like this": every candidate
//! with the same structural signature — block kind, list depth, heading level, label shape,
//! a code at the end, the kind and level of its section, and for sentences how they open —
//! is proposed. "Not a recommendation" on one item removes it and its look-alikes the same
//! way. Headless: `stocktake extract FILE --like "opening words" --unlike "…"`.

use super::{Analysis, Extracted, Extraction, Signature, extract_guided, model};
use crate::document::SourceText;
use std::ops::Range;

/// Confidence given to a look-alike of a "like" example (at least).
pub const LIKE_CONFIDENCE: f32 = 0.95;
/// Confidence given to a look-alike of an "unlike" example (at most).
pub const UNLIKE_CONFIDENCE: f32 = 0.02;

/// The reviewer's examples, as character ranges of the document (a selection, or a found
/// item's `start..end`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Guidance {
    /// "Find more like this": keep every candidate that looks like one of these.
    pub like: Vec<Range<usize>>,
    /// "Not a recommendation": drop every candidate that looks like one of these.
    pub unlike: Vec<Range<usize>>,
}

impl Guidance {
    /// True when there is no example.
    pub fn is_empty(&self) -> bool {
        self.like.is_empty() && self.unlike.is_empty()
    }
}

/// The structural signature of the candidate at the start of `example` (a character range).
pub fn signature_at(doc: &SourceText, example: Range<usize>) -> Option<Signature> {
    let analysis = Analysis::new(doc, &model::WEIGHTS);
    analysis.candidate_at(example.start).map(|k| analysis.signatures[k].clone())
}

/// "Find more like this": every item sharing the structural signature of the example at
/// `example`, whether extraction had found it or not, in document order. The window shows
/// them for the reviewer to accept.
pub fn find_like(doc: &SourceText, example: Range<usize>) -> Vec<Extracted> {
    let Some(signature) = signature_at(doc, example.clone()) else { return Vec::new() };
    let guided = extract_guided(doc, &Guidance { like: vec![example], unlike: Vec::new() });
    guided.recommendations.into_iter().filter(|r| r.signature.as_ref() == Some(&signature)).collect()
}

/// "Not a recommendation": the items of `extraction` that the example at `example` and its
/// look-alikes account for (the ones the window removes).
pub fn find_unlike(doc: &SourceText, extraction: &Extraction, example: Range<usize>) -> Vec<Extracted> {
    let Some(signature) = signature_at(doc, example.clone()) else { return Vec::new() };
    extraction
        .recommendations
        .iter()
        .filter(|r| {
            r.signature.as_ref() == Some(&signature) || r.start <= example.start && example.start < r.end
        })
        .cloned()
        .collect()
}

/// Where the opening words `words` occur in the document (whitespace, case and Markdown
/// emphasis ignored): the range to use as an example for `--like "…"`.
pub fn locate(doc: &SourceText, words: &str) -> Option<Range<usize>> {
    let (haystack, map) = normalise_with_map(&doc.text);
    let (needle, _) = normalise_with_map(words);
    if needle.is_empty() {
        return None;
    }
    let at = haystack.find(&needle)?;
    let start = map[at];
    let end = map.get(at + needle.len()).copied().unwrap_or(doc.text.len());
    Some(doc.byte_to_char(start)..doc.byte_to_char(end))
}

/// `text` lower-cased with runs of whitespace made one space, Markdown emphasis, code and
/// table marks dropped and curly quotes straightened; with, for every byte of the result,
/// the byte of `text` it came from.
pub(crate) fn normalise_with_map(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut space = true;
    for (i, c) in text.char_indices() {
        if matches!(c, '*' | '_' | '`' | '#' | '>' | '|' | '\\') {
            continue;
        }
        let c = match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space {
                out.push(' ');
                map.push(i);
            }
            space = true;
            continue;
        }
        space = false;
        for l in c.to_lowercase() {
            let before = out.len();
            out.push(l);
            map.extend(std::iter::repeat_n(i, out.len() - before));
        }
    }
    if out.ends_with(' ') {
        out.pop();
        map.pop();
    }
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::extract::extract;

    const LIST: &str = "# Review\n\n## Findings\n\n- Staff were tired.\n- Rotas were late.\n\n## Recommendations\n\n- Publish rotas four weeks ahead.\n- Staffing levels on night shifts.\n- Review the handover process.\n";

    fn doc(text: &str) -> SourceText {
        SourceText::parse(text.to_owned(), Format::Markdown)
    }

    #[test]
    fn locating_opening_words_ignores_case_space_and_emphasis() {
        let d = doc("Intro.\n\n**The  Department should**\nact now.\n");
        let r = locate(&d, "the department SHOULD act").expect("found");
        assert_eq!(d.slice(r.start, r.end), "The  Department should**\nact");
    }

    #[test]
    fn more_like_this_proposes_every_look_alike() {
        let d = doc(LIST);
        let example = locate(&d, "Publish rotas").expect("found");
        let found = find_like(&d, example);
        let texts: Vec<&str> = found.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Publish rotas four weeks ahead.",
                "Staffing levels on night shifts.",
                "Review the handover process."
            ]
        );
        // The findings are list items too, but in a section of another kind.
        assert!(texts.iter().all(|t| !t.contains("tired")));
    }

    #[test]
    fn not_a_recommendation_removes_the_item_and_its_look_alikes() {
        let d = doc(LIST);
        let before = extract(&d);
        assert!(!before.recommendations.is_empty());
        let example = locate(&d, "Publish rotas").expect("found");
        let removed = find_unlike(&d, &before, example.clone());
        assert_eq!(removed.len(), before.recommendations.len());
        let after = extract_guided(&d, &Guidance { like: Vec::new(), unlike: vec![example] });
        assert!(after.recommendations.is_empty());
    }
}
