//! `stocktake new`: a session from documents, from a tracker, or from both.

use anyhow::{Context, Result, bail};
use clap::Args;
use jiff::civil::Date;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;
use stocktake::intake::tracker;
use stocktake::job::Progress;
use stocktake::store::{self, SessionLock};
use stocktake::workspace::{self, Conflict, Workspace};

/// How long `new --force` waits for a window or command that has the old session open.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Create a session from documents (recommendations extracted) and/or a tracker.
#[derive(Args)]
pub struct NewArgs {
    /// A document to include (repeatable).
    #[arg(long = "doc", required_unless_present = "tracker")]
    docs: Vec<PathBuf>,
    /// A tracker (.csv or .xlsx): its rows become recommendations, or are matched by label to
    /// those extracted from the documents.
    #[arg(long)]
    tracker: Option<PathBuf>,
    /// Label of the review cycle the tracker's statuses describe.
    #[arg(long, default_value = "First review")]
    label: String,
    /// The date the tracker's statuses describe (YYYY-MM-DD).
    #[arg(long, value_parser = super::iso_date)]
    as_of: Option<Date>,
    /// Column overrides for the tracker: `--map status="RAG Jan 2019"` (see import-tracker).
    #[arg(long = "map", value_name = "FIELD=HEADER", requires = "tracker")]
    map: Vec<String>,
    /// Where to write the session.
    #[arg(short, long)]
    output: PathBuf,
    /// Replace an existing session file (the old one is kept as .bak).
    #[arg(long)]
    force: bool,
}

/// Run `new`, writing its output to `out`.
pub fn run(out: &mut String, args: NewArgs) -> Result<()> {
    let output = &args.output;
    let inputs: Vec<PathBuf> = args.docs.iter().chain(&args.tracker).cloned().collect();
    refuse_unsafe_output(&inputs, output, args.force)?;
    let _lock = SessionLock::acquire(output, LOCK_WAIT)?;
    // The window's own path from documents to a saved review: paths absolute in memory,
    // relative to the session in the file.
    let mut workspace = Workspace::default();
    let mut opened = workspace::new_from_documents(&args.docs, &Progress::default())?;
    if let Some(cycle) = opened.session.cycles.first_mut() {
        cycle.label = args.label.clone();
        cycle.as_of = args.as_of;
    }
    let mut session = opened.session;
    let mut problems = Vec::new();
    if let Some(path) = &args.tracker {
        let overrides = super::import_tracker::parse_overrides(&args.map)?;
        let rows = tracker::read_tracker(path, &session, |m| {
            for (field, header) in &overrides {
                m.set_by_header(*field, header);
            }
        })?;
        if session.title.is_empty() {
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            session.title = format!("Stock-take: {stem}");
        }
        let plan = tracker::plan_import(&session, &rows);
        problems = plan
            .problems
            .iter()
            .map(|p| format!("{}: row {}: {}", path.display(), p.row, p.reason))
            .collect();
        if let Some(cmd) = plan.command() {
            cmd.apply(&mut session).with_context(|| path.display().to_string())?;
        }
    }
    opened.session = session;
    workspace.install(opened);
    // The file may have appeared or changed while the documents were read.
    refuse_unsafe_output(&inputs, output, args.force)?;
    workspace.save_now(Some(output), Conflict::Overwrite)?;
    let session = workspace.session();
    for p in &problems {
        super::warn(p);
    }
    writeln!(
        out,
        "{}: new session with {} documents and {} recommendations{}",
        output.display(),
        session.documents.len(),
        session.recommendations.len(),
        if problems.is_empty() {
            String::new()
        } else {
            format!(" ({} tracker rows not read)", problems.len())
        }
    )?;
    Ok(())
}

/// Refuse, before any work, an output that must not be written: an existing file without
/// `--force`, and even with it a symbolic link, a non-regular or read-only file, or one of
/// the inputs.
fn refuse_unsafe_output(inputs: &[PathBuf], output: &Path, force: bool) -> Result<()> {
    let shown = output.display();
    let Ok(meta) = std::fs::symlink_metadata(output) else {
        store::check_writable(output)?;
        return Ok(());
    };
    if meta.file_type().is_symlink() {
        bail!("{shown}: is a symbolic link; refusing to replace it (give the path of the file itself)");
    }
    if let Some(doc) = inputs.iter().find(|d| store::same_file(d, output)) {
        bail!("{shown}: is the input document {}; refusing to overwrite it", doc.display());
    }
    store::check_writable(output)?;
    if !force {
        bail!("{shown}: already exists (use --force to replace it; the old file is kept as .bak)");
    }
    Ok(())
}
