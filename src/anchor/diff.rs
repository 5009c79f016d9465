//! Old → new offsets from a word diff of the two folded texts, so that when the old text is
//! known most passages are placed by arithmetic and the search runs only where text changed.
//!
//! The diff is `imara-diff`'s histogram diff (the algorithm git and gitoxide use): fast on
//! long inputs and well kept; `similar` was the alternative, slower on megabyte inputs.

use imara_diff::{Algorithm, Diff, InternedInput};

/// A run of folded text that the diff found unchanged: old `old..old + len` is new
/// `new..new + len`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Same {
    old: usize,
    new: usize,
    len: usize,
}

/// Where each unchanged stretch of the old folded text is in the new one.
#[derive(Debug, Default)]
pub(crate) struct OffsetMap {
    same: Vec<Same>,
}

/// Words of a folded text with their offsets (tokens include their trailing space, so
/// that runs of unchanged tokens are contiguous bytes).
fn words(text: &[u8]) -> (Vec<&[u8]>, Vec<usize>) {
    let mut tokens = Vec::new();
    let mut starts = Vec::new();
    let mut start = 0;
    for (i, &b) in text.iter().enumerate() {
        if b == b' ' {
            tokens.push(&text[start..=i]);
            starts.push(start);
            start = i + 1;
        }
    }
    if start < text.len() {
        tokens.push(&text[start..]);
        starts.push(start);
    }
    starts.push(text.len());
    (tokens, starts)
}

impl OffsetMap {
    /// Diff `old` against `new` (both folded).
    pub fn new(old: &[u8], new: &[u8]) -> Self {
        let (old_words, old_at) = words(old);
        let (new_words, new_at) = words(new);
        let mut input = InternedInput::default();
        input.update_before(old_words.into_iter());
        input.update_after(new_words.into_iter());
        let diff = Diff::compute(Algorithm::Histogram, &input);
        let mut same = Vec::new();
        let (mut o, mut n) = (0usize, 0usize);
        let mut push = |o_from: usize, o_to: usize, n_from: usize| {
            if o_to > o_from {
                let (old, new) = (old_at[o_from], new_at[n_from]);
                same.push(Same { old, new, len: old_at[o_to] - old });
            }
        };
        for hunk in diff.hunks() {
            push(o, hunk.before.start as usize, n);
            o = hunk.before.end as usize;
            n = hunk.after.end as usize;
        }
        push(o, input.before.len(), n);
        Self { same }
    }

    /// The unchanged run containing old offset `at`, if any.
    fn run_at(&self, at: usize) -> Option<&Same> {
        let i = self.same.partition_point(|s| s.old <= at).checked_sub(1)?;
        let s = &self.same[i];
        (at < s.old + s.len).then_some(s)
    }

    /// The new place of old `start..end` when all of it is unchanged text.
    pub fn whole(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let s = self.run_at(start)?;
        (end <= s.old + s.len).then(|| (s.new + start - s.old, s.new + end - s.old))
    }

    /// What survives of old `start..end`: how many of its folded characters are unchanged,
    /// and the new range from the first to the last of them (None when nothing survives).
    pub fn survivors(&self, start: usize, end: usize) -> (usize, Option<(usize, usize)>) {
        let first = self.same.partition_point(|s| s.old + s.len <= start);
        let mut count = 0;
        let mut span: Option<(usize, usize)> = None;
        for s in self.same[first..].iter().take_while(|s| s.old < end) {
            let (from, to) = (start.max(s.old), end.min(s.old + s.len));
            count += to - from;
            let (a, b) = (s.new + from - s.old, s.new + to - s.old);
            span = Some(span.map_or((a, b), |(x, _)| (x, b)));
        }
        (count, span)
    }

    /// Where old offset `start` most likely is now: through the first unchanged character
    /// of `start..end`, else the unchanged text just before it.
    pub fn hint(&self, start: usize, end: usize) -> usize {
        let i = self.same.partition_point(|s| s.old + s.len <= start);
        if let Some(s) = self.same.get(i).filter(|s| s.old < end) {
            let from = start.max(s.old);
            return (s.new + from - s.old).saturating_sub(from - start);
        }
        match i.checked_sub(1).and_then(|k| self.same.get(k)) {
            Some(s) => s.new + s.len + (start - (s.old + s.len)),
            None => start,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_unchanged_passages_and_hints_edited_ones() {
        let old = b"one two three four five six seven eight nine ten";
        let new = b"zero one two three four FIVE six seven eight nine ten";
        let map = OffsetMap::new(old, new);
        // "two three" is unchanged, shifted by "zero ".
        assert_eq!(map.whole(4, 13), Some((9, 18)));
        // "five six" was edited: no whole mapping, but a hint at its new place.
        assert_eq!(map.whole(19, 27), None);
        assert_eq!(map.hint(19, 27), 24);
        // Of "four five six", "four " and "six" survive.
        assert_eq!(map.survivors(14, 27), (8, Some((19, 32))));
        // "seven" onwards is unchanged.
        assert_eq!(map.whole(28, 33), Some((33, 38)));
    }
}
