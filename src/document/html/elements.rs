//! What HTML elements are to the renderer: page chrome to drop, block-level elements, void
//! elements, raw-text elements, and the end tags a start tag implies.

use html5ever::tokenizer::Tag;
use html5ever::tokenizer::states::RawKind;

/// Elements whose content is never part of the document.
const DROPPED: &[&str] = &[
    "head", "title", "script", "style", "noscript", "template", "nav", "form", "button", "svg", "math",
    "iframe", "select", "input", "textarea", "object", "canvas", "dialog", "menu", "noembed", "noframes",
];

/// Roles of page chrome.
const DROPPED_ROLES: &[&str] =
    &["navigation", "banner", "contentinfo", "search", "complementary", "dialog", "doc-backlink"];

/// Class or id fragments of page chrome.
const CHROME_NAMES: &[&str] =
    &["cookie", "breadcrumb", "skip-link", "skiplink", "site-header", "site-footer"];

/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
];

/// Block-level elements: they end the block being written (and add a space in a table cell).
const BLOCKS: &[&str] = &[
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "details",
    "summary",
    "fieldset",
    "center",
    "body",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "caption",
    "address",
    "hr",
    "br",
    "hgroup",
    "legend",
];

/// Start tags that close an open `<p>` (HTML's "close a p element").
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// An attribute's value, if the tag has it.
pub(super) fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
}

/// True when the element with this start tag is page chrome (inside `<main>`/`<article>`,
/// `in_content`, a `<header>` or `<footer>` is content).
pub(super) fn is_chrome(tag: &Tag, in_content: bool) -> bool {
    let name = &*tag.name;
    if DROPPED.contains(&name) {
        return true;
    }
    if matches!(name, "header" | "footer") && !in_content {
        return true;
    }
    if attr(tag, "role").is_some_and(|r| DROPPED_ROLES.contains(&r))
        || attr(tag, "aria-hidden") == Some("true")
        || attr(tag, "hidden").is_some()
    {
        return true;
    }
    let names = format!("{} {}", attr(tag, "class").unwrap_or(""), attr(tag, "id").unwrap_or(""))
        .to_ascii_lowercase();
    CHROME_NAMES.iter().any(|c| names.contains(c))
}

/// True when the element holds footnotes: `<aside class="footnote">`, a footnotes section
/// (`class="footnotes"`, `role="doc-endnotes"`), a single note (`role="doc-footnote"`).
pub(super) fn is_footnote_container(tag: &Tag) -> bool {
    if attr(tag, "role").is_some_and(|r| matches!(r, "doc-endnotes" | "doc-footnote" | "doc-endnote")) {
        return true;
    }
    let class = attr(tag, "class").unwrap_or("").to_ascii_lowercase();
    matches!(&*tag.name, "aside" | "section" | "div" | "ol" | "footer")
        && (class.contains("footnote") || class.contains("endnote"))
}

/// True for elements that have no content and no end tag.
pub(super) fn is_void(name: &str) -> bool {
    VOID.contains(&name)
}

/// True for block-level elements.
pub(super) fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

/// True when a start tag `name` closes an open `<p>`.
pub(super) fn closes_p(name: &str) -> bool {
    CLOSES_P.contains(&name)
}

/// The raw-text state the tokenizer must switch to after this start tag, if any.
pub(super) fn raw_kind(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some(RawKind::Rawtext),
        "title" | "textarea" => Some(RawKind::Rcdata),
        _ => None,
    }
}

/// For a start tag that implies the end of an open element: the elements it closes (with
/// everything opened inside them) and the elements that stop the search (an `<li>` closes
/// an open `<li>` of the same list, not one of an outer list). No stops: only the current
/// element is closed.
pub(super) fn implied_end(name: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    match name {
        "li" => Some((&["li"], &["ul", "ol", "menu", "table"])),
        "dt" | "dd" => Some((&["dt", "dd"], &["dl", "table"])),
        "tr" => Some((&["tr"], &["table"])),
        "td" | "th" => Some((&["td", "th"], &["tr", "table"])),
        "thead" | "tbody" | "tfoot" => Some((&["thead", "tbody", "tfoot"], &["table"])),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some((&["h1", "h2", "h3", "h4", "h5", "h6"], &[])),
        _ => None,
    }
}
