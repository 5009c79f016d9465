//! Which recommendations the list shows, and in what order: filters, text search, sorting.
//! Headless, so the list and keyboard navigation agree and both are testable.

pub mod fuzzy;
mod movement;

pub use movement::{Movement, change, is_overdue, previous_grade, progress_rank};

use crate::model::{Grade, Recommendation, RecommendationKind, Session, Stance};
use jiff::civil::Date;
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// What the reviewer has narrowed the list to. Empty fields mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this grade (current cycle).
    pub grade: Option<Grade>,
    /// Only this stance; `Some(None)` means "no stance recorded".
    pub stance: Option<Option<Stance>>,
    /// Only this owner (exact).
    pub owner: Option<String>,
    /// Only this theme (exact).
    pub theme: Option<String>,
    /// Only recommendations or only conclusions.
    pub kind: Option<RecommendationKind>,
    /// Only those with notes.
    pub has_notes: bool,
    /// Only those with neither a grade nor a stance yet.
    pub not_reviewed: bool,
    /// Only recommendations the extractor was unsure of and nobody has confirmed.
    pub uncertain: bool,
    /// Words that must all appear (case-insensitive) in the text, reply, notes, narrative or label.
    pub search: String,
    /// The cycle whose grades `grade`, `not_reviewed`, `carried_over`, `overdue`,
    /// `previous_grade` and `movement` look at; None means the current cycle.
    pub cycle: Option<String>,
    /// The cycle `previous_grade` and `movement` compare with; None means the cycle before
    /// `cycle`.
    pub baseline: Option<String>,
    /// Only those with this grade in the baseline cycle (a cell of a transition table).
    pub previous_grade: Option<Grade>,
    /// Only those whose grade moved like this since the baseline cycle.
    pub movement: Option<Movement>,
    /// Only those due before this date and not complete (overdue as of it).
    pub overdue: Option<Date>,
    /// Only grades carried over from the previous cycle and not yet confirmed.
    pub carried_over: bool,
    /// Only these recommendation ids (a list a figure names, such as "became overdue").
    pub ids: Option<BTreeSet<String>>,
}

impl Filter {
    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether `rec` passes this filter.
    pub fn matches(&self, session: &Session, rec: &Recommendation) -> bool {
        let cycle = self.cycle.as_deref().unwrap_or(&session.current_cycle);
        self.grade.is_none_or(|g| rec.grade_in(cycle) == g)
            && self.matches_history(session, rec, cycle)
            && self.ids.as_ref().is_none_or(|ids| ids.contains(&rec.id))
            && self.stance.is_none_or(|s| rec.stance == s)
            && self.owner.as_ref().is_none_or(|o| &rec.owner == o)
            && self.theme.as_ref().is_none_or(|t| &rec.theme == t)
            && self.kind.is_none_or(|k| rec.kind == k)
            && (!self.has_notes || !rec.notes.trim().is_empty())
            && (!self.not_reviewed || (rec.stance.is_none() && rec.grade_in(cycle) == Grade::NotAssessed))
            && (!self.uncertain || rec.is_uncertain())
            && self.matches_search(rec)
    }

    /// The filters that look at other cycles: baseline grade, movement, carried over, overdue.
    fn matches_history(&self, session: &Session, rec: &Recommendation, cycle: &str) -> bool {
        if self.previous_grade.is_some() || self.movement.is_some() {
            let baseline = match &self.baseline {
                Some(b) => Some(b.as_str()),
                None => session.previous_cycle(cycle).map(|c| c.id.as_str()),
            };
            let Some(baseline) = baseline else { return false };
            let before = rec.grade_in(baseline);
            if self.previous_grade.is_some_and(|g| g != before)
                || self.movement.is_some_and(|m| m != Movement::between(before, rec.grade_in(cycle)))
            {
                return false;
            }
        }
        (!self.carried_over || session.cycle(cycle).is_some_and(|c| c.is_carried_over(&rec.id)))
            && self.overdue.is_none_or(|as_of| is_overdue(rec, cycle, as_of))
    }

    fn matches_search(&self, rec: &Recommendation) -> bool {
        let words: Vec<String> = self.search.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return true;
        }
        let reply = rec.response.as_ref().map_or("", |a| a.quote.exact.as_str());
        let haystack =
            [rec.label.as_str(), &rec.text, reply, &rec.notes, &rec.narrative, &rec.owner, &rec.theme]
                .join("\n")
                .to_lowercase();
        words.iter().all(|w| haystack.contains(w.as_str()))
    }
}

/// The column the list is sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SortKey {
    /// Document order (as extracted).
    #[default]
    Document,
    /// Label, natural order (`A` < `B` < `AA`, `2` < `10`).
    Label,
    /// Kind.
    Kind,
    /// Stance.
    Stance,
    /// Grade in the current cycle.
    Grade,
    /// Owner.
    Owner,
    /// Theme.
    Theme,
    /// Number of linked annotations.
    Evidence,
    /// Whether there are notes.
    Notes,
    /// Grade in the cycle before the current one (the "previous" column).
    Previous,
    /// How the grade moved since the previous cycle (the "change" column): improved first.
    Change,
}

/// A sort: key and direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sort {
    /// What to sort by.
    pub key: SortKey,
    /// Largest first.
    pub descending: bool,
}

/// Indices into `session.recommendations` that pass `filter`, ordered by `sort`.
pub fn visible(session: &Session, filter: &Filter, sort: Sort) -> Vec<usize> {
    let mut indices: Vec<usize> = session
        .recommendations
        .iter()
        .enumerate()
        .filter(|(_, r)| filter.matches(session, r))
        .map(|(i, _)| i)
        .collect();
    if sort.key != SortKey::Document {
        let evidence = |r: &Recommendation| session.evidence_for(&r.id).count();
        let cycle = &session.current_cycle;
        indices.sort_by(|&a, &b| {
            let (ra, rb) = (&session.recommendations[a], &session.recommendations[b]);
            let ord = match sort.key {
                SortKey::Document => Ordering::Equal,
                SortKey::Label => natural_cmp(&ra.label, &rb.label),
                SortKey::Kind => ra.kind.cmp(&rb.kind),
                SortKey::Stance => ra.stance.cmp(&rb.stance),
                SortKey::Grade => ra.grade_in(cycle).cmp(&rb.grade_in(cycle)),
                SortKey::Owner => ra.owner.to_lowercase().cmp(&rb.owner.to_lowercase()),
                SortKey::Theme => ra.theme.to_lowercase().cmp(&rb.theme.to_lowercase()),
                SortKey::Evidence => evidence(ra).cmp(&evidence(rb)),
                SortKey::Notes => ra.notes.is_empty().cmp(&rb.notes.is_empty()).reverse(),
                SortKey::Previous => {
                    previous_grade(session, ra, cycle).cmp(&previous_grade(session, rb, cycle))
                }
                SortKey::Change => change(session, ra, cycle).cmp(&change(session, rb, cycle)),
            };
            // Stable tie-break: document order.
            let ord = if sort.descending { ord.reverse() } else { ord };
            ord.then(a.cmp(&b))
        });
    } else if sort.descending {
        indices.reverse();
    }
    indices
}

/// Compare labels as a reader would: shorter letter runs first (`Z` < `AA`), numbers by value.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let key = |s: &str| -> Vec<(u8, u64, String)> {
        let mut parts = Vec::new();
        let mut chars = s.chars().peekable();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_digit() {
                let mut n = String::new();
                while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    n.push(d);
                    chars.next();
                }
                parts.push((0, n.parse().unwrap_or(u64::MAX), String::new()));
            } else if c.is_alphabetic() {
                let mut w = String::new();
                while let Some(&d) = chars.peek().filter(|d| d.is_alphabetic()) {
                    w.push(d.to_ascii_uppercase());
                    chars.next();
                }
                parts.push((1, w.chars().count() as u64, w));
            } else {
                chars.next();
            }
        }
        parts
    };
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

/// Distinct non-empty owners, sorted, for the owner filter.
pub fn owners(session: &Session) -> Vec<String> {
    distinct(session.recommendations.iter().map(|r| r.owner.as_str()))
}

/// Distinct non-empty themes, sorted, for the theme filter.
pub fn themes(session: &Session) -> Vec<String> {
    distinct(session.recommendations.iter().map(|r| r.theme.as_str()))
}

fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut v: Vec<String> = values.filter(|s| !s.trim().is_empty()).map(str::to_owned).collect();
    v.sort_by_key(|s| s.to_lowercase());
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        for (label, text) in
            [("B", "Fund the stations."), ("AA", "Share with NATO."), ("A", "Coordinate strategy.")]
        {
            let id = s.fresh_id("r");
            s.recommendations.push(Recommendation::new(id, label, text));
        }
        s.recommendations[0].grades.insert("c1".into(), Grade::Red);
        s.recommendations[0].owner = "SIS".into();
        s.recommendations[1].notes = "Follow up on NATO".into();
        s.recommendations[1].stance = Some(Stance::Agreed);
        s.recommendations[2].kind = RecommendationKind::Conclusion;
        s
    }

    fn labels(s: &Session, idx: &[usize]) -> Vec<String> {
        idx.iter().map(|&i| s.recommendations[i].label.clone()).collect()
    }

    #[test]
    fn filters_narrow_to_the_expected_labels() {
        let s = session();
        let all = Sort::default();
        let f = |filter: Filter| labels(&s, &visible(&s, &filter, all));
        assert_eq!(f(Filter::default()), ["B", "AA", "A"]);
        assert_eq!(f(Filter { grade: Some(Grade::Red), ..Default::default() }), ["B"]);
        assert_eq!(f(Filter { stance: Some(Some(Stance::Agreed)), ..Default::default() }), ["AA"]);
        assert_eq!(f(Filter { stance: Some(None), ..Default::default() }), ["B", "A"]);
        assert_eq!(f(Filter { owner: Some("SIS".into()), ..Default::default() }), ["B"]);
        assert_eq!(f(Filter { kind: Some(RecommendationKind::Conclusion), ..Default::default() }), ["A"]);
        assert_eq!(f(Filter { has_notes: true, ..Default::default() }), ["AA"]);
        assert_eq!(f(Filter { not_reviewed: true, ..Default::default() }), ["A"]);
        assert_eq!(f(Filter { search: "nato".into(), ..Default::default() }), ["AA"]);
        assert_eq!(f(Filter { search: "the stations".into(), ..Default::default() }), ["B"]);
        let only_a = Some(["r3".to_string()].into_iter().collect());
        assert_eq!(f(Filter { ids: only_a, ..Default::default() }), ["A"]);
    }

    #[test]
    fn history_filters_compare_cycles_and_dates() {
        let mut s = session();
        s.cycles.push(crate::model::Cycle::new("c2", "Second", None));
        s.current_cycle = "c2".into();
        s.recommendations[0].grades.insert("c2".into(), Grade::Amber); // B: Red → Amber
        s.recommendations[1].grades.insert("c1".into(), Grade::Green);
        s.recommendations[1].grades.insert("c2".into(), Grade::Amber); // AA: Green → Amber
        s.cycles[1].carried_over.insert("r2".into());
        s.recommendations[2].due = Date::new(2019, 1, 1).ok();
        let all = Sort::default();
        let f = |filter: Filter| labels(&s, &visible(&s, &filter, all));
        assert_eq!(f(Filter { movement: Some(Movement::Improved), ..Default::default() }), ["B"]);
        assert_eq!(f(Filter { movement: Some(Movement::Regressed), ..Default::default() }), ["AA"]);
        let cell =
            Filter { previous_grade: Some(Grade::Red), grade: Some(Grade::Amber), ..Default::default() };
        assert_eq!(f(cell), ["B"]);
        assert_eq!(f(Filter { carried_over: true, ..Default::default() }), ["AA"]);
        assert_eq!(f(Filter { overdue: Date::new(2019, 2, 1).ok(), ..Default::default() }), ["A"]);
        assert_eq!(
            f(Filter { cycle: Some("c1".into()), grade: Some(Grade::Red), ..Default::default() }),
            ["B"]
        );
        let first =
            Filter { cycle: Some("c1".into()), movement: Some(Movement::Stayed), ..Default::default() };
        assert!(f(first).is_empty(), "the first cycle has nothing to compare with");
    }

    #[test]
    fn sorting_by_label_is_natural_and_descending_reverses() {
        let s = session();
        let by_label = Sort { key: SortKey::Label, descending: false };
        assert_eq!(labels(&s, &visible(&s, &Filter::default(), by_label)), ["A", "B", "AA"]);
        let desc = Sort { key: SortKey::Label, descending: true };
        assert_eq!(labels(&s, &visible(&s, &Filter::default(), desc)), ["AA", "B", "A"]);
        let by_grade = Sort { key: SortKey::Grade, descending: false };
        assert_eq!(labels(&s, &visible(&s, &Filter::default(), by_grade))[0], "B");
    }

    #[test]
    fn sorting_by_previous_grade_and_change() {
        let mut s = session();
        s.cycles.push(crate::model::Cycle::new("c2", "Second", None));
        s.current_cycle = "c2".into();
        s.recommendations[0].grades.insert("c2".into(), Grade::Green); // B: Red → Green
        s.recommendations[1].grades.insert("c1".into(), Grade::Blue);
        s.recommendations[1].grades.insert("c2".into(), Grade::Amber); // AA: Blue → Amber
        let sorted = |key| labels(&s, &visible(&s, &Filter::default(), Sort { key, descending: false }));
        assert_eq!(sorted(SortKey::Previous), ["AA", "B", "A"], "Blue, Red, not assessed");
        assert_eq!(sorted(SortKey::Change), ["B", "AA", "A"], "improved, regressed, unassessed");
    }

    #[test]
    fn natural_order_of_numbers_and_letters() {
        let mut v = vec!["R10", "R2", "4.10", "4.4", "Z", "AA", "B"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["4.4", "4.10", "B", "R2", "R10", "Z", "AA"]);
    }
}
