//! Suggesting whether a text is a recommendation (an instruction) or a conclusion (an
//! observation), from the vocabulary's modal, recommending and imperative wording.

use super::text::{first_word, fold};
use super::vocab::VOCABULARY;
use crate::model::RecommendationKind;

/// Recommendation when the text instructs (should, must, recommend, an imperative), else
/// conclusion.
pub(crate) fn suggest(text: &str) -> RecommendationKind {
    let folded = fold(text);
    let v = &*VOCABULARY;
    let instructs = v.modal.is_match(&folded)
        || v.recommend_present.is_match(&folded)
        || v.recommend_past.is_match(&folded)
        || v.is_imperative(&first_word(folded.trim_start_matches(['(', '[', '"'])));
    if instructs { RecommendationKind::Recommendation } else { RecommendationKind::Conclusion }
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
        assert_eq!(suggest("Review the deployment architecture."), RecommendationKind::Recommendation);
        assert_eq!(
            suggest("The Committee is satisfied that arrangements are mature and proportionate."),
            RecommendationKind::Conclusion
        );
    }
}
