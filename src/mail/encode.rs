//! The encoders of the mail drafts: RFC 2047 encoded words for the
//! subject, quoted-printable for the text, base64 lines for the attachment
//! (RFC 2045) and percent-encoding for the `mailto:` link (RFC 6068).

/// Longest line of base64 in the attachment (RFC 2045 § 6.8).
const BASE64_LINE: usize = 76;
/// Longest line of quoted-printable text, soft break `=` included (RFC 2045 § 6.7).
const QP_LINE: usize = 76;
/// Longest RFC 2047 encoded word.
const ENCODED_WORD: usize = 75;
/// Longest header line holding encoded words (RFC 2047 § 2).
const HEADER_LINE: usize = 76;
/// Header text as-is when it is printable ASCII, else RFC 2047 `Q` encoded
/// words of at most 75 characters, folded with CRLF SP so that no line
/// (the `prefix` header name on the first one included) exceeds 76.
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

/// Quoted-printable (RFC 2045 § 6.7) of CRLF-separated UTF-8 text: lines of
/// at most 76 characters, soft breaks never inside an `=XX` triplet,
/// trailing spaces encoded.
pub(super) fn quoted_printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    // Split at CRLF by hand: a `&str` pattern would bring core's substring
    // searcher (2 KB) back into the Wasm module; no code outside the tests
    // searches with one.
    let mut lines: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.as_bytes().windows(2).position(|w| w == b"\r\n") {
        lines.push(&rest[..i]);
        rest = &rest[i + 2..];
    }
    lines.push(rest);
    for (n, line) in lines.iter().enumerate() {
        let bytes = line.as_bytes();
        let mut col = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let last = i + 1 == bytes.len();
            let literal =
                (b == b' ' || b == b'\t') && !last || (33..=126).contains(&b) && b != b'=';
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            let triplet = [b'=', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]];
            let piece: &[u8] = if literal { &[b] } else { &triplet };
            // Keep room for the soft break `=`, unless this is the line's end.
            let room = if last { QP_LINE } else { QP_LINE - 1 };
            if col + piece.len() > room {
                out.push_str("=\r\n");
                col = 0;
            }
            out.extend(piece.iter().map(|&c| char::from(c)));
            col += piece.len();
        }
        if n + 1 < lines.len() {
            out.push_str("\r\n");
        }
    }
    out
}

/// Standard base64 (RFC 4648 § 4) in lines of 76 characters, each ended by CRLF.
pub(super) fn base64_lines(out: &mut String, data: &[u8]) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut col = 0;
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            let c = if k <= chunk.len() {
                ALPHABET[((n >> (18 - 6 * k)) & 63) as usize]
            } else {
                b'='
            };
            out.push(char::from(c));
        }
        col += 4;
        if col == BASE64_LINE {
            out.push_str("\r\n");
            col = 0;
        }
    }
    if col > 0 {
        out.push_str("\r\n");
    }
}

/// Percent-encodes UTF-8: unreserved characters (RFC 3986) and `keep` stay.
pub(super) fn percent_encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
