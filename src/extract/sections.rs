//! The document's sections: for every unit, the headings above it and what those headings
//! name (recommendations, or something that is not recommendations: findings, safety
//! actions, lessons, contents).

use super::layout::Unit;
use super::text::fold;
use super::vocab::VOCABULARY;
use crate::document::SourceText;

/// What a heading names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SectionKind {
    /// A section of recommendations ("Recommendations", "Action items").
    Recommendations,
    /// A section whose contents are not recommendations ("Findings", "Safety actions").
    Counter,
    /// Anything else.
    Neutral,
}

/// One heading of the document.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// Index of the heading's unit.
    pub(crate) unit: usize,
    /// Its level (1 largest).
    pub(crate) level: u8,
    /// What it names.
    pub(crate) kind: SectionKind,
    /// Its title, folded (lower case, whitespace collapsed), for comparing sections.
    pub(crate) title: String,
    /// Index (into the headings) of the enclosing heading.
    pub(crate) parent: Option<usize>,
    /// Index of the previous heading with the same parent and level.
    pub(crate) previous_sibling: Option<usize>,
    /// The appendix heading (index) whose part of the document this heading is in, if any.
    pub(crate) in_appendix: Option<usize>,
}

/// The section structure of a document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sections {
    /// Every section heading in document order.
    pub(crate) headings: Vec<Heading>,
    /// For every unit, the index of the nearest heading above it (the unit's own, for a
    /// heading).
    pub(crate) of_unit: Vec<Option<usize>>,
    /// The document has at least one section of recommendations with body text in it.
    pub(crate) has_recommendation_sections: bool,
    /// It has one outside any appendix.
    pub(crate) has_main_recommendation_sections: bool,
}

/// Where a unit sits, as evidence.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Placement {
    /// The nearest heading names recommendations.
    pub(crate) here: bool,
    /// A heading further up names recommendations.
    pub(crate) above: bool,
    /// The nearest heading (or one above, closer than any recommendations heading) names
    /// something that is not recommendations.
    pub(crate) counter: bool,
    /// The section follows a recommendations section at the same level and names nothing.
    pub(crate) after_recommendations: bool,
    /// The document has recommendation sections, and this is in none of them.
    pub(crate) outside: bool,
    /// In an appendix that does not name recommendations, while the report's own
    /// recommendations are elsewhere: quoted from earlier reports.
    pub(crate) appendix_quote: bool,
    /// The nearest heading is a heading under one that names recommendations (for a
    /// heading: its parent names recommendations).
    pub(crate) subheading: bool,
}

impl Sections {
    /// Build the sections from the units' headings.
    pub(crate) fn build(doc: &SourceText, units: &[Unit]) -> Sections {
        let mut headings: Vec<Heading> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        // Headings judged by their look (bold lines, contents entries) nest inside the
        // marked-up section they appear in; they never close it.
        let marked_up = units.iter().any(|u| u.heading.is_some() && !u.by_look);
        let mut explicit_level = 0u8;
        let mut by_look_recs: Option<u8> = None;
        let mut current_appendix: Option<(usize, u8, usize)> = None;
        let mut of_unit = Vec::with_capacity(units.len());
        let mut body_in_recs = false;
        let mut body_in_main_recs = false;
        for (i, u) in units.iter().enumerate() {
            if u.is_section_heading()
                && let Some(own_level) = u.heading
            {
                let mut level =
                    if marked_up && u.by_look { own_level.max(explicit_level + 1) } else { own_level };
                if !u.by_look {
                    explicit_level = own_level;
                }
                // Under a title found by its look that names recommendations ("Conclusions and
                // recommendations"), the short titles that follow at its level are its theme
                // sub-headings, until a heading of a higher level.
                let title_now = fold(super::text::strip_emphasis_end(u.content_text(doc)));
                if u.by_look && level >= 4 {
                    if kind_of(&title_now) == SectionKind::Recommendations {
                        by_look_recs = Some(level);
                    } else if by_look_recs == Some(level) {
                        level += 1;
                    }
                } else {
                    by_look_recs = None;
                }
                while stack.last().is_some_and(|&h| headings[h].level >= level) {
                    stack.pop();
                }
                let parent = stack.last().copied();
                let previous_sibling = headings.iter().rposition(|h| h.parent == parent && h.level == level);
                let title = fold(super::text::strip_emphasis_end(u.content_text(doc)));
                let kind = kind_of(&title);
                // A titled appendix ending in a page number ("Appendix II Comments from the
                // Agency 56") is a contents entry, not the appendix itself ("Appendix 2" is).
                let shown = super::text::strip_emphasis_end(u.content_text(doc));
                let without_page = super::text::strip_page_number(shown);
                let contents_entry = without_page.len() < shown.trim_end().len()
                    && super::text::word_count_upto(without_page, 3) >= 3;
                let appendix = VOCABULARY.appendix_sections.is_match(&title) && !contents_entry;
                // An appendix runs until a heading at or above its level that is neither
                // another appendix nor its title line ("Appendix 3" then "Mid-air collisions").
                let index = headings.len();
                current_appendix = match current_appendix {
                    _ if appendix => Some((index, level, i)),
                    Some((a, a_level, a_unit)) if level <= a_level => {
                        let title_line = (a_unit + 1..i).all(|j| units[j].aside);
                        title_line.then_some((a, a_level, i))
                    }
                    other => other,
                };
                let in_appendix = current_appendix.map(|(a, _, _)| a);
                headings.push(Heading { unit: i, level, kind, title, parent, previous_sibling, in_appendix });
                stack.push(headings.len() - 1);
                of_unit.push(Some(headings.len() - 1));
                continue;
            }
            let here = stack.last().copied();
            if u.is_body() && stack.iter().any(|&h| headings[h].kind == SectionKind::Recommendations) {
                body_in_recs = true;
                if here.is_some_and(|h| headings[h].in_appendix.is_none()) {
                    body_in_main_recs = true;
                }
            }
            of_unit.push(here);
        }
        Sections {
            headings,
            of_unit,
            has_recommendation_sections: body_in_recs,
            has_main_recommendation_sections: body_in_main_recs,
        }
    }

    /// Where unit `i` sits.
    pub(crate) fn placement(&self, i: usize) -> Placement {
        let mut p = Placement::default();
        let mut nearest = self.of_unit.get(i).copied().flatten();
        // A heading sits in the section of the heading above it.
        let is_heading = nearest.is_some_and(|h| self.headings[h].unit == i);
        if let Some(h) = nearest
            && is_heading
        {
            nearest = self.headings[h].parent;
        }
        let Some(mut h) = nearest else {
            p.outside = self.has_recommendation_sections;
            return p;
        };
        let nearest = &self.headings[h];
        p.here = nearest.kind == SectionKind::Recommendations;
        p.counter = nearest.kind == SectionKind::Counter;
        if nearest.kind == SectionKind::Neutral
            && let Some(prev) = nearest.previous_sibling
        {
            // "Use in all weather conditions:" after "Recommendations, Set 3": a heading that
            // introduces a list, right after a recommendations section, continues it.
            p.after_recommendations = self.headings[prev].kind == SectionKind::Recommendations
                && self.headings[prev].unit + 1 < nearest.unit
                && nearest.title.ends_with(':');
        }
        let mut counter_closer = p.counter;
        p.subheading = is_heading && p.here;
        // In an appendix whose heading does not itself name recommendations.
        let appendix =
            nearest.in_appendix.is_some_and(|a| self.headings[a].kind != SectionKind::Recommendations);
        while let Some(parent) = self.headings[h].parent {
            h = parent;
            match self.headings[h].kind {
                SectionKind::Recommendations => p.above = true,
                SectionKind::Counter if !p.above && !p.here => counter_closer = true,
                _ => {}
            }
        }
        p.counter = counter_closer && !p.here && !p.after_recommendations;
        p.appendix_quote = appendix && self.has_main_recommendation_sections;
        p.outside = self.has_recommendation_sections && !p.here && !p.above && !p.after_recommendations;
        p
    }

    /// The nearest heading above unit `i` (the unit's own, for a heading).
    pub(crate) fn heading_of(&self, i: usize) -> Option<&Heading> {
        self.of_unit.get(i).copied().flatten().map(|h| &self.headings[h])
    }

    /// The heading of the section unit `i` sits in (for a heading: the one above it).
    pub(crate) fn enclosing(&self, i: usize) -> Option<&Heading> {
        self.enclosing_index(i).map(|h| &self.headings[h])
    }

    /// Index (into the headings) of the heading of the section unit `i` sits in.
    pub(crate) fn enclosing_index(&self, i: usize) -> Option<usize> {
        let h = self.of_unit.get(i).copied().flatten()?;
        if self.headings[h].unit == i { self.headings[h].parent } else { Some(h) }
    }
}

/// What a heading's (folded) title names.
pub(crate) fn kind_of(title: &str) -> SectionKind {
    if VOCABULARY.progress_sections.is_match(title) {
        SectionKind::Counter
    } else if VOCABULARY.recommendation_sections.is_match(title) {
        SectionKind::Recommendations
    } else if VOCABULARY.counter_sections.is_match(title) {
        SectionKind::Counter
    } else {
        SectionKind::Neutral
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_kinds() {
        assert_eq!(
            kind_of("recommendations for executive action agency comments"),
            SectionKind::Recommendations
        );
        assert_eq!(kind_of("conclusions and recommendations"), SectionKind::Recommendations);
        assert_eq!(kind_of("progress against recommendations"), SectionKind::Counter);
        assert_eq!(kind_of("recommended mitigation steps"), SectionKind::Recommendations);
        assert_eq!(kind_of("action items"), SectionKind::Recommendations);
        assert_eq!(kind_of("safety actions"), SectionKind::Counter);
        assert_eq!(kind_of("findings"), SectionKind::Counter);
        assert_eq!(kind_of("key lessons"), SectionKind::Counter);
        assert_eq!(kind_of("use in all weather conditions:"), SectionKind::Neutral);
    }
}
