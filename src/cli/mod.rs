//! The subcommands, one module each: arguments (clap) and the function that runs them.
//! Each writes its output into a string that `main` prints; warnings and errors go through
//! [`warn`] and [`print_error`]. All of it is printed with control characters escaped
//! ([`stocktake::text::escape_for_terminal`]): file names and file contents can carry
//! terminal escape sequences.

pub mod check;
pub mod compare;
pub mod cycle;
pub mod export;
pub mod extract;
pub mod import_tracker;
pub mod new;
pub mod props;
pub mod reanchor;
pub mod set;
pub mod summary;
pub mod text;

/// Parse a `YYYY-MM-DD` date argument.
pub fn iso_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.trim()
        .parse::<jiff::civil::Date>()
        .map_err(|e| format!("{s:?} is not a date of the form YYYY-MM-DD ({e})"))
}

use stocktake::text::escape_for_terminal;

/// How long a command that edits a session waits for a window or another command that has
/// it open.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Load `path` for an edit: wait for its lock (held until the returned lock is dropped), then
/// read it with its fingerprint.
pub fn load_for_edit(
    path: &std::path::Path,
) -> anyhow::Result<(stocktake::store::SessionLock, stocktake::store::Loaded)> {
    let lock = stocktake::store::SessionLock::acquire(path, LOCK_WAIT)?;
    Ok((lock, stocktake::store::load(path)?))
}

/// Save an edited session over `path` only if the file is still what `loaded` read, and not
/// over fields this build does not understand (unless `force`).
pub fn save_over(
    path: &std::path::Path,
    session: &stocktake::model::Session,
    loaded: &stocktake::store::Loaded,
    force: bool,
) -> anyhow::Result<()> {
    let options = stocktake::store::SaveOptions {
        expected: Some(&loaded.fingerprint),
        unknown: &loaded.unknown,
        allow_unknown: force,
    };
    stocktake::store::save(session, path, &options)?;
    Ok(())
}

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
