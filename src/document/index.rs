//! Conversion between character (Unicode scalar) offsets and byte offsets.

/// The text is sampled every `CHUNK` bytes; lookups scan at most about one chunk.
const CHUNK: usize = 256;

/// A sparse index between character offsets and byte offsets of one text.
#[derive(Debug, Clone, Default)]
pub(crate) struct CharIndex {
    /// Number of characters in the text.
    char_len: usize,
    /// Characters before byte `k * CHUNK`, for every chunk; empty when the text is ASCII.
    chars_before: Vec<usize>,
}

/// Number of characters (non-continuation bytes) in `bytes`. Counts in runs of at most
/// 255 bytes with a byte-sized accumulator, which the compiler vectorises.
fn count_chars(bytes: &[u8]) -> usize {
    let continuation: usize = bytes
        .chunks(255)
        .map(|run| run.iter().fold(0u8, |n, &b| n + u8::from(b & 0xC0 == 0x80)) as usize)
        .sum();
    bytes.len() - continuation
}

impl CharIndex {
    /// Build the index in one pass over `text`.
    pub(crate) fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self { char_len: text.len(), chars_before: Vec::new() };
        }
        let bytes = text.as_bytes();
        let mut chars_before = Vec::with_capacity(bytes.len() / CHUNK + 1);
        let mut count = 0;
        for chunk in bytes.chunks(CHUNK) {
            chars_before.push(count);
            count += count_chars(chunk);
        }
        Self { char_len: count, chars_before }
    }

    /// Number of characters.
    pub(crate) fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of character `char_offset`, clamped to the text's length.
    pub(crate) fn char_to_byte(&self, text: &str, char_offset: usize) -> usize {
        if self.chars_before.is_empty() {
            return char_offset.min(text.len());
        }
        if char_offset >= self.char_len {
            return text.len();
        }
        // The last chunk starting at or before the character.
        let k = self.chars_before.partition_point(|&c| c <= char_offset).saturating_sub(1);
        let mut remaining = char_offset - self.chars_before[k];
        let bytes = text.as_bytes();
        let mut i = k * CHUNK;
        // Chunk starts may fall inside a character: skip its continuation bytes (they were
        // counted with the character in the chunk before).
        while i < bytes.len() && (bytes[i] as i8) < -64 {
            i += 1;
        }
        while i < bytes.len() {
            if (bytes[i] as i8) >= -64 {
                if remaining == 0 {
                    return i;
                }
                remaining -= 1;
            }
            i += 1;
        }
        text.len()
    }

    /// Character offset of the character containing byte `byte_offset` (clamped).
    pub(crate) fn byte_to_char(&self, text: &str, byte_offset: usize) -> usize {
        let byte_offset = byte_offset.min(text.len());
        if self.chars_before.is_empty() {
            return byte_offset;
        }
        let mut end = byte_offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let k = end / CHUNK;
        let base = self.chars_before.get(k).copied().unwrap_or(self.char_len);
        base + count_chars(&text.as_bytes()[(k * CHUNK).min(end)..end])
    }
}

/// Converts a non-decreasing sequence of byte offsets in one pass over the text, falling
/// back to the index when an offset goes backwards.
#[derive(Debug, Default)]
pub(crate) struct Cursor {
    byte: usize,
    chars: usize,
}

impl Cursor {
    /// Character offset of `byte_offset` (as [`CharIndex::byte_to_char`]).
    pub(crate) fn byte_to_char(&mut self, index: &CharIndex, text: &str, byte_offset: usize) -> usize {
        let mut end = byte_offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end < self.byte || index.chars_before.is_empty() {
            return index.byte_to_char(text, end);
        }
        self.chars += count_chars(&text.as_bytes()[self.byte..end]);
        self.byte = end;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_on_mixed_text() {
        // Multi-byte characters straddle chunk boundaries at many positions.
        let text: String = (0..2000)
            .map(|i| {
                if i % 7 == 0 {
                    '€'
                } else if i % 11 == 0 {
                    '𝄞'
                } else {
                    'a'
                }
            })
            .collect();
        let index = CharIndex::new(&text);
        assert_eq!(index.char_len(), 2000);
        let expected: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        for (c, &b) in expected.iter().enumerate() {
            assert_eq!(index.char_to_byte(&text, c), b, "char {c}");
            assert_eq!(index.byte_to_char(&text, b), c, "byte {b}");
        }
        assert_eq!(index.char_to_byte(&text, 10_000), text.len());
        assert_eq!(index.byte_to_char(&text, text.len()), 2000);
        // A byte inside the 3-byte '€' maps to that character.
        assert_eq!(index.byte_to_char(&text, 1), 0);
    }

    #[test]
    fn cursor_agrees_with_index() {
        let text = "αβγ plain € text 𝄞 end";
        let index = CharIndex::new(text);
        let mut cursor = Cursor::default();
        for b in [0, 2, 3, 7, 7, 12, 30, 5, text.len()] {
            assert_eq!(cursor.byte_to_char(&index, text, b), index.byte_to_char(text, b), "byte {b}");
        }
    }

    #[test]
    fn ascii_text_is_its_own_index() {
        let index = CharIndex::new("plain");
        assert_eq!((index.char_to_byte("plain", 3), index.byte_to_char("plain", 9)), (3, 5));
    }
}
