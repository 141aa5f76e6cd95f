//! The `.zip` writer and reader: WinZip AES-256, vendor version AE-2.
//!
//! Every entry is method 99 with the AES extra field `0x9901` (AE-2,
//! strength 3, then the real method: 0 stored or 8 Deflate) and a CRC of 0
//! in the local and the central header: AE-2 relies on the HMAC-SHA1 of the
//! ciphertext instead, so the CRC of the plaintext cannot be used to check
//! guesses of a short entry (APPNOTE.TXT 6.3.10 §4.3.7, §4.4.4, §4.5; WinZip,
//! "AES Encryption Information").
//!
//! Each entry gets its own random 16-byte salt (so its own key) from
//! [`crate::random`]. The writer works in memory, so sizes are written into
//! the local header after the data rather than into a data descriptor. No
//! archive comment, no extra fields but the AES one, no timestamps but the
//! DOS time of [`ArchiveOptions::modified`], names in UTF-8 (flag bit 11
//! when a name is not ASCII).
//!
//! The reader reads what the writer writes and refuses anything else.

use super::deflate::{self, Deflater};
use super::SMALL_INPUT_BYTES;
use super::{injected, ArchiveOptions, Compression, Entry, Fault, Keys};
use crate::error::Code;
use crate::random;
use referral_seal_crypto::{self as crypto, Ctr, HmacSha1, WINZIP_DERIVED};
use zeroize::Zeroizing;

const LOCAL_SIG: u32 = 0x0403_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const END_SIG: u32 = 0x0605_4b50;
/// APPNOTE 6.3, MS-DOS attribute compatibility.
const VERSION_MADE_BY: u16 = 63;
/// AES encryption needs version 5.1.
const VERSION_NEEDED: u16 = 51;
const FLAG_ENCRYPTED: u16 = 1;
const FLAG_UTF8: u16 = 1 << 11;
const METHOD_AES: u16 = 99;
const METHOD_STORED: u16 = 0;
const METHOD_DEFLATE: u16 = 8;
const AES_EXTRA_ID: u16 = 0x9901;
/// AE-2: no CRC.
const AES_VENDOR_VERSION: u16 = 2;
/// AES-256.
const AES_STRENGTH: u8 = 3;
const SALT_LEN: usize = 16;
const VERIFIER_LEN: usize = 2;
const MAC_LEN: usize = 10;
const LOCAL_LEN: usize = 30;
const CENTRAL_LEN: usize = 46;
const END_LEN: usize = 22;
const EXTRA_LEN: usize = 11;

/// Bytes a WinZip-AES entry adds to its content: local header, salt,
/// password verifier, HMAC and central header, each header with its AES
/// extra field.
const ENTRY_OVERHEAD: usize =
    LOCAL_LEN + SALT_LEN + VERIFIER_LEN + MAC_LEN + CENTRAL_LEN + 2 * EXTRA_LEN;

/// Content is read, compressed, encrypted and authenticated in pieces of
/// this size, which stay in the processor's cache between the steps.
const PIECE: usize = 64 * 1024;

struct Central<'a> {
    name: &'a str,
    flags: u16,
    method: u16,
    compressed: u32,
    size: u32,
    offset: u32,
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn aes_extra(out: &mut Vec<u8>, method: u16) {
    put16(out, AES_EXTRA_ID);
    put16(out, 7);
    put16(out, AES_VENDOR_VERSION);
    out.extend_from_slice(b"AE");
    out.push(AES_STRENGTH);
    put16(out, method);
}

/// DOS date and time (APPNOTE 4.4.6) of noon on `d`; DOS dates run from
/// 1980 to 2107.
fn dos_noon(d: crate::date::Date) -> Result<(u16, u16), Code> {
    let year = d.year();
    if !(1980..=2107).contains(&year) {
        return Err(Code::InvalidOption);
    }
    let date = ((year - 1980) << 9) | (u16::from(d.month()) << 5) | u16::from(d.day());
    Ok((12 << 11, date))
}

fn u32_of(n: usize) -> Result<u32, Code> {
    u32::try_from(n).map_err(|_| Code::InputTooLarge)
}

/// Writes a WinZip-AES (AE-2) archive. Input was checked by the caller.
pub(super) fn seal(
    files: &[Entry<'_>],
    password: &str,
    opts: &ArchiveOptions,
    keys: &mut Keys,
) -> Result<Vec<u8>, Code> {
    let (time, date) = dos_noon(opts.modified)?;
    let capacity = files
        .iter()
        .map(|f| f.content.len() + f.name.len() * 2 + ENTRY_OVERHEAD)
        .sum::<usize>()
        + END_LEN;
    let mut out = Vec::with_capacity(capacity);
    let mut central = Vec::with_capacity(files.len());
    let mut piece = Zeroizing::new(Vec::new());
    for f in files {
        // One random salt, so one key, per entry.
        let mut salt = [0u8; SALT_LEN];
        random::fill(&mut salt)?;
        let derived = crypto::winzip_keys(password.as_bytes(), &salt);
        let len = f.content.len();
        keys.put(salt, derived.as_slice());
        let flags = FLAG_ENCRYPTED | if f.name.is_ascii() { 0 } else { FLAG_UTF8 };
        let offset = out.len();

        put32(&mut out, LOCAL_SIG);
        put16(&mut out, VERSION_NEEDED);
        put16(&mut out, flags);
        put16(&mut out, METHOD_AES);
        put16(&mut out, time);
        put16(&mut out, date);
        put32(&mut out, 0); // CRC: none in AE-2
        put32(&mut out, 0); // compressed size, set below
        put32(&mut out, u32_of(len)?);
        put16(
            &mut out,
            u16::try_from(f.name.len()).map_err(|_| Code::InvalidOption)?,
        );
        put16(&mut out, EXTRA_LEN as u16);
        out.extend_from_slice(f.name.as_bytes());
        let method_at = out.len() + 9;
        aes_extra(&mut out, METHOD_STORED);
        out.extend_from_slice(&salt);
        out.extend_from_slice(&derived[64..WINZIP_DERIVED]);
        let data_at = out.len();

        let mut method = METHOD_STORED;
        let compress = opts.compression == Compression::Compressed && len > SMALL_INPUT_BYTES;
        if compress && worth_compressing(f, &mut piece) {
            let mut d = Deflater::new();
            let mut at = 0;
            while at < len {
                let n = PIECE.min(len - at);
                piece.resize(n, 0);
                f.content.read_at(at, &mut piece);
                d.feed(&piece, &mut out)?;
                at += n;
            }
            d.finish(&mut out)?;
            if out.len() - data_at < len {
                method = METHOD_DEFLATE;
            } else {
                out.truncate(data_at);
            }
        }
        if method == METHOD_STORED {
            out.resize(data_at + len, 0);
            f.content.read_at(0, &mut out[data_at..]);
        }
        out[method_at..method_at + 2].copy_from_slice(&method.to_le_bytes());

        // AES-256 in counter mode, a 128-bit little-endian counter that
        // starts at 1; then HMAC-SHA1 over the ciphertext alone.
        let first_counter: u128 = if injected(Fault::ZipCounterStart) {
            2
        } else {
            1
        };
        let (aes_key, mac_key) = keys_of(&derived);
        let mut ctr = Ctr::new(&aes_key, first_counter);
        let mut mac = HmacSha1::new(mac_key).ok_or(Code::ArchiveFailed)?;
        if injected(Fault::ZipHmacScope) {
            mac.update(&out[data_at - VERIFIER_LEN..data_at]);
        }
        for chunk in out[data_at..].chunks_mut(PIECE) {
            ctr.apply(chunk);
            mac.update(chunk);
        }
        out.extend_from_slice(&mac.finalize()[..MAC_LEN]);
        let compressed = u32_of(out.len() - data_at + SALT_LEN + VERIFIER_LEN)?;
        out[offset + 18..offset + 22].copy_from_slice(&compressed.to_le_bytes());
        central.push(Central {
            name: f.name,
            flags,
            method,
            compressed,
            size: u32_of(len)?,
            offset: u32_of(offset)?,
        });
    }

    let cd_at = out.len();
    for c in &central {
        put32(&mut out, CENTRAL_SIG);
        put16(&mut out, VERSION_MADE_BY);
        put16(&mut out, VERSION_NEEDED);
        put16(&mut out, c.flags);
        put16(&mut out, METHOD_AES);
        put16(&mut out, time);
        put16(&mut out, date);
        put32(&mut out, 0);
        put32(&mut out, c.compressed);
        put32(&mut out, c.size);
        put16(&mut out, c.name.len() as u16);
        put16(&mut out, EXTRA_LEN as u16);
        put16(&mut out, 0); // comment
        put16(&mut out, 0); // disk
        put16(&mut out, 0); // internal attributes
        put32(&mut out, 0); // external attributes
        put32(&mut out, c.offset);
        out.extend_from_slice(c.name.as_bytes());
        aes_extra(&mut out, c.method);
    }
    let cd_len = out.len() - cd_at;
    let count = u16::try_from(central.len()).map_err(|_| Code::InputTooLarge)?;
    put32(&mut out, END_SIG);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, u32_of(cd_len)?);
    put32(&mut out, u32_of(cd_at)?);
    put16(&mut out, 0);
    Ok(out)
}

/// The AES key (a copy, wiped on drop) and the HMAC key of the 66 bytes
/// PBKDF2 derives for an entry.
fn keys_of(derived: &[u8; WINZIP_DERIVED]) -> (Zeroizing<[u8; 32]>, &[u8]) {
    let mut aes_key = Zeroizing::new([0u8; 32]);
    aes_key.copy_from_slice(&derived[..32]);
    (aes_key, &derived[32..64])
}

/// Whether the start of an entry shrinks under Deflate.
fn worth_compressing(f: &Entry<'_>, piece: &mut Vec<u8>) -> bool {
    let n = deflate::SAMPLE_BYTES.min(f.content.len());
    piece.resize(n, 0);
    f.content.read_at(0, piece);
    deflate::worth_compressing(piece)
}
