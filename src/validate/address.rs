//! Belgian street addresses: street, house number, box, postal code and the
//! municipality text (which [`crate::postal::resolve`] then matches).
//!
//! House numbers follow what bpost and the Belgian address standard accept:
//! a number (no leading zero, at most 5 digits), optionally a letter (`12A`)
//! or `bis`/`ter`/`quater` (`12bis`), optionally a range (`12-14`). `12/1`
//! is refused: the part after the slash is a box number and goes in the box
//! field, so that every address has one form.

use super::{normalise_text, TextRules};
use crate::error::Code;

/// Longest street name, in characters after normalisation.
pub const MAX_STREET_CHARS: usize = 150;

/// Longest municipality text, in characters after normalisation.
pub const MAX_MUNICIPALITY_CHARS: usize = 100;

/// Raw house numbers, boxes and postal codes longer than this (in bytes)
/// are refused as too long.
pub const MAX_SHORT_RAW_BYTES: usize = 64;

/// Longest box number, in characters after normalisation.
pub const MAX_BOX_CHARS: usize = 10;

const STREET: TextRules = TextRules {
    max_chars: MAX_STREET_CHARS,
    digits: true,
    extra: &[',', '/'],
    invalid: Code::InvalidStreet,
};

const MUNICIPALITY: TextRules = TextRules {
    max_chars: MAX_MUNICIPALITY_CHARS,
    digits: false,
    extra: &[],
    invalid: Code::MunicipalityMismatch,
};

/// Normalises a street name like a person's name (whitespace collapsed,
/// NFC), with digits and `. , /` also accepted (`Rue du 11 Novembre`).
///
/// Errors: [`Code::TooLong`], [`Code::ControlCharacters`],
/// [`Code::Required`], [`Code::InvalidStreet`] (no letter, or another
/// character).
pub fn normalise_street(raw: &str) -> Result<String, Code> {
    normalise_text(raw, &STREET).map_err(|p| p.code)
}

/// Normalises the municipality or locality text typed by the user before
/// it is matched against the postal data.
///
/// Errors: [`Code::TooLong`], [`Code::ControlCharacters`],
/// [`Code::Required`], [`Code::MunicipalityMismatch`] (text that cannot be
/// a place name).
pub fn normalise_municipality(raw: &str) -> Result<String, Code> {
    normalise_text(raw, &MUNICIPALITY).map_err(|p| p.code)
}

/// Normalises a house number: `12`, `12A`, `12 a` → `12A`, `12 bis` →
/// `12bis`, `12 - 14` → `12-14`.
///
/// Errors: [`Code::TooLong`], [`Code::ControlCharacters`],
/// [`Code::Required`], [`Code::InvalidHouseNumber`].
pub fn normalise_house_number(raw: &str) -> Result<String, Code> {
    let text = short_field(raw)?;
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let mut out = String::new();
    p.part(&mut out)?;
    p.spaces();
    if p.eat(b'-') {
        p.spaces();
        let mut second = String::new();
        p.part(&mut second)?;
        if sort_key(&second) <= sort_key(&out) {
            return Err(Code::InvalidHouseNumber);
        }
        out.push('-');
        out.push_str(&second);
    }
    if p.i != p.s.len() {
        return Err(Code::InvalidHouseNumber);
    }
    Ok(out)
}

/// Normalises a box number: `B`, `3`, `0.1`, `12A`; a leading `bus`, `bte`,
/// `boîte`, `box` or `b.` is dropped (`bus 3` → `3`). Letters are
/// upper-cased. Accepted characters: ASCII letters and digits, with `.`,
/// `-` or `/` between them; at most [`MAX_BOX_CHARS`].
///
/// Errors: [`Code::TooLong`], [`Code::ControlCharacters`],
/// [`Code::Required`], [`Code::InvalidBox`].
pub fn normalise_box(raw: &str) -> Result<String, Code> {
    let text = super::lowercase(short_field(raw)?);
    let mut value = strip_box_prefix(&text).unwrap_or(&text);
    if strip_box_prefix(value).is_some() {
        // "bus bus 3": one prefix is enough.
        return Err(Code::InvalidBox);
    }
    value = value.trim();
    let bytes = value.as_bytes();
    let separator = |b: u8| matches!(b, b'.' | b'-' | b'/');
    let valid = !bytes.is_empty()
        && bytes.len() <= MAX_BOX_CHARS
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || separator(b))
        && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
        && !bytes.windows(2).any(|w| separator(w[0]) && separator(w[1]))
        && !BOX_WORDS.contains(&value);
    if valid {
        Ok(value.to_ascii_uppercase())
    } else {
        Err(Code::InvalidBox)
    }
}

/// Normalises a Belgian postal code: four ASCII digits after trimming,
/// also when pasted with the country prefix (`B-8940`, `B 8940`, `BE-8940`)
/// or followed by the place (`8940 Wervik`, see [`split_postal_code`]).
/// Whether the code exists is [`crate::postal::resolve`]'s job.
///
/// Errors: [`Code::Required`] (blank), [`Code::InvalidPostalCode`].
pub fn normalise_postal_code(raw: &str) -> Result<String, Code> {
    split_postal_code(raw).map(|(code, _)| code)
}

/// A postal code as people paste it: the four digits, and the place
/// written after them, if any (`8940 Wervik` → `8940`, `Wervik`;
/// `B-8940` → `8940`, none). The place is text for
/// [`normalise_municipality`], not yet checked.
///
/// Errors: [`Code::Required`] (blank), [`Code::InvalidPostalCode`].
pub fn split_postal_code(raw: &str) -> Result<(String, Option<&str>), Code> {
    if raw.len() > MAX_SHORT_RAW_BYTES {
        return Err(Code::InvalidPostalCode);
    }
    let text = raw.trim();
    if text.is_empty() {
        return Err(Code::Required);
    }
    // A country prefix: "B", "BE", then "-" or a space, or nothing.
    let b = text.as_bytes();
    let prefix = match b {
        [b'B' | b'b', b'E' | b'e', rest @ ..]
            if !rest.first().is_some_and(u8::is_ascii_alphabetic) =>
        {
            2
        }
        [b'B' | b'b', rest @ ..] if !rest.first().is_some_and(u8::is_ascii_alphabetic) => 1,
        _ => 0,
    };
    let after = text[prefix..].trim_start();
    let after = if prefix > 0 {
        after.strip_prefix('-').unwrap_or(after).trim_start()
    } else {
        after
    };
    let digits = after
        .get(..4)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()));
    let Some(digits) = digits else {
        return Err(Code::InvalidPostalCode);
    };
    let rest = &after[4..];
    if rest.is_empty() {
        return Ok((digits.to_owned(), None));
    }
    // A place after the code: separated by spaces, a hyphen or a comma,
    // and holding a letter (not a fifth digit).
    let place = rest
        .trim_start()
        .trim_start_matches(['-', ','])
        .trim_start();
    let separated = !rest.starts_with(|c: char| c.is_ascii_digit());
    if separated && place.chars().next().is_some_and(char::is_alphabetic) {
        Ok((digits.to_owned(), Some(place)))
    } else {
        Err(Code::InvalidPostalCode)
    }
}

/// Common checks of the short fields: length cap, invisible characters,
/// blank; returns the trimmed text.
fn short_field(raw: &str) -> Result<&str, Code> {
    if raw.len() > MAX_SHORT_RAW_BYTES {
        return Err(Code::TooLong);
    }
    if super::has_invisible(raw) {
        return Err(Code::ControlCharacters);
    }
    let text = raw.trim();
    if text.is_empty() {
        return Err(Code::Required);
    }
    Ok(text)
}

/// Words that announce a box number, longest first.
const BOX_WORDS: [&str; 6] = ["boîte", "boite", "bus", "bte", "box", "bt"];

/// The text after a box prefix (`bus 3`, `bus3`, `bte. 3`, `b. 3`, `b 3`),
/// or `None` when there is none. A lone `b` counts as a prefix only before
/// whitespace or a dot, so that `B` and `B3` stay box numbers.
fn strip_box_prefix(text: &str) -> Option<&str> {
    BOX_WORDS
        .iter()
        .find_map(|w| {
            text.strip_prefix(w)
                .and_then(|rest| after_box_word(rest, true))
        })
        .or_else(|| {
            text.strip_prefix('b')
                .and_then(|rest| after_box_word(rest, false))
        })
}

/// The value after a box word, if the word is followed by whitespace, `.`,
/// `:` or (when `digit_ok`) a digit.
fn after_box_word(rest: &str, digit_ok: bool) -> Option<&str> {
    let next = rest.chars().next()?;
    let separated = next.is_whitespace() || next == '.' || next == ':';
    (separated || (digit_ok && next.is_ascii_digit()))
        .then(|| rest.trim_start_matches(|c: char| c.is_whitespace() || c == '.' || c == ':'))
}

/// The order of house number parts: by number, then by suffix
/// (`12A` < `12C` < `13`).
fn sort_key(part: &str) -> (u32, &str) {
    let digits = part.bytes().take_while(u8::is_ascii_digit).count();
    let number = part.as_bytes()[..digits]
        .iter()
        .fold(0, |n, d| n * 10 + u32::from(d - b'0'));
    (number, &part[digits..])
}

/// A tiny cursor over an ASCII house number.
struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        if hit {
            self.i += 1;
        }
        hit
    }

    fn spaces(&mut self) {
        while self.peek().is_some_and(|b| b == b' ' || b == b'\t') {
            self.i += 1;
        }
    }

    /// One number with an optional suffix, appended to `out` normalised.
    fn part(&mut self, out: &mut String) -> Result<(), Code> {
        let start = self.i;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.i += 1;
        }
        let digits = &self.s[start..self.i];
        if digits.is_empty() || digits.len() > 5 || digits[0] == b'0' {
            return Err(Code::InvalidHouseNumber);
        }
        out.extend(digits.iter().map(|&b| char::from(b)));
        let before_spaces = self.i;
        self.spaces();
        let word_start = self.i;
        while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.i += 1;
        }
        let word = self.s[word_start..self.i].to_ascii_lowercase();
        match word.as_slice() {
            [] => self.i = before_spaces,
            [letter] => out.push(char::from(letter.to_ascii_uppercase())),
            b"bis" | b"ter" | b"quater" => out.extend(word.iter().map(|&b| char::from(b))),
            _ => return Err(Code::InvalidHouseNumber),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn streets() {
        let table: &[(&str, Result<&str, Code>)] = &[
            ("Kerkstraat", Ok("Kerkstraat")),
            ("  Sint-Jan-Baptiststraat ", Ok("Sint-Jan-Baptiststraat")),
            ("Rue du 11 Novembre", Ok("Rue du 11 Novembre")),
            ("Avenue de l'Hippodrome", Ok("Avenue de l'Hippodrome")),
            ("Chaussée d’Ixelles", Ok("Chaussée d’Ixelles")),
            (
                "Burg. Vandenpeereboomplein",
                Ok("Burg. Vandenpeereboomplein"),
            ),
            (
                "Steenweg op Antwerpen, Zijstraat",
                Ok("Steenweg op Antwerpen, Zijstraat"),
            ),
            (
                "Place de la Re\u{0301}publique",
                Ok("Place de la République"),
            ),
            ("Korte\u{00A0}Nieuwstraat", Ok("Korte Nieuwstraat")),
            ("", Err(Code::Required)),
            ("12", Err(Code::InvalidStreet)),
            ("Kerkstraat #12", Err(Code::InvalidStreet)),
            ("Kerkstraat; DROP", Err(Code::InvalidStreet)),
            ("Kerk\u{202E}straat", Err(Code::ControlCharacters)),
        ];
        for (raw, want) in table {
            assert_eq!(normalise_street(raw).as_deref(), want.as_deref(), "{raw:?}");
        }
        assert_eq!(normalise_street(&"a".repeat(151)), Err(Code::TooLong));
    }

    #[test]
    fn house_numbers() {
        let table: &[(&str, Result<&str, Code>)] = &[
            ("12", Ok("12")),
            (" 12 ", Ok("12")),
            ("12A", Ok("12A")),
            ("12a", Ok("12A")),
            ("12 a", Ok("12A")),
            ("12 bis", Ok("12bis")),
            ("12BIS", Ok("12bis")),
            ("3ter", Ok("3ter")),
            ("12-14", Ok("12-14")),
            ("12 - 14", Ok("12-14")),
            ("12a-12c", Ok("12A-12C")),
            ("99999", Ok("99999")),
            ("", Err(Code::Required)),
            ("0", Err(Code::InvalidHouseNumber)),
            ("012", Err(Code::InvalidHouseNumber)),
            ("123456", Err(Code::InvalidHouseNumber)),
            ("A", Err(Code::InvalidHouseNumber)),
            ("12/1", Err(Code::InvalidHouseNumber)),
            ("12 bus 3", Err(Code::InvalidHouseNumber)),
            ("12AB", Err(Code::InvalidHouseNumber)),
            ("14-12", Err(Code::InvalidHouseNumber)),
            ("12-12", Err(Code::InvalidHouseNumber)),
            ("12-", Err(Code::InvalidHouseNumber)),
            ("1 2", Err(Code::InvalidHouseNumber)),
            ("12 é", Err(Code::InvalidHouseNumber)),
            ("１２", Err(Code::InvalidHouseNumber)),
            ("twaalf", Err(Code::InvalidHouseNumber)),
            ("12\u{200B}", Err(Code::ControlCharacters)),
        ];
        for (raw, want) in table {
            assert_eq!(
                normalise_house_number(raw).as_deref(),
                want.as_deref(),
                "{raw:?}"
            );
        }
        assert_eq!(normalise_house_number(&"1".repeat(65)), Err(Code::TooLong));
    }

    #[test]
    fn boxes() {
        let table: &[(&str, Result<&str, Code>)] = &[
            ("B", Ok("B")),
            ("b", Ok("B")),
            ("3", Ok("3")),
            ("0.1", Ok("0.1")),
            ("bus 3", Ok("3")),
            ("Bus 12A", Ok("12A")),
            ("bus3", Ok("3")),
            ("bte 4", Ok("4")),
            ("Bte. 0.2", Ok("0.2")),
            ("boîte 5", Ok("5")),
            ("b. 3", Ok("3")),
            ("b 3", Ok("3")),
            ("B3", Ok("B3")),
            ("A-12", Ok("A-12")),
            ("2/1", Ok("2/1")),
            ("", Err(Code::Required)),
            ("bus", Err(Code::InvalidBox)),
            ("bus ", Err(Code::InvalidBox)),
            ("bus bus 3", Err(Code::InvalidBox)),
            ("3 4", Err(Code::InvalidBox)),
            (".3", Err(Code::InvalidBox)),
            ("3.", Err(Code::InvalidBox)),
            ("0..1", Err(Code::InvalidBox)),
            ("ééé", Err(Code::InvalidBox)),
            ("12345678901", Err(Code::InvalidBox)),
            ("3\u{0000}", Err(Code::ControlCharacters)),
        ];
        for (raw, want) in table {
            assert_eq!(normalise_box(raw).as_deref(), want.as_deref(), "{raw:?}");
        }
    }

    #[test]
    fn postal_codes() {
        let table: &[(&str, Result<&str, Code>)] = &[
            ("8940", Ok("8940")),
            (" 8820 ", Ok("8820")),
            ("1000", Ok("1000")),
            ("", Err(Code::Required)),
            ("  ", Err(Code::Required)),
            ("894", Err(Code::InvalidPostalCode)),
            ("89400", Err(Code::InvalidPostalCode)),
            // Pasted with the country prefix or the place.
            ("B-8940", Ok("8940")),
            ("b 8940", Ok("8940")),
            ("B8940", Ok("8940")),
            ("BE-8940", Ok("8940")),
            ("8940 Wervik", Ok("8940")),
            ("8940-Geluwe", Ok("8940")),
            ("B-8940 Wervik", Ok("8940")),
            ("BX-8940", Err(Code::InvalidPostalCode)),
            ("Wervik 8940", Err(Code::InvalidPostalCode)),
            ("8940 12", Err(Code::InvalidPostalCode)),
            ("8940-", Err(Code::InvalidPostalCode)),
            ("89 40", Err(Code::InvalidPostalCode)),
            ("８９４０", Err(Code::InvalidPostalCode)),
            ("8940\u{200B}", Err(Code::InvalidPostalCode)),
        ];
        for (raw, want) in table {
            assert_eq!(
                normalise_postal_code(raw).as_deref(),
                want.as_deref(),
                "{raw:?}"
            );
        }
        let places = [
            ("8940 Wervik", Some("Wervik")),
            ("B-8940  Geluwe ", Some("Geluwe")),
            ("8940, Wervik", Some("Wervik")),
            ("8940", None),
            ("B-8940", None),
        ];
        for (raw, want) in places {
            assert_eq!(split_postal_code(raw).map(|(_, p)| p), Ok(want), "{raw:?}");
        }
    }

    #[test]
    fn municipality_text() {
        let table: &[(&str, Result<&str, Code>)] = &[
            ("Geluwe", Ok("Geluwe")),
            (" sint  niklaas ", Ok("sint niklaas")),
            ("'s Gravenwezel", Ok("'s Gravenwezel")),
            ("Braine-l’Alleud", Ok("Braine-l’Alleud")),
            ("", Err(Code::Required)),
            ("8940", Err(Code::MunicipalityMismatch)),
            ("Wer\u{200D}vik", Err(Code::ControlCharacters)),
        ];
        for (raw, want) in table {
            assert_eq!(
                normalise_municipality(raw).as_deref(),
                want.as_deref(),
                "{raw:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn address_never_panics_and_is_idempotent(s in "[0-9a-zA-Z ./\\-éî]{0,16}|\\PC{0,40}") {
            type F = fn(&str) -> Result<String, Code>;
            let fs: [F; 5] = [
                normalise_street,
                normalise_house_number,
                normalise_box,
                normalise_postal_code,
                normalise_municipality,
            ];
            for f in fs {
                if let Ok(once) = f(&s) {
                    prop_assert_eq!(f(&once), Ok(once.clone()));
                }
            }
        }

        #[test]
        fn boxes_with_prefix_are_idempotent(
            p in "(bus|Bus|bte|BTE|b|B|box|bt|boîte)[ .:]{0,2}",
            v in "[0-9a-zA-Z./\\-]{0,6}",
        ) {
            let s = format!("{p}{v}");
            if let Ok(once) = normalise_box(&s) {
                prop_assert_eq!(normalise_box(&once), Ok(once.clone()));
            }
        }
    }
}
