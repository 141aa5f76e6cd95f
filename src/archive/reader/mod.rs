//! The general archive reader behind `openArchive`: any `.7z` or `.zip`
//! that 7-Zip, py7zr, pyzipper or zip.js writes with AES-256, not only our
//! own.
//!
//! * `.7z` ([`sevenz`]): coders Copy, LZMA, LZMA2, Deflate, 7zAES and the
//!   BCJ and Delta filters in any chain of one-input coders, solid or not,
//!   header encrypted (`-mhe=on`) or not, compressed header or not. BCJ2
//!   (four inputs), PPMd, BZip2 and the rest are refused by name
//!   ([`OpenCode::UnsupportedMethod`]).
//! * `.zip` ([`zip`]): WinZip AES-256 (AE-1 and AE-2) with method stored or
//!   Deflate; unencrypted entries too (with a [`Warning`]). ZipCrypto is
//!   refused ([`OpenCode::WeakEncryption`]): it is not the AES-256 the
//!   protocol asks for, and it is broken.
//!
//! It is also the reader of the sealing self-check (`super::seal_checked`).
//! That is why it keeps its own copy of the formats' constants (signatures,
//! header sizes, flags, method and property ids, from APPNOTE and
//! 7zFormat.txt) and shares none with the writers: a wrong constant in a
//! writer then fails the self-check instead of being read back as written.
//! Decoders come from crates: `lzma-rust2` (LZMA, LZMA2, BCJ, Delta; feature
//! `open`, so that the sealing page's engine does not carry it),
//! `miniz_oxide` (Deflate; not in the sealing page's engine either),
//! RustCrypto (`aes`, `cbc`, `ctr`, `hmac`) with the key derivations of
//! `super::kdf`, and the writers' CRC-32 table. This module parses the containers and keeps a
//! hostile archive within the limits below; it never panics and returns
//! every entry or an error, never a part.
//!
//! # Limits (an archive beyond one is refused with `archive_too_large`)
//!
//! * [`MAX_OPEN_ENTRIES`] entries;
//! * [`MAX_OPEN_BYTES`] of content in all (decoded), checked on the sizes
//!   the archive declares before anything is decoded, and every decoder
//!   stops at its declared size;
//! * content at most [`MAX_RATIO`] times the archive's size, once the
//!   content is over [`RATIO_FREE_BYTES`] (a bomb's ratio is in the
//!   millions; LZMA2 on text reaches 10 to 50);
//! * a 7z key derivation of at most 2^[`MAX_KDF_POWER`] SHA-256 rounds,
//!   7-Zip's own maximum (2^24 takes about three seconds in a browser);
//!   more is `unsupported_method`, so that no archive can hang the page.

pub(crate) mod coders;
pub(crate) mod sevenz;
mod zip;

use super::{Format, OpenedFile};

/// Most entries (files, and the folders that are skipped) in one archive.
pub const MAX_OPEN_ENTRIES: usize = 4096;
/// Most decoded content in one archive, in bytes.
pub const MAX_OPEN_BYTES: u64 = 128 * 1024 * 1024;
/// Most decoded bytes per archive byte, above [`RATIO_FREE_BYTES`].
pub const MAX_RATIO: u64 = 1000;
/// Content up to this size is never refused for its ratio.
pub const RATIO_FREE_BYTES: u64 = 1024 * 1024;
/// Largest 7zAES key-derivation power accepted (7-Zip's maximum).
pub const MAX_KDF_POWER: u8 = 24;

/// Why an archive could not be opened: a stable code, the format when it
/// was recognised, and the method for `unsupported_method`. Carries no
/// content and no password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenError {
    /// What went wrong.
    pub code: OpenCode,
    /// The container, once recognised.
    pub format: Option<Format>,
    /// For [`OpenCode::UnsupportedMethod`]: the method's name, e.g. `BCJ2`.
    pub method: Option<String>,
}

/// The stable error codes of [`open_archive`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenCode {
    /// The password is wrong (zip: the password verifier; 7z: an encrypted
    /// header or block that fails its check, which damage can cause too).
    WrongPassword,
    /// The archive is damaged or truncated.
    DamagedArchive,
    /// A compression method, filter or cipher this reader does not have.
    UnsupportedMethod,
    /// Beyond one of the limits of this module.
    ArchiveTooLarge,
    /// Neither a `.7z` nor a `.zip`.
    NotAnArchive,
    /// ZipCrypto, the old zip encryption: not AES-256, and broken.
    WeakEncryption,
}

impl OpenCode {
    /// The stable `snake_case` code.
    pub fn as_str(self) -> &'static str {
        match self {
            OpenCode::WrongPassword => "wrong_password",
            OpenCode::DamagedArchive => "damaged_archive",
            OpenCode::UnsupportedMethod => "unsupported_method",
            OpenCode::ArchiveTooLarge => "archive_too_large",
            OpenCode::NotAnArchive => "not_an_archive",
            OpenCode::WeakEncryption => "weak_encryption",
        }
    }
}

impl OpenError {
    pub(crate) fn new(code: OpenCode, format: Format) -> OpenError {
        OpenError {
            code,
            format: Some(format),
            method: None,
        }
    }

    pub(crate) fn unsupported(format: Format, method: impl Into<String>) -> OpenError {
        OpenError {
            code: OpenCode::UnsupportedMethod,
            format: Some(format),
            method: Some(method.into()),
        }
    }

    /// The Dutch message for the person opening the archive.
    pub fn message_nl(&self) -> String {
        match self.code {
            OpenCode::WrongPassword if self.format == Some(Format::SevenZ) => {
                "Wachtwoord fout of bestand beschadigd: controleer het wachtwoord dat u telefonisch kreeg. Lukt het nog niet, vraag de afzender dan het archief opnieuw te sturen.".to_owned()
            }
            OpenCode::WrongPassword => {
                "Het wachtwoord is fout: controleer het wachtwoord dat u telefonisch kreeg.".to_owned()
            }
            OpenCode::DamagedArchive => "Het bestand is beschadigd of onvolledig. Sla de bijlage opnieuw op uit de e-mail, of vraag de afzender het archief opnieuw te sturen.".to_owned(),
            OpenCode::UnsupportedMethod => format!(
                "Dit archief gebruikt een methode die deze pagina niet kan openen ({}). Open het met 7-Zip.",
                self.method.as_deref().unwrap_or("onbekend")
            ),
            OpenCode::ArchiveTooLarge => "Dit archief is te groot om in de browser te openen. Open het met 7-Zip.".to_owned(),
            OpenCode::NotAnArchive => "Dit is geen .7z- of .zip-archief. Kies de bijlage uit de e-mail.".to_owned(),
            OpenCode::WeakEncryption => "Dit archief is versleuteld met ZipCrypto, niet met AES-256 zoals het protocol vraagt. Het wordt niet geopend: laat de afzender weten dat het opnieuw moet, als .7z of als .zip met AES-256.".to_owned(),
        }
    }
}

/// Something the reader of an opened archive must be told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Warning {
    /// Some or all content was not encrypted at all.
    NotEncrypted,
}

impl Warning {
    /// The stable `snake_case` code.
    pub fn as_str(self) -> &'static str {
        match self {
            Warning::NotEncrypted => "not_encrypted",
        }
    }

    /// The Dutch message.
    pub fn message_nl(self) -> &'static str {
        match self {
            Warning::NotEncrypted => "Let op: dit archief is niet (volledig) versleuteld. Het protocol vraagt AES-256-versleuteling: laat de afzender weten dat persoonsgegevens zo niet verstuurd mogen worden.",
        }
    }
}

/// An opened archive: every entry, in archive order. Holds personal data:
/// no `Debug`; the entries wipe themselves.
pub struct Opened {
    /// `.7z` or `.zip`.
    pub format: Format,
    /// Every file (folders are left out), in archive order.
    pub entries: Vec<OpenedFile>,
    /// Set when the archive breaks the protocol's AES-256 rule.
    pub warning: Option<Warning>,
    /// How many folder entries were left out (our own archives have none).
    pub folders: usize,
}

/// Derived keys the caller already has (the self-check shares the keys
/// derived while sealing), looked up by salt.
pub(crate) trait KnownKeys {
    fn known(&self, salt: &[u8]) -> Option<&[u8]>;
}

/// No keys known in advance.
pub(crate) struct NoKeys;

impl KnownKeys for NoKeys {
    fn known(&self, _: &[u8]) -> Option<&[u8]> {
        None
    }
}

impl KnownKeys for super::Keys {
    fn known(&self, salt: &[u8]) -> Option<&[u8]> {
        <&[u8; 16]>::try_from(salt).ok().and_then(|s| self.get(s))
    }
}

/// Opens a `.7z` or `.zip` (recognised by its bytes, not its name) with
/// `password` (may be empty for an unencrypted archive).
pub fn open_archive(bytes: &[u8], password: &str) -> Result<Opened, OpenError> {
    open_with(bytes, password, &NoKeys)
}

pub(crate) fn open_with(
    bytes: &[u8],
    password: &str,
    keys: &dyn KnownKeys,
) -> Result<Opened, OpenError> {
    if sevenz::is_sevenz(bytes) {
        sevenz::open(bytes, password, keys)
    } else if zip::is_zip(bytes) {
        zip::open(bytes, password, keys)
    } else {
        Err(OpenError {
            code: OpenCode::NotAnArchive,
            format: None,
            method: None,
        })
    }
}

/// The size limits on declared content, shared by both formats.
pub(crate) fn check_total(format: Format, archive_len: usize, total: u64) -> Result<(), OpenError> {
    let ratio_cap = (archive_len as u64).saturating_mul(MAX_RATIO);
    if total > MAX_OPEN_BYTES || (total > RATIO_FREE_BYTES && total > ratio_cap) {
        Err(OpenError::new(OpenCode::ArchiveTooLarge, format))
    } else {
        Ok(())
    }
}

/// An entry name as read: refused (damaged) by the reading policy of
/// [`super::check_read_name`] (absolute, drive letter, `..`, control
/// characters), then `\` becomes `/` and a folder's trailing `/` goes.
/// Folders inside archives made by hand are kept as relative paths.
pub(crate) fn reading_name(format: Format, raw: &str) -> Result<String, OpenError> {
    super::check_read_name(raw).map_err(|_| OpenError::new(OpenCode::DamagedArchive, format))?;
    let name = raw.replace('\\', "/");
    let name = name.trim_end_matches('/');
    if name.is_empty() || name.split('/').any(str::is_empty) {
        return Err(OpenError::new(OpenCode::DamagedArchive, format));
    }
    Ok(name.to_owned())
}
