//! The stock-take in the window (issue 11): the dashboard one key away whose bars and cells
//! filter the list, the review properties dialog, and new review cycles whose carried-over
//! grades are confirmed with one key.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};
use stocktake::model::{Grade, Session};
use stocktake::ui::{FakeDialogs, StocktakeApp};

fn sample_copy(dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for name in [
        "sample-review.ron",
        "isc-international-partnerships-government-response.md",
        "counter-terrorism-implementation-stocktake-2019.md",
    ] {
        std::fs::copy(src.join(name), dir.join(name)).unwrap();
    }
    dir.join("sample-review.ron")
}

fn open() -> (tempfile::TempDir, Harness<'static, StocktakeApp>) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = StocktakeApp::new(Box::new(FakeDialogs::default()));
    app.open_session(&sample_copy(dir.path()));
    app.finish_jobs();
    assert_eq!(app.error_dialog(), None);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 900.0))
        .build_ui_state(|ui, app: &mut StocktakeApp| app.show_and_wait(ui), app);
    h.run();
    (dir, h)
}

fn session<'a>(h: &'a Harness<'_, StocktakeApp>) -> &'a Session {
    h.state().editor().session()
}

/// Ids of the recommendations for which `keep` holds, in document order (worked out here
/// from the session, not by the figures under test).
fn ids_where(s: &Session, keep: impl Fn(&stocktake::model::Recommendation) -> bool) -> Vec<String> {
    s.recommendations.iter().filter(|r| keep(r)).map(|r| r.id.clone()).collect()
}

fn menu(h: &mut Harness<'_, StocktakeApp>, menu: &str, item: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

/// Replace the text of the field labelled `label` with `text`.
fn retype(h: &mut Harness<'_, StocktakeApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn ctrl_d_shows_the_dashboard_and_a_grade_segment_or_owner_cell_filters_the_list() {
    let (_dir, mut h) = open();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    h.get_by_label("Dashboard");

    let s = session(&h).clone();
    let cycle = s.current_cycle.clone();
    let amber = ids_where(&s, |r| r.grade_in(&cycle) == Grade::Amber);
    assert!(amber.len() >= 2, "the sample has Amber grades: {amber:?}");
    let total = s.recommendations.len();
    let percent = (200 * amber.len() + total) / (2 * total);
    h.get_by_label(&format!("A Amber: {} ({percent}%)", amber.len())).click();
    h.run();
    assert_eq!(h.state_mut().visible_ids(), amber, "the list shows exactly the Amber ones");

    // A cell of the owner table: this owner's recommendations with this grade.
    let rec =
        s.recommendations.iter().find(|r| !r.owner.is_empty() && r.grade_in(&cycle) == Grade::Blue).unwrap();
    let expected = ids_where(&s, |r| r.owner == rec.owner && r.grade_in(&cycle) == Grade::Blue);
    h.get_by_label(&format!("{}, Blue: {}", rec.owner, expected.len())).click();
    h.run();
    assert_eq!(h.state_mut().visible_ids(), expected);

    // Not reviewed: neither a grade nor a stance.
    let not_reviewed = ids_where(&s, |r| r.stance.is_none() && r.grade_in(&cycle) == Grade::NotAssessed);
    h.get_by_label_contains("Not yet reviewed: ").click();
    h.run();
    assert_eq!(h.state_mut().visible_ids(), not_reviewed);

    // The same key goes back to the readers.
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert!(h.query_by_label("Close dashboard").is_none());
}

#[test]
fn dashboard_snapshot() {
    let (_dir, mut h) = open();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    h.snapshot("dashboard");
}

#[test]
fn typing_a_title_in_review_properties_is_one_undo_step() {
    let (_dir, mut h) = open();
    let before = session(&h).title.clone();
    menu(&mut h, "File", "Review properties…");
    retype(&mut h, "Review title", "Counter-terrorism stock-take 2019");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(session(&h).title, "Counter-terrorism stock-take 2019");
    assert!(h.state().editor().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(session(&h).title, before, "one undo brings the old title back");
    assert_eq!(h.get_by_label("Review title").value().as_deref(), Some(before.as_str()), "the field too");

    // Escape leaves a field as it was: nothing is recorded.
    let steps = h.state().editor().undo_label();
    retype(&mut h, "Reviewer", "Someone else");
    h.key_press(Key::Escape);
    h.run();
    h.run();
    assert_eq!(session(&h).reviewer, "", "the sample names no reviewer");
    assert_eq!(h.state().editor().undo_label(), steps);

    // The cycle's as-of date: refused with a message unless it is a date.
    retype(&mut h, "As of", "2019-02-30");
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label_contains("“2019-02-30” is not a date");
    assert_eq!(session(&h).cycles[0].as_of, None);
    retype(&mut h, "As of", "2019-01-24");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(session(&h).cycles[0].as_of.map(|d| d.to_string()).as_deref(), Some("2019-01-24"));
}

#[test]
fn a_new_cycle_carries_grades_over_until_c_confirms_one() {
    let (_dir, mut h) = open();
    let first = session(&h).current_cycle.clone();
    let graded = ids_where(session(&h), |r| r.grade_in(&first) != Grade::NotAssessed);
    assert!(graded.len() >= 2);

    menu(&mut h, "Review", "New review cycle…");
    retype(&mut h, "Cycle label", "January 2019");
    retype(&mut h, "As of (YYYY-MM-DD)", "2019-13-40");
    h.get_by_label("Start cycle").click();
    h.run();
    h.get_by_label_contains("is not a date: write the as-of date as YYYY-MM-DD");
    assert_eq!(session(&h).cycles.len(), 1, "nothing started on a bad date");

    retype(&mut h, "As of (YYYY-MM-DD)", "2019-01-24");
    h.get_by_label("Start cycle").click();
    h.run();
    let s = session(&h).clone();
    assert_eq!(s.cycles.len(), 2);
    let cycle = s.current().unwrap();
    assert_eq!(
        (cycle.label.as_str(), cycle.as_of.map(|d| d.to_string())),
        ("January 2019", Some("2019-01-24".into()))
    );
    let marked: Vec<String> = cycle.carried_over.iter().cloned().collect();
    let mut expected = graded.clone();
    expected.sort();
    assert_eq!(marked, expected, "every graded recommendation carried over");

    // Select the first graded recommendation; the editor says how to confirm it.
    let id = graded[0].clone();
    h.state_mut().select(&id);
    h.run();
    h.get_by_label("Carried over — press C to confirm");
    h.key_press(Key::C);
    h.run();
    let s = session(&h);
    let cycle = s.current().unwrap();
    assert!(!cycle.is_carried_over(&id), "C confirmed it");
    assert!(cycle.is_carried_over(&graded[1]), "the others wait");
    let rec = &s.recommendations[s.recommendation_index(&id).unwrap()];
    assert_eq!(rec.grade_in(&cycle.id), rec.grade_in(&first), "the grade itself is kept");
    assert!(h.query_by_label("Carried over — press C to confirm").is_none());

    // A Green grade raised to Blue shows on the dashboard as improved since the first cycle.
    let green = ids_where(session(&h), |r| r.grade_in(&first) == Grade::Green)[0].clone();
    h.state_mut().select(&green);
    h.run();
    h.key_press(Key::Num1);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    h.get_by_label("Improved: 1").click();
    h.run();
    assert_eq!(h.state_mut().visible_ids(), vec![green.clone()]);
    h.get_by_label("G → B: 1").click();
    h.run();
    assert_eq!(h.state_mut().visible_ids(), vec![green]);

    // A third cycle must come after the last one's date and have a label of its own.
    h.get_by_label("New cycle…").click();
    h.run();
    retype(&mut h, "Cycle label", "January 2019");
    retype(&mut h, "As of (YYYY-MM-DD)", "2019-06-30");
    h.get_by_label("Start cycle").click();
    h.run();
    h.get_by_label_contains("There is already a cycle called “January 2019”");
    retype(&mut h, "Cycle label", "Summer 2019");
    retype(&mut h, "As of (YYYY-MM-DD)", "2019-01-20");
    h.get_by_label("Start cycle").click();
    h.run();
    h.get_by_label_contains("must be after that of the last cycle, “January 2019” (24 January 2019)");
    assert_eq!(session(&h).cycles.len(), 2);
}
