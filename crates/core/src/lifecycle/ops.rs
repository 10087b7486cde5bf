//! Lifecycle steps on an open workspace: each loads the asset's document, applies one rule of
//! `rules.rs` to the asset and its life, and writes both with the list row in one durable
//! batch, as the step's own change (`assign`, `return`, `maintain`, …) for the history.

use super::rules::{self, Actor, Problems};
use super::LifecycleError;
use crate::assets::AssetLife;
use crate::assets::{self, projection, Asset, AssetRow};
use crate::ids::AssetId;
use crate::stamp::Stamp;
use crate::store::kv::Batch;
use crate::store::Workspace;
use crate::trust::Signer;

/// One lifecycle step: the change's op name and what it does.
pub enum Step<'a> {
    Assign(&'a rules::AssignInput),
    Return(&'a rules::ReturnInput),
    Maintain(&'a rules::MaintenanceInput),
    FinishMaintenance(&'a rules::FinishMaintenanceInput),
    RequestDisposal(&'a rules::DisposalRequestInput),
    /// With the member signing the decision on this device (required in a team's workspace).
    DecideDisposal(&'a rules::DisposalDecisionInput, Option<&'a Signer<'a>>),
    /// With the wipe report's bytes and file name, if one is attached, and the member
    /// verifying the wipe, signing on this device (required in a team's workspace).
    Wipe(
        &'a rules::WipeInput,
        Option<(&'a str, &'a [u8])>,
        Option<&'a Signer<'a>>,
    ),
    Dispose(&'a rules::DisposeInput),
}

impl Step<'_> {
    pub fn op(&self) -> &'static str {
        match self {
            Step::Assign(_) => "assign",
            Step::Return(_) => "return",
            Step::Maintain(input) if input.open => "maintenance-start",
            Step::Maintain(_) => "maintain",
            Step::FinishMaintenance(_) => "maintenance-finish",
            Step::RequestDisposal(_) => "dispose-request",
            Step::DecideDisposal(input, _) if input.approve => "dispose-approve",
            Step::DecideDisposal(..) => "dispose-reject",
            Step::Wipe(..) => "dispose-wipe",
            Step::Dispose(_) => "dispose",
        }
    }

    fn apply(
        &self,
        asset: &mut Asset,
        life: &mut AssetLife,
        key: String,
        report: Option<(String, String)>,
        actor: &Actor,
    ) -> Result<(), Problems> {
        match self {
            Step::Assign(input) => rules::assign(asset, life, key, input, actor),
            Step::Return(input) => rules::take_back(asset, life, input, actor),
            Step::Maintain(input) => rules::record_maintenance(asset, life, key, input, actor),
            Step::FinishMaintenance(input) => rules::finish_maintenance(asset, life, input, actor),
            Step::RequestDisposal(input) => rules::request_disposal(asset, life, input, actor),
            Step::DecideDisposal(input, signer) => {
                rules::decide_disposal(asset, life, input, actor, *signer)
            }
            Step::Wipe(input, _, signer) => {
                rules::record_wipe(asset, life, input, report, actor, *signer)
            }
            Step::Dispose(input) => rules::complete_disposal(asset, life, input, actor),
        }
    }
}

impl Workspace {
    /// Takes one lifecycle step for an asset (by id or tag) on `today` (the actor's local
    /// date). `record_key` names a new record (assignment, maintenance) and is a fresh ULID
    /// from the caller. Refused steps write nothing and say every reason.
    pub fn life_step(
        &self,
        asset: &str,
        step: Step,
        record_key: ulid::Ulid,
        today: &assets::Date,
        stamp: &Stamp,
    ) -> Result<AssetRow, LifecycleError> {
        let id: AssetId = self.asset(asset)?.asset.id;
        let account = match &stamp.by {
            crate::stamp::Identity::Account(account) => Some(account.as_str()),
            _ => None,
        };
        let actor = Actor {
            name: &stamp.author.name,
            today,
            account,
            at_ms: stamp.at_ms,
            // A workspace whose team's roster this device keeps: its decisions are signed.
            team: self.keeps_roster(),
        };
        let mut batch = Batch::default();
        let report = match &step {
            Step::Wipe(_, Some((name, bytes)), _) => {
                if bytes.len() > assets::attachments::MAX_ATTACHMENT_BYTES {
                    return Err(LifecycleError::AttachmentTooLarge(bytes.len()));
                }
                Some((self.put_file(&mut batch, bytes)?, (*name).to_owned()))
            }
            _ => None,
        };
        self.update_asset(id, stamp, step.op(), batch, |asset, life| {
            step.apply(asset, life, record_key.to_string(), report, &actor)
                .map_err(LifecycleError::Refused)
        })
    }

    /// The asset's life in full (the list row has it in brief).
    pub fn asset_life(&self, asset: &str) -> Result<AssetLife, LifecycleError> {
        let id = self.asset(asset)?.asset.id;
        let doc_id = assets::doc_id(&id);
        let mut cache = self.lock_docs();
        let stored = self
            .take_doc(&mut cache, &doc_id)?
            .ok_or_else(|| assets::AssetError::NotFound(id.to_string()))?;
        let life = projection::hydrate_life(&stored.doc, &doc_id);
        self.keep_doc(&mut cache, doc_id, stored);
        Ok(life?)
    }
}
