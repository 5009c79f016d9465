//! Which tracker column holds which field: recognised from common headers, shown to the
//! reviewer, and changeable before anything is imported.

use serde::Serialize;

/// A field of a tracker row that Stocktake imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum TrackerField {
    /// The recommendation's label (ID / No. / Ref); how rows are matched to the session.
    Label,
    /// The recommendation's text.
    Text,
    /// Who is responsible.
    Owner,
    /// The current status (Status / RAG / BRAG).
    Status,
    /// Progress narrative (Narrative / Comment / Update).
    Narrative,
    /// Theme or chapter.
    Theme,
    /// Due or target date.
    Due,
    /// Status in the previous cycle.
    Previous,
    /// Status anticipated next cycle.
    Anticipated,
}

impl TrackerField {
    /// Every field, in the order a mapping dialog lists them.
    pub const ALL: [TrackerField; 9] = [
        Self::Label,
        Self::Text,
        Self::Owner,
        Self::Status,
        Self::Narrative,
        Self::Theme,
        Self::Due,
        Self::Previous,
        Self::Anticipated,
    ];

    /// Name shown to the reviewer.
    pub fn name(self) -> &'static str {
        match self {
            Self::Label => "Label",
            Self::Text => "Recommendation",
            Self::Owner => "Owner",
            Self::Status => "Status",
            Self::Narrative => "Narrative",
            Self::Theme => "Theme",
            Self::Due => "Due date",
            Self::Previous => "Previous status",
            Self::Anticipated => "Anticipated status",
        }
    }

    /// Parse a field name as the command line gives it (`status`, `due`, `previous`…).
    pub fn parse(s: &str) -> Option<Self> {
        let key = normalise(s);
        Self::ALL.into_iter().find(|f| {
            normalise(f.name()) == key
                || normalise(&format!("{f:?}")) == key
                || key.split(' ').next() == Some(&normalise(&format!("{f:?}")))
        })
    }

    /// Whether a normalised header names this field. Checked in [`RECOGNITION_ORDER`], so
    /// "Previous status" is Previous before it can be Status.
    fn recognises(self, header: &str) -> bool {
        let words: Vec<&str> = header.split(' ').collect();
        let has = |w: &str| words.contains(&w);
        let any = |ws: &[&str]| ws.iter().any(|w| has(w));
        match self {
            Self::Previous => any(&["previous", "prior", "last", "prev"]),
            Self::Anticipated => any(&["anticipated", "forecast", "expected", "next", "projected"]),
            Self::Label => {
                matches!(
                    header,
                    "id" | "no"
                        | "number"
                        | "ref"
                        | "reference"
                        | "label"
                        | "item"
                        | "para"
                        | "paragraph"
                        | "rec"
                        | "#"
                ) || (words.len() <= 3
                    && matches!(words.last(), Some(&("no" | "number" | "ref" | "id" | "label"))))
            }
            Self::Status => any(&["status", "rag", "brag", "rating", "grade", "assessment"]),
            Self::Due => {
                any(&["due", "deadline"]) || (any(&["target", "completion", "delivery"]) && has("date"))
            }
            Self::Narrative => {
                any(&["narrative", "comment", "comments", "update", "updates", "progress", "commentary"])
            }
            Self::Owner => any(&["owner", "owners", "lead", "responsible", "responsibility"]),
            Self::Theme => {
                any(&["theme", "chapter", "workstream", "area", "category", "topic", "section", "strand"])
            }
            Self::Text => {
                any(&["recommendation", "recommendations", "text", "description", "action", "actions"])
            }
        }
    }
}

/// The order headers are tried against fields: the most specific first.
const RECOGNITION_ORDER: [TrackerField; 9] = [
    TrackerField::Previous,
    TrackerField::Anticipated,
    TrackerField::Label,
    TrackerField::Status,
    TrackerField::Due,
    TrackerField::Narrative,
    TrackerField::Owner,
    TrackerField::Theme,
    TrackerField::Text,
];

/// Lowercase words separated by single spaces (`"Due / Target date"` → `"due target date"`);
/// `#` is kept as a word.
pub(super) fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() || c == '#' {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_owned()
}

/// Which field each column holds. Each field is in at most one column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnMapping {
    /// The header of each column, as in the file.
    pub headers: Vec<String>,
    fields: Vec<Option<TrackerField>>,
}

impl ColumnMapping {
    /// Recognise fields from `headers`; a field goes to the first column that names it.
    pub fn recognise(headers: &[String]) -> Self {
        let mut fields: Vec<Option<TrackerField>> = vec![None; headers.len()];
        for (col, header) in headers.iter().enumerate() {
            let h = normalise(header);
            if h.is_empty() {
                continue;
            }
            // The header's own field, if no earlier column holds it ("Status 2019" after
            // "Status 2018" stays unmapped rather than becoming something else).
            let best = RECOGNITION_ORDER.into_iter().find(|f| f.recognises(&h));
            fields[col] = best.filter(|f| !fields.contains(&Some(*f)));
        }
        Self { headers: headers.to_vec(), fields }
    }

    /// The field in column `col` (0-based), if any.
    pub fn field(&self, col: usize) -> Option<TrackerField> {
        self.fields.get(col).copied().flatten()
    }

    /// The column (0-based) that holds `field`, if any.
    pub fn column(&self, field: TrackerField) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }

    /// Put `field` in column `col` (None clears the column). A field is in one column only,
    /// so it leaves any other column. Columns past the headers are ignored.
    pub fn set(&mut self, col: usize, field: Option<TrackerField>) {
        if col >= self.fields.len() {
            return;
        }
        if let Some(f) = field
            && let Some(old) = self.column(f)
        {
            self.fields[old] = None;
        }
        self.fields[col] = field;
    }

    /// Put `field` in the column whose header is `header` (case and punctuation ignored).
    /// Returns false when no header matches.
    pub fn set_by_header(&mut self, field: TrackerField, header: &str) -> bool {
        let wanted = normalise(header);
        match self.headers.iter().position(|h| normalise(h) == wanted) {
            Some(col) => {
                self.set(col, Some(field));
                true
            }
            None => false,
        }
    }

    /// How many fields are mapped.
    pub fn mapped(&self) -> usize {
        self.fields.iter().flatten().count()
    }

    /// The column's name for messages: its header and spreadsheet letter (`"Status" (column D)`).
    pub fn describe_column(&self, col: usize) -> String {
        let header = self.headers.get(col).map(String::as_str).unwrap_or("");
        format!("{header:?} (column {})", column_letter(col))
    }

    /// One line per field: which column holds it, or "not in this tracker".
    pub fn to_text(&self) -> String {
        TrackerField::ALL
            .iter()
            .map(|f| match self.column(*f) {
                Some(col) => format!("  {:<19} ← {}\n", f.name(), self.describe_column(col)),
                None => format!("  {:<19}   (not in this tracker)\n", f.name()),
            })
            .collect()
    }
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(headers: &[&str]) -> Vec<Option<TrackerField>> {
        let h: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        let m = ColumnMapping::recognise(&h);
        (0..h.len()).map(|c| m.field(c)).collect()
    }

    #[test]
    fn common_headers_are_recognised() {
        use TrackerField::*;
        assert_eq!(
            mapped(&[
                "No.",
                "Recommendation",
                "Owner",
                "RAG",
                "Update",
                "Chapter",
                "Target date",
                "Previous status",
                "Anticipated"
            ]),
            TrackerField::ALL.map(Some)
        );
        assert_eq!(
            mapped(&[
                "Ref",
                "Recommendation text",
                "Lead",
                "BRAG status",
                "Comment",
                "Theme",
                "Due",
                "Last status",
                "Forecast status"
            ]),
            TrackerField::ALL.map(Some)
        );
        assert_eq!(
            mapped(&["ID", "Recommendation No", "Notes"]),
            [Some(Label), None, None],
            "the first label column wins"
        );
        assert_eq!(
            mapped(&["Rec No", "Grade", "Previous grade", "Anticipated grade"]),
            [Some(Label), Some(Status), Some(Previous), Some(Anticipated)]
        );
    }

    #[test]
    fn the_reviewer_can_change_the_mapping() {
        let headers: Vec<String> =
            ["Ref", "Status 2018", "Status 2019"].iter().map(|s| s.to_string()).collect();
        let mut m = ColumnMapping::recognise(&headers);
        assert_eq!(m.column(TrackerField::Status), Some(1));
        assert!(m.set_by_header(TrackerField::Status, "status 2019"));
        assert_eq!(m.column(TrackerField::Status), Some(2));
        assert_eq!(m.field(1), None, "a field is in one column only");
        m.set(1, Some(TrackerField::Previous));
        assert_eq!(m.column(TrackerField::Previous), Some(1));
        assert!(!m.set_by_header(TrackerField::Owner, "nope"));
        assert_eq!(m.describe_column(2), "\"Status 2019\" (column C)");
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn field_names_parse() {
        assert_eq!(TrackerField::parse("status"), Some(TrackerField::Status));
        assert_eq!(TrackerField::parse("Due date"), Some(TrackerField::Due));
        assert_eq!(TrackerField::parse("previous"), Some(TrackerField::Previous));
        assert_eq!(TrackerField::parse("colour"), None);
    }
}
