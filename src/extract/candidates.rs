//! Candidates: every place a recommendation could start. A block's content is one
//! candidate; a block whose text may hold more than one item (a paragraph of reported
//! recommendations, a list of coded recommendations, a bold sentence in a paragraph) is
//! split into sentences, each a candidate, and a recommendation reported in the second half
//! of a sentence ("… expressed concern and recommended that …") starts a candidate of its own.

use super::labels::{self, LabelShape};
use super::layout::{self, Unit};
use super::sections::Sections;
use super::text;
use crate::document::{BlockKind, SourceText};

/// A piece of a block's text: the whole content, or one sentence of it. Byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    /// Index of the unit (block) it is in.
    pub(crate) unit: usize,
    /// First byte (after the label for the first piece of a block).
    pub(crate) start: usize,
    /// End, exclusive.
    pub(crate) end: usize,
    /// 0 for the first piece of its unit.
    pub(crate) index: usize,
    /// Starts in the middle of a sentence, at a recommending verb.
    pub(crate) clause: bool,
    /// A code opening the piece (`(005/12) Accepted.`).
    pub(crate) start_code: Option<String>,
    /// A code ending the piece (`… (012/22)`, `… (Recommendation 3)`).
    pub(crate) end_code: Option<String>,
    /// The piece opens with bold text (a bold sentence inside a paragraph).
    pub(crate) bold_start: bool,
}

/// The structural signature of a candidate: what it shares with its look-alikes. Two
/// candidates look alike when they have the same form (heading level, paragraph, list item,
/// sentence), list depth, label shape, code at the end, and sit in sections of the same
/// level and kind; sentences must also open with the same kind of wording.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Signature {
    /// What kind of text it is.
    pub form: Form,
    /// List nesting depth.
    pub depth: u8,
    /// The shape of its printed label at the start, if any.
    pub label: Option<LabelShape>,
    /// It ends with a code (`(Recommendation 3)`, `(012/22)`).
    pub end_code: bool,
    /// Level of the heading of the section it is in (None before any heading).
    pub section_level: Option<u8>,
    /// What that section's heading names.
    pub section_kind: SectionNames,
    /// For sentences and clauses: how the sentence opens.
    pub wording: Option<Wording>,
}

/// What a section's heading names, for signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum SectionNames {
    /// Recommendations.
    Recommendations,
    /// Something that is not recommendations (findings, safety actions).
    Other,
    /// Nothing in particular, or there is no heading.
    Nothing,
}

/// How a sentence opens, for signatures of sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Wording {
    /// With a recommending verb ("It recommended that", "The Commission recommends").
    Recommending,
    /// With a modal verb ("The portal should").
    Modal,
    /// With an imperative ("Ensure").
    Imperative,
    /// Otherwise.
    Other,
}

/// The form of a candidate, for signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Form {
    /// A heading of this level.
    Heading(u8),
    /// A paragraph (its first sentence).
    Paragraph,
    /// A list item (its first sentence).
    ListItem,
    /// A block quote.
    Quote,
    /// A sentence inside a paragraph, after its first.
    Sentence,
    /// The second half of a sentence, from a recommending verb.
    Clause,
}

/// The pieces of every unit, in document order.
pub(crate) fn pieces(doc: &SourceText, units: &[Unit]) -> Vec<Piece> {
    let bold = layout::BoldRuns::new(doc);
    let mut out = Vec::with_capacity(units.len() + units.len() / 4);
    for (i, u) in units.iter().enumerate() {
        if u.aside || matches!(u.kind, BlockKind::TableRow | BlockKind::Footnote) {
            continue;
        }
        let first = out.len();
        let text = &doc.text[u.body..u.end];
        if u.is_body() && needs_split(doc, u, text) {
            split(doc, &bold, i, u, text, &mut out);
        } else {
            out.push(whole(doc, &bold, i, u, text));
        }
        for (k, p) in out[first..].iter_mut().enumerate() {
            p.index = k;
        }
    }
    out
}

fn whole(doc: &SourceText, bold: &layout::BoldRuns, i: usize, u: &Unit, text: &str) -> Piece {
    Piece {
        unit: i,
        start: u.body,
        end: u.end,
        index: 0,
        clause: false,
        start_code: None,
        end_code: labels::end_code(text).map(|c| c.0),
        bold_start: u.bold || bold.starts(doc, u.body, u.end),
    }
}

/// True when a block may hold more than one item or a reply after its item.
fn needs_split(doc: &SourceText, u: &Unit, text: &str) -> bool {
    if text.len() < 40 {
        return false;
    }
    let bytes = text.as_bytes();
    let recommend = bytes.windows(9).any(|w| w.eq_ignore_ascii_case(b"recommend"));
    let codes = text.contains("/")
        && text.contains('(')
        && bytes.windows(2).any(|w| w[0] == b'(' && w[1].is_ascii_digit());
    let inner_bold = !u.bold && (text.get(2..).is_some_and(|t| t.contains("**")) || has_inner_bold(doc, u));
    recommend || codes || inner_bold || text.contains("\n(")
}

fn has_inner_bold(doc: &SourceText, u: &Unit) -> bool {
    let start = doc.byte_to_char(u.body) + 2;
    let end = doc.byte_to_char(u.end);
    doc.styles
        .iter()
        .any(|r| r.style == crate::document::InlineStyle::Bold && r.start >= start && r.start < end)
}

fn split(doc: &SourceText, bold: &layout::BoldRuns, i: usize, u: &Unit, text: &str, out: &mut Vec<Piece>) {
    let mut ranges = text::sentences(text);
    // A sentence that is only a code belongs to the sentence before: "… backlog.\n(Recommendation 1)".
    let mut k = 1;
    while k < ranges.len() {
        let (s, e) = ranges[k];
        if labels::end_code(&text[s..e]).is_some_and(|(_, at)| at == 0) {
            ranges[k - 1].1 = e;
            ranges.remove(k);
        } else {
            k += 1;
        }
    }
    for (k, &(s, e)) in ranges.iter().enumerate() {
        let piece_text = &text[s..e];
        let (start_code, skip) = match labels::code_at_start(piece_text) {
            Some((code, taken)) => (Some(code), taken),
            None => (None, 0),
        };
        let start = if k == 0 { u.body } else { u.body + s + skip };
        let end = u.body + e;
        // The second half of a sentence that recommends: "… concern and recommended that …".
        if let Some(at) = clause_start(piece_text) {
            out.push(piece(doc, bold, i, start, u.body + s + at, start_code.clone()));
            let mut clause = piece(doc, bold, i, u.body + s + at, end, None);
            clause.clause = true;
            out.push(clause);
            continue;
        }
        out.push(piece(doc, bold, i, start, end, start_code));
    }
    if out.last().is_none_or(|p| p.unit != i) {
        out.push(whole(doc, bold, i, u, text));
    }
}

fn piece(
    doc: &SourceText,
    bold: &layout::BoldRuns,
    unit: usize,
    start: usize,
    end: usize,
    start_code: Option<String>,
) -> Piece {
    let text = &doc.text[start..end];
    Piece {
        unit,
        start,
        end,
        index: 0,
        clause: false,
        start_code,
        end_code: labels::end_code(text).map(|c| c.0),
        bold_start: bold.starts(doc, start, end),
    }
}

/// Where a recommending verb starts the second half of a sentence: "… and recommended that".
fn clause_start(sentence: &str) -> Option<usize> {
    super::vocab::VOCABULARY.recommend_clause.captures(sentence).and_then(|c| c.get(1)).map(|m| m.start())
}

/// The signature of a piece; `features` are its own features (for the wording of sentences).
pub(crate) fn signature(
    doc: &SourceText,
    units: &[Unit],
    sections: &Sections,
    p: &Piece,
    features: &super::features::FeatureVec,
) -> Signature {
    use super::features::Feature;
    use super::sections::SectionKind;
    let u = &units[p.unit];
    let form = if p.clause {
        Form::Clause
    } else if p.index > 0 {
        Form::Sentence
    } else if let Some(level) = u.heading {
        Form::Heading(level)
    } else {
        match u.kind {
            BlockKind::ListItem => Form::ListItem,
            BlockKind::Quote => Form::Quote,
            _ => Form::Paragraph,
        }
    };
    let heading = sections.enclosing(p.unit);
    let has = |f: Feature| features.iter().any(|&(g, _)| g == f);
    let wording = matches!(form, Form::Sentence | Form::Clause).then(|| {
        if has(Feature::RecommendPresent) || has(Feature::RecommendPast) {
            Wording::Recommending
        } else if has(Feature::ModalEarly) {
            Wording::Modal
        } else if has(Feature::Imperative) {
            Wording::Imperative
        } else {
            Wording::Other
        }
    });
    Signature {
        form,
        depth: u.depth,
        label: if p.index == 0 { u.label.as_ref().map(|l| l.shape) } else { None },
        end_code: p.end_code.is_some() || (p.index == 0 && unit_end_code(doc, u).is_some()),
        section_level: heading.map(|h| h.level),
        section_kind: match heading.map(|h| h.kind) {
            Some(SectionKind::Recommendations) => SectionNames::Recommendations,
            Some(SectionKind::Counter) => SectionNames::Other,
            _ => SectionNames::Nothing,
        },
        wording,
    }
}

/// The code ending a unit's text, if any.
pub(crate) fn unit_end_code(doc: &SourceText, u: &Unit) -> Option<String> {
    labels::end_code(&doc.text[u.body..u.end]).map(|c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn piece_texts(text: &str) -> Vec<String> {
        let doc = SourceText::parse(text.to_owned(), Format::Text);
        let units = super::super::layout::analyse(&doc);
        pieces(&doc, &units).iter().map(|p| doc.text[p.start..p.end].to_owned()).collect()
    }

    #[test]
    fn paragraphs_of_reported_recommendations_are_split() {
        let got = piece_texts(
            "16. The Committee expressed concern about safeguards. It recommended that Denmark act.18 It also recommended that Denmark inform prisoners.19\n",
        );
        assert_eq!(
            got,
            vec![
                "The Committee expressed concern about safeguards.",
                "It recommended that Denmark act.18",
                "It also recommended that Denmark inform prisoners.19"
            ]
        );
    }

    #[test]
    fn a_recommending_clause_starts_a_piece() {
        let got = piece_texts(
            "19. The Committee expressed concern about isolation and recommended that Denmark end it.22\n",
        );
        assert_eq!(
            got,
            vec![
                "The Committee expressed concern about isolation and ",
                "recommended that Denmark end it.22"
            ]
        );
    }

    #[test]
    fn a_lone_end_code_joins_its_sentence() {
        let got =
            piece_texts("The Commissioner should develop a plan for the backlog.\n(Recommendation 1)\n");
        assert_eq!(got, vec!["The Commissioner should develop a plan for the backlog.\n(Recommendation 1)"]);
    }
}
