//! Reading a WordprocessingML story (the document body, or the footnotes or endnotes part)
//! in order: paragraphs with their text, style, numbering and bold/italic runs, table rows
//! and cells, and note references, handed to a [`Story`] as they end.

use super::DocxError;
use super::styles::Styles;
use super::xml::{Node, XmlReader, attr, name, toggle};

/// A bold or italic stretch of a paragraph's text (byte offsets into it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Run {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) bold: bool,
    pub(super) italic: bool,
}

/// One paragraph as read.
#[derive(Debug, Default)]
pub(super) struct Para {
    pub(super) text: String,
    pub(super) runs: Vec<Run>,
    /// Paragraph style id.
    pub(super) style: Option<String>,
    /// Direct numbering: list instance (0 switches numbering off) and level.
    pub(super) num_id: Option<u32>,
    pub(super) level: Option<u8>,
    /// Direct outline level (0-based; 9 is body text).
    pub(super) outline: Option<u8>,
}

/// Footnote or endnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum NoteKind {
    Footnote,
    Endnote,
}

/// Receives a story's content in document order.
pub(super) trait Story {
    /// A paragraph ended.
    fn paragraph(&mut self, para: Para);
    /// A table row starts (rows of tables nested in a cell are not reported).
    fn row_start(&mut self) {}
    /// A cell of the current row starts.
    fn cell_start(&mut self) {}
    /// The current cell ends.
    fn cell_end(&mut self) {}
    /// The current row ends.
    fn row_end(&mut self) {}
    /// A reference to note `id`: returns the mark to write in the text.
    fn note_reference(&mut self, _kind: NoteKind, _id: &str) -> String {
        String::new()
    }
    /// Note `id` starts (in a footnotes or endnotes part).
    fn note_start(&mut self, _id: &str) {}
    /// The current note ends.
    fn note_end(&mut self) {}
}

/// Run properties as written on one run.
#[derive(Debug, Default, Clone)]
struct RunProps {
    bold: Option<bool>,
    italic: Option<bool>,
    style: Option<String>,
}

/// A paragraph being read.
#[derive(Default)]
struct Open {
    para: Para,
    run: RunProps,
}

/// Read story `xml` (part `part`) into `story`, using `styles` for bold and italic.
pub(super) fn read(xml: &str, part: &str, styles: &Styles, story: &mut impl Story) -> Result<(), DocxError> {
    let mut reader = XmlReader::new(xml, part);
    // Local names of the open elements and whether each is WordprocessingML.
    let mut path: Vec<(String, bool)> = Vec::new();
    let mut paras: Vec<Open> = Vec::new();
    let mut nested_tables = 0usize;
    let mut table_depth = 0usize;
    while let Some(node) = reader.next()? {
        let (e, open) = match node {
            Node::Open(e) => (e, true),
            Node::Leaf(e) => (e, false),
            Node::Close(_) => {
                let Some((local, w)) = path.pop() else { continue };
                if !w {
                    continue;
                }
                match local.as_str() {
                    "p" => {
                        if let Some(done) = paras.pop() {
                            story.paragraph(done.para);
                        }
                    }
                    "r" => {
                        if let Some(p) = paras.last_mut() {
                            p.run = RunProps::default();
                        }
                    }
                    "tbl" => {
                        if nested_tables > 0 {
                            nested_tables -= 1;
                        } else {
                            table_depth = table_depth.saturating_sub(1);
                        }
                    }
                    "tr" if nested_tables == 0 => story.row_end(),
                    "tc" if nested_tables == 0 => story.cell_end(),
                    "footnote" | "endnote" => story.note_end(),
                    _ => {}
                }
                continue;
            }
            Node::Text(t) => {
                if path.last().is_some_and(|(n, w)| *w && n == "t")
                    && let Some(p) = paras.last_mut()
                {
                    append(p, &t, styles);
                }
                continue;
            }
        };
        let local = name(&e).to_owned();
        let w = reader.is_w();
        if !w {
            // Alternate content: the Choice is read, the Fallback repeats it.
            if open && local == "Fallback" {
                reader.skip()?;
            } else if open {
                path.push((local, false));
            }
            continue;
        }
        let parent = path.last().map(|(n, _)| n.as_str());
        let grandparent = path.len().checked_sub(2).and_then(|i| path.get(i)).map(|(n, _)| n.as_str());
        match local.as_str() {
            // Deleted text, field instructions and content-control properties are not shown.
            "del" | "moveFrom" | "instrText" | "delText" | "sdtPr" | "sdtEndPr" | "rPrChange"
            | "pPrChange"
                if open =>
            {
                reader.skip()?;
                continue;
            }
            "footnote" | "endnote" if open => {
                let kind = attr(&e, "type").unwrap_or_default();
                if matches!(kind.as_str(), "separator" | "continuationSeparator" | "continuationNotice") {
                    reader.skip()?;
                    continue;
                }
                story.note_start(&attr(&e, "id").unwrap_or_default());
            }
            "p" => {
                if open {
                    paras.push(Open::default());
                } else {
                    story.paragraph(Para::default());
                }
            }
            "pStyle" if parent == Some("pPr") => {
                if let Some(p) = paras.last_mut() {
                    p.para.style = attr(&e, "val");
                }
            }
            "numId" if parent == Some("numPr") && grandparent == Some("pPr") => {
                if let Some(p) = paras.last_mut() {
                    p.para.num_id = attr(&e, "val").and_then(|v| v.trim().parse().ok());
                }
            }
            "ilvl" if parent == Some("numPr") && grandparent == Some("pPr") => {
                if let Some(p) = paras.last_mut() {
                    p.para.level = attr(&e, "val").and_then(|v| v.trim().parse().ok());
                }
            }
            "outlineLvl" if parent == Some("pPr") => {
                if let Some(p) = paras.last_mut() {
                    p.para.outline = attr(&e, "val").and_then(|v| v.trim().parse().ok());
                }
            }
            "b" | "i" | "rStyle" if parent == Some("rPr") && grandparent == Some("r") => {
                if let Some(p) = paras.last_mut() {
                    match local.as_str() {
                        "b" => p.run.bold = Some(toggle(&e)),
                        "i" => p.run.italic = Some(toggle(&e)),
                        _ => p.run.style = attr(&e, "val"),
                    }
                }
            }
            "tab" | "br" | "cr" | "noBreakHyphen" if parent == Some("r") => {
                let text = match local.as_str() {
                    "tab" => " ",
                    "noBreakHyphen" => "-",
                    "br" if attr(&e, "type").is_some_and(|t| t != "textWrapping") => "",
                    _ => "\n",
                };
                if let Some(p) = paras.last_mut() {
                    append(p, text, styles);
                }
            }
            "footnoteReference" | "endnoteReference" if parent == Some("r") => {
                let kind = if local == "footnoteReference" { NoteKind::Footnote } else { NoteKind::Endnote };
                let mark = story.note_reference(kind, &attr(&e, "id").unwrap_or_default());
                if let Some(p) = paras.last_mut() {
                    p.para.text.push_str(&mark);
                }
            }
            "tbl" if open => {
                if table_depth > 0 && in_cell(&path) {
                    nested_tables += 1;
                } else {
                    table_depth += 1;
                }
            }
            "tr" if open && nested_tables == 0 => story.row_start(),
            "tc" if open && nested_tables == 0 => story.cell_start(),
            _ => {}
        }
        if open {
            path.push((local, true));
        }
    }
    Ok(())
}

/// True when the innermost table element open is a cell (a table starting here is nested).
fn in_cell(path: &[(String, bool)]) -> bool {
    path.iter().rev().find(|(n, w)| *w && matches!(n.as_str(), "tc" | "tbl")).is_some_and(|(n, _)| n == "tc")
}

/// Append run text to a paragraph, recording it as bold or italic where it is.
fn append(open: &mut Open, text: &str, styles: &Styles) {
    if text.is_empty() {
        return;
    }
    let para = &mut open.para;
    let start = para.text.len();
    para.text.push_str(text);
    let end = para.text.len();
    let run_style = styles.get(open.run.style.as_deref());
    let para_style = styles.get(para.style.as_deref());
    let bold = open.run.bold.or(run_style.bold).or(para_style.bold).unwrap_or(false);
    let italic = open.run.italic.or(run_style.italic).or(para_style.italic).unwrap_or(false);
    if !bold && !italic {
        return;
    }
    match para.runs.last_mut() {
        Some(last) if last.end == start && last.bold == bold && last.italic == italic => last.end = end,
        _ => para.runs.push(Run { start, end, bold, italic }),
    }
}
