//! Grades and stances, and the editable schemes that name and colour them.

use serde::{Deserialize, Serialize};

/// A Blue/Green/Amber/Red grade, as stock-take trackers use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub enum Grade {
    /// Complete.
    Blue,
    /// On track.
    Green,
    /// Some obstacles.
    Amber,
    /// Significant obstacles.
    Red,
    /// Not yet assessed.
    #[default]
    NotAssessed,
}

impl Grade {
    /// Every grade, in scheme order (the order of the 1–5 keys).
    pub const ALL: [Grade; 5] = [Self::Blue, Self::Green, Self::Amber, Self::Red, Self::NotAssessed];

    /// The grade's fixed key as used in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Self::Blue => "Blue",
            Self::Green => "Green",
            Self::Amber => "Amber",
            Self::Red => "Red",
            Self::NotAssessed => "NotAssessed",
        }
    }

    /// One letter shown in the grade chip, so colour is never the only signal.
    pub fn letter(self) -> &'static str {
        match self {
            Self::Blue => "B",
            Self::Green => "G",
            Self::Amber => "A",
            Self::Red => "R",
            Self::NotAssessed => "–",
        }
    }

    /// Parse a key or name, case-insensitively (`amber`, `A`, `not assessed`).
    pub fn parse(s: &str) -> Option<Self> {
        let s: String = s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
        Self::ALL.into_iter().find(|g| {
            let key = g.key().to_lowercase();
            s == key || s == g.letter().to_lowercase() || (s == "na" && *g == Self::NotAssessed)
        })
    }
}

/// The reviewer's reading of how the response answered a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stance {
    /// Accepted in full.
    Agreed,
    /// Accepted in part.
    PartiallyAgreed,
    /// Acknowledged without commitment.
    Noted,
    /// Rejected.
    Disagreed,
    /// No reply found.
    NotAnswered,
}

impl Stance {
    /// Every stance, in scheme order.
    pub const ALL: [Stance; 5] =
        [Self::Agreed, Self::PartiallyAgreed, Self::Noted, Self::Disagreed, Self::NotAnswered];

    /// The stance's fixed key as used in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Self::Agreed => "Agreed",
            Self::PartiallyAgreed => "PartiallyAgreed",
            Self::Noted => "Noted",
            Self::Disagreed => "Disagreed",
            Self::NotAnswered => "NotAnswered",
        }
    }

    /// Parse a key or name, case-insensitively (`partially agreed`, `partially-agreed`).
    pub fn parse(s: &str) -> Option<Self> {
        let s: String = s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
        Self::ALL.into_iter().find(|st| st.key().to_lowercase() == s)
    }
}

/// How one grade is named, coloured and explained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradeStyle {
    /// Which grade.
    pub grade: Grade,
    /// Name shown to the reviewer.
    pub name: String,
    /// Colour, `#rrggbb`.
    pub colour: String,
    /// What the grade means.
    pub meaning: String,
    /// Key that gives this grade; None means the default (its position, `1`–`5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortcut: Option<char>,
}

/// Names, colours and meanings of all grades; editable per session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradeScheme {
    /// One entry per grade.
    pub grades: Vec<GradeStyle>,
}

impl Default for GradeScheme {
    fn default() -> Self {
        let g = |grade, name: &str, colour: &str, meaning: &str| GradeStyle {
            grade,
            name: name.into(),
            colour: colour.into(),
            meaning: meaning.into(),
            shortcut: None,
        };
        Self {
            grades: vec![
                g(Grade::Blue, "Blue", "#2f6fd6", "Complete"),
                g(Grade::Green, "Green", "#2e9e4f", "On track"),
                g(Grade::Amber, "Amber", "#e09a1a", "Some obstacles"),
                g(Grade::Red, "Red", "#d23c3c", "Significant obstacles"),
                g(Grade::NotAssessed, "Not assessed", "#8a8f98", "Not yet assessed"),
            ],
        }
    }
}

impl GradeScheme {
    /// The key that gives `grade`: the scheme's own, else its position in [`Grade::ALL`]
    /// (`1` for Blue … `5` for Not assessed).
    pub fn shortcut(&self, grade: Grade) -> char {
        self.style(grade).shortcut.unwrap_or_else(|| {
            let position = Grade::ALL.iter().position(|g| *g == grade).unwrap_or(0);
            char::from_digit(position as u32 + 1, 10).unwrap_or('?')
        })
    }

    /// The grade a key gives, if any.
    pub fn grade_for_key(&self, key: char) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| self.shortcut(*g).eq_ignore_ascii_case(&key))
    }

    /// The style of `grade`, falling back to the default scheme if the session lacks one.
    pub fn style(&self, grade: Grade) -> GradeStyle {
        self.grades
            .iter()
            .find(|s| s.grade == grade)
            .cloned()
            .or_else(|| Self::default().grades.into_iter().find(|s| s.grade == grade))
            .unwrap_or(GradeStyle {
                grade,
                name: grade.key().into(),
                colour: "#888888".into(),
                meaning: String::new(),
                shortcut: None,
            })
    }
}

/// How one stance is named, coloured and explained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StanceStyle {
    /// Which stance.
    pub stance: Stance,
    /// Name shown to the reviewer.
    pub name: String,
    /// Colour, `#rrggbb`.
    pub colour: String,
    /// What the stance means.
    pub meaning: String,
    /// Key that gives this stance, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortcut: Option<char>,
}

/// Names, colours and meanings of all stances; editable per session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StanceScheme {
    /// One entry per stance.
    pub stances: Vec<StanceStyle>,
}

impl Default for StanceScheme {
    fn default() -> Self {
        let s = |stance, name: &str, colour: &str, meaning: &str| StanceStyle {
            stance,
            name: name.into(),
            colour: colour.into(),
            meaning: meaning.into(),
            shortcut: None,
        };
        Self {
            stances: vec![
                s(Stance::Agreed, "Agreed", "#2e9e4f", "The response accepts it in full"),
                s(Stance::PartiallyAgreed, "Partially agreed", "#8fb339", "The response accepts part of it"),
                s(Stance::Noted, "Noted", "#8a8f98", "Acknowledged without a commitment"),
                s(Stance::Disagreed, "Disagreed", "#d23c3c", "The response rejects it"),
                s(Stance::NotAnswered, "Not answered", "#6b4fbb", "No reply addresses it"),
            ],
        }
    }
}

impl StanceScheme {
    /// The stance a key gives, if the scheme assigns one.
    pub fn stance_for_key(&self, key: char) -> Option<Stance> {
        self.stances
            .iter()
            .find(|s| s.shortcut.is_some_and(|k| k.eq_ignore_ascii_case(&key)))
            .map(|s| s.stance)
    }

    /// The style of `stance`, falling back to the default scheme if the session lacks one.
    pub fn style(&self, stance: Stance) -> StanceStyle {
        self.stances
            .iter()
            .find(|s| s.stance == stance)
            .cloned()
            .or_else(|| Self::default().stances.into_iter().find(|s| s.stance == stance))
            .unwrap_or(StanceStyle {
                stance,
                name: stance.key().into(),
                colour: "#888888".into(),
                meaning: String::new(),
                shortcut: None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_parse_accepts_keys_letters_and_names() {
        assert_eq!(Grade::parse("amber"), Some(Grade::Amber));
        assert_eq!(Grade::parse("B"), Some(Grade::Blue));
        assert_eq!(Grade::parse("Not assessed"), Some(Grade::NotAssessed));
        assert_eq!(Grade::parse("purple"), None);
    }

    #[test]
    fn grade_keys_default_to_positions_and_can_be_changed() {
        let mut scheme = GradeScheme::default();
        assert_eq!(scheme.shortcut(Grade::Blue), '1');
        assert_eq!(scheme.shortcut(Grade::NotAssessed), '5');
        assert_eq!(scheme.grade_for_key('3'), Some(Grade::Amber));
        scheme.grades[0].shortcut = Some('b');
        assert_eq!(scheme.grade_for_key('B'), Some(Grade::Blue));
        assert_eq!(scheme.grade_for_key('1'), None);
    }

    #[test]
    fn stance_parse_ignores_case_and_separators() {
        assert_eq!(Stance::parse("partially-agreed"), Some(Stance::PartiallyAgreed));
        assert_eq!(Stance::parse("NOTED"), Some(Stance::Noted));
        assert_eq!(Stance::parse("maybe"), None);
    }
}
