use std::io;

use super::{Decoder, Encoder};

/// Decompress from the given source as if using a `Decoder`.
///
/// The input data must be in the zstd frame format.
pub fn decode_all<R: io::Read>(mut source: R) -> io::Result<Vec<u8>> {
    // Cloudwright patch: sled 0.34 decodes every page fragment it reads with this function,
    // and a streaming `Decoder` creates a new decompression context each time (a quarter of
    // the CPU of a large write once pages are read back). One whole frame that states its
    // size, which is what `block::compress` writes and so every sled log entry, is decoded
    // in one call with a context kept per thread; anything else goes the original way.
    let mut input = Vec::new();
    source.read_to_end(&mut input)?;
    if let Some(size) = single_frame_size(&input) {
        return crate::block::decompress_reusing_context(&input, size);
    }
    let mut result = Vec::new();
    copy_decode(&input[..], &mut result)?;
    Ok(result)
}

/// The decompressed size of `input` when it is exactly one frame whose header states it
/// (and it is a sane size for one allocation).
fn single_frame_size(input: &[u8]) -> Option<usize> {
    let size = zstd_safe::get_frame_content_size(input);
    // `ZSTD_CONTENTSIZE_UNKNOWN` and `ZSTD_CONTENTSIZE_ERROR` are the two largest values;
    // below 1 GiB the size fits a `usize`.
    if size >= u64::MAX - 1 || size > 1 << 30 {
        return None;
    }
    match zstd_safe::find_frame_compressed_size(input) {
        Ok(length) if length == input.len() => Some(size as usize),
        _ => None,
    }
}

/// Decompress from the given source as if using a `Decoder`.
///
/// Decompressed data will be appended to `destination`.
pub fn copy_decode<R, W>(source: R, mut destination: W) -> io::Result<()>
where
    R: io::Read,
    W: io::Write,
{
    let mut decoder = Decoder::new(source)?;
    io::copy(&mut decoder, &mut destination)?;
    Ok(())
}

/// Compress all data from the given source as if using an `Encoder`.
///
/// Result will be in the zstd frame format.
///
/// A level of `0` uses zstd's default (currently `3`).
pub fn encode_all<R: io::Read>(source: R, level: i32) -> io::Result<Vec<u8>> {
    let mut result = Vec::<u8>::new();
    copy_encode(source, &mut result, level)?;
    Ok(result)
}

/// Compress all data from the given source as if using an `Encoder`.
///
/// Compressed data will be appended to `destination`.
///
/// A level of `0` uses zstd's default (currently `3`).
pub fn copy_encode<R, W>(
    mut source: R,
    destination: W,
    level: i32,
) -> io::Result<()>
where
    R: io::Read,
    W: io::Write,
{
    let mut encoder = Encoder::new(destination, level)?;
    io::copy(&mut source, &mut encoder)?;
    encoder.finish()?;
    Ok(())
}

#[cfg(tests)]
mod tests {}
