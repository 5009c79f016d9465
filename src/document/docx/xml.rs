//! A thin layer over quick-xml's namespace-aware reader: elements with whether they belong
//! to WordprocessingML, text with entities resolved, and a bound on nesting depth.

use super::DocxError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::borrow::Cow;

/// Deepest element nesting accepted (Word documents nest a few dozen levels).
const MAX_DEPTH: usize = 512;

/// Namespaces of WordprocessingML (transitional and strict).
const W_NAMESPACES: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// One step through an XML part.
pub(super) enum Node<'x> {
    /// A start tag.
    Open(BytesStart<'x>),
    /// An empty element (`<w:tab/>`).
    Leaf(BytesStart<'x>),
    /// An end tag, by local name.
    Close(String),
    /// Character data (entities resolved).
    Text(Cow<'x, str>),
}

/// Reads one part.
pub(super) struct XmlReader<'x> {
    reader: NsReader<&'x [u8]>,
    part: &'x str,
    depth: usize,
    /// The last element read belongs to WordprocessingML.
    in_w: bool,
}

impl<'x> XmlReader<'x> {
    /// A reader of `xml`, the text of part `part` (named in errors).
    pub(super) fn new(xml: &'x str, part: &'x str) -> Self {
        let mut reader = NsReader::from_str(xml);
        reader.config_mut().trim_text(false);
        Self { reader, part, depth: 0, in_w: false }
    }

    /// The last start tag, empty element or end tag read is a WordprocessingML element.
    pub(super) fn is_w(&self) -> bool {
        self.in_w
    }

    fn error(&self, message: impl std::fmt::Display) -> DocxError {
        DocxError::Xml {
            part: self.part.to_owned(),
            position: self.reader.error_position(),
            message: message.to_string(),
        }
    }

    /// The next node, or None at the end of the part.
    pub(super) fn next(&mut self) -> Result<Option<Node<'x>>, DocxError> {
        loop {
            let (ns, event) = match self.reader.read_resolved_event() {
                Ok(pair) => pair,
                Err(e) => return Err(self.error(e)),
            };
            let in_w = matches!(ns, ResolveResult::Bound(n) if W_NAMESPACES.contains(&n.0));
            match event {
                Event::Start(e) => {
                    self.in_w = in_w;
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(DocxError::TooDeep { part: self.part.to_owned(), limit: MAX_DEPTH });
                    }
                    return Ok(Some(Node::Open(e)));
                }
                Event::Empty(e) => {
                    self.in_w = in_w;
                    return Ok(Some(Node::Leaf(e)));
                }
                Event::End(e) => {
                    self.in_w = in_w;
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(Some(Node::Close(e.local_name().as_ref().to_owned())));
                }
                Event::Text(t) => return Ok(Some(Node::Text(t.xml10_content()))),
                Event::CData(t) => return Ok(Some(Node::Text(Cow::Owned(t.to_string())))),
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        Ok(None) => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_owned),
                        Err(_) => None,
                    };
                    if let Some(text) = resolved {
                        return Ok(Some(Node::Text(Cow::Owned(text))));
                    }
                }
                Event::Eof => return Ok(None),
                _ => {}
            }
        }
    }

    /// Skip to the end of the element just opened (its content is not needed).
    pub(super) fn skip(&mut self) -> Result<(), DocxError> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.next()? {
                Some(Node::Open(_)) => depth += 1,
                Some(Node::Close(_)) => depth -= 1,
                Some(_) => {}
                None => return Ok(()),
            }
        }
        Ok(())
    }
}

/// The value of attribute `name` (matched by local name: `w:val` is `val`).
pub(super) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name).map(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_or_else(|_| a.value.clone().into_owned(), Cow::into_owned)
    })
}

/// A toggle property such as `<w:b/>`, `<w:b w:val="0"/>`: on unless its value says off.
pub(super) fn toggle(e: &BytesStart) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off" | "none"))
}

/// The local name of an element.
pub(super) fn name<'a>(e: &'a BytesStart) -> &'a str {
    let full: &str = e.name().0;
    full.rsplit(':').next().unwrap_or(full)
}
