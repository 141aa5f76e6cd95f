//! Arbitrary text → postal code normalisation and `postal::resolve`: never
//! panic; an accepted code is four ASCII digits; a resolved locality
//! resolves again to itself and the same municipality.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referral_seal::postal;
use referral_seal::validate::address::{normalise_municipality, normalise_postal_code};

fuzz_target!(|input: (&str, &str)| {
    let (code, place) = input;
    let _ = postal::localities(code);
    if let Ok(c) = normalise_postal_code(code) {
        assert!(c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()), "{c}");
        assert_eq!(normalise_postal_code(&c).as_deref(), Ok(c.as_str()));
        if let Ok(r) = postal::resolve(&c, place) {
            let again = postal::resolve(&c, &r.locality)
                .ok()
                .expect("locality resolves");
            assert_eq!(again.municipality, r.municipality);
            assert_eq!(again.locality, r.locality);
        }
        if let Ok(m) = normalise_municipality(place) {
            let _ = postal::resolve(&c, &m);
        }
    }
});
