//! Character clean-up for text drawn in PDFs: ligatures spelled out, private-use bullets
//! (Symbol and Wingdings code points) made into real bullets, odd spaces made plain.

/// Push the normalised form of `c` onto `out` (nothing for control and zero-width
/// characters, several characters for ligatures).
pub(super) fn normalise(c: char, out: &mut Vec<char>) {
    let expanded: &str = match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        // Symbol / Wingdings bullets and marks as Word writes them (private use area).
        '\u{F0B7}' | '\u{F06C}' | '\u{F09F}' | '\u{F0A1}' => "•",
        '\u{F0A7}' | '\u{F06E}' | '\u{F0A8}' => "▪",
        '\u{F0D8}' | '\u{F0E8}' => "➢",
        '\u{F0FC}' => "✓",
        '\u{F02D}' => "-",
        '\u{F0BE}' => "—",
        '\u{F0B0}' => "°",
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        '\t' | '\n' | '\r' => " ",
        // A soft hyphen is only drawn where a word breaks at a line end.
        '\u{00AD}' => "-",
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{FFFD}' => "",
        c if c.is_control() => "",
        // Other Symbol-font code points: the character they stand for in Latin-1.
        '\u{F020}'..='\u{F07E}' => {
            out.push(char::from_u32(c as u32 - 0xF000).unwrap_or(' '));
            return;
        }
        c if ('\u{E000}'..='\u{F8FF}').contains(&c) => "•",
        c => {
            out.push(c);
            return;
        }
    };
    out.extend(expanded.chars());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &str) -> String {
        let mut out = Vec::new();
        s.chars().for_each(|c| normalise(c, &mut out));
        out.into_iter().collect()
    }

    #[test]
    fn ligatures_bullets_and_spaces() {
        assert_eq!(all("\u{FB01}nal e\u{FB03}cient \u{FB02}ow"), "final efficient flow");
        assert_eq!(all("\u{F0B7}\u{00A0}item\u{200B}"), "• item");
        assert_eq!(all("a\u{F02D}b"), "a-b");
        assert_eq!(all("Māori – “quote”"), "Māori – “quote”");
    }
}
