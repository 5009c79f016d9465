//! `stocktake import-tracker`: bring a tracker's statuses, owners and narratives into a
//! session, showing the plan first.

use anyhow::{Context, Result, bail};
use clap::Args;
use std::fmt::Write as _;
use std::path::PathBuf;
use stocktake::edit::Editor;
use stocktake::intake::tracker::{self, TrackerField};

/// Import a CSV or XLSX tracker into a session, matching recommendations by label.
#[derive(Args)]
pub struct ImportTrackerArgs {
    /// Session file.
    session: PathBuf,
    /// Tracker (.csv or .xlsx).
    tracker: PathBuf,
    /// Show what would change and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Say which column holds a field, overriding the recognised headers:
    /// `--map status="RAG Jan 2019"` (fields: label, text, owner, status, narrative, theme,
    /// due, previous, anticipated). Repeatable.
    #[arg(long = "map", value_name = "FIELD=HEADER")]
    map: Vec<String>,
}

/// Run `import-tracker`, writing its output to `out`.
pub fn run(out: &mut String, args: ImportTrackerArgs) -> Result<()> {
    let (_lock, loaded) = super::load_for_edit(&args.session)?;
    let session = loaded.session.clone();
    let overrides = parse_overrides(&args.map)?;
    let mut unknown_header = None;
    let rows = tracker::read_tracker(&args.tracker, &session, |mapping| {
        for (field, header) in &overrides {
            if !mapping.set_by_header(*field, header) {
                unknown_header.get_or_insert_with(|| (header.clone(), mapping.headers.clone()));
            }
        }
    })?;
    if let Some((header, headers)) = unknown_header {
        bail!("{}: no column headed {header:?} (the headers are {headers:?})", args.tracker.display());
    }
    let plan = tracker::plan_import(&session, &rows);
    writeln!(out, "Columns:\n{}", plan.mapping.to_text())?;
    out.push_str(&plan.to_text());
    let Some(command) = plan.command() else {
        writeln!(out, "Nothing to change.")?;
        return Ok(());
    };
    if args.dry_run {
        writeln!(out, "Dry run: {} not changed.", args.session.display())?;
        return Ok(());
    }
    let mut editor = Editor::new(session, true);
    editor.apply(command, std::time::Instant::now()).with_context(|| args.session.display().to_string())?;
    editor.set_modified(jiff::Timestamp::now());
    super::save_over(&args.session, editor.session(), &loaded, false)?;
    let (added, changed) = plan.counts();
    writeln!(out, "{}: imported ({added} added, {changed} changed)", args.session.display())?;
    Ok(())
}

/// `FIELD=HEADER` pairs from the command line.
pub fn parse_overrides(map: &[String]) -> Result<Vec<(TrackerField, String)>> {
    map.iter()
        .map(|pair| {
            let (field, header) =
                pair.split_once('=').with_context(|| format!("--map {pair:?}: write FIELD=HEADER"))?;
            let field = TrackerField::parse(field).with_context(|| {
                format!("--map {pair:?}: unknown field {field:?} (use label, text, owner, status, narrative, theme, due, previous or anticipated)")
            })?;
            Ok((field, header.trim().to_owned()))
        })
        .collect()
}
