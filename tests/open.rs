//! `open_archive` (the reader behind `openArchive` and `open.html`) on
//! archives written at test time by independent writers: real 7-Zip
//! (`7zz`, each method and option a person uses by hand), `py7zr` and
//! `pyzipper` from `.venv`; each is opened to the exact bytes, refused with
//! `wrong_password` for a wrong password, and never panics when damaged.
//! Crafted bombs and a hostile key-derivation power hit the limits.
//! (zip.js archives are opened in `tests/js/open.test.mjs`.)

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use referral_seal::archive::reader::{MAX_KDF_POWER, MAX_OPEN_ENTRIES};
use referral_seal::archive::{
    open_archive, seal, ArchiveOptions, Compression, FileEntry, Format, OpenCode, Opened, Warning,
};
use referral_seal::Date;

const PASSWORD: &str = "Kotu-mepa-ribe-noza-42";
const WRONG: &str = "Kotu-mepa-ribe-noza-43";

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "referral-seal-open-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Files as people put them in an archive by hand: spaces and diacritics
/// in names, a folder, compressible text, incompressible bytes, an empty file.
fn files() -> Vec<(String, Vec<u8>)> {
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!(
            "{i}: Çelik-Yılmaz, Şükrü; Van den Broeck, Marie-Thérèse; N’Diaye — Brûlé 12 bus 3, 8940 Geluwe\r\n"
        ));
    }
    let mut noise = vec![0u8; 40_000];
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    for b in &mut noise {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    vec![
        ("verslag Brûlé.txt".to_owned(), text.into_bytes()),
        (
            "map/Çelik notities – kopie.txt".to_owned(),
            "Aïssatou N’Diaye\n".repeat(20).into_bytes(),
        ),
        ("foto 1.bin".to_owned(), noise),
        ("leeg.txt".to_owned(), Vec::new()),
    ]
}

fn write_files(dir: &Path) {
    for (name, bytes) in files() {
        let p = dir.join(&name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

fn run(cmd: &mut Command, stdin: &[u8]) -> std::process::Output {
    cmd.env("LC_ALL", "C.UTF-8").env("TZ", "UTC");
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {:?}: {e}", cmd.get_program()));
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{:?} failed: {}{}",
        cmd.get_program(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `7zz a` with `args`, run in a folder holding [`files`]; the archive's bytes.
fn sevenzz(args: &[&str]) -> Vec<u8> {
    let t = TempDir::new("7zz");
    let src = t.0.join("src");
    std::fs::create_dir_all(&src).unwrap();
    write_files(&src);
    let archive = t.0.join("out.archive");
    run(
        Command::new("7zz")
            .arg("a")
            .args(args)
            .arg(&archive)
            .arg(".")
            .current_dir(&src),
        b"",
    );
    std::fs::read(archive).unwrap()
}

fn python() -> PathBuf {
    std::env::var_os("RS_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"))
}

fn python_writer(script: &str, args: &[&str]) -> (Vec<u8>, String) {
    let t = TempDir::new("py");
    let src = t.0.join("src");
    std::fs::create_dir_all(&src).unwrap();
    write_files(&src);
    let archive = t.0.join("out.archive");
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/writers")
        .join(script);
    let out = run(
        Command::new(python())
            .arg(script)
            .arg(&archive)
            .arg(&src)
            .args(args),
        PASSWORD.as_bytes(),
    );
    (
        std::fs::read(archive).unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Every file, exact bytes, in any order (7z puts empty files last).
fn assert_all_files(opened: &Opened, context: &str) {
    let mut got: Vec<(String, Vec<u8>)> = opened
        .entries
        .iter()
        .map(|e| (e.name.clone(), e.bytes.to_vec()))
        .collect();
    let mut want = files();
    got.sort();
    want.sort();
    assert_eq!(got.len(), want.len(), "{context}: entry count");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.0, w.0, "{context}: name");
        assert!(g.1 == w.1, "{context}: bytes of {}", w.0);
    }
}

/// Opens with the right password (every file, exact bytes, no warning)
/// and refuses a wrong one with `wrong_password`, in one test.
fn assert_opens(archive: &[u8], format: Format, context: &str) {
    let opened = open_archive(archive, PASSWORD).unwrap_or_else(|e| panic!("{context}: {e:?}"));
    assert_eq!(opened.format, format, "{context}");
    assert_eq!(opened.warning, None, "{context}");
    assert_all_files(&opened, context);
    let wrong = open_archive(archive, WRONG)
        .err()
        .unwrap_or_else(|| panic!("{context}: opened with a wrong password"));
    assert_eq!(wrong.code, OpenCode::WrongPassword, "{context}: {wrong:?}");
    assert_eq!(wrong.format, Some(format));
}

fn pw() -> String {
    format!("-p{PASSWORD}")
}

#[test]
fn sevenzz_7z_every_method_solid_and_not_header_encrypted_or_not() {
    for method in ["LZMA2", "LZMA", "Copy", "Deflate"] {
        for (solid, he) in [("on", "on"), ("off", "off"), ("on", "off"), ("off", "on")] {
            let archive = sevenzz(&[
                "-t7z",
                &format!("-m0={method}"),
                &format!("-ms={solid}"),
                &format!("-mhe={he}"),
                &pw(),
            ]);
            assert_opens(
                &archive,
                Format::SevenZ,
                &format!("7zz {method} solid={solid} mhe={he}"),
            );
        }
    }
}

#[test]
fn sevenzz_7z_defaults_and_header_options() {
    for args in [
        &["-t7z"][..],
        &["-t7z", "-mhe=on", "-mhc=off"],
        &["-t7z", "-mx=9", "-mhe=on"],
        &["-t7z", "-mx=1"],
        &["-t7z", "-mx=0", "-mhe=on"],
    ] {
        let mut a = args.to_vec();
        let p = pw();
        a.push(&p);
        assert_opens(&sevenzz(&a), Format::SevenZ, &format!("7zz {args:?}"));
    }
}

#[test]
fn sevenzz_zip_aes256_stored_and_deflate() {
    for method in ["Copy", "Deflate"] {
        let archive = sevenzz(&["-tzip", "-mem=AES256", &format!("-mm={method}"), &pw()]);
        assert_opens(&archive, Format::Zip, &format!("7zz -tzip AES256 {method}"));
    }
}

#[test]
fn py7zr_7z_methods_and_header_encryption() {
    for method in ["lzma2", "lzma", "copy", "deflate"] {
        for he in ["on", "off"] {
            let (archive, _) = python_writer("py7zr_make.py", &[method, he]);
            assert_opens(
                &archive,
                Format::SevenZ,
                &format!("py7zr {method} header encryption {he}"),
            );
        }
    }
}

#[test]
fn pyzipper_zip_ae1_and_ae2_stored_and_deflate() {
    for method in ["stored", "deflate"] {
        for version in ["1", "2"] {
            let (archive, listing) = python_writer("pyzipper_make.py", &[method, version]);
            assert!(
                listing
                    .lines()
                    .all(|l| l.starts_with(&format!("aes_version={version} "))),
                "{listing}"
            );
            assert_opens(
                &archive,
                Format::Zip,
                &format!("pyzipper {method} AE-{version}"),
            );
        }
    }
}

#[test]
fn our_own_archives_old_and_new_entry_names() {
    for names in [
        ["doorverwijzing.txt", "doorverwijzing.json", "contact.vcf"],
        [
            "doorverwijzing-K7F3QXHW.txt",
            "doorverwijzing-K7F3QXHW.json",
            "contact-K7F3QXHW.vcf",
        ],
    ] {
        for format in [Format::SevenZ, Format::Zip] {
            for compression in [Compression::Stored, Compression::Compressed] {
                let bodies: Vec<Vec<u8>> = names
                    .iter()
                    .map(|n| {
                        format!("{n}: Sofie Van den Broeck, Brûlé\r\n")
                            .repeat(40)
                            .into_bytes()
                    })
                    .collect();
                let entries: Vec<FileEntry<'_>> = names
                    .iter()
                    .zip(&bodies)
                    .map(|(name, bytes)| FileEntry { name, bytes })
                    .collect();
                let opts = ArchiveOptions {
                    format,
                    compression,
                    modified: Date::new(2026, 11, 24).unwrap(),
                };
                let archive = seal(&entries, PASSWORD, &opts).unwrap();
                let opened = open_archive(&archive, PASSWORD).unwrap();
                assert_eq!(opened.format, format);
                let got: Vec<(&str, &[u8])> = opened
                    .entries
                    .iter()
                    .map(|e| (e.name.as_str(), e.bytes.as_slice()))
                    .collect();
                let want: Vec<(&str, &[u8])> = names
                    .iter()
                    .copied()
                    .zip(bodies.iter().map(Vec::as_slice))
                    .collect();
                assert!(got == want, "{format:?} {compression:?} {names:?}");
                assert_eq!(
                    open_archive(&archive, WRONG).err().unwrap().code,
                    OpenCode::WrongPassword
                );
            }
        }
    }
}

/// BCJ and Delta filters cost little (lzma-rust2 has them): 7-Zip-made
/// archives with them open; BCJ2 (four inputs), PPMd and BZip2 do not, by name.
#[test]
fn filters_open_and_other_methods_are_refused_by_name() {
    for args in [
        &["-t7z", "-mf=BCJ"][..],
        &["-t7z", "-mf=ARM64", "-mhe=on"],
        &["-t7z", "-mf=Delta:4"],
        &["-t7z", "-mf=ARM", "-ms=off"],
        &["-t7z", "-mf=SPARC", "-m0=LZMA"],
    ] {
        let mut a = args.to_vec();
        let p = pw();
        a.push(&p);
        assert_opens(&sevenzz(&a), Format::SevenZ, &format!("7zz {args:?}"));
    }
    for (args, name) in [
        (&["-t7z", "-m0=PPMd", "-mhe=off"][..], "PPMd"),
        (&["-t7z", "-m0=BZip2"], "BZip2"),
        (&["-tzip", "-mem=AES256", "-mm=BZip2"], "BZip2"),
        (&["-tzip", "-mem=AES128"], "AES-128"),
    ] {
        let mut a = args.to_vec();
        let p = pw();
        a.push(&p);
        let e = open_archive(&sevenzz(&a), PASSWORD)
            .err()
            .unwrap_or_else(|| panic!("{args:?} opened"));
        assert_eq!(e.code, OpenCode::UnsupportedMethod, "{args:?}: {e:?}");
        assert_eq!(e.method.as_deref(), Some(name), "{args:?}");
        assert!(e.message_nl().contains(name));
    }
}

#[test]
fn bcj2_is_refused_by_name() {
    let p = pw();
    let archive = sevenzz(&[
        "-t7z", "-m0=BCJ2", "-m1=LZMA", "-m2=LZMA", "-m3=LZMA", "-mb0:1", "-mb0s1:2", "-mb0s2:3",
        "-mhe=on", &p,
    ]);
    let e = open_archive(&archive, PASSWORD).err().unwrap();
    assert_eq!(
        (e.code, e.method.as_deref()),
        (OpenCode::UnsupportedMethod, Some("BCJ2")),
        "{e:?}"
    );
}

#[test]
fn zipcrypto_is_refused_and_unencrypted_archives_open_with_a_warning() {
    let p = pw();
    let e = open_archive(&sevenzz(&["-tzip", &p]), PASSWORD)
        .err()
        .unwrap();
    assert_eq!(e.code, OpenCode::WeakEncryption);
    assert!(e.message_nl().contains("AES-256") && e.message_nl().contains("afzender"));
    for args in [&["-tzip"][..], &["-t7z"], &["-t7z", "-m0=Copy"]] {
        let opened = open_archive(&sevenzz(args), "").unwrap_or_else(|e| panic!("{args:?}: {e:?}"));
        assert_eq!(opened.warning, Some(Warning::NotEncrypted), "{args:?}");
        assert!(Warning::NotEncrypted.message_nl().contains("AES-256"));
        assert_all_files(&opened, &format!("{args:?}"));
    }
}

#[test]
fn not_an_archive() {
    for bytes in [&b""[..], b"hello", b"%PDF-1.7", &[0u8; 100]] {
        assert_eq!(
            open_archive(bytes, PASSWORD).err().unwrap().code,
            OpenCode::NotAnArchive
        );
    }
}

/// Truncated and bit-flipped archives: an error (damaged, or wrong
/// password where 7z cannot tell), never a panic, never a half-result.
#[test]
fn truncated_and_flipped_archives_are_refused_without_panic() {
    let p = pw();
    let samples = [
        (sevenzz(&["-t7z", "-mhe=on", &p]), Format::SevenZ),
        (
            sevenzz(&["-t7z", "-m0=Deflate", "-ms=off", "-mhe=off", &p]),
            Format::SevenZ,
        ),
        (sevenzz(&["-tzip", "-mem=AES256", &p]), Format::Zip),
    ];
    for (archive, format) in &samples {
        for cut in [archive.len() - 1, archive.len() / 2, 40, 33] {
            let e = open_archive(&archive[..cut], PASSWORD).err().unwrap();
            assert!(
                matches!(e.code, OpenCode::DamagedArchive | OpenCode::WrongPassword),
                "{format:?} cut {cut}: {e:?}"
            );
        }
        let step = (archive.len() / 97).max(1);
        for at in (0..archive.len()).step_by(step) {
            let mut bad = archive.clone();
            bad[at] ^= 0x10;
            match open_archive(&bad, PASSWORD) {
                Ok(o) => {
                    // Only where a flip lands outside what is checked (e.g. a
                    // zip time field or the unused CRC of AE-2) may it open,
                    // and then with the exact content.
                    assert_all_files(&o, &format!("{format:?} flip at {at}"));
                }
                Err(e) => assert!(
                    matches!(
                        e.code,
                        OpenCode::DamagedArchive
                            | OpenCode::WrongPassword
                            | OpenCode::NotAnArchive
                            | OpenCode::UnsupportedMethod
                            | OpenCode::ArchiveTooLarge
                    ),
                    "{format:?} flip at {at}: {e:?}"
                ),
            }
        }
    }
    // A flipped ciphertext byte inside a zip entry: the verifier is right, the MAC is not.
    let (zip, _) = &samples[2];
    let mut bad = zip.clone();
    let data_at = 30
        + u16::from_le_bytes([zip[26], zip[27]]) as usize
        + u16::from_le_bytes([zip[28], zip[29]]) as usize;
    bad[data_at + 16 + 2 + 5] ^= 1;
    assert_eq!(
        open_archive(&bad, PASSWORD).err().unwrap().code,
        OpenCode::DamagedArchive
    );
}

#[test]
fn bombs_are_refused_before_decoding() {
    let t = TempDir::new("bomb");
    // 64 MiB of zeros in LZMA2: an archive of a few kilobytes, a ratio far over 1000.
    let zeros = t.0.join("nul.bin");
    std::fs::write(&zeros, vec![0u8; 64 << 20]).unwrap();
    // (Deflate cannot pass about 1032:1, so for Deflate it is the limit on the
    // declared total that binds: the patched directory below.)
    for (i, args) in [&["-t7z", "-mhe=on"][..], &["-t7z", "-m0=LZMA", "-mhe=off"]]
        .into_iter()
        .enumerate()
    {
        let archive = t.0.join(format!("bomb{i}.7z"));
        run(
            Command::new("7zz")
                .arg("a")
                .args(args)
                .arg(format!("-p{PASSWORD}"))
                .arg(&archive)
                .arg(&zeros),
            b"",
        );
        let bytes = std::fs::read(&archive).unwrap();
        let e = open_archive(&bytes, PASSWORD)
            .err()
            .unwrap_or_else(|| panic!("{args:?} ({} bytes) opened", bytes.len()));
        assert_eq!(
            e.code,
            OpenCode::ArchiveTooLarge,
            "{args:?} ({} bytes)",
            bytes.len()
        );
    }
    // A zip whose directory declares 200 MiB for a stored entry of 5 bytes.
    let archive = t.0.join("small.zip");
    std::fs::write(t.0.join("a.txt"), b"hallo").unwrap();
    run(
        Command::new("7zz")
            .args(["a", "-tzip", "-mm=Copy"])
            .arg(&archive)
            .arg(t.0.join("a.txt")),
        b"",
    );
    let mut zip = std::fs::read(&archive).unwrap();
    assert_eq!(
        open_archive(&zip, "").unwrap().entries[0].bytes.as_slice(),
        b"hallo"
    );
    let central = zip.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    zip[central + 24..central + 28].copy_from_slice(&(200u32 << 20).to_le_bytes());
    assert_eq!(
        open_archive(&zip, "").err().unwrap().code,
        OpenCode::ArchiveTooLarge
    );
    // More entries than the limit.
    let many = t.0.join("many");
    std::fs::create_dir_all(&many).unwrap();
    for i in 0..=MAX_OPEN_ENTRIES {
        std::fs::write(many.join(format!("{i}.txt")), b"").unwrap();
    }
    for kind in ["-t7z", "-tzip"] {
        let archive = t.0.join(if kind == "-t7z" {
            "many.7z"
        } else {
            "many.zip"
        });
        run(
            Command::new("7zz")
                .args(["a", kind])
                .arg(&archive)
                .arg(".")
                .current_dir(&many),
            b"",
        );
        let e = open_archive(&std::fs::read(&archive).unwrap(), "")
            .err()
            .unwrap();
        assert_eq!(e.code, OpenCode::ArchiveTooLarge, "{kind}");
    }
}

/// A key derivation beyond 2^24 rounds is refused at once (it would hang
/// the page); 2^24 itself is accepted.
#[test]
fn key_derivation_power_is_capped() {
    let p = pw();
    let archive = sevenzz(&["-t7z", "-m0=Copy", "-mhe=off", "-mhc=off", &p]);
    // The AES coder's first property byte: 0xC0 | 19 right after the id and the property size.
    let aes = [0x24u8, 0x06, 0xF1, 0x07, 0x01];
    let at = archive.windows(5).position(|w| w == aes).unwrap() + aes.len() + 1;
    assert_eq!(archive[at] & 0x3F, 19);
    let with_power = |power: u8| {
        let mut a = archive.clone();
        a[at] = (a[at] & 0xC0) | power;
        // The next header's CRC in the start header, then the start header's CRC.
        let off = u64::from_le_bytes(a[12..20].try_into().unwrap()) as usize + 32;
        let len = u64::from_le_bytes(a[20..28].try_into().unwrap()) as usize;
        let crc = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC).checksum(&a[off..off + len]);
        a[28..32].copy_from_slice(&crc.to_le_bytes());
        let start = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC).checksum(&a[12..32]);
        a[8..12].copy_from_slice(&start.to_le_bytes());
        a
    };
    let started = std::time::Instant::now();
    let e = open_archive(&with_power(MAX_KDF_POWER + 1), PASSWORD)
        .err()
        .unwrap();
    assert_eq!(e.code, OpenCode::UnsupportedMethod);
    assert!(e.method.unwrap().contains("2^25"));
    let e = open_archive(&with_power(62), PASSWORD).err().unwrap();
    assert_eq!(e.code, OpenCode::UnsupportedMethod);
    assert!(
        started.elapsed().as_millis() < 500,
        "refused without deriving"
    );
    // 2^18 (cheaper, and not what 7-Zip wrote): the key no longer matches,
    // which a 7z reader can only report as a wrong password.
    assert_eq!(
        open_archive(&with_power(18), PASSWORD).err().unwrap().code,
        OpenCode::WrongPassword
    );
    assert_all_files(
        &open_archive(&with_power(19), PASSWORD).unwrap(),
        "power 19 patched back",
    );
}
