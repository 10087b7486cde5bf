//! The roster and the members of a workspace over HTTP, and a login that registers the
//! device: its public key, its name and its local identity. Also what the app's members
//! screen asks of a workspace: who I am there ([`me`]), its roster as the screen lists it
//! ([`roster`]), and a change a workspace admin makes ([`change_member`]), kept on the device
//! as the server answered it.

use cloudwright_core::store::{Store, Workspace};
use cloudwright_core::sync::RosterKept;
use cloudwright_core::trust::{
    self, Account, Capability, KeyId, MembersMe, PublicKey, Role, RosterView, SignedRoster,
};
use cloudwright_core::WorkspaceId;
use serde::Serialize;

use crate::session::{client_for, existing_device_key, is_logged_in, SessionError};
use crate::{Client, ClientError, Login};

/// What a device tells the server at login, beside the password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeviceLogin {
    /// The device's public key (hex): registered to the account.
    pub device_key: PublicKey,
    /// The device's name (its host name), shown beside its key.
    pub device_name: String,
    /// The id this device's changes carry before any login: claimed by the account.
    pub local_identity: String,
}

/// A capability to grant (limits only for `approve_purchases`), or to take back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GrantRequest {
    pub capability: Capability,
    /// Take the capability back instead of granting it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ungrant: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_amount_krw: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
}

fn read<T: serde::de::DeserializeOwned>(
    response: reqwest::blocking::Response,
) -> Result<T, ClientError> {
    response
        .json()
        .map_err(|e| ClientError::BadAnswer(e.to_string()))
}

impl Client {
    /// Logs in and registers this device (see [`DeviceLogin`]). A server whose records say
    /// the device's key was revoked refuses with 403 `device_key_revoked`.
    pub fn login_device(
        &self,
        user: &str,
        password: &str,
        device: &DeviceLogin,
    ) -> Result<Login, ClientError> {
        let body = serde_json::json!({
            "user": user,
            "password": password,
            "device_key": device.device_key,
            "device_name": device.device_name,
            "local_identity": device.local_identity,
        });
        read(self.send(self.http.post(self.url("/v1/login")).json(&body))?)
    }

    /// The workspace's roster as the server signed it (check it with
    /// `Workspace::keep_roster`, which verifies it against the pinned key).
    pub fn roster(&self, workspace: &WorkspaceId) -> Result<SignedRoster, ClientError> {
        read(
            self.send(
                self.http
                    .get(self.url(&format!("/v1/workspaces/{workspace}/roster"))),
            )?,
        )
    }

    /// Grants a capability to a member, or takes it back (a workspace admin, or a member who
    /// holds `administer_members`); the new roster.
    pub fn grant(
        &self,
        workspace: &WorkspaceId,
        member: &str,
        request: &GrantRequest,
    ) -> Result<SignedRoster, ClientError> {
        let path = format!("/v1/workspaces/{workspace}/members/{member}/grants");
        read(self.send(self.http.post(self.url(&path)).json(request))?)
    }

    /// Changes a member's role; the new roster.
    pub fn set_role(
        &self,
        workspace: &WorkspaceId,
        member: &str,
        role: &str,
    ) -> Result<SignedRoster, ClientError> {
        let path = format!("/v1/workspaces/{workspace}/members/{member}/role");
        let body = serde_json::json!({ "role": role });
        read(self.send(self.http.post(self.url(&path)).json(&body))?)
    }

    /// Revokes a member's device key (a lost laptop); the new roster.
    pub fn revoke_key(
        &self,
        workspace: &WorkspaceId,
        member: &str,
        key: &KeyId,
    ) -> Result<SignedRoster, ClientError> {
        let path = format!("/v1/workspaces/{workspace}/members/{member}/keys/{key}/revoke");
        read(self.send(self.http.post(self.url(&path)))?)
    }
}

/// Who I am in `workspace`: the account it is logged in as (or was), my role, capabilities
/// and device key by the roster kept here, and what I may change. Reads only.
pub fn me(store: &Store, workspace: &Workspace, now_ms: i64) -> Result<MembersMe, SessionError> {
    let binding = workspace.sync_binding()?;
    let logged_in = is_logged_in(store, workspace)?;
    let account = binding.as_ref().map(|binding| Account {
        server: &binding.server,
        user_id: &binding.user_id,
        name: match binding.display_name.trim() {
            "" => &binding.user,
            name => name,
        },
        logged_in,
    });
    let key = existing_device_key(store)?;
    Ok(trust::members_me(
        &workspace.roster()?,
        account,
        key.as_ref(),
        now_ms,
    ))
}

/// The roster kept for `workspace`, as the members screen lists it.
pub fn roster(
    store: &Store,
    workspace: &Workspace,
    now_ms: i64,
) -> Result<RosterView, SessionError> {
    let me = workspace
        .sync_binding()?
        .map(|binding| binding.user_id)
        .unwrap_or_default();
    let key = existing_device_key(store)?;
    Ok(trust::roster_view(
        &workspace.roster()?,
        &me,
        key.as_ref(),
        now_ms,
    ))
}

/// A change of one member that a workspace admin asks the server for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberChange {
    /// Grants a capability (limits only for `approve_purchases`).
    Grant {
        capability: Capability,
        max_amount_krw: Option<u64>,
        categories: Vec<String>,
    },
    /// Takes a capability back from now on (what was decided with it before stays valid).
    Ungrant(Capability),
    SetRole(Role),
    /// Revokes a device key (a lost laptop): decisions it signed before stay valid, later
    /// ones are refused.
    RevokeKey(KeyId),
}

/// Asks the team server to change `member` (an account id or login name) in `workspace`, and
/// keeps the roster it answers (verified against the pinned server key, as a sync's is).
/// Needs the network and a login: `Unreachable` offline, 403 `not_entitled` for anyone but a
/// workspace admin or a holder of `administer_members`.
pub fn change_member(
    store: &Store,
    workspace: &Workspace,
    member: &str,
    change: &MemberChange,
) -> Result<RosterKept, SessionError> {
    let (client, binding) = client_for(store, workspace)?;
    let remote = &binding.remote_workspace;
    let signed = match change {
        MemberChange::Grant {
            capability,
            max_amount_krw,
            categories,
        } => client.grant(
            remote,
            member,
            &GrantRequest {
                capability: *capability,
                ungrant: false,
                max_amount_krw: *max_amount_krw,
                categories: categories.clone(),
            },
        )?,
        MemberChange::Ungrant(capability) => client.grant(
            remote,
            member,
            &GrantRequest {
                capability: *capability,
                ungrant: true,
                max_amount_krw: None,
                categories: Vec::new(),
            },
        )?,
        MemberChange::SetRole(role) => client.set_role(remote, member, role.code())?,
        MemberChange::RevokeKey(key) => client.revoke_key(remote, member, key)?,
    };
    Ok(workspace.keep_roster(&signed)?)
}
