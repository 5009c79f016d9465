//! `stocktake text`: what the importer understood of a document — its normalised text, or
//! (json) its blocks with their kinds, depth, numbers, pages, cells and ranges, its inline
//! styles and its pages.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;
use stocktake::document::{self, Block, BlockKind, PageStart, SourceText, StyleRun};

/// Print a document's normalised text, or its block model as JSON.
#[derive(Args)]
pub struct TextArgs {
    /// Document to read (.md, .txt, .html, .docx…).
    file: PathBuf,
    /// Output format: the text itself, or the blocks, styles and pages as JSON.
    #[arg(long, value_enum, default_value_t = TextFormat::Txt)]
    format: TextFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum TextFormat {
    Txt,
    Json,
}

/// One block as printed: its ranges and structure, and its text for reading.
#[derive(Serialize)]
struct BlockOut<'a> {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<u8>,
    start: usize,
    end: usize,
    content_start: usize,
    depth: u8,
    number: Option<&'a str>,
    page: Option<u32>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    cells: &'a [(usize, usize)],
    text: &'a str,
}

/// The whole model as printed.
#[derive(Serialize)]
struct DocumentOut<'a> {
    document: String,
    chars: usize,
    text: &'a str,
    blocks: Vec<BlockOut<'a>>,
    styles: &'a [StyleRun],
    pages: &'a [PageStart],
}

/// The name of a block kind in the JSON (`heading`, `paragraph`, `list_item`…).
fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Heading { .. } => "heading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::ListItem => "list_item",
        BlockKind::Quote => "quote",
        BlockKind::TableRow => "table_row",
        BlockKind::Footnote => "footnote",
    }
}

fn block_out<'a>(source: &'a SourceText, block: &'a Block) -> BlockOut<'a> {
    BlockOut {
        kind: kind_name(block.kind),
        level: match block.kind {
            BlockKind::Heading { level } => Some(level),
            _ => None,
        },
        start: block.start,
        end: block.end,
        content_start: block.content_start,
        depth: block.depth,
        number: block.number.as_deref(),
        page: block.page,
        cells: &block.cells,
        text: source.slice(block.start, block.end),
    }
}

/// Run `text`, writing its output to `out`.
pub fn run(out: &mut String, args: TextArgs) -> Result<()> {
    let source = document::load(&args.file)?;
    match args.format {
        TextFormat::Txt => {
            out.push_str(&escape_controls(&source.text));
            if !source.text.ends_with('\n') && !source.text.is_empty() {
                out.push('\n');
            }
        }
        TextFormat::Json => {
            let doc = DocumentOut {
                document: args.file.display().to_string(),
                chars: source.char_len(),
                text: &source.text,
                blocks: source.blocks.iter().map(|b| block_out(&source, b)).collect(),
                styles: &source.styles,
                pages: &source.pages,
            };
            let json = serde_json::to_string_pretty(&doc).context("serialising the document")?;
            writeln!(out, "{}", escape_json_controls(&json))?;
        }
    }
    Ok(())
}

/// True for characters a terminal may act on rather than show: C0 controls other than
/// newline and tab, DEL, C1 controls, and the bidirectional overrides that reorder text.
fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Text for a terminal: every dangerous character written as a visible `\u{…}` escape.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(is_dangerous) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_dangerous(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// JSON for a terminal: serde_json escapes C0 controls but writes C1 controls and bidi
/// overrides raw; write those as `\uXXXX` (still valid JSON, same string).
fn escape_json_controls(json: &str) -> String {
    if !json.chars().any(is_dangerous) {
        return json.to_owned();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_dangerous(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_act_on() {
        assert_eq!(escape_controls("plain\n\ttext"), "plain\n\ttext");
        assert_eq!(escape_controls("a\u{1b}]0;title\u{7}b"), "a\\u{1b}]0;title\\u{7}b");
        assert_eq!(escape_controls("\u{9b}31m \u{202e}x"), "\\u{9b}31m \\u{202e}x");
        assert_eq!(escape_json_controls("\"\u{9b}\""), "\"\\u009b\"");
    }
}
