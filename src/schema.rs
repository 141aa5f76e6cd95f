//! The referral's input schema, written once: every section and field of
//! the public contract, with its kind, whether it is required and its Dutch
//! label.
//!
//! Derived from it: the keys the walker in [`referral`](crate::referral)
//! accepts (any other key is an `unknown_field`) and the labels of error
//! messages ([`field_label`](crate::error::field_label)). Checked against it
//! by `tests/schema.rs`, which fails when one drifts: the TypeScript types
//! in `wasm.rs`, the keys `render` writes, the form's fields in
//! `www/js/form.js` and the paths the property tests use.

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text: a string; `null`, absent or blank is "not given".
    Text,
    /// A confirmation: the boolean `true`; anything else is not confirmed.
    Confirmation,
}

/// Whether a field must be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Always required.
    Required,
    /// May be left out (some have a rule with others, e.g. street and
    /// house number go together; see [`referral`](crate::referral)).
    Optional,
}

/// One field of the input.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// Its key inside its section (camelCase).
    pub key: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether it must be given.
    pub presence: Presence,
    /// Its Dutch label in error messages, with article ("De voornaam").
    pub label: &'static str,
}

/// One section of the input: a key of the top-level object.
#[derive(Clone, Copy, Debug)]
pub struct Section {
    /// Its key (camelCase).
    pub key: &'static str,
    /// Its Dutch label in error messages.
    pub label: &'static str,
    /// Its fields, in the order of the contract.
    pub fields: &'static [Field],
}

const fn text(key: &'static str, presence: Presence, label: &'static str) -> Field {
    Field {
        key,
        kind: Kind::Text,
        presence,
        label,
    }
}

const fn confirmation(key: &'static str, label: &'static str) -> Field {
    Field {
        key,
        kind: Kind::Confirmation,
        presence: Presence::Required,
        label,
    }
}

impl Section {
    const fn new(key: &'static str, label: &'static str, fields: &'static [Field]) -> Section {
        Section { key, label, fields }
    }
}

use Presence::{Optional, Required};

/// The sections of a referral, in the order of the contract.
pub const SECTIONS: [Section; 4] = [
    Section::new(
        "client",
        "De cliënt",
        &[
            text("givenName", Required, "De voornaam"),
            text("familyName", Required, "De familienaam"),
        ],
    ),
    Section::new(
        "contact",
        "Contactgegeven",
        &[
            text("street", Optional, "De straat"),
            text("houseNumber", Optional, "Het huisnummer"),
            text("box", Optional, "Het busnummer"),
            text("postalCode", Required, "De postcode"),
            text("municipality", Required, "De gemeente"),
            text("phone", Optional, "Het telefoonnummer"),
            text("email", Optional, "Het e-mailadres"),
        ],
    ),
    Section::new(
        "consent",
        "De toestemming",
        &[
            confirmation("informed", "De bevestiging dat de cliënt geïnformeerd is"),
            confirmation("agreed", "De bevestiging dat de cliënt akkoord gaat"),
            text("date", Required, "De datum van de toestemming"),
        ],
    ),
    Section::new(
        "referrer",
        "De verwijzer",
        &[
            text("team", Required, "Het team"),
            text("name", Required, "De naam van de verwijzer"),
            text("phone", Optional, "Het telefoonnummer van de verwijzer"),
            text("email", Optional, "Het e-mailadres van de verwijzer"),
        ],
    ),
];

/// The section under `key`.
pub fn section(key: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.key == key)
}

/// Every field with its dotted path (`client.givenName`), in contract order.
pub fn fields() -> impl Iterator<Item = (String, &'static Field)> {
    SECTIONS.iter().flat_map(|s| {
        s.fields
            .iter()
            .map(move |f| (format!("{}.{}", s.key, f.key), f))
    })
}

/// The Dutch label of a section or field path, if the schema has it.
pub fn label(path: &str) -> Option<&'static str> {
    match path.split_once('.') {
        None => section(path).map(|s| s.label),
        Some((s, k)) => section(s)?
            .fields
            .iter()
            .find(|f| f.key == k)
            .map(|f| f.label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_unique_and_labelled() {
        let paths: Vec<String> = fields().map(|(p, _)| p).collect();
        let mut unique = paths.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), paths.len());
        for p in &paths {
            assert!(label(p).is_some_and(|l| !l.is_empty()), "{p}");
        }
        assert_eq!(label("client"), Some("De cliënt"));
        assert_eq!(label("client.nationalNumber"), None);
        assert_eq!(label("notes"), None);
    }
}
