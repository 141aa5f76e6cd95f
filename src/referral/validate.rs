//! Validation of an untrusted referral: the field rules, the routing to the
//! protocol that covers the client's municipality, and the team rule.

use super::walker::Walker;
use super::{Address, Client, Consent, Contact, Referral, Referrer};
use crate::date::Date;
use crate::error::{Code, FieldError};
use crate::json::{Object, Value};
use crate::postal;
use crate::protocols::{Protocol, Registry};
use crate::schema;
use crate::validate::address::{
    normalise_box, normalise_house_number, normalise_municipality, normalise_postal_code,
    normalise_street, split_postal_code,
};
use crate::validate::email::normalise_email;
use crate::validate::name::{normalise_name, normalise_team};
use crate::validate::phone::Phone;

/// Input JSON text longer than this (in bytes) is refused before it is
/// read ([`validate_json`]; the JS door has its own limit, in `wasm.rs`).
#[cfg(not(target_arch = "wasm32"))]
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

/// Parses and validates a referral given as JSON text, read by serde_json
/// (native builds: tests, fuzzing, tools; the WebAssembly build reads the
/// caller's object in `wasm.rs`).
///
/// On field `""`: text over [`MAX_INPUT_BYTES`] is refused with
/// `input_too_large` before it is read, and so is nesting deeper than
/// [`crate::json::MAX_DEPTH`]; text that is not JSON (a lone surrogate escape
/// included) is `invalid_input`. Then [`validate`].
#[cfg(not(target_arch = "wasm32"))]
pub fn validate_json(
    json: &str,
    registry: &Registry,
    today: Date,
) -> Result<(Referral, Protocol), Vec<FieldError>> {
    if json.len() > MAX_INPUT_BYTES {
        return Err(vec![FieldError::new("", Code::InputTooLarge)]);
    }
    use crate::json::{parse, ReadError};
    let value = parse(json).map_err(|e| {
        let code = match e {
            ReadError::TooDeep => Code::InputTooLarge,
            ReadError::Invalid => Code::InvalidInput,
        };
        vec![FieldError::new("", code)]
    })?;
    validate(&value, registry, today)
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
    // The keys allowed come from the schema (src/schema.rs).
    w.check_keys(top, "", |k| schema::section(k).is_some())?;
    let empty = Object::new();
    let client = w.section(top, "client")?.unwrap_or(&empty);
    let contact = w.section(top, "contact")?.unwrap_or(&empty);
    let consent = w.section(top, "consent")?.unwrap_or(&empty);
    let referrer = w.section(top, "referrer")?.unwrap_or(&empty);

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
