//! Writes the registry as the JSON document that `reader.rs` reads back
//! (schema version 2, camelCase keys).

use super::{Protocol, Registry, REGISTRY_SCHEMA};
use crate::date::Date;
use crate::json::Value;

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
            ("referringTeams", self.referring_teams.clone().into()),
            (
                "passwordCall",
                match &self.password_call {
                    None => Value::Null,
                    Some(call) => Value::object([
                        ("phone", call.phone.as_str().into()),
                        (
                            "phoneDisplay",
                            crate::validate::phone::grouped(&call.phone).into(),
                        ),
                        ("ask", call.ask.as_deref().into()),
                    ]),
                },
            ),
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
}

#[cfg(test)]
mod tests {
    use super::super::tests::{builtin_value, theirs};
    use crate::json;
    use crate::Registry;
    use serde_json::{json, Value};

    /// The shipped data is this test's subject: `data/protocols.json` written
    /// back reads the same and matches the file's own entry.
    #[test]
    fn to_json_round_trips() {
        let r = Registry::builtin();
        let again = Registry::from_json(&json::to_string(&r.to_json())).unwrap();
        assert_eq!(again, r);
        let entry = theirs(&r.protocols[0].to_json());
        assert_eq!(entry["ocmw"]["kbo"], "0212.181.659");
        assert_eq!(
            entry["referringTeams"],
            json!(["Lokaal team Kind en Gezin Menen"])
        );
        assert_eq!(entry["passwordCall"], Value::Null);
        assert_eq!(theirs(&r.to_json())["schema"], "referral-seal/protocols/v2");
        assert_eq!(entry["inForceFrom"], "2023-12-01");
        assert_eq!(entry["inForceUntil"], Value::Null);
        assert_eq!(entry["postalCodes"], json!(["8940"]));
        // Same shape as the file's entry.
        assert_eq!(entry, builtin_value()["protocols"][0]);
    }
}
