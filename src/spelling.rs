//! The phone-safe alphabet and its spelling aid.
//!
//! Two things are read out over the phone: the archive's password and the
//! referral's neutral reference. Both are drawn from [`PHONE_SAFE_ALPHABET`],
//! 16 characters chosen so that no two of them look alike on a screen or
//! sound alike in Dutch when their names are said:
//!
//! * look-alikes left out: 0/O kept as `o` only, 1/l/I, 2/Z, 5/S kept as `5`
//!   only, 8/B kept as `8` only, 6/G, 9/g/q, u/v kept as `u` only, rn/m;
//! * sound-alikes left out, by the Dutch names of the letters: of the
//!   "-ee" letters (b, c, d, e, g, j, p, t, v, w) only `w`; of "aa, haa,
//!   kaa" only `k`; of "ef, es" only `f`; of "em, en" only `m`; of "kuu, uu"
//!   only `u`; `z` ("zet") against `6` ("zes") leaves `z` out; `l` ("el")
//!   goes with the look-alikes; digits whose names rhyme with a letter
//!   (`1` "een", `2` "twee") go too.
//!
//! 16 characters carry 4 bits each: the default passphrase of 20 characters
//! has 80 bits, as many characters (and so the same `.7z` key-derivation
//! cost) as the 19-character alphabet before it. [`spell`] gives the
//! Belgian telephone alphabet (Arthur, Brussel, Carolina, …) for every
//! character, digits as Dutch words, for the team member to read out.

/// The characters of a generated password (as written) and of a reference
/// (upper-cased): digits 3–9 and nine letters.
pub const PHONE_SAFE_ALPHABET: &str = "3456789fkmoruwxy";

/// The Belgian telephone alphabet (Dutch), letters `a`–`z` in order.
const TELEPHONE_ALPHABET: [&str; 26] = [
    "Arthur",
    "Brussel",
    "Carolina",
    "Desiré",
    "Emiel",
    "Frederik",
    "Gustaaf",
    "Hendrik",
    "Isidoor",
    "Jozef",
    "Kilogram",
    "Leopold",
    "Maria",
    "Napoleon",
    "Oscar",
    "Piano",
    "Quotiënt",
    "Robert",
    "Sofie",
    "Telefoon",
    "Ursula",
    "Victor",
    "Waterloo",
    "Xavier",
    "Yvonne",
    "Zola",
];

/// Dutch names of the digits 0–9.
const DIGITS: [&str; 10] = [
    "nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen",
];

/// How one character is said over the phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spoken {
    /// A lower-case letter: "k van Kilogram".
    Lower(&'static str),
    /// An upper-case letter: "hoofdletter K van Kilogram".
    Upper(&'static str),
    /// A digit, as its Dutch word.
    Digit(&'static str),
    /// A character with a name of its own (`-` is "streepje").
    Named(&'static str),
    /// Anything else: said as it is.
    Other,
}

/// How `c` is said: the telephone-alphabet word of a letter, the Dutch word
/// of a digit, the name of a common separator.
pub fn spoken(c: char) -> Spoken {
    let word = |c: char| {
        let i = usize::from(c.to_ascii_lowercase() as u8).wrapping_sub(usize::from(b'a'));
        TELEPHONE_ALPHABET.get(i).copied()
    };
    match c {
        'a'..='z' => word(c).map_or(Spoken::Other, Spoken::Lower),
        'A'..='Z' => word(c).map_or(Spoken::Other, Spoken::Upper),
        '0'..='9' => DIGITS
            .get(usize::from(c as u8 - b'0'))
            .map_or(Spoken::Other, |d| Spoken::Digit(d)),
        '-' => Spoken::Named("streepje"),
        '_' => Spoken::Named("laag streepje"),
        '.' => Spoken::Named("punt"),
        ' ' => Spoken::Named("spatie"),
        _ => Spoken::Other,
    }
}

/// The spelling aid for `text`, one line of Dutch per character, e.g.
/// `k van Kilogram`, `7 (zeven)`, `- (streepje)`.
pub fn spell(text: &str) -> Vec<String> {
    text.chars()
        .map(|c| match spoken(c) {
            Spoken::Lower(w) => format!("{c} van {w}"),
            Spoken::Upper(w) => format!("hoofdletter {c} van {w}"),
            Spoken::Digit(w) | Spoken::Named(w) => format!("{c} ({w})"),
            Spoken::Other => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn sixteen_distinct_ascii_characters() {
        let set: HashSet<char> = PHONE_SAFE_ALPHABET.chars().collect();
        assert_eq!(set.len(), 16);
        assert_eq!(PHONE_SAFE_ALPHABET.len(), 16);
        assert!(PHONE_SAFE_ALPHABET
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase()));
    }

    /// Each group holds characters that look alike, or whose Dutch names
    /// sound alike: the alphabet keeps at most one of each group.
    #[test]
    fn at_most_one_of_each_confusable_group() {
        let groups: [&str; 14] = [
            "0o",
            "1li",
            "2z",
            "5s",
            "8b",
            "6g",
            "9gq",
            "uv",
            "mn", // look
            "bcdegjptvw",
            "ahk",
            "fs",
            "qu",
            "z6", // sound
        ];
        for g in groups {
            let kept: Vec<char> = g
                .chars()
                .filter(|c| PHONE_SAFE_ALPHABET.contains(*c))
                .collect();
            assert!(kept.len() <= 1, "{g}: {kept:?}");
        }
        // The "-ee" digits are out altogether.
        assert!(!PHONE_SAFE_ALPHABET.contains('1') && !PHONE_SAFE_ALPHABET.contains('2'));
    }

    #[test]
    fn every_character_of_the_alphabet_has_a_word() {
        for c in PHONE_SAFE_ALPHABET.chars() {
            assert_ne!(spoken(c), Spoken::Other, "{c}");
            assert_ne!(spoken(c.to_ascii_uppercase()), Spoken::Other, "{c}");
        }
    }

    #[test]
    fn spelling_table() {
        let cases = [
            ('a', Spoken::Lower("Arthur")),
            ('k', Spoken::Lower("Kilogram")),
            ('Z', Spoken::Upper("Zola")),
            ('0', Spoken::Digit("nul")),
            ('7', Spoken::Digit("zeven")),
            ('9', Spoken::Digit("negen")),
            ('-', Spoken::Named("streepje")),
            ('é', Spoken::Other),
            ('!', Spoken::Other),
        ];
        for (c, want) in cases {
            assert_eq!(spoken(c), want, "{c}");
        }
        assert_eq!(
            spell("k7-W!"),
            [
                "k van Kilogram",
                "7 (zeven)",
                "- (streepje)",
                "hoofdletter W van Waterloo",
                "!"
            ]
        );
    }
}
