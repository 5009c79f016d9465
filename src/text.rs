//! Text for people: making file-derived text safe to print on a terminal.

use std::borrow::Cow;

/// `text` with every control character except newline and tab written out as `\u{1b}`, so
/// a document or session cannot move the cursor, retitle or reprogram the terminal it is
/// printed on. Also escaped: carriage return (it can hide what came before on the line),
/// C1 controls, and the bidirectional overrides that reorder what is shown. Idempotent on
/// its own output. Every subcommand prints through it.
pub fn escape_for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
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
            "title\\u{1b}]0;pwned\\u{7} red \\u{1b}[31mX\\u{d}\n\tnext\\u{9b}2J \\u{202e}txt.exe"
        );
        assert!(!safe.chars().any(needs_escape));
        assert_eq!(escape_for_terminal(&safe), safe, "idempotent");
        assert!(matches!(escape_for_terminal("plain ünïcödé\n"), Cow::Borrowed(_)));
    }
}
