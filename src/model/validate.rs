//! Consistency of a session: what [`Session::validate`] finds wrong, each named so a reviewer
//! (or `stocktake check`) can fix it. A session with problems still loads; edits that
//! depend on a broken part (a duplicated id) are refused rather than applied "first match wins".

use super::{Anchor, Session};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// The kinds of item that carry ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A recommendation.
    Recommendation,
    /// An annotation.
    Annotation,
    /// A document.
    Document,
    /// A review cycle.
    Cycle,
}

impl ItemKind {
    fn name(self) -> &'static str {
        match self {
            Self::Recommendation => "recommendation",
            Self::Annotation => "annotation",
            Self::Document => "document",
            Self::Cycle => "cycle",
        }
    }
}

/// Which passage an anchor problem is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Passage {
    /// Where a recommendation (by id) is printed.
    Source(String),
    /// Where its reply is printed.
    Reply(String),
    /// An annotation (by id).
    Annotation(String),
}

impl fmt::Display for Passage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Source(id) => write!(f, "recommendation {id:?}"),
            Self::Reply(id) => write!(f, "the reply to recommendation {id:?}"),
            Self::Annotation(id) => write!(f, "annotation {id:?}"),
        }
    }
}

/// One inconsistency in a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Two or more items of one kind share an id.
    DuplicateId {
        /// What kind of item.
        kind: ItemKind,
        /// The id.
        id: String,
        /// How many items have it.
        count: usize,
    },
    /// An item has an empty id.
    EmptyId {
        /// What kind of item.
        kind: ItemKind,
        /// Its position in its list, from 0.
        index: usize,
    },
    /// `current_cycle` names no cycle.
    UnknownCurrentCycle {
        /// The id it names.
        cycle: String,
    },
    /// A recommendation has a grade for a cycle that does not exist.
    GradeInUnknownCycle {
        /// Recommendation id.
        recommendation: String,
        /// The cycle id.
        cycle: String,
    },
    /// An annotation is evidence for a recommendation that does not exist.
    EvidenceForMissingRecommendation {
        /// Annotation id.
        annotation: String,
        /// The missing recommendation's id.
        recommendation: String,
    },
    /// An anchor points into a document the session does not have.
    UnknownDocument {
        /// The passage.
        passage: Passage,
        /// The document id it names.
        document: String,
    },
    /// An anchor ends before it starts.
    InvertedRange {
        /// The passage.
        passage: Passage,
        /// Start offset.
        start: usize,
        /// End offset.
        end: usize,
    },
    /// An anchor ends past the end of its document's text.
    PastEnd {
        /// The passage.
        passage: Passage,
        /// The document id.
        document: String,
        /// End offset (characters).
        end: usize,
        /// Length of the document's text (characters).
        length: usize,
    },
    /// A document's embedded text is not as long as its recorded length.
    EmbeddedLength {
        /// Document id.
        document: String,
        /// Recorded length (characters).
        recorded: usize,
        /// Length of the embedded text (characters).
        embedded: usize,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DuplicateId { kind, id, count } => {
                write!(f, "duplicate {} id {id:?} (used by {count} {}s)", kind.name(), kind.name())
            }
            Self::EmptyId { kind, index } => {
                write!(f, "{} number {} has an empty id", kind.name(), index + 1)
            }
            Self::UnknownCurrentCycle { cycle } => {
                write!(f, "current_cycle {cycle:?} is not one of the session's cycles")
            }
            Self::GradeInUnknownCycle { recommendation, cycle } => {
                write!(
                    f,
                    "recommendation {recommendation:?} has a grade for cycle {cycle:?}, which does not exist"
                )
            }
            Self::EvidenceForMissingRecommendation { annotation, recommendation } => write!(
                f,
                "annotation {annotation:?} is evidence for recommendation {recommendation:?}, which does not exist"
            ),
            Self::UnknownDocument { passage, document } => {
                write!(f, "{passage} is anchored in document {document:?}, which does not exist")
            }
            Self::InvertedRange { passage, start, end } => {
                write!(f, "{passage} has an inverted range (start {start} is after end {end})")
            }
            Self::PastEnd { passage, document, end, length } => write!(
                f,
                "{passage} ends at character {end}, past the end of document {document:?} ({length} characters)"
            ),
            Self::EmbeddedLength { document, recorded, embedded } => write!(
                f,
                "document {document:?} records {recorded} characters but its embedded text has {embedded}"
            ),
        }
    }
}

impl Session {
    /// Every inconsistency in the session, checking anchors against each document's
    /// recorded length. An empty list means the session is consistent.
    pub fn validate(&self) -> Vec<Problem> {
        self.validate_with(&HashMap::new())
    }

    /// As [`Session::validate`], but anchors into the documents listed are checked against
    /// the length (in characters) of their actual text, `(document id, length)`.
    pub fn validate_against(&self, texts: &[(&str, usize)]) -> Vec<Problem> {
        self.validate_with(&texts.iter().copied().collect())
    }

    fn validate_with(&self, actual: &HashMap<&str, usize>) -> Vec<Problem> {
        let mut problems = Vec::new();
        let rec_ids =
            check_ids(ItemKind::Recommendation, self.recommendations.iter().map(|r| &r.id), &mut problems);
        check_ids(ItemKind::Annotation, self.annotations.iter().map(|a| &a.id), &mut problems);
        check_ids(ItemKind::Document, self.documents.iter().map(|d| &d.id), &mut problems);
        let cycle_ids = check_ids(ItemKind::Cycle, self.cycles.iter().map(|c| &c.id), &mut problems);

        if !cycle_ids.contains(self.current_cycle.as_str()) {
            problems.push(Problem::UnknownCurrentCycle { cycle: self.current_cycle.clone() });
        }
        let mut lengths: HashMap<&str, usize> = HashMap::new();
        for d in &self.documents {
            lengths.entry(&d.id).or_insert(d.length);
            if let Some(text) = &d.embedded_text {
                let embedded = text.chars().count();
                if embedded != d.length {
                    problems.push(Problem::EmbeddedLength {
                        document: d.id.clone(),
                        recorded: d.length,
                        embedded,
                    });
                }
            }
        }
        lengths.extend(actual.iter().map(|(id, len)| (*id, *len)));

        for r in &self.recommendations {
            for cycle in r.grades.keys().filter(|c| !cycle_ids.contains(c.as_str())) {
                problems.push(Problem::GradeInUnknownCycle {
                    recommendation: r.id.clone(),
                    cycle: cycle.clone(),
                });
            }
            if let Some(a) = &r.source {
                check_anchor(a, Passage::Source(r.id.clone()), &lengths, &mut problems);
            }
            if let Some(a) = &r.response {
                check_anchor(a, Passage::Reply(r.id.clone()), &lengths, &mut problems);
            }
        }
        for a in &self.annotations {
            check_anchor(&a.anchor, Passage::Annotation(a.id.clone()), &lengths, &mut problems);
            for rec in a.recommendations.iter().filter(|r| !rec_ids.contains(r.as_str())) {
                problems.push(Problem::EvidenceForMissingRecommendation {
                    annotation: a.id.clone(),
                    recommendation: rec.clone(),
                });
            }
        }
        problems
    }
}

/// Report empty and duplicate ids of one kind; returns the set of ids.
fn check_ids<'a>(
    kind: ItemKind,
    ids: impl Iterator<Item = &'a String>,
    problems: &mut Vec<Problem>,
) -> HashSet<&'a str> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut order = Vec::new();
    for (index, id) in ids.enumerate() {
        if id.is_empty() {
            problems.push(Problem::EmptyId { kind, index });
        }
        let n = counts.entry(id).or_insert(0);
        *n += 1;
        if *n == 2 {
            order.push(id.as_str());
        }
    }
    for id in order {
        problems.push(Problem::DuplicateId { kind, id: id.to_owned(), count: counts[id] });
    }
    counts.into_keys().collect()
}

fn check_anchor(
    anchor: &Anchor,
    passage: Passage,
    lengths: &HashMap<&str, usize>,
    problems: &mut Vec<Problem>,
) {
    if anchor.start > anchor.end {
        problems.push(Problem::InvertedRange {
            passage: passage.clone(),
            start: anchor.start,
            end: anchor.end,
        });
    }
    match lengths.get(anchor.document.as_str()) {
        None => problems.push(Problem::UnknownDocument { passage, document: anchor.document.clone() }),
        Some(&length) if anchor.end.max(anchor.start) > length => problems.push(Problem::PastEnd {
            passage,
            document: anchor.document.clone(),
            end: anchor.end.max(anchor.start),
            length,
        }),
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Document, DocumentRole, Grade, Recommendation};

    fn consistent() -> Session {
        let t = jiff::Timestamp::UNIX_EPOCH;
        let mut s = Session::new("t", t);
        let text = "A. Do the thing. The Government agrees.";
        s.documents.push(Document {
            id: "doc1".into(),
            title: "d".into(),
            role: DocumentRole::Response,
            path: "d.md".into(),
            sha256: String::new(),
            length: text.chars().count(),
            embedded_text: Some(text.into()),
        });
        let mut r = Recommendation::new("r1", "A", "Do the thing.");
        r.source = Some(Anchor::from_range("doc1", text, 3, 16));
        r.grades.insert("c1".into(), Grade::Green);
        s.recommendations.push(r);
        s.annotations.push(Annotation::new(
            "a1",
            Anchor::from_range("doc1", text, 17, 39),
            "#ffcc00",
            vec!["r1".into()],
            t,
        ));
        s
    }

    #[test]
    fn a_consistent_session_has_no_problems() {
        assert_eq!(consistent().validate(), []);
    }

    #[test]
    fn each_inconsistency_is_named() {
        let mut s = consistent();
        s.recommendations.push(s.recommendations[0].clone());
        s.current_cycle = "c9".into();
        s.recommendations[0].grades.insert("c7".into(), Grade::Red);
        s.annotations[0].recommendations.push("r404".into());
        s.annotations[0].anchor.start = 30;
        s.annotations[0].anchor.end = 20;
        s.recommendations[1].source.as_mut().unwrap().end = 500;
        s.recommendations[1].response = Some(Anchor::from_range("doc2", "x", 0, 1));
        s.documents.push(s.documents[0].clone());
        s.documents[1].embedded_text = Some("short".into());
        let messages: Vec<String> = s.validate().iter().map(|p| p.to_string()).collect();
        let expected = [
            "duplicate recommendation id \"r1\" (used by 2 recommendations)",
            "duplicate document id \"doc1\" (used by 2 documents)",
            "current_cycle \"c9\" is not one of the session's cycles",
            "document \"doc1\" records 39 characters but its embedded text has 5",
            "recommendation \"r1\" has a grade for cycle \"c7\", which does not exist",
            "recommendation \"r1\" ends at character 500, past the end of document \"doc1\" (39 characters)",
            "the reply to recommendation \"r1\" is anchored in document \"doc2\", which does not exist",
            "annotation \"a1\" has an inverted range (start 30 is after end 20)",
            "annotation \"a1\" is evidence for recommendation \"r404\", which does not exist",
        ];
        assert_eq!(messages, expected);
    }

    #[test]
    fn anchors_are_checked_against_the_actual_text_when_given() {
        let s = consistent();
        assert_eq!(s.validate_against(&[("doc1", 39)]), []);
        let problems = s.validate_against(&[("doc1", 20)]);
        assert_eq!(problems.len(), 1);
        assert!(
            matches!(&problems[0], Problem::PastEnd { passage: Passage::Annotation(id), length: 20, .. } if id == "a1")
        );
    }

    #[test]
    fn empty_ids_are_reported() {
        let mut s = consistent();
        s.annotations[0].id.clear();
        assert_eq!(s.validate(), [Problem::EmptyId { kind: ItemKind::Annotation, index: 0 }]);
    }
}
