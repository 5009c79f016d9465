//! Recommendations in tables: a header row naming a recommendation column, optionally an
//! id, a response and a status column; one recommendation per body row.

use super::labels;
use super::layout::Unit;
use super::{Evidence, Extracted, Span, kind, stance, text};
use crate::document::{BlockKind, SourceText};
use crate::model::RecommendationKind;

/// Confidence of a row under a column headed "Recommendation": the header says what it is.
const TABLE_CONFIDENCE: f32 = 0.9;
use regex::Regex;
use std::sync::LazyLock;

/// One cell: its text (trimmed, unescaped) and character range in the document.
struct Cell {
    text: String,
    start: usize,
    end: usize,
}

/// Split a `| a | b |` row (block text starting at char `start`) into cells.
fn cells(raw: &str, start: usize) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut chars = raw.char_indices().peekable();
    let mut cell_start: Option<usize> = None; // byte offset after the opening pipe
    let mut first = true;
    let mut cur = String::new();
    let push = |out: &mut Vec<Cell>, cur: &mut String, from: usize, to: usize| {
        let body = &raw[from..to];
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        let s = start + raw[..from + lead].chars().count();
        out.push(Cell { text: cur.trim().to_owned(), start: s, end: s + trimmed.chars().count() });
        cur.clear();
    };
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|&(_, n)| n == '|') => {
                cur.push('|');
                chars.next();
            }
            '|' => {
                if let Some(from) = cell_start {
                    push(&mut out, &mut cur, from, i);
                } else if !first {
                    // Row without a leading pipe: the text so far is the first cell.
                    push(&mut out, &mut cur, 0, i);
                }
                cell_start = Some(i + 1);
                first = false;
            }
            c => {
                if first && !c.is_whitespace() {
                    first = false;
                }
                cur.push(c);
            }
        }
    }
    let rest_from = cell_start.unwrap_or(0);
    if !raw[rest_from..].trim().is_empty() {
        push(&mut out, &mut cur, rest_from, raw.len());
    }
    out
}

static REC_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(recommendations?|conclusions?|recs?)\b")
        .unwrap_or_else(|_| unreachable!("constant pattern"))
});
static ID_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:no\.?|number|ref\.?|reference|id|#|item|para(?:graph)?)$|\b(?:no\.?|number|ref\.?|reference|id)$")
        .unwrap_or_else(|_| unreachable!("constant pattern"))
});
static RESPONSE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(response|reply|update|progress|commentary|comments?|narrative|position)\b")
        .unwrap_or_else(|_| unreachable!("constant pattern"))
});
static STATUS_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(status|rating|rag|grade|accepted|decision|agreed)\b")
        .unwrap_or_else(|_| unreachable!("constant pattern"))
});

/// Column roles of a table, from its header.
struct Columns {
    id: Option<usize>,
    rec: usize,
    response: Option<usize>,
    status: Option<usize>,
}

fn columns(header: &[Cell], body: &[Vec<Cell>]) -> Option<Columns> {
    let words = |col: usize| {
        let n = body.iter().filter(|r| r.get(col).is_some_and(|c| text::word_count(&c.text) >= 5)).count();
        n * 2 >= body.len().max(1)
    };
    let names: Vec<String> = header
        .iter()
        .map(|c| text::strip_emphasis_end(text::strip_emphasis_start(&c.text)).to_owned())
        .collect();
    let rec = (0..names.len())
        .find(|&i| REC_HEADER.is_match(&names[i]) && !ID_HEADER.is_match(&names[i]) && words(i))?;
    let id = (0..names.len()).find(|&i| i != rec && ID_HEADER.is_match(&names[i]));
    let response =
        (0..names.len()).find(|&i| i != rec && Some(i) != id && RESPONSE_HEADER.is_match(&names[i]));
    let status = (0..names.len())
        .find(|&i| i != rec && Some(i) != id && Some(i) != response && STATUS_HEADER.is_match(&names[i]));
    Some(Columns { id, rec, response, status })
}

/// Recommendations found in the tables among `units`.
pub(crate) fn extract(doc: &SourceText, units: &[Unit]) -> Vec<Extracted> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < units.len() {
        if units[i].kind != BlockKind::TableRow {
            i += 1;
            continue;
        }
        let first = i;
        while i < units.len()
            && units[i].kind == BlockKind::TableRow
            && (i == first || units[i].block == units[i - 1].block + 1)
        {
            i += 1;
        }
        let rows: Vec<(usize, Vec<Cell>)> = (first..i)
            .map(|k| (k, cells(doc.block_text(units[k].block), doc.byte_to_char(units[k].start))))
            .collect();
        let Some(((_, header), body)) = rows.split_first() else { continue };
        let body_cells: Vec<Vec<Cell>> = body
            .iter()
            .map(|(_, c)| {
                c.iter().map(|c| Cell { text: c.text.clone(), start: c.start, end: c.end }).collect()
            })
            .collect();
        let Some(cols) = columns(header, &body_cells) else { continue };
        for (row_index, (k, row)) in body.iter().enumerate() {
            let Some(rec_cell) = row.get(cols.rec) else { continue };
            if text::word_count(&rec_cell.text) < 3 {
                continue;
            }
            let content = text::strip_emphasis_start(&rec_cell.text);
            let printed = labels::at_start(content);
            let id = cols
                .id
                .and_then(|c| row.get(c))
                .map(|c| text::strip_emphasis_end(text::strip_emphasis_start(&c.text)).to_owned());
            let (label, printed_label) = match (&id, &printed) {
                (Some(id), _) if !id.is_empty() => (id.trim_end_matches(['.', ':']).to_owned(), true),
                (_, Some(m)) if !m.label.is_empty() => (m.label.clone(), true),
                _ => ((row_index + 1).to_string(), false),
            };
            let conclusion = printed.as_ref().is_some_and(|m| m.conclusion);
            let rec_text = match &printed {
                Some(m) => content[m.len..].to_owned(),
                None => content.to_owned(),
            };
            let rec_text = text::strip_emphasis_end(&rec_text).to_owned();
            let response = cols
                .response
                .and_then(|c| row.get(c))
                .filter(|c| !c.text.is_empty())
                .map(|c| Span { start: c.start, end: c.end, text: doc.slice(c.start, c.end).to_owned() });
            let status = cols.status.and_then(|c| row.get(c)).map(|c| c.text.as_str()).unwrap_or("");
            let suggestion =
                response.as_ref().and_then(|r| stance::suggest(&r.text)).or_else(|| stance::suggest(status));
            let unit = &units[*k];
            out.push(Extracted {
                label,
                printed_label,
                kind: if conclusion { RecommendationKind::Conclusion } else { kind::suggest(&rec_text) },
                start: doc.byte_to_char(unit.start),
                end: doc.byte_to_char(unit.end),
                paragraph_ref: super::paragraphs::back_reference(&rec_text),
                text: rec_text,
                response,
                section: None,
                suggested_stance: suggestion.as_ref().map(|s| s.0),
                stance_evidence: suggestion.map(|s| s.1),
                confidence: TABLE_CONFIDENCE,
                uncertain: TABLE_CONFIDENCE < super::CERTAIN,
                page: unit.page,
                evidence: vec![Evidence { feature: "table-recommendation-column", weight: 0.0 }],
                signature: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_cells_with_offsets() {
        let raw = "| R1 | Do \\| this |  |";
        let got = cells(raw, 10);
        let texts: Vec<&str> = got.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, vec!["R1", "Do | this", ""]);
        assert_eq!((got[0].start, got[0].end), (12, 14));
        assert_eq!((got[1].start, got[1].end), (17, 27));
    }
}
