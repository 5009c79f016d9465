//! The document reader: a virtualised reading pane with highlights, selection, find, zoom and
//! an outline.
//!
//! Only the blocks in view (plus a small margin) are laid out each frame; block heights are
//! estimated from their length until first measured and cached per wrap width, and the scroll
//! position is kept steady on the block at the top of the view while estimates become
//! measurements. Every offset the reader takes or gives is a character offset into the
//! document's normalised text.

mod colours;
mod find;
mod fonts;
mod highlight_index;
mod layout;
mod outline;
mod selection;
mod state;
mod styling;

pub use colours::{NEUTRAL, highlight_colour};
pub use fonts::install as install_fonts;
pub use outline::{OutlineEntry, outline, outline_panel};
pub use state::ReaderState;

use crate::document::{BlockKind, SourceText};
use egui::{Color32, Event, Id, Key, Modifiers, Pos2, Rect, Sense, Stroke, Vec2, pos2, vec2};
use find::FindAction;
use highlight_index::IndexKey;
use layout::{LayoutCache, LayoutKey};
use std::ops::Range;
use styling::Palette;

/// A tinted range of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    /// First character, inclusive.
    pub start: usize,
    /// Last character, exclusive.
    pub end: usize,
    /// Background colour (use a translucent colour: overlaps are painted on top of each other).
    pub color: Color32,
    /// What the range is.
    pub kind: HighlightKind,
}

/// What a highlight marks; decides painting order and emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HighlightKind {
    /// A recommendation's text, tinted by its grade.
    Recommendation,
    /// A reply to a recommendation.
    Reply,
    /// A reviewer's annotation.
    Annotation,
    /// The recommendation being worked on: underlined as well as tinted.
    Current,
    /// A find match supplied by the caller.
    FindMatch,
}

/// What happened in the reader this frame.
#[derive(Debug, Default)]
pub struct ReaderResponse {
    /// Character offset of a click (not a drag) in the text.
    pub clicked_offset: Option<usize>,
    /// The selection changed this frame.
    pub selection_changed: bool,
    /// Characters of the blocks on screen.
    pub visible_range: Range<usize>,
    /// Text was copied to the clipboard this frame.
    pub copied: bool,
    /// The response of the text area (for focus, context menus and hover).
    pub response: Option<egui::Response>,
}

/// The reader widget for one frame; see [`ReaderState`] for what persists.
pub struct Reader<'a> {
    id_salt: u64,
    source: &'a SourceText,
    highlights: &'a [Highlight],
    generation: Option<u64>,
}

/// Widest text column, in multiples of the font size.
const MAX_COLUMN_EM: f32 = 52.0;
/// Horizontal padding around the text column.
const PAD: f32 = 12.0;
/// Extra points laid out above and below the view.
const MARGIN: f32 = 60.0;

impl<'a> Reader<'a> {
    /// A reader of `source` with `highlights` (any order; sorted by start is cheapest to
    /// index). Different `id_salt`s keep two readers on one frame apart.
    pub fn new(id_salt: impl std::hash::Hash, source: &'a SourceText, highlights: &'a [Highlight]) -> Self {
        use std::hash::Hasher;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        id_salt.hash(&mut h);
        Self { id_salt: h.finish(), source, highlights, generation: None }
    }

    /// Tell the reader when `highlights` changed: the index is rebuilt only when this number
    /// changes. Without it, the highlights are hashed every frame.
    pub fn highlights_generation(mut self, generation: u64) -> Self {
        self.generation = Some(generation);
        self
    }

    /// Draw the reader in the remaining space of `ui`.
    pub fn show(self, ui: &mut egui::Ui, state: &mut ReaderState) -> ReaderResponse {
        let source = self.source;
        let id = ui.make_persistent_id(("stocktake_reader", self.id_salt));
        let text_id = id.with("text");
        let doc_key = (source.text.as_ptr() as usize, source.text.len(), source.blocks.len());
        if state.doc != Some(doc_key) {
            state.invalidate();
            state.doc = Some(doc_key);
        }
        fonts::install(ui.ctx());
        if let Some(page) = state.pending_page.take()
            && let Some(start) = source.page_start(page)
        {
            state.jump_to(start);
            state.jump_to_top = true;
        }
        state.page_range = source.pages.first().zip(source.pages.last()).map(|(a, b)| (a.number, b.number));
        let generation = self.generation.unwrap_or_else(|| highlight_index::fingerprint(self.highlights));
        let key = IndexKey { generation, count: self.highlights.len(), doc: doc_key };
        state.highlight_index.update(key, source, self.highlights);

        let reader_rect = ui.available_rect_before_wrap();
        // Measured before the find bar, which may be wider than a narrow pane.
        let avail_w = ui.available_width();
        let focused = ui.memory(|m| m.has_focus(text_id));
        let hovered = ui.rect_contains_pointer(reader_rect);
        if focused || hovered {
            shortcuts(ui, state);
        }
        let mut find_reveal = false;
        if state.find.open {
            if state.find.bar_ui(ui, id.with("find")) == FindAction::Reveal {
                find_reveal = true;
            }
            if state.find.refresh(source, doc_key, state.top_char) {
                find_reveal = true;
            }
            if find_reveal && let Some((start, _)) = state.find.current_match() {
                state.jump_to(start);
            }
        }

        let palette = palette(ui, state.zoom);
        let scroll = ui.spacing().scroll;
        // Paged sources get a gutter for page numbers.
        let gutter = if source.pages.is_empty() { 0.0 } else { (palette.size * 3.2).round() };
        let column_w = (avail_w - scroll.allocated_width() - 2.0 * PAD - gutter)
            .min(palette.size * MAX_COLUMN_EM)
            .max(40.0)
            .round();
        let viewport_h = ui.available_height().max(1.0);
        let dark = ui.visuals().dark_mode;
        let lkey = LayoutKey { wrap_width: column_w, size: palette.size, dark };
        state.layout.begin_frame(source, doc_key, lkey, &palette);
        let ctx = ui.ctx().clone();

        let mut offset = state.offset;
        // The block at the top last frame, and how far into it: kept at the top while blocks
        // are measured or laid out anew (width or text size changed), unless the reviewer
        // scrolled (the wheel is already in `state.offset`; keys and drags come below).
        let mut anchored = state.top_block.filter(|(b, _)| *b < source.blocks.len());
        if focused {
            let delta = keyboard_scroll(ui, &mut state.layout, offset, viewport_h, palette.size);
            if delta != 0.0 {
                anchored = None;
                offset += delta;
            }
        }
        if state.dragging
            && let (Some(rect), Some(p)) = (state.viewport_rect, ui.input(|i| i.pointer.latest_pos()))
        {
            let over = if p.y < rect.top() { p.y - rect.top() } else { (p.y - rect.bottom()).max(0.0) };
            if over != 0.0 {
                anchored = None;
                offset += over.clamp(-60.0, 60.0) * 0.5;
                ui.ctx().request_repaint();
            }
        }
        if let Some(target) = state.pending_jump.take() {
            // A page starts at the top of the view; anything else a third of the way down,
            // with some of what leads up to it in view.
            let above = if std::mem::take(&mut state.jump_to_top) { 0.0 } else { viewport_h / 3.0 };
            offset = place_target(&ctx, source, &mut state.layout, target, viewport_h, above);
        } else {
            if let Some((block, fraction)) = anchored {
                state.layout.ensure(&ctx, source, block);
                offset = state.layout.top(block) + fraction * state.layout.height(block);
            }
            offset = keep_anchor(&ctx, source, &mut state.layout, offset, viewport_h);
        }
        let total = state.layout.total_height();
        offset = offset.clamp(0.0, (total - viewport_h).max(0.0));

        // Read before the scroll area takes the wheel's delta for itself.
        let scrolled_by_hand =
            ui.input(|i| i.pointer.any_down() || i.smooth_scroll_delta != egui::Vec2::ZERO);
        let sel_before = state.selection();
        let mut out = ReaderResponse::default();
        // The reader sets its own offset each frame; the scroll area's spring back from
        // "overscroll" (measured against last frame's height) would fight it for dozens of frames.
        ui.spacing_mut().scroll.kinetic.rubber_band = false;
        let output = egui::ScrollArea::vertical()
            .id_salt(id.with("scroll"))
            .auto_shrink([false, false])
            .scroll_source(egui::scroll_area::ScrollSource {
                drag: egui::scroll_area::DragScroll::Never,
                ..Default::default()
            })
            .vertical_scroll_offset(offset)
            .show_viewport(ui, |ui, viewport| {
                let mut frame = Frame {
                    ctx: &ctx,
                    source,
                    highlights: self.highlights,
                    palette: &palette,
                    text_id,
                    id,
                    column_w,
                    gutter,
                };
                frame.contents(ui, viewport, state, &mut out);
            });
        state.viewport_height = output.inner_rect.height();
        state.content_height = state.layout.total_height();
        // Measuring the blocks drawn can shrink the text below an offset set from estimates;
        // keep within it, or the scroll area springs back over dozens of frames.
        let max_offset = (state.content_height - state.viewport_height).max(0.0);
        state.offset = output.state.unclamped_offset().y.clamp(0.0, max_offset);
        if !scrolled_by_hand {
            // The scroll area springs back to its idea of the text's height, which lags a
            // frame behind (and is another width's after a resize): keep ours.
            state.offset = offset.clamp(0.0, max_offset.max(offset.min(state.offset)));
        }
        state.viewport_rect = Some(output.inner_rect);
        let top_block = state.layout.block_at_y(state.offset);
        let into = state.offset - state.layout.top(top_block);
        state.top_block = Some((top_block, (into / state.layout.height(top_block).max(1.0)).clamp(0.0, 1.0)));
        state.top_char = source.blocks.get(top_block).map_or(0, |b| b.start);
        state.current_page = source.page_at(state.top_char);
        out.selection_changed |= state.selection() != sel_before;
        out
    }
}

/// Ctrl+F, zoom keys.
fn shortcuts(ui: &egui::Ui, state: &mut ReaderState) {
    let (find, zoom_in, zoom_out, zoom_reset) = ui.input_mut(|i| {
        (
            i.consume_key(Modifiers::COMMAND, Key::F),
            i.consume_key(Modifiers::COMMAND, Key::Plus) || i.consume_key(Modifiers::COMMAND, Key::Equals),
            i.consume_key(Modifiers::COMMAND, Key::Minus),
            i.consume_key(Modifiers::COMMAND, Key::Num0),
        )
    });
    if find {
        state.open_find();
    }
    if zoom_in {
        state.set_zoom(((state.zoom + 0.1) * 10.0).round() / 10.0);
    }
    if zoom_out {
        state.set_zoom(((state.zoom - 0.1) * 10.0).round() / 10.0);
    }
    if zoom_reset {
        state.set_zoom(1.0);
    }
}

/// Scroll change requested by PageUp/PageDown/Home/End/arrows.
fn keyboard_scroll(ui: &egui::Ui, layout: &mut LayoutCache, offset: f32, viewport_h: f32, size: f32) -> f32 {
    let total = layout.total_height();
    let page = (viewport_h - size * 2.0).max(size);
    let line = size * 3.0;
    ui.input(|i| {
        let mut d = 0.0;
        if i.key_pressed(Key::PageDown) || (i.key_pressed(Key::Space) && !i.modifiers.shift) {
            d += page;
        }
        if i.key_pressed(Key::PageUp) || (i.key_pressed(Key::Space) && i.modifiers.shift) {
            d -= page;
        }
        if i.key_pressed(Key::ArrowDown) {
            d += line;
        }
        if i.key_pressed(Key::ArrowUp) {
            d -= line;
        }
        if i.key_pressed(Key::Home) {
            d = -offset;
        }
        if i.key_pressed(Key::End) {
            d = total - offset;
        }
        d
    })
}

/// Lay out the target's block and its neighbours in view, and return the offset that puts
/// the target at the top third.
fn place_target(
    ctx: &egui::Context,
    source: &SourceText,
    layout: &mut LayoutCache,
    target: usize,
    viewport_h: f32,
    above_goal: f32,
) -> f32 {
    let n = source.blocks.len();
    if n == 0 {
        return 0.0;
    }
    let b = source.blocks.partition_point(|bl| bl.end <= target).min(n - 1);
    let within = layout.ensure(ctx, source, b).map_or(0.0, |laid| {
        let rel = target.saturating_sub(source.blocks.get(b).map_or(0, |bl| bl.start));
        let i = styling::display_index(&laid.map, rel);
        let cursor = egui::text::CCursor::new(i);
        laid.top_pad + laid.galley.pos_from_cursor(cursor).min.y
    });
    let mut above = within;
    let mut k = b;
    while k > 0 && above < above_goal + MARGIN {
        k -= 1;
        layout.ensure(ctx, source, k);
        above += layout.height(k);
    }
    let mut below = layout.height(b) - within;
    let mut k = b;
    while k + 1 < n && below < viewport_h - above_goal + MARGIN {
        k += 1;
        layout.ensure(ctx, source, k);
        below += layout.height(k);
    }
    layout.top(b) + within - above_goal
}

/// Lay out the blocks about to be shown and return the offset that keeps the block at the
/// top of the view where it was, now that estimates may have become measurements.
fn keep_anchor(
    ctx: &egui::Context,
    source: &SourceText,
    layout: &mut LayoutCache,
    offset: f32,
    viewport_h: f32,
) -> f32 {
    if layout.block_count() == 0 {
        return 0.0;
    }
    let offset = offset.max(0.0);
    let anchor = layout.block_at_y(offset);
    let delta = offset - layout.top(anchor);
    let first = layout.block_at_y(offset - MARGIN);
    let last = layout.block_at_y(offset + viewport_h + MARGIN);
    for i in first..=last {
        layout.ensure(ctx, source, i);
    }
    layout.top(anchor) + delta
}

/// Everything one frame of the contents needs.
struct Frame<'f> {
    ctx: &'f egui::Context,
    source: &'f SourceText,
    highlights: &'f [Highlight],
    palette: &'f Palette,
    text_id: Id,
    id: Id,
    column_w: f32,
    /// Width of the page-number gutter left of the text (0 for unpaged sources).
    gutter: f32,
}

/// A block on screen this frame.
struct Placed {
    index: usize,
    /// Top of the block in screen coordinates.
    top: f32,
    height: f32,
}

impl Frame<'_> {
    fn contents(
        &mut self,
        ui: &mut egui::Ui,
        viewport: Rect,
        state: &mut ReaderState,
        out: &mut ReaderResponse,
    ) {
        let total = state.layout.total_height();
        let content = ui.max_rect();
        ui.set_min_size(vec2(content.width(), total));
        let content_top = content.top();
        let left = content.left() + PAD + self.gutter;

        // Blocks in view.
        let mut placed = Vec::new();
        let n = state.layout.block_count();
        if n > 0 {
            let mut i = state.layout.block_at_y((viewport.min.y - MARGIN).max(0.0));
            let mut y = state.layout.top(i);
            while i < n && y < viewport.max.y + MARGIN {
                state.layout.ensure(self.ctx, self.source, i);
                let h = state.layout.height(i);
                if y + h >= viewport.min.y - MARGIN {
                    placed.push(Placed { index: i, top: content_top + y, height: h });
                }
                y += h;
                i += 1;
            }
        }
        out.visible_range = match (placed.first(), placed.last()) {
            (Some(a), Some(b)) => {
                let start = self.source.blocks.get(a.index).map_or(0, |bl| bl.start);
                let end = self.source.blocks.get(b.index).map_or(start, |bl| bl.end);
                start..end
            }
            _ => 0..0,
        };

        let view_rect =
            ui.clip_rect().intersect(Rect::from_x_y_ranges(content.x_range(), ui.clip_rect().y_range()));
        let response = ui.interact(view_rect, self.text_id, Sense::click_and_drag());
        self.pointer(ui, &response, &placed, left, out, state);
        if response.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    self.text_id,
                    egui::EventFilter {
                        vertical_arrows: true,
                        horizontal_arrows: true,
                        ..Default::default()
                    },
                );
            });
            self.copy(ui, state, out);
            if ui.input(|i| i.key_pressed(Key::Escape)) {
                state.selection = None;
            }
        }

        state.placed.clear();
        let painter = ui.painter().clone();
        let mut rects = Vec::new();
        let selection = state.selection();
        let find_current = state.find.current;
        for p in &placed {
            let Some(block) = self.source.blocks.get(p.index) else { continue };
            let Some(laid) = state.layout.get(p.index) else { continue };
            let origin = pos2(left + laid.indent, p.top + laid.top_pad);
            state.placed.push((p.index, block.start, origin));
            let rel = |x: usize| x.saturating_sub(block.start);
            // Highlights: neutral replies first, emphasis last.
            for pass in 0..3 {
                for &hi in state.highlight_index.for_block(p.index) {
                    let Some(h) = self.highlights.get(hi as usize) else { continue };
                    let order = match h.kind {
                        HighlightKind::Reply => 0,
                        HighlightKind::Recommendation | HighlightKind::Annotation => 1,
                        HighlightKind::Current | HighlightKind::FindMatch => 2,
                    };
                    if order != pass {
                        continue;
                    }
                    rects.clear();
                    selection::range_rects(laid, origin, rel(h.start), rel(h.end), &mut rects);
                    for r in &rects {
                        painter.rect_filled(*r, 2.0, h.color);
                        if h.kind == HighlightKind::Current {
                            let c = h.color.to_opaque();
                            painter.hline(r.x_range(), r.bottom() - 0.5, Stroke::new(2.0, c));
                        }
                    }
                }
            }
            if state.find.open {
                for (k, (a, b)) in state.find.matches_in(block.start, block.end) {
                    rects.clear();
                    selection::range_rects(laid, origin, rel(a), rel(b), &mut rects);
                    let current = find_current == Some(k);
                    let fill = colours::find_match(ui.visuals(), current);
                    for r in &rects {
                        painter.rect_filled(r.expand(1.0), 2.0, fill);
                        if current {
                            painter.rect_stroke(
                                r.expand(1.0),
                                2.0,
                                Stroke::new(1.5, self.palette.strong),
                                egui::StrokeKind::Outside,
                            );
                        }
                    }
                }
            }
            if let Some(sel) = &selection
                && sel.start < block.end
                && sel.end > block.start
            {
                rects.clear();
                selection::range_rects(laid, origin, rel(sel.start), rel(sel.end), &mut rects);
                let fill = colours::selection(ui.visuals());
                for r in &rects {
                    painter.rect_filled(*r, 0.0, fill);
                }
            }
            if block.kind == BlockKind::Quote {
                let x = left + laid.indent * 0.4;
                let y = origin.y..=origin.y + laid.galley.size().y;
                painter.vline(x, y, Stroke::new(3.0, self.palette.weak.gamma_multiply(0.6)));
            }
            painter.galley(origin, laid.galley.clone(), self.palette.text);
            self.page_labels(&painter, block.start, block.end, laid, origin, content.left() + PAD);

            // Accessibility: one node per visible block, labelled with its text.
            let block_rect = Rect::from_min_size(pos2(left, p.top), vec2(self.column_w, p.height));
            let block_resp = ui.interact(block_rect, self.id.with(("block", p.index)), Sense::hover());
            let galley = laid.galley.clone();
            block_resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, galley.text()));
        }
        out.response = Some(response);
    }

    /// "p. N" in the gutter beside the line where each page starting in `start..end` begins.
    fn page_labels(
        &self,
        painter: &egui::Painter,
        start: usize,
        end: usize,
        laid: &layout::LaidOut,
        origin: Pos2,
        x: f32,
    ) {
        let pages = &self.source.pages;
        let first = pages.partition_point(|p| p.start < start);
        for page in pages[first..].iter().take_while(|p| p.start < end) {
            let i = styling::display_index(&laid.map, page.start - start);
            let y = laid.galley.pos_from_cursor(egui::text::CCursor::new(i)).min.y;
            painter.text(
                pos2(x, origin.y + y),
                egui::Align2::LEFT_TOP,
                format!("p. {}", page.number),
                egui::FontId::proportional((self.palette.size * 0.75).round()),
                self.palette.weak,
            );
        }
    }

    /// Clicks, drags, shift-clicks and double-clicks.
    fn pointer(
        &self,
        ui: &egui::Ui,
        response: &egui::Response,
        placed: &[Placed],
        left: f32,
        out: &mut ReaderResponse,
        state: &mut ReaderState,
    ) {
        let layout = &state.layout;
        let shift = ui.input(|i| i.modifiers.shift);
        let hit = |layout: &LayoutCache, pos: Pos2| -> Option<usize> {
            let p = placed.iter().find(|p| pos.y < p.top + p.height).or_else(|| placed.last())?;
            let laid = layout.get(p.index)?;
            let block = self.source.blocks.get(p.index)?;
            let origin = pos2(left + laid.indent, p.top + laid.top_pad);
            let local: Vec2 = pos - origin;
            Some(block.start + selection::offset_at(laid, local))
        };
        if response.drag_started() {
            let origin = ui.input(|i| i.pointer.press_origin()).or(response.interact_pointer_pos());
            if let Some(o) = origin.and_then(|p| hit(layout, p)) {
                match state.selection {
                    Some((anchor, _)) if shift => state.selection = Some((anchor, o)),
                    _ => state.selection = Some((o, o)),
                }
                state.dragging = true;
            }
            response.request_focus();
        }
        if state.dragging
            && response.dragged()
            && let Some(o) = response.interact_pointer_pos().and_then(|p| hit(layout, p))
            && let Some((anchor, _)) = state.selection
        {
            state.selection = Some((anchor, o));
        }
        if response.drag_stopped() {
            state.dragging = false;
        }
        if response.triple_clicked() {
            // Triple-click: the whole block.
            if let Some(pos) = response.interact_pointer_pos()
                && let Some(p) = placed.iter().find(|p| pos.y < p.top + p.height).or_else(|| placed.last())
                && let Some(block) = self.source.blocks.get(p.index)
            {
                state.selection = Some((block.start, block.end));
            }
        } else if response.double_clicked() {
            if let Some(pos) = response.interact_pointer_pos()
                && let Some(p) = placed.iter().find(|p| pos.y < p.top + p.height).or_else(|| placed.last())
                && let (Some(laid), Some(block)) = (layout.get(p.index), self.source.blocks.get(p.index))
            {
                let origin = pos2(left + laid.indent, p.top + laid.top_pad);
                let rel = selection::offset_at(laid, pos - origin);
                let (a, b) = selection::word_at(laid, rel);
                state.selection = Some((block.start + a, block.start + b));
            }
        } else if response.clicked() {
            if let Some(o) = response.interact_pointer_pos().and_then(|p| hit(layout, p)) {
                out.clicked_offset = Some(o);
                match state.selection {
                    Some((anchor, _)) if shift => state.selection = Some((anchor, o)),
                    _ => state.selection = None,
                }
            }
            response.request_focus();
        }
    }

    /// Ctrl+C copies the selected source text.
    fn copy(&self, ui: &egui::Ui, state: &ReaderState, out: &mut ReaderResponse) {
        let wants = ui.input(|i| {
            i.events.iter().any(|e| matches!(e, Event::Copy))
                || i.events.iter().any(|e| {
                    matches!(e, Event::Key { key: Key::C, pressed: true, modifiers, .. } if modifiers.command)
                })
        });
        if wants && let Some(r) = state.selection() {
            ui.ctx().copy_text(self.source.slice(r.start, r.end).to_owned());
            out.copied = true;
        }
    }
}

/// Fonts and colours for the current theme and zoom.
fn palette(ui: &egui::Ui, zoom: f32) -> Palette {
    let base = ui.style().text_styles.get(&egui::TextStyle::Body).map_or(14.0, |f| f.size) * 1.1;
    let v = ui.visuals();
    Palette {
        size: (base * zoom * 2.0).round() / 2.0,
        text: v.text_color(),
        strong: v.strong_text_color(),
        weak: v.weak_text_color(),
        code_bg: v.code_bg_color,
        faces: fonts::installed(ui.ctx()),
    }
}
