//! Valid-shaped referrals with arbitrary values and passwords →
//! `seal::seal_referral`, `.zip` format (fast: no key derivation rounds).
//! A successful seal must open to exactly the rendered JSON.
#![no_main]

#[path = "shaped.rs"]
mod shaped;

use libfuzzer_sys::fuzz_target;
use referral_seal::archive::Format;

fuzz_target!(|s: shaped::Shaped| shaped::run(&s, Format::Zip));
