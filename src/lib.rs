//! Stocktake: an offline workbench for reviewing how recommendations were answered.
//!
//! Everything but `ui` (behind the default `gui` feature) is headless and free of egui, so
//! it can be tested and scripted.

pub mod anchor;
pub mod document;
pub mod edit;
pub mod extract;
pub mod intake;
pub mod job;
pub mod model;
pub mod query;
pub mod report;
pub mod store;
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;
pub mod workspace;
