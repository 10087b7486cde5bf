//! An audit in memory: its document's values, the codes (tags and serials) of its expected
//! items, and the latest mark of each item. Reconciliation — counts, the discrepancy list and
//! the correction each discrepancy asks for — is computed here from that state alone.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Applied, AuditCounts, AuditDoc, AuditSummary, Expected, Mark, Outcome};
use crate::assets::normalise_tag;
use crate::assets::{AssetStatus, Location};

/// The audits in use, hydrated, by audit id: a scan reads its audit from here instead of the
/// document. Dropped when a merge changes the audit.
pub struct AuditStates(pub HashMap<String, AuditState>);

impl std::ops::Deref for AuditStates {
    type Target = HashMap<String, AuditState>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for AuditStates {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

#[derive(Clone, Debug)]
pub struct AuditState {
    pub doc: AuditDoc,
    /// Normalised tag or serial → expected asset id.
    codes: HashMap<String, String>,
    /// Item key (asset id, or `code:{code}` for an item not in the register) → mark key.
    latest: HashMap<String, String>,
}

/// The key an item's marks share.
pub fn item_key(mark: &Mark) -> String {
    if mark.asset.is_empty() {
        format!("code:{}", normalise_tag(&mark.code))
    } else {
        mark.asset.clone()
    }
}

fn newer(a: &Mark, a_key: &str, b: &Mark, b_key: &str) -> bool {
    (a.at_ms, a_key) > (b.at_ms, b_key)
}

impl AuditState {
    pub fn new(doc: AuditDoc) -> AuditState {
        let mut codes = HashMap::with_capacity(doc.expected.len() * 2);
        for (id, item) in doc.expected.iter() {
            if !item.serial.trim().is_empty() {
                codes.insert(normalise_tag(&item.serial), id.clone());
            }
        }
        // Tags win over serials when one asset's serial is another's tag.
        for (id, item) in doc.expected.iter() {
            codes.insert(normalise_tag(&item.tag), id.clone());
        }
        let mut state = AuditState {
            doc,
            codes,
            latest: HashMap::new(),
        };
        let keys: Vec<String> = state.doc.marks.keys().cloned().collect();
        for key in keys {
            state.note_mark(&key);
        }
        state
    }

    /// Makes the mark under `key` (already in `doc.marks`) its item's latest if it is newer.
    pub fn note_mark(&mut self, key: &str) {
        let Some(mark) = self.doc.marks.get(key) else {
            return;
        };
        let item = item_key(mark);
        let replace = match self
            .latest
            .get(&item)
            .and_then(|k| Some((k, self.doc.marks.get(k)?)))
        {
            Some((old_key, old)) => newer(mark, key, old, old_key),
            None => true,
        };
        if replace {
            self.latest.insert(item, key.to_owned());
        }
    }

    /// The expected asset a scanned code names.
    pub fn expected_by_code(&self, code: &str) -> Option<(&String, &Expected)> {
        let id = self.codes.get(&normalise_tag(code))?;
        self.doc.expected.get_key_value(id)
    }

    /// The key of the latest mark of an item (asset id or `code:…`).
    pub fn latest_key(&self, item: &str) -> Option<String> {
        self.latest.get(item).cloned()
    }

    /// The latest mark of an item (asset id or `code:…`).
    pub fn latest(&self, item: &str) -> Option<&Mark> {
        self.doc.marks.get(self.latest.get(item)?)
    }

    pub fn counts(&self) -> AuditCounts {
        let mut counts = AuditCounts {
            expected: self.doc.expected.len() as u32,
            applied: self.doc.applied.len() as u32,
            ..AuditCounts::default()
        };
        for (item, key) in &self.latest {
            let Some(mark) = self.doc.marks.get(key) else {
                continue;
            };
            if self.doc.expected.contains_key(item) {
                counts.checked += 1;
            }
            match mark.outcome {
                Outcome::Found => counts.found += 1,
                Outcome::Missing => counts.missing += 1,
                Outcome::FoundElsewhere => counts.found_elsewhere += 1,
                Outcome::WrongStatus => counts.wrong_status += 1,
                Outcome::Unexpected => counts.unexpected += 1,
            }
        }
        counts
    }

    pub fn summary(&self) -> AuditSummary {
        AuditSummary {
            audit: self.doc.audit.clone(),
            counts: self.counts(),
        }
    }

    /// Every discrepancy: expected items missing (marked so, or never checked), found
    /// elsewhere or in another state, and unexpected items; by tag.
    pub fn discrepancies(&self) -> Vec<Discrepancy> {
        let mut list = Vec::new();
        for (id, item) in self.doc.expected.iter() {
            let mark = self.latest(id);
            let outcome = mark.map_or(Outcome::Missing, |m| m.outcome);
            let correction = match (outcome, mark) {
                (Outcome::Found, _) => continue,
                (Outcome::Missing, _) => Correction::SetStatus {
                    status: AssetStatus::Missing,
                },
                (Outcome::FoundElsewhere | Outcome::Unexpected, Some(m)) => match &m.actual {
                    Some(actual) => Correction::SetLocation {
                        location: super::apply::corrected_location(&item.location, actual),
                    },
                    None => Correction::None,
                },
                (Outcome::WrongStatus, Some(m)) => match m.actual_status {
                    Some(status) => Correction::SetStatus { status },
                    None => Correction::None,
                },
                _ => Correction::None,
            };
            list.push(self.discrepancy(id, Some(item), mark, outcome, correction));
        }
        for (item, key) in &self.latest {
            if self.doc.expected.contains_key(item) {
                continue;
            }
            let Some(mark) = self.doc.marks.get(key) else {
                continue;
            };
            let correction = match (&mark.actual, mark.asset.is_empty() || mark.registered) {
                (Some(actual), false) => Correction::SetLocation {
                    location: actual.clone(),
                },
                _ => Correction::None,
            };
            list.push(self.discrepancy(&mark.asset, None, Some(mark), mark.outcome, correction));
        }
        list.sort_by_cached_key(|d| crate::natural::natural_key(&d.tag));
        list
    }

    fn discrepancy(
        &self,
        asset: &str,
        expected: Option<&Expected>,
        mark: Option<&Mark>,
        outcome: Outcome,
        correction: Correction,
    ) -> Discrepancy {
        Discrepancy {
            asset: asset.to_owned(),
            tag: expected
                .map(|e| e.tag.clone())
                .or_else(|| mark.map(|m| m.code.clone()))
                .unwrap_or_default(),
            model: expected.map(|e| e.model.clone()).unwrap_or_default(),
            outcome,
            unchecked: mark.is_none(),
            registered: mark.is_some_and(|m| m.registered),
            recorded: expected.map(|e| e.location.clone()),
            recorded_status: expected.map(|e| e.status),
            actual: mark.and_then(|m| m.actual.clone()),
            actual_status: mark.and_then(|m| m.actual_status),
            note: mark.map(|m| m.note.clone()).unwrap_or_default(),
            photos: mark.map(|m| m.photos.clone()).unwrap_or_default(),
            correction,
            applied: self.doc.applied.get(asset).cloned(),
        }
    }
}

/// What applying a discrepancy writes to the records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
#[ts(export)]
pub enum Correction {
    SetStatus {
        status: AssetStatus,
    },
    SetLocation {
        location: Location,
    },
    /// Nothing to write (registered on the spot, or not in the register).
    None,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Discrepancy {
    /// The asset's id; empty for an item not in the register.
    pub asset: String,
    pub tag: String,
    pub model: String,
    pub outcome: Outcome,
    /// Never checked before the audit closed.
    pub unchecked: bool,
    pub registered: bool,
    pub recorded: Option<Location>,
    pub recorded_status: Option<AssetStatus>,
    pub actual: Option<Location>,
    pub actual_status: Option<AssetStatus>,
    pub note: String,
    pub photos: Vec<String>,
    pub correction: Correction,
    pub applied: Option<Applied>,
}
