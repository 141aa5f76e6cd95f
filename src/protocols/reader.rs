//! Reads and validates a registry document strictly: unknown keys, bad
//! mailboxes, bad dates and ambiguous coverage are refused with
//! [`Code::InvalidRegistry`] on the exact path (`registry.protocols[0].mailbox`).
//! Version 1 documents (one `referringTeam` per protocol, no `passwordCall`),
//! e.g. one edited inside a deployed `index.html`, are still read.

use super::{PasswordCall, Protocol, Registry, REGISTRY_SCHEMA, REGISTRY_SCHEMA_V1};
use crate::date::Date;
use crate::error::{Code, FieldError};
use crate::json::{Object, Value};
use crate::validate::name::normalise_team;

/// Most referring teams per protocol.
const MAX_TEAMS: usize = 20;

/// Largest registry document accepted, checked before parsing.
pub const MAX_REGISTRY_BYTES: usize = 1024 * 1024;

/// Most protocols one registry may hold.
const MAX_PROTOCOLS: usize = 1000;
/// Longest free-text value (reference, retention, notes).
const MAX_TEXT_CHARS: usize = 2000;
/// Most postal codes or municipalities per protocol.
const MAX_LIST_ITEMS: usize = 200;

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
}

/// A registry refusal on `path`; the message names the path and the reason,
/// never personal data (the registry holds none).
fn registry_error(path: &str, reason: &str) -> FieldError {
    FieldError::with_message(
        path,
        Code::InvalidRegistry,
        format!("Het protocolregister is ongeldig: {path} is {reason}."),
    )
}

/// Collects every error while walking the registry document.
#[derive(Default)]
struct Reader {
    errors: Vec<FieldError>,
    /// Whether the document declares schema version 1 (`referringTeam`).
    v1: bool,
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
            let reason = match crate::validate::email::mailbox_detail(&s) {
                Some(detail) => format!(
                    "geen geldig e-mailadres: het {}",
                    detail.trim_end_matches('.')
                ),
                None => "geen geldig e-mailadres".to_owned(),
            };
            self.fail(&format!("{path}.{key}"), &reason);
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
            match schema.as_str() {
                Some(REGISTRY_SCHEMA) => self.v1 = false,
                Some(REGISTRY_SCHEMA_V1) => self.v1 = true,
                _ => self.fail(
                    "registry.schema",
                    "niet \u{201c}referral-seal/protocols/v2\u{201d} (of v1)",
                ),
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
                if self.v1 {
                    "referringTeam"
                } else {
                    "referringTeams"
                },
                "postalCodes",
                "municipalities",
                "inForceFrom",
                "inForceUntil",
                "dpo",
                "reference",
                "retention",
            ],
            if self.v1 {
                &["concluded", "notes"]
            } else {
                &["concluded", "notes", "passwordCall"]
            },
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
        let referring_teams = if self.v1 {
            self.team(map, path, "referringTeam").map(|t| vec![t])
        } else {
            self.teams(map, path)
        };
        let password_call = self.password_call(map, path);
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
            referring_teams: referring_teams?,
            password_call,
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

    /// A team name: text that is already a normalised team name (so that
    /// the name the page offers is the name the referral carries).
    fn team(&mut self, map: &Object, path: &str, key: &str) -> Option<String> {
        let s = self.text(map, path, key)?;
        self.team_value(s, &format!("{path}.{key}"))
    }

    fn team_value(&mut self, s: String, path: &str) -> Option<String> {
        match normalise_team(&s) {
            Ok(n) if n == s => Some(s),
            _ => {
                self.fail(path, "geen geldige teamnaam");
                None
            }
        }
    }

    /// `referringTeams`: a non-empty list of distinct team names (without
    /// regard to case).
    fn teams(&mut self, map: &Object, path: &str) -> Option<Vec<String>> {
        let path = format!("{path}.referringTeams");
        let items = map.get("referringTeams")?;
        let Some(items) = items.as_array() else {
            self.fail(&path, "geen lijst");
            return None;
        };
        if items.is_empty() || items.len() > MAX_TEAMS {
            self.fail(&path, "leeg of te lang");
            return None;
        }
        let before = self.errors.len();
        let mut out: Vec<String> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let Some(team) = self
                .text_value(item, &item_path)
                .and_then(|s| self.team_value(s, &item_path))
            else {
                continue;
            };
            let lower = crate::unicode::lowercase(&team);
            if out.iter().any(|t| crate::unicode::lowercase(t) == lower) {
                self.fail(&item_path, "dubbel");
            } else {
                out.push(team);
            }
        }
        (self.errors.len() == before).then_some(out)
    }

    /// `passwordCall`: absent or `null`, or `{ phone, ask?, phoneDisplay? }`
    /// with a Belgian phone number; `phoneDisplay` (what
    /// [`Registry::to_json`] writes beside it) must then match the number.
    fn password_call(&mut self, map: &Object, path: &str) -> Option<PasswordCall> {
        let path = format!("{path}.passwordCall");
        let value = match map.get("passwordCall") {
            None | Some(Value::Null) => return None,
            Some(v) => v,
        };
        let call = self.object(value, &path, &["phone"], &["ask", "phoneDisplay"])?;
        let phone = self.text(call, &path, "phone").and_then(|raw| {
            match crate::validate::phone::normalise_phone(&raw) {
                Ok(e164) if e164.starts_with("+32") => Some(e164),
                _ => {
                    self.fail(
                        &format!("{path}.phone"),
                        "geen geldig Belgisch telefoonnummer",
                    );
                    None
                }
            }
        });
        let ask = self.optional_text(call, &path, "ask");
        if let (Some(e164), Some(shown)) = (&phone, self.optional_text(call, &path, "phoneDisplay"))
        {
            if crate::validate::phone::grouped(e164) != shown {
                self.fail(
                    &format!("{path}.phoneDisplay"),
                    "niet hetzelfde nummer als phone (laat het weg: het wordt berekend)",
                );
                return None;
            }
        }
        Some(PasswordCall { phone: phone?, ask })
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

/// An e-mail address in the registry: the same grammar as the referral's
/// e-mail fields ([`crate::validate::email::is_ascii_mailbox`]).
pub(crate) fn is_mailbox(s: &str) -> bool {
    crate::validate::email::is_ascii_mailbox(s)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{day, fixture_value, theirs};
    use super::super::BUILTIN_JSON;
    use super::*;
    use crate::json;
    use serde_json::{json, Value};

    fn refusal_fields(v: &Value) -> Vec<String> {
        let errors = Registry::from_json(&v.to_string()).expect_err("refused");
        assert!(errors.iter().all(|e| e.code == Code::InvalidRegistry));
        errors.into_iter().map(|e| e.field).collect()
    }

    /// The shipped data is this test's subject: `data/protocols.json` reads
    /// with the facts of the signed protocols.
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
                "Lokaal team Kind en Gezin Westkust en Polder",
                "Lokaal team Kind en Gezin Torhout"
            ]
        );
        // The protocols state no number for the password call.
        assert!(r.protocols.iter().all(|p| p.password_call.is_none()));
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
                |v| v["protocols"][0]["mailbox"] = json!("doorverwijzing@ocmw-wervik"),
                "registry.protocols[0].mailbox",
            ),
            (
                // The typing error of the real Torhout protocol's art. 9.
                "semicolon mailbox",
                |v| v["protocols"][1]["dpo"]["opgroeien"] = json!("dpo@opgroeien;be"),
                "registry.protocols[1].dpo.opgroeien",
            ),
            (
                "mailbox with name",
                |v| v["protocols"][0]["mailbox"] = json!("OCMW <a@b.test>"),
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
                |v| v["protocols"][1]["id"] = v["protocols"][0]["id"].clone(),
                "registry.protocols[1].id",
            ),
            (
                "bad kbo check digits",
                // The fixture's 0123.456.749 with its last digit changed.
                |v| v["protocols"][0]["ocmw"]["kbo"] = json!("0123.456.748"),
                "registry.protocols[0].ocmw.kbo",
            ),
            (
                "wrong schema",
                |v| v["schema"] = json!("referral-seal/protocols/v3"),
                "registry.schema",
            ),
            (
                "control character",
                |v| v["protocols"][0]["referringTeams"][0] = json!("Lokaal\tteam"),
                "registry.protocols[0].referringTeams[0]",
            ),
            (
                "overlapping coverage",
                |v| {
                    let copy = v["protocols"][0].clone();
                    v["protocols"].as_array_mut().unwrap().push(copy);
                    v["protocols"][2]["id"] = json!("test-ocmw-wervik-2025");
                },
                "registry.protocols[2].postalCodes",
            ),
        ];
        // The fixture itself is valid: each refusal comes from its edit.
        assert!(Registry::from_json(&fixture_value().to_string()).is_ok());
        for (what, edit, field) in table {
            let mut v = fixture_value();
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
            r#"{"schema":"referral-seal/protocols/v2","protocols":{}}"#,
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
            Registry::from_json(r#"{"schema":"referral-seal/protocols/v2","protocols":[]}"#)
                .unwrap();
        assert!(empty.protocols.is_empty() && empty.teams().is_empty());
    }
    /// The test registry with a number for the password call on its second
    /// protocol (the invented OCMW of Torhout, which has two referring teams).
    fn reserved() -> Value {
        let mut v = fixture_value();
        v["protocols"][1]["passwordCall"] =
            json!({ "phone": "050 12 34 56", "ask": "de maatschappelijk werker van dienst" });
        v
    }

    #[test]
    fn v2_teams_and_password_call() {
        let v = reserved();
        let r = Registry::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
        let t = &r.protocols[1];
        assert_eq!(
            json!(t.referring_teams),
            v["protocols"][1]["referringTeams"]
        );
        assert_eq!(t.referring_teams.len(), 2);
        let call = t.password_call.as_ref().unwrap();
        assert_eq!(call.phone, "+3250123456");
        assert_eq!(
            call.ask.as_deref(),
            Some("de maatschappelijk werker van dienst")
        );
        assert!(r.protocols[0].password_call.is_none());
        // Written back in E.164, with the national grouping beside it.
        let entry = theirs(&t.to_json());
        assert_eq!(
            entry["passwordCall"],
            json!({ "phone": "+3250123456", "phoneDisplay": "050 12 34 56",
                    "ask": "de maatschappelijk werker van dienst" })
        );
        let again = Registry::from_json(&json::to_string(&r.to_json())).unwrap();
        assert_eq!(again, r);
        // Team lookup ignores case and gives the registry's spelling.
        let team = |p: usize, i: usize| v["protocols"][p]["referringTeams"][i].as_str().unwrap();
        assert_eq!(
            t.referring_team(&team(1, 1).to_uppercase()),
            Some(team(1, 1))
        );
        assert_eq!(t.referring_team(team(0, 0)), None);
        assert_eq!(r.teams(), [team(0, 0), team(1, 0), team(1, 1)]);
    }

    #[test]
    fn v1_documents_stay_readable() {
        let mut v = reserved();
        v["schema"] = json!("referral-seal/protocols/v1");
        for p in v["protocols"].as_array_mut().unwrap() {
            let o = p.as_object_mut().unwrap();
            let first = o.remove("referringTeams").unwrap()[0].clone();
            o.insert("referringTeam".into(), first);
            o.remove("passwordCall");
        }
        let r = Registry::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            json!(r.protocols[1].referring_teams),
            json!([v["protocols"][1]["referringTeam"]])
        );
        assert_eq!(theirs(&r.to_json())["schema"], "referral-seal/protocols/v2");
        // v1 has no passwordCall, and v2 no referringTeam.
        let mut with_call = v.clone();
        with_call["protocols"][0]["passwordCall"] = json!(null);
        assert_eq!(
            refusal_fields(&with_call),
            ["registry.protocols[0].passwordCall"]
        );
        let mut mixed = reserved();
        mixed["protocols"][0]["referringTeam"] = mixed["protocols"][0]["referringTeams"][0].clone();
        assert_eq!(
            refusal_fields(&mixed),
            ["registry.protocols[0].referringTeam"]
        );
    }

    #[test]
    fn v2_refusals() {
        type Edit = fn(&mut Value);
        let table: [(&str, Edit, &str); 10] = [
            (
                "no teams",
                |v| v["protocols"][1]["referringTeams"] = json!([]),
                "registry.protocols[1].referringTeams",
            ),
            (
                "teams as text",
                |v| v["protocols"][1]["referringTeams"] = json!("Lokaal team"),
                "registry.protocols[1].referringTeams",
            ),
            (
                "same team twice, other case",
                |v| {
                    v["protocols"][1]["referringTeams"][1] =
                        json!("lokaal team kind en gezin westkust en polder")
                },
                "registry.protocols[1].referringTeams[1]",
            ),
            (
                "team not normalised",
                |v| v["protocols"][1]["referringTeams"][0] = json!("Lokaal  team Torhout"),
                "registry.protocols[1].referringTeams[0]",
            ),
            (
                "team with a symbol",
                |v| v["protocols"][1]["referringTeams"][0] = json!("Team <Torhout>"),
                "registry.protocols[1].referringTeams[0]",
            ),
            (
                "foreign phone",
                |v| v["protocols"][1]["passwordCall"]["phone"] = json!("+33 6 12 34 56 78"),
                "registry.protocols[1].passwordCall.phone",
            ),
            (
                "not a phone",
                |v| v["protocols"][1]["passwordCall"]["phone"] = json!("050 12 34"),
                "registry.protocols[1].passwordCall.phone",
            ),
            (
                "phone missing",
                |v| v["protocols"][1]["passwordCall"] = json!({ "ask": "onthaal" }),
                "registry.protocols[1].passwordCall.phone",
            ),
            (
                "unknown key in passwordCall",
                |v| v["protocols"][1]["passwordCall"]["fax"] = json!("050 12 34 57"),
                "registry.protocols[1].passwordCall.fax",
            ),
            (
                "display of another number",
                |v| v["protocols"][1]["passwordCall"]["phoneDisplay"] = json!("050 12 34 57"),
                "registry.protocols[1].passwordCall.phoneDisplay",
            ),
        ];
        for (what, edit, field) in table {
            let mut v = reserved();
            edit(&mut v);
            assert_eq!(refusal_fields(&v), vec![field.to_owned()], "{what}");
        }
    }

    #[test]
    fn mailbox_syntax() {
        let table = [
            ("doorverwijzing@ocmw-wervik.example.com", true),
            ("sociaal@ocmw-torhout.test", true),
            ("dpo@opgroeien.example.com", true),
            ("o'brien+ocmw@example.com", true),
            ("a@xn--brssel-kva.test", true),
            // The typing error of the real Torhout protocol's art. 9.
            ("dpo@opgroeien;be", false),
            ("dpo@opgroeien", false),
            ("@wervik.test", false),
            ("a..b@wervik.test", false),
            ("a@-wervik.test", false),
            ("a@wervik.t", false),
            ("a b@wervik.test", false),
            ("ané@wervik.test", false),
            ("a@b@wervik.test", false),
            ("a@wervik.test\r\nBcc: x@y.test", false),
        ];
        for (s, ok) in table {
            assert_eq!(is_mailbox(s), ok, "{s}");
        }
    }
}
