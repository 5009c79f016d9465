//! Suggesting the stance of a reply from its wording, with the sentence that justifies it.
//! The wording is the vocabulary's (`stance_*` lists); a sentence that restates the report
//! ("The Committee rightly notes…") is not the reply's stance.

use super::text::{fold, sentences};
use super::vocab::VOCABULARY;
use crate::model::Stance;

/// The stance a reply's wording suggests and the sentence that shows it. The first
/// sentence that states a stance about the recommendation or the report decides ("The
/// Government agrees with the Committee…"); failing that, a stance in one of the reply's
/// first two sentences.
pub(crate) fn suggest(reply: &str) -> Option<(Stance, String)> {
    let mut fallback = None;
    for (k, (s, e)) in sentences(reply).into_iter().take(40).enumerate() {
        let sentence = reply[s..e].trim();
        let folded = fold(sentence);
        let f = folded.trim_start_matches(['[', '(', ' ', '*']);
        if VOCABULARY.restated_report.is_match(f) && !VOCABULARY.reply_verbs.is_match(f) {
            continue; // restates the report; not the reply's stance
        }
        let Some(stance) = of_sentence(f) else { continue };
        if VOCABULARY.reply_objects.is_match(f) || k == 0 {
            return Some((stance, clean(sentence)));
        }
        if k < 2 && fallback.is_none() {
            fallback = Some((stance, clean(sentence)));
        }
    }
    fallback
}

fn clean(sentence: &str) -> String {
    sentence.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The stance a single folded sentence states, if any: not answered, then partial, then
/// "neither … nor", then disagreement (with agreement as well: partial), then agreement,
/// then noting.
pub(crate) fn of_sentence(s: &str) -> Option<Stance> {
    let v = &*VOCABULARY;
    if v.stance_not_answered.is_match(s) {
        return Some(Stance::NotAnswered);
    }
    if v.stance_partial.is_match(s) {
        return Some(Stance::PartiallyAgreed);
    }
    let noted = v.stance_noted.find(s);
    if noted.is_some_and(|m| m.as_str().starts_with("neither")) {
        return Some(Stance::Noted);
    }
    let disagree = v.stance_disagreed.is_match(s);
    let without_disagreement = v.stance_disagreed.replace_all(s, " ");
    let agree =
        v.stance_agreed.find_iter(&without_disagreement).any(|m| !negated(&without_disagreement, m.start()));
    match (disagree, agree) {
        (true, true) => Some(Stance::PartiallyAgreed),
        (true, false) => Some(Stance::Disagreed),
        (false, true) => Some(Stance::Agreed),
        (false, false) => noted.map(|_| Stance::Noted),
    }
}

/// True when the word at `at` is negated by the word before it ("not implemented").
fn negated(s: &str, at: usize) -> bool {
    let before = s[..at].trim_end();
    let last = before.rsplit([' ', '-']).next().unwrap_or("");
    matches!(last, "not" | "never" | "no" | "nor") || before.ends_with("n't")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stance(s: &str) -> Option<Stance> {
        suggest(s).map(|(st, _)| st)
    }

    #[test]
    fn wording_to_stance() {
        assert_eq!(stance("The Government agrees with this recommendation."), Some(Stance::Agreed));
        assert_eq!(stance("Accepted. Work is under way."), Some(Stance::Agreed));
        assert_eq!(stance("The Government notes the Committee’s recommendation."), Some(Stance::Noted));
        assert_eq!(stance("The Department does not accept this recommendation."), Some(Stance::Disagreed));
        assert_eq!(stance("We reject this recommendation."), Some(Stance::Disagreed));
        assert_eq!(
            stance("The Government partially accepts this recommendation."),
            Some(Stance::PartiallyAgreed)
        );
        assert_eq!(stance("Accepted in principle."), Some(Stance::PartiallyAgreed));
        assert_eq!(stance("Partially accepted."), Some(Stance::PartiallyAgreed));
        assert_eq!(stance("Not accepted."), Some(Stance::Disagreed));
        assert_eq!(stance("Ministers met in May."), None);
    }

    #[test]
    fn welcoming_or_noting_is_not_agreeing() {
        assert_eq!(stance("The Government welcomes the Committee’s conclusion."), Some(Stance::Noted));
        assert_eq!(stance("The Government notes the Committee’s observation."), Some(Stance::Noted));
    }

    #[test]
    fn the_corpus_shapes_of_reply() {
        assert_eq!(
            stance(
                "In its written comments, Education said it did not concur with our recommendation to assess servicer accuracy."
            ),
            Some(Stance::Disagreed)
        );
        assert_eq!(
            stance("IRS neither agreed nor disagreed with our recommendations. IRS told us more."),
            Some(Stance::Noted)
        );
        assert_eq!(
            stance("The Department acknowledged the recommendation but will not implement it, citing cost."),
            Some(Stance::Disagreed)
        );
        assert_eq!(stance("OMB did not provide comments on the report."), Some(Stance::NotAnswered));
        assert_eq!(
            stance("Open – Not implemented. As of February 2026, OMB had taken limited action."),
            None
        );
        assert_eq!(
            stance("Closed – Implemented. In January 2025, OMB included tax expenditures."),
            Some(Stance::Agreed)
        );
        assert_eq!(
            stance("See comment. The Director will consider the recommendation."),
            Some(Stance::Noted)
        );
        assert_eq!(stance("[Shadowfiend (Tally) confirmed](https://example.org/37)"), Some(Stance::Agreed));
        assert_eq!(stance("[Shadowfiend (Tally) acknowledged](https://example.org/20)"), Some(Stance::Noted));
    }

    #[test]
    fn evidence_is_the_deciding_sentence() {
        let (st, evidence) = suggest(
            "Partnerships matter to the UK. The Government agrees that more can be done. It notes risks.",
        )
        .expect("a stance");
        assert_eq!(st, Stance::Agreed);
        assert_eq!(evidence, "The Government agrees that more can be done.");
    }

    #[test]
    fn restated_report_and_side_remarks_are_not_the_stance() {
        let reply = "The Government thanks the Committee. The Committee rightly acknowledges the cost. \
                     Ministers meet partners. MI5 strongly supports engagement with partners.";
        assert_eq!(stance(reply), Some(Stance::Noted));
        let reply = "The Committee rightly recognises the alliance. The Government agrees with this view.";
        assert_eq!(stance(reply), Some(Stance::Agreed));
        assert_eq!(suggest(reply).expect("a stance").1, "The Government agrees with this view.");
    }
}
