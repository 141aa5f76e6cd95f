//! Raw Deflate (RFC 1951) over `miniz_oxide`, for both formats: zip method
//! 8 and the 7z `Deflate` coder (04 01 08).
//!
//! The level is miniz's 2: greedy parsing with a few probes per position.
//! Measured in WebAssembly (Node, 16 MiB of the benchmark's Dutch-like
//! text; zlib's level 6, which zip.js gets from CompressionStream, gives
//! 3.94 MB at 14 to 20 MB/s there):
//!
//! | miniz level | MB/s | output  |
//! |-------------|------|---------|
//! | 1 (fast)    |  97  | 5.68 MB |
//! | 2           |  53  | 4.55 MB |
//! | 3           |  27  | 4.29 MB |
//! | 6           |  13  | 3.97 MB |
//!
//! Level 2 stays more than twice as fast as zip.js for 15 % more output;
//! level 1 is faster still but its output is 44 % larger.
//! Input that would not shrink (already compressed or encrypted data) is
//! detected on a sample and stored instead, as 7-Zip does for zip entries.

use crate::error::Code;
use miniz_oxide::deflate::core::{
    compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
};

/// miniz level (see the module notes).
const LEVEL: i32 = 2;

/// Bytes compressed to decide whether the rest is worth compressing.
pub(crate) const SAMPLE_BYTES: usize = 64 * 1024;

/// Output space added per step.
const STEP: usize = 64 * 1024;

/// A streaming raw-Deflate compressor writing onto the end of a `Vec`.
pub(crate) struct Deflater {
    comp: Box<CompressorOxide>,
}

impl Deflater {
    pub(crate) fn new() -> Deflater {
        // Negative window bits: raw Deflate, no zlib header.
        let flags = create_comp_flags_from_zip_params(LEVEL, -15, 0);
        Deflater {
            comp: Box::new(CompressorOxide::new(flags)),
        }
    }

    /// Compresses all of `input`, appending what comes out to `out`.
    pub(crate) fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<(), Code> {
        self.run(input, out, TDEFLFlush::None)
    }

    /// Ends the stream.
    pub(crate) fn finish(mut self, out: &mut Vec<u8>) -> Result<(), Code> {
        self.run(&[], out, TDEFLFlush::Finish)
    }

    fn run(&mut self, mut input: &[u8], out: &mut Vec<u8>, flush: TDEFLFlush) -> Result<(), Code> {
        loop {
            let at = out.len();
            out.resize(at + STEP, 0);
            let (status, read, written) = compress(&mut self.comp, input, &mut out[at..], flush);
            out.truncate(at + written);
            input = &input[read..];
            match status {
                TDEFLStatus::Done => return Ok(()),
                TDEFLStatus::Okay
                    if input.is_empty() && written < STEP && flush == TDEFLFlush::None =>
                {
                    return Ok(())
                }
                TDEFLStatus::Okay if read > 0 || written > 0 => {}
                _ => return Err(Code::ArchiveFailed),
            }
        }
    }
}

/// Whether Deflate shrinks `sample` by at least 1/16: a cheap look at the
/// start of the content before committing to compress all of it.
///
/// Never, in a build without the `seal-files` feature (the page's engine):
/// everything is stored there, and the compressor drops out of the module.
#[cfg(not(feature = "seal-files"))]
pub(crate) fn worth_compressing(_sample: &[u8]) -> bool {
    false
}

/// Whether Deflate shrinks `sample` by at least 1/16: a cheap look at the
/// start of the content before committing to compress all of it.
#[cfg(feature = "seal-files")]
pub(crate) fn worth_compressing(sample: &[u8]) -> bool {
    let mut d = Deflater::new();
    let mut out = Vec::with_capacity(sample.len() + 1024);
    let ok = d.feed(sample, &mut out).is_ok() && d.finish(&mut out).is_ok();
    ok && out.len() < sample.len() - sample.len() / 16
}

#[cfg(test)]
mod tests {
    use super::*;
    // The reader's inflater (src/archive/reader/coders.rs) reads what the Deflater writes.
    use crate::archive::reader::coders::inflate as inflate_exact;

    fn deflate(input: &[u8], pieces: usize) -> Vec<u8> {
        let mut d = Deflater::new();
        let mut out = Vec::new();
        for chunk in input.chunks(input.len().div_ceil(pieces).max(1)) {
            d.feed(chunk, &mut out).unwrap();
        }
        d.finish(&mut out).unwrap();
        out
    }

    #[test]
    fn round_trips_in_any_pieces() {
        let text =
            "Cliënt: N’Diaye, Aïssatou\r\nAdres: Kortrijksesteenweg 1024 bus 3, 9000 Gent\r\n"
                .repeat(3000)
                .into_bytes();
        for pieces in [1, 2, 7, 100] {
            let packed = deflate(&text, pieces);
            assert!(packed.len() < text.len() / 10, "{}", packed.len());
            assert_eq!(inflate_exact(&packed, text.len()).unwrap().as_slice(), text);
        }
        let empty = deflate(b"", 1);
        assert_eq!(inflate_exact(&empty, 0).unwrap().len(), 0);
    }

    #[test]
    fn fail_wrong_sizes_and_damage() {
        let text = b"Van den Broeck, Marie-Th\xc3\xa9r\xc3\xa8se ".repeat(100);
        let packed = deflate(&text, 1);
        assert!(inflate_exact(&packed, text.len() - 1).is_err());
        assert!(inflate_exact(&packed, text.len() + 1).is_err());
        assert!(inflate_exact(&packed[..packed.len() - 1], text.len()).is_err());
        let mut trailing = packed.clone();
        trailing.push(0);
        assert!(inflate_exact(&trailing, text.len()).is_err());
        assert!(inflate_exact(b"\xff\xff\xff", 10).is_err());
    }

    #[test]
    fn worth_compressing_tells_text_from_noise() {
        let text = b"Kerkstraat 12, 8940 Geluwe. ".repeat(2000);
        assert!(worth_compressing(&text[..SAMPLE_BYTES.min(text.len())]));
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let noise: Vec<u8> = (0..SAMPLE_BYTES)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 32) as u8
            })
            .collect();
        assert!(!worth_compressing(&noise));
        assert!(!worth_compressing(b""));
    }
}
