//! Actions over many records and their undo: the asset list's bulk edit (previewed first),
//! and `undo_apply`, the one way back for every action that answers with an [`Undo`] (a bulk
//! edit, a cable status change, labels marked printed, an audit's corrections).

use cloudwright_core::assets::{AssetQuery, BulkAssetEdit, BulkAssetPreview};
use cloudwright_core::undo::{Undo, UndoAction, UndoError, UndoReport};
use cloudwright_core::AssetId;
use serde::Deserialize;
use ts_rs::TS;

use super::{BulkDone, Ctx};
use crate::error::CommandError;
use crate::ipc::Reply;

impl From<UndoError> for CommandError {
    fn from(error: UndoError) -> Self {
        match error {
            UndoError::Asset(asset) => asset.into(),
            UndoError::Cable(cable) => cable.into(),
            UndoError::Audit(audit) => audit.into(),
        }
    }
}

#[derive(Deserialize, TS)]
pub struct AssetIdsArgs {
    query: AssetQuery,
}

/// The ids of every asset a list's query matches (all pages), for "select all".
pub fn asset_ids(cx: &Ctx, AssetIdsArgs { query }: AssetIdsArgs) -> Reply<Vec<AssetId>> {
    let query = AssetQuery {
        offset: 0,
        limit: 0,
        ..query
    };
    Ok(cx
        .workspace()?
        .query_assets(&query)
        .rows
        .iter()
        .map(|row| row.asset.id)
        .collect())
}

#[derive(Deserialize, TS)]
pub struct AssetBulkArgs {
    edit: BulkAssetEdit,
}

/// What a bulk edit of assets would change (how many, which), before anything is written.
pub fn asset_bulk_preview(
    cx: &Ctx,
    AssetBulkArgs { edit }: AssetBulkArgs,
) -> Reply<BulkAssetPreview> {
    Ok(cx.workspace()?.bulk_asset_preview(&edit))
}

/// Writes a bulk edit of assets in one durable batch; answers with its undo.
pub fn asset_bulk_edit(cx: &Ctx, AssetBulkArgs { edit }: AssetBulkArgs) -> Reply<BulkDone> {
    let changes = cx.workspace()?.bulk_edit_assets(&edit, &cx.stamp()?)?;
    Ok(BulkDone::of(Undo::assets(
        UndoAction::AssetBulkEdit,
        changes,
    )))
}

#[derive(Deserialize, TS)]
pub struct UndoArgs {
    undo: Undo,
}

/// Puts back what an action wrote, where the records still hold it (see `core::undo`).
pub fn undo_apply(cx: &Ctx, UndoArgs { undo }: UndoArgs) -> Reply<UndoReport> {
    Ok(cx.workspace()?.undo(&undo, &cx.stamp()?)?)
}
