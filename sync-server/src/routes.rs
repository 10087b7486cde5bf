//! The routes: which handler answers a method and path. Each handler decodes the request,
//! calls the auth records or the workspace's sync hub, and encodes the answer.
//!
//! ```text
//! GET  /healthz                               no auth; {"status":"ok"} or "degraded" (health.rs)
//! GET  /metrics                               no auth, Prometheus text
//! POST /v1/login                              {"user","password","device_key"?,"device_name"?,
//!                                             "local_identity"?} -> {"token","user","user_id",
//!                                             "display_name","server_key","expires_at_ms"};
//!                                             registers the device's key and claims its local
//!                                             identity (403 device_key_revoked for a revoked key)
//! POST /v1/logout                             revokes the bearer token, 204
//! GET  /v1/workspaces                         [{"id","name","role"}]
//! POST /v1/workspaces/{ws}/sync               binary sync message -> binary sync message
//! POST /v1/workspaces/{ws}/blobs/has          {"hashes":[…]} -> {"missing":[…]}
//! PUT  /v1/workspaces/{ws}/blobs/{sha256}     raw bytes, 201
//! GET  /v1/workspaces/{ws}/blobs/{sha256}     raw bytes
//! GET  /v1/workspaces/{ws}/roster             the roster signed by the server key (any member)
//! POST /v1/workspaces/{ws}/members/{user}/grants          {"capability","ungrant"?,
//!                                             "max_amount_krw"?,"categories"?} -> roster
//! POST /v1/workspaces/{ws}/members/{user}/role            {"role"} -> roster
//! POST /v1/workspaces/{ws}/members/{user}/keys/{key}/revoke  -> roster
//!                                             (these three: workspace admins, or members
//!                                             holding administer_members; see members.rs)
//! ```

use std::sync::Arc;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, ALLOW, CONTENT_TYPE};
use hyper::{Method, Request, Response, StatusCode};
use serde::{Deserialize, Serialize};

use cloudwright_core::sync::hub::{PushScope, Pusher};
use cloudwright_core::sync::protocol::{self, SyncRequest};

use crate::auth::{Role, TokenKind};
use crate::error::ApiError;
use crate::members::{self, Change};
use crate::request::{
    bearer_token, client_id, parse_json, read_body, BodyReader, Media, LOGIN_BODY_BYTES,
};
use crate::session::{authenticate, blocking, member, now_ms, Member};
use crate::state::AppState;

/// A route, known from the path alone; its label names it in the metrics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Health,
    Metrics,
    Login,
    Renew,
    Logout,
    Workspaces,
    Sync,
    BlobsHas,
    Blob,
    Roster,
    MemberGrants,
    MemberRole,
    KeyRevoke,
    Unknown,
}

impl Route {
    pub fn of(path: &str) -> Route {
        let segments: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
        match segments.as_slice() {
            ["healthz"] => Route::Health,
            ["metrics"] => Route::Metrics,
            ["v1", "login"] => Route::Login,
            ["v1", "login", "renew"] => Route::Renew,
            ["v1", "logout"] => Route::Logout,
            ["v1", "workspaces"] => Route::Workspaces,
            ["v1", "workspaces", _, "sync"] => Route::Sync,
            ["v1", "workspaces", _, "blobs", "has"] => Route::BlobsHas,
            ["v1", "workspaces", _, "blobs", _] => Route::Blob,
            ["v1", "workspaces", _, "roster"] => Route::Roster,
            ["v1", "workspaces", _, "members", _, "grants"] => Route::MemberGrants,
            ["v1", "workspaces", _, "members", _, "role"] => Route::MemberRole,
            ["v1", "workspaces", _, "members", _, "keys", _, "revoke"] => Route::KeyRevoke,
            _ => Route::Unknown,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Route::Health => "/healthz",
            Route::Metrics => "/metrics",
            Route::Login => "/v1/login",
            Route::Renew => "/v1/login/renew",
            Route::Logout => "/v1/logout",
            Route::Workspaces => "/v1/workspaces",
            Route::Sync => "/v1/workspaces/{ws}/sync",
            Route::BlobsHas => "/v1/workspaces/{ws}/blobs/has",
            Route::Blob => "/v1/workspaces/{ws}/blobs/{sha256}",
            Route::Roster => "/v1/workspaces/{ws}/roster",
            Route::MemberGrants => "/v1/workspaces/{ws}/members/{user}/grants",
            Route::MemberRole => "/v1/workspaces/{ws}/members/{user}/role",
            Route::KeyRevoke => "/v1/workspaces/{ws}/members/{user}/keys/{key}/revoke",
            Route::Unknown => "other",
        }
    }

    fn allowed(self) -> &'static str {
        match self {
            Route::Health | Route::Metrics | Route::Workspaces | Route::Roster => "GET",
            Route::Login
            | Route::Renew
            | Route::Logout
            | Route::Sync
            | Route::BlobsHas
            | Route::MemberGrants
            | Route::MemberRole
            | Route::KeyRevoke => "POST",
            Route::Blob => "GET, PUT",
            Route::Unknown => "",
        }
    }
}

pub type Answer = Result<Response<Full<Bytes>>, ApiError>;

/// A blob upload is written in pieces of this size as they arrive (see `blob_put`).
const BLOB_PIECE_BYTES: usize = 1024 * 1024;

/// The request's head, its body read and dropped (see `request::drain`): for routes that
/// take no body.
async fn without_body(state: &AppState, request: Request<Incoming>) -> Request<()> {
    let (parts, body) = request.into_parts();
    crate::request::drain(state, body);
    Request::from_parts(parts, ())
}

pub async fn handle(state: Arc<AppState>, route: Route, request: Request<Incoming>) -> Answer {
    let segment = |index: usize| {
        request
            .uri()
            .path()
            .split('/')
            .nth(index)
            .unwrap_or_default()
            .to_owned()
    };
    // "/v1/workspaces/{ws}/blobs/{sha}" splits into "", "v1", "workspaces", ws, "blobs", sha.
    let (workspace, sha) = (segment(3), segment(5));
    match (route, request.method().clone()) {
        (Route::Health, Method::GET) => {
            crate::request::drain(&state, request.into_body());
            Ok(crate::health::answer(&state))
        }
        (Route::Metrics, Method::GET) => {
            crate::request::drain(&state, request.into_body());
            Ok(metrics(&state))
        }
        (Route::Login, Method::POST) => login(state, request).await,
        (Route::Renew, Method::POST) => {
            let request = without_body(&state, request).await;
            renew(state, request).await
        }
        (Route::Logout, Method::POST) => {
            let request = without_body(&state, request).await;
            logout(state, request).await
        }
        (Route::Workspaces, Method::GET) => {
            let request = without_body(&state, request).await;
            workspaces(state, request).await
        }
        (Route::Sync, Method::POST) => sync(state, &workspace, request).await,
        (Route::BlobsHas, Method::POST) => blobs_has(state, &workspace, request).await,
        (Route::Blob, Method::PUT) => blob_put(state, &workspace, &sha, request).await,
        (Route::Blob, Method::GET) => {
            let request = without_body(&state, request).await;
            blob_get(state, &workspace, &sha, request).await
        }
        (Route::Roster, Method::GET) => {
            let request = without_body(&state, request).await;
            members::roster(state, &workspace, request).await
        }
        // "/v1/workspaces/{ws}/members/{user}/keys/{key}/revoke": the user is segment 5.
        (Route::MemberGrants, Method::POST) => {
            members::change(state, &workspace, &sha, Change::Grant, request).await
        }
        (Route::MemberRole, Method::POST) => {
            members::change(state, &workspace, &sha, Change::Role, request).await
        }
        (Route::KeyRevoke, Method::POST) => {
            let key = Change::RevokeKey(segment(7));
            members::change(state, &workspace, &sha, key, request).await
        }
        (Route::Unknown, _) => {
            crate::request::drain(&state, request.into_body());
            Err(ApiError::not_found())
        }
        (route, method) => {
            crate::request::drain(&state, request.into_body());
            Err(method_not_allowed(route, &method))
        }
    }
}

fn metrics(state: &AppState) -> Response<Full<Bytes>> {
    let workspaces = state.hub_stats();
    let text = state.metrics.render(&crate::metrics::Gauges {
        workspaces: &workspaces,
        by_workspace: state.metrics_workspaces,
        open_connections: state.limits.connections.held(),
    });
    bytes(
        StatusCode::OK,
        "text/plain; version=0.0.4; charset=utf-8",
        text.into(),
    )
}

#[derive(Deserialize)]
struct LoginRequest {
    user: String,
    password: String,
    #[serde(flatten)]
    device: members::DeviceFields,
}

#[derive(Serialize)]
struct LoginAnswer {
    token: String,
    user: String,
    /// The account's stable id.
    user_id: String,
    /// How the account is shown: its display name, or the login name when it has none.
    display_name: String,
    /// The server's public key (hex), which signs its rosters: devices pin it at login.
    server_key: String,
    expires_at_ms: i64,
}

/// Anyone may call this, so its body is read only up to [`LOGIN_BODY_BYTES`] (413 beyond,
/// before reading it when its length is declared).
async fn login(state: Arc<AppState>, request: Request<Incoming>) -> Answer {
    let (parts, body) = request.into_parts();
    let limit = LOGIN_BODY_BYTES.min(state.max_body_bytes);
    // The whole body within the read timeout: a few hundred bytes need no trickling.
    let reading = read_body(&state, &parts.headers, body, Media::Json, limit);
    let body = match tokio::time::timeout(state.limits.config.read_timeout, reading).await {
        Ok(body) => body?,
        Err(_elapsed) => return Err(crate::request::body_timeout(&state)),
    };
    let login: LoginRequest = parse_json(&body)?;
    login.device.check()?;
    let now = now_ms();
    let expires_at_ms = now + state.session_ms;
    let issued = blocking(state.clone(), move |state| {
        let Some(user) = state.auth.check_login(&login.user, &login.password)? else {
            return Ok(None);
        };
        members::register_device(state, &user, &login.device, now)?;
        let mut rng = rand::rngs::OsRng;
        let token = state.auth.issue_token(
            &user.name,
            TokenKind::Session,
            None,
            now,
            Some(expires_at_ms),
            &mut rng,
        )?;
        Ok(Some((token, user)))
    })
    .await?;
    let Some((issued, user)) = issued else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
            "the user name or the password is wrong",
        ));
    };
    tracing::info!(user = %issued.record.user, "signed in");
    let answer = LoginAnswer {
        token: issued.secret,
        display_name: user.shown_name().to_owned(),
        user: issued.record.user,
        user_id: user.id,
        server_key: state.server_key.public().into(),
        expires_at_ms,
    };
    Ok(json(StatusCode::OK, &answer))
}

#[derive(Serialize)]
struct RenewAnswer {
    /// A new session token for the device asking; `None` for an API token, which stays.
    token: Option<String>,
    user: String,
    expires_at_ms: Option<i64>,
}

/// A new session token for a device whose data turned out to be a copy (the sync route's
/// `client_copied`): each copy then holds a token of its own, so that logging out on one
/// does not log the other out. The token presented stays valid for the copy that has it.
async fn renew(state: Arc<AppState>, request: Request<()>) -> Answer {
    let presented = authenticate(&state, request.headers())?;
    let now = now_ms();
    let expires_at_ms = now + state.session_ms;
    let answer = blocking(state, move |state| {
        if presented.kind != TokenKind::Session {
            return Ok(RenewAnswer {
                token: None,
                user: presented.user,
                expires_at_ms: None,
            });
        }
        let mut rng = rand::rngs::OsRng;
        let issued = state.auth.issue_token(
            &presented.user,
            TokenKind::Session,
            None,
            now,
            Some(expires_at_ms),
            &mut rng,
        )?;
        Ok(RenewAnswer {
            token: Some(issued.secret),
            user: issued.record.user,
            expires_at_ms: Some(expires_at_ms),
        })
    })
    .await?;
    tracing::info!(user = %answer.user, "session renewed for a copied device");
    Ok(json(StatusCode::OK, &answer))
}

async fn logout(state: Arc<AppState>, request: Request<()>) -> Answer {
    authenticate(&state, request.headers())?;
    let token = bearer_token(request.headers())
        .unwrap_or_default()
        .to_owned();
    blocking(state, move |state| Ok(state.auth.revoke_secret(&token)?)).await?;
    Ok(empty(StatusCode::NO_CONTENT))
}

#[derive(Serialize)]
struct WorkspaceEntry {
    id: String,
    name: String,
    role: &'static str,
}

async fn workspaces(state: Arc<AppState>, request: Request<()>) -> Answer {
    let token = authenticate(&state, request.headers())?;
    let list = blocking(state, move |state| {
        let names = state.store.workspaces()?;
        let mut list = Vec::new();
        for (id, role) in state.auth.memberships(&token.user)? {
            if let Some(meta) = names.iter().find(|meta| meta.id == id) {
                list.push(WorkspaceEntry {
                    id: id.to_string(),
                    name: meta.name.clone(),
                    role: role.as_str(),
                });
            }
        }
        list.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(list)
    })
    .await?;
    Ok(json(StatusCode::OK, &list))
}

async fn sync(state: Arc<AppState>, workspace: &str, request: Request<Incoming>) -> Answer {
    let Member {
        user,
        user_id,
        workspace,
        role,
    } = member(&state, request.headers(), workspace)?;
    let client = client_id(request.headers())?;
    let (parts, body) = request.into_parts();
    let limit = state.max_body_bytes;
    let body = read_body(&state, &parts.headers, body, Media::Sync, limit).await?;
    let sync_request: SyncRequest = protocol::decode(&body)?;
    tracing::debug!(%user, %workspace, %client, pushes = sync_request.push.len(), "sync");
    let response = blocking(state, move |state| {
        // Sessions held while the disk was full are written once it has room (auth/held.rs).
        state.auth.write_held_sessions()?;
        let hub = state.hub(&workspace)?;
        let scope = match role {
            Role::Viewer => PushScope::Nothing,
            Role::Auditor => PushScope::AuditRecords,
            Role::Editor | Role::Admin => PushScope::Everything,
        };
        // A change made before a login is its device's: taken from the account that claimed
        // the device's local identity at login (see members.rs).
        let claimed = |local: &str| state.auth.claimed_by(local).ok().flatten();
        // Decisions a push adds are judged by the workspace's roster as it is now.
        let roster = match sync_request.push.is_empty() {
            true => None,
            false => Some(state.auth.roster(&workspace, now_ms())?),
        };
        let pusher = Pusher {
            claimed_by: &claimed,
            roster: roster.as_ref(),
            now_ms: Some(now_ms()),
            ..Pusher::account(&user_id, scope)
        };
        Ok(hub.exchange(sync_request, &client, &pusher)?)
    })
    .await?;
    Ok(bytes(
        StatusCode::OK,
        protocol::CONTENT_TYPE,
        protocol::encode(&response).into(),
    ))
}

#[derive(Deserialize)]
struct BlobsHasRequest {
    hashes: Vec<String>,
}

#[derive(Serialize)]
struct BlobsHasAnswer {
    missing: Vec<String>,
}

async fn blobs_has(state: Arc<AppState>, workspace: &str, request: Request<Incoming>) -> Answer {
    let Member { workspace, .. } = member(&state, request.headers(), workspace)?;
    let (parts, body) = request.into_parts();
    let limit = state.max_body_bytes;
    let body = read_body(&state, &parts.headers, body, Media::Json, limit).await?;
    let has: BlobsHasRequest = parse_json(&body)?;
    let missing = blocking(state, move |state| {
        Ok(state.hub(&workspace)?.blob_missing(&has.hashes)?)
    })
    .await?;
    Ok(json(StatusCode::OK, &BlobsHasAnswer { missing }))
}

async fn blob_put(
    state: Arc<AppState>,
    workspace: &str,
    sha: &str,
    request: Request<Incoming>,
) -> Answer {
    let Member {
        user,
        workspace,
        role,
        ..
    } = member(&state, request.headers(), workspace)?;
    if !role.can_push() {
        return Err(ApiError::read_only());
    }
    // Read only now, after the token and the role, and written as it comes in pieces of
    // 1 MiB: a blob is the largest body there is, and the server never holds one whole.
    let (parts, body) = request.into_parts();
    let limit = state.max_body_bytes;
    let mut body = BodyReader::open(&state, &parts.headers, body, Media::Bytes, limit).await?;
    let sha = sha.to_owned();
    let opened = blocking(state.clone(), move |state| {
        state.auth.write_held_sessions()?;
        let hub = state.hub(&workspace)?;
        let upload = hub.blob_upload(&sha)?;
        Ok((hub, upload))
    })
    .await;
    // Refused before the body was read (a bad hash, another upload of it): the client still
    // reads the answer.
    let (hub, mut upload) = match opened {
        Ok(opened) => opened,
        Err(error) => {
            body.drain_rest();
            return Err(error);
        }
    };
    loop {
        let piece = match body.next_piece(BLOB_PIECE_BYTES).await {
            Ok(Some(piece)) => piece,
            Ok(None) => break,
            Err(error) => {
                let hub = hub.clone();
                let _ =
                    blocking(state.clone(), move |_| Ok(hub.blob_upload_abandon(upload)?)).await;
                body.drain_rest();
                return Err(error);
            }
        };
        let writer = hub.clone();
        let written = blocking(state.clone(), move |_| {
            match writer.blob_upload_write(&mut upload, &piece) {
                Ok(()) => Ok(upload),
                Err(error) => {
                    let _ = writer.blob_upload_abandon(upload);
                    Err(error.into())
                }
            }
        })
        .await;
        upload = match written {
            Ok(upload) => upload,
            Err(error) => {
                body.drain_rest();
                return Err(error);
            }
        };
    }
    let size = upload.size();
    blocking(state, move |_| Ok(hub.blob_upload_finish(upload)?)).await?;
    tracing::info!(%user, size, "blob stored");
    Ok(empty(StatusCode::CREATED))
}

async fn blob_get(
    state: Arc<AppState>,
    workspace: &str,
    sha: &str,
    request: Request<()>,
) -> Answer {
    let Member { workspace, .. } = member(&state, request.headers(), workspace)?;
    let sha = sha.to_owned();
    let found = blocking(state, move |state| {
        Ok(state.hub(&workspace)?.blob_get(&sha)?)
    })
    .await?;
    match found {
        Some(blob) => Ok(bytes(
            StatusCode::OK,
            "application/octet-stream",
            blob.into(),
        )),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_blob",
            "this workspace has no blob with that hash",
        )),
    }
}

fn method_not_allowed(route: Route, method: &Method) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!(
            "{method} is not allowed here (allowed: {})",
            route.allowed()
        ),
    )
}

/// The `Allow` header a 405 answer should carry for `route`.
pub fn allow_header(route: Route) -> HeaderValue {
    HeaderValue::from_static(route.allowed())
}

pub(crate) fn json<T: Serialize>(status: StatusCode, value: &T) -> Response<Full<Bytes>> {
    // Our answer types always serialise.
    let body = serde_json::to_vec(value).unwrap_or_default();
    bytes(status, "application/json", body.into())
}

fn bytes(status: StatusCode, content_type: &'static str, body: Bytes) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

fn empty(status: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = status;
    response
}

/// Adds `Allow` to a 405 answer; other answers pass through.
pub fn with_allow(route: Route, mut response: Response<Full<Bytes>>) -> Response<Full<Bytes>> {
    if response.status() == StatusCode::METHOD_NOT_ALLOWED {
        response.headers_mut().insert(ALLOW, allow_header(route));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_routes() {
        let ws = "01JD5Z0000000000000000000A";
        let cases = [
            ("/healthz", Route::Health),
            ("/metrics", Route::Metrics),
            ("/v1/login", Route::Login),
            ("/v1/login/renew", Route::Renew),
            ("/v1/logout", Route::Logout),
            ("/v1/workspaces", Route::Workspaces),
            (&*format!("/v1/workspaces/{ws}/sync"), Route::Sync),
            (&*format!("/v1/workspaces/{ws}/blobs/has"), Route::BlobsHas),
            (
                &*format!("/v1/workspaces/{ws}/blobs/{}", "a".repeat(64)),
                Route::Blob,
            ),
            ("/", Route::Unknown),
            ("/healthz/", Route::Unknown),
            ("/v1/workspaces/", Route::Unknown),
            (&*format!("/v1/workspaces/{ws}/blobs"), Route::Unknown),
            (&*format!("/v1/workspaces/{ws}/sync/more"), Route::Unknown),
            (&*format!("/v1/workspaces/{ws}/roster"), Route::Roster),
            (
                &*format!("/v1/workspaces/{ws}/members/kim/grants"),
                Route::MemberGrants,
            ),
            (
                &*format!("/v1/workspaces/{ws}/members/kim/role"),
                Route::MemberRole,
            ),
            (
                &*format!("/v1/workspaces/{ws}/members/kim/keys/0123456789abcdef/revoke"),
                Route::KeyRevoke,
            ),
            (&*format!("/v1/workspaces/{ws}/members/kim"), Route::Unknown),
        ];
        for (path, route) in cases {
            assert_eq!(Route::of(path), route, "{path}");
        }
    }
}
