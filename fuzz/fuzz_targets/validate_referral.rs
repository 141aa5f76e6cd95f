//! Arbitrary bytes as JSON text → `referral::validate_json` with the
//! builtin registry. Never panics; every refusal names at least one field
//! error with a Dutch message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referral_seal::{referral, Date, Registry};
use std::sync::OnceLock;

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(Registry::builtin)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let today = Date::new(2026, 11, 24).unwrap();
    if let Err(errors) = referral::validate_json(&text, registry(), today) {
        assert!(!errors.is_empty());
        assert!(errors.iter().all(|e| !e.message.is_empty()));
    }
});
