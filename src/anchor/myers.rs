//! Myers' bit-parallel approximate string matching (Myers 1999, with Hyyrö's block form as
//! edlib uses it): the edit distance of a pattern against every end position of a text in
//! O(n · ⌈m / 64⌉) word operations.
//!
//! Written here rather than taken from a crate: the one well-kept Rust implementation
//! (`bio::pattern_matching::myers`) brings a large dependency tree, and re-anchoring also
//! needs the anchored-start variant (for a match's start and for context similarity), which
//! is a one-bit change here.

/// A pattern prepared for matching: one bit mask per byte value per 64-character block.
pub(crate) struct Pattern {
    len: usize,
    blocks: usize,
    /// `peq[byte * blocks + block]`: where `byte` occurs in that block of the pattern.
    peq: Vec<u64>,
    /// The bit of the pattern's last character in the last block.
    last_bit: u64,
}

impl Pattern {
    /// Prepare `pattern` (may be empty: every distance is then 0).
    pub fn new(pattern: &[u8]) -> Self {
        Self::from_iter(pattern.len(), pattern.iter().copied())
    }

    /// Prepare `pattern` read backwards, for matching leftwards from a position.
    pub fn reversed(pattern: &[u8]) -> Self {
        Self::from_iter(pattern.len(), pattern.iter().rev().copied())
    }

    fn from_iter(len: usize, bytes: impl Iterator<Item = u8>) -> Self {
        let blocks = len.div_ceil(64).max(1);
        let mut peq = vec![0u64; 256 * blocks];
        for (i, b) in bytes.enumerate() {
            peq[b as usize * blocks + i / 64] |= 1 << (i % 64);
        }
        let last_bit = 1u64 << ((len.max(1) - 1) % 64);
        Self { len, blocks, peq, last_bit }
    }

    /// Free-start search: for each end position `j` (exclusive) of `text`, calls
    /// `each(j, d)` with the least number of edits turning the pattern into a substring of
    /// `text` ending at `j`.
    pub fn scan(&self, text: &[u8], mut each: impl FnMut(usize, usize)) {
        let mut state = vec![(!0u64, 0u64); self.blocks];
        let mut score = self.len as isize;
        for (j, &c) in text.iter().enumerate() {
            score += self.step(&mut state, c, 0) as isize;
            each(j + 1, score.max(0) as usize);
        }
    }

    /// Anchored search: the pattern must start at the first byte of `text` (read from the
    /// iterator), and may end anywhere within `max_len` bytes. Returns the shortest length
    /// with the fewest edits and that number of edits.
    pub fn anchored(&self, text: impl Iterator<Item = u8>, max_len: usize) -> (usize, usize) {
        // Short patterns (contexts, a quote's edges) are the common case: no allocation.
        let mut small = [(!0u64, 0u64); 4];
        let mut large = Vec::new();
        let state: &mut [(u64, u64)] = if self.blocks <= small.len() {
            &mut small[..self.blocks]
        } else {
            large.resize(self.blocks, (!0u64, 0u64));
            &mut large
        };
        let mut score = self.len as isize;
        let mut best = (0, self.len);
        for (j, c) in text.take(max_len).enumerate() {
            score += self.step(state, c, 1) as isize;
            let d = score.max(0) as usize;
            if d < best.1 {
                best = (j + 1, d);
            }
        }
        best
    }

    /// One text character through every block; `hin` is the change of the top row (0 for a
    /// free start, +1 for an anchored one). Returns the change of the bottom row.
    #[inline]
    fn step(&self, state: &mut [(u64, u64)], c: u8, mut hin: i32) -> i32 {
        let row = &self.peq[c as usize * self.blocks..(c as usize + 1) * self.blocks];
        let last = self.blocks - 1;
        for (b, (slot, &eq)) in state.iter_mut().zip(row).enumerate() {
            let (pv, mv) = *slot;
            let hin_neg = u64::from(hin < 0);
            let xv = eq | mv;
            let eq = eq | hin_neg;
            let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
            let mut ph = mv | !(xh | pv);
            let mut mh = pv & xh;
            let high = if b == last { self.last_bit } else { 1 << 63 };
            let hout = i32::from(ph & high != 0) - i32::from(mh & high != 0);
            ph <<= 1;
            mh <<= 1;
            mh |= hin_neg;
            ph |= u64::from(hin > 0);
            *slot = (mh | !(xv | ph), ph & xv);
            hin = hout;
        }
        hin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain dynamic programming, for checking the bit-parallel version.
    fn dp_ends(pattern: &[u8], text: &[u8]) -> Vec<usize> {
        let m = pattern.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for &c in text {
            let mut prev_diag = col[0];
            col[0] = 0;
            for i in 1..=m {
                let cost = usize::from(pattern[i - 1] != c);
                let v = (prev_diag + cost).min(col[i] + 1).min(col[i - 1] + 1);
                prev_diag = col[i];
                col[i] = v;
            }
            out.push(col[m]);
        }
        out
    }

    fn scan_all(p: &[u8], t: &[u8]) -> Vec<usize> {
        let mut out = Vec::new();
        Pattern::new(p).scan(t, |_, d| out.push(d));
        out
    }

    /// Random strings over `alphabet` (a fixed linear congruential sequence).
    fn random_strings(seed: u64) -> impl FnMut(usize, &[u8]) -> Vec<u8> {
        let mut state = seed;
        move |len, alphabet| {
            (0..len)
                .map(|_| {
                    state =
                        state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    alphabet[((state >> 33) % alphabet.len() as u64) as usize]
                })
                .collect()
        }
    }

    #[test]
    fn agrees_with_dynamic_programming_across_blocks() {
        let mut random = random_strings(7);
        for m in [1usize, 5, 63, 64, 65, 130, 200] {
            let p = random(m, b"abcd");
            let t = random(300, b"abcde");
            assert_eq!(scan_all(&p, &t), dp_ends(&p, &t), "m = {m}");
        }
    }

    #[test]
    fn exact_and_edited_occurrences() {
        let d = scan_all(b"partnership", b"a partnrship strategy");
        assert_eq!(d.iter().min(), Some(&1));
        let d = scan_all(b"strategy", b"a partnership strategy");
        assert_eq!(d.last(), Some(&0));
    }

    #[test]
    fn anchored_agrees_with_dynamic_programming() {
        let mut random = random_strings(11);
        for m in [3usize, 40, 64, 90, 160] {
            let p = random(m, b"abc");
            let t = random(200, b"abcd");
            // Row j of the anchored table: D[i][0] = i, D[0][j] = j.
            let mut col: Vec<usize> = (0..=m).collect();
            let mut want = (0, m);
            for (j, &c) in t.iter().enumerate() {
                let mut prev_diag = col[0];
                col[0] = j + 1;
                for i in 1..=m {
                    let v = (prev_diag + usize::from(p[i - 1] != c)).min(col[i] + 1).min(col[i - 1] + 1);
                    prev_diag = col[i];
                    col[i] = v;
                }
                if col[m] < want.1 {
                    want = (j + 1, col[m]);
                }
            }
            assert_eq!(Pattern::new(&p).anchored(t.iter().copied(), 1000), want, "m = {m}");
        }
    }

    #[test]
    fn anchored_finds_the_shortest_best_length() {
        let p = Pattern::new(b"hello");
        assert_eq!(p.anchored(b"hello world".iter().copied(), 100), (5, 0));
        assert_eq!(p.anchored(b"helo world".iter().copied(), 100), (4, 1));
        assert_eq!(p.anchored(b"xyz".iter().copied(), 100), (0, 5));
        let long: Vec<u8> = (0..150).map(|i| b"abc"[i % 3]).collect();
        let q = Pattern::new(&long);
        assert_eq!(q.anchored(long.iter().copied(), 1000), (150, 0));
    }
}
