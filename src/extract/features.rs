//! The evidence for and against a candidate being a recommendation. Each feature is a fact
//! about the candidate that generalises across documents (its section, its label, its
//! wording, its neighbours); the model weighs them.

use super::candidates::Piece;
use super::labels::LabelShape;
use super::layout::Unit;
use super::sections::{Placement, Sections};
use super::text::{self, fold};
use super::vocab::VOCABULARY;
use crate::document::{BlockKind, SourceText};

macro_rules! features {
    ($($(#[doc = $doc:literal])* $name:ident = $key:literal,)*) => {
        /// One piece of evidence about a candidate.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Feature {
            $($(#[doc = $doc])* $name,)*
        }

        impl Feature {
            /// Every feature, in a fixed order (the order of the model's weights).
            pub const ALL: &'static [Feature] = &[$(Feature::$name,)*];

            /// The feature's name in weight files and in `--explain`.
            pub fn key(self) -> &'static str {
                match self {
                    $(Feature::$name => $key,)*
                }
            }

            /// The feature named `key`.
            pub fn from_key(key: &str) -> Option<Feature> {
                match key {
                    $($key => Some(Feature::$name),)*
                    _ => None,
                }
            }
        }
    };
}

features! {
    /// Always present: the model's prior.
    Bias = "bias",
    /// A list item.
    ListItem = "list-item",
    /// A heading (marked up or by its look).
    Heading = "heading",
    /// A heading with no text under it (a title in a list of titles).
    EmptyHeading = "heading-without-text",
    /// Block quote.
    Quote = "quote",
    /// A sentence inside a paragraph, not its first.
    InnerSentence = "inner-sentence",
    /// The second half of a sentence, from a recommending verb.
    Clause = "clause",
    /// Nested in a list (depth 1 or more).
    Nested = "nested",
    /// A sub-item: follows an item that introduces a list (ends with a colon), or is deeper than
    /// the item before.
    SubItem = "sub-item",
    /// A named label: "Recommendation 12", "R12".
    NamedLabel = "named-label",
    /// Another printed label: "A.", "1.", "(a)", "6.3.1".
    OtherLabel = "label",
    /// A numbered paragraph label: "4.4", "2.1".
    ParagraphNumber = "paragraph-number",
    /// Ends with a code: "(Recommendation 3)", "(012/22)".
    EndCode = "end-code",
    /// Printed in bold.
    Bold = "bold",
    /// Starts with a lower-case letter: continues the text before.
    LowerStart = "lower-start",
    /// Fewer than four words.
    Short = "short",
    /// More than 150 words.
    Long = "long",
    /// Ends with a colon: introduces what follows.
    EndsColon = "ends-colon",
    /// Its sub-items instruct ("a. Make it easier…"): a title for recommendations in parts.
    SubItemsInstruct = "sub-items-instruct",
    /// A paragraph that does not end a sentence (a title, a caption, a reference).
    Unterminated = "unterminated",
    /// A question.
    Question = "question",
    /// Opens with a quotation mark: someone's words quoted.
    QuotedSpeech = "quoted-speech",
    /// The nearest heading names recommendations.
    SectionHere = "section-recommendations",
    /// A heading further up names recommendations.
    SectionAbove = "section-recommendations-above",
    /// The section follows a recommendations section and names nothing.
    SectionAfter = "section-after-recommendations",
    /// The first text under a heading that names recommendations.
    FirstInSection = "first-in-section",
    /// The section names something that is not recommendations (findings, safety actions,
    /// lessons, contents).
    CounterSection = "counter-section",
    /// The document has sections of recommendations, and this is in none of them.
    OutsideSections = "outside-recommendation-sections",
    /// The document has no section of recommendations at all: wording is all there is.
    NoSections = "no-recommendation-sections",
    /// A heading under a heading that names recommendations.
    SubHeading = "sub-heading-of-recommendations",
    /// In an appendix that does not name recommendations, while the report's own are
    /// elsewhere: quoted from an earlier report.
    AppendixQuote = "appendix-quote",
    /// Introduced by a lead-in that ends with a colon and names recommendations.
    LeadIn = "lead-in",
    /// Introduced by the author recommending now: "I recommend that:", "We recommend:".
    LeadInRecommends = "lead-in-recommends",
    /// "X recommends that", "We recommend".
    RecommendPresent = "recommends",
    /// "X recommended that" (reported).
    RecommendPast = "recommended",
    /// Another use of the verb: "recommended an overspeed setting".
    RecommendWeak = "recommend-other",
    /// Introduced by text about an existing recommendation ("reference is made to
    /// recommendation R2007…", "the earlier recommendation"): a quotation.
    QuotedIntro = "quoted-introduction",
    /// The author's earlier recommendation: "we previously recommended".
    PriorRecommendation = "prior-recommendation",
    /// "is recommended", "recommended by the manufacturer".
    PassiveRecommended = "passive-recommended",
    /// "We do not recommend", "no recommendations were made".
    Negated = "negated",
    /// Talks about recommendations: "made three recommendations", "the recommendations".
    Meta = "meta",
    /// A modal verb near the start: "The Department should".
    ModalEarly = "modal-early",
    /// The modal is the main verb after a short subject: "The Director of OMB should".
    ModalSubject = "modal-after-subject",
    /// A modal verb later in the sentence.
    ModalLate = "modal-late",
    /// Opens with an imperative verb: "Ensure", "Consider".
    Imperative = "imperative",
    /// An imperative after an opening phrase: "As mentioned before, provide".
    ImperativeLater = "imperative-after-phrase",
    /// Reported concern or a request for information.
    Concern = "concern",
    /// A finding: "there is a risk", "contributed to".
    Finding = "finding",
    /// Looks like a reply: "Accepted.", "the CAA replied".
    ReplyLike = "reply-like",
    /// Inside a reply: after a replying sentence in the same block.
    InReply = "in-reply",
    /// Followed by a reply ("The Government agrees…", "Response:"), after any items like it.
    FollowedByReply = "followed-by-reply",
    /// A labelled ("A.", "12.") or bold item in a document full of replies: a response
    /// document quoting what it answers.
    MarkedInResponse = "marked-in-response",
    /// Recommending wording in a document with no section of recommendations.
    RecommendsWithoutSections = "recommends-without-sections",
    /// The author's own plans or beliefs: "We will", "We believe".
    AuthorVoice = "author-voice",
    /// Opens with a date: "On 8 July 2014 …".
    DateOpening = "date-opening",
    /// A condition: "If …".
    Conditional = "conditional",
    /// Most of the candidate's look-alikes (same signature) are recommendations, and it has
    /// some evidence of its own.
    GroupSupport = "look-alikes",
    /// Most of its look-alikes are recommendations, but it has no evidence of its own.
    GroupSupportBare = "look-alikes-only",
    /// Bold, and recommends or asks someone to act: the author's emphasis on a recommendation.
    EmphasisedRecommending = "emphasised-recommending",
    /// The candidate has no look-alike.
    Alone = "no-look-alike",
    /// Its label follows the label of the look-alike before it (1 → 2, A → B).
    LabelSequence = "label-sequence",
    /// It belongs to a run of five or more look-alikes labelled in sequence (A, B, C, …).
    LabelRun = "label-run",
}

/// Features of one candidate: (feature, value), value usually 1.
pub(crate) type FeatureVec = Vec<(Feature, f32)>;

/// What the features of a piece are computed from.
pub(crate) struct Context<'a> {
    pub(crate) doc: &'a SourceText,
    pub(crate) units: &'a [Unit],
    pub(crate) sections: &'a Sections,
    /// For every unit, true when a lead-in that names recommendations comes before it in
    /// its section.
    pub(crate) led_in: Vec<bool>,
    /// For every unit, true when it is the first body unit under its heading.
    pub(crate) first_in_section: Vec<bool>,
    /// For every unit, true when its lead-in talks about an existing recommendation.
    pub(crate) quoted_intro: Vec<bool>,
    /// For every unit, true when its lead-in recommends in the present tense.
    pub(crate) strong_intro: Vec<bool>,
    /// For every piece, true when it is inside a reply (after a replying sentence in its
    /// block, or in a block that continues one).
    pub(crate) in_reply: Vec<bool>,
    /// The document replies: at least three blocks open like replies.
    pub(crate) response_document: bool,
}

impl<'a> Context<'a> {
    /// Prepare the per-unit facts.
    pub(crate) fn new(
        doc: &'a SourceText,
        units: &'a [Unit],
        sections: &'a Sections,
        pieces: &[Piece],
    ) -> Context<'a> {
        let mut led_in = vec![false; units.len()];
        let mut first_in_section = vec![false; units.len()];
        // The lead-in, and the kind and depth of the first block after it: its scope runs
        // over the blocks of that kind and depth.
        let mut quoted_intro = vec![false; units.len()];
        let mut strong_intro = vec![false; units.len()];
        let mut lead_recommends = false;
        let mut lead: Option<(usize, Option<(BlockKind, u8)>)> = None;
        let mut lead_quotes = false;
        let mut seen_body = false;
        for (i, u) in units.iter().enumerate() {
            if u.is_section_heading() {
                lead = None;
                seen_body = false;
                continue;
            }
            if !u.is_body() {
                continue;
            }
            first_in_section[i] = !seen_body;
            seen_body = true;
            if let Some((at, shape)) = &mut lead {
                let same = match shape {
                    None => {
                        *shape = Some((u.kind, u.depth));
                        true
                    }
                    Some((kind, depth)) => *kind == u.kind && u.depth >= *depth,
                };
                led_in[i] = same && i - *at <= 40;
                quoted_intro[i] = led_in[i] && lead_quotes;
                strong_intro[i] = led_in[i] && lead_recommends && !lead_quotes;
                if !same {
                    lead = None;
                }
            }
            if u.colon && is_lead_in(&doc.text[u.body..u.end]) {
                lead = Some((i, None));
                lead_quotes = quotes_recommendation(&doc.text[u.body..u.end]);
                lead_recommends = recommends_now(&doc.text[u.body..u.end]);
            }
        }
        let in_reply = reply_context(doc, units, pieces);
        let replies = units
            .iter()
            .filter(|u| u.is_body() && u.label.is_none())
            .filter(|u| {
                let t = &doc.text[u.body..doc.text.floor_char_boundary(u.end.min(u.body + 300))];
                super::replies::follows_as_reply(&fold(t))
            })
            .count();
        Context {
            doc,
            units,
            sections,
            led_in,
            first_in_section,
            quoted_intro,
            strong_intro,
            in_reply,
            response_document: replies >= 3,
        }
    }
}

/// True when `text` ends a lead-in that introduces recommendations: "We are making the
/// following recommendations:", "the Commission recommended that the CAA:".
pub(crate) fn is_lead_in(text: &str) -> bool {
    let tail = &text[text.floor_char_boundary(text.len().saturating_sub(300))..];
    let last = tail.rsplit_terminator(['.', '!', '?']).next().unwrap_or(tail);
    let folded = fold(last);
    folded.contains("recommend") || VOCABULARY.modal.is_match(&folded)
}

/// True when a candidate carries evidence that it is something else than a recommendation
/// (a reply, a continuation, a part, a question, a lead-in, talk about recommendations): a
/// look-alike of a reviewer's example is not kept on its look alone when it does.
pub(crate) fn counter_evidence(features: &FeatureVec) -> bool {
    features.iter().any(|&(f, _)| {
        matches!(
            f,
            Feature::ReplyLike
                | Feature::InReply
                | Feature::LowerStart
                | Feature::SubItem
                | Feature::Question
                | Feature::Meta
                | Feature::Negated
                | Feature::PriorRecommendation
                | Feature::QuotedIntro
                | Feature::Concern
                | Feature::EndsColon
                | Feature::AppendixQuote
                | Feature::Unterminated
                | Feature::Short
        )
    })
}

/// For every piece, whether it sits inside a reply: a later sentence of a block in which a
/// replying sentence ("the General Manager replied, in part:") comes after the block's
/// last code, or a block that continues such a block in lower case.
fn reply_context(doc: &SourceText, units: &[Unit], pieces: &[Piece]) -> Vec<bool> {
    let mut out = vec![false; pieces.len()];
    let mut unit_in_reply = false;
    let mut current_unit = usize::MAX;
    for (k, p) in pieces.iter().enumerate() {
        let u = &units[p.unit];
        if p.unit != current_unit {
            let continues = u.lower && u.is_body();
            unit_in_reply = continues && unit_in_reply;
            current_unit = p.unit;
            if u.is_section_heading() {
                unit_in_reply = false;
            }
        } else if p.end_code.is_some() || p.start_code.is_some() {
            unit_in_reply = false;
        }
        out[k] = unit_in_reply && (p.index > 0 || u.lower);
        if reply_like(&fold(&doc.text[p.start..p.end])) {
            unit_in_reply = true;
        }
    }
    out
}

/// True when the last sentence of a lead-in recommends in the present tense ("Having
/// weighed the evidence, I recommend that:").
fn recommends_now(text: &str) -> bool {
    let tail = &text[text.floor_char_boundary(text.len().saturating_sub(300))..];
    let last = tail.rsplit_terminator(['.', '!', '?']).next().unwrap_or(tail);
    VOCABULARY.recommend_present.is_match(&fold(last))
}

/// True when the end of a lead-in talks about an existing recommendation: a prior one, or
/// one named by its code ("reference is made to recommendation R20070024").
fn quotes_recommendation(text: &str) -> bool {
    let tail = &text[text.floor_char_boundary(text.len().saturating_sub(300))..];
    let folded = fold(tail);
    VOCABULARY.prior_recommendation.is_match(&folded) || VOCABULARY.quoted_recommendation.is_match(&folded)
}

/// The own features of piece `k` (everything but the look-alike features).
pub(crate) fn own(ctx: &Context<'_>, pieces: &[Piece], k: usize) -> FeatureVec {
    let p = &pieces[k];
    let u = &ctx.units[p.unit];
    let mut f: FeatureVec = vec![(Feature::Bias, 1.0)];
    let mut add = |feature: Feature| f.push((feature, 1.0));

    // Form.
    let heading = u.heading.is_some() && p.index == 0;
    if heading {
        add(Feature::Heading);
        let next = (p.unit + 1..ctx.units.len()).find(|&j| !ctx.units[j].aside);
        if next.is_none_or(|j| !ctx.units[j].is_body()) {
            add(Feature::EmptyHeading);
        }
    } else if u.kind == BlockKind::ListItem {
        add(Feature::ListItem);
    }
    if u.kind == BlockKind::Quote {
        add(Feature::Quote);
    }
    if p.clause {
        add(Feature::Clause);
    } else if p.index > 0 {
        add(Feature::InnerSentence);
    }
    if u.depth > 0 {
        add(Feature::Nested);
    }
    if p.index == 0 && sub_item(ctx.units, p.unit) {
        add(Feature::SubItem);
    }

    // Labels.
    if p.index == 0
        && let Some(label) = &u.label
    {
        match label.shape {
            LabelShape::Named => add(Feature::NamedLabel),
            LabelShape::Dotted(2) => add(Feature::ParagraphNumber),
            _ => add(Feature::OtherLabel),
        }
    }
    if p.end_code.is_some() || claims_unit_code(ctx, pieces, k) {
        add(Feature::EndCode);
    }

    // Section.
    let place: Placement = ctx.sections.placement(p.unit);
    if place.here {
        add(Feature::SectionHere);
    } else if place.above {
        add(Feature::SectionAbove);
    }
    if place.after_recommendations {
        add(Feature::SectionAfter);
    }
    if place.counter {
        add(Feature::CounterSection);
    }
    if place.outside {
        add(Feature::OutsideSections);
    }
    if !ctx.sections.has_recommendation_sections {
        add(Feature::NoSections);
    }
    if ctx.in_reply[k] {
        add(Feature::InReply);
    }
    if p.index == 0 && followed_by_reply(ctx, p.unit) {
        add(Feature::FollowedByReply);
    }
    let bold_sentence =
        u.bold && u.terminated && !u.colon && text::word_count_upto(&ctx.doc.text[u.body..u.end], 8) >= 8;
    if p.index == 0
        && ctx.response_document
        && u.is_body()
        && !u.lower
        && (u.label.as_ref().is_some_and(|l| !matches!(l.shape, LabelShape::Dotted(_))) || bold_sentence)
    {
        add(Feature::MarkedInResponse);
    }
    if place.subheading {
        add(Feature::SubHeading);
    }
    if place.appendix_quote {
        add(Feature::AppendixQuote);
    }
    if p.index == 0 && ctx.first_in_section[p.unit] && place.here {
        add(Feature::FirstInSection);
    }
    let inner_lead_in = p.index > 0 && pieces[k - 1].unit == p.unit && {
        let prev = &pieces[k - 1];
        let t = ctx.doc.text[prev.start..prev.end].trim_end();
        t.ends_with(':') && is_lead_in(t)
    };
    if ctx.led_in[p.unit] || inner_lead_in {
        add(if ctx.quoted_intro[p.unit] {
            Feature::QuotedIntro
        } else if ctx.strong_intro[p.unit] {
            Feature::LeadInRecommends
        } else {
            Feature::LeadIn
        });
    }

    // Wording.
    let raw = &ctx.doc.text[p.start..ctx.doc.text.floor_char_boundary(p.end.min(p.start + 400))];
    let raw = raw.trim_start_matches(['*', '_', ' ', '[']);
    let folded = fold(&without_titles(raw));
    let stripped = strip_opening_link(&folded);
    if p.bold_start || u.bold {
        add(Feature::Bold);
    }
    if text::starts_lowercase(raw) && !p.clause {
        add(Feature::LowerStart);
    }
    if raw.starts_with(['“', '"', '‘']) {
        add(Feature::QuotedSpeech);
    }
    let words = text::word_count_upto(stripped, 151);
    let parts = if p.index == 0 { attached(ctx.units, p.unit) } else { Vec::new() };
    let has_sub_items = parts.iter().any(|&j| sub_item(ctx.units, j));
    if words < 4 && !has_sub_items {
        add(Feature::Short);
    } else if words > 150 {
        add(Feature::Long);
    }
    let whole = &ctx.doc.text[p.start..p.end];
    if text::strip_emphasis_end(whole).ends_with(':') && !has_sub_items {
        add(Feature::EndsColon);
    }
    if has_sub_items && words < 12 && parts.iter().any(|&j| instructs(ctx, j)) {
        add(Feature::SubItemsInstruct);
    }
    if text::strip_emphasis_end(whole).ends_with('?') {
        add(Feature::Question);
    }
    if p.index == 0 && u.kind == BlockKind::Paragraph && !heading && !u.terminated && !continues(ctx, p.unit)
    {
        add(Feature::Unterminated);
    }
    let v = &*VOCABULARY;
    let early = early_words(stripped, 16);
    // After an opening purpose or time clause: "To ensure that …, the Director should".
    let after_clause =
        stripped.find(", ").filter(|&c| c < 240).map_or("", |c| early_words(&stripped[c + 2..], 10));
    let mut strong_recommend = false;
    if v.prior_recommendation.is_match(early) {
        add(Feature::PriorRecommendation);
    } else if v.recommend_present.is_match(early) && !v.passive_recommended.is_match(early) {
        add(Feature::RecommendPresent);
        strong_recommend = true;
    } else if v.recommend_past.is_match(early) && !v.passive_recommended.is_match(early) {
        add(Feature::RecommendPast);
        strong_recommend = true;
    } else if v.recommend_weak.is_match(stripped) {
        add(Feature::RecommendWeak);
    }
    let emphasised = p.bold_start || u.bold;
    let asks = strong_recommend
        || v.modal
            .find(early_words(stripped, 10))
            .is_some_and(|m| !early_words(stripped, 10)[..m.start()].contains(", "));
    if emphasised && asks {
        add(Feature::EmphasisedRecommending);
    }
    if strong_recommend && !ctx.sections.has_recommendation_sections {
        add(Feature::RecommendsWithoutSections);
    }
    if v.passive_recommended.is_match(stripped) {
        add(Feature::PassiveRecommended);
    }
    if v.negated_recommendation.is_match(stripped) {
        add(Feature::Negated);
    }
    if v.meta_recommendation.is_match(early) {
        add(Feature::Meta);
    }
    if v.modal.is_match(early) || v.modal.is_match(after_clause) {
        add(Feature::ModalEarly);
        let subject = early_words(stripped, 10);
        if v.modal.find(subject).is_some_and(|m| !subject[..m.start()].contains(", ")) {
            add(Feature::ModalSubject);
        }
    } else if v.modal.is_match(stripped) {
        add(Feature::ModalLate);
    }
    // "Consistently remind users …": an adverb before the imperative.
    let first = match text::first_word(stripped) {
        w if w.ends_with("ly") && w.len() > 4 => text::first_word(stripped[w.len()..].trim_start()),
        w => w,
    };
    let shouted = text::is_all_caps(raw.split_whitespace().next().unwrap_or(""));
    // "Train drivers must …": a first word followed by a modal is the subject, not a verb.
    let noun_like = v.noun_like_imperatives.contains(first.as_str());
    let modal_follows = v.modal.is_match(early_words(stripped, 5))
        || noun_like && v.subject_verbs.is_match(early_words(stripped, 4));
    if v.is_imperative(&first)
        && !stripped.split_once(first.as_str()).is_some_and(|(_, rest)| rest.starts_with(['s', '\'']))
        && words >= 3
        && !shouted
        && !modal_follows
        && !text::starts_lowercase(raw)
    {
        add(Feature::Imperative);
    } else if imperative_after_phrase(stripped) {
        add(Feature::ImperativeLater);
    }
    if v.concern.is_match(early) {
        add(Feature::Concern);
    }
    if v.finding.is_match(stripped) {
        add(Feature::Finding);
    }
    if reply_like(stripped) {
        add(Feature::ReplyLike);
    }
    if author_voice(stripped) {
        add(Feature::AuthorVoice);
    }
    if date_opening(stripped) {
        add(Feature::DateOpening);
    }
    if first == "if" || first == "when" && !stripped.contains(',') {
        add(Feature::Conditional);
    }
    f
}

/// True when unit `j` opens with an imperative or a modal.
fn instructs(ctx: &Context<'_>, j: usize) -> bool {
    let u = &ctx.units[j];
    let t = fold(&ctx.doc.text[u.body..ctx.doc.text.floor_char_boundary(u.end.min(u.body + 200))]);
    VOCABULARY.is_imperative(&text::first_word(&t)) || VOCABULARY.modal.is_match(early_words(&t, 10))
}

/// The first `n` words of `s`.
fn early_words(s: &str, n: usize) -> &str {
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        let space = c == ' ';
        if !space && !in_word {
            count += 1;
            if count > n {
                return &s[..i];
            }
        }
        in_word = !space;
    }
    s
}

/// `s` without the text of Markdown links after the first word and of `_italic_` spans
/// (titles of reports, quoted names): their wording is not the author's ("_DATA Act:
/// Challenges Must be Addressed_").
fn without_titles(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('_') && !s.get(2..).is_some_and(|t| t.contains("](")) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('_') {
        let (before, after) = rest.split_at(open);
        let word_start = before.is_empty() || before.ends_with([' ', '\n', '(']);
        let close = after[1..].find('_').filter(|&c| c > 0 && c < 300 && !after[1..].starts_with('_'));
        match close {
            Some(c) if word_start => {
                out.push_str(before);
                rest = &after[c + 2..];
            }
            _ => {
                out.push_str(&rest[..open + 1]);
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Skip an opening Markdown link or bracketed reference: "([OPA-1699](url)) System …".
fn strip_opening_link(s: &str) -> &str {
    let t = s.trim_start_matches(['(', '[']);
    if t.len() < s.len()
        && let Some(close) = s.find(')')
    {
        let after = s[close + 1..].trim_start_matches([')', ']', ' ']);
        if close < 120 {
            return after;
        }
    }
    s
}

/// An imperative verb after a short opening phrase ending in a comma: "As mentioned before,
/// provide insight …", "In app, or elsewhere, consider …", "When it comes to X, set …".
fn imperative_after_phrase(s: &str) -> bool {
    let head = early_words(s, 10);
    head.match_indices(", ").any(|(comma, _)| {
        let after = &s[comma + 2..];
        let word = text::first_word(after);
        VOCABULARY.is_imperative(&word) && !after[word.len()..].starts_with(['s', '\''])
    })
}

/// True when `s` opens like a reply: a status ("Accepted."), a reply marker, or a replying
/// verb early on ("the General Manager replied", "IRS neither agreed nor disagreed").
pub(crate) fn reply_like(s: &str) -> bool {
    let v = &*VOCABULARY;
    v.status_opener.is_match(s) || v.reply_marker.is_match(s) || v.reply_verbs.is_match(early_words(s, 16))
}

/// "We will …", "We believe …", "I think …": the author's own plans or views.
fn author_voice(s: &str) -> bool {
    let mut words = s.split(' ');
    let (Some(a), Some(b)) = (words.next(), words.next()) else { return false };
    (a == "we" || a == "i" || a == "our")
        && !b.starts_with("recommend")
        && !b.starts_with("urge")
        && !matches!(b, "also" | "therefore" | "further" | "strongly")
}

/// "On 8 July 2014 …", "In March 2026, …".
fn date_opening(s: &str) -> bool {
    let mut words = s.split(' ');
    let first = words.next().unwrap_or("");
    if first != "on" && first != "in" && first != "by" {
        return false;
    }
    words.take(4).any(|w| {
        w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
            || w.trim_end_matches(',').len() == 4
                && w.trim_end_matches(',').bytes().all(|b| b.is_ascii_digit())
    })
}

fn is_sub_label(u: &Unit) -> bool {
    matches!(u.label.as_ref().map(|l| l.shape), Some(LabelShape::LowerLetter | LabelShape::Roman))
}

/// True when unit `i` is a sub-item: a list item deeper than the list item before it, one
/// that follows an item ending with a colon, or an item lettered `a.`/`(i)` under an item
/// numbered or bulleted otherwise (its lettered siblings before it skipped).
pub(crate) fn sub_item(units: &[Unit], i: usize) -> bool {
    let u = &units[i];
    let lettered = is_sub_label(u);
    if u.kind != BlockKind::ListItem && !lettered {
        return false;
    }
    let mut prev = (0..i).rev().filter(|&j| !units[j].aside);
    let Some(before) = prev.next() else { return false };
    let p = &units[before];
    if p.heading.is_some() {
        return false;
    }
    if u.depth > p.depth && p.kind == BlockKind::ListItem {
        return true;
    }
    // A list after an item that ends with a colon is its sub-list — unless the importer
    // records depth, and this list is not deeper.
    let depth_known = u.depth_known;
    if p.colon && (u.kind == BlockKind::ListItem && p.kind == BlockKind::ListItem && !depth_known || lettered)
    {
        return true;
    }
    // "…a target for every patient to be able to see a dentist:" then "- within a reasonable
    // distance of home; and": list items that carry on the sentence are its parts.
    if u.kind == BlockKind::ListItem && u.lower {
        let parent = (0..i)
            .rev()
            .find(|&j| !(units[j].aside || units[j].kind == BlockKind::ListItem && units[j].lower));
        return parent.is_some_and(|j| units[j].colon && units[j].heading.is_none());
    }
    if !lettered {
        return false;
    }
    // Skip lettered siblings to the item they hang from.
    let parent =
        std::iter::once(before).chain(prev).find(|&j| !is_sub_label(&units[j]) && units[j].depth <= u.depth);
    parent.is_some_and(|j| {
        let q = &units[j];
        q.heading.is_none() && (q.kind == BlockKind::ListItem || q.label.is_some() || q.colon)
    })
}

/// The blocks that belong to unit `i`: its sub-items and the blocks that continue its
/// sentences, up to the next block of its own kind.
pub(crate) fn attached(units: &[Unit], i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut last = i;
    for j in i + 1..units.len() {
        let v = &units[j];
        if v.aside || v.spliced {
            continue;
        }
        if v.heading.is_some() {
            break;
        }
        let continues = v.lower && v.is_body()
            || !units[last].terminated && v.kind == BlockKind::Paragraph && units[last].heading.is_none();
        let other_shape = v.label.as_ref().map(|l| l.shape) != units[i].label.as_ref().map(|l| l.shape);
        let sub = sub_item(units, j) && (other_shape || v.depth > units[i].depth || units[i].colon);
        if continues || v.depth > units[i].depth && v.kind == BlockKind::ListItem || sub {
            out.push(j);
            last = j;
        } else {
            break;
        }
    }
    out
}

/// True when piece `k` is the first piece of its unit and the unit's only end code closes
/// the unit (the code labels the whole paragraph, not one sentence of it).
fn claims_unit_code(ctx: &Context<'_>, pieces: &[Piece], k: usize) -> bool {
    let p = &pieces[k];
    if p.index != 0 || p.end_code.is_some() {
        return false;
    }
    let unit_pieces = pieces[k..].iter().take_while(|q| q.unit == p.unit);
    let mut codes = 0;
    let mut last_has_code = false;
    for q in unit_pieces {
        last_has_code = q.end_code.is_some();
        codes += usize::from(last_has_code);
    }
    if codes == 1 && last_has_code {
        return true;
    }
    if codes > 0 {
        return false;
    }
    // The code may close a continuation of the paragraph (a page or a spliced heading apart).
    continuation_code(ctx, p.unit)
}

/// True when the first block after unit `i` that is not like it (another item with the
/// same kind of label, a sub-item, a continuation) reads as a reply.
fn followed_by_reply(ctx: &Context<'_>, i: usize) -> bool {
    let u = &ctx.units[i];
    if !u.is_body() {
        return false;
    }
    let shape = u.label.as_ref().map(|l| l.shape);
    for j in i + 1..ctx.units.len().min(i + 40) {
        let v = &ctx.units[j];
        if v.aside {
            continue;
        }
        if v.is_section_heading() {
            let t = fold(&ctx.doc.text[v.body..v.end]);
            return VOCABULARY.reply_marker.is_match(&t);
        }
        let same = shape.is_some() && v.label.as_ref().map(|l| l.shape) == shape;
        if same || v.lower || v.depth > u.depth {
            continue;
        }
        let t = fold(&ctx.doc.text[v.body..ctx.doc.text.floor_char_boundary(v.end.min(v.body + 300))]);
        return super::replies::follows_as_reply(&t);
    }
    false
}

/// True when the block after unit `i` continues its sentence (starts in lower case).
fn continues(ctx: &Context<'_>, i: usize) -> bool {
    let next = (i + 1..ctx.units.len()).find(|&j| !ctx.units[j].aside && !ctx.units[j].spliced);
    next.is_some_and(|j| {
        let n = &ctx.units[j];
        n.is_body() && (n.lower || n.kind == BlockKind::Paragraph && n.label.is_none())
    })
}

/// True when the blocks attached to unit `i` (continuations, sub-items) end with a code and
/// `i` has none of its own.
fn continuation_code(ctx: &Context<'_>, i: usize) -> bool {
    let attached = attached(ctx.units, i);
    attached.last().is_some_and(|&j| super::candidates::unit_end_code(ctx.doc, &ctx.units[j]).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_keys_round_trip() {
        for &f in Feature::ALL {
            assert_eq!(Feature::from_key(f.key()), Some(f));
        }
    }

    #[test]
    fn wording_helpers() {
        assert!(imperative_after_phrase("as mentioned before, provide insight to users"));
        assert!(!imperative_after_phrase("the feature, as noted, is useful"));
        assert!(reply_like("accepted. newly introduced processes will improve"));
        assert!(reply_like("irs neither agreed nor disagreed with our recommendations."));
        assert!(author_voice("we would like to gather public feedback"));
        assert!(!author_voice("we recommend a common schema"));
        assert!(date_opening("on 30 june 2014 the commission recommended that"));
        assert_eq!(strip_opening_link("([opa-1699](https://x/1699)) system design"), "system design");
        assert!(is_lead_in("We are making the following three recommendations to IRS:"));
        assert!(!is_lead_in("They want to know:"));
    }
}
