//! Hostile files and file systems on the session side (issue 8, item 11): each case asserts
//! the exit status, the message, and that no file changed that should not have.
#![cfg(unix)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;
use stocktake::model::{Recommendation, Session};
use stocktake::store;

fn stocktake() -> Command {
    let mut cmd = Command::cargo_bin("stocktake").unwrap();
    // Nothing here may hang: a FIFO or a lock must be refused or waited for briefly.
    cmd.timeout(Duration::from_secs(60));
    cmd
}

/// A small session with recommendations A, B and C, saved at `dir/review.ron`.
fn session_file(dir: &Path) -> PathBuf {
    let mut s = Session::new("Review", jiff::Timestamp::UNIX_EPOCH);
    for (i, label) in ["A", "B", "C"].iter().enumerate() {
        s.recommendations.push(Recommendation::new(format!("r{}", i + 1), *label, "Do it."));
    }
    let path = dir.join("review.ron");
    store::save(&s, &path, &Default::default()).unwrap();
    path
}

/// Every entry of a folder (recursively): kind, content or link target, and mode.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let meta = fs::symlink_metadata(&path).unwrap();
        let mode = {
            use std::os::unix::fs::PermissionsExt;
            meta.permissions().mode()
        };
        let what = if meta.file_type().is_symlink() {
            format!("link to {}", fs::read_link(&path).unwrap().display())
        } else if meta.is_dir() {
            out.extend(snapshot(&path));
            "dir".into()
        } else if meta.is_file() {
            format!("file {:?}", fs::read(&path).unwrap())
        } else {
            "special".into()
        };
        out.insert(path, format!("{mode:o} {what}"));
    }
    out
}

/// [`snapshot`] without the session's lock file (made by `set` even when it then refuses).
fn snapshot_but_the_lock(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut files = snapshot(dir);
    files.retain(|p, _| !p.ends_with(".review.ron.lock"));
    files
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_planted_backup_link_is_replaced_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("home");
    fs::create_dir(&outside).unwrap();
    let victim = outside.join(".bashrc");
    fs::write(&victim, "export SAFE=1\n").unwrap();
    let work = dir.path().join("repo");
    fs::create_dir(&work).unwrap();
    let session = session_file(&work);
    let before = fs::read(&session).unwrap();
    std::os::unix::fs::symlink("../home/.bashrc", store::backup_path(&session)).unwrap();

    stocktake().arg("set").arg(&session).args(["A", "--grade", "red"]).assert().success();

    assert_eq!(fs::read_to_string(&victim).unwrap(), "export SAFE=1\n", "the link's target is untouched");
    let backup = store::backup_path(&session);
    assert!(fs::symlink_metadata(&backup).unwrap().is_file(), "the backup is now a real file");
    assert_eq!(fs::read(&backup).unwrap(), before, "holding the previous version");
}

#[test]
fn a_symlinked_session_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("sessions");
    fs::create_dir(&real_dir).unwrap();
    let real = session_file(&real_dir);
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    stocktake().arg("set").arg(&link).args(["B", "--note", "through the link"]).assert().success();

    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
    let saved = store::load(&real).unwrap().session;
    assert_eq!(saved.recommendations[1].notes, "through the link", "the real file was updated");
    assert!(store::backup_path(&real).exists(), "the backup sits beside the real file");
    assert!(!store::backup_path(&link).exists());
}

#[test]
fn a_read_only_session_is_refused_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let session = session_file(dir.path());
    fs::set_permissions(&session, fs::Permissions::from_mode(0o444)).unwrap();
    let before = snapshot(dir.path());

    stocktake()
        .arg("set")
        .arg(&session)
        .args(["A", "--grade", "red"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("review.ron: the file is read-only; not saved"));
    stocktake()
        .args(["new", "--force", "--doc"])
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("sample-data/isc-international-partnerships-government-response.md"),
        )
        .arg("-o")
        .arg(&session)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("read-only"));
    assert_eq!(snapshot_but_the_lock(dir.path()), before);
}

#[test]
fn a_fifo_as_session_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    mkfifo(&fifo);
    let doc = dir.path().join("doc.md");
    fs::write(&doc, "Recommendation 1: Do it.\n").unwrap();
    for args in [vec!["check"], vec!["set", "--grade", "red", "--id", "r1"], vec!["summary"]] {
        stocktake()
            .arg(args[0])
            .arg(&fifo)
            .args(&args[1..])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("pipe.ron: is a FIFO (named pipe), not a regular file"));
    }
    stocktake()
        .args(["new", "--force", "--doc"])
        .arg(&doc)
        .arg("-o")
        .arg(&fifo)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("FIFO"));
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn new_never_overwrites_an_input_a_link_or_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("response.md");
    fs::write(&doc, "Recommendation 1: Do it.\n\nThe Government agrees.\n").unwrap();
    let hard = dir.path().join("hard-link.md");
    fs::hard_link(&doc, &hard).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&doc, &link).unwrap();
    let folder = dir.path().join("folder.ron");
    fs::create_dir(&folder).unwrap();
    let before = snapshot(dir.path());

    let cases: [(&Path, &str); 4] = [
        (&doc, "is the input document"),
        (&hard, "is the input document"),
        (&link, "is a symbolic link; refusing to replace it"),
        (&folder, "is a directory, not a regular file"),
    ];
    for (output, message) in cases {
        stocktake()
            .args(["new", "--force", "--doc"])
            .arg(&doc)
            .arg("-o")
            .arg(output)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
    }
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn concurrent_sets_never_lose_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::new("Review", jiff::Timestamp::UNIX_EPOCH);
    const WRITERS: usize = 16;
    for i in 1..=WRITERS {
        s.recommendations.push(Recommendation::new(format!("r{i}"), format!("L{i}"), "Do it."));
    }
    let session = dir.path().join("review.ron");
    store::save(&s, &session, &Default::default()).unwrap();

    let bin = assert_cmd::cargo::cargo_bin("stocktake");
    let children: Vec<_> = (1..=WRITERS)
        .map(|i| {
            std::process::Command::new(&bin)
                .arg("set")
                .arg(&session)
                .args(["--id", &format!("r{i}"), "--note", &format!("edit {i}")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
    let saved = store::load(&session).unwrap().session;
    for i in 1..=WRITERS {
        assert_eq!(saved.recommendations[i - 1].notes, format!("edit {i}"), "edit {i} was lost");
    }
}

#[test]
fn a_version_hidden_in_a_comment_does_not_let_a_newer_file_through() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_file(dir.path());
    let saved = fs::read_to_string(&session).unwrap();
    let head = "(\n    format_version: 1,\n    title: \"Review\",\n";
    assert!(saved.starts_with(head), "{saved}");
    // A comment and an earlier string both say version 1; the real field says 7.
    let text = saved.replacen(
        head,
        "// format_version: 1,\n(\n    title: \"format_version: 1\",\n    format_version: 7,\n",
        1,
    );
    fs::write(&session, &text).unwrap();
    let before = snapshot(dir.path());
    stocktake().arg("check").arg(&session).assert().code(1).stderr(predicate::str::contains(
        "session format version 7 is newer than this Stocktake supports (1)",
    ));
    stocktake().arg("set").arg(&session).args(["A", "--grade", "red", "--force"]).assert().code(1);
    assert_eq!(snapshot_but_the_lock(dir.path()), before);
}

#[test]
fn unknown_fields_and_comments_are_named_and_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_file(dir.path());
    let text = fs::read_to_string(&session)
        .unwrap()
        .replacen(
            "    title: \"Review\",\n",
            "    title: \"Review\",\n    // hand-written note\n    colour_scheme: \"dark\",\n",
            1,
        )
        .replacen(
            "            label: \"B\",\n",
            "            label: \"B\",\n            mood: Hopeful,\n",
            1,
        );
    fs::write(&session, &text).unwrap();
    let before = snapshot(dir.path());

    stocktake()
        .arg("check")
        .arg(&session)
        .assert()
        .success()
        .stderr(predicate::str::contains("colour_scheme, recommendations[1].mood, comment at line 4"));
    stocktake()
        .arg("set")
        .arg(&session)
        .args(["A", "--grade", "red"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("colour_scheme, recommendations[1].mood, comment at line 4"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(snapshot_but_the_lock(dir.path()), before, "refused without --force: nothing written");

    stocktake()
        .arg("set")
        .arg(&session)
        .args(["A", "--grade", "red", "--force"])
        .assert()
        .success()
        .stderr(predicate::str::contains("dropped colour_scheme"));
    assert_eq!(fs::read_to_string(store::backup_path(&session)).unwrap(), text, "the old file is the backup");
    assert!(store::load(&session).unwrap().unknown.is_empty());
}

#[test]
fn terminal_escapes_in_a_session_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::new("Title\x1b]0;pwned\x07\x1b[2J", jiff::Timestamp::UNIX_EPOCH);
    s.recommendations.push(Recommendation::new("r1", "A\x1b[31m", "Do it."));
    s.recommendations.push(Recommendation::new("r2", "A\x1b[31m", "Do it again."));
    s.cycles.clear();
    let session = dir.path().join("evil\x1b[1m.ron");
    store::save(&s, &session, &Default::default()).unwrap();

    let check = stocktake().arg("check").arg(&session).assert().code(1).get_output().clone();
    let set = stocktake().arg("set").arg(&session).args(["A\x1b[31m", "--grade", "red"]).assert().code(1);
    let summary = stocktake().arg("summary").arg(&session).assert().success().get_output().clone();
    for out in [&check, set.get_output(), &summary] {
        let all = [out.stdout.clone(), out.stderr.clone()].concat();
        assert!(!all.contains(&0x1b) && !all.contains(&0x07), "raw control characters: {all:?}");
    }
    let check_out = String::from_utf8_lossy(&check.stdout).into_owned();
    assert!(check_out.contains("]0;pwned"), "the title is shown, made harmless: {check_out}");
    assert!(
        check_out.contains("problem: current_cycle \"c1\" is not one of the session's cycles"),
        "{check_out}"
    );
    assert!(
        stderr_of(set.get_output()).contains("2 recommendations are labelled"),
        "{}",
        stderr_of(set.get_output())
    );
}

#[test]
fn a_file_that_is_not_a_session_is_named_but_not_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let shadow = dir.path().join("shadow");
    fs::write(&shadow, "root:$6$s3cr3tHash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n").unwrap();
    let out = stocktake()
        .arg("check")
        .arg(&shadow)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("shadow:1:1: not a Stocktake session"))
        .get_output()
        .clone();
    let err = stderr_of(&out);
    assert!(!err.contains("root") && !err.contains("s3cr3t") && !err.contains("daemon"), "{err}");

    // A file that starts like a session but holds secrets further in: the values are not quoted.
    fs::write(&shadow, "(format_version: 1, title: 7, reviewer: \"s3cr3t\")").unwrap();
    let out = stocktake().arg("check").arg(&shadow).assert().code(1).get_output().clone();
    assert!(!stderr_of(&out).contains("s3cr3t"), "{}", stderr_of(&out));
}

#[test]
fn an_io_error_is_printed_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = stocktake().arg("check").arg(dir.path()).assert().code(1).get_output().clone();
    let err = stderr_of(&out);
    assert_eq!(err.matches("is a directory").count(), 1, "{err}");
    let missing = dir.path().join("missing.ron");
    let out = stocktake()
        .arg("set")
        .arg(&missing)
        .args(["A", "--grade", "red"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = stderr_of(&out);
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
    assert!(err.contains("missing.ron"), "{err}");
}

#[test]
fn an_unknown_command_is_a_usage_error_not_a_file_to_open() {
    stocktake()
        .args(["texts", "report.pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown command 'texts'"));
}

#[test]
fn an_ambiguous_label_is_refused_listing_the_ids_and_an_id_picks_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::new("Review", jiff::Timestamp::UNIX_EPOCH);
    for (id, part) in [("r1", "Part 1"), ("r2", "Part 2")] {
        let mut r = Recommendation::new(id, "1", "Do it.");
        r.section = Some(part.into());
        s.recommendations.push(r);
    }
    let session = dir.path().join("review.ron");
    store::save(&s, &session, &Default::default()).unwrap();
    let before = fs::read(&session).unwrap();
    stocktake()
        .arg("set")
        .arg(&session)
        .args(["1", "--grade", "red"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "2 recommendations are labelled \"1\": r1 (label \"1\" in \"Part 1\"), r2 (label \"1\" in \"Part 2\"); say which with --id",
        ));
    assert_eq!(fs::read(&session).unwrap(), before);
    stocktake().arg("set").arg(&session).args(["--id", "r2", "--grade", "red"]).assert().success();
    let saved = store::load(&session).unwrap().session;
    assert_eq!(saved.recommendations[1].grade_in("c1"), stocktake::model::Grade::Red);
    assert_eq!(saved.recommendations[0].grade_in("c1"), stocktake::model::Grade::NotAssessed);
}

#[test]
fn bad_values_are_usage_errors_listing_the_allowed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_file(dir.path());
    stocktake().arg("set").arg(&session).args(["A", "--stance", "maybe"]).assert().code(2).stderr(
        predicate::str::contains("use one of Agreed, PartiallyAgreed, Noted, Disagreed, NotAnswered"),
    );
}

#[test]
fn check_names_inconsistencies_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::new("Review", jiff::Timestamp::UNIX_EPOCH);
    s.recommendations.push(Recommendation::new("r1", "A", "Do it."));
    s.recommendations.push(Recommendation::new("r1", "B", "Do it."));
    let session = dir.path().join("review.ron");
    store::save(&s, &session, &Default::default()).unwrap();
    stocktake()
        .arg("check")
        .arg(&session)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "problem: duplicate recommendation id \"r1\" (used by 2 recommendations)",
        ))
        .stderr(predicate::str::contains("1 problem found"));
    // Editing a duplicated id would land on whichever came first: refused.
    stocktake()
        .arg("set")
        .arg(&session)
        .args(["B", "--grade", "red"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("2 recommendations have the id \"r1\""));
}

#[test]
fn a_set_waits_for_the_lock_and_says_so_when_it_gives_up() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_file(dir.path());
    let before = fs::read(&session).unwrap();
    let lock = store::SessionLock::try_acquire(&session).unwrap().expect("free");
    stocktake()
        .arg("set")
        .arg(&session)
        .args(["A", "--grade", "red", "--wait", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is open for writing in another Stocktake"));
    assert_eq!(fs::read(&session).unwrap(), before);
    drop(lock);
    stocktake().arg("set").arg(&session).args(["A", "--grade", "red", "--wait", "1"]).assert().success();
}

#[test]
fn stale_temporaries_of_a_killed_save_are_removed_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_file(dir.path());
    let stale = dir.path().join(".review.ron.Xy12Zq.tmp");
    fs::write(&stale, "(format_version: 1, tit").unwrap();
    stocktake().arg("set").arg(&session).args(["A", "--grade", "red"]).assert().success();
    assert!(!stale.exists());
}

#[test]
fn mode_owner_and_group_of_the_session_are_kept() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let session = session_file(dir.path());
    assert_eq!(fs::metadata(&session).unwrap().mode() & 0o777, 0o600, "new sessions are owner-only");
    fs::set_permissions(&session, fs::Permissions::from_mode(0o640)).unwrap();
    let is_root = fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false);
    if is_root {
        std::os::unix::fs::chown(&session, Some(4321), Some(4322)).unwrap();
    } else {
        eprintln!("not root: the owner-and-group half of this test is skipped");
    }
    stocktake().arg("set").arg(&session).args(["A", "--grade", "red"]).assert().success();
    let meta = fs::metadata(&session).unwrap();
    assert_eq!(meta.mode() & 0o777, 0o640);
    if is_root {
        assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
    }
}
