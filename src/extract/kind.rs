//! Suggesting whether a text is a recommendation (an instruction) or a conclusion (an
//! observation).

use super::text::fold;
use crate::model::RecommendationKind;
use regex::Regex;
use std::sync::LazyLock;

static INSTRUCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:should|must|recommends?|recommended\s+that|ought\s+to|needs?\s+to|urges?|calls?\s+on|we\s+ask|is\s+(?:essential|vital|imperative)\s+that|shall)\b",
    )
    .expect("static regex")
});

/// Recommendation when the text instructs (should, must, recommend), else conclusion.
pub(crate) fn suggest(text: &str) -> RecommendationKind {
    if INSTRUCTION.is_match(&fold(text)) {
        RecommendationKind::Recommendation
    } else {
        RecommendationKind::Conclusion
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_versus_observations() {
        assert_eq!(
            suggest("The Agencies should consider embedded teams."),
            RecommendationKind::Recommendation
        );
        assert_eq!(
            suggest("We recommend that the Department publishes data."),
            RecommendationKind::Recommendation
        );
        assert_eq!(suggest("There must be no complacency."), RecommendationKind::Recommendation);
        assert_eq!(
            suggest("The Committee is satisfied that arrangements are mature and proportionate."),
            RecommendationKind::Conclusion
        );
    }
}
