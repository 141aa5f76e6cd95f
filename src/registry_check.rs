//! The registry check for maintainers (`make registry-check FILE=…`).
//!
//! It reads a registry document with the same core the page uses
//! ([`Registry::from_json`], so the rules are the same), then checks what
//! only a person deploying it can act on: every covered municipality is
//! one of its postal codes' (else no client would ever be routed to it),
//! and it warns about protocols ending within [`ENDING_SOON_DAYS`] days,
//! protocols not yet in force, ended ones and teams that have no protocol
//! in force. The report is Dutch plain text, every problem with its place
//! (the JSON path, e.g. `registry.protocols[1].mailbox`).

use std::fmt::Write as _;

use crate::date::Date;
use crate::error::{Code, FieldError};
use crate::postal;
use crate::protocols::{Protocol, Registry};

/// An `inForceUntil` this many days ahead or fewer is announced.
pub const ENDING_SOON_DAYS: i64 = 60;

/// What the check found.
pub struct Report {
    /// Problems that stop the page (or make a protocol unusable): the
    /// file must not be deployed while there is one.
    pub errors: Vec<FieldError>,
    /// Things a maintainer should know before deploying.
    pub warnings: Vec<String>,
    /// Plain summary of a readable registry (empty when it is not).
    pub summary: String,
}

impl Report {
    /// The whole report as text: summary, warnings, problems, verdict.
    pub fn text(&self) -> String {
        let mut out = self.summary.clone();
        if !self.warnings.is_empty() {
            out.push_str("\nWaarschuwingen:\n");
            for w in &self.warnings {
                let _ = writeln!(out, "  LET OP  {w}");
            }
        }
        if !self.errors.is_empty() {
            let _ = writeln!(out, "\nProblemen ({}):", self.errors.len());
            for e in &self.errors {
                // The reader's messages name the path themselves.
                let own = format!("Het protocolregister is ongeldig: {} ", e.field);
                let message = e.message.strip_prefix(&own).unwrap_or(&e.message);
                let _ = writeln!(out, "  FOUT  {}: {message}", e.field);
            }
            out.push_str("\nNiet in gebruik nemen: los eerst de problemen hierboven op.\n");
        } else {
            out.push_str("\nGeen problemen gevonden.\n");
        }
        out
    }
}

/// The registry text of a file: the file itself, or, for an HTML page
/// (`dist/index.html`, an intranet page), the content of its
/// `<script type="application/json" id="referral-seal-registry">` block.
/// `None` for a page without that block.
pub fn registry_text(file: &str) -> Option<&str> {
    const ID: &str = "id=\"referral-seal-registry\"";
    if !file.trim_start().starts_with('<') {
        return Some(file);
    }
    let at = file.find(ID)?;
    let open_end = at + file[at..].find('>')? + 1;
    let close = open_end + file[open_end..].find("</script")?;
    Some(&file[open_end..close])
}

/// Checks a registry document as of `today`.
pub fn check(json: &str, today: Date) -> Report {
    let registry = match Registry::from_json(json) {
        Ok(r) => r,
        Err(errors) => {
            return Report {
                errors,
                warnings: Vec::new(),
                summary: String::new(),
            }
        }
    };
    let mut errors = Vec::new();
    for (i, p) in registry.protocols.iter().enumerate() {
        for (j, m) in p.municipalities.iter().enumerate() {
            let ok = p
                .postal_codes
                .iter()
                .any(|code| postal::resolve(code, m).is_ok_and(|r| r.municipality == *m));
            if !ok {
                errors.push(FieldError::with_message(
                    format!("registry.protocols[{i}].municipalities[{j}]"),
                    Code::InvalidRegistry,
                    "is geen gemeente (Statbel-naam) van de postcodes van dit protocol: \
                     geen enkele cliënt zou naar dit OCMW gaan."
                        .to_owned(),
                ));
            }
        }
    }
    Report {
        errors,
        warnings: warnings(&registry, today),
        summary: summary(&registry, today),
    }
}

fn warnings(registry: &Registry, today: Date) -> Vec<String> {
    let mut out = Vec::new();
    for (i, p) in registry.protocols.iter().enumerate() {
        let place = format!("registry.protocols[{i}] ({})", p.id);
        if p.in_force_from > today {
            out.push(format!(
                "{place}: nog niet van kracht, pas vanaf {} ({} dagen).",
                p.in_force_from,
                days_between(today, p.in_force_from)
            ));
        }
        match p.in_force_until {
            Some(end) if end < today => {
                out.push(format!("{place}: afgelopen op {end}."));
            }
            Some(end) if days_between(today, end) <= ENDING_SOON_DAYS => {
                out.push(format!(
                    "{place}: loopt af op {end}, over {} dagen. Vraag tijdig een nieuw protocol \
                     of een verlenging op.",
                    days_between(today, end)
                ));
            }
            _ => {}
        }
    }
    for team in registry.teams() {
        let in_force = registry
            .protocols
            .iter()
            .any(|p| p.in_force_on(today) && p.referring_teams.iter().any(|t| t == team));
        if !in_force {
            out.push(format!(
                "team \u{201c}{team}\u{201d} heeft vandaag geen enkel protocol dat van kracht is."
            ));
        }
    }
    out
}

fn summary(registry: &Registry, today: Date) -> String {
    let mut codes: Vec<&str> = Vec::new();
    let mut municipalities: Vec<&str> = Vec::new();
    for p in &registry.protocols {
        for c in &p.postal_codes {
            if !codes.contains(&c.as_str()) {
                codes.push(c);
            }
        }
        for m in &p.municipalities {
            if !municipalities.contains(&m.as_str()) {
                municipalities.push(m);
            }
        }
    }
    let in_force = registry
        .protocols
        .iter()
        .filter(|p| p.in_force_on(today))
        .count();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Protocolregister op {today}: {} protocollen ({in_force} van kracht), {} teams, \
         {} postcodes, {} gemeenten.",
        registry.protocols.len(),
        registry.teams().len(),
        codes.len(),
        municipalities.len()
    );
    for (i, p) in registry.protocols.iter().enumerate() {
        let _ = writeln!(out, "\n[{i}] {} — {}", p.id, p.ocmw_name);
        let _ = writeln!(out, "    mailbox:    {}", p.mailbox);
        let _ = writeln!(out, "    teams:      {}", p.referring_teams.join("; "));
        let _ = writeln!(out, "    postcodes:  {}", p.postal_codes.join(", "));
        let _ = writeln!(out, "    gemeenten:  {}", p.municipalities.join(", "));
        let _ = writeln!(out, "    van kracht: {}", period(p, today));
        let call = match &p.password_call {
            Some(c) => format!(
                "{}{}",
                crate::validate::phone::grouped(&c.phone),
                c.ask
                    .as_deref()
                    .map(|a| format!(" (vraag naar {a})"))
                    .unwrap_or_default()
            ),
            None => "geen nummer in het register".to_owned(),
        };
        let _ = writeln!(out, "    wachtwoord: {call}");
    }
    out.push_str("\nTeams en hun protocollen:\n");
    for team in registry.teams() {
        let ids: Vec<&str> = registry
            .protocols
            .iter()
            .filter(|p| p.referring_teams.iter().any(|t| t == team))
            .map(|p| p.id.as_str())
            .collect();
        let _ = writeln!(out, "  {team}: {}", ids.join(", "));
    }
    out
}

fn period(p: &Protocol, today: Date) -> String {
    let until = p
        .in_force_until
        .map_or("zonder einddatum".to_owned(), |d| format!("tot en met {d}"));
    let state = if p.in_force_on(today) {
        "van kracht"
    } else {
        "NIET van kracht"
    };
    format!("vanaf {} {until} ({state})", p.in_force_from)
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    days_from_civil(b) - days_from_civil(a)
}

/// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
fn days_from_civil(d: Date) -> i64 {
    let (m, dd) = (i64::from(d.month()), i64::from(d.day()));
    let y = i64::from(d.year()) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` days after 1970-01-01 (H. Hinnant's `civil_from_days`),
/// for the command line's "today".
pub fn civil_from_days(days: i64) -> Option<Date> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(
        u16::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_block_of_a_page() {
        let page = "<!doctype html><p>x</p>\n<script type=\"application/json\" \
                    id=\"referral-seal-registry\">{\"a\": \"\\u003c/script>\"}</script><p>";
        assert_eq!(registry_text(page), Some("{\"a\": \"\\u003c/script>\"}"));
        assert_eq!(registry_text("<!doctype html><p>no block</p>"), None);
        assert_eq!(registry_text(" {\"schema\": 1}"), Some(" {\"schema\": 1}"));
    }

    #[test]
    fn day_arithmetic() {
        let d = |s: &str| Date::parse_iso(s).unwrap();
        assert_eq!(days_from_civil(d("1970-01-01")), 0);
        assert_eq!(days_between(d("2026-11-24"), d("2027-01-23")), 60);
        assert_eq!(days_between(d("2024-02-28"), d("2024-03-01")), 2);
        assert_eq!(days_between(d("2026-11-24"), d("2026-11-20")), -4);
        for s in ["1970-01-01", "2024-02-29", "2026-11-24", "2100-03-01"] {
            assert_eq!(civil_from_days(days_from_civil(d(s))), Some(d(s)), "{s}");
        }
    }
}
