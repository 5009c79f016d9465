//! DOCX import on fixtures written by LibreOffice (`tests/fixtures/docx/*.fodt`, converted
//! with `soffice --headless --convert-to docx`), and on damaged and hostile packages made here.

use std::io::Write;
use std::path::{Path, PathBuf};
use stocktake::document::{self, BlockKind, DocumentError, InlineStyle, SourceText};
use zip::write::SimpleFileOptions;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx").join(name)
}

fn load(name: &str) -> SourceText {
    match document::load(&fixture(name)) {
        Ok(doc) => doc,
        Err(e) => panic!("{e}"),
    }
}

/// (kind, depth, number, text after the marker) of every block.
fn summary(doc: &SourceText) -> Vec<(BlockKind, u8, Option<String>, String)> {
    doc.blocks
        .iter()
        .map(|b| {
            (
                b.kind,
                b.depth,
                b.number.as_deref().map(str::to_owned),
                doc.slice(b.content_start, b.end).to_owned(),
            )
        })
        .collect()
}

fn runs(doc: &SourceText, style: InlineStyle) -> Vec<&str> {
    doc.style_ranges(style).iter().map(|&(s, e)| doc.slice(s, e)).collect()
}

fn row(
    kind: BlockKind,
    depth: u8,
    number: Option<&str>,
    text: &str,
) -> (BlockKind, u8, Option<String>, String) {
    (kind, depth, number.map(str::to_owned), text.to_owned())
}

#[test]
fn headings_numbers_tables_styles_and_footnotes() {
    let doc = load("review.docx");
    use BlockKind::*;
    let expected = vec![
        row(Heading { level: 1 }, 0, None, "Review of the Widget Safety Report"),
        row(Heading { level: 1 }, 0, None, "Summary"),
        row(Paragraph, 0, None, "The panel makes five recommendations, set out below, and one urgent note.¹"),
        row(Heading { level: 2 }, 0, None, "Recommendations"),
        row(
            ListItem,
            0,
            Some("Recommendation 1:"),
            "Recommendation 1: The Ministry should publish a safety plan.",
        ),
        row(ListItem, 1, Some("(a)"), "(a) within six months; and"),
        row(ListItem, 1, Some("(b)"), "(b) with annual progress reports."),
        row(
            ListItem,
            0,
            Some("Recommendation 2:"),
            "Recommendation 2: The regulator should inspect every site.",
        ),
        row(Paragraph, 0, None, "The panel also notes the following."),
        // The list continues after an interruption.
        row(ListItem, 0, Some("Recommendation 3:"), "Recommendation 3: Operators should train staff²."),
        row(Heading { level: 2 }, 0, None, "Findings"),
        row(ListItem, 0, Some("i."), "i. First finding."),
        row(ListItem, 0, Some("ii."), "ii. Second finding."),
        row(ListItem, 0, Some("iii."), "iii. Third finding."),
        row(ListItem, 0, Some("iv."), "iv. Fourth finding."),
        // A start value (an override of the list instance), then the same list continued.
        row(ListItem, 0, Some("C."), "C. Lettered from C."),
        row(ListItem, 0, Some("D."), "D. Then D."),
        row(ListItem, 0, Some("1."), "1. Section one."),
        row(ListItem, 1, Some("1.1."), "1.1. Point one one."),
        row(ListItem, 0, Some("2."), "2. Section two."),
        // A new list restarts.
        row(ListItem, 0, Some("1."), "1. Restarted at one."),
        row(ListItem, 0, None, "A bullet."),
        row(ListItem, 1, None, "A nested bullet."),
        row(Quote, 0, None, "A quoted passage from the response."),
        row(TableRow, 0, None, "Rec | Owner | Status |"),
        row(TableRow, 0, None, "1 | Ministry | Green on track |"),
        row(Paragraph, 0, None, "Closing paragraph with strong emphasis."),
        row(Footnote, 0, Some("1"), "The panel met in March 2024."),
        row(Footnote, 0, Some("2"), "Training as defined in the Act."),
    ];
    assert_eq!(summary(&doc), expected);
    // The rendered numbers are in the text, where reviewers see them.
    assert!(doc.text.contains("Recommendation 3: Operators should train staff"));
    let cells: Vec<&str> = doc.blocks[25].cells.iter().map(|&(s, e)| doc.slice(s, e)).collect();
    assert_eq!(cells, vec!["1", "Ministry", "Green on track"]);
    let bold = runs(&doc, InlineStyle::Bold);
    for expected in ["five recommendations", "urgent", "Rec", "Owner", "strong emphasis"] {
        assert!(bold.contains(&expected), "{expected} not bold in {bold:?}");
    }
    assert_eq!(runs(&doc, InlineStyle::Italic), vec!["below", "urgent"]);
    // Bullets and row pipes are markup the reader hides.
    assert!(runs(&doc, InlineStyle::Markup).contains(&"• "));
}

#[test]
fn outline_numbered_headings_multilevel_numbers_nested_tables_and_endnotes() {
    let doc = load("numbered.docx");
    use BlockKind::*;
    let expected = vec![
        row(Heading { level: 1 }, 0, None, "1 Introduction"),
        row(Heading { level: 2 }, 0, None, "1.1 Background"),
        row(Paragraph, 0, None, "First line\nsecond line after a tab, and a link.¹"),
        row(Heading { level: 1 }, 0, None, "2 Findings"),
        row(ListItem, 0, Some("1."), "1. Top paragraph."),
        row(ListItem, 1, Some("1.1"), "1.1 First sub-paragraph."),
        row(ListItem, 1, Some("1.2"), "1.2 Second sub-paragraph."),
        row(TableRow, 0, None, "Outer A | inner 1 inner 2 |"),
        row(Footnote, 0, Some("1"), "An endnote."),
    ];
    assert_eq!(summary(&doc), expected);
}

/// A zip archive of `entries` (name, content), deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in entries {
        let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        w.start_file(*name, options).expect("zip entry");
        w.write_all(content).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

fn load_bytes(dir: &Path, name: &str, bytes: &[u8]) -> Result<SourceText, DocumentError> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    document::load(&path)
}

fn message(result: Result<SourceText, DocumentError>) -> String {
    match result {
        Ok(doc) => panic!("expected an error, got {} blocks", doc.blocks.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn damaged_and_hostile_packages_are_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real = std::fs::read(fixture("review.docx")).expect("fixture");

    let m = message(load_bytes(dir.path(), "truncated.docx", &real[..real.len() / 2]));
    assert!(m.contains("truncated.docx") && m.contains("not a Word document"), "{m}");

    let m = message(load_bytes(dir.path(), "garbage.docx", b"this is not a zip file at all"));
    assert!(m.contains("garbage.docx") && m.contains("not a Word document"), "{m}");

    let m = message(load_bytes(dir.path(), "empty.docx", &zip_of(&[("hello.txt", b"hi")])));
    assert!(m.contains("empty.docx") && m.contains("no document part"), "{m}");

    // A zip bomb: 40 MB of spaces packs into a few kilobytes.
    let spaces = vec![b' '; 40 * 1024 * 1024];
    let m = message(load_bytes(dir.path(), "bomb.docx", &zip_of(&[("word/document.xml", &spaces)])));
    assert!(m.contains("bomb.docx") && m.contains("unpacks to more than"), "{m}");

    let names: Vec<String> = (0..10_001).map(|i| format!("f{i}")).collect();
    let many: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let m = message(load_bytes(dir.path(), "many.docx", &zip_of(&many)));
    assert!(m.contains("many.docx") && m.contains("more than 10000 entries"), "{m}");

    let deep = format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{}</w:body></w:document>",
        "<w:sdt><w:sdtContent>".repeat(600)
    );
    let m = message(load_bytes(dir.path(), "deep.docx", &zip_of(&[("word/document.xml", deep.as_bytes())])));
    assert!(m.contains("deep.docx") && m.contains("nests elements more than"), "{m}");

    let broken = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p></w:body>";
    let m =
        message(load_bytes(dir.path(), "broken.docx", &zip_of(&[("word/document.xml", broken.as_bytes())])));
    assert!(m.contains("broken.docx") && m.contains("not well-formed XML"), "{m}");
}

#[test]
fn a_minimal_package_without_styles_or_numbering_opens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\
        <w:p><w:r><w:t>Plain &amp; simple</w:t></w:r></w:p>\
        <w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"7\"/></w:numPr></w:pPr><w:r><w:t>Unknown list</w:t></w:r></w:p>\
        <w:p><w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:t xml:space=\"preserve\">kept </w:t></w:r></w:p>\
        </w:body></w:document>";
    let doc = match load_bytes(dir.path(), "minimal.docx", &zip_of(&[("word/document.xml", body.as_bytes())]))
    {
        Ok(doc) => doc,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(doc.text, "Plain & simple\n\nUnknown list\n\nkept\n");
}
