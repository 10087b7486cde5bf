//! The one error shape every route answers with:
//! `{"error":{"code":"snake_case_code","message":"human sentence"}}` and a specific status.

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::{Response, StatusCode};

use cloudwright_core::sync::hub::HubError;
use cloudwright_core::sync::protocol::ProtocolError;

use cloudwright_core::store::StoreError;

use crate::auth::{AuthError, Rejection};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// What the refusal names beyond its message (`author_mismatch`: every refused change).
    pub changes: Vec<serde_json::Value>,
    /// The documents a refused push may not carry (`author_mismatch`, `not_entitled`).
    pub documents: Vec<String>,
    /// What else the refusal names, under its own keys: `decisions` (every decision a refused
    /// push records that the server does not take, with why), `limit_bytes` (a body too large:
    /// the most this route takes, so a device can say so). One map keeps the error small.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            changes: Vec::new(),
            documents: Vec::new(),
            extra: serde_json::Map::new(),
        }
    }

    /// A 413 that says the most its route takes.
    pub fn with_limit(mut self, limit_bytes: u64) -> ApiError {
        self.extra
            .insert("limit_bytes".into(), serde_json::json!(limit_bytes));
        self
    }

    /// A failure of the server itself. The details go to the log, not to the client.
    pub fn internal(context: &str, error: &dyn std::fmt::Display) -> ApiError {
        tracing::error!("{context}: {error}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server failed to handle the request; the details are in its log",
        )
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "there is nothing at this address",
        )
    }

    pub fn forbidden() -> ApiError {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "this account is not a member of the workspace",
        )
    }

    /// 507 `insufficient_storage`: the server's disk has no room for what the request
    /// writes. Nothing of it was stored; reads and logins go on (see `health.rs`).
    pub fn insufficient_storage() -> ApiError {
        tracing::warn!("a write was refused: the data directory's disk is full");
        ApiError::new(
            StatusCode::INSUFFICIENT_STORAGE,
            "insufficient_storage",
            "the server's disk is full: nothing of this request was stored. What you sent is \
             still on your device; send it again once the server's administrator has freed space",
        )
    }

    pub fn read_only() -> ApiError {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "read_only",
            "this account may read the workspace but not change it",
        )
    }

    pub fn into_response(self) -> Response<Full<Bytes>> {
        let mut error = serde_json::json!({ "code": self.code, "message": self.message });
        if !self.changes.is_empty() {
            error["changes"] = serde_json::Value::Array(self.changes);
        }
        if !self.documents.is_empty() {
            error["documents"] = serde_json::json!(self.documents);
        }
        for (key, value) in self.extra {
            error[key] = value;
        }
        let body = serde_json::json!({ "error": error });
        let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
        *response.status_mut() = self.status;
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response
    }
}

impl From<Rejection> for ApiError {
    fn from(rejection: Rejection) -> ApiError {
        let code = match rejection {
            Rejection::Unauthenticated => "unauthenticated",
            Rejection::Expired => "token_expired",
        };
        ApiError::new(StatusCode::UNAUTHORIZED, code, rejection.to_string())
    }
}

impl From<ProtocolError> for ApiError {
    fn from(error: ProtocolError) -> ApiError {
        ApiError::bad_request(error.code(), error.to_string())
    }
}

impl From<HubError> for ApiError {
    fn from(error: HubError) -> ApiError {
        if matches!(error, HubError::Store(StoreError::DiskFull)) {
            return ApiError::insufficient_storage();
        }
        let status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if status.is_server_error() {
            tracing::error!("sync hub: {error}");
            return ApiError::new(
                status,
                error.code(),
                "the server could not read or write its store; the details are in its log",
            );
        }
        let changes = match &error {
            HubError::AuthorMismatch { changes, .. } => changes
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "doc_id": c.doc_id, "change": c.change, "by": c.by, "name": c.name
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        let mut extra = serde_json::Map::new();
        if let HubError::DecisionRefused { decisions } = &error {
            let listed = decisions
                .iter()
                .map(|d| {
                    serde_json::json!({"doc_id": d.doc_id, "action": d.action, "reason": d.reason})
                })
                .collect();
            extra.insert("decisions".into(), serde_json::Value::Array(listed));
        }
        if matches!(error, HubError::BlobTooLarge) {
            let limit = cloudwright_core::sync::blobs::MAX_BLOB_BYTES as u64;
            extra.insert("limit_bytes".into(), serde_json::json!(limit));
        }
        ApiError {
            changes,
            documents: error.refused_documents().unwrap_or_default(),
            extra,
            ..ApiError::new(status, error.code(), error.to_string())
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::DiskFull => ApiError::insufficient_storage(),
            error => ApiError::internal("store", &error),
        }
    }
}

impl From<AuthError> for ApiError {
    fn from(error: AuthError) -> ApiError {
        match error {
            AuthError::Store(StoreError::DiskFull) => ApiError::insufficient_storage(),
            error => ApiError::internal("auth records", &error),
        }
    }
}
