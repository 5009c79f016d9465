//! Conversion between character (Unicode scalar) offsets and byte offsets.

/// Every `STRIDE`-th character's byte offset is kept; lookups scan at most `STRIDE` chars.
const STRIDE: usize = 64;

/// A sparse index from character offsets to byte offsets of one text.
#[derive(Debug, Clone, Default)]
pub(crate) struct CharIndex {
    /// Number of characters in the text.
    char_len: usize,
    /// Byte offset of character `k * STRIDE`; empty when the text is ASCII.
    samples: Vec<usize>,
}

impl CharIndex {
    /// Build the index in one pass over `text`.
    pub(crate) fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self { char_len: text.len(), samples: Vec::new() };
        }
        let mut samples = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut count = 0;
        for (byte, _) in text.char_indices() {
            if count % STRIDE == 0 {
                samples.push(byte);
            }
            count += 1;
        }
        Self { char_len: count, samples }
    }

    /// Number of characters.
    pub(crate) fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of character `char_offset`, clamped to the text's length.
    pub(crate) fn char_to_byte(&self, text: &str, char_offset: usize) -> usize {
        if self.samples.is_empty() {
            return char_offset.min(text.len());
        }
        if char_offset >= self.char_len {
            return text.len();
        }
        let base = self.samples[char_offset / STRIDE];
        let skip = char_offset % STRIDE;
        match text[base..].char_indices().nth(skip) {
            Some((i, _)) => base + i,
            None => text.len(),
        }
    }

    /// Character offset of the character containing byte `byte_offset` (clamped).
    pub(crate) fn byte_to_char(&self, text: &str, byte_offset: usize) -> usize {
        let byte_offset = byte_offset.min(text.len());
        if self.samples.is_empty() {
            return byte_offset;
        }
        let k = self.samples.partition_point(|&b| b <= byte_offset).saturating_sub(1);
        let base = self.samples.get(k).copied().unwrap_or(0);
        let mut end = byte_offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        k * STRIDE + text[base..end].chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_on_mixed_text() {
        let text: String = (0..500).map(|i| if i % 7 == 0 { '€' } else { 'a' }).collect();
        let index = CharIndex::new(&text);
        assert_eq!(index.char_len(), 500);
        let expected: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        for (c, &b) in expected.iter().enumerate() {
            assert_eq!(index.char_to_byte(&text, c), b, "char {c}");
            assert_eq!(index.byte_to_char(&text, b), c, "byte {b}");
        }
        assert_eq!(index.char_to_byte(&text, 10_000), text.len());
        assert_eq!(index.byte_to_char(&text, text.len()), 500);
        // A byte inside the 3-byte '€' maps to that character.
        assert_eq!(index.byte_to_char(&text, 1), 0);
    }
}
