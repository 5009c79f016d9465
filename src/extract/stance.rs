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

static ABOUT_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:committee|recommendations?|conclusions?|observations?|findings?|report|view|assessment|recognition|proposals?|this|inquiry|panel|review)\b|^(?:not\s+|partially\s+|partly\s+)?(?:agreed|accepted|rejected|noted|agree|accept|reject)\b",
    )
    .expect("static regex")
});

static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:the\s+committee|as\s+the\s+committee|the\s+report|the\s+inquiry)\b")
        .expect("static regex")
});

/// The stance a reply's wording suggests and the sentence that shows it. The first
/// sentence that states a stance about the recommendation or the report decides
/// ("The Government agrees with the Committee…"); failing that, a stance word in one of
/// the reply's first two sentences.
pub(crate) fn suggest(reply: &str) -> Option<(Stance, String)> {
    let mut fallback = None;
    for (k, (_, sentence)) in sentences(reply).take(40).enumerate() {
        let folded = fold(sentence);
        let s = folded.trim_start_matches(['*', '_', ' ']);
        if REPORTED.is_match(s) {
            continue; // restates the report; not the reply's stance
        }
        let Some(stance) = stance_of(s) else { continue };
        if ABOUT_REPORT.is_match(s) {
            return Some((stance, sentence.to_owned()));
        }
        if k < 2 && fallback.is_none() {
            fallback = Some((stance, sentence.to_owned()));
        }
    }
    fallback
}

/// The stance a single (folded) sentence states, if any.
fn stance_of(s: &str) -> Option<Stance> {
    let disagree = DISAGREE.is_match(s);
    let partial = PARTIAL.is_match(s);
    let agree = AGREE.is_match(&DISAGREE.replace_all(s, ""));
    if partial || (disagree && agree) {
        Some(Stance::PartiallyAgreed)
    } else if disagree {
        Some(Stance::Disagreed)
    } else if agree {
        Some(Stance::Agreed)
    } else if NOTE.is_match(s) {
        Some(Stance::Noted)
    } else {
        None
    }
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

    #[test]
    fn restated_report_and_side_remarks_are_not_the_stance() {
        let reply = "The Government thanks the Committee. The Committee rightly acknowledges the cost. \
                     Ministers meet partners. MI5 strongly supports engagement with partners.";
        assert_eq!(suggest(reply), None);
        let reply = "The Committee rightly recognises the alliance. The Government agrees with this view.";
        assert_eq!(stance(reply), Some(Stance::Agreed));
        assert_eq!(suggest(reply).unwrap().1, "The Government agrees with this view.");
    }
}
