//! Second pass: which label candidates are recommendations, judged from their context
//! (sections, introductions, sequences, what follows them).

use super::labels::Style;
use super::units::Unit;
use crate::document::BlockKind;
use crate::model::RecommendationKind;

/// A unit accepted as the start of a recommendation.
#[derive(Debug, Clone)]
pub(crate) struct Start {
    /// Index into the units.
    pub(crate) unit: usize,
    /// Label as printed (or numbered in sequence when none is printed).
    pub(crate) label: String,
    /// Rule that accepted it.
    pub(crate) rule: &'static str,
    /// Kind implied by the context (a list introduced by "we recommend").
    pub(crate) kind: Option<RecommendationKind>,
}

/// Lettered labels count only when the document has a run of them, not a stray initial.
fn lettered_plausible(units: &[Unit]) -> bool {
    let mut letters: Vec<&str> = units
        .iter()
        .filter(|u| u.is_body())
        .filter_map(|u| u.label.as_ref())
        .filter(|m| m.style == Style::Lettered)
        .map(|m| m.label.as_str())
        .collect();
    letters.sort_unstable();
    letters.dedup();
    match letters.len() {
        0 | 1 => false,
        2 => {
            let a = letters[0].as_bytes();
            let b = letters[1].as_bytes();
            a.len() == b.len() && b[0] == a[0] + 1
        }
        _ => true,
    }
}

/// The next unit after `i` that is not a footnote or page furniture.
fn next_unit(units: &[Unit], i: usize) -> Option<&Unit> {
    units[i + 1..].iter().find(|u| !u.is_aside())
}

/// A bold sentence that could be a recommendation printed in the UK Government response
/// convention (bold, then the reply in plain text).
fn bold_candidate(units: &[Unit], i: usize) -> bool {
    let u = &units[i];
    let numbered_or_plain = u.label.as_ref().is_none_or(|m| m.style == Style::Numbered);
    u.bold
        && u.is_body()
        && u.sentence
        && !u.lowercase
        && u.paragraph.is_none()
        && u.marker.is_none()
        && numbered_or_plain
        && !(u.kind == BlockKind::ListItem && i > 0 && units[i - 1].colon)
}

/// A numbered item answered straight after by a reply ("Response:", "The Government agrees").
fn replied_numbered(units: &[Unit], i: usize) -> bool {
    let u = &units[i];
    u.is_body()
        && u.label.as_ref().is_some_and(|m| m.style == Style::Numbered)
        && next_unit(units, i).is_some_and(|n| n.marker.is_some() || n.reply_like)
}

/// The document prints recommendations in bold and replies in plain text after them.
fn bold_convention(units: &[Unit]) -> bool {
    let replied = (0..units.len())
        .filter(|&i| bold_candidate(units, i))
        .filter(|&i| next_unit(units, i).is_some_and(|n| n.is_body() && !n.bold))
        .count();
    replied >= 2
}

/// Where the walk is: headings above, whether their section holds recommendations.
struct Sections {
    /// (level, names recommendations) of the headings above the current block.
    stack: Vec<(u8, bool)>,
}

impl Sections {
    fn enter(&mut self, level: u8, names_recs: bool) {
        while self.stack.last().is_some_and(|&(l, _)| l >= level) {
            self.stack.pop();
        }
        self.stack.push((level, names_recs));
    }

    fn in_recommendations(&self) -> bool {
        self.stack.iter().any(|&(_, names)| names)
    }
}

/// Accept the label candidates that are recommendations.
pub(crate) fn accept(units: &[Unit]) -> Vec<Start> {
    let lettered_ok = lettered_plausible(units);
    let bold_ok = bold_convention(units);
    let replied_ok = (0..units.len()).filter(|&i| replied_numbered(units, i)).count() >= 2;
    let mut sections = Sections { stack: Vec::new() };
    let mut starts: Vec<Start> = Vec::new();
    // Numbered items introduced by "we recommend:" (until the list ends).
    let mut intro_active = false;
    // Last accepted number, to accept a continuing sequence after a minor heading.
    let mut last_number: Option<u32> = None;
    let mut auto_counter = 0u32;
    // Highest number accepted anywhere, to number unlabelled bold recommendations.
    let mut highest = 0u32;
    for (i, unit) in units.iter().enumerate() {
        if unit.is_aside() {
            continue;
        }
        if let Some(level) = unit.heading
            && unit.label.is_none()
            && unit.marker.is_none()
        {
            sections.enter(level, unit.names_recs);
            intro_active = false;
            if unit.names_recs || level <= 3 {
                auto_counter = 0;
            }
            if level <= 3 && !unit.names_recs {
                last_number = None;
            }
            continue;
        }
        if matches!(unit.kind, BlockKind::Quote | BlockKind::Footnote | BlockKind::TableRow) {
            continue;
        }
        let bold_rec = bold_ok && bold_candidate(units, i);
        let Some(m) = &unit.label else {
            if bold_rec {
                highest += 1;
                let n = highest;
                last_number = Some(n);
                starts.push(Start { unit: i, label: n.to_string(), rule: "bold", kind: None });
                continue;
            }
            if unit.kind == BlockKind::ListItem {
                intro_active |= unit.intro;
            } else if unit.is_body() {
                intro_active = unit.intro;
            }
            continue;
        };
        match m.style {
            Style::Named => starts.push(Start { unit: i, label: m.label.clone(), rule: m.rule, kind: None }),
            Style::Lettered if lettered_ok => {
                starts.push(Start { unit: i, label: m.label.clone(), rule: m.rule, kind: None });
            }
            Style::Lettered => {}
            Style::Numbered => {
                let in_section = sections.in_recommendations();
                let in_context = in_section || intro_active;
                let rule = if bold_rec {
                    "bold-numbered"
                } else if replied_ok && replied_numbered(units, i) {
                    "numbered-replied"
                } else if intro_active {
                    "numbered-introduced"
                } else {
                    "numbered-in-section"
                };
                let kind = (intro_active && !in_section).then_some(RecommendationKind::Recommendation);
                let label = match m.number {
                    Some(n) => {
                        let continues = last_number.is_some_and(|l| n == l + 1);
                        let first_ok = n == 1 || continues;
                        let next_ok = last_number.is_some_and(|l| n > l);
                        let replied = replied_ok && replied_numbered(units, i);
                        let ok = (in_context && (first_ok || next_ok)) || continues || bold_rec || replied;
                        if !ok {
                            continue;
                        }
                        last_number = Some(n);
                        highest = highest.max(n);
                        m.label.clone()
                    }
                    None if in_context => {
                        auto_counter += 1;
                        auto_counter.to_string()
                    }
                    None => continue,
                };
                let rule = if m.number.is_none() { "auto-numbered" } else { rule };
                starts.push(Start { unit: i, label, rule, kind });
            }
        }
    }
    starts
}
