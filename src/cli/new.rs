//! `stocktake new`: a session from documents.

use anyhow::{Result, bail};
use clap::Args;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;
use stocktake::intake;
use stocktake::store::{self, SaveOptions, SessionLock};

/// How long `new --force` waits for a window or command that has the old session open.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Create a session from documents, with their recommendations extracted.
#[derive(Args)]
pub struct NewArgs {
    /// A document to include (repeatable).
    #[arg(long = "doc", required = true)]
    docs: Vec<PathBuf>,
    /// Where to write the session.
    #[arg(short, long)]
    output: PathBuf,
    /// Replace an existing session file (the old one is kept as .bak).
    #[arg(long)]
    force: bool,
}

/// Run `new`, writing its output to `out`.
pub fn run(out: &mut String, args: NewArgs) -> Result<()> {
    new_cmd(out, &args.docs, &args.output, args.force)
}

fn new_cmd(out: &mut String, docs: &[PathBuf], output: &Path, force: bool) -> Result<()> {
    refuse_unsafe_output(docs, output, force)?;
    let _lock = SessionLock::acquire(output, LOCK_WAIT)?;
    let session = intake::new_session(docs, output, jiff::Timestamp::now())?;
    // The file may have appeared or changed while the documents were read.
    refuse_unsafe_output(docs, output, force)?;
    store::save(&session, output, &SaveOptions::default())?;
    writeln!(
        out,
        "{}: new session with {} documents and {} recommendations",
        output.display(),
        session.documents.len(),
        session.recommendations.len()
    )?;
    Ok(())
}

/// Refuse, before any work, an output that must not be written: an existing file without
/// `--force`, and even with it a symbolic link, a non-regular or read-only file, or one of
/// the input documents.
fn refuse_unsafe_output(docs: &[PathBuf], output: &Path, force: bool) -> Result<()> {
    let shown = output.display();
    let Ok(meta) = std::fs::symlink_metadata(output) else {
        store::check_writable(output)?;
        return Ok(());
    };
    if meta.file_type().is_symlink() {
        bail!("{shown}: is a symbolic link; refusing to replace it (give the path of the file itself)");
    }
    if let Some(doc) = docs.iter().find(|d| store::same_file(d, output)) {
        bail!("{shown}: is the input document {}; refusing to overwrite it", doc.display());
    }
    store::check_writable(output)?;
    if !force {
        bail!("{shown}: already exists (use --force to replace it; the old file is kept as .bak)");
    }
    Ok(())
}
