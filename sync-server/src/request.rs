//! Reading requests: bodies of the type a route takes, under its size limit and never stalled
//! for longer than the read timeout; JSON, the bearer token, the client id. Each returns an
//! [`ApiError`] with the 4xx a client should see.

use http_body_util::BodyExt;
use hyper::body::{Body as _, Bytes, Incoming};
use hyper::header::{HeaderMap, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::state::AppState;

pub const CLIENT_HEADER: &str = "x-cloudwright-client";

/// The largest login body read: a user name, a password, a device key and name and a local
/// identity take a few hundred bytes. Checked before anything else is, since anyone may send
/// one.
pub const LOGIN_BODY_BYTES: u64 = 8 * 1024;

/// The kinds of body the routes take (`Content-Type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Media {
    /// `application/json`: login, blobs/has, the member routes.
    Json,
    /// `application/x-cloudwright-sync`: the sync route.
    Sync,
    /// `application/octet-stream`, or no `Content-Type` at all (RFC 9110 §8.3 lets a
    /// recipient take a body without one as that): a blob.
    Bytes,
}

impl Media {
    pub fn essence(self) -> &'static str {
        match self {
            Media::Json => "application/json",
            Media::Sync => cloudwright_core::sync::protocol::CONTENT_TYPE,
            Media::Bytes => "application/octet-stream",
        }
    }
}

/// 415 unless a request that carries a body says it is `media`. A request without a body
/// (none, or `Content-Length: 0`) needs no type.
pub fn require_media(headers: &HeaderMap, body: &Incoming, media: Media) -> Result<(), ApiError> {
    if body.is_end_stream() {
        return Ok(());
    }
    let declared = headers.get(CONTENT_TYPE);
    let essence = match declared.map(|value| value.to_str().map(str::parse::<mime::Mime>)) {
        None => Some(Media::Bytes.essence().to_owned()),
        Some(Ok(Ok(parsed))) => Some(parsed.essence_str().to_owned()),
        Some(_) => None,
    };
    if essence.as_deref() == Some(media.essence()) {
        return Ok(());
    }
    let sent = match declared {
        None => "no Content-Type (taken as application/octet-stream)".to_owned(),
        Some(value) => format!(
            "Content-Type {:?}",
            String::from_utf8_lossy(value.as_bytes())
                .chars()
                .take(80)
                .collect::<String>()
        ),
    };
    Err(ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        format!(
            "this route takes {} bodies; the request has {sent}",
            media.essence()
        ),
    ))
}

/// The 408 for a body that stopped arriving; the connection is closed after it.
pub fn body_timeout(state: &AppState) -> ApiError {
    ApiError::new(
        StatusCode::REQUEST_TIMEOUT,
        "body_timeout",
        format!(
            "the request body stopped arriving for {} s; the connection is closed",
            state.limits.config.read_timeout.as_secs()
        ),
    )
}

/// The whole body of a request of type `media`, refusing a wrong type with 415 and one over
/// `limit` bytes with 413, before reading it when its length is declared, else as soon as it
/// passes the limit. A body that sends nothing for the read timeout gets 408. Nothing is
/// buffered beyond what arrived: a body claiming 60 MiB and sending 1 KiB holds 1 KiB.
pub async fn read_body(
    state: &AppState,
    headers: &HeaderMap,
    mut body: Incoming,
    media: Media,
    limit: u64,
) -> Result<Bytes, ApiError> {
    require_media(headers, &body, media)?;
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("the request body is larger than this route's limit of {limit} bytes"),
        )
        .with_limit(limit)
    };
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit) {
        drain(state, body).await;
        return Err(too_large());
    }
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let declared = declared.and_then(|length| usize::try_from(length).ok());
    // Room for what is declared once the client has shown it is sending it: the first MiB
    // up front, the rest when the first MiB has come.
    const FIRST_ROOM: usize = 1024 * 1024;
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0).min(FIRST_ROOM));
    loop {
        let frame = match tokio::time::timeout(state.limits.config.read_timeout, body.frame()).await
        {
            Err(_elapsed) => return Err(body_timeout(state)),
            Ok(None) => break,
            Ok(Some(Err(error))) => {
                return Err(ApiError::bad_request(
                    "body_unreadable",
                    format!("the request body could not be read: {error}"),
                ))
            }
            Ok(Some(Ok(frame))) => frame,
        };
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        if bytes.len() + data.len() > limit {
            return Err(too_large());
        }
        if let Some(declared) = declared {
            if bytes.len() + data.len() > bytes.capacity() {
                bytes.reserve_exact(declared.max(bytes.len() + data.len()) - bytes.len());
            }
        }
        bytes.extend_from_slice(&data);
    }
    state.metrics.add_request_bytes(bytes.len());
    Ok(Bytes::from(bytes))
}

pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|error| {
        ApiError::bad_request(
            "malformed_json",
            format!("the request body is not the JSON this route expects: {error}"),
        )
    })
}

/// The token of an `Authorization: Bearer …` header, if there is one.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The `X-Cloudwright-Client` id: 1 to 64 of `A-Z a-z 0-9 _ -`.
pub fn client_id(headers: &HeaderMap) -> Result<String, ApiError> {
    let id = headers
        .get(CLIENT_HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let valid = (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !valid {
        return Err(ApiError::bad_request(
            "bad_client_id",
            "the X-Cloudwright-Client header must be 1 to 64 letters, digits, '_' or '-'",
        ));
    }
    Ok(id.to_owned())
}

/// Reads and drops up to [`DRAIN_BYTES`] of a body the server will not use, for at most a few
/// seconds, so that a client still sending it reads the answer instead of a reset connection.
/// What is read is dropped as it comes: draining holds no more memory than hyper's buffer.
const DRAIN_BYTES: usize = 16 * 1024 * 1024;
const DRAIN_SECONDS: u64 = 3;

pub async fn drain(state: &AppState, mut body: Incoming) {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(DRAIN_SECONDS);
    let deadline = deadline.min(tokio::time::Instant::now() + state.limits.config.read_timeout);
    let mut seen = 0usize;
    while seen <= DRAIN_BYTES {
        match tokio::time::timeout_at(deadline, body.frame()).await {
            Ok(Some(Ok(frame))) => seen += frame.data_ref().map_or(0, |data| data.len()),
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    #[test]
    fn bearer_and_client_headers_are_checked() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer_token(&headers), None);
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer cw_abc"));
        assert_eq!(bearer_token(&headers), Some("cw_abc"));
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Basic a2ltOnB3"));
        assert_eq!(bearer_token(&headers), None);

        assert!(client_id(&headers).is_err());
        headers.insert(CLIENT_HEADER, HeaderValue::from_static("laptop-01_a"));
        assert_eq!(client_id(&headers).ok().as_deref(), Some("laptop-01_a"));
        headers.insert(CLIENT_HEADER, HeaderValue::from_static("has space"));
        assert_eq!(
            client_id(&headers).err().map(|e| e.code),
            Some("bad_client_id")
        );
        let long = "a".repeat(65);
        headers.insert(
            CLIENT_HEADER,
            HeaderValue::from_str(&long).unwrap_or(HeaderValue::from_static("")),
        );
        assert!(client_id(&headers).is_err());
    }
}
