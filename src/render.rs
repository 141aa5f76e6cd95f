//! A validated referral → the documents inside the archive.
//!
//! Three files whose names carry only the neutral reference, so nothing in
//! the (unencrypted) ZIP directory says who is referred, and two referrals
//! extracted into one folder never collide
//! ([`reference::entry_names`](crate::reference::entry_names)):
//!
//! * `doorverwijzing-<REF>.txt`: Dutch, for people; UTF-8 with a byte order
//!   mark and CRLF line ends, so Windows Notepad shows the diacritics and lines;
//! * `doorverwijzing-<REF>.json`: the same facts for machines (schema
//!   `referral-seal/referral/v1`, camelCase, fixed key order, pretty printed);
//! * `contact-<REF>.vcf`: a vCard 3.0 of the client that Outlook imports.
//!
//! Every document names the same sending team: the referrer's, which the
//! team rule ([`crate::referral::validate`]) makes one of the protocol's.
//!
//! Rendering is deterministic: the same referral, protocol and [`Meta`] give
//! the same bytes. Buffers are [`Zeroizing`] and wiped when dropped.

use crate::date::Date;
use crate::json::{self, Value};
use crate::protocols::Protocol;
use crate::reference;
use crate::referral::Referral;
use std::fmt::Write as _;
use zeroize::Zeroizing;

/// Schema identifier of `doorverwijzing.json`.
pub const REFERRAL_SCHEMA: &str = "referral-seal/referral/v1";

/// What the renderer needs besides the referral: the neutral reference and
/// the day of the referral.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    /// Neutral reference, e.g. `K7F3QX`.
    pub reference: String,
    /// Day of the referral (`today`).
    pub date: Date,
}

/// The files that go into the archive, in a fixed order.
pub struct Documents {
    /// `doorverwijzing-<REF>.txt`, `doorverwijzing-<REF>.json`, `contact-<REF>.vcf`.
    pub files: Vec<Document>,
}

/// One file: a neutral name and its bytes (wiped on drop). No `Debug`.
pub struct Document {
    /// File name inside the archive.
    pub name: String,
    /// Content.
    pub bytes: Zeroizing<Vec<u8>>,
}

/// Renders the three documents.
pub fn render(referral: &Referral, protocol: &Protocol, meta: &Meta) -> Documents {
    let [txt, json, vcf] = reference::entry_names(&meta.reference);
    Documents {
        files: vec![
            Document {
                name: txt,
                bytes: text(referral, protocol, meta),
            },
            Document {
                name: json,
                bytes: json_file(referral, protocol, meta),
            },
            Document {
                name: vcf,
                bytes: vcard(referral, meta),
            },
        ],
    }
}

/// The content of `doorverwijzing.json` as a JSON value.
pub fn referral_json(referral: &Referral, protocol: &Protocol, meta: &Meta) -> Value {
    // The key order here is the key order in the file.
    let [client, contact, consent, referrer] = sections(referral);
    Value::object([
        ("schema", REFERRAL_SCHEMA.into()),
        ("reference", meta.reference.as_str().into()),
        ("date", meta.date.to_string().into()),
        (
            "protocol",
            Value::object([
                ("id", protocol.id.as_str().into()),
                ("reference", protocol.reference.as_str().into()),
                ("inForceFrom", protocol.in_force_from.to_string().into()),
            ]),
        ),
        (
            "ocmw",
            Value::object([
                ("name", protocol.ocmw_name.as_str().into()),
                ("kbo", protocol.ocmw_kbo.as_str().into()),
                ("mailbox", protocol.mailbox.as_str().into()),
            ]),
        ),
        client,
        contact,
        consent,
        referrer,
    ])
}

/// The normalised referral alone (`client`, `contact`, `consent`,
/// `referrer`), shaped as in `doorverwijzing.json`: what the archive will
/// hold, for the page to show before sealing.
pub fn normalised_input(referral: &Referral) -> Value {
    Value::object(sections(referral))
}

/// The referral's own values, in the input's four sections, as
/// `doorverwijzing.json` holds them.
fn sections(referral: &Referral) -> [(&'static str, Value); 4] {
    let c = &referral.contact;
    let a = c.address.as_ref();
    let r = &referral.referrer;
    [
        (
            "client",
            Value::object([
                ("givenName", referral.client.given_name.as_str().into()),
                ("familyName", referral.client.family_name.as_str().into()),
            ]),
        ),
        (
            "contact",
            Value::object([
                ("street", a.map(|a| a.street.as_str()).into()),
                ("houseNumber", a.map(|a| a.house_number.as_str()).into()),
                ("box", a.and_then(|a| a.box_number.as_deref()).into()),
                ("postalCode", c.postal_code.as_str().into()),
                ("locality", c.locality.as_str().into()),
                ("municipality", c.municipality.as_str().into()),
                ("phone", c.phone.as_ref().map(|p| p.e164()).into()),
                ("email", c.email.as_deref().into()),
            ]),
        ),
        (
            "consent",
            Value::object([
                // A valid referral has both confirmations.
                ("informed", true.into()),
                ("agreed", true.into()),
                ("date", referral.consent.date.to_string().into()),
            ]),
        ),
        (
            "referrer",
            Value::object([
                ("team", r.team.as_str().into()),
                ("name", r.name.as_str().into()),
                ("phone", r.phone.as_ref().map(|p| p.e164()).into()),
                ("email", r.email.as_deref().into()),
            ]),
        ),
    ]
}

/// Street, number and box on one line: `Kerkstraat 12 bus B`.
fn street_line(referral: &Referral) -> Option<String> {
    let a = referral.contact.address.as_ref()?;
    let mut line = format!("{} {}", a.street, a.house_number);
    if let Some(b) = &a.box_number {
        line.push_str(" bus ");
        line.push_str(b);
    }
    Some(line)
}

/// `8940 Geluwe (gemeente Wervik)`, or `8820 Torhout` when the locality is
/// the municipality.
fn place_line(referral: &Referral) -> String {
    let c = &referral.contact;
    if c.locality == c.municipality {
        format!("{} {}", c.postal_code, c.locality)
    } else {
        format!(
            "{} {} (gemeente {})",
            c.postal_code, c.locality, c.municipality
        )
    }
}

// ---------------------------------------------------------------------------
// doorverwijzing.txt

/// Width at which paragraphs are wrapped (Notepad shows long lines unwrapped).
const TEXT_WIDTH: usize = 76;
/// Column where values start after a label.
const LABEL_WIDTH: usize = 14;

/// Builds the Dutch text with `\n` line ends; [`notepad_bytes`] turns it into
/// BOM + CRLF.
fn text(referral: &Referral, protocol: &Protocol, meta: &Meta) -> Zeroizing<Vec<u8>> {
    let mut t = Zeroizing::new(String::with_capacity(4096));
    let s = &mut *t;
    let c = &referral.contact;
    let r = &referral.referrer;

    heading(s, "DOORVERWIJZING NAAR HET OCMW");
    field(s, "Referentie", &meta.reference);
    field(
        s,
        "Datum",
        &format!("{} ({})", meta.date.dutch(), meta.date),
    );
    s.push('\n');

    field(s, "Van", &format!("{} (Opgroeien regie)", clean(&r.team)));
    field(s, "", &clean(&r.name));
    if let Some(p) = &r.phone {
        field(s, "", &format!("Telefoon: {}", p.readable()));
    }
    if let Some(e) = &r.email {
        field(s, "", &format!("E-mail: {}", clean(e)));
    }
    field(
        s,
        "Aan",
        &format!("{} (KBO {})", protocol.ocmw_name, protocol.ocmw_kbo),
    );
    field(s, "", &protocol.mailbox);
    s.push('\n');

    heading(s, "RECHTSGROND");
    paragraph(
        s,
        &format!(
            "Artikel 10/1 van het decreet van 30 april 2004 tot oprichting van het intern \
             verzelfstandigd agentschap met rechtspersoonlijkheid Opgroeien regie, en het \
             protocol: {}, in werking sinds {}.",
            protocol.reference,
            protocol.in_force_from.dutch()
        ),
    );

    heading(s, "GEGEVENS VAN DE CLIËNT");
    field(s, "Voornaam", &clean(&referral.client.given_name));
    field(s, "Familienaam", &clean(&referral.client.family_name));
    match street_line(referral) {
        Some(line) => {
            field(s, "Adres", &clean(&line));
            field(s, "", &clean(&place_line(referral)));
        }
        None => {
            field(s, "Adres", "niet opgegeven");
            field(s, "Woonplaats", &clean(&place_line(referral)));
        }
    }
    let phone = c.phone.as_ref().map(|p| p.readable());
    field(s, "Telefoon", phone.as_deref().unwrap_or("niet opgegeven"));
    field(
        s,
        "E-mail",
        &clean(c.email.as_deref().unwrap_or("niet opgegeven")),
    );
    s.push('\n');

    heading(s, "TOESTEMMING");
    paragraph(
        s,
        &format!(
            "De cliënt werd geïnformeerd over deze doorverwijzing en gaf op {} uitdrukkelijk \
             toestemming om deze gegevens te delen met een maatschappelijk werker van het OCMW \
             van de woonplaats.",
            referral.consent.date.dutch()
        ),
    );

    heading(s, "BEWAARTERMIJN");
    paragraph(s, &protocol.retention);

    heading(s, "KWALITEIT VAN DE GEGEVENS");
    paragraph(
        s,
        &format!(
            "Stelt het OCMW vast dat een gegeven fout, onnauwkeurig, onvolledig, verouderd of \
             overtollig is, dan meldt het dat onmiddellijk aan Opgroeien regie (artikel 7 van \
             het protocol). Verwijs daarbij naar referentie {}; zet geen persoonsgegevens in \
             het onderwerp van een e-mail.",
            meta.reference
        ),
    );
    // One line end after the last paragraph, not a blank line.
    t.pop();
    notepad_bytes(&t)
}

/// Replaces control characters (never present in validated values) by spaces,
/// so a value cannot break the layout.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn heading(s: &mut String, title: &str) {
    s.push_str(title);
    s.push('\n');
    s.extend(std::iter::repeat_n('=', title.chars().count()));
    s.push('\n');
}

/// `Label:       value` with the value in a fixed column.
fn field(s: &mut String, label: &str, value: &str) {
    let head = if label.is_empty() {
        String::new()
    } else {
        format!("{label}:")
    };
    let _ = write!(s, "{head:<LABEL_WIDTH$}{value}");
    s.push('\n');
}

/// A paragraph wrapped at [`TEXT_WIDTH`] characters, then a blank line.
fn paragraph(s: &mut String, text: &str) {
    let mut col = 0;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if col > 0 && col + 1 + w > TEXT_WIDTH {
            s.push('\n');
            col = 0;
        } else if col > 0 {
            s.push(' ');
            col += 1;
        }
        s.push_str(word);
        col += w;
    }
    s.push_str("\n\n");
}

/// UTF-8 with BOM and CRLF line ends, for Windows Notepad.
fn notepad_bytes(text: &str) -> Zeroizing<Vec<u8>> {
    let newlines = text.bytes().filter(|b| *b == b'\n').count();
    let mut out = Zeroizing::new(Vec::with_capacity(3 + text.len() + newlines));
    out.extend_from_slice(b"\xEF\xBB\xBF");
    for b in text.bytes() {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

// ---------------------------------------------------------------------------
// doorverwijzing.json

fn json_file(referral: &Referral, protocol: &Protocol, meta: &Meta) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(2048));
    json::write_pretty(&referral_json(referral, protocol, meta), &mut out);
    out.push(b'\n');
    out
}

// ---------------------------------------------------------------------------
// contact.vcf

/// Longest physical vCard line in octets, without the CRLF (RFC 2426 § 2.6).
const VCARD_LINE_OCTETS: usize = 75;

fn vcard(referral: &Referral, meta: &Meta) -> Zeroizing<Vec<u8>> {
    let client = &referral.client;
    let c = &referral.contact;
    let a = c.address.as_ref();
    let mut out = Zeroizing::new(Vec::with_capacity(1024));
    // CHARSET=UTF-8 is not part of vCard 3.0, but Outlook for Windows reads
    // the file in the ANSI code page without it; other readers ignore it.
    let street = street_line(referral).unwrap_or_default();
    let lines: Vec<Zeroizing<String>> = [
        Some("BEGIN:VCARD".to_owned()),
        Some("VERSION:3.0".to_owned()),
        Some(format!(
            "N;CHARSET=UTF-8:{};{};;;",
            vcard_escape(&client.family_name),
            vcard_escape(&client.given_name)
        )),
        Some(format!(
            "FN;CHARSET=UTF-8:{}",
            vcard_escape(&format!("{} {}", client.given_name, client.family_name))
        )),
        Some(format!(
            "ADR;TYPE=HOME;CHARSET=UTF-8:;;{};{};;{};{}",
            vcard_escape(if a.is_some() { &street } else { "" }),
            vcard_escape(&c.locality),
            vcard_escape(&c.postal_code),
            "België"
        )),
        c.phone.as_ref().map(|p| {
            let kind = if p.is_mobile() { "CELL" } else { "HOME,VOICE" };
            format!("TEL;TYPE={kind}:{}", vcard_escape(p.e164()))
        }),
        c.email
            .as_ref()
            .map(|e| format!("EMAIL;TYPE=INTERNET:{}", vcard_escape(e))),
        Some(format!(
            "NOTE;CHARSET=UTF-8:{}",
            vcard_escape(&format!(
                "Doorverwijzing van {} (Opgroeien regie) - referentie {}",
                referral.referrer.team, meta.reference
            ))
        )),
        Some("END:VCARD".to_owned()),
    ]
    .into_iter()
    .flatten()
    .map(Zeroizing::new)
    .collect();
    for line in &lines {
        fold_into(&mut out, line);
    }
    out
}

/// Escapes a text value for vCard 3.0 (RFC 2426 § 5; RFC 6350 § 3.4):
/// backslash, comma, semicolon and line breaks.
pub(crate) fn vcard_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                // CRLF and a lone CR are both one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` + CRLF, folded so no physical line exceeds
/// [`VCARD_LINE_OCTETS`] octets: a continuation starts with one space (which
/// counts). Never splits a UTF-8 sequence nor a backslash escape.
pub(crate) fn fold_into(out: &mut Vec<u8>, line: &str) {
    let mut used = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        if c == '\\' {
            if let Some((j, d)) = chars.next() {
                end = j + d.len_utf8();
            }
        }
        let unit = &line.as_bytes()[i..end];
        if used + unit.len() > VCARD_LINE_OCTETS {
            out.extend_from_slice(b"\r\n ");
            used = 1;
        }
        out.extend_from_slice(unit);
        used += unit.len();
    }
    out.extend_from_slice(b"\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::fixture;
    use crate::referral::{Address, Client, Consent, Contact, Referrer};
    use serde_json::Value;
    use unicode_normalization::UnicodeNormalization;

    /// A value of ours as serde_json's, through its JSON text.
    fn theirs(v: &json::Value) -> Value {
        serde_json::from_str(&json::to_string(v)).unwrap()
    }

    fn day(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn phone(s: &str) -> crate::validate::phone::Phone {
        crate::validate::phone::Phone::parse(s).unwrap()
    }

    const TXT: &str = "doorverwijzing-K7F3QXWM.txt";
    const JSON: &str = "doorverwijzing-K7F3QXWM.json";
    const VCF: &str = "contact-K7F3QXWM.vcf";

    fn meta() -> Meta {
        Meta {
            reference: "K7F3QXWM".to_owned(),
            date: day("2026-11-24"),
        }
    }

    /// The test registry's protocol for 8940 Wervik.
    fn wervik() -> Protocol {
        fixture::registry().protocols[0].clone()
    }

    /// A text field of the test registry's protocol `i`, read by serde_json.
    fn fact(i: usize, pointer: &str) -> String {
        let v = fixture::value();
        let at = format!("/protocols/{i}{pointer}");
        v.pointer(&at).and_then(Value::as_str).unwrap().to_owned()
    }

    /// An invented client in Geluwe (municipality Wervik), full contact details.
    fn celik() -> Referral {
        Referral {
            client: Client {
                given_name: "Ayşe Nur".to_owned(),
                family_name: "Çelik-Yılmaz".to_owned(),
            },
            contact: Contact {
                address: Some(Address {
                    street: "Sint-Dionysiusplein".to_owned(),
                    house_number: "12-14".to_owned(),
                    box_number: Some("B".to_owned()),
                }),
                postal_code: "8940".to_owned(),
                locality: "Geluwe".to_owned(),
                municipality: "Wervik".to_owned(),
                phone: Some(phone("+32470123456")),
                email: Some("ayse.celik@example.com".to_owned()),
            },
            consent: Consent {
                date: day("2026-11-20"),
            },
            referrer: Referrer {
                team: "Lokaal team Kind en Gezin Menen".to_owned(),
                name: "Anneleen D’Hondt".to_owned(),
                phone: Some(phone("+3256311234")),
                email: Some("anneleen.dhondt@example.com".to_owned()),
            },
        }
    }

    /// An invented client in Wervik, phone only, decomposed Vietnamese name.
    fn nguyen() -> Referral {
        Referral {
            client: Client {
                given_name: "Thị Thu Hằng".nfd().collect(),
                family_name: "Nguyễn".nfd().collect(),
            },
            contact: Contact {
                address: None,
                postal_code: "8940".to_owned(),
                locality: "Wervik".to_owned(),
                municipality: "Wervik".to_owned(),
                phone: Some(phone("+33612345678")),
                email: None,
            },
            consent: Consent {
                date: day("2026-11-24"),
            },
            referrer: Referrer {
                team: "Lokaal team Kind en Gezin Menen".to_owned(),
                name: "Jan Van den Broeck".to_owned(),
                phone: None,
                email: None,
            },
        }
    }

    fn file<'d>(docs: &'d Documents, name: &str) -> &'d [u8] {
        &docs.files.iter().find(|f| f.name == name).unwrap().bytes
    }

    #[test]
    fn file_names_carry_the_reference_only() {
        let docs = render(&celik(), &wervik(), &meta());
        let names: Vec<&str> = docs.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, [TXT, JSON, VCF]);
    }

    #[test]
    fn rendering_is_deterministic() {
        for referral in [celik(), nguyen()] {
            let a = render(&referral, &wervik(), &meta());
            let b = render(&referral, &wervik(), &meta());
            for (x, y) in a.files.iter().zip(&b.files) {
                assert_eq!(*x.bytes, *y.bytes, "{}", x.name);
            }
        }
    }

    #[test]
    fn text_is_notepad_friendly_with_names_intact() {
        for (referral, must_contain) in [
            (
                celik(),
                vec![
                    "Ayşe Nur",
                    "Çelik-Yılmaz",
                    "Sint-Dionysiusplein 12-14 bus B",
                    "8940 Geluwe (gemeente Wervik)",
                    "0470 12 34 56 (+32470123456)",
                    "ayse.celik@example.com",
                    "Anneleen D’Hondt",
                    "056 31 12 34 (+3256311234)",
                    "20 november 2026",
                ],
            ),
            (
                nguyen(),
                vec![
                    "Adres:        niet opgegeven",
                    "Woonplaats:   8940 Wervik\r\n",
                    "Telefoon:     +33 6 12 34 56 78\r\n",
                    "E-mail:       niet opgegeven",
                ],
            ),
        ] {
            let docs = render(&referral, &wervik(), &meta());
            let bytes = file(&docs, TXT);
            assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "BOM");
            for (i, b) in bytes.iter().enumerate() {
                if *b == b'\n' {
                    assert_eq!(bytes[i - 1], b'\r', "LF without CR at {i}");
                }
                if *b == b'\r' {
                    assert_eq!(bytes.get(i + 1), Some(&b'\n'), "CR without LF at {i}");
                }
            }
            let text = std::str::from_utf8(&bytes[3..]).unwrap();
            // Names byte for byte as in the referral (also decomposed forms).
            assert!(text.contains(&referral.client.given_name));
            assert!(text.contains(&referral.client.family_name));
            // Paragraphs are wrapped: look for prose with line breaks as spaces.
            let flat = text.replace("\r\n", " ");
            for s in must_contain {
                assert!(text.contains(s) || flat.contains(s), "missing {s:?}");
            }
            for s in [
                "Referentie:   K7F3QXWM".to_owned(),
                "24 november 2026 (2026-11-24)".to_owned(),
                format!("{} (Opgroeien regie)", fact(0, "/referringTeams/0")),
                format!("{} (KBO {})", fact(0, "/ocmw/name"), fact(0, "/ocmw/kbo")),
                fact(0, "/mailbox"),
                "Artikel 10/1 van het decreet van 30 april 2004".to_owned(),
                // The fixture's inForceFrom, 2023-12-01, in Dutch.
                "in werking sinds 1 december 2023".to_owned(),
                "geïnformeerd".to_owned(),
                fact(0, "/retention"),
                "artikel 7".to_owned(),
            ] {
                assert!(flat.contains(&s), "missing {s:?}");
            }
        }
    }

    #[test]
    fn text_names_the_torhout_protocol() {
        let torhout = fixture::registry().protocols[1].clone();
        let mut referral = nguyen();
        referral.contact.postal_code = "8820".to_owned();
        referral.contact.locality = "Torhout".to_owned();
        referral.contact.municipality = "Torhout".to_owned();
        let docs = render(&referral, &torhout, &meta());
        let text = String::from_utf8(file(&docs, TXT)[3..].to_vec()).unwrap();
        let flat = text.replace("\r\n", " ");
        for s in [
            format!("{} (KBO {})", fact(1, "/ocmw/name"), fact(1, "/ocmw/kbo")),
            fact(1, "/mailbox"),
            // The fixture's inForceFrom, 2024-04-18, in Dutch.
            "18 april 2024".to_owned(),
            fact(1, "/retention"),
        ] {
            assert!(flat.contains(&s), "missing {s:?}");
        }
    }

    #[test]
    fn json_file_has_schema_and_normalised_values() {
        let referral = celik();
        let docs = render(&referral, &wervik(), &meta());
        let bytes = file(&docs, JSON);
        let v: Value = serde_json::from_slice(bytes).unwrap();
        assert_eq!(v, theirs(&referral_json(&referral, &wervik(), &meta())));
        assert_eq!(v["schema"], "referral-seal/referral/v1");
        assert_eq!(v["reference"], "K7F3QXWM");
        assert_eq!(v["date"], "2026-11-24");
        assert_eq!(v["protocol"]["id"], fact(0, "/id"));
        assert_eq!(v["ocmw"]["mailbox"], fact(0, "/mailbox"));
        assert_eq!(v["client"]["familyName"], "Çelik-Yılmaz");
        assert_eq!(v["contact"]["box"], "B");
        assert_eq!(v["contact"]["locality"], "Geluwe");
        assert_eq!(v["contact"]["municipality"], "Wervik");
        assert_eq!(v["contact"]["phone"], "+32470123456");
        assert_eq!(
            v["consent"],
            serde_json::json!({"informed": true, "agreed": true, "date": "2026-11-20"})
        );
        assert_eq!(v["referrer"]["name"], "Anneleen D’Hondt");
        // Fixed key order in the file: as declared, schema first.
        let text = std::str::from_utf8(bytes).unwrap();
        let order = [
            "\"schema\"",
            "\"reference\"",
            "\"date\"",
            "\"protocol\"",
            "\"ocmw\"",
            "\"client\"",
            "\"contact\"",
            "\"consent\"",
            "\"referrer\"",
        ];
        let positions: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert!(text.contains("\n  \"schema\""), "pretty printed");

        let v = theirs(&referral_json(&nguyen(), &wervik(), &meta()));
        assert_eq!(v["contact"]["street"], Value::Null);
        assert_eq!(v["contact"]["email"], Value::Null);
        assert_eq!(v["referrer"]["phone"], Value::Null);
        assert_eq!(
            v["client"]["familyName"].as_str().unwrap(),
            "Nguyễn".nfd().collect::<String>()
        );
    }

    /// RFC 2426 § 2.6 unfolding: a CRLF followed by one space or tab vanishes.
    fn unfold(vcf: &str) -> Vec<String> {
        vcf.replace("\r\n ", "")
            .replace("\r\n\t", "")
            .split("\r\n")
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn vcard_content_and_line_ends() {
        let docs = render(&celik(), &wervik(), &meta());
        let bytes = file(&docs, VCF);
        let vcf = std::str::from_utf8(bytes).unwrap();
        assert!(vcf.ends_with("END:VCARD\r\n"));
        assert!(!vcf.replace("\r\n", "").contains('\n'));
        let lines = unfold(vcf);
        let want = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "N;CHARSET=UTF-8:Çelik-Yılmaz;Ayşe Nur;;;",
            "FN;CHARSET=UTF-8:Ayşe Nur Çelik-Yılmaz",
            "ADR;TYPE=HOME;CHARSET=UTF-8:;;Sint-Dionysiusplein 12-14 bus B;Geluwe;;8940;België",
            "TEL;TYPE=CELL:+32470123456",
            "EMAIL;TYPE=INTERNET:ayse.celik@example.com",
            "NOTE;CHARSET=UTF-8:Doorverwijzing van Lokaal team Kind en Gezin Menen (Opgroeien regie) - referentie K7F3QXWM",
            "END:VCARD",
            "",
        ];
        assert_eq!(lines, want);

        let docs = render(&nguyen(), &wervik(), &meta());
        let lines = unfold(std::str::from_utf8(file(&docs, VCF)).unwrap());
        assert!(lines.contains(&"ADR;TYPE=HOME;CHARSET=UTF-8:;;;Wervik;;8940;België".to_owned()));
        assert!(lines.contains(&"TEL;TYPE=CELL:+33612345678".to_owned()));
        assert!(!lines.iter().any(|l| l.starts_with("EMAIL")));
        // The referrer is not the contact.
        assert!(!lines.iter().any(|l| l.contains("Van den Broeck")));
    }

    #[test]
    fn vcard_escaping() {
        let table = [
            ("D'Hondt", "D'Hondt"),
            ("N’Diaye", "N’Diaye"),
            ("Smet, Jr.", "Smet\\, Jr."),
            ("a;b", "a\\;b"),
            ("back\\slash", "back\\\\slash"),
            ("two\nlines", "two\\nlines"),
            ("crlf\r\nline", "crlf\\nline"),
            ("cr\rline", "cr\\nline"),
            ("tab\there", "tab here"),
        ];
        for (raw, escaped) in table {
            assert_eq!(vcard_escape(raw), escaped, "{raw:?}");
        }
        // Through the renderer: N's structure survives hostile characters.
        let mut referral = celik();
        referral.client.family_name = "Van den Broeck; Smet, \\x".to_owned();
        let docs = render(&referral, &wervik(), &meta());
        let lines = unfold(std::str::from_utf8(file(&docs, VCF)).unwrap());
        assert!(
            lines.contains(
                &"N;CHARSET=UTF-8:Van den Broeck\\; Smet\\, \\\\x;Ayşe Nur;;;".to_owned()
            ),
            "{lines:?}"
        );
    }

    #[test]
    fn vcard_folding_keeps_utf8_and_escapes_whole() {
        let long_given: String = "Hằng Ngọc Ánh Thị Thu Phương "
            .repeat(4)
            .trim_end()
            .nfd()
            .collect();
        let long_family =
            "Van den Broeck-Çelik-Yılmaz, de Saint-Exupéry; N’Diaye\\D'Hondt".repeat(2);
        let mut referral = celik();
        referral.client.given_name = long_given.clone();
        referral.client.family_name = long_family.clone();
        let docs = render(&referral, &wervik(), &meta());
        let bytes = file(&docs, VCF);
        for line in bytes.split(|b| *b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            assert!(line.len() <= 75, "{} octets", line.len());
            // Each physical line is valid UTF-8 on its own.
            let s = std::str::from_utf8(line).unwrap();
            // A fold never leaves an escape backslash dangling at a line end.
            let trailing = s.chars().rev().take_while(|c| *c == '\\').count();
            assert_eq!(trailing % 2, 0, "{s:?}");
        }
        let lines = unfold(std::str::from_utf8(bytes).unwrap());
        let want_n = format!(
            "N;CHARSET=UTF-8:{};{};;;",
            vcard_escape(&long_family),
            vcard_escape(&long_given)
        );
        assert!(lines.contains(&want_n));
        // Folding happened.
        assert!(bytes.windows(3).any(|w| w == b"\r\n "));
    }

    #[test]
    fn paragraphs_wrap_at_76_characters() {
        let mut s = String::new();
        let words = "Çelik-Yılmaz woont in de deelgemeente Geluwe van Wervik ".repeat(6);
        paragraph(&mut s, &words);
        assert!(s.ends_with("\n\n"));
        let lines: Vec<&str> = s.trim_end().split('\n').collect();
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(l.chars().count() <= 76, "{l}");
        }
        // Nothing lost or added but the line breaks.
        assert_eq!(lines.join(" "), words.trim_end());
    }

    #[test]
    fn vcard_types_mobiles_of_the_neighbours_as_cell() {
        let table = [
            ("+32470123456", "CELL"),
            ("+31612345678", "CELL"),
            ("+33712345678", "CELL"),
            ("+4915123456789", "CELL"),
            ("+352621123456", "CELL"),
            ("+3256311234", "HOME,VOICE"),
            ("+31201234567", "HOME,VOICE"),
            ("+33123456789", "HOME,VOICE"),
            ("+442079460000", "HOME,VOICE"),
        ];
        for (e164, kind) in table {
            let mut referral = celik();
            referral.contact.phone = Some(phone(e164));
            let docs = render(&referral, &wervik(), &meta());
            let lines = unfold(std::str::from_utf8(file(&docs, VCF)).unwrap());
            let want = format!("TEL;TYPE={kind}:{e164}");
            assert!(lines.contains(&want), "{e164}: {lines:?}");
        }
    }

    #[test]
    fn text_groups_neighbours_numbers() {
        let table = [
            ("+31612345678", "+31 6 12 34 56 78"),
            ("+31201234567", "+31 20 123 4567"),
            ("+33612345678", "+33 6 12 34 56 78"),
            ("+4915123456789", "+49 151 23456789"),
            ("+352621123456", "+352 621 123 456"),
            ("+442079460000", "+442079460000"),
        ];
        for (e164, shown) in table {
            let mut referral = celik();
            referral.contact.phone = Some(phone(e164));
            let docs = render(&referral, &wervik(), &meta());
            let text = std::str::from_utf8(&file(&docs, TXT)[3..])
                .unwrap()
                .to_owned();
            let want = format!("Telefoon:     {shown}\r\n");
            assert!(text.contains(&want), "{e164}: {text}");
        }
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Folding any escaped value keeps every physical line within 75
        /// octets and valid UTF-8, and unfolding gives the line back.
        #[test]
        fn fold_unfold_round_trip(value in "\\PC{0,200}") {
            let line = format!("NOTE:{}", vcard_escape(&value));
            let mut out = Vec::new();
            fold_into(&mut out, &line);
            for physical in out.split(|b| *b == b'\n') {
                let physical = physical.strip_suffix(b"\r").unwrap_or(physical);
                prop_assert!(physical.len() <= VCARD_LINE_OCTETS);
                prop_assert!(std::str::from_utf8(physical).is_ok());
            }
            let text = String::from_utf8(out).unwrap();
            prop_assert_eq!(text.replace("\r\n ", ""), format!("{line}\r\n"));
        }
    }
}
