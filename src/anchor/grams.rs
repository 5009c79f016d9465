//! An index of the folded text's word-start n-grams, to find where a quote may have gone
//! anywhere in a long document without scanning it: rare grams of the quote vote for the
//! places (diagonals) they occur at.

/// Bytes per gram.
pub(crate) const GRAM: usize = 12;

/// Grams seen more often than this are too common to say where a quote is.
const MAX_OCCURRENCES: usize = 24;

/// Every gram that starts a word, sorted by its hash, with where it starts.
pub(crate) struct GramIndex {
    entries: Vec<(u64, u32)>,
}

/// Hash of `GRAM` bytes (FNV-1a; good enough for bucketing, checked by the matcher).
pub(crate) fn gram_key(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Offsets in `text` where a word starts and a whole gram fits.
pub(crate) fn word_starts(text: &[u8]) -> impl Iterator<Item = usize> + '_ {
    (0..text.len().saturating_sub(GRAM - 1)).filter(move |&i| i == 0 || text[i - 1] == b' ')
}

impl GramIndex {
    /// Index `text` (folded).
    pub fn new(text: &[u8]) -> Self {
        let mut entries: Vec<(u64, u32)> =
            word_starts(text).map(|i| (gram_key(&text[i..i + GRAM]), i as u32)).collect();
        entries.sort_unstable();
        Self { entries }
    }

    /// Where the gram with this key occurs, or nothing when it is too common to help.
    pub fn rare(&self, key: u64) -> &[(u64, u32)] {
        let lo = self.entries.partition_point(|e| e.0 < key);
        let hi = lo + self.entries[lo..].partition_point(|e| e.0 == key);
        if hi - lo > MAX_OCCURRENCES { &[] } else { &self.entries[lo..hi] }
    }

    /// Likely starts of a quote: `pattern` is the folded quote with its context, the quote
    /// beginning at `quote_at`. Each rare gram of the pattern votes for the start its
    /// occurrences imply; votes within `tolerance` of each other are pooled. Returns up to
    /// `limit` (start, votes), most votes first.
    pub fn candidates(
        &self,
        pattern: &[u8],
        quote_at: usize,
        tolerance: usize,
        limit: usize,
    ) -> Vec<(usize, usize)> {
        let starts: Vec<usize> = word_starts(pattern).collect();
        // Long quotes: an even sample of their grams is plenty.
        let step = starts.len().div_ceil(96).max(1);
        let mut votes: Vec<(usize, u32)> = Vec::new();
        for (k, &i) in starts.iter().step_by(step).enumerate() {
            for &(_, at) in self.rare(gram_key(&pattern[i..i + GRAM])) {
                if let Some(start) = (at as usize + quote_at).checked_sub(i) {
                    votes.push((start, k as u32));
                }
            }
        }
        votes.sort_unstable();
        let mut pooled: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < votes.len() {
            let mut j = i;
            while j + 1 < votes.len() && votes[j + 1].0 - votes[j].0 <= tolerance {
                j += 1;
            }
            let mut grams: Vec<u32> = votes[i..=j].iter().map(|v| v.1).collect();
            grams.sort_unstable();
            grams.dedup();
            pooled.push((votes[(i + j) / 2].0, grams.len()));
            i = j + 1;
        }
        pooled.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        pooled.truncate(limit);
        pooled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_point_at_the_quote_start() {
        let text = b"intro words here. the agencies should publish a partnerships strategy by the end of the year. more text follows after that.";
        let index = GramIndex::new(text);
        let quote_start = 18;
        let pattern = b"words here. the agencies should publish a partnerships strategy";
        let found = index.candidates(pattern, 12, 8, 4);
        assert_eq!(found.first().map(|c| c.0), Some(quote_start));
    }

    #[test]
    fn nothing_for_text_that_is_not_there() {
        let index = GramIndex::new(b"one two three four five six seven eight nine ten");
        assert!(index.candidates(b"completely different words entirely", 0, 8, 4).is_empty());
    }
}
