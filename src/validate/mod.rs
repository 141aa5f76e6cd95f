//! Field validators: one pure function per kind of field.
//!
//! Every validator takes the raw text the user typed and returns either the
//! normalised value or one [`Code`](crate::error::Code). They never panic,
//! refuse oversized input before doing any heavy work, and are idempotent:
//! normalising an already normalised value returns it unchanged.
//!
//! * [`name`]: first and family names (every script), team names;
//! * [`phone`]: Belgian and foreign phone numbers → E.164;
//! * [`email`]: e-mail addresses (IDN domains → punycode);
//! * [`address`]: street, house number, box, postal code, municipality text.
//!
//! Empty or blank input gives [`Code::Required`](crate::error::Code::Required),
//! so that the caller can treat it as "absent" for optional fields.

pub mod address;
pub mod email;
pub mod name;
pub mod phone;

mod unicode;

use crate::error::{Code, Problem};
pub(crate) use unicode::{classify, lowercase, nfc, nfd, Class};

/// Raw input longer than this (in bytes) is refused before any other work.
pub(crate) const MAX_RAW_BYTES: usize = 1024;

/// More combining marks than this on one base character is refused
/// ("Zalgo" text); real scripts stay far below it once in NFC.
const MAX_MARKS_PER_BASE: usize = 4;

/// Each character of `s` with whether it is invisible (see
/// [`is_invisible`]).
pub(crate) fn invisibility(s: &str) -> impl Iterator<Item = (char, bool)> + '_ {
    s.chars()
        .zip(classify(s))
        .map(|(c, class)| (c, is_invisible(c, class)))
}

/// Whether `s` holds an invisible character other than whitespace.
pub(crate) fn has_invisible(s: &str) -> bool {
    invisibility(s).any(|(c, invisible)| invisible && !c.is_whitespace())
}

/// Whether `c`, of [`Class`] `class`, is a control, format, bidi,
/// zero-width, private-use, unassigned or otherwise invisible character.
///
/// Whitespace is not included: callers handle it before asking.
pub(crate) fn is_invisible(c: char, class: Class) -> bool {
    c.is_control()
        || class == Class::Unassigned
        || matches!(
            c,
            // General category Cf (format), Unicode 16.
            '\u{00AD}'
                | '\u{0600}'..='\u{0605}'
                | '\u{061C}'
                | '\u{06DD}'
                | '\u{070F}'
                | '\u{0890}'..='\u{0891}'
                | '\u{08E2}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{110BD}'
                | '\u{110CD}'
                | '\u{13430}'..='\u{1343F}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0001}'
                | '\u{E0020}'..='\u{E007F}'
                // Invisible although not Cf: combining grapheme joiner,
                // Hangul fillers, Khmer inherent vowels, variation
                // selectors, Mongolian free variation selectors, braille
                // blank, object replacement and replacement characters.
                | '\u{034F}'
                | '\u{115F}'..='\u{1160}'
                | '\u{3164}'
                | '\u{FFA0}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{E0100}'..='\u{E01EF}'
                | '\u{180B}'..='\u{180D}'
                | '\u{180F}'
                | '\u{2800}'
                | '\u{FFFC}'..='\u{FFFD}'
        )
}

/// Apostrophe-like characters accepted in names and kept as typed
/// (typewriter ', typographic ’ and ‘, grave and acute accents that people
/// type for an apostrophe; ʼ and ʻ are letters already).
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}')
}

/// Hyphen-like characters accepted in names (ASCII hyphen-minus, Unicode
/// hyphen and non-breaking hyphen, and the en dash that word processors
/// substitute).
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// Punctuation that belongs to names in some scripts: full stop (initials),
/// middle dots (Catalan l·l, katakana ・) and Hebrew geresh/gershayim.
fn is_name_punctuation(c: char) -> bool {
    matches!(c, '.' | '\u{00B7}' | '\u{30FB}' | '\u{05F3}' | '\u{05F4}')
}

/// Why a name (or a field checked like one) was refused for a digit.
const DIGIT_DETAIL: &str = "mag geen cijfers bevatten.";
/// … for a symbol.
const SYMBOL_DETAIL: &str = "bevat een teken dat hier niet kan staan (zoals @, #, / of een emoji). Gebruik letters, spaties, koppeltekens en apostrofs.";
/// … for having no letter.
const NO_LETTER_DETAIL: &str = "moet letters bevatten.";

/// What a free-text field accepts beyond letters, marks, spaces, apostrophes,
/// hyphens and name punctuation.
pub(crate) struct TextRules {
    /// Longest accepted value, in characters, after normalisation (≤ 256).
    pub max_chars: usize,
    /// Whether ASCII digits are accepted.
    pub digits: bool,
    /// Further accepted ASCII punctuation.
    pub extra: &'static [char],
    /// Code for a character that is not accepted, or for no letter at all.
    pub invalid: Code,
}

/// Normalises free text: refuses invisible characters, collapses every run
/// of Unicode whitespace to one ASCII space, trims, applies NFC, and checks
/// each character against `rules`. The result contains at least one letter.
///
/// The refusal says why when it can: a digit where none is allowed, a
/// symbol (`@`, `#`, an emoji …), no letter at all.
pub(crate) fn normalise_text(raw: &str, rules: &TextRules) -> Result<String, Problem> {
    if raw.len() > MAX_RAW_BYTES {
        return Err(Code::TooLong.into());
    }
    if has_invisible(raw) {
        return Err(Code::ControlCharacters.into());
    }
    let mut collapsed = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    if collapsed.is_empty() {
        return Err(Code::Required.into());
    }
    let text = nfc(&collapsed);

    let mut has_letter = false;
    // Combining marks in a row, and whether the last character can carry one.
    let mut marks = 0usize;
    let mut after_base = false;
    let mut count = 0usize;
    for (c, class) in text.chars().zip(classify(&text)) {
        count += 1;
        if class == Class::Mark {
            marks += 1;
            if !after_base || marks > MAX_MARKS_PER_BASE {
                return Err(rules.invalid.into());
            }
            continue;
        }
        marks = 0;
        after_base = false;
        if c.is_alphabetic() {
            has_letter = true;
            after_base = true;
        } else if c.is_ascii_digit() && rules.digits {
            after_base = true;
        } else if c.is_numeric() {
            return Err(Problem::detailed(rules.invalid, DIGIT_DETAIL));
        } else if !(c == ' '
            || is_apostrophe(c)
            || is_hyphen(c)
            || is_name_punctuation(c)
            || rules.extra.contains(&c))
        {
            return Err(Problem::detailed(rules.invalid, SYMBOL_DETAIL));
        }
    }
    if !has_letter {
        return Err(Problem::detailed(rules.invalid, NO_LETTER_DETAIL));
    }
    if count > rules.max_chars {
        return Err(Code::TooLong.into());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters() {
        let invisible = [
            '\u{0000}',
            '\u{0007}',
            '\u{007F}',
            '\u{0085}',
            '\u{00AD}',
            '\u{061C}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{200F}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{2066}',
            '\u{2069}',
            '\u{FEFF}',
            '\u{E000}',
            '\u{F8FF}',
            '\u{0378}',
            '\u{FDD0}',
            '\u{FFFF}',
            '\u{E0041}',
            '\u{FE0F}',
            '\u{3164}',
            '\u{FFFD}',
            '\u{10FFFF}',
        ];
        for c in invisible {
            let s = format!("a{c}b");
            // U+0085 (next line) is whitespace too, left to the callers.
            assert_eq!(has_invisible(&s), c != '\u{0085}', "U+{:04X}", u32::from(c));
            let flags: Vec<bool> = invisibility(&s).map(|(_, i)| i).collect();
            assert_eq!(flags, [false, true, false], "U+{:04X}", u32::from(c));
        }
        let visible = [
            'a', 'é', 'ß', 'İ', 'ı', 'Ж', 'ع', '中', '\u{0301}', '\'', '’', '-', '1',
        ];
        for c in visible {
            assert!(!has_invisible(&format!("a{c}b")), "U+{:04X}", u32::from(c));
        }
        // Whitespace is left to the callers.
        assert!(!has_invisible("a\u{00A0}b\tc\u{3000}d"));
        assert!(invisibility("\t").all(|(_, invisible)| invisible));
    }
}
