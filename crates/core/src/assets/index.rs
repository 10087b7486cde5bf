//! The in-memory asset index: every projection row, a search text per row, the asset tags,
//! and the last query's matched order so scrolling a long list does not re-run it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::fields::AssetField;
use super::model::AssetRow;
use super::query::{sort_key, AssetPage, AssetQuery, Matcher};
use crate::ids::AssetId;

pub struct AssetIndex {
    rows: Vec<AssetRow>,
    search_texts: Vec<String>,
    positions: HashMap<AssetId, usize>,
    tags: HashMap<String, AssetId>,
    /// Normalised serial numbers (not unique: one holder each, for scans by serial).
    serials: HashMap<String, AssetId>,
    last_query: Mutex<Option<(AssetQuery, Arc<Vec<u32>>)>>,
}

/// Asset tags compare without case and surrounding space: `pt1-srv-01` and `PT1-SRV-01` clash.
pub fn normalise_tag(tag: &str) -> String {
    tag.trim().to_lowercase()
}

fn search_text(row: &AssetRow) -> String {
    let mut text = String::with_capacity(160);
    for field in AssetField::ALL {
        if field != AssetField::Cost && field != AssetField::Currency {
            text.push_str(&field.text(&row.asset));
            text.push('\u{1}');
        }
    }
    text.to_lowercase()
}

impl AssetIndex {
    /// Indexes `rows` in place (the rows are not copied: at 50,000 assets a copy would
    /// briefly double the largest allocation the app makes).
    pub fn new(rows: Vec<AssetRow>) -> AssetIndex {
        let mut positions = HashMap::with_capacity(rows.len());
        let mut tags = HashMap::with_capacity(rows.len());
        let mut serials = HashMap::with_capacity(rows.len());
        let mut search_texts = Vec::with_capacity(rows.len());
        for (position, row) in rows.iter().enumerate() {
            positions.insert(row.asset.id, position);
            tags.insert(normalise_tag(&row.asset.asset_tag), row.asset.id);
            if !row.asset.serial.trim().is_empty() {
                serials.insert(normalise_tag(&row.asset.serial), row.asset.id);
            }
            search_texts.push(search_text(row));
        }
        AssetIndex {
            rows,
            search_texts,
            positions,
            tags,
            serials,
            last_query: Mutex::new(None),
        }
    }

    /// Every row, in no particular order.
    pub fn rows(&self) -> &[AssetRow] {
        &self.rows
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn get(&self, id: &AssetId) -> Option<&AssetRow> {
        self.positions.get(id).map(|&position| &self.rows[position])
    }

    /// The asset holding `tag`, if any.
    pub fn by_tag(&self, tag: &str) -> Option<&AssetRow> {
        self.tags
            .get(&normalise_tag(tag))
            .and_then(|id| self.get(id))
    }

    /// An asset with this serial number, if any.
    pub fn by_serial(&self, serial: &str) -> Option<&AssetRow> {
        self.serials
            .get(&normalise_tag(serial))
            .and_then(|id| self.get(id))
    }

    pub fn upsert(&mut self, row: AssetRow) {
        let id = row.asset.id;
        let text = search_text(&row);
        match self.positions.get(&id) {
            Some(&position) => {
                let old_tag = normalise_tag(&self.rows[position].asset.asset_tag);
                if self.tags.get(&old_tag) == Some(&id) {
                    self.tags.remove(&old_tag);
                    // After a merge two assets can share a tag: the other keeps it.
                    if normalise_tag(&row.asset.asset_tag) != old_tag {
                        if let Some(other) = self.rows.iter().find(|other| {
                            other.asset.id != id && normalise_tag(&other.asset.asset_tag) == old_tag
                        }) {
                            self.tags.insert(old_tag, other.asset.id);
                        }
                    }
                }
                self.tags.insert(normalise_tag(&row.asset.asset_tag), id);
                let old_serial = normalise_tag(&self.rows[position].asset.serial);
                // Only a serial that changes gives its entry up (to another asset sharing it
                // after a merge): looking for that other asset reads every row, which on an
                // unchanged serial cost 1.6 ms per merged asset at 50,000 assets.
                if normalise_tag(&row.asset.serial) != old_serial
                    && self.serials.get(&old_serial) == Some(&id)
                {
                    self.serials.remove(&old_serial);
                    if let Some(other) = self.rows.iter().find(|other| {
                        other.asset.id != id && normalise_tag(&other.asset.serial) == old_serial
                    }) {
                        self.serials.insert(old_serial, other.asset.id);
                    }
                }
                if !row.asset.serial.trim().is_empty() {
                    self.serials.insert(normalise_tag(&row.asset.serial), id);
                }
                self.rows[position] = row;
                self.search_texts[position] = text;
            }
            None => {
                self.tags.insert(normalise_tag(&row.asset.asset_tag), id);
                if !row.asset.serial.trim().is_empty() {
                    self.serials.insert(normalise_tag(&row.asset.serial), id);
                }
                self.positions.insert(id, self.rows.len());
                self.rows.push(row);
                self.search_texts.push(text);
            }
        }
        *self
            .last_query
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }

    /// Tags held by more than one asset, with those assets.
    pub fn duplicate_tags(&self) -> Vec<(String, Vec<AssetId>)> {
        group_duplicates(self.rows.iter())
    }

    /// Runs `query`, reusing the matched order of the previous call when only the page moved.
    pub fn query(&self, query: &AssetQuery) -> AssetPage {
        let order = self.matched_order(query);
        let total = order.len() as u32;
        let start = (query.offset as usize).min(order.len());
        let end = if query.limit == 0 {
            order.len()
        } else {
            (start + query.limit as usize).min(order.len())
        };
        let rows = order[start..end]
            .iter()
            .map(|&position| self.rows[position as usize].clone())
            .collect();
        AssetPage {
            total,
            offset: start as u32,
            rows,
        }
    }

    fn matched_order(&self, query: &AssetQuery) -> Arc<Vec<u32>> {
        let key = query.without_page();
        let mut last = self
            .last_query
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((cached_query, order)) = last.as_ref() {
            if *cached_query == key {
                return order.clone();
            }
        }
        let words: Vec<String> = query
            .search
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let matchers: Vec<Matcher> = query.filters.iter().map(Matcher::compile).collect();
        let mut order: Vec<u32> = (0..self.rows.len())
            .filter(|&position| {
                let text = &self.search_texts[position];
                words.iter().all(|word| text.contains(word.as_str()))
                    && matchers
                        .iter()
                        .all(|matcher| matcher.matches(&self.rows[position]))
            })
            .map(|position| position as u32)
            .collect();
        let sort = query.sort.unwrap_or(super::query::AssetSort {
            field: AssetField::AssetTag,
            descending: false,
        });
        order.sort_by_cached_key(|&position| sort_key(sort.field, &self.rows[position as usize]));
        if sort.descending {
            order.reverse();
        }
        let order = Arc::new(order);
        *last = Some((key, order.clone()));
        order
    }
}

/// Groups of asset ids sharing one normalised tag.
fn group_duplicates<'a>(rows: impl Iterator<Item = &'a AssetRow>) -> Vec<(String, Vec<AssetId>)> {
    let mut by_tag: std::collections::BTreeMap<String, (String, Vec<AssetId>)> =
        std::collections::BTreeMap::new();
    for row in rows {
        let entry = by_tag
            .entry(normalise_tag(&row.asset.asset_tag))
            .or_insert_with(|| (row.asset.asset_tag.clone(), Vec::new()));
        entry.1.push(row.asset.id);
    }
    by_tag
        .into_values()
        .filter(|(_, ids)| ids.len() > 1)
        .collect()
}

/// The assets' part of the global search (`crate::search`): an asset is found by any field
/// the asset list searches (its tag, serial, model, location, owner, notes, …) and named by
/// its tag, with its model and where it is.
pub(crate) fn search_source(
    workspace: &crate::store::Workspace,
    query: &crate::search::SearchQuery,
    hits: &mut crate::search::SearchHits,
) {
    let index = workspace.index();
    for (row, text) in index.rows.iter().zip(&index.search_texts) {
        let asset = &row.asset;
        let Some(rank) = query.rank_lower(&asset.asset_tag, text) else {
            continue;
        };
        let location = &asset.location;
        let unit = location.unit.map(|unit| format!("U{unit}"));
        let place: Vec<&str> = [
            location.site.as_str(),
            location.room.as_str(),
            location.rack.as_str(),
            unit.as_deref().unwrap_or(""),
        ]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect();
        let detail: Vec<String> = [asset.model.clone(), place.join(" ")]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect();
        hits.push(
            rank,
            crate::search::SearchHit {
                kind: "asset".into(),
                record: format!("asset/{}", asset.id),
                title: asset.asset_tag.clone(),
                detail: detail.join(" · "),
            },
        );
    }
}
