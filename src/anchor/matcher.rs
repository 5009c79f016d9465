//! Finding one quote in the folded new text: verbatim near where it is expected, else a
//! bit-parallel approximate search near there and where the quote's rare grams point,
//! every candidate scored on the quote, its context and its distance from the expected
//! place; below the acceptance threshold it is an orphan.

use super::grams::GramIndex;
use super::myers::Pattern;
use super::normal::{NormalText, fold_str};
use crate::model::TextQuote;
use std::cell::OnceCell;

/// Weight of the passage-with-context similarity in a candidate's score (the rest is
/// closeness to the expected place).
const W_TEXT: f32 = 0.9;
/// Folded characters at which closeness counts half.
const NEAR_HALF: f32 = 2000.0;

/// A candidate scoring at least this is taken without looking further.
pub(crate) const SURE: f32 = 0.85;
/// The passage with its context must be at least this similar to the text found
/// (1 - edits / characters over prefix, quote and suffix together): a short quote is only
/// as good as its context, a deleted passage's look-alike rarely has the passage's context.
const MIN_TEXT: f32 = 0.62;
/// The quote itself must be at least this similar: about the half of the passage that
/// must survive for it to count as the same passage.
const MIN_QUOTE: f32 = 0.45;
/// Farther than this (folded characters beyond the quote's length) from the expected
/// place, only a nearly verbatim quote is taken: text moves whole, it is edited in place.
const FAR: usize = 8192;
/// What "nearly verbatim" means for a quote found far away or in a strict search.
const MIN_MOVED_QUOTE: f32 = 0.85;

/// The largest number of edits a quote of `len` folded characters may have and still be
/// found: more than `MIN_QUOTE` allows, so that the scoring decides.
fn error_budget(len: usize) -> usize {
    len * 11 / 20
}

/// A quote folded for matching, with its patterns prepared when first needed (most
/// passages are found verbatim and need none).
pub(crate) struct Quote {
    /// The passage.
    pub exact: Vec<u8>,
    prefix: Vec<u8>,
    suffix: Vec<u8>,
    patterns: OnceCell<QuotePatterns>,
    context: OnceCell<(Pattern, Pattern)>,
}

/// The patterns of a quote's passage.
struct QuotePatterns {
    /// For searching forwards (its ends) and backwards (its start).
    forward: Pattern,
    backward: Pattern,
    /// Its first and last `EDGE` characters, for `refine`.
    head: Pattern,
    tail: Pattern,
}

impl Quote {
    /// Fold a stored quote.
    pub fn new(q: &TextQuote) -> Self {
        Self {
            exact: fold_str(&q.exact),
            prefix: fold_str(&q.prefix),
            suffix: fold_str(&q.suffix),
            patterns: OnceCell::new(),
            context: OnceCell::new(),
        }
    }

    fn patterns(&self) -> &QuotePatterns {
        self.patterns.get_or_init(|| {
            let exact = &self.exact;
            let edge = exact.len().min(EDGE);
            QuotePatterns {
                forward: Pattern::new(exact),
                backward: Pattern::reversed(exact),
                head: Pattern::new(&exact[..edge]),
                tail: Pattern::reversed(&exact[exact.len() - edge..]),
            }
        })
    }

    /// The prefix read backwards from the passage's start; the suffix from its end.
    fn context(&self) -> &(Pattern, Pattern) {
        self.context.get_or_init(|| (Pattern::reversed(&self.prefix), Pattern::new(&self.suffix)))
    }

    /// Edits between the prefix and the text ending at `at`, and the prefix's length.
    fn prefix_errors(&self, bytes: &[u8], at: usize) -> (usize, usize) {
        if self.prefix.is_empty() {
            return if at == 0 { (0, 0) } else { (EDGE_CONTEXT / 2, EDGE_CONTEXT) };
        }
        let p = self.prefix.len();
        (self.context().0.anchored(bytes[..at].iter().rev().copied(), p + p / 2 + 2).1, p)
    }

    /// Edits between the suffix and the text starting at `at`, and the suffix's length.
    fn suffix_errors(&self, bytes: &[u8], at: usize) -> (usize, usize) {
        if self.suffix.is_empty() {
            return if at == bytes.len() { (0, 0) } else { (EDGE_CONTEXT / 2, EDGE_CONTEXT) };
        }
        let n = self.suffix.len();
        (self.context().1.anchored(bytes[at..].iter().copied(), n + n / 2 + 2).1, n)
    }
}

/// A passage that was at the edge of the text and no longer is, or the reverse, counts as
/// this much context with half of it wrong.
const EDGE_CONTEXT: usize = 16;

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
    /// 0..1: similarity of the quote alone.
    quote: f32,
    /// 0..1: similarity of prefix, quote and suffix together.
    text: f32,
    /// Folded characters from the expected place.
    distance: usize,
}

impl Found {
    /// A match known by other means (a diff), with this score.
    pub fn known(start: usize, end: usize, errors: usize, score: f32) -> Self {
        Self { start, end, errors, score, quote: score, text: score, distance: 0 }
    }

    fn better_than(&self, other: &Option<Found>) -> bool {
        other.is_none_or(|o| self.score > o.score)
    }

    /// True when the match is good enough to be the passage rather than a look-alike;
    /// `strict`: only a nearly verbatim quote (the passage is known to have left its place).
    fn acceptable(&self, m: usize, strict: bool) -> bool {
        let nearly_verbatim = self.quote >= MIN_MOVED_QUOTE;
        self.quote >= MIN_QUOTE
            && self.text >= MIN_TEXT
            && (nearly_verbatim || (!strict && self.distance <= FAR + m))
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
    /// `strict`: the passage is known to have left its old place (it was moved or deleted),
    /// so only a nearly verbatim copy is taken.
    pub fn locate(&self, quote: &Quote, hint: usize, strict: bool) -> Option<Found> {
        let m = quote.exact.len();
        if m == 0 {
            return None;
        }
        if let Some(found) = self.verbatim_near(quote, hint) {
            return Some(found);
        }
        let mut best = None;
        // Close to the hint first (the usual case), then a little wider.
        for near in [32 + m / 4, 256 + m] {
            self.search(quote, hint.saturating_sub(near), hint + m + near, hint, &mut best);
            if best.is_some_and(|b: Found| b.score >= SURE) {
                break;
            }
        }
        if best.is_none_or(|b: Found| b.score < SURE) {
            self.search_far(quote, hint, &mut best);
        }
        let best = best.filter(|b| b.acceptable(m, strict))?;
        if best.errors == 0 {
            return Some(best);
        }
        let (start, end) = self.refine(quote, best.start, best.end);
        Some(Found { start, end, ..best })
    }

    /// Search where the quote's rare grams point, then more widely around the hint.
    fn search_far(&self, quote: &Quote, hint: usize, best: &mut Option<Found>) {
        let m = quote.exact.len();
        let pattern = [&quote.prefix[..], &quote.exact, &quote.suffix].concat();
        let slack = m / 4 + 32;
        for (start, _) in self.index.candidates(&pattern, quote.prefix.len(), slack, 6) {
            let from = start.saturating_sub(slack);
            self.search(quote, from, start + m + slack, hint, best);
        }
        if best.is_none_or(|b| b.score < SURE) {
            let wide = 4096 + 2 * m;
            self.search(quote, hint.saturating_sub(wide), hint + m + wide, hint, best);
        }
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
            let f = self.judge(quote, start, start + m, 0, hint);
            if f.better_than(&best) {
                best = Some(f);
            }
        }
        best.filter(|b| b.score >= SURE)
    }

    /// Approximate search of the quote over folded `from..to`: every valley of the edit
    /// distance near its minimum becomes a candidate, scored; the best goes into `best`.
    fn search(&self, quote: &Quote, from: usize, to: usize, hint: usize, best: &mut Option<Found>) {
        let bytes = &self.text.bytes;
        let to = to.min(bytes.len());
        if from >= to {
            return;
        }
        let m = quote.exact.len();
        let budget = error_budget(m);
        let mut distance = Vec::with_capacity(to - from);
        quote.patterns().forward.scan(&bytes[from..to], |_, d| distance.push(d as u32));
        let Some(&least) = distance.iter().min() else { return };
        if least as usize > budget {
            return;
        }
        let ceiling = (least as usize + (m / 8).max(1)).min(budget) as u32;
        for (end, _) in valleys(&distance, ceiling, 6) {
            let end = from + end;
            let (len, errors) =
                quote.patterns().backward.anchored(bytes[..end].iter().rev().copied(), m + budget);
            let start = end - len;
            let f = self.judge(quote, start, end, errors, hint);
            if f.better_than(best) {
                *best = Some(f);
            }
        }
    }

    /// Move the edges of a match of `quote` at folded `start..end` to where the quote's
    /// first and last words and its context agree best: an edited first or last word, or a
    /// word inserted at an edge, otherwise pulls an edge a word too far in or out.
    pub fn refine(&self, quote: &Quote, start: usize, end: usize) -> (usize, usize) {
        let bytes = &self.text.bytes;
        let edge = quote.exact.len().min(EDGE);
        let reach = edge + edge / 2 + 2;
        // Edges that already agree with the quote and its context stay.
        let (m, k) = (quote.exact.len(), edge.min(8));
        let agrees = |text: Option<&[u8]>, want: &[u8]| text == Some(want);
        let start_agrees = agrees(bytes.get(start..start + k), &quote.exact[..k])
            && agrees(
                bytes.get(start.saturating_sub(4)..start),
                &quote.prefix[quote.prefix.len().saturating_sub(4)..],
            );
        let end_agrees = agrees(bytes.get(end.saturating_sub(k)..end), &quote.exact[m - k..])
            && agrees(
                bytes.get(end..end + quote.suffix.len().min(4)),
                &quote.suffix[..quote.suffix.len().min(4)],
            );
        if start_agrees && end_agrees {
            return (start, end);
        }
        let start = if start_agrees {
            start
        } else {
            best_edge(bytes, start, end, |s| {
                quote.patterns().head.anchored(bytes[s..].iter().copied(), reach).1
                    + quote.prefix_errors(bytes, s).0
            })
        };
        let end = if end_agrees {
            end
        } else {
            best_edge(bytes, end, bytes.len(), |e| {
                if e <= start {
                    return usize::MAX;
                }
                quote.patterns().tail.anchored(bytes[..e].iter().rev().copied(), reach).1
                    + quote.suffix_errors(bytes, e).0
            })
        };
        (start, end.max(start))
    }

    /// The quote found at folded `start..end` with `errors` edits, scored.
    fn judge(&self, quote: &Quote, start: usize, end: usize, errors: usize, hint: usize) -> Found {
        let bytes = &self.text.bytes;
        let m = quote.exact.len().max(1);
        let (before, before_len) = quote.prefix_errors(bytes, start);
        let (after, after_len) = quote.suffix_errors(bytes, end);
        let text = 1.0 - (errors + before + after) as f32 / (m + before_len + after_len) as f32;
        let distance = start.abs_diff(hint);
        let near = 1.0 / (1.0 + distance as f32 / NEAR_HALF);
        Found {
            start,
            end,
            errors,
            score: W_TEXT * text.max(0.0) + (1.0 - W_TEXT) * near,
            quote: (1.0 - errors as f32 / m as f32).max(0.0),
            text,
            distance,
        }
    }
}

/// Characters of a quote's first and last words that `refine` aligns.
const EDGE: usize = 40;

/// The edge position near `at` (within `EDGE`, not past `limit`) with the lowest cost, the
/// one nearest `at` among equals. Edits move edges by whole words, so only `at` itself, its
/// neighbours and word boundaries are tried.
fn best_edge(bytes: &[u8], at: usize, limit: usize, cost: impl Fn(usize) -> usize) -> usize {
    let lo = at.saturating_sub(EDGE);
    let hi = (at + EDGE).min(limit);
    let boundary = |i: usize| {
        i.abs_diff(at) <= 2 || i == 0 || i >= bytes.len() || bytes[i] == b' ' || bytes[i - 1] == b' '
    };
    (lo..=hi).filter(|&i| boundary(i)).min_by_key(|&i| (cost(i), i.abs_diff(at))).unwrap_or(at)
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
        let found = hay.locate(&q, s, false).expect("found");
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
        assert_eq!(Haystack::new(&new).locate(&q, s, false), None);
    }

    #[test]
    fn the_edited_copy_in_context_beats_a_verbatim_copy_elsewhere() {
        let (s, e) = span(OLD, "publish a partnerships strategy");
        let q = quote(OLD, s, e);
        let far = "Unrelated opening. We will publish a partnerships strategy soon. ";
        let padding = "Filler sentence about nothing in particular. ".repeat(80);
        let new = format!("{far}{padding}{}", OLD.replace("publish a partnerships", "publish a partnership"));
        let shift = far.chars().count() + padding.chars().count();
        let hay = Haystack::new(&new);
        let found = hay.locate(&q, s + shift, false).expect("found");
        let (fs, _) = hay.text.char_range(found.start, found.end);
        assert!(fs > shift, "took the verbatim copy at {fs}");
    }
}
