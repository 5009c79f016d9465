//! Normalisation of raw document bytes: UTF-8 check, BOM removal, line endings.

/// The bytes are not valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not valid UTF-8 at byte offset {byte_offset}")]
pub struct InvalidUtf8 {
    /// Offset of the first invalid byte in the original input (BOM included).
    pub byte_offset: usize,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Turn raw bytes into the normalised text every offset refers to: valid UTF-8, no byte
/// order mark, and `\n` line endings (CRLF and lone CR both become LF).
pub fn normalise(bytes: &[u8]) -> Result<String, InvalidUtf8> {
    let (skip, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    let text = std::str::from_utf8(body).map_err(|e| InvalidUtf8 { byte_offset: skip + e.valid_up_to() })?;
    Ok(line_endings(text))
}

/// `text` with CRLF and lone CR turned into LF.
pub(crate) fn line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_normalises_line_endings() {
        let raw = b"\xEF\xBB\xBFone\r\ntwo\rthree\n\r\nfour";
        assert_eq!(normalise(raw).unwrap(), "one\ntwo\nthree\n\nfour");
    }

    #[test]
    fn keeps_text_without_cr_unchanged() {
        assert_eq!(normalise("caf\u{e9}\n".as_bytes()).unwrap(), "caf\u{e9}\n");
    }

    #[test]
    fn bom_only_in_the_middle_is_kept() {
        assert_eq!(normalise(b"a\xEF\xBB\xBFb").unwrap(), "a\u{feff}b");
    }

    #[test]
    fn invalid_utf8_reports_offset_in_original_bytes() {
        // BOM (3 bytes) + "ab" + invalid byte at original offset 5.
        let raw = b"\xEF\xBB\xBFab\xFFcd";
        assert_eq!(normalise(raw), Err(InvalidUtf8 { byte_offset: 5 }));
        // Truncated multi-byte sequence at offset 2.
        assert_eq!(normalise(b"ok\xE2\x80"), Err(InvalidUtf8 { byte_offset: 2 }));
    }
}
