//! Cloudwright patch (PATCHED.md): `stream::decode_all` decodes a whole frame that states its
//! size in one call with a per-thread context. It must read every input the streaming decoder
//! reads, to the same bytes, and refuse what it refuses.

use zstd::stream::{copy_decode, decode_all, encode_all};

#[test]
fn decode_all_reads_every_frame_the_streaming_decoder_reads() {
    let text: String = (0..2000)
        .map(|n| format!("d/cable/{n:026}/c/0 케이블 {}\n", n * 7919 % 1000))
        .collect();
    // A frame that states its size (the one-call path), one that does not (streamed), two
    // frames in a row, and an empty input's frame.
    let block = zstd::block::compress(text.as_bytes(), 3).unwrap();
    let streamed = encode_all(text.as_bytes(), 3).unwrap();
    let mut two = block.clone();
    two.extend_from_slice(&block);
    let empty = zstd::block::compress(b"", 3).unwrap();
    for (input, expected) in [
        (block.clone(), text.clone()),
        (streamed, text.clone()),
        (two, text.repeat(2)),
        (empty, String::new()),
    ] {
        let mut reference = Vec::new();
        copy_decode(&input[..], &mut reference).unwrap();
        assert_eq!(reference, expected.as_bytes());
        // Twice: the second call reuses this thread's context.
        for _ in 0..2 {
            assert_eq!(decode_all(&input[..]).unwrap(), reference);
        }
    }
    let mut damaged = block.clone();
    damaged.truncate(block.len() / 2);
    assert!(decode_all(&damaged[..]).is_err());
    let mut flipped = block.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    let mut reference = Vec::new();
    assert_eq!(
        decode_all(&flipped[..]).is_err(),
        copy_decode(&flipped[..], &mut reference).is_err()
    );
}
