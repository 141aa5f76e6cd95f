//! Names of people and of teams.
//!
//! Every script is accepted, with its diacritics, apostrophes (' and ’, kept
//! as typed), hyphens and particles ("Van den", "de la"). Refused: control,
//! bidi-override, zero-width and other invisible characters (a pasted name
//! can hide them, and they change how the name is displayed or compared),
//! digits and symbols in a person's name, and stacks of combining marks.

use super::{normalise_text, TextRules};
use crate::error::{Code, Problem};

/// Longest accepted name, in characters after normalisation.
pub const MAX_NAME_CHARS: usize = 100;

/// Longest accepted team name, in characters after normalisation.
pub const MAX_TEAM_CHARS: usize = 150;

const NAME: TextRules = TextRules {
    max_chars: MAX_NAME_CHARS,
    digits: false,
    extra: &[],
    invalid: Code::InvalidName,
};

const TEAM: TextRules = TextRules {
    max_chars: MAX_TEAM_CHARS,
    digits: true,
    extra: &[',', '/', '&', '(', ')'],
    invalid: Code::InvalidName,
};

/// Normalises a first or family name: whitespace collapsed to single ASCII
/// spaces and trimmed, NFC.
///
/// Errors: [`Code::TooLong`] (over 1 KiB raw or over
/// [`MAX_NAME_CHARS`] characters), [`Code::ControlCharacters`],
/// [`Code::Required`] (blank), [`Code::InvalidName`] (no letter, a digit or
/// symbol, or a combining-mark flood).
pub fn normalise_name(raw: &str) -> Result<String, Problem> {
    normalise_text(raw, &NAME)
}

/// Normalises the name of a referring team, e.g. `Lokaal team Kind en
/// Gezin Menen`: like [`normalise_name`], but digits and `, / & ( )` are
/// accepted and the cap is [`MAX_TEAM_CHARS`].
pub fn normalise_team(raw: &str) -> Result<String, Problem> {
    normalise_text(raw, &TEAM)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_real_world_names() {
        let long =
            "Maria-Theresia Walburga Amalia Christina Josepha Antonia Anna Lucia Sophia Elisabeth";
        let table: &[(&str, &str)] = &[
            ("Sofie", "Sofie"),
            ("Van den Broeck", "Van den Broeck"),
            ("  Van   den\tBroeck  ", "Van den Broeck"),
            ("Van\u{00A0}den\u{2003}Broeck\n", "Van den Broeck"),
            ("D'Hondt", "D'Hondt"),
            ("N’Diaye", "N’Diaye"),
            ("Çelik-Yılmaz", "Çelik-Yılmaz"),
            // Vietnamese typed in decomposed form (NFD) comes out composed.
            (
                "Nguye\u{0302}\u{0303}n Thi\u{0323} Ha\u{0300}",
                "Nguyễn Thị Hà",
            ),
            ("Marie-Thérèse", "Marie-Thérèse"),
            ("Mari\u{0301}a Jose\u{0301}", "María José"),
            ("de la Peña y Núñez", "de la Peña y Núñez"),
            ("O’Brien", "O’Brien"),
            ("Ødegård", "Ødegård"),
            ("Łukasz Wiśniewski", "Łukasz Wiśniewski"),
            ("Ελένη Παπαδοπούλου", "Ελένη Παπαδοπούλου"),
            ("Дмитрий Шостакович", "Дмитрий Шостакович"),
            ("محمد العلي", "محمد العلي"),
            ("李小龍", "李小龍"),
            ("प्रियंका", "प्रियंका"),
            ("J.-P. Dubois", "J.-P. Dubois"),
            ("Paral·lel", "Paral·lel"),
            ("Ngũgĩ wa Thiong’o", "Ngũgĩ wa Thiong’o"),
            (long, long),
        ];
        for (raw, want) in table {
            assert_eq!(normalise_name(raw).as_deref(), Ok(*want), "{raw:?}");
        }
    }

    #[test]
    fn refuses_bad_names() {
        let table: &[(&str, Code)] = &[
            ("", Code::Required),
            (" \u{00A0}\t ", Code::Required),
            ("Sofie\u{0000}", Code::ControlCharacters),
            ("Sofie\u{0007}", Code::ControlCharacters),
            ("\u{202E}eifoS", Code::ControlCharacters),
            ("Sofie\u{2066}", Code::ControlCharacters),
            ("So\u{200B}fie", Code::ControlCharacters),
            ("So\u{200D}fie", Code::ControlCharacters),
            ("\u{FEFF}Sofie", Code::ControlCharacters),
            ("Sofie\u{200E}", Code::ControlCharacters),
            ("Sofie\u{061C}", Code::ControlCharacters),
            ("Sof\u{00AD}ie", Code::ControlCharacters),
            ("Sofie\u{E000}", Code::ControlCharacters),
            ("Sofie\u{0378}", Code::ControlCharacters),
            ("Sofie2", Code::InvalidName),
            ("Sofie 😀", Code::InvalidName),
            ("sofie@example.com", Code::InvalidName),
            ("---", Code::InvalidName),
            ("' ’", Code::InvalidName),
            ("\u{0301}Sofie", Code::InvalidName),
            ("Sofie \u{0301}", Code::InvalidName),
            // Five marks that NFC cannot compose onto x.
            (
                "x\u{0300}\u{0301}\u{0302}\u{0303}\u{0304}",
                Code::InvalidName,
            ),
            (
                "Z\u{0336}\u{0337}\u{0338}\u{0334}\u{0335}algo",
                Code::InvalidName,
            ),
        ];
        for (raw, want) in table {
            assert_eq!(
                normalise_name(raw).map_err(|p| p.code),
                Err(*want),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn caps_length() {
        let hundred = "a".repeat(100);
        assert_eq!(normalise_name(&hundred).as_deref(), Ok(hundred.as_str()));
        assert_eq!(normalise_name(&"a".repeat(101)), Err(Code::TooLong.into()));
        // Raw byte cap, even when the collapsed value would be short.
        let padded = format!("Sofie{}", " ".repeat(1100));
        assert_eq!(normalise_name(&padded), Err(Code::TooLong.into()));
        // Four marks on one base are fine.
        assert_eq!(
            normalise_name("x\u{0300}\u{0301}\u{0302}\u{0303}").map(|s| s.chars().count()),
            Ok(5)
        );
    }

    #[test]
    fn teams() {
        let table: &[(&str, Result<&str, Code>)] = &[
            (
                "Lokaal team Kind en Gezin Menen",
                Ok("Lokaal team Kind en Gezin Menen"),
            ),
            ("Team 2 (Wervik/Geluwe)", Ok("Team 2 (Wervik/Geluwe)")),
            ("Kind & Gezin,  Torhout", Ok("Kind & Gezin, Torhout")),
            ("", Err(Code::Required)),
            ("1234", Err(Code::InvalidName)),
            ("Team <b>", Err(Code::InvalidName)),
            ("Team\u{202E}", Err(Code::ControlCharacters)),
        ];
        for (raw, want) in table {
            assert_eq!(
                normalise_team(raw).as_deref().map_err(|p| p.code),
                want.as_deref().map_err(|c| *c),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn says_why_a_name_is_refused() {
        let digit = Some("mag geen cijfers bevatten.");
        let symbol = Some(
            "bevat een teken dat hier niet kan staan (zoals @, #, / of een emoji). \
             Gebruik letters, spaties, koppeltekens en apostrofs.",
        );
        let table: &[(&str, Option<&str>)] = &[
            ("Sofie2", digit),
            ("An 2", digit),
            ("Sofie ²", digit),
            ("Sofie 😀", symbol),
            ("sofie@example.com", symbol),
            ("Sofie #1", symbol),
            ("Van/den Broeck", symbol),
            ("---", Some("moet letters bevatten.")),
        ];
        for (raw, want) in table {
            let got = normalise_name(raw).expect_err(raw);
            assert_eq!(got.code, Code::InvalidName, "{raw:?}");
            assert_eq!(got.detail, *want, "{raw:?}");
        }
    }

    proptest! {
        #[test]
        fn name_never_panics_and_is_idempotent(s in "\\PC{0,120}|[\\s\\S]{0,60}") {
            if let Ok(once) = normalise_name(&s) {
                prop_assert_eq!(normalise_name(&once), Ok(once.clone()));
            }
            if let Ok(once) = normalise_team(&s) {
                prop_assert_eq!(normalise_team(&once), Ok(once.clone()));
            }
        }

        #[test]
        fn name_from_letters_is_idempotent(s in "[\\p{L}\\p{M} '’\\-\u{00A0}]{1,80}") {
            if let Ok(once) = normalise_name(&s) {
                prop_assert_eq!(normalise_name(&once), Ok(once.clone()));
            }
        }
    }
}
