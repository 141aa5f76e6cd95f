//! The decoders and key derivations of the reader, each a thin call into a
//! crate: RustCrypto for the ciphers and derivations, `lzma-rust2` for
//! LZMA and LZMA2, `miniz_oxide` for Deflate.
//!
//! Every decoder produces exactly the size it is given (the size the
//! archive declares, checked against the limits before) or fails: a
//! stream that ends early or that would run past it is an error.

use aes::Aes256;
use cipher::{array::Array, BlockModeDecrypt, KeyIvInit, StreamCipher};
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// A decoder failed: the stream is not what it claims (wrong key or damage).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Broken;

/// The password as 7-Zip hashes it: UTF-16LE, no terminator.
pub(crate) fn utf16le(password: &str) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(password.encode_utf16().flat_map(u16::to_le_bytes).collect())
}

/// The 7zAES key: SHA-256 over `2^power` copies of salt, password and a
/// 64-bit little-endian counter; power 0x3F means no hashing (salt and
/// password copied into the key). The caller keeps `power` within
/// [`super::MAX_KDF_POWER`] or 0x3F.
pub(crate) fn sevenz_key(password_utf16: &[u8], salt: &[u8], power: u8) -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new([0u8; 32]);
    if power == 0x3F {
        for (k, b) in key.iter_mut().zip(salt.iter().chain(password_utf16)) {
            *k = *b;
        }
        return key;
    }
    let mut block = Zeroizing::new(Vec::with_capacity(salt.len() + password_utf16.len() + 8));
    block.extend_from_slice(salt);
    block.extend_from_slice(password_utf16);
    let counter_at = block.len();
    block.extend_from_slice(&[0u8; 8]);
    let mut hash = Sha256::new();
    for round in 0..(1u64 << power) {
        block[counter_at..].copy_from_slice(&round.to_le_bytes());
        hash.update(block.as_slice());
    }
    key.copy_from_slice(&hash.finalize());
    key
}

/// AES-256-CBC decryption of `data` (a multiple of 16 bytes) in place.
pub(crate) fn cbc_decrypt(key: &[u8; 32], iv: &[u8; 16], data: &mut [u8]) -> Result<(), Broken> {
    if !data.len().is_multiple_of(16) {
        return Err(Broken);
    }
    let mut dec = cbc::Decryptor::<Aes256>::new(&Array::from(*key), &Array::from(*iv));
    let (blocks, rest) = Array::slice_as_chunks_mut(data);
    if !rest.is_empty() {
        return Err(Broken);
    }
    dec.decrypt_blocks(blocks);
    Ok(())
}

/// WinZip AES-256: 32 bytes of AES key, 32 of HMAC key, 2 of verifier,
/// PBKDF2-HMAC-SHA1 with 1000 iterations.
pub(crate) fn winzip_keys(password: &[u8], salt: &[u8]) -> Zeroizing<[u8; 66]> {
    let mut out = Zeroizing::new([0u8; 66]);
    pbkdf2::pbkdf2_hmac::<Sha1>(password, salt, 1000, out.as_mut_slice());
    out
}

/// Whether the first 10 bytes of HMAC-SHA1(`mac_key`, `data`) are `tag`
/// (compared in constant time).
pub(crate) fn winzip_mac_ok(mac_key: &[u8], data: &[u8], tag: &[u8]) -> bool {
    let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(mac_key) else {
        return false;
    };
    mac.update(data);
    mac.verify_truncated_left(tag).is_ok()
}

/// WinZip AES counter mode: a 128-bit little-endian counter from 1.
pub(crate) fn winzip_ctr(key: &[u8], data: &mut [u8]) -> Result<(), Broken> {
    let mut iv = [0u8; 16];
    iv[0] = 1;
    let mut ctr = ctr::Ctr128LE::<Aes256>::new_from_slices(key, &iv).map_err(|_| Broken)?;
    ctr.apply_keystream(data);
    Ok(())
}

/// CRC-32 (ISO-HDLC), as both formats use it.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    crc32fast::hash(data)
}

/// Raw Deflate, exactly `size` bytes out.
pub(crate) fn inflate(input: &[u8], size: usize) -> Result<Zeroizing<Vec<u8>>, Broken> {
    // One byte of room: miniz_oxide refuses a limit of 0 even for an empty
    // stream, and a stream that would run past `size` then fails the check.
    let out = miniz_oxide::inflate::decompress_to_vec_with_limit(input, size.saturating_add(1))
        .map_err(|_| Broken)?;
    let out = Zeroizing::new(out);
    if out.len() == size {
        Ok(out)
    } else {
        Err(Broken)
    }
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
    fn sevenz_key_matches_a_direct_computation() {
        // 2^2 rounds written out by hand with sha2's one-shot API.
        let pw = utf16le("ab");
        let salt = [7u8; 3];
        let mut all = Vec::new();
        for i in 0u64..4 {
            all.extend_from_slice(&salt);
            all.extend_from_slice(&pw);
            all.extend_from_slice(&i.to_le_bytes());
        }
        assert_eq!(
            sevenz_key(&pw, &salt, 2).as_slice(),
            Sha256::digest(&all).as_slice()
        );
        let raw = sevenz_key(&pw, &salt, 0x3F);
        assert_eq!(&raw[..7], &[7, 7, 7, b'a', 0, b'b', 0]);
        assert!(raw[7..].iter().all(|&b| b == 0));
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
