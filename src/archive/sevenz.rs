//! The `.7z` adapter: AES-256 with encrypted headers, over `sevenz-rust2`.
//!
//! Layout of an archive written here:
//!
//! * all entries with content in one solid block: LZMA2 (or copy), then
//!   7zAES; empty entries carry no stream, as 7-Zip writes them;
//! * the header (entry names, sizes, CRCs, times) LZMA-compressed, then
//!   7zAES, so nothing but the archive's size can be read without the
//!   password;
//! * key derivation 2^19 rounds of SHA-256 (`7zAES:19`, what 7-Zip writes),
//!   one random 16-byte salt per archive, and a distinct random IV for the
//!   content stream and the header stream.
//!
//! `sevenz-rust2` defaults to 2^8 rounds and encrypts the header with the
//! same salt and IV as the content (it reuses the first AES coder of the
//! content methods). Both are worked around without patching the crate: the
//! [`AesEncoderOptions`] are built field by field (its constructor panics
//! when there is no random source; ours come from [`crate::random`]), and
//! the content methods are swapped for an AES coder with a fresh IV after
//! the content is written and before the header is, which is when the
//! writer reads them for the header. The salt, and so the derived key, is
//! shared by both streams, as in 7-Zip itself; CBC only needs the IVs to
//! differ.

use super::{read_bounded, ArchiveOptions, Compression, FileEntry, OpenedFile, SMALL_INPUT_BYTES};
use crate::date::Date;
use crate::error::Code;
use crate::random;
use sevenz_rust2::encoder_options::{AesEncoderOptions, Lzma2Options};
use sevenz_rust2::{
    ArchiveEntry, ArchiveReader, ArchiveWriter, EncoderConfiguration, NtTime, Password,
    SourceReader,
};
use std::io::Cursor;

/// Key derivation work factor: 2^19 SHA-256 rounds, as 7-Zip writes.
pub(crate) const KDF_CYCLES_POWER: u8 = 19;

/// Memory the reader may use for decoder dictionaries and header buffers, in KiB.
const READ_MEMORY_LIMIT_KIB: usize = 128 * 1024;

/// LZMA2 preset: 7-Zip's "normal" level.
const LZMA2_LEVEL: u32 = 6;

/// Writes an AES-256 `.7z` with encrypted headers. Input was checked by the caller.
pub(super) fn seal(
    files: &[FileEntry<'_>],
    password: &str,
    opts: &ArchiveOptions,
) -> Result<Vec<u8>, Code> {
    let mtime = noon_utc(opts.modified);
    // salt | content IV | header IV
    let mut random_bytes = zeroize::Zeroizing::new([0u8; 48]);
    random::fill(random_bytes.as_mut_slice())?;
    let part = |i: usize| -> [u8; 16] {
        let mut a = [0u8; 16];
        a.copy_from_slice(&random_bytes[i * 16..(i + 1) * 16]);
        a
    };
    let (salt, content_iv, header_iv) = (part(0), part(1), part(2));
    let aes = |iv: [u8; 16]| -> EncoderConfiguration {
        AesEncoderOptions {
            password: Password::from(password),
            iv,
            salt,
            num_cycles_power: KDF_CYCLES_POWER,
        }
        .into()
    };

    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    // The coders run from last to first on the data: LZMA2, then AES.
    let mut content_methods = vec![aes(content_iv)];
    if opts.compression == Compression::Compressed && total > SMALL_INPUT_BYTES {
        content_methods.push(lzma2_for(total).into());
    }

    let capacity = total + 1024 + files.iter().map(|f| f.name.len() * 2 + 32).sum::<usize>();
    let mut writer = ArchiveWriter::new(Cursor::new(Vec::with_capacity(capacity)))
        .map_err(|_| Code::ArchiveFailed)?;
    writer.set_content_methods(content_methods);
    writer.set_encrypt_header(true);

    let entries: Vec<ArchiveEntry> = files
        .iter()
        .map(|f| {
            let mut e = ArchiveEntry::new_file(f.name);
            e.has_stream = !f.bytes.is_empty();
            e.has_last_modified_date = true;
            e.last_modified_date = mtime;
            e
        })
        .collect();
    if total > 0 {
        // One solid block; empty entries sit in it without a stream, so the
        // header keeps the caller's order.
        let readers: Vec<SourceReader<&[u8]>> =
            files.iter().map(|f| SourceReader::new(f.bytes)).collect();
        writer
            .push_archive_entries(entries, readers)
            .map_err(|_| Code::ArchiveFailed)?;
    } else {
        for e in entries {
            writer
                .push_archive_entry::<&[u8]>(e, None)
                .map_err(|_| Code::ArchiveFailed)?;
        }
    }

    // The header is encrypted with the first AES coder of the content
    // methods as they are at `finish`: give it its own IV.
    writer.set_content_methods(vec![aes(header_iv)]);
    let cursor = writer.finish().map_err(|_| Code::ArchiveFailed)?;
    Ok(cursor.into_inner())
}

/// Reads every entry, in header order, with the password.
pub(super) fn open(archive: &[u8], password: &str) -> Result<Vec<OpenedFile>, Code> {
    let mut reader = ArchiveReader::new_with_memory_limit(
        Cursor::new(archive),
        Password::from(password),
        READ_MEMORY_LIMIT_KIB,
    )
    .map_err(|_| Code::ArchiveFailed)?;
    reader.set_thread_count(1);

    let files = &reader.archive().files;
    if files.len() > super::MAX_ENTRIES {
        return Err(Code::ArchiveFailed);
    }
    let names: Vec<String> = files.iter().map(|e| e.name().to_owned()).collect();
    for (i, entry) in files.iter().enumerate() {
        // Only our own kind of entry: a file, encrypted if it has content.
        let plain = entry.has_stream() && !reader.archive().is_file_encrypted(i);
        if entry.is_directory() || entry.is_anti_item() || plain {
            return Err(Code::ArchiveFailed);
        }
        if names[..i].contains(&names[i]) {
            return Err(Code::ArchiveFailed);
        }
    }

    // The reader hands out entries block by block, then the empty ones:
    // put each back in its header slot.
    let mut slots: Vec<Option<zeroize::Zeroizing<Vec<u8>>>> = names.iter().map(|_| None).collect();
    let mut budget = super::MAX_CONTENT_BYTES;
    let mut failure = None;
    let walked = reader.for_each_entries(|entry, data| {
        let slot = names.iter().position(|n| n == entry.name());
        match (slot, read_bounded(data, entry.size(), &mut budget)) {
            (Some(i), Ok(bytes)) if slots[i].is_none() => {
                slots[i] = Some(bytes);
                Ok(true)
            }
            (_, Err(code)) => {
                failure = Some(code);
                Ok(false)
            }
            _ => {
                failure = Some(Code::ArchiveFailed);
                Ok(false)
            }
        }
    });
    walked.map_err(|_| Code::ArchiveFailed)?;
    if let Some(code) = failure {
        return Err(code);
    }
    names
        .into_iter()
        .zip(slots)
        .map(|(name, bytes)| {
            bytes
                .map(|bytes| OpenedFile { name, bytes })
                .ok_or(Code::ArchiveFailed)
        })
        .collect()
}

/// LZMA2 at the normal preset, with a dictionary no larger than the input
/// needs (at least 64 KiB, at most 8 MiB): a smaller dictionary allocates and
/// clears less memory, which is most of the cost for a small referral.
fn lzma2_for(total: usize) -> Lzma2Options {
    let mut o = Lzma2Options::from_level(LZMA2_LEVEL);
    let dict = total.clamp(64 * 1024, 8 * 1024 * 1024).next_power_of_two();
    o.set_dictionary_size(u32::try_from(dict).unwrap_or(8 * 1024 * 1024));
    o
}

/// Noon UTC of `date` as a Windows file time (100 ns ticks since 1601-01-01).
fn noon_utc(date: Date) -> NtTime {
    // Days from 1601-01-01 to `date`, with the days-from-civil algorithm
    // (Howard Hinnant), counted from 1600-03-01 so leap days fall last.
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days_since_0000_03_01 = era * 146_097 + doe;
    // 1601-01-01 is day 584_694 after 0000-03-01.
    let days = days_since_0000_03_01 - 584_694;
    let seconds = days * 86_400 + 12 * 3_600;
    // Date is 1900..=9999, so this is positive and far below u64::MAX.
    NtTime::new(u64::try_from(seconds).unwrap_or(0) * 10_000_000)
}

/// Replaces the entry of `sevenz-rust2`'s key cache (a static holding the
/// last derived key and a SHA-256 of salt and password, kept until the next
/// derivation) with that of a constant dummy password, at 2^0 rounds: the
/// crate offers no way to clear it, but starting an AES encoder derives (and
/// caches) a key. Nothing is written anywhere; failures are ignored, as
/// there is nothing else to try.
pub(super) fn forget_cached_key() {
    let Ok(mut writer) = ArchiveWriter::new(Cursor::new(Vec::new())) else {
        return;
    };
    writer.set_content_methods(vec![AesEncoderOptions {
        password: Password::from("-"),
        iv: [0; 16],
        salt: [0; 16],
        num_cycles_power: 0,
    }
    .into()]);
    let _ = writer.push_archive_entry(ArchiveEntry::new_file("-"), Some(&b"-"[..]));
}
