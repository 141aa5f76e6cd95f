//! Arbitrary bytes → `archive::open_archive`, the general reader behind
//! `openArchive` (7z coders Copy, LZMA, LZMA2, Deflate, BCJ, Delta, 7zAES;
//! zip stored/Deflate, WinZip AES): never panic, never more than the
//! limits, names without `..` or absolute paths. Seeds (fuzz/corpus/open_any,
//! made with 7zz by scripts/fuzz-seeds-open.sh): unencrypted archives for
//! every decoder, and encrypted ones whose key derivation power is patched
//! to 0 (one SHA-256 round; the key then no longer matches, so they reach
//! the AES, header and wrong-password paths quickly, not the decoders).
#![no_main]

use libfuzzer_sys::fuzz_target;
use referral_seal::archive::reader::{MAX_OPEN_BYTES, MAX_OPEN_ENTRIES};
use referral_seal::archive::open_archive;

/// The password of the encrypted seeds.
pub const PASSWORD: &str = "kotu-mepa-ribe-noza-veki-suta";

fuzz_target!(|data: &[u8]| {
    if let Ok(opened) = open_archive(data, PASSWORD) {
        assert!(opened.entries.len() <= MAX_OPEN_ENTRIES);
        let total: u64 = opened.entries.iter().map(|f| f.bytes.len() as u64).sum();
        assert!(total <= MAX_OPEN_BYTES);
        for f in &opened.entries {
            assert!(!f.name.is_empty() && !f.name.starts_with('/'), "name");
            assert!(f.name.split('/').all(|s| s != ".." && !s.is_empty()), "name");
        }
    }
});
