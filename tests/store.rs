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
