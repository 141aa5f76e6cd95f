//! Passphrase generation and password strength.
//!
//! The archive's password travels by phone or SMS and is typed into 7-Zip on
//! Windows, which reads ZIP passwords in the ANSI code page: so passwords are
//! printable ASCII only. Generated passphrases ([`generate`]) come from the
//! phone-safe alphabet and carry a spelling aid. A password a person typed
//! is judged as an attacker would guess it ([`estimate`], the zxcvbn
//! method): common passwords, Dutch and English words, Flemish names,
//! Belgian places, keyboard walks on AZERTY and QWERTY, sequences,
//! repeats, years and dates, l33t and reversed words, and the referral's
//! own values ([`inputs`]), which cost the attacker next to nothing.
//!
//! Why a port and not the `zxcvbn` crate: it knows English lists only, it
//! matches with `regex`/`fancy-regex` (hundreds of kilobytes of Wasm), and
//! its 3.x releases pull in `web-sys`, which this crate keeps out of the
//! core (only `src/wasm.rs` touches JavaScript). The lists come from
//! zxcvbn-ts's npm packages (MIT), trimmed by rank: see `data/README.md`.
//!
//! The bar depends on the archive format ([`min_bits`]): the attacker
//! model is in README.md ("Passwords: the attacker model").
//!
//! No type here that holds a password derives `Debug`, and every
//! temporary copy of a password is wiped when dropped.

pub mod dictionary;
pub mod estimate;
pub mod generate;
pub mod inputs;
pub mod keyboard;

pub use generate::{generate_passphrase, Passphrase, PassphraseOptions, GENERATED_MIN_BITS};
pub use inputs::{Kind, UserInputs};

use crate::archive::Format;
use crate::error::Code;
use dictionary::List;
use estimate::Pattern;
use zeroize::Zeroizing;

/// Least estimated strength, in bits (`log2` of the guesses), of a typed
/// password for each format. `.zip`'s key derivation is about 500 times
/// cheaper to attack than `.7z`'s, so it needs about 9 bits more (README:
/// "Passwords: the attacker model").
pub fn min_bits(format: Format) -> f64 {
    match format {
        Format::SevenZ => 52.0,
        Format::Zip => 60.0,
    }
}

/// Longest password accepted, in characters.
pub const MAX_PASSWORD_LEN: usize = 128;

/// The real problem of a password that does not pass: what the warning
/// names. The stable `snake_case` name is [`Warning::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Warning {
    /// Characters other than printable ASCII (accents, €, tabs).
    NotAscii,
    /// More than [`MAX_PASSWORD_LEN`] characters.
    TooLong,
    /// A value of the referral.
    Input(Kind),
    /// A common password.
    CommonPassword,
    /// A word of this tool's context (Kind en Gezin, OCMW, months, seasons).
    ContextWord,
    /// A common Dutch or English word.
    Word,
    /// A first name.
    FirstName,
    /// A surname.
    Surname,
    /// A Belgian municipality or locality.
    Place,
    /// A keyboard walk.
    Keyboard,
    /// A repeat.
    Repeat,
    /// A sequence like `abc`, `123`.
    Sequence,
    /// A year.
    Year,
    /// A date.
    Date,
    /// No pattern, but too short.
    TooShort,
}

impl Warning {
    /// The stable name, e.g. `client_street`, `keyboard`, `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            Warning::NotAscii => "not_ascii",
            Warning::TooLong => "too_long",
            Warning::Input(Kind::ClientName) => "client_name",
            Warning::Input(Kind::Street) => "client_street",
            Warning::Input(Kind::Place) => "client_place",
            Warning::Input(Kind::PostalCode) => "client_postal_code",
            Warning::Input(Kind::Phone) => "phone",
            Warning::Input(Kind::Email) => "email",
            Warning::Input(Kind::Referrer) => "referrer_name",
            Warning::Input(Kind::Team) => "team",
            Warning::Input(Kind::Ocmw) => "ocmw",
            Warning::CommonPassword => "common_password",
            Warning::ContextWord => "context_word",
            Warning::Word => "word",
            Warning::FirstName => "first_name",
            Warning::Surname => "surname",
            Warning::Place => "place",
            Warning::Keyboard => "keyboard",
            Warning::Repeat => "repeat",
            Warning::Sequence => "sequence",
            Warning::Year => "year",
            Warning::Date => "date",
            Warning::TooShort => "too_short",
        }
    }

    /// The Dutch sentence the page shows.
    pub fn message(self) -> &'static str {
        match self {
            Warning::NotAscii => "Gebruik alleen letters zonder accenten, cijfers en gewone leestekens: 7-Zip op Windows leest tekens als é, ç of € anders, en dan opent het OCMW het archief niet.",
            Warning::TooLong => "Het wachtwoord is te lang: hoogstens 128 tekens.",
            Warning::Input(Kind::ClientName) => "Het wachtwoord bevat de naam van de cliënt: die staat in de doorverwijzing zelf en wordt eerst geprobeerd.",
            Warning::Input(Kind::Street) => "Het wachtwoord bevat de straat van de cliënt: die staat in de doorverwijzing zelf en wordt eerst geprobeerd.",
            Warning::Input(Kind::Place) => "Het wachtwoord bevat de gemeente van de cliënt: die staat in de doorverwijzing zelf en wordt eerst geprobeerd.",
            Warning::Input(Kind::PostalCode) => "Het wachtwoord bevat de postcode van de cliënt: die staat in de doorverwijzing zelf en wordt eerst geprobeerd.",
            Warning::Input(Kind::Phone) => "Het wachtwoord bevat een telefoonnummer uit de doorverwijzing: dat wordt eerst geprobeerd.",
            Warning::Input(Kind::Email) => "Het wachtwoord bevat (een deel van) een e-mailadres uit de doorverwijzing: dat wordt eerst geprobeerd.",
            Warning::Input(Kind::Referrer) => "Het wachtwoord bevat de naam van de verwijzer: die staat in de doorverwijzing en wordt eerst geprobeerd.",
            Warning::Input(Kind::Team) => "Het wachtwoord bevat de naam van het team: die is bekend en wordt eerst geprobeerd.",
            Warning::Input(Kind::Ocmw) => "Het wachtwoord bevat de naam van het OCMW of zijn gemeente: die is bekend en wordt eerst geprobeerd.",
            Warning::CommonPassword => "Het wachtwoord bevat een veelgebruikt wachtwoord.",
            Warning::ContextWord => "Het wachtwoord bevat een woord dat bij dit werk hoort (zoals Kind en Gezin, OCMW, een maand of een seizoen).",
            Warning::Word => "Het wachtwoord bevat een gewoon woord en weinig meer.",
            Warning::FirstName => "Het wachtwoord bevat een voornaam.",
            Warning::Surname => "Het wachtwoord bevat een familienaam.",
            Warning::Place => "Het wachtwoord bevat de naam van een Belgische gemeente.",
            Warning::Keyboard => "Het wachtwoord bevat een toetsenbordpatroon (zoals azerty, qsdf of 1q2w3e).",
            Warning::Repeat => "Het wachtwoord bevat herhalingen.",
            Warning::Sequence => "Het wachtwoord bevat een reeks zoals abc of 123.",
            Warning::Year => "Het wachtwoord bevat een jaartal.",
            Warning::Date => "Het wachtwoord bevat een datum.",
            Warning::TooShort => "Het wachtwoord is te kort: voeg een paar woorden toe die niet bij elkaar horen.",
        }
    }

    /// The Dutch sentence for a second problem, after [`Warning::message`]
    /// (only years and dates are named so).
    pub fn also_message(self) -> Option<&'static str> {
        match self {
            Warning::Year => Some("Het bevat ook een jaartal."),
            Warning::Date => Some("Het bevat ook een datum."),
            _ => None,
        }
    }

    /// The warning and, when there is one, the second problem: the text the
    /// page shows.
    pub fn text(self, also: Option<Warning>) -> String {
        match also.and_then(Warning::also_message) {
            Some(more) => format!("{} {more}", self.message()),
            None => self.message().to_owned(),
        }
    }

    fn of(pattern: Pattern) -> Option<Warning> {
        Some(match pattern {
            Pattern::Input(kind) => Warning::Input(kind),
            Pattern::Word { list, .. } => match list {
                List::Context => Warning::ContextWord,
                List::Passwords => Warning::CommonPassword,
                List::Dutch | List::English => Warning::Word,
                List::FirstNames => Warning::FirstName,
                List::Surnames => Warning::Surname,
                List::Places => Warning::Place,
            },
            Pattern::Keyboard => Warning::Keyboard,
            Pattern::Repeat => Warning::Repeat,
            Pattern::Sequence => Warning::Sequence,
            Pattern::Year => Warning::Year,
            Pattern::Date => Warning::Date,
            Pattern::Bruteforce => return None,
        })
    }
}

/// An estimate of how hard a password is to guess.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Strength {
    /// Estimated strength in bits: `log2` of the guesses an attacker
    /// needs (a careful guess, not a proof).
    pub bits: f64,
    /// Whether [`check_password_with`] accepts the password.
    pub acceptable: bool,
    /// The real problem when it is not acceptable.
    pub warning: Option<Warning>,
    /// A year or date the password also holds, when the warning names
    /// something else.
    pub also: Option<Warning>,
}

/// Estimates a typed password against the referral's values (`inputs`)
/// and the threshold of `format`.
pub fn strength(password: &str, inputs: &UserInputs, format: Format) -> Strength {
    let chars: Zeroizing<Vec<char>> =
        Zeroizing::new(password.chars().take(MAX_PASSWORD_LEN + 1).collect());
    let est = estimate::estimate(&chars, inputs);
    let verdict = verdict(password, est.bits, format);
    let warning = match verdict {
        Ok(()) | Err(Code::Required) => None,
        Err(Code::PasswordNotAscii) => Some(Warning::NotAscii),
        Err(Code::TooLong) => Some(Warning::TooLong),
        Err(_) => Some(main_problem(&est.sequence)),
    };
    let also = match warning {
        Some(w)
            if !matches!(
                w,
                Warning::NotAscii | Warning::TooLong | Warning::Year | Warning::Date
            ) =>
        {
            // The longest year or date outside the piece the warning names.
            let named = est
                .sequence
                .iter()
                .find(|m| Warning::of(m.pattern) == Some(w));
            est.years
                .iter()
                .filter(|y| named.is_none_or(|n| y.j < n.i || y.i > n.j))
                // A year over a date of the same digits (`2026` reads as
                // 20-2-6 too).
                .max_by_key(|y| (y.j - y.i, y.pattern == Pattern::Year))
                .and_then(|y| Warning::of(y.pattern))
        }
        _ => None,
    };
    Strength {
        bits: est.bits,
        acceptable: verdict.is_ok(),
        warning,
        also,
    }
}

/// The warning for the cheapest cover: a referral value first (the
/// attacker who has the mail tries those), else the longest pattern.
fn main_problem(sequence: &[estimate::Match]) -> Warning {
    // The first of the longest, in reading order.
    let longest = |keep: &dyn Fn(&estimate::Match) -> bool| {
        sequence
            .iter()
            .filter(|m| keep(m))
            .fold(None::<&estimate::Match>, |best, m| match best {
                Some(b) if b.j - b.i >= m.j - m.i => Some(b),
                _ => Some(m),
            })
    };
    longest(&|m| matches!(m.pattern, Pattern::Input(_)))
        .or_else(|| longest(&|m| m.pattern != Pattern::Bruteforce))
        .and_then(|m| Warning::of(m.pattern))
        .unwrap_or(Warning::TooShort)
}

/// Checks a password for an archive of `format` without a referral (the
/// generic engine, `sealFiles`).
///
/// Errors: see [`check_password_with`].
pub fn check_password(password: &str, format: Format) -> Result<(), Code> {
    check_password_with(password, &UserInputs::none(), format)
}

/// Checks a password for an archive of `format` holding a referral whose
/// values are `inputs`.
///
/// Errors, in this order: [`Code::Required`] when empty, [`Code::TooLong`]
/// beyond [`MAX_PASSWORD_LEN`] characters, [`Code::PasswordNotAscii`] for
/// anything but printable ASCII (space to `~`), [`Code::WeakPassword`] below
/// [`min_bits`] of the format.
pub fn check_password_with(
    password: &str,
    inputs: &UserInputs,
    format: Format,
) -> Result<(), Code> {
    let s = strength(password, inputs, format);
    verdict(password, s.bits, format)
}

fn verdict(password: &str, bits: f64, format: Format) -> Result<(), Code> {
    if password.is_empty() {
        Err(Code::Required)
    } else if password.chars().count() > MAX_PASSWORD_LEN {
        Err(Code::TooLong)
    } else if !password.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        Err(Code::PasswordNotAscii)
    } else if bits < min_bits(format) {
        Err(Code::WeakPassword)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
