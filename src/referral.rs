//! Untrusted input → a validated [`Referral`].
//!
//! The input is a JSON object shaped like the public contract
//! (`client`, `contact`, `consent`, `referrer`). Every field the protocol
//! does not allow is refused with `unknown_field`; all field errors are
//! collected and returned at once.
//!
//! Types holding personal data deliberately do not derive `Debug`, so they
//! cannot end up in logs or panic messages.

use crate::date::Date;
use crate::error::{Code, FieldError, Problem};
use crate::json::{self, Object, Value};
use crate::postal;
use crate::protocols::{Protocol, Registry};
use crate::validate::address::{
    normalise_box, normalise_house_number, normalise_municipality, normalise_postal_code,
    normalise_street, split_postal_code,
};
use crate::validate::email::normalise_email;
use crate::validate::name::{normalise_name, normalise_team};
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

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

/// Input JSON text longer than this (in bytes) is refused before parsing.
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

/// An object with more keys than this is refused outright.
const MAX_KEYS: usize = 64;

/// At most this many unknown fields are reported.
const MAX_UNKNOWN_REPORTED: usize = 20;

/// Longest key, in characters, quoted in an `unknown_field` path.
const MAX_KEY_CHARS: usize = 64;

const TOP_KEYS: [&str; 4] = ["client", "contact", "consent", "referrer"];
const CLIENT_KEYS: [&str; 2] = ["givenName", "familyName"];
const CONTACT_KEYS: [&str; 7] = [
    "street",
    "houseNumber",
    "box",
    "postalCode",
    "municipality",
    "phone",
    "email",
];
const CONSENT_KEYS: [&str; 3] = ["informed", "agreed", "date"];
const REFERRER_KEYS: [&str; 4] = ["team", "name", "phone", "email"];

/// Deepest nesting of arrays and objects accepted in input JSON text; the
/// contract itself needs two levels. Deeper text is refused before parsing,
/// well below the parser's own limit ([`json::MAX_DEPTH`]).
pub const MAX_DEPTH: usize = 32;

/// Parses untrusted referral JSON text into a value, with bounded work.
///
/// In this order, on field `""`: text over [`MAX_INPUT_BYTES`] is refused
/// with `input_too_large` before anything else is read; one linear scan then
/// refuses nesting deeper than [`MAX_DEPTH`] with `input_too_large`, and
/// replaces every escaped lone UTF-16 surrogate (`"\ud800"`, which
/// `JSON.stringify` writes for a JavaScript string holding half a
/// surrogate pair) with the escape of U+FFFD, so that the field holding it
/// is refused with its own `control_characters` error instead of the whole
/// input being unreadable; text that is still not JSON is `invalid_input`.
pub fn parse_json(json: &str) -> Result<Value, Vec<FieldError>> {
    if json.len() > MAX_INPUT_BYTES {
        return Err(vec![FieldError::new("", Code::InputTooLarge)]);
    }
    let repaired = scan_json(json).map_err(|code| vec![FieldError::new("", code)])?;
    let text = repaired.as_deref().unwrap_or(json);
    json::parse(text).map_err(|_| vec![FieldError::new("", Code::InvalidInput)])
}

/// Parses and validates a referral given as JSON text: [`parse_json`], then
/// [`validate`].
pub fn validate_json(
    json: &str,
    registry: &Registry,
    today: Date,
) -> Result<(Referral, Protocol), Vec<FieldError>> {
    validate(&parse_json(json)?, registry, today)
}

/// One pass over JSON text: refuses nesting deeper than [`MAX_DEPTH`] and
/// returns a copy with lone surrogate escapes replaced by `\uFFFD` (same
/// length), or `None` when there are none. Not a JSON validator: text it
/// lets through is parsed by [`json::parse`], which refuses what is malformed.
fn scan_json(json: &str) -> Result<Option<String>, Code> {
    let b = json.as_bytes();
    let hex4 = |at: usize| -> Option<u16> {
        let digits = b.get(at..at + 4)?;
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    let is_high = |u: u16| (0xD800..0xDC00).contains(&u);
    let is_low = |u: u16| (0xDC00..0xE000).contains(&u);
    let mut lone = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut i = 0;
    while i < b.len() {
        match (in_string, b[i]) {
            (true, b'\\') => {
                let unit = if b.get(i + 1) == Some(&b'u') {
                    hex4(i + 2)
                } else {
                    None
                };
                match unit {
                    Some(u) if is_high(u) => {
                        let paired = b.get(i + 6..i + 8) == Some(&b"\\u"[..])
                            && hex4(i + 8).is_some_and(is_low);
                        if paired {
                            i += 12;
                            continue;
                        }
                        lone.push(i);
                        i += 6;
                    }
                    Some(u) if is_low(u) => {
                        lone.push(i);
                        i += 6;
                    }
                    Some(_) => i += 6,
                    // Any other escape is two bytes; the parser judges it.
                    None => i += 2,
                }
                continue;
            }
            (true, b'"') => in_string = false,
            (false, b'"') => in_string = true,
            (false, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Code::InputTooLarge);
                }
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    if lone.is_empty() {
        return Ok(None);
    }
    let mut bytes = json.as_bytes().to_vec();
    for at in lone {
        // Six ASCII bytes for six ASCII bytes: the text stays UTF-8.
        bytes[at..at + 6].copy_from_slice(b"\\uFFFD");
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| Code::InvalidInput)
}

/// Validates an untrusted referral and finds the protocol that routes it.
///
/// The input must be an object with exactly the keys of the public contract
/// (`client`, `contact`, `consent`, `referrer` and their fields); any other
/// key is an `unknown_field`. Text fields are strings, `consent.informed`
/// and `consent.agreed` booleans; `null` or `""` for an optional field means
/// absent. Every field error is collected and returned at once, each naming
/// its dotted path; no message repeats a value.
///
/// After the postal code and municipality resolve, the client is routed
/// with [`Registry::route`]; its error goes on `contact.postalCode`.
pub fn validate(
    input: &Value,
    registry: &Registry,
    today: Date,
) -> Result<(Referral, Protocol), Vec<FieldError>> {
    let Some(top) = input.as_object() else {
        return Err(vec![FieldError::new("", Code::InvalidInput)]);
    };
    let mut w = Walker::default();
    w.check_keys(top, "", &TOP_KEYS)?;
    let empty = Object::new();
    let client = w.section(top, "client", &CLIENT_KEYS)?.unwrap_or(&empty);
    let contact = w.section(top, "contact", &CONTACT_KEYS)?.unwrap_or(&empty);
    let consent = w.section(top, "consent", &CONSENT_KEYS)?.unwrap_or(&empty);
    let referrer = w
        .section(top, "referrer", &REFERRER_KEYS)?
        .unwrap_or(&empty);

    let client = validate_client(&mut w, client);
    let routed = validate_contact(&mut w, contact, registry, today);
    let consent = validate_consent(&mut w, consent, today);
    let mut referrer = validate_referrer(&mut w, referrer);
    // The team rule: only the protocol's own teams may refer under it.
    if let (Some((_, protocol)), Some(r)) = (&routed, referrer.as_mut()) {
        match protocol.referring_team(&r.team) {
            Some(team) => r.team = team.to_owned(),
            None => w.errors.push(team_not_in_protocol(protocol)),
        }
    }

    match (client, routed, consent, referrer) {
        (Some(client), Some((contact, protocol)), Some(consent), Some(referrer))
            if w.errors.is_empty() =>
        {
            Ok((
                Referral {
                    client,
                    contact,
                    consent,
                    referrer,
                },
                protocol,
            ))
        }
        _ if w.errors.is_empty() => Err(vec![FieldError::new("", Code::InvalidInput)]),
        _ => Err(w.errors),
    }
}

/// The refusal of a referrer whose team is not a referring team of
/// `protocol`: names the OCMW and the protocol's team(s), and says what to
/// do. Built from registry facts only, never from what was typed.
pub fn team_not_in_protocol(protocol: &Protocol) -> FieldError {
    let ocmw = &protocol.ocmw_name;
    let teams = &protocol.referring_teams;
    let who = match teams.as_slice() {
        [one] => format!("Alleen {one} mag cliënten naar {ocmw} doorverwijzen: vraag dat team om deze doorverwijzing te doen."),
        [rest @ .., last] => format!(
            "Alleen {} of {last} mag cliënten naar {ocmw} doorverwijzen: vraag dat team om deze doorverwijzing te doen.",
            rest.join(", ")
        ),
        [] => String::new(),
    };
    FieldError::with_message(
        "referrer.team",
        Code::TeamNotInProtocol,
        format!(
            "Uw team heeft geen protocol met {ocmw}. {who} Hoort uw team wel bij dit protocol, \
             vraag dan de beheerders van het protocolregister om uw team toe te voegen."
        ),
    )
}

/// Whether the team may refer a client with this postal code: the
/// refusal [`validate`] would give on `referrer.team`, or `None` when the
/// team is one of the protocol's or when no protocol in force covers the
/// postal code (that problem belongs to the postal code).
///
/// For the page, to show the problem as soon as the team and the postal
/// code are known. The postal code is read as [`validate`] reads it
/// (`B-8940` and `8940 Wervik` are 8940).
pub fn team_check(
    registry: &Registry,
    postal_code: &str,
    team: &str,
    today: Date,
) -> Option<FieldError> {
    let code = normalise_postal_code(postal_code).ok()?;
    let team = normalise_team(team).ok()?;
    let protocol = registry.protocol_for(&code, today)?;
    match protocol.referring_team(&team) {
        Some(_) => None,
        None => Some(team_not_in_protocol(protocol)),
    }
}

fn validate_client(w: &mut Walker, m: &Object) -> Option<Client> {
    let given_name = w.required(m, "client.givenName", normalise_name);
    let family_name = w.required(m, "client.familyName", normalise_name);
    Some(Client {
        given_name: given_name?,
        family_name: family_name?,
    })
}

fn validate_contact(
    w: &mut Walker,
    m: &Object,
    registry: &Registry,
    today: Date,
) -> Option<(Contact, Protocol)> {
    // The postal code's own errors come first, before "gemeente is verplicht".
    let postal_code = w.required(m, "contact.postalCode", normalise_postal_code);
    let known = postal_code.as_deref().is_some_and(postal::is_known);
    if postal_code.is_some() && !known {
        w.push("contact.postalCode", Code::UnknownPostalCode);
    }
    // "8940 Wervik" pasted into the postal code, with the municipality
    // left blank: the place after the code is the municipality.
    let pasted_place = match m.get("postalCode") {
        Some(Value::String(s)) => split_postal_code(s).ok().and_then(|(_, place)| place),
        _ => None,
    };
    let blank = |v: Option<&Value>| match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(_) => false,
    };
    let municipality = match pasted_place {
        Some(place) if blank(m.get("municipality")) => normalise_municipality(place)
            .map_err(|code| w.push("contact.municipality", code))
            .ok(),
        _ => w.required(m, "contact.municipality", normalise_municipality),
    };

    // Street and house number go together; a box needs both.
    let street = w.optional(m, "contact.street", normalise_street);
    let house = w.optional(m, "contact.houseNumber", normalise_house_number);
    let box_number = w.optional(m, "contact.box", normalise_box);
    let address_given = street.given || house.given || box_number.given;
    if address_given && !street.given {
        w.push("contact.street", Code::Required);
    }
    if address_given && !house.given {
        w.push("contact.houseNumber", Code::Required);
    }
    let phone = w.optional(m, "contact.phone", Phone::parse);
    let email = w.optional(m, "contact.email", normalise_email);
    if !(address_given || phone.given || email.given) {
        w.push("contact", Code::NoContactMethod);
    }

    let postal_code = postal_code?;
    if !known {
        return None;
    }
    let municipality = municipality?;
    let resolved = match postal::resolve(&postal_code, &municipality) {
        Ok(r) => r,
        Err(Code::UnknownPostalCode) => {
            w.push("contact.postalCode", Code::UnknownPostalCode);
            return None;
        }
        Err(code) => {
            w.push("contact.municipality", code);
            return None;
        }
    };
    let protocol = match registry.route(&postal_code, &resolved.municipality, today) {
        Ok(p) => p.clone(),
        Err(code) => {
            w.push("contact.postalCode", code);
            return None;
        }
    };
    let address = match (street.value, house.value) {
        (Some(street), Some(house_number)) if !box_number.given || box_number.value.is_some() => {
            Some(Address {
                street,
                house_number,
                box_number: box_number.value,
            })
        }
        _ if address_given => return None,
        _ => None,
    };
    if (phone.given && phone.value.is_none()) || (email.given && email.value.is_none()) {
        return None;
    }
    Some((
        Contact {
            address,
            postal_code,
            locality: resolved.locality,
            municipality: resolved.municipality,
            phone: phone.value,
            email: email.value,
        },
        protocol,
    ))
}

fn validate_consent(w: &mut Walker, m: &Object, today: Date) -> Option<Consent> {
    let informed = w.confirmed(m, "consent.informed");
    let agreed = w.confirmed(m, "consent.agreed");
    let date = w.required(m, "consent.date", |s| {
        let d = Date::parse_iso(s.trim())?;
        if d > today {
            Err(Code::DateInFuture)
        } else {
            Ok(d)
        }
    });
    (informed && agreed).then_some(Consent { date: date? })
}

fn validate_referrer(w: &mut Walker, m: &Object) -> Option<Referrer> {
    let team = w.required(m, "referrer.team", normalise_team);
    let name = w.required(m, "referrer.name", normalise_name);
    let phone = w.optional(m, "referrer.phone", Phone::parse);
    let email = w.optional(m, "referrer.email", normalise_email);
    if !(phone.given || email.given) {
        w.push("referrer", Code::NoContactMethod);
    }
    if (phone.given && phone.value.is_none()) || (email.given && email.value.is_none()) {
        return None;
    }
    Some(Referrer {
        team: team?,
        name: name?,
        phone: phone.value,
        email: email.value,
    })
}

/// An optional field: whether the user gave it, and its value if valid.
struct Optional<T> {
    given: bool,
    value: Option<T>,
}

/// A string field as found in the input.
enum Text<'a> {
    /// Missing, `null` or blank.
    Absent,
    /// Present with the wrong JSON type (already reported).
    WrongType,
    /// A non-blank string.
    Given(&'a str),
}

/// Walks the input, collecting field errors.
#[derive(Default)]
struct Walker {
    errors: Vec<FieldError>,
    unknown: usize,
}

impl Walker {
    fn push(&mut self, field: &str, code: Code) {
        self.errors.push(FieldError::new(field, code));
    }

    fn push_problem(&mut self, field: &str, problem: Problem) {
        self.errors.push(FieldError::from_problem(field, problem));
    }

    /// Reports keys outside `allowed`; refuses huge objects at once.
    fn check_keys(
        &mut self,
        m: &Object,
        path: &str,
        allowed: &[&str],
    ) -> Result<(), Vec<FieldError>> {
        if m.len() > MAX_KEYS {
            return Err(vec![FieldError::new(path, Code::InputTooLarge)]);
        }
        // Reported in byte order of the keys, whatever the input order.
        for key in m.sorted_keys() {
            if allowed.contains(&key) {
                continue;
            }
            self.unknown += 1;
            if self.unknown <= MAX_UNKNOWN_REPORTED {
                let key = printable_key(key);
                let field = if path.is_empty() {
                    key
                } else {
                    format!("{path}.{key}")
                };
                self.push(&field, Code::UnknownField);
            }
        }
        Ok(())
    }

    /// The object under `key`, `None` when missing or `null` (its fields
    /// are then reported as missing), or an `invalid_type` error.
    fn section<'a>(
        &mut self,
        top: &'a Object,
        key: &str,
        allowed: &[&str],
    ) -> Result<Option<&'a Object>, Vec<FieldError>> {
        match top.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(m)) => {
                self.check_keys(m, key, allowed)?;
                Ok(Some(m))
            }
            Some(_) => {
                self.push(key, Code::InvalidType);
                Ok(None)
            }
        }
    }

    fn text<'a>(&mut self, m: &'a Object, field: &str) -> Text<'a> {
        let key = field.rsplit('.').next().unwrap_or(field);
        match m.get(key) {
            None | Some(Value::Null) => Text::Absent,
            Some(Value::String(s)) if s.trim().is_empty() => Text::Absent,
            Some(Value::String(s)) => Text::Given(s),
            Some(_) => {
                self.push(field, Code::InvalidType);
                Text::WrongType
            }
        }
    }

    /// A required string field, validated by `f`.
    fn required<T, E: Into<Problem>>(
        &mut self,
        m: &Object,
        field: &str,
        f: impl Fn(&str) -> Result<T, E>,
    ) -> Option<T> {
        match self.text(m, field) {
            Text::Absent => {
                self.push(field, Code::Required);
                None
            }
            Text::WrongType => None,
            Text::Given(s) => f(s).map_err(|e| self.push_problem(field, e.into())).ok(),
        }
    }

    /// An optional string field, validated by `f`.
    fn optional<T, E: Into<Problem>>(
        &mut self,
        m: &Object,
        field: &str,
        f: impl Fn(&str) -> Result<T, E>,
    ) -> Optional<T> {
        match self.text(m, field) {
            Text::Absent => Optional {
                given: false,
                value: None,
            },
            Text::WrongType => Optional {
                given: true,
                value: None,
            },
            Text::Given(s) => match f(s).map_err(Into::into) {
                Ok(v) => Optional {
                    given: true,
                    value: Some(v),
                },
                // Blank after normalisation (e.g. only invisible spaces
                // that are whitespace): treat as absent.
                Err(Problem {
                    code: Code::Required,
                    ..
                }) => Optional {
                    given: false,
                    value: None,
                },
                Err(problem) => {
                    self.push_problem(field, problem);
                    Optional {
                        given: true,
                        value: None,
                    }
                }
            },
        }
    }

    /// A consent confirmation: must be JSON `true`.
    fn confirmed(&mut self, m: &Object, field: &str) -> bool {
        let key = field.rsplit('.').next().unwrap_or(field);
        match m.get(key) {
            Some(Value::Bool(true)) => true,
            None | Some(Value::Null) | Some(Value::Bool(false)) => {
                self.push(field, Code::ConsentMissing);
                false
            }
            Some(_) => {
                self.push(field, Code::InvalidType);
                false
            }
        }
    }
}

/// A key as shown in an error path: at most [`MAX_KEY_CHARS`] characters,
/// control and invisible characters replaced, so that a hostile key cannot
/// reorder or hide the message around it.
fn printable_key(key: &str) -> String {
    let key: String = key.chars().take(MAX_KEY_CHARS).collect();
    crate::validate::invisibility(&key)
        .map(|(c, invisible)| {
            if c.is_whitespace() && c != ' ' || invisible {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// [`super::validate`] on an input built with serde_json's `json!`,
    /// handed over as its JSON text.
    fn validate(
        input: &Value,
        registry: &Registry,
        today: Date,
    ) -> Result<(Referral, Protocol), Vec<FieldError>> {
        let ours = json::parse(&input.to_string()).unwrap();
        super::validate(&ours, registry, today)
    }

    fn day(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn protocol(id: &str, town: &str, codes: &[&str], from: &str, teams: &[&str]) -> Protocol {
        Protocol {
            id: id.into(),
            ocmw_name: format!("OCMW {town}"),
            ocmw_kbo: "0212.181.659".into(),
            ocmw_address: format!("Markt 1, {town}"),
            mailbox: format!("sociale.dienst@{}.example", town.to_lowercase()),
            referring_teams: teams.iter().map(|t| t.to_string()).collect(),
            password_call: None,
            postal_codes: codes.iter().map(|c| c.to_string()).collect(),
            municipalities: vec![town.into()],
            in_force_from: day(from),
            in_force_until: None,
            dpo_opgroeien: "dpo@opgroeien.example".into(),
            dpo_ocmw: format!("dpo@{}.example", town.to_lowercase()),
            reference: format!("Protocol OCMW {town}"),
            retention: "Bewaring volgens art. 3.".into(),
            concluded: None,
            notes: None,
        }
    }

    const MENEN: &str = "Lokaal team Kind en Gezin Menen";
    const WESTKUST: &str = "Lokaal team Kind en Gezin Westkust en Polder";
    const TORHOUT: &str = "Lokaal team Kind en Gezin Torhout";

    /// Wervik/Geluwe from 2023-12-01 (team Menen) and Torhout from
    /// 2024-04-18 (two teams, as the Torhout protocol names them).
    fn registry() -> Registry {
        Registry {
            protocols: vec![
                protocol(
                    "ocmw-wervik-2023",
                    "Wervik",
                    &["8940"],
                    "2023-12-01",
                    &[MENEN],
                ),
                protocol(
                    "ocmw-torhout-2024",
                    "Torhout",
                    &["8820"],
                    "2024-04-18",
                    &[WESTKUST, TORHOUT],
                ),
            ],
        }
    }

    fn today() -> Date {
        day("2026-11-24")
    }

    fn sofie() -> Value {
        json!({
            "client":   { "givenName": "Sofie", "familyName": "Van den Broeck" },
            "contact":  { "street": "Kerkstraat", "houseNumber": "12", "box": "B",
                          "postalCode": "8940", "municipality": "Geluwe",
                          "phone": "0470 12 34 56", "email": "sofie@example.be" },
            "consent":  { "informed": true, "agreed": true, "date": "2026-11-20" },
            "referrer": { "team": "Lokaal team Kind en Gezin Menen",
                          "name": "An Peeters", "phone": "050 12 34 56",
                          "email": "an.peeters@example.be" }
        })
    }

    /// The (field, code) pairs of a refusal, in order.
    fn errors(input: &Value, today: Date) -> Vec<(String, &'static str)> {
        match validate(input, &registry(), today) {
            Ok(_) => panic!("expected a refusal"),
            Err(es) => es.into_iter().map(|e| (e.field, e.code.as_str())).collect(),
        }
    }

    fn pairs(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        list.iter().map(|(f, c)| (f.to_string(), *c)).collect()
    }

    fn set(v: &mut Value, path: &str, new: Value) {
        let (section, key) = path.split_once('.').unwrap();
        v[section][key] = new;
    }

    fn remove(v: &mut Value, path: &str) {
        let (section, key) = path.split_once('.').unwrap();
        v[section].as_object_mut().unwrap().remove(key);
    }

    #[test]
    fn accepts_the_contract_example() {
        let Ok((r, p)) = validate(&sofie(), &registry(), today()) else {
            panic!("refused")
        };
        assert_eq!(p.id, "ocmw-wervik-2023");
        assert_eq!(r.client.given_name, "Sofie");
        assert_eq!(r.client.family_name, "Van den Broeck");
        let a = r.contact.address.as_ref().unwrap();
        assert_eq!(
            (a.street.as_str(), a.house_number.as_str()),
            ("Kerkstraat", "12")
        );
        assert_eq!(a.box_number.as_deref(), Some("B"));
        assert_eq!(r.contact.postal_code, "8940");
        assert_eq!(r.contact.locality, "Geluwe");
        assert_eq!(r.contact.municipality, "Wervik");
        assert_eq!(
            r.contact.phone.as_ref().map(|p| p.e164()),
            Some("+32470123456")
        );
        assert_eq!(r.contact.email.as_deref(), Some("sofie@example.be"));
        assert_eq!(r.consent.date, day("2026-11-20"));
        assert_eq!(r.referrer.team, "Lokaal team Kind en Gezin Menen");
        assert_eq!(r.referrer.name, "An Peeters");
        assert_eq!(
            r.referrer.phone.as_ref().map(|p| p.e164()),
            Some("+3250123456")
        );
        assert_eq!(r.referrer.email.as_deref(), Some("an.peeters@example.be"));
    }

    #[test]
    fn normalises_hard_real_world_input() {
        let input = json!({
            "client":   { "givenName": " Nguye\u{0302}\u{0303}n  Thi\u{0323} ", "familyName": "N’Diaye-D'Hondt" },
            "contact":  { "postalCode": " 8820 ", "municipality": "TORHOUT",
                          "street": null, "houseNumber": "", "box": null,
                          "phone": "+33 (0)6 12 34 56 78", "email": "" },
            "consent":  { "informed": true, "agreed": true, "date": "2024-04-18" },
            "referrer": { "team": "Lokaal team Kind en Gezin Torhout", "name": "Çelik-Yılmaz",
                          "email": "Team.Torhout@KIND-en-GEZIN.example" }
        });
        let Ok((r, p)) = validate(&input, &registry(), day("2024-04-18")) else {
            panic!("refused")
        };
        assert_eq!(p.id, "ocmw-torhout-2024");
        assert_eq!(r.client.given_name, "Nguyễn Thị");
        assert_eq!(r.client.family_name, "N’Diaye-D'Hondt");
        assert!(r.contact.address.is_none());
        assert_eq!(r.contact.locality, "Torhout");
        assert_eq!(
            r.contact.phone.as_ref().map(|p| p.e164()),
            Some("+33612345678")
        );
        assert_eq!(r.contact.email, None);
        assert!(r.referrer.phone.is_none());
        assert_eq!(
            r.referrer.email.as_deref(),
            Some("Team.Torhout@kind-en-gezin.example")
        );
    }

    #[test]
    fn empty_object_lists_every_missing_field() {
        let want = pairs(&[
            ("client.givenName", "required"),
            ("client.familyName", "required"),
            ("contact.postalCode", "required"),
            ("contact.municipality", "required"),
            ("contact", "no_contact_method"),
            ("consent.informed", "consent_missing"),
            ("consent.agreed", "consent_missing"),
            ("consent.date", "required"),
            ("referrer.team", "required"),
            ("referrer.name", "required"),
            ("referrer", "no_contact_method"),
        ]);
        assert_eq!(errors(&json!({}), today()), want);
        let nulls = json!({"client": null, "contact": null, "consent": null, "referrer": null});
        assert_eq!(errors(&nulls, today()), want);
    }

    #[test]
    fn field_rules() {
        type Edit = fn(&mut Value);
        type Case = (&'static str, Edit, &'static [(&'static str, &'static str)]);
        let table: &[Case] = &[
            (
                "street without number",
                |v| remove(v, "contact.houseNumber"),
                &[("contact.houseNumber", "required")],
            ),
            (
                "number without street",
                |v| set(v, "contact.street", json!("")),
                &[("contact.street", "required")],
            ),
            (
                "box alone",
                |v| {
                    remove(v, "contact.street");
                    remove(v, "contact.houseNumber");
                },
                &[
                    ("contact.street", "required"),
                    ("contact.houseNumber", "required"),
                ],
            ),
            (
                "no contact method",
                |v| {
                    for k in ["street", "houseNumber", "box", "phone", "email"] {
                        remove(v, &format!("contact.{k}"));
                    }
                },
                &[("contact", "no_contact_method")],
            ),
            (
                "referrer unreachable",
                |v| {
                    set(v, "referrer.phone", Value::Null);
                    remove(v, "referrer.email");
                },
                &[("referrer", "no_contact_method")],
            ),
            (
                "not informed",
                |v| set(v, "consent.informed", json!(false)),
                &[("consent.informed", "consent_missing")],
            ),
            (
                "agreed missing",
                |v| remove(v, "consent.agreed"),
                &[("consent.agreed", "consent_missing")],
            ),
            (
                "agreed as text",
                |v| set(v, "consent.agreed", json!("true")),
                &[("consent.agreed", "invalid_type")],
            ),
            (
                "future consent",
                |v| set(v, "consent.date", json!("2026-11-25")),
                &[("consent.date", "date_in_future")],
            ),
            (
                "bad date",
                |v| set(v, "consent.date", json!("20/11/2026")),
                &[("consent.date", "invalid_date")],
            ),
            (
                "number for a name",
                |v| set(v, "client.givenName", json!(42)),
                &[("client.givenName", "invalid_type")],
            ),
            (
                "section of wrong type",
                |v| v["client"] = json!(["Sofie"]),
                &[
                    ("client", "invalid_type"),
                    ("client.givenName", "required"),
                    ("client.familyName", "required"),
                ],
            ),
            (
                "bad phone",
                |v| set(v, "contact.phone", json!("02 123 45 67")),
                &[("contact.phone", "invalid_phone")],
            ),
            (
                "bad email",
                |v| set(v, "contact.email", json!("sofie@example")),
                &[("contact.email", "invalid_email")],
            ),
            (
                "bad house number",
                |v| set(v, "contact.houseNumber", json!("12/1")),
                &[("contact.houseNumber", "invalid_house_number")],
            ),
            (
                "bidi override",
                |v| set(v, "client.familyName", json!("Broeck\u{202E}")),
                &[("client.familyName", "control_characters")],
            ),
            (
                "unknown postal code",
                |v| set(v, "contact.postalCode", json!("0612")),
                &[("contact.postalCode", "unknown_postal_code")],
            ),
            (
                "bad postal code",
                |v| set(v, "contact.postalCode", json!("89-40")),
                &[("contact.postalCode", "invalid_postal_code")],
            ),
            (
                "wrong municipality",
                |v| set(v, "contact.municipality", json!("Menen")),
                &[("contact.municipality", "municipality_mismatch")],
            ),
            (
                "no protocol",
                |v| {
                    set(v, "contact.postalCode", json!("8930"));
                    set(v, "contact.municipality", json!("Menen"));
                },
                &[("contact.postalCode", "no_protocol_for_municipality")],
            ),
            (
                "several at once",
                |v| {
                    set(v, "client.givenName", json!(""));
                    set(v, "contact.email", json!("x@"));
                    set(v, "consent.agreed", json!(false));
                    set(v, "referrer.name", json!("An 2"));
                },
                &[
                    ("client.givenName", "required"),
                    ("contact.email", "invalid_email"),
                    ("consent.agreed", "consent_missing"),
                    ("referrer.name", "invalid_name"),
                ],
            ),
        ];
        for (what, edit, want) in table {
            let mut v = sofie();
            edit(&mut v);
            assert_eq!(errors(&v, today()), pairs(want), "{what}");
        }
    }

    #[test]
    fn optional_fields_may_be_null_or_empty() {
        let mut v = sofie();
        set(&mut v, "contact.box", Value::Null);
        set(&mut v, "contact.email", json!(""));
        set(&mut v, "referrer.phone", json!("   "));
        let Ok((r, _)) = validate(&v, &registry(), today()) else {
            panic!("refused")
        };
        assert_eq!(r.contact.address.unwrap().box_number, None);
        assert_eq!(r.contact.email, None);
        assert!(r.referrer.phone.is_none());
    }

    #[test]
    fn protocol_dates() {
        let mut v = sofie();
        set(&mut v, "contact.postalCode", json!("8820"));
        set(&mut v, "contact.municipality", json!("Torhout"));
        set(&mut v, "consent.date", json!("2024-04-01"));
        set(&mut v, "referrer.team", json!(TORHOUT));
        assert_eq!(
            errors(&v, day("2024-04-17")),
            pairs(&[("contact.postalCode", "protocol_not_in_force")])
        );
        assert!(validate(&v, &registry(), day("2024-04-18")).is_ok());
        // Wervik's protocol took effect on 2023-12-01.
        let mut w = sofie();
        set(&mut w, "consent.date", json!("2023-11-30"));
        assert_eq!(
            errors(&w, day("2023-11-30")),
            pairs(&[("contact.postalCode", "protocol_not_in_force")])
        );
        assert!(validate(&w, &registry(), day("2023-12-01")).is_ok());
    }

    #[test]
    fn unknown_fields_are_refused_by_path() {
        let mut v = sofie();
        v["notes"] = json!("moeilijke thuissituatie");
        v["client"]["nationalNumber"] = json!("85.07.30-033.61");
        v["consent"]["signature"] = json!(true);
        assert_eq!(
            errors(&v, today()),
            pairs(&[
                ("notes", "unknown_field"),
                ("client.nationalNumber", "unknown_field"),
                ("consent.signature", "unknown_field"),
            ])
        );
    }

    #[test]
    fn unknown_fields_are_capped_and_keys_sanitised() {
        let mut v = sofie();
        for i in 0..30 {
            v["contact"][format!("extra{i:02}")] = json!("x");
        }
        let es = errors(&v, today());
        assert_eq!(es.len(), MAX_UNKNOWN_REPORTED);
        assert!(es.iter().all(|(_, c)| *c == "unknown_field"));

        let mut v = sofie();
        v["client"]["a\u{202E}b\nc"] = json!(1);
        v["client"]["k".repeat(200)] = json!(1);
        let fields: Vec<String> = errors(&v, today()).into_iter().map(|(f, _)| f).collect();
        assert!(
            fields.contains(&"client.a\u{FFFD}b\u{FFFD}c".to_string()),
            "{fields:?}"
        );
        assert!(fields.contains(&format!("client.{}", "k".repeat(64))));
    }

    #[test]
    fn huge_objects_are_refused_fast() {
        let mut v = sofie();
        for i in 0..65 {
            v["referrer"][format!("k{i}")] = json!(null);
        }
        assert_eq!(
            errors(&v, today()),
            pairs(&[("referrer", "input_too_large")])
        );
        let mut top = serde_json::Map::new();
        for i in 0..65 {
            top.insert(format!("k{i}"), Value::Null);
        }
        assert_eq!(
            errors(&Value::Object(top), today()),
            pairs(&[("", "input_too_large")])
        );
    }

    #[test]
    fn json_text_entry_point() {
        let reg = registry();
        let ok = sofie().to_string();
        assert!(validate_json(&ok, &reg, today()).is_ok());
        let codes = |s: &str| -> Vec<(String, &'static str)> {
            match validate_json(s, &reg, today()) {
                Ok(_) => panic!("accepted"),
                Err(es) => es.into_iter().map(|e| (e.field, e.code.as_str())).collect(),
            }
        };
        assert_eq!(codes("{"), pairs(&[("", "invalid_input")]));
        assert_eq!(codes(""), pairs(&[("", "invalid_input")]));
        assert_eq!(codes("[1, 2]"), pairs(&[("", "invalid_input")]));
        assert_eq!(codes("\"Sofie\""), pairs(&[("", "invalid_input")]));
        assert_eq!(codes("null"), pairs(&[("", "invalid_input")]));
        let nested = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        assert_eq!(codes(&nested), pairs(&[("", "input_too_large")]));
        let big = format!("{{\"client\": \"{}\"}}", "x".repeat(MAX_INPUT_BYTES));
        assert_eq!(codes(&big), pairs(&[("", "input_too_large")]));
    }

    #[test]
    fn unknown_code_is_reported_without_municipality() {
        let mut v = sofie();
        set(&mut v, "contact.postalCode", json!("0612"));
        remove(&mut v, "contact.municipality");
        assert_eq!(
            errors(&v, today()),
            pairs(&[
                ("contact.postalCode", "unknown_postal_code"),
                ("contact.municipality", "required"),
            ])
        );
    }

    /// The messages of a refusal, by field.
    fn refusal(input: &Value, registry: &Registry, today: Date) -> Vec<FieldError> {
        match validate(input, registry, today) {
            Ok(_) => panic!("expected a refusal"),
            Err(es) => es,
        }
    }

    fn at(v: &Value, postal_code: &str, municipality: &str, team: &str) -> Value {
        let mut v = v.clone();
        set(&mut v, "contact.postalCode", json!(postal_code));
        set(&mut v, "contact.municipality", json!(municipality));
        set(&mut v, "referrer.team", json!(team));
        v
    }

    #[test]
    fn team_rule_for_both_real_protocols() {
        let real = Registry::builtin();
        let input = sofie();
        // (postal code, municipality, team, refused?)
        let table = [
            ("8940", "Geluwe", MENEN, false),
            ("8940", "Wervik", WESTKUST, true),
            ("8940", "Wervik", TORHOUT, true),
            ("8820", "Torhout", WESTKUST, false),
            ("8820", "Torhout", TORHOUT, false),
            ("8820", "Torhout", MENEN, true),
            ("8820", "Torhout", "Lokaal team Kind en Gezin Brugge", true),
        ];
        for (code, town, team, refused) in table {
            let v = at(&input, code, town, team);
            let got = validate(&v, &real, today());
            match got {
                Ok((r, _)) => {
                    assert!(!refused, "{code} {team} accepted");
                    assert_eq!(r.referrer.team, team);
                }
                Err(es) => {
                    assert!(refused, "{code} {team}: {es:?}");
                    assert_eq!(es.len(), 1, "{es:?}");
                    assert_eq!(es[0].field, "referrer.team");
                    assert_eq!(es[0].code, Code::TeamNotInProtocol);
                }
            }
            let check = team_check(&real, code, team, today());
            assert_eq!(check.is_some(), refused, "team_check {code} {team}");
        }
        // The message names the OCMW, the protocol's teams and what to do,
        // and nothing that was typed.
        let es = refusal(&at(&input, "8820", "Torhout", MENEN), &real, today());
        let m = &es[0].message;
        assert_eq!(
            m.as_str(),
            "Uw team heeft geen protocol met OCMW Torhout. Alleen Lokaal team Kind en Gezin \
             Westkust en Polder of Lokaal team Kind en Gezin Torhout mag cliënten naar OCMW \
             Torhout doorverwijzen: vraag dat team om deze doorverwijzing te doen. Hoort uw team \
             wel bij dit protocol, vraag dan de beheerders van het protocolregister om uw team \
             toe te voegen."
        );
        assert!(!m.contains("Menen"));
        let es = refusal(&at(&input, "8940", "Wervik", WESTKUST), &real, today());
        assert!(es[0]
            .message
            .contains("Alleen Lokaal team Kind en Gezin Menen mag cliënten naar OCMW Wervik"));
    }

    #[test]
    fn team_rule_with_two_teams_and_registry_spelling() {
        let reg = registry();
        let input = sofie();
        for team in [WESTKUST, TORHOUT, "lokaal team kind en gezin  TORHOUT "] {
            let v = at(&input, "8820", "Torhout", team);
            let Ok((r, p)) = validate(&v, &reg, today()) else {
                panic!("{team} refused")
            };
            assert_eq!(p.id, "ocmw-torhout-2024");
            // The documents name the team as the registry spells it.
            assert!(r.referrer.team == WESTKUST || r.referrer.team == TORHOUT);
            assert_eq!(
                r.referrer.team.to_lowercase(),
                team.trim().to_lowercase().replace("  ", " ")
            );
        }
        let es = refusal(&at(&input, "8820", "Torhout", MENEN), &reg, today());
        assert_eq!(
            es.iter()
                .map(|e| (e.field.as_str(), e.code))
                .collect::<Vec<_>>(),
            [("referrer.team", Code::TeamNotInProtocol)]
        );
        // The rule waits for a routed postal code: no protocol, no team error.
        let es = refusal(&at(&input, "8930", "Menen", MENEN), &reg, today());
        assert_eq!(es[0].code, Code::NoProtocolForMunicipality);
        assert_eq!(es.len(), 1);
        // team_check reads pasted postal codes and is silent without a protocol.
        assert!(team_check(&reg, "B-8820", MENEN, today()).is_some());
        assert!(team_check(&reg, "8820 Torhout", TORHOUT, today()).is_none());
        assert!(team_check(&reg, "8930", MENEN, today()).is_none());
        assert!(team_check(&reg, "8820", MENEN, day("2024-04-17")).is_none());
        assert!(team_check(&reg, "88", MENEN, today()).is_none());
    }

    #[test]
    fn pasted_postal_codes_are_understood() {
        let reg = registry();
        let mut v = sofie();
        set(&mut v, "contact.postalCode", json!("B-8940"));
        let Ok((r, _)) = validate(&v, &reg, today()) else {
            panic!("B-8940 refused")
        };
        assert_eq!(
            (r.contact.postal_code.as_str(), r.contact.locality.as_str()),
            ("8940", "Geluwe")
        );
        // "8940 Geluwe" with the municipality left blank.
        set(&mut v, "contact.postalCode", json!("8940 Geluwe"));
        set(&mut v, "contact.municipality", json!(""));
        let Ok((r, _)) = validate(&v, &reg, today()) else {
            panic!("8940 Geluwe refused")
        };
        assert_eq!(
            (r.contact.postal_code.as_str(), r.contact.locality.as_str()),
            ("8940", "Geluwe")
        );
        // A municipality typed in its own field wins over the pasted one.
        set(&mut v, "contact.postalCode", json!("8940 Wervik"));
        set(&mut v, "contact.municipality", json!("Geluwe"));
        let Ok((r, _)) = validate(&v, &reg, today()) else {
            panic!("refused")
        };
        assert_eq!(r.contact.locality, "Geluwe");
        // A pasted place that is not of the code.
        set(&mut v, "contact.postalCode", json!("8940 Menen"));
        set(&mut v, "contact.municipality", Value::Null);
        assert_eq!(
            errors(&v, today()),
            pairs(&[("contact.municipality", "municipality_mismatch")])
        );
    }

    #[test]
    fn postal_code_errors_come_before_municipality_errors() {
        for code in ["0612", "89-40", "894"] {
            let mut v = sofie();
            set(&mut v, "contact.postalCode", json!(code));
            set(&mut v, "contact.municipality", json!(""));
            let fields: Vec<String> = errors(&v, today()).into_iter().map(|(f, _)| f).collect();
            assert_eq!(
                fields,
                ["contact.postalCode", "contact.municipality"],
                "{code}"
            );
        }
    }

    #[test]
    fn messages_say_what_is_wrong_with_emails_and_names() {
        let reg = registry();
        let table: &[(&str, &str, &str, Option<&str>)] = &[
            (
                "contact.email",
                "sofie@gmial.com",
                "Het e-mailadres heeft waarschijnlijk een tikfout in het deel na de @. Kijk het voorgestelde domein na.",
                Some("gmail.com"),
            ),
            ("contact.email", "sofie@hotmial.com", "", Some("hotmail.com")),
            ("contact.email", "sofie@telenet.bee", "", Some("telenet.be")),
            ("referrer.email", "an@gmail.con", "", Some("gmail.com")),
            (
                "contact.email",
                "sofie@telenet,be",
                "Het e-mailadres bevat een komma. Gebruik een punt, en geef één e-mailadres.",
                None,
            ),
            (
                "contact.email",
                "sofie@telenet",
                "Het e-mailadres mist een punt na de @ (bijvoorbeeld naam@example.be).",
                None,
            ),
            (
                "contact.email",
                "sofie@@telenet.be",
                "Het e-mailadres bevat meer dan één @.",
                None,
            ),
            (
                "contact.email",
                "sofie van@telenet.be",
                "Het e-mailadres bevat een spatie. Een e-mailadres heeft geen spaties.",
                None,
            ),
            (
                "contact.email",
                "sofie.telenet.be",
                "Het e-mailadres mist een @ (bijvoorbeeld naam@example.be).",
                None,
            ),
            (
                "client.givenName",
                "Sofie2",
                "De voornaam mag geen cijfers bevatten.",
                None,
            ),
            (
                "client.familyName",
                "Van den Broeck #",
                "De familienaam bevat een teken dat hier niet kan staan (zoals @, #, / of een emoji). Gebruik letters, spaties, koppeltekens en apostrofs.",
                None,
            ),
            (
                "referrer.name",
                "An 2",
                "De naam van de verwijzer mag geen cijfers bevatten.",
                None,
            ),
        ];
        for (field, typed, message, suggestion) in table {
            let mut v = sofie();
            set(&mut v, field, json!(typed));
            let es = refusal(&v, &reg, today());
            assert_eq!(es.len(), 1, "{typed}: {es:?}");
            let e = &es[0];
            assert_eq!(e.field, *field);
            if !message.is_empty() {
                assert_eq!(e.message, *message, "{typed}");
            }
            assert_eq!(e.suggestion.as_deref(), *suggestion, "{typed}");
            // Never the typed value, nor its parts.
            for part in typed.split(['@', ' ', ',', '.']).filter(|p| p.len() > 3) {
                assert!(!e.message.contains(part), "{typed}: {}", e.message);
            }
        }
        // Real domains are not typos.
        for ok in [
            "sofie@gmail.com",
            "sofie@telenet.be",
            "sofie@hotmail.de",
            "sofie@telenet.nl",
            "sofie@example.com",
            "sofie@mail.be",
        ] {
            let mut v = sofie();
            set(&mut v, "contact.email", json!(ok));
            assert!(validate(&v, &reg, today()).is_ok(), "{ok}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(s in "\\PC{0,200}") {
            proptest::prop_assert!(validate_json(&s, &registry(), today()).is_err());
        }

        #[test]
        fn never_panics_on_arbitrary_field_values(
            path in proptest::sample::select(vec![
                "client.givenName", "client.familyName", "contact.street",
                "contact.houseNumber", "contact.box", "contact.postalCode",
                "contact.municipality", "contact.phone", "contact.email",
                "consent.informed", "consent.agreed", "consent.date",
                "referrer.team", "referrer.name", "referrer.phone", "referrer.email",
            ]),
            text in "\\PC{0,80}",
        ) {
            let mut v = sofie();
            set(&mut v, path, json!(text));
            if let Err(es) = validate(&v, &registry(), today()) {
                proptest::prop_assert!(!es.is_empty());
                proptest::prop_assert!(es.iter().all(|e| !e.message.is_empty()));
            }
        }
    }

    #[test]
    fn messages_never_echo_values() {
        let marker = "Qzxv";
        let mut v = sofie();
        for (path, bad) in [
            ("client.givenName", format!("{marker}1")),
            ("client.familyName", format!("{marker}\u{200B}")),
            ("contact.street", format!("{marker} #")),
            ("contact.houseNumber", marker.to_string()),
            ("contact.box", format!("{marker} {marker}")),
            ("contact.municipality", marker.to_string()),
            ("contact.phone", marker.to_string()),
            ("contact.email", marker.to_string()),
            ("consent.date", marker.to_string()),
            ("referrer.team", format!("{marker}<")),
            ("referrer.name", format!("{marker}9")),
            ("referrer.phone", marker.to_string()),
            ("referrer.email", format!("{marker}@")),
        ] {
            set(&mut v, path, json!(bad));
        }
        let Err(es) = validate(&v, &registry(), today()) else {
            panic!("accepted")
        };
        assert_eq!(es.len(), 13);
        for e in es {
            assert!(!e.message.contains(marker), "{}", e.field);
            assert!(!e.message.is_empty());
        }
    }
}
