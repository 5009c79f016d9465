//! The subcommands, one module each: arguments (clap) and the function that runs them.
//! Each writes its output into a string that `main` prints; warnings and errors go through
//! [`warn`] and [`print_error`]. All of it is printed with control characters escaped
//! ([`stocktake::text::escape_for_terminal`]): file names and file contents can carry
//! terminal escape sequences.

pub mod check;
pub mod extract;
pub mod new;
pub mod set;
pub mod summary;

use stocktake::text::escape_for_terminal;

/// Print a warning to standard error, control characters escaped.
pub fn warn(message: &str) {
    eprintln!("warning: {}", escape_for_terminal(message));
}

/// Print an error and its causes to standard error, once each: a cause whose text the
/// message already includes (an I/O error named in its context) is not repeated.
pub fn print_error(error: &anyhow::Error) {
    let mut message = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(": ");
            message.push_str(&cause);
        }
    }
    eprintln!("stocktake: {}", escape_for_terminal(&message));
}
