//! TEMPORARY STUB so the crate compiles until the real reader lands (owned by the reader work;
//! replace this file wholesale).
#![allow(missing_docs, dead_code)]
use crate::document::SourceText;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HighlightKind {
    Recommendation,
    Reply,
    Annotation,
    Current,
    FindMatch,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
    pub color: egui::Color32,
    pub kind: HighlightKind,
}
#[derive(Default)]
pub struct ReaderState {
    jump: Option<usize>,
    selection: Option<std::ops::Range<usize>>,
}
impl ReaderState {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn jump_to(&mut self, o: usize) {
        self.jump = Some(o);
    }
    pub fn selection(&self) -> Option<std::ops::Range<usize>> {
        self.selection.clone()
    }
    pub fn set_selection(&mut self, r: Option<std::ops::Range<usize>>) {
        self.selection = r;
    }
    pub fn scroll_offset(&self) -> f32 {
        0.0
    }
    pub fn invalidate(&mut self) {}
}
pub struct ReaderResponse {
    pub clicked_offset: Option<usize>,
    pub selection_changed: bool,
}
pub struct Reader<'a> {
    source: &'a SourceText,
    highlights: &'a [Highlight],
}
impl<'a> Reader<'a> {
    pub fn new(_id: impl std::hash::Hash, source: &'a SourceText, highlights: &'a [Highlight]) -> Self {
        Self { source, highlights }
    }
    pub fn highlights_generation(self, _g: u64) -> Self {
        self
    }
    pub fn show(self, ui: &mut egui::Ui, _state: &mut ReaderState) -> ReaderResponse {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.label(self.source.text.chars().take(5000).collect::<String>());
        });
        ReaderResponse { clicked_offset: None, selection_changed: false }
    }
}
