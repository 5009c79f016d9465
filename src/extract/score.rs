//! Scoring an extraction against a hand-labelled truth file, exactly as the shared
//! `score_extraction.py` does: a truth recommendation is found when an extracted one, taken
//! in document order, contains the truth's opening words (first 40 characters, whitespace,
//! case, Markdown emphasis and HTML entities ignored) within its first 440 characters; a
//! reply is right when the recommendation's response contains the truth reply's opening.
//! Used by the corpus test and by weight fitting.

use super::Extraction;
use serde::Deserialize;

/// Characters of the truth's opening words that must match.
const PREFIX: usize = 40;
/// How far into the extracted text they may start.
const WINDOW: usize = 400;

/// A truth file (the fields scoring needs).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Truth {
    /// Recommendations in document order.
    #[serde(default)]
    pub recommendations: Vec<TruthRecommendation>,
    /// Replies and the recommendations they answer.
    #[serde(default)]
    pub responses: Vec<TruthResponse>,
}

/// One labelled recommendation.
#[derive(Debug, Clone, Deserialize)]
pub struct TruthRecommendation {
    /// Its id (label).
    pub id: String,
    /// Its opening words.
    pub starts_with: String,
}

/// One labelled reply.
#[derive(Debug, Clone, Deserialize)]
pub struct TruthResponse {
    /// Ids of the recommendations it answers.
    pub to: Vec<String>,
    /// Its opening words.
    pub starts_with: String,
}

/// The figures for one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    /// Truth recommendations found.
    pub found: usize,
    /// Recommendations extracted.
    pub extracted: usize,
    /// Truth recommendations.
    pub wanted: usize,
    /// Precision, recall and F1 as the Python scorer computes them.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Reply pairs right.
    pub replies_right: usize,
    /// Reply pairs labelled.
    pub replies: usize,
    /// Ids of truth recommendations not found.
    pub missed: Vec<String>,
    /// Openings of extracted items that match no truth recommendation.
    pub extra: Vec<String>,
}

/// Decode the HTML entities the truth files may hold.
fn unescape(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&rsquo;", "’")
        .replace("&amp;", "&")
}

/// The scorer's normalisation: entities decoded, `*_`#>|\` dropped, curly quotes
/// straightened, whitespace collapsed, lower case.
pub fn norm(s: &str) -> String {
    let s = unescape(s);
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '#' | '>' | '|' | '\\'))
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn prefix(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// True when `text` contains the opening words `opening` near its start.
pub fn contains_opening(text: &str, opening: &str) -> bool {
    let key = prefix(&norm(opening), PREFIX);
    !key.is_empty() && prefix(&norm(text), WINDOW + PREFIX).contains(&key)
}

/// Score `extraction` against `truth`.
pub fn score(truth: &Truth, extraction: &Extraction) -> Score {
    let got = &extraction.recommendations;
    let mut matched: Vec<Option<usize>> = vec![None; truth.recommendations.len()];
    let mut missed = Vec::new();
    let mut j = 0;
    for (t, slot) in truth.recommendations.iter().zip(matched.iter_mut()) {
        match (j..got.len()).find(|&k| contains_opening(&got[k].text, &t.starts_with)) {
            Some(k) => {
                *slot = Some(k);
                j = k + 1;
            }
            None => missed.push(t.id.clone()),
        }
    }
    let used: Vec<usize> = matched.iter().flatten().copied().collect();
    let extra = (0..got.len()).filter(|k| !used.contains(k)).map(|k| prefix(&got[k].text, 50)).collect();
    let tp = used.len();
    let precision = if got.is_empty() {
        if truth.recommendations.is_empty() { 1.0 } else { 0.0 }
    } else {
        tp as f64 / got.len() as f64
    };
    let recall =
        if truth.recommendations.is_empty() { 1.0 } else { tp as f64 / truth.recommendations.len() as f64 };
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    let mut replies = 0;
    let mut replies_right = 0;
    for r in &truth.responses {
        for id in &r.to {
            replies += 1;
            let index = truth.recommendations.iter().position(|t| &t.id == id);
            let item = index.and_then(|i| matched[i]).map(|k| &got[k]);
            if item
                .and_then(|g| g.response.as_ref())
                .is_some_and(|resp| contains_opening(&resp.text, &r.starts_with))
            {
                replies_right += 1;
            }
        }
    }
    Score {
        found: tp,
        extracted: got.len(),
        wanted: truth.recommendations.len(),
        precision,
        recall,
        f1,
        replies_right,
        replies,
        missed,
        extra,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_matches_the_python_scorer() {
        assert_eq!(norm("**The  Committee’s**\n`view` &amp; #1"), "the committee's view & 1");
        assert!(contains_opening(
            "Heading\n\nThe Department **should** act now.",
            "The department should act"
        ));
    }
}
