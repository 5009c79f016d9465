//! The window driven through egui_kittest, as a reviewer would use it.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};
use stocktake::model::Grade;
use stocktake::ui::{FakeDialogs, Level, StocktakeApp};

fn sample_copy(dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for name in ["sample-review.ron", "isc-international-partnerships-government-response.md"] {
        std::fs::copy(src.join(name), dir.join(name)).unwrap();
    }
    dir.join("sample-review.ron")
}

fn harness(app: StocktakeApp) -> Harness<'static, StocktakeApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut StocktakeApp| app.show_and_wait(ui), app)
}

fn open_sample(dialogs: FakeDialogs) -> (tempfile::TempDir, Harness<'static, StocktakeApp>) {
    let dir = tempfile::tempdir().unwrap();
    let session = sample_copy(dir.path());
    let mut app = StocktakeApp::new(Box::new(dialogs));
    app.open_session(&session);
    app.finish_jobs();
    assert_eq!(app.error_dialog(), None);
    let mut h = harness(app);
    h.run();
    (dir, h)
}

fn scroll_of_left_reader(app: &StocktakeApp) -> f32 {
    let doc = app.readers().left.document.clone().unwrap();
    app.readers().left.state(&doc).map_or(0.0, |s| s.scroll_offset())
}

#[test]
fn clicking_a_recommendation_selects_it_and_scrolls_the_document_to_it() {
    let (_dir, mut h) = open_sample(FakeDialogs::default());
    let first = h.state().selected().map(str::to_owned);
    let start_scroll = scroll_of_left_reader(h.state());

    // The 21st recommendation is well down the document but still visible in the list.
    let target = h.state().editor().session().recommendations[20].clone();
    h.get_by_label_contains(&format!("{}: {}", target.label, &target.text[..20])).click();
    h.run();

    let app = h.state();
    assert_eq!(app.selected(), Some(target.id.as_str()));
    assert_ne!(app.selected().map(str::to_owned), first);
    assert!(
        scroll_of_left_reader(app) > start_scroll + 1000.0,
        "reader should have scrolled far down to the recommendation (from {start_scroll} to {})",
        scroll_of_left_reader(app)
    );
}

#[test]
fn grade_buttons_change_the_grade_and_mark_the_session_unsaved() {
    let (dir, mut h) = open_sample(FakeDialogs::default());
    assert!(!h.state().editor().is_dirty());
    h.get_by_label_contains("C: It is important that coordination").click();
    h.run();
    h.get_by_label("3 Amber").click();
    h.run();
    let app = h.state();
    let session = app.editor().session();
    let c = session.recommendation_by_label("C").unwrap();
    assert_eq!(c.grade_in(&session.current_cycle), Grade::Amber);
    assert!(app.editor().is_dirty());
    assert!(app.title().starts_with("sample-review.ron ●"), "{}", app.title());

    // Save through the fake dialog (Save As) and read the file back.
    let out = dir.path().join("saved.ron");
    assert!(h.state_mut().save_to_path(&out));
    h.state_mut().finish_jobs();
    h.run();
    assert!(!h.state().editor().is_dirty());
    let saved = stocktake::store::load(&out).unwrap().session;
    let c = saved.recommendation_by_label("C").unwrap();
    assert_eq!(c.grade_in(&saved.current_cycle), Grade::Amber);
}

#[test]
fn save_as_uses_the_dialog_and_keeps_documents_reachable() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("elsewhere");
    std::fs::create_dir(&sub).unwrap();
    let target = sub.join("moved.ron");
    let dialogs = FakeDialogs { save: Some(target.clone()), ..Default::default() };
    let session = sample_copy(dir.path());
    let mut app = StocktakeApp::new(Box::new(dialogs));
    app.open_session(&session);
    app.finish_jobs();
    assert!(app.save_as());
    app.finish_jobs();
    let saved = stocktake::store::load(&target).unwrap().session;
    assert_eq!(
        saved.documents[0].path,
        PathBuf::from("../isc-international-partnerships-government-response.md")
    );
    let reopened = stocktake::workspace::open_session(&target, &Default::default()).unwrap();
    assert_eq!(reopened.documents[0].status, stocktake::intake::DocumentStatus::Ok);
    assert_eq!(app.path(), Some(target.as_path()));
}

#[test]
fn opening_a_broken_session_shows_an_error_and_keeps_the_current_one() {
    let (dir, mut h) = open_sample(FakeDialogs::default());
    let before = h.state().editor().session().clone();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format_version: 1, title: \"x\",\n  documents: [").unwrap();
    h.state_mut().open_session(&broken);
    h.state_mut().finish_jobs();
    h.run();
    let app = h.state();
    let err = app.error_dialog().unwrap();
    assert!(err.contains("broken.ron:2:"), "{err}");
    assert_eq!(app.editor().session(), &before);
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "(format_version: 1, title: \"x\",\n  documents: ["
    );
}

#[test]
fn a_shortened_document_does_not_crash_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let session = sample_copy(dir.path());
    // The document changed under the review: every anchor past its end now points nowhere.
    std::fs::write(
        dir.path().join("isc-international-partnerships-government-response.md"),
        "# Short\n\nNow tiny.\n",
    )
    .unwrap();
    let mut app = StocktakeApp::new(Box::new(FakeDialogs::default()));
    app.open_session(&session);
    app.finish_jobs();
    assert!(
        app.notice().is_some_and(|n| n.level == Level::Warning && n.text.contains("changed")),
        "{:?}",
        app.notice()
    );
    let mut h = harness(app);
    h.run();
    let yy = h.state().editor().session().recommendation_by_label("YY").unwrap().id.clone();
    h.state_mut().select(&yy);
    h.run();
    h.key_press(egui::Key::Num2);
    h.run();
    assert_eq!(h.state().selected(), Some(yy.as_str()));
}

#[test]
fn an_edited_document_is_re_anchored_on_open_as_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let session_path = sample_copy(dir.path());
    let doc = dir.path().join("isc-international-partnerships-government-response.md");
    let original = std::fs::read_to_string(&doc).unwrap();
    let preface = "Note added by the department after publication.\n\n";
    std::fs::write(&doc, format!("{preface}{original}")).unwrap();
    let shift = preface.chars().count();

    let mut before = stocktake::store::load(&session_path).unwrap().session;
    stocktake::workspace::absolutise(&mut before, &session_path);
    let mut app = StocktakeApp::new(Box::new(FakeDialogs::default()));
    app.open_session(&session_path);
    app.finish_jobs();
    let notice = app.notice().unwrap().text.clone();
    assert!(notice.contains("passages found again"), "{notice}");
    assert!(!notice.contains("not found"), "{notice}");
    let after = app.editor().session();
    for (old, new) in before.recommendations.iter().zip(&after.recommendations) {
        let (o, n) = (old.source.as_ref().unwrap(), new.source.as_ref().unwrap());
        assert_eq!((n.start, n.end), (o.start + shift, o.end + shift), "{}", old.label);
    }
    assert_ne!(after.documents[0].sha256, before.documents[0].sha256, "hash of the new text recorded");
    assert!(app.editor().is_dirty());
    let mut h = harness(app);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().editor().session(), &before, "one undo restores the old anchors");
}
