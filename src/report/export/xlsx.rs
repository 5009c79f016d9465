//! The XLSX tracker, written with `rust_xlsxwriter`: grade cells coloured by the session's
//! scheme (with the grade's name, so colour is never the only signal), header row frozen,
//! autofilter on every column, dates as real dates. A second sheet holds the summary.

use super::ReportInput;
use super::rows::{TRACKER_COLUMNS, tracker_rows};
use crate::model::{Grade, Session};
use crate::report::{Figures, sentence};
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// The longest text a spreadsheet cell holds; longer text is cut with a marker.
const CELL_MAX_CHARS: usize = 32_767;

/// Column widths (characters), in [`TRACKER_COLUMNS`] order.
const WIDTHS: [f64; 13] = [8.0, 60.0, 16.0, 16.0, 14.0, 12.0, 16.0, 19.0, 12.0, 50.0, 40.0, 9.0, 6.0];

/// Columns (0-based) that hold grades: now, previous, anticipated.
const GRADE_COLUMNS: [u16; 3] = [5, 6, 7];

/// The tracker workbook as bytes.
pub fn render(input: &ReportInput) -> Result<Vec<u8>, XlsxError> {
    let session = input.session;
    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xE8EAED))
        .set_border_bottom(FormatBorder::Thin);
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date = Format::new().set_num_format("yyyy-mm-dd").set_align(FormatAlign::Top);
    let number = Format::new().set_align(FormatAlign::Top);

    let sheet = workbook.add_worksheet();
    sheet.set_name("Tracker")?;
    for (col, (name, width)) in TRACKER_COLUMNS.iter().zip(WIDTHS).enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *name, &header)?;
        sheet.set_column_width(col, width)?;
    }
    let rows = tracker_rows(input);
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let cells = row.cells(session);
        for (col, value) in cells.iter().enumerate() {
            let col = col as u16;
            match col {
                8 => {
                    if let Some(d) = row.due {
                        let when = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                        sheet.write_datetime_with_format(r, col, &when, &date)?;
                    }
                }
                11 => {
                    sheet.write_number_with_format(r, col, row.evidence as f64, &number)?;
                }
                12 => {
                    if let Some(page) = row.page {
                        sheet.write_number_with_format(r, col, f64::from(page), &number)?;
                    }
                }
                c if GRADE_COLUMNS.contains(&c) => {
                    let grade = match c {
                        5 => Some(row.grade),
                        6 => row.previous,
                        _ => row.anticipated,
                    };
                    if let Some(g) = grade {
                        sheet.write_string_with_format(r, col, value, &grade_format(session, g))?;
                    }
                }
                _ => write_text(sheet, r, col, value, &text)?,
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, TRACKER_COLUMNS.len() as u16 - 1)?;

    summary_sheet(workbook.add_worksheet(), input, &header, &text)?;
    workbook.save_to_buffer()
}

/// Write text, cut to what a cell holds (empty cells are left empty).
fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if value.is_empty() {
        return Ok(());
    }
    if value.chars().count() > CELL_MAX_CHARS {
        let mut cut: String = value.chars().take(CELL_MAX_CHARS - 20).collect();
        cut.push_str(" […cut for Excel]");
        sheet.write_string_with_format(row, col, cut, format)?;
    } else {
        sheet.write_string_with_format(row, col, value, format)?;
    }
    Ok(())
}

/// A cell filled with the grade's colour, its text dark or light for contrast.
fn grade_format(session: &Session, grade: Grade) -> Format {
    let colour = parse_hex(&session.grade_scheme.style(grade).colour).unwrap_or(0x888888);
    let ink = if is_light(colour) { 0x000000 } else { 0xFFFFFF };
    Format::new()
        .set_background_color(Color::RGB(colour))
        .set_font_color(Color::RGB(ink))
        .set_bold()
        .set_align(FormatAlign::Top)
}

/// `#rrggbb` as a number.
pub(super) fn parse_hex(colour: &str) -> Option<u32> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    u32::from_str_radix(hex, 16).ok()
}

/// True when dark text reads better than white on this colour (relative luminance).
pub(super) fn is_light(rgb: u32) -> bool {
    let channel = |shift: u32| {
        let c = ((rgb >> shift) & 0xFF) as f64 / 255.0;
        if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
    luminance > 0.179
}

/// The second sheet: the sentence and the count per grade.
fn summary_sheet(
    sheet: &mut Worksheet,
    input: &ReportInput,
    header: &Format,
    text: &Format,
) -> Result<(), XlsxError> {
    let session = input.session;
    let figures = Figures::of(session, &input.cycle, input.today);
    sheet.set_name("Summary")?;
    sheet.set_column_width(0, 24.0)?;
    sheet.set_column_width(1, 10.0)?;
    sheet.set_column_width(2, 10.0)?;
    sheet.write_string_with_format(0, 0, figures.cycle.describe(), header)?;
    sheet.write_string_with_format(1, 0, sentence(session, &figures), text)?;
    for (col, name) in ["Grade", "Count", "Percent"].iter().enumerate() {
        sheet.write_string_with_format(3, col as u16, *name, header)?;
    }
    for (i, g) in figures.grades.iter().enumerate() {
        let r = 4 + i as u32;
        sheet.write_string_with_format(r, 0, &g.name, &grade_format(session, g.grade))?;
        sheet.write_number(r, 1, g.count as f64)?;
        sheet.write_number(r, 2, g.percent as f64)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_picks_dark_ink_on_amber_and_light_on_blue() {
        assert!(is_light(parse_hex("#e09a1a").unwrap()));
        assert!(!is_light(parse_hex("#2f6fd6").unwrap()));
        assert_eq!(parse_hex("2f6fd6"), None);
    }
}
