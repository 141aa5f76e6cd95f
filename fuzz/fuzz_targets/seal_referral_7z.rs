//! As `seal_referral`, in `.7z` format: every successful seal runs the
//! 2^19-round key derivation twice (seal and self-check) and the
//! open check once more, so expect a few executions per second.
#![no_main]

#[path = "shaped.rs"]
mod shaped;

use libfuzzer_sys::fuzz_target;
use referral_seal::archive::Format;

fuzz_target!(|s: shaped::Shaped| shaped::run(&s, Format::SevenZ));
