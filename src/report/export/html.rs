//! The HTML report: one self-contained, print-ready page (inline CSS and SVG, no scripts, no
//! remote resources; a Content-Security-Policy forbids loading any). Everything taken from
//! the session is escaped.

use super::ReportInput;
use super::details::RecommendationDetails;
use super::svg::stacked_bar;
use crate::model::{Grade, Session};
use crate::query::Movement;
use crate::report::{Breakdown, Figures, GradeFigure, long_date, sentence};
use std::fmt::Write as _;

const STYLE: &str = r#"
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1d1f23; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 20pt; margin: 0 0 .3rem; }
h2 { font-size: 14pt; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #d0d4da; padding-bottom: .2rem; }
h3 { font-size: 11.5pt; margin: 0 0 .4rem; }
.meta { color: #4a4f57; margin: 0 0 1rem; }
.sentence { font-size: 12pt; background: #f3f5f8; border-left: 4px solid #2f6fd6; padding: .6rem .9rem; }
table { border-collapse: collapse; margin: .4rem 0 .8rem; }
th, td { border: 1px solid #d0d4da; padding: .2rem .5rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.chip { display: inline-block; min-width: 1.3em; padding: 0 .3em; border-radius: 3px; font-weight: bold; text-align: center; border: 1px solid rgba(0,0,0,.25); }
.legend span { margin-right: 1rem; white-space: nowrap; }
article.rec { border-top: 1px solid #d0d4da; padding: .7rem 0; break-inside: avoid-page; page-break-inside: avoid; }
article.rec dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .4rem 0; }
article.rec dt { color: #4a4f57; }
article.rec dd { margin: 0; }
article.rec dd p { margin: 0 0 .3rem; }
blockquote { margin: .4rem 0; padding: .2rem .8rem; border-left: 3px solid #c8ccd2; color: #33373d; }
.carried { font-style: italic; color: #6b4fbb; }
ul.evidence li { margin-bottom: .3rem; }
table, svg, .legend { break-inside: avoid-page; page-break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid-page; page-break-after: avoid; } }
"#;

/// Escape text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escaped text with line breaks kept as paragraphs.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", escape(p.trim()).replace('\n', "<br>")))
        .collect()
}

/// A grade chip: the scheme's colour with the letter always shown, and the name.
fn chip(session: &Session, grade: Grade) -> String {
    let style = session.grade_scheme.style(grade);
    let colour = super::xlsx::parse_hex(&style.colour).map_or("#888888".to_owned(), |_| style.colour.clone());
    let ink =
        if super::xlsx::parse_hex(&colour).is_some_and(super::xlsx::is_light) { "#000" } else { "#fff" };
    format!(
        r#"<span class="chip" style="background:{colour};color:{ink}">{}</span> {}"#,
        escape(grade.letter()),
        escape(&style.name)
    )
}

/// The report as one HTML page.
pub fn render(input: &ReportInput) -> String {
    let session = input.session;
    let figures = Figures::of(session, &input.cycle, input.today);
    let title = if session.title.trim().is_empty() { "Stock-take" } else { session.title.trim() };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    );
    let _ = writeln!(out, "<header><h1>{}</h1>", escape(title));
    let mut meta = Vec::new();
    if !session.reviewer.trim().is_empty() {
        meta.push(format!("Reviewer: {}", escape(&session.reviewer)));
    }
    meta.push(format!("Cycle: {}", escape(&figures.cycle.label)));
    if let Some(d) = figures.cycle.as_of {
        meta.push(format!("As of {}", long_date(d)));
    }
    let _ = writeln!(out, "<p class=\"meta\">{}</p></header>", meta.join(" · "));
    let _ = writeln!(out, "<p class=\"sentence\">{}</p>", escape(&sentence(session, &figures)));

    figures_section(&mut out, session, &figures);
    out += "<h2>Recommendations</h2>\n";
    for rec in &session.recommendations {
        recommendation(&mut out, session, &RecommendationDetails::of(input, rec));
    }
    out += "</body>\n</html>\n";
    out
}

fn figures_section(out: &mut String, session: &Session, figures: &Figures) {
    out.push_str("<section class=\"figures\">\n<h2>Grades</h2>\n");
    out.push_str(&stacked_bar(&figures.grades, 640.0, 28.0));
    legend(out, &figures.grades);
    out.push_str(
        "<table><tr><th>Grade</th><th>Meaning</th><th class=\"n\">Count</th><th class=\"n\">%</th></tr>\n",
    );
    for g in &figures.grades {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}%</td></tr>",
            chip(session, g.grade),
            escape(&g.meaning),
            g.count,
            g.percent
        );
    }
    out.push_str("</table>\n");
    let _ = writeln!(
        out,
        "<p>Not yet reviewed: {}. Overdue (due before {} and not complete): {}{}. Carried over, not yet confirmed: {}.</p>",
        figures.not_reviewed.count,
        long_date(figures.as_of),
        figures.overdue.count,
        if figures.overdue_labels.is_empty() {
            String::new()
        } else {
            format!(" ({})", escape(&figures.overdue_labels.join(", ")))
        },
        figures.carried_over.count
    );
    breakdown(out, session, "By owner", "Owner", &figures.by_owner);
    breakdown(out, session, "By theme", "Theme", &figures.by_theme);

    out.push_str(
        "<h2>Stances</h2>\n<table><tr><th>Stance</th><th class=\"n\">Count</th><th class=\"n\">%</th></tr>\n",
    );
    for s in &figures.stances {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}%</td></tr>",
            escape(&s.name),
            s.count,
            s.percent
        );
    }
    out.push_str("</table>\n");

    if let Some(change) = &figures.change {
        let _ = writeln!(out, "<h2>Change since {}</h2>", escape(&change.from.describe()));
        out.push_str("<table><tr><th>From</th><th>To</th><th class=\"n\">Count</th></tr>\n");
        for t in &change.transitions {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                chip(session, t.from),
                chip(session, t.to),
                t.count
            );
        }
        out.push_str("</table>\n<ul>\n");
        for m in [Movement::Improved, Movement::Regressed, Movement::Stayed, Movement::NewlyAssessed] {
            let list: Vec<&str> = change.moved(m).iter().map(|x| x.label.as_str()).collect();
            let _ = writeln!(out, "<li>{} ({}): {}</li>", m.name(), list.len(), escape(&or_none(&list)));
        }
        let overdue: Vec<&str> = change.became_overdue.iter().map(|x| x.label.as_str()).collect();
        let _ = writeln!(
            out,
            "<li>Became overdue ({}): {}</li>\n</ul>",
            overdue.len(),
            escape(&or_none(&overdue))
        );
    }
    out.push_str("</section>\n");
}

fn or_none(list: &[&str]) -> String {
    if list.is_empty() { "none".into() } else { list.join(", ") }
}

fn legend(out: &mut String, grades: &[GradeFigure]) {
    out.push_str("<p class=\"legend\">");
    for g in grades {
        let _ = write!(
            out,
            "<span><b>{}</b> {}: {} ({}%)</span>",
            escape(g.letter),
            escape(&g.name),
            g.count,
            g.percent
        );
    }
    out.push_str("</p>\n");
}

fn breakdown(out: &mut String, session: &Session, heading: &str, column: &str, rows: &[Breakdown]) {
    if rows.iter().all(|b| b.name.trim().is_empty()) {
        return;
    }
    let _ = write!(out, "<h2>{heading}</h2>\n<table><tr><th>{column}</th><th class=\"n\">Total</th>");
    for g in Grade::ALL {
        let _ = write!(out, "<th class=\"n\">{}</th>", chip(session, g));
    }
    out.push_str("<th>Grades</th></tr>\n");
    for b in rows {
        let _ = write!(out, "<tr><td>{}</td><td class=\"n\">{}</td>", escape(b.display_name()), b.total);
        for g in &b.grades {
            let _ = write!(out, "<td class=\"n\">{}</td>", g.count);
        }
        let _ = writeln!(out, "<td>{}</td></tr>", stacked_bar(&b.grades, 200.0, 16.0));
    }
    out.push_str("</table>\n");
}

fn recommendation(out: &mut String, session: &Session, d: &RecommendationDetails) {
    let _ = writeln!(
        out,
        "<article class=\"rec\">\n<h3>{} <small>{}</small></h3>",
        escape(&d.label),
        escape(d.kind)
    );
    out.push_str(&paragraphs(&d.text));
    if let Some(reply) = &d.reply {
        let _ = writeln!(
            out,
            "<blockquote><b>Reply (excerpt):</b> {}</blockquote>",
            escape(reply).replace('\n', "<br>")
        );
    }
    out.push_str("<dl>\n");
    let mut row = |name: &str, value: String| {
        let _ = writeln!(out, "<dt>{name}</dt><dd>{value}</dd>");
    };
    row("Stance", d.stance.as_deref().map_or("not recorded".into(), escape));
    row("Grade", chip(session, d.grade));
    if !d.history.is_empty() {
        let steps: Vec<String> = d
            .history
            .iter()
            .map(|(cycle, g, carried)| {
                let mark = if *carried { " <span class=\"carried\">(carried over)</span>" } else { "" };
                format!("{}: {}{mark}", escape(cycle), chip(session, *g))
            })
            .collect();
        row("History", steps.join(" → "));
    }
    if let Some(g) = d.anticipated {
        row("Anticipated", chip(session, g));
    }
    if let Some(page) = d.page {
        row("Page", page.to_string());
    }
    if !d.owner.trim().is_empty() {
        row("Owner", escape(&d.owner));
    }
    if !d.theme.trim().is_empty() {
        row("Theme", escape(&d.theme));
    }
    if let Some(due) = d.due {
        row("Due", long_date(due));
    }
    if !d.narrative.is_empty() {
        row("Narrative", paragraphs(&d.narrative));
    }
    if !d.notes.is_empty() {
        row("Notes", paragraphs(&d.notes));
    }
    out.push_str("</dl>\n");
    if !d.evidence.is_empty() {
        out.push_str("<b>Evidence</b>\n<ul class=\"evidence\">\n");
        for e in &d.evidence {
            let page = e.page.map(|p| format!(", p. {p}")).unwrap_or_default();
            let note = if e.note.is_empty() { String::new() } else { format!(" — {}", escape(&e.note)) };
            let _ = writeln!(out, "<li>“{}” ({}{page}){note}</li>", escape(&e.quote), escape(&e.document));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</article>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Recommendation;

    #[test]
    fn html_is_escaped_self_contained_and_has_the_sentence() {
        let mut s = Session::new("<script>alert(1)</script>", jiff::Timestamp::UNIX_EPOCH);
        s.cycles[0].as_of = jiff::civil::Date::new(2019, 1, 24).ok();
        let mut r = Recommendation::new("r1", "A&B", "Use <img src=http://x/y.png>.");
        r.grades.insert("c1".into(), Grade::Blue);
        r.owner = "\"MI5\"".into();
        s.recommendations.push(r);
        let html = render(&ReportInput::new(&s, jiff::civil::Date::new(2020, 1, 1).unwrap()));
        assert!(!html.contains("<script"), "title escaped");
        assert!(!html.contains("<img"), "text escaped");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("A&amp;B") && html.contains("&quot;MI5&quot;"));
        assert!(html.contains("As of 24 January 2019, 100% of the 1 recommendation was complete (100%)"));
        assert!(html.contains("<svg") && html.contains("default-src 'none'"));
        let rest = html
            .replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
            .replace("&lt;img src=http://x/y.png&gt;", "");
        for remote in ["http:", "https:", "src=", "href=", "url(", "@import"] {
            assert!(!rest.contains(remote), "no remote resource: {remote}");
        }
    }
}
