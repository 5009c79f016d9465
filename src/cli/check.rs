//! `stocktake check`: load and validate a session.

use super::warn;
use anyhow::{Result, bail};
use clap::Args;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use stocktake::model::Grade;
use stocktake::{intake, report, store};

/// Load and validate a session: a one-line summary, then every problem found; exits 1 when
/// there are problems. Missing or changed documents and fields this build does not
/// understand are warnings.
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
    let loaded = store::load(path)?;
    let mut absolute = loaded.session.clone();
    stocktake::workspace::absolutise(&mut absolute, path);
    let docs = intake::load_documents(&absolute, &stocktake::job::Progress::default());
    let session = &loaded.session;
    let mut warnings = Vec::new();
    if !loaded.unknown.is_empty() {
        warnings.push(format!(
            "this Stocktake does not understand (a save would drop them): {}",
            loaded.unknown.join(", ")
        ));
    }
    // Anchors are checked against the real text of every document that is as it was.
    let mut lengths = Vec::new();
    for d in &docs {
        match &d.status {
            intake::DocumentStatus::Ok => lengths.push((d.id.as_str(), d.source.char_len())),
            intake::DocumentStatus::Changed => {
                let found = stocktake::anchor::reanchor_document(session, &d.id, &d.source);
                let mut p = format!(
                    "document {} changed since the session was made ({} passages moved; open it in the app to re-anchor)",
                    d.id, found.moved
                );
                if !found.orphans.is_empty() {
                    p += &format!("; not found: {}", found.orphans.join(", "));
                }
                warnings.push(p)
            }
            intake::DocumentStatus::Embedded(e) => {
                warnings.push(format!("using embedded copy of {}: {e}", d.id))
            }
            intake::DocumentStatus::Missing(e) => warnings.push(format!("document {} missing: {e}", d.id)),
        }
    }
    let problems = session.validate_against(&lengths);

    let sum = report::Summary::of(session);
    let graded = sum.total - sum.grades.get(Grade::NotAssessed.key()).copied().unwrap_or(0);
    let verdict = if problems.is_empty() { "ok" } else { "PROBLEMS" };
    writeln!(
        out,
        "{}: {verdict}: {:?}, {} documents, {} recommendations ({} graded), {} annotations",
        path.display(),
        session.title,
        session.documents.len(),
        sum.total,
        graded,
        session.annotations.len()
    )?;
    for p in &problems {
        writeln!(out, "problem: {p}")?;
    }
    for w in &warnings {
        warn(&format!("{}: {w}", path.display()));
    }
    if !problems.is_empty() {
        let n = problems.len();
        bail!("{}: {n} problem{} found (listed above)", path.display(), if n == 1 { "" } else { "s" });
    }
    Ok(())
}
