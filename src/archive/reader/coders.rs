//! The decoders of the reader, each a thin call into a crate: RustCrypto
//! through `referral-seal-crypto` (crypto/, built for speed) for the
//! ciphers and key derivations, set up here from the archive's bytes (IV,
//! counter start, MAC scope), `lzma-rust2` for LZMA, LZMA2, BCJ and Delta,
//! `miniz_oxide` for Deflate.
//!
//! Every decoder produces exactly the size it is given (the size the
//! archive declares, checked against the limits before) or fails: a
//! stream that ends early or that would run past it is an error.

use referral_seal_crypto as crypto;
use zeroize::Zeroizing;

/// A decoder failed: the stream is not what it claims (wrong key or damage).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Broken;

/// The password as 7-Zip hashes it: UTF-16LE, no terminator.
pub(crate) fn utf16le(password: &str) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(password.encode_utf16().flat_map(u16::to_le_bytes).collect())
}

/// The 7zAES key; power 0x3F means no hashing (salt and password copied
/// into the key, as 7-Zip reads it). The caller keeps `power` within
/// [`super::MAX_KDF_POWER`] or 0x3F.
pub(crate) fn sevenz_key(password_utf16: &[u8], salt: &[u8], power: u8) -> Zeroizing<[u8; 32]> {
    if power != 0x3F {
        return crypto::sevenz_key(password_utf16, salt, power);
    }
    let mut key = Zeroizing::new([0u8; 32]);
    for (k, b) in key.iter_mut().zip(salt.iter().chain(password_utf16)) {
        *k = *b;
    }
    key
}

/// AES-256-CBC decryption of `data` (a multiple of 16 bytes) in place.
pub(crate) fn cbc_decrypt(key: &[u8; 32], iv: &[u8; 16], data: &mut [u8]) -> Result<(), Broken> {
    crypto::cbc_decrypt(key, iv, data).ok_or(Broken)
}

/// WinZip AES-256's 66 derived bytes (AES key, HMAC key, verifier), or
/// `None` for a salt that is not AES-256's 16 bytes.
pub(crate) fn winzip_keys(password: &[u8], salt: &[u8]) -> Option<Zeroizing<[u8; 66]>> {
    <&[u8; 16]>::try_from(salt)
        .ok()
        .map(|s| crypto::winzip_keys(password, s))
}

/// Whether the first 10 bytes of HMAC-SHA1(`mac_key`, `data`) are `tag`
/// (compared in constant time).
pub(crate) fn winzip_mac_ok(mac_key: &[u8], data: &[u8], tag: &[u8]) -> bool {
    let Some(mut mac) = crypto::HmacSha1::new(mac_key) else {
        return false;
    };
    mac.update(data);
    mac.verify_truncated(tag)
}

/// WinZip AES counter mode: a 128-bit little-endian counter from 1.
pub(crate) fn winzip_ctr(key: &[u8], data: &mut [u8]) -> Result<(), Broken> {
    let key = <&[u8; 32]>::try_from(key).map_err(|_| Broken)?;
    crypto::Ctr::new(key, 1).apply(data);
    Ok(())
}

/// CRC-32 (ISO-HDLC), as both formats use it (the writers' table).
pub(crate) fn crc32(data: &[u8]) -> u32 {
    crate::archive::sevenz::crc32(data)
}

/// Whether this build decodes Deflate: not the sealing page's engine,
/// which seals stored content only; leaving the inflater out saves 15 KB
/// of its module.
pub(crate) const HAS_INFLATE: bool = cfg!(any(feature = "open", not(target_arch = "wasm32")));

/// Raw Deflate, exactly `size` bytes out, ending with its last block
/// (straight into a buffer of that size: no stream can write past it).
#[cfg(any(feature = "open", not(target_arch = "wasm32")))]
pub(crate) fn inflate(input: &[u8], size: usize) -> Result<Zeroizing<Vec<u8>>, Broken> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let mut out = Zeroizing::new(vec![0u8; size]);
    let mut state = Box::<DecompressorOxide>::default();
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let (status, read, written) = decompress(&mut state, input, &mut out, 0, flags);
    if status == TINFLStatus::Done && read == input.len() && written == size {
        Ok(out)
    } else {
        Err(Broken)
    }
}

#[cfg(not(any(feature = "open", not(target_arch = "wasm32"))))]
pub(crate) fn inflate(_input: &[u8], _size: usize) -> Result<Zeroizing<Vec<u8>>, Broken> {
    Err(Broken)
}

/// A dictionary never needs to be larger than what is decoded with it:
/// a hostile header cannot make the decoder allocate 4 GiB for a small file.
#[cfg(feature = "open")]
fn dict_for(declared: u32, size: usize) -> u32 {
    let needed = u32::try_from(size.max(4096)).unwrap_or(u32::MAX);
    declared.clamp(4096, needed.max(4096))
}

#[cfg(feature = "open")]
fn read_exact(mut r: impl std::io::Read, size: usize) -> Result<Zeroizing<Vec<u8>>, Broken> {
    let mut out = Zeroizing::new(vec![0u8; size]);
    r.read_exact(&mut out).map_err(|_| Broken)?;
    Ok(out)
}

/// LZMA with 7z coder properties (properties byte, 32-bit dictionary size).
#[cfg(feature = "open")]
pub(crate) fn lzma(props: &[u8], input: &[u8], size: usize) -> Result<Zeroizing<Vec<u8>>, Broken> {
    let [p, d0, d1, d2, d3] = <[u8; 5]>::try_from(props).map_err(|_| Broken)?;
    let dict = dict_for(u32::from_le_bytes([d0, d1, d2, d3]), size);
    let r = lzma_rust2::LzmaReader::new_with_props(input, size as u64, p, dict, None)
        .map_err(|_| Broken)?;
    read_exact(r, size)
}

/// LZMA2 with its 7z coder property (the dictionary size code, 0 to 40).
#[cfg(feature = "open")]
pub(crate) fn lzma2(props: &[u8], input: &[u8], size: usize) -> Result<Zeroizing<Vec<u8>>, Broken> {
    let [p] = <[u8; 1]>::try_from(props).map_err(|_| Broken)?;
    let declared = match p {
        0..=39 => (2 | u32::from(p & 1)) << (p / 2 + 11),
        40 => u32::MAX,
        _ => return Err(Broken),
    };
    let r = lzma_rust2::Lzma2Reader::new(input, dict_for(declared, size), None);
    read_exact(r, size)
}

/// The branch-converter and delta filters of 7-Zip (BCJ x86, PPC, IA64,
/// ARM, ARM Thumb, SPARC, ARM64, RISC-V; Delta), decoded in place by
/// `lzma-rust2`'s filters. `None` for any other coder id.
#[cfg(feature = "open")]
pub(crate) fn filter(id: &[u8], props: &[u8], data: &mut [u8]) -> Option<Result<(), Broken>> {
    use lzma_rust2::filter::{FilterConfig, StreamFilter};
    // BCJ filters may carry a 4-byte start offset; Delta one byte, distance - 1.
    let start = match props {
        [] => Some(0),
        [a, b, c, d] => Some(u32::from_le_bytes([*a, *b, *c, *d])),
        _ => None,
    };
    let config = match id {
        [0x03] => Some(match props {
            [d] => Ok(FilterConfig::new_delta(u32::from(*d) + 1)),
            _ => Err(Broken),
        }),
        [0x03, 0x03, 0x01, 0x03] => Some(start.map(FilterConfig::new_bcj_x86).ok_or(Broken)),
        [0x03, 0x03, 0x02, 0x05] => Some(start.map(FilterConfig::new_bcj_ppc).ok_or(Broken)),
        [0x03, 0x03, 0x04, 0x01] => Some(start.map(FilterConfig::new_bcj_ia64).ok_or(Broken)),
        [0x03, 0x03, 0x05, 0x01] => Some(start.map(FilterConfig::new_bcj_arm).ok_or(Broken)),
        [0x03, 0x03, 0x07, 0x01] => Some(start.map(FilterConfig::new_bcj_arm_thumb).ok_or(Broken)),
        [0x03, 0x03, 0x08, 0x05] => Some(start.map(FilterConfig::new_bcj_sparc).ok_or(Broken)),
        [0x0A] => Some(start.map(FilterConfig::new_bcj_arm64).ok_or(Broken)),
        [0x0B] => Some(start.map(FilterConfig::new_bcj_risc_v).ok_or(Broken)),
        _ => None,
    }?;
    Some(config.and_then(|c| {
        let mut f = StreamFilter::new(&c).map_err(|_| Broken)?;
        // The whole stream at once: the bytes a BCJ filter holds back at the
        // end are the stream's last, which stay as they are.
        f.decode(data);
        f.finish();
        Ok(())
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sevenz_key_power_0x3f_copies_salt_and_password() {
        let pw = utf16le("ab");
        let raw = sevenz_key(&pw, &[7u8; 3], 0x3F);
        assert_eq!(&raw[..7], &[7, 7, 7, b'a', 0, b'b', 0]);
        assert!(raw[7..].iter().all(|&b| b == 0));
        assert_eq!(
            sevenz_key(&pw, &[7u8; 3], 2),
            crypto::sevenz_key(&pw, &[7u8; 3], 2)
        );
        assert!(winzip_keys(b"x", &[0; 8]).is_none());
    }

    #[test]
    fn decoders_refuse_short_and_odd_input() {
        assert_eq!(cbc_decrypt(&[0; 32], &[0; 16], &mut [0u8; 15]), Err(Broken));
        assert!(inflate(&[0xFF, 0xFF], 10).is_err());
        // Deflate of nothing (a final empty fixed block), as zip.js writes an empty entry.
        assert_eq!(inflate(&[0x03, 0x00], 0).unwrap().len(), 0);
        assert!(inflate(&[0x03, 0x00], 1).is_err());
        #[cfg(feature = "open")]
        {
            assert!(lzma(&[0x5D, 0, 0, 1], &[0; 20], 10).is_err());
            assert!(lzma2(&[41], &[0; 20], 10).is_err());
            assert!(lzma2(&[16], &[], 10).is_err());
        }
    }
}
