//! Paragraph and character styles (`styles.xml`): which styles are headings (by name or
//! outline level), quotes or list paragraphs, and which make text bold or italic, with
//! `basedOn` inheritance resolved.

use super::DocxError;
use super::xml::{Node, XmlReader, attr, name, toggle};
use std::collections::HashMap;

/// Longest `basedOn` chain followed (cycles and absurd chains stop here).
const MAX_INHERITANCE: usize = 16;

/// One style as written, before inheritance.
#[derive(Debug, Default, Clone)]
struct RawStyle {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(u32, u8)>,
    bold: Option<bool>,
    italic: Option<bool>,
}

/// What a style does, inheritance resolved.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Style {
    /// Heading level 1–6.
    pub(super) heading: Option<u8>,
    /// A quotation style.
    pub(super) quote: bool,
    /// Numbering the style applies (numId, level).
    pub(super) num: Option<(u32, u8)>,
    pub(super) bold: Option<bool>,
    pub(super) italic: Option<bool>,
}

/// The styles of a document, by style id.
#[derive(Debug, Default)]
pub(super) struct Styles {
    styles: HashMap<String, Style>,
}

impl Styles {
    /// The style with id `id` (a default style when unknown).
    pub(super) fn get(&self, id: Option<&str>) -> Style {
        id.and_then(|id| self.styles.get(id)).cloned().unwrap_or_default()
    }

    /// Read `styles.xml`.
    pub(super) fn parse(xml: &str, part: &str) -> Result<Styles, DocxError> {
        let mut raw: HashMap<String, RawStyle> = HashMap::new();
        let mut reader = XmlReader::new(xml, part);
        let mut current: Option<(String, RawStyle)> = None;
        // Local names of the open elements from <w:style> down.
        let mut path: Vec<String> = Vec::new();
        let mut num_id: Option<u32> = None;
        let mut ilvl: u8 = 0;
        while let Some(node) = reader.next()? {
            let (e, open) = match &node {
                Node::Open(e) => (e, true),
                Node::Leaf(e) => (e, false),
                Node::Close(n) => {
                    path.pop();
                    if n == "style"
                        && let Some((id, mut style)) = current.take()
                    {
                        style.num = num_id.take().map(|n| (n, ilvl));
                        raw.insert(id, style);
                        ilvl = 0;
                    }
                    continue;
                }
                Node::Text(_) => continue,
            };
            let local = name(e).to_owned();
            let parent = path.last().map(String::as_str);
            // Table styles' conditional formats and other namespaces are not needed.
            if open && (!reader.is_w() || local == "tblStylePr") {
                reader.skip()?;
                continue;
            }
            if local == "style" && open {
                current = attr(e, "styleId").map(|id| (id, RawStyle::default()));
                num_id = None;
            }
            if let Some((_, style)) = current.as_mut() {
                let in_style_rpr =
                    parent == Some("rPr") && path.len() >= 2 && path[path.len() - 2] == "style";
                match local.as_str() {
                    "name" => style.name = attr(e, "val").unwrap_or_default().to_lowercase(),
                    "basedOn" => style.based_on = attr(e, "val"),
                    "outlineLvl" => style.outline = attr(e, "val").and_then(|v| v.parse().ok()),
                    "numId" => num_id = attr(e, "val").and_then(|v| v.parse().ok()),
                    "ilvl" => ilvl = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0),
                    "b" if in_style_rpr => style.bold = Some(toggle(e)),
                    "i" if in_style_rpr => style.italic = Some(toggle(e)),
                    _ => {}
                }
            }
            if open {
                path.push(local);
            }
        }
        let styles = raw.keys().map(|id| (id.clone(), resolve(&raw, id))).collect();
        Ok(Styles { styles })
    }
}

/// A style with what it inherits filled in.
fn resolve(raw: &HashMap<String, RawStyle>, id: &str) -> Style {
    let mut style = Style::default();
    let mut outline = None;
    let mut names = Vec::new();
    let mut next = Some(id);
    for _ in 0..MAX_INHERITANCE {
        let Some(r) = next.and_then(|id| raw.get(id)) else { break };
        outline = outline.or(r.outline);
        style.num = style.num.or(r.num);
        style.bold = style.bold.or(r.bold);
        style.italic = style.italic.or(r.italic);
        names.push(r.name.as_str());
        next = r.based_on.as_deref();
    }
    let own = names.first().copied().unwrap_or("");
    style.heading = heading_level(own).or_else(|| outline.filter(|&l| l < 9).map(|l| (l + 1).min(6)));
    style.quote = names.iter().any(|n| matches!(*n, "quote" | "intense quote" | "quotations" | "block text"));
    style
}

/// Heading level from a style name: "heading 2" → 2, "title" → 1, "subtitle" → 2.
fn heading_level(name: &str) -> Option<u8> {
    match name {
        "title" => return Some(1),
        "subtitle" => return Some(2),
        _ => {}
    }
    let rest = name.strip_prefix("heading")?.trim();
    let level: u8 = rest.parse().ok()?;
    (1..=9).contains(&level).then_some(level.min(6))
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:style w:type="paragraph" w:styleId="H"><w:name w:val="Heading"/><w:rPr><w:b/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="H"/></w:style>
      <w:style w:type="paragraph" w:styleId="Custom"><w:name w:val="Report Section"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Rec"><w:name w:val="Rec"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr></w:pPr><w:rPr><w:i w:val="0"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
    </w:styles>"#;

    #[test]
    fn headings_numbering_and_inherited_emphasis() {
        let styles = Styles::parse(XML, "styles.xml").unwrap();
        let h2 = styles.get(Some("Heading2"));
        assert_eq!((h2.heading, h2.bold), (Some(2), Some(true)));
        assert_eq!(styles.get(Some("Custom")).heading, Some(3));
        let rec = styles.get(Some("Rec"));
        assert_eq!((rec.num, rec.italic, rec.heading), (Some((4, 1)), Some(false), None));
        assert_eq!(styles.get(Some("Loop")), Style::default());
        assert_eq!(styles.get(Some("missing")), Style::default());
    }
}
