//! Arbitrary text → `normalise_name` and `normalise_team`: never panic; an
//! accepted value is NFC, trimmed, without double spaces, and normalising it
//! again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referral_seal::validate::name::{
    normalise_name, normalise_team, MAX_NAME_CHARS, MAX_TEAM_CHARS,
};

fuzz_target!(|raw: &str| {
    for (f, max) in [
        (normalise_name as fn(&str) -> _, MAX_NAME_CHARS),
        (normalise_team, MAX_TEAM_CHARS),
    ] {
        if let Ok(v) = f(raw) {
            assert_eq!(v.trim(), v);
            assert!(!v.contains("  "));
            assert!(v.chars().count() <= max);
            assert_eq!(f(&v).as_deref(), Ok(v.as_str()));
        }
    }
});
