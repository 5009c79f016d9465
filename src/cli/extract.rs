//! `stocktake extract`: the recommendations found in a document, with their confidence and
//! the evidence for it; steered by examples (`--like`, `--unlike`); or a report matched to
//! its response (`--response`).

use anyhow::{Context, Result, anyhow};
use clap::{Args, ValueEnum};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use stocktake::document::{self, SourceText};
use stocktake::extract::matching::{Matched, match_documents};
use stocktake::extract::{self, Extracted, Extraction, Guidance, teach};
use stocktake::model::Stance;

/// Find the recommendations in a document and print them.
#[derive(Args)]
pub struct ExtractArgs {
    /// Document to read (.md, .txt, .html, .docx, .pdf).
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
    format: ExtractFormat,
    /// Show each item's confidence and the evidence that made it.
    #[arg(long)]
    explain: bool,
    /// Opening words of one recommendation: keep every item that looks like it (repeatable).
    #[arg(long, value_name = "TEXT")]
    like: Vec<String>,
    /// Opening words of one false find: drop it and every item that looks like it (repeatable).
    #[arg(long, value_name = "TEXT")]
    unlike: Vec<String>,
    /// The response to FILE (a report): match the two and print each recommendation once,
    /// with its text from the report and its reply from the response.
    #[arg(long, value_name = "RESPONSE")]
    response: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Table,
    Json,
}

/// Run `extract`, writing its output to `out`.
pub fn run(out: &mut String, args: ExtractArgs) -> Result<()> {
    let source = document::load(&args.file)?;
    let guidance = guidance(&source, &args)?;
    let found = extract::extract_guided(&source, &guidance);
    if let Some(response_path) = &args.response {
        let response_doc = document::load(response_path)?;
        let response = extract::extract(&response_doc);
        let matched = match_documents(&found, &response);
        return print_matched(out, &args, response_path, &matched);
    }
    match args.format {
        ExtractFormat::Json => print_json(out, &args, &found),
        ExtractFormat::Table => print_table(out, &args, &found),
    }
}

/// The examples given on the command line, located in the document.
fn guidance(source: &SourceText, args: &ExtractArgs) -> Result<Guidance> {
    let find = |words: &String| {
        teach::locate(source, words)
            .ok_or_else(|| anyhow!("{}: no text starts with {words:?}", args.file.display()))
    };
    Ok(Guidance {
        like: args.like.iter().map(find).collect::<Result<_>>()?,
        unlike: args.unlike.iter().map(find).collect::<Result<_>>()?,
    })
}

fn print_json(out: &mut String, args: &ExtractArgs, found: &Extraction) -> Result<()> {
    let mut value = serde_json::to_value(found).context("serialising extraction")?;
    if let Some(obj) = value.as_object_mut() {
        obj.insert("document".into(), args.file.display().to_string().into());
        obj.insert("uncertain".into(), found.uncertain_count().into());
        if args.explain
            && let Some(recs) = obj.get_mut("recommendations").and_then(|r| r.as_array_mut())
        {
            for (v, item) in recs.iter_mut().zip(&found.recommendations) {
                if let Some(o) = v.as_object_mut() {
                    o.insert(
                        "evidence".into(),
                        serde_json::to_value(&item.evidence).context("serialising evidence")?,
                    );
                }
            }
        }
    }
    writeln!(out, "{}", serde_json::to_string_pretty(&value).context("serialising extraction")?)?;
    Ok(())
}

/// The first words of a text, on one line.
fn opening(text: &str, words: usize) -> String {
    text.split_whitespace().take(words).collect::<Vec<_>>().join(" ")
}

/// "0.93" or "0.61?" (uncertain).
fn confidence(item: &Extracted) -> String {
    format!("{:.2}{}", item.confidence, if item.uncertain { "?" } else { "" })
}

/// "end-code +3.50, outside-recommendation-sections -2.10, …".
fn evidence(item: &Extracted) -> String {
    item.evidence
        .iter()
        .take(8)
        .map(
            |e| {
                if e.weight == 0.0 { e.feature.to_owned() } else { format!("{} {:+.2}", e.feature, e.weight) }
            },
        )
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_table(out: &mut String, args: &ExtractArgs, found: &Extraction) -> Result<()> {
    writeln!(
        out,
        "{:<8} {:<5} {:>5} {:>8} {:>8}  {:<12} TEXT",
        "LABEL", "KIND", "CONF", "START", "REPLY", "STANCE?"
    )?;
    for r in &found.recommendations {
        let reply = r.response.as_ref().map_or("-".to_string(), |s| s.start.to_string());
        let stance = r.suggested_stance.map_or("-", Stance::key);
        writeln!(
            out,
            "{:<8} {:<5} {:>5} {:>8} {:>8}  {:<12} {}",
            r.label,
            r.kind.short(),
            confidence(r),
            r.start,
            reply,
            stance,
            opening(&r.text, 10)
        )?;
        if args.explain {
            writeln!(out, "         evidence: {}", evidence(r))?;
            if let Some(sentence) = &r.stance_evidence {
                writeln!(out, "         stance from: {}", opening(sentence, 24))?;
            }
        }
    }
    writeln!(
        out,
        "{} recommendations ({} uncertain), {} numbered paragraphs in {}",
        found.recommendations.len(),
        found.uncertain_count(),
        found.paragraphs.len(),
        args.file.display()
    )?;
    Ok(())
}

fn print_matched(out: &mut String, args: &ExtractArgs, response: &Path, matched: &[Matched]) -> Result<()> {
    match args.format {
        ExtractFormat::Json => {
            let value = serde_json::json!({
                "report": args.file.display().to_string(),
                "response": response.display().to_string(),
                "recommendations": matched,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&value).context("serialising matches")?)?;
        }
        ExtractFormat::Table => {
            writeln!(out, "{:<8} {:<10} {:<12} {:<40} REPLY", "LABEL", "MATCHED", "STANCE?", "TEXT")?;
            for m in matched {
                let by = format!("{:?}", m.by).to_lowercase();
                let stance = m.suggested_stance.map_or("-", Stance::key);
                let reply =
                    m.reply.as_ref().map_or_else(|| "not answered".to_owned(), |s| opening(&s.text, 8));
                writeln!(
                    out,
                    "{:<8} {:<10} {:<12} {:<40} {}",
                    m.label,
                    by,
                    stance,
                    opening(&m.text, 6),
                    reply
                )?;
            }
            let unanswered = matched.iter().filter(|m| m.not_answered()).count();
            writeln!(
                out,
                "{} recommendations, {} not answered, in {} and {}",
                matched.len(),
                unanswered,
                args.file.display(),
                response.display()
            )?;
        }
    }
    Ok(())
}
