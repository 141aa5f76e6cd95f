//! AES-256 encryption, fixsliced, eight blocks at a time in WebAssembly
//! SIMD: the counter-mode keystream of WinZip AES.
//!
//! Adapted from the `aes` crate (RustCrypto, MIT or Apache-2.0; Copyright
//! (c) 2018-2024 The RustCrypto Project Developers, Copyright (c) 2018
//! Artyom Pavlov), `src/backends/fixslice`, itself adapted from the C
//! implementation of Alexandre Adomnicai ("Fixslicing AES-like Ciphers",
//! <https://eprint.iacr.org/2020/1123.pdf>): fully bitsliced, no lookup
//! tables, constant time. The crate keeps four blocks in `u64` words on
//! WebAssembly; here a word is a `v128` holding two such `u64` lanes, so one
//! pass of the same gates encrypts eight blocks. Only what counter mode
//! needs is here (key schedule and encryption); decryption and single
//! blocks (CBC) stay with the crate, and the tests compare both for random
//! keys and blocks.

use core::ops::{BitAnd, BitOr, BitXor, Not, Shl, Shr};
use zeroize::Zeroize;

/// The operations the fixsliced rounds need from a word.
trait Word:
    Copy
    + Default
    + BitAnd<Output = Self>
    + BitOr<Output = Self>
    + BitXor<Output = Self>
    + Not<Output = Self>
    + Shl<u32, Output = Self>
    + Shr<u32, Output = Self>
{
    /// Rotate each 64-bit lane right by `n` bits.
    fn ror(self, n: u32) -> Self;
    fn from_u64(x: u64) -> Self;

    #[inline(always)]
    fn and(self, o: Self) -> Self {
        self & o
    }
    #[inline(always)]
    fn or(self, o: Self) -> Self {
        self | o
    }
    #[inline(always)]
    fn xor(self, o: Self) -> Self {
        self ^ o
    }
}

// The layout of a 64-bit lane: four blocks, 16-bit rows.
const ROW_BITS: u32 = 16;
const HALF_ROW: u32 = ROW_BITS / 2;
const QUARTER_ROW: u32 = ROW_BITS / 4;

const fn ror_distance(rows: u32, cols: u32) -> u32 {
    rows * ROW_BITS + cols * QUARTER_ROW
}

/// Each bit of a 16-bit pattern repeated four times (16 → 64 bits).
const fn quad_bits_16_to_64(b: u16) -> u64 {
    let x = b as u64;
    let x = (x | (x << 24)) & 0x000000FF000000FF;
    let x = (x | (x << 12)) & 0x000F000F000F000F;
    let x = (x | (x << 6)) & 0x0303030303030303;
    let x = (x | (x << 3)) & 0x1111111111111111;
    x | (x << 1) | (x << 2) | (x << 3)
}

const fn uniform_row(b: u8) -> u64 {
    quad_bits_16_to_64(b as u16) * 0x0001_0001_0001_0001
}

const fn pack_rows(r0: u8, r1: u8, r2: u8, r3: u8) -> u64 {
    quad_bits_16_to_64(r0 as u16)
        | (quad_bits_16_to_64(r1 as u16) << 16)
        | (quad_bits_16_to_64(r2 as u16) << 32)
        | (quad_bits_16_to_64(r3 as u16) << 48)
}

const fn byte_repeat(b: u8) -> u64 {
    (b as u64) * 0x0101010101010101
}

impl Word for u64 {
    #[inline(always)]
    fn ror(self, n: u32) -> Self {
        self.rotate_right(n)
    }
    #[inline(always)]
    fn from_u64(x: u64) -> Self {
        x
    }
}

/// The bitwise operators of a two-lane word, from a function per lane pair.
macro_rules! lane_ops {
    ($t:ty, $and:expr, $or:expr, $xor:expr, $not:expr, $shl:expr, $shr:expr) => {
        impl core::ops::BitAnd for $t {
            type Output = $t;
            #[inline(always)]
            fn bitand(self, o: $t) -> $t {
                $and(self, o)
            }
        }
        impl core::ops::BitOr for $t {
            type Output = $t;
            #[inline(always)]
            fn bitor(self, o: $t) -> $t {
                $or(self, o)
            }
        }
        impl core::ops::BitXor for $t {
            type Output = $t;
            #[inline(always)]
            fn bitxor(self, o: $t) -> $t {
                $xor(self, o)
            }
        }
        impl core::ops::Not for $t {
            type Output = $t;
            #[inline(always)]
            fn not(self) -> $t {
                $not(self)
            }
        }
        impl core::ops::Shl<u32> for $t {
            type Output = $t;
            #[inline(always)]
            fn shl(self, n: u32) -> $t {
                $shl(self, n)
            }
        }
        impl core::ops::Shr<u32> for $t {
            type Output = $t;
            #[inline(always)]
            fn shr(self, n: u32) -> $t {
                $shr(self, n)
            }
        }
    };
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wide {
    use core::arch::wasm32::*;

    /// Two 64-bit lanes: eight blocks.
    #[derive(Clone, Copy)]
    pub(super) struct W2(v128);

    impl Default for W2 {
        fn default() -> Self {
            W2(u64x2_splat(0))
        }
    }

    impl W2 {
        #[inline(always)]
        pub(super) fn from_lanes(a: u64, b: u64) -> W2 {
            W2(u64x2(a, b))
        }
        #[inline(always)]
        pub(super) fn lanes(self) -> (u64, u64) {
            (
                u64x2_extract_lane::<0>(self.0),
                u64x2_extract_lane::<1>(self.0),
            )
        }
    }

    lane_ops!(
        W2,
        |a: W2, b: W2| W2(v128_and(a.0, b.0)),
        |a: W2, b: W2| W2(v128_or(a.0, b.0)),
        |a: W2, b: W2| W2(v128_xor(a.0, b.0)),
        |a: W2| W2(v128_not(a.0)),
        |a: W2, n: u32| W2(u64x2_shl(a.0, n)),
        |a: W2, n: u32| W2(u64x2_shr(a.0, n))
    );

    impl super::Word for W2 {
        #[inline(always)]
        fn ror(self, n: u32) -> Self {
            W2(v128_or(u64x2_shr(self.0, n), u64x2_shl(self.0, 64 - n)))
        }
        #[inline(always)]
        fn from_u64(x: u64) -> Self {
            W2(u64x2_splat(x))
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod wide {
    /// Two 64-bit lanes: eight blocks.
    #[derive(Clone, Copy, Default)]
    pub(super) struct W2([u64; 2]);

    impl W2 {
        #[inline(always)]
        pub(super) fn from_lanes(a: u64, b: u64) -> W2 {
            W2([a, b])
        }
        #[inline(always)]
        pub(super) fn lanes(self) -> (u64, u64) {
            (self.0[0], self.0[1])
        }
        #[inline(always)]
        fn map(self, o: Self, f: impl Fn(u64, u64) -> u64) -> Self {
            W2([f(self.0[0], o.0[0]), f(self.0[1], o.0[1])])
        }
    }

    lane_ops!(
        W2,
        |a: W2, b: W2| a.map(b, |x, y| x & y),
        |a: W2, b: W2| a.map(b, |x, y| x | y),
        |a: W2, b: W2| a.map(b, |x, y| x ^ y),
        |a: W2| W2([!a.0[0], !a.0[1]]),
        |a: W2, n: u32| W2([a.0[0] << n, a.0[1] << n]),
        |a: W2, n: u32| W2([a.0[0] >> n, a.0[1] >> n])
    );

    impl super::Word for W2 {
        #[inline(always)]
        fn ror(self, n: u32) -> Self {
            W2([self.0[0].rotate_right(n), self.0[1].rotate_right(n)])
        }
        #[inline(always)]
        fn from_u64(x: u64) -> Self {
            W2([x, x])
        }
    }
}

use wide::W2;

type State<W> = [W; 8];

// ------------------------------------------------------------- bitslicing --

#[inline(always)]
fn delta_swap_1<W: Word>(a: &mut W, shift: u32, mask: u64) {
    let t = a.xor(*a >> shift).and(W::from_u64(mask));
    *a = a.xor(t.xor(t << shift));
}

#[inline(always)]
fn delta_swap_2<W: Word>(a: &mut W, b: &mut W, shift: u32, mask: u64) {
    let t = a.xor(*b >> shift).and(W::from_u64(mask));
    *a = a.xor(t);
    *b = b.xor(t << shift);
}

/// The delta swaps that turn four blocks into bitsliced rows and back.
#[inline(always)]
fn bitslice_swaps(t: &mut [u64; 8]) {
    let [t0, t1, t2, t3, t4, t5, t6, t7] = t;
    let m0 = byte_repeat(0x55);
    delta_swap_2(t1, t0, 1, m0);
    delta_swap_2(t3, t2, 1, m0);
    delta_swap_2(t5, t4, 1, m0);
    delta_swap_2(t7, t6, 1, m0);
    let m1 = byte_repeat(0x33);
    delta_swap_2(t2, t0, 2, m1);
    delta_swap_2(t3, t1, 2, m1);
    delta_swap_2(t6, t4, 2, m1);
    delta_swap_2(t7, t5, 2, m1);
    let m2 = byte_repeat(0x0f);
    delta_swap_2(t4, t0, 4, m2);
    delta_swap_2(t5, t1, 4, m2);
    delta_swap_2(t6, t2, 4, m2);
    delta_swap_2(t7, t3, 4, m2);
}

#[rustfmt::skip]
fn read_reordered(input: &[u8]) -> u64 {
    u64::from(input[0x0])
        | (u64::from(input[0x1]) << 0x10)
        | (u64::from(input[0x2]) << 0x20)
        | (u64::from(input[0x3]) << 0x30)
        | (u64::from(input[0x8]) << 0x08)
        | (u64::from(input[0x9]) << 0x18)
        | (u64::from(input[0xa]) << 0x28)
        | (u64::from(input[0xb]) << 0x38)
}

#[rustfmt::skip]
fn write_reordered(columns: u64, output: &mut [u8]) {
    output[0x0] = columns as u8;
    output[0x1] = (columns >> 0x10) as u8;
    output[0x2] = (columns >> 0x20) as u8;
    output[0x3] = (columns >> 0x30) as u8;
    output[0x8] = (columns >> 0x08) as u8;
    output[0x9] = (columns >> 0x18) as u8;
    output[0xa] = (columns >> 0x28) as u8;
    output[0xb] = (columns >> 0x38) as u8;
}

/// Four blocks into eight bitsliced `u64` rows.
fn bitslice4(blocks: &[[u8; 16]]) -> [u64; 8] {
    let mut t = [
        read_reordered(&blocks[0][0x00..0x0c]),
        read_reordered(&blocks[1][0x00..0x0c]),
        read_reordered(&blocks[2][0x00..0x0c]),
        read_reordered(&blocks[3][0x00..0x0c]),
        read_reordered(&blocks[0][0x04..0x10]),
        read_reordered(&blocks[1][0x04..0x10]),
        read_reordered(&blocks[2][0x04..0x10]),
        read_reordered(&blocks[3][0x04..0x10]),
    ];
    bitslice_swaps(&mut t);
    t
}

/// Eight bitsliced `u64` rows into four blocks.
fn inv_bitslice4(mut t: [u64; 8], blocks: &mut [[u8; 16]]) {
    bitslice_swaps(&mut t);
    write_reordered(t[0], &mut blocks[0][0x00..0x0c]);
    write_reordered(t[4], &mut blocks[0][0x04..0x10]);
    write_reordered(t[1], &mut blocks[1][0x00..0x0c]);
    write_reordered(t[5], &mut blocks[1][0x04..0x10]);
    write_reordered(t[2], &mut blocks[2][0x00..0x0c]);
    write_reordered(t[6], &mut blocks[2][0x04..0x10]);
    write_reordered(t[3], &mut blocks[3][0x00..0x0c]);
    write_reordered(t[7], &mut blocks[3][0x04..0x10]);
}

// ------------------------------------------------------------------ rounds --

/// The AES S-box on bitsliced rows: the Boyar-Peralta circuit (113 gates),
/// without its four NOTs (see `sub_bytes_nots`).
#[inline(always)]
fn sub_bytes<W: Word>(state: &mut [W]) {
    let u7 = state[0];
    let u6 = state[1];
    let u5 = state[2];
    let u4 = state[3];
    let u3 = state[4];
    let u2 = state[5];
    let u1 = state[6];
    let u0 = state[7];

    let y14 = u3 ^ u5;
    let y13 = u0 ^ u6;
    let y12 = y13 ^ y14;
    let t1 = u4 ^ y12;
    let y15 = t1 ^ u5;
    let t2 = y12 & y15;
    let y6 = y15 ^ u7;
    let y20 = t1 ^ u1;
    let y9 = u0 ^ u3;
    let y11 = y20 ^ y9;
    let t12 = y9 & y11;
    let y7 = u7 ^ y11;
    let y8 = u0 ^ u5;
    let t0 = u1 ^ u2;
    let y10 = y15 ^ t0;
    let y17 = y10 ^ y11;
    let t13 = y14 & y17;
    let t14 = t13 ^ t12;
    let y19 = y10 ^ y8;
    let t15 = y8 & y10;
    let t16 = t15 ^ t12;
    let y16 = t0 ^ y11;
    let y21 = y13 ^ y16;
    let t7 = y13 & y16;
    let y18 = u0 ^ y16;
    let y1 = t0 ^ u7;
    let y4 = y1 ^ u3;
    let t5 = y4 & u7;
    let t6 = t5 ^ t2;
    let t18 = t6 ^ t16;
    let t22 = t18 ^ y19;
    let y2 = y1 ^ u0;
    let t10 = y2 & y7;
    let t11 = t10 ^ t7;
    let t20 = t11 ^ t16;
    let t24 = t20 ^ y18;
    let y5 = y1 ^ u6;
    let t8 = y5 & y1;
    let t9 = t8 ^ t7;
    let t19 = t9 ^ t14;
    let t23 = t19 ^ y21;
    let y3 = y5 ^ y8;
    let t3 = y3 & y6;
    let t4 = t3 ^ t2;
    let t17 = t4 ^ y20;
    let t21 = t17 ^ t14;
    let t26 = t21 & t23;
    let t27 = t24 ^ t26;
    let t31 = t22 ^ t26;
    let t25 = t21 ^ t22;
    let t28 = t25 & t27;
    let t29 = t28 ^ t22;
    let z14 = t29 & y2;
    let z5 = t29 & y7;
    let t30 = t23 ^ t24;
    let t32 = t31 & t30;
    let t33 = t32 ^ t24;
    let t35 = t27 ^ t33;
    let t36 = t24 & t35;
    let t38 = t27 ^ t36;
    let t39 = t29 & t38;
    let t40 = t25 ^ t39;
    let t43 = t29 ^ t40;
    let z3 = t43 & y16;
    let tc12 = z3 ^ z5;
    let z12 = t43 & y13;
    let z13 = t40 & y5;
    let z4 = t40 & y1;
    let tc6 = z3 ^ z4;
    let t34 = t23 ^ t33;
    let t37 = t36 ^ t34;
    let t41 = t40 ^ t37;
    let z8 = t41 & y10;
    let z17 = t41 & y8;
    let t44 = t33 ^ t37;
    let z0 = t44 & y15;
    let z9 = t44 & y12;
    let z10 = t37 & y3;
    let z1 = t37 & y6;
    let tc5 = z1 ^ z0;
    let tc11 = tc6 ^ tc5;
    let z11 = t33 & y4;
    let t42 = t29 ^ t33;
    let t45 = t42 ^ t41;
    let z7 = t45 & y17;
    let tc8 = z7 ^ tc6;
    let z16 = t45 & y14;
    let z6 = t42 & y11;
    let tc16 = z6 ^ tc8;
    let z15 = t42 & y9;
    let tc20 = z15 ^ tc16;
    let tc1 = z15 ^ z16;
    let tc2 = z10 ^ tc1;
    let tc21 = tc2 ^ z11;
    let tc3 = z9 ^ tc2;
    let s0 = tc3 ^ tc16;
    let s3 = tc3 ^ tc11;
    let s1 = s3 ^ tc16;
    let tc13 = z13 ^ tc1;
    let z2 = t33 & u7;
    let tc4 = z0 ^ z2;
    let tc7 = z12 ^ tc4;
    let tc9 = z8 ^ tc7;
    let tc10 = tc8 ^ tc9;
    let tc17 = z14 ^ tc10;
    let s5 = tc21 ^ tc17;
    let tc26 = tc17 ^ tc20;
    let s2 = tc26 ^ z17;
    let tc14 = tc4 ^ tc12;
    let tc18 = tc13 ^ tc14;
    let s6 = tc10 ^ tc18;
    let s7 = z12 ^ tc18;
    let s4 = tc14 ^ s3;

    state[0] = s7;
    state[1] = s6;
    state[2] = s5;
    state[3] = s4;
    state[4] = s3;
    state[5] = s2;
    state[6] = s1;
    state[7] = s0;
}

/// The NOTs the S-box circuit leaves out (folded into the round keys).
#[inline(always)]
fn sub_bytes_nots<W: Word>(state: &mut [W]) {
    state[0] = !state[0];
    state[1] = !state[1];
    state[5] = !state[5];
    state[6] = !state[6];
}

macro_rules! define_mix_columns {
    ($name:ident, $first_rotate:path, $second_rotate:path) => {
        #[rustfmt::skip]
        #[inline(always)]
        fn $name<W: Word>(state: &mut State<W>) {
            let a = *state;
            let b: [W; 8] = [
                $first_rotate(a[0]), $first_rotate(a[1]), $first_rotate(a[2]), $first_rotate(a[3]),
                $first_rotate(a[4]), $first_rotate(a[5]), $first_rotate(a[6]), $first_rotate(a[7]),
            ];
            let c: [W; 8] = [
                a[0].xor(b[0]), a[1].xor(b[1]), a[2].xor(b[2]), a[3].xor(b[3]),
                a[4].xor(b[4]), a[5].xor(b[5]), a[6].xor(b[6]), a[7].xor(b[7]),
            ];
            state[0] = b[0].xor(c[7]).xor($second_rotate(c[0]));
            state[1] = b[1].xor(c[0]).xor(c[7]).xor($second_rotate(c[1]));
            state[2] = b[2].xor(c[1]).xor($second_rotate(c[2]));
            state[3] = b[3].xor(c[2]).xor(c[7]).xor($second_rotate(c[3]));
            state[4] = b[4].xor(c[3]).xor(c[7]).xor($second_rotate(c[4]));
            state[5] = b[5].xor(c[4]).xor($second_rotate(c[5]));
            state[6] = b[6].xor(c[5]).xor($second_rotate(c[6]));
            state[7] = b[7].xor(c[6]).xor($second_rotate(c[7]));
        }
    };
}

define_mix_columns!(mix_columns_0, rotate_rows_1, rotate_rows_2);
define_mix_columns!(
    mix_columns_1,
    rotate_rows_and_columns_1_1,
    rotate_rows_and_columns_2_2
);
define_mix_columns!(mix_columns_2, rotate_rows_and_columns_1_2, rotate_rows_2);
define_mix_columns!(
    mix_columns_3,
    rotate_rows_and_columns_1_3,
    rotate_rows_and_columns_2_2
);

#[inline(always)]
fn rotate_rows_1<W: Word>(x: W) -> W {
    x.ror(ror_distance(1, 0))
}

#[inline(always)]
fn rotate_rows_2<W: Word>(x: W) -> W {
    x.ror(ror_distance(2, 0))
}

#[inline(always)]
fn rotate_rows_and_columns_1_1<W: Word>(x: W) -> W {
    let a = x.ror(ror_distance(1, 1)).and(W::from_u64(uniform_row(0x7)));
    let b = x.ror(ror_distance(0, 1)).and(W::from_u64(uniform_row(0x8)));
    a.or(b)
}

#[inline(always)]
fn rotate_rows_and_columns_1_2<W: Word>(x: W) -> W {
    let a = x.ror(ror_distance(1, 2)).and(W::from_u64(uniform_row(0x3)));
    let b = x.ror(ror_distance(0, 2)).and(W::from_u64(uniform_row(0xc)));
    a.or(b)
}

#[inline(always)]
fn rotate_rows_and_columns_1_3<W: Word>(x: W) -> W {
    let a = x.ror(ror_distance(1, 3)).and(W::from_u64(uniform_row(0x1)));
    let b = x.ror(ror_distance(0, 3)).and(W::from_u64(uniform_row(0xe)));
    a.or(b)
}

#[inline(always)]
fn rotate_rows_and_columns_2_2<W: Word>(x: W) -> W {
    let a = x.ror(ror_distance(2, 2)).and(W::from_u64(uniform_row(0x3)));
    let b = x.ror(ror_distance(1, 2)).and(W::from_u64(uniform_row(0xc)));
    a.or(b)
}

#[inline(always)]
fn shift_rows_1<W: Word>(state: &mut [W]) {
    for x in state.iter_mut() {
        delta_swap_1(x, HALF_ROW, pack_rows(0x0, 0x1, 0x3, 0x2));
        delta_swap_1(x, QUARTER_ROW, pack_rows(0x0, 0x5, 0x0, 0x5));
    }
}

#[inline(always)]
fn shift_rows_2<W: Word>(state: &mut [W]) {
    for x in state.iter_mut() {
        delta_swap_1(x, HALF_ROW, pack_rows(0x0, 0x3, 0x0, 0x3));
    }
}

#[inline(always)]
fn shift_rows_3<W: Word>(state: &mut [W]) {
    for x in state.iter_mut() {
        delta_swap_1(x, HALF_ROW, pack_rows(0x0, 0x2, 0x3, 0x1));
        delta_swap_1(x, QUARTER_ROW, pack_rows(0x0, 0x5, 0x0, 0x5));
    }
}

#[inline(always)]
fn add_round_key<W: Word>(state: &mut State<W>, rkey: &[W]) {
    for (a, b) in state.iter_mut().zip(rkey) {
        *a = a.xor(*b);
    }
}

fn xor_columns(rkeys: &mut [u64], offset: usize, idx_xor: usize, idx_ror: u32) {
    for i in 0..8 {
        let off_i = offset + i;
        let rk = rkeys[off_i - idx_xor] ^ (uniform_row(0x1) & rkeys[off_i].rotate_right(idx_ror));
        rkeys[off_i] = rk
            ^ (uniform_row(0xe) & (rk << QUARTER_ROW))
            ^ (uniform_row(0xc) & (rk << HALF_ROW))
            ^ (uniform_row(0x8) & (rk << (3 * QUARTER_ROW)));
    }
}

fn memshift32(buffer: &mut [u64], src_offset: usize) {
    let dst_offset = src_offset + 8;
    for i in (0..8).rev() {
        buffer[dst_offset + i] = buffer[src_offset + i];
    }
}

/// AES-256 round keys, fixsliced, for eight blocks at once. Wiped on drop.
pub struct Aes256x8 {
    rkeys: [W2; 120],
}

impl Aes256x8 {
    /// The fully bitsliced AES-256 key schedule, in the fixsliced
    /// representation the rounds expect.
    pub fn new(key: &[u8; 32]) -> Aes256x8 {
        let mut rkeys = [0u64; 120];
        let mut k = [[0u8; 16]; 4];
        for b in k.iter_mut() {
            b.copy_from_slice(&key[..16]);
        }
        rkeys[..8].copy_from_slice(&bitslice4(&k));
        for b in k.iter_mut() {
            b.copy_from_slice(&key[16..]);
        }
        rkeys[8..16].copy_from_slice(&bitslice4(&k));
        k.zeroize();

        let mut rk_off = 8;
        let mut rcon = 0;
        loop {
            memshift32(&mut rkeys, rk_off);
            rk_off += 8;
            sub_bytes(&mut rkeys[rk_off..(rk_off + 8)]);
            sub_bytes_nots(&mut rkeys[rk_off..(rk_off + 8)]);
            rkeys[rk_off + rcon] ^= pack_rows(0x0, 0x8, 0x0, 0x0);
            xor_columns(&mut rkeys, rk_off, 16, ror_distance(1, 3));
            rcon += 1;
            if rcon == 7 {
                break;
            }
            memshift32(&mut rkeys, rk_off);
            rk_off += 8;
            sub_bytes(&mut rkeys[rk_off..(rk_off + 8)]);
            sub_bytes_nots(&mut rkeys[rk_off..(rk_off + 8)]);
            xor_columns(&mut rkeys, rk_off, 16, ror_distance(0, 3));
        }
        // Undo the ShiftRows that the fixsliced rounds leave out.
        for i in (8..104).step_by(32) {
            shift_rows_3(&mut rkeys[i..(i + 8)]);
            shift_rows_2(&mut rkeys[(i + 8)..(i + 16)]);
            shift_rows_1(&mut rkeys[(i + 16)..(i + 24)]);
        }
        shift_rows_3(&mut rkeys[104..112]);
        for i in 1..15 {
            sub_bytes_nots(&mut rkeys[(i * 8)..(i * 8 + 8)]);
        }
        let wide = rkeys.map(W2::from_u64);
        rkeys.zeroize();
        Aes256x8 { rkeys: wide }
    }

    /// Encrypts eight blocks in place.
    pub fn encrypt8(&self, blocks: &mut [[u8; 16]; 8]) {
        let rkeys = &self.rkeys;
        let lo = bitslice4(&blocks[..4]);
        let hi = bitslice4(&blocks[4..]);
        let mut state: State<W2> = std::array::from_fn(|i| W2::from_lanes(lo[i], hi[i]));

        add_round_key(&mut state, &rkeys[..8]);
        let mut rk_off = 8;
        loop {
            sub_bytes(&mut state);
            mix_columns_1(&mut state);
            add_round_key(&mut state, &rkeys[rk_off..(rk_off + 8)]);
            rk_off += 8;
            if rk_off == 112 {
                break;
            }
            sub_bytes(&mut state);
            mix_columns_2(&mut state);
            add_round_key(&mut state, &rkeys[rk_off..(rk_off + 8)]);
            rk_off += 8;

            sub_bytes(&mut state);
            mix_columns_3(&mut state);
            add_round_key(&mut state, &rkeys[rk_off..(rk_off + 8)]);
            rk_off += 8;

            sub_bytes(&mut state);
            mix_columns_0(&mut state);
            add_round_key(&mut state, &rkeys[rk_off..(rk_off + 8)]);
            rk_off += 8;
        }
        shift_rows_2(&mut state);
        sub_bytes(&mut state);
        add_round_key(&mut state, &rkeys[112..]);

        let mut lo = [0u64; 8];
        let mut hi = [0u64; 8];
        for (i, w) in state.iter().enumerate() {
            (lo[i], hi[i]) = w.lanes();
        }
        inv_bitslice4(lo, &mut blocks[..4]);
        inv_bitslice4(hi, &mut blocks[4..]);
        lo.zeroize();
        hi.zeroize();
    }
}

impl Drop for Aes256x8 {
    fn drop(&mut self) {
        // The round keys determine the key: overwrite them.
        self.rkeys = [W2::default(); 120];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aes::cipher::{BlockCipherEncrypt, KeyInit};

    /// FIPS 197 appendix C.3, then random keys and blocks against the
    /// `aes` crate.
    #[test]
    fn matches_fips_197_and_the_aes_crate() {
        let key: [u8; 32] = std::array::from_fn(|i| i as u8);
        let plain: [u8; 16] = std::array::from_fn(|i| (i as u8) * 0x11);
        let want = [
            0x8e, 0xa2, 0xb7, 0xca, 0x51, 0x67, 0x45, 0xbf, 0xea, 0xfc, 0x49, 0x90, 0x4b, 0x49,
            0x60, 0x89,
        ];
        let mut blocks = [plain; 8];
        Aes256x8::new(&key).encrypt8(&mut blocks);
        for b in &blocks {
            assert_eq!(*b, want);
        }
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        };
        for _ in 0..50 {
            let key: [u8; 32] = std::array::from_fn(|_| next());
            let mut blocks: [[u8; 16]; 8] =
                std::array::from_fn(|_| std::array::from_fn(|_| next()));
            let reference = aes::Aes256::new(&key.into());
            let mut want = blocks;
            for b in want.iter_mut() {
                let mut block = aes::cipher::Array::from(*b);
                reference.encrypt_block(&mut block);
                b.copy_from_slice(&block);
            }
            Aes256x8::new(&key).encrypt8(&mut blocks);
            assert_eq!(blocks, want);
        }
    }
}
