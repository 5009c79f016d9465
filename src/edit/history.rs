//! The editor: a session plus its undo/redo history and dirty state.

use super::{Command, EditError, RecField, Target};
use crate::model::Session;
use std::time::{Duration, Instant};

/// Keystrokes in one text field closer together than this make one undo step.
pub const TYPING_PAUSE: Duration = Duration::from_millis(1000);

/// One undo (or redo) step: the command that reverses it and the states either side.
#[derive(Debug)]
struct Step {
    reverse: Command,
    before: u64,
    after: u64,
    typing: Option<(String, &'static str)>,
    at: Instant,
}

/// A session and the single place where commands are applied to it.
///
/// Each state of the session has a number; the file on disk matches one of them, so the
/// dirty flag is exact even after undoing back to the saved state.
#[derive(Debug)]
pub struct Editor {
    session: Session,
    undo: Vec<Step>,
    redo: Vec<Step>,
    state: u64,
    next_state: u64,
    saved_state: Option<u64>,
}

impl Editor {
    /// Wrap a session that matches its file on disk (or a new one: pass `saved: false`).
    pub fn new(session: Session, saved: bool) -> Self {
        Self {
            session,
            undo: Vec::new(),
            redo: Vec::new(),
            state: 0,
            next_state: 1,
            saved_state: saved.then_some(0),
        }
    }

    /// The session as it is now.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// A number that changes whenever the session changes (for autosave and caches).
    pub fn state(&self) -> u64 {
        self.state
    }

    /// True when the session differs from the last saved file.
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.state)
    }

    /// Record that the session as it is now has been written to disk.
    pub fn mark_saved(&mut self) {
        self.saved_state = Some(self.state);
    }

    /// Apply a command as a new undo step (typing in the same field within [`TYPING_PAUSE`]
    /// joins the previous step). Clears redo. Returns what it touched.
    pub fn apply(&mut self, cmd: Command, now: Instant) -> Result<Option<Target>, EditError> {
        let typing = cmd.typing_key();
        let target = cmd.target();
        let reverse = cmd.apply(&mut self.session)?;
        self.redo.clear();
        let after = self.fresh_state();
        match self.undo.last_mut() {
            Some(last)
                if typing.is_some()
                    && last.typing == typing
                    && last.after == self.state
                    && now.saturating_duration_since(last.at) < TYPING_PAUSE =>
            {
                // Keep the older reverse: undo returns to before the first keystroke.
                last.after = after;
                last.at = now;
            }
            _ => self.undo.push(Step { reverse, before: self.state, after, typing, at: now }),
        }
        self.state = after;
        Ok(target)
    }

    /// Undo the last step; returns what changed, or None if there is nothing to undo.
    pub fn undo(&mut self) -> Option<Target> {
        let step = self.undo.pop()?;
        self.replay(step, true)
    }

    /// Redo the last undone step; returns what changed, or None if there is nothing to redo.
    pub fn redo(&mut self) -> Option<Target> {
        let step = self.redo.pop()?;
        self.replay(step, false)
    }

    fn replay(&mut self, step: Step, undoing: bool) -> Option<Target> {
        let target = step.reverse.target();
        // Commands in history were valid when recorded and history is the only writer,
        // so this cannot fail; if it somehow does, drop the step rather than corrupt state.
        let reverse = step.reverse.apply(&mut self.session).ok()?;
        let flipped = Step { reverse, before: step.before, after: step.after, typing: None, at: step.at };
        if undoing {
            self.state = step.before;
            self.redo.push(flipped);
        } else {
            self.state = step.after;
            self.undo.push(flipped);
        }
        target
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What Undo would undo ("set grade").
    pub fn undo_label(&self) -> Option<String> {
        self.undo.last().map(|s| s.reverse.describe())
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<String> {
        self.redo.last().map(|s| s.reverse.describe())
    }

    /// Replace the session wholesale (after a load), clearing history.
    pub fn replace_session(&mut self, session: Session, saved: bool) {
        *self = Self::new(session, saved);
    }

    /// Record that state `state` (taken when a save began) is now on disk, written with
    /// modification time `modified`. Edits made while the save ran stay unsaved.
    pub fn mark_saved_at(&mut self, state: u64, modified: jiff::Timestamp) {
        self.saved_state = Some(state);
        if self.state == state {
            // The file's own timestamp, not a review change: no undo step.
            self.session.modified = modified;
        }
    }

    /// Touch the modified time without an undo step (done on save by the commands).
    pub fn set_modified(&mut self, at: jiff::Timestamp) {
        self.session.modified = at;
    }

    fn fresh_state(&mut self) -> u64 {
        let s = self.next_state;
        self.next_state += 1;
        s
    }
}

/// Convenience for callers building a field edit.
impl Command {
    /// A [`Command::SetField`] for recommendation `rec`.
    pub fn set(rec: impl Into<String>, field: RecField) -> Self {
        Command::SetField { rec: rec.into(), field }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Grade, Recommendation};

    fn editor() -> Editor {
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        s.recommendations.push(Recommendation::new("r1", "A", "Do the thing."));
        s.recommendations.push(Recommendation::new("r2", "B", "Do another."));
        Editor::new(s, true)
    }

    fn grade(cycle: &str, g: Grade) -> RecField {
        RecField::Grade { cycle: cycle.into(), grade: Some(g) }
    }

    #[test]
    fn undo_and_redo_restore_exact_states_and_dirty_flag() {
        let mut ed = editor();
        let original = ed.session().clone();
        let t0 = Instant::now();
        ed.apply(Command::set("r1", grade("c1", Grade::Amber)), t0).unwrap();
        ed.apply(Command::set("r2", RecField::Stance(Some(crate::model::Stance::Noted))), t0).unwrap();
        assert!(ed.is_dirty());
        let after = ed.session().clone();
        assert_eq!(ed.undo(), Some(Target::Recommendation("r2".into())));
        assert_eq!(ed.undo(), Some(Target::Recommendation("r1".into())));
        assert_eq!(ed.session(), &original);
        assert!(!ed.is_dirty(), "undoing to the saved state is clean");
        assert_eq!(ed.undo(), None);
        ed.redo();
        ed.redo();
        assert_eq!(ed.session(), &after);
        assert!(ed.is_dirty());
    }

    #[test]
    fn typing_within_a_pause_is_one_step_and_a_new_edit_clears_redo() {
        let mut ed = editor();
        let t0 = Instant::now();
        for (i, text) in ["n", "no", "not", "note"].iter().enumerate() {
            let at = t0 + Duration::from_millis(200 * i as u64);
            ed.apply(Command::set("r1", RecField::Notes(text.to_string())), at).unwrap();
        }
        let later = t0 + Duration::from_secs(10);
        ed.apply(Command::set("r1", RecField::Notes("note!".into())), later).unwrap();
        ed.undo();
        assert_eq!(ed.session().recommendations[0].notes, "note");
        ed.undo();
        assert_eq!(ed.session().recommendations[0].notes, "");
        assert!(ed.can_redo());
        ed.apply(Command::set("r1", grade("c1", Grade::Red)), later).unwrap();
        assert!(!ed.can_redo());
    }

    #[test]
    fn dragging_a_colour_picker_is_one_undo_step() {
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        let now = jiff::Timestamp::UNIX_EPOCH;
        let anchor = crate::model::Anchor::from_range("d", "text", 0, 4);
        s.annotations.push(crate::model::Annotation::new("a1", anchor, "#000000", Vec::new(), now));
        let mut ed = Editor::new(s, true);
        let t0 = Instant::now();
        for (i, c) in ["#100000", "#200000", "#300000"].iter().enumerate() {
            let cmd = Command::SetAnnotationColour { id: "a1".into(), colour: (*c).into() };
            ed.apply(cmd, t0 + Duration::from_millis(16 * i as u64)).unwrap();
        }
        ed.undo();
        assert_eq!(ed.session().annotations[0].colour, "#000000");
        assert!(!ed.can_undo());
    }

    #[test]
    fn failed_command_changes_nothing() {
        let mut ed = editor();
        let before = ed.session().clone();
        let batch = Command::Batch(vec![
            Command::set("r1", grade("c1", Grade::Blue)),
            Command::set("nope", grade("c1", Grade::Blue)),
        ]);
        assert!(ed.apply(batch, Instant::now()).is_err());
        assert_eq!(ed.session(), &before);
        assert!(!ed.is_dirty());
        assert!(!ed.can_undo());
    }

    #[test]
    fn remove_then_undo_restores_position() {
        let mut ed = editor();
        ed.apply(Command::RemoveRecommendation { id: "r1".into() }, Instant::now()).unwrap();
        assert_eq!(ed.session().recommendations.len(), 1);
        ed.undo();
        assert_eq!(ed.session().recommendations[0].id, "r1");
    }
}
