//! referral-seal-crypto: RustCrypto's primitives as the archives of
//! referral-seal use them. No cryptography of our own: every function here
//! is a non-generic entry point into RustCrypto's generic code (`pbkdf2`,
//! `hmac`, `sha1`, `sha2`, `aes`, `ctr`, `cbc`), so that the code is
//! instantiated, and optimised, in this crate.
//!
//! Why a crate: Rust compiles generic code at the optimisation level of the
//! crate that instantiates it, and referral-seal is built for size. Measured
//! in Node (CPU time, medians, interleaved runs on a shared 2-core machine):
//! with the RustCrypto calls in referral-seal itself, a referral `.zip`
//! seal took 5.3 ms and `sealFiles` (32 MiB, zip, stored) ran at 88 MB/s
//! (zip.js: 81 MB/s); with the whole crate at opt-level 3, 2.9 ms and
//! 122 MB/s, but the page's engine grew from 114 to 135 KB gzipped.
//!
//! * WinZip AES (zip): PBKDF2-HMAC-SHA1, 1000 iterations, 66 bytes (AES
//!   key, HMAC key, password verifier); AES-256 in counter mode with a
//!   128-bit little-endian counter; HMAC-SHA1 (WinZip, "AES Encryption
//!   Information", <https://www.winzip.com/en/support/aes-encryption/>).
//! * 7zAES (7z): SHA-256 over 2^`cycles_power` repetitions of
//!   salt ‖ UTF-16LE password ‖ 64-bit little-endian round counter (7-Zip,
//!   `CPP/7zip/Crypto/7zAes.cpp`, `CKeyInfo::CalcKey`); AES-256-CBC.
//!
//! Callers choose every parameter (counter start, IV, what the HMAC
//! covers): the writer and the reader of referral-seal each pass their own,
//! so that its self-check compares two readings of the format.
//!
//! Derived keys are [`Zeroizing`]; the crates' `zeroize` features wipe key
//! schedules and hash states on drop. What `pbkdf2` keeps on the stack
//! while it runs is left to the stack wipe of referral-seal's WebAssembly
//! exports.
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

use aes::Aes256;
use cbc::cipher::array::Array;
use cbc::cipher::consts::U16;
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit, StreamCipher};
use hmac::{KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// PBKDF2 iterations of WinZip AES.
const WINZIP_ITERATIONS: u32 = 1000;

/// Bytes of a WinZip AES-256 derivation: AES key, HMAC key, verifier.
pub const WINZIP_DERIVED: usize = 32 + 32 + 2;

/// The 66 bytes of a WinZip AES-256 entry key: `[..32]` the AES key,
/// `[32..64]` the HMAC key, `[64..]` the password verifier.
pub fn winzip_keys(password: &[u8], salt: &[u8; 16]) -> Zeroizing<[u8; WINZIP_DERIVED]> {
    let mut out = Zeroizing::new([0u8; WINZIP_DERIVED]);
    pbkdf2::pbkdf2_hmac::<Sha1>(password, salt, WINZIP_ITERATIONS, out.as_mut_slice());
    out
}

/// The 7zAES key of `password_utf16` (UTF-16LE) and `salt`.
pub fn sevenz_key(password_utf16: &[u8], salt: &[u8], cycles_power: u8) -> Zeroizing<[u8; 32]> {
    let mut sha = Sha256::new();
    for round in 0..1u64 << cycles_power {
        sha.update(salt);
        sha.update(password_utf16);
        sha.update(round.to_le_bytes());
    }
    let mut key = Zeroizing::new([0u8; 32]);
    let out: &mut [u8; 32] = &mut key;
    sha.finalize_into(out.into());
    key
}

/// AES-256 in counter mode, a 128-bit little-endian counter (`ctr`'s
/// `Ctr128LE`) from `first_counter`. Wiped on drop.
pub struct Ctr(ctr::Ctr128LE<Aes256>);

impl Ctr {
    /// A keystream from block `first_counter` on.
    pub fn new(key: &[u8; 32], first_counter: u128) -> Ctr {
        Ctr(ctr::Ctr128LE::<Aes256>::new(
            key.into(),
            &first_counter.to_le_bytes().into(),
        ))
    }

    /// XORs the next bytes of the keystream into `data`.
    pub fn apply(&mut self, data: &mut [u8]) {
        self.0.apply_keystream(data);
    }
}

/// HMAC-SHA1 (`hmac`, `sha1`). Wiped on drop.
pub struct HmacSha1(hmac::Hmac<Sha1>);

impl HmacSha1 {
    /// An HMAC-SHA1 keyed with `key` (`hmac` takes any length; `None` is
    /// never returned in practice).
    pub fn new(key: &[u8]) -> Option<HmacSha1> {
        <hmac::Hmac<Sha1> as KeyInit>::new_from_slice(key)
            .ok()
            .map(HmacSha1)
    }

    /// Authenticates `data` too.
    pub fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    /// The MAC of everything given to [`HmacSha1::update`].
    pub fn finalize(self) -> [u8; 20] {
        self.0.finalize().into_bytes().into()
    }

    /// Whether `tag` is the first `tag.len()` bytes of the MAC, compared in
    /// constant time.
    pub fn verify_truncated(self, tag: &[u8]) -> bool {
        self.0.verify_truncated_left(tag).is_ok()
    }
}

/// AES-256-CBC encryption of `data` in place; `None` unless `data` is a
/// whole number of blocks.
pub fn cbc_encrypt(key: &[u8; 32], iv: &[u8; 16], data: &mut [u8]) -> Option<()> {
    let (blocks, rest) = Array::<u8, U16>::slice_as_chunks_mut(data);
    if !rest.is_empty() {
        return None;
    }
    cbc::Encryptor::<Aes256>::new(key.into(), iv.into()).encrypt_blocks(blocks);
    Some(())
}

/// AES-256-CBC decryption of `data` in place; `None` unless `data` is a
/// whole number of blocks.
pub fn cbc_decrypt(key: &[u8; 32], iv: &[u8; 16], data: &mut [u8]) -> Option<()> {
    let (blocks, rest) = Array::<u8, U16>::slice_as_chunks_mut(data);
    if !rest.is_empty() {
        return None;
    }
    cbc::Decryptor::<Aes256>::new(key.into(), iv.into()).decrypt_blocks(blocks);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// All 66 bytes, with a password longer than a SHA-1 block too;
    /// expected values from Python's
    /// `hashlib.pbkdf2_hmac("sha1", password, salt, 1000, 66)`.
    #[test]
    fn winzip_matches_python_hashlib() {
        let long = format!(
            "{}{}",
            r#"Gr0en!e "Zee" #42; 100% (ok?) [a-b] {c} \/ '~`^&*=+|<>,.:@$"#,
            "x".repeat(40)
        );
        let cases: [(&[u8], Vec<u8>, &str); 2] = [
            (
                b"kotu-mepa-ribe-noza-veki-suta",
                (0u8..16).collect(),
                concat!(
                    "82c562e162543aaa421749ecba9c2715e4cde89b76c5efdfe99ec57dbf65a69e",
                    "331962e11207e1c298468bd58041b6be65d1dc84a01e89230ef5d2af3c67ec8cf430"
                ),
            ),
            (
                long.as_bytes(),
                (100u8..116).collect(),
                concat!(
                    "edfe5728524c6ea00c639c4124944cd3c98489bec820202080101e2b74cd4dfd",
                    "617c29f76cc4d15ddfd810c409877aed93d96a4f461f33c70880360a1c7b12ed296f"
                ),
            ),
        ];
        for (password, salt, want) in cases {
            let salt: [u8; 16] = salt.try_into().unwrap();
            assert_eq!(winzip_keys(password, &salt).to_vec(), hex(want));
        }
    }

    /// Expected values from Python's `hashlib.sha256` over the rounds of
    /// 7-Zip's `CKeyInfo::CalcKey`, for the real work factor (19) and small
    /// ones, with and without a salt.
    #[test]
    fn sevenz_matches_python_hashlib() {
        let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        let salt: Vec<u8> = (1u8..=16).collect();
        let cases: [(&str, &[u8], u8, &str); 3] = [
            (
                "kotu-mepa-ribe-noza-veki-suta",
                &salt,
                19,
                "cd8c7c1ccd693bb5960f3c9f2e6510d5880196596a761491982740236a8d5b86",
            ),
            (
                "Gr0en!e \"Zee\" #42",
                &[],
                6,
                "08ae4450b315e5314fbb36b2faf996dc152616ee4d497292bdc5477db17a2fe6",
            ),
            (
                "a",
                &salt,
                0,
                "ec201581b7017137a1d788cfc50fc2434f25e658f5e8c85247b08d61f3f29f0d",
            ),
        ];
        for (password, salt, power, want) in cases {
            assert_eq!(
                sevenz_key(&utf16(password), salt, power).to_vec(),
                hex(want),
                "{password:?} {power}"
            );
        }
    }
    /// NIST SP 800-38A, F.2.5 (CBC-AES256.Encrypt), blocks 1 and 2; and back.
    #[test]
    fn cbc_nist_vector() {
        let key: [u8; 32] = hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
            .try_into()
            .unwrap();
        let iv: [u8; 16] = hex("000102030405060708090a0b0c0d0e0f").try_into().unwrap();
        let plain = hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
        let mut data = plain.clone();
        assert_eq!(cbc_encrypt(&key, &iv, &mut data), Some(()));
        assert_eq!(
            data,
            hex("f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d")
        );
        assert_eq!(cbc_decrypt(&key, &iv, &mut data), Some(()));
        assert_eq!(data, plain);
        assert_eq!(cbc_encrypt(&key, &iv, &mut [0u8; 17]), None);
    }

    /// The WinZip counter is little-endian: block n of the keystream is
    /// AES(key, n as 16 little-endian bytes); expected values from Node's
    /// OpenSSL (aes-256-ecb of 01 00… and 02 00…).
    #[test]
    fn ctr_counts_little_endian_from_the_first_counter() {
        let key: [u8; 32] = hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
            .try_into()
            .unwrap();
        let mut stream = [0u8; 32];
        Ctr::new(&key, 1).apply(&mut stream);
        assert_eq!(
            stream.to_vec(),
            hex("63bf4feec619cf9dd1407170575e254c0a6fec9d16ec416bd55691702d02fbdd")
        );
        // In pieces of any size: the same keystream.
        let mut pieces = [0u8; 32];
        let mut ctr = Ctr::new(&key, 1);
        for chunk in pieces.chunks_mut(7) {
            ctr.apply(chunk);
        }
        assert_eq!(pieces, stream);
        let mut second = [0u8; 16];
        Ctr::new(&key, 2).apply(&mut second);
        assert_eq!(second, stream[16..]);
    }

    /// RFC 2202, section 3, test cases 2 and 6 (a key longer than a block).
    #[test]
    fn hmac_sha1_rfc2202() {
        for (key, data, want) in [
            (
                b"Jefe".to_vec(),
                b"what do ya want for nothing?".to_vec(),
                "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
            ),
            (
                vec![0xaa; 80],
                b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
                "aa4ae5e15272d00e95705637ce8a3b55ed402112",
            ),
        ] {
            let mut mac = HmacSha1::new(&key).unwrap();
            mac.update(&data);
            assert_eq!(mac.finalize().to_vec(), hex(want));
            let mut mac = HmacSha1::new(&key).unwrap();
            mac.update(&data);
            assert!(mac.verify_truncated(&hex(want)[..10]));
            let mut mac = HmacSha1::new(&key).unwrap();
            mac.update(&data);
            assert!(!mac.verify_truncated(&[0u8; 10]));
        }
    }
}
