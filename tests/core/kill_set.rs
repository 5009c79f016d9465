//! `stocktake set` killed with SIGKILL at random moments, 200 times, on a session of 1,000
//! recommendations and 10,000 annotations: after every kill the session loads and is the
//! state before or after that edit, the backup is a whole earlier version, and a successful
//! save leaves no temporary file behind (it removes what killed saves left).
#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;
use stocktake::model::{Anchor, Annotation, Document, DocumentRole, Recommendation, Session, TextQuote};
use stocktake::store;

const KILLS: usize = 200;

fn large_session() -> Session {
    let t = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    let mut s = Session::new("Large review", t);
    s.documents.push(Document {
        id: "doc1".into(),
        title: "Report".into(),
        role: DocumentRole::Report,
        path: "report.md".into(),
        sha256: "0".repeat(64),
        length: 3_000_000,
        embedded_text: None,
    });
    let anchor = |start: usize| Anchor {
        document: "doc1".into(),
        start,
        end: start + 40,
        quote: TextQuote {
            exact: format!("passage at {start}"),
            prefix: "before ".into(),
            suffix: " after".into(),
        },
    };
    for i in 1..=1_000 {
        let mut r =
            Recommendation::new(format!("r{i}"), format!("{i}"), format!("Recommendation number {i}."));
        r.source = Some(anchor(i * 2_900));
        s.recommendations.push(r);
    }
    for i in 1..=10_000 {
        s.annotations.push(Annotation {
            id: format!("a{i}"),
            anchor: anchor(i * 290),
            note: format!("note {i}"),
            colour: "#f2c94c".into(),
            tag: None,
            recommendations: vec![format!("r{}", (i - 1) / 10 + 1)],
            author: String::new(),
            created: t,
            modified: t,
        });
    }
    s
}

/// A small deterministic generator (xorshift64*), seeded from the clock; the seed is printed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// True when `now` is `before` with recommendation `index`'s notes set to `note` (and the
/// modified time moved): the edit, whole.
fn is_the_edit(before: &Session, now: &Session, index: usize, note: &str) -> bool {
    let mut expected = before.clone();
    expected.recommendations[index].notes = note.to_owned();
    expected.modified = now.modified;
    &expected == now
}

/// Tallies of one worker's runs.
#[derive(Default)]
struct Tally {
    killed: usize,
    completed: usize,
    landed: usize,
}

/// `kills` runs of `set` on a session of its own in `dir`, each killed at a random moment
/// (or left to finish), checking the files after each.
fn kill_runs(dir: &Path, kills: usize, seed: u64) -> Tally {
    let path = dir.join("review.ron");
    store::save(&large_session(), &path, &Default::default()).unwrap();
    // A private copy: the build folder may be shared, and the test runs for a while.
    let bin = dir.join("stocktake");
    fs::copy(assert_cmd::cargo::cargo_bin("stocktake"), &bin).unwrap();
    let set = |rec: usize, note: &str| {
        let mut cmd = Command::new(&bin);
        cmd.arg("set").arg(&path).args(["--id", &format!("r{}", rec + 1), "--note", note]);
        cmd.stdout(Stdio::null()).stderr(Stdio::piped());
        cmd
    };

    let first_version = fs::read(&path).unwrap();
    // How long one uninterrupted `set` takes: kills are spread over that time.
    let t = Instant::now();
    let warm_up = set(0, "warm-up").output().unwrap();
    assert!(warm_up.status.success(), "{}", String::from_utf8_lossy(&warm_up.stderr));
    let full = t.elapsed();
    eprintln!("seed {seed}: one set takes {full:?}");

    let mut rng = Rng(seed);
    let mut tally = Tally::default();
    let mut before = store::load(&path).unwrap().session;
    let mut before_bytes = fs::read(&path).unwrap();
    // Every whole version the session has had: the backup must always be one of them.
    let mut versions = vec![first_version, before_bytes.clone()];
    let backup = store::backup_path(&path);
    // Kills are spread over the time one run takes, re-estimated as runs go (the machine may
    // be busy): shorter when a run finished before its kill, longer when it did not.
    let mut span = full;
    for i in 0..kills {
        let rec = rng.below(1_000) as usize;
        let note = format!("kill {i}");
        let mut child = set(rec, &note).spawn().unwrap();
        std::thread::sleep(span.mul_f64(rng.below(1_000) as f64 / 1_000.0));
        match child.try_wait().unwrap() {
            Some(status) => {
                let err = child.wait_with_output().map(|o| String::from_utf8_lossy(&o.stderr).into_owned());
                assert!(status.success(), "set failed on its own (seed {seed}, run {i}): {err:?}");
                tally.completed += 1;
                assert_eq!(
                    temporaries(dir),
                    Vec::<String>::new(),
                    "after a successful save (seed {seed}, run {i})"
                );
                span = span.mul_f64(0.9);
            }
            None => {
                child.kill().unwrap();
                child.wait().unwrap();
                tally.killed += 1;
                span = span.mul_f64(1.02);
            }
        }

        let bytes = fs::read(&path).unwrap();
        if bytes != before_bytes {
            let now = store::load(&path)
                .unwrap_or_else(|e| panic!("run {i} (seed {seed}): the session does not load: {e}"))
                .session;
            assert!(
                is_the_edit(&before, &now, rec, &note),
                "run {i} (seed {seed}): neither before nor after"
            );
            tally.landed += 1;
            before = now;
            before_bytes = bytes;
            versions.push(before_bytes.clone());
        }
        if let Ok(backup_bytes) = fs::read(&backup) {
            assert!(
                versions.contains(&backup_bytes),
                "run {i} (seed {seed}): the backup is not a whole earlier version"
            );
        }
    }
    eprintln!("seed {seed}: {} killed, {} completed, {} landed", tally.killed, tally.completed, tally.landed);

    // The next successful save removes whatever the killed ones left.
    assert!(set(1, "final").status().unwrap().success());
    assert_eq!(temporaries(dir), Vec::<String>::new(), "seed {seed}");
    assert_eq!(store::load(&path).unwrap().session.recommendations[1].notes, "final");
    tally
}

#[test]
fn set_killed_at_random_moments_never_loses_or_corrupts_the_session() {
    // Four sessions side by side (each `set` spends much of its time in fsync).
    const WORKERS: usize = 4;
    let base = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let dirs: Vec<_> = (0..WORKERS).map(|_| tempfile::tempdir().unwrap()).collect();
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let workers: Vec<_> = dirs
            .iter()
            .enumerate()
            .map(|(w, dir)| {
                let seed = (base ^ (w as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1;
                scope.spawn(move || kill_runs(dir.path(), KILLS / WORKERS, seed))
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let killed: usize = tallies.iter().map(|t| t.killed).sum();
    let completed: usize = tallies.iter().map(|t| t.completed).sum();
    let landed: usize = tallies.iter().map(|t| t.landed).sum();
    eprintln!("{killed} killed, {completed} completed, {landed} edits landed");
    assert!(killed >= KILLS / 2, "most runs must be killed mid-way ({killed} of {KILLS})");
}
