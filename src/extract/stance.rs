//! Suggesting the stance of a reply from its wording, with the sentence that justifies it.

use super::text::{fold, sentences};
use crate::model::Stance;
use regex::Regex;
use std::sync::LazyLock;

static DISAGREE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?:do(?:es)?\s+not|cannot|can\s*not|will\s+not|is\s+not\s+(?:able|minded)\s+to|not\s+minded\s+to)\s+(?:accept|agree|support|endorse|implement)
        |\b(?:rejects?|rejected|disagrees?|declines?\s+(?:to|the)|not\s+accepted|not\s+agreed|not\s+supported)\b
        |^(?:reject|disagree)",
    )
    .expect("static regex")
});

static PARTIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?:partially|partly|in\s+part|in\s+principle|accepts?\s+the\s+(?:spirit|intent|principle)|agrees?\s+with\s+the\s+(?:spirit|intent|principle|aim)|qualified)\b",
    )
    .expect("static regex")
});

static AGREE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?:agrees?|agreed|accepts?|accepted|welcomes?|welcomed|endorses?|supports?|shares?\s+the\s+committee|will\s+implement|has\s+implemented|is\s+implementing)\b
        |^(?:agree|accept)",
    )
    .expect("static regex")
});

static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:notes|noted|note|acknowledges?|acknowledged|takes?\s+note)\b").expect("static regex")
});

/// The stance a reply's wording suggests and the sentence that shows it; the first
/// sentence that states a stance decides.
pub(crate) fn suggest(reply: &str) -> Option<(Stance, String)> {
    for (_, sentence) in sentences(reply).take(40) {
        let folded = fold(sentence);
        let s = folded.trim_start_matches(['*', '_', ' ']);
        let disagree = DISAGREE.is_match(s);
        let partial = PARTIAL.is_match(s);
        let agree = AGREE.is_match(&DISAGREE.replace_all(s, ""));
        let stance = if partial || (disagree && agree) {
            Some(Stance::PartiallyAgreed)
        } else if disagree {
            Some(Stance::Disagreed)
        } else if agree {
            Some(Stance::Agreed)
        } else if NOTE.is_match(s) {
            Some(Stance::Noted)
        } else {
            None
        };
        if let Some(stance) = stance {
            return Some((stance, sentence.to_owned()));
        }
    }
    None
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
        assert_eq!(stance("The Government welcomes the Committee’s conclusion."), Some(Stance::Agreed));
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
    fn evidence_is_the_deciding_sentence() {
        let (st, evidence) = suggest(
            "Partnerships matter to the UK. The Government agrees that more can be done. It notes risks.",
        )
        .unwrap();
        assert_eq!(st, Stance::Agreed);
        assert_eq!(evidence, "The Government agrees that more can be done.");
    }
}
