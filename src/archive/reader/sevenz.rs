//! The `.7z` side of the general reader (7-Zip's `DOC/7zFormat.txt`):
//! signature header, then a plain or encoded header, folders of coders
//! bound into one chain each, and the files' substreams.

use super::coders::{self, Broken};
use super::{check_total, reading_name, KnownKeys, OpenCode, OpenError, Opened, Warning};
use super::{MAX_KDF_POWER, MAX_OPEN_BYTES, MAX_OPEN_ENTRIES};
use crate::archive::{Format, OpenedFile};
use zeroize::Zeroizing;

const SIGNATURE: [u8; 6] = [b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C];
const SIGNATURE_HEADER_LEN: usize = 32;

const K_END: u64 = 0x00;
const K_HEADER: u64 = 0x01;
const K_ARCHIVE_PROPERTIES: u64 = 0x02;
const K_ADDITIONAL_STREAMS_INFO: u64 = 0x03;
const K_MAIN_STREAMS_INFO: u64 = 0x04;
const K_FILES_INFO: u64 = 0x05;
const K_PACK_INFO: u64 = 0x06;
const K_UNPACK_INFO: u64 = 0x07;
const K_SUBSTREAMS_INFO: u64 = 0x08;
const K_SIZE: u64 = 0x09;
const K_CRC: u64 = 0x0A;
const K_FOLDER: u64 = 0x0B;
const K_CODERS_UNPACK_SIZE: u64 = 0x0C;
const K_NUM_UNPACK_STREAM: u64 = 0x0D;
const K_EMPTY_STREAM: u64 = 0x0E;
const K_EMPTY_FILE: u64 = 0x0F;
const K_ANTI: u64 = 0x10;
const K_NAME: u64 = 0x11;
const K_ENCODED_HEADER: u64 = 0x17;

/// Coders in one folder, bind pairs, pack streams: more is not 7-Zip's.
const MAX_CODERS: usize = 8;
/// An encoded header is decoded at most this many times in a row.
const MAX_HEADER_LEVELS: usize = 4;
/// Largest decoded header.
const MAX_HEADER_BYTES: u64 = 16 * 1024 * 1024;

pub(super) fn is_sevenz(bytes: &[u8]) -> bool {
    bytes.starts_with(&SIGNATURE)
}

fn damaged() -> OpenError {
    OpenError::new(OpenCode::DamagedArchive, Format::SevenZ)
}

fn too_large() -> OpenError {
    OpenError::new(OpenCode::ArchiveTooLarge, Format::SevenZ)
}

fn ensure(ok: bool) -> Result<(), OpenError> {
    if ok {
        Ok(())
    } else {
        Err(damaged())
    }
}

/// A bounds-checked reader of 7z headers (NUMBERs, bit vectors, digests).
pub(crate) struct Cursor<'a> {
    bytes: &'a [u8],
    pub(crate) at: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `bytes`.
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, at: 0 }
    }

    fn byte(&mut self) -> Result<u8, OpenError> {
        let b = *self.bytes.get(self.at).ok_or_else(damaged)?;
        self.at += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], OpenError> {
        let end = self.at.checked_add(n).ok_or_else(damaged)?;
        let s = self.bytes.get(self.at..end).ok_or_else(damaged)?;
        self.at = end;
        Ok(s)
    }

    pub(crate) fn number(&mut self) -> Result<u64, OpenError> {
        let first = self.byte()?;
        let mut mask = 0x80u8;
        let mut value = 0u64;
        for i in 0..8 {
            if first & mask == 0 {
                let high = u64::from(first & mask.wrapping_sub(1));
                return Ok(value | (high << (8 * i)));
            }
            value |= u64::from(self.byte()?) << (8 * i);
            mask >>= 1;
        }
        Ok(value)
    }

    /// A count, bounded so that a hostile number cannot size an allocation.
    fn count(&mut self, max: usize) -> Result<usize, OpenError> {
        let n = self.number()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= max)
            .ok_or_else(too_large)
    }

    fn u32(&mut self) -> Result<u32, OpenError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, OpenError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    pub(crate) fn bits(&mut self, n: usize) -> Result<Vec<bool>, OpenError> {
        let bytes = self.take(n.div_ceil(8))?;
        Ok((0..n)
            .map(|i| bytes[i / 8] & (0x80 >> (i % 8)) != 0)
            .collect())
    }

    /// An "all defined" byte, then the bit vector if it is 0.
    fn defined(&mut self, n: usize) -> Result<Vec<bool>, OpenError> {
        if self.byte()? != 0 {
            Ok(vec![true; n])
        } else {
            self.bits(n)
        }
    }

    fn digests(&mut self, n: usize) -> Result<Vec<Option<u32>>, OpenError> {
        self.defined(n)?
            .into_iter()
            .map(|d| if d { self.u32().map(Some) } else { Ok(None) })
            .collect()
    }
}

struct Coder {
    id: Vec<u8>,
    props: Vec<u8>,
}

#[derive(Default)]
struct Folder {
    coders: Vec<Coder>,
    /// (in stream, out stream): with one-in one-out coders, stream i is coder i's.
    bind_pairs: Vec<(usize, usize)>,
    /// In streams fed by pack streams, in pack-stream order.
    packed: Vec<usize>,
    unpack_sizes: Vec<u64>,
    crc: Option<u32>,
}

impl Folder {
    /// The out stream no bind pair consumes: the folder's content.
    fn main_out(&self) -> Result<usize, OpenError> {
        (0..self.coders.len())
            .find(|o| !self.bind_pairs.iter().any(|&(_, out)| out == *o))
            .ok_or_else(damaged)
    }

    fn size(&self) -> Result<u64, OpenError> {
        self.unpack_sizes
            .get(self.main_out()?)
            .copied()
            .ok_or_else(damaged)
    }

    fn encrypted(&self) -> bool {
        self.coders.iter().any(|c| c.id == AES_ID)
    }
}

#[derive(Default)]
struct Streams {
    pack_pos: u64,
    pack_sizes: Vec<u64>,
    folders: Vec<Folder>,
    /// Per folder: the sizes and CRCs of its files' streams.
    substreams: Vec<Vec<(u64, Option<u32>)>>,
}

const COPY_ID: &[u8] = &[0x00];
const LZMA_ID: &[u8] = &[0x03, 0x01, 0x01];
const LZMA2_ID: &[u8] = &[0x21];
const DEFLATE_ID: &[u8] = &[0x04, 0x01, 0x08];
const AES_ID: &[u8] = &[0x06, 0xF1, 0x07, 0x01];

/// The name of a coder we do not decode, for the message.
fn method_name(id: &[u8]) -> String {
    let known = match id {
        [0x03, 0x03, 0x01, 0x1B] => "BCJ2",
        [0x03, 0x04, 0x01] => "PPMd",
        [0x04, 0x02, 0x02] => "BZip2",
        [0x04, 0x01, 0x09] => "Deflate64",
        [0x04, 0xF7, 0x11, 0x01] => "Zstandard",
        [0x06, 0xF1, 0x01, 0x01] | [0x06, 0xF1, 0x03, 0x03] => "7zAES (oude versie)",
        #[cfg(not(feature = "open"))]
        [0x03, 0x01, 0x01] => "LZMA",
        #[cfg(not(feature = "open"))]
        [0x21] => "LZMA2",
        #[cfg(not(feature = "open"))]
        [0x03, 0x03, ..] | [0x03] | [0x0A] | [0x0B] => "BCJ/Delta",
        [0x04, 0x01, 0x08] => "Deflate",
        _ => "",
    };
    if known.is_empty() {
        let hex: String = id.iter().map(|b| format!("{b:02X}")).collect();
        format!("methode {hex}")
    } else {
        known.to_owned()
    }
}

/// Filters (BCJ, Delta) that lzma-rust2 decodes in place.
#[cfg(feature = "open")]
fn is_filter(id: &[u8]) -> bool {
    coders::filter(id, &[0], &mut []).is_some()
}

#[cfg(not(feature = "open"))]
fn is_filter(_: &[u8]) -> bool {
    false
}

fn supported(id: &[u8]) -> bool {
    matches!(id, COPY_ID | AES_ID)
        || (coders::HAS_INFLATE && id == DEFLATE_ID)
        || (cfg!(feature = "open") && (matches!(id, LZMA_ID | LZMA2_ID) || is_filter(id)))
}

fn read_folder(c: &mut Cursor<'_>) -> Result<Folder, OpenError> {
    let n = c.count(MAX_CODERS)?;
    ensure(n > 0)?;
    let mut folder = Folder::default();
    let mut complex = None;
    for _ in 0..n {
        let flags = c.byte()?;
        ensure(flags & 0xC0 == 0)?;
        let id = c.take(usize::from(flags & 0x0F))?.to_vec();
        if flags & 0x10 != 0 {
            let ins = c.count(MAX_CODERS)?;
            let outs = c.count(MAX_CODERS)?;
            if ins != 1 || outs != 1 {
                complex.get_or_insert_with(|| method_name(&id));
            }
        }
        let props = if flags & 0x20 != 0 {
            let len = c.count(256)?;
            c.take(len)?.to_vec()
        } else {
            Vec::new()
        };
        folder.coders.push(Coder { id, props });
    }
    if let Some(name) = complex {
        // BCJ2 and the like: several inputs; the streams that follow
        // cannot be read in our model, and we would not decode it anyway.
        return Err(OpenError::unsupported(Format::SevenZ, name));
    }
    for _ in 1..n {
        let input = c.count(n - 1)?;
        let output = c.count(n - 1)?;
        folder.bind_pairs.push((input, output));
    }
    let packed = n - (n - 1);
    ensure(packed == 1)?;
    let free = (0..n)
        .find(|i| !folder.bind_pairs.iter().any(|&(input, _)| input == *i))
        .ok_or_else(damaged)?;
    folder.packed.push(free);
    Ok(folder)
}

fn read_streams(c: &mut Cursor<'_>) -> Result<Streams, OpenError> {
    let mut s = Streams::default();
    let mut id = c.number()?;
    if id == K_PACK_INFO {
        s.pack_pos = c.number()?;
        let n = c.count(MAX_OPEN_ENTRIES * MAX_CODERS)?;
        loop {
            match c.number()? {
                K_END => break,
                K_SIZE => {
                    s.pack_sizes = (0..n).map(|_| c.number()).collect::<Result<_, _>>()?;
                }
                K_CRC => {
                    c.digests(n)?;
                }
                _ => return Err(damaged()),
            }
        }
        ensure(s.pack_sizes.len() == n)?;
        id = c.number()?;
    }
    if id == K_UNPACK_INFO {
        ensure(c.number()? == K_FOLDER)?;
        let n = c.count(MAX_OPEN_ENTRIES)?;
        ensure(c.byte()? == 0)?; // not external
        s.folders = (0..n).map(|_| read_folder(c)).collect::<Result<_, _>>()?;
        ensure(c.number()? == K_CODERS_UNPACK_SIZE)?;
        for f in &mut s.folders {
            f.unpack_sizes = (0..f.coders.len())
                .map(|_| c.number())
                .collect::<Result<_, _>>()?;
        }
        loop {
            match c.number()? {
                K_END => break,
                K_CRC => {
                    for (f, d) in s.folders.iter_mut().zip(c.digests(n)?) {
                        f.crc = d;
                    }
                }
                _ => return Err(damaged()),
            }
        }
        id = c.number()?;
    }
    // One stream per folder unless the substreams say otherwise.
    let mut counts = vec![1usize; s.folders.len()];
    s.substreams = s
        .folders
        .iter()
        .map(|f| Ok(vec![(f.size()?, f.crc)]))
        .collect::<Result<_, OpenError>>()?;
    if id == K_SUBSTREAMS_INFO {
        id = c.number()?;
        if id == K_NUM_UNPACK_STREAM {
            for n in &mut counts {
                *n = c.count(MAX_OPEN_ENTRIES)?;
            }
            ensure(counts.iter().sum::<usize>() <= MAX_OPEN_ENTRIES)?;
            id = c.number()?;
        }
        let mut sizes: Vec<Vec<u64>> = Vec::with_capacity(counts.len());
        for (f, &n) in s.folders.iter().zip(&counts) {
            let total = f.size()?;
            let mut v = Vec::with_capacity(n);
            if n > 0 {
                let mut sum = 0u64;
                for _ in 1..n {
                    let size = if id == K_SIZE {
                        c.number()?
                    } else {
                        return Err(damaged());
                    };
                    sum = sum.checked_add(size).ok_or_else(damaged)?;
                    v.push(size);
                }
                v.push(total.checked_sub(sum).ok_or_else(damaged)?);
            }
            sizes.push(v);
        }
        if id == K_SIZE {
            id = c.number()?;
        }
        // CRCs for every stream whose CRC the folder does not give.
        let needing: usize = s
            .folders
            .iter()
            .zip(&counts)
            .map(|(f, &n)| if n == 1 && f.crc.is_some() { 0 } else { n })
            .sum();
        let mut digests = vec![None; needing].into_iter();
        if id == K_CRC {
            digests = c.digests(needing)?.into_iter();
            id = c.number()?;
        }
        s.substreams = s
            .folders
            .iter()
            .zip(sizes)
            .map(|(f, sizes)| {
                let inherit = sizes.len() == 1 && f.crc.is_some();
                sizes
                    .into_iter()
                    .map(|size| {
                        (
                            size,
                            if inherit {
                                f.crc
                            } else {
                                digests.next().flatten()
                            },
                        )
                    })
                    .collect()
            })
            .collect();
        // The end of the substreams info, then of the streams info.
        ensure(id == K_END)?;
        id = c.number()?;
    }
    ensure(id == K_END)?;
    Ok(s)
}

/// Decodes each folder's content, deriving each key once per salt and power.
struct Decoder<'a> {
    archive: &'a [u8],
    password: Zeroizing<Vec<u8>>,
    keys: &'a dyn KnownKeys,
    derived: Vec<(Vec<u8>, u8, Zeroizing<[u8; 32]>)>,
}

impl Decoder<'_> {
    fn key(&mut self, salt: &[u8], power: u8) -> Zeroizing<[u8; 32]> {
        if let Some(k) = self.keys.known(salt).filter(|k| k.len() == 32) {
            let mut key = Zeroizing::new([0u8; 32]);
            key.copy_from_slice(k);
            return key;
        }
        if let Some((_, _, k)) = self
            .derived
            .iter()
            .find(|(s, p, _)| s == salt && *p == power)
        {
            return k.clone();
        }
        let key = coders::sevenz_key(&self.password, salt, power);
        self.derived.push((salt.to_vec(), power, key.clone()));
        key
    }

    fn aes(
        &mut self,
        props: &[u8],
        input: &[u8],
        size: usize,
    ) -> Result<Zeroizing<Vec<u8>>, OpenError> {
        let broken = || OpenError::new(OpenCode::WrongPassword, Format::SevenZ);
        let first = *props.first().ok_or_else(damaged)?;
        let power = first & 0x3F;
        if power > MAX_KDF_POWER && power != 0x3F {
            return Err(OpenError::unsupported(
                Format::SevenZ,
                format!("7zAES met 2^{power} rondes, meer dan 2^{MAX_KDF_POWER}"),
            ));
        }
        let (mut salt, mut iv) = (&[][..], [0u8; 16]);
        if first & 0xC0 != 0 {
            let second = *props.get(1).ok_or_else(damaged)?;
            let salt_len = usize::from(first >> 7) + usize::from(second >> 4);
            let iv_len = usize::from((first >> 6) & 1) + usize::from(second & 0x0F);
            let mut c = Cursor {
                bytes: props,
                at: 2,
            };
            salt = c.take(salt_len)?;
            iv[..iv_len].copy_from_slice(c.take(iv_len)?);
        }
        if self.password.is_empty() {
            return Err(broken());
        }
        ensure(size <= input.len())?;
        let key = self.key(salt, power);
        let mut out = Zeroizing::new(input.to_vec());
        coders::cbc_decrypt(&key, &iv, &mut out).map_err(|_| damaged())?;
        out.truncate(size);
        Ok(out)
    }

    /// The output of coder `i` of `folder`, whose pack streams start at `packs`.
    fn coder_out(
        &mut self,
        folder: &Folder,
        i: usize,
        packs: &[&[u8]],
        depth: usize,
    ) -> Result<Zeroizing<Vec<u8>>, OpenError> {
        ensure(depth <= folder.coders.len())?;
        let coder = folder.coders.get(i).ok_or_else(damaged)?;
        let size = usize::try_from(*folder.unpack_sizes.get(i).ok_or_else(damaged)?)
            .map_err(|_| too_large())?;
        if size as u64 > MAX_OPEN_BYTES {
            return Err(too_large());
        }
        let owned;
        let input: &[u8] = match folder.bind_pairs.iter().find(|&&(input, _)| input == i) {
            Some(&(_, from)) => {
                owned = self.coder_out(folder, from, packs, depth + 1)?;
                &owned
            }
            None => {
                let at = folder
                    .packed
                    .iter()
                    .position(|&p| p == i)
                    .ok_or_else(damaged)?;
                packs.get(at).ok_or_else(damaged)?
            }
        };
        let decoded = match coder.id.as_slice() {
            COPY_ID => {
                ensure(input.len() >= size)?;
                Ok(Zeroizing::new(input[..size].to_vec()))
            }
            AES_ID => return self.aes(&coder.props, input, size),
            DEFLATE_ID => coders::inflate(input, size),
            #[cfg(feature = "open")]
            LZMA_ID => coders::lzma(&coder.props, input, size),
            #[cfg(feature = "open")]
            LZMA2_ID => coders::lzma2(&coder.props, input, size),
            #[cfg(feature = "open")]
            id if is_filter(id) => {
                ensure(input.len() >= size)?;
                let mut out = Zeroizing::new(input[..size].to_vec());
                match coders::filter(id, &coder.props, &mut out) {
                    Some(Ok(())) => Ok(out),
                    _ => Err(Broken),
                }
            }
            id => return Err(OpenError::unsupported(Format::SevenZ, method_name(id))),
        };
        decoded.map_err(|Broken| damaged())
    }

    /// Every folder's content, checked against its CRCs. In a folder with
    /// AES, any failure past the key is `wrong_password`: 7z has no
    /// password check, so a wrong key shows up as garbage that fails a
    /// decoder or a CRC, just as damage would.
    fn folders(&mut self, s: &Streams) -> Result<Vec<Zeroizing<Vec<u8>>>, OpenError> {
        let mut pos = (SIGNATURE_HEADER_LEN as u64)
            .checked_add(s.pack_pos)
            .ok_or_else(damaged)?;
        let mut next_pack = 0usize;
        let mut out = Vec::with_capacity(s.folders.len());
        for (f, subs) in s.folders.iter().zip(&s.substreams) {
            let mut packs = Vec::with_capacity(f.packed.len());
            for _ in &f.packed {
                let size = *s.pack_sizes.get(next_pack).ok_or_else(damaged)?;
                next_pack += 1;
                let end = pos.checked_add(size).ok_or_else(damaged)?;
                let range = usize::try_from(pos).map_err(|_| damaged())?
                    ..usize::try_from(end).map_err(|_| damaged())?;
                packs.push(self.archive.get(range).ok_or_else(damaged)?);
                pos = end;
            }
            for c in &f.coders {
                if !supported(&c.id) {
                    return Err(OpenError::unsupported(Format::SevenZ, method_name(&c.id)));
                }
            }
            let result = self
                .coder_out(f, f.main_out()?, &packs, 0)
                .and_then(|data| {
                    let whole_ok = f.crc.is_none_or(|crc| coders::crc32(&data) == crc);
                    let mut at = 0usize;
                    let mut parts_ok = true;
                    for &(size, crc) in subs {
                        let size = usize::try_from(size).map_err(|_| damaged())?;
                        let part = data.get(at..at + size).ok_or_else(damaged)?;
                        parts_ok &= crc.is_none_or(|crc| coders::crc32(part) == crc);
                        at += size;
                    }
                    if whole_ok && parts_ok {
                        Ok(data)
                    } else {
                        Err(damaged())
                    }
                });
            match result {
                Err(e) if f.encrypted() && e.code == OpenCode::DamagedArchive => {
                    return Err(OpenError::new(OpenCode::WrongPassword, Format::SevenZ));
                }
                r => out.push(r?),
            }
        }
        Ok(out)
    }
}

struct FileMeta {
    name: String,
    has_stream: bool,
    is_dir: bool,
    anti: bool,
}

/// Every bit of `bytes`, most significant first (the count is known only
/// once kEmptyStream has been read, which may come later).
fn all_bits(bytes: &[u8]) -> Vec<bool> {
    bytes
        .iter()
        .flat_map(|&b| (0..8).map(move |i| b & (0x80 >> i) != 0))
        .collect()
}

fn read_files(c: &mut Cursor<'_>) -> Result<Vec<FileMeta>, OpenError> {
    let n = c.count(MAX_OPEN_ENTRIES)?;
    let mut empty_stream = vec![false; n];
    let mut empty_file: Option<Vec<bool>> = None;
    let mut anti: Option<Vec<bool>> = None;
    let mut names: Option<Vec<String>> = None;
    loop {
        let id = c.number()?;
        if id == K_END {
            break;
        }
        let len = usize::try_from(c.number()?).map_err(|_| damaged())?;
        let mut body = Cursor::new(c.take(len)?);
        match id {
            K_EMPTY_STREAM => empty_stream = body.bits(n)?,
            // Read after all properties: kEmptyFile may come before kEmptyStream.
            K_EMPTY_FILE => empty_file = Some(all_bits(body.bytes)),
            K_ANTI => anti = Some(all_bits(body.bytes)),
            K_NAME => {
                ensure(body.byte()? == 0)?; // not external
                let units: Vec<u16> = body.bytes[1..]
                    .chunks_exact(2)
                    .map(|p| u16::from_le_bytes([p[0], p[1]]))
                    .collect();
                let list: Vec<String> = units
                    .split(|&u| u == 0)
                    .take(n)
                    .map(|u| String::from_utf16(u).map_err(|_| damaged()))
                    .collect::<Result<_, _>>()?;
                ensure(list.len() == n)?;
                names = Some(list);
            }
            _ => {} // times, attributes, padding: not needed
        }
    }
    let names = names.unwrap_or_else(|| vec![String::new(); n]);
    let mut k = 0usize;
    let mut files = Vec::with_capacity(n);
    for (i, name) in names.into_iter().enumerate() {
        let has_stream = !empty_stream[i];
        let (mut is_dir, mut is_anti) = (false, false);
        if !has_stream {
            let file = empty_file
                .as_ref()
                .and_then(|v| v.get(k))
                .copied()
                .unwrap_or(false);
            is_anti = anti
                .as_ref()
                .and_then(|v| v.get(k))
                .copied()
                .unwrap_or(false);
            is_dir = !file;
            k += 1;
        }
        files.push(FileMeta {
            name,
            has_stream,
            is_dir,
            anti: is_anti,
        });
    }
    Ok(files)
}

pub(super) fn open(
    archive: &[u8],
    password: &str,
    keys: &dyn KnownKeys,
) -> Result<Opened, OpenError> {
    ensure(archive.len() >= SIGNATURE_HEADER_LEN)?;
    if archive[6] != 0 {
        return Err(OpenError::unsupported(
            Format::SevenZ,
            format!("7z-versie {}", archive[6]),
        ));
    }
    let mut sig = Cursor::new(&archive[8..SIGNATURE_HEADER_LEN]);
    let start_crc = sig.u32()?;
    ensure(coders::crc32(&archive[12..SIGNATURE_HEADER_LEN]) == start_crc)?;
    let next_offset = sig.u64()?;
    let next_len = sig.u64()?;
    let next_crc = sig.u32()?;
    let next_at = (SIGNATURE_HEADER_LEN as u64)
        .checked_add(next_offset)
        .ok_or_else(damaged)?;
    let next_end = next_at.checked_add(next_len).ok_or_else(damaged)?;
    let next = usize::try_from(next_at)
        .ok()
        .zip(usize::try_from(next_end).ok())
        .and_then(|(a, b)| archive.get(a..b))
        .ok_or_else(damaged)?;
    ensure(coders::crc32(next) == next_crc)?;

    let mut decoder = Decoder {
        archive,
        password: coders::utf16le(password),
        keys,
        derived: Vec::new(),
    };
    let mut header_bytes: Zeroizing<Vec<u8>> = Zeroizing::new(next.to_vec());
    let mut header_encrypted = false;
    for level in 0.. {
        ensure(level <= MAX_HEADER_LEVELS)?;
        let mut c = Cursor::new(&header_bytes);
        if next_len == 0 {
            // An empty archive: 7-Zip writes no header at all.
            return Ok(Opened {
                format: Format::SevenZ,
                entries: Vec::new(),
                warning: None,
                folders: 0,
            });
        }
        // What an encrypted header decoded to is garbage with a wrong key.
        let garbled = |e: OpenError| match e.code {
            OpenCode::DamagedArchive if header_encrypted => {
                OpenError::new(OpenCode::WrongPassword, Format::SevenZ)
            }
            _ => e,
        };
        match c.number().map_err(garbled)? {
            K_HEADER => break,
            K_ENCODED_HEADER => {
                let s = read_streams(&mut c).map_err(garbled)?;
                ensure(s.folders.len() == 1).map_err(garbled)?;
                ensure(s.folders[0].size()? <= MAX_HEADER_BYTES).map_err(garbled)?;
                let mut decoded = decoder.folders(&s).map_err(garbled)?;
                header_encrypted |= s.folders[0].encrypted();
                header_bytes = decoded.pop().ok_or_else(damaged)?;
            }
            _ => return Err(garbled(damaged())),
        }
    }
    // From here, a header that does not parse after an encrypted one
    // passed its CRC is damage; a header without CRC that fails may be a
    // wrong key.
    let parse = || -> Result<(Streams, Vec<FileMeta>), OpenError> {
        let mut c = Cursor {
            bytes: &header_bytes,
            at: 1,
        };
        let mut id = c.number()?;
        if id == K_ARCHIVE_PROPERTIES {
            loop {
                let t = c.number()?;
                if t == K_END {
                    break;
                }
                let len = usize::try_from(c.number()?).map_err(|_| damaged())?;
                c.take(len)?;
            }
            id = c.number()?;
        }
        if id == K_ADDITIONAL_STREAMS_INFO {
            return Err(OpenError::unsupported(
                Format::SevenZ,
                "extra streams in de header",
            ));
        }
        let mut streams = Streams::default();
        if id == K_MAIN_STREAMS_INFO {
            streams = read_streams(&mut c)?;
            id = c.number()?;
        }
        let mut files = Vec::new();
        if id == K_FILES_INFO {
            files = read_files(&mut c)?;
            id = c.number()?;
        }
        ensure(id == K_END)?;
        Ok((streams, files))
    };
    let (streams, files) = match parse() {
        Err(e) if header_encrypted && e.code == OpenCode::DamagedArchive => {
            return Err(OpenError::new(OpenCode::WrongPassword, Format::SevenZ))
        }
        r => r?,
    };

    // Limits on what the header declares, before anything is decoded.
    ensure(files.len() <= MAX_OPEN_ENTRIES)?;
    let mut total = 0u64;
    for f in &streams.folders {
        total = total.checked_add(f.size()?).ok_or_else(too_large)?;
        for &s in &f.unpack_sizes {
            if s > MAX_OPEN_BYTES {
                return Err(too_large());
            }
        }
    }
    check_total(Format::SevenZ, archive.len(), total)?;
    let stream_count: usize = streams.substreams.iter().map(Vec::len).sum();
    ensure(files.iter().filter(|f| f.has_stream).count() == stream_count)?;

    let data = decoder.folders(&streams)?;
    let any_encrypted = header_encrypted || streams.folders.iter().any(Folder::encrypted);
    let all_encrypted = streams.folders.iter().all(Folder::encrypted);

    let mut parts = data.iter().zip(&streams.substreams).flat_map(|(d, subs)| {
        let mut at = 0usize;
        subs.iter().map(move |&(size, _)| {
            let size = size as usize; // checked in `folders`
            let part = d.get(at..at + size);
            at += size;
            part
        })
    });
    let mut entries = Vec::new();
    let mut folders = 0;
    for f in files {
        let bytes = if f.has_stream {
            parts.next().flatten().ok_or_else(damaged)?
        } else {
            &[][..]
        };
        if f.is_dir || f.anti {
            folders += 1;
            continue;
        }
        entries.push(OpenedFile {
            name: reading_name(Format::SevenZ, &f.name)?,
            bytes: Zeroizing::new(bytes.to_vec()),
        });
    }
    let warning = (!any_encrypted || !all_encrypted).then_some(Warning::NotEncrypted);
    let warning = if entries.is_empty() && any_encrypted {
        None
    } else {
        warning
    };
    Ok(Opened {
        format: Format::SevenZ,
        entries,
        warning,
        folders,
    })
}
