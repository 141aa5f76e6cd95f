//! Neutral referral references and archive names.
//!
//! A reference (e.g. `K7F3QXWM`) lets the team member and the OCMW talk
//! about a referral without repeating personal data. It is read out over
//! the phone like the password, so it is drawn from the same phone-safe
//! alphabet ([`crate::spelling::PHONE_SAFE_ALPHABET`], upper-cased): no
//! look-alikes, no letters whose Dutch names sound alike. Eight characters
//! of 16 give 2^32 ≈ 4.3 × 10^9 references: at 50,000 referrals a year the
//! chance that a year holds two alike is about 25 % (birthday bound
//! n²/2N), and that a given referral meets an earlier one of the same year
//! about 1 in 86,000; six characters of the old 24-letter alphabet
//! (1.9 × 10^8) made a duplicate within a year near certain. The archive's
//! date is part of its name, and the entry names carry the reference, so
//! two referrals extracted into one folder keep apart.

use crate::date::Date;
use crate::error::Code;
use crate::random;
use crate::spelling::PHONE_SAFE_ALPHABET;

/// Length of a generated reference (16^8 = 2^32 possibilities).
pub const REFERENCE_LEN: usize = 8;

/// The characters of references made before the phone-safe alphabet
/// (6 characters): still accepted from callers who supply a reference.
const LEGACY_ALPHABET: &str = "ACDEFGHJKMNPQRTVWXY34679";

/// Shortest and longest caller-supplied reference: the legacy six
/// characters up to twelve; shorter ones would repeat too soon.
const SUPPLIED_LEN: std::ops::RangeInclusive<usize> = 6..=12;

/// Whether `b` may appear in a reference (generated or supplied): the
/// phone-safe alphabet upper-cased, or the legacy alphabet.
pub fn is_reference_byte(b: u8) -> bool {
    LEGACY_ALPHABET.as_bytes().contains(&b)
        || (b.is_ascii_uppercase() || b.is_ascii_digit())
            && PHONE_SAFE_ALPHABET
                .as_bytes()
                .contains(&b.to_ascii_lowercase())
}

/// A fresh random reference of [`REFERENCE_LEN`] characters of the
/// phone-safe alphabet, upper-cased.
///
/// Errors: [`Code::RandomUnavailable`] without a secure random source.
pub fn new_reference() -> Result<String, Code> {
    let alphabet = PHONE_SAFE_ALPHABET.as_bytes();
    let mut out = String::with_capacity(REFERENCE_LEN);
    for _ in 0..REFERENCE_LEN {
        let i = random::index_below(alphabet.len()).map_err(|_| Code::RandomUnavailable)?;
        let c = alphabet.get(i).copied().ok_or(Code::RandomUnavailable)?;
        out.push(char::from(c.to_ascii_uppercase()));
    }
    Ok(out)
}

/// Checks a caller-supplied reference: surrounding whitespace trimmed,
/// upper-cased, 6 to 12 characters, each of the phone-safe alphabet or of
/// the legacy one (so references made before keep working).
///
/// Errors: [`Code::InvalidOption`] otherwise.
pub fn parse_reference(s: &str) -> Result<String, Code> {
    let upper = s.trim().to_ascii_uppercase();
    let ok = SUPPLIED_LEN.contains(&upper.len()) && upper.bytes().all(is_reference_byte);
    if ok {
        Ok(upper)
    } else {
        Err(Code::InvalidOption)
    }
}

/// Only the reference characters of `reference`, upper-cased, at most 12:
/// what goes into a file name or the mail, whatever a caller passes.
pub fn clean(reference: &str) -> String {
    reference
        .bytes()
        .map(|b| b.to_ascii_uppercase())
        .filter(|&b| is_reference_byte(b))
        .take(*SUPPLIED_LEN.end())
        .map(char::from)
        .collect()
}

/// The neutral base name of the archive, e.g. `doorverwijzing-20261124-K7F3QXWM`.
///
/// Characters outside the reference alphabets are dropped, so the name can
/// never carry anything but the date and the reference.
pub fn archive_stem(date: Date, reference: &str) -> String {
    format!("doorverwijzing-{}-{}", date.compact(), clean(reference))
}

/// The names of the three entries in the archive, each carrying the
/// reference (so two referrals extracted into one folder never collide):
/// `doorverwijzing-<REF>.txt`, `doorverwijzing-<REF>.json`,
/// `contact-<REF>.vcf`.
pub fn entry_names(reference: &str) -> [String; 3] {
    let r = clean(reference);
    [
        format!("doorverwijzing-{r}.txt"),
        format!("doorverwijzing-{r}.json"),
        format!("contact-{r}.vcf"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn references_use_the_phone_safe_alphabet_upper_cased() {
        for _ in 0..200 {
            let r = new_reference().unwrap();
            assert_eq!(r.len(), 8, "{r}");
            assert!(
                r.bytes().all(|b| PHONE_SAFE_ALPHABET
                    .as_bytes()
                    .contains(&b.to_ascii_lowercase())
                    && !b.is_ascii_lowercase()),
                "{r}"
            );
        }
        // No look-alikes of the letters and digits left out.
        for c in "0O1IL2Z5S8BUo".bytes() {
            let in_alphabet = PHONE_SAFE_ALPHABET
                .as_bytes()
                .contains(&c.to_ascii_lowercase());
            assert_eq!(
                in_alphabet,
                matches!(c, b'O' | b'o' | b'5' | b'8' | b'U'),
                "{}",
                char::from(c)
            );
        }
    }

    #[test]
    fn new_references_are_well_formed_and_distinct() {
        let mut seen = HashSet::new();
        for _ in 0..500 {
            let r = new_reference().unwrap();
            assert_eq!(parse_reference(&r), Ok(r.clone()));
            seen.insert(r);
        }
        // 500 draws from 4.3e9 values: a collision is astronomically unlikely.
        assert_eq!(seen.len(), 500);
    }

    #[test]
    fn parses_supplied_references() {
        let table = [
            ("K7F3QXWM", Ok("K7F3QXWM")),
            ("k7f3qxwm", Ok("K7F3QXWM")),
            ("  k7f3qxwm\n", Ok("K7F3QXWM")),
            // Legacy six-character references.
            ("K7F3QX", Ok("K7F3QX")),
            ("ACDEFG", Ok("ACDEFG")),
            ("ACDEFGHJKMNP", Ok("ACDEFGHJKMNP")),
            ("OUR58MXY", Ok("OUR58MXY")),
            ("ACDE", Err(Code::InvalidOption)),
            ("K7F3Q", Err(Code::InvalidOption)),
            ("ACDEFGHJKMNPQ", Err(Code::InvalidOption)),
            ("K0F3QX", Err(Code::InvalidOption)),
            ("KIF3QX", Err(Code::InvalidOption)),
            ("K7F-3QX", Err(Code::InvalidOption)),
            ("K7F 3QX", Err(Code::InvalidOption)),
            ("K7F3QÉ", Err(Code::InvalidOption)),
            ("", Err(Code::InvalidOption)),
        ];
        for (input, want) in table {
            assert_eq!(parse_reference(input), want.map(str::to_owned), "{input:?}");
        }
    }

    #[test]
    fn archive_stems_and_entry_names() {
        let d = Date::parse_iso("2026-11-24").unwrap();
        assert_eq!(
            archive_stem(d, "K7F3QXWM"),
            "doorverwijzing-20261124-K7F3QXWM"
        );
        let d = Date::parse_iso("2024-02-29").unwrap();
        assert_eq!(archive_stem(d, "ACDEFG"), "doorverwijzing-20240229-ACDEFG");
        // Nothing but the alphabet survives, whatever a caller passes.
        assert_eq!(
            archive_stem(d, "../K7f é\r\nF"),
            "doorverwijzing-20240229-K7FF"
        );
        assert_eq!(
            entry_names("k7f3qxwm"),
            [
                "doorverwijzing-K7F3QXWM.txt",
                "doorverwijzing-K7F3QXWM.json",
                "contact-K7F3QXWM.vcf"
            ]
        );
        assert_eq!(entry_names("a/../b")[2], "contact-A.vcf");
    }
}
