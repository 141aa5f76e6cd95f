//! The zxcvbn method (Wheeler, "zxcvbn: Low-Budget Password Strength
//! Estimation", USENIX Security 2016), ported from zxcvbn-ts: find every
//! pattern an attacker would try (dictionary words with their rank, also
//! reversed and in l33t; keyboard walks; sequences; repeats; years and
//! dates; the referral's own values), then the sequence of patterns and
//! brute-forced pieces that covers the password with the fewest guesses:
//! `l! × Π guesses(match) + 10000^(l−1)` for `l` pieces. The estimate is
//! `log2` of that number of guesses.
//!
//! Differences from zxcvbn, on purpose: a brute-forced piece costs the
//! size of each character's own class (26 lower case, 26 upper case, 10
//! digits, 33 other printable ASCII; 100 for anything else), not 10 per
//! character; a dictionary word's rank is its bucket's lowest (see
//! [`super::dictionary`]); the referral's values have rank 1. The search
//! runs in `log2` space, so no length overflows it.

use super::dictionary::{List, Lookup, Prefixes};
use super::inputs::{Kind, UserInputs};
use super::keyboard::LAYOUTS;
use zeroize::Zeroizing;

/// The year dates and years are measured from (zxcvbn uses the current
/// year; the core has no clock, and `MIN_YEAR_SPACE` makes a few years of
/// drift irrelevant).
const REFERENCE_YEAR: i32 = 2026;
/// Fewest years an attacker tries around a year.
const MIN_YEAR_SPACE: i32 = 20;
/// zxcvbn's penalty per extra piece: `log2(10000)`.
const LOG2_MIN_GUESSES_BEFORE_GROWING_SEQUENCE: f64 = 13.287_712_379_549_449;
/// Fewest guesses for a piece of one character, and of more, that is not
/// the whole password.
const MIN_SUBMATCH_GUESSES_SINGLE_CHAR: f64 = 10.0;
const MIN_SUBMATCH_GUESSES_MULTI_CHAR: f64 = 50.0;
/// Longest dictionary word tried.
const MAX_WORD: usize = 32;
/// Most pieces a cover is made of. A cover of more pieces costs at least
/// `(MAX_PIECES − 1) × log2(10000)` ≈ 199 bits by the penalty alone, far
/// above any threshold, so leaving them out never changes a verdict; it
/// keeps the search at O(n³) (a 128-character password took 450 ms in
/// Node with every length of cover).
const MAX_PIECES: usize = 16;

/// What a piece of the password is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// A word of a list (reversed or l33t when the flags say so).
    Word {
        /// Which list.
        list: List,
        /// Written backwards.
        reversed: bool,
    },
    /// A value of the referral.
    Input(Kind),
    /// A keyboard walk.
    Keyboard,
    /// A repeat of a shorter piece.
    Repeat,
    /// A run like `abc`, `9753`.
    Sequence,
    /// A year.
    Year,
    /// A date.
    Date,
    /// Characters without a pattern.
    Bruteforce,
}

/// A piece of the password: characters `i..=j`, how many guesses it costs.
#[derive(Clone, Copy)]
pub struct Match {
    /// First character.
    pub i: usize,
    /// Last character, inclusive.
    pub j: usize,
    /// `log2` of the guesses for this piece alone.
    pub log2_guesses: f64,
    /// What it is.
    pub pattern: Pattern,
}

/// The estimate: `log2` of the guesses, and the pieces of the cheapest cover.
pub struct Estimate {
    /// `log2` of the number of guesses.
    pub bits: f64,
    /// The pieces, in order.
    pub sequence: Vec<Match>,
    /// Every year and date found, in the cover or not (`Voorjaar2026!` is
    /// cheapest as a word and five brute-forced characters, yet it holds a
    /// year the warning should name too).
    pub years: Vec<Match>,
}

/// Estimates the guesses for `chars` (at most a few hundred characters).
pub fn estimate(chars: &[char], inputs: &UserInputs) -> Estimate {
    estimate_depth(chars, inputs, 0)
}

fn estimate_depth(chars: &[char], inputs: &UserInputs, depth: u32) -> Estimate {
    let mut matches = Vec::new();
    dictionary_matches(chars, inputs, &mut matches);
    input_chains(chars, inputs, &mut matches);
    keyboard_matches(chars, &mut matches);
    sequence_matches(chars, &mut matches);
    year_and_date_matches(chars, &mut matches);
    if depth < 2 {
        repeat_matches(chars, inputs, depth, &mut matches);
    }
    let years: Vec<Match> = matches
        .iter()
        .filter(|m| matches!(m.pattern, Pattern::Year | Pattern::Date))
        .copied()
        .collect();
    Estimate {
        years,
        ..most_guessable(chars, matches)
    }
}

// ------------------------------------------------------------- matching --

fn log2(x: f64) -> f64 {
    x.max(1.0).log2()
}

/// `log2` of the binomial coefficient C(n, k).
fn log2_binomial(n: usize, k: usize) -> f64 {
    if k > n {
        return f64::NEG_INFINITY;
    }
    let k = k.min(n - k);
    (0..k)
        .map(|i| ((n - i) as f64 / (i + 1) as f64).log2())
        .sum()
}

/// `log2(2^a + 2^b)`.
fn log2_add(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    if lo == f64::NEG_INFINITY {
        return hi;
    }
    hi + (1.0 + (lo - hi).exp2()).log2()
}

/// `log2` of Σ_{i=1..min(a,b)} C(a+b, i): the ways to pick which of a
/// piece's characters are the minority variant (capitals, l33t, shifted).
fn log2_variations(a: usize, b: usize) -> f64 {
    if a == 0 || b == 0 {
        return 1.0; // all or none: twice the guesses
    }
    (1..=a.min(b))
        .map(|i| log2_binomial(a + b, i))
        .fold(f64::NEG_INFINITY, log2_add)
}

/// zxcvbn's capitalisation variations of a word.
fn log2_uppercase_variations(word: &[char]) -> f64 {
    let upper = word.iter().filter(|c| c.is_ascii_uppercase()).count();
    let lower = word.iter().filter(|c| c.is_ascii_lowercase()).count();
    if upper == 0 {
        return 0.0;
    }
    let first = word.first().is_some_and(char::is_ascii_uppercase);
    let last = word.last().is_some_and(char::is_ascii_uppercase);
    if lower == 0 || (upper == 1 && (first || last)) {
        return 1.0;
    }
    log2_variations(upper, lower)
}

/// The letter a l33t character stands for, in one of two readings of the
/// ambiguous ones (`1` and `|` as `i` or `l`, `7` as `t` or `l`).
fn unleet(c: u8, second: bool) -> u8 {
    match c {
        b'4' | b'@' => b'a',
        b'8' => b'b',
        b'(' | b'{' | b'[' | b'<' => b'c',
        b'3' => b'e',
        b'6' | b'9' => b'g',
        b'1' | b'|' => {
            if second {
                b'l'
            } else {
                b'i'
            }
        }
        b'!' => b'i',
        b'7' => {
            if second {
                b'l'
            } else {
                b't'
            }
        }
        b'0' => b'o',
        b'$' | b'5' => b's',
        b'+' => b't',
        b'%' => b'x',
        b'2' => b'z',
        _ => c,
    }
}

/// zxcvbn's l33t variations: for each letter substituted, the ways to
/// choose which of its occurrences were substituted.
fn log2_l33t_variations(original: &[u8], read: &[u8]) -> f64 {
    let mut total = 0.0;
    for letter in b'a'..=b'z' {
        let subbed = original
            .iter()
            .zip(read)
            .filter(|(o, r)| **r == letter && **o != letter)
            .count();
        if subbed == 0 {
            continue;
        }
        let unsubbed = original.iter().filter(|o| **o == letter).count();
        total += log2_variations(subbed, unsubbed);
    }
    total
}

/// Dictionary and user-input matches, forwards and reversed, plain and
/// in both l33t readings.
fn dictionary_matches(chars: &[char], inputs: &UserInputs, out: &mut Vec<Match>) {
    let n = chars.len();
    // Lower-case ASCII; anything else becomes a byte no word holds.
    let lower: Zeroizing<Vec<u8>> = Zeroizing::new(
        chars
            .iter()
            .map(|c| {
                if c.is_ascii() {
                    (*c as u8).to_ascii_lowercase()
                } else {
                    0
                }
            })
            .collect(),
    );
    for reversed in [false, true] {
        for reading in 0..3u8 {
            let mut text: Zeroizing<Vec<u8>> = Zeroizing::new(match reading {
                0 => lower.to_vec(),
                r => lower.iter().map(|&c| unleet(c, r == 2)).collect(),
            });
            let mut original: Zeroizing<Vec<u8>> = Zeroizing::new(lower.to_vec());
            if reading > 0 && *text == *original {
                continue;
            }
            if reversed {
                text.reverse();
                original.reverse();
            }
            // Where the piece text[i..=j] is in the password, and what its
            // capitals, l33t and direction add to the guesses.
            let place = |i: usize, j: usize| -> Option<(usize, usize, f64)> {
                let l33t = reading > 0 && text[i..=j] != original[i..=j];
                if reading > 0 && !l33t {
                    return None; // the plain reading finds this one
                }
                let (oi, oj) = if reversed {
                    (n - 1 - j, n - 1 - i)
                } else {
                    (i, j)
                };
                let extra = log2_uppercase_variations(&chars[oi..=oj])
                    + if l33t {
                        log2_l33t_variations(&original[i..=j], &text[i..=j])
                    } else {
                        0.0
                    }
                    + if reversed { 1.0 } else { 0.0 };
                Some((oi, oj, extra))
            };
            for i in 0..n {
                // The referral's values first: on a tie with a list word,
                // the first match found is kept, and it names the warning.
                for (word, kind) in inputs.words() {
                    let w = word.as_bytes();
                    // The first byte alone rules out most values, without
                    // a call to compare (the registry gives a few hundred).
                    if w.first() == text.get(i) && text[i..].starts_with(w) {
                        if let Some((oi, oj, extra)) = place(i, i + w.len() - 1) {
                            out.push(Match {
                                i: oi,
                                j: oj,
                                log2_guesses: extra,
                                pattern: Pattern::Input(*kind),
                            });
                        }
                    }
                }
                let mut piece = Prefixes::new();
                for j in i..n.min(i + MAX_WORD) {
                    match piece.push(text[j]) {
                        Lookup::None => break,
                        Lookup::Prefix => {}
                        Lookup::Word(entries) => {
                            let Some((oi, oj, extra)) = place(i, j) else {
                                continue;
                            };
                            for e in entries {
                                let bucket = e.bucket();
                                out.push(Match {
                                    i: oi,
                                    j: oj,
                                    log2_guesses: log2(f64::from(bucket.rank)) + extra,
                                    pattern: Pattern::Word {
                                        list: bucket.list,
                                        reversed,
                                    },
                                });
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Most values of the referral chained into one piece.
const MAX_CHAIN: usize = 8;

/// The referral's values one after the other, with or without one symbol
/// between them (`SofieVanDenBroeck-Kerkstraat-Geluwe`): one piece whose
/// guesses are, for each value, the number of values to choose from times
/// its own variations, and for each separator its 33 possibilities. As
/// separate pieces, zxcvbn's penalty of 10,000 guesses per extra piece
/// would make such a password look strong; an attacker with the mail
/// tries exactly these combinations.
fn input_chains(chars: &[char], inputs: &UserInputs, out: &mut Vec<Match>) {
    let parts: Vec<Match> = out
        .iter()
        .filter(|m| matches!(m.pattern, Pattern::Input(_)))
        .copied()
        .collect();
    if parts.len() < 2 {
        return;
    }
    let choose = (inputs.words().len().max(1) as f64).log2();
    let separator = |k: usize| {
        chars
            .get(k)
            .is_some_and(|c| c.is_ascii() && !c.is_ascii_alphanumeric())
    };
    // Depth-first from each part; a budget bounds the work when values
    // overlap (`van`, `den`, `vandenbroeck`).
    let mut budget = 4096usize;
    let mut stack: Vec<(usize, usize, f64, usize, Pattern, usize)> = Vec::new();
    for first in &parts {
        let len = first.j - first.i;
        stack.push((
            first.i,
            first.j,
            first.log2_guesses + choose,
            1,
            first.pattern,
            len,
        ));
        while let Some((start, end, bits, count, pattern, longest)) = stack.pop() {
            if count >= MAX_CHAIN {
                continue;
            }
            for next in &parts {
                let gap = if next.i == end + 1 {
                    0.0
                } else if next.i == end + 2 && separator(end + 1) {
                    33f64.log2()
                } else {
                    continue;
                };
                if budget == 0 {
                    return;
                }
                budget -= 1;
                let total = bits + gap + next.log2_guesses + choose;
                // The longest value names the warning.
                let (pattern, longest) = if next.j - next.i > longest {
                    (next.pattern, next.j - next.i)
                } else {
                    (pattern, longest)
                };
                out.push(Match {
                    i: start,
                    j: next.j,
                    log2_guesses: total,
                    pattern,
                });
                stack.push((start, next.j, total, count + 1, pattern, longest));
            }
        }
    }
}

/// Keyboard walks of three keys or more, on each layout: zxcvbn's guesses
/// for a walk of `L` keys with `t` turns on a keyboard of `s` starting
/// positions and average degree `d`: Σ_{i=2..L} Σ_{j=1..min(t,i−1)}
/// C(i−1, j−1)·s·d^j, times the Shift variations.
fn keyboard_matches(chars: &[char], out: &mut Vec<Match>) {
    for layout in LAYOUTS {
        for w in layout.walks(chars) {
            let len = w.j - w.i + 1;
            let mut guesses = f64::NEG_INFINITY;
            for i in 2..=len {
                for j in 1..=(w.turns as usize).min(i - 1) {
                    let term =
                        log2_binomial(i - 1, j - 1) + w.keys.log2() + j as f64 * w.degree.log2();
                    guesses = log2_add(guesses, term);
                }
            }
            let shifted = w.shifted as usize;
            if shifted > 0 {
                guesses += log2_variations(shifted, len - shifted);
            }
            out.push(Match {
                i: w.i,
                j: w.j,
                log2_guesses: guesses,
                pattern: Pattern::Keyboard,
            });
        }
    }
}

/// Runs of characters with one step between them (`abc`, `9753`, `ZYX`):
/// zxcvbn's sequence matcher and guesses.
fn sequence_matches(chars: &[char], out: &mut Vec<Match>) {
    let n = chars.len();
    if n < 2 {
        return;
    }
    let mut add = |i: usize, j: usize, delta: i64| {
        let d = delta.unsigned_abs();
        if (j - i > 1 || d == 1) && (1..=5).contains(&d) {
            let first = chars[i];
            let base: f64 = if "aAzZ019".contains(first) {
                4.0
            } else if first.is_ascii_digit() {
                10.0
            } else {
                26.0
            };
            let descending = if delta < 0 { 1.0 } else { 0.0 };
            out.push(Match {
                i,
                j,
                log2_guesses: base.log2() + descending + ((j - i + 1) as f64).log2(),
                pattern: Pattern::Sequence,
            });
        }
    };
    let code = |c: char| i64::from(u32::from(c));
    let mut i = 0;
    let mut last: Option<i64> = None;
    for k in 1..n {
        let delta = code(chars[k]) - code(chars[k - 1]);
        let last_delta = *last.get_or_insert(delta);
        if delta != last_delta {
            add(i, k - 1, last_delta);
            i = k - 1;
            last = Some(delta);
        }
    }
    add(i, n - 1, last.unwrap_or(0));
}

/// The number a run of ASCII digits spells.
fn number(digits: &[char]) -> i32 {
    digits
        .iter()
        .fold(0, |n, c| n * 10 + c.to_digit(10).map_or(0, |d| d as i32))
}

fn year_guesses(year: i32) -> f64 {
    f64::from((year - REFERENCE_YEAR).abs().max(MIN_YEAR_SPACE))
}

/// Two numbers as day and month, either order.
fn day_month(a: i32, b: i32) -> bool {
    ((1..=31).contains(&a) && (1..=12).contains(&b))
        || ((1..=31).contains(&b) && (1..=12).contains(&a))
}

/// zxcvbn's reading of three numbers as a date; the year when they are one.
fn date_year(ints: [i32; 3]) -> Option<i32> {
    if ints[1] > 31 || ints[1] <= 0 {
        return None;
    }
    let over12 = ints.iter().filter(|&&x| x > 12).count();
    let over31 = ints.iter().filter(|&&x| x > 31).count();
    let under1 = ints.iter().filter(|&&x| x <= 0).count();
    if over31 >= 2 || over12 == 3 || under1 >= 2 {
        return None;
    }
    let splits = [(ints[2], ints[0], ints[1]), (ints[0], ints[1], ints[2])];
    for &(y, a, b) in &splits {
        if (1000..=2050).contains(&y) {
            return day_month(a, b).then_some(y);
        }
    }
    for &(y, a, b) in &splits {
        if y <= 99 && day_month(a, b) {
            return Some(if y > 50 { 1900 + y } else { 2000 + y });
        }
    }
    None
}

/// Years (1900–2049) and dates, with or without separators.
fn year_and_date_matches(chars: &[char], out: &mut Vec<Match>) {
    let n = chars.len();
    let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    for i in 0..n {
        // Years.
        if i + 4 <= n && (i..i + 4).all(digit) {
            let y = number(&chars[i..i + 4]);
            if (1900..=2049).contains(&y) {
                out.push(Match {
                    i,
                    j: i + 3,
                    log2_guesses: year_guesses(y).log2(),
                    pattern: Pattern::Year,
                });
            }
        }
        // Dates without separators: zxcvbn's splits of 4 to 8 digits.
        const SPLITS: [&[(usize, usize)]; 5] = [
            &[(1, 2), (2, 3)],
            &[(1, 3), (2, 3)],
            &[(1, 2), (2, 4), (4, 5)],
            &[(1, 3), (2, 3), (4, 5), (4, 6)],
            &[(2, 4), (4, 6)],
        ];
        for len in 4..=8 {
            if i + len > n || !(i..i + len).all(digit) {
                break;
            }
            let d = &chars[i..i + len];
            let year = SPLITS[len - 4].iter().find_map(|&(k, l)| {
                date_year([number(&d[..k]), number(&d[k..l]), number(&d[l..])])
            });
            if let Some(y) = year {
                out.push(Match {
                    i,
                    j: i + len - 1,
                    log2_guesses: (365.0 * year_guesses(y)).log2(),
                    pattern: Pattern::Date,
                });
            }
        }
        // Dates with a separator: d{1,4} s d{1,2} s d{1,4}, the same s.
        let run = |from: usize| (from..n).take_while(|&k| digit(k)).count();
        let a = run(i);
        if !(1..=4).contains(&a) || (i > 0 && digit(i - 1)) {
            continue;
        }
        let Some(&sep) = chars.get(i + a) else {
            continue;
        };
        if !" /\\_.-".contains(sep) {
            continue;
        }
        let b = run(i + a + 1);
        if !(1..=2).contains(&b) || chars.get(i + a + 1 + b) != Some(&sep) {
            continue;
        }
        let start_c = i + a + 1 + b + 1;
        let c = run(start_c);
        for c_len in [1, 2, 4] {
            if c_len > c {
                break;
            }
            let ints = [
                number(&chars[i..i + a]),
                number(&chars[i + a + 1..i + a + 1 + b]),
                number(&chars[start_c..start_c + c_len]),
            ];
            if let Some(y) = date_year(ints) {
                out.push(Match {
                    i,
                    j: start_c + c_len - 1,
                    log2_guesses: (365.0 * year_guesses(y) * 4.0).log2(),
                    pattern: Pattern::Date,
                });
            }
        }
    }
}

/// Repeats of a shorter piece (`aaaa`, `abcabc`, `Zomer2024Zomer2024`):
/// from each position, the repeat that covers the most characters, costing
/// the guesses of its unit times the number of repeats.
fn repeat_matches(chars: &[char], inputs: &UserInputs, depth: u32, out: &mut Vec<Match>) {
    let n = chars.len();
    for i in 0..n {
        let mut best: Option<(usize, usize)> = None; // (unit length, repeats)
        for unit in 1..=(n - i) / 2 {
            let u = &chars[i..i + unit];
            let mut r = 1;
            while i + (r + 1) * unit <= n && chars[i + r * unit..i + (r + 1) * unit] == *u {
                r += 1;
            }
            if r >= 2 && best.is_none_or(|(bu, br)| unit * r > bu * br) {
                best = Some((unit, r));
            }
        }
        if let Some((unit, r)) = best {
            let base = estimate_depth(&chars[i..i + unit], inputs, depth + 1).bits;
            out.push(Match {
                i,
                j: i + unit * r - 1,
                log2_guesses: base + (r as f64).log2(),
                pattern: Pattern::Repeat,
            });
        }
    }
}

// -------------------------------------------------------------- scoring --

/// `log2` of the guesses to brute-force one character: the size of its
/// own class.
fn bruteforce_bits(c: char) -> f64 {
    if c.is_ascii_lowercase() || c.is_ascii_uppercase() {
        26f64.log2()
    } else if c.is_ascii_digit() {
        10f64.log2()
    } else if c.is_ascii() {
        33f64.log2()
    } else {
        100f64.log2()
    }
}

/// `log2` of zxcvbn's least guesses for a piece that is not the whole
/// password, `[one character, more][not brute force, brute force]` (one
/// more for brute force, so that a pattern wins a tie). Computed once per
/// estimate: in WebAssembly `log2` is a call, and the search asks for
/// these at each of its updates.
fn submatch_minimums() -> [[f64; 2]; 2] {
    let min =
        |guesses: f64, bruteforce: bool| (guesses + if bruteforce { 1.0 } else { 0.0 }).log2();
    [
        [
            min(MIN_SUBMATCH_GUESSES_SINGLE_CHAR, false),
            min(MIN_SUBMATCH_GUESSES_SINGLE_CHAR, true),
        ],
        [
            min(MIN_SUBMATCH_GUESSES_MULTI_CHAR, false),
            min(MIN_SUBMATCH_GUESSES_MULTI_CHAR, true),
        ],
    ]
}

/// The guesses of a match as a piece of a longer password: never fewer
/// than zxcvbn's minimum for a submatch (`minimums`, from
/// [`submatch_minimums`]).
fn effective(m: &Match, n: usize, minimums: &[[f64; 2]; 2]) -> f64 {
    let len = m.j - m.i + 1;
    if len >= n {
        return m.log2_guesses.max(0.0);
    }
    let min = minimums[usize::from(len > 1)][usize::from(m.pattern == Pattern::Bruteforce)];
    m.log2_guesses.max(min)
}

fn log2_factorial(l: usize) -> f64 {
    (2..=l).map(|k| (k as f64).log2()).sum()
}

/// [`log2_factorial`] of 0 to [`MAX_PIECES`], computed once per estimate
/// rather than at each of the search's updates (natively, with the sums
/// below, a third of a 29-character passphrase's estimate went to `log2`).
fn log2_factorials() -> [f64; MAX_PIECES + 1] {
    std::array::from_fn(log2_factorial)
}

#[derive(Clone, Copy)]
struct Cell {
    m: Match,
    pi: f64,
    g: f64,
}

/// zxcvbn's `mostGuessableMatchSequence`, in `log2` space.
fn most_guessable(chars: &[char], matches: Vec<Match>) -> Estimate {
    let n = chars.len();
    if n == 0 {
        return Estimate {
            bits: 0.0,
            sequence: Vec::new(),
            years: Vec::new(),
        };
    }
    let mut by_end: Vec<Vec<Match>> = vec![Vec::new(); n];
    for m in matches {
        if m.j < n && m.i <= m.j {
            by_end[m.j].push(m);
        }
    }
    // optimal[k][l]: the best cover of chars[..=k] by l pieces, ending in m.
    let mut optimal: Vec<Vec<Option<Cell>>> = vec![vec![None; MAX_PIECES + 1]; n];
    let factorials = log2_factorials();
    let minimums = submatch_minimums();
    let update = |optimal: &mut Vec<Vec<Option<Cell>>>, m: Match, l: usize| {
        let k = m.j;
        let Some(&log2_l_factorial) = factorials.get(l) else {
            return; // more than MAX_PIECES
        };
        let mut pi = effective(&m, n, &minimums);
        if l > 1 {
            let before = m.i.checked_sub(1).and_then(|p| optimal.get(p));
            match before.and_then(|row| row.get(l - 1)).copied().flatten() {
                Some(prev) => pi += prev.pi,
                None => return,
            }
        }
        let (a, b) = (
            log2_l_factorial + pi,
            (l - 1) as f64 * LOG2_MIN_GUESSES_BEFORE_GROWING_SEQUENCE,
        );
        let Some(row) = optimal.get_mut(k) else {
            return;
        };
        // `log2_add(a, b)` is never below the larger of the two, so a cell
        // at or below that beats this cover without computing it (most
        // updates of a long password: `exp2` and `log2` were 38 % of a
        // 128-character password's estimate, natively).
        if row.iter().take(l + 1).flatten().any(|c| c.g <= a.max(b)) {
            return;
        }
        let g = log2_add(a, b);
        if row.iter().take(l + 1).flatten().any(|c| c.g <= g) {
            return;
        }
        if let Some(cell) = row.get_mut(l) {
            *cell = Some(Cell { m, pi, g });
        }
    };
    // brute[i]: the guesses to brute-force characters i..=k, grown by one
    // character at each k, in the order a sum over i..=k would add them
    // (the same bits), instead of summed again for every (i, k).
    let mut brute: Vec<f64> = Vec::with_capacity(n);
    for (k, ending) in by_end.into_iter().enumerate() {
        let bits = chars.get(k).copied().map_or(0.0, bruteforce_bits);
        for b in brute.iter_mut() {
            *b += bits;
        }
        brute.push(bits);
        for m in ending {
            if m.i > 0 {
                for l in 1..MAX_PIECES {
                    if optimal[m.i - 1][l].is_some() {
                        update(&mut optimal, m, l + 1);
                    }
                }
            } else {
                update(&mut optimal, m, 1);
            }
        }
        let bruteforce = |i: usize| Match {
            i,
            j: k,
            log2_guesses: brute.get(i).copied().unwrap_or_default(),
            pattern: Pattern::Bruteforce,
        };
        update(&mut optimal, bruteforce(0), 1);
        for i in 1..=k {
            let m = bruteforce(i);
            for l in 1..MAX_PIECES {
                let Some(prev) = optimal[i - 1][l] else {
                    continue;
                };
                if prev.m.pattern == Pattern::Bruteforce {
                    continue;
                }
                update(&mut optimal, m, l + 1);
            }
        }
    }
    // Unwind from the cheapest cover of the whole password.
    let mut best: Option<(usize, f64)> = None;
    for (l, c) in optimal[n - 1].iter().enumerate() {
        if let Some(c) = c {
            if best.is_none_or(|(_, g)| c.g < g) {
                best = Some((l, c.g));
            }
        }
    }
    let Some((mut l, bits)) = best else {
        return Estimate {
            bits: 0.0,
            sequence: Vec::new(),
            years: Vec::new(),
        };
    };
    let mut sequence = Vec::new();
    let mut k = n - 1;
    while let Some(c) = optimal[k].get(l).copied().flatten() {
        sequence.push(c.m);
        if c.m.i == 0 || l <= 1 {
            break;
        }
        k = c.m.i - 1;
        l -= 1;
    }
    sequence.reverse();
    Estimate {
        bits,
        sequence,
        years: Vec::new(),
    }
}
