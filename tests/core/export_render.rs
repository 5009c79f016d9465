//! Exports checked by the programs people open them with: LibreOffice reads the XLSX tracker
//! to the same values as the CSV export, and Chromium prints the HTML report to a PDF whose
//! text holds the summary sentence. Each test skips, saying so, when the program is absent.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use stocktake::intake::tracker;
use stocktake::model::{Grade, Session, Stance};
use stocktake::report::{self, ExportFormat, Figures, ReportInput};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/trackers").join(name)
}

/// True when `program` runs (`version_flag` is how it prints its version and exits 0).
fn installed(program: &str, version_flag: &str) -> bool {
    Command::new(program)
        .arg(version_flag)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Run a command, killing it if it takes longer than `limit`; true when it succeeded.
fn run(cmd: &mut Command, limit: Duration) -> bool {
    let Ok(mut child) = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn() else { return false };
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if start.elapsed() < limit => std::thread::sleep(Duration::from_millis(100)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

/// The fixture tracker as a session, with a stance, notes and narratives that need quoting.
fn session() -> Session {
    let rows = tracker::read_tracker(
        &fixture("oir_tracker.csv"),
        &Session::new("", jiff::Timestamp::UNIX_EPOCH),
        |_| {},
    )
    .unwrap();
    let as_of = jiff::civil::Date::new(2019, 1, 24).ok();
    let mut s = tracker::session_from_tracker(
        &rows,
        "OIR stock-take",
        "January 2019",
        as_of,
        jiff::Timestamp::UNIX_EPOCH,
    )
    .unwrap();
    s.reviewer = "D. Anderson".into();
    s.recommendations[0].stance = Some(Stance::Agreed);
    s.recommendations[0].notes = "Seen the hub; \"live\" since December.\nSecond line, with a comma.".into();
    s.recommendations[2].notes = "Ünïcödé – naïve café".into();
    s.recommendations[3].grades.insert(s.current_cycle.clone(), Grade::NotAssessed);
    s
}

fn today() -> jiff::civil::Date {
    jiff::civil::Date::new(2019, 2, 1).unwrap()
}

fn records(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(path).unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(|c| c.replace("\r\n", "\n")).collect::<Vec<_>>())
        .map(|mut row: Vec<String>| {
            while row.last().is_some_and(String::is_empty) {
                row.pop();
            }
            row
        })
        .collect()
}

#[test]
fn the_xlsx_tracker_opened_by_libreoffice_holds_the_csv_trackers_values() {
    if !installed("soffice", "--version") {
        println!("skipped: LibreOffice (soffice) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let s = session();
    let input = ReportInput::new(&s, today());
    let (csv, xlsx) = (dir.path().join("tracker.csv"), dir.path().join("tracker.xlsx"));
    report::export(&input, ExportFormat::Csv, &csv).unwrap();
    report::export(&input, ExportFormat::Xlsx, &xlsx).unwrap();
    let out = dir.path().join("lo");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let converted = run(
        Command::new("soffice")
            .args([
                "--headless",
                "--norestore",
                &profile,
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1",
                "--outdir",
            ])
            .arg(&out)
            .arg(&xlsx),
        Duration::from_secs(180),
    );
    assert!(converted, "LibreOffice could not convert {}", xlsx.display());
    let ours = records(&csv);
    let theirs = records(&out.join("tracker.csv"));
    assert_eq!(ours.len(), 9, "header and eight recommendations");
    assert_eq!(ours, theirs, "LibreOffice reads the XLSX to the CSV's values");
}

#[test]
fn the_html_report_prints_to_a_pdf_that_holds_the_sentence() {
    let chromium = ["chromium", "chromium-browser"].into_iter().find(|c| installed(c, "--version"));
    let (Some(chromium), true) = (chromium, installed("pdftotext", "-v")) else {
        println!("skipped: Chromium or pdftotext (poppler-utils) is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let s = session();
    let input = ReportInput::new(&s, today());
    let html = dir.path().join("report.html");
    let pdf = dir.path().join("report.pdf");
    report::export(&input, ExportFormat::Html, &html).unwrap();
    let printed = run(
        Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
            ])
            .arg(format!("--user-data-dir={}", dir.path().join("chromium").display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg("--no-pdf-header-footer")
            .arg(format!("file://{}", html.display())),
        Duration::from_secs(180),
    );
    assert!(printed && pdf.exists(), "Chromium could not print {}", html.display());
    if let Ok(keep) = std::env::var("STOCKTAKE_KEEP_PDF") {
        let _ = std::fs::copy(&pdf, keep);
    }
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = words(&String::from_utf8_lossy(&text.stdout));
    let sentence = words(&report::sentence(&s, &Figures::of(&s, &s.current_cycle, today())));
    assert!(sentence.starts_with("As of 24 January 2019, 50% of the 8 recommendations"), "{sentence}");
    assert!(text.contains(&sentence), "the PDF's text holds the sentence {sentence:?}:\n{text}");
    for part in ["OIR stock-take", "Reviewer: D. Anderson", "5.6", "Ünïcödé – naïve café"] {
        assert!(text.contains(part), "{part:?} in the PDF");
    }
}
