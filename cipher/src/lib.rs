//! referral-seal-cipher: AES-256 as the two archive formats of referral-seal
//! use it, on RustCrypto's constant-time AES (`aes`, fixsliced: no lookup
//! tables).
//!
//! * WinZip AES (zip): counter mode with a 128-bit little-endian counter
//!   starting at 1 ([`WinZipCtr`]), eight blocks per pass of a fixsliced
//!   cipher of our own (`fixslice.rs`) with the `wide` feature (on by
//!   default), else four per pass on the `aes` crate;
//! * 7zAES (7z): CBC over content zero-padded to whole blocks
//!   ([`cbc_encrypt`], [`cbc_decrypt`]).
//!
//! A crate apart from the key derivations (`referral-seal-crypto`, which
//! re-exports it) because the two are built differently: the page's own
//! engine seals one referral of a few kilobytes, where the cipher's speed
//! does not matter but its code size does, while the key derivations set
//! how long "seal" takes (see `[profile.page]` in the workspace's
//! Cargo.toml). The package build, whose `sealFiles` encrypts megabytes,
//! builds both for speed.
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "wide")]
mod fixslice;

use aes::cipher::{Array, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use aes::Aes256;
#[cfg(feature = "wide")]
use fixslice::Aes256x8;
use zeroize::Zeroize;

/// One AES block.
type Block = Array<u8, aes::cipher::consts::U16>;

/// Keystream blocks generated per batch, a multiple of the eight blocks
/// [`Aes256x8`] encrypts at once.
const CTR_BATCH: usize = 64;

/// AES-256 in WinZip's counter mode, streaming.
pub struct WinZipCtr {
    cipher: Aes256x8,
    next: u64,
    keystream: [[u8; 16]; CTR_BATCH],
    /// Keystream bytes generated, and used, of the current batch.
    ready: usize,
    used: usize,
}

impl WinZipCtr {
    /// Counter mode with `key`, from block 1.
    pub fn new(key: &[u8; 32]) -> WinZipCtr {
        WinZipCtr {
            cipher: Aes256x8::new(key),
            next: 1,
            keystream: [[0; 16]; CTR_BATCH],
            ready: 0,
            used: 0,
        }
    }

    /// Generates the next `blocks` keystream blocks (rounded up to a
    /// multiple of eight, at most a batch).
    fn refill(&mut self, blocks: usize) {
        let blocks = blocks.next_multiple_of(8).min(CTR_BATCH);
        for eight in self.keystream[..blocks].chunks_exact_mut(8) {
            let eight: &mut [[u8; 16]; 8] = match eight.try_into() {
                Ok(e) => e,
                Err(_) => continue,
            };
            for b in eight.iter_mut() {
                // A 128-bit little-endian counter: the high half stays 0
                // below 2^64 blocks.
                b[..8].copy_from_slice(&self.next.to_le_bytes());
                b[8..].fill(0);
                self.next = self.next.wrapping_add(1);
            }
            self.cipher.encrypt8(eight);
        }
        self.ready = blocks * 16;
        self.used = 0;
    }

    /// Encrypts or decrypts `data` in place (the same operation).
    pub fn apply(&mut self, mut data: &mut [u8]) {
        while !data.is_empty() {
            if self.used == self.ready {
                // No more keystream than the data needs: a referral's
                // documents are a few blocks each.
                self.refill(data.len().div_ceil(16));
            }
            let ks = self.keystream.as_flattened();
            let n = (self.ready - self.used).min(data.len());
            let (now, rest) = data.split_at_mut(n);
            for (d, k) in now.iter_mut().zip(&ks[self.used..self.used + n]) {
                *d ^= k;
            }
            self.used += n;
            data = rest;
        }
    }
}

impl Drop for WinZipCtr {
    fn drop(&mut self) {
        self.keystream.as_flattened_mut().zeroize();
    }
}

/// Without the `wide` feature (the page's engine, which encrypts a few
/// kilobytes per seal): counter mode on the `aes` crate's own fixsliced
/// encryption of several blocks (four per pass) instead of our eight-block
/// cipher on SIMD words. Same keystream, less code. Measured in the page's
/// engine: one block at a time would save another 1.4 KB of the packed
/// module but make a `.zip` seal 0.2 ms slower (2.0 -> 2.2 ms in
/// Chromium).
#[cfg(not(feature = "wide"))]
struct Aes256x8(Aes256);

#[cfg(not(feature = "wide"))]
impl Aes256x8 {
    fn new(key: &[u8; 32]) -> Aes256x8 {
        Aes256x8(Aes256::new(&(*key).into()))
    }

    fn encrypt8(&self, blocks: &mut [[u8; 16]; 8]) {
        let (b, _) = Block::slice_as_chunks_mut(blocks.as_flattened_mut());
        self.0.encrypt_blocks(b);
    }
}

// ------------------------------------------------------------ CBC --

/// AES-256-CBC encryption in place; `data.len()` must be a multiple of 16
/// (the caller zero-pads, as 7-Zip does).
pub fn cbc_encrypt(key: &[u8; 32], iv: &[u8; 16], data: &mut [u8]) {
    let cipher = Aes256::new(&(*key).into());
    let (blocks, _) = Block::slice_as_chunks_mut(data);
    let mut prev = Block::from(*iv);
    for b in blocks {
        for (x, p) in b.iter_mut().zip(prev.iter()) {
            *x ^= p;
        }
        cipher.encrypt_block(b);
        prev = *b;
    }
}

/// AES-256-CBC decryption in place of whole blocks; a trailing partial
/// block is left as it is (the caller refuses such input).
///
/// With the `wide` feature, 64 blocks per batch through the `aes` crate's
/// parallel decryption (four blocks per pass).
#[cfg(feature = "wide")]
pub fn cbc_decrypt(key: &[u8; 32], iv: &[u8; 16], data: &mut [u8]) {
    const BATCH: usize = 64;
    let cipher = Aes256::new(&(*key).into());
    let (blocks, _) = Block::slice_as_chunks_mut(data);
    let mut prev = Block::from(*iv);
    let mut saved = [Block::default(); BATCH];
    for chunk in blocks.chunks_mut(BATCH) {
        saved[..chunk.len()].copy_from_slice(chunk);
        cipher.decrypt_blocks(chunk);
        for (i, b) in chunk.iter_mut().enumerate() {
            let p = if i == 0 { &prev } else { &saved[i - 1] };
            for (x, y) in b.iter_mut().zip(p.iter()) {
                *x ^= y;
            }
        }
        prev = saved[chunk.len() - 1];
    }
}

/// AES-256-CBC decryption in place of whole blocks; a trailing partial
/// block is left as it is (the caller refuses such input).
///
/// Without the `wide` feature (the page's engine, whose self-check
/// decrypts a few kilobytes): one block at a time, which leaves the `aes`
/// crate's parallel decryption out of the module.
#[cfg(not(feature = "wide"))]
pub fn cbc_decrypt(key: &[u8; 32], iv: &[u8; 16], data: &mut [u8]) {
    let cipher = Aes256::new(&(*key).into());
    let (blocks, _) = Block::slice_as_chunks_mut(data);
    let mut prev = Block::from(*iv);
    for b in blocks {
        let saved = *b;
        cipher.decrypt_block(b);
        for (x, p) in b.iter_mut().zip(prev.iter()) {
            *x ^= p;
        }
        prev = saved;
    }
    prev.zeroize();
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

    /// FIPS 197 appendix C.3 (AES-256) through CBC with a zero IV, and
    /// NIST SP 800-38A F.2.5 (CBC-AES256.Encrypt).
    #[test]
    fn cbc_sp800_38a() {
        let key: [u8; 32] = hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
            .try_into()
            .unwrap();
        let iv: [u8; 16] = hex("000102030405060708090a0b0c0d0e0f").try_into().unwrap();
        let plain = hex(concat!(
            "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51",
            "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"
        ));
        let cipher = hex(concat!(
            "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d",
            "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b"
        ));
        let mut data = plain.clone();
        cbc_encrypt(&key, &iv, &mut data);
        assert_eq!(data, cipher);
        cbc_decrypt(&key, &iv, &mut data);
        assert_eq!(data, plain);
        // Longer than one decryption batch.
        let mut long: Vec<u8> = (0..16 * 200).map(|i| (i % 251) as u8).collect();
        let orig = long.clone();
        cbc_encrypt(&key, &iv, &mut long);
        cbc_decrypt(&key, &iv, &mut long);
        assert_eq!(long, orig);
    }

    /// NIST SP 800-38A F.5.5 (CTR-AES256.Encrypt) uses a big-endian
    /// counter; WinZip's is little-endian from 1, so the first keystream
    /// block is AES(key, 01 00 .. 00): checked against FIPS 197 ECB.
    #[test]
    fn winzip_ctr_counter_layout() {
        let key: [u8; 32] = hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
            .try_into()
            .unwrap();
        let cipher = Aes256::new(&key.into());
        let mut want = Vec::new();
        for n in 1u64..=70 {
            let mut b = Block::default();
            b[..8].copy_from_slice(&n.to_le_bytes());
            cipher.encrypt_block(&mut b);
            want.extend_from_slice(&b);
        }
        // Keystream = encryption of zeros, in pieces that cross batches.
        let mut data = vec![0u8; want.len()];
        let mut ctr = WinZipCtr::new(&key);
        let mut at = 0;
        for piece in [1usize, 15, 16, 17, 1000, 5] {
            ctr.apply(&mut data[at..at + piece]);
            at += piece;
        }
        ctr.apply(&mut data[at..]);
        assert_eq!(data, want);
    }
}
