//! Recognising printed labels at the start of a block: `A.`, `Recommendation 12:`, `R12`,
//! `1.`, `#.`, and numbered paragraphs `4.4`.

use crate::model::RecommendationKind;
use regex::Regex;
use std::sync::LazyLock;

/// How a label is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `A.` … `Z.`, `AA.` … `ZZ.`
    Lettered,
    /// `Recommendation 12:`, `Conclusion 3.`, `Rec. 12`, `R12`.
    Named,
    /// `1.`, `1)`, `(1)`, `#.`: recommendations only in the right context.
    Numbered,
}

/// A label found at the start of a block's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LabelMatch {
    /// How it is printed.
    pub(crate) style: Style,
    /// The label (`"A"`, `"12"`, `"R12"`); empty for `#.` auto-numbering.
    pub(crate) label: String,
    /// Number of a numbered label, for sequence checks.
    pub(crate) number: Option<u32>,
    /// Bytes of the content taken by the label, its separator and surrounding markup.
    pub(crate) len: usize,
    /// Kind stated by the label itself (`Conclusion 3`).
    pub(crate) kind: Option<RecommendationKind>,
    /// Name of the rule, for `--explain`.
    pub(crate) rule: &'static str,
}

/// Text right after a label: separator, emphasis, spaces.
fn after_label(rest: &str) -> usize {
    let t = rest.trim_start_matches(['*', '_']);
    let t = t.trim_start_matches([' ', '\t', '\u{a0}']);
    let t = t.strip_prefix([':', '.', '–', '—', '-', ')']).unwrap_or(t);
    let t = t.trim_start_matches(['*', '_']).trim_start();
    rest.len() - t.len()
}

/// True when `s` starts like the body of a labelled paragraph: a capital, digit, quote or
/// opening emphasis.
fn body_starts(s: &str) -> bool {
    let s = s.trim_start_matches(['*', '_']);
    s.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'([".contains(c))
}

static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?i:(recommendation|conclusion))s?|(?i:rec)\.?)\s*(?:(?i:no)\.?\s*)?(\d{1,3}[a-z]?)\b|^R(\d{1,3}[a-z]?)\b",
    )
    .expect("static regex")
});

/// Bytes of spaces (and closing emphasis before them) after a label; None when none.
fn label_gap(s: &str) -> Option<usize> {
    let t = s.strip_prefix("**").or_else(|| s.strip_prefix("__")).unwrap_or(s);
    let after = t.trim_start_matches([' ', '\t', '\u{a0}']);
    (after.len() < t.len()).then(|| s.len() - after.len())
}

/// `A. ` or `AA. ` (the same letter twice): (label, bytes taken).
fn lettered(content: &str) -> Option<(String, usize)> {
    let b = content.as_bytes();
    let first = *b.first()?;
    if !first.is_ascii_uppercase() {
        return None;
    }
    let len = match b.get(1) {
        Some(b'.') => 1,
        Some(&second) if second == first && b.get(2) == Some(&b'.') => 2,
        _ => return None,
    };
    let gap = label_gap(&content[len + 1..])?;
    Some((content[..len].to_owned(), len + 1 + gap))
}

/// `1. `, `1) `, `(1) ` or `#. `: (number, None for `#.`; bytes taken).
fn numbered(content: &str) -> Option<(Option<u32>, usize)> {
    let b = content.as_bytes();
    let (number, end) = match b.first()? {
        b'#' if b.get(1) == Some(&b'.') => (None, 2),
        b'(' => {
            let digits = b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if !(1..=3).contains(&digits) || b.get(1 + digits) != Some(&b')') {
                return None;
            }
            (content[1..1 + digits].parse().ok(), digits + 2)
        }
        c if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 3 || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            (content[..digits].parse().ok(), digits + 1)
        }
        _ => return None,
    };
    let gap = label_gap(&content[end..])?;
    Some((number, end + gap))
}

/// The label at the start of `content` (block text after markup), if any.
pub(crate) fn find(content: &str) -> Option<LabelMatch> {
    let first = *content.as_bytes().first()?;
    if !(first.is_ascii_uppercase() || first.is_ascii_digit() || matches!(first, b'r' | b'c' | b'(' | b'#')) {
        return None;
    }
    let named_start = matches!(first, b'R' | b'r' | b'C' | b'c');
    if let Some(c) = named_start.then(|| NAMED.captures(content)).flatten() {
        let whole = c.get(0)?;
        let rest = &content[whole.end()..];
        let (label, kind, rule) = if let Some(r) = c.get(3) {
            (format!("R{}", r.as_str()), None, "named-r")
        } else {
            let word = c.get(1).map(|m| m.as_str().to_ascii_lowercase());
            let kind = match word.as_deref() {
                Some("conclusion") => Some(RecommendationKind::Conclusion),
                _ => Some(RecommendationKind::Recommendation),
            };
            (c.get(2)?.as_str().to_owned(), kind, "named")
        };
        let sep = after_label(rest);
        let separated = rest[..sep].contains([':', '.', '–', '—', '-', ')']);
        let ends = rest[sep..].trim().is_empty() || rest[..sep].contains('\n');
        if separated || ends || (sep > 0 && body_starts(&rest[sep..])) {
            return Some(LabelMatch {
                style: Style::Named,
                number: label.trim_start_matches('R').parse().ok(),
                label,
                len: whole.end() + sep,
                kind,
                rule,
            });
        }
        return None;
    }
    if let Some((label, taken)) = lettered(content) {
        let rest = &content[taken..];
        if !body_starts(rest) || looks_like_initials(rest) {
            return None;
        }
        return Some(LabelMatch {
            style: Style::Lettered,
            label,
            number: None,
            len: taken + after_label(rest),
            kind: None,
            rule: "lettered",
        });
    }
    if let Some((number, taken)) = numbered(content) {
        let rest = &content[taken..];
        if !body_starts(rest) {
            return None;
        }
        let label = number.map(|n| n.to_string()).unwrap_or_default();
        return Some(LabelMatch {
            style: Style::Numbered,
            label,
            number,
            len: taken + after_label(rest),
            kind: None,
            rule: if number.is_none() { "auto-numbered" } else { "numbered" },
        });
    }
    None
}

/// True when a lettered label is really a person's initials: `J. R. Smith`.
fn looks_like_initials(rest: &str) -> bool {
    let first = rest.split_whitespace().next().unwrap_or("");
    first.len() == 2 && first.ends_with('.') && first.starts_with(char::is_uppercase)
}

/// A numbered paragraph `N.M` at the start of `content`: (label, bytes taken).
pub(crate) fn paragraph_number(content: &str) -> Option<(String, usize)> {
    let b = content.as_bytes();
    let digits = |from: usize| b[from.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    let major = digits(0);
    if !(1..=2).contains(&major) || b.get(major) != Some(&b'.') {
        return None;
    }
    let minor = digits(major + 1);
    if !(1..=3).contains(&minor) {
        return None;
    }
    let mut end = major + 1 + minor;
    if b.get(end) == Some(&b'.') && (1..=3).contains(&digits(end + 1)) {
        end += 1 + digits(end + 1);
    }
    let label = &content[..end];
    let mut taken = end;
    if b.get(taken) == Some(&b'.') {
        taken += 1;
    }
    let rest = &content[taken..];
    let after = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    if after.len() == rest.len() {
        return None;
    }
    let starts = after.trim_start_matches(['*', '_']).chars().next();
    if !starts.is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit() || "\"“‘'([".contains(ch)) {
        return None;
    }
    Some((label.to_owned(), content.len() - after.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> Option<(Style, String, &str)> {
        find(s).map(|m| (m.style, m.label.clone(), &s[m.len..]))
    }

    #[test]
    fn lettered_labels() {
        assert_eq!(label("A. Even within"), Some((Style::Lettered, "A".into(), "Even within")));
        assert_eq!(label("YY. It appears"), Some((Style::Lettered, "YY".into(), "It appears")));
        assert_eq!(label("A.** Bold label"), Some((Style::Lettered, "A".into(), "Bold label")));
        assert_eq!(label("AB. Not a label"), None);
        assert_eq!(label("A.B. Smith"), None);
        assert_eq!(
            label("H. Nevertheless, Ministers must"),
            Some((Style::Lettered, "H".into(), "Nevertheless, Ministers must"))
        );
        assert_eq!(label("J. R. Smith wrote"), None);
        assert_eq!(label("a. lower case"), None);
    }

    #[test]
    fn named_labels() {
        let named = |s| label(s).map(|(st, l, rest)| (st, l, rest.to_owned()));
        assert_eq!(named("Recommendation 12: The"), Some((Style::Named, "12".into(), "The".into())));
        assert_eq!(named("Recommendation 12. The"), Some((Style::Named, "12".into(), "The".into())));
        assert_eq!(named("Recommendation 12 – The"), Some((Style::Named, "12".into(), "The".into())));
        assert_eq!(named("RECOMMENDATION 3"), Some((Style::Named, "3".into(), "".into())));
        assert_eq!(named("Rec. 7: Do it"), Some((Style::Named, "7".into(), "Do it".into())));
        assert_eq!(
            named("R12 The Home Office"),
            Some((Style::Named, "R12".into(), "The Home Office".into()))
        );
        assert_eq!(named("Recommendation 4** The"), Some((Style::Named, "4".into(), "The".into())));
        assert_eq!(find("Conclusion 2: We").and_then(|m| m.kind), Some(RecommendationKind::Conclusion));
        // Cross-references are not labels.
        assert_eq!(named("Recommendation 10 asks the Department"), None);
        assert_eq!(named("Recommendations made in 2019 were"), None);
        assert_eq!(named("Research shows"), None);
    }

    #[test]
    fn numbered_labels_and_paragraph_numbers() {
        assert_eq!(label("1. The Department"), Some((Style::Numbered, "1".into(), "The Department")));
        assert_eq!(label("(3) The Department"), Some((Style::Numbered, "3".into(), "The Department")));
        assert_eq!(label("#. The Department"), Some((Style::Numbered, "".into(), "The Department")));
        assert_eq!(label("1.1 The Department"), None);
        assert_eq!(label("1. and lower"), None);
        assert_eq!(paragraph_number("1.12 I hope"), Some(("1.12".into(), 5)));
        assert_eq!(paragraph_number("4.4 At the"), Some(("4.4".into(), 4)));
        assert_eq!(paragraph_number("3.5 million people"), None);
        assert_eq!(paragraph_number("1. Text"), None);
    }
}
