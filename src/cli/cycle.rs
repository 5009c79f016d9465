//! `stocktake cycle`: list review cycles, start a new one (grades carried over), confirm
//! carried-over grades.

use anyhow::{Context, Result, bail};
use clap::Args;
use jiff::civil::Date;
use std::fmt::Write as _;
use std::path::PathBuf;
use stocktake::edit::{self, Command, Editor};

/// List the review cycles, or start a new one from the previous grades.
#[derive(Args)]
pub struct CycleArgs {
    /// Session file.
    session: PathBuf,
    /// Start a new cycle with this label (e.g. "January 2019") and make it current.
    #[arg(long)]
    label: Option<String>,
    /// The date the new cycle's grades describe (YYYY-MM-DD).
    #[arg(long, value_parser = super::iso_date, requires = "label")]
    as_of: Option<Date>,
    /// Start the new cycle with no grades instead of carrying the previous ones over.
    #[arg(long, requires = "label")]
    fresh: bool,
    /// Confirm every grade carried over into the current cycle.
    #[arg(long, conflicts_with = "label")]
    confirm_all: bool,
}

/// Run `cycle`, writing its output to `out`.
pub fn run(out: &mut String, args: CycleArgs) -> Result<()> {
    let path = &args.session;
    let (_lock, loaded) = super::load_for_edit(path)?;
    let session = loaded.session.clone();
    let command: Option<Command> = match (&args.label, args.confirm_all) {
        (Some(label), _) => {
            if label.trim().is_empty() {
                bail!("the cycle label cannot be empty");
            }
            if session.cycles.iter().any(|c| c.label.trim().eq_ignore_ascii_case(label.trim())) {
                bail!("{}: there is already a cycle labelled {label:?}", path.display());
            }
            Some(edit::start_cycle(&session, label, args.as_of, !args.fresh))
        }
        (None, true) => match edit::confirm_all(&session) {
            Some(cmd) => Some(cmd),
            None => {
                writeln!(out, "{}: no carried-over grades to confirm", path.display())?;
                return Ok(());
            }
        },
        (None, false) => None,
    };
    let session = match command {
        Some(cmd) => {
            let mut editor = Editor::new(session, true);
            editor.apply(cmd, std::time::Instant::now()).with_context(|| format!("{}", path.display()))?;
            editor.set_modified(jiff::Timestamp::now());
            super::save_over(path, editor.session(), &loaded, false)?;
            editor.session().clone()
        }
        None => session,
    };
    for c in &session.cycles {
        let current = if c.id == session.current_cycle { "*" } else { " " };
        let date = c.as_of.map(|d| d.to_string()).unwrap_or_else(|| "(no date)".into());
        let graded = session.recommendations.iter().filter(|r| r.grades.contains_key(&c.id)).count();
        let carried = if c.carried_over.is_empty() {
            String::new()
        } else {
            format!(", {} carried over awaiting confirmation", c.carried_over.len())
        };
        writeln!(out, "{current} {:<6} {:<12} {}  ({graded} graded{carried})", c.id, date, c.label)?;
    }
    Ok(())
}
