//! A cycle as figures and exports name it: id, label and as-of date, with the date written
//! as a stock-take writes it ("24 January 2019").

use crate::model::Session;
use jiff::civil::Date;
use serde::Serialize;

/// A review cycle's id, label and date, copied out of the session for a figure or report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CycleRef {
    /// Cycle id.
    pub id: String,
    /// Label shown to the reviewer.
    pub label: String,
    /// The date the grades describe, if recorded.
    pub as_of: Option<Date>,
}

impl CycleRef {
    /// The cycle `id` of `session` (its id as label when the session has no such cycle).
    pub fn of(session: &Session, id: &str) -> CycleRef {
        match session.cycle(id) {
            Some(c) => CycleRef { id: c.id.clone(), label: c.label.clone(), as_of: c.as_of },
            None => CycleRef { id: id.to_owned(), label: id.to_owned(), as_of: None },
        }
    }

    /// The label, with the date when there is one: "January 2019 (24 January 2019)".
    pub fn describe(&self) -> String {
        match self.as_of {
            Some(d) if !self.label.contains(&long_date(d)) => format!("{} ({})", self.label, long_date(d)),
            _ => self.label.clone(),
        }
    }
}

/// A date as a stock-take report writes it: "24 January 2019".
pub fn long_date(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS.get(usize::try_from(date.month() - 1).unwrap_or(0)).copied().unwrap_or("");
    format!("{} {} {}", date.day(), month, date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_read_like_the_report() {
        assert_eq!(long_date(Date::new(2019, 1, 24).unwrap()), "24 January 2019");
        assert_eq!(long_date(Date::new(2019, 12, 1).unwrap()), "1 December 2019");
    }
}
