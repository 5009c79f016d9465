//! Replies: which text answers each recommendation. A reply follows its recommendation (or
//! the last of a group answered together) and opens with a marker ("Government response",
//! "Response:"), a status ("Accepted.", "Closed – Implemented."), a replying verb ("the CAA
//! replied", "IRS neither agreed nor disagreed with our recommendations"), or in a response
//! document simply follows. A letter that answers several recommendations by code
//! ("(005/12) Accepted. …") is split by code; a run of statuses after a run of
//! recommendations (a table whose columns a conversion separated) is paired in order.

use super::candidates::Piece;
use super::features::reply_like;
use super::layout::Unit;
use super::select::Item;
use super::text::fold;
use super::vocab::VOCABULARY;
use crate::document::{BlockKind, SourceText};

/// The reply found for an item: byte range.
pub(crate) type ReplySpan = (usize, usize);

/// What finding replies works on.
pub(crate) struct Replies<'a> {
    pub(crate) doc: &'a SourceText,
    pub(crate) units: &'a [Unit],
    pub(crate) pieces: &'a [Piece],
    pub(crate) items: &'a [Item],
}

/// Longest run of blocks a reply is looked for in or extends over.
const MAX_REPLY_UNITS: usize = 60;

impl Replies<'_> {
    fn text(&self, k: usize) -> &str {
        let p = &self.pieces[k];
        &self.doc.text[p.start..p.end]
    }

    /// How strongly piece `k` opens a reply: 0 not at all; 1 a replying word; 3 a reply
    /// ("The Government agrees", "On 8 July the CAA replied"); 4 a reply about the
    /// recommendations or report, a status or a marker.
    pub(crate) fn strength(&self, k: usize) -> u8 {
        let folded = fold(self.text(k));
        let s = folded.trim_start_matches(['[', '(', ' ']);
        let v = &*VOCABULARY;
        if v.reply_marker.is_match(s) || v.status_opener.is_match(s) {
            return 4;
        }
        if v.closure.is_match(s) {
            return 0;
        }
        let early: String = s.split(' ').take(18).collect::<Vec<_>>().join(" ");
        let verb = v.reply_verbs.find(&early);
        let stance = super::stance::of_sentence(s).is_some();
        let object = v.reply_objects.is_match(s);
        match verb {
            Some(_) if object => 4,
            Some(_) if stance && object => 4,
            Some(m) if m.start() < 40 || super::features::reply_like(s) && s.starts_with("on ") => 3,
            Some(_) => 1,
            None if stance && object && !v.restated_report.is_match(s) => 4,
            None if is_reply_opener(s) => 3,
            None if stance => 1,
            None => 0,
        }
    }

    /// Find the reply of every item. `response_mode`: the document replies to every
    /// recommendation (the text after one is its reply even without a marker).
    pub(crate) fn find(&self, response_mode: bool) -> Vec<Option<ReplySpan>> {
        let mut out = vec![None; self.items.len()];
        let mut g = 0;
        while g < self.items.len() {
            // A group: items that follow one another with nothing but asides between.
            let mut last = g;
            while last + 1 < self.items.len() && self.adjacent(last, last + 1, response_mode) {
                last += 1;
            }
            let region_end = self.items.get(last + 1).map_or(self.pieces.len(), |i| i.piece);
            self.answer_group(g, last, region_end, response_mode, &mut out);
            g = last + 1;
        }
        out
    }

    /// True when item `b` follows item `a` as one group: nothing but asides between them, or
    /// text that does not reply — in a response document, only sentences of `b`'s own block
    /// (a rationale before a coded recommendation), since a whole paragraph there is a reply.
    fn adjacent(&self, a: usize, b: usize, response_mode: bool) -> bool {
        let from = self.items[a].last_piece + 1;
        let to = self.items[b].piece;
        let b_unit = self.pieces[to].unit;
        (from..to).all(|k| {
            let u = &self.units[self.pieces[k].unit];
            let quiet = self.strength(k) < 3 && !u.is_section_heading();
            u.aside || quiet && (!response_mode || self.pieces[k].unit == b_unit)
        })
    }

    fn answer_group(
        &self,
        first: usize,
        last: usize,
        region_end: usize,
        response_mode: bool,
        out: &mut [Option<ReplySpan>],
    ) {
        let from = self.items[last].last_piece + 1;
        let boundary = self.region_boundary(first, from, region_end);
        if from >= boundary {
            return;
        }
        // Replies split by code: "(005/12) Accepted. …".
        let labels: Vec<&str> = (first..=last).map(|i| self.items[i].label.as_str()).collect();
        let coded: Vec<usize> = (from..boundary)
            .filter(|&k| self.pieces[k].start_code.as_deref().is_some_and(|c| labels.contains(&c)))
            .collect();
        if !coded.is_empty() {
            for (n, &k) in coded.iter().enumerate() {
                let end_piece = coded.get(n + 1).map_or(boundary, |&next| next);
                let end = self.reply_end(k, end_piece);
                let code = self.pieces[k].start_code.as_deref().unwrap_or("");
                if let Some(i) = (first..=last).find(|&i| self.items[i].label == code) {
                    out[i] = Some((self.pieces[k].start, end));
                }
            }
            return;
        }
        // A run of statuses after a run of recommendations: pair them in order.
        if last > first {
            let statuses = self.status_units(from, boundary);
            if statuses.len() == last - first + 1 {
                for (n, &k) in statuses.iter().enumerate() {
                    let end_piece = statuses.get(n + 1).copied().unwrap_or(boundary);
                    out[first + n] = Some((self.reply_start(k), self.reply_end(k, end_piece)));
                }
                return;
            }
        }
        // One reply for the group.
        let start = if response_mode {
            (from..boundary).find(|&k| self.is_body_piece(k))
        } else {
            (from..boundary).find(|&k| self.strength(k) >= 3)
        };
        let Some(k) = start else { return };
        let start = self.reply_start(k);
        let end = self.reply_end(k, boundary);
        if end > start {
            for slot in &mut out[first..=last] {
                *slot = Some((start, end));
            }
        }
    }

    fn is_body_piece(&self, k: usize) -> bool {
        let u = &self.units[self.pieces[k].unit];
        u.is_body() || u.kind == BlockKind::Quote
    }

    /// The first piece past the group's region: the next item, a section heading at or above
    /// the group's section, or the reply length limit.
    fn region_boundary(&self, first: usize, from: usize, region_end: usize) -> usize {
        let own_unit = self.pieces[self.items[first].piece].unit;
        let own_level = self.level_above(own_unit);
        let mut units_seen = 0;
        let mut prev_unit = usize::MAX;
        for k in from..region_end {
            let u = &self.units[self.pieces[k].unit];
            if self.pieces[k].unit != prev_unit {
                units_seen += 1;
                prev_unit = self.pieces[k].unit;
            }
            if units_seen > MAX_REPLY_UNITS {
                return k;
            }
            if u.is_section_heading()
                && !self.is_marker_heading(k)
                && u.heading.is_some_and(|l| l <= own_level || !u.by_look)
            {
                return k;
            }
        }
        region_end
    }

    /// Level of the heading the unit sits under (7 when none).
    fn level_above(&self, unit: usize) -> u8 {
        let u = &self.units[unit];
        if let Some(level) = u.heading {
            return level;
        }
        (0..unit)
            .rev()
            .find_map(|j| self.units[j].heading.filter(|_| self.units[j].is_section_heading()))
            .unwrap_or(7)
    }

    fn is_marker_heading(&self, k: usize) -> bool {
        VOCABULARY.reply_marker.is_match(&fold(self.text(k)))
    }

    /// The pieces that open a unit with a status ("Open – Not implemented."), in order,
    /// before any other kind of reply.
    fn status_units(&self, from: usize, to: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for k in from..to {
            let p = &self.pieces[k];
            if p.index != 0 || !self.is_body_piece(k) {
                continue;
            }
            let folded = fold(self.text(k));
            if VOCABULARY.status_opener.is_match(&folded) {
                out.push(k);
            } else if self.strength(k) >= 3 {
                break;
            }
        }
        out
    }

    /// Where a reply that piece `k` opens starts: after a marker that stands alone, at the
    /// start of the piece's block unless the block holds the recommendation too.
    fn reply_start(&self, k: usize) -> usize {
        let p = &self.pieces[k];
        let u = &self.units[p.unit];
        let folded = fold(self.text(k));
        if let Some(m) = VOCABULARY.reply_marker.find(&folded)
            && !VOCABULARY.status_opener.is_match(&folded)
        {
            // "Government response" alone: the reply is the next block; "Response: Agreed."
            // inline: the reply starts after the marker.
            let rest = self.text(k).trim_start_matches(['*', '_', ' ']);
            let taken = marker_len(rest, m.end());
            if rest[taken..].trim_matches(['*', '_', ' ', '\n', ':']).is_empty() {
                if let Some(next) = (k + 1..self.pieces.len()).find(|&j| self.is_body_piece(j)) {
                    return self.pieces[next].start;
                }
            } else {
                return p.end - rest.len()
                    + taken
                    + (rest[taken..].len() - rest[taken..].trim_start_matches(['*', '_', ' ', ':']).len());
            }
        }
        let item_in_block = self.items.iter().any(|i| self.pieces[i.piece].unit == p.unit);
        if p.index == 0 || item_in_block { p.start } else { u.body }
    }

    /// Where a reply that starts at piece `k` ends, at the latest before piece `limit`: at a
    /// closure by the report's author, a heading, or a table.
    fn reply_end(&self, k: usize, limit: usize) -> usize {
        let mut end = self.pieces[k].end;
        for j in k + 1..limit {
            let u = &self.units[self.pieces[j].unit];
            if u.aside {
                continue;
            }
            if u.is_section_heading() && !self.is_marker_heading(j) || u.kind == BlockKind::TableRow {
                break;
            }
            // A paragraph that closes the recommendation is its author's, not the reply.
            if self.pieces[j].index == 0 && VOCABULARY.closure.is_match(&fold(self.text(j))) {
                break;
            }
            end = self.pieces[j].end;
        }
        end
    }
}

/// Bytes of `text` taken by a reply marker whose folded match ends at `folded_end`
/// (folding drops emphasis, so count visible characters).
fn marker_len(text: &str, folded_end: usize) -> usize {
    let mut visible = 0;
    for (i, c) in text.char_indices() {
        if visible >= folded_end {
            return i;
        }
        if !matches!(c, '*' | '_') {
            visible += c.to_lowercase().map(char::len_utf8).sum::<usize>();
        }
    }
    text.len()
}

/// Opens like a reply by a government or body: "The Government agrees", "We accept".
fn is_reply_opener(s: &str) -> bool {
    VOCABULARY.reply_opener.is_match(s) && !VOCABULARY.restated_report.is_match(s)
}

/// True when the text right after a recommendation reads as its reply.
pub(crate) fn follows_as_reply(s: &str) -> bool {
    reply_like(s) || is_reply_opener(s)
}
