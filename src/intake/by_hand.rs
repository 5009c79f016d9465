//! Recommendations the reviewer makes by hand from a selection: the label is read from the
//! selected text when it starts with one ("C. It is important…" → "C"), else it is the next
//! label in the document's own style after the recommendation before it; list markers and
//! the label are stripped from the text.

use crate::model::Session;

/// A label and text for a recommendation made from `selected` text in document `doc` at
/// character `start`.
pub fn label_and_text(session: &Session, doc: &str, start: usize, selected: &str) -> (String, String) {
    let body = strip_bullet(selected.trim());
    if let Some((label, rest)) = leading_label(body) {
        return (label, rest.trim().to_owned());
    }
    let previous = session
        .recommendations
        .iter()
        .filter(|r| r.source.as_ref().is_some_and(|a| a.document == doc && a.start < start))
        .max_by_key(|r| r.source.as_ref().map_or(0, |a| a.start))
        .or_else(|| session.recommendations.last());
    let taken = |l: &str| session.recommendations.iter().any(|r| r.label.eq_ignore_ascii_case(l));
    let label = match previous {
        Some(p) => {
            let next = increment(&p.label).unwrap_or_else(|| format!("{} (new)", p.label));
            if taken(&next) {
                (1..).map(|n| format!("{}.{n}", p.label)).find(|l| !taken(l)).unwrap_or(next)
            } else {
                next
            }
        }
        None => "1".into(),
    };
    (label, body.trim().to_owned())
}

/// `"- text"`, `"• text"`, `"* text"` → `"text"`.
fn strip_bullet(s: &str) -> &str {
    for bullet in ["- ", "* ", "+ ", "\u{2022} ", "\u{25e6} ", "\u{2023} ", "\u{f0b7} "] {
        if let Some(rest) = s.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    s
}

/// A label at the start of `s` (`A.`, `AA.`, `12.`, `4.4`, `R12:`, `(a)`, `Recommendation 3:`)
/// and the text after it.
fn leading_label(s: &str) -> Option<(String, &str)> {
    let lower = s.to_lowercase();
    for word in ["recommendation ", "conclusion "] {
        if lower.starts_with(word) {
            let rest = &s[word.len()..];
            let n = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').count();
            let (label, after) = rest.split_at(n);
            let label = label.trim_end_matches('.');
            if !label.is_empty() && label.chars().any(|c| c.is_ascii_digit()) {
                return Some((
                    label.to_owned(),
                    after.trim_start_matches([':', '.', ')', ' ', '\u{2013}', '-']),
                ));
            }
        }
    }
    if let Some(inner) = s.strip_prefix('(') {
        let n = inner.chars().take_while(char::is_ascii_alphanumeric).count();
        if (1..=4).contains(&n) && inner[n..].starts_with(')') {
            return Some((format!("({})", &inner[..n]), &inner[n + 1..]));
        }
    }
    let n = s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').count();
    let (label, after) = s.split_at(n);
    let label = label.trim_end_matches('.');
    let separated = after.starts_with([' ', ':', ')', '\t']) || (n > label.len() && after.starts_with(' '));
    let shaped = !label.is_empty()
        && label.len() <= 8
        && (label.chars().all(|c| c.is_ascii_uppercase()) && label.len() <= 3
            || label.chars().next().is_some_and(|c| c.is_ascii_digit())
            || (label.starts_with(['R', 'C'])
                && label[1..].chars().all(|c| c.is_ascii_digit())
                && label.len() > 1));
    // "A" alone followed by a space is a word ("A review…"), not a label, unless a full stop follows it.
    let word_like = label.len() == 1
        && label.chars().all(|c| c.is_ascii_uppercase())
        && !s[label.len()..].starts_with('.');
    (shaped && separated && !word_like)
        .then(|| (label.to_owned(), after.trim_start_matches([':', '.', ')', ' ', '\t'])))
}

/// The label after `label` in its own style: `B`→`C`, `Z`→`AA`, `12`→`13`, `R12`→`R13`,
/// `4.4`→`4.5`, `(a)`→`(b)`.
pub fn increment(label: &str) -> Option<String> {
    if let Some(inner) = label.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        return increment(inner).map(|n| format!("({n})"));
    }
    let digits = label.chars().rev().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let (head, tail) = label.split_at(label.len() - digits);
        let n: u64 = tail.parse().ok()?;
        return Some(format!("{head}{}", n + 1));
    }
    if !label.is_empty() && label.chars().all(|c| c.is_ascii_alphabetic()) {
        let upper = label.chars().all(|c| c.is_ascii_uppercase());
        let base = if upper { b'A' } else { b'a' };
        // Spreadsheet-style letters: A…Z, AA…ZZ (doubled letters, as reports use them).
        let first = label.as_bytes()[0];
        if label.bytes().all(|b| b == first) {
            return Some(if first == base + 25 {
                std::iter::repeat_n(base as char, label.len() + 1).collect()
            } else {
                std::iter::repeat_n((first + 1) as char, label.len()).collect()
            });
        }
        let mut bytes = label.as_bytes().to_vec();
        let last = bytes.len() - 1;
        bytes[last] = if bytes[last] == base + 25 { base } else { bytes[last] + 1 };
        return String::from_utf8(bytes).ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Recommendation};

    #[test]
    fn labels_continue_in_the_documents_own_style() {
        assert_eq!(increment("B").as_deref(), Some("C"));
        assert_eq!(increment("Z").as_deref(), Some("AA"));
        assert_eq!(increment("AA").as_deref(), Some("BB"));
        assert_eq!(increment("R12").as_deref(), Some("R13"));
        assert_eq!(increment("4.4").as_deref(), Some("4.5"));
        assert_eq!(increment("(a)").as_deref(), Some("(b)"));
        assert_eq!(increment("999").as_deref(), Some("1000"));
    }

    fn session_with(labels: &[(&str, usize)]) -> Session {
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        for (i, (label, start)) in labels.iter().enumerate() {
            let mut r = Recommendation::new(format!("r{i}"), *label, "text");
            r.source = Some(Anchor {
                document: "doc1".into(),
                start: *start,
                end: start + 4,
                quote: Default::default(),
            });
            s.recommendations.push(r);
        }
        s
    }

    #[test]
    fn a_selection_takes_its_own_label_and_loses_its_bullet() {
        let s = session_with(&[("A", 0), ("B", 100)]);
        assert_eq!(
            label_and_text(&s, "doc1", 50, "- C. It is important."),
            ("C".into(), "It is important.".into())
        );
        assert_eq!(
            label_and_text(&s, "doc1", 50, "Recommendation 12: Do it."),
            ("12".into(), "Do it.".into())
        );
        assert_eq!(
            label_and_text(&s, "doc1", 50, "(d) the board should"),
            ("(d)".into(), "the board should".into())
        );
    }

    #[test]
    fn without_a_label_the_next_one_in_sequence_is_given() {
        let s = session_with(&[("A", 0), ("B", 100), ("D", 300)]);
        assert_eq!(
            label_and_text(&s, "doc1", 200, "- The Government should act."),
            ("C".into(), "The Government should act.".into())
        );
        assert_eq!(label_and_text(&s, "doc1", 50, "A review should follow.").0, "A.1", "B is taken");
    }
}
