//! Entry names and the sending team, checked with independent readers.
//!
//! * Real 7-Zip (`7zz l -slt`, `7zz x`) lists and extracts the archives:
//!   every entry name carries the 8-character reference, and two referrals
//!   extracted into one folder keep all six files.
//! * Python's `email` package (an independent MIME reader) parses the `.eml`
//!   draft: the body names the same sending team as the documents, the
//!   `mailto:` body and `sealReferral`'s `team`.
//!
//! The registry is the test registry `tests/fixtures/registry.json`
//! (invented OCMWs, reserved addresses), not `data/protocols.json`'s real
//! mailboxes; the teams are read from it.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use common::sofie;
use referral_seal::archive::Format;
use referral_seal::seal::{self, SealOptions, Sealed};
use referral_seal::spelling::PHONE_SAFE_ALPHABET;
use referral_seal::{json as ours, Date, Registry};
use serde_json::{json, Value};

const PASSWORD: &str = "k7mx-4wf9-ruo3-y8k5-m6xw";

/// The test registry (`tests/fixtures/registry.json`).
fn registry() -> Registry {
    common::test_registry()
}

fn today() -> Date {
    Date::parse_iso("2026-11-24").unwrap()
}

fn seal(input: &Value, format: Format, reference: Option<&str>) -> Sealed {
    let value = ours::parse(&input.to_string()).unwrap();
    let opts = SealOptions {
        password: PASSWORD,
        format,
        today: today(),
        reference,
    };
    seal::seal_referral(&value, &registry(), &opts).unwrap_or_else(|e| panic!("{e}"))
}

/// Sofie, living in `postal_code`/`municipality`, referred by `team`.
fn referral(postal_code: &str, municipality: &str, team: &str) -> Value {
    let mut v = sofie();
    v["contact"]["postalCode"] = json!(postal_code);
    v["contact"]["municipality"] = json!(municipality);
    v["referrer"]["team"] = json!(team);
    v
}

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let p = std::env::temp_dir().join(format!(
            "referral-seal-entry-names-{}-{n}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs a tool (7zz or python3) to the end; stdin is closed.
fn run(cmd: &mut Command, stdin: &[u8]) -> std::process::Output {
    let program = cmd.get_program().to_string_lossy().into_owned();
    cmd.env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run `{program}` (see scripts/setup.sh): {e}"));
    let mut pipe = child.stdin.take().unwrap();
    let _ = pipe.write_all(stdin);
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{program} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The entry paths `7zz l -slt` lists, in archive order.
fn listed_paths(archive: &Path) -> Vec<String> {
    let out = run(
        Command::new("7zz")
            .args(["l", "-slt", "-bd"])
            .arg(format!("-p{PASSWORD}"))
            .arg(archive),
        b"",
    );
    let listing = String::from_utf8(out.stdout).unwrap();
    let (_, entries) = listing
        .split_once("\n----------\n")
        .expect("a listing with entries");
    entries
        .lines()
        .filter_map(|l| l.strip_prefix("Path = "))
        .map(str::to_owned)
        .collect()
}

fn extract(archive: &Path, out: &Path) {
    let mut o = std::ffi::OsString::from("-o");
    o.push(out);
    // -aos: skip a file that exists already, so a collision would lose one.
    run(
        Command::new("7zz")
            .args(["x", "-aos", "-bd"])
            .arg(format!("-p{PASSWORD}"))
            .arg(o)
            .arg(archive),
        b"",
    );
}

fn write(dir: &TempDir, sealed: &Sealed) -> PathBuf {
    let p = dir.0.join(&sealed.archive_name);
    std::fs::write(&p, &sealed.archive).unwrap();
    p
}

#[test]
fn entry_names_carry_the_reference_in_7zip_listing() {
    for format in [Format::SevenZ, Format::Zip] {
        let sealed = seal(&sofie(), format, None);
        let r = &sealed.reference;
        assert_eq!(r.len(), 8, "{r}");
        assert!(
            r.bytes().all(|b| !b.is_ascii_lowercase()
                && PHONE_SAFE_ALPHABET
                    .as_bytes()
                    .contains(&b.to_ascii_lowercase())),
            "{r}"
        );
        let tmp = TempDir::new();
        let path = write(&tmp, &sealed);
        assert_eq!(
            listed_paths(&path),
            [
                format!("doorverwijzing-{r}.txt"),
                format!("doorverwijzing-{r}.json"),
                format!("contact-{r}.vcf"),
            ],
            "{format:?}"
        );
    }
    // A supplied legacy reference (6 characters) names the entries too.
    let sealed = seal(&sofie(), Format::Zip, Some("k7f3qx"));
    let tmp = TempDir::new();
    assert_eq!(
        listed_paths(&write(&tmp, &sealed)),
        [
            "doorverwijzing-K7F3QX.txt",
            "doorverwijzing-K7F3QX.json",
            "contact-K7F3QX.vcf"
        ]
    );
}

#[test]
fn two_referrals_extracted_into_one_folder_keep_all_files() {
    let tmp = TempDir::new();
    let out = tmp.0.join("uitgepakt");
    std::fs::create_dir_all(&out).unwrap();
    let mut references = Vec::new();
    for (format, input) in [
        (Format::SevenZ, sofie()),
        (
            Format::Zip,
            referral("8820", "Torhout", &common::team(1, 1)),
        ),
    ] {
        let sealed = seal(&input, format, None);
        extract(&write(&tmp, &sealed), &out);
        references.push(sealed.reference);
    }
    assert_ne!(references[0], references[1]);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = references
        .iter()
        .flat_map(|r| {
            [
                format!("doorverwijzing-{r}.txt"),
                format!("doorverwijzing-{r}.json"),
                format!("contact-{r}.vcf"),
            ]
        })
        .collect();
    want.sort();
    assert_eq!(names, want);
}

/// What Python's `email` package reads from the draft: the decoded
/// subject, the text body and the attachment's file name.
fn python_reads(eml: &[u8]) -> Value {
    let script = r#"
import email, email.policy, json, sys
msg = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
body = msg.get_body(preferencelist=("plain",)).get_content()
files = [p.get_filename() for p in msg.iter_attachments()]
print(json.dumps({"to": str(msg["To"]), "subject": str(msg["Subject"]),
                  "body": body, "attachments": files}))
"#;
    let out = run(Command::new("python3").args(["-c", script]), eml);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

#[test]
fn every_document_names_the_same_sending_team() {
    let (menen, westkust, torhout) = (common::team(0, 0), common::team(1, 0), common::team(1, 1));
    // Typed in other case and spacing: the registry's spelling everywhere.
    let sloppy = torhout.to_lowercase().replace("gezin ", "gezin   ");
    let cases = [
        ("8940", "Geluwe", menen.as_str(), menen.as_str()),
        ("8820", "Torhout", westkust.as_str(), westkust.as_str()),
        ("8820", "Torhout", torhout.as_str(), torhout.as_str()),
        ("8820", "Torhout", sloppy.as_str(), torhout.as_str()),
    ];
    assert_ne!(sloppy, torhout);
    let all_teams = [menen.as_str(), westkust.as_str(), torhout.as_str()];
    for (code, town, typed, team) in cases {
        let sealed = seal(&referral(code, town, typed), Format::SevenZ, None);
        assert_eq!(sealed.team, team);
        let r = &sealed.reference;
        let tmp = TempDir::new();
        let out = tmp.0.join("x");
        extract(&write(&tmp, &sealed), &out);
        let read = |name: String| std::fs::read_to_string(out.join(name)).unwrap();
        let txt = read(format!("doorverwijzing-{r}.txt"));
        let json: Value = serde_json::from_str(&read(format!("doorverwijzing-{r}.json"))).unwrap();
        let vcf = read(format!("contact-{r}.vcf")).replace("\r\n ", "");
        let mail = python_reads(&sealed.eml);
        let body = mail["body"].as_str().unwrap().replace("\r\n", "\n");
        let mailto = percent_decode(&sealed.mailto).replace("\r\n", "\n");

        assert!(
            txt.contains(&format!("Van:          {team} (Opgroeien regie)\r\n")),
            "{txt}"
        );
        assert_eq!(json["referrer"]["team"], team);
        assert!(
            vcf.contains(&format!(
                "NOTE;CHARSET=UTF-8:Doorverwijzing van {team} (Opgroeien regie) - referentie {r}"
            )),
            "{vcf}"
        );
        assert!(
            body.contains(&format!("doorverwijzing van Opgroeien regie ({team}) naar")),
            "{body}"
        );
        assert!(
            body.trim_end().ends_with(&format!(
                "Met vriendelijke groeten,\n{team}\nOpgroeien regie"
            )),
            "{body}"
        );
        assert!(
            mailto.contains(&format!("van Opgroeien regie ({team}) naar")),
            "{mailto}"
        );
        assert!(
            mailto.contains(&format!("Met vriendelijke groeten,\n{team}\n")),
            "{mailto}"
        );
        // No other team anywhere (this registry quotes no team in its
        // protocol references).
        for other in all_teams.iter().filter(|t| **t != team) {
            for (what, doc) in [
                ("txt", &txt),
                ("json", &json.to_string()),
                ("vcf", &vcf),
                ("eml", &body),
                ("mailto", &mailto),
            ] {
                assert!(!doc.contains(other), "{what} names {other} for {team}");
            }
        }
        // The mail lists the entry names and carries the archive.
        for name in [
            format!("doorverwijzing-{r}.txt"),
            format!("doorverwijzing-{r}.json"),
            format!("contact-{r}.vcf"),
        ] {
            assert!(body.contains(&name), "mail misses {name}");
        }
        assert_eq!(mail["attachments"], json!([sealed.archive_name]));
        assert_eq!(
            mail["subject"],
            format!("Doorverwijzing Kind en Gezin – referentie {r}")
        );
    }
}

#[test]
fn mail_and_result_agree_on_which_tools_open_the_archive() {
    for format in [Format::SevenZ, Format::Zip] {
        let sealed = seal(&sofie(), format, None);
        let body = python_reads(&sealed.eml)["body"]
            .as_str()
            .unwrap()
            .replace("\r\n", "\n");
        let mailto = percent_decode(&sealed.mailto).replace("\r\n", "\n");
        assert!(body.contains(sealed.open_with), "{format:?}: {body}");
        assert!(mailto.contains(sealed.open_with), "{format:?}: {mailto}");
        assert!(sealed.open_with.contains("7-Zip"));
        assert!(sealed.open_with.contains("Windows Verkenner"));
        assert_eq!(
            sealed.open_with.contains("zip-bestand"),
            format == Format::Zip
        );
    }
}
