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

/// A body read as it arrives, under the rules of [`read_body`]: of type `media` (415), at most
/// `limit` bytes (413, before reading it when its length is declared), a frame at least every
/// read timeout (408). Nothing is held beyond what the caller keeps of each piece.
pub struct BodyReader<'a> {
    state: &'a AppState,
    body: Incoming,
    limit: u64,
    /// The declared length, if any.
    declared: Option<u64>,
    read: u64,
}

impl<'a> BodyReader<'a> {
    pub async fn open(
        state: &'a AppState,
        headers: &HeaderMap,
        body: Incoming,
        media: Media,
        limit: u64,
    ) -> Result<BodyReader<'a>, ApiError> {
        require_media(headers, &body, media)?;
        let declared = headers
            .get(CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u64>().ok());
        if declared.is_some_and(|length| length > limit) {
            drain(state, body);
            return Err(too_large(limit));
        }
        Ok(BodyReader {
            state,
            body,
            limit,
            declared,
            read: 0,
        })
    }

    /// The next bytes that arrived, or `None` at the end of the body.
    pub async fn next(&mut self) -> Result<Option<Bytes>, ApiError> {
        loop {
            let timeout = self.state.limits.config.read_timeout;
            let frame = match tokio::time::timeout(timeout, self.body.frame()).await {
                Err(_elapsed) => return Err(body_timeout(self.state)),
                Ok(None) => return Ok(None),
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
            self.read += data.len() as u64;
            if self.read > self.limit {
                return Err(too_large(self.limit));
            }
            self.state.metrics.add_request_bytes(data.len());
            return Ok(Some(data));
        }
    }

    /// Drains what is left of the body on its own (see [`drain`]), for an answer given before
    /// the body was read, so that the client reads it instead of a reset connection.
    pub fn drain_rest(self) {
        drain(self.state, self.body);
    }

    /// The next piece of about `size` bytes (whole frames), or `None` at the end.
    pub async fn next_piece(&mut self, size: usize) -> Result<Option<Vec<u8>>, ApiError> {
        let mut piece = Vec::new();
        while piece.len() < size {
            match self.next().await? {
                Some(data) => piece.extend_from_slice(&data),
                None => break,
            }
        }
        Ok((!piece.is_empty()).then_some(piece))
    }
}

fn too_large(limit: u64) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "body_too_large",
        format!("the request body is larger than this route's limit of {limit} bytes"),
    )
    .with_limit(limit)
}

/// The whole body of a request of type `media`, refusing a wrong type with 415 and one over
/// `limit` bytes with 413, before reading it when its length is declared, else as soon as it
/// passes the limit. A body that sends nothing for the read timeout gets 408. Nothing is
/// buffered beyond what arrived: a body claiming 60 MiB and sending 1 KiB holds 1 KiB.
pub async fn read_body(
    state: &AppState,
    headers: &HeaderMap,
    body: Incoming,
    media: Media,
    limit: u64,
) -> Result<Bytes, ApiError> {
    let mut reader = BodyReader::open(state, headers, body, media, limit).await?;
    let declared = reader
        .declared
        .and_then(|length| usize::try_from(length).ok());
    // Room for what is declared once the client has shown it is sending it: the first MiB
    // up front, the rest when the first MiB has come.
    const FIRST_ROOM: usize = 1024 * 1024;
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0).min(FIRST_ROOM));
    while let Some(data) = reader.next().await? {
        if let Some(declared) = declared {
            if bytes.len() + data.len() > bytes.capacity() {
                bytes.reserve_exact(declared.max(bytes.len() + data.len()) - bytes.len());
            }
        }
        bytes.extend_from_slice(&data);
    }
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
/// It runs on its own while the answer goes out, so it holds no place under the request caps
/// (at most one per connection, which the connection caps bound), and what it reads is dropped
/// as it comes: no more memory than hyper's buffer.
const DRAIN_BYTES: usize = 16 * 1024 * 1024;
const DRAIN_SECONDS: u64 = 3;

pub fn drain(state: &AppState, mut body: Incoming) {
    if body.is_end_stream() {
        return;
    }
    let now = tokio::time::Instant::now();
    let deadline = (now + std::time::Duration::from_secs(DRAIN_SECONDS))
        .min(now + state.limits.config.read_timeout);
    tokio::spawn(async move {
        let mut seen = 0usize;
        while seen <= DRAIN_BYTES {
            match tokio::time::timeout_at(deadline, body.frame()).await {
                Ok(Some(Ok(frame))) => seen += frame.data_ref().map_or(0, |data| data.len()),
                _ => return,
            }
        }
    });
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
