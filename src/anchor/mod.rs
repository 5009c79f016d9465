//! Re-anchoring annotations when a document changes.
