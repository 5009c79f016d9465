//! The open review, headless: outside changes are never overwritten, documents are found in
//! every order of new / save as / recover / reopen, saves are owner-only, opening a changed
//! document is one named undo step.

use std::path::{Path, PathBuf};
use stocktake::edit::{Command, RecField};
use stocktake::intake::DocumentStatus;
use stocktake::job::Progress;
use stocktake::model::Grade;
use stocktake::store;
use stocktake::workspace::{self, Conflict, Workspace, WorkspaceError};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data").join(name)
}

const RESPONSE: &str = "isc-international-partnerships-government-response.md";
const STOCKTAKE: &str = "counter-terrorism-implementation-stocktake-2019.md";

/// Two documents in `dir/docs`.
fn documents(dir: &Path) -> Vec<PathBuf> {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    [RESPONSE, STOCKTAKE]
        .iter()
        .map(|name| {
            let to = docs.join(name);
            std::fs::copy(sample(name), &to).unwrap();
            to
        })
        .collect()
}

fn grade_first(ws: &mut Workspace, grade: Grade) {
    let id = ws.session().recommendations[0].id.clone();
    let cycle = ws.session().current_cycle.clone();
    ws.apply(Command::set(id, RecField::Grade { cycle, grade: Some(grade) })).unwrap();
}

fn open(path: &Path) -> Workspace {
    let mut ws = Workspace::default();
    ws.install(workspace::open_session(path, &Progress::default()).unwrap());
    ws
}

fn assert_documents_found(ws: &Workspace, context: &str) {
    assert_eq!(ws.documents().len(), 2, "{context}");
    for d in ws.documents() {
        assert_eq!(d.status, DocumentStatus::Ok, "{context}: {}", d.id);
    }
}

#[test]
fn an_outside_change_is_never_overwritten_and_can_be_kept_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    let mut ws = Workspace::default();
    ws.install(workspace::new_from_documents(&documents(dir.path()), &Progress::default()).unwrap());
    ws.save_now(Some(&path), Conflict::Refuse).unwrap();

    // Someone else (stocktake set, git pull, another window) changes the file.
    let mut theirs = store::load(&path).unwrap().session;
    theirs.recommendations[1].notes = "their note".into();
    store::save(&theirs, &path, &Default::default()).unwrap();
    let on_disk = std::fs::read(&path).unwrap();

    grade_first(&mut ws, Grade::Red);
    assert!(ws.session_changed_on_disk());
    let err = ws.save_now(None, Conflict::Refuse).unwrap_err();
    assert!(matches!(err, WorkspaceError::Store(store::StoreError::ChangedOnDisk { .. })), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), on_disk, "the outside change is untouched");
    assert!(ws.is_dirty(), "our work is still unsaved, not lost");

    // Keep both: ours goes beside theirs.
    let mine = ws.keep_both_path().unwrap();
    assert_eq!(mine.file_name().unwrap(), "review (mine).ron");
    ws.save_now(Some(&mine), Conflict::Refuse).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
    assert_eq!(store::load(&mine).unwrap().session.recommendations[0].grade_in("c1"), Grade::Red);
    assert_documents_found(&open(&mine), "the copy finds the documents");
}

#[test]
fn overwrite_is_the_reviewers_explicit_choice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    let mut ws = Workspace::default();
    ws.install(workspace::new_from_documents(&documents(dir.path()), &Progress::default()).unwrap());
    ws.save_now(Some(&path), Conflict::Refuse).unwrap();
    let mut theirs = store::load(&path).unwrap().session;
    theirs.title = "theirs".into();
    store::save(&theirs, &path, &Default::default()).unwrap();
    grade_first(&mut ws, Grade::Blue);
    ws.save_now(None, Conflict::Overwrite).unwrap();
    assert_eq!(store::load(&path).unwrap().session.recommendations[0].grade_in("c1"), Grade::Blue);
    // And the next ordinary save goes through: the file is ours again.
    grade_first(&mut ws, Grade::Green);
    ws.save_now(None, Conflict::Refuse).unwrap();
}

#[test]
fn documents_are_found_in_every_order_of_new_save_as_recover_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let docs = documents(dir.path());
    let untitled = dir.path().join("data");
    std::fs::create_dir_all(&untitled).unwrap();

    // New from documents, edit, crash before saving: the untitled autosave is recovered.
    let mut ws = Workspace::default();
    ws.set_untitled_folder(untitled.clone());
    ws.install(workspace::new_from_documents(&docs, &Progress::default()).unwrap());
    assert_documents_found(&ws, "new from documents");
    grade_first(&mut ws, Grade::Amber);
    let start = std::time::Instant::now();
    ws.autosave_if_due(start);
    ws.autosave_if_due(start + workspace::AUTOSAVE_INTERVAL * 2);
    drop(ws); // the crash
    let (found, problems) = wait_for_untitled(&untitled);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(found.len(), 1, "one untitled review to recover");
    let mut ws = Workspace::default();
    ws.set_untitled_folder(untitled.clone());
    ws.install(workspace::Opened::recovered_untitled(found.into_iter().next().unwrap().session));
    assert_documents_found(&ws, "recovered untitled review");
    assert_eq!(ws.session().recommendations[0].grade_in("c1"), Grade::Amber);

    // Save As in one folder, then in another: each file finds the documents when reopened.
    let first = dir.path().join("a").join("review.ron");
    std::fs::create_dir_all(first.parent().unwrap()).unwrap();
    ws.save_now(Some(&first), Conflict::Refuse).unwrap();
    assert!(
        workspace::find_untitled_recoveries(&untitled).0.is_empty(),
        "saved: the untitled autosave is gone"
    );
    let second = dir.path().join("b").join("c").join("copy.ron");
    std::fs::create_dir_all(second.parent().unwrap()).unwrap();
    ws.save_now(Some(&second), Conflict::Refuse).unwrap();
    drop(ws); // closes the review (and its lock)
    for path in [&first, &second] {
        let reopened = open(path);
        assert_documents_found(&reopened, &path.display().to_string());
        let stored = store::load(path).unwrap().session;
        assert!(stored.documents.iter().all(|d| d.path.is_relative()), "paths are relative in the file");
    }

    // Reopen, edit, crash: the recovery beside the file keeps the documents too.
    let mut ws = open(&second);
    grade_first(&mut ws, Grade::Red);
    ws.autosave_if_due(start);
    ws.autosave_if_due(start + workspace::AUTOSAVE_INTERVAL * 2);
    drop(ws);
    let mut opened = wait_for_recovery(&second);
    opened.use_recovery();
    let mut ws = Workspace::default();
    ws.install(opened);
    assert_documents_found(&ws, "recovered saved review");
    assert_eq!(ws.session().recommendations[0].grade_in("c1"), Grade::Red);
}

fn wait_for_untitled(folder: &Path) -> (Vec<workspace::UntitledRecovery>, Vec<String>) {
    for _ in 0..200 {
        let found = workspace::find_untitled_recoveries(folder);
        if !found.0.is_empty() {
            return found;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    workspace::find_untitled_recoveries(folder)
}

fn wait_for_recovery(path: &Path) -> workspace::Opened {
    for _ in 0..200 {
        let opened = workspace::open_session(path, &Progress::default()).unwrap();
        if opened.recovery.is_some() {
            return opened;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("no recovery file was written for {}", path.display());
}

#[cfg(unix)]
#[test]
fn files_the_workspace_writes_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    let mut ws = Workspace::default();
    ws.install(workspace::new_from_documents(&documents(dir.path()), &Progress::default()).unwrap());
    ws.save_now(Some(&path), Conflict::Refuse).unwrap();
    grade_first(&mut ws, Grade::Blue);
    ws.save_now(None, Conflict::Refuse).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&store::backup_path(&path)), 0o600);
}

#[test]
fn the_sample_opens_untitled_and_save_needs_a_place() {
    let mut ws = Workspace::default();
    ws.install(workspace::sample_review().unwrap());
    assert!(ws.path().is_none());
    assert!(!ws.is_dirty());
    grade_first(&mut ws, Grade::Blue);
    let err = ws.save_now(None, Conflict::Refuse).unwrap_err();
    assert!(matches!(err, WorkspaceError::Untitled), "{err}");
    // Saved anywhere, the copy still has its documents (embedded).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my-review.ron");
    ws.save_now(Some(&path), Conflict::Refuse).unwrap();
    let reopened = open(&path);
    assert_eq!(reopened.documents().len(), 2);
    assert!(reopened.documents().iter().all(|d| d.source.char_len() > 1000));
}

#[test]
fn a_changed_document_is_reanchored_as_one_named_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let docs = documents(dir.path());
    let path = dir.path().join("review.ron");
    let mut ws = Workspace::default();
    ws.install(workspace::new_from_documents(&docs, &Progress::default()).unwrap());
    ws.save_now(Some(&path), Conflict::Refuse).unwrap();
    drop(ws); // closes the review (and its lock)
    // The response gains a paragraph at the top: every passage moves.
    let text = std::fs::read_to_string(&docs[0]).unwrap();
    std::fs::write(&docs[0], format!("A new first paragraph.\n\n{text}")).unwrap();
    let mut ws = open(&path);
    assert!(ws.is_dirty(), "re-anchoring is a change to save");
    assert_eq!(ws.editor().undo_label().as_deref(), Some("re-anchor passages"));
    ws.undo();
    assert!(!ws.is_dirty(), "undoing it returns to the file as saved");
}

#[test]
fn an_outside_change_to_the_session_is_noticed_but_our_own_save_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    let mut ws = Workspace::default();
    ws.install(workspace::new_from_documents(&documents(dir.path()), &Progress::default()).unwrap());
    ws.save_now(Some(&path), Conflict::Refuse).unwrap();
    grade_first(&mut ws, Grade::Green);
    ws.save_now(None, Conflict::Refuse).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(ws.poll_outside_changes().is_empty(), "our own save is not an outside change");

    let mut theirs = store::load(&path).unwrap().session;
    theirs.title = "changed elsewhere".into();
    store::save(&theirs, &path, &Default::default()).unwrap();
    let mut seen = Vec::new();
    for _ in 0..100 {
        seen.extend(ws.poll_outside_changes());
        if !seen.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(seen, vec![workspace::OutsideChange::Session]);
}
