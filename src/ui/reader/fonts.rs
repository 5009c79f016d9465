//! The reader's typefaces: DejaVu Sans regular, bold and oblique (bundled in
//! `assets/fonts/`, Bitstream Vera licence, see `LICENSE-DejaVu.txt`), so that bold text is
//! really bold and italic really italic (egui's default fonts have one weight). egui's own
//! fonts stay as fallbacks for scripts DejaVu does not cover.

use egui::{FontData, FontFamily};
use std::sync::Arc;

/// Family names registered by [`install`].
const REGULAR: &str = "stocktake-reader";
const BOLD: &str = "stocktake-reader-bold";
const ITALIC: &str = "stocktake-reader-italic";

/// The faces text can be drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Regular,
    Bold,
    Italic,
}

/// The font family of `face`, or the default proportional family when the reader's fonts
/// are not installed (yet) in this context.
pub(crate) fn family(face: Face, installed: bool) -> FontFamily {
    if !installed {
        return FontFamily::Proportional;
    }
    FontFamily::Name(
        match face {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
            Face::Italic => ITALIC,
        }
        .into(),
    )
}

/// True when the reader's fonts are registered in `ctx`.
pub(crate) fn installed(ctx: &egui::Context) -> bool {
    let bold = FontFamily::Name(BOLD.into());
    ctx.fonts(|f| f.families().contains(&bold))
}

/// Register the reader's faces in `ctx` (once; the rest of the fonts are kept). Text laid out
/// in the frame that installs them may still use the default family; the reader lays out
/// again once they are in.
pub fn install(ctx: &egui::Context) {
    if installed(ctx) {
        return;
    }
    let mut defs = ctx.fonts(|f| f.definitions().clone());
    let fallbacks = defs.families.get(&FontFamily::Proportional).cloned().unwrap_or_default();
    let faces: [(&str, &str, &'static [u8]); 3] = [
        (REGULAR, "DejaVuSans", include_bytes!("../../../assets/fonts/DejaVuSans.ttf")),
        (BOLD, "DejaVuSans-Bold", include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf")),
        (ITALIC, "DejaVuSans-Oblique", include_bytes!("../../../assets/fonts/DejaVuSans-Oblique.ttf")),
    ];
    for (family, name, bytes) in faces {
        defs.font_data.insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
        let mut chain = vec![name.to_owned()];
        chain.extend(fallbacks.iter().cloned());
        defs.families.insert(FontFamily::Name(family.into()), chain);
    }
    ctx.set_fonts(defs);
}
