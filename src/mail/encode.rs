//! The encoders of the mail drafts: RFC 2047 encoded words for the
//! subject, quoted-printable for the text, base64 lines for the attachment
//! (RFC 2045) and percent-encoding for the `mailto:` link (RFC 6068).
//! The last three are the `quoted_printable`, `base64` and
//! `percent-encoding` crates' behind the functions the drafts call.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Longest line of base64 in the attachment (RFC 2045 § 6.8).
const BASE64_LINE: usize = 76;
/// Longest line of quoted-printable text, soft break `=` included (RFC 2045 § 6.7).
#[cfg(test)]
const QP_LINE: usize = 76;
/// Longest RFC 2047 encoded word.
const ENCODED_WORD: usize = 75;
/// Longest header line holding encoded words (RFC 2047 § 2).
const HEADER_LINE: usize = 76;

/// Header text as-is when it is printable ASCII, else RFC 2047 `Q` encoded
/// words of at most 75 characters, folded with CRLF SP so that no line
/// (the `prefix` header name on the first one included) exceeds 76.
///
/// Still ours, looked up but not replaced: `rfc2047` 0.1 (2019) does not
/// fold, so a long subject would exceed 76 characters a line;
/// `email-encoding` 0.4 (lettre's; base64 0.23 like ours, plus memchr)
/// folds at 76 but writes `B` (base64) words only, which changes the draft
/// (the subject no longer readable in the source). Its size in the page's
/// Wasm is not measured yet.
pub(super) fn encode_header_text(text: &str, prefix: usize) -> String {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return text.to_owned();
    }
    const OPEN: &str = "=?UTF-8?Q?";
    const CLOSE: &str = "?=";
    // Encoded form of each character; a character's bytes stay in one
    // encoded word (RFC 2047 § 5).
    let pieces: Vec<String> = text
        .chars()
        .map(|c| {
            let mut piece = String::new();
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                match b {
                    b' ' => piece.push('_'),
                    b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'!' | b'*' | b'+' | b'-' | b'/' => {
                        piece.push(char::from(b))
                    }
                    _ => piece.push_str(&format!("={b:02X}")),
                }
            }
            piece
        })
        .collect();
    let mut words: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut len = 0;
    for piece in &pieces {
        let limit = if words.is_empty() {
            ENCODED_WORD.min(HEADER_LINE.saturating_sub(prefix))
        } else {
            ENCODED_WORD
        };
        if OPEN.len() + len + piece.len() + CLOSE.len() > limit && !current.is_empty() {
            // Break after the last space of the word, if any, so words of
            // the text stay whole.
            let cut = current
                .iter()
                .rposition(|p| *p == "_")
                .map_or(current.len(), |i| i + 1);
            let mut tail = current.split_off(cut);
            let tail_len: usize = tail.iter().map(|p| p.len()).sum();
            if OPEN.len() + tail_len + piece.len() + CLOSE.len() > ENCODED_WORD {
                // No useful space: break right here.
                current.append(&mut tail);
                words.push(format!("{OPEN}{}{CLOSE}", current.concat()));
                current.clear();
                len = 0;
            } else {
                words.push(format!("{OPEN}{}{CLOSE}", current.concat()));
                current = tail;
                len = tail_len;
            }
        }
        current.push(piece);
        len += piece.len();
    }
    words.push(format!("{OPEN}{}{CLOSE}", current.concat()));
    words.join("\r\n ")
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
                assert!(word.starts_with("=?UTF-8?Q?") && word.ends_with("?="));
            }
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

        /// Encoded header words never exceed 75 characters and stay ASCII.
        #[test]
        fn header_words_are_short(text in "\\PC{1,120}") {
            let enc = encode_header_text(&text, 9);
            prop_assert!(enc.is_ascii());
            if enc.starts_with("=?") {
                for word in enc.split("\r\n ") {
                    prop_assert!(word.len() <= ENCODED_WORD);
                }
            }
        }
    }
}
