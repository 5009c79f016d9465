//! Recommendation and reply extraction: a scored model over candidates.
//!
//! Every block of the block model, and every sentence of a block that may hold more than
//! one item, is a candidate ([`candidates`]). Each gets evidence ([`features`]): the section
//! it sits in, its label and whether labels run in sequence, modal, recommending and
//! imperative wording, the addressee, its list and its look-alikes, and counter-evidence
//! (a quoted earlier recommendation, "we do not recommend", findings, lessons, navigation).
//! A logistic model ([`model`]) turns the evidence into a confidence; the vocabulary is data
//! (`assets/extract/en.ron`), the weights too (`assets/extract/weights.ron`). Accepted
//! candidates become items ([`select`]), each paired with its reply ([`replies`]) and a
//! suggested stance ([`stance`]). A reviewer's example ("more like this", "not a
//! recommendation") steers the result ([`teach`]); a report and its response are matched
//! ([`matching`]).

mod candidates;
mod features;
mod kind;
mod labels;
mod layout;
pub mod matching;
mod model;
mod paragraphs;
mod replies;
pub mod score;
mod sections;
mod select;
mod stance;
mod tables;
pub mod teach;
mod text;
pub mod training;
mod vocab;

pub use candidates::{Form, SectionNames, Signature, Wording};
pub use features::Feature;
pub use labels::LabelShape;
pub use model::{ACCEPT, CERTAIN};
pub use teach::Guidance;

use crate::document::SourceText;
use crate::model::{RecommendationKind, Stance};
use candidates::Piece;
use features::FeatureVec;
use layout::Unit;
use model::{Scored, Weights};
use sections::Sections;

/// Everything extraction found in one document.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Extraction {
    /// Recommendations and conclusions, in document order.
    pub recommendations: Vec<Extracted>,
    /// Numbered paragraphs (`4.4`) that recommendations and replies may cite.
    pub paragraphs: Vec<ParagraphRef>,
}

impl Extraction {
    /// How many items are flagged uncertain (confidence below [`CERTAIN`]), for "31 found,
    /// 4 uncertain".
    pub fn uncertain_count(&self) -> usize {
        self.recommendations.iter().filter(|r| r.uncertain).count()
    }
}

/// One recommendation or conclusion found in a document.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Extracted {
    /// Label as printed (`"A"`, `"12"` for "Recommendation 12", `"R12"`, `"012/22"`), or
    /// its position when none is printed.
    pub label: String,
    /// True when the label is printed in the document, false when it is the position.
    pub printed_label: bool,
    /// Recommendation (an instruction) or conclusion (an observation).
    pub kind: RecommendationKind,
    /// First character of the recommendation (its label included).
    pub start: usize,
    /// End of the recommendation, exclusive.
    pub end: usize,
    /// The recommendation's text without its printed label.
    pub text: String,
    /// The reply that answers it; shared by every recommendation of a group.
    pub response: Option<Span>,
    /// Part of the document the label belongs to, when labels restart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The stance the reply's wording suggests (a suggestion, never the reviewer's judgement).
    pub suggested_stance: Option<Stance>,
    /// The sentence that justified the suggested stance.
    pub stance_evidence: Option<String>,
    /// The report paragraph the recommendation refers back to (`"(Paragraph 127)"` → `"127"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph_ref: Option<String>,
    /// How sure extraction is that this is a recommendation, from 0 to 1.
    pub confidence: f32,
    /// Confidence below [`CERTAIN`]: the review step should ask the reviewer.
    pub uncertain: bool,
    /// Page the recommendation starts on, for paged sources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The evidence that made the confidence, strongest first (`--explain`).
    #[serde(skip)]
    pub evidence: Vec<Evidence>,
    /// Its structural signature, for "find more like this".
    #[serde(skip)]
    pub signature: Option<Signature>,
}

/// One piece of evidence behind an item's confidence.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Evidence {
    /// The feature's name (`"end-code"`, `"section-recommendations"`, `"modal-early"`).
    pub feature: &'static str,
    /// Its contribution to the item's score (log-odds): positive for, negative against.
    pub weight: f32,
}

/// A range of the document with its text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    /// First character, inclusive.
    pub start: usize,
    /// Last character, exclusive.
    pub end: usize,
    /// The text in that range.
    pub text: String,
}

/// A numbered paragraph of the document (`1.1`, `4.4`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ParagraphRef {
    /// The number as printed.
    pub label: String,
    /// First character of the paragraph (number included).
    pub start: usize,
    /// End of the paragraph, exclusive.
    pub end: usize,
}

/// Find the recommendations, their replies and the numbered paragraphs of a document.
pub fn extract(doc: &SourceText) -> Extraction {
    extract_guided(doc, &Guidance::default())
}

/// Extraction steered by the reviewer's examples: every candidate that looks like a `like`
/// example is kept, every one that looks like an `unlike` example is dropped.
pub fn extract_guided(doc: &SourceText, guidance: &Guidance) -> Extraction {
    Analysis::new(doc, &model::WEIGHTS).extraction(guidance)
}

/// A document analysed down to scored candidates; the shared first half of extraction,
/// teaching and training.
pub(crate) struct Analysis<'a> {
    pub(crate) doc: &'a SourceText,
    pub(crate) units: Vec<Unit>,
    pub(crate) sections: Sections,
    pub(crate) pieces: Vec<Piece>,
    pub(crate) signatures: Vec<Signature>,
    pub(crate) scored: Vec<Scored>,
    weights: &'a Weights,
}

impl<'a> Analysis<'a> {
    /// Analyse `doc` and score its candidates with `weights`.
    pub(crate) fn new(doc: &'a SourceText, weights: &'a Weights) -> Analysis<'a> {
        let units = layout::analyse(doc);
        let sections = Sections::build(doc, &units);
        let pieces = candidates::pieces(doc, &units);
        let ctx = features::Context::new(doc, &units, &sections, &pieces);
        let own: Vec<FeatureVec> = (0..pieces.len()).map(|k| features::own(&ctx, &pieces, k)).collect();
        let signatures: Vec<Signature> = pieces
            .iter()
            .zip(&own)
            .map(|(p, f)| candidates::signature(doc, &units, &sections, p, f))
            .collect();
        let labels: Vec<Option<String>> = pieces
            .iter()
            .map(|p| {
                p.end_code.clone().or_else(|| p.start_code.clone()).or_else(|| {
                    (p.index == 0).then(|| units[p.unit].label.as_ref().map(|l| l.label.clone())).flatten()
                })
            })
            .collect();
        let section_of: Vec<Option<usize>> =
            pieces.iter().map(|p| sections.enclosing_index(p.unit)).collect();
        let scored = model::score(weights, own, &signatures, &labels, &section_of);
        Analysis { doc, units, sections, pieces, signatures, scored, weights }
    }

    /// The candidate (piece) that holds character offset `at`, or the first after it.
    pub(crate) fn candidate_at(&self, at: usize) -> Option<usize> {
        let byte = self.doc.char_to_byte(at);
        let k = self.pieces.partition_point(|p| p.end <= byte);
        (k < self.pieces.len()).then_some(k)
    }

    /// Confidence of every candidate after the reviewer's guidance.
    fn guided_confidence(&self, guidance: &Guidance) -> Vec<f32> {
        let mut confidence: Vec<f32> = self.scored.iter().map(|s| s.confidence).collect();
        let like: Vec<&Signature> = guidance
            .like
            .iter()
            .filter_map(|r| self.candidate_at(r.start))
            .map(|k| &self.signatures[k])
            .collect();
        let unlike: Vec<&Signature> = guidance
            .unlike
            .iter()
            .filter_map(|r| self.candidate_at(r.start))
            .map(|k| &self.signatures[k])
            .collect();
        for (k, c) in confidence.iter_mut().enumerate() {
            if like.contains(&&self.signatures[k]) && !features::counter_evidence(&self.scored[k].features) {
                *c = c.max(teach::LIKE_CONFIDENCE);
            }
            if unlike.contains(&&self.signatures[k]) {
                *c = c.min(teach::UNLIKE_CONFIDENCE);
            }
        }
        confidence
    }

    /// The extraction, steered by `guidance`.
    pub(crate) fn extraction(&self, guidance: &Guidance) -> Extraction {
        let confidence = self.guided_confidence(guidance);
        let own: Vec<FeatureVec> = self.scored.iter().map(|s| s.features.clone()).collect();
        let selection = select::Selection {
            doc: self.doc,
            units: &self.units,
            sections: &self.sections,
            pieces: &self.pieces,
            features: &own,
            signatures: &self.signatures,
            confidence: &confidence,
        };
        let kept = selection.accepted();
        let response_mode = self.response_mode(&kept);
        let items = selection.items(&kept, response_mode);
        let finder =
            replies::Replies { doc: self.doc, units: &self.units, pieces: &self.pieces, items: &items };
        let found_replies = finder.find(response_mode);
        let response_doc = found_replies.iter().any(Option::is_some);
        let mut recommendations = Vec::with_capacity(items.len());
        let mut stance_cache: std::collections::HashMap<(usize, usize), Option<(Stance, String)>> =
            std::collections::HashMap::new();
        for (item, reply) in items.iter().zip(found_replies) {
            let k = item.piece;
            let text = clean_text(&self.doc.text[item.body..item.end]);
            let response = reply.map(|(s, e)| Span {
                start: self.doc.byte_to_char(s),
                end: self.doc.byte_to_char(e),
                text: self.doc.text[s..e].to_owned(),
            });
            let (suggested_stance, stance_evidence) = match &reply {
                Some(range) => {
                    let found = stance_cache
                        .entry(*range)
                        .or_insert_with(|| stance::suggest(&self.doc.text[range.0..range.1]));
                    match found {
                        Some((st, ev)) => (Some(*st), Some(ev.clone())),
                        None => (None, None),
                    }
                }
                None if response_doc => (Some(Stance::NotAnswered), None),
                None => (None, None),
            };
            let kind = match (item.conclusion, item.named_recommendation) {
                (true, _) => RecommendationKind::Conclusion,
                (false, true) => RecommendationKind::Recommendation,
                _ => kind::suggest(&text),
            };
            let conf = confidence[k];
            recommendations.push(Extracted {
                label: item.label.clone(),
                printed_label: item.printed_label,
                kind,
                start: self.doc.byte_to_char(item.start),
                end: self.doc.byte_to_char(item.end),
                paragraph_ref: paragraphs::back_reference(&text),
                text,
                response,
                section: None,
                suggested_stance,
                stance_evidence,
                confidence: conf,
                uncertain: conf < CERTAIN,
                page: self.units[self.pieces[k].unit]
                    .page
                    .or_else(|| self.doc.page_at(self.doc.byte_to_char(item.start))),
                evidence: self.evidence(k, guidance),
                signature: Some(self.signatures[k].clone()),
            });
        }
        recommendations.extend(tables::extract(self.doc, &self.units));
        recommendations.sort_by_key(|r| r.start);
        assign_sections(self.doc, &self.units, &self.sections, &mut recommendations);
        Extraction { recommendations, paragraphs: paragraphs::collect(self.doc, &self.units) }
    }

    /// The evidence behind candidate `k`'s confidence, strongest first.
    fn evidence(&self, k: usize, guidance: &Guidance) -> Vec<Evidence> {
        let mut out: Vec<Evidence> = self.scored[k]
            .features
            .iter()
            .map(|&(f, x)| Evidence { feature: f.key(), weight: self.weights.weight(f, true) * x })
            .filter(|e| e.weight.abs() >= 0.005)
            .collect();
        out.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
        if !guidance.like.is_empty() || !guidance.unlike.is_empty() {
            let c = self.scored[k].confidence;
            let guided = self.guided_confidence(guidance)[k];
            if guided > c {
                out.insert(0, Evidence { feature: "like-example", weight: 0.0 });
            }
        }
        out
    }

    /// True when the document replies to its recommendations: the text right after most
    /// of them reads as a reply ("The Government agrees…").
    fn response_mode(&self, kept: &[usize]) -> bool {
        let mut groups = 0;
        let mut replied = 0;
        for (n, &k) in kept.iter().enumerate() {
            let unit = self.pieces[k].unit;
            let next_kept_unit = kept.get(n + 1).map(|&j| self.pieces[j].unit);
            let next = (unit + 1..self.units.len()).find(|&j| !self.units[j].aside);
            let Some(j) = next else {
                groups += 1;
                break;
            };
            if Some(j) == next_kept_unit {
                continue; // grouped with the next one
            }
            groups += 1;
            let u = &self.units[j];
            let t = text::fold(&self.doc.text[u.body..u.end.min(u.body + 300)]);
            if replies::follows_as_reply(&t)
                || u.is_section_heading() && vocab::VOCABULARY.reply_marker.is_match(&t)
            {
                replied += 1;
            }
        }
        replied >= 2 && replied * 10 >= groups * 3
    }
}

/// Trim whitespace and unbalanced emphasis markers from the ends of a recommendation.
fn clean_text(s: &str) -> String {
    let mut t = s.trim();
    for marker in ["**", "__"] {
        if t.matches(marker).count() % 2 == 1 {
            if let Some(rest) = t.strip_prefix(marker) {
                t = rest.trim_start();
            } else if let Some(rest) = t.strip_suffix(marker) {
                t = rest.trim_end();
            }
        }
    }
    t.to_owned()
}

/// Where labels restart (two parts each with a Recommendation 1), name each item's part
/// after the heading above it, so labels stay distinct.
fn assign_sections(doc: &SourceText, units: &[Unit], sections: &Sections, recs: &mut [Extracted]) {
    let mut seen = std::collections::HashSet::new();
    let restarts = recs.iter().any(|r| !seen.insert(r.label.clone()));
    if !restarts {
        return;
    }
    // Number the parts: a new part starts whenever a label repeats within the current one.
    let mut part = 1;
    let mut in_part = std::collections::HashSet::new();
    let mut part_names: Vec<Option<String>> = Vec::new();
    let mut part_of = Vec::with_capacity(recs.len());
    for r in recs.iter() {
        if !in_part.insert(r.label.clone()) {
            part += 1;
            in_part.clear();
            in_part.insert(r.label.clone());
        }
        if part_names.len() < part {
            part_names.push(part_title(doc, units, sections, r.start));
        }
        part_of.push(part);
    }
    let mut distinct: Vec<&String> = part_names.iter().flatten().collect();
    distinct.sort();
    distinct.dedup();
    let named = part_names.iter().all(Option::is_some) && distinct.len() == part_names.len();
    for (r, &p) in recs.iter_mut().zip(&part_of) {
        r.section = if named { part_names[p - 1].clone() } else { Some(format!("Part {p}")) };
    }
}

/// The title of the highest heading above character `at` that is below the top level and
/// does not name a single recommendation: the part a restarted label belongs to.
fn part_title(doc: &SourceText, units: &[Unit], sections: &Sections, at: usize) -> Option<String> {
    let byte = doc.char_to_byte(at);
    let unit = units.partition_point(|u| u.start <= byte).checked_sub(1)?;
    let mut h = sections.of_unit.get(unit).copied().flatten();
    let mut best = None;
    while let Some(index) = h {
        let heading = &sections.headings[index];
        let u = &units[heading.unit];
        if !u.lone_label && heading.level > 1 {
            let title = text::strip_emphasis_end(u.content_text(doc))
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            best = Some(title);
        }
        h = heading.parent;
    }
    best
}
