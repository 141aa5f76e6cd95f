//! referral-seal-crypto: the key derivations and checksums of the two
//! archive formats referral-seal writes, on RustCrypto's SHA compression
//! functions (`sha1`, `sha2`). The ciphers are in `referral-seal-cipher`
//! (AES-256, fixsliced: no lookup tables), re-exported here.
//!
//! A crate of its own so that it is always built for speed: referral-seal
//! builds for size, and generic code (the SIMD lanes) is compiled at the
//! optimisation level of the crate that instantiates it.
//!
//! * WinZip AES (zip): PBKDF2-HMAC-SHA1 with 1000 iterations gives the AES
//!   key, the HMAC key and a 2-byte password verifier; the content is
//!   encrypted with AES-256 in counter mode (a 128-bit little-endian counter
//!   starting at 1) and authenticated with HMAC-SHA1 truncated to 10 bytes
//!   (WinZip, "AES Encryption Information", <https://www.winzip.com/en/support/aes-encryption/>).
//! * 7zAES (7z): the key is SHA-256 over 2^19 repetitions of
//!   salt ‖ UTF-16LE password ‖ 64-bit little-endian counter; the content is
//!   AES-256-CBC, zero-padded to whole blocks (7-Zip, `CPP/7zip/Crypto/7zAes.cpp`).
//! * CRC-32 ([`crc32`]) for the 7z headers and entries.
//!
//! Both derivations are written against the bare compression functions so
//! that the per-round work is the compression function and nothing else: the
//! four PBKDF2 output blocks of a zip key are computed side by side in one
//! 4-lane SHA-1 (one `v128` in WebAssembly with SIMD), and the 7z rounds are
//! laid out in a buffer whose length is a whole number of SHA-256 blocks, so
//! only the counters change between calls.
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod crc32;

pub use referral_seal_cipher::{cbc_decrypt, cbc_encrypt, WinZipCtr};
use zeroize::{Zeroize, Zeroizing};

// ------------------------------------------------------------ SHA-1 --

const SHA1_INIT: [u32; 5] = [
    0x6745_2301,
    0xEFCD_AB89,
    0x98BA_DCFE,
    0x1032_5476,
    0xC3D2_E1F0,
];

fn sha1_compress(state: &mut [u32; 5], block: &[u8; 64]) {
    sha1::block_api::compress(state, std::slice::from_ref(block));
}

/// HMAC-SHA1 (RFC 2104), streaming. Holds key material: wiped on drop.
pub struct HmacSha1 {
    inner: [u32; 5],
    outer: [u32; 5],
    buf: [u8; 64],
    buf_len: usize,
    total: u64,
}

impl HmacSha1 {
    /// An HMAC-SHA1 keyed with `key` (any length).
    pub fn new(key: &[u8]) -> HmacSha1 {
        let (inner, outer) = hmac_sha1_states(key);
        HmacSha1 {
            inner,
            outer,
            buf: [0; 64],
            buf_len: 0,
            total: 64,
        }
    }

    /// Authenticates `data` too.
    pub fn update(&mut self, mut data: &[u8]) {
        self.total += data.len() as u64;
        if self.buf_len > 0 {
            let n = (64 - self.buf_len).min(data.len());
            self.buf[self.buf_len..self.buf_len + n].copy_from_slice(&data[..n]);
            self.buf_len += n;
            data = &data[n..];
            if self.buf_len < 64 {
                return;
            }
            sha1_compress(&mut self.inner, &self.buf);
            self.buf_len = 0;
        }
        let (blocks, rest) = data.as_chunks::<64>();
        if !blocks.is_empty() {
            sha1::block_api::compress(&mut self.inner, blocks);
        }
        self.buf[..rest.len()].copy_from_slice(rest);
        self.buf_len = rest.len();
    }

    /// The MAC of everything given to [`HmacSha1::update`].
    pub fn finish(mut self) -> [u8; 20] {
        let bits = self.total * 8;
        let mut state = self.inner;
        let mut block = [0u8; 64];
        block[..self.buf_len].copy_from_slice(&self.buf[..self.buf_len]);
        block[self.buf_len] = 0x80;
        if self.buf_len >= 56 {
            sha1_compress(&mut state, &block);
            block = [0u8; 64];
        }
        block[56..].copy_from_slice(&bits.to_be_bytes());
        sha1_compress(&mut state, &block);
        let mut digest = [0u8; 20];
        for (d, w) in digest.chunks_exact_mut(4).zip(state) {
            d.copy_from_slice(&w.to_be_bytes());
        }
        let mut outer = self.outer;
        let mut block = [0u8; 64];
        block[..20].copy_from_slice(&digest);
        block[20] = 0x80;
        block[56..].copy_from_slice(&((64u64 + 20) * 8).to_be_bytes());
        sha1_compress(&mut outer, &block);
        let mut mac = [0u8; 20];
        for (d, w) in mac.chunks_exact_mut(4).zip(outer) {
            d.copy_from_slice(&w.to_be_bytes());
        }
        state.zeroize();
        block.zeroize();
        self.buf.zeroize();
        mac
    }
}

impl Drop for HmacSha1 {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
        self.buf.zeroize();
    }
}

/// The SHA-1 states after the key XOR ipad and the key XOR opad blocks.
fn hmac_sha1_states(key: &[u8]) -> ([u32; 5], [u32; 5]) {
    let mut k = Zeroizing::new([0u8; 64]);
    if key.len() > 64 {
        let mut h = HmacLessSha1::new();
        h.update(key);
        k[..20].copy_from_slice(&h.finish());
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut pad = Zeroizing::new([0u8; 64]);
    let mut inner = SHA1_INIT;
    let mut outer = SHA1_INIT;
    for (p, b) in pad.iter_mut().zip(k.iter()) {
        *p = b ^ 0x36;
    }
    sha1_compress(&mut inner, &pad);
    for (p, b) in pad.iter_mut().zip(k.iter()) {
        *p = b ^ 0x5c;
    }
    sha1_compress(&mut outer, &pad);
    (inner, outer)
}

/// Plain SHA-1, only for HMAC keys longer than a block.
struct HmacLessSha1 {
    state: [u32; 5],
    data: Zeroizing<Vec<u8>>,
}

impl HmacLessSha1 {
    fn new() -> Self {
        HmacLessSha1 {
            state: SHA1_INIT,
            data: Zeroizing::new(Vec::new()),
        }
    }
    fn update(&mut self, d: &[u8]) {
        self.data.extend_from_slice(d);
    }
    fn finish(mut self) -> [u8; 20] {
        let bits = (self.data.len() as u64) * 8;
        self.data.push(0x80);
        while self.data.len() % 64 != 56 {
            self.data.push(0);
        }
        self.data.extend_from_slice(&bits.to_be_bytes());
        let (blocks, _) = self.data.as_chunks::<64>();
        sha1::block_api::compress(&mut self.state, blocks);
        let mut out = [0u8; 20];
        for (d, w) in out.chunks_exact_mut(4).zip(self.state) {
            d.copy_from_slice(&w.to_be_bytes());
        }
        out
    }
}

/// Four 32-bit lanes: one `v128` in WebAssembly with SIMD, an array
/// elsewhere (the tests run natively on the same code).
mod lanes {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    mod imp {
        use core::arch::wasm32::*;

        #[derive(Clone, Copy)]
        pub struct L(v128);

        impl L {
            #[inline(always)]
            pub fn splat(x: u32) -> L {
                L(u32x4_splat(x))
            }
            #[inline(always)]
            pub fn from_array(a: [u32; 4]) -> L {
                L(u32x4(a[0], a[1], a[2], a[3]))
            }
            #[inline(always)]
            pub fn to_array(self) -> [u32; 4] {
                [
                    u32x4_extract_lane::<0>(self.0),
                    u32x4_extract_lane::<1>(self.0),
                    u32x4_extract_lane::<2>(self.0),
                    u32x4_extract_lane::<3>(self.0),
                ]
            }
            #[inline(always)]
            pub fn add(self, o: L) -> L {
                L(u32x4_add(self.0, o.0))
            }
            #[inline(always)]
            pub fn xor(self, o: L) -> L {
                L(v128_xor(self.0, o.0))
            }
            /// Bits of `a` where `self` is 1, of `b` where it is 0.
            #[inline(always)]
            pub fn select(self, a: L, b: L) -> L {
                L(v128_bitselect(a.0, b.0, self.0))
            }
            #[inline(always)]
            pub fn rotl<const N: u32>(self) -> L {
                L(v128_or(u32x4_shl(self.0, N), u32x4_shr(self.0, 32 - N)))
            }
        }
    }

    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    mod imp {
        #[derive(Clone, Copy)]
        pub struct L([u32; 4]);

        impl L {
            #[inline(always)]
            fn map2(self, o: L, f: impl Fn(u32, u32) -> u32) -> L {
                L(std::array::from_fn(|i| f(self.0[i], o.0[i])))
            }
            #[inline(always)]
            pub fn splat(x: u32) -> L {
                L([x; 4])
            }
            #[inline(always)]
            pub fn from_array(a: [u32; 4]) -> L {
                L(a)
            }
            #[inline(always)]
            pub fn to_array(self) -> [u32; 4] {
                self.0
            }
            #[inline(always)]
            pub fn add(self, o: L) -> L {
                self.map2(o, u32::wrapping_add)
            }
            #[inline(always)]
            pub fn xor(self, o: L) -> L {
                self.map2(o, |a, b| a ^ b)
            }
            #[inline(always)]
            pub fn select(self, a: L, b: L) -> L {
                L(std::array::from_fn(|i| {
                    (a.0[i] & self.0[i]) | (b.0[i] & !self.0[i])
                }))
            }
            #[inline(always)]
            pub fn rotl<const N: u32>(self) -> L {
                L(self.0.map(|x| x.rotate_left(N)))
            }
        }
    }

    pub use imp::L;
}

use lanes::L;

/// `G` groups of four SHA-1 lanes: independent chains interleaved, so that
/// the processor has work while one round waits for the previous one.
#[derive(Clone, Copy)]
struct Group<const G: usize>([L; G]);

impl<const G: usize> Group<G> {
    #[inline(always)]
    fn splat(x: u32) -> Self {
        Group([L::splat(x); G])
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Group(std::array::from_fn(|g| self.0[g].add(o.0[g])))
    }
    #[inline(always)]
    fn xor(self, o: Self) -> Self {
        Group(std::array::from_fn(|g| self.0[g].xor(o.0[g])))
    }
    #[inline(always)]
    fn select(self, a: Self, b: Self) -> Self {
        Group(std::array::from_fn(|g| self.0[g].select(a.0[g], b.0[g])))
    }
    #[inline(always)]
    fn rotl<const N: u32>(self) -> Self {
        Group(std::array::from_fn(|g| self.0[g].rotl::<N>()))
    }
}

/// One SHA-1 round of the `R`th group of twenty (0: Ch, 1 and 3: parity,
/// 2: Maj), on the message word `w`.
#[inline(always)]
fn sha1_round<const G: usize, const R: usize>(s: &mut [Group<G>; 5], w: Group<G>) {
    let [a, b, c, d, e] = *s;
    let (f, k) = match R {
        // Ch(b, c, d) = b ? c : d
        0 => (b.select(c, d), 0x5A82_7999),
        // Maj(b, c, d): where b and c differ, d decides.
        2 => (b.xor(c).select(d, b), 0x8F1B_BCDC),
        1 => (b.xor(c).xor(d), 0x6ED9_EBA1),
        _ => (b.xor(c).xor(d), 0xCA62_C1D6),
    };
    let t = a.rotl::<5>().add(f).add(e).add(Group::splat(k)).add(w);
    *s = [t, a, b.rotl::<30>(), c, d];
}

/// SHA-1 compression of one block per lane, for blocks that hold a
/// 20-byte message after a 64-byte HMAC key block (HMAC of a SHA-1
/// digest): words 0–4 the message, then fixed padding for 84 bytes.
#[inline(always)]
fn sha1_lanes_20<const G: usize>(state: &mut [Group<G>; 5], msg: &[Group<G>; 5]) {
    let zero = Group::splat(0);
    let mut w = [zero; 16];
    w[..5].copy_from_slice(msg);
    w[5] = Group::splat(0x8000_0000);
    w[15] = Group::splat((64 + 20) * 8);
    let mut s = *state;
    macro_rules! rounds {
        ($r:literal, $from:literal) => {
            for t in $from..$from + 20 {
                let wt = if t < 16 {
                    w[t]
                } else {
                    let x = w[(t + 13) & 15]
                        .xor(w[(t + 8) & 15])
                        .xor(w[(t + 2) & 15])
                        .xor(w[t & 15])
                        .rotl::<1>();
                    w[t & 15] = x;
                    x
                };
                sha1_round::<G, $r>(&mut s, wt);
            }
        };
    }
    rounds!(0, 0);
    rounds!(1, 20);
    rounds!(2, 40);
    rounds!(3, 60);
    for (x, y) in state.iter_mut().zip(s) {
        *x = x.add(y);
    }
}

/// Bytes WinZip AES-256 derives: AES key, HMAC key, password verifier.
pub const WINZIP_DERIVED: usize = 32 + 32 + 2;

/// PBKDF2-HMAC-SHA1 (RFC 8018) with 1000 iterations and 66 bytes of
/// output, as WinZip AES-256 uses it, for every salt at once: the four
/// output blocks of a key run in the four lanes of one SHA-1, and up to
/// three keys side by side.
pub fn winzip_derive_all(
    password: &[u8],
    salts: &[[u8; 16]],
) -> Vec<Zeroizing<[u8; WINZIP_DERIVED]>> {
    let mut out = Vec::with_capacity(salts.len());
    let mut rest = salts;
    while !rest.is_empty() {
        let n = rest.len().min(2);
        let (now, later) = rest.split_at(n);
        match now {
            [a] => out.push(pbkdf2_hmac_sha1_4blocks::<1>(password, &[a], 1000).remove(0)),
            [a, b] => out.extend(pbkdf2_hmac_sha1_4blocks::<2>(password, &[a, b], 1000)),
            [a, b, c] => out.extend(pbkdf2_hmac_sha1_4blocks::<3>(password, &[a, b, c], 1000)),
            _ => {}
        }
        rest = later;
    }
    out
}

/// [`winzip_derive_all`] for one salt.
pub fn winzip_derive(password: &[u8], salt: &[u8; 16]) -> Zeroizing<[u8; WINZIP_DERIVED]> {
    pbkdf2_hmac_sha1_4blocks::<1>(password, &[salt], 1000).remove(0)
}

/// PBKDF2-HMAC-SHA1 with four 20-byte output blocks for each of `G` salts.
fn pbkdf2_hmac_sha1_4blocks<const G: usize>(
    password: &[u8],
    salts: &[&[u8]; G],
    iterations: u32,
) -> Vec<Zeroizing<[u8; WINZIP_DERIVED]>> {
    let (inner, outer) = hmac_sha1_states(password);
    // U1 = HMAC(P, S ‖ INT(j)) for block j = 1..4 of each salt, with the
    // streaming HMAC; lane j - 1 of group g holds block j of salt g.
    let mut first = Zeroizing::new([[[0u32; 4]; 5]; G]);
    for (g, salt) in salts.iter().enumerate() {
        for j in 0..4 {
            let mut h = HmacSha1 {
                inner,
                outer,
                buf: [0; 64],
                buf_len: 0,
                total: 64,
            };
            h.update(salt);
            h.update(&(j as u32 + 1).to_be_bytes());
            let d = Zeroizing::new(h.finish());
            for (k, word) in d.chunks_exact(4).enumerate() {
                first[g][k][j] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
            }
        }
    }
    let mut u: [Group<G>; 5] =
        std::array::from_fn(|k| Group(std::array::from_fn(|g| L::from_array(first[g][k]))));
    let mut t = u;
    let inner_l: [Group<G>; 5] = std::array::from_fn(|k| Group::splat(inner[k]));
    let outer_l: [Group<G>; 5] = std::array::from_fn(|k| Group::splat(outer[k]));
    for _ in 1..iterations {
        let mut s = inner_l;
        sha1_lanes_20(&mut s, &u);
        let mut o = outer_l;
        sha1_lanes_20(&mut o, &s);
        u = o;
        for (tk, uk) in t.iter_mut().zip(u.iter()) {
            *tk = tk.xor(*uk);
        }
    }
    let mut words = Zeroizing::new([[[0u32; 4]; 5]; G]);
    for k in 0..5 {
        for g in 0..G {
            words[g][k] = t[k].0[g].to_array();
        }
    }
    (0..G)
        .map(|g| {
            let mut out = Zeroizing::new([0u8; WINZIP_DERIVED]);
            for (n, byte) in out.iter_mut().enumerate() {
                let (block, at) = (n / 20, n % 20);
                *byte = words[g][at / 4][block].to_be_bytes()[at % 4];
            }
            out
        })
        .collect()
}

// ----------------------------------------------------------- 7zAES --

/// The key of 7zAES: SHA-256 over `2^cycles_power` repetitions of
/// salt ‖ password (UTF-16LE) ‖ counter (u64, little-endian).
pub fn sevenz_derive(password_utf16: &[u8], salt: &[u8], cycles_power: u8) -> Zeroizing<[u8; 32]> {
    let round_len = salt.len() + password_utf16.len() + 8;
    // Rounds per buffer so that the buffer is a whole number of blocks:
    // 64 / gcd(round_len, 64), a power of two no larger than 64.
    let per_buffer = 64 / gcd(round_len, 64);
    let mut buf = Zeroizing::new(vec![0u8; round_len * per_buffer]);
    for r in 0..per_buffer {
        let at = r * round_len;
        buf[at..at + salt.len()].copy_from_slice(salt);
        buf[at + salt.len()..at + salt.len() + password_utf16.len()]
            .copy_from_slice(password_utf16);
    }
    let rounds: u64 = 1u64 << cycles_power.min(63);
    let mut state: [u32; 8] = [
        0x6a09_e667,
        0xbb67_ae85,
        0x3c6e_f372,
        0xa54f_f53a,
        0x510e_527f,
        0x9b05_688c,
        0x1f83_d9ab,
        0x5be0_cd19,
    ];
    let counter_at = salt.len() + password_utf16.len();
    let mut done: u64 = 0;
    let full_buffers = rounds / per_buffer as u64;
    for _ in 0..full_buffers {
        for r in 0..per_buffer {
            let at = r * round_len + counter_at;
            buf[at..at + 8].copy_from_slice(&(done + r as u64).to_le_bytes());
        }
        let (blocks, _) = buf.as_chunks::<64>();
        sha2::block_api::compress256(&mut state, blocks);
        done += per_buffer as u64;
    }
    // The tail (fewer rounds than a buffer holds, only for small powers),
    // then SHA-256 padding.
    let mut tail = Zeroizing::new(Vec::with_capacity(round_len * per_buffer + 72));
    while done < rounds {
        tail.extend_from_slice(salt);
        tail.extend_from_slice(password_utf16);
        tail.extend_from_slice(&done.to_le_bytes());
        done += 1;
    }
    let bits = rounds.wrapping_mul(round_len as u64).wrapping_mul(8);
    tail.push(0x80);
    while tail.len() % 64 != 56 {
        tail.push(0);
    }
    tail.extend_from_slice(&bits.to_be_bytes());
    let (blocks, _) = tail.as_chunks::<64>();
    sha2::block_api::compress256(&mut state, blocks);
    let mut key = Zeroizing::new([0u8; 32]);
    for (k, w) in key.chunks_exact_mut(4).zip(state) {
        k.copy_from_slice(&w.to_be_bytes());
    }
    state.zeroize();
    key
}

fn gcd(mut a: usize, mut b: usize) -> usize {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
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

    /// RFC 2202, section 3 (HMAC-SHA-1 test cases 1, 2, 3, 6 and 7).
    #[test]
    fn hmac_sha1_rfc2202() {
        let cases: [(Vec<u8>, Vec<u8>, &str); 5] = [
            (
                vec![0x0b; 20],
                b"Hi There".to_vec(),
                "b617318655057264e28bc0b6fb378c8ef146be00",
            ),
            (
                b"Jefe".to_vec(),
                b"what do ya want for nothing?".to_vec(),
                "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
            ),
            (
                vec![0xaa; 20],
                vec![0xdd; 50],
                "125d7342b9ac11cd91a39af48aa17b4f63f175d3",
            ),
            (
                vec![0xaa; 80],
                b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
                "aa4ae5e15272d00e95705637ce8a3b55ed402112",
            ),
            (
                vec![0xaa; 80],
                b"Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"
                    .to_vec(),
                "e8e99d0f45237d786d6bbaa7965c7808bbff1a91",
            ),
        ];
        for (key, data, want) in &cases {
            let mut h = HmacSha1::new(key);
            h.update(data);
            assert_eq!(h.finish().to_vec(), hex(want));
            // Fed byte by byte and in odd pieces: the same MAC.
            let mut h = HmacSha1::new(key);
            for piece in data.chunks(7) {
                h.update(piece);
            }
            assert_eq!(h.finish().to_vec(), hex(want));
        }
    }

    /// RFC 6070 (PBKDF2-HMAC-SHA1): the first 20 bytes of our 4-block
    /// output are the 20-byte test vectors.
    #[test]
    fn pbkdf2_rfc6070() {
        let cases: [(&[u8], &[u8], u32, &str); 3] = [
            (
                b"password",
                b"salt",
                1,
                "0c60c80f961f0e71f3a9b524af6012062fe037a6",
            ),
            (
                b"password",
                b"salt",
                2,
                "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
            ),
            (
                b"password",
                b"salt",
                4096,
                "4b007901b765489abead49d926f721d065a429c1",
            ),
        ];
        for (p, s, c, want) in cases {
            let out = pbkdf2_hmac_sha1_4blocks::<1>(p, &[s], c).remove(0);
            assert_eq!(out[..20].to_vec(), hex(want), "c = {c}");
        }
        // RFC 6070's 25-byte vector covers the second block too.
        let out = pbkdf2_hmac_sha1_4blocks::<1>(
            b"passwordPASSWORDpassword",
            &[b"saltSALTsaltSALTsaltSALTsaltSALTsalt"],
            4096,
        )
        .remove(0);
        assert_eq!(
            out[..25].to_vec(),
            hex("3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038")
        );
    }

    /// All four output blocks (66 bytes, as WinZip AES-256 uses them), with
    /// a password longer than a SHA-1 block too; expected values computed
    /// with Python's `hashlib.pbkdf2_hmac("sha1", password, salt, 1000, 66)`.
    #[test]
    fn pbkdf2_all_four_blocks() {
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
            assert_eq!(winzip_derive(password, &salt).to_vec(), hex(want));
        }
    }

    /// Several salts at once (in groups of up to three) give what one at a
    /// time gives.
    #[test]
    fn pbkdf2_many_salts_at_once() {
        let salts: Vec<[u8; 16]> = (0u8..7).map(|i| [i.wrapping_mul(37); 16]).collect();
        for n in 0..=salts.len() {
            let all = winzip_derive_all(b"kotu-mepa-ribe-noza-veki-suta", &salts[..n]);
            assert_eq!(all.len(), n);
            for (got, salt) in all.iter().zip(&salts) {
                assert_eq!(
                    **got,
                    *winzip_derive(b"kotu-mepa-ribe-noza-veki-suta", salt)
                );
            }
        }
    }

    /// 7zAES key derivation against a direct transcription of 7-Zip's loop
    /// (`CKeyInfo::CalcKey`), for password lengths whose rounds fill the
    /// buffer differently and for small and real cycle powers.
    #[test]
    fn sevenz_derive_matches_the_reference_loop() {
        use sha2::Digest;
        fn reference(pw: &[u8], salt: &[u8], power: u8) -> [u8; 32] {
            let mut sha = sha2::Sha256::new();
            let mut counter = [0u8; 8];
            for _ in 0..(1u64 << power) {
                sha.update(salt);
                sha.update(pw);
                sha.update(counter);
                for c in counter.iter_mut() {
                    *c = c.wrapping_add(1);
                    if *c != 0 {
                        break;
                    }
                }
            }
            sha.finalize().into()
        }
        let salt: Vec<u8> = (1u8..=16).collect();
        for pw in [
            "a",
            "kotu-mepa-ribe-noza-veki-suta",
            "Gr0en!e \"Zee\" #42",
            "abcdefghijklmnopqrstuvwxyzABCDEF",
        ] {
            let utf16: Vec<u8> = pw.encode_utf16().flat_map(u16::to_le_bytes).collect();
            for power in [0u8, 1, 3, 6, 10] {
                for s in [&salt[..], &[][..]] {
                    assert_eq!(
                        *sevenz_derive(&utf16, s, power),
                        reference(&utf16, s, power),
                        "{pw:?} power {power} salt {}",
                        s.len()
                    );
                }
            }
        }
    }
}
