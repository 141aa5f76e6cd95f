//! Phone numbers → E.164 (`+32470123456`).
//!
//! libphonenumber is too large for the Wasm bundle, so the Belgian rules are
//! hand-coded from its metadata (v9.0.33, territory BE; see
//! `data/source/be-phone-facts.md`):
//!
//! * national notation (`0470 12 34 56`, `02 511 23 45`, `0470/12.34.56`) is
//!   Belgian; international notation (`+32 …`, `0032 …`, `+32 (0)470 …`) may
//!   be any country;
//! * a Belgian national significant number (NSN) must match libphonenumber's
//!   BE `fixedLine` or `mobile` pattern. Toll-free (0800), premium-rate
//!   (070x, 090x), shared-cost (078 79) and other non-geographic (078)
//!   numbers are refused on purpose: they are service numbers, never a
//!   client's or a team member's own reachable number;
//! * a foreign number must start with a geographic country calling code
//!   assigned by the ITU (list below), and have 7 to 15 digits in total
//!   (E.164 allows 15; Niue and Tokelau have 7-digit numbers). The
//!   neighbours get stricter checks: NL and FR have 9-digit NSNs, DE 6 to 13
//!   digits, LU 4 to 11, NANP (+1) 10. International service numbers
//!   (+800, +808, +979) and satellite or network codes (+870, +881, …) are
//!   refused like Belgian service numbers;
//! * a trunk `0` written after the country code (`+32 0470…`, `+33 (0)6…`)
//!   is dropped for BE, NL, FR and DE, whose national numbers start with it.
//!
//! Separators accepted: any whitespace, `.`, `/`, `-`, `(`, `)`. Bidi marks
//! and zero-width characters, which phones and contact apps add around
//! copied numbers, are dropped: the result holds ASCII digits only, so they
//! cannot hide anything.

use crate::error::Code;

/// Raw input longer than this (in bytes) is refused as too long.
pub const MAX_RAW_BYTES: usize = 64;

/// More digits than this cannot be a phone number (E.164: 15, plus `00`).
const MAX_DIGITS: usize = 17;

/// Geographic country calling codes assigned by the ITU (ITU-T E.164,
/// "List of ITU-T Recommendation E.164 assigned country codes"), sorted.
/// Non-geographic codes (800, 808, 870, 878, 881–883, 888, 979) and the
/// reserved 379 (Vatican, unused: it dials +39) are left out.
const COUNTRY_CODES: &[u16] = &[
    1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54,
    55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98, 211,
    212, 213, 216, 218, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234,
    235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253,
    254, 255, 256, 257, 258, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290, 291, 297, 298,
    299, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 374, 375, 376, 377,
    378, 380, 381, 382, 383, 385, 386, 387, 389, 420, 421, 423, 500, 501, 502, 503, 504, 505, 506,
    507, 508, 509, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 670, 672, 673, 674, 675, 676,
    677, 678, 679, 680, 681, 682, 683, 685, 686, 687, 688, 689, 690, 691, 692, 850, 852, 853, 855,
    856, 880, 886, 960, 961, 962, 963, 964, 965, 966, 967, 968, 970, 971, 972, 973, 974, 975, 976,
    977, 992, 993, 994, 995, 996, 998,
];

/// Normalises a phone number to E.164.
///
/// Errors: [`Code::TooLong`] (over [`MAX_RAW_BYTES`]), [`Code::Required`]
/// (blank), [`Code::ControlCharacters`] (control characters other than the
/// dropped bidi and zero-width marks), [`Code::InvalidPhone`] (anything
/// else that is not a possible number, see the module documentation).
pub fn normalise_phone(raw: &str) -> Result<String, Code> {
    if raw.len() > MAX_RAW_BYTES {
        return Err(Code::TooLong);
    }
    let mut compact = String::with_capacity(raw.len());
    for (c, invisible) in super::invisibility(raw) {
        if c.is_whitespace() || is_droppable_mark(c) {
            continue;
        }
        if invisible {
            return Err(Code::ControlCharacters);
        }
        compact.push(c);
    }
    if compact.is_empty() {
        return Err(Code::Required);
    }
    let (international, rest) = if let Some(r) = compact.strip_prefix('+') {
        (true, r)
    } else if let Some(r) = compact.strip_prefix("00") {
        (true, r)
    } else {
        (false, compact.as_str())
    };

    let mut digits = String::with_capacity(MAX_DIGITS);
    // Digits written before a "(0)" trunk marker, i.e. the country code.
    let mut trunk_after: Option<usize> = None;
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '0'..='9' => {
                if digits.len() == MAX_DIGITS {
                    return Err(Code::InvalidPhone);
                }
                digits.push(c);
            }
            '(' if international
                && trunk_after.is_none()
                && !digits.is_empty()
                && rest[i..].starts_with("(0)") =>
            {
                trunk_after = Some(digits.len());
                chars.next();
                chars.next();
            }
            '.' | '/' | '-' | '(' | ')' => {}
            _ => return Err(Code::InvalidPhone),
        }
    }

    if international {
        international_number(&digits, trunk_after)
    } else {
        match digits.strip_prefix('0') {
            Some(nsn) if is_belgian_nsn(nsn) => Ok(format!("+32{nsn}")),
            _ => Err(Code::InvalidPhone),
        }
    }
}

/// Bidi marks and zero-width characters that copied numbers often carry.
fn is_droppable_mark(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// The country calling code at the start of `digits`, if assigned.
///
/// Country codes form a prefix code, so the first match is the only one.
fn country_code(digits: &str) -> Option<&str> {
    (1..=3).find_map(|len| {
        let cc = digits.get(..len)?;
        let n: u16 = cc.parse().ok()?;
        COUNTRY_CODES.binary_search(&n).ok().map(|_| cc)
    })
}

fn international_number(digits: &str, trunk_after: Option<usize>) -> Result<String, Code> {
    let cc = country_code(digits).ok_or(Code::InvalidPhone)?;
    if trunk_after.is_some_and(|n| n != cc.len()) {
        return Err(Code::InvalidPhone);
    }
    let mut nsn = &digits[cc.len()..];
    // Countries whose national numbers start with a trunk 0 that people
    // also write after the country code.
    if matches!(cc, "32" | "31" | "33" | "49") {
        if let Some(stripped) = nsn.strip_prefix('0') {
            nsn = stripped;
        }
    }
    let total = cc.len() + nsn.len();
    if nsn.is_empty() || !(7..=15).contains(&total) {
        return Err(Code::InvalidPhone);
    }
    let ok = match cc {
        "32" => is_belgian_nsn(nsn),
        // Netherlands: geographic and mobile numbers have 9 digits.
        "31" => nsn.len() == 9 && !nsn.starts_with('0'),
        // France: 9 digits; 08 are special-rate service numbers.
        "33" => nsn.len() == 9 && !nsn.starts_with(['0', '8']),
        // Germany: variable length; 0800, 0900, 0180 and 0137 are services.
        "49" => {
            (6..=13).contains(&nsn.len())
                && !nsn.starts_with('0')
                && !["800", "900", "180", "137"]
                    .iter()
                    .any(|p| nsn.starts_with(p))
        }
        // Luxembourg: no trunk prefix, 4 to 11 digits.
        "352" => (4..=11).contains(&nsn.len()) && !nsn.starts_with('0'),
        // North American Numbering Plan: area code (2–9) + 7 digits.
        "1" => nsn.len() == 10 && !nsn.starts_with(['0', '1']),
        _ => true,
    };
    if ok {
        Ok(format!("+{cc}{nsn}"))
    } else {
        Err(Code::InvalidPhone)
    }
}

/// Whether `nsn` (the number without `0` or `+32`) matches libphonenumber's
/// BE `fixedLine` or `mobile` pattern:
///
/// ```text
/// fixedLine: 80[2-8]\d{5}|(?:1[0-69]|[23][2-8]|4[23]|5\d|6[013-57-9]|71|8[1-79]|9[2-4])\d{6}
/// mobile:    4[5-9]\d{7}
/// ```
fn is_belgian_nsn(nsn: &str) -> bool {
    let d = nsn.as_bytes();
    if !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    match d.len() {
        9 => d[0] == b'4' && (b'5'..=b'9').contains(&d[1]),
        8 => {
            let (a, b, c) = (d[0], d[1], d[2]);
            match a {
                b'1' => matches!(b, b'0'..=b'6' | b'9'),
                b'2' | b'3' => (b'2'..=b'8').contains(&b),
                b'4' => matches!(b, b'2' | b'3'),
                b'5' => true,
                b'6' => matches!(b, b'0' | b'1' | b'3'..=b'5' | b'7'..=b'9'),
                b'7' => b == b'1',
                b'8' => {
                    matches!(b, b'1'..=b'7' | b'9') || (b == b'0' && (b'2'..=b'8').contains(&c))
                }
                b'9' => (b'2'..=b'4').contains(&b),
                _ => false,
            }
        }
        _ => false,
    }
}

/// A phone number that passed [`normalise_phone`]: its E.164 form, and how
/// to show it to people. No `Debug`: it is personal data.
#[derive(Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Parses what a user typed ([`normalise_phone`]).
    ///
    /// Errors: those of [`normalise_phone`].
    pub fn parse(raw: &str) -> Result<Phone, Code> {
        normalise_phone(raw).map(Phone)
    }

    /// The number in E.164, `+32470123456`.
    pub fn e164(&self) -> &str {
        &self.0
    }

    /// The number for people: a Belgian one in its national grouping with
    /// the E.164 form after it (`0470 12 34 56 (+32470123456)`), one of
    /// the neighbours (NL, FR, DE, LU) grouped in international notation
    /// (`+31 6 12 34 56 78`), any other in E.164 as it is.
    pub fn readable(&self) -> String {
        match belgian_national(&self.0) {
            Some(national) => format!("{national} ({})", self.0),
            None => grouped(&self.0),
        }
    }

    /// Whether the number is a mobile one, for the countries whose mobile
    /// ranges are known here: BE `+32 4[5-9]`, NL `+31 6`, FR `+33 6/7`,
    /// DE `+49 15/16/17`, LU `+352 6`.
    pub fn is_mobile(&self) -> bool {
        let n = self.0.as_bytes();
        match n {
            [b'+', b'3', b'2', b'4', b'5'..=b'9', ..] => n.len() == 12,
            [b'+', b'3', b'1', b'6', ..] => n.len() == 12,
            [b'+', b'3', b'3', b'6' | b'7', ..] => n.len() == 12,
            [b'+', b'4', b'9', b'1', b'5'..=b'7', ..] => true,
            [b'+', b'3', b'5', b'2', b'6', ..] => n.len() == 13,
            _ => false,
        }
    }
}

/// An E.164 number grouped for reading: Belgian numbers in their national
/// form (`0470 12 34 56`, `02 511 23 45`, `057 20 12 34`), numbers of the
/// neighbours in international notation with the groups their own
/// numbering plans use (`+31 6 12 34 56 78`, `+33 6 12 34 56 78`,
/// `+49 171 2345678`, `+352 621 123 456`), anything else unchanged.
///
/// libphonenumber's formatting metadata is what this follows; the crate
/// that ports it (`phonenumber`) pulls in `regex` and its full metadata,
/// far beyond the page's budget for five countries.
pub fn grouped(e164: &str) -> String {
    if let Some(national) = belgian_national(e164) {
        return national;
    }
    let Some(digits) = e164.strip_prefix('+') else {
        return e164.to_owned();
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return e164.to_owned();
    }
    let (cc, groups): (&str, Vec<usize>) = match digits.as_bytes() {
        // Netherlands: mobile 6 + four pairs; two-digit area codes
        // (the big cities) 2-3-4; other area codes 3-3-3.
        [b'3', b'1', rest @ ..] if rest.len() == 9 => {
            let area2 = NL_TWO_DIGIT_AREAS.contains(&digits.get(2..4).unwrap_or(""));
            match rest {
                [b'6', ..] => ("31", vec![1, 2, 2, 2, 2]),
                _ if area2 => ("31", vec![2, 3, 4]),
                _ => ("31", vec![3, 3, 3]),
            }
        }
        // France: 1 + four pairs.
        [b'3', b'3', rest @ ..] if rest.len() == 9 => ("33", vec![1, 2, 2, 2, 2]),
        // Germany: mobile prefixes have three digits; area codes vary in
        // length, so only the country code is set apart.
        [b'4', b'9', b'1', b'5'..=b'7', rest @ ..] => ("49", vec![3, rest.len().saturating_sub(1)]),
        [b'4', b'9', rest @ ..] => ("49", vec![rest.len()]),
        // Luxembourg: nine-digit mobiles 3-3-3, other numbers in pairs.
        [b'3', b'5', b'2', rest @ ..] if rest.len() == 9 => ("352", vec![3, 3, 3]),
        [b'3', b'5', b'2', rest @ ..] => ("352", pairs(rest.len())),
        _ => return e164.to_owned(),
    };
    let mut out = format!("+{cc}");
    let mut at = cc.len();
    for g in groups {
        let Some(part) = digits.get(at..at + g) else {
            return e164.to_owned();
        };
        out.push(' ');
        out.push_str(part);
        at += g;
    }
    if at == digits.len() {
        out
    } else {
        e164.to_owned()
    }
}

/// Groups of two, the last one of three when the length is odd.
fn pairs(len: usize) -> Vec<usize> {
    let mut groups = vec![2; len / 2];
    if len % 2 == 1 {
        match groups.last_mut() {
            Some(last) => *last = 3,
            None => groups.push(1),
        }
    }
    groups
}

/// Dutch area codes of two digits (without the trunk 0): Amsterdam 20,
/// Rotterdam 10, Den Haag 70, Utrecht 30, … (Netherlands numbering plan).
const NL_TWO_DIGIT_AREAS: [&str; 30] = [
    "10", "13", "15", "20", "23", "24", "26", "30", "33", "35", "36", "38", "40", "43", "45", "46",
    "50", "53", "55", "58", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79",
];

/// `+32…` → the national form grouped as libphonenumber does for BE.
fn belgian_national(e164: &str) -> Option<String> {
    let nsn = e164.strip_prefix("+32")?;
    if !is_belgian_nsn(nsn) {
        return None;
    }
    let national = format!("0{nsn}");
    let groups: &[usize] = match (nsn.len(), nsn.as_bytes()) {
        // Mobile: 0470 12 34 56.
        (9, [b'4', ..]) => &[4, 2, 2, 2],
        // Non-geographic 080x: 0800 12 345.
        (8, [b'8', b'0', ..]) => &[4, 2, 3],
        // One-digit zones: 02 511 23 45, 04 223 12 34, 09 265 12 34.
        (8, [b'2' | b'3' | b'9', ..]) | (8, [b'4', b'2' | b'3', ..]) => &[2, 3, 2, 2],
        // Two-digit zones: 057 20 12 34.
        (8, _) => &[3, 2, 2, 2],
        _ => return None,
    };
    let mut out = String::with_capacity(national.len() + groups.len());
    let mut at = 0;
    for g in groups {
        if at > 0 {
            out.push(' ');
        }
        out.push_str(national.get(at..at + g)?);
        at += g;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn belgian_numbers() {
        let table: &[(&str, &str)] = &[
            // Mobile, every written form from the numbering-plan facts.
            ("0470 12 34 56", "+32470123456"),
            ("+32 470 12 34 56", "+32470123456"),
            ("0032 470 12 34 56", "+32470123456"),
            ("0470/12.34.56", "+32470123456"),
            ("+32 (0)470 12 34 56", "+32470123456"),
            ("+32(0)470123456", "+32470123456"),
            ("0032 (0)470 12 34 56", "+32470123456"),
            ("+32 0470 12 34 56", "+32470123456"),
            ("0470-12-34-56", "+32470123456"),
            ("0499 99 99 99", "+32499999999"),
            ("0456 78 90 12", "+32456789012"),
            // Copied from a contact app: NBSP and bidi embedding marks.
            (
                "\u{202A}+32\u{00A0}470\u{00A0}12\u{00A0}34\u{00A0}56\u{202C}",
                "+32470123456",
            ),
            // Landlines, one- and two-digit zones.
            ("02 511 23 45", "+3225112345"),
            ("09 265 12 34", "+3292651234"),
            ("057 20 12 34", "+3257201234"),
            ("056 31 12 34", "+3256311234"),
            ("011 12 34 56", "+3211123456"),
            ("04 223 12 34", "+3242231234"),
            ("050 12 34 56", "+3250123456"),
            ("(056) 31.12.34", "+3256311234"),
            ("03 201 12 34", "+3232011234"),
            ("+32 2 511 23 45", "+3225112345"),
            ("0803 12 345", "+3280312345"),
        ];
        for (raw, want) in table {
            assert_eq!(normalise_phone(raw).as_deref(), Ok(*want), "{raw:?}");
        }
    }

    #[test]
    fn foreign_numbers() {
        let table: &[(&str, &str)] = &[
            ("+33 6 12 34 56 78", "+33612345678"),
            ("+33 (0)6 12 34 56 78", "+33612345678"),
            ("0033 1 42 68 53 00", "+33142685300"),
            ("+31 6 12345678", "+31612345678"),
            ("+31 (0)20 123 4567", "+31201234567"),
            ("+49 30 1234567", "+49301234567"),
            ("+49 (0)171 1234567", "+491711234567"),
            ("+352 621 123 456", "+352621123456"),
            ("+352 26 12 34", "+352261234"),
            ("+44 20 7946 0958", "+442079460958"),
            ("+1 202 555 0143", "+12025550143"),
            ("+90 532 123 45 67", "+905321234567"),
            ("+212 6 12 34 56 78", "+212612345678"),
            ("+225 07 12 34 56 78", "+2250712345678"),
            ("+39 06 1234 5678", "+390612345678"),
            ("+683 4002", "+6834002"),
        ];
        for (raw, want) in table {
            assert_eq!(normalise_phone(raw).as_deref(), Ok(*want), "{raw:?}");
        }
    }

    #[test]
    fn refusals() {
        let table: &[(&str, Code)] = &[
            ("", Code::Required),
            ("   ", Code::Required),
            // Unassigned Belgian ranges.
            ("02 123 45 67", Code::InvalidPhone),
            ("09 123 45 67", Code::InvalidPhone),
            ("04 123 45 67", Code::InvalidPhone),
            ("+32 2 123 45 67", Code::InvalidPhone),
            // Wrong lengths.
            ("047012345", Code::InvalidPhone),
            ("04701234567", Code::InvalidPhone),
            ("02 511 23 4", Code::InvalidPhone),
            ("0440 12 34 56", Code::InvalidPhone),
            // Service numbers are not a person's own number.
            ("0800 12 345", Code::InvalidPhone),
            ("0900 12 345", Code::InvalidPhone),
            ("0903 12 345", Code::InvalidPhone),
            ("070 22 33 44", Code::InvalidPhone),
            ("078 15 15 15", Code::InvalidPhone),
            ("+32 78 79 12 34", Code::InvalidPhone),
            // No trunk prefix, or foreign number in national notation.
            ("470 12 34 56", Code::InvalidPhone),
            ("06 12 34 56 78", Code::InvalidPhone),
            // Foreign numbers that cannot exist.
            ("+999 123 456 789", Code::InvalidPhone),
            ("+800 1234 5678", Code::InvalidPhone),
            ("+881 6 1234 5678", Code::InvalidPhone),
            ("+33 6 12 34 56 7", Code::InvalidPhone),
            ("+33 8 00 12 34 56", Code::InvalidPhone),
            ("+31 6 1234567", Code::InvalidPhone),
            ("+49 800 1234567", Code::InvalidPhone),
            ("+44 1234", Code::InvalidPhone),
            ("+44 1234 567 890 123 45", Code::InvalidPhone),
            ("+1 012 555 0143", Code::InvalidPhone),
            // "(0)" not directly after the country code.
            ("+3 (0)2 470 12 34 56", Code::InvalidPhone),
            // Letters, stray plus signs, other digits.
            ("0470 12 34 56 ext 2", Code::InvalidPhone),
            ("0470 12 34 5x", Code::InvalidPhone),
            ("+32 +470 12 34 56", Code::InvalidPhone),
            ("０４７０ １２ ３４ ５６", Code::InvalidPhone),
            ("tel:+32470123456", Code::InvalidPhone),
            ("+", Code::InvalidPhone),
            ("0", Code::InvalidPhone),
            ("0470 12 34 56\u{0000}", Code::ControlCharacters),
            ("0470\u{0007}123456", Code::ControlCharacters),
        ];
        for (raw, want) in table {
            assert_eq!(normalise_phone(raw), Err(*want), "{raw:?}");
        }
        let long = format!("0470 12 34 56{}", " ".repeat(60));
        assert_eq!(normalise_phone(&long), Err(Code::TooLong));
    }

    #[test]
    fn grouping_and_mobiles() {
        // (E.164, grouped, readable, mobile)
        let table = [
            (
                "+32470123456",
                "0470 12 34 56",
                "0470 12 34 56 (+32470123456)",
                true,
            ),
            (
                "+32499876543",
                "0499 87 65 43",
                "0499 87 65 43 (+32499876543)",
                true,
            ),
            (
                "+3225112345",
                "02 511 23 45",
                "02 511 23 45 (+3225112345)",
                false,
            ),
            (
                "+3242231234",
                "04 223 12 34",
                "04 223 12 34 (+3242231234)",
                false,
            ),
            (
                "+3292651234",
                "09 265 12 34",
                "09 265 12 34 (+3292651234)",
                false,
            ),
            (
                "+3257201234",
                "057 20 12 34",
                "057 20 12 34 (+3257201234)",
                false,
            ),
            (
                "+3250123456",
                "050 12 34 56",
                "050 12 34 56 (+3250123456)",
                false,
            ),
            (
                "+3211123456",
                "011 12 34 56",
                "011 12 34 56 (+3211123456)",
                false,
            ),
            (
                "+3280312345",
                "0803 12 345",
                "0803 12 345 (+3280312345)",
                false,
            ),
            (
                "+31612345678",
                "+31 6 12 34 56 78",
                "+31 6 12 34 56 78",
                true,
            ),
            ("+31201234567", "+31 20 123 4567", "+31 20 123 4567", false),
            ("+31481123456", "+31 481 123 456", "+31 481 123 456", false),
            (
                "+33612345678",
                "+33 6 12 34 56 78",
                "+33 6 12 34 56 78",
                true,
            ),
            (
                "+33142345678",
                "+33 1 42 34 56 78",
                "+33 1 42 34 56 78",
                false,
            ),
            (
                "+4915123456789",
                "+49 151 23456789",
                "+49 151 23456789",
                true,
            ),
            ("+49301234567", "+49 301234567", "+49 301234567", false),
            (
                "+352621123456",
                "+352 621 123 456",
                "+352 621 123 456",
                true,
            ),
            (
                "+35227123456",
                "+352 27 12 34 56",
                "+352 27 12 34 56",
                false,
            ),
            ("+3524712345", "+352 47 12 345", "+352 47 12 345", false),
            ("+442079460000", "+442079460000", "+442079460000", false),
            ("+12025550143", "+12025550143", "+12025550143", false),
        ];
        for (e164, grouped_want, readable, mobile) in table {
            let p = Phone::parse(e164).unwrap_or_else(|c| panic!("{e164}: {c}"));
            assert_eq!(p.e164(), e164);
            assert_eq!(grouped(e164), grouped_want, "{e164}");
            assert_eq!(p.readable(), readable, "{e164}");
            assert_eq!(p.is_mobile(), mobile, "{e164}");
            // Grouping only adds spaces.
            assert_eq!(
                grouped(e164).replace(' ', "").trim_start_matches('0'),
                e164.trim_start_matches("+32")
            );
        }
    }

    #[test]
    fn country_codes_are_sorted_and_prefix_free() {
        assert!(COUNTRY_CODES.windows(2).all(|w| w[0] < w[1]));
        for a in COUNTRY_CODES {
            for b in COUNTRY_CODES {
                let (sa, sb) = (a.to_string(), b.to_string());
                assert!(a == b || !sb.starts_with(&sa), "{sa} is a prefix of {sb}");
            }
        }
    }

    proptest! {
        #[test]
        fn phone_never_panics_and_is_idempotent(s in "[0-9 +()./\\-]{0,30}|\\PC{0,40}") {
            if let Ok(once) = normalise_phone(&s) {
                prop_assert_eq!(normalise_phone(&once), Ok(once.clone()));
            }
        }

        #[test]
        fn belgian_mobiles_round_trip(n in 450_000_000u32..500_000_000) {
            let national = format!("0{n}");
            let want = format!("+32{n}");
            prop_assert_eq!(normalise_phone(&national), Ok(want.clone()));
            prop_assert_eq!(normalise_phone(&want), Ok(want.clone()));
        }
    }
}
