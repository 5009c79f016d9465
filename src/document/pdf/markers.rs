//! List markers as they are printed at the start of an item: bullets ("•", "▪", "–") and
//! numbers or letters ("6.3.1", "3.", "a.", "(i)", "b)").

/// Characters that serve as bullets ("o" is Word's second-level bullet).
const BULLETS: &[char] =
    &['•', '▪', '‣', '◦', '●', '○', '■', '□', '➢', '✓', '❖', '►', '-', '–', '—', '*', '·', 'o'];

/// What a line's first word says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    /// A bullet glyph.
    Bullet,
    /// A number or letter with its punctuation ("6.3.1", "a.", "(ii)").
    Number,
    /// A bare decimal ("6.3", "3.61"): a numbered paragraph only when text follows.
    Decimal,
}

/// The marker `word` is, if any.
pub(super) fn marker(word: &str) -> Option<Marker> {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return BULLETS.contains(&c).then_some(Marker::Bullet);
    }
    let inner = word.strip_prefix('(').and_then(|w| w.strip_suffix(')'));
    let parenthesised = inner.is_some();
    let inner = inner.unwrap_or(word);
    let (body, punct) = match inner.strip_suffix(['.', ')']) {
        Some(b) => (b, true),
        None => (inner, false),
    };
    if body.is_empty() || body.len() > 12 {
        return None;
    }
    let decimal =
        body.split('.').all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    let letter = body.len() == 1 && body.bytes().all(|b| b.is_ascii_alphabetic());
    let roman = body.len() <= 6 && body.chars().all(|c| "ivxlc".contains(c))
        || body.len() <= 6 && body.chars().all(|c| "IVXLC".contains(c));
    let numbered = decimal || letter || roman;
    if numbered && (punct || parenthesised) {
        Some(Marker::Number)
    } else if decimal && body.contains('.') {
        Some(Marker::Decimal)
    } else {
        None
    }
}

/// The marker that starts `text` (its first word) and whether it really starts an item:
/// a bare decimal must be followed by text that starts like a sentence.
pub(super) fn leading_marker(text: &str) -> Option<(Marker, &str)> {
    let mut words = text.split_whitespace();
    let first = words.next()?;
    let m = marker(first)?;
    let next = words.next()?;
    let starts_sentence = next.starts_with(|c: char| c.is_uppercase() || "“\"‘'(".contains(c));
    if m == Marker::Decimal && !starts_sentence {
        return None;
    }
    Some((m, first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_as_printed() {
        for (w, m) in [
            ("•", Marker::Bullet),
            ("–", Marker::Bullet),
            ("6.3.1", Marker::Decimal),
            ("6.3.1.", Marker::Number),
            ("3.", Marker::Number),
            ("a.", Marker::Number),
            ("(i)", Marker::Number),
            ("b)", Marker::Number),
            ("(12)", Marker::Number),
        ] {
            assert_eq!(marker(w), Some(m), "{w}");
        }
        for w in ["12", "e.g.", "word", "2011,", "U.S.", "x", "(12", "(a"] {
            assert_eq!(marker(w), None, "{w}");
        }
    }

    #[test]
    fn bare_decimals_need_a_sentence_after_them() {
        assert!(leading_marker("3.61 The Commission found").is_some());
        assert!(leading_marker("3.5 million passengers").is_none());
        assert!(leading_marker("a. the operator").is_some());
        assert!(leading_marker("•").is_none());
    }
}
