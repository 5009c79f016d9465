//! Which highlights touch which block: built once per highlight generation, queried per
//! visible block in O(hits).

use super::Highlight;
use crate::document::SourceText;

/// Per-block lists of highlight indices (compressed: `starts[b]..starts[b + 1]` into `ids`).
#[derive(Default)]
pub(crate) struct HighlightIndex {
    key: Option<IndexKey>,
    starts: Vec<u32>,
    ids: Vec<u32>,
}

/// What the index was built from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct IndexKey {
    /// The caller's generation, or a hash of the highlights when none was given.
    pub generation: u64,
    /// Number of highlights.
    pub count: usize,
    /// Document identity (see `LayoutCache::doc_key`).
    pub doc: (usize, usize, usize),
}

impl HighlightIndex {
    /// Rebuild when `key` differs from the last build.
    pub(crate) fn update(&mut self, key: IndexKey, source: &SourceText, highlights: &[Highlight]) {
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        let n = source.blocks.len();
        let mut counts = vec![0u32; n + 1];
        let spans: Vec<(usize, usize)> =
            highlights.iter().map(|h| block_span(source, h.start, h.end)).collect();
        for &(a, b) in &spans {
            for c in counts.iter_mut().take(b).skip(a) {
                *c += 1;
            }
        }
        let mut starts = Vec::with_capacity(n + 1);
        let mut total = 0u32;
        for c in counts.iter().take(n) {
            starts.push(total);
            total += c;
        }
        starts.push(total);
        let mut fill = starts.clone();
        let mut ids = vec![0u32; total as usize];
        for (hi, &(a, b)) in spans.iter().enumerate() {
            for f in fill.iter_mut().take(b).skip(a) {
                if let Some(slot) = ids.get_mut(*f as usize) {
                    *slot = u32::try_from(hi).unwrap_or(u32::MAX);
                }
                *f += 1;
            }
        }
        self.starts = starts;
        self.ids = ids;
    }

    /// Indices of the highlights intersecting block `b`, in the caller's order.
    pub(crate) fn for_block(&self, b: usize) -> &[u32] {
        match (self.starts.get(b), self.starts.get(b + 1)) {
            (Some(&s), Some(&e)) => self.ids.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Forget everything (document changed).
    pub(crate) fn clear(&mut self) {
        *self = Self::default();
    }
}

/// Blocks `a..b` that the character range `start..end` intersects.
pub(crate) fn block_span(source: &SourceText, start: usize, end: usize) -> (usize, usize) {
    let blocks = &source.blocks;
    let a = blocks.partition_point(|bl| bl.end <= start);
    let b = blocks.partition_point(|bl| bl.start < end.max(start + 1));
    (a, b.max(a))
}

/// A cheap fingerprint of highlights for callers that pass no generation.
pub(crate) fn fingerprint(highlights: &[Highlight]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for x in highlights {
        (x.start, x.end, x.color.to_array(), x.kind as u8).hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::ui::reader::HighlightKind;
    use egui::Color32;

    #[test]
    fn highlights_are_listed_for_every_block_they_touch() {
        let doc = SourceText::parse("aaaa\n\nbbbb\n\ncccc\n".to_owned(), Format::Text);
        let hl = |start, end| Highlight { start, end, color: Color32::RED, kind: HighlightKind::Annotation };
        let highlights = vec![hl(1, 2), hl(2, 13), hl(5, 6)];
        let mut index = HighlightIndex::default();
        let key = IndexKey { generation: 1, count: 3, doc: (0, 0, 0) };
        index.update(key, &doc, &highlights);
        assert_eq!(index.for_block(0), &[0, 1]);
        assert_eq!(index.for_block(1), &[1]);
        assert_eq!(index.for_block(2), &[1]);
        assert_eq!(index.for_block(3), &[] as &[u32]);
    }
}
