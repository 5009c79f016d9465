//! Tracker rows read through a column mapping: one record per readable row, and every row
//! that cannot be read listed with its number and why.

use super::TrackerError;
use super::dates::parse_date;
use super::mapping::{ColumnMapping, TrackerField, normalise};
use super::status::StatusVocabulary;
use super::table::{TableRow, TrackerTable};
use crate::model::Grade;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::HashMap;

/// One readable tracker row. Text fields are None when the column is not mapped or the cell
/// is empty: an empty cell never clears what the session has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackerRecord {
    /// Row number in the spreadsheet.
    pub row: usize,
    /// Label (ID / No. / Ref).
    pub label: String,
    /// Recommendation text.
    pub text: Option<String>,
    /// Owner.
    pub owner: Option<String>,
    /// Theme or chapter.
    pub theme: Option<String>,
    /// Current status.
    pub status: Option<Grade>,
    /// Progress narrative.
    pub narrative: Option<String>,
    /// Due date.
    pub due: Option<Date>,
    /// Status in the previous cycle.
    pub previous: Option<Grade>,
    /// Status anticipated next cycle.
    pub anticipated: Option<Grade>,
}

/// A row that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    /// Row number in the spreadsheet.
    pub row: usize,
    /// What is wrong with it.
    pub reason: String,
}

/// A tracker read through a mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackerRows {
    /// The file (and sheet) read, for messages.
    pub source: String,
    /// The mapping used.
    pub mapping: ColumnMapping,
    /// The readable rows, in file order.
    pub records: Vec<TrackerRecord>,
    /// The rows that could not be read, in file order.
    pub problems: Vec<RowProblem>,
}

impl TrackerRows {
    /// True when the tracker had a Previous status column.
    pub fn has_previous(&self) -> bool {
        self.records.iter().any(|r| r.previous.is_some())
    }
}

/// A label as matched: case, surrounding space, a trailing full stop and inner spaces ignored.
pub fn label_key(label: &str) -> String {
    normalise(label.trim().trim_end_matches('.')).replace(' ', "")
}

/// Read every data row of `table` through `mapping`. Blank rows are passed over; rows that
/// cannot be read are listed in `problems`. An unknown status spelling stops everything with
/// an error naming the row, the column and the allowed spellings.
pub fn read_rows(
    table: &TrackerTable,
    mapping: &ColumnMapping,
    vocabulary: &StatusVocabulary,
) -> Result<TrackerRows, TrackerError> {
    let label_col = mapping.column(TrackerField::Label).ok_or_else(|| TrackerError::NoLabelColumn {
        source_name: table.describe(),
        headers: table.headers.clone(),
    })?;
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in table.rows.iter().filter(|r| !r.is_blank()) {
        match read_row(table, mapping, vocabulary, label_col, row)? {
            Ok(record) => {
                let key = label_key(&record.label);
                if let Some(first) = seen.get(&key) {
                    problems.push(RowProblem {
                        row: row.number,
                        reason: format!("label {:?} is already on row {first}", record.label),
                    });
                } else {
                    seen.insert(key, row.number);
                    records.push(record);
                }
            }
            Err(reason) => problems.push(RowProblem { row: row.number, reason }),
        }
    }
    Ok(TrackerRows { source: table.describe(), mapping: mapping.clone(), records, problems })
}

/// One row: Ok(Ok(record)), Ok(Err(why it cannot be read)), or Err to stop (unknown status).
fn read_row(
    table: &TrackerTable,
    mapping: &ColumnMapping,
    vocabulary: &StatusVocabulary,
    label_col: usize,
    row: &TableRow,
) -> Result<Result<TrackerRecord, String>, TrackerError> {
    // A cell that could not be read spoils its row only when its column is imported.
    for (col, cell) in row.cells.iter().enumerate() {
        if let (Some(_), Err(why)) = (mapping.field(col), cell) {
            return Ok(Err(format!("{} in {}", why, mapping.describe_column(col))));
        }
    }
    let text = |field: TrackerField| -> Option<String> {
        let col = mapping.column(field)?;
        let t = row.cells.get(col)?.as_ref().ok()?.trim();
        (!t.is_empty()).then(|| t.to_owned())
    };
    let Some(label) = text(TrackerField::Label) else {
        return Ok(Err(format!("no label in {}", mapping.describe_column(label_col))));
    };
    let grade = |field: TrackerField| -> Result<Option<Grade>, TrackerError> {
        let (Some(col), Some(cell)) = (mapping.column(field), text(field)) else { return Ok(None) };
        vocabulary.parse(&cell).map_err(|()| TrackerError::UnknownStatus {
            source_name: table.describe(),
            row: row.number,
            column: mapping.describe_column(col),
            value: cell.clone(),
            allowed: vocabulary.allowed(),
        })
    };
    let (status, previous, anticipated) =
        (grade(TrackerField::Status)?, grade(TrackerField::Previous)?, grade(TrackerField::Anticipated)?);
    let due = match text(TrackerField::Due) {
        None => None,
        Some(cell) => match parse_date(&cell) {
            Some(d) => Some(d),
            None => {
                let col =
                    mapping.column(TrackerField::Due).map(|c| mapping.describe_column(c)).unwrap_or_default();
                return Ok(Err(format!(
                    "{cell:?} in {col} is not a date (write 2019-11-30, 30/11/2019, 30 November 2019, November 2019 or Q4 2019)"
                )));
            }
        },
    };
    Ok(Ok(TrackerRecord {
        row: row.number,
        label,
        text: text(TrackerField::Text),
        owner: text(TrackerField::Owner),
        theme: text(TrackerField::Theme),
        status,
        narrative: text(TrackerField::Narrative),
        due,
        previous,
        anticipated,
    }))
}
