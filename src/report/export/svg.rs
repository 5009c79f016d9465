//! Inline SVG charts for the HTML report: stacked bars in the grade scheme's colours, with the
//! grade's letter drawn on every segment wide enough and always in the legend beside it.

use super::html::escape;
use super::xlsx::{is_light, parse_hex};
use crate::report::GradeFigure;
use std::fmt::Write as _;

/// Segments narrower than this (pixels) carry no letter inside; the legend still has it.
const LETTER_MIN_WIDTH: f64 = 14.0;

/// A horizontal stacked bar of `grades` (zero counts skipped), `width` × `height` pixels,
/// with a text alternative naming every count.
pub fn stacked_bar(grades: &[GradeFigure], width: f64, height: f64) -> String {
    let total: usize = grades.iter().map(|g| g.count).sum();
    let label: Vec<String> = grades
        .iter()
        .filter(|g| g.count > 0)
        .map(|g| format!("{} {}: {}", g.letter, g.name, g.count))
        .collect();
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{}"><title>{}</title>"#,
        escape(&label.join(", ")),
        escape(&label.join(", "))
    );
    if total == 0 {
        let _ = write!(svg, r##"<rect width="{width}" height="{height}" fill="#eeeeee"/></svg>"##);
        return svg;
    }
    let mut x = 0.0;
    for g in grades.iter().filter(|g| g.count > 0) {
        let w = width * g.count as f64 / total as f64;
        let fill = if parse_hex(&g.colour).is_some() { g.colour.as_str() } else { "#888888" };
        let _ = write!(
            svg,
            r#"<rect x="{x:.2}" y="0" width="{w:.2}" height="{height}" fill="{fill}" stroke="white" stroke-width="1"/>"#
        );
        if w >= LETTER_MIN_WIDTH {
            let ink = if parse_hex(fill).is_some_and(is_light) { "#000000" } else { "#ffffff" };
            let text = if w >= 44.0 { format!("{} {}", g.letter, g.count) } else { g.letter.to_string() };
            let _ = write!(
                svg,
                r#"<text x="{:.2}" y="{:.2}" fill="{ink}" font-family="sans-serif" font-size="{:.0}" font-weight="bold" text-anchor="middle" dominant-baseline="central">{}</text>"#,
                x + w / 2.0,
                height / 2.0,
                (height * 0.55).min(14.0),
                escape(&text)
            );
        }
        x += w;
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Grade;
    use crate::query::Filter;

    fn figure(grade: Grade, count: usize, colour: &str) -> GradeFigure {
        GradeFigure {
            grade,
            name: format!("{grade:?}"),
            meaning: String::new(),
            colour: colour.into(),
            letter: grade.letter(),
            count,
            percent: 0,
            filter: Filter::default(),
        }
    }

    #[test]
    fn bars_are_coloured_by_grade_with_letters_and_a_text_alternative() {
        let svg = stacked_bar(
            &[
                figure(Grade::Blue, 3, "#2f6fd6"),
                figure(Grade::Amber, 1, "#e09a1a"),
                figure(Grade::Red, 0, "#d23c3c"),
            ],
            400.0,
            24.0,
        );
        assert!(svg.contains(r##"fill="#2f6fd6""##) && svg.contains(r##"fill="#e09a1a""##));
        assert!(!svg.contains("#d23c3c"), "zero counts draw nothing");
        assert!(svg.contains(">B 3</text>") && svg.contains(">A 1</text>"));
        assert!(svg.contains("aria-label=\"B Blue: 3, A Amber: 1\""));
        let hostile = stacked_bar(&[figure(Grade::Blue, 1, "red\" onload=\"x")], 100.0, 10.0);
        assert!(hostile.contains("#888888") && !hostile.contains("onload"));
    }
}
