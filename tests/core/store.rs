//! Session files: round trip, stable bytes, atomic save with backup, clear load errors.

use std::fs;
use stocktake::model::{Anchor, Annotation, Grade, Recommendation, Session, Stance};
use stocktake::store::{self, StoreError};

fn sample_session() -> Session {
    let t = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    let mut s = Session::new("Review of partnerships", t);
    s.reviewer = "A. Reviewer".into();
    let text = "A. The Agencies should coordinate. The Government agrees.";
    let mut r = Recommendation::new("r1", "A", "The Agencies should coordinate.");
    r.source = Some(Anchor::from_range("doc1", text, 0, 34));
    r.grades.insert("c1".into(), Grade::Amber);
    r.stance = Some(Stance::Agreed);
    r.notes = "Check the 2025 update.\nSecond line with \"quotes\" and ünïcödé.".into();
    r.tags = vec!["coordination".into()];
    r.due = Some(jiff::civil::date(2025, 3, 31));
    s.recommendations.push(r);
    s.annotations.push(Annotation {
        id: "a1".into(),
        anchor: Anchor::from_range("doc1", text, 35, 57),
        note: "Reply is a bare agreement".into(),
        colour: "#ffcc00".into(),
        tag: None,
        recommendations: vec!["r1".into()],
        author: "A. Reviewer".into(),
        created: t,
        modified: t,
    });
    s
}

#[test]
fn round_trip_preserves_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    let session = sample_session();
    store::save(&session, &path, &Default::default()).unwrap();
    assert_eq!(store::load(&path).unwrap().session, session);
}

#[test]
fn two_saves_are_byte_identical_and_human_readable() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    let session = sample_session();
    store::save(&session, &a, &Default::default()).unwrap();
    store::save(&session.clone(), &b, &Default::default()).unwrap();
    let (ta, tb) = (fs::read(&a).unwrap(), fs::read(&b).unwrap());
    assert_eq!(ta, tb);
    let text = String::from_utf8(ta).unwrap();
    // Pretty: one field per line, fields in declaration order.
    assert!(text.contains("\n    format_version: 1,\n"), "{text}");
    assert!(text.find("format_version").unwrap() < text.find("recommendations").unwrap());
    assert!(text.contains("stance: Some(Agreed)") || text.contains("stance: Agreed"), "{text}");
}

#[test]
fn saving_over_a_file_keeps_a_backup_of_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    let mut session = sample_session();
    store::save(&session, &path, &Default::default()).unwrap();
    let first = fs::read(&path).unwrap();
    session.recommendations[0].notes = "changed".into();
    store::save(&session, &path, &Default::default()).unwrap();
    let backup = store::backup_path(&path);
    assert_eq!(backup.file_name().unwrap(), "review.ron.bak");
    assert_eq!(fs::read(&backup).unwrap(), first);
    assert_eq!(store::load(&path).unwrap().session.recommendations[0].notes, "changed");
    // No temporary files left behind.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[cfg(unix)]
#[test]
fn new_files_are_owner_only_and_existing_permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    store::save(&sample_session(), &path, &Default::default()).unwrap();
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    store::save(&sample_session(), &path, &Default::default()).unwrap();
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
}

#[test]
fn truncated_file_gives_line_and_column_and_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    store::save(&sample_session(), &path, &Default::default()).unwrap();
    let full = fs::read_to_string(&path).unwrap();
    let cut: String = full.chars().take(full.chars().count() * 2 / 3).collect();
    fs::write(&path, &cut).unwrap();
    let err = store::load(&path).unwrap_err();
    match &err {
        StoreError::Parse { line, column, .. } => {
            assert!(*line > 1 && *column >= 1, "{err}");
        }
        other => panic!("expected a parse error, got {other}"),
    }
    let message = err.to_string();
    assert!(message.starts_with(&format!("{}:", path.display())), "{message}");
    assert_eq!(fs::read_to_string(&path).unwrap(), cut, "a failed load must not write");
    assert!(!store::backup_path(&path).exists());
}

#[test]
fn newer_format_version_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.ron");
    let text = store::to_ron(&sample_session()).unwrap().replace("format_version: 1,", "format_version: 99,");
    fs::write(&path, &text).unwrap();
    let err = store::load(&path).unwrap_err();
    assert!(matches!(err, StoreError::NewerVersion { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("newer"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn binary_file_is_refused_with_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binary.ron");
    fs::write(&path, b"(format_version: 1, \xff\xfe\x00garbage").unwrap();
    let err = store::load(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotUtf8 { byte_offset: 20, .. }), "{err}");
}

#[test]
fn an_outside_change_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    store::save(&sample_session(), &path, &Default::default()).unwrap();
    let loaded = store::load(&path).unwrap();
    assert_eq!(store::Fingerprint::of_path(&path).unwrap().as_ref(), Some(&loaded.fingerprint));

    // Someone else (another window, a git pull) rewrites the file, same length even.
    let theirs = fs::read_to_string(&path).unwrap().replace("A. Reviewer", "B. Reviewer");
    fs::write(&path, &theirs).unwrap();
    let mut mine = loaded.session.clone();
    mine.title = "my edit".into();
    let err = store::save(&mine, &path, &store::SaveOptions::replacing(&loaded)).unwrap_err();
    assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err}");
    assert!(err.to_string().contains("changed on disk since it was opened; not saved"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    assert!(!store::backup_path(&path).exists());

    // Saving with the fingerprint of what is there now succeeds and returns the new one.
    let now = store::load(&path).unwrap();
    let written = store::save(&mine, &path, &store::SaveOptions::replacing(&now)).unwrap();
    assert_eq!(store::Fingerprint::of_path(&path).unwrap(), Some(written.clone()));
    assert!(written.stat_matches(&path));
    assert_eq!(fs::read_to_string(store::backup_path(&path)).unwrap(), theirs);
}

#[test]
fn fields_a_save_would_drop_are_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    store::save(&sample_session(), &path, &Default::default()).unwrap();
    let text =
        fs::read_to_string(&path).unwrap().replacen("    title:", "    colour: \"red\",\n    title:", 1);
    fs::write(&path, &text).unwrap();
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded.unknown, ["colour"]);
    let err = store::save(&loaded.session, &path, &store::SaveOptions::replacing(&loaded)).unwrap_err();
    assert!(matches!(&err, StoreError::UnknownFields { fields, .. } if fields == &["colour"]), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    let allowed = store::SaveOptions { allow_unknown: true, ..store::SaveOptions::replacing(&loaded) };
    store::save(&loaded.session, &path, &allowed).unwrap();
    assert!(store::load(&path).unwrap().unknown.is_empty());
}

#[test]
fn load_reports_what_validate_finds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    let mut session = sample_session();
    session.current_cycle = "c404".into();
    store::save(&session, &path, &Default::default()).unwrap();
    let problems: Vec<String> = store::load(&path).unwrap().problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems.contains(&"current_cycle \"c404\" is not one of the session's cycles".to_string()),
        "{problems:?}"
    );
}

#[cfg(unix)]
#[test]
fn recovery_files_are_owner_only_even_over_a_looser_one() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    let recovery = store::recovery_path(&path);
    fs::write(&recovery, "old").unwrap();
    fs::set_permissions(&recovery, fs::Permissions::from_mode(0o644)).unwrap();
    store::write_recovery(&sample_session(), &path).unwrap();
    assert_eq!(fs::metadata(&recovery).unwrap().permissions().mode() & 0o777, 0o600);
}

#[cfg(unix)]
#[test]
fn write_atomically_keeps_a_backup_without_following_a_link_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.md");
    let victim = dir.path().join("victim");
    fs::write(&victim, "precious").unwrap();
    fs::write(&path, "first").unwrap();
    let backup = dir.path().join("export.md.old");
    std::os::unix::fs::symlink(&victim, &backup).unwrap();
    store::write_atomically(&path, b"second", Some(&backup)).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "second");
    assert_eq!(fs::read_to_string(&backup).unwrap(), "first");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

#[test]
fn a_backup_that_already_is_the_session_leaves_no_temporary_behind() {
    // A save killed between making the backup and replacing the session leaves the backup
    // as a second name of the session file; renaming onto it does nothing.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    store::save(&sample_session(), &path, &Default::default()).unwrap();
    fs::hard_link(&path, store::backup_path(&path)).unwrap();
    store::save(&sample_session(), &path, &Default::default()).unwrap();
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}
