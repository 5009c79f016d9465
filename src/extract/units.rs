//! First pass: what each block of the document is, as far as extraction cares.

use super::labels::{self, LabelMatch, Style};
use super::text;
use crate::document::{BlockKind, SourceText};
use regex::Regex;
use std::sync::LazyLock;

/// A reply marker: a heading or lead-in such as "Government response".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    /// The block is only the marker; the reply follows.
    Alone,
    /// The reply starts in this block, this many bytes into its text.
    Inline(usize),
}

/// One block, analysed.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// Index of the block in the document.
    pub(crate) block: usize,
    /// The block's kind.
    pub(crate) kind: BlockKind,
    /// Character range of the block.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Bytes of markup before the content.
    pub(crate) lead: usize,
    /// Heading level: explicit, or judged from the look of a short line.
    pub(crate) heading: Option<u8>,
    /// The heading names recommendations or conclusions.
    pub(crate) names_recs: bool,
    /// Printed in bold throughout.
    pub(crate) bold: bool,
    /// The block's content is indented in the source line.
    pub(crate) indented: bool,
    /// A label at the start of the content.
    pub(crate) label: Option<LabelMatch>,
    /// A numbered paragraph `N.M` at the start of the content.
    pub(crate) paragraph: Option<String>,
    /// A reply marker.
    pub(crate) marker: Option<Marker>,
    /// Ends with a colon (introduces what follows).
    pub(crate) colon: bool,
    /// Introduces a list of recommendations ("We recommend that:").
    pub(crate) intro: bool,
    /// Looks like the start of a reply ("The Government agrees…").
    pub(crate) reply_like: bool,
    /// Page furniture from a PDF conversion: a page number or running header.
    pub(crate) furniture: bool,
    /// Content starts with a lower-case letter (continues the block before).
    pub(crate) lowercase: bool,
    /// Content ends a sentence.
    pub(crate) terminated: bool,
    /// Bold and long enough to be a sentence (not a title or a fragment).
    pub(crate) sentence: bool,
}

impl Unit {
    /// True for blocks that carry running text (not headings, quotes, footnotes, table rows).
    pub(crate) fn is_body(&self) -> bool {
        self.heading.is_none() && matches!(self.kind, BlockKind::Paragraph | BlockKind::ListItem)
    }

    /// True for blocks that sit beside the running text: footnotes and page furniture.
    pub(crate) fn is_aside(&self) -> bool {
        self.kind == BlockKind::Footnote || self.furniture
    }
}

/// True when a heading names recommendations or conclusions.
fn names_recommendations(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    lower.contains("recommendation") || lower.contains("conclusion")
}

/// Page numbers and running headers left by PDF conversion (`12`, `Page 3 of 40`, `- 3 -`,
/// `Justice Committee | 2`).
fn is_page_furniture(raw: &str) -> bool {
    let t = raw.trim();
    if t.len() > 120 {
        return false;
    }
    if let Some((left, right)) = t.split_once('|') {
        return !right.contains('|') && (is_page_number(left) || is_page_number(right));
    }
    let t = t.trim_matches(['-', '–', '—', ' ']);
    is_page_number(t)
}

/// `12`, `Page 12`, `12 of 40`, `12/40`.
fn is_page_number(s: &str) -> bool {
    let s = s.trim();
    let s = match s.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("page ") => s[5..].trim_start(),
        _ => s,
    };
    let digits = |s: &str| {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (1..=4).contains(&n).then_some(n)
    };
    let Some(n) = digits(s) else { return false };
    let rest = s[n..].trim_start();
    if rest.is_empty() {
        return true;
    }
    let rest = rest.strip_prefix("of").or_else(|| rest.strip_prefix('/')).map(str::trim_start);
    rest.is_some_and(|r| digits(r) == Some(r.len()))
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:the\s+)?(?:[\w’'&-]+\s+){0,3}?(?:response|reply)(?:\s+to\s+(?:the\s+)?(?:recommendations?|conclusions?)(?:[\s\d,&–-]|and|to)*)?\s*(?:[:.–—-]|$|\n)",
    )
    .expect("static regex")
});

static STATUS_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:not\s+|partially\s+|partly\s+)?(?:accepted|agreed|rejected|noted|supported|accept|agree|reject)(?:\s+in\s+(?:principle|part|full))?\s*(?:[:.–—-]|$|\n)",
    )
    .expect("static regex")
});

static INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:i|we|the\s+(?:committee|panel|inquiry|review|board|commission|report|authors?|reviewers?))\s+(?:therefore\s+|also\s+|further\s+|strongly\s+)?recommends?\b",
    )
    .expect("static regex")
});

static REPLY_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:(?:the|hm|his\s+majesty[’']s|her\s+majesty[’']s)\s+government\b
        | (?:the|this)\s+(?:department|ministry|home\s+office|cabinet\s+office|treasury|agency|executive|council|board|service)\b[^.]{0,60}\b(?:agrees?|accepts?|welcomes?|notes?|rejects?|thanks?|recognises?|acknowledges?|supports?|does\s+not)\b
        | we\s+(?:agree|accept|welcome|note|reject|support|thank|recognise|acknowledge|do\s+not)\b
        | (?:agreed|accepted|not\s+accepted|rejected|noted)\b)",
    )
    .expect("static regex")
});

/// Analyse every block of `doc`.
pub(crate) fn analyse(doc: &SourceText) -> Vec<Unit> {
    let mut units = analyse_blocks(doc);
    mark_reply_like(doc, &mut units);
    mark_endnotes(&mut units);
    demote_subheadings(&mut units);
    units
}

/// Under a short "Conclusions and recommendations" title found by its look, the short
/// titles that follow are its theme sub-headings until a numbered, all-caps or marked-up
/// heading of a higher level.
fn demote_subheadings(units: &mut [Unit]) {
    let mut in_recs = false;
    for u in units.iter_mut() {
        let Some(level) = u.heading else { continue };
        if u.label.is_some() || u.marker.is_some() {
            continue;
        }
        let by_look = !matches!(u.kind, BlockKind::Heading { .. });
        if by_look && level >= 4 && u.names_recs {
            in_recs = true;
        } else if by_look && level >= 4 && in_recs {
            u.heading = Some(5);
        } else {
            in_recs = false;
        }
    }
}

/// Judge whether a block opens a reply, for the blocks that follow a possible
/// recommendation (a label or bold text): the only ones where it matters.
fn mark_reply_like(doc: &SourceText, units: &mut [Unit]) {
    let mut after_candidate = false;
    for u in units.iter_mut() {
        if u.is_aside() {
            continue;
        }
        if after_candidate && u.label.is_none() && u.marker.is_none() && u.is_body() {
            let raw = doc.block_text(u.block);
            let content = raw.get(u.lead..).unwrap_or("");
            u.reply_like = is_reply_opener(content);
        }
        after_candidate = u.label.is_some() || u.bold;
    }
}

/// True when `content` opens like a reply: "The Government agrees…", "We accept…".
pub(crate) fn is_reply_opener(content: &str) -> bool {
    let end = content.len().min(300);
    REPLY_OPENER.is_match(&content[..content.floor_char_boundary(end)])
}

/// Notes at the end of a document printed as an indented numbered list (`  1. The …`,
/// as PDF and web conversions leave them) are footnotes, not recommendations or replies.
fn mark_endnotes(units: &mut [Unit]) {
    let mut first = units.len();
    while first > 0 {
        let u = &units[first - 1];
        let numbered = u.label.as_ref().is_some_and(|m| m.style == Style::Numbered && m.number.is_some());
        if !(numbered && u.indented && u.kind == BlockKind::ListItem) {
            break;
        }
        first -= 1;
    }
    let run = &units[first..];
    let consecutive = run
        .iter()
        .enumerate()
        .all(|(k, u)| u.label.as_ref().and_then(|m| m.number) == u32::try_from(k + 1).ok());
    let after_body = first > 0 && units[first - 1].heading.is_none() && !units[first - 1].colon;
    if !run.is_empty() && consecutive && after_body {
        for u in &mut units[first..] {
            u.kind = BlockKind::Footnote;
            u.label = None;
        }
    }
}

fn analyse_blocks(doc: &SourceText) -> Vec<Unit> {
    let strong = doc.strong_ranges();
    doc.blocks
        .iter()
        .enumerate()
        .map(|(i, block)| {
            let raw = doc.block_text(i);
            let lead = text::lead_len(raw);
            let content = &raw[lead..];
            let bold = text::is_markdown_bold(&raw[raw.len() - raw.trim_start().len()..])
                || text::is_markdown_bold(strip_bullet(raw))
                || covered_by_strong(&strong, block.start, block.end);
            let start_byte = doc.block_bytes(i).map_or(0, |b| b.0);
            let line_start = doc.text[..start_byte].rfind('\n').map_or(0, |p| p + 1);
            let indented = start_byte > line_start
                && doc.text[line_start..start_byte].chars().all(|c| c == ' ' || c == '\t');
            let mut unit = Unit {
                block: i,
                kind: block.kind,
                start: block.start,
                end: block.end,
                lead,
                heading: None,
                names_recs: false,
                bold,
                indented,
                label: None,
                paragraph: None,
                marker: None,
                colon: text::strip_emphasis_end(content).ends_with(':'),
                intro: false,
                reply_like: false,
                furniture: false,
                lowercase: content.trim_start_matches(['"', '“', '‘', '(']).starts_with(char::is_lowercase),
                terminated: text::ends_sentence(content),
                sentence: bold && text::has_words(content, 5),
            };
            match block.kind {
                BlockKind::Heading { level } => {
                    unit.heading = Some(level);
                    unit.label = labels::find(content).filter(|m| m.style == Style::Named);
                    unit.marker = marker(content);
                }
                BlockKind::Paragraph | BlockKind::ListItem if is_page_furniture(raw) => {
                    unit.furniture = true;
                }
                BlockKind::Paragraph | BlockKind::ListItem => classify_body(&mut unit, content),
                _ => {}
            }
            if unit.heading.is_some() && unit.label.is_none() && unit.marker.is_none() {
                unit.names_recs = names_recommendations(content);
            }
            unit
        })
        .collect()
}

fn strip_bullet(raw: &str) -> &str {
    let t = raw.trim_start();
    for bullet in ["- ", "* ", "+ ", "• "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            return rest;
        }
    }
    t
}

fn covered_by_strong(strong: &[(usize, usize)], start: usize, end: usize) -> bool {
    if strong.is_empty() || end <= start {
        return false;
    }
    let first = strong.partition_point(|&(_, e)| e <= start);
    let covered: usize =
        strong[first..].iter().take_while(|&&(s, _)| s < end).map(|&(s, e)| e.min(end) - s.max(start)).sum();
    covered * 10 >= (end - start) * 7
}

fn marker(content: &str) -> Option<Marker> {
    let head = &content[..content.floor_char_boundary(content.len().min(60))];
    if !(head.contains("espon") || head.contains("ESPON") || head.contains("eply") || head.contains("EPLY")) {
        return None;
    }
    let m = MARKER.find(content)?;
    let rest = &content[m.end()..];
    if rest.trim().is_empty() {
        Some(Marker::Alone)
    } else if content[..m.end()].trim_end().ends_with([':', '.', '–', '—', '-']) {
        let skipped = rest.len() - rest.trim_start_matches(['*', '_', ' ', '\t', '\n']).len();
        Some(Marker::Inline(m.end() + skipped))
    } else {
        None
    }
}

fn classify_body(unit: &mut Unit, content: &str) {
    unit.label = labels::find(content);
    if unit.label.is_none() {
        unit.paragraph = labels::paragraph_number(content).map(|(label, _)| label);
    }
    if unit.paragraph.is_some() {
        return; // a numbered paragraph is running text: not a title, marker or label
    }
    let numbered = unit.label.as_ref().is_some_and(|m| m.style == Style::Numbered);
    if unit.label.is_none() || numbered {
        let shown = match &unit.label {
            Some(m) if numbered => &content[m.len..],
            _ => content,
        };
        unit.heading = text::heading_like(shown, numbered);
        if unit.heading.is_some() {
            unit.label = None;
        }
    }
    if unit.label.is_some() {
        return;
    }
    unit.marker = marker(content);
    if unit.marker.is_some() {
        unit.heading = None;
        return;
    }
    if content.starts_with(['A', 'a', 'N', 'n', 'P', 'p', 'R', 'r', 'S', 's'])
        && STATUS_OPENER.is_match(content)
    {
        unit.marker = Some(Marker::Inline(0));
        unit.heading = None;
        return;
    }
    unit.intro = unit.colon && INTRO.is_match(content);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_furniture() {
        for s in ["12", "Page 3 of 40", "- 3 -", "Justice Committee | 2", "14 | Annual Report 2023"] {
            assert!(is_page_furniture(s), "{s}");
        }
        for s in ["12 people attended.", "A | B | C", "Chapter 3"] {
            assert!(!is_page_furniture(s), "{s}");
        }
    }

    #[test]
    fn markers() {
        assert_eq!(marker("Government response"), Some(Marker::Alone));
        assert_eq!(marker("Response to recommendations 3 and 4"), Some(Marker::Alone));
        assert_eq!(marker("Government Response: The Department agrees."), Some(Marker::Inline(21)));
        assert_eq!(marker("Response:** Agreed"), Some(Marker::Inline(12)));
        assert_eq!(marker("Responses from the public were mixed."), None);
        assert_eq!(marker("The response of the police was slow."), None);
    }

    #[test]
    fn reply_openers() {
        let is = is_reply_opener;
        assert!(is("The Government welcomes the Committee’s conclusion."));
        assert!(is("The Department accepts this recommendation."));
        assert!(is("We agree with the Committee."));
        assert!(!is("The Committee recommends that the Department acts."));
        assert!(!is("Intelligence partnerships are vital."));
    }
}
