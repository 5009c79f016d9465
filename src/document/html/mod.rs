//! HTML pages → rendered text and blocks, from html5ever's tokenizer.
//!
//! Only the page's main content is kept: when the page marks a `<main>` element (or
//! `role="main"`) only that is rendered; scripts, styles, navigation, banners, cookie
//! notices and forms are dropped everywhere. Headings, paragraphs, list items (with `- ` or
//! `N. ` markers), quotes, footnotes and table rows (`| a | b |`, with each cell's range)
//! become blocks separated by blank lines; entities are decoded by the tokenizer;
//! `<strong>`/`<b>`, `<em>`/`<i>` and `<code>` runs are recorded because the text does not
//! show them.
//!
//! The page is read as a stream of tags with an explicit stack of open elements (no DOM,
//! no recursion): the stack is bounded (deeper elements are read as inline), an end tag
//! with no open element is ignored in constant time, and the end tags HTML implies (`<li>`
//! closes the open `<li>`, a block closes an open `<p>`) are applied by a bounded search,
//! so any input — 60,000 nested `<b>`, 100,000 nested `<div>`, unclosed tag soup — is read
//! in linear time and constant stack.

mod elements;
mod writer;

use super::blocks::BlockKind;
use super::conventions;
use super::draft::Draft;
use html5ever::LocalName;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;
use std::collections::HashMap;
use writer::{BlockSpec, Marker, Writer};

/// Open elements kept on the stack; deeper ones are read as inline elements.
const MAX_DEPTH: usize = 256;

/// Render an HTML page into text, blocks and styles.
pub(crate) fn render(source: &str) -> Draft {
    let main = find_main(source);
    let renderer = Renderer { state: RefCell::new(State::new(main)) };
    let tokenizer = Tokenizer::new(renderer, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.state.into_inner();
    let mut draft = state.writer.finish();
    conventions::apply(&mut draft);
    draft
}

/// Ordinal (among start tags) of the page's first `<main>` or `role="main"` element.
fn find_main(source: &str) -> Option<u64> {
    struct Finder {
        seen: RefCell<(u64, Option<u64>)>,
    }
    impl TokenSink for Finder {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let Token::TagToken(tag) = token else { return TokenSinkResult::Continue };
            if tag.kind != TagKind::StartTag {
                return TokenSinkResult::Continue;
            }
            let mut seen = self.seen.borrow_mut();
            seen.0 += 1;
            if &*tag.name == "main" || elements::attr(&tag, "role") == Some("main") {
                seen.1 = Some(seen.0);
                // Found: stop the tokenizer (it pauses as if for a script).
                return TokenSinkResult::Script(());
            }
            match elements::raw_kind(&tag.name) {
                Some(kind) if !tag.self_closing => TokenSinkResult::RawData(kind),
                _ => TokenSinkResult::Continue,
            }
        }
    }
    let finder = Finder { seen: RefCell::new((0, None)) };
    let tokenizer = Tokenizer::new(finder, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    let _ = tokenizer.feed(&input);
    tokenizer.sink.seen.into_inner().1
}

/// What an open element switched on, to be switched off when it ends.
#[derive(Default, Clone, Copy)]
struct Effect {
    /// Page chrome: its content is skipped.
    skip: bool,
    /// A block: flush at the end and pop the kind.
    block: bool,
    /// A list: pop its counter.
    list: bool,
    /// A list item: pop it.
    item: bool,
    /// A list item or quote: one level of nesting.
    nest: bool,
    pre: bool,
    /// `<main>`/`<article>`: header and footer inside are content.
    content: bool,
    /// Index into [`writer::STYLES`] + 1.
    style: u8,
    row: bool,
    cell: bool,
    /// A table inside a table cell: its rows and cells are part of the cell's text.
    nested_table: bool,
    /// A block-level element inside a cell: a space at its end.
    cell_space: bool,
    /// The `<main>` element being rendered: rendering stops at its end.
    root: bool,
}

struct Open {
    name: LocalName,
    effect: Effect,
}

/// A list being read: the number of its next item (None for bullets).
struct List {
    next: Option<i64>,
    /// A list of footnotes (inside a footnotes section).
    notes: bool,
}

/// A list item being read: its marker until its first block is written.
struct Item {
    marker: Option<Marker>,
    written: bool,
}

struct State {
    /// Render only from this start tag (the main element) on.
    main: Option<u64>,
    seen: u64,
    active: bool,
    done: bool,
    stack: Vec<Open>,
    /// Open elements per name, to ignore stray end tags at once.
    open_count: HashMap<LocalName, u32>,
    /// Elements past [`MAX_DEPTH`] per name, whose end tags are ignored.
    skipped: HashMap<LocalName, u32>,
    skip_depth: u32,
    kinds: Vec<BlockKind>,
    lists: Vec<List>,
    items: Vec<Item>,
    nest: u8,
    pre: u32,
    content_depth: u32,
    nested_tables: u32,
    writer: Writer,
}

struct Renderer {
    state: RefCell<State>,
}

impl TokenSink for Renderer {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let raw = match tag.kind {
                    TagKind::StartTag if !tag.self_closing => elements::raw_kind(&tag.name),
                    _ => None,
                };
                state.tag(tag);
                if let Some(kind) = raw {
                    return TokenSinkResult::RawData(kind);
                }
            }
            Token::CharacterTokens(text) => state.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl State {
    fn new(main: Option<u64>) -> Self {
        Self {
            main,
            seen: 0,
            active: main.is_none(),
            done: false,
            stack: Vec::new(),
            open_count: HashMap::new(),
            skipped: HashMap::new(),
            skip_depth: 0,
            kinds: Vec::new(),
            lists: Vec::new(),
            items: Vec::new(),
            nest: 0,
            pre: 0,
            content_depth: 0,
            nested_tables: 0,
            writer: Writer::default(),
        }
    }

    fn kind(&self) -> BlockKind {
        self.kinds.last().copied().unwrap_or(BlockKind::Paragraph)
    }

    fn tag(&mut self, tag: Tag) {
        if self.done {
            return;
        }
        match tag.kind {
            TagKind::StartTag => {
                self.seen += 1;
                if !self.active {
                    if Some(self.seen) == self.main {
                        self.active = true;
                        self.content_depth = 1;
                        self.push(tag.name.clone(), Effect { root: true, ..Effect::default() });
                    }
                    return;
                }
                let name = tag.name.clone();
                let void = elements::is_void(&name);
                self.start(&tag);
                if tag.self_closing && !void {
                    self.end(&name);
                }
            }
            TagKind::EndTag if self.active => {
                if &*tag.name == "br" {
                    self.start(&tag);
                } else {
                    self.end(&tag.name);
                }
            }
            TagKind::EndTag => {}
        }
    }

    fn text(&mut self, s: &str) {
        if !self.active || self.done || self.skip_depth > 0 {
            return;
        }
        if self.writer.in_row() {
            self.writer.cell_text(s);
            return;
        }
        if !self.writer.is_open() {
            if !s.bytes().any(|b| !b.is_ascii_whitespace()) {
                return;
            }
            let spec = self.next_block();
            self.writer.start(spec);
        }
        self.writer.text(s, self.pre > 0);
    }

    /// What the block starting now is: the kind of the innermost block element, a list
    /// item's marker for its first block.
    fn next_block(&mut self) -> BlockSpec {
        let kind = self.kind();
        let nest = self.nest;
        match kind {
            BlockKind::ListItem | BlockKind::Footnote if self.items.last().is_some_and(|i| !i.written) => {
                let item = self.items.last_mut().map(|i| {
                    i.written = true;
                    i.marker.take()
                });
                BlockSpec { kind, depth: nest.saturating_sub(1), marker: item.flatten() }
            }
            // Later blocks of a list item are paragraphs inside it.
            BlockKind::ListItem => BlockSpec { kind: BlockKind::Paragraph, depth: nest, marker: None },
            BlockKind::Quote => BlockSpec { kind, depth: nest.saturating_sub(1), marker: None },
            _ => BlockSpec { kind, depth: nest, marker: None },
        }
    }

    fn push(&mut self, name: LocalName, effect: Effect) {
        *self.open_count.entry(name.clone()).or_default() += 1;
        self.stack.push(Open { name, effect });
    }

    /// Close the nearest open element named in `targets`, searching down from the current
    /// element and stopping at an element named in `stops` (no stops: only the current one).
    fn close_implied(&mut self, targets: &[&str], stops: &[&str]) {
        if !targets.iter().any(|t| self.open_count.get(&LocalName::from(*t)).is_some_and(|&n| n > 0)) {
            return;
        }
        let mut found = None;
        for (i, open) in self.stack.iter().enumerate().rev() {
            if open.effect.root {
                break;
            }
            if targets.contains(&&*open.name) {
                found = Some(i);
                break;
            }
            if stops.is_empty() || stops.contains(&&*open.name) {
                break;
            }
        }
        if let Some(i) = found {
            while self.stack.len() > i {
                self.pop();
            }
        }
    }

    fn start(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        if elements::is_void(name) {
            if self.skip_depth == 0 {
                self.void(name);
            }
            return;
        }
        if elements::closes_p(name) {
            self.close_implied(&["p"], &["table", "td", "th", "caption", "button"]);
        }
        if let Some((targets, stops)) = elements::implied_end(name) {
            self.close_implied(targets, stops);
        }
        if self.stack.len() >= MAX_DEPTH {
            *self.skipped.entry(tag.name.clone()).or_default() += 1;
            return;
        }
        let effect = if self.skip_depth > 0 {
            Effect::default()
        } else if elements::is_chrome(tag, self.content_depth > 0) {
            self.skip_depth += 1;
            Effect { skip: true, ..Effect::default() }
        } else if self.writer.in_cell() {
            self.start_in_cell(name)
        } else {
            self.start_element(tag)
        };
        self.push(tag.name.clone(), effect);
    }

    /// `<br>`, `<hr>` and other void elements.
    fn void(&mut self, name: &str) {
        match name {
            "br" if self.writer.in_cell() => self.writer.cell_text(" "),
            "br" => self.writer.line_break(),
            "hr" if !self.writer.in_row() => self.writer.flush(),
            _ => {}
        }
    }

    /// An element inside a table cell: everything is inline; blocks add a space.
    fn start_in_cell(&mut self, name: &str) -> Effect {
        if let Some(style) = style_of(name) {
            self.writer.style_start(style);
            return Effect { style: style as u8 + 1, ..Effect::default() };
        }
        let nested_table = name == "table";
        if nested_table {
            self.nested_tables += 1;
        }
        if elements::is_block(name) {
            self.writer.cell_text(" ");
            return Effect { cell_space: true, nested_table, ..Effect::default() };
        }
        Effect::default()
    }

    fn block(&mut self, kind: BlockKind) -> Effect {
        self.writer.flush();
        self.kinds.push(kind);
        Effect { block: true, ..Effect::default() }
    }

    /// Containers (div, section…) pass on the kind they sit in (a quote stays a quote).
    fn kind_for_container(&self) -> BlockKind {
        match self.kind() {
            k @ (BlockKind::Quote | BlockKind::Footnote | BlockKind::ListItem) => k,
            _ => BlockKind::Paragraph,
        }
    }

    fn start_element(&mut self, tag: &Tag) -> Effect {
        let name: &str = &tag.name;
        if let Some(style) = style_of(name) {
            self.writer.style_start(style);
            return Effect { style: style as u8 + 1, ..Effect::default() };
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                self.block(BlockKind::Heading { level })
            }
            "p" | "dt" | "dd" | "figcaption" | "caption" | "summary" | "address" => {
                let kind = match self.kind() {
                    k @ (BlockKind::Quote | BlockKind::Footnote) => k,
                    // The first paragraph of a list item is the item.
                    BlockKind::ListItem if self.items.last().is_some_and(|i| !i.written) => {
                        BlockKind::ListItem
                    }
                    _ => BlockKind::Paragraph,
                };
                self.block(kind)
            }
            "blockquote" => {
                self.nest = self.nest.saturating_add(1);
                Effect { nest: true, ..self.block(BlockKind::Quote) }
            }
            "pre" => {
                self.pre += 1;
                Effect { pre: true, ..self.block(BlockKind::Paragraph) }
            }
            "ul" | "ol" => {
                self.writer.flush();
                let ordered = name == "ol";
                let start = elements::attr(tag, "start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
                let notes = self.kind() == BlockKind::Footnote || elements::is_footnote_container(tag);
                self.lists.push(List { next: ordered.then_some(start), notes });
                Effect { list: true, ..Effect::default() }
            }
            "li" => self.list_item(tag),
            "tr" => {
                self.writer.row_start();
                Effect { row: true, ..Effect::default() }
            }
            "td" | "th" => {
                if !self.writer.in_row() {
                    // A cell outside a row: HTML implies the row.
                    self.writer.row_start();
                    self.push(LocalName::from("tr"), Effect { row: true, ..Effect::default() });
                }
                self.writer.cell_start();
                Effect { cell: true, ..Effect::default() }
            }
            "main" | "article" => {
                self.content_depth += 1;
                Effect { content: true, ..self.block(BlockKind::Paragraph) }
            }
            _ if elements::is_footnote_container(tag) => self.block(BlockKind::Footnote),
            _ if elements::is_block(name) => {
                let kind = self.kind_for_container();
                self.block(kind)
            }
            _ => Effect::default(),
        }
    }

    /// `<li>`: an item of the enclosing list (with its marker) or a lone item.
    fn list_item(&mut self, tag: &Tag) -> Effect {
        let in_list = self.stack.last().is_some_and(|o| matches!(&*o.name, "ul" | "ol") && o.effect.list);
        let mut kind = BlockKind::ListItem;
        let marker = match self.lists.last_mut() {
            Some(list) if in_list => {
                if let (Some(next), Some(v)) =
                    (&mut list.next, elements::attr(tag, "value").and_then(|s| s.trim().parse::<i64>().ok()))
                {
                    *next = v;
                }
                let marker = match &mut list.next {
                    Some(n) if list.notes => {
                        Marker { text: format!("{n}. "), number: Some(n.to_string().into()), shown: false }
                    }
                    Some(n) => {
                        Marker { text: format!("{n}. "), number: Some(format!("{n}.").into()), shown: true }
                    }
                    None => Marker { text: "- ".to_owned(), number: None, shown: false },
                };
                if let Some(n) = &mut list.next {
                    *n = n.saturating_add(1);
                }
                if list.notes {
                    kind = BlockKind::Footnote;
                }
                Some(marker)
            }
            _ => None,
        };
        self.items.push(Item { marker, written: false });
        self.nest = self.nest.saturating_add(1);
        Effect { item: true, nest: true, ..self.block(kind) }
    }

    fn end(&mut self, name: &LocalName) {
        if let Some(n) = self.skipped.get_mut(name)
            && *n > 0
        {
            *n -= 1;
            return;
        }
        if self.open_count.get(name).is_none_or(|&n| n == 0) {
            return;
        }
        while let Some(open) = self.stack.last() {
            let matched = open.name == *name;
            self.pop();
            if matched || self.done {
                break;
            }
        }
    }

    fn pop(&mut self) {
        let Some(open) = self.stack.pop() else { return };
        if let Some(n) = self.open_count.get_mut(&open.name) {
            *n = n.saturating_sub(1);
        }
        let e = open.effect;
        if e.style > 0 {
            self.writer.style_end(usize::from(e.style - 1));
        }
        if e.cell_space {
            self.writer.cell_text(" ");
        }
        if e.nested_table {
            self.nested_tables = self.nested_tables.saturating_sub(1);
        }
        if e.cell {
            self.writer.cell_end();
        }
        if e.row {
            self.writer.row_end();
        }
        if e.block {
            self.writer.flush();
            self.kinds.pop();
        }
        if e.list {
            self.writer.flush();
            self.lists.pop();
        }
        if e.item {
            self.items.pop();
        }
        if e.nest {
            self.nest = self.nest.saturating_sub(1);
        }
        if e.pre {
            self.pre = self.pre.saturating_sub(1);
        }
        if e.content {
            self.content_depth = self.content_depth.saturating_sub(1);
        }
        if e.skip {
            self.skip_depth = self.skip_depth.saturating_sub(1);
        }
        if e.root {
            self.done = true;
        }
    }
}

/// The style an inline element switches on, as an index into [`writer::STYLES`].
fn style_of(name: &str) -> Option<usize> {
    match name {
        "strong" | "b" => Some(0),
        "em" | "i" => Some(1),
        "code" | "kbd" | "samp" | "tt" => Some(2),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
