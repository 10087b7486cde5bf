//! The findings inbox: what a merge left for a person to decide. Fields edited concurrently
//! on two devices, asset tags that two assets ended up sharing, rack and cable rules broken
//! by merges, asset locations older versions wrote that name no place. Limits crossed and
//! failed tests are alerts (`crate::alerts`), not findings.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cables::rules::CableInvariant;
use crate::ids::AssetId;
use crate::lifecycle::DecisionCheck;
use crate::purchasing::Budget;
use crate::racks::{RackInvariant, UnresolvedLocation};
use crate::record::conflicts::{self, FieldConflict};
use crate::stamp::Stamp;
use crate::store::kv::Batch;
use crate::store::{StoreError, Workspace};
use crate::sync::aside::SetAside;
use crate::sync::client::FileTooLarge;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Finding {
    /// One field of a record (of any kind) holds concurrent values.
    Conflict {
        /// The record's document id (`asset/…`, `rack/…`, `cable/…`).
        doc_id: String,
        /// Its kind, the document id's prefix.
        record_kind: String,
        /// How a person recognises it: an asset tag, a rack's name, a cable's label.
        title: String,
        conflict: FieldConflict,
    },
    /// Several assets share one asset tag (each device checked, the merge could not).
    DuplicateTag { tag: String, assets: Vec<AssetId> },
    /// A rack rule broken in merged state (two devices in one unit, past the top, one asset
    /// in two places), with what its one-click resolution needs.
    RackRule { invariant: RackInvariant },
    /// A cable rule broken in merged state: two cables in one port, one label on two cables,
    /// or a kind that does not fit its port. `port` and `labels` say which, for people.
    CableRule {
        invariant: CableInvariant,
        port: String,
        labels: Vec<String>,
    },
    /// A decision others rely on (a disposal approved, a wipe verified) that does not hold by
    /// the roster: unsigned in a team's workspace, signed by someone not entitled at the time,
    /// with a revoked key, over content changed since, or with a bad signature. Nothing to
    /// click: an entitled member decides again.
    Decision {
        doc_id: String,
        /// The asset's tag.
        title: String,
        check: DecisionCheck,
    },
    /// A record this device keeps but does not list (see `sync::aside`): made by a newer
    /// version of Cloudwright (update to see it), damaged, or refused by the team server
    /// (the edits stay here and go again with its next edit). The sync goes on around it.
    SetAside {
        /// Its kind, the document id's prefix.
        record_kind: String,
        /// How a person recognises it, when this device still lists an earlier version.
        title: String,
        aside: SetAside,
    },
    /// A file the team server refused as larger than it takes: kept on this device only,
    /// tried again a day later; everything else syncs.
    FileTooLarge { file: FileTooLarge },
    /// An asset whose location names places that could not be made real (a rack without its
    /// room, a unit past an existing rack's top): written by an older version, to be fixed
    /// in the asset's form (`racks::locations`).
    Location { unresolved: UnresolvedLocation },
    /// Two or more budgets for one budget line and year (two devices added it offline): each
    /// is still found by its id, but `YEAR/LINE` names none of them. Settled in each one's
    /// form: told apart (another line or year), or one set to the other's numbers and kept.
    DuplicateBudget {
        #[ts(type = "number")]
        year: i64,
        line: String,
        /// In id order.
        budgets: Vec<Budget>,
    },
}

impl Workspace {
    /// Every open finding: conflicts first (by document), then duplicate tags, rack rules,
    /// cable rules, decisions, budgets sharing a line, locations, files and set-aside records.
    pub fn findings(&self) -> Result<Vec<Finding>, StoreError> {
        let mut found = Vec::new();
        for (doc_id, list) in conflicts::all(self.tree.as_ref())? {
            let title = self.registry().title(self.indexes(), &doc_id);
            let kind = crate::record::prefix_of(&doc_id).to_owned();
            for conflict in list {
                found.push(Finding::Conflict {
                    doc_id: doc_id.clone(),
                    record_kind: kind.clone(),
                    title: title.clone(),
                    conflict,
                });
            }
        }
        let index = self.index();
        found.extend(
            index
                .duplicate_tags()
                .into_iter()
                .map(|(tag, assets)| Finding::DuplicateTag { tag, assets }),
        );
        drop(index);
        let places = self.places();
        found.extend(
            places
                .invariants()
                .into_iter()
                .map(|invariant| Finding::RackRule { invariant }),
        );
        drop(places);
        found.extend(
            self.cable_findings()
                .into_iter()
                .map(|broken| Finding::CableRule {
                    invariant: broken.invariant,
                    port: broken.port,
                    labels: broken.labels,
                }),
        );
        found.extend(
            self.decision_findings()?
                .into_iter()
                .map(|(doc_id, title, check)| Finding::Decision {
                    doc_id,
                    title,
                    check,
                }),
        );
        found.extend(self.duplicate_budgets().into_iter().filter_map(|budgets| {
            let first = budgets.first()?;
            Some(Finding::DuplicateBudget {
                year: first.year,
                line: first.line.clone(),
                budgets,
            })
        }));
        found.extend(
            self.unresolved_locations()
                .into_iter()
                .map(|unresolved| Finding::Location { unresolved }),
        );
        for file in self.files_too_large()? {
            found.push(Finding::FileTooLarge { file });
        }
        for aside in self.set_aside()? {
            found.push(Finding::SetAside {
                record_kind: crate::record::prefix_of(&aside.doc_id).to_owned(),
                title: self.registry().title(self.indexes(), &aside.doc_id),
                aside,
            });
        }
        Ok(found)
    }

    /// Settles a conflicted field of any record on the value at `choice` (an index into the
    /// conflict's values), as one change that replaces every concurrent value.
    pub fn resolve_conflict(
        &self,
        doc_id: &str,
        path: &str,
        choice: usize,
        stamp: &Stamp,
    ) -> Result<(), FindingError> {
        if !self.registry().knows(doc_id) {
            return Err(FindingError::NotFound(doc_id.to_owned()));
        }
        let mut cache = self.lock_docs();
        let mut stored = self
            .take_doc(&mut cache, doc_id)?
            .ok_or_else(|| FindingError::NotFound(doc_id.to_owned()))?;
        let resolved = conflicts::resolve(&mut stored.doc, path, choice).map_err(|e| {
            StoreError::DamagedDocument {
                doc_id: doc_id.to_owned(),
                reason: e.to_string(),
            }
        })?;
        if !resolved {
            self.keep_doc(&mut cache, doc_id.to_owned(), stored);
            return Err(FindingError::NoSuchConflict(path.to_owned()));
        }
        // A failed write drops the document (it may hold the unsaved change): the next use
        // reloads it.
        let pending = self.stage_changed(stored, doc_id, stamp, "resolve")?;
        self.write(&mut cache, vec![pending], Batch::default())?;
        Ok(())
    }
}

/// Why a finding could not be settled.
#[derive(Debug, thiserror::Error)]
pub enum FindingError {
    #[error("no record has the id '{0}'")]
    NotFound(String),
    #[error("the field '{0}' has no concurrent values (any more)")]
    NoSuchConflict(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}
