//! A day's review, driven through the real window by labels, roles and keys.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};
use stocktake::model::{Grade, Stance};
use stocktake::query::Filter;
use stocktake::ui::{FakeDialogs, StocktakeApp};

const RESPONSE: &str = "isc-international-partnerships-government-response.md";

fn sample_copy(dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for name in ["sample-review.ron", RESPONSE] {
        std::fs::copy(src.join(name), dir.join(name)).unwrap();
    }
    dir.join("sample-review.ron")
}

fn open(dialogs: FakeDialogs) -> (tempfile::TempDir, Harness<'static, StocktakeApp>) {
    let dir = tempfile::tempdir().unwrap();
    let session = sample_copy(dir.path());
    let mut app = StocktakeApp::new(Box::new(dialogs));
    app.open_session(&session);
    app.finish_jobs();
    assert_eq!(app.error_dialog(), None);
    (dir, window(app))
}

/// The app in a test window, after its first frames.
fn window(app: StocktakeApp) -> Harness<'static, StocktakeApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .build_ui_state(|ui, app: &mut StocktakeApp| app.show_and_wait(ui), app);
    h.run();
    h
}

fn selected_label(h: &Harness<'_, StocktakeApp>) -> String {
    let app = h.state();
    let id = app.selected().unwrap();
    let session = app.editor().session();
    session.recommendations[session.recommendation_index(id).unwrap()].label.clone()
}

#[test]
fn keyboard_moves_through_the_list_and_grades() {
    let (_dir, mut h) = open(FakeDialogs::default());
    assert_eq!(selected_label(&h), "A");
    for key in [Key::J, Key::ArrowDown, Key::J] {
        h.key_press(key);
        h.run();
    }
    assert_eq!(selected_label(&h), "B", "A, C, D, B is the document order");
    h.key_press(Key::K);
    h.run();
    assert_eq!(selected_label(&h), "D");
    h.key_press(Key::Num4);
    h.run();
    let session = h.state().editor().session();
    assert_eq!(session.recommendation_by_label("D").unwrap().grade_in(&session.current_cycle), Grade::Red);
}

#[test]
fn suggested_stance_is_shown_not_recorded_until_confirmed_with_one_key() {
    let (_dir, mut h) = open(FakeDialogs::default());
    // C has a suggestion from its reply but no stance of the reviewer's.
    h.key_press(Key::J);
    h.run();
    assert_eq!(selected_label(&h), "C");
    let c = h.state().editor().session().recommendation_by_label("C").unwrap().clone();
    let suggestion = c.suggested_stance.clone().expect("C's reply says the Government agrees");
    assert_eq!(c.stance, None);
    h.get_by_label_contains("Suggested from the reply").hover();
    h.key_press(Key::A);
    h.run();
    let c = h.state().editor().session().recommendation_by_label("C").unwrap().clone();
    assert_eq!(c.stance, Some(suggestion.stance));
}

#[test]
fn grade_note_undo_redo_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("saved-review.ron");
    let (_sdir, mut h) = open(FakeDialogs { save: Some(out.clone()), ..Default::default() });
    let original = h.state().editor().session().clone();

    for _ in 0..3 {
        h.key_press(Key::J);
        h.run();
    }
    assert_eq!(selected_label(&h), "B");
    h.key_press(Key::Num3);
    h.run();

    h.get_by_label("Notes").click();
    h.run();
    h.get_by_label("Notes").type_text(" Ask for the strategy.");
    h.run();
    // Leave the text field so single keys act on the list again.
    h.key_press(Key::Escape);
    h.run();

    let b = |h: &Harness<'_, StocktakeApp>| {
        h.state().editor().session().recommendation_by_label("B").unwrap().clone()
    };
    let cycle = original.current_cycle.clone();
    assert_eq!(b(&h).grade_in(&cycle), Grade::Amber);
    assert!(b(&h).notes.ends_with(" Ask for the strategy."), "{:?}", b(&h).notes);

    // Undo twice: the note (one step, however many keystrokes), then the grade.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(b(&h).notes, original.recommendation_by_label("B").unwrap().notes);
    assert_eq!(b(&h).grade_in(&cycle), Grade::Amber);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().editor().session(), &original);
    assert!(!h.state().editor().is_dirty());
    assert_eq!(selected_label(&h), "B", "undo selects what changed");

    // Redo both, then save as (the fake dialog answers with `out`).
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    assert_eq!(h.state().path(), Some(out.as_path()));
    assert!(!h.state().editor().is_dirty());
    let saved = stocktake::store::load(&out).unwrap().session;
    let saved_b = saved.recommendation_by_label("B").unwrap();
    assert_eq!(saved_b.grade_in(&saved.current_cycle), Grade::Amber);
    assert!(saved_b.notes.ends_with(" Ask for the strategy."));
}

#[test]
fn filters_and_search_narrow_the_list() {
    let (_dir, mut h) = open(FakeDialogs::default());
    let labels = |h: &mut Harness<'_, StocktakeApp>| -> Vec<String> {
        let ids = h.state_mut().visible_ids();
        let session = h.state().editor().session();
        ids.iter()
            .map(|id| session.recommendations[session.recommendation_index(id).unwrap()].label.clone())
            .collect()
    };
    let total = h.state().editor().session().recommendations.len();
    assert_eq!(labels(&mut h).len(), total);
    h.get_by_label(&format!("{total} of {total} shown")).hover();

    // Search box: typed as a user would.
    h.get_by_label("Search").click();
    h.run();
    h.get_by_label("Search").type_text("NATO");
    h.run();
    let with_nato = labels(&mut h);
    let expected: Vec<String> = h
        .state()
        .editor()
        .session()
        .recommendations
        .iter()
        .filter(|r| {
            let reply = r.response.as_ref().map_or("", |a| a.quote.exact.as_str());
            format!("{} {} {} {}", r.label, r.text, reply, r.notes).to_lowercase().contains("nato")
        })
        .map(|r| r.label.clone())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(with_nato, expected);
    h.get_by_label(&format!("{} of {total} shown", expected.len())).hover();

    // Filters: the sample has grades recorded for A, B, E, G, H and XX.
    h.state_mut().list_mut().filter = Filter { grade: Some(Grade::Amber), ..Default::default() };
    h.run();
    assert_eq!(labels(&mut h), ["B", "G"]);
    h.state_mut().list_mut().filter = Filter { stance: Some(Some(Stance::Noted)), ..Default::default() };
    h.run();
    assert_eq!(labels(&mut h), ["B", "H"]);
    h.state_mut().list_mut().filter = Filter { has_notes: true, ..Default::default() };
    h.run();
    assert_eq!(labels(&mut h), ["A", "B", "G", "H"]);
    h.state_mut().list_mut().filter = Filter { owner: Some("Cabinet Office".into()), ..Default::default() };
    h.run();
    assert_eq!(labels(&mut h), ["E", "G"]);
}

#[test]
fn help_lists_every_shortcut_from_the_command_table() {
    let (_dir, mut h) = open(FakeDialogs::default());
    h.key_press(Key::F1);
    h.run();
    assert!(matches!(h.state().modal(), Some(stocktake::ui::Modal::Shortcuts)));
    // Grades read as their buttons do ("Grade: Not assessed", the button "5 Not assessed").
    h.get_by_label("Grade: Not assessed");
    let session = h.state().editor().session().clone();
    for action in stocktake::ui::Action::ALL {
        if let Some(shortcut) = action.shortcut() {
            let name = action.name_in(&session);
            assert!(h.query_all_by_label(&name).next().is_some(), "{name} not listed");
            let keys = h.ctx.format_shortcut(&shortcut);
            assert!(h.query_all_by_label_contains(&keys).next().is_some(), "{keys} not listed");
        }
    }
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let (_dir, mut h) = open(FakeDialogs::default());
    h.key_press(Key::Num2);
    h.run();
    assert!(h.state().editor().is_dirty());
    h.event(egui::Event::WindowFocused(true));
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert!(matches!(h.state().modal(), Some(stocktake::ui::Modal::ConfirmReplace(_))));
    h.get_by_label("Save changes before closing?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!matches!(h.state().modal(), Some(stocktake::ui::Modal::ConfirmReplace(_))));
    assert!(h.state().editor().is_dirty(), "cancel keeps the work open");
}

#[test]
fn opening_another_review_with_unsaved_changes_asks_first() {
    let (dir, mut h) = open(FakeDialogs::default());
    h.key_press(Key::Num2);
    h.run();
    let other = dir.path().join("other.ron");
    stocktake::store::save(
        &stocktake::model::Session::new("Other review", jiff::Timestamp::now()),
        &other,
        &Default::default(),
    )
    .unwrap();
    h.state_mut().open_paths(std::slice::from_ref(&other));
    h.run();
    h.get_by_label("Save changes before opening another review?");
    assert_ne!(h.state().editor().session().title, "Other review", "nothing replaced before the answer");
    h.get_by_label("Discard changes").click();
    h.run();
    assert_eq!(h.state().editor().session().title, "Other review");
    assert_eq!(h.state().path(), Some(other.as_path()));
}

#[test]
fn autosaved_work_is_offered_back_after_a_crash() {
    let (dir, mut h) = open(FakeDialogs::default());
    let session_path = dir.path().join("sample-review.ron");
    // Make the saved file older than the autosave that follows.
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    std::fs::File::options().write(true).open(&session_path).unwrap().set_modified(old).unwrap();
    h.key_press(Key::Num4);
    h.run();
    let later = std::time::Instant::now() + stocktake::ui::AUTOSAVE_INTERVAL * 2;
    h.state_mut().autosave_if_due(later);
    h.state_mut().wait_for_autosave();
    let expected = h.state().editor().session().clone();
    drop(h); // the "crash": nothing saved

    let mut app = StocktakeApp::new(Box::new(FakeDialogs::default()));
    app.open_session(&session_path);
    app.finish_jobs();
    assert!(
        matches!(app.modal(), Some(stocktake::ui::Modal::Recovery(_))),
        "recovery file should be offered"
    );
    let mut h = window(app);
    h.get_by_label_contains("sample-review.ron");
    h.get_by_label("Recover unsaved work?");
    h.get_by_label("Recover").click();
    h.run();
    assert_eq!(h.state().editor().session(), &expected);
    assert!(h.state().editor().is_dirty(), "recovered work still needs saving");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.state_mut().finish_jobs();
    assert!(!stocktake::store::recovery_path(&session_path).exists(), "saving clears the recovery file");
}

/// Screen position at the left (or right) edge of a character in the left reader.
fn glyph_edge(h: &Harness<'_, StocktakeApp>, offset: usize, right: bool) -> egui::Pos2 {
    let readers = h.state().readers();
    let doc = readers.left.document.clone().unwrap();
    let r = readers.left.state(&doc).and_then(|s| s.char_rect(offset)).expect("character on screen");
    egui::pos2(if right { r.right() - 1.0 } else { r.left() + 1.0 }, r.center().y)
}

/// Drag in the left reader from the start of character `start` to the end of `end - 1`.
fn drag_select(h: &mut Harness<'_, StocktakeApp>, start: usize, end: usize) {
    let (from, to) = (glyph_edge(h, start, false), glyph_edge(h, end - 1, true));
    h.drag_at(from);
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
}

#[test]
fn selecting_a_passage_and_pressing_ctrl_e_makes_linked_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("with-evidence.ron");
    let (_sdir, mut h) = open(FakeDialogs { save: Some(out.clone()), ..Default::default() });
    for _ in 0..3 {
        h.key_press(Key::J);
        h.run();
    }
    assert_eq!(selected_label(&h), "B");
    let b = h.state().editor().session().recommendation_by_label("B").unwrap().clone();
    let start = b.source.as_ref().unwrap().start;
    // Drag over "In the Committee’s view" (the label "B. " comes first).
    drag_select(&mut h, start + 3, start + 26);
    assert_eq!(h.state().reader_selection().map(|(_, s, e)| (s, e)), Some((start + 3, start + 26)));

    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    let session = h.state().editor().session();
    assert_eq!(session.annotations.len(), 1);
    let ann = &session.annotations[0];
    assert_eq!(ann.recommendations, vec![b.id.clone()]);
    assert_eq!(ann.anchor.quote.exact, "In the Committee\u{2019}s view");
    assert_eq!((ann.anchor.start, ann.anchor.end), (start + 3, start + 26));
    h.get_by_label("Evidence (1)");

    // The note on the evidence is typed in the editor.
    h.get_by_label("Note").click();
    h.run();
    h.get_by_label("Note").type_text("Strategy not shown");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().editor().session().annotations[0].note, "Strategy not shown");

    // Undo the note and the annotation, redo both.
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert!(h.state().editor().session().annotations.is_empty());
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        h.run();
    }
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    let saved = stocktake::store::load(&out).unwrap().session;
    assert_eq!(saved.annotations.len(), 1);
    assert_eq!(saved.annotations[0].note, "Strategy not shown");
    assert_eq!(saved.evidence_for(&b.id).count(), 1);
}

#[test]
fn list_keys_still_work_after_clicking_into_the_reader() {
    let (_dir, mut h) = open(FakeDialogs::default());
    let readers = h.state().readers();
    let doc = readers.left.document.clone().unwrap();
    let viewport = readers.left.state(&doc).and_then(|s| s.viewport_rect()).unwrap();
    h.event(egui::Event::PointerMoved(viewport.center()));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: viewport.center(),
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    h.key_press(Key::J);
    h.run();
    assert_eq!(selected_label(&h), "C");
    h.key_press(Key::Num1);
    h.run();
    let session = h.state().editor().session();
    assert_eq!(session.recommendation_by_label("C").unwrap().grade_in(&session.current_cycle), Grade::Blue);
}

#[test]
fn ctrl_f_opens_find_in_the_reader_and_zoom_keys_resize_text() {
    let (_dir, mut h) = open(FakeDialogs::default());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    let doc = h.state().readers().left.document.clone().unwrap();
    assert!(h.state().readers().left.state(&doc).unwrap().find_open());
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    let zoom = h.state().readers().left.state(&doc).unwrap().zoom();
    assert!((zoom - 1.1).abs() < 1e-3, "{zoom}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert_eq!(h.state().readers().left.state(&doc).unwrap().zoom(), 1.0);
}

#[test]
fn outline_opens_and_jumps_the_left_reader() {
    let (_dir, mut h) = open(FakeDialogs::default());
    // Put the reader far down first (recommendation YY), then jump back via the outline.
    let yy = h.state().editor().session().recommendation_by_label("YY").unwrap().id.clone();
    h.state_mut().select(&yy);
    h.run();
    let doc = h.state().readers().left.document.clone().unwrap();
    let far = h.state().readers().left.state(&doc).unwrap().scroll_offset();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run();
    assert!(h.state().readers().show_outline);
    h.get_by_label("Introduction").click();
    h.run();
    let near = h.state().readers().left.state(&doc).unwrap().scroll_offset();
    assert!(near < far / 4.0, "outline click should jump up to the introduction ({far} -> {near})");
}

/// The whole flow of issue #5 in one go: keyboard to B, Amber by key, a typed note, a passage
/// annotated, two undos back to "just graded", redo, save, and the file holds all three.
#[test]
fn a_review_step_from_keyboard_to_saved_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review-step.ron");
    let (_sdir, mut h) = open(FakeDialogs { save: Some(out.clone()), ..Default::default() });
    for _ in 0..3 {
        h.key_press(Key::ArrowDown);
        h.run();
    }
    assert_eq!(selected_label(&h), "B");
    h.key_press(Key::Num3);
    h.run();
    let graded = h.state().editor().session().clone();

    h.get_by_label("Notes").click();
    h.run();
    h.get_by_label("Notes").type_text(" Follow up in March.");
    h.run();
    h.key_press(Key::Escape);
    h.run();

    let b = graded.recommendation_by_label("B").unwrap().clone();
    let start = b.source.as_ref().unwrap().start;
    drag_select(&mut h, start + 3, start + 26);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert_eq!(h.state().editor().session().annotations.len(), 1);

    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(h.state().editor().session(), &graded, "two undos remove the annotation and the note");

    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        h.run();
    }
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    let saved = stocktake::store::load(&out).unwrap().session;
    let saved_b = saved.recommendation_by_label("B").unwrap();
    assert_eq!(saved_b.grade_in(&saved.current_cycle), Grade::Amber);
    assert!(saved_b.notes.ends_with(" Follow up in March."), "{:?}", saved_b.notes);
    assert_eq!(saved.annotations.len(), 1);
    assert_eq!(saved.annotations[0].recommendations, vec![b.id.clone()]);
    assert_eq!(saved.annotations[0].anchor.quote.exact, "In the Committee\u{2019}s view");
}

#[test]
fn an_untitled_review_is_autosaved_and_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("app-data");
    std::fs::create_dir(&data).unwrap();
    let doc = dir.path().join(RESPONSE);
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data").join(RESPONSE), &doc).unwrap();

    let mut app = StocktakeApp::new(Box::new(FakeDialogs::default()));
    app.set_untitled_folder(data.clone());
    app.new_from_documents(std::slice::from_ref(&doc));
    app.finish_jobs();
    assert_eq!(app.path(), None);
    let mut h = window(app);
    h.key_press(Key::Num2);
    h.run();
    h.state_mut().autosave_if_due(std::time::Instant::now() + stocktake::ui::AUTOSAVE_INTERVAL * 2);
    h.state_mut().wait_for_autosave();
    let expected = h.state().editor().session().clone();
    drop(h);

    let out = dir.path().join("named.ron");
    let mut app = StocktakeApp::new(Box::new(FakeDialogs { save: Some(out.clone()), ..Default::default() }));
    app.set_untitled_folder(data.clone());
    assert!(matches!(app.modal(), Some(stocktake::ui::Modal::UntitledRecovery(_))));
    let mut h = window(app);
    h.get_by_label_contains(RESPONSE);
    h.get_by_label("Recover").click();
    h.run();
    assert_eq!(h.state().editor().session(), &expected);
    assert_eq!(h.state().path(), None);
    assert!(h.state_mut().save_as());
    h.state_mut().finish_jobs();
    let saved = stocktake::store::load(&out).unwrap().session;
    assert_eq!(saved.recommendations, expected.recommendations);
    let reopened = stocktake::workspace::open_session(&out, &Default::default()).unwrap();
    assert_eq!(
        reopened.documents[0].status,
        stocktake::intake::DocumentStatus::Ok,
        "document paths survive the move"
    );
    assert!(stocktake::workspace::find_untitled_recoveries(&data).0.is_empty());
}

#[test]
fn narrow_side_by_side_readers_with_outline_and_find_do_not_overlap() {
    let (_dir, mut h) = open(FakeDialogs::default());
    h.set_size(egui::vec2(1400.0, 800.0));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    let readers = h.state().readers();
    let rect = |pane: &stocktake::ui::ReaderPane| {
        let doc = pane.document.clone().unwrap();
        pane.state(&doc).and_then(|s| s.viewport_rect()).unwrap()
    };
    let (left, right) = (rect(&readers.left), rect(&readers.right));
    assert!(left.right() <= right.left() + 0.5, "left reader {left:?} runs into right reader {right:?}");
    // And the text inside the left reader is laid out within it.
    let doc = readers.left.document.clone().unwrap();
    let state = readers.left.state(&doc).unwrap();
    let glyph = state.char_rect(state.top_char()).expect("the top block is drawn");
    assert!(glyph.right() <= left.right(), "{glyph:?} outside {left:?}");
}

/// Feed one frame of raw events through the app's input filter, as eframe does.
fn frame_with_events(h: &mut Harness<'_, StocktakeApp>, events: Vec<egui::Event>) {
    let mut input = std::mem::take(h.input_mut());
    input.events.extend(events);
    h.state_mut().filter_input(&mut input);
    *h.input_mut() = input;
    h.step();
}

fn key_event(key: Key) -> egui::Event {
    egui::Event::Key {
        key,
        physical_key: Some(key),
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}

#[test]
fn keys_typed_just_before_escape_go_into_the_field_and_never_run_as_shortcuts() {
    let (_dir, mut h) = open(FakeDialogs::default());
    let selected = h.state().selected().unwrap().to_owned();
    h.get_by_label("Notes").click();
    h.run();
    // Fast typing: the last letters and Escape arrive in the same frame.
    let mut events = Vec::new();
    for (c, key) in [('i', Key::I), ('j', Key::J)] {
        events.push(key_event(key));
        events.push(egui::Event::Text(c.to_string()));
    }
    events.push(key_event(Key::Escape));
    frame_with_events(&mut h, events);
    frame_with_events(&mut h, Vec::new());
    h.run();
    let app = h.state();
    assert_eq!(app.selected(), Some(selected.as_str()), "`j` must not move to the next recommendation");
    let rec = &app.editor().session().recommendations
        [app.editor().session().recommendation_index(&selected).unwrap()];
    assert!(rec.notes.ends_with("ij"), "every key typed is in the note: {:?}", rec.notes);
    assert!(!app.has_held_input());
}

#[test]
fn tags_can_be_typed_with_commas_and_spaces_as_one_undo_step() {
    let (_dir, mut h) = open(FakeDialogs::default());
    h.get_by_label("Tags").click();
    h.run();
    h.get_by_label("Tags").type_text("legal review, follow up");
    h.run();
    let id = h.state().selected().unwrap().to_owned();
    let tags = |h: &Harness<'_, StocktakeApp>| {
        let s = h.state().editor().session();
        s.recommendations[s.recommendation_index(&id).unwrap()].tags.clone()
    };
    assert_eq!(tags(&h), vec!["legal review".to_string(), "follow up".to_string()]);
    assert_eq!(h.state().editor().undo_label().as_deref(), Some("set tags"));
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(tags(&h).is_empty(), "one undo removes all that was typed");
}

#[test]
fn without_a_file_chooser_service_the_in_window_dialog_opens_instead() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = StocktakeApp::new(Box::new(FakeDialogs { unavailable: true, ..Default::default() }));
    app.open_session(&sample_copy(dir.path()));
    app.finish_jobs();
    // The in-window dialog is egui_file's, whose path fields have no accessible names.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .with_accessibility_check(false)
        .build_ui_state(|ui, app: &mut StocktakeApp| app.show_and_wait(ui), app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert_eq!(
        h.state().in_window_dialog(),
        Some(&stocktake::ui::DialogRequest::Open),
        "never a silent no-op"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    assert!(h.state().in_window_dialog().is_some());
    drop(dir);
}

#[test]
fn long_evidence_never_widens_the_editor_past_its_share() {
    let (_dir, mut h) = open(FakeDialogs::default());
    // Evidence on the whole of a long reply, as when a reviewer selects a reply to quote it.
    let session = h.state().editor().session();
    let rec =
        session.recommendations.iter().max_by_key(|r| r.response.as_ref().map_or(0, |a| a.len())).unwrap();
    let (id, reply) = (rec.id.clone(), rec.response.clone().unwrap());
    let mut annotation = stocktake::model::Annotation {
        id: "a-long".into(),
        anchor: reply,
        note: String::new(),
        colour: stocktake::ui::EVIDENCE_COLOUR.into(),
        tag: None,
        recommendations: vec![id.clone()],
        author: String::new(),
        created: jiff::Timestamp::now(),
        modified: jiff::Timestamp::now(),
    };
    annotation.anchor.quote.exact = annotation.anchor.quote.exact.replace(' ', "\u{a0}");
    h.state_mut().apply_for_test(stocktake::edit::Command::InsertAnnotation {
        index: 0,
        annotation: Box::new(annotation),
    });
    h.state_mut().select(&id);
    h.run();
    let readers = h.state().readers();
    let doc = readers.left.document.clone().unwrap();
    let reader = readers.left.state(&doc).and_then(|s| s.viewport_rect()).unwrap();
    assert!(reader.width() >= 300.0, "the readers keep their room: {reader:?}");
}

#[test]
fn save_anyway_drops_fields_this_build_does_not_know_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let session = sample_copy(dir.path());
    let text = std::fs::read_to_string(&session).unwrap();
    let with_unknown =
        text.replacen("    reviewer: \"\",", "    reviewer: \"\",\n    from_the_future: 7,", 1);
    assert_ne!(text, with_unknown);
    std::fs::write(&session, with_unknown).unwrap();
    let mut app = StocktakeApp::new(Box::new(FakeDialogs::default()));
    app.open_session(&session);
    app.finish_jobs();
    let mut h = window(app);

    h.key_press(Key::Num3);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Save anyway").click();
    h.run();
    h.state_mut().finish_jobs();
    h.run();
    assert_eq!(h.state().error_dialog(), None);
    assert!(!h.state().editor().is_dirty(), "the save went through");
    let saved = std::fs::read_to_string(&session).unwrap();
    assert!(!saved.contains("from_the_future"), "the reviewer agreed to drop it");
    let loaded = stocktake::store::load(&session).unwrap().session;
    assert_eq!(loaded.recommendation_by_label("A").unwrap().grade_in(&loaded.current_cycle), Grade::Amber);
}

/// A PDF of `pages` pages, each with a heading naming its page and a few paragraphs, written
/// by hand (Helvetica, one content stream per page) so the test needs no fixture.
fn many_page_pdf(path: &Path, pages: usize) {
    let mut objects: Vec<String> = Vec::new();
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" ")));
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into());
    for i in 0..pages {
        let mut content = String::from("BT /F1 11 Tf 72 740 Td 14 TL\n");
        content += &format!("(Part {} of the report) Tj T* T*\n", i + 1);
        for line in 0..40 {
            content += &format!("(Line {line} of part {} says something worth reading here.) Tj T*\n", i + 1);
        }
        content += "ET";
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()));
    }
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (n, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf += &format!("{} 0 obj\n{body}\nendobj\n", n + 1);
    }
    let xref = pdf.len();
    pdf += &format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        pdf += &format!("{o:010} 00000 n \n");
    }
    pdf += &format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1);
    std::fs::write(path, pdf).unwrap();
}

#[test]
fn go_to_page_scrolls_a_pdf_reader_and_refuses_pages_it_does_not_have() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    many_page_pdf(&pdf, 6);
    let mut app = StocktakeApp::new(Box::new(FakeDialogs::default()));
    app.new_from_documents(&[pdf]);
    app.finish_jobs();
    assert_eq!(app.error_dialog(), None);
    let mut h = window(app);
    let page = |h: &Harness<'_, StocktakeApp>| {
        let left = &h.state().readers().left;
        left.state(left.document.as_deref().unwrap()).and_then(|s| s.current_page())
    };
    assert_eq!(page(&h), Some(1));

    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    h.get_by_label("Go").hover();
    // The current page is shown selected, so typing replaces it; a page the document does
    // not have is refused with the range it has.
    h.event(egui::Event::Text("99".into()));
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Type a page number from 1 to 6.");
    assert_eq!(page(&h), Some(1));

    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(egui::Event::Text("4".into()));
    h.key_press(Key::Enter);
    for _ in 0..3 {
        h.run();
    }
    assert!(h.state().modal().is_none(), "the dialog closed");
    assert_eq!(page(&h), Some(4));
}

#[test]
fn passages_not_found_are_counted_listed_and_reattached_with_one_key() {
    let dir = tempfile::tempdir().unwrap();
    let session_path = sample_copy(dir.path());
    let session = stocktake::store::load(&session_path).unwrap().session;
    let b = session.recommendation_by_label("B").unwrap().clone();
    let old = b.source.as_ref().unwrap().quote.exact.clone();
    let response = dir.path().join(RESPONSE);
    let text = std::fs::read_to_string(&response).unwrap();
    let rewritten = "Rewritten: a new paragraph that shares no words with the one it replaced.";
    assert!(text.contains(&old), "the quote is in the file as written");
    std::fs::write(&response, text.replacen(&old, rewritten, 1)).unwrap();

    let mut app = StocktakeApp::new(Box::new(FakeDialogs::default()));
    app.open_session(&session_path);
    app.finish_jobs();
    let mut h = window(app);
    h.get_by_label("\u{26a0} 1 passage not found").click();
    h.run();
    h.get_by_label("Recommendation B").click();
    h.run();
    assert_eq!(selected_label(&h), "B", "choosing it selects its recommendation");

    // Without a selection the key says what to do; with one it re-attaches.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run();
    assert!(h.state().notice().is_some_and(|n| n.text.contains("Select the passage's new text")));
    let start = b.source.as_ref().unwrap().start;
    drag_select(&mut h, start, start + rewritten.chars().count());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run();
    let now = h.state().editor().session().recommendation_by_label("B").unwrap().clone();
    assert_eq!(now.source.unwrap().quote.exact, rewritten);
    assert!(h.query_by_label_contains("passage not found").is_none(), "the count goes when none remain");
    h.get_by_label("Every passage was found in its document.");

    // One undo brings the orphan back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label("\u{26a0} 1 passage not found");
}

#[test]
fn the_readers_stay_on_the_selected_recommendation_when_the_outline_opens_and_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let prefs = dir.path().join("prefs.ron");
    let session = sample_copy(dir.path());
    let on_screen = |h: &Harness<'_, StocktakeApp>, label: &str| {
        let s = h.state().editor().session();
        let anchor = s.recommendation_by_label(label).unwrap().source.clone().unwrap();
        let left = &h.state().readers().left;
        left.document.as_deref() == Some(anchor.document.as_str())
            && left.state(&anchor.document).and_then(|st| st.char_rect(anchor.start)).is_some()
    };
    let mut app = StocktakeApp::new(Box::new(FakeDialogs::default()));
    app.use_prefs_file(prefs.clone());
    app.open_session(&session);
    app.finish_jobs();
    let mut h = window(app);
    let last = h.state().editor().session().recommendations.last().unwrap().label.clone();
    h.key_press(Key::End);
    h.run();
    let id = h.state().editor().session().recommendation_by_label(&last).unwrap().id.clone();
    h.state_mut().select(&id);
    h.run();
    h.run();
    assert!(on_screen(&h, &last), "selecting shows it");
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
        h.run(); // and settles at once (no spring back over dozens of frames)
        h.run();
        assert!(on_screen(&h, &last), "toggling the outline keeps it in view");
    }
    h.state_mut().shut_down();
    drop(h);

    // A restart: the same review opens on the same recommendation, in view.
    let mut app = StocktakeApp::new(Box::new(FakeDialogs::default()));
    app.use_prefs_file(prefs);
    app.open_session(&session);
    app.finish_jobs();
    let mut h = window(app);
    h.run();
    assert_eq!(selected_label(&h), last);
    assert!(on_screen(&h, &last), "after a restart it is in view");
}

#[test]
fn the_review_step_keeps_or_removes_uncertain_items_and_finds_more_like_one() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("report.md");
    std::fs::write(
        &doc,
        "# Report on partnerships\n\n## Recommendations\n\n\
         1. The Department should publish a partnerships strategy by March 2026.\n\
         2. The Department should report to Parliament on progress each year.\n\
         3. Training for staff.\n\n## Background\n\nThe Department has many partners.\n",
    )
    .unwrap();
    let mut app = StocktakeApp::new(Box::new(FakeDialogs::default()));
    app.new_from_documents(&[doc]);
    app.finish_jobs();
    let labels = |app: &StocktakeApp| -> Vec<String> {
        app.editor().session().recommendations.iter().map(|r| r.label.clone()).collect()
    };
    assert_eq!(labels(&app), ["1", "2"], "the third item has no recommending words");
    let second = app.editor().session().recommendation_by_label("2").unwrap().id.clone();
    // As the extractor leaves an item it is unsure of.
    app.apply_for_test(stocktake::edit::Command::set(
        &second,
        stocktake::edit::RecField::FoundWith(Some(0.6)),
    ));
    let mut h = window(app);

    h.get_by_label("Uncertain (1)").click();
    h.run();
    assert_eq!(h.state_mut().visible_ids(), std::slice::from_ref(&second));
    h.state_mut().select(&second);
    h.run();
    h.get_by_label("Uncertain: the extractor was 60% sure this is a recommendation.");
    h.get_by_label("Keep it").click();
    h.run();
    assert_eq!(h.state().editor().session().recommendation_by_label("2").unwrap().found_with, None);
    assert!(h.state_mut().visible_ids().is_empty(), "none left to review");
    h.get_by_label("Uncertain (0)").click(); // the filter off again
    h.run();
    assert!(h.query_by_label_contains("Uncertain (").is_none(), "and the filter goes once off");

    // Not a recommendation: removed, and one undo brings it back.
    let first = h.state().editor().session().recommendation_by_label("1").unwrap().id.clone();
    h.state_mut().select(&first);
    h.run();
    h.get_by_label("Not a recommendation").click();
    h.run();
    assert_eq!(labels(h.state()), ["2"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(labels(h.state()), ["1", "2"]);

    // Teach by example: with 1 removed, "find more like 2" finds it again, in its place in the
    // document, as one step; then there are no more.
    h.state_mut().select(&first);
    h.run();
    h.get_by_label("Not a recommendation").click();
    h.run();
    assert_eq!(labels(h.state()), ["2"]);
    h.state_mut().select(&second);
    h.run();
    h.get_by_label("Find more like this").click();
    h.run();
    assert_eq!(labels(h.state()), ["1", "2"]);
    assert_eq!(h.state().editor().undo_label().as_deref(), Some("add 1 like 2"));
    h.get_by_label("Find more like this").click();
    h.run();
    assert_eq!(labels(h.state()), ["1", "2"], "nothing added twice");
}

#[test]
fn export_writes_the_tracker_the_name_asks_for_and_refuses_other_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tracker.csv");
    let (_sdir, mut h) = open(FakeDialogs { save: Some(out.clone()), ..Default::default() });
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::X);
    h.run();
    assert_eq!(h.state().error_dialog(), None);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("Label,Recommendation,Owner,"), "{}", &csv[..60.min(csv.len())]);
    assert_eq!(csv.lines().count(), 1 + h.state().editor().session().recommendations.len());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    }

    let (_sdir, mut h) =
        open(FakeDialogs { save: Some(dir.path().join("tracker.txt")), ..Default::default() });
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::X);
    h.run();
    assert!(h.state().error_dialog().is_some_and(|e| e.contains(".xlsx or .csv")));
    assert!(!dir.path().join("tracker.txt").exists());
}
