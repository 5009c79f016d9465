//! The `stocktake` command: with no subcommand it opens the GUI; subcommands do headless work.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use stocktake::edit::{Command, Editor, RecField};
use stocktake::model::{Grade, Stance};
use stocktake::{document, extract, intake, report, store};

/// Stocktake: review how recommendations were answered and implemented. Offline.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
    /// Session (.ron) or documents (.md, .txt, .html) to open; none opens the sample session.
    paths: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Find the recommendations in a document and print them.
    Extract {
        /// Document to read (.md, .txt, .html).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
        format: ExtractFormat,
        /// Say which rule matched each item.
        #[arg(long)]
        explain: bool,
    },
    /// Create a session from documents, with their recommendations extracted.
    New {
        /// A document to include (repeatable).
        #[arg(long = "doc", required = true)]
        docs: Vec<PathBuf>,
        /// Where to write the session.
        #[arg(short, long)]
        output: PathBuf,
        /// Overwrite an existing session file.
        #[arg(long)]
        force: bool,
    },
    /// Load and validate a session; print a one-line summary.
    Check {
        /// Session file.
        session: PathBuf,
    },
    /// Edit one recommendation and save atomically.
    Set {
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
    },
    /// Count recommendations per grade and stance.
    Summary {
        /// Session file.
        session: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
        format: SummaryFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum SummaryFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => stocktake::ui::run(cli.paths),
        Some(cmd) => run(cmd),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stocktake: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Print command output; a closed pipe (`stocktake extract … | head`) is not an error.
fn emit(text: &str) -> Result<()> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to standard output"),
    }
}

fn run(cmd: Cmd) -> Result<()> {
    let mut out = String::new();
    run_into(cmd, &mut out)?;
    emit(&out)
}

fn run_into(cmd: Cmd, out: &mut String) -> Result<()> {
    match cmd {
        Cmd::Extract { file, format, explain } => extract_cmd(out, &file, format, explain),
        Cmd::New { docs, output, force } => new_cmd(out, &docs, &output, force),
        Cmd::Check { session } => check_cmd(out, &session),
        Cmd::Set { session, label, grade, stance, note, owner } => {
            set_cmd(out, &session, &label, grade.as_deref(), stance.as_deref(), note, owner)
        }
        Cmd::Summary { session, format } => summary_cmd(out, &session, format),
    }
}

fn extract_cmd(out: &mut String, file: &Path, format: ExtractFormat, explain: bool) -> Result<()> {
    let source = document::load(file)?;
    let found = extract::extract(&source);
    match format {
        ExtractFormat::Json => {
            let mut value = serde_json::to_value(&found).context("serialising extraction")?;
            if let Some(obj) = value.as_object_mut() {
                obj.insert("document".into(), file.display().to_string().into());
                if explain && let Some(recs) = obj.get_mut("recommendations").and_then(|r| r.as_array_mut()) {
                    for (v, item) in recs.iter_mut().zip(&found.recommendations) {
                        if let Some(o) = v.as_object_mut() {
                            o.insert("rule".into(), item.rule.into());
                        }
                    }
                }
            }
            writeln!(out, "{}", serde_json::to_string_pretty(&value).context("serialising extraction")?)?;
        }
        ExtractFormat::Table => {
            writeln!(
                out,
                "{:<8} {:<5} {:>8} {:>8}  {:<12} TEXT",
                "LABEL", "KIND", "START", "REPLY", "STANCE?"
            )?;
            for r in &found.recommendations {
                let reply = r.response.as_ref().map_or("-".to_string(), |s| s.start.to_string());
                let stance = r.suggested_stance.map_or("-", Stance::key);
                let words: String = r.text.split_whitespace().take(10).collect::<Vec<_>>().join(" ");
                writeln!(
                    out,
                    "{:<8} {:<5} {:>8} {:>8}  {:<12} {}",
                    r.label,
                    r.kind.short(),
                    r.start,
                    reply,
                    stance,
                    words
                )?;
                if explain {
                    writeln!(out, "         rule: {}", r.rule)?;
                }
            }
            writeln!(
                out,
                "{} recommendations, {} numbered paragraphs in {}",
                found.recommendations.len(),
                found.paragraphs.len(),
                file.display()
            )?;
        }
    }
    Ok(())
}

fn new_cmd(out: &mut String, docs: &[PathBuf], output: &Path, force: bool) -> Result<()> {
    if output.exists() && !force {
        bail!(
            "{}: already exists (use --force to replace it; the old file is kept as .bak)",
            output.display()
        );
    }
    let session = intake::new_session(docs, output, jiff::Timestamp::now())?;
    store::save(&session, output)?;
    writeln!(
        out,
        "{}: new session with {} documents and {} recommendations",
        output.display(),
        session.documents.len(),
        session.recommendations.len()
    )?;
    Ok(())
}

fn check_cmd(out: &mut String, path: &Path) -> Result<()> {
    let session = store::load(path)?;
    let docs = intake::load_documents(&session, path);
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
    let mut editor = Editor::new(session, true);
    editor.apply(Command::Batch(cmds), std::time::Instant::now())?;
    editor.set_modified(jiff::Timestamp::now());
    store::save(editor.session(), path)?;
    writeln!(out, "{}: updated {label}", path.display())?;
    Ok(())
}

fn summary_cmd(out: &mut String, path: &Path, format: SummaryFormat) -> Result<()> {
    let session = store::load(path)?;
    let sum = report::Summary::of(&session);
    match format {
        SummaryFormat::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&sum).context("serialising summary")?)?;
        }
        SummaryFormat::Text => out.push_str(&sum.to_text(&session)),
    }
    Ok(())
}
