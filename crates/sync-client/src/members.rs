//! The roster and the members of a workspace over HTTP, and a login that registers the
//! device: its public key, its name and its local identity.

use cloudwright_core::trust::{Capability, KeyId, PublicKey, SignedRoster};
use cloudwright_core::WorkspaceId;
use serde::Serialize;

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
