//! Recommendation and response detection.
//!
//! Extraction runs in passes over the document's blocks: [`units`] says what each block
//! looks like (label, heading, reply marker, bold…); [`accept`] decides which labels are
//! recommendations from their context; [`replies`] finds how far each runs and which
//! paragraphs reply to it; [`stance`] and [`kind`] make suggestions from the wording.

mod accept;
mod kind;
mod labels;
mod paragraphs;
mod replies;
mod stance;
mod tables;
mod text;
mod units;

use crate::document::SourceText;
use crate::model::{RecommendationKind, Stance};
use std::collections::HashMap;

/// Everything extraction found in one document.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Extraction {
    /// Recommendations and conclusions, in document order.
    pub recommendations: Vec<Extracted>,
    /// Numbered paragraphs (`4.4`) that recommendations and replies may cite.
    pub paragraphs: Vec<ParagraphRef>,
}

/// One recommendation or conclusion found in a document.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Extracted {
    /// Label as printed (`"A"`, `"12"` for "Recommendation 12", `"R12"`).
    pub label: String,
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
    /// Name of the rule that recognised it, for `--explain`.
    #[serde(skip)]
    pub rule: &'static str,
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

/// Character offset of byte `byte` inside block text `raw` that starts at char `start`.
fn char_in_block(raw: &str, start: usize, byte: usize) -> usize {
    start + raw.get(..byte.min(raw.len())).map_or(0, |s| s.chars().count())
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

/// Find the recommendations, their replies and the numbered paragraphs of a document.
pub fn extract(doc: &SourceText) -> Extraction {
    let units = units::analyse(doc);
    let starts = accept::accept(&units);
    let placed = replies::place(&units, &starts, doc);
    let headings = heading_above(&units);
    let mut recommendations = Vec::with_capacity(placed.len());
    let mut stance_cache: HashMap<(usize, usize), Option<(Stance, String)>> = HashMap::new();
    let response_doc = placed.iter().any(|p| p.reply.is_some());
    for p in &placed {
        let u = &units[p.start.unit];
        let raw = doc.block_text(u.block);
        let label_len = u.label.as_ref().map_or(0, |m| m.len);
        let body_start = char_in_block(raw, u.start, u.lead + label_len);
        let end = units[p.last].end;
        let text = clean_text(doc.slice(body_start, end));
        let response = p.reply.map(|(first, offset, last)| {
            let first_raw = doc.block_text(units[first].block);
            let start = char_in_block(first_raw, units[first].start, offset);
            let end = units[last].end;
            Span { start, end, text: doc.slice(start, end).to_owned() }
        });
        let (suggested_stance, stance_evidence) = match &response {
            Some(r) => {
                let found = stance_cache.entry((r.start, r.end)).or_insert_with(|| stance::suggest(&r.text));
                match found {
                    Some((st, ev)) => (Some(*st), Some(ev.clone())),
                    None => (None, None),
                }
            }
            None if response_doc => (Some(Stance::NotAnswered), None),
            None => (None, None),
        };
        let kind =
            u.label.as_ref().and_then(|m| m.kind).or(p.start.kind).unwrap_or_else(|| kind::suggest(&text));
        recommendations.push(Extracted {
            label: p.start.label.clone(),
            kind,
            start: u.start,
            end,
            paragraph_ref: paragraphs::back_reference(&text),
            text,
            response,
            section: headings.get(p.start.unit).copied().flatten().map(|h| heading_title(doc, &units[h])),
            suggested_stance,
            stance_evidence,
            rule: p.start.rule,
        });
    }
    recommendations.extend(tables::extract(doc, &units));
    recommendations.sort_by_key(|r| r.start);
    assign_sections(&mut recommendations);
    Extraction { recommendations, paragraphs: paragraphs::collect(&units) }
}

/// Index of the nearest heading above each unit (not counting labels and reply markers).
fn heading_above(units: &[units::Unit]) -> Vec<Option<usize>> {
    let mut current = None;
    units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let here = current;
            if u.heading.is_some() && u.label.is_none() && u.marker.is_none() {
                current = Some(i);
            }
            here
        })
        .collect()
}

/// The title of a heading unit, whitespace collapsed.
fn heading_title(doc: &SourceText, unit: &units::Unit) -> String {
    let raw = doc.block_text(unit.block);
    let title = text::strip_emphasis_end(raw.get(unit.lead..).unwrap_or("")).trim();
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Keep `section` only where labels restart; make restarted labels distinct.
fn assign_sections(recs: &mut [Extracted]) {
    let mut seen: HashMap<(String, bool), usize> = HashMap::new();
    let mut restarts = false;
    for r in recs.iter() {
        let key = (r.label.clone(), r.kind == RecommendationKind::Conclusion && r.rule == "named");
        if seen.insert(key, 0).is_some() {
            restarts = true;
            break;
        }
    }
    if !restarts {
        for r in recs.iter_mut() {
            r.section = None;
        }
        return;
    }
    // Number the parts: a new part starts whenever a label repeats within the current one.
    let mut part = 1;
    let mut in_part: HashMap<String, ()> = HashMap::new();
    let mut part_names: Vec<Option<String>> = Vec::new();
    let mut part_of = Vec::with_capacity(recs.len());
    for r in recs.iter() {
        if in_part.insert(r.label.clone(), ()).is_some() {
            part += 1;
            in_part.clear();
            in_part.insert(r.label.clone(), ());
        }
        if part_names.len() < part {
            part_names.push(r.section.clone());
        }
        part_of.push(part);
    }
    let mut names_distinct = part_names.iter().all(Option::is_some);
    let mut sorted: Vec<_> = part_names.iter().flatten().collect();
    sorted.sort();
    sorted.dedup();
    names_distinct &= sorted.len() == part_names.len();
    for (r, &p) in recs.iter_mut().zip(&part_of) {
        r.section = if names_distinct { part_names[p - 1].clone() } else { Some(format!("Part {p}")) };
    }
}
