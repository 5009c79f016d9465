//! Offline by construction: `new`, `set` and `check` run under `strace -f -e trace=network`
//! and create no socket (skipped, with a message, where strace is not installed).
#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::Command;

fn strace_available() -> bool {
    Command::new("strace").arg("-V").output().is_ok_and(|o| o.status.success())
}

/// Run `stocktake ARGS` under strace; returns the network system calls it made.
fn network_calls(args: &[&std::ffi::OsStr]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("strace.log");
    let status = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=network", "-e", "signal=none", "-o"])
        .arg(&log)
        .arg(assert_cmd::cargo::cargo_bin("stocktake"))
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "stocktake {args:?} failed under strace");
    let text = std::fs::read_to_string(&log).unwrap();
    text.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect()
}

#[test]
fn new_set_and_check_open_no_socket() {
    if !strace_available() {
        eprintln!("strace is not installed: skipping the no-network test (CI installs it)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("response.md");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-data/isc-international-partnerships-government-response.md"),
        &doc,
    )
    .unwrap();
    let session = dir.path().join("review.ron");
    let runs: [Vec<&std::ffi::OsStr>; 3] = [
        vec!["new".as_ref(), "--doc".as_ref(), doc.as_os_str(), "-o".as_ref(), session.as_os_str()],
        vec!["set".as_ref(), session.as_os_str(), "B".as_ref(), "--grade".as_ref(), "amber".as_ref()],
        vec!["check".as_ref(), session.as_os_str()],
    ];
    for args in runs {
        let calls = network_calls(&args);
        assert!(calls.is_empty(), "stocktake {args:?} made network calls: {calls:#?}");
    }
}
