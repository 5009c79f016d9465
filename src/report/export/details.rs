//! Everything a report says about one recommendation, gathered once for the Markdown and HTML
//! exports: text, reply excerpt, stance, grade history, narrative, notes, evidence with pages.

use super::ReportInput;
use crate::model::{Annotation, Grade, Recommendation};

/// Longest reply excerpt quoted in a report, in characters.
const REPLY_EXCERPT_CHARS: usize = 600;

/// One evidence quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The quoted passage.
    pub quote: String,
    /// Title of the document it is from.
    pub document: String,
    /// Page it starts on, where known (paged sources, when the document was supplied).
    pub page: Option<u32>,
    /// The reviewer's note on it.
    pub note: String,
}

/// One recommendation's section of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecommendationDetails {
    /// Label as printed.
    pub label: String,
    /// Recommendation or Conclusion.
    pub kind: &'static str,
    /// The recommendation's text.
    pub text: String,
    /// The page it is printed on, for paged documents supplied.
    pub page: Option<u32>,
    /// The start of the reply to it, cut at a word near [`REPLY_EXCERPT_CHARS`].
    pub reply: Option<String>,
    /// Stance name, if recorded.
    pub stance: Option<String>,
    /// (cycle label, grade, carried over and unconfirmed) for every cycle up to the reported one.
    pub history: Vec<(String, Grade, bool)>,
    /// Grade in the reported cycle.
    pub grade: Grade,
    /// Grade anticipated next cycle.
    pub anticipated: Option<Grade>,
    /// Owner.
    pub owner: String,
    /// Theme.
    pub theme: String,
    /// Due date.
    pub due: Option<jiff::civil::Date>,
    /// Progress narrative.
    pub narrative: String,
    /// Reviewer's notes.
    pub notes: String,
    /// Evidence quotes, in the session's order.
    pub evidence: Vec<Evidence>,
}

impl RecommendationDetails {
    /// Gather the details of `rec` for the report of `input`.
    pub fn of(input: &ReportInput, rec: &Recommendation) -> Self {
        let session = input.session;
        let upto =
            session.cycles.iter().position(|c| c.id == input.cycle).map_or(session.cycles.len(), |i| i + 1);
        let history = session.cycles[..upto]
            .iter()
            .filter(|c| rec.grades.contains_key(&c.id))
            .map(|c| (c.label.clone(), rec.grade_in(&c.id), c.is_carried_over(&rec.id)))
            .collect();
        Self {
            label: rec.label.clone(),
            kind: rec.kind.name(),
            text: rec.text.trim().to_owned(),
            page: rec.source.as_ref().and_then(|a| input.page_of(a)),
            reply: rec.response.as_ref().map(|a| excerpt(a.quote.exact.trim(), REPLY_EXCERPT_CHARS)),
            stance: rec.stance.map(|s| session.stance_scheme.style(s).name),
            history,
            grade: rec.grade_in(&input.cycle),
            anticipated: rec.anticipated_grade,
            owner: rec.owner.clone(),
            theme: rec.theme.clone(),
            due: rec.due,
            narrative: rec.narrative.trim().to_owned(),
            notes: rec.notes.trim().to_owned(),
            evidence: session.evidence_for(&rec.id).map(|a| evidence(input, a)).collect(),
        }
    }
}

fn evidence(input: &ReportInput, a: &Annotation) -> Evidence {
    let document = input
        .session
        .document(&a.anchor.document)
        .map_or_else(|| a.anchor.document.clone(), |d| d.title.clone());
    let page = input.page_of(&a.anchor);
    Evidence { quote: a.anchor.quote.exact.trim().to_owned(), document, page, note: a.note.trim().to_owned() }
}

/// `text` cut to about `max` characters at a word boundary, with an ellipsis when cut.
fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut.rfind(char::is_whitespace).filter(|&i| i > max / 2).map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, BlockKind, SourceText};
    use crate::model::{Anchor, Session};

    #[test]
    fn evidence_gets_the_page_of_its_block_when_the_document_is_given() {
        let text = "First page text.\nSecond page quote here.".to_string();
        let mut block = Block::new(BlockKind::Paragraph, 17, 40);
        block.page = Some(2);
        let source = SourceText::from_parts(
            text.clone(),
            vec![Block::new(BlockKind::Paragraph, 0, 16), block],
            vec![],
            vec![],
        );
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        s.recommendations.push(Recommendation::new("r1", "A", "Do it."));
        let anchor = Anchor::from_range("doc1", &text, 29, 34);
        let mut evidence =
            Annotation::new("a1", anchor, "#ffee00", vec!["r1".into()], jiff::Timestamp::UNIX_EPOCH);
        evidence.note = "key".into();
        s.annotations.push(evidence);
        let today = jiff::civil::Date::new(2020, 1, 1).unwrap();
        let without = RecommendationDetails::of(&ReportInput::new(&s, today), &s.recommendations[0]);
        assert_eq!(without.evidence[0].page, None);
        let mut input = ReportInput::new(&s, today);
        input.documents.push(("doc1", &source));
        let with = RecommendationDetails::of(&input, &s.recommendations[0]);
        assert_eq!((with.evidence[0].quote.as_str(), with.evidence[0].page), ("quote", Some(2)));
    }

    #[test]
    fn a_recommendation_gets_the_page_it_is_printed_on_in_the_report_and_the_tracker() {
        let text = "First page text.\nSecond page: The Board should act.".to_string();
        let mut block = Block::new(BlockKind::Paragraph, 17, text.chars().count());
        block.page = Some(2);
        let source = SourceText::from_parts(
            text.clone(),
            vec![Block::new(BlockKind::Paragraph, 0, 16), block],
            vec![],
            vec![],
        );
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        let mut rec = Recommendation::new("r1", "A", "The Board should act.");
        rec.source = Some(Anchor::from_range("doc1", &text, 30, 51));
        s.recommendations.push(rec);
        let today = jiff::civil::Date::new(2020, 1, 1).unwrap();
        assert_eq!(super::super::tracker_rows(&ReportInput::new(&s, today))[0].page, None);
        let mut input = ReportInput::new(&s, today);
        input.documents.push(("doc1", &source));
        assert_eq!(RecommendationDetails::of(&input, &s.recommendations[0]).page, Some(2));
        let row = &super::super::tracker_rows(&input)[0];
        assert_eq!(row.cells(&s)[12], "2");
    }

    #[test]
    fn long_replies_are_cut_at_a_word() {
        let long = "word ".repeat(200);
        let e = excerpt(&long, 22);
        assert_eq!(e, "word word word word…");
        assert_eq!(excerpt("short", 22), "short");
    }
}
