//! The whole pipeline behind one call: validate, route, render, encrypt,
//! self-check, and prepare the mail hand-off.

use crate::archive::{self, ArchiveOptions, Compression, Entry, FileEntry, Format};
use crate::date::Date;
use crate::error::{FieldError, SealError};
use crate::json::Value;
use crate::protocols::{Protocol, Registry};
use crate::referral::{self, Referral};
use crate::{mail, password, reference, render};

/// What the caller chooses for one seal.
pub struct SealOptions<'a> {
    /// The archive password (checked for strength and ASCII).
    pub password: &'a str,
    /// Archive format; `.7z` by default.
    pub format: Format,
    /// The day of the referral (consent and protocol dates are checked against it).
    pub today: Date,
    /// A caller-chosen reference; a random one when `None`.
    pub reference: Option<&'a str>,
}

/// A sealed referral, ready to hand to the mail client.
///
/// Nothing here but `archive` (ciphertext) depends on personal data.
pub struct Sealed {
    /// The encrypted archive.
    pub archive: Vec<u8>,
    /// Neutral file name, e.g. `doorverwijzing-20261124-K7F3QX.7z`.
    pub archive_name: String,
    /// MIME type of the archive.
    pub mime_type: &'static str,
    /// The OCMW mailbox the referral goes to.
    pub recipient: String,
    /// The neutral reference both sides use to talk about the referral.
    pub reference: String,
    /// The `.eml` draft with the archive attached.
    pub eml: Vec<u8>,
    /// Neutral file name of the draft.
    pub eml_name: String,
    /// A `mailto:` link as fallback (the archive must be attached by hand).
    pub mailto: String,
    /// The protocol that allows this referral.
    pub protocol: Protocol,
    /// The format that was used.
    pub format: Format,
}

/// Validates the input and, when valid, returns the referral and the protocol
/// that routes it. All field errors come back at once.
pub fn validate(
    input: &Value,
    registry: &Registry,
    today: Date,
) -> Result<(Referral, Protocol), Vec<FieldError>> {
    referral::validate(input, registry, today)
}

/// Seals a referral: every field error (including a weak password) comes back
/// at once; on success the archive has been re-opened and compared.
pub fn seal_referral(
    input: &Value,
    registry: &Registry,
    opts: &SealOptions<'_>,
) -> Result<Sealed, SealError> {
    let mut errors = Vec::new();
    if let Err(code) = password::check_password(opts.password) {
        errors.push(FieldError::new("password", code));
    }
    let reference = match opts.reference {
        Some(r) => {
            reference::parse_reference(r).map_err(|c| errors.push(FieldError::new("reference", c)))
        }
        None => {
            reference::new_reference().map_err(|c| errors.push(FieldError::new("reference", c)))
        }
    };
    let validated =
        referral::validate(input, registry, opts.today).map_err(|mut e| errors.append(&mut e));
    let (Ok(reference), Ok((referral, protocol))) = (reference, validated) else {
        return Err(overall(errors));
    };
    if !errors.is_empty() {
        return Err(overall(errors));
    }

    let meta = render::Meta {
        reference: reference.clone(),
        date: opts.today,
    };
    let docs = render::render(&referral, &protocol, &meta);
    let files: Vec<FileEntry<'_>> = docs
        .files
        .iter()
        .map(|d| FileEntry {
            name: d.name,
            bytes: &d.bytes,
        })
        .collect();
    let archive = archive::seal_checked(
        &files,
        opts.password,
        &ArchiveOptions {
            format: opts.format,
            // A referral is a few KB: compression buys nothing and costs time.
            compression: Compression::Stored,
            modified: opts.today,
        },
    )
    .map_err(|code| SealError::single("archive", code))?;

    let stem = reference::archive_stem(opts.today, &reference);
    let archive_name = format!("{stem}.{}", opts.format.extension());
    let mime_type = opts.format.mime_type();
    let eml = mail::eml(
        &protocol,
        &reference,
        opts.today,
        &archive_name,
        mime_type,
        &archive,
    );
    let mailto = mail::mailto(&protocol, &reference, &archive_name);
    Ok(Sealed {
        archive,
        archive_name,
        mime_type,
        recipient: protocol.mailbox.clone(),
        eml,
        eml_name: format!("{stem}.eml"),
        mailto,
        reference,
        protocol,
        format: opts.format,
    })
}

/// Seals arbitrary files (the generic engine behind `sealFiles`) with a
/// password that passes [`password::check_password`], as for a referral;
/// their content read piece by piece through [`archive::Content`]: the JavaScript
/// boundary copies each buffer straight into the archive, with no copy of
/// the input in between.
pub fn seal_entries(
    files: &[Entry<'_>],
    password: &str,
    opts: &ArchiveOptions,
) -> Result<Vec<u8>, SealError> {
    // The same password rules as a referral: `weak_password` and the rest.
    password::check_password(password).map_err(|code| SealError::single("password", code))?;
    archive::seal_entries(files, password, opts).map_err(|code| SealError::single("files", code))
}

/// One overall code: the single cause when there is one kind of error,
/// `invalid_input` when the referral itself has field errors.
fn overall(errors: Vec<FieldError>) -> SealError {
    match errors.as_slice() {
        [only] if matches!(only.field.as_str(), "password" | "reference" | "") => SealError {
            code: only.code,
            errors,
        },
        _ => SealError::invalid(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;

    #[test]
    fn seal_entries_refuses_weak_passwords_as_seal_referral_does() {
        let content: &[u8] = b"vertrouwelijk";
        let files = [Entry {
            name: "nota.txt",
            content: &content,
        }];
        let opts = ArchiveOptions {
            format: Format::Zip,
            compression: Compression::Stored,
            modified: Date::new(2026, 11, 24).unwrap(),
        };
        for (password, code) in [
            ("a", Code::WeakPassword),
            ("wachtwoord", Code::WeakPassword),
            ("Welkom2026!", Code::WeakPassword),
            ("", Code::Required),
            ("kotu-mepa-ribe-noza-veki-sut\u{e9}", Code::PasswordNotAscii),
        ] {
            let e = seal_entries(&files, password, &opts).err().unwrap();
            assert_eq!(e.code, code, "{password:?}");
            assert_eq!(e.errors[0].field, "password", "{password:?}");
        }
        let archive = seal_entries(&files, "kotu-mepa-ribe-noza-veki-suta", &opts).unwrap();
        let opened = archive::open(&archive, "kotu-mepa-ribe-noza-veki-suta", Format::Zip).unwrap();
        assert_eq!(opened[0].bytes.as_slice(), content);
    }
}
