//! Due dates as trackers write them: ISO (`2019-11-30`), day-first (`30/11/2019`,
//! `30.11.2019`), in words (`30 November 2019`, `30 Nov 2019`), a month (`November 2019`,
//! the month's last day) or a quarter (`Q4 2019`, the quarter's last day), or an Excel
//! serial number.

use jiff::ToSpan;
use jiff::civil::Date;

/// The date `text` means, if it is one of the accepted forms.
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    // An ISO date, possibly with a time after it (as spreadsheets export dates).
    if let Some(head) = t.get(..10)
        && let Ok(d) = head.parse::<Date>()
        && t[10..].chars().next().is_none_or(|c| c == 'T' || c == ' ')
    {
        return Some(d);
    }
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) {
        let (d, m, y) = (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse::<i16>().ok()?);
        return (y >= 1900).then(|| Date::new(y, m, d).ok()).flatten();
    }
    let words: Vec<String> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    match words.as_slice() {
        [day, month, year] => {
            let day: i8 = day.trim_end_matches(|c: char| c.is_alphabetic()).parse().ok()?;
            Date::new(year.parse().ok()?, month_number(month)?, day).ok()
        }
        [first, year] if first.starts_with('q') => {
            let quarter: i8 = first[1..].parse().ok()?;
            (1..=4).contains(&quarter).then(|| last_day(year.parse().ok()?, quarter * 3)).flatten()
        }
        [month, year] => last_day(year.parse().ok()?, month_number(month)?),
        [serial] => {
            // An Excel serial day number (1900 system) in a plausible range.
            let n: i64 = serial.parse().ok()?;
            (20_000..=80_000)
                .contains(&n)
                .then(|| Date::new(1899, 12, 30).ok()?.checked_add(n.days()).ok())
                .flatten()
        }
        _ => None,
    }
}

fn month_number(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .zip(full)
        .position(|(short, long)| long.starts_with(word) && word.starts_with(short))
        .map(|i| i as i8 + 1)
}

fn last_day(year: i16, month: i8) -> Option<Date> {
    Date::new(year, month, 1).ok().map(|d| d.last_of_month())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracker_date_forms() {
        let d = |y, m, day| Some(Date::new(y, m, day).unwrap());
        assert_eq!(parse_date("2019-11-30"), d(2019, 11, 30));
        assert_eq!(parse_date("2019-11-30T00:00:00"), d(2019, 11, 30));
        assert_eq!(parse_date("30/11/2019"), d(2019, 11, 30));
        assert_eq!(parse_date("1.2.2019"), d(2019, 2, 1));
        assert_eq!(parse_date("30 November 2019"), d(2019, 11, 30));
        assert_eq!(parse_date("30th Nov 2019"), d(2019, 11, 30));
        assert_eq!(parse_date("November 2019"), d(2019, 11, 30));
        assert_eq!(parse_date("Sept 2019"), d(2019, 9, 30));
        assert_eq!(parse_date("Q4 2019"), d(2019, 12, 31));
        assert_eq!(parse_date("43799"), d(2019, 11, 30));
        for bad in ["", "soon", "31/02/2019", "Q5 2019", "2019-13-01", "12", "Smarch 2019", "30/11/19"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
