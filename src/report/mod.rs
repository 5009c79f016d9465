//! Statistics, summaries and exports of a session: the dashboard's figures, the summary
//! sentence, cycle comparison, and Markdown, HTML, CSV and XLSX exports.

mod compare;
mod cycle_ref;
pub mod export;
mod figures;
mod sentence;
mod summary;

pub use compare::{CompareError, Comparison, Moved, Transition, compare, find_cycle};
pub use cycle_ref::{CycleRef, long_date};
pub use export::{ExportError, ExportFormat, ReportInput, export, render};
pub use figures::{Breakdown, Figure, Figures, GradeFigure, StanceFigure, whole_percent};
pub use sentence::sentence;
pub use summary::Summary;
