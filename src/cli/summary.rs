//! `stocktake summary`: counts per grade and stance.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use stocktake::{report, store};

/// Count recommendations per grade and stance.
#[derive(Args)]
pub struct SummaryArgs {
    /// Session file.
    session: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    format: SummaryFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum SummaryFormat {
    Text,
    Json,
}

/// Run `summary`, writing its output to `out`.
pub fn run(out: &mut String, args: SummaryArgs) -> Result<()> {
    summary_cmd(out, &args.session, args.format)
}

fn summary_cmd(out: &mut String, path: &Path, format: SummaryFormat) -> Result<()> {
    let session = store::load(path)?.session;
    let sum = report::Summary::of(&session);
    match format {
        SummaryFormat::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&sum).context("serialising summary")?)?;
        }
        SummaryFormat::Text => out.push_str(&sum.to_text(&session)),
    }
    Ok(())
}
