//! Stable error codes and their Dutch messages.
//!
//! Every refusal the user can meet is a [`FieldError`]: the dotted camelCase
//! path of the input field, a stable `snake_case` [`Code`] and a Dutch
//! message. The UI switches on the code, never on the message. A message
//! names the field, never the value the user typed.

use std::fmt;

/// A stable, machine-readable reason for a refusal.
///
/// The `snake_case` spelling returned by [`Code::as_str`] is part of the
/// public JavaScript contract: codes may be added, never renamed.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// A required field is missing or empty.
    Required,
    /// The value is longer than the field allows.
    TooLong,
    /// The value holds control, bidi-override, zero-width or other invisible characters.
    ControlCharacters,
    /// The value is not valid text for a name (e.g. no letter at all).
    InvalidName,
    /// Not a possible phone number.
    InvalidPhone,
    /// Not a usable e-mail address.
    InvalidEmail,
    /// Not four digits.
    InvalidPostalCode,
    /// Four digits, but not a Belgian postal code.
    UnknownPostalCode,
    /// The municipality does not belong to the postal code.
    MunicipalityMismatch,
    /// Not a house number (12, 12A, 12-14, …).
    InvalidHouseNumber,
    /// Not a box number.
    InvalidBox,
    /// Not a plausible street name.
    InvalidStreet,
    /// Neither a full address, nor a phone number, nor an e-mail address.
    NoContactMethod,
    /// Consent not confirmed (informed and agreed must both be true).
    ConsentMissing,
    /// Not an ISO date (YYYY-MM-DD) or not an existing day.
    InvalidDate,
    /// A consent date after today.
    DateInFuture,
    /// No protocol covers the client's municipality.
    NoProtocolForMunicipality,
    /// A protocol exists but is not in force on the given day.
    ProtocolNotInForce,
    /// The referrer's team is not a referring team of the protocol that
    /// the client's postal code selects.
    TeamNotInProtocol,
    /// A field that the protocol does not allow.
    UnknownField,
    /// The value has the wrong JSON type (e.g. a number where text is expected).
    InvalidType,
    /// The whole input is too large or too deeply nested.
    InputTooLarge,
    /// The input is not a JSON object.
    InvalidInput,
    /// The password is too weak.
    WeakPassword,
    /// The password holds characters other than printable ASCII.
    PasswordNotAscii,
    /// An option has an invalid value.
    InvalidOption,
    /// The protocol registry is malformed.
    InvalidRegistry,
    /// The archive could not be written.
    ArchiveFailed,
    /// The archive did not re-open to the same content.
    SelfCheckFailed,
    /// No cryptographically secure random source is available.
    RandomUnavailable,
}

impl Code {
    /// The stable `snake_case` name of the code.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Required => "required",
            Code::TooLong => "too_long",
            Code::ControlCharacters => "control_characters",
            Code::InvalidName => "invalid_name",
            Code::InvalidPhone => "invalid_phone",
            Code::InvalidEmail => "invalid_email",
            Code::InvalidPostalCode => "invalid_postal_code",
            Code::UnknownPostalCode => "unknown_postal_code",
            Code::MunicipalityMismatch => "municipality_mismatch",
            Code::InvalidHouseNumber => "invalid_house_number",
            Code::InvalidBox => "invalid_box",
            Code::InvalidStreet => "invalid_street",
            Code::NoContactMethod => "no_contact_method",
            Code::ConsentMissing => "consent_missing",
            Code::InvalidDate => "invalid_date",
            Code::DateInFuture => "date_in_future",
            Code::NoProtocolForMunicipality => "no_protocol_for_municipality",
            Code::ProtocolNotInForce => "protocol_not_in_force",
            Code::TeamNotInProtocol => "team_not_in_protocol",
            Code::UnknownField => "unknown_field",
            Code::InvalidType => "invalid_type",
            Code::InputTooLarge => "input_too_large",
            Code::InvalidInput => "invalid_input",
            Code::WeakPassword => "weak_password",
            Code::PasswordNotAscii => "password_not_ascii",
            Code::InvalidOption => "invalid_option",
            Code::InvalidRegistry => "invalid_registry",
            Code::ArchiveFailed => "archive_failed",
            Code::SelfCheckFailed => "self_check_failed",
            Code::RandomUnavailable => "random_unavailable",
        }
    }

    /// Every code, in declaration order (for tests and documentation).
    pub const ALL: [Code; 30] = [
        Code::Required,
        Code::TooLong,
        Code::ControlCharacters,
        Code::InvalidName,
        Code::InvalidPhone,
        Code::InvalidEmail,
        Code::InvalidPostalCode,
        Code::UnknownPostalCode,
        Code::MunicipalityMismatch,
        Code::InvalidHouseNumber,
        Code::InvalidBox,
        Code::InvalidStreet,
        Code::NoContactMethod,
        Code::ConsentMissing,
        Code::InvalidDate,
        Code::DateInFuture,
        Code::NoProtocolForMunicipality,
        Code::ProtocolNotInForce,
        Code::TeamNotInProtocol,
        Code::UnknownField,
        Code::InvalidType,
        Code::InputTooLarge,
        Code::InvalidInput,
        Code::WeakPassword,
        Code::PasswordNotAscii,
        Code::InvalidOption,
        Code::InvalidRegistry,
        Code::ArchiveFailed,
        Code::SelfCheckFailed,
        Code::RandomUnavailable,
    ];

    /// The Dutch sentence that explains the code, without the field name.
    pub fn message_nl(self) -> &'static str {
        match self {
            Code::Required => "is verplicht.",
            Code::TooLong => "is te lang.",
            Code::ControlCharacters => "bevat onzichtbare of besturingstekens. Typ de waarde opnieuw in plaats van ze te plakken.",
            Code::InvalidName => "is geen geldige naam.",
            Code::InvalidPhone => "is geen geldig telefoonnummer. Gebruik bijvoorbeeld 0470 12 34 56 of +33 6 12 34 56 78.",
            Code::InvalidEmail => "is geen geldig e-mailadres.",
            Code::InvalidPostalCode => "moet uit vier cijfers bestaan.",
            Code::UnknownPostalCode => "is geen bestaande Belgische postcode.",
            Code::MunicipalityMismatch => "hoort niet bij deze postcode.",
            Code::InvalidHouseNumber => "is geen geldig huisnummer (bijvoorbeeld 12, 12A of 12-14).",
            Code::InvalidBox => "is geen geldig busnummer.",
            Code::InvalidStreet => "is geen geldige straatnaam.",
            Code::NoContactMethod => "ontbreekt: geef een volledig adres, een telefoonnummer of een e-mailadres.",
            Code::ConsentMissing => "ontbreekt: de cliënt moet geïnformeerd zijn en uitdrukkelijk akkoord gaan.",
            Code::InvalidDate => "is geen geldige datum (JJJJ-MM-DD).",
            Code::DateInFuture => "ligt in de toekomst.",
            Code::NoProtocolForMunicipality => "valt onder geen enkel protocol: er mag enkel doorverwezen worden naar het OCMW van de woonplaats van de cliënt waarmee een protocol is gesloten.",
            Code::ProtocolNotInForce => "valt onder een protocol dat vandaag niet van kracht is.",
            Code::TeamNotInProtocol => "heeft geen protocol met het OCMW van de woonplaats van de cliënt.",
            Code::UnknownField => "is geen toegelaten gegeven: het protocol laat enkel naam en contactgegevens toe.",
            Code::InvalidType => "heeft een verkeerd type.",
            Code::InputTooLarge => "is te groot.",
            Code::InvalidInput => "is geen geldige doorverwijzing.",
            Code::WeakPassword => "is te zwak. Gebruik het voorgestelde wachtwoord of een langer wachtwoord.",
            Code::PasswordNotAscii => "mag enkel letters zonder accenten, cijfers en gewone leestekens bevatten (7-Zip op Windows leest andere tekens verkeerd).",
            Code::InvalidOption => "heeft een ongeldige waarde.",
            Code::InvalidRegistry => "is geen geldig protocolregister.",
            Code::ArchiveFailed => "kon niet aangemaakt worden.",
            Code::SelfCheckFailed => "kon niet gecontroleerd worden: het archief werd niet vrijgegeven.",
            Code::RandomUnavailable => "kan niet veilig gemaakt worden: deze browser heeft geen veilige toevalsgenerator.",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The Dutch label of an input path, for messages ("Voornaam", "Postcode", …).
///
/// Unknown paths (e.g. an unknown field) are quoted as they are: a path is
/// a key the caller chose, never a value.
pub fn field_label(field: &str) -> String {
    let known = match field {
        "" => "De doorverwijzing",
        "client" => "De cliënt",
        "client.givenName" => "De voornaam",
        "client.familyName" => "De familienaam",
        "contact" => "Contactgegeven",
        "contact.street" => "De straat",
        "contact.houseNumber" => "Het huisnummer",
        "contact.box" => "Het busnummer",
        "contact.postalCode" => "De postcode",
        "contact.municipality" => "De gemeente",
        "contact.phone" => "Het telefoonnummer",
        "contact.email" => "Het e-mailadres",
        "consent" => "De toestemming",
        "consent.informed" => "De bevestiging dat de cliënt geïnformeerd is",
        "consent.agreed" => "De bevestiging dat de cliënt akkoord gaat",
        "consent.date" => "De datum van de toestemming",
        "referrer" => "De verwijzer",
        "referrer.team" => "Het team",
        "referrer.name" => "De naam van de verwijzer",
        "referrer.phone" => "Het telefoonnummer van de verwijzer",
        "referrer.email" => "Het e-mailadres van de verwijzer",
        "password" => "Het wachtwoord",
        "format" => "Het formaat",
        "today" => "De datum van vandaag",
        "reference" => "De referentie",
        "registry" => "Het protocolregister",
        "archive" => "Het archief",
        _ => "",
    };
    if known.is_empty() {
        // Keys are bounded by the input walker; show a short prefix only.
        let short: String = field.chars().take(40).collect();
        format!("Het veld “{short}”")
    } else {
        known.to_owned()
    }
}

/// Why a validator refused a value: a stable [`Code`], and where it helps
/// the user fix it, a more precise Dutch reason and a suggested correction.
///
/// Neither `detail` nor `suggestion` may repeat what was typed: `detail` is
/// fixed text, `suggestion` comes from a fixed list (e.g. the domain
/// `gmail.com` for a typed `gmial.com`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Stable reason.
    pub code: Code,
    /// The rest of the sentence after the field's label, replacing the
    /// code's standard message ("bevat een cijfer.").
    pub detail: Option<&'static str>,
    /// A correction the user can accept (shown apart from the message).
    pub suggestion: Option<&'static str>,
}

impl Problem {
    /// A problem with a precise reason.
    pub fn detailed(code: Code, detail: &'static str) -> Self {
        Problem {
            code,
            detail: Some(detail),
            suggestion: None,
        }
    }
}

impl From<Code> for Problem {
    fn from(code: Code) -> Self {
        Problem {
            code,
            detail: None,
            suggestion: None,
        }
    }
}

/// One refusal of one input field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Dotted camelCase input path, e.g. `client.givenName`.
    pub field: String,
    /// Stable reason.
    pub code: Code,
    /// Dutch message for people.
    pub message: String,
    /// A correction to offer beside the message, e.g. the e-mail domain
    /// `gmail.com` for a typed `gmial.com`; never the typed value.
    pub suggestion: Option<String>,
}

impl FieldError {
    /// A field error with the standard Dutch message for `code`.
    pub fn new(field: impl Into<String>, code: Code) -> Self {
        let field = field.into();
        let message = match (field.as_str(), code) {
            // Whole-section rules read better as one sentence of their own.
            ("contact", Code::NoContactMethod) => "Geef minstens één manier om de cliënt te bereiken: een volledig adres (straat en huisnummer), een telefoonnummer of een e-mailadres.".to_owned(),
            ("referrer", Code::NoContactMethod) => "Geef een telefoonnummer of e-mailadres waarop het OCMW de verwijzer kan bereiken.".to_owned(),
            _ => format!("{} {}", field_label(&field), code.message_nl()),
        };
        FieldError {
            field,
            code,
            message,
            suggestion: None,
        }
    }

    /// A field error for a validator's [`Problem`]: its precise reason
    /// when it has one, else the code's standard message.
    pub fn from_problem(field: impl Into<String>, problem: Problem) -> Self {
        let mut e = FieldError::new(field, problem.code);
        if let Some(detail) = problem.detail {
            e.message = format!("{} {detail}", field_label(&e.field));
        }
        e.suggestion = problem.suggestion.map(str::to_owned);
        e
    }

    /// A field error with a message of its own (built from fixed text and
    /// registry facts, never from what was typed).
    pub fn with_message(field: impl Into<String>, code: Code, message: String) -> Self {
        FieldError {
            field: field.into(),
            code,
            message,
            suggestion: None,
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.code)
    }
}

/// Why a whole operation was refused.
///
/// `code` is the overall reason (`invalid_input` when the referral has field
/// errors, otherwise the single cause); `errors` lists every field error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealError {
    /// Overall stable reason.
    pub code: Code,
    /// All field-level errors (at least one).
    pub errors: Vec<FieldError>,
}

impl SealError {
    /// Refusal because of field errors in the input.
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        SealError {
            code: Code::InvalidInput,
            errors,
        }
    }

    /// Refusal with one cause on one field.
    pub fn single(field: &str, code: Code) -> Self {
        SealError {
            code,
            errors: vec![FieldError::new(field, code)],
        }
    }
}

impl fmt::Display for SealError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        for e in &self.errors {
            write!(f, "; {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SealError {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = HashSet::new();
        for c in Code::ALL {
            let s = c.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(
                s.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{s}"
            );
            assert!(!c.message_nl().is_empty());
        }
    }

    #[test]
    fn message_names_field_not_value() {
        let e = FieldError::new("client.givenName", Code::Required);
        assert_eq!(e.message, "De voornaam is verplicht.");
        let r = FieldError::new("referrer", Code::NoContactMethod);
        assert!(
            !r.message.contains("adres (straat"),
            "a referrer has no home address to give"
        );
        let u = FieldError::new("client.nationalNumber", Code::UnknownField);
        assert!(
            u.message.starts_with("Het veld “client.nationalNumber”"),
            "{}",
            u.message
        );
    }
}
