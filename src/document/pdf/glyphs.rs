//! Reading a PDF's text layer with hayro: every glyph drawn on every page, with its
//! position, size and font style, in page coordinates (points, y growing downwards).

use super::chars;
use hayro_interpret::font::{Glyph as HayroGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps, InterpreterCache,
    InterpreterSettings, RenderContent, SoftMask, TransformExt, interpret_page,
};

/// Glyphs kept per document; past this the rest of the file is ignored (bounds memory and
/// work on hostile files). About 60,000 full pages of text.
const MAX_GLYPHS: usize = 200_000_000 / 40;

/// One character drawn on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Glyph {
    /// The character (ligatures and private-use bullets already normalised).
    pub ch: char,
    /// Left edge (points from the page's left).
    pub x0: f32,
    /// Right edge: the origin plus the advance width.
    pub x1: f32,
    /// Baseline (points from the page's top).
    pub y: f32,
    /// Font size in points (the em height after all transforms).
    pub size: f32,
    /// Drawn in a bold face.
    pub bold: bool,
    /// Drawn in an italic face.
    pub italic: bool,
}

/// The glyphs of one page, in the order the content stream draws them.
#[derive(Debug, Default)]
pub(super) struct PageGlyphs {
    /// Page height in points.
    pub height: f32,
    /// Glyphs, whitespace included (it marks word breaks).
    pub glyphs: Vec<Glyph>,
    /// Images drawn on the page (a page of images and no glyphs is a scan).
    pub images: usize,
}

/// Why the glyphs could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ReadError {
    /// The file is encrypted and needs a password we do not have.
    NeedsPassword,
    /// The encryption is broken or uses an algorithm we cannot read.
    BadEncryption,
    /// The file is not a readable PDF.
    Invalid,
}

/// Interpret every page of the PDF in `bytes` and collect its glyphs.
pub(super) fn read(bytes: &[u8]) -> Result<Vec<PageGlyphs>, ReadError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => ReadError::NeedsPassword,
        LoadPdfError::Decryption(_) => ReadError::BadEncryption,
        LoadPdfError::Invalid => ReadError::Invalid,
    })?;
    let cache = InterpreterCache::new();
    let settings =
        InterpreterSettings { render_content: RenderContent::PAGE, ..InterpreterSettings::default() };
    let mut pages = Vec::new();
    let mut budget = MAX_GLYPHS;
    for page in pdf.pages().iter() {
        let (width, height) = page.render_dimensions();
        let mut collector = Collector { page: PageGlyphs { height, ..PageGlyphs::default() }, budget };
        if budget > 0 {
            let bbox = Rect::new(0.0, 0.0, f64::from(width), f64::from(height));
            let mut context = Context::new(
                page.initial_transform(true).to_kurbo(),
                bbox,
                &cache,
                pdf.xref(),
                settings.clone(),
            );
            interpret_page(page, &mut context, &mut collector);
        }
        budget = collector.budget;
        pages.push(collector.page);
    }
    Ok(pages)
}

/// A hayro device that keeps glyphs and counts images, and ignores all other drawing.
struct Collector {
    page: PageGlyphs,
    budget: usize,
}

/// Bold and italic from a glyph's font: its weight class and PostScript name when the font
/// program is embedded (non-embedded fonts report neither).
fn font_style(glyph: &HayroGlyph<'_>) -> (bool, bool) {
    let HayroGlyph::Outline(outline) = glyph else { return (false, false) };
    let Some(data) = outline.font_data() else { return (false, false) };
    let name = data.postscript_name.unwrap_or_default().to_ascii_lowercase();
    let bold = data.weight.is_some_and(|w| w >= 600)
        || ["bold", "black", "heavy", "semibold", "demi"].iter().any(|w| name.contains(w));
    let italic = data.is_italic || name.contains("italic") || name.contains("oblique");
    (bold, italic)
}

fn advance(glyph: &HayroGlyph<'_>) -> Option<f32> {
    match glyph {
        HayroGlyph::Outline(g) => g.advance_width(),
        HayroGlyph::Type3(g) => g.advance_width(),
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.page.images += 1;
    }

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        if matches!(mode, DrawMode::Stroke(_)) && self.page.glyphs.last().is_some() {
            // Fill-and-stroke text arrives twice; the fill is enough.
            if let Some(first) = run.glyphs().first() {
                let origin = (props.transform * first.transform()) * Point::ZERO;
                if self.page.glyphs.iter().rev().take(run.glyphs().len()).any(|g| {
                    (f64::from(g.x0) - origin.x).abs() < 0.01 && (f64::from(g.y) - origin.y).abs() < 0.01
                }) {
                    return;
                }
            }
        }
        let Some(first) = run.glyphs().first() else { return };
        let (bold, italic) = font_style(first);
        for positioned in run.glyphs() {
            if self.budget == 0 {
                return;
            }
            let Some(text) = positioned.as_unicode() else { continue };
            let transform: Affine = props.transform * positioned.transform();
            let origin = transform * Point::ZERO;
            let up = transform * Point::new(0.0, 1000.0);
            let size = (up - origin).hypot() as f32;
            let width = advance(positioned).unwrap_or(500.0);
            let end = transform * Point::new(f64::from(width), 0.0);
            // Only horizontal, left-to-right text is laid out; rotated labels are skipped.
            let (dx, dy) = (end.x - origin.x, end.y - origin.y);
            if !(size.is_finite() && size > 0.5 && size < 500.0) || dy.abs() > dx.abs().max(0.01) * 0.2 {
                continue;
            }
            let mut normalised = Vec::with_capacity(2);
            match text {
                BfString::Char(c) => chars::normalise(c, &mut normalised),
                BfString::String(s) => s.chars().for_each(|c| chars::normalise(c, &mut normalised)),
            }
            let (x0, x1) = (origin.x as f32, end.x.max(origin.x) as f32);
            let step = (x1 - x0) / normalised.len().max(1) as f32;
            for (i, ch) in normalised.into_iter().enumerate() {
                let start = x0 + step * i as f32;
                self.page.glyphs.push(Glyph {
                    ch,
                    x0: start,
                    x1: start + step,
                    y: origin.y as f32,
                    size,
                    bold,
                    italic,
                });
                self.budget = self.budget.saturating_sub(1);
            }
        }
    }
}
