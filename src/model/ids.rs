//! Fresh ids in constant time: an allocator built once from a session remembers the highest
//! number used after each prefix (`r12` → `r`, 12), so making thousands of ids is linear.

use super::Session;
use std::collections::{HashMap, HashSet};

/// Hands out ids (`r1`, `a7`, `doc2`) not used by any recommendation, annotation, document
/// or cycle of the session it was built from, nor by any id it handed out before. Each id
/// is one more than the highest number seen after its prefix, so ids are never reused.
#[derive(Debug, Clone, Default)]
pub struct IdAllocator {
    highest: HashMap<String, u64>,
    used: HashSet<String>,
}

impl IdAllocator {
    /// An allocator aware of every id in `session` (one pass over them).
    pub fn new(session: &Session) -> Self {
        let mut allocator = Self::default();
        let ids = (session.recommendations.iter().map(|r| &r.id))
            .chain(session.annotations.iter().map(|a| &a.id))
            .chain(session.documents.iter().map(|d| &d.id))
            .chain(session.cycles.iter().map(|c| &c.id));
        for id in ids {
            allocator.note(id);
        }
        allocator
    }

    /// Record `id` as taken (an id made elsewhere and added to the session).
    pub fn note(&mut self, id: &str) {
        let prefix = id.trim_end_matches(|c: char| c.is_ascii_digit());
        if let Ok(n) = id[prefix.len()..].parse::<u64>() {
            let high = self.highest.entry(prefix.to_owned()).or_insert(0);
            *high = (*high).max(n);
        }
        self.used.insert(id.to_owned());
    }

    /// A fresh id: `prefix` followed by a number. O(1) (amortised).
    pub fn next(&mut self, prefix: &str) -> String {
        let mut n = self.highest.get(prefix).copied().unwrap_or(0);
        let id = loop {
            // Past u64::MAX (only a hand-made file gets there) count again from 1.
            n = n.checked_add(1).unwrap_or(1);
            let id = format!("{prefix}{n}");
            if !self.used.contains(&id) {
                break id;
            }
        };
        self.note(&id);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Recommendation;

    #[test]
    fn ids_follow_the_highest_number_per_prefix_and_never_collide() {
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        for id in ["r1", "r7", "r03", "doc2", "x12"] {
            s.recommendations.push(Recommendation::new(id, "L", ""));
        }
        let mut ids = IdAllocator::new(&s);
        assert_eq!(ids.next("r"), "r8");
        assert_eq!(ids.next("r"), "r9");
        assert_eq!(ids.next("doc"), "doc3");
        assert_eq!(ids.next("a"), "a1");
        assert_eq!(ids.next("c"), "c2", "the session's cycle c1 is taken");
        // A prefix that ends in a digit: `x1` + `2` is the existing `x12`, skipped.
        assert_eq!(ids.next("x1"), "x11");
        assert_eq!(ids.next("x1"), "x13");
    }

    #[test]
    fn the_largest_number_wraps_to_a_free_id() {
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        s.recommendations.push(Recommendation::new(format!("r{}", u64::MAX), "L", ""));
        s.recommendations.push(Recommendation::new("r1", "L", ""));
        assert_eq!(IdAllocator::new(&s).next("r"), "r2");
    }

    #[test]
    fn fresh_id_matches_the_allocator() {
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        s.recommendations.push(Recommendation::new("r4", "L", ""));
        assert_eq!(s.fresh_id("r"), "r5");
    }
}
