//! Session data types: everything a review saves, with no knowledge of the UI.
//!
//! The session file is RON; field order here is the order on disk, so keep it stable.

mod anchor;
mod ids;
mod scheme;
mod validate;

pub use anchor::{Anchor, QUOTE_CONTEXT_CHARS, TextQuote};
pub use ids::IdAllocator;
pub use scheme::{Grade, GradeScheme, GradeStyle, Stance, StanceScheme, StanceStyle};
pub use validate::{ItemKind, Passage, Problem};

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The session format this build writes; sessions with a larger number are refused.
pub const FORMAT_VERSION: u32 = 1;

/// One review: the documents, the recommendations found in them, the reviewer's judgements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Version of the file format, so newer files can be refused rather than misread.
    pub format_version: u32,
    /// Human title of the review.
    pub title: String,
    /// Who is doing the review.
    #[serde(default)]
    pub reviewer: String,
    /// When the session was first created.
    pub created: Timestamp,
    /// When the session was last changed.
    pub modified: Timestamp,
    /// The documents under review (report, response, tracker…).
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Every recommendation, in document order.
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    /// Highlights with notes, anchored into documents.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Review cycles, oldest first.
    #[serde(default)]
    pub cycles: Vec<Cycle>,
    /// Id of the cycle being graded now.
    #[serde(default)]
    pub current_cycle: String,
    /// Names, colours and meanings of the grades.
    #[serde(default)]
    pub grade_scheme: GradeScheme,
    /// Names, colours and meanings of the stances.
    #[serde(default)]
    pub stance_scheme: StanceScheme,
}

/// What a document is in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum DocumentRole {
    /// The report that makes the recommendations.
    Report,
    /// The official response to the report.
    Response,
    /// A stock-take report on progress.
    StockTake,
    /// A tracker of progress (a spreadsheet of statuses).
    Tracker,
    /// Anything else.
    #[default]
    Other,
}

impl DocumentRole {
    /// All roles, for pickers.
    pub const ALL: [DocumentRole; 5] =
        [Self::Report, Self::Response, Self::StockTake, Self::Tracker, Self::Other];

    /// Name shown to the reviewer.
    pub fn name(self) -> &'static str {
        match self {
            Self::Report => "Report",
            Self::Response => "Response",
            Self::StockTake => "Stock-take",
            Self::Tracker => "Tracker",
            Self::Other => "Other",
        }
    }

    /// Parse a role name, ignoring case and separators (`stock-take`, `Tracker`).
    pub fn parse(s: &str) -> Option<Self> {
        let key = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
        let wanted = key(s);
        Self::ALL.into_iter().find(|r| key(r.name()) == wanted)
    }
}

/// A source document referenced by the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id used by anchors (`"doc1"`).
    pub id: String,
    /// Title shown in the UI.
    pub title: String,
    /// Role in the review.
    pub role: DocumentRole,
    /// Path relative to the session file's folder (or absolute if on another drive).
    pub path: PathBuf,
    /// SHA-256 (hex) of the normalised text, to notice a changed file.
    pub sha256: String,
    /// Length of the normalised text in Unicode scalar values.
    pub length: usize,
    /// The normalised text itself, so the session opens when the file has moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedded_text: Option<String>,
}

/// Recommendation or conclusion: an instruction versus an observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub enum RecommendationKind {
    /// Asks someone to do something ("should", "must", "recommend").
    #[default]
    Recommendation,
    /// Records an observation or finding.
    Conclusion,
}

impl RecommendationKind {
    /// Name shown to the reviewer.
    pub fn name(self) -> &'static str {
        match self {
            Self::Recommendation => "Recommendation",
            Self::Conclusion => "Conclusion",
        }
    }
    /// One-letter abbreviation for narrow columns.
    pub fn short(self) -> &'static str {
        match self {
            Self::Recommendation => "R",
            Self::Conclusion => "C",
        }
    }
}

/// A suggestion from the extractor, shown to the reviewer until confirmed or replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StanceSuggestion {
    /// The stance the reply's wording suggests.
    pub stance: Stance,
    /// The sentence that justified it.
    pub evidence: String,
}

/// One recommendation (or conclusion) and everything the reviewer recorded about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    /// Stable id, unique in the session (`"r1"`).
    pub id: String,
    /// Label as printed (`"A"`, `"4.4"`, `"R12"`).
    pub label: String,
    /// Part of the document the label belongs to, when labels restart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Recommendation or conclusion.
    pub kind: RecommendationKind,
    /// The text of the recommendation.
    pub text: String,
    /// Where it is printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Anchor>,
    /// Where the reply to it is printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Anchor>,
    /// Who is responsible for it.
    #[serde(default)]
    pub owner: String,
    /// Theme or workstream.
    #[serde(default)]
    pub theme: String,
    /// The reviewer's reading of the response's stance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    /// The extractor's suggested stance (never the reviewer's judgement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_stance: Option<StanceSuggestion>,
    /// How sure the extractor was (0–1) that this is a recommendation, until the reviewer
    /// confirms it (then None; also None for ones made by hand or from a tracker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found_with: Option<f32>,
    /// Grade per review cycle id: the status history.
    #[serde(default)]
    pub grades: BTreeMap<String, Grade>,
    /// Grade expected at the next cycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anticipated_grade: Option<Grade>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Short narrative of progress, as in a tracker.
    #[serde(default)]
    pub narrative: String,
    /// The reviewer's own notes.
    #[serde(default)]
    pub notes: String,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
}

impl Recommendation {
    /// A recommendation with only the extracted facts filled in.
    pub fn new(id: impl Into<String>, label: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            section: None,
            kind: RecommendationKind::Recommendation,
            text: text.into(),
            source: None,
            response: None,
            owner: String::new(),
            theme: String::new(),
            stance: None,
            suggested_stance: None,
            found_with: None,
            grades: BTreeMap::new(),
            anticipated_grade: None,
            due: None,
            narrative: String::new(),
            notes: String::new(),
            tags: Vec::new(),
        }
    }

    /// True while the extractor was unsure this is a recommendation and the reviewer has not
    /// confirmed it (below [`crate::extract::CERTAIN`]).
    pub fn is_uncertain(&self) -> bool {
        self.found_with.is_some_and(|c| c < crate::extract::CERTAIN)
    }

    /// The grade recorded for `cycle`, or Not assessed.
    pub fn grade_in(&self, cycle: &str) -> Grade {
        self.grades.get(cycle).copied().unwrap_or(Grade::NotAssessed)
    }
}

/// A highlighted passage with a note, linked to recommendations as evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable id (`"a1"`).
    pub id: String,
    /// Where it is.
    pub anchor: Anchor,
    /// The reviewer's note.
    #[serde(default)]
    pub note: String,
    /// Highlight colour, `#rrggbb`.
    pub colour: String,
    /// Optional tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Ids of the recommendations this is evidence for.
    #[serde(default)]
    pub recommendations: Vec<String>,
    /// Who made it.
    #[serde(default)]
    pub author: String,
    /// When it was made.
    pub created: Timestamp,
    /// When it was last changed.
    pub modified: Timestamp,
}

impl Annotation {
    /// A highlight of `anchor` in `colour`, evidence for `recommendations`, made at `at`; no
    /// note, tag or author yet.
    pub fn new(
        id: impl Into<String>,
        anchor: Anchor,
        colour: impl Into<String>,
        recommendations: Vec<String>,
        at: Timestamp,
    ) -> Self {
        Self {
            id: id.into(),
            anchor,
            note: String::new(),
            colour: colour.into(),
            tag: None,
            recommendations,
            author: String::new(),
            created: at,
            modified: at,
        }
    }
}

/// One review cycle: the grades given as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cycle {
    /// Stable id (`"c1"`).
    pub id: String,
    /// Label shown to the reviewer (`"January 2019"`).
    pub label: String,
    /// The date the grades describe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// Ids of the recommendations whose grade in this cycle was carried over from the
    /// previous cycle and not yet confirmed or changed by the reviewer.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub carried_over: BTreeSet<String>,
}

impl Cycle {
    /// A cycle with nothing carried over.
    pub fn new(id: impl Into<String>, label: impl Into<String>, as_of: Option<Date>) -> Self {
        Self { id: id.into(), label: label.into(), as_of, carried_over: BTreeSet::new() }
    }

    /// True when `rec_id`'s grade in this cycle is carried over and not yet confirmed.
    pub fn is_carried_over(&self, rec_id: &str) -> bool {
        self.carried_over.contains(rec_id)
    }
}

impl Session {
    /// An empty session with one cycle and the default schemes.
    pub fn new(title: impl Into<String>, now: Timestamp) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            title: title.into(),
            reviewer: String::new(),
            created: now,
            modified: now,
            documents: Vec::new(),
            recommendations: Vec::new(),
            annotations: Vec::new(),
            cycles: vec![Cycle::new("c1", "First review", None)],
            current_cycle: "c1".into(),
            grade_scheme: GradeScheme::default(),
            stance_scheme: StanceScheme::default(),
        }
    }

    /// The cycle with this id.
    pub fn cycle(&self, id: &str) -> Option<&Cycle> {
        self.cycles.iter().find(|c| c.id == id)
    }

    /// The cycle being graded now, if the session names one that exists.
    pub fn current(&self) -> Option<&Cycle> {
        self.cycle(&self.current_cycle)
    }

    /// The cycle before `id` in the session's order (cycles are kept oldest first).
    pub fn previous_cycle(&self, id: &str) -> Option<&Cycle> {
        let i = self.cycles.iter().position(|c| c.id == id)?;
        i.checked_sub(1).and_then(|p| self.cycles.get(p))
    }

    /// The cycle with this id or, failing that, this label (case-insensitive).
    pub fn find_cycle(&self, id_or_label: &str) -> Option<&Cycle> {
        self.cycle(id_or_label).or_else(|| {
            let wanted = id_or_label.trim();
            self.cycles.iter().find(|c| c.label.trim().eq_ignore_ascii_case(wanted))
        })
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// Index of the recommendation with this id.
    pub fn recommendation_index(&self, id: &str) -> Option<usize> {
        self.recommendations.iter().position(|r| r.id == id)
    }

    /// The recommendation with this label (first match, case-insensitive).
    pub fn recommendation_by_label(&self, label: &str) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.label.eq_ignore_ascii_case(label))
    }

    /// Every recommendation a reviewer could mean by `label`: those labelled exactly so, or
    /// if there are none, those whose label matches ignoring case. More than one means the
    /// label is ambiguous (labels restart per part of a report).
    pub fn recommendations_labelled(&self, label: &str) -> Vec<&Recommendation> {
        let exact: Vec<&Recommendation> = self.recommendations.iter().filter(|r| r.label == label).collect();
        if !exact.is_empty() {
            return exact;
        }
        self.recommendations.iter().filter(|r| r.label.eq_ignore_ascii_case(label)).collect()
    }

    /// Annotations linked to the recommendation with this id.
    pub fn evidence_for<'a>(&'a self, rec_id: &'a str) -> impl Iterator<Item = &'a Annotation> + 'a {
        self.annotations.iter().filter(move |a| a.recommendations.iter().any(|r| r == rec_id))
    }

    /// A fresh id with this prefix not used by any recommendation, annotation, document or
    /// cycle (one more than the highest number used after it). O(n): to make many ids, build
    /// one [`IdAllocator`] instead.
    pub fn fresh_id(&self, prefix: &str) -> String {
        IdAllocator::new(self).next(prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_from_older_files_load_and_unmarked_cycles_write_no_new_field() {
        let old: Cycle =
            ron::from_str("(id: \"c1\", label: \"January 2019\", as_of: Some(\"2019-01-24\"))").unwrap();
        assert!(old.carried_over.is_empty());
        let text = ron::to_string(&old).unwrap();
        assert!(!text.contains("carried_over"), "{text}");
        let mut marked = old.clone();
        marked.carried_over.insert("r1".into());
        let back: Cycle = ron::from_str(&ron::to_string(&marked).unwrap()).unwrap();
        assert!(back.is_carried_over("r1"));
        let style: GradeStyle =
            ron::from_str("(grade: Blue, name: \"Blue\", colour: \"#2f6fd6\", meaning: \"Complete\")")
                .unwrap();
        assert_eq!(style.shortcut, None);
        assert_eq!(DocumentRole::parse("stock-take"), Some(DocumentRole::StockTake));
        assert_eq!(DocumentRole::parse("TRACKER"), Some(DocumentRole::Tracker));
    }
}
