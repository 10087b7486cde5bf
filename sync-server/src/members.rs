//! The roster routes: any member reads the workspace's roster, signed by the server key; a
//! workspace admin (the admin role, or a member holding `administer_members`) grants and
//! takes back capabilities, changes roles and revokes device keys, each answered with the new
//! signed roster. Also the device part of a login: its key and local identity registered.
//!
//! ```text
//! GET  /v1/workspaces/{ws}/roster                              SignedRoster (JSON)
//! POST /v1/workspaces/{ws}/members/{user}/grants               {"capability","ungrant"?,
//!                                                              "max_amount_krw"?,"categories"?}
//! POST /v1/workspaces/{ws}/members/{user}/role                 {"role"}
//! POST /v1/workspaces/{ws}/members/{user}/keys/{key id}/revoke
//! ```
//! `{user}` is the member's login name or account id. Anyone else gets 403 `not_entitled`.

use std::sync::Arc;

use hyper::body::Incoming;
use hyper::{Request, StatusCode};
use serde::Deserialize;

use cloudwright_core::trust::{Capability, KeyId, PublicKey, SignedRoster};
use cloudwright_core::WorkspaceId;

use crate::auth::{AuthError, ClaimOutcome, DeviceLogin, KeyState, Limits, Role, UserRecord};
use crate::error::ApiError;
use crate::request::{parse_json, read_body, Media};
use crate::session::{blocking, member, now_ms, Member};
use crate::state::AppState;

/// What a login may tell of its device (all absent from an older client).
#[derive(Default, Deserialize)]
pub struct DeviceFields {
    #[serde(default)]
    device_key: Option<String>,
    #[serde(default)]
    device_name: Option<String>,
    #[serde(default)]
    local_identity: Option<String>,
}

impl DeviceFields {
    /// Checked before the password is: 400 `bad_device_key` or `bad_local_identity`.
    pub fn check(&self) -> Result<(), ApiError> {
        if let Some(key) = &self.device_key {
            PublicKey::try_from(key.clone()).map_err(|reason| {
                ApiError::bad_request("bad_device_key", format!("device_key: {reason}"))
            })?;
        }
        if let Some(local) = &self.local_identity {
            local.parse::<ulid::Ulid>().map_err(|_| {
                ApiError::bad_request(
                    "bad_local_identity",
                    format!("local_identity '{local}' is not a ULID"),
                )
            })?;
        }
        Ok(())
    }
}

/// Registers the device of a login of `user` (blocking). A revoked key refuses the login
/// (403 `device_key_revoked`): the device makes a new key and logs in again.
pub fn register_device(
    state: &AppState,
    user: &UserRecord,
    device: &DeviceFields,
    now_ms: i64,
) -> Result<(), ApiError> {
    let Some(public) = device
        .device_key
        .clone()
        .and_then(|key| PublicKey::try_from(key).ok())
    else {
        return Ok(());
    };
    let login = DeviceLogin {
        public,
        device_name: device.device_name.as_deref().unwrap_or_default(),
        local_identity: device.local_identity.as_deref(),
    };
    let (key, claim) = state.auth.register_device(user, &login, now_ms)?;
    match key {
        KeyState::Revoked { revoked_at_ms } => {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "device_key_revoked",
                format!(
                    "this device's key {} was revoked (at {revoked_at_ms} ms): it cannot be used again; make a new key and log in again",
                    public.id()
                ),
            ))
        }
        KeyState::Added => tracing::info!(user = %user.name, key = %public.id(), "device key registered"),
        KeyState::Known => {}
    }
    if let ClaimOutcome::ClaimedByAnother { user: owner } = claim {
        tracing::info!(user = %user.name, %owner, "a local identity another account claimed first stays theirs");
    }
    Ok(())
}

fn signed_roster(state: &AppState, workspace: &WorkspaceId) -> Result<SignedRoster, ApiError> {
    Ok(state
        .auth
        .roster(workspace, now_ms())?
        .sign(&state.server_key))
}

fn json_roster(signed: &SignedRoster) -> crate::routes::Answer {
    Ok(crate::routes::json(StatusCode::OK, signed))
}

/// `GET /v1/workspaces/{ws}/roster`: any member.
pub async fn roster(
    state: Arc<AppState>,
    workspace: &str,
    request: Request<()>,
) -> crate::routes::Answer {
    let Member { workspace, .. } = member(&state, request.headers(), workspace)?;
    let signed = blocking(state, move |state| signed_roster(state, &workspace)).await?;
    json_roster(&signed)
}

/// Who may change the members: a workspace admin, or a member holding `administer_members`.
fn require_member_admin(state: &AppState, asking: &Member, now: i64) -> Result<(), ApiError> {
    if asking.role == Role::Admin
        || state.auth.holds(
            &asking.user,
            &asking.workspace,
            Capability::AdministerMembers,
            now,
        )?
    {
        return Ok(());
    }
    Err(ApiError::new(
        StatusCode::FORBIDDEN,
        "not_entitled",
        format!(
            "changing the members of this workspace needs the admin role or the administer_members capability: {} is {} here, without administer_members",
            asking.user, asking.role
        ),
    ))
}

/// The member a path names, by account id or login name, by the rule of
/// `cloudwright_core::names::find_by_name_or_id` (a value that reads as an id is that id; a
/// name is found however it was typed): 404 `unknown_member` otherwise.
fn target(state: &AppState, workspace: &WorkspaceId, named: &str) -> Result<UserRecord, ApiError> {
    let users = state.auth.users()?;
    let user = match cloudwright_core::names::find_by_name_or_id(
        named,
        &users,
        |user| user.id.parse().ok(),
        |user| &user.name,
    ) {
        cloudwright_core::names::Found::One(user) => Some(user.clone()),
        _ => None,
    };
    match user {
        Some(user) if state.auth.role(&user.name, workspace)?.is_some() => Ok(user),
        _ => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_member",
            format!("no member of this workspace has the name or id '{named}'"),
        )),
    }
}

/// An auth refusal a member admin can cause, as the 4xx it is.
fn refused(error: AuthError) -> ApiError {
    match error {
        AuthError::NotGranted { .. } => ApiError::bad_request("not_granted", error.to_string()),
        AuthError::LimitsOnlyForPurchases(_) | AuthError::BadCategory => {
            ApiError::bad_request("bad_limits", error.to_string())
        }
        AuthError::UnknownRole(_) => ApiError::bad_request("unknown_role", error.to_string()),
        AuthError::UnknownKey(_) => {
            ApiError::new(StatusCode::NOT_FOUND, "unknown_key", error.to_string())
        }
        AuthError::NotAMember { .. } => {
            ApiError::new(StatusCode::NOT_FOUND, "unknown_member", error.to_string())
        }
        other => other.into(),
    }
}

#[derive(Deserialize)]
struct GrantBody {
    capability: String,
    #[serde(default)]
    ungrant: bool,
    #[serde(default)]
    max_amount_krw: Option<u64>,
    #[serde(default)]
    categories: Vec<String>,
}

#[derive(Deserialize)]
struct RoleBody {
    role: String,
}

/// What a member admin asks to change.
pub enum Change {
    Grant,
    Role,
    RevokeKey(String),
}

/// `POST …/members/{user}/grants`, `…/role` and `…/keys/{key id}/revoke`.
pub async fn change(
    state: Arc<AppState>,
    workspace: &str,
    named: &str,
    change: Change,
    request: Request<Incoming>,
) -> crate::routes::Answer {
    let asking = member(&state, request.headers(), workspace)?;
    let (parts, body) = request.into_parts();
    let limit = state.max_body_bytes;
    let body = read_body(&state, &parts.headers, body, Media::Json, limit).await?;
    let named = named.to_owned();
    let signed = blocking(state, move |state| {
        let now = now_ms();
        require_member_admin(state, &asking, now)?;
        let workspace = asking.workspace;
        let user = target(state, &workspace, &named)?;
        match change {
            Change::Grant => {
                let grant: GrantBody = parse_json(&body)?;
                let capability: Capability = grant
                    .capability
                    .parse()
                    .map_err(|reason: String| ApiError::bad_request("unknown_capability", reason))?;
                if grant.ungrant {
                    state
                        .auth
                        .ungrant(&user.name, &workspace, capability, now)
                        .map_err(refused)?;
                } else {
                    let limits = Limits {
                        max_amount_krw: grant.max_amount_krw,
                        categories: grant.categories,
                    };
                    let mut rng = rand::rngs::OsRng;
                    state
                        .auth
                        .grant(&user.name, &workspace, capability, &limits, &asking.user, now, &mut rng)
                        .map_err(refused)?;
                }
                tracing::info!(by = %asking.user, user = %user.name, %capability, ungrant = grant.ungrant, "grant changed");
            }
            Change::Role => {
                let RoleBody { role } = parse_json(&body)?;
                let role: Role = role.parse().map_err(refused)?;
                state
                    .auth
                    .set_role(&user.name, &workspace, role, now)
                    .map_err(refused)?;
                tracing::info!(by = %asking.user, user = %user.name, %role, "role changed");
            }
            Change::RevokeKey(key) => {
                state
                    .auth
                    .revoke_key(Some(&user.name), &KeyId(key.clone()), now)
                    .map_err(refused)?;
                tracing::info!(by = %asking.user, user = %user.name, %key, "device key revoked");
            }
        }
        signed_roster(state, &workspace)
    })
    .await?;
    json_roster(&signed)
}
