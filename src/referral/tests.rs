//! The tests of the referral's validation ([`super::validate`]), through
//! its public entry points.

use super::walker::MAX_UNKNOWN_REPORTED;
use super::*;
use crate::error::{Code, FieldError};
use crate::json;
use crate::protocols::{fixture, Protocol, Registry};
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

/// The test registry (`tests/fixtures/registry.json`): invented OCMWs of
/// Wervik (8940, from 2023-12-01, one team) and Torhout (8820, from
/// 2024-04-18, two teams).
fn registry() -> Registry {
    fixture::registry()
}

/// The referring team `i` of the test registry's protocol `p`.
fn team(p: usize, i: usize) -> String {
    fixture::value()["protocols"][p]["referringTeams"][i]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Wervik's team (Menen).
fn menen() -> String {
    team(0, 0)
}

/// Torhout's first team (Westkust en Polder).
fn westkust() -> String {
    team(1, 0)
}

/// Torhout's second team (Torhout).
fn torhout() -> String {
    team(1, 1)
}

/// The id of the test registry's protocol `p` (0 Wervik, 1 Torhout).
fn id(p: usize) -> String {
    fixture::value()["protocols"][p]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn today() -> Date {
    day("2026-11-24")
}

fn sofie() -> Value {
    json!({
        "client":   { "givenName": "Sofie", "familyName": "Van den Broeck" },
        "contact":  { "street": "Kerkstraat", "houseNumber": "12", "box": "B",
                      "postalCode": "8940", "municipality": "Geluwe",
                      "phone": "0470 12 34 56", "email": "sofie@example.com" },
        "consent":  { "informed": true, "agreed": true, "date": "2026-11-20" },
        "referrer": { "team": menen(),
                      "name": "An Peeters", "phone": "050 12 34 56",
                      "email": "an.peeters@example.com" }
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
    assert_eq!(p.id, id(0));
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
    assert_eq!(r.contact.email.as_deref(), Some("sofie@example.com"));
    assert_eq!(r.consent.date, day("2026-11-20"));
    assert_eq!(r.referrer.team, menen());
    assert_eq!(r.referrer.name, "An Peeters");
    assert_eq!(
        r.referrer.phone.as_ref().map(|p| p.e164()),
        Some("+3250123456")
    );
    assert_eq!(r.referrer.email.as_deref(), Some("an.peeters@example.com"));
}

#[test]
fn normalises_hard_real_world_input() {
    let input = json!({
        "client":   { "givenName": " Nguye\u{0302}\u{0303}n  Thi\u{0323} ", "familyName": "N’Diaye-D'Hondt" },
        "contact":  { "postalCode": " 8820 ", "municipality": "TORHOUT",
                      "street": null, "houseNumber": "", "box": null,
                      "phone": "+33 (0)6 12 34 56 78", "email": "" },
        "consent":  { "informed": true, "agreed": true, "date": "2024-04-18" },
        "referrer": { "team": torhout(), "name": "Çelik-Yılmaz",
                      "email": "Team.Torhout@KIND-en-GEZIN.example" }
    });
    let Ok((r, p)) = validate(&input, &registry(), day("2024-04-18")) else {
        panic!("refused")
    };
    assert_eq!(p.id, id(1));
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
    set(&mut v, "referrer.team", json!(torhout()));
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
fn team_rule_for_both_protocols() {
    let reg = registry();
    let input = sofie();
    let (menen, westkust, torhout) = (menen(), westkust(), torhout());
    // (postal code, municipality, team, refused?)
    let table = [
        ("8940", "Geluwe", menen.as_str(), false),
        ("8940", "Wervik", westkust.as_str(), true),
        ("8940", "Wervik", torhout.as_str(), true),
        ("8820", "Torhout", westkust.as_str(), false),
        ("8820", "Torhout", torhout.as_str(), false),
        ("8820", "Torhout", menen.as_str(), true),
        ("8820", "Torhout", "Lokaal team Kind en Gezin Brugge", true),
    ];
    for (code, town, team, refused) in table {
        let v = at(&input, code, town, team);
        let got = validate(&v, &reg, today());
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
        let check = team_check(&reg, code, team, today());
        assert_eq!(check.is_some(), refused, "team_check {code} {team}");
    }
    // The message names the OCMW, the protocol's teams and what to do,
    // and nothing that was typed.
    let v = fixture::value();
    let ocmw = |p: usize| {
        v["protocols"][p]["ocmw"]["name"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let es = refusal(&at(&input, "8820", "Torhout", &menen), &reg, today());
    let m = &es[0].message;
    assert_eq!(
        *m,
        format!(
            "Uw team heeft geen protocol met {torhout_ocmw}. Alleen {westkust} of {torhout} mag \
             cliënten naar {torhout_ocmw} doorverwijzen: vraag dat team om deze doorverwijzing te \
             doen. Hoort uw team wel bij dit protocol, vraag dan de beheerders van het \
             protocolregister om uw team toe te voegen.",
            torhout_ocmw = ocmw(1)
        )
    );
    assert!(!m.contains("Menen"));
    let es = refusal(&at(&input, "8940", "Wervik", &westkust), &reg, today());
    let want = format!("Alleen {menen} mag cliënten naar {}", ocmw(0));
    assert!(es[0].message.contains(&want), "{}", es[0].message);
}

#[test]
fn team_rule_with_two_teams_and_registry_spelling() {
    let reg = registry();
    let input = sofie();
    let (menen, westkust, torhout) = (menen(), westkust(), torhout());
    // The second team typed in other case with stray spaces.
    let sloppy = format!(" {}  ", torhout.to_uppercase().replacen(' ', "  ", 1));
    for team in [&westkust, &torhout, &sloppy] {
        let v = at(&input, "8820", "Torhout", team);
        let Ok((r, p)) = validate(&v, &reg, today()) else {
            panic!("{team} refused")
        };
        assert_eq!(p.id, id(1));
        // The documents name the team as the registry spells it.
        assert!(r.referrer.team == westkust || r.referrer.team == torhout);
        assert_eq!(
            r.referrer.team.to_lowercase(),
            team.trim().to_lowercase().replace("  ", " ")
        );
    }
    let es = refusal(&at(&input, "8820", "Torhout", &menen), &reg, today());
    assert_eq!(
        es.iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect::<Vec<_>>(),
        [("referrer.team", Code::TeamNotInProtocol)]
    );
    // The rule waits for a routed postal code: no protocol, no team error.
    let es = refusal(&at(&input, "8930", "Menen", &menen), &reg, today());
    assert_eq!(es[0].code, Code::NoProtocolForMunicipality);
    assert_eq!(es.len(), 1);
    // team_check reads pasted postal codes and is silent without a protocol.
    assert!(team_check(&reg, "B-8820", &menen, today()).is_some());
    assert!(team_check(&reg, "8820 Torhout", &torhout, today()).is_none());
    assert!(team_check(&reg, "8930", &menen, today()).is_none());
    assert!(team_check(&reg, "8820", &menen, day("2024-04-17")).is_none());
    assert!(team_check(&reg, "88", &menen, today()).is_none());
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
    // The e-mail rows use real providers' domains on purpose: the subject is
    // the typo suggestion for the domains people really type (gmail.com,
    // telenet.be, ...), and the messages quote the production text
    // (`naam@example.com` in `validate/email.rs`).
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
                "Het e-mailadres mist een punt na de @ (bijvoorbeeld naam@example.com).",
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
                "Het e-mailadres mist een @ (bijvoorbeeld naam@example.com).",
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
