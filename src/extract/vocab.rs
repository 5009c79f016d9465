//! The words extraction looks for, per language, loaded once from data
//! (`assets/extract/en.ron`): section names, modal and imperative wording, reply markers,
//! stance phrases. Code never spells these words out; it asks the vocabulary.

use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The vocabulary file as written (lists of regular-expression fragments).
#[derive(Debug, serde::Deserialize)]
struct VocabularyFile {
    language: String,
    recommendation_sections: Vec<String>,
    counter_sections: Vec<String>,
    progress_sections: Vec<String>,
    appendix_sections: Vec<String>,
    modal: Vec<String>,
    recommend_present: Vec<String>,
    recommend_past: Vec<String>,
    recommend_clause: Vec<String>,
    recommend_weak: Vec<String>,
    passive_recommended: Vec<String>,
    prior_recommendation: Vec<String>,
    negated_recommendation: Vec<String>,
    quoted_recommendation: Vec<String>,
    meta_recommendation: Vec<String>,
    concern: Vec<String>,
    finding: Vec<String>,
    imperative_verbs: Vec<String>,
    subject_verbs: Vec<String>,
    noun_like_imperatives: Vec<String>,
    reply_markers: Vec<String>,
    status_openers: Vec<String>,
    reply_verbs: Vec<String>,
    reply_openers: Vec<String>,
    reply_objects: Vec<String>,
    closure: Vec<String>,
    stance_partial: Vec<String>,
    stance_disagreed: Vec<String>,
    stance_noted: Vec<String>,
    stance_agreed: Vec<String>,
    stance_not_answered: Vec<String>,
    restated_report: Vec<String>,
}

/// A compiled vocabulary: one matcher per list, run on folded text (see [`super::text::fold`]).
#[derive(Debug)]
pub(crate) struct Vocabulary {
    /// Language code of the file (`"en"`).
    #[allow(dead_code)]
    pub(crate) language: String,
    pub(crate) recommendation_sections: Regex,
    pub(crate) counter_sections: Regex,
    /// A heading that reports on recommendations already made (their progress or status):
    /// not a section that makes them, though it names them.
    pub(crate) progress_sections: Regex,
    /// A heading that opens an appendix (matched at the start of the title).
    pub(crate) appendix_sections: Regex,
    pub(crate) modal: Regex,
    pub(crate) recommend_present: Regex,
    pub(crate) recommend_past: Regex,
    /// A recommending verb in the second half of a sentence; group 1 is the verb.
    pub(crate) recommend_clause: Regex,
    /// Any other use of the verb.
    pub(crate) recommend_weak: Regex,
    pub(crate) passive_recommended: Regex,
    pub(crate) prior_recommendation: Regex,
    pub(crate) negated_recommendation: Regex,
    /// An existing recommendation named or referred to (a quotation follows).
    pub(crate) quoted_recommendation: Regex,
    pub(crate) meta_recommendation: Regex,
    pub(crate) concern: Regex,
    pub(crate) finding: Regex,
    pub(crate) imperative_verbs: HashSet<String>,
    /// Finite verbs that, right after a first word, show it is a subject ("Pilot
    /// investigations were …"), not an imperative.
    pub(crate) subject_verbs: Regex,
    /// Imperative verbs that are also nouns ("Pilot", "Review", "Train").
    pub(crate) noun_like_imperatives: HashSet<String>,
    /// A whole block (or its opening) that is a reply marker.
    pub(crate) reply_marker: Regex,
    /// A reply that opens with its status.
    pub(crate) status_opener: Regex,
    pub(crate) reply_verbs: Regex,
    /// A reply by a government or body: "The Government agrees", "We accept".
    pub(crate) reply_opener: Regex,
    pub(crate) reply_objects: Regex,
    pub(crate) closure: Regex,
    pub(crate) stance_partial: Regex,
    pub(crate) stance_disagreed: Regex,
    pub(crate) stance_noted: Regex,
    pub(crate) stance_agreed: Regex,
    pub(crate) stance_not_answered: Regex,
    /// Sentence openings that restate the report.
    pub(crate) restated_report: Regex,
}

/// Any of `fragments` as whole words: `\b(?:a|b)` followed by a non-word character or the end.
fn words(fragments: &[String]) -> Result<Regex, regex::Error> {
    Regex::new(&format!(r"\b(?:{})(?:\W|$)", fragments.join("|")))
}

/// Any of `fragments` at the very start of the text, ending in a separator or the end.
fn opening(fragments: &[String], separator: &str) -> Result<Regex, regex::Error> {
    Regex::new(&format!(r"^(?:{})\s*(?:{separator}|$)", fragments.join("|")))
}

/// Any of `fragments` at the start of the text.
fn starting(fragments: &[String]) -> Result<Regex, regex::Error> {
    Regex::new(&format!(r"^(?:{})(?:\W|$)", fragments.join("|")))
}

impl Vocabulary {
    /// Compile a vocabulary file.
    fn compile(file: VocabularyFile) -> Result<Vocabulary, regex::Error> {
        Ok(Vocabulary {
            recommendation_sections: words(&file.recommendation_sections)?,
            counter_sections: words(&file.counter_sections)?,
            progress_sections: words(&file.progress_sections)?,
            appendix_sections: starting(&file.appendix_sections)?,
            modal: words(&file.modal)?,
            recommend_present: words(&file.recommend_present)?,
            recommend_past: words(&file.recommend_past)?,
            recommend_weak: words(&file.recommend_weak)?,
            recommend_clause: Regex::new(&format!("(?i)(?:{})", file.recommend_clause.join("|")))?,
            passive_recommended: words(&file.passive_recommended)?,
            prior_recommendation: words(&file.prior_recommendation)?,
            negated_recommendation: words(&file.negated_recommendation)?,
            quoted_recommendation: words(&file.quoted_recommendation)?,
            meta_recommendation: words(&file.meta_recommendation)?,
            concern: words(&file.concern)?,
            finding: words(&file.finding)?,
            imperative_verbs: file.imperative_verbs.iter().map(|w| w.to_lowercase()).collect(),
            subject_verbs: words(&file.subject_verbs)?,
            noun_like_imperatives: file.noun_like_imperatives.iter().map(|w| w.to_lowercase()).collect(),
            reply_marker: opening(&file.reply_markers, r"[:.\-]")?,
            status_opener: opening(&file.status_openers, r"[:.\-;]")?,
            reply_verbs: words(&file.reply_verbs)?,
            reply_opener: starting(&file.reply_openers)?,
            reply_objects: words(&file.reply_objects)?,
            closure: words(&file.closure)?,
            stance_partial: words(&file.stance_partial)?,
            stance_disagreed: words(&file.stance_disagreed)?,
            stance_noted: words(&file.stance_noted)?,
            stance_agreed: words(&file.stance_agreed)?,
            stance_not_answered: words(&file.stance_not_answered)?,
            restated_report: starting(&file.restated_report)?,
            language: file.language,
        })
    }

    /// Parse and compile the RON text of a vocabulary file.
    fn from_ron(text: &str) -> Result<Vocabulary, String> {
        let file: VocabularyFile = ron::from_str(text).map_err(|e| e.to_string())?;
        Vocabulary::compile(file).map_err(|e| e.to_string())
    }

    /// True when `word` (lower case) is an imperative verb of the vocabulary.
    pub(crate) fn is_imperative(&self, word: &str) -> bool {
        self.imperative_verbs.contains(word)
    }
}

/// The English vocabulary, built into the binary.
const ENGLISH: &str = include_str!("../../assets/extract/en.ron");

/// The vocabulary in use. The file is part of the program: a mistake in it is a build
/// defect that the unit test below catches, so the fallback (an empty vocabulary that
/// finds nothing) is never reached in a released build.
pub(crate) static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    Vocabulary::from_ron(ENGLISH).unwrap_or_else(|e| {
        eprintln!("stocktake: built-in extraction vocabulary is invalid: {e}");
        Vocabulary::empty()
    })
});

impl Vocabulary {
    /// A vocabulary that matches nothing.
    fn empty() -> Vocabulary {
        let never = || Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("constant pattern"));
        Vocabulary {
            language: String::new(),
            recommendation_sections: never(),
            counter_sections: never(),
            progress_sections: never(),
            appendix_sections: never(),
            modal: never(),
            recommend_present: never(),
            recommend_past: never(),
            recommend_clause: never(),
            recommend_weak: never(),
            passive_recommended: never(),
            prior_recommendation: never(),
            negated_recommendation: never(),
            quoted_recommendation: never(),
            meta_recommendation: never(),
            concern: never(),
            finding: never(),
            imperative_verbs: HashSet::new(),
            subject_verbs: never(),
            noun_like_imperatives: HashSet::new(),
            reply_marker: never(),
            status_opener: never(),
            reply_verbs: never(),
            reply_opener: never(),
            reply_objects: never(),
            closure: never(),
            stance_partial: never(),
            stance_disagreed: never(),
            stance_noted: never(),
            stance_agreed: never(),
            stance_not_answered: never(),
            restated_report: never(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_vocabulary_compiles() {
        let v = Vocabulary::from_ron(ENGLISH).expect("en.ron is valid");
        assert_eq!(v.language, "en");
        assert!(v.is_imperative("ensure"));
        assert!(v.modal.is_match("the department should publish"));
        assert!(v.recommendation_sections.is_match("recommendations for executive action"));
        assert!(v.counter_sections.is_match("safety actions"));
        assert!(v.progress_sections.is_match("progress against recommendations"));
        assert!(v.progress_sections.is_match("status of the recommendations"));
        assert!(!v.progress_sections.is_match("recommendations for executive action"));
        assert!(v.reply_marker.is_match("government response"));
        assert!(v.status_opener.is_match("accepted. work is under way"));
    }
}
