//! Arbitrary text → `normalise_phone`: never panics; an accepted number is
//! E.164 (`+` and 7 to 15 digits, as the module documents) and normalising it again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referral_seal::validate::phone::normalise_phone;

fuzz_target!(|raw: &str| {
    if let Ok(e164) = normalise_phone(raw) {
        let digits = e164.strip_prefix('+').expect("starts with +");
        assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{e164}");
        assert!((7..=15).contains(&digits.len()), "{e164}");
        assert_eq!(normalise_phone(&e164).as_deref(), Ok(e164.as_str()));
    }
});
