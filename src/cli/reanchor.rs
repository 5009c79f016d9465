//! `stocktake reanchor`: find every passage of a session again in documents that changed,
//! report how each was found, and save the new positions as one change.

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use serde_json::json;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use stocktake::anchor::{Counts, Reanchored, reanchor};
use stocktake::edit::{Command, Editor};
use stocktake::{document, intake, store};

/// Re-anchor the passages of changed documents and save (atomically, one undo step).
#[derive(Args)]
pub struct ReanchorArgs {
    /// Session file.
    session: PathBuf,
    /// Only this document (its id in the session, e.g. `doc1`); default: every document.
    #[arg(long)]
    doc: Option<String>,
    /// Read the document's new text from this file (and record it as the document's path).
    #[arg(long)]
    to: Option<PathBuf>,
    /// Report only; do not save.
    #[arg(long)]
    dry_run: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReanchorFormat::Text)]
    format: ReanchorFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReanchorFormat {
    Text,
    Json,
}

/// Run `reanchor`, writing its output to `out`.
pub fn run(out: &mut String, args: ReanchorArgs) -> Result<()> {
    let path = &args.session;
    let (_lock, loaded) = super::load_for_edit(path)?;
    let session = loaded.session.clone();
    let ids: Vec<String> = match (&args.doc, &args.to) {
        (Some(id), _) => {
            if session.document(id).is_none() {
                let known: Vec<&str> = session.documents.iter().map(|d| d.id.as_str()).collect();
                bail!(
                    "{}: no document with id {id:?} (the session has {})",
                    path.display(),
                    known.join(", ")
                );
            }
            vec![id.clone()]
        }
        (None, Some(_)) if session.documents.len() != 1 => {
            bail!(
                "{}: the session has {} documents: say which one --to replaces with --doc",
                path.display(),
                session.documents.len()
            )
        }
        (None, _) => session.documents.iter().map(|d| d.id.clone()).collect(),
    };

    let never = AtomicBool::new(false);
    let mut results = Vec::new();
    for id in &ids {
        let Some(record) = session.document(id) else { continue };
        let file = match &args.to {
            Some(to) => to.clone(),
            None => store::resolve_from_session(&record.path, path),
        };
        let source = document::load(&file).with_context(|| format!("document {id}"))?;
        // The embedded copy is the text the passages were anchored in, if it is current.
        let old = record.embedded_text.as_deref().filter(|t| intake::sha256_hex(t) == record.sha256);
        let mut done = reanchor(&session, id, old, &source, &|_, _| {}, &never)?;
        if args.to.is_some() {
            done.document.path = store::relative_to_session(&file, path);
        }
        results.push(done);
    }

    match args.format {
        ReanchorFormat::Json => write_json(out, &results)?,
        ReanchorFormat::Text => write_text(out, &results)?,
    }
    let commands: Vec<Command> =
        results.into_iter().filter(Reanchored::needs_saving).map(Reanchored::into_command).collect();
    if args.dry_run || commands.is_empty() {
        return Ok(());
    }
    let mut editor = Editor::new(session, true);
    editor.apply(Command::Batch(commands), std::time::Instant::now())?;
    editor.set_modified(jiff::Timestamp::now());
    super::save_over(path, editor.session(), &loaded, false)?;
    if args.format == ReanchorFormat::Text {
        writeln!(out, "{}: saved", path.display())?;
    }
    Ok(())
}

/// Totals over every document.
fn total(results: &[Reanchored]) -> Counts {
    results.iter().fold(Counts::default(), |t, r| Counts {
        unchanged: t.unchanged + r.counts.unchanged,
        moved: t.moved + r.counts.moved,
        approximate: t.approximate + r.counts.approximate,
        orphaned: t.orphaned + r.counts.orphaned,
    })
}

/// `{"counts": {...}, "passages": [{"id", "kind", "old", "new", "how", "score"}]}`, offsets
/// in characters of the normalised texts.
fn write_json(out: &mut String, results: &[Reanchored]) -> Result<()> {
    let c = total(results);
    let passages: Vec<serde_json::Value> = results
        .iter()
        .flat_map(|r| &r.passages)
        .map(|p| {
            json!({
                "id": p.id,
                "kind": p.kind.name(),
                "old": [p.old.0, p.old.1],
                "new": p.new.map(|(s, e)| [s, e]),
                "how": p.how.name(),
                "score": (f64::from(p.score) * 1000.0).round() / 1000.0,
            })
        })
        .collect();
    let value = json!({
        "counts": {"unchanged": c.unchanged, "moved": c.moved, "approximate": c.approximate, "orphaned": c.orphaned},
        "passages": passages,
    });
    writeln!(out, "{}", serde_json::to_string(&value).context("serialising the result")?)?;
    Ok(())
}

/// One line of counts per document, then the passages the reviewer should look at.
fn write_text(out: &mut String, results: &[Reanchored]) -> Result<()> {
    for r in results {
        let c = r.counts;
        let state = if r.changed { "changed" } else { "unchanged" };
        writeln!(
            out,
            "{} ({state}): {} unchanged, {} moved, {} approximate, {} orphaned",
            r.document.id, c.unchanged, c.moved, c.approximate, c.orphaned
        )?;
        for p in r.needing_attention() {
            let quote: String = p.quote.chars().take(70).collect::<String>().replace('\n', " ");
            let what = if p.new.is_none() { "orphan" } else { "check" };
            writeln!(out, "  {what}: {} {} (score {:.2}): “{quote}”", p.kind.name(), p.id, p.score)?;
        }
    }
    Ok(())
}
