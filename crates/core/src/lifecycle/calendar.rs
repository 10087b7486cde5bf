//! Calendar arithmetic on [`Date`]s (`YYYY-MM-DD`): days between dates, and recurrences that
//! step by days, weeks, months or years. A monthly or yearly step that lands past the end of a
//! month lands on its last day (31 January + 1 month = 28 or 29 February), and every
//! occurrence is counted from the plan's start, so the clamping never accumulates
//! (31 January, 29 February, 31 March, 30 April …).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assets::Date;
use crate::assets::{days_in_month, parse_date};
use crate::stamp::UtcTime;

const MS_PER_DAY: i64 = 86_400_000;

/// A date as days since 1970-01-01.
pub fn day_number(date: &Date) -> Option<i64> {
    let (year, month, day) = parts(date)?;
    let time = UtcTime {
        year: i64::from(year),
        month,
        day,
        hour: 0,
        minute: 0,
        second: 0,
    };
    Some(time.to_ms().div_euclid(MS_PER_DAY))
}

/// The date `days` days since 1970-01-01.
pub fn from_day_number(days: i64) -> Date {
    let time = UtcTime::from_ms(days * MS_PER_DAY);
    Date(format!(
        "{:04}-{:02}-{:02}",
        time.year, time.month, time.day
    ))
}

/// The UTC calendar date of a time in milliseconds.
pub fn date_of_ms(at_ms: i64) -> Date {
    from_day_number(at_ms.div_euclid(MS_PER_DAY))
}

/// `later - earlier` in days (negative when `later` is earlier).
pub fn days_between(earlier: &Date, later: &Date) -> Option<i64> {
    Some(day_number(later)? - day_number(earlier)?)
}

pub fn add_days(date: &Date, days: i64) -> Option<Date> {
    Some(from_day_number(day_number(date)? + days))
}

/// Adds whole months, clamping the day to the target month's length.
pub fn add_months(date: &Date, months: i64) -> Option<Date> {
    let (year, month, day) = parts(date)?;
    let index = i64::from(year) * 12 + i64::from(month) - 1 + months;
    let year = u32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    let day = day.min(days_in_month(year, month));
    Some(Date(format!("{year:04}-{month:02}-{day:02}")))
}

fn parts(date: &Date) -> Option<(u32, u32, u32)> {
    // Dates in documents were validated when written; a damaged one reads as no date.
    let date = parse_date(&date.0)?;
    let mut fields = date.0.split('-').map(|part| part.parse::<u32>().ok());
    Some((fields.next()??, fields.next()??, fields.next()??))
}

/// The unit a recurrence steps by.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    autosurgeon::Reconcile,
    autosurgeon::Hydrate,
    TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Every {
    #[autosurgeon(rename = "days")]
    Days,
    #[autosurgeon(rename = "weeks")]
    Weeks,
    #[autosurgeon(rename = "months")]
    Months,
    #[autosurgeon(rename = "years")]
    Years,
}

/// Every `count` `unit`s from `start`.
#[derive(
    Clone,
    Debug,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    autosurgeon::Reconcile,
    autosurgeon::Hydrate,
    TS,
)]
#[ts(export)]
pub struct Recurrence {
    pub count: u32,
    pub unit: Every,
    pub start: Date,
}

impl Recurrence {
    /// The `k`th occurrence (the start is occurrence 0).
    pub fn occurrence(&self, k: u32) -> Option<Date> {
        let steps = i64::from(k) * i64::from(self.count);
        match self.unit {
            Every::Days => add_days(&self.start, steps),
            Every::Weeks => add_days(&self.start, steps * 7),
            Every::Months => add_months(&self.start, steps),
            Every::Years => add_months(&self.start, steps * 12),
        }
    }

    /// The next occurrence still to do. Work counts for the occurrence nearest the day it was
    /// done (a tie counts for the later one), so the schedule keeps its days: quarterly work
    /// on the 15th done on the 20th, or on the 14th of the next quarter, leaves the one after
    /// due on the 15th again, as a maintenance calendar does. With nothing done, the start.
    pub fn next_due(&self, last_done: Option<&Date>) -> Option<Date> {
        let Some(done) = last_done.and_then(day_number) else {
            return self.occurrence(0);
        };
        if self.count == 0 {
            return None;
        }
        let day = |k: u32| self.occurrence(k).as_ref().and_then(day_number);
        // Jump close by arithmetic, then step: a 10-year-old daily plan takes a few steps.
        let approx_days_per_step = match self.unit {
            Every::Days => 1,
            Every::Weeks => 7,
            Every::Months => 28,
            Every::Years => 365,
        } * i64::from(self.count);
        let start = day(0)?;
        let mut k = u32::try_from(((done - start) / approx_days_per_step - 1).max(0)).ok()?;
        while day(k)? > done && k > 0 {
            k -= 1;
        }
        while day(k + 1)? <= done {
            k += 1;
        }
        // Now occurrence k <= done < occurrence k + 1, or done is before the start (k = 0).
        let (before, after) = (day(k)?, day(k + 1)?);
        let stands_for = if done < before {
            // Before the start: early work for the start only when nearer it than a step.
            if before - done <= (after - before) / 2 {
                k
            } else {
                return self.occurrence(0);
            }
        } else if done - before < after - done {
            k
        } else {
            k + 1
        };
        self.occurrence(stands_for + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date(text.into())
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month_and_do_not_drift() {
        let monthly = Recurrence {
            count: 1,
            unit: Every::Months,
            start: date("2024-01-31"),
        };
        let dates: Vec<String> = (0..5)
            .map(|k| monthly.occurrence(k).map(|d| d.0).unwrap_or_default())
            .collect();
        assert_eq!(
            dates,
            [
                "2024-01-31",
                "2024-02-29",
                "2024-03-31",
                "2024-04-30",
                "2024-05-31"
            ]
        );
        assert_eq!(add_months(&date("2023-01-31"), 1), Some(date("2023-02-28")));
        assert_eq!(add_months(&date("2024-11-30"), 3), Some(date("2025-02-28")));
        assert_eq!(
            add_months(&date("2024-03-31"), -1),
            Some(date("2024-02-29"))
        );
    }

    #[test]
    fn years_from_a_leap_day_land_on_the_28th_and_back_on_the_29th() {
        let yearly = Recurrence {
            count: 1,
            unit: Every::Years,
            start: date("2024-02-29"),
        };
        assert_eq!(yearly.occurrence(1), Some(date("2025-02-28")));
        assert_eq!(yearly.occurrence(4), Some(date("2028-02-29")));
        // 1900 and 2100 are not leap years; 2000 is.
        assert_eq!(
            add_months(&date("2096-02-29"), 48),
            Some(date("2100-02-28"))
        );
        assert_eq!(
            add_months(&date("1996-02-29"), 48),
            Some(date("2000-02-29"))
        );
    }

    #[test]
    fn days_and_weeks_cross_month_year_and_leap_boundaries() {
        assert_eq!(add_days(&date("2024-02-28"), 1), Some(date("2024-02-29")));
        assert_eq!(add_days(&date("2023-02-28"), 1), Some(date("2023-03-01")));
        assert_eq!(add_days(&date("2026-12-31"), 1), Some(date("2027-01-01")));
        assert_eq!(
            days_between(&date("2024-01-01"), &date("2025-01-01")),
            Some(366)
        );
        assert_eq!(
            days_between(&date("2025-01-01"), &date("2026-01-01")),
            Some(365)
        );
        let weekly = Recurrence {
            count: 2,
            unit: Every::Weeks,
            start: date("2026-12-24"),
        };
        assert_eq!(weekly.occurrence(1), Some(date("2027-01-07")));
    }

    #[test]
    fn the_next_due_date_follows_the_schedule_not_the_day_the_work_was_done() {
        let quarterly = Recurrence {
            count: 3,
            unit: Every::Months,
            start: date("2025-01-15"),
        };
        assert_eq!(quarterly.next_due(None), Some(date("2025-01-15")));
        // Done a few days late: the next one is still on the 15th.
        assert_eq!(
            quarterly.next_due(Some(&date("2025-01-20"))),
            Some(date("2025-04-15"))
        );
        // Done early, on the day before it fell due: that occurrence is done.
        assert_eq!(
            quarterly.next_due(Some(&date("2025-04-14"))),
            Some(date("2025-07-15"))
        );
        // Done between two occurrences but nearer the earlier one: the later one is due.
        assert_eq!(
            quarterly.next_due(Some(&date("2025-02-20"))),
            Some(date("2025-04-15"))
        );
        // Before the plan started, long before: the start is due; just before: the next.
        assert_eq!(
            quarterly.next_due(Some(&date("2024-06-01"))),
            Some(date("2025-01-15"))
        );
        assert_eq!(
            quarterly.next_due(Some(&date("2025-01-10"))),
            Some(date("2025-04-15"))
        );
        assert_eq!(
            quarterly.next_due(Some(&date("2025-04-15"))),
            Some(date("2025-07-15"))
        );
        // Years later, the arithmetic jump lands on the right occurrence.
        assert_eq!(
            quarterly.next_due(Some(&date("2031-07-01"))),
            Some(date("2031-10-15"))
        );
        let daily = Recurrence {
            count: 1,
            unit: Every::Days,
            start: date("2016-01-01"),
        };
        assert_eq!(
            daily.next_due(Some(&date("2026-12-06"))),
            Some(date("2026-12-07"))
        );
    }
}
