//! The Markdown report: header, summary sentence, tables of figures, change since the previous
//! cycle, then one section per recommendation. Text from the session is escaped, so a note
//! cannot turn into a link, an image or markup.

use super::ReportInput;
use super::details::RecommendationDetails;
use crate::model::{Grade, Session};
use crate::query::Movement;
use crate::report::{Breakdown, Figures, long_date, sentence};
use std::fmt::Write as _;

/// The report as Markdown.
pub fn render(input: &ReportInput) -> String {
    let session = input.session;
    let figures = Figures::of(session, &input.cycle, input.today);
    let mut out = String::new();
    let title = if session.title.trim().is_empty() { "Stock-take" } else { session.title.trim() };
    let _ = writeln!(out, "# {}\n", inline(title));
    if !session.reviewer.trim().is_empty() {
        let _ = writeln!(out, "- Reviewer: {}", inline(&session.reviewer));
    }
    let _ = writeln!(out, "- Cycle: {}", inline(&figures.cycle.label));
    if let Some(d) = figures.cycle.as_of {
        let _ = writeln!(out, "- As of: {}", long_date(d));
    }
    let _ = writeln!(out, "\n{}\n", inline(&sentence(session, &figures)));

    out += "## Grades\n\n| Grade | Meaning | Count | % |\n|---|---|--:|--:|\n";
    for g in &figures.grades {
        let _ = writeln!(
            out,
            "| {} {} | {} | {} | {}% |",
            g.letter,
            cell(&g.name),
            cell(&g.meaning),
            g.count,
            g.percent
        );
    }
    breakdown_table(&mut out, session, "By owner", "Owner", &figures.by_owner);
    breakdown_table(&mut out, session, "By theme", "Theme", &figures.by_theme);

    out += "\n## Stances\n\n| Stance | Count | % |\n|---|--:|--:|\n";
    for s in &figures.stances {
        let _ = writeln!(out, "| {} | {} | {}% |", cell(&s.name), s.count, s.percent);
    }
    let _ = writeln!(
        out,
        "\nNot yet reviewed: {}. Overdue: {}{}. Carried over, not yet confirmed: {}.",
        figures.not_reviewed.count,
        figures.overdue.count,
        if figures.overdue_labels.is_empty() {
            String::new()
        } else {
            format!(" ({})", inline(&figures.overdue_labels.join(", ")))
        },
        figures.carried_over.count
    );

    if let Some(change) = &figures.change {
        let _ = writeln!(out, "\n## Change since {}\n", inline(&change.from.describe()));
        out += "| From | To | Count |\n|---|---|--:|\n";
        for t in &change.transitions {
            let name = |g: Grade| format!("{} {}", g.letter(), cell(&session.grade_scheme.style(g).name));
            let _ = writeln!(out, "| {} | {} | {} |", name(t.from), name(t.to), t.count);
        }
        out += "\n";
        for m in [Movement::Improved, Movement::Regressed, Movement::Stayed, Movement::NewlyAssessed] {
            let list: Vec<&str> = change.moved(m).iter().map(|x| x.label.as_str()).collect();
            let _ = writeln!(
                out,
                "- {} ({}): {}",
                m.name(),
                list.len(),
                if list.is_empty() { "none".into() } else { inline(&list.join(", ")) }
            );
        }
        let overdue: Vec<&str> = change.became_overdue.iter().map(|x| x.label.as_str()).collect();
        let _ = writeln!(
            out,
            "- Became overdue ({}): {}",
            overdue.len(),
            if overdue.is_empty() { "none".into() } else { inline(&overdue.join(", ")) }
        );
    }

    out += "\n## Recommendations\n";
    for rec in &session.recommendations {
        section(&mut out, session, &RecommendationDetails::of(input, rec));
    }
    out
}

fn breakdown_table(out: &mut String, session: &Session, heading: &str, column: &str, rows: &[Breakdown]) {
    if rows.iter().all(|b| b.name.trim().is_empty()) {
        return;
    }
    let _ = write!(out, "\n## {heading}\n\n| {column} | Total |");
    for g in Grade::ALL {
        let _ = write!(out, " {} {} |", g.letter(), cell(&session.grade_scheme.style(g).name));
    }
    out.push_str("\n|---|--:|");
    out.push_str(&"--:|".repeat(Grade::ALL.len()));
    out.push('\n');
    for b in rows {
        let _ = write!(out, "| {} | {} |", cell(b.display_name()), b.total);
        for g in &b.grades {
            let _ = write!(out, " {} |", g.count);
        }
        out.push('\n');
    }
}

fn section(out: &mut String, session: &Session, d: &RecommendationDetails) {
    let _ = writeln!(out, "\n### {} {}\n", inline(&d.label), d.kind);
    let _ = writeln!(out, "{}\n", block(&d.text));
    if let Some(reply) = &d.reply {
        let _ = writeln!(out, "**Reply (excerpt):**\n\n{}\n", quote(reply));
    }
    let grade_name = |g: Grade| format!("{} {}", g.letter(), session.grade_scheme.style(g).name);
    let _ = writeln!(out, "- Stance: {}", d.stance.as_deref().map_or("not recorded".into(), inline));
    let _ = writeln!(out, "- Grade: {}", inline(&grade_name(d.grade)));
    if !d.history.is_empty() {
        let steps: Vec<String> = d
            .history
            .iter()
            .map(|(cycle, g, carried)| {
                format!("{}: {}{}", cycle, grade_name(*g), if *carried { " (carried over)" } else { "" })
            })
            .collect();
        let _ = writeln!(out, "- History: {}", inline(&steps.join(" → ")));
    }
    if let Some(g) = d.anticipated {
        let _ = writeln!(out, "- Anticipated next cycle: {}", inline(&grade_name(g)));
    }
    if let Some(page) = d.page {
        let _ = writeln!(out, "- Page: {page}");
    }
    for (name, value) in [("Owner", &d.owner), ("Theme", &d.theme)] {
        if !value.trim().is_empty() {
            let _ = writeln!(out, "- {name}: {}", inline(value));
        }
    }
    if let Some(due) = d.due {
        let _ = writeln!(out, "- Due: {}", long_date(due));
    }
    for (name, value) in [("Narrative", &d.narrative), ("Notes", &d.notes)] {
        if !value.is_empty() {
            let _ = writeln!(out, "\n**{name}:** {}", block(value));
        }
    }
    if !d.evidence.is_empty() {
        out.push_str("\n**Evidence:**\n\n");
        for e in &d.evidence {
            let page = e.page.map(|p| format!(", p. {p}")).unwrap_or_default();
            let note = if e.note.is_empty() { String::new() } else { format!(" — {}", inline(&e.note)) };
            let _ = writeln!(out, "- “{}” ({}{page}){note}", inline(&e.quote), inline(&e.document));
        }
    }
}

/// Escape Markdown syntax in running text (one line: newlines become spaces).
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Escape for a table cell.
fn cell(text: &str) -> String {
    inline(text)
}

/// Escaped paragraphs: blank lines kept, each line escaped, list and heading markers defused.
fn block(text: &str) -> String {
    text.lines()
        .map(|line| {
            let escaped = inline(line);
            let t = escaped.trim_start();
            let starts_list = t.starts_with("- ")
                || t.starts_with("+ ")
                || t.split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            if starts_list { format!("\\{t}") } else { escaped }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A block quote of escaped text.
fn quote(text: &str) -> String {
    block(text).lines().map(|l| format!("> {l}")).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Recommendation;

    #[test]
    fn session_text_cannot_become_markup() {
        assert_eq!(inline("![x](http://e/i.png) <b>"), "\\!\\[x\\](http://e/i.png) \\<b\\>");
        assert_eq!(block("1. not a list\n- nor this"), "\\1. not a list\n\\- nor this");
    }

    #[test]
    fn report_has_header_sentence_tables_and_sections() {
        let mut s = Session::new("Review *of* OIR", jiff::Timestamp::UNIX_EPOCH);
        s.reviewer = "A. Reviewer".into();
        s.cycles[0].as_of = jiff::civil::Date::new(2019, 1, 24).ok();
        let mut r = Recommendation::new("r1", "4.4", "Share the data.");
        r.grades.insert("c1".into(), Grade::Amber);
        r.owner = "CTP".into();
        r.notes = "See [link](http://x)".into();
        s.recommendations.push(r);
        let md = render(&ReportInput::new(&s, jiff::civil::Date::new(2020, 1, 1).unwrap()));
        assert!(md.starts_with("# Review \\*of\\* OIR\n"), "{md}");
        assert!(md.contains("- As of: 24 January 2019"));
        assert!(md.contains("As of 24 January 2019, 0% of the 1 recommendation was complete"));
        assert!(md.contains("| A Amber | Some obstacles | 1 | 100% |"));
        assert!(md.contains("| CTP | 1 |"));
        assert!(md.contains("### 4.4 Recommendation"));
        assert!(md.contains("**Notes:** See \\[link\\](http://x)"));
    }
}
