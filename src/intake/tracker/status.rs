//! Status spellings a tracker may use, and the grade each means: B / Blue / Complete /
//! Closed, G / Green / On track, A / Amber, R / Red, plus the session's own grade names and
//! meanings, in any case.

use super::mapping::normalise;
use crate::model::{Grade, GradeScheme};
use std::collections::BTreeMap;

/// Built-in spellings per grade (compared after [`normalise`]).
const BUILT_IN: [(Grade, &[&str]); 5] = [
    (Grade::Blue, &["B", "Blue", "Complete", "Completed", "Closed", "Done", "Delivered"]),
    (Grade::Green, &["G", "Green", "On track", "ontrack"]),
    (Grade::Amber, &["A", "Amber"]),
    (Grade::Red, &["R", "Red"]),
    (Grade::NotAssessed, &["Not assessed", "notassessed", "N/A", "na"]),
];

/// Variants accepted but not listed in messages (the readable form is listed).
const UNLISTED: [&str; 3] = ["ontrack", "notassessed", "na"];

/// The spellings accepted for statuses, built from the session's grade scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusVocabulary {
    spellings: BTreeMap<String, Grade>,
    /// The spellings to show in an error, in grade order, as a reviewer would write them.
    shown: Vec<String>,
}

impl StatusVocabulary {
    /// The built-in spellings plus the names and meanings of `scheme`.
    pub fn new(scheme: &GradeScheme) -> Self {
        let mut spellings = BTreeMap::new();
        let mut shown = Vec::new();
        for (grade, words) in BUILT_IN {
            let style = scheme.style(grade);
            let own = [grade.key(), style.name.as_str(), style.meaning.as_str()];
            for word in words.iter().copied().chain(own) {
                let key = normalise(word);
                if key.is_empty() || spellings.contains_key(&key) {
                    continue;
                }
                spellings.insert(key, grade);
                if !UNLISTED.contains(&word) {
                    shown.push(word.to_owned());
                }
            }
        }
        Self { spellings, shown }
    }

    /// The grade a status cell means: `Ok(None)` for an empty cell (or a lone dash),
    /// `Err(())` for a spelling not in the vocabulary.
    #[allow(clippy::result_unit_err)]
    pub fn parse(&self, cell: &str) -> Result<Option<Grade>, ()> {
        let key = normalise(cell);
        if key.is_empty() {
            return Ok(None);
        }
        self.spellings.get(&key).copied().map(Some).ok_or(())
    }

    /// The accepted spellings, for an error message.
    pub fn allowed(&self) -> Vec<String> {
        self.shown.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_from_trackers_and_the_scheme_any_case() {
        let mut scheme = GradeScheme::default();
        scheme.grades[2].name = "Yellow".into();
        let v = StatusVocabulary::new(&scheme);
        for (cell, grade) in [
            ("B", Grade::Blue),
            ("complete", Grade::Blue),
            ("CLOSED", Grade::Blue),
            ("g", Grade::Green),
            ("On track", Grade::Green),
            ("on-track", Grade::Green),
            ("Amber", Grade::Amber),
            ("yellow", Grade::Amber),
            ("some obstacles", Grade::Amber),
            ("R", Grade::Red),
            ("Not assessed", Grade::NotAssessed),
            ("N/A", Grade::NotAssessed),
        ] {
            assert_eq!(v.parse(cell), Ok(Some(grade)), "{cell}");
        }
        assert_eq!(v.parse("  "), Ok(None));
        assert_eq!(v.parse("-"), Ok(None));
        assert_eq!(v.parse("Purple"), Err(()));
        let allowed = v.allowed().join(", ");
        for word in ["B", "Blue", "Complete", "Closed", "G", "On track", "A", "Amber", "Yellow", "R", "Red"] {
            assert!(allowed.split(", ").any(|a| a == word), "{word} in {allowed}");
        }
    }
}
