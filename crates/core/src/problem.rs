//! Why an input was refused, in one shape for every area: the field it is about, a code the UI
//! words, the value as given. Each area keeps its own vocabulary of codes (an enum that
//! implements [`ProblemCode`]) and its own error type; what crosses to the CLI and the UI is
//! always a list of [`Problem`]s.
//!
//! ```
//! use cloudwright_core::problem::{Problem, ProblemCode};
//!
//! #[derive(Clone, Copy)]
//! enum Code { Required }
//! impl ProblemCode for Code {
//!     fn code(self) -> &'static str { "required" }
//!     fn english(self, _value: &str) -> String { "is required".into() }
//! }
//! let problem = Problem::new("name", Code::Required, "");
//! assert!(problem.is(Code::Required));
//! assert_eq!(problem.to_string(), "name: is required");
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One area's vocabulary of reasons. `code` is what the UI looks its words up by (snake case,
/// the same as the enum's serde name); `english` is the CLI's text and the UI's fallback.
pub trait ProblemCode: Copy {
    fn code(self) -> &'static str;
    /// The reason in English, given the refused value (without the field's name).
    fn english(self, value: &str) -> String;
}

/// One thing wrong with an input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Problem {
    /// The input it is about as forms and the CLI name it (`asset_tag`, `bottom_hu`); empty
    /// when it is about the record as a whole (its state, not a value typed).
    pub field: String,
    /// Why, as a code the UI words (`required`, `invalid_date`, `port_taken`).
    pub code: String,
    /// The value as given.
    pub value: String,
    /// The line of the file the value came from, when it came from a file.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Further named facts the words need (the cable holding a port, a rack's height).
    #[ts(optional, type = "Record<string, string>")]
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub detail: BTreeMap<String, String>,
    /// The reason in English: what the CLI prints, and the UI shows for a code it does not
    /// know (one from a newer version).
    pub message: String,
}

impl Problem {
    pub fn new(field: impl Into<String>, code: impl ProblemCode, value: impl Into<String>) -> Self {
        let value = value.into();
        Self {
            field: field.into(),
            code: code.code().to_owned(),
            message: code.english(&value),
            value,
            line: None,
            detail: BTreeMap::new(),
        }
    }

    /// From a rule's own problem type, an enum serialized with its variant as `code` (serde's
    /// `tag = "code"`): its other fields become `detail` (a nested one as `outer_inner`, a list
    /// joined with commas), its
    /// `Display` the message.
    pub fn tagged(field: &str, problem: &(impl Serialize + std::fmt::Display)) -> Self {
        let mut detail = BTreeMap::new();
        let mut code = String::new();
        if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(problem) {
            for (name, value) in map {
                if name == "code" {
                    code = value.as_str().unwrap_or_default().to_owned();
                } else {
                    flatten(&mut detail, name, value);
                }
            }
        }
        Self {
            field: field.to_owned(),
            code,
            value: String::new(),
            line: None,
            detail,
            message: problem.to_string(),
        }
    }

    /// About the record as a whole (no field).
    pub fn state(code: impl ProblemCode) -> Self {
        Self::new("", code, "")
    }

    /// Whether this is a problem of `code`.
    pub fn is(&self, code: impl ProblemCode) -> bool {
        self.code == code.code()
    }

    /// With a named fact the words need.
    #[must_use]
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.detail.insert(name.to_owned(), value.to_string());
        self
    }

    /// With the English text given whole (when it needs the facts in `detail`).
    #[must_use]
    pub fn saying(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Found at `line` of a file.
    #[must_use]
    pub fn at_line(mut self, line: u32) -> Self {
        self.line = Some(line);
        self
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for Problem {}

fn flatten(detail: &mut BTreeMap<String, String>, name: String, value: serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (inner, value) in map {
                flatten(detail, format!("{name}_{inner}"), value);
            }
        }
        serde_json::Value::String(text) => {
            detail.insert(name, text);
        }
        serde_json::Value::Null => {}
        serde_json::Value::Array(items) => {
            let items: Vec<String> = items
                .into_iter()
                .map(|item| match item {
                    serde_json::Value::String(text) => text,
                    other => other.to_string(),
                })
                .collect();
            detail.insert(name, items.join(", "));
        }
        other => {
            detail.insert(name, other.to_string());
        }
    }
}

/// Problems one per line, as the CLI and error messages print them.
pub fn lines(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[derive(Clone, Copy)]
    enum Code {
        TooLong,
        Taken,
    }

    impl ProblemCode for Code {
        fn code(self) -> &'static str {
            match self {
                Code::TooLong => "too_long",
                Code::Taken => "taken",
            }
        }
        fn english(self, value: &str) -> String {
            match self {
                Code::TooLong => format!("'{value}' is too long"),
                Code::Taken => "is taken".into(),
            }
        }
    }

    #[test]
    fn a_problem_serializes_as_field_code_value_with_its_facts_only_when_present() {
        let bare = Problem::new("name", Code::TooLong, "x");
        assert_eq!(
            serde_json::to_value(&bare).unwrap(),
            serde_json::json!({"field": "name", "code": "too_long", "value": "x",
                "message": "'x' is too long"})
        );
        let full = Problem::new("port", Code::Taken, "eth0")
            .with("label", "C-0001")
            .at_line(7);
        let json = serde_json::to_value(&full).unwrap();
        assert_eq!(json["detail"]["label"], "C-0001");
        assert_eq!(json["line"], 7);
        assert_eq!(full.to_string(), "line 7: port: is taken");
        assert!(full.is(Code::Taken) && !full.is(Code::TooLong));
        let back: Problem = serde_json::from_value(json).unwrap();
        assert_eq!(back, full);
    }

    #[derive(Serialize)]
    #[serde(tag = "code", rename_all = "snake_case")]
    enum Rule {
        PortTaken {
            end: End,
            label: String,
            units: u32,
            columns: Vec<String>,
        },
    }

    #[derive(Serialize)]
    struct End {
        port: String,
        far: Option<String>,
    }

    impl std::fmt::Display for Rule {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "the port is taken")
        }
    }

    #[test]
    fn a_rules_own_problem_becomes_a_problem_with_its_facts_as_detail() {
        let rule = Rule::PortTaken {
            end: End {
                port: "eth0".into(),
                far: None,
            },
            label: "C-7".into(),
            units: 2,
            columns: vec!["a".into(), "b".into()],
        };
        let problem = Problem::tagged("a", &rule);
        assert_eq!(problem.code, "port_taken");
        assert_eq!(problem.field, "a");
        assert_eq!(problem.message, "the port is taken");
        let detail: Vec<(&str, &str)> = problem
            .detail
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            detail,
            [
                ("columns", "a, b"),
                ("end_port", "eth0"),
                ("label", "C-7"),
                ("units", "2")
            ]
        );
    }

    #[test]
    fn a_problem_about_the_whole_record_names_no_field() {
        let problem = Problem::state(Code::Taken);
        assert_eq!(problem.field, "");
        assert_eq!(problem.to_string(), "is taken");
    }
}
