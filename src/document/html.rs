//! HTML pages → rendered text and blocks, through the `scraper` (html5ever) parser.
//!
//! Only the page's main content is kept: when the page marks a `<main>` element (or
//! `role="main"`) only that is rendered; scripts, styles, navigation, banners, cookie
//! notices and forms are dropped everywhere. Headings, paragraphs, list items (with `- ` or
//! `N. ` markers), quotes and table rows (`| a | b |`) become blocks separated by blank
//! lines; entities are decoded by the parser; `<strong>`/`<b>` runs are recorded because
//! the rendered text does not show them.

use super::{BlockKind, RawBlock};
use scraper::{ElementRef, Html, Node};

/// Rendered text of a page, its blocks and its bold runs (byte offsets into `text`).
pub(crate) struct Rendered {
    pub(crate) text: String,
    pub(crate) blocks: Vec<RawBlock>,
    pub(crate) strong: Vec<(usize, usize)>,
}

/// Elements whose content is never part of the document.
const DROPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "form", "button", "svg", "iframe", "select",
    "input", "textarea", "object", "canvas", "dialog", "menu",
];

/// Roles of page chrome.
const DROPPED_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "search", "complementary", "dialog"];

/// Class or id fragments of page chrome.
const CHROME_NAMES: &[&str] =
    &["cookie", "breadcrumb", "skip-link", "skiplink", "site-header", "site-footer"];

#[derive(Default)]
struct Renderer {
    text: String,
    blocks: Vec<RawBlock>,
    strong: Vec<(usize, usize)>,
    /// Start of the block being written (None when between blocks).
    open: Option<usize>,
    /// Kind the next flushed block gets.
    kinds: Vec<BlockKind>,
    /// Marker to write before the next block's text (`- `, `3. `).
    pending_marker: Option<String>,
    /// Inside `<pre>`: keep whitespace.
    pre: usize,
    /// Inside `<strong>`/`<b>`: start of the run.
    strong_depth: usize,
    strong_start: usize,
    /// The last character written was a space (collapse runs).
    space: bool,
    /// Cells of the table row being written.
    row_cells: Option<Vec<String>>,
    /// Inside `<main>`/`<article>`: `<header>`/`<footer>` there belong to the content.
    content_depth: usize,
}

impl Renderer {
    fn kind(&self) -> BlockKind {
        self.kinds.last().copied().unwrap_or(BlockKind::Paragraph)
    }

    /// Write inline text, collapsing whitespace outside `<pre>`.
    fn push_text(&mut self, s: &str) {
        if let Some(cells) = &mut self.row_cells {
            if let Some(cell) = cells.last_mut() {
                for c in s.chars() {
                    if c.is_ascii_whitespace() {
                        if !cell.is_empty() && !cell.ends_with(' ') {
                            cell.push(' ');
                        }
                    } else if c == '|' {
                        cell.push_str("\\|");
                    } else {
                        cell.push(c);
                    }
                }
            }
            return;
        }
        for c in s.chars() {
            if c.is_ascii_whitespace() && self.pre == 0 {
                if self.open.is_some() && !self.space {
                    self.text.push(' ');
                    self.space = true;
                }
                continue;
            }
            if self.open.is_none() {
                if c.is_ascii_whitespace() {
                    continue;
                }
                self.start_block();
            }
            self.text.push(c);
            self.space = c == ' ' || c == '\n';
        }
    }

    fn start_block(&mut self) {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.open = Some(self.text.len());
        if let Some(marker) = self.pending_marker.take() {
            self.text.push_str(&marker);
        }
        if self.strong_depth > 0 {
            self.strong_start = self.text.len();
        }
        self.space = true;
    }

    fn line_break(&mut self) {
        if self.open.is_some() {
            while self.text.ends_with(' ') {
                self.text.pop();
            }
            self.text.push('\n');
            self.space = true;
        }
    }

    /// Close the block being written, if any.
    fn flush(&mut self) {
        let Some(start) = self.open.take() else { return };
        if self.strong_depth > 0 && self.strong_start < self.text.len() {
            self.strong.push((self.strong_start, self.text.len()));
            self.strong_start = self.text.len();
        }
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        if self.text.len() > start {
            self.blocks.push(RawBlock { kind: self.kind(), start, end: self.text.len() });
        }
    }

    fn is_chrome(&self, el: &ElementRef) -> bool {
        let e = el.value();
        let name = e.name();
        if DROPPED.contains(&name) {
            return true;
        }
        if matches!(name, "header" | "footer") && self.content_depth == 0 {
            return true;
        }
        if e.attr("role").is_some_and(|r| DROPPED_ROLES.contains(&r)) || e.attr("aria-hidden") == Some("true")
        {
            return true;
        }
        if e.attr("hidden").is_some() {
            return true;
        }
        let names =
            format!("{} {}", e.attr("class").unwrap_or(""), e.attr("id").unwrap_or("")).to_ascii_lowercase();
        CHROME_NAMES.iter().any(|c| names.contains(c))
    }

    fn children(&mut self, el: ElementRef) {
        for child in el.children() {
            if let Some(e) = ElementRef::wrap(child) {
                self.element(e);
            } else if let Node::Text(t) = child.value() {
                self.push_text(t);
            }
        }
    }

    /// Render a block element: close the current block, render the children as a block of
    /// `kind`, close it.
    fn block(&mut self, el: ElementRef, kind: BlockKind) {
        self.flush();
        self.kinds.push(kind);
        self.children(el);
        self.flush();
        self.kinds.pop();
    }

    fn list(&mut self, el: ElementRef, ordered: bool) {
        self.flush();
        let mut n: i64 = el.value().attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
        for child in el.children() {
            let Some(item) = ElementRef::wrap(child) else { continue };
            if item.value().name() != "li" {
                self.element(item);
                continue;
            }
            if let Some(v) = item.value().attr("value").and_then(|s| s.trim().parse().ok()) {
                n = v;
            }
            self.flush();
            self.pending_marker = Some(if ordered { format!("{n}. ") } else { "- ".to_owned() });
            self.block(item, BlockKind::ListItem);
            self.pending_marker = None;
            n += 1;
        }
    }

    fn row(&mut self, el: ElementRef) {
        self.flush();
        self.row_cells = Some(Vec::new());
        for cell in el.children().filter_map(ElementRef::wrap) {
            if matches!(cell.value().name(), "td" | "th") {
                if let Some(cells) = &mut self.row_cells {
                    cells.push(String::new());
                }
                self.inline_only(cell);
            }
        }
        let cells = self.row_cells.take().unwrap_or_default();
        if cells.iter().any(|c| !c.trim().is_empty()) {
            let line = format!("| {} |", cells.iter().map(|c| c.trim()).collect::<Vec<_>>().join(" | "));
            self.kinds.push(BlockKind::TableRow);
            self.start_block();
            self.text.push_str(&line);
            self.flush();
            self.kinds.pop();
        }
    }

    /// Text of a table cell: everything inside, block structure flattened.
    fn inline_only(&mut self, el: ElementRef) {
        for child in el.children() {
            if let Some(e) = ElementRef::wrap(child) {
                if !self.is_chrome(&e) {
                    if e.value().name() == "br" {
                        self.push_text(" ");
                    }
                    self.inline_only(e);
                    if is_block_name(e.value().name()) {
                        self.push_text(" ");
                    }
                }
            } else if let Node::Text(t) = child.value() {
                self.push_text(t);
            }
        }
    }

    fn element(&mut self, el: ElementRef) {
        if self.is_chrome(&el) {
            return;
        }
        let name = el.value().name();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                self.block(el, BlockKind::Heading { level });
            }
            "p" | "dt" | "dd" | "figcaption" | "caption" | "summary" | "address" => {
                let kind = match self.kind() {
                    k @ (BlockKind::Quote | BlockKind::Footnote) => k,
                    // The first paragraph of a list item is the item.
                    BlockKind::ListItem if self.pending_marker.is_some() => BlockKind::ListItem,
                    _ => BlockKind::Paragraph,
                };
                self.block(el, kind);
            }
            "blockquote" => self.block(el, BlockKind::Quote),
            "pre" => {
                self.pre += 1;
                self.block(el, BlockKind::Paragraph);
                self.pre -= 1;
            }
            "ul" | "menu" => self.list(el, false),
            "ol" => self.list(el, true),
            "li" => self.block(el, BlockKind::ListItem),
            "tr" => self.row(el),
            "br" => self.line_break(),
            "hr" => self.flush(),
            "strong" | "b" => {
                if self.strong_depth == 0 {
                    self.strong_start = self.text.len();
                }
                self.strong_depth += 1;
                self.children(el);
                self.strong_depth -= 1;
                if self.strong_depth == 0 && self.open.is_some() && self.strong_start < self.text.len() {
                    self.strong.push((self.strong_start, self.text.len()));
                }
            }
            "main" | "article" => {
                self.content_depth += 1;
                self.block(el, BlockKind::Paragraph);
                self.content_depth -= 1;
            }
            "aside" if el.value().attr("class").is_some_and(|c| c.contains("footnote")) => {
                self.block(el, BlockKind::Footnote);
            }
            _ if is_block_name(name) => self.block(el, self.kind_for_container()),
            _ => self.children(el),
        }
    }

    /// Containers (div, section…) pass on the kind they sit in (a quote stays a quote).
    fn kind_for_container(&self) -> BlockKind {
        match self.kind() {
            k @ (BlockKind::Quote | BlockKind::Footnote | BlockKind::ListItem) => k,
            _ => BlockKind::Paragraph,
        }
    }
}

fn is_block_name(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "dl"
            | "figure"
            | "details"
            | "fieldset"
            | "center"
            | "body"
    )
}

/// Render an HTML page.
pub(crate) fn render(source: &str) -> Rendered {
    let html = Html::parse_document(source);
    let root = html.root_element();
    let main = root
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "main" || e.value().attr("role") == Some("main"));
    let mut r = Renderer::default();
    match main {
        Some(main) => {
            r.content_depth = 1;
            r.children(main);
        }
        None => r.children(root),
    }
    r.flush();
    if !r.text.is_empty() {
        r.text.push('\n');
    }
    r.strong.retain(|&(s, e)| e > s);
    Rendered { text: r.text, blocks: r.blocks, strong: r.strong }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(r: &Rendered) -> Vec<(BlockKind, &str)> {
        r.blocks.iter().map(|b| (b.kind, &r.text[b.start..b.end])).collect()
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
                (BlockKind::TableRow, "| A | B\\|C |"),
                (BlockKind::TableRow, "| 1 | 2 |"),
            ]
        );
        assert!(!r.text.contains("Site") && !r.text.contains("Menu") && !r.text.contains("var x"));
    }

    #[test]
    fn records_bold_runs() {
        let r = render("<body><p><strong>Bold text</strong> then plain</p></body>");
        assert_eq!(r.strong.iter().map(|&(s, e)| &r.text[s..e]).collect::<Vec<_>>(), vec!["Bold text"]);
    }

    #[test]
    fn main_element_limits_the_content() {
        let r = render(
            "<body><div>Chrome</div><main><p>Content</p><header><h1>Title</h1></header></main></body>",
        );
        assert_eq!(
            blocks(&r),
            vec![(BlockKind::Paragraph, "Content"), (BlockKind::Heading { level: 1 }, "Title")]
        );
    }
}
