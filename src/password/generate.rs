//! Generated passphrases: groups of characters from the phone-safe
//! alphabet ([`crate::spelling::PHONE_SAFE_ALPHABET`]: 16 characters, no
//! look-alikes, no Dutch sound-alikes, 4 bits each), drawn uniformly by
//! the CSPRNG, with a spelling aid in the Belgian telephone alphabet.
//!
//! The default, 5 groups of 4 (`kx7f-9mor-…`), has 80 bits and 24
//! characters with the separators: as many as the 19-character alphabet
//! before it, so the `.7z` key derivation (which hashes the password 2^19
//! times, its cost growing with its length) takes as long as before.

use super::MAX_PASSWORD_LEN;
use crate::error::Code;
use crate::random;
use crate::spelling::{self, PHONE_SAFE_ALPHABET};
use zeroize::Zeroizing;

/// Least entropy, in bits, of a generated passphrase.
pub const GENERATED_MIN_BITS: f64 = 80.0;

/// Separator between groups (not counted as entropy).
const SEPARATOR: char = '-';

/// A generated passphrase. No `Debug`: the text is a secret.
pub struct Passphrase {
    text: Zeroizing<String>,
    bits: f64,
}

impl Passphrase {
    /// The passphrase, e.g. `kx7f-9mor-uw4y-3f8k-5xmo`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Its entropy in bits, from the construction.
    pub fn bits(&self) -> f64 {
        self.bits
    }

    /// The spelling aid, one line per character (`k van Kilogram`,
    /// `7 (zeven)`, `- (streepje)`): see [`spelling::spell`].
    pub fn spelling(&self) -> Vec<String> {
        spelling::spell(&self.text)
    }
}

/// Shape of a generated passphrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PassphraseOptions {
    /// Number of groups (default 5).
    pub groups: usize,
    /// Characters per group (default 4).
    pub group_len: usize,
}

impl Default for PassphraseOptions {
    fn default() -> Self {
        PassphraseOptions {
            groups: 5,
            group_len: 4,
        }
    }
}

impl PassphraseOptions {
    /// The entropy this shape yields, in bits.
    ///
    /// Errors: [`Code::InvalidOption`] when the shape is absurd (a group
    /// count of 0 or above 16, a group length below 2 or above 16, more than
    /// [`MAX_PASSWORD_LEN`] characters) or yields less than
    /// [`GENERATED_MIN_BITS`].
    pub fn bits(&self) -> Result<f64, Code> {
        let sane = (1..=16).contains(&self.groups)
            && (2..=16).contains(&self.group_len)
            && self.groups * self.group_len + (self.groups - 1) <= MAX_PASSWORD_LEN;
        if !sane {
            return Err(Code::InvalidOption);
        }
        let per_char = (PHONE_SAFE_ALPHABET.len() as f64).log2();
        let bits = (self.groups * self.group_len) as f64 * per_char;
        if bits < GENERATED_MIN_BITS {
            return Err(Code::InvalidOption);
        }
        Ok(bits)
    }
}

/// Generates a passphrase of `opts.groups` groups of `opts.group_len`
/// characters, each drawn uniformly from [`PHONE_SAFE_ALPHABET`] by the CSPRNG.
///
/// Errors: [`Code::InvalidOption`] (see [`PassphraseOptions::bits`]),
/// [`Code::RandomUnavailable`].
pub fn generate_passphrase(opts: &PassphraseOptions) -> Result<Passphrase, Code> {
    let bits = opts.bits()?;
    let alphabet = PHONE_SAFE_ALPHABET.as_bytes();
    let mut text = Zeroizing::new(String::with_capacity(opts.groups * (opts.group_len + 1)));
    for g in 0..opts.groups {
        if g > 0 {
            text.push(SEPARATOR);
        }
        for _ in 0..opts.group_len {
            let i = random::index_below(alphabet.len()).map_err(|_| Code::RandomUnavailable)?;
            let c = alphabet.get(i).copied().ok_or(Code::RandomUnavailable)?;
            text.push(char::from(c));
        }
    }
    Ok(Passphrase { text, bits })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn default_passphrases_are_80_bits_distinct_and_phone_safe() {
        let opts = PassphraseOptions::default();
        let mut seen = HashSet::new();
        for _ in 0..1000 {
            let p = generate_passphrase(&opts).unwrap();
            assert_eq!(p.bits(), 80.0);
            assert_eq!(p.as_str().len(), 24);
            let groups: Vec<&str> = p.as_str().split('-').collect();
            assert_eq!(groups.len(), 5);
            for g in &groups {
                assert_eq!(g.len(), 4);
                assert!(g.chars().all(|c| PHONE_SAFE_ALPHABET.contains(c)), "{g}");
            }
            let aid = p.spelling();
            assert_eq!(aid.len(), 24);
            assert!(aid.iter().all(|l| l.len() > 2), "{aid:?}");
            seen.insert(p.as_str().to_owned());
        }
        assert_eq!(seen.len(), 1000);
    }

    #[test]
    fn passphrase_options() {
        let table = [
            (5, 4, true),   // 20 × 4 = 80 bits
            (4, 5, true),   // 80
            (6, 4, true),   // 96
            (1, 16, false), // 64 bits: too few
            (4, 4, false),  // 64
            (3, 6, false),  // 72
            (0, 4, false),
            (5, 0, false),
            (5, 1, false),
            (17, 4, false),
            (5, 17, false),
            (16, 16, false), // 16 × 17 − 1 = 271 characters
            (usize::MAX, 4, false),
        ];
        for (groups, group_len, ok) in table {
            let opts = PassphraseOptions { groups, group_len };
            let got = generate_passphrase(&opts);
            assert_eq!(got.is_ok(), ok, "{groups}×{group_len}");
            match got {
                Ok(p) => {
                    assert_eq!(p.as_str().len(), groups * group_len + groups - 1);
                    assert!(p.bits() >= 80.0);
                }
                Err(c) => assert_eq!(c, Code::InvalidOption),
            }
        }
    }
}
