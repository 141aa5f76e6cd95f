//! The encoders of the mail drafts: RFC 2047 encoded words for the
//! subject, quoted-printable for the text, base64 lines for the attachment
//! (RFC 2045) and percent-encoding for the `mailto:` link (RFC 6068).
//! All four are crates' (`email-encoding`, `quoted_printable`, `base64`,
//! `percent-encoding`) behind the functions the drafts call.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use email_encoding::headers::{rfc2047, writer::EmailWriter};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Longest line of base64 in the attachment (RFC 2045 § 6.8).
const BASE64_LINE: usize = 76;
/// Longest line of quoted-printable text, soft break `=` included (RFC 2045 § 6.7).
#[cfg(test)]
const QP_LINE: usize = 76;
/// Header text as-is when it is printable ASCII, else RFC 2047 encoded
/// words by the `email-encoding` crate (lettre's): `B` (base64) words of
/// UTF-8, folded with CRLF SP so that no line, the `prefix` header name on
/// the first one included, exceeds 76 characters.
pub(super) fn encode_header_text(text: &str, prefix: usize) -> String {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return text.to_owned();
    }
    let mut out = String::new();
    // Writing into a String cannot fail; an error would leave the subject
    // empty rather than half written.
    let written = rfc2047::encode(text, &mut EmailWriter::new(&mut out, prefix, 0, false));
    if written.is_err() {
        out.clear();
    }
    out
}

/// Quoted-printable (RFC 2045 § 6.7) of CRLF-separated UTF-8 text by the
/// `quoted_printable` crate in text mode: CRLF stays a hard line break,
/// lines of at most 76 characters (soft break `=` included), trailing spaces
/// and tabs encoded.
pub(super) fn quoted_printable(text: &str) -> String {
    quoted_printable::encode_to_str(text)
}

/// Standard base64 (RFC 4648 § 4) in lines of 76 characters, each ended by
/// CRLF (RFC 2045 § 6.8): every 57 input bytes make one line.
pub(super) fn base64_lines(out: &mut String, data: &[u8]) {
    for line in data.chunks(BASE64_LINE / 4 * 3) {
        STANDARD.encode_string(line, out);
        out.push_str("\r\n");
    }
}

/// What `mailto:` values (subject, body) keep unescaped: RFC 3986's
/// unreserved characters; all else is percent-encoded UTF-8 (RFC 6068).
pub(super) const MAILTO_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The `mailto:` address keeps its `@` too.
pub(super) const MAILTO_ADDRESS: &AsciiSet = &MAILTO_VALUE.remove(b'@');

/// Percent-encodes UTF-8: the characters outside `escape` stay.
pub(super) fn percent_encode(s: &str, escape: &'static AsciiSet) -> String {
    utf8_percent_encode(s, escape).to_string()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{decode_header, qp_decode};
    use super::*;

    #[test]
    fn header_encoding() {
        assert_eq!(
            encode_header_text("Doorverwijzing K7F3QX", 9),
            "Doorverwijzing K7F3QX"
        );
        let table = [
            "Doorverwijzing Kind en Gezin – referentie K7F3QX",
            "Çelik-Yılmaz ééééééééééééééééééééééééééééééééééééééééééééééééééééééééé – ✓",
            "Nguyễn Thị Thu Hằng",
            "a ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé",
            "Doorverwijzing Kind en Gezin – referentie ACDEFGHJKMNP",
        ];
        for text in table {
            let enc = encode_header_text(text, 9);
            assert!(enc.is_ascii());
            assert!(9 + enc.split("\r\n").next().unwrap().len() <= 76);
            for word in enc.split("\r\n ") {
                assert!(word.len() <= 75, "{word}");
                assert!(word.starts_with("=?utf-8?b?") && word.ends_with("?="));
            }
            // Read back by a mail reader (mail-parser), as a client would.
            assert_eq!(decode_header(&enc), text);
        }
    }

    #[test]
    fn quoted_printable_round_trips() {
        let long = "é".repeat(60);
        let table = [
            "plain ascii",
            "trailing space ",
            "trailing tab\t",
            "a = b",
            long.as_str(),
            "Geïnformeerd – cliënt ✓ met een heel lange regel die zeker langer is dan zesenzeventig tekens, zodat er zachte regeleinden nodig zijn",
        ];
        for text in table {
            let input = format!("{text}\r\nline two\r\n");
            let enc = quoted_printable(&input);
            assert!(enc.is_ascii());
            for line in enc.split("\r\n") {
                assert!(line.len() <= 76, "{line}");
                assert!(!line.ends_with(' ') && !line.ends_with('\t'), "{line:?}");
            }
            assert_eq!(String::from_utf8(qp_decode(&enc)).unwrap(), input);
        }
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Quoted-printable output is 7-bit with short lines for any text.
        #[test]
        fn quoted_printable_lines(text in "\\PC{0,300}") {
            let enc = quoted_printable(&text.replace('\n', "\r\n"));
            prop_assert!(enc.is_ascii());
            for line in enc.split("\r\n") {
                prop_assert!(line.len() <= QP_LINE);
            }
        }

        /// Any text comes back from a mail reader as it went in, in ASCII
        /// header lines of at most 76 characters, "Subject: " included.
        #[test]
        fn header_text_round_trips(text in "\\PC{1,120}") {
            let enc = encode_header_text(&text, 9);
            prop_assert!(enc.is_ascii());
            let mut lines = enc.split("\r\n");
            prop_assert!(9 + lines.next().unwrap_or_default().len() <= 76);
            for line in lines {
                prop_assert!(line.len() <= 76);
            }
            if enc.starts_with("=?") {
                prop_assert_eq!(super::super::tests::decode_header(&enc), text);
            }
        }
    }
}
