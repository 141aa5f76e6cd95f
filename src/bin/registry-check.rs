//! `registry-check FILE [--today YYYY-MM-DD]`: checks a protocol registry
//! (a JSON file, or the registry block of an HTML page such as
//! `dist/index.html`) before it is deployed, with the same core as the page (see
//! `referral_seal::registry_check`). Exit status 0 when it may be
//! deployed, 1 when it has problems, 2 when it cannot be read.

use std::process::ExitCode;

use referral_seal::registry_check::{check, civil_from_days, registry_text};
use referral_seal::Date;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (file, today) = match args.as_slice() {
        [file] => (file, None),
        [file, flag, day] if flag == "--today" => (file, Some(day.as_str())),
        _ => {
            eprintln!("Gebruik: registry-check BESTAND [--today JJJJ-MM-DD]");
            return ExitCode::from(2);
        }
    };
    let today = match today {
        Some(s) => match Date::parse_iso(s) {
            Ok(d) => d,
            Err(_) => {
                eprintln!("--today is geen datum (JJJJ-MM-DD).");
                return ExitCode::from(2);
            }
        },
        None => {
            let days = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() / 86_400);
            match civil_from_days(i64::try_from(days).unwrap_or(0)) {
                Some(d) => d,
                None => return ExitCode::from(2),
            }
        }
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: kan niet gelezen worden ({e}).");
            return ExitCode::from(2);
        }
    };
    let Some(json) = registry_text(&text) else {
        eprintln!("{file}: een HTML-pagina zonder blok id=\"referral-seal-registry\".");
        return ExitCode::from(2);
    };
    let report = check(json, today);
    println!("{file}");
    print!("{}", report.text());
    if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
