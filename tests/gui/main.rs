//! The window tests (egui_kittest), one binary: the real UI driven by label and role.

mod gui_basics;
mod gui_keyboard;
mod gui_snapshot;
mod gui_workflow;
mod reader_keys;
mod reader_outline;
mod reader_structure;
mod reader_ui;
mod stocktake_ui;
