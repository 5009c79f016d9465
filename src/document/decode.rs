//! Decoding a text file's bytes: UTF-8 (with or without a byte order mark) or UTF-16 with a
//! byte order mark; a NUL byte anywhere means the file is not text.

use super::normalise::{line_endings, normalise};

/// Why bytes are not a text document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// A NUL byte (or a NUL character in UTF-16) at this byte offset.
    Nul { byte_offset: usize },
    /// Not valid UTF-8 at this byte offset.
    InvalidUtf8 { byte_offset: usize },
    /// UTF-16 (by its byte order mark) with an invalid sequence at this byte offset.
    InvalidUtf16 { byte_offset: usize },
    /// UTF-32 (by its byte order mark).
    Utf32,
}

/// The normalised text of a text file's bytes (UTF-8, no BOM, `\n` line endings).
pub(crate) fn decode_text(bytes: &[u8]) -> Result<String, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(DecodeError::Utf32);
    }
    if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(body, u16::from_le_bytes);
    }
    if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(body, u16::from_be_bytes);
    }
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError::Nul { byte_offset: i });
    }
    normalise(bytes).map_err(|e| DecodeError::InvalidUtf8 { byte_offset: e.byte_offset })
}

/// Decode UTF-16 code units (after a 2-byte BOM) read with `unit`.
fn utf16(body: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    let offset = |unit_index: usize| 2 + 2 * unit_index;
    let units = body.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut text = String::with_capacity(body.len() / 2 * 3 / 2);
    let mut index = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok('\0') => return Err(DecodeError::Nul { byte_offset: offset(index) }),
            Ok(c) => {
                index += c.len_utf16();
                text.push(c);
            }
            Err(_) => return Err(DecodeError::InvalidUtf16 { byte_offset: offset(index) }),
        }
    }
    if body.len() % 2 == 1 {
        return Err(DecodeError::InvalidUtf16 { byte_offset: offset(index) });
    }
    Ok(line_endings(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        assert_eq!(decode_text(&utf16le("Café\r\n𝄞 ok")), Ok("Café\n𝄞 ok".to_owned()));
        let mut be = vec![0xFE, 0xFF];
        be.extend("Hé".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_text(&be), Ok("Hé".to_owned()));
    }

    #[test]
    fn bad_utf16_and_nul_are_located() {
        let mut lone = utf16le("ab");
        lone.extend([0x00, 0xD8]); // a lone high surrogate as the third unit
        lone.extend(u16::to_le_bytes(u16::from(b'c')));
        assert_eq!(decode_text(&lone), Err(DecodeError::InvalidUtf16 { byte_offset: 6 }));
        assert_eq!(decode_text(&utf16le("a\0")), Err(DecodeError::Nul { byte_offset: 4 }));
        let mut late = vec![b'a'; 20_000];
        late[12_345] = 0;
        assert_eq!(decode_text(&late), Err(DecodeError::Nul { byte_offset: 12_345 }));
        assert_eq!(decode_text(&[0xFF, 0xFE, 0, 0, b'a', 0, 0, 0]), Err(DecodeError::Utf32));
    }
}
