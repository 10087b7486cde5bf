//! The message decoder fuzzed: random bytes and real messages damaged (bits flipped, cut,
//! bytes put in or taken out, huge length prefixes written over them) either decode or are
//! refused, never panic, and a list that claims more items than a message may hold is refused
//! before anything is made for it. Bounded: a few thousand cases of at most a few KiB each,
//! well under a second.

use proptest::collection::vec;
use proptest::prelude::*;

use super::*;

fn doc_id(n: u8) -> String {
    format!("asset/01JD00000000000000000000{:02}", n % 100)
}

/// Real messages of every shape, encoded: what the mutations start from.
fn real_messages() -> Vec<Vec<u8>> {
    let request = SyncRequest {
        push: vec![
            DocPush {
                doc_id: doc_id(1),
                heads: vec![[7; 32], [9; 32]],
                data: (0..300u32).map(|i| (i * 7) as u8).collect(),
            },
            DocPush {
                doc_id: doc_id(2),
                heads: Vec::new(),
                data: Vec::new(),
            },
        ],
        cursor: Some(123_456),
        feed_limit: 5_000,
        want: vec![DocWant {
            doc_id: doc_id(3),
            have: vec![[1; 32]],
        }],
        exchange: 99,
    };
    let response = SyncResponse {
        pushed: vec![
            PushResult::Stored {
                heads: vec![[3; 32]],
            },
            PushResult::NeedFull,
        ],
        changed: vec![FeedEntry {
            doc_id: doc_id(4),
            heads: vec![[4; 32], [5; 32]],
        }],
        cursor: 77,
        more: true,
        docs: vec![DocData {
            doc_id: doc_id(5),
            heads: vec![[6; 32]],
            data: vec![0x85, 0x6f, 0x4a, 0x83, 1, 2, 3],
        }],
        epoch: FeedEpoch([0xab; 16]),
    };
    vec![
        encode(&request),
        encode(&response),
        encode(&SyncRequest::default()),
    ]
}

/// A varint as postcard writes lengths (LEB128).
fn varint(mut value: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    loop {
        let low = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            bytes.push(low);
            return bytes;
        }
        bytes.push(low | 0x80);
    }
}

/// One way of damaging a message; positions are taken modulo its length.
#[derive(Clone, Debug)]
enum Mutation {
    Flip {
        at: usize,
        bits: u8,
    },
    Cut {
        at: usize,
    },
    Insert {
        at: usize,
        bytes: Vec<u8>,
    },
    Remove {
        at: usize,
        len: usize,
    },
    /// A length prefix claiming gigabytes (or just over the list limit) written over the
    /// bytes at `at`.
    HugeLength {
        at: usize,
        claim: u64,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let claims = prop_oneof![
        Just(u64::MAX),
        Just(u64::from(u32::MAX)),
        Just(1u64 << 40),
        Just(MAX_LIST_ITEMS as u64 + 1),
        any::<u64>(),
    ];
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(at, bits)| Mutation::Flip { at, bits }),
        any::<usize>().prop_map(|at| Mutation::Cut { at }),
        (any::<usize>(), vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), 1..16usize).prop_map(|(at, len)| Mutation::Remove { at, len }),
        (any::<usize>(), claims).prop_map(|(at, claim)| Mutation::HugeLength { at, claim }),
    ]
}

/// Damages `message` past its 4-byte header (the header's own refusals are tested apart).
fn damage(message: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let (header, body) = message.split_at(4);
    let mut body = body.to_vec();
    for mutation in mutations {
        let at = |at: usize| if body.is_empty() { 0 } else { at % body.len() };
        match mutation {
            Mutation::Flip { at: i, bits } => {
                let i = at(*i);
                if let Some(byte) = body.get_mut(i) {
                    *byte ^= bits;
                }
            }
            Mutation::Cut { at: i } => body.truncate(at(*i)),
            Mutation::Insert { at: i, bytes } => {
                let i = at(*i);
                body.splice(i..i, bytes.iter().copied());
            }
            Mutation::Remove { at: i, len } => {
                let i = at(*i);
                let end = (i + len).min(body.len());
                body.drain(i..end);
            }
            Mutation::HugeLength { at: i, claim } => {
                let i = at(*i);
                let claim = varint(*claim);
                let end = (i + claim.len()).min(body.len());
                body.splice(i..end, claim);
            }
        }
    }
    [header, &body].concat()
}

/// Decodes `bytes` as either message: a refusal is a `ProtocolError`; what decodes encodes
/// back to what decodes the same (no half-read value gets through).
fn decodes_or_is_refused(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(request) = decode::<SyncRequest>(bytes) {
        prop_assert_eq!(decode::<SyncRequest>(&encode(&request)), Ok(request));
    }
    if let Ok(response) = decode::<SyncResponse>(bytes) {
        prop_assert_eq!(decode::<SyncResponse>(&encode(&response)), Ok(response));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn damaged_real_messages_decode_or_are_refused(
        which in 0..3usize,
        mutations in vec(mutation(), 1..6),
    ) {
        let message = &real_messages()[which];
        decodes_or_is_refused(&damage(message, &mutations))?;
    }

    #[test]
    fn random_bytes_after_the_header_decode_or_are_refused(body in vec(any::<u8>(), 0..2048)) {
        let bytes = [&MAGIC[..], &[PROTOCOL_VERSION], &body].concat();
        decodes_or_is_refused(&bytes)?;
        // Without the header nothing is even read.
        prop_assert!(decode::<SyncRequest>(&body).is_err() || body.starts_with(MAGIC));
    }
}

fn message(body: &[&[u8]]) -> Vec<u8> {
    [&MAGIC[..], &[PROTOCOL_VERSION]]
        .into_iter()
        .chain(body.iter().copied())
        .collect::<Vec<&[u8]>>()
        .concat()
}

fn refusal(result: Result<impl std::fmt::Debug, ProtocolError>) -> String {
    match result {
        Err(ProtocolError::Malformed(reason)) => reason,
        other => panic!("not refused as malformed: {other:?}"),
    }
}

#[test]
fn lengths_claiming_gigabytes_are_refused_before_anything_is_made_for_them() {
    let id_length = varint(doc_id(1).len() as u64);
    for claim in [u64::MAX, u64::from(u32::MAX), 1 << 40] {
        let huge = varint(claim);
        // A push of 2^64 documents, a document with 2^64 heads, and 2^64 bytes of data: each
        // claims more than the message holds and is refused when the bytes run out, with
        // nothing made ahead of them beyond serde's 1 MiB cap (postcard gives no size hint
        // for a claim longer than what is left).
        let cases = [
            message(&[&huge]),
            message(&[&[1], &id_length, doc_id(1).as_bytes(), &huge]),
            message(&[&[1], &id_length, doc_id(1).as_bytes(), &[0], &huge, &[1, 2]]),
            message(&[&[0, 0], &varint(5000), &huge]),
        ];
        for bytes in cases {
            refusal(decode::<SyncRequest>(&bytes));
        }
    }
}

#[test]
fn a_list_of_more_items_than_a_message_may_hold_is_refused_with_what_it_claims() {
    let items = MAX_LIST_ITEMS + 1;
    // Empty pushes are 3 bytes each (an empty id, no heads, no data) and would take ~24 times
    // that in memory.
    let pushes = vec![0u8; items * 3];
    let bytes = message(&[&varint(items as u64), &pushes, &[0, 0, 0, 0]]);
    let reason = refusal(decode::<SyncRequest>(&bytes));
    assert_eq!(
        reason,
        format!("a list claims {items} items; at most {MAX_LIST_ITEMS} are taken")
    );
    // Feed entries of an answer: 2 bytes each.
    let entries = vec![0u8; items * 2];
    let bytes = message(&[&[0], &varint(items as u64), &entries]);
    let reason = refusal(decode::<SyncResponse>(&bytes));
    assert!(reason.contains(&items.to_string()), "{reason}");

    // At the limit a list is read.
    let pushes = vec![0u8; MAX_LIST_ITEMS * 3];
    let bytes = message(&[&varint(MAX_LIST_ITEMS as u64), &pushes, &[0, 0, 0, 0]]);
    let request: SyncRequest = decode(&bytes).expect("a message at the limit");
    assert_eq!(request.push.len(), MAX_LIST_ITEMS);
    // And the refusal of one message leaves the next one's reading alone.
    let fine = real_messages().remove(0);
    assert!(decode::<SyncRequest>(&fine).is_ok());
}
