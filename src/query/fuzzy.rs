//! Fuzzy finding for the command palette: rank any named items against what was typed
//! (`nucleo-matcher`, the matcher of the Helix editor: smart case, Unicode normalisation,
//! words in any order).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Items whose text matches `query`, best first (ties keep their order). An empty query
/// matches everything in order.
pub fn rank<T>(query: &str, items: impl IntoIterator<Item = (T, String)>) -> Vec<T> {
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(usize, u32, T)> = items
        .into_iter()
        .enumerate()
        .filter_map(|(i, (item, text))| {
            let score = pattern.score(Utf32Str::new(&text, &mut buf), &mut matcher)?;
            Some((i, score, item))
        })
        .collect();
    scored.sort_by_key(|&(i, score, _)| (std::cmp::Reverse(score), i));
    scored.into_iter().map(|(_, _, item)| item).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_of_order_and_case_still_find_the_item() {
        let items = || {
            ["Save as…", "Next recommendation", "Grade: Amber", "Reset layout"]
                .into_iter()
                .map(|s| (s, s.to_string()))
        };
        assert_eq!(rank("nxt rec", items()).first(), Some(&"Next recommendation"));
        assert_eq!(rank("amber", items()), vec!["Grade: Amber"]);
        assert_eq!(rank("", items()).len(), 4);
        assert!(rank("zzzz", items()).is_empty());
    }
}
