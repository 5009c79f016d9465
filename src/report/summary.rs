//! Counts per grade and stance for the current cycle.

use crate::model::{Grade, Session, Stance};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many recommendations have each grade (current cycle) and each stance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Number of recommendations.
    pub total: usize,
    /// Count per grade key, every grade present (zero if unused), in scheme order.
    pub grades: BTreeMap<&'static str, usize>,
    /// Count per stance key, plus `"Unrecorded"` for those without a stance.
    pub stances: BTreeMap<&'static str, usize>,
}

impl Summary {
    /// Summarise `session` as of its current cycle.
    pub fn of(session: &Session) -> Self {
        Self::of_cycle(session, &session.current_cycle)
    }

    /// Summarise `session` as of cycle `cycle` (grades recorded in it).
    pub fn of_cycle(session: &Session, cycle: &str) -> Self {
        let mut grades: BTreeMap<&'static str, usize> = Grade::ALL.iter().map(|g| (g.key(), 0)).collect();
        let mut stances: BTreeMap<&'static str, usize> = Stance::ALL.iter().map(|s| (s.key(), 0)).collect();
        stances.insert("Unrecorded", 0);
        for rec in &session.recommendations {
            *grades.entry(rec.grade_in(cycle).key()).or_default() += 1;
            *stances.entry(rec.stance.map_or("Unrecorded", Stance::key)).or_default() += 1;
        }
        Self { total: session.recommendations.len(), grades, stances }
    }

    /// A short human-readable summary, one line per grade and stance.
    pub fn to_text(&self, session: &Session) -> String {
        let mut out = format!("{} recommendations\n\nGrades ({}):\n", self.total, cycle_label(session));
        for g in Grade::ALL {
            let n = self.grades.get(g.key()).copied().unwrap_or(0);
            let style = session.grade_scheme.style(g);
            out += &format!(
                "  {:<14} {:>4}  {:>5.1}%  {}\n",
                style.name,
                n,
                percent(n, self.total),
                style.meaning
            );
        }
        out += "\nStances:\n";
        for s in Stance::ALL {
            let n = self.stances.get(s.key()).copied().unwrap_or(0);
            out += &format!("  {:<17} {:>4}\n", session.stance_scheme.style(s).name, n);
        }
        out +=
            &format!("  {:<17} {:>4}\n", "Unrecorded", self.stances.get("Unrecorded").copied().unwrap_or(0));
        out
    }
}

fn cycle_label(session: &Session) -> String {
    session
        .cycles
        .iter()
        .find(|c| c.id == session.current_cycle)
        .map(|c| c.label.clone())
        .unwrap_or_else(|| session.current_cycle.clone())
}

fn percent(n: usize, total: usize) -> f64 {
    if total == 0 { 0.0 } else { 100.0 * n as f64 / total as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Recommendation;

    #[test]
    fn counts_grades_in_current_cycle_only() {
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        for (i, g) in [Some(Grade::Amber), Some(Grade::Amber), None].into_iter().enumerate() {
            let mut r = Recommendation::new(format!("r{i}"), "A", "x");
            if let Some(g) = g {
                r.grades.insert("c1".into(), g);
                r.grades.insert("old".into(), Grade::Red);
            }
            s.recommendations.push(r);
        }
        s.recommendations[0].stance = Some(Stance::Agreed);
        let sum = Summary::of(&s);
        assert_eq!(sum.total, 3);
        assert_eq!(sum.grades["Amber"], 2);
        assert_eq!(sum.grades["Red"], 0);
        assert_eq!(sum.grades["NotAssessed"], 1);
        assert_eq!(sum.stances["Agreed"], 1);
        assert_eq!(sum.stances["Unrecorded"], 2);
    }
}
