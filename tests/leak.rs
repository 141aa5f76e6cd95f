//! Nothing personal outside the ciphertext, on `seal_referral` itself: for
//! invented clients, in both formats, every byte handed out but the
//! archive's ciphertext (archive and draft names, the `.eml` draft as
//! written and as a mail client reads it: headers with RFC 2047 words
//! decoded, text parts with quoted-printable or base64 decoded, attachment
//! names; the `mailto:` link as written and percent-decoded) is searched for
//! every personal value and the password: as typed, as normalised by the
//! core (NFC names, E.164 phones, ASCII e-mail domains), in NFC and NFD,
//! in UTF-8, UTF-16LE and UTF-16BE, and each word of four letters or more
//! of a name or street on its own.
//!
//! The registry is `tests/fixtures/registry.json`: invented OCMWs with
//! reserved e-mail domains.

mod common;

use mail_parser::{HeaderValue, MessageParser, PartType};
use referral_seal::archive::{self, Format};
use referral_seal::seal::{seal_referral, validate, SealOptions};
use referral_seal::{json, Date, Registry};
use serde_json::{json, Value};
use unicode_normalization::UnicodeNormalization;

fn today() -> Date {
    Date::new(2026, 11, 24).unwrap()
}

/// The referrer of the shared fixture (a team member, not a client).
fn referrer() -> Value {
    common::sofie()["referrer"].clone()
}

/// The same referrer in the team of the test registry's Torhout protocol
/// (the team rule: a referral to Torhout comes from that team).
fn torhout_referrer() -> Value {
    let mut r = referrer();
    r["team"] = json!(common::team(1, 0));
    r
}

/// Invented clients with real-world difficulties, and their passwords.
fn people() -> Vec<(Value, &'static str)> {
    let consent = json!({ "informed": true, "agreed": true, "date": "2026-11-20" });
    vec![
        (
            json!({
                "client": { "givenName": "Ayşe Nur", "familyName": "Çelik-Yılmaz" },
                "contact": {
                    "street": "Menenstraat", "houseNumber": "212", "box": "3B",
                    "postalCode": "8940", "municipality": "Geluwe",
                    "phone": "0470 98 76 54", "email": "Ayse.Celik-Yilmaz@Example.COM"
                },
                "consent": consent, "referrer": referrer()
            }),
            "xwpa-h7mk-t3da-nufe-96jw",
        ),
        (
            json!({
                "client": { "givenName": "Mamadou", "familyName": "N’Diaye" },
                "contact": {
                    "postalCode": "8820", "municipality": "Torhout",
                    "phone": "+33 6 48 27 19 03", "email": "m.ndiaye.fam@bücher.example"
                },
                "consent": consent, "referrer": torhout_referrer()
            }),
            "Zuid-Oost 4 Vlinders!Kopje",
        ),
        (
            // Vietnamese typed in decomposed form (NFD), as some keyboards send it.
            json!({
                "client": {
                    "givenName": "Thị Ánh Tuyết".nfd().collect::<String>(),
                    "familyName": "Nguyễn".nfd().collect::<String>()
                },
                "contact": {
                    "street": "Rue de l’Église".nfd().collect::<String>(), "houseNumber": "7-9",
                    "postalCode": "8940", "municipality": "Wervik", "phone": "0499/11.22.33"
                },
                "consent": consent, "referrer": referrer()
            }),
            "dm4k-waf7-ph3x-ten9-uj6h",
        ),
        (
            json!({
                "client": {
                    "givenName": "Marie-Évangéline Dieudonnée",
                    "familyName": "Van den Broeck-D'Hondt de la Kethulle de Ryhove"
                },
                "contact": {
                    "street": "Sint-Maartensplein", "houseNumber": "1A", "postalCode": "8820",
                    "municipality": "Torhout", "email": "evangeline.vdb@ocmw-klant.test"
                },
                "consent": consent, "referrer": torhout_referrer()
            }),
            "kotu-mepa-ribe-noza-veki-suta",
        ),
    ]
}

/// Every value to search for: the client's fields as typed, as the core
/// normalises them, phone numbers in every usual shape, and the words of
/// four letters or more of names and streets.
fn secrets(input: &Value, password: &str, registry: &Registry) -> Vec<String> {
    let mut out = vec![password.to_owned()];
    for path in [
        "/client/givenName",
        "/client/familyName",
        "/contact/street",
        "/contact/phone",
        "/contact/email",
    ] {
        if let Some(s) = input.pointer(path).and_then(Value::as_str) {
            out.push(s.to_owned());
        }
    }
    let (referral, _) = validate(&json::parse(&input.to_string()).unwrap(), registry, today())
        .unwrap_or_else(|_| panic!("invented referral is valid"));
    out.push(referral.client.given_name.clone());
    out.push(referral.client.family_name.clone());
    if let Some(a) = &referral.contact.address {
        out.push(a.street.clone());
    }
    if let Some(e) = &referral.contact.email {
        out.push(e.clone());
        out.push(e.to_lowercase());
        out.extend(e.split('@').next().map(str::to_owned));
    }
    if let Some(p) = &referral.contact.phone {
        // E.164, without the plus, national (0…) and without the zero.
        let digits = p.e164().trim_start_matches('+');
        out.push(p.e164().to_owned());
        out.push(p.readable());
        out.push(digits.to_owned());
        if let Some(national) = digits.strip_prefix("32") {
            out.push(format!("0{national}"));
            out.push(national.to_owned());
        } else {
            out.push(digits[2..].to_owned());
        }
    }
    let words: Vec<String> = out
        .iter()
        .take(4)
        .flat_map(|s| {
            s.split(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'')
                .filter(|w| w.chars().count() >= 4)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    out.extend(words);
    out.sort();
    out.dedup();
    out
}

/// Each spelling of `s`: NFC and NFD, in UTF-8, UTF-16LE and UTF-16BE.
fn spellings(s: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (form, text) in [
        ("NFC", s.nfc().collect::<String>()),
        ("NFD", s.nfd().collect::<String>()),
    ] {
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        out.push((format!("{form} UTF-8"), text.clone().into_bytes()));
        out.push((format!("{form} UTF-16LE"), le));
        out.push((format!("{form} UTF-16BE"), be));
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Where something was found, and the bytes found there.
type Place = (String, Vec<u8>);

fn header_texts(value: &HeaderValue<'_>, out: &mut Vec<String>) {
    match value {
        HeaderValue::Text(t) => out.push(t.to_string()),
        HeaderValue::TextList(list) => out.extend(list.iter().map(|t| t.to_string())),
        HeaderValue::Address(a) => {
            for addr in a.iter() {
                out.extend(addr.name.as_deref().map(str::to_owned));
                out.extend(addr.address.as_deref().map(str::to_owned));
            }
        }
        HeaderValue::ContentType(ct) => {
            out.push(ct.c_type.to_string());
            out.extend(ct.c_subtype.as_deref().map(str::to_owned));
            for attr in ct.attributes.iter().flatten() {
                out.push(attr.value.to_string());
            }
        }
        _ => {}
    }
}

/// What a mail client shows of the draft: the raw bytes of each header
/// line, each header's decoded value, each text part decoded. The
/// attachments are returned apart.
fn read_eml(eml: &[u8]) -> (Vec<Place>, Vec<Vec<u8>>) {
    let msg = MessageParser::default().parse(eml).expect("a MIME message");
    let mut places = Vec::new();
    let mut attachments = Vec::new();
    for (i, part) in msg.parts.iter().enumerate() {
        let mut texts = Vec::new();
        for h in &part.headers {
            texts.push(h.name.as_str().to_owned());
            header_texts(&h.value, &mut texts);
        }
        places.push((format!("part {i} headers"), texts.join("\n").into_bytes()));
        match &part.body {
            PartType::Text(t) | PartType::Html(t) => {
                places.push((format!("part {i} text"), t.as_bytes().to_vec()));
            }
            PartType::Binary(b) | PartType::InlineBinary(b) => attachments.push(b.to_vec()),
            _ => {}
        }
    }
    let subject = msg.subject().expect("a subject").to_owned();
    places.push(("Subject".into(), subject.into_bytes()));
    (places, attachments)
}

#[test]
fn no_personal_data_or_password_outside_the_ciphertext() {
    let registry = common::test_registry();
    for (input, password) in people() {
        let secrets = secrets(&input, password, &registry);
        assert!(secrets.len() >= 6, "{secrets:?}");
        for format in [Format::SevenZ, Format::Zip] {
            let s = seal_referral(
                &json::parse(&input.to_string()).unwrap(),
                &registry,
                &SealOptions {
                    password,
                    format,
                    today: today(),
                    reference: None,
                },
            )
            .unwrap_or_else(|e| panic!("{format:?}: {:?}", e.code));
            let (mut places, attachments) = read_eml(&s.eml);
            assert_eq!(
                attachments,
                std::slice::from_ref(&s.archive),
                "the attachment is the archive"
            );
            assert!(
                places.iter().any(|(w, t)| w.ends_with("text")
                    && String::from_utf8_lossy(t).contains(&s.reference)),
                "the text part was decoded"
            );
            let mailto = s.mailto.as_bytes().to_vec();
            let decoded: Vec<u8> = percent_encoding::percent_decode(&mailto).collect();
            assert!(String::from_utf8_lossy(&decoded).contains(&s.reference));
            places.extend([
                ("archive name".into(), s.archive_name.clone().into_bytes()),
                (".eml name".into(), s.eml_name.clone().into_bytes()),
                (".eml as written".into(), s.eml.clone()),
                ("mailto".into(), mailto),
                ("mailto, percent-decoded".into(), decoded),
                ("recipient".into(), s.recipient.clone().into_bytes()),
                ("reference".into(), s.reference.clone().into_bytes()),
            ]);
            let mut hits = Vec::new();
            for secret in &secrets {
                for (spelling, bytes) in spellings(secret) {
                    for (place, hay) in &places {
                        if contains(hay, &bytes) {
                            hits.push(format!("{place}: {secret:?} ({spelling})"));
                        }
                    }
                }
            }
            assert_eq!(hits, Vec::<String>::new(), "{format:?}");

            // And the data is inside: the archive opens to it (a test that
            // sealed nothing would pass the search above).
            let opened = archive::open(&s.archive, password, format).unwrap();
            let family = input["client"]["familyName"].as_str().unwrap();
            let family: String = family.nfc().collect();
            assert!(
                opened.iter().any(|f| contains(&f.bytes, family.as_bytes())),
                "{format:?}: the family name is sealed inside"
            );
        }
    }
}

/// The search finds what it looks for where it is: a family name in NFD,
/// UTF-16BE; a name in an RFC 2047 word of a Subject; a quoted-printable
/// text part; a percent-encoded mailto.
#[test]
fn the_search_finds_each_spelling_where_it_is() {
    let name = "Nguyễn";
    let nfd: String = name.nfd().collect();
    let hay: Vec<u8> = nfd.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let found: Vec<String> = spellings(name)
        .into_iter()
        .filter(|(_, b)| contains(&hay, b))
        .map(|(s, _)| s)
        .collect();
    assert_eq!(found, ["NFD UTF-16BE"]);

    let eml = concat!(
        "Subject: =?UTF-8?Q?Doorverwijzing_Nguy=E1=BB=85n?=\r\n",
        "MIME-Version: 1.0\r\n",
        "Content-Type: text/plain; charset=utf-8\r\n",
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n",
        "Cli=C3=ABnt: Marie-=C3=89vang=C3=A9line\r\n"
    );
    let (places, _) = read_eml(eml.as_bytes());
    let all: Vec<u8> = places.into_iter().flat_map(|(_, b)| b).collect();
    assert!(contains(&all, name.as_bytes()));
    assert!(contains(&all, "Marie-Évangéline".as_bytes()));

    let link = "mailto:a@example.com?subject=Nguy%E1%BB%85n";
    let decoded: Vec<u8> = percent_encoding::percent_decode(link.as_bytes()).collect();
    assert!(contains(&decoded, name.as_bytes()));
}
