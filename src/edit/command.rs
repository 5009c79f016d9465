//! The Command type: one variant per kind of change, each applied by returning its inverse.

use crate::model::{
    Anchor, Annotation, Cycle, Document, DocumentRole, Grade, GradeStyle, Recommendation, RecommendationKind,
    Session, Stance, StanceStyle,
};
use jiff::civil::Date;
use std::path::PathBuf;

/// A change to one field of a recommendation. Applying it yields the field's old value.
#[derive(Debug, Clone, PartialEq)]
pub enum RecField {
    /// Label as printed.
    Label(String),
    /// Recommendation or conclusion.
    Kind(RecommendationKind),
    /// Recommendation text.
    Text(String),
    /// Responsible owner.
    Owner(String),
    /// Theme or workstream.
    Theme(String),
    /// The reviewer's stance (None clears it).
    Stance(Option<Stance>),
    /// Grade in a cycle (None clears it).
    Grade {
        /// Cycle id.
        cycle: String,
        /// New grade.
        grade: Option<Grade>,
    },
    /// Grade anticipated next cycle.
    AnticipatedGrade(Option<Grade>),
    /// Due date.
    Due(Option<Date>),
    /// Progress narrative.
    Narrative(String),
    /// Reviewer's notes.
    Notes(String),
    /// Tags.
    Tags(Vec<String>),
    /// Where the recommendation is printed (re-anchoring).
    Source(Option<Anchor>),
    /// Where its reply is printed (re-anchoring).
    Response(Option<Anchor>),
    /// The extractor's confidence; None once the reviewer confirms it is a recommendation.
    FoundWith(Option<f32>),
}

impl RecField {
    /// Short name of the field, for history labels and typing coalescence.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Label(_) => "label",
            Self::Kind(_) => "kind",
            Self::Text(_) => "text",
            Self::Owner(_) => "owner",
            Self::Theme(_) => "theme",
            Self::Stance(_) => "stance",
            Self::Grade { .. } => "grade",
            Self::AnticipatedGrade(_) => "anticipated grade",
            Self::Due(_) => "due date",
            Self::Narrative(_) => "narrative",
            Self::Notes(_) => "notes",
            Self::Tags(_) => "tags",
            Self::Source(_) => "position",
            Self::Response(_) => "reply position",
            Self::FoundWith(_) => "confirmation",
        }
    }

    /// True for free-text fields, where keystrokes are merged into one undo step.
    pub fn is_typing(&self) -> bool {
        matches!(
            self,
            Self::Label(_)
                | Self::Tags(_)
                | Self::Text(_)
                | Self::Owner(_)
                | Self::Theme(_)
                | Self::Narrative(_)
                | Self::Notes(_)
        )
    }

    /// Store this value in `rec`, returning the field with the value it replaced.
    fn swap_into(self, rec: &mut Recommendation) -> RecField {
        use std::mem::replace;
        match self {
            Self::Label(v) => Self::Label(replace(&mut rec.label, v)),
            Self::Kind(v) => Self::Kind(replace(&mut rec.kind, v)),
            Self::Text(v) => Self::Text(replace(&mut rec.text, v)),
            Self::Owner(v) => Self::Owner(replace(&mut rec.owner, v)),
            Self::Theme(v) => Self::Theme(replace(&mut rec.theme, v)),
            Self::Stance(v) => Self::Stance(replace(&mut rec.stance, v)),
            Self::Grade { cycle, grade } => {
                let old = match grade {
                    Some(g) => rec.grades.insert(cycle.clone(), g),
                    None => rec.grades.remove(&cycle),
                };
                Self::Grade { cycle, grade: old }
            }
            Self::AnticipatedGrade(v) => Self::AnticipatedGrade(replace(&mut rec.anticipated_grade, v)),
            Self::Due(v) => Self::Due(replace(&mut rec.due, v)),
            Self::Narrative(v) => Self::Narrative(replace(&mut rec.narrative, v)),
            Self::Notes(v) => Self::Notes(replace(&mut rec.notes, v)),
            Self::Tags(v) => Self::Tags(replace(&mut rec.tags, v)),
            Self::Source(v) => Self::Source(replace(&mut rec.source, v)),
            Self::Response(v) => Self::Response(replace(&mut rec.response, v)),
            Self::FoundWith(v) => Self::FoundWith(replace(&mut rec.found_with, v)),
        }
    }
}

/// A change to one property of a document. Applying it yields the old value.
#[derive(Debug, Clone, PartialEq)]
pub enum DocField {
    /// Title shown to the reviewer.
    Title(String),
    /// Role in the review.
    Role(DocumentRole),
    /// Where the file is, relative to the session's folder (relinking a moved file, Save As).
    Path(PathBuf),
    /// Hash and length of the normalised text (after re-anchoring to a changed file).
    Fingerprint {
        /// SHA-256 of the normalised text, lowercase hex.
        sha256: String,
        /// Length of the normalised text in characters.
        length: usize,
    },
}

impl DocField {
    /// Short name of the property, for history labels.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Title(_) => "document title",
            Self::Role(_) => "document role",
            Self::Path(_) => "document location",
            Self::Fingerprint { .. } => "document fingerprint",
        }
    }

    fn swap_into(self, doc: &mut Document) -> DocField {
        use std::mem::replace;
        match self {
            Self::Title(v) => Self::Title(replace(&mut doc.title, v)),
            Self::Role(v) => Self::Role(replace(&mut doc.role, v)),
            Self::Path(v) => Self::Path(replace(&mut doc.path, v)),
            Self::Fingerprint { sha256, length } => Self::Fingerprint {
                sha256: replace(&mut doc.sha256, sha256),
                length: replace(&mut doc.length, length),
            },
        }
    }
}

/// A change to a review cycle's label or date. Applying it yields the old value.
#[derive(Debug, Clone, PartialEq)]
pub enum CycleField {
    /// Label shown to the reviewer.
    Label(String),
    /// The date the grades describe.
    AsOf(Option<Date>),
}

/// One change to a session. Everything that edits a session is expressed as one of these.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Change one field of a recommendation.
    SetField {
        /// Recommendation id.
        rec: String,
        /// The field and its new value.
        field: RecField,
    },
    /// Insert a recommendation at `index` (clamped to the list length).
    InsertRecommendation {
        /// Position in the list.
        index: usize,
        /// The recommendation.
        rec: Box<Recommendation>,
    },
    /// Remove a recommendation.
    RemoveRecommendation {
        /// Recommendation id.
        id: String,
    },
    /// Insert an annotation at `index` (clamped).
    InsertAnnotation {
        /// Position in the list.
        index: usize,
        /// The annotation.
        annotation: Box<Annotation>,
    },
    /// Replace an annotation (note, colour, links…) by id.
    ReplaceAnnotation {
        /// The new state; its id names the annotation.
        annotation: Box<Annotation>,
    },
    /// Change an annotation's note (typed, so merged into one undo step per pause).
    SetAnnotationNote {
        /// Annotation id.
        id: String,
        /// The new note.
        note: String,
    },
    /// Remove an annotation.
    RemoveAnnotation {
        /// Annotation id.
        id: String,
    },
    /// Add a document at `index` (clamped).
    InsertDocument {
        /// Position in the list.
        index: usize,
        /// The document.
        document: Box<Document>,
    },
    /// Remove a document (annotations on it stay, as orphans, until removed too).
    RemoveDocument {
        /// Document id.
        id: String,
    },
    /// Change one property of a document.
    SetDocument {
        /// Document id.
        id: String,
        /// The property and its new value.
        field: DocField,
    },
    /// Add a review cycle at `index` in the list (clamped; cycles are kept oldest first).
    InsertCycle {
        /// Position in the list.
        index: usize,
        /// The cycle.
        cycle: Box<Cycle>,
    },
    /// Remove a review cycle (not the current one). Grades recorded for it stay on the
    /// recommendations unless removed too; [`crate::edit::remove_cycle`] does both.
    RemoveCycle {
        /// Cycle id.
        id: String,
    },
    /// Change a cycle's label or as-of date.
    SetCycle {
        /// Cycle id.
        id: String,
        /// The property and its new value.
        field: CycleField,
    },
    /// Make another cycle the one being graded.
    SetCurrentCycle(String),
    /// Mark grades in a cycle as carried over from the previous cycle (`carried: true`), or
    /// as confirmed by the reviewer (`carried: false`).
    SetCarriedOver {
        /// Cycle id.
        cycle: String,
        /// Recommendation ids.
        recs: Vec<String>,
        /// Carried over (unconfirmed) or confirmed.
        carried: bool,
    },
    /// Replace how one grade is named, coloured, explained and keyed.
    SetGradeStyle(Box<GradeStyle>),
    /// Replace how one stance is named, coloured, explained and keyed.
    SetStanceStyle(Box<StanceStyle>),
    /// Change an annotation's highlight colour (`#rrggbb`; dragging a colour picker is one
    /// undo step per pause, like typing).
    SetAnnotationColour {
        /// Annotation id.
        id: String,
        /// The new colour.
        colour: String,
    },
    /// Set the session title.
    SetTitle(String),
    /// Set the reviewer's name.
    SetReviewer(String),
    /// Several commands as one undo step, applied in order.
    Batch(Vec<Command>),
    /// Several commands as one undo step with a name of its own for the Edit menu
    /// ("re-anchor 12 passages").
    NamedBatch {
        /// What the step did.
        label: String,
        /// The commands, applied in order.
        commands: Vec<Command>,
    },
}

/// A colour in the schemes must be `#rrggbb`, so every view and export can draw it.
fn check_colour(colour: &str) -> Result<(), EditError> {
    let hex = colour.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(EditError::Invalid(format!("colour {colour:?} is not of the form #rrggbb")))
    }
}

/// A scheme entry needs a visible name.
fn check_name(name: &str) -> Result<(), EditError> {
    if name.trim().is_empty() { Err(EditError::Invalid("a name cannot be empty".into())) } else { Ok(()) }
}

/// What a command touched, so the UI can select it after undo/redo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A recommendation, by id.
    Recommendation(String),
    /// An annotation, by id.
    Annotation(String),
}

/// Why a command could not be applied. The session is unchanged when this is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No recommendation has this id.
    #[error("no recommendation with id {0:?}")]
    NoRecommendation(String),
    /// No annotation has this id.
    #[error("no annotation with id {0:?}")]
    NoAnnotation(String),
    /// No document has this id.
    #[error("no document with id {0:?}")]
    NoDocument(String),
    /// No review cycle has this id.
    #[error("no review cycle with id {0:?}")]
    NoCycle(String),
    /// The id is already taken.
    #[error("id {0:?} is already used")]
    DuplicateId(String),
    /// The new value is not allowed (a malformed colour, a key already in use…).
    #[error("{0}")]
    Invalid(String),
}

impl Command {
    /// Apply to `session`, returning the command that undoes it.
    pub fn apply(self, session: &mut Session) -> Result<Command, EditError> {
        match self {
            Self::SetField { rec, field } => {
                let graded_cycle = match &field {
                    RecField::Grade { cycle, .. } => Some(cycle.clone()),
                    _ => None,
                };
                let r = session
                    .recommendations
                    .iter_mut()
                    .find(|r| r.id == rec)
                    .ok_or_else(|| EditError::NoRecommendation(rec.clone()))?;
                let old = field.swap_into(r);
                // Giving a grade (even the same one) confirms a carried-over grade.
                let confirmed = graded_cycle.filter(|c| {
                    session
                        .cycles
                        .iter_mut()
                        .find(|cy| &cy.id == c)
                        .is_some_and(|cy| cy.carried_over.remove(&rec))
                });
                let reverse = Self::SetField { rec: rec.clone(), field: old };
                Ok(match confirmed {
                    Some(cycle) => Self::Batch(vec![
                        reverse,
                        Self::SetCarriedOver { cycle, recs: vec![rec], carried: true },
                    ]),
                    None => reverse,
                })
            }
            Self::InsertRecommendation { index, rec } => {
                if session.recommendation_index(&rec.id).is_some() {
                    return Err(EditError::DuplicateId(rec.id.clone()));
                }
                let id = rec.id.clone();
                let index = index.min(session.recommendations.len());
                session.recommendations.insert(index, *rec);
                Ok(Self::RemoveRecommendation { id })
            }
            Self::RemoveRecommendation { id } => {
                let index = session.recommendation_index(&id).ok_or(EditError::NoRecommendation(id))?;
                let rec = Box::new(session.recommendations.remove(index));
                Ok(Self::InsertRecommendation { index, rec })
            }
            Self::InsertAnnotation { index, annotation } => {
                if session.annotations.iter().any(|a| a.id == annotation.id) {
                    return Err(EditError::DuplicateId(annotation.id.clone()));
                }
                let id = annotation.id.clone();
                let index = index.min(session.annotations.len());
                session.annotations.insert(index, *annotation);
                Ok(Self::RemoveAnnotation { id })
            }
            Self::ReplaceAnnotation { annotation } => {
                let slot = session
                    .annotations
                    .iter_mut()
                    .find(|a| a.id == annotation.id)
                    .ok_or_else(|| EditError::NoAnnotation(annotation.id.clone()))?;
                let old = std::mem::replace(slot, *annotation);
                Ok(Self::ReplaceAnnotation { annotation: Box::new(old) })
            }
            Self::SetAnnotationNote { id, note } => {
                let slot = session
                    .annotations
                    .iter_mut()
                    .find(|a| a.id == id)
                    .ok_or_else(|| EditError::NoAnnotation(id.clone()))?;
                let old = std::mem::replace(&mut slot.note, note);
                Ok(Self::SetAnnotationNote { id, note: old })
            }
            Self::RemoveAnnotation { id } => {
                let index =
                    session.annotations.iter().position(|a| a.id == id).ok_or(EditError::NoAnnotation(id))?;
                let annotation = Box::new(session.annotations.remove(index));
                Ok(Self::InsertAnnotation { index, annotation })
            }
            Self::InsertDocument { index, document } => {
                if session.document(&document.id).is_some() {
                    return Err(EditError::DuplicateId(document.id.clone()));
                }
                let index = index.min(session.documents.len());
                let id = document.id.clone();
                session.documents.insert(index, *document);
                Ok(Self::RemoveDocument { id })
            }
            Self::RemoveDocument { id } => {
                let index =
                    session.documents.iter().position(|d| d.id == id).ok_or(EditError::NoDocument(id))?;
                let document = Box::new(session.documents.remove(index));
                Ok(Self::InsertDocument { index, document })
            }
            Self::SetDocument { id, field } => {
                let doc = session
                    .documents
                    .iter_mut()
                    .find(|d| d.id == id)
                    .ok_or_else(|| EditError::NoDocument(id.clone()))?;
                let old = field.swap_into(doc);
                Ok(Self::SetDocument { id, field: old })
            }
            Self::InsertCycle { index, cycle } => {
                if session.cycle(&cycle.id).is_some() {
                    return Err(EditError::DuplicateId(cycle.id.clone()));
                }
                let id = cycle.id.clone();
                let index = index.min(session.cycles.len());
                session.cycles.insert(index, *cycle);
                Ok(Self::RemoveCycle { id })
            }
            Self::RemoveCycle { id } => {
                if id == session.current_cycle {
                    return Err(EditError::Invalid(format!(
                        "cycle {id:?} is the one being graded; make another cycle current first"
                    )));
                }
                let index = session.cycles.iter().position(|c| c.id == id).ok_or(EditError::NoCycle(id))?;
                let cycle = Box::new(session.cycles.remove(index));
                Ok(Self::InsertCycle { index, cycle })
            }
            Self::SetCycle { id, field } => {
                let cycle = session
                    .cycles
                    .iter_mut()
                    .find(|c| c.id == id)
                    .ok_or_else(|| EditError::NoCycle(id.clone()))?;
                let old = match field {
                    CycleField::Label(v) => CycleField::Label(std::mem::replace(&mut cycle.label, v)),
                    CycleField::AsOf(v) => CycleField::AsOf(std::mem::replace(&mut cycle.as_of, v)),
                };
                Ok(Self::SetCycle { id, field: old })
            }
            Self::SetCurrentCycle(id) => {
                if session.cycle(&id).is_none() {
                    return Err(EditError::NoCycle(id));
                }
                Ok(Self::SetCurrentCycle(std::mem::replace(&mut session.current_cycle, id)))
            }
            Self::SetCarriedOver { cycle, recs, carried } => {
                if let Some(missing) = recs.iter().find(|r| session.recommendation_index(r).is_none()) {
                    return Err(EditError::NoRecommendation(missing.clone()));
                }
                let slot = session
                    .cycles
                    .iter_mut()
                    .find(|c| c.id == cycle)
                    .ok_or_else(|| EditError::NoCycle(cycle.clone()))?;
                // The reverse names only the marks that actually changed.
                let changed: Vec<String> = recs
                    .into_iter()
                    .filter(|r| {
                        if carried {
                            slot.carried_over.insert(r.clone())
                        } else {
                            slot.carried_over.remove(r)
                        }
                    })
                    .collect();
                Ok(Self::SetCarriedOver { cycle, recs: changed, carried: !carried })
            }
            Self::SetGradeStyle(style) => {
                check_colour(&style.colour)?;
                check_name(&style.name)?;
                let scheme = &mut session.grade_scheme;
                if let Some(key) = style.shortcut
                    && let Some(other) = crate::model::Grade::ALL
                        .into_iter()
                        .find(|g| *g != style.grade && scheme.shortcut(*g) == key)
                {
                    return Err(EditError::Invalid(format!(
                        "key {key:?} already gives the grade {}",
                        scheme.style(other).name
                    )));
                }
                let old = scheme.style(style.grade);
                match scheme.grades.iter_mut().find(|s| s.grade == style.grade) {
                    Some(slot) => *slot = *style,
                    None => scheme.grades.push(*style),
                }
                Ok(Self::SetGradeStyle(Box::new(old)))
            }
            Self::SetStanceStyle(style) => {
                check_colour(&style.colour)?;
                check_name(&style.name)?;
                let scheme = &mut session.stance_scheme;
                if let Some(key) = style.shortcut
                    && let Some(other) = scheme.stances.iter().find(|s| {
                        s.stance != style.stance && s.shortcut.is_some_and(|k| k.eq_ignore_ascii_case(&key))
                    })
                {
                    return Err(EditError::Invalid(format!(
                        "key {key:?} already gives the stance {}",
                        other.name
                    )));
                }
                let old = scheme.style(style.stance);
                match scheme.stances.iter_mut().find(|s| s.stance == style.stance) {
                    Some(slot) => *slot = *style,
                    None => scheme.stances.push(*style),
                }
                Ok(Self::SetStanceStyle(Box::new(old)))
            }
            Self::SetAnnotationColour { id, colour } => {
                let slot = session
                    .annotations
                    .iter_mut()
                    .find(|a| a.id == id)
                    .ok_or_else(|| EditError::NoAnnotation(id.clone()))?;
                let old = std::mem::replace(&mut slot.colour, colour);
                Ok(Self::SetAnnotationColour { id, colour: old })
            }
            Self::SetTitle(t) => Ok(Self::SetTitle(std::mem::replace(&mut session.title, t))),
            Self::SetReviewer(r) => Ok(Self::SetReviewer(std::mem::replace(&mut session.reviewer, r))),
            Self::Batch(cmds) => Ok(Self::Batch(apply_all(cmds, session)?)),
            Self::NamedBatch { label, commands } => {
                Ok(Self::NamedBatch { label, commands: apply_all(commands, session)? })
            }
        }
    }

    /// A named batch: several commands as one undo step called `label` in the Edit menu.
    pub fn named_batch(label: impl Into<String>, commands: Vec<Command>) -> Self {
        Self::NamedBatch { label: label.into(), commands }
    }

    /// For typed edits: what is being typed into (item id, field), so keystrokes within a
    /// pause join one undo step.
    pub fn typing_key(&self) -> Option<(String, &'static str)> {
        match self {
            Self::SetField { rec, field } if field.is_typing() => Some((rec.clone(), field.name())),
            Self::SetAnnotationNote { id, .. } => Some((id.clone(), "annotation note")),
            Self::SetAnnotationColour { id, .. } => Some((id.clone(), "annotation colour")),
            Self::SetDocument { id, field: DocField::Title(_) } => Some((id.clone(), "document title")),
            Self::SetCycle { id, field: CycleField::Label(_) } => Some((id.clone(), "cycle label")),
            Self::SetTitle(_) => Some((String::new(), "title")),
            Self::SetReviewer(_) => Some((String::new(), "reviewer")),
            _ => None,
        }
    }

    /// The recommendation or annotation this command is about, for selection after undo/redo.
    pub fn target(&self) -> Option<Target> {
        match self {
            Self::SetField { rec, .. } => Some(Target::Recommendation(rec.clone())),
            Self::InsertRecommendation { rec, .. } => Some(Target::Recommendation(rec.id.clone())),
            Self::RemoveRecommendation { id } => Some(Target::Recommendation(id.clone())),
            Self::InsertAnnotation { annotation, .. } | Self::ReplaceAnnotation { annotation } => {
                Some(Target::Annotation(annotation.id.clone()))
            }
            Self::RemoveAnnotation { id }
            | Self::SetAnnotationNote { id, .. }
            | Self::SetAnnotationColour { id, .. } => Some(Target::Annotation(id.clone())),
            Self::Batch(cmds) | Self::NamedBatch { commands: cmds, .. } => {
                cmds.iter().find_map(Command::target)
            }
            _ => None,
        }
    }

    /// A short description for the Edit menu ("Undo set grade").
    pub fn describe(&self) -> String {
        match self {
            Self::SetField { field, .. } => format!("set {}", field.name()),
            Self::InsertRecommendation { .. } => "add recommendation".into(),
            Self::RemoveRecommendation { .. } => "delete recommendation".into(),
            Self::InsertAnnotation { .. } => "add annotation".into(),
            Self::ReplaceAnnotation { .. } => "edit annotation".into(),
            Self::RemoveAnnotation { .. } => "delete annotation".into(),
            Self::SetAnnotationNote { .. } => "edit annotation note".into(),
            Self::InsertDocument { .. } => "add document".into(),
            Self::RemoveDocument { .. } => "remove document".into(),
            Self::SetDocument { field, .. } => format!("set {}", field.name()),
            Self::InsertCycle { .. } => "new review cycle".into(),
            Self::RemoveCycle { .. } => "remove review cycle".into(),
            Self::SetCycle { field: CycleField::Label(_), .. } => "set cycle label".into(),
            Self::SetCycle { field: CycleField::AsOf(_), .. } => "set cycle date".into(),
            Self::SetCurrentCycle(_) => "switch review cycle".into(),
            Self::SetCarriedOver { carried: false, .. } => "confirm carried-over grade".into(),
            Self::SetCarriedOver { carried: true, .. } => "mark grade carried over".into(),
            Self::SetGradeStyle(_) => "edit grade scheme".into(),
            Self::SetStanceStyle(_) => "edit stance scheme".into(),
            Self::SetAnnotationColour { .. } => "change highlight colour".into(),
            Self::SetTitle(_) => "set title".into(),
            Self::SetReviewer(_) => "set reviewer".into(),
            Self::Batch(cmds) => cmds.first().map(Command::describe).unwrap_or_else(|| "edit".into()),
            Self::NamedBatch { label, .. } => label.clone(),
        }
    }
}

/// Apply `cmds` in order, returning their inverses in undo order; on failure roll back what
/// was applied so the session is unchanged.
fn apply_all(cmds: Vec<Command>, session: &mut Session) -> Result<Vec<Command>, EditError> {
    let mut inverses = Vec::with_capacity(cmds.len());
    for cmd in cmds {
        match cmd.apply(session) {
            Ok(inv) => inverses.push(inv),
            Err(e) => {
                for inv in inverses.into_iter().rev() {
                    let _ = inv.apply(session);
                }
                return Err(e);
            }
        }
    }
    inverses.reverse();
    Ok(inverses)
}
