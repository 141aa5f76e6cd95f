//! A validated referral: the model ([`Referral`] and its parts).
//!
//! Untrusted input becomes a [`Referral`] in `validate.rs` ([`validate`],
//! [`validate_json`]): the input is a JSON object shaped like the public
//! contract (`client`, `contact`, `consent`, `referrer`); every field the
//! protocol does not allow is refused with `unknown_field`; all field errors
//! are collected and returned at once. `walker.rs` walks the input object
//! (keys, types, required and optional fields, error paths); `validate.rs`
//! holds the field rules, the routing to a protocol and the team rule.
//!
//! Types holding personal data deliberately do not derive `Debug`, so they
//! cannot end up in logs or panic messages.

mod validate;
mod walker;

pub use validate::{team_check, team_not_in_protocol, validate};
#[cfg(not(target_arch = "wasm32"))]
pub use validate::{validate_json, MAX_INPUT_BYTES};

use crate::date::Date;
use crate::validate::phone::Phone;

/// A referral that passed validation: every value normalised.
#[derive(Clone, PartialEq, Eq)]
pub struct Referral {
    /// Who is referred.
    pub client: Client,
    /// Where the client lives and how to reach them.
    pub contact: Contact,
    /// The client's consent.
    pub consent: Consent,
    /// The team member who refers.
    pub referrer: Referrer,
}

/// The client's names (NFC, whitespace collapsed).
#[derive(Clone, PartialEq, Eq)]
pub struct Client {
    /// First name(s).
    pub given_name: String,
    /// Family name, particles kept as typed ("Van den Broeck").
    pub family_name: String,
}

/// A street address in Belgium.
#[derive(Clone, PartialEq, Eq)]
pub struct Address {
    /// Street name (NFC, whitespace collapsed).
    pub street: String,
    /// House number, e.g. `12`, `12A`, `12-14`.
    pub house_number: String,
    /// Box number, if any.
    pub box_number: Option<String>,
}

/// Place of residence and contact details.
#[derive(Clone, PartialEq, Eq)]
pub struct Contact {
    /// Street, number and box, when given.
    pub address: Option<Address>,
    /// Four-digit Belgian postal code.
    pub postal_code: String,
    /// The bpost locality as officially spelled (e.g. `Geluwe`).
    pub locality: String,
    /// The municipality the locality belongs to (e.g. `Wervik`): decides the OCMW.
    pub municipality: String,
    /// Phone number (E.164 `+32470123456` and how to show it).
    pub phone: Option<Phone>,
    /// E-mail address, domain lower-cased and in ASCII (punycode) form.
    pub email: Option<String>,
}

/// The consent confirmation. A valid referral always has `informed` and
/// `agreed` true, so only the date is kept.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Consent {
    /// Day the client agreed (not after `today`).
    pub date: Date,
}

/// The referring team member (professional data, not the client's).
#[derive(Clone, PartialEq, Eq)]
pub struct Referrer {
    /// Team name, e.g. `Lokaal team Kind en Gezin Menen`: always one of
    /// the referring teams of the protocol, in the registry's spelling.
    pub team: String,
    /// Name of the team member.
    pub name: String,
    /// Professional phone.
    pub phone: Option<Phone>,
    /// Professional e-mail address.
    pub email: Option<String>,
}

#[cfg(test)]
mod tests;
