//! From scored candidates to recommendations: which candidates are kept (a sentence inside
//! an accepted paragraph, or a sub-item, belongs to it), how far each runs, and its label.

use super::candidates::{Form, Piece, Signature};
use super::features::{self, Feature, FeatureVec};
use super::labels::{self, LabelShape};
use super::layout::Unit;
use super::model::ACCEPT;
use super::sections::Sections;
use crate::document::{BlockKind, SourceText};

/// One accepted recommendation, before its reply is found. Byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// Index of its candidate (piece).
    pub(crate) piece: usize,
    /// First byte of its text (after a printed label at the start).
    pub(crate) body: usize,
    /// First byte including the label.
    pub(crate) start: usize,
    /// End of its text, exclusive.
    pub(crate) end: usize,
    /// Last piece of its text.
    pub(crate) last_piece: usize,
    /// Its label as printed (or numbered by position when none is printed).
    pub(crate) label: String,
    /// True when the label was printed (not made up from the position).
    pub(crate) printed_label: bool,
    /// The label says "Conclusion".
    pub(crate) conclusion: bool,
    /// The label says "Recommendation" (whatever the wording of the text).
    pub(crate) named_recommendation: bool,
}

/// What selection works on: the document and its analysed candidates.
pub(crate) struct Selection<'a> {
    pub(crate) doc: &'a SourceText,
    pub(crate) units: &'a [Unit],
    pub(crate) sections: &'a Sections,
    pub(crate) pieces: &'a [Piece],
    pub(crate) features: &'a [FeatureVec],
    pub(crate) signatures: &'a [Signature],
    pub(crate) confidence: &'a [f32],
}

impl Selection<'_> {
    fn has(&self, k: usize, f: Feature) -> bool {
        self.features[k].iter().any(|&(g, _)| g == f)
    }

    /// True when candidate `k` opens something of its own even inside an accepted
    /// paragraph: a recommending verb, its own code, a bold start.
    fn starts_own_item(&self, k: usize) -> bool {
        let p = &self.pieces[k];
        p.clause
            || p.start_code.is_some()
            || self.has(k, Feature::RecommendPresent)
            || self.has(k, Feature::RecommendPast)
            || (p.end_code.is_some() && !self.first_piece_claims_code(k))
            // A bold sentence inside a numbered paragraph is that paragraph's recommendation.
            || (p.bold_start && !self.units[p.unit].bold && self.units[p.unit].label.is_none())
    }

    fn first_piece_claims_code(&self, k: usize) -> bool {
        let first =
            (0..=k).rev().find(|&j| self.pieces[j].unit == self.pieces[k].unit && self.pieces[j].index == 0);
        first.is_some_and(|j| self.has(j, Feature::EndCode) && self.pieces[j].end_code.is_none())
    }

    /// The accepted candidates, in document order, after sentences and sub-items are
    /// folded into the item that holds them.
    pub(crate) fn accepted(&self) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for k in 0..self.pieces.len() {
            if self.confidence[k] < ACCEPT {
                continue;
            }
            let p = &self.pieces[k];
            if let Some(&prev) = out.last() {
                let q = &self.pieces[prev];
                // A later sentence of an accepted paragraph belongs to it…
                if q.unit == p.unit && !self.starts_own_item(k) {
                    continue;
                }
                // …and so does a sub-item of an accepted list item, and what is said in it.
                if self.has(k, Feature::SubItem) && self.within_list_of(prev, k) {
                    continue;
                }
                if p.start_code.is_none()
                    && p.end_code.is_none()
                    && features::attached(self.units, q.unit).contains(&p.unit)
                    && features::sub_item(self.units, p.unit)
                {
                    continue;
                }
            }
            out.push(k);
        }
        self.fold_unlabelled_into_labelled(out)
    }

    /// True when candidate `k` carries a printed label or code of its own.
    fn labelled(&self, k: usize) -> bool {
        self.has(k, Feature::NamedLabel)
            || self.has(k, Feature::EndCode)
            || self.pieces[k].start_code.is_some()
    }

    /// Where most items are labelled ("Recommendation 3", "(012/22)"), an unlabelled
    /// paragraph between two of them, in the same section as the one before, explains that
    /// one rather than starting an item.
    fn fold_unlabelled_into_labelled(&self, kept: Vec<usize>) -> Vec<usize> {
        let labelled: Vec<bool> = kept.iter().map(|&k| self.labelled(k)).collect();
        let count = labelled.iter().filter(|&&l| l).count();
        if count < 3 || count * 2 < kept.len() {
            return kept;
        }
        let mut out = Vec::with_capacity(kept.len());
        let section = |m: usize| self.sections.of_unit[self.pieces[kept[m]].unit];
        for (n, &k) in kept.iter().enumerate() {
            let unit = &self.units[self.pieces[k].unit];
            let recommends = self.has(k, Feature::RecommendPresent) || self.has(k, Feature::RecommendPast);
            let candidate_fold =
                !labelled[n] && unit.heading.is_none() && self.pieces[k].index == 0 && !recommends;
            // Beside a labelled item of its section: an explanation or the rationale before it.
            let prev_labelled = (0..n).rev().find(|&m| labelled[m]);
            let next_labelled = (n + 1..kept.len()).find(|&m| labelled[m]);
            let beside = prev_labelled.is_some_and(|m| section(m) == section(n))
                || next_labelled.is_some_and(|m| section(m) == section(n));
            if candidate_fold && beside {
                continue;
            }
            out.push(k);
        }
        out
    }

    /// True when candidate `k` is in the list that candidate `item` heads (nothing but
    /// deeper items, sub-items and asides between them).
    fn within_list_of(&self, item: usize, k: usize) -> bool {
        let from = self.pieces[item].unit;
        let to = self.pieces[k].unit;
        (from + 1..to).all(|j| {
            let u = &self.units[j];
            u.aside
                || u.kind == BlockKind::ListItem
                || u.is_body() && u.depth > self.units[from].depth
                || features::sub_item(self.units, j)
                || u.lower
        })
    }

    /// Items with their extents and labels, for the accepted candidates `kept`;
    /// `response_mode` says the plain paragraphs after a recommendation are its reply.
    pub(crate) fn items(&self, kept: &[usize], response_mode: bool) -> Vec<Item> {
        let mut items: Vec<Item> = Vec::with_capacity(kept.len());
        for (n, &k) in kept.iter().enumerate() {
            let next = kept.get(n + 1).copied();
            let (last_piece, end) = self.extent(k, next, response_mode);
            let p = &self.pieces[k];
            let u = &self.units[p.unit];
            let start = if p.index == 0 { u.content } else { p.start };
            items.push(Item {
                piece: k,
                body: p.start,
                start,
                end,
                last_piece,
                label: String::new(),
                printed_label: false,
                conclusion: p.index == 0 && u.label.as_ref().is_some_and(|l| l.conclusion),
                named_recommendation: p.index == 0
                    && u.label.as_ref().is_some_and(|l| l.shape == LabelShape::Named && !l.conclusion),
            });
        }
        self.assign_labels(&mut items);
        items
    }

    /// The last piece and end byte of the item that starts at candidate `k`; `next` is the
    /// next accepted candidate.
    fn extent(&self, k: usize, next: Option<usize>, response_mode: bool) -> (usize, usize) {
        let stop = next.unwrap_or(self.pieces.len());
        let first = &self.pieces[k];
        let own_unit = first.unit;
        let item_unit = &self.units[own_unit];
        let mut last = k;
        if first.end_code.is_some() {
            return (last, first.end);
        }
        let mut j = k + 1;
        // The rest of its own block.
        while j < stop && self.pieces[j].unit == own_unit {
            let q = &self.pieces[j];
            if q.start_code.is_some() || features::reply_like(&super::text::fold(self.piece_text(j))) {
                return (last, self.pieces[last].end);
            }
            last = j;
            if q.end_code.is_some() {
                return (last, q.end);
            }
            j += 1;
        }
        if first.index > 0 && !self.units_continue(own_unit) {
            return (last, self.pieces[last].end);
        }
        // Following blocks that continue it.
        let heading_item = item_unit.heading.is_some() && first.index == 0;
        let mut prev_unit = own_unit;
        while j < stop {
            let q = &self.pieces[j];
            let u = &self.units[q.unit];
            if u.spliced {
                j += 1;
                continue;
            }
            if u.heading.is_some() {
                break;
            }
            if q.unit != prev_unit {
                let prev = &self.units[prev_unit];
                let continues =
                    !prev.terminated && prev.heading.is_none() && u.kind == BlockKind::Paragraph || u.lower;
                let sub = u.kind == BlockKind::ListItem && (u.depth > item_unit.depth || prev.colon)
                    || features::sub_item(self.units, q.unit)
                        && u.label.as_ref().map(|l| l.shape) != item_unit.label.as_ref().map(|l| l.shape);
                let explanation = !response_mode
                    && (heading_item
                        || u.kind == BlockKind::Paragraph
                            && item_unit.kind == BlockKind::Paragraph
                            && !item_unit.terminated_by_code(self.doc));
                let starts_reply =
                    q.start_code.is_some() || features::reply_like(&super::text::fold(self.piece_text(j)));
                if starts_reply || !(continues || sub || explanation) || u.kind == BlockKind::TableRow {
                    break;
                }
                // A lead-in that introduces the next item ends this one; one whose list is
                // not an item of its own ("Where …, the owner should:") is part of it.
                let introduces_next = next.is_some_and(|n| {
                    let next_unit = self.pieces[n].unit;
                    next_unit > q.unit && (q.unit + 1..next_unit).all(|x| self.units[x].aside)
                });
                if u.colon
                    && !sub
                    && introduces_next
                    && features::is_lead_in(&self.doc.text[u.body..u.end])
                    && !heading_item
                {
                    break;
                }
                prev_unit = q.unit;
            }
            last = j;
            if q.end_code.is_some() {
                break;
            }
            j += 1;
        }
        (last, self.pieces[last].end)
    }

    /// True when a sentence-level item may run on into the next block (the block does not end
    /// its sentence, or sub-items follow a colon).
    fn units_continue(&self, unit: usize) -> bool {
        let u = &self.units[unit];
        !u.terminated || u.colon
    }

    fn piece_text(&self, k: usize) -> &str {
        let p = &self.pieces[k];
        &self.doc.text[p.start..p.end]
    }

    /// Labels: a named label, else a code at the end (or start), else the printed label,
    /// else a code in the heading above, else the paragraph's number (with `.1`, `.2` when it
    /// holds several items), else the position.
    fn assign_labels(&self, items: &mut [Item]) {
        let mut per_unit: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for item in items.iter() {
            *per_unit.entry(self.pieces[item.piece].unit).or_default() += 1;
        }
        let mut seen_in_unit: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for (n, item) in items.iter_mut().enumerate() {
            let p = &self.pieces[item.piece];
            let u = &self.units[p.unit];
            let printed = if p.index == 0 { u.label.as_ref() } else { None };
            let end_code = self.code_of(item);
            let heading_code = self.sections.heading_of(p.unit).and_then(|_| self.heading_code_above(p.unit));
            let label = match printed {
                Some(l) if l.shape == LabelShape::Named => Some(l.label.clone()),
                _ => None,
            }
            .or(end_code)
            .or_else(|| p.start_code.clone())
            .or_else(|| printed.filter(|l| !l.label.is_empty()).map(|l| l.label.clone()))
            .or(heading_code);
            let label = label.or_else(|| {
                let number = u.label.as_ref().filter(|l| {
                    matches!(l.shape, LabelShape::Number | LabelShape::Dotted(_)) && !l.label.is_empty()
                })?;
                let count = per_unit.get(&p.unit).copied().unwrap_or(1);
                let seen = seen_in_unit.entry(p.unit).or_default();
                *seen += 1;
                Some(if count > 1 { format!("{}.{}", number.label, seen) } else { number.label.clone() })
            });
            item.printed_label = label.is_some();
            item.label = label.unwrap_or_else(|| (n + 1).to_string());
        }
    }

    /// The code that ends an item's text, if any.
    fn code_of(&self, item: &Item) -> Option<String> {
        (item.piece..=item.last_piece).rev().find_map(|j| self.pieces[j].end_code.clone())
    }

    /// A code in the nearest heading above unit `i` that has one (`[H-01]`), within the
    /// enclosing sections.
    fn heading_code_above(&self, i: usize) -> Option<String> {
        let mut h = self.sections.of_unit.get(i).copied().flatten();
        while let Some(index) = h {
            let heading = &self.sections.headings[index];
            let u = &self.units[heading.unit];
            if let Some(code) = labels::heading_code(u.content_text(self.doc)) {
                return Some(code);
            }
            h = heading.parent;
        }
        None
    }

    /// The form of candidate `k`.
    #[allow(dead_code)]
    pub(crate) fn form(&self, k: usize) -> Form {
        self.signatures[k].form
    }
}

impl Unit {
    /// True when the unit's text ends with a code (a complete, labelled item).
    pub(crate) fn terminated_by_code(&self, doc: &SourceText) -> bool {
        super::candidates::unit_end_code(doc, self).is_some()
    }
}
