//! The JavaScript boundary: the only file with `#[wasm_bindgen]`.
//!
//! Each export converts its arguments, calls one core function and maps the
//! result. Refusals are thrown as `Error` objects carrying `code` and
//! `errors` (`[{ field, code, message }]`), never as bare strings.
//!
//! Exports that handle personal data or passwords do their work in an
//! `_inner` function that is never inlined, then call [`wipe::stack`]: its
//! frame then lies where the inner function's frames were, and zeroing it
//! leaves no plaintext on the shadow stack (see `wipe.rs`). The heap is
//! wiped by the allocator.
// open.html's engine (without `seal`) uses only `openArchive`: the door's
// helpers of the sealing exports are unused there, and LTO drops them.
#![cfg_attr(not(feature = "seal"), allow(dead_code, unused_imports))]

use std::cell::RefCell;

use js_sys::{Array, JsString, Object, Reflect, Uint8Array, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::archive::Format;
use crate::date::Date;
use crate::error::{Code, FieldError, SealError};
use crate::json::{self, Value};
use crate::password::{self, PassphraseOptions};
use crate::protocols::{self, Registry};
use crate::{postal, referral, render, seal, wipe};

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(builtin_registry());
}

// ------------------------------------------------------------------ door --
//
// Values cross the boundary as plain data, read and written by
// serde-wasm-bindgen. On the way in, the caller's value is first made a
// snapshot by the engine (`JSON.stringify`, then `JSON.parse` of that
// text, both in JavaScript): the snapshot is what JSON can say and nothing
// else (`undefined`, functions and symbols are absent, as JSON drops them;
// `toJSON` is honoured), its size is known before anything is copied into
// Wasm memory, and it has no getters or proxies, so reading it can neither
// throw half-way (an exception would skip the destructors that free and
// wipe what was read so far) nor change between two reads. serde-wasm-bindgen
// then reads the snapshot into a [`Value`] ([`json::read`], nesting bounded),
// and the core's walker judges it.
//
// A lone UTF-16 surrogate in a string arrives as U+FFFD (serde-wasm-bindgen
// decodes strings as `TextEncoder` does; wasm-bindgen issue 1348). Every
// text field of the referral refuses U+FFFD on its own path (names, street
// and the like as an invisible character, `control_characters`; dates,
// postal codes, phone numbers as invalid), so a half pair is never stored;
// `every_text_field_refuses_a_lone_surrogate` in `tests/schema.rs` checks
// every field the schema has. An unknown key holding one is refused as
// unknown.
//
// No error here passes on an engine's or serde's message: they may quote
// the input.

/// Largest referral accepted, in UTF-16 code units of its JSON text.
const MAX_INPUT_CHARS: u32 = 64 * 1024;
/// Largest registry accepted, in UTF-16 code units of its JSON text.
const MAX_REGISTRY_CHARS: u32 = 1024 * 1024;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a JavaScript string, which stays in JavaScript
    /// (js-sys's binding takes a Rust `&str`, a copy in Wasm memory).
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn parse_js_text(text: &JsString) -> Result<JsValue, JsValue>;
}

/// Why a caller's value was not read: too large (or too deep for the
/// engine's stack), or not something JSON can express (a cycle, a BigInt,
/// a throwing getter, text that is not JSON).
enum Unread {
    TooLarge,
    Invalid,
}

/// The caller's value as a plain snapshot made by the engine, refused when
/// its JSON text is longer than `max` code units. A string is taken as
/// JSON text already.
fn snapshot(value: &JsValue, max: u32) -> Result<JsValue, Unread> {
    let text = if value.is_string() {
        value.clone()
    } else {
        match JSON::stringify(value) {
            Ok(text) => text.into(),
            // Nesting too deep for the engine's stack.
            Err(e) if e.is_instance_of::<js_sys::RangeError>() => return Err(Unread::TooLarge),
            // Cycles, BigInt, throwing getters.
            Err(_) => return Err(Unread::Invalid),
        }
    };
    // `JSON.stringify` gives `undefined` for a function or a symbol.
    let text: JsString = text.dyn_into().map_err(|_| Unread::Invalid)?;
    if text.length() > max {
        return Err(Unread::TooLarge);
    }
    parse_js_text(&text).map_err(|_| Unread::Invalid)
}

/// A caller's value as a [`Value`]: [`snapshot`], then serde-wasm-bindgen.
fn value_from_js(value: &JsValue, max: u32) -> Result<Value, Unread> {
    let plain = snapshot(value, max)?;
    json::read(serde_wasm_bindgen::Deserializer::from(plain)).map_err(|e| match e {
        json::ReadError::TooDeep => Unread::TooLarge,
        json::ReadError::Invalid => Unread::Invalid,
    })
}

/// A referral input from JS, refused as a whole on field `""` when it is
/// missing, too large or deep (`input_too_large`) or not JSON
/// (`invalid_input`); the walker judges the rest field by field.
fn referral_from_js(value: &JsValue) -> Result<Value, SealError> {
    if value.is_undefined() || value.is_null() {
        return Err(SealError::single("", Code::Required));
    }
    value_from_js(value, MAX_INPUT_CHARS).map_err(|e| {
        let code = match e {
            Unread::TooLarge => Code::InputTooLarge,
            Unread::Invalid => Code::InvalidInput,
        };
        SealError::single("", code)
    })
}

/// A registry from JS (an object or its JSON text).
fn registry_from_js(value: &JsValue) -> Result<Registry, SealError> {
    if value.is_undefined() || value.is_null() {
        return Err(SealError::single("registry", Code::Required));
    }
    let value = value_from_js(value, MAX_REGISTRY_CHARS)
        .ok()
        .filter(|v| !has_replacement_character(v))
        .ok_or_else(|| SealError::single("registry", Code::InvalidRegistry))?;
    Registry::from_value(&value).map_err(|errors| SealError {
        code: Code::InvalidRegistry,
        errors,
    })
}

/// Whether a string or key in `value` holds U+FFFD: in a registry it can
/// only be a lone surrogate the door replaced (the registry's free texts
/// would otherwise keep it), so the registry is refused as malformed, as
/// it was when its JSON text was read by a lexer of our own.
fn has_replacement_character(value: &Value) -> bool {
    let holds = |s: &str| s.chars().any(|c| c == '\u{FFFD}');
    match value {
        Value::String(s) => holds(s),
        Value::Array(items) => items.iter().any(has_replacement_character),
        Value::Object(o) => o
            .iter()
            .any(|(k, v)| holds(k) || has_replacement_character(v)),
        _ => false,
    }
}

/// The registry shipped in `data/protocols.json`, parsed by the engine; an
/// empty registry should it ever fail (a unit test checks the file).
fn builtin_registry() -> Registry {
    value_from_js(
        &JsValue::from_str(protocols::BUILTIN_JSON),
        MAX_REGISTRY_CHARS,
    )
    .ok()
    .and_then(|v| Registry::from_value(&v).ok())
    .unwrap_or(Registry {
        protocols: Vec::new(),
    })
}

/// A value for JS, written by serde-wasm-bindgen as plain objects and
/// arrays. Object keys go in byte order, as they always have on this
/// boundary.
fn to_js(mut value: Value) -> JsValue {
    value.sort_keys();
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

// ---------------------------------------------------------------- errors --

fn field_errors_js(errors: &[FieldError]) -> Array {
    let arr = Array::new();
    for e in errors {
        let o = Object::new();
        set(&o, "field", &JsValue::from_str(&e.field));
        set(&o, "code", &JsValue::from_str(e.code.as_str()));
        set(&o, "message", &JsValue::from_str(&e.message));
        if let Some(suggestion) = &e.suggestion {
            set(&o, "suggestion", &JsValue::from_str(suggestion));
        }
        arr.push(&o);
    }
    arr
}

fn throw(err: &SealError) -> JsValue {
    let message = err
        .errors
        .first()
        .map(|e| e.message.clone())
        .unwrap_or_else(|| err.code.as_str().to_owned());
    let e = js_sys::Error::new(&message);
    e.set_name("ReferralSealError");
    set(&e, "code", &JsValue::from_str(err.code.as_str()));
    set(&e, "errors", &field_errors_js(&err.errors));
    e.into()
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Reflect.set on a fresh plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

// --------------------------------------------------------------- options --

/// Reads an optional property of an options object.
fn option(options: &JsValue, key: &str) -> Option<JsValue> {
    if !options.is_object() {
        return None;
    }
    Reflect::get(options, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn option_string(options: &JsValue, key: &str) -> Result<Option<String>, SealError> {
    match option(options, key) {
        None => Ok(None),
        Some(v) => v
            .as_string()
            .map(Some)
            .ok_or_else(|| SealError::single(key, Code::InvalidType)),
    }
}

/// The browser's local date: a referral made late in the evening carries
/// the team member's day, not UTC's.
fn browser_today() -> Result<Date, SealError> {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as u16,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .ok_or_else(|| SealError::single("today", Code::InvalidDate))
}

fn today_from(value: Option<String>) -> Result<Date, SealError> {
    match value {
        Some(s) => Date::parse_iso(&s).map_err(|c| SealError::single("today", c)),
        None => browser_today(),
    }
}

fn format_from(options: &JsValue) -> Result<Format, SealError> {
    match option_string(options, "format")? {
        None => Ok(Format::default()),
        Some(s) => Format::parse(&s).map_err(|c| SealError::single("format", c)),
    }
}

// --------------------------------------------------------------- exports --

/// The sealing page's exports (everything but `sealFiles` and
/// `openArchive`). Built with the `seal` feature: pkg/ and the sealing page's
/// engine have it; open.html's engine does not, so that the opener carries
/// no password word lists, postal data or registry.
#[cfg(feature = "seal")]
mod sealing {
    use super::*;

    /// Validates a referral without sealing it.
    ///
    /// Returns `{ valid, errors, referral?, protocol? }`; `referral` holds the
    /// normalised values the archive would contain.
    #[wasm_bindgen(js_name = validateReferral, unchecked_return_type = "ValidationResult")]
    pub fn validate_referral(
        #[wasm_bindgen(unchecked_param_type = "ReferralInput | unknown")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let out = validate_referral_inner(&input, &options).map_err(|e| throw(&e));
        wipe::stack();
        out
    }

    #[inline(never)]
    fn validate_referral_inner(input: &JsValue, options: &JsValue) -> Result<JsValue, SealError> {
        let today = today_from(option_string(options, "today")?)?;
        let out = Object::new();
        let parsed = referral_from_js(input);
        let result = match parsed {
            Err(e) => Err(e.errors),
            Ok(value) => REGISTRY.with(|r| seal::validate(&value, &r.borrow(), today)),
        };
        match result {
            Ok((referral, protocol)) => {
                set(&out, "valid", &JsValue::TRUE);
                set(&out, "errors", &Array::new());
                set(
                    &out,
                    "referral",
                    &to_js(render::normalised_input(&referral)),
                );
                set(&out, "protocol", &to_js(protocol.to_json()));
            }
            Err(errors) => {
                set(&out, "valid", &JsValue::FALSE);
                set(&out, "errors", &field_errors_js(&errors));
            }
        }
        Ok(out.into())
    }

    /// Validates, renders and seals a referral; throws `{ code, errors }` when
    /// anything is refused.
    #[wasm_bindgen(js_name = sealReferral, unchecked_return_type = "SealResult")]
    pub fn seal_referral(
        #[wasm_bindgen(unchecked_param_type = "ReferralInput")] input: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SealOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let out = seal_referral_inner(&input, &options).map_err(|e| throw(&e));
        wipe::stack();
        out
    }

    #[inline(never)]
    fn seal_referral_inner(input: &JsValue, options: &JsValue) -> Result<JsValue, SealError> {
        // The date first: `Date` is an import that cannot report an error, so
        // if a page replaced it with something that throws, the exception
        // leaves before any secret is in Wasm memory (a JS exception skips the
        // Rust destructors that would free and wipe it).
        let today = today_from(option_string(options, "today")?)?;
        let password = option_string(options, "password")?.unwrap_or_default();
        let password = zeroize::Zeroizing::new(password);
        let format = format_from(options)?;
        let reference = option_string(options, "reference")?;
        let value = referral_from_js(input)?;
        let sealed = REGISTRY.with(|r| {
            seal::seal_referral(
                &value,
                &r.borrow(),
                &seal::SealOptions {
                    password: &password,
                    format,
                    today,
                    reference: reference.as_deref(),
                },
            )
        })?;
        let out = Object::new();
        set(
            &out,
            "archive",
            &Uint8Array::from(sealed.archive.as_slice()),
        );
        set(
            &out,
            "archiveName",
            &JsValue::from_str(&sealed.archive_name),
        );
        set(&out, "mimeType", &JsValue::from_str(sealed.mime_type));
        set(
            &out,
            "format",
            &JsValue::from_str(sealed.format.extension()),
        );
        set(&out, "recipient", &JsValue::from_str(&sealed.recipient));
        set(&out, "reference", &JsValue::from_str(&sealed.reference));
        set(&out, "eml", &Uint8Array::from(sealed.eml.as_slice()));
        set(&out, "emlName", &JsValue::from_str(&sealed.eml_name));
        set(&out, "mailto", &JsValue::from_str(&sealed.mailto));
        set(&out, "protocol", &to_js(sealed.protocol.to_json()));
        set(&out, "team", &JsValue::from_str(&sealed.team));
        set(&out, "openWith", &JsValue::from_str(sealed.open_with));
        Ok(out.into())
    }

    /// Generates a password that is easy to read out over the phone.
    #[wasm_bindgen(js_name = generatePassphrase, unchecked_return_type = "Passphrase")]
    pub fn generate_passphrase(
        #[wasm_bindgen(unchecked_optional_param_type = "PassphraseOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let out = generate_passphrase_inner(&options).map_err(|e| throw(&e));
        wipe::stack();
        out
    }

    #[inline(never)]
    fn generate_passphrase_inner(options: &JsValue) -> Result<JsValue, SealError> {
        let mut opts = PassphraseOptions::default();
        let num = |key: &str| option(options, key).and_then(|v| v.as_f64());
        if let Some(n) = num("groups") {
            opts.groups = n as usize;
        }
        if let Some(n) = num("groupLength") {
            opts.group_len = n as usize;
        }
        let p =
            password::generate_passphrase(&opts).map_err(|c| SealError::single("options", c))?;
        let out = Object::new();
        set(&out, "passphrase", &JsValue::from_str(p.as_str()));
        set(&out, "bits", &JsValue::from_f64(p.bits()));
        set(&out, "spelling", &spelling_js(&p.spelling()));
        Ok(out.into())
    }

    fn spelling_js(lines: &[String]) -> Array {
        lines.iter().map(|l| JsValue::from_str(l)).collect()
    }

    /// The spelling aid for a password, one line per character in the Belgian
    /// telephone alphabet (`k van Kilogram`, `7 (zeven)`), to read it out.
    #[wasm_bindgen(js_name = spellPassword, unchecked_return_type = "string[]")]
    pub fn spell_password(password: &str) -> JsValue {
        let out = spelling_js(&crate::spelling::spell(password)).into();
        wipe::stack();
        out
    }

    /// Estimates the strength of a password a user typed, against the
    /// referral being sealed (`input`: its values count as known to an
    /// attacker) and the threshold of the archive `format` (`.7z` by default).
    #[wasm_bindgen(js_name = passwordStrength, unchecked_return_type = "PasswordStrength")]
    pub fn password_strength(
        password: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "PasswordStrengthOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let out = password_strength_inner(password, &options).map_err(|e| throw(&e));
        wipe::stack();
        out
    }

    #[inline(never)]
    fn password_strength_inner(password: &str, options: &JsValue) -> Result<JsValue, SealError> {
        let format = format_from(options)?;
        let inputs = match option(options, "input") {
            None => password::UserInputs::none(),
            Some(v) => {
                let value = referral_from_js(&v)?;
                REGISTRY.with(|r| password::UserInputs::from_referral(&value, &r.borrow()))
            }
        };
        let s = password::strength(password, &inputs, format);
        let out = Object::new();
        set(&out, "bits", &JsValue::from_f64(s.bits));
        set(&out, "acceptable", &JsValue::from_bool(s.acceptable));
        set(
            &out,
            "threshold",
            &JsValue::from_f64(password::min_bits(format)),
        );
        if let Some(w) = s.warning {
            set(&out, "warning", &JsValue::from_str(&w.text(s.also)));
            set(&out, "problem", &JsValue::from_str(w.as_str()));
        }
        Ok(out.into())
    }

    /// The protocol in force for a postal code (also pasted as `B-8940` or
    /// `8940 Wervik`), or `null`.
    #[wasm_bindgen(js_name = protocolFor, unchecked_return_type = "Protocol | null")]
    pub fn protocol_for(postal_code: &str, today: Option<String>) -> Result<JsValue, JsValue> {
        let today = today_from(today).map_err(|e| throw(&e))?;
        let Ok(code) = crate::validate::address::normalise_postal_code(postal_code) else {
            return Ok(JsValue::NULL);
        };
        Ok(REGISTRY.with(|r| {
            r.borrow()
                .protocol_for(&code, today)
                .map(|p| to_js(p.to_json()))
                .unwrap_or(JsValue::NULL)
        }))
    }

    /// The team rule as soon as the team and the postal code are known:
    /// the `team_not_in_protocol` error `validateReferral` would give on
    /// `referrer.team`, or `null` (the team is one of the protocol's, or no
    /// protocol in force covers the postal code, or either is not valid yet).
    #[wasm_bindgen(js_name = teamCheck, unchecked_return_type = "FieldError | null")]
    pub fn team_check(
        postal_code: &str,
        team: &str,
        today: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let today = today_from(today).map_err(|e| throw(&e))?;
        Ok(REGISTRY.with(
            |r| match referral::team_check(&r.borrow(), postal_code, team, today) {
                Some(e) => field_errors_js(std::slice::from_ref(&e)).get(0),
                None => JsValue::NULL,
            },
        ))
    }

    /// The localities and municipalities of a Belgian postal code (`[]` when
    /// unknown), also when pasted as `B-8940` or `8940 Wervik`.
    #[wasm_bindgen(js_name = localitiesFor, unchecked_return_type = "Locality[]")]
    pub fn localities_for(postal_code: &str) -> JsValue {
        let code = crate::validate::address::normalise_postal_code(postal_code).unwrap_or_default();
        to_js(Value::Array(
            postal::localities(&code)
                .into_iter()
                .map(|l| {
                    Value::object([
                        ("locality", l.name.into()),
                        ("municipality", l.municipality.into()),
                        ("localityFr", l.name_fr.into()),
                        ("municipalityFr", l.municipality_fr.into()),
                    ])
                })
                .collect(),
        ))
    }

    /// Replaces the protocol registry (an object or its JSON text).
    #[wasm_bindgen(js_name = setRegistry, unchecked_return_type = "{ protocols: number }")]
    pub fn set_registry(
        #[wasm_bindgen(unchecked_param_type = "Registry | string")] registry: JsValue,
    ) -> Result<JsValue, JsValue> {
        let parsed = registry_from_js(&registry).map_err(|e| throw(&e))?;
        let count = parsed.protocols.len();
        REGISTRY.with(|r| *r.borrow_mut() = parsed);
        let out = Object::new();
        set(&out, "protocols", &JsValue::from_f64(count as f64));
        Ok(out.into())
    }

    /// The protocol registry in use.
    #[wasm_bindgen(js_name = getRegistry, unchecked_return_type = "Registry")]
    pub fn get_registry() -> JsValue {
        REGISTRY.with(|r| to_js(r.borrow().to_json()))
    }
}

/// `sealFiles`, the generic engine for embedders of the package. Not in the
/// page's own engine, built without the `seal-files` feature.
#[cfg(feature = "seal-files")]
mod files {
    use super::*;
    use crate::archive::{ArchiveOptions, Compression, Content, Entry};

    /// A caller's `Uint8Array`, copied piece by piece straight to its place in
    /// the archive being written: no copy of the whole input in Wasm memory.
    struct JsBytes(Uint8Array);

    impl Content for JsBytes {
        fn len(&self) -> usize {
            self.0.length() as usize
        }

        fn read_at(&self, offset: usize, out: &mut [u8]) {
            // Offsets and lengths stay below `len()`, itself a u32.
            let start = offset as u32;
            self.0
                .subarray(start, start + out.len() as u32)
                .copy_to(out);
        }
    }

    /// Seals arbitrary files: `[{ name, bytes }]` → archive bytes.
    #[wasm_bindgen(js_name = sealFiles)]
    pub fn seal_files(
        #[wasm_bindgen(unchecked_param_type = "FileInput[]")] files: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SealFilesOptions")] options: JsValue,
    ) -> Result<Uint8Array, JsValue> {
        let out = seal_files_inner(&files, &options).map_err(|e| throw(&e));
        wipe::stack();
        out
    }

    #[inline(never)]
    fn seal_files_inner(files: &JsValue, options: &JsValue) -> Result<Uint8Array, SealError> {
        // The date first, as in `seal_referral_inner`.
        let today = today_from(option_string(options, "today")?)?;
        let password =
            zeroize::Zeroizing::new(option_string(options, "password")?.unwrap_or_default());
        let format = format_from(options)?;
        let compression = match option_string(options, "compression")?.as_deref() {
            None | Some("auto") | Some("compressed") => Compression::Compressed,
            Some("stored") => Compression::Stored,
            Some(_) => return Err(SealError::single("compression", Code::InvalidOption)),
        };
        if !Array::is_array(files) {
            return Err(SealError::single("files", Code::InvalidType));
        }
        let list = Array::from(files);
        let mut names = Vec::with_capacity(list.length() as usize);
        let mut contents = Vec::with_capacity(list.length() as usize);
        for (i, item) in list.iter().enumerate() {
            let field = format!("files[{i}]");
            let name = option(&item, "name")
                .and_then(|v| v.as_string())
                .ok_or_else(|| SealError::single(&format!("{field}.name"), Code::Required))?;
            let bytes = option(&item, "bytes")
                .filter(|v| v.is_instance_of::<Uint8Array>())
                .map(|v| JsBytes(v.unchecked_into::<Uint8Array>()))
                .ok_or_else(|| SealError::single(&format!("{field}.bytes"), Code::InvalidType))?;
            names.push(name);
            contents.push(bytes);
        }
        let entries: Vec<Entry<'_>> = names
            .iter()
            .zip(&contents)
            .map(|(name, bytes)| Entry {
                name,
                content: bytes,
            })
            .collect();
        let archive = seal::seal_entries(
            &entries,
            &password,
            &ArchiveOptions {
                format,
                compression,
                modified: today,
            },
        )?;
        Ok(Uint8Array::from(archive.as_slice()))
    }
}

/// `openArchive`: the OCMW's side (open.html), any AES-256 `.7z` or `.zip`.
/// Built with the `open` feature (pkg/ and open.html's engine).
#[cfg(feature = "open")]
mod opener {
    use super::*;
    use crate::archive::{open_archive, Format, OpenError};

    fn open_error(e: &OpenError) -> JsValue {
        let err = js_sys::Error::new(&e.message_nl());
        err.set_name("ReferralSealError");
        set(&err, "code", &JsValue::from_str(e.code.as_str()));
        set(&err, "errors", &Array::new());
        if let Some(f) = e.format {
            set(&err, "format", &JsValue::from_str(f.extension()));
        }
        if let Some(m) = &e.method {
            set(&err, "method", &JsValue::from_str(m));
        }
        err.into()
    }

    /// Opens a `.7z` or `.zip`: `{ format, entries: [{ name, bytes }], warning? }`;
    /// throws `{ code }` (wrong_password, damaged_archive, unsupported_method,
    /// archive_too_large, not_an_archive, weak_encryption) with a Dutch message.
    #[wasm_bindgen(js_name = openArchive, unchecked_return_type = "OpenedArchive")]
    pub fn open_archive_js(
        bytes: &Uint8Array,
        #[wasm_bindgen(unchecked_optional_param_type = "OpenOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let out = open_inner(bytes, &options);
        wipe::stack();
        out
    }

    #[inline(never)]
    fn open_inner(bytes: &Uint8Array, options: &JsValue) -> Result<JsValue, JsValue> {
        let password = zeroize::Zeroizing::new(
            option_string(options, "password")
                .map_err(|e| throw(&e))?
                .unwrap_or_default(),
        );
        let archive = zeroize::Zeroizing::new(bytes.to_vec());
        let opened = open_archive(&archive, &password).map_err(|e| open_error(&e))?;
        let result = Object::new();
        let format = match opened.format {
            Format::SevenZ => "7z",
            Format::Zip => "zip",
        };
        set(&result, "format", &JsValue::from_str(format));
        let entries = Array::new();
        for e in &opened.entries {
            let o = Object::new();
            set(&o, "name", &JsValue::from_str(&e.name));
            set(&o, "bytes", &Uint8Array::from(e.bytes.as_slice()));
            entries.push(&o);
        }
        set(&result, "entries", &entries);
        if let Some(w) = opened.warning {
            let o = Object::new();
            set(&o, "code", &JsValue::from_str(w.as_str()));
            set(&o, "message", &JsValue::from_str(w.message_nl()));
            set(&result, "warning", &o);
        }
        Ok(result.into())
    }

    #[wasm_bindgen(typescript_custom_section)]
    const OPEN_TYPES: &'static str = r#"
export interface OpenOptions { password?: string }
export interface OpenedEntry { name: string; bytes: Uint8Array }
export interface OpenedArchive {
  format: "7z" | "zip"; entries: OpenedEntry[];
  /** Set when the archive is not (fully) AES-256 encrypted, as the protocol asks. */
  warning?: { code: "not_encrypted"; message: string };
}
"#;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A referral as the form collects it: exactly the fields the protocol allows. */
export interface ReferralInput {
  client: { givenName: string; familyName: string };
  contact: {
    street?: string | null; houseNumber?: string | null; box?: string | null;
    postalCode: string; municipality: string;
    phone?: string | null; email?: string | null;
  };
  consent: { informed: boolean; agreed: boolean; date: string };
  referrer: { team: string; name: string; phone?: string | null; email?: string | null };
}
/** One refusal: dotted input path, stable snake_case code, Dutch message;
 *  `suggestion` (e.g. the e-mail domain "gmail.com" for a typed "gmial.com")
 *  when the core has a correction to offer. */
export interface FieldError { field: string; code: string; message: string; suggestion?: string }
/** What `sealReferral` and the other throwing exports throw. */
export interface ReferralSealError extends Error { code: string; errors: FieldError[] }
export interface ValidateOptions { today?: string }
/** The normalised referral, as stored in doorverwijzing.json. */
export interface NormalisedReferral {
  client: { givenName: string; familyName: string };
  contact: {
    street: string | null; houseNumber: string | null; box: string | null;
    postalCode: string; locality: string; municipality: string;
    phone: string | null; email: string | null;
  };
  consent: { informed: true; agreed: true; date: string };
  referrer: { team: string; name: string; phone: string | null; email: string | null };
}
export interface ValidationResult {
  valid: boolean; errors: FieldError[];
  referral?: NormalisedReferral; protocol?: Protocol;
}
export interface SealOptions {
  password: string; format?: "7z" | "zip"; today?: string; reference?: string;
}
export interface SealResult {
  archive: Uint8Array; archiveName: string; mimeType: string; format: "7z" | "zip";
  recipient: string; reference: string;
  eml: Uint8Array; emlName: string; mailto: string; protocol: Protocol;
  /** The sending team every document names (the referrer's, one of the protocol's). */
  team: string;
  /** How the OCMW opens the archive (Dutch, the sentence the mail uses). */
  openWith: string;
}
export interface PassphraseOptions { groups?: number; groupLength?: number }
/** `spelling`: one line per character in the Belgian telephone alphabet. */
export interface Passphrase { passphrase: string; bits: number; spelling: string[] }
/** `input`: the referral being sealed (its values count as known to an attacker). */
export interface PasswordStrengthOptions { input?: Partial<ReferralInput> | unknown; format?: "7z" | "zip" }
/**
 * `bits`: log2 of the guesses an attacker needs; `threshold`: the format's bar;
 * `warning` (Dutch) and `problem` (stable code, e.g. "client_street",
 * "keyboard", "year", "not_ascii") when it is not acceptable.
 */
export interface PasswordStrength {
  bits: number; acceptable: boolean; threshold: number; warning?: string; problem?: string;
}
export interface Protocol {
  id: string;
  ocmw: { name: string; kbo: string; address: string };
  mailbox: string; referringTeams: string[];
  /** Whom to call with the password; `null` until the registry's maintainers add it. */
  passwordCall: { phone: string; phoneDisplay: string; ask: string | null } | null;
  postalCodes: string[]; municipalities: string[];
  inForceFrom: string; inForceUntil: string | null; concluded?: string | null;
  dpo: { opgroeien: string; ocmw: string };
  reference: string; retention: string; notes?: string | null;
}
/** `getRegistry()` always gives v2; `setRegistry()` also reads v1 (`referringTeam: string`). */
export interface Registry { schema: "referral-seal/protocols/v2"; protocols: Protocol[] }
export interface Locality {
  locality: string; municipality: string; localityFr: string; municipalityFr: string;
}
export interface FileInput { name: string; bytes: Uint8Array }
export interface SealFilesOptions {
  password: string; format?: "7z" | "zip"; compression?: "stored" | "compressed"; today?: string;
}
"#;
