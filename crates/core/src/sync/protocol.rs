//! The sync wire format shared by the server and its clients.
//!
//! A message is `CWS` + one version byte + a postcard body. The version comes first so a
//! server can refuse a client from the future with a clear error instead of misreading it.
//! Document bytes travel as Automerge saves or change chunks, which `load_incremental` accepts
//! either way.
//!
//! Versions: 1, the first; 2 adds the feed's epoch to every answer ([`SyncResponse::epoch`]);
//! 3 answers a pushed document that does not fit its kind on its own
//! ([`PushResult::Refused`]) instead of refusing the whole push.
//! Each side speaks one version and refuses the others with a clear error.

use serde::{de::DeserializeOwned, Deserialize, Serialize};

pub const MAGIC: &[u8; 3] = b"CWS";
pub const PROTOCOL_VERSION: u8 = 3;
pub const CONTENT_TYPE: &str = "application/x-cloudwright-sync";

/// An Automerge change hash.
pub type Hash = [u8; 32];

/// Which life of a workspace's change feed a cursor counts in: a random id the server gives a
/// feed when it starts one (a new workspace, or a workspace restored from a backup, whose
/// feed may end before positions devices already hold). A device that sees a different
/// epoch from the one its cursor was taken in reads the feed again from the start and pushes
/// everything it has, so that what the restored server lost comes back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FeedEpoch(pub [u8; 16]);

impl std::fmt::Display for FeedEpoch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

/// One sync exchange from a client. Every part is optional: an empty push, no feed request
/// (`cursor: None`) and no wants make a valid, empty exchange.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncRequest {
    /// Documents with changes the server may not have.
    #[serde(deserialize_with = "bounded::list")]
    pub push: Vec<DocPush>,
    /// Ask for the change feed after this position.
    pub cursor: Option<u64>,
    /// At most this many feed entries in the answer (the server caps it).
    pub feed_limit: u32,
    /// Documents to send back, with what the client already has of each.
    #[serde(deserialize_with = "bounded::list")]
    pub want: Vec<DocWant>,
    /// The device's number for this exchange, above every number it sent before (0: not
    /// numbered). A number not above the last the server saw from the device means its data
    /// was copied, or restored from a backup, after another copy synced as the same device:
    /// the server refuses it (`client_copied`) and the copy goes on as a new device.
    pub exchange: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocPush {
    pub doc_id: String,
    /// The pushing side's heads after these bytes; empty for a whole document, whose bytes
    /// tell their heads.
    #[serde(deserialize_with = "bounded::list")]
    pub heads: Vec<Hash>,
    /// Bytes for Automerge's `load_incremental`: a full save or concatenated changes.
    pub data: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocWant {
    pub doc_id: String,
    /// Heads both sides are known to share; empty asks for the whole document.
    #[serde(deserialize_with = "bounded::list")]
    pub have: Vec<Hash>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncResponse {
    /// One entry per pushed document, in push order: the heads of the bytes the client sent
    /// (what the server now holds at least) or why it was not taken.
    #[serde(deserialize_with = "bounded::list")]
    pub pushed: Vec<PushResult>,
    /// Documents changed by someone else after the request's cursor (absent when no cursor).
    #[serde(deserialize_with = "bounded::list")]
    pub changed: Vec<FeedEntry>,
    /// The feed position the `changed` page reaches.
    pub cursor: u64,
    /// More feed entries follow `cursor`.
    pub more: bool,
    /// Wanted documents, possibly fewer than asked when the answer would grow too large;
    /// the client asks again for the rest.
    #[serde(deserialize_with = "bounded::list")]
    pub docs: Vec<DocData>,
    /// The epoch of the workspace's feed (version 2): `cursor` and every cursor a client kept
    /// from earlier answers count in it only while it stays the same.
    pub epoch: FeedEpoch,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PushResult {
    Stored {
        #[serde(deserialize_with = "bounded::list")]
        heads: Vec<Hash>,
    },
    /// The bytes depend on changes the server does not have: send the whole document.
    NeedFull,
    /// The document does not fit its kind as this server knows it (a rack's bytes under an
    /// `asset/` id, a record missing what its kind must hold): nothing of it was stored; the
    /// rest of the push was. `code` is `unfit_document`.
    Refused { code: String, reason: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedEntry {
    pub doc_id: String,
    #[serde(deserialize_with = "bounded::list")]
    pub heads: Vec<Hash>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocData {
    pub doc_id: String,
    #[serde(deserialize_with = "bounded::list")]
    pub heads: Vec<Hash>,
    pub data: Vec<u8>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ProtocolError {
    #[error("the body is not a Cloudwright sync message")]
    NotASyncMessage,
    #[error(
        "sync protocol version {found} is not supported (this side speaks {PROTOCOL_VERSION})"
    )]
    UnsupportedVersion { found: u8 },
    #[error("the sync message is malformed or truncated: {0}")]
    Malformed(String),
}

impl ProtocolError {
    pub fn code(&self) -> &'static str {
        match self {
            ProtocolError::NotASyncMessage => "not_a_sync_message",
            ProtocolError::UnsupportedVersion { .. } => "unsupported_version",
            ProtocolError::Malformed(_) => "malformed",
        }
    }
}

pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(256);
    bytes.extend_from_slice(MAGIC);
    bytes.push(PROTOCOL_VERSION);
    // Serialising plain structs of strings, numbers and byte vectors cannot fail.
    postcard::to_extend(message, bytes).unwrap_or_default()
}

/// At most this many items in any one list of a message (pushes, wants, feed entries, heads…).
/// A list's length comes first on the wire; a claim over this is refused before anything is
/// made for it, and so is a list that grows past it (each item of a list of documents takes
/// ~24 times the 3 bytes it can be sent in, so a 64 MiB message of empty items would
/// otherwise take 1.5 GB). The hub takes at most 20,000 documents a request, the engine sends
/// 5,000, a feed page is at most 20,000 entries.
pub const MAX_LIST_ITEMS: usize = 100_000;

/// Reads a list of at most [`MAX_LIST_ITEMS`]. Serde's own `Vec` reading already makes room
/// for at most 1 MiB ahead of the items; this refuses the claim itself, and says so.
mod bounded {
    use std::cell::Cell;
    use std::marker::PhantomData;

    use serde::de::{Deserialize, Deserializer, Error, SeqAccess, Visitor};

    use super::MAX_LIST_ITEMS;

    thread_local! {
        /// The item count a list claimed or reached when it was refused, for the error
        /// `decode` gives (postcard drops the message of a custom error).
        pub static REFUSED: Cell<Option<usize>> = const { Cell::new(None) };
    }

    pub fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        deserializer.deserialize_seq(ListVisitor(PhantomData))
    }

    struct ListVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "a list of at most {MAX_LIST_ITEMS} items")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let refuse = |count: usize| {
                REFUSED.with(|refused| refused.set(Some(count)));
                A::Error::custom(format!("a list of {count} items"))
            };
            let claimed = seq.size_hint().unwrap_or(0);
            if claimed > MAX_LIST_ITEMS {
                return Err(refuse(claimed));
            }
            let mut items = Vec::with_capacity(claimed.min(1024));
            while let Some(item) = seq.next_element()? {
                if items.len() == MAX_LIST_ITEMS {
                    return Err(refuse(items.len() + 1));
                }
                items.push(item);
            }
            Ok(items)
        }
    }
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ProtocolError> {
    let body = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or(ProtocolError::NotASyncMessage)?;
    let (&version, body) = body
        .split_first()
        .ok_or_else(|| ProtocolError::Malformed("no version byte".into()))?;
    if version != PROTOCOL_VERSION {
        return Err(ProtocolError::UnsupportedVersion { found: version });
    }
    bounded::REFUSED.with(|refused| refused.set(None));
    let (message, rest) = postcard::take_from_bytes(body).map_err(|e| {
        match bounded::REFUSED.with(|refused| refused.take()) {
            Some(count) => ProtocolError::Malformed(format!(
                "a list claims {count} items; at most {MAX_LIST_ITEMS} are taken"
            )),
            None => ProtocolError::Malformed(e.to_string()),
        }
    })?;
    if !rest.is_empty() {
        return Err(ProtocolError::Malformed(format!(
            "{} bytes after the end of the message",
            rest.len()
        )));
    }
    Ok(message)
}

/// Document ids are `kind/ULID`, e.g. `asset/01JD…`; anything else is refused before it
/// reaches the store.
pub fn valid_doc_id(doc_id: &str) -> bool {
    let Some((kind, id)) = doc_id.split_once('/') else {
        return false;
    };
    (1..=32).contains(&kind.len())
        && kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        && id.len() == 26
        && id.parse::<ulid::Ulid>().is_ok()
        && id
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

#[cfg(test)]
mod fuzz;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_bad_bytes() {
        let request = SyncRequest {
            push: vec![DocPush {
                doc_id: "asset/01JD0000000000000000000000".into(),
                heads: vec![[7; 32]],
                data: vec![1, 2, 3],
            }],
            cursor: Some(7),
            feed_limit: 100,
            want: vec![],
            exchange: 41,
        };
        let bytes = encode(&request);
        assert_eq!(decode::<SyncRequest>(&bytes), Ok(request));
        assert_eq!(
            decode::<SyncRequest>(b"{\"json\":1}"),
            Err(ProtocolError::NotASyncMessage)
        );
        // The version before (answers without an epoch) and one from the future.
        for version in [1, 9] {
            let mut other = bytes.clone();
            other[3] = version;
            assert_eq!(
                decode::<SyncRequest>(&other),
                Err(ProtocolError::UnsupportedVersion { found: version })
            );
        }
        for cut in 4..bytes.len() {
            assert!(
                matches!(
                    decode::<SyncRequest>(&bytes[..cut]),
                    Err(ProtocolError::Malformed(_))
                ),
                "a message cut at {cut} bytes must be refused"
            );
        }
        let mut longer = bytes;
        longer.push(0);
        assert!(matches!(
            decode::<SyncRequest>(&longer),
            Err(ProtocolError::Malformed(_))
        ));
    }

    #[test]
    fn every_answer_carries_the_feed_epoch() {
        let answer = SyncResponse {
            cursor: 12,
            epoch: FeedEpoch([0xab; 16]),
            ..SyncResponse::default()
        };
        let decoded: SyncResponse = decode(&encode(&answer)).expect("decodes");
        assert_eq!(decoded.epoch, FeedEpoch([0xab; 16]));
        assert_eq!(decoded.epoch.to_string(), "ab".repeat(16));
    }

    #[test]
    fn doc_ids_are_kind_slash_ulid() {
        assert!(valid_doc_id("asset/01JD0000000000000000000000"));
        assert!(!valid_doc_id("asset/01jd0000000000000000000000"));
        assert!(!valid_doc_id("../asset/01JD0000000000000000000000"));
        assert!(!valid_doc_id("asset"));
        assert!(!valid_doc_id("Asset/01JD0000000000000000000000"));
        assert!(!valid_doc_id("asset/01JD0000000000000000000000/x"));
    }
}
