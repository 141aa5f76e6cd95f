//! E-mail addresses.
//!
//! A practical subset of RFC 5321/5322 that every mail client can send to:
//!
//! * local part: a dot-atom of ASCII `atext` (letters, digits and
//!   ``!#$%&'*+-/=?^_`{|}~``), no leading, trailing or double dot, at most 64
//!   bytes, kept as typed (local parts may be case-sensitive). Quoted strings
//!   and non-ASCII local parts (SMTPUTF8) are refused: Outlook and many
//!   servers do not deliver them reliably;
//! * domain: a host name of at least two labels, converted to ASCII with
//!   IDNA (UTS #46, so `café.be` becomes `xn--caf-dma.be`) and lower-cased;
//!   every label letters, digits and inner hyphens, 1 to 63 bytes; the top
//!   level label not all digits. IP literals (`[192.0.2.1]`) are refused;
//! * the whole address at most 254 bytes (RFC 5321 path limit minus `<>`).

use crate::error::Code;

/// Raw input longer than this (in bytes) is refused as too long.
pub const MAX_RAW_BYTES: usize = 512;

/// Longest address, in bytes, after normalisation.
pub const MAX_ADDRESS_BYTES: usize = 254;

/// Longest local part, in bytes.
pub const MAX_LOCAL_BYTES: usize = 64;

/// Normalises an e-mail address: trimmed, domain in lower-case ASCII
/// (punycode for internationalised names), local part as typed.
///
/// Errors: [`Code::TooLong`] (over [`MAX_RAW_BYTES`] raw or
/// [`MAX_ADDRESS_BYTES`] normalised), [`Code::Required`] (blank),
/// [`Code::ControlCharacters`], [`Code::InvalidEmail`].
pub fn normalise_email(raw: &str) -> Result<String, Code> {
    if raw.len() > MAX_RAW_BYTES {
        return Err(Code::TooLong);
    }
    if raw
        .chars()
        .any(|c| !c.is_whitespace() && super::is_invisible(c))
    {
        return Err(Code::ControlCharacters);
    }
    let text = raw.trim();
    if text.is_empty() {
        return Err(Code::Required);
    }
    let (local, domain) = text.rsplit_once('@').ok_or(Code::InvalidEmail)?;
    if !is_dot_atom(local) || local.len() > MAX_LOCAL_BYTES {
        return Err(Code::InvalidEmail);
    }
    let domain = ascii_domain(domain)?;
    let address = format!("{local}@{domain}");
    if address.len() > MAX_ADDRESS_BYTES {
        return Err(Code::TooLong);
    }
    Ok(address)
}

/// RFC 5322 `atext`.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b)
}

/// RFC 5322 `dot-atom-text`: atoms of `atext` joined by single dots.
fn is_dot_atom(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|atom| !atom.is_empty() && atom.bytes().all(is_atext))
}

/// The domain in lower-case ASCII, or [`Code::InvalidEmail`].
fn ascii_domain(domain: &str) -> Result<String, Code> {
    // No IP literals, no trailing root dot, nothing UTS #46 would silently
    // drop or map to a separator before we can check it.
    if domain.is_empty() || domain.starts_with('[') || domain.ends_with('.') {
        return Err(Code::InvalidEmail);
    }
    if domain.chars().any(char::is_whitespace) {
        return Err(Code::InvalidEmail);
    }
    let ascii = idna::domain_to_ascii_cow(domain.as_bytes(), idna::AsciiDenyList::STD3)
        .map_err(|_| Code::InvalidEmail)?
        .to_ascii_lowercase();
    if ascii.len() > MAX_ADDRESS_BYTES - 2 {
        return Err(Code::TooLong);
    }
    let labels: Vec<&str> = ascii.split('.').collect();
    let ldh = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let tld_ok = labels
        .last()
        .is_some_and(|t| !t.bytes().all(|b| b.is_ascii_digit()));
    if labels.len() < 2 || !labels.iter().all(ldh) || !tld_ok {
        return Err(Code::InvalidEmail);
    }
    Ok(ascii)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_and_normalises() {
        let table: &[(&str, &str)] = &[
            ("sofie@example.be", "sofie@example.be"),
            ("  an.peeters@example.be\n", "an.peeters@example.be"),
            ("An.Peeters@Example.BE", "An.Peeters@example.be"),
            ("o'brien+ocmw@example.ie", "o'brien+ocmw@example.ie"),
            (
                "d.hondt@mail.gemeente.wervik.be",
                "d.hondt@mail.gemeente.wervik.be",
            ),
            (
                "user_1!#$%&*=?^`{|}~-x@example.com",
                "user_1!#$%&*=?^`{|}~-x@example.com",
            ),
            ("jose@café.be", "jose@xn--caf-dma.be"),
            ("jose@CAFÉ.BE", "jose@xn--caf-dma.be"),
            ("jose@xn--caf-dma.be", "jose@xn--caf-dma.be"),
            (
                "info@müller-bäckerei.de",
                "info@xn--mller-bckerei-hfb76a.de",
            ),
            ("nguyen@bücher.example", "nguyen@xn--bcher-kva.example"),
            ("a@b.co", "a@b.co"),
            (
                "x@sub-domain.example-site.org",
                "x@sub-domain.example-site.org",
            ),
        ];
        for (raw, want) in table {
            assert_eq!(normalise_email(raw).as_deref(), Ok(*want), "{raw:?}");
        }
    }

    #[test]
    fn refusals() {
        let l64 = "a".repeat(64);
        let l65 = "a".repeat(65);
        let label63 = "b".repeat(63);
        let label64 = "b".repeat(64);
        let ok64 = format!("{l64}@example.be");
        assert_eq!(normalise_email(&ok64), Ok(ok64.clone()));
        let ok63 = format!("x@{label63}.be");
        assert_eq!(normalise_email(&ok63), Ok(ok63.clone()));
        let huge_domain = format!("x@{0}.{0}.{0}.{0}.be", label63);
        assert_eq!(normalise_email(&huge_domain), Err(Code::TooLong));
        let owned = [
            (format!("{l65}@example.be"), Code::InvalidEmail),
            (format!("x@{label64}.be"), Code::InvalidEmail),
            (format!("{}@example.be", "a".repeat(600)), Code::TooLong),
        ];
        for (raw, want) in &owned {
            assert_eq!(normalise_email(raw), Err(*want));
        }
        let table: &[(&str, Code)] = &[
            ("", Code::Required),
            ("  ", Code::Required),
            ("sofie", Code::InvalidEmail),
            ("sofie@", Code::InvalidEmail),
            ("@example.be", Code::InvalidEmail),
            ("sofie@example", Code::InvalidEmail),
            ("sofie@example.", Code::InvalidEmail),
            ("sofie@example.be.", Code::InvalidEmail),
            ("sofie@@example.be", Code::InvalidEmail),
            ("so@fie@example.be", Code::InvalidEmail),
            (".sofie@example.be", Code::InvalidEmail),
            ("sofie.@example.be", Code::InvalidEmail),
            ("so..fie@example.be", Code::InvalidEmail),
            ("so fie@example.be", Code::InvalidEmail),
            ("sofie@exa mple.be", Code::InvalidEmail),
            ("\"so fie\"@example.be", Code::InvalidEmail),
            ("sofie(werk)@example.be", Code::InvalidEmail),
            ("søfie@example.be", Code::InvalidEmail),
            ("sofie@[192.0.2.1]", Code::InvalidEmail),
            ("sofie@192.0.2.1", Code::InvalidEmail),
            ("sofie@-example.be", Code::InvalidEmail),
            ("sofie@example-.be", Code::InvalidEmail),
            ("sofie@exa_mple.be", Code::InvalidEmail),
            ("sofie@example..be", Code::InvalidEmail),
            ("sofie@xn--a.be", Code::InvalidEmail),
            ("sofie@example.be>", Code::InvalidEmail),
            ("Sofie <sofie@example.be>", Code::InvalidEmail),
            ("sofie@exam\u{200B}ple.be", Code::ControlCharacters),
            ("sofie@example.be\u{202E}", Code::ControlCharacters),
            ("sofie\u{0000}@example.be", Code::ControlCharacters),
        ];
        for (raw, want) in table {
            assert_eq!(normalise_email(raw), Err(*want), "{raw:?}");
        }
    }

    proptest! {
        #[test]
        fn email_never_panics_and_is_idempotent(s in "[a-zA-Z0-9.@_+\\-éü]{0,40}|\\PC{0,60}") {
            if let Ok(once) = normalise_email(&s) {
                prop_assert_eq!(normalise_email(&once), Ok(once.clone()));
            }
        }
    }
}
