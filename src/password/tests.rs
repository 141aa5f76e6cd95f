//! The estimator against the weak families of issue 12 and the strong
//! passwords that must pass.

use super::*;
use crate::json::Value;
use crate::protocols::fixture;

fn referral() -> Value {
    crate::json::parse(
        r#"{
          "client": { "givenName": "Sofie", "familyName": "Van den Broeck" },
          "contact": { "street": "Kerkstraat", "houseNumber": "12", "box": "B",
                       "postalCode": "8940", "municipality": "Geluwe",
                       "phone": "0470 12 34 56", "email": "sofie@example.com" },
          "consent": { "informed": true, "agreed": true, "date": "2026-11-20" },
          "referrer": { "team": "Lokaal team Kind en Gezin Menen",
                        "name": "An Peeters", "phone": "050 12 34 56",
                        "email": "an.peeters@example.com" }
        }"#,
    )
    .unwrap()
}

fn inputs() -> UserInputs {
    UserInputs::from_referral(&referral(), &fixture::registry())
}

/// Every weak family of the issue, with the referral above as user
/// inputs: refused for both formats, with the real problem named.
#[test]
fn weak_families_are_refused_with_the_real_problem() {
    let u = inputs();
    let table: &[(&str, &str)] = &[
        // The referral's own values.
        ("Kerkstraat12Geluwe", "client_street"),
        ("Geluwe8940!", "client_place"),
        ("SofieVanDenBroeck", "client_name"),
        ("vandenbroeck2026", "client_name"),
        ("8940kerkstraat", "client_street"),
        ("0470123456Sofie", "phone"),
        ("Sofie@example.com", "email"),
        ("AnPeeters!2026", "referrer_name"),
        ("LokaalTeamMenen", "team"),
        // The test registry's OCMW name ("OCMW Testgemeente Wervik").
        ("OCMWTestgemeenteWervik2026", "ocmw"),
        ("ocmwtorhout!", "ocmw"),
        // Several values one after the other: an attacker with the mail
        // tries those combinations, not 10,000 guesses per piece.
        ("SofieVanDenBroeck-Kerkstraat-Geluwe", "client_name"),
        ("Kerkstraat12Geluwe8940", "client_street"),
        ("Geluwe-Kerkstraat-Broeck", "client_street"),
        ("kerkstraat-broeck-geluwe-sofie", "client_street"),
        // Words of the job, months, seasons, years.
        ("Doorverwijzing2026!", "context_word"),
        ("Voorjaar2026!", "context_word"),
        ("KindEnGezin2026", "context_word"),
        ("November2025!", "context_word"),
        ("Zomer2024Zomer2024", "repeat"),
        ("Herfst1999", "context_word"),
        // Names, places, passwords, words.
        ("Annelies1985!", "first_name"),
        ("Janssens1990", "surname"),
        ("Brugge2024!", "place"),
        ("Oostende!", "place"),
        ("wachtwoord123", "context_word"),
        ("P@ssw0rd!", "common_password"),
        ("fietsenmaker", "word"),
        ("drowssap", "common_password"),
        // Keyboards, sequences, repeats, dates.
        ("1q2w3e4r5t6y", "common_password"),
        ("!QAZ2wsx#EDC", "keyboard"),
        ("azertyuiop", "keyboard"),
        ("qsdfghjklm", "keyboard"),
        ("wxcvbn", "keyboard"),
        ("&azqsw", "keyboard"),
        ("poiuytreza", "keyboard"),
        ("abcdefghijklmnop", "sequence"),
        ("97531", "sequence"),
        ("aaaaaaaaaaaaaaaaaaaaaaaa", "repeat"),
        ("k7f3k7f3k7f3k7f3k7f3", "repeat"),
        ("12/05/1987", "date"),
        ("19870512", "date"),
        ("x7#", "too_short"),
    ];
    let mut failures = Vec::new();
    for &(pw, want) in table {
        for format in [Format::SevenZ, Format::Zip] {
            let s = strength(pw, &u, format);
            let got = s.warning.map(Warning::as_str);
            if s.acceptable || got != Some(want) {
                failures.push(format!(
                    "{pw} ({format:?}): {:.1} bits, {got:?}, want {want}",
                    s.bits
                ));
            }
            assert_eq!(
                check_password_with(pw, &u, format),
                Err(Code::WeakPassword),
                "{pw}"
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A year beside another problem is named too.
#[test]
fn a_year_beside_the_main_problem_is_named_too() {
    let u = inputs();
    for (pw, main) in [
        ("Voorjaar2026!", Warning::ContextWord),
        ("Doorverwijzing2026!", Warning::ContextWord),
        ("Annelies1985!", Warning::FirstName),
        ("Kerkstraat2026", Warning::Input(Kind::Street)),
    ] {
        let s = strength(pw, &u, Format::SevenZ);
        assert_eq!(s.warning, Some(main), "{pw}");
        assert_eq!(s.also, Some(Warning::Year), "{pw}");
        assert!(
            main.text(s.also).ends_with("Het bevat ook een jaartal."),
            "{pw}"
        );
    }
    // No year: nothing more; a year alone is the warning itself.
    assert_eq!(strength("Voorjaar!!", &u, Format::SevenZ).also, None);
    let y = strength("1985", &u, Format::SevenZ);
    assert_eq!((y.warning, y.also), (Some(Warning::Year), None));
}

/// The referral's values are what makes these weak: without them the same
/// passwords score far higher.
#[test]
fn referral_values_cost_next_to_nothing() {
    let u = inputs();
    for pw in ["Kerkstraat12Geluwe", "SofieVanDenBroeck", "Geluwe8940!"] {
        let with = strength(pw, &u, Format::SevenZ).bits;
        let without = strength(pw, &UserInputs::none(), Format::SevenZ).bits;
        assert!(with + 4.0 < without, "{pw}: {with} vs {without}");
        assert!(with < 30.0, "{pw}: {with}");
    }
    // Values shorter than three characters are not user inputs: the box
    // `B` and the house number `12` are not matched as such.
    assert!(u.words().iter().all(|(w, _)| w.len() >= 3));
    assert!(!u.words().iter().any(|(w, _)| w == "12" || w == "b"));
}

#[test]
fn accents_are_explained_not_called_weak() {
    let u = inputs();
    for pw in [
        "Ça-va-été-à-Wervik-2026-!",
        "Gr8-Büro-Käse-lang-genoeg-2x",
        "Xk7#pQ2m!vR9tw€",
    ] {
        for format in [Format::SevenZ, Format::Zip] {
            let s = strength(pw, &u, format);
            assert!(!s.acceptable, "{pw}");
            assert_eq!(s.warning, Some(Warning::NotAscii), "{pw}");
            assert!(s.warning.unwrap().message().contains("zonder accenten"));
            assert!(!s.warning.unwrap().message().contains("langer"));
        }
    }
}

#[test]
fn check_password_codes() {
    let long = "Xk7#pQ2m!vR9".repeat(11); // 132 characters
    let table = [
        ("", Err(Code::Required)),
        (long.as_str(), Err(Code::TooLong)),
        ("Xk7#pQ2m!vR9tw€", Err(Code::PasswordNotAscii)),
        ("Xk7#pQ2m!vR9twé", Err(Code::PasswordNotAscii)),
        ("Xk7#pQ2m!vR9tw\t", Err(Code::PasswordNotAscii)),
        ("Xk7#pQ2m\u{a0}vR9tw", Err(Code::PasswordNotAscii)),
        ("Welkom123", Err(Code::WeakPassword)),
        ("Xk7#pQ2m!vR9tw", Ok(())),
    ];
    for (pw, want) in table {
        for format in [Format::SevenZ, Format::Zip] {
            assert_eq!(check_password(pw, format), want, "{pw:?}");
            assert_eq!(
                strength(pw, &UserInputs::none(), format).acceptable,
                want.is_ok(),
                "{pw:?}"
            );
        }
    }
}

/// Between the two thresholds: enough for `.7z`, not for `.zip`.
#[test]
fn zip_needs_more_than_7z() {
    assert!(min_bits(Format::Zip) > min_bits(Format::SevenZ));
    let between = ["tafelpoot-regenjas", "Hmf8&dPz3@Lq"];
    for pw in between {
        let s7 = strength(pw, &UserInputs::none(), Format::SevenZ);
        let sz = strength(pw, &UserInputs::none(), Format::Zip);
        assert!(s7.acceptable && !sz.acceptable, "{pw}: {} bits", s7.bits);
        assert_eq!(s7.bits, sz.bits);
        assert!(sz.warning.is_some());
    }
}

/// The 2,000 most frequent Dutch words of zxcvbn-ts's Dutch list (the
/// npm package the data comes from; `scripts/setup.sh` installs it), as
/// a typed password holds them: accents dropped.
fn top_dutch() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/node_modules/@zxcvbn-ts/language-nl-be/src/commonWords.json"
    );
    let text =
        std::fs::read_to_string(path).expect("run scripts/setup.sh: node_modules is missing");
    let words: Vec<String> = serde_json::from_str(&text).unwrap();
    words
        .iter()
        .take(2000)
        .map(|w| crate::postal::fold(w))
        .collect()
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Every generated passphrase passes both formats, with the
        /// referral as user inputs too.
        #[test]
        fn generated_passphrases_pass_both(_seed in 0u32..1) {
            let u = inputs();
            let p = generate_passphrase(&PassphraseOptions::default()).unwrap();
            for format in [Format::SevenZ, Format::Zip] {
                let s = strength(p.as_str(), &u, format);
                prop_assert!(s.acceptable, "{}: {} bits", p.as_str(), s.bits);
            }
        }

        /// A typed random string of 20 printable ASCII characters passes both.
        #[test]
        fn random_20_characters_pass_both(pw in "[!-~]{20}") {
            for format in [Format::SevenZ, Format::Zip] {
                let s = strength(&pw, &UserInputs::none(), format);
                prop_assert!(s.acceptable, "{}: {} bits", pw, s.bits);
            }
        }

        /// Seven words drawn at random from the 2,000 most common Dutch
        /// words pass both, written together or with a separator.
        #[test]
        fn seven_common_dutch_words_pass_both(picks in proptest::collection::vec(0usize..2000, 7), sep in prop::sample::select(vec!["", " ", "-"])) {
            let words = top_dutch();
            prop_assert_eq!(words.len(), 2000);
            let pw: String = picks.iter().map(|&i| words[i].as_str()).collect::<Vec<_>>().join(sep);
            for format in [Format::SevenZ, Format::Zip] {
                let s = strength(&pw, &UserInputs::none(), format);
                prop_assert!(s.acceptable, "{}: {} bits", pw, s.bits);
            }
        }

        /// Any input gets a finite, non-negative estimate, never above
        /// brute force by class, and a verdict that agrees with the check.
        #[test]
        fn strength_is_total_and_bounded(pw in "\\PC{0,140}") {
            let s = strength(&pw, &UserInputs::none(), Format::Zip);
            prop_assert!(s.bits.is_finite() && s.bits >= 0.0);
            prop_assert_eq!(s.acceptable, check_password(&pw, Format::Zip).is_ok());
            // A warning exactly when refused (an empty field needs none).
            prop_assert_eq!(!s.acceptable && !pw.is_empty(), s.warning.is_some());
        }

        /// Printable ASCII: never above brute force over 95 characters
        /// (plus zxcvbn's minimum for one character).
        #[test]
        fn strength_is_bounded_by_brute_force(pw in "[ -~]{1,60}") {
            let s = strength(&pw, &UserInputs::none(), Format::SevenZ);
            let brute = pw.len() as f64 * 95f64.log2();
            prop_assert!(s.bits <= brute.max(11f64.log2()) + 1e-9, "{} > {}", s.bits, brute);
        }
    }
}
