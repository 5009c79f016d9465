//! Bringing documents into a session: new sessions from documents, and loading the texts a
//! session refers to (checking their hashes, falling back to embedded copies).

pub mod by_hand;
pub mod tracker;

use crate::document::{self, DocumentError, Format, SourceText};
use crate::extract::{self, Extracted};
use crate::job::Progress;
use crate::model::{
    Anchor, Document, DocumentRole, IdAllocator, QUOTE_CONTEXT_CHARS, Recommendation, Session,
    StanceSuggestion, TextQuote,
};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// SHA-256 of a normalised text, as lowercase hex.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Guess a document's role from its name and contents.
fn guess_role(path: &Path, source: &SourceText, found: usize) -> DocumentRole {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let head: String = source.text.chars().take(2000).collect::<String>().to_lowercase();
    if name.contains("response") || head.contains("government response") || head.contains("response to") {
        DocumentRole::Response
    } else if name.contains("stock") || head.contains("stock-take") || head.contains("stocktake") {
        DocumentRole::StockTake
    } else if found > 0 || name.contains("report") {
        DocumentRole::Report
    } else {
        DocumentRole::Other
    }
}

/// The document's top heading near its start (else its first non-empty line), as its title.
fn guess_title(path: &Path, source: &SourceText) -> String {
    let top_heading = source
        .blocks
        .iter()
        .take(30)
        .filter_map(|b| match b.kind {
            document::BlockKind::Heading { level } => Some((level, b)),
            _ => None,
        })
        .min_by_key(|(level, _)| *level)
        .map(|(_, b)| source.slice(b.start, b.end));
    let from_text = top_heading
        .or_else(|| source.text.lines().find(|l| !l.trim().is_empty()))
        .map(|t| t.trim().trim_start_matches('#').trim().to_string());
    from_text
        .filter(|t| !t.is_empty() && t.chars().count() < 200)
        .unwrap_or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default())
}

/// Build a new session from documents: each is imported, its recommendations extracted and
/// anchored. Document paths are kept as given (the workspace makes them absolute first and
/// relative to the session file only when it writes it).
pub fn new_session(docs: &[PathBuf], now: jiff::Timestamp) -> Result<Session, DocumentError> {
    new_session_with_progress(docs, now, &Progress::default()).map(|(session, _)| session)
}

/// [`new_session`], reporting progress and stopping early when cancelled (the session is
/// then returned as far as it got; the caller checks `progress`), with the documents' texts
/// as read.
pub fn new_session_with_progress(
    docs: &[PathBuf],
    now: jiff::Timestamp,
    progress: &Progress,
) -> Result<(Session, Vec<LoadedDocument>), DocumentError> {
    let mut session = Session::new("", now);
    let mut loaded = Vec::with_capacity(docs.len());
    let mut ids = IdAllocator::new(&session);
    for (n, path) in docs.iter().enumerate() {
        if progress.is_cancelled() {
            break;
        }
        progress.begin(format!("Reading {} ({} of {})", file_name(path), n + 1, docs.len()), 0);
        let source = document::load(path)?;
        progress.begin(format!("Finding recommendations in {}", file_name(path)), 0);
        let extraction = extract::extract(&source);
        let doc_id = ids.next("doc");
        let title = guess_title(path, &source);
        if session.title.is_empty() {
            session.title = format!("Review of {title}");
        }
        for item in &extraction.recommendations {
            session.recommendations.push(recommendation_from(ids.next("r"), &doc_id, &source, item));
        }
        session.documents.push(Document {
            id: doc_id.clone(),
            title,
            role: guess_role(path, &source, extraction.recommendations.len()),
            path: path.clone(),
            sha256: sha256_hex(&source.text),
            length: source.char_len(),
            embedded_text: None,
        });
        loaded.push(LoadedDocument {
            id: doc_id,
            path: Some(path.clone()),
            source,
            status: DocumentStatus::Ok,
        });
    }
    Ok((session, loaded))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// A session recommendation from an extracted one, anchored into document `doc_id`.
pub fn recommendation_from(
    id: String,
    doc_id: &str,
    source: &SourceText,
    item: &Extracted,
) -> Recommendation {
    let mut rec = Recommendation::new(id, item.label.clone(), item.text.clone());
    rec.kind = item.kind;
    rec.section = item.section.clone();
    rec.source = Some(anchor_in(doc_id, source, item.start, item.end));
    rec.response = item.response.as_ref().map(|r| anchor_in(doc_id, source, r.start, r.end));
    rec.found_with = Some(item.confidence);
    rec.suggested_stance = item.suggested_stance.map(|stance| StanceSuggestion {
        stance,
        evidence: item.stance_evidence.clone().unwrap_or_default(),
    });
    rec
}

/// Anchor `start..end` of `source`: as [`Anchor::from_range`], but in time independent of
/// where the passage is (the character index finds its bytes directly).
pub fn anchor_in(doc_id: &str, source: &SourceText, start: usize, end: usize) -> Anchor {
    let end = end.max(start);
    let quote = TextQuote {
        exact: source.slice(start, end).to_owned(),
        prefix: source.slice(start.saturating_sub(QUOTE_CONTEXT_CHARS), start).to_owned(),
        suffix: source.slice(end, end.saturating_add(QUOTE_CONTEXT_CHARS)).to_owned(),
    };
    Anchor { document: doc_id.to_owned(), start, end, quote }
}

/// How a session's document was found when the session was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentStatus {
    /// Read from its path; the hash matches.
    Ok,
    /// Read from its path, but the text changed since the session was made.
    Changed,
    /// The file is missing or unreadable; the embedded copy is used.
    Embedded(String),
    /// The file is missing or unreadable and there is no embedded copy.
    Missing(String),
}

/// A session document with its text, ready to read.
#[derive(Debug)]
pub struct LoadedDocument {
    /// Id of the document in the session.
    pub id: String,
    /// The file the text was read from (None when it came from the session's embedded copy).
    pub path: Option<PathBuf>,
    /// The text and blocks (empty when missing).
    pub source: SourceText,
    /// How it was found.
    pub status: DocumentStatus,
}

/// Load the texts of every document a session refers to (paths as the session holds them:
/// absolute in the workspace). Never fails as a whole: a missing or changed document is
/// reported in its status.
pub fn load_documents(session: &Session, progress: &Progress) -> Vec<LoadedDocument> {
    let total = session.documents.len() as u64;
    session
        .documents
        .iter()
        .enumerate()
        .map(|(n, doc)| {
            progress.begin(format!("Reading {} ({} of {total})", doc.title, n + 1), 0);
            load_document(doc)
        })
        .collect()
}

/// Load one document's text from its path, else from the copy embedded in the session.
pub fn load_document(doc: &Document) -> LoadedDocument {
    let format = Format::from_path(&doc.path);
    match document::load(&doc.path) {
        Ok(source) => {
            let status = if sha256_hex(&source.text) == doc.sha256 {
                DocumentStatus::Ok
            } else {
                DocumentStatus::Changed
            };
            LoadedDocument { id: doc.id.clone(), path: Some(doc.path.clone()), source, status }
        }
        Err(e) => match &doc.embedded_text {
            // The embedded copy is the normalised text; for HTML that is already the
            // rendered text, not markup.
            Some(text) => LoadedDocument {
                id: doc.id.clone(),
                path: None,
                source: SourceText::parse(
                    text.clone(),
                    if format == Format::Html { Format::Text } else { format },
                ),
                status: DocumentStatus::Embedded(e.to_string()),
            },
            None => LoadedDocument {
                id: doc.id.clone(),
                path: None,
                source: SourceText::parse(String::new(), format),
                status: DocumentStatus::Missing(e.to_string()),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_in_quotes_exactly_as_from_range_does() {
        let text: String = (0..400).map(|i| if i % 7 == 0 { "é₂ " } else { "word " }).collect();
        let source = SourceText::parse(text.clone(), Format::Text);
        let len = source.char_len();
        for (start, end) in
            [(0, 0), (0, 5), (3, 40), (100, 90), (len - 10, len), (len - 3, len + 50), (len + 5, len + 9)]
        {
            assert_eq!(
                anchor_in("d", &source, start, end),
                Anchor::from_range("d", &text, start, end),
                "{start}..{end}"
            );
        }
    }
}
