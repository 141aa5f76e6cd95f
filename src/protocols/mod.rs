//! The registry of data-sharing protocols and postal-code routing.
//!
//! This module holds the model ([`Protocol`], [`Registry`]) and the routing:
//! which protocol covers a postal code and municipality on a given day. The
//! registry is a JSON document (schema `referral-seal/protocols/v2`, camelCase
//! keys) that intranet maintainers can replace without a Rust rebuild;
//! `reader.rs` reads and validates it ([`Registry::from_json`],
//! [`Registry::from_value`], version 1 documents too) and `writer.rs` writes
//! it ([`Registry::to_json`], always version 2). [`Registry::builtin`] is the
//! copy shipped in `data/protocols.json`.

mod reader;
mod writer;

pub use reader::MAX_REGISTRY_BYTES;

use crate::date::Date;
use crate::error::Code;

/// One signed protocol between Opgroeien regie and one OCMW.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Protocol {
    /// Stable identifier, e.g. `ocmw-wervik-2023`.
    pub id: String,
    /// Name of the OCMW, e.g. `OCMW Wervik`.
    pub ocmw_name: String,
    /// KBO (enterprise) number of the OCMW, `0212.181.659`.
    pub ocmw_kbo: String,
    /// Registered address of the OCMW.
    pub ocmw_address: String,
    /// The social workers' mailbox named in the protocol.
    pub mailbox: String,
    /// The local teams of Opgroeien regie that may refer under this
    /// protocol (normally the one named in its title), in document order.
    pub referring_teams: Vec<String>,
    /// Whom the team member calls to give the archive's password, when the
    /// registry's maintainers know it (the protocols themselves do not say).
    pub password_call: Option<PasswordCall>,
    /// Postal codes covered.
    pub postal_codes: Vec<String>,
    /// Municipalities (Statbel names) covered.
    pub municipalities: Vec<String>,
    /// First day in force.
    pub in_force_from: Date,
    /// Last day in force, if the protocol has ended or will end.
    pub in_force_until: Option<Date>,
    /// Data protection officer of Opgroeien regie.
    pub dpo_opgroeien: String,
    /// Data protection officer of the OCMW.
    pub dpo_ocmw: String,
    /// Human-readable reference of the protocol document.
    pub reference: String,
    /// Retention rule of protocol art. 3, in Dutch.
    pub retention: String,
    /// Date of the cooperation agreement the protocol rests on, if the text gives it.
    pub concluded: Option<Date>,
    /// Maintainers' notes on how the entry was read from the protocol text.
    pub notes: Option<String>,
}

/// The OCMW's number for the password call (registry v2 `passwordCall`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasswordCall {
    /// A Belgian phone number in E.164 (`+3256123456`).
    pub phone: String,
    /// The person or service to ask for, in Dutch (e.g. `de sociale dienst`).
    pub ask: Option<String>,
}

/// The set of protocols in force, replaceable at run time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registry {
    /// All protocols, in document order.
    pub protocols: Vec<Protocol>,
}

impl Protocol {
    /// Whether the protocol is in force on `day`.
    pub fn in_force_on(&self, day: Date) -> bool {
        day >= self.in_force_from && self.in_force_until.is_none_or(|end| day <= end)
    }

    /// The protocol's own spelling of `team` when `team` is one of its
    /// referring teams (compared without regard to case; both sides are
    /// normalised team names), else `None`.
    pub fn referring_team(&self, team: &str) -> Option<&str> {
        let wanted = crate::unicode::lowercase(team);
        self.referring_teams
            .iter()
            .find(|t| crate::unicode::lowercase(t) == wanted)
            .map(String::as_str)
    }

    /// Whether the protocol covers this postal code and municipality.
    pub fn covers(&self, postal_code: &str, municipality: &str) -> bool {
        self.postal_codes.iter().any(|c| c == postal_code)
            && self.municipalities.iter().any(|m| m == municipality)
    }
}

impl Registry {
    /// The protocol that routes a client living in `municipality` (official
    /// Statbel name, as resolved from the postal data) with `postal_code`.
    ///
    /// Errors: [`Code::NoProtocolForMunicipality`] when no protocol covers it;
    /// [`Code::ProtocolNotInForce`] when one covers it but none is in force
    /// on `today`.
    pub fn route(
        &self,
        postal_code: &str,
        municipality: &str,
        today: Date,
    ) -> Result<&Protocol, Code> {
        let mut covering = self
            .protocols
            .iter()
            .filter(|p| p.covers(postal_code, municipality))
            .peekable();
        if covering.peek().is_none() {
            return Err(Code::NoProtocolForMunicipality);
        }
        covering
            .find(|p| p.in_force_on(today))
            .ok_or(Code::ProtocolNotInForce)
    }

    /// The registry shipped in `data/protocols.json` (native builds; the
    /// WebAssembly build reads [`BUILTIN_JSON`] in `wasm.rs`).
    ///
    /// The file is checked by a unit test; should it ever fail to parse, the
    /// result is an empty registry (every routing then fails with
    /// `no_protocol_for_municipality`) rather than a panic.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn builtin() -> Registry {
        Registry::from_json(BUILTIN_JSON).unwrap_or(Registry {
            protocols: Vec::new(),
        })
    }

    /// The first protocol (in document order) in force on `today` that covers
    /// `postal_code`, whatever the municipality.
    ///
    /// A postal code can span two municipalities (e.g. 1040); use
    /// [`Registry::route`] when the municipality is known.
    pub fn protocol_for(&self, postal_code: &str, today: Date) -> Option<&Protocol> {
        self.protocols
            .iter()
            .find(|p| p.in_force_on(today) && p.postal_codes.iter().any(|c| c == postal_code))
    }

    /// The distinct referring teams, in document order (for the page's team list).
    pub fn teams(&self) -> Vec<&str> {
        let mut teams: Vec<&str> = Vec::new();
        for team in self.protocols.iter().flat_map(|p| &p.referring_teams) {
            if !teams.contains(&team.as_str()) {
                teams.push(team);
            }
        }
        teams
    }
}

/// Schema identifier of the registry document.
pub const REGISTRY_SCHEMA: &str = "referral-seal/protocols/v2";

/// Schema identifier of the first version, still read.
pub const REGISTRY_SCHEMA_V1: &str = "referral-seal/protocols/v1";

/// The registry shipped with the crate: `data/protocols.json`.
pub const BUILTIN_JSON: &str = include_str!("../../data/protocols.json");

/// The test registry (`tests/fixtures/registry.json`): invented OCMWs for
/// 8940 Wervik and 8820 Torhout with reserved e-mail domains (RFC 2606 and
/// 6761). Unit tests that need *a* registry use this one, so that no test
/// writes to or about the real mailboxes and officers of
/// `data/protocols.json`; tests whose subject is the shipped data use
/// [`Registry::builtin`] and say so. Integration tests load the same file
/// through `tests/common/mod.rs`.
#[cfg(test)]
pub(crate) mod fixture {
    use super::Registry;

    /// The test registry's JSON text.
    pub(crate) const JSON: &str = include_str!("../../tests/fixtures/registry.json");

    /// The test registry, parsed by the registry reader.
    pub(crate) fn registry() -> Registry {
        Registry::from_json(JSON).unwrap_or_else(|e| panic!("test registry: {e:?}"))
    }

    /// The test registry as a JSON value read by serde_json (not by our
    /// reader): expected values come from here, and refusal tests edit it.
    pub(crate) fn value() -> serde_json::Value {
        serde_json::from_str(JSON).unwrap_or_else(|e| panic!("test registry: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;
    use serde_json::{json, Value};

    /// A value of ours as serde_json's, through its JSON text.
    pub(super) fn theirs(v: &json::Value) -> Value {
        serde_json::from_str(&json::to_string(v)).unwrap()
    }

    pub(super) fn day(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    /// The builtin registry as a JSON value, for the tests of the shipped data.
    pub(super) fn builtin_value() -> Value {
        serde_json::from_str(BUILTIN_JSON).unwrap()
    }

    pub(super) use super::fixture::value as fixture_value;

    /// The day before `d`.
    fn day_before(d: Date) -> Date {
        if d.day() > 1 {
            return Date::new(d.year(), d.month(), d.day() - 1).unwrap();
        }
        let (y, m) = match d.month() {
            1 => (d.year() - 1, 12),
            m => (d.year(), m - 1),
        };
        (28..=31)
            .rev()
            .find_map(|last| Date::new(y, m, last))
            .unwrap()
    }

    /// The shipped data is this test's subject: `data/protocols.json` routes
    /// the real protocols' postal codes and municipalities.
    #[test]
    fn builtin_registry_routes() {
        let r = Registry::builtin();
        let today = day("2026-11-24");
        let table = [
            ("8940", "Wervik", Ok("ocmw-wervik-2023")),
            // Geluwe is a locality of the municipality Wervik: routed by municipality.
            ("8940", "Geluwe", Err(Code::NoProtocolForMunicipality)),
            ("8820", "Torhout", Ok("ocmw-torhout-2024")),
            ("8930", "Menen", Err(Code::NoProtocolForMunicipality)),
            ("8820", "Wervik", Err(Code::NoProtocolForMunicipality)),
        ];
        for (code, municipality, want) in table {
            let got = r.route(code, municipality, today).map(|p| p.id.as_str());
            assert_eq!(got, want, "{code} {municipality}");
        }
        assert_eq!(
            r.protocol_for("8940", today).map(|p| p.ocmw_name.as_str()),
            Some("OCMW Wervik")
        );
        assert_eq!(
            r.protocol_for("8820", today).map(|p| p.ocmw_name.as_str()),
            Some("OCMW Torhout")
        );
        assert!(r.protocol_for("8930", today).is_none());
        assert!(r.protocol_for("", today).is_none());
    }

    #[test]
    fn protocol_not_in_force_before_its_date() {
        assert_eq!(day_before(day("2024-03-01")), day("2024-02-29"));
        assert_eq!(day_before(day("2024-01-01")), day("2023-12-31"));
        let r = fixture::registry();
        let v = fixture_value();
        assert_eq!(r.protocols.len(), 2);
        for (p, want) in r.protocols.iter().zip(v["protocols"].as_array().unwrap()) {
            let (code, municipality) = (&p.postal_codes[0], &p.municipalities[0]);
            let from = day(want["inForceFrom"].as_str().unwrap());
            for (today, want) in [
                (day_before(from), Err(Code::ProtocolNotInForce)),
                (from, Ok(want["id"].as_str().unwrap())),
            ] {
                let got = r.route(code, municipality, today).map(|p| p.id.as_str());
                assert_eq!(got, want, "{code} {}", today.compact());
                assert_eq!(
                    r.protocol_for(code, today).map(|p| p.id.as_str()),
                    want.ok(),
                    "{code} {}",
                    today.compact()
                );
            }
        }
    }

    #[test]
    fn ended_protocol_is_not_in_force_after_its_end() {
        let mut v = fixture_value();
        v["protocols"][0]["inForceUntil"] = json!("2025-06-30");
        let r = Registry::from_json(&v.to_string()).unwrap();
        assert!(r.protocol_for("8940", day("2025-06-30")).is_some());
        assert!(r.protocol_for("8940", day("2025-07-01")).is_none());
        assert_eq!(
            r.route("8940", "Wervik", day("2025-07-01")).map(|_| ()),
            Err(Code::ProtocolNotInForce)
        );
    }

    #[test]
    fn a_later_protocol_for_the_same_municipality_is_allowed() {
        let mut v = fixture_value();
        v["protocols"][0]["inForceUntil"] = json!("2026-12-31");
        let mut next = v["protocols"][0].clone();
        next["id"] = json!("test-ocmw-wervik-2027");
        next["inForceFrom"] = json!("2027-01-01");
        next["inForceUntil"] = Value::Null;
        next["mailbox"] = json!("nieuw@ocmw-wervik.example.com");
        v["protocols"].as_array_mut().unwrap().push(next);
        let r = Registry::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
        let mailbox = |d: &str| r.route("8940", "Wervik", day(d)).map(|p| p.mailbox.clone());
        assert_eq!(
            mailbox("2026-12-31").ok().as_deref(),
            v["protocols"][0]["mailbox"].as_str()
        );
        assert_eq!(
            mailbox("2027-01-01"),
            Ok("nieuw@ocmw-wervik.example.com".to_owned())
        );
        assert_eq!(r.teams().len(), 3);
    }
}
