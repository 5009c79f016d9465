//! The reading area: one reader, or two side by side (report | response), each with its own
//! document and a scroll position kept per document.

use super::go_to_page::Pane;
use super::reader::{Highlight, OutlineEntry, Reader, ReaderState, outline, outline_panel};
use crate::intake::{DocumentStatus, LoadedDocument};
use crate::model::{Anchor, Session};
use std::collections::HashMap;

/// One reading pane: which document it shows and a reader state per document.
#[derive(Default)]
pub struct ReaderPane {
    /// Id of the document shown.
    pub document: Option<String>,
    states: HashMap<String, ReaderState>,
    /// Text size new reader states start with.
    zoom: f32,
}

impl ReaderPane {
    /// The state of the reader for `doc`, created on first use.
    pub fn state_mut(&mut self, doc: &str) -> &mut ReaderState {
        let zoom = self.zoom;
        self.states.entry(doc.to_owned()).or_insert_with(|| {
            let mut state = ReaderState::default();
            if zoom > 0.0 {
                state.set_zoom(zoom);
            }
            state
        })
    }

    /// The state of the reader for `doc`, if it was ever shown.
    pub fn state(&self, doc: &str) -> Option<&ReaderState> {
        self.states.get(doc)
    }

    /// The state of the reader for the document shown, if any.
    pub fn shown_mut(&mut self) -> Option<&mut ReaderState> {
        let doc = self.document.clone()?;
        Some(self.state_mut(&doc))
    }

    /// Show `doc` scrolled so that `offset` is near the top.
    pub fn reveal(&mut self, doc: &str, offset: usize) {
        self.document = Some(doc.to_owned());
        self.state_mut(doc).jump_to(offset);
    }
}

/// The reading area.
pub struct Readers {
    /// Left (or only) pane: the report, or the recommendation's source.
    pub left: ReaderPane,
    /// Right pane: the response.
    pub right: ReaderPane,
    /// Whether both panes are shown.
    pub side_by_side: bool,
    /// Whether the outline of the left reader's document is shown.
    pub show_outline: bool,
    /// Text size of every reader (1.0 = normal).
    zoom: f32,
    outlines: HashMap<String, Vec<OutlineEntry>>,
}

impl Default for Readers {
    /// Two readers: the recommendation on the left, its reply on the right.
    fn default() -> Self {
        Self {
            left: ReaderPane::default(),
            right: ReaderPane::default(),
            side_by_side: true,
            show_outline: false,
            zoom: 1.0,
            outlines: HashMap::new(),
        }
    }
}

impl Readers {
    /// Scroll the panes to a recommendation and its reply.
    pub fn reveal(&mut self, source: Option<&Anchor>, reply: Option<&Anchor>) {
        if let Some(a) = source {
            self.left.reveal(&a.document, a.start);
        }
        if let Some(a) = reply {
            self.right.reveal(&a.document, a.start);
        }
        if source.is_none()
            && let Some(a) = reply
        {
            self.left.reveal(&a.document, a.start);
        }
    }

    /// The reader under `pointer` (else the left one), for Find.
    pub fn active_mut(&mut self, pointer: Option<egui::Pos2>) -> Option<&mut ReaderState> {
        let pane = self.pane_mut(self.active_pane(pointer));
        let doc = pane.document.clone()?;
        Some(pane.state_mut(&doc))
    }

    /// Which pane is under `pointer` (else the left one).
    pub fn active_pane(&self, pointer: Option<egui::Pos2>) -> Pane {
        let over = |pane: &ReaderPane| {
            let doc = pane.document.as_ref()?;
            let rect = pane.state(doc)?.viewport_rect()?;
            pointer.filter(|p| rect.contains(*p)).map(|_| ())
        };
        if self.side_by_side && over(&self.right).is_some() { Pane::Right } else { Pane::Left }
    }

    /// The pane `which`.
    pub fn pane_mut(&mut self, which: Pane) -> &mut ReaderPane {
        match which {
            Pane::Left => &mut self.left,
            Pane::Right => &mut self.right,
        }
    }

    /// Change the text size of every reader by `step` (0 resets to normal); returns the new size.
    pub fn zoom_by(&mut self, step: f32) -> f32 {
        let zoom = if step == 0.0 { 1.0 } else { ((self.zoom + step) * 10.0).round() / 10.0 };
        self.set_default_zoom(zoom);
        self.zoom
    }

    /// The text size of every reader, including those not shown yet.
    pub fn set_default_zoom(&mut self, zoom: f32) {
        self.zoom = zoom.clamp(0.5, 3.0);
        for pane in [&mut self.left, &mut self.right] {
            pane.zoom = self.zoom;
            for state in pane.states.values_mut() {
                state.set_zoom(self.zoom);
            }
        }
    }

    /// The selection in the left reader, else the right: (document id, start, end).
    pub fn selection(&self) -> Option<(String, usize, usize)> {
        let panes = if self.side_by_side { vec![&self.left, &self.right] } else { vec![&self.left] };
        panes.into_iter().find_map(|pane| {
            let doc = pane.document.as_ref()?;
            let range = pane.state(doc)?.selection()?;
            (range.start < range.end).then(|| (doc.clone(), range.start, range.end))
        })
    }

    /// With nothing selected, show the first documents.
    pub fn show_first_document(&mut self, session: &Session) {
        let mut ids = session.documents.iter().map(|d| d.id.clone());
        self.left.document = ids.next();
        self.right.document = ids.next().or_else(|| self.left.document.clone());
    }

    /// Draw the pane(s).
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        documents: &[LoadedDocument],
        highlights: &HashMap<String, Vec<Highlight>>,
        generation: u64,
        room_for_two: bool,
    ) {
        if session.documents.is_empty() {
            ui.centered_and_justified(|ui| {
                ui.weak("No documents yet. Use File › New from documents… or drop a .md, .txt or .html file here.");
            });
            return;
        }
        if self.side_by_side && room_for_two {
            ui.columns(2, |cols| {
                pane(&mut cols[0], "left", &mut self.left, session, documents, highlights, generation);
                pane(&mut cols[1], "right", &mut self.right, session, documents, highlights, generation);
            });
        } else {
            pane(ui, "left", &mut self.left, session, documents, highlights, generation);
        }
    }
}

impl Readers {
    /// The outline (headings, numbered paragraphs) of the left reader's document; jumps on click.
    pub fn outline_ui(&mut self, ui: &mut egui::Ui, documents: &[LoadedDocument]) {
        ui.strong("Outline");
        let Some(doc) = self.left.document.clone() else { return };
        let Some(loaded) = documents.iter().find(|d| d.id == doc) else { return };
        let entries = self.outlines.entry(doc.clone()).or_insert_with(|| outline(&loaded.source));
        outline_panel(ui, entries, self.left.state_mut(&doc));
    }
}

fn pane(
    ui: &mut egui::Ui,
    salt: &str,
    pane: &mut ReaderPane,
    session: &Session,
    documents: &[LoadedDocument],
    highlights: &HashMap<String, Vec<Highlight>>,
    generation: u64,
) {
    // Nothing in the pane (find bar, document picker) may widen it into its neighbour.
    let width = ui.available_width();
    ui.set_max_width(width);
    ui.set_clip_rect(ui.clip_rect().intersect(ui.max_rect()));
    if pane.document.is_none() {
        pane.document = session.documents.first().map(|d| d.id.clone());
    }
    let current = pane.document.clone().unwrap_or_default();
    ui.horizontal(|ui| {
        let label = ui.label("Document");
        let title = session.document(&current).map_or("(no document)".to_string(), |d| d.title.clone());
        egui::ComboBox::from_id_salt(("doc-picker", salt))
            .selected_text(title)
            .truncate()
            .width(ui.available_width() - 8.0)
            .show_ui(ui, |ui| {
                for doc in &session.documents {
                    let label = format!("{} — {}", doc.role.name(), doc.title);
                    if ui.selectable_label(pane.document.as_deref() == Some(doc.id.as_str()), label).clicked()
                    {
                        pane.document = Some(doc.id.clone());
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    let Some(loaded) = documents.iter().find(|d| d.id == current) else {
        ui.weak("This document could not be loaded.");
        return;
    };
    match &loaded.status {
        DocumentStatus::Ok => {}
        DocumentStatus::Changed => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "Warning: this document changed since the review began.",
            );
        }
        DocumentStatus::Embedded(e) => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("Warning: showing the copy saved in the session: {e}"),
            );
        }
        DocumentStatus::Missing(e) => {
            ui.colored_label(ui.visuals().error_fg_color, format!("Missing: {e}"));
            return;
        }
    }
    let empty = Vec::new();
    let hl = highlights.get(&current).unwrap_or(&empty);
    let state = pane.state_mut(&current);
    Reader::new((salt, &current), &loaded.source, hl).highlights_generation(generation).show(ui, state);
}
