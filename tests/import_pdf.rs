//! PDF import on the real corpus (`../shared/corpus/pdf`, skipped when absent) and on small
//! fixtures made with LibreOffice (`tests/fixtures/pdf`): pages, furniture, paragraphs,
//! reading order, list items, styles, and the errors for scanned, encrypted and damaged files.

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use stocktake::document::{self, BlockKind, DocumentError, InlineStyle, SourceText};

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdf");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: {} is absent (a clone without the shared corpus)", dir.display());
        None
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf").join(name)
}

/// Every corpus file: its page count, furniture that must be gone, and a paragraph (or
/// sentence) that must be present exactly once, as printed on the page.
const CORPUS: &[(&str, usize, &[&str], &str)] = &[
    (
        "ATSB_a_2002_646",
        22,
        &["ATTACHMENT 1 – BO/200200646"],
        "C-Scan inspection for fan blades was introduced from April 1997",
    ),
    (
        "ATSB_a_2007_030",
        29,
        &["\n- 14 -", "- 14 -\n"],
        "Following the occurrence, an Australian Transport Safety Bureau (ATSB) investigator, along with representatives from the aircraft operator, the engine manufacturer (Honeywell)",
    ),
    (
        "ATSB_r_2021_010",
        25,
        &["› 17 ‹", "ATSB – RO-2021-010"],
        "On 17 September 2021, intermodal freight train 8796, operated by Aurizon, was en route from the Stuart terminal (near Townsville) to Brisbane, Queensland.",
    ),
    (
        "TAIC_a_2019_006",
        72,
        &["Final Report AO-2019-006 | Page", "| Final Report AO-2019-006"],
        "The Commission may appoint an appropriately qualified assessor under section 5A of the Transport Accident and Investigation Commission Act 1990",
    ),
    (
        "TAIC_r_2004_121",
        24,
        &["Report 04-121 Page 12", "Report 04-121 Page iii"],
        "On Friday 24 August 2004 Train 4228 was a locomotive-hauled empty passenger carriage service being repositioned to Britomart Station in Auckland",
    ),
    (
        "TAIC_r_2014_103",
        52,
        &["Page 24 | Final report"],
        "The Commission required that repairs were restricted to allow the brake operation to be tested safely",
    ),
    (
        "TSB_a_2011_F0012",
        20,
        &["-3-", "- 3 -"],
        "SLOP is recommended to reduce the exposure to turbulence from aircraft on the same track and to increase safety margins should another aircraft deviate from its assigned altitude.",
    ),
    (
        "TSB_a_2022_O0118",
        5,
        &["TRANSPORTATION SAFETY BOARD OF CANADA ■"],
        "CTN7 is private aerodrome at an elevation of 520 feet above sea level (ASL).",
    ),
    (
        "TSB_m_2021_A0041",
        56,
        &["TRANSPORTATION SAFETY BOARD OF CANADA ■"],
        "the Board is concerned that there is insufficient crew knowledge of the necessary pre- and post-release stages in the use of CO2 fixed fire suppression systems.",
    ),
];

fn load_corpus(dir: &Path, name: &str) -> SourceText {
    let path = dir.join(format!("{name}.pdf"));
    document::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn corpus_pages_furniture_and_known_paragraphs() {
    let Some(dir) = corpus_dir() else { return };
    for &(name, pages, furniture, paragraph) in CORPUS {
        let doc = load_corpus(&dir, name);
        assert_eq!(doc.pages.len(), pages, "{name}: page count");
        let numbers: Vec<u32> = doc.pages.iter().map(|p| p.number).collect();
        assert_eq!(numbers, (1..=pages as u32).collect::<Vec<_>>(), "{name}: every page has a start");
        assert!(doc.pages.windows(2).all(|w| w[0].start <= w[1].start), "{name}: page starts in order");
        for f in furniture {
            assert!(!doc.text.contains(f), "{name}: furniture {f:?} is still in the text");
        }
        assert_eq!(doc.text.matches(paragraph).count(), 1, "{name}: {paragraph:?} present exactly once");
        assert!(!doc.text.contains("  "), "{name}: doubled space");
        assert!(
            !doc.text.contains('\u{F0B7}') && !doc.text.contains('\u{FB01}'),
            "{name}: PUA or ligature left"
        );
    }
}

#[test]
fn corpus_every_block_knows_its_page() {
    let Some(dir) = corpus_dir() else { return };
    for &(name, pages, _, _) in CORPUS {
        let doc = load_corpus(&dir, name);
        assert!(doc.blocks.len() > 50, "{name}: only {} blocks", doc.blocks.len());
        let mut last = 0;
        for b in &doc.blocks {
            let page = b.page.unwrap_or_else(|| panic!("{name}: block at {} has no page", b.start));
            assert!(page >= 1 && page as usize <= pages, "{name}: page {page}");
            assert!(page >= last, "{name}: pages go backwards at {}", b.start);
            assert_eq!(doc.page_at(b.start), Some(page), "{name}: block page agrees with page starts");
            last = page;
        }
    }
}

#[test]
fn sidebar_is_not_interleaved_with_the_body() {
    let Some(dir) = corpus_dir() else { return };
    let doc = load_corpus(&dir, "TSB_a_2011_F0012");
    // The body column beside the "Controlled Rest" box, and the box itself, read whole.
    for sentence in [
        "At 0040, the first officer (FO) expressed the need for a rest. The captain agreed and the FO commenced a controlled rest. The in-charge flight attendant (IC) was not advised.",
        "Shortly after the start of the controlled rest, the captain increased the lighting on the flight deck to review aircraft manuals in preparation for upcoming training.",
        "describes controlled rest as an operational fatigue countermeasure that improves on-the-job performance and alertness when compared to non-countermeasure conditions.",
        "Controlled rest uses strategic napping on the flight deck to improve crew alertness during critical phases of flight.",
    ] {
        assert_eq!(doc.text.matches(sentence).count(), 1, "{sentence:?}");
    }
    // The body runs on to the next page; the box comes after the body beside it.
    let body = doc.text.find("remain seated with their seatbelts secured.").expect("body");
    let sidebar = doc.text.find("Controlled rest uses strategic napping").expect("sidebar");
    let next_page = doc.text.find("In response to the seatbelt sign being turned on").expect("next page");
    assert!(body < sidebar && sidebar < next_page, "{body} {sidebar} {next_page}");
    // Footnotes at the page foot, each with its number, are footnotes.
    let footnote = doc
        .blocks
        .iter()
        .find(|b| doc.slice(b.start, b.end).starts_with("1 All times Eastern Standard Time"))
        .expect("footnote 1");
    assert_eq!((footnote.kind, footnote.page), (BlockKind::Footnote, Some(3)));
}

#[test]
fn numbered_recommendations_are_list_items_with_their_numbers() {
    let Some(dir) = corpus_dir() else { return };
    let doc = load_corpus(&dir, "TAIC_a_2019_006");
    let items: Vec<(&str, u8, &str)> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::ListItem)
        .filter_map(|b| Some((b.number.as_deref()?, b.depth, doc.slice(b.start, b.end))))
        .collect();
    for n in ["6.3.1", "6.3.2", "6.3.3", "6.3.4", "6.3.5"] {
        let (_, depth, text) =
            items.iter().find(|(num, _, _)| *num == n).unwrap_or_else(|| panic!("{n} missing"));
        assert!(text.starts_with(n), "{text}");
        assert!(*depth >= 1, "{n} is nested under 6.3.");
    }
    let first = items.iter().find(|(n, _, _)| *n == "6.3.1").map(|t| t.2).unwrap_or_default();
    assert!(first.ends_with("(012/22)"), "6.3.1 is one paragraph: {first}");
    let sub: Vec<&str> = items.iter().filter(|(_, d, _)| *d >= 2).map(|t| t.0).collect();
    assert!(sub.starts_with(&["a.", "b.", "c."]), "{sub:?}");
}

#[test]
fn fixture_structure_styles_and_pages() {
    let doc = document::load(&fixture("sample.pdf")).expect("sample.pdf");
    let kinds: Vec<(BlockKind, &str)> =
        doc.blocks.iter().map(|b| (b.kind, doc.slice(b.start, b.end))).collect();
    assert_eq!(kinds[0], (BlockKind::Heading { level: 1 }, "Sample Review Report"));
    assert_eq!(kinds[2], (BlockKind::Heading { level: 2 }, "Recommendations"));
    let paragraph = kinds[1].1;
    assert!(
        paragraph.starts_with("This report was written") && paragraph.ends_with("every day of the week.")
    );
    assert!(!paragraph.contains('\n'), "lines joined into one paragraph");
    let list: Vec<(Option<&str>, &str)> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::ListItem)
        .map(|b| (b.number.as_deref(), doc.slice(b.content_start, b.end)))
        .collect();
    assert_eq!(
        list,
        [
            (Some("1."), "1. The department should publish its annual maintenance plan."),
            (Some("2."), "2. The regulator should review the fitness criteria for pilots."),
            (None, "First bullet point about safety."),
            (None, "Second bullet point about training."),
        ]
    );
    let styled = |style| {
        doc.styles.iter().filter(|r| r.style == style).map(|r| doc.slice(r.start, r.end)).collect::<Vec<_>>()
    };
    assert!(styled(InlineStyle::Bold).contains(&"bold words"), "{:?}", styled(InlineStyle::Bold));
    assert!(styled(InlineStyle::Italic).contains(&"italic words"), "{:?}", styled(InlineStyle::Italic));
    assert_eq!(doc.pages.len(), 2);
    let second = doc.text.find("Second Page").expect("second page heading");
    assert_eq!(doc.page_at(doc.text[..second].chars().count()), Some(2));
    assert_eq!(doc.blocks.last().and_then(|b| b.page), Some(2));
}

fn error_of(path: &Path) -> String {
    match document::load(path) {
        Ok(doc) => panic!("{}: imported {} blocks, expected an error", path.display(), doc.blocks.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn scanned_pdf_says_to_run_ocr() {
    let path = fixture("scanned.pdf");
    let message = error_of(&path);
    assert!(matches!(document::load(&path), Err(DocumentError::PdfNoText { .. })));
    assert!(
        message.contains("scanned.pdf") && message.contains("no text layer") && message.contains("OCR"),
        "{message}"
    );
}

#[test]
fn encrypted_pdf_says_it_needs_a_password() {
    let path = fixture("encrypted.pdf");
    let message = error_of(&path);
    assert!(matches!(document::load(&path), Err(DocumentError::PdfEncrypted { .. })));
    assert!(message.contains("encrypted.pdf") && message.contains("password"), "{message}");
}

#[test]
fn damaged_pdfs_are_named_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Ok(bytes) = std::fs::read(fixture("sample.pdf")) else { panic!("sample.pdf") };
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated.pdf", bytes[..bytes.len() / 3].to_vec()),
        ("header-only.pdf", b"%PDF-1.7\n".to_vec()),
        ("garbage.pdf", (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect()),
        ("empty.pdf", Vec::new()),
    ];
    for (name, data) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &data).expect("write");
        let message = error_of(&path);
        assert!(message.contains(name), "{message}");
        assert!(message.contains("PDF"), "{message}");
    }
}

#[test]
fn pdf_bytes_are_recognised_whatever_the_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.txt");
    std::fs::copy(fixture("sample.pdf"), &path).expect("copy");
    let doc = document::load(&path).expect("a PDF named .txt");
    assert!(doc.text.starts_with("Sample Review Report"));
}

/// Import bytes through the public entry point; the result does not matter, only that it
/// returns.
fn import_any(bytes: &[u8]) {
    let _ = document::from_bytes(bytes, Path::new("fuzz.pdf"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(mut bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        import_any(&bytes);
        let mut with_header = b"%PDF-1.4\n".to_vec();
        with_header.append(&mut bytes);
        import_any(&with_header);
    }

    #[test]
    fn mutated_real_pdfs_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..40),
        cut in any::<prop::sample::Index>(),
    ) {
        let Ok(mut bytes) = std::fs::read(fixture("sample.pdf")) else { panic!("sample.pdf") };
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        import_any(&bytes);
        bytes.truncate(cut.index(bytes.len()).max(1));
        import_any(&bytes);
    }
}
