//! `stocktake set`: edit one recommendation and save.
//!
//! Safe to run while the window or another `set` has the session: it waits for the session
//! lock, loads, edits through the [`Editor`], and saves only if the file is still what it
//! loaded — so no edit is ever lost to a concurrent one.

use super::warn;
use anyhow::{Result, bail};
use clap::{ArgGroup, Args};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;
use stocktake::edit::{Command, RecField};
use stocktake::model::{Grade, Recommendation, Session, Stance};
use stocktake::workspace::{self, Conflict, Workspace};

/// Edit one recommendation (by label or id) and save atomically.
#[derive(Args)]
#[command(group(ArgGroup::new("which").required(true).args(["label", "id"])))]
#[command(group(ArgGroup::new("changes").required(true).multiple(true).args(["grade", "stance", "note", "owner"])))]
pub struct SetArgs {
    /// Session file.
    session: PathBuf,
    /// Recommendation label as printed (e.g. `B`, `R12`); refused when several share it.
    label: Option<String>,
    /// Recommendation id instead of a label (e.g. `r12`, as `check` and errors show).
    #[arg(long, conflicts_with = "label")]
    id: Option<String>,
    /// Grade for the current cycle: Blue, Green, Amber, Red or NotAssessed (or B, G, A, R, NA).
    #[arg(long, value_parser = parse_grade)]
    grade: Option<Grade>,
    /// Stance: Agreed, PartiallyAgreed, Noted, Disagreed or NotAnswered.
    #[arg(long, value_parser = parse_stance)]
    stance: Option<Stance>,
    /// Replace the reviewer's notes.
    #[arg(long)]
    note: Option<String>,
    /// Set the owner.
    #[arg(long)]
    owner: Option<String>,
    /// Save even though the file has fields or comments this Stocktake does not understand
    /// (they are dropped; the old file is kept as .bak).
    #[arg(long)]
    force: bool,
    /// Seconds to wait for another Stocktake (window or command) to release the session.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    wait: u64,
}

fn parse_grade(s: &str) -> Result<Grade, String> {
    let names: Vec<&str> = Grade::ALL.iter().map(|g| g.key()).collect();
    Grade::parse(s).ok_or_else(|| format!("unknown grade; use one of {}", names.join(", ")))
}

fn parse_stance(s: &str) -> Result<Stance, String> {
    let names: Vec<&str> = Stance::ALL.iter().map(|g| g.key()).collect();
    Stance::parse(s).ok_or_else(|| format!("unknown stance; use one of {}", names.join(", ")))
}

/// Run `set`, writing its output to `out`.
pub fn run(out: &mut String, a: SetArgs) -> Result<()> {
    let path = a.session.as_path();
    // The window's own open and save path: lock, fingerprint, unknown fields.
    let mut workspace = Workspace::default();
    workspace.install(workspace::open_session_only(path, Duration::from_secs(a.wait))?);
    let unknown = workspace.unknown_fields().to_vec();
    let session = workspace.session();
    let rec = match (&a.id, &a.label) {
        (Some(id), _) => find_by_id(session, id, path)?,
        (None, Some(label)) => find_by_label(session, label, path)?,
        (None, None) => bail!("give a recommendation label or --id"),
    };
    let (id, label) = (rec.id.clone(), rec.label.clone());

    let mut cmds = Vec::new();
    if let Some(grade) = a.grade {
        let cycle = session.current_cycle.clone();
        if !session.cycles.iter().any(|c| c.id == cycle) {
            bail!("{}: the current cycle {cycle:?} does not exist; run `stocktake check`", path.display());
        }
        cmds.push(Command::set(&id, RecField::Grade { cycle, grade: Some(grade) }));
    }
    if let Some(stance) = a.stance {
        cmds.push(Command::set(&id, RecField::Stance(Some(stance))));
    }
    if let Some(n) = a.note {
        cmds.push(Command::set(&id, RecField::Notes(n)));
    }
    if let Some(o) = a.owner {
        cmds.push(Command::set(&id, RecField::Owner(o)));
    }

    workspace.apply(Command::Batch(cmds))?;
    workspace.save_now_dropping(None, Conflict::Refuse, a.force)?;
    if a.force && !unknown.is_empty() {
        warn(&format!("{}: dropped {}", path.display(), unknown.join(", ")));
    }
    writeln!(out, "{}: updated {label} ({id})", path.display())?;
    Ok(())
}

/// The one recommendation with this id; a duplicated id is refused (an edit would land on
/// whichever came first).
fn find_by_id<'a>(session: &'a Session, id: &str, path: &Path) -> Result<&'a Recommendation> {
    let found: Vec<&Recommendation> = session.recommendations.iter().filter(|r| r.id == id).collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => bail!("{}: no recommendation with id {id:?}", path.display()),
        many => bail!(
            "{}: {} recommendations have the id {id:?}; fix the file first (`stocktake check` lists its problems)",
            path.display(),
            many.len()
        ),
    }
}

/// The one recommendation with this label; an ambiguous label is refused, listing the ids.
fn find_by_label<'a>(session: &'a Session, label: &str, path: &Path) -> Result<&'a Recommendation> {
    let found = session.recommendations_labelled(label);
    match found.as_slice() {
        [one] => find_by_id(session, &one.id, path),
        [] => bail!("{}: no recommendation labelled {label:?}", path.display()),
        many => {
            let candidates: Vec<String> = many
                .iter()
                .map(|r| match &r.section {
                    Some(section) => format!("{} (label {:?} in {section:?})", r.id, r.label),
                    None => format!("{} (label {:?})", r.id, r.label),
                })
                .collect();
            bail!(
                "{}: {} recommendations are labelled {label:?}: {}; say which with --id",
                path.display(),
                many.len(),
                candidates.join(", ")
            )
        }
    }
}
