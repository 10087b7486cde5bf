//! Purchasing (issue 19): vendors — the list, one vendor, add, edit — and their contract and
//! certificate files; budgets per year with what is used of them, add, edit. A vendor's file is saved or opened like any other file a record names
//! (`attachment_save`, `attachment_bytes`, `file_state`), by its SHA-256.

use cloudwright_core::purchasing::vendor::{VendorPage, VendorQuery};
use cloudwright_core::purchasing::{
    Budget, BudgetInput, BudgetUse, Vendor, VendorFileKind, VendorInput,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Ctx, IdArgs};
use crate::ipc::Reply;

#[derive(Deserialize, TS)]
pub struct VendorListArgs {
    query: VendorQuery,
}

/// A window of the vendors matching the query, by name, with the totals and categories.
pub fn vendor_list(cx: &Ctx, VendorListArgs { query }: VendorListArgs) -> Reply<VendorPage> {
    Ok(cx.workspace()?.vendor_page(&query))
}

/// One vendor with its contacts and files, by id (or name, or business number).
pub fn vendor_get(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<Vendor> {
    Ok(cx.workspace()?.vendor(&id)?)
}

#[derive(Deserialize, TS)]
pub struct VendorAddArgs {
    input: VendorInput,
}

pub fn vendor_add(cx: &Ctx, VendorAddArgs { input }: VendorAddArgs) -> Reply<Vendor> {
    Ok(cx
        .workspace()?
        .add_vendor(ulid::Ulid::new(), &input, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct VendorEditArgs {
    // The vendor's id.
    id: String,
    input: VendorInput,
}

pub fn vendor_edit(cx: &Ctx, VendorEditArgs { id, input }: VendorEditArgs) -> Reply<Vendor> {
    Ok(cx.workspace()?.edit_vendor(&id, &input, &cx.stamp()?)?)
}

/// What a vendor's file is; its bytes are the upload's body.
#[derive(Deserialize, TS)]
pub struct VendorFileAddArgs {
    // The vendor's id.
    id: String,
    name: String,
    kind: VendorFileKind,
}

pub fn vendor_file_add(
    cx: &Ctx,
    VendorFileAddArgs { id, name, kind }: VendorFileAddArgs,
    bytes: &[u8],
) -> Reply<Vendor> {
    let (vendor, _) = cx
        .workspace()?
        .add_vendor_file(&id, &name, kind, bytes, &cx.stamp()?)?;
    Ok(vendor)
}

#[derive(Deserialize, TS)]
pub struct VendorFileRemoveArgs {
    // The vendor's id.
    id: String,
    sha256: String,
}

pub fn vendor_file_remove(
    cx: &Ctx,
    VendorFileRemoveArgs { id, sha256 }: VendorFileRemoveArgs,
) -> Reply<Vendor> {
    Ok(cx
        .workspace()?
        .remove_vendor_file(&id, &sha256, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct BudgetListArgs {
    // The year to list (none: every year).
    #[ts(type = "number | null")]
    year: Option<i64>,
}

/// The budgets of a year with what the purchase requests use of each, and every year that
/// has a budget (for the year picker).
#[derive(Serialize, TS)]
#[ts(export)]
pub struct BudgetList {
    pub uses: Vec<BudgetUse>,
    #[ts(type = "Array<number>")]
    pub years: Vec<i64>,
}

pub fn budget_list(cx: &Ctx, BudgetListArgs { year }: BudgetListArgs) -> Reply<BudgetList> {
    let workspace = cx.workspace()?;
    let mut years: Vec<i64> = workspace.budgets().iter().map(|b| b.year).collect();
    years.dedup();
    Ok(BudgetList {
        uses: workspace.budget_uses(year),
        years,
    })
}

#[derive(Deserialize, TS)]
pub struct BudgetAddArgs {
    input: BudgetInput,
}

pub fn budget_add(cx: &Ctx, BudgetAddArgs { input }: BudgetAddArgs) -> Reply<Budget> {
    Ok(cx
        .workspace()?
        .add_budget(ulid::Ulid::new(), &input, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct BudgetEditArgs {
    // The budget's id.
    id: String,
    input: BudgetInput,
}

pub fn budget_edit(cx: &Ctx, BudgetEditArgs { id, input }: BudgetEditArgs) -> Reply<Budget> {
    Ok(cx.workspace()?.edit_budget(&id, &input, &cx.stamp()?)?)
}
