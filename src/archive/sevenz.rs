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
use super::{injected, ArchiveOptions, Compression, Entry, Fault, Keys, OpenedFile};
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
const K_ANTI: u8 = 0x10;
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

/// CRC-32 (ISO-HDLC, zip's and 7z's) from the `crc` crate, slice-by-16
/// (16 KiB table) where `sealFiles` checksums big inputs, one 1 KiB table in
/// the page's engine, whose referral is a few kilobytes: `crc32fast`'s
/// 16 KiB table made the page's Wasm 16 KB bigger gzipped (115.8 → 131.9
/// KB), and the page has a 120 KiB budget.
#[cfg(feature = "seal-files")]
type CrcTable = crc::Table<16>;
#[cfg(not(feature = "seal-files"))]
type CrcTable = crc::Table<1>;
static CRC32: crc::Crc<u32, CrcTable> = crc::Crc::<u32, CrcTable>::new(&crc::CRC_32_ISO_HDLC);

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

// ---------------------------------------------------------------- reader --

fn ensure(ok: bool) -> Result<(), Code> {
    if ok {
        Ok(())
    } else {
        Err(Code::ArchiveFailed)
    }
}

/// A cursor over header bytes; every read is bounds-checked.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, at: 0 }
    }
    fn byte(&mut self) -> Result<u8, Code> {
        let b = *self.bytes.get(self.at).ok_or(Code::ArchiveFailed)?;
        self.at += 1;
        Ok(b)
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], Code> {
        let end = self.at.checked_add(n).ok_or(Code::ArchiveFailed)?;
        let s = self.bytes.get(self.at..end).ok_or(Code::ArchiveFailed)?;
        self.at = end;
        Ok(s)
    }
    fn expect(&mut self, b: u8) -> Result<(), Code> {
        ensure(self.byte()? == b)
    }
    fn number(&mut self) -> Result<u64, Code> {
        let first = self.byte()?;
        let extra = first.leading_ones() as usize;
        let mut le = [0u8; 8];
        le[..extra].copy_from_slice(self.take(extra)?);
        let low = u64::from_le_bytes(le);
        if extra >= 7 {
            return Ok(low);
        }
        let high = u64::from(first & (0x7F >> extra));
        Ok(low | (high << (8 * extra)))
    }
    /// A number that counts bytes or items of an archive we can hold.
    fn size(&mut self) -> Result<usize, Code> {
        usize::try_from(self.number()?).map_err(|_| Code::ArchiveFailed)
    }
    fn u32(&mut self) -> Result<u32, Code> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn bits(&mut self, n: usize) -> Result<Vec<bool>, Code> {
        let bytes = self.take(n.div_ceil(8))?;
        Ok((0..n)
            .map(|i| bytes[i / 8] & (0x80 >> (i % 8)) != 0)
            .collect())
    }
}

/// One pack stream and the folder that decodes it, as the writer writes them.
struct Stream {
    pack_pos: usize,
    pack_size: usize,
    salt: [u8; 16],
    iv: [u8; 16],
    deflated: Option<usize>,
    size: usize,
    crc: Option<u32>,
}

fn read_streams(c: &mut Cursor<'_>) -> Result<Stream, Code> {
    c.expect(K_PACK_INFO)?;
    let pack_pos = c.size()?;
    ensure(c.number()? == 1)?;
    c.expect(K_SIZE)?;
    let pack_size = c.size()?;
    c.expect(K_END)?;
    c.expect(K_UNPACK_INFO)?;
    c.expect(K_FOLDER)?;
    ensure(c.number()? == 1)?;
    c.expect(0)?;
    let coders = c.number()?;
    ensure(coders == 1 || coders == 2)?;
    c.expect(AES_CODER_FLAGS)?;
    ensure(c.take(4)? == AES_ID)?;
    ensure(c.size()? == AES_PROPS_LEN)?;
    let props = c.take(AES_PROPS_LEN)?;
    ensure(props[0] == 0xC0 | KDF_CYCLES_POWER && props[1] == 0xFF)?;
    let mut salt = [0u8; 16];
    salt.copy_from_slice(&props[2..18]);
    let mut iv = [0u8; 16];
    iv.copy_from_slice(&props[18..]);
    let deflate = coders == 2;
    if deflate {
        c.expect(DEFLATE_CODER_FLAGS)?;
        ensure(c.take(3)? == DEFLATE_ID)?;
        ensure(c.number()? == 1 && c.number()? == 0)?;
    }
    c.expect(K_CODERS_UNPACK_SIZE)?;
    let deflated = if deflate { Some(c.size()?) } else { None };
    let size = c.size()?;
    let crc = match c.byte()? {
        K_CRC => {
            c.expect(1)?;
            let crc = c.u32()?;
            c.expect(K_END)?;
            Some(crc)
        }
        K_END => None,
        _ => return Err(Code::ArchiveFailed),
    };
    // The AES coder's output is its input without the padding.
    let aes_out = deflated.unwrap_or(size);
    ensure(pack_size % 16 == 0 && aes_out <= pack_size && pack_size - aes_out < 16)?;
    Ok(Stream {
        pack_pos,
        pack_size,
        salt,
        iv,
        deflated,
        size,
        crc,
    })
}

/// Decrypts (and inflates) one stream of the archive.
fn decode(
    archive: &[u8],
    s: &Stream,
    password: &str,
    keys: &Keys,
) -> Result<Zeroizing<Vec<u8>>, Code> {
    ensure(s.size <= super::MAX_CONTENT_BYTES)?;
    let start = SIGNATURE_HEADER_LEN
        .checked_add(s.pack_pos)
        .ok_or(Code::ArchiveFailed)?;
    let end = start.checked_add(s.pack_size).ok_or(Code::ArchiveFailed)?;
    let packed = archive.get(start..end).ok_or(Code::ArchiveFailed)?;
    let key = match keys.get(&s.salt) {
        Some(k) if k.len() == 32 => {
            let mut key = Zeroizing::new([0u8; 32]);
            key.copy_from_slice(k);
            key
        }
        _ => crypto::sevenz_key(&utf16le(password), &s.salt, KDF_CYCLES_POWER),
    };
    // The reader's own CBC, on the IV this stream's coder properties name
    // (the writer's cipher code is not used: see `super::seal_checked`).
    let mut plain = Zeroizing::new(packed.to_vec());
    crypto::cbc_decrypt(&key, &s.iv, &mut plain).ok_or(Code::ArchiveFailed)?;
    let out = match s.deflated {
        Some(d) => deflate::inflate_exact(&plain[..d], s.size)?,
        None => {
            plain.truncate(s.size);
            plain
        }
    };
    if let Some(crc) = s.crc {
        ensure(crc32(&out) == crc)?;
    }
    Ok(out)
}

/// Reads every entry, in header order, with the password.
pub(super) fn open(archive: &[u8], password: &str, keys: &Keys) -> Result<Vec<OpenedFile>, Code> {
    ensure(archive.len() >= SIGNATURE_HEADER_LEN && archive[..6] == SIGNATURE && archive[6] == 0)?;
    let mut sig = Cursor::new(&archive[8..SIGNATURE_HEADER_LEN]);
    let start_crc = sig.u32()?;
    ensure(crc32(&archive[12..SIGNATURE_HEADER_LEN]) == start_crc)?;
    let next_offset = usize::try_from(u64::from_le_bytes(
        sig.take(8)?.try_into().map_err(|_| Code::ArchiveFailed)?,
    ))
    .map_err(|_| Code::ArchiveFailed)?;
    let next_len = usize::try_from(u64::from_le_bytes(
        sig.take(8)?.try_into().map_err(|_| Code::ArchiveFailed)?,
    ))
    .map_err(|_| Code::ArchiveFailed)?;
    let next_crc = sig.u32()?;
    let next_at = SIGNATURE_HEADER_LEN
        .checked_add(next_offset)
        .ok_or(Code::ArchiveFailed)?;
    let next = archive
        .get(next_at..next_at.checked_add(next_len).ok_or(Code::ArchiveFailed)?)
        .ok_or(Code::ArchiveFailed)?;
    ensure(crc32(next) == next_crc)?;

    let mut c = Cursor::new(next);
    c.expect(K_ENCODED_HEADER)?;
    let header_stream = read_streams(&mut c)?;
    c.expect(K_END)?;
    ensure(c.at == next.len() && header_stream.deflated.is_none() && header_stream.crc.is_some())?;
    let header = decode(archive, &header_stream, password, keys)?;

    let mut h = Cursor::new(&header);
    h.expect(K_HEADER)?;
    let mut content: Option<(Stream, Vec<usize>, Vec<u32>)> = None;
    let mut next_id = h.byte()?;
    if next_id == K_MAIN_STREAMS_INFO {
        let stream = read_streams(&mut h)?;
        ensure(stream.crc.is_none())?;
        h.expect(K_SUBSTREAMS_INFO)?;
        let mut id = h.byte()?;
        let mut count = 1;
        if id == K_NUM_UNPACK_STREAM {
            count = h.size()?;
            ensure((1..=super::MAX_ENTRIES).contains(&count))?;
            id = h.byte()?;
        }
        let mut sizes = Vec::with_capacity(count);
        if count > 1 {
            ensure(id == K_SIZE)?;
            for _ in 1..count {
                sizes.push(h.size()?);
            }
            id = h.byte()?;
        }
        let listed = sizes
            .iter()
            .try_fold(0usize, |a, &s| a.checked_add(s))
            .ok_or(Code::ArchiveFailed)?;
        sizes.push(stream.size.checked_sub(listed).ok_or(Code::ArchiveFailed)?);
        ensure(id == K_CRC)?;
        h.expect(1)?;
        let crcs = (0..count).map(|_| h.u32()).collect::<Result<Vec<_>, _>>()?;
        h.expect(K_END)?;
        h.expect(K_END)?;
        content = Some((stream, sizes, crcs));
        next_id = h.byte()?;
    }
    ensure(next_id == K_FILES_INFO)?;
    let count = h.size()?;
    ensure((1..=super::MAX_ENTRIES).contains(&count))?;
    let mut empty_stream = vec![false; count];
    // kEmptyFile counts the entries kEmptyStream marks, which may come
    // after it: kept as bytes, read once both are known.
    let mut empty_file: Option<&[u8]> = None;
    let mut names: Option<Vec<String>> = None;
    loop {
        let property = h.byte()?;
        if property == K_END {
            break;
        }
        let len = h.size()?;
        let mut body = Cursor::new(h.take(len)?);
        match property {
            K_EMPTY_STREAM => empty_stream = body.bits(count)?,
            K_EMPTY_FILE => empty_file = Some(body.bytes),
            K_NAME => {
                body.expect(0)?;
                let units: Vec<u16> = body.bytes[1..]
                    .chunks_exact(2)
                    .map(|p| u16::from_le_bytes([p[0], p[1]]))
                    .collect();
                ensure(body.bytes.len() % 2 == 1)?;
                let list: Vec<String> = units
                    .split(|&u| u == 0)
                    .take(count)
                    .map(String::from_utf16)
                    .collect::<Result<_, _>>()
                    .map_err(|_| Code::ArchiveFailed)?;
                ensure(list.len() == count && units.last() == Some(&0))?;
                ensure(units.iter().filter(|&&u| u == 0).count() == count)?;
                names = Some(list);
            }
            K_ANTI => return Err(Code::ArchiveFailed),
            // Times and anything else that does not change the content.
            _ => {}
        }
    }
    h.expect(K_END)?;
    ensure(h.at == header.len())?;
    let names = names.ok_or(Code::ArchiveFailed)?;
    let empties = empty_stream.iter().filter(|&&e| e).count();
    // Every entry without a stream must be an empty file, not a directory.
    match empty_file {
        Some(bytes) => {
            let mut c = Cursor::new(bytes);
            ensure(c.bits(empties)?.iter().all(|&b| b))?;
        }
        None => ensure(empties == 0)?,
    }

    let streams = count - empties;
    let (data, sizes, crcs) = match content {
        Some((stream, sizes, crcs)) => {
            ensure(sizes.len() == streams)?;
            (decode(archive, &stream, password, keys)?, sizes, crcs)
        }
        None => {
            ensure(streams == 0)?;
            (Zeroizing::new(Vec::new()), Vec::new(), Vec::new())
        }
    };
    let mut out = Vec::with_capacity(count);
    let mut at = 0;
    let mut k = 0;
    for (name, empty) in names.into_iter().zip(empty_stream) {
        let bytes = if empty {
            Zeroizing::new(Vec::new())
        } else {
            let n = sizes[k];
            let b = data.get(at..at + n).ok_or(Code::ArchiveFailed)?;
            ensure(crc32(b) == crcs[k])?;
            at += n;
            k += 1;
            Zeroizing::new(b.to_vec())
        };
        out.push(OpenedFile { name, bytes });
    }
    ensure(at == data.len())?;
    Ok(out)
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
