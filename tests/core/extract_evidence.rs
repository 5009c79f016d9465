//! The small hand-made fixtures of `tests/fixtures/`, each a unit test of one kind of
//! evidence or one behaviour of extraction (not a score to reach): the evidence that made
//! an item, a reply found behind a marker, a group sharing a reply, counter-evidence that
//! keeps a look-alike out. Corpus-level figures are in `extract_corpus.rs`.

use std::path::Path;
use stocktake::document::{self, SourceText};
use stocktake::extract::{Extracted, Extraction, extract};
use stocktake::model::{RecommendationKind, Stance};

fn fixture(name: &str) -> (SourceText, Extraction) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let doc = document::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let found = extract(&doc);
    (doc, found)
}

fn labels(found: &Extraction) -> Vec<&str> {
    found.recommendations.iter().map(|r| r.label.as_str()).collect()
}

fn item<'a>(found: &'a Extraction, label: &str) -> &'a Extracted {
    found
        .recommendations
        .iter()
        .find(|r| r.label == label)
        .unwrap_or_else(|| panic!("no item {label:?} in {:?}", labels(found)))
}

fn has_evidence(r: &Extracted, feature: &str) -> bool {
    r.evidence.iter().any(|e| e.feature == feature && e.weight > 0.0)
}

fn reply(r: &Extracted) -> &str {
    r.response.as_ref().map_or("", |s| s.text.as_str())
}

#[test]
fn named_labels_are_evidence_and_cross_references_are_not_labels() {
    let (_, found) = fixture("named_recommendations.md");
    assert_eq!(labels(&found), ["1", "2", "3", "4", "R5", "6"]);
    for r in &found.recommendations {
        assert!(has_evidence(r, "named-label"), "{}: {:?}", r.label, r.evidence);
        assert!(!r.uncertain, "{}: {}", r.label, r.confidence);
    }
    // "Recommendation 10 asks for a review…" refers to another item: not a label.
    assert!(found.recommendations.iter().all(|r| !r.text.contains("asks for a review")));
    // Replies sit behind "Government response" markers; back-references are kept.
    assert!(reply(item(&found, "1")).starts_with("The Department accepts this recommendation"));
    assert_eq!(item(&found, "1").paragraph_ref.as_deref(), Some("27"));
    assert_eq!(item(&found, "3").suggested_stance, Some(Stance::Disagreed));
}

#[test]
fn a_lettered_run_in_a_response_is_evidence_and_groups_share_a_reply() {
    let (_, found) = fixture("lettered_grouped.md");
    assert_eq!(labels(&found), ["A", "C", "B", "D", "E", "F", "G", "H", "I", "J"]);
    let a = item(&found, "A");
    assert!(has_evidence(a, "label-run"), "{:?}", a.evidence);
    assert!(has_evidence(a, "marked-in-response"), "{:?}", a.evidence);
    // A, C and B are answered together: one reply range.
    assert_eq!(a.response, item(&found, "C").response);
    assert_eq!(a.response, item(&found, "B").response);
    assert!(reply(a).contains("This plan will be updated every year."));
    assert_eq!(a.suggested_stance, Some(Stance::Agreed));
    assert_eq!(item(&found, "D").suggested_stance, Some(Stance::Disagreed));
    assert_eq!(item(&found, "G").suggested_stance, Some(Stance::PartiallyAgreed));
    // The last group has no reply: not answered.
    assert!(item(&found, "J").response.is_none());
    assert_eq!(item(&found, "J").suggested_stance, Some(Stance::NotAnswered));
    assert_eq!(a.kind, RecommendationKind::Conclusion);
    assert_eq!(item(&found, "C").kind, RecommendationKind::Recommendation);
}

#[test]
fn bold_in_a_response_is_evidence_and_the_plain_text_after_is_the_reply() {
    let (_, found) = fixture("bold_response.md");
    assert_eq!(found.recommendations.len(), 6, "{:?}", labels(&found));
    for r in &found.recommendations {
        assert!(has_evidence(r, "bold"), "{}: {:?}", r.label, r.evidence);
    }
    let first = &found.recommendations[0];
    assert!(reply(first).contains("The new contract will reward prevention"));
    assert_eq!(first.suggested_stance, Some(Stance::Agreed));
    assert_eq!(first.paragraph_ref.as_deref(), Some("34"));
    // The bulleted parts belong to the recommendation that introduces them.
    let third = &found.recommendations[2];
    assert!(third.text.contains("progress against it reported to Parliament every year"));
    assert_eq!(third.suggested_stance, Some(Stance::Disagreed));
    assert_eq!(found.recommendations[3].suggested_stance, Some(Stance::PartiallyAgreed));
    // The two bold recommendations answered by one reply share it.
    assert_eq!(found.recommendations[4].response, found.recommendations[5].response);
}

#[test]
fn a_recommendation_runs_over_its_explanation_and_its_list() {
    let (_, found) = fixture("multi_paragraph.md");
    assert_eq!(labels(&found), ["1", "2", "3"]);
    let first = item(&found, "1");
    assert!(first.text.contains("report progress to the regulator every month"));
    assert!(!item(&found, "2").text.contains("The Department should fund"));
    let third = item(&found, "3");
    assert!(third.text.contains("That funding should not come from existing maintenance budgets."));
    assert!(!third.text.contains("I thank the inquiry team"));
    assert!(found.recommendations.iter().all(|r| r.response.is_none()), "a report has no replies");
}

#[test]
fn counter_evidence_keeps_look_alikes_out() {
    // Contents entries, numbered findings, cross-references, initials, sub-items, quoted
    // recommendations of other reports, footnotes and page numbers.
    let (_, found) = fixture("negatives.md");
    assert!(found.recommendations.is_empty(), "{:?}", labels(&found));
}

#[test]
fn a_recommendations_section_by_its_look_holds_its_theme_subheadings() {
    let (_, found) = fixture("numbered_section.txt");
    assert_eq!(labels(&found), ["1", "2", "3", "4"]);
    for r in &found.recommendations {
        assert!(has_evidence(r, "section-recommendations-above"), "{}: {:?}", r.label, r.evidence);
    }
    assert_eq!(item(&found, "1").paragraph_ref.as_deref(), Some("14"));
    assert_eq!(item(&found, "4").paragraph_ref.as_deref(), Some("29"));
}

#[test]
fn numbered_paragraphs_are_references_not_recommendations() {
    let (_, found) = fixture("paragraph_numbers.txt");
    assert!(found.recommendations.is_empty(), "{:?}", labels(&found));
    let numbers: Vec<&str> = found.paragraphs.iter().map(|p| p.label.as_str()).collect();
    assert!(numbers.contains(&"1.1") && numbers.contains(&"2.4"), "{numbers:?}");
    assert!(!numbers.iter().any(|n| n.starts_with("3.5")), "'3.5 million' is not a paragraph: {numbers:?}");
}

#[test]
fn page_furniture_does_not_break_a_recommendation_or_its_reply() {
    let (_, found) = fixture("pdf_noise.txt");
    assert_eq!(labels(&found), ["A", "B", "C"]);
    let a = item(&found, "A");
    assert!(a.text.contains("Parliament and the public."), "{:?}", a.text);
    assert!(reply(a).contains("Figures for the previous two years"));
    assert_eq!(a.suggested_stance, Some(Stance::Agreed));
    assert_eq!(item(&found, "B").suggested_stance, Some(Stance::Disagreed));
    assert!(!reply(item(&found, "C")).contains("Caseload Statistics"), "endnotes are not the reply");
}

#[test]
fn html_import_feeds_the_same_evidence() {
    let (doc, found) = fixture("response.html");
    assert!(doc.text.contains("research & development") && !doc.text.contains("GOV.UK"));
    assert_eq!(found.recommendations.len(), 3, "{:?}", labels(&found));
    let first = &found.recommendations[0];
    assert!(reply(first).contains("the balance between basic and applied research"));
    assert_eq!(first.suggested_stance, Some(Stance::Agreed));
    assert_eq!(found.recommendations[1].suggested_stance, Some(Stance::PartiallyAgreed));
    assert_eq!(found.recommendations[2].suggested_stance, Some(Stance::Noted));
}

#[test]
fn restarting_labels_take_their_part_as_section() {
    let (_, found) = fixture("restarting_labels.md");
    let sections: Vec<(&str, Option<&str>)> =
        found.recommendations.iter().map(|r| (r.label.as_str(), r.section.as_deref())).collect();
    assert_eq!(
        sections,
        [
            ("1", Some("Part 1: The Pay Review Inquiry")),
            ("2", Some("Part 1: The Pay Review Inquiry")),
            ("1", Some("Part 2: The Recruitment Inquiry")),
            ("2", Some("Part 2: The Recruitment Inquiry")),
        ]
    );
    // "**Response:** Accepted." – the reply starts after the inline marker.
    assert!(
        reply(&found.recommendations[0]).starts_with("Accepted."),
        "{:?}",
        reply(&found.recommendations[0])
    );
    assert_eq!(found.recommendations[3].suggested_stance, Some(Stance::Disagreed));
}

#[test]
fn a_recommendation_column_makes_table_rows_items() {
    let (_, found) = fixture("tracker_table.md");
    assert_eq!(labels(&found), ["R1", "R2", "R3", "R4"]);
    let r1 = item(&found, "R1");
    assert!(has_evidence_named(r1, "table-recommendation-column"));
    assert_eq!(r1.suggested_stance, Some(Stance::Agreed));
    assert_eq!(item(&found, "R2").suggested_stance, Some(Stance::PartiallyAgreed));
    assert_eq!(item(&found, "R3").suggested_stance, Some(Stance::Disagreed));
}

fn has_evidence_named(r: &Extracted, feature: &str) -> bool {
    r.evidence.iter().any(|e| e.feature == feature)
}

#[test]
fn a_lead_in_that_recommends_makes_its_list_items_recommendations() {
    let (_, found) = fixture("we_recommend_list.md");
    let listed: Vec<&Extracted> =
        found.recommendations.iter().filter(|r| has_evidence(r, "lead-in-recommends")).collect();
    assert_eq!(listed.len(), 3, "{:?}", labels(&found));
    assert!(listed[0].text.starts_with("The Trust Board sets a safe staffing level"));
    assert!(listed[2].text.contains("and publishes its findings"), "the wrapped item is whole");
    // The list introduced in the past tense by another body, and the numbered findings, are not.
    assert!(found.recommendations.iter().all(|r| !r.text.contains("appoints a director of midwifery")));
    assert!(found.recommendations.iter().all(|r| !r.text.contains("Staffing on the labour ward")));
}
