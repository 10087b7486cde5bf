//! The HTTP side of sync, shared by the desktop app and the CLI: log in, list the workspaces
//! an account may use, and carry sync exchanges and blobs ([`HttpTransport`] implements the
//! core's [`Transport`]). Blocking on purpose: both callers sync from a thread of their own.

pub mod authoring;
pub mod members;
pub mod session;

use std::time::Duration;

use cloudwright_core::sync::protocol::{self, SyncRequest, SyncResponse, CONTENT_TYPE};
use cloudwright_core::sync::Transport;
use cloudwright_core::WorkspaceId;
use reqwest::blocking::{Client as Http, RequestBuilder, Response};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("'{0}' is not a server address (expected http://host:port or https://host:port)")]
    BadAddress(String),
    #[error("the server cannot be reached: {0}")]
    Unreachable(String),
    #[error("{}", refused_text(*.status, .code, .message))]
    Refused {
        status: u16,
        code: String,
        message: String,
        /// The changes an `author_mismatch` refusal names, with their documents.
        changes: Vec<RefusedChange>,
        /// The documents a refused push may not carry (`author_mismatch`, `not_entitled`).
        documents: Vec<String>,
        /// A body too large (413): the most the server takes there.
        limit_bytes: Option<u64>,
    },
    #[error("the server's answer could not be read: {0}")]
    BadAnswer(String),
}

/// How a refusal reads: the server's code and message, or, for a full disk on the server
/// (507 `insufficient_storage`), what it means here: nothing left this device.
fn refused_text(status: u16, code: &str, message: &str) -> String {
    if status == 507 {
        return "the team server's disk is full: nothing was sent, and your edits are kept \
                here; they go out once the server's administrator frees space"
            .to_owned();
    }
    format!("the server refused ({status} {code}): {message}")
}

impl ClientError {
    /// Not a server problem: no network, server down, time-out. Worth retrying later.
    pub fn is_offline(&self) -> bool {
        matches!(self, ClientError::Unreachable(_))
    }

    /// The server saw this device's exchange numbers from another copy of its data: it must
    /// go on as a new device (`session::sync` does).
    pub fn is_copied_device(&self) -> bool {
        matches!(self, ClientError::Refused { status: 409, code, .. } if code == "client_copied")
    }

    /// The login is no longer accepted: the user must log in again.
    pub fn needs_login(&self) -> bool {
        matches!(self, ClientError::Refused { status: 401, .. })
    }

    /// The server's error code, when the server answered with one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ClientError::Refused { code, .. } => Some(code),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemoteWorkspace {
    pub id: WorkspaceId,
    pub name: String,
    pub role: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Login {
    pub token: String,
    pub user: String,
    /// The account's stable id (empty from a server older than account ids).
    #[serde(default)]
    pub user_id: String,
    /// How the account is shown (empty from an older server: the login name stands in).
    #[serde(default)]
    pub display_name: String,
    /// The server's public key, hex (empty from a server older than server keys).
    #[serde(default)]
    pub server_key: String,
    pub expires_at_ms: Option<i64>,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

/// A change the server refused as someone else's (`author_mismatch`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RefusedChange {
    pub doc_id: String,
    pub change: String,
    /// The account id (or `local:` and a local identity) the change names.
    pub by: String,
    pub name: String,
}

#[derive(Deserialize)]
struct ErrorDetail {
    code: String,
    message: String,
    #[serde(default)]
    changes: Vec<RefusedChange>,
    #[serde(default)]
    documents: Vec<String>,
    #[serde(default)]
    limit_bytes: Option<u64>,
}

/// A server address and, once logged in, a token.
#[derive(Clone)]
pub struct Client {
    base: String,
    http: Http,
    token: Option<String>,
}

/// Turns `host:port` or a URL into `scheme://host:port` without a trailing slash.
pub fn normalise_server(address: &str) -> Result<String, ClientError> {
    let trimmed = address.trim().trim_end_matches('/');
    let url = if trimmed.contains("://") {
        trimmed.to_owned()
    } else {
        format!("http://{trimmed}")
    };
    let parsed =
        reqwest::Url::parse(&url).map_err(|_| ClientError::BadAddress(address.to_owned()))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(ClientError::BadAddress(address.to_owned()));
    }
    Ok(url)
}

impl Client {
    pub fn new(server: &str) -> Result<Client, ClientError> {
        Self::with_roots(server, &[])
    }

    /// A client that also trusts the given PEM certificates (a team's own CA or a
    /// self-signed server certificate).
    pub fn with_roots(server: &str, pem_roots: &[Vec<u8>]) -> Result<Client, ClientError> {
        let base = normalise_server(server)?;
        let mut builder = Http::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(120))
            .pool_idle_timeout(Duration::from_secs(60));
        for pem in pem_roots {
            let cert = reqwest::Certificate::from_pem(pem)
                .map_err(|e| ClientError::BadAddress(format!("certificate: {e}")))?;
            builder = builder.add_root_certificate(cert);
        }
        let http = builder
            .build()
            .map_err(|e| ClientError::Unreachable(e.to_string()))?;
        Ok(Client {
            base,
            http,
            token: None,
        })
    }

    pub fn server(&self) -> &str {
        &self.base
    }

    pub fn with_token(mut self, token: impl Into<String>) -> Client {
        self.token = Some(token.into());
        self
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn authorised(&self, builder: RequestBuilder) -> RequestBuilder {
        match &self.token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    fn send(&self, builder: RequestBuilder) -> Result<Response, ClientError> {
        let response = self
            .authorised(builder)
            .send()
            .map_err(|e| ClientError::Unreachable(describe(&e)))?;
        if response.status().is_success() {
            return Ok(response);
        }
        Err(refusal(response))
    }

    pub fn login(&self, user: &str, password: &str) -> Result<Login, ClientError> {
        let response = self.send(
            self.http
                .post(self.url("/v1/login"))
                .json(&serde_json::json!({ "user": user, "password": password })),
        )?;
        response
            .json()
            .map_err(|e| ClientError::BadAnswer(e.to_string()))
    }

    /// A session token of its own for a device whose data turned out to be a copy (see
    /// `session::sync`); `None` when the token held is an API token, which stays.
    pub fn renew(&self) -> Result<Option<Login>, ClientError> {
        #[derive(Deserialize)]
        struct Renewed {
            token: Option<String>,
            user: String,
            expires_at_ms: Option<i64>,
        }
        let response = self.send(self.http.post(self.url("/v1/login/renew")))?;
        let renewed: Renewed = response
            .json()
            .map_err(|e| ClientError::BadAnswer(e.to_string()))?;
        Ok(renewed.token.map(|token| Login {
            token,
            user: renewed.user,
            user_id: String::new(),
            display_name: String::new(),
            server_key: String::new(),
            expires_at_ms: renewed.expires_at_ms,
        }))
    }

    pub fn logout(&self) -> Result<(), ClientError> {
        self.send(self.http.post(self.url("/v1/logout")))?;
        Ok(())
    }

    pub fn workspaces(&self) -> Result<Vec<RemoteWorkspace>, ClientError> {
        let response = self.send(self.http.get(self.url("/v1/workspaces")))?;
        response
            .json()
            .map_err(|e| ClientError::BadAnswer(e.to_string()))
    }

    /// A transport for one workspace, announcing this device as `client_id`.
    pub fn transport(&self, workspace: WorkspaceId, client_id: &str) -> HttpTransport {
        HttpTransport {
            client: self.clone(),
            workspace,
            client_id: client_id.to_owned(),
            bytes_sent: 0,
            bytes_received: 0,
            round_trips: 0,
        }
    }
}

fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

fn refusal(response: Response) -> ClientError {
    let status = response.status().as_u16();
    let body = response.bytes().unwrap_or_default();
    match serde_json::from_slice::<ErrorBody>(&body) {
        Ok(parsed) => ClientError::Refused {
            status,
            code: parsed.error.code,
            message: parsed.error.message,
            changes: parsed.error.changes,
            documents: parsed.error.documents,
            limit_bytes: parsed.error.limit_bytes,
        },
        Err(_) => ClientError::Refused {
            status,
            code: "http_error".into(),
            message: String::from_utf8_lossy(&body).chars().take(200).collect(),
            changes: Vec::new(),
            documents: Vec::new(),
            limit_bytes: None,
        },
    }
}

/// Sync over HTTP for one workspace. Counts what it moves, for `sync` reports and benchmarks.
pub struct HttpTransport {
    client: Client,
    workspace: WorkspaceId,
    client_id: String,
    pub bytes_sent: u64,
    pub bytes_received: u64,
    pub round_trips: u64,
}

impl HttpTransport {
    fn path(&self, rest: &str) -> String {
        self.client
            .url(&format!("/v1/workspaces/{}{rest}", self.workspace))
    }
}

impl Transport for HttpTransport {
    type Error = ClientError;

    fn too_large(error: &ClientError) -> Option<u64> {
        match error {
            ClientError::Refused {
                status: 413,
                limit_bytes,
                ..
            } => Some(limit_bytes.unwrap_or(0)),
            _ => None,
        }
    }

    fn refused_documents(error: &ClientError) -> Option<Vec<String>> {
        match error {
            ClientError::Refused {
                status: 403,
                code,
                documents,
                ..
            } if code == "author_mismatch" || code == "not_entitled" => Some(documents.clone()),
            _ => None,
        }
    }

    fn exchange(&mut self, request: &SyncRequest) -> Result<SyncResponse, ClientError> {
        let body = protocol::encode(request);
        self.bytes_sent += body.len() as u64;
        self.round_trips += 1;
        let response = self.client.send(
            self.client
                .http
                .post(self.path("/sync"))
                .header("content-type", CONTENT_TYPE)
                .header("x-cloudwright-client", &self.client_id)
                .body(body),
        )?;
        let bytes = response
            .bytes()
            .map_err(|e| ClientError::Unreachable(describe(&e)))?;
        self.bytes_received += bytes.len() as u64;
        protocol::decode(&bytes).map_err(|e| ClientError::BadAnswer(e.to_string()))
    }

    fn blob_missing(&mut self, hashes: &[String]) -> Result<Vec<String>, ClientError> {
        #[derive(Deserialize)]
        struct Missing {
            missing: Vec<String>,
        }
        let response = self.client.send(
            self.client
                .http
                .post(self.path("/blobs/has"))
                .json(&serde_json::json!({ "hashes": hashes })),
        )?;
        let parsed: Missing = response
            .json()
            .map_err(|e| ClientError::BadAnswer(e.to_string()))?;
        Ok(parsed.missing)
    }

    fn blob_put(&mut self, sha: &str, bytes: &[u8]) -> Result<(), ClientError> {
        self.bytes_sent += bytes.len() as u64;
        self.client.send(
            self.client
                .http
                .put(self.path(&format!("/blobs/{sha}")))
                .header("content-type", "application/octet-stream")
                .body(bytes.to_vec()),
        )?;
        Ok(())
    }

    fn blob_get(&mut self, sha: &str) -> Result<Option<Vec<u8>>, ClientError> {
        let response = match self
            .client
            .send(self.client.http.get(self.path(&format!("/blobs/{sha}"))))
        {
            Ok(response) => response,
            Err(error) if error.code() == Some("unknown_blob") => return Ok(None),
            Err(error) => return Err(error),
        };
        let bytes = response
            .bytes()
            .map_err(|e| ClientError::Unreachable(describe(&e)))?;
        self.bytes_received += bytes.len() as u64;
        Ok(Some(bytes.to_vec()))
    }
}
