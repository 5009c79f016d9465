//! Finding one quote in the folded new text: verbatim near where it is expected, else a
//! bit-parallel approximate search near there and where the quote's rare grams point,
//! every candidate scored on the quote, its context and its distance from the expected
//! place; below the acceptance threshold it is an orphan.

use super::grams::GramIndex;
use super::myers::Pattern;
use super::normal::{NormalText, fold_str};
use crate::model::TextQuote;

/// Weight of quote similarity in a candidate's score.
const W_QUOTE: f32 = 0.5;
/// Weight of each of prefix and suffix similarity.
const W_CONTEXT: f32 = 0.2;
/// Weight of closeness to the expected place.
const W_NEAR: f32 = 0.1;
/// Folded characters at which closeness counts half.
const NEAR_HALF: f32 = 2000.0;

/// A candidate scoring at least this is taken without looking further.
pub(crate) const SURE: f32 = 0.85;
/// A candidate scoring below this is not the passage: the passage is an orphan.
pub(crate) const ACCEPT: f32 = 0.6;

/// The largest number of edits a quote of `len` folded characters may have and still be
/// found: half of it, as the Hypothesis client allows; the score threshold decides.
fn error_budget(len: usize) -> usize {
    len / 2
}

/// A quote folded for matching.
pub(crate) struct Quote {
    /// The passage.
    pub exact: Vec<u8>,
    prefix: Vec<u8>,
    suffix: Vec<u8>,
}

impl Quote {
    /// Fold a stored quote.
    pub fn new(q: &TextQuote) -> Self {
        Self { exact: fold_str(&q.exact), prefix: fold_str(&q.prefix), suffix: fold_str(&q.suffix) }
    }
}

/// Where a quote was found in the folded text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Found {
    /// Folded start.
    pub start: usize,
    /// Folded end (exclusive).
    pub end: usize,
    /// Edits between the quote and the text found.
    pub errors: usize,
    /// 0..1: how sure the match is (quote, context and position together).
    pub score: f32,
}

impl Found {
    fn better_than(&self, other: &Option<Found>) -> bool {
        other.is_none_or(|o| self.score > o.score)
    }
}

/// The new text, folded and indexed, ready to find quotes in.
pub(crate) struct Haystack {
    /// The folded text.
    pub text: NormalText,
    index: GramIndex,
}

impl Haystack {
    /// Fold and index `text`.
    pub fn new(text: &str) -> Self {
        let text = NormalText::new(text);
        let index = GramIndex::new(&text.bytes);
        Self { text, index }
    }

    /// The best place for `quote`, expected near folded offset `hint`; None: an orphan.
    pub fn locate(&self, quote: &Quote, hint: usize) -> Option<Found> {
        let m = quote.exact.len();
        if m == 0 {
            return None;
        }
        if let Some(found) = self.verbatim_near(quote, hint) {
            return Some(found);
        }
        let forward = Pattern::new(&quote.exact);
        let backward = Pattern::reversed(&quote.exact);
        let mut best = None;
        let near = 256 + m;
        self.search(quote, &forward, &backward, hint.saturating_sub(near), hint + m + near, hint, &mut best);
        if best.is_some_and(|b: Found| b.score >= SURE) {
            return best;
        }
        let pattern = [&quote.prefix[..], &quote.exact, &quote.suffix].concat();
        let slack = m / 4 + 32;
        for (start, _) in self.index.candidates(&pattern, quote.prefix.len(), slack, 6) {
            let from = start.saturating_sub(slack);
            self.search(quote, &forward, &backward, from, start + m + slack, hint, &mut best);
        }
        if best.is_none_or(|b| b.score < SURE) {
            let wide = 4096 + 2 * m;
            self.search(quote, &forward, &backward, hint.saturating_sub(wide), hint + m + wide, hint, &mut best);
        }
        best.filter(|b| b.score >= ACCEPT)
    }

    /// A verbatim (folded) occurrence near `hint` whose context agrees.
    pub fn verbatim_near(&self, quote: &Quote, hint: usize) -> Option<Found> {
        let m = quote.exact.len();
        let bytes = &self.text.bytes;
        let from = hint.saturating_sub(m + 320).min(bytes.len());
        let to = (hint + 2 * m + 320).min(bytes.len());
        let mut best: Option<Found> = None;
        for at in memchr::memmem::find_iter(&bytes[from..to], &quote.exact) {
            let start = from + at;
            let f = Found { start, end: start + m, errors: 0, score: self.judge(quote, start, start + m, 0, hint) };
            if f.better_than(&best) {
                best = Some(f);
            }
        }
        best.filter(|b| b.score >= SURE)
    }

    /// Approximate search of the quote over folded `from..to`: every valley of the edit
    /// distance near its minimum becomes a candidate, scored; the best goes into `best`.
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        quote: &Quote,
        forward: &Pattern,
        backward: &Pattern,
        from: usize,
        to: usize,
        hint: usize,
        best: &mut Option<Found>,
    ) {
        let bytes = &self.text.bytes;
        let to = to.min(bytes.len());
        if from >= to {
            return;
        }
        let m = forward.len();
        let budget = error_budget(m);
        let mut distance = Vec::with_capacity(to - from);
        forward.scan(&bytes[from..to], |_, d| distance.push(d as u32));
        let Some(&least) = distance.iter().min() else { return };
        if least as usize > budget {
            return;
        }
        let ceiling = (least as usize + (m / 8).max(1)).min(budget) as u32;
        for (end, _) in valleys(&distance, ceiling, 6) {
            let end = from + end;
            let (len, errors) = backward.anchored(bytes[..end].iter().rev().copied(), m + budget);
            let start = end - len;
            let f = Found { start, end, errors, score: self.judge(quote, start, end, errors, hint) };
            if f.better_than(best) {
                *best = Some(f);
            }
        }
    }

    /// Score of the quote found at folded `start..end` with `errors` edits.
    fn judge(&self, quote: &Quote, start: usize, end: usize, errors: usize, hint: usize) -> f32 {
        let bytes = &self.text.bytes;
        let m = quote.exact.len().max(1) as f32;
        let similarity = (1.0 - errors as f32 / m).max(0.0);
        let before = context(&quote.prefix, bytes[..start].iter().rev().copied(), start == 0, true);
        let after = context(&quote.suffix, bytes[end..].iter().copied(), end == bytes.len(), false);
        let near = 1.0 / (1.0 + start.abs_diff(hint) as f32 / NEAR_HALF);
        W_QUOTE * similarity + W_CONTEXT * (before + after) + W_NEAR * near
    }
}

/// 0..1: how well the stored context matches the text read away from the passage.
fn context(stored: &[u8], text: impl Iterator<Item = u8>, at_edge: bool, leftwards: bool) -> f32 {
    if stored.is_empty() {
        return if at_edge { 1.0 } else { 0.5 };
    }
    let pattern = if leftwards { Pattern::reversed(stored) } else { Pattern::new(stored) };
    let (_, errors) = pattern.anchored(text, stored.len() + stored.len() / 2 + 2);
    1.0 - errors as f32 / stored.len() as f32
}

/// The first lowest point of each run of `distance` at or below `ceiling`: (end, distance),
/// at most `limit`, lowest first.
fn valleys(distance: &[u32], ceiling: u32, limit: usize) -> Vec<(usize, u32)> {
    let mut out: Vec<(usize, u32)> = Vec::new();
    let mut run: Option<(usize, u32)> = None;
    for (i, &d) in distance.iter().enumerate() {
        if d <= ceiling {
            if run.is_none_or(|(_, low)| d < low) {
                run = Some((i + 1, d));
            }
        } else if let Some(r) = run.take() {
            out.push(r);
        }
    }
    out.extend(run);
    out.sort_by_key(|&(end, d)| (d, end));
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(text: &str, start: usize, end: usize) -> Quote {
        let a = crate::model::Anchor::from_range("d", text, start, end);
        Quote::new(&a.quote)
    }

    const OLD: &str = "The committee met in May. The Agencies should publish a partnerships strategy \
        by the end of the year, with annual reports to the Committee. The Government agrees and \
        will report annually. Other matters were discussed at length by all present.";

    fn span(text: &str, needle: &str) -> (usize, usize) {
        let b = text.find(needle).unwrap();
        let s = text[..b].chars().count();
        (s, s + needle.chars().count())
    }

    #[test]
    fn an_edited_passage_is_found_with_its_boundaries() {
        let (s, e) = span(OLD, "The Agencies should publish a partnerships strategy by the end of the year");
        let q = quote(OLD, s, e);
        let new = OLD.replace("partnerships strategy", "partnership  strategy").replace("end of", "close of");
        let hay = Haystack::new(&new);
        let found = hay.locate(&q, s).expect("found");
        let (fs, fe) = hay.text.char_range(found.start, found.end);
        let got: String = new.chars().skip(fs).take(fe - fs).collect();
        assert_eq!(got, "The Agencies should publish a partnership  strategy by the close of the year");
        assert!(found.score > SURE, "{found:?}");
    }

    #[test]
    fn a_deleted_passage_is_an_orphan() {
        let (s, e) = span(OLD, "The Government agrees and will report annually.");
        let q = quote(OLD, s, e);
        let new = OLD.replace("The Government agrees and will report annually. ", "");
        assert_eq!(Haystack::new(&new).locate(&q, s), None);
    }

    #[test]
    fn the_edited_copy_in_context_beats_a_verbatim_copy_elsewhere() {
        let (s, e) = span(OLD, "publish a partnerships strategy");
        let q = quote(OLD, s, e);
        let far = "Unrelated opening. We will publish a partnerships strategy soon. ".repeat(1);
        let padding = "Filler sentence about nothing in particular. ".repeat(80);
        let new = format!("{far}{padding}{}", OLD.replace("publish a partnerships", "publish a partnership"));
        let shift = far.chars().count() + padding.chars().count();
        let hay = Haystack::new(&new);
        let found = hay.locate(&q, s + shift).expect("found");
        let (fs, _) = hay.text.char_range(found.start, found.end);
        assert!(fs > shift, "took the verbatim copy at {fs}");
    }
}
