//! What importing a tracker into a session would change, per recommendation and field,
//! shown before anything changes; applying the plan is one Command batch (one undo step).

use super::mapping::{ColumnMapping, TrackerField};
use super::rows::{RowProblem, TrackerRecord, TrackerRows, label_key};
use crate::edit::{Command, RecField};
use crate::model::{Cycle, Grade, Recommendation, Session};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// One field that will change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// Which field.
    pub field: TrackerField,
    /// The session's value now, as text ("" when empty).
    pub from: String,
    /// The tracker's value.
    pub to: String,
}

/// What will happen to one recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecommendationPlan {
    /// Tracker row it comes from.
    pub row: usize,
    /// Label.
    pub label: String,
    /// Id in the session (new ids for new recommendations).
    pub rec_id: String,
    /// True when the recommendation is not in the session yet and will be added.
    pub is_new: bool,
    /// The fields that will change (for a new one: every field the tracker gives).
    pub changes: Vec<FieldChange>,
}

/// Everything an import would do. Nothing has changed until [`ImportPlan::command`] is applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportPlan {
    /// The file (and sheet) read.
    pub source: String,
    /// The column mapping used.
    pub mapping: ColumnMapping,
    /// Label of the cycle the statuses go into (the current cycle).
    pub cycle: String,
    /// Label of a cycle added before it to hold the previous statuses, when the session has
    /// no earlier cycle and the tracker has a Previous status column.
    pub new_previous_cycle: Option<String>,
    /// Recommendations added or changed, in tracker order.
    pub recommendations: Vec<RecommendationPlan>,
    /// How many tracker rows match a recommendation and change nothing.
    pub unchanged: usize,
    /// Labels of session recommendations the tracker does not mention (left as they are).
    pub not_in_tracker: Vec<String>,
    /// Rows that could not be read or matched, with why.
    pub problems: Vec<RowProblem>,
    /// Things the reviewer should know that change nothing (kept values).
    pub notes: Vec<String>,
    #[serde(skip)]
    commands: Vec<Command>,
}

impl ImportPlan {
    /// True when applying the plan would change nothing.
    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }

    /// How many recommendations are added and how many changed.
    pub fn counts(&self) -> (usize, usize) {
        let added = self.recommendations.iter().filter(|r| r.is_new).count();
        (added, self.recommendations.len() - added)
    }

    /// The whole import as one command (one undo step); None when nothing changes.
    pub fn command(&self) -> Option<Command> {
        (!self.commands.is_empty()).then(|| Command::Batch(self.commands.clone()))
    }

    /// The plan as text: the changes per recommendation and field, then the rest.
    pub fn to_text(&self) -> String {
        let (added, changed) = self.counts();
        let mut out = format!(
            "{}: {added} to add, {changed} to change, {} unchanged, {} rows not read (statuses go into {:?})\n",
            self.source,
            self.unchanged,
            self.problems.len(),
            self.cycle
        );
        if let Some(c) = &self.new_previous_cycle {
            let _ = writeln!(out, "  a cycle {c:?} will be added for the previous statuses");
        }
        for rec in &self.recommendations {
            let _ = writeln!(out, "{} {} (row {})", if rec.is_new { "+" } else { "~" }, rec.label, rec.row);
            for c in &rec.changes {
                if rec.is_new {
                    let _ = writeln!(out, "    {}: {}", c.field.name(), short(&c.to));
                } else {
                    let _ = writeln!(out, "    {}: {} → {}", c.field.name(), short(&c.from), short(&c.to));
                }
            }
        }
        if !self.not_in_tracker.is_empty() {
            let _ =
                writeln!(out, "Not in the tracker (left as they are): {}", self.not_in_tracker.join(", "));
        }
        for note in &self.notes {
            let _ = writeln!(out, "Note: {note}");
        }
        for p in &self.problems {
            let _ = writeln!(out, "Row {}: {}", p.row, p.reason);
        }
        out
    }
}

/// A value cut to one line of about 60 characters, for the text plan.
fn short(value: &str) -> String {
    let one_line = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return "(empty)".into();
    }
    if one_line.chars().count() > 60 {
        format!("{}…", one_line.chars().take(59).collect::<String>())
    } else {
        one_line
    }
}

/// Fresh ids for things the plan adds, unique in the session and among themselves.
struct Ids<'a> {
    session: &'a Session,
    taken: HashSet<String>,
}

impl Ids<'_> {
    fn fresh(&mut self, prefix: &str) -> String {
        let used = |id: &str| {
            self.session.recommendations.iter().any(|r| r.id == id)
                || self.session.annotations.iter().any(|a| a.id == id)
                || self.session.documents.iter().any(|d| d.id == id)
                || self.session.cycles.iter().any(|c| c.id == id)
        };
        let id = (1..)
            .map(|n| format!("{prefix}{n}"))
            .find(|id| !used(id) && !self.taken.contains(id))
            .unwrap_or_default();
        self.taken.insert(id.clone());
        id
    }
}

/// Plan the import of `rows` into `session`: recommendations are matched by label (case,
/// spaces and a trailing full stop ignored); statuses go into the current cycle, previous
/// statuses into the cycle before it. Empty tracker cells change nothing; the text of a
/// recommendation found in a document is kept (the tracker's wording is often shortened).
pub fn plan_import(session: &Session, rows: &TrackerRows) -> ImportPlan {
    let mut ids = Ids { session, taken: HashSet::new() };
    let mut by_label: HashMap<String, Vec<&Recommendation>> = HashMap::new();
    for rec in &session.recommendations {
        by_label.entry(label_key(&rec.label)).or_default().push(rec);
    }
    let current = session.current_cycle.clone();
    let current_label = session.current().map_or_else(|| current.clone(), |c| c.label.clone());
    let mut commands = Vec::new();
    let mut problems = rows.problems.clone();
    let mut notes = Vec::new();

    // Where previous statuses go: the cycle before the current one, or a new one.
    let mut new_previous_cycle = None;
    let previous = match session.previous_cycle(&current) {
        Some(c) => Some(c.id.clone()),
        None if rows.has_previous() => {
            let id = ids.fresh("c");
            let label = "Previous tracker".to_owned();
            let index = session.cycles.iter().position(|c| c.id == current).unwrap_or(0);
            commands.push(Command::InsertCycle {
                index,
                cycle: Box::new(Cycle::new(id.clone(), label.clone(), None)),
            });
            new_previous_cycle = Some(label);
            Some(id)
        }
        None => None,
    };

    let mut plans = Vec::new();
    let mut unchanged = 0;
    let mut matched: HashSet<&str> = HashSet::new();
    for record in &rows.records {
        let candidates = by_label.get(&label_key(&record.label)).map(Vec::as_slice).unwrap_or(&[]);
        match candidates {
            [] => {
                let id = ids.fresh("r");
                let (plan, cmds) = add_new(session, record, id, &current, previous.as_deref());
                plans.push(plan);
                commands.extend(cmds);
            }
            [rec] => {
                matched.insert(rec.id.as_str());
                let (changes, cmds) = update(session, rec, record, &current, previous.as_deref(), &mut notes);
                if changes.is_empty() {
                    unchanged += 1;
                } else {
                    plans.push(RecommendationPlan {
                        row: record.row,
                        label: rec.label.clone(),
                        rec_id: rec.id.clone(),
                        is_new: false,
                        changes,
                    });
                    commands.extend(cmds);
                }
            }
            many => problems.push(RowProblem {
                row: record.row,
                reason: format!(
                    "label {:?} matches {} recommendations in the session; not imported",
                    record.label,
                    many.len()
                ),
            }),
        }
    }
    problems.sort_by_key(|p| p.row);
    let not_in_tracker = session
        .recommendations
        .iter()
        .filter(|r| {
            !matched.contains(r.id.as_str())
                && by_label.get(&label_key(&r.label)).is_some_and(|v| v.len() == 1)
        })
        .map(|r| r.label.clone())
        .collect();
    // A cycle added for previous statuses nobody uses would be noise.
    if new_previous_cycle.is_some() && commands.len() == 1 {
        commands.clear();
        new_previous_cycle = None;
    }
    ImportPlan {
        source: rows.source.clone(),
        mapping: rows.mapping.clone(),
        cycle: current_label,
        new_previous_cycle,
        recommendations: plans,
        unchanged,
        not_in_tracker,
        problems,
        notes,
        commands,
    }
}

fn grade_text(session: &Session, grade: Option<Grade>) -> String {
    grade.map(|g| session.grade_scheme.style(g).name).unwrap_or_default()
}

fn date_text(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A new recommendation from a tracker row.
fn add_new(
    session: &Session,
    record: &TrackerRecord,
    id: String,
    current: &str,
    previous: Option<&str>,
) -> (RecommendationPlan, Vec<Command>) {
    let mut rec =
        Recommendation::new(id.clone(), record.label.clone(), record.text.clone().unwrap_or_default());
    rec.owner = record.owner.clone().unwrap_or_default();
    rec.theme = record.theme.clone().unwrap_or_default();
    rec.narrative = record.narrative.clone().unwrap_or_default();
    rec.due = record.due;
    rec.anticipated_grade = record.anticipated;
    if let Some(g) = record.status {
        rec.grades.insert(current.to_owned(), g);
    }
    if let (Some(p), Some(g)) = (previous, record.previous) {
        rec.grades.insert(p.to_owned(), g);
    }
    let mut changes = Vec::new();
    let mut note = |field, to: String| {
        if !to.is_empty() {
            changes.push(FieldChange { field, from: String::new(), to });
        }
    };
    note(TrackerField::Text, rec.text.clone());
    note(TrackerField::Owner, rec.owner.clone());
    note(TrackerField::Theme, rec.theme.clone());
    note(TrackerField::Status, grade_text(session, record.status));
    note(
        TrackerField::Previous,
        if previous.is_some() { grade_text(session, record.previous) } else { String::new() },
    );
    note(TrackerField::Anticipated, grade_text(session, record.anticipated));
    note(TrackerField::Due, date_text(record.due));
    note(TrackerField::Narrative, rec.narrative.clone());
    let plan = RecommendationPlan {
        row: record.row,
        label: record.label.clone(),
        rec_id: id,
        is_new: true,
        changes,
    };
    // Appended after everything else (the index is clamped), in tracker order.
    (plan, vec![Command::InsertRecommendation { index: usize::MAX, rec: Box::new(rec) }])
}

/// The changes a tracker row makes to an existing recommendation.
fn update(
    session: &Session,
    rec: &Recommendation,
    record: &TrackerRecord,
    current: &str,
    previous: Option<&str>,
    notes: &mut Vec<String>,
) -> (Vec<FieldChange>, Vec<Command>) {
    let mut changes = Vec::new();
    let mut cmds = Vec::new();
    let mut text_field =
        |field: TrackerField, new: &Option<String>, old: &str, make: fn(String) -> RecField| {
            if let Some(new) = new
                && new.trim() != old.trim()
            {
                changes.push(FieldChange { field, from: old.to_owned(), to: new.clone() });
                cmds.push(Command::set(&rec.id, make(new.clone())));
            }
        };
    if rec.source.is_none() || rec.text.trim().is_empty() {
        text_field(TrackerField::Text, &record.text, &rec.text, RecField::Text);
    }
    text_field(TrackerField::Owner, &record.owner, &rec.owner, RecField::Owner);
    text_field(TrackerField::Theme, &record.theme, &rec.theme, RecField::Theme);
    text_field(TrackerField::Narrative, &record.narrative, &rec.narrative, RecField::Narrative);

    let carried = session.cycle(current).is_some_and(|c| c.is_carried_over(&rec.id));
    if let Some(g) = record.status {
        let now = rec.grades.get(current).copied();
        if now != Some(g) || carried {
            let from = grade_text(session, now) + if carried { " (carried over)" } else { "" };
            changes.push(FieldChange { field: TrackerField::Status, from, to: grade_text(session, Some(g)) });
            cmds.push(Command::set(&rec.id, RecField::Grade { cycle: current.to_owned(), grade: Some(g) }));
        }
    }
    if let (Some(p), Some(g)) = (previous, record.previous) {
        match rec.grades.get(p).copied() {
            None => {
                changes.push(FieldChange { field: TrackerField::Previous, from: String::new(), to: grade_text(session, Some(g)) });
                cmds.push(Command::set(&rec.id, RecField::Grade { cycle: p.to_owned(), grade: Some(g) }));
            }
            Some(had) if had != g => notes.push(format!(
                "{}: the tracker gives the previous status as {}, the session recorded {}; the session's is kept",
                rec.label,
                grade_text(session, Some(g)),
                grade_text(session, Some(had))
            )),
            Some(_) => {}
        }
    }
    if record.anticipated.is_some() && record.anticipated != rec.anticipated_grade {
        changes.push(FieldChange {
            field: TrackerField::Anticipated,
            from: grade_text(session, rec.anticipated_grade),
            to: grade_text(session, record.anticipated),
        });
        cmds.push(Command::set(&rec.id, RecField::AnticipatedGrade(record.anticipated)));
    }
    if record.due.is_some() && record.due != rec.due {
        changes.push(FieldChange {
            field: TrackerField::Due,
            from: date_text(rec.due),
            to: date_text(record.due),
        });
        cmds.push(Command::set(&rec.id, RecField::Due(record.due)));
    }
    (changes, cmds)
}
