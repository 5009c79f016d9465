//! Page furniture: running headers, footers and page numbers. They are found by where they
//! sit (the top or bottom band of the page) and by what they are (text that repeats across
//! pages once digits are ignored, or a bare page number), never by publisher.

use super::lines::Line;
use std::collections::HashMap;

/// Share of the page height, at the top and at the bottom, where furniture sits.
const BAND: f32 = 0.12;

/// Remove headers, footers and page numbers from every page's lines.
/// `pages` holds each page's height and its lines.
pub(super) fn remove(pages: &mut [(f32, Vec<Line>)]) {
    let keys: Vec<Vec<Option<String>>> = pages
        .iter()
        .map(|(height, lines)| lines.iter().map(|l| in_band(l, *height).then(|| key(&l.text()))).collect())
        .collect();
    // On how many pages each banded text occurs.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for page in &keys {
        let mut seen: Vec<&str> = page.iter().flatten().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            *counts.entry(k).or_default() += 1;
        }
    }
    let repeated = (pages.len() / 5).max(2);
    for ((_, lines), page_keys) in pages.iter_mut().zip(&keys) {
        let mut keys = page_keys.iter();
        lines.retain(|line| match keys.next() {
            Some(Some(k)) => {
                let furniture = (!k.is_empty() && counts.get(k.as_str()).is_some_and(|&n| n >= repeated))
                    || is_page_number(&line.text());
                !furniture
            }
            _ => true,
        });
    }
}

/// True when the line's middle sits in the top or bottom band of a page `height` points
/// high.
fn in_band(line: &Line, height: f32) -> bool {
    let middle = (line.top() + line.bottom()) / 2.0;
    middle < height * BAND || middle > height * (1.0 - BAND)
}

/// The text with numbers (arabic or roman), spaces and case ignored, so "Page 4",
/// "Page 12" and "Page iv" match.
fn key(text: &str) -> String {
    let roman = |w: &str| w.chars().all(|c| "ivxlc".contains(c));
    text.split_whitespace()
        .map(|w| if roman(w) { "#" } else { w })
        .collect::<String>()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c.to_ascii_lowercase() })
        .collect::<String>()
        .split('#')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("#")
}

/// True for a bare page number as printed: "12", "- 14 -", "› 17 ‹", "Page 3", "3 of 20",
/// "iv".
pub(super) fn is_page_number(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let t = t.strip_prefix("page").map_or(t.as_str(), str::trim_start);
    let mut parts = t.split_whitespace();
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            || (!s.is_empty() && s.len() <= 6 && s.chars().all(|c| "ivxlc".contains(c)))
    };
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(n), None, None, None) => number(n),
        (Some(n), Some("of" | "/"), Some(m), None) => number(n) && number(m),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::pdf::lines::Word;

    fn line(text: &str, y: f32) -> Line {
        let words = text
            .split(' ')
            .enumerate()
            .map(|(i, t)| Word {
                text: t.to_owned(),
                x0: 100.0 + i as f32 * 40.0,
                x1: 130.0 + i as f32 * 40.0,
                y,
                size: 10.0,
                bold: false,
                italic: false,
            })
            .collect();
        let mut l = crate::document::pdf::lines::lines(words);
        l.remove(0)
    }

    #[test]
    fn page_numbers_as_printed() {
        for yes in ["12", "- 14 -", "› 17 ‹", "Page 3", "3 of 20", "iv", "-3-"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["In 12 cases", "Page 3 shows", "Figure 4", "12345"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn repeated_band_text_and_numbers_go_body_stays() {
        let mut pages: Vec<(f32, Vec<Line>)> = (1..=4)
            .map(|n| {
                (
                    800.0,
                    vec![
                        line("ATSB – RO-2021-010", 30.0),
                        line("Body text that happens to repeat", 400.0),
                        line(&format!("› {n} ‹"), 780.0),
                    ],
                )
            })
            .collect();
        remove(&mut pages);
        for (_, lines) in &pages {
            let texts: Vec<String> = lines.iter().map(Line::text).collect();
            assert_eq!(texts, ["Body text that happens to repeat"]);
        }
    }
}
