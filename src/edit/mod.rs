//! Every change to a session is a [`Command`]; [`Editor`] is the one place that applies them,
//! so undo/redo, the dirty flag and autosave are one mechanism.

mod command;
mod history;

pub use command::{Command, DocField, EditError, RecField, Target};
pub use history::{Editor, TYPING_PAUSE};
