//! Bad input gets a clear, bounded answer: a table of hostile and broken
//! referral inputs, each with the exact field errors it must get.
//!
//! "Bounded" is shown by the code path, not by timing: oversized text is
//! refused with `input_too_large` even when it is not JSON at all (so it was
//! refused by a size check before parsing), too deep nesting likewise
//! before the JSON parser's own depth limit, and every field validator
//! refuses an oversized value with `too_long` even when the value is made of
//! characters that would otherwise cost normalisation work.

mod common;
use common::sofie;
use referral_seal::json::MAX_DEPTH;
use referral_seal::referral::{self, MAX_INPUT_BYTES};
use referral_seal::validate::{address, email, name, phone};
use referral_seal::{postal, Code, Date};
use serde_json::{json, Value};

fn today() -> Date {
    Date::new(2026, 11, 24).unwrap()
}

/// Sofie's referral as JSON text with `path` set to the raw JSON `raw`
/// (spliced in as text, so it may hold escapes serde_json would never write).
fn with_raw(path: &str, raw: &str) -> String {
    let mut v = sofie();
    let (section, key) = path.split_once('.').unwrap();
    v[section][key] = json!("@@RAW@@");
    v.to_string().replace("\"@@RAW@@\"", raw)
}

/// Sofie's referral as JSON text with `path` set to the string `s`.
fn with_text(path: &str, s: &str) -> String {
    with_raw(path, &serde_json::to_string(s).unwrap())
}

/// Field errors as (path, code), in the order reported.
type Errors = Vec<(String, &'static str)>;

fn errors(text: &str) -> Errors {
    match referral::validate_json(text, &common::test_registry(), today()) {
        Ok(_) => vec![],
        Err(es) => es.into_iter().map(|e| (e.field, e.code.as_str())).collect(),
    }
}

fn pairs(want: &[(&str, &'static str)]) -> Errors {
    want.iter().map(|(f, c)| (f.to_string(), *c)).collect()
}

fn nested(depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn hostile_inputs_get_field_level_codes() {
    let many_keys = {
        let mut m = serde_json::Map::new();
        for i in 0..3000 {
            m.insert(format!("k{i}"), Value::Null);
        }
        Value::Object(m).to_string()
    };
    let many_keys_in_client = {
        let mut v = sofie();
        for i in 0..3000 {
            v["client"][format!("k{i}")] = json!(1);
        }
        v.to_string()
    };
    let table: Vec<(&str, String, Errors)> = vec![
        // --- size, before any parsing --------------------------------------
        (
            "4 MiB name",
            with_text("client.givenName", &"x".repeat(4 << 20)),
            pairs(&[("", "input_too_large")]),
        ),
        (
            "4 MiB of text that is not JSON: refused by size, not by the parser",
            "{\"".repeat(2 << 20),
            pairs(&[("", "input_too_large")]),
        ),
        (
            "one byte over the limit, whitespace only",
            " ".repeat(MAX_INPUT_BYTES + 1),
            pairs(&[("", "input_too_large")]),
        ),
        // --- nesting, before the parser's own limit ------------------------
        (
            "100 000 open brackets, never closed: refused by depth, not by the parser",
            "[".repeat(100_000),
            pairs(&[("", "input_too_large")]),
        ),
        (
            "a name nested one level too deep",
            with_raw("client.givenName", &nested(MAX_DEPTH - 1, "\"Sofie\"")),
            pairs(&[("", "input_too_large")]),
        ),
        (
            "a name nested as deep as allowed is a wrong type",
            with_raw("client.givenName", &nested(MAX_DEPTH - 2, "\"Sofie\"")),
            pairs(&[("client.givenName", "invalid_type")]),
        ),
        (
            "brackets inside strings do not count",
            with_text("contact.street", &"[{".repeat(100)),
            pairs(&[("contact.street", "invalid_street")]),
        ),
        // --- many keys ------------------------------------------------------
        (
            "3000 unknown top-level keys",
            many_keys,
            pairs(&[("", "input_too_large")]),
        ),
        (
            "3000 unknown keys in client",
            many_keys_in_client,
            pairs(&[("client", "input_too_large")]),
        ),
        // --- wrong types, null, arrays --------------------------------------
        ("null", "null".into(), pairs(&[("", "invalid_input")])),
        ("an array", "[1, 2]".into(), pairs(&[("", "invalid_input")])),
        (
            "a string",
            "\"Sofie\"".into(),
            pairs(&[("", "invalid_input")]),
        ),
        ("a number", "1e400".into(), pairs(&[("", "invalid_input")])),
        ("empty text", String::new(), pairs(&[("", "invalid_input")])),
        (
            "byte order mark before the object",
            format!("\u{FEFF}{}", sofie()),
            pairs(&[("", "invalid_input")]),
        ),
        (
            "name as a number",
            with_raw("client.givenName", "42"),
            pairs(&[("client.givenName", "invalid_type")]),
        ),
        (
            "name as an array",
            with_raw("client.givenName", "[\"Sofie\"]"),
            pairs(&[("client.givenName", "invalid_type")]),
        ),
        (
            "name as an object",
            with_raw("client.familyName", "{\"value\": \"Broeck\"}"),
            pairs(&[("client.familyName", "invalid_type")]),
        ),
        (
            "name null is missing",
            with_raw("client.givenName", "null"),
            pairs(&[("client.givenName", "required")]),
        ),
        (
            "consent as text",
            with_raw("consent.agreed", "\"true\""),
            pairs(&[("consent.agreed", "invalid_type")]),
        ),
        (
            "consent as 1",
            with_raw("consent.informed", "1"),
            pairs(&[("consent.informed", "invalid_type")]),
        ),
        (
            "section as an array",
            {
                let mut v = sofie();
                v["referrer"] = json!([]);
                v.to_string()
            },
            pairs(&[
                ("referrer", "invalid_type"),
                ("referrer.team", "required"),
                ("referrer.name", "required"),
                ("referrer", "no_contact_method"),
            ]),
        ),
        // --- unpaired surrogates -------------------------------------------
        // The JS door never makes JSON text: serde-wasm-bindgen hands a lone
        // surrogate over as U+FFFD (tests/js/adversarial.test.mjs), which
        // every text field refuses on its own path.
        (
            "a lone surrogate as the JS door delivers it",
            with_text("client.givenName", "So\u{FFFD}fie"),
            pairs(&[("client.givenName", "control_characters")]),
        ),
        (
            "the same in a key",
            {
                let mut v = sofie();
                v["client"]["x\u{FFFD}"] = json!(1);
                v.to_string()
            },
            pairs(&[("client.x\u{FFFD}", "unknown_field")]),
        ),
        (
            "JSON text with a lone surrogate escape is not JSON",
            with_raw("client.givenName", "\"So\\ud800fie\""),
            pairs(&[("", "invalid_input")]),
        ),
        (
            "a surrogate pair is a character (an emoji: not a name)",
            with_raw("client.givenName", "\"Sofie\\ud83d\\ude00\""),
            pairs(&[("client.givenName", "invalid_name")]),
        ),
        (
            "an escaped backslash before u is not an escape",
            with_raw("client.givenName", "\"So\\\\ud800fie\""),
            pairs(&[("client.givenName", "invalid_name")]),
        ),
        // --- NUL, bidi, zero width --------------------------------------------
        (
            "NUL in a name",
            with_text("client.givenName", "So\0fie"),
            pairs(&[("client.givenName", "control_characters")]),
        ),
        (
            "NUL in a key",
            {
                let mut v = sofie();
                v["client"]["given\u{0}Name"] = json!("Sofie");
                v.to_string()
            },
            pairs(&[("client.given\u{FFFD}Name", "unknown_field")]),
        ),
        (
            "right-to-left override in a family name",
            with_text("client.familyName", "Broeck\u{202E}kceorB"),
            pairs(&[("client.familyName", "control_characters")]),
        ),
        (
            "first-strong isolate in a street",
            with_text("contact.street", "\u{2068}Kerkstraat\u{2069}"),
            pairs(&[("contact.street", "control_characters")]),
        ),
        (
            "zero-width joiner in a name",
            with_text("client.givenName", "So\u{200D}fie"),
            pairs(&[("client.givenName", "control_characters")]),
        ),
        (
            "zero-width space in an e-mail address",
            with_text("contact.email", "sofie@exa\u{200B}mple.com"),
            pairs(&[("contact.email", "control_characters")]),
        ),
        (
            "zero-width no-break space in a house number",
            with_text("contact.houseNumber", "12\u{FEFF}"),
            pairs(&[("contact.houseNumber", "control_characters")]),
        ),
        // --- combining marks ----------------------------------------------------
        (
            "six marks on one letter",
            with_text(
                "client.givenName",
                "Sofi\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}\u{0306}e",
            ),
            pairs(&[("client.givenName", "invalid_name")]),
        ),
        (
            "a flood of 20 000 combining marks",
            with_text(
                "client.familyName",
                &format!("B{}", "\u{0301}".repeat(20_000)),
            ),
            pairs(&[("client.familyName", "too_long")]),
        ),
        (
            "a mark with nothing to carry it",
            with_text("client.givenName", "\u{0301}Sofie"),
            pairs(&[("client.givenName", "invalid_name")]),
        ),
        // --- length ---------------------------------------------------------------
        (
            "101 letters",
            with_text("client.givenName", &"a".repeat(101)),
            pairs(&[("client.givenName", "too_long")]),
        ),
        (
            "a 2 KiB phone number",
            with_text("contact.phone", &"0".repeat(2048)),
            pairs(&[("contact.phone", "too_long")]),
        ),
    ];
    for (what, text, want) in table {
        assert_eq!(errors(&text), want, "{what}");
    }
}

/// Deliberate choices: characters that look like a space are spaces; marks
/// that phones add around copied numbers are dropped from numbers only; a
/// name typed in decomposed form is stored composed.
#[test]
fn unicode_edge_cases_that_are_accepted() {
    let table: &[(&str, &str, &str, &str)] = &[
        ("no-break space", "client.familyName", "Van\u{00A0}den\u{00A0}Broeck", "Van den Broeck"),
        ("ideographic space", "client.familyName", "Van\u{3000}den Broeck", "Van den Broeck"),
        ("en quad to hair space", "client.givenName", "Anne\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200A}Sofie", "Anne Sofie"),
        ("narrow no-break space", "contact.street", "Sint-Jozef\u{202F}straat", "Sint-Jozef straat"),
        ("tab and newline", "contact.street", "\tKerk\nstraat ", "Kerk straat"),
        ("decomposed Vietnamese", "client.familyName", "Nguye\u{0302}\u{0303}n", "Nguyễn"),
        ("bidi marks around a copied number", "contact.phone", "\u{202A}+32\u{00A0}470\u{00A0}12\u{00A0}34\u{00A0}56\u{202C}", "+32470123456"),
        ("left-to-right mark in a number", "contact.phone", "\u{200E}0470 12 34 56", "+32470123456"),
    ];
    for (what, path, typed, stored) in table {
        let text = with_text(path, typed);
        let (r, _) = referral::validate_json(&text, &common::test_registry(), today())
            .unwrap_or_else(|e| {
                panic!("{what}: {:?}", e.iter().map(|e| e.code).collect::<Vec<_>>())
            });
        let got = match *path {
            "client.familyName" => r.client.family_name,
            "client.givenName" => r.client.given_name,
            "contact.street" => r.contact.address.unwrap().street,
            "contact.phone" => r.contact.phone.unwrap().e164().to_owned(),
            _ => unreachable!(),
        };
        assert_eq!(got, *stored, "{what}");
    }
}

/// Every field validator refuses a megabyte with `too_long` (the postal
/// code with `invalid_postal_code`, the municipality lookup with
/// `municipality_mismatch`) by its length alone: made
/// of combining marks, the value would otherwise cost normalisation work.
#[test]
fn validators_refuse_oversized_values_by_length() {
    let flood = format!("a{}", "\u{0301}".repeat(1 << 19));
    let zwj = "\u{200D}".repeat(1 << 18);
    for raw in [flood.as_str(), zwj.as_str()] {
        assert_eq!(
            name::normalise_name(raw).map_err(|p| p.code),
            Err(Code::TooLong)
        );
        assert_eq!(
            name::normalise_team(raw).map_err(|p| p.code),
            Err(Code::TooLong)
        );
        assert_eq!(phone::normalise_phone(raw), Err(Code::TooLong));
        assert_eq!(
            email::normalise_email(raw).map_err(|p| p.code),
            Err(Code::TooLong)
        );
        assert_eq!(address::normalise_street(raw), Err(Code::TooLong));
        assert_eq!(address::normalise_municipality(raw), Err(Code::TooLong));
        assert_eq!(address::normalise_house_number(raw), Err(Code::TooLong));
        assert_eq!(address::normalise_box(raw), Err(Code::TooLong));
        // A postal code is four digits: anything long is simply not one.
        assert_eq!(
            address::normalise_postal_code(raw),
            Err(Code::InvalidPostalCode)
        );
        assert_eq!(
            postal::resolve("8940", raw).err(),
            Some(Code::MunicipalityMismatch)
        );
    }
}
