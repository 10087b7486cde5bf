//! A blob uploaded to a hub in pieces is whole, and an upload cut off leaves none (the
//! server's streamed blob PUT, `Hub::blob_upload`).

use crate::store::docs::CHUNK_BYTES;
use crate::sync::blobs::sha256_hex;
use crate::sync::hub::HubError;
use crate::testkit::server;

fn bytes(n: usize, seed: u32) -> Vec<u8> {
    (0..n as u32).map(|i| (i * 31 + seed) as u8).collect()
}

#[test]
fn a_blob_uploaded_in_pieces_is_whole_and_an_upload_cut_off_leaves_none() {
    let server = server();
    let hub = &server.hub;
    let blob = bytes(5 * CHUNK_BYTES + 17, 1);
    let sha = sha256_hex(&blob);

    // An upload that broke off (the server stopped: never finished nor abandoned) after
    // writing more chunks than the blob has.
    let mut broken = hub.blob_upload(&sha).expect("started");
    hub.blob_upload_write(&mut broken, &bytes(9 * CHUNK_BYTES, 2))
        .expect("written");
    drop(broken);
    assert_eq!(
        hub.blob_missing(std::slice::from_ref(&sha)).expect("asked"),
        [sha.as_str()]
    );

    // The next upload of the hash writes over it, in pieces of any size; while it writes,
    // another of the same hash is refused.
    let mut upload = hub.blob_upload(&sha).expect("started");
    assert!(matches!(
        hub.blob_upload(&sha),
        Err(HubError::BlobUploadBusy)
    ));
    for piece in blob.chunks(100_003) {
        hub.blob_upload_write(&mut upload, piece).expect("written");
    }
    assert_eq!(upload.size(), blob.len() as u64);
    hub.blob_upload_finish(upload).expect("stored");
    // Read back whole: the broken upload's chunks past the end are gone (a read checks the
    // size and the hash).
    assert_eq!(hub.blob_get(&sha).expect("read"), Some(blob.clone()));

    // Once stored, an upload of it is only checked: wrong bytes change nothing.
    let mut again = hub.blob_upload(&sha).expect("started");
    hub.blob_upload_write(&mut again, &bytes(3 * CHUNK_BYTES, 3))
        .expect("taken");
    assert!(matches!(
        hub.blob_upload_finish(again),
        Err(HubError::HashMismatch { .. })
    ));
    assert_eq!(hub.blob_get(&sha).expect("read"), Some(blob));

    // Bytes that do not have the hash they are sent under leave nothing behind, and the
    // hash is free for the next upload.
    let claimed = sha256_hex(b"the real photo");
    let mut wrong = hub.blob_upload(&claimed).expect("started");
    hub.blob_upload_write(&mut wrong, &bytes(4 * CHUNK_BYTES, 4))
        .expect("written");
    assert!(matches!(
        hub.blob_upload_finish(wrong),
        Err(HubError::HashMismatch { .. })
    ));
    assert_eq!(
        hub.blob_missing(std::slice::from_ref(&claimed))
            .expect("asked"),
        [claimed.as_str()]
    );
    let mut right = hub.blob_upload(&claimed).expect("started");
    hub.blob_upload_write(&mut right, b"the real photo")
        .expect("written");
    hub.blob_upload_finish(right).expect("stored");
    assert_eq!(
        hub.blob_get(&claimed).expect("read").as_deref(),
        Some(&b"the real photo"[..])
    );
    // And an empty blob is a blob.
    let empty = sha256_hex(b"");
    let upload = hub.blob_upload(&empty).expect("started");
    hub.blob_upload_finish(upload).expect("stored");
    assert_eq!(hub.blob_get(&empty).expect("read"), Some(Vec::new()));
}
