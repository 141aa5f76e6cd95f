//! A calendar date (proleptic Gregorian), parsed from and printed as ISO 8601.
//!
//! The core needs only day precision: consent dates, protocol validity and
//! archive names. `today` always comes from the caller (the browser's local
//! date, or a fixed date in tests), so the core stays deterministic.

use crate::error::Code;
use std::fmt;

/// A valid calendar day between the years 1900 and 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Builds a date, checking that the day exists.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        (day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Result<Date, Code> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(Code::InvalidDate);
        }
        let num = |r: std::ops::Range<usize>| -> Result<u16, Code> {
            let mut v: u16 = 0;
            for &c in &b[r] {
                if !c.is_ascii_digit() {
                    return Err(Code::InvalidDate);
                }
                v = v * 10 + u16::from(c - b'0');
            }
            Ok(v)
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        Date::new(y, m as u8, d as u8).ok_or(Code::InvalidDate)
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }
    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// `YYYYMMDD`, for archive names.
    pub fn compact(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }

    /// Dutch long form, e.g. `24 november 2026`.
    pub fn dutch(self) -> String {
        const MONTHS: [&str; 12] = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ];
        let name = MONTHS
            .get(usize::from(self.month) - 1)
            .copied()
            .unwrap_or("");
        format!("{} {} {}", self.day, name, self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let table = [
            ("2026-11-24", true),
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("2000-02-29", true),
            ("1900-02-29", false),
            ("2026-13-01", false),
            ("2026-04-31", false),
            ("2026-1-01", false),
            ("26-11-2024", false),
            ("2026-11-2x", false),
            ("", false),
            ("２０２６-11-24", false),
        ];
        for (s, ok) in table {
            let r = Date::parse_iso(s);
            assert_eq!(r.is_ok(), ok, "{s}");
            if let Ok(d) = r {
                assert_eq!(d.to_string(), s);
            }
        }
    }

    #[test]
    fn orders_and_formats() {
        let a = Date::parse_iso("2023-12-01").unwrap();
        let b = Date::parse_iso("2024-04-18").unwrap();
        assert!(a < b);
        assert_eq!(b.compact(), "20240418");
        assert_eq!(a.dutch(), "1 december 2023");
    }
}
