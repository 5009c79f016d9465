//! The CSV tracker.

use super::ReportInput;
use super::rows::{TRACKER_COLUMNS, tracker_rows};

/// The tracker as CSV (UTF-8, comma-separated, header row). A cell that a spreadsheet would
/// run as a formula (starting `=`, `+`, `@`, or `-` followed by a non-space) gets a leading
/// apostrophe, so opening the file cannot execute anything.
pub fn render(input: &ReportInput) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(TRACKER_COLUMNS)?;
    for row in tracker_rows(input) {
        writer.write_record(row.cells(input.session).iter().map(|c| neutralise_formula(c).into_owned()))?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// Prefix `'` to a cell a spreadsheet would treat as a formula (CSV injection).
fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = cell.chars();
    let risky = match chars.next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => chars.next().is_some_and(|c| !c.is_whitespace()),
        _ => false,
    };
    if risky { format!("'{cell}").into() } else { cell.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_bullets_are_not() {
        assert_eq!(neutralise_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise_formula("-1+2"), "'-1+2");
        assert_eq!(neutralise_formula("- a bullet"), "- a bullet");
        assert_eq!(neutralise_formula("Plain"), "Plain");
        assert_eq!(neutralise_formula(""), "");
    }
}
