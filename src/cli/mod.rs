//! The subcommands, one module each: arguments (clap) and the function that runs them.
//! Each writes its output into a string that `main` prints.

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
