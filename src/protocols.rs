//! The registry of data-sharing protocols and postal-code routing.
//!
//! The registry is a JSON document (schema `referral-seal/protocols/v1`,
//! camelCase keys) that intranet maintainers can replace without a Rust
//! rebuild. [`Registry::from_json`] reads it strictly: unknown keys, bad
//! mailboxes, bad dates and ambiguous coverage are refused with
//! [`Code::InvalidRegistry`] on the exact path (`registry.protocols[0].mailbox`).
//! [`Registry::builtin`] is the copy shipped in `data/protocols.json`.

use crate::date::Date;
use crate::error::{Code, FieldError};
use crate::json::{Object, Value};

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
    /// The local team named in the protocol.
    pub referring_team: String,
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
}

/// Schema identifier of the registry document.
pub const REGISTRY_SCHEMA: &str = "referral-seal/protocols/v1";

/// Largest registry document accepted, checked before parsing.
pub const MAX_REGISTRY_BYTES: usize = 1024 * 1024;

/// Most protocols one registry may hold.
const MAX_PROTOCOLS: usize = 1000;
/// Longest free-text value (reference, retention, notes).
const MAX_TEXT_CHARS: usize = 2000;
/// Most postal codes or municipalities per protocol.
const MAX_LIST_ITEMS: usize = 200;

/// The registry shipped with the crate: `data/protocols.json`.
pub const BUILTIN_JSON: &str = include_str!("../data/protocols.json");

impl Protocol {
    /// The registry entry as JSON (camelCase, the shape [`Registry::from_json`] reads).
    pub fn to_json(&self) -> Value {
        let date = |d: Option<Date>| d.map(|d| d.to_string());
        Value::object([
            ("id", self.id.as_str().into()),
            (
                "ocmw",
                Value::object([
                    ("name", self.ocmw_name.as_str().into()),
                    ("kbo", self.ocmw_kbo.as_str().into()),
                    ("address", self.ocmw_address.as_str().into()),
                ]),
            ),
            ("mailbox", self.mailbox.as_str().into()),
            ("referringTeam", self.referring_team.as_str().into()),
            ("postalCodes", self.postal_codes.clone().into()),
            ("municipalities", self.municipalities.clone().into()),
            ("inForceFrom", self.in_force_from.to_string().into()),
            ("inForceUntil", date(self.in_force_until).into()),
            ("concluded", date(self.concluded).into()),
            (
                "dpo",
                Value::object([
                    ("opgroeien", self.dpo_opgroeien.as_str().into()),
                    ("ocmw", self.dpo_ocmw.as_str().into()),
                ]),
            ),
            ("reference", self.reference.as_str().into()),
            ("retention", self.retention.as_str().into()),
            ("notes", self.notes.as_deref().into()),
        ])
    }
}

impl Registry {
    /// Reads a registry document given as JSON text (native builds; in
    /// WebAssembly the text is parsed by the engine's `JSON.parse` and read
    /// with [`Registry::from_value`]).
    ///
    /// The size cap ([`MAX_REGISTRY_BYTES`]) is checked before parsing.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json(json: &str) -> Result<Registry, Vec<FieldError>> {
        if json.len() > MAX_REGISTRY_BYTES {
            return Err(vec![registry_error("registry", "groter dan 1 MiB")]);
        }
        match crate::json::parse(json) {
            Ok(value) => Registry::from_value(&value),
            Err(_) => Err(vec![registry_error("registry", "geen geldige JSON")]),
        }
    }

    /// Reads a registry document, refusing anything doubtful.
    ///
    /// Every problem is reported, each as a [`FieldError`] with code
    /// [`Code::InvalidRegistry`] and a path such as
    /// `registry.protocols[0].mailbox`.
    pub fn from_value(value: &Value) -> Result<Registry, Vec<FieldError>> {
        let mut r = Reader::default();
        let protocols = r.registry(value);
        if r.errors.is_empty() {
            Ok(Registry { protocols })
        } else {
            Err(r.errors)
        }
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

    /// The registry as a JSON document that [`Registry::from_json`] reads back.
    pub fn to_json(&self) -> Value {
        Value::object([
            ("schema", REGISTRY_SCHEMA.into()),
            (
                "protocols",
                Value::Array(self.protocols.iter().map(Protocol::to_json).collect()),
            ),
        ])
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
        for p in &self.protocols {
            if !teams.contains(&p.referring_team.as_str()) {
                teams.push(&p.referring_team);
            }
        }
        teams
    }
}

/// A registry refusal on `path`; the message names the path and the reason,
/// never personal data (the registry holds none).
fn registry_error(path: &str, reason: &str) -> FieldError {
    FieldError {
        field: path.to_owned(),
        code: Code::InvalidRegistry,
        message: format!("Het protocolregister is ongeldig: {path} is {reason}."),
    }
}

/// Collects every error while walking the registry document.
#[derive(Default)]
struct Reader {
    errors: Vec<FieldError>,
}

impl Reader {
    fn fail(&mut self, path: &str, reason: &str) {
        self.errors.push(registry_error(path, reason));
    }

    /// The object at `path`, with unknown keys and missing required keys reported.
    fn object<'v>(
        &mut self,
        value: &'v Value,
        path: &str,
        required: &[&str],
        optional: &[&str],
    ) -> Option<&'v Object> {
        let Some(map) = value.as_object() else {
            self.fail(path, "geen object");
            return None;
        };
        // Reported in byte order of the keys, whatever the document's order.
        for key in map.sorted_keys() {
            if !required.contains(&key) && !optional.contains(&key) {
                let short: String = key.chars().take(40).collect();
                self.fail(&format!("{path}.{short}"), "een onbekende sleutel");
            }
        }
        for key in required {
            if !map.contains_key(key) {
                self.fail(&format!("{path}.{key}"), "verplicht en ontbreekt");
            }
        }
        Some(map)
    }

    /// A required, non-empty single-line text without control characters.
    fn text(&mut self, map: &Object, path: &str, key: &str) -> Option<String> {
        let path = format!("{path}.{key}");
        let v = map.get(key)?;
        self.text_value(v, &path)
    }

    fn text_value(&mut self, v: &Value, path: &str) -> Option<String> {
        let Some(s) = v.as_str() else {
            self.fail(path, "geen tekst");
            return None;
        };
        if s.trim().is_empty() {
            self.fail(path, "leeg");
            None
        } else if s.chars().count() > MAX_TEXT_CHARS {
            self.fail(path, "te lang");
            None
        } else if s.chars().any(char::is_control) || s.trim() != s {
            self.fail(path, "tekst met besturingstekens of witruimte aan de rand");
            None
        } else {
            Some(s.to_owned())
        }
    }

    /// An optional text: absent or `null` is `None`.
    fn optional_text(&mut self, map: &Object, path: &str, key: &str) -> Option<String> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => self.text_value(v, &format!("{path}.{key}")),
        }
    }

    fn mailbox(&mut self, map: &Object, path: &str, key: &str) -> Option<String> {
        let s = self.text(map, path, key)?;
        if is_mailbox(&s) {
            Some(s)
        } else {
            self.fail(&format!("{path}.{key}"), "geen geldig e-mailadres");
            None
        }
    }

    fn date(&mut self, v: &Value, path: &str) -> Option<Date> {
        match v.as_str().map(Date::parse_iso) {
            Some(Ok(d)) => Some(d),
            _ => {
                self.fail(path, "geen geldige datum (JJJJ-MM-DD)");
                None
            }
        }
    }

    fn optional_date(&mut self, map: &Object, path: &str, key: &str) -> Option<Date> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => self.date(v, &format!("{path}.{key}")),
        }
    }

    /// A non-empty list of distinct texts, each checked by `ok`.
    fn list(
        &mut self,
        map: &Object,
        path: &str,
        key: &str,
        ok: fn(&str) -> bool,
        reason: &str,
    ) -> Option<Vec<String>> {
        let path = format!("{path}.{key}");
        let v = map.get(key)?;
        let Some(items) = v.as_array() else {
            self.fail(&path, "geen lijst");
            return None;
        };
        if items.is_empty() || items.len() > MAX_LIST_ITEMS {
            self.fail(&path, "leeg of te lang");
            return None;
        }
        let mut out: Vec<String> = Vec::with_capacity(items.len());
        let before = self.errors.len();
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            if let Some(s) = self.text_value(item, &item_path) {
                if !ok(&s) {
                    self.fail(&item_path, reason);
                } else if out.contains(&s) {
                    self.fail(&item_path, "dubbel");
                } else {
                    out.push(s);
                }
            }
        }
        (self.errors.len() == before).then_some(out)
    }

    fn registry(&mut self, value: &Value) -> Vec<Protocol> {
        let Some(map) = self.object(value, "registry", &["schema", "protocols"], &[]) else {
            return Vec::new();
        };
        if let Some(schema) = map.get("schema") {
            if schema.as_str() != Some(REGISTRY_SCHEMA) {
                self.fail(
                    "registry.schema",
                    "niet \u{201c}referral-seal/protocols/v1\u{201d}",
                );
            }
        }
        let Some(list) = map.get("protocols") else {
            return Vec::new();
        };
        let Some(items) = list.as_array() else {
            self.fail("registry.protocols", "geen lijst");
            return Vec::new();
        };
        if items.len() > MAX_PROTOCOLS {
            self.fail("registry.protocols", "te lang");
            return Vec::new();
        }
        let mut protocols: Vec<Protocol> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("registry.protocols[{i}]");
            if let Some(p) = self.protocol(item, &path) {
                self.check_against_earlier(&p, &protocols, &path);
                protocols.push(p);
            }
        }
        protocols
    }

    fn protocol(&mut self, value: &Value, path: &str) -> Option<Protocol> {
        let before = self.errors.len();
        let map = self.object(
            value,
            path,
            &[
                "id",
                "ocmw",
                "mailbox",
                "referringTeam",
                "postalCodes",
                "municipalities",
                "inForceFrom",
                "inForceUntil",
                "dpo",
                "reference",
                "retention",
            ],
            &["concluded", "notes"],
        )?;
        let id = self.text(map, path, "id");
        if let Some(id) = &id {
            if !is_id(id) {
                self.fail(
                    &format!("{path}.id"),
                    "geen geldige id (kleine letters, cijfers en -)",
                );
            }
        }
        let ocmw_path = format!("{path}.ocmw");
        let ocmw = map
            .get("ocmw")
            .and_then(|v| self.object(v, &ocmw_path, &["name", "kbo", "address"], &[]));
        let (ocmw_name, ocmw_kbo, ocmw_address) = match ocmw {
            Some(o) => {
                let kbo = self.text(o, &ocmw_path, "kbo");
                if let Some(k) = &kbo {
                    if !is_kbo(k) {
                        self.fail(
                            &format!("{ocmw_path}.kbo"),
                            "geen geldig KBO-nummer (0212.181.659)",
                        );
                    }
                }
                (
                    self.text(o, &ocmw_path, "name"),
                    kbo,
                    self.text(o, &ocmw_path, "address"),
                )
            }
            None => (None, None, None),
        };
        let mailbox = self.mailbox(map, path, "mailbox");
        let referring_team = self.text(map, path, "referringTeam");
        let postal_codes = self.list(
            map,
            path,
            "postalCodes",
            is_postal_code,
            "geen postcode van vier cijfers",
        );
        let municipalities = self.list(map, path, "municipalities", |_| true, "ongeldig");
        let in_force_from = map
            .get("inForceFrom")
            .and_then(|v| self.date(v, &format!("{path}.inForceFrom")));
        let in_force_until = self.optional_date(map, path, "inForceUntil");
        if let (Some(from), Some(until)) = (in_force_from, in_force_until) {
            if until < from {
                self.fail(&format!("{path}.inForceUntil"), "vroeger dan inForceFrom");
            }
        }
        let concluded = self.optional_date(map, path, "concluded");
        let dpo_path = format!("{path}.dpo");
        let dpo = map
            .get("dpo")
            .and_then(|v| self.object(v, &dpo_path, &["opgroeien", "ocmw"], &[]));
        let (dpo_opgroeien, dpo_ocmw) = match dpo {
            Some(d) => (
                self.mailbox(d, &dpo_path, "opgroeien"),
                self.mailbox(d, &dpo_path, "ocmw"),
            ),
            None => (None, None),
        };
        let reference = self.text(map, path, "reference");
        let retention = self.text(map, path, "retention");
        let notes = self.optional_text(map, path, "notes");
        if self.errors.len() != before {
            return None;
        }
        Some(Protocol {
            id: id?,
            ocmw_name: ocmw_name?,
            ocmw_kbo: ocmw_kbo?,
            ocmw_address: ocmw_address?,
            mailbox: mailbox?,
            referring_team: referring_team?,
            postal_codes: postal_codes?,
            municipalities: municipalities?,
            in_force_from: in_force_from?,
            in_force_until,
            dpo_opgroeien: dpo_opgroeien?,
            dpo_ocmw: dpo_ocmw?,
            reference: reference?,
            retention: retention?,
            concluded,
            notes,
        })
    }

    /// Refuses a duplicate id and coverage that would make routing ambiguous:
    /// two protocols sharing a postal code and a municipality with
    /// overlapping periods in force.
    fn check_against_earlier(&mut self, p: &Protocol, earlier: &[Protocol], path: &str) {
        for q in earlier {
            if q.id == p.id {
                self.fail(&format!("{path}.id"), "dubbel");
            }
            let shares = p.postal_codes.iter().any(|c| q.postal_codes.contains(c))
                && p.municipalities
                    .iter()
                    .any(|m| q.municipalities.contains(m));
            let overlaps = p.in_force_until.is_none_or(|end| end >= q.in_force_from)
                && q.in_force_until.is_none_or(|end| end >= p.in_force_from);
            if shares && overlaps {
                self.fail(
                    &format!("{path}.postalCodes"),
                    "al gedekt door een ander protocol in dezelfde periode",
                );
            }
        }
    }
}

/// Lower-case ASCII letters, digits and single inner hyphens, at most 64 characters.
fn is_id(s: &str) -> bool {
    s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.as_bytes().windows(2).any(|w| w == b"--")
}

fn is_postal_code(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0')
}

/// A KBO (enterprise) number written `0212.181.659` with valid mod-97 check digits.
fn is_kbo(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 12 || b[4] != b'.' || b[8] != b'.' {
        return false;
    }
    let digits: Vec<u8> = b.iter().filter(|c| **c != b'.').copied().collect();
    if digits.len() != 10
        || !digits.iter().all(u8::is_ascii_digit)
        || !matches!(digits[0], b'0' | b'1')
    {
        return false;
    }
    let num = |d: &[u8]| d.iter().fold(0u64, |acc, c| acc * 10 + u64::from(c - b'0'));
    97 - num(&digits[..8]) % 97 == num(&digits[8..])
}

/// A syntactically valid, ASCII e-mail address (dot-atom local part, a host
/// name with at least two labels and an alphabetic or `xn--` top-level label).
pub(crate) fn is_mailbox(s: &str) -> bool {
    if s.len() > 254 {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    const ATEXT: &[u8] = b"!#$%&'*+/=?^_`{|}~-";
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || ATEXT.contains(&b))
        });
    let labels: Vec<&str> = domain.split('.').collect();
    let labels_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        });
    let tld_ok = labels.last().is_some_and(|t| {
        (t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic())) || t.starts_with("xn--")
    });
    local_ok && labels_ok && tld_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;
    use serde_json::{json, Value};

    fn day(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    /// A value of ours as serde_json's, through its JSON text.
    fn theirs(v: &json::Value) -> Value {
        serde_json::from_str(&json::to_string(v)).unwrap()
    }

    /// The builtin registry as a mutable JSON value, for refusal tests.
    fn builtin_value() -> Value {
        serde_json::from_str(BUILTIN_JSON).unwrap()
    }

    fn refusal_fields(v: &Value) -> Vec<String> {
        let errors = Registry::from_json(&v.to_string()).expect_err("refused");
        assert!(errors.iter().all(|e| e.code == Code::InvalidRegistry));
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn builtin_registry_parses_with_the_protocol_facts() {
        let r = Registry::from_json(BUILTIN_JSON).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(r, Registry::builtin());
        assert_eq!(r.protocols.len(), 2);
        let w = &r.protocols[0];
        assert_eq!(
            (
                w.ocmw_name.as_str(),
                w.ocmw_kbo.as_str(),
                w.mailbox.as_str()
            ),
            ("OCMW Wervik", "0212.181.659", "kindengezin@wervik.be")
        );
        assert_eq!(w.in_force_from, day("2023-12-01"));
        assert_eq!(w.concluded, Some(day("2023-11-28")));
        assert_eq!(w.dpo_ocmw, "andranik.grigoryan@c-smart.be");
        let t = &r.protocols[1];
        assert_eq!(
            (
                t.ocmw_name.as_str(),
                t.ocmw_kbo.as_str(),
                t.mailbox.as_str()
            ),
            ("OCMW Torhout", "0212.175.523", "sociaal.huis@torhout.be")
        );
        assert_eq!(t.in_force_from, day("2024-04-18"));
        assert_eq!(t.in_force_until, None);
        // The protocol text has "dpo@opgroeien;be"; the registry must not.
        assert_eq!(t.dpo_opgroeien, "dpo@opgroeien.be");
        assert_eq!(t.dpo_ocmw, "kurt.persyn@torhout.be");
        assert_eq!(
            r.teams(),
            vec![
                "Lokaal team Kind en Gezin Menen",
                "Lokaal team Kind en Gezin Westkust en Polder"
            ]
        );
    }

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
        let r = Registry::builtin();
        let table = [
            (
                "8940",
                "Wervik",
                "2023-11-30",
                Err(Code::ProtocolNotInForce),
            ),
            ("8940", "Wervik", "2023-12-01", Ok(())),
            (
                "8820",
                "Torhout",
                "2024-04-17",
                Err(Code::ProtocolNotInForce),
            ),
            ("8820", "Torhout", "2024-04-18", Ok(())),
        ];
        for (code, municipality, today, want) in table {
            let got = r.route(code, municipality, day(today)).map(|_| ());
            assert_eq!(got, want, "{code} {today}");
            assert_eq!(
                r.protocol_for(code, day(today)).is_some(),
                want.is_ok(),
                "{code} {today}"
            );
        }
    }

    #[test]
    fn ended_protocol_is_not_in_force_after_its_end() {
        let mut v = builtin_value();
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
    fn to_json_round_trips() {
        let r = Registry::builtin();
        let again = Registry::from_json(&json::to_string(&r.to_json())).unwrap();
        assert_eq!(again, r);
        let entry = theirs(&r.protocols[0].to_json());
        assert_eq!(entry["ocmw"]["kbo"], "0212.181.659");
        assert_eq!(entry["referringTeam"], "Lokaal team Kind en Gezin Menen");
        assert_eq!(entry["inForceFrom"], "2023-12-01");
        assert_eq!(entry["inForceUntil"], Value::Null);
        assert_eq!(entry["postalCodes"], json!(["8940"]));
        // Same shape as the file's entry.
        assert_eq!(entry, builtin_value()["protocols"][0]);
    }

    #[test]
    fn from_json_refusals() {
        type Edit = fn(&mut Value);
        let table: [(&str, Edit, &str); 18] = [
            (
                "unknown key",
                |v| v["protocols"][0]["fax"] = json!("x"),
                "registry.protocols[0].fax",
            ),
            (
                "unknown nested key",
                |v| v["protocols"][1]["ocmw"]["iban"] = json!("x"),
                "registry.protocols[1].ocmw.iban",
            ),
            (
                "unknown top key",
                |v| v["comment"] = json!("x"),
                "registry.comment",
            ),
            (
                "bad mailbox",
                |v| v["protocols"][0]["mailbox"] = json!("kindengezin@wervik"),
                "registry.protocols[0].mailbox",
            ),
            (
                "semicolon mailbox",
                |v| v["protocols"][1]["dpo"]["opgroeien"] = json!("dpo@opgroeien;be"),
                "registry.protocols[1].dpo.opgroeien",
            ),
            (
                "mailbox with name",
                |v| v["protocols"][0]["mailbox"] = json!("OCMW <a@b.be>"),
                "registry.protocols[0].mailbox",
            ),
            (
                "bad date",
                |v| v["protocols"][0]["inForceFrom"] = json!("01.12.2023"),
                "registry.protocols[0].inForceFrom",
            ),
            (
                "impossible date",
                |v| v["protocols"][1]["concluded"] = json!("2024-02-30"),
                "registry.protocols[1].concluded",
            ),
            (
                "until before from",
                |v| v["protocols"][0]["inForceUntil"] = json!("2023-11-30"),
                "registry.protocols[0].inForceUntil",
            ),
            (
                "missing key",
                |v| {
                    v["protocols"][0].as_object_mut().unwrap().remove("mailbox");
                },
                "registry.protocols[0].mailbox",
            ),
            (
                "postal code 3 digits",
                |v| v["protocols"][0]["postalCodes"] = json!(["894"]),
                "registry.protocols[0].postalCodes[0]",
            ),
            (
                "postal code as number",
                |v| v["protocols"][0]["postalCodes"] = json!([8940]),
                "registry.protocols[0].postalCodes[0]",
            ),
            (
                "no postal codes",
                |v| v["protocols"][0]["postalCodes"] = json!([]),
                "registry.protocols[0].postalCodes",
            ),
            (
                "duplicate id",
                |v| v["protocols"][1]["id"] = json!("ocmw-wervik-2023"),
                "registry.protocols[1].id",
            ),
            (
                "bad kbo check digits",
                |v| v["protocols"][0]["ocmw"]["kbo"] = json!("0212.181.658"),
                "registry.protocols[0].ocmw.kbo",
            ),
            (
                "wrong schema",
                |v| v["schema"] = json!("referral-seal/protocols/v2"),
                "registry.schema",
            ),
            (
                "control character",
                |v| v["protocols"][0]["referringTeam"] = json!("Lokaal\tteam"),
                "registry.protocols[0].referringTeam",
            ),
            (
                "overlapping coverage",
                |v| {
                    let copy = v["protocols"][0].clone();
                    v["protocols"].as_array_mut().unwrap().push(copy);
                    v["protocols"][2]["id"] = json!("ocmw-wervik-2025");
                },
                "registry.protocols[2].postalCodes",
            ),
        ];
        for (what, edit, field) in table {
            let mut v = builtin_value();
            edit(&mut v);
            let fields = refusal_fields(&v);
            assert_eq!(fields, vec![field.to_owned()], "{what}");
        }
    }

    #[test]
    fn from_json_refuses_malformed_documents() {
        for doc in [
            "",
            "[]",
            "{",
            "null",
            r#"{"schema":"referral-seal/protocols/v1","protocols":{}}"#,
        ] {
            let errors = Registry::from_json(doc).expect_err(doc);
            assert_eq!(errors[0].code, Code::InvalidRegistry, "{doc}");
            assert!(errors[0].field.starts_with("registry"), "{doc}");
            assert!(
                errors[0]
                    .message
                    .starts_with("Het protocolregister is ongeldig"),
                "{doc}"
            );
        }
        let big = format!("{{\"schema\":\"{}\"}}", "x".repeat(MAX_REGISTRY_BYTES));
        let errors = Registry::from_json(&big).err().unwrap();
        assert_eq!(errors[0].field, "registry");
        // An empty list is a valid (if useless) registry.
        let empty =
            Registry::from_json(r#"{"schema":"referral-seal/protocols/v1","protocols":[]}"#)
                .unwrap();
        assert!(empty.protocols.is_empty() && empty.teams().is_empty());
    }

    #[test]
    fn a_later_protocol_for_the_same_municipality_is_allowed() {
        let mut v = builtin_value();
        v["protocols"][0]["inForceUntil"] = json!("2026-12-31");
        let mut next = v["protocols"][0].clone();
        next["id"] = json!("ocmw-wervik-2027");
        next["inForceFrom"] = json!("2027-01-01");
        next["inForceUntil"] = Value::Null;
        next["mailbox"] = json!("sociaal.huis@wervik.be");
        v["protocols"].as_array_mut().unwrap().push(next);
        let r = Registry::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
        let mailbox = |d: &str| r.route("8940", "Wervik", day(d)).map(|p| p.mailbox.clone());
        assert_eq!(
            mailbox("2026-12-31"),
            Ok("kindengezin@wervik.be".to_owned())
        );
        assert_eq!(
            mailbox("2027-01-01"),
            Ok("sociaal.huis@wervik.be".to_owned())
        );
        assert_eq!(
            r.teams(),
            vec![
                "Lokaal team Kind en Gezin Menen",
                "Lokaal team Kind en Gezin Westkust en Polder"
            ]
        );
    }

    #[test]
    fn mailbox_syntax() {
        let table = [
            ("kindengezin@wervik.be", true),
            ("sociaal.huis@torhout.be", true),
            ("andranik.grigoryan@c-smart.be", true),
            ("o'brien+ocmw@example.be", true),
            ("a@xn--brssel-kva.be", true),
            ("dpo@opgroeien;be", false),
            ("dpo@opgroeien", false),
            ("@wervik.be", false),
            ("a..b@wervik.be", false),
            ("a@-wervik.be", false),
            ("a@wervik.b", false),
            ("a b@wervik.be", false),
            ("ané@wervik.be", false),
            ("a@b@wervik.be", false),
            ("a@wervik.be\r\nBcc: x@y.be", false),
        ];
        for (s, ok) in table {
            assert_eq!(is_mailbox(s), ok, "{s}");
        }
    }
}
