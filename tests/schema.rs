//! One schema (`src/schema.rs`) and the places that repeat it: each test
//! here fails when one of them drifts from the schema.

mod common;
use common::sofie;
use referral_seal::schema::{self, Kind, Presence};
use referral_seal::{error, json, referral, render, Date};

/// Every field path of the schema, with its field.
fn schema_fields() -> Vec<(String, schema::Field)> {
    schema::fields().map(|(p, f)| (p, *f)).collect()
}

/// The body of `export interface NAME { … }` in a TypeScript text.
fn interface<'t>(ts: &'t str, name: &str) -> &'t str {
    let start = ts
        .find(&format!("export interface {name} {{"))
        .unwrap_or_else(|| panic!("no interface {name}"));
    let body = &ts[start..];
    let open = body.find('{').unwrap();
    let mut depth = 0;
    for (i, c) in body.char_indices().skip(open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &body[open + 1..i];
                }
            }
            _ => {}
        }
    }
    panic!("interface {name} not closed")
}

/// The members of an object type body: `(name, optional, type)`, nested
/// object types as their own bodies.
fn members(body: &str) -> Vec<(String, bool, String)> {
    let mut out = Vec::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        let colon = rest.find(':').unwrap();
        let name = rest[..colon].trim();
        let after = rest[colon + 1..].trim_start();
        let (ty, next) = if after.starts_with('{') {
            let mut depth = 0;
            let end = after
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .unwrap()
                .0;
            (&after[1..end], &after[end + 1..])
        } else {
            let end = after.find(';').unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        out.push((
            name.trim_end_matches('?').to_owned(),
            name.ends_with('?'),
            ty.trim().to_owned(),
        ));
        rest = next.trim_start().trim_start_matches(';').trim();
    }
    out
}

/// The TypeScript types in `wasm.rs` (its `typescript_custom_section`).
const WASM_RS: &str = include_str!("../src/wasm.rs");

#[test]
fn typescript_input_type_is_the_schema() {
    let sections = members(interface(WASM_RS, "ReferralInput"));
    let names: Vec<&str> = sections.iter().map(|(n, _, _)| n.as_str()).collect();
    let want: Vec<&str> = schema::SECTIONS.iter().map(|s| s.key).collect();
    assert_eq!(names, want);
    let mut typed = Vec::new();
    for (section, optional, body) in &sections {
        assert!(!optional, "{section}");
        for (key, optional, ty) in members(body) {
            typed.push((format!("{section}.{key}"), optional, ty));
        }
    }
    let fields = schema_fields();
    assert_eq!(
        typed.iter().map(|(p, _, _)| p).collect::<Vec<_>>(),
        fields.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "ReferralInput's fields, in order"
    );
    for ((path, optional, ty), (_, field)) in typed.iter().zip(&fields) {
        assert_eq!(*optional, field.presence == Presence::Optional, "{path}");
        let want = match (field.kind, field.presence) {
            (Kind::Text, Presence::Required) => "string",
            (Kind::Text, Presence::Optional) => "string | null",
            (Kind::Confirmation, _) => "boolean",
        };
        assert_eq!(ty, want, "{path}");
    }
}

/// The normalised referral: the schema's paths plus `contact.locality`,
/// which the core adds (the bpost locality of the postal code).
fn output_paths() -> Vec<String> {
    let mut paths: Vec<String> = schema::fields().map(|(p, _)| p).collect();
    paths.push("contact.locality".into());
    paths.sort();
    paths
}

#[test]
fn typescript_output_type_is_the_schema() {
    let mut paths = Vec::new();
    for (section, _, body) in members(interface(WASM_RS, "NormalisedReferral")) {
        for (key, optional, _) in members(&body) {
            assert!(!optional, "{section}.{key} is always present");
            paths.push(format!("{section}.{key}"));
        }
    }
    paths.sort();
    assert_eq!(paths, output_paths());
}

#[test]
fn rendered_keys_are_the_schema() {
    let input = json::parse(&sofie().to_string()).unwrap();
    let today = Date::new(2026, 11, 24).unwrap();
    let Ok((referral, _)) = referral::validate(&input, &common::test_registry(), today) else {
        panic!("Sofie is refused")
    };
    let out = render::normalised_input(&referral);
    let mut paths = Vec::new();
    for (section, value) in out.as_object().unwrap().iter() {
        for key in value.as_object().unwrap().keys() {
            paths.push(format!("{section}.{key}"));
        }
    }
    paths.sort();
    assert_eq!(paths, output_paths());
}

#[test]
fn every_path_has_its_own_label() {
    for path in schema::SECTIONS
        .iter()
        .map(|s| s.key.to_owned())
        .chain(schema::fields().map(|(p, _)| p))
    {
        let label = error::field_label(&path);
        assert!(!label.contains('“'), "{path} has no label of its own");
    }
}

/// `www/js/form.js`: the form's text fields (`FIELDS`) and its two
/// consent checkboxes.
const FORM_JS: &str = include_str!("../www/js/form.js");

#[test]
fn the_form_has_the_schema_fields() {
    let start = FORM_JS.find("export const FIELDS = {").unwrap();
    let end = start + FORM_JS[start..].find("\n};").unwrap();
    let block = &FORM_JS[start..end];
    // Entries are `'section.key': {` at two spaces of indent.
    let mut form: Vec<(String, bool)> = Vec::new();
    let lines: Vec<&str> = block.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(rest) = line.strip_prefix("  '") {
            let path = &rest[..rest.find('\'').unwrap()];
            // The entry runs to the next entry.
            let entry: String = lines[i..]
                .iter()
                .enumerate()
                .take_while(|(j, l)| *j == 0 || !l.starts_with("  '"))
                .map(|(_, l)| *l)
                .collect();
            form.push((path.to_owned(), entry.contains("optional: true")));
        }
    }
    let mut texts: Vec<String> = schema_fields()
        .into_iter()
        .filter(|(_, f)| f.kind == Kind::Text)
        .map(|(p, _)| p)
        .collect();
    texts.sort();
    let mut paths: Vec<String> = form.iter().map(|(p, _)| p.clone()).collect();
    paths.sort();
    assert_eq!(paths, texts, "FIELDS in www/js/form.js");
    // A field the form marks "(niet verplicht)" is optional in the schema
    // (the referrer's phone and e-mail are not marked: one of them is needed).
    for (path, optional) in &form {
        let field = schema::fields().find(|(p, _)| p == path).unwrap().1;
        if *optional {
            assert_eq!(field.presence, Presence::Optional, "{path}");
        }
        if field.presence == Presence::Required {
            assert!(!optional, "{path}");
        }
    }
    for (path, field) in schema_fields() {
        if field.kind == Kind::Confirmation {
            assert!(
                FORM_JS.contains(&format!("'{path}'")),
                "the form has no control for {path}"
            );
        }
    }
}

/// Every text field refuses U+FFFD, which is what a lone UTF-16 surrogate
/// becomes at the JS door (serde-wasm-bindgen): a half pair is refused on
/// its own path, never stored as a replacement character.
#[test]
fn every_text_field_refuses_a_lone_surrogate() {
    let today = Date::new(2026, 11, 24).unwrap();
    for (path, field) in schema_fields() {
        if field.kind != Kind::Text {
            continue;
        }
        let (section, key) = path.split_once('.').unwrap();
        let mut v = sofie();
        let typed = v[section][key].as_str().unwrap_or("x").to_owned();
        v[section][key] = format!("{typed}\u{FFFD}").into();
        let input = json::parse(&v.to_string()).unwrap();
        let Err(errors) = referral::validate(&input, &common::test_registry(), today) else {
            panic!("{path} accepts U+FFFD")
        };
        assert!(errors.iter().any(|e| e.field == path), "{path}");
    }
}
