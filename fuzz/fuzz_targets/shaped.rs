//! Valid-shaped referral input for the seal targets: every field either a
//! value from a small pool of invented, valid data (so that the fuzzer
//! reaches the archive writer) or arbitrary text.

use arbitrary::Arbitrary;
use referral_seal::archive::{self, Format};
use referral_seal::render::{self, Meta};
use referral_seal::seal::{self, SealOptions};
use referral_seal::{Date, Registry};
use serde_json::{json, Value};
use std::sync::OnceLock;

#[derive(Arbitrary, Debug)]
pub enum Text {
    Pool(u8),
    Raw(String),
}

impl Text {
    fn get(&self, pool: &[&str]) -> Value {
        match self {
            Text::Pool(i) => json!(pool[usize::from(*i) % pool.len()]),
            Text::Raw(s) => json!(s),
        }
    }
}

#[derive(Arbitrary, Debug)]
pub struct Shaped {
    given: Text,
    family: Text,
    street: Option<Text>,
    house: Option<Text>,
    box_number: Option<Text>,
    place: u8,
    postal_code: Option<String>,
    municipality: Option<String>,
    phone: Option<Text>,
    email: Option<Text>,
    informed: u8,
    agreed: u8,
    consent_date: Text,
    team: Text,
    referrer_name: Text,
    referrer_phone: Option<Text>,
    referrer_email: Option<Text>,
    password: Text,
    reference: Option<String>,
}

const GIVEN: &[&str] = &[
    "Sofie",
    "Ayşe Nur",
    "Mamadou",
    "Thi\u{0323} A\u{0301}nh",
    "Marie-Évangéline",
    "Zoë",
    "Jean-Baptiste",
];
const FAMILY: &[&str] = &[
    "Van den Broeck",
    "D'Hondt",
    "N’Diaye",
    "Çelik-Yılmaz",
    "Nguye\u{0302}\u{0303}n",
    "de la Kethulle de Ryhove",
];
const STREET: &[&str] = &[
    "Kerkstraat",
    "Rue de l’Église",
    "Sint-Maartensplein",
    "Menenstraat",
];
const HOUSE: &[&str] = &["12", "12A", "7-9", "1"];
const BOX: &[&str] = &["B", "3B", "101"];
const PLACES: &[(&str, &str)] = &[
    ("8940", "Geluwe"),
    ("8940", "Wervik"),
    ("8820", "Torhout"),
    ("8930", "Menen"),
];
const PHONE: &[&str] = &[
    "0470 12 34 56",
    "+32 470 12 34 56",
    "+33 6 48 27 19 03",
    "050 12 34 56",
    "0032 470 12 34 56",
];
const EMAIL: &[&str] = &[
    "sofie@example.com",
    "ayse.celik@example.com",
    "jean@bücher.example",
];
const DATE: &[&str] = &["2026-11-20", "2024-05-01", "2026-11-24"];
const TEAM: &[&str] = &[
    "Lokaal team Kind en Gezin Menen",
    "Lokaal team Kind en Gezin Torhout",
];
const REFERRER: &[&str] = &["An Peeters", "Els D’Haene"];
const PASSWORD: &[&str] = &["kotu-mepa-ribe-noza-veki-suta", "xwpa-h7mk-t3da-nufe-96jw"];

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(Registry::builtin)
}

/// Seals the shaped input; when the seal succeeds, opens the archive and
/// checks that `doorverwijzing.json` is exactly what the renderer makes of
/// the validated referral.
pub fn run(s: &Shaped, format: Format) {
    let (code, town) = PLACES[usize::from(s.place) % PLACES.len()];
    let opt =
        |t: &Option<Text>, pool: &[&str]| t.as_ref().map(|t| t.get(pool)).unwrap_or(Value::Null);
    let input = json!({
        "client": { "givenName": s.given.get(GIVEN), "familyName": s.family.get(FAMILY) },
        "contact": {
            "street": opt(&s.street, STREET),
            "houseNumber": opt(&s.house, HOUSE),
            "box": opt(&s.box_number, BOX),
            "postalCode": s.postal_code.as_deref().unwrap_or(code),
            "municipality": s.municipality.as_deref().unwrap_or(town),
            "phone": opt(&s.phone, PHONE),
            "email": opt(&s.email, EMAIL),
        },
        "consent": { "informed": s.informed != 0, "agreed": s.agreed != 0, "date": s.consent_date.get(DATE) },
        "referrer": {
            "team": s.team.get(TEAM), "name": s.referrer_name.get(REFERRER),
            "phone": opt(&s.referrer_phone, PHONE), "email": opt(&s.referrer_email, EMAIL),
        },
    });
    let password = match s.password.get(PASSWORD) {
        Value::String(p) => p,
        _ => unreachable!(),
    };
    let today = Date::new(2026, 11, 24).unwrap();
    let opts = SealOptions {
        password: &password,
        format,
        today,
        reference: s.reference.as_deref(),
    };
    // The crate's own value, read from the text serde_json writes.
    let input = referral_seal::json::parse(&input.to_string()).expect("json! writes JSON");
    match seal::seal_referral(&input, registry(), &opts) {
        Ok(sealed) => {
            let (referral, protocol) = seal::validate(&input, registry(), today)
                .unwrap_or_else(|_| panic!("sealed but not valid"));
            let files = archive::open(&sealed.archive, &password, format).expect("opens");
            let json = files
                .iter()
                .find(|f| f.name == format!("doorverwijzing-{}.json", sealed.reference))
                .expect("json inside");
            let got: Value = serde_json::from_slice(&json.bytes).expect("json parses");
            let meta = Meta {
                reference: sealed.reference.clone(),
                date: today,
            };
            let want = referral_seal::json::to_string(&render::referral_json(&referral, &protocol, &meta));
            assert_eq!(got, serde_json::from_str::<Value>(&want).expect("ours is JSON"));
            assert!(sealed.archive_name.starts_with("doorverwijzing-20261124-"));
        }
        Err(e) => {
            assert!(!e.errors.is_empty());
        }
    }
}
