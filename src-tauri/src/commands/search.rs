//! Going from record to record: the global search (Ctrl K), every kind of record that matches
//! the words typed, best first (`Workspace::search` in core, over each area's search source),
//! and the places an asset is at, for its links to them.

use cloudwright_core::racks::index::AssetPlaces;
use cloudwright_core::search::SearchResults;
use serde::Deserialize;
use ts_rs::TS;

use super::{Ctx, IdArgs};
use crate::ipc::Reply;

#[derive(Deserialize, TS)]
pub struct SearchArgs {
    // What was typed; every word must be in a record.
    text: String,
    // How many hits at most (the count of all matches comes with them); 50 if none.
    limit: Option<u32>,
}

pub fn search(cx: &Ctx, SearchArgs { text, limit }: SearchArgs) -> Reply<SearchResults> {
    let limit = limit.map_or(cloudwright_core::search::DEFAULT_LIMIT, |n| n as usize);
    Ok(cx.workspace()?.search(&text, limit.clamp(1, 500)))
}

/// The rack (and device in it), room and site an asset is at, for the asset's links.
pub fn asset_place(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<AssetPlaces> {
    Ok(cx.workspace()?.asset_place(&id)?)
}
