//! The Unicode properties the validators need, one call per string.
//!
//! * [`nfc`] and [`nfd`]: Unicode normalization forms C and D (UAX #15);
//! * [`classify`]: for each character, whether it is unassigned (or private
//!   use, a noncharacter or a surrogate), a combining mark (general
//!   category M) or anything else.
//!
//! Every function takes a whole string, never a character: on WebAssembly
//! each is a call into the JavaScript engine, which already carries these
//! properties (`String.prototype.normalize`, Unicode property escapes in
//! regular expressions), so the module needs no tables of its own (they
//! were about 11.5 KB of its gzipped size). Callers check their length
//! limits before calling. ASCII text is answered here without a call.
//!
//! Two back ends, one behaviour:
//!
//! * WebAssembly asks the JavaScript engine (`unicode/js.rs`), so the
//!   Unicode version is that of the engine's ICU data (Unicode 17.0 in
//!   Node 20.20 with ICU 78.2; each browser release has its own);
//! * native builds (tests, fuzzing, tools) use the `unicode-normalization`
//!   crate (a dependency of native builds only) and `char`'s own methods.
//!
//! The two can differ only for characters assigned in one version and not
//! in the other: decompositions are stable for characters assigned in both
//! (Unicode's normalization stability policy). Every validator refuses
//! unassigned characters before it normalises, so such a character is
//! refused by the older side and may be accepted by the newer one; nothing
//! else changes. `tests/js/unicode.test.mjs` runs the engine path through
//! the public API with the inputs that stress it. Engines without Unicode
//! property escapes (before 2018-20) throw on the first non-ASCII text.
//!
//! Personal data: on WebAssembly the text fields being validated (names,
//! street, house number, municipality, phone, e-mail address and domain
//! labels, unknown keys) become JavaScript strings here when they hold a
//! non-ASCII character (ASCII text never crosses), and the garbage
//! collector frees those strings without wiping them. They were JavaScript strings
//! already (the input arrives from JavaScript, and the normalised referral
//! goes back to it), and nothing here touches Wasm memory beyond the usual
//! copies that the wiping allocator clears, so the module's memory still
//! holds no plaintext once an export returns (`tests/js/memory.test.mjs`).
//! Passwords never come here: `password.rs` works on ASCII passwords with
//! `char`'s own methods.

#[cfg(target_arch = "wasm32")]
mod js;

#[cfg(target_arch = "wasm32")]
use js as engine;
#[cfg(not(target_arch = "wasm32"))]
use native as engine;

/// The native back end: the `unicode-normalization` crate.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::Class;
    use unicode_normalization::char::{is_combining_mark, is_public_assigned};
    use unicode_normalization::UnicodeNormalization;

    pub(super) fn nfc(s: &str) -> String {
        s.nfc().collect()
    }

    pub(super) fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    /// Appends the lower case of `c` (`char::to_lowercase`).
    pub(super) fn lowercase_char(c: char, out: &mut String) {
        out.extend(c.to_lowercase());
    }

    pub(super) fn classify(s: &str) -> Vec<Class> {
        s.chars()
            .map(|c| {
                if !is_public_assigned(c) {
                    Class::Unassigned
                } else if is_combining_mark(c) {
                    Class::Mark
                } else {
                    Class::Other
                }
            })
            .collect()
    }
}

/// What the validators need to know of a character beyond `char`'s own
/// methods.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Unassigned (general category Cn, which includes noncharacters),
    /// private use (Co) or a surrogate (Cs).
    Unassigned,
    /// A combining mark: general category Mn, Mc or Me.
    Mark,
    /// Anything else.
    Other,
}

/// Unicode Normalization Form C: canonical decomposition, canonical
/// ordering of combining marks, canonical composition.
pub(crate) fn nfc(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    engine::nfc(s)
}

/// Unicode Normalization Form D: canonical decomposition and canonical
/// ordering of combining marks.
pub(crate) fn nfd(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    engine::nfd(s)
}

/// Lower case, character by character: what `char::to_lowercase` gives for
/// each, without context-dependent rules (no Greek final sigma), as IDNA's
/// mapping wants. On WebAssembly one call into the JavaScript engine per
/// non-ASCII character, which keeps the standard library's case tables
/// (12 KB) out of the module.
pub(crate) fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            engine::lowercase_char(c, &mut out);
        }
    }
    out
}

/// The [`Class`] of each character of `s`, in order: as many as
/// `s.chars()` yields.
pub(crate) fn classify(s: &str) -> Vec<Class> {
    if s.is_ascii() {
        // Every ASCII character is assigned (controls are, as Cc), none is
        // a mark.
        return vec![Class::Other; s.len()];
    }
    engine::classify(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_assigned_and_unmarked() {
        // The shortcut above against the back end, for every ASCII character.
        let ascii: String = (0u8..=0x7F).map(char::from).collect();
        assert!(engine::classify(&ascii) == classify(&ascii));
        assert!(classify(&ascii).iter().all(|&k| k == Class::Other));
        assert_eq!(engine::nfc(&ascii), ascii);
        assert_eq!(engine::nfd(&ascii), ascii);
    }

    #[test]
    fn lowercase_is_per_character() {
        // Expected values from UnicodeData.txt / SpecialCasing.txt.
        for (typed, lower) in [
            ("Van den BROECK", "van den broeck"),
            ("D'HONDT", "d'hondt"),
            ("ÇELİK-YILMAZ", "çeli\u{307}k-yilmaz"),
            // Capital sigma at the end of a word: σ, not the final ς.
            ("ΑΣ", "ασ"),
            ("\u{1E9E}", "ß"),
            ("NGUYỄN", "nguyễn"),
            ("ǅ", "ǆ"),
            ("", ""),
        ] {
            assert_eq!(lowercase(typed), lower, "{typed}");
        }
    }

    #[test]
    fn classes_of_names() {
        use Class::{Mark as M, Other as O, Unassigned as U};
        let table: [(&str, &[Class]); 7] = [
            ("Hà", &[O, O]),
            ("Ha\u{0300}", &[O, O, M]),
            // Vietnamese in decomposed form: ệ as e + circumflex + dot below.
            ("Nguye\u{0302}\u{0303}n", &[O, O, O, O, O, M, M, O]),
            ("\u{0301}a", &[M, O]),
            // Private use, noncharacters, unassigned (U+0378, U+1FFFE).
            (
                "\u{E000}\u{FDD0}\u{FFFF}\u{0378}\u{1FFFE}",
                &[U, U, U, U, U],
            ),
            // Hindi: क + virama (Mn) + ष + vowel sign i (Mc).
            ("\u{0915}\u{094D}\u{0937}\u{093F}", &[O, M, O, M]),
            ("Çelik-Yılmaz", &[O, O, O, O, O, O, O, O, O, O, O, O]),
        ];
        for (text, expected) in table {
            assert!(classify(text) == expected, "{text:?}");
        }
    }

    /// What `validate/email.rs` relies on to normalise a whole domain at
    /// once: a full stop is in no canonical decomposition and composes with
    /// nothing, so the NFC of a domain is the NFC of its labels joined by
    /// full stops.
    #[test]
    fn a_full_stop_neither_decomposes_nor_composes() {
        use unicode_normalization::char::{compose, decompose_canonical};
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c != '.' {
                decompose_canonical(c, |d| assert_ne!(d, '.', "{c:?}"));
            }
            assert_eq!(compose(c, '.'), None, "{c:?}");
            assert_eq!(compose('.', c), None, "{c:?}");
        }
    }
}
