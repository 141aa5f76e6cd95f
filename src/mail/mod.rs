//! The `.eml` draft and the `mailto:` link that hand the archive to the mail client.
//!
//! Both carry only the protocol's facts (OCMW, mailbox, protocol
//! reference), the sending team (the referrer's, one of the protocol's
//! teams), the neutral referral reference and the archive's neutral name.
//! The functions here cannot even receive the client's data or the
//! password: their parameters are a [`Protocol`], a team name, a
//! reference, a date, a file name, a MIME type and the (encrypted)
//! archive bytes.
//!
//! The draft is RFC 5322 / MIME with CRLF line ends and 7-bit content:
//! `X-Unsent: 1` makes Outlook open it as an editable draft; there is no
//! `From:` (Outlook fills in the sender) and no `Date:` (set when sent).
//!
//! The encoders these drafts need (quoted-printable, RFC 2047 encoded words,
//! base64 lines, percent-encoding) live in `encode.rs`.

mod encode;

use crate::date::Date;
use crate::protocols::Protocol;
use crate::reference;
use encode::{
    base64_lines, encode_header_text, percent_encode, quoted_printable, MAILTO_ADDRESS,
    MAILTO_VALUE,
};

/// The subject: neutral Dutch with the reference only.
fn subject(reference: &str) -> String {
    format!("Doorverwijzing Kind en Gezin – referentie {reference}")
}

/// How the OCMW opens the archive, in Dutch, the same words in the mail,
/// the `mailto:` body and the page's result (`openWith` of `sealReferral`).
/// `zip` for the WinZip-AES `.zip`, otherwise the `.7z`.
pub fn opening_advice(zip: bool) -> &'static str {
    if zip {
        "Open het zip-bestand met 7-Zip (gratis, https://www.7-zip.org) of een ander programma \
         dat met AES-256 versleutelde zip-bestanden opent. Windows Verkenner toont wel de \
         bestandsnamen, maar kan de inhoud niet openen."
    } else {
        "Open het archief met 7-Zip (gratis, https://www.7-zip.org). Windows Verkenner kan \
         dit archief niet openen: het is versleuteld met AES-256."
    }
}

/// Whether the archive is the `.zip` option, from its MIME type.
fn is_zip(mime_type: &str) -> bool {
    mime_type.eq_ignore_ascii_case("application/zip")
}

/// Builds the `.eml` draft: addressed to the protocol's mailbox, with a plain
/// Dutch explanation and the archive as a base64 attachment, sent and
/// signed by `team` (the referrer's team, one of the protocol's).
///
/// Deterministic: the MIME boundary derives from the reference. Header
/// values are sanitised, so no parameter can inject a header.
pub fn eml(
    protocol: &Protocol,
    team: &str,
    reference: &str,
    date: Date,
    archive_name: &str,
    mime_type: &str,
    archive: &[u8],
) -> Vec<u8> {
    let reference = clean_reference(reference);
    let name = clean_file_name(archive_name);
    let mime = clean_mime_type(mime_type);
    let boundary = format!("=_referral-seal_{reference}");
    let body = body_text(protocol, team, &reference, date, &name, is_zip(&mime));

    let mut out = String::with_capacity(archive.len() * 4 / 3 + 4096);
    out.push_str(&format!("To: {}\r\n", header_safe(&protocol.mailbox)));
    out.push_str(&format!(
        "Subject: {}\r\n",
        encode_header_text(&subject(&reference), "Subject: ".len())
    ));
    out.push_str("X-Unsent: 1\r\n");
    out.push_str("MIME-Version: 1.0\r\n");
    out.push_str(&format!(
        "Content-Type: multipart/mixed;\r\n boundary=\"{boundary}\"\r\n"
    ));
    out.push_str("\r\n");
    out.push_str("This is a multi-part message in MIME format.\r\n");

    out.push_str(&format!("\r\n--{boundary}\r\n"));
    out.push_str("Content-Type: text/plain; charset=utf-8\r\n");
    out.push_str("Content-Transfer-Encoding: quoted-printable\r\n");
    out.push_str("\r\n");
    out.push_str(&quoted_printable(&body));

    out.push_str(&format!("\r\n--{boundary}\r\n"));
    // Parameters on a folded line keep header lines short (RFC 5322 § 2.1.1).
    out.push_str(&format!("Content-Type: {mime};\r\n name=\"{name}\"\r\n"));
    out.push_str("Content-Transfer-Encoding: base64\r\n");
    out.push_str(&format!(
        "Content-Disposition: attachment;\r\n filename=\"{name}\"\r\n"
    ));
    out.push_str("\r\n");
    base64_lines(&mut out, archive);

    out.push_str(&format!("\r\n--{boundary}--\r\n"));
    out.into_bytes()
}

/// A `mailto:` link to the protocol's mailbox with the neutral subject and a
/// short body reminding the sender to attach the downloaded archive
/// (RFC 6068, UTF-8 percent-encoded).
pub fn mailto(protocol: &Protocol, team: &str, reference: &str, archive_name: &str) -> String {
    let reference = clean_reference(reference);
    let name = clean_file_name(archive_name);
    let advice = opening_advice(name.to_ascii_lowercase().ends_with(".zip"));
    let team = header_safe_line(team);
    let body = format!(
        "[Voeg het gedownloade bestand {name} als bijlage toe en wis deze regel.]\r\n\
         \r\n\
         Beste maatschappelijk werker,\r\n\
         \r\n\
         In bijlage vindt u een doorverwijzing van Opgroeien regie ({team}) naar {ocmw}, referentie {reference}.\r\n\
         \r\n\
         {advice} \
         Het wachtwoord krijgt u via een ander kanaal (telefoon of sms).\r\n\
         \r\n\
         Vermeld in een antwoord enkel de referentie {reference}, geen persoonsgegevens.\r\n\
         \r\n\
         Met vriendelijke groeten,\r\n\
         {team}\r\n\
         Opgroeien regie\r\n",
        ocmw = protocol.ocmw_name,
    );
    format!(
        "mailto:{}?subject={}&body={}",
        percent_encode(&header_safe(&protocol.mailbox), MAILTO_ADDRESS),
        percent_encode(&subject(&reference), MAILTO_VALUE),
        percent_encode(&body, MAILTO_VALUE),
    )
}

/// The Dutch text of the draft, CRLF line ends, paragraphs on one line
/// (the mail client wraps them).
fn body_text(
    protocol: &Protocol,
    team: &str,
    reference: &str,
    date: Date,
    name: &str,
    zip: bool,
) -> String {
    let ocmw = &protocol.ocmw_name;
    let [txt, json, vcf] = reference::entry_names(reference);
    let lines = [
        "Beste maatschappelijk werker,".to_owned(),
        String::new(),
        format!(
            "In bijlage vindt u een doorverwijzing van Opgroeien regie ({team}) naar {ocmw}, \
             met referentie {reference}, van {}.",
            date.dutch()
        ),
        String::new(),
        format!("Zo opent u de bijlage {name}:"),
        "1. Sla de bijlage op.".to_owned(),
        format!("2. {}", opening_advice(zip)),
        "3. Geef het wachtwoord in. Dat krijgt u apart, via een ander kanaal (telefoon of \
         sms), nooit in een e-mail."
            .to_owned(),
        String::new(),
        format!(
            "In het archief zitten {txt} (om te lezen), {json} (voor software) en {vcf} (om \
             de cliënt als contactpersoon in Outlook op te nemen)."
        ),
        String::new(),
        format!(
            "Deze doorverwijzing gebeurt met toestemming van de cliënt, op basis van artikel \
             10/1 van het decreet van 30 april 2004 en van het {} (in werking sinds {}).",
            lower_first(&protocol.reference),
            protocol.in_force_from.dutch()
        ),
        String::new(),
        format!(
            "Antwoordt u op deze e-mail? Vermeld dan enkel de referentie {reference}. Neem geen \
             persoonsgegevens van de cliënt op in uw antwoord of in het onderwerp."
        ),
        String::new(),
        "Met vriendelijke groeten,".to_owned(),
        team.to_owned(),
        "Opgroeien regie".to_owned(),
    ];
    let mut text = String::new();
    for line in lines {
        text.push_str(&header_safe_line(&line));
        text.push_str("\r\n");
    }
    text
}

/// `Protocol voor …` → `protocol voor …`, to continue a sentence.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => {
            let mut buf = [0u8; 4];
            crate::unicode::lowercase(c.encode_utf8(&mut buf)) + chars.as_str()
        }
        None => String::new(),
    }
}

/// Only characters of the reference alphabets (upper-cased), at most 12.
fn clean_reference(reference: &str) -> String {
    reference::clean(reference)
}

/// A file name safe in a quoted MIME parameter: ASCII letters, digits, `.`,
/// `_` and `-`; anything else becomes `_`.
fn clean_file_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .take(100)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if clean.trim_matches(|c| c == '.' || c == '_').is_empty() {
        "doorverwijzing".to_owned()
    } else {
        clean
    }
}

/// A MIME type `type/subtype` of restricted-name characters (RFC 6838 § 4.2),
/// else `application/octet-stream`.
fn clean_mime_type(mime: &str) -> String {
    let token = |s: &str| {
        (1..=127).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
    };
    match mime.split_once('/') {
        Some((t, s)) if token(t) && token(s) => mime.to_ascii_lowercase(),
        _ => "application/octet-stream".to_owned(),
    }
}

/// Drops control characters and whitespace (a mailbox has none).
fn header_safe(value: &str) -> String {
    value
        .chars()
        .filter(|c| {
            !c.is_control() && !c.is_whitespace() && !matches!(c, '<' | '>' | ',' | ';' | '"')
        })
        .collect()
}

/// Control characters of a body line become spaces, so a value cannot add lines.
fn header_safe_line(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::fixture;
    use crate::referral::{Address, Client, Consent, Contact, Referral, Referrer};
    use crate::render::{render, Meta};
    use crate::validate::phone::Phone;
    use std::collections::BTreeMap;

    fn day(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    // ---- a small, independent MIME reader for the tests ----

    pub(super) fn b64_decode(s: &str) -> Vec<u8> {
        let val = |c: u8| -> u32 {
            match c {
                b'A'..=b'Z' => u32::from(c - b'A'),
                b'a'..=b'z' => u32::from(c - b'a') + 26,
                b'0'..=b'9' => u32::from(c - b'0') + 52,
                b'+' => 62,
                b'/' => 63,
                _ => panic!("not base64: {c}"),
            }
        };
        let clean: Vec<u8> = s.bytes().filter(|b| !b"\r\n".contains(b)).collect();
        assert_eq!(clean.len() % 4, 0);
        let mut out = Vec::new();
        for q in clean.chunks(4) {
            let pad = q.iter().filter(|b| **b == b'=').count();
            let mut n = 0u32;
            for &c in q {
                n = (n << 6) | if c == b'=' { 0 } else { val(c) };
            }
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            out.extend_from_slice(&bytes[..3 - pad]);
        }
        out
    }

    /// Quoted-printable text decoded strictly (the `quoted_printable`
    /// crate's decoder: a malformed escape fails the test).
    pub(super) fn qp_decode(s: &str) -> Vec<u8> {
        quoted_printable::decode(s, quoted_printable::ParseMode::Strict).unwrap()
    }

    /// A header value as a mail client shows it: RFC 2047 words decoded by
    /// mail-parser (or plain text).
    pub(super) fn decode_header(v: &str) -> String {
        let raw = format!("Subject: {v}\r\n\r\n");
        let message = mail_parser::MessageParser::default().parse(raw.as_bytes());
        message.unwrap().subject().unwrap().to_owned()
    }

    struct Part {
        headers: BTreeMap<String, String>,
        body: String,
    }

    /// Splits at the first empty line; unfolds and lower-cases header names.
    fn split(raw: &str) -> Part {
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let mut headers = BTreeMap::new();
        let unfolded = head.replace("\r\n ", " ");
        for line in unfolded.split("\r\n") {
            let (k, v) = line.split_once(": ").unwrap();
            assert!(
                headers
                    .insert(k.to_ascii_lowercase(), v.to_owned())
                    .is_none(),
                "duplicate {k}"
            );
        }
        Part {
            headers,
            body: body.to_owned(),
        }
    }

    fn param(header: &str, name: &str) -> String {
        let key = format!("{name}=\"");
        let start = header.find(&key).unwrap() + key.len();
        header[start..].split('"').next().unwrap().to_owned()
    }

    /// (top-level headers, parts) of a multipart/mixed message.
    fn parse(eml: &[u8]) -> (Part, Vec<Part>) {
        let raw = std::str::from_utf8(eml).unwrap();
        let top = split(raw);
        let ct = &top.headers["content-type"];
        assert!(ct.starts_with("multipart/mixed;"));
        let boundary = param(ct, "boundary");
        let close = format!("\r\n--{boundary}--\r\n");
        assert!(top.body.ends_with(&close));
        let inner = &top.body[..top.body.len() - close.len()];
        let delimiter = format!("\r\n--{boundary}\r\n");
        let mut sections = inner.split(&delimiter);
        sections.next(); // preamble
        let parts = sections.map(split).collect();
        (top, parts)
    }

    // ---- fixtures ----

    fn referrals() -> Vec<Referral> {
        vec![
            Referral {
                client: Client {
                    given_name: "Mamadou".to_owned(),
                    family_name: "N’Diaye".to_owned(),
                },
                contact: Contact {
                    address: Some(Address {
                        street: "Kruisekestraat".to_owned(),
                        house_number: "7".to_owned(),
                        box_number: None,
                    }),
                    postal_code: "8940".to_owned(),
                    locality: "Geluwe".to_owned(),
                    municipality: "Wervik".to_owned(),
                    // Not 32478653421: its eleven digits pass the national
                    // register number's mod-97 check.
                    phone: Some(Phone::parse("+32478653422").unwrap()),
                    email: Some("mamadou.ndiaye@example.com".to_owned()),
                },
                consent: Consent {
                    date: day("2026-11-20"),
                },
                referrer: Referrer {
                    team: "Lokaal team Kind en Gezin Menen".to_owned(),
                    name: "Griet Vandecasteele".to_owned(),
                    phone: Some(Phone::parse("+3256311234").unwrap()),
                    email: Some("griet.vandecasteele@example.com".to_owned()),
                },
            },
            Referral {
                client: Client {
                    given_name: "Marie-Thérèse".to_owned(),
                    family_name: "D'Hondt".to_owned(),
                },
                contact: Contact {
                    address: None,
                    postal_code: "8820".to_owned(),
                    locality: "Torhout".to_owned(),
                    municipality: "Torhout".to_owned(),
                    phone: Some(Phone::parse("+3250219876").unwrap()),
                    email: Some("mt.dhondt@example.org".to_owned()),
                },
                consent: Consent {
                    date: day("2026-11-23"),
                },
                referrer: Referrer {
                    team: "Lokaal team Kind en Gezin Westkust en Polder".to_owned(),
                    name: "Bram Verhaeghe".to_owned(),
                    phone: None,
                    email: None,
                },
            },
        ]
    }

    fn archive_bytes(len: usize) -> Vec<u8> {
        // Every byte value, in a pattern that is not periodic in 3 or 4.
        (0..len).map(|i| ((i * 7919) ^ (i >> 3)) as u8).collect()
    }

    #[test]
    fn eml_structure_and_attachment() {
        let registry = fixture::registry();
        for (protocol, len) in [
            (&registry.protocols[0], 0),
            (&registry.protocols[0], 1),
            (&registry.protocols[1], 57),
            (&registry.protocols[1], 4000),
            (&registry.protocols[0], 4001),
        ] {
            let archive = archive_bytes(len);
            let eml = eml(
                protocol,
                &protocol.referring_teams[0],
                "K7F3QX",
                day("2026-11-24"),
                "doorverwijzing-20261124-K7F3QX.7z",
                "application/x-7z-compressed",
                &archive,
            );
            assert!(eml.is_ascii(), "7-bit clean");
            for (i, b) in eml.iter().enumerate() {
                if *b == b'\n' {
                    assert_eq!(eml[i - 1], b'\r');
                }
                if *b == b'\r' {
                    assert_eq!(eml[i + 1], b'\n');
                }
            }
            let text = std::str::from_utf8(&eml).unwrap();
            assert!(text.split("\r\n").all(|l| l.len() <= 78), "line length");
            let (top, parts) = parse(&eml);
            assert_eq!(top.headers["to"], protocol.mailbox);
            assert_eq!(top.headers["x-unsent"], "1");
            assert_eq!(top.headers["mime-version"], "1.0");
            assert!(!top.headers.contains_key("from"));
            assert_eq!(
                decode_header(&top.headers["subject"]),
                "Doorverwijzing Kind en Gezin – referentie K7F3QX"
            );
            assert_eq!(parts.len(), 2);

            let body = &parts[0];
            assert_eq!(body.headers["content-type"], "text/plain; charset=utf-8");
            assert_eq!(
                body.headers["content-transfer-encoding"],
                "quoted-printable"
            );
            let body_text = String::from_utf8(qp_decode(&body.body)).unwrap();
            for s in [
                "7-Zip",
                "Windows Verkenner",
                "ander kanaal",
                "telefoon of sms",
                "K7F3QX",
                "geen persoonsgegevens",
                "cliënt",
                "10/1",
                "doorverwijzing-20261124-K7F3QX.7z",
                protocol.ocmw_name.as_str(),
                protocol.referring_teams[0].as_str(),
            ] {
                assert!(body_text.contains(s), "body misses {s:?}");
            }
            assert!(body_text.contains(&protocol.in_force_from.dutch()));

            let att = &parts[1];
            assert_eq!(
                att.headers["content-type"],
                "application/x-7z-compressed; name=\"doorverwijzing-20261124-K7F3QX.7z\""
            );
            assert_eq!(
                att.headers["content-disposition"],
                "attachment; filename=\"doorverwijzing-20261124-K7F3QX.7z\""
            );
            assert_eq!(att.headers["content-transfer-encoding"], "base64");
            assert!(att.body.split("\r\n").all(|l| l.len() <= 76));
            let lines: Vec<&str> = att.body.split("\r\n").collect();
            let full = lines.len().saturating_sub(2);
            assert!(
                lines[..full].iter().all(|l| l.len() == 76),
                "full lines but the last"
            );
            assert_eq!(b64_decode(&att.body), archive, "len {len}");
        }
    }

    #[test]
    fn eml_is_deterministic_and_boundary_follows_the_reference() {
        let p = &fixture::registry().protocols[0];
        let a = eml(
            p,
            &p.referring_teams[0],
            "K7F3QX",
            day("2026-11-24"),
            "x.zip",
            "application/zip",
            b"abc",
        );
        let b = eml(
            p,
            &p.referring_teams[0],
            "K7F3QX",
            day("2026-11-24"),
            "x.zip",
            "application/zip",
            b"abc",
        );
        assert_eq!(a, b);
        let c = eml(
            p,
            &p.referring_teams[0],
            "ACDE",
            day("2026-11-24"),
            "x.zip",
            "application/zip",
            b"abc",
        );
        let (top_a, _) = parse(&a);
        let (top_c, _) = parse(&c);
        assert_eq!(
            param(&top_a.headers["content-type"], "boundary"),
            "=_referral-seal_K7F3QX"
        );
        assert_eq!(
            param(&top_c.headers["content-type"], "boundary"),
            "=_referral-seal_ACDE"
        );
    }

    #[test]
    fn eml_sanitises_parameters() {
        let mut p = fixture::registry().protocols[0].clone();
        let mailbox = p.mailbox.clone();
        p.mailbox = format!("{mailbox}\r\nBcc: spy@example.com");
        let e = eml(
            &p,
            &p.referring_teams[0],
            "k7f3qx\r\nX-Evil: 1",
            day("2026-11-24"),
            "a\"b\r\nc.7z",
            "text/html\r\nX: y",
            b"z",
        );
        let (top, parts) = parse(&e);
        assert!(!top.headers.contains_key("bcc") && !top.headers.contains_key("x-evil"));
        assert_eq!(top.headers["to"], format!("{mailbox}Bcc:spy@example.com"));
        // Only reference-alphabet characters survive (X, E, V of "X-Evil").
        assert_eq!(
            decode_header(&top.headers["subject"]),
            "Doorverwijzing Kind en Gezin – referentie K7F3QXXEV"
        );
        assert_eq!(
            parts[1].headers["content-type"],
            "application/octet-stream; name=\"a_b__c.7z\""
        );
        assert_eq!(b64_decode(&parts[1].body), b"z");
    }

    #[test]
    fn no_personal_data_in_eml_or_mailto() {
        let registry = fixture::registry();
        let today = day("2026-11-24");
        for referral in referrals() {
            let protocol = registry
                .route(
                    &referral.contact.postal_code,
                    &referral.contact.municipality,
                    today,
                )
                .unwrap();
            let meta = Meta {
                reference: "K7F3QX".to_owned(),
                date: today,
            };
            let docs = render(&referral, protocol, &meta);
            // The archive here is the plaintext documents: the mail must
            // still show nothing of them outside the base64 attachment.
            let archive: Vec<u8> = docs
                .files
                .iter()
                .flat_map(|f| f.bytes.iter().copied())
                .collect();
            let e = eml(
                protocol,
                &protocol.referring_teams[0],
                &meta.reference,
                today,
                "doorverwijzing-20261124-K7F3QX.7z",
                "application/x-7z-compressed",
                &archive,
            );
            let (top, parts) = parse(&e);
            let mut visible: Vec<String> = top.headers.values().map(|v| decode_header(v)).collect();
            visible.push(String::from_utf8(qp_decode(&parts[0].body)).unwrap());
            visible.extend(parts[1].headers.values().cloned());
            visible.push(String::from_utf8_lossy(&e).into_owned());
            let link = mailto(
                protocol,
                &referral.referrer.team,
                &meta.reference,
                "doorverwijzing-20261124-K7F3QX.7z",
            );
            visible.push(percent_decode(&link));
            visible.push(link);

            let c = &referral.contact;
            let mut secrets = vec![
                referral.client.given_name.clone(),
                referral.client.family_name.clone(),
                c.phone.as_ref().unwrap().e164().to_owned(),
                c.phone.as_ref().unwrap().readable(),
                c.email.clone().unwrap(),
                referral.referrer.name.clone(),
            ];
            if let Some(a) = &c.address {
                secrets.push(a.street.clone());
            }
            for s in &visible {
                for secret in &secrets {
                    assert!(!s.contains(secret.as_str()), "personal data in mail");
                }
            }
        }
    }

    pub(super) fn percent_decode(s: &str) -> String {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .unwrap()
            .into_owned()
    }

    #[test]
    fn mailto_link() {
        let p = &fixture::registry().protocols[1];
        let link = mailto(
            p,
            &p.referring_teams[0],
            "K7F3QX",
            "doorverwijzing-20261124-K7F3QX.zip",
        );
        assert!(
            link.starts_with(&format!("mailto:{}?subject=", p.mailbox)),
            "{link}"
        );
        assert!(link.is_ascii());
        assert!(!link.contains(' ') && !link.contains('\n'));
        let (_, query) = link.split_once('?').unwrap();
        let fields: BTreeMap<&str, String> = query
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k, percent_decode(v))
            })
            .collect();
        assert_eq!(fields.len(), 2);
        assert_eq!(
            fields["subject"],
            "Doorverwijzing Kind en Gezin – referentie K7F3QX"
        );
        let body = &fields["body"];
        for s in [
            "doorverwijzing-20261124-K7F3QX.zip",
            "als bijlage",
            "7-Zip",
            "ander kanaal",
            p.ocmw_name.as_str(),
            "\r\n",
        ] {
            assert!(body.contains(s), "body misses {s:?}");
        }
    }
    #[test]
    fn cleaning_of_parameters() {
        assert_eq!(clean_reference("k7f3qx"), "K7F3QX");
        assert_eq!(clean_reference("K7F 3QX\r\n"), "K7F3QX");
        assert_eq!(
            clean_file_name("doorverwijzing-20261124-K7F3QX.7z"),
            "doorverwijzing-20261124-K7F3QX.7z"
        );
        assert_eq!(
            clean_file_name("Sofie Van den Broeck.7z"),
            "Sofie_Van_den_Broeck.7z"
        );
        assert_eq!(clean_file_name(""), "doorverwijzing");
        assert_eq!(clean_file_name(".."), "doorverwijzing");
        assert_eq!(clean_mime_type("application/zip"), "application/zip");
        assert_eq!(
            clean_mime_type("application/x-7z-compressed"),
            "application/x-7z-compressed"
        );
        assert_eq!(
            clean_mime_type("application/zip; x=\"y\""),
            "application/octet-stream"
        );
        assert_eq!(clean_mime_type("zip"), "application/octet-stream");
    }
}
