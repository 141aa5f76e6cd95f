//! `make registry-check`: the binary against broken and valid registry
//! files (tests/fixtures/registries/, reserved addresses only), on a fixed
//! day so that the date warnings are stable.

use std::path::Path;
use std::process::Command;

/// (exit code, stdout) of `registry-check FILE --today 2026-11-24`.
fn check(file: &str) -> (i32, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/registries")
        .join(file);
    let out = Command::new(env!("CARGO_BIN_EXE_registry-check"))
        .arg(&path)
        .args(["--today", "2026-11-24"])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn lines_starting(text: &str, prefix: &str) -> Vec<String> {
    text.lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with(prefix))
        .map(str::to_owned)
        .collect()
}

#[test]
fn valid_registry_passes_with_a_summary() {
    let (code, out) = check("valid.json");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "Protocolregister op 2026-11-24: 2 protocollen (2 van kracht), 3 teams, 2 postcodes, 2 gemeenten."
        ),
        "{out}"
    );
    let file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/registries/valid.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let torhout = &file["protocols"][1];
    let heading = format!(
        "[1] {} — {}",
        torhout["id"].as_str().unwrap(),
        torhout["ocmw"]["name"].as_str().unwrap()
    );
    for want in [
        heading.as_str(),
        "    teams:      Lokaal team Kind en Gezin Westkust en Polder; Lokaal team Kind en Gezin Torhout",
        "    postcodes:  8820",
        "    gemeenten:  Torhout",
        "    van kracht: vanaf 2024-04-18 zonder einddatum (van kracht)",
        "    wachtwoord: 050 12 34 56 (vraag naar de maatschappelijk werker van dienst)",
        "    wachtwoord: geen nummer in het register",
        "  Lokaal team Kind en Gezin Torhout: ocmw-torhout-test",
        "Geen problemen gevonden.",
    ] {
        assert!(out.lines().any(|l| l == want), "missing {want:?} in\n{out}");
    }
    assert!(lines_starting(&out, "FOUT").is_empty());
    assert!(lines_starting(&out, "LET OP").is_empty());
}

#[test]
fn version_1_registry_passes() {
    let (code, out) = check("valid-v1.json");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("2 protocollen (2 van kracht), 2 teams"),
        "{out}"
    );
}

#[test]
fn broken_registry_lists_every_problem_with_its_place() {
    let (code, out) = check("broken.json");
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        lines_starting(&out, "FOUT"),
        [
            "FOUT  registry.protocols[0].refferingTeams: is een onbekende sleutel.",
            "FOUT  registry.protocols[0].referringTeams: is verplicht en ontbreekt.",
            "FOUT  registry.protocols[0].mailbox: is geen geldig e-mailadres: het mist een punt na de @ (bijvoorbeeld naam@example.com).",
            "FOUT  registry.protocols[1].passwordCall.phone: is geen geldig Belgisch telefoonnummer.",
            "FOUT  registry.protocols[1].inForceFrom: is geen geldige datum (JJJJ-MM-DD).",
        ]
    );
    assert!(out.contains("Problemen (5):"));
    assert!(out.contains("Niet in gebruik nemen"));
    assert!(!out.contains("Geen problemen gevonden"));
}

#[test]
fn municipality_outside_its_postal_codes_is_a_problem() {
    let (code, out) = check("wrong-municipality.json");
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        lines_starting(&out, "FOUT"),
        ["FOUT  registry.protocols[1].municipalities[0]: is geen gemeente (Statbel-naam) van de postcodes van dit protocol: geen enkele cliënt zou naar dit OCMW gaan."]
    );
}

#[test]
fn date_warnings_and_teams_without_a_protocol() {
    let (code, out) = check("warnings.json");
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        lines_starting(&out, "LET OP"),
        [
            "LET OP  registry.protocols[0] (ocmw-wervik-test): loopt af op 2027-01-10, over 47 dagen. Vraag tijdig een nieuw protocol of een verlenging op.",
            "LET OP  registry.protocols[1] (ocmw-torhout-test): nog niet van kracht, pas vanaf 2027-02-01 (69 dagen).",
            "LET OP  registry.protocols[2] (ocmw-menen-test): afgelopen op 2026-06-30.",
            "LET OP  team “Lokaal team Kind en Gezin Westkust en Polder” heeft vandaag geen enkel protocol dat van kracht is.",
            "LET OP  team “Lokaal team Kind en Gezin Torhout” heeft vandaag geen enkel protocol dat van kracht is.",
        ]
    );
    assert!(out.contains("3 protocollen (1 van kracht)"), "{out}");
}

#[test]
fn unreadable_input_and_bad_arguments() {
    let (code, out) = check("missing.json");
    assert_eq!(code, 2, "{out}");
    let status = Command::new(env!("CARGO_BIN_EXE_registry-check"))
        .output()
        .unwrap()
        .status;
    assert_eq!(status.code(), Some(2));
    let not_json = std::env::temp_dir().join(format!("registry-check-{}.json", std::process::id()));
    std::fs::write(&not_json, "{ \"schema\": ").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_registry-check"))
        .arg(&not_json)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&not_json);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("FOUT  registry: is geen geldige JSON."));
}

#[test]
fn shipped_registry_passes() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/protocols.json");
    let out = Command::new(env!("CARGO_BIN_EXE_registry-check"))
        .arg(&path)
        .args(["--today", "2026-11-24"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(lines_starting(&text, "LET OP").is_empty(), "{text}");
    assert!(
        text.contains("2 protocollen (2 van kracht), 3 teams"),
        "{text}"
    );
}

#[test]
fn registry_block_inside_an_html_page() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/registries");
    let json = std::fs::read_to_string(dir.join("broken.json")).unwrap();
    let page = format!(
        "<!doctype html>\n<html lang=\"nl\"><body><referral-seal></referral-seal>\n\
         <script type=\"application/json\" id=\"referral-seal-registry\">{}</script>\n</body></html>\n",
        json.replace('<', "\\u003c")
    );
    let file = std::env::temp_dir().join(format!("registry-check-{}.html", std::process::id()));
    std::fs::write(&file, page).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_registry-check"))
        .arg(&file)
        .args(["--today", "2026-11-24"])
        .output()
        .unwrap();
    std::fs::write(&file, "<!doctype html><p>geen register</p>").unwrap();
    let none = Command::new(env!("CARGO_BIN_EXE_registry-check"))
        .arg(&file)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&file);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert_eq!(lines_starting(&text, "FOUT").len(), 5, "{text}");
    assert_eq!(none.status.code(), Some(2));
}
