//! Every change to a session is a [`Command`]; [`Editor`] is the one place that applies them,
//! so undo/redo, the dirty flag and autosave are one mechanism.

mod command;
mod cycle;
mod history;

pub use command::{Command, CycleField, DocField, EditError, RecField, Target};
pub use cycle::{confirm_all, confirm_grade, remove_cycle, start_cycle};
pub use history::{Editor, TYPING_PAUSE};
