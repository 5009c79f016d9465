//! The subcommands, one module each: arguments (clap) and the function that runs them.
//! Each writes its output into a string that `main` prints.

pub mod check;
pub mod extract;
pub mod new;
pub mod reanchor;
pub mod set;
pub mod summary;
pub mod text;
