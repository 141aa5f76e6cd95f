//! User inputs: the values of the referral being sealed, which an attacker
//! who holds the mail (or knows the family) tries first.
//!
//! Every value is folded as a password would hold it (lower case, accents
//! and punctuation dropped: `Van den Broeck` → `vandenbroeck`), and so is
//! each of its words (`van`, `den`, `broeck`); values and words shorter
//! than three characters (a box `B`, a house number `3`) are left out:
//! they are no more guessable than any other two characters. Phone numbers
//! count by their digits, in national and international form; e-mail
//! addresses by their parts.
//!
//! No `Debug`: the values are personal data. The strings are freed (and, in
//! the WebAssembly build, wiped by the allocator) with the list.

use crate::json::Value;
use crate::protocols::Registry;

/// Which value of the referral a user input comes from: it names the
/// problem in the warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The client's given or family name.
    ClientName,
    /// The client's street.
    Street,
    /// The client's municipality or locality.
    Place,
    /// The client's postal code.
    PostalCode,
    /// A phone number of the referral.
    Phone,
    /// An e-mail address of the referral.
    Email,
    /// The referrer's name.
    Referrer,
    /// The referring team.
    Team,
    /// The OCMW (its name, or a municipality it serves).
    Ocmw,
}

/// [`crate::postal::fold`] (lower case, without accents and punctuation),
/// with ASCII text folded here to the same result: ASCII has no combining
/// marks and no special lower cases, so folding keeps its letters and
/// digits, lower-cased. Most values and every name of the registry are
/// ASCII; measured natively, `postal::fold` (a call into the Unicode back
/// end and a string per character) was a third of reading a referral's
/// inputs, which every password check does.
pub(crate) fn fold(s: &str) -> String {
    if s.is_ascii() {
        s.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect()
    } else {
        crate::postal::fold(s)
    }
}

/// [`crate::postal::fold`] of each of `values`, the non-ASCII ones
/// decomposed and classified together, in one call each into the Unicode
/// back end, then folded character by character exactly as
/// `postal::fold` folds (marks and anything but letters and digits
/// dropped, lower case, œ, æ and ß spelled out). A line feed, which no
/// value holds and normalisation leaves alone, separates them. Why: on
/// WebAssembly `postal::fold` makes two calls into JavaScript (and three
/// regular expressions) per value; for the estimator's list of Belgian
/// places, built on the first password check (which is the first seal
/// when the user keeps the generated passphrase), that was about half of
/// the 40–50 ms that check took in Node (see the commit that made it).
pub(crate) fn fold_all<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    use crate::unicode::{classify, nfd};
    let values: Vec<&str> = values.into_iter().collect();
    let mut out: Vec<Option<String>> = values
        .iter()
        .map(|v| (v.is_ascii() || v.contains('\n')).then(|| fold(v)))
        .collect();
    let rest: Vec<&str> = values
        .iter()
        .zip(&out)
        .filter(|(_, done)| done.is_none())
        .map(|(v, _)| *v)
        .collect();
    let decomposed = nfd(&rest.join("\n"));
    let mut folded = vec![String::new()];
    for (d, class) in decomposed.chars().zip(classify(&decomposed)) {
        if d == '\n' {
            folded.push(String::new());
            continue;
        }
        if let Some(current) = folded.last_mut() {
            crate::postal::fold_char(d, class, current);
        }
    }
    let mut folded = folded.into_iter();
    out.iter_mut()
        .map(|done| match done.take() {
            Some(f) => f,
            None => folded.next().unwrap_or_default(),
        })
        .collect()
}

/// The user inputs of one password check.
#[derive(Default)]
pub struct UserInputs {
    words: Vec<(String, Kind)>,
}

/// Shortest value or word that counts as a user input.
const MIN_LEN: usize = 3;

impl UserInputs {
    /// No user inputs (a password checked without a referral).
    pub fn none() -> UserInputs {
        UserInputs::default()
    }

    /// The folded inputs, each with its kind.
    pub fn words(&self) -> &[(String, Kind)] {
        &self.words
    }

    fn push(&mut self, folded: String, kind: Kind) {
        if folded.len() >= MIN_LEN
            && folded.is_ascii()
            && !self.words.iter().any(|(w, _)| *w == folded)
        {
            self.words.push((folded, kind));
        }
    }

    /// Adds a text value: the whole of it, folded, and each of its words.
    pub fn add_text(&mut self, value: &str, kind: Kind) {
        self.push(fold(value), kind);
        for part in value.split(|c: char| !c.is_alphanumeric()) {
            self.push(fold(part), kind);
        }
    }

    /// Adds a phone number by its digits: as typed, and in national
    /// (`0470…`) and international (`32470…`) form.
    pub fn add_phone(&mut self, value: &str) {
        self.add_phone_as(value, Kind::Phone);
    }

    /// Adds a phone number as [`UserInputs::add_phone`] does, with its kind.
    pub fn add_phone_as(&mut self, value: &str, kind: Kind) {
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        let national = if let Some(rest) = digits.strip_prefix("0032") {
            format!("0{rest}")
        } else if let Some(rest) = digits
            .strip_prefix("32")
            .filter(|_| value.trim_start().starts_with('+'))
        {
            format!("0{rest}")
        } else {
            digits.clone()
        };
        if let Some(rest) = national.strip_prefix('0') {
            self.push(format!("32{rest}"), kind);
            // Without the leading zero, as people often write it.
            self.push(rest.to_owned(), kind);
        }
        self.push(national, kind);
        self.push(digits, kind);
    }

    /// Adds an e-mail address: its local part and each part of it and of
    /// the domain.
    pub fn add_email(&mut self, value: &str) {
        let (local, domain) = value.rsplit_once('@').unwrap_or((value, ""));
        self.add_text(local, Kind::Email);
        for part in domain.split('.') {
            self.add_text(part, Kind::Email);
        }
    }

    /// The inputs of a referral as given (validated or not: the page asks
    /// while the form is being filled in), and of the protocols of the
    /// registry: every OCMW's name, team and municipalities are public.
    /// Only string values at the referral's known paths are read.
    pub fn from_referral(input: &Value, registry: &Registry) -> UserInputs {
        let mut out = UserInputs::none();
        let text = |section: &str, key: &str| match input.get(section).and_then(|s| s.get(key)) {
            Some(Value::String(s)) => Some(s.as_str()),
            _ => None,
        };
        for (section, key, kind) in [
            ("client", "givenName", Kind::ClientName),
            ("client", "familyName", Kind::ClientName),
            ("contact", "street", Kind::Street),
            ("contact", "municipality", Kind::Place),
            ("contact", "postalCode", Kind::PostalCode),
            ("referrer", "name", Kind::Referrer),
            ("referrer", "team", Kind::Team),
        ] {
            if let Some(v) = text(section, key) {
                out.add_text(v, kind);
            }
        }
        if let Some(code) = text("contact", "postalCode") {
            for l in crate::postal::localities(code) {
                for name in [l.name, l.name_fr, l.municipality, l.municipality_fr] {
                    out.add_text(name, Kind::Place);
                }
            }
        }
        for (section, key) in [("contact", "phone"), ("referrer", "phone")] {
            if let Some(v) = text(section, key) {
                out.add_phone(v);
            }
        }
        for (section, key) in [("contact", "email"), ("referrer", "email")] {
            if let Some(v) = text(section, key) {
                out.add_email(v);
            }
        }
        for p in &registry.protocols {
            out.add_text(&p.ocmw_name, Kind::Ocmw);
            for team in &p.referring_teams {
                out.add_text(team, Kind::Team);
            }
            if let Some(call) = &p.password_call {
                out.add_phone_as(&call.phone, Kind::Ocmw);
            }
            for m in &p.municipalities {
                out.add_text(m, Kind::Ocmw);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fold_all` folds each value as `postal::fold` does, for every name
    /// of the postal data (Dutch and French, with accents, apostrophes,
    /// hyphens) and values that stress it: ligatures, ß, marks, scripts
    /// other than Latin, empty values, a value with a line feed.
    #[test]
    fn fold_all_is_fold_of_each() {
        let mut values: Vec<&str> = Vec::new();
        for l in crate::postal::all() {
            values.extend([l.name, l.name_fr, l.municipality, l.municipality_fr]);
        }
        values.extend([
            "Œuvre-Ærø",
            "Straße",
            "e\u{301}cole",
            "",
            "Ελλάδα ΣΟΦΙΑ",
            "Zoë\nVan den Broeck",
            "İstanbul",
            "Sint-Niklaas",
        ]);
        assert!(values.iter().filter(|v| !v.is_ascii()).count() > 100);
        let want: Vec<String> = values.iter().map(|v| crate::postal::fold(v)).collect();
        assert!(fold_all(values.iter().copied()) == want);
    }

    #[test]
    fn values_words_and_short_ones() {
        let mut u = UserInputs::none();
        u.add_text("Van den Broeck", Kind::ClientName);
        u.add_text("B", Kind::Street);
        u.add_text("Désirée", Kind::ClientName);
        u.add_phone("+32 470 12 34 56");
        u.add_email("sofie.vdb@example.com");
        let words: Vec<&str> = u.words().iter().map(|(w, _)| w.as_str()).collect();
        for w in [
            "vandenbroeck",
            "van",
            "den",
            "broeck",
            "desiree",
            "0470123456",
            "32470123456",
            "470123456",
            "sofievdb",
            "sofie",
            "vdb",
            "example",
            "com",
        ] {
            assert!(words.contains(&w), "{w}: {words:?}");
        }
        assert!(!words.iter().any(|w| w.len() < 3), "{words:?}");
    }
}
