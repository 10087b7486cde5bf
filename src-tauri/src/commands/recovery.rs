//! Recovering a damaged store from the window: the explanation screen's button.

use cloudwright_core::store::recover::RecoveryReport;

use super::{Ctx, NoArgs};
use crate::ipc::Reply;

/// Copies the damaged store aside, builds a new one from what can still be read
/// (`store::recover`), opens it and returns the report by record.
pub fn store_recover(cx: &Ctx, _: NoArgs) -> Reply<RecoveryReport> {
    cx.recover_store()
}
