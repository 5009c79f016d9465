//! A normalised view of a text for matching: one byte per character, whitespace runs
//! collapsed to one space, curly quotes and dashes folded to their ASCII forms, letters
//! lowercased, with the map back to the real character offsets.

/// A text folded for matching, with the way back to its character offsets.
///
/// Offsets are `u32`: documents are far below 4 G characters.
#[derive(Debug, Default)]
pub(crate) struct NormalText {
    /// The folded text, one byte per kept character.
    pub bytes: Vec<u8>,
    /// For each folded byte (and one past the end), the character offset it stands for.
    to_char: Vec<u32>,
    /// For each character of the original (and one past the end), the first folded byte at
    /// or after it.
    from_char: Vec<u32>,
}

impl NormalText {
    /// Fold `text`.
    pub fn new(text: &str) -> Self {
        let mut bytes = Vec::with_capacity(text.len());
        let mut to_char = Vec::with_capacity(text.len() + 1);
        let mut from_char = Vec::with_capacity(text.len() + 1);
        let mut chars = 0u32;
        fold_each(text, |folded| {
            from_char.push(bytes.len() as u32);
            if let Some(b) = folded {
                bytes.push(b);
                to_char.push(chars);
            }
            chars += 1;
        });
        from_char.push(bytes.len() as u32);
        to_char.push(chars);
        Self { bytes, to_char, from_char }
    }

    /// The folded offset of character offset `c` (clamped to the end).
    pub fn folded_at(&self, c: usize) -> usize {
        self.from_char.get(c).or(self.from_char.last()).map_or(0, |&n| n as usize)
    }

    /// The character range of folded range `start..end` (the end maps to just after the
    /// last folded character, so a trailing collapsed space covers one character).
    pub fn char_range(&self, start: usize, end: usize) -> (usize, usize) {
        let at = |i: usize| self.to_char.get(i).or(self.to_char.last()).map_or(0, |&n| n as usize);
        let s = at(start);
        let e = if end > start { at(end - 1) + 1 } else { s };
        (s, e)
    }
}

/// Fold a string on its own (a quote, a prefix): the same bytes `NormalText` would hold.
pub(crate) fn fold_str(s: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(s.len());
    fold_each(s, |folded| bytes.extend(folded));
    bytes
}

/// Call `each` once per character of `text` with its folded byte, or None for a
/// whitespace character that continues a run (the run's first one folds to a space).
fn fold_each(text: &str, mut each: impl FnMut(Option<u8>)) {
    let mut in_space = false;
    let mut emit = |space: bool, b: u8| {
        each(if space && in_space { None } else { Some(b) });
        in_space = space;
    };
    let mut rest = text;
    while !rest.is_empty() {
        // ASCII runs (nearly all of most documents) without decoding characters.
        let ascii = rest.bytes().take_while(u8::is_ascii).count();
        for &b in &rest.as_bytes()[..ascii] {
            match b {
                b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => emit(true, b' '),
                b'`' => emit(false, b'\''),
                _ => emit(false, b.to_ascii_lowercase()),
            }
        }
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            if c.is_whitespace() {
                emit(true, b' ');
            } else {
                emit(false, fold(c));
            }
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// One character's folded byte: ASCII lowercased, typographic quotes and dashes to ASCII,
/// any other character to a byte in 128..=255 derived from its lowercase form.
fn fold(c: char) -> u8 {
    match c {
        'A'..='Z' => c.to_ascii_lowercase() as u8,
        '`' | '‘' | '’' | '‚' | '‛' | '′' => b'\'',
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => b'"',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => b'-',
        c if c.is_ascii() => c as u8,
        c => {
            let lower = c.to_lowercase().next().unwrap_or(c) as u32;
            0x80 | (lower.wrapping_mul(2_654_435_761) >> 25) as u8
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_whitespace_quotes_dashes_and_case() {
        let n = NormalText::new("It’s  a\n“Test” – OK");
        assert_eq!(n.bytes, b"it's a \"test\" - ok");
    }

    #[test]
    fn maps_back_to_character_offsets() {
        let text = "Café  au\n\nlait";
        let n = NormalText::new(text);
        assert_eq!(n.bytes.len(), 12);
        // "au" is folded bytes 5..7 (the run "  " folds to one space); characters 6..8.
        assert_eq!(n.char_range(5, 7), (6, 8));
        // "lait" follows a collapsed "\n\n": folded 9..13 → characters 10..14.
        let at = n.bytes.windows(4).position(|w| w == b"lait").unwrap();
        assert_eq!(n.char_range(at, at + 4), (10, 14));
        assert_eq!(n.folded_at(10), at);
        assert_eq!(n.folded_at(999), n.bytes.len());
    }

    #[test]
    fn non_ascii_letters_fold_case_alike() {
        assert_eq!(fold_str("ÉTÉ"), fold_str("été"));
        assert!(fold_str("é").iter().all(|&b| b >= 0x80));
    }
}
