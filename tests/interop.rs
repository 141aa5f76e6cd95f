//! Interoperability: our archives, opened by real readers.
//!
//! Readers: `7zz` (7-Zip), `7z` (p7zip), `bsdtar` (libarchive; `.zip` only,
//! it cannot read encrypted `.7z` headers), and the Python libraries
//! `py7zr` and `pyzipper` from the virtual environment in `.venv` (or the
//! interpreter named by `RS_PYTHON`), installed from `requirements-test.txt`.
//!
//! A missing reader fails the test, so a machine without them cannot pass
//! in silence; set `RS_ALLOW_MISSING_READERS=1` to skip those checks.
//!
//! The `.zip` structure (method 99, AES extra field AE-2, strength 3, CRC 0)
//! is checked against APPNOTE.TXT 6.3.10 §4.3.7, §4.3.12, §4.4.4 and the
//! WinZip AES specification (<https://www.winzip.com/en/support/aes-encryption/>),
//! by parsing the bytes here rather than through the crate that wrote them.

use referral_seal::archive::{self, ArchiveOptions, Compression, FileEntry, Format};
use referral_seal::Date;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A passphrase of the kind the generator makes.
const PASSPHRASE: &str = "kotu-mepa-ribe-noza-veki-suta";
/// Printable ASCII punctuation, spaces and quotes: what a user might type.
const PUNCTUATED: &str = "Gr0en!e \"Zee\" #42; 100% (ok?) [a-b] {c} \\/ '~`^&*=+|<>,.:@$";
const PASSWORDS: [&str; 2] = [PASSPHRASE, PUNCTUATED];
const WRONG: [&str; 3] = [
    "kotu-mepa-ribe-noza-veki-sutb",
    "Kotu-mepa-ribe-noza-veki-suta",
    "x",
];

/// 2026-11-24 12:00:00 UTC as Unix seconds (computed with `date -u -d`).
const NOON_2026_11_24_UNIX: u64 = 1_795_521_600;

// ---------------------------------------------------------------- fixtures

/// The files of a referral, plus the edge cases: an empty file, one byte,
/// and 200 KiB of noise (more than the 64 KiB pieces the writers read at a time).
struct Fixture {
    files: Vec<(&'static str, Vec<u8>)>,
}

impl Fixture {
    fn new() -> Fixture {
        let mut text = String::from(
            "Doorverwijzing KG-20261124-K7F3QX\r\nVan: Kind en Gezin, team Gent-Noord\r\n",
        );
        for name in [
            "Van den Broeck, Marie-Thérèse",
            "D'Hondt, Jean-Luc",
            "N’Diaye, Aïssatou",
            "Çelik-Yılmaz, Şükrü",
            "Nguye\u{302}\u{303}n Thi\u{323} Minh Kha\u{309}i",
            "Vandenbroucke-Delacroix de Saint-Exupéry, Anne-Sophie Marie Josèphe",
        ] {
            text.push_str("Cliënt: ");
            text.push_str(name);
            text.push_str("\r\nAdres: Kortrijksesteenweg 1024 bus 3, 9000 Gent\r\nTelefoon: 0470 12 34 56\r\n\r\n");
        }
        let json = r#"{"schema":1,"client":{"givenName":"Aïssatou","familyName":"N’Diaye"},"contact":{"email":"a.ndiaye@example.com"}}"#;
        let vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:N’Diaye;Aïssatou;;;\r\nFN:Aïssatou N’Diaye\r\nEND:VCARD\r\n";
        // xorshift64*: deterministic noise, no dependency.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let noise: Vec<u8> = (0..200 * 1024)
            .map(|_| {
                state ^= state >> 12;
                state ^= state << 25;
                state ^= state >> 27;
                (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
            })
            .collect();
        Fixture {
            files: vec![
                ("doorverwijzing.txt", text.into_bytes()),
                ("doorverwijzing.json", json.as_bytes().to_vec()),
                ("contact.vcf", vcf.as_bytes().to_vec()),
                ("leeg.txt", Vec::new()),
                ("een.bin", vec![b'K']),
                ("ruis.bin", noise),
            ],
        }
    }

    /// The referral documents alone, without the noise and edge cases:
    /// content that Deflate shrinks.
    fn text_only() -> Fixture {
        let mut fx = Fixture::new();
        fx.files.truncate(3);
        fx
    }

    /// The method a compressed entry should get: Deflate, unless it is at
    /// most 128 bytes or it is the noise, which Deflate cannot shrink and
    /// which is therefore stored (as 7-Zip stores such zip entries).
    fn compressible(name: &str, bytes: &[u8]) -> bool {
        bytes.len() > 128 && name != "ruis.bin"
    }

    fn entries(&self) -> Vec<FileEntry<'_>> {
        self.files
            .iter()
            .map(|(n, b)| FileEntry { name: n, bytes: b })
            .collect()
    }

    fn seal(&self, password: &str, format: Format, compression: Compression) -> Vec<u8> {
        let opts = ArchiveOptions {
            format,
            compression,
            modified: Date::new(2026, 11, 24).unwrap(),
        };
        archive::seal_checked(&self.entries(), password, &opts).unwrap()
    }

    /// Asserts that `dir` holds exactly our files with our bytes.
    fn assert_extracted(&self, dir: &Path, context: &str) {
        let mut found: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        found.sort();
        let mut want: Vec<String> = self.files.iter().map(|(n, _)| n.to_string()).collect();
        want.sort();
        assert_eq!(found, want, "{context}");
        for (name, bytes) in &self.files {
            let got = std::fs::read(dir.join(name)).unwrap();
            assert!(
                got == *bytes,
                "{context}: {name} differs ({} vs {} bytes)",
                got.len(),
                bytes.len()
            );
        }
    }

    /// Asserts that no file in `dir` holds the content of our non-empty files.
    fn assert_not_extracted(&self, dir: &Path, context: &str) {
        for (name, bytes) in self.files.iter().filter(|(_, b)| !b.is_empty()) {
            if let Ok(got) = std::fs::read(dir.join(name)) {
                assert!(
                    got != *bytes,
                    "{context}: {name} was extracted with a wrong password"
                );
            }
        }
    }
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let p = std::env::temp_dir().join(format!(
            "referral-seal-interop-{}-{n}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }

    /// Writes `bytes` to a file with a neutral name that shares nothing
    /// with the entry names, so that a name found in a reader's output can
    /// only have come from inside the archive.
    fn write(&self, bytes: &[u8], format: Format) -> PathBuf {
        let p = self.0.join(format!("a.{}", format.extension()));
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn subdir(&self, name: &str) -> PathBuf {
        let p = self.0.join(name);
        std::fs::create_dir_all(&p).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// ----------------------------------------------------------------- readers

fn missing_allowed() -> bool {
    std::env::var("RS_ALLOW_MISSING_READERS").is_ok_and(|v| v == "1")
}

/// Runs a reader. A reader that is not installed fails the test, unless
/// `RS_ALLOW_MISSING_READERS=1`, in which case this returns `None`.
fn run(cmd: &mut Command, stdin: &[u8]) -> Option<Output> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    // A fixed zone and locale make dates and messages comparable.
    cmd.env("TZ", "UTC").env("LC_ALL", "C.UTF-8");
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                missing_allowed(),
                "reader `{program}` is not installed: install it (see the CI setup script) or set RS_ALLOW_MISSING_READERS=1"
            );
            eprintln!("skipped: reader `{program}` is not installed");
            return None;
        }
        Err(e) => panic!("cannot run `{program}`: {e}"),
    };
    let mut pipe = child.stdin.take().unwrap();
    // A reader that prompts gets end-of-file, not a hang.
    let _ = pipe.write_all(stdin);
    drop(pipe);
    Some(child.wait_with_output().unwrap())
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The Python interpreter that has the test readers installed.
fn python(module: &str) -> Option<PathBuf> {
    let py = std::env::var_os("RS_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"));
    let has_module = Command::new(&py)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if has_module {
        return Some(py);
    }
    assert!(
        missing_allowed(),
        "Python module `{module}` is not available in {}: run `python3 -m venv .venv && .venv/bin/pip install -r requirements-test.txt`, set RS_PYTHON, or set RS_ALLOW_MISSING_READERS=1",
        py.display()
    );
    eprintln!("skipped: Python module `{module}` is not available");
    None
}

fn python_reader(
    module: &str,
    script: &str,
    archive: &Path,
    out: &Path,
    password: &str,
) -> Option<Output> {
    let py = python(module)?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/readers")
        .join(script);
    run(
        Command::new(py).arg(script).arg(archive).arg(out),
        password.as_bytes(),
    )
}

const SEVEN_ZIPS: [&str; 2] = ["7zz", "7z"];

fn bsdtar_extract(archive: &Path, out: &Path, password: &str) -> Option<Output> {
    let mut bsdtar = Command::new("bsdtar");
    bsdtar
        .arg("-x")
        .arg("-f")
        .arg(archive)
        .arg("--passphrase")
        .arg(password)
        .arg("-C")
        .arg(out);
    run(&mut bsdtar, b"")
}

fn seven_zip_extract(tool: &str, archive: &Path, out: &Path, password: &str) -> Option<Output> {
    let mut o = std::ffi::OsString::from("-o");
    o.push(out);
    run(
        Command::new(tool)
            .args(["x", "-y", "-bd"])
            .arg(format!("-p{password}"))
            .arg(o)
            .arg(archive),
        b"",
    )
}

fn seven_zip(tool: &str, args: &[&str], archive: &Path) -> Option<Output> {
    run(Command::new(tool).args(args).arg(archive), b"")
}

type Item = Vec<(String, String)>;

fn slt_block(block: &str) -> Item {
    block
        .lines()
        .filter_map(|l| {
            l.split_once(" = ")
                .or_else(|| l.strip_suffix(" =").map(|k| (k, "")))
        })
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The `-slt` listing: the archive's properties (between `--` and
/// `----------`) and one item per entry (after `----------`).
fn slt_items(listing: &str) -> (Item, Vec<Item>) {
    let (head, body) = listing
        .split_once("\n----------\n")
        .unwrap_or((listing, ""));
    let archive = head
        .rsplit_once("\n--\n")
        .map_or(Item::new(), |(_, a)| slt_block(a));
    let entries = body
        .split("\n\n")
        .map(slt_block)
        .filter(|i| !i.is_empty())
        .collect();
    (archive, entries)
}

fn field<'a>(item: &'a [(String, String)], key: &str) -> Option<&'a str> {
    item.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

// --------------------------------------------------------------------- 7z

#[test]
fn sevenz_extracts_in_7zip_and_p7zip() {
    let fx = Fixture::new();
    let tmp = TempDir::new();
    for compression in [Compression::Compressed, Compression::Stored] {
        for password in PASSWORDS {
            let path = tmp.write(
                &fx.seal(password, Format::SevenZ, compression),
                Format::SevenZ,
            );
            for tool in SEVEN_ZIPS {
                let out = tmp.subdir(&format!("{tool}-{compression:?}-{}", password.len()));
                let Some(o) = seven_zip_extract(tool, &path, &out, password) else {
                    continue;
                };
                let context = format!(
                    "{tool} {compression:?} password of {} chars",
                    password.len()
                );
                assert!(o.status.success(), "{context}: {}", text(&o));
                fx.assert_extracted(&out, &context);
                // The entry time is noon UTC of the given day.
                let mtime = std::fs::metadata(out.join("doorverwijzing.txt"))
                    .unwrap()
                    .modified()
                    .unwrap();
                let secs = mtime
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_secs();
                assert_eq!(secs, NOON_2026_11_24_UNIX, "{context}");
            }
        }
    }
}

#[test]
fn sevenz_wrong_password_fails_in_every_reader() {
    let fx = Fixture::new();
    let tmp = TempDir::new();
    let path = tmp.write(
        &fx.seal(PASSPHRASE, Format::SevenZ, Compression::Compressed),
        Format::SevenZ,
    );
    for wrong in WRONG {
        for tool in SEVEN_ZIPS {
            if let Some(o) = seven_zip(tool, &["t", &format!("-p{wrong}")], &path) {
                assert!(
                    !o.status.success(),
                    "{tool} t accepted {wrong:?}: {}",
                    text(&o)
                );
            }
            let out = tmp.subdir(&format!("wrong-{tool}-{}", wrong.len()));
            if let Some(o) = seven_zip_extract(tool, &path, &out, wrong) {
                assert!(!o.status.success(), "{tool} x accepted {wrong:?}");
                fx.assert_not_extracted(&out, tool);
            }
        }
        let out = tmp.subdir(&format!("wrong-py7zr-{}", wrong.len()));
        if let Some(o) = python_reader("py7zr", "py7zr_extract.py", &path, &out, wrong) {
            assert!(
                !o.status.success(),
                "py7zr accepted {wrong:?}: {}",
                text(&o)
            );
            fx.assert_not_extracted(&out, "py7zr");
        }
    }
    // The same archive, the same readers, the right password: each refusal
    // above was the password's, not an archive the reader cannot read.
    for tool in SEVEN_ZIPS {
        let out = tmp.subdir(&format!("right-{tool}"));
        if let Some(o) = seven_zip_extract(tool, &path, &out, PASSPHRASE) {
            assert!(o.status.success(), "{tool}: {}", text(&o));
            fx.assert_extracted(&out, tool);
        }
    }
    let out = tmp.subdir("right-py7zr");
    if let Some(o) = python_reader("py7zr", "py7zr_extract.py", &path, &out, PASSPHRASE) {
        assert!(o.status.success(), "py7zr: {}", text(&o));
        fx.assert_extracted(&out, "py7zr");
    }
}

#[test]
fn sevenz_hides_entry_names_without_password() {
    let fx = Fixture::new();
    let tmp = TempDir::new();
    for compression in [Compression::Compressed, Compression::Stored] {
        let bytes = fx.seal(PASSPHRASE, Format::SevenZ, compression);
        // Not in the bytes, in UTF-8 or in the UTF-16LE that 7z headers use.
        for (name, _) in &fx.files {
            let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
            for needle in [name.as_bytes(), utf16.as_slice()] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{name} readable in the archive"
                );
            }
        }
        let path = tmp.write(&bytes, Format::SevenZ);
        for tool in SEVEN_ZIPS {
            for args in [&["l"][..], &["l", "-slt"][..]] {
                // No -p: 7-Zip asks for the password on the terminal, and
                // gets end-of-file. It must fail and show no names.
                let Some(o) = seven_zip(tool, args, &path) else {
                    continue;
                };
                let out = text(&o);
                assert!(
                    !o.status.success(),
                    "{tool} {args:?} listed without password: {out}"
                );
                for (name, _) in &fx.files {
                    assert!(!out.contains(name), "{tool} {args:?} showed {name}: {out}");
                }
                assert!(
                    !out.contains("ruis") && !out.contains("doorverwijzing"),
                    "{out}"
                );
            }
        }
        let out = tmp.subdir(&format!("nopass-py7zr-{compression:?}"));
        if let Some(o) = python_reader("py7zr", "py7zr_extract.py", &path, &out, "") {
            assert!(
                !o.status.success(),
                "py7zr opened without password: {}",
                text(&o)
            );
            assert!(!text(&o).contains("name="), "{}", text(&o));
        }
    }
}

#[test]
fn sevenz_lists_7zaes_19_and_encrypted_entries_with_password() {
    let fx = Fixture::new();
    let tmp = TempDir::new();
    let prose = Fixture::text_only();
    // The full fixture is mostly noise: compressing it cannot pay, so its
    // solid block is stored even when compression is asked for.
    for (fx, compression, coder) in [
        (&prose, Compression::Compressed, "Deflate"),
        (&fx, Compression::Compressed, ""),
        (&fx, Compression::Stored, ""),
    ] {
        let path = tmp.write(
            &fx.seal(PUNCTUATED, Format::SevenZ, compression),
            Format::SevenZ,
        );
        for tool in SEVEN_ZIPS {
            let Some(o) = seven_zip(tool, &["l", "-slt", &format!("-p{PUNCTUATED}")], &path) else {
                continue;
            };
            let listing = text(&o);
            assert!(o.status.success(), "{tool}: {listing}");
            let (archive_item, entries) = slt_items(&listing);
            assert_eq!(field(&archive_item, "Type"), Some("7z"), "{listing}");
            assert_eq!(field(&archive_item, "Solid"), Some("+"), "{listing}");
            let names: Vec<&str> = entries.iter().filter_map(|e| field(e, "Path")).collect();
            let want: Vec<&str> = fx.files.iter().map(|(n, _)| *n).collect();
            assert_eq!(names, want, "{tool}: {listing}");
            for e in &entries {
                let method = field(e, "Method").unwrap_or("");
                // "Deflate 7zAES:19" or "7zAES:19" alone.
                let (first, last) = method.rsplit_once(' ').unwrap_or(("", method));
                assert_eq!(last, "7zAES:19", "{tool}: {method}");
                assert!(first.starts_with(coder), "{tool}: {method}");
                assert_eq!(first.is_empty(), coder.is_empty(), "{tool}: {method}");
                assert_eq!(field(e, "Encrypted"), Some("+"), "{tool}");
            }
            if tool == "7zz" {
                // 7-Zip shows times in local time; TZ=UTC is set.
                for e in &entries {
                    assert_eq!(
                        field(e, "Modified"),
                        Some("2026-11-24 12:00:00.0000000"),
                        "{listing}"
                    );
                }
            }
        }
    }
}

#[test]
fn sevenz_extracts_in_py7zr() {
    let fx = Fixture::new();
    let tmp = TempDir::new();
    for compression in [Compression::Compressed, Compression::Stored] {
        for password in PASSWORDS {
            let path = tmp.write(
                &fx.seal(password, Format::SevenZ, compression),
                Format::SevenZ,
            );
            let out = tmp.subdir(&format!("py7zr-{compression:?}-{}", password.len()));
            let Some(o) = python_reader("py7zr", "py7zr_extract.py", &path, &out, password) else {
                return;
            };
            assert!(o.status.success(), "py7zr {compression:?}: {}", text(&o));
            fx.assert_extracted(&out, &format!("py7zr {compression:?}"));
        }
    }
}

// -------------------------------------------------------------------- zip

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

/// One entry as its headers say it, parsed from the raw bytes.
#[derive(Debug)]
struct ZipEntry {
    name: String,
    method: u16,
    flags: u16,
    crc: u32,
    dos_time: u16,
    dos_date: u16,
    compressed_size: u32,
    /// (header id, data) of every extra field.
    extras: Vec<(u16, Vec<u8>)>,
    comment_len: u16,
    local_offset: u32,
}

fn parse_extras(mut b: &[u8]) -> Vec<(u16, Vec<u8>)> {
    let mut v = Vec::new();
    while b.len() >= 4 {
        let (id, len) = (u16_at(b, 0), usize::from(u16_at(b, 2)));
        assert!(b.len() >= 4 + len, "truncated extra field {id:#06x}");
        v.push((id, b[4..4 + len].to_vec()));
        b = &b[4 + len..];
    }
    assert!(b.is_empty(), "stray bytes after extra fields");
    v
}

/// The central directory, found through the end record (APPNOTE 4.3.16).
fn central_directory(zip: &[u8]) -> (Vec<ZipEntry>, u16) {
    let eocd = zip.len() - 22;
    assert_eq!(
        u32_at(zip, eocd),
        0x0605_4b50,
        "end record without comment at the very end"
    );
    let comment_len = u16_at(zip, eocd + 20);
    let count = usize::from(u16_at(zip, eocd + 10));
    let mut at = u32_at(zip, eocd + 16) as usize;
    let mut entries = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(zip, at), 0x0201_4b50, "central header signature");
        let name_len = usize::from(u16_at(zip, at + 28));
        let extra_len = usize::from(u16_at(zip, at + 30));
        let comment = u16_at(zip, at + 32);
        let name_at = at + 46;
        entries.push(ZipEntry {
            name: String::from_utf8(zip[name_at..name_at + name_len].to_vec()).unwrap(),
            flags: u16_at(zip, at + 8),
            method: u16_at(zip, at + 10),
            dos_time: u16_at(zip, at + 12),
            dos_date: u16_at(zip, at + 14),
            crc: u32_at(zip, at + 16),
            compressed_size: u32_at(zip, at + 20),
            extras: parse_extras(&zip[name_at + name_len..name_at + name_len + extra_len]),
            comment_len: comment,
            local_offset: u32_at(zip, at + 42),
        });
        at = name_at + name_len + extra_len + usize::from(comment);
    }
    (entries, comment_len)
}

/// Asserts the WinZip AES extra field: AE-2, vendor "AE", AES-256, and the
/// real method inside (0 stored, 8 deflate).
fn assert_ae2(extras: &[(u16, Vec<u8>)], where_: &str) -> u16 {
    assert_eq!(
        extras.len(),
        1,
        "{where_}: only the AES extra field, got {extras:?}"
    );
    let (id, data) = &extras[0];
    assert_eq!(*id, 0x9901, "{where_}");
    assert_eq!(data.len(), 7, "{where_}");
    assert_eq!(u16_at(data, 0), 2, "{where_}: vendor version AE-2");
    assert_eq!(&data[2..4], b"AE", "{where_}: vendor id");
    assert_eq!(data[4], 3, "{where_}: strength 3 = AES-256");
    let inner = u16_at(data, 5);
    assert!(inner == 0 || inner == 8, "{where_}: inner method {inner}");
    inner
}

#[test]
fn zip_headers_are_winzip_aes_256_ae2_without_crc() {
    let fx = Fixture::new();
    for compression in [Compression::Compressed, Compression::Stored] {
        let zip = fx.seal(PASSPHRASE, Format::Zip, compression);
        let (entries, archive_comment) = central_directory(&zip);
        assert_eq!(archive_comment, 0, "no archive comment");
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        let want: Vec<&str> = fx.files.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, want);
        for (e, (_, bytes)) in entries.iter().zip(&fx.files) {
            let here = format!("{compression:?} central {}", e.name);
            assert_eq!(e.method, 99, "{here}: method 99 (AES)");
            assert_eq!(e.crc, 0, "{here}: CRC 0 (AE-2)");
            assert_eq!(e.flags & 1, 1, "{here}: encrypted flag");
            assert_eq!(e.comment_len, 0, "{here}: no entry comment");
            // 12:00:00 on 2026-11-24 in DOS format (APPNOTE 4.4.6).
            assert_eq!(e.dos_time, 12 << 11, "{here}");
            assert_eq!(e.dos_date, ((2026 - 1980) << 9) | (11 << 5) | 24, "{here}");
            let inner = assert_ae2(&e.extras, &here);
            let want_inner = match compression {
                Compression::Compressed if Fixture::compressible(&e.name, bytes) => 8,
                _ => 0,
            };
            assert_eq!(inner, want_inner, "{here}");

            // The local header says the same.
            let at = e.local_offset as usize;
            assert_eq!(u32_at(&zip, at), 0x0403_4b50, "{here}: local signature");
            let flags = u16_at(&zip, at + 6);
            assert_eq!(flags, e.flags, "{here}: local flags");
            assert_eq!(u16_at(&zip, at + 8), 99, "{here}: local method");
            assert_eq!(u32_at(&zip, at + 14), 0, "{here}: local CRC");
            let name_len = usize::from(u16_at(&zip, at + 26));
            let extra_len = usize::from(u16_at(&zip, at + 28));
            assert_eq!(&zip[at + 30..at + 30 + name_len], e.name.as_bytes());
            let local_extras =
                parse_extras(&zip[at + 30 + name_len..at + 30 + name_len + extra_len]);
            assert_eq!(assert_ae2(&local_extras, &format!("{here} local")), inner);
            // Salt (16), password verifier (2), data, HMAC (10).
            if inner == 0 {
                assert_eq!(
                    e.compressed_size as usize,
                    16 + 2 + bytes.len() + 10,
                    "{here}"
                );
            } else {
                assert!(e.compressed_size >= 28, "{here}");
            }
            if flags & 0x08 != 0 {
                // A data descriptor follows the data; its CRC is 0 too.
                let mut d = at + 30 + name_len + extra_len + e.compressed_size as usize;
                if u32_at(&zip, d) == 0x0807_4b50 {
                    d += 4;
                }
                assert_eq!(u32_at(&zip, d), 0, "{here}: descriptor CRC");
                assert_eq!(
                    u32_at(&zip, d + 4),
                    e.compressed_size,
                    "{here}: descriptor size"
                );
            }
        }
    }
}

#[test]
fn zip_lists_aes_256_and_no_crc_in_7zip() {
    let fx = Fixture::new();
    let tmp = TempDir::new();
    for (compression, inner) in [
        (Compression::Compressed, "Deflate"),
        (Compression::Stored, "Store"),
    ] {
        let path = tmp.write(&fx.seal(PASSPHRASE, Format::Zip, compression), Format::Zip);
        for tool in SEVEN_ZIPS {
            let Some(o) = seven_zip(tool, &["l", "-slt", &format!("-p{PASSPHRASE}")], &path) else {
                continue;
            };
            let listing = text(&o);
            assert!(o.status.success(), "{tool}: {listing}");
            let (archive_item, entries) = slt_items(&listing);
            assert_eq!(field(&archive_item, "Type"), Some("zip"), "{listing}");
            assert_eq!(field(&archive_item, "Comment"), None, "{listing}");
            assert_eq!(entries.len(), fx.files.len(), "{tool}: {listing}");
            for (e, (name, bytes)) in entries.iter().zip(&fx.files) {
                assert_eq!(field(e, "Path"), Some(*name), "{tool}");
                assert_eq!(field(e, "Encrypted"), Some("+"), "{tool} {name}");
                let crc = field(e, "CRC").unwrap_or("");
                assert!(
                    crc.is_empty() || crc.trim_start_matches('0').is_empty(),
                    "{tool} {name}: CRC {crc}"
                );
                let method = field(e, "Method").unwrap_or("");
                assert!(method.contains("AES-256"), "{tool} {name}: {method}");
                if Fixture::compressible(name, bytes) {
                    assert!(method.contains(inner), "{tool} {name}: {method}");
                } else {
                    assert!(method.contains("Store"), "{tool} {name}: {method}");
                }
                assert_eq!(field(e, "Comment"), Some(""), "{tool} {name}");
                if tool == "7zz" {
                    assert_eq!(
                        field(e, "Modified"),
                        Some("2026-11-24 12:00:00"),
                        "{tool} {name}"
                    );
                }
            }
        }
    }
}

#[test]
fn zip_extracts_in_7zip_bsdtar_and_pyzipper() {
    let fx = Fixture::new();
    let tmp = TempDir::new();
    for compression in [Compression::Compressed, Compression::Stored] {
        for password in PASSWORDS {
            let path = tmp.write(&fx.seal(password, Format::Zip, compression), Format::Zip);
            let tag = format!("{compression:?}-{}", password.len());
            for tool in SEVEN_ZIPS {
                let out = tmp.subdir(&format!("{tool}-{tag}"));
                let Some(o) = seven_zip_extract(tool, &path, &out, password) else {
                    continue;
                };
                assert!(o.status.success(), "{tool} {tag}: {}", text(&o));
                fx.assert_extracted(&out, &format!("{tool} {tag}"));
            }
            let out = tmp.subdir(&format!("bsdtar-{tag}"));
            if let Some(o) = bsdtar_extract(&path, &out, password) {
                assert!(o.status.success(), "bsdtar {tag}: {}", text(&o));
                fx.assert_extracted(&out, &format!("bsdtar {tag}"));
            }
            let out = tmp.subdir(&format!("pyzipper-{tag}"));
            if let Some(o) = python_reader("pyzipper", "pyzipper_extract.py", &path, &out, password)
            {
                let listing = String::from_utf8_lossy(&o.stdout).into_owned();
                assert!(o.status.success(), "pyzipper {tag}: {}", text(&o));
                fx.assert_extracted(&out, &format!("pyzipper {tag}"));
                // pyzipper's own reading of the AES extra field.
                for (name, _) in &fx.files {
                    let line = listing
                        .lines()
                        .find(|l| l.ends_with(&format!("name={name}")))
                        .unwrap();
                    assert!(line.contains("aes_strength=3 aes_version=2"), "{line}");
                }
            }
        }
    }
}

#[test]
fn zip_wrong_password_fails_in_every_reader() {
    let fx = Fixture::new();
    let tmp = TempDir::new();
    let path = tmp.write(
        &fx.seal(PASSPHRASE, Format::Zip, Compression::Compressed),
        Format::Zip,
    );
    for wrong in WRONG {
        let tag = wrong.len();
        for tool in SEVEN_ZIPS {
            if let Some(o) = seven_zip(tool, &["t", &format!("-p{wrong}")], &path) {
                assert!(
                    !o.status.success(),
                    "{tool} t accepted {wrong:?}: {}",
                    text(&o)
                );
            }
            let out = tmp.subdir(&format!("wrong-{tool}-{tag}"));
            if let Some(o) = seven_zip_extract(tool, &path, &out, wrong) {
                assert!(!o.status.success(), "{tool} x accepted {wrong:?}");
                fx.assert_not_extracted(&out, tool);
            }
        }
        let out = tmp.subdir(&format!("wrong-bsdtar-{tag}"));
        if let Some(o) = bsdtar_extract(&path, &out, wrong) {
            assert!(!o.status.success(), "bsdtar accepted {wrong:?}");
            fx.assert_not_extracted(&out, "bsdtar");
        }
        let out = tmp.subdir(&format!("wrong-pyzipper-{tag}"));
        if let Some(o) = python_reader("pyzipper", "pyzipper_extract.py", &path, &out, wrong) {
            assert!(!o.status.success(), "pyzipper accepted {wrong:?}");
            fx.assert_not_extracted(&out, "pyzipper");
        }
    }
    // The same archive, the same readers, the right password.
    for tool in SEVEN_ZIPS {
        let out = tmp.subdir(&format!("right-{tool}"));
        if let Some(o) = seven_zip_extract(tool, &path, &out, PASSPHRASE) {
            assert!(o.status.success(), "{tool}: {}", text(&o));
            fx.assert_extracted(&out, tool);
        }
    }
    let out = tmp.subdir("right-bsdtar");
    if let Some(o) = bsdtar_extract(&path, &out, PASSPHRASE) {
        assert!(o.status.success(), "bsdtar: {}", text(&o));
        fx.assert_extracted(&out, "bsdtar");
    }
    let out = tmp.subdir("right-pyzipper");
    if let Some(o) = python_reader("pyzipper", "pyzipper_extract.py", &path, &out, PASSPHRASE) {
        assert!(o.status.success(), "pyzipper: {}", text(&o));
        fx.assert_extracted(&out, "pyzipper");
    }
}

// ------------------------------------------------------------- own reader

#[test]
fn own_reader_refuses_wrong_passwords() {
    let fx = Fixture::new();
    for format in [Format::SevenZ, Format::Zip] {
        let bytes = fx.seal(PASSPHRASE, format, Compression::Compressed);
        let opened = archive::open(&bytes, PASSPHRASE, format).unwrap();
        assert_eq!(opened.len(), fx.files.len());
        for wrong in WRONG {
            assert_eq!(
                archive::open(&bytes, wrong, format).err(),
                Some(referral_seal::Code::ArchiveFailed),
                "{format:?} {wrong}"
            );
        }
    }
}
