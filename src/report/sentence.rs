//! The summary sentence, generated from the figures in the stock-take's own style:
//! "As of 24 January 2019, 85% of the 104 recommendations were complete (63%) or on track
//! (22%). Of the other 16, 14 (13%) were amber (some obstacles) and 2 (2%) red (significant
//! obstacles: 5.6 and 5.7)."

use super::cycle_ref::long_date;
use super::figures::{Figures, whole_percent};
use crate::model::{Grade, Session};
use crate::query::Movement;

/// Red (or amber) recommendations are named in the sentence when there are at most this many.
const NAME_AT_MOST: usize = 5;

/// The summary of `figures` as one short paragraph. Words for the grades come from the
/// session's scheme (meaning for Blue and Green, name and meaning for Amber and Red).
pub fn sentence(session: &Session, figures: &Figures) -> String {
    let total = figures.total;
    if total == 0 {
        return "There are no recommendations in this review yet.".into();
    }
    let when = match figures.cycle.as_of {
        Some(d) => format!("As of {}", long_date(d)),
        None => format!("In {}", figures.cycle.label),
    };
    let assessed = total - figures.count(Grade::NotAssessed);
    if assessed == 0 {
        return format!("{when}, none of the {total} {} had been graded.", plural(total, "recommendation"));
    }
    let style = |g: Grade| session.grade_scheme.style(g);
    let (blue, green) = (figures.count(Grade::Blue), figures.count(Grade::Green));
    let mut out = format!(
        "{when}, {}% of the {total} {} {} {} ({}%) or {} ({}%).",
        whole_percent(blue + green, total),
        plural(total, "recommendation"),
        were(total),
        style(Grade::Blue).meaning.to_lowercase(),
        whole_percent(blue, total),
        style(Grade::Green).meaning.to_lowercase(),
        whole_percent(green, total),
    );

    let rest = figures.count(Grade::Amber) + figures.count(Grade::Red);
    let describe = |g: Grade| {
        let n = figures.count(g);
        let named = if n <= NAME_AT_MOST {
            format!(": {}", join_and(&labels_with(session, figures, g)))
        } else {
            String::new()
        };
        format!("{} ({}{named})", style(g).name.to_lowercase(), style(g).meaning.to_lowercase())
    };
    let others: Vec<Grade> =
        [Grade::Amber, Grade::Red].into_iter().filter(|g| figures.count(*g) > 0).collect();
    if let [only] = others.as_slice()
        && rest == 1
    {
        out += &format!(" The other one ({}%) was {}.", whole_percent(1, total), describe(*only));
    } else if rest > 0 {
        let parts: Vec<String> = others
            .iter()
            .enumerate()
            .map(|(i, &g)| {
                let n = figures.count(g);
                let verb = if i == 0 { format!("{} ", were(n)) } else { String::new() };
                format!("{n} ({}%) {verb}{}", whole_percent(n, total), describe(g))
            })
            .collect();
        out += &format!(" Of the other {rest}, {}.", parts.join(" and "));
    }
    let unassessed = figures.count(Grade::NotAssessed);
    if unassessed > 0 {
        out += &format!(" {unassessed} {} not yet assessed.", were(unassessed));
    }
    if let Some(change) = &figures.change {
        let improved = change.moved(Movement::Improved).len();
        let regressed = change.moved(Movement::Regressed).len();
        let since = match change.from.as_of {
            Some(d) => long_date(d),
            None => format!("the previous cycle ({})", change.from.label),
        };
        out += &if improved + regressed == 0 {
            format!(" No grade has changed since {since}.")
        } else {
            format!(" Since {since}, {improved} improved and {regressed} regressed.")
        };
    }
    if figures.overdue.count > 0 {
        out += &format!(" {} {} overdue.", figures.overdue.count, were(figures.overdue.count));
    }
    if figures.carried_over.count > 0 {
        let n = figures.carried_over.count;
        out += &format!(
            " {n} {} carried over from the previous cycle {} yet to be confirmed.",
            plural(n, "grade"),
            were(n)
        );
    }
    out
}

fn labels_with(session: &Session, figures: &Figures, grade: Grade) -> Vec<String> {
    session
        .recommendations
        .iter()
        .filter(|r| r.grade_in(&figures.cycle.id) == grade)
        .map(|r| r.label.clone())
        .collect()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_owned() } else { format!("{word}s") }
}

fn were(n: usize) -> &'static str {
    if n == 1 { "was" } else { "were" }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Recommendation;
    use jiff::civil::Date;

    fn session(counts: &[(Grade, usize)], as_of: Option<Date>) -> Session {
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        s.cycles[0].as_of = as_of;
        for &(grade, n) in counts {
            for _ in 0..n {
                let id = s.fresh_id("r");
                let mut r = Recommendation::new(id, format!("{}", s.recommendations.len() + 1), "x");
                if grade != Grade::NotAssessed {
                    r.grades.insert("c1".into(), grade);
                }
                s.recommendations.push(r);
            }
        }
        s
    }

    fn say(s: &Session) -> String {
        sentence(s, &Figures::of(s, "c1", Date::new(2020, 1, 1).unwrap()))
    }

    #[test]
    fn the_stock_take_example() {
        use Grade::*;
        let s = session(&[(Blue, 65), (Green, 23), (Amber, 14), (Red, 2)], Date::new(2019, 1, 24).ok());
        assert_eq!(
            say(&s),
            "As of 24 January 2019, 85% of the 104 recommendations were complete (63%) or on track (22%). \
             Of the other 16, 14 (13%) were amber (some obstacles) and 2 (2%) red (significant obstacles: 103 and 104)."
        );
    }

    #[test]
    fn small_and_empty_cases_read_correctly() {
        use Grade::*;
        assert_eq!(say(&session(&[], None)), "There are no recommendations in this review yet.");
        assert_eq!(
            say(&session(&[(NotAssessed, 3)], None)),
            "In First review, none of the 3 recommendations had been graded."
        );
        let s = session(&[(Blue, 1), (Red, 1), (NotAssessed, 1)], None);
        assert_eq!(
            say(&s),
            "In First review, 33% of the 3 recommendations were complete (33%) or on track (0%). \
             The other one (33%) was red (significant obstacles: 2). 1 was not yet assessed."
        );
    }

    #[test]
    fn words_come_from_the_session_scheme() {
        use Grade::*;
        let mut s = session(&[(Blue, 1), (Green, 1)], None);
        s.grade_scheme.grades[0].meaning = "Delivered".into();
        assert!(say(&s).contains("were delivered (50%) or on track (50%)"), "{}", say(&s));
    }
}
