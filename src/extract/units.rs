//! First pass: what each block of the document is, as far as extraction cares.

use super::labels::{self, LabelMatch, Style};
use super::text::{self, fold};
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
}

impl Unit {
    /// True for blocks that carry running text (not headings, quotes, footnotes, table rows).
    pub(crate) fn is_body(&self) -> bool {
        self.heading.is_none() && matches!(self.kind, BlockKind::Paragraph | BlockKind::ListItem)
    }

    /// True for footnotes (by kind).
    pub(crate) fn is_footnote(&self) -> bool {
        self.kind == BlockKind::Footnote
    }
}

static NAMES_RECS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(recommendations?|conclusions?)\b").expect("static regex"));

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
        r"(?ix)^(?:(?:the|hm|his\s+majesty's|her\s+majesty's)\s+government\b
        | (?:the|this)\s+(?:department|ministry|home\s+office|cabinet\s+office|treasury|agency|executive|council|board|service)\b[^.]{0,60}\b(?:agrees?|accepts?|welcomes?|notes?|rejects?|thanks?|recognises?|acknowledges?|supports?|does\s+not)\b
        | we\s+(?:agree|accept|welcome|note|reject|support|thank|recognise|acknowledge|do\s+not)\b
        | (?:agreed|accepted|not\s+accepted|rejected|noted)\b)",
    )
    .expect("static regex")
});

/// Analyse every block of `doc`.
pub(crate) fn analyse(doc: &SourceText) -> Vec<Unit> {
    let mut units = analyse_blocks(doc);
    mark_endnotes(&mut units);
    units
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
                || covered_by_strong(strong, block.start, block.end);
            let start_byte = doc.char_to_byte(block.start);
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
            };
            match block.kind {
                BlockKind::Heading { level } => {
                    unit.heading = Some(level);
                    unit.label = labels::find(content).filter(|m| m.style == Style::Named);
                    unit.marker = marker(content);
                }
                BlockKind::Paragraph | BlockKind::ListItem => classify_body(&mut unit, content),
                _ => {}
            }
            if unit.heading.is_some() && unit.label.is_none() && unit.marker.is_none() {
                unit.names_recs = NAMES_RECS.is_match(content);
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
    let numbered = unit.label.as_ref().is_some_and(|m| m.style == Style::Numbered);
    if unit.paragraph.is_none() && (unit.label.is_none() || numbered) {
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
    if STATUS_OPENER.is_match(content) {
        unit.marker = Some(Marker::Inline(0));
        unit.heading = None;
        return;
    }
    let head = &content[..content.len().min(300)];
    let head = &content[..head.floor_char_boundary(head.len())];
    unit.reply_like = REPLY_OPENER.is_match(&fold(head));
    unit.intro = unit.colon && INTRO.is_match(content);
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let is = |s: &str| REPLY_OPENER.is_match(&fold(s));
        assert!(is("The Government welcomes the Committee’s conclusion."));
        assert!(is("The Department accepts this recommendation."));
        assert!(is("We agree with the Committee."));
        assert!(!is("The Committee recommends that the Department acts."));
        assert!(!is("Intelligence partnerships are vital."));
    }
}
