//! `stocktake new`: a session from documents.

use anyhow::{Result, bail};
use clap::Args;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use stocktake::job::Progress;
use stocktake::workspace::{self, Conflict, Workspace};

/// Create a session from documents, with their recommendations extracted.
#[derive(Args)]
pub struct NewArgs {
    /// A document to include (repeatable).
    #[arg(long = "doc", required = true)]
    docs: Vec<PathBuf>,
    /// Where to write the session.
    #[arg(short, long)]
    output: PathBuf,
    /// Overwrite an existing session file.
    #[arg(long)]
    force: bool,
}

/// Run `new`, writing its output to `out`.
pub fn run(out: &mut String, args: NewArgs) -> Result<()> {
    new_cmd(out, &args.docs, &args.output, args.force)
}

fn new_cmd(out: &mut String, docs: &[PathBuf], output: &Path, force: bool) -> Result<()> {
    if output.exists() && !force {
        bail!(
            "{}: already exists (use --force to replace it; the old file is kept as .bak)",
            output.display()
        );
    }
    let mut workspace = Workspace::default();
    workspace.install(workspace::new_from_documents(docs, &Progress::default())?);
    workspace.save_now(Some(output), Conflict::Refuse)?;
    let session = workspace.session();
    writeln!(
        out,
        "{}: new session with {} documents and {} recommendations",
        output.display(),
        session.documents.len(),
        session.recommendations.len()
    )?;
    Ok(())
}
