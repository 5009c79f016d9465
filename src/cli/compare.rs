//! `stocktake compare`: two review cycles side by side.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::fmt::Write as _;
use std::path::PathBuf;
use stocktake::{report, store};

/// Compare two review cycles: transition table and what improved, regressed, stayed or
/// became overdue.
#[derive(Args)]
pub struct CompareArgs {
    /// Session file.
    session: PathBuf,
    /// The earlier cycle (id or label).
    from: String,
    /// The later cycle (id or label).
    to: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    format: CompareFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum CompareFormat {
    Text,
    Json,
}

/// Run `compare`, writing its output to `out`.
pub fn run(out: &mut String, args: CompareArgs) -> Result<()> {
    let session = store::load(&args.session)?.session;
    let comparison = report::compare(&session, &args.from, &args.to)
        .with_context(|| args.session.display().to_string())?;
    match args.format {
        CompareFormat::Text => out.push_str(&comparison.to_text(&session)),
        CompareFormat::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&comparison).context("serialising comparison")?)?
        }
    }
    Ok(())
}
