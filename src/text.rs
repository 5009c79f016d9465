//! Text for people: making file-derived text safe to print on a terminal.

use std::borrow::Cow;

/// `text` with every control character except newline and tab written out as `\u001b`, so
/// a document or session cannot move the cursor, retitle or reprogram the terminal it is
/// printed on. Also escaped: carriage return (it can hide what came before on the line),
/// C1 controls, and the bidirectional overrides that reorder what is shown. The escape is
/// JSON's, so JSON output stays valid and decodes to the same text; idempotent on its own
/// output. Every subcommand prints through it.
pub fn escape_for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs_escape(c) {
            // Every character escaped is below U+10000: four digits suffice.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls_but_keeps_lines_and_tabs() {
        let hostile = "title\x1b]0;pwned\x07 red \x1b[31mX\r\n\tnext\u{9b}2J \u{202e}txt.exe";
        let safe = escape_for_terminal(hostile);
        assert_eq!(
            safe,
            "title\\u001b]0;pwned\\u0007 red \\u001b[31mX\\u000d\n\tnext\\u009b2J \\u202etxt.exe"
        );
        assert!(!safe.chars().any(needs_escape));
        assert_eq!(escape_for_terminal(&safe), safe, "idempotent");
        assert!(matches!(escape_for_terminal("plain ünïcödé\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_stays_valid_and_decodes_to_the_same_text() {
        let value = serde_json::json!({ "text": "a\u{85}b\u{202e}c\u{7f}\\\u{1b}" });
        let printed = escape_for_terminal(&value.to_string()).into_owned();
        assert!(!printed.chars().any(needs_escape), "{printed}");
        let back: serde_json::Value = serde_json::from_str(&printed).unwrap();
        assert_eq!(back, value);
    }
}
