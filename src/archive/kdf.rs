//! The key derivations of the two formats, on RustCrypto's `pbkdf2`,
//! `hmac`, `sha1` and `sha2`.
//!
//! * WinZip AES (zip): PBKDF2-HMAC-SHA1, 1000 iterations, 66 bytes: the
//!   AES-256 key, the HMAC-SHA1 key and a 2-byte password verifier (WinZip,
//!   "AES Encryption Information", <https://www.winzip.com/en/support/aes-encryption/>).
//! * 7zAES (7z): SHA-256 over 2^`cycles_power` repetitions of
//!   salt ‖ UTF-16LE password ‖ 64-bit little-endian round counter (7-Zip,
//!   `CPP/7zip/Crypto/7zAes.cpp`, `CKeyInfo::CalcKey`).
//!
//! The outputs are [`Zeroizing`]; the crates' own states (HMAC, SHA) are
//! wiped on drop through their `zeroize` features. What the `pbkdf2` crate
//! keeps on the stack while it runs is left to the stack wipe of each
//! export (`src/wipe.rs`).

use sha1::Sha1;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// PBKDF2 iterations of WinZip AES.
const WINZIP_ITERATIONS: u32 = 1000;

/// Bytes of a WinZip AES-256 derivation: AES key, HMAC key, verifier.
pub(crate) const WINZIP_DERIVED: usize = 32 + 32 + 2;

/// The 66 bytes of a WinZip AES-256 entry key: `[..32]` the AES key,
/// `[32..64]` the HMAC key, `[64..]` the password verifier.
pub(crate) fn winzip(password: &[u8], salt: &[u8; 16]) -> Zeroizing<[u8; WINZIP_DERIVED]> {
    let mut out = Zeroizing::new([0u8; WINZIP_DERIVED]);
    pbkdf2::pbkdf2_hmac::<Sha1>(password, salt, WINZIP_ITERATIONS, out.as_mut_slice());
    out
}

/// The 7zAES key of `password_utf16` (UTF-16LE) and `salt`.
pub(crate) fn sevenz(password_utf16: &[u8], salt: &[u8], cycles_power: u8) -> Zeroizing<[u8; 32]> {
    let mut sha = Sha256::new();
    for round in 0..1u64 << cycles_power {
        sha.update(salt);
        sha.update(password_utf16);
        sha.update(round.to_le_bytes());
    }
    let mut key = Zeroizing::new([0u8; 32]);
    let out: &mut [u8; 32] = &mut key;
    sha.finalize_into(out.into());
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// All 66 bytes, with a password longer than a SHA-1 block too;
    /// expected values from Python's
    /// `hashlib.pbkdf2_hmac("sha1", password, salt, 1000, 66)`.
    #[test]
    fn winzip_matches_python_hashlib() {
        let long = format!(
            "{}{}",
            r#"Gr0en!e "Zee" #42; 100% (ok?) [a-b] {c} \/ '~`^&*=+|<>,.:@$"#,
            "x".repeat(40)
        );
        let cases: [(&[u8], Vec<u8>, &str); 2] = [
            (
                b"kotu-mepa-ribe-noza-veki-suta",
                (0u8..16).collect(),
                concat!(
                    "82c562e162543aaa421749ecba9c2715e4cde89b76c5efdfe99ec57dbf65a69e",
                    "331962e11207e1c298468bd58041b6be65d1dc84a01e89230ef5d2af3c67ec8cf430"
                ),
            ),
            (
                long.as_bytes(),
                (100u8..116).collect(),
                concat!(
                    "edfe5728524c6ea00c639c4124944cd3c98489bec820202080101e2b74cd4dfd",
                    "617c29f76cc4d15ddfd810c409877aed93d96a4f461f33c70880360a1c7b12ed296f"
                ),
            ),
        ];
        for (password, salt, want) in cases {
            let salt: [u8; 16] = salt.try_into().unwrap();
            assert_eq!(winzip(password, &salt).to_vec(), hex(want));
        }
    }

    /// Expected values from Python's `hashlib.sha256` over the rounds of
    /// 7-Zip's `CKeyInfo::CalcKey`, for the real work factor (19) and small
    /// ones, with and without a salt.
    #[test]
    fn sevenz_matches_python_hashlib() {
        let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        let salt: Vec<u8> = (1u8..=16).collect();
        let cases: [(&str, &[u8], u8, &str); 3] = [
            (
                "kotu-mepa-ribe-noza-veki-suta",
                &salt,
                19,
                "cd8c7c1ccd693bb5960f3c9f2e6510d5880196596a761491982740236a8d5b86",
            ),
            (
                "Gr0en!e \"Zee\" #42",
                &[],
                6,
                "08ae4450b315e5314fbb36b2faf996dc152616ee4d497292bdc5477db17a2fe6",
            ),
            (
                "a",
                &salt,
                0,
                "ec201581b7017137a1d788cfc50fc2434f25e658f5e8c85247b08d61f3f29f0d",
            ),
        ];
        for (password, salt, power, want) in cases {
            assert_eq!(
                sevenz(&utf16(password), salt, power).to_vec(),
                hex(want),
                "{password:?} {power}"
            );
        }
    }
}
