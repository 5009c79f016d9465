//! Session text ⇄ RON: stable pretty output; parsing that reads the real top-level
//! `format_version`, names the fields it does not understand and the comments a save would
//! drop, and never quotes the file's content in an error.

use super::StoreError;
use crate::model::{FORMAT_VERSION, Session};
use std::path::Path;

/// At most this many unknown fields and comments are named; the rest are counted.
const MAX_NAMED_UNKNOWN: usize = 50;

/// A parsed session and what of the file it could not keep.
#[derive(Debug)]
pub struct Parsed {
    /// The session.
    pub session: Session,
    /// Fields this build does not understand (`recommendations[3].colour`) and comments
    /// (`comment at line 2`): what a save would drop.
    pub unknown: Vec<String>,
}

/// Render a session as pretty RON. Stable: the same session always gives the same bytes.
pub fn to_ron(session: &Session) -> Result<String, StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(usize::MAX)
        .indentor("    ")
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .struct_names(false);
    let mut text =
        ron::ser::to_string_pretty(session, config).map_err(|e| StoreError::Serialise(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Parse a session from RON text; `path` is only used in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Parsed, StoreError> {
    starts_like_a_session(text, path)?;
    let mut unknown = Vec::new();
    let mut unknown_count = 0usize;
    let parsed = deserialize_noting_unknown(text, |field| {
        unknown_count += 1;
        if unknown.len() < MAX_NAMED_UNKNOWN {
            unknown.push(field);
        }
    });
    let session = match parsed {
        Ok(session) => session,
        Err(error) => {
            // A newer file is refused with that reason even when its fields do not parse here.
            if let Some(found) = top_level_version(text)
                && found > u64::from(FORMAT_VERSION)
            {
                return Err(newer(path, found));
            }
            return Err(parse_error(path, &error));
        }
    };
    if session.format_version > FORMAT_VERSION {
        return Err(newer(path, session.format_version.into()));
    }
    if unknown_count > unknown.len() {
        unknown.push(format!("and {} more fields", unknown_count - unknown.len()));
    }
    unknown.extend(comments(text));
    Ok(Parsed { session, unknown })
}

fn newer(path: &Path, found: u64) -> StoreError {
    StoreError::NewerVersion { path: path.to_owned(), found, supported: FORMAT_VERSION }
}

fn deserialize_noting_unknown(
    text: &str,
    mut note: impl FnMut(String),
) -> Result<Session, ron::error::SpannedError> {
    let mut de = ron::Deserializer::from_str(text)?;
    let session: Session =
        serde_ignored::deserialize(&mut de, |p| note(field_path(&p))).map_err(|e| de.span_error(e))?;
    de.end().map_err(|e| de.span_error(e))?;
    Ok(session)
}

/// The `format_version` field of the top-level struct, read by serde (so a comment or a
/// string that mentions it is never taken for it). None when the file has none or does not parse.
fn top_level_version(text: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct VersionOnly {
        format_version: u64,
    }
    ron::from_str::<VersionOnly>(text).ok().map(|v| v.format_version)
}

/// A serde_ignored path as a reader would write it: `recommendations[3].colour`.
fn field_path(path: &serde_ignored::Path) -> String {
    use serde_ignored::Path as P;
    match path {
        P::Root => String::new(),
        P::Seq { parent, index } => format!("{}[{index}]", field_path(parent)),
        P::Map { parent, key } => {
            let parent = field_path(parent);
            let key = if is_plain_name(key) { key.clone() } else { "…".into() };
            if parent.is_empty() { key } else { format!("{parent}.{key}") }
        }
        P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => field_path(parent),
    }
}

fn is_plain_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Refuse a file that is plainly not a session before the RON parser quotes any of it.
fn starts_like_a_session(text: &str, path: &Path) -> Result<(), StoreError> {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.find('\n').map_or("", |i| &r[i..]);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.find("*/").map_or("", |i| &r[i + 2..]);
        } else if rest.starts_with("#![") {
            rest = rest.find(']').map_or("", |i| &rest[i + 1..]);
        } else {
            break;
        }
    }
    let offset = text.len() - rest.len();
    if rest.is_empty() {
        let (line, column) = line_column(text, offset);
        return Err(StoreError::Parse {
            path: path.to_owned(),
            line,
            column,
            message: "the file is empty (no session in it)".into(),
        });
    }
    let named = rest.strip_prefix("Session").is_some_and(|r| r.trim_start().starts_with('('));
    if rest.starts_with('(') || named {
        return Ok(());
    }
    let (line, column) = line_column(text, offset);
    Err(StoreError::NotASession { path: path.to_owned(), line, column })
}

fn line_column(text: &str, byte_offset: usize) -> (usize, usize) {
    let before = &text[..byte_offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn parse_error(path: &Path, error: &ron::error::SpannedError) -> StoreError {
    StoreError::Parse {
        path: path.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: without_quoted_content(&error.code.to_string()),
    }
}

/// Replace quoted text in a parser message by `…`, keeping short identifiers in backticks
/// (field and variant names): the message must not carry the file's content.
fn without_quoted_content(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(300));
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '`' => {
                let mut quoted = String::new();
                while let Some(q) = chars.next() {
                    if q == '\\' {
                        chars.next();
                        quoted.push('\\');
                        continue;
                    }
                    if q == c {
                        break;
                    }
                    quoted.push(q);
                }
                let keep = c == '`' && is_plain_name(&quoted) && quoted.len() <= 40;
                out.push(c);
                out.push_str(if keep { &quoted } else { "…" });
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
        if out.len() > 300 {
            out.push('…');
            break;
        }
    }
    out
}

/// `comment at line N` for every comment in the RON text (outside strings): a save
/// rewrites the file from the session and drops them.
fn comments(text: &str) -> Vec<String> {
    if !text.contains("//") && !text.contains("/*") {
        return Vec::new();
    }
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut total = 0usize;
    let mut line = 1usize;
    let mut i = 0;
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'"' => i = skip_quoted(b, i + 1, b'"', &mut line),
            b'\'' => i = skip_quoted(b, i + 1, b'\'', &mut line),
            b'r' if (i == 0 || !ident(b[i - 1]) || (b[i - 1] == b'b' && (i < 2 || !ident(b[i - 2])))) => {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) == Some(&b'"') {
                    i = skip_raw(b, i + 2 + hashes, hashes, &mut line);
                } else {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                total += 1;
                if found.len() < MAX_NAMED_UNKNOWN {
                    found.push(format!("comment at line {line}"));
                }
                i = b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |p| i + p);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                total += 1;
                if found.len() < MAX_NAMED_UNKNOWN {
                    found.push(format!("comment at line {line}"));
                }
                i = skip_block_comment(b, i + 2, &mut line);
            }
            _ => i += 1,
        }
    }
    if total > found.len() {
        found.push(format!("and {} more comments", total - found.len()));
    }
    found
}

/// Past the closing `quote` of a string or char literal starting at `i` (after the opening).
fn skip_quoted(b: &[u8], mut i: usize, quote: u8, line: &mut usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\n' => {
                *line += 1;
                i += 1;
            }
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// Past the end of a raw string `r##"…"##` whose body starts at `i`.
fn skip_raw(b: &[u8], mut i: usize, hashes: usize, line: &mut usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\n' => *line += 1,
            b'"' if b[i + 1..].iter().take(hashes).filter(|&&c| c == b'#').count() == hashes => {
                return i + 1 + hashes;
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// Past the end of a (possibly nested) block comment whose body starts at `i`.
fn skip_block_comment(b: &[u8], mut i: usize, line: &mut usize) -> usize {
    let mut depth = 1usize;
    while i < b.len() {
        if b[i] == b'\n' {
            *line += 1;
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 1;
        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 1;
            if depth == 0 {
                return i + 1;
            }
        }
        i += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal(extra: &str) -> String {
        format!(
            "(\n    format_version: 1,\n    title: \"t\",\n    created: \"2024-01-01T00:00:00Z\",\n    \
             modified: \"2024-01-01T00:00:00Z\",\n{extra})\n"
        )
    }

    #[test]
    fn a_version_in_a_comment_or_string_is_not_the_version() {
        let path = Path::new("s.ron");
        let text = "// format_version: 1,\n(\n    title: \"format_version: 1\",\n    format_version: 7,\n    \
                    created: \"2024-01-01T00:00:00Z\",\n    modified: \"2024-01-01T00:00:00Z\",\n)\n";
        let err = parse(text, path).unwrap_err();
        assert!(matches!(err, StoreError::NewerVersion { found: 7, .. }), "{err}");
    }

    #[test]
    fn a_newer_file_whose_fields_do_not_parse_is_called_newer() {
        let text = "(format_version: 9, title: 12, fancy: Thing(1))";
        let err = parse(text, Path::new("s.ron")).unwrap_err();
        assert!(matches!(err, StoreError::NewerVersion { found: 9, .. }), "{err}");
    }

    #[test]
    fn unknown_fields_are_named_by_path() {
        let text =
            minimal("    colour_scheme: \"dark\",\n    cycles: [(id: \"c1\", label: \"x\", mood: Happy)],\n");
        let parsed = parse(&text, Path::new("s.ron")).unwrap();
        assert_eq!(parsed.unknown, ["colour_scheme", "cycles[0].mood"]);
    }

    #[test]
    fn comments_outside_strings_are_noted_with_their_line() {
        let text = minimal("    // a note\n    reviewer: \"http://x /* not */ r#\\\"\", /* b */\n");
        let parsed = parse(&text, Path::new("s.ron")).unwrap();
        assert_eq!(parsed.unknown, ["comment at line 6", "comment at line 7"]);
        let raw = minimal("    reviewer: r#\"a \" // not\"#,\n");
        assert!(parse(&raw, Path::new("s.ron")).unwrap().unknown.is_empty());
    }

    #[test]
    fn a_file_that_is_not_a_session_is_not_quoted() {
        let err = parse("root:$6$secret:19000:0:99999:7:::\n", Path::new("/etc/shadow")).unwrap_err();
        assert!(matches!(err, StoreError::NotASession { line: 1, column: 1, .. }), "{err}");
        assert!(!err.to_string().contains("root"), "{err}");
        assert!(!err.to_string().contains("secret"), "{err}");
    }

    #[test]
    fn parse_errors_do_not_quote_values() {
        let text = minimal("    reviewer: 42,\n").replace("title: \"t\"", "title: \"hunter2\", title: \"x\"");
        let err = parse(&text, Path::new("s.ron")).unwrap_err();
        assert!(matches!(err, StoreError::Parse { .. }), "{err}");
        assert!(!err.to_string().contains("hunter2"), "{err}");
        let msg = without_quoted_content("invalid type: string \"secret\", expected `format_version`");
        assert_eq!(msg, "invalid type: string \"…\", expected `format_version`");
    }
}
