//! The `stocktake` command: with no subcommand it opens the GUI; subcommands do headless work.

mod cli;

#[cfg(not(feature = "gui"))]
use anyhow::bail;
use anyhow::{Context, Result};
use clap::{CommandFactory, Parser, Subcommand};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Stocktake: review how recommendations were answered and implemented. Offline.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
    /// Session (.ron) or documents (.md, .txt, .html, .docx) to open; none opens the sample session.
    paths: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Cmd {
    Extract(cli::extract::ExtractArgs),
    New(cli::new::NewArgs),
    Check(cli::check::CheckArgs),
    Reanchor(cli::reanchor::ReanchorArgs),
    Set(cli::set::SetArgs),
    Summary(cli::summary::SummaryArgs),
    Text(cli::text::TextArgs),
    Props(Box<cli::props::PropsArgs>),
    Cycle(cli::cycle::CycleArgs),
    ImportTracker(cli::import_tracker::ImportTrackerArgs),
    Export(cli::export::ExportArgs),
    Compare(cli::compare::CompareArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => {
            refuse_unknown_command(&cli.paths);
            open_window(cli.paths)
        }
        Some(cmd) => run(cmd),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            cli::print_error(&e);
            ExitCode::from(1)
        }
    }
}

/// `stocktake text x.pdf` where there is no `text` subcommand: a first argument that names
/// no file and looks like a word is a mistyped command, not a file to open (exit 2).
fn refuse_unknown_command(paths: &[PathBuf]) {
    let Some(first) = paths.first() else { return };
    let word = first.to_str().is_some_and(|w| {
        !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    });
    if word && !first.exists() {
        let name = stocktake::text::escape_for_terminal(&first.to_string_lossy()).into_owned();
        Cli::command()
            .error(
                clap::error::ErrorKind::InvalidSubcommand,
                format!("unknown command '{name}' (and no file of that name); see --help for the commands"),
            )
            .exit();
    }
}

/// Open the window on `paths` (none: the sample review).
#[cfg(feature = "gui")]
fn open_window(paths: Vec<PathBuf>) -> Result<()> {
    stocktake::ui::run(paths)
}

/// This build has no window: say so, and point at the subcommands.
#[cfg(not(feature = "gui"))]
fn open_window(_paths: Vec<PathBuf>) -> Result<()> {
    bail!(
        "this build of Stocktake has no window (built without the `gui` feature); use a subcommand, see --help"
    )
}

/// Print command output (control characters escaped); a closed pipe
/// (`stocktake extract … | head`) is not an error.
fn emit(text: &str) -> Result<()> {
    let text = stocktake::text::escape_for_terminal(text);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to standard output"),
    }
}

/// Run a subcommand; what it wrote is printed even when it then fails (`check` lists the
/// problems it found, then exits 1).
fn run(cmd: Cmd) -> Result<()> {
    let mut out = String::new();
    let result = match cmd {
        Cmd::Extract(args) => cli::extract::run(&mut out, args),
        Cmd::New(args) => cli::new::run(&mut out, args),
        Cmd::Check(args) => cli::check::run(&mut out, args),
        Cmd::Reanchor(args) => cli::reanchor::run(&mut out, args),
        Cmd::Set(args) => cli::set::run(&mut out, args),
        Cmd::Summary(args) => cli::summary::run(&mut out, args),
        Cmd::Text(args) => cli::text::run(&mut out, args),
        Cmd::Props(args) => cli::props::run(&mut out, *args),
        Cmd::Cycle(args) => cli::cycle::run(&mut out, args),
        Cmd::ImportTracker(args) => cli::import_tracker::run(&mut out, args),
        Cmd::Export(args) => cli::export::run(&mut out, args),
        Cmd::Compare(args) => cli::compare::run(&mut out, args),
    };
    emit(&out)?;
    result
}
