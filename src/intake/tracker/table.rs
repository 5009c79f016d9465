//! Reading a tracker file (CSV or XLSX) into a table of text cells, bounded in size, with
//! the header row found and every data row numbered as the spreadsheet numbers it.

use super::TrackerError;
use super::mapping::ColumnMapping;
use calamine::{DataRef, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// Largest tracker file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Most data rows read; a longer tracker is refused, never cut short.
pub const MAX_ROWS: usize = 100_000;
/// Most columns read; cells further right are ignored.
pub const MAX_COLUMNS: usize = 256;
/// Longest cell, in characters; a longer one makes its row unreadable.
pub const MAX_CELL_CHARS: usize = 100_000;
/// Most bytes an XLSX may unpack to, by the sizes its zip directory declares.
pub const MAX_UNPACKED_BYTES: u128 = 512 * 1024 * 1024;
/// Rows searched for the header row.
const HEADER_SEARCH_ROWS: usize = 20;

/// One cell: its text, or why it could not be read.
pub type CellText = Result<String, String>;

/// One row of the tracker below the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// Row number as the spreadsheet shows it (from 1, header row included).
    pub number: usize,
    /// Cells, left to right.
    pub cells: Vec<CellText>,
}

impl TableRow {
    /// True when every cell is empty text.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| matches!(c, Ok(t) if t.trim().is_empty()))
    }
}

/// A tracker read from a file: header row and data rows as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackerTable {
    /// The file it came from.
    pub path: PathBuf,
    /// The worksheet read, for XLSX.
    pub sheet: Option<String>,
    /// Row number of the header row.
    pub header_row: usize,
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows below the header.
    pub rows: Vec<TableRow>,
}

impl TrackerTable {
    /// The column mapping recognised from the headers, for the reviewer to check.
    pub fn recognise(&self) -> ColumnMapping {
        ColumnMapping::recognise(&self.headers)
    }

    /// The file name and sheet, for messages (`tracker.xlsx, sheet "Q4"`).
    pub fn describe(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}, sheet {sheet:?}", self.path.display()),
            None => self.path.display().to_string(),
        }
    }
}

/// Read a tracker: `.csv` (comma, semicolon or tab separated, UTF-8) or `.xlsx`. Only
/// regular files up to [`MAX_FILE_BYTES`] are read.
pub fn read_table(path: &Path) -> Result<TrackerTable, TrackerError> {
    let io = |source| TrackerError::Io { path: path.to_owned(), source };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(TrackerError::NotAFile { path: path.to_owned() });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(TrackerError::TooLarge { path: path.to_owned(), bytes: meta.len(), max: MAX_FILE_BYTES });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv" | "tsv" | "txt") => table_from_csv(&bytes, path),
        Some("xlsx" | "xlsm") => table_from_xlsx(bytes, path),
        _ => Err(TrackerError::UnknownFormat { path: path.to_owned() }),
    }
}

/// Parse CSV bytes (`path` is for messages). Never panics, whatever the bytes.
pub fn table_from_csv(bytes: &[u8], path: &Path) -> Result<TrackerTable, TrackerError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(bytes))
        .from_reader(bytes);
    let mut grid: Vec<(usize, Vec<CellText>)> = Vec::new();
    // Line numbers counted from byte offsets, so skipped blank lines still count.
    let (mut counted_to, mut line) = (0usize, 1usize);
    for record in reader.byte_records() {
        let record =
            record.map_err(|e| TrackerError::Csv { path: path.to_owned(), message: e.to_string() })?;
        let mut start = record.position().map_or(counted_to, |p| (p.byte() as usize).min(bytes.len()));
        // The reader's position includes blank lines it skipped before the record.
        while bytes.get(start).is_some_and(|b| *b == b'\n' || *b == b'\r') {
            start += 1;
        }
        if start > counted_to {
            line += bytes[counted_to..start].iter().filter(|&&b| b == b'\n').count();
            counted_to = start;
        }
        let cells = record.iter().take(MAX_COLUMNS).map(cell_from_bytes).collect();
        grid.push((line, cells));
        if grid.len() > MAX_ROWS + HEADER_SEARCH_ROWS {
            return Err(TrackerError::TooManyRows { path: path.to_owned(), max: MAX_ROWS });
        }
    }
    table_from_grid(grid, path, None)
}

/// The separator used on the first line: comma, semicolon or tab, whichever is most common
/// outside quotes (comma when none).
fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in bytes.iter().take(64 * 1024) {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == b) {
                    slot.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(b',', |(d, _)| *d)
}

fn cell_from_bytes(bytes: &[u8]) -> CellText {
    match std::str::from_utf8(bytes) {
        Ok(text) => bounded(text.to_owned()),
        Err(e) => Err(format!(
            "not UTF-8 text at byte {} of the cell (save the tracker as UTF-8 CSV)",
            e.valid_up_to()
        )),
    }
}

fn bounded(text: String) -> CellText {
    if text.chars().count() > MAX_CELL_CHARS {
        Err(format!("a cell is longer than {MAX_CELL_CHARS} characters"))
    } else {
        Ok(text)
    }
}

/// Parse XLSX bytes: the first worksheet whose header row is recognised (else the first).
pub fn table_from_xlsx(bytes: Vec<u8>, path: &Path) -> Result<TrackerTable, TrackerError> {
    let xlsx_error =
        |e: calamine::XlsxError| TrackerError::Xlsx { path: path.to_owned(), message: e.to_string() };
    check_unpacked_size(&bytes, path)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let sheets = workbook.sheet_names();
    let mut first = None;
    for sheet in sheets {
        let grid = read_sheet(&mut workbook, &sheet, path)?;
        let table = table_from_grid(grid, path, Some(sheet))?;
        if table.recognise().mapped() >= 2 {
            return Ok(table);
        }
        first.get_or_insert(table);
    }
    first.ok_or_else(|| TrackerError::Empty { path: path.to_owned() })
}

/// Refuse a workbook whose parts would unpack to more than [`MAX_UNPACKED_BYTES`] (a zip
/// bomb), before the XLSX reader inflates any of them.
fn check_unpacked_size(bytes: &[u8], path: &Path) -> Result<(), TrackerError> {
    let error = |message: String| TrackerError::Xlsx { path: path.to_owned(), message };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| error(e.to_string()))?;
    let mut size: u128 = 0;
    // The central directory holds every part's size, also for parts written with data
    // descriptors.
    for i in 0..archive.len() {
        let part = archive.by_index_raw(i).map_err(|e| error(e.to_string()))?;
        size = size.saturating_add(u128::from(part.size()));
    }
    if size > MAX_UNPACKED_BYTES {
        return Err(error(format!(
            "it would unpack to {size} bytes, more than a tracker can be ({MAX_UNPACKED_BYTES})"
        )));
    }
    Ok(())
}

/// Most cells read from one worksheet.
const MAX_CELLS: usize = 4_000_000;

fn read_sheet<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Xlsx<RS>,
    sheet: &str,
    path: &Path,
) -> Result<Vec<(usize, Vec<CellText>)>, TrackerError> {
    let xlsx_error =
        |e: calamine::XlsxError| TrackerError::Xlsx { path: path.to_owned(), message: e.to_string() };
    let mut reader = workbook.worksheet_cells_reader(sheet).map_err(xlsx_error)?;
    // Cells arrive one by one, so a sparse sheet with a far-away cell costs nothing.
    let mut rows: BTreeMap<u32, Vec<(usize, CellText)>> = BTreeMap::new();
    let mut cells = 0usize;
    while let Some(cell) = reader.next_cell().map_err(xlsx_error)? {
        let (row, col) = cell.get_position();
        let col = col as usize;
        if col >= MAX_COLUMNS {
            continue;
        }
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            value => cell_text(value),
        };
        cells += 1;
        rows.entry(row).or_default().push((col, text));
        if rows.len() > MAX_ROWS + HEADER_SEARCH_ROWS || cells > MAX_CELLS {
            return Err(TrackerError::TooManyRows { path: path.to_owned(), max: MAX_ROWS });
        }
    }
    Ok(rows
        .into_iter()
        .map(|(row, cells)| {
            let width = cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
            let mut line: Vec<CellText> = vec![Ok(String::new()); width];
            for (col, text) in cells {
                line[col] = text;
            }
            (row as usize + 1, line)
        })
        .collect())
}

/// A cell's value as text: numbers without a needless `.0`, dates as `YYYY-MM-DD`.
fn cell_text(value: &DataRef) -> CellText {
    match value {
        DataRef::String(s) => bounded(s.clone()),
        DataRef::SharedString(s) => bounded((*s).to_owned()),
        DataRef::Int(i) => Ok(i.to_string()),
        DataRef::Float(f) => Ok(format_number(*f)),
        DataRef::Bool(b) => Ok(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            Ok(format!("{y:04}-{m:02}-{day:02}"))
        }
        DataRef::DateTime(d) => Ok(format_number(d.as_f64())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => bounded(s.clone()),
        DataRef::Error(e) => Err(format!("the spreadsheet shows an error in a cell ({e})")),
        DataRef::Empty => Ok(String::new()),
    }
}

/// `4.0` → `"4"`, `4.4` → `"4.4"`.
fn format_number(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { f.to_string() }
}

/// Find the header row (the first of the top rows whose headers name at least two fields,
/// else the first non-blank row) and number the rows below it.
fn table_from_grid(
    grid: Vec<(usize, Vec<CellText>)>,
    path: &Path,
    sheet: Option<String>,
) -> Result<TrackerTable, TrackerError> {
    let text_of = |cells: &[CellText]| -> Vec<String> {
        cells.iter().map(|c| c.as_ref().map(|s| s.trim().to_owned()).unwrap_or_default()).collect()
    };
    let non_blank: Vec<usize> = grid
        .iter()
        .enumerate()
        .filter(|(_, (_, cells))| cells.iter().any(|c| !matches!(c, Ok(t) if t.trim().is_empty())))
        .map(|(i, _)| i)
        .collect();
    let Some(&first) = non_blank.first() else {
        return Err(TrackerError::Empty { path: path.to_owned() });
    };
    let header_index = non_blank
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .copied()
        .find(|&i| ColumnMapping::recognise(&text_of(&grid[i].1)).mapped() >= 2)
        .unwrap_or(first);
    let mut grid = grid.into_iter().skip(header_index);
    let (header_row, header_cells) =
        grid.next().ok_or_else(|| TrackerError::Empty { path: path.to_owned() })?;
    let rows: Vec<TableRow> = grid.map(|(number, cells)| TableRow { number, cells }).collect();
    if rows.len() > MAX_ROWS {
        return Err(TrackerError::TooManyRows { path: path.to_owned(), max: MAX_ROWS });
    }
    Ok(TrackerTable { path: path.to_owned(), sheet, header_row, headers: text_of(&header_cells), rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_header_is_found_below_a_title_and_rows_keep_their_numbers() {
        let csv =
            "OIR tracker, January 2019\n\nRef,Recommendation,RAG\n1.1,Do it,Blue\n\n1.2,\"Do, more\",g\n";
        let t = table_from_csv(csv.as_bytes(), Path::new("t.csv")).unwrap();
        assert_eq!(t.header_row, 3);
        assert_eq!(t.headers, ["Ref", "Recommendation", "RAG"]);
        let numbers: Vec<usize> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [4, 6], "the blank line still counts");
        assert_eq!(t.rows[1].cells[1], Ok("Do, more".to_string()));
    }

    #[test]
    fn semicolons_tabs_and_a_bom_are_understood() {
        let t = table_from_csv("\u{feff}ID;Status\nA;Amber\n".as_bytes(), Path::new("t.csv")).unwrap();
        assert_eq!(t.headers, ["ID", "Status"]);
        let t = table_from_csv(b"ID\tStatus\nA\tAmber\n", Path::new("t.tsv")).unwrap();
        assert_eq!(t.rows[0].cells[1], Ok("Amber".to_string()));
    }

    #[test]
    fn bad_bytes_in_a_cell_are_a_problem_of_that_cell() {
        let t = table_from_csv(b"ID,Status\nA,Am\xffber\n", Path::new("t.csv")).unwrap();
        assert!(t.rows[0].cells[1].as_ref().unwrap_err().contains("not UTF-8"));
    }

    #[test]
    fn empty_files_and_directories_are_refused_clearly() {
        assert!(matches!(table_from_csv(b"\n\n", Path::new("t.csv")), Err(TrackerError::Empty { .. })));
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(read_table(dir.path()), Err(TrackerError::NotAFile { .. })));
        let other = dir.path().join("t.ods");
        std::fs::write(&other, b"x").unwrap();
        assert!(matches!(read_table(&other), Err(TrackerError::UnknownFormat { .. })));
        let bad = dir.path().join("t.xlsx");
        std::fs::write(&bad, b"not a zip").unwrap();
        let err = read_table(&bad).unwrap_err().to_string();
        assert!(err.contains("t.xlsx"), "{err}");
    }

    #[test]
    fn a_workbook_that_would_unpack_too_far_is_refused_before_reading() {
        use std::io::Write;
        let mut zipped = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zipped.start_file("xl/sharedStrings.xml", options).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..520 {
            zipped.write_all(&zeros).unwrap();
        }
        let bytes = zipped.finish().unwrap().into_inner();
        assert!(bytes.len() < 2 * 1024 * 1024, "small on disk: {}", bytes.len());
        let err = table_from_xlsx(bytes, Path::new("bomb.xlsx")).unwrap_err().to_string();
        assert!(err.contains("bomb.xlsx") && err.contains("would unpack to"), "{err}");
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(format_number(4.0), "4");
        assert_eq!(format_number(4.4), "4.4");
        assert_eq!(format_number(f64::NAN), "NaN");
    }
}
