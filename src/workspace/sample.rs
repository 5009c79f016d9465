//! The bundled sample review, built into the binary. It opens as an untitled copy, so the
//! reviewer's first Save asks where to put it and nothing is ever written into the
//! installation (or the source tree).

use super::Opened;
use crate::document::{Format, SourceText};
use crate::intake::{DocumentStatus, LoadedDocument};
use crate::store;

const SESSION: &str = include_str!("../../sample-data/sample-review.ron");
const DOCUMENTS: [(&str, &str); 2] = [
    (
        "isc-international-partnerships-government-response.md",
        include_str!("../../sample-data/isc-international-partnerships-government-response.md"),
    ),
    (
        "counter-terrorism-implementation-stocktake-2019.md",
        include_str!("../../sample-data/counter-terrorism-implementation-stocktake-2019.md"),
    ),
];

/// The sample review as an untitled copy, its documents' texts embedded in the session so
/// that a saved copy opens anywhere.
pub fn sample_review() -> Result<Opened, store::StoreError> {
    let mut session = store::from_ron(SESSION, std::path::Path::new("sample-review.ron"))?;
    let now = jiff::Timestamp::now();
    session.created = now;
    session.modified = now;
    let mut documents = Vec::new();
    for doc in &mut session.documents {
        let name = doc.path.to_string_lossy().into_owned();
        let Some((_, text)) = DOCUMENTS.iter().find(|(n, _)| *n == name) else { continue };
        let text = crate::document::normalise(text.as_bytes()).unwrap_or_default();
        let source = SourceText::parse(text.clone(), Format::from_path(&doc.path));
        doc.embedded_text = Some(text);
        documents.push(LoadedDocument { id: doc.id.clone(), path: None, source, status: DocumentStatus::Ok });
    }
    Ok(Opened {
        session,
        file: None,
        documents,
        saved: true,
        reanchor: None,
        notes: Vec::new(),
        recovery: None,
        recovered: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_opens_untitled_with_its_documents() {
        let opened = sample_review().unwrap();
        assert!(opened.path().is_none());
        assert_eq!(opened.documents.len(), 2);
        assert!(opened.documents.iter().all(|d| d.source.char_len() > 1000));
        let hashes_match = opened
            .session
            .documents
            .iter()
            .zip(&opened.documents)
            .all(|(d, l)| crate::intake::sha256_hex(&l.source.text) == d.sha256);
        assert!(hashes_match, "the bundled texts are the ones the sample was made from");
        assert!(opened.session.recommendations.len() > 50);
    }
}
