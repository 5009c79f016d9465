//! `stocktake extract`: the recommendations found in a document.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use stocktake::model::Stance;
use stocktake::{document, extract};

/// Find the recommendations in a document and print them.
#[derive(Args)]
pub struct ExtractArgs {
    /// Document to read (.md, .txt, .html, .docx, .pdf).
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
    format: ExtractFormat,
    /// Say which rule matched each item.
    #[arg(long)]
    explain: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Table,
    Json,
}

/// Run `extract`, writing its output to `out`.
pub fn run(out: &mut String, args: ExtractArgs) -> Result<()> {
    extract_cmd(out, &args.file, args.format, args.explain)
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
