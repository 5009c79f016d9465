//! First pass: what each block of the document is, as far as extraction cares — where its
//! content starts, its label, whether it is a heading (marked up or judged by its look in
//! text converted from PDF), bold, page furniture, a continuation of the block before.
//!
//! Everything here reads the block model (`kind`, `content_start`, `number`, `depth`,
//! `styles`, `page`). Where an importer has not filled a field yet (`content_start ==
//! start`, `number == None`, no bold runs for Markdown), a clearly marked fallback reads
//! the same fact from the block's text.

use super::labels::{self, LabelMatch, LabelShape};
use super::text;
use crate::document::{BlockKind, InlineStyle, SourceText};
use std::collections::HashMap;

/// One block, analysed. Offsets are bytes into the document's text.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// Index of the block in the document.
    pub(crate) block: usize,
    /// The block's kind as imported.
    pub(crate) kind: BlockKind,
    /// Byte range of the block.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Where the content starts: after markup, leading page furniture and the label.
    pub(crate) body: usize,
    /// Where the content starts before the label (the label's first byte when there is one).
    pub(crate) content: usize,
    /// The printed label at the start of the content (or carried over from a label that
    /// stood alone on the line before).
    pub(crate) label: Option<LabelMatch>,
    /// Heading level: marked up, or judged from the look of a short line.
    pub(crate) heading: Option<u8>,
    /// The heading was judged from its look, not marked up.
    pub(crate) by_look: bool,
    /// A heading that interrupts a sentence (a PDF heading spliced into running text): it
    /// does not start a section.
    pub(crate) spliced: bool,
    /// List nesting depth.
    pub(crate) depth: u8,
    /// Printed in bold throughout.
    pub(crate) bold: bool,
    /// The content starts with a lower-case letter (continues the block before).
    pub(crate) lower: bool,
    /// The content ends a sentence.
    pub(crate) terminated: bool,
    /// The content ends with a colon (introduces what follows).
    pub(crate) colon: bool,
    /// Beside the running text: page furniture, a footnote, or a label standing alone.
    pub(crate) aside: bool,
    /// The block holds a label and nothing else (`6.3.1` on its own line, a heading
    /// `Recommendation 4`): the label belongs to the next block.
    pub(crate) lone_label: bool,
    /// Page the block is on, for paged sources.
    pub(crate) page: Option<u32>,
    /// The importer records list depth somewhere in this document (the same for every
    /// unit; kept here so that per-unit questions need not scan the document).
    pub(crate) depth_known: bool,
}

impl Unit {
    /// True for blocks of running text: paragraphs and list items that are not headings.
    pub(crate) fn is_body(&self) -> bool {
        self.heading.is_none()
            && !self.aside
            && matches!(self.kind, BlockKind::Paragraph | BlockKind::ListItem)
    }

    /// True for a heading that starts a section.
    pub(crate) fn is_section_heading(&self) -> bool {
        self.heading.is_some() && !self.spliced && !self.aside
    }

    /// The content after the label.
    #[cfg(test)]
    pub(crate) fn body_text<'a>(&self, doc: &'a SourceText) -> &'a str {
        doc.text.get(self.body..self.end).unwrap_or("")
    }

    /// The content with the label.
    pub(crate) fn content_text<'a>(&self, doc: &'a SourceText) -> &'a str {
        doc.text.get(self.content..self.end).unwrap_or("")
    }
}

/// Analyse every block of `doc`.
pub(crate) fn analyse(doc: &SourceText) -> Vec<Unit> {
    let furniture = RepeatedLines::count(doc);
    let bold = BoldRuns::new(doc);
    let units: Vec<Unit> = (0..doc.blocks.len()).filter_map(|i| unit(doc, i, &furniture, &bold)).collect();
    let mut units = split_heading_lines(doc, units);
    carry_lone_labels(doc, &mut units);
    mark_spliced_headings(doc, &mut units);
    mark_reference_lists(doc, &mut units);
    let depth_known = units.iter().any(|u| u.depth > 0);
    for u in &mut units {
        u.depth_known = depth_known;
    }
    units
}

/// A run of two or more bibliographic entries (endnotes, a list of sources: "Justice
/// Committee, Probation Reform, HC 123, 2023.") is beside the running text.
fn mark_reference_lists(doc: &SourceText, units: &mut [Unit]) {
    let entry: Vec<bool> = units
        .iter()
        .map(|u| u.heading.is_none() && !u.aside && is_reference_entry(&doc.text[u.body..u.end]))
        .collect();
    let mut i = 0;
    while i < units.len() {
        let run = entry[i..].iter().take_while(|&&e| e).count();
        if run >= 2 {
            for u in &mut units[i..i + run] {
                u.aside = true;
            }
        }
        i += run.max(1);
    }
}

/// A short entry of parts separated by commas that ends with a year: a reference, not prose.
fn is_reference_entry(body: &str) -> bool {
    let t = body.trim().trim_end_matches(['.', ')', ']']);
    let year = t.len() >= 4
        && t.is_char_boundary(t.len() - 4)
        && t[t.len() - 4..].parse::<u16>().is_ok_and(|y| (1800..2100).contains(&y))
        && !t[..t.len() - 4].ends_with(|c: char| c.is_ascii_alphanumeric());
    year && t.len() <= 300 && !t.contains('\n') && t.matches(',').count() >= 2
}

fn unit(doc: &SourceText, i: usize, furniture: &RepeatedLines, bold: &BoldRuns) -> Option<Unit> {
    let block = &doc.blocks[i];
    let (start, end) = doc.block_bytes(i)?;
    let raw = doc.text.get(start..end)?;
    // Where the content starts: the importer says so, or (fallback) read the markup.
    let mut content = if block.content_start > block.start {
        doc.char_to_byte(block.content_start)
    } else {
        start + text::lead_len(raw)
    };
    // Page furniture in a paragraph of converted text ("<< Page 4 >>", a running header);
    // marked-up headings and list items are never furniture.
    let paragraph = block.kind == BlockKind::Paragraph;
    if paragraph {
        content += furniture.leading(&doc.text[content..end]);
    }
    let aside_block = block.kind == BlockKind::Footnote
        || is_contents_entry(&doc.text[content..end])
        || paragraph && furniture.is_furniture(&doc.text[content..end])
        || block.kind == BlockKind::ListItem && is_page_marker(raw);
    let content_text = &doc.text[content..end];
    let label = match &block.number {
        Some(number) => labels::at_start(content_text)
            .filter(|m| labels::label_shape_of(number) == Some(m.shape) || m.label.is_empty())
            .or_else(|| number_label(number, content_text)),
        // Fallback while importers do not fill `number`: read a label from the text.
        None => labels::at_start(content_text),
    };
    let body = content + label.as_ref().map_or(0, |m| m.len.min(content_text.len()));
    let shown = &doc.text[body..end];
    let shown_trimmed = text::strip_emphasis_end(shown);
    let is_bold = bold.covers(doc, content, end);
    // A label alone, or with only the paragraph it refers to ("Recommendation no. 1⏎Paragraph 2.45").
    let lone_label = label.as_ref().is_some_and(|l| {
        shown_trimmed.is_empty()
            || l.shape == LabelShape::Named && super::paragraphs::is_reference_line(shown_trimmed)
    });
    let (heading, by_look) = match block.kind {
        BlockKind::Heading { level } => (Some(level), false),
        BlockKind::Paragraph if !aside_block => {
            (heading_by_look(content_text, shown, label.as_ref(), is_bold), true)
        }
        BlockKind::ListItem if !aside_block && label.is_some() => {
            (heading_by_look(content_text, shown, label.as_ref(), is_bold), true)
        }
        _ => (None, false),
    };
    Some(Unit {
        block: i,
        kind: block.kind,
        start,
        end,
        body,
        content,
        heading,
        by_look: by_look && heading.is_some(),
        spliced: false,
        depth: if block.depth > 0 { block.depth } else { indent_depth(doc, start, block.kind) },
        bold: is_bold,
        lower: text::starts_lowercase(shown),
        terminated: text::ends_sentence(shown),
        colon: shown_trimmed.ends_with(':'),
        aside: aside_block
            || (lone_label && matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)),
        lone_label,
        page: block.page,
        depth_known: false,
        label,
    })
}

/// A label from the importer's rendered number when the text does not show it (Word and
/// HTML auto-numbering rendered elsewhere).
fn number_label(number: &str, content: &str) -> Option<LabelMatch> {
    let shape = labels::label_shape_of(number)?;
    let label = number.trim().trim_end_matches(['.', ')', ':']).trim_start_matches('(').to_owned();
    let len = match content.strip_prefix(number.trim()) {
        Some(rest) => content.len() - rest.trim_start().len(),
        None => 0,
    };
    Some(LabelMatch { shape, label, len, conclusion: false })
}

/// Depth of a list item from its indentation, for importers that do not fill `depth`
/// (fallback): two or more columns of indentation (or a tab) per level.
fn indent_depth(doc: &SourceText, start: usize, kind: BlockKind) -> u8 {
    if kind != BlockKind::ListItem {
        return 0;
    }
    let line_start = doc.text[..start].rfind('\n').map_or(0, |p| p + 1);
    let indent: usize = doc.text[line_start..start]
        .chars()
        .map(|c| match c {
            '\t' => 4,
            ' ' => 1,
            _ => 0,
        })
        .sum();
    let own = doc.text[start..].len() - doc.text[start..].trim_start_matches([' ', '\t']).len();
    u8::try_from((indent + own) / 4).unwrap_or(u8::MAX)
}

/// Heading level of a paragraph judged from its look (text converted from PDF, bold
/// Markdown pseudo-headings): a short line without closing punctuation. Numbered titles
/// (`7.2. Recommendations`) get a level from their numbering.
fn heading_by_look(content: &str, shown: &str, label: Option<&LabelMatch>, bold: bool) -> Option<u8> {
    let s = text::strip_page_number(text::strip_emphasis_end(text::strip_emphasis_start(shown)));
    if s.is_empty() || s.len() > 160 || s.contains('\n') && !bold {
        return None;
    }
    let first = s.chars().next()?;
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return None;
    }
    let words = text::word_count_upto(s, 16);
    if words == 0 || words > 14 {
        return None;
    }
    if s.ends_with(['.', ',', ';', ':', '?', '!', '”', '"', ')', '’', '\'', ']']) || s.contains("](") {
        return None;
    }
    let capitalised = s
        .split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        .count();
    let level = match label.map(|m| m.shape) {
        Some(LabelShape::Dotted(parts)) => {
            (words <= 8 && capitalised * 2 >= words).then_some(parts.saturating_add(1).min(6))
        }
        Some(LabelShape::Number | LabelShape::UpperLetter | LabelShape::Roman) => {
            (words <= 10 && capitalised * 2 >= words).then_some(2)
        }
        Some(_) => None,
        None if text::is_all_caps(s) || starts_with_chapter_number(s) => Some(2),
        None if bold => Some(5),
        None if content.trim_end().ends_with(':') => None,
        None => (capitalised * 3 >= words || words <= 6).then_some(4),
    }?;
    Some(level)
}

/// Text converted from PDF runs titles and labels into the paragraph they belong to:
/// "SAFETY ACTION⏎The safety issues…", "6 Recommendations⏎Ngā tūtohutanga⏎General⏎6.1.",
/// "…recommended that the CAA:⏎6.3.1". Split such a paragraph: a first line that is a
/// title (in capitals, or numbered like a chapter, or every line is a short title) becomes a
/// heading; a last line that is only a label becomes a lone label for the next block.
fn split_heading_lines(doc: &SourceText, units: Vec<Unit>) -> Vec<Unit> {
    let mut out = Vec::with_capacity(units.len());
    for u in units {
        if u.kind != BlockKind::Paragraph
            || u.heading.is_some()
            || u.aside
            || !doc.text[u.content..u.end].contains('\n')
        {
            out.push(u);
            continue;
        }
        let mut rest = u;
        if let Some(heading) = title_line(doc, &rest) {
            let body_start = heading.end
                + (doc.text[heading.end..rest.end].len()
                    - doc.text[heading.end..rest.end].trim_start().len());
            out.push(heading);
            rest = reanalysed(doc, rest, body_start, None);
        }
        let content = &doc.text[rest.content..rest.end];
        if let Some(nl) = content.trim_end().rfind('\n') {
            let last = content[nl + 1..].trim();
            let trailing_label = labels::at_start(last).filter(|l| {
                l.len >= last.len()
                    && match l.shape {
                        LabelShape::Dotted(_) => true,
                        LabelShape::Named | LabelShape::Code => false,
                        _ => last.ends_with('.') && l.label.len() <= 3,
                    }
            });
            if let Some(label) = trailing_label {
                let label_start =
                    rest.content + nl + 1 + (content[nl + 1..].len() - content[nl + 1..].trim_start().len());
                let mut lone = reanalysed(doc, rest.clone(), label_start, Some(label));
                lone.aside = true;
                lone.lone_label = true;
                rest.end = rest.content + content[..nl].trim_end().len();
                rest.terminated = text::ends_sentence(&doc.text[rest.body..rest.end]);
                rest.colon = text::strip_emphasis_end(&doc.text[rest.body..rest.end]).ends_with(':');
                out.push(rest);
                out.push(lone);
                continue;
            }
        }
        out.push(rest);
    }
    out
}

/// The first line of a paragraph unit as a heading unit, when it is a title.
fn title_line(doc: &SourceText, u: &Unit) -> Option<Unit> {
    let content = &doc.text[u.content..u.end];
    let first = content.lines().next()?.trim_end();
    let title = first.trim();
    if title.is_empty() || title.len() > 80 || title.ends_with(['.', ',', ';', ':', ')']) {
        return None;
    }
    // "New recommendations⏎6.3.": short title lines ending with a label on its own line.
    let lone_label_line = |l: &str| labels::at_start(l.trim()).is_some_and(|m| m.len >= l.trim().len());
    let all_lines_short = content.lines().all(|l| {
        let l = l.trim();
        text::word_count_upto(l, 9) <= 8 && !l.ends_with(['.', ',', ';', ':', ')']) || lone_label_line(l)
    }) && content.lines().last().is_some_and(lone_label_line);
    let letters = title.split_whitespace().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3);
    let is_title = letters
        && (text::is_all_caps(title) && title.len() <= 60
            || starts_with_chapter_number(title) && text::word_count_upto(title, 9) <= 8
            || all_lines_short && title.starts_with(char::is_uppercase));
    if !is_title || u.label.is_some() && !starts_with_chapter_number(title) {
        return None;
    }
    let mut heading = u.clone();
    heading.end = u.content + first.len();
    heading.body = u.content;
    heading.label = None;
    heading.heading = Some(if text::is_all_caps(title) || starts_with_chapter_number(title) { 2 } else { 4 });
    heading.by_look = true;
    heading.terminated = false;
    heading.colon = false;
    Some(heading)
}

/// `u` cut to start at `start`, its label and look read again.
fn reanalysed(doc: &SourceText, mut u: Unit, start: usize, label: Option<LabelMatch>) -> Unit {
    u.start = start;
    u.content = start;
    u.label = label.or_else(|| labels::at_start(&doc.text[start..u.end]));
    u.body = (start + u.label.as_ref().map_or(0, |l| l.len)).min(u.end);
    let shown = &doc.text[u.body..u.end];
    u.lower = text::starts_lowercase(shown);
    u.terminated = text::ends_sentence(shown);
    u.colon = text::strip_emphasis_end(shown).ends_with(':');
    u.lone_label = u.label.is_some() && text::strip_emphasis_end(shown).is_empty();
    u.aside = u.lone_label;
    u
}

/// `1 Capacity`, `Chapter 4 …`, `Part 2 …`, `Annex A …`: the title of a numbered division.
fn starts_with_chapter_number(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        return s[digits..].starts_with(' ') && s[digits..].trim_start().starts_with(char::is_uppercase);
    }
    let first = s.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    matches!(first.as_str(), "chapter" | "part" | "section" | "annex" | "appendix" | "schedule" | "volume")
}

/// A label standing alone in a block (`6.3.1`, `a.` on their own line in converted PDF
/// text) belongs to the next block: carry it over and hide the lone block.
fn carry_lone_labels(doc: &SourceText, units: &mut [Unit]) {
    for i in 0..units.len() {
        if !units[i].lone_label || units[i].kind == BlockKind::Footnote {
            continue;
        }
        let next = i + 1;
        let Some(n) = units.get(next) else { continue };
        if n.aside || n.label.is_some() || n.heading.is_some() && !n.by_look {
            continue;
        }
        let label = units[i].label.clone();
        let next_unit = &mut units[next];
        // With its number, a short title is a numbered heading ("7." + "Recommendations").
        let content = &doc.text[next_unit.content..next_unit.end];
        next_unit.heading = match next_unit.kind {
            BlockKind::Paragraph => heading_by_look(content, content, label.as_ref(), next_unit.bold),
            _ => None,
        };
        next_unit.by_look = next_unit.heading.is_some();
        next_unit.label = label;
    }
}

/// A heading between a block that does not end its sentence and one that starts in lower
/// case interrupts the sentence (PDF conversion): it starts no section — unless it names
/// recommendations, which is structure worth keeping wherever the conversion put it.
fn mark_spliced_headings(doc: &SourceText, units: &mut [Unit]) {
    for i in 0..units.len() {
        if units[i].heading.is_none() {
            continue;
        }
        let before = (0..i).rev().find(|&j| !units[j].aside);
        let after = (i + 1..units.len()).find(|&j| !units[j].aside);
        let (Some(b), Some(a)) = (before, after) else { continue };
        if units[b].is_body() && !units[b].terminated && units[a].lower && units[a].heading.is_none() {
            let title = text::fold(text::strip_emphasis_end(units[i].content_text(doc)));
            units[i].spliced =
                super::sections::kind_of(&title) != super::sections::SectionKind::Recommendations;
        }
    }
}

/// Bold runs of the document, with a fallback for Markdown whose importer did not record
/// them yet: `**…**` or `__…__` around most of the block.
pub(crate) struct BoldRuns {
    runs: Vec<(usize, usize)>,
}

impl BoldRuns {
    pub(crate) fn new(doc: &SourceText) -> BoldRuns {
        let runs = doc
            .styles
            .iter()
            .filter(|r| r.style == InlineStyle::Bold)
            .map(|r| (doc.char_to_byte(r.start), doc.char_to_byte(r.end)))
            .collect();
        BoldRuns { runs }
    }

    /// True when most of `start..end` is bold.
    fn covers(&self, doc: &SourceText, start: usize, end: usize) -> bool {
        if end <= start {
            return false;
        }
        if !self.runs.is_empty() {
            let first = self.runs.partition_point(|&(_, e)| e <= start);
            let covered: usize = self.runs[first..]
                .iter()
                .take_while(|&&(s, _)| s < end)
                .map(|&(s, e)| e.min(end).saturating_sub(s.max(start)))
                .sum();
            return covered * 10 >= (end - start) * 7;
        }
        // Fallback: Markdown emphasis markers in the text.
        markdown_bold(doc.text.get(start..end).unwrap_or(""))
    }

    /// True when the range `start..end` of the text opens with bold (a bold sentence inside a
    /// paragraph).
    pub(crate) fn starts(&self, doc: &SourceText, start: usize, end: usize) -> bool {
        if !self.runs.is_empty() {
            let i = self.runs.partition_point(|&(_, e)| e <= start);
            return self
                .runs
                .get(i)
                .is_some_and(|&(s, e)| s <= start + 2 && e >= start.min(end) + (end - start) / 2);
        }
        let t = doc.text.get(start..end).unwrap_or("");
        (t.starts_with("**") || t.starts_with("__")) && markdown_bold(t)
    }
}

/// Fallback: `**…**` covering most of `s`.
fn markdown_bold(s: &str) -> bool {
    let s = s.trim();
    let marker = if s.starts_with("**") {
        "**"
    } else if s.starts_with("__") {
        "__"
    } else {
        return false;
    };
    match s[2..].find(marker) {
        Some(close) => (close + 4) * 10 >= s.len() * 7,
        None => false,
    }
}

/// Short lines that repeat across the document (running headers and footers left in text
/// converted from PDF), counted with digits made alike so "Page 4" and "Page 5" repeat.
struct RepeatedLines {
    counts: HashMap<String, u32>,
}

impl RepeatedLines {
    fn count(doc: &SourceText) -> RepeatedLines {
        let mut counts: HashMap<String, u32> = HashMap::new();
        for line in doc.text.lines() {
            if let Some(key) = Self::key(line) {
                *counts.entry(key).or_default() += 1;
            }
        }
        counts.retain(|_, n| *n >= 3);
        RepeatedLines { counts }
    }

    /// The line with digits replaced, when it is short and has few lower-case words.
    fn key(line: &str) -> Option<String> {
        let t = line.trim();
        if t.is_empty() || t.len() > 60 {
            return None;
        }
        let lower_words = t.split_whitespace().filter(|w| w.starts_with(char::is_lowercase)).count();
        let marked = t.bytes().any(|b| b.is_ascii_digit()) || text::is_all_caps(t);
        // A numbered title ("7.1. General") repeats across chapters but is not furniture.
        let numbered_title = labels::at_start(t).is_some_and(|l| l.len < t.len());
        if lower_words > 2 || !marked || numbered_title {
            return None;
        }
        Some(t.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect())
    }

    fn is_repeated(&self, line: &str) -> bool {
        !self.counts.is_empty() && Self::key(line).is_some_and(|k| self.counts.contains_key(&k))
    }

    /// True when the whole of `content` is page furniture.
    fn is_furniture(&self, content: &str) -> bool {
        let t = content.trim();
        !t.is_empty() && t.lines().all(|l| l.trim().is_empty() || is_page_marker(l) || self.is_repeated(l))
    }

    /// Bytes of furniture lines at the start of `content` (a header glued to a heading keeps
    /// the heading: "Report 10 -009 7. Recommendations" loses "Report 10 -009 ").
    fn leading(&self, content: &str) -> usize {
        let mut taken = 0;
        for line in content.split_inclusive('\n') {
            let t = line.trim();
            if t.is_empty() || is_page_marker(t) || self.is_repeated(t) {
                taken += line.len();
                continue;
            }
            // A repeated header glued to the start of the line.
            if let Some(prefix) = self.repeated_prefix(t) {
                taken += line.len() - line.trim_start().len() + prefix;
            }
            break;
        }
        if taken >= content.len() {
            return 0; // all furniture: `is_furniture` reports it
        }
        taken + (content[taken..].len() - content[taken..].trim_start().len())
    }

    /// Length of a repeated header at the start of `line`, followed by more text.
    fn repeated_prefix(&self, line: &str) -> Option<usize> {
        if self.counts.is_empty() {
            return None;
        }
        let words: Vec<(usize, &str)> =
            line.split_whitespace().map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w)).collect();
        for n in (2..words.len().min(6)).rev() {
            let end = words[n - 1].0 + words[n - 1].1.len();
            if self.is_repeated(&line[..end]) {
                return Some(words[n].0);
            }
        }
        None
    }
}

/// An entry of a table of contents: a title, leader dots and a page number
/// ("Recommendations .......... 22"), on every line of the block.
fn is_contents_entry(content: &str) -> bool {
    let leader = |l: &str| {
        let t = l.trim_end().trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
        t.ends_with("....") || t.ends_with(". . . .") || t.ends_with("…")
    };
    let lines: Vec<&str> = content.lines().filter(|l| !l.trim().is_empty()).collect();
    !lines.is_empty() && lines.iter().all(|l| leader(l))
}

/// Page numbers and page markers left by PDF conversion (`12`, `Page 3 of 40`, `- 3 -`,
/// `<< Page 4 >>`, `Justice Committee | 2`).
pub(crate) fn is_page_marker(raw: &str) -> bool {
    let t = raw.trim();
    if t.len() > 120 || t.is_empty() {
        return false;
    }
    if let Some(inner) = t.strip_prefix("<<").and_then(|s| s.strip_suffix(">>")) {
        return is_page_number(inner);
    }
    if let Some((left, right)) = t.split_once('|') {
        return !right.contains('|') && (is_page_number(left) || is_page_number(right));
    }
    let t = t.trim_matches(['-', '–', '—', ' ', '›', '‹']);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn units_of(text: &str, format: Format) -> (SourceText, Vec<Unit>) {
        let doc = SourceText::parse(text.to_owned(), format);
        let units = analyse(&doc);
        (doc, units)
    }

    #[test]
    fn page_markers() {
        for s in ["12", "Page 3 of 40", "- 3 -", "Justice Committee | 2", "<< Page 40 >>", "› 17 ‹"] {
            assert!(is_page_marker(s), "{s}");
        }
        for s in ["12 people attended.", "A | B | C", "Chapter 3"] {
            assert!(!is_page_marker(s), "{s}");
        }
    }

    #[test]
    fn reference_entries() {
        for s in ["Justice Committee, Probation Reform, HC 123, 2023.", "Smith, J., Jones, K. (2019)"] {
            assert!(is_reference_entry(s), "{s}");
        }
        for s in ["It was published in March, 2023.", "Figures for 2023, 2024, 2025 and AB2023", "1, 2, 3"] {
            assert!(!is_reference_entry(s), "{s}");
        }
        let text = "Training will start in April.\n\n1. Justice Committee, Probation Reform, HC 123, 2023.\n2. Ministry of Justice, Caseload Statistics, 2024.\n";
        let (_, units) = units_of(text, Format::Text);
        assert!(!units[0].aside);
        assert!(units[1..].iter().all(|u| u.aside), "a list of sources is beside the text");
    }

    #[test]
    fn running_headers_are_furniture_and_stripped_from_headings() {
        let text = "Report 10 -009\n\nText one.\n\nReport 10 -009\n\nText two.\n\nReport 10 -009\n\nText three.\n\nReport 10 -009 7. Recommendations\n\nText four.\n";
        let (doc, units) = units_of(text, Format::Text);
        assert!(units[0].aside);
        let heading = units.iter().find(|u| u.heading.is_some()).expect("a heading");
        assert_eq!(&doc.text[heading.content..heading.end], "7. Recommendations");
        assert_eq!(heading.heading, Some(2));
    }

    #[test]
    fn lone_labels_are_carried_to_the_next_block() {
        let (doc, units) = units_of("6.3.1\n\nUse the lessons from this report. (012/22)\n", Format::Text);
        assert!(units[0].aside);
        assert_eq!(units[1].label.as_ref().map(|l| l.label.as_str()), Some("6.3.1"));
        assert!(units[1].body_text(&doc).starts_with("Use the lessons"));
    }

    #[test]
    fn headings_by_look() {
        let (_, units) = units_of(
            "Summary of recommendations\n\nThe Government notes the Committee’s observation.\n\nTHE RECOMMENDATIONS\t5\n",
            Format::Text,
        );
        assert_eq!(units[0].heading, Some(4));
        assert_eq!(units[1].heading, None);
        assert_eq!(units[2].heading, Some(2));
    }

    #[test]
    fn spliced_headings_start_no_section() {
        let (_, units) = units_of(
            "using standard definitions for data\n\n#### Agency Comments\n\nelements, for example.\n",
            Format::Markdown,
        );
        assert!(units[1].spliced);
    }
}
