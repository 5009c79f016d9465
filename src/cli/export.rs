//! `stocktake export`: a Markdown or HTML report, or a CSV or XLSX tracker.

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use stocktake::report::{self, ExportFormat, ReportInput};
use stocktake::{intake, store};

/// Export the review: a report (md, html) or a tracker (csv, xlsx). Written atomically, 0600.
#[derive(Args)]
pub struct ExportArgs {
    /// Session file.
    session: PathBuf,
    /// What to write; by default the output file's extension decides.
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Where to write it.
    #[arg(short, long)]
    output: PathBuf,
    /// The cycle to report (id or label); by default the current one.
    #[arg(long)]
    cycle: Option<String>,
    /// Replace an existing file.
    #[arg(long)]
    force: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Md,
    Html,
    Csv,
    Xlsx,
}

impl From<FormatArg> for ExportFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Md => ExportFormat::Markdown,
            FormatArg::Html => ExportFormat::Html,
            FormatArg::Csv => ExportFormat::Csv,
            FormatArg::Xlsx => ExportFormat::Xlsx,
        }
    }
}

/// Run `export`, writing its output to `out`.
pub fn run(out: &mut String, args: ExportArgs) -> Result<()> {
    let format = match args.format {
        Some(f) => ExportFormat::from(f),
        None => ExportFormat::from_path(&args.output).with_context(|| {
            format!("{}: say which format with --format md|html|csv|xlsx", args.output.display())
        })?,
    };
    if same_file(&args.session, &args.output) {
        bail!("{}: that is the session itself; choose another output file", args.output.display());
    }
    if args.output.exists() && !args.force {
        bail!("{}: already exists (use --force to replace it)", args.output.display());
    }
    let session = store::load(&args.session)?.session;
    let cycle = match &args.cycle {
        Some(wanted) => report::find_cycle(&session, wanted)?.id.clone(),
        None => session.current_cycle.clone(),
    };
    // The documents give evidence quotes their page numbers; a missing one only loses those.
    let mut absolute = session.clone();
    stocktake::workspace::absolutise(&mut absolute, &args.session);
    let documents = intake::load_documents(&absolute, &stocktake::job::Progress::default());
    let mut input = ReportInput::new(&session, jiff::Zoned::now().date());
    input.cycle = cycle;
    input.documents = documents.iter().map(|d| (d.id.as_str(), &d.source)).collect();
    report::export(&input, format, &args.output)?;
    writeln!(
        out,
        "{}: {} of {} recommendations ({})",
        args.output.display(),
        format.extension(),
        session.recommendations.len(),
        report::CycleRef::of(&session, &input.cycle).describe()
    )?;
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
