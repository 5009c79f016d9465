//! A review by keyboard alone (issue 13): stance keys, notes and back, next not reviewed,
//! the command palette, Tab into the list, a sort header that says what it does, an editor
//! that does not jump.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};
use stocktake::model::{Grade, Stance};
use stocktake::ui::{FakeDialogs, StocktakeApp};

fn sample_copy(dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for name in ["sample-review.ron", "isc-international-partnerships-government-response.md"] {
        std::fs::copy(src.join(name), dir.join(name)).unwrap();
    }
    dir.join("sample-review.ron")
}

fn open() -> (tempfile::TempDir, Harness<'static, StocktakeApp>) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = StocktakeApp::new(Box::new(FakeDialogs::default()));
    app.open_session(&sample_copy(dir.path()));
    app.finish_jobs();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .build_ui_state(|ui, app: &mut StocktakeApp| app.show_and_wait(ui), app);
    h.run();
    (dir, h)
}

fn selected(h: &Harness<'_, StocktakeApp>) -> stocktake::model::Recommendation {
    let s = h.state().editor().session();
    s.recommendations[s.recommendation_index(h.state().selected().unwrap()).unwrap()].clone()
}

fn press(h: &mut Harness<'_, StocktakeApp>, key: Key) {
    h.key_press(key);
    h.run();
}

#[test]
fn every_stance_has_a_key_shown_on_its_button() {
    let (_dir, mut h) = open();
    for (key, stance, label) in [
        (Key::Num6, Stance::Agreed, "6 Agreed"),
        (Key::Num8, Stance::Noted, "8 Noted"),
        (Key::Num0, Stance::NotAnswered, "0 Not answered"),
    ] {
        h.get_by_label(label);
        press(&mut h, key);
        assert_eq!(selected(&h).stance, Some(stance), "{label}");
    }
}

#[test]
fn e_goes_into_the_notes_and_escape_comes_back_to_the_list() {
    let (_dir, mut h) = open();
    let first = selected(&h).id;
    press(&mut h, Key::E);
    h.get_by_label("Notes").type_text("Ask for the plan");
    h.run();
    press(&mut h, Key::Escape);
    press(&mut h, Key::J);
    let s = h.state().editor().session();
    assert!(s.recommendations[s.recommendation_index(&first).unwrap()].notes.ends_with("Ask for the plan"));
    assert_ne!(selected(&h).id, first, "after Esc, j moves through the list again");
}

#[test]
fn n_jumps_to_the_next_recommendation_not_yet_reviewed() {
    let (_dir, mut h) = open();
    let cycle = h.state().editor().session().current_cycle.clone();
    for _ in 0..3 {
        press(&mut h, Key::N);
        let rec = selected(&h);
        assert!(rec.stance.is_none() && rec.grade_in(&cycle) == Grade::NotAssessed, "{}", rec.label);
        press(&mut h, Key::Num2);
    }
}

#[test]
fn the_palette_finds_commands_and_recommendations_by_fuzzy_typing() {
    let (_dir, mut h) = open();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("Find a command or recommendation").type_text("rec VV");
    h.run();
    press(&mut h, Key::Enter);
    assert_eq!(selected(&h).label, "VV");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.get_by_label("Find a command or recommendation").type_text("grade amber");
    h.run();
    press(&mut h, Key::Enter);
    let cycle = h.state().editor().session().current_cycle.clone();
    assert_eq!(selected(&h).grade_in(&cycle), Grade::Amber);
}

#[test]
fn tab_starts_in_the_list_and_down_from_search_enters_the_results() {
    let (_dir, mut h) = open();
    let first = selected(&h).id;
    press(&mut h, Key::Tab);
    press(&mut h, Key::ArrowDown);
    assert_ne!(selected(&h).id, first, "Tab put the focus on the list, so Down moved the selection");

    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run();
    h.get_by_label("Search").type_text("NATO");
    h.run();
    press(&mut h, Key::ArrowDown);
    let before = selected(&h).id;
    press(&mut h, Key::ArrowDown);
    assert_ne!(selected(&h).id, before, "Down left the search box for the list");
}

#[test]
fn the_sort_header_says_what_the_order_is() {
    let (_dir, mut h) = open();
    h.get_by_label("Sorted in document order");
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Label").click();
    h.run();
    h.get_by_label("Label \u{23f6}");
    h.get_by_label("Sorted by label (ascending)");
    h.get_by_label("Label \u{23f6}").click();
    h.run();
    h.get_by_label("Label \u{23f7}").click();
    h.run();
    h.get_by_label("Sorted in document order");
}

#[test]
fn accepting_the_suggested_stance_does_not_move_the_editor() {
    let (_dir, mut h) = open();
    press(&mut h, Key::J);
    assert!(selected(&h).suggested_stance.is_some() && selected(&h).stance.is_none());
    let before = h.get_by_label("Notes").rect();
    press(&mut h, Key::A);
    assert!(selected(&h).stance.is_some());
    let after = h.get_by_label("Notes").rect();
    assert_eq!(before, after, "the Notes field stays where the pointer aimed");
}
