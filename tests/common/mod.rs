//! Test data shared by the integration tests (`mod common;` in each).

use serde_json::{json, Value};

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
            "team": "Lokaal team Kind en Gezin Menen", "name": "An Peeters",
            "phone": "050 12 34 56", "email": "an.peeters@example.com"
        }
    })
}
