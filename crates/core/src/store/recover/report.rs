//! What a recovery brought back and what it could not, by record.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use crate::store::WorkspaceMeta;

/// One record: its kind (the document id's prefix), id and title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RecoveredRecord {
    pub kind: String,
    pub id: String,
    /// The record's title as its kind gives it; empty when nothing readable names it.
    pub title: String,
}

impl RecoveredRecord {
    pub(super) fn new(doc_id: &str, title: String) -> RecoveredRecord {
        let (kind, id) = doc_id.split_once('/').unwrap_or(("", doc_id));
        RecoveredRecord {
            kind: kind.to_owned(),
            id: id.to_owned(),
            title,
        }
    }
}

#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkspaceRecovery {
    pub workspace: WorkspaceMeta,
    pub recovered: Vec<RecoveredRecord>,
    /// Records the damaged store named whose every version is damaged.
    pub lost: Vec<RecoveredRecord>,
    pub blobs_recovered: usize,
    pub blobs_lost: usize,
}

#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecoveryReport {
    /// The damaged store, copied aside and never written after.
    #[ts(type = "string")]
    pub damaged_copy: PathBuf,
    /// This report as text, beside the copy.
    #[ts(type = "string")]
    pub report_file: PathBuf,
    pub workspaces: Vec<WorkspaceRecovery>,
}

impl RecoveryReport {
    pub fn recovered_count(&self) -> usize {
        self.workspaces.iter().map(|w| w.recovered.len()).sum()
    }

    pub fn lost_count(&self) -> usize {
        self.workspaces.iter().map(|w| w.lost.len()).sum()
    }

    /// The report in English, as the CLI prints it and the file beside the copy holds it.
    pub fn text(&self) -> String {
        let mut out = format!(
            "Recovered {} records; {} lost.\nThe damaged store was kept unchanged in {}\n",
            self.recovered_count(),
            self.lost_count(),
            self.damaged_copy.display()
        );
        for workspace in &self.workspaces {
            out.push_str(&format!(
                "\nWorkspace {}: {} recovered, {} lost, {} files recovered, {} files lost\n",
                workspace.workspace.name,
                workspace.recovered.len(),
                workspace.lost.len(),
                workspace.blobs_recovered,
                workspace.blobs_lost
            ));
            for record in &workspace.lost {
                out.push_str(&format!("  lost      {}\n", line(record)));
            }
            for record in &workspace.recovered {
                out.push_str(&format!("  recovered {}\n", line(record)));
            }
        }
        out.push_str(
            "\nA record is named as lost when something readable still names it; one the damage \
             left no trace of cannot be. The next sync fetches everything the team server has \
             for each synced workspace.\n",
        );
        out
    }
}

fn line(record: &RecoveredRecord) -> String {
    if record.title.is_empty() {
        format!("{} {}", record.kind, record.id)
    } else {
        format!("{} {} ({})", record.kind, record.id, record.title)
    }
}
