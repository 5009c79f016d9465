//! `stocktake check`: load and validate a session.

use anyhow::Result;
use clap::Args;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use stocktake::model::Grade;
use stocktake::{intake, report, store};

/// Load and validate a session; print a one-line summary.
#[derive(Args)]
pub struct CheckArgs {
    /// Session file.
    session: PathBuf,
}

/// Run `check`, writing its output to `out`.
pub fn run(out: &mut String, args: CheckArgs) -> Result<()> {
    check_cmd(out, &args.session)
}

fn check_cmd(out: &mut String, path: &Path) -> Result<()> {
    let mut session = store::load(path)?;
    stocktake::workspace::absolutise(&mut session, path);
    let docs = intake::load_documents(&session, &stocktake::job::Progress::default());
    let mut problems = Vec::new();
    for d in &docs {
        match &d.status {
            intake::DocumentStatus::Ok => {}
            intake::DocumentStatus::Changed => {
                let found = stocktake::anchor::reanchor_document(&session, &d.id, &d.source);
                let mut p = format!(
                    "document {} changed since the session was made ({} passages moved; open it in the app to re-anchor)",
                    d.id, found.moved
                );
                if !found.orphans.is_empty() {
                    p += &format!("; not found: {}", found.orphans.join(", "));
                }
                problems.push(p)
            }
            intake::DocumentStatus::Embedded(e) => {
                problems.push(format!("using embedded copy of {}: {e}", d.id))
            }
            intake::DocumentStatus::Missing(e) => problems.push(format!("document {} missing: {e}", d.id)),
        }
    }
    let sum = report::Summary::of(&session);
    let graded = sum.total - sum.grades.get(Grade::NotAssessed.key()).copied().unwrap_or(0);
    writeln!(
        out,
        "{}: ok: {:?}, {} documents, {} recommendations ({} graded), {} annotations",
        path.display(),
        session.title,
        session.documents.len(),
        sum.total,
        graded,
        session.annotations.len()
    )?;
    for p in &problems {
        eprintln!("warning: {}: {p}", path.display());
    }
    Ok(())
}
