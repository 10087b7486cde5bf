//! Who made a change and when. Passed into every mutating call; core never reads a clock.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The local user profile that authors changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Author {
    pub name: String,
    pub initials: String,
}

impl Author {
    pub fn new(name: impl Into<String>, initials: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            initials: initials.into(),
        }
    }

    /// The author to record until the user sets a profile: the operating-system user name.
    pub fn from_os_user(user: Option<&str>) -> Self {
        Self::from_name(
            user.map(str::trim)
                .filter(|name| !name.is_empty())
                .unwrap_or("Cloudwright"),
        )
    }

    /// An author from a bare name: Hangul names give their first two syllables (`김민준` → `김민`),
    /// others the first letters of their first two words (`Jane Doe` → `JD`).
    pub fn from_name(name: &str) -> Self {
        let name = name.trim();
        let initials: String = if name
            .chars()
            .next()
            .is_some_and(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
        {
            name.chars()
                .filter(|c| !c.is_whitespace())
                .take(2)
                .collect()
        } else {
            let words: Vec<&str> = name.split_whitespace().collect();
            match words.as_slice() {
                [one] => one.chars().take(2).collect(),
                _ => words
                    .iter()
                    .take(2)
                    .filter_map(|word| word.chars().next())
                    .collect(),
            }
        };
        Self {
            name: name.to_owned(),
            initials: initials.to_uppercase(),
        }
    }
}

/// Who is behind a change: the team server's account the device is logged in as, or, before
/// any login, the device's local identity (a ULID made once per data directory). The server
/// accepts a change naming an account only from that account, and one naming a local
/// identity only from the account that claimed it (the first to log in with it); so once a
/// change is on the server its author is known, which the history shows as verified.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Identity {
    /// Written by code that acts for nobody in particular (tests, migrations, demos).
    #[default]
    Unnamed,
    /// The team server's stable account id.
    Account(String),
    /// The device's own identity, before any login.
    Local(String),
}

/// An author plus the time of the change, in milliseconds since the Unix epoch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// How the author is shown (the account's display name once logged in).
    pub author: Author,
    pub at_ms: i64,
    /// Who the change is recorded as being by.
    pub by: Identity,
}

impl Stamp {
    pub fn new(author: Author, at_ms: i64) -> Self {
        Self {
            author,
            at_ms,
            by: Identity::Unnamed,
        }
    }

    pub fn by(self, by: Identity) -> Self {
        Self { by, ..self }
    }
}

/// What every Automerge change message carries, versioned because it is persisted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeMessage {
    pub v: u32,
    pub author: Author,
    /// What kind of operation made the change: `register`, `edit`, `import`, `migrate`, `demo`.
    pub op: String,
    /// The account the change is by (its stable id on the team server); absent before a login
    /// and in messages written before accounts (which older readers ignore).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The device's local identity, for a change made before any login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<String>,
}

impl ChangeMessage {
    pub const VERSION: u32 = 1;

    pub fn new(author: &Author, op: &str) -> Self {
        Self {
            v: Self::VERSION,
            author: author.clone(),
            op: op.to_owned(),
            account: None,
            local: None,
        }
    }

    /// The message of a change made by `stamp` as `op`.
    pub fn of(stamp: &Stamp, op: &str) -> Self {
        let (account, local) = match &stamp.by {
            Identity::Unnamed => (None, None),
            Identity::Account(id) => (Some(id.clone()), None),
            Identity::Local(id) => (None, Some(id.clone())),
        };
        Self {
            account,
            local,
            ..Self::new(&stamp.author, op)
        }
    }

    /// Who the message says the change is by.
    pub fn identity(&self) -> Identity {
        match (&self.account, &self.local) {
            (Some(account), _) => Identity::Account(account.clone()),
            (None, Some(local)) => Identity::Local(local.clone()),
            (None, None) => Identity::Unnamed,
        }
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a change message; messages from unknown writers still yield an author.
    pub fn decode(message: Option<&str>) -> Self {
        message
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_else(|| Self::new(&Author::new("?", "?"), "unknown"))
    }
}

/// A moment in UTC, for file names and plain-text output (the UI formats times itself, in
/// the user's locale and time zone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UtcTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl UtcTime {
    pub fn from_ms(at_ms: i64) -> UtcTime {
        let seconds = at_ms.div_euclid(1000);
        // Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
        let z = seconds.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let rem = seconds.rem_euclid(86_400) as u32;
        UtcTime {
            year: yoe + era * 400 + i64::from(month <= 2),
            month,
            day,
            hour: rem / 3600,
            minute: rem % 3600 / 60,
            second: rem % 60,
        }
    }

    /// Milliseconds since 1970-01-01 UTC (the inverse of `from_ms`, Hinnant's
    /// days_from_civil).
    pub fn to_ms(&self) -> i64 {
        let year = self.year - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let month = i64::from(self.month);
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        let seconds =
            i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second);
        (days * 86_400 + seconds) * 1000
    }

    /// `20261125-092300`, for file names.
    pub fn compact(&self) -> String {
        format!(
            "{:04}{:02}{:02}-{:02}{:02}{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

impl std::fmt::Display for UtcTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{Author, UtcTime};

    #[test]
    fn utc_times_go_to_milliseconds_and_back() {
        for at_ms in [
            0,
            951_782_400_000,
            1_709_164_800_000,
            1_796_515_200_000,
            -86_400_000,
        ] {
            assert_eq!(UtcTime::from_ms(at_ms).to_ms(), at_ms, "{at_ms}");
        }
        let leap_day = UtcTime {
            year: 2024,
            month: 2,
            day: 29,
            hour: 0,
            minute: 0,
            second: 0,
        };
        assert_eq!(leap_day.to_ms(), 1_709_164_800_000);
    }

    #[test]
    fn initials_follow_korean_and_latin_names() {
        assert_eq!(Author::from_name("김민준").initials, "김민");
        assert_eq!(Author::from_name(" 김 민준 ").initials, "김민");
        assert_eq!(Author::from_name("Jane Doe").initials, "JD");
        assert_eq!(Author::from_name("jane").initials, "JA");
        assert_eq!(Author::from_os_user(Some("  ")).name, "Cloudwright");
    }

    #[test]
    fn utc_times_follow_the_calendar() {
        assert_eq!(
            super::UtcTime::from_ms(0).to_string(),
            "1970-01-01 00:00:00 UTC"
        );
        assert_eq!(
            super::UtcTime::from_ms(1_709_164_800_000).to_string(),
            "2024-02-29 00:00:00 UTC"
        );
        assert_eq!(
            super::UtcTime::from_ms(1_764_062_580_000).compact(),
            "20251125-092300"
        );
        assert_eq!(
            super::UtcTime::from_ms(-1).to_string(),
            "1969-12-31 23:59:59 UTC"
        );
    }
}
