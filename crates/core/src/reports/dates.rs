//! Calendar arithmetic for reports: a date as a day number, days between dates, completed
//! months between dates. Only `YYYY-MM-DD` as the register stores it is read.

use crate::assets::days_in_month;
use crate::assets::Date;
use crate::stamp::UtcTime;

/// A date as days since 1970-01-01, with its calendar parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DayNumber {
    pub days: i64,
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl DayNumber {
    fn from_parts(year: i64, month: u32, day: u32) -> DayNumber {
        let at = UtcTime {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
        };
        DayNumber {
            days: at.to_ms().div_euclid(86_400_000),
            year,
            month,
            day,
        }
    }

    /// The date `days` after this one (before it when negative).
    pub fn plus_days(self, days: i64) -> DayNumber {
        let at = UtcTime::from_ms((self.days + days) * 86_400_000);
        DayNumber::from_parts(at.year, at.month, at.day)
    }

    pub fn date(self) -> Date {
        Date(format!(
            "{:04}-{:02}-{:02}",
            self.year, self.month, self.day
        ))
    }

    /// Completed months from `earlier` to this date (negative when `earlier` is later): a
    /// month is complete on the same day of the month, or on the month's last day when it is
    /// shorter (bought on 31 January, a month old on 28 February).
    pub fn months_since(self, earlier: DayNumber) -> i64 {
        let mut months =
            (self.year - earlier.year) * 12 + i64::from(self.month) - i64::from(earlier.month);
        let month_end = days_in_month(self.year.clamp(0, 9999) as u32, self.month);
        let reached = self.day >= earlier.day || self.day == month_end;
        if months > 0 && !reached {
            months -= 1;
        } else if months < 0 && self.day > earlier.day {
            months += 1;
        }
        months
    }
}

/// The day number of a stored date; `None` when it is not a real `YYYY-MM-DD` date.
pub fn parse_day(date: &Date) -> Option<DayNumber> {
    let text = date.0.as_str();
    let (year, rest) = text.split_once('-')?;
    let (month, day) = rest.split_once('-')?;
    let (year, month, day): (u32, u32, u32) =
        (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let valid = year.to_string().len() == 4
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day);
    valid.then(|| DayNumber::from_parts(i64::from(year), month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> DayNumber {
        parse_day(&Date(text.into())).expect("a date")
    }

    #[test]
    fn days_and_months_between_dates() {
        assert_eq!(day("2026-03-01").days - day("2026-02-01").days, 28);
        assert_eq!(day("2024-03-01").days - day("2024-02-01").days, 29);
        assert_eq!(day("2026-12-31").plus_days(1).date().0, "2027-01-01");
        assert_eq!(day("2026-11-25").months_since(day("2023-11-25")), 36);
        assert_eq!(day("2026-11-24").months_since(day("2023-11-25")), 35);
        assert_eq!(day("2026-02-28").months_since(day("2026-01-31")), 1);
        assert_eq!(day("2026-01-01").months_since(day("2026-03-15")), -2);
        assert!(parse_day(&Date("2026-02-30".into())).is_none());
        assert!(parse_day(&Date("soon".into())).is_none());
    }
}
