//! HTML pages → rendered text and blocks (placeholder: markup is kept as plain text).

use super::RawBlock;

/// Rendered text of a page, its blocks and its bold runs (byte offsets into `text`).
pub(crate) struct Rendered {
    pub(crate) text: String,
    pub(crate) blocks: Vec<RawBlock>,
    pub(crate) strong: Vec<(usize, usize)>,
}

/// Render an HTML page.
pub(crate) fn render(source: &str) -> Rendered {
    let mut blocks = Vec::new();
    super::plain::parse(source, &mut blocks);
    Rendered { text: source.to_owned(), blocks, strong: Vec::new() }
}
