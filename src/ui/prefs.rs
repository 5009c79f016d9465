//! The window's preferences (layout, zoom, theme, sort, recent sessions) as one serde struct,
//! kept in the app's data folder, written atomically and owner-only like everything else.

use crate::query::Sort;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many recent sessions File › Open recent remembers.
pub const RECENT_LIMIT: usize = 10;

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ThemeChoice {
    /// Follow the desktop.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Everything about the window the reviewer would expect to find as they left it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Light, dark or the desktop's.
    pub theme: ThemeChoice,
    /// Reader text size (1.0 = normal).
    pub zoom: f32,
    /// Two readers side by side.
    pub side_by_side: bool,
    /// The outline panel is shown.
    pub show_outline: bool,
    /// Width of the recommendation list, in points.
    pub list_width: f32,
    /// Width of the editor panel, in points.
    pub detail_width: f32,
    /// How the list is sorted.
    pub sort: Sort,
    /// Recently opened sessions, newest first.
    pub recent: Vec<PathBuf>,
    /// Window size in points, restored at start.
    pub window_size: Option<[f32; 2]>,
    /// The recommendation last selected in each recent session (newest first), so a review
    /// reopens where the reviewer left it.
    #[serde(default)]
    pub last_selected: Vec<(PathBuf, String)>,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            zoom: 1.0,
            side_by_side: true,
            show_outline: false,
            list_width: DEFAULT_LIST_WIDTH,
            detail_width: DEFAULT_DETAIL_WIDTH,
            sort: Sort::default(),
            recent: Vec::new(),
            window_size: None,
            last_selected: Vec::new(),
        }
    }
}

/// The list's width on first start and after View › Reset layout.
pub const DEFAULT_LIST_WIDTH: f32 = 440.0;
/// The editor's width on first start and after View › Reset layout.
pub const DEFAULT_DETAIL_WIDTH: f32 = 360.0;

impl Prefs {
    /// Read the preferences in `path`; anything unreadable gives the defaults (preferences
    /// are never worth an error dialog), with nonsense values clamped.
    pub fn load(path: &Path) -> Self {
        let Ok(meta) = std::fs::metadata(path) else { return Self::default() };
        if !meta.is_file() || meta.len() > 1 << 20 {
            return Self::default();
        }
        let mut prefs: Self =
            std::fs::read_to_string(path).ok().and_then(|t| ron::from_str(&t).ok()).unwrap_or_default();
        prefs.sanitise();
        prefs
    }

    /// Write the preferences to `path` (atomically, owner-only).
    pub fn save(&self, path: &Path) -> Result<(), crate::store::StoreError> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| crate::store::StoreError::Serialise(e.to_string()))?;
        crate::store::write_atomically(path, text.as_bytes(), None)
    }

    /// Remember `path` as the most recent session.
    pub fn remember(&mut self, path: &Path) {
        let path = crate::store::absolute(path);
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }

    /// Remember that recommendation `id` was selected in the session at `path`.
    pub fn remember_selection(&mut self, path: &Path, id: &str) {
        let path = crate::store::absolute(path);
        if self.last_selected.first().is_some_and(|(p, i)| *p == path && i == id) {
            return;
        }
        self.last_selected.retain(|(p, _)| *p != path);
        self.last_selected.insert(0, (path, id.to_owned()));
        self.last_selected.truncate(RECENT_LIMIT);
    }

    /// The recommendation last selected in the session at `path`, if remembered.
    pub fn selection_in(&self, path: &Path) -> Option<&str> {
        let path = crate::store::absolute(path);
        self.last_selected.iter().find(|(p, _)| *p == path).map(|(_, id)| id.as_str())
    }

    /// Back to the default panel widths.
    pub fn reset_layout(&mut self) {
        self.list_width = DEFAULT_LIST_WIDTH;
        self.detail_width = DEFAULT_DETAIL_WIDTH;
        self.show_outline = false;
        self.side_by_side = true;
    }

    fn sanitise(&mut self) {
        let finite = |v: f32, default: f32| if v.is_finite() { v } else { default };
        self.zoom = finite(self.zoom, 1.0).clamp(0.5, 3.0);
        self.list_width = finite(self.list_width, DEFAULT_LIST_WIDTH).clamp(200.0, 1200.0);
        self.detail_width = finite(self.detail_width, DEFAULT_DETAIL_WIDTH).clamp(200.0, 1200.0);
        self.recent.truncate(RECENT_LIMIT);
        if let Some([w, h]) = self.window_size
            && !(w.is_finite() && h.is_finite() && w >= 400.0 && h >= 300.0)
        {
            self.window_size = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_owner_only_and_garbage_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prefs.ron");
        let mut prefs = Prefs { zoom: 1.3, list_width: 9000.0, ..Prefs::default() };
        prefs.remember(Path::new("/tmp/a.ron"));
        prefs.save(&path).unwrap();
        let back = Prefs::load(&path);
        assert_eq!(back.zoom, 1.3);
        assert_eq!(back.list_width, 1200.0, "an absurd width is clamped");
        assert_eq!(back.recent, vec![PathBuf::from("/tmp/a.ron")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        std::fs::write(&path, "garbage").unwrap();
        assert_eq!(Prefs::load(&path), Prefs::default());
    }
}
