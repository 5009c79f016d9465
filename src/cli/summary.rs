//! `stocktake summary`: counts per grade and stance, the stock-take figures of a cycle and
//! the summary sentence.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::fmt::Write as _;
use stocktake::model::Session;
use stocktake::report::{self, Figures};
use stocktake::store;

/// Count recommendations per grade and stance; figures and the summary sentence of a cycle.
#[derive(Args)]
pub struct SummaryArgs {
    /// Session file.
    session: std::path::PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    format: SummaryFormat,
    /// The cycle to summarise (id or label); by default the current one.
    #[arg(long)]
    cycle: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum SummaryFormat {
    Text,
    Json,
}

/// Run `summary`, writing its output to `out`.
pub fn run(out: &mut String, args: SummaryArgs) -> Result<()> {
    let session = store::load(&args.session)?.session;
    let cycle = match &args.cycle {
        Some(wanted) => report::find_cycle(&session, wanted)?.id.clone(),
        None => session.current_cycle.clone(),
    };
    let sum = report::Summary::of_cycle(&session, &cycle);
    let figures = Figures::of(&session, &cycle, jiff::Zoned::now().date());
    let sentence = report::sentence(&session, &figures);
    match args.format {
        SummaryFormat::Json => {
            let mut value = serde_json::to_value(&sum).context("serialising summary")?;
            if let Some(obj) = value.as_object_mut() {
                obj.insert(
                    "cycle".into(),
                    serde_json::to_value(&figures.cycle).context("serialising cycle")?,
                );
                obj.insert("sentence".into(), sentence.into());
                obj.insert("figures".into(), serde_json::to_value(&figures).context("serialising figures")?);
            }
            writeln!(out, "{}", serde_json::to_string_pretty(&value).context("serialising summary")?)?;
        }
        SummaryFormat::Text => {
            writeln!(out, "{sentence}\n")?;
            out.push_str(&sum.to_text(&session));
            figures_text(out, &session, &figures)?;
        }
    }
    Ok(())
}

fn figures_text(out: &mut String, session: &Session, f: &Figures) -> Result<()> {
    for (heading, rows) in [("owner", &f.by_owner), ("theme", &f.by_theme)] {
        if rows.iter().all(|b| b.name.trim().is_empty()) {
            continue;
        }
        write!(out, "\nBy {heading}:\n  {:<24} {:>5}", "", "total")?;
        for g in &f.grades {
            write!(out, " {:>4}", g.letter)?;
        }
        out.push('\n');
        for b in rows {
            write!(out, "  {:<24} {:>5}", b.display_name(), b.total)?;
            for g in &b.grades {
                write!(out, " {:>4}", g.count)?;
            }
            out.push('\n');
        }
    }
    writeln!(out, "\nNot yet reviewed: {}", f.not_reviewed.count)?;
    writeln!(out, "Carried over, not confirmed: {}", f.carried_over.count)?;
    let overdue = if f.overdue_labels.is_empty() {
        String::new()
    } else {
        format!(" ({})", f.overdue_labels.join(", "))
    };
    writeln!(out, "Overdue as of {}: {}{overdue}", f.as_of, f.overdue.count)?;
    if let Some(change) = &f.change {
        writeln!(out, "\nChange since {}:", change.from.label)?;
        out.push_str(&change.to_text(session));
    }
    Ok(())
}
