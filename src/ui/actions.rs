//! Every user-facing action in one table: its name, keyboard shortcut and menu. Menus, the
//! keyboard handler, the command palette and Help › Keyboard shortcuts are all generated from
//! [`Action::ALL`].

use crate::model::{Grade, Session, Stance};
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
    /// Close the window (asking to save first).
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Find any command or recommendation by typing.
    CommandPalette,
    /// Select the next recommendation in the list.
    NextRecommendation,
    /// Select the previous recommendation in the list.
    PreviousRecommendation,
    /// Select the next recommendation with neither grade nor stance.
    NextNotReviewed,
    /// Set the current cycle's grade of the selected recommendation (index into `Grade::ALL`).
    SetGrade(usize),
    /// Record the stance of the response (index into `Stance::ALL`).
    SetStance(usize),
    /// Record the extractor's suggested stance as the reviewer's.
    AcceptSuggestedStance,
    /// Put the cursor in the selected recommendation's notes (Esc comes back to the list).
    EditNotes,
    /// Make an annotation from the reader's selection, linked to the selected recommendation.
    Annotate,
    /// Make a new recommendation from the reader's selection (one the extractor missed).
    NewRecommendationFromSelection,
    /// Link the reader's selection as the reply to the selected recommendation.
    LinkReplyFromSelection,
    /// Re-attach the chosen passage that was not found to the reader's selection.
    ReattachOrphan,
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
    /// Show one reader or two side by side.
    ToggleSideBySide,
    /// Switch between light and dark themes.
    ToggleTheme,
    /// Export a report (HTML, Markdown) or a tracker (XLSX, CSV) of the review.
    Export,
    /// Show or hide the outline of the document.
    ToggleOutline,
    /// Scroll the reader to a page of a paged (PDF) document.
    GoToPage,
    /// Forget dragged panel widths; back to the default layout.
    ResetLayout,
    /// Show the keyboard shortcuts.
    ShowShortcuts,
    /// Show information about Stocktake.
    ShowAbout,
    /// Show the stock-take's figures in place of the readers (again: back to the readers).
    ShowDashboard,
    /// Edit the review's title, reviewer and documents.
    ReviewProperties,
    /// Start a new review cycle from the current grades.
    NewCycle,
    /// Confirm the selected recommendation's grade carried over from the previous cycle.
    ConfirmCarriedOver,
    /// Confirm every grade carried over into the current cycle.
    ConfirmAllCarriedOver,
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
/// Grades on 1–5, stances on 6–0: one row of keys for a whole judgement.
const GRADE_KEYS: [Key; 5] = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5];
const STANCE_KEYS: [Key; 5] = [Key::Num6, Key::Num7, Key::Num8, Key::Num9, Key::Num0];

/// The key that grades `grade` (shown on its button).
pub fn grade_key(grade: Grade) -> Option<&'static str> {
    let i = Grade::ALL.iter().position(|g| *g == grade)?;
    GRADE_KEYS.get(i).map(|k| k.name())
}

/// The key that records `stance` (shown on its button).
pub fn stance_key(stance: Stance) -> Option<&'static str> {
    let i = Stance::ALL.iter().position(|s| *s == stance)?;
    STANCE_KEYS.get(i).map(|k| k.name())
}

impl Action {
    /// Every action, in menu order.
    pub const ALL: &'static [Action] = &[
        Action::NewFromDocuments,
        Action::Open,
        Action::Save,
        Action::SaveAs,
        Action::Export,
        Action::ReviewProperties,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::CommandPalette,
        Action::NextRecommendation,
        Action::PreviousRecommendation,
        Action::NextNotReviewed,
        Action::SetGrade(0),
        Action::SetGrade(1),
        Action::SetGrade(2),
        Action::SetGrade(3),
        Action::SetGrade(4),
        Action::SetStance(0),
        Action::SetStance(1),
        Action::SetStance(2),
        Action::SetStance(3),
        Action::SetStance(4),
        Action::AcceptSuggestedStance,
        Action::EditNotes,
        Action::Annotate,
        Action::NewRecommendationFromSelection,
        Action::LinkReplyFromSelection,
        Action::ReattachOrphan,
        Action::AddRecommendation,
        Action::ConfirmCarriedOver,
        Action::ConfirmAllCarriedOver,
        Action::NewCycle,
        Action::ShowDashboard,
        Action::FocusSearch,
        Action::Find,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ZoomReset,
        Action::ToggleSideBySide,
        Action::ToggleTheme,
        Action::ToggleOutline,
        Action::GoToPage,
        Action::ResetLayout,
        Action::ShowShortcuts,
        Action::ShowAbout,
    ];

    /// Name shown in menus, the palette and Help (grade and stance names from the session's
    /// schemes, so they read as the buttons do).
    pub fn name_in(self, session: &Session) -> String {
        match self {
            Action::SetGrade(i) => match Grade::ALL.get(i) {
                Some(g) => format!("Grade: {}", session.grade_scheme.style(*g).name),
                None => "Grade".into(),
            },
            Action::SetStance(i) => match Stance::ALL.get(i) {
                Some(s) => format!("Stance: {}", session.stance_scheme.style(*s).name),
                None => "Stance".into(),
            },
            other => other.name(),
        }
    }

    /// Name shown in menus and Help.
    pub fn name(self) -> String {
        match self {
            Action::NewFromDocuments => "New from documents…".into(),
            Action::Open => "Open…".into(),
            Action::Save => "Save".into(),
            Action::SaveAs => "Save as…".into(),
            Action::Export => "Export report or tracker…".into(),
            Action::Quit => "Quit".into(),
            Action::Undo => "Undo".into(),
            Action::Redo => "Redo".into(),
            Action::CommandPalette => "Find a command or recommendation…".into(),
            Action::NextRecommendation => "Next recommendation".into(),
            Action::PreviousRecommendation => "Previous recommendation".into(),
            Action::NextNotReviewed => "Next not reviewed".into(),
            Action::SetGrade(i) => format!("Grade {}", i + 1),
            Action::SetStance(i) => format!("Stance {}", i + 1),
            Action::AcceptSuggestedStance => "Accept suggested stance".into(),
            Action::EditNotes => "Edit notes".into(),
            Action::Annotate => "Annotate selection as evidence".into(),
            Action::NewRecommendationFromSelection => "New recommendation from selection".into(),
            Action::LinkReplyFromSelection => "Link selection as the reply".into(),
            Action::ReattachOrphan => "Re-attach a passage not found to the selection".into(),
            Action::AddRecommendation => "Add recommendation by hand".into(),
            Action::FocusSearch => "Search the list".into(),
            Action::Find => "Find in document".into(),
            Action::ZoomIn => "Zoom in".into(),
            Action::ZoomOut => "Zoom out".into(),
            Action::ZoomReset => "Actual size".into(),
            Action::ToggleSideBySide => "Two readers side by side".into(),
            Action::ToggleTheme => "Light / dark theme".into(),
            Action::ToggleOutline => "Outline".into(),
            Action::GoToPage => "Go to page…".into(),
            Action::ResetLayout => "Reset layout".into(),
            Action::ShowShortcuts => "Keyboard shortcuts".into(),
            Action::ShowAbout => "About Stocktake".into(),
            Action::ShowDashboard => "Dashboard".into(),
            Action::ReviewProperties => "Review properties…".into(),
            Action::NewCycle => "New review cycle…".into(),
            Action::ConfirmCarriedOver => "Confirm carried-over grade".into(),
            Action::ConfirmAllCarriedOver => "Confirm all carried-over grades".into(),
        }
    }

    /// The keyboard shortcut, if any. Single-key shortcuts only fire outside text fields.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Action::NewFromDocuments => key(Modifiers::COMMAND, Key::N),
            Action::Open => key(Modifiers::COMMAND, Key::O),
            Action::Save => key(Modifiers::COMMAND, Key::S),
            Action::SaveAs => key(CMD_SHIFT, Key::S),
            Action::Export => key(CMD_SHIFT, Key::X),
            Action::Quit => key(Modifiers::COMMAND, Key::Q),
            Action::Undo => key(Modifiers::COMMAND, Key::Z),
            Action::Redo => key(CMD_SHIFT, Key::Z),
            Action::CommandPalette => key(Modifiers::COMMAND, Key::K),
            Action::NextRecommendation => key(Modifiers::NONE, Key::ArrowDown),
            Action::PreviousRecommendation => key(Modifiers::NONE, Key::ArrowUp),
            Action::NextNotReviewed => key(Modifiers::NONE, Key::N),
            Action::SetGrade(i) => GRADE_KEYS.get(i).and_then(|k| key(Modifiers::NONE, *k)),
            Action::SetStance(i) => STANCE_KEYS.get(i).and_then(|k| key(Modifiers::NONE, *k)),
            Action::AcceptSuggestedStance => key(Modifiers::NONE, Key::A),
            Action::EditNotes => key(Modifiers::NONE, Key::E),
            Action::Annotate => key(Modifiers::COMMAND, Key::E),
            Action::NewRecommendationFromSelection => key(CMD_SHIFT, Key::E),
            Action::LinkReplyFromSelection => key(CMD_SHIFT, Key::R),
            Action::ReattachOrphan => key(CMD_SHIFT, Key::A),
            Action::AddRecommendation => None,
            Action::FocusSearch => key(Modifiers::COMMAND, Key::L),
            Action::Find => key(Modifiers::COMMAND, Key::F),
            Action::ZoomIn => key(Modifiers::COMMAND, Key::Plus),
            Action::ZoomOut => key(Modifiers::COMMAND, Key::Minus),
            Action::ZoomReset => key(Modifiers::COMMAND, Key::Num0),
            Action::ToggleSideBySide => key(Modifiers::COMMAND, Key::Backslash),
            Action::ToggleTheme => key(CMD_SHIFT, Key::T),
            Action::ToggleOutline => key(CMD_SHIFT, Key::O),
            Action::GoToPage => key(Modifiers::COMMAND, Key::G),
            Action::ResetLayout => None,
            Action::ShowShortcuts => key(Modifiers::NONE, Key::F1),
            Action::ShowAbout => None,
            Action::ShowDashboard => key(Modifiers::COMMAND, Key::D),
            Action::ConfirmCarriedOver => key(Modifiers::NONE, Key::C),
            Action::ReviewProperties | Action::NewCycle | Action::ConfirmAllCarriedOver => None,
        }
    }

    /// Extra keys that do the same (j/k for next/previous).
    pub fn alternative_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Action::NextRecommendation => key(Modifiers::NONE, Key::J),
            Action::PreviousRecommendation => key(Modifiers::NONE, Key::K),
            Action::Redo => key(Modifiers::COMMAND, Key::Y),
            Action::ZoomIn => key(Modifiers::COMMAND, Key::Equals),
            Action::CommandPalette => key(CMD_SHIFT, Key::P),
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
            Action::NewFromDocuments
            | Action::Open
            | Action::Save
            | Action::SaveAs
            | Action::Export
            | Action::Quit
            | Action::ReviewProperties => Menu::File,
            Action::Undo | Action::Redo | Action::CommandPalette => Menu::Edit,
            Action::ToggleSideBySide
            | Action::ToggleTheme
            | Action::ToggleOutline
            | Action::GoToPage
            | Action::ResetLayout
            | Action::FocusSearch
            | Action::Find
            | Action::ZoomIn
            | Action::ZoomOut
            | Action::ZoomReset
            | Action::ShowDashboard => Menu::View,
            Action::NextRecommendation
            | Action::PreviousRecommendation
            | Action::NextNotReviewed
            | Action::SetGrade(_)
            | Action::SetStance(_)
            | Action::AcceptSuggestedStance
            | Action::EditNotes
            | Action::Annotate
            | Action::NewRecommendationFromSelection
            | Action::LinkReplyFromSelection
            | Action::ReattachOrphan
            | Action::AddRecommendation
            | Action::ConfirmCarriedOver
            | Action::ConfirmAllCarriedOver
            | Action::NewCycle => Menu::Review,
            Action::ShowShortcuts | Action::ShowAbout => Menu::Help,
        }
    }
}
