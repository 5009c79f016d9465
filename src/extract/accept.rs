//! Second pass: which label candidates are recommendations, judged from their context
//! (sections, introductions, sequences, what follows them).

use super::labels::Style;
use super::units::Unit;

/// A unit accepted as the start of a recommendation.
#[derive(Debug, Clone)]
pub(crate) struct Start {
    /// Index into the units.
    pub(crate) unit: usize,
    /// Label as printed.
    pub(crate) label: String,
    /// Rule that accepted it.
    pub(crate) rule: &'static str,
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
    let mut sections = Sections { stack: Vec::new() };
    let mut starts = Vec::new();
    // Numbered items introduced by "we recommend:" (until the list ends).
    let mut intro_active = false;
    // Last accepted number, to accept a continuing sequence after a minor heading.
    let mut last_number: Option<u32> = None;
    let mut auto_counter = 0u32;
    for (i, unit) in units.iter().enumerate() {
        if let Some(level) = unit.heading {
            if unit.label.is_none() && unit.marker.is_none() {
                sections.enter(level, unit.names_recs);
                intro_active = false;
                if unit.names_recs || level <= 2 {
                    auto_counter = 0;
                }
                if level <= 2 && !unit.names_recs {
                    last_number = None;
                }
                continue;
            }
        }
        let Some(m) = &unit.label else {
            if unit.is_body() && !matches!(unit.kind, crate::document::BlockKind::ListItem) {
                intro_active = unit.intro;
            } else if unit.intro {
                intro_active = true;
            }
            continue;
        };
        if matches!(unit.kind, crate::document::BlockKind::Quote | crate::document::BlockKind::Footnote) {
            continue;
        }
        match m.style {
            Style::Named => starts.push(Start { unit: i, label: m.label.clone(), rule: m.rule }),
            Style::Lettered if lettered_ok => {
                starts.push(Start { unit: i, label: m.label.clone(), rule: m.rule });
            }
            Style::Lettered => {}
            Style::Numbered => {
                let in_context = sections.in_recommendations() || intro_active;
                let label = match m.number {
                    Some(n) => {
                        let first_ok = n == 1 || last_number.is_some_and(|l| n == l + 1);
                        let next_ok = last_number.is_some_and(|l| n > l);
                        let ok =
                            (in_context && (first_ok || next_ok)) || last_number.is_some_and(|l| n == l + 1);
                        if !ok {
                            continue;
                        }
                        last_number = Some(n);
                        m.label.clone()
                    }
                    None if in_context => {
                        auto_counter += 1;
                        auto_counter.to_string()
                    }
                    None => continue,
                };
                starts.push(Start { unit: i, label, rule: m.rule });
            }
        }
    }
    starts
}
