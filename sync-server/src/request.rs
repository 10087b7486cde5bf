//! Reading requests: bodies under the size limit, JSON, the bearer token, the client id.
//! Each returns an [`ApiError`] with the 4xx a client should see.

use http_body_util::{BodyExt, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderMap, AUTHORIZATION, CONTENT_LENGTH};
use hyper::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::state::AppState;

pub const CLIENT_HEADER: &str = "x-cloudwright-client";

/// The whole body, refusing one over the limit with 413 before or while reading it.
pub async fn read_body(
    state: &AppState,
    headers: &HeaderMap,
    body: Incoming,
) -> Result<Bytes, ApiError> {
    let limit = state.max_body_bytes;
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("the request body is larger than the server's limit of {limit} bytes"),
        )
    };
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit) {
        drain(body).await;
        return Err(too_large());
    }
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    match Limited::new(body, limit).collect().await {
        Ok(collected) => {
            let bytes = collected.to_bytes();
            state.metrics.add_request_bytes(bytes.len());
            Ok(bytes)
        }
        Err(error) if error.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Err(error) => Err(ApiError::bad_request(
            "body_unreadable",
            format!("the request body could not be read: {error}"),
        )),
    }
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
const DRAIN_BYTES: usize = 16 * 1024 * 1024;

pub async fn drain(mut body: Incoming) {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(3);
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
