//! Hostile documents (issue 8, item 11): files that are not regular files, files over the
//! size limit, UTF-16, NUL bytes, pathological HTML nesting, and arbitrary bytes in every
//! format. Large inputs are generated here.

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;
use stocktake::document::{self, BlockKind, DocumentError, Format, SourceText};

/// Load `path` on another thread, failing the test if it takes longer than a minute (a
/// FIFO or a device must never block the caller).
fn load_within_a_minute(path: &Path) -> Result<SourceText, DocumentError> {
    let (tx, rx) = mpsc::channel();
    let owned = path.to_owned();
    std::thread::spawn(move || {
        let _ = tx.send(document::load(&owned));
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(result) => result,
        Err(_) => panic!("loading {} did not finish within a minute", path.display()),
    }
}

fn error_message(path: &Path) -> String {
    match load_within_a_minute(path) {
        Ok(_) => panic!("{} loaded, expected an error", path.display()),
        Err(e) => e.to_string(),
    }
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_folders_are_refused_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let m = error_message(&fifo);
        assert!(m.contains("pipe.md") && m.contains("FIFO") && m.contains("only regular files"), "{m}");
    } else {
        eprintln!("mkfifo is not available: FIFO case skipped");
    }
    let m = error_message(Path::new("/dev/zero"));
    assert!(m.contains("/dev/zero") && m.contains("a device"), "{m}");
    let m = error_message(dir.path());
    assert!(m.contains("a folder"), "{m}");
}

#[test]
fn files_over_the_limit_are_refused_naming_the_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).expect("create");
    // Sparse: takes no disk space.
    file.set_len(document::MAX_DOCUMENT_BYTES + 1).expect("set_len");
    let m = error_message(&path);
    assert!(m.contains("huge.txt") && m.contains("larger than the 200 MB limit for documents"), "{m}");
}

#[test]
fn utf16_with_a_bom_is_read_and_nul_bytes_are_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("utf16.md");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("# Über\r\n\r\n- item\r\n".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&path, &bytes).expect("write");
    let doc = load_within_a_minute(&path).expect("UTF-16 loads");
    assert_eq!(doc.text, "# Über\n\n- item\n");
    assert_eq!(doc.blocks[0].kind, BlockKind::Heading { level: 1 });

    let path = dir.path().join("bad16.txt");
    std::fs::write(&path, [0xFF, 0xFE, b'a', 0, 0x00, 0xDC]).expect("write");
    let m = error_message(&path);
    assert!(m.contains("bad16.txt") && m.contains("UTF-16") && m.contains("byte offset 4"), "{m}");

    // A NUL byte long after the first 8 KB is found and located.
    let path = dir.path().join("late-nul.txt");
    let mut text = vec![b'a'; 100_000];
    text[90_001] = 0;
    std::fs::write(&path, &text).expect("write");
    let m = error_message(&path);
    assert!(m.contains("late-nul.txt") && m.contains("NUL byte at byte offset 90001"), "{m}");
}

#[test]
fn pathological_html_nesting_does_not_overflow_or_hang() {
    let cases: Vec<(&str, String)> = vec![
        ("b", format!("{}x", "<b>".repeat(60_000))),
        ("table", format!("{}x", "<table><tr><td>".repeat(30_000))),
        ("div", format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000))),
        (
            "soup",
            (0..150_000)
                .map(|i| ["<p><span>", "<li><b>", "<td><i>", "</div>x", "<table><a>"][i % 5])
                .collect::<String>(),
        ),
    ];
    for (name, page) in cases {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let doc = SourceText::parse(page, Format::Html);
            let _ = tx.send(doc.text.contains('x'));
        });
        // Linear: each case takes well under a second in release; a minute means a hang.
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(found) => assert!(found, "{name}: text lost"),
            Err(_) => panic!("{name}: HTML import did not finish within a minute"),
        }
    }
}

fn fixture_docx() -> Vec<u8> {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx/review.docx");
    std::fs::read(path).expect("docx fixture")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary bytes as every format never panic: they load or give an error.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        for name in ["x.txt", "x.md", "x.html", "x.docx"] {
            let _ = document::from_bytes(&bytes, Path::new(name));
        }
    }

    /// Arbitrary text (markup-heavy) as every text format never panics and keeps the model
    /// consistent: blocks in order inside the text, content starts and cells inside blocks.
    #[test]
    fn arbitrary_markup_gives_a_consistent_model(text in "[-#*_`>|\\[\\]()!<>/a-z0-9 \n.:&;^~\\\\]{0,400}") {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let doc = SourceText::parse(text.clone(), format);
            let len = doc.char_len();
            let mut last = 0;
            for b in &doc.blocks {
                prop_assert!(last <= b.start && b.start <= b.content_start && b.content_start <= b.end && b.end <= len);
                for &(s, e) in b.cells.iter() {
                    prop_assert!(b.start <= s && s <= e && e <= b.end);
                }
                last = b.end;
            }
            for r in &doc.styles {
                prop_assert!(r.start < r.end && r.end <= len);
            }
        }
    }

    /// A real Word document with bytes changed never panics.
    #[test]
    fn mutated_docx_never_panics(changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16)) {
        let mut bytes = fixture_docx();
        for (at, value) in changes {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        let _ = document::from_bytes(&bytes, Path::new("mutated.docx"));
    }
}
