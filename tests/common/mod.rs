//! Test data shared by the integration tests (`mod common;` in each).
#![allow(dead_code)] // each test file uses its own part of it

use referral_seal::Registry;
use serde_json::{json, Value};

/// The test registry's JSON text (`tests/fixtures/registry.json`): invented
/// OCMWs for 8940 Wervik (team Menen) and 8820 Torhout (teams Westkust en
/// Polder and Torhout) with reserved e-mail domains (RFC 2606 and 6761).
/// Tests that need a registry use this one, not the real mailboxes and
/// officers of `data/protocols.json`; the unit tests load the same file
/// (`protocols::fixture`).
pub const TEST_REGISTRY_JSON: &str = include_str!("../fixtures/registry.json");

/// The test registry, read by our registry reader.
pub fn test_registry() -> Registry {
    Registry::from_json(TEST_REGISTRY_JSON).unwrap_or_else(|e| panic!("test registry: {e:?}"))
}

/// The test registry as read by serde_json, where tests take their expected
/// values (mailboxes, OCMW names, teams) from.
pub fn test_registry_value() -> Value {
    serde_json::from_str(TEST_REGISTRY_JSON).unwrap_or_else(|e| panic!("test registry: {e}"))
}

/// The referring team `i` of the test registry's protocol `p` (0 Wervik,
/// 1 Torhout).
pub fn team(p: usize, i: usize) -> String {
    test_registry_value()["protocols"][p]["referringTeams"][i]
        .as_str()
        .unwrap_or_else(|| panic!("no team {i} in protocol {p}"))
        .to_owned()
}

/// An invented, valid referral (Geluwe → OCMW Wervik).
pub fn sofie() -> Value {
    json!({
        "client": { "givenName": "Sofie", "familyName": "Van den Broeck" },
        "contact": {
            "street": "Kerkstraat", "houseNumber": "12", "box": "B",
            "postalCode": "8940", "municipality": "Geluwe",
            "phone": "0470 12 34 56", "email": "sofie@example.com"
        },
        "consent": { "informed": true, "agreed": true, "date": "2026-11-20" },
        "referrer": {
            "team": team(0, 0), "name": "An Peeters",
            "phone": "050 12 34 56", "email": "an.peeters@example.com"
        }
    })
}
