//! The eframe app: the only module that uses egui, eframe or rfd.

mod actions;
mod app;
mod detail;
mod dialogs;
mod highlights;
mod list;
pub mod reader;
mod readers;
mod style;

pub use actions::{Action, Menu};
pub use app::{AUTOSAVE_INTERVAL, StocktakeApp};
pub use dialogs::{FakeDialogs, FileDialogs, RfdDialogs};
pub use list::ListState;
pub use readers::{ReaderPane, Readers};

use std::path::PathBuf;

/// The sample session bundled with the source tree, opened when no path is given.
pub fn sample_session_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data").join("sample-review.ron")
}

/// Open the main window on `paths` (a session or documents), or on the sample session.
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let paths = if paths.is_empty() {
        let sample = sample_session_path();
        if sample.exists() { vec![sample] } else { Vec::new() }
    } else {
        paths
    };
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport: egui::ViewportBuilder::default()
            .with_title("Stocktake")
            .with_inner_size([1500.0, 950.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Stocktake",
        options,
        Box::new(move |cc| {
            let mut app = StocktakeApp::new(Box::new(RfdDialogs));
            app.restore(cc.storage);
            app.open_paths(&paths);
            // Untitled reviews autosave in the app's own data folder (owner-only files).
            if let Some(dir) = eframe::storage_dir("Stocktake")
                && std::fs::create_dir_all(&dir).is_ok()
            {
                app.set_untitled_location(dir.join("untitled-review.ron"));
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
