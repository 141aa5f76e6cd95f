//! The fuzz targets' properties on stable Rust, on every `cargo test`:
//!
//! * validation never panics, on arbitrary text and on arbitrary JSON values
//!   (bounded depth), whole or put in the place of any part of a referral,
//!   and the text and value entry points agree;
//! * a seal of an arbitrary valid referral, in both formats, opens to
//!   exactly the `doorverwijzing.json` the renderer makes of it.
//!
//! Case counts are modest: a `.7z` costs two 2^19-round key derivations.

mod common;
use common::sofie;
use proptest::prelude::*;
use referral_seal::archive::{self, Format};
use referral_seal::render::{self, Meta};
use referral_seal::seal::{self, SealOptions};
use referral_seal::{json as ours, referral, schema, Date};
use serde_json::{json, Map, Value};
use unicode_normalization::UnicodeNormalization;

/// serde_json's value as the crate's own, built item by item.
fn ours(v: &Value) -> ours::Value {
    match v {
        Value::Null => ours::Value::Null,
        Value::Bool(b) => ours::Value::Bool(*b),
        Value::Number(n) => ours::parse(&n.to_string()).unwrap(),
        Value::String(s) => ours::Value::String(s.clone()),
        Value::Array(a) => ours::Value::Array(a.iter().map(ours).collect()),
        Value::Object(o) => {
            ours::Value::Object(o.iter().map(|(k, v)| (k.clone(), ours(v))).collect())
        }
    }
}

/// The crate's value as serde_json's, through its JSON text.
fn theirs(v: &ours::Value) -> Value {
    serde_json::from_str(&ours::to_string(v)).unwrap()
}

fn today() -> Date {
    Date::new(2026, 11, 24).unwrap()
}

/// The keys of the contract (from the schema), so that arbitrary objects
/// often hit them.
fn keys() -> Vec<&'static str> {
    let mut keys: Vec<&str> = schema::SECTIONS.iter().map(|s| s.key).collect();
    for s in schema::SECTIONS {
        keys.extend(s.fields.iter().map(|f| f.key));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(keys()).prop_map(str::to_owned),
        1 => "\\PC{0,12}",
    ]
}

/// Arbitrary JSON values, at most four levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        "\\PC{0,40}".prop_map(Value::String),
        proptest::sample::select(vec![
            "8940",
            "Geluwe",
            "0470 12 34 56",
            "2026-11-20",
            "Sofie"
        ])
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Every path of the contract (from the schema): the whole, each section,
/// each field.
fn paths() -> Vec<String> {
    let mut paths = vec![String::new()];
    paths.extend(schema::SECTIONS.iter().map(|s| s.key.to_owned()));
    paths.extend(schema::fields().map(|(p, _)| p));
    paths
}

fn replace(v: &mut Value, path: &str, with: Value) {
    match path.split_once('.') {
        _ if path.is_empty() => *v = with,
        Some((section, key)) => v[section][key] = with,
        None => v[path] = with,
    }
}

/// The errors as (field, code), or `None` when valid.
fn outcome(
    r: Result<impl Sized, Vec<referral_seal::FieldError>>,
) -> Option<Vec<(String, &'static str)>> {
    r.err()
        .map(|es| es.into_iter().map(|e| (e.field, e.code.as_str())).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn validation_never_panics_on_arbitrary_values(v in json_value()) {
        let registry = common::test_registry();
        let by_value = outcome(referral::validate(&ours(&v), &registry, today()));
        if let Some(errors) = &by_value {
            prop_assert!(!errors.is_empty());
        }
        // The text entry point agrees with the value entry point.
        let by_text = outcome(referral::validate_json(&v.to_string(), &registry, today()));
        prop_assert_eq!(by_text, by_value);
    }

    #[test]
    fn validation_never_panics_when_any_part_is_arbitrary(
        path in proptest::sample::select(paths()),
        with in json_value(),
    ) {
        let mut v = sofie();
        replace(&mut v, &path, with);
        if let Err(errors) = referral::validate(&ours(&v), &common::test_registry(), today()) {
            prop_assert!(!errors.is_empty());
            prop_assert!(errors.iter().all(|e| !e.message.is_empty()));
        }
    }

    #[test]
    fn validation_never_panics_on_arbitrary_text(
        text in prop_oneof![
            "\\PC{0,300}",
            // JSON-ish text: brackets, quotes, escapes and surrogate escapes.
            proptest::collection::vec(
                proptest::sample::select(vec![
                    "{", "}", "[", "]", "\"", ":", ",", "\\", "\\u", "\\ud800", "\\udc00",
                    "d83d", "\\n", "null", "true", "1e999", "\"client\"", "\"givenName\"", " ",
                ]),
                0..80,
            ).prop_map(|parts| parts.concat()),
        ],
    ) {
        let r = referral::validate_json(&text, &common::test_registry(), today());
        if let Err(errors) = r {
            prop_assert!(!errors.is_empty());
        }
    }
}

// --------------------------------------------------------------- sealing --

const GIVEN: &[&str] = &[
    "Sofie",
    "Ayşe Nur",
    "Mamadou",
    "Marie-Évangéline",
    "Zoë",
    "Thị Ánh",
    "Jean-Baptiste",
];
const PARTICLES: &[&str] = &["", "Van den ", "D'", "N’", "de la ", "Van ", "Ó "];
const STREETS: &[&str] = &[
    "Kerkstraat",
    "Rue de l’Église",
    "Sint-Maartensplein",
    "Menenstraat",
    "Ieperstraat",
];
const PLACES: &[(&str, &str)] = &[
    ("8940", "Geluwe"),
    ("8940", "Wervik"),
    ("8820", "Torhout"),
    ("8820", "TORHOUT"),
];

/// A name: a pooled or generated word, maybe with a particle and a second
/// part after a hyphen, maybe typed in decomposed form.
fn person_name(pool: &'static [&'static str]) -> impl Strategy<Value = String> {
    let word = prop_oneof![
        proptest::sample::select(pool).prop_map(str::to_owned),
        "[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{1,12}",
    ];
    (
        proptest::sample::select(PARTICLES),
        word.clone(),
        proptest::option::of(word),
        any::<bool>(),
    )
        .prop_map(|(particle, a, b, nfd)| {
            let name = match b {
                Some(b) => format!("{particle}{a}-{b}"),
                None => format!("{particle}{a}"),
            };
            if nfd {
                name.nfd().collect()
            } else {
                name
            }
        })
}

fn mobile() -> impl Strategy<Value = String> {
    (
        "[5-9]",
        "[0-9]{7}",
        proptest::sample::select(vec!["0", "+32 ", "0032 ", "+32 (0)"]),
    )
        .prop_map(|(a, rest, prefix)| {
            format!("{prefix}4{a}{} {} {}", &rest[..1], &rest[1..4], &rest[4..])
        })
}

prop_compose! {
    fn valid_referral()(
        given in person_name(GIVEN),
        family in person_name(&["Broeck", "Hondt", "Diaye", "Çelik-Yılmaz", "Nguyễn", "Peeters"]),
        street in proptest::option::of((proptest::sample::select(STREETS), 1u16..999, proptest::option::of("[A-D]"))),
        place in proptest::sample::select(PLACES),
        phone in proptest::option::of(mobile()),
        email in proptest::option::of("[a-z]{1,10}(\\.[a-z]{1,8})?@(example\\.test|bücher\\.example|EXAMPLE\\.COM)"),
        consent_day in 1u8..=24,
        password in "[adefhjkmnptuwx34679]{4}(-[adefhjkmnptuwx34679]{4}){5}",
    ) -> (Value, String) {
        // At least one way to reach the client.
        let phone = if street.is_none() && email.is_none() { Some(phone.unwrap_or_else(|| "0470 12 34 56".into())) } else { phone };
        let mut contact = json!({ "postalCode": place.0, "municipality": place.1 });
        if let Some((s, n, b)) = street {
            contact["street"] = json!(s);
            contact["houseNumber"] = json!(n.to_string());
            if let Some(b) = b { contact["box"] = json!(b); }
        }
        if let Some(p) = phone { contact["phone"] = json!(p); }
        if let Some(e) = email { contact["email"] = json!(e); }
        let input = json!({
            "client": { "givenName": given, "familyName": family },
            "contact": contact,
            "consent": { "informed": true, "agreed": true, "date": format!("2026-11-{consent_day:02}") },
            // The team rule: the team of the test registry's protocol of the postal code.
            "referrer": {
                "team": if place.0 == "8820" { common::team(1, 0) } else { common::team(0, 0) },
                "name": "An Peeters", "email": "an.peeters@example.com" },
        });
        (input, password)
    }
}

fn seal_round_trip(input: &Value, password: &str, format: Format) -> Result<(), TestCaseError> {
    let registry = common::test_registry();
    let (referral, protocol) = seal::validate(&ours(input), &registry, today()).map_err(|e| {
        TestCaseError::fail(format!(
            "generated referral refused: {:?}",
            e.iter().map(|e| (&e.field, e.code)).collect::<Vec<_>>()
        ))
    })?;
    let opts = SealOptions {
        password,
        format,
        today: today(),
        reference: None,
    };
    let sealed = seal::seal_referral(&ours(input), &registry, &opts)
        .map_err(|e| TestCaseError::fail(format!("seal refused: {e}")))?;
    let files = archive::open(&sealed.archive, password, format)
        .map_err(|c| TestCaseError::fail(format!("does not open: {c}")))?;
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    let r = &sealed.reference;
    prop_assert_eq!(
        names,
        vec![
            format!("doorverwijzing-{r}.txt"),
            format!("doorverwijzing-{r}.json"),
            format!("contact-{r}.vcf")
        ]
    );
    let got: Value =
        serde_json::from_slice(&files[1].bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let meta = Meta {
        reference: sealed.reference.clone(),
        date: today(),
    };
    prop_assert_eq!(
        got,
        theirs(&render::referral_json(&referral, &protocol, &meta))
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn zip_seal_opens_to_the_rendered_referral((input, password) in valid_referral()) {
        seal_round_trip(&input, &password, Format::Zip)?;
    }
}

proptest! {
    // Each case derives a 7z key twice (seal, self-check) at 2^19 rounds.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn sevenz_seal_opens_to_the_rendered_referral((input, password) in valid_referral()) {
        seal_round_trip(&input, &password, Format::SevenZ)?;
    }
}
