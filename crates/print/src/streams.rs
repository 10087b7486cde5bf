//! Flate compression of a finished document's streams, at a level we choose and on every core.
//!
//! printpdf 0.12 compresses through lopdf, which always uses flate's highest level on one
//! thread: for a sheet of 30,000 labels that was about a third of the run, for a file 8 %
//! smaller than at [`LEVEL`]. So the crate saves with printpdf's compression off and
//! compresses the streams here.

use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{Document, Object, Stream};

/// Level 5 of zlib-rs (the flate2 backend in this tree) searches a quarter as far for
/// matches as the default 6. On the label sheet's streams it takes about 60 % of level 6's
/// time for 5 % more bytes, and about a quarter of level 9's time for 8 % more.
const LEVEL: u32 = 5;

/// Below this many bytes of streams in all, threads cost more than they save.
const PARALLEL_BYTES: usize = 256 * 1024;

/// Compresses every stream of `document` that allows compression and has no filter yet, the
/// way lopdf's `Document::compress` does (kept only when it saves more than the `/Filter`
/// entry costs), but at [`LEVEL`] and split across the machine's cores. The output does not
/// depend on the split.
pub(crate) fn compress_streams(document: &mut Document) -> Result<(), flate2::CompressError> {
    let mut streams: Vec<&mut Stream> = document
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(stream) if stream.allows_compression && !stream.is_compressed() => {
                Some(stream)
            }
            _ => None,
        })
        .collect();
    let total: usize = streams.iter().map(|stream| stream.content.len()).sum();
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8);
    if threads == 1 || total < PARALLEL_BYTES {
        return compress_all(&mut streams);
    }
    let chunk = streams.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = streams
            .chunks_mut(chunk)
            .map(|part| scope.spawn(move || compress_all(part)))
            .collect();
        workers
            .into_iter()
            .try_for_each(|worker| match worker.join() {
                Ok(result) => result,
                Err(panic) => std::panic::resume_unwind(panic),
            })
    })
}

/// Compresses `streams` one after another with one compressor. A compressor holds a few
/// hundred kilobytes of window and tables; making one per page stream had the kernel
/// zeroing fresh pages for a sixth of the run.
fn compress_all(streams: &mut [&mut Stream]) -> Result<(), flate2::CompressError> {
    let mut compressor = Compress::new(Compression::new(LEVEL), true);
    for stream in streams {
        compressor.reset();
        let compressed = compress(&mut compressor, &stream.content)?;
        // `/Filter /FlateDecode` costs 19 bytes in the stream's dictionary.
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
    Ok(())
}

/// `input` as one zlib stream.
fn compress(compressor: &mut Compress, input: &[u8]) -> Result<Vec<u8>, flate2::CompressError> {
    let mut output = Vec::with_capacity(input.len() / 4 + 64);
    loop {
        let consumed = usize::try_from(compressor.total_in()).unwrap_or(input.len());
        let status =
            compressor.compress_vec(&input[consumed..], &mut output, FlushCompress::Finish)?;
        if status == Status::StreamEnd {
            return Ok(output);
        }
        // The output is full: give it room and go on.
        output.reserve(output.capacity().max(64));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::io::Read as _;

    #[test]
    fn streams_compress_to_what_they_were_and_small_ones_stay_as_they_are() {
        let mut document = Document::with_version("1.5");
        let page: Vec<u8> = (0..20_000)
            .flat_map(|n: u32| format!("{} {} 1 1 re ", n % 21, n % 17).into_bytes())
            .collect();
        // Enough streams to be split across threads, and one too short to gain anything.
        let big: Vec<_> = (0..40)
            .map(|_| document.add_object(Stream::new(lopdf::Dictionary::new(), page.clone())))
            .collect();
        let tiny = document.add_object(Stream::new(lopdf::Dictionary::new(), b"q Q".to_vec()));
        compress_streams(&mut document).expect("compresses");
        for id in big {
            let stream = document
                .get_object(id)
                .and_then(Object::as_stream)
                .expect("stream");
            assert!(stream.is_compressed());
            assert!(stream.content.len() < page.len() / 4);
            let mut inflated = Vec::new();
            flate2::read::ZlibDecoder::new(stream.content.as_slice())
                .read_to_end(&mut inflated)
                .expect("a valid zlib stream");
            assert_eq!(inflated, page);
        }
        let tiny = document
            .get_object(tiny)
            .and_then(Object::as_stream)
            .expect("stream");
        assert!(!tiny.is_compressed());
        assert_eq!(tiny.content, b"q Q");
    }
}
