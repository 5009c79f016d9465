use super::*;
use crate::document::blocks::InlineStyle;

fn blocks(d: &Draft) -> Vec<(BlockKind, &str)> {
    d.blocks.iter().map(|b| (b.kind, &d.text[b.start..b.end])).collect()
}

fn runs(d: &Draft, style: InlineStyle) -> Vec<&str> {
    d.styles.iter().filter(|r| r.style == style).map(|r| &d.text[r.start..r.end]).collect()
}

#[test]
fn renders_blocks_and_drops_chrome() {
    let r = render(
        "<html><head><title>T</title><style>p{}</style></head><body>\
         <header>Site</header><nav>Menu</nav>\
         <h2>Heading &amp; more</h2><p>Para <em>one</em>\n  wrapped<br>line two</p>\
         <ul><li>first</li><li><p>second</p></li></ul><ol start=\"3\"><li>third</li></ol>\
         <blockquote><p>quoted</p></blockquote>\
         <table><tr><th>A</th><th>B|C</th></tr><tr><td>1</td><td><p>2</p></td></tr></table>\
         <script>var x = 1;</script><footer>Foot</footer></body></html>",
    );
    assert_eq!(
        blocks(&r),
        vec![
            (BlockKind::Heading { level: 2 }, "Heading & more"),
            (BlockKind::Paragraph, "Para one wrapped\nline two"),
            (BlockKind::ListItem, "- first"),
            (BlockKind::ListItem, "- second"),
            (BlockKind::ListItem, "3. third"),
            (BlockKind::Quote, "quoted"),
            (BlockKind::TableRow, "| A | B|C |"),
            (BlockKind::TableRow, "| 1 | 2 |"),
        ]
    );
    assert!(!r.text.contains("Site") && !r.text.contains("Menu") && !r.text.contains("var x"));
    let cells: Vec<Vec<&str>> = r
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::TableRow)
        .map(|b| b.cells.iter().map(|&(s, e)| &r.text[s..e]).collect())
        .collect();
    assert_eq!(cells, vec![vec!["A", "B|C"], vec!["1", "2"]]);
    assert_eq!(runs(&r, InlineStyle::Italic), vec!["one"]);
}

#[test]
fn list_items_have_markers_numbers_and_depth() {
    let r = render("<ol><li>one<ul><li>inner</li></ul>after</li><li value=\"7\">seven</li></ol>");
    let got: Vec<_> = r
        .blocks
        .iter()
        .map(|b| (b.kind, &r.text[b.content_start..b.end], b.depth, b.number.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (BlockKind::ListItem, "1. one", 0, Some("1.")),
            (BlockKind::ListItem, "inner", 1, None),
            (BlockKind::Paragraph, "after", 1, None),
            (BlockKind::ListItem, "7. seven", 0, Some("7.")),
        ]
    );
    assert_eq!(runs(&r, InlineStyle::Markup), vec!["- "]);
}

#[test]
fn records_bold_runs() {
    let r = render(
        "<body><p><strong>Bold text</strong> then plain</p><table><tr><td><b>2</b></td></tr></table></body>",
    );
    assert_eq!(runs(&r, InlineStyle::Bold), vec!["Bold text", "2"]);
}

#[test]
fn main_element_limits_the_content() {
    let r =
        render("<body><div>Chrome</div><main><p>Content</p><header><h1>Title</h1></header></main></body>");
    assert_eq!(
        blocks(&r),
        vec![(BlockKind::Paragraph, "Content"), (BlockKind::Heading { level: 1 }, "Title")]
    );
    // A main inside a form (page-wide forms are common) is still found.
    let r = render("<form><div>Chrome</div><div role=\"main\"><p>Inside</p></div></form><p>After</p>");
    assert_eq!(blocks(&r), vec![(BlockKind::Paragraph, "Inside")]);
}

#[test]
fn footnote_sections_are_footnotes() {
    let r = render(
        "<p>Text<sup>1</sup></p><section class=\"footnotes\" role=\"doc-endnotes\"><ol>\
         <li id=\"fn1\"><p>The note.<a href=\"#r\" role=\"doc-backlink\">↩</a></p></li></ol></section>",
    );
    let last = r.blocks.last().map(|b| (b.kind, &r.text[b.content_start..b.end], b.number.as_deref()));
    assert_eq!(last, Some((BlockKind::Footnote, "The note.", Some("1"))));
}

#[test]
fn implied_end_tags_close_items_and_cells() {
    let r = render("<ul><li>a<li>b</ul><table><tr><td>1<td>2<tr><td>3</table><p>x<p>y");
    assert_eq!(
        blocks(&r),
        vec![
            (BlockKind::ListItem, "- a"),
            (BlockKind::ListItem, "- b"),
            (BlockKind::TableRow, "| 1 | 2 |"),
            (BlockKind::TableRow, "| 3 |"),
            (BlockKind::Paragraph, "x"),
            (BlockKind::Paragraph, "y"),
        ]
    );
}

#[test]
fn cells_get_spaces_between_blocks_and_nested_tables_stay_in_the_cell() {
    let r = render(
        "<table><tr><td><p>a</p><p>b</p></td><td><table><tr><td>x</td><td>y</td></tr></table></td></tr></table>",
    );
    assert_eq!(blocks(&r), vec![(BlockKind::TableRow, "| a b | x y |")]);
}

#[test]
fn deep_nesting_is_linear_and_does_not_overflow() {
    for (open, close) in [("<b>", ""), ("<div>", "</div>"), ("<table><tr><td>", ""), ("<blockquote>", "")] {
        let n = 100_000;
        let mut page = open.repeat(n);
        page.push_str("deep text");
        page.push_str(&close.repeat(n));
        let r = render(&page);
        assert!(r.text.contains("deep text"), "{open}");
    }
    let soup: String =
        (0..50_000).map(|i| ["<p>", "<span>", "<li>", "<td>", "<i>x", "</div>"][i % 6]).collect();
    let r = render(&soup);
    assert!(r.text.contains('x'));
}

#[test]
fn scripts_and_self_closing_svg_do_not_swallow_the_page() {
    let r = render("<p>a</p><script>if (a < b) { document.write('<p>no</p>') }</script><svg/><p>b</p>");
    assert_eq!(blocks(&r), vec![(BlockKind::Paragraph, "a"), (BlockKind::Paragraph, "b")]);
}
