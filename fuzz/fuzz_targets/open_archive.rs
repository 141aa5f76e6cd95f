//! Arbitrary bytes → `archive::open`, the hand-written `.7z` and `.zip`
//! readers: never panic, never hand out more than the content bound, and
//! every name read passes the reading policy and cleans to a plain name.
//! The first byte picks the format; the seeds are archives sealed with the
//! password used here, so that mutations reach past the signatures. A
//! `.7z` whose header parses costs one 2^19-round key derivation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referral_seal::archive::{self, Format, MAX_CONTENT_BYTES};

/// The password of the seed archives.
pub const PASSWORD: &str = "kotu-mepa-ribe-noza-veki-suta";

fuzz_target!(|data: &[u8]| {
    let Some((&which, archive)) = data.split_first() else {
        return;
    };
    let format = if which & 1 == 0 { Format::Zip } else { Format::SevenZ };
    if let Ok(files) = archive::open(archive, PASSWORD, format) {
        let total: usize = files.iter().map(|f| f.bytes.len()).sum();
        assert!(total <= MAX_CONTENT_BYTES);
        for f in &files {
            // The reading policy held, and the download name is a plain name.
            assert!(archive::check_read_name(&f.name).is_ok(), "name");
            assert!(archive::check_name(&archive::download_name(&f.name)).is_ok(), "download name");
        }
    }
});
