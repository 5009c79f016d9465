//! Per-reader state kept by the app between frames: scroll position, selection, find, zoom,
//! pending jump and the layout caches.

use super::find::FindState;
use super::highlight_index::HighlightIndex;
use super::layout::LayoutCache;
use std::ops::Range;

/// Smallest and largest zoom of the reader's text.
pub(crate) const ZOOM_RANGE: (f32, f32) = (0.5, 3.0);

/// The state of one reader (one per document and pane is a good fit). Not tied to a
/// document: if it is shown with another one, its caches are dropped automatically.
pub struct ReaderState {
    /// Scroll offset in points from the top of the content.
    pub(crate) offset: f32,
    /// Character offset to reveal on the next frame.
    pub(crate) pending_jump: Option<usize>,
    /// Selection as (anchor, head) character offsets; empty when equal.
    pub(crate) selection: Option<(usize, usize)>,
    /// A drag-selection is in progress.
    pub(crate) dragging: bool,
    /// Text size factor.
    pub(crate) zoom: f32,
    /// Find bar.
    pub(crate) find: FindState,
    /// Heights, prefix sums and galleys.
    pub(crate) layout: LayoutCache,
    /// Highlights per block.
    pub(crate) highlight_index: HighlightIndex,
    /// The document the caches belong to.
    pub(crate) doc: Option<(usize, usize, usize)>,
    /// First character of the first visible block.
    pub(crate) top_char: usize,
    /// The block at the top of the view last frame and how far into it (0–1), kept in
    /// view when the text is laid out anew (width or size changed).
    pub(crate) top_block: Option<(usize, f32)>,
    /// Height of the text viewport last frame.
    pub(crate) viewport_height: f32,
    /// Screen rectangle of the text viewport last frame.
    pub(crate) viewport_rect: Option<egui::Rect>,
    /// Height of the whole document as of last frame (estimated where not yet laid out).
    pub(crate) content_height: f32,
    /// Blocks drawn last frame: (block index, block start, text origin on screen).
    pub(crate) placed: Vec<(usize, usize, egui::Pos2)>,
    /// Page to reveal on the next frame (paged sources).
    pub(crate) pending_page: Option<u32>,
    /// The pending jump puts its target at the very top (a page), not a third of the way down.
    pub(crate) jump_to_top: bool,
    /// Page at the top of the reader as of last frame.
    pub(crate) current_page: Option<u32>,
    /// First and last page of the document shown last frame (paged sources).
    pub(crate) page_range: Option<(u32, u32)>,
}

impl Default for ReaderState {
    fn default() -> Self {
        Self {
            offset: 0.0,
            pending_jump: None,
            selection: None,
            dragging: false,
            zoom: 1.0,
            find: FindState::default(),
            layout: LayoutCache::default(),
            highlight_index: HighlightIndex::default(),
            doc: None,
            top_char: 0,
            top_block: None,
            viewport_height: 0.0,
            viewport_rect: None,
            placed: Vec::new(),
            content_height: 0.0,
            pending_page: None,
            jump_to_top: false,
            current_page: None,
            page_range: None,
        }
    }
}

impl ReaderState {
    /// A reader at the top of its document, nothing selected.
    pub fn new() -> Self {
        Self::default()
    }

    /// Scroll so that `char_offset` sits near the top third of the reader on the next frame,
    /// even if that part of the document was never laid out.
    pub fn jump_to(&mut self, char_offset: usize) {
        self.pending_jump = Some(char_offset);
    }

    /// Scroll so that page `page` (numbered from 1, as in the margin) begins near the top on
    /// the next frame. A page the document does not have (or an unpaged document) is ignored.
    pub fn go_to_page(&mut self, page: u32) {
        self.pending_page = Some(page);
    }

    /// The page at the top of the reader, for paged sources (as of the last frame).
    pub fn current_page(&self) -> Option<u32> {
        self.current_page
    }

    /// First and last page of the document, for paged sources (as of the last frame); for
    /// a "Go to page…" dialog.
    pub fn page_range(&self) -> Option<(u32, u32)> {
        self.page_range
    }

    /// The selected character range of the document's text, if anything is selected.
    pub fn selection(&self) -> Option<Range<usize>> {
        let (a, b) = self.selection?;
        (a != b).then(|| a.min(b)..a.max(b))
    }

    /// Replace the selection (None clears it).
    pub fn set_selection(&mut self, r: Option<Range<usize>>) {
        self.selection = r.map(|r| (r.start, r.end));
        self.dragging = false;
    }

    /// Current scroll offset in points.
    pub fn scroll_offset(&self) -> f32 {
        self.offset
    }

    /// Scroll to `offset` points on the next frame (for restoring a saved position).
    pub fn set_scroll_offset(&mut self, offset: f32) {
        self.offset = offset.max(0.0);
        self.pending_jump = None;
    }

    /// The document's text changed: drop every cache (heights, galleys, find results).
    pub fn invalidate(&mut self) {
        self.layout.clear();
        self.highlight_index.clear();
        self.find.forget();
        self.doc = None;
    }

    /// Text size factor (1 = normal).
    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    /// Set the text size factor (clamped to 0.5–3).
    pub fn set_zoom(&mut self, zoom: f32) {
        self.zoom = zoom.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
    }

    /// Show the find bar and focus its field (what Ctrl+F does).
    pub fn open_find(&mut self) {
        self.find.open = true;
        self.find.focus_field = true;
    }

    /// Hide the find bar.
    pub fn close_find(&mut self) {
        self.find.open = false;
    }

    /// Whether the find bar is shown.
    pub fn find_open(&self) -> bool {
        self.find.open
    }

    /// The find query.
    pub fn find_query(&self) -> &str {
        &self.find.query
    }

    /// Set the find query (the search runs on the next frame).
    pub fn set_find_query(&mut self, query: &str) {
        query.clone_into(&mut self.find.query);
    }

    /// Number of matches of the find query (as of the last frame).
    pub fn find_match_count(&self) -> usize {
        self.find.matches.len()
    }

    /// Index of the current match among [`Self::find_match_count`], if any.
    pub fn find_current(&self) -> Option<usize> {
        self.find.current
    }

    /// Character range of the current match, if any.
    pub fn find_current_range(&self) -> Option<Range<usize>> {
        self.find.current_match().map(|(a, b)| a..b)
    }

    /// Screen rectangle of the character at `char_offset`, if its block was drawn last frame
    /// (for placing a popup next to the selection, or for tests).
    pub fn char_rect(&self, char_offset: usize) -> Option<egui::Rect> {
        let k = self.placed.partition_point(|p| p.1 <= char_offset).checked_sub(1)?;
        let &(index, start, origin) = self.placed.get(k)?;
        let laid = self.layout.get(index)?;
        let mut rects = Vec::new();
        super::selection::range_rects(laid, origin, char_offset - start, char_offset - start + 1, &mut rects);
        rects.first().copied()
    }

    /// Height of the whole document in points as of last frame; blocks never laid out count
    /// with an estimate from their length.
    pub fn content_height(&self) -> f32 {
        self.content_height
    }

    /// Screen rectangle of the reader's text viewport last frame.
    pub fn viewport_rect(&self) -> Option<egui::Rect> {
        self.viewport_rect
    }

    /// First character of the block at the top of the reader (for outlines and status bars).
    pub fn top_char(&self) -> usize {
        self.top_char
    }
}
