//! The `.zip` adapter: WinZip AES-256, vendor version AE-2, over the `zip` crate.
//!
//! Every entry is method 99 with the AES extra field `0x9901` (AE-2,
//! strength 3) and a CRC of 0, in the local header, the data descriptor
//! and the central directory: AE-2 relies on the HMAC-SHA1 of the
//! ciphertext instead, so the CRC of the plaintext cannot be used to check
//! guesses of a short entry. The `zip` crate writes AE-2 for every entry
//! only through its streaming writer ([`ZipWriter::new_stream`]): with a
//! seekable writer it rewrites entries of 20 bytes or more to AE-1 with the
//! real CRC.
//!
//! Each entry gets its own random 16-byte salt (so its own key) from
//! [`crate::random`]. No archive comment, no extra fields but the AES one,
//! and no timestamps but the DOS time of [`ArchiveOptions::modified`].

use super::{read_bounded, ArchiveOptions, Compression, FileEntry, OpenedFile, SMALL_INPUT_BYTES};
use crate::error::Code;
use crate::random;
use ::zip::write::SimpleFileOptions;
use ::zip::{AesMode, AesSalt, CompressionMethod, DateTime, ZipArchive, ZipWriter};
use std::io::{Cursor, Write};

/// Bytes a WinZip-AES entry adds to its content: local header (30), salt
/// (16), password verifier (2), HMAC (10), data descriptor (16) and central
/// header (46), each header with its 11-byte AES extra field.
const ENTRY_OVERHEAD: usize = 30 + 16 + 2 + 10 + 16 + 46 + 2 * 11;

/// Writes a WinZip-AES (AE-2) archive. Input was checked by the caller.
pub(super) fn seal(
    files: &[FileEntry<'_>],
    password: &str,
    opts: &ArchiveOptions,
) -> Result<Vec<u8>, Code> {
    let d = opts.modified;
    let time = DateTime::from_date_and_time(d.year(), d.month(), d.day(), 12, 0, 0)
        .map_err(|_| Code::InvalidOption)?;
    let capacity = files
        .iter()
        .map(|f| f.bytes.len() + f.name.len() * 2 + ENTRY_OVERHEAD)
        .sum::<usize>()
        + 22;
    let mut writer = ZipWriter::new_stream(Vec::with_capacity(capacity));
    for f in files {
        let method = match opts.compression {
            Compression::Compressed if f.bytes.len() > SMALL_INPUT_BYTES => {
                CompressionMethod::Deflated
            }
            _ => CompressionMethod::Stored,
        };
        let mut salt = [0u8; 16];
        random::fill(&mut salt)?;
        let salt = AesSalt::try_new(AesMode::Aes256, &salt).map_err(|_| Code::ArchiveFailed)?;
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(time)
            .with_aes_encryption_and_salt(password.as_bytes(), salt);
        writer
            .start_file(f.name, options)
            .map_err(|_| Code::ArchiveFailed)?;
        writer.write_all(f.bytes).map_err(|_| Code::ArchiveFailed)?;
    }
    let stream = writer.finish().map_err(|_| Code::ArchiveFailed)?;
    Ok(stream.into_inner())
}

/// Reads every entry, in central-directory order, with the password.
pub(super) fn open(archive: &[u8], password: &str) -> Result<Vec<OpenedFile>, Code> {
    let mut zip = ZipArchive::new(Cursor::new(archive)).map_err(|_| Code::ArchiveFailed)?;
    if zip.len() > super::MAX_ENTRIES {
        return Err(Code::ArchiveFailed);
    }
    let mut budget = super::MAX_CONTENT_BYTES;
    let mut out = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let mut file = zip
            .by_index_decrypt(i, password.as_bytes())
            .map_err(|_| Code::ArchiveFailed)?;
        // Only our own kind of entry: an encrypted file. A plaintext entry
        // in an archive that should be sealed is a failure, not content.
        if !file.encrypted() || !file.is_file() {
            return Err(Code::ArchiveFailed);
        }
        let name = file.name().map_err(|_| Code::ArchiveFailed)?.into_owned();
        let size = file.size();
        let bytes = read_bounded(&mut file, size, &mut budget)?;
        out.push(OpenedFile { name, bytes });
    }
    Ok(out)
}
