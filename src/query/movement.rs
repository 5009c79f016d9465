//! How a recommendation's grade moved between two cycles: the list's "previous" and "change"
//! columns, the dashboard's change figures and the cycle comparison all use this.

use crate::model::{Grade, Recommendation, Session};
use jiff::civil::Date;
use serde::Serialize;

/// How a grade moved from one cycle to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Movement {
    /// Closer to complete (Red → Amber, Green → Blue…).
    Improved,
    /// Further from complete (Green → Amber…).
    Regressed,
    /// The same grade in both.
    Stayed,
    /// Graded now, not assessed before.
    NewlyAssessed,
    /// Assessed before, not now.
    NoLongerAssessed,
    /// Assessed in neither.
    Unassessed,
}

impl Movement {
    /// Every movement, in the order figures list them.
    pub const ALL: [Movement; 6] = [
        Self::Improved,
        Self::Regressed,
        Self::Stayed,
        Self::NewlyAssessed,
        Self::NoLongerAssessed,
        Self::Unassessed,
    ];

    /// How `before` became `after`.
    pub fn between(before: Grade, after: Grade) -> Movement {
        match (progress_rank(before), progress_rank(after)) {
            (Some(b), Some(a)) if a < b => Self::Improved,
            (Some(b), Some(a)) if a > b => Self::Regressed,
            (Some(_), Some(_)) => Self::Stayed,
            (None, Some(_)) => Self::NewlyAssessed,
            (Some(_), None) => Self::NoLongerAssessed,
            (None, None) => Self::Unassessed,
        }
    }

    /// Name shown to the reviewer.
    pub fn name(self) -> &'static str {
        match self {
            Self::Improved => "Improved",
            Self::Regressed => "Regressed",
            Self::Stayed => "Stayed",
            Self::NewlyAssessed => "Newly assessed",
            Self::NoLongerAssessed => "No longer assessed",
            Self::Unassessed => "Not assessed",
        }
    }

    /// A compact sign for the list's "change" column.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Improved => "↑",
            Self::Regressed => "↓",
            Self::Stayed => "=",
            Self::NewlyAssessed => "new",
            Self::NoLongerAssessed => "×",
            Self::Unassessed => "",
        }
    }
}

/// 0 for complete (Blue) up to 3 for significant obstacles (Red); None for Not assessed.
pub fn progress_rank(grade: Grade) -> Option<u8> {
    match grade {
        Grade::Blue => Some(0),
        Grade::Green => Some(1),
        Grade::Amber => Some(2),
        Grade::Red => Some(3),
        Grade::NotAssessed => None,
    }
}

/// The grade `rec` had in the cycle before `cycle` (the list's "previous" column); None when
/// `cycle` is the first.
pub fn previous_grade(session: &Session, rec: &Recommendation, cycle: &str) -> Option<Grade> {
    session.previous_cycle(cycle).map(|p| rec.grade_in(&p.id))
}

/// How `rec`'s grade moved from the cycle before `cycle` to `cycle` (the list's "change"
/// column); None when `cycle` is the first.
pub fn change(session: &Session, rec: &Recommendation, cycle: &str) -> Option<Movement> {
    previous_grade(session, rec, cycle).map(|before| Movement::between(before, rec.grade_in(cycle)))
}

/// True when `rec` was due before `as_of` and its grade in `cycle` is not complete (Blue).
pub fn is_overdue(rec: &Recommendation, cycle: &str, as_of: Date) -> bool {
    rec.due.is_some_and(|due| due < as_of) && rec.grade_in(cycle) != Grade::Blue
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn movements_follow_progress_order() {
        use Grade::*;
        assert_eq!(Movement::between(Amber, Green), Movement::Improved);
        assert_eq!(Movement::between(Red, Blue), Movement::Improved);
        assert_eq!(Movement::between(Blue, Amber), Movement::Regressed);
        assert_eq!(Movement::between(Green, Green), Movement::Stayed);
        assert_eq!(Movement::between(NotAssessed, Red), Movement::NewlyAssessed);
        assert_eq!(Movement::between(Red, NotAssessed), Movement::NoLongerAssessed);
        assert_eq!(Movement::between(NotAssessed, NotAssessed), Movement::Unassessed);
    }

    #[test]
    fn previous_and_change_columns_look_at_the_cycle_before() {
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        s.cycles.push(crate::model::Cycle::new("c2", "Second", None));
        let mut r = Recommendation::new("r1", "A", "x");
        r.grades.insert("c1".into(), Grade::Amber);
        r.grades.insert("c2".into(), Grade::Green);
        assert_eq!(previous_grade(&s, &r, "c1"), None);
        assert_eq!(previous_grade(&s, &r, "c2"), Some(Grade::Amber));
        assert_eq!(change(&s, &r, "c2"), Some(Movement::Improved));
        assert_eq!(change(&s, &r, "c1"), None);
    }

    #[test]
    fn overdue_means_due_before_the_date_and_not_complete() {
        let day = |d| Date::new(2019, 1, d).unwrap();
        let mut r = Recommendation::new("r1", "A", "x");
        assert!(!is_overdue(&r, "c1", day(24)), "no due date");
        r.due = Some(day(10));
        assert!(is_overdue(&r, "c1", day(24)));
        assert!(!is_overdue(&r, "c1", day(10)), "due that day is not yet overdue");
        r.grades.insert("c1".into(), Grade::Blue);
        assert!(!is_overdue(&r, "c1", day(24)), "complete");
    }
}
