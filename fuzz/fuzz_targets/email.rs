//! Arbitrary text → `normalise_email`: never panics; an accepted address is
//! ASCII, has one `@`, and normalising it again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referral_seal::validate::email::{normalise_email, MAX_ADDRESS_BYTES};

fuzz_target!(|raw: &str| {
    if let Ok(addr) = normalise_email(raw) {
        let (_, domain) = addr.split_once('@').expect("one @");
        assert!(domain.is_ascii(), "{addr}");
        assert!(addr.len() <= MAX_ADDRESS_BYTES);
        assert_eq!(addr.matches('@').count(), 1, "{addr}");
        assert_eq!(normalise_email(&addr).as_deref(), Ok(addr.as_str()));
    }
});
