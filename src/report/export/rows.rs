//! The tracker's rows: one per recommendation, the same values for the CSV and the XLSX.

use super::ReportInput;
use crate::model::{Grade, Session};
use crate::query::previous_grade;

/// Column headers of the CSV and XLSX trackers, in order. They are ones the tracker import
/// recognises, so an exported tracker can be imported again.
pub const TRACKER_COLUMNS: [&str; 13] = [
    "Label",
    "Recommendation",
    "Owner",
    "Theme",
    "Stance",
    "Grade",
    "Previous grade",
    "Anticipated grade",
    "Due date",
    "Narrative",
    "Notes",
    "Evidence",
    "Page",
];

/// One recommendation as a tracker row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackerRow {
    /// Label as printed.
    pub label: String,
    /// Recommendation text.
    pub text: String,
    /// Owner.
    pub owner: String,
    /// Theme.
    pub theme: String,
    /// Stance name, empty when not recorded.
    pub stance: String,
    /// Grade in the reported cycle.
    pub grade: Grade,
    /// Grade in the cycle before; None when the reported cycle is the first.
    pub previous: Option<Grade>,
    /// Grade anticipated next cycle.
    pub anticipated: Option<Grade>,
    /// Due date.
    pub due: Option<jiff::civil::Date>,
    /// Progress narrative.
    pub narrative: String,
    /// Reviewer's notes.
    pub notes: String,
    /// Number of evidence annotations.
    pub evidence: usize,
    /// Page the recommendation is printed on (paged documents supplied).
    pub page: Option<u32>,
}

impl TrackerRow {
    /// The row's cells as text, in [`TRACKER_COLUMNS`] order (grades by the scheme's names).
    pub fn cells(&self, session: &Session) -> [String; 13] {
        let grade = |g: Option<Grade>| g.map(|g| session.grade_scheme.style(g).name).unwrap_or_default();
        [
            self.label.clone(),
            self.text.clone(),
            self.owner.clone(),
            self.theme.clone(),
            self.stance.clone(),
            grade(Some(self.grade)),
            grade(self.previous),
            grade(self.anticipated),
            self.due.map(|d| d.to_string()).unwrap_or_default(),
            self.narrative.clone(),
            self.notes.clone(),
            self.evidence.to_string(),
            self.page.map(|p| p.to_string()).unwrap_or_default(),
        ]
    }
}

/// One row per recommendation, in document order.
pub fn tracker_rows(input: &ReportInput) -> Vec<TrackerRow> {
    let session = input.session;
    session
        .recommendations
        .iter()
        .map(|r| TrackerRow {
            label: r.label.clone(),
            text: r.text.clone(),
            owner: r.owner.clone(),
            theme: r.theme.clone(),
            stance: r.stance.map(|s| session.stance_scheme.style(s).name).unwrap_or_default(),
            grade: r.grade_in(&input.cycle),
            previous: previous_grade(session, r, &input.cycle),
            anticipated: r.anticipated_grade,
            due: r.due,
            narrative: r.narrative.clone(),
            notes: r.notes.clone(),
            evidence: session.evidence_for(&r.id).count(),
            page: r.source.as_ref().and_then(|a| input.page_of(a)),
        })
        .collect()
}
