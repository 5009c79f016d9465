//! Comparing two review cycles: how many moved from each grade to each other (Amber → Green:
//! 5), and which recommendations improved, regressed, stayed or became overdue.

use super::cycle_ref::CycleRef;
use crate::model::{Grade, Session};
use crate::query::{Filter, Movement, is_overdue};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Why two cycles could not be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompareError {
    /// No cycle has this id or label.
    #[error("no review cycle {wanted:?} (the session has: {known})")]
    NoCycle {
        /// What was asked for.
        wanted: String,
        /// The cycles there are, for the message.
        known: String,
    },
}

/// One cell of the transition table: how many went from one grade to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transition {
    /// Grade in the earlier cycle.
    pub from: Grade,
    /// Grade in the later cycle.
    pub to: Grade,
    /// How many recommendations made this move.
    pub count: usize,
    /// Filter for the list that shows them.
    #[serde(skip)]
    pub filter: Filter,
}

/// A recommendation named in a comparison list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    /// Recommendation id.
    pub id: String,
    /// Label as printed.
    pub label: String,
    /// Grade in the earlier cycle.
    pub from: Grade,
    /// Grade in the later cycle.
    pub to: Grade,
}

/// Two cycles compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The earlier cycle.
    pub from: CycleRef,
    /// The later cycle.
    pub to: CycleRef,
    /// Every (from, to) pair that occurs, with its count, ordered by grade then grade.
    pub transitions: Vec<Transition>,
    /// Recommendations per movement (improved, regressed, stayed…), in list order.
    pub movements: BTreeMap<Movement, Vec<Moved>>,
    /// Overdue as of the later cycle's date and not as of the earlier one's. Empty when the
    /// later cycle has no as-of date.
    pub became_overdue: Vec<Moved>,
}

impl Comparison {
    /// The recommendations that moved like this (empty if none).
    pub fn moved(&self, movement: Movement) -> &[Moved] {
        self.movements.get(&movement).map_or(&[], Vec::as_slice)
    }

    /// The transition count from one grade to another (0 when none).
    pub fn count(&self, from: Grade, to: Grade) -> usize {
        self.transitions.iter().find(|t| t.from == from && t.to == to).map_or(0, |t| t.count)
    }

    /// Filter for the list: recommendations that moved like this between the two cycles.
    pub fn filter(&self, movement: Movement) -> Filter {
        Filter {
            cycle: Some(self.to.id.clone()),
            baseline: Some(self.from.id.clone()),
            movement: Some(movement),
            ..Filter::default()
        }
    }

    /// Filter for the list: the recommendations that became overdue.
    pub fn became_overdue_filter(&self) -> Filter {
        Filter {
            cycle: Some(self.to.id.clone()),
            ids: Some(self.became_overdue.iter().map(|m| m.id.clone()).collect()),
            ..Filter::default()
        }
    }

    /// A plain-text report: the transition table, then the lists.
    pub fn to_text(&self, session: &Session) -> String {
        let name = |g: Grade| format!("{} {}", g.letter(), session.grade_scheme.style(g).name);
        let mut out = format!("{} → {}\n\nTransitions:\n", self.from.describe(), self.to.describe());
        if self.transitions.is_empty() {
            out += "  (no recommendations)\n";
        }
        for t in &self.transitions {
            let _ = writeln!(out, "  {:<16} → {:<16} {:>4}", name(t.from), name(t.to), t.count);
        }
        for movement in [Movement::Improved, Movement::Regressed, Movement::Stayed, Movement::NewlyAssessed] {
            let list = self.moved(movement);
            let _ = writeln!(out, "\n{} ({}): {}", movement.name(), list.len(), labels(list));
        }
        let gone = self.moved(Movement::NoLongerAssessed);
        if !gone.is_empty() {
            let _ =
                writeln!(out, "\n{} ({}): {}", Movement::NoLongerAssessed.name(), gone.len(), labels(gone));
        }
        let _ = writeln!(
            out,
            "\nBecame overdue ({}): {}",
            self.became_overdue.len(),
            labels(&self.became_overdue)
        );
        out
    }
}

fn labels(list: &[Moved]) -> String {
    if list.is_empty() {
        return "none".into();
    }
    list.iter().map(|m| m.label.as_str()).collect::<Vec<_>>().join(", ")
}

/// Find a cycle by id or label, with a message listing the cycles when there is none.
pub fn find_cycle<'a>(session: &'a Session, wanted: &str) -> Result<&'a crate::model::Cycle, CompareError> {
    session.find_cycle(wanted).ok_or_else(|| CompareError::NoCycle {
        wanted: wanted.to_owned(),
        known: session
            .cycles
            .iter()
            .map(|c| format!("{} ({})", c.id, c.label))
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// Compare cycle `from` with cycle `to` (ids or labels).
pub fn compare(session: &Session, from: &str, to: &str) -> Result<Comparison, CompareError> {
    let (a, b) = (find_cycle(session, from)?, find_cycle(session, to)?);
    let mut counts: BTreeMap<(Grade, Grade), usize> = BTreeMap::new();
    let mut movements: BTreeMap<Movement, Vec<Moved>> = BTreeMap::new();
    let mut became_overdue = Vec::new();
    for rec in &session.recommendations {
        let (before, after) = (rec.grade_in(&a.id), rec.grade_in(&b.id));
        *counts.entry((before, after)).or_default() += 1;
        let moved = Moved { id: rec.id.clone(), label: rec.label.clone(), from: before, to: after };
        if let Some(as_of) = b.as_of {
            let was_overdue = a.as_of.is_some_and(|d| is_overdue(rec, &a.id, d));
            if is_overdue(rec, &b.id, as_of) && !was_overdue {
                became_overdue.push(moved.clone());
            }
        }
        movements.entry(Movement::between(before, after)).or_default().push(moved);
    }
    let transitions = counts
        .into_iter()
        .map(|((from_grade, to_grade), count)| Transition {
            from: from_grade,
            to: to_grade,
            count,
            filter: Filter {
                cycle: Some(b.id.clone()),
                baseline: Some(a.id.clone()),
                previous_grade: Some(from_grade),
                grade: Some(to_grade),
                ..Filter::default()
            },
        })
        .collect();
    Ok(Comparison {
        from: CycleRef::of(session, &a.id),
        to: CycleRef::of(session, &b.id),
        transitions,
        movements,
        became_overdue,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cycle, Recommendation};
    use crate::query::visible;
    use jiff::civil::Date;

    #[test]
    fn transition_table_and_lists_between_two_cycles() {
        use Grade::*;
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        s.cycles[0].as_of = Date::new(2018, 10, 1).ok();
        s.cycles.push(Cycle::new("c2", "January 2019", Date::new(2019, 1, 24).ok()));
        let moves = [(Amber, Green), (Amber, Green), (Green, Amber), (Blue, Blue), (NotAssessed, Red)];
        for (i, (a, b)) in moves.into_iter().enumerate() {
            let mut r = Recommendation::new(format!("r{i}"), format!("{}", i + 1), "x");
            r.grades.insert("c1".into(), a);
            r.grades.insert("c2".into(), b);
            s.recommendations.push(r);
        }
        s.recommendations[2].due = Date::new(2018, 12, 1).ok(); // overdue at c2, not at c1
        let c = compare(&s, "c1", "January 2019").unwrap();
        assert_eq!(c.count(Amber, Green), 2);
        assert_eq!(c.count(Green, Amber), 1);
        assert_eq!(c.count(Blue, Blue), 1);
        assert_eq!(c.count(Red, Blue), 0);
        assert_eq!(c.transitions.iter().map(|t| t.count).sum::<usize>(), 5);
        let names = |m| c.moved(m).iter().map(|m| m.label.as_str()).collect::<Vec<_>>();
        assert_eq!(names(Movement::Improved), ["1", "2"]);
        assert_eq!(names(Movement::Regressed), ["3"]);
        assert_eq!(names(Movement::Stayed), ["4"]);
        assert_eq!(names(Movement::NewlyAssessed), ["5"]);
        assert_eq!(c.became_overdue.iter().map(|m| m.label.as_str()).collect::<Vec<_>>(), ["3"]);

        // Each figure's filter shows the same recommendations in the list.
        let shown = |f: &Filter| visible(&s, f, Default::default()).len();
        let amber_green = c.transitions.iter().find(|t| t.from == Amber && t.to == Green).unwrap();
        assert_eq!(shown(&amber_green.filter), 2);
        assert_eq!(shown(&c.filter(Movement::Improved)), 2);
        assert_eq!(shown(&c.became_overdue_filter()), 1);

        let text = c.to_text(&s);
        assert!(text.contains("A Amber") && text.contains("Improved (2): 1, 2"), "{text}");
        assert!(matches!(compare(&s, "c1", "nope"), Err(CompareError::NoCycle { .. })));
    }
}
