//! Every user-facing action in one table: its name, keyboard shortcut and menu. Menus, the
//! keyboard handler and Help › Keyboard shortcuts are all generated from [`Action::ALL`].

use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the user can ask the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// New session from one or more documents.
    NewFromDocuments,
    /// Open a session or document.
    Open,
    /// Save the session.
    Save,
    /// Save the session under a new name.
    SaveAs,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Select the next recommendation in the list.
    NextRecommendation,
    /// Select the previous recommendation in the list.
    PreviousRecommendation,
    /// Record the extractor's suggested stance as the reviewer's.
    AcceptSuggestedStance,
    /// Make an annotation from the reader's selection, linked to the selected recommendation.
    Annotate,
    /// Make a new recommendation from the reader's selection (one the extractor missed).
    NewRecommendationFromSelection,
    /// Add an empty recommendation by hand.
    AddRecommendation,
    /// Move keyboard focus to the list's search box.
    FocusSearch,
    /// Find in the reader under the pointer (else the left one).
    Find,
    /// Larger reader text.
    ZoomIn,
    /// Smaller reader text.
    ZoomOut,
    /// Reader text at its normal size.
    ZoomReset,
    /// Set the current cycle's grade of the selected recommendation (index into `Grade::ALL`).
    SetGrade(usize),
    /// Show one reader or two side by side.
    ToggleSideBySide,
    /// Switch between light and dark themes.
    ToggleTheme,
    /// Show or hide the outline of the document.
    ToggleOutline,
    /// Forget dragged panel widths; back to the default layout.
    ResetLayout,
    /// Close the window (asking to save first).
    Quit,
    /// Show the keyboard shortcuts.
    ShowShortcuts,
    /// Show information about Stocktake.
    ShowAbout,
}

/// Which top-level menu an action appears in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    /// File menu.
    File,
    /// Edit menu.
    Edit,
    /// View menu.
    View,
    /// Review menu.
    Review,
    /// Help menu.
    Help,
}

impl Menu {
    /// Menus in menu-bar order.
    pub const ALL: [Menu; 5] = [Menu::File, Menu::Edit, Menu::View, Menu::Review, Menu::Help];

    /// Title in the menu bar.
    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::View => "View",
            Menu::Review => "Review",
            Menu::Help => "Help",
        }
    }
}

const fn key(modifiers: Modifiers, key: Key) -> Option<KeyboardShortcut> {
    Some(KeyboardShortcut::new(modifiers, key))
}

const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const GRADE_KEYS: [Key; 5] = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5];

impl Action {
    /// Every action, in menu order.
    pub const ALL: [Action; 29] = [
        Action::NewFromDocuments,
        Action::Open,
        Action::Save,
        Action::SaveAs,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::NextRecommendation,
        Action::PreviousRecommendation,
        Action::SetGrade(0),
        Action::SetGrade(1),
        Action::SetGrade(2),
        Action::SetGrade(3),
        Action::SetGrade(4),
        Action::AcceptSuggestedStance,
        Action::Annotate,
        Action::NewRecommendationFromSelection,
        Action::AddRecommendation,
        Action::FocusSearch,
        Action::Find,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ZoomReset,
        Action::ToggleSideBySide,
        Action::ToggleTheme,
        Action::ToggleOutline,
        Action::ResetLayout,
        Action::ShowShortcuts,
        Action::ShowAbout,
    ];

    /// Name shown in menus and Help.
    pub fn name(self) -> String {
        match self {
            Action::NewFromDocuments => "New from documents…".into(),
            Action::Open => "Open…".into(),
            Action::Save => "Save".into(),
            Action::SaveAs => "Save as…".into(),
            Action::Undo => "Undo".into(),
            Action::Redo => "Redo".into(),
            Action::NextRecommendation => "Next recommendation".into(),
            Action::PreviousRecommendation => "Previous recommendation".into(),
            Action::SetGrade(i) => {
                let g = crate::model::Grade::ALL.get(i).copied().unwrap_or_default();
                format!("Grade: {}", g.key())
            }
            Action::AcceptSuggestedStance => "Accept suggested stance".into(),
            Action::Annotate => "Annotate selection as evidence".into(),
            Action::NewRecommendationFromSelection => "New recommendation from selection".into(),
            Action::AddRecommendation => "Add recommendation by hand".into(),
            Action::FocusSearch => "Search the list".into(),
            Action::Find => "Find in document".into(),
            Action::ZoomIn => "Zoom in".into(),
            Action::ZoomOut => "Zoom out".into(),
            Action::ZoomReset => "Actual size".into(),
            Action::ToggleSideBySide => "Two readers side by side".into(),
            Action::ToggleTheme => "Light / dark theme".into(),
            Action::ToggleOutline => "Outline".into(),
            Action::ResetLayout => "Reset layout".into(),
            Action::Quit => "Quit".into(),
            Action::ShowShortcuts => "Keyboard shortcuts".into(),
            Action::ShowAbout => "About Stocktake".into(),
        }
    }

    /// The keyboard shortcut, if any. Single-key shortcuts only fire outside text fields.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Action::NewFromDocuments => key(Modifiers::COMMAND, Key::N),
            Action::Open => key(Modifiers::COMMAND, Key::O),
            Action::Save => key(Modifiers::COMMAND, Key::S),
            Action::SaveAs => key(CMD_SHIFT, Key::S),
            Action::Undo => key(Modifiers::COMMAND, Key::Z),
            Action::Redo => key(CMD_SHIFT, Key::Z),
            Action::NextRecommendation => key(Modifiers::NONE, Key::ArrowDown),
            Action::PreviousRecommendation => key(Modifiers::NONE, Key::ArrowUp),
            Action::SetGrade(i) => GRADE_KEYS.get(i).and_then(|k| key(Modifiers::NONE, *k)),
            Action::AcceptSuggestedStance => key(Modifiers::NONE, Key::A),
            Action::Annotate => key(Modifiers::COMMAND, Key::E),
            Action::NewRecommendationFromSelection => key(CMD_SHIFT, Key::E),
            Action::AddRecommendation => None,
            Action::FocusSearch => key(Modifiers::COMMAND, Key::L),
            Action::Find => key(Modifiers::COMMAND, Key::F),
            Action::ZoomIn => key(Modifiers::COMMAND, Key::Plus),
            Action::ZoomOut => key(Modifiers::COMMAND, Key::Minus),
            Action::ZoomReset => key(Modifiers::COMMAND, Key::Num0),
            Action::ToggleSideBySide => key(Modifiers::COMMAND, Key::Backslash),
            Action::ToggleTheme => key(CMD_SHIFT, Key::T),
            Action::ToggleOutline => key(CMD_SHIFT, Key::O),
            Action::ResetLayout => None,
            Action::Quit => key(Modifiers::COMMAND, Key::Q),
            Action::ShowShortcuts => key(Modifiers::NONE, Key::F1),
            Action::ShowAbout => None,
        }
    }

    /// Extra keys that do the same (j/k for next/previous).
    pub fn alternative_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Action::NextRecommendation => key(Modifiers::NONE, Key::J),
            Action::PreviousRecommendation => key(Modifiers::NONE, Key::K),
            Action::Redo => key(Modifiers::COMMAND, Key::Y),
            Action::ZoomIn => key(Modifiers::COMMAND, Key::Equals),
            _ => None,
        }
    }

    /// Every key that runs the action, main one first.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        [self.shortcut(), self.alternative_shortcut()].into_iter().flatten().collect()
    }

    /// The menu the action is listed in.
    pub fn menu(self) -> Menu {
        match self {
            Action::NewFromDocuments | Action::Open | Action::Save | Action::SaveAs | Action::Quit => {
                Menu::File
            }
            Action::Undo | Action::Redo => Menu::Edit,
            Action::ToggleSideBySide | Action::ToggleTheme | Action::ToggleOutline | Action::ResetLayout => {
                Menu::View
            }
            Action::FocusSearch | Action::Find | Action::ZoomIn | Action::ZoomOut | Action::ZoomReset => {
                Menu::View
            }
            Action::NextRecommendation
            | Action::PreviousRecommendation
            | Action::SetGrade(_)
            | Action::AcceptSuggestedStance
            | Action::Annotate
            | Action::NewRecommendationFromSelection
            | Action::AddRecommendation => Menu::Review,
            Action::ShowShortcuts | Action::ShowAbout => Menu::Help,
        }
    }
}
