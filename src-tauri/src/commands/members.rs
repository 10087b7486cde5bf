//! The members of the open workspace (issue 16): who I am there, its roster as the members
//! screen lists it, and what a workspace admin changes (grant or take back a capability, set a
//! role, revoke a device key), asked of the team server and kept here as it answers. Those
//! need the network: offline they are refused as `offline`, nothing changed.

use cloudwright_core::sync::RosterKept;
use cloudwright_core::trust::{AccessCode, Capability, KeyId, MembersMe, Role, RosterView};
use cloudwright_sync_client::members::{self, MemberChange};
use cloudwright_sync_client::session::SessionError;
use serde::Deserialize;
use ts_rs::TS;

use super::{Ctx, NoArgs};
use crate::error::CommandError;
use crate::ipc::Reply;
use crate::state::now_ms;

/// Who I am in the open workspace: logged in or not, my account, role, capabilities now,
/// whether this device's key is registered or revoked, the roster's state, and what I may
/// change here.
pub fn members_me(cx: &Ctx, _: NoArgs) -> Reply<MembersMe> {
    Ok(members::me(
        &cx.store()?,
        cx.workspace()?.as_ref(),
        now_ms(),
    )?)
}

/// The roster kept here, as the members screen lists it (nobody when there is none or it was
/// tampered with; its status says which).
pub fn members_roster(cx: &Ctx, _: NoArgs) -> Reply<RosterView> {
    Ok(members::roster(
        &cx.store()?,
        cx.workspace()?.as_ref(),
        now_ms(),
    )?)
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MembersGrantArgs {
    // The member's account id.
    user_id: String,
    capability: Capability,
    // For approve_purchases: the largest amount in won it approves (none: any).
    #[ts(type = "number | null")]
    max_amount_krw: Option<u64>,
    // For approve_purchases: the categories it approves (none: every one).
    categories: Vec<String>,
}

/// Grants a capability to a member.
pub fn members_grant(cx: &Ctx, args: MembersGrantArgs) -> Reply<RosterView> {
    let change = MemberChange::Grant {
        capability: args.capability,
        max_amount_krw: args.max_amount_krw,
        categories: args
            .categories
            .into_iter()
            .map(|category| category.trim().to_owned())
            .filter(|category| !category.is_empty())
            .collect(),
    };
    change_member(cx, &args.user_id, &change)
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MembersUngrantArgs {
    user_id: String,
    capability: Capability,
}

/// Takes a capability back from now on; what was decided with it before stays valid.
pub fn members_ungrant(cx: &Ctx, args: MembersUngrantArgs) -> Reply<RosterView> {
    change_member(cx, &args.user_id, &MemberChange::Ungrant(args.capability))
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MembersSetRoleArgs {
    user_id: String,
    role: Role,
}

pub fn members_set_role(cx: &Ctx, args: MembersSetRoleArgs) -> Reply<RosterView> {
    change_member(cx, &args.user_id, &MemberChange::SetRole(args.role))
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MembersRevokeKeyArgs {
    user_id: String,
    // The key's id, as the roster lists it.
    key_id: String,
}

/// Revokes a member's device key (a lost laptop): decisions it signed before stay valid,
/// later ones are refused.
pub fn members_revoke_key(cx: &Ctx, args: MembersRevokeKeyArgs) -> Reply<RosterView> {
    change_member(
        cx,
        &args.user_id,
        &MemberChange::RevokeKey(KeyId(args.key_id)),
    )
}

/// Asks the server for `change`, keeps the roster it answers, and lists it.
fn change_member(cx: &Ctx, member: &str, change: &MemberChange) -> Reply<RosterView> {
    let store = cx.store()?;
    let workspace = cx.workspace()?;
    let kept = members::change_member(&store, &workspace, member, change).map_err(refused)?;
    match kept {
        RosterKept::Kept { .. } | RosterKept::Older { .. } => {}
        RosterKept::NotVerified => {
            return Err(CommandError::new(
                "roster_not_verified",
                "the server made the change, but its answer is not signed by the key this \
                 workspace trusted at login: it was not kept",
            ))
        }
        RosterKept::NoPinnedKey => {
            return Err(CommandError::new(
                "roster_not_verified",
                "this workspace was logged in before servers had keys: log in again to \
                 verify its roster",
            ))
        }
    }
    Ok(members::roster(&store, &workspace, now_ms())?)
}

/// The server's refusal of a member change: one for anyone but a workspace admin names what
/// is missing.
fn refused(error: SessionError) -> CommandError {
    let not_entitled = matches!(&error, SessionError::Client(client)
        if client.code() == Some("not_entitled"));
    if not_entitled {
        return CommandError::refused(
            "not_entitled",
            error.to_string(),
            vec![AccessCode::NeedsMemberAdmin.problem()],
        );
    }
    error.into()
}
