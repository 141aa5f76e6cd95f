//! The WebAssembly back end of [`super`]: the JavaScript engine's Unicode.
//!
//! `String.prototype.normalize` for NFC and NFD, and regular expressions
//! with Unicode property escapes (`/\p{M}/u`, ECMAScript 2018) for the
//! classes. Each function makes a fixed number of calls for a whole string.

use super::Class;
use js_sys::{JsString, RegExp};

/// Unicode Normalization Form C, by the engine.
pub(super) fn nfc(s: &str) -> String {
    String::from(JsString::from(s).normalize("NFC"))
}

/// Unicode Normalization Form D, by the engine.
pub(super) fn nfd(s: &str) -> String {
    String::from(JsString::from(s).normalize("NFD"))
}

/// Appends the lower case of `c`, by the engine: `toLowerCase` of the one
/// character alone, so no context-dependent rule applies.
pub(super) fn lowercase_char(c: char, out: &mut String) {
    let mut buf = [0u8; 4];
    out.push_str(&String::from(
        JsString::from(&*c.encode_utf8(&mut buf)).to_lower_case(),
    ));
}

/// The [`Class`] of each character of `s`.
///
/// Three replacements turn every code point into one ASCII letter: first
/// everything that is neither a mark nor unassigned into `o`, then marks
/// into `m`, then what is left (unassigned, private use, surrogates) into
/// `u`. The `u` flag makes each match a whole code point, astral ones
/// included, so the result has one letter per `char` of `s`.
pub(super) fn classify(s: &str) -> Vec<Class> {
    let n = s.chars().count();
    let letters = JsString::from(s)
        .replace_by_pattern(&RegExp::new(r"[^\p{M}\p{Cn}\p{Co}\p{Cs}]", "gu"), "o")
        .replace_by_pattern(&RegExp::new(r"\p{M}", "gu"), "m")
        .replace_by_pattern(&RegExp::new(r"[\p{Cn}\p{Co}\p{Cs}]", "gu"), "u");
    let classes: Vec<Class> = String::from(letters)
        .bytes()
        .map(|b| match b {
            b'o' => Class::Other,
            b'm' => Class::Mark,
            _ => Class::Unassigned,
        })
        .collect();
    if classes.len() == n {
        classes
    } else {
        // Cannot happen (see above); refuse rather than misalign.
        vec![Class::Unassigned; n]
    }
}
