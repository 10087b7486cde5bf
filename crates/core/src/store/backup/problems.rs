//! A refused export, import or restore as [`Problem`]s, the one shape refusals take to the UI:
//! what is wrong with the folder the user named (under its field, `folder`), and each damaged
//! file of an export (about the export as a whole, the file as the value).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{BackupError, Damage, DamageKind};
use crate::problem::{Problem, ProblemCode};

/// The field a folder the user named is refused under.
pub const FOLDER_FIELD: &str = "folder";

/// Why a workspace folder was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BackupCode {
    /// An export goes into a new or empty folder.
    FolderNotEmpty,
    /// The folder holds no readable `manifest.json` of this format.
    NotAnExport,
    /// Written by a newer Cloudwright (detail `found`, `supported`).
    ExportTooNew,
    /// This data directory already has the exported workspace (detail `name`).
    WorkspaceAlreadyHere,
    FileMissing,
    /// Detail `expected` and `found`, in bytes.
    FileWrongSize,
    FileWrongHash,
    FileUnreadable,
}

impl ProblemCode for BackupCode {
    fn code(self) -> &'static str {
        match self {
            BackupCode::FolderNotEmpty => "folder_not_empty",
            BackupCode::NotAnExport => "not_an_export",
            BackupCode::ExportTooNew => "export_too_new",
            BackupCode::WorkspaceAlreadyHere => "workspace_already_here",
            BackupCode::FileMissing => "file_missing",
            BackupCode::FileWrongSize => "file_wrong_size",
            BackupCode::FileWrongHash => "file_wrong_hash",
            BackupCode::FileUnreadable => "file_unreadable",
        }
    }

    fn english(self, value: &str) -> String {
        match self {
            BackupCode::FolderNotEmpty => {
                format!("{value} already exists and is not empty: export into a new folder")
            }
            BackupCode::NotAnExport => format!("{value} is not a Cloudwright workspace export"),
            BackupCode::ExportTooNew => format!("{value} was written by a newer Cloudwright"),
            BackupCode::WorkspaceAlreadyHere => {
                format!("this data directory already has the workspace in {value}")
            }
            BackupCode::FileMissing => format!("{value} is missing"),
            BackupCode::FileWrongSize => {
                format!("{value} does not have the size the manifest says")
            }
            BackupCode::FileWrongHash => {
                format!("{value} does not match the manifest's SHA-256 (changed or damaged)")
            }
            BackupCode::FileUnreadable => format!("{value} cannot be read"),
        }
    }
}

fn damage_problem(damage: &Damage) -> Problem {
    let (code, facts): (BackupCode, Vec<(&str, String)>) = match &damage.problem {
        DamageKind::Missing => (BackupCode::FileMissing, vec![]),
        DamageKind::WrongSize { expected, found } => (
            BackupCode::FileWrongSize,
            vec![
                ("expected", expected.to_string()),
                ("found", found.to_string()),
            ],
        ),
        DamageKind::WrongHash => (BackupCode::FileWrongHash, vec![]),
        DamageKind::Unreadable(reason) => {
            (BackupCode::FileUnreadable, vec![("reason", reason.clone())])
        }
    };
    facts
        .into_iter()
        .fold(
            Problem::new("", code, damage.file.as_str()),
            |problem, (name, value)| problem.with(name, value),
        )
        .saying(damage.to_string())
}

impl BackupError {
    /// What was refused, as problems: the folder's under [`FOLDER_FIELD`], every damaged file
    /// of a damaged export; none for failures that are not about the folder (a disk error).
    pub fn problems(&self) -> Vec<Problem> {
        let folder = |code: BackupCode, path: &std::path::Path| {
            Problem::new(FOLDER_FIELD, code, path.display().to_string()).saying(self.to_string())
        };
        match self {
            BackupError::TargetNotEmpty(path) => vec![folder(BackupCode::FolderNotEmpty, path)],
            BackupError::NotAnExport { path, reason } => {
                vec![folder(BackupCode::NotAnExport, path).with("reason", reason)]
            }
            BackupError::TooNew {
                path,
                found,
                supported,
            } => vec![folder(BackupCode::ExportTooNew, path)
                .with("found", found)
                .with("supported", supported)],
            BackupError::WorkspaceExists { name, .. } => vec![Problem::new(
                FOLDER_FIELD,
                BackupCode::WorkspaceAlreadyHere,
                name.as_str(),
            )
            .with("name", name)
            .saying(self.to_string())],
            BackupError::Damaged { damages, .. } => damages.iter().map(damage_problem).collect(),
            BackupError::Io { .. } | BackupError::UnknownBackup(_) | BackupError::Store(_) => {
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn a_damaged_export_names_every_damaged_file_with_its_facts() {
        let error = BackupError::Damaged {
            path: PathBuf::from("/x"),
            damages: vec![
                Damage {
                    file: "docs/asset%2F01.automerge".into(),
                    problem: DamageKind::WrongSize {
                        expected: 10,
                        found: 7,
                    },
                },
                Damage {
                    file: "blobs/ab".into(),
                    problem: DamageKind::Missing,
                },
            ],
        };
        let problems = error.problems();
        assert_eq!(problems.len(), 2);
        assert!(problems[0].is(BackupCode::FileWrongSize));
        assert_eq!(problems[0].field, "");
        assert_eq!(problems[0].value, "docs/asset%2F01.automerge");
        assert_eq!(problems[0].detail["expected"], "10");
        assert_eq!(problems[0].detail["found"], "7");
        assert!(problems[1].is(BackupCode::FileMissing));
        assert_eq!(problems[1].message, "blobs/ab is missing");
    }

    #[test]
    fn a_refused_folder_is_a_problem_under_the_folder_field() {
        let error = BackupError::TargetNotEmpty(PathBuf::from("/home/kim/export"));
        let problems = error.problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, FOLDER_FIELD);
        assert!(problems[0].is(BackupCode::FolderNotEmpty));
        assert_eq!(problems[0].value, "/home/kim/export");
        let here = BackupError::WorkspaceExists {
            id: "01W".into(),
            name: "평택 1센터".into(),
        };
        assert!(here.problems()[0].is(BackupCode::WorkspaceAlreadyHere));
        assert_eq!(here.problems()[0].detail["name"], "평택 1센터");
    }
}
