//! Neutral referral references and archive names.
//!
//! A reference (e.g. `K7F3QX`) lets the team member and the OCMW talk about
//! a referral without repeating personal data. It is drawn from an alphabet
//! without look-alikes or letters that sound alike when read out (no 0/O,
//! 1/I/L, 2/Z, 5/S, 8/B, U/V, …), so it survives a phone call.

use crate::date::Date;
use crate::error::Code;
use crate::random;

/// The characters of a reference: upper-case letters and digits without look-alikes.
pub const REFERENCE_ALPHABET: &str = "ACDEFGHJKMNPQRTVWXY34679";

/// Length of a generated reference (24^6 ≈ 1.9 × 10^8 possibilities).
pub const REFERENCE_LEN: usize = 6;

/// Shortest and longest caller-supplied reference.
const SUPPLIED_LEN: std::ops::RangeInclusive<usize> = 4..=12;

/// A fresh random reference of [`REFERENCE_LEN`] characters.
///
/// Errors: [`Code::RandomUnavailable`] without a secure random source.
pub fn new_reference() -> Result<String, Code> {
    let alphabet = REFERENCE_ALPHABET.as_bytes();
    let mut out = String::with_capacity(REFERENCE_LEN);
    for _ in 0..REFERENCE_LEN {
        let i = random::index_below(alphabet.len()).map_err(|_| Code::RandomUnavailable)?;
        let c = alphabet.get(i).copied().ok_or(Code::RandomUnavailable)?;
        out.push(char::from(c));
    }
    Ok(out)
}

/// Checks a caller-supplied reference: surrounding whitespace trimmed,
/// upper-cased, 4 to 12 characters of [`REFERENCE_ALPHABET`].
///
/// Errors: [`Code::InvalidOption`] otherwise.
pub fn parse_reference(s: &str) -> Result<String, Code> {
    let upper = s.trim().to_ascii_uppercase();
    let ok = SUPPLIED_LEN.contains(&upper.len())
        && upper
            .bytes()
            .all(|b| REFERENCE_ALPHABET.as_bytes().contains(&b));
    if ok {
        Ok(upper)
    } else {
        Err(Code::InvalidOption)
    }
}

/// The neutral base name of the archive, e.g. `doorverwijzing-20261124-K7F3QX`.
///
/// Characters outside the reference alphabet are dropped, so the name can
/// never carry anything but the date and the reference.
pub fn archive_stem(date: Date, reference: &str) -> String {
    let clean: String = reference
        .chars()
        .filter(|c| c.is_ascii() && REFERENCE_ALPHABET.contains(*c))
        .collect();
    format!("doorverwijzing-{}-{clean}", date.compact())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn alphabet_has_no_look_alikes() {
        for c in "0O1IL2Z5S8BUo".chars() {
            assert!(!REFERENCE_ALPHABET.contains(c), "{c}");
        }
        let unique: HashSet<char> = REFERENCE_ALPHABET.chars().collect();
        assert_eq!(unique.len(), REFERENCE_ALPHABET.len());
    }

    #[test]
    fn new_references_are_well_formed_and_distinct() {
        let mut seen = HashSet::new();
        for _ in 0..500 {
            let r = new_reference().unwrap();
            assert_eq!(r.len(), 6);
            assert_eq!(parse_reference(&r), Ok(r.clone()));
            seen.insert(r);
        }
        // 500 draws from 1.9e8 values: a collision is astronomically unlikely.
        assert_eq!(seen.len(), 500);
    }

    #[test]
    fn parses_supplied_references() {
        let table = [
            ("K7F3QX", Ok("K7F3QX")),
            ("k7f3qx", Ok("K7F3QX")),
            ("  k7f3qx\n", Ok("K7F3QX")),
            ("ACDE", Ok("ACDE")),
            ("ACDEFGHJKMNP", Ok("ACDEFGHJKMNP")),
            ("ACD", Err(Code::InvalidOption)),
            ("ACDEFGHJKMNPQ", Err(Code::InvalidOption)),
            ("K0F3QX", Err(Code::InvalidOption)),
            ("KOF3QX", Err(Code::InvalidOption)),
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
    fn archive_stems() {
        let d = Date::parse_iso("2026-11-24").unwrap();
        assert_eq!(archive_stem(d, "K7F3QX"), "doorverwijzing-20261124-K7F3QX");
        let d = Date::parse_iso("2024-02-29").unwrap();
        assert_eq!(archive_stem(d, "ACDE"), "doorverwijzing-20240229-ACDE");
        // Nothing but the alphabet survives, whatever a caller passes.
        assert_eq!(
            archive_stem(d, "../K7f é\r\nF"),
            "doorverwijzing-20240229-K7F"
        );
    }
}
