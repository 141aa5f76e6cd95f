//! Archives: documents → an AES-256 `.7z` or WinZip-AES `.zip`, and back.
//!
//! Both containers are written and read here, on RustCrypto's primitives
//! (`aes`, `ctr`, `cbc`, `hmac`, `sha1`, `sha2`, `pbkdf2`, called through
//! `referral-seal-crypto` in `crypto/`, which is built for speed), `crc` and
//! `miniz_oxide`'s Deflate: `sevenz.rs`
//! writes a `.7z` with AES-256 and encrypted headers (2^19 SHA-256 rounds of
//! key derivation, as 7-Zip writes), `zip.rs` a zip with WinZip AES-256,
//! vendor version AE-2 (no plaintext CRC). This module holds what both
//! share: the options, the checks on entry names and the self-check
//! ([`seal_checked`]) that re-opens an archive and compares it with its
//! input before it is handed out.
//!
//! Why not the `sevenz-rust2` and `zip` crates, which earlier versions
//! used: together they were most of the WebAssembly module (an LZMA encoder
//! that always compressed the 7z header with an 8 MiB dictionary, about
//! 93 MiB of heap per seal; a zip writer generic over every method), and
//! their readers derive every key a second time during the self-check. The
//! formats we write are small: one solid folder (AES, or Deflate then AES)
//! and an AES-encrypted header for 7z; stored or Deflate entries inside
//! AES for zip. Both crates remain as independent readers in the tests,
//! next to real 7-Zip, p7zip, bsdtar, py7zr and pyzipper (`tests/interop.rs`).
//!
//! Entry names are the caller's (neutral names such as `doorverwijzing.txt`);
//! they must be plain file names, because ZIP entry names are never encrypted
//! and because 7-Zip extracts them on Windows.
//!
//! # Security notes
//!
//! * AES is the `aes` crate's fixsliced, constant-time software
//!   implementation in WebAssembly (no lookup tables): no cache-timing
//!   channel from the key or content.
//! * Derived keys are [`Zeroizing`]; key schedules, HMAC and hash states
//!   are wiped on drop by the crates' `zeroize` features; [`OpenedFile`]
//!   wipes what it holds. Compressed plaintext passes through
//!   `miniz_oxide`'s own buffers, and PBKDF2 keeps its blocks on the stack,
//!   neither wiped here (the WebAssembly exports wipe the stack and every
//!   freed heap block, `src/wipe.rs`).
//! * The self-check in [`seal_checked`] reopens the archive with readers
//!   that set up their own AES-CTR, AES-CBC and HMAC from the archive's
//!   bytes (the salt, IV and stream positions written there), sharing no
//!   cipher code with the writers, and compares every name and byte. It
//!   catches a writer that encrypts with a counter, IV or key other than
//!   the archive says, or authenticates the wrong bytes. It reuses the keys
//!   derived while sealing (looked up by the salt read from the archive),
//!   so it does not check the key derivations: published test vectors and
//!   real 7-Zip, p7zip, bsdtar, py7zr and pyzipper in the tests do.

mod deflate;
pub mod reader;
mod sevenz;
mod zip;

pub use reader::{open_archive, OpenCode, OpenError, Opened, Warning};

use crate::date::Date;
use crate::error::Code;
use zeroize::Zeroizing;

/// Upper bound on the total content of one archive, in bytes.
///
/// A referral is a few kilobytes; the bound keeps [`open`] from inflating a
/// hostile archive without end, and [`seal`] refuses what [`open`] would.
pub const MAX_CONTENT_BYTES: usize = 64 * 1024 * 1024;

/// Upper bound on the number of entries in one archive.
pub const MAX_ENTRIES: usize = 1024;

/// Longest entry name, in UTF-8 bytes.
pub const MAX_NAME_BYTES: usize = 255;

/// Inputs up to this size are stored even when compression is asked for:
/// compressing them cannot pay for its own overhead.
pub(crate) const SMALL_INPUT_BYTES: usize = 128;

/// The container format of an archive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// `.7z`, AES-256 with encrypted headers (the default).
    #[default]
    SevenZ,
    /// `.zip`, WinZip AES-256 (AE-2), for recipients without 7-Zip.
    Zip,
}

impl Format {
    /// The file extension, without the dot: `7z` or `zip`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::SevenZ => "7z",
            Format::Zip => "zip",
        }
    }

    /// The MIME type of the archive.
    pub fn mime_type(self) -> &'static str {
        match self {
            Format::SevenZ => "application/x-7z-compressed",
            Format::Zip => "application/zip",
        }
    }

    /// Parses `7z` or `zip` (exactly, lower case).
    pub fn parse(s: &str) -> Result<Format, Code> {
        match s {
            "7z" => Ok(Format::SevenZ),
            "zip" => Ok(Format::Zip),
            _ => Err(Code::InvalidOption),
        }
    }
}

/// Whether the content is compressed before it is encrypted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Compression {
    /// No compression (7z: the AES coder alone; zip: method 0 inside AES).
    Stored,
    /// Deflate, in both formats (the default): zip method 8, and the 7z
    /// `Deflate` coder, which every 7-Zip opens. (LZMA2 is not offered: its
    /// encoder would be most of the WebAssembly module and runs at about
    /// 1.5 MB/s there.)
    ///
    /// Content is stored all the same when compressing cannot pay: inputs
    /// of at most 128 bytes (the whole content for 7z, each entry for zip),
    /// and content whose first 64 KiB Deflate does not shrink by 1/16
    /// (already compressed or encrypted data), or that comes out no smaller.
    #[default]
    Compressed,
}

/// One file to put into an archive. Holds personal data: no `Debug`.
#[derive(Clone, Copy)]
pub struct FileEntry<'a> {
    /// A plain file name, e.g. `doorverwijzing.txt`.
    pub name: &'a str,
    /// The content.
    pub bytes: &'a [u8],
}

/// The content of one entry, read piece by piece: a byte slice, or (across
/// the WebAssembly boundary) a JavaScript buffer that is copied straight
/// into its place in the archive instead of into a copy of its own first.
pub trait Content {
    /// Length in bytes.
    fn len(&self) -> usize;
    /// Whether there is no content.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Copies `out.len()` bytes, starting at `offset`, into `out`. The
    /// caller stays within [`Content::len`].
    fn read_at(&self, offset: usize, out: &mut [u8]);
}

impl Content for &[u8] {
    fn len(&self) -> usize {
        <[u8]>::len(self)
    }
    fn read_at(&self, offset: usize, out: &mut [u8]) {
        out.copy_from_slice(&self[offset..offset + out.len()]);
    }
}

/// One file to put into an archive, its content read through [`Content`].
/// Holds personal data: no `Debug`.
#[derive(Clone, Copy)]
pub struct Entry<'a> {
    /// A plain file name, e.g. `doorverwijzing.txt`.
    pub name: &'a str,
    /// The content.
    pub content: &'a dyn Content,
}

impl<'a> From<&'a FileEntry<'_>> for Entry<'a> {
    fn from(f: &'a FileEntry<'_>) -> Entry<'a> {
        Entry {
            name: f.name,
            content: &f.bytes,
        }
    }
}

/// Keys derived while sealing, looked up by their random salt, so that the
/// self-check does not derive them again: the derivations are most of the
/// cost of sealing a referral. Wiped on drop.
#[derive(Default)]
pub(crate) struct Keys {
    derived: Vec<([u8; 16], Zeroizing<Vec<u8>>)>,
}

impl Keys {
    pub(crate) fn get(&self, salt: &[u8; 16]) -> Option<&[u8]> {
        self.derived
            .iter()
            .find(|(s, _)| s == salt)
            .map(|(_, k)| k.as_slice())
    }

    pub(crate) fn put(&mut self, salt: [u8; 16], key: &[u8]) {
        self.derived.push((salt, Zeroizing::new(key.to_vec())));
    }
}

/// Deliberate writer bugs that the tests inject to show that the
/// self-check catches them; [`injected`] is always false outside tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// zip: the counter of the first keystream block is 2, not 1.
    ZipCounterStart,
    /// zip: the HMAC covers the password verifier too.
    ZipHmacScope,
    /// 7z: the content is encrypted with the header's IV.
    SevenzContentIv,
    /// 7z: the header is encrypted with the content's IV.
    SevenzHeaderIv,
    /// 7z: not a bug but another writer's header: kEmptyFile before
    /// kEmptyStream.
    SevenzEmptyFileFirst,
    /// 7z: the same, with every empty entry marked as a directory.
    SevenzDirectoryFirst,
}

#[cfg(test)]
thread_local! {
    static FAULT: std::cell::Cell<Option<Fault>> = const { std::cell::Cell::new(None) };
}

/// Whether the test running on this thread injected `fault`.
#[cfg(test)]
pub(crate) fn injected(fault: Fault) -> bool {
    FAULT.with(|f| f.get() == Some(fault))
}

/// Whether a fault is injected: never, outside tests.
#[cfg(not(test))]
#[inline(always)]
pub(crate) fn injected(_: Fault) -> bool {
    false
}

/// How to write an archive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArchiveOptions {
    /// `.7z` or `.zip`.
    pub format: Format,
    /// Stored or compressed.
    pub compression: Compression,
    /// The modification time of every entry: this day at 12:00 (UTC in a
    /// `.7z`, which stores UTC; zone-less DOS time in a `.zip`). Noon keeps
    /// the shown date right in every time zone from UTC−11 to UTC+11.
    pub modified: Date,
}

/// One file read back from an archive. Holds personal data: no `Debug`,
/// and the content is wiped when it is dropped.
pub struct OpenedFile {
    /// The entry name.
    pub name: String,
    /// The content.
    pub bytes: Zeroizing<Vec<u8>>,
}

/// Writes `files` into an encrypted archive.
///
/// Refuses with [`Code::InvalidOption`] an empty password, an empty file
/// list, an entry name that is not a plain file name (see [`check_name`]) and
/// two names that differ only in case; with [`Code::InputTooLarge`] more than
/// [`MAX_CONTENT_BYTES`] or [`MAX_ENTRIES`]; with [`Code::RandomUnavailable`]
/// when there is no secure random source; with [`Code::ArchiveFailed`] any
/// failure of the archive crates.
pub fn seal(
    files: &[FileEntry<'_>],
    password: &str,
    opts: &ArchiveOptions,
) -> Result<Vec<u8>, Code> {
    let entries: Vec<Entry<'_>> = files.iter().map(Entry::from).collect();
    seal_entries(&entries, password, opts)
}

/// [`seal`] for entries whose content is read through [`Content`].
pub fn seal_entries(
    files: &[Entry<'_>],
    password: &str,
    opts: &ArchiveOptions,
) -> Result<Vec<u8>, Code> {
    seal_with_keys(files, password, opts, &mut Keys::default())
}

fn seal_with_keys(
    files: &[Entry<'_>],
    password: &str,
    opts: &ArchiveOptions,
    keys: &mut Keys,
) -> Result<Vec<u8>, Code> {
    check_input(files, password)?;
    match opts.format {
        Format::SevenZ => sevenz::seal(files, password, opts, keys),
        Format::Zip => zip::seal(files, password, opts, keys),
    }
}

/// Reads every file of an archive written by [`seal`], in archive order.
///
/// Reads with the general reader ([`reader`], the one behind `openArchive`)
/// and fails with [`Code::InvalidOption`] for an empty password and with
/// [`Code::ArchiveFailed`] for a wrong password, a damaged archive, another
/// format, an unencrypted entry, a folder, a name the reading policy
/// refuses, a duplicate name or more than the reader's limits.
pub fn open(archive: &[u8], password: &str, format: Format) -> Result<Vec<OpenedFile>, Code> {
    open_with_keys(archive, password, format, &Keys::default())
}

fn open_with_keys(
    archive: &[u8],
    password: &str,
    format: Format,
    keys: &Keys,
) -> Result<Vec<OpenedFile>, Code> {
    if password.is_empty() {
        return Err(Code::InvalidOption);
    }
    // The general reader (reader/, also behind `openArchive`), held to what
    // `seal` writes: the expected format, every byte encrypted, no folders.
    let opened = reader::open_with(archive, password, keys).map_err(|_| Code::ArchiveFailed)?;
    if opened.format != format || opened.warning.is_some() || opened.folders > 0 {
        return Err(Code::ArchiveFailed);
    }
    let files = opened.entries;
    for (i, f) in files.iter().enumerate() {
        check_read_name(&f.name)?;
        if files[..i].iter().any(|g| g.name == f.name) {
            return Err(Code::ArchiveFailed);
        }
    }
    Ok(files)
}

/// The reading policy for entry names, laxer than [`check_name`] because
/// archives made by hand have folders: a relative path (`/` or `\`
/// between its parts) is read; refused with [`Code::ArchiveFailed`] are an
/// empty name, a control character, an absolute path (`/…`, `\…`), a drive
/// letter (`C:…`) and any `..` part, which could write outside the folder
/// the archive is extracted to. In a `.zip` the names are outside the HMAC,
/// so anyone can change them. Before a name becomes a download name it goes
/// through [`download_name`].
pub fn check_read_name(name: &str) -> Result<(), Code> {
    let mut chars = name.chars();
    let drive = matches!(
        (chars.next(), chars.next()),
        (Some(c), Some(':')) if c.is_ascii_alphabetic()
    );
    let refused = name.is_empty()
        || name.len() > 4 * MAX_NAME_BYTES
        || name.chars().any(char::is_control)
        || name.starts_with(['/', '\\'])
        || drive
        || name.split(['/', '\\']).any(|part| part == "..");
    if refused {
        Err(Code::ArchiveFailed)
    } else {
        Ok(())
    }
}

/// The file name to offer for download for an entry read from an archive:
/// its last part, with every character Windows forbids in names replaced by
/// `_` (and `..` by `_.`), without leading spaces or trailing spaces and
/// dots (Windows strips them), at most [`MAX_NAME_BYTES`] bytes; `bestand`
/// when nothing is left. The result always passes [`check_name`].
pub fn download_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut clean: String = last
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    clean = clean
        .trim_start_matches(' ')
        .trim_end_matches([' ', '.'])
        .to_owned();
    // `..` inside a name is harmless once the path is gone, but it is what
    // [`check_name`] refuses: every download name is one a seal accepts.
    while clean.contains("..") {
        clean = clean.replace("..", "_.");
    }
    while clean.len() > MAX_NAME_BYTES {
        clean.pop();
    }
    let clean = clean.trim_start_matches(' ').trim_end_matches([' ', '.']);
    if clean.is_empty() {
        "bestand".to_owned()
    } else {
        clean.to_owned()
    }
}

/// [`seal`], then [`open`] the result with the same password and compare
/// names, order and bytes exactly; any difference (or failure to open) is
/// [`Code::SelfCheckFailed`] and the archive is not returned.
///
/// In the WebAssembly build the reader has no inflater (see
/// `deflate::inflate_exact`): there this works for [`Compression::Stored`]
/// only, which is what a referral uses.
pub fn seal_checked(
    files: &[FileEntry<'_>],
    password: &str,
    opts: &ArchiveOptions,
) -> Result<Vec<u8>, Code> {
    let entries: Vec<Entry<'_>> = files.iter().map(Entry::from).collect();
    let mut keys = Keys::default();
    let archive = seal_with_keys(&entries, password, opts, &mut keys)?;
    let opened = open_with_keys(&archive, password, opts.format, &keys)
        .map_err(|_| Code::SelfCheckFailed)?;
    let same = opened.len() == files.len()
        && opened
            .iter()
            .zip(files)
            .all(|(o, f)| o.name == f.name && o.bytes.as_slice() == f.bytes);
    if same {
        Ok(archive)
    } else {
        Err(Code::SelfCheckFailed)
    }
}

/// Checks that `name` is a plain file name that extracts to itself on
/// Windows, macOS and Linux.
///
/// Refused with [`Code::InvalidOption`]: empty; longer than
/// [`MAX_NAME_BYTES`]; holding a path separator (`/`, `\`), `..`, a control
/// character, or a character Windows forbids in names (`: * ? " < > |`);
/// `.` alone; starting or ending with a space, or ending with a dot (Windows
/// strips those, so the extracted name would differ).
pub fn check_name(name: &str) -> Result<(), Code> {
    let bad_char = |c: char| {
        c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
    };
    let refused = name.is_empty()
        || name.len() > MAX_NAME_BYTES
        || name.as_bytes().windows(2).any(|w| w == b"..")
        || name.chars().any(bad_char)
        || name.starts_with(' ')
        || name.ends_with(' ')
        || name.ends_with('.');
    if refused {
        Err(Code::InvalidOption)
    } else {
        Ok(())
    }
}

/// The checks [`seal`] makes before it writes anything.
fn check_input(files: &[Entry<'_>], password: &str) -> Result<(), Code> {
    if password.is_empty() || files.is_empty() {
        return Err(Code::InvalidOption);
    }
    if files.len() > MAX_ENTRIES {
        return Err(Code::InputTooLarge);
    }
    let mut total: usize = 0;
    // Windows file systems ignore case: `A.txt` would overwrite `a.txt`.
    let mut seen = std::collections::BTreeSet::new();
    for f in files {
        check_name(f.name)?;
        if !seen.insert(crate::unicode::lowercase(f.name)) {
            return Err(Code::InvalidOption);
        }
        total = total.saturating_add(f.content.len());
    }
    if total > MAX_CONTENT_BYTES {
        return Err(Code::InputTooLarge);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PASSWORD: &str = "kotu-mepa-ribe-noza-veki-suta";
    const PUNCTUATED: &str = "Gr0en!e \"Zee\" #42; 100% (ok?) [a-b] {c} \\/ '~`^";

    fn opts(format: Format, compression: Compression) -> ArchiveOptions {
        ArchiveOptions {
            format,
            compression,
            modified: Date::new(2026, 11, 24).unwrap(),
        }
    }

    fn all_opts() -> Vec<ArchiveOptions> {
        let mut v = Vec::new();
        for f in [Format::SevenZ, Format::Zip] {
            for c in [Compression::Stored, Compression::Compressed] {
                v.push(opts(f, c));
            }
        }
        v
    }

    fn random_bytes(n: usize) -> Vec<u8> {
        let mut v = vec![0u8; n];
        crate::random::fill(&mut v).unwrap();
        v
    }

    /// A referral text with the difficulties real names bring: particles,
    /// both apostrophes, Turkish letters, Vietnamese in decomposed form.
    fn referral_text() -> Vec<u8> {
        let mut t = String::from("Doorverwijzing KG-20261124-K7F3QX\r\n");
        for name in [
            "Van den Broeck, Marie-Thérèse",
            "D'Hondt, Jean-Luc",
            "N’Diaye, Aïssatou",
            "Çelik-Yılmaz, Şükrü",
            "Nguye\u{302}\u{303}n Thi\u{323} Minh Kha\u{309}i",
        ] {
            t.push_str("Cliënt: ");
            t.push_str(name);
            t.push_str("\r\nAdres: Kortrijksesteenweg 1024 bus 3, 9000 Gent\r\n");
        }
        t.into_bytes()
    }

    /// The referral text as `doorverwijzing.txt`.
    fn doc(text: &[u8]) -> FileEntry<'_> {
        FileEntry {
            name: "doorverwijzing.txt",
            bytes: text,
        }
    }

    /// [`doc`] and an empty `leeg.txt`.
    fn with_empty(text: &[u8]) -> [FileEntry<'_>; 2] {
        [
            doc(text),
            FileEntry {
                name: "leeg.txt",
                bytes: b"",
            },
        ]
    }

    /// Every entry of `archive`, read by the crate we no longer write
    /// with (`sevenz-rust2` or `zip`): an independent reader, in archive
    /// order (7z: entries with content first, as that crate hands them out).
    fn independent_open(archive: &[u8], password: &str, format: Format) -> Vec<(String, Vec<u8>)> {
        try_independent_open(archive, password, format).unwrap()
    }

    /// [`independent_open`], with its failure as a value.
    fn try_independent_open(
        archive: &[u8],
        password: &str,
        format: Format,
    ) -> Result<Vec<(String, Vec<u8>)>, String> {
        use std::io::Read;
        let mut out = Vec::new();
        match format {
            Format::SevenZ => {
                let mut reader = sevenz_rust2::ArchiveReader::new(
                    std::io::Cursor::new(archive),
                    sevenz_rust2::Password::from(password),
                )
                .map_err(|e| e.to_string())?;
                reader
                    .for_each_entries(|entry, data| {
                        let mut bytes = Vec::new();
                        data.read_to_end(&mut bytes)?;
                        out.push((entry.name().to_owned(), bytes));
                        Ok(true)
                    })
                    .map_err(|e| e.to_string())?;
            }
            Format::Zip => {
                let mut zip = ::zip::ZipArchive::new(std::io::Cursor::new(archive))
                    .map_err(|e| e.to_string())?;
                for i in 0..zip.len() {
                    let mut f = zip
                        .by_index_decrypt(i, password.as_bytes())
                        .map_err(|e| e.to_string())?;
                    let mut bytes = Vec::new();
                    f.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
                    out.push((f.name().map_err(|e| e.to_string())?.into_owned(), bytes));
                }
            }
        }
        Ok(out)
    }

    /// Seals, then opens with our reader and with the independent one.
    fn assert_round_trip(files: &[FileEntry<'_>], password: &str, o: &ArchiveOptions) {
        let archive = seal(files, password, o).unwrap();
        let opened = open(&archive, password, o.format).unwrap();
        assert_eq!(opened.len(), files.len(), "{o:?}");
        for (got, want) in opened.iter().zip(files) {
            assert_eq!(got.name, want.name, "{o:?}");
            assert!(got.bytes.as_slice() == want.bytes, "{o:?} {}", want.name);
        }
        let mut other = independent_open(&archive, password, o.format);
        assert_eq!(other.len(), files.len(), "{o:?}");
        for want in files {
            let at = other.iter().position(|(n, _)| n == want.name).unwrap();
            let (_, bytes) = other.remove(at);
            assert!(
                bytes == want.bytes,
                "{o:?} {} (independent reader)",
                want.name
            );
        }
    }

    #[test]
    fn round_trips_every_format_and_compression() {
        let text = referral_text();
        let json = br#"{"schema":1,"client":{"familyName":"D'Hondt"}}"#.to_vec();
        let big = random_bytes(1024 * 1024);
        let one = [0x7fu8];
        let sets: Vec<Vec<FileEntry<'_>>> = vec![
            vec![FileEntry {
                name: "leeg.txt",
                bytes: b"",
            }],
            vec![FileEntry {
                name: "een.bin",
                bytes: &one,
            }],
            vec![FileEntry {
                name: "groot.bin",
                bytes: &big,
            }],
            vec![
                FileEntry {
                    name: "doorverwijzing.txt",
                    bytes: &text,
                },
                FileEntry {
                    name: "leeg.txt",
                    bytes: b"",
                },
                FileEntry {
                    name: "doorverwijzing.json",
                    bytes: &json,
                },
                FileEntry {
                    name: "contact.vcf",
                    bytes: b"BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n",
                },
            ],
            vec![
                FileEntry {
                    name: "a.txt",
                    bytes: b"",
                },
                FileEntry {
                    name: "b.txt",
                    bytes: b"",
                },
            ],
        ];
        for o in all_opts() {
            for files in &sets {
                assert_round_trip(files, PASSWORD, &o);
            }
            assert_round_trip(&sets[3], PUNCTUATED, &o);
        }
    }

    #[test]
    fn seal_checked_returns_an_archive_that_opens() {
        let text = referral_text();
        let files = [doc(&text)];
        for o in all_opts() {
            let archive = seal_checked(&files, PASSWORD, &o).unwrap();
            let opened = open(&archive, PASSWORD, o.format).unwrap();
            assert_eq!(opened[0].bytes.as_slice(), text.as_slice());
        }
    }

    #[test]
    fn compression_shrinks_text_and_stored_does_not() {
        let text = referral_text().repeat(20);
        let files = [doc(&text)];
        for f in [Format::SevenZ, Format::Zip] {
            let stored = seal(&files, PASSWORD, &opts(f, Compression::Stored)).unwrap();
            let packed = seal(&files, PASSWORD, &opts(f, Compression::Compressed)).unwrap();
            assert!(stored.len() > text.len(), "{f:?} stored {}", stored.len());
            assert!(
                packed.len() < text.len() / 2,
                "{f:?} packed {}",
                packed.len()
            );
        }
    }

    #[test]
    fn fail_wrong_password() {
        let text = referral_text();
        let files = with_empty(&text);
        for o in all_opts() {
            let archive = seal(&files, PASSWORD, &o).unwrap();
            for wrong in [
                "kotu-mepa-ribe-noza-veki-sutb",
                "KOTU-MEPA-RIBE-NOZA-VEKI-SUTA",
                "kotu",
                PUNCTUATED,
            ] {
                assert_eq!(
                    open(&archive, wrong, o.format).err(),
                    Some(Code::ArchiveFailed),
                    "{o:?} {wrong}"
                );
            }
            // The same archive opens with the right password: the refusals
            // above are the password's, not a broken archive's.
            let opened = open(&archive, PASSWORD, o.format).unwrap();
            assert_eq!(opened.len(), 2, "{o:?}");
            assert_eq!(opened[0].bytes.as_slice(), text.as_slice(), "{o:?}");
            assert!(opened[1].bytes.is_empty(), "{o:?}");
            assert_eq!(
                open(&archive, "", o.format).err(),
                Some(Code::InvalidOption),
                "{o:?}"
            );
        }
    }

    #[test]
    fn fail_wrong_format_or_damage() {
        let text = referral_text();
        let files = [doc(&text)];
        for o in all_opts() {
            let mut archive = seal(&files, PASSWORD, &o).unwrap();
            let other = match o.format {
                Format::SevenZ => Format::Zip,
                Format::Zip => Format::SevenZ,
            };
            assert_eq!(
                open(&archive, PASSWORD, other).err(),
                Some(Code::ArchiveFailed),
                "{o:?}"
            );
            // Flip one bit in the middle of the encrypted content.
            let mid = archive.len() / 2;
            archive[mid] ^= 0x10;
            assert!(open(&archive, PASSWORD, o.format).is_err(), "{o:?}");
            assert_eq!(
                open(&archive[..archive.len() / 3], PASSWORD, o.format).err(),
                Some(Code::ArchiveFailed)
            );
        }
        for f in [Format::SevenZ, Format::Zip] {
            assert_eq!(open(b"", PASSWORD, f).err(), Some(Code::ArchiveFailed));
            assert_eq!(
                open(b"PK\x03\x04garbage", PASSWORD, f).err(),
                Some(Code::ArchiveFailed)
            );
        }
    }

    #[test]
    fn fail_names_that_are_not_plain() {
        let refused = [
            "",
            "map/doorverwijzing.txt",
            "/doorverwijzing.txt",
            "map\\doorverwijzing.txt",
            "C:\\doorverwijzing.txt",
            "C:doorverwijzing.txt",
            "..",
            ".",
            "../doorverwijzing.txt",
            "doorverwijzing..txt",
            "doorverwijzing.txt\0",
            "door\nverwijzing.txt",
            "door\u{7f}verwijzing.txt",
            "door\u{85}verwijzing.txt",
            "wat?.txt",
            "a*.txt",
            "\"a\".txt",
            "a<b>.txt",
            "a|b.txt",
            " doorverwijzing.txt",
            "doorverwijzing.txt ",
            "doorverwijzing.",
        ];
        let long = "a".repeat(MAX_NAME_BYTES + 1);
        let long_multibyte = "é".repeat(128); // 256 bytes, 128 characters
        for name in refused
            .iter()
            .copied()
            .chain([long.as_str(), long_multibyte.as_str()])
        {
            assert_eq!(check_name(name), Err(Code::InvalidOption), "{name:?}");
            let files = [FileEntry { name, bytes: b"x" }];
            for o in all_opts() {
                assert_eq!(
                    seal(&files, PASSWORD, &o).err(),
                    Some(Code::InvalidOption),
                    "{name:?}"
                );
            }
        }
        let max = "a".repeat(MAX_NAME_BYTES);
        for name in [
            "doorverwijzing.txt",
            "contact.vcf",
            ".verborgen",
            "D'Hondt N’Diaye.txt",
            "Çelik-Yılmaz.txt",
            "a",
            max.as_str(),
        ] {
            assert_eq!(check_name(name), Ok(()), "{name:?}");
        }
    }

    #[test]
    fn accepted_names_round_trip_exactly() {
        let names = [
            "D'Hondt N’Diaye.txt",
            "Çelik-Yılmaz.txt",
            "Nguye\u{302}\u{303}n.txt",
            ".verborgen",
        ];
        let files: Vec<FileEntry<'_>> = names
            .iter()
            .map(|n| FileEntry {
                name: n,
                bytes: n.as_bytes(),
            })
            .collect();
        for o in all_opts() {
            assert_round_trip(&files, PASSWORD, &o);
        }
    }

    #[test]
    fn fail_duplicates_empty_lists_and_empty_passwords() {
        let dup = [
            FileEntry {
                name: "doorverwijzing.txt",
                bytes: b"a",
            },
            FileEntry {
                name: "doorverwijzing.txt",
                bytes: b"b",
            },
        ];
        let dup_case = [
            FileEntry {
                name: "Doorverwijzing.txt",
                bytes: b"a",
            },
            FileEntry {
                name: "doorverwijzing.TXT",
                bytes: b"b",
            },
        ];
        let ok = [FileEntry {
            name: "doorverwijzing.txt",
            bytes: b"a",
        }];
        for o in all_opts() {
            assert_eq!(seal(&dup, PASSWORD, &o).err(), Some(Code::InvalidOption));
            assert_eq!(
                seal(&dup_case, PASSWORD, &o).err(),
                Some(Code::InvalidOption)
            );
            assert_eq!(seal(&[], PASSWORD, &o).err(), Some(Code::InvalidOption));
            assert_eq!(seal(&ok, "", &o).err(), Some(Code::InvalidOption));
            assert_eq!(seal_checked(&ok, "", &o).err(), Some(Code::InvalidOption));
        }
    }

    #[test]
    fn fail_too_many_entries() {
        let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("f{i}.txt")).collect();
        let files: Vec<FileEntry<'_>> = names
            .iter()
            .map(|n| FileEntry {
                name: n,
                bytes: b"",
            })
            .collect();
        assert_eq!(
            seal(&files, PASSWORD, &opts(Format::Zip, Compression::Stored)).err(),
            Some(Code::InputTooLarge)
        );
    }

    #[test]
    fn zip_dates_outside_dos_range_are_refused() {
        let files = [FileEntry {
            name: "a.txt",
            bytes: b"a",
        }];
        let mut o = opts(Format::Zip, Compression::Stored);
        o.modified = Date::new(1979, 12, 31).unwrap();
        assert_eq!(seal(&files, PASSWORD, &o).err(), Some(Code::InvalidOption));
        o.format = Format::SevenZ;
        assert_round_trip(&files, PASSWORD, &o);
    }

    /// Where the random part of an archive starts: the first AES block of
    /// the content (7z), or the salt of the first entry (zip).
    fn random_start(archive: &[u8], format: Format) -> usize {
        match format {
            Format::SevenZ => 32,
            Format::Zip => {
                let u16_at =
                    |i: usize| usize::from(u16::from_le_bytes([archive[i], archive[i + 1]]));
                30 + u16_at(26) + u16_at(28)
            }
        }
    }

    #[test]
    fn two_seals_of_the_same_input_differ() {
        let text = referral_text();
        let files = [doc(&text)];
        for o in all_opts() {
            let a = seal(&files, PASSWORD, &o).unwrap();
            let b = seal(&files, PASSWORD, &o).unwrap();
            assert_eq!(a.len(), b.len(), "{o:?}");
            let start = random_start(&a, o.format);
            assert_eq!(start, random_start(&b, o.format));
            // Salt (zip) or IV-dependent ciphertext (7z), then ciphertext:
            // equal bytes only by chance (1 in 256 each).
            let same = a[start..start + 64]
                .iter()
                .zip(&b[start..start + 64])
                .filter(|(x, y)| x == y)
                .count();
            assert!(same < 8, "{o:?}: {same} of 64 bytes equal");
        }
    }

    /// The AES coder properties (34 bytes: cycles, sizes, salt, IV) after
    /// the 7zAES method id in `bytes`.
    fn aes_props(bytes: &[u8]) -> Option<[u8; 34]> {
        let id = [0x24u8, 0x06, 0xF1, 0x07, 0x01, 34];
        let at = bytes.windows(id.len()).position(|w| w == id)?;
        bytes
            .get(at + id.len()..at + id.len() + 34)?
            .try_into()
            .ok()
    }

    #[test]
    fn sevenz_uses_19_cycles_one_salt_and_distinct_ivs() {
        let text = referral_text();
        let files = [doc(&text)];
        for c in [Compression::Stored, Compression::Compressed] {
            let archive = seal(&files, PASSWORD, &opts(Format::SevenZ, c)).unwrap();
            // The plain end header: a 7zAES coder for the encrypted header.
            let next = usize::try_from(u64::from_le_bytes(archive[12..20].try_into().unwrap()))
                .unwrap()
                + 32;
            assert_eq!(archive[next], 0x17, "kEncodedHeader");
            let header = aes_props(&archive[next..]).expect("7zAES coder for the header");
            // The content coder, from the decrypted header.
            let parsed = sevenz_rust2::Archive::read(
                &mut std::io::Cursor::new(&archive),
                &sevenz_rust2::Password::from(PASSWORD),
            )
            .unwrap();
            let coder = parsed.blocks[0]
                .coders
                .iter()
                .find(|k| k.encoder_method_id() == [0x06, 0xF1, 0x07, 0x01])
                .expect("7zAES coder for the content");
            let content: [u8; 34] = coder.properties().try_into().unwrap();
            for p in [header, content] {
                assert_eq!(p[0] & 0x3F, 19, "cycles power");
                assert_eq!(p[1], 0xFF, "16-byte salt and IV");
            }
            assert_eq!(header[2..18], content[2..18], "one salt per archive");
            assert_ne!(header[18..34], content[18..34], "distinct IVs");
            assert_ne!(content[18..34], [0u8; 16]);
        }
    }

    /// Sets a writer fault for the test on this thread, until dropped.
    struct Injected;

    impl Injected {
        fn new(fault: Fault) -> Injected {
            FAULT.with(|f| f.set(Some(fault)));
            Injected
        }
    }

    impl Drop for Injected {
        fn drop(&mut self) {
            FAULT.with(|f| f.set(None));
        }
    }

    #[test]
    fn self_check_catches_a_broken_writer() {
        let text = referral_text();
        let files = with_empty(&text);
        let want: Vec<(String, Vec<u8>)> = vec![("doorverwijzing.txt".into(), text.clone())];
        for (fault, format) in [
            (Fault::ZipCounterStart, Format::Zip),
            (Fault::ZipHmacScope, Format::Zip),
            (Fault::SevenzContentIv, Format::SevenZ),
            (Fault::SevenzHeaderIv, Format::SevenZ),
        ] {
            let o = opts(format, Compression::Stored);
            let (broken, checked) = {
                let _fault = Injected::new(fault);
                (
                    seal(&files, PASSWORD, &o),
                    seal_checked(&files, PASSWORD, &o),
                )
            };
            assert_eq!(checked.err(), Some(Code::SelfCheckFailed), "{fault:?}");
            // The fault is real: the writer wrote an archive that an
            // independent reader does not read back as the input.
            let broken = broken.unwrap();
            let other = try_independent_open(&broken, PASSWORD, format);
            assert!(
                other.as_ref().map_or(true, |o| o.first() != want.first()),
                "{fault:?}: the independent reader read the input back"
            );
            // Without the fault, the same seal passes.
            assert!(seal_checked(&files, PASSWORD, &o).is_ok(), "{fault:?}");
        }
    }

    #[test]
    fn sevenz_reads_empty_file_before_empty_stream_and_refuses_directories() {
        let files = [
            FileEntry {
                name: "doorverwijzing.txt",
                bytes: b"Doorverwijzing",
            },
            FileEntry {
                name: "map",
                bytes: b"",
            },
        ];
        let o = opts(Format::SevenZ, Compression::Stored);
        let directory = {
            let _fault = Injected::new(Fault::SevenzDirectoryFirst);
            seal(&files, PASSWORD, &o).unwrap()
        };
        assert_eq!(
            open(&directory, PASSWORD, o.format).err(),
            Some(Code::ArchiveFailed)
        );
        // Empty files, in either order.
        let empty_file_first = {
            let _fault = Injected::new(Fault::SevenzEmptyFileFirst);
            seal(&files, PASSWORD, &o).unwrap()
        };
        for archive in [empty_file_first, seal(&files, PASSWORD, &o).unwrap()] {
            let opened = open(&archive, PASSWORD, o.format).unwrap();
            assert_eq!(opened[1].name, "map");
            assert!(opened[1].bytes.is_empty());
        }
    }

    /// Replaces every occurrence of `from` in `archive` by `to` (same
    /// length): a zip's names are outside its HMAC.
    fn rename(archive: &mut [u8], from: &str, to: &str) -> usize {
        assert_eq!(from.len(), to.len());
        let mut n = 0;
        let mut i = 0;
        while i + from.len() <= archive.len() {
            if &archive[i..i + from.len()] == from.as_bytes() {
                archive[i..i + from.len()].copy_from_slice(to.as_bytes());
                n += 1;
            }
            i += 1;
        }
        n
    }

    #[test]
    fn zip_reader_checks_names_outside_the_hmac() {
        let stem = "doorverwijzingen.txt";
        let files = [FileEntry {
            name: stem,
            bytes: b"Doorverwijzing",
        }];
        let archive = seal(&files, PASSWORD, &opts(Format::Zip, Compression::Stored)).unwrap();
        // Each name padded to the stem's 20 bytes.
        for hostile in [
            "../../../../etc/x.sh",
            "/etc/cron.d/job.txt",
            "\\server\\share\\a.txt",
            "C:\\Windows\\win.txt",
            "c:doorverwijzing.txt",
            "map/../../a/b/c.txt",
            "map\\..\\..\\b.txt",
            "doorverwijzing\0.txt",
        ] {
            let name = format!("{hostile:x<20}");
            let mut a = archive.clone();
            assert_eq!(rename(&mut a, stem, &name), 2, "local and central header");
            assert_eq!(
                open(&a, PASSWORD, Format::Zip).err(),
                Some(Code::ArchiveFailed),
                "{name:?}"
            );
        }
        for relative in [
            "map/doorverwijzing.txt",
            "a/b/c/d/e/f/g/h.txt",
            "..doorverwijzing.txt",
        ] {
            let name: String = format!("{relative:x<20}").chars().take(20).collect();
            let mut a = archive.clone();
            assert_eq!(rename(&mut a, stem, &name), 2);
            let opened = open(&a, PASSWORD, Format::Zip).unwrap();
            assert_eq!(opened[0].name, name);
            assert_eq!(opened[0].bytes.as_slice(), b"Doorverwijzing");
        }
    }

    #[test]
    fn read_names_policy_and_download_names() {
        for ok in [
            "a.txt",
            "map/a.txt",
            "map\\sub\\a.txt",
            "..a",
            "a..b/c",
            ".verborgen",
            "é/ü.txt",
        ] {
            assert_eq!(check_read_name(ok), Ok(()), "{ok:?}");
        }
        for bad in [
            "", "..", "../a", "a/..", "a/../b", "a\\..\\b", "/a", "\\a", "C:", "C:a", "z:\\a",
            "a\0b", "a\nb", "a\u{85}b",
        ] {
            assert_eq!(check_read_name(bad), Err(Code::ArchiveFailed), "{bad:?}");
        }
        for (name, want) in [
            ("map/doorverwijzing.txt", "doorverwijzing.txt"),
            ("map\\sub\\contact.vcf", "contact.vcf"),
            ("wat?.txt", "wat_.txt"),
            ("a<b>|c\"d\":e*.txt", "a_b__c_d__e_.txt"),
            ("tab\there.txt", "tab_here.txt"),
            ("  spaties.txt. . ", "spaties.txt"),
            ("map/", "bestand"),
            ("...", "bestand"),
            ("map/..doorverwijzing.txt", "_.doorverwijzing.txt"),
            ("a...b.txt", "a__.b.txt"),
            ("Çelik-Yılmaz.txt", "Çelik-Yılmaz.txt"),
        ] {
            assert_eq!(download_name(name), want, "{name:?}");
            assert_eq!(check_name(&download_name(name)), Ok(()), "{name:?}");
        }
        let long = format!("{}.txt", "é".repeat(200));
        let d = download_name(&long);
        assert!(d.len() <= MAX_NAME_BYTES && d.starts_with('é'));
        assert_eq!(check_name(&d), Ok(()));
    }

    /// The random parts of an archive: 7z its salt and two IVs, zip each
    /// entry's salt.
    fn random_parts(archive: &[u8], format: Format) -> Vec<[u8; 16]> {
        match format {
            Format::SevenZ => {
                let next = usize::try_from(u64::from_le_bytes(archive[12..20].try_into().unwrap()))
                    .unwrap()
                    + 32;
                let header = aes_props(&archive[next..]).unwrap();
                let parsed = sevenz_rust2::Archive::read(
                    &mut std::io::Cursor::new(archive),
                    &sevenz_rust2::Password::from(PASSWORD),
                )
                .unwrap();
                let content: [u8; 34] = parsed.blocks[0].coders[0].properties().try_into().unwrap();
                assert_eq!(header[2..18], content[2..18], "one salt per archive");
                vec![
                    header[2..18].try_into().unwrap(),
                    header[18..34].try_into().unwrap(),
                    content[18..34].try_into().unwrap(),
                ]
            }
            Format::Zip => {
                let mut out = Vec::new();
                let mut at = 0;
                let u16_at =
                    |i: usize| usize::from(u16::from_le_bytes([archive[i], archive[i + 1]]));
                let u32_at =
                    |i: usize| u32::from_le_bytes(archive[i..i + 4].try_into().unwrap()) as usize;
                while u32_at(at) == 0x0403_4b50 {
                    let data = at + 30 + u16_at(at + 26) + u16_at(at + 28);
                    out.push(archive[data..data + 16].try_into().unwrap());
                    at = data + u32_at(at + 18);
                }
                out
            }
        }
    }

    #[test]
    fn salts_and_ivs_are_random_distinct_and_fresh() {
        let text = referral_text();
        let files = [
            FileEntry {
                name: "doorverwijzing.txt",
                bytes: &text,
            },
            FileEntry {
                name: "doorverwijzing.json",
                bytes: &text,
            },
            FileEntry {
                name: "contact.vcf",
                bytes: &text,
            },
        ];
        for o in all_opts() {
            let a = random_parts(&seal(&files, PASSWORD, &o).unwrap(), o.format);
            let b = random_parts(&seal(&files, PASSWORD, &o).unwrap(), o.format);
            assert_eq!(a.len(), 3, "{o:?}");
            let all: Vec<&[u8; 16]> = a.iter().chain(&b).collect();
            for (i, x) in all.iter().enumerate() {
                assert_ne!(**x, [0u8; 16], "{o:?}: part {i} is zero");
                // Random bytes: not one value repeated.
                assert!(x.iter().any(|&v| v != x[0]), "{o:?}: part {i} {x:?}");
                for (j, y) in all.iter().enumerate().skip(i + 1) {
                    assert_ne!(x, y, "{o:?}: parts {i} and {j} are equal");
                }
            }
        }
    }

    #[test]
    fn sevenz_time_is_noon_utc() {
        let files = [FileEntry {
            name: "a.txt",
            bytes: b"abc",
        }];
        for (date, unix) in [
            ((2026, 11, 24), 1_795_521_600u64),
            ((2024, 2, 29), 1_709_208_000),
            ((1970, 1, 1), 43_200),
        ] {
            let mut o = opts(Format::SevenZ, Compression::Stored);
            o.modified = Date::new(date.0, date.1, date.2).unwrap();
            let archive = seal(&files, PASSWORD, &o).unwrap();
            let parsed = sevenz_rust2::Archive::read(
                &mut std::io::Cursor::new(&archive),
                &sevenz_rust2::Password::from(PASSWORD),
            )
            .unwrap();
            let t = std::time::SystemTime::from(parsed.files[0].last_modified_date());
            let secs = t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
            assert_eq!(secs, unix, "{date:?}");
        }
    }

    #[test]
    fn formats_parse_and_describe_themselves() {
        assert_eq!(Format::parse("7z"), Ok(Format::SevenZ));
        assert_eq!(Format::parse("zip"), Ok(Format::Zip));
        for bad in ["", "ZIP", "7Z", ".zip", "rar", "7z "] {
            assert_eq!(Format::parse(bad), Err(Code::InvalidOption), "{bad:?}");
        }
        assert_eq!(Format::default(), Format::SevenZ);
        assert_eq!(
            (Format::SevenZ.extension(), Format::Zip.extension()),
            ("7z", "zip")
        );
        assert_eq!(Format::SevenZ.mime_type(), "application/x-7z-compressed");
        assert_eq!(Format::Zip.mime_type(), "application/zip");
    }

    fn file_set() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
        prop::collection::btree_map(
            "[a-z0-9_-]{1,12}\\.(txt|json|vcf)",
            prop::collection::vec(any::<u8>(), 0..600),
            1..5,
        )
        .prop_map(|m| m.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn open_never_panics_on_damaged_archives(
            zip in any::<bool>(),
            flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..4),
            cut in any::<prop::sample::Index>(),
            truncate in any::<bool>(),
        ) {
            let format = if zip { Format::Zip } else { Format::SevenZ };
            let text = referral_text();
            let files = [
                FileEntry { name: "doorverwijzing.txt", bytes: &text },
                FileEntry { name: "leeg.txt", bytes: b"" },
            ];
            let mut archive = seal(&files, PASSWORD, &opts(format, Compression::Compressed)).unwrap();
            for (at, x) in flips {
                let i = at.index(archive.len());
                archive[i] ^= x;
            }
            if truncate {
                archive.truncate(cut.index(archive.len()));
            }
            // Damage may hit bytes no reader looks at; what opens must be
            // the original content, and nothing may panic.
            if let Ok(opened) = open(&archive, PASSWORD, format) {
                prop_assert_eq!(opened.len(), 2);
                prop_assert_eq!(opened[0].bytes.as_slice(), text.as_slice());
            }
        }

        #[test]
        fn download_names_are_plain_names(name in "\\PC{0,300}", parts in prop::collection::vec("[./\\\\ a-z:*?]{0,6}", 0..8)) {
            prop_assert_eq!(check_name(&download_name(&name)), Ok(()));
            let joined = parts.concat();
            prop_assert_eq!(check_name(&download_name(&joined)), Ok(()), "{:?}", joined);
        }

        #[test]
        fn open_never_panics_on_noise(bytes in prop::collection::vec(any::<u8>(), 0..400), zip in any::<bool>()) {
            let format = if zip { Format::Zip } else { Format::SevenZ };
            prop_assert!(open(&bytes, PASSWORD, format).is_err());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        #[test]
        fn any_file_set_round_trips(
            files in file_set(),
            password in "[!-~]{1,40}",
            zip in any::<bool>(),
            compressed in any::<bool>(),
        ) {
            let o = opts(
                if zip { Format::Zip } else { Format::SevenZ },
                if compressed { Compression::Compressed } else { Compression::Stored },
            );
            let entries: Vec<FileEntry<'_>> = files.iter().map(|(n, b)| FileEntry { name: n, bytes: b }).collect();
            let archive = seal_checked(&entries, &password, &o).unwrap();
            let opened = open(&archive, &password, o.format).unwrap();
            prop_assert_eq!(opened.len(), files.len());
            for (got, (name, bytes)) in opened.iter().zip(&files) {
                prop_assert_eq!(&got.name, name);
                prop_assert_eq!(got.bytes.as_slice(), bytes.as_slice());
            }
            let mut other = independent_open(&archive, &password, o.format);
            other.sort();
            let mut want = files.clone();
            want.sort();
            prop_assert_eq!(other, want);
        }
    }
}
