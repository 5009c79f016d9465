//! The stock-take's figures for one cycle, as the dashboard shows them: counts and whole
//! percentages by grade, by owner and by theme, stances, not yet reviewed, carried over,
//! overdue, and the change since the previous cycle. Each figure carries the list filter
//! that shows the recommendations it counts ("clicking the Amber bar for owner X").

use super::compare::{Comparison, compare};
use super::cycle_ref::CycleRef;
use crate::model::{Grade, Recommendation, Session, Stance};
use crate::query::{Filter, is_overdue};
use jiff::civil::Date;
use serde::Serialize;

/// `n` of `total` as a whole percentage, rounded half up (62.5% is 63%); 0 when `total` is 0.
pub fn whole_percent(n: usize, total: usize) -> u32 {
    if total == 0 {
        return 0;
    }
    let (n, total) = (n as u128, total as u128);
    ((200 * n + total) / (2 * total)) as u32
}

/// A count, its share of all recommendations, and the list filter that shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// How many recommendations.
    pub count: usize,
    /// Whole percentage of all recommendations (rounded half up).
    pub percent: u32,
    /// Filter for the recommendation list that shows exactly these.
    #[serde(skip)]
    pub filter: Filter,
}

/// One grade's count, with what the dashboard needs to draw it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeFigure {
    /// Which grade.
    pub grade: Grade,
    /// Name from the session's scheme.
    pub name: String,
    /// Meaning from the session's scheme.
    pub meaning: String,
    /// Colour from the session's scheme, `#rrggbb`.
    pub colour: String,
    /// Letter always shown with the colour.
    pub letter: &'static str,
    /// How many recommendations have it.
    pub count: usize,
    /// Whole percentage of the group (rounded half up).
    pub percent: u32,
    /// Filter for the list: this grade in this cycle (and this group).
    #[serde(skip)]
    pub filter: Filter,
}

/// Grade counts for one owner or theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    /// The owner or theme; empty for recommendations without one.
    pub name: String,
    /// How many recommendations it has.
    pub total: usize,
    /// Count per grade, every grade in scheme order.
    pub grades: Vec<GradeFigure>,
    /// Filter for the list: this owner or theme.
    #[serde(skip)]
    pub filter: Filter,
}

impl Breakdown {
    /// The name to show: "(none)" for recommendations without an owner or theme.
    pub fn display_name(&self) -> &str {
        if self.name.trim().is_empty() { "(none)" } else { &self.name }
    }
}

/// One stance's count; `stance` None counts those with no stance recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StanceFigure {
    /// Which stance; None for "not recorded".
    pub stance: Option<Stance>,
    /// Name from the session's scheme ("Not recorded" for None).
    pub name: String,
    /// Colour from the session's scheme.
    pub colour: String,
    /// How many recommendations.
    pub count: usize,
    /// Whole percentage of all recommendations.
    pub percent: u32,
    /// Filter for the list.
    #[serde(skip)]
    pub filter: Filter,
}

/// Everything the dashboard shows for one cycle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// The cycle described.
    pub cycle: CycleRef,
    /// The date overdue is measured against: the cycle's as-of date, else the caller's today.
    pub as_of: Date,
    /// Number of recommendations.
    pub total: usize,
    /// Count per grade in the cycle, every grade in scheme order.
    pub grades: Vec<GradeFigure>,
    /// Grade counts per owner, by owner name.
    pub by_owner: Vec<Breakdown>,
    /// Grade counts per theme, by theme name.
    pub by_theme: Vec<Breakdown>,
    /// Count per stance, then "not recorded".
    pub stances: Vec<StanceFigure>,
    /// Neither a grade in this cycle nor a stance yet.
    pub not_reviewed: Figure,
    /// Grades carried over from the previous cycle and not yet confirmed.
    pub carried_over: Figure,
    /// Due before the as-of date and not complete.
    pub overdue: Figure,
    /// Labels of the overdue recommendations, in list order.
    pub overdue_labels: Vec<String>,
    /// Change since the previous cycle; None for the first cycle.
    pub change: Option<Comparison>,
}

impl Figures {
    /// The figures for cycle `cycle_id` of `session`. `today` stands in for the as-of date
    /// when the cycle has none. An unknown cycle id gives figures where nothing is graded.
    pub fn of(session: &Session, cycle_id: &str, today: Date) -> Figures {
        let cycle = CycleRef::of(session, cycle_id);
        let as_of = cycle.as_of.unwrap_or(today);
        let recs: Vec<&Recommendation> = session.recommendations.iter().collect();
        let total = recs.len();
        let base = Filter { cycle: Some(cycle_id.to_owned()), ..Filter::default() };

        let grades = grade_figures(session, cycle_id, &recs, &base);
        let by_owner = breakdowns(session, cycle_id, &recs, &base, |r| &r.owner, |f, v| f.owner = Some(v));
        let by_theme = breakdowns(session, cycle_id, &recs, &base, |r| &r.theme, |f, v| f.theme = Some(v));
        let stances = stance_figures(session, &recs, &base);

        let count_where = |pred: &dyn Fn(&Recommendation) -> bool, filter: Filter| {
            let count = recs.iter().filter(|r| pred(r)).count();
            Figure { count, percent: whole_percent(count, total), filter }
        };
        let not_reviewed = count_where(
            &|r| r.stance.is_none() && r.grade_in(cycle_id) == Grade::NotAssessed,
            Filter { not_reviewed: true, ..base.clone() },
        );
        let carried = session.cycle(cycle_id).map(|c| &c.carried_over);
        let carried_over = count_where(
            &|r| carried.is_some_and(|set| set.contains(&r.id)),
            Filter { carried_over: true, ..base.clone() },
        );
        let overdue =
            count_where(&|r| is_overdue(r, cycle_id, as_of), Filter { overdue: Some(as_of), ..base.clone() });
        let overdue_labels =
            recs.iter().filter(|r| is_overdue(r, cycle_id, as_of)).map(|r| r.label.clone()).collect();
        let change = session
            .previous_cycle(cycle_id)
            .and_then(|previous| compare(session, &previous.id, cycle_id).ok());
        Figures {
            cycle,
            as_of,
            total,
            grades,
            by_owner,
            by_theme,
            stances,
            not_reviewed,
            carried_over,
            overdue,
            overdue_labels,
            change,
        }
    }

    /// The figure for one grade.
    pub fn grade(&self, grade: Grade) -> Option<&GradeFigure> {
        self.grades.iter().find(|g| g.grade == grade)
    }

    /// How many recommendations have `grade`.
    pub fn count(&self, grade: Grade) -> usize {
        self.grade(grade).map_or(0, |g| g.count)
    }
}

fn grade_figures(
    session: &Session,
    cycle: &str,
    recs: &[&Recommendation],
    base: &Filter,
) -> Vec<GradeFigure> {
    let total = recs.len();
    Grade::ALL
        .into_iter()
        .map(|grade| {
            let count = recs.iter().filter(|r| r.grade_in(cycle) == grade).count();
            let style = session.grade_scheme.style(grade);
            GradeFigure {
                grade,
                name: style.name,
                meaning: style.meaning,
                colour: style.colour,
                letter: grade.letter(),
                count,
                percent: whole_percent(count, total),
                filter: Filter { grade: Some(grade), ..base.clone() },
            }
        })
        .collect()
}

fn breakdowns(
    session: &Session,
    cycle: &str,
    recs: &[&Recommendation],
    base: &Filter,
    key: impl Fn(&Recommendation) -> &String,
    narrow: impl Fn(&mut Filter, String),
) -> Vec<Breakdown> {
    let mut names: Vec<&String> = recs.iter().map(|r| key(r)).collect();
    names.sort_by_key(|n| n.to_lowercase());
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let group: Vec<&Recommendation> = recs.iter().copied().filter(|r| key(r) == name).collect();
            let mut filter = base.clone();
            narrow(&mut filter, name.clone());
            Breakdown {
                name: name.clone(),
                total: group.len(),
                grades: grade_figures(session, cycle, &group, &filter),
                filter,
            }
        })
        .collect()
}

fn stance_figures(session: &Session, recs: &[&Recommendation], base: &Filter) -> Vec<StanceFigure> {
    let total = recs.len();
    let options = Stance::ALL.into_iter().map(Some).chain([None]);
    options
        .map(|stance| {
            let count = recs.iter().filter(|r| r.stance == stance).count();
            let (name, colour) = match stance {
                Some(s) => {
                    let style = session.stance_scheme.style(s);
                    (style.name, style.colour)
                }
                None => ("Not recorded".to_owned(), "#c8ccd2".to_owned()),
            };
            StanceFigure {
                stance,
                name,
                colour,
                count,
                percent: whole_percent(count, total),
                filter: Filter { stance: Some(stance), ..base.clone() },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::visible;

    #[test]
    fn whole_percentages_round_half_up() {
        assert_eq!(whole_percent(65, 104), 63, "62.5% is 63%");
        assert_eq!(whole_percent(23, 104), 22);
        assert_eq!(whole_percent(88, 104), 85);
        assert_eq!(whole_percent(1, 8), 13, "12.5% is 13%");
        assert_eq!(whole_percent(1, 3), 33);
        assert_eq!(whole_percent(0, 0), 0);
    }

    fn session() -> Session {
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        s.cycles[0].as_of = Date::new(2019, 1, 24).ok();
        let rows = [
            ("1", "MI5", "Data", Some(Grade::Blue)),
            ("2", "MI5", "Data", Some(Grade::Amber)),
            ("3", "CTP", "Data", Some(Grade::Amber)),
            ("4", "CTP", "", Some(Grade::Green)),
            ("5", "", "People", None),
        ];
        for (label, owner, theme, grade) in rows {
            let mut r = Recommendation::new(format!("r{label}"), label, "x");
            r.owner = owner.into();
            r.theme = theme.into();
            if let Some(g) = grade {
                r.grades.insert("c1".into(), g);
            }
            s.recommendations.push(r);
        }
        s.recommendations[2].due = Date::new(2018, 12, 31).ok();
        s
    }

    fn labels(s: &Session, f: &Filter) -> Vec<String> {
        visible(s, f, Default::default()).into_iter().map(|i| s.recommendations[i].label.clone()).collect()
    }

    #[test]
    fn figures_count_by_grade_owner_theme_and_their_filters_show_the_same_rows() {
        let s = session();
        let today = Date::new(2030, 1, 1).unwrap();
        let f = Figures::of(&s, "c1", today);
        assert_eq!(f.as_of, Date::new(2019, 1, 24).unwrap(), "the cycle's date, not today");
        assert_eq!((f.count(Grade::Blue), f.count(Grade::Amber), f.count(Grade::NotAssessed)), (1, 2, 1));
        assert_eq!(f.grade(Grade::Amber).unwrap().percent, 40);
        let owners: Vec<&str> = f.by_owner.iter().map(|b| b.display_name()).collect();
        assert_eq!(owners, ["(none)", "CTP", "MI5"]);
        let ctp = &f.by_owner[1];
        assert_eq!(ctp.total, 2);
        let ctp_amber = ctp.grades.iter().find(|g| g.grade == Grade::Amber).unwrap();
        assert_eq!((ctp_amber.count, ctp_amber.percent), (1, 50));
        assert_eq!(labels(&s, &ctp_amber.filter), ["3"]);
        assert_eq!(labels(&s, &f.grade(Grade::Amber).unwrap().filter), ["2", "3"]);
        assert_eq!(labels(&s, &f.by_theme[0].filter), ["4"], "no theme");
        assert_eq!((f.not_reviewed.count, labels(&s, &f.not_reviewed.filter)), (1, vec!["5".to_string()]));
        assert_eq!((f.overdue.count, f.overdue_labels.clone()), (1, vec!["3".to_string()]));
        assert_eq!(labels(&s, &f.overdue.filter), ["3"]);
        let unrecorded = f.stances.last().unwrap();
        assert_eq!((unrecorded.stance, unrecorded.count), (None, 5));
        assert!(f.change.is_none(), "first cycle");
    }
}
