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

/// An author plus the time of the change, in milliseconds since the Unix epoch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub author: Author,
    pub at_ms: i64,
}

impl Stamp {
    pub fn new(author: Author, at_ms: i64) -> Self {
        Self { author, at_ms }
    }
}

/// What every Automerge change message carries, versioned because it is persisted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeMessage {
    pub v: u32,
    pub author: Author,
    /// What kind of operation made the change: `register`, `edit`, `import`, `migrate`, `demo`.
    pub op: String,
}

impl ChangeMessage {
    pub const VERSION: u32 = 1;

    pub fn new(author: &Author, op: &str) -> Self {
        Self {
            v: Self::VERSION,
            author: author.clone(),
            op: op.to_owned(),
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

#[cfg(test)]
mod tests {
    use super::Author;

    #[test]
    fn initials_follow_korean_and_latin_names() {
        assert_eq!(Author::from_name("김민준").initials, "김민");
        assert_eq!(Author::from_name(" 김 민준 ").initials, "김민");
        assert_eq!(Author::from_name("Jane Doe").initials, "JD");
        assert_eq!(Author::from_name("jane").initials, "JA");
        assert_eq!(Author::from_os_user(Some("  ")).name, "Cloudwright");
    }
}
