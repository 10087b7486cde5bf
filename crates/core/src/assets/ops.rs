//! Asset operations on an open workspace: register, edit, read, history, query, bulk insert.
//! Each write validates first, then writes the document change and the projection in one
//! batch, then flushes: the call returns only once the change is durable.

use std::collections::HashMap;

use automerge::AutoCommit;

use super::index::normalise_tag;
use super::input::{apply_input, field_problem, AssetInput, FieldErrorCode};
use super::model::{Asset, AssetRow, AssetStatus, ASSET_SCHEMA};
use super::purchase::AssetPurchase;
use super::query::{AssetPage, AssetQuery};
use super::{doc_id, projection, AssetError, AssetField, HistoryEntry};
use crate::ids::AssetId;
use crate::record::write::{commit_options, Pending, Staged};
use crate::record::Loaded;
use crate::stamp::Stamp;
use crate::store::docs::StoredDoc;
use crate::store::kv::Batch;
use crate::store::Workspace;

fn document_error(doc_id: &str, error: impl ToString) -> AssetError {
    AssetError::Document {
        doc_id: doc_id.to_owned(),
        reason: error.to_string(),
    }
}

/// A new asset document holding `asset`, committed as one change.
#[cfg(test)]
pub(crate) fn new_document(
    asset: &Asset,
    stamp: &Stamp,
    op: &str,
) -> Result<AutoCommit, AssetError> {
    new_document_bought(asset, None, stamp, op)
}

/// A new asset document, with the purchase it was received on when there is one.
fn new_document_bought(
    asset: &Asset,
    purchase: Option<&AssetPurchase>,
    stamp: &Stamp,
    op: &str,
) -> Result<AutoCommit, AssetError> {
    let id = doc_id(&asset.id);
    let mut doc = AutoCommit::new();
    autosurgeon::reconcile_prop(&mut doc, automerge::ROOT, "schema", ASSET_SCHEMA)
        .map_err(|e| document_error(&id, e))?;
    autosurgeon::reconcile_prop(&mut doc, automerge::ROOT, "kind", "asset")
        .map_err(|e| document_error(&id, e))?;
    autosurgeon::reconcile_prop(&mut doc, automerge::ROOT, "asset", asset)
        .map_err(|e| document_error(&id, e))?;
    // The life's maps exist from the start, so records two devices add offline land in the
    // same map (a map each device created on its own would conflict, and one would be lost).
    let life = super::life::AssetLife::default();
    autosurgeon::reconcile_prop(&mut doc, automerge::ROOT, "life", &life)
        .map_err(|e| document_error(&id, e))?;
    if let Some(purchase) = purchase {
        autosurgeon::reconcile_prop(&mut doc, automerge::ROOT, "purchase", purchase)
            .map_err(|e| document_error(&id, e))?;
    }
    doc.commit_with(commit_options(stamp, op));
    Ok(doc)
}

/// The root of a new asset's document, as [`new_document`] writes it key by key.
struct NewAssetRoot<'a> {
    asset: &'a Asset,
    life: &'a super::life::AssetLife,
    purchase: Option<&'a AssetPurchase>,
}

impl autosurgeon::Reconcile for NewAssetRoot<'_> {
    type Key<'k> = autosurgeon::reconcile::NoKey;

    fn reconcile<R: autosurgeon::Reconciler>(&self, mut reconciler: R) -> Result<(), R::Error> {
        use autosurgeon::reconcile::MapReconciler;
        let mut root = reconciler.map()?;
        root.put("schema", ASSET_SCHEMA)?;
        root.put("kind", "asset")?;
        root.put("asset", self.asset)?;
        root.put("life", self.life)?;
        if let Some(purchase) = self.purchase {
            root.put("purchase", purchase)?;
        }
        Ok(())
    }
}

/// The documents of new assets, built on every core. Each is encoded straight from the value
/// as its one first change (`store::new_doc`, ~25× cheaper than building it op by op, which
/// was most of the time of a bulk insert); an asset the encoder cannot take is built op by op
/// and saved whole.
fn save_new_documents(
    assets: &[(Asset, Option<AssetPurchase>)],
    stamp: &Stamp,
    op: &str,
) -> Result<Vec<Staged>, AssetError> {
    // One actor for the batch: each document is its own history, so they need not differ.
    let actor = automerge::ActorId::random();
    let message = crate::stamp::ChangeMessage::of(stamp, op).encode();
    let life = super::life::AssetLife::default();
    let one = |(asset, purchase): &(Asset, Option<AssetPurchase>)| -> Result<Staged, AssetError> {
        let root = NewAssetRoot {
            asset,
            life: &life,
            purchase: purchase.as_ref(),
        };
        let encoded =
            crate::store::new_doc::first_change(root, &actor, stamp.at_ms, message.clone())
                .map_err(|e| document_error(&doc_id(&asset.id), e))?;
        Ok(match encoded {
            Some(bytes) => Staged::FirstChange(bytes),
            None => {
                Staged::Snapshot(new_document_bought(asset, purchase.as_ref(), stamp, op)?.save())
            }
        })
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if assets.len() < 256 || workers == 1 {
        return assets.iter().map(one).collect();
    }
    let chunk = assets.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = assets
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(one).collect::<Result<Vec<_>, _>>()))
            .collect();
        let mut saved = Vec::with_capacity(assets.len());
        for handle in handles {
            let part = handle.join().map_err(|_| AssetError::Document {
                doc_id: String::new(),
                reason: "a worker building documents stopped".into(),
            })??;
            saved.extend(part);
        }
        Ok(saved)
    })
}

impl Workspace {
    pub fn asset_count(&self) -> usize {
        self.index().len()
    }

    /// Finds an asset by id or, failing that, by asset tag.
    pub fn asset(&self, id_or_tag: &str) -> Result<AssetRow, AssetError> {
        let index = self.index();
        let by_id = id_or_tag
            .parse::<AssetId>()
            .ok()
            .and_then(|id| index.get(&id));
        by_id
            .or_else(|| index.by_tag(id_or_tag))
            .cloned()
            .ok_or_else(|| AssetError::NotFound(id_or_tag.trim().to_owned()))
    }

    pub fn query_assets(&self, query: &AssetQuery) -> AssetPage {
        self.index().query(query)
    }

    /// Registers a new asset with the caller-chosen `id`.
    pub fn register_asset(
        &self,
        id: AssetId,
        input: &AssetInput,
        stamp: &Stamp,
    ) -> Result<AssetRow, AssetError> {
        let asset = self.check_asset_input(&Asset::blank(id), input)?;
        let mut inserted = self.insert_assets(vec![asset], stamp, "register")?;
        inserted
            .pop()
            .ok_or_else(|| AssetError::NotFound(id.to_string()))
    }

    /// Applies `input` to an existing asset. A no-op input records no change.
    pub fn edit_asset(
        &self,
        id: AssetId,
        input: &AssetInput,
        stamp: &Stamp,
    ) -> Result<AssetRow, AssetError> {
        let doc_id = doc_id(&id);
        let mut cache = self.lock_docs();
        let mut stored = self
            .take_doc(&mut cache, &doc_id)?
            .ok_or_else(|| AssetError::NotFound(id.to_string()))?;
        let current = projection::hydrate(&stored.doc, &doc_id)?;
        let updated = match self.check_asset_input(&current, input) {
            Ok(updated) => updated,
            Err(refused) => {
                self.keep_doc(&mut cache, doc_id, stored);
                return Err(refused);
            }
        };
        if updated.status == AssetStatus::Disposed && current.status != AssetStatus::Disposed {
            self.keep_doc(&mut cache, doc_id, stored);
            return Err(AssetError::Invalid(vec![field_problem(
                AssetField::Status,
                FieldErrorCode::DisposalNeedsRecord,
                "disposed",
            )]));
        }
        if updated == current {
            self.keep_doc(&mut cache, doc_id, stored);
            drop(cache);
            return self.asset(&current.id.to_string());
        }
        crate::record::reconcile::reconcile_prop(
            &mut stored.doc,
            automerge::ROOT,
            "asset",
            &updated,
        )
        .map_err(|e| document_error(&doc_id, e))?;
        self.save_local_change(&mut cache, stored, &doc_id, stamp, "edit", Batch::default())
    }

    /// Changes an asset and its life in one durable change `op` (with `batch`, e.g. a blob the
    /// change names): loads the document, lets `change` edit both, writes what changed with
    /// the list row. `change` refusing writes nothing. The life is written only when it
    /// changed, so a step that leaves it alone never creates it in an older document.
    pub(crate) fn update_asset<E>(
        &self,
        id: AssetId,
        stamp: &Stamp,
        op: &str,
        batch: Batch,
        change: impl FnOnce(&mut Asset, &mut super::life::AssetLife) -> Result<(), E>,
    ) -> Result<AssetRow, E>
    where
        E: From<AssetError> + From<crate::store::StoreError>,
    {
        let doc_id = doc_id(&id);
        let mut cache = self.lock_docs();
        let mut stored = self
            .take_doc(&mut cache, &doc_id)?
            .ok_or_else(|| AssetError::NotFound(id.to_string()))?;
        let mut asset = projection::hydrate(&stored.doc, &doc_id)?;
        let life_before = projection::hydrate_life(&stored.doc, &doc_id)?;
        let mut life = life_before.clone();
        if let Err(refused) = change(&mut asset, &mut life) {
            self.keep_doc(&mut cache, doc_id, stored);
            return Err(refused);
        }
        crate::record::reconcile::reconcile_prop(&mut stored.doc, automerge::ROOT, "asset", &asset)
            .map_err(|e| document_error(&doc_id, e))?;
        if life != life_before {
            crate::record::reconcile::reconcile_prop(
                &mut stored.doc,
                automerge::ROOT,
                "life",
                &life,
            )
            .map_err(|e| document_error(&doc_id, e))?;
        }
        Ok(self.save_local_change(&mut cache, stored, &doc_id, stamp, op, batch)?)
    }

    /// Commits what was just changed in `stored.doc` as `op` by `stamp` and writes it with
    /// whatever `batch` holds through the one write path (`record::write`). On error nothing
    /// is written and the document, which may hold the unsaved change, is dropped.
    pub(crate) fn save_local_change(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        stored: StoredDoc,
        doc_id: &str,
        stamp: &Stamp,
        op: &str,
        batch: Batch,
    ) -> Result<AssetRow, AssetError> {
        let pending = self.stage_changed(stored, doc_id, stamp, op)?;
        let row = pending
            .loaded
            .row::<super::AssetKind>()
            .cloned()
            .ok_or_else(|| AssetError::NotFound(doc_id.to_owned()))?;
        self.write(cache, vec![pending], batch)?;
        Ok(row)
    }

    /// Validates `input` on top of `base` and checks that the resulting asset tag is free,
    /// reporting a taken tag together with every other problem.
    pub(crate) fn check_asset_input(
        &self,
        base: &Asset,
        input: &AssetInput,
    ) -> Result<Asset, AssetError> {
        let result = apply_input(base, input);
        let tag = match &result {
            Ok(asset) => asset.asset_tag.clone(),
            Err(_) => input
                .asset_tag
                .clone()
                .unwrap_or_else(|| base.asset_tag.clone()),
        };
        let taken = matches!(self.index().by_tag(&tag), Some(other) if other.asset.id != base.id);
        let duplicate = field_problem(
            AssetField::AssetTag,
            FieldErrorCode::DuplicateAssetTag,
            tag.trim(),
        );
        match result {
            Ok(asset) if !taken => Ok(asset),
            Ok(_) => Err(AssetError::Invalid(vec![duplicate])),
            Err(mut errors) => {
                if taken {
                    // The tag is the first field of the form: keep the errors in form order.
                    errors.insert(0, duplicate);
                }
                Err(AssetError::Invalid(errors))
            }
        }
    }

    /// Writes new assets, each as its own document, in one atomic and durable batch.
    /// Callers validate first; this refuses only tags that are already taken.
    pub fn insert_assets(
        &self,
        assets: Vec<Asset>,
        stamp: &Stamp,
        op: &str,
    ) -> Result<Vec<AssetRow>, AssetError> {
        let mut cache = self.lock_docs();
        let assets = assets.into_iter().map(|asset| (asset, None)).collect();
        let (rows, pending) = self.stage_new_assets(assets, stamp, op)?;
        self.write(&mut cache, pending, Batch::default())?;
        Ok(rows)
    }

    /// New assets (each with the purchase it was received on, if any) staged for
    /// [`Workspace::write`], with their rows; the caller holds the document lock and writes
    /// them with whatever else its action changes. Refuses tags that are already taken.
    pub(crate) fn stage_new_assets(
        &self,
        assets: Vec<(Asset, Option<AssetPurchase>)>,
        stamp: &Stamp,
        op: &str,
    ) -> Result<(Vec<AssetRow>, Vec<Pending>), AssetError> {
        let mut rows = Vec::with_capacity(assets.len());
        {
            let index = self.index();
            let mut seen = std::collections::HashSet::new();
            for (asset, _) in &assets {
                let tag = normalise_tag(&asset.asset_tag);
                if index.by_tag(&tag).is_some() || !seen.insert(tag) {
                    return Err(AssetError::Invalid(vec![field_problem(
                        AssetField::AssetTag,
                        FieldErrorCode::DuplicateAssetTag,
                        &asset.asset_tag,
                    )]));
                }
            }
        }
        let saved = save_new_documents(&assets, stamp, op)?;
        let mut pending = Vec::with_capacity(assets.len());
        for ((asset, purchase), staged) in assets.into_iter().zip(saved) {
            let id = doc_id(&asset.id);
            let life =
                super::life::LifeSummary::of(&super::life::AssetLife::default(), asset.asset_type);
            let row = AssetRow {
                asset,
                created_at_ms: stamp.at_ms,
                updated_at_ms: stamp.at_ms,
                updated_by: stamp.author.name.clone(),
                life,
                purchase,
            };
            rows.push(row.clone());
            pending.push(Pending {
                doc_id: id.clone(),
                staged,
                loaded: Loaded::new::<super::AssetKind>(id, row),
            });
        }
        Ok((rows, pending))
    }

    /// The asset's change history, newest first.
    pub fn asset_history(&self, id: AssetId) -> Result<Vec<HistoryEntry>, AssetError> {
        let doc_id = doc_id(&id);
        let mut cache = self.lock_docs();
        let mut stored = self
            .take_doc(&mut cache, &doc_id)?
            .ok_or_else(|| AssetError::NotFound(id.to_string()))?;
        let history = self
            .change_authors(&doc_id, &mut stored.doc)
            .and_then(|authors| super::history::history(&mut stored.doc, &doc_id, &authors));
        self.keep_doc(&mut cache, doc_id, stored);
        Ok(history?)
    }

    /// The input a form starts from when editing this asset.
    pub fn asset_input(&self, id_or_tag: &str) -> Result<AssetInput, AssetError> {
        Ok(AssetInput::from_asset(&self.asset(id_or_tag)?.asset))
    }
}
