//! The `.zip` side of the general reader (PKWARE's APPNOTE and WinZip's
//! AE-x notes): the central directory, then each entry's local header and
//! data. WinZip AES-256 (AE-1, AE-2) with stored or Deflate content, and
//! unencrypted entries; everything else is refused by name.

use super::coders;
use super::MAX_OPEN_ENTRIES;
use super::{check_total, reading_name, KnownKeys, OpenCode, OpenError, Opened, Warning};
use crate::archive::{Format, OpenedFile};
use zeroize::Zeroizing;

const LOCAL_SIG: u32 = 0x0403_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const END_SIG: u32 = 0x0605_4b50;
const END_LEN: usize = 22;
const CENTRAL_LEN: usize = 46;
const LOCAL_LEN: usize = 30;
const AES_EXTRA_ID: u16 = 0x9901;
const FLAG_ENCRYPTED: u16 = 1;
const FLAG_STRONG: u16 = 1 << 6;
const FLAG_UTF8: u16 = 1 << 11;
const METHOD_STORED: u16 = 0;
const METHOD_DEFLATE: u16 = 8;
const METHOD_AES: u16 = 99;
const SALT_LEN: usize = 16;
const MAC_LEN: usize = 10;

pub(super) fn is_zip(bytes: &[u8]) -> bool {
    // A zip starts with a local header, or is empty (an end record alone).
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

fn damaged() -> OpenError {
    OpenError::new(OpenCode::DamagedArchive, Format::Zip)
}

fn ensure(ok: bool) -> Result<(), OpenError> {
    if ok {
        Ok(())
    } else {
        Err(damaged())
    }
}

fn bytes(b: &[u8], at: usize, n: usize) -> Result<&[u8], OpenError> {
    b.get(at..at.checked_add(n).ok_or_else(damaged)?)
        .ok_or_else(damaged)
}

fn u16_at(b: &[u8], at: usize) -> Result<u16, OpenError> {
    let s = bytes(b, at, 2)?;
    Ok(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, OpenError> {
    let s = bytes(b, at, 4)?;
    Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn method_name(method: u16) -> String {
    match method {
        1 => "Shrink".to_owned(),
        6 => "Implode".to_owned(),
        9 => "Deflate64".to_owned(),
        12 => "BZip2".to_owned(),
        14 => "LZMA".to_owned(),
        93 => "Zstandard".to_owned(),
        95 => "XZ".to_owned(),
        98 => "PPMd".to_owned(),
        m => format!("zip-methode {m}"),
    }
}

/// The WinZip AES extra field: (vendor version, strength, actual method).
fn aes_extra(extra: &[u8]) -> Result<(u16, u8, u16), OpenError> {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let id = u16_at(extra, at)?;
        let len = usize::from(u16_at(extra, at + 2)?);
        let body = bytes(extra, at + 4, len)?;
        if id == AES_EXTRA_ID {
            ensure(len == 7 && &body[2..4] == b"AE")?;
            return Ok((u16_at(body, 0)?, body[4], u16_at(body, 5)?));
        }
        at += 4 + len;
    }
    Err(damaged())
}

struct Central {
    flags: u16,
    method: u16,
    crc: u32,
    packed: usize,
    size: usize,
    name: String,
    extra: Vec<u8>,
    offset: usize,
}

fn central_directory(archive: &[u8]) -> Result<Vec<Central>, OpenError> {
    // The end record: within the last 64 KiB + 22 bytes (its comment).
    let lowest = archive.len().saturating_sub(END_LEN + 0xFFFF);
    let end = (lowest..=archive.len().saturating_sub(END_LEN))
        .rev()
        .find(|&i| u32_at(archive, i).ok() == Some(END_SIG))
        .ok_or_else(damaged)?;
    let count = usize::from(u16_at(archive, end + 10)?);
    let dir_len = u32_at(archive, end + 12)?;
    let dir_at = u32_at(archive, end + 16)?;
    if count == 0xFFFF || dir_len == u32::MAX || dir_at == u32::MAX {
        return Err(OpenError::unsupported(Format::Zip, "ZIP64"));
    }
    if count > MAX_OPEN_ENTRIES {
        return Err(OpenError::new(OpenCode::ArchiveTooLarge, Format::Zip));
    }
    let mut at = dir_at as usize;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        ensure(u32_at(archive, at)? == CENTRAL_SIG)?;
        let flags = u16_at(archive, at + 8)?;
        let method = u16_at(archive, at + 10)?;
        let crc = u32_at(archive, at + 16)?;
        let packed = u32_at(archive, at + 20)?;
        let size = u32_at(archive, at + 24)?;
        let name_len = usize::from(u16_at(archive, at + 28)?);
        let extra_len = usize::from(u16_at(archive, at + 30)?);
        let comment_len = usize::from(u16_at(archive, at + 32)?);
        let offset = u32_at(archive, at + 42)?;
        if packed == u32::MAX || size == u32::MAX || offset == u32::MAX {
            return Err(OpenError::unsupported(Format::Zip, "ZIP64"));
        }
        let raw_name = bytes(archive, at + CENTRAL_LEN, name_len)?;
        // Names are UTF-8 when flagged (and in practice whenever they are
        // valid UTF-8); other bytes are an OEM code page we do not guess.
        let name = if flags & FLAG_UTF8 != 0 {
            String::from_utf8(raw_name.to_vec()).map_err(|_| damaged())?
        } else {
            String::from_utf8_lossy(raw_name).into_owned()
        };
        let extra = bytes(archive, at + CENTRAL_LEN + name_len, extra_len)?.to_vec();
        out.push(Central {
            flags,
            method,
            crc,
            packed: packed as usize,
            size: size as usize,
            name,
            extra,
            offset: offset as usize,
        });
        at += CENTRAL_LEN + name_len + extra_len + comment_len;
    }
    Ok(out)
}

pub(super) fn open(
    archive: &[u8],
    password: &str,
    keys: &dyn KnownKeys,
) -> Result<Opened, OpenError> {
    let dir = central_directory(archive)?;
    // Methods, encryption and limits first: nothing is decoded for an
    // archive that would be refused anyway.
    let mut total = 0u64;
    let mut plain_entries = false;
    for e in &dir {
        let is_dir = e.name.ends_with('/') && e.size == 0;
        if e.flags & FLAG_STRONG != 0 {
            return Err(OpenError::unsupported(Format::Zip, "PKWARE-versleuteling"));
        }
        let method = if e.flags & FLAG_ENCRYPTED != 0 {
            if e.method != METHOD_AES {
                return Err(OpenError::new(OpenCode::WeakEncryption, Format::Zip));
            }
            let (_, strength, method) = aes_extra(&e.extra)?;
            if strength != 3 {
                let bits = match strength {
                    1 => "AES-128",
                    2 => "AES-192",
                    _ => "AES",
                };
                return Err(OpenError::unsupported(Format::Zip, bits));
            }
            method
        } else {
            plain_entries |= !is_dir;
            e.method
        };
        if method != METHOD_STORED && method != METHOD_DEFLATE {
            return Err(OpenError::unsupported(Format::Zip, method_name(method)));
        }
        total = total.saturating_add(e.size as u64);
    }
    check_total(Format::Zip, archive.len(), total)?;

    let password = Zeroizing::new(password.as_bytes().to_vec());
    let mut entries = Vec::with_capacity(dir.len());
    let mut folders = 0;
    for e in &dir {
        ensure(u32_at(archive, e.offset)? == LOCAL_SIG)?;
        let name_len = usize::from(u16_at(archive, e.offset + 26)?);
        let extra_len = usize::from(u16_at(archive, e.offset + 28)?);
        let data_at = e.offset + LOCAL_LEN + name_len + extra_len;
        let data = bytes(archive, data_at, e.packed)?;
        if e.name.ends_with('/') && e.size == 0 {
            folders += 1;
            continue;
        }
        let name = reading_name(Format::Zip, &e.name)?;
        let content = if e.flags & FLAG_ENCRYPTED != 0 && e.packed == 0 && e.size == 0 {
            // zip.js writes an empty stored entry without salt, verifier or
            // MAC: nothing to decrypt, and nothing to keep secret.
            Zeroizing::new(Vec::new())
        } else if e.flags & FLAG_ENCRYPTED != 0 {
            let (version, _, method) = aes_extra(&e.extra)?;
            ensure(data.len() >= SALT_LEN + 2 + MAC_LEN)?;
            let (salt, rest) = data.split_at(SALT_LEN);
            let (verifier, rest) = rest.split_at(2);
            let (cipher, tag) = rest.split_at(rest.len() - MAC_LEN);
            let derived = match keys.known(salt).filter(|k| k.len() == 66) {
                Some(k) => {
                    let mut d = Zeroizing::new([0u8; 66]);
                    d.copy_from_slice(k);
                    d
                }
                None => coders::winzip_keys(&password, salt).ok_or_else(damaged)?,
            };
            if password.is_empty() || derived[64..] != *verifier {
                return Err(OpenError::new(OpenCode::WrongPassword, Format::Zip));
            }
            if !coders::winzip_mac_ok(&derived[32..64], cipher, tag) {
                return Err(damaged());
            }
            let mut plain = Zeroizing::new(cipher.to_vec());
            coders::winzip_ctr(&derived[..32], &mut plain).map_err(|_| damaged())?;
            let out = decode(method, &plain, e.size)?;
            // AE-1 keeps the CRC; AE-2 leaves it 0 (the MAC covers the data).
            ensure(version != 1 || coders::crc32(&out) == e.crc)?;
            out
        } else {
            let out = decode(e.method, data, e.size)?;
            ensure(coders::crc32(&out) == e.crc)?;
            out
        };
        entries.push(OpenedFile {
            name,
            bytes: content,
        });
    }
    Ok(Opened {
        format: Format::Zip,
        entries,
        warning: plain_entries.then_some(Warning::NotEncrypted),
        folders,
    })
}

fn decode(method: u16, data: &[u8], size: usize) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    match method {
        METHOD_STORED if data.len() == size => Ok(Zeroizing::new(data.to_vec())),
        METHOD_DEFLATE if !coders::HAS_INFLATE => {
            Err(OpenError::unsupported(Format::Zip, "Deflate"))
        }
        METHOD_DEFLATE => coders::inflate(data, size).map_err(|_| damaged()),
        _ => Err(damaged()),
    }
}
