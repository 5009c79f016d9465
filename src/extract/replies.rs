//! Third pass: how far each recommendation runs, which recommendations form a group, and
//! which paragraphs reply to the group.

use super::accept::Start;
use super::units::{Marker, Unit};
use crate::document::{BlockKind, SourceText};

/// A recommendation's extent and its reply, in units.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    /// The accepted start.
    pub(crate) start: Start,
    /// Last unit of the recommendation's own text.
    pub(crate) last: usize,
    /// The reply: first unit, byte offset into that unit's text, last unit.
    pub(crate) reply: Option<(usize, usize, usize)>,
}

/// True when the document replies to its recommendations (a government response) rather
/// than only making them (a report).
pub(crate) fn is_response(units: &[Unit], starts: &[Start]) -> bool {
    if units.iter().any(|u| u.marker.is_some()) {
        return true;
    }
    let is_start: Vec<bool> = {
        let mut v = vec![false; units.len()];
        for s in starts {
            v[s.unit] = true;
        }
        v
    };
    let mut groups = 0;
    let mut replied = 0;
    for s in starts {
        let bold = units[s.unit].bold;
        let next = (s.unit + 1..units.len())
            .find(|&j| !(units[j].is_aside() || (bold && units[j].bold && !is_start[j])));
        match next {
            Some(j) if is_start[j] => {}
            Some(j) => {
                groups += 1;
                if units[j].reply_like || units[j].marker.is_some() {
                    replied += 1;
                }
            }
            None => groups += 1,
        }
    }
    replied > 0 && replied * 10 >= groups * 3
}

/// Does a heading at `j` end a reply (or recommendation) under a heading of `level`?
fn ends_at(unit: &Unit, level: u8) -> bool {
    match unit.heading {
        Some(h) => unit.marker.is_none() && unit.label.is_none() && h <= level,
        None => false,
    }
}

fn content_after_label_empty(unit: &Unit, text: &str) -> bool {
    let content = text.get(unit.lead..).unwrap_or("");
    let label_len = unit.label.as_ref().map_or(0, |m| m.len);
    content.get(label_len..).is_none_or(|rest| rest.trim_matches(['*', '_', ' ', '\n', '\t']).is_empty())
}

/// Place every accepted recommendation: its extent and its reply.
pub(crate) fn place(units: &[Unit], starts: &[Start], doc: &SourceText) -> Vec<Placed> {
    let response = is_response(units, starts);
    let mut is_start = vec![false; units.len()];
    for s in starts {
        is_start[s.unit] = true;
    }
    // Level of the nearest heading above each unit.
    let mut section_levels = Vec::with_capacity(units.len());
    let mut current = 7u8;
    for u in units {
        section_levels.push(current);
        if let Some(h) = u.heading
            && u.label.is_none()
            && u.marker.is_none()
        {
            current = h;
        }
    }

    let mut placed: Vec<Placed> = Vec::with_capacity(starts.len());
    for (k, s) in starts.iter().enumerate() {
        let next_start = starts.get(k + 1).map_or(units.len(), |n| n.unit);
        let u = &units[s.unit];
        let own_level = match u.kind {
            BlockKind::Heading { level } => level,
            _ => section_levels[s.unit],
        };
        // Is there a reply marker before the next recommendation?
        let marker_ahead = (s.unit + 1..next_start)
            .take_while(|&j| !ends_at(&units[j], own_level))
            .any(|j| units[j].marker.is_some());
        let mut need_text = content_after_label_empty(u, doc.block_text(u.block));
        let mut last = s.unit;
        let mut colon = u.colon;
        let mut j = s.unit + 1;
        while j < next_start {
            let v = &units[j];
            if v.is_aside() {
                j += 1;
                continue;
            }
            if v.marker.is_some()
                || v.heading.is_some()
                || !matches!(v.kind, BlockKind::Paragraph | BlockKind::ListItem)
            {
                break;
            }
            let take = need_text
                || !units[last].terminated
                || v.lowercase
                || (colon && (v.kind == BlockKind::ListItem || v.indented))
                || (!u.bold && marker_ahead)
                || !response;
            if !take {
                break;
            }
            need_text = false;
            colon = v.colon;
            last = j;
            j += 1;
        }
        // The reply, unless the next recommendation follows straight on (a group).
        let mut reply = None;
        let mut r = j;
        while r < next_start && units[r].is_aside() {
            r += 1;
        }
        if r < next_start && (response || marker_ahead) {
            let mut first = r;
            let mut offset = 0;
            match units[r].marker {
                Some(Marker::Alone) => first = r + 1,
                Some(Marker::Inline(off)) => offset = off + units[r].lead,
                None => {}
            }
            let mut last_reply = None;
            let mut q = first;
            while q < next_start && !ends_at(&units[q], own_level) {
                if !units[q].is_aside() && units[q].marker != Some(Marker::Alone) {
                    last_reply = Some(q);
                }
                q += 1;
            }
            if let Some(lr) = last_reply
                && first <= lr
            {
                reply = Some((first, offset, lr));
            }
        }
        placed.push(Placed { start: s.clone(), last, reply });
    }
    // A group shares the reply that follows its last member.
    let mut shared = None;
    for p in placed.iter_mut().rev() {
        if p.reply.is_some() {
            shared = p.reply;
        } else if p.last + 1 < units.len() && is_group_continued(units, &is_start, p.last) {
            p.reply = shared;
        } else {
            shared = None;
        }
    }
    placed
}

/// True when the next non-footnote unit after `last` is the start of another recommendation.
fn is_group_continued(units: &[Unit], is_start: &[bool], last: usize) -> bool {
    (last + 1..units.len()).find(|&j| !units[j].is_aside()).is_some_and(|j| is_start[j])
}
