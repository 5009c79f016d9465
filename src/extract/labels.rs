//! Printed labels: at the start of an item (`Recommendation 12:`, `R12`, `A.`, `1.`, `(a)`,
//! `6.3.1`), as a code at its end (`(Recommendation 3)`, `(012/22)`), or as a code opening a
//! line of a reply letter (`(005/12) Accepted.`). Numbers have no size limit.

use regex::Regex;
use std::sync::LazyLock;

/// The shape of a label, for comparing items' structure ("look-alikes").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum LabelShape {
    /// `Recommendation 12`, `Rec. 12`, `R12`, `Conclusion 3`.
    Named,
    /// `A.`, `AA.`, `B)`.
    UpperLetter,
    /// `a.`, `a)`, `(a)`.
    LowerLetter,
    /// `i.`, `(iv)`.
    Roman,
    /// `1.`, `1)`, `(1)`, `#.`.
    Number,
    /// `2.1`, `6.3.1`, `7.2.4.`: numbered paragraphs and sub-items, by how many parts.
    Dotted(u8),
    /// A bracketed code: `(012/22)`, `(Recommendation 3)`, `[H-01]`.
    Code,
}

/// A label found at the start of a block's or sentence's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelMatch {
    /// Its shape.
    pub shape: LabelShape,
    /// The label as reviewers see it (`"A"`, `"12"`, `"R12"`, `"6.3.1"`, `"a"`).
    pub label: String,
    /// Bytes of the content taken by the label, its separator and surrounding markup.
    pub len: usize,
    /// The word of a named label says it is a conclusion (`Conclusion 3`).
    pub conclusion: bool,
}

/// `Recommendation 12`, `Recommendations 3`, `Rec. 7`, `Rec No. 4`, `Conclusion 2`, `R12`.
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?i:(recommendation|conclusion))s?|(?i:rec)\.?)\s*(?:(?i:no)\.?\s*)?(\d{1,9}[a-z]?)\b|^R(\d{1,9}[a-z]?)\b",
    )
    .unwrap_or_else(|_| unreachable!("constant pattern"))
});

/// A code at the end of a sentence: `(Recommendation 3)`, `(Recommendation\n2)`, `(012/22)`,
/// `( 007/12)`, `(Rec. 4)`, `(A-22-01)`, optionally followed by a full stop.
static END_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\(\s*(?:(?i:recommendations?|rec\.?)\s+(\d{1,9}[a-z]?)|([A-Z]{0,4}-?\d{1,6}/\d{2,4}|[A-Z]{1,4}\d{1,9}-\d{1,9}|[A-Z]{1,4}-\d{2,4}-\d{1,4}))\s*\)\s*\.?\s*$",
    )
    .unwrap_or_else(|_| unreachable!("constant pattern"))
});

/// A code opening a line: `(005/12)`, `(R12)`.
static START_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(\s*(\d{1,6}/\d{2,4}|[A-Z]{1,4}-?\d{1,9}(?:/\d{2,4})?)\s*\)")
        .unwrap_or_else(|_| unreachable!("constant pattern"))
});

/// A code in a heading: `[H-01]`, `[M-03]`, `Finding 3`, `Issue 12`.
static HEADING_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[\[?([A-Z]{1,4}-\d{1,6})\]").unwrap_or_else(|_| unreachable!("constant pattern"))
});

/// Bytes of separator and markup after a label: `:`, `.`, `–`, `)`, spaces, emphasis.
fn after_label(rest: &str) -> usize {
    let t = rest.trim_start_matches(['*', '_']);
    let t = t.trim_start_matches([' ', '\t', '\u{a0}']);
    let t = t.strip_prefix([':', '.', '–', '—', '-', ')']).unwrap_or(t);
    let t = t.trim_start_matches(['*', '_']).trim_start();
    rest.len() - t.len()
}

/// True when `s` starts like the body of a labelled paragraph: a letter, digit, quote,
/// bracket or opening emphasis.
fn body_starts(s: &str) -> bool {
    let s = s.trim_start_matches(['*', '_']);
    s.chars().next().is_some_and(|c| c.is_alphabetic() || c.is_ascii_digit() || "\"“‘'([".contains(c))
}

/// Bytes of spaces (and closing emphasis before them) after a label; None when none.
fn label_gap(s: &str) -> Option<usize> {
    if s.is_empty() {
        return Some(0);
    }
    let t = s.strip_prefix("**").or_else(|| s.strip_prefix("__")).unwrap_or(s);
    let after = t.trim_start_matches([' ', '\t', '\u{a0}', '\n']);
    (after.len() < t.len() || after.is_empty()).then(|| s.len() - after.len())
}

/// True for a lower-case roman numeral of up to 4 letters.
fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'))
}

/// The label at the start of `content` (block text after markup), if any.
pub fn at_start(content: &str) -> Option<LabelMatch> {
    let inner = content.strip_prefix("**").or_else(|| content.strip_prefix("__")).unwrap_or(content);
    let opening = content.len() - inner.len();
    at_start_inner(inner).map(|m| LabelMatch { len: m.len + opening, ..m })
}

fn at_start_inner(content: &str) -> Option<LabelMatch> {
    let first = *content.as_bytes().first()?;
    if matches!(first, b'R' | b'r' | b'C' | b'c')
        && let Some(c) = NAMED.captures(content)
    {
        let whole = c.get(0)?;
        let rest = &content[whole.end()..];
        let (label, conclusion) = match c.get(3) {
            Some(r) => (format!("R{}", r.as_str()), false),
            None => {
                let word = c.get(1).map(|m| m.as_str().to_ascii_lowercase());
                (c.get(2)?.as_str().to_owned(), word.as_deref() == Some("conclusion"))
            }
        };
        let sep = after_label(rest);
        let separated = rest[..sep].contains([':', '.', '–', '—', '-', ')']);
        // "Conclusions 10\nRecommendations 12": a contents list, not a label.
        let next_line = rest[sep..].lines().next().unwrap_or("");
        if rest[..sep].contains('\n')
            && next_line.trim_end().ends_with(|c: char| c.is_ascii_digit())
            && NAMED.is_match(next_line.trim_start())
        {
            return None;
        }
        let ends = rest[sep..].trim().is_empty() || rest[..sep].contains('\n');
        if separated
            || ends
            || (sep > 0 && body_starts(&rest[sep..]) && !rest[sep..].starts_with(char::is_lowercase))
        {
            return Some(LabelMatch { shape: LabelShape::Named, label, len: whole.end() + sep, conclusion });
        }
        return None;
    }
    let b = content.as_bytes();
    // (a), (1), (iv)
    if first == b'(' {
        let close = content.find(')')?;
        let inner = &content[1..close];
        let shape = label_shape_of(inner)?;
        if matches!(shape, LabelShape::Dotted(_) | LabelShape::Named | LabelShape::Code) {
            return None;
        }
        let gap = label_gap(&content[close + 1..])?;
        let rest = &content[close + 1 + gap..];
        if !rest.is_empty() && !body_starts(rest) {
            return None;
        }
        return Some(LabelMatch { shape, label: inner.to_owned(), len: close + 1 + gap, conclusion: false });
    }
    // 1. 1) 6.3.1 6.3.1. A. AA. a. a) iv. #.
    let token_len =
        content.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'.' || *c == b'#').count();
    if token_len == 0 {
        return None;
    }
    let token = &content[..token_len];
    let (label, sep_len) = if let Some(t) = token.strip_suffix('.') {
        (t, 1)
    } else if b.get(token_len) == Some(&b')') {
        (token, 1)
    } else if token.contains('.') || bare_label(token, &content[token_len..]) {
        (token, 0) // "6.3.1 Text"; printed without a stop: "a The Ministry should…"
    } else {
        return None;
    };
    let shape = if label == "#" { LabelShape::Number } else { label_shape_of(label)? };
    if shape == LabelShape::Named || shape == LabelShape::Code {
        return None;
    }
    let after = token_len + usize::from(sep_len == 1 && !token.ends_with('.'));
    let gap = label_gap(&content[after..])?;
    let rest = &content[after + gap..];
    if !rest.is_empty() && !body_starts(rest) {
        return None;
    }
    if shape == LabelShape::UpperLetter && looks_like_initials(rest) {
        return None;
    }
    if gap == 0 && !rest.is_empty() {
        return None;
    }
    let label = if label == "#" { String::new() } else { label.to_owned() };
    Some(LabelMatch { shape, label, len: after + gap, conclusion: false })
}

/// A label printed with no stop after it: one lower-case letter or a number of up to three
/// digits, then a space or tab and a capitalised word ("a The Ministry should…").
fn bare_label(token: &str, rest: &str) -> bool {
    let short = token.len() == 1 && token.bytes().all(|b| b.is_ascii_lowercase())
        || (1..=3).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_digit());
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let word: String = rest[gap..].chars().take_while(|c| c.is_alphabetic()).collect();
    short
        && (1..=4).contains(&gap)
        && word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase)
}

/// The shape of a bare label (`A`, `12`, `iv`, `6.3.1`), if it is one.
pub fn label_shape_of(label: &str) -> Option<LabelShape> {
    let l = label.trim().trim_end_matches(['.', ')', ':']).trim_start_matches('(');
    if l.is_empty() {
        return None;
    }
    if l.contains('.') {
        let parts: Vec<&str> = l.split('.').collect();
        if parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())) {
            return u8::try_from(parts.len()).ok().filter(|&n| n <= 6).map(LabelShape::Dotted);
        }
        return None;
    }
    if l.bytes().all(|b| b.is_ascii_digit()) {
        return (l.len() <= 9).then_some(LabelShape::Number);
    }
    if is_roman(l) && l != "v" && l != "x" || matches!(l, "ii" | "iii" | "iv" | "vi" | "vii" | "viii" | "ix")
    {
        return Some(LabelShape::Roman);
    }
    let bytes = l.as_bytes();
    let same = bytes.iter().all(|&c| c == bytes[0]);
    if bytes.len() <= 2 && same && bytes[0].is_ascii_uppercase() {
        return Some(LabelShape::UpperLetter);
    }
    if bytes.len() <= 2 && same && bytes[0].is_ascii_lowercase() {
        return Some(LabelShape::LowerLetter);
    }
    if NAMED.is_match(l) {
        return Some(LabelShape::Named);
    }
    None
}

/// True when a lettered label is really a person's initials: `J. R. Smith`.
fn looks_like_initials(rest: &str) -> bool {
    let first = rest.split_whitespace().next().unwrap_or("");
    first.len() == 2 && first.ends_with('.') && first.starts_with(char::is_uppercase)
}

/// A code that ends `text` (a sentence or block): `(Recommendation 3)` → `"3"`,
/// `(012/22)` → `"012/22"`; with the byte offset where the code starts.
pub fn end_code(text: &str) -> Option<(String, usize)> {
    let t = super::text::strip_emphasis_end(text);
    if !t.ends_with([')', '.']) {
        return None;
    }
    let tail_from = t.floor_char_boundary(t.len().saturating_sub(40));
    let c = END_CODE.captures(&t[tail_from..])?;
    let code = c.get(1).or_else(|| c.get(2))?.as_str().to_owned();
    Some((code, tail_from + c.get(0)?.start()))
}

/// A code opening `text`: `(005/12)  Accepted.` → (`"005/12"`, bytes taken with spaces).
pub fn code_at_start(text: &str) -> Option<(String, usize)> {
    if !text.starts_with('(') {
        return None;
    }
    let c = START_CODE.captures(text)?;
    let whole = c.get(0)?;
    let rest = &text[whole.end()..];
    let gap = rest.len() - rest.trim_start().len();
    Some((c.get(1)?.as_str().to_owned(), whole.end() + gap))
}

/// A code in a heading (`## [[H-01] Title](link)` → `"H-01"`), if any.
pub fn heading_code(heading: &str) -> Option<String> {
    HEADING_CODE.captures(heading).and_then(|c| c.get(1)).map(|m| m.as_str().to_owned())
}

/// The ordinal of a label within its shape (A → 1, AA → 27, iv → 4, 12 → 12, 6.3.2 → 2,
/// 013/22 → 13), for checking that labels run in sequence.
pub fn ordinal(label: &str) -> Option<u64> {
    let l = label.trim().trim_end_matches(['.', ')']).trim_start_matches(['(', 'R']);
    if let Some((num, _year)) = l.split_once('/') {
        return num.parse().ok();
    }
    if let Some(last) = l.rsplit('.').next()
        && l.contains('.')
    {
        return last.parse().ok();
    }
    if let Ok(n) = l.trim_end_matches(|c: char| c.is_ascii_lowercase()).parse::<u64>() {
        return Some(n);
    }
    if is_roman(l) {
        return Some(roman_value(l));
    }
    let bytes = l.as_bytes();
    if !bytes.is_empty()
        && bytes.len() <= 2
        && bytes.iter().all(|&c| c == bytes[0])
        && bytes[0].is_ascii_alphabetic()
    {
        let base = u64::from(bytes[0].to_ascii_uppercase() - b'A') + 1;
        return Some(base + 26 * (bytes.len() as u64 - 1));
    }
    None
}

fn roman_value(s: &str) -> u64 {
    let value = |c: u8| match c {
        b'i' => 1,
        b'v' => 5,
        b'x' => 10,
        _ => 0,
    };
    let b = s.as_bytes();
    let mut total = 0i64;
    for (k, &c) in b.iter().enumerate() {
        let v = value(c);
        if b.get(k + 1).is_some_and(|&n| value(n) > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    u64::try_from(total).unwrap_or(0)
}

/// The prefix a dotted or coded label shares with its siblings (`6.3.1` → `6.3`,
/// `012/22` → `/22`), so sequences are only counted within one family.
pub fn family(label: &str) -> String {
    if let Some((_, year)) = label.split_once('/') {
        return format!("/{year}");
    }
    match label.rsplit_once('.') {
        Some((head, _)) => head.to_owned(),
        None => String::new(),
    }
}

/// True when `next` follows `prev` in sequence (1 → 2, A → B, Z → AA, 6.3.1 → 6.3.2,
/// 012/22 → 013/22).
pub fn follows(prev: &str, next: &str) -> bool {
    if family(prev) != family(next) {
        return false;
    }
    match (ordinal(prev), ordinal(next)) {
        (Some(a), Some(b)) => b == a + 1,
        _ => false,
    }
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

    fn label(s: &str) -> Option<(LabelShape, String, &str)> {
        at_start(s).map(|m| (m.shape, m.label.clone(), &s[m.len.min(s.len())..]))
    }

    #[test]
    fn lettered_labels() {
        assert_eq!(label("A. Even within"), Some((LabelShape::UpperLetter, "A".into(), "Even within")));
        assert_eq!(label("YY. It appears"), Some((LabelShape::UpperLetter, "YY".into(), "It appears")));
        assert_eq!(label("A.** Bold label"), Some((LabelShape::UpperLetter, "A".into(), "Bold label")));
        assert_eq!(label("AB. Not a label"), None);
        assert_eq!(label("J. R. Smith wrote"), None);
        assert_eq!(label("a) lower case"), Some((LabelShape::LowerLetter, "a".into(), "lower case")));
        assert_eq!(label("(iv) fourth"), Some((LabelShape::Roman, "iv".into(), "fourth")));
    }

    #[test]
    fn named_labels_of_any_size() {
        let named = |s| label(s).map(|(st, l, rest)| (st, l, rest.to_owned()));
        assert_eq!(named("Recommendation 12: The"), Some((LabelShape::Named, "12".into(), "The".into())));
        assert_eq!(named("Recommendation 1000. The"), Some((LabelShape::Named, "1000".into(), "The".into())));
        assert_eq!(named("Recommendation 12 – The"), Some((LabelShape::Named, "12".into(), "The".into())));
        assert_eq!(named("RECOMMENDATION 3"), Some((LabelShape::Named, "3".into(), "".into())));
        assert_eq!(named("Rec. 7: Do it"), Some((LabelShape::Named, "7".into(), "Do it".into())));
        assert_eq!(
            named("R12 The Home Office"),
            Some((LabelShape::Named, "R12".into(), "The Home Office".into()))
        );
        assert!(at_start("Conclusion 2: We").is_some_and(|m| m.conclusion));
        assert_eq!(named("Recommendation 10 asks the Department"), None);
        assert_eq!(named("Recommendations made in 2019 were"), None);
        assert_eq!(named("Research shows"), None);
        assert_eq!(named("Conclusions 10\nRecommendations 12"), None);
        // A paragraph reference under the label is not a contents list.
        assert_eq!(
            named("Recommendation no. 1\nParagraph 2.45"),
            Some((LabelShape::Named, "1".into(), "Paragraph 2.45".into()))
        );
    }

    #[test]
    fn numbered_and_dotted_labels() {
        assert_eq!(label("1. The Department"), Some((LabelShape::Number, "1".into(), "The Department")));
        assert_eq!(label("(3) The Department"), Some((LabelShape::Number, "3".into(), "The Department")));
        assert_eq!(
            label("6.3.1 Use the lessons"),
            Some((LabelShape::Dotted(3), "6.3.1".into(), "Use the lessons"))
        );
        assert_eq!(
            label("7.2.4.  On 22 March"),
            Some((LabelShape::Dotted(3), "7.2.4".into(), "On 22 March"))
        );
        assert_eq!(label("6.3.1"), Some((LabelShape::Dotted(3), "6.3.1".into(), "")));
        assert_eq!(label("3.5million"), None);
        // Printed with no stop after the label.
        assert_eq!(label("a The Ministry"), Some((LabelShape::LowerLetter, "a".into(), "The Ministry")));
        assert_eq!(label("12\tThe Board"), Some((LabelShape::Number, "12".into(), "The Board")));
        assert_eq!(label("a new system"), None);
        assert_eq!(label("2019 The year"), None);
        assert_eq!(label("3 UK prisons"), None);
        assert_eq!(paragraph_number("1.12 I hope"), Some(("1.12".into(), 5)));
        assert_eq!(paragraph_number("3.5 million people"), None);
    }

    #[test]
    fn codes() {
        assert_eq!(
            end_code("address any non-compliance, as appropriate. (012/22)"),
            Some(("012/22".into(), 44))
        );
        assert_eq!(end_code("the text.\n(Recommendation\n2)").map(|c| c.0), Some("2".into()));
        assert_eq!(end_code("operating safely  (006/12).").map(|c| c.0), Some("006/12".into()));
        assert_eq!(end_code("transport roles\n(011/12) .").map(|c| c.0), Some("011/12".into()));
        assert_eq!(end_code("(Recommendation 1000)").map(|c| c.0), Some("1000".into()));
        assert_eq!(end_code("as noted (see 2019)."), None);
        assert_eq!(end_code("commercial operations. (A-22-01)").map(|c| c.0), Some("A-22-01".into()));
        assert_eq!(end_code("after the pandemic (COVID-19)."), None);
        assert_eq!(code_at_start("(005/12)  Accepted."), Some(("005/12".into(), 10)));
        assert_eq!(heading_code("[[H-01] Arbitrary call](https://x)"), Some("H-01".into()));
    }

    #[test]
    fn sequences() {
        assert!(follows("A", "B"));
        assert!(follows("Z", "AA"));
        assert!(follows("6.3.1", "6.3.2"));
        assert!(!follows("6.3.1", "6.4.2"));
        assert!(follows("012/22", "013/22"));
        assert!(follows("999", "1000"));
        assert!(follows("iii", "iv"));
        assert!(!follows("1", "3"));
    }
}
