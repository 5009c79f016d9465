//! The eframe app: the only module that uses egui, eframe or rfd. Split by concern: the
//! frame loop and view state (`app`), what actions do (`commands`), dialogs (`modals`), the
//! panels and status bar (`panels`), background jobs (`jobs`), messages (`notifications`),
//! preferences (`prefs`), file dialogs (`file_dialog`) and the width budget (`layout`).

mod actions;
mod app;
mod commands;
mod cycles;
mod dashboard;
mod detail;
mod export;
mod file_dialog;
mod go_to_page;
mod highlights;
mod jobs;
mod layout;
mod list;
mod modals;
mod notifications;
mod orphans;
mod palette;
mod panels;
mod prefs;
mod properties;
pub mod reader;
mod readers;
mod review_step;
mod style;

pub use actions::{Action, Menu};
pub use app::{AUTOSAVE_INTERVAL, StocktakeApp};
pub use commands::EVIDENCE_COLOUR;
pub use file_dialog::{DialogOutcome, DialogRequest, FakeDialogs, FileDialogs, RfdDialogs};
pub use list::ListState;
pub use modals::Modal;
pub use notifications::{Level, Notice};
pub use prefs::Prefs;
pub use readers::{ReaderPane, Readers};

use std::path::PathBuf;

/// Open the main window on `paths` (a session or documents), or on the bundled sample.
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    if !display_available() {
        anyhow::bail!(
            "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot open; \
             the subcommands work without one (see `stocktake --help`)"
        );
    }
    let data = data_folder();
    let prefs = data.as_ref().map(|d| Prefs::load(&d.join("prefs.ron"))).unwrap_or_default();
    let size = prefs.window_size.unwrap_or([1500.0, 950.0]);
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport: egui::ViewportBuilder::default()
            .with_title("Stocktake")
            .with_inner_size(size)
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Stocktake",
        options,
        Box::new(move |_cc| {
            let mut app = StocktakeApp::new(Box::new(RfdDialogs::default()));
            if let Some(data) = &data {
                app.use_prefs_file(data.join("prefs.ron"));
                app.set_untitled_folder(data.clone());
            }
            if paths.is_empty() {
                app.open_sample();
            } else {
                app.open_paths(&paths);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

/// The app's own data folder (preferences, untitled autosaves), created owner-only.
fn data_folder() -> Option<PathBuf> {
    let dir = directories::ProjectDirs::from("", "", "Stocktake")?.data_dir().to_owned();
    std::fs::create_dir_all(&dir).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
    }
    Some(dir)
}

/// True when there is a display to open a window on (always, outside Linux and the BSDs).
fn display_available() -> bool {
    if cfg!(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd", target_os = "netbsd")) {
        ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
    } else {
        true
    }
}
