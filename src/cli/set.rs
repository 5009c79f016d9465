//! `stocktake set`: edit one recommendation and save.

use anyhow::{Context, Result, bail};
use clap::Args;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use stocktake::edit::{Command, RecField};
use stocktake::model::{Grade, Stance};
use stocktake::store;
use stocktake::workspace::{self, Conflict, Workspace};

/// Edit one recommendation and save atomically.
#[derive(Args)]
pub struct SetArgs {
    /// Session file.
    session: PathBuf,
    /// Recommendation label as printed (e.g. `B`, `R12`).
    label: String,
    /// Grade for the current cycle: Blue, Green, Amber, Red or NotAssessed.
    #[arg(long)]
    grade: Option<String>,
    /// Stance: Agreed, PartiallyAgreed, Noted, Disagreed, NotAnswered.
    #[arg(long)]
    stance: Option<String>,
    /// Replace the reviewer's notes.
    #[arg(long)]
    note: Option<String>,
    /// Set the owner.
    #[arg(long)]
    owner: Option<String>,
}

/// Run `set`, writing its output to `out`.
pub fn run(out: &mut String, a: SetArgs) -> Result<()> {
    set_cmd(out, &a.session, &a.label, a.grade.as_deref(), a.stance.as_deref(), a.note, a.owner)
}

fn set_cmd(
    out: &mut String,
    path: &Path,
    label: &str,
    grade: Option<&str>,
    stance: Option<&str>,
    note: Option<String>,
    owner: Option<String>,
) -> Result<()> {
    let session = store::load(path)?;
    let rec = session
        .recommendation_by_label(label)
        .with_context(|| format!("{}: no recommendation labelled {label:?}", path.display()))?;
    let id = rec.id.clone();
    let mut cmds = Vec::new();
    if let Some(g) = grade {
        let g = Grade::parse(g)
            .with_context(|| format!("unknown grade {g:?} (use Blue, Green, Amber, Red or NotAssessed)"))?;
        let cycle = session.current_cycle.clone();
        cmds.push(Command::set(&id, RecField::Grade { cycle, grade: Some(g) }));
    }
    if let Some(s) = stance {
        let s = Stance::parse(s).with_context(|| {
            format!("unknown stance {s:?} (use Agreed, PartiallyAgreed, Noted, Disagreed or NotAnswered)")
        })?;
        cmds.push(Command::set(&id, RecField::Stance(Some(s))));
    }
    if let Some(n) = note {
        cmds.push(Command::set(&id, RecField::Notes(n)));
    }
    if let Some(o) = owner {
        cmds.push(Command::set(&id, RecField::Owner(o)));
    }
    if cmds.is_empty() {
        bail!("nothing to set: give --grade, --stance, --note or --owner");
    }
    let mut workspace = Workspace::default();
    workspace.install(workspace::open_session_only(path)?);
    workspace.apply(Command::Batch(cmds))?;
    workspace.save_now(None, Conflict::Refuse)?;
    writeln!(out, "{}: updated {label}", path.display())?;
    Ok(())
}
