//! A report and its response are one review: the recommendations extracted from both are
//! matched — by label, then by the report paragraph a response cites, then by the
//! similarity of their text — so each appears once, with its text from the report and its
//! reply from the response. A recommendation the response does not answer is marked so.

use super::{Extracted, Extraction, Span};
use crate::model::Stance;
use std::collections::HashSet;

/// How a report's recommendation was matched to the response's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum MatchedBy {
    /// The same label ("3" and "Recommendation 3", "R12" and "12").
    Label,
    /// The response cites the report paragraph that holds the recommendation.
    Paragraph,
    /// Their texts are alike.
    Text,
    /// Found in one document only.
    Unmatched,
}

/// One recommendation of the review, from the report, the response or both.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Matched {
    /// Its label (the report's when both have one).
    pub label: String,
    /// Index of the item in the report's extraction.
    pub report: Option<usize>,
    /// Index of the item in the response's extraction.
    pub response: Option<usize>,
    /// How the two were matched.
    pub by: MatchedBy,
    /// Its text (the report's when it has it).
    pub text: String,
    /// The reply in the response document, if any.
    pub reply: Option<Span>,
    /// The stance the reply suggests; `NotAnswered` when the response has no reply to it.
    pub suggested_stance: Option<Stance>,
    /// The sentence that justified the stance.
    pub stance_evidence: Option<String>,
}

impl Matched {
    /// True when the response has no reply to this recommendation.
    pub fn not_answered(&self) -> bool {
        self.reply.is_none()
    }
}

/// A label made comparable: lower case, "recommendation"/"rec"/"r" and punctuation dropped.
fn label_key(label: &str) -> String {
    let l = label.trim().to_lowercase();
    let l =
        l.trim_start_matches("recommendation").trim_start_matches("rec.").trim_start_matches("rec").trim();
    let l = if l.len() > 1 && l.starts_with('r') && l[1..].bytes().all(|b| b.is_ascii_digit()) {
        &l[1..]
    } else {
        l
    };
    l.trim_matches(|c: char| !c.is_alphanumeric()).trim_start_matches('0').to_owned()
}

/// The words of a text, lower case, for similarity.
fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 2).map(str::to_lowercase).collect()
}

/// Similarity of two texts: shared words over the smaller text's words (a response often
/// quotes the recommendation in part).
fn similarity(a: &HashSet<String>, b: &HashSet<String>) -> f32 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f32 / smaller as f32
}

/// Least similarity for a match by text.
const SIMILAR: f32 = 0.6;

/// Match the recommendations of a report and of its response. Every item of either
/// document appears once, in report order, the response's unmatched items last.
pub fn match_documents(report: &Extraction, response: &Extraction) -> Vec<Matched> {
    let r = &report.recommendations;
    let s = &response.recommendations;
    let mut pair: Vec<Option<(usize, MatchedBy)>> = vec![None; r.len()];
    let mut used = vec![false; s.len()];

    // 1. Labels printed in both documents, when a label is unique on both sides (a label
    // made up from the position says nothing: a response may skip or reorder items).
    let unique =
        |items: &[Extracted], key: &str| items.iter().filter(|x| label_key(&x.label) == key).count() == 1;
    for (i, item) in r.iter().enumerate() {
        let key = label_key(&item.label);
        if key.is_empty() || !item.printed_label || !unique(r, &key) || !unique(s, &key) {
            continue;
        }
        if let Some(j) = s.iter().position(|x| label_key(&x.label) == key)
            && !used[j]
            && s[j].printed_label
        {
            pair[i] = Some((j, MatchedBy::Label));
            used[j] = true;
        }
    }
    // 2. The report paragraph a response item cites: "(Paragraph 127)".
    for (j, item) in s.iter().enumerate() {
        if used[j] {
            continue;
        }
        let Some(cited) = item.paragraph_ref.as_deref() else { continue };
        let holder = report.paragraphs.iter().find(|p| p.label == cited).map(|p| (p.start, p.end));
        let found = (0..r.len()).find(|&i| {
            pair[i].is_none()
                && (r[i].printed_label && label_key(&r[i].label) == label_key(cited)
                    || r[i].paragraph_ref.as_deref() == Some(cited)
                    || holder.is_some_and(|(ps, pe)| ps <= r[i].start && r[i].start < pe))
        });
        if let Some(i) = found {
            pair[i] = Some((j, MatchedBy::Paragraph));
            used[j] = true;
        }
    }
    // 3. Text similarity, best pairs first.
    let rw: Vec<HashSet<String>> = r.iter().map(|x| words(&x.text)).collect();
    let sw: Vec<HashSet<String>> = s.iter().map(|x| words(&x.text)).collect();
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for i in (0..r.len()).filter(|&i| pair[i].is_none()) {
        for j in (0..s.len()).filter(|&j| !used[j]) {
            let sim = similarity(&rw[i], &sw[j]);
            if sim >= SIMILAR {
                candidates.push((sim, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, i, j) in candidates {
        if pair[i].is_none() && !used[j] {
            pair[i] = Some((j, MatchedBy::Text));
            used[j] = true;
        }
    }

    let mut out: Vec<Matched> = r
        .iter()
        .enumerate()
        .map(|(i, item)| match pair[i] {
            Some((j, by)) => joined(item, Some(i), &s[j], Some(j), by),
            None => Matched {
                label: item.label.clone(),
                report: Some(i),
                response: None,
                by: MatchedBy::Unmatched,
                text: item.text.clone(),
                reply: None,
                suggested_stance: Some(Stance::NotAnswered),
                stance_evidence: None,
            },
        })
        .collect();
    for (j, item) in s.iter().enumerate().filter(|&(j, _)| !used[j]) {
        out.push(joined(item, None, item, Some(j), MatchedBy::Unmatched));
    }
    out
}

fn joined(
    text_from: &Extracted,
    report: Option<usize>,
    reply_from: &Extracted,
    response: Option<usize>,
    by: MatchedBy,
) -> Matched {
    let answered = reply_from.response.is_some();
    Matched {
        label: text_from.label.clone(),
        report,
        response,
        by,
        text: text_from.text.clone(),
        reply: reply_from.response.clone(),
        suggested_stance: if answered { reply_from.suggested_stance } else { Some(Stance::NotAnswered) },
        stance_evidence: if answered { reply_from.stance_evidence.clone() } else { None },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compare_across_styles() {
        assert_eq!(label_key("Recommendation 3"), "3");
        assert_eq!(label_key("R12"), "12");
        assert_eq!(label_key("012/22"), "12/22");
        assert_eq!(label_key("A"), "a");
    }
}
