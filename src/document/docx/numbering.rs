//! Word's automatic numbering (`numbering.xml`): list definitions (abstractNum levels with
//! their format, text such as "Recommendation %1" or "(%2)", start value and restart rule),
//! list instances (num, with start overrides) and the counters that render each numbered
//! paragraph's label as Word shows it.

use super::DocxError;
use super::xml::{Node, XmlReader, attr, name};
use crate::document::plain::to_roman;
use std::collections::{HashMap, HashSet};

/// Levels of a list definition (Word uses 0–8).
const LEVELS: usize = 9;

/// How a level's counter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumFmt {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Ordinal,
    Bullet,
    None,
}

impl NumFmt {
    fn parse(s: &str) -> NumFmt {
        match s {
            "decimalZero" => NumFmt::DecimalZero,
            "lowerLetter" => NumFmt::LowerLetter,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperRoman" => NumFmt::UpperRoman,
            "ordinal" => NumFmt::Ordinal,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            // decimal, and formats of other scripts: shown as decimal numbers.
            _ => NumFmt::Decimal,
        }
    }

    fn format(self, n: u32) -> String {
        match self {
            NumFmt::Decimal | NumFmt::Bullet | NumFmt::None => n.to_string(),
            NumFmt::DecimalZero => format!("{n:02}"),
            NumFmt::LowerLetter => letters(n),
            NumFmt::UpperLetter => letters(n).to_uppercase(),
            NumFmt::LowerRoman if (1..4000).contains(&n) => to_roman(n),
            NumFmt::UpperRoman if (1..4000).contains(&n) => to_roman(n).to_uppercase(),
            NumFmt::LowerRoman | NumFmt::UpperRoman => n.to_string(),
            NumFmt::Ordinal => {
                let suffix = match (n % 10, n % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                format!("{n}{suffix}")
            }
        }
    }
}

/// Word's letter numbering: a…z, then aa…zz, aaa… (the letter repeated).
fn letters(n: u32) -> String {
    if n == 0 {
        return "0".to_owned();
    }
    let letter = char::from(b'a' + ((n - 1) % 26) as u8);
    let times = ((n - 1) / 26 + 1).min(50) as usize;
    std::iter::repeat_n(letter, times).collect()
}

/// One level of a list definition.
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    fmt: NumFmt,
    text: String,
    /// `lvlRestart`: restart after this (1-based) level is used; 0 never restarts.
    restart: Option<u32>,
    /// `isLgl`: every number in the text written as decimal.
    legal: bool,
}

impl Default for Level {
    fn default() -> Self {
        Self { start: 1, fmt: NumFmt::Decimal, text: String::new(), restart: None, legal: false }
    }
}

/// A list instance: its definition and the levels it overrides.
#[derive(Debug, Default)]
struct Num {
    abstract_id: u32,
    start_overrides: Vec<(usize, u32)>,
    level_overrides: Vec<(usize, Level)>,
}

/// A numbered paragraph's label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Label {
    /// A number or other text as rendered ("Recommendation 3:", "(b)", "iv.").
    Number(String),
    /// A bullet.
    Bullet,
}

/// The list definitions of a document.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    nums: HashMap<u32, Num>,
}

impl Numbering {
    /// Read `numbering.xml`.
    pub(super) fn parse(xml: &str, part: &str) -> Result<Numbering, DocxError> {
        let mut out = Numbering::default();
        let mut reader = XmlReader::new(xml, part);
        let mut abstract_id: Option<u32> = None;
        let mut num_id: Option<u32> = None;
        let mut levels: Vec<Level> = Vec::new();
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        let mut num = Num::default();
        while let Some(node) = reader.next()? {
            let (e, open) = match &node {
                Node::Open(e) => (e, true),
                Node::Leaf(e) => (e, false),
                Node::Close(n) => {
                    match n.as_str() {
                        "lvl" => {
                            if let Some((i, l)) = level.take() {
                                match override_level {
                                    Some(_) => num.level_overrides.push((i, l)),
                                    None => {
                                        if levels.len() <= i {
                                            levels.resize(i + 1, Level::default());
                                        }
                                        levels[i] = l;
                                    }
                                }
                            }
                        }
                        "lvlOverride" => override_level = None,
                        "abstractNum" => {
                            if let Some(id) = abstract_id.take() {
                                out.abstracts.insert(id, std::mem::take(&mut levels));
                            }
                        }
                        "num" => {
                            if let Some(id) = num_id.take() {
                                out.nums.insert(id, std::mem::take(&mut num));
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Node::Text(_) => continue,
            };
            if !reader.is_w() {
                if open {
                    reader.skip()?;
                }
                continue;
            }
            let val = || attr(e, "val");
            let number = |v: Option<String>| v.and_then(|v| v.trim().parse::<u32>().ok());
            match name(e) {
                "abstractNum" if open => {
                    abstract_id = number(attr(e, "abstractNumId"));
                    levels.clear();
                }
                "num" if open => {
                    num_id = number(attr(e, "numId"));
                    num = Num::default();
                }
                "abstractNumId" => num.abstract_id = number(val()).unwrap_or(u32::MAX),
                "lvlOverride" if open => override_level = number(attr(e, "ilvl")).map(|l| l as usize),
                "startOverride" => {
                    if let (Some(l), Some(s)) = (override_level, number(val())) {
                        num.start_overrides.push((l, s));
                    }
                }
                "lvl" if open => {
                    let i = number(attr(e, "ilvl")).map_or(0, |l| l as usize);
                    level = (i < LEVELS).then(Level::default).map(|l| (i, l));
                }
                "start" => {
                    if let Some((_, l)) = &mut level {
                        l.start = number(val()).unwrap_or(1);
                    }
                }
                "numFmt" => {
                    if let Some((_, l)) = &mut level {
                        l.fmt = NumFmt::parse(&val().unwrap_or_default());
                    }
                }
                "lvlText" => {
                    if let Some((_, l)) = &mut level {
                        l.text = val().unwrap_or_default();
                    }
                }
                "lvlRestart" => {
                    if let Some((_, l)) = &mut level {
                        l.restart = number(val());
                    }
                }
                "isLgl" => {
                    if let Some((_, l)) = &mut level {
                        l.legal = super::xml::toggle(e);
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }
}

/// The counters of every list as the document is read in order.
#[derive(Debug, Default)]
pub(super) struct Counters {
    /// Per list definition: the last number used at each level (None: not started).
    values: HashMap<u32, [Option<u32>; LEVELS]>,
    /// Start values waiting for the next use of a level (from a num's start override).
    pending: HashMap<(u32, usize), u32>,
    /// List instances already used (their start overrides applied).
    used: HashSet<u32>,
}

impl Counters {
    /// The label of the next paragraph numbered by list instance `num_id` at `level`, or
    /// None when that numbering shows nothing.
    pub(super) fn next(&mut self, numbering: &Numbering, num_id: u32, level: u8) -> Option<Label> {
        let level = usize::from(level).min(LEVELS - 1);
        let num = numbering.nums.get(&num_id)?;
        let abstract_id = num.abstract_id;
        let base = numbering.abstracts.get(&abstract_id)?;
        let def = |i: usize| -> Level {
            num.level_overrides
                .iter()
                .find(|(l, _)| *l == i)
                .map(|(_, l)| l.clone())
                .or_else(|| base.get(i).cloned())
                .unwrap_or_default()
        };
        let values = self.values.entry(abstract_id).or_insert([None; LEVELS]);
        if self.used.insert(num_id) {
            for &(l, start) in &num.start_overrides {
                if l < LEVELS {
                    values[l] = None;
                    self.pending.insert((abstract_id, l), start);
                }
            }
        }
        let this = def(level);
        let value = match values[level] {
            Some(v) => v.saturating_add(1),
            None => self.pending.remove(&(abstract_id, level)).unwrap_or(this.start),
        };
        values[level] = Some(value);
        let used = u32::try_from(level).unwrap_or(0) + 1;
        for (deeper, slot) in values.iter_mut().enumerate().skip(level + 1) {
            let restart = def(deeper).restart;
            if restart.is_none_or(|r| r != 0 && r >= used) {
                *slot = None;
            }
        }
        if this.fmt == NumFmt::Bullet {
            return Some(Label::Bullet);
        }
        let text = render(&this.text, |i| {
            let d = def(i);
            let n = values.get(i).copied().flatten().unwrap_or(d.start);
            if this.legal { NumFmt::Decimal.format(n) } else { d.fmt.format(n) }
        });
        let text = text.trim().to_owned();
        (!text.is_empty()).then_some(Label::Number(text))
    }
}

/// `lvlText` with `%1`…`%9` replaced by the formatted counters of those levels.
fn render(template: &str, mut value: impl FnMut(usize) -> String) -> String {
    let mut out = String::with_capacity(template.len() + 4);
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%'
            && let Some(d) = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d))
        {
            chars.next();
            out.push_str(&value(d as usize - 1));
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Recommendation %1"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3."/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
    </w:numbering>"#;

    #[test]
    fn labels_render_as_word_shows_them() {
        let numbering = Numbering::parse(XML, "numbering.xml").unwrap();
        let mut c = Counters::default();
        let mut next = |num: u32, lvl: u8| match c.next(&numbering, num, lvl) {
            Some(Label::Number(s)) => s,
            Some(Label::Bullet) => "•".to_owned(),
            None => "-".to_owned(),
        };
        assert_eq!(next(1, 0), "Recommendation 1");
        assert_eq!(next(1, 1), "(a)");
        assert_eq!(next(1, 1), "(b)");
        assert_eq!(next(1, 2), "i.");
        assert_eq!(next(1, 2), "ii.");
        assert_eq!(next(1, 0), "Recommendation 2");
        // Deeper levels restart after a higher level.
        assert_eq!(next(1, 1), "(a)");
        // Start values; legal numbering writes the upper level as a decimal.
        assert_eq!(next(2, 0), "D.");
        assert_eq!(next(2, 1), "4.1");
        assert_eq!(next(2, 0), "E.");
        // Another instance of the same list with a start override restarts it.
        assert_eq!(next(3, 0), "Recommendation 10");
        assert_eq!(next(1, 0), "Recommendation 11");
        assert_eq!(next(4, 0), "•");
        assert_eq!(next(99, 0), "-");
    }

    #[test]
    fn letters_repeat_after_z() {
        assert_eq!(letters(1), "a");
        assert_eq!(letters(26), "z");
        assert_eq!(letters(27), "aa");
        assert_eq!(NumFmt::Ordinal.format(12), "12th");
        assert_eq!(NumFmt::Ordinal.format(22), "22nd");
    }
}
