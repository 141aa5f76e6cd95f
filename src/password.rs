//! Passphrase generation and password strength.
//!
//! The archive's password travels by phone or SMS and is typed into 7-Zip on
//! Windows, which reads ZIP passwords in the ANSI code page: so passwords are
//! printable ASCII only. Generated passphrases are lower-case groups
//! (`kx7f-9mat-…`) drawn uniformly from an alphabet without look-alikes; their
//! entropy follows from the construction. [`strength`] estimates the entropy
//! of a password a person chose, conservatively: known words, years,
//! sequences, keyboard runs and repeats count for little.
//!
//! Neither type here derives `Debug`, and every temporary copy of a password
//! is wiped when dropped.

use crate::error::Code;
use crate::random;
use zeroize::Zeroizing;

/// Least estimated entropy, in bits, for a password a person chose
/// (e.g. agreed with the partner OCMW).
pub const MIN_BITS: f64 = 60.0;

/// Least entropy, in bits, of a generated passphrase.
pub const GENERATED_MIN_BITS: f64 = 80.0;

/// Longest password accepted, in characters.
pub const MAX_PASSWORD_LEN: usize = 128;

/// Characters of a generated passphrase: lower-case letters and digits
/// without look-alikes (no 0/o, 1/l/i, 2/z, 5/s, 8/b, 6/b, 9/g/q, c, rn/m,
/// u/v, v/w/y) — 19 characters, log2(19) ≈ 4.25 bits each.
pub const PASSPHRASE_ALPHABET: &str = "adefhjkmnptuwx34679";

/// Separator between groups (not counted as entropy).
const SEPARATOR: char = '-';

/// A generated passphrase. No `Debug`: the text is a secret.
pub struct Passphrase {
    text: Zeroizing<String>,
    bits: f64,
}

impl Passphrase {
    /// The passphrase, e.g. `kx7f-9mat-ph4e-wdu6-3jna`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Its entropy in bits, from the construction.
    pub fn bits(&self) -> f64 {
        self.bits
    }
}

/// Shape of a generated passphrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PassphraseOptions {
    /// Number of groups (default 5).
    pub groups: usize,
    /// Characters per group (default 4).
    pub group_len: usize,
}

impl Default for PassphraseOptions {
    fn default() -> Self {
        PassphraseOptions {
            groups: 5,
            group_len: 4,
        }
    }
}

impl PassphraseOptions {
    /// The entropy this shape yields, in bits.
    ///
    /// Errors: [`Code::InvalidOption`] when the shape is absurd (a group
    /// count of 0 or above 16, a group length below 2 or above 16, more than
    /// [`MAX_PASSWORD_LEN`] characters) or yields less than
    /// [`GENERATED_MIN_BITS`].
    pub fn bits(&self) -> Result<f64, Code> {
        let sane = (1..=16).contains(&self.groups)
            && (2..=16).contains(&self.group_len)
            && self.groups * self.group_len + (self.groups - 1) <= MAX_PASSWORD_LEN;
        if !sane {
            return Err(Code::InvalidOption);
        }
        let per_char = (PASSPHRASE_ALPHABET.len() as f64).log2();
        let bits = (self.groups * self.group_len) as f64 * per_char;
        if bits < GENERATED_MIN_BITS {
            return Err(Code::InvalidOption);
        }
        Ok(bits)
    }
}

/// Generates a passphrase of `opts.groups` groups of `opts.group_len`
/// characters, each drawn uniformly from [`PASSPHRASE_ALPHABET`] by the CSPRNG.
///
/// Errors: [`Code::InvalidOption`] (see [`PassphraseOptions::bits`]),
/// [`Code::RandomUnavailable`].
pub fn generate_passphrase(opts: &PassphraseOptions) -> Result<Passphrase, Code> {
    let bits = opts.bits()?;
    let alphabet = PASSPHRASE_ALPHABET.as_bytes();
    let mut text = Zeroizing::new(String::with_capacity(opts.groups * (opts.group_len + 1)));
    for g in 0..opts.groups {
        if g > 0 {
            text.push(SEPARATOR);
        }
        for _ in 0..opts.group_len {
            let i = random::index_below(alphabet.len()).map_err(|_| Code::RandomUnavailable)?;
            let c = alphabet.get(i).copied().ok_or(Code::RandomUnavailable)?;
            text.push(char::from(c));
        }
    }
    Ok(Passphrase { text, bits })
}

/// An estimate of how hard a password is to guess.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Strength {
    /// Estimated entropy in bits (a conservative guess, not a proof).
    pub bits: f64,
    /// Whether [`check_password`] accepts the password.
    pub acceptable: bool,
}

/// Estimates the entropy of a password a person typed.
///
/// The password is cut into the cheapest sequence of pieces: a single
/// character costs log2 of the character pool its classes span (lower case,
/// upper case, digits, other printable ASCII); a known word (also with
/// capitals or digits for letters, `W3lk0m`), a year, an alphabetic or
/// numeric sequence, a keyboard run (qwerty, azerty), a repeated character
/// or a repeat of an earlier piece costs only a few bits. `acceptable` is
/// true when [`check_password`] accepts the password.
pub fn strength(password: &str) -> Strength {
    let chars: Zeroizing<Vec<char>> =
        Zeroizing::new(password.chars().take(MAX_PASSWORD_LEN + 1).collect());
    let bits = estimate_bits(&chars);
    Strength {
        bits,
        acceptable: verdict(password, bits).is_ok(),
    }
}

/// Checks a password for use on an archive.
///
/// Errors, in this order: [`Code::Required`] when empty, [`Code::TooLong`]
/// beyond [`MAX_PASSWORD_LEN`] characters, [`Code::PasswordNotAscii`] for
/// anything but printable ASCII (space to `~`), [`Code::WeakPassword`] below
/// [`MIN_BITS`].
pub fn check_password(password: &str) -> Result<(), Code> {
    verdict(password, strength(password).bits)
}

fn verdict(password: &str, bits: f64) -> Result<(), Code> {
    if password.is_empty() {
        Err(Code::Required)
    } else if password.chars().count() > MAX_PASSWORD_LEN {
        Err(Code::TooLong)
    } else if !password.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        Err(Code::PasswordNotAscii)
    } else if bits < MIN_BITS {
        Err(Code::WeakPassword)
    } else {
        Ok(())
    }
}

/// Longest piece checked for words, sequences, keyboard runs and repeats.
const MAX_PIECE: usize = 32;
/// Longest entry of [`COMMON_WORDS`].
const MAX_WORD: usize = 20;

/// Keyboard rows (Belgian azerty and qwerty), lower case, for keyboard runs.
const KEYBOARD_ROWS: [&str; 7] = [
    "1234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
];

/// Very common passwords and words (lower case, ASCII, sorted, at least three
/// characters): common passwords, Dutch everyday words, months and days,
/// Flemish places, words from this very context, common first names.
/// Sequences, keyboard runs and years are found by rule, not listed.
const COMMON_WORDS: &[&str] = &[
    "access",
    "admin",
    "anderlecht",
    "anna",
    "antwerpen",
    "apple",
    "april",
    "augustus",
    "auto",
    "azertyuiop",
    "baby",
    "banaan",
    "batman",
    "begin",
    "belgie",
    "belgium",
    "bier",
    "bloem",
    "bonjour",
    "brugge",
    "brussel",
    "changeme",
    "charlie",
    "chocolade",
    "clubbrugge",
    "computer",
    "daniel",
    "december",
    "default",
    "dinsdag",
    "donderdag",
    "dragon",
    "emma",
    "eva",
    "familie",
    "februari",
    "fiets",
    "football",
    "freedom",
    "friet",
    "gebruiker",
    "geheim",
    "genk",
    "gent",
    "gezin",
    "google",
    "hallo",
    "hasselt",
    "hello",
    "herfst",
    "hoera",
    "hond",
    "huis",
    "ieper",
    "ikhouvanjou",
    "iloveu",
    "iloveyou",
    "iphone",
    "jan",
    "januari",
    "jennifer",
    "jessica",
    "jezus",
    "juli",
    "julie",
    "juni",
    "kat",
    "kerst",
    "kerstmis",
    "kevin",
    "kind",
    "kindengezin",
    "kinderen",
    "kindje",
    "kindjes",
    "koen",
    "koffie",
    "konijn",
    "kortrijk",
    "laura",
    "lente",
    "letmein",
    "leuven",
    "liefde",
    "liefje",
    "lieverd",
    "limburg",
    "lisa",
    "login",
    "louis",
    "love",
    "lucas",
    "maandag",
    "maart",
    "mama",
    "mamapapa",
    "maria",
    "marie",
    "master",
    "mechelen",
    "mei",
    "menen",
    "michael",
    "moeder",
    "monkey",
    "nieuw",
    "nina",
    "noah",
    "november",
    "ocmw",
    "oktober",
    "olivia",
    "oostende",
    "opgroeien",
    "opgroeienregie",
    "oranje",
    "outlook",
    "paard",
    "papa",
    "pasen",
    "password",
    "passwort",
    "paswoord",
    "peter",
    "pinguin",
    "poes",
    "pokemon",
    "princess",
    "prive",
    "qwerty",
    "roeselare",
    "roos",
    "samsung",
    "sarah",
    "schat",
    "schatje",
    "school",
    "secret",
    "september",
    "shadow",
    "sinterklaas",
    "sociaal",
    "sociaalhuis",
    "sofie",
    "solidaris",
    "standard",
    "starten",
    "starwars",
    "ster",
    "sterk",
    "summer",
    "sunshine",
    "superman",
    "superstar",
    "test",
    "thomas",
    "thuis",
    "torhout",
    "vader",
    "vakantie",
    "veilig",
    "vlaanderen",
    "voetbal",
    "vrijdag",
    "wachtwoord",
    "welcome",
    "welkom",
    "welzijn",
    "wervik",
    "whatever",
    "windows",
    "winter",
    "woensdag",
    "zaterdag",
    "zomer",
    "zondag",
    "zorg",
];

/// Letters that stand for digits or symbols in "leet" spelling; `1` is read
/// as `i` in one pass and as `l` in the other.
fn unleet(c: char, one: char) -> char {
    match c {
        '0' => 'o',
        '1' => one,
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        '!' => 'i',
        _ => c.to_ascii_lowercase(),
    }
}

fn pool_size(chars: &[char]) -> f64 {
    let mut pool = 0;
    if chars.iter().any(char::is_ascii_lowercase) {
        pool += 26;
    }
    if chars.iter().any(char::is_ascii_uppercase) {
        pool += 26;
    }
    if chars.iter().any(char::is_ascii_digit) {
        pool += 10;
    }
    if chars
        .iter()
        .any(|c| c.is_ascii() && !c.is_ascii_alphanumeric())
    {
        pool += 33;
    }
    if chars.iter().any(|c| !c.is_ascii()) {
        pool += 100;
    }
    f64::from(pool.max(1))
}

/// Bits for the capitalisation of a word: none, first letter or all
/// capitals cost one bit; other mixes cost the number of ways to choose them.
fn case_bits(word: &[char]) -> f64 {
    let upper = word.iter().filter(|c| c.is_ascii_uppercase()).count();
    let lower = word.iter().filter(|c| c.is_ascii_lowercase()).count();
    if upper == 0 {
        return 0.0;
    }
    let first_only = upper == 1 && word.first().is_some_and(char::is_ascii_uppercase);
    if lower == 0 || first_only {
        return 1.0;
    }
    let n = upper + lower;
    let mut ways = 0.0;
    let mut binom = 1.0;
    for k in 1..=upper.min(lower) {
        binom = binom * (n + 1 - k) as f64 / k as f64;
        ways += binom;
    }
    f64::log2(ways).max(1.0)
}

/// Cheapest cover of the password by pieces (see [`strength`]).
fn estimate_bits(chars: &[char]) -> f64 {
    let n = chars.len();
    if n == 0 {
        return 0.0;
    }
    let per_char = pool_size(chars).log2();
    // best[i]: cheapest bits for chars[..i].
    let mut best = vec![f64::INFINITY; n + 1];
    best[0] = 0.0;
    let dict_bits = (COMMON_WORDS.len() as f64).log2();
    let lower: Zeroizing<Vec<char>> =
        Zeroizing::new(chars.iter().map(char::to_ascii_lowercase).collect());
    let leet_i: Zeroizing<Vec<char>> =
        Zeroizing::new(chars.iter().map(|c| unleet(*c, 'i')).collect());
    let leet_l: Zeroizing<Vec<char>> =
        Zeroizing::new(chars.iter().map(|c| unleet(*c, 'l')).collect());
    let mut word = Zeroizing::new(String::new());
    // Length of the run of one repeated character ending before `end`.
    let mut run = 0;
    for end in 1..=n {
        run = if end >= 2 && chars[end - 1] == chars[end - 2] {
            run + 1
        } else {
            1
        };
        let mut cost = best[end - 1] + per_char;
        // One character repeated, any length.
        for len in 3..=run {
            let base = best[end - len];
            cost = cost.min(base + per_char + (len as f64).log2());
        }
        // Other patterns are short: longer ones are covered piece by piece.
        let first = end.saturating_sub(MAX_PIECE);
        for start in (first..end.saturating_sub(2)).rev() {
            let len = end - start;
            let base = best[start];
            let piece = &chars[start..end];
            let lower_piece = &lower[start..end];
            // Known word, plain or in leet spelling.
            if len <= MAX_WORD {
                for (variant, extra) in [(&lower, 0.0), (&leet_i, 1.0), (&leet_l, 1.0)] {
                    let letters = &variant[start..end];
                    if !letters.iter().all(char::is_ascii_lowercase) {
                        continue;
                    }
                    word.clear();
                    word.extend(letters.iter());
                    if COMMON_WORDS.binary_search(&word.as_str()).is_ok() {
                        cost = cost.min(base + dict_bits + case_bits(piece) + extra);
                    }
                }
            }
            // Year 1900–2099.
            if len == 4
                && piece.iter().all(char::is_ascii_digit)
                && matches!(piece[..2], ['1', '9'] | ['2', '0'])
            {
                cost = cost.min(base + 200f64.log2());
            }
            // Alphabetic or numeric sequence, either direction.
            if len <= 26 && is_sequence(lower_piece) {
                let class = if lower_piece[0].is_ascii_digit() {
                    10f64
                } else {
                    26f64
                };
                cost = cost.min(base + class.log2() + (len as f64).log2() + 1.0);
            }
            // Keyboard run, either direction.
            if len <= 10 && is_keyboard_run(lower_piece) {
                cost = cost.min(base + 47f64.log2() + (len as f64).log2() + 1.0);
            }
            // Repeat of an earlier piece.
            if start >= len && contains_slice(&chars[..start], piece) {
                cost = cost.min(base + (start as f64).log2() + (len as f64).log2());
            }
        }
        best[end] = cost;
    }
    best[n]
}

fn is_sequence(piece: &[char]) -> bool {
    let alnum_class = |c: char| c.is_ascii_digit() || c.is_ascii_lowercase();
    if !piece.iter().all(|c| alnum_class(*c)) || piece.len() < 3 {
        return false;
    }
    let step = |a: char, b: char| i64::from(u32::from(b)) - i64::from(u32::from(a));
    let first = step(piece[0], piece[1]);
    (first == 1 || first == -1)
        && piece
            .windows(2)
            .all(|w| step(w[0], w[1]) == first && w[0].is_ascii_digit() == w[1].is_ascii_digit())
}

/// Whether `piece` is a run of one keyboard row, in either direction.
/// Compared in place: no copy of the piece is made, and no substring
/// search (`str::contains` with a `&str` pattern brings core's 2 KB
/// substring searcher into the Wasm module).
fn is_keyboard_run(piece: &[char]) -> bool {
    let same = |row: &[u8], chars: &mut dyn Iterator<Item = &char>| {
        row.iter().zip(chars).all(|(&r, &c)| char::from(r) == c)
    };
    !piece.is_empty()
        && KEYBOARD_ROWS.iter().any(|row| {
            row.as_bytes()
                .windows(piece.len())
                .any(|w| same(w, &mut piece.iter()) || same(w, &mut piece.iter().rev()))
        })
}

fn contains_slice(hay: &[char], needle: &[char]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn word_list_is_sorted_lower_case_ascii() {
        assert!(
            COMMON_WORDS.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        for w in COMMON_WORDS {
            assert!(
                w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase()),
                "{w}"
            );
        }
    }

    #[test]
    fn alphabet_has_no_look_alikes() {
        for c in "0oO1lIi2zZ5sS8bB6gq9c"
            .chars()
            .filter(|c| *c != '6' && *c != '9')
        {
            assert!(!PASSPHRASE_ALPHABET.contains(c), "{c}");
        }
        for c in "rvy".chars() {
            assert!(!PASSPHRASE_ALPHABET.contains(c), "{c}");
        }
        let unique: HashSet<char> = PASSPHRASE_ALPHABET.chars().collect();
        assert_eq!(unique.len(), 19);
    }

    #[test]
    fn default_passphrases_are_strong_distinct_and_readable() {
        let opts = PassphraseOptions::default();
        let mut seen = HashSet::new();
        for _ in 0..1000 {
            let p = generate_passphrase(&opts).unwrap();
            // 20 characters of 19 possibilities: 20 × log2(19) ≈ 84.96 bits.
            assert!((p.bits() - 84.96).abs() < 0.01, "{}", p.bits());
            assert!(p.bits() >= 80.0);
            let groups: Vec<&str> = p.as_str().split('-').collect();
            assert_eq!(groups.len(), 5);
            for g in &groups {
                assert_eq!(g.len(), 4);
                assert!(g.chars().all(|c| PASSPHRASE_ALPHABET.contains(c)), "{g}");
            }
            let s = strength(p.as_str());
            assert!(s.acceptable, "{} bits", s.bits);
            assert_eq!(check_password(p.as_str()), Ok(()));
            seen.insert(p.as_str().to_owned());
        }
        assert_eq!(seen.len(), 1000);
    }

    #[test]
    fn passphrase_options() {
        let table = [
            (5, 4, Ok(20)),
            (4, 5, Ok(20)),
            (6, 4, Ok(24)),
            (1, 16, Ok(16)), // 16 × 4.25 = 68 bits: too few
            (3, 6, Ok(18)),  // 18 × 4.25 = 76.5 bits: too few
            (4, 4, Ok(16)),
            (0, 4, Err(())),
            (5, 0, Err(())),
            (5, 1, Err(())),
            (17, 4, Err(())),
            (5, 17, Err(())),
            (16, 16, Err(())), // 16 × 17 − 1 = 271 characters
            (usize::MAX, 4, Err(())),
        ];
        for (groups, group_len, shape) in table {
            let opts = PassphraseOptions { groups, group_len };
            let want_ok = shape.is_ok_and(|n| n as f64 * 19f64.log2() >= 80.0);
            let got = generate_passphrase(&opts);
            assert_eq!(got.is_ok(), want_ok, "{groups}×{group_len}");
            match got {
                Ok(p) => {
                    assert_eq!(p.as_str().len(), groups * group_len + groups - 1);
                    assert!(p.bits() >= 80.0);
                }
                Err(c) => assert_eq!(c, Code::InvalidOption),
            }
        }
    }

    #[test]
    fn classic_weak_passwords_are_refused() {
        let weak = [
            "Welkom123",
            "welkom01",
            "password",
            "Password1!",
            "P@ssw0rd",
            "azerty123",
            "AZERTYUIOP",
            "qwerty",
            "Kindengezin2024",
            "KindEnGezin2024!",
            "OCMW-Wervik-2024",
            "Sofie2019!",
            "W3lk0m2025",
            "123456789012",
            "abcdefghijklmnop",
            "aaaaaaaaaaaaaaaaaaaaaaaa",
            "iloveyou",
            "Zomer2024Zomer2024",
            "k7f3k7f3k7f3k7f3k7f3",
            "wachtwoord",
            "Brugge1985",
        ];
        for pw in weak {
            let s = strength(pw);
            assert!(!s.acceptable, "{pw}: {} bits", s.bits);
            assert_eq!(check_password(pw), Err(Code::WeakPassword), "{pw}");
        }
    }

    #[test]
    fn chosen_strong_passwords_are_accepted() {
        // Long or varied passwords without known words, sequences or repeats.
        let strong = [
            "Xk7#pQ2m!vR9tw",
            "gq8-Rv3-Ls9-Mt4-Wx2",
            "tafelpoot-regenjas-kurkentrekker",
            "Hmf8&dPz3@Lq",
        ];
        for pw in strong {
            let s = strength(pw);
            assert!(s.acceptable, "{pw}: {} bits", s.bits);
            assert_eq!(check_password(pw), Ok(()), "{pw}");
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
            assert_eq!(check_password(pw), want, "{pw:?}");
            assert_eq!(strength(pw).acceptable, want.is_ok(), "{pw:?}");
        }
    }

    /// Keyboard runs that are not in the word list, both directions, on
    /// every row, cost less than letters of the same pool in no order.
    #[test]
    fn keyboard_runs_cost_little() {
        let table = [
            ("sdfghj", "hqzvpb"),
            ("jhgfds", "hqzvpb"),
            ("nbvcxz", "hqzvpb"),
            ("ertyui", "hqzvpb"),
            ("poiuyt", "hqzvpb"),
            ("mlkjhg", "hqzvpb"),
            ("cvbn", "hqzv"),
        ];
        for (run, random_like) in table {
            assert!(
                COMMON_WORDS.binary_search(&run).is_err(),
                "{run} is a listed word"
            );
            let (a, b) = (strength(run).bits, strength(random_like).bits);
            assert!(a + 5.0 < b, "{run}: {a} vs {random_like}: {b}");
        }
    }

    #[test]
    fn patterns_cost_less_than_random_characters() {
        // Same length and pool (lower case), but known structure.
        let table = [
            ("welkom", "hqzvpb"),
            ("abcdef", "hqzvpb"),
            ("azerty", "hqzvpb"),
            ("kkkkkk", "hqzvpb"),
            ("hqzhqz", "hqzvpb"),
            ("w3lk0m", "h3zv0b"),
        ];
        for (patterned, random_like) in table {
            let (a, b) = (strength(patterned).bits, strength(random_like).bits);
            assert!(a + 10.0 < b, "{patterned}: {a} vs {random_like}: {b}");
        }
        assert_eq!(strength("").bits, 0.0);
        // Year in digits: log2(200) bits, less than four random digits.
        assert!(strength("1985").bits < strength("8361").bits);
    }

    #[test]
    fn case_bits_table() {
        let table: [(&str, f64); 5] = [
            ("welkom", 0.0),
            ("Welkom", 1.0),
            ("WELKOM", 1.0),
            // Two capitals among six letters: C(6,1) + C(6,2) = 21 ways.
            ("WeLkom", 21f64.log2()),
            // Three of six: 6 + 15 + 20 = 41 ways.
            ("wElKoM", 41f64.log2()),
        ];
        for (w, bits) in table {
            let chars: Vec<char> = w.chars().collect();
            assert!(
                (case_bits(&chars) - bits).abs() < 1e-9,
                "{w}: {}",
                case_bits(&chars)
            );
        }
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The in-place comparison finds exactly the runs that a substring
        /// search of each row (forwards and backwards) finds.
        #[test]
        fn keyboard_run_matches_substring_search(piece in "[a-z0-9é]{1,11}") {
            let chars: Vec<char> = piece.chars().collect();
            let rev: String = piece.chars().rev().collect();
            let want = KEYBOARD_ROWS
                .iter()
                .any(|row| row.contains(piece.as_str()) || row.contains(rev.as_str()));
            prop_assert_eq!(is_keyboard_run(&chars), want, "{}", piece);
        }

        /// The same on pieces cut from the rows themselves, where the
        /// answer is mostly yes.
        #[test]
        fn keyboard_run_finds_cut_pieces(row in 0..KEYBOARD_ROWS.len(), start in 0usize..10, len in 1usize..11, backwards: bool) {
            let r: Vec<char> = KEYBOARD_ROWS[row].chars().collect();
            let start = start.min(r.len() - 1);
            let end = (start + len).min(r.len());
            let mut piece = r[start..end].to_vec();
            if backwards {
                piece.reverse();
            }
            prop_assert!(is_keyboard_run(&piece));
        }

        /// Any input gets a finite, non-negative estimate and a verdict that
        /// agrees with check_password.
        #[test]
        fn strength_is_total(pw in "\\PC{0,160}") {
            let s = strength(&pw);
            prop_assert!(s.bits.is_finite() && s.bits >= 0.0);
            prop_assert_eq!(s.acceptable, check_password(&pw).is_ok());
        }

        /// The estimate never exceeds brute force over printable ASCII and
        /// is never negative. (Appending characters may lower it: "passwor"
        /// plus "d" becomes a dictionary word, so monotony is not a property.)
        #[test]
        fn strength_is_bounded_by_brute_force(pw in "[ -~]{0,80}") {
            let s = strength(&pw);
            let brute = pw.len() as f64 * 95f64.log2();
            prop_assert!(s.bits >= 0.0);
            prop_assert!(s.bits <= brute + 1e-9, "{} > {}", s.bits, brute);
            prop_assert_eq!(s.acceptable, s.bits >= MIN_BITS);
        }
    }
}
