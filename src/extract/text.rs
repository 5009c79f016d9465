//! Small text helpers shared by extraction: folding text for matching, splitting sentences,
//! judging what a line of text looks like.

/// Strip leading Markdown emphasis markers (`**`, `__`, `*`, `_`) and the whitespace after them.
pub(crate) fn strip_emphasis_start(s: &str) -> &str {
    s.trim_start_matches(['*', '_']).trim_start()
}

/// Strip trailing emphasis markers and whitespace.
pub(crate) fn strip_emphasis_end(s: &str) -> &str {
    s.trim_end().trim_end_matches(['*', '_']).trim_end()
}

/// Length in bytes of the block markup before a block's content: indentation, heading
/// hashes, quote marks, bullets, task-list boxes and opening emphasis. Numbered markers are
/// kept: they may be labels. Used where the importer did not say where the content starts.
pub(crate) fn lead_len(raw: &str) -> usize {
    let mut s = raw.trim_start();
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && matches!(s.as_bytes().get(hashes), Some(b' ' | b'\t') | None) {
        s = s[hashes..].trim_start();
    }
    while let Some(rest) = s.strip_prefix('>') {
        s = rest.trim_start();
    }
    for bullet in ["- ", "* ", "+ ", "• ", "-\t", "*\t", "•\t", "\u{f0b7} ", "\u{f0b7}\t", "▪ ", "◦ "]
    {
        if let Some(rest) = s.strip_prefix(bullet) {
            s = rest.trim_start();
            break;
        }
    }
    for task in ["[ ] ", "[x] ", "[X] "] {
        if let Some(rest) = s.strip_prefix(task) {
            s = rest.trim_start();
            break;
        }
    }
    raw.len() - s.len()
}

/// Number of words in `s`.
pub(crate) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Number of words in `s`, counting no further than `limit`.
pub(crate) fn word_count_upto(s: &str, limit: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let space = b.is_ascii_whitespace();
        if !space && !in_word {
            words += 1;
            if words >= limit {
                return words;
            }
        }
        in_word = !space;
    }
    words
}

/// True when every cased letter of `s` is upper case (and there are at least two letters).
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
pub(crate) fn strip_page_number(s: &str) -> &str {
    let t = s.trim_end();
    let without = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if without.len() < t.len() && without.ends_with(['\t', '.', ' ']) {
        without.trim_end_matches(['.', ' ', '\t'])
    } else {
        t
    }
}

/// True when `s` (a block's content) ends a sentence: a full stop, question or exclamation
/// mark, colon, semicolon or closing quote/bracket (footnote markers and emphasis ignored).
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = strip_emphasis_end(s).trim_end_matches(|c: char| {
        matches!(c, '¹' | '²' | '³' | '⁰'..='⁹') || c.is_whitespace() || c.is_ascii_digit()
    });
    let t = if t.len() < strip_emphasis_end(s).len() && t.ends_with(['.', '!', '?']) {
        t // a footnote number glued after the full stop: "discrepancy.7"
    } else {
        strip_emphasis_end(s)
            .trim_end_matches(|c: char| matches!(c, '¹' | '²' | '³' | '⁰'..='⁹') || c.is_whitespace())
    };
    t.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '\'', ')', ']', '…'])
}

/// Lower-case copy of `s` for matching wording: curly quotes straightened, dashes made
/// hyphens, runs of whitespace collapsed to one space, Markdown emphasis and backticks
/// dropped.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '’' | '‘' | '`' => '\'',
            '“' | '”' => '"',
            '–' | '—' | '‑' | '−' => '-',
            '*' | '_' => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The first word of `s` (letters only), lower-cased; "" when `s` does not start with a letter.
pub(crate) fn first_word(s: &str) -> String {
    s.chars().take_while(|c| c.is_alphabetic() || *c == '-').flat_map(char::to_lowercase).collect()
}

/// Byte ranges of the sentences of `text`, in order, trimmed. A sentence ends at `.`, `!`
/// or `?` (after closing quotes, brackets and a glued footnote number) followed by
/// whitespace and an upper-case letter, digit, quote or bracket; at a colon that ends a line;
/// at a blank line; and before a line that opens with a bracketed code (`(005/12) Accepted`).
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let boundary_after = match b {
            b'.' | b'!' | b'?' => {
                if b == b'.' && is_abbreviation(&text[start..i]) {
                    None
                } else {
                    sentence_end_after(text, i + 1)
                }
            }
            b':' => {
                let rest = &text[i + 1..];
                let after = rest.trim_start_matches([' ', '\t', '*', '_']);
                after.starts_with('\n').then(|| i + 1 + (rest.len() - after.len()))
            }
            b'\n' => {
                let rest = &text[i + 1..];
                let after = rest.trim_start_matches([' ', '\t']);
                if after.starts_with('\n') || starts_with_code(after) { Some(i) } else { None }
            }
            _ => None,
        };
        if let Some(end) = boundary_after {
            push_trimmed(text, start, end, &mut out);
            start = end;
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Where the sentence that a stop at `after - 1` ends really ends (after closing quotes,
/// brackets, emphasis and a glued footnote number), if what follows starts a new sentence.
fn sentence_end_after(text: &str, after: usize) -> Option<usize> {
    let rest = &text[after..];
    let closing = rest.len() - rest.trim_start_matches(['"', '”', '’', '\'', ')', ']', '*', '_']).len();
    let mut end = after + closing;
    let digits = text[end..].bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 3 {
        end += digits;
    }
    let rest = &text[end..];
    let after_space = rest.trim_start_matches([' ', '\t', '\n', '\u{a0}']);
    if after_space.len() == rest.len() && !rest.is_empty() {
        return None;
    }
    let next = after_space.trim_start_matches(['*', '_']).chars().next();
    match next {
        None => Some(end),
        Some(c) if c.is_uppercase() || c.is_ascii_digit() || "\"“‘'([".contains(c) => Some(end),
        _ => None,
    }
}

/// True when `s` opens with a bracketed code such as `(005/12)` or `(R12)`.
pub(crate) fn starts_with_code(s: &str) -> bool {
    super::labels::code_at_start(s).is_some()
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

/// True when the word ending `before` (the text up to a full stop) is an abbreviation or
/// an initial, so the stop does not end the sentence.
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted = word.contains('.') && word.len() <= 6; // "e.g", "U.S", "i.e"
    single_initial
        || dotted
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "No"
                | "Nos"
                | "no"
                | "para"
                | "paras"
                | "Para"
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
                | "Pub"
                | "Stat"
                | "Inc"
                | "Ltd"
                | "Co"
                | "Corp"
                | "Jr"
                | "Sr"
                | "etc"
                | "approx"
                | "Fig"
                | "fig"
                | "eg"
                | "ie"
        )
}

/// True when `s` starts with a lower-case letter (after quotes and brackets): it continues
/// the text before it.
pub(crate) fn starts_lowercase(s: &str) -> bool {
    s.trim_start_matches(['"', '“', '‘', '(', '*', '_', ' ']).chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn lead_strips_markup_but_not_numbers() {
        let raw = "- **1. Text**";
        assert_eq!(&raw[lead_len(raw)..], "**1. Text**");
        let raw = "## Recommendation 4";
        assert_eq!(&raw[lead_len(raw)..], "Recommendation 4");
        assert_eq!(lead_len("A. Plain"), 0);
        let raw = "- [ ] Review the code";
        assert_eq!(&raw[lead_len(raw)..], "Review the code");
    }

    #[test]
    fn counting_words() {
        assert_eq!(word_count_upto("one two  three\nfour five", 5), 5);
        assert_eq!(word_count_upto(" one two three four ", 5), 4);
    }

    #[test]
    fn sentence_split() {
        assert_eq!(
            split("The Government agrees. It will act, e.g. soon.  Mr. Smith said so.\n\nNew"),
            vec!["The Government agrees.", "It will act, e.g. soon.", "Mr. Smith said so.", "New"]
        );
    }

    #[test]
    fn sentences_after_glued_footnotes_codes_and_lead_ins() {
        assert_eq!(
            split("It recommended that Denmark act.18 It also recommended that Denmark inform.19"),
            vec!["It recommended that Denmark act.18", "It also recommended that Denmark inform.19"]
        );
        assert_eq!(
            split(
                "made the following recommendations:\nThe modification was poor.  The Commission recommends Z (005/12). \nNext"
            ),
            vec![
                "made the following recommendations:",
                "The modification was poor.",
                "The Commission recommends Z (005/12).",
                "Next"
            ]
        );
        assert_eq!(
            split("replied:\n(005/12)  Accepted.  Newly\nintroduced.\n(006/12)  Accepted."),
            vec!["replied:", "(005/12)  Accepted.", "Newly\nintroduced.", "(006/12)  Accepted."]
        );
        assert_eq!(split("**The portal should act.** More"), vec!["**The portal should act.**", "More"]);
    }

    #[test]
    fn folding() {
        assert_eq!(fold("The  **Committee’s**\nview – “now”"), "the committee's view - \"now\"");
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("for that discrepancy.7"));
        assert!(ends_sentence("It works.**"));
        assert!(!ends_sentence("using standard definitions for data"));
        assert!(!ends_sentence("in 2019"));
    }
}
