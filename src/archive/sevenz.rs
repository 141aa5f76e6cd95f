//! The `.7z` writer and reader: AES-256 with encrypted headers.
//!
//! Layout of an archive written here (7-Zip's `DOC/7zFormat.txt`):
//!
//! * the signature header, then one pack stream: all entries with content
//!   in one solid folder, either the AES coder alone ("stored") or Deflate
//!   then AES, as 7-Zip writes such a folder (coders AES, Deflate; bind
//!   pair: Deflate's input from AES's output); empty entries carry no
//!   stream, as 7-Zip writes them, and keep their place in the header;
//! * the header (entry names in UTF-16, sizes, CRCs, times), encrypted with
//!   the AES coder alone, so that nothing but the archive's size can be
//!   read without the password; it is not compressed (7-Zip's `-mhc=off`):
//!   a referral's header is a few hundred bytes;
//! * the next header is a `kEncodedHeader` pointing at it.
//!
//! Key derivation: 2^19 rounds of SHA-256 (`7zAES:19`, what 7-Zip writes),
//! one random 16-byte salt per archive, and a distinct random IV for the
//! content stream and the header stream. The salt, and so the key, is
//! shared by both streams, as in 7-Zip; CBC only needs the IVs to differ.
//!
//! The reader reads what the writer writes and refuses anything else (other
//! coders, several folders, directories, anti-items, another work factor).

use super::deflate::{self, Deflater};
use super::SMALL_INPUT_BYTES;
use super::{injected, ArchiveOptions, Compression, Entry, Fault, Keys};
use crate::date::Date;
use crate::error::Code;
use crate::random;
use referral_seal_crypto as crypto;
use zeroize::Zeroizing;

/// Key derivation work factor: 2^19 SHA-256 rounds, as 7-Zip writes.
pub(crate) const KDF_CYCLES_POWER: u8 = 19;

const SIGNATURE: [u8; 6] = [b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C];
const SIGNATURE_HEADER_LEN: usize = 32;

// Property ids (7zFormat.txt).
const K_END: u8 = 0x00;
const K_HEADER: u8 = 0x01;
const K_MAIN_STREAMS_INFO: u8 = 0x04;
const K_FILES_INFO: u8 = 0x05;
const K_PACK_INFO: u8 = 0x06;
const K_UNPACK_INFO: u8 = 0x07;
const K_SUBSTREAMS_INFO: u8 = 0x08;
const K_SIZE: u8 = 0x09;
const K_CRC: u8 = 0x0A;
const K_FOLDER: u8 = 0x0B;
const K_CODERS_UNPACK_SIZE: u8 = 0x0C;
const K_NUM_UNPACK_STREAM: u8 = 0x0D;
const K_EMPTY_STREAM: u8 = 0x0E;
const K_EMPTY_FILE: u8 = 0x0F;
const K_NAME: u8 = 0x11;
const K_MTIME: u8 = 0x14;
const K_ENCODED_HEADER: u8 = 0x17;

const AES_ID: [u8; 4] = [0x06, 0xF1, 0x07, 0x01];
const DEFLATE_ID: [u8; 3] = [0x04, 0x01, 0x08];
/// Coder flags: 4-byte id, simple coder, with properties.
const AES_CODER_FLAGS: u8 = 0x20 | AES_ID.len() as u8;
/// Coder flags: 3-byte id, simple coder, no properties.
const DEFLATE_CODER_FLAGS: u8 = DEFLATE_ID.len() as u8;
/// cycles power, salt and IV present; then salt and IV sizes minus one.
const AES_PROPS_LEN: usize = 2 + 16 + 16;

/// CRC-32 (ISO-HDLC, 7z's) from the `crc` crate with one 1 KiB table.
/// Measured (Node, CPU time): `crc32fast`'s 16 KiB table made the page's
/// engine 16 KB bigger gzipped (115.8 → 131.9 KB; the page has a 120 KiB
/// budget), and the `crc` crate's 16 KiB table made `pkg/` 17 KB bigger
/// (141.4 → 158.6 KB) for 7 % more `.7z` `sealFiles` throughput (28.9 →
/// 30.9 MB/s; AES-CBC is the bottleneck).
static CRC32: crc::Crc<u32, crc::Table<1>> =
    crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISO_HDLC);

pub(crate) fn crc32(data: &[u8]) -> u32 {
    CRC32.checksum(data)
}

/// Content is read, checksummed and compressed in pieces of this size.
const PIECE: usize = 64 * 1024;

/// The AES coder properties: work factor, salt and IV.
fn aes_props(salt: &[u8; 16], iv: &[u8; 16]) -> [u8; AES_PROPS_LEN] {
    let mut p = [0u8; AES_PROPS_LEN];
    p[0] = 0x80 | 0x40 | KDF_CYCLES_POWER;
    p[1] = 0xFF;
    p[2..18].copy_from_slice(salt);
    p[18..].copy_from_slice(iv);
    p
}

/// A 7z NUMBER: the count of leading one bits of the first byte is the
/// count of little-endian bytes that follow; the rest of the first byte
/// holds the high bits.
fn put_number(out: &mut Vec<u8>, value: u64) {
    let mut first = 0u8;
    let mut mask = 0x80u8;
    let mut extra = 0usize;
    while extra < 8 {
        if value < (1u64 << (7 * (extra + 1))) {
            first |= (value >> (8 * extra)) as u8;
            break;
        }
        first |= mask;
        mask >>= 1;
        extra += 1;
    }
    out.push(first);
    out.extend_from_slice(&value.to_le_bytes()[..extra]);
}

fn put_bits(out: &mut Vec<u8>, bits: impl Iterator<Item = bool>) {
    let mut byte = 0u8;
    let mut n = 0;
    for b in bits {
        byte |= u8::from(b) << (7 - n);
        n += 1;
        if n == 8 {
            out.push(byte);
            byte = 0;
            n = 0;
        }
    }
    if n > 0 {
        out.push(byte);
    }
}

fn put_property(out: &mut Vec<u8>, id: u8, body: &[u8]) {
    out.push(id);
    put_number(out, body.len() as u64);
    out.extend_from_slice(body);
}

/// The pack and unpack info of one folder with one pack stream.
fn put_streams(out: &mut Vec<u8>, pack_pos: u64, pack_size: u64, folder: &Folder) {
    out.push(K_PACK_INFO);
    put_number(out, pack_pos);
    put_number(out, 1);
    out.push(K_SIZE);
    put_number(out, pack_size);
    out.push(K_END);
    out.push(K_UNPACK_INFO);
    out.push(K_FOLDER);
    put_number(out, 1);
    out.push(0); // not external
    put_number(out, if folder.deflated.is_some() { 2 } else { 1 });
    out.push(AES_CODER_FLAGS);
    out.extend_from_slice(&AES_ID);
    put_number(out, AES_PROPS_LEN as u64);
    out.extend_from_slice(&folder.props);
    if folder.deflated.is_some() {
        out.push(DEFLATE_CODER_FLAGS);
        out.extend_from_slice(&DEFLATE_ID);
        // One bind pair: Deflate's input (in-stream 1) from AES's output
        // (out-stream 0).
        put_number(out, 1);
        put_number(out, 0);
    }
    out.push(K_CODERS_UNPACK_SIZE);
    if let Some(d) = folder.deflated {
        put_number(out, d);
    }
    put_number(out, folder.size);
    if let Some(crc) = folder.crc {
        out.push(K_CRC);
        out.push(1);
        out.extend_from_slice(&crc.to_le_bytes());
    }
    out.push(K_END);
}

struct Folder {
    props: [u8; AES_PROPS_LEN],
    /// Size of the Deflate stream, when there is one.
    deflated: Option<u64>,
    /// Size of the folder's output.
    size: u64,
    /// CRC of the folder's output (written for the header folder only).
    crc: Option<u32>,
}

/// Writes an AES-256 `.7z` with encrypted headers. Input was checked by the caller.
pub(super) fn seal(
    files: &[Entry<'_>],
    password: &str,
    opts: &ArchiveOptions,
    keys: &mut Keys,
) -> Result<Vec<u8>, Code> {
    // salt | content IV | header IV
    let mut random_bytes = Zeroizing::new([0u8; 48]);
    random::fill(random_bytes.as_mut_slice())?;
    let part = |i: usize| -> [u8; 16] {
        let mut a = [0u8; 16];
        a.copy_from_slice(&random_bytes[i * 16..(i + 1) * 16]);
        a
    };
    let (salt, content_iv, header_iv) = (part(0), part(1), part(2));
    let utf16 = utf16le(password);
    let key = crypto::sevenz_key(&utf16, &salt, KDF_CYCLES_POWER);
    keys.put(salt, key.as_slice());

    let total: usize = files.iter().map(|f| f.content.len()).sum();
    let capacity = SIGNATURE_HEADER_LEN
        + total
        + 256
        + files.iter().map(|f| f.name.len() * 2 + 16).sum::<usize>();
    let mut out = Vec::with_capacity(capacity);
    out.resize(SIGNATURE_HEADER_LEN, 0);

    let mut crcs = Vec::with_capacity(files.len());
    let mut deflated = None;
    if total > 0 {
        let mut piece = Zeroizing::new(Vec::new());
        if opts.compression == Compression::Compressed
            && total > SMALL_INPUT_BYTES
            && worth_compressing(files, &mut piece)
        {
            let mut d = Deflater::new();
            for f in files.iter().filter(|f| !f.content.is_empty()) {
                let mut crc = CRC32.digest();
                let len = f.content.len();
                let mut at = 0;
                while at < len {
                    let n = PIECE.min(len - at);
                    piece.resize(n, 0);
                    f.content.read_at(at, &mut piece);
                    crc.update(&piece);
                    d.feed(&piece, &mut out)?;
                    at += n;
                }
                crcs.push(crc.finalize());
            }
            d.finish(&mut out)?;
            let size = out.len() - SIGNATURE_HEADER_LEN;
            if size < total {
                deflated = Some(size as u64);
            } else {
                out.truncate(SIGNATURE_HEADER_LEN);
                crcs.clear();
            }
        }
        if deflated.is_none() {
            for f in files.iter().filter(|f| !f.content.is_empty()) {
                let at = out.len();
                out.resize(at + f.content.len(), 0);
                f.content.read_at(0, &mut out[at..]);
                crcs.push(crc32(&out[at..]));
            }
        }
        // 7-Zip's AES coder zero-pads its input to whole blocks; the
        // folder's unpack sizes tell the reader where the data ends.
        out.resize(out.len().next_multiple_of(16), 0);
        let iv = if injected(Fault::SevenzContentIv) {
            &header_iv
        } else {
            &content_iv
        };
        crypto::cbc_encrypt(&key, iv, &mut out[SIGNATURE_HEADER_LEN..])
            .ok_or(Code::ArchiveFailed)?;
    }
    let pack_size = (out.len() - SIGNATURE_HEADER_LEN) as u64;

    let mtime = noon_utc(opts.modified);
    let mut header = Zeroizing::new(Vec::with_capacity(256));
    header.push(K_HEADER);
    if total > 0 {
        header.push(K_MAIN_STREAMS_INFO);
        let folder = Folder {
            props: aes_props(&salt, &content_iv),
            deflated,
            size: total as u64,
            crc: None,
        };
        put_streams(&mut header, 0, pack_size, &folder);
        header.push(K_SUBSTREAMS_INFO);
        let sizes: Vec<u64> = files
            .iter()
            .map(|f| f.content.len() as u64)
            .filter(|&n| n > 0)
            .collect();
        if sizes.len() != 1 {
            header.push(K_NUM_UNPACK_STREAM);
            put_number(&mut header, sizes.len() as u64);
            header.push(K_SIZE);
            for &s in &sizes[..sizes.len() - 1] {
                put_number(&mut header, s);
            }
        }
        header.push(K_CRC);
        header.push(1);
        for crc in &crcs {
            header.extend_from_slice(&crc.to_le_bytes());
        }
        header.push(K_END);
        header.push(K_END);
    }
    header.push(K_FILES_INFO);
    put_number(&mut header, files.len() as u64);
    let empties = files.iter().filter(|f| f.content.is_empty()).count();
    if empties > 0 {
        let mut streams = Vec::new();
        put_bits(&mut streams, files.iter().map(|f| f.content.is_empty()));
        let mut empty_files = Vec::new();
        let directories = injected(Fault::SevenzDirectoryFirst);
        put_bits(&mut empty_files, (0..empties).map(|_| !directories));
        if directories || injected(Fault::SevenzEmptyFileFirst) {
            // Another writer's order (tests only).
            put_property(&mut header, K_EMPTY_FILE, &empty_files);
            put_property(&mut header, K_EMPTY_STREAM, &streams);
        } else {
            put_property(&mut header, K_EMPTY_STREAM, &streams);
            put_property(&mut header, K_EMPTY_FILE, &empty_files);
        }
    }
    let mut names =
        Vec::with_capacity(1 + files.iter().map(|f| f.name.len() * 2 + 2).sum::<usize>());
    names.push(0); // not external
    for f in files {
        names.extend_from_slice(&utf16le(f.name));
        names.extend_from_slice(&[0, 0]);
    }
    put_property(&mut header, K_NAME, &names);
    let mut times = Vec::with_capacity(2 + 8 * files.len());
    times.extend_from_slice(&[1, 0]); // all defined, not external
    for _ in files {
        times.extend_from_slice(&mtime.to_le_bytes());
    }
    put_property(&mut header, K_MTIME, &times);
    header.push(K_END);
    header.push(K_END);

    // The header, encrypted on its own IV, after the content.
    let header_size = header.len() as u64;
    let header_crc = crc32(&header);
    let padded = header.len().next_multiple_of(16);
    header.resize(padded, 0);
    let iv = if injected(Fault::SevenzHeaderIv) {
        &content_iv
    } else {
        &header_iv
    };
    crypto::cbc_encrypt(&key, iv, &mut header).ok_or(Code::ArchiveFailed)?;
    out.extend_from_slice(&header);
    let mut encoded = Vec::with_capacity(64);
    encoded.push(K_ENCODED_HEADER);
    let folder = Folder {
        props: aes_props(&salt, &header_iv),
        deflated: None,
        size: header_size,
        crc: Some(header_crc),
    };
    put_streams(&mut encoded, pack_size, header.len() as u64, &folder);
    encoded.push(K_END);

    let next_offset = (out.len() - SIGNATURE_HEADER_LEN) as u64;
    out.extend_from_slice(&encoded);
    let mut start = [0u8; 20];
    start[..8].copy_from_slice(&next_offset.to_le_bytes());
    start[8..16].copy_from_slice(&(encoded.len() as u64).to_le_bytes());
    start[16..].copy_from_slice(&crc32(&encoded).to_le_bytes());
    out[..6].copy_from_slice(&SIGNATURE);
    out[6..8].copy_from_slice(&[0, 4]);
    out[8..12].copy_from_slice(&crc32(&start).to_le_bytes());
    out[12..32].copy_from_slice(&start);
    Ok(out)
}

/// Whether the first 64 KiB of the solid stream shrink under Deflate.
fn worth_compressing(files: &[Entry<'_>], piece: &mut Vec<u8>) -> bool {
    piece.clear();
    for f in files {
        let n = (deflate::SAMPLE_BYTES - piece.len()).min(f.content.len());
        let at = piece.len();
        piece.resize(at + n, 0);
        f.content.read_at(0, &mut piece[at..]);
        if piece.len() == deflate::SAMPLE_BYTES {
            break;
        }
    }
    deflate::worth_compressing(piece)
}

fn utf16le(s: &str) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(s.encode_utf16().flat_map(u16::to_le_bytes).collect())
}

/// Noon UTC of `date` as a Windows file time (100 ns ticks since 1601-01-01).
fn noon_utc(date: Date) -> u64 {
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
    u64::try_from(seconds).unwrap_or(0) * 10_000_000
}

#[cfg(test)]
mod tests {
    use super::*;
    // The reader's cursor (src/archive/reader/sevenz.rs) reads what the writer writes.
    use crate::archive::reader::sevenz::Cursor;

    /// 7zFormat.txt's NUMBER examples and the boundaries between lengths.
    #[test]
    fn numbers_round_trip() {
        let table: &[(u64, &[u8])] = &[
            (0, &[0x00]),
            (0x7F, &[0x7F]),
            (0x80, &[0x80, 0x80]),
            (0x3FFF, &[0xBF, 0xFF]),
            (0x4000, &[0xC0, 0x00, 0x40]),
            (34, &[34]),
            (64 * 1024 * 1024, &[0xE4, 0x00, 0x00, 0x00]),
            (
                u64::MAX,
                &[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
            ),
        ];
        for (value, bytes) in table {
            let mut out = Vec::new();
            put_number(&mut out, *value);
            assert_eq!(out, *bytes, "{value:#x}");
            assert_eq!(Cursor::new(bytes).number(), Ok(*value), "{value:#x}");
        }
        for shift in 0..64 {
            for v in [1u64 << shift, (1u64 << shift) - 1, (1u64 << shift) + 1] {
                let mut out = Vec::new();
                put_number(&mut out, v);
                let mut c = Cursor::new(&out);
                assert_eq!(c.number(), Ok(v));
                assert_eq!(c.at, out.len());
            }
        }
    }

    #[test]
    fn bits_are_msb_first() {
        let mut out = Vec::new();
        put_bits(
            &mut out,
            [true, false, false, true, false, false, false, false, true].into_iter(),
        );
        assert_eq!(out, [0x90, 0x80]);
        assert_eq!(
            Cursor::new(&out).bits(9),
            Ok(vec![
                true, false, false, true, false, false, false, false, true
            ])
        );
    }
}
