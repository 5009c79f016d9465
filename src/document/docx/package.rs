//! The DOCX package: a zip archive read with bounds on entry count, entry size and the
//! ratio of unpacked to packed bytes (zip bombs), and the relationships that name its parts.

use super::DocxError;
use super::xml::{XmlReader, attr};
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// Most entries a DOCX package may have (Word writes a few dozen).
const MAX_ENTRIES: usize = 10_000;
/// Most bytes one part may unpack to.
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;
/// Most bytes all parts read may unpack to together.
const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// Largest ratio of unpacked to packed bytes of a part (XML packs about 10:1; bombs 1000:1).
const MAX_RATIO: u64 = 200;

/// Relationship types of the parts the importer reads.
pub(super) const REL_OFFICE_DOCUMENT: &str = "/officeDocument";
pub(super) const REL_STYLES: &str = "/styles";
pub(super) const REL_NUMBERING: &str = "/numbering";
pub(super) const REL_FOOTNOTES: &str = "/footnotes";
pub(super) const REL_ENDNOTES: &str = "/endnotes";

/// An opened DOCX package.
pub(super) struct Package<'b> {
    archive: ZipArchive<Cursor<&'b [u8]>>,
    unpacked: u64,
}

/// Number of entries the zip's end-of-central-directory record declares, read before the
/// archive is indexed (so a package of millions of entries is refused cheaply). None when
/// the record is not found (the zip reader then reports the damage) or the count needs
/// ZIP64.
fn declared_entries(bytes: &[u8]) -> Option<usize> {
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    let from = bytes.len().saturating_sub(22 + 65_535);
    let at = bytes[from..].windows(4).rposition(|w| w == EOCD)? + from;
    let record = bytes.get(at..at + 22)?;
    let total = u16::from_le_bytes([record[10], record[11]]);
    Some(usize::from(total))
}

impl<'b> Package<'b> {
    /// Open the package, refusing damaged archives and too many entries.
    pub(super) fn open(bytes: &'b [u8]) -> Result<Self, DocxError> {
        if declared_entries(bytes).is_some_and(|n| n > MAX_ENTRIES) {
            return Err(DocxError::TooManyEntries { limit: MAX_ENTRIES });
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotZip(e.to_string()))?;
        if archive.len() > MAX_ENTRIES {
            return Err(DocxError::TooManyEntries { limit: MAX_ENTRIES });
        }
        Ok(Self { archive, unpacked: 0 })
    }

    /// The text of part `name` (None when the package has no such part), unpacked within
    /// the bounds.
    pub(super) fn read(&mut self, name: &str) -> Result<Option<String>, DocxError> {
        let mut file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(DocxError::Part { part: name.to_owned(), message: e.to_string() }),
        };
        let packed = file.compressed_size().max(1);
        let limit = MAX_PART_BYTES.min(packed.saturating_mul(MAX_RATIO).max(1024 * 1024));
        let limit = limit.min(MAX_TOTAL_BYTES - self.unpacked);
        if file.size() > limit {
            return Err(DocxError::TooLarge { part: name.to_owned(), limit });
        }
        let mut bytes = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0).min(1 << 24));
        (&mut file)
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| DocxError::Part { part: name.to_owned(), message: e.to_string() })?;
        if bytes.len() as u64 > limit {
            return Err(DocxError::TooLarge { part: name.to_owned(), limit });
        }
        self.unpacked += bytes.len() as u64;
        let text = String::from_utf8(bytes).map_err(|e| DocxError::Part {
            part: name.to_owned(),
            message: format!("not UTF-8 at byte offset {}", e.utf8_error().valid_up_to()),
        })?;
        Ok(Some(text))
    }

    /// Targets of the relationships in part `rels`, as (type, target) pairs.
    fn relationships(&mut self, rels: &str) -> Result<Vec<(String, String)>, DocxError> {
        let Some(xml) = self.read(rels)? else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        let mut reader = XmlReader::new(&xml, rels);
        while let Some(event) = reader.next()? {
            if let super::xml::Node::Open(e) | super::xml::Node::Leaf(e) = event
                && e.local_name().as_ref() == "Relationship"
                && let (Some(kind), Some(target)) = (attr(&e, "Type"), attr(&e, "Target"))
            {
                if attr(&e, "TargetMode").as_deref() == Some("External") {
                    continue;
                }
                out.push((kind, target));
            }
        }
        Ok(out)
    }

    /// Path of the main document part and the parts it refers to, by relationship type.
    pub(super) fn parts(&mut self) -> Result<Parts, DocxError> {
        let main = self
            .relationships("_rels/.rels")?
            .into_iter()
            .find(|(kind, _)| kind.ends_with(REL_OFFICE_DOCUMENT))
            .map_or_else(|| "word/document.xml".to_owned(), |(_, t)| t.trim_start_matches('/').to_owned());
        let (dir, file) = match main.rfind('/') {
            Some(i) => (&main[..=i], &main[i + 1..]),
            None => ("", main.as_str()),
        };
        let rels = self.relationships(&format!("{dir}_rels/{file}.rels"))?;
        let find = |suffix: &str, default: &str| {
            rels.iter()
                .find(|(kind, _)| kind.ends_with(suffix))
                .map(|(_, t)| resolve(dir, t))
                .unwrap_or_else(|| format!("{dir}{default}"))
        };
        Ok(Parts {
            styles: find(REL_STYLES, "styles.xml"),
            numbering: find(REL_NUMBERING, "numbering.xml"),
            footnotes: find(REL_FOOTNOTES, "footnotes.xml"),
            endnotes: find(REL_ENDNOTES, "endnotes.xml"),
            document: main,
        })
    }
}

/// A relationship target relative to the folder of the part that names it.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Where the parts of a package are.
pub(super) struct Parts {
    pub(super) document: String,
    pub(super) styles: String,
    pub(super) numbering: String,
    pub(super) footnotes: String,
    pub(super) endnotes: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_part_folder() {
        assert_eq!(resolve("word/", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word/", "../customXml/item.xml"), "customXml/item.xml");
        assert_eq!(resolve("word/", "/word/numbering.xml"), "word/numbering.xml");
    }

    #[test]
    fn declared_entry_count_is_read_from_the_end_record() {
        let mut zip = vec![0u8; 10];
        zip.extend([
            0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0x10, 0x27, 0x11, 0x27, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ]);
        assert_eq!(declared_entries(&zip), Some(10_001));
    }
}
