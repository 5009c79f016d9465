//! Commands for review cycles: starting one from the previous grades, confirming grades
//! carried over, removing one. Each returns a single [`Command`] (one undo step).

use super::{Command, EditError, RecField};
use crate::model::{Cycle, Session};
use jiff::civil::Date;

/// Start a new review cycle after the last one and make it current.
///
/// With `carry_over`, every grade of the previous cycle is copied into the new one and marked
/// *carried over* until the reviewer confirms it ([`confirm_grade`]) or gives another grade.
/// One undo step removes the cycle, its grades and the marks again.
pub fn start_cycle(session: &Session, label: &str, as_of: Option<Date>, carry_over: bool) -> Command {
    let id = session.fresh_id("c");
    let previous = session.cycles.last().map(|c| c.id.clone());
    let mut cmds = vec![Command::InsertCycle {
        index: session.cycles.len(),
        cycle: Box::new(Cycle::new(id.clone(), label.trim(), as_of)),
    }];
    let mut carried = Vec::new();
    if let Some(previous) = previous.filter(|_| carry_over) {
        for rec in &session.recommendations {
            if let Some(&grade) = rec.grades.get(&previous) {
                cmds.push(Command::set(&rec.id, RecField::Grade { cycle: id.clone(), grade: Some(grade) }));
                carried.push(rec.id.clone());
            }
        }
    }
    // Marks go on after the grades: giving a grade confirms a mark.
    if !carried.is_empty() {
        cmds.push(Command::SetCarriedOver { cycle: id.clone(), recs: carried, carried: true });
    }
    cmds.push(Command::SetCurrentCycle(id));
    Command::Batch(cmds)
}

/// Confirm `rec_id`'s carried-over grade in the current cycle (the window binds this to one
/// key). None when that grade is not marked carried over.
pub fn confirm_grade(session: &Session, rec_id: &str) -> Option<Command> {
    let cycle = session.current()?;
    cycle.is_carried_over(rec_id).then(|| Command::SetCarriedOver {
        cycle: cycle.id.clone(),
        recs: vec![rec_id.to_owned()],
        carried: false,
    })
}

/// Confirm every carried-over grade of the current cycle at once. None when there is none.
pub fn confirm_all(session: &Session) -> Option<Command> {
    let cycle = session.current()?;
    (!cycle.carried_over.is_empty()).then(|| Command::SetCarriedOver {
        cycle: cycle.id.clone(),
        recs: cycle.carried_over.iter().cloned().collect(),
        carried: false,
    })
}

/// Remove a cycle and every grade recorded in it, as one step. The current cycle cannot be
/// removed (switch first).
pub fn remove_cycle(session: &Session, id: &str) -> Result<Command, EditError> {
    if session.cycle(id).is_none() {
        return Err(EditError::NoCycle(id.to_owned()));
    }
    let mut cmds: Vec<Command> = session
        .recommendations
        .iter()
        .filter(|r| r.grades.contains_key(id))
        .map(|r| Command::set(&r.id, RecField::Grade { cycle: id.to_owned(), grade: None }))
        .collect();
    cmds.push(Command::RemoveCycle { id: id.to_owned() });
    Ok(Command::Batch(cmds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Editor;
    use crate::model::{Grade, Recommendation};
    use std::time::Instant;

    fn session() -> Session {
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        for (id, grade) in [("r1", Some(Grade::Amber)), ("r2", Some(Grade::Green)), ("r3", None)] {
            let mut r = Recommendation::new(id, id.to_uppercase(), "x");
            if let Some(g) = grade {
                r.grades.insert("c1".into(), g);
            }
            s.recommendations.push(r);
        }
        s
    }

    #[test]
    fn a_new_cycle_carries_grades_over_marked_until_confirmed_or_changed() {
        let mut ed = Editor::new(session(), true);
        let original = ed.session().clone();
        let date = Date::new(2019, 1, 24).ok();
        ed.apply(start_cycle(ed.session(), "January 2019", date, true), Instant::now()).unwrap();
        let s = ed.session();
        assert_eq!(s.current_cycle, "c2");
        assert_eq!(s.cycles[1].label, "January 2019");
        assert_eq!(s.recommendations[0].grade_in("c2"), Grade::Amber);
        assert_eq!(s.recommendations[2].grade_in("c2"), Grade::NotAssessed);
        let marked: Vec<&str> = s.cycles[1].carried_over.iter().map(String::as_str).collect();
        assert_eq!(marked, ["r1", "r2"]);

        // Confirming one, changing another: both marks go; undo brings each back.
        ed.apply(confirm_grade(ed.session(), "r1").unwrap(), Instant::now()).unwrap();
        let change = Command::set("r2", RecField::Grade { cycle: "c2".into(), grade: Some(Grade::Blue) });
        ed.apply(change, Instant::now()).unwrap();
        assert!(ed.session().cycles[1].carried_over.is_empty());
        assert_eq!(ed.session().recommendations[1].grade_in("c1"), Grade::Green, "history kept");
        assert_eq!(confirm_grade(ed.session(), "r1"), None);
        ed.undo();
        assert!(ed.session().cycles[1].is_carried_over("r2"));
        assert_eq!(ed.session().recommendations[1].grade_in("c2"), Grade::Green);
        ed.undo();
        assert!(ed.session().cycles[1].is_carried_over("r1"));
        ed.redo();
        ed.redo();
        assert!(ed.session().cycles[1].carried_over.is_empty());

        // Undoing the rest returns to the session before the cycle existed.
        ed.undo();
        ed.undo();
        ed.undo();
        assert_eq!(ed.session(), &original);
    }

    #[test]
    fn a_fresh_cycle_starts_ungraded_and_confirm_all_clears_every_mark() {
        let s = session();
        let mut fresh = s.clone();
        start_cycle(&s, "Blank", None, false).apply(&mut fresh).unwrap();
        assert!(fresh.recommendations.iter().all(|r| r.grade_in("c2") == Grade::NotAssessed));
        assert_eq!(confirm_all(&fresh), None);

        let mut carried = s.clone();
        start_cycle(&s, "Carried", None, true).apply(&mut carried).unwrap();
        confirm_all(&carried).unwrap().apply(&mut carried).unwrap();
        assert!(carried.cycles[1].carried_over.is_empty());
    }

    #[test]
    fn removing_a_cycle_removes_its_grades_and_not_the_current_one() {
        let mut s = session();
        start_cycle(&s.clone(), "Second", None, true).apply(&mut s).unwrap();
        assert!(matches!(remove_cycle(&s, "c2").unwrap().apply(&mut s.clone()), Err(EditError::Invalid(_))));
        let before = s.clone();
        let undo = remove_cycle(&s, "c1").unwrap().apply(&mut s).unwrap();
        assert_eq!(s.cycles.len(), 1);
        assert!(s.recommendations.iter().all(|r| !r.grades.contains_key("c1")));
        undo.apply(&mut s).unwrap();
        assert_eq!(s, before);
    }
}
