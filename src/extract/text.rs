//! Small text helpers shared by the extraction rules: stripping markup, judging what a
//! line of text looks like.

/// Strip leading Markdown emphasis markers (`**`, `__`, `*`, `_`) and the whitespace after them.
pub(crate) fn strip_emphasis_start(s: &str) -> &str {
    s.trim_start_matches(['*', '_']).trim_start()
}

/// Strip trailing emphasis markers and whitespace.
pub(crate) fn strip_emphasis_end(s: &str) -> &str {
    s.trim_end().trim_end_matches(['*', '_']).trim_end()
}

/// Length in bytes of the block markup before a block's content: indentation, heading
/// hashes, quote marks, bullets and opening emphasis. Numbered markers are kept: they
/// may be labels.
pub(crate) fn lead_len(raw: &str) -> usize {
    let mut s = raw.trim_start();
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && matches!(s.as_bytes().get(hashes), Some(b' ' | b'\t') | None) {
        s = s[hashes..].trim_start();
    }
    while let Some(rest) = s.strip_prefix('>') {
        s = rest.trim_start();
    }
    for bullet in ["- ", "* ", "+ ", "• ", "-\t", "*\t", "•\t"] {
        if let Some(rest) = s.strip_prefix(bullet) {
            s = rest.trim_start();
            break;
        }
    }
    s = strip_emphasis_start(s);
    raw.len() - s.len()
}

/// True when the block's content is printed in bold throughout (Markdown `**…**` or
/// `__…__` covering most of it).
pub(crate) fn is_markdown_bold(content_with_emphasis: &str) -> bool {
    let s = content_with_emphasis.trim();
    let marker = if s.starts_with("**") {
        "**"
    } else if s.starts_with("__") {
        "__"
    } else {
        return false;
    };
    match s.rfind(marker) {
        Some(last) if last > 2 => last * 10 >= s.len() * 7,
        _ => false,
    }
}

/// Number of words in `s`.
pub(crate) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// True when `s` has at least `n` words (stops counting there).
pub(crate) fn has_words(s: &str, n: usize) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let space = b.is_ascii_whitespace();
        if !space && !in_word {
            words += 1;
            if words >= n {
                return true;
            }
        }
        in_word = !space;
    }
    false
}

/// True when every cased letter of `s` is upper case (and there is at least one letter).
pub(crate) fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            letters += 1;
        }
    }
    letters >= 2
}

/// Strip a trailing page number as printed in a contents list (`Introduction\t5`, `… 12`).
fn strip_page_number(s: &str) -> &str {
    let t = s.trim_end();
    let without = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if without.len() < t.len() && without.ends_with(['\t', '.', ' ']) {
        without.trim_end_matches(['.', ' ', '\t'])
    } else {
        t
    }
}

/// Heuristic heading level of a short standalone line that is not marked as a heading
/// (PDF conversions, plain text): 2 for all-caps titles, 4 for other short titles.
/// `content` is the block without markup; `numbered` says it began with `N.` (a list item).
pub(crate) fn heading_like(content: &str, numbered: bool) -> Option<u8> {
    let s = strip_emphasis_end(content);
    if s.is_empty() || s.len() > 160 {
        return None;
    }
    let s = strip_page_number(s);
    let first = s.chars().next()?;
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return None;
    }
    let words = word_count(s);
    if words == 0 || words > 14 {
        return None;
    }
    if is_all_caps(s) {
        return Some(2);
    }
    let chapter = numbered || starts_with_chapter_number(s);
    if s.contains('\n') || s.ends_with(['.', ',', ';', ':', '?', '!', '”', '"', ')', '’', '\'']) {
        return None;
    }
    if numbered {
        // "1. Introduction" is a heading; "1. Improve data sharing" is an item.
        let capitalised = s.split_whitespace().filter(|w| w.starts_with(char::is_uppercase)).count();
        return (words <= 8 && capitalised * 2 > words).then_some(3);
    }
    Some(if chapter { 3 } else { 4 })
}

/// `1 Capacity`, `2.3 Scope`, `Chapter 4 …`, `Part 2 …`, `Annex A …`: the title of a
/// numbered division of the document.
fn starts_with_chapter_number(s: &str) -> bool {
    let digits = s.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
    if digits > 0 {
        return s[digits..].starts_with(' ') && s[digits..].trim_start().starts_with(char::is_uppercase);
    }
    let first = s.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    matches!(first.as_str(), "chapter" | "part" | "section" | "annex" | "appendix" | "schedule" | "volume")
}

/// True when `s` (a block's content) ends a sentence: a full stop, question or exclamation
/// mark, colon, semicolon or closing quote/bracket (footnote markers and emphasis ignored).
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = strip_emphasis_end(s)
        .trim_end_matches(|c: char| matches!(c, '¹' | '²' | '³' | '⁰'..='⁹') || c.is_whitespace());
    t.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '\'', ')', ']', '…'])
}

/// Split `text` into sentences, yielding (byte offset, sentence). A sentence ends at `.`,
/// `!` or `?` followed by whitespace and then an upper-case letter, digit or quote, or at a
/// blank line.
pub(crate) fn sentences(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while start < text.len() {
            if i >= text.len() {
                let s = &text[start..];
                let at = start;
                start = text.len();
                let trimmed = s.trim();
                if trimmed.is_empty() {
                    return None;
                }
                return Some((at + (s.len() - s.trim_start().len()), trimmed));
            }
            let b = bytes[i];
            i += 1;
            let boundary = match b {
                b'.' if is_abbreviation(&text[start..i - 1]) => false,
                b'.' | b'!' | b'?' => {
                    let rest = &text[i..];
                    let after = rest.trim_start_matches([' ', '\t', '\u{a0}', '*', '_']);
                    rest.len() > after.len()
                        && after
                            .chars()
                            .next()
                            .is_none_or(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c))
                }
                b'\n' => text[i..].starts_with('\n'),
                _ => false,
            };
            if boundary {
                let s = &text[start..i];
                let at = start;
                start = i;
                let trimmed = s.trim();
                if !trimmed.is_empty() {
                    return Some((at + (s.len() - s.trim_start().len()), trimmed));
                }
            }
        }
        None
    })
}

/// True when the word ending `before` (the text up to a full stop) is an abbreviation or
/// an initial, so the stop does not end the sentence.
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_initial
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "No"
                | "Nos"
                | "para"
                | "paras"
                | "Para"
                | "e.g"
                | "i.e"
                | "cf"
                | "Cf"
                | "vs"
                | "Rt"
                | "Hon"
                | "Sir"
                | "Prof"
                | "Rec"
                | "p"
                | "pp"
                | "Vol"
        )
}

/// Lower-case, straight-quoted copy of `s` for matching wording.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            '\u{a0}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_strips_markup_but_not_numbers() {
        let raw = "- **1. Text**";
        assert_eq!(&raw[lead_len(raw)..], "1. Text**");
        let raw = "## Recommendation 4";
        assert_eq!(&raw[lead_len(raw)..], "Recommendation 4");
        assert_eq!(lead_len("A. Plain"), 0);
    }

    #[test]
    fn counting_words() {
        assert!(has_words("one two  three\nfour five", 5));
        assert!(!has_words(" one two three four ", 5));
    }

    #[test]
    fn bold_blocks() {
        assert!(is_markdown_bold("**We recommend that the Department acts.**"));
        assert!(is_markdown_bold("**We recommend that the Department acts.** (Paragraph 4)"));
        assert!(!is_markdown_bold("**A.** We recommend that the Department acts."));
        assert!(!is_markdown_bold("Plain text"));
    }

    #[test]
    fn headings_by_look() {
        assert_eq!(heading_like("THE RECOMMENDATIONS\t5", true), Some(2));
        assert_eq!(heading_like("Summary of recommendations", false), Some(4));
        assert_eq!(heading_like("Introduction", true), Some(3));
        assert_eq!(heading_like("1 Capacity", false), Some(3));
        assert_eq!(heading_like("Annex A: Witnesses", false), Some(3));
        assert_eq!(heading_like("Improve data sharing across agencies", true), None);
        assert_eq!(heading_like("The Government notes the Committee’s observation.", false), None);
        assert_eq!(heading_like("and then something", false), None);
    }

    #[test]
    fn sentence_split() {
        let got: Vec<&str> =
            sentences("The Government agrees. It will act, e.g. soon.  Mr. Smith said so.\n\nNew")
                .map(|s| s.1)
                .collect();
        assert_eq!(
            got,
            vec!["The Government agrees.", "It will act, e.g. soon.", "Mr. Smith said so.", "New"]
        );
    }
}
